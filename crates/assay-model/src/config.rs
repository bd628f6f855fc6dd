//! A project's `.assay.toml`: its name and URL, which rules and findings to report, the
//! findings it sets aside with a reason, and further repositories for `verify`. The file
//! may come from the scanned repository, so it is parsed strictly: an unknown key or a
//! bad value is an error that names the line and column.
//!
//! ```toml
//! [project]
//! name = "Widget"
//! url = "https://github.com/widget-org/widget"
//!
//! [rules]
//! select = ["policy", "sast", "AL004"]
//! ignore = ["comms"]
//!
//! [[exemptions]]
//! id = "fuzzing"
//! reason = "Parsers are generated and covered by property tests."
//! expires = 2027-06-30
//!
//! [verify]
//! repositories = ["../widget-operator"]
//! ```

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

/// Files larger than this are refused: a configuration is a few dozen lines.
pub const MAX_CONFIG_BYTES: usize = 256 * 1024;

/// The conventional file name, at the repository root.
pub const FILE_NAME: &str = ".assay.toml";

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub project: Project,
    #[serde(default)]
    pub rules: Rules,
    #[serde(default)]
    pub exemptions: Vec<ExemptionEntry>,
    #[serde(default)]
    pub verify: Verify,
}

/// `[project]`: what the draft's metadata calls the project.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub name: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
}

/// `[rules]`: which findings and diagnostics to report. Each entry is a finding id
/// (`sast.codeql`), a category id (`sast`: every finding of it), or a lint or verify rule
/// code or name (`AL004`, `draft-leftover`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default)]
    pub select: Vec<Spanned<String>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
}

/// One `[[exemptions]]` entry: a finding the project sets aside, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExemptionEntry {
    /// A finding id or category id, as in `[rules]`.
    pub id: Spanned<String>,
    pub reason: Spanned<String>,
    /// The last day it holds: a TOML date (`2027-06-30`) or the same as a string.
    pub expires: Option<Spanned<toml::Value>>,
}

/// `[verify]`: more checkouts `assay verify` reads besides `--repo`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verify {
    #[serde(default)]
    pub repositories: Vec<Spanned<String>>,
}

/// A problem in the file, placed by line and column (1-based, in characters).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ConfigError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl ConfigError {
    /// An error at a byte range of `text`.
    pub fn at(text: &str, span: Option<Range<usize>>, message: impl Into<String>) -> ConfigError {
        let (line, column) = span.map_or((1, 1), |s| position(text, s.start));
        ConfigError {
            line,
            column,
            message: crate::strip_control_chars(&message.into()).replace('\n', " "),
        }
    }
}

/// 1-based line and character column of a byte offset.
fn position(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// Longest reason, id or URL kept; longer values are refused, not cut.
const MAX_VALUE_CHARS: usize = 1000;

impl Config {
    /// Parse and check the values that need no catalog: sizes, URLs, dates, reasons.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        if text.len() > MAX_CONFIG_BYTES {
            return Err(ConfigError::at(
                text,
                None,
                format!("the file is larger than {MAX_CONFIG_BYTES} bytes"),
            ));
        }
        let config: Config =
            toml::from_str(text).map_err(|e| ConfigError::at(text, e.span(), e.message()))?;
        config.check(text)?;
        Ok(config)
    }

    fn check(&self, text: &str) -> Result<(), ConfigError> {
        let err = |s: &Spanned<String>, m: &str| ConfigError::at(text, Some(s.span()), m);
        let strings = self
            .project
            .name
            .iter()
            .chain(&self.project.url)
            .chain(&self.rules.select)
            .chain(&self.rules.ignore)
            .chain(self.exemptions.iter().flat_map(|x| [&x.id, &x.reason]))
            .chain(&self.verify.repositories);
        for s in strings {
            if s.get_ref().chars().count() > MAX_VALUE_CHARS {
                return Err(err(s, "the value is longer than 1000 characters"));
            }
            if s.get_ref().chars().any(char::is_control) {
                return Err(err(s, "the value contains control characters"));
            }
        }
        if let Some(name) = &self.project.name
            && name.get_ref().trim().is_empty()
        {
            return Err(err(name, "the project name is empty"));
        }
        if let Some(url) = &self.project.url
            && !is_web_url(url.get_ref())
        {
            return Err(err(
                url,
                "the project URL must be an http:// or https:// address without spaces",
            ));
        }
        for x in &self.exemptions {
            if x.reason.get_ref().trim().is_empty() {
                return Err(err(&x.reason, "an exemption needs a reason"));
            }
            x.expires_on(text)?;
        }
        for r in &self.verify.repositories {
            if r.get_ref().trim().is_empty() {
                return Err(err(r, "a repository path is empty"));
            }
        }
        Ok(())
    }
}

impl ExemptionEntry {
    /// The expiry date as `YYYY-MM-DD`, checked to be a real calendar day.
    pub fn expires_on(&self, text: &str) -> Result<Option<String>, ConfigError> {
        let Some(v) = &self.expires else {
            return Ok(None);
        };
        let raw = match v.get_ref() {
            toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
            toml::Value::String(s) => s.clone(),
            _ => String::new(),
        };
        match parse_date(&raw) {
            Some(date) => Ok(Some(date)),
            None => Err(ConfigError::at(
                text,
                Some(v.span()),
                "`expires` must be a date such as 2027-06-30",
            )),
        }
    }
}

/// `YYYY-MM-DD` naming a real day (leap years included), returned as written.
fn parse_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |r: Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then(|| s.to_owned())
}

fn is_web_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !s.chars().any(|c| c.is_whitespace() || "<>\"`".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> ConfigError {
        Config::parse(text).expect_err("should be refused")
    }

    #[test]
    fn a_full_file_parses() {
        let c = Config::parse(
            "[project]\nname = \"Widget\"\nurl = \"https://example.org/w\"\n\n[rules]\nselect = [\"sast\"]\nignore = [\"comms\"]\n\n[[exemptions]]\nid = \"fuzzing\"\nreason = \"not yet\"\nexpires = 2027-06-30\n\n[verify]\nrepositories = [\"../other\"]\n",
        )
        .expect("valid");
        assert_eq!(
            c.project.name.map(Spanned::into_inner).as_deref(),
            Some("Widget")
        );
        assert_eq!(c.rules.select.len(), 1);
        assert_eq!(
            c.exemptions[0].expires_on("").expect("date").as_deref(),
            Some("2027-06-30")
        );
        assert_eq!(c.verify.repositories[0].get_ref(), "../other");
    }

    #[test]
    fn unknown_keys_are_placed() {
        let e = error("[project]\nname = \"x\"\ncolour = \"red\"\n");
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("colour"), "{e}");
        let e = error("[projekt]\n");
        assert_eq!((e.line, e.column), (1, 2));
    }

    #[test]
    fn bad_values_are_placed() {
        let e = error("[[exemptions]]\nid = \"fuzzing\"\n");
        assert!(e.message.contains("reason"), "{e}");
        let e = error("[[exemptions]]\nid = \"fuzzing\"\nreason = \"  \"\n");
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (3, 10, "an exemption needs a reason")
        );
        let e = error("[[exemptions]]\nid = \"a\"\nreason = \"r\"\nexpires = \"2026-02-31\"\n");
        assert_eq!((e.line, e.column), (4, 11));
        let e = error("[project]\nurl = \"javascript:alert(1)\"\n");
        assert_eq!((e.line, e.column), (2, 7));
        let e = error("[rules]\nselect = \"sast\"\n");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn hostile_values_are_refused() {
        let e = error("[project]\nname = \"a\\u001b[31mb\"\n");
        assert!(e.message.contains("control"), "{e}");
        let big = format!("# {}\n", "x".repeat(MAX_CONFIG_BYTES));
        assert!(error(&big).message.contains("larger"));
        let long = format!("[project]\nname = \"{}\"\n", "n".repeat(2000));
        assert!(error(&long).message.contains("longer"));
    }

    #[test]
    fn dates_are_real_days() {
        assert!(parse_date("2028-02-29").is_some());
        assert!(parse_date("2027-02-29").is_none());
        assert!(parse_date("2027-13-01").is_none());
        assert!(parse_date("27-01-01").is_none());
    }
}
