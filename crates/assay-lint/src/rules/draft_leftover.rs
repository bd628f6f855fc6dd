use std::sync::LazyLock;

use assay_model::Severity;
use regex::Regex;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL004",
    name: "draft-leftover",
    severity: Severity::Error,
    summary: "Working-draft notes are left in: `reference:` or `todo:` lines, or assay's TODO questions.",
    doc: "## What\nReports lines that start with `reference:` or `todo:` (working-draft notes) and assay's own open questions (`> TODO: ...` and `**TODO:**` in tables).\n\n## Why\nA finished assessment has answered its questions; a leftover note tells a reviewer the section is unfinished.\n\n## Example\n`reference: https://github.com/org/project/blob/main/SECURITY.md`\n\n## Fix\nAnswer the question or fold the reference into the text, then delete the note.",
    help: "answer the note or question in prose, then remove it",
    check,
};

static LEFTOVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?im)^[ \t]*(?:>[ \t]*)?(?:[*+-][ \t]+)?(?:\*\*)?(reference|todo)[ \t]*:|\*\*TODO:\*\*",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

fn check(cx: &Context) -> Vec<Hit> {
    LEFTOVER
        .find_iter(&cx.doc.text)
        .map(|m| {
            let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
            let kind = if m.as_str().to_lowercase().contains("reference") {
                "a `reference:` note"
            } else {
                "an open TODO"
            };
            Hit::new(start..m.end(), format!("{kind} is left in the document"))
        })
        .collect()
}
