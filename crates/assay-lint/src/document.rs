//! A Markdown document as the rules see it: headings with the outline section each one is,
//! sections with their byte spans, tables by row, links, and disable comments.

use std::ops::Range;

use assay_model::LineIndex;
use assay_model::outline::anchor;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub range: Range<usize>,
    pub anchor: String,
    /// The outline section this heading is, when recognised.
    pub outline: Option<&'static str>,
    /// A second section the same heading names (`Actors and Actions`).
    pub joint: Option<&'static str>,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Index into `headings`.
    pub heading: usize,
    /// From the end of the heading to the next heading of the same or a higher level.
    pub body: Range<usize>,
    /// From the end of the heading to the next heading of any level.
    pub own: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub range: Range<usize>,
    /// Header row first.
    pub rows: Vec<Vec<Cell>>,
}

/// A line that starts with an outline part's name, the way the outline itself writes the
/// parts of a section (`* Development Pipeline. ...`, `**Ecosystem:**`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub outline: &'static str,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub dest: String,
    pub range: Range<usize>,
}

pub struct Document {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    pub links: Vec<Link>,
    /// Lines that open with a part's name, outside headings, code and comments.
    pub labels: Vec<Label>,
    /// (line, codes) for `<!-- assay-lint-disable-next-line CODES -->`; empty codes = all.
    pub disables: Vec<(u32, Vec<String>)>,
    /// Byte ranges of HTML comments: what is written there is not content.
    pub comments: Vec<Range<usize>>,
}

impl Document {
    pub fn parse(path: &str, text: String) -> Document {
        let lines = LineIndex::new(&text);
        let mut headings = Vec::new();
        let mut tables: Vec<Table> = Vec::new();
        let mut link_list = Vec::new();
        let mut disables = Vec::new();
        let mut heading: Option<(u8, usize, String)> = None;
        let mut table: Option<Table> = None;
        let mut cell: Option<(usize, String)> = None;
        let mut code_blocks: Vec<Range<usize>> = Vec::new();
        let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for (event, range) in Parser::new_ext(&text, opts).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    heading = Some((heading_level(level), range.start, String::new()));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, start, t)) = heading.take() {
                        let t = t.trim().to_owned();
                        let (outline, joint) = recognise_joint(&t);
                        headings.push(Heading {
                            level,
                            anchor: anchor(&t),
                            outline,
                            joint,
                            text: t,
                            range: start..range.end,
                        });
                    }
                }
                Event::Start(Tag::Table(_)) => {
                    table = Some(Table {
                        range: range.clone(),
                        rows: Vec::new(),
                    });
                }
                Event::End(TagEnd::Table) => tables.extend(table.take()),
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    if let Some(t) = table.as_mut() {
                        t.rows.push(Vec::new());
                    }
                }
                Event::Start(Tag::TableCell) => cell = Some((range.start, String::new())),
                Event::End(TagEnd::TableCell) => {
                    if let (Some((start, t)), Some(tab)) = (cell.take(), table.as_mut())
                        && let Some(row) = tab.rows.last_mut()
                    {
                        row.push(Cell {
                            text: t.trim().to_owned(),
                            range: start..range.end,
                        });
                    }
                }
                // `<security@example.org>` is an email autolink: its target is mail.
                Event::Start(Tag::Link {
                    link_type: LinkType::Email,
                    dest_url,
                    ..
                }) => link_list.push(Link {
                    dest: format!("mailto:{dest_url}"),
                    range,
                }),
                Event::Start(Tag::Link { dest_url, .. }) => link_list.push(Link {
                    dest: dest_url.to_string(),
                    range,
                }),
                Event::Start(Tag::CodeBlock(_)) => code_blocks.push(range),
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, _, h)) = heading.as_mut() {
                        h.push_str(&t);
                    }
                    if let Some((_, c)) = cell.as_mut() {
                        c.push_str(&t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some((_, c)) = cell.as_mut() {
                        c.push(' ');
                    }
                }
                Event::Html(h) | Event::InlineHtml(h) => {
                    if let Some(codes) = disable_directive(&h) {
                        disables.push((lines.line_of(range.start), codes));
                    }
                }
                _ => {}
            }
        }
        let sections = sections(&headings, text.len());
        let mut comments = Vec::new();
        let mut from = 0;
        while let Some(open) = text[from..].find("<!--") {
            let start = from + open;
            let end = text[start + 4..]
                .find("-->")
                .map_or(text.len(), |i| start + 4 + i + 3);
            comments.push(start..end);
            from = end;
        }
        let heading_ranges: Vec<Range<usize>> = headings.iter().map(|h| h.range.clone()).collect();
        let skip = |at: usize| {
            within(&heading_ranges, at) || within(&code_blocks, at) || within(&comments, at)
        };
        let labels = labels(&text, skip);
        Document {
            path: path.to_owned(),
            text,
            lines,
            headings,
            sections,
            tables,
            links: link_list,
            labels,
            disables,
            comments,
        }
    }

    /// The first section recognised as outline section `id`.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| {
            let h = &self.headings[s.heading];
            h.outline == Some(id) || h.joint == Some(id)
        })
    }

    pub fn heading_of(&self, s: &Section) -> &Heading {
        &self.headings[s.heading]
    }

    /// For an outline section: its text down to the next heading that is an outline section
    /// of the same or a higher rank, whatever the Markdown levels say. People often write a
    /// section's parts as sibling headings; they still belong to it.
    pub fn logical_body(&self, s: &Section) -> std::ops::Range<usize> {
        let h = self.heading_of(s);
        let Some(depth) = h.outline.and_then(crate::outline::depth) else {
            return s.body.clone();
        };
        let end = self.headings[s.heading + 1..]
            .iter()
            .find(|n| {
                n.outline
                    .and_then(crate::outline::depth)
                    .is_some_and(|d| d <= depth)
                    || n.level < h.level
            })
            .map_or(self.text.len(), |n| n.range.start);
        s.body.start..end.max(s.body.start)
    }

    pub fn slice(&self, r: &Range<usize>) -> &str {
        self.text.get(r.clone()).unwrap_or_default()
    }

    /// The table that starts inside `r`.
    pub fn table_in(&self, r: &Range<usize>) -> Option<&Table> {
        self.tables.iter().find(|t| r.contains(&t.range.start))
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn sections(headings: &[Heading], len: usize) -> Vec<Section> {
    (0..headings.len())
        .map(|i| {
            let h = &headings[i];
            let own_end = headings.get(i + 1).map_or(len, |n| n.range.start);
            let body_end = headings[i + 1..]
                .iter()
                .find(|n| n.level <= h.level)
                .map_or(len, |n| n.range.start);
            Section {
                heading: i,
                body: h.range.end..body_end.max(h.range.end),
                own: h.range.end..own_end.max(h.range.end),
            }
        })
        .collect()
}

fn disable_directive(html: &str) -> Option<Vec<String>> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .trim_end()
        .strip_suffix("-->")?
        .trim();
    let rest = inner.strip_prefix("assay-lint-disable-next-line")?;
    Some(
        rest.split([' ', ','])
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

/// Words of a heading, ready to compare: numbering, punctuation, emphasis and case gone.
fn normalise(heading: &str) -> String {
    let lower = heading.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // Leading section numbers ("1", "2 3", "iv") are not part of the name.
    let skip = words
        .iter()
        .take_while(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || matches!(
                    **w,
                    "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x"
                )
        })
        .count();
    words[skip..].join(" ")
}

/// Which outline section a heading names, tolerating the variants people write.
pub fn recognise(heading: &str) -> Option<&'static str> {
    by_name(&normalise(heading))
}

/// The section a heading names, and a second one when it names two (`Actors and Actions`,
/// `Inbound and Outbound`).
pub fn recognise_joint(heading: &str) -> (Option<&'static str>, Option<&'static str>) {
    let n = normalise(heading);
    if let Some(id) = by_name(&n) {
        return (Some(id), None);
    }
    for (i, sep) in n.match_indices(" and ") {
        if let (Some(a), Some(b)) = (by_name(&n[..i]), by_name(&n[i + sep.len()..]))
            && a != b
        {
            return (Some(a), Some(b));
        }
    }
    (None, None)
}

fn by_name(n: &str) -> Option<&'static str> {
    let id = match n {
        "metadata" => "metadata",
        "security links" | "relevant links" | "security link" => "security-links",
        "overview" => "overview",
        "background" => "background",
        "actors" => "actors",
        "actions" => "actions",
        "goals" | "goal" => "goals",
        "non goals" | "nongoals" | "non goal" => "non-goals",
        "self assessment use" | "self assessment usage" => "self-assessment-use",
        "security functions and features" | "security functions features" => {
            "security-functions-and-features"
        }
        "project compliance" | "compliance" => "project-compliance",
        "secure development practices" => "secure-development-practices",
        "development pipeline" => "development-pipeline",
        "communication channels" | "communication channel" | "communications channels" => {
            "communication-channels"
        }
        "internal" => "internal",
        "inbound" => "inbound",
        "outbound" => "outbound",
        "ecosystem" => "ecosystem",
        "security issue resolution" => "security-issue-resolution",
        "responsible disclosures process"
        | "responsible disclosure process"
        | "responsible disclosures"
        | "responsible disclosure" => "responsible-disclosures-process",
        "vulnerability response process" | "vulnerability response" => {
            "vulnerability-response-process"
        }
        "incident response" | "incident response process" => "incident-response",
        "intended use" => "intended-use",
        "project design" | "project and design" => "project-design",
        "configuration and set up" | "configuration and setup" | "configuration set up" => {
            "configuration-and-set-up"
        }
        "security analysis" => "security-analysis",
        "roadmap" => "roadmap",
        "appendix" => "appendix",
        "known issues over time" | "known issues" => "known-issues-over-time",
        "case studies" | "case study" => "case-studies",
        "related projects vendors" | "related projects and vendors" | "related projects" => {
            "related-projects-vendors"
        }
        _ if n.ends_with("best practices") && n.split(' ').count() <= 6 => "openssf-best-practices",
        _ => return None,
    };
    crate::outline::depth(id).map(|_| id)
}

/// Longest label read: a part's name is a few words; a sentence is not a label.
const LABEL_MAX_WORDS: usize = 6;

/// Lines that open with a part's name: list markers, emphasis and link brackets before it
/// are skipped, and the name ends at `:`, `.`, a closing emphasis or bracket, or the end
/// of the line. `skip` says which offsets are headings, code or comments.
fn labels(text: &str, skip: impl Fn(usize) -> bool) -> Vec<Label> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_start();
        let lead = start + line.len() - body.len();
        if skip(lead) || body.starts_with('#') || body.starts_with('|') {
            continue;
        }
        let body = strip_list_marker(body);
        let name = body.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '-' | '[' | '`')
        });
        let end = name
            .find([':', '.', '*', '_', ']', '(', '`', '\r', '\n'])
            .unwrap_or(name.len());
        let name = &name[..end];
        if name.split_whitespace().count() > LABEL_MAX_WORDS {
            continue;
        }
        let range = lead..start + line.trim_end().len();
        let (a, b) = recognise_joint(name);
        for id in [a, b].into_iter().flatten() {
            out.push(Label {
                outline: id,
                range: range.clone(),
            });
        }
    }
    out
}

/// Whether `at` lies in one of `ranges`, which are sorted and do not overlap: a binary
/// search, so a document of many headings is not read once per line.
fn within(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= at);
    ranges.get(i).is_some_and(|r| r.contains(&at))
}

/// `* `, `- `, `+ `, `1. ` or `1) ` at the start of a line, once.
fn strip_list_marker(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix(['*', '-', '+'])
        && rest.starts_with([' ', '\t'])
    {
        return rest;
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = s[digits..].strip_prefix(['.', ')'])
        && rest.starts_with([' ', '\t'])
    {
        return rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_people_write_are_recognised() {
        assert_eq!(recognise("1. Metadata"), Some("metadata"));
        assert_eq!(recognise("**Security links**"), Some("security-links"));
        assert_eq!(recognise("Non Goals"), Some("non-goals"));
        assert_eq!(recognise("Nongoals"), Some("non-goals"));
        assert_eq!(
            recognise("Responsible Disclosure Process"),
            Some("responsible-disclosures-process")
        );
        assert_eq!(
            recognise("Known Issues Over Time:"),
            Some("known-issues-over-time")
        );
        assert_eq!(
            recognise("CII Best Practices"),
            Some("openssf-best-practices")
        );
        assert_eq!(
            recognise("Related Projects and Vendors:"),
            Some("related-projects-vendors")
        );
        assert_eq!(recognise("Threat Model"), None);
    }

    #[test]
    fn a_heading_may_name_two_parts() {
        assert_eq!(
            recognise_joint("Actors and Actions"),
            (Some("actors"), Some("actions"))
        );
        assert_eq!(
            recognise_joint("Related Projects and Vendors"),
            (Some("related-projects-vendors"), None)
        );
        assert_eq!(recognise_joint("Bread and Butter"), (None, None));
    }

    #[test]
    fn lines_that_open_with_a_part_name_are_labels() {
        let doc = Document::parse(
            "a.md",
            "## Secure development practices\n\n* Development Pipeline. Reviews.\n**Ecosystem:** Kubernetes.\n**- Incident Response**: fixes.\n1. Communication Channels\nInternal communication happens in chat.\n```\nEcosystem: in code\n```\n<!--\nCase Studies\n-->\n".into(),
        );
        let ids: Vec<&str> = doc.labels.iter().map(|l| l.outline).collect();
        assert_eq!(
            ids,
            [
                "development-pipeline",
                "ecosystem",
                "incident-response",
                "communication-channels"
            ]
        );
        let first = &doc.labels[0];
        assert_eq!(doc.slice(&first.range), "* Development Pipeline. Reviews.");
    }

    /// Each line is checked against headings, code and comments by binary search; a
    /// quadratic scan would take minutes here.
    #[test]
    fn a_document_of_many_headings_is_parsed() {
        let doc = Document::parse("a.md", "# h\nx\n".repeat(200_000));
        assert_eq!(doc.headings.len(), 200_000);
        assert!(doc.labels.is_empty());
    }

    #[test]
    fn sections_tables_and_directives() {
        let doc = Document::parse(
            "a.md",
            "# T\n\n## Metadata\n\n| a | b |\n| -- | -- |\n| Software | x |\n\n### Security links\n\nok\n\n<!-- assay-lint-disable-next-line AL004 -->\n## Overview\n".into(),
        );
        let meta = doc.section("metadata").expect("metadata");
        assert!(doc.slice(&meta.body).contains("Security links"));
        assert!(!doc.slice(&meta.own).contains("Security links"));
        let t = doc.table_in(&meta.own).expect("table");
        assert_eq!(t.rows[1][0].text, "Software");
        assert_eq!(doc.disables, [(13, vec!["AL004".to_owned()])]);
    }
}
