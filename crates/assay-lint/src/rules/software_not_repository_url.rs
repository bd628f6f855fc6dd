use std::sync::LazyLock;

use assay_model::Severity;
use regex::Regex;

use super::metadata::{anchor, row};
use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL007",
    name: "software-not-repository-url",
    severity: Severity::Error,
    summary: "The metadata's Software row does not link to a source repository.",
    doc: "## What\nReads the Software row of the metadata table and reports a missing row or one without a link to a repository on a forge (`https://host/owner/repo`).\n\n## Why\nThe assessment is about a code base; the link is how a reviewer (and `assay verify`) finds it.\n\n## Example\n`| Software | Kubernetes networking plugin |`\n\n## Fix\nLink the repository, for example `https://github.com/org/project`.",
    help: "link the repository, e.g. https://github.com/org/project",
    check,
};

static REPO_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org|gitea\.com|[a-z0-9.-]*(?:gitlab|gitea|forgejo)[a-z0-9.-]*)/[A-Za-z0-9_.-]+/?(?:[A-Za-z0-9_.-]+)?")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

fn check(cx: &Context) -> Vec<Hit> {
    let Some(at) = anchor(cx.doc) else {
        return Vec::new();
    };
    match row(cx.doc, "software") {
        None => vec![Hit::new(at, "the metadata table has no Software row")],
        Some(r) if REPO_URL.is_match(&r.raw) => Vec::new(),
        Some(r) => vec![Hit::new(
            r.range,
            format!("Software is \"{}\", not a repository link", r.text),
        )],
    }
}
