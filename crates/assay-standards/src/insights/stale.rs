//! Values of a Security Insights file that the repository no longer backs: links to files
//! of this repository that are gone, a repository URL that is not the remote's, a licence
//! the licence file no longer states, tools the scan no longer finds.

use assay_model::{Status, detail, vocabulary as v};
use serde_json::Value;

use super::lint::{Check, RepoView, STALE_LINK, STALE_VALUE, scanned_tool_names};
use super::tree::{Node, Value as YamlValue};

pub(super) fn stale(root: &Node, repo: &RepoView, out: &mut Vec<Check>) {
    if let Some(web) = repo.web_url {
        // `header.url` is where the file itself is published: it may not be committed yet.
        if let YamlValue::Map(entries) = &root.value {
            for e in entries {
                match (&e.key[..], &e.value.value) {
                    ("header", YamlValue::Map(h)) => h
                        .iter()
                        .filter(|f| f.key != "url")
                        .for_each(|f| links(&f.value, web, repo, out)),
                    _ => links(&e.value, web, repo, out),
                }
            }
        }
        if let Some(n) = root.at(&["repository", "url"])
            && let Some(u) = n.as_str()
            && !same_url(u, web)
        {
            out.push(check(
                &STALE_VALUE,
                n,
                format!("the repository's remote is {web}, not this address"),
            ));
        }
    }
    licence(root, repo, out);
    tools(root, repo, out);
    let policy = repo.report.findings.iter().any(|f| {
        f.id == v::SECURITY_POLICY.id && matches!(f.status, Status::Present | Status::Partial)
    });
    if let Some(n) = root.at(&["project", "vulnerability-reporting", "reports-accepted"])
        && n.as_str() == Some("true")
        && !policy
    {
        out.push(check(
            &STALE_VALUE,
            n,
            "reports are said to be accepted, but the repository has no security policy that says how".into(),
        ));
    }
}

fn check(kind: &super::lint::CheckKind, n: &Node, message: String) -> Check {
    Check {
        code: kind.code,
        name: kind.name,
        warning: kind.warning,
        line: n.pos.line,
        column: n.pos.column,
        message,
        help: Some(kind.help),
    }
}

fn same_url(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim_end_matches('/')
            .trim_end_matches(".git")
            .to_ascii_lowercase()
    };
    norm(a) == norm(b)
}

fn licence(root: &Node, repo: &RepoView, out: &mut Vec<Check>) {
    let Some(n) = root.at(&["repository", "license", "expression"]) else {
        return;
    };
    let scanned = repo
        .report
        .findings
        .iter()
        .find(|f| f.id == v::LICENSE.id && f.status == Status::Present)
        .and_then(|f| f.details.get(detail::SPDX))
        .and_then(Value::as_str);
    if let (Some(written), Some(scanned)) = (n.as_str(), scanned)
        && written.trim() != scanned
    {
        out.push(check(
            &STALE_VALUE,
            n,
            format!("the repository's licence file reads as {scanned}"),
        ));
    }
}

fn tools(root: &Node, repo: &RepoView, out: &mut Vec<Check>) {
    let Some(list) = root.at(&["repository", "security", "tools"]) else {
        return;
    };
    let names = scanned_tool_names(repo.report);
    for t in list.items() {
        let Some(n) = t.get("name") else { continue };
        let Some(name) = n.as_str() else { continue };
        let lower = name.to_ascii_lowercase();
        let known = names.iter().any(|s| {
            s == &lower
                || (s.len() > 3 && lower.contains(s.as_str()))
                || (lower.len() > 3 && s.contains(&lower))
        });
        if !known {
            out.push(check(
                &STALE_VALUE,
                n,
                format!(
                    "the scan finds no `{}` in the repository (it may run outside it)",
                    assay_model::clean_excerpt(name)
                ),
            ));
        }
    }
}

fn links(node: &Node, web: &str, repo: &RepoView, out: &mut Vec<Check>) {
    match &node.value {
        YamlValue::Scalar(s) => {
            if let Some(paths) = repo_path(&s.text, web)
                && !paths.iter().any(|p| (repo.exists)(p))
                && let Some(first) = paths.first()
            {
                out.push(check(
                    &STALE_LINK,
                    node,
                    format!(
                        "links to `{}`, which is not in the repository",
                        assay_model::clean_excerpt(first)
                    ),
                ));
            }
        }
        YamlValue::Seq(items) => items.iter().for_each(|n| links(n, web, repo, out)),
        YamlValue::Map(entries) => entries.iter().for_each(|e| links(&e.value, web, repo, out)),
    }
}

/// The repository paths a link to this repository's files may mean (a branch name may
/// hold slashes, so the first one, two or three segments after the marker may be the
/// ref). `None` when the link is not to a file of this repository.
pub fn repo_path(url: &str, web: &str) -> Option<Vec<String>> {
    let url = url.split(['#', '?']).next().unwrap_or(url);
    let rest = if let Some(r) = url.strip_prefix(web) {
        let r = r.strip_prefix("/-").unwrap_or(r);
        ["/blob/", "/tree/", "/raw/", "/src/branch/", "/src/commit/"]
            .iter()
            .find_map(|m| r.strip_prefix(m))?
    } else {
        let gh = web.strip_prefix("https://github.com/")?;
        url.strip_prefix("https://raw.githubusercontent.com/")?
            .strip_prefix(gh)?
            .strip_prefix('/')?
    };
    let rest = rest.strip_prefix("refs/heads/").unwrap_or(rest);
    let segments: Vec<&str> = rest.split('/').collect();
    let paths: Vec<String> = (1..segments.len().min(4))
        .map(|skip| decode(&segments[skip..].join("/")))
        .filter(|p| !p.is_empty() && !p.split('/').any(|s| s == ".."))
        .collect();
    (!paths.is_empty()).then_some(paths)
}

/// `%XX` escapes decoded (invalid ones kept as written).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out)
        .trim_end_matches('/')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_into_the_repository() {
        let web = "https://github.com/o/r";
        assert_eq!(
            repo_path("https://github.com/o/r/blob/main/docs/a%20b.md#x", web),
            Some(vec!["docs/a b.md".to_owned(), "a b.md".to_owned()])
        );
        assert_eq!(
            repo_path(
                "https://raw.githubusercontent.com/o/r/HEAD/SECURITY.md",
                web
            ),
            Some(vec!["SECURITY.md".to_owned()])
        );
        assert_eq!(
            repo_path("https://github.com/o/other/blob/main/x", web),
            None
        );
        assert_eq!(repo_path("https://example.org/x", web), None);
        let up = repo_path("https://github.com/o/r/blob/main/../../etc", web).unwrap_or_default();
        assert!(up.iter().all(|p| !p.contains("..")), "{up:?}");
    }
}
