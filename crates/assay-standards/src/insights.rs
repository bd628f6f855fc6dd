//! Security Insights v2.2.0: the schema as data ([`schema`]), a validator with positions
//! ([`validate`]), typed structs ([`model`]), a writer that fills a document from a scan
//! ([`write`]) and a checker for an existing file ([`lint`]).

pub mod lint;
pub mod model;
pub mod schema;
pub mod tree;
pub mod validate;
pub mod write;
