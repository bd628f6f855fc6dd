//! DCO sign-off and commit signing stated as practices, against the history figures.

use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_model::vocabulary as v;
use assay_model::{Finding, Severity, Status, detail};
use regex::Regex;
use serde_json::Value;

use crate::{
    Claim, Facts, Verdict, VerifyReport, first_evidence, negated, practices_body, re, section_of,
    sentence,
};

crate::verify_rule!(
    PRACTICE_CONTRADICTED,
    "AV007",
    "practice-contradicted",
    Severity::Error,
    "A practice the assessment states is contradicted by the history's figures.",
    "## What\nStatements that commits are signed off (DCO) or signed, compared with the share of commits in the history window that are.\n\n## Why\nA requirement that most commits do not meet is not enforced.\n\n## Example\n\"All commits are signed\" while 12% carry a signature.\n\n## Fix\nState what is required and what is enforced, with the figure.",
    "state what is required and what is enforced"
);

static DCO_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bDCO\b|developer certificate of origin|signed-off-by|\bsign[- ]off\b|\bsigned off\b")
});
static SIGNED_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:gpg|ssh)[- ]signed commits|\bsigned commits\b|\bcommits (?:are|must be|should be) (?:cryptographically |gpg[- ])?signed\b(?:[- ]off)?|\bcommit signing\b|\bsign (?:their |all |every )?commits?\b(?:[- ]off)?",
    )
});

fn percent(f: &Finding, key: &str) -> Option<f64> {
    f.details.get(key).and_then(Value::as_f64)
}

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(body) = practices_body(doc) else {
        return;
    };
    let text = doc.slice(&body);
    for (pattern, kind, key, what) in [
        (
            &*DCO_CLAIM,
            &v::COMMITS_DCO,
            detail::SIGNED_OFF_PERCENT,
            "signed off",
        ),
        (
            &*SIGNED_CLAIM,
            &v::COMMITS_SIGNED,
            // Signatures GitHub adds on web merges are not the contributors' own.
            detail::SIGNED_OWN_PERCENT,
            "signed by their committers",
        ),
    ] {
        // "signed-off" is a DCO sign-off, not a signature; hedged sentences ("contributors
        // are encouraged to sign") state no requirement.
        let Some(m) = pattern.find_iter(text).find(|m| {
            let sign_off =
                kind.id == v::COMMITS_SIGNED.id && m.as_str().to_lowercase().ends_with("off");
            let label = text[m.end()..].starts_with(':');
            !sign_off && !label && crate::claim_at(doc, body.start + m.start())
        }) else {
            continue;
        };
        let Some(f) = facts.get(kind.id) else {
            continue;
        };
        let Some(share) = percent(f, key) else {
            continue;
        };
        if f.details.contains_key(detail::COVERAGE) || f.status == Status::Unknown {
            // A shallow or partial history, or one whose commits were all made on the
            // forge's web interface, cannot contradict anything.
            continue;
        }
        let at = body.start + m.start();
        let negative = negated(text, m.start());
        // A sign-off rule that most but not all commits follow, written nowhere in the
        // repository: a DCO app may enforce it from outside, or nothing does.
        let unwritten = kind.id == v::COMMITS_DCO.id
            && facts.found(v::DCO_REQUIRED.id).is_none()
            && (50.0..90.0).contains(&share);
        let (verdict, code) = match (negative, share) {
            (false, s) if s < 50.0 => (Verdict::Contradicted, PRACTICE_CONTRADICTED.code),
            (true, s) if s >= 90.0 => (Verdict::Contradicted, PRACTICE_CONTRADICTED.code),
            (false, _) if unwritten => (Verdict::NotFound, PRACTICE_CONTRADICTED.code),
            _ => (Verdict::Backed, ""),
        };
        out.claims.push(Claim {
            kind: "practice",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            verdict,
            reason: if unwritten && verdict == Verdict::NotFound {
                format!(
                    "no contribution document asks for a sign-off and {share}% of commits in the history window are {what}; if a DCO check outside the repository enforces it, say so: {}",
                    f.title
                )
            } else {
                format!("{share}% of commits in the history window are {what}: {}", f.title)
            },
            elsewhere: verdict == Verdict::NotFound,
            evidence: first_evidence(f),
            range: at..at + m.len(),
            code,
            suggestion: (verdict == Verdict::Contradicted).then(|| {
                format!("state the measured share: {share}% of commits in the window are {what}")
            }),
            ..Claim::default()
        });
    }
}
