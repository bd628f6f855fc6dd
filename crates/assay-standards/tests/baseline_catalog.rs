//! The Baseline table against the catalog's own YAML files, where they are on this machine:
//! the same requirement ids, control titles and levels.

use assay_standards::baseline::catalog::REQUIREMENTS;
use assay_standards::insights::tree::{self, Node};

const SPEC_DIR: &str = "/work/shared/specs/osps-baseline";

#[test]
fn the_table_matches_the_catalog() {
    let Ok(dir) = std::fs::read_dir(SPEC_DIR) else {
        // The specification copies live outside the repository; without them, skip.
        return;
    };
    let mut from_spec = Vec::new();
    for entry in dir.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("OSPS-") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("readable");
        let root = tree::parse(&text).expect("catalog parses");
        for control in root.get("controls").map(Node::items).unwrap_or_default() {
            let title = control
                .get("title")
                .and_then(Node::as_str)
                .unwrap_or_default()
                .trim()
                .to_owned();
            for req in control
                .get("assessment-requirements")
                .map(Node::items)
                .unwrap_or_default()
            {
                let id = req
                    .get("id")
                    .and_then(Node::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let levels: Vec<u8> = req
                    .get("applicability")
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|l| l.as_str()?.strip_prefix("maturity-")?.parse().ok())
                    .collect();
                from_spec.push((id, title.clone(), levels));
            }
        }
    }
    from_spec.sort();
    let mut ours: Vec<(String, String, Vec<u8>)> = REQUIREMENTS
        .iter()
        .map(|r| (r.id.to_owned(), r.control.to_owned(), r.levels.to_vec()))
        .collect();
    ours.sort();
    assert_eq!(ours, from_spec);
}

#[test]
fn ids_are_unique_and_each_says_what_it_looks_for() {
    let mut ids: Vec<&str> = REQUIREMENTS.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), REQUIREMENTS.len());
    for r in REQUIREMENTS {
        assert!(r.looks_for.len() > 15, "{}", r.id);
        assert!(!r.levels.is_empty(), "{}", r.id);
    }
}

#[test]
fn the_readme_documents_every_forge_data_field_and_insights_check() {
    let readme = include_str!("../../../README.md");
    for field in assay_standards::baseline::forge::FIELDS {
        let leaf = field.rsplit('.').next().unwrap_or(field);
        assert!(
            readme.contains(&format!("\"{leaf}\"")),
            "README lacks {field}"
        );
    }
    for check in assay_standards::insights::lint::CHECKS {
        assert!(
            readme.contains(&format!("| {} | {}", check.code, check.name)),
            "README lacks {}",
            check.code
        );
    }
}
