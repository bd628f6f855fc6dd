//! Which claims in an assessment do the project's repositories back? Claims a checkout
//! can confirm are read from the document and checked against a scan. One file per claim
//! kind under `claims/`, each holding its rule (code, name, documentation) and its check;
//! [`VERIFY_RULES`] lists the rules, one line each.

mod claims;
mod fix;
mod merge;

use std::ops::Range;
use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_lint::rules::{Context, Hit, Rule};
use assay_model::{Category, Diagnostic, Evidence, Finding, ScanReport, Severity, Status};
use assay_scan::{Catalog, Snapshot};
use regex::{Regex, RegexBuilder};
use serde::Serialize;

pub use claims::{
    ABSENCE_CONTRADICTED, BADGE_ID_MISMATCH, CHANNEL_NOT_REFERENCED, COMMUNITY_NOT_MENTIONED,
    CONTACT_NOT_FOUND, LANGUAGE_NOT_FOUND, LICENSE_MISMATCH, LINK_TARGET_MISSING, POLICY_NOT_FOUND,
    PRACTICE_CONTRADICTED, PRACTICE_OMITTED, RESPONSE_TIME_NOT_FOUND, REVIEW_RULE_NOT_FOUND,
    TOOL_NOT_FOUND,
};
pub use fix::unified_diff;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    #[default]
    Backed,
    NotFound,
    Contradicted,
}

/// A proposed edit of the assessment: replace `range` with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub range: Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Claim {
    /// What kind of claim: `tool`, `practice`, `link`, `contact`, `response-time`,
    /// `channel`, `language`.
    pub kind: &'static str,
    /// What the document says, in brief.
    pub claim: String,
    pub section: Option<String>,
    pub verdict: Verdict,
    /// Why the verdict, in a sentence.
    pub reason: String,
    pub evidence: Vec<Evidence>,
    #[serde(skip)]
    pub range: Range<usize>,
    /// The rule reported when the claim is not backed.
    #[serde(skip)]
    pub code: &'static str,
    /// Not found, but the thing could live outside the repositories given (a hosted
    /// service, a setting on the forge, another repository): reported as a warning.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub elsewhere: bool,
    /// What the repository shows instead, in words, when the claim is not backed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// The edit of the assessment that would state what the repository shows.
    #[serde(skip)]
    pub fix: Option<Fix>,
    /// The repository that backs or contradicts the claim (its web address or folder).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
}

impl Claim {
    /// Contradicted, or not found where only the repository could hold the thing: an
    /// error. Not found where it could live elsewhere: a warning that says so.
    pub fn severity(&self) -> Severity {
        match self.verdict {
            Verdict::NotFound if self.elsewhere => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Omission {
    pub practice: String,
    pub reason: String,
    pub evidence: Vec<Evidence>,
    /// The repository that shows the practice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct VerifyReport {
    pub claims: Vec<Claim>,
    pub omissions: Vec<Omission>,
}

fn no_check(_: &Context) -> Vec<Hit> {
    Vec::new()
}

/// A verify rule: documented like a lint rule and reported through the same diagnostic
/// path; the checking is done by its claim file, not through `Rule::check`.
macro_rules! verify_rule {
    ($name:ident, $code:literal, $rule:literal, $sev:expr, $summary:literal, $doc:literal, $help:literal) => {
        pub static $name: assay_lint::rules::Rule = assay_lint::rules::Rule {
            code: $code,
            name: $rule,
            severity: $sev,
            summary: $summary,
            doc: $doc,
            help: $help,
            check: $crate::no_check,
        };
    };
}
pub(crate) use verify_rule;

/// Every verify rule, one line each.
pub static VERIFY_RULES: &[&Rule] = &[
    &TOOL_NOT_FOUND,
    &ABSENCE_CONTRADICTED,
    &CONTACT_NOT_FOUND,
    &LINK_TARGET_MISSING,
    &CHANNEL_NOT_REFERENCED,
    &LANGUAGE_NOT_FOUND,
    &PRACTICE_CONTRADICTED,
    &RESPONSE_TIME_NOT_FOUND,
    &PRACTICE_OMITTED,
    &BADGE_ID_MISMATCH,
    &POLICY_NOT_FOUND,
    &COMMUNITY_NOT_MENTIONED,
    &REVIEW_RULE_NOT_FOUND,
    &LICENSE_MISMATCH,
];

pub(crate) fn re(p: &str) -> Regex {
    RegexBuilder::new(p)
        .case_insensitive(true)
        .build()
        .unwrap_or_else(|e| unreachable!("static regex {p}: {e}"))
}

static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no|not|none|never|without|lacks?|isn't|aren't|doesn't|don't|didn't|cannot|can't|neither|nor|yet to|missing)\b",
    )
});
/// Sentences that name tools as integrations, plans, recommendations or history make no
/// claim about the project's own pipeline, wherever the word stands.
static NOT_A_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bin the past\b|\bno longer\b|\bintegrat(?:es|ed|ing|ions?)? with\b|\bintegrations\b|\bcompatible\b|\betc\b|\bplans? to\b|\bplanned\b|\bconsider|\bif enabled\b|\boptional(?:ly)?\b|\brecommend|\bencourag|\bfuture\b|\broadmap\b|\bin progress\b|\bworking on\b|\bintend|\baims? to\b|\bformerly\b|\bpreviously\b|\bused to\b",
    )
});
/// Examples and modal verbs hedge only what follows them: "tools such as X", "X may be
/// run", but not "X scans images that may hold secrets".
static HEDGE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bsuch as\b|\be\.g\b|\bfor (?:example|instance)\b|\bwill\b|\bcould\b|\bmay\b|\bmight\b|\bcan be\b|\bshould\b|\bwould\b",
    )
});

static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| re(r"!?\[[^\]]*\]\([^)]*\)|<https?://[^>]*>|https?://\S+"));
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:[*+-]|\d+[.)])\s"));

/// Does the mention at byte `at` of the document state something about the project? Not
/// inside a Markdown comment, not in a sentence that hedges, plans, gives examples or
/// recommends, not in a list item that is only links (a list of integrations or further
/// reading), and not in a list introduced by such a sentence.
pub(crate) fn claim_at(doc: &Document, at: usize) -> bool {
    if doc.comments.iter().any(|c| c.contains(&at)) {
        return false;
    }
    let text = doc.text.as_str();
    let at = floor_boundary(text, at);
    if NOT_A_CLAIM.is_match(sentence(text, at))
        || HEDGE_BEFORE.is_match(&text[sentence_start(text, at)..at])
    {
        return false;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    if !LIST_ITEM.is_match(line) {
        return true;
    }
    let words = MD_LINK.replace_all(line, "");
    if words
        .split(|c: char| !c.is_alphanumeric())
        .all(|w| w.is_empty() || w.eq_ignore_ascii_case("and"))
    {
        return false;
    }
    // The lead-in: the nearest line above that is not a list item, blank lines skipped,
    // when it introduces the list (ends with a colon); a wrapped item's second line does
    // not.
    let lead = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .find(|l| !LIST_ITEM.is_match(l));
    !lead.is_some_and(|l| {
        l.ends_with(':')
            && !l.starts_with('#')
            && (NOT_A_CLAIM.is_match(l) || HEDGE_BEFORE.is_match(l))
    })
}

/// Is a link at `at` offered as current: outside comments, in a sentence that does not
/// speak of the past or of plans?
pub(crate) fn link_is_current(doc: &Document, at: usize) -> bool {
    !doc.comments.iter().any(|c| c.contains(&at)) && !NOT_A_CLAIM.is_match(sentence(&doc.text, at))
}

/// Where a link's destination is written inside its Markdown, else the whole link.
pub(crate) fn dest_range(doc: &Document, l: &assay_lint::document::Link) -> Range<usize> {
    doc.text
        .get(l.range.clone())
        .and_then(|s| s.rfind(l.dest.as_str()))
        .map_or(l.range.clone(), |i| {
            l.range.start + i..l.range.start + i + l.dest.len()
        })
}

/// Is the mention at `at` (in `text`) negated? Only what comes before it in the sentence
/// counts: "no fuzzing is done", not "DCO certifies that it is not ...".
fn negated(text: &str, at: usize) -> bool {
    let at = floor_boundary(text, at);
    NEGATION.is_match(&text[sentence_start(text, at)..at])
}

/// The sentence around byte `at`, without list or quote markers.
fn sentence(text: &str, at: usize) -> &str {
    let at = floor_boundary(text, at);
    let start = sentence_start(text, at);
    let end = sentence_end(text, at);
    text[start..end]
        .trim()
        .trim_start_matches(['*', '-', '+', '>', '|'])
        .trim_start()
}

/// A sentence ends at a line break, or at `.`, `!` or `?` followed by a space or the end:
/// the dot inside `security@example.dev` or `v1.2` does not end one.
fn ends_sentence(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    match b.get(i) {
        Some(b'\n') => !soft_wrap(text, i),
        Some(b'.' | b'!' | b'?') => b.get(i + 1).is_none_or(u8::is_ascii_whitespace),
        _ => false,
    }
}

/// Is the line break at `i` a wrap inside a paragraph? Not when a blank line, a list
/// item, a heading, a quote or a table row follows, or a table row or heading ends there.
fn soft_wrap(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end();
    let this_line = before.rsplit('\n').next().unwrap_or_default().trim_start();
    if this_line.is_empty() || this_line.starts_with(['#', '|']) || before.ends_with('|') {
        return false;
    }
    let next = text[i + 1..].split('\n').next().unwrap_or_default();
    let next = next.trim_start();
    !(next.is_empty() || next.starts_with(['#', '|', '>', '<']) || LIST_ITEM.is_match(next))
}

fn sentence_start(text: &str, at: usize) -> usize {
    (0..at)
        .rev()
        .find(|&i| ends_sentence(text, i))
        .map_or(0, |i| i + 1)
}

fn sentence_end(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&i| ends_sentence(text, i))
        .map_or(text.len(), |i| {
            if text.as_bytes()[i] == b'\n' {
                i
            } else {
                i + 1
            }
        })
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn section_of(doc: &Document, at: usize) -> Option<String> {
    doc.headings
        .iter()
        .rfind(|h| h.range.start <= at)
        .map(|h| h.text.clone())
}

/// The findings of one scan, looked up by declared kind.
pub(crate) struct Facts<'a> {
    pub(crate) report: &'a ScanReport,
}

impl Facts<'_> {
    pub(crate) fn get(&self, id: &str) -> Option<&Finding> {
        self.report.findings.iter().find(|f| f.id == id)
    }

    pub(crate) fn found(&self, id: &str) -> Option<&Finding> {
        self.get(id)
            .filter(|f| matches!(f.status, Status::Present | Status::Partial))
    }

    /// What the scan found in `c` (present or partial), without the whole-category summary.
    pub(crate) fn category_found(&self, c: Category) -> Vec<&Finding> {
        self.report
            .findings
            .iter()
            .filter(|f| f.category == c && !assay_model::vocabulary::is_category_summary(&f.id))
            .filter(|f| matches!(f.status, Status::Present | Status::Partial))
            .collect()
    }
}

pub(crate) fn first_evidence(f: &Finding) -> Vec<Evidence> {
    f.evidence.iter().take(2).cloned().collect()
}

/// One repository of the project: its scan and its tree.
pub struct Source<'a> {
    /// How the output names it: the web address, else the folder.
    pub label: String,
    pub report: &'a ScanReport,
    pub snapshot: &'a Snapshot,
}

impl<'a> Source<'a> {
    pub fn new(report: &'a ScanReport, snapshot: &'a Snapshot) -> Source<'a> {
        let label = report
            .repository
            .url
            .clone()
            .unwrap_or_else(|| report.repository.root.clone());
        Source {
            label,
            report,
            snapshot,
        }
    }
}

/// Check `doc` against the scan of its repository.
pub fn verify(
    doc: &Document,
    report: &ScanReport,
    snapshot: &Snapshot,
    catalog: &Catalog,
) -> VerifyReport {
    verify_all(doc, &[Source::new(report, snapshot)], catalog)
}

/// Check `doc` against the scans of several repositories of one project: a claim is
/// backed when any of them backs it, and the claim names which one.
pub fn verify_all(doc: &Document, sources: &[Source], catalog: &Catalog) -> VerifyReport {
    let each: Vec<VerifyReport> = sources
        .iter()
        .map(|s| {
            let mut r = verify_one(doc, s, catalog);
            for c in &mut r.claims {
                if c.verdict != Verdict::NotFound {
                    c.repository = Some(s.label.clone());
                }
            }
            for o in &mut r.omissions {
                o.repository = Some(s.label.clone());
            }
            r
        })
        .collect();
    let mut out = merge::merge(each, sources.len());
    out.claims.sort_by_key(|c| c.range.start);
    out
}

fn verify_one(doc: &Document, source: &Source, catalog: &Catalog) -> VerifyReport {
    let facts = Facts {
        report: source.report,
    };
    let mut out = VerifyReport::default();
    claims::tool::check(doc, &facts, catalog, &mut out);
    claims::practice::check(doc, &facts, &mut out);
    claims::contact::check(doc, &facts, &mut out);
    claims::response_time::check(doc, &facts, &mut out);
    claims::link::check(doc, source.report, source.snapshot, &mut out);
    claims::channel::check(doc, &facts, &mut out);
    claims::language::check(doc, &facts, &mut out);
    claims::badge::check(doc, &facts, &mut out);
    claims::policy::check(doc, &facts, &mut out);
    claims::community::check(doc, source.snapshot, &mut out);
    claims::review::check(doc, &facts, &mut out);
    claims::license::check(doc, &facts, &mut out);
    claims::omission::check(doc, &facts, catalog, &mut out);
    out
}

pub(crate) fn practices_body(doc: &Document) -> Option<Range<usize>> {
    doc.section("secure-development-practices")
        .map(|s| doc.logical_body(s))
}

/// Claims that failed, and omissions, as diagnostics: one per claim (a claim repeated
/// later in the text, or a second failure of the same rule on one line, joins the first).
pub fn diagnostics(doc: &Document, report: &VerifyReport) -> Vec<Diagnostic> {
    let rule = |code: &str| VERIFY_RULES.iter().find(|r| r.code == code).copied();
    let at_practices = doc
        .section("secure-development-practices")
        .map_or(0..0, |s| doc.heading_of(s).range.clone());
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut seen: Vec<(&str, String)> = Vec::new();
    for c in &report.claims {
        if c.verdict == Verdict::Backed {
            continue;
        }
        let Some(r) = rule(c.code) else {
            continue;
        };
        let said = assay_model::clean_excerpt(&c.claim);
        let key = (c.code, said.to_lowercase());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let mut message = format!("\"{said}\": {}", c.reason);
        if let Some(s) = &c.suggestion {
            message.push_str("; proposed: ");
            message.push_str(s);
        }
        let mut d = r.diagnostic(doc, &doc.path, c.range.clone(), message);
        d.severity = c.severity();
        if let Some(prev) = out
            .iter_mut()
            .find(|p| p.code == d.code && p.line == d.line)
        {
            prev.message.push_str("; ");
            prev.message.push_str(&d.message);
            prev.severity = prev.severity.min(d.severity);
            continue;
        }
        out.push(d);
    }
    // A warning on a line that already carries an error says less about the same sentence.
    let error_lines: Vec<u32> = out
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.line)
        .collect();
    out.retain(|d| d.severity == Severity::Error || !error_lines.contains(&d.line));
    for o in &report.omissions {
        out.push(PRACTICE_OMITTED.diagnostic(
            doc,
            &doc.path,
            at_practices.clone(),
            o.reason.clone(),
        ));
    }
    out.sort_by(|a, b| (a.start, &a.code).cmp(&(b.start, &b.code)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dot_inside_an_address_or_version_does_not_end_a_sentence() {
        let text = "* Intro. Write to security@widget.dev; we respond within 3 days. Next one.";
        let at = text.find("respond").unwrap_or_default();
        assert_eq!(
            sentence(text, at),
            "Write to security@widget.dev; we respond within 3 days."
        );
        assert_eq!(
            sentence("* Trivy v1.2 scans images", 8),
            "Trivy v1.2 scans images"
        );
    }

    #[test]
    fn negation_is_read_in_the_sentence_before_the_mention() {
        let text = "Fuzzing is not done. Trivy runs.";
        assert!(negated(text, text.find("done").unwrap_or_default()));
        assert!(!negated(text, text.find("Trivy").unwrap_or_default()));
    }
}
