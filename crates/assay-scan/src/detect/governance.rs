//! How the project is run and configured, from its own documents: the decision and
//! membership rules its governance pages state, where design proposals go, and the
//! default or sample configuration files it ships.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Status, detail};
use regex::Regex;
use serde_json::json;

use super::prose::{self, Sentence};
use super::{Detector, cap_evidence, ci_regex, is_foreign};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::{EntryKind, FileEntry};

pub struct Governance;

/// Pages that state how the project is governed.
static GOVERNANCE_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"governance|charter|maintainers?\b|maintainer[-_]|steering|membership|contributor[-_ ]ladder|decision[-_ ]making|community[-_]roles|owners\.md$",
    )
});
/// Contribution guides: read only for what they say about proposals.
static CONTRIBUTING_PAGE: LazyLock<Regex> =
    LazyLock::new(|| ci_regex(r"(?:^|/)contributing[^/]*$"));
static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"\bvot(?:e|es|ed|ing)\b|\bmajority\b|\bsupermajority\b|\bconsensus\b|\bquorum\b|\bveto\w*|\btwo[- ]thirds\b|\b\d{2,3} ?%|\bunanimous\w*",
    )
});
static MEMBERSHIP: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"\b(?:become|becoming|nominat\w+|promot\w+|elect\w*|emeritus|step(?:s|ped)? down|removed|removal|inactive|sponsor\w*)\b",
    )
});
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"\b(?:maintainers?|members?|reviewers?|approvers?|committers?|owners?|steering committee|chairs?)\b",
    )
});
static PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"\b(?:rfcs?|design proposals?|enhancement proposals?|design docs?|design documents?|proposals?|adrs?|keps?)\b",
    )
});
static PROPOSAL_ASK: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(r"\b(?:submit\w*|open(?:ing)? an?|write|writing|create|file|required?|must|needs?)\b")
});
/// A reference to a published RFC ("as per RFC 6071") is not a proposal process.
static PUBLISHED_RFC: LazyLock<Regex> = LazyLock::new(|| ci_regex(r"\brfc\s*\d"));
/// Folders of proposals or decision records.
fn is_proposal_dir(component: &str) -> bool {
    matches!(
        component.to_ascii_lowercase().as_str(),
        "rfc"
            | "rfcs"
            | "proposal"
            | "proposals"
            | "design-proposals"
            | "enhancements"
            | "adr"
            | "adrs"
            | "decisions"
            | "keps"
    )
}

fn is_governance_page(entry: &FileEntry) -> bool {
    prose::is_doc_file(entry) && GOVERNANCE_PAGE.is_match(&entry.path)
        || prose::is_doc_file(entry) && CONTRIBUTING_PAGE.is_match(&entry.path)
}

/// Configuration the project ships for its users, by file name: `config.yaml`,
/// `fluent.conf`, `otel-config.yaml`, a chart's `values.yaml`; CI, editor, lint, build and
/// site configuration are the project's tooling, not its settings.
pub(crate) fn is_sample_config(entry: &FileEntry) -> bool {
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        ci_regex(
            r"^(?:[a-z0-9]+[-_.])*(?:config|conf|configuration|settings|defaults?)(?:[-_.][a-z0-9]+)*\.(?:ya?ml|toml|json|conf|ini|cfg|hcl)$|^[a-z0-9][a-z0-9_-]*\.conf$|^values\.ya?ml$",
        )
    });
    static TOOLING: LazyLock<Regex> = LazyLock::new(|| {
        ci_regex(
            r"golangci|codecov|goreleaser|renovate|dependabot|eslint|prettier|tsconfig|jsconfig|jest|babel|webpack|vite|lint|commitlint|netlify|docusaurus|hugo|sonar|tox|pytest|mypy|ruff|pre-commit|cspell|typos|codespell|mkdocs|nginx|krew|release|cloudbuild|buf\.|kind-config|kubeconfig|cypress|karma|playwright|stylelint|nx\.json|angular|lerna|turbo|vitest|sphinx|readthedocs|editorconfig",
        )
    });
    let p = entry.path.as_str();
    let name = p.rsplit('/').next().unwrap_or(p);
    entry.kind == EntryKind::File
        && entry.size.is_some_and(|s| s <= prose::MAX_PAGE_BYTES)
        && !is_foreign(p)
        && !name.starts_with('.')
        && !p.starts_with('.')
        && p.matches('/').count() <= 4
        && !p.split('/').any(|c| {
            matches!(
                c.to_ascii_lowercase().as_str(),
                "test"
                    | "tests"
                    | "e2e"
                    | "hack"
                    | "ci"
                    | "tools"
                    | "website"
                    | "site"
                    | "docs-site"
                    | "ui"
                    | "web"
                    | "frontend"
                    | "node_modules"
            )
        })
        && (NAME.is_match(name) || in_config_folder(p))
        && !TOOLING.is_match(p)
        && (name != "values.yaml" && name != "values.yml" || p.contains("chart"))
}

/// A data file directly in a top-level configuration folder (`config/widget.yaml`).
fn in_config_folder(path: &str) -> bool {
    let mut parts = path.split('/');
    let (Some(top), Some(name), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    matches!(top, "config" | "configs" | "conf" | "etc")
        && [
            ".yaml", ".yml", ".toml", ".conf", ".ini", ".cfg", ".hcl", ".json",
        ]
        .iter()
        .any(|e| name.ends_with(e))
}

/// Sample configurations: the root first, then `config/`, `conf/`, `examples/`, charts.
fn config_rank(path: &str) -> (usize, String) {
    let depth = path.matches('/').count();
    let top = path.split('/').next().unwrap_or("").to_ascii_lowercase();
    let bonus = usize::from(!matches!(
        top.as_str(),
        "config" | "conf" | "configs" | "etc" | "deploy"
    ));
    (depth * 2 + bonus, path.to_owned())
}

impl Detector for Governance {
    fn name(&self) -> &'static str {
        "governance"
    }

    fn doc(&self) -> &'static str {
        "Reads governance, charter, maintainer and membership documents for the sentences \
         that say how decisions are made (votes, majorities, consensus, vetoes) and how people \
         become, move up as or stop being maintainers; reads contribution guides for the \
         sentences that ask for a design proposal or RFC; lists folders of proposals, RFCs, \
         enhancement proposals and decision records; and lists the configuration files the \
         project ships as defaults or samples (by name: config.yaml, fluent.conf, a chart's \
         values.yaml), leaving out CI, lint, build, editor and site configuration."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        is_governance_page(entry)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut rules: Vec<(String, Sentence, &str)> = Vec::new();
        let mut asks: Vec<(String, Sentence)> = Vec::new();
        for entry in cx.snapshot.files() {
            if !is_governance_page(entry) || cx.third_party.contains(&entry.path) {
                continue;
            }
            let Some(text) = cx.text(&entry.path) else {
                continue;
            };
            let governance = GOVERNANCE_PAGE.is_match(&entry.path);
            for s in prose::sentences(text) {
                if s.text.split_whitespace().count() < 6
                    || s.text.ends_with('?')
                    || s.text.ends_with(':')
                {
                    continue;
                }
                if governance && DECISION.is_match(&s.text) {
                    rules.push((entry.path.clone(), s, "decision"));
                } else if governance && MEMBERSHIP.is_match(&s.text) && ROLE.is_match(&s.text) {
                    rules.push((entry.path.clone(), s, "membership"));
                } else if PROPOSAL.is_match(&s.text)
                    && PROPOSAL_ASK.is_match(&s.text)
                    && !PUBLISHED_RFC.is_match(&s.text)
                {
                    asks.push((entry.path.clone(), s));
                }
            }
        }
        if !rules.is_empty() {
            out.push(process_finding(rules));
        }
        if let Some(f) = proposal_finding(cx, &asks) {
            out.push(f);
        }
        if let Some(f) = config_finding(cx) {
            out.push(f);
        }
        out
    }
}

fn quote_json(path: &str, s: &Sentence, kind: &str) -> serde_json::Value {
    json!({
        "path": path,
        "line": s.line,
        "sentence": prose::quote(&s.text),
        "heading": assay_model::clean_excerpt(&s.heading),
        "kind": kind,
    })
}

fn process_finding(mut rules: Vec<(String, Sentence, &str)>) -> Finding {
    // Decision rules first, then membership; within each, by page and line.
    rules.sort_by(|a, b| {
        (a.2 != "decision", &a.0, a.1.line).cmp(&(b.2 != "decision", &b.0, b.1.line))
    });
    let decisions = rules.iter().filter(|r| r.2 == "decision").count();
    let mut f = Finding::of(
        &v::GOVERNANCE_PROCESS,
        "governance",
        format!(
            "Governance documents state {decisions} decision rule(s) and {} membership rule(s)",
            rules.len() - decisions
        ),
        Status::Present,
    )
    .with_detail(
        detail::STATEMENTS,
        json!(
            rules
                .iter()
                .take(40)
                .map(|(p, s, k)| quote_json(p, s, k))
                .collect::<Vec<_>>()
        ),
    );
    f.evidence = rules
        .iter()
        .map(|(p, s, _)| Evidence::at(p.clone(), s.line, &s.raw))
        .collect();
    cap_evidence(&mut f);
    f
}

fn proposal_finding(cx: &Context, asks: &[(String, Sentence)]) -> Option<Finding> {
    // Proposal folders with how many documents each holds.
    let mut dirs: BTreeMap<String, (usize, Option<String>)> = BTreeMap::new();
    for e in cx.snapshot.files() {
        let p = e.path.as_str();
        if is_foreign(p) || cx.third_party.contains(p) || !prose::is_doc_file(e) {
            continue;
        }
        let parts: Vec<&str> = p.split('/').collect();
        let Some(i) = parts[..parts.len() - 1]
            .iter()
            .position(|c| is_proposal_dir(c))
        else {
            continue;
        };
        let dir = parts[..=i].join("/");
        let slot = dirs.entry(dir).or_default();
        slot.0 += 1;
        let name = parts[parts.len() - 1].to_ascii_lowercase();
        // The folder's README or template is its index; else its first document.
        let index =
            parts.len() == i + 2 && (name.starts_with("readme") || name.contains("template"));
        let first = slot.1.as_deref().is_none_or(|cur| {
            let cur_index = cur.to_ascii_lowercase().contains("readme");
            !cur_index && (index || p < cur)
        });
        if first {
            slot.1 = Some(p.to_owned());
        }
    }
    dirs.retain(|_, (n, _)| *n >= 2);
    if dirs.is_empty() && asks.is_empty() {
        return None;
    }
    let folders: Vec<serde_json::Value> = dirs
        .iter()
        .map(|(d, (n, index))| json!({"path": d, "documents": n, "index": index}))
        .collect();
    let mut f = Finding::of(
        &v::PROPOSAL_PROCESS,
        "proposals",
        match dirs.len() {
            0 => "Contribution or governance documents ask for design proposals".to_owned(),
            _ => format!(
                "Design proposals are kept in {}",
                dirs.iter()
                    .map(|(d, (n, _))| format!("{d}/ ({n} documents)"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        Status::Present,
    )
    .with_detail("folders", json!(folders))
    .with_detail(
        detail::STATEMENTS,
        json!(
            asks.iter()
                .take(20)
                .map(|(p, s)| quote_json(p, s, "proposal"))
                .collect::<Vec<_>>()
        ),
    );
    // The folders first: the title names them.
    f.evidence = dirs
        .values()
        .filter_map(|(_, i)| i.clone().map(Evidence::file))
        .chain(
            asks.iter()
                .map(|(p, s)| Evidence::at(p.clone(), s.line, &s.raw)),
        )
        .collect();
    cap_evidence(&mut f);
    Some(f)
}

fn config_finding(cx: &Context) -> Option<Finding> {
    let mut files: Vec<&str> = cx
        .snapshot
        .files()
        .iter()
        .filter(|e| is_sample_config(e) && !cx.third_party.contains(&e.path))
        .map(|e| e.path.as_str())
        .collect();
    if files.is_empty() {
        return None;
    }
    files.sort_by_key(|p| config_rank(p));
    let mut f = Finding::of(
        &v::SAMPLE_CONFIGS,
        "configuration",
        format!(
            "{} default or sample configuration file(s), such as {}",
            files.len(),
            files.iter().take(3).copied().collect::<Vec<_>>().join(", ")
        ),
        Status::Present,
    )
    .with_detail(
        detail::PATH,
        json!(files.iter().take(50).collect::<Vec<_>>()),
    );
    f.evidence = files.iter().map(|p| Evidence::file(*p)).collect();
    cap_evidence(&mut f);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> FileEntry {
        FileEntry {
            path: path.into(),
            size: Some(100),
            kind: EntryKind::File,
        }
    }

    #[test]
    fn sample_configs_are_the_products_not_the_tooling() {
        assert!(is_sample_config(&entry("fluent.conf")));
        assert!(is_sample_config(&entry("examples/otel-config.yaml")));
        assert!(is_sample_config(&entry("charts/widget/values.yaml")));
        assert!(is_sample_config(&entry("config/default-config.toml")));
        assert!(!is_sample_config(&entry(".golangci.yml")));
        assert!(!is_sample_config(&entry("codecov.yml")));
        assert!(!is_sample_config(&entry("test/config.yaml")));
        assert!(!is_sample_config(&entry("vendor/x/config.yaml")));
        assert!(!is_sample_config(&entry("values.yaml")));
        assert!(!is_sample_config(&entry("website/config.toml")));
    }

    #[test]
    fn governance_pages_by_name() {
        assert!(is_governance_page(&entry("GOVERNANCE.md")));
        assert!(is_governance_page(&entry("community/maintainers.md")));
        assert!(is_governance_page(&entry("CONTRIBUTING.md")));
        assert!(!is_governance_page(&entry("docs/install.md")));
    }
}
