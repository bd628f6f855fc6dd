//! Small text helpers shared by the scanner and the renderers.

/// Longest excerpt kept, in characters.
const EXCERPT_MAX_CHARS: usize = 160;

/// Make a quote safe to print anywhere: one line, no control characters (terminal escapes
/// included), ends trimmed, bounded length. Inner spacing is kept so the quote can be found
/// in the file.
pub fn clean_excerpt(s: &str) -> String {
    let s = s.trim();
    let mut out = String::with_capacity(s.len().min(EXCERPT_MAX_CHARS * 4));
    let mut chars = 0;
    for c in s.chars() {
        if chars >= EXCERPT_MAX_CHARS {
            out.push('…');
            break;
        }
        let c = if c.is_whitespace() { ' ' } else { c };
        if c.is_control() || is_bidi_control(c) {
            continue;
        }
        out.push(c);
        chars += 1;
    }
    out.trim_end().to_owned()
}

/// Remove control characters (terminal escapes included) but keep line breaks, for
/// multi-line messages that quote untrusted text.
pub fn strip_control_chars(s: &str) -> String {
    s.chars()
        .filter(|&c| c == '\n' || !(c.is_control() || is_bidi_control(c)))
        .collect()
}

/// Bidirectional overrides can make a quote read differently from what it is.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Remove `user:password@` from a URL so a token in a remote never reaches output.
pub fn redact_url_credentials(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let host = match authority.rsplit_once('@') {
        Some((_, host)) => host,
        None => authority,
    };
    if path.is_empty() && !rest.contains('/') {
        format!("{scheme}://{host}")
    } else {
        format!("{scheme}://{host}/{path}")
    }
}

/// Byte offsets of line starts, for turning an offset into a 1-based line number.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        u32::try_from(idx + 1).unwrap_or(u32::MAX)
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, b)| (*b == b'\n').then_some(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_lose_escapes_and_newlines_and_are_bounded() {
        assert_eq!(clean_excerpt("  a\tb\r\n c\u{1b}[2J "), "a b   c[2J");
        assert_eq!(clean_excerpt("x\u{202E}y"), "xy");
        let long = "a".repeat(1000);
        assert_eq!(clean_excerpt(&long).chars().count(), EXCERPT_MAX_CHARS + 1);
    }

    #[test]
    fn control_characters_go_but_newlines_stay() {
        assert_eq!(strip_control_chars("a\u{1b}]0;x\u{7}\nb\r"), "a]0;x\nb");
    }

    #[test]
    fn credentials_are_removed_from_remotes() {
        assert_eq!(
            redact_url_credentials("https://x-access-token:ghp_abc@github.com/o/r.git"),
            "https://github.com/o/r.git"
        );
        assert_eq!(
            redact_url_credentials("git@github.com:o/r.git"),
            "git@github.com:o/r.git"
        );
    }

    #[test]
    fn line_index_maps_offsets_to_lines() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(2), 2);
        assert_eq!(idx.line_of(5), 3);
        assert_eq!(idx.line_of(6), 4);
        assert_eq!(idx.len(), 4);
    }
}

/// `text` with the inside of every HTML comment (`<!-- … -->`) blanked out, line breaks
/// kept, so that line numbers still match. A Markdown comment is a note to whoever edits
/// the file (often template text waiting to be filled in), not something the document says.
/// An unclosed comment runs to the end, as renderers treat it.
pub fn blank_html_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("<!--") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 4..];
        let (inside, next) = match after.find("-->") {
            Some(close) => (&rest[open..open + 4 + close + 3], &after[close + 3..]),
            None => (&rest[open..], ""),
        };
        out.extend(inside.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        rest = next;
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod comment_tests {
    use super::blank_html_comments;

    #[test]
    fn comments_are_blanked_and_lines_kept() {
        let text = "a\n<!---\n- [Slack](https://x.slack.com)\n-->\nb <!-- hidden --> c\n";
        let blank = blank_html_comments(text);
        assert_eq!(blank.lines().count(), text.lines().count());
        assert!(!blank.contains("slack"));
        assert!(
            blank
                .lines()
                .nth(4)
                .is_some_and(|l| l.starts_with("b ") && l.ends_with(" c"))
        );
        assert!(!blank_html_comments("x <!-- never closed\nslack").contains("slack"));
    }
}
