//! The `assay` command: the top-level parser, exit codes, and how a failure is reported.
//! Each subcommand lives in its own module under `cmd`.

mod cmd;
mod color;
mod config;
mod rules;
mod sarif;
mod support;
mod text;

use std::io::{self, IsTerminal as _, Write as _};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use cmd::Outcome;
use color::ColorWhen;

// Help wraps at a fixed width, not the terminal's, so it reads the same everywhere.
/// Evidence-backed security self-assessments for open-source repositories.
#[derive(Debug, Parser)]
#[command(name = "assay", version, long_about = None, term_width = 100)]
struct Cli {
    /// Colour text output: `auto` (on a terminal, unless `NO_COLOR` is set; `FORCE_COLOR`
    /// forces it), `always` or `never`. JSON and SARIF are never coloured.
    // Set apart from each subcommand's own options.
    #[arg(
        long,
        value_enum,
        global = true,
        default_value_t,
        value_name = "WHEN",
        help_heading = "Global options"
    )]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report what a repository shows about its security practices, with evidence.
    Scan(cmd::scan::Args),
    /// Write a self-assessment draft in the TAG-Security outline, every statement cited.
    Draft(cmd::draft::Args),
    /// Check self-assessment documents against the TAG-Security outline.
    Lint(cmd::lint::Args),
    /// Check which claims in an assessment the repository still backs.
    Verify(cmd::verify::Args),
    /// Evaluate the OSPS Baseline's requirements against the repository.
    Baseline(cmd::baseline::Args),
    /// Write a Security Insights v2.2.0 file (SECURITY-INSIGHTS.yml) from the repository.
    Insights(cmd::insights::Args),
    /// Seed a threat model from the code: entry points, boundaries, assets, a diagram
    ThreatModel(cmd::threat_model::Args),
    /// Explain what assay looks for: every catalog entry and detector, or one of them.
    Rules(cmd::rules::Args),
}

/// Exit codes: 0 fine, 1 a lint or verify error was found (or scan's `--fail-on` matched),
/// 2 assay itself failed.
fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Help and version go to stdout; usage errors to stderr with exit 2.
            e.print().ok();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(Outcome::Fine) => ExitCode::SUCCESS,
        Ok(Outcome::ErrorsFound) => ExitCode::from(1),
        // `assay scan | head` closing the pipe early is not a failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let mut msg = format!("assay: error: {err}");
            for cause in err.chain().skip(1) {
                msg += "\n  caused by: ";
                msg += &cause.to_string();
            }
            writeln!(
                io::stderr().lock(),
                "{}",
                assay_model::strip_control_chars(&msg)
            )
            .ok();
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<Outcome> {
    let color = color::enabled(
        cli.color,
        |name| std::env::var_os(name),
        io::stdout().is_terminal(),
    );
    match cli.command {
        Command::Scan(args) => cmd::scan::run(&args, color),
        Command::Draft(args) => cmd::draft::run(args),
        Command::Lint(args) => cmd::lint::run(args, color),
        Command::Verify(args) => cmd::verify::run(&args, color),
        Command::Baseline(args) => cmd::baseline::run(&args, color),
        Command::Insights(args) => cmd::insights::run(args),
        Command::ThreatModel(args) => cmd::threat_model::run(&args),
        Command::Rules(args) => cmd::rules::run(&args),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}
