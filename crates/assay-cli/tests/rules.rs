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
