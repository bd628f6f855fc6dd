use std::sync::LazyLock;

use assay_model::Severity;
use regex::Regex;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL003",
    name: "outline-example-text",
    severity: Severity::Error,
    summary: "The outline's invented examples or placeholders are still in the document.",
    doc: "## What\nReports the outline's invented example projects (Flibble, Flibber, Flocker, Noodles), its example links (`my.security.file`, `example.org/config`) and bracketed `[project]` placeholders.\n\n## Why\nThey show that part of the outline was copied without being adapted, and a reader may take an example for a claim about the project.\n\n## Example\n`This document serves to provide [project] users with ...`\n\n## Fix\nReplace each example or placeholder with the project's own name, links and facts.",
    help: "replace the example or placeholder with the project's own facts",
    check,
};

static EXAMPLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Flibble|Flibber|Flocker|Noodles)\b|my\.security\.file|example\.org/config|\[project\](?:[^(\[:]|$)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

fn check(cx: &Context) -> Vec<Hit> {
    EXAMPLES
        .find_iter(&cx.doc.text)
        .map(|m| {
            // The placeholder pattern also matched the character after it.
            let s = m.as_str();
            let text = if s.starts_with("[project]") {
                "[project]"
            } else {
                s
            };
            Hit::new(
                m.start()..m.start() + text.len(),
                format!("outline example text \"{text}\" is still here"),
            )
        })
        .collect()
}
