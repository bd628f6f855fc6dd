//! One file per rule: its code, name, severity, documentation and check. `RULES` lists
//! them, one line each.

use std::ops::Range;
use std::path::Path;

use assay_model::Severity;

use crate::document::Document;

mod broken_relative_link;
mod broken_toc_anchor;
mod channels_missing_parts;
mod draft_leftover;
mod duplicate_heading;
mod empty_metadata_field;
mod empty_section;
mod invalid_assessment_stage;
mod invalid_security_provider;
mod metadata;
pub use metadata::row as metadata_row;
mod no_reporting_channel;
mod outline_example_text;
mod required_section_missing;
mod section_out_of_order;
mod security_links_without_policy;
mod software_not_repository_url;

pub struct Context<'a> {
    pub doc: &'a Document,
    /// The repository the document describes, for resolving relative links.
    pub repo: Option<&'a Path>,
    /// The outline revision the document is checked against.
    pub outline: crate::OutlineVersion,
}

/// Something a rule found.
pub struct Hit {
    pub range: Range<usize>,
    pub message: String,
}

impl Hit {
    pub fn new(range: Range<usize>, message: impl Into<String>) -> Hit {
        Hit {
            range,
            message: message.into(),
        }
    }
}

pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// What, why, an example and how to fix, in Markdown.
    pub doc: &'static str,
    /// How to fix, in one line (shown under each diagnostic).
    pub help: &'static str,
    pub check: fn(&Context) -> Vec<Hit>,
}

pub static RULES: &[&Rule] = &[
    &required_section_missing::RULE,
    &empty_section::RULE,
    &outline_example_text::RULE,
    &draft_leftover::RULE,
    &invalid_assessment_stage::RULE,
    &invalid_security_provider::RULE,
    &software_not_repository_url::RULE,
    &empty_metadata_field::RULE,
    &security_links_without_policy::RULE,
    &broken_toc_anchor::RULE,
    &broken_relative_link::RULE,
    &duplicate_heading::RULE,
    &channels_missing_parts::RULE,
    &no_reporting_channel::RULE,
    &section_out_of_order::RULE,
];

impl Rule {
    /// A diagnostic of this rule at `range` of `doc`, shown under `path`: the one place
    /// byte ranges become line and column.
    pub fn diagnostic(
        &self,
        doc: &Document,
        path: &str,
        range: Range<usize>,
        message: String,
    ) -> assay_model::Diagnostic {
        let start = range.start.min(doc.text.len());
        let line_start = doc.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = doc
            .text
            .get(line_start..start)
            .map_or(1, |s| s.chars().count() + 1);
        assay_model::Diagnostic {
            code: self.code.to_owned(),
            name: self.name.to_owned(),
            severity: self.severity,
            message,
            path: path.to_owned(),
            start: range.start,
            end: range.end.max(range.start),
            line: doc.lines.line_of(range.start),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            help: Some(self.help.to_owned()),
        }
    }
}

pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_documented() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            assert!(seen.insert(r.name), "duplicate name {}", r.name);
            assert!(r.code.starts_with("AL") && r.code.len() == 5, "{}", r.code);
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.name
            );
            for part in ["## What", "## Why", "## Example", "## Fix"] {
                assert!(r.doc.contains(part), "{} lacks {part}", r.code);
            }
        }
    }
}
