//! The security policy: where it is, and whether it tells a reporter what they need.

mod aspects;
mod contacts;
mod prose;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Status, detail};
use regex::Regex;
use serde_json::{Value, json};

use super::{Detector, cap_evidence, ci_regex as re};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::FileEntry;

pub struct SecurityPolicy;

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
         document the README links to; without one, a README section on security that gives \
         a reporting channel stands in. Reads SECURITY_CONTACTS and security.txt. The policy \
         is read as Markdown, sentence by sentence: every address and link is named for what \
         the clause, sentence and heading around it say it is (the private reporting channel, \
         a public channel, the issue tracker, published advisories, an announcement list, an \
         embargoed distributors' list, the team's own address, another policy, documentation). \
         Each aspect (PGP key, response times to reporters, disclosure or embargo, supported \
         versions, CVE handling, a severity method or scale, credit for reporters, fixes made \
         in private, who handles reports, bug bounty) counts only when one sentence says it, \
         and that whole sentence is kept as the quote. Supported versions missing from the \
         policy are looked for in RELEASES.md. A policy without a reporting channel is \
         partial; one that only links to a policy kept elsewhere says so."
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
            || is_release_doc(path)
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
                let mut f = Finding::of(&v::SECURITY_POLICY,
                    "security-policy",
                    title,
                    Status::Unknown,
                );
                f.evidence = candidates.iter().map(|(_, p)| Evidence::file(*p)).collect();
                findings.push(f);
            }
            None if let Some(f) = readme_security_section(cx) => findings.push(f),
            None if !external.is_empty() => {
                let mut f = Finding::of(&v::SECURITY_POLICY,
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
                Finding::of(&v::SECURITY_POLICY,
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
        if let Some(f) = findings.first_mut()
            && !has_detail(f, detail::PolicyAspect::SupportedVersions.key())
            && let Some(elsewhere) = supported_versions_elsewhere(cx)
        {
            f.details
                .insert(detail::SUPPORTED_VERSIONS_ELSEWHERE.into(), elsewhere);
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

/// Longest quote of a policy sentence, in characters.
const QUOTE_MAX_CHARS: usize = 600;

/// A whole sentence, safe to print: control characters removed, length bounded.
fn quote_text(s: &str) -> String {
    let s = assay_model::strip_control_chars(s).replace('\n', " ");
    if s.chars().count() <= QUOTE_MAX_CHARS {
        return s;
    }
    let mut out: String = s.chars().take(QUOTE_MAX_CHARS).collect();
    out.push('…');
    out
}

/// Judge a policy's text.
pub(crate) fn judge_policy(path: &str, text: &str) -> Finding {
    judge_sentences(path, &prose::sentences(text), text)
}

/// Judge a policy read as sentences (a whole file, or one section of a README).
fn judge_sentences(path: &str, sentences: &[prose::Sentence], text: &str) -> Finding {
    let lines: Vec<&str> = text.lines().collect();
    let line_text = |n: u32| {
        usize::try_from(n)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| lines.get(i).copied())
            .unwrap_or_default()
    };
    let mut contacts: Vec<contacts::Contact> = Vec::new();
    for s in sentences {
        for c in contacts::contacts_in(s) {
            if !contacts.contains(&c) {
                contacts.push(c);
            }
        }
    }
    // A policy that names one address and says nothing else about it means it for reports.
    if !contacts
        .iter()
        .any(|c| c.kind == contacts::ContactKind::Reporting)
    {
        let weak: BTreeSet<&str> = contacts
            .iter()
            .filter(|c| c.weak)
            .map(|c| c.value.as_str())
            .collect();
        if weak.len() == 1 {
            for c in contacts.iter_mut().filter(|c| c.weak) {
                c.kind = contacts::ContactKind::Reporting;
            }
        }
    }
    let mut channels: Vec<String> = Vec::new();
    let mut emails = BTreeSet::new();
    let mut urls = BTreeSet::new();
    let mut elsewhere = BTreeSet::new();
    let mut aspect_lines: BTreeMap<&str, u32> = BTreeMap::new();
    let mut evidence = Vec::new();
    for c in &contacts {
        match c.kind {
            contacts::ContactKind::Reporting => {
                if !channels.iter().any(|v| v.eq_ignore_ascii_case(&c.value)) {
                    channels.push(c.value.clone());
                }
                if c.value.contains('@') && !c.value.contains("://") {
                    emails.insert(c.value.clone());
                } else if c.value.contains("://") {
                    urls.insert(c.value.clone());
                }
                aspect_lines.entry("reporting_channel").or_insert(c.line);
                evidence.push(Evidence::at(path, c.line, line_text(c.line)));
            }
            contacts::ContactKind::OtherPolicy => {
                elsewhere.insert(c.value.clone());
                evidence.push(Evidence::at(path, c.line, line_text(c.line)));
            }
            _ => {}
        }
    }
    let mut quotes = serde_json::Map::new();
    let mut missing = Vec::new();
    let has_channel = !channels.is_empty();
    if !has_channel {
        missing.push("reporting_channel");
    }
    let mut found = BTreeMap::new();
    for aspect in detail::PolicyAspect::ALL {
        if aspect == detail::PolicyAspect::ReportingChannel {
            continue;
        }
        let quote = aspects::quote_for(aspect, sentences);
        let key = aspect.key();
        found.insert(key, quote.is_some());
        match quote {
            Some(s) => {
                aspect_lines.insert(key, s.line);
                quotes.insert(
                    key.into(),
                    json!({ "line": s.line, "text": quote_text(&s.text) }),
                );
                evidence.push(Evidence::at(path, s.line, line_text(s.line)));
            }
            None if aspect != detail::PolicyAspect::BugBounty => missing.push(key),
            None => {}
        }
    }
    // Every stated time ("3 business days"), for checking an assessment's claims.
    let mut times = BTreeSet::new();
    for s in sentences.iter().filter(|s| !s.code) {
        if aspects::TIME_CONTEXT.is_match(&s.text) {
            for m in aspects::TIME.find_iter(&s.text) {
                times.insert(m.as_str().to_lowercase());
            }
        }
    }
    for c in &contacts {
        if !matches!(
            c.kind,
            contacts::ContactKind::Reporting
                | contacts::ContactKind::OtherPolicy
                | contacts::ContactKind::Reference
        ) {
            evidence.push(Evidence::at(path, c.line, line_text(c.line)));
        }
    }
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
    let mut f = Finding::of(&v::SECURITY_POLICY, "security-policy", title, status)
        .with_detail(detail::PATH, path)
        .with_detail(detail::REPORTING_CHANNELS, channels)
        .with_detail(
            detail::REPORTING_EMAILS,
            emails.into_iter().collect::<Vec<_>>(),
        )
        .with_detail(detail::REPORTING_URLS, urls.into_iter().collect::<Vec<_>>())
        .with_detail(
            detail::CONTACTS,
            contacts
                .iter()
                .filter(|c| c.kind != contacts::ContactKind::Reference)
                .map(|c| json!({ "kind": c.kind.key(), "value": c.value, "line": c.line }))
                .collect::<Vec<_>>(),
        )
        .with_detail(detail::STATED_TIMES, times.into_iter().collect::<Vec<_>>());
    if !elsewhere.is_empty() {
        f.details.insert(
            detail::POINTS_TO.into(),
            json!(elsewhere.into_iter().collect::<Vec<_>>()),
        );
        if !has_channel {
            f.details.insert(
                "question".into(),
                json!("Which reporting channel does the linked policy give, and does it cover this repository?"),
            );
        }
    }
    for (name, hit) in found {
        f.details.insert(name.into(), hit.into());
    }
    f.details.insert("missing".into(), json!(missing));
    f.details.insert("aspect_lines".into(), json!(aspect_lines));
    f.details
        .insert("aspect_quotes".into(), Value::Object(quotes));

    f.evidence = if evidence.is_empty() {
        vec![Evidence::file(path)]
    } else {
        evidence
    };
    cap_evidence(&mut f);
    f
}

fn has_detail(f: &Finding, key: &str) -> bool {
    f.details.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// Root README files, Markdown first.
fn root_readmes<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a FileEntry> {
    cx.snapshot
        .files()
        .iter()
        .filter(|f| !f.path.contains('/') && f.path.to_ascii_uppercase().starts_with("README"))
}

/// Release documents: where supported versions are often stated instead of the policy.
fn is_release_doc(path: &str) -> bool {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    let upper = name.to_ascii_uppercase();
    matches!(dir, "" | "docs") && matches!(upper.as_str(), "RELEASES.MD" | "RELEASE.MD")
}

static SECURITY_HEADING: LazyLock<Regex> =
    LazyLock::new(|| super::ci_regex(r"\bsecur|\bvulnerab|\bdisclos"));

/// A "Security" section of the README that gives a reporting channel stands in for a
/// missing SECURITY.md: saying "no policy" would send reporters nowhere.
fn readme_security_section(cx: &Context) -> Option<Finding> {
    for readme in root_readmes(cx) {
        let Some(text) = cx.text(&readme.path) else {
            continue;
        };
        let sentences = prose::sentences(text);
        let mut at = 0;
        while let Some(i) = sentences
            .iter()
            .skip(at)
            .position(|s| s.heading && SECURITY_HEADING.is_match(&s.text))
            .map(|i| i + at)
        {
            let head = &sentences[i];
            let depth = head.headings.len();
            let section: Vec<prose::Sentence> = sentences
                .iter()
                .skip(i + 1)
                .take_while(|s| s.headings.get(depth) == Some(&head.text))
                .cloned()
                .collect();
            at = i + 1 + section.len();
            let mut f = judge_sentences(&readme.path, &section, text);
            if f.status != Status::Present {
                continue;
            }
            f.title = format!(
                "The README's \"{}\" section gives a reporting channel (there is no SECURITY.md)",
                assay_model::clean_excerpt(&head.text)
            );
            f.details.insert(detail::SECTION.into(), json!(head.text));
            f.details.insert("section_line".into(), json!(head.line));
            f.details.insert(
                "question".into(),
                json!("Should this section become a SECURITY.md, so forges show it to reporters?"),
            );
            return Some(f);
        }
    }
    None
}

/// Which versions get security fixes, as a release document states it.
fn supported_versions_elsewhere(cx: &Context) -> Option<Value> {
    let mut docs: Vec<&FileEntry> = cx
        .snapshot
        .files()
        .iter()
        .filter(|f| is_release_doc(&f.path))
        .collect();
    docs.sort_by_key(|f| (f.path.contains('/'), f.path.clone()));
    docs.into_iter().find_map(|doc| {
        let text = cx.text(&doc.path)?;
        let sentences = prose::sentences(text);
        let s = aspects::quote_for(detail::PolicyAspect::SupportedVersions, &sentences)?;
        Some(json!({ "path": doc.path, "line": s.line, "text": quote_text(&s.text) }))
    })
}

/// Security documents the README links to: repo paths that exist, and external URLs.
fn readme_security_links(cx: &Context) -> (Vec<String>, Vec<Evidence>) {
    let mut local = Vec::new();
    let mut external = Vec::new();
    let readmes = root_readmes(cx);
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
    let mut f = Finding::of(
        &v::SECURITY_CONTACTS,
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
    // A file whose every line links elsewhere and names no one defers to other contacts.
    let elsewhere: Vec<String> = names
        .iter()
        .filter_map(|n| n.as_str())
        .filter(|t| t.contains("://") && !assay_model::patterns::EMAIL.is_match(t))
        .filter_map(|t| {
            MD_LINK
                .captures(t)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_owned())
        })
        .collect();
    if names.is_empty() {
        f.status = Status::Partial;
        f.title = "SECURITY_CONTACTS exists but names nobody".into();
        f.evidence.push(Evidence::file(file.path.clone()));
    } else if elsewhere.len() == names.len() {
        f.status = Status::Partial;
        f.title = format!(
            "{} names no one here; it points to contacts kept elsewhere: {}",
            file.path,
            elsewhere.join(", ")
        );
        f.details.insert(detail::POINTS_TO.into(), json!(elsewhere));
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
    let mut f = Finding::of(
        &v::SECURITY_TXT,
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
