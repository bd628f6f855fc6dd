//! `.assay.toml` and `--fail-on` end to end: what a user sees in scan and draft, and how a
//! bad or hostile configuration ends (a message with line and column, exit code 2).

mod common;

use common::{Fixture, assay, finding, json, sample_project, stderr, stdout};

fn with_config(config: &str) -> Fixture {
    let f = sample_project();
    f.write(".assay.toml", config).commit_all("config");
    f
}

#[test]
fn selection_and_exemptions_shape_the_scan() {
    let f = with_config(
        "[rules]\nignore = [\"comms\", \"history\"]\n\n[[exemptions]]\nid = \"secret-scan\"\nreason = \"The forge scans every push.\"\n",
    );
    let out = assay(&["scan", ".", "--format", "json"], Some(f.path()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let findings = report["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .all(|f| f["category"] != "comms" && f["category"] != "history")
    );
    let secret = finding(&report, "secret-scan").expect("kept");
    assert_eq!(secret["status"], "absent", "the status is kept");
    assert_eq!(secret["exemption"]["reason"], "The forge scans every push.");
    let text = stdout(&assay(&["scan", "."], Some(f.path())));
    assert!(
        text.contains("exempted by the project: The forge scans every push."),
        "{text}"
    );
    assert!(text.contains("; 1 exempted"), "{text}");
}

#[test]
fn select_keeps_only_what_it_names() {
    let f = with_config("[rules]\nselect = [\"policy\", \"sast.codeql\", \"AL004\"]\n");
    let report = json(&assay(&["scan", ".", "--format", "json"], Some(f.path())));
    let mut ids: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["policy.security-file", "sast.codeql"]);
}

#[test]
fn an_expired_exemption_is_ignored_and_says_so() {
    let f = with_config(
        "[[exemptions]]\nid = \"secret-scan\"\nreason = \"Until the audit.\"\nexpires = 2020-01-31\n",
    );
    let out = assay(&["scan", ".", "--format", "json"], Some(f.path()));
    assert_eq!(out.status.code(), Some(0));
    assert!(finding(&json(&out), "secret-scan").is_some_and(|f| f.get("exemption").is_none()));
    assert!(
        stderr(&out).contains(
            "note: .assay.toml:2:6: the exemption for `secret-scan` expired on 2020-01-31; it is ignored"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_draft_uses_the_projects_name_url_and_exemptions() {
    let f = with_config(
        "[project]\nname = \"Gizmo\"\nurl = \"https://example.org/gizmo\"\n\n[[exemptions]]\nid = \"secret-scan\"\nreason = \"The forge scans every push.\"\n",
    );
    let out = assay(&["draft", "."], Some(f.path()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let draft = stdout(&out);
    assert!(draft.starts_with("# Gizmo Self-assessment"), "{draft}");
    assert!(draft.contains("| Software | <https://example.org/gizmo> |"));
    assert!(draft.contains("Exempted by the project: The forge scans every push."));
    assert!(
        draft.contains("; exempted by the project: The forge scans every push."),
        "the pipeline's not-found list says so too"
    );
}

#[test]
fn config_given_on_the_command_line_wins() {
    let f = with_config("[rules]\nignore = [\"policy\"]\n");
    f.write("other.toml", "[rules]\nselect = [\"policy\"]\n");
    let report = json(&assay(
        &["scan", ".", "--format", "json", "--config", "other.toml"],
        Some(f.path()),
    ));
    assert!(finding(&report, "policy.security-file").is_some());
    assert!(finding(&report, "sast.codeql").is_none());
}

/// The message a bad configuration ends with, after checking the exit code is 2.
fn refused(config: &str) -> String {
    let f = with_config(config);
    let out = assay(&["scan", "."], Some(f.path()));
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stdout(&out).is_empty(), "nothing on stdout");
    stderr(&out)
}

#[test]
fn bad_configurations_exit_2_with_line_and_column() {
    let e = refused("[project]\nname = \"x\"\n\n[rule]\nselect = []\n");
    assert!(e.contains(".assay.toml:4:2: unknown field `rule`"), "{e}");
    let e = refused("[rules]\nselect = [\"sast\", \"sats.codeql\"]\n");
    assert!(
        e.contains(".assay.toml:2:19: `sats.codeql` is no finding id"),
        "{e}"
    );
    let e = refused("[[exemptions]]\nid = \"fuzzing\"\nexpires = 2027-01-01\n");
    assert!(e.contains(".assay.toml:1:1: missing field `reason`"), "{e}");
    let e = refused("[[exemptions]]\nid = \"fuzzing\"\nreason = \"r\"\nexpires = 2027-02-30\n");
    assert!(e.contains(".assay.toml:4:"), "{e}");
    let e = refused("[project]\nurl = \"file:///etc/passwd\"\n");
    assert!(e.contains(".assay.toml:2:7: the project URL"), "{e}");
}

#[test]
fn hostile_configurations_are_bounded() {
    // Too large: refused before parsing.
    let e = refused(&format!("# {}\n", "x".repeat(300 * 1024)));
    assert!(e.contains("larger than"), "{e}");
    // Control characters in a value never reach the terminal.
    let e = refused("[project]\nname = \"\\u001b]0;owned\\u0007\"\n");
    assert!(
        !e.contains('\u{1b}') && e.contains("control characters"),
        "{e}"
    );
    // A binary file is not read as a configuration.
    let f = sample_project();
    f.write(".assay.toml", b"[project]\nname = \"\0\"\n")
        .commit_all("binary config");
    let out = assay(&["scan", "."], Some(f.path()));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not be read"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_config_is_not_followed() {
    let f = sample_project();
    std::os::unix::fs::symlink("/etc/hostname", f.path().join(".assay.toml")).expect("symlink");
    f.commit_all("link");
    let out = assay(&["scan", "."], Some(f.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fail_on_exits_1_when_it_matches() {
    let f = sample_project();
    // The sample has no secret scanning: absent matches; its CodeQL is present.
    let out = assay(&["scan", ".", "--fail-on", "absent"], Some(f.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("secret-scan (absent)"),
        "{}",
        stderr(&out)
    );
    let out = assay(&["scan", ".", "--fail-on", "sast.codeql"], Some(f.path()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A tool the scan did not find at all matches too.
    let out = assay(
        &["scan", ".", "--fail-on", "sast.semgrep,fuzzing"],
        Some(f.path()),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("sast.semgrep: not found"),
        "{}",
        stderr(&out)
    );
    // Exempted findings never fail the build.
    f.write(
        ".assay.toml",
        "[[exemptions]]\nid = \"secret-scan\"\nreason = \"Forge scanning.\"\n",
    )
    .commit_all("exempt");
    let out = assay(&["scan", ".", "--fail-on", "secret-scan"], Some(f.path()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = assay(&["scan", ".", "--fail-on", "nonsense"], Some(f.path()));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn lint_follows_the_rules_table_unless_flags_are_given() {
    let f = Fixture::new();
    f.init();
    f.write("SECURITY.md", "x\n").write(
        "d.md",
        include_str!("../../assay-lint/tests/fixtures/clean.md")
            .replace("Passing badge.", "todo: badge"),
    );
    let lint = |args: &[&str]| {
        json(&assay(
            &[&["lint", "d.md", "--format", "json"], args].concat(),
            Some(f.path()),
        ))
    };
    assert_eq!(
        lint(&[])["summary"]["errors"],
        1,
        "AL004 fires without a configuration"
    );
    f.write(
        ".assay.toml",
        "[rules]\nignore = [\"draft-leftover\", \"secret-scan\"]\n",
    );
    assert_eq!(
        lint(&[])["summary"]["errors"],
        0,
        "the configuration ignores AL004"
    );
    assert_eq!(
        lint(&["--select", "AL004"])["summary"]["errors"],
        1,
        "flags win"
    );
    f.write(".assay.toml", "[rules]\nignore = [\"AL999\"]\n");
    let out = assay(&["lint", "d.md"], Some(f.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(".assay.toml:2:11: `AL999`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_exemption_reason_is_escaped_in_the_draft() {
    let f = with_config(
        "[[exemptions]]\nid = \"secret-scan\"\nreason = \"<script>alert(1)</script> | **b**\"\n",
    );
    for format in ["markdown", "html"] {
        let out = assay(&["draft", ".", "--format", format], Some(f.path()));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("xempted by the project"), "{format}");
        assert!(
            !text.contains("<script>alert"),
            "{format} lets markup through"
        );
    }
}
