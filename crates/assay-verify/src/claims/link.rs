//! Links into the project's own repository: does the path exist at the scanned commit?

use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_model::{Evidence, ScanReport, Severity};
use assay_scan::Snapshot;
use regex::Regex;

use crate::{Claim, Fix, Verdict, VerifyReport, re, section_of};

/// Where the repository says it lives: a Go module path, a Cargo or npm repository field,
/// or the README's own workflow badges.
static IDENTITY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?m)^module\s+github\.com/([\w.-]+)/([\w.-]+)|^repository\s*=\s*.https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?[./\x22]|.url.\s*:\s*.(?:git\+)?https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?\x22|github\.com/([\w.-]+)/([\w.-]+)/actions/workflows/",
    )
});

/// A checkout without a forge remote (a clone of a local mirror): the web address its own
/// files give (never guessed from the assessment, which links other repositories too).
fn web_from_tree(snapshot: &Snapshot) -> Option<String> {
    let paths: Vec<String> = ["go.mod", "Cargo.toml", "package.json", "README.md"]
        .iter()
        .filter(|p| snapshot.exists(p))
        .map(|p| (*p).to_owned())
        .collect();
    let contents = snapshot.read_many(&paths);
    paths.iter().find_map(|p| {
        let caps = IDENTITY.captures(contents.get(p)?)?;
        let mut groups = caps.iter().skip(1).flatten();
        let owner = groups.next()?.as_str();
        let repo = groups.next()?.as_str();
        Some(format!("https://github.com/{owner}/{repo}"))
    })
}

/// Where a missing file went: the one file in the tree with the same name, if exactly one.
fn moved_to(snapshot: &Snapshot, path: &str) -> Option<String> {
    let name = path.rsplit('/').next().filter(|n| n.contains('.'))?;
    let foreign = assay_scan::third_party::ThirdParty::default();
    let mut same = snapshot
        .files()
        .iter()
        .filter(|f| f.path.rsplit('/').next() == Some(name))
        .filter(|f| !foreign.contains(&f.path));
    let first = same.next()?;
    same.next().is_none().then(|| first.path.clone())
}

crate::verify_rule!(
    LINK_TARGET_MISSING,
    "AV004",
    "link-target-missing",
    Severity::Error,
    "A link into the project's own repository points to a path that does not exist at the scanned commit.",
    "## What\nBlob and tree links to the project's repository (on its forge) whose path is not in the scanned tree.\n\n## Why\nFiles move; a link that 404s is evidence that the text around it may be stale too.\n\n## Example\n`https://github.com/org/proj/blob/main/docs/security.md` after the file moved to `docs/security/index.md`.\n\n## Fix\nLink the file's current path, ideally pinned to a commit.",
    "link the file's current path"
);

pub(crate) fn check(
    doc: &Document,
    report: &ScanReport,
    snapshot: &Snapshot,
    out: &mut VerifyReport,
) {
    let Some(web) = report
        .repository
        .url
        .clone()
        .or_else(|| web_from_tree(snapshot))
    else {
        return;
    };
    let web = web.to_ascii_lowercase();
    for l in &doc.links {
        // A link the text itself calls gone or past ("at one point in the past ... is not
        // present") states nothing about the tree today.
        if !crate::link_is_current(doc, l.range.start) {
            continue;
        }
        let dest = l.dest.trim();
        let lower = dest.to_ascii_lowercase();
        let Some(rest) = lower.strip_prefix(&web) else {
            continue;
        };
        let rest = &dest[dest.len() - rest.len()..];
        // A fragment or query (`#:~:text=https%3A//...`) is no part of the path.
        let rest = rest.split(['#', '?']).next().unwrap_or_default();
        // A workflow's page or badge names a file under .github/workflows; GitHub's
        // default code scanning (`github-code-scanning/...`) has none.
        if let Some(file) = rest.strip_prefix("/actions/workflows/") {
            let file = file.split(['/', '#', '?']).next().unwrap_or_default();
            if file.ends_with(".yml") || file.ends_with(".yaml") {
                workflow(doc, l, snapshot, file, out);
            }
            continue;
        }
        let Some(after) = rest
            .strip_prefix("/blob/")
            .or_else(|| rest.strip_prefix("/tree/"))
            .or_else(|| rest.strip_prefix("/-/blob/"))
            .or_else(|| rest.strip_prefix("/-/tree/"))
        else {
            continue;
        };
        let Some((_, path)) = after.split_once('/') else {
            continue;
        };
        let path = path
            .split(['#', '?'])
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        if path.is_empty() {
            continue;
        }
        let path = path.replace("%20", " ");
        let exists = snapshot.exists(&path);
        let moved = if exists {
            None
        } else {
            moved_to(snapshot, &path)
        };
        out.claims.push(Claim {
            kind: "link",
            claim: dest.to_owned(),
            section: section_of(doc, l.range.start),
            verdict: if exists { Verdict::Backed } else { Verdict::NotFound },
            reason: if exists {
                format!("{path} exists at the scanned commit")
            } else {
                format!("{path} is not in the repository at the scanned commit (moved, renamed or deleted)")
            },
            evidence: if exists { vec![Evidence::file(path.clone())] } else { Vec::new() },
            range: l.range.clone(),
            code: LINK_TARGET_MISSING.code,
            fix: moved.as_ref().and_then(|m| {
                let r = crate::dest_range(doc, l);
                doc.text.get(r.clone())?.contains(path.as_str()).then(|| Fix {
                    text: doc.text[r.clone()].replacen(path.as_str(), m, 1),
                    range: r,
                })
            }),
            suggestion: moved.map(|m| format!("{m} (the one file in the tree with that name)")),
            ..Claim::default()
        });
    }
}

/// A link to a workflow's runs or badge: the workflow file must be in the repository.
fn workflow(
    doc: &Document,
    l: &assay_lint::document::Link,
    snapshot: &Snapshot,
    file: &str,
    out: &mut VerifyReport,
) {
    let path = format!(".github/workflows/{file}");
    let exists = snapshot.exists(&path);
    if out
        .claims
        .iter()
        .any(|c| c.kind == "link" && c.claim == l.dest && c.range.start == l.range.start)
    {
        return;
    }
    out.claims.push(Claim {
        kind: "link",
        claim: l.dest.clone(),
        section: section_of(doc, l.range.start),
        verdict: if exists {
            Verdict::Backed
        } else {
            Verdict::NotFound
        },
        reason: if exists {
            format!("{path} exists at the scanned commit")
        } else {
            format!("the link names the workflow {path}, which is not in the repository at the scanned commit (removed or renamed)")
        },
        evidence: if exists {
            vec![Evidence::file(path)]
        } else {
            Vec::new()
        },
        range: l.range.clone(),
        code: LINK_TARGET_MISSING.code,
        ..Claim::default()
    });
}
