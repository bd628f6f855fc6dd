//! `assay threat-model`: the seed of a small service, in Markdown and JSON, and how bad
//! input ends.

mod common;

use common::{Fixture, assay, stderr, stdout};

const MAIN_GO: &str = "package main\n\nimport \"net/http\"\n\nfunc main() {\n\
\thttp.HandleFunc(\"/hooks/[x](javascript:alert(1))\", hook)\n\
\thttp.ListenAndServe(\":9000\", nil)\n}\n";

const ROLE: &str = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: hook-manager\n\
rules:\n- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"*\"]\n";

fn service() -> Fixture {
    let f = Fixture::new();
    f.init()
        .write(
            "README.md",
            "# hooks\n\nHooks receives webhooks from build systems.\n",
        )
        .write("cmd/hooks/main.go", MAIN_GO)
        .write(
            "cmd/hooks/main_test.go",
            "package main\n\nfunc TestA() { http.ListenAndServe(\":1\", nil) }\n",
        )
        .write("deploy/rbac.yaml", ROLE)
        .write("deploy/Dockerfile", "FROM scratch\nEXPOSE 9000\n")
        .commit_all("hooks");
    f.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/example/hooks.git",
    ]);
    f
}

#[test]
fn markdown_seed_of_a_small_service() {
    let f = service();
    let out = assay(&["threat-model", "."], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert_eq!(
        md,
        stdout(&assay(&["threat-model", "."], Some(f.path()))),
        "differs between runs"
    );
    assert!(md.contains("```mermaid\nflowchart LR\n"), "{md}");
    // Repository text never becomes a live link.
    assert!(!md.contains("[x](javascript:"), "{md}");
    assert!(
        md.contains("https://github.com/example/hooks/blob/"),
        "pinned links: {md}"
    );
    assert!(!md.contains("main_test.go"), "{md}");
    insta::assert_snapshot!("hooks_threat_model", md);
}

#[test]
fn json_seed_names_the_commit_and_the_entry_points() {
    let f = service();
    let out = assay(&["threat-model", ".", "--format", "json"], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(v["spec_version"], 1);
    assert_eq!(v["date"], "2025-01-01");
    assert_eq!(v["dispositions"].as_array().map(Vec::len), Some(9));
    let sources: Vec<&str> = v["entry_points"]
        .as_array()
        .expect("entry points")
        .iter()
        .filter_map(|e| e["source"].as_str())
        .collect();
    assert!(sources.contains(&"cmd/hooks/main.go:7"), "{sources:?}");
    assert!(sources.contains(&"deploy/Dockerfile:2"), "{sources:?}");
}

#[test]
fn output_file_is_written() {
    let f = service();
    let target = f.path().join("seed.md");
    let target_arg = target.to_string_lossy().into_owned();
    let out = assay(&["threat-model", ".", "-o", &target_arg], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let written = std::fs::read_to_string(&target).expect("written");
    assert!(written.starts_with("# "), "{written}");
}

#[test]
fn json_of_a_plain_directory_fails_with_a_clear_message() {
    let f = Fixture::new();
    f.write("main.go", MAIN_GO);
    let out = assay(&["threat-model", ".", "--format", "json"], Some(f.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a git repository"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
    // Markdown needs no commit.
    let out = assay(&["threat-model", "."], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_missing_path_or_format_ends_with_exit_two() {
    let out = assay(&["threat-model", "/nonexistent/assay-threat"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("assay: error:"),
        "{}",
        stderr(&out)
    );
    let out = assay(&["threat-model", "--format", "yaml"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn hostile_manifests_do_not_panic() {
    let f = Fixture::new();
    f.init()
        .write("deploy/a.yaml", "kind: ClusterRole\napiVersion: v1\nrules:\n- verbs: [\n  - \"*\n---\n---\nkind:\n")
        .write("deploy/b.yaml", "\u{0}\u{1}kind: Deployment\napiVersion: apps/v1\nmetadata:\n  name: \"\u{1b}[31mred\"\n")
        .write("cmd/x/main.go", "package main\nfunc main() { fs.StringVar(&a, \"listen-addr\", \"\u{1b}[2J\", \"\") }\n")
        .commit_all("odd");
    for format in ["markdown", "json"] {
        let out = assay(&["threat-model", ".", "--format", format], Some(f.path()));
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert!(
            !stdout(&out).contains('\u{1b}'),
            "{format} carries an escape character"
        );
    }
}
