//! Security contacts anywhere in the assessment: does the repository's own policy,
//! `SECURITY_CONTACTS` or Security Insights file give each, and in the role the text says?

use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_model::detail::ContactKind;
use assay_model::patterns::EMAIL;
use assay_model::vocabulary as v;
use assay_model::{Finding, Severity, detail};
use regex::Regex;
use serde_json::Value;

use crate::{Claim, Facts, Fix, Verdict, VerifyReport, first_evidence, re, section_of, sentence};

crate::verify_rule!(
    CONTACT_NOT_FOUND,
    "AV003",
    "contact-not-found",
    Severity::Error,
    "A security contact in the assessment is not in the repository's policy or contact files, or the policy gives it another role.",
    "## What\nEmail addresses the text gives for security matters (in Security issue resolution, or in a sentence about reporting vulnerabilities, or an address such as security@), checked against the security policy, SECURITY_CONTACTS, security.txt and Security Insights. An error when the policy is in the repository and does not give the address, or gives it for something other than reports; a warning when the repository has no policy (it may be the organisation's).\n\n## Why\nA reporter who writes to a retired address is not heard.\n\n## Example\nThe text says to report to sec@lists.example; SECURITY.md now says that list is the team's own and reports go through the forge's private reporting.\n\n## Fix\nCopy the current channel from the security policy.",
    "copy the current reporting channel from the security policy"
);

/// A sentence about reporting a vulnerability.
static REPORTING: LazyLock<Regex> = LazyLock::new(|| re(r"\breport"));
/// A sentence or address about security at all.
static SECURITY: LazyLock<Regex> =
    LazyLock::new(|| re(r"secur|vulnerab|disclos|\bcve\b|embargo|incident"));

/// The security policy, contact files and Security Insights, serialised and lower-cased:
/// where a security address must appear to back a claim.
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

/// The roles the policy gives `email`, with the line of the first.
fn roles(policy: &Finding, email: &str) -> Vec<(ContactKind, u64)> {
    policy
        .details
        .get(detail::CONTACTS)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| {
            c["value"]
                .as_str()
                .is_some_and(|v| v.eq_ignore_ascii_case(email))
        })
        .filter_map(|c| {
            let kind = ContactKind::from_key(c["kind"].as_str()?)?;
            Some((kind, c["line"].as_u64().unwrap_or_default()))
        })
        .collect()
}

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let resolution = doc
        .section("security-issue-resolution")
        .map(|s| doc.logical_body(s));
    let policy = facts.found(v::SECURITY_POLICY.id);
    let hay = contact_haystack(facts);
    let text = doc.text.as_str();
    for m in EMAIL.find_iter(text) {
        let email = m.as_str().to_lowercase();
        let said = sentence(text, m.start());
        let in_resolution = resolution.as_ref().is_some_and(|r| r.contains(&m.start()));
        if !(in_resolution || SECURITY.is_match(said) || SECURITY.is_match(&email)) {
            continue;
        }
        // Inside a Markdown comment, or a piece of a URL path (a badge's label): no claim.
        // Policies state duties with "should", so hedges are not read here.
        if doc.comments.iter().any(|c| c.contains(&m.start())) || text[..m.start()].ends_with('/') {
            continue;
        }
        let at = m.start();
        let mut claim = Claim {
            kind: "contact",
            claim: m.as_str().to_owned(),
            section: section_of(doc, at),
            range: at..at + m.len(),
            code: CONTACT_NOT_FOUND.code,
            ..Claim::default()
        };
        let Some(policy) = policy else {
            // The policy may be the organisation's: a checkout cannot confirm the address.
            if hay.contains(&email) {
                claim.reason = format!("{email} is in the repository's contact files");
            } else {
                claim.verdict = Verdict::NotFound;
                claim.elsewhere = true;
                claim.reason = format!(
                    "the repository has no security policy or contact file that gives {email}; if the organisation's .github repository holds the policy, give it with --repo"
                );
            }
            out.claims.push(claim);
            continue;
        };
        claim.evidence = first_evidence(policy);
        let roles = roles(policy, &email);
        let reporting = roles.iter().any(|(k, _)| *k == ContactKind::Reporting);
        let instead = current_address(policy).filter(|i| !i.eq_ignore_ascii_case(&email));
        if REPORTING.is_match(said) && !reporting && !roles.is_empty() && instead.is_some() {
            claim.verdict = Verdict::Contradicted;
            claim.reason = format!(
                "the security policy gives {email} another role (line {}), not reports",
                roles[0].1
            );
        } else if hay.contains(&email) {
            claim.reason =
                format!("{email} appears in the repository's security policy or contact files");
            out.claims.push(claim);
            continue;
        } else {
            claim.verdict = Verdict::NotFound;
            claim.reason = format!(
                "{email} is not in the repository's security policy, SECURITY_CONTACTS, security.txt or Security Insights file"
            );
        }
        claim.fix = instead.as_ref().map(|text| Fix {
            range: claim.range.clone(),
            text: text.clone(),
        });
        claim.suggestion =
            instead.map(|i| format!("{i} (the reporting channel the security policy gives)"));
        out.claims.push(claim);
    }
}
