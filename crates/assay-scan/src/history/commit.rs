//! One commit object, parsed by hand from its bytes: people, signature header, subject and
//! trailer-like lines. Tolerant of anything: a hostile commit yields empty fields.

use gix::ObjectId;

use super::MESSAGE_BYTES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum SigKind {
    Gpg,
    Ssh,
    X509,
}

impl SigKind {
    pub(super) fn of_block(first_line: &[u8]) -> Option<SigKind> {
        let line = String::from_utf8_lossy(first_line);
        if line.contains("BEGIN PGP SIGNATURE") {
            Some(SigKind::Gpg)
        } else if line.contains("BEGIN SSH SIGNATURE") {
            Some(SigKind::Ssh)
        } else if line.contains("BEGIN SIGNED MESSAGE") || line.contains("BEGIN CERTIFICATE") {
            Some(SigKind::X509)
        } else {
            None
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            SigKind::Gpg => "gpg",
            SigKind::Ssh => "ssh",
            SigKind::X509 => "x509",
        }
    }
}

#[derive(Debug, Default, Clone)]
pub(super) struct Person {
    pub(super) name: String,
    pub(super) email: String,
    pub(super) time: Option<i64>,
}

/// `Name <email> 1700000000 +0100`, parsed from the right; tolerant of garbage.
pub(super) fn parse_person(raw: &[u8]) -> Person {
    let text = String::from_utf8_lossy(raw);
    let (who, when) = match text.rfind('>') {
        Some(i) => (&text[..=i], text[i + 1..].trim()),
        None => (text.as_ref(), ""),
    };
    let (name, email) = match (who.find('<'), who.rfind('>')) {
        (Some(a), Some(b)) if a < b => (who[..a].trim(), &who[a + 1..b]),
        _ => (who.trim(), ""),
    };
    Person {
        name: name.chars().take(200).collect(),
        email: email
            .trim()
            .chars()
            .take(200)
            .collect::<String>()
            .to_ascii_lowercase(),
        time: when.split_whitespace().next().and_then(|t| t.parse().ok()),
    }
}

#[derive(Debug, Default)]
pub(super) struct RawCommit {
    pub(super) parents: Vec<ObjectId>,
    pub(super) author: Person,
    pub(super) committer: Person,
    pub(super) signature: Option<SigKind>,
    pub(super) subject: String,
    /// Trailer-like lines `Key: value` from the message, keys lower-cased.
    pub(super) trailers: Vec<(String, String)>,
    /// GitLab writes `See merge request group/project!12` into merge commits.
    pub(super) merge_request: bool,
}

/// The committer GitHub records for commits it makes itself (merges and squashes from the
/// web interface, edits in the browser); it signs them with its own "web-flow" key.
const GITHUB_WEB_COMMITTER: &str = "noreply@github.com";

impl RawCommit {
    /// Made by the forge on someone's behalf: a signature on it is the forge's, not the
    /// contributor's.
    pub(super) fn committed_by_forge(&self) -> bool {
        self.committer.email == GITHUB_WEB_COMMITTER
    }
}

pub(super) fn parse_commit(data: &[u8]) -> RawCommit {
    let mut c = RawCommit::default();
    let mut rest = data;
    // Headers, up to the first empty line.
    while !rest.is_empty() {
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or(&[]);
        if line.is_empty() {
            break;
        }
        if line.starts_with(b" ") {
            continue; // continuation of a multi-line header (the signature block)
        }
        let (key, value) = match line.iter().position(|&b| b == b' ') {
            Some(i) => (&line[..i], &line[i + 1..]),
            None => (line, &[][..]),
        };
        match key {
            b"parent" => {
                if let Ok(id) = ObjectId::from_hex(value) {
                    c.parents.push(id);
                }
            }
            b"author" => c.author = parse_person(value),
            b"committer" => c.committer = parse_person(value),
            b"gpgsig" | b"gpgsig-sha256" => {
                c.signature = SigKind::of_block(value).or(Some(SigKind::Gpg));
            }
            _ => {}
        }
    }
    let message = &rest[..rest.len().min(MESSAGE_BYTES)];
    let text = String::from_utf8_lossy(message);
    c.subject = text
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    for line in text.lines().skip(1) {
        if line.starts_with("See merge request ") {
            c.merge_request = true;
        }
        // A trailer's key starts its line; indented `key: value` lines are body text (the
        // YAML block in a Dependabot message), and must not fill the trailer cap.
        if line.starts_with(char::is_whitespace) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty()
            || key.len() > 40
            || !key.starts_with(|ch: char| ch.is_ascii_alphabetic())
            || !key
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
        {
            continue;
        }
        if c.trailers.len() < 64 {
            c.trailers.push((
                key.to_ascii_lowercase(),
                value.trim().chars().take(200).collect(),
            ));
        }
    }
    c
}

pub(super) fn trailer_email(value: &str) -> Option<String> {
    let a = value.find('<')?;
    let b = value[a..].find('>')? + a;
    Some(value[a + 1..b].trim().to_ascii_lowercase())
}

const BOT_NAMES: &[(&str, &str)] = &[
    ("dependabot", "Dependabot"),
    ("renovate", "Renovate"),
    ("github-actions", "GitHub Actions"),
    ("k8s-ci-robot", "Prow"),
    ("pre-commit-ci", "pre-commit.ci"),
    ("mergify", "Mergify"),
    ("greenkeeper", "Greenkeeper"),
    ("snyk-bot", "Snyk"),
    ("release-please", "release-please"),
];

pub(super) fn bot_of(p: &Person) -> Option<String> {
    let name = p.name.to_ascii_lowercase();
    let email = &p.email;
    for (needle, label) in BOT_NAMES {
        if name.contains(needle) || email.contains(needle) {
            return Some((*label).to_owned());
        }
    }
    if name.ends_with("[bot]")
        || email.contains("[bot]@")
        || name.ends_with("-bot")
        || name.ends_with(" bot")
    {
        return Some(p.name.clone());
    }
    None
}

/// How a main-line commit got there.
pub(super) fn review_marker(c: &RawCommit) -> Option<&'static str> {
    let s = &c.subject;
    if s.starts_with("Merge pull request #") {
        return Some("pull request merge");
    }
    if c.merge_request {
        return Some("merge request");
    }
    if s.contains("(pull request #") || s.starts_with("Merged PR ") {
        return Some("pull request merge");
    }
    let trimmed = s.trim_end();
    if let Some(inner) = trimmed.strip_suffix(')')
        && let Some(open) = inner.rfind("(#")
    {
        let num = &inner[open + 2..];
        if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) {
            return Some("squash or rebase of a pull request");
        }
    }

    for (k, _) in &c.trailers {
        match k.as_str() {
            "reviewed-by" | "acked-by" | "approved-by" => return Some("review trailer"),
            "reviewed-on" | "change-id" => return Some("Gerrit review"),
            "differential revision" => return Some("Phabricator review"),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_headers_signatures_and_trailers() {
        let raw = b"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\
parent 0000000000000000000000000000000000000001\n\
author Ada <ada@x.org> 1700000000 +0100\n\
committer Ada <ada@x.org> 1700000100 +0100\n\
gpgsig -----BEGIN SSH SIGNATURE-----\n abc\n -----END SSH SIGNATURE-----\n\
\n\
Fix parser (#42)\n\nBody.\n\nSigned-off-by: Ada <ADA@x.org>\nReviewed-by: Bob <bob@y.org>\n";
        let c = parse_commit(raw);
        assert_eq!(c.parents.len(), 1);
        assert_eq!(c.author.email, "ada@x.org");
        assert_eq!(c.committer.time, Some(1_700_000_100));
        assert_eq!(c.signature, Some(SigKind::Ssh));
        assert_eq!(c.subject, "Fix parser (#42)");
        assert_eq!(
            review_marker(&c),
            Some("squash or rebase of a pull request")
        );
        assert!(c.trailers.iter().any(|(k, _)| k == "signed-off-by"));
    }

    #[test]
    fn indented_yaml_in_a_message_does_not_crowd_out_the_sign_off() {
        let mut raw = String::from(
            "tree 0000000000000000000000000000000000000000\nauthor a <a@x> 1 +0000\ncommitter a <a@x> 1 +0000\n\nBump deps\n\n---\nupdated-dependencies:\n",
        );
        for i in 0..100 {
            raw.push_str(&"- dependency-name: mX\n  dependency-version: 1.0\n  update-type: version-update:semver-minor\n".replace('X', &i.to_string()));
        }
        raw.push_str("...\n\nSigned-off-by: dependabot[bot] <support@github.com>\n");
        let c = parse_commit(raw.as_bytes());
        assert!(
            c.trailers.iter().any(|(k, _)| k == "signed-off-by"),
            "{:?}",
            c.trailers.len()
        );
    }

    #[test]
    fn malformed_people_and_trailers_do_not_panic() {
        for raw in [
            &b"author \xff\xfe <\n"[..],
            b"author <<>> x y z\n\nmsg\n:::\nA: b\n",
            b"\n",
            b"",
        ] {
            let _ = parse_commit(raw);
        }
        let p = parse_person(b"N\xffame <e@x> notanumber +0000");
        assert_eq!(p.time, None);
        assert_eq!(p.email, "e@x");
    }
}
