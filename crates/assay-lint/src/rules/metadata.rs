//! Reading the metadata table by row, shared by the metadata rules. Markdown tables come
//! from the parser; pipe rows it did not accept (tabs in the delimiter row) and HTML
//! tables are read from the text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::Document;

pub struct Row {
    /// The value cell's text as written (Markdown or HTML included) and its range.
    pub raw: String,
    pub text: String,
    pub range: Range<usize>,
}

static HTML_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").unwrap_or_else(|e| unreachable!("{e}")));

fn key(s: &str) -> String {
    let s = TAG.replace_all(s, " ");
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn plain(raw: &str) -> String {
    TAG.replace_all(raw, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches('*')
        .trim()
        .to_owned()
}

/// The metadata row named `name` (`assessment stage`, `software` ...). `None` when there
/// is no Metadata section or no such row.
pub fn row(doc: &Document, name: &str) -> Option<Row> {
    find(doc, |k| k == name)
}

/// The first row whose name's last word is `word`, or `word` without its plural `s`
/// (`SDK Languages`, `Specification Language` for `languages`).
pub fn row_ending_in(doc: &Document, word: &str) -> Option<Row> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    find(doc, |k| {
        k.rsplit(' ')
            .next()
            .is_some_and(|last| last == word || last == singular)
    })
}

fn find(doc: &Document, wanted: impl Fn(&str) -> bool) -> Option<Row> {
    let section = doc.section("metadata")?;
    let body = doc.logical_body(section);
    if let Some(table) = doc.table_in(&body) {
        let found = table.rows.iter().find_map(|cells| {
            let (k, v) = (cells.first()?, cells.get(1)?);
            wanted(&key(&k.text)).then(|| Row {
                raw: doc
                    .slice(&v.range)
                    .trim()
                    .trim_matches('|')
                    .trim()
                    .to_owned(),
                text: v.text.trim().trim_matches('*').trim().to_owned(),
                range: v.range.clone(),
            })
        });
        if found.is_some() {
            return found;
        }
    }
    let text = doc.slice(&body);
    // Pipe rows, whatever the parser made of them.
    let mut offset = body.start;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('|') {
            let lead = line.len() - trimmed.len();
            let cells: Vec<(usize, &str)> = trimmed
                .match_indices('|')
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
                .windows(2)
                .map(|w| (w[0] + 1, &trimmed[w[0] + 1..w[1]]))
                .collect();
            if let [(_, k), (vstart, v), ..] = cells.as_slice()
                && wanted(&key(k))
            {
                let start = offset + lead + vstart;
                return Some(Row {
                    raw: v.trim().to_owned(),
                    text: plain(v),
                    range: start..start + v.len(),
                });
            }
        }
        offset += line.len();
    }
    // HTML tables.
    for c in HTML_ROW.captures_iter(text) {
        if wanted(&key(&c[1])) {
            let m = c.get(2)?;
            return Some(Row {
                raw: m.as_str().trim().to_owned(),
                text: plain(m.as_str()),
                range: body.start + m.start()..body.start + m.end(),
            });
        }
    }
    None
}

/// The range to point at when the metadata table or row is missing.
pub fn anchor(doc: &Document) -> Option<Range<usize>> {
    let section = doc.section("metadata")?;
    Some(doc.heading_of(section).range.clone())
}
