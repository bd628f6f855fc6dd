//! The assessment says the project has a security policy, or that reports go through the
//! forge's private vulnerability reporting: does the repository's policy say so?

use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_model::vocabulary as v;
use assay_model::{Finding, Severity, detail};
use regex::Regex;
use serde_json::Value;

use crate::{Claim, Facts, Verdict, VerifyReport, first_evidence, re, section_of, sentence};

crate::verify_rule!(
    POLICY_NOT_FOUND,
    "AV011",
    "policy-not-found",
    Severity::Error,
    "The security policy the assessment refers to is not in the repository, or does not offer the reporting channel the text names.",
    "## What\nMentions of SECURITY.md or a security policy in Security issue resolution and the security links, and of private vulnerability reporting anywhere, checked against the policy the scan found. A warning when the repository has no policy (an organisation's .github repository may hold it: give that repository with another --repo); an error when the policy is there and offers no private reporting on the forge.\n\n## Why\nReporters follow the assessment to the policy; a policy that moved or changed channel leaves them guessing.\n\n## Example\nThe text says reports go through GitHub private vulnerability reporting; SECURITY.md asks for email only.\n\n## Fix\nLink the policy where it is kept and name the channel it gives.",
    "link the policy where it is kept and name the channel it gives"
);

static POLICY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bSECURITY\.md\b|\bsecurity\s+polic(?:y|ies)\b"));
static PRIVATE_REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"private\s+vulnerability\s+reporting|report a vulnerability\W+(?:button|option|tab)|security advisories tab|github\s+security\s+reporting",
    )
});

/// Does the policy offer reporting on the forge (an advisories form or the named feature)?
fn offers_private_reporting(policy: &Finding) -> bool {
    [detail::REPORTING_CHANNELS, detail::REPORTING_URLS]
        .into_iter()
        .filter_map(|k| policy.details.get(k).and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .any(|c| {
            let c = c.to_lowercase();
            c.contains("/security/advisories") || c.contains("private vulnerability reporting")
        })
}

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let policy = facts.found(v::SECURITY_POLICY.id);
    let text = doc.text.as_str();
    // Where a statement about the project's own policy is made.
    let scopes: Vec<std::ops::Range<usize>> = ["security-issue-resolution", "security-links"]
        .into_iter()
        .filter_map(|id| doc.section(id).map(|s| doc.logical_body(s)))
        .collect();
    let stated = POLICY
        .find_iter(text)
        .find(|m| scopes.iter().any(|r| r.contains(&m.start())) && crate::claim_at(doc, m.start()));
    if let Some(m) = stated {
        let mut claim = Claim {
            kind: "policy",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, m.start()),
            range: m.range(),
            code: POLICY_NOT_FOUND.code,
            ..Claim::default()
        };
        if let Some(p) = policy {
            claim.reason.clone_from(&p.title);
            claim.evidence = first_evidence(p);
        } else {
            claim.verdict = Verdict::NotFound;
            claim.elsewhere = true;
            claim.reason = String::from(
                "the repository has no security policy (SECURITY.md); if the organisation's .github repository holds it, give that repository with another --repo",
            );
        }
        out.claims.push(claim);
    }
    // Without a policy in the repository, the claim above already says so once.
    if policy.is_none() && stated.is_some() {
        return;
    }
    let Some(m) = PRIVATE_REPORTING
        .find_iter(text)
        .find(|m| crate::claim_at(doc, m.start()))
    else {
        return;
    };
    let mut claim = Claim {
        kind: "policy",
        claim: assay_model::clean_excerpt(sentence(text, m.start())),
        section: section_of(doc, m.start()),
        range: m.range(),
        code: POLICY_NOT_FOUND.code,
        ..Claim::default()
    };
    match policy {
        Some(p) if offers_private_reporting(p) => {
            claim.reason =
                String::from("the security policy offers private vulnerability reporting");
            claim.evidence = first_evidence(p);
        }
        Some(p) => {
            claim.verdict = Verdict::NotFound;
            claim.evidence = first_evidence(p);
            let channels: Vec<&str> = p
                .details
                .get(detail::REPORTING_CHANNELS)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if channels.is_empty() {
                // A policy that names no channel at all (a charter, a stub) cannot say
                // which one reporters use.
                claim.elsewhere = true;
                claim.reason = format!(
                    "{} names no reporting channel, so it cannot confirm private vulnerability reporting; the policy that does may be in another repository",
                    p.title
                );
                out.claims.push(claim);
                return;
            }
            claim.reason = String::from(
                "the repository's security policy does not offer private vulnerability reporting on the forge",
            );
            if !channels.is_empty() {
                claim.suggestion = Some(channels.join(", "));
            }
        }
        None => {
            claim.verdict = Verdict::NotFound;
            claim.elsewhere = true;
            claim.reason = String::from(
                "the repository has no security policy to confirm private vulnerability reporting; it is a forge setting, and the policy may be the organisation's",
            );
        }
    }
    out.claims.push(claim);
}
