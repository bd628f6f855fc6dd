//! Detectors: each turns the snapshot into findings of one kind. Catalog-driven knowledge
//! lives in `catalog/*.toml`; the detectors here hold what a pattern cannot express.

mod catalog_entries;
mod code_features;
mod docs;
mod ecosystem;
mod features;
mod governance;
mod overview;
mod policy;
mod project_shape;
mod prose;
mod review;
mod security_docs;
mod snapshot_health;
mod tests_layout;
mod tool_use;
mod workflows;

use assay_model::Finding;

use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::FileEntry;

pub use docs::is_community_doc;

/// A fact finder.
pub trait Detector: Sync {
    /// Stable name, shown by `assay rules`.
    fn name(&self) -> &'static str;
    /// What it looks at and how it decides, in a few sentences.
    fn doc(&self) -> &'static str;
    /// Does this detector need the content of `entry`?
    fn wants(&self, catalog: &Catalog, entry: &FileEntry) -> bool;
    fn detect(&self, cx: &Context) -> Vec<Finding>;
}

/// Every detector, one line each.
pub static REGISTRY: &[&dyn Detector] = &[
    &catalog_entries::CatalogEntries,
    &policy::SecurityPolicy,
    &workflows::Workflows,
    &tests_layout::TestLayout,
    &review::ReviewRules,
    &security_docs::SecurityDocs,
    &ecosystem::Ecosystem,
    &project_shape::ProjectShape,
    &features::Features,
    &governance::Governance,
    &overview::Overview,
    &code_features::CodeFeatures,
    &snapshot_health::SnapshotHealth,
    &crate::design::Design,
];

/// Trees that hold someone else's code or data (vendored dependencies, third-party
/// sources, test fixtures): neither the project's tests nor its practices. `depends/` is
/// a dependency build tree only at the root; deeper it is as likely the project's code.
pub(crate) fn is_foreign(path: &str) -> bool {
    path.starts_with("depends/")
        || path.split('/').any(|c| {
            matches!(
                c,
                "vendor" | "third_party" | "third-party" | "node_modules" | "testdata" | "external"
            )
        })
}

/// A case-insensitive regex from a pattern written in the source (never from input).
pub(crate) fn ci_regex(pattern: &str) -> regex::Regex {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .unwrap_or_else(|e| unreachable!("static regex {pattern}: {e}"))
}

/// Cap on evidence items per finding; the details keep the full count.
pub(crate) const MAX_EVIDENCE: usize = 12;

/// Keep the first (strongest) evidence items, without duplicates, then sort them.
pub(crate) fn cap_evidence(f: &mut Finding) {
    let mut seen = std::collections::HashSet::new();
    f.evidence.retain(|e| seen.insert(e.clone()));
    if f.evidence.len() > MAX_EVIDENCE {
        f.details
            .insert("evidence_total".into(), f.evidence.len().into());
        f.evidence.truncate(MAX_EVIDENCE);
    }
    f.normalize();
}

#[cfg(test)]
mod registry_tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn detector_names_are_unique_and_documented() {
        let mut seen = HashSet::new();
        for d in REGISTRY {
            assert!(seen.insert(d.name()), "duplicate detector {}", d.name());
            assert!(d.doc().len() > 40, "{} needs documentation", d.name());
        }
    }
}
