//! Escaping for text and links that may come from a repository.

use std::fmt::Write as _;
use std::sync::LazyLock;

use assay_model::strip_control_chars;
use regex::Regex;

/// A web address or an email address in running text. The address ends at whitespace or
/// at a character no renderer takes into a link; trailing punctuation is trimmed after.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\bhttps?://[^\s<>"`]+|\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"#,
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// A piece of running text: plain words, a web address, or an email address.
#[derive(Debug, PartialEq, Eq)]
pub enum Span<'a> {
    Text(&'a str),
    Url(&'a str),
    Email(&'a str),
    /// A web address cut short by a quote's length limit (`https://git…`): not a link.
    Cut(&'a str),
}

/// Split text into plain runs and the addresses in it, so each medium can turn the
/// addresses into links instead of escaping them into something that no longer works.
pub fn spans(s: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for m in ADDRESS.find_iter(s) {
        let found = m.as_str();
        let is_url = found.contains("://");
        let kept = if is_url { trim_url(found) } else { found };
        if kept.is_empty() || (is_url && !kept.contains("://")) {
            continue;
        }
        if m.start() > at {
            out.push(Span::Text(&s[at..m.start()]));
        }
        out.push(if is_url && kept.contains('\u{2026}') {
            Span::Cut(kept)
        } else if is_url {
            Span::Url(kept)
        } else {
            Span::Email(kept)
        });
        at = m.start() + kept.len();
    }
    if at < s.len() {
        out.push(Span::Text(&s[at..]));
    }
    out
}

/// Sentence punctuation after an address is not part of it; a closing bracket is only
/// when the address opened one.
fn trim_url(u: &str) -> &str {
    let mut u = u;
    loop {
        let before = u.len();
        u = u.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_', '~']);
        for (open, close) in [('(', ')'), ('[', ']'), ('{', '}')] {
            if u.ends_with(close) && u.matches(open).count() < u.matches(close).count() {
                u = &u[..u.len() - 1];
            }
        }
        if u.len() == before {
            return u;
        }
    }
}

/// Text safe inside a Markdown paragraph, list item or table cell: one line, no control
/// characters, Markdown and HTML punctuation escaped.
pub fn markdown(s: &str) -> String {
    let clean = strip_control_chars(s).replace(['\n', '\r'], " ");
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text safe in HTML element content and attribute values.
pub fn html(s: &str) -> String {
    let clean = strip_control_chars(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A link target that cannot break out of `(...)` or an attribute, or run script: http(s)
/// URLs and relative paths only, with anything unusual percent-encoded.
pub fn href(target: &str) -> Option<String> {
    let t = target.trim();
    let lower = t.to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    if t.is_empty() || (!web && has_scheme(t)) {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    for b in t.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/?#@!$&'*+,;=%".contains(&b) {
            out.push(char::from(b));
        } else {
            write!(out, "%{b:02X}").ok();
        }
    }
    // Parentheses and quotes never appear raw: they end links and attributes.
    Some(out.replace('\'', "%27"))
}

/// A link target for a Markdown link or autolink: [`href`], with an `&` that would read as
/// a character reference (`&amp;`, `&#38;`) percent-encoded, since Markdown decodes those.
pub fn markdown_href(target: &str) -> Option<String> {
    static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
            .unwrap_or_else(|e| unreachable!("static regex: {e}"))
    });
    href(target).map(|h| ENTITY.replace_all(&h, "%26$1").into_owned())
}

/// Markdown for running text: addresses become autolinks (`<https://...>`) that GitHub
/// follows as written, emails stay as they are (GitHub links them), the rest is escaped.
pub fn markdown_text(s: &str) -> String {
    let clean = strip_control_chars(s).replace(['\n', '\r'], " ");
    let mut out = String::with_capacity(clean.len() + 8);
    for span in spans(&clean) {
        match span {
            Span::Text(t) => out.push_str(&markdown(t)),
            Span::Url(u) => match markdown_href(u) {
                Some(h) => write!(out, "<{h}>").unwrap_or(()),
                None => out.push_str(&markdown(u)),
            },
            Span::Email(e) => out.push_str(e),
            // A code span keeps GitHub from linking the part that is left.
            Span::Cut(u) => write!(out, "`{}`", u.replace('`', "'")).unwrap_or(()),
        }
    }
    out
}

/// HTML for running text: web addresses and emails become links (http(s) and mailto
/// only), everything escaped for HTML.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for span in spans(s) {
        match span {
            Span::Text(t) | Span::Cut(t) => out.push_str(&html(t)),
            Span::Url(u) => match href(u) {
                Some(h) => write!(out, "<a href=\"{}\">{}</a>", html(&h), html(u)).unwrap_or(()),
                None => out.push_str(&html(u)),
            },
            Span::Email(e) => {
                write!(out, "<a href=\"mailto:{}\">{}</a>", html(e), html(e)).unwrap_or(());
            }
        }
    }
    out
}

/// `scheme:` at the start (RFC 3986): `javascript:`, `data:`, `file:` ...
fn has_scheme(s: &str) -> bool {
    let Some((head, _)) = s.split_once(':') else {
        return false;
    };
    head.starts_with(|c: char| c.is_ascii_alphabetic())
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_punctuation_and_controls() {
        assert_eq!(
            markdown("a *b* [c](d) <e> | f\u{1b}[2J\nx"),
            "a \\*b\\* \\[c\\](d) \\<e\\> \\| f\\[2J x"
        );
    }

    #[test]
    fn links_are_constrained() {
        assert_eq!(href("javascript:alert(1)"), None);
        assert_eq!(href("data:text/html,x"), None);
        assert_eq!(
            href("https://x.org/a b(c)").as_deref(),
            Some("https://x.org/a%20b%28c%29")
        );
        assert_eq!(href("docs/a b.md#L3").as_deref(), Some("docs/a%20b.md#L3"));
        assert_eq!(href("\"><script>").as_deref(), Some("%22%3E%3Cscript%3E"));
    }

    #[test]
    fn addresses_are_split_from_running_text() {
        assert_eq!(
            spans("Slack: #x, https://a.slack.com/archives/C1), list a_b@lists.x.io."),
            [
                Span::Text("Slack: #x, "),
                Span::Url("https://a.slack.com/archives/C1"),
                Span::Text("), list "),
                Span::Email("a_b@lists.x.io"),
                Span::Text("."),
            ]
        );
        // A bracket the address opened stays with it.
        assert_eq!(
            spans("(https://en.wikipedia.org/wiki/X_(y))"),
            [
                Span::Text("("),
                Span::Url("https://en.wikipedia.org/wiki/X_(y)"),
                Span::Text(")"),
            ]
        );
        assert_eq!(spans("no address"), [Span::Text("no address")]);
    }

    #[test]
    fn markdown_urls_are_autolinks_without_escapes() {
        assert_eq!(
            markdown_text(
                "Mailing list: https://groups.google.com/forum/#!forum/project_x, https://x.io/?a=1&b=2"
            ),
            "Mailing list: <https://groups.google.com/forum/#!forum/project_x>, <https://x.io/?a=1&b=2>"
        );
        // What would break the link is percent-encoded; a character reference cannot form.
        assert_eq!(
            markdown_text("https://x.io/a\\b_(c)?q=1&amp;r=2 <https://y.io/>"),
            "<https://x.io/a%5Cb_%28c%29?q=1%26amp;r=2> \\<<https://y.io/>\\>"
        );
        assert_eq!(markdown_text("javascript:alert(1)"), "javascript:alert(1)");
        // An address a quote cut short is shown, not linked.
        assert_eq!(
            markdown_text("\"see https://git\u{2026}\""),
            "\"see `https://git\u{2026}`\""
        );
    }

    #[test]
    fn html_addresses_are_links_limited_to_web_and_mail() {
        assert_eq!(
            html_text("Slack <https://x.slack.com/a?b=1&c=\"2\"> or sec@x.io"),
            "Slack &lt;<a href=\"https://x.slack.com/a?b=1&amp;c=\">https://x.slack.com/a?b=1&amp;c=</a>&quot;2&quot;&gt; or <a href=\"mailto:sec@x.io\">sec@x.io</a>"
        );
        assert_eq!(html_text("javascript:alert(1)"), "javascript:alert(1)");
    }

    #[test]
    fn html_escapes_everything_that_matters() {
        assert_eq!(
            html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
