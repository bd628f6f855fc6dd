//! `assay baseline`: the OSPS Baseline's requirements with a status from the repository.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use assay_standards::baseline::{self, ForgeData};
use clap::ValueEnum;

use super::Outcome;
use crate::support::{self, Content};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Repository checkout (or bare repository) to evaluate.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// JSON facts exported from the forge (branch rules, MFA, permissions; the shape is in
    /// the README) that decide what a checkout cannot show.
    #[arg(long, value_name = "FILE")]
    forge_data: Option<PathBuf>,
    /// Read the working directory instead of the HEAD commit.
    #[arg(long)]
    worktree: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: &Args, color: bool) -> Result<Outcome> {
    let forge = match &args.forge_data {
        Some(f) => Some(
            ForgeData::from_json(&support::read_bounded(f)?)
                .with_context(|| format!("reading {}", f.display()))?,
        ),
        None => None,
    };
    let forge_source = args
        .forge_data
        .as_ref()
        .and_then(|f| f.file_name())
        .map_or_else(
            || "forge data".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
    let display = args.path.to_string_lossy().into_owned();
    let snapshot = assay_scan::Snapshot::open(&args.path, args.worktree)
        .with_context(|| format!("opening {display}"))?;
    let catalog = assay_scan::Catalog::builtin()?;
    let opts = assay_scan::ScanOptions {
        worktree: args.worktree,
        ..assay_scan::ScanOptions::default()
    };
    let report = assay_scan::scan_snapshot(&snapshot, &catalog, &display, &opts);
    let files = assay_standards::baseline_files(&snapshot);
    let inputs = baseline::Inputs {
        report: &report,
        files: Some(&files),
        forge: forge.as_ref(),
        forge_source: &forge_source,
    };
    let result = baseline::evaluate(&inputs);
    let mut out = support::stdout(match args.format {
        Format::Text => Content::Text { color },
        Format::Json => Content::Document,
    });
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &result)?;
            writeln!(out)?;
        }
        Format::Text => write!(out, "{}", baseline::text::render(&result))?,
    }
    out.flush()?;
    Ok(Outcome::Fine)
}
