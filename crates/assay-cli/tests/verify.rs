//! `assay verify`: an assessment's claims against a fixture repository.

mod common;

use common::{Fixture, assay, for_snapshot, json, stderr, stdout};

fn repo() -> Fixture {
    let f = Fixture::new();
    f.init()
        .write(
            "SECURITY.md",
            "# Security\n\nReport to security@widget.dev. We respond within 5 business days.\n",
        )
        .write(
            ".github/workflows/ci.yml",
            "on: pull_request\njobs:\n  a:\n    steps:\n      - run: trivy fs .\n",
        )
        .write(".github/dependabot.yml", "version: 2\n")
        .write(
            "README.md",
            "# Widget\n\nChat: https://kubernetes.slack.com/messages/widget\n",
        )
        .write("main.go", "package main\n")
        .write(
            "fuzz/parse_fuzz_test.go",
            "package fuzz\n\nfunc FuzzParse(f *testing.F) {}\n",
        );
    f.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/widget-org/widget.git",
    ]);
    f.commit_all("init");
    f
}

const ASSESSMENT: &str = "\
# Widget Self-assessment

## Metadata

| | |
| -- | -- |
| Languages | Go, C++ |

## Secure development practices

### Development Pipeline

* CI runs on Travis CI for every pull request.
* Trivy scans every image.
* There is no fuzzing of the parsers.
* Every commit carries a DCO sign-off.

### Communication Channels

* Internal: [Slack](https://kubernetes.slack.com/messages/widget) and [old list](https://groups.google.com/g/widget-old).

## Security issue resolution

Email old-security@widget.dev; we respond within 3 business days.
See the [policy](https://github.com/widget-org/widget/blob/main/SECURITY.md)
and the [process](https://github.com/widget-org/widget/blob/main/docs/process.md).
";

#[test]
fn claims_get_verdicts_and_stale_ones_fail() {
    let r = repo();
    r.write("assessment.md", ASSESSMENT);
    let out = assay(&["verify", "assessment.md", "--repo", "."], Some(r.path()));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_snapshot!("verify_text", stdout(&out));
}

#[test]
fn json_summary_counts_each_verdict() {
    let r = repo();
    r.write("assessment.md", ASSESSMENT);
    let v = json(&assay(
        &["verify", "assessment.md", "--repo", ".", "--format", "json"],
        Some(r.path()),
    ));
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    for code in [
        "AV001", "AV002", "AV003", "AV004", "AV005", "AV006", "AV007", "AV008", "AV009",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert_eq!(v["summary"]["contradicted"], 2, "{}", v["summary"]);
    assert!(
        v["backed"]
            .as_array()
            .is_some_and(|b| b.iter().any(|c| c["kind"] == "link"))
    );
    let sarif = json(&assay(
        &[
            "verify",
            "assessment.md",
            "--repo",
            ".",
            "--format",
            "sarif",
        ],
        Some(r.path()),
    ));
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"][0]["id"],
        "AV001"
    );
}

#[test]
fn an_up_to_date_assessment_passes() {
    let r = repo();
    r.write(
        "ok.md",
        "# W\n\n## Secure development practices\n\nTrivy scans each pull request. Go fuzz tests cover the parser. Dependabot updates modules.\n\n## Security issue resolution\n\nEmail security@widget.dev; we respond within 5 business days.\n",
    );
    let out = assay(&["verify", "ok.md", "--repo", "."], Some(r.path()));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 not found, 0 contradicted"));
}

#[test]
fn links_with_case_changing_characters_do_not_break_slicing() {
    let r = repo();
    // 'İ' lower-cases to three bytes; byte offsets must not be mixed between the two forms.
    r.write(
        "odd.md",
        "# W\n\n[x](https://github.com/widget-org/widget/blob/main/İİİ/SECURITY.md)\n[y](https://github.com/widget-org/widgetİ/blob/main/a)\n",
    );
    let out = assay(&["verify", "odd.md", "--repo", "."], Some(r.path()));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // The path is cut from the link as written, not from its lower-cased form.
    assert!(
        stdout(&out).contains("error[AV004] link-target-missing: \"https://github.com/widget-org/widget/blob/main/İİİ/SECURITY.md\": İİİ/SECURITY.md is not in the repository"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn json_report() {
    let r = repo();
    r.write("assessment.md", ASSESSMENT);
    let out = assay(
        &["verify", "assessment.md", "--repo", ".", "--format", "json"],
        Some(r.path()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_json_snapshot!("verify_json", for_snapshot(json(&out)));
}

#[test]
fn sarif_report() {
    let r = repo();
    r.write("assessment.md", ASSESSMENT);
    let out = assay(
        &[
            "verify",
            "assessment.md",
            "--repo",
            ".",
            "--format",
            "sarif",
        ],
        Some(r.path()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    insta::assert_json_snapshot!("verify_sarif", for_snapshot(json(&out)));
}
