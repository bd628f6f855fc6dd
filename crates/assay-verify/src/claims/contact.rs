//! Reporting addresses in Security issue resolution: does the repository's own policy,
//! `SECURITY_CONTACTS` or Security Insights file give each?

use assay_lint::document::Document;
use assay_model::patterns::EMAIL;
use assay_model::vocabulary as v;
use assay_model::{Finding, Severity, detail};

use serde_json::Value;

use crate::{Claim, Facts, Fix, Verdict, VerifyReport, first_evidence, section_of};

/// The policy's first reporting channel: an address, a form or a named forge feature.
fn current_address(policy: &Finding) -> Option<String> {
    [
        detail::REPORTING_EMAILS,
        detail::REPORTING_CHANNELS,
        detail::REPORTING_URLS,
    ]
    .into_iter()
    .find_map(|k| {
        policy
            .details
            .get(k)
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            .map(str::to_owned)
    })
}

crate::verify_rule!(
    CONTACT_NOT_FOUND,
    "AV003",
    "contact-not-found",
    Severity::Error,
    "A security contact in the assessment is not in the repository's policy or contact files.",
    "## What\nEmail addresses given for security reports, checked against the security policy, SECURITY_CONTACTS, Security Insights and community documents.\n\n## Why\nA reporter who writes to a retired address is not heard.\n\n## Example\nThe text says to write to sec-old@lists.example; SECURITY.md now names a form.\n\n## Fix\nCopy the current channel from the security policy.",
    "copy the current reporting channel from the security policy"
);

/// The security policy, contact files and Security Insights, serialised and lower-cased:
/// where a reporting address must appear to back a claim.
fn contact_haystack(facts: &Facts) -> String {
    let contacts: Vec<&Finding> = [
        &v::SECURITY_POLICY,
        &v::SECURITY_CONTACTS,
        &v::SECURITY_TXT,
        &v::SECURITY_INSIGHTS,
    ]
    .into_iter()
    .filter_map(|k| facts.get(k.id))
    .collect();
    serde_json::to_string(&contacts)
        .unwrap_or_default()
        .to_lowercase()
}

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(s) = doc.section("security-issue-resolution") else {
        return;
    };
    // Without a policy in this repository, its contacts live elsewhere: nothing to check.
    let Some(policy) = facts.found(v::SECURITY_POLICY.id) else {
        return;
    };
    let body = doc.logical_body(s);
    let text = doc.slice(&body);
    let hay = contact_haystack(facts);
    for m in EMAIL.find_iter(text) {
        let email = m.as_str().to_lowercase();
        let at = body.start + m.start();
        let backed = hay.contains(&email);
        let instead = (!backed).then(|| current_address(policy)).flatten();
        out.claims.push(Claim {
            kind: "contact",
            claim: m.as_str().to_owned(),
            section: section_of(doc, at),
            verdict: if backed { Verdict::Backed } else { Verdict::NotFound },
            reason: if backed {
                format!("{email} appears in the repository's security policy or contact files")
            } else {
                format!("{email} is not in the repository's security policy, SECURITY_CONTACTS or Security Insights file")
            },
            evidence: first_evidence(policy),
            range: at..at + m.len(),
            code: CONTACT_NOT_FOUND.code,
            fix: instead.as_ref().filter(|i| EMAIL.is_match(i)).map(|text| Fix {
                range: at..at + m.len(),
                text: text.clone(),
            }),
            suggestion: instead.map(|i| format!("{i} (the channel the security policy gives)")),
            ..Claim::default()
        });
    }
}
