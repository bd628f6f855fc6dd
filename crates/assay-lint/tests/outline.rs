//! Each outline revision: a document written against it is detected as following it and is
//! checked against it, and the note says why. Fixtures in `fixtures/outline/<revision>.md`.

use std::path::{Path, PathBuf};

use assay_lint::output::{FileReport, text};
use assay_lint::{LintOptions, OutlineChoice, OutlineVersion, lint_text_against};

fn fixture(name: &str) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/outline")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    (path, text)
}

/// The note and the text report, as a user sees them.
fn shown(name: &str, choice: OutlineChoice) -> (OutlineVersion, String) {
    let (_, src) = fixture(name);
    let opts = LintOptions {
        outline: choice,
        ..LintOptions::default()
    };
    let (diags, detection) =
        lint_text_against(name, name, src.clone(), None, &opts).unwrap_or_else(|e| panic!("{e}"));
    let report = [FileReport {
        text: &src,
        diagnostics: &diags,
    }];
    let out = format!("note: {}\n\n{}", detection.note(name), text(&report, false));
    (detection.version, out)
}

#[test]
fn each_revision_is_detected_and_linted_against() {
    for version in OutlineVersion::ALL {
        let name = format!("{version}.md");
        let (detected, auto) = shown(&name, OutlineChoice::Auto);
        assert_eq!(detected, version, "{name}: {auto}");
        // Older documents, checked against the current outline instead: what it adds.
        let current = if version == OutlineVersion::CURRENT {
            String::new()
        } else {
            shown(&name, OutlineChoice::Fixed(OutlineVersion::CURRENT)).1
        };
        insta::assert_snapshot!(
            format!("outline-{version}"),
            format!("--- --outline auto\n{auto}\n--- --outline current\n{current}")
        );
    }
}

#[test]
fn older_revisions_pass_clean_and_the_current_one_reports_its_gap() {
    for version in [
        OutlineVersion::V2019,
        OutlineVersion::V2021,
        OutlineVersion::V2023,
    ] {
        let (_, src) = fixture(&format!("{version}.md"));
        let (diags, _) = lint_text_against("x.md", "x.md", src, None, &LintOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(diags.is_empty(), "{version}: {diags:#?}");
    }
    let (_, src) = fixture("2024.md");
    let (diags, _) = lint_text_against("x.md", "x.md", src, None, &LintOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["AL001"]);
    assert!(diags[0].message.contains("\"Incident Response\""));
}

#[test]
fn a_chosen_revision_wins_over_detection() {
    let (_, src) = fixture("2019.md");
    let opts = LintOptions {
        outline: "2021".parse().unwrap_or_else(|e| panic!("{e}")),
        ..LintOptions::default()
    };
    let (diags, detection) =
        lint_text_against("x.md", "x.md", src, None, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(detection.version, OutlineVersion::V2021);
    assert!(detection.reason.contains("--outline"));
    let missing: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "AL001")
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        missing
            .iter()
            .any(|m| m.contains("2021 outline's \"Self-assessment use\"")),
        "{missing:#?}"
    );
}

#[test]
fn a_document_with_nothing_telling_is_checked_against_the_current_outline() {
    let (diags, detection) = lint_text_against(
        "x.md",
        "x.md",
        "# Notes\n\nNothing here yet.\n".into(),
        None,
        &LintOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(detection.version, OutlineVersion::CURRENT);
    assert!(diags.iter().any(|d| d.message.contains("\"Actors\"")));
}

/// The human assessments in the shared corpus, when it is there: each is detected as the
/// revision its headings say, and none fails on a section its revision did not have.
#[test]
fn corpus_assessments_are_checked_against_their_own_revision() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/self-assessments");
    if !dir.is_dir() {
        // Not every checkout has the shared corpus beside it.
        return;
    }
    let expected = [
        ("buildpacks", OutlineVersion::V2019),
        ("harbor", OutlineVersion::V2019),
        ("opa", OutlineVersion::V2019),
        ("spiffe-spire", OutlineVersion::V2019),
        ("kyverno", OutlineVersion::V2021),
        ("antrea", OutlineVersion::V2024),
        ("confidential-containers", OutlineVersion::V2024),
    ];
    for (name, version) in expected {
        let Ok(src) = std::fs::read_to_string(dir.join(format!("{name}.md"))) else {
            continue;
        };
        let (diags, detection) = lint_text_against(name, name, src, None, &LintOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(detection.version, version, "{name}: {}", detection.reason);
        for d in diags.iter().filter(|d| d.code == "AL001") {
            for newer in ["\"Actors\"", "\"Actions\"", "\"Self-assessment use\""] {
                assert!(
                    version >= OutlineVersion::V2023 || !d.message.contains(newer),
                    "{name}: {}",
                    d.message
                );
            }
        }
    }
}
