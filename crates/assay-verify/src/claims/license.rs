//! The licence the assessment names for the project: is it the one the LICENSE file holds?

use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_model::vocabulary as v;
use assay_model::{Severity, Status, detail};
use regex::Regex;
use serde_json::Value;

use crate::{Claim, Facts, Fix, Verdict, VerifyReport, first_evidence, re, section_of, sentence};

crate::verify_rule!(
    LICENSE_MISMATCH,
    "AV014",
    "license-mismatch",
    Severity::Error,
    "The licence the assessment names is not the one in the repository's LICENSE file.",
    "## What\nThe metadata's Licence row, or a sentence saying the project \"is licensed under\" a licence, compared with the SPDX id the scan matched in the LICENSE file.\n\n## Why\nAdopters decide on the licence; a stale one misleads them.\n\n## Example\nThe text says MIT; LICENSE holds the Apache License 2.0.\n\n## Fix\nName the licence in the LICENSE file.",
    "name the licence in the LICENSE file"
);

/// A licence as written, and the SPDX id it means.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bApache(?:[- ]License)?,?[- ](?:v(?:ersion)?\s?)?2(?:\.0)?\b|\bMIT\b|\bBSD[- ]3[- ]Clause\b|\bBSD[- ]2[- ]Clause\b|\bMPL[- ]?2(?:\.0)?\b|\bGPL[- ]?v?3\b|\bGPL[- ]?v?2\b|\bLGPL\b|\bISC\b",
    )
});
static LICENSED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:is|are) (?:released |distributed |available )?(?:licen[cs]ed )?under\b")
});

fn spdx(named: &str) -> &'static str {
    let n = named.to_uppercase().replace(['-', ' ', ','], "");
    if n.starts_with("APACHE") {
        "Apache-2.0"
    } else if n == "MIT" {
        "MIT"
    } else if n.starts_with("BSD3") {
        "BSD-3-Clause"
    } else if n.starts_with("BSD2") {
        "BSD-2-Clause"
    } else if n.starts_with("MPL") {
        "MPL-2.0"
    } else if n.starts_with("LGPL") {
        "LGPL"
    } else if n.contains('3') {
        "GPL-3.0"
    } else if n.starts_with("GPL") {
        "GPL-2.0"
    } else {
        "ISC"
    }
}

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(f) = facts
        .get(v::LICENSE.id)
        .filter(|f| f.status == Status::Present)
    else {
        return;
    };
    let Some(have) = f.details.get(detail::SPDX).and_then(Value::as_str) else {
        return;
    };
    let text = doc.text.as_str();
    let row = assay_lint::rules::metadata_row(doc, "license")
        .or_else(|| assay_lint::rules::metadata_row(doc, "licence"));
    let in_row = row.and_then(|r| {
        NAMED
            .find(doc.slice(&r.range))
            .map(|m| r.range.start + m.start()..r.range.start + m.end())
    });
    let own = doc
        .headings
        .first()
        .and_then(|h| h.text.split_whitespace().next())
        .map(str::to_lowercase);
    let in_prose = || {
        NAMED
            .find_iter(text)
            .find(|m| {
                let s = sentence(text, m.start());
                // About the project itself, not a dependency or a base image.
                let own = own.as_deref().is_some_and(|o| s.to_lowercase().contains(o))
                    || s.to_lowercase().contains("the project");
                own && LICENSED.is_match(s) && crate::claim_at(doc, m.start())
            })
            .map(|m| m.range())
    };
    let Some(range) = in_row.or_else(in_prose) else {
        return;
    };
    let said = &text[range.clone()];
    let means = spdx(said);
    let backed = have.eq_ignore_ascii_case(means) || (means == "LGPL" && have.starts_with("LGPL"));
    out.claims.push(Claim {
        kind: "license",
        claim: said.to_owned(),
        section: section_of(doc, range.start),
        verdict: if backed {
            Verdict::Backed
        } else {
            Verdict::Contradicted
        },
        reason: format!("the LICENSE file holds {have}"),
        evidence: first_evidence(f),
        code: LICENSE_MISMATCH.code,
        fix: (!backed).then(|| Fix {
            range: range.clone(),
            text: have.to_owned(),
        }),
        suggestion: (!backed).then(|| have.to_owned()),
        range,
        ..Claim::default()
    });
}
