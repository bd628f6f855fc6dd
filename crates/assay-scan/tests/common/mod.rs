//! The fixture repository the scan tests share: a plain directory built in a tempdir.

use std::fs;

use assay_model::ScanReport;
use assay_scan::{Catalog, ScanOptions, Snapshot, scan_snapshot};

/// Scan, without history, a plain directory named `folder` holding `files` (path,
/// content); `display` is the name the report gives the project.
pub fn scan_files(folder: &str, display: &str, files: &[(&str, &str)]) -> ScanReport {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join(folder);
    fs::create_dir_all(&root).expect("mkdir");
    for (path, content) in files {
        let p = root.join(path);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, content).expect("write");
    }
    let snapshot = Snapshot::open(&root, false).expect("snapshot");
    let catalog = Catalog::builtin().expect("catalog");
    let opts = ScanOptions {
        no_history: true,
        ..ScanOptions::default()
    };
    scan_snapshot(&snapshot, &catalog, display, &opts)
}
