//! Fixture repositories built inside the test: a temp directory, `git init`, commits with
//! fixed authors and dates so commit ids are the same on every run.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Fixture {
        let p = self.path().join(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(p, content).expect("write");
        self
    }

    /// Run git in the fixture with a clean, fixed identity and no user configuration.
    pub fn git(&self, args: &[&str]) -> Output {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Ada Author")
            .env("GIT_AUTHOR_EMAIL", "ada@example.org")
            .env("GIT_COMMITTER_NAME", "Ada Author")
            .env("GIT_COMMITTER_EMAIL", "ada@example.org")
            .env("GIT_AUTHOR_DATE", "2025-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2025-01-01T00:00:00Z")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn init(&self) -> &Fixture {
        self.git(&["init", "-q", "-b", "main"]);
        self
    }

    pub fn commit_all(&self, msg: &str) -> &Fixture {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--no-verify", "-m", msg]);
        self
    }
}

pub fn assay(args: &[&str], cwd: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_assay"));
    cmd.args(args).env("NO_COLOR", "1");
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    cmd.output().expect("assay runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)))
}

/// The finding with `id`, if any.
pub fn finding<'a>(report: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
    report["findings"]
        .as_array()?
        .iter()
        .find(|f| f["id"] == id)
}

pub fn status<'a>(report: &'a serde_json::Value, id: &str) -> &'a str {
    finding(report, id)
        .and_then(|f| f["status"].as_str())
        .unwrap_or("missing")
}

/// A small but realistic project: policy, CI with `CodeQL` and `Trivy`, make-driven lint,
/// Dependabot, channels in the README, DCO in CONTRIBUTING, Go code and tests.
pub fn sample_project() -> Fixture {
    let f = Fixture::new();
    f.init()
        .write(
            "SECURITY.md",
            "# Security Policy\n\n## Reporting\n\nEmail security@sample.dev with details.\n\
             We acknowledge reports within 3 business days.\n\n## Disclosure\n\n\
             We follow a 90-day embargo before public disclosure and request CVEs.\n\n\
             ## Supported versions\n\n| Version | Supported |\n| 1.x | yes |\n",
        )
        .write(
            ".github/workflows/ci.yml",
            "name: ci\non:\n  pull_request:\n  push:\npermissions:\n  contents: read\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - run: make lint\n      - run: go test ./...\n",
        )
        .write(
            ".github/workflows/codeql.yml",
            "name: codeql\non:\n  schedule:\n    - cron: '0 4 * * 1'\n  pull_request_target:\njobs:\n  analyze:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - uses: github/codeql-action/init@v3\n      - uses: github/codeql-action/analyze@v3\n      - run: trivy fs --exit-code 1 .\n",
        )
        .write(".github/dependabot.yml", "version: 2\nupdates: []\n")
        .write(".golangci.yml", "linters:\n  enable:\n    - gosec\n")
        .write(
            "Makefile",
            "lint: vet\n\t@echo \"running trivy\"\n\tgolangci-lint run ./...\nvet:\n\tgo vet ./...\nscan-local:\n\tgrype dir:.\n",
        )
        .write(
            "README.md",
            "# Sample\n\nSample is a small service that turns requests into reports.\n\n[![OpenSSF Best Practices](https://www.bestpractices.dev/projects/1234/badge)](https://www.bestpractices.dev/projects/1234)\n\n\
             Chat with us in [#sample](https://kubernetes.slack.com/messages/sample) on Slack,\n\
             or join the [sample-dev](https://groups.google.com/g/sample-dev) list.\n",
        )
        .write(
            "CONTRIBUTING.md",
            "# Contributing\n\nEvery commit needs a Signed-off-by line (DCO): use git commit -s.\n\
             Pull requests need at least two approvals from maintainers before merging.\n",
        )
        .write("Dockerfile", "FROM golang:1.22 AS build\nFROM gcr.io/distroless/static@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n")
        .write(
            "LICENSE",
            "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n",
        )
        .write("go.mod", "module example.org/sample\n\ngo 1.22\n")
        .write("main.go", "package main\n\nfunc main() {}\n")
        .write("main_test.go", "package main\n\nimport \"testing\"\n\nfunc TestMain(t *testing.T) {}\n")
        .write("fuzz/parse_fuzz_test.go", "package fuzz\n\nimport \"testing\"\n\nfunc FuzzParse(f *testing.F) {}\n");
    f.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/sample-org/sample.git",
    ]);
    f.commit_all("Initial commit");
    f
}

pub fn to_path(p: &Path) -> PathBuf {
    p.to_path_buf()
}

/// A JSON or SARIF report made stable for a snapshot: the version becomes `[version]`, and
/// each SARIF rule keeps its id, name and level. Its documentation, only checked here to be
/// present, is the rule's own and would make every report snapshot change with it.
pub fn for_snapshot(mut report: serde_json::Value) -> serde_json::Value {
    if report["tool"]["version"].is_string() {
        report["tool"]["version"] = "[version]".into();
    }
    let runs = report
        .get_mut("runs")
        .and_then(serde_json::Value::as_array_mut);
    for run in runs.into_iter().flatten() {
        let driver = &mut run["tool"]["driver"];
        driver["version"] = "[version]".into();
        for rule in driver["rules"].as_array_mut().into_iter().flatten() {
            for text in ["/shortDescription/text", "/help/text", "/help/markdown"] {
                assert!(
                    rule.pointer(text)
                        .and_then(serde_json::Value::as_str)
                        .is_some_and(|t| !t.is_empty()),
                    "rule {} has no {text}",
                    rule["id"]
                );
            }
            *rule = serde_json::json!({
                "id": rule["id"],
                "name": rule["name"],
                "defaultConfiguration": rule["defaultConfiguration"],
            });
        }
    }
    report
}
