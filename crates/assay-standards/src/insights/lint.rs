//! `assay lint SECURITY-INSIGHTS.yml`: which version of the format a file follows, the
//! v2 validation, what a v1 file must move where in v2, and (given the repository) which
//! values the repository no longer backs.

use std::collections::BTreeSet;

use assay_model::{ScanReport, Status, detail, vocabulary as v};
use serde::Serialize;
use serde_json::Value;

use super::tree::{self, Node, Pos, Value as YamlValue};
use super::validate::{self, Problem, ProblemKind};

/// Which Security Insights format a file follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The 1.x format (its `header` has `expiration-date`, `project-lifecycle` etc.).
    V1,
    /// The 2.x format.
    V2,
    /// Neither could be told (the file is not a mapping, or not YAML).
    Unknown,
}

/// A finding of the Security Insights check, before it becomes a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub code: &'static str,
    pub name: &'static str,
    pub warning: bool,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub help: Option<&'static str>,
}

/// Each kind of check: code, name, whether it only warns, one line on how to fix.
pub struct CheckKind {
    pub code: &'static str,
    pub name: &'static str,
    pub warning: bool,
    pub summary: &'static str,
    pub help: &'static str,
}

macro_rules! checks {
    ($($c:ident = $code:literal, $name:literal, $warn:literal, $summary:literal, $help:literal;)*) => {
        $(pub static $c: CheckKind = CheckKind { code: $code, name: $name, warning: $warn, summary: $summary, help: $help };)*
        /// Every check, in code order.
        pub static CHECKS: &[&CheckKind] = &[$(&$c),*];
    };
}

checks! {
    NOT_YAML = "SI001", "si-not-yaml", false, "The file is not YAML this checker reads.", "Fix the YAML at the position given; aliases, duplicate keys and several documents are refused.";
    UNKNOWN_FIELD = "SI002", "si-unknown-field", false, "A field the v2 schema does not define.", "Check the spelling against the Security Insights v2.2.0 schema, or remove the field.";
    MISSING_FIELD = "SI003", "si-missing-field", false, "A field the v2 schema requires is missing.", "Add the field; `assay insights` writes a complete document to start from.";
    WRONG_TYPE = "SI004", "si-wrong-type", false, "A value of the wrong kind (text, true/false, list or mapping).", "Write the value as the schema asks: quote text, use bare true or false for booleans.";
    BAD_FORMAT = "SI005", "si-bad-format", false, "A URL, email, date, version or SPDX expression that is not well formed.", "Write URLs with http:// or https://, dates as YYYY-MM-DD, licences as SPDX expressions.";
    NOT_ALLOWED = "SI006", "si-value-not-allowed", false, "A value outside the schema's list of allowed words.", "Use one of the allowed words exactly as written in the schema.";
    TOO_FEW = "SI007", "si-empty-list", false, "A list that must have at least one entry is empty.", "Add at least one entry.";
    STRUCTURE = "SI008", "si-structure", false, "The file's sections do not fit its kind (single, parent or child file).", "A child file sets header.project-si-source and has a repository section; any other file has a project section.";
    OLD_FORMAT = "SI010", "si-v1-format", false, "The file follows the 1.x format, which v2 replaced.", "Move each v1 section to its v2 place (see the message), or run `assay insights` and carry over what the project added by hand.";
    STALE_LINK = "SI020", "si-stale-link", false, "A link to a file of this repository that is no longer in it.", "Point the link at the file's new place, or remove it.";
    STALE_VALUE = "SI021", "si-stale-value", true, "A value the repository now contradicts.", "Update the value to what the repository shows, or confirm it by hand.";
    TODO_LEFT = "SI030", "si-todo-left", true, "A value still marked TODO.", "Replace the TODO text with the real value before publishing.";
}

impl Check {
    fn new(kind: &CheckKind, pos: Pos, message: String) -> Check {
        Check {
            code: kind.code,
            name: kind.name,
            warning: kind.warning,
            line: pos.line,
            column: pos.column,
            message,
            help: Some(kind.help),
        }
    }
}

fn kind_of(p: ProblemKind) -> &'static CheckKind {
    match p {
        ProblemKind::Yaml => &NOT_YAML,
        ProblemKind::UnknownField => &UNKNOWN_FIELD,
        ProblemKind::MissingField => &MISSING_FIELD,
        ProblemKind::WrongType => &WRONG_TYPE,
        ProblemKind::BadFormat => &BAD_FORMAT,
        ProblemKind::NotAllowed => &NOT_ALLOWED,
        ProblemKind::TooFew => &TOO_FEW,
        ProblemKind::Structure => &STRUCTURE,
    }
}

fn from_problem(p: &Problem) -> Check {
    let mut c = Check::new(
        kind_of(p.kind),
        Pos {
            line: p.line,
            column: p.column,
        },
        p.message.clone(),
    );
    c.warning = c.warning || p.warning;
    c
}

/// What the repository shows, for the staleness checks.
pub struct RepoView<'a> {
    /// Whether a path (file or folder) is in the repository.
    pub exists: &'a dyn Fn(&str) -> bool,
    /// The repository's web address, when its remote is on a known forge.
    pub web_url: Option<&'a str>,
    pub report: &'a ScanReport,
}

/// The outcome for one file.
#[derive(Debug, Clone, Serialize)]
pub struct Linted {
    pub format: Format,
    pub checks: Vec<Check>,
}

/// Check one Security Insights file.
pub fn lint(text: &str, repo: Option<&RepoView>) -> Linted {
    let root = match tree::parse(text) {
        Ok(r) => r,
        Err(e) => {
            return Linted {
                format: Format::Unknown,
                checks: vec![Check::new(&NOT_YAML, e.pos(), e.message())],
            };
        }
    };
    let format = format_of(&root);
    let mut checks = match format {
        Format::V1 => v1_migration(&root),
        Format::V2 | Format::Unknown => {
            validate::validate(&root).iter().map(from_problem).collect()
        }
    };
    if format == Format::V2 {
        todo_left(&root, &mut checks);
        if let Some(repo) = repo {
            super::stale::stale(&root, repo, &mut checks);
        }
    }
    checks.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    Linted { format, checks }
}

/// The v1 top-level sections, each with where its content goes in v2.
const V1_SECTIONS: &[(&str, &str)] = &[
    (
        "project-lifecycle",
        "repository.status, repository.bug-fixes-only, project.roadmap and repository.core-team",
    ),
    (
        "contribution-policy",
        "repository.accepts-change-request, repository.accepts-automated-change-request and repository.documentation.contributing-guide",
    ),
    (
        "distribution-points",
        "repository.release.distribution-points",
    ),
    (
        "security-artifacts",
        "repository.security.assessments (self) and project.documentation",
    ),
    (
        "security-assessments",
        "repository.security.assessments.third-party",
    ),
    (
        "security-contacts",
        "project.vulnerability-reporting.contact and repository.security.champions",
    ),
    (
        "security-testing",
        "repository.security.tools, each with its type and integration",
    ),
    ("vulnerability-reporting", "project.vulnerability-reporting"),
    (
        "dependencies",
        "repository.documentation.dependency-management-policy and repository.security.tools",
    ),
];

fn format_of(root: &Node) -> Format {
    // The layout decides: a file that declares 2.x but keeps the v1 sections is still v1.
    let v1_layout = V1_SECTIONS.iter().any(|(k, _)| root.get(k).is_some())
        || root.at(&["header", "expiration-date"]).is_some();
    let version = root
        .at(&["header", "schema-version"])
        .and_then(Node::as_str);
    match version {
        _ if v1_layout => Format::V1,
        Some(s) if s.starts_with("1.") => Format::V1,
        _ if matches!(root.value, YamlValue::Map(_)) => Format::V2,
        _ => Format::Unknown,
    }
}

/// The `schema-version` the file declares.
pub fn declared_version(text: &str) -> Option<String> {
    let root = tree::parse(text).ok()?;
    root.at(&["header", "schema-version"])
        .and_then(Node::as_str)
        .map(assay_model::clean_excerpt)
}

fn v1_migration(root: &Node) -> Vec<Check> {
    let declared = root.at(&["header", "schema-version"]);
    let opening = match declared.and_then(Node::as_str) {
        Some(v) if !v.starts_with("1.") => format!(
            "the file declares schema-version {} but is laid out in the 1.x format",
            assay_model::clean_excerpt(v)
        ),
        _ => "this is a Security Insights 1.x file".to_owned(),
    };
    let mut out = vec![Check::new(
        &OLD_FORMAT,
        declared.map_or(Pos { line: 1, column: 1 }, |n| n.pos),
        format!(
            "{opening}; the current format is 2.2.0, which splits the file into header, project and repository sections"
        ),
    )];
    if let YamlValue::Map(entries) = &root.value {
        for e in entries {
            if let Some((_, to)) = V1_SECTIONS.iter().find(|(k, _)| *k == e.key) {
                out.push(Check::new(
                    &OLD_FORMAT,
                    e.key_pos,
                    format!("the v1 section `{}` moves to {to} in v2", e.key),
                ));
            }
        }
    }
    if let Some(n) = root.at(&["header", "expiration-date"]) {
        out.push(Check::new(
            &OLD_FORMAT,
            n.pos,
            "v2 has no `expiration-date`: `last-reviewed` and `last-updated` say how fresh the file is".into(),
        ));
    }
    out
}

/// String values still beginning with `TODO:` (as `assay insights` writes them).
fn todo_left(node: &Node, out: &mut Vec<Check>) {
    match &node.value {
        YamlValue::Scalar(s) if s.text.trim_start().starts_with(super::emit::TODO) => {
            out.push(Check::new(
                &TODO_LEFT,
                node.pos,
                format!(
                    "still a placeholder: {}",
                    assay_model::clean_excerpt(&s.text)
                ),
            ));
        }
        YamlValue::Scalar(_) => {}
        YamlValue::Seq(items) => items.iter().for_each(|n| todo_left(n, out)),
        YamlValue::Map(entries) => entries.iter().for_each(|e| todo_left(&e.value, out)),
    }
}

/// Lower-case names of the security tools the scan finds (present or partial).
pub fn scanned_tool_names(report: &ScanReport) -> BTreeSet<String> {
    report
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Present | Status::Partial))
        .filter(|f| !v::is_category_summary(&f.id))
        .flat_map(|f| {
            let name = f
                .details
                .get(detail::NAME)
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase);
            [Some(f.subject.to_ascii_lowercase()), name]
        })
        .flatten()
        .collect()
}
