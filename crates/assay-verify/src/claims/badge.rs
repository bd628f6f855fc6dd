//! `OpenSSF` Best Practices project numbers in the assessment: is it the badge the
//! repository's README shows?

use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_model::vocabulary as v;
use assay_model::{Severity, detail};
use regex::Regex;
use serde_json::Value;

use crate::{Claim, Facts, Fix, Verdict, VerifyReport, first_evidence, re, section_of};

crate::verify_rule!(
    BADGE_ID_MISMATCH,
    "AV010",
    "badge-id-mismatch",
    Severity::Error,
    "The OpenSSF Best Practices project number in the assessment is not the one the repository's badge shows.",
    "## What\nLinks to bestpractices.dev (or the older bestpractices.coreinfrastructure.org) project pages, compared with the project numbers of the badges in the README and community documents. An error when the repository shows another number; a warning when it shows no badge (it may be on the website only).\n\n## Why\nA wrong number sends reviewers to another project's answers.\n\n## Example\nThe text links project 1234; the README's badge is project 5678.\n\n## Fix\nLink the project page the README's badge links.",
    "link the project page the README's badge links"
);

static PROJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:bestpractices\.dev|bestpractices\.coreinfrastructure\.org)/(?:[a-z]{2}(?:-[a-z]{2})?/)?projects/(\d+)",
    )
});

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let badge = facts.found(v::BEST_PRACTICES_BADGE.id);
    let shown: Vec<String> = badge
        .and_then(|f| f.details.get(detail::PROJECTS))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect();
    // When the text also links the repository's own badge, other numbers are other
    // projects (an earlier incarnation, a sibling): not claims about this one.
    let own_linked = PROJECT
        .captures_iter(&doc.text)
        .filter_map(|c| c.get(1))
        .any(|id| shown.iter().any(|s| s == id.as_str()));
    let mut seen: Vec<&str> = Vec::new();
    for c in PROJECT.captures_iter(&doc.text) {
        let Some(id) = c.get(1) else {
            continue;
        };
        if seen.contains(&id.as_str()) || doc.comments.iter().any(|r| r.contains(&id.start())) {
            continue;
        }
        seen.push(id.as_str());
        let mut claim = Claim {
            kind: "badge",
            claim: c.get(0).map_or_else(String::new, |m| m.as_str().to_owned()),
            section: section_of(doc, id.start()),
            range: id.range(),
            code: BADGE_ID_MISMATCH.code,
            evidence: badge.map(first_evidence).unwrap_or_default(),
            ..Claim::default()
        };
        if shown.iter().any(|s| s == id.as_str()) {
            claim.reason = String::from("the repository's badge links this project");
        } else if own_linked {
            continue;
        } else if let Some(other) = shown.first() {
            claim.verdict = Verdict::Contradicted;
            claim.reason = format!("the repository's badge links project {other}");
            claim.suggestion = Some(format!("project {other}"));
            // Every mention of the number on its line (a badge's image and its link).
            let line_end = doc.text[id.end()..]
                .find('\n')
                .map_or(doc.text.len(), |i| id.end() + i);
            let from = c.get(0).map_or(id.start(), |m| m.start());
            let last = PROJECT
                .captures_iter(&doc.text[from..line_end])
                .filter_map(|c| c.get(1))
                .filter(|m| m.as_str() == id.as_str())
                .last()
                .map_or(id.end(), |m| from + m.end());
            let span = from..last;
            claim.fix = Some(Fix {
                text: doc.text[span.clone()].replace(
                    &format!("projects/{}", id.as_str()),
                    &format!("projects/{other}"),
                ),
                range: span,
            });
        } else {
            claim.verdict = Verdict::NotFound;
            claim.elsewhere = true;
            claim.reason = String::from(
                "the repository's README and community documents show no Best Practices badge; it may be shown only on the website, so check the project page is still the project's",
            );
        }
        out.claims.push(claim);
    }
}
