//! A threat-model seed derived from a scan: components, trust boundaries, entry points,
//! assets, what the security documents scope out, and a question per entry point for the
//! maintainers. Every item is cited at the line it rests on and tagged with how it was
//! found: `documented` (the project's documents say it) or `inferred` (code or config).
//!
//! The seed reads the `design.*` findings and the documentation findings of one scan, so
//! it costs no second walk of the tree. Fields the code cannot fill stay empty and carry a
//! question instead.

mod build;
mod describe;
pub mod diagram;
mod json;
mod model;
mod questions;

pub use build::build;
pub use json::{SchemaError, to_schema_json};
pub use model::{
    Asset, Boundary, Component, ComponentKind, Controllable, EntryPoint, Permission, Provenance,
    Question, ScopeNote, ThreatModel, Zone,
};
