//! Diagnostics as text (with the source line and a caret), JSON, or SARIF 2.1.0.

use std::fmt::Write as _;

use std::path::Path;

use assay_model::sarif;
use assay_model::{Diagnostic, Severity, Tool, strip_control_chars};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::rules::RULES;

/// One document's diagnostics, with its text for excerpts.
pub struct FileReport<'a> {
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// Longest source line shown; longer lines are cut around the column.
const SHOWN_LINE_CHARS: usize = 160;

pub fn text(reports: &[FileReport], color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    };
    let mut out = String::new();
    let mut errors = 0;
    let mut warnings = 0;
    for r in reports {
        for d in r.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            let sev = match d.severity {
                Severity::Error => paint("31;1", "error"),
                Severity::Warning => paint("33;1", "warning"),
            };
            writeln!(
                out,
                "{}:{}:{}: {sev}[{}] {}: {}",
                strip_control_chars(&d.path).replace('\n', " "),
                d.line,
                d.column,
                d.code,
                d.name,
                strip_control_chars(&d.message).replace('\n', " ")
            )
            .ok();
            let (shown, caret_at, caret_len) = excerpt(r.text, d);
            let gutter = d.line.to_string().len();
            writeln!(out, "{} |", " ".repeat(gutter)).ok();
            writeln!(out, "{} | {shown}", d.line).ok();
            writeln!(
                out,
                "{} | {}{}",
                " ".repeat(gutter),
                " ".repeat(caret_at),
                paint("36", &"^".repeat(caret_len.max(1)))
            )
            .ok();
            if let Some(h) = &d.help {
                writeln!(out, "{} = help: {h}", " ".repeat(gutter)).ok();
            }
            out.push('\n');
        }
    }
    writeln!(out, "{errors} error(s), {warnings} warning(s)").ok();
    out
}

/// The diagnostic's line with controls removed and tabs expanded, and where the caret goes.
fn excerpt(text: &str, d: &Diagnostic) -> (String, usize, usize) {
    let start = d.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    // A CRLF line ends before its carriage return.
    let line_end = if text[..line_end].ends_with('\r') && line_end > start {
        line_end - 1
    } else {
        line_end
    };
    let line: Vec<char> = text[line_start..line_end]
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    let col = text[line_start..start].chars().count();
    let len = text[start..d.end.min(line_end).max(start)].chars().count();
    // Keep long lines readable: show a window around the column.
    let from = col.saturating_sub(SHOWN_LINE_CHARS / 2).min(line.len());
    let to = (from + SHOWN_LINE_CHARS).min(line.len());
    let shown: String = line[from..to].iter().collect();
    let caret_len = len.min(to.saturating_sub(col).max(1));
    (shown, col - from, caret_len)
}

/// What `assay lint --format json` prints.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LintReport {
    /// `"1"`; bumped when a field is removed, renamed or retyped.
    pub schema_version: String,
    pub tool: Tool,
    pub summary: LintSummary,
    /// Every diagnostic, file by file in the order given, each file's sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// How many diagnostics of each severity.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LintSummary {
    pub errors: usize,
    pub warnings: usize,
}

pub fn json(reports: &[FileReport]) -> Value {
    let diagnostics: Vec<Diagnostic> = reports
        .iter()
        .flat_map(|r| r.diagnostics)
        .cloned()
        .collect();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let report = LintReport {
        schema_version: "1".to_owned(),
        tool: Tool {
            name: "assay".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        summary: LintSummary {
            errors,
            warnings: diagnostics.len() - errors,
        },
        diagnostics,
    };
    serde_json::to_value(report).unwrap_or(Value::Null)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// SARIF 2.1.0 for lint, every rule described in `tool.driver.rules`.
pub fn sarif(reports: &[FileReport]) -> Value {
    sarif_with(reports, RULES, sarif::Command::Lint)
}

/// SARIF 2.1.0 with the given rule set (lint's or verify's) and the command it comes
/// from, which sets the run's automation id.
pub fn sarif_with(
    reports: &[FileReport],
    rule_set: &[&crate::Rule],
    command: sarif::Command,
) -> Value {
    let rules: Vec<Value> = rule_set
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.summary},
                "help": {"text": r.doc, "markdown": r.doc},
                "defaultConfiguration": {"level": level(r.severity)},
            })
        })
        .collect();
    let cwd = std::env::current_dir().ok();
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            let cwd = cwd.as_deref();
            r.diagnostics.iter().map(move |d| {
                let end_line = {
                    let end = d.end.min(r.text.len());
                    let start = d.start.min(end);
                    d.line + u32::try_from(r.text[start..end].matches('\n').count()).unwrap_or(0)
                };
                json!({
                    "ruleId": d.code,
                    "ruleIndex": rule_set.iter().position(|x| x.code == d.code),
                    "level": level(d.severity),
                    "message": {"text": d.message},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": artifact_uri(&d.path, cwd)},
                            "region": {"startLine": d.line, "startColumn": d.column, "endLine": end_line},
                        }
                    }],
                })
            })
        })
        .collect();
    sarif::log(command, rules, results)
}

/// A document's path as the SARIF log names it: relative to the working directory when
/// it lies under it (a CI job runs from the checkout's root, and code scanning matches
/// paths from there), otherwise as given.
fn artifact_uri(path: &str, cwd: Option<&Path>) -> String {
    let p = Path::new(path);
    let relative = cwd
        .filter(|_| p.is_absolute())
        .and_then(|cwd| p.strip_prefix(cwd).ok())
        .map(|r| r.to_string_lossy().into_owned());
    sarif::relative_uri(relative.as_deref().unwrap_or(path))
}
