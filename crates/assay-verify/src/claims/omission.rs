//! Practices the repository shows that the assessment never mentions (a warning).

use assay_lint::document::Document;
use assay_model::{Category, Finding, Severity, Status};
use assay_scan::Catalog;

use crate::{Facts, Omission, VerifyReport, first_evidence};

crate::verify_rule!(
    PRACTICE_OMITTED,
    "AV009",
    "practice-omitted",
    Severity::Warning,
    "The repository shows a practice the assessment never mentions.",
    "## What\nPractices the scan finds in place (fuzzing, SBOM, signing, secret scanning ...) that no word of the assessment names.\n\n## Why\nAn assessment should give the project credit for what it does; reviewers otherwise record a gap.\n\n## Example\nThe project runs Go fuzz tests in CI; the assessment says nothing about fuzzing.\n\n## Fix\nDescribe the practice in Secure development practices.",
    "describe the practice in Secure development practices"
);

pub(crate) fn check(doc: &Document, facts: &Facts, catalog: &Catalog, out: &mut VerifyReport) {
    let lower = doc.text.to_lowercase();
    for category in Category::ALL {
        let words = category.info().mentions;
        if words.is_empty() {
            continue;
        }
        let label = category.title();
        let present: Vec<&Finding> = facts
            .category_found(category)
            .into_iter()
            .filter(|f| f.status == Status::Present)
            .collect();
        let Some(first) = present.first() else {
            continue;
        };
        let names_mentioned = present.iter().any(|f| {
            catalog
                .get(&f.id)
                .is_some_and(|e| lower.contains(&e.spec.name.to_lowercase()))
        });
        if names_mentioned || words.iter().any(|w| lower.contains(w)) {
            continue;
        }
        out.omissions.push(Omission {
            practice: label.to_owned(),
            reason: format!(
                "{label}: the repository shows it ({}), and the assessment never mentions it",
                first.title
            ),
            evidence: first_evidence(first),
            repository: None,
        });
    }
}
