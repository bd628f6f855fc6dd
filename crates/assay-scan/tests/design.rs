//! The design facts a scan finds: documentation sentences on security mechanisms (cited at
//! their own line, never from third-party, proposal or process pages), settings in code,
//! governance rules, goals, the project's identity from its manifests, and programs that
//! are developer tools kept out of the actors.

mod common;

use assay_model::vocabulary as v;
use assay_model::{Finding, ScanReport};
use serde_json::Value;

fn scan(files: &[(&str, &str)]) -> ScanReport {
    common::scan_files("repo", "repo", files)
}

fn finding<'r>(r: &'r ScanReport, kind: &v::FindingKind) -> Option<&'r Finding> {
    r.findings.iter().find(|f| f.id == kind.id)
}

/// `path:line sentence` of each quoted statement.
fn quoted(f: &Finding) -> Vec<String> {
    f.details
        .get("statements")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|q| {
            format!(
                "{}:{} {}",
                q["path"].as_str().unwrap_or(""),
                q["line"],
                q["sentence"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn feature_sentences_are_the_projects_own_and_cited_at_their_line() {
    let r = scan(&[
        (
            "docs/tls.md",
            "# TLS\n\nThe server enforces TLS 1.3 by default for every listener.\n\nYou can also\nset `tls.clientAuth` so the server requires client certificates (mTLS).\n",
        ),
        (
            "vendor/x/docs/auth.md",
            "# Auth\n\nThe library verifies JWT signatures with RS256 before trusting tokens.\n",
        ),
        (
            "docs/proposals/oidc.md",
            "# OIDC\n\nThe server authenticates dashboard users with OIDC by default.\n",
        ),
        (
            "SECURITY.md",
            "# Security\n\nEncrypt your report with our PGP key before you send it.\n",
        ),
        (
            "CHANGELOG.md",
            "# Changes\n\nThe server now supports rate limiting of API requests per client.\n",
        ),
    ]);
    let tls = finding(&r, &v::FEATURE_TLS).expect("TLS sentences");
    let q = quoted(tls);
    assert!(
        q.iter()
            .any(|s| s.starts_with("docs/tls.md:3 The server enforces TLS 1.3")),
        "{q:?}"
    );
    // A wrapped sentence is cited at the line it starts on.
    assert!(
        q.iter()
            .any(|s| s.starts_with("docs/tls.md:5 You can also set")),
        "{q:?}"
    );
    // Vendored pages, proposals, the reporting policy and the changelog are not features.
    assert!(
        finding(&r, &v::FEATURE_AUTHENTICATION).is_none(),
        "{:?}",
        r.findings.iter().map(|f| &f.id).collect::<Vec<_>>()
    );
    assert!(finding(&r, &v::FEATURE_ENCRYPTION).is_none());
    assert!(finding(&r, &v::FEATURE_LIMITS).is_none());
    // Every cited line holds the start of its sentence.
    for e in &tls.evidence {
        let line = e.line.expect("a line");
        assert!(line == 3 || line == 5, "{e:?}");
    }
}

#[test]
fn code_settings_come_from_the_projects_source_only() {
    let r = scan(&[
        (
            "pkg/server/tls.go",
            "package server\n\nvar cfg = tls.Config{\n\tMinVersion: tls.VersionTLS12,\n}\n",
        ),
        (
            "pkg/server/tls_test.go",
            "package server\n\nvar c = tls.Config{ClientAuth: tls.RequireAndVerifyClientCert}\n",
        ),
        (
            "vendor/y/hash.go",
            "package y\n\nvar k = pbkdf2.Key(p, s, 1, 2, nil)\n",
        ),
    ]);
    let f = finding(&r, &v::CODE_SECURITY_SETTINGS).expect("a candidate");
    let q = quoted(f);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].starts_with("pkg/server/tls.go:4 "), "{q:?}");
}

#[test]
fn governance_goals_and_configs() {
    let r = scan(&[
        (
            "GOVERNANCE.md",
            "# Governance\n\nChanges to this charter need a two-thirds vote of the maintainers.\n\nMaintainers who are inactive for a year are moved to emeritus status.\n",
        ),
        (
            "CONTRIBUTING.md",
            "# Contributing\n\nLarge changes must start with a design proposal in docs/rfcs.\n\nWrite `IPsec` as per RFC 6071.\n",
        ),
        ("docs/rfcs/0001-a.md", "# A\n"),
        ("docs/rfcs/0002-b.md", "# B\n"),
        (
            "docs/threat-model.md",
            "# Threat model\n\n## Goals\n\n- Agents never see another tenant's secrets.\n\n## Non-goals\n\n- Defending against a malicious cluster administrator.\n",
        ),
        ("fluent.conf", "<source>\n</source>\n"),
        (".golangci.yml", "linters: {}\n"),
    ]);
    let rules = quoted(finding(&r, &v::GOVERNANCE_PROCESS).expect("rules"));
    assert!(
        rules[0].starts_with("GOVERNANCE.md:3 Changes to this charter"),
        "{rules:?}"
    );
    assert!(
        rules.iter().any(|s| s.starts_with("GOVERNANCE.md:5 ")),
        "{rules:?}"
    );
    let proposals = finding(&r, &v::PROPOSAL_PROCESS).expect("proposals");
    let asks = quoted(proposals);
    assert_eq!(
        asks.len(),
        1,
        "a published RFC is not a proposal process: {asks:?}"
    );
    assert!(
        proposals.title.contains("docs/rfcs/ (2 documents)"),
        "{}",
        proposals.title
    );
    let goals = quoted(finding(&r, &v::GOALS).expect("goals"));
    assert_eq!(
        goals,
        ["docs/threat-model.md:5 Agents never see another tenant's secrets."]
    );
    let non_goals = quoted(finding(&r, &v::NON_GOALS).expect("non-goals"));
    assert_eq!(non_goals.len(), 1);
    let configs = finding(&r, &v::SAMPLE_CONFIGS).expect("configs");
    let paths: Vec<&str> = configs.evidence.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["fluent.conf"]);
}

#[test]
fn the_manifests_name_the_project_not_the_folder() {
    let r = scan(&[
        (
            "Cargo.toml",
            "[package]\nname = \"widget-cli\"\ndescription = \"Caches builds for CI fleets\"\nrepository = \"https://github.com/acme/widget\"\n",
        ),
        ("src/main.rs", "fn main() {}\n"),
    ]);
    let id = finding(&r, &v::PROJECT_IDENTITY).expect("identity");
    assert_eq!(id.details["name"], "widget");
    assert_eq!(id.details["url"], "https://github.com/acme/widget");
    assert!(
        id.evidence
            .iter()
            .any(|e| e.path == "Cargo.toml" && e.line == Some(4))
    );
    let d = finding(&r, &v::MANIFEST_DESCRIPTION).expect("description");
    assert_eq!(d.details["sentence"], "Caches builds for CI fleets");
}

#[test]
fn developer_tools_are_not_actors() {
    let main = "package main\n\nfunc main() {}\n";
    let r = scan(&[
        ("go.mod", "module github.com/acme/widget\n"),
        ("cmd/widget/main.go", main),
        ("cmd/schemagen/main.go", main),
        ("cmd/go-buildtag/main.go", main),
        ("src/cmd/swagger/genyaml.go", main),
        ("cmd/stress/main.go", main),
        (
            "Makefile",
            "COMMANDS=widget stress\n\nbinaries:\n\tgo build ./cmd/widget ./cmd/stress\n\nprotos: bin/go-buildtag\n\tbin/go-buildtag -w api\n\nbin/go-buildtag: cmd/go-buildtag\n\tgo build -o $@ ./cmd/go-buildtag\n\ngenerate-schemas:\n\tcd cmd/schemagen && go run .\n",
        ),
    ]);
    let f = finding(&r, &v::COMPONENTS).expect("programs");
    let programs: Vec<&str> = f.details["programs"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(programs, ["stress", "widget"]);
    let tools = f.details["developer_tools"].as_object().expect("tools");
    assert_eq!(tools["schemagen"]["line"], 13);
    assert_eq!(tools["go-buildtag"]["line"], 6);
}

#[test]
fn an_announcement_is_not_the_description() {
    let r = scan(&[(
        "README.md",
        "# Widget\n\n💥 Widget v2 is out! Read the blog post and try it out today.\n\n## Quick start\n\nRun the installer from the releases page now.\n\n## About\n\nWidget keeps build caches for CI fleets close to the runners.\n",
    )]);
    let f = finding(&r, &v::README_DESCRIPTION).expect("description");
    assert_eq!(f.evidence[0].line, Some(11));
}
