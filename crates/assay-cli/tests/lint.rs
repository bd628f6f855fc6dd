//! `assay lint` end to end: exit codes, formats, hostile files.

mod common;

use std::fs;

use common::{Fixture, assay, for_snapshot, json, stderr, stdout};

const CLEAN: &str = include_str!("../../assay-lint/tests/fixtures/clean.md");

#[test]
fn clean_document_exits_0_and_leftovers_exit_1() {
    let f = Fixture::new();
    f.write("SECURITY.md", "x\n").write("clean.md", CLEAN);
    f.write(
        "draft.md",
        CLEAN.replace("Passing badge.", "todo: check the badge"),
    );
    let ok = assay(&["lint", "clean.md", "--repo", "."], Some(f.path()));
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let bad = assay(&["lint", "draft.md", "--repo", "."], Some(f.path()));
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stdout(&bad).contains("draft.md:98:1: error[AL004] draft-leftover"),
        "{}",
        stdout(&bad)
    );
}

#[test]
fn warnings_alone_do_not_fail() {
    let f = Fixture::new();
    f.write("SECURITY.md", "x\n").write(
        "w.md",
        CLEAN.replace("* **Outbound**: the announce list.\n", ""),
    );
    let out = assay(&["lint", "w.md", "--repo", "."], Some(f.path()));
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("warning[AL013]"));
}

#[test]
fn sarif_and_json_formats() {
    let f = Fixture::new();
    f.write("d.md", CLEAN.replace("Passing badge.", "reference: x"));
    let s = json(&assay(
        &["lint", "d.md", "--format", "sarif"],
        Some(f.path()),
    ));
    assert_eq!(s["version"], "2.1.0");
    assert!(
        s["runs"][0]["results"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
    let j = json(&assay(
        &["lint", "d.md", "--format", "json", "--select", "AL004"],
        Some(f.path()),
    ));
    assert_eq!(j["summary"]["errors"], 1);
}

#[test]
fn unreadable_or_oversized_files_exit_2() {
    let f = Fixture::new();
    let missing = assay(&["lint", "nope.md"], Some(f.path()));
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nope.md"));
    // 100 MB: refused after reading the bound, not parsed.
    let big = fs::File::create(f.path().join("big.md")).expect("create");
    big.set_len(100 * 1024 * 1024).expect("size");
    let out = assay(&["lint", "big.md"], Some(f.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("larger than"), "{}", stderr(&out));
    let unknown = assay(&["lint", "big.md", "--select", "AL999"], Some(f.path()));
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn invalid_utf8_and_control_characters_are_survived() {
    let f = Fixture::new();
    let mut bytes = CLEAN
        .replace("Passing badge.", "todo: \u{1b}]0;title\u{7} \u{1b}[31mred")
        .into_bytes();
    bytes.extend_from_slice(b"\n\xff\xfe\x00 broken\n");
    f.write("u.md", bytes);
    let out = assay(&["lint", "u.md"], Some(f.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stdout.contains(&0x1b),
        "an escape reached the terminal"
    );
    assert!(!out.stdout.contains(&0x07));
}

#[test]
fn rules_explains_a_lint_rule() {
    let out = assay(&["rules", "AL004"], None);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("AL004 draft-leftover (error)"));
    assert!(text.contains("## Fix"));
}

/// One error (a leftover note) and one warning (Outbound channel missing).
fn two_problems() -> Fixture {
    let f = Fixture::new();
    f.write("SECURITY.md", "x\n").write(
        "d.md",
        CLEAN
            .replace("Passing badge.", "todo: check the badge")
            .replace("* **Outbound**: the announce list.\n", ""),
    );
    f
}

#[test]
fn json_report() {
    let f = two_problems();
    let out = assay(
        &["lint", "d.md", "--repo", ".", "--format", "json"],
        Some(f.path()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_json_snapshot!("lint_json", for_snapshot(json(&out)));
}

#[test]
fn sarif_report() {
    let f = two_problems();
    let out = assay(
        &["lint", "d.md", "--repo", ".", "--format", "sarif"],
        Some(f.path()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_json_snapshot!("lint_sarif", for_snapshot(json(&out)));
}

#[test]
fn outline_revision_is_detected_or_chosen() {
    let f = Fixture::new();
    f.write(
        "old.md",
        include_str!("../../assay-lint/tests/fixtures/outline/2019.md"),
    );
    let auto = assay(&["lint", "old.md"], Some(f.path()));
    assert_eq!(auto.status.code(), Some(0), "{}", stdout(&auto));
    assert!(
        stderr(&auto).contains("old.md: checked against the 2019 outline"),
        "{}",
        stderr(&auto)
    );
    let current = assay(&["lint", "old.md", "--outline", "current"], Some(f.path()));
    assert_eq!(current.status.code(), Some(1));
    assert!(stdout(&current).contains("the 2024 outline's \"Actors\""));
    let unknown = assay(&["lint", "old.md", "--outline", "2020"], Some(f.path()));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("unknown outline"),
        "{}",
        stderr(&unknown)
    );
}
