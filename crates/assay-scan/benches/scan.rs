//! Scan speed over a generated repository shaped like a mid-sized Go project: 20,000+
//! files (code, tests, vendored code, docs), 20 workflows, a Makefile, scripts, Dockerfiles
//! and community documents. Run with `cargo bench -p assay-scan`.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

use assay_scan::{Catalog, ScanOptions, Snapshot, scan, scan_snapshot};

fn main() {
    divan::main();
}

const PACKAGES: usize = 1_000;
const FILES_PER_PACKAGE: usize = 16;
const VENDORED: usize = 4_000;

fn write(root: &Path, rel: &str, content: &str) {
    let p = root.join(rel);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(p, content).expect("write");
}

fn generate(root: &Path) {
    let code = "package p\n\n// Handle does work.\nfunc Handle(x int) int {\n\treturn x * 2\n}\n"
        .repeat(20);
    for p in 0..PACKAGES {
        for f in 0..FILES_PER_PACKAGE {
            let name = if f % 4 == 0 {
                format!("f{f}_test.go")
            } else {
                format!("f{f}.go")
            };
            write(root, &format!("pkg/area{}/p{p}/{name}", p % 40), &code);
        }
    }
    for v in 0..VENDORED {
        write(
            root,
            &format!("vendor/github.com/dep{}/m{v}.go", v % 200),
            &code,
        );
    }
    for d in 0..300 {
        write(
            root,
            &format!("docs/topic-{d}.md"),
            "# Topic\n\nSome text.\n",
        );
    }
    write(root, "docs/security.md", "# Security recommendations\n");
    write(root, "docs/configuration.md", "# Configuration\n");
    for w in 0..20 {
        let mut wf = String::from("name: w\non:\n  pull_request:\n  push:\njobs:\n");
        for j in 0..5 {
            write!(
                wf,
                "  job{j}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-go@v5\n      - run: |\n          make test-unit\n          go vet ./...\n"
            )
            .ok();
        }
        write(root, &format!(".github/workflows/w{w}.yml"), &wf);
    }
    write(
        root,
        ".github/workflows/codeql.yml",
        "on: [pull_request]\njobs:\n  a:\n    steps:\n      - uses: github/codeql-action/init@v3\n      - uses: github/codeql-action/analyze@v3\n",
    );
    let mut make = String::new();
    for t in 0..200 {
        write!(
            make,
            "target{t}: target{}\n\t./hack/script{}.sh\n\tgo build ./...\n",
            (t + 1) % 200,
            t % 50
        )
        .ok();
    }
    make.push_str("test-unit:\n\tgo test ./...\nlint:\n\tgolangci-lint run\n");
    write(root, "Makefile", &make);
    for s in 0..50 {
        write(
            root,
            &format!("hack/script{s}.sh"),
            "#!/bin/sh\nset -e\ngo run ./cmd/tool --flag\nshellcheck hack/*.sh\n",
        );
    }
    for d in 0..10 {
        write(
            root,
            &format!("build/images/Dockerfile.c{d}"),
            "FROM golang:1.22 AS build\nRUN make\nFROM gcr.io/distroless/static:nonroot\n",
        );
    }
    write(
        root,
        "SECURITY.md",
        "# Security\n\nReport to security@bench.example within 3 days.\n",
    );
    write(
        root,
        "README.md",
        "# Bench\n\nJoin https://kubernetes.slack.com/messages/bench and https://groups.google.com/g/bench-dev\n",
    );
    write(
        root,
        "CONTRIBUTING.md",
        "Sign off your commits (DCO). Two approvals are needed to merge a PR.\n",
    );
    write(
        root,
        "LICENSE",
        "Apache License\nVersion 2.0, January 2004\n",
    );
    write(root, "go.mod", "module bench\n");
}

struct Fixture {
    dir: tempfile::TempDir,
}

static PLAIN: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    generate(dir.path());
    Fixture { dir }
});

static GIT: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    generate(dir.path());
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "b")
            .env("GIT_AUTHOR_EMAIL", "b@b")
            .env("GIT_COMMITTER_NAME", "b")
            .env("GIT_COMMITTER_EMAIL", "b@b")
            .status()
            .expect("git")
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "bench"]);
    // Pack the objects, as a real clone has them.
    git(&["gc", "-q"]);
    Fixture { dir }
});

/// Whole command path: open the HEAD tree through the object database and scan it.
#[divan::bench(sample_count = 20)]
fn scan_git_head_21k_files() {
    let report = scan(GIT.dir.path(), "bench", &ScanOptions::default()).expect("scan");
    divan::black_box(report);
}

/// Whole command path over a plain directory walk.
#[divan::bench(sample_count = 20)]
fn scan_plain_dir_21k_files() {
    let report = scan(PLAIN.dir.path(), "bench", &ScanOptions::default()).expect("scan");
    divan::black_box(report);
}

/// Detectors alone, on an index already built.
#[divan::bench(sample_count = 20)]
fn detectors_only(bencher: divan::Bencher) {
    let snapshot = Snapshot::open(GIT.dir.path(), false).expect("snapshot");
    let catalog = Catalog::builtin().expect("catalog");
    bencher.bench_local(|| {
        divan::black_box(scan_snapshot(
            &snapshot,
            &catalog,
            "bench",
            &ScanOptions::default(),
        ))
    });
}
