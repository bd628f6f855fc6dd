//! The checks behind each requirement of [`super::catalog`]: small functions over the
//! scan's findings (read through the declared vocabulary) and the project's file list.

use assay_model::detail::{self, PolicyAspect};
use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Category, Evidence, Finding, Status as FindingStatus};
use serde_json::Value;

use super::{Decision, Inputs, Status};

mod licences;
mod vulns;

pub use licences::*;
pub use vulns::*;

/// At most this many citations per requirement.
const MAX_EVIDENCE: usize = 5;

/// `path:line`; a history fact as its description and short commit id.
fn cite(e: &Evidence) -> String {
    match (&e.commit, &e.excerpt) {
        (Some(c), Some(x)) if e.path.is_empty() => {
            let short = c
                .split("..")
                .map(|p| &p[..p.len().min(12)])
                .collect::<Vec<_>>()
                .join("..");
            format!("{x} ({short})")
        }
        _ => crate::insights::write::cite(e),
    }
}

fn cites(f: &Finding) -> Vec<String> {
    f.evidence.iter().take(MAX_EVIDENCE).map(cite).collect()
}

fn found<'a>(i: &Inputs<'a>, kind: &FindingKind) -> Option<&'a Finding> {
    i.report.findings.iter().find(|f| {
        f.id == kind.id && matches!(f.status, FindingStatus::Present | FindingStatus::Partial)
    })
}

/// Findings of a category that show something (the "not found" summary left out).
fn in_category<'a>(i: &Inputs<'a>, c: Category) -> Vec<&'a Finding> {
    i.report
        .findings
        .iter()
        .filter(|f| f.category == c && !v::is_category_summary(&f.id))
        .filter(|f| matches!(f.status, FindingStatus::Present | FindingStatus::Partial))
        .collect()
}

fn decision(status: Status, evidence: Vec<String>, note: impl Into<String>) -> Decision {
    Decision {
        status,
        evidence,
        note: note.into(),
        forge_field: None,
    }
}

fn met(evidence: Vec<String>, note: impl Into<String>) -> Decision {
    decision(Status::Met, evidence, note)
}

fn not_met(evidence: Vec<String>, note: impl Into<String>) -> Decision {
    decision(Status::NotMet, evidence, note)
}

fn review(evidence: Vec<String>, note: impl Into<String>) -> Decision {
    decision(Status::NeedsReview, evidence, note)
}

fn forge(field: &'static str, evidence: Vec<String>, note: impl Into<String>) -> Decision {
    Decision {
        forge_field: Some(field),
        ..decision(Status::NeedsForgeData, evidence, note)
    }
}

/// Present in the repository: review with its citations; missing: not met. `what` is a
/// noun phrase without its article.
fn document(i: &Inputs, kind: &FindingKind, what: &str) -> Decision {
    match found(i, kind) {
        Some(f) => review(
            cites(f),
            format!(
                "The repository has a {what}; a person must judge whether it covers the requirement."
            ),
        ),
        None => not_met(
            Vec::new(),
            format!("No {what} was found in the repository{ELSEWHERE}."),
        ),
    }
}

/// What "not met" can miss: documents kept outside the repository.
const ELSEWHERE: &str =
    " (one kept on a website or in an organisation-wide repository would not show here)";

pub fn review_only(_: &Inputs) -> Decision {
    review(
        Vec::new(),
        "Nothing in a checkout decides this; the maintainers must answer it.",
    )
}

pub fn job_permissions(i: &Inputs) -> Decision {
    let Some(f) = i
        .report
        .findings
        .iter()
        .find(|f| f.id == v::TOKEN_PERMISSIONS.id)
    else {
        return review(
            Vec::new(),
            "No GitHub Actions workflows were found; other CI systems are not checked.",
        );
    };
    match f.status {
        FindingStatus::Present => review(
            cites(f),
            "Every workflow declares its token permissions; whether each grant is the minimum needs a person.",
        ),
        FindingStatus::Partial | FindingStatus::Absent => not_met(
            cites(f),
            "Some workflows declare no token permissions, so their jobs get the repository's default.",
        ),
        FindingStatus::Unknown => review(cites(f), "The workflows could not all be read."),
    }
}

pub fn untrusted_checkout(i: &Inputs) -> Decision {
    match i
        .report
        .findings
        .iter()
        .find(|f| f.id == v::UNTRUSTED_CHECKOUT.id)
    {
        Some(f) if f.status == FindingStatus::Absent => not_met(
            cites(f),
            "A pull_request_target workflow checks out the pull request's code.",
        ),
        Some(f) if f.status == FindingStatus::Present => met(
            cites(f),
            "The pull_request_target workflows do not check out the pull request's code.",
        ),
        _ => review(
            Vec::new(),
            "No pull_request_target workflow was found; other ways untrusted code reaches credentials are not checked.",
        ),
    }
}

pub fn version_tags(i: &Inputs) -> Decision {
    let tags = found(i, &v::RELEASES).filter(|f| {
        f.details
            .get(detail::VERSION_TAGS)
            .and_then(Value::as_u64)
            .unwrap_or(0)
            > 0
    });
    match tags {
        Some(f) => met(cites(f), "Releases are tagged with version numbers."),
        None => review(
            Vec::new(),
            "No version tags in the history window; if the project releases, say how versions are named.",
        ),
    }
}

pub fn channels_encrypted(i: &Inputs) -> Decision {
    let channels = in_category(i, Category::Comms);
    if channels.is_empty() {
        return review(
            Vec::new(),
            "No communication channels were found in the repository's documents.",
        );
    }
    let plain: Vec<String> = channels
        .iter()
        .flat_map(|f| f.evidence.iter())
        .filter(|e| e.excerpt.as_deref().is_some_and(|x| x.contains("http://")))
        .take(MAX_EVIDENCE)
        .map(cite)
        .collect();
    if plain.is_empty() {
        let all = channels
            .iter()
            .filter_map(|f| f.evidence.first())
            .take(MAX_EVIDENCE)
            .map(cite)
            .collect();
        met(all, "Every channel address the documents give uses https.")
    } else {
        not_met(plain, "Some channel addresses use plain http.")
    }
}

pub fn changelog(i: &Inputs) -> Decision {
    match found(i, &v::CHANGELOG) {
        Some(f) => met(cites(f), "A changelog is kept in the repository."),
        None => forge(
            "releases.change_notes",
            Vec::new(),
            "No changelog file; the release notes on the forge may carry the changes.",
        ),
    }
}

pub fn manifests(i: &Inputs) -> Decision {
    match found(i, &v::MANIFESTS) {
        Some(f) => met(
            cites(f),
            "Dependencies are declared in standard package manifests.",
        ),
        None => review(
            Vec::new(),
            "No package manifest was found; if the project has dependencies, say how they are managed.",
        ),
    }
}

pub fn signing(i: &Inputs) -> Decision {
    let signing = in_category(i, Category::Signing);
    let signed_tags = found(i, &v::RELEASES).filter(|f| {
        f.details
            .get(detail::SIGNED)
            .and_then(Value::as_u64)
            .unwrap_or(0)
            > 0
    });
    let mut ev: Vec<String> = signing
        .iter()
        .flat_map(|f| cites(f))
        .take(MAX_EVIDENCE)
        .collect();
    ev.extend(signed_tags.map(|f| {
        let n = f
            .details
            .get(detail::SIGNED)
            .and_then(Value::as_u64)
            .unwrap_or(0);
        f.evidence
            .iter()
            .find(|e| e.excerpt.as_deref().is_some_and(|x| x.contains("signed")))
            .map_or_else(
                || format!("{n} signed version tag(s) in the history window"),
                cite,
            )
    }));
    if ev.is_empty() {
        forge(
            "releases.signed",
            Vec::new(),
            "No signing set up in the repository; the release assets on the forge may still be signed.",
        )
    } else {
        met(
            ev,
            "Releases are signed by the repository's release set-up.",
        )
    }
}

pub fn secret_scanning(i: &Inputs) -> Decision {
    let tools = in_category(i, Category::SecretScan);
    if tools.is_empty() {
        forge(
            "secret_push_protection",
            Vec::new(),
            "No secret scanner in the repository; the forge's push protection may do this.",
        )
    } else {
        met(
            tools
                .iter()
                .flat_map(|f| cites(f))
                .take(MAX_EVIDENCE)
                .collect(),
            "A secret scanner is set up in the repository.",
        )
    }
}

pub fn secrets_policy(i: &Inputs) -> Decision {
    document(i, &v::DOCS_SECRETS, "page about handling secrets")
}

pub fn user_guides(i: &Inputs) -> Decision {
    let mut ev: Vec<String> = found(i, &v::README_DESCRIPTION)
        .map(cites)
        .unwrap_or_default();
    for kind in [&v::DOCS_CONFIGURATION, &v::ARCHITECTURE] {
        ev.extend(
            found(i, kind)
                .map(cites)
                .unwrap_or_default()
                .into_iter()
                .take(1),
        );
    }
    review(
        ev,
        "Whether the documentation covers all basic use needs a person; the project's website may hold it.",
    )
}

pub fn defect_reporting(i: &Inputs) -> Decision {
    match found(i, &v::ISSUE_TEMPLATES) {
        Some(f) => met(cites(f), "Issue templates guide people reporting defects."),
        None => document(i, &v::CONTRIBUTING, "contribution guide"),
    }
}

pub fn verify_docs(i: &Inputs) -> Decision {
    document(i, &v::DOCS_SUPPLY_CHAIN, "page about verifying releases")
}

fn aspect(f: &Finding, a: PolicyAspect) -> Option<String> {
    let line = f
        .details
        .get(detail::ASPECT_LINES)
        .and_then(|l| l.get(a.key()))
        .and_then(Value::as_u64);
    let stated = line.is_some() || f.details.get(a.key()).and_then(Value::as_bool) == Some(true);
    let path = f
        .details
        .get(detail::PATH)
        .and_then(Value::as_str)
        .unwrap_or("the security policy");
    stated.then(|| match line {
        Some(l) => format!("{path}:{l}"),
        None => path.to_owned(),
    })
}

fn supported(i: &Inputs) -> Option<String> {
    let policy = found(i, &v::SECURITY_POLICY)?;
    aspect(policy, PolicyAspect::SupportedVersions).or_else(|| {
        let e = policy.details.get(detail::SUPPORTED_VERSIONS_ELSEWHERE)?;
        Some(format!(
            "{}:{}",
            e.get("path")?.as_str()?,
            e.get("line")?.as_u64()?
        ))
    })
}

pub fn supported_versions(i: &Inputs) -> Decision {
    match supported(i) {
        Some(at) => met(vec![at], "The project states which versions it supports."),
        None => not_met(
            Vec::new(),
            "No supported-versions statement was found in the security policy or release documents.",
        ),
    }
}

pub fn security_updates_end(i: &Inputs) -> Decision {
    match supported(i) {
        Some(at) => review(
            vec![at],
            "A supported-versions statement exists; whether it says when security fixes stop needs a person.",
        ),
        None => not_met(Vec::new(), "No supported-versions statement was found."),
    }
}

pub fn dependency_policy(i: &Inputs) -> Decision {
    let bots: Vec<String> = in_category(i, Category::DepsUpdate)
        .iter()
        .flat_map(|f| cites(f))
        .take(MAX_EVIDENCE)
        .collect();
    review(
        bots,
        "Dependency updates may be automated, but a written policy on choosing and tracking dependencies is not detected.",
    )
}

fn is_build_doc(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let root = !lower.contains('/');
    let doc = lower.starts_with("docs/") || lower.starts_with("doc/");
    // The document about building the project itself, not one about building a tool or
    // installing on a particular platform (`build-kubemark.md`, `aks-installation.md`).
    let stem = name.split('.').next().unwrap_or(name);
    let general = matches!(
        stem,
        "build" | "building" | "install" | "installing" | "installation" | "compiling"
    );
    general && (root || (doc && name.ends_with(".md")))
}

pub fn build_docs(i: &Inputs) -> Decision {
    let Some(files) = i.files else {
        return review(
            Vec::new(),
            "Run `assay baseline` on the checkout to look for build instructions.",
        );
    };
    let docs: Vec<String> = files
        .iter()
        .filter(|p| is_build_doc(p))
        .take(MAX_EVIDENCE)
        .cloned()
        .collect();
    if docs.is_empty() {
        review(
            Vec::new(),
            "No BUILDING or INSTALL document was found; build steps may be in the README or the contribution guide.",
        )
    } else {
        met(docs, "The repository has build or install instructions.")
    }
}

pub fn members(i: &Inputs) -> Decision {
    let ev: Vec<String> = [&v::MAINTAINERS, &v::PROW_OWNERS, &v::CODEOWNERS]
        .into_iter()
        .filter_map(|k| found(i, k))
        .flat_map(cites)
        .take(MAX_EVIDENCE)
        .collect();
    if ev.is_empty() {
        not_met(
            Vec::new(),
            "No MAINTAINERS, OWNERS or CODEOWNERS file was found.",
        )
    } else {
        review(
            ev,
            "The repository names maintainers or owners; whether they are the people with sensitive access needs a person.",
        )
    }
}

pub fn roles(i: &Inputs) -> Decision {
    document(i, &v::GOVERNANCE, "governance document")
}

pub fn discussion(i: &Inputs) -> Decision {
    let mut ev: Vec<String> = in_category(i, Category::Comms)
        .iter()
        .filter_map(|f| f.evidence.first())
        .map(cite)
        .collect();
    ev.extend(found(i, &v::ISSUE_TEMPLATES).map(cites).unwrap_or_default());
    ev.truncate(MAX_EVIDENCE);
    if ev.is_empty() {
        review(
            Vec::new(),
            "No public channel was found in the documents; the forge's issues and discussions may serve.",
        )
    } else {
        met(ev, "The project names public places for discussion.")
    }
}

pub fn contributing(i: &Inputs) -> Decision {
    match found(i, &v::CONTRIBUTING) {
        Some(f) => met(cites(f), "A contribution guide explains how to contribute."),
        None => not_met(Vec::new(), "No contribution guide was found."),
    }
}

pub fn contribution_requirements(i: &Inputs) -> Decision {
    let mut ev: Vec<String> = found(i, &v::CONTRIBUTING).map(cites).unwrap_or_default();
    for k in [&v::DCO_REQUIRED, &v::APPROVAL_RULE, &v::CLA_REQUIRED] {
        ev.extend(
            found(i, k)
                .filter(|f| f.status == FindingStatus::Present)
                .map(cites)
                .unwrap_or_default(),
        );
    }
    ev.truncate(MAX_EVIDENCE);
    if ev.is_empty() {
        not_met(Vec::new(), "No contribution guide was found.")
    } else {
        review(
            ev,
            "A contribution guide exists; whether it states what makes a contribution acceptable needs a person.",
        )
    }
}

pub fn permission_review(i: &Inputs) -> Decision {
    document(i, &v::GOVERNANCE, "governance document")
}

pub fn contributor_assertion(i: &Inputs) -> Decision {
    let ev: Vec<String> = [
        &v::DCO_REQUIRED,
        &v::CLA_REQUIRED,
        &v::DCO_BOT,
        &v::CLA_BOT,
        &v::COMMITS_DCO,
    ]
    .into_iter()
    .filter_map(|k| found(i, k))
    .filter(|f| f.status == FindingStatus::Present)
    .flat_map(|f| cites(f).into_iter().take(1))
    .collect();
    let note = if ev.is_empty() {
        "No sign-off or CLA requirement was found in the repository; whether the forge enforces one is a forge setting."
    } else {
        "The repository asks for a sign-off or CLA; whether every commit is blocked without one is a forge setting."
    };
    forge("contributor_assertion_enforced", ev, note)
}

pub fn tests_in_ci(i: &Inputs) -> Decision {
    let tests = found(i, &v::UNIT_TESTS).filter(|f| f.status == FindingStatus::Present);
    let prs = found(i, &v::PULL_REQUEST_CHECKS).filter(|f| f.status == FindingStatus::Present);
    match (tests, prs) {
        (Some(t), Some(p)) => {
            // The CI lines that run the tests, before the test files themselves.
            let mut lines: Vec<&Evidence> = t.evidence.iter().collect();
            lines.sort_by_key(|e| e.line.is_none());
            let mut ev: Vec<String> = lines.into_iter().take(2).map(cite).collect();
            ev.extend(cites(p).into_iter().take(2));
            met(ev, "CI runs the test suite and runs on pull requests.")
        }
        (Some(t), None) => review(
            cites(t),
            "CI runs the tests, but no workflow triggered by pull requests was found.",
        ),
        _ => not_met(
            Vec::new(),
            "No test suite that the repository's CI runs was found (CI configured outside the repository, such as Prow jobs, does not show here).",
        ),
    }
}

pub fn test_docs(i: &Inputs) -> Decision {
    document(i, &v::CONTRIBUTING, "contribution guide")
}

pub fn merge_approvals(i: &Inputs) -> Decision {
    let ev = found(i, &v::APPROVAL_RULE)
        .filter(|f| f.status == FindingStatus::Present)
        .map(cites)
        .unwrap_or_default();
    forge(
        "primary_branch.required_approvals",
        ev,
        "Whether merging needs an approval from someone other than the author is a forge branch rule.",
    )
}

pub fn design_docs(i: &Inputs) -> Decision {
    document(i, &v::ARCHITECTURE, "design or architecture document")
}

pub fn interface_docs(i: &Inputs) -> Decision {
    document(
        i,
        &v::DOCS_CONFIGURATION,
        "configuration or interface reference",
    )
}

pub fn security_assessment(i: &Inputs) -> Decision {
    let ev: Vec<String> = [&v::SELF_ASSESSMENT, &v::SECURITY_AUDIT]
        .into_iter()
        .filter_map(|k| found(i, k))
        .flat_map(cites)
        .take(MAX_EVIDENCE)
        .collect();
    if ev.is_empty() {
        not_met(
            Vec::new(),
            "No self-assessment or security audit was found in the repository.",
        )
    } else {
        met(ev, "A security assessment is kept in the repository.")
    }
}

pub fn threat_model(i: &Inputs) -> Decision {
    match found(i, &v::THREAT_MODEL) {
        Some(f) => met(cites(f), "A threat model is kept in the repository."),
        None => not_met(Vec::new(), "No threat model was found in the repository."),
    }
}

#[cfg(test)]
mod tests {
    use super::licences::all_open;
    use super::*;

    #[test]
    fn licence_expressions_and_build_docs() {
        assert!(all_open("Apache-2.0"));
        assert!(all_open("(MIT OR Apache-2.0) AND BSD-3-Clause"));
        assert!(!all_open("BUSL-1.1"));
        assert!(!all_open(""));
        assert!(is_build_doc("BUILDING.md"));
        assert!(is_build_doc("docs/dev/build.md"));
        assert!(is_build_doc("INSTALL"));
        assert!(!is_build_doc("docs/maintainers/build-kubemark.md"));
        assert!(!is_build_doc("pkg/build/build.go"));
    }
}
