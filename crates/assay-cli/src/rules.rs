//! `assay rules`: what the catalog and detectors know, from the same data they run on.

use std::io::{self, Write};

use assay_model::vocabulary::{self, FindingKind, KINDS};
use assay_model::{Category, Gap};
use assay_scan::detect::REGISTRY;
use assay_scan::{Catalog, Declared};

/// Write every rule, or the one named `id`. Returns false when `id` names nothing.
pub fn write(out: &mut impl Write, id: Option<&str>) -> io::Result<bool> {
    let catalog = Catalog::builtin().map_err(io::Error::other)?;
    match id {
        None => {
            writeln!(out, "Lint rules:")?;
            for r in assay_lint::RULES {
                writeln!(out, "  {} {:<32} {}", r.code, r.name, r.summary)?;
            }
            writeln!(out)?;
            writeln!(out, "Verify rules:")?;
            for r in assay_verify::VERIFY_RULES {
                writeln!(out, "  {} {:<32} {}", r.code, r.name, r.summary)?;
            }
            writeln!(out)?;
            writeln!(out, "Detectors:")?;
            for d in REGISTRY {
                writeln!(out, "  {:<28} {}", d.name(), first_sentence(d.doc()))?;
            }
            writeln!(out)?;
            writeln!(out, "Findings of the coded detectors and the history:")?;
            for k in KINDS.iter().filter(|k| k.detector != vocabulary::CATALOG) {
                writeln!(out, "  {:<40} {}", k.id, k.title)?;
            }
            writeln!(out)?;
            writeln!(
                out,
                "Whole practices (reported as not found when no entry is):"
            )?;
            for c in Category::ALL.into_iter().filter(|c| c.summarised()) {
                writeln!(out, "  {:<40} {}", c.id(), c.title())?;
            }
            writeln!(out)?;
            writeln!(out, "Catalog ({} entries):", catalog.entries.len())?;
            for e in &catalog.entries {
                writeln!(out, "  {:<40} {}", e.spec.id, e.spec.name)?;
            }
            writeln!(out)?;
            writeln!(out, "`assay rules ID` explains one of them.")?;
            Ok(true)
        }
        Some(id) => {
            let verify_rule = assay_verify::VERIFY_RULES
                .iter()
                .copied()
                .find(|r| r.code.eq_ignore_ascii_case(id) || r.name == id);
            if let Some(r) = assay_lint::rules::find(id).or(verify_rule) {
                writeln!(
                    out,
                    "{} {} ({})\n\n{}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.doc
                )?;
                return Ok(true);
            }
            if let Some(d) = REGISTRY.iter().find(|d| d.name() == id) {
                writeln!(out, "{} (detector)\n\n{}", d.name(), d.doc())?;
                return Ok(true);
            }
            match assay_scan::declared(&catalog, id) {
                None => return Ok(false),
                Some(Declared::Kind(k)) => {
                    write_kind(out, k)?;
                    return Ok(true);
                }
                Some(Declared::CategorySummary(c)) => {
                    write_category(out, &catalog, c)?;
                    return Ok(true);
                }
                Some(Declared::Catalog(_)) => {}
            }
            let Some(e) = catalog.get(id) else {
                return Ok(false);
            };
            let s = &e.spec;
            writeln!(out, "{} — {} ({})", s.id, s.name, s.category.id())?;
            writeln!(out, "\n{}\n", s.about)?;
            let list = |out: &mut dyn Write, label: &str, items: &[String]| -> io::Result<()> {
                if !items.is_empty() {
                    writeln!(out, "{label}:")?;
                    for i in items {
                        writeln!(out, "  {i}")?;
                    }
                }
                Ok(())
            };
            list(out, "Files (glob)", &s.files)?;
            list(out, "Workflow actions (uses: prefix)", &s.actions)?;
            list(
                out,
                "Commands (pattern, in CI, make targets, scripts)",
                &s.commands,
            )?;
            let content: Vec<String> = s
                .content
                .iter()
                .map(|c| format!("{}  ~  {}", c.glob, c.pattern))
                .collect();
            list(out, "Content (glob ~ pattern)", &content)?;
            list(
                out,
                "Links (pattern, in README and community docs)",
                &s.links,
            )?;
            list(out, "Also known as", &s.aliases)?;
            let rule = if s.activates {
                "A matching file alone means it is in use."
            } else if e.is_tool() {
                "Present when CI runs it; partial when it is only configured or only run by scripts CI does not call."
            } else {
                "Present when referenced."
            };
            writeln!(out, "\n{rule}")?;
            Ok(true)
        }
    }
}

/// A finding a coded detector or the history emits.
fn write_kind(out: &mut impl Write, k: &FindingKind) -> io::Result<()> {
    let source = if k.detector == vocabulary::HISTORY {
        "read from the commit history".to_owned()
    } else {
        format!("detector {}", k.detector)
    };
    writeln!(
        out,
        "{} — {} ({}; {source})",
        k.id,
        k.title,
        k.category.id()
    )?;
    writeln!(out, "\n{}", k.looks_for)?;
    write_gap(out, k.gap.map(|(gap, _)| gap))
}

/// The finding that says a whole practice was not found.
fn write_category(out: &mut impl Write, catalog: &Catalog, c: Category) -> io::Result<()> {
    writeln!(out, "{} — {} (whole practice)", c.id(), c.title())?;
    writeln!(
        out,
        "\nReported as absent when none of the catalog's {} entries is found:",
        c.title()
    )?;
    for e in catalog.entries.iter().filter(|e| e.spec.category == c) {
        writeln!(out, "  {:<40} {}", e.spec.id, e.spec.name)?;
    }
    write_gap(out, c.gap())
}

fn write_gap(out: &mut impl Write, gap: Option<Gap>) -> io::Result<()> {
    if let Some(gap) = gap {
        writeln!(
            out,
            "\nWhy it matters: {}\nFirst step: {}",
            gap.why, gap.first_step
        )?;
    }
    Ok(())
}

fn first_sentence(doc: &str) -> &str {
    match doc.find(". ") {
        Some(i) => &doc[..=i],
        None => doc,
    }
}
