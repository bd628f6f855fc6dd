//! The assessment as one self-contained HTML page.

use std::fmt::Write as _;

use assay_model::outline::anchor;
use assay_model::{Assessment, Block, Cell, Cite, Section, Statement};

use crate::escape;

pub fn render(a: &Assessment) -> String {
    let mut out = String::new();
    let title = escape::html(&a.title);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>\
         body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}}\
         table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}}\
         .q{{background:#fff6d5;border-left:4px solid #e0b000;padding:.4em .8em}}\
         .cite{{font-size:.85em}}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    )
    .ok();
    for s in &a.sections {
        section(&mut out, s);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn section(out: &mut String, s: &Section) {
    let level = s.level.clamp(1, 6);
    writeln!(
        out,
        "<h{level} id=\"{}\">{}</h{level}>",
        escape::html(&anchor(&s.heading)),
        escape::html(&s.heading)
    )
    .ok();
    for b in &s.blocks {
        block(out, b);
    }
    for sub in &s.sections {
        section(out, sub);
    }
}

fn cites(cs: &[Cite]) -> String {
    if cs.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = cs
        .iter()
        .map(|c| match c.href.as_deref().and_then(escape::href) {
            Some(h) => format!(
                "<a href=\"{}\">{}</a>",
                escape::html(&h),
                escape::html(&c.label)
            ),
            None => format!("<code>{}</code>", escape::html(&c.label)),
        })
        .collect();
    format!(" <span class=\"cite\">({})</span>", parts.join(", "))
}

fn statement(s: &Statement) -> String {
    format!("{}{}", escape::html_text(&s.text), cites(&s.cites))
}

fn cell(c: &Cell) -> String {
    let mut text = format!("{}{}", escape::html_text(&c.text), cites(&c.cites));
    if let Some(q) = &c.question {
        write!(
            text,
            "<div class=\"q\">TODO: {}</div>",
            escape::html_text(q)
        )
        .ok();
    }
    text
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Prose { text } => writeln!(out, "<p>{}</p>", escape::html_text(text)),
        Block::Statement(s) => writeln!(out, "<p>{}</p>", statement(s)),
        Block::List { lead, items } => {
            if let Some(lead) = lead {
                writeln!(out, "<p><strong>{}</strong></p>", escape::html(lead)).ok();
            }
            out.push_str("<ul>\n");
            for i in items {
                writeln!(out, "<li>{}</li>", statement(i)).ok();
            }
            writeln!(out, "</ul>")
        }
        Block::Table { columns, rows } => {
            out.push_str("<table>\n<tr>");
            for c in columns {
                write!(out, "<th>{}</th>", escape::html(c)).ok();
            }
            out.push_str("</tr>\n");
            for row in rows {
                out.push_str("<tr>");
                for c in row {
                    write!(out, "<td>{}</td>", cell(c)).ok();
                }
                out.push_str("</tr>\n");
            }
            writeln!(out, "</table>")
        }
        Block::Question { text } => {
            writeln!(out, "<p class=\"q\">TODO: {}</p>", escape::html_text(text))
        }
        // The SVG is written by assay's diagram code, which escapes every label.
        Block::Diagram { svg, .. } => writeln!(out, "<figure>{svg}</figure>"),
    }
    .ok();
}
