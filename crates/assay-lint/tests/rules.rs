//! Each rule against its own fixture: the fixture named after a rule triggers that rule and
//! nothing else; the clean fixture triggers nothing. Text output is snapshotted.

use std::path::{Path, PathBuf};

use assay_lint::output::{FileReport, json, sarif, text};
use assay_lint::{LintOptions, RULES, lint_text};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixture folder is the "repository" the documents link into; it holds no SECURITY.md
/// under docs/, so relative links there are broken, and SECURITY.md at its root is made up
/// by the clean fixture's link being checked against this folder.
fn lint(name: &str, opts: &LintOptions) -> (String, Vec<assay_model::Diagnostic>) {
    let text =
        std::fs::read_to_string(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let repo = fixtures().join("repo");
    let diags =
        lint_text(name, name, text.clone(), Some(&repo), opts).unwrap_or_else(|e| panic!("{e}"));
    (text, diags)
}

#[test]
fn the_clean_document_has_no_diagnostics() {
    let (_, diags) = lint("clean.md", &LintOptions::default());
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn each_rule_fires_on_its_fixture_and_only_there() {
    for rule in RULES {
        let name = format!("{}.md", rule.name);
        let (src, diags) = lint(&name, &LintOptions::default());
        assert!(!diags.is_empty(), "{} did not fire on {name}", rule.code);
        for d in &diags {
            assert_eq!(
                d.code, rule.code,
                "{name} also triggered {} ({})",
                d.code, d.message
            );
        }
        let report = [FileReport {
            text: &src,
            diagnostics: &diags,
        }];
        insta::assert_snapshot!(rule.name, text(&report, false));
    }
}

#[test]
fn an_inline_comment_silences_the_next_line() {
    let (_, diags) = lint("disabled.md", &LintOptions::default());
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn select_and_ignore_by_code_or_name() {
    let only = LintOptions {
        select: vec!["draft-leftover".into()],
        ..LintOptions::default()
    };
    let (_, diags) = lint("draft-leftover.md", &only);
    assert_eq!(diags.len(), 3);
    let none = LintOptions {
        ignore: vec!["AL004".into()],
        ..LintOptions::default()
    };
    let (_, diags) = lint("draft-leftover.md", &none);
    assert!(diags.is_empty());
    let bad = LintOptions {
        select: vec!["AL999".into()],
        ..LintOptions::default()
    };
    let text = std::fs::read_to_string(fixtures().join("clean.md")).expect("fixture");
    assert!(lint_text("x", "x", text, None, &bad).is_err());
}

#[test]
fn json_and_sarif_carry_the_same_diagnostics() {
    let (src, diags) = lint("draft-leftover.md", &LintOptions::default());
    let report = [FileReport {
        text: &src,
        diagnostics: &diags,
    }];
    let j = json(&report);
    assert_eq!(j["summary"]["errors"], 3);
    assert_eq!(j["diagnostics"][0]["code"], "AL004");
    assert_eq!(j["diagnostics"][0]["line"], 98);
    let s = sarif(&report);
    assert_eq!(s["version"], "2.1.0");
    let run = &s["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().map(Vec::len),
        Some(RULES.len())
    );
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "AL004");
    let idx = result["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(run["tool"]["driver"]["rules"][idx]["id"], "AL004");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        98
    );
    assert_eq!(result["level"], "error");
}

#[test]
fn hostile_documents_are_bounded_and_never_panic() {
    let opts = LintOptions::default();
    let deep_quotes = format!("# x\n\n{}deep\n", "> ".repeat(50_000));
    let mut deep_lists = String::new();
    for i in 0..5_000 {
        deep_lists += &"  ".repeat(i);
        deep_lists += "- item
";
    }
    let long_line = format!("# x\n\n{}\n", "a".repeat(2_000_000));
    let nul = "# Metadata\n\n| Assessment Stage | Complete\0 |\n\u{1b}[2J\n".to_owned();
    let html = "<div>\n<table><tr><td>Software</td><td>x</td></tr></table>\n".repeat(10_000);
    let brackets = "[".repeat(100_000);
    for doc in [deep_quotes, deep_lists, long_line, nul, html, brackets] {
        let diags = lint_text("h.md", "h.md", doc.clone(), None, &opts).expect("lint");
        let report = [FileReport {
            text: &doc,
            diagnostics: &diags,
        }];
        let out = text(&report, false);
        assert!(
            !out.contains('\u{1b}'),
            "a control character reached the terminal"
        );
        assert!(!out.contains('\0'));
    }
}
