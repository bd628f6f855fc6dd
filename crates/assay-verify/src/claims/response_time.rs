//! Response times promised in Security issue resolution: does the security policy state
//! them? Checked only against a policy that states some times.

use assay_lint::document::Document;
use assay_model::patterns::{DURATION, normalise_duration};
use assay_model::vocabulary as v;
use assay_model::{Severity, detail};
use serde_json::Value;

use crate::{Claim, Facts, Fix, Verdict, VerifyReport, first_evidence, section_of, sentence};

crate::verify_rule!(
    RESPONSE_TIME_NOT_FOUND,
    "AV008",
    "response-time-not-found",
    Severity::Error,
    "A response time the assessment promises is not in the security policy.",
    "## What\nTimes in the Security issue resolution section (\"within 3 business days\") looked for among the times the security policy states.\n\n## Why\nReporters hold the project to the policy, not to an old assessment.\n\n## Example\nThe text promises 3 business days; SECURITY.md states 7 days.\n\n## Fix\nQuote the policy's current times.",
    "quote the policy's current times"
);

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(s) = doc.section("security-issue-resolution") else {
        return;
    };
    let Some(policy) = facts.found(v::SECURITY_POLICY.id) else {
        return;
    };
    let stated: Vec<String> = policy
        .details
        .get(detail::STATED_TIMES)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(normalise_duration))
                .collect()
        })
        .unwrap_or_default();
    if stated.is_empty() {
        return; // the times may be in a policy kept elsewhere
    }
    let body = doc.logical_body(s);
    let text = doc.slice(&body);
    for m in DURATION.find_iter(text) {
        let s = sentence(text, m.start()).to_lowercase();
        if !(s.contains("respon")
            || s.contains("acknowledg")
            || s.contains("reply")
            || s.contains("within"))
        {
            continue;
        }
        let phrase = normalise_duration(m.as_str());
        let at = body.start + m.start();
        let backed = stated.contains(&phrase);
        out.claims.push(Claim {
            kind: "response-time",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            verdict: if backed {
                Verdict::Backed
            } else {
                Verdict::NotFound
            },
            reason: if backed {
                format!("the security policy states {phrase}")
            } else {
                format!("the security policy states {}", stated.join(", "))
            },
            evidence: first_evidence(policy),
            range: at..at + m.len(),
            code: RESPONSE_TIME_NOT_FOUND.code,
            // Only one stated time says unambiguously what to write instead.
            fix: (!backed && stated.len() == 1).then(|| Fix {
                range: at..at + m.len(),
                text: stated[0].clone(),
            }),
            suggestion: (!backed).then(|| stated.join(" or ")),
            ..Claim::default()
        });
    }
}
