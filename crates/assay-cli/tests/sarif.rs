//! Every SARIF log assay writes (scan, lint, verify) validates against the official SARIF
//! 2.1.0 JSON Schema, names the project's home, keeps repository-relative paths, and
//! carries an automation id of its own so code-scanning uploads do not replace each other.
//!
//! The schema is read from the steering folder's specs (`../shared/specs/sarif/`, beside
//! the workspace); where that folder is absent the validation is skipped with a note.

mod common;

use std::path::PathBuf;

use common::{assay, for_snapshot, json, sample_project, stderr};
use serde_json::Value;

const CLEAN: &str = include_str!("../../assay-lint/tests/fixtures/clean.md");

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs/sarif/sarif-2.1.0.json")
}

/// Say on stderr (shown with `--nocapture`) that the schema is not on this machine.
fn skipped(path: &std::path::Path) {
    use std::io::Write as _;
    writeln!(
        std::io::stderr(),
        "note: {} not found; SARIF schema validation skipped",
        path.display()
    )
    .ok();
}

/// Validate against the official schema; `false` when the schema is not on this machine.
fn validate(log: &Value) -> bool {
    let path = schema_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        skipped(&path);
        return false;
    };
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
    true
}

fn run(log: &Value) -> &Value {
    &log["runs"][0]
}

/// What every log shares: the home page, an automation id per command, relative URIs.
fn check_frame(log: &Value, automation_id: &str) {
    let run = run(log);
    assert_eq!(run["automationDetails"]["id"], automation_id);
    // The project's own home when one is set, never another project's page.
    if let Some(uri) = run["tool"]["driver"]["informationUri"].as_str() {
        assert!(
            uri.starts_with("https://") && !uri.contains("cncf/tag-security"),
            "{uri}"
        );
    }
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty(), "no results to check");
    for r in results {
        for l in r["locations"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(r["relatedLocations"].as_array().into_iter().flatten())
        {
            let uri = l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("every location names a file");
            assert!(
                !uri.starts_with('/') && !uri.contains(':') && !uri.starts_with("./"),
                "{uri} is not relative to the repository"
            );
        }
    }
}

#[test]
fn scan_sarif_validates_and_reports_gaps() {
    let f = sample_project();
    let out = assay(&["scan", ".", "--format", "sarif"], Some(f.path()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let log = json(&out);
    validate(&log);
    check_frame(&log, "assay/scan/");
    let run = run(&log);
    let results = run["results"].as_array().expect("results");
    // Present practices are not results; the missing ones are, with the declared advice.
    assert!(
        results
            .iter()
            .all(|r| r["properties"]["status"] != "present")
    );
    let secret = results
        .iter()
        .find(|r| r["ruleId"] == "secret-scan")
        .expect("no secret scanning in the sample");
    assert_eq!(secret["level"], "warning");
    assert!(
        secret["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("First step:"))
    );
    let root = &secret["locations"][0];
    assert_eq!(root["physicalLocation"]["artifactLocation"]["uri"], ".");
    assert!(
        root["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("repository as a whole"))
    );
    // Every result's rule is described, and the index points at it.
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex");
        let rule = &rules[usize::try_from(i).expect("small")];
        assert_eq!(rule["id"], r["ruleId"]);
        assert!(
            rule["help"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("assay rules"))
        );
    }
}

#[test]
fn scan_sarif_cites_lines_where_the_evidence_has_them() {
    let f = sample_project();
    // A policy without a reporting channel is partial and has a file to point at.
    f.write("SECURITY.md", "# Security\n\nWe care about security.\n")
        .commit_all("weaker policy");
    let log = json(&assay(&["scan", ".", "--format", "sarif"], Some(f.path())));
    validate(&log);
    let results = run(&log)["results"].as_array().expect("results");
    let policy = results
        .iter()
        .find(|r| r["ruleId"] == "policy.security-file")
        .expect("partial policy reported");
    assert_eq!(
        policy["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "SECURITY.md"
    );
}

#[test]
fn exempted_findings_are_suppressed_in_sarif() {
    let f = sample_project();
    f.write(
        ".assay.toml",
        "[[exemptions]]\nid = \"secret-scan\"\nreason = \"The forge scans pushes.\"\nexpires = 2999-12-31\n",
    )
    .commit_all("config");
    let log = json(&assay(&["scan", ".", "--format", "sarif"], Some(f.path())));
    validate(&log);
    let secret = run(&log)["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "secret-scan")
        .expect("still reported")
        .clone();
    assert_eq!(secret["suppressions"][0]["kind"], "external");
    assert_eq!(
        secret["suppressions"][0]["justification"],
        "The forge scans pushes. (exempt until 2999-12-31)"
    );
}

#[test]
fn lint_sarif_validates() {
    let f = sample_project();
    f.write("docs/d.md", CLEAN.replace("Passing badge.", "reference: x"));
    let out = assay(&["lint", "docs/d.md", "--format", "sarif"], Some(f.path()));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log = json(&out);
    validate(&log);
    check_frame(&log, "assay/lint/");
    assert_eq!(
        run(&log)["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "docs/d.md"
    );
    // An absolute path under the working directory is made relative to it.
    let abs = f.path().join("docs/d.md");
    let log = json(&assay(
        &["lint", &abs.to_string_lossy(), "--format", "sarif"],
        Some(f.path()),
    ));
    assert_eq!(
        run(&log)["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "docs/d.md"
    );
}

#[test]
fn verify_sarif_validates() {
    let f = sample_project();
    f.write(
        "assessment.md",
        CLEAN.replace("Passing badge.", "Passing badge. We fuzz with AFL."),
    );
    let out = assay(
        &[
            "verify",
            "assessment.md",
            "--repo",
            ".",
            "--format",
            "sarif",
        ],
        Some(f.path()),
    );
    let log = json(&out);
    validate(&log);
    check_frame(&log, "assay/verify/");
}

#[test]
fn the_schema_check_catches_a_broken_log() {
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]});
    let path = schema_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        skipped(&path);
        return;
    };
    let schema: Value = serde_json::from_str(&text).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("compiles");
    assert!(
        !validator.is_valid(&broken),
        "a run without a tool must fail"
    );
}

#[test]
fn scan_sarif_report() {
    let f = sample_project();
    let out = assay(&["scan", ".", "--format", "sarif"], Some(f.path()));
    insta::assert_json_snapshot!("scan_sarif", for_snapshot(json(&out)));
}

#[test]
fn hostile_paths_become_encoded_relative_uris() {
    let f = sample_project();
    f.write(
        ".github/workflows/we ird#1?.yml",
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
    )
    .commit_all("odd name");
    let out = assay(&["scan", ".", "--format", "sarif"], Some(f.path()));
    let log = json(&out);
    validate(&log);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\".github/workflows/we%20ird%231%3F.yml\""),
        "{text}"
    );
    assert!(
        !text.contains("we ird#1?.yml\""),
        "raw path leaked into a URI"
    );
}
