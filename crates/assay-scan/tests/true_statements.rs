//! Regression tests for "every cited statement true as worded": fuzzing found wherever
//! the project keeps it (and only in the project's own code), and the programs listed as
//! actors are the project's programs, each cited at its entry point.

mod common;

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use assay_model::{Finding, ScanReport, Status};
use assay_scan::{Catalog, ScanOptions, Snapshot, scan_snapshot};

/// Scan a plain directory holding `files` (path, content).
fn scan(files: &[(&str, &str)]) -> ScanReport {
    common::scan_files("proj", "proj", files)
}

fn finding<'r>(r: &'r ScanReport, id: &str) -> Option<&'r Finding> {
    r.findings.iter().find(|f| f.id == id)
}

fn cited(f: &Finding) -> Vec<String> {
    f.evidence
        .iter()
        .map(|e| match e.line {
            Some(l) => format!("{}:{l}", e.path),
            None => e.path.clone(),
        })
        .collect()
}

fn programs(r: &ScanReport) -> Vec<String> {
    finding(r, "ecosystem.components")
        .and_then(|f| f.details.get("programs"))
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

const GO_FUZZ: &str = "package tuple\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n\nfunc FuzzIsValid(f *testing.F) {\n}\n";

#[test]
fn go_fuzz_tests_outside_fuzz_folders_are_fuzzing() {
    let r = scan(&[("pkg/tuple/tuple_test.go", GO_FUZZ)]);
    let f = finding(&r, "fuzzing.targets").expect("fuzz targets found");
    assert_eq!(f.status, Status::Present);
    assert_eq!(cited(f), ["pkg/tuple/tuple_test.go:7"]);
    assert!(f.title.contains("1 Go fuzz test"), "{}", f.title);
}

#[test]
fn fuzz_folders_with_native_harnesses_are_fuzzing() {
    let r = scan(&[
        (
            "fuzz/parse_fuzzer.cc",
            "#include <cstdint>\nextern \"C\" int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }\n",
        ),
        (
            "fuzz/Cargo.toml",
            "[package]\nname = \"x-fuzz\"\n\n[package.metadata]\ncargo-fuzz = true\n",
        ),
        (
            "fuzz/fuzz_targets/decode.rs",
            "#![no_main]\nuse libfuzzer_sys::fuzz_target;\n\nfuzz_target!(|data: &[u8]| {});\n",
        ),
        (
            "tests/fuzzing/afl_main.c",
            "int main() {\n  while (__AFL_LOOP(1000)) {}\n}\n",
        ),
        (
            "fuzz/hfuzz/src/main.rs",
            "fn main() {\n    loop { honggfuzz::fuzz!(|data: &[u8]| {}); }\n}\n",
        ),
    ]);
    let f = finding(&r, "fuzzing.targets").expect("fuzz targets found");
    let cites = cited(f);
    for expected in [
        "fuzz/parse_fuzzer.cc:2",
        "fuzz/Cargo.toml:5",
        "fuzz/fuzz_targets/decode.rs:4",
        "tests/fuzzing/afl_main.c:2",
        "fuzz/hfuzz/src/main.rs:2",
    ] {
        assert!(
            cites.iter().any(|c| c == expected),
            "{expected} in {cites:?}"
        );
    }
    for kind in ["libFuzzer", "cargo-fuzz", "AFL", "honggfuzz"] {
        assert!(f.title.contains(kind), "{kind} in {}", f.title);
    }
    // A cargo-fuzz crate's harness is not one of the project's programs.
    assert!(
        !programs(&r).iter().any(|p| p == "x-fuzz"),
        "{:?}",
        programs(&r)
    );
}

#[test]
fn oss_fuzz_project_in_the_tree_is_fuzzing() {
    let r = scan(&[
        (
            "infra/oss-fuzz/project.yaml",
            "homepage: \"https://example.org\"\nlanguage: go\nmain_repo: \"https://github.com/x/y\"\n",
        ),
        (
            "infra/oss-fuzz/build.sh",
            "#!/bin/bash\ncompile_native_go_fuzzer\n",
        ),
        // A project.yaml without a build script next to it is something else.
        ("deploy/project.yaml", "main_repo: x\n"),
    ]);
    let f = finding(&r, "fuzzing.targets").expect("fuzz targets found");
    assert_eq!(
        cited(f),
        ["infra/oss-fuzz/build.sh", "infra/oss-fuzz/project.yaml:3"]
    );
}

#[test]
fn fuzz_targets_in_third_party_trees_are_not_the_project() {
    let r = scan(&[
        ("vendor/github.com/a/b/b_test.go", GO_FUZZ),
        (
            "third_party/zlib/fuzz/inflate_fuzzer.c",
            "int LLVMFuzzerTestOneInput(void) { return 0; }\n",
        ),
        ("node_modules/x/fuzz/t.rs", "fuzz_target!(|d: &[u8]| {});\n"),
        (
            "pkg/a/a_test.go",
            "package a\n\n// FuzzNotReally is not a fuzz test: no *testing.F.\nfunc FuzzNotReally(t *testing.T) {}\n",
        ),
    ]);
    assert!(finding(&r, "fuzzing.targets").is_none());
    // Nor does the catalog take a vendored library's fuzzers for the project's.
    assert_eq!(
        finding(&r, "fuzzing").map(|f| f.status),
        Some(Status::Absent),
        "{:?}",
        r.findings
            .iter()
            .filter(|f| f.category == assay_model::Category::Fuzzing)
            .collect::<Vec<_>>()
    );
}

#[test]
fn every_main_package_is_an_actor_cited_at_package_main() {
    let r = scan(&[
        ("go.mod", "module github.com/acme/widget/v2\n\ngo 1.22\n"),
        (
            "main.go",
            "// Widget serves widgets.\npackage main\n\nfunc main() {}\n",
        ),
        (
            "cmd/widgetd/server.go",
            "// Copyright\n\npackage main\n\nfunc main() {}\n",
        ),
        ("cmd/widgetd/flags.go", "package main\n"),
        (
            "cmd/cli/widgetctl/root.go",
            "package main // import \"x\"\n",
        ),
        ("controller/cmd/main.go", "package main\n\nfunc main() {}\n"),
        // Subcommand packages in main.go files are not programs.
        (
            "controller/cmd/destination/main.go",
            "package destination\n\nfunc Main() {}\n",
        ),
        ("src/core/main.go", "package main\n"),
    ]);
    assert_eq!(
        programs(&r),
        ["controller", "core", "widget", "widgetctl", "widgetd"]
    );
    let f = finding(&r, "ecosystem.components").expect("components");
    let cites = cited(f);
    for expected in [
        "main.go:2",
        "cmd/widgetd/server.go:3",
        "cmd/cli/widgetctl/root.go:1",
        "controller/cmd/main.go:1",
        "src/core/main.go:1",
    ] {
        assert!(
            cites.iter().any(|c| c == expected),
            "{expected} in {cites:?}"
        );
    }
}

#[test]
fn examples_tests_hack_tools_and_generators_are_not_actors() {
    let main = "package main\n\nfunc main() {}\n";
    let r = scan(&[
        ("cmd/server/main.go", main),
        ("examples/hotrod/main.go", main),
        ("test/e2e/bin/cleaner/main.go", main),
        ("hack/extractcrd/main.go", main),
        ("tools/lister/main.go", main),
        ("cmd/jaeger/internal/integration/jaeger-e2e/main.go", main),
        ("cmd/savetracetest/main.go", main),
        ("cmd/gen-manpages/main.go", main),
        ("cmd/child/child.go", "//go:build ignore\n\npackage main\n"),
        (
            "cmd/protoc-gen-go-fieldpath/main.go",
            "package main\n\nimport \"google.golang.org/protobuf/compiler/protogen\"\n",
        ),
        (
            "cmd/mixin/main.go",
            "// Package main generates the dashboard JSON.\npackage main\n",
        ),
        ("cmd/mdatagen/main.go", main),
        (
            "cmd/mdatagen/internal/templates/metrics.go.tmpl",
            "// Code generated. DO NOT EDIT.\n",
        ),
    ]);
    assert_eq!(programs(&r), ["server"]);
}

#[test]
fn cargo_python_and_npm_entry_points_are_actors() {
    let r = scan(&[
        (
            "Cargo.toml",
            "[package]\nname = \"kbs\"\n\n[[bin]]\nname = \"kbs-client\"\npath = \"src/client.rs\"\n\n[[bin]]\nname = \"plugin_test_server\"\npath = \"test/plugin.rs\"\n",
        ),
        ("src/main.rs", "use std::env;\n\nfn main() {}\n"),
        ("src/bin/rvps.rs", "#[tokio::main]\nasync fn main() {}\n"),
        ("examples/demo/Cargo.toml", "[package]\nname = \"demo\"\n"),
        ("examples/demo/src/main.rs", "fn main() {}\n"),
        (
            "py/pyproject.toml",
            "[project]\nname = \"tool\"\n\n[project.scripts]\nwidget-admin = \"widget.cli:main\"\n",
        ),
        (
            "web/package.json",
            "{\n  \"name\": \"@acme/web\",\n  \"bin\": {\n    \"widget-web\": \"./bin/web.js\"\n  }\n}\n",
        ),
    ]);
    assert_eq!(
        programs(&r),
        ["kbs", "kbs-client", "rvps", "widget-admin", "widget-web"]
    );
    let f = finding(&r, "ecosystem.components").expect("components");
    let cites = cited(f);
    for expected in [
        "Cargo.toml:5",
        "src/main.rs:3",
        "src/bin/rvps.rs:2",
        "py/pyproject.toml:5",
        "web/package.json:4",
    ] {
        assert!(
            cites.iter().any(|c| c == expected),
            "{expected} in {cites:?}"
        );
    }
}

#[test]
fn fuzzing_is_not_said_missing_when_fuzz_targets_exist() {
    let r = scan(&[("pkg/tuple/tuple_test.go", GO_FUZZ)]);
    assert!(finding(&r, "fuzzing.targets").is_some());
    assert!(
        finding(&r, "fuzzing").is_none(),
        "a 'Not found: Fuzzing' next to the fuzz targets found"
    );
    // Without fuzz targets the practice is still reported missing.
    let none = scan(&[("pkg/a/a_test.go", "package a\n")]);
    assert_eq!(
        finding(&none, "fuzzing").map(|f| f.status),
        Some(Status::Absent)
    );
}

fn git(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut child = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@acme.dev")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@acme.dev")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("git");
    if let Some(data) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(data)
            .expect("write");
    }
    let out = child.wait_with_output().expect("git");
    assert!(out.status.success(), "git {args:?} failed");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn signing_is_not_said_missing_when_release_tags_are_signed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"], None);
    fs::write(root.join("README.md"), "# widget\n").expect("write");
    git(root, &["add", "README.md"], None);
    git(root, &["commit", "-q", "-m", "start"], None);
    let head = git(root, &["rev-parse", "HEAD"], None);
    // Tagged when the commit was made: the window ends at the scanned commit's date.
    let when = git(root, &["log", "-1", "--format=%ct"], None);
    let tag = |name: &str, signature: &str| {
        let now = &when;
        let body = format!(
            "object {head}\ntype commit\ntag {name}\ntagger Ada <ada@acme.dev> {now} +0000\n\nRelease {name}\n{signature}"
        );
        let id = git(
            root,
            &["hash-object", "-t", "tag", "-w", "--stdin"],
            Some(body.as_bytes()),
        );
        git(
            root,
            &["update-ref", &format!("refs/tags/{name}"), &id],
            None,
        );
    };
    tag("v1.0.0", "");
    let scan_repo = || {
        let snapshot = Snapshot::open(root, false).expect("snapshot");
        let catalog = Catalog::builtin().expect("catalog");
        scan_snapshot(&snapshot, &catalog, "widget", &ScanOptions::default())
    };
    // Unsigned tags only: signing is not found.
    assert_eq!(
        finding(&scan_repo(), "signing").map(|f| f.status),
        Some(Status::Absent)
    );
    tag(
        "v1.1.0",
        "-----BEGIN PGP SIGNATURE-----\niQEz\n-----END PGP SIGNATURE-----\n",
    );
    let r = scan_repo();
    let releases = finding(&r, "releases").expect("releases");
    assert_eq!(releases.details["signed"], 1);
    assert!(
        finding(&r, "signing").is_none(),
        "'Not found: Signing' next to a signed release tag"
    );
}

#[test]
fn the_readme_description_skips_html_comments() {
    let r = scan(&[(
        "README.md",
        "<p align=\"center\"><img src=\"logo.png\"></p>\n<!-- note that the logo in this repo is referred to elsewhere\n     as well as in Helm charts, etc.\n     update other repos if you move it -->\n\n# widget\n\nWidget adds certificates and issuers as resource types to clusters.\n",
    )]);
    let f = finding(&r, "docs.readme-description").expect("description");
    assert_eq!(
        f.details["sentence"],
        "Widget adds certificates and issuers as resource types to clusters."
    );
    assert_eq!(cited(f), ["README.md:8"]);
}

#[test]
fn release_notes_folders_count_but_their_readme_does_not() {
    let r = scan(&[(
        "releases/README.md",
        "# How releases are made\n\nSteps for the release manager.\n",
    )]);
    assert!(finding(&r, "community.changelog").is_none_or(|f| f.status.as_str() == "absent"));
}

#[test]
fn a_program_that_writes_generated_code_headers_is_a_generator_not_an_actor() {
    let r = scan(&[
        ("cmd/server/main.go", "package main\n\nfunc main() {}\n"),
        (
            "pkg/certs/ca-parser/main.go",
            "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Printf(\"// Code generated by ca-parser. DO NOT EDIT.\\n\")\n}\n",
        ),
    ]);
    assert_eq!(programs(&r), ["server"]);
}

#[test]
fn custom_resources_are_counted_by_name_without_copies_tests_or_templates() {
    let crd = |name: &str| {
        format!(
            "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: {name}\nspec:\n  group: example.io\n"
        )
    };
    let both = format!(
        "{}---\n{}",
        crd("widgets.example.io"),
        crd("gadgets.example.io")
    );
    let r = scan(&[
        ("deploy/crds/all.yaml", both.as_str()),
        (
            "charts/app/crds/widgets.yaml",
            crd("widgets.example.io").as_str(),
        ),
        (
            "test/e2e/fixtures/crd.yaml",
            crd("fixtures.example.io").as_str(),
        ),
        (
            "make/crd.template.header.yaml",
            crd("REPLACE_CRD_NAME").as_str(),
        ),
    ]);
    let f = finding(&r, "ecosystem.kubernetes-crds").expect("crds");
    assert_eq!(
        f.title,
        "2 CustomResourceDefinition(s) in the tree, in 3 manifest(s) (test trees left out)"
    );
}

#[test]
fn approving_a_new_maintainer_is_not_a_review_rule_for_changes() {
    let r = scan(&[(
        "GOVERNANCE.md",
        "# Governance\n\n## Adding a maintainer\n\n2. Merge the PR once approved (lazy consensus among maintainers: no objection\n   within 7 days is approval).\n",
    )]);
    assert_eq!(
        finding(&r, "review.approval-rule").map(|f| f.status.as_str()),
        Some("absent")
    );
    let r = scan(&[(
        "CONTRIBUTING.md",
        "# Contributing\n\nEvery pull request requires at least two approvals from maintainers.\n",
    )]);
    let f = finding(&r, "review.approval-rule").expect("rule");
    assert_eq!(f.status.as_str(), "present");
    assert_eq!(cited(f), ["CONTRIBUTING.md:3"]);
}

#[test]
fn a_program_that_says_it_is_for_testing_only_is_not_an_actor() {
    let r = scan(&[
        ("cmd/server/main.go", "package main\n\nfunc main() {}\n"),
        (
            "cmd/localcol/main.go",
            "package main\n\nfunc main() {\n\tinfo := Info{Description: \"Local collector binary, testing only.\"}\n\trun(info)\n}\n",
        ),
    ]);
    assert_eq!(programs(&r), ["server"]);
}

#[test]
fn channels_inside_markdown_comments_are_template_text_not_channels() {
    let contributing = "# Contributing\n\n<!---\n## Contact\n\n- [Slack channel](https://kubernetes.slack.com/messages/your-channel)\n-->\n";
    let r = scan(&[("CONTRIBUTING.md", contributing)]);
    let slack = finding(&r, assay_model::vocabulary::SLACK.id);
    assert!(
        slack.is_none_or(|f| f.status == Status::Absent),
        "a commented-out template link is not a channel: {slack:?}"
    );
    let live = format!(
        "{contributing}\nTalk to us on [Slack](https://kubernetes.slack.com/messages/proj).\n"
    );
    let r = scan(&[("CONTRIBUTING.md", live.as_str())]);
    let slack = finding(&r, assay_model::vocabulary::SLACK.id).expect("slack found");
    assert_eq!(cited(slack), ["CONTRIBUTING.md:9"]);
}

#[test]
fn a_schedule_is_cited_at_its_cron_line() {
    let wf = "name: nightly\non:\n  push:\n  schedule:\n    - cron: '0 4 * * *'\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n";
    let r = scan(&[(".github/workflows/nightly.yml", wf)]);
    let f = finding(&r, assay_model::vocabulary::SCHEDULED_WORKFLOWS.id).expect("scheduled");
    assert_eq!(cited(f), [".github/workflows/nightly.yml:5"]);
}

#[test]
fn a_tool_only_installed_in_ci_is_neither_run_nor_missing() {
    let wf = "name: snapshot\non: pull_request\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: sigstore/cosign-installer@v3\n      - uses: anchore/sbom-action/download-syft@v0\n      - run: ./release-from-elsewhere.sh\n";
    let r = scan(&[(".github/workflows/snapshot.yml", wf)]);
    for (id, line) in [("sbom.syft", 8), ("signing.cosign", 7)] {
        let f = finding(&r, id).unwrap_or_else(|| panic!("{id} reported"));
        assert_eq!(f.status, Status::Unknown, "{id}: {}", f.title);
        assert_eq!(cited(f), [format!(".github/workflows/snapshot.yml:{line}")]);
    }
    for category in ["sbom", "signing"] {
        assert!(
            finding(&r, category).is_none(),
            "no whole-practice 'not found' for {category}"
        );
    }
    // Installed and run: the run is cited, the installer is not.
    let run = wf.replace("./release-from-elsewhere.sh", "cosign sign --yes img");
    let r = scan(&[(".github/workflows/snapshot.yml", run.as_str())]);
    let f = finding(&r, "signing.cosign").expect("cosign");
    assert_eq!(f.status, Status::Present);
    assert_eq!(cited(f), [".github/workflows/snapshot.yml:9"]);
}
