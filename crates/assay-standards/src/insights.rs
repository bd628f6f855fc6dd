//! Security Insights v2.2.0: the schema as data ([`schema`]), a validator with positions
//! ([`validate`]), typed structs ([`model`]), a writer that fills a document from a scan
//! ([`write`]) and a checker for an existing file ([`lint`]).

pub mod emit;
pub mod lint;
pub mod model;
pub mod people;
pub mod schema;
mod stale;
pub mod tools;
pub mod tree;
pub mod validate;
pub mod write;

#[cfg(feature = "scan")]
use std::path::Path;

#[cfg(feature = "scan")]
use assay_model::{Forge, detail, vocabulary};
#[cfg(feature = "scan")]
use serde_json::Value;

/// Why no document could be written.
#[derive(Debug, thiserror::Error)]
pub enum InsightsError {
    #[cfg(feature = "scan")]
    #[error(transparent)]
    Scan(#[from] assay_scan::ScanError),
    #[error(
        "the repository has no remote on a known forge, and Security Insights needs its web address: give it with --url"
    )]
    NoForge,
    #[error("`{0}` is not a web address on a known forge")]
    BadUrl(String),
    #[error("`{0}` is not a date written YYYY-MM-DD")]
    BadDate(String),
    #[error("no commit date could be read for the document's dates: give one with --date")]
    NoDate,
    #[error("the written document does not pass validation (a bug in assay): {0}")]
    Invalid(String),
}

/// How to write the document.
#[derive(Debug, Clone, Default)]
pub struct InsightsOptions {
    pub worktree: bool,
    /// The repository's web address, when its remote does not give it.
    pub url: Option<String>,
    /// `YYYY-MM-DD` for the header's dates (default: the scanned commit's date).
    pub date: Option<String>,
}

/// Scan the repository at `root` and write its Security Insights document. The result
/// has passed [`validate::validate_text`].
#[cfg(feature = "scan")]
pub fn generate(root: &Path, opts: &InsightsOptions) -> Result<write::Written, InsightsError> {
    let snapshot = assay_scan::Snapshot::open(root, opts.worktree)?;
    let catalog = assay_scan::Catalog::builtin()?;
    let scan_opts = assay_scan::ScanOptions {
        worktree: opts.worktree,
        ..assay_scan::ScanOptions::default()
    };
    let display = root.to_string_lossy();
    let report = assay_scan::scan_snapshot(&snapshot, &catalog, &display, &scan_opts);
    let forge = match &opts.url {
        Some(u) => Forge::from_remote(u).ok_or_else(|| InsightsError::BadUrl(u.clone()))?,
        None => snapshot
            .remote()
            .and_then(Forge::from_remote)
            .ok_or(InsightsError::NoForge)?,
    };
    let (date, date_source) = match &opts.date {
        Some(d) if validate::is_date(d) => (d.clone(), "given with --date"),
        Some(d) => return Err(InsightsError::BadDate(d.clone())),
        None => (
            report
                .findings
                .iter()
                .find(|f| f.id == vocabulary::ACTIVITY.id)
                .and_then(|f| f.details.get(detail::LAST_COMMIT))
                .and_then(Value::as_str)
                .filter(|d| validate::is_date(d))
                .ok_or(InsightsError::NoDate)?
                .to_owned(),
            "the scanned commit's date",
        ),
    };
    let wanted: Vec<String> = people::wanted_files()
        .into_iter()
        .filter(|p| snapshot.exists(p))
        .collect();
    let contents = snapshot.read_many(&wanted);
    let team = people::core_team(|p| contents.get(p));
    let mut release_workflows: Vec<String> = snapshot
        .files()
        .iter()
        .map(|f| f.path.clone())
        .filter(|p| tools::is_release_workflow(p))
        .collect();
    release_workflows.sort();
    let facts = write::Facts {
        release_workflows: &release_workflows,
        report: &report,
        forge: &forge,
        team: &team,
        date: &date,
        date_source,
    };
    let written = write::write(&facts);
    let problems = validate::validate_text(&written.text);
    if let Some(p) = problems.iter().find(|p| !p.warning) {
        return Err(InsightsError::Invalid(format!(
            "{}:{}: {}",
            p.line, p.column, p.message
        )));
    }
    Ok(written)
}
