use assay_model::Severity;
use assay_model::outline::OUTLINE;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL001",
    name: "required-section-missing",
    severity: Severity::Error,
    summary: "A section the TAG-Security outline requires is not in the document.",
    doc: "## What\nReports each required outline section (Metadata, Security links, Overview and its parts, Self-assessment use, Security functions and features, Project compliance, Secure development practices and its parts, Security issue resolution and its parts, Appendix) that no heading names.\n\n## Why\nReviewers read assessments side by side; a missing section is a question left unanswered, and the index that tooling builds from the outline has a hole.\n\n## Example\nA document with `## Overview` but no `### Actors` heading.\n\n## Fix\nAdd the section under its parent heading. If it truly does not apply, keep the heading and say why in a sentence.",
    help: "add a heading for the section (any level; numbering and case do not matter)",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let doc = cx.doc;
    let at = doc.headings.first().map_or(0..0, |h| h.range.clone());
    OUTLINE
        .iter()
        .filter(|s| s.required)
        .filter(|s| doc.section(s.id).is_none())
        // Internal/Inbound/Outbound may be written as list items: channels-missing-parts
        // reports those.
        .filter(|s| !matches!(s.id, "internal" | "inbound" | "outbound"))
        .map(|s| {
            Hit::new(
                at.clone(),
                format!("the outline's \"{}\" section is missing", s.heading),
            )
        })
        .collect()
}
