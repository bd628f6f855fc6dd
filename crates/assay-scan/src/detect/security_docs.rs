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
        ("security", "Security overview", r"\bsecurity\b|\bsecure\b"),
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

/// What the body of a page on each topic talks about (the title is not enough: a page
/// titled "Sandbox API" or "Verify the upgrade" is on another subject).
static CONTENT: LazyLock<Vec<(&'static str, Regex, usize)>> = LazyLock::new(|| {
    [
        ("security", r"\bsecur\w*|\bvulnerab\w*|\bthreat|\battack|\btls\b|encrypt\w*|certificat\w*|authenticat\w*|authori[sz]\w*", 2),
        ("tls", r"\btls\b|\bmtls\b|\bssl\b|certificat\w*|\bx\.?509\b|\bpki\b", 2),
        ("authentication", r"authenticat\w*|\bauthn\b|\boidc\b|oauth|\bsso\b|\bsaml\b|\bldap\b|\btokens?\b|credential", 2),
        ("authorization", r"authori[sz]\w*|\bauthz\b|\brbac\b|permission|access control|\bacls?\b|\bpolic(?:y|ies)\b", 2),
        ("encryption", r"encrypt\w*|\bipsec\b|wireguard|\bkms\b|\bcipher|\bkeys?\b", 2),
        ("audit-logging", r"\baudit\w*", 2),
        ("hardening", r"\bharden\w*|\bsecur\w*|\bprivilege\w*|\brootless\b|\bnon-root\b|\bseccomp\b|\bapparmor\b|\bselinux\b|\battack|\btls\b|encrypt\w*|certificat\w*|authenticat\w*|authori[sz]\w*", 2),
        ("secrets", r"\bsecrets?\b|\bcredential\w*", 2),
        ("configuration", r"\bconfig\w*|\boptions?\b|\bsettings?\b|\bdefaults?\b|\bflags?\b", 3),
        ("supply-chain", r"\bcosign\b|\bsigstore\b|\bsignatures?\b|\bsigned\b|\bchecksums?\b|\bsha256sum\b|\bsbom\b|\bprovenance\b|\bslsa\b|\battestations?\b|\bin-toto\b|\bgpg\b", 2),
        ("compliance", r"\bfips\b|complian\w*", 2),
    ]
    .into_iter()
    .map(|(id, p, n)| {
        let re = super::ci_regex(p);
        (id, re, n)
    })
    .collect()
});
/// Releases or downloads: what a page on verifying releases must be about.
static RELEASE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    super::ci_regex(r"\breleases?\b|\bartifacts?\b|\bbinar(?:y|ies)\b|\bdownload\w*|\bimages?\b")
});
/// A proposal: a status line or the headings of a design proposal.
static PROPOSAL_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    super::ci_regex(
        r"(?m)^\W{0,4}status\W{0,4}:?\W{0,4}(?:rejected|proposed|proposal|draft|deferred|withdrawn|provisional|declined|superseded)\b",
    )
});
static PROPOSAL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    super::ci_regex(
        r"(?m)^#+\s*(?:motivation|proposal|alternatives(?: considered)?|design details|non-goals)\s*$",
    )
});

/// Folders that hold proposals, history and news rather than documentation of what ships.
pub(crate) fn is_proposal_folder(path: &str) -> bool {
    path.split('/').any(|c| {
        let c = c.to_ascii_lowercase();
        matches!(
            c.as_str(),
            "rfc"
                | "rfcs"
                | "proposal"
                | "proposals"
                | "adr"
                | "adrs"
                | "decisions"
                | "enhancements"
                | "kep"
                | "keps"
                | "historical"
                | "archive"
                | "archived"
                | "minutes"
                | "meetings"
                | "blog"
                | "changelog"
                | "changelogs"
                | "release-notes"
        )
    })
}

/// A proposal (accepted or not) describes a change, not how the project works today.
fn is_proposal(text: &str) -> bool {
    let head: String = text.chars().take(4000).collect();
    PROPOSAL_STATUS.is_match(&head) || PROPOSAL_HEADING.find_iter(text).count() >= 2
}

/// Does the page's body (without its first heading) talk about `topic`?
fn body_supports(topic: &str, text: &str) -> bool {
    let body = match first_heading(text) {
        Some((line, _)) => text
            .lines()
            .skip(usize::try_from(line).unwrap_or(0))
            .collect::<Vec<_>>()
            .join("\n"),
        None => text.to_owned(),
    };
    let Some((_, re, min)) = CONTENT.iter().find(|(id, _, _)| *id == topic) else {
        return true;
    };
    re.find_iter(&body).count() >= *min
        && (topic != "supply-chain" || RELEASE_WORDS.is_match(&body))
}

fn is_doc_page(entry: &FileEntry) -> Option<&str> {
    let path = entry.path.as_str();
    if entry.size.is_some_and(|s| s > MAX_DOC_BYTES) || is_foreign(path) || is_proposal_folder(path)
    {
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
         folder) on a security-relevant topic: security overview, TLS and certificates, \
         authentication, authorisation and RBAC, encryption, audit logging, hardening, \
         secrets, configuration reference, verifying releases, compliance. A page's name \
         proposes the topic and its body must talk about it (a page on verifying releases \
         names signatures, checksums, SBOMs or provenance and the releases they cover); \
         proposals, RFCs, decision records, history and news are left out, by folder or by \
         a proposal's status line and headings. Each page is cited with its first heading. \
         These are pointers for a person to read, not judgements of what the pages say."
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
            let text = cx.text(&entry.path);
            // A page assay cannot read, or a proposal, is not cited as documentation.
            let Some(text) = text.filter(|t| !is_proposal(t)) else {
                continue;
            };
            for (id, label, re) in TOPICS.iter() {
                if !re.is_match(&w) || !body_supports(id, text) {
                    continue;
                }
                let ev = match first_heading(text) {
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
        // A guide to securing one part is hardening, not a security overview.
        assert_eq!(topics("docs/securing-control-plane.md"), ["hardening"]);
        assert_eq!(topics("docs/security.md"), ["security"]);
        assert_eq!(topics("docs/traffic-encryption.md"), ["encryption"]);
        assert_eq!(topics("docs/configuration.md"), ["configuration"]);
        assert!(topics("docs/design/architecture.md").is_empty());
        assert!(topics("pkg/security.md").is_empty());
        assert!(topics("docs/rfcs/configuration-merging.md").is_empty());
    }

    #[test]
    fn a_rejected_proposal_is_not_the_configuration_reference() {
        let text = "# Configuration merging\n\nStatus: Rejected\n\n## Motivation\n\nConfig options and settings and defaults.\n";
        assert!(is_proposal(text));
        let reference = "# Configuration\n\n| option | default |\n| --- | --- |\n| `log-level` | info |\n\nEach setting has a default; the config file overrides it.\n";
        assert!(!is_proposal(reference));
        assert!(body_supports("configuration", reference));
    }

    #[test]
    fn an_upgrade_health_check_is_not_verifying_releases() {
        let upgrade = "# Verify the upgrade\n\nAfter the upgrade, check that every pod is ready and the health endpoint answers.\n";
        assert!(!body_supports("supply-chain", upgrade));
        let releases = "# Verifying releases\n\nEach release binary is signed with cosign; verify the signature and the checksum before you install it.\n";
        assert!(body_supports("supply-chain", releases));
        let sandbox = "# Sandbox API\n\nThe Sandbox API groups containers that share resources and a lifecycle.\n";
        assert!(!body_supports("hardening", sandbox));
    }
}
