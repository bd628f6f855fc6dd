//! Build a self-assessment draft from scan findings: every statement cited, every gap a
//! specific question or a next step. One file per outline section; this module holds
//! what they share. Findings are looked up through the declared vocabulary
//! (`assay_model::vocabulary`), never by string literals.

mod appendix;
mod baseline;
mod channels;
mod compliance;
mod development;
mod gaps;
mod issue_resolution;
mod metadata;
mod overview;
mod security_functions;
mod self_assessment_use;
pub mod threat_model;

use std::collections::HashMap;

use assay_model::outline::section as outline;
use assay_model::vocabulary::FindingKind;
use assay_model::{
    ASSESSMENT_SCHEMA_VERSION, Assessment, Block, Category, Cell, Cite, Evidence, Finding,
    ScanReport, Section, Statement, Status,
};
use serde_json::Value;

/// Cites per statement; the scan JSON keeps the rest.
const CITES: usize = 3;

/// The findings of one scan, looked up by declared kind.
struct Facts<'a> {
    report: &'a ScanReport,
    by_id: HashMap<&'a str, &'a Finding>,
    project: String,
}

impl<'a> Facts<'a> {
    fn new(report: &'a ScanReport, project: &str) -> Facts<'a> {
        Facts {
            report,
            by_id: report.findings.iter().map(|f| (f.id.as_str(), f)).collect(),
            project: project.to_owned(),
        }
    }

    fn get(&self, kind: &FindingKind) -> Option<&'a Finding> {
        self.by_id.get(kind.id).copied()
    }

    /// The finding when it shows something (present or partial).
    fn found(&self, kind: &FindingKind) -> Option<&'a Finding> {
        self.get(kind).filter(|f| shows(f))
    }

    /// What the catalog and detectors found in `category` (present or partial), without
    /// the whole-category summary.
    fn found_in(&self, category: Category) -> Vec<&'a Finding> {
        self.report
            .findings
            .iter()
            .filter(|f| f.category == category && shows(f))
            .filter(|f| !assay_model::vocabulary::is_category_summary(&f.id))
            .collect()
    }

    fn absent(&self, kind: &FindingKind) -> bool {
        self.get(kind).is_some_and(|f| f.status == Status::Absent)
    }
}

fn shows(f: &Finding) -> bool {
    matches!(f.status, Status::Present | Status::Partial)
}

fn detail_str<'f>(f: &'f Finding, key: &str) -> Option<&'f str> {
    f.details.get(key).and_then(Value::as_str)
}

fn detail_list(f: &Finding, key: &str) -> Vec<String> {
    f.details
        .get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn cite_of(e: &Evidence) -> Option<Cite> {
    if let Some(commit) = &e.commit {
        let label = match commit.split_once("..") {
            Some((a, b)) => format!("{}..{}", short(a), short(b)),
            None => short(commit),
        };
        return Some(Cite {
            label,
            href: e.url.clone(),
        });
    }
    if e.path.is_empty() {
        return None;
    }
    let label = match e.line {
        Some(l) => format!("{}:{l}", e.path),
        None => e.path.clone(),
    };
    let href = e.url.clone().or_else(|| {
        Some(match e.line {
            Some(l) => format!("{}#L{l}", e.path),
            None => e.path.clone(),
        })
    });
    Some(Cite { label, href })
}

fn short(c: &str) -> String {
    c.get(..10).unwrap_or(c).to_owned()
}

fn cites(f: &Finding) -> Vec<Cite> {
    cited_evidence(f).into_iter().map(|(_, c)| c).collect()
}

/// The evidence a statement about `f` cites (at most `CITES` distinct places), with its
/// citation: a statement may only say what these lines say.
fn cited_evidence(f: &Finding) -> Vec<(&Evidence, Cite)> {
    let mut out: Vec<(&Evidence, Cite)> = Vec::new();
    for e in &f.evidence {
        if out.len() == CITES {
            break;
        }
        if let Some(c) = cite_of(e)
            && !out.iter().any(|(_, o)| o.label == c.label)
        {
            out.push((e, c));
        }
    }
    out
}

fn stmt(text: impl Into<String>, cites: Vec<Cite>) -> Statement {
    Statement {
        text: text.into(),
        cites,
    }
}

/// A finding's own title as a cited statement.
fn said(f: &Finding) -> Statement {
    stmt(f.title.clone(), cites(f))
}

fn question(text: impl Into<String>) -> Block {
    Block::Question { text: text.into() }
}

fn list(lead: Option<&str>, items: Vec<Statement>) -> Option<Block> {
    (!items.is_empty()).then(|| Block::List {
        lead: lead.map(str::to_owned),
        items,
    })
}

fn sec(id: &str) -> Section {
    let o = outline(id);
    let heading = o.map_or(id, |o| o.heading);
    let level = o.map_or(2, |o| o.depth + 1);
    Section::new(id, heading, level)
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        cites: Vec::new(),
        question: None,
    }
}

/// Build the draft. `project` is the name to write (from the forge or the folder).
pub fn build(report: &ScanReport, project: &str) -> Assessment {
    let facts = Facts::new(report, project);
    let sections = vec![
        metadata::section(&facts),
        overview::section(&facts),
        self_assessment_use::section(&facts),
        security_functions::section(&facts),
        compliance::section(&facts),
        development::section(&facts),
        issue_resolution::section(&facts),
        appendix::section(&facts),
        threat_model::draft_section(&facts),
        gaps::section(&facts),
    ];
    Assessment {
        schema_version: ASSESSMENT_SCHEMA_VERSION.to_owned(),
        project: project.to_owned(),
        repository: report.repository.clone(),
        title: format!("{project} Self-assessment"),
        sections,
    }
}
