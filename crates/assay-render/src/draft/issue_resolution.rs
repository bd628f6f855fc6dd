//! Security issue resolution: what the policy says, quoted, and questions for what it does not.

use assay_model::detail::{self, PolicyAspect as A};
use assay_model::vocabulary as v;
use assay_model::{Block, Cite, Finding, Section, Status};
use serde_json::Value;

use super::{Facts, cite_of, cites, detail_list, detail_str, list, question, said, sec, stmt};

/// Cite the line of the policy where `aspect` is stated.
pub(super) fn policy_cite(f: &Finding, aspect: A) -> Vec<Cite> {
    let line = f
        .details
        .get(detail::ASPECT_LINES)
        .and_then(|m| m.get(aspect.key()))
        .and_then(Value::as_u64)
        .and_then(|l| u32::try_from(l).ok());
    let e = line.and_then(|l| f.evidence.iter().find(|e| e.line == Some(l)));
    match e {
        Some(e) => cite_of(e).into_iter().collect(),
        None => {
            // The line may have been capped away: cite the policy's line directly.
            let path = detail_str(f, detail::PATH).unwrap_or_default();
            match (line, path.is_empty()) {
                (Some(l), false) => vec![Cite {
                    label: format!("{path}:{l}"),
                    href: f
                        .evidence
                        .iter()
                        .find_map(|e| e.url.as_ref())
                        .and_then(|u| u.split_once('#').map(|(base, _)| format!("{base}#L{l}")))
                        .or_else(|| Some(format!("{path}#L{l}"))),
                }],
                _ => Vec::new(),
            }
        }
    }
}

/// `text`, followed by the policy's own words on the cited line, so the reader sees what
/// the policy says without opening it.
fn quoted(text: &str, f: &Finding, aspect: A) -> String {
    let line = f
        .details
        .get(detail::ASPECT_LINES)
        .and_then(|m| m.get(aspect.key()))
        .and_then(Value::as_u64);
    let excerpt = line.and_then(|l| {
        f.evidence
            .iter()
            .find(|e| e.line.map(u64::from) == Some(l))
            .and_then(|e| e.excerpt.as_deref())
    });
    match excerpt {
        Some(x) => format!("{text}: \"{x}\""),
        None => text.to_owned(),
    }
}

fn has_aspect(f: &Finding, aspect: A) -> bool {
    f.details
        .get(aspect.key())
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("security-issue-resolution");
    let mut disclosure = sec("responsible-disclosures-process");
    let mut response = sec("vulnerability-response-process");
    let mut incident = sec("incident-response");
    let policy = x.get(&v::SECURITY_POLICY);
    match policy.filter(|f| matches!(f.status, Status::Present | Status::Partial)) {
        Some(f) => {
            let path = detail_str(f, detail::PATH)
                .unwrap_or("the security policy")
                .to_owned();
            let emails = detail_list(f, detail::REPORTING_EMAILS);
            let urls = detail_list(f, detail::REPORTING_URLS);
            let mut items = Vec::new();
            if emails.is_empty() && urls.is_empty() {
                let elsewhere = detail_list(f, detail::POINTS_TO);
                if !elsewhere.is_empty() {
                    items.push(stmt(
                        format!(
                            "{path} defers to a policy kept elsewhere: {}",
                            elsewhere.join(", ")
                        ),
                        cites(f),
                    ));
                }
            } else {
                let mut channels = emails.clone();
                channels.extend(urls.clone());
                items.push(stmt(
                    format!("{path} asks reporters to use {}", channels.join(" or ")),
                    policy_cite(f, A::ReportingChannel),
                ));
            }
            for (aspect, text) in [
                (
                    A::Disclosure,
                    "It describes coordinated disclosure or an embargo",
                ),
                (A::PgpKey, "It offers a PGP key for encrypted reports"),
                (A::BugBounty, "It mentions a bug bounty"),
            ] {
                if has_aspect(f, aspect) {
                    items.push(stmt(quoted(text, f, aspect), policy_cite(f, aspect)));
                }
            }
            disclosure.blocks.extend(list(None, items));
            if emails.is_empty() && urls.is_empty() {
                disclosure.blocks.push(question(format!(
                    "{path} names no reporting channel. Which private address or form should a reporter use?"
                )));
            }
            if !has_aspect(f, A::Disclosure) {
                disclosure.blocks.push(question(format!(
                    "{path} does not say when and how a vulnerability becomes public. What is the disclosure timeline, and is there an embargo for downstream distributors?"
                )));
            }

            let mut items = Vec::new();
            for (aspect, text) in [
                (A::ResponseTeam, "It names who handles reports"),
                (
                    A::ResponseTimes,
                    "It states how quickly reports are answered",
                ),
                (A::SeverityRating, "It explains how severity is rated"),
                (A::PrivateFix, "It says fixes are prepared in private"),
                (A::ReporterCredit, "It credits reporters"),
            ] {
                if has_aspect(f, aspect) {
                    items.push(stmt(quoted(text, f, aspect), policy_cite(f, aspect)));
                }
            }
            response
                .blocks
                .extend(list(Some(&format!("What {path} says")), items));
            for (aspect, ask) in [
                (A::ResponseTeam, format!("Who on the {p} team receives and triages security reports, and who stands in when they are away?")),
                (A::ResponseTimes, format!("{path} gives no response times. How soon is a report acknowledged, and how soon is a fix expected?")),
                (A::SeverityRating, format!("How does {p} rate the severity of a report (CVSS or its own scale)?")),
                (A::PrivateFix, "Where is a fix developed before disclosure (a private fork, a draft advisory)?".to_owned()),
            ] {
                if !has_aspect(f, aspect) {
                    response.blocks.push(question(ask));
                }
            }

            let mut items = Vec::new();
            for (aspect, text) in [
                (
                    A::SupportedVersions,
                    "It lists the versions that receive security fixes",
                ),
                (A::CveHandling, "It covers CVEs or security advisories"),
            ] {
                if has_aspect(f, aspect) {
                    items.push(stmt(quoted(text, f, aspect), policy_cite(f, aspect)));
                }
            }
            incident
                .blocks
                .extend(list(Some(&format!("What {path} says")), items));
            if !has_aspect(f, A::SupportedVersions) {
                incident.blocks.push(question(format!(
                    "Which {p} releases receive security fixes, and for how long?"
                )));
            }
        }
        None if policy.is_some_and(|f| f.status == Status::Unknown && !f.evidence.is_empty()) => {
            // The README (or an unreadable file) points at a policy this checkout cannot show.
            let f = policy.map(said).into_iter().collect();
            disclosure.blocks.extend(list(None, f));
            disclosure.blocks.push(question(format!(
                "Which reporting channel does that policy give for {p}, and does it cover this repository? Quote it here, or add a SECURITY.md that links to it."
            )));
            response.blocks.push(question(format!(
                "Who receives security reports for {p}, how quickly do they respond, and how is a fix prepared before disclosure?"
            )));
        }
        None => {
            disclosure.blocks.push(question(format!(
                "No security policy was found (SECURITY.md at the root, in .github/ or docs/). How should someone report a vulnerability in {p} privately? Adding a SECURITY.md with that answer is the first step."
            )));
            response.blocks.push(question(format!(
                "Who receives security reports for {p}, how quickly do they respond, and how is a fix prepared before disclosure?"
            )));
        }
    }
    for kind in [&v::SECURITY_CONTACTS, &v::SECURITY_TXT] {
        if let Some(f) = x.found(kind) {
            response.blocks.push(Block::Statement(said(f)));
        }
    }
    incident.blocks.push(question(format!(
        "When an incident or vulnerability is confirmed, how does {p} triage it, notify users and downstream packagers, and ship the patched release?"
    )));
    s.sections = vec![disclosure, response, incident];
    s
}
