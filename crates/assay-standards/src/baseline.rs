//! OSPS Baseline: every assessment requirement of the control catalog with a status from
//! the scan (and, for what only the forge knows, from forge data the user supplies), the
//! evidence behind it or what was looked for, and a summary per maturity level.

pub mod catalog;
mod checks;
pub mod forge;
pub mod text;

use assay_model::ScanReport;
use serde::Serialize;

use catalog::{REQUIREMENTS, Requirement, Rule};
pub use forge::ForgeData;

/// Version of the JSON document `assay baseline --format json` prints.
pub const SCHEMA_VERSION: &str = "1";

/// Where a requirement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The repository (or the forge data) shows it, cited.
    Met,
    /// Looked for and not there.
    NotMet,
    /// Only the forge can show it, and no forge data decided it.
    NeedsForgeData,
    /// Something relevant is in the repository, but whether it satisfies the requirement
    /// is a judgement for a person; or nothing in a checkout can decide it.
    NeedsReview,
    /// Retired from the catalog.
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Met,
        Status::NotMet,
        Status::NeedsForgeData,
        Status::NeedsReview,
        Status::NotApplicable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not met",
            Status::NeedsForgeData => "needs forge data",
            Status::NeedsReview => "needs review",
            Status::NotApplicable => "not applicable",
        }
    }
}

/// What a check concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub status: Status,
    /// `path:line`, `path`, a commit range, or a forge-data field.
    pub evidence: Vec<String>,
    /// One sentence on how the status was reached.
    pub note: String,
    /// The forge-data field that decides the requirement when the scan cannot.
    pub forge_field: Option<&'static str>,
}

/// What the evaluation reads.
pub struct Inputs<'a> {
    pub report: &'a ScanReport,
    /// The project's own files (third-party trees left out), when a snapshot was read;
    /// `None` when only a scan report is at hand.
    pub files: Option<&'a [String]>,
    pub forge: Option<&'a ForgeData>,
    /// How the forge data is named in evidence (its file name).
    pub forge_source: &'a str,
}

/// One requirement's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub id: &'static str,
    pub control: &'static str,
    pub levels: &'static [u8],
    pub status: Status,
    pub evidence: Vec<String>,
    pub looked_for: &'static str,
    pub note: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forge_field: Option<&'static str>,
}

/// Counts for one maturity level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelSummary {
    pub level: u8,
    pub requirements: usize,
    pub met: usize,
    pub not_met: usize,
    pub needs_forge_data: usize,
    pub needs_review: usize,
    pub not_applicable: usize,
    /// What a checkout can and cannot establish at this level, in a sentence.
    pub summary: String,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaselineReport {
    pub schema_version: &'static str,
    pub catalog: String,
    pub repository: String,
    pub commit: Option<String>,
    pub forge_data: Option<String>,
    pub levels: Vec<LevelSummary>,
    pub requirements: Vec<Verdict>,
}

fn decide(r: &Requirement, inputs: &Inputs) -> Decision {
    let mut d = match &r.rule {
        Rule::Retired => Decision {
            status: Status::NotApplicable,
            evidence: Vec::new(),
            note: "The catalog has retired this requirement.".into(),
            forge_field: None,
        },
        Rule::Forge(field) => Decision {
            status: Status::NeedsForgeData,
            evidence: Vec::new(),
            note: "A checkout cannot show this; it is a forge setting.".into(),
            forge_field: Some(field),
        },
        Rule::Scan(check) => check(inputs),
    };
    if let (Status::NeedsForgeData, Some(field), Some(data)) =
        (d.status, d.forge_field, inputs.forge)
        && let Some(value) = data.get(field)
    {
        d.status = if value { Status::Met } else { Status::NotMet };
        d.evidence
            .push(format!("{}: {field} = {value}", inputs.forge_source));
        d.note = format!("Decided by the forge data's `{field}`.");
    }
    d
}

/// Evaluate every requirement of the catalog.
pub fn evaluate(inputs: &Inputs) -> BaselineReport {
    let requirements: Vec<Verdict> = REQUIREMENTS
        .iter()
        .map(|r| {
            let mut d = decide(r, inputs);
            let mut seen = std::collections::HashSet::new();
            d.evidence.retain(|e| seen.insert(e.clone()));
            Verdict {
                id: r.id,
                control: r.control,
                levels: r.levels,
                status: d.status,
                evidence: d.evidence,
                looked_for: r.looks_for,
                note: d.note,
                forge_field: d.forge_field.filter(|_| d.status == Status::NeedsForgeData),
            }
        })
        .collect();
    let levels = (1..=3).map(|l| level_summary(l, &requirements)).collect();
    BaselineReport {
        schema_version: SCHEMA_VERSION,
        catalog: format!("OSPS Baseline {}", catalog::RELEASE),
        repository: inputs.report.repository.root.clone(),
        commit: inputs.report.repository.commit.clone(),
        forge_data: inputs.forge.map(|_| inputs.forge_source.to_owned()),
        levels,
        requirements,
    }
}

fn level_summary(level: u8, all: &[Verdict]) -> LevelSummary {
    let at: Vec<&Verdict> = all.iter().filter(|v| v.levels.contains(&level)).collect();
    let count = |s: Status| at.iter().filter(|v| v.status == s).count();
    let (met, not_met, forge, review, na) = (
        count(Status::Met),
        count(Status::NotMet),
        count(Status::NeedsForgeData),
        count(Status::NeedsReview),
        count(Status::NotApplicable),
    );
    let summary = format!(
        "Of the {} requirements at level {level}, the repository shows {met} met and {not_met} not met; \
         {review} need a person to judge what the repository holds, and {forge} depend on forge settings a checkout cannot show{}.",
        at.len() - na,
        if forge > 0 {
            " (supply them with --forge-data)"
        } else {
            ""
        }
    );
    LevelSummary {
        level,
        requirements: at.len(),
        met,
        not_met,
        needs_forge_data: forge,
        needs_review: review,
        not_applicable: na,
        summary,
    }
}
