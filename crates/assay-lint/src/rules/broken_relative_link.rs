use std::path::{Component, Path, PathBuf};

use assay_model::Severity;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL011",
    name: "broken-relative-link",
    severity: Severity::Error,
    summary: "A relative link points to a file that does not exist in the repository.",
    doc: "## What\nResolves relative links (`docs/security.md`, `../SECURITY.md`) against the repository given with `--repo`, or the repository the document sits in, and reports those whose target does not exist or would leave the repository. Links are checked lexically: no file is opened and no symlink followed.\n\n## Why\nA moved or renamed file leaves the assessment pointing at nothing.\n\n## Example\n`[policy](SECURITY.md)` in a repository whose policy lives in `.github/SECURITY.md`.\n\n## Fix\nUpdate the link to the file's current path, or link a pinned URL.",
    help: "update the link to the file's current path",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let Some(repo) = cx.repo else {
        return Vec::new();
    };
    let doc_dir = Path::new(&cx.doc.path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut out = Vec::new();
    for l in &cx.doc.links {
        let dest = l.dest.trim();
        let has_scheme = dest.split_once(':').is_some_and(|(s, _)| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme {
            continue;
        }
        let path_part = dest.split(['#', '?']).next().unwrap_or_default();
        let decoded = path_part.replace("%20", " ");
        let base = if decoded.starts_with('/') {
            PathBuf::new()
        } else {
            doc_dir.clone()
        };
        match resolve(&base, decoded.trim_start_matches('/')) {
            None => out.push(Hit::new(
                l.range.clone(),
                format!("{dest} points outside the repository"),
            )),
            Some(rel) => {
                let full = repo.join(&rel);
                if std::fs::symlink_metadata(&full).is_err() {
                    out.push(Hit::new(
                        l.range.clone(),
                        format!("{} does not exist in the repository", rel.display()),
                    ));
                }
            }
        }
    }
    out
}

/// `base/target` normalised lexically; `None` when `..` climbs above the root.
fn resolve(base: &Path, target: &str) -> Option<PathBuf> {
    let joined = base.join(target);
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for c in joined.components() {
        match c {
            Component::Normal(p) => parts.push(p),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}
