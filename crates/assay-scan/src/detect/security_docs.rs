//! Documentation on security-relevant topics: where a reader (and the assessment's
//! "Security functions and features" and "Security links") should look.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use assay_model::{Category, Evidence, Finding, Status};
use regex::Regex;

use super::{Detector, cap_evidence, is_foreign};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::FileEntry;

pub struct SecurityDocs;

const MAX_DOC_BYTES: u64 = 512 * 1024;

/// Topic id, label, and a pattern over the document's path below its docs folder.
static TOPICS: LazyLock<Vec<(&'static str, &'static str, Regex)>> = LazyLock::new(|| {
    [
        ("security", "Security overview", r"secur"),
        ("tls", "TLS and certificates", r"\btls\b|\bmtls\b|\bssl\b|certificat|\bx509\b|\bpki\b|\bhttps\b"),
        ("authentication", "Authentication", r"authn|authentic|\boidc\b|oauth|\bsso\b|\bsaml\b|\bldap\b"),
        ("authorization", "Authorisation and access control", r"authz|authori[sz]|\brbac\b|permission|access[- ]control|\bacl\b"),
        ("encryption", "Encryption", r"encrypt|\bipsec\b|wireguard|\bkms\b|crypto"),
        ("audit-logging", "Audit logging", r"\baudit"),
        ("hardening", "Hardening", r"harden|securing|sandbox|seccomp|apparmor|selinux|pod[- ]security|rootless|non[- ]root|least[- ]privilege"),
        ("secrets", "Secrets handling", r"\bsecrets?\b"),
        ("configuration", "Configuration reference", r"configur|\bconfig\b|settings"),
        ("supply-chain", "Verifying releases (signatures, SBOM, provenance)", r"verify|verification|signature|signing|provenance|\bsbom\b|supply[- ]chain"),
        ("compliance", "Compliance", r"\bfips\b|complian"),
    ]
    .into_iter()
    .map(|(id, label, p)| {
        let re = Regex::new(p).unwrap_or_else(|e| unreachable!("static regex {p}: {e}"));
        (id, label, re)
    })
    .collect()
});

fn is_doc_page(entry: &FileEntry) -> Option<&str> {
    let path = entry.path.as_str();
    if entry.size.is_some_and(|s| s > MAX_DOC_BYTES) || is_foreign(path) {
        return None;
    }
    let lower_ok = [".md", ".rst", ".adoc", ".markdown"]
        .iter()
        .any(|e| path.to_ascii_lowercase().ends_with(e));
    if !lower_ok {
        return None;
    }
    for root in [
        "docs/",
        "doc/",
        "Documentation/",
        "documentation/",
        "site/content/",
        "website/content/",
    ] {
        if let Some(rest) = path.strip_prefix(root) {
            return Some(rest);
        }
    }
    None
}

/// The words of a path, for matching: `docs/Securing-Control_Plane.md` → `securing control plane`.
fn words(rest: &str) -> String {
    let stem = rest.rsplit_once('.').map_or(rest, |(s, _)| s);
    stem.to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

impl Detector for SecurityDocs {
    fn name(&self) -> &'static str {
        "security-docs"
    }

    fn doc(&self) -> &'static str {
        "Lists documentation pages (under docs/, doc/, Documentation/ or a site's content \
         folder) whose names put them on a security-relevant topic: security overview, TLS \
         and certificates, authentication, authorisation and RBAC, encryption, audit logging, \
         hardening, secrets, configuration reference, verifying releases, compliance. Each \
         page is cited with its first heading. These are pointers for a person to read, not \
         judgements of what the pages say."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        is_doc_page(entry)
            .is_some_and(|rest| TOPICS.iter().any(|(_, _, re)| re.is_match(&words(rest))))
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut by_topic: BTreeMap<&str, (&str, Vec<Evidence>)> = BTreeMap::new();
        for entry in cx.snapshot.files() {
            let Some(rest) = is_doc_page(entry) else {
                continue;
            };
            let w = words(rest);
            for (id, label, re) in TOPICS.iter() {
                if !re.is_match(&w) {
                    continue;
                }
                let ev = match cx.text(&entry.path).and_then(first_heading) {
                    Some((line, text)) => Evidence::at(entry.path.clone(), line, text),
                    None => Evidence::file(entry.path.clone()),
                };
                by_topic.entry(id).or_insert((label, Vec::new())).1.push(ev);
            }
        }
        by_topic
            .into_iter()
            .map(|(id, (label, evidence))| {
                let mut f = Finding::new(
                    format!("docs.{id}"),
                    Category::Docs,
                    id,
                    format!("{label}: {} documentation page(s)", evidence.len()),
                    Status::Present,
                )
                .with_detail("pages", evidence.len());
                f.evidence = evidence;
                cap_evidence(&mut f);
                f
            })
            .collect()
    }
}

fn first_heading(text: &str) -> Option<(u32, &str)> {
    text.lines()
        .take(80)
        .enumerate()
        .find(|(_, l)| l.starts_with("# ") || l.starts_with("title:"))
        .map(|(n, l)| (u32::try_from(n + 1).unwrap_or(u32::MAX), l))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(path: &str) -> Vec<&'static str> {
        let entry = FileEntry {
            path: path.into(),
            size: Some(10),
            kind: crate::EntryKind::File,
        };
        let Some(rest) = is_doc_page(&entry) else {
            return Vec::new();
        };
        TOPICS
            .iter()
            .filter(|(_, _, re)| re.is_match(&words(rest)))
            .map(|(id, _, _)| *id)
            .collect()
    }

    #[test]
    fn pages_by_topic() {
        assert_eq!(
            topics("docs/securing-control-plane.md"),
            ["security", "hardening"]
        );
        assert_eq!(topics("docs/traffic-encryption.md"), ["encryption"]);
        assert_eq!(topics("docs/configuration.md"), ["configuration"]);
        assert!(topics("docs/design/architecture.md").is_empty());
        assert!(topics("pkg/security.md").is_empty());
    }
}
