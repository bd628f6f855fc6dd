//! `assay draft`: the self-assessment written from a fixture repository.

mod common;

use std::fs;

use common::{Fixture, assay, json, sample_project, stderr, stdout};

#[test]
fn sample_project_markdown_draft() {
    let f = sample_project();
    let out = assay(&["draft", "."], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let first = stdout(&out);
    let again = stdout(&assay(&["draft", "."], Some(f.path())));
    assert_eq!(first, again, "the draft differs between runs");
    insta::assert_snapshot!("sample_project_draft", first);
}

#[test]
fn every_outline_section_is_present_in_order() {
    let f = sample_project();
    let md = stdout(&assay(&["draft", "."], Some(f.path())));
    let mut last = 0;
    for heading in assay_model::outline::OUTLINE.iter().map(|s| s.heading) {
        let at = md
            .find(&format!(" {heading}\n"))
            .unwrap_or_else(|| panic!("missing section {heading}"));
        assert!(at > last, "{heading} is out of order");
        last = at;
    }
    assert!(md.contains("## Gaps and next steps"));
}

#[test]
fn statements_cite_and_questions_are_marked() {
    let f = sample_project();
    let md = stdout(&assay(&["draft", "."], Some(f.path())));
    // Bullet statements carry a citation unless they report something not found.
    for line in md
        .lines()
        .filter(|l| l.starts_with("* ") && !l.contains("](#"))
    {
        let cited = line.contains("](https://github.com/sample-org/sample/blob/")
            || line.contains("](https://github.com/sample-org/sample/commit/");
        assert!(
            cited || line.starts_with("* Not found:") || line.starts_with("* No "),
            "uncited statement: {line}"
        );
    }
    let questions = md.lines().filter(|l| l.starts_with("> TODO: ")).count();
    assert!(questions >= 12, "only {questions} questions");
    // Questions name the project, not a placeholder.
    assert!(!md.contains("[project]"));
    assert!(md.contains("Is sample's primary purpose to secure"));
}

#[test]
fn json_is_the_model_the_markdown_is_rendered_from() {
    let f = sample_project();
    let model = json(&assay(&["draft", ".", "--format", "json"], Some(f.path())));
    assert_eq!(model["schema_version"], "1");
    assert_eq!(model["project"], "sample");
    let ids: Vec<&str> = model["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "metadata",
            "overview",
            "self-assessment-use",
            "security-functions-and-features",
            "project-compliance",
            "secure-development-practices",
            "security-issue-resolution",
            "appendix",
            "threat-model-seed",
            "gaps-and-next-steps"
        ]
    );
}

#[test]
fn a_user_template_renders_the_same_model() {
    let f = sample_project();
    let tpl = f.path().join("mine.j2");
    fs::write(
        &tpl,
        "{{ assessment.title }}\n{% for s in assessment.sections %}- {{ s.heading }} ({{ s.sections | length }})\n{% endfor %}",
    )
    .expect("template");
    let out = assay(&["draft", ".", "--template", "mine.j2"], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("sample_project_template", stdout(&out));
}

#[test]
fn a_broken_template_fails_with_exit_2() {
    let f = sample_project();
    fs::write(f.path().join("bad.j2"), "{% for x in %}").expect("template");
    let out = assay(&["draft", ".", "--template", "bad.j2"], Some(f.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.j2"), "{}", stderr(&out));
    let out = assay(&["draft", ".", "--template", "missing.j2"], Some(f.path()));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_file_is_written() {
    let f = sample_project();
    let target = tempfile::tempdir().expect("tempdir");
    let file = target.path().join("assessment.md");
    let out = assay(
        &["draft", ".", "-o", file.to_str().expect("utf-8")],
        Some(f.path()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let text = fs::read_to_string(&file).expect("written");
    assert!(text.starts_with("# sample Self-assessment\n"));
}

#[test]
fn hostile_repository_text_cannot_inject_markup() {
    let f = Fixture::new();
    f.init()
        .write(
            "README.md",
            "# x\n\nEvil <script>alert(1)</script> project with [a link](javascript:alert(1)) and | pipes.\n",
        )
        .write(
            "SECURITY.md",
            "Report to sec@evil.example](javascript:alert(2)) <img src=x onerror=alert(3)>\n",
        )
        .commit_all("evil");
    let md = stdout(&assay(&["draft", "."], Some(f.path())));
    assert!(!md.contains("<script>"), "raw HTML reached the Markdown");
    assert!(
        !md.contains("](javascript:"),
        "a javascript: link reached the Markdown"
    );
    assert!(!md.contains("<img"));
    let html = stdout(&assay(&["draft", ".", "--format", "html"], Some(f.path())));
    assert!(!html.contains("<script>"), "raw HTML reached the page");
    assert!(!html.contains("<img"));
    assert!(!html.contains("href=\"javascript:"));
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn without_a_remote_citations_are_relative_paths() {
    let f = Fixture::new();
    f.init()
        .write("SECURITY.md", "Report to security@local.example\n")
        .commit_all("local");
    let md = stdout(&assay(&["draft", "."], Some(f.path())));
    assert!(md.contains("[SECURITY.md:1](SECURITY.md#L1)"), "{md}");
    assert!(md.contains("TODO:** The checkout has no remote"));
}
