//! `assay scan` end to end, on fixture repositories built here.

mod common;

use common::{Fixture, assay, finding, json, sample_project, status, stderr, stdout};

#[test]
fn sample_project_json_is_cited_and_stable() {
    let f = sample_project();
    let dir = f.path().to_str().expect("utf-8 temp path");
    let first = assay(&["scan", dir, "--format", "json"], None);
    assert!(first.status.success(), "{}", stderr(&first));
    let second = assay(&["scan", dir, "--format", "json"], None);
    assert_eq!(first.stdout, second.stdout, "output differs between runs");
    let mut report = json(&first);
    // The temp dir differs per run; everything else is fixed.
    report["repository"]["root"] = "<fixture>".into();
    insta::assert_json_snapshot!("sample_project_scan", report);
}

#[test]
fn sample_project_text_report() {
    let f = sample_project();
    let out = assay(&["scan", "."], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    insta::assert_snapshot!("sample_project_text", text);
}

#[test]
fn what_ci_runs_is_present_and_what_it_does_not_is_partial() {
    let f = sample_project();
    let r = json(&assay(&["scan", ".", "--format", "json"], Some(f.path())));
    // Called through `make lint` from the workflow.
    assert_eq!(status(&r, "lint.golangci-lint"), "present");
    assert_eq!(status(&r, "lint.go-vet"), "present");
    // Only in a make target nothing in CI calls.
    assert_eq!(status(&r, "vuln-scan.grype"), "partial");
    // Named in an echo, never run.
    assert_eq!(status(&r, "vuln-scan.trivy"), "present");
    let trivy = finding(&r, "vuln-scan.trivy").expect("trivy");
    assert!(
        trivy["evidence"]
            .as_array()
            .is_some_and(|e| e.iter().all(|e| e["path"] != "Makefile")),
        "the echo line is not evidence: {trivy}"
    );
    assert_eq!(status(&r, "sast.codeql"), "present");
    assert_eq!(status(&r, "sast.gosec"), "present");
    assert_eq!(status(&r, "deps-update.dependabot"), "present");
    assert_eq!(status(&r, "fuzzing.go-native"), "present");
    assert_eq!(status(&r, "secret-scan"), "absent");
    assert_eq!(status(&r, "workflow-hygiene.untrusted-checkout"), "absent");
    assert_eq!(status(&r, "workflow-hygiene.action-pinning"), "partial");
}

#[test]
fn evidence_links_are_pinned_to_the_scanned_commit() {
    let f = sample_project();
    let head = stdout(&f.git(&["rev-parse", "HEAD"])).trim().to_owned();
    let r = json(&assay(&["scan", ".", "--format", "json"], Some(f.path())));
    assert_eq!(r["repository"]["commit"], head.as_str());
    assert_eq!(
        r["repository"]["url"],
        "https://github.com/sample-org/sample"
    );
    let policy = finding(&r, "policy.security-file").expect("policy");
    let email = policy["evidence"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["line"] == 5))
        .expect("line 5 cited");
    assert_eq!(
        email["url"],
        format!("https://github.com/sample-org/sample/blob/{head}/SECURITY.md#L5").as_str()
    );
}

#[test]
fn remote_credentials_never_reach_the_output() {
    let f = sample_project();
    f.git(&[
        "remote",
        "set-url",
        "origin",
        "https://x-access-token:ghp_secret123@github.com/sample-org/sample.git",
    ]);
    let out = assay(&["scan", ".", "--format", "json"], Some(f.path()));
    assert!(!stdout(&out).contains("ghp_secret123"));
    assert_eq!(
        json(&out)["repository"]["remote"],
        "https://github.com/sample-org/sample.git"
    );
}

#[test]
fn head_is_read_not_the_work_tree_unless_asked() {
    let f = sample_project();
    // Uncommitted and ignored files do not count at HEAD.
    f.write(".gitignore", "secrets/\n");
    f.write(".gitleaks.toml", "title = \"x\"\n");
    f.write("secrets/renovate.json", "{}\n");
    let head = json(&assay(&["scan", ".", "--format", "json"], Some(f.path())));
    assert_eq!(status(&head, "secret-scan.gitleaks"), "missing");
    let wt = json(&assay(
        &["scan", ".", "--format", "json", "--worktree"],
        Some(f.path()),
    ));
    assert_eq!(status(&wt, "secret-scan.gitleaks"), "partial");
}

#[test]
fn a_stub_security_policy_is_partial() {
    let f = Fixture::new();
    f.init()
        .write("SECURITY.md", "# Security\n\nTBD\n")
        .commit_all("stub");
    let r = json(&assay(&["scan", ".", "--format", "json"], Some(f.path())));
    assert_eq!(status(&r, "policy.security-file"), "partial");
}

#[test]
fn a_plain_directory_is_walked() {
    let f = Fixture::new();
    f.write("SECURITY.md", "Report to sec@plain.dev\n");
    let r = json(&assay(&["scan", ".", "--format", "json"], Some(f.path())));
    assert_eq!(status(&r, "policy.security-file"), "present");
    assert!(r["repository"]["commit"].is_null());
}

#[test]
fn nonexistent_path_fails_with_exit_2_and_a_message() {
    let out = assay(&["scan", "/definitely/not/here"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("assay: error:"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn bad_arguments_exit_2() {
    let out = assay(&["scan", "--format", "yaml"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_is_stable() {
    let out = assay(&["scan", "--help"], None);
    assert!(out.status.success());
    insta::assert_snapshot!("scan_help", stdout(&out));
}
