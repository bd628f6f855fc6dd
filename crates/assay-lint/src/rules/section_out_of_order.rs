use assay_model::Severity;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL015",
    name: "section-out-of-order",
    severity: Severity::Warning,
    summary: "A top-level outline section comes before one the outline puts ahead of it.",
    doc: "## What\nCompares the order of the top-level sections (Metadata, Overview, ... Appendix) in the document with the outline revision it is checked against (see `--outline`), and reports each that comes earlier than it should.\n\n## Why\nReviewers compare assessments section by section; a different order slows them down.\n\n## Example\n`## Appendix` before `## Security issue resolution`.\n\n## Fix\nMove the section to its place in the outline.",
    help: "move the section to its place in the outline",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let rank = |id: &str| {
        cx.outline
            .parts()
            .iter()
            .filter(|s| s.depth == 1)
            .position(|s| s.id == id)
    };
    let mut highest: Option<(usize, &str)> = None;
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for h in &cx.doc.headings {
        let Some(id) = h.outline else { continue };
        let Some(r) = rank(id) else { continue };
        if !seen.insert(id) {
            continue;
        }
        match highest {
            Some((hr, hid)) if r < hr => out.push(Hit::new(
                h.range.clone(),
                format!(
                    "\"{}\" comes after \"{}\" but the outline puts it first",
                    h.text,
                    heading(cx, hid)
                ),
            )),
            _ => highest = Some((r, id)),
        }
    }
    out
}

fn heading<'a>(cx: &Context, id: &'a str) -> &'a str {
    cx.outline.part(id).map_or(id, |s| s.heading)
}
