use assay_model::Severity;

use super::{Context, Hit, Rule};
use crate::document::Document;
use crate::outline::{OutlineVersion, Part};

pub static RULE: Rule = Rule {
    code: "AL001",
    name: "required-section-missing",
    severity: Severity::Error,
    summary: "A section the outline revision the document follows requires is not in it.",
    doc: "## What\nReports each required section of the outline revision the document is checked against (see `--outline`; by default the revision the document follows) that the document does not have. A top section counts when a heading names it. A part of a section (Background, Development Pipeline, Incident Response ...) also counts when a line inside its section opens with its name, the way the outline itself lists them (`* Development Pipeline. ...`, `**Ecosystem:**`). Parts the outline asks inside another part (Internal, Inbound, Outbound; Vulnerability Response Process) are left to their parent and to channels-missing-parts.\n\n## Why\nReviewers read assessments side by side; a missing section is a question left unanswered, and the index that tooling builds from the outline has a hole.\n\n## Example\nA document that follows the 2023 outline, with `## Overview` but neither an `### Actors` heading nor a line starting with `Actors`.\n\n## Fix\nAdd the section under its parent heading. If it truly does not apply, keep the heading and say why in a sentence.",
    help: "add a heading for the section (any level; numbering and case do not matter)",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let doc = cx.doc;
    let at = doc.headings.first().map_or(0..0, |h| h.range.clone());
    cx.outline
        .parts()
        .iter()
        .filter(|s| s.required && s.depth <= 2)
        .filter(|s| !present(doc, cx.outline, s))
        .map(|s| Hit::new(at.clone(), message(doc, cx.outline, s)))
        .collect()
}

/// A heading names the part, or (for a part of a section) a line opens with its name:
/// inside that section, or anywhere when the section itself is missing (that is reported
/// once, for the section).
fn present(doc: &Document, v: OutlineVersion, part: &Part) -> bool {
    if doc.section(part.id).is_some() {
        return true;
    }
    if part.depth == 1 {
        return false;
    }
    let body = v
        .top_of(part.id)
        .and_then(|t| doc.section(t.id))
        .map_or(0..doc.text.len(), |top| doc.logical_body(top));
    doc.labels
        .iter()
        .any(|l| l.outline == part.id && body.contains(&l.range.start))
}

fn message(doc: &Document, v: OutlineVersion, part: &Part) -> String {
    let top = v.top_of(part.id).filter(|_| part.depth > 1);
    match top {
        Some(top) if doc.section(top.id).is_some() => format!(
            "the {v} outline's \"{}\" is missing: no heading names it and no line in \"{}\" opens with its name",
            part.heading, top.heading
        ),
        Some(_) => format!(
            "the {v} outline's \"{}\" is missing: no heading names it and no line opens with its name",
            part.heading
        ),
        None => format!(
            "the {v} outline's \"{}\" section is missing: no heading names it",
            part.heading
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(text: &str) -> Vec<String> {
        let doc = Document::parse("a.md", text.to_owned());
        let cx = Context {
            doc: &doc,
            repo: None,
            outline: OutlineVersion::V2021,
        };
        check(&cx).into_iter().map(|h| h.message).collect()
    }

    #[test]
    fn a_part_counts_as_a_heading_or_as_a_line_opening_with_its_name() {
        let text = "# P\n## Secure development practices\n### Development Pipeline\nx\n* Communication Channels. y\n";
        let m = missing(text);
        assert!(!m.iter().any(|m| m.contains("\"Development Pipeline\"")));
        assert!(!m.iter().any(|m| m.contains("\"Communication Channels\"")));
        assert!(m.iter().any(|m| m.contains(
            "\"Ecosystem\" is missing: no heading names it and no line in \"Secure development practices\" opens"
        )));
    }

    #[test]
    fn without_its_section_a_part_may_be_labelled_anywhere_and_the_section_is_reported_once() {
        let text =
            "# P\n## Security and vulnerabilities\nResponsible Disclosures Process: mail us.\n";
        let m = missing(text);
        assert!(
            m.iter()
                .any(|m| m.contains("\"Security issue resolution\" section is missing"))
        );
        assert!(
            !m.iter()
                .any(|m| m.contains("\"Responsible Disclosures Process\""))
        );
        assert!(m.iter().any(|m| m.contains(
            "\"Incident Response\" is missing: no heading names it and no line opens with its name"
        )));
    }
}
