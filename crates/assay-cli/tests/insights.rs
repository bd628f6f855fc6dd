//! `assay insights` and the Security Insights branch of `assay lint`, end to end on
//! fixture repositories built here.

mod common;

use common::{Fixture, assay, sample_project, stderr, stdout};

fn insights(f: &Fixture, extra: &[&str]) -> std::process::Output {
    let dir = f.path().to_str().expect("utf-8 temp path");
    let mut args = vec!["insights", dir];
    args.extend_from_slice(extra);
    assay(&args, None)
}

/// Write the document into the fixture's parent temp dir and lint it.
fn lint_text(text: &str, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("SECURITY-INSIGHTS.yml");
    std::fs::write(&file, text).expect("write");
    let path = file.to_str().expect("utf-8");
    let mut args = vec!["lint", path];
    args.extend_from_slice(extra);
    assay(&args, None)
}

#[test]
fn the_sample_project_gets_a_cited_document_that_passes_lint() {
    let f = sample_project();
    let first = insights(&f, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let again = insights(&f, &[]);
    assert_eq!(first.stdout, again.stdout, "output differs between runs");
    let text = stdout(&first);
    assert!(stderr(&first).contains("marked TODO"), "{}", stderr(&first));
    let linted = lint_text(&text, &[]);
    // Placeholders only warn: the document is valid.
    assert!(linted.status.success(), "{}", stdout(&linted));
    assert!(
        stdout(&linted).contains("0 error(s)"),
        "{}",
        stdout(&linted)
    );
    insta::assert_snapshot!("sample_project_insights", text);
}

#[test]
fn a_maintainers_file_becomes_the_core_team_and_hostile_names_stay_quoted() {
    let f = sample_project();
    f.write(
        "MAINTAINERS.md",
        "# Maintainers\n\n* Ada \"x\": y # z <ada@example.org> @ada\n* Bo\u{1b}[31mb (Acme) @bob\n\n## Emeritus\n\n* Old <old@example.org> @old\n",
    )
    .commit_all("maintainers");
    let out = insights(&f, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("# MAINTAINERS.md:3"), "{text}");
    assert!(text.contains("\"https://github.com/ada\""), "{text}");
    assert!(text.contains("\"https://github.com/bob\""), "{text}");
    assert!(
        !text.contains("github.com/old"),
        "emeritus left out: {text}"
    );
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(lint_text(&text, &[]).status.success());
}

#[test]
fn without_a_forge_remote_the_address_must_be_given() {
    let f = Fixture::new();
    f.init().write("README.md", "# x\n").commit_all("init");
    let out = insights(&f, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("--url"), "{}", stderr(&out));
    let given = insights(
        &f,
        &["--url", "https://gitlab.com/o/x", "--date", "2025-02-03"],
    );
    assert!(given.status.success(), "{}", stderr(&given));
    let text = stdout(&given);
    assert!(text.contains("last-updated: \"2025-02-03\""), "{text}");
    assert!(text.contains("TODO: list the core team"), "{text}");
    let bad = insights(
        &f,
        &["--url", "https://gitlab.com/o/x", "--date", "2025-13-01"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
}

#[test]
fn lint_tells_v1_from_v2_and_points_at_problems() {
    let v1 = "header:\n  schema-version: 1.0.0\n  expiration-date: '2024-01-01T00:00:00.000Z'\nproject-lifecycle:\n  status: active\n";
    let out = lint_text(v1, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("1.x"), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(":4:1: error[SI010]"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("repository.status"),
        "{}",
        stdout(&out)
    );

    let broken = "header:\n  schema-version: 2.2.0\n  last-updated: '2025-01-01'\n  last-reviewed: 'soon'\n  url: https://example.org/si.yml\n";
    let out = lint_text(broken, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let diags = report["diagnostics"].as_array().expect("list");
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "SI005" && d["line"] == 4 && d["column"] == 18),
        "{report:#}"
    );
    assert!(diags.iter().any(|d| d["code"] == "SI008"), "{report:#}");
}

#[test]
fn lint_with_the_repository_finds_links_it_no_longer_backs() {
    let f = sample_project();
    let text = stdout(&insights(&f, &[]));
    let stale = text.replace("blob/HEAD/SECURITY.md", "blob/HEAD/OLD-SECURITY.md");
    let dir = f.path().to_str().expect("utf-8");
    let out = lint_text(&stale, &["--repo", dir]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("SI020"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("`OLD-SECURITY.md`"),
        "{}",
        stdout(&out)
    );
    // The same document is clean against its own repository.
    let fresh = lint_text(&text, &["--repo", dir]);
    assert!(fresh.status.success(), "{}", stdout(&fresh));
}

#[test]
fn hostile_yaml_ends_in_diagnostics_never_a_panic() {
    for text in [
        "a: &x [1]\nb: *x\n",
        "\u{0}\u{1}binary",
        "header: [\n",
        "",
        &"[".repeat(10_000),
    ] {
        let out = lint_text(text, &[]);
        assert_eq!(out.status.code(), Some(1), "{text:?}: {}", stderr(&out));
        assert!(stdout(&out).contains("SI001"), "{text:?}: {}", stdout(&out));
    }
    let out = lint_text("header: {}\n", &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["ruleIndex"].is_u64()), "{sarif:#}");
}

#[test]
fn insights_help() {
    let out = assay(&["insights", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("insights_help", stdout(&out));
}

#[cfg(unix)]
#[test]
fn a_maintainers_symlink_out_of_the_root_is_not_followed() {
    let outside = tempfile::tempdir().expect("tempdir");
    let target = outside.path().join("people.md");
    std::fs::write(
        &target,
        "# Maintainers\n\n* Mallory <m@example.org> @mallory\n",
    )
    .expect("write");
    let f = sample_project();
    std::os::unix::fs::symlink(&target, f.path().join("MAINTAINERS.md")).expect("symlink");
    f.commit_all("link");
    for extra in [&[][..], &["--worktree"][..]] {
        let out = insights(&f, extra);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!stdout(&out).contains("mallory"), "{}", stdout(&out));
    }
}
