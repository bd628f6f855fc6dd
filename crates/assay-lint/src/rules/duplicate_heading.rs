use std::collections::HashMap;

use assay_model::Severity;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL012",
    name: "duplicate-heading",
    severity: Severity::Warning,
    summary: "The same outline section appears under two headings.",
    doc: "## What\nReports a second heading for an outline section that already has one (two `Metadata` sections, two `Goals`).\n\n## Why\nReaders and tools take the first and miss what the second says; links to the anchor reach only the first.\n\n## Example\n`## Goals` under Overview and again under Security functions.\n\n## Fix\nMerge the two sections, or rename the second to say what it is about.",
    help: "merge the sections or rename the second one",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, h) in cx.doc.headings.iter().enumerate() {
        let Some(id) = h.outline else { continue };
        // Internal/Inbound/Outbound repeat legitimately under other parents.
        if matches!(id, "internal" | "inbound" | "outbound") {
            continue;
        }
        match first.get(id) {
            Some(&j) => out.push(Hit::new(
                h.range.clone(),
                format!(
                    "\"{}\" repeats the section first headed at line {}",
                    h.text,
                    cx.doc.lines.line_of(cx.doc.headings[j].range.start)
                ),
            )),
            None => {
                first.insert(id, i);
            }
        }
    }
    out
}
