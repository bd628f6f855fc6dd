//! Structured documents built from a scan for other tools to read: a Security Insights
//! file, an OSPS Baseline report, a threat-model seed. Each lives in its own module and
//! reads findings through the declared vocabulary in `assay-model`, never through
//! string literals.

pub mod baseline;
pub mod insights;
pub mod threat_model;

/// The project's own files for the Baseline's file checks: regular files, third-party,
/// vendored and test-data trees left out (they are someone else's), sorted.
#[cfg(feature = "scan")]
pub fn baseline_files(snapshot: &assay_scan::Snapshot) -> Vec<String> {
    let attrs = if snapshot.exists(".gitattributes") {
        snapshot.read_many(&[".gitattributes".to_owned()])
    } else {
        assay_scan::Contents::default()
    };
    let third_party = assay_scan::third_party::ThirdParty::from_gitattributes(
        attrs.get(".gitattributes").unwrap_or(""),
    );
    let mut files: Vec<String> = snapshot
        .files()
        .iter()
        .filter(|f| f.kind == assay_scan::EntryKind::File)
        .map(|f| f.path.clone())
        .filter(|p| !third_party.contains(p))
        .collect();
    files.sort();
    files
}
