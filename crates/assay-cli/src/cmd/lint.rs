//! `assay lint`: self-assessment documents checked against the TAG-Security outline.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use assay_lint::output::{self, FileReport};

use super::{DiagnosticFormat, Outcome};
use crate::support;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Markdown documents to check, and SECURITY-INSIGHTS files (`.yml`, `.yaml`).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    format: DiagnosticFormat,
    /// Repository to resolve relative links against (default: the one each file is in).
    #[arg(long)]
    repo: Option<PathBuf>,
    /// Only these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Outline revision to check against: auto (the one each file follows), current,
    /// 2019, 2021, 2023 or 2024.
    #[arg(long, default_value = "auto")]
    outline: assay_lint::OutlineChoice,
    /// Read this configuration instead of the repository's `.assay.toml` (whose `[rules]`
    /// apply when neither --select nor --ignore is given).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub fn run(args: Args, color: bool) -> Result<Outcome> {
    let (mut select, mut ignore) = (args.select, args.ignore);
    if select.is_empty() && ignore.is_empty() {
        let repo = args.repo.clone().or_else(|| {
            args.files
                .first()
                .and_then(|f| assay_lint::repository_of(f))
        });
        if let Some(c) = crate::config::load_for_lint(args.config.as_deref(), repo.as_deref())? {
            (select, ignore) = c.lint_rules();
        }
    }
    let opts = assay_lint::LintOptions {
        repo: args.repo,
        select,
        ignore,
        outline: args.outline,
    };
    let mut results = Vec::new();
    for f in &args.files {
        if super::lint_insights::is_insights_file(f) {
            let (text, diagnostics, note) =
                super::lint_insights::lint_file(f, opts.repo.as_deref())?;
            writeln!(std::io::stderr(), "note: {note}").ok();
            results.push((text, diagnostics));
            continue;
        }
        let linted = assay_lint::lint_path(f, &opts)?;
        // Which revision each file was held to, and why: on stderr, so machine formats stay clean.
        let note = linted.outline.note(&f.to_string_lossy());
        writeln!(std::io::stderr(), "note: {note}").ok();
        results.push((linted.text, linted.diagnostics));
    }
    let reports: Vec<FileReport> = results
        .iter()
        .map(|(text, diagnostics)| FileReport { text, diagnostics })
        .collect();
    let mut out = support::stdout(args.format.content(color));
    match args.format {
        DiagnosticFormat::Text => write!(out, "{}", output::text(&reports, color))?,
        DiagnosticFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&output::json(&reports))?
        )?,
        DiagnosticFormat::Sarif => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&super::lint_insights::sarif(
                &reports,
                args.files
                    .iter()
                    .any(|f| super::lint_insights::is_insights_file(f))
            ))?
        )?,
    }
    out.flush()?;
    let failed = results
        .iter()
        .flat_map(|(_, d)| d)
        .any(|d| d.severity == assay_model::Severity::Error);
    Ok(Outcome::from_errors(failed))
}
