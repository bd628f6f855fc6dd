//! The terminal report of `assay scan`.

use std::io::{self, Write};

use assay_model::{Category, ScanReport, Status, clean_excerpt};

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }

    fn status(&self, status: Status) -> String {
        let (code, label) = match status {
            Status::Present => ("32", "present"),
            Status::Partial => ("33", "partial"),
            Status::Absent => ("31", "absent "),
            Status::Unknown => ("35", "unknown"),
        };
        self.paint(code, label)
    }
}

/// Write findings grouped by category. Everything taken from the repository is cleaned of
/// control characters before it reaches the terminal.
pub fn write_scan(out: &mut impl Write, report: &ScanReport, color: bool) -> io::Result<()> {
    let style = Style { color };
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
    writeln!(out, "{}", style.paint("1", &header))?;
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
        writeln!(out, "{}", style.paint("1", category.title()))?;
        for f in findings {
            writeln!(
                out,
                "  {}  {}  {}",
                style.status(f.status),
                one_line(&f.title),
                style.paint("2", &format!("[{}]", f.id))
            )?;
            for e in &f.evidence {
                let place = match (&e.commit, e.line) {
                    (Some(c), _) => short_commit(c),
                    (None, Some(l)) => format!("{}:{l}", clean_excerpt(&e.path)),
                    (None, None) => clean_excerpt(&e.path),
                };

                match &e.excerpt {
                    Some(x) => writeln!(out, "      {}  {}", style.paint("36", &place), x)?,
                    None => writeln!(out, "      {}", style.paint("36", &place))?,
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
    writeln!(out)?;
    writeln!(
        out,
        "{} findings: {} present, {} partial, {} absent, {} unknown",
        report.findings.len(),
        count(Status::Present),
        count(Status::Partial),
        count(Status::Absent),
        count(Status::Unknown)
    )?;
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
