use assay_model::Severity;

use super::metadata::{anchor, row};
use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL006",
    name: "invalid-security-provider",
    severity: Severity::Error,
    summary: "The metadata's Security Provider is not Yes or No.",
    doc: "## What\nReads the Security Provider row of the metadata table and reports a missing row or an answer that neither starts with Yes or No nor says in so many words that the project is, or is not, a security provider (`X is not a security provider`).\n\n## Why\nThe outline asks a yes-or-no question: is the project's primary purpose to secure other systems? Reviewers sort projects by it.\n\n## Example\n`| Security Provider | Partially |`\n\n## Fix\nAnswer Yes or No; a short reason may follow.",
    help: "answer Yes or No",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let Some(at) = anchor(cx.doc) else {
        return Vec::new();
    };
    match row(cx.doc, "security provider") {
        None => vec![Hit::new(
            at,
            "the metadata table has no Security Provider row",
        )],
        Some(r) => {
            let first = r
                .text
                .split(|c: char| !c.is_alphabetic())
                .find(|w| !w.is_empty())
                .unwrap_or_default()
                .to_ascii_lowercase();
            if first == "yes" || first == "no" || states_an_answer(&r.text) {
                Vec::new()
            } else {
                vec![Hit::new(
                    r.range,
                    format!("Security Provider is \"{}\"", r.text),
                )]
            }
        }
    }
}

/// `X is a security provider ...` or `X is not a security provider`: a yes or a no in a
/// sentence.
fn states_an_answer(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(4)
        .any(|w| matches!(w[0].as_str(), "is" | "not") && w[1..] == ["a", "security", "provider"])
}

#[cfg(test)]
mod tests {
    use super::states_an_answer;

    #[test]
    fn a_sentence_that_answers_is_an_answer() {
        assert!(states_an_answer("CloudEvents is not a security provider"));
        assert!(states_an_answer(
            "Flux is a security provider in a GitOps context"
        ));
        assert!(!states_an_answer("Partially"));
        assert!(!states_an_answer("a security provider? maybe"));
    }
}
