//! `assay verify`: which claims in an assessment the repository still backs.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use assay_lint::output::{self, FileReport};
use assay_model::{Diagnostic, ScanReport};
use assay_verify::{VERIFY_RULES, Verdict, VerifyReport};

use super::{DiagnosticFormat, Outcome};
use crate::support;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment (Markdown).
    file: PathBuf,
    /// The repository checkout the assessment describes.
    #[arg(long)]
    repo: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    format: DiagnosticFormat,
    /// History window for practice figures (see `assay scan --help`).
    #[arg(long, default_value = "12m", value_parser = support::parse_since)]
    since: assay_scan::history::Since,
}

/// How many claims got each verdict.
struct Tally {
    claims: usize,
    backed: usize,
    not_found: usize,
    contradicted: usize,
    omissions: usize,
}

impl Tally {
    fn of(verdicts: &VerifyReport) -> Tally {
        let count = |v| verdicts.claims.iter().filter(|c| c.verdict == v).count();
        Tally {
            claims: verdicts.claims.len(),
            backed: count(Verdict::Backed),
            not_found: count(Verdict::NotFound),
            contradicted: count(Verdict::Contradicted),
            omissions: verdicts.omissions.len(),
        }
    }

    fn line(&self) -> String {
        format!(
            "{} claims checked: {} backed, {} not found, {} contradicted; {} omission(s)",
            self.claims, self.backed, self.not_found, self.contradicted, self.omissions
        )
    }
}

pub fn run(args: &Args, color: bool) -> Result<Outcome> {
    let text = assay_lint::read_document(&args.file)?;
    let snapshot = assay_scan::Snapshot::open(&args.repo, false)
        .with_context(|| format!("opening {}", args.repo.display()))?;
    let catalog = assay_scan::Catalog::builtin()?;
    let opts = assay_scan::ScanOptions {
        worktree: false,
        since: args.since,
        no_history: false,
    };
    let report =
        assay_scan::scan_snapshot(&snapshot, &catalog, &args.repo.to_string_lossy(), &opts);
    let doc = assay_lint::Document::parse(&args.file.to_string_lossy(), text);
    let verdicts = assay_verify::verify(&doc, &report, &snapshot, &catalog);
    let diagnostics = assay_verify::diagnostics(&doc, &verdicts);
    let tally = Tally::of(&verdicts);
    let reports = [FileReport {
        text: &doc.text,
        diagnostics: &diagnostics,
    }];
    let mut out = support::stdout(args.format.content(color));
    match args.format {
        DiagnosticFormat::Text => write_text(&mut out, &reports, &tally, color)?,
        DiagnosticFormat::Json => write_json(&mut out, &report, &verdicts, &diagnostics, &tally)?,
        DiagnosticFormat::Sarif => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&output::sarif_with(
                &reports,
                VERIFY_RULES,
                assay_model::sarif::Command::Verify
            ))?
        )?,
    }
    out.flush()?;
    Ok(Outcome::from_errors(
        tally.not_found + tally.contradicted > 0,
    ))
}

/// Lint's text diagnostics, with verify's summary in place of lint's tally line.
fn write_text(
    out: &mut impl Write,
    reports: &[FileReport],
    tally: &Tally,
    color: bool,
) -> Result<()> {
    let body = output::text(reports, color);
    let body = body.trim_end().rsplit_once('\n').map_or("", |(b, _)| b);
    if !body.is_empty() {
        writeln!(out, "{body}")?;
    }
    writeln!(out, "{}", tally.line())?;
    Ok(())
}

fn write_json(
    out: &mut impl Write,
    report: &ScanReport,
    verdicts: &VerifyReport,
    diagnostics: &[Diagnostic],
    tally: &Tally,
) -> Result<()> {
    let backed: Vec<_> = verdicts
        .claims
        .iter()
        .filter(|c| c.verdict == Verdict::Backed)
        .collect();
    let value = serde_json::json!({
        "schema_version": "1",
        "tool": {"name": "assay", "version": env!("CARGO_PKG_VERSION")},
        "repository": report.repository,
        "summary": {
            "claims": tally.claims,
            "backed": tally.backed,
            "not_found": tally.not_found,
            "contradicted": tally.contradicted,
            "omissions": tally.omissions,
        },
        "diagnostics": diagnostics,
        "backed": backed,
        "omitted": verdicts.omissions,
    });
    writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    Ok(())
}
