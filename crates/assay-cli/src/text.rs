//! The terminal report of `assay scan`.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use assay_model::{Category, ScanReport, Status, clean_excerpt};

// Styles are always written; the output stream drops them when colour is off.
const HEADING: Style = Style::new().bold();
const FINDING_ID: Style = Style::new().dimmed();
const PLACE: Style = AnsiColor::Cyan.on_default();

fn paint(style: Style, s: &str) -> String {
    format!("{style}{s}{style:#}")
}

fn status(status: Status) -> String {
    let (color, label) = match status {
        Status::Present => (AnsiColor::Green, "present"),
        Status::Partial => (AnsiColor::Yellow, "partial"),
        Status::Absent => (AnsiColor::Red, "absent "),
        Status::Unknown => (AnsiColor::Magenta, "unknown"),
    };
    paint(color.on_default(), label)
}

/// Write findings grouped by category, styled (the output stream removes the styles when
/// colour is off). Everything taken from the repository is cleaned of control characters
/// before it reaches the terminal.
pub fn write_scan(out: &mut impl Write, report: &ScanReport) -> io::Result<()> {
    let repo = &report.repository;
    let mut header = format!("assay scan of {}", clean_excerpt(&repo.root));
    if let Some(c) = &repo.commit {
        header += " at ";
        header += c.get(..12).unwrap_or(c);
    }
    if let Some(url) = &repo.url {
        header += " (";
        header += &clean_excerpt(url);
        header += ")";
    }
    writeln!(out, "{}", paint(HEADING, &header))?;
    for category in Category::ALL {
        let findings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.category == category)
            .collect();
        if findings.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{}", paint(HEADING, category.title()))?;
        for f in findings {
            writeln!(
                out,
                "  {}  {}  {}",
                status(f.status),
                one_line(&f.title),
                paint(FINDING_ID, &format!("[{}]", f.id))
            )?;
            if let Some(x) = &f.exemption {
                let until = x
                    .expires
                    .as_deref()
                    .map_or_else(String::new, |d| format!(" (until {d})"));
                writeln!(
                    out,
                    "      exempted by the project{until}: {}",
                    one_line(&x.reason)
                )?;
            }
            for e in &f.evidence {
                let place = match (&e.commit, e.line) {
                    (Some(c), _) => short_commit(c),
                    (None, Some(l)) => format!("{}:{l}", clean_excerpt(&e.path)),
                    (None, None) => clean_excerpt(&e.path),
                };

                match &e.excerpt {
                    Some(x) => writeln!(out, "      {}  {}", paint(PLACE, &place), x)?,
                    None => writeln!(out, "      {}", paint(PLACE, &place))?,
                }
            }
            if let Some(total) = f.details.get("evidence_total") {
                writeln!(
                    out,
                    "      … {} more in --format json details",
                    total
                        .as_u64()
                        .unwrap_or(0)
                        .saturating_sub(f.evidence.len() as u64)
                )?;
            }
        }
    }
    let count = |s: Status| report.findings.iter().filter(|f| f.status == s).count();
    let exempted = report
        .findings
        .iter()
        .filter(|f| f.exemption.is_some())
        .count();
    writeln!(out)?;
    write!(
        out,
        "{} findings: {} present, {} partial, {} absent, {} unknown",
        report.findings.len(),
        count(Status::Present),
        count(Status::Partial),
        count(Status::Absent),
        count(Status::Unknown)
    )?;
    if exempted > 0 {
        write!(out, "; {exempted} exempted")?;
    }
    writeln!(out)?;
    Ok(())
}

/// A title on one line, control characters removed, never cut short.
fn one_line(s: &str) -> String {
    assay_model::strip_control_chars(s).replace('\n', " ")
}

/// `abcdef1` for a commit, `abcdef1..1234567` for a range.
fn short_commit(c: &str) -> String {
    let short = |s: &str| clean_excerpt(s.get(..10).unwrap_or(s));
    match c.split_once("..") {
        Some((a, b)) => format!("{}..{}", short(a), short(b)),
        None => short(c),
    }
}
