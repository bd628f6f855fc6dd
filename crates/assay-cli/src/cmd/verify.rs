//! `assay verify`: which claims in an assessment the project's repositories still back.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use assay_lint::output::{self, FileReport};
use assay_model::{Diagnostic, ScanReport, Severity};
use assay_verify::{VERIFY_RULES, Verdict, VerifyReport};

use super::{DiagnosticFormat, Outcome};
use crate::support;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The assessment (Markdown).
    file: PathBuf,
    /// A repository checkout of the project. Give it once per repository (the main one,
    /// the organisation's .github, the website, SDKs): a claim is backed when any of them
    /// backs it, and the output names which.
    #[arg(long, required = true)]
    repo: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    format: DiagnosticFormat,
    /// History window for practice figures (see `assay scan --help`).
    #[arg(long, default_value = "12m", value_parser = support::parse_since)]
    since: assay_scan::history::Since,
    /// Instead of the report, write the proposed replacements as a unified diff of the
    /// assessment (for `git apply` or `patch -p1`); the exit code is the same.
    #[arg(long)]
    fix_suggestions: bool,
}

/// How many claims got each verdict.
struct Tally {
    claims: usize,
    backed: usize,
    not_found: usize,
    contradicted: usize,
    omissions: usize,
    errors: usize,
    warnings: usize,
}

impl Tally {
    fn of(verdicts: &VerifyReport, diagnostics: &[Diagnostic]) -> Tally {
        let count = |v| verdicts.claims.iter().filter(|c| c.verdict == v).count();
        let severity = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        Tally {
            claims: verdicts.claims.len(),
            backed: count(Verdict::Backed),
            not_found: count(Verdict::NotFound),
            contradicted: count(Verdict::Contradicted),
            omissions: verdicts.omissions.len(),
            errors: severity(Severity::Error),
            warnings: severity(Severity::Warning),
        }
    }

    fn line(&self) -> String {
        format!(
            "{} claims checked: {} backed, {} not found, {} contradicted; {} omission(s); {} error(s), {} warning(s)",
            self.claims,
            self.backed,
            self.not_found,
            self.contradicted,
            self.omissions,
            self.errors,
            self.warnings
        )
    }
}

pub fn run(args: &Args, color: bool) -> Result<Outcome> {
    let text = assay_lint::read_document(&args.file)?;
    let catalog = assay_scan::Catalog::builtin()?;
    let opts = assay_scan::ScanOptions {
        worktree: false,
        since: args.since,
        no_history: false,
    };
    let mut scans = Vec::with_capacity(args.repo.len());
    for repo in &args.repo {
        let snapshot = assay_scan::Snapshot::open(repo, false)
            .with_context(|| format!("opening {}", repo.display()))?;
        let report = assay_scan::scan_snapshot(&snapshot, &catalog, &repo.to_string_lossy(), &opts);
        scans.push((report, snapshot));
    }
    let sources: Vec<assay_verify::Source> = scans
        .iter()
        .map(|(report, snapshot)| assay_verify::Source::new(report, snapshot))
        .collect();
    let doc = assay_lint::Document::parse(&args.file.to_string_lossy(), text);
    let verdicts = assay_verify::verify_all(&doc, &sources, &catalog);
    let diagnostics = assay_verify::diagnostics(&doc, &verdicts);
    let tally = Tally::of(&verdicts, &diagnostics);
    // A diff is written byte for byte so that it applies.
    let content = if args.fix_suggestions {
        support::Content::Document
    } else {
        args.format.content(color)
    };
    let mut out = support::stdout(content);
    if args.fix_suggestions {
        let name = args.file.to_string_lossy();
        write!(
            out,
            "{}",
            assay_verify::unified_diff(&name, &doc.text, &verdicts)
        )?;
    } else {
        let reports = [FileReport {
            text: &doc.text,
            diagnostics: &diagnostics,
        }];
        let repositories: Vec<&ScanReport> = scans.iter().map(|(r, _)| r).collect();
        match args.format {
            DiagnosticFormat::Text => write_text(&mut out, &reports, &verdicts, &tally, color)?,
            DiagnosticFormat::Json => {
                write_json(&mut out, &repositories, &verdicts, &diagnostics, &tally)?;
            }
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
    }
    out.flush()?;
    Ok(Outcome::from_errors(tally.errors > 0))
}

/// Lint's text diagnostics, then which repository backs each claim when several were
/// given, then verify's summary in place of lint's tally line.
fn write_text(
    out: &mut impl Write,
    reports: &[FileReport],
    verdicts: &VerifyReport,
    tally: &Tally,
    color: bool,
) -> Result<()> {
    let body = output::text(reports, color);
    let body = body.trim_end().rsplit_once('\n').map_or("", |(b, _)| b);
    if !body.is_empty() {
        writeln!(out, "{body}")?;
    }
    let mut backers: Vec<(&str, usize)> = Vec::new();
    for c in verdicts
        .claims
        .iter()
        .filter(|c| c.verdict == Verdict::Backed)
    {
        let repo = c.repository.as_deref().unwrap_or_default();
        match backers.iter_mut().find(|(r, _)| *r == repo) {
            Some((_, n)) => *n += 1,
            None => backers.push((repo, 1)),
        }
    }
    if backers.len() > 1 {
        for (repo, n) in &backers {
            writeln!(
                out,
                "backed by {}: {n} claim(s)",
                assay_model::clean_excerpt(repo)
            )?;
        }
    }
    writeln!(out, "{}", tally.line())?;
    Ok(())
}

fn write_json(
    out: &mut impl Write,
    repositories: &[&ScanReport],
    verdicts: &VerifyReport,
    diagnostics: &[Diagnostic],
    tally: &Tally,
) -> Result<()> {
    let backed: Vec<_> = verdicts
        .claims
        .iter()
        .filter(|c| c.verdict == Verdict::Backed)
        .collect();
    let not_backed: Vec<_> = verdicts
        .claims
        .iter()
        .filter(|c| c.verdict != Verdict::Backed)
        .collect();
    let value = serde_json::json!({
        "schema_version": "1",
        "tool": {"name": "assay", "version": env!("CARGO_PKG_VERSION")},
        "repository": repositories.first().map(|r| &r.repository),
        "repositories": repositories.iter().map(|r| &r.repository).collect::<Vec<_>>(),
        "summary": {
            "claims": tally.claims,
            "backed": tally.backed,
            "not_found": tally.not_found,
            "contradicted": tally.contradicted,
            "omissions": tally.omissions,
            "errors": tally.errors,
            "warnings": tally.warnings,
        },
        "diagnostics": diagnostics,
        "backed": backed,
        "not_backed": not_backed,
        "omitted": verdicts.omissions,
    });
    writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    Ok(())
}
