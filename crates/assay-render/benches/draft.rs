//! Draft building and rendering over a large scan report: every catalog-like category
//! filled, 12 evidence items per finding, history figures, a long policy.
//! Run with `cargo bench -p assay-render`.

use assay_model::{
    Category, Evidence, Finding, Repository, SCHEMA_VERSION, ScanReport, Status, Tool,
};
use serde_json::json;

fn main() {
    divan::main();
}

fn report() -> ScanReport {
    let mut findings = Vec::new();
    for (i, category) in Category::ALL.iter().enumerate() {
        for j in 0..8 {
            let mut f = Finding::new(
                format!("{}.tool{j}", category.id()),
                *category,
                format!("tool{j}"),
                format!("Tool {j} of {}: runs in CI", category.title()),
                if j % 3 == 0 {
                    Status::Partial
                } else {
                    Status::Present
                },
            )
            .with_detail("name", format!("Tool {j}"))
            .with_detail("links", json!([format!("https://chat.example/{i}/{j}")]));
            for k in 0..12u32 {
                let mut e = Evidence::at(
                    format!("dir{i}/file{j}.yml"),
                    k + 1,
                    "run: tool --check ./...",
                );
                e.url = Some(format!(
                    "https://github.com/o/r/blob/abc/dir{i}/file{j}.yml#L{}",
                    k + 1
                ));
                f.evidence.push(e);
            }
            findings.push(f);
        }
    }
    let mut policy = Finding::new(
        "policy.security-file",
        Category::Policy,
        "security-policy",
        "Security policy SECURITY.md gives a reporting channel",
        Status::Present,
    )
    .with_detail("path", "SECURITY.md")
    .with_detail("reporting_emails", json!(["security@example.org"]))
    .with_detail(
        "aspect_lines",
        json!({"reporting_channel": 3, "disclosure": 5}),
    );
    policy
        .evidence
        .push(Evidence::at("SECURITY.md", 3, "Email security@example.org"));
    policy.evidence.push(Evidence::at(
        "SECURITY.md",
        5,
        "We keep an embargo of 90 days",
    ));
    findings.push(policy);
    ScanReport {
        schema_version: SCHEMA_VERSION.into(),
        tool: Tool {
            name: "assay".into(),
            version: "bench".into(),
        },
        repository: Repository {
            root: ".".into(),
            commit: Some("abc".into()),
            remote: Some("https://github.com/o/r.git".into()),
            url: Some("https://github.com/o/r".into()),
        },
        findings,
    }
}

#[divan::bench]
fn build_model(bencher: divan::Bencher) {
    let r = report();
    bencher.bench_local(|| divan::black_box(assay_render::build(&r, "bench")));
}

#[divan::bench]
fn build_and_render_markdown(bencher: divan::Bencher) {
    let r = report();
    bencher.bench_local(|| {
        let a = assay_render::build(&r, "bench");
        divan::black_box(assay_render::markdown::render(&a))
    });
}

#[divan::bench]
fn render_html(bencher: divan::Bencher) {
    let a = assay_render::build(&report(), "bench");
    bencher.bench_local(|| divan::black_box(assay_render::html::render(&a)));
}
