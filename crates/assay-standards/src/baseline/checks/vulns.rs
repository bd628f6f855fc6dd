//! Security policy, vulnerability publication and CI gate checks.

use assay_model::detail::{self, ContactKind, PolicyAspect};
use assay_model::vocabulary as v;
use assay_model::{Category, Finding, Status as FindingStatus};
use serde_json::Value;

use super::super::{Decision, Inputs};
use super::{
    ELSEWHERE, MAX_EVIDENCE, aspect, cites, forge, found, in_category, met, not_met, review,
};

pub fn disclosure_policy(i: &Inputs) -> Decision {
    let Some(policy) = found(i, &v::SECURITY_POLICY) else {
        return not_met(
            Vec::new(),
            format!("No security policy was found in the repository{ELSEWHERE}."),
        );
    };
    let disclosure = aspect(policy, PolicyAspect::Disclosure);
    let times = aspect(policy, PolicyAspect::ResponseTimes);
    match (disclosure, times) {
        (Some(d), Some(t)) => met(
            vec![d, t],
            "The policy describes disclosure and states a response time.",
        ),
        (d, t) => {
            let missing = if t.is_none() {
                "a response time"
            } else {
                "how disclosure is coordinated"
            };
            not_met(
                d.into_iter().chain(t).collect(),
                format!("The policy does not state {missing}."),
            )
        }
    }
}

pub fn security_contacts(i: &Inputs) -> Decision {
    if let Some(p) = found(i, &v::SECURITY_POLICY) {
        let at: Vec<String> = aspect(p, PolicyAspect::ReportingChannel)
            .into_iter()
            .chain(private_channels(p))
            .take(MAX_EVIDENCE)
            .collect();
        if !at.is_empty() {
            return met(at, "The security policy gives a reporting channel.");
        }
    }
    match found(i, &v::SECURITY_CONTACTS) {
        Some(f) => met(
            cites(f),
            "A SECURITY_CONTACTS file names who handles reports.",
        ),
        None => not_met(
            Vec::new(),
            "No security policy with a reporting channel was found.",
        ),
    }
}

fn private_channels(policy: &Finding) -> Vec<String> {
    let path = policy
        .details
        .get(detail::PATH)
        .and_then(Value::as_str)
        .unwrap_or("the security policy");
    policy
        .details
        .get(detail::CONTACTS)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| c.get("kind").and_then(Value::as_str) == Some(ContactKind::Reporting.key()))
        .filter_map(|c| c.get("line").and_then(Value::as_u64))
        .map(|l| format!("{path}:{l}"))
        .take(MAX_EVIDENCE)
        .collect()
}

pub fn private_reporting(i: &Inputs) -> Decision {
    let ev = found(i, &v::SECURITY_POLICY)
        .map(private_channels)
        .unwrap_or_default();
    if ev.is_empty() {
        forge(
            "private_vulnerability_reporting",
            Vec::new(),
            "The policy gives no private reporting channel; the forge's private reporting may be on.",
        )
    } else {
        met(ev, "The security policy gives a private way to report.")
    }
}

pub fn published_vulnerabilities(i: &Inputs) -> Decision {
    if let Some(f) = found(i, &v::KNOWN_VULNERABILITIES) {
        return met(
            cites(f),
            "Fixed vulnerabilities are named by CVE or GHSA id in the project's documents.",
        );
    }
    let advisories: Vec<String> = found(i, &v::SECURITY_POLICY)
        .and_then(|p| p.details.get(detail::CONTACTS))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| c.get("kind").and_then(Value::as_str) == Some(ContactKind::Advisories.key()))
        .filter_map(|c| c.get("line").and_then(Value::as_u64))
        .map(|l| format!("security policy line {l}"))
        .collect();
    forge(
        "advisories_published",
        advisories,
        "No vulnerability ids in the repository; the forge's advisories page may list them.",
    )
}

pub fn vex(i: &Inputs) -> Decision {
    let Some(files) = i.files else {
        return review(
            Vec::new(),
            "Run `assay baseline` on the checkout to look for VEX documents.",
        );
    };
    let hits: Vec<String> = files
        .iter()
        .filter(|p| {
            let l = p.to_ascii_lowercase();
            l.contains("vex")
                && (l.ends_with(".json") || l.ends_with(".yaml") || l.ends_with(".yml"))
        })
        .take(MAX_EVIDENCE)
        .cloned()
        .collect();
    if hits.is_empty() {
        review(
            Vec::new(),
            "No VEX document in the repository; the project may publish VEX with its releases.",
        )
    } else {
        met(hits, "VEX documents are kept in the repository.")
    }
}

fn gate(i: &Inputs, c: Category, what: &str) -> Decision {
    let in_ci: Vec<String> = in_category(i, c)
        .iter()
        .filter(|f| {
            f.status == FindingStatus::Present
                && f.details.get(detail::IN_CI).and_then(Value::as_bool) != Some(false)
        })
        .flat_map(|f| cites(f).into_iter().take(1))
        .take(MAX_EVIDENCE)
        .collect();
    if in_ci.is_empty() {
        not_met(Vec::new(), format!("No {what} that CI runs was found."))
    } else {
        forge(
            "primary_branch.requires_status_checks",
            in_ci,
            format!("CI runs a {what}; whether its failure blocks merging is a forge branch rule."),
        )
    }
}

pub fn sca_gate(i: &Inputs) -> Decision {
    gate(i, Category::VulnScan, "dependency or vulnerability scanner")
}

pub fn sast_gate(i: &Inputs) -> Decision {
    gate(i, Category::Sast, "static analyser")
}
