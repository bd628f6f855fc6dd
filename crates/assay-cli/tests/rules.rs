//! `assay rules`: the catalog and detectors explained from the data they run on.

mod common;

use common::{assay, stderr, stdout};

#[test]
fn rules_list_names_every_detector_and_entry() {
    let out = assay(&["rules"], None);
    assert!(out.status.success());
    let text = stdout(&out);
    for name in [
        "security-policy",
        "workflows",
        "sast.codeql",
        "comms.slack",
        "fuzzing.go-native",
    ] {
        assert!(text.contains(name), "{name} missing from the list");
    }
}

#[test]
fn one_catalog_entry_explained() {
    let out = assay(&["rules", "sast.codeql"], None);
    assert!(out.status.success());
    insta::assert_snapshot!("rules_codeql", stdout(&out));
}

#[test]
fn one_detector_explained() {
    let out = assay(&["rules", "security-policy"], None);
    assert!(out.status.success());
    insta::assert_snapshot!("rules_security_policy", stdout(&out));
}

#[test]
fn unknown_rule_exits_2() {
    let out = assay(&["rules", "nope.nothing"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no catalog entry or detector"));
}

#[test]
fn every_id_a_scan_prints_is_explained_by_rules() {
    // The sample project with history: catalog entries, coded detectors, history figures
    // and whole-practice absences all appear.
    let fixture = common::sample_project();
    let report = common::json(&assay(
        &[
            "scan",
            &fixture.path().to_string_lossy(),
            "--format",
            "json",
        ],
        None,
    ));
    let ids: Vec<String> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str().map(str::to_owned))
        .collect();
    assert!(
        ids.iter().any(|i| i == "commits.dco"),
        "history ran: {ids:?}"
    );
    assert!(
        ids.iter().any(|i| i == "secret-scan"),
        "an absence: {ids:?}"
    );
    for id in &ids {
        let out = assay(&["rules", id], None);
        assert!(
            out.status.success(),
            "`assay rules {id}` failed: {}",
            stderr(&out)
        );
        assert!(
            stdout(&out).contains(id.as_str()),
            "`assay rules {id}` does not name it"
        );
    }
}

#[test]
fn a_history_finding_is_explained() {
    let out = assay(&["rules", "commits.signed"], None);
    assert!(out.status.success());
    insta::assert_snapshot!("rules_commits_signed", stdout(&out));
}
