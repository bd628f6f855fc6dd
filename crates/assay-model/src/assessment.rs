//! A self-assessment as data: sections in outline order, each holding cited statements,
//! tables and questions for a person. Markdown, HTML, JSON and user templates are all
//! rendered from this one model, so they always agree.

use serde::{Deserialize, Serialize};

use crate::Repository;

/// Version of the assessment JSON (`assay draft --format json`).
pub const ASSESSMENT_SCHEMA_VERSION: &str = "1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Assessment {
    pub schema_version: String,
    /// The project's name as the repository gives it.
    pub project: String,
    pub repository: Repository,
    pub title: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Section {
    /// Outline id, e.g. `security-links`.
    pub id: String,
    pub heading: String,
    /// Heading level in the rendered document (2 for top sections).
    pub level: u8,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
}

/// Where a statement comes from, ready to link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cite {
    /// Shown text: `path:line` or a short commit id.
    pub label: String,
    /// A pinned forge URL, or a repo-relative path with `#Lline`; absent for commits
    /// without a known forge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

/// One sentence about the repository and what backs it. `cites` is empty only for
/// statements that something was looked for and not found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Statement {
    pub text: String,
    pub cites: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cell {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<Cite>,
    /// The cell needs a person's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// Prose written by assay (no claim about the repository, so no citation).
    Prose { text: String },
    /// A cited statement, as a paragraph.
    Statement(Statement),
    /// A list of cited statements, with an optional lead-in label.
    List {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lead: Option<String>,
        items: Vec<Statement>,
    },
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<Cell>>,
    },
    /// Something only a person can answer, specific to this repository.
    Question { text: String },
    /// A diagram in two renderings made from one graph: Mermaid source for Markdown and a
    /// self-contained SVG for HTML, both escaped by the code that wrote them.
    Diagram { mermaid: String, svg: String },
}

impl Section {
    pub fn new(id: &str, heading: &str, level: u8) -> Section {
        Section {
            id: id.to_owned(),
            heading: heading.to_owned(),
            level,
            blocks: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// Every question in this section and below, in order.
    pub fn questions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for b in &self.blocks {
            match b {
                Block::Question { text } => out.push(text),
                Block::Table { rows, .. } => {
                    out.extend(rows.iter().flatten().filter_map(|c| c.question.as_deref()));
                }
                _ => {}
            }
        }

        for s in &self.sections {
            out.extend(s.questions());
        }
        out
    }
}
