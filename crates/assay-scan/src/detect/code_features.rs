//! Security settings the project's own source code makes: a minimum TLS version, client
//! certificate checks, server timeouts, size limits, password hashing, AES, constant-time
//! comparison, Kubernetes token and access reviews. Code alone cannot say whether a
//! setting is on by default or reachable, so each is a candidate for a person to confirm.

use std::sync::LazyLock;

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Status, detail};
use regex::Regex;
use serde_json::json;

use super::{Detector, cap_evidence, is_foreign};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::{EntryKind, FileEntry};

pub struct CodeFeatures;

const MAX_SOURCE_BYTES: u64 = 256 * 1024;

/// A pattern over one source line and what a match appears to do (`$1` is the first group).
static PATTERNS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (
            r"MinVersion:\s*tls\.VersionTLS1(\d)\b",
            "set a minimum TLS version of 1.$1",
        ),
        (
            r"ClientAuth:\s*tls\.RequireAndVerifyClientCert\b",
            "require and verify client certificates (mutual TLS)",
        ),
        (
            r"\bReadHeaderTimeout:\s*\S",
            "set a read-header timeout on an HTTP server",
        ),
        (
            r"\bhttp\.MaxBytesReader\(",
            "limit the size of HTTP request bodies",
        ),
        (
            r"\bgrpc\.MaxRecvMsgSize\(",
            "limit the size of received gRPC messages",
        ),
        (
            r"\bpbkdf2\.Key\(",
            "derive keys or hash passwords with PBKDF2",
        ),
        (
            r"\bbcrypt\.GenerateFromPassword\(",
            "hash passwords with bcrypt",
        ),
        (r"\baes\.NewCipher\(", "encrypt data with AES"),
        (
            r"\bsubtle\.ConstantTimeCompare\(",
            "compare secrets in constant time",
        ),
        (
            r"\bjwt\.SigningMethod((?:RS|ES|PS|HS)\d{3})\b",
            "sign or verify JWTs with $1",
        ),
        (
            r"\brate\.NewLimiter\(",
            "rate-limit requests with a token bucket",
        ),
        (
            r"\bSubjectAccessReview\{",
            "ask the Kubernetes API whether a caller is authorised (SubjectAccessReview)",
        ),
        (
            r"\bTokenReview\{",
            "ask the Kubernetes API to authenticate a token (TokenReview)",
        ),
    ]
    .into_iter()
    .map(|(p, what)| {
        let re = Regex::new(p).unwrap_or_else(|e| unreachable!("static regex {p}: {e}"));
        (re, what)
    })
    .collect()
});

/// The project's own Go source, not tests, examples, tools or third-party code.
fn is_own_source(entry: &FileEntry) -> bool {
    let p = entry.path.as_str();
    entry.kind == EntryKind::File
        && entry.size.is_some_and(|s| s <= MAX_SOURCE_BYTES)
        && p.ends_with(".go")
        && !p.ends_with("_test.go")
        && !p.ends_with(".pb.go")
        && !is_foreign(p)
        && !p.split('/').any(|c| {
            let c = c.to_ascii_lowercase();
            matches!(
                c.as_str(),
                "test"
                    | "tests"
                    | "testing"
                    | "testutil"
                    | "e2e"
                    | "hack"
                    | "tools"
                    | "examples"
                    | "example"
                    | "mocks"
                    | "fake"
                    | "fakes"
            ) || c.starts_with("example")
        })
}

impl Detector for CodeFeatures {
    fn name(&self) -> &'static str {
        "code-features"
    }

    fn doc(&self) -> &'static str {
        "Reads the project's own Go source (not tests, examples, tools, generated protobuf \
         or third-party code) for security settings a line makes: a minimum TLS version, \
         required client certificates, a read-header timeout, request and message size \
         limits, PBKDF2 or bcrypt, AES, constant-time comparison, JWT signing methods, rate \
         limiters, and Kubernetes TokenReview and SubjectAccessReview calls. The first line \
         of each kind is cited; the draft phrases each as a candidate to confirm, since code \
         does not tell whether the setting is on by default."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        is_own_source(entry)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut found: Vec<Option<(String, u32, String, String)>> = vec![None; PATTERNS.len()];
        for entry in cx.snapshot.files() {
            if !is_own_source(entry) || cx.third_party.contains(&entry.path) {
                continue;
            }
            let Some(text) = cx.text(&entry.path) else {
                continue;
            };
            for (n, line) in text.lines().enumerate() {
                let t = line.trim();
                if t.starts_with("//") {
                    continue;
                }
                for (i, (re, what)) in PATTERNS.iter().enumerate() {
                    if found[i].is_some() {
                        continue;
                    }
                    if let Some(c) = re.captures(t) {
                        let mut said = String::new();
                        c.expand(what, &mut said);
                        found[i] = Some((
                            entry.path.clone(),
                            u32::try_from(n + 1).unwrap_or(u32::MAX),
                            line.to_owned(),
                            said,
                        ));
                    }
                }
            }
        }
        let found: Vec<(String, u32, String, String)> = found.into_iter().flatten().collect();
        if found.is_empty() {
            return Vec::new();
        }
        let mut f = Finding::of(
            &v::CODE_SECURITY_SETTINGS,
            "code",
            format!(
                "{} kind(s) of security setting in the source code",
                found.len()
            ),
            Status::Present,
        )
        .with_detail(
            detail::STATEMENTS,
            json!(
                found
                    .iter()
                    .map(|(p, l, code, what)| json!({
                        "path": p,
                        "line": l,
                        "sentence": assay_model::clean_excerpt(code),
                        "what": what,
                    }))
                    .collect::<Vec<_>>()
            ),
        );
        f.evidence = found
            .iter()
            .map(|(p, l, code, _)| Evidence::at(p.clone(), *l, code))
            .collect();
        cap_evidence(&mut f);
        vec![f]
    }
}
