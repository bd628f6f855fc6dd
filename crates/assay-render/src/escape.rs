//! Escaping for text and links that may come from a repository.

use std::fmt::Write as _;

use assay_model::strip_control_chars;

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
    fn html_escapes_everything_that_matters() {
        assert_eq!(
            html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
