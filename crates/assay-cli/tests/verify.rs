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

/// The organisation's `.github` repository: a shared policy and a Slack link.
fn org_repo() -> Fixture {
    let f = Fixture::new();
    f.init()
        .write(
            "SECURITY.md",
            "# Security\n\nReport vulnerabilities through GitHub private vulnerability reporting: https://github.com/widget-org/widget/security/advisories/new\n",
        )
        .write(
            "README.md",
            "# widget-org\n\nJoin https://groups.google.com/g/widget-old and the weekly community meeting.\n",
        );
    f.commit_all("init");
    f
}

const MULTI: &str = "\
# Widget Self-assessment

## Metadata

| | |
| -- | -- |
| Languages | Go |

## Secure development practices

* Trivy scans every image.

### Communication Channels

* [Old list](https://groups.google.com/g/widget-old)
* A weekly community meeting.

## Security issue resolution

Our security policy asks reporters to use GitHub private vulnerability reporting.
";

#[test]
fn a_claim_is_backed_when_any_repository_backs_it_and_the_output_says_which() {
    let main = Fixture::new();
    main.init()
        .write(
            ".github/workflows/ci.yml",
            "on: pull_request\njobs:\n  a:\n    steps:\n      - run: trivy fs .\n",
        )
        .write("main.go", "package main\n")
        .write("assessment.md", MULTI);
    main.commit_all("init");
    let org = org_repo();
    // The main repository alone cannot show the policy, the list or the meeting.
    let alone = assay(
        &["verify", "assessment.md", "--repo", "."],
        Some(main.path()),
    );
    assert_eq!(
        alone.status.code(),
        Some(0),
        "warnings only: {}",
        stdout(&alone)
    );
    let text = stdout(&alone);
    for code in ["warning[AV005]", "warning[AV011]", "warning[AV012]"] {
        assert!(text.contains(code), "{code} missing: {text}");
    }
    let org_path = org.path().to_string_lossy().into_owned();
    let both = assay(
        &[
            "verify",
            "assessment.md",
            "--repo",
            ".",
            "--repo",
            &org_path,
            "--format",
            "json",
        ],
        Some(main.path()),
    );
    assert_eq!(both.status.code(), Some(0), "{}", stderr(&both));
    let v = json(&both);
    assert_eq!(
        v["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "{}",
        v["diagnostics"]
    );
    let backers: Vec<&str> = v["backed"]
        .as_array()
        .expect("backed")
        .iter()
        .filter_map(|c| c["repository"].as_str())
        .collect();
    assert!(backers.iter().any(|r| r.contains(&org_path)), "{backers:?}");
    assert!(
        backers.iter().any(|r| !r.contains(&org_path)),
        "{backers:?}"
    );
    assert_eq!(v["repositories"].as_array().map(Vec::len), Some(2));
    let text = stdout(&assay(
        &[
            "verify",
            "assessment.md",
            "--repo",
            ".",
            "--repo",
            &org_path,
        ],
        Some(main.path()),
    ));
    assert!(text.contains("backed by "), "{text}");
}

#[test]
fn fix_suggestions_are_a_diff_that_git_apply_and_patch_accept() {
    let r = repo();
    r.write("assessment.md", ASSESSMENT);
    let out = assay(
        &[
            "verify",
            "assessment.md",
            "--repo",
            ".",
            "--fix-suggestions",
        ],
        Some(r.path()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let diff = stdout(&out);
    insta::assert_snapshot!("verify_fix_suggestions", diff);
    r.write("fix.diff", &diff);
    let check = r.git(&["apply", "--check", "fix.diff"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let patched = std::process::Command::new("patch")
        .args(["-p1", "--dry-run", "-i", "fix.diff"])
        .current_dir(r.path())
        .output()
        .expect("patch");
    assert!(
        patched.status.success(),
        "{}",
        String::from_utf8_lossy(&patched.stdout)
    );
    let applied = r.git(&["apply", "fix.diff"]);
    assert!(applied.status.success());
    let fixed = std::fs::read_to_string(r.path().join("assessment.md")).expect("read");
    assert!(fixed.contains("security@widget.dev"), "{fixed}");
    assert!(!fixed.contains("old-security@widget.dev"), "{fixed}");
    assert!(fixed.contains("within 5 business days"), "{fixed}");
}

#[test]
fn a_second_repository_that_does_not_exist_is_a_clear_error() {
    let r = repo();
    r.write("assessment.md", ASSESSMENT);
    let out = assay(
        &[
            "verify",
            "assessment.md",
            "--repo",
            ".",
            "--repo",
            "no/such/dir",
        ],
        Some(r.path()),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("no/such/dir"), "{}", stderr(&out));
}

#[test]
fn replacements_from_a_hostile_repository_never_carry_control_characters() {
    let r = repo();
    // A policy whose only address would be the replacement, with a terminal escape in it.
    r.write(
        "SECURITY.md",
        "# Security\n\nReport to security@widget.dev\u{1b}[2J now. We respond within 5 business days.\n",
    );
    r.commit_all("escape");
    r.write("assessment.md", ASSESSMENT);
    for args in [
        vec!["verify", "assessment.md", "--repo", "."],
        vec![
            "verify",
            "assessment.md",
            "--repo",
            ".",
            "--fix-suggestions",
        ],
    ] {
        let out = assay(&args, Some(r.path()));
        assert!(!stdout(&out).contains('\u{1b}'), "{}", stdout(&out));
    }
}

#[test]
fn a_policy_that_names_no_channel_cannot_contradict_private_reporting() {
    let f = Fixture::new();
    f.init()
        .write(
            "SECURITY.md",
            "# Security\n\nWe care about security and fix issues quickly.\n",
        )
        .write("main.go", "package main\n")
        .write(
            "a.md",
            "# W\n\n## Security issue resolution\n\nReports go through GitHub private vulnerability reporting.\n",
        );
    f.commit_all("init");
    let out = assay(&["verify", "a.md", "--repo", "."], Some(f.path()));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("warning[AV011]"), "{}", stdout(&out));
    // A policy that gives an address and no forge reporting does contradict it.
    f.write(
        "SECURITY.md",
        "# Security\n\nReport vulnerabilities to security@widget.dev.\n",
    );
    f.commit_all("address");
    let out = assay(&["verify", "a.md", "--repo", "."], Some(f.path()));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("error[AV011]"), "{}", stdout(&out));
}
