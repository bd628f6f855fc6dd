//! `assay baseline` end to end on fixture repositories built here.

mod common;

use common::{Fixture, assay, sample_project, stderr, stdout};
use serde_json::Value;

fn baseline_json(f: &Fixture, extra: &[&str]) -> Value {
    let dir = f.path().to_str().expect("utf-8 temp path");
    let mut args = vec!["baseline", dir, "--format", "json"];
    args.extend_from_slice(extra);
    let out = assay(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn status<'a>(report: &'a Value, id: &str) -> &'a str {
    report["requirements"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["id"] == id))
        .and_then(|r| r["status"].as_str())
        .unwrap_or("missing")
}

#[test]
fn every_requirement_gets_a_status_and_forge_only_ones_are_never_met_from_a_checkout() {
    let f = sample_project();
    let r = baseline_json(&f, &[]);
    let reqs = r["requirements"].as_array().expect("list");
    assert_eq!(
        reqs.len(),
        65,
        "every assessment requirement of v2026.02.19"
    );
    for id in [
        "OSPS-AC-01.01",
        "OSPS-AC-03.01",
        "OSPS-QA-03.01",
        "OSPS-QA-07.01",
    ] {
        assert_eq!(status(&r, id), "needs-forge-data", "{id}");
    }
    assert_eq!(status(&r, "OSPS-BR-01.02"), "not-applicable");
    // From the fixture's files, cited.
    assert_eq!(status(&r, "OSPS-GV-03.01"), "met");
    assert_eq!(status(&r, "OSPS-LE-02.01"), "met");
    assert_eq!(
        status(&r, "OSPS-BR-01.03"),
        "not-met",
        "codeql.yml checks out the PR head"
    );
    assert_eq!(status(&r, "OSPS-SA-03.02"), "not-met");
    for req in reqs {
        let st = req["status"].as_str().unwrap_or_default();
        let cited = req["evidence"].as_array().is_some_and(|e| !e.is_empty());
        let looked = req["looked_for"].as_str().is_some_and(|s| s.len() > 10);
        assert!(looked, "{req}");
        if st == "not-met" && req["id"] != "OSPS-BR-01.03" {
            assert!(
                !req["note"].as_str().unwrap_or_default().is_empty(),
                "{req}"
            );
        }
        if st == "met" && req["id"] != "OSPS-QA-05.01" && req["id"] != "OSPS-QA-05.02" {
            assert!(cited, "met without evidence: {req}");
        }
    }
    let levels = r["levels"].as_array().expect("levels");
    assert_eq!(levels.len(), 3);
    assert!(
        levels[0]["summary"]
            .as_str()
            .is_some_and(|s| s.contains("forge settings"))
    );
}

#[test]
fn forge_data_decides_what_the_checkout_cannot() {
    let f = sample_project();
    let data = tempfile::tempdir().expect("tempdir");
    let file = data.path().join("forge.json");
    std::fs::write(
        &file,
        r#"{"mfa_required": true, "primary_branch": {"blocks_direct_push": false, "required_approvals": 2}}"#,
    )
    .expect("write");
    let r = baseline_json(&f, &["--forge-data", file.to_str().expect("utf-8")]);
    assert_eq!(status(&r, "OSPS-AC-01.01"), "met");
    assert_eq!(status(&r, "OSPS-AC-03.01"), "not-met");
    assert_eq!(status(&r, "OSPS-QA-07.01"), "met");
    assert_eq!(
        status(&r, "OSPS-AC-02.01"),
        "needs-forge-data",
        "not in the file"
    );
    let ev = r["requirements"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == "OSPS-AC-01.01"))
        .map(|x| x["evidence"].to_string())
        .unwrap_or_default();
    assert!(ev.contains("forge.json: mfa_required = true"), "{ev}");
}

#[test]
fn bad_forge_data_is_a_clear_failure() {
    let f = sample_project();
    let data = tempfile::tempdir().expect("tempdir");
    for (name, text) in [
        ("a.json", "{\"mfa\": true}"),
        ("b.json", "[1,"),
        ("c.json", "\u{0}\u{1b}"),
    ] {
        let file = data.path().join(name);
        std::fs::write(&file, text).expect("write");
        let out = assay(
            &[
                "baseline",
                f.path().to_str().expect("utf-8"),
                "--forge-data",
                file.to_str().expect("utf-8"),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(
            stderr(&out).contains("forge data"),
            "{name}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains('\u{1b}'));
    }
}

#[test]
fn binaries_count_only_in_the_projects_own_files() {
    let f = sample_project();
    f.write("vendor/lib/tool.exe", [0u8, 1, 2])
        .write("testdata/archive.zip", [0u8, 1, 2])
        .commit_all("third-party binaries");
    let r = baseline_json(&f, &[]);
    assert_eq!(status(&r, "OSPS-QA-05.01"), "met");
    assert_eq!(status(&r, "OSPS-QA-05.02"), "met");
    f.write("bin/tool.exe", [0u8, 1, 2])
        .commit_all("own binary");
    let r = baseline_json(&f, &[]);
    assert_eq!(status(&r, "OSPS-QA-05.01"), "not-met");
}

#[test]
fn text_report_for_the_sample_project() {
    let f = sample_project();
    let out = assay(&["baseline", "."], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or_default().to_owned();
    // The commit id is fixed; the root is the fixture's "." as given.
    assert!(
        first.starts_with("OSPS Baseline v2026.02.19 for ."),
        "{first}"
    );
    insta::assert_snapshot!("sample_project_baseline", text);
}

#[test]
fn baseline_help() {
    let out = assay(&["baseline", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("baseline_help", stdout(&out));
}
