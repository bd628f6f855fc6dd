use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Category;

/// Version of the JSON document `assay scan --format json` prints. Bumped on any change
/// that could break a reader (a field removed, renamed or retyped); new fields do not bump it.
pub const SCHEMA_VERSION: &str = "1";

/// How sure a detector is that a practice is in place.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The repository shows the practice working (configured and run, or a complete file).
    Present,
    /// Some of it is there: configured but never run, a policy without a reporting channel.
    Partial,
    /// Looked for and not found.
    Absent,
    /// The detector could not decide (missing objects, unreadable file, shallow history).
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Partial => "partial",
            Status::Absent => "absent",
            Status::Unknown => "unknown",
        }
    }
}

/// Where a statement comes from: a file and line, or (for history facts) a commit range.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Evidence {
    /// Repo-relative path with `/` separators; empty (and left out of JSON) for history
    /// evidence, which names a commit instead.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// A commit id, or a range `oldest..newest`, for facts read from the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// 1-based line, absent when the whole file (or a range) is the evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// A short single-line quote with control characters removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
    /// A link pinned to the scanned commit, when the remote is a known forge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Evidence {
    pub fn file(path: impl Into<String>) -> Evidence {
        Evidence {
            path: path.into(),
            commit: None,
            line: None,
            excerpt: None,
            url: None,
        }
    }

    pub fn at(path: impl Into<String>, line: u32, excerpt: &str) -> Evidence {
        Evidence {
            path: path.into(),
            commit: None,
            line: Some(line),
            excerpt: Some(clean(excerpt)),
            url: None,
        }
    }

    /// A commit (or `a..b` range) with a short description.
    pub fn commit(commit: impl Into<String>, excerpt: &str) -> Evidence {
        Evidence {
            path: String::new(),
            commit: Some(commit.into()),
            line: None,
            excerpt: Some(clean(excerpt)),
            url: None,
        }
    }
}

fn clean(s: &str) -> String {
    crate::text::clean_excerpt(s)
}

/// One fact about the repository, with what backs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// Stable dotted id, e.g. `sast.codeql`.
    pub id: String,
    pub category: Category,
    /// The tool or thing the finding is about, e.g. `codeql`.
    pub subject: String,
    pub title: String,
    pub status: Status,
    pub evidence: Vec<Evidence>,
    /// Figures and lists; an object, possibly empty.
    pub details: Map<String, Value>,
    /// Set when the project's configuration exempts this finding; the status is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption: Option<Exemption>,
}

/// Why a project set a finding aside, as its `.assay.toml` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Exemption {
    /// The project's reason, in its words.
    pub reason: String,
    /// The last day the exemption holds (`YYYY-MM-DD`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

impl Finding {
    pub fn new(
        id: impl Into<String>,
        category: Category,
        subject: impl Into<String>,
        title: impl Into<String>,
        status: Status,
    ) -> Finding {
        Finding {
            id: id.into(),
            category,
            subject: subject.into(),
            title: title.into(),
            status,
            evidence: Vec::new(),
            details: Map::new(),
            exemption: None,
        }
    }

    /// A finding of a declared kind: its id and category come from the declaration.
    pub fn of(
        kind: &crate::vocabulary::FindingKind,
        subject: impl Into<String>,
        title: impl Into<String>,
        status: Status,
    ) -> Finding {
        Finding::new(kind.id, kind.category, subject, title, status)
    }

    #[must_use]
    pub fn with_detail(mut self, key: &str, value: impl Into<Value>) -> Finding {
        self.details.insert(key.to_owned(), value.into());
        self
    }

    /// Sort and de-duplicate evidence so output is the same on every run.
    pub fn normalize(&mut self) {
        self.evidence.sort();
        self.evidence.dedup();
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Repository {
    /// The path as the user gave it.
    pub root: String,
    /// The scanned commit, when the snapshot came from git.
    pub commit: Option<String>,
    /// The `origin` remote with any credentials removed.
    pub remote: Option<String>,
    /// The project's web address on its forge, when the remote is a known forge.
    pub url: Option<String>,
}

/// What `assay scan --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScanReport {
    pub schema_version: String,
    pub tool: Tool,
    pub repository: Repository,
    pub findings: Vec<Finding>,
}

impl ScanReport {
    /// Sort findings by category, then id, so the output is byte-for-byte stable.
    pub fn sort(&mut self) {
        for f in &mut self.findings {
            f.normalize();
        }
        self.findings
            .sort_by(|a, b| (a.category, &a.id).cmp(&(b.category, &b.id)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_excerpt_is_cleaned() {
        let e = Evidence::at("a", 1, "run:\x1b[31m trivy\x07");
        assert_eq!(e.excerpt.as_deref(), Some("run:[31m trivy"));
    }
}
