//! Every command's `--help`, as users read it (wrapped at 100 columns on any terminal).
//! `assay scan --help` is in scan.rs.

mod common;

use common::{assay, stdout};

fn help(args: &[&str]) -> String {
    let out = assay(args, None);
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    let text = stdout(&out);
    assert!(
        text.lines().all(|l| l.chars().count() <= 100),
        "help wider than 100 columns:\n{text}"
    );
    text
}

#[test]
fn top_level_help() {
    insta::assert_snapshot!("top_level_help", help(&["--help"]));
}

#[test]
fn draft_help() {
    insta::assert_snapshot!("draft_help", help(&["draft", "--help"]));
}

#[test]
fn lint_help() {
    insta::assert_snapshot!("lint_help", help(&["lint", "--help"]));
}

#[test]
fn verify_help() {
    insta::assert_snapshot!("verify_help", help(&["verify", "--help"]));
}

#[test]
fn rules_help() {
    insta::assert_snapshot!("rules_help", help(&["rules", "--help"]));
}
