//! The design half of the draft from findings: feature sentences are quoted and cited at
//! their own line (pinned when the scan pinned it), capped and spread over mechanisms and
//! pages; code-only settings are candidates to confirm; the metadata's URL from a manifest
//! stays a question.

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Repository, ScanReport, Status, Tool};
use serde_json::json;

fn report(findings: Vec<Finding>) -> ScanReport {
    ScanReport {
        schema_version: "1".into(),
        tool: Tool {
            name: "assay".into(),
            version: "0".into(),
        },
        repository: Repository {
            root: "widget".into(),
            commit: None,
            remote: None,
            url: None,
        },
        findings,
    }
}

fn markdown(findings: Vec<Finding>) -> String {
    assay_render::markdown::render(&assay_render::build(&report(findings), "widget"))
}

/// A feature finding with `n` sentences on pages `docs/p{i % pages}.md`, scores falling.
fn feature(kind: &v::FindingKind, n: u32, pages: u32) -> Finding {
    let statements: Vec<_> = (0..n)
        .map(|i| {
            json!({
                "path": format!("docs/{}-{}.md", kind.id, i % pages),
                "line": 10 + i,
                "sentence": format!("Widget {} sentence number {i} by default.", kind.id),
                "heading": "Security",
                "score": 20 - i64::from(i),
            })
        })
        .collect();
    let mut f = Finding::of(kind, "x", "t", Status::Present)
        .with_detail(assay_model::detail::STATEMENTS, json!(statements));
    f.evidence = (0..n)
        .map(|i| {
            let mut e = Evidence::at(format!("docs/{}-{}.md", kind.id, i % pages), 10 + i, "line");
            if i == 0 {
                e.url = Some(format!(
                    "https://example.org/blob/abc/docs/{}-0.md#L10",
                    kind.id
                ));
            }
            e
        })
        .collect();
    f
}

fn section<'m>(md: &'m str, heading: &str) -> &'m str {
    let start = md
        .find(heading)
        .unwrap_or_else(|| panic!("{heading} missing"));
    let rest = &md[start + heading.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

#[test]
fn the_draft_shows_ten_features_spread_over_mechanisms_and_pages() {
    let md = markdown(vec![
        feature(&v::FEATURE_TLS, 30, 3),
        feature(&v::FEATURE_AUTHENTICATION, 30, 1),
        feature(&v::FEATURE_ENCRYPTION, 30, 5),
        feature(&v::FEATURE_AUDIT, 3, 3),
        feature(&v::FEATURE_LIMITS, 3, 3),
        feature(&v::FEATURE_ISOLATION, 3, 3),
    ]);
    let functions = section(&md, "## Security functions and features");
    let items: Vec<&str> = functions
        .lines()
        .filter(|l| l.starts_with("* ") && l.contains('“'))
        .collect();
    assert_eq!(items.len(), 10, "{functions}");
    for kind in [
        &v::FEATURE_TLS,
        &v::FEATURE_AUTHENTICATION,
        &v::FEATURE_ENCRYPTION,
    ] {
        let n = items.iter().filter(|l| l.contains(kind.id)).count();
        assert!(n <= 2, "{} shown {n} times", kind.id);
    }
    // One page gives at most two sentences.
    let auth_pages = items
        .iter()
        .filter(|l| l.contains("docs.feature-authentication-0.md"))
        .count();
    assert!(auth_pages <= 2);
    // The best sentence is cited at its line, with the pinned link the scan made.
    assert!(
        functions.contains("https://example.org/blob/abc/docs/docs.feature-tls-0.md#L10"),
        "{functions}"
    );
    assert!(
        functions.contains("assay found 99 such sentences and shows 10"),
        "{functions}"
    );
}

#[test]
fn code_settings_are_candidates_to_confirm() {
    let mut f = Finding::of(&v::CODE_SECURITY_SETTINGS, "code", "t", Status::Present).with_detail(
        assay_model::detail::STATEMENTS,
        json!([{"path": "pkg/tls.go", "line": 7, "sentence": "MinVersion: tls.VersionTLS12,", "what": "set a minimum TLS version of 1.2"}]),
    );
    f.evidence = vec![Evidence::at(
        "pkg/tls.go",
        7,
        "MinVersion: tls.VersionTLS12,",
    )];
    let md = markdown(vec![f]);
    let functions = section(&md, "## Security functions and features");
    assert!(
        functions.contains("The code appears to set a minimum TLS version of 1.2; confirm"),
        "{functions}"
    );
    assert!(
        functions.contains("[pkg/tls.go:7](pkg/tls.go#L7)"),
        "{functions}"
    );
}

#[test]
fn quoted_markup_is_escaped() {
    let mut f = Finding::of(&v::GOALS, "goals", "t", Status::Present).with_detail(
        assay_model::detail::STATEMENTS,
        json!([{"path": "docs/design.md", "line": 3, "sentence": "Keep <img src=x onerror=alert(1)> and [x](javascript:alert(1)) out.", "heading": "Goals"}]),
    );
    f.evidence = vec![Evidence::at("docs/design.md", 3, "- Keep")];
    let md = markdown(vec![f]);
    let goals = section(&md, "### Goals");
    // Markup is escaped: a tag and a link stay text.
    assert!(
        goals.contains("\\<img") && !goals.contains(" <img"),
        "{goals}"
    );
    assert!(
        goals.contains("\\[x\\]") && !goals.contains("[x](javascript:"),
        "{goals}"
    );
    assert!(
        goals.contains("[docs/design.md:3](docs/design.md#L3)"),
        "{goals}"
    );
}

#[test]
fn a_url_from_a_manifest_is_cited_and_asked_about() {
    let mut f = Finding::of(&v::PROJECT_IDENTITY, "identity", "t", Status::Present)
        .with_detail(assay_model::detail::NAME, "widget")
        .with_detail(assay_model::detail::URL, "https://github.com/acme/widget");
    f.evidence = vec![Evidence::at("go.mod", 1, "module github.com/acme/widget")];
    let md = markdown(vec![f]);
    let row = md
        .lines()
        .find(|l| l.starts_with("| Software |"))
        .expect("a Software row");
    assert!(row.contains("https://github.com/acme/widget"), "{row}");
    assert!(row.contains("[go.mod:1](go.mod#L1)"), "{row}");
    assert!(row.contains("**TODO:**"), "{row}");
}
