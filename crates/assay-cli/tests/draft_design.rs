//! `assay draft`, the design half: the project named from its manifests (never from a
//! folder called `repo`), features quoted from its documentation and cited at their line,
//! governance and goals from its documents, developer tools kept out of the actors, and a
//! sensible draft for a project with no documentation at all.

mod common;

use common::{Fixture, assay, stderr, stdout};

/// A repository in a folder called `repo`, as a mirror checkout would be.
fn documented_project() -> (Fixture, std::path::PathBuf) {
    let f = Fixture::new();
    let root = f.path().join("repo");
    std::fs::create_dir_all(&root).expect("mkdir");
    let w = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    w("go.mod", "module github.com/acme/widget/v2\n\ngo 1.22\n");
    w(
        "README.md",
        "# Widget\n\n🎉 Widget v2 is out! Read the blog post.\n\nWidget stores and serves build caches for CI fleets. It keeps each tenant's data apart.\n\n## Install\n\nRun the installer script from the releases page to install it.\n",
    );
    w(
        "docs/security.md",
        "# Security\n\nWidget encrypts every cache entry at rest with AES-256-GCM by default.\nThe server requires mTLS from agents; set `--tls-min-version` to choose TLS 1.2 or 1.3.\n\n## Future work\n\nWe plan to add OIDC login for the dashboard.\n\n## Goals\n\n- Keep one tenant's cache entries unreadable to every other tenant.\n\n## Non-goals\n\n- Protecting against a compromised host kernel.\n",
    );
    w(
        "vendor/github.com/other/lib/SECURITY-FEATURES.md",
        "# Lib\n\nLib verifies JWT signatures with RS256 before trusting any token.\n",
    );
    w(
        "GOVERNANCE.md",
        "# Governance\n\nDecisions are made by lazy consensus; if that fails, a simple majority vote of maintainers decides.\n\nA contributor becomes a maintainer when two maintainers nominate them.\n",
    );
    w("cmd/widget/main.go", "package main\n\nfunc main() {}\n");
    w("cmd/schemagen/main.go", "package main\n\nfunc main() {}\n");
    w(
        "Makefile",
        "build:\n\tgo build -o bin/widget ./cmd/widget\n\ngenerate-schemas:\n\tcd cmd/schemagen && go run . ./config\n",
    );
    w("config/widget.yaml", "listen: 127.0.0.1:8443\n");
    let init = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(&root)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Ada Author")
            .env("GIT_AUTHOR_EMAIL", "ada@example.org")
            .env("GIT_COMMITTER_NAME", "Ada Author")
            .env("GIT_COMMITTER_EMAIL", "ada@example.org")
            .env("GIT_AUTHOR_DATE", "2025-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2025-01-01T00:00:00Z")
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}");
    };
    init(&["init", "-q", "-b", "main"]);
    init(&["add", "-A"]);
    init(&["commit", "-q", "--no-verify", "-m", "widget"]);
    (f, root)
}

/// The draft from its start to the Self-assessment use heading, and the security
/// functions section.
fn design_half(md: &str) -> String {
    let end = md.find("## Self-assessment use").unwrap_or(md.len());
    let start = md.find("## Metadata").unwrap_or(0);
    let functions = md
        .find("## Security functions and features")
        .map_or("", |s| {
            let rest = &md[s..];
            &rest[..rest
                .find("## Secure development practices")
                .unwrap_or(rest.len())]
        });
    format!("{}{}", &md[start..end], functions)
}

#[test]
fn a_folder_called_repo_is_named_from_its_manifest_and_features_are_quoted() {
    let (_keep, root) = documented_project();
    let out = assay(&["draft", "."], Some(&root));
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# widget Self-assessment"), "{}", &md[..80]);
    let half = design_half(&md);
    // The announcement and the install steps are not the description.
    assert!(
        half.contains("Widget stores and serves build caches"),
        "{half}"
    );
    assert!(!half.contains("is out"), "{half}");
    // A feature is quoted and cited at its own line; a plan is not a feature.
    assert!(half.contains("docs/security.md:4"), "{half}");
    assert!(!half.contains("We plan to add OIDC"), "{half}");
    // Third-party documentation is not the project's.
    assert!(!half.contains("RS256"), "{half}");
    // A developer tool run with `go run` is not an actor.
    let actors = &half[half.find("### Actors").unwrap_or(0)..half.find("### Actions").unwrap_or(0)];
    assert!(actors.contains("Program entry point: widget"), "{actors}");
    assert!(!actors.contains("schemagen"), "{actors}");
    // Shipped configuration is a default or optional config.
    assert!(half.contains("config/widget.yaml"), "{half}");
    insta::assert_snapshot!("design_half_documented", half);
}

#[test]
fn name_and_url_flags_override_what_the_repository_says() {
    let (_keep, root) = documented_project();
    let out = assay(
        &[
            "draft",
            ".",
            "--name",
            "Widget Cache",
            "--url",
            "https://example.org/acme/widget",
        ],
        Some(&root),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# Widget Cache Self-assessment"));
    assert!(
        md.contains("| Software | <https://example.org/acme/widget> |"),
        "{md}"
    );
}

#[test]
fn a_bad_url_or_name_ends_with_exit_2_and_a_message() {
    let (_keep, root) = documented_project();
    for args in [
        ["draft", ".", "--url", "javascript:alert(1)"],
        ["draft", ".", "--url", "https://x.org/a b"],
        ["draft", ".", "--name", "two\nlines"],
    ] {
        let out = assay(&args, Some(&root));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty());
        assert!(stderr(&out).contains("invalid value"), "{}", stderr(&out));
    }
}

#[test]
fn hostile_documentation_cannot_inject_markup() {
    let f = Fixture::new();
    f.init();
    f.write(
        "docs/security.md",
        "# Security\n\nThe server requires mTLS <script>alert(1)</script> and checks [tokens](javascript:alert(1)) with OIDC by default.\n",
    );
    f.commit_all("hostile");
    let out = assay(&["draft", "."], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(!md.contains("<script>"), "{md}");
    assert!(!md.contains("javascript:"), "{md}");
    let html = stdout(&assay(&["draft", ".", "--format", "html"], Some(f.path())));
    assert!(!html.contains("<script>alert"), "{html}");
}

#[test]
fn a_project_with_no_documentation_still_gets_a_sensible_draft() {
    let f = Fixture::new();
    f.init();
    f.write("main.go", "package main\n\nfunc main() {}\n");
    f.commit_all("bare");
    let out = assay(&["draft", "."], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    let half = design_half(&md);
    // Every section asks rather than claims.
    for heading in [
        "## Overview",
        "### Background",
        "### Actors",
        "### Goals",
        "### Non-goals",
        "## Security functions and features",
    ] {
        let at = half
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing"));
        assert!(half[at..].contains("> TODO:"), "{heading} has no question");
    }
    assert!(!half.contains("documentation says"), "{half}");
    let name = f
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_owned();
    insta::assert_snapshot!("design_half_undocumented", half.replace(&name, "FIXTURE"));
}
