//! One fixture per verify rule: a small repository and an assessment whose one stale claim
//! fires that rule, and no other.

use std::path::Path;
use std::process::Command;

use assay_lint::Document;
use assay_scan::{Catalog, ScanOptions, Snapshot};

/// A repository with a policy, CI running Trivy, Go fuzz tests, a Slack link and
/// signed-off commits; built fresh in a temporary directory.
fn repo(dir: &Path, signed_off: bool) {
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        std::fs::write(p, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    };
    write(
        "SECURITY.md",
        "# Security\n\nReport vulnerabilities to security@widget.dev. We respond within 5 business days.\n",
    );
    write(
        ".github/workflows/ci.yml",
        "on: pull_request\njobs:\n  a:\n    steps:\n      - run: trivy fs .\n      - run: go test -fuzz=Fuzz ./...\n",
    );
    write(
        "README.md",
        "# Widget\n\n[![OpenSSF Best Practices](https://www.bestpractices.dev/projects/4242/badge)](https://www.bestpractices.dev/projects/4242)\n\nChat: https://kubernetes.slack.com/messages/widget\n",
    );
    write("main.go", "package main\n\nfunc main() {}\n");
    write(
        "CONTRIBUTING.md",
        "# Contributing\n\nEvery pull request needs at least one approval from a maintainer before it is merged.\n",
    );
    write(
        "LICENSE",
        "\n                                 Apache License\n                           Version 2.0, January 2004\n                        http://www.apache.org/licenses/\n",
    );
    write(
        "parse_test.go",
        "package main\n\nimport \"testing\"\n\nfunc FuzzParse(f *testing.F) {}\n",
    );
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Dev")
            .env("GIT_AUTHOR_EMAIL", "dev@widget.dev")
            .env("GIT_COMMITTER_NAME", "Dev")
            .env("GIT_COMMITTER_EMAIL", "dev@widget.dev")
            .env("GIT_AUTHOR_DATE", "2024-06-01T12:00:00Z")
            .env("GIT_COMMITTER_DATE", "2024-06-01T12:00:00Z")
            .output()
            .unwrap_or_else(|e| panic!("git: {e}"));
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q", "-b", "main"]);
    git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/widget-org/widget.git",
    ]);
    git(&["add", "-A"]);
    let mut commit = vec!["commit", "-q", "-m", "init"];
    if signed_off {
        commit.push("--signoff");
    }
    git(&commit);
}

/// The codes `assay verify` would report for `doc` against a fresh fixture repository.
fn codes(doc: &str, signed_off: bool) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics(doc, signed_off)
        .into_iter()
        .map(|d| d.code)
        .collect();
    codes.dedup();
    codes
}

/// Each diagnostic as `code severity`.
fn graded(doc: &str) -> Vec<String> {
    diagnostics(doc, true)
        .into_iter()
        .map(|d| format!("{} {}", d.code, d.severity.as_str()))
        .collect()
}

/// The `--fix-suggestions` diff for `doc`.
fn fix_diff(doc: &str) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    repo(dir.path(), true);
    let snapshot = Snapshot::open(dir.path(), false).unwrap_or_else(|e| panic!("open: {e}"));
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("catalog: {e}"));
    let report = assay_scan::scan_snapshot(&snapshot, &catalog, "widget", &ScanOptions::default());
    let parsed = Document::parse("assessment.md", doc.to_owned());
    let verdicts = assay_verify::verify(&parsed, &report, &snapshot, &catalog);
    assay_verify::unified_diff("assessment.md", doc, &verdicts)
}

fn diagnostics(doc: &str, signed_off: bool) -> Vec<assay_model::Diagnostic> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    repo(dir.path(), signed_off);
    let snapshot = Snapshot::open(dir.path(), false).unwrap_or_else(|e| panic!("open: {e}"));
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("catalog: {e}"));
    let opts = ScanOptions {
        since: assay_scan::history::Since::All,
        ..ScanOptions::default()
    };
    let report = assay_scan::scan_snapshot(&snapshot, &catalog, "widget", &opts);
    let doc = Document::parse("assessment.md", doc.to_owned());
    let verdicts = assay_verify::verify(&doc, &report, &snapshot, &catalog);
    assay_verify::diagnostics(&doc, &verdicts)
}

/// A backed assessment: every section mentions what the repository shows.
fn assessment(practices: &str, resolution: &str, channels: &str, languages: &str) -> String {
    format!(
        "# Widget Self-assessment\n\n## Metadata\n\n| | |\n| -- | -- |\n| Languages | {languages} |\n\n\
         ## Secure development practices\n\n### Development Pipeline\n\n{practices}\n\n\
         ### Communication Channels\n\n{channels}\n\n## Security issue resolution\n\n{resolution}\n"
    )
}

const PRACTICES: &str =
    "* Trivy scans every pull request.\n* The parsers are fuzzed with Go fuzz tests.";
const RESOLUTION: &str = "Write to security@widget.dev; we respond within 5 business days.";
const CHANNELS: &str = "* [Slack](https://kubernetes.slack.com/messages/widget)";

#[test]
fn a_backed_assessment_raises_nothing() {
    assert_eq!(
        codes(&assessment(PRACTICES, RESOLUTION, CHANNELS, "Go"), true),
        Vec::<String>::new()
    );
}

#[test]
fn av001_tool_not_found() {
    let p = format!("{PRACTICES}\n* CodeQL analyses every change.");
    assert_eq!(
        codes(&assessment(&p, RESOLUTION, CHANNELS, "Go"), true),
        ["AV001"]
    );
}

#[test]
fn av002_absence_contradicted() {
    let p = "* Trivy scans every pull request.\n* There is no fuzzing of the parsers.";
    assert_eq!(
        codes(&assessment(p, RESOLUTION, CHANNELS, "Go"), true),
        ["AV002"]
    );
}

#[test]
fn av003_contact_not_found() {
    let r = "Write to old-security@widget.dev; we respond within 5 business days.";
    assert_eq!(
        codes(&assessment(PRACTICES, r, CHANNELS, "Go"), true),
        ["AV003"]
    );
}

#[test]
fn av004_link_target_missing() {
    let p = format!(
        "{PRACTICES}\n* See [the guide](https://github.com/widget-org/widget/blob/main/docs/guide.md)."
    );
    assert_eq!(
        codes(&assessment(&p, RESOLUTION, CHANNELS, "Go"), true),
        ["AV004"]
    );
}

#[test]
fn av005_channel_not_referenced() {
    let c = format!("{CHANNELS}\n* [List](https://groups.google.com/g/widget-old)");
    assert_eq!(
        codes(&assessment(PRACTICES, RESOLUTION, &c, "Go"), true),
        ["AV005"]
    );
}

#[test]
fn av006_language_not_found() {
    assert_eq!(
        codes(
            &assessment(PRACTICES, RESOLUTION, CHANNELS, "Go, C++"),
            true
        ),
        ["AV006"]
    );
}

#[test]
fn av007_practice_contradicted() {
    let p = format!("{PRACTICES}\n* Every commit carries a DCO sign-off.");
    assert_eq!(
        codes(&assessment(&p, RESOLUTION, CHANNELS, "Go"), false),
        ["AV007"]
    );
    // The same words hold over a signed-off history.
    assert_eq!(
        codes(&assessment(&p, RESOLUTION, CHANNELS, "Go"), true),
        Vec::<String>::new()
    );
}

#[test]
fn av008_response_time_not_found() {
    let r = "Write to security@widget.dev; we respond within 2 days.";
    assert_eq!(
        codes(&assessment(PRACTICES, r, CHANNELS, "Go"), true),
        ["AV008"]
    );
}

#[test]
fn av009_practice_omitted() {
    let p = "* Trivy scans every pull request.";
    assert_eq!(
        codes(&assessment(p, RESOLUTION, CHANNELS, "Go"), true),
        ["AV009"]
    );
}

#[test]
fn response_times_compare_in_one_spelling() {
    let r = "Write to security@widget.dev; we respond within 5 Business-Days.";
    assert_eq!(
        codes(&assessment(PRACTICES, r, CHANNELS, "Go"), true),
        Vec::<String>::new()
    );
}

#[test]
fn av010_badge_id_mismatch() {
    let p = format!(
        "{PRACTICES}\n* [![Best Practices](https://www.bestpractices.dev/projects/1111/badge)](https://www.bestpractices.dev/projects/1111)"
    );
    assert_eq!(
        graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
        ["AV010 error"]
    );
    // The badge's image and its link both move to the repository's project.
    assert!(
        fix_diff(&assessment(&p, RESOLUTION, CHANNELS, "Go")).contains(
            "+* [![Best Practices](https://www.bestpractices.dev/projects/4242/badge)](https://www.bestpractices.dev/projects/4242)"
        )
    );
    // A text that also links the repository's badge names another project with 1111.
    let both = format!("{p}\n* Today: https://www.bestpractices.dev/projects/4242");
    assert_eq!(
        graded(&assessment(&both, RESOLUTION, CHANNELS, "Go")),
        Vec::<String>::new()
    );
    let p = format!("{PRACTICES}\n* Badge: https://www.bestpractices.dev/projects/4242");
    assert_eq!(
        graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
        Vec::<String>::new()
    );
}

#[test]
fn av011_policy_not_found() {
    let r = format!("{RESOLUTION} Reports go through GitHub private vulnerability reporting.");
    assert_eq!(
        graded(&assessment(PRACTICES, &r, CHANNELS, "Go")),
        ["AV011 error"]
    );
}

#[test]
fn av012_community_not_mentioned() {
    let c = format!("{CHANNELS}\n* Slack channel `#widget-dev` for contributors.");
    assert_eq!(
        graded(&assessment(PRACTICES, RESOLUTION, &c, "Go")),
        ["AV012 warning"]
    );
    let c = format!("{CHANNELS}\n* A weekly community meeting on Mondays.");
    assert_eq!(
        graded(&assessment(PRACTICES, RESOLUTION, &c, "Go")),
        ["AV012 warning"]
    );
}

#[test]
fn av013_review_rule_not_found() {
    let p = format!("{PRACTICES}\n* Every change is approved by two maintainers.");
    assert_eq!(
        graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
        ["AV013 error"]
    );
    let p = format!("{PRACTICES}\n* Every change is approved by one maintainer.");
    assert_eq!(
        graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
        Vec::<String>::new()
    );
}

#[test]
fn av014_license_mismatch() {
    let p = format!("{PRACTICES}\n* Widget is licensed under the MIT License.");
    assert_eq!(
        graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
        ["AV014 error"]
    );
    // A dependency's licence is not the project's.
    let p = format!("{PRACTICES}\n* The base image is distributed under GPL v2.");
    assert_eq!(
        graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
        Vec::<String>::new()
    );
}

#[test]
fn severity_follows_confidence() {
    // A CI system whose file must be in the repository, replaced by another: an error.
    let p = format!("{PRACTICES}\n* Travis CI builds every pull request.");
    assert_eq!(
        graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
        ["AV001 error"]
    );
    assert!(
        fix_diff(&assessment(&p, RESOLUTION, CHANNELS, "Go"))
            .contains("+* GitHub Actions builds every pull request.")
    );
    // Named beside the tool in use: dropping it is left to a person.
    let p = format!("{PRACTICES}\n* Travis CI and GitHub Actions build every pull request.");
    assert_eq!(
        graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
        ["AV001 error"]
    );
    assert_eq!(fix_diff(&assessment(&p, RESOLUTION, CHANNELS, "Go")), "");
    // A hosted service: it may run outside the repository, a warning.
    let p = format!("{PRACTICES}\n* FOSSA checks licences of dependencies.");
    assert_eq!(
        graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
        ["AV001 warning"]
    );
    // Languages may live in another repository of the project.
    assert_eq!(
        graded(&assessment(PRACTICES, RESOLUTION, CHANNELS, "Go, Java")),
        ["AV006 warning"]
    );
    // No edit is proposed for a warning.
    assert_eq!(
        fix_diff(&assessment(PRACTICES, RESOLUTION, CHANNELS, "Go, Java")),
        ""
    );
}

#[test]
fn hedges_plans_examples_comments_and_link_lists_are_not_claims() {
    for extra in [
        "* We plan to adopt CodeQL next year.",
        "* Tools such as CodeQL could be added.",
        "* Users may run Snyk if enabled on their fork.",
        "<!-- * CodeQL analyses every change. -->",
        "* [CodeQL](https://codeql.github.com/docs/)",
        "* Contributors are encouraged to sign commits.",
        "* CI checks include a Developer Certificate of Origin (DCO) check to verify commits are signed-off.",
    ] {
        let p = format!("{PRACTICES}\n{extra}");
        assert_eq!(
            graded(&assessment(&p, RESOLUTION, CHANNELS, "Go")),
            Vec::<String>::new(),
            "{extra}"
        );
    }
}

#[test]
fn the_projects_own_name_is_not_a_tool() {
    // A project called Trivy, whose assessment names Trivy and CodeQL on one line.
    let doc = "# Tekton Self-assessment\n\n## Secure development practices\n\n* Tekton pipelines build and test Tekton itself.\n* Trivy scans every pull request. Go fuzz tests cover the parsers.\n";
    assert_eq!(graded(doc), Vec::<String>::new());
}

#[test]
fn a_claim_repeated_gets_one_diagnostic() {
    let c = format!(
        "{CHANNELS}\n* [List](https://groups.google.com/g/widget-old)\n* [List again](https://groups.google.com/g/widget-old)"
    );
    assert_eq!(
        graded(&assessment(PRACTICES, RESOLUTION, &c, "Go, C++, Java")),
        ["AV006 warning", "AV005 warning"]
    );
}

#[test]
fn rule_codes_are_unique_and_documented() {
    let mut seen = std::collections::HashSet::new();
    for r in assay_verify::VERIFY_RULES {
        assert!(seen.insert(r.code), "{} twice", r.code);
        for part in ["## What", "## Why", "## Example", "## Fix"] {
            assert!(r.doc.contains(part), "{} lacks {part}", r.code);
        }
    }
}
