//! `assay scan`: what a repository shows about its security practices, with evidence.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::ValueEnum;

use super::Outcome;
use crate::support::{self, Content};

#[derive(Debug, clap::Args)]
pub struct Args {
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
    #[arg(long, default_value = "12m", value_parser = support::parse_since)]
    since: assay_scan::history::Since,
    /// Skip the history findings (sign-offs, signatures, review, contributors, releases).
    #[arg(long)]
    no_history: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: &Args, color: bool) -> Result<Outcome> {
    let display = args.path.to_string_lossy().into_owned();
    let opts = assay_scan::ScanOptions {
        worktree: args.worktree,
        since: args.since,
        no_history: args.no_history,
    };
    let report = assay_scan::scan(&args.path, &display, &opts)
        .with_context(|| format!("scanning {display}"))?;
    let mut out = support::stdout(match args.format {
        Format::Text => Content::Text { color },
        Format::Json => Content::Document,
    });
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Text => crate::text::write_scan(&mut out, &report)?,
    }
    out.flush()?;
    Ok(Outcome::Fine)
}
