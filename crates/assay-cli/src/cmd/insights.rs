//! `assay insights`: a Security Insights v2.2.0 document written from the repository.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use assay_standards::insights;

use super::Outcome;
use crate::support::{self, Content};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Repository checkout (or bare repository) to describe.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Write the document to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// The repository's web address, when its `origin` remote is not on a known forge.
    #[arg(long)]
    url: Option<String>,
    /// Date for `last-updated` and `last-reviewed`, YYYY-MM-DD (default: the scanned
    /// commit's date).
    #[arg(long)]
    date: Option<String>,
    /// Read the working directory instead of the HEAD commit.
    #[arg(long)]
    worktree: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let opts = insights::InsightsOptions {
        worktree: args.worktree,
        url: args.url,
        date: args.date,
    };
    let display = args.path.to_string_lossy().into_owned();
    let written = insights::generate(&args.path, &opts)
        .with_context(|| format!("writing Security Insights for {display}"))?;
    match &args.output {
        Some(file) => std::fs::write(file, &written.text)
            .with_context(|| format!("writing {}", file.display()))?,
        None => {
            let mut out = support::stdout(Content::Document);
            out.write_all(written.text.as_bytes())?;
            out.flush()?;
        }
    }
    writeln!(
        std::io::stderr(),
        "note: {} field(s) are marked TODO for the maintainers",
        written.todo
    )
    .ok();
    Ok(Outcome::Fine)
}
