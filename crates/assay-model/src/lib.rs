//! assay's vocabulary: what a scan finds and how it cites it.
//!
//! Nothing here touches the file system; the scanner fills these types and the
//! renderers read them.

mod assessment;
mod category;
pub mod config;
pub mod design;
pub mod detail;
mod diagnostic;
mod finding;
mod forge;
pub mod outline;
pub mod patterns;
pub mod sarif;
mod text;
pub mod vocabulary;

pub use assessment::{
    ASSESSMENT_SCHEMA_VERSION, Assessment, Block, Cell, Cite, Section, Statement,
};
pub use category::{Category, CategoryInfo, Gap, Role};
pub use diagnostic::{Diagnostic, Severity};
pub use finding::{
    Evidence, Exemption, Finding, Repository, SCHEMA_VERSION, ScanReport, Status, Tool,
};
pub use forge::Forge;

pub use text::{
    LineIndex, blank_html_comments, clean_excerpt, redact_url_credentials, strip_control_chars,
};
