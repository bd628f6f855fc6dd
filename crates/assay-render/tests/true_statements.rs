//! Regression tests for "every cited statement true as worded", from findings to the
//! rendered draft: signed release tags are signing, actors are cited at their entry point,
//! and channel addresses stay links where the draft is read.

use assay_model::{Category, Evidence, Finding, Repository, ScanReport, Status, Tool};
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

fn html(findings: Vec<Finding>) -> String {
    assay_render::html::render(&assay_render::build(&report(findings), "widget"))
}

/// The Markdown between a bold lead (`**Signing**`) and the next blank line.
fn list_after<'m>(md: &'m str, lead: &str) -> Option<&'m str> {
    let start = md.find(&format!("**{lead}**\n\n"))? + lead.len() + 6;
    let rest = &md[start..];
    Some(&rest[..rest.find("\n\n").unwrap_or(rest.len())])
}

fn releases(signed: u64) -> Finding {
    let mut f = Finding::new(
        "releases",
        Category::History,
        "releases",
        format!("4 version tags between 2025-01-01 and 2026-01-01 (4 annotated, {signed} signed)"),
        Status::Present,
    )
    .with_detail("version_tags", 4)
    .with_detail("signed", signed);
    f.evidence = vec![
        Evidence::commit("1111111111aaaa", "tag v1.0.0 2025-06-01, not signed"),
        Evidence::commit("2222222222bbbb", "tag v1.1.0 2025-09-01, signed (ssh)"),
    ];
    f
}

#[test]
fn signed_release_tags_are_signing_in_the_draft() {
    let md = markdown(vec![releases(3)]);
    let signing = list_after(&md, "Signing").expect("a Signing list");
    assert!(
        signing.contains("3 of 4 version tags in the window carry a signature"),
        "{signing}"
    );
    // The cited example is a signed tag, not the unsigned one.
    assert!(signing.contains("`2222222222`"), "{signing}");
    assert!(!signing.contains("1111111111"), "{signing}");
    assert!(!md.contains("Not found: Signing"));

    let unsigned = markdown(vec![releases(0)]);
    assert!(list_after(&unsigned, "Signing").is_none());
}

#[test]
fn signed_tags_without_a_signed_example_are_asked_not_cited_to_unsigned_ones() {
    let mut f = releases(2);
    // The history's examples happen to be unsigned tags only.
    f.evidence.truncate(1);
    f = f.with_detail(
        "recent",
        json!([
            {"tag": "v1.0.0", "date": "2025-06-01", "annotated": false, "signature": null},
            {"tag": "v0.9.0", "date": "2025-05-01", "annotated": true, "signature": "gpg"},
        ]),
    );
    let md = markdown(vec![f]);
    assert!(
        list_after(&md, "Signing").is_none(),
        "an unsigned tag cited for signing"
    );
    assert!(
        md.contains("> TODO: The history shows 2 of 4 version tags in the window carry a signature (detected, not verified) (v0.9.0)."),
        "{md}"
    );
}

#[test]
fn actors_are_cited_at_their_entry_point() {
    let mut f = Finding::new(
        "ecosystem.components",
        Category::Ecosystem,
        "components",
        "The tree builds 4 program(s): controller, grpc-as, restful-as, widgetctl",
        Status::Present,
    )
    .with_detail(
        "programs",
        json!(["controller", "grpc-as", "restful-as", "widgetctl"]),
    )
    .with_detail(
        "entry_points",
        json!({
            "controller": {"path": "controller/cmd/main.go", "line": 1},
            "grpc-as": {"path": "as/Cargo.toml", "line": 5},
            "restful-as": {"path": "as/Cargo.toml", "line": 9},
            "widgetctl": {"path": "cli/root.go", "line": 3},
        }),
    );
    f.evidence = vec![
        Evidence::at("as/Cargo.toml", 5, "name = \"grpc-as\""),
        Evidence::at("as/Cargo.toml", 9, "name = \"restful-as\""),
        Evidence::at("cli/root.go", 3, "package main"),
        Evidence::at("controller/cmd/main.go", 1, "package main"),
    ];
    let md = markdown(vec![f]);
    assert!(
        md.contains("* Program entry point: controller ([controller/cmd/main.go:1](controller/cmd/main.go#L1))"),
        "{md}"
    );
    assert!(
        md.contains("* Program entry point: widgetctl ([cli/root.go:3](cli/root.go#L3))"),
        "{md}"
    );
    // Two binaries declared in one manifest are each cited at their own line.
    assert!(
        md.contains("* Program entry point: grpc-as ([as/Cargo.toml:5](as/Cargo.toml#L5))"),
        "{md}"
    );
    assert!(
        md.contains("* Program entry point: restful-as ([as/Cargo.toml:9](as/Cargo.toml#L9))"),
        "{md}"
    );
}

fn mailing_list() -> Finding {
    let mut f = Finding::new(
        "comms.mailing-list",
        Category::Comms,
        "mailing-list",
        "Mailing list: referenced by the project's documents",
        Status::Present,
    )
    .with_detail("name", "Mailing list")
    .with_detail(
        "links",
        json!([
            "https://groups.google.com/forum/#!forum/project_widget",
            "https://lists.example.org/list?id=1&view=all",
            "https://lists.example.org/uncited"
        ]),
    );
    // Four places, three cited: what the fourth line names is not listed.
    f.evidence = vec![
        Evidence::at(
            "README.md",
            7,
            "Join widget_dev@lists.example.org or [the forum](https://groups.google.com/forum/#!forum/project_widget).",
        ),
        Evidence::at(
            "README.md",
            8,
            "Archive: <https://lists.example.org/list?id=1&view=all>",
        ),
        Evidence::at(
            "README.md",
            9,
            "Archive (again): <https://lists.example.org/list?id=1&view=all>",
        ),
        Evidence::at(
            "docs/community.md",
            3,
            "Old: <https://lists.example.org/uncited>",
        ),
    ];
    f
}

#[test]
fn channel_links_survive_githubs_markdown_renderer() {
    let md = markdown(vec![mailing_list()]);
    let line = md
        .lines()
        .find(|l| l.starts_with("* Mailing list:"))
        .expect("a mailing-list statement");
    assert_eq!(
        line,
        "* Mailing list: widget_dev@lists.example.org, \
         <https://groups.google.com/forum/#!forum/project_widget>, \
         <https://lists.example.org/list?id=1&view=all> ([README.md:7](README.md#L7), \
         [README.md:8](README.md#L8), [README.md:9](README.md#L9))"
    );
}

#[test]
fn channel_links_are_clickable_in_html() {
    let page = html(vec![mailing_list()]);
    assert!(page.contains(
        "<a href=\"https://groups.google.com/forum/#!forum/project_widget\">https://groups.google.com/forum/#!forum/project_widget</a>"
    ));
    assert!(page.contains(
        "<a href=\"https://lists.example.org/list?id=1&amp;view=all\">https://lists.example.org/list?id=1&amp;view=all</a>"
    ));
    assert!(page.contains(
        "<a href=\"mailto:widget_dev@lists.example.org\">widget_dev@lists.example.org</a>"
    ));
}

#[test]
fn a_tool_only_another_repositorys_workflow_runs_is_said_undecided_not_dropped() {
    let mut f = Finding::new(
        "vuln-scan.fossa",
        Category::VulnScan,
        "fossa",
        "FOSSA: named by a job that calls a reusable workflow of another repository (org/wf/.github/workflows/scan.yaml@v1); a checkout cannot tell whether it runs there",
        Status::Unknown,
    );
    f.evidence.push(Evidence::at(
        ".github/workflows/scan.yaml",
        16,
        "fossa-token: ${{ secrets.FOSSA_TOKEN }}",
    ));
    let md = markdown(vec![f]);
    let line = md
        .lines()
        .find(|l| l.contains("FOSSA: named by a job"))
        .unwrap_or_else(|| panic!("the undecided tool is not in the draft:\n{md}"));
    assert!(line.contains(".github/workflows/scan.yaml:16"), "{line}");
    assert!(md.contains("a checkout cannot tell whether it runs"));
}

#[test]
fn vulnerability_ids_named_are_the_ones_on_the_cited_lines() {
    let mut f = Finding::new(
        "metadata.known-vulnerabilities",
        Category::Metadata,
        "vulnerabilities",
        "3 vulnerability ids",
        Status::Present,
    )
    .with_detail(
        "ids",
        json!(["CVE-2018-0001", "CVE-2024-1111", "CVE-2025-2222"]),
    );
    f.evidence = vec![
        Evidence::at("CHANGELOG.md", 10, "- Fix CVE-2025-2222 in the parser"),
        Evidence::at("CHANGELOG.md", 40, "- Fix CVE-2024-1111"),
    ];
    let md = markdown(vec![f]);
    let line = md
        .lines()
        .find(|l| l.contains("vulnerability id(s)"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        line.contains("the cited lines name CVE-2025-2222, CVE-2024-1111"),
        "{line}"
    );
    assert!(!line.contains("CVE-2018-0001"), "{line}");
}

#[test]
fn a_link_on_a_long_cited_line_is_listed_from_where_the_scan_saw_it() {
    let long = format!(
        "{} [Get an invite](https://slack.example.org)",
        "word ".repeat(40)
    );
    let mut f = Finding::new(
        "comms.slack",
        Category::Comms,
        "slack",
        "Slack: referenced by the project's documents",
        Status::Present,
    )
    .with_detail("name", "Slack")
    .with_detail(
        "links",
        json!(["https://slack.example.org", "https://other.example.org"]),
    )
    .with_detail(
        "link_lines",
        json!({
            "https://slack.example.org": ["README.md:4"],
            "https://other.example.org": ["docs/old.md:2"]
        }),
    );
    // The quote is cut before the link, as long lines' quotes are.
    f.evidence = vec![Evidence::at("README.md", 4, &long)];
    assert!(
        !f.evidence[0]
            .excerpt
            .as_deref()
            .unwrap_or_default()
            .contains("slack.example")
    );
    let md = markdown(vec![f]);
    let line = md
        .lines()
        .find(|l| l.starts_with("* Slack"))
        .expect("a Slack statement");
    assert_eq!(
        line,
        "* Slack: <https://slack.example.org> ([README.md:4](README.md#L4))"
    );
}
