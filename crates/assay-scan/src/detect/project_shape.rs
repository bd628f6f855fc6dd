//! What the project is and is made of, for the assessment's overview: the README's own
//! description, design documents, the programs it builds, and vulnerabilities it has
//! already published.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use assay_model::{Category, Evidence, Finding, Status};
use regex::Regex;
use serde_json::json;

use super::{Detector, cap_evidence, is_foreign};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::{EntryKind, FileEntry};

pub struct ProjectShape;

static VULN_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(CVE-\d{4}-\d{4,7}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static DESIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)design|architecture|overview|concepts|internals|how[-_ ]it[-_ ]works")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

fn is_readme(path: &str) -> bool {
    !path.contains('/') && path.to_ascii_uppercase().starts_with("README")
}

/// Files where a project lists its published vulnerabilities.
fn is_vuln_record(entry: &FileEntry) -> bool {
    let upper = entry.path.to_ascii_uppercase();
    let name = upper.rsplit('/').next().unwrap_or(&upper);
    entry.size.is_some_and(|s| s < 4 * 1024 * 1024)
        && !is_foreign(&entry.path)
        && (name.starts_with("CHANGELOG")
            || name.starts_with("CHANGES")
            || name.starts_with("RELEASE")
            || name.starts_with("SECURITY")
            || upper.starts_with("CHANGELOG/")
            || upper.contains("ADVISOR")
            || (upper.starts_with("DOCS/") && upper.contains("SECURITY")))
}

fn is_design_doc(entry: &FileEntry) -> bool {
    let p = entry.path.as_str();
    let lower = p.to_ascii_lowercase();
    (lower.starts_with("docs/") || lower.starts_with("doc/") || lower.starts_with("design/"))
        && (lower.ends_with(".md") || lower.ends_with(".rst"))
        && lower.matches('/').count() <= 3
        && DESIGN.is_match(p.rsplit('/').next().unwrap_or(p))
}

impl Detector for ProjectShape {
    fn name(&self) -> &'static str {
        "project-shape"
    }

    fn doc(&self) -> &'static str {
        "Reads the README's first descriptive sentence (skipping headings, badges, HTML and \
         links-only lines); lists design and architecture documents; lists the programs the \
         tree builds (folders under cmd/, Rust src/bin/); and collects CVE and GHSA ids \
         mentioned in changelogs, release notes, advisories and security documents, each \
         cited by line. These seed the overview and the appendix of a draft."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        is_readme(&entry.path) || is_vuln_record(entry)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(f) = description(cx) {
            out.push(f);
        }
        let design: Vec<Evidence> = cx
            .snapshot
            .files()
            .iter()
            .filter(|e| is_design_doc(e))
            .map(|e| Evidence::file(e.path.clone()))
            .collect();
        if !design.is_empty() {
            let mut f = Finding::new(
                "docs.architecture",
                Category::Docs,
                "architecture",
                format!(
                    "Design and architecture: {} documentation page(s)",
                    design.len()
                ),
                Status::Present,
            )
            .with_detail("pages", design.len());
            f.evidence = design;
            cap_evidence(&mut f);
            out.push(f);
        }
        if let Some(f) = components(cx) {
            out.push(f);
        }
        if let Some(f) = known_vulnerabilities(cx) {
            out.push(f);
        }
        out
    }
}

fn description(cx: &Context) -> Option<Finding> {
    let readme = cx.snapshot.files().iter().find(|f| is_readme(&f.path))?;
    let text = cx.text(&readme.path)?;
    let mut in_code = false;
    for (n, line) in text.lines().enumerate().take(200) {
        let t = line.trim();
        if t.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let link_only = t.starts_with('[') && (t.ends_with(')') || t.ends_with(']'));
        if in_code
            || t.is_empty()
            || t.starts_with('#')
            || t.starts_with('<')
            || t.starts_with('!')
            || t.starts_with("[![")
            || t.starts_with('|')
            || t.starts_with('>')
            || t.starts_with("---")
            || t.starts_with("===")
            || link_only
            || t.split_whitespace().count() < 5
        {
            continue;
        }
        // The paragraph this line opens, as plain text, up to its first sentence.
        let paragraph: Vec<&str> = text
            .lines()
            .skip(n)
            .take(12)
            .map(str::trim)
            .take_while(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let plain = MD_LINK.replace_all(&paragraph.join(" "), "$1").into_owned();
        let sentence = match plain.find(". ") {
            Some(i) => plain[..=i].to_owned(),
            None => plain,
        };
        let mut f = Finding::new(
            "docs.readme-description",
            Category::Docs,
            "description",
            "The README describes the project",
            Status::Present,
        )
        .with_detail("sentence", assay_model::clean_excerpt(&sentence));
        f.evidence.push(Evidence::at(
            readme.path.clone(),
            u32::try_from(n + 1).unwrap_or(u32::MAX),
            t,
        ));
        return Some(f);
    }
    None
}

fn components(cx: &Context) -> Option<Finding> {
    let mut names = BTreeSet::new();
    let mut evidence = Vec::new();
    for f in cx.snapshot.files() {
        if f.kind != EntryKind::File || is_foreign(&f.path) {
            continue;
        }
        let parts: Vec<&str> = f.path.split('/').collect();
        // cmd/<name>/main.go, or <sub>/cmd/<name>/main.go one level down.
        let cmd = parts.iter().position(|p| *p == "cmd");
        let bin = match (cmd, parts.len()) {
            (Some(i), len) if i <= 1 && len == i + 3 && parts[i + 2].starts_with("main.") => {
                Some(parts[i + 1].to_owned())
            }
            _ if parts.len() == 3 && parts[0] == "src" && parts[1] == "bin" => {
                parts[2].strip_suffix(".rs").map(str::to_owned)
            }
            _ => None,
        };
        if let Some(name) = bin
            && names.insert(name)
        {
            evidence.push(Evidence::file(f.path.clone()));
        }
    }
    if names.is_empty() {
        return None;
    }
    let mut f = Finding::new(
        "ecosystem.components",
        Category::Ecosystem,
        "components",
        format!(
            "The tree builds {} program(s): {}",
            names.len(),
            names
                .iter()
                .take(12)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Status::Present,
    )
    .with_detail("programs", json!(names));
    f.evidence = evidence;
    cap_evidence(&mut f);
    Some(f)
}

fn known_vulnerabilities(cx: &Context) -> Option<Finding> {
    let mut ids = BTreeSet::new();
    let mut evidence = Vec::new();
    for entry in cx.snapshot.files().iter().filter(|e| is_vuln_record(e)) {
        let Some(text) = cx.text(&entry.path) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            let mut new_here = false;
            for m in VULN_ID.find_iter(line) {
                new_here |= ids.insert(m.as_str().to_owned());
            }
            if new_here {
                evidence.push(Evidence::at(
                    entry.path.clone(),
                    u32::try_from(n + 1).unwrap_or(u32::MAX),
                    line,
                ));
            }
        }
    }
    if ids.is_empty() {
        return None;
    }
    let mut f = Finding::new(
        "metadata.known-vulnerabilities",
        Category::Metadata,
        "vulnerabilities",
        format!(
            "{} CVE or GHSA id(s) are mentioned in changelogs and security documents",
            ids.len()
        ),
        Status::Present,
    )
    .with_detail("ids", json!(ids.iter().take(200).collect::<Vec<_>>()))
    .with_detail("count", ids.len());
    f.evidence = evidence;
    cap_evidence(&mut f);
    Some(f)
}
