//! Security functions and features as the project's own documentation states them: each
//! sentence that names a specific mechanism (mTLS, OIDC, RBAC, encryption at rest, audit
//! logs, rate limits, seccomp ...), cited at its line and ranked by how specific it is and
//! how prominent the page. The draft shows the best few; the scan keeps them all.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Evidence, Finding, Status};
use regex::Regex;
use serde_json::json;

use super::prose::{self, Sentence};
use super::{Detector, cap_evidence, ci_regex};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::FileEntry;

pub struct Features;

/// Sentences kept per topic in the finding's details.
const KEEP_PER_TOPIC: usize = 40;

/// Each topic: its finding kind and the specific terms that put a sentence in it. Generic
/// words ("secure", "security") are not enough on their own.
static TOPICS: LazyLock<Vec<(&'static FindingKind, Regex)>> = LazyLock::new(|| {
    [
        (&v::FEATURE_TLS, r"\bm?tls\b|\bmutual tls\b|\bssl\b|\bx\.?509\b|\bcertificate rotation\b|\bcipher suites?\b|\bhttps\b|\bcert-manager\b"),
        (&v::FEATURE_AUTHENTICATION, r"\boidc\b|\bopenid connect\b|\boauth ?2?\b|\bjwts?\b|\bbearer tokens?\b|\bclient certificates?\b|\bldap\b|\bsaml\b|\bkerberos\b|\bsasl\b|\bbasic auth\w*|\bapi keys?\b|\bservice ?account tokens?\b|\bauthenticat\w+|\bspiffe\b|\bsvids?\b|\bmulti-factor\b|\b2fa\b|\bshared[- ]key\b"),
        (&v::FEATURE_AUTHORIZATION, r"\brbac\b|\brole-based access\b|\bauthori[sz]\w+|\baccess control\b|\babac\b|\bleast privilege\b|\bmulti-tenan\w+|\btenant isolation\b|\bimpersonat\w+|\bsubjectaccessreview\b|\bpermissions? (?:model|checks?)\b"),
        (&v::FEATURE_ENCRYPTION, r"\bencrypt\w*|\bdecrypt\w*|\baes\b|\baes-\d+|\bkms\b|\bpbkdf2\b|\bbcrypt\b|\bscrypt\b|\bargon2\w*|\bhmac\b|\bwireguard\b|\bipsec\b|\benvelope encryption\b"),
        (&v::FEATURE_SECRETS, r"\bvault\b|\bsops\b|\bsealed secrets\b|\bsecrets? (?:store|manager|backend|management)\b|\bkubernetes secrets?\b|\bcredentials? (?:are|is) (?:stored|encrypted|never)\b|\bpasswords? (?:are|is) (?:hashed|stored|encrypted)\b"),
        (&v::FEATURE_SIGNATURES, r"\bcosign\b|\bsigstore\b|\bnotary\b|\bnotation\b|\bsignature verification\b|\bverif\w+ (?:the )?signatures?\b|\bsigned (?:images?|artifacts?|releases?|manifests?|policies|bundles?)\b|\bin-toto\b|\bslsa\b|\bprovenance\b|\b(?:signed|provenance|build|image) attestations?\b"),
        (&v::FEATURE_AUDIT, r"\baudit[- ]?logs?\w*|\baudit trail\b|\baudit events?\b|\baccess logs?\b|\baudit(?:ing)? (?:of|for) \w+"),
        (&v::FEATURE_LIMITS, r"\brate[- ]limit\w*|\bmax(?:imum)? (?:request|message|payload|body|header|recv|receive|depth|size)\b|\bsize limits?\b|\bdenial[- ]of[- ]service\b|\bdos attacks?\b|\bresource limits?\b|\bquotas?\b|\bdepth limits?\b|\b(?:read|write|idle|header) timeouts?\b|\bbackpressure\b|\bmemory limit\w*"),
        (&v::FEATURE_ISOLATION, r"\bsandboxing\b|\bsandboxed\b|\bseccomp\b|\bapparmor\b|\bselinux\b|\bgvisor\b|\buser namespaces?\b|\bread-only (?:root )?file ?system\b|\bdrop(?:s|ped)? (?:all )?capabilities\b|\bcap_\w+|\bnon-root\b|\brootless\b|\brunasnonroot\b|\bunprivileged\b|\bdistroless\b|\bnetwork ?polic\w+|\bpod security (?:standards?|admission)\b|\bconfidential computing\b|\btrusted execution\b|\btee\b|\bremote attestation\b"),
    ]
    .into_iter()
    .map(|(k, p)| (k, ci_regex(p)))
    .collect()
});

/// A page whose path names a security subject: its sentences rank higher.
static SECURITY_PATH: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"secur|\btls|auth|rbac|encrypt|harden|threat|crypt|secret|permission|access|cert|sign|verif|audit|sandbox|isolat|limit|privacy",
    )
});
/// Sections that are not about what ships today.
static NOT_CURRENT: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"\b(?:future|roadmap|todo|planned|not supported|limitations?|known issues|alternatives|out of scope|non-goals?|faq|troubleshoot\w*|changelog|release notes|history|deprecat\w*|open questions|unresolved)\b",
    )
});
/// Sentences about plans, questions or other projects.
static NOT_A_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"^(?:out[- ]of[- ]scope|non[- ]goals?|not in scope|example|for example|e\.g\.)\b|\bwill (?:be )?(?:support|add|implement)\w*|\bwe plan\b|\bplanned\b|\bin the future\b|\bnot yet\b|\btodo\b|\bwork in progress\b|\bcoming soon\b|\bproposal\b|\bthis (?:pr|proposal|rfc|kep)\b",
    )
});
/// Where a setting is named: a code span, a flag, a key path, a version number.
static SETTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"`[^`]{2,80}`|(?:^|\s)--[a-z][a-z0-9.-]+|\b[a-z]+(?:[._][a-z]+){2,}\b|\b1\.[0-3]\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
/// Verbs that say the project does something.
static CAPABILITY: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"\b(?:supports?|enables?|provides?|protects?|encrypts?|authenticates?|authori[sz]es?|verif(?:y|ies)|enforces?|restricts?|isolates?|requires?|prevents?|secures?|signs?|rotates?|validates?|limits?|denies|rejects?)\b",
    )
});
/// Web addresses: a URL's scheme is not a statement about TLS.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://\S+").unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    ci_regex(
        r"\bby default\b|\bdefaults? to\b|\balways\b|\bmust\b|\brequire[sd]?\b|\benforce[sd]?\b|\bnever\b",
    )
});

/// One quoted sentence, with its rank.
struct Quote {
    score: i32,
    path: String,
    sentence: Sentence,
}

fn score(path: &str, s: &Sentence, terms: usize, names: &[String]) -> i32 {
    let lower = s.text.to_ascii_lowercase();
    let mut score = 2 * i32::try_from(terms.min(4)).unwrap_or(4);
    if SETTING.is_match(&s.text) {
        score += 2;
    }
    if STRONG.is_match(&s.text) {
        score += 1;
    }
    if CAPABILITY.is_match(&s.text) {
        score += 2;
    }
    if SECURITY_PATH.is_match(path) {
        score += 2;
    }
    let depth = path.matches('/').count();
    if depth == 0 || path.starts_with("docs/") || path.starts_with("doc/") {
        score += 1;
    }
    if names.iter().any(|n| lower.contains(n.as_str())) {
        score += 1;
    }
    let words = s.text.split_whitespace().count();
    if !(8..=50).contains(&words) {
        score -= 2;
    }
    if s.bullet {
        score -= 1;
    }
    score
}

/// Is this sentence a statement about what the project does today?
fn is_statement(s: &Sentence) -> bool {
    let words = s.text.split_whitespace().count();
    let first = s.text.chars().next().unwrap_or(' ');
    words >= 6
        && !s.text.ends_with('?')
        && !s.text.ends_with(':')
        && (first.is_uppercase() || first == '`' || first.is_ascii_digit())
        && !NOT_CURRENT.is_match(&s.trail)
        && !NOT_A_STATEMENT.is_match(&s.text)
}

/// Documents that tell how things were, will be or are discussed, not how they are.
fn is_history_page(path: &str) -> bool {
    let upper = path.to_ascii_uppercase();
    let name = upper.rsplit('/').next().unwrap_or(&upper);
    name.starts_with("CHANGELOG")
        || name.starts_with("CHANGES")
        || name.starts_with("RELEASE")
        || name.starts_with("CODE_OF_CONDUCT")
        || name.starts_with("CODE-OF-CONDUCT")
        || name.starts_with("NEWS")
        || name.starts_with("ROADMAP")
        || super::security_docs::is_proposal_folder(path)
}

/// Documents about the project's process (reporting, maintainers, contributing) and its
/// repository automation (`.github/`): their mechanisms are not the product's.
fn is_process_page(path: &str) -> bool {
    let upper = path.to_ascii_uppercase();
    let name = upper.rsplit('/').next().unwrap_or(&upper);
    path.starts_with(".github/")
        || path.starts_with(".gitlab/")
        || path.starts_with("community/")
        || !path.contains('/')
            && [
                "SECURITY",
                "MAINTAINERS",
                "CONTRIBUTING",
                "GOVERNANCE",
                "SUPPORT",
                "ADOPTERS",
                "OWNERS",
                "CODEOWNERS",
                "COMMUNITY",
                "AGENTS",
                "CLAUDE",
                "DEVELOPMENT",
                "DEVELOPING",
            ]
            .iter()
            .any(|n| name.starts_with(n))
        || [
            "TRIAGE",
            "DISCLOSURE",
            "VULNERABILIT",
            "INCIDENT",
            "SECURITY_CONTACTS",
            "SECURITY-RELEASE",
            "SECURITY_RELEASE",
            "EMBARGO",
        ]
        .iter()
        .any(|n| name.contains(n))
}

/// Pages the feature reader quotes.
pub(crate) fn is_feature_page(entry: &FileEntry) -> bool {
    prose::is_doc_file(entry)
        && !is_history_page(&entry.path)
        && !is_process_page(&entry.path)
        && !is_not_current_page(&entry.path)
}

/// A page that is wholly what a heading would mark as not about what ships today
/// (`known-issues.md`, `troubleshooting.md`, `faq.md`): its sentences are workarounds.
fn is_not_current_page(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .replace(['-', '_'], " ");
    NOT_CURRENT.is_match(&stem)
}

impl Detector for Features {
    fn name(&self) -> &'static str {
        "features"
    }

    fn doc(&self) -> &'static str {
        "Reads the project's own documentation (Markdown, reStructuredText and AsciiDoc \
         anywhere in the tree but third-party, test, changelog, roadmap and proposal \
         folders) sentence by sentence, and keeps the sentences that name a specific \
         security mechanism: TLS and mTLS, authentication methods (OIDC, OAuth2, JWT, client \
         certificates, tokens), authorisation (RBAC, multi-tenancy, impersonation), \
         encryption and key handling, secrets stores, signature verification, audit logs, \
         limits against denial of service, and isolation (sandboxing, seccomp, non-root, \
         network policies). Sentences under future-work, limitation or FAQ headings, plans \
         and questions are left out. Each sentence is cited at its line and ranked: more \
         specific terms, a named setting (code span, flag, key path), a stated default, a \
         page about security and a top-level page rank higher."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        is_feature_page(entry)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut by_topic: BTreeMap<&'static str, Vec<Quote>> = BTreeMap::new();
        for entry in cx.snapshot.files() {
            if !is_feature_page(entry) || cx.third_party.contains(&entry.path) {
                continue;
            }
            let Some(text) = cx.text(&entry.path) else {
                continue;
            };
            for s in prose::sentences(text) {
                if !is_statement(&s) {
                    continue;
                }
                // A URL's scheme is not TLS, and a certificate authority's name is not encryption.
                let lower = URL
                    .replace_all(&s.text, " ")
                    .to_ascii_lowercase()
                    .replace("let's encrypt", "letsencrypt");
                let terms: usize = TOPICS
                    .iter()
                    .map(|(_, re)| re.find_iter(&lower).count())
                    .sum();
                // The sentence goes to the topic it names most.
                let best = TOPICS
                    .iter()
                    .map(|(k, re)| (re.find_iter(&lower).count(), *k))
                    .filter(|(n, _)| *n > 0)
                    .max_by_key(|(n, _)| *n);
                let Some((_, kind)) = best else { continue };
                by_topic.entry(kind.id).or_default().push(Quote {
                    score: score(&entry.path, &s, terms, &cx.project_names),
                    path: entry.path.clone(),
                    sentence: s,
                });
            }
        }
        TOPICS
            .iter()
            .filter_map(|(kind, _)| {
                let quotes = by_topic.remove(kind.id)?;
                Some(finding(kind, quotes))
            })
            .collect()
    }
}

fn finding(kind: &FindingKind, mut quotes: Vec<Quote>) -> Finding {
    quotes.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| a.path.cmp(&b.path))
            .then(a.sentence.line.cmp(&b.sentence.line))
    });
    // The same sentence copied into several pages is one statement.
    let mut seen = std::collections::HashSet::new();
    quotes.retain(|q| seen.insert(q.sentence.text.to_ascii_lowercase()));
    let total = quotes.len();
    let kept: Vec<serde_json::Value> = quotes
        .iter()
        .take(KEEP_PER_TOPIC)
        .map(|q| {
            json!({
                "path": q.path,
                "line": q.sentence.line,
                "sentence": prose::quote(&q.sentence.text),
                "heading": assay_model::clean_excerpt(&q.sentence.heading),
                "score": q.score,
            })
        })
        .collect();
    let mut f = Finding::of(
        kind,
        kind.id.trim_start_matches("docs.feature-"),
        format!("{}: {total} sentence(s) in the documentation", kind.title),
        Status::Present,
    )
    .with_detail(assay_model::detail::STATEMENTS, json!(kept))
    .with_detail("sentences", total);
    f.evidence = quotes
        .iter()
        .map(|q| Evidence::at(q.path.clone(), q.sentence.line, &q.sentence.raw))
        .collect();
    // Keep the ranking order in the evidence (cap_evidence sorts): strongest first matters
    // to readers of the details, which keep it.
    cap_evidence(&mut f);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workaround_pages_are_not_feature_pages() {
        assert!(is_not_current_page(
            "site/content/docs/user/known-issues.md"
        ));
        assert!(is_not_current_page("docs/troubleshooting.md"));
        assert!(is_not_current_page("docs/FAQ.md"));
        assert!(!is_not_current_page("docs/security/tls.md"));
        assert!(!is_not_current_page("docs/configuration.md"));
    }

    fn sentence(text: &str, heading: &str) -> Sentence {
        Sentence {
            line: 1,
            raw: text.into(),
            text: text.into(),
            heading: heading.into(),
            trail: heading.into(),
            bullet: false,
        }
    }

    #[test]
    fn plans_and_questions_are_not_features() {
        assert!(is_statement(&sentence(
            "The agent authenticates to the server with mTLS by default.",
            "Security"
        )));
        assert!(!is_statement(&sentence(
            "We plan to add mTLS between the agent and the server.",
            "Security"
        )));
        assert!(!is_statement(&sentence(
            "The agent authenticates to the server with mTLS by default.",
            "Future work"
        )));
        assert!(!is_statement(&sentence(
            "Does the agent support mTLS at all?",
            ""
        )));
    }

    #[test]
    fn a_named_setting_ranks_higher() {
        let plain = sentence("Widget supports TLS for connections between its parts.", "");
        let set = sentence(
            "Widget supports TLS for connections, set with `--tls-min-version` to 1.3.",
            "",
        );
        assert!(score("docs/a.md", &set, 1, &[]) > score("docs/a.md", &plain, 1, &[]));
    }
}
