use assay_model::Severity;

use super::metadata::{anchor, row};
use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL005",
    name: "invalid-assessment-stage",
    severity: Severity::Error,
    summary: "The metadata's Assessment Stage is not Incomplete, Complete or Obsolete.",
    doc: "## What\nReads the Assessment Stage row of the metadata table and reports a missing row or a value other than Incomplete, Complete or Obsolete. The row is part of the outline since its 2024 revision; documents checked against an older one are not asked for it.\n\n## Why\nThe stage is what indexes and reviewers filter on; free text breaks that.\n\n## Example\n`| Assessment Stage | In review |`\n\n## Fix\nWrite exactly one of Incomplete, Complete or Obsolete.",
    help: "use Incomplete, Complete or Obsolete",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    // The row arrived with the 2024 revision of the outline.
    if !cx.outline.has_metadata_row("assessment stage") {
        return Vec::new();
    }
    let Some(at) = anchor(cx.doc) else {
        return Vec::new();
    };
    match row(cx.doc, "assessment stage") {
        None => vec![Hit::new(
            at,
            "the metadata table has no Assessment Stage row",
        )],
        Some(r) => {
            let v = r.text.trim_end_matches(['.', ' ']).to_ascii_lowercase();
            if matches!(v.as_str(), "incomplete" | "complete" | "obsolete") {
                Vec::new()
            } else {
                vec![Hit::new(
                    r.range,
                    format!("Assessment Stage is \"{}\"", r.text),
                )]
            }
        }
    }
}
