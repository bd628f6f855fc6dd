//! Documentation as sentences: what the feature, governance and goal readers quote. Each
//! sentence keeps the line it starts on and the heading it sits under, so a statement can
//! cite the line and say which part of the page it comes from.

use std::sync::LazyLock;

use regex::Regex;

use super::is_foreign;
use crate::snapshot::{EntryKind, FileEntry};

/// Largest documentation page read.
pub(crate) const MAX_PAGE_BYTES: u64 = 512 * 1024;
/// Longest sentence kept, in words: longer ones are lists run together or tables.
const MAX_WORDS: usize = 90;

/// One sentence of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// 1-based line the sentence starts on.
    pub line: u32,
    /// The line as written, for the evidence excerpt.
    pub raw: String,
    /// The sentence as plain text (link targets, emphasis and code ticks kept as words).
    pub text: String,
    /// The heading the sentence sits under, as plain text ("" before the first).
    pub heading: String,
    /// Every heading above the sentence, outermost first, joined with " > ".
    pub trail: String,
    /// The sentence is a list item.
    pub bullet: bool,
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]|<[^>]{1,200}>")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*+]|\d{1,3}[.)])\s+").unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static RST_UNDERLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:={3,}|-{3,}|~{3,}|\^{3,}|\*{3,}|#{3,})\s*$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Markdown, `reStructuredText` or `AsciiDoc` the project wrote: not third-party, not a test
/// fixture, not a template for issues or pull requests, within the size bound.
pub(crate) fn is_doc_file(entry: &FileEntry) -> bool {
    let p = entry.path.as_str();
    let lower = p.to_ascii_lowercase();
    entry.kind == EntryKind::File
        && entry.size.is_some_and(|s| s <= MAX_PAGE_BYTES)
        && [".md", ".markdown", ".rst", ".adoc", ".asciidoc"]
            .iter()
            .any(|e| lower.ends_with(e))
        && !is_foreign(p)
        && !lower.contains("issue_template")
        && !lower.contains("pull_request_template")
        && !lower.split('/').any(|c| {
            matches!(
                c,
                "test"
                    | "tests"
                    | "testing"
                    | "fixtures"
                    | "e2e"
                    | "node_modules"
                    | "snapshots"
                    | "hack"
                    | "tools"
                    | "scripts"
                    | "script"
                    | "templates"
            ) || c.starts_with("example")
                || c.starts_with("bench")
                || c.starts_with("sample")
        })
}

/// Plain text of a Markdown fragment: links to their text, HTML tags dropped, emphasis
/// markers removed.
pub(crate) fn plain(s: &str) -> String {
    let s = LINK.replace_all(s, |c: &regex::Captures| {
        c.get(1)
            .or_else(|| c.get(2))
            .map_or(String::new(), |m| m.as_str().to_owned())
    });
    let s = s.replace("**", "").replace("__", "");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Longest quoted sentence, in characters.
const QUOTE_MAX_CHARS: usize = 400;

/// A sentence made safe to quote: no control or direction characters, bounded length.
pub(crate) fn quote(s: &str) -> String {
    let clean = assay_model::strip_control_chars(s).replace('\n', " ");
    let mut out: String = clean.chars().take(QUOTE_MAX_CHARS).collect();
    if clean.chars().count() > QUOTE_MAX_CHARS {
        out.push('…');
    }
    out
}

/// Headings: Markdown `#`, `AsciiDoc` `=`, and `reStructuredText` titles (a line underlined).
/// A heading and its level (1 for `#`; reStructuredText titles count as level 1 unless
/// underlined with `-`, `~` or `^`).
fn heading_of(line: &str, next: Option<&str>) -> Option<(usize, String)> {
    let t = line.trim_end();
    if t.starts_with('#') || t.starts_with('=') {
        let h = t.trim_start_matches(['#', '=']);
        if h.starts_with(' ') {
            return Some((t.len() - h.len(), plain(h.trim())));
        }
    }
    if !t.trim().is_empty()
        && !t.starts_with(' ')
        && next.is_some_and(|n| RST_UNDERLINE.is_match(n) && n.trim().len() >= t.trim().len())
    {
        let level = match next.and_then(|n| n.trim().chars().next()) {
            Some('=' | '#' | '*') => 1,
            Some('-') => 2,
            _ => 3,
        };
        return Some((level, plain(t.trim())));
    }
    None
}

/// Split a paragraph into sentences at ". ", "! " or "? " followed by a capital or a
/// quote; abbreviations such as "e.g." and "i.e." do not end one.
fn split_sentences(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(2) {
        if matches!(bytes[i], b'.' | b'!' | b'?') && bytes[i + 1] == b' ' {
            let next = bytes[i + 2];
            let before = &text[start..i];
            let abbrev = ["e.g", "i.e", "etc", "vs", "cf", "Dr", "Mr", "approx"]
                .iter()
                .any(|a| before.ends_with(a));
            if (next.is_ascii_uppercase() || matches!(next, b'`' | b'"' | b'[' | b'*')) && !abbrev {
                out.push((start, text[start..=i].trim().to_owned()));
                start = i + 2;
            }
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push((start, rest.to_owned()));
    }
    out
}

struct Paragraph {
    starts: Vec<(usize, usize)>,
    joined: String,
    bullet: bool,
}

/// The page's sentences, in order. Code blocks, front matter, HTML comments, tables,
/// headings and directives are left out.
pub(crate) fn sentences(text: &str) -> Vec<Sentence> {
    let lines: Vec<&str> = text.lines().take(20_000).collect();
    let mut out = Vec::new();
    // The open headings: (level, text).
    let mut trail: Vec<(usize, String)> = Vec::new();
    let mut fence = false;
    let mut comment = false;
    // The paragraph being read: where each of its lines starts in the joined text (line
    // index, byte offset), the joined text, and whether it is a list item.
    let mut para: Option<Paragraph> = None;
    let flush =
        |para: &mut Option<Paragraph>, out: &mut Vec<Sentence>, trail: &[(usize, String)]| {
            if let Some(p) = para.take() {
                for (offset, s) in split_sentences(&p.joined) {
                    // Badges and images left over from nested links are not prose.
                    if s.contains("[![") || s.contains("![") {
                        continue;
                    }
                    let s = plain(&s);
                    let words = s.split_whitespace().count();
                    if words == 0 || words > MAX_WORDS {
                        continue;
                    }
                    let i = p
                        .starts
                        .iter()
                        .rposition(|(_, o)| *o <= offset)
                        .unwrap_or(0);
                    // A sentence whose start line holds only its first word or two is
                    // cited at the next line, where what it says is.
                    let on_first = p
                        .starts
                        .get(i + 1)
                        .map(|(_, next)| p.joined.get(offset..*next).unwrap_or(""));
                    let i = match on_first {
                        Some(head) if head.split_whitespace().count() < 3 => i + 1,
                        _ => i,
                    };
                    let at = p.starts.get(i).map_or(0, |(l, _)| *l);
                    out.push(Sentence {
                        line: u32::try_from(at + 1).unwrap_or(u32::MAX),
                        raw: lines[at].to_owned(),
                        text: s,
                        heading: trail.last().map_or("", |(_, h)| h.as_str()).to_owned(),
                        trail: trail
                            .iter()
                            .map(|(_, h)| h.as_str())
                            .collect::<Vec<_>>()
                            .join(" > "),
                        bullet: p.bullet,
                    });
                }
            }
        };
    let mut i = 0;
    // Front matter (`---` ... `---` at the top) is metadata, not prose.
    if lines.first().is_some_and(|l| l.trim() == "---") {
        i = lines
            .iter()
            .skip(1)
            .position(|l| l.trim() == "---")
            .map_or(0, |p| p + 2);
    }
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        i += 1;
        if t.starts_with("```") || t.starts_with("~~~") {
            flush(&mut para, &mut out, &trail);
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        if comment || t.starts_with("<!--") {
            comment = !t.contains("-->");
            continue;
        }
        if let Some((level, h)) = heading_of(line, lines.get(i).copied()) {
            flush(&mut para, &mut out, &trail);
            trail.retain(|(l, _)| *l < level);
            trail.push((level, h));
            if lines.get(i).is_some_and(|n| RST_UNDERLINE.is_match(n)) {
                i += 1;
            }
            continue;
        }
        let code_block = line.starts_with("    ") && para.is_none();
        if t.is_empty()
            || code_block
            || t.starts_with('|')
            || t.matches('|').count() >= 3
            || t.starts_with("..")
            || t.starts_with("{{")
            || t.starts_with('<')
            || RST_UNDERLINE.is_match(t)
        {
            flush(&mut para, &mut out, &trail);
            continue;
        }
        let quote = t.trim_start_matches('>').trim_start();
        if let Some(m) = BULLET.find(quote) {
            flush(&mut para, &mut out, &trail);
            para = Some(Paragraph {
                starts: vec![(i - 1, 0)],
                joined: quote[m.end()..].to_owned(),
                bullet: true,
            });
            continue;
        }
        match &mut para {
            Some(p) => {
                p.joined.push(' ');
                p.starts.push((i - 1, p.joined.len()));
                p.joined.push_str(quote);
            }
            None => {
                para = Some(Paragraph {
                    starts: vec![(i - 1, 0)],
                    joined: quote.to_owned(),
                    bullet: false,
                });
            }
        }
    }
    flush(&mut para, &mut out, &trail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_their_line_and_heading() {
        let text = "---\ntitle: x\n---\n# Security\n\nWidget encrypts data at rest with AES-256. It also\nsupports mTLS between agents.\n\n```\nnot prose\n```\n\n| a | b |\n\n- Tokens expire after 30 minutes, e.g. for the API.\n";
        let s = sentences(text);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].line, 6);
        assert_eq!(s[0].heading, "Security");
        assert_eq!(s[2].trail, "Security");
        assert_eq!(s[0].text, "Widget encrypts data at rest with AES-256.");
        assert_eq!(s[1].line, 7, "line 6 holds only \"It also\"");
        assert_eq!(s[1].text, "It also supports mTLS between agents.");
        assert!(s[2].bullet);
        assert_eq!(s[2].line, 15);
        assert_eq!(
            s[2].text,
            "Tokens expire after 30 minutes, e.g. for the API."
        );
    }

    #[test]
    fn a_sentence_starting_at_a_lines_end_is_cited_where_it_says_something() {
        let s = sentences("Agents connect to it. The\nserver checks every token with OIDC.\n");
        assert_eq!(s[1].text, "The server checks every token with OIDC.");
        assert_eq!(s[1].line, 2);
    }

    #[test]
    fn rst_titles_are_headings() {
        let s = sentences("Goals\n=====\n\nKeep secrets out of logs always.\n");
        assert_eq!(s[0].heading, "Goals");
        assert_eq!(s[0].line, 4);
    }

    #[test]
    fn links_become_their_text() {
        assert_eq!(
            plain("See [the guide](x.md) and <b>this</b>."),
            "See the guide and this."
        );
    }
}
