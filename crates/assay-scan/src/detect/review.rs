//! Review and contribution rules written in the project's own documents: required
//! approvals, DCO sign-off, CLA, signed commits.

use std::sync::LazyLock;

use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Evidence, Finding, Status};
use regex::Regex;

use super::{Detector, cap_evidence, ci_regex as re, docs::is_community_doc};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::FileEntry;

pub struct ReviewRules;

static APPROVALS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:at least|a minimum of|minimum of|requires?|needs?|must (?:have|receive|get))\s+(?P<n>an?|one|two|three|\d+)\s+(?:[\w-]+\s+){0,3}?(?:approvals?|approvers?|reviewers?|reviews?|maintainers?|LGTMs?)\b|\b(?P<m>one|two|three|\d+)\s+(?:[\w-]+\s+){0,2}?(?:approvals?|LGTMs?)\b|/lgtm\b|/approve\b",
    )
});
static DCO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"developer certificate of origin|\bsigned-off-by\b|\bDCO\b|git commit (?:-\w*s\b|--signoff)",
    )
});
static MERGE_CONTEXT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bmerg|\bpull requests?\b|\bPRs?\b|\bchanges?\b|\bpatch"));
static CLA: LazyLock<Regex> =
    LazyLock::new(|| re(r"contributor licen[cs]e agreement|\bEasyCLA\b|\bCLA\b"));
static SIGNED_COMMITS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:gpg|ssh)[- ]sign|\bsigned commits\b|\bcommits? (?:must|should|needs? to) be signed\b|\bcommits? (?:is|are) signed\b|(?-i:git commit -S\b)|verified signatures?",
    )
});
/// Words that only a cryptographic signature has.
static CRYPTOGRAPHIC: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bgpg\b|\bpgp\b|\bssh[- ]sign|\bssh key|\bsigning key|\bsignature|\bverified\b|\bgitsign\b|\bsigstore\b|\bx\.?509\b|\bcryptograph|(?-i:\s-S\b)|--gpg-sign",
    )
});
/// Words of a DCO sign-off: "signed off", `-s`, `--signoff`, the certificate's name.
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bsign(?:ed)?[- ]?off|\bsignoff\b|(?-i:\s-s\b)|certificate of origin|\bDCO\b")
});

/// What "signed" means on `line`, read with the section around it: a line that only says
/// commits "must be signed" in a section about sign-offs asks for a DCO sign-off, not a
/// signature.
fn signing_meaning(line: &str, section: &str) -> Option<Signing> {
    if !SIGNED_COMMITS.is_match(line) || SIGN_OFF.is_match(line) {
        return None;
    }
    if CRYPTOGRAPHIC.is_match(line)
        || !SIGN_OFF.is_match(section)
        || CRYPTOGRAPHIC.is_match(section)
    {
        Some(Signing::Cryptographic)
    } else {
        Some(Signing::SignOff)
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Signing {
    Cryptographic,
    SignOff,
}

/// The Markdown section (from one heading to the next) around each line, as text.
fn sections(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && l.starts_with('#') {
            out.push((start, lines[start..i].join("\n")));
            start = i;
        }
    }
    out.push((start, lines.get(start..).unwrap_or_default().join("\n")));
    out
}

fn number(word: &str) -> Option<u64> {
    match word.to_ascii_lowercase().as_str() {
        // "a review" says review happens, not how many approvals are needed.
        "one" => Some(1),

        "two" => Some(2),
        "three" => Some(3),
        other => other.parse().ok(),
    }
}

/// Documents that state contribution rules.
fn is_rules_doc(entry: &FileEntry) -> bool {
    let upper = entry.path.to_ascii_uppercase();
    is_community_doc(entry)
        && (upper.contains("CONTRIBUT")
            || upper.contains("GOVERNANCE")
            || upper.contains("REVIEW")
            || upper.contains("MAINTAINER")
            || upper.contains("PULL_REQUEST_TEMPLATE")
            || upper.starts_with("README"))
}

impl Detector for ReviewRules {
    fn name(&self) -> &'static str {
        "review-rules"
    }

    fn doc(&self) -> &'static str {
        "Reads CONTRIBUTING, GOVERNANCE, MAINTAINERS, review guides, the pull request \
         template and the README for written rules: how many approvals a change needs \
         (\"at least two approvals\", /lgtm and /approve), whether commits must carry a DCO \
         sign-off, whether a CLA is required, whether commits must be signed. Each rule is \
         cited by line. These are what the documents say; the history findings show what \
         is practised."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        is_rules_doc(entry)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let docs: Vec<&FileEntry> = cx
            .snapshot
            .files()
            .iter()
            .filter(|e| is_rules_doc(e))
            .collect();
        let mut approvals = Vec::new();
        let mut required: Option<u64> = None;
        let mut dco = Vec::new();
        let mut cla = Vec::new();
        let mut signed = Vec::new();
        for doc in docs {
            let Some(text) = cx.text(&doc.path) else {
                continue;
            };
            let sections = sections(text);
            for (n, line) in text.lines().enumerate() {
                let lineno = u32::try_from(n + 1).unwrap_or(u32::MAX);
                let section = sections
                    .iter()
                    .rev()
                    .find(|(start, _)| *start <= n)
                    .map_or("", |(_, s)| s.as_str());
                let ev = || Evidence::at(doc.path.clone(), lineno, line);
                // An approval is a review rule only when the line is about merging changes
                // ("no objection within 7 days is approval" of a new maintainer is not).
                let about_changes = MERGE_CONTEXT.is_match(line)
                    || line.contains("/lgtm")
                    || line.contains("/approve");
                if let Some(c) = APPROVALS.captures(line).filter(|_| about_changes) {
                    // A count only means "approvals to merge" when the line says so.
                    if let Some(k) = c
                        .name("n")
                        .or_else(|| c.name("m"))
                        .and_then(|m| number(m.as_str()))
                    {
                        required = Some(required.map_or(k, |r| r.max(k)));
                    }
                    approvals.push(ev());
                }
                let meaning = signing_meaning(line, section);
                if DCO.is_match(line) || meaning == Some(Signing::SignOff) {
                    dco.push(ev());
                }
                if CLA.is_match(line) {
                    cla.push(ev());
                }
                if meaning == Some(Signing::Cryptographic) {
                    signed.push(ev());
                }
            }
        }
        let mut out = Vec::new();
        let mut push = |kind: &FindingKind,
                        subject: &str,
                        found: &str,
                        missing: &str,
                        evidence: Vec<Evidence>| {
            let status = if evidence.is_empty() {
                Status::Absent
            } else {
                Status::Present
            };
            let title = if evidence.is_empty() { missing } else { found };
            let mut f = Finding::of(kind, subject, title, status);
            f.evidence = evidence;
            cap_evidence(&mut f);
            out.push(f);
        };
        let approvals_title = match required {
            Some(n) => format!(
                "Contribution documents ask for at least {n} approval(s) before a change merges"
            ),
            None => "Contribution documents describe review or approval of changes".to_owned(),
        };
        push(
            &v::APPROVAL_RULE,
            "review",
            &approvals_title,
            "No written review or approval rule found",
            approvals,
        );
        push(
            &v::DCO_REQUIRED,
            "dco",
            "Contribution documents ask for a DCO sign-off",
            "No written DCO sign-off requirement found",
            dco,
        );
        push(
            &v::CLA_REQUIRED,
            "cla",
            "Contribution documents mention a CLA",
            "No written CLA requirement found",
            cla,
        );
        push(
            &v::SIGNED_COMMITS_REQUIRED,
            "signed-commits",
            "Contribution documents ask for signed commits",
            "No written signed-commit requirement found",
            signed,
        );
        if let (Some(n), Some(f)) = (required, out.first_mut()) {
            f.details.insert("required_approvals".into(), n.into());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approval_counts() {
        let c = APPROVALS
            .captures("Every PR requires at least two approvals from maintainers")
            .expect("match");
        assert_eq!(c.name("n").map(|m| m.as_str()), Some("two"));
        assert!(APPROVALS.is_match("A maintainer adds /lgtm"));
        assert!(!APPROVALS.is_match("Two people talked about it"));
        let vague = APPROVALS
            .captures("you need a specific person to review it in the pull request")
            .expect("match");
        let n = vague.name("n").and_then(|m| number(m.as_str()));
        assert_eq!(n, None, "a review is not a count of approvals");
    }

    #[test]
    fn sign_off_is_not_a_signature() {
        assert!(!SIGNED_COMMITS.is_match("git commit -s -m msg"));
        assert!(SIGNED_COMMITS.is_match("git commit -S -m msg"));
    }

    #[test]
    fn commits_must_be_signed_off_is_a_dco_sign_off_not_a_signature() {
        let doc = "## DCO Sign-off\n\nAll commits must be signed off.\n\nUse `--signoff` when committing.\n";
        assert_eq!(
            signing_meaning("All commits must be signed off.", doc),
            None
        );
        let doc = "## Contributing\n\n* Commit, making sure each commit is signed:\n  git commit -s -m msg\n* (each individual commit must be signed)\n";
        assert_eq!(
            signing_meaning("* (each individual commit must be signed)", doc),
            Some(Signing::SignOff)
        );
        let doc = "## Signing\n\nCommits must be signed with your GPG key.\n";
        assert_eq!(
            signing_meaning("Commits must be signed with your GPG key.", doc),
            Some(Signing::Cryptographic)
        );
        let doc = "## Signing\n\nAll commits must be signed.\n";
        assert_eq!(
            signing_meaning("All commits must be signed.", doc),
            Some(Signing::Cryptographic)
        );
    }

    #[test]
    fn dco_wording() {
        assert!(DCO.is_match("All commits need a Signed-off-by line"));
        assert!(DCO.is_match("use git commit -s"));
        assert!(!DCO.is_match("a discussion"));
    }
}
