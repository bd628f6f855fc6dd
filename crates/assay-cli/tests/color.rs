//! When output is coloured: `--color`, `NO_COLOR`, `FORCE_COLOR`, a terminal; and never in
//! JSON or SARIF.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{Fixture, sample_project, stderr, stdout};

const CLEAN: &str = include_str!("../../assay-lint/tests/fixtures/clean.md");
const ESC: u8 = 0x1b;

/// A document with one error, so the text report has something to colour.
fn document() -> Fixture {
    let f = Fixture::new();
    f.write("SECURITY.md", "x\n").write(
        "d.md",
        CLEAN.replace("Passing badge.", "todo: check the badge"),
    );
    f
}

/// Run assay with only the colour variables given here (the test runner's own are removed).
fn assay_env(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_assay"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("assay runs")
}

/// Whether `assay lint d.md` colours its report under these flags and variables (stdout is
/// a pipe here).
fn lint_colored(flags: &[&str], env: &[(&str, &str)]) -> bool {
    let f = document();
    let mut args = vec!["lint", "d.md", "--repo", "."];
    args.extend_from_slice(flags);
    let out = assay_env(&args, f.path(), env);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("AL004"), "{}", stdout(&out));
    out.stdout.contains(&ESC)
}

#[test]
fn a_pipe_gets_no_colour_by_default() {
    assert!(!lint_colored(&[], &[]));
    assert!(!lint_colored(&["--color", "auto"], &[]));
}

#[test]
fn color_always_wins_over_no_color_and_a_pipe() {
    assert!(lint_colored(&["--color", "always"], &[("NO_COLOR", "1")]));
    // The flag is global: it may come before the subcommand too.
    let f = document();
    let out = assay_env(
        &["--color", "always", "lint", "d.md", "--repo", "."],
        f.path(),
        &[],
    );
    let text = stdout(&out);
    assert!(
        text.contains("\x1b[31;1merror\x1b[0m[AL004]"),
        "severity not coloured:\n{text}"
    );
}

#[test]
fn color_never_wins_over_force_color() {
    assert!(!lint_colored(
        &["--color", "never"],
        &[("FORCE_COLOR", "1")]
    ));
}

#[test]
fn no_color_wins_over_force_color_in_auto() {
    assert!(!lint_colored(
        &[],
        &[("NO_COLOR", "1"), ("FORCE_COLOR", "1")]
    ));
}

#[test]
fn an_empty_no_color_is_unset() {
    assert!(lint_colored(&[], &[("NO_COLOR", ""), ("FORCE_COLOR", "1")]));
}

#[test]
fn force_color_colours_a_pipe_unless_empty_or_zero() {
    assert!(lint_colored(&[], &[("FORCE_COLOR", "1")]));
    assert!(lint_colored(&[], &[("FORCE_COLOR", "true")]));
    assert!(!lint_colored(&[], &[("FORCE_COLOR", "0")]));
    assert!(!lint_colored(&[], &[("FORCE_COLOR", "")]));
}

#[test]
fn unknown_color_value_is_a_usage_error() {
    let f = document();
    let out = assay_env(&["lint", "d.md", "--color", "sometimes"], f.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sometimes"), "{}", stderr(&out));
}

#[test]
fn a_terminal_gets_colour_in_auto() {
    // `script` gives assay a pseudo-terminal for stdout. Where util-linux lacks it the
    // rule is still covered by the unit tests in src/color.rs.
    let Some(script) = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| Path::new(p).exists())
    else {
        return;
    };
    let f = document();
    let bin = env!("CARGO_BIN_EXE_assay");
    let run = |env: &[(&str, &str)]| {
        let mut cmd = Command::new(script);
        cmd.args(["-q", "-e", "-c"])
            .arg(format!("'{bin}' lint d.md --repo ."))
            .arg("/dev/null")
            .current_dir(f.path())
            .env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("script runs");
        assert!(stdout(&out).contains("AL004"), "{}", stdout(&out));
        out.stdout.contains(&ESC)
    };
    assert!(run(&[]), "no colour on a terminal");
    assert!(!run(&[("NO_COLOR", "1")]), "colour despite NO_COLOR");
}

#[test]
fn scan_and_verify_text_follow_the_flag() {
    let f = sample_project();
    let dir = f.path();
    let scan = assay_env(&["scan", ".", "--color", "always"], dir, &[]);
    assert!(scan.status.success(), "{}", stderr(&scan));
    let text = stdout(&scan);
    assert!(text.contains("\x1b[32mpresent\x1b[0m"), "{text}");
    let plain = assay_env(&["scan", ".", "--color", "never"], dir, &[]);
    assert!(!plain.stdout.contains(&ESC));
    assert!(stdout(&plain).contains("  present  "));

    f.write(
        "a.md",
        "# A\n\n## Metadata\n\n| | |\n| -- | -- |\n| Languages | Rust |\n",
    );
    let verify = assay_env(
        &["verify", "a.md", "--repo", ".", "--color", "always"],
        dir,
        &[],
    );
    // A language not found is a warning (it may live in another repository): exit 0.
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
    assert!(verify.stdout.contains(&ESC), "{}", stdout(&verify));
}

#[test]
fn machine_formats_are_never_coloured() {
    let f = sample_project();
    f.write(
        "d.md",
        CLEAN.replace("Passing badge.", "todo: check the badge"),
    );
    let force = [("FORCE_COLOR", "1")];
    let runs: [&[&str]; 5] = [
        &["scan", ".", "--format", "json"],
        &["lint", "d.md", "--format", "json"],
        &["lint", "d.md", "--format", "sarif"],
        &["verify", "d.md", "--repo", ".", "--format", "json"],
        &["verify", "d.md", "--repo", ".", "--format", "sarif"],
    ];
    for args in runs {
        let mut args = args.to_vec();
        args.extend(["--color", "always"]);
        let out = assay_env(&args, f.path(), &force);
        assert!(!out.stdout.is_empty(), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.contains(&ESC), "{args:?} wrote an escape code");
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?} is not JSON: {e}"));
    }
}

#[test]
fn json_is_written_byte_for_byte_when_colour_is_off() {
    // JSON leaves DEL unescaped; a stream that strips escape codes would drop it and the
    // report would name a file that does not exist.
    let f = Fixture::new();
    let name = "d\u{7f}.md";
    f.write(
        name,
        CLEAN.replace("Passing badge.", "todo: check the badge"),
    );
    let out = assay_env(&["lint", name, "--format", "json"], f.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["diagnostics"][0]["path"], name);
}
