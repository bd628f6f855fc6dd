//! Which claims in an assessment does the repository back? Claims a checkout can confirm
//! are read from the document (tools in the development practices, links into the
//! project's repository, security contacts and response times, channels, languages,
//! sign-off and signing practices) and checked against a scan of the checkout.

use std::ops::Range;
use std::sync::LazyLock;

use assay_model::{Category, Diagnostic, Evidence, Finding, ScanReport, Severity, Status};
use assay_scan::{Catalog, Snapshot};
use regex::{Regex, RegexBuilder};
use serde::Serialize;
use serde_json::Value;

use crate::document::Document;
use crate::rules::{Context, Hit, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Backed,
    NotFound,
    Contradicted,
}

#[derive(Debug, Clone, Serialize)]
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
}

#[derive(Debug, Clone, Serialize)]
pub struct Omission {
    pub practice: String,
    pub reason: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Default, Serialize)]
pub struct VerifyReport {
    pub claims: Vec<Claim>,
    pub omissions: Vec<Omission>,
}

fn no_check(_: &Context) -> Vec<Hit> {
    Vec::new()
}

macro_rules! verify_rule {
    ($name:ident, $code:literal, $rule:literal, $sev:expr, $summary:literal, $doc:literal, $help:literal) => {
        pub static $name: Rule = Rule {
            code: $code,
            name: $rule,
            severity: $sev,
            summary: $summary,
            doc: $doc,
            help: $help,
            check: no_check,
        };
    };
}

verify_rule!(
    TOOL_NOT_FOUND,
    "AV001",
    "tool-not-found",
    Severity::Error,
    "A tool the assessment says the project uses is nowhere in the repository.",
    "## What\nFor every tool the catalog knows that the Secure development practices section names, checks the scan of the checkout. Reported when the repository shows no trace of it.\n\n## Why\nTools get replaced; an assessment that still lists the old one misleads adopters.\n\n## Example\nThe text says CodeQL scans every pull request; the repository has no CodeQL workflow.\n\n## Fix\nUpdate the text to the tool in use, or say where the check runs if it is configured outside this repository.",
    "update the text, or say where the tool runs if outside this repository"
);
verify_rule!(
    ABSENCE_CONTRADICTED,
    "AV002",
    "absence-contradicted",
    Severity::Error,
    "The assessment says a tool or practice is absent, and the repository shows it.",
    "## What\nA negative statement (\"no fuzzing is done\", \"does not sign images\") about something the scan finds in place.\n\n## Why\nAn assessment that undersells the project sends reviewers after gaps that are closed.\n\n## Example\n\"There are no secret scanning checks\" while a gitleaks workflow runs on every pull request.\n\n## Fix\nDescribe the practice as it is now.",
    "describe the practice as it is now"
);
verify_rule!(
    CONTACT_NOT_FOUND,
    "AV003",
    "contact-not-found",
    Severity::Error,
    "A security contact in the assessment is not in the repository's policy or contact files.",
    "## What\nEmail addresses given for security reports, checked against the security policy, SECURITY_CONTACTS, Security Insights and community documents.\n\n## Why\nA reporter who writes to a retired address is not heard.\n\n## Example\nThe text says to write to sec-old@lists.example; SECURITY.md now names a form.\n\n## Fix\nCopy the current channel from the security policy.",
    "copy the current reporting channel from the security policy"
);
verify_rule!(
    LINK_TARGET_MISSING,
    "AV004",
    "link-target-missing",
    Severity::Error,
    "A link into the project's own repository points to a path that does not exist at the scanned commit.",
    "## What\nBlob and tree links to the project's repository (on its forge) whose path is not in the scanned tree.\n\n## Why\nFiles move; a link that 404s is evidence that the text around it may be stale too.\n\n## Example\n`https://github.com/org/proj/blob/main/docs/security.md` after the file moved to `docs/security/index.md`.\n\n## Fix\nLink the file's current path, ideally pinned to a commit.",
    "link the file's current path"
);
verify_rule!(
    CHANNEL_NOT_REFERENCED,
    "AV005",
    "channel-not-referenced",
    Severity::Error,
    "A communication channel in the assessment is not referenced by the repository's README or community documents.",
    "## What\nSlack, Discord, Matrix, Gitter and mailing-list links in the assessment, looked for among the channels the scan found in the README and community documents.\n\n## Why\nChannels are retired and moved; the repository's own documents are where users look.\n\n## Example\nThe text links a Google Group the README no longer mentions.\n\n## Fix\nList the channels the project documents today.",
    "list the channels the project documents today"
);
verify_rule!(
    LANGUAGE_NOT_FOUND,
    "AV006",
    "language-not-found",
    Severity::Error,
    "A language in the metadata has no source files in the repository.",
    "## What\nEach language in the metadata's Languages row, looked for among the languages of the scanned tree (vendored and generated code left out).\n\n## Why\nThe languages decide which tooling a reviewer expects to see.\n\n## Example\n`Go, C++` for a tree with no C++ sources.\n\n## Fix\nList the languages the code is written in.",
    "list the languages the code is written in"
);
verify_rule!(
    PRACTICE_CONTRADICTED,
    "AV007",
    "practice-contradicted",
    Severity::Error,
    "A practice the assessment states is contradicted by the history's figures.",
    "## What\nStatements that commits are signed off (DCO) or signed, compared with the share of commits in the history window that are.\n\n## Why\nA requirement that most commits do not meet is not enforced.\n\n## Example\n\"All commits are signed\" while 12% carry a signature.\n\n## Fix\nState what is required and what is enforced, with the figure.",
    "state what is required and what is enforced"
);
verify_rule!(
    RESPONSE_TIME_NOT_FOUND,
    "AV008",
    "response-time-not-found",
    Severity::Error,
    "A response time the assessment promises is not in the security policy.",
    "## What\nTimes in the Security issue resolution section (\"within 3 business days\") looked for among the times the security policy states.\n\n## Why\nReporters hold the project to the policy, not to an old assessment.\n\n## Example\nThe text promises 3 business days; SECURITY.md states 7 days.\n\n## Fix\nQuote the policy's current times.",
    "quote the policy's current times"
);
verify_rule!(
    PRACTICE_OMITTED,
    "AV009",
    "practice-omitted",
    Severity::Warning,
    "The repository shows a practice the assessment never mentions.",
    "## What\nPractices the scan finds in place (fuzzing, SBOM, signing, secret scanning ...) that no word of the assessment names.\n\n## Why\nAn assessment should give the project credit for what it does; reviewers otherwise record a gap.\n\n## Example\nThe project runs Go fuzz tests in CI; the assessment says nothing about fuzzing.\n\n## Fix\nDescribe the practice in Secure development practices.",
    "describe the practice in Secure development practices"
);

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
];

fn re(p: &str) -> Regex {
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
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"));
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:\d+|one|two|three|five|seven|ten|fourteen|thirty|ninety)\s*(?:-\s*)?(?:business\s+|working\s+|calendar\s+)?(?:hours?|days?|weeks?)\b",
    )
});
static CHANNEL_URL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"https?://(?:[a-z0-9-]+\.slack\.com/\S+|slack\.[a-z0-9.-]+\S*|discord(?:\.gg|app\.com/invite|\.com/invite)/\S+|matrix\.to/\S+|gitter\.im/\S+|groups\.google\.com/\S+|lists\.[a-z0-9.-]+/\S+|[a-z0-9-]*\.?groups\.io/g/\S+)",
    )
});
static DCO_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bDCO\b|developer certificate of origin|signed-off-by|\bsign[- ]off\b|\bsigned off\b")
});
static SIGNED_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:gpg|ssh)[- ]signed commits|\bsigned commits\b|\bcommits (?:are|must be|should be) (?:cryptographically |gpg[- ])?signed\b|\bcommit signing\b|\bsign (?:their|all|every) commits?\b",
    )
});

/// Generic words the catalog uses as aliases that, alone, do not name one tool.
const TOO_GENERIC: &[&str] = &[
    "sbom",
    "spdx",
    "slsa",
    "gpg",
    "cla",
    "dco",
    "sonar",
    "scorecard",
    "artifact attestation",
    "owners",
    "changelog",
    "sigstore",
    "cifuzz",
    "safety",
    "notation",
];

/// Sentences that name tools as examples, integrations or plans make no claim about the
/// project's own pipeline.
static NOT_A_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bintegrat(?:es|ed|ing|ions?)? with\b|\bcompatible\b|\bsuch as\b|\be\.g\b|\betc\b|\bfor example\b|\bplans? to\b|\bplanned\b|\bwill\b|\bcould\b|\bmay\b|\bcan be\b|\bconsider",
    )
});

/// Is the mention at `at` (in `text`) negated? Only what comes before it in the sentence
/// counts: "no fuzzing is done", not "DCO certifies that it is not ...".
fn negated(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    let start = text[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    NEGATION.is_match(&text[start..at])
}

const TOOL_CATEGORIES: &[Category] = &[
    Category::Ci,
    Category::Lint,
    Category::Sast,
    Category::VulnScan,
    Category::DepsUpdate,
    Category::SecretScan,
    Category::Fuzzing,
    Category::Signing,
    Category::Sbom,
    Category::Provenance,
    Category::Release,
    Category::Hardening,
];

/// The sentence around byte `at`.
fn sentence(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let end = text[at..]
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |i| at + i);
    &text[start..end]
}

fn section_of(doc: &Document, at: usize) -> Option<String> {
    doc.headings
        .iter()
        .rfind(|h| h.range.start <= at)
        .map(|h| h.text.clone())
}

struct Facts<'a> {
    report: &'a ScanReport,
}

impl Facts<'_> {
    fn get(&self, id: &str) -> Option<&Finding> {
        self.report.findings.iter().find(|f| f.id == id)
    }
    fn found(&self, id: &str) -> Option<&Finding> {
        self.get(id)
            .filter(|f| matches!(f.status, Status::Present | Status::Partial))
    }
    fn category_found(&self, c: Category) -> Vec<&Finding> {
        self.report
            .findings
            .iter()
            .filter(|f| f.category == c && f.id.contains('.'))
            .filter(|f| matches!(f.status, Status::Present | Status::Partial))
            .collect()
    }
    /// The security policy, contact files and Security Insights, serialised and
    /// lower-cased: where a reporting address must appear to back a claim.
    fn contact_haystack(&self) -> String {
        let contacts: Vec<&Finding> = self
            .report
            .findings
            .iter()
            .filter(|f| f.id.starts_with("policy.") || f.id == "metadata.security-insights")
            .collect();
        serde_json::to_string(&contacts)
            .unwrap_or_default()
            .to_lowercase()
    }
}

fn first_evidence(f: &Finding) -> Vec<Evidence> {
    f.evidence.iter().take(2).cloned().collect()
}

pub fn verify(
    doc: &Document,
    report: &ScanReport,
    snapshot: &Snapshot,
    catalog: &Catalog,
) -> VerifyReport {
    let facts = Facts { report };
    let mut out = VerifyReport::default();
    tool_claims(doc, &facts, catalog, &mut out);
    practice_claims(doc, &facts, &mut out);
    contact_claims(doc, &facts, &mut out);
    link_claims(doc, report, snapshot, &mut out);
    channel_claims(doc, &facts, &mut out);
    language_claims(doc, &facts, &mut out);
    omissions(doc, &facts, catalog, &mut out);
    out.claims.sort_by_key(|c| c.range.start);
    out
}

fn practices_body(doc: &Document) -> Option<Range<usize>> {
    doc.section("secure-development-practices")
        .map(|s| doc.logical_body(s))
}

fn tool_claims(doc: &Document, facts: &Facts, catalog: &Catalog, out: &mut VerifyReport) {
    let Some(body) = practices_body(doc) else {
        return;
    };
    let text = doc.slice(&body);
    for entry in &catalog.entries {
        if !TOOL_CATEGORIES.contains(&entry.spec.category) {
            continue;
        }
        let mut names: Vec<String> = entry
            .spec
            .name
            .split([('/'), '('])
            .map(|n| n.trim().trim_end_matches(')').to_owned())
            .collect();
        names.extend(entry.spec.aliases.iter().cloned());
        names.retain(|n| n.len() >= 4 && !TOO_GENERIC.contains(&n.to_lowercase().as_str()));
        let Some(m) = names
            .iter()
            .filter_map(|n| re(&format!(r"\b{}\b", regex::escape(n))).find(text))
            .min_by_key(regex::Match::start)
        else {
            continue;
        };
        if NOT_A_CLAIM.is_match(sentence(text, m.start())) {
            continue;
        }
        let at = body.start + m.start();
        let negative = negated(text, m.start());
        let found = facts.found(&entry.spec.id);
        let (verdict, code, reason) = match (negative, found) {
            (false, Some(f)) => (
                Verdict::Backed,
                "",
                format!("{}: {}", entry.spec.name, f.title),
            ),
            (false, None) => (
                Verdict::NotFound,
                TOOL_NOT_FOUND.code,
                format!(
                    "the text names {}, but the repository shows no trace of it (removed, or run from outside this repository: a checkout cannot tell which)",
                    entry.spec.name
                ),
            ),
            (true, Some(f)) => (
                Verdict::Contradicted,
                ABSENCE_CONTRADICTED.code,
                format!(
                    "the text says {} is not used, but {}",
                    entry.spec.name, f.title
                ),
            ),
            (true, None) => (
                Verdict::Backed,
                "",
                format!("no trace of {} in the repository", entry.spec.name),
            ),
        };
        out.claims.push(Claim {
            kind: "tool",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            verdict,
            reason,
            evidence: found.map(first_evidence).unwrap_or_default(),
            range: at..at + m.len(),
            code,
        });
    }
    // Practices named by word rather than tool.
    for (word, category, label) in [
        (r"\bfuzz", Category::Fuzzing, "fuzzing"),
        (
            r"\bsecrets? scanning\b",
            Category::SecretScan,
            "secret scanning",
        ),
    ] {
        let Some(m) = re(word).find(text) else {
            continue;
        };
        if NOT_A_CLAIM.is_match(sentence(text, m.start())) {
            continue;
        }
        let at = body.start + m.start();
        let negative = negated(text, m.start());
        let found = facts.category_found(category);
        let (verdict, code, reason) = match (negative, found.first()) {
            (false, Some(f)) => (Verdict::Backed, "", f.title.clone()),
            (false, None) => (
                Verdict::NotFound,
                TOOL_NOT_FOUND.code,
                format!("the text describes {label}, but the repository shows none"),
            ),
            (true, Some(f)) => (
                Verdict::Contradicted,
                ABSENCE_CONTRADICTED.code,
                format!("the text says there is no {label}, but {}", f.title),
            ),
            (true, None) => (Verdict::Backed, "", format!("no {label} in the repository")),
        };
        out.claims.push(Claim {
            kind: "practice",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            verdict,
            reason,
            evidence: found.first().map(|f| first_evidence(f)).unwrap_or_default(),
            range: at..at + m.len(),
            code,
        });
    }
}

fn percent(f: &Finding, key: &str) -> Option<f64> {
    f.details.get(key).and_then(Value::as_f64)
}

fn practice_claims(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(body) = practices_body(doc) else {
        return;
    };
    let text = doc.slice(&body);
    for (pattern, id, key, what) in [
        (
            &*DCO_CLAIM,
            "commits.dco",
            "signed_off_percent",
            "signed off",
        ),
        (&*SIGNED_CLAIM, "commits.signed", "signed_percent", "signed"),
    ] {
        let Some(m) = pattern.find(text) else {
            continue;
        };
        let Some(f) = facts.get(id) else { continue };
        let Some(share) = percent(f, key) else {
            continue;
        };
        if f.details.contains_key("coverage") {
            continue; // a shallow or partial history cannot contradict anything
        }
        let at = body.start + m.start();
        let negative = negated(text, m.start());
        let (verdict, code) = match (negative, share) {
            (false, s) if s < 50.0 => (Verdict::Contradicted, PRACTICE_CONTRADICTED.code),
            (true, s) if s >= 90.0 => (Verdict::Contradicted, PRACTICE_CONTRADICTED.code),
            _ => (Verdict::Backed, ""),
        };
        out.claims.push(Claim {
            kind: "practice",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            verdict,
            reason: format!(
                "{share}% of commits in the history window are {what}: {}",
                f.title
            ),
            evidence: first_evidence(f),
            range: at..at + m.len(),
            code,
        });
    }
}

fn contact_claims(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(s) = doc.section("security-issue-resolution") else {
        return;
    };
    let body = doc.logical_body(s);
    let text = doc.slice(&body);
    let hay = facts.contact_haystack();
    // Without a policy in this repository, its contacts live elsewhere: nothing to check.
    let Some(policy) = facts.found("policy.security-file") else {
        return;
    };
    let policy = Some(policy);
    for m in EMAIL.find_iter(text) {
        let email = m.as_str().to_lowercase();
        let at = body.start + m.start();
        let backed = hay.contains(&email);
        out.claims.push(Claim {
            kind: "contact",
            claim: m.as_str().to_owned(),
            section: section_of(doc, at),
            verdict: if backed { Verdict::Backed } else { Verdict::NotFound },
            reason: if backed {
                format!("{email} appears in the repository's security policy or contact files")
            } else {
                format!("{email} is not in the repository's security policy, SECURITY_CONTACTS or Security Insights file")
            },
            evidence: policy.map(first_evidence).unwrap_or_default(),
            range: at..at + m.len(),
            code: CONTACT_NOT_FOUND.code,
        });
    }
    // Response times, checked only against a policy that exists.
    let Some(policy) = policy else { return };
    let stated: Vec<String> = policy
        .details
        .get("stated_times")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_lowercase))
                .collect()
        })
        .unwrap_or_default();
    if stated.is_empty() {
        return; // the times may be in a policy kept elsewhere
    }
    for m in TIME.find_iter(text) {
        let s = sentence(text, m.start()).to_lowercase();
        if !(s.contains("respon")
            || s.contains("acknowledg")
            || s.contains("reply")
            || s.contains("within"))
        {
            continue;
        }
        let phrase = m.as_str().to_lowercase();
        let at = body.start + m.start();
        let backed = stated.contains(&phrase);
        out.claims.push(Claim {
            kind: "response-time",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            verdict: if backed {
                Verdict::Backed
            } else {
                Verdict::NotFound
            },
            reason: if backed {
                format!("the security policy states {phrase}")
            } else {
                format!("the security policy states {}", stated.join(", "))
            },
            evidence: first_evidence(policy),
            range: at..at + m.len(),
            code: RESPONSE_TIME_NOT_FOUND.code,
        });
    }
}

fn link_claims(doc: &Document, report: &ScanReport, snapshot: &Snapshot, out: &mut VerifyReport) {
    let Some(web) = report.repository.url.as_deref() else {
        return;
    };
    let web = web.to_ascii_lowercase();
    for l in &doc.links {
        let dest = l.dest.trim();
        let lower = dest.to_ascii_lowercase();
        let Some(rest) = lower.strip_prefix(&web) else {
            continue;
        };
        let rest = &dest[dest.len() - rest.len()..];
        let Some(after) = rest
            .strip_prefix("/blob/")
            .or_else(|| rest.strip_prefix("/tree/"))
            .or_else(|| rest.strip_prefix("/-/blob/"))
            .or_else(|| rest.strip_prefix("/-/tree/"))
        else {
            continue;
        };
        let Some((_, path)) = after.split_once('/') else {
            continue;
        };
        let path = path
            .split(['#', '?'])
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        if path.is_empty() {
            continue;
        }
        let path = path.replace("%20", " ");
        let exists = snapshot.exists(&path);
        out.claims.push(Claim {
            kind: "link",
            claim: dest.to_owned(),
            section: section_of(doc, l.range.start),
            verdict: if exists { Verdict::Backed } else { Verdict::NotFound },
            reason: if exists {
                format!("{path} exists at the scanned commit")
            } else {
                format!("{path} is not in the repository at the scanned commit (moved, renamed or deleted)")
            },
            evidence: if exists { vec![Evidence::file(path.clone())] } else { Vec::new() },
            range: l.range.clone(),
            code: LINK_TARGET_MISSING.code,
        });
    }
}

static GOOGLE_GROUP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"groups\.google\.com/(?:a/[^/]+/)?(?:forum/#!forum/|forum/#!topic/|g/|group/|d/forum/)([^/?#)\s]+)",
    )
});
static SLACK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:([a-z0-9-]+)\.slack\.com|slack\.([a-z0-9-]+)\.[a-z.]+)"));

/// A channel's identity: a Google Group by name, a Slack link by workspace, else the URL.
fn norm_url(u: &str) -> String {
    if let Some(c) = GOOGLE_GROUP.captures(u) {
        return format!("google-group:{}", c[1].to_lowercase());
    }
    if let Some(c) = SLACK.captures(u) {
        let ws = c
            .get(1)
            .or_else(|| c.get(2))
            .map_or("", |m| m.as_str())
            .to_lowercase();
        let ws = match ws.as_str() {
            "k8s" | "kubernetes" => "kubernetes".to_owned(),
            "cncf" | "cloud-native" => "cloud-native".to_owned(),
            other => other.to_owned(),
        };
        return format!("slack:{ws}");
    }
    u.trim_end_matches(['/', ')', '.', ',', '>'])
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .to_lowercase()
}

fn channel_claims(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(s) = doc.section("communication-channels") else {
        return;
    };
    let body = doc.logical_body(s);
    let known: Vec<String> = facts
        .category_found(Category::Comms)
        .iter()
        .flat_map(|f| {
            f.details
                .get("links")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(norm_url))
        })
        .collect();
    for l in doc.links.iter().filter(|l| body.contains(&l.range.start)) {
        if !CHANNEL_URL.is_match(&l.dest) {
            continue;
        }
        let n = norm_url(&l.dest);
        let backed = known
            .iter()
            .any(|k| k == &n || k.starts_with(&n) || n.starts_with(k.as_str()));
        out.claims.push(Claim {
            kind: "channel",
            claim: l.dest.clone(),
            section: section_of(doc, l.range.start),
            verdict: if backed {
                Verdict::Backed
            } else {
                Verdict::NotFound
            },
            reason: if backed {
                "the repository's README or community documents link this channel".to_owned()
            } else {
                "no README or community document in the repository links this channel".to_owned()
            },
            evidence: Vec::new(),
            range: l.range.clone(),
            code: CHANNEL_NOT_REFERENCED.code,
        });
    }
}

fn language_claims(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(row) = crate::rules::metadata_row(doc, "languages") else {
        return;
    };
    let Some(f) = facts.get("ecosystem.languages") else {
        return;
    };
    let have: Vec<String> = f
        .details
        .get("languages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| l["language"].as_str().map(str::to_lowercase))
        .collect();
    for word in row
        .text
        .split([',', '/', ';', '&'])
        .flat_map(|p| p.split(" and "))
    {
        let w = word.trim().trim_matches(['*', '.', ' ']).to_lowercase();
        let canonical = match w.as_str() {
            "golang" | "go" => "go",
            "c++" | "cpp" => "c++",
            "bash" | "shell" | "sh" => "shell",
            "js" | "javascript" | "node.js" | "nodejs" => "javascript",
            "ts" | "typescript" => "typescript",
            "python" | "rust" | "java" | "c" | "ruby" | "kotlin" | "powershell" | "rego" | "c#"
            | "php" | "scala" => w.as_str(),
            _ => continue,
        };
        let backed = have.iter().any(|h| h == canonical);
        out.claims.push(Claim {
            kind: "language",
            claim: word.trim().to_owned(),
            section: Some("Metadata".into()),
            verdict: if backed {
                Verdict::Backed
            } else {
                Verdict::NotFound
            },
            reason: if backed {
                format!("the tree has {} source files", word.trim())
            } else {
                format!(
                    "the tree has no {} source files outside vendored and generated code",
                    word.trim()
                )
            },
            evidence: if backed {
                first_evidence(f)
            } else {
                Vec::new()
            },
            range: row.range.clone(),
            code: LANGUAGE_NOT_FOUND.code,
        });
    }
}

/// Words that mean a practice is mentioned at all.
const PRACTICE_WORDS: &[(Category, &str, &[&str])] = &[
    (
        Category::Sast,
        "static analysis",
        &[
            "static analysis",
            "sast",
            "codeql",
            "gosec",
            "semgrep",
            "sonar",
            "bandit",
        ],
    ),
    (
        Category::VulnScan,
        "vulnerability or dependency scanning",
        &[
            "vulnerab",
            "scann",
            "trivy",
            "grype",
            "snyk",
            "govulncheck",
            "audit",
        ],
    ),
    (
        Category::DepsUpdate,
        "automated dependency updates",
        &[
            "dependabot",
            "renovate",
            "dependency update",
            "dependencies up to date",
        ],
    ),
    (
        Category::SecretScan,
        "secret scanning",
        &[
            "secret scan",
            "gitleaks",
            "trufflehog",
            "detect-secrets",
            "ggshield",
        ],
    ),
    (Category::Fuzzing, "fuzzing", &["fuzz"]),
    (Category::Signing, "signing releases", &["sign"]),
    (
        Category::Sbom,
        "an SBOM",
        &["sbom", "bill of materials", "spdx", "cyclonedx"],
    ),
    (
        Category::Provenance,
        "build provenance",
        &["provenance", "slsa", "attestation"],
    ),
];

fn omissions(doc: &Document, facts: &Facts, catalog: &Catalog, out: &mut VerifyReport) {
    let lower = doc.text.to_lowercase();
    for (category, label, words) in PRACTICE_WORDS {
        let present: Vec<&Finding> = facts
            .category_found(*category)
            .into_iter()
            .filter(|f| f.status == Status::Present)
            .collect();
        let Some(first) = present.first() else {
            continue;
        };
        let names_mentioned = present.iter().any(|f| {
            catalog
                .get(&f.id)
                .is_some_and(|e| lower.contains(&e.spec.name.to_lowercase()))
        });
        if names_mentioned || words.iter().any(|w| lower.contains(w)) {
            continue;
        }
        out.omissions.push(Omission {
            practice: (*label).to_owned(),
            reason: format!(
                "the repository shows {label} ({}), and the assessment never mentions it",
                first.title
            ),
            evidence: first_evidence(first),
        });
    }
}

/// Claims that failed, and omissions, as diagnostics.
pub fn diagnostics(doc: &Document, report: &VerifyReport) -> Vec<Diagnostic> {
    let rule = |code: &str| VERIFY_RULES.iter().find(|r| r.code == code).copied();
    let at_practices = doc
        .section("secure-development-practices")
        .map_or(0..0, |s| doc.heading_of(s).range.clone());
    let mut out = Vec::new();
    let mut push = |r: &Rule, range: Range<usize>, message: String| {
        out.push(r.diagnostic(doc, &doc.path, range, message));
    };
    for c in &report.claims {
        if c.verdict == Verdict::Backed {
            continue;
        }
        if let Some(r) = rule(c.code) {
            push(
                r,
                c.range.clone(),
                format!("\"{}\": {}", assay_model::clean_excerpt(&c.claim), c.reason),
            );
        }
    }
    for o in &report.omissions {
        push(&PRACTICE_OMITTED, at_practices.clone(), o.reason.clone());
    }
    out.sort_by(|a, b| (a.start, &a.code).cmp(&(b.start, &b.code)));
    out
}
