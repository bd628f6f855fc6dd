//! The Security Insights validator: the specification's own examples pass, and broken
//! documents fail with a message at the line and column of the problem.

use assay_standards::insights::model::SecurityInsights;
use assay_standards::insights::tree;
use assay_standards::insights::validate::{ProblemKind, validate_text};

const SPEC_DIR: &str = "/work/shared/specs/security-insights";

const MINIMAL: &str = "\
header:
  schema-version: 2.2.0
  last-updated: '2025-03-01'
  last-reviewed: '2025-04-01'
  url: https://example.org/si.yml
project:
  name: Sample
  administrators:
    - name: Ada
      primary: true
  repositories:
    - name: sample
      url: https://example.org/sample
      comment: The code.
  vulnerability-reporting:
    reports-accepted: true
    bug-bounty-available: false
repository:
  url: https://example.org/sample
  status: active
  accepts-change-request: true
  accepts-automated-change-request: false
  core-team:
    - name: Ada
      primary: true
  license:
    url: https://example.org/sample/LICENSE
    expression: Apache-2.0
  security:
    assessments:
      self:
        comment: none yet
";

#[test]
fn the_official_examples_validate_and_read_into_the_structs() {
    let Ok(dir) = std::fs::read_dir(SPEC_DIR) else {
        // The specification copies live outside the repository; without them, skip.
        return;
    };
    let mut seen = 0;
    for entry in dir.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "yml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable example");
        let problems = validate_text(&text);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        let root = tree::parse(&text).expect("parses");
        let typed: Result<SecurityInsights, _> = serde_json::from_value(root.to_json());
        assert!(typed.is_ok(), "{}: {typed:?}", path.display());
        seen += 1;
    }
    assert_eq!(seen, 4, "the four official examples");
}

#[test]
fn a_minimal_document_validates() {
    assert_eq!(validate_text(MINIMAL), vec![]);
}

/// Each broken document: what was changed, and the (line, column, kind) expected.
fn broken(from: &str, to: &str) -> Vec<(u32, u32, ProblemKind, String)> {
    assert!(MINIMAL.contains(from), "fixture text {from:?}");
    validate_text(&MINIMAL.replacen(from, to, 1))
        .into_iter()
        .map(|p| (p.line, p.column, p.kind, p.message))
        .collect()
}

#[test]
fn broken_documents_fail_where_the_problem_is() {
    use ProblemKind::*;
    let cases: &[(&str, &str, u32, u32, ProblemKind, &str)] = &[
        (
            "  status: active",
            "  status: retired",
            20,
            11,
            NotAllowed,
            "`repository.status` must be one of active,",
        ),
        (
            "expression: Apache-2.0",
            "expression: Apache License 2.0",
            28,
            17,
            BadFormat,
            "SPDX",
        ),
        (
            "url: https://example.org/si.yml",
            "url: example.org/si.yml",
            5,
            8,
            BadFormat,
            "web address",
        ),
        (
            "'2025-03-01'",
            "'2025-02-30'",
            3,
            17,
            BadFormat,
            "YYYY-MM-DD",
        ),
        (
            "schema-version: 2.2.0",
            "schema-version: v2",
            2,
            19,
            BadFormat,
            "X.Y.Z",
        ),
        (
            "reports-accepted: true",
            "reports-accepted: \"yes\"",
            16,
            23,
            WrongType,
            "true or false",
        ),
        (
            "      primary: true\n  repositories",
            "      primary: true\n      email: ada(at)example\n  repositories",
            11,
            14,
            BadFormat,
            "email",
        ),
        (
            "  name: Sample\n",
            "  name: Sample\n  homepag: https://example.org\n",
            8,
            3,
            UnknownField,
            "`homepag` is not a field of a project",
        ),
        (
            "    bug-bounty-available: false\n",
            "",
            15,
            3,
            MissingField,
            "`project.vulnerability-reporting` has no `bug-bounty-available`",
        ),
        (
            "  core-team:\n    - name: Ada\n      primary: true\n",
            "  core-team: []\n",
            23,
            14,
            TooFew,
            "at least 1",
        ),
        (
            "  name: Sample",
            "  name: [Sample]",
            7,
            9,
            WrongType,
            "must be text, not a list",
        ),
        (
            "  name: Sample",
            "  name: 42",
            7,
            9,
            WrongType,
            "must be text",
        ),
    ];
    let mut misses = Vec::new();
    for (from, to, line, col, kind, words) in cases {
        let got = broken(from, to);
        if !got
            .iter()
            .any(|(l, c, k, m)| l == line && c == col && k == kind && m.contains(words))
        {
            misses.push(format!(
                "{to:?}: expected {line}:{col} {kind:?} {words:?}, got {got:?}"
            ));
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn hostile_yaml_is_refused_with_a_position_never_a_panic() {
    let cases = [
        ("", "empty"),
        ("header: [\n", "not valid YAML"),
        ("a: &x [1, 2]\nb: *x\n", "aliases"),
        ("header: 1\nheader: 2\n", "twice"),
        ("x: 1\n---\ny: 2\n", "one YAML document"),
        ("- just\n- a list\n", "must be a mapping"),
        ("\u{0}\u{1b}[31m", "not valid YAML"),
    ];
    for (text, words) in cases {
        let problems = validate_text(text);
        assert!(
            problems.iter().any(|p| p.message.contains(words)),
            "{text:?}: {problems:#?}"
        );
        assert!(
            problems.iter().all(|p| p.line >= 1 && p.column >= 1),
            "{problems:#?}"
        );
    }
    let deep = format!("header: {}1{}\n", "[".repeat(500), "]".repeat(500));
    assert!(!validate_text(&deep).is_empty());
    // A long value is cut in the message, and controls are gone.
    let long = MINIMAL.replacen(
        "status: active",
        &format!("status: \"{}\\e\"", "x".repeat(500)),
        1,
    );
    let p = validate_text(&long);
    assert!(
        p.iter()
            .all(|p| p.message.len() < 400 && !p.message.contains('\u{1b}')),
        "{p:#?}"
    );
}

#[test]
fn child_and_parent_files_need_their_sections() {
    let child = MINIMAL.replacen(
        "  url: https://example.org/si.yml\n",
        "  url: https://example.org/si.yml\n  project-si-source: https://example.org/parent.yml\n",
        1,
    );
    let p = validate_text(&child);
    assert!(
        p.iter().all(|p| p.warning),
        "a child with a project only warns: {p:#?}"
    );
    let no_project = MINIMAL
        .split("repository:\n")
        .next()
        .map(|h| h.split("project:\n").next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let p = validate_text(&no_project);
    assert!(
        p.iter()
            .any(|p| p.kind == ProblemKind::Structure && !p.warning),
        "{p:#?}"
    );
}
