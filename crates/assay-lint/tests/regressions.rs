//! Regression tests, named after what they fix.

use std::path::{Path, PathBuf};

use assay_lint::output::{FileReport, json, text};
use assay_lint::{LintOptions, lint_text};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn only(codes: &[&str]) -> LintOptions {
    LintOptions {
        select: codes.iter().map(|c| (*c).to_owned()).collect(),
        ..LintOptions::default()
    }
}

/// `<security@example.org>` is an email autolink, not a relative link to a file.
#[test]
fn email_autolink_is_not_a_broken_relative_link() {
    let src = read("regressions/autolink-email.md");
    let repo = fixtures().join("repo");
    let diags = lint_text(
        "autolink-email.md",
        "autolink-email.md",
        src.clone(),
        Some(&repo),
        &only(&["AL011"]),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The rule still runs: the real broken link next to the address is reported, alone.
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0].message.contains("docs/MISSING.md"));
    let report = [FileReport {
        text: &src,
        diagnostics: &diags,
    }];
    insta::assert_snapshot!("autolink-email", text(&report, false));
}

/// A document with CRLF line endings: the quoted line carries no carriage return, and the
/// diagnostics land where they do in the same document with LF endings.
#[test]
fn crlf_document_quotes_lines_cleanly_with_the_same_columns() {
    let src = read("regressions/crlf.md");
    assert!(
        src.contains("\r\n"),
        "the fixture lost its CRLF line endings"
    );
    let repo = fixtures().join("repo");
    let opts = only(&["AL004", "AL011"]);
    let crlf = lint_text("crlf.md", "crlf.md", src.clone(), Some(&repo), &opts)
        .unwrap_or_else(|e| panic!("{e}"));
    let lf_src = src.replace("\r\n", "\n");
    let lf = lint_text("crlf.md", "crlf.md", lf_src, Some(&repo), &opts)
        .unwrap_or_else(|e| panic!("{e}"));
    let at = |d: &[assay_model::Diagnostic]| -> Vec<(String, u32, u32, String)> {
        d.iter()
            .map(|d| (d.code.clone(), d.line, d.column, d.message.clone()))
            .collect()
    };
    assert_eq!(at(&crlf), at(&lf));
    assert_eq!(crlf.len(), 3, "{crlf:#?}");
    let report = [FileReport {
        text: &src,
        diagnostics: &crlf,
    }];
    let shown = text(&report, false);
    assert!(!shown.contains('\r'));
    assert!(
        !shown.contains('\u{fffd}'),
        "a carriage return was shown as a replacement"
    );
    assert!(!json(&report).to_string().contains("\\r"));
    insta::assert_snapshot!("crlf", shown);
}

/// Every rule's fixture, with CRLF line endings, gives the same diagnostics at the same
/// lines and columns.
#[test]
fn every_rule_fixture_lints_the_same_with_crlf() {
    let repo = fixtures().join("repo");
    for rule in assay_lint::RULES {
        let name = format!("{}.md", rule.name);
        let lf = read(&name);
        let crlf = lf.replace('\n', "\r\n");
        let opts = LintOptions::default();
        let a = lint_text(&name, &name, lf, Some(&repo), &opts).unwrap_or_else(|e| panic!("{e}"));
        let b = lint_text(&name, &name, crlf, Some(&repo), &opts).unwrap_or_else(|e| panic!("{e}"));
        let at = |d: &[assay_model::Diagnostic]| -> Vec<(String, u32, u32, String)> {
            d.iter()
                .map(|d| (d.code.clone(), d.line, d.column, d.message.clone()))
                .collect()
        };
        assert_eq!(at(&a), at(&b), "{name}");
    }
}
