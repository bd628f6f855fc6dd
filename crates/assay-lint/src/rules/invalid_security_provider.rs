use assay_model::Severity;

use super::metadata::{anchor, row};
use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL006",
    name: "invalid-security-provider",
    severity: Severity::Error,
    summary: "The metadata's Security Provider is not Yes or No.",
    doc: "## What\nReads the Security Provider row of the metadata table and reports a missing row or an answer that does not start with Yes or No.\n\n## Why\nThe outline asks a yes-or-no question: is the project's primary purpose to secure other systems? Reviewers sort projects by it.\n\n## Example\n`| Security Provider | Partially |`\n\n## Fix\nAnswer Yes or No; a short reason may follow.",
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
            if first == "yes" || first == "no" {
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
