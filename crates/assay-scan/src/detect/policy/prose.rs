//! A policy document as sentences: each with its plain text (no Markdown syntax), the line
//! it starts on, the links inside it, the headings above it and, for a list item, the
//! sentence that introduced the list. The policy judgement reads these, never raw lines.

use assay_model::LineIndex;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A link inside a sentence: where it points and the words it is shown with.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub url: String,
    pub text: String,
    /// Byte range of the shown words within the sentence's `text`.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Sentence {
    pub line: u32,
    /// Plain text, whitespace collapsed.
    pub text: String,
    pub links: Vec<Link>,
    /// Headings above the sentence, outermost first.
    pub headings: Vec<String>,
    /// For a list item: the last sentence before the list ("use one of these channels:").
    pub lead: Option<String>,
    /// A heading itself, or a line of a code block.
    pub heading: bool,
    pub code: bool,
}

impl Sentence {
    /// The sentence with the shown words of its links blanked, so a link titled
    /// "Report a security issue" does not read as a request to report.
    pub fn prose(&self) -> String {
        prose_of(&self.text, &self.links, 0, self.text.len())
    }

    /// The nearest heading above the sentence.
    pub fn section(&self) -> &str {
        self.headings.last().map_or("", String::as_str)
    }
}

/// `text[start..end]` with link words replaced by a neutral placeholder.
pub(crate) fn prose_of(text: &str, links: &[Link], start: usize, end: usize) -> String {
    let mut out = String::new();
    let mut at = start;
    for l in links.iter().filter(|l| l.start >= start && l.end <= end) {
        if l.start < at {
            continue;
        }
        out.push_str(text.get(at..l.start).unwrap_or_default());
        out.push_str("(link)");
        at = l.end;
    }
    out.push_str(text.get(at..end).unwrap_or_default());
    out
}

/// A block of text being collected (a paragraph, heading, list item, table row).
#[derive(Default)]
struct Block {
    text: String,
    /// (position in `text`, byte offset in the source) for each piece of text.
    marks: Vec<(usize, usize)>,
    links: Vec<Link>,
}

impl Block {
    fn push(&mut self, s: &str, src: usize) {
        if s.is_empty() {
            return;
        }
        self.marks.push((self.text.len(), src));
        self.text.push_str(s);
    }

    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    fn source_offset(&self, pos: usize) -> usize {
        let i = self.marks.partition_point(|(p, _)| *p <= pos);
        match i.checked_sub(1).and_then(|i| self.marks.get(i)) {
            Some((p, src)) => src + (pos - p),
            None => self.marks.first().map_or(0, |m| m.1),
        }
    }
}

struct Reader<'a> {
    index: LineIndex,
    src: &'a str,
    out: Vec<Sentence>,
    block: Block,
    headings: Vec<(usize, String)>,
    /// Lead sentence of each open list.
    leads: Vec<Option<String>>,
    open_links: Vec<(String, usize)>,
    in_heading: Option<usize>,
    in_code: bool,
    last_sentence: Option<String>,
    /// The current table's header cells, and the cells of the row being read.
    table_head: Vec<String>,
    cells: Vec<String>,
    cell_start: usize,
}

/// Read a Markdown (or plain-text) document into sentences.
pub(crate) fn sentences(src: &str) -> Vec<Sentence> {
    let mut r = Reader {
        index: LineIndex::new(src),
        src,
        out: Vec::new(),
        block: Block::default(),
        headings: Vec::new(),
        leads: Vec::new(),
        open_links: Vec::new(),
        in_heading: None,
        in_code: false,
        last_sentence: None,
        table_head: Vec::new(),
        cells: Vec::new(),
        cell_start: 0,
    };
    let opts = Options::ENABLE_TABLES | Options::ENABLE_GFM | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        r.event(event, range);
    }
    r.flush();
    r.out
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    self.flush();
                    self.in_heading = Some(level as usize);
                }
                Tag::Paragraph | Tag::Item | Tag::TableRow | Tag::TableHead => self.flush(),
                Tag::List(_) => {
                    self.flush();
                    self.leads.push(self.last_sentence.clone());
                }
                Tag::CodeBlock(_) => {
                    self.flush();
                    self.in_code = true;
                }
                Tag::Link { dest_url, .. } => {
                    self.open_links
                        .push((dest_url.to_string(), self.block.text.len()));
                }
                Tag::TableCell => {
                    if !self.block.text.is_empty() {
                        self.block.text.push_str(" | ");
                    }
                    self.cell_start = self.block.text.len();
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    let level = self.in_heading.take().unwrap_or(1);
                    let text = collapse(&self.block.text);
                    let line = self.line_at(self.block.source_offset(0));
                    self.block = Block::default();
                    self.headings.retain(|(l, _)| *l < level);
                    if !text.is_empty() {
                        self.out.push(Sentence {
                            line,
                            text: text.clone(),
                            headings: self.heading_texts(),
                            heading: true,
                            ..Sentence::default()
                        });
                        self.headings.push((level, text));
                    }
                }
                TagEnd::List(_) => {
                    self.flush();
                    self.leads.pop();
                }
                TagEnd::CodeBlock => {
                    self.in_code = false;
                }
                TagEnd::Link => {
                    if let Some((url, start)) = self.open_links.pop() {
                        let end = self.block.text.len();
                        let text = self
                            .block
                            .text
                            .get(start..end)
                            .unwrap_or_default()
                            .to_owned();
                        self.block.links.push(Link {
                            url,
                            text,
                            start,
                            end,
                        });
                    }
                }
                TagEnd::TableCell => {
                    let cell = self.block.text.get(self.cell_start..).unwrap_or_default();
                    self.cells.push(collapse(cell));
                }
                TagEnd::TableHead => {
                    self.table_head = std::mem::take(&mut self.cells);
                    self.flush();
                }
                TagEnd::TableRow => {
                    // A row reads as "Version: 1.2, Supported: yes" when it has no links.
                    let cells = std::mem::take(&mut self.cells);
                    if self.block.links.is_empty() && self.table_head.len() == cells.len() {
                        let text = self
                            .table_head
                            .iter()
                            .zip(&cells)
                            .map(|(h, c)| format!("{h}: {c}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let src = self.block.source_offset(0);
                        self.block = Block::default();
                        self.block.push(&text, src);
                    }
                    self.flush();
                }
                TagEnd::Table => self.table_head.clear(),
                TagEnd::Paragraph | TagEnd::Item => {
                    self.flush();
                }
                _ => {}
            },
            Event::Text(t) if self.in_code => {
                // Code blocks keep their lines: a PGP key block is read, nothing else is.
                let mut offset = range.start;
                for line in t.split_inclusive('\n') {
                    let text = collapse(line);
                    if !text.is_empty() {
                        self.out.push(Sentence {
                            line: self.line_at(offset),
                            text,
                            headings: self.heading_texts(),
                            code: true,
                            ..Sentence::default()
                        });
                    }
                    offset += line.len();
                }
            }
            Event::Text(t) | Event::Code(t) => self.block.push(&t, range.start),
            Event::SoftBreak | Event::HardBreak => self.block.space(),
            Event::InlineHtml(h) | Event::Html(h) if h.trim_start().starts_with("<br") => {
                self.block.space();
            }
            _ => {}
        }
    }

    fn heading_texts(&self) -> Vec<String> {
        self.headings.iter().map(|(_, t)| t.clone()).collect()
    }

    fn line_at(&self, offset: usize) -> u32 {
        self.index.line_of(offset.min(self.src.len()))
    }

    /// End the current block: split it into sentences.
    fn flush(&mut self) {
        if self.in_heading.is_some() {
            return;
        }
        let block = std::mem::take(&mut self.block);
        if block.text.trim().is_empty() {
            return;
        }
        let lead = if self.leads.is_empty() {
            None
        } else {
            self.leads.last().cloned().flatten()
        };
        for (start, end) in split_sentences(&block.text) {
            let raw = block.text.get(start..end).unwrap_or_default();
            let (text, map) = collapse_mapped(raw);
            if text.is_empty() {
                continue;
            }
            let links = block
                .links
                .iter()
                .filter(|l| l.start >= start && l.end <= end)
                .map(|l| Link {
                    url: l.url.clone(),
                    text: collapse(&l.text),
                    start: map(l.start - start),
                    end: map(l.end - start),
                })
                .collect();
            let line = self.line_at(block.source_offset(start + leading_space(raw)));
            self.last_sentence = Some(text.clone());
            self.out.push(Sentence {
                line,
                text,
                links,
                headings: self.heading_texts(),
                lead: lead.clone(),
                ..Sentence::default()
            });
        }
    }
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

fn collapse(s: &str) -> String {
    collapse_mapped(s).0
}

/// Collapse whitespace and trim, with a map from positions in `s` to positions in the
/// result (for moving link ranges along).
fn collapse_mapped(s: &str) -> (String, impl Fn(usize) -> usize) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut pending_space = false;
    for (i, c) in s.char_indices() {
        while map.len() < i {
            map.push(out.len());
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            map.push(out.len());
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        map.push(out.len());
        out.push(c);
    }
    while map.len() <= s.len() {
        map.push(out.len());
    }
    let len = out.len();
    (out, move |i: usize| {
        map.get(i).copied().unwrap_or(len).min(len)
    })
}

/// Byte ranges of the sentences in a block: a sentence ends at `.`, `!` or `?` followed by
/// a space and a capital, digit or opening mark, except after common abbreviations.
fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let after = i + 1;
        let rest = text.get(after..).unwrap_or_default();
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() || trimmed.is_empty() {
            continue;
        }
        let next = trimmed.chars().next().unwrap_or(' ');
        if !(next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '*' | '(' | '_' | '[' | '`' | '>'))
        {
            continue;
        }
        let word_start = text
            .get(..i)
            .unwrap_or_default()
            .rfind(|ch: char| ch.is_whitespace() || ch == '(')
            .map_or(0, |p| p + 1);
        let word = text
            .get(word_start..i)
            .unwrap_or_default()
            .to_ascii_lowercase();
        if ABBREVIATIONS.contains(&word.as_str())
            || (word.len() == 1 && bytes.get(i) == Some(&b'.'))
        {
            continue;
        }
        out.push((start, after));
        start = after;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "cf", "approx", "no", "mr", "ms", "dr", "inc",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_plain_text_with_their_line_and_headings() {
        let s = sentences(
            "# Policy\n\n## Reporting\n\nPlease **report** it via\n[the form](https://x.test/new). We reply \\[fast\\], e.g. in 2 days.\n\n- a\n- b\n",
        );
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Policy",
                "Reporting",
                "Please report it via the form.",
                "We reply [fast], e.g. in 2 days.",
                "a",
                "b"
            ]
        );
        let form = &s[2];
        assert_eq!(form.line, 5);
        assert_eq!(form.headings, ["Policy", "Reporting"]);
        assert_eq!(form.links[0].url, "https://x.test/new");
        assert_eq!(form.links[0].text, "the form");
        assert_eq!(form.prose(), "Please report it via (link).");
        assert_eq!(s[3].line, 6);
        assert_eq!(
            s[4].lead.as_deref(),
            Some("We reply [fast], e.g. in 2 days.")
        );
    }
}
