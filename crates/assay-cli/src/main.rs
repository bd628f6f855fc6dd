//! The `assay` command.

mod rules;
mod text;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};

// Help wraps at a fixed width, not the terminal's, so it reads the same everywhere.
/// Evidence-backed security self-assessments for open-source repositories.
#[derive(Debug, Parser)]
#[command(name = "assay", version, about, long_about = None, term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report what a repository shows about its security practices, with evidence.
    Scan {
        /// Repository checkout (or bare repository) to scan.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Read the working directory instead of the HEAD commit.
        #[arg(long)]
        worktree: bool,
        /// History window, ending at the scanned commit's date: a duration (12m, 1y, 90d,
        /// 6w), a date (2024-01-31), or `all`.
        #[arg(long, default_value = "12m", value_parser = parse_since)]
        since: assay_scan::history::Since,
        /// Skip the history findings (sign-offs, signatures, review, contributors, releases).
        #[arg(long)]
        no_history: bool,
    },
    /// Explain what assay looks for: every catalog entry and detector, or one of them.
    Rules {
        /// A catalog id (e.g. `sast.codeql`) or detector name (e.g. `security-policy`).
        id: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

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
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = io::stderr().lock();
            let mut msg = format!("assay: error: {err}");
            for cause in err.chain().skip(1) {
                msg += "\n  caused by: ";
                msg += &cause.to_string();
            }
            writeln!(stderr, "{}", assay_model::strip_control_chars(&msg)).ok();
            ExitCode::from(2)
        }
    }
}

fn parse_since(s: &str) -> Result<assay_scan::history::Since, String> {
    assay_scan::history::parse_since(s)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    let stdout = io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Scan {
            path,
            format,
            worktree,
            since,
            no_history,
        } => {
            let display = path.to_string_lossy().into_owned();
            let opts = assay_scan::ScanOptions {
                worktree,
                since,
                no_history,
            };
            let report = assay_scan::scan(&path, &display, &opts)
                .with_context(|| format!("scanning {display}"))?;
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &report)?;
                    writeln!(out)?;
                }
                Format::Text => text::write_scan(&mut out, &report, color)?,
            }
        }
        Command::Rules { id } => {
            if !rules::write(&mut out, id.as_deref())? {
                out.flush()?;
                anyhow::bail!(
                    "no catalog entry or detector is called `{}`; run `assay rules` for the list",
                    id.unwrap_or_default()
                );
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
