//! `assay threat-model`: a cited threat-model seed (entry points, trust boundaries,
//! assets, a data-flow diagram and questions) from one scan of the snapshot.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::ValueEnum;

use super::Outcome;
use crate::support::{self, Content};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Repository checkout (or bare repository) to model.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format: Markdown with a Mermaid diagram, or JSON in the shape of the
    /// threat-model report schema (needs a git repository: it records the commit).
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// Write the seed to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Read the working directory instead of the HEAD commit.
    #[arg(long)]
    worktree: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Markdown,
    Json,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let display = args.path.to_string_lossy().into_owned();
    let snapshot = assay_scan::Snapshot::open(&args.path, args.worktree)
        .with_context(|| format!("scanning {display}"))?;
    let catalog = assay_scan::Catalog::builtin().context("loading the built-in catalog")?;
    // The seed needs the files, not the history: skip it (that is most of a scan's time).
    let opts = assay_scan::ScanOptions {
        worktree: args.worktree,
        no_history: true,
        ..assay_scan::ScanOptions::default()
    };
    let report = assay_scan::scan_snapshot(&snapshot, &catalog, &display, &opts);
    let project = support::project_name(&report, &args.path);
    let date = assay_scan::design::commit_date(&snapshot);
    let model = assay_standards::threat_model::build(&report, &project, date);
    let text = match args.format {
        Format::Markdown => {
            assay_render::markdown::render(&assay_render::draft::threat_model::document(&model))
        }
        Format::Json => {
            let value = assay_standards::threat_model::to_schema_json(&model)
                .with_context(|| format!("writing the threat-model report of {display}"))?;
            serde_json::to_string_pretty(&value)?
        }
    };
    match &args.output {
        Some(file) => std::fs::write(file, format!("{}\n", text.trim_end()))
            .with_context(|| format!("writing {}", file.display()))?,
        None => {
            let mut out = support::stdout(Content::Document);
            writeln!(out, "{}", text.trim_end())?;
            out.flush()?;
        }
    }
    Ok(Outcome::Fine)
}
