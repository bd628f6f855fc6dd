//! What "CI runs X" rests on: each test builds a small repository and checks the status
//! and the cited line of one finding. Named after what each guards.

mod common;

use assay_model::{Finding, ScanReport};

fn scan(files: &[(&str, &str)]) -> ScanReport {
    common::scan_files("proj", "fixture", files)
}

fn finding<'a>(report: &'a ScanReport, id: &str) -> Option<&'a Finding> {
    report.findings.iter().find(|f| f.id == id)
}

fn status(report: &ScanReport, id: &str) -> &'static str {
    finding(report, id).map_or("missing", |f| f.status.as_str())
}

/// Evidence as `path:line`.
fn cited(report: &ScanReport, id: &str) -> Vec<String> {
    finding(report, id)
        .map(|f| {
            f.evidence
                .iter()
                .map(|e| format!("{}:{}", e.path, e.line.unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default()
}

fn workflow(run: &str) -> String {
    format!(
        "on: pull_request\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - run: {run}\n"
    )
}

#[test]
fn ci_make_lint_does_not_reach_a_vendored_lint_recipe() {
    let r = scan(&[
        (".github/workflows/ci.yml", &workflow("make lint")),
        ("Makefile", "lint:\n\tgo build ./...\n"),
        (
            "vendor/go.example.org/otel/Makefile",
            "lint:\n\tmarkdownlint -c .markdownlint.yaml .\n\tgovulncheck ./...\n",
        ),
    ]);
    assert_eq!(status(&r, "lint.markdownlint"), "missing");
    assert_eq!(status(&r, "vuln-scan.govulncheck"), "missing");
}

#[test]
fn make_targets_are_keyed_per_makefile_through_directory_file_and_include() {
    let r = scan(&[
        (
            ".github/workflows/ci.yml",
            "on: pull_request\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make -C tools check\n      - run: |\n          cd api\n          make verify\n      - run: make release\n",
        ),
        (
            "Makefile",
            "include build/lint.mk\nrelease:\n\t$(MAKE) -f build/release.mk sign\n",
        ),
        ("build/lint.mk", "unused:\n\tshellcheck hack/*.sh\n"),
        (
            "build/release.mk",
            "sign:\n\tcosign sign-blob --yes dist/app\n",
        ),
        ("tools/Makefile", "check:\n\tyamllint .\n"),
        ("api/Makefile", "verify:\n\tgolangci-lint run\n"),
        // Same target names elsewhere: never reached by the calls above.
        (
            "docs/Makefile",
            "check:\n\tcodespell docs\nverify:\n\tmarkdownlint .\n",
        ),
    ]);
    assert_eq!(cited(&r, "lint.yamllint"), ["tools/Makefile:2"]);
    assert_eq!(status(&r, "lint.golangci-lint"), "present");
    assert_eq!(cited(&r, "signing.cosign"), ["build/release.mk:2"]);
    assert_eq!(status(&r, "signing.cosign"), "present");
    assert_eq!(status(&r, "lint.shellcheck"), "partial");
    assert_eq!(status(&r, "lint.codespell"), "partial");
    assert_eq!(status(&r, "lint.markdownlint"), "partial");
}

#[test]
fn a_vendored_script_counts_when_the_projects_release_script_calls_it() {
    let r = scan(&[
        (
            ".github/workflows/release.yml",
            &workflow("./hack/release.sh"),
        ),
        (
            "hack/release.sh",
            "#!/bin/sh\nset -e\n. vendor/example.org/signer/sign.sh\n",
        ),
        (
            "vendor/example.org/signer/sign.sh",
            "#!/bin/sh\ncosign sign --yes \"$IMAGE\"\n",
        ),
        (
            "vendor/example.org/other/lint.sh",
            "#!/bin/sh\nshellcheck *.sh\n",
        ),
    ]);
    assert_eq!(status(&r, "signing.cosign"), "present");
    assert_eq!(
        cited(&r, "signing.cosign"),
        ["vendor/example.org/signer/sign.sh:2"]
    );
    assert_eq!(status(&r, "lint.shellcheck"), "missing");
}

#[test]
fn matrix_values_name_the_make_targets_ci_runs() {
    let r = scan(&[
        (
            ".github/workflows/ci.yml",
            "on: pull_request\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        target: [lint, test]\n    steps:\n      - run: make ${{ matrix.target }}\n",
        ),
        (
            "Makefile",
            "lint:\n\tgolangci-lint run\ntest:\n\tgo test ./...\nscan:\n\ttrivy fs .\n",
        ),
    ]);
    assert_eq!(status(&r, "lint.golangci-lint"), "present");
    assert_eq!(status(&r, "vuln-scan.trivy"), "partial");
}

#[test]
fn a_wrapper_script_outside_the_script_folders_is_followed() {
    let r = scan(&[
        (
            ".github/workflows/ci.yml",
            &workflow("docker/run_docker.sh --test"),
        ),
        (
            "docker/run_docker.sh",
            "#!/bin/bash\ncase \"$1\" in\n  --test) ./test/run-checks.sh ;;\n  *) docker build . ;;\nesac\n",
        ),
        (
            "test/run-checks.sh",
            "#!/bin/bash\nshellcheck scripts/*.sh\n",
        ),
    ]);
    assert_eq!(status(&r, "lint.shellcheck"), "present");
    assert_eq!(cited(&r, "lint.shellcheck"), ["test/run-checks.sh:2"]);
}

#[test]
fn make_variables_name_the_tool_a_recipe_runs() {
    let r = scan(&[
        (".github/workflows/ci.yml", &workflow("make lint")),
        (
            "Makefile",
            "include tools.mk\nlint:\n\t@$(LINT) run ./...\n",
        ),
        (
            "tools.mk",
            "BIN ?= $(CURDIR)/bin\nLINT := $(BIN)/golangci-lint\n",
        ),
    ]);
    assert_eq!(status(&r, "lint.golangci-lint"), "present");
    let f = finding(&r, "lint.golangci-lint").expect("finding");
    // The excerpt quotes the file, not the expansion.
    assert_eq!(f.evidence[0].excerpt.as_deref(), Some("@$(LINT) run ./..."));
}

#[test]
fn a_called_reusable_workflow_runs_and_an_uncalled_one_does_not() {
    let r = scan(&[
        (
            ".github/workflows/ci.yml",
            "on: pull_request\njobs:\n  lint:\n    uses: ./.github/workflows/lint.yml\n",
        ),
        (
            ".github/workflows/lint.yml",
            "on: workflow_call\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: golangci-lint run\n",
        ),
        (
            ".github/workflows/orphan.yml",
            "on:\n  workflow_call:\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: trivy fs .\n",
        ),
    ]);
    assert_eq!(status(&r, "lint.golangci-lint"), "present");
    assert_eq!(status(&r, "vuln-scan.trivy"), "partial");
}

#[test]
fn a_tool_only_another_repositorys_reusable_workflow_could_run_is_unknown() {
    let r = scan(&[(
        ".github/workflows/scan.yml",
        "on: pull_request\njobs:\n  analyze:\n    permissions:\n      security-events: write # upload CodeQL results\n    uses: example/shared/.github/workflows/code-scan.yml@v1\n  pin:\n    # zizmor: ignore[unpinned-uses]\n    uses: example/shared/.github/workflows/other.yml@main\n",
    )]);
    assert_eq!(status(&r, "sast.codeql"), "unknown");
    assert_eq!(
        cited(&r, "sast.codeql"),
        [
            ".github/workflows/scan.yml:5",
            ".github/workflows/scan.yml:6"
        ]
    );
    assert_eq!(status(&r, "sast"), "missing");
    // A directive to a linter about this file is not a trace of the linter.
    assert_eq!(status(&r, "lint.zizmor"), "missing");
}

#[test]
fn comments_installers_and_file_names_are_not_tool_runs() {
    let r = scan(&[(
        ".github/workflows/ci.yml",
        "on: pull_request\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: sigstore/cosign-installer@v3\n      - run: |\n          # shellcheck disable=SC2086\n          sudo apt-get install -y yamllint\n          go install github.com/golangci/golangci-lint/cmd/golangci-lint@v1.64.0\n          cp out/app.sbom.syft.json dist/\n",
    )]);
    for id in [
        "lint.shellcheck",
        "lint.yamllint",
        "lint.golangci-lint",
        "sbom.syft",
    ] {
        assert_eq!(status(&r, id), "missing", "{id}");
    }
    // The installer action puts cosign on the runner: not a run, and not "not found".
    assert_eq!(status(&r, "signing.cosign"), "unknown");
}

#[test]
fn gitattributes_vendored_and_generated_trees_make_no_practice() {
    let r = scan(&[
        (
            ".gitattributes",
            "/ext/** linguist-vendored\ngen/** linguist-generated=true\n",
        ),
        ("ext/lib/.golangci.yml", "linters: {}\n"),
        ("gen/api/OWNERS", "approvers: [a]\n"),
        ("testdata/sbom/app.spdx.json", "{}\n"),
        ("depends/Makefile", "lint:\n\tshellcheck *.sh\n"),
    ]);
    for id in [
        "lint.golangci-lint",
        "review.prow-owners",
        "sbom.committed",
        "lint.shellcheck",
    ] {
        assert_eq!(status(&r, id), "missing", "{id}");
    }
}

#[test]
fn a_script_variable_naming_the_tool_is_cited_where_it_runs() {
    let r = scan(&[
        (
            ".github/workflows/ci.yml",
            &workflow("./ci/licenses.sh bin out"),
        ),
        (
            "ci/licenses.sh",
            "#!/bin/bash\nIMG=example/lichen:v0.1.7\nfor f in \"$1\"/*; do\n  docker run --rm -v \"$1\":/bins $IMG /bins/$f\ndone\n",
        ),
    ]);
    assert_eq!(status(&r, "vuln-scan.go-licenses"), "present");
    assert_eq!(cited(&r, "vuln-scan.go-licenses"), ["ci/licenses.sh:4"]);
}

#[test]
fn settings_on_a_make_call_reach_the_target_they_name() {
    let r = scan(&[
        (".github/workflows/ci.yml", &workflow("make govulncheck")),
        (
            "Makefile",
            "include ./Makefile.Common\ngovulncheck:\n\t@$(MAKE) for-all-target TARGET=\"vulncheck\"\nfor-all-target:\n\t@for dir in $(MODULES); do (cd \"$${dir}\" && $(MAKE) $(TARGET)); done\n",
        ),
        (
            "Makefile.Common",
            "vulncheck:\n\t$(GO_TOOL) govulncheck ./...\n",
        ),
    ]);
    assert_eq!(status(&r, "vuln-scan.govulncheck"), "present");
    assert_eq!(cited(&r, "vuln-scan.govulncheck"), ["Makefile.Common:2"]);
}

#[test]
fn make_over_modules_in_a_variable_directory_reaches_their_targets() {
    let r = scan(&[
        (".github/workflows/ci.yml", &workflow("make govulncheck")),
        (
            "Makefile",
            "MODULES = $(shell find . -name go.mod)\ngovulncheck:\n\t@$(MAKE) for-all-target TARGET=\"vulncheck\"\nfor-all-target: $(MODULES)\n$(MODULES):\n\t$(MAKE) -C $@ $(TARGET)\n",
        ),
        (
            "Makefile.Common",
            "vulncheck:\n\t$(GO_TOOL) govulncheck ./...\n",
        ),
        ("pdata/Makefile", "include ../Makefile.Common\n"),
        (
            "vendor/example.org/m/Makefile",
            "vulncheck:\n\ttrivy fs .\n",
        ),
    ]);
    assert_eq!(status(&r, "vuln-scan.govulncheck"), "present");
    assert_eq!(cited(&r, "vuln-scan.govulncheck"), ["Makefile.Common:2"]);
    assert_eq!(status(&r, "vuln-scan.trivy"), "missing");
}

#[test]
fn a_python_script_runs_a_tool_only_where_it_starts_a_process() {
    let r = scan(&[
        (
            ".github/workflows/ci.yml",
            &workflow("python3 scripts/lint/dco_check.py -b main"),
        ),
        (
            "scripts/lint/dco_check.py",
            "import argparse\n\ndef parse():\n    p = argparse.ArgumentParser()\n    p.add_argument('--version', version=f'dco-check version 1')\n\ndef lint():\n    subprocess.run(['shellcheck', 'x.sh'])\n",
        ),
    ]);
    // A string inside the script that names a tool is not a run of it.
    assert!(
        cited(&r, "review.dco-bot").is_empty(),
        "{:?}",
        cited(&r, "review.dco-bot")
    );
    // A process the script starts is a tool run.
    assert_eq!(status(&r, "lint.shellcheck"), "present");
    assert_eq!(
        cited(&r, "lint.shellcheck"),
        ["scripts/lint/dco_check.py:8"]
    );
}

#[test]
fn a_script_passed_to_a_wrapper_is_followed_to_the_make_target_it_calls() {
    let r = scan(&[
        (
            ".github/workflows/ci.yml",
            &workflow("bash ./tests/showtime.sh ./tests/ci/ut_install.sh"),
        ),
        (
            "tests/showtime.sh",
            "#!/bin/bash\n$@ 2>&1 | while read line; do echo $line; done\n",
        ),
        (
            "tests/ci/ut_install.sh",
            "#!/bin/bash\nsudo -E env \"PATH=$PATH\" make go_check\n",
        ),
        (
            "Makefile",
            "go_check: lint\n\nlint:\n\t@cd ./src/; golangci-lint run ./...\n",
        ),
    ]);
    assert_eq!(status(&r, "lint.golangci-lint"), "present");
    assert_eq!(cited(&r, "lint.golangci-lint"), ["Makefile:4"]);
}

#[test]
fn a_tool_named_in_the_settings_of_another_repositorys_action_is_unknown_not_absent() {
    let r = scan(&[(
        ".github/workflows/ci.yml",
        "on: pull_request\njobs:\n  checks:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: org/project-checks@v1\n        with:\n          go-licenses-ignore: |\n            example.org/lib\n",
    )]);
    assert_eq!(status(&r, "vuln-scan.go-licenses"), "unknown");
    assert_eq!(
        cited(&r, "vuln-scan.go-licenses"),
        [".github/workflows/ci.yml:6", ".github/workflows/ci.yml:8"]
    );
    let title = finding(&r, "vuln-scan.go-licenses")
        .map(|f| f.title.clone())
        .unwrap_or_default();
    assert!(
        title.contains("settings of an action of another repository (org/project-checks@v1)"),
        "{title}"
    );
}

#[test]
fn a_checkout_into_a_subfolder_is_the_repository_root_for_later_cd() {
    let r = scan(&[
        (
            ".github/workflows/ci.yml",
            "on: pull_request\njobs:\n  ut:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          path: src/github.com/org/proj\n      - run: |\n          cd src/github.com/org/proj\n          bash ./tests/ci/ut_install.sh\n",
        ),
        ("tests/ci/ut_install.sh", "#!/bin/bash\nmake go_check\n"),
        ("Makefile", "go_check:\n\tgolangci-lint run ./...\n"),
    ]);
    assert_eq!(status(&r, "lint.golangci-lint"), "present");
    assert_eq!(cited(&r, "lint.golangci-lint"), ["Makefile:2"]);
}

#[test]
fn a_presence_or_version_check_is_not_a_run_and_a_package_list_is_not_a_script() {
    let r = scan(&[
        (".github/workflows/ci.yml", &workflow("bash hack/setup.sh")),
        (
            "hack/setup.sh",
            "#!/bin/bash\ncommand -v misspell >/dev/null 2>&1 || echo missing\nif ! \"${BIN}/golangci-lint\" --version; then exit 1; fi\n",
        ),
        ("make/prepare/Pipfile", "[dev-packages]\npytest = \"*\"\n"),
    ]);
    assert!(
        cited(&r, "lint.misspell").is_empty(),
        "{:?}",
        cited(&r, "lint.misspell")
    );
    assert!(
        cited(&r, "lint.golangci-lint").is_empty(),
        "{:?}",
        cited(&r, "lint.golangci-lint")
    );
    let unit = cited(&r, "tests.unit");
    assert!(unit.iter().all(|c| !c.contains("Pipfile")), "{unit:?}");
}

#[test]
fn a_setting_value_or_the_tools_own_action_is_not_a_trace_of_another_repository() {
    let r = scan(&[(
        ".github/workflows/build.yml",
        "on:\n  workflow_call:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          cache-from: type=gha,scope=buildx-main\n      - uses: fossas/fossa-action@v1\n        with:\n          api-key: x\n",
    )]);
    assert_ne!(status(&r, "provenance.buildx"), "unknown");
    assert_ne!(status(&r, "vuln-scan.fossa"), "unknown");
}

#[test]
fn a_test_run_found_through_a_variable_is_quoted_as_the_line_is_written() {
    let r = scan(&[
        (".github/workflows/ci.yml", &workflow("bash hack/test.sh")),
        (
            "hack/test.sh",
            "#!/bin/bash\nRUNNER=ginkgo\n$RUNNER -r ./pkg\n",
        ),
        ("pkg/a/a_test.go", "package a\n"),
    ]);
    let f = finding(&r, "tests.unit").expect("unit tests");
    let quoted: Vec<&str> = f
        .evidence
        .iter()
        .filter_map(|e| e.excerpt.as_deref())
        .collect();
    assert!(quoted.contains(&"$RUNNER -r ./pkg"), "{quoted:?}");
}
