//! Links to a file and line on the forge that hosts a repository.

use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    GitHub,
    GitLab,
    /// Gitea and Forgejo (Codeberg) share one URL layout.
    Gitea,
    Bitbucket,
}

/// A known forge and the project's path on it, e.g. `https://github.com/o/r`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forge {
    kind: Kind,
    web: String,
}

impl Forge {
    /// Recognise a remote URL (`https://`, `ssh://`, or scp-like `git@host:o/r.git`).
    /// Returns `None` for hosts we do not know or paths that do not look like a project.
    pub fn from_remote(remote: &str) -> Option<Forge> {
        let (host, path) = split_remote(remote.trim())?;
        let path = path.as_str();
        let host = host.to_ascii_lowercase();
        let kind = if host == "github.com" || host.starts_with("github.") {
            Kind::GitHub
        } else if host.contains("gitlab") {
            Kind::GitLab
        } else if host == "codeberg.org" || host.contains("gitea") || host.contains("forgejo") {
            Kind::Gitea
        } else if host == "bitbucket.org" {
            Kind::Bitbucket
        } else {
            return None;
        };
        let path = path.trim_matches('/');
        let path = path.strip_suffix(".git").unwrap_or(path);
        let segments: Vec<&str> = path.split('/').collect();
        let nested_ok = kind == Kind::GitLab;
        if segments.len() < 2 || (!nested_ok && segments.len() != 2) {
            return None;
        }
        if !segments.iter().all(|s| is_safe_segment(s)) || !is_safe_host(&host) {
            return None;
        }
        Some(Forge {
            kind,
            web: format!("https://{host}/{}", segments.join("/")),
        })
    }

    /// The project's web address.
    pub fn web_url(&self) -> &str {
        &self.web
    }

    /// A link to `path` (and `line`) as it is at `commit`.
    pub fn blob_url(&self, commit: &str, path: &str, line: Option<u32>) -> String {
        let mut url = self.web.clone();
        let path = encode_path(path);
        match self.kind {
            Kind::GitHub => write!(url, "/blob/{commit}/{path}"),
            Kind::GitLab => write!(url, "/-/blob/{commit}/{path}"),
            Kind::Gitea => write!(url, "/src/commit/{commit}/{path}"),
            Kind::Bitbucket => write!(url, "/src/{commit}/{path}"),
        }
        .ok();
        if let Some(line) = line {
            match self.kind {
                Kind::Bitbucket => write!(url, "#lines-{line}"),
                _ => write!(url, "#L{line}"),
            }
            .ok();
        }
        url
    }

    /// A link to one commit.
    pub fn commit_url(&self, commit: &str) -> String {
        match self.kind {
            Kind::GitLab => format!("{}/-/commit/{commit}", self.web),
            Kind::GitHub | Kind::Bitbucket | Kind::Gitea => format!("{}/commit/{commit}", self.web),
        }
    }
}

/// Host and path of a remote, as git reads it (`https://`, `ssh://`, `git://`, scp-like).
fn split_remote(remote: &str) -> Option<(String, String)> {
    let url = gix_url::parse(remote.as_bytes()).ok()?;
    let host = url.host()?.to_owned();
    let path = String::from_utf8(url.path.to_vec()).ok()?;
    Some((host, path))
}

fn is_safe_host(host: &str) -> bool {
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

fn is_safe_segment(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// Percent-encode a repo path for a URL, keeping `/` between segments.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            write!(out, "%{b:02X}").ok();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_https_and_scp_forms_give_pinned_blob_links() {
        for remote in [
            "https://github.com/antrea-io/antrea.git",
            "git@github.com:antrea-io/antrea.git",
            "ssh://git@github.com/antrea-io/antrea",
            "https://user:secret@github.com/antrea-io/antrea",
        ] {
            let f = Forge::from_remote(remote).expect(remote);
            assert_eq!(f.web_url(), "https://github.com/antrea-io/antrea");
            assert_eq!(
                f.blob_url("abc", "SECURITY.md", Some(12)),
                "https://github.com/antrea-io/antrea/blob/abc/SECURITY.md#L12"
            );
        }
    }

    #[test]
    fn gitlab_nested_groups_and_gitea_layouts() {
        let gl = Forge::from_remote("https://gitlab.com/group/sub/proj.git").expect("gitlab");
        assert_eq!(
            gl.blob_url("c0", "a b.md", Some(3)),
            "https://gitlab.com/group/sub/proj/-/blob/c0/a%20b.md#L3"
        );
        let cb = Forge::from_remote("https://codeberg.org/forgejo/forgejo").expect("codeberg");
        assert_eq!(
            cb.blob_url("c0", "README.md", None),
            "https://codeberg.org/forgejo/forgejo/src/commit/c0/README.md"
        );
    }

    #[test]
    fn unknown_hosts_and_odd_paths_give_no_links() {
        assert!(Forge::from_remote("https://example.org/o/r").is_none());
        assert!(Forge::from_remote("/srv/git/repo.git").is_none());
        assert!(Forge::from_remote("https://github.com/o/r/extra").is_none());
        assert!(Forge::from_remote("https://github.com/o/<script>").is_none());
        assert!(Forge::from_remote("https://github.com/../r").is_none());
    }

    #[test]
    fn ports_users_and_git_protocol_are_read_as_git_reads_them() {
        for remote in [
            "ssh://git@github.com:22/o/r.git",
            "git://github.com/o/r",
            "https://user:token@github.com/o/r.git",
            "github.com:o/r.git",
        ] {
            let f = Forge::from_remote(remote).unwrap_or_else(|| panic!("{remote}"));
            assert_eq!(f.web_url(), "https://github.com/o/r", "{remote}");
        }
        assert!(Forge::from_remote("file:///srv/github.com/o/r").is_none());
        assert!(Forge::from_remote("").is_none());
    }

    #[test]
    fn path_characters_are_percent_encoded() {
        let f = Forge::from_remote("https://github.com/o/r").expect("forge");
        assert_eq!(
            f.blob_url("c", "docs/a#b?c\".md", Some(1)),
            "https://github.com/o/r/blob/c/docs/a%23b%3Fc%22.md#L1"
        );
    }
}
