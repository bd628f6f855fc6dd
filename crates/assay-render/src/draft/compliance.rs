//! Project compliance: standards and scorecards the project references.

use assay_model::Section;
use assay_model::vocabulary as v;

use super::overview::quotes;
use super::{Facts, list, question, said, sec, stmt};

/// Sentences naming a standard that the draft quotes.
const CLAIMS_SHOWN: usize = 5;

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("project-compliance");
    let mut items = Vec::new();
    if let Some(f) = x.found(&v::DOCS_COMPLIANCE) {
        items.push(said(f));
    }
    for kind in [
        &v::BEST_PRACTICES_BADGE,
        &v::SCORECARD_BADGE,
        &v::CLOMONITOR,
    ] {
        if let Some(f) = x.found(kind) {
            items.push(said(f));
        }
    }
    s.blocks
        .extend(list(Some("Standards and scorecards referenced"), items));
    s.blocks.extend(super::baseline::blocks(x));
    if let Some(f) = x.found(&v::COMPLIANCE_CLAIMS) {
        let claims = quotes(f)
            .into_iter()
            .take(CLAIMS_SHOWN)
            .map(|q| {
                stmt(
                    format!("{} says: “{}”", q.path, q.sentence),
                    vec![q.cite(f)],
                )
            })
            .collect();
        s.blocks.extend(list(
            Some("Standards the documentation names (check each is a claim the project makes, not a mention)"),
            claims,
        ));
    }
    s.blocks.push(question(format!(
        "Is {p} documented as meeting any security standard (for example FIPS 140-3, PCI-DSS, ISO 27001, SOC 2)? If it is not, say so explicitly."
    )));
    s
}
