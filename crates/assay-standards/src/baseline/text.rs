//! The Baseline report as text for a terminal: the per-level summary first, then each
//! requirement with its status, what was looked at, and the evidence.

use std::fmt::Write as _;

use assay_model::strip_control_chars;

use super::{BaselineReport, Status};

fn levels(l: &[u8]) -> String {
    match (l.first(), l.last()) {
        (Some(a), Some(b)) if a != b => format!("L{a}-{b}"),
        (Some(a), _) => format!("L{a}"),
        _ => String::new(),
    }
}

fn clean(s: &str) -> String {
    strip_control_chars(s).replace(['\n', '\r'], " ")
}

pub fn render(r: &BaselineReport) -> String {
    let mut out = String::new();
    let commit = r
        .commit
        .as_deref()
        .map(|c| format!(" at {}", &c[..c.len().min(12)]))
        .unwrap_or_default();
    writeln!(
        out,
        "{} for {}{}",
        r.catalog,
        clean(&r.repository),
        clean(&commit)
    )
    .ok();
    if let Some(f) = &r.forge_data {
        writeln!(out, "forge data: {}", clean(f)).ok();
    }
    out.push('\n');
    for l in &r.levels {
        writeln!(
            out,
            "Level {}: {} requirements: {} met, {} not met, {} needs forge data, {} needs review, {} not applicable",
            l.level, l.requirements, l.met, l.not_met, l.needs_forge_data, l.needs_review, l.not_applicable
        )
        .ok();
        writeln!(out, "  {}", l.summary).ok();
    }
    out.push('\n');
    for v in &r.requirements {
        writeln!(
            out,
            "{}  [{}]  {}  {}",
            v.id,
            levels(v.levels),
            v.status.as_str(),
            v.control
        )
        .ok();
        writeln!(out, "    {}", clean(&v.note)).ok();
        if v.evidence.is_empty() {
            writeln!(out, "    looked for: {}", v.looked_for).ok();
        } else {
            writeln!(out, "    evidence: {}", clean(&v.evidence.join(", "))).ok();
        }
        if let (Status::NeedsForgeData, Some(field)) = (v.status, v.forge_field) {
            writeln!(out, "    forge data field: {field}").ok();
        }
    }
    out
}
