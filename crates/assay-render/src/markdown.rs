//! The assessment as GitHub-flavoured Markdown.

use std::fmt::Write as _;

use assay_model::outline::anchor;
use assay_model::{Assessment, Block, Cell, Cite, Section, Statement};

use crate::escape;

/// The marker that starts every question for a person, so a reader (and `assay lint`)
/// can find what is left to answer.
pub const QUESTION_MARKER: &str = "TODO:";

pub fn render(a: &Assessment) -> String {
    let mut out = String::new();
    writeln!(out, "# {}\n", escape::markdown(&a.title)).ok();
    writeln!(
        out,
        "<!-- Drafted by assay from the repository. Cited statements link to their evidence; \
         quoted TODO lines are questions for the maintainers. -->\n"
    )
    .ok();
    writeln!(out, "## Table of contents\n").ok();
    for s in &a.sections {
        toc(&mut out, s, 0);
    }
    out.push('\n');
    for s in &a.sections {
        section(&mut out, s);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn toc(out: &mut String, s: &Section, depth: usize) {
    if depth > 1 {
        return;
    }
    writeln!(
        out,
        "{}* [{}](#{})",
        "  ".repeat(depth),
        escape::markdown(&s.heading),
        anchor(&s.heading)
    )
    .ok();
    for sub in &s.sections {
        toc(out, sub, depth + 1);
    }
}

fn section(out: &mut String, s: &Section) {
    let level = usize::from(s.level.clamp(1, 6));
    writeln!(
        out,
        "{} {}\n",
        "#".repeat(level),
        escape::markdown(&s.heading)
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
        .map(
            |c| match c.href.as_deref().and_then(escape::markdown_href) {
                Some(h) => format!("[{}]({h})", escape::markdown(&c.label)),
                None => format!("`{}`", c.label.replace('`', "'")),
            },
        )
        .collect();
    format!(" ({})", parts.join(", "))
}

fn statement(s: &Statement) -> String {
    format!("{}{}", escape::markdown_text(&s.text), cites(&s.cites))
}

fn cell(c: &Cell) -> String {
    let mut text = format!("{}{}", escape::markdown_text(&c.text), cites(&c.cites));
    if let Some(q) = &c.question {
        if !text.is_empty() {
            text.push(' ');
        }
        write!(text, "**{QUESTION_MARKER}** {}", escape::markdown_text(q)).ok();
    }
    text.trim().to_owned()
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Prose { text } => writeln!(out, "{}\n", escape::markdown_text(text)),
        Block::Statement(s) => writeln!(out, "{}\n", statement(s)),
        Block::List { lead, items } => {
            if let Some(lead) = lead {
                writeln!(out, "**{}**\n", escape::markdown(lead)).ok();
            }
            for i in items {
                writeln!(out, "* {}", statement(i)).ok();
            }
            writeln!(out)
        }
        Block::Table { columns, rows } => {
            let head: Vec<String> = columns.iter().map(|c| escape::markdown(c)).collect();
            writeln!(out, "| {} |", head.join(" | ")).ok();
            writeln!(out, "|{}", " -- |".repeat(columns.len())).ok();
            for row in rows {
                let cells: Vec<String> = row.iter().map(cell).collect();
                writeln!(out, "| {} |", cells.join(" | ")).ok();
            }
            writeln!(out)
        }
        Block::Question { text } => {
            writeln!(out, "> {QUESTION_MARKER} {}\n", escape::markdown_text(text))
        }
        // The Mermaid source carries no backticks (its writer replaces them), so the
        // fence cannot be closed from inside.
        Block::Diagram { mermaid, .. } => {
            writeln!(out, "```mermaid\n{}\n```\n", mermaid.replace('`', "'"))
        }
    }
    .ok();
}
