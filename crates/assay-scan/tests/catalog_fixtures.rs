//! Every catalog entry is found by its own fixture (`catalog_fixtures.toml`), and every
//! entry has one. Fixtures are plain directories: the catalog does not depend on git.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use assay_scan::{Catalog, Snapshot, scan_snapshot};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixtures {
    fixture: Vec<Fixture>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    id: String,
    expect: String,
    uses: Option<String>,
    run: Option<String>,
    readme: Option<String>,
    #[serde(default)]
    files: BTreeMap<String, String>,
}

fn load() -> Vec<Fixture> {
    let text = include_str!("catalog_fixtures.toml");
    match toml::from_str::<Fixtures>(text) {
        Ok(f) => f.fixture,
        Err(e) => panic!("catalog_fixtures.toml: {e}"),
    }
}

/// The fixture tree lives in `<tmp>/proj`, so the project is called `proj`.
fn build(f: &Fixture) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |rel: &str, content: &str| {
        let p = dir.path().join("proj").join(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, content).expect("write");
    };
    if f.uses.is_some() || f.run.is_some() {
        let mut wf = String::from(
            "on:\n  pull_request:\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n",
        );
        if let Some(u) = &f.uses {
            wf += "      - uses: ";
            wf += u;
            wf += "\n";
        }
        if let Some(r) = &f.run {
            wf += "      - run: ";
            wf += &serde_json::to_string(r).expect("quote");
            wf += "\n";
        }
        write(".github/workflows/ci.yml", &wf);
    }
    if let Some(r) = &f.readme {
        write("README.md", r);
    }
    for (path, content) in &f.files {
        write(path, content);
    }
    dir
}

#[test]
fn every_fixture_finds_its_entry_with_the_expected_status() {
    let catalog = Catalog::builtin().expect("catalog");
    let mut failures = Vec::new();
    for f in load() {
        let dir = build(&f);
        let root = dir.path().join("proj");
        fs::create_dir_all(&root).expect("mkdir");
        let snapshot = Snapshot::open(&root, false).expect("snapshot");
        let report = scan_snapshot(
            &snapshot,
            &catalog,
            "fixture",
            &assay_scan::ScanOptions::default(),
        );
        let got = report
            .findings
            .iter()
            .find(|x| x.id == f.id)
            .map_or("missing", |x| x.status.as_str());
        if got != f.expect {
            failures.push(format!("{}: expected {}, got {got}", f.id, f.expect));
        }
        // Evidence for a present finding must point into the fixture.
        if let Some(found) = report.findings.iter().find(|x| x.id == f.id) {
            for e in &found.evidence {
                assert!(
                    root.join(&e.path).exists(),
                    "{}: evidence {} does not exist",
                    f.id,
                    e.path
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_catalog_entry_has_a_fixture() {
    let catalog = Catalog::builtin().expect("catalog");
    let covered: BTreeSet<String> = load()
        .into_iter()
        .filter(|f| f.expect != "missing")
        .map(|f| f.id)
        .collect();
    let uncovered: Vec<&str> = catalog
        .entries
        .iter()
        .map(|e| e.spec.id.as_str())
        .filter(|id| !covered.contains(*id))
        .collect();
    assert!(
        uncovered.is_empty(),
        "catalog entries without a fixture: {uncovered:?}"
    );
}
