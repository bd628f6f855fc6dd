//! The Security Insights branch of `assay lint`: YAML inputs are checked as
//! SECURITY-INSIGHTS files (v1 or v2, validated, and with `--repo` against the repository).

use std::path::Path;
use std::sync::LazyLock;

use anyhow::{Context as _, Result};
use assay_lint::Rule;
use assay_lint::output::FileReport;
use assay_model::{Diagnostic, Severity};
use assay_standards::insights::lint::{self, CHECKS, Format, RepoView};

/// Whether `assay lint` should read this file as Security Insights.
pub fn is_insights_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"))
}

fn no_hits(_: &assay_lint::rules::Context) -> Vec<assay_lint::rules::Hit> {
    Vec::new()
}

/// The Security Insights checks as lint rules, for SARIF's rule table.
static INSIGHTS_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    CHECKS
        .iter()
        .map(|k| Rule {
            code: k.code,
            name: k.name,
            severity: if k.warning {
                Severity::Warning
            } else {
                Severity::Error
            },
            summary: k.summary,
            doc: k.help,
            help: k.help,
            check: no_hits,
        })
        .collect()
});

/// SARIF for a lint run that may mix Markdown and Security Insights files; the Security
/// Insights rules are listed only when such a file was checked.
pub fn sarif(reports: &[FileReport], with_insights: bool) -> serde_json::Value {
    let extra: &[Rule] = if with_insights { &INSIGHTS_RULES } else { &[] };
    let rules: Vec<&Rule> = assay_lint::RULES
        .iter()
        .copied()
        .chain(extra.iter())
        .collect();
    assay_lint::output::sarif_with(reports, &rules, assay_model::sarif::Command::Lint)
}

/// Check one file: its text and diagnostics, and a note on which format it follows.
pub fn lint_file(path: &Path, repo: Option<&Path>) -> Result<(String, Vec<Diagnostic>, String)> {
    let text = assay_lint::read_document(path)?;
    let display = path.to_string_lossy().into_owned();
    let linted = match repo {
        Some(dir) => {
            let snapshot = assay_scan::Snapshot::open(dir, false)
                .with_context(|| format!("opening {}", dir.display()))?;
            let catalog = assay_scan::Catalog::builtin()?;
            let opts = assay_scan::ScanOptions {
                no_history: true,
                ..assay_scan::ScanOptions::default()
            };
            let report =
                assay_scan::scan_snapshot(&snapshot, &catalog, &dir.to_string_lossy(), &opts);
            let forge = snapshot.remote().and_then(assay_model::Forge::from_remote);
            let exists = |p: &str| {
                snapshot.exists(p)
                    || snapshot
                        .files()
                        .iter()
                        .any(|f| f.path.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
            };
            let view = RepoView {
                exists: &exists,
                web_url: forge.as_ref().map(assay_model::Forge::web_url),
                report: &report,
            };
            lint::lint(&text, Some(&view))
        }
        None => lint::lint(&text, None),
    };
    let note = match linted.format {
        Format::V1 => format!("{display} is laid out as a Security Insights 1.x file"),
        Format::V2 => match lint::declared_version(&text) {
            Some(v) if v != "2.2.0" => {
                format!("{display} declares schema-version {v}; it is checked against 2.2.0")
            }
            _ => format!("{display} is checked as Security Insights v2 (schema 2.2.0)"),
        },
        Format::Unknown => format!("{display} could not be read as Security Insights"),
    };
    let diagnostics = linted
        .checks
        .iter()
        .map(|c| diagnostic(&text, &display, c))
        .collect();
    Ok((text, diagnostics, note))
}

/// Byte offset of a 1-based line and character column.
fn offset(text: &str, line: u32, column: u32) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(rest.len(), |(i, _)| i)
}

fn diagnostic(text: &str, display: &str, c: &lint::Check) -> Diagnostic {
    let start = offset(text, c.line, c.column).min(text.len());
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i)
        .max(start);
    Diagnostic {
        code: c.code.to_owned(),
        name: c.name.to_owned(),
        severity: if c.warning {
            Severity::Warning
        } else {
            Severity::Error
        },
        message: c.message.clone(),
        path: display.to_owned(),
        start,
        end,
        line: c.line,
        column: c.column,
        help: c.help.map(str::to_owned),
    }
}
