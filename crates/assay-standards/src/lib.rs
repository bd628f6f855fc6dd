//! Structured documents built from a scan for other tools to read: a Security Insights
//! file, an OSPS Baseline report, a threat-model seed. Each lives in its own module and
//! reads findings through the declared vocabulary in `assay-model`, never through
//! string literals.

pub mod baseline;
pub mod insights;
pub mod threat_model;
