//! `assay scan`: what a repository shows about its security practices, with evidence.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Result, bail};
use assay_model::{Finding, ScanReport, Status};
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
    /// Exit with code 1 when a finding matches: `absent`, `partial`, or a finding or
    /// category id (comma-separated or repeated). Exempted findings never match.
    #[arg(long, value_delimiter = ',', value_name = "WHAT")]
    fail_on: Vec<String>,
    /// Read this configuration instead of the repository's `.assay.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
}

pub fn run(args: &Args, color: bool) -> Result<Outcome> {
    let display = args.path.to_string_lossy().into_owned();
    let catalog = assay_scan::Catalog::builtin()?;
    let fail_on = FailOn::parse(&args.fail_on, &catalog)?;
    let opts = assay_scan::ScanOptions {
        worktree: args.worktree,
        since: args.since,
        no_history: args.no_history,
    };
    let (report, _config) = crate::config::scan(
        &args.path,
        &display,
        &opts,
        args.config.as_deref(),
        &catalog,
    )?;
    let mut out = support::stdout(match args.format {
        Format::Text => Content::Text { color },
        Format::Json | Format::Sarif => Content::Document,
    });
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut out, &crate::sarif::scan_log(&report, &catalog))?;
            writeln!(out)?;
        }
        Format::Text => crate::text::write_scan(&mut out, &report)?,
    }
    out.flush()?;
    let matched = fail_on.matching(&report);
    if matched.is_empty() {
        return Ok(Outcome::Fine);
    }
    let mut stderr = std::io::stderr().lock();
    writeln!(stderr, "--fail-on matched:").ok();
    for line in matched {
        writeln!(stderr, "  {}", assay_model::strip_control_chars(&line)).ok();
    }
    Ok(Outcome::ErrorsFound)
}

/// What `--fail-on` asks for.
#[derive(Debug, Default)]
struct FailOn {
    statuses: Vec<Status>,
    ids: Vec<String>,
}

impl FailOn {
    fn parse(values: &[String], catalog: &assay_scan::Catalog) -> Result<FailOn> {
        let mut fail_on = FailOn::default();
        for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            match v {
                "absent" => fail_on.statuses.push(Status::Absent),
                "partial" => fail_on.statuses.push(Status::Partial),
                id if assay_scan::declared(catalog, id).is_some()
                    || assay_model::Category::from_id(id).is_some() =>
                {
                    fail_on.ids.push(id.to_owned());
                }
                other => bail!(
                    "--fail-on: `{}` is neither `absent`, `partial` nor a finding or category id (see `assay rules`)",
                    assay_model::strip_control_chars(other)
                ),
            }
        }
        Ok(fail_on)
    }

    /// What fails the build, one line each: findings with a named status, and named ids
    /// with no present finding (not found at all, or absent, partial or unknown).
    /// Exempted findings count neither way.
    fn matching(&self, report: &ScanReport) -> Vec<String> {
        let live = || report.findings.iter().filter(|f| f.exemption.is_none());
        let describe = |f: &Finding| format!("{} ({}): {}", f.id, f.status.as_str(), f.title);
        let mut lines: Vec<String> = live()
            .filter(|f| self.statuses.contains(&f.status))
            .map(describe)
            .collect();
        for id in &self.ids {
            let named = |f: &&Finding| f.id == *id || f.category.id() == id;
            if report
                .findings
                .iter()
                .filter(named)
                .any(|f| f.exemption.is_some())
            {
                continue;
            }
            if live().filter(named).any(|f| f.status == Status::Present) {
                continue;
            }
            let found: Vec<String> = live().filter(named).map(describe).collect();
            if found.is_empty() {
                lines.push(format!("{id}: not found"));
            }
            lines.extend(found);
        }
        lines.sort();
        lines.dedup();
        lines
    }
}
