//! What the project is, for the draft's metadata and overview: its name and repository
//! URL as its manifests state them, its manifest description, its documentation's
//! introduction, the goals and non-goals its design and security documents list, and the
//! standards its documentation names.

use std::sync::LazyLock;

use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Evidence, Finding, Status, detail};
use regex::Regex;
use serde_json::json;

use super::prose::{self, Sentence};
use super::{Detector, cap_evidence, ci_regex};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::FileEntry;

pub struct Overview;

/// Manifests at the root that name the project.
const MANIFESTS: &[&str] = &[
    "go.mod",
    "Cargo.toml",
    "package.json",
    "pyproject.toml",
    "Chart.yaml",
    "SECURITY-INSIGHTS.yml",
    "SECURITY-INSIGHTS.yaml",
    "security-insights.yml",
];

/// Documentation index pages, most general first.
const INTRO_PAGES: &[&str] = &[
    "docs/README.md",
    "docs/index.md",
    "docs/_index.md",
    "docs/introduction.md",
    "docs/intro.md",
    "docs/overview.md",
    "doc/README.md",
    "doc/index.md",
    "website/content/en/docs/_index.md",
    "site/content/en/docs/_index.md",
    "docs/index.rst",
    "doc/index.rst",
];

/// A forge URL: `github.com/owner/name` (scheme optional).
static FORGE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:https?://|git\+https://|git@|^|[\s'\x22(])((?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)[/:][A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static GOAL_HEADING: LazyLock<Regex> =
    LazyLock::new(|| ci_regex(r"^(?:\d+\.?\s*)?(?:design |security |project )?goals?$"));
static NON_GOAL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"^(?:\d+\.?\s*)?(?:non[- ]?goals?|out of scope|not in scope|what \w+ (?:is|does) not(?: do)?)$",
    )
});
/// A list item that labels itself out of scope ("Out-of-Scope: ...").
static NON_GOAL_LEAD: LazyLock<Regex> =
    LazyLock::new(|| ci_regex(r"^(?:out[- ]of[- ]scope|non[- ]goals?|not in scope)\s*:"));
/// Pages whose goals are the project's, not one feature's.
static GOAL_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"secur|threat|design|architecture|overview|primer|goals|principles|^readme|introduction|intro\b|scope",
    )
});
/// Architecture and design pages: where flows between components are described.
static DESIGN_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(r"architecture|design|overview|how[-_ ]it[-_ ]works|concepts|components|internals")
});
/// One part acting on another.
static FLOW: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"\b(?:sends|receives|forwards|writes (?:to|into)|reads from|connects to|talks to|pushes|pulls from|exposes|listens on|watches|reports to|communicates with|fetches|publishes|subscribes to|retrieves|stores (?:it |them )?(?:in|into)|invokes|is invoked by)\b",
    )
});
static STANDARD: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"\bfips[- ]?140(?:-[23])?\b|\bfips\b|\bsoc ?2\b|\biso(?:/iec)? ?27001\b|\bpci[- ]dss\b|\bhipaa\b|\bfedramp\b|\bcommon criteria\b|\bcis (?:kubernetes )?benchmarks?\b|\bnist (?:sp )?800-\d+\b|\bstig\b",
    )
});

fn is_intro_page(path: &str) -> bool {
    INTRO_PAGES.contains(&path)
}

impl Detector for Overview {
    fn name(&self) -> &'static str {
        "overview"
    }

    fn doc(&self) -> &'static str {
        "Reads the root manifests (go.mod, Cargo.toml, package.json, pyproject.toml, \
         Chart.yaml, SECURITY-INSIGHTS) for the repository URL and name they state and for \
         the project's description; the documentation index page (docs/README.md, \
         docs/index.md ...) for its first descriptive sentences; the items under Goals and \
         Non-goals headings of security, threat-model, design and overview pages; and \
         documentation sentences that name a compliance standard (FIPS 140, SOC 2, ISO \
         27001, PCI DSS, FedRAMP, CIS benchmarks). Each is cited at its line."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        MANIFESTS.contains(&entry.path.as_str())
            || is_intro_page(&entry.path)
            || super::features::is_feature_page(entry)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        out.extend(identity(cx));
        out.extend(manifest_description(cx));
        out.extend(introduction(cx));
        let mut goals = Vec::new();
        let mut non_goals = Vec::new();
        let mut standards = Vec::new();
        let mut flows = Vec::new();
        for entry in cx.snapshot.files() {
            if !super::features::is_feature_page(entry) || cx.third_party.contains(&entry.path) {
                continue;
            }
            let Some(text) = cx.text(&entry.path) else {
                continue;
            };
            let goal_page = GOAL_PAGE.is_match(&entry.path);
            for s in prose::sentences(text) {
                let heading = s.heading.trim();
                if goal_page && s.text.split_whitespace().count() >= 3 && !s.text.ends_with(':') {
                    if NON_GOAL_HEADING.is_match(heading) || NON_GOAL_LEAD.is_match(&s.text) {
                        non_goals.push((entry.path.clone(), s));
                        continue;
                    }
                    if GOAL_HEADING.is_match(heading) {
                        goals.push((entry.path.clone(), s));
                        continue;
                    }
                }
                if DESIGN_PAGE.is_match(&entry.path)
                    && FLOW.is_match(&s.text)
                    && (8..=60).contains(&s.text.split_whitespace().count())
                    && !s.text.ends_with('?')
                    && !s.text.ends_with(':')
                    && s.text.chars().next().is_some_and(char::is_uppercase)
                    && !super::security_docs::is_proposal_folder(&entry.path)
                {
                    flows.push((entry.path.clone(), s.clone()));
                }
                if STANDARD.is_match(&s.text) && s.text.split_whitespace().count() >= 5 {
                    standards.push((entry.path.clone(), s));
                }
            }
        }
        out.extend(quoted(&v::GOALS, "goals", goals));
        out.extend(quoted(&v::NON_GOALS, "non-goals", non_goals));
        out.extend(quoted(&v::COMPLIANCE_CLAIMS, "standards", standards));
        // Flows: pages named for architecture first, in page order.
        flows.sort_by_key(|(p, s)| {
            (
                !p.to_ascii_lowercase().contains("architecture"),
                p.clone(),
                s.line,
            )
        });
        out.extend(quoted_in_order(&v::FLOWS, "flows", &flows));
        out
    }
}

/// A finding quoting sentences, in page order; security pages first.
fn quoted(
    kind: &FindingKind,
    subject: &str,
    mut items: Vec<(String, Sentence)>,
) -> Option<Finding> {
    let security = |p: &str| {
        let l = p.to_ascii_lowercase();
        !(l.contains("secur") || l.contains("threat"))
    };
    items.sort_by(|a, b| (security(&a.0), &a.0, a.1.line).cmp(&(security(&b.0), &b.0, b.1.line)));
    quoted_in_order(kind, subject, &items)
}

/// A finding quoting sentences in the order given.
fn quoted_in_order(
    kind: &FindingKind,
    subject: &str,
    items: &[(String, Sentence)],
) -> Option<Finding> {
    if items.is_empty() {
        return None;
    }
    let mut f = Finding::of(
        kind,
        subject,
        format!(
            "{}: {} item(s) in the documentation",
            kind.title,
            items.len()
        ),
        Status::Present,
    )
    .with_detail(
        detail::STATEMENTS,
        json!(
            items
                .iter()
                .take(40)
                .map(|(p, s)| json!({
                    "path": p,
                    "line": s.line,
                    "sentence": prose::quote(&s.text),
                    "heading": assay_model::clean_excerpt(&s.heading),
                }))
                .collect::<Vec<_>>()
        ),
    );
    f.evidence = items
        .iter()
        .map(|(p, s)| Evidence::at(p.clone(), s.line, &s.raw))
        .collect();
    cap_evidence(&mut f);
    Some(f)
}

/// The first forge URL in a manifest line, as `https://host/owner/name`.
fn forge_url(line: &str) -> Option<String> {
    let c = FORGE_URL.captures(line)?;
    let hostpath = c.get(1)?.as_str().replacen(':', "/", 1);
    let hostpath = hostpath
        .trim_end_matches(".git")
        .trim_end_matches(['.', ',', ')']);
    Some(format!("https://{hostpath}"))
}

/// The name and URL the root manifests state, in order of trust: a repository URL
/// (go.mod module path on a forge, Cargo/npm/pyproject repository fields,
/// SECURITY-INSIGHTS), else a package name.
fn identity(cx: &Context) -> Option<Finding> {
    let mut url: Option<(String, Evidence)> = None;
    let mut name: Option<(String, Evidence)> = None;
    for manifest in MANIFESTS {
        let Some(text) = cx.text(manifest) else {
            continue;
        };
        for (n, line) in text.lines().enumerate().take(400) {
            let t = line.trim();
            let at = || Evidence::at(*manifest, u32::try_from(n + 1).unwrap_or(u32::MAX), line);
            let url_line = match *manifest {
                "go.mod" => t.starts_with("module "),
                "Chart.yaml" => t.starts_with("home:") || t.starts_with("- http"),
                _ => {
                    let l = t.to_ascii_lowercase();
                    l.contains("repository")
                        || l.contains("repo-url")
                        || l.contains("project-url")
                        || l.contains("source")
                        || l.starts_with("\"url\"")
                        || l.starts_with("url")
                }
            };
            if url.is_none()
                && url_line
                && let Some(u) = forge_url(t)
            {
                url = Some((u, at()));
            }
            if name.is_none() {
                let value = match *manifest {
                    "go.mod" => t.strip_prefix("module ").map(|m| {
                        m.trim()
                            .trim_matches('"')
                            .rsplit('/')
                            .find(|p| {
                                !(p.starts_with('v') && p[1..].chars().all(|c| c.is_ascii_digit()))
                            })
                            .unwrap_or("")
                            .to_owned()
                    }),
                    "Cargo.toml" | "pyproject.toml" => t
                        .strip_prefix("name")
                        .and_then(|r| r.trim_start().strip_prefix('='))
                        .map(|r| r.trim().trim_matches('"').to_owned()),
                    "package.json" => t
                        .strip_prefix("\"name\"")
                        .and_then(|r| r.trim_start().strip_prefix(':'))
                        .map(|r| r.trim().trim_end_matches(',').trim_matches('"').to_owned()),
                    "Chart.yaml" => t
                        .strip_prefix("name:")
                        .map(|r| r.trim().trim_matches('"').to_owned()),
                    _ => None,
                };
                if let Some(v) = value.filter(|v| is_name(v)) {
                    name = Some((v, at()));
                }
            }
        }
    }
    // A URL names the project better than a package name.
    if let Some((u, _)) = &url
        && let Some(last) = u.rsplit('/').next()
        && is_name(last)
    {
        name = Some((last.to_owned(), url.as_ref().map(|(_, e)| e.clone())?));
    }
    let (project, name_at) = name?;
    let mut f = Finding::of(
        &v::PROJECT_IDENTITY,
        "identity",
        match &url {
            Some((u, _)) => format!("The manifests name the project {project} at {u}"),
            None => format!("The manifests name the project {project}"),
        },
        Status::Present,
    )
    .with_detail(detail::NAME, project);
    f.evidence.push(name_at);
    if let Some((u, at)) = url {
        f = f.with_detail(detail::URL, u);
        f.evidence.push(at);
    }
    cap_evidence(&mut f);
    Some(f)
}

/// A plausible project name: short, one word, not a placeholder.
fn is_name(s: &str) -> bool {
    let s = s.trim_start_matches('@');
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "repo" | "main" | "root" | "app" | "src" | "project" | "workspace"
        )
}

/// The root manifest's `description`.
fn manifest_description(cx: &Context) -> Option<Finding> {
    for manifest in ["Cargo.toml", "package.json", "pyproject.toml", "Chart.yaml"] {
        let Some(text) = cx.text(manifest) else {
            continue;
        };
        for (n, line) in text.lines().enumerate().take(400) {
            let t = line.trim();
            let rest = t
                .strip_prefix("description")
                .or_else(|| t.strip_prefix("\"description\""))
                .map(str::trim_start);
            let Some(rest) = rest.and_then(|r| r.strip_prefix('=').or_else(|| r.strip_prefix(':')))
            else {
                continue;
            };
            let value = rest
                .trim()
                .trim_end_matches(',')
                .trim_matches(['"', '\''])
                .trim();
            if value.split_whitespace().count() < 3 {
                continue;
            }
            let f = Finding::of(
                &v::MANIFEST_DESCRIPTION,
                "description",
                format!("{manifest} describes the project"),
                Status::Present,
            )
            .with_detail(detail::SENTENCE, prose::quote(value));
            let mut f = f;
            f.evidence.push(Evidence::at(
                manifest,
                u32::try_from(n + 1).unwrap_or(u32::MAX),
                line,
            ));
            return Some(f);
        }
    }
    None
}

/// The first two descriptive sentences of the documentation's index page.
fn introduction(cx: &Context) -> Option<Finding> {
    let names = &cx.project_names;
    for page in INTRO_PAGES {
        let Some(text) = cx.text(page) else { continue };
        let picked: Vec<Sentence> = prose::sentences(text)
            .into_iter()
            .filter(|s| {
                !s.bullet && s.text.split_whitespace().count() >= 8 && !s.text.ends_with(':')
            })
            .filter(|s| !super::project_shape::is_setup_heading(&s.heading))
            // An introduction names the project; a note on where docs live does not.
            .filter(|s| {
                let l = s.text.to_ascii_lowercase();
                names.iter().any(|n| l.contains(n.as_str())) && !l.contains("contribut")
            })
            .take(2)
            .collect();
        if picked.is_empty() {
            continue;
        }
        let sentence = picked
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mut f = Finding::of(
            &v::DOCS_INTRODUCTION,
            "introduction",
            format!("{page} introduces the project"),
            Status::Present,
        )
        .with_detail(detail::SENTENCE, prose::quote(&sentence));
        f.evidence = picked
            .iter()
            .map(|s| Evidence::at(*page, s.line, &s.raw))
            .collect();
        cap_evidence(&mut f);
        return Some(f);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forge_urls_from_manifest_lines() {
        assert_eq!(
            forge_url("module github.com/jaegertracing/jaeger/v2").as_deref(),
            Some("https://github.com/jaegertracing/jaeger")
        );
        assert_eq!(
            forge_url("repository = \"https://github.com/o/widget.git\"").as_deref(),
            Some("https://github.com/o/widget")
        );
        assert_eq!(
            forge_url("\"url\": \"git@github.com:o/widget.git\"").as_deref(),
            Some("https://github.com/o/widget")
        );
        assert_eq!(forge_url("module go.opentelemetry.io/collector"), None);
    }

    #[test]
    fn placeholders_are_not_names() {
        assert!(is_name("widget"));
        assert!(!is_name("repo"));
        assert!(!is_name("a b"));
    }
}
