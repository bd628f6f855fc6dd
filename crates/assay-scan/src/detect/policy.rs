//! The security policy: where it is, and whether it tells a reporter what they need.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use assay_model::{Category, Evidence, Finding, Status};
use regex::Regex;
use serde_json::{Value, json};

use super::{Detector, cap_evidence, ci_regex as re};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::FileEntry;

pub struct SecurityPolicy;

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"));
static EMAIL_SPELLED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b[a-z0-9][a-z0-9._%+-]*\s*[\[(\{]\s*at\s*[\])\}]\s*[a-z0-9-]+(?:\s*(?:\.|[\[(\{]\s*dot\s*[\])\}])\s*[a-z0-9-]+)+",
    )
});
static ADVISORY_FORM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"https?://[^\s)\]>]+/security/advisories(?:/new)?\b|private vulnerability report\w*")
});
static BOUNTY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"https?://(?:www\.)?(?:hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.(?:dev|com))[^\s)\]>]*|bug bounty",
    )
});
static REPORT_URL: LazyLock<Regex> =
    LazyLock::new(|| re(r"https?://[^\s)\]>]*(?:security|vulnerab|disclos)[^\s)\]>]*"));
static REPORT_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"\breport|\bdisclos|\bsubmit"));
static PGP: LazyLock<Regex> =
    LazyLock::new(|| re(r"BEGIN PGP PUBLIC KEY|\bPGP\b|\bGPG key|\bkey fingerprint|\bopenpgp"));
static RESPONSE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:\d+|one|two|three|five|seven|ten|fourteen|thirty|ninety)\s*(?:-\s*)?(?:business\s+|working\s+|calendar\s+)?(?:hours?|days?|weeks?)\b",
    )
});
static RESPONSE_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"respon|acknowledg|reply|triage|within|expect|fix|patch|release"));
static DISCLOSURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bembargo|coordinated (?:vulnerability )?disclosure|responsible disclosure|disclosure (?:timeline|date|deadline)|public(?:ly)? disclos|\bdisclosed publicly",
    )
});
static SUPPORTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"supported (?:versions|releases)|versions? (?:that are |currently )?supported|security (?:fixes|patches|updates) (?:are|will be) (?:provided|backported|released) for",
    )
});
static CVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bCVEs?\b|\bCVE-\d{4}-\d+|\bGHSA-|security advisor(?:y|ies)|\bCNA\b"));
static SEVERITY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bCVSS\b|\bseverity\b|\brisk (?:level|rating|score|taxonomy)|\bissue risk\b")
});
static CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bcredit(?:ed|s)?\b|\backnowledg\w+ (?:the )?reporter|hall of fame"));
static PRIVATE_FIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"private (?:fork|branch|repositor|patch|fix)|temporary private fork|format-patch|patch(?:es)? (?:review )?(?:will be )?(?:sent|performed|shared) (?:via|by) e-?mail|fix(?:es)? (?:is|are) developed (?:in )?private",
    )
});
static COORDINATOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bcoordinator\b|\bpoint of contact\b|\bsecurity response (?:team|committee)|\bproduct security committee\b|\bincident commander\b|\bsecurity team\b",
    )
});
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\]\(\s*<?([^)\s>]+)>?\s*(?:[^)]*)\)"));

/// File names (upper-cased, without folder) that are a security policy.
fn is_policy_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    matches!(
        upper.as_str(),
        "SECURITY.MD" | "SECURITY.RST" | "SECURITY.TXT" | "SECURITY.ADOC" | "SECURITY"
    )
}

fn policy_rank(path: &str) -> Option<u8> {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    if !is_policy_name(name) {
        return None;
    }
    match dir {
        "" => Some(0),
        ".github" => Some(1),
        "docs" | ".gitlab" => Some(2),
        _ => None,
    }
}

impl Detector for SecurityPolicy {
    fn name(&self) -> &'static str {
        "security-policy"
    }

    fn doc(&self) -> &'static str {
        "Looks for SECURITY.* at the root, in .github/ and docs/, and for a security \
         document the README links to; reads SECURITY_CONTACTS and security.txt. The \
         policy's text is judged: a reporting channel (an email address, also written with \
         [at]; a private advisory form; a bug bounty; a reporting URL), a PGP key, response \
         times, embargo or coordinated-disclosure wording, supported versions, CVE \
         handling, severity rating, credit for reporters, fixes prepared in private and a \
         named response team, each cited by its first line. A policy without a reporting \
         channel is partial; one that only links to a policy kept elsewhere says so."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        let path = entry.path.as_str();
        let name = path.rsplit('/').next().unwrap_or(path);
        let lower = path.to_ascii_lowercase();
        policy_rank(path).is_some()
            || name.starts_with("SECURITY_CONTACTS")
            || lower == ".well-known/security.txt"
            || lower == "security.txt"
            || (lower.contains("security")
                && lower.ends_with(".md")
                && lower.matches('/').count() <= 3
                && entry.size.is_some_and(|s| s < 512 * 1024))
            || (path.matches('/').count() == 0 && name.to_ascii_uppercase().starts_with("README"))
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut candidates: Vec<(u8, &str)> = cx
            .snapshot
            .files()
            .iter()
            .filter_map(|f| policy_rank(&f.path).map(|r| (r, f.path.as_str())))
            .collect();
        let (linked, external) = readme_security_links(cx);
        candidates.extend(linked.iter().map(|p| (3, p.as_str())));
        candidates.sort_unstable();
        candidates.dedup_by(|a, b| a.1 == b.1);

        let readable = candidates.iter().find(|(_, p)| cx.text(p).is_some());
        match readable {
            Some(&(_, path)) => {
                let text = cx.text(path).unwrap_or_default();
                let mut f = judge_policy(path, text);
                let others: Vec<Value> = candidates
                    .iter()
                    .filter(|(_, p)| *p != path)
                    .map(|(_, p)| json!(p))
                    .collect();
                if !others.is_empty() {
                    f.details.insert("other_policy_files".into(), others.into());
                }
                findings.push(f);
            }
            None if !candidates.is_empty() => {
                let is_link = candidates.iter().any(|(_, p)| {
                    cx.snapshot
                        .entry(p)
                        .is_some_and(|e| e.kind == crate::EntryKind::Symlink)
                });
                let title = if is_link {
                    "The security policy is a symlink, which assay does not follow"
                } else {
                    "A security policy file exists but could not be read (see the snapshot findings)"
                };
                let mut f = Finding::new(
                    "policy.security-file",
                    Category::Policy,
                    "security-policy",
                    title,
                    Status::Unknown,
                );
                f.evidence = candidates.iter().map(|(_, p)| Evidence::file(*p)).collect();
                findings.push(f);
            }
            None if !external.is_empty() => {
                let mut f = Finding::new(
                    "policy.security-file",
                    Category::Policy,
                    "security-policy",
                    "The README points to a security policy outside this repository",
                    Status::Unknown,
                )
                .with_detail(
                    "question",
                    "Is the linked policy the one that applies, and what reporting channel does it give?",
                );
                f.evidence = external;
                findings.push(f);
            }
            None => findings.push(
                Finding::new(
                    "policy.security-file",
                    Category::Policy,
                    "security-policy",
                    "No security policy (SECURITY.md) in the tree",
                    Status::Absent,
                )
                .with_detail(
                    "question",
                    "Does an organisation-wide policy on the forge (a .github repository) apply to this project?",
                ),
            ),
        }
        if let Some(f) = security_contacts(cx) {
            findings.push(f);
        }
        if let Some(f) = security_txt(cx) {
            findings.push(f);
        }
        findings
    }
}

/// Judge a policy's text.
pub(crate) fn judge_policy(path: &str, text: &str) -> Finding {
    let mut evidence = vec![];
    let mut emails = BTreeSet::new();
    let mut urls = BTreeSet::new();
    let mut aspects: [(&str, bool); 9] = [
        ("pgp_key", false),
        ("response_times", false),
        ("disclosure", false),
        ("supported_versions", false),
        ("cve_handling", false),
        ("severity_rating", false),
        ("reporter_credit", false),
        ("private_fix", false),
        ("response_team", false),
    ];
    let mut elsewhere = BTreeSet::new();
    // First line of each aspect (and of the reporting channel), for citing one by one.
    let mut aspect_lines: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    let mut bounty = false;
    // Every stated time ("3 business days"), for checking an assessment's claims.
    let mut times = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let lineno = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let mut cite = false;
        for m in EMAIL.find_iter(line).chain(EMAIL_SPELLED.find_iter(line)) {
            let addr = m.as_str().to_ascii_lowercase();
            if addr.contains("example.") || addr.ends_with("@users.noreply.github.com") {
                continue;
            }
            emails.insert(m.as_str().to_owned());
            cite = true;
            aspect_lines.entry("reporting_channel").or_insert(lineno);
        }
        for m in ADVISORY_FORM.find_iter(line) {
            urls.insert(m.as_str().to_owned());
            cite = true;
            aspect_lines.entry("reporting_channel").or_insert(lineno);
        }
        if let Some(m) = BOUNTY.find(line) {
            bounty = true;
            if m.as_str().starts_with("http") {
                urls.insert(m.as_str().to_owned());
            }
            cite = true;
            aspect_lines.entry("reporting_channel").or_insert(lineno);
        }
        if REPORT_WORD.is_match(line) {
            for m in REPORT_URL.find_iter(line) {
                urls.insert(m.as_str().trim_end_matches(['.', ',']).to_owned());
                cite = true;
                aspect_lines.entry("reporting_channel").or_insert(lineno);
            }
        }
        if RESPONSE_WORD.is_match(line) {
            for m in RESPONSE_TIME.find_iter(line) {
                times.insert(m.as_str().to_lowercase());
            }
        }
        let checks: [bool; 9] = [
            PGP.is_match(line),
            RESPONSE_TIME.is_match(line) && RESPONSE_WORD.is_match(line),
            DISCLOSURE.is_match(line),
            SUPPORTED.is_match(line),
            CVE.is_match(line),
            SEVERITY.is_match(line),
            CREDIT.is_match(line),
            PRIVATE_FIX.is_match(line),
            COORDINATOR.is_match(line),
        ];
        // A short policy often defers to one kept elsewhere (an organisation's).
        for caps in MD_LINK.captures_iter(line) {
            let target = &caps[1];
            let lower = target.to_ascii_lowercase();
            if target.contains("://") && (lower.contains("security") || lower.contains("disclos")) {
                elsewhere.insert(target.to_owned());
                cite = true;
            }
        }
        for (slot, hit) in aspects.iter_mut().zip(checks) {
            if hit {
                // Cite the first line for each aspect; more would drown the reader.
                if !slot.1 {
                    cite = true;
                    aspect_lines.insert(slot.0, lineno);
                }
                slot.1 = true;
            }
        }
        if cite {
            evidence.push(Evidence::at(path, lineno, line));
        }
    }
    let has_channel = !emails.is_empty() || !urls.is_empty();
    let status = if has_channel {
        Status::Present
    } else {
        Status::Partial
    };
    let title = if has_channel {
        format!("Security policy {path} gives a reporting channel")
    } else if !elsewhere.is_empty() {
        format!(
            "Security policy {path} gives no reporting channel itself; it points to a policy kept elsewhere"
        )
    } else {
        format!("Security policy {path} gives no reporting channel")
    };
    let mut f = Finding::new(
        "policy.security-file",
        Category::Policy,
        "security-policy",
        title,
        status,
    )
    .with_detail("path", path)
    .with_detail("reporting_emails", emails.into_iter().collect::<Vec<_>>())
    .with_detail("reporting_urls", urls.into_iter().collect::<Vec<_>>())
    .with_detail("bug_bounty", bounty)
    .with_detail("stated_times", times.into_iter().collect::<Vec<_>>());
    if !elsewhere.is_empty() {
        f.details.insert(
            "points_to".into(),
            json!(elsewhere.into_iter().collect::<Vec<_>>()),
        );
        if !has_channel {
            f.details.insert(
                "question".into(),
                json!("Which reporting channel does the linked policy give, and does it cover this repository?"),
            );
        }
    }
    let mut missing = Vec::new();
    if !has_channel {
        missing.push("reporting_channel");
    }
    for (name, hit) in aspects {
        f.details.insert(name.into(), hit.into());
        if !hit {
            missing.push(name);
        }
    }
    f.details.insert("missing".into(), json!(missing));
    f.details.insert("aspect_lines".into(), json!(aspect_lines));

    f.evidence = if evidence.is_empty() {
        vec![Evidence::file(path)]
    } else {
        evidence
    };
    cap_evidence(&mut f);
    f
}

/// Security documents the README links to: repo paths that exist, and external URLs.
fn readme_security_links(cx: &Context) -> (Vec<String>, Vec<Evidence>) {
    let mut local = Vec::new();
    let mut external = Vec::new();
    let readmes = cx
        .snapshot
        .files()
        .iter()
        .filter(|f| !f.path.contains('/') && f.path.to_ascii_uppercase().starts_with("README"));
    let web = cx
        .snapshot
        .remote()
        .and_then(assay_model::Forge::from_remote)
        .map(|f| f.web_url().to_owned());
    for readme in readmes {
        let Some(text) = cx.text(&readme.path) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            for caps in MD_LINK.captures_iter(line) {
                let target = &caps[1];
                let lower = target.to_ascii_lowercase();
                if !lower.contains("security") {
                    continue;
                }
                let lineno = u32::try_from(n + 1).unwrap_or(u32::MAX);
                let own = web.as_deref().and_then(|w| own_repo_path(w, target));
                let rel = match own {
                    Some(p) => Some(p),
                    None if !target.contains("://") && !target.starts_with('#') => {
                        Some(target.trim_start_matches("./").to_owned())
                    }
                    None => None,
                };
                match rel {
                    Some(p) => {
                        let p = p.split('#').next().unwrap_or_default().to_owned();
                        if cx.text(&p).is_some() && is_policy_doc(&p, cx.text(&p)) {
                            local.push(p);
                        }
                    }
                    None if lower.contains("security.md")
                        || lower.contains("/security/policy")
                        || lower.contains("security-policy") =>
                    {
                        external.push(Evidence::at(readme.path.clone(), lineno, line));
                    }
                    None => {}
                }
            }
        }
    }
    (local, external)
}

/// A linked document counts as a policy when it talks about reporting vulnerabilities.
fn is_policy_doc(_path: &str, text: Option<&str>) -> bool {
    text.is_some_and(|t| {
        let lower = t.to_ascii_lowercase();
        lower.contains("vulnerab") && (lower.contains("report") || lower.contains("disclos"))
    })
}

/// `https://github.com/o/r/blob/main/docs/x.md` → `docs/x.md` when it is this repository.
fn own_repo_path(web: &str, target: &str) -> Option<String> {
    let rest = target.strip_prefix(web)?;
    let rest = rest
        .strip_prefix("/blob/")
        .or_else(|| rest.strip_prefix("/-/blob/"))
        .or_else(|| rest.strip_prefix("/tree/"))?;
    let (_branch, path) = rest.split_once('/')?;
    Some(path.to_owned())
}

fn security_contacts(cx: &Context) -> Option<Finding> {
    let file = cx.snapshot.files().iter().find(|f| {
        let name = f.path.rsplit('/').next().unwrap_or(&f.path);
        f.path.matches('/').count() <= 1 && name.starts_with("SECURITY_CONTACTS")
    })?;

    let text = cx.text(&file.path)?;
    let mut f = Finding::new(
        "policy.security-contacts",
        Category::Policy,
        "security-contacts",
        "SECURITY_CONTACTS names the people who handle security reports",
        Status::Present,
    );
    let mut names = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        names.push(json!(t));
        f.evidence.push(Evidence::at(
            file.path.clone(),
            u32::try_from(n + 1).unwrap_or(u32::MAX),
            line,
        ));
    }
    if names.is_empty() {
        f.status = Status::Partial;
        f.title = "SECURITY_CONTACTS exists but names nobody".into();
        f.evidence.push(Evidence::file(file.path.clone()));
    }
    f.details.insert("contacts".into(), names.into());
    cap_evidence(&mut f);
    Some(f)
}

fn security_txt(cx: &Context) -> Option<Finding> {
    let file = cx.snapshot.files().iter().find(|f| {
        let lower = f.path.to_ascii_lowercase();
        lower == ".well-known/security.txt" || lower == "security.txt"
    })?;
    let text = cx.text(&file.path)?;
    let mut f = Finding::new(
        "policy.security-txt",
        Category::Policy,
        "security.txt",
        "security.txt gives a contact",
        Status::Present,
    );
    for (n, line) in text.lines().enumerate() {
        if line
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("contact:")
        {
            f.evidence.push(Evidence::at(
                file.path.clone(),
                u32::try_from(n + 1).unwrap_or(u32::MAX),
                line,
            ));
        }
    }
    if f.evidence.is_empty() {
        f.status = Status::Partial;
        f.title = "security.txt has no Contact: line".into();
        f.evidence.push(Evidence::file(file.path.clone()));
    }
    cap_evidence(&mut f);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_with_an_email_is_present_and_cites_the_line() {
        let f = judge_policy(
            "SECURITY.md",
            "# Security\n\nPlease email security@acme.dev.\nWe reply within 3 business days.\n",
        );
        assert_eq!(f.status, Status::Present);
        assert_eq!(f.evidence[0].line, Some(3));
        assert_eq!(f.details["response_times"], json!(true));
        assert_eq!(f.details["reporting_emails"], json!(["security@acme.dev"]));
    }

    #[test]
    fn spelled_out_addresses_count() {
        let f = judge_policy("SECURITY.md", "Write to security [at] acme [dot] dev\n");
        assert_eq!(f.status, Status::Present);
    }

    #[test]
    fn a_stub_policy_is_partial() {
        let f = judge_policy("SECURITY.md", "# Security Policy\n\nTBD\n");
        assert_eq!(f.status, Status::Partial);
        assert!(
            f.details["missing"]
                .as_array()
                .is_some_and(|m| m.contains(&json!("reporting_channel")))
        );
    }

    #[test]
    fn private_advisory_form_is_a_channel() {
        let f = judge_policy(
            "SECURITY.md",
            "Report at https://github.com/o/r/security/advisories/new please.\n",
        );
        assert_eq!(f.status, Status::Present);
        assert_eq!(
            f.details["reporting_urls"],
            json!(["https://github.com/o/r/security/advisories/new"])
        );
    }
}
