//! The threat-model seed as assessment sections: a part of the draft next to the
//! appendix, and the whole document `assay threat-model` prints. Both are built from one
//! [`ThreatModel`], so the draft and the command agree.

use assay_model::{
    ASSESSMENT_SCHEMA_VERSION, Assessment, Block, Cell, Cite, Evidence, Section, Statement,
};
use assay_standards::threat_model::{self as tm, Provenance, ThreatModel, diagram};

use super::{Facts, cite_of};

/// How much of each list a rendering shows; the JSON keeps everything.
#[derive(Debug, Clone, Copy)]
struct Limits {
    rows: usize,
    questions: usize,
}

const IN_DRAFT: Limits = Limits {
    rows: 15,
    questions: 10,
};
const STANDALONE: Limits = Limits {
    rows: 300,
    questions: 300,
};

/// The draft's section, built from the same scan.
pub(super) fn draft_section(x: &Facts) -> Section {
    let model = tm::build(x.report, &x.project, None);
    let mut s = Section::new("threat-model-seed", "Threat model seed", 2);
    s.blocks.push(Block::Prose {
        text: format!(
            "A starting point for the threat model of {}, read from code and manifests: every item cites the line it rests on and is inferred from it unless marked documented. assay threat-model prints the full seed, and --format json the report schema.",
            x.project
        ),
    });
    if model.entry_points.is_empty() && model.boundaries.is_empty() && model.permissions.is_empty()
    {
        // Nothing to tabulate: say so once and keep the questions.
        s.blocks.push(Block::Prose {
            text: "The code and manifests the seed reads show no listener, route, port, webhook, custom resource, RBAC rule or local input.".into(),
        });
        s.blocks.extend(questions(&model, IN_DRAFT, 3).blocks);
        return s;
    }
    s.sections = parts(&model, IN_DRAFT, 3);
    s
}

/// The standalone seed `assay threat-model` renders.
pub fn document(model: &ThreatModel) -> Assessment {
    let mut sections = vec![scope(model)];
    sections.extend(parts(model, STANDALONE, 2));
    Assessment {
        schema_version: ASSESSMENT_SCHEMA_VERSION.to_owned(),
        project: model.project.clone(),
        repository: model.repository.clone(),
        title: format!("{} threat-model seed", model.project),
        sections,
    }
}

fn cite(e: &Evidence) -> Vec<Cite> {
    cite_of(e).into_iter().collect()
}

fn tagged(text: &str, p: Provenance, e: &Evidence) -> Statement {
    Statement {
        text: format!("{text} ({})", p.as_str()),
        cites: cite(e),
    }
}

fn more(shown: usize, total: usize, what: &str) -> Option<Block> {
    (total > shown).then(|| Block::Prose {
        text: format!(
            "{} more {what} are in assay threat-model --format json.",
            total - shown
        ),
    })
}

fn scope(model: &ThreatModel) -> Section {
    let mut s = Section::new("scope", "Scope", 2);
    let commit = model
        .repository
        .commit
        .as_deref()
        .map_or("the working tree".to_owned(), |c| {
            format!("commit {}", c.get(..12).unwrap_or(c))
        });
    s.blocks.push(Block::Prose {
        text: format!("A seed for the threat model of {}, derived offline from {commit}. Every item cites the line it rests on and says how it was found: documented (the project's documents say it) or inferred (read from code or configuration). Questions end the seed; each proposes the answer the code suggests.", model.project),
    });
    if let Some((d, e)) = &model.description {
        s.blocks.push(Block::Statement(Statement {
            text: format!("The README describes the project: \"{d}\" (documented)"),
            cites: cite(e),
        }));
    }
    for line in &model.scope {
        s.blocks.push(Block::Prose { text: line.clone() });
    }
    if model.truncated > 0 {
        s.blocks.push(Block::Prose {
            text: format!(
                "The scan kept 400 facts per kind; {} more were left out of this seed.",
                model.truncated
            ),
        });
    }
    s
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        cites: Vec::new(),
        question: None,
    }
}

fn parts(model: &ThreatModel, lim: Limits, level: u8) -> Vec<Section> {
    let mut out = Vec::new();
    let graph = diagram::graph(model);
    let mut dia = Section::new("data-flow-diagram", "Data-flow diagram", level);
    if graph.groups.is_empty() {
        dia.blocks.push(Block::Prose {
            text: "No component with an entry point was found, so there is nothing to draw.".into(),
        });
    } else {
        dia.blocks.push(Block::Prose { text: "Actors outside on the left, components grouped by where they run (each group is a trust boundary), entry points as arrows from outside, keys and Secrets on the right.".into() });
        dia.blocks.push(Block::Diagram {
            mermaid: diagram::mermaid(&graph),
            svg: diagram::svg(&graph),
        });
        if let Some(caption) = diagram::caption(&graph) {
            dia.blocks.push(Block::Prose { text: caption });
        }
    }
    out.push(dia);

    let mut comps = Section::new("components", "Components", level);
    let rows: Vec<Vec<Cell>> = model
        .components
        .iter()
        .take(lim.rows)
        .map(|k| {
            vec![
                Cell {
                    text: k.name.clone(),
                    cites: cite(&k.cite),
                    question: None,
                },
                cell(k.zone.title()),
                cell(k.entry_points.len().to_string()),
                cell(k.touches.iter().copied().collect::<Vec<_>>().join(", ")),
                cell(k.provenance.as_str()),
            ]
        })
        .collect();
    if rows.is_empty() {
        comps.blocks.push(Block::Prose {
            text: "No program, workload or package with an entry point was found.".into(),
        });
    } else {
        comps.blocks.push(Block::Table {
            columns: vec![
                "Component".into(),
                "Runs in".into(),
                "Entry points".into(),
                "Touches".into(),
                "Found".into(),
            ],
            rows,
        });
    }
    comps.blocks.extend(more(
        lim.rows.min(model.components.len()),
        model.components.len(),
        "components",
    ));
    out.push(comps);

    let mut bounds = Section::new("trust-boundaries", "Trust boundaries", level);
    let items: Vec<Statement> = model
        .boundaries
        .iter()
        .take(lim.rows)
        .filter_map(|x| {
            let e = x.cite.as_ref()?;
            Some(tagged(
                &format!("{} (precondition: {})", x.boundary, x.precondition),
                x.provenance,
                e,
            ))
        })
        .collect();
    if items.is_empty() {
        bounds.blocks.push(Block::Prose {
            text: "No trust boundary was found in code or manifests.".into(),
        });
    } else {
        bounds.blocks.push(Block::List { lead: None, items });
    }
    bounds.blocks.extend(more(
        lim.rows.min(model.boundaries.len()),
        model.boundaries.len(),
        "boundaries",
    ));
    out.push(bounds);

    out.push(entry_points(model, lim, level));
    out.extend(permissions_and_assets(model, lim, level));
    out.push(questions(model, lim, level));
    out
}

fn entry_points(model: &ThreatModel, lim: Limits, level: u8) -> Section {
    let mut s = Section::new("entry-points", "Entry points", level);
    let rows: Vec<Vec<Cell>> = model
        .entry_points
        .iter()
        .take(lim.rows)
        .map(|e| {
            let mut who = e.controllable.as_str().to_owned();
            if !e.condition.is_empty() {
                who = format!("{who}: {}", e.condition);
            }
            vec![
                cell(e.id.clone()),
                Cell {
                    text: e.what.clone(),
                    cites: cite(&e.cite),
                    question: None,
                },
                cell(e.component.clone()),
                cell(e.accepts.clone()),
                cell(who),
                cell(e.provenance.as_str()),
            ]
        })
        .collect();
    if rows.is_empty() {
        s.blocks.push(Block::Prose { text: "No listener, route, port, webhook, custom resource or local input was found in the code the seed reads.".into() });
    } else {
        s.blocks.push(Block::Table {
            columns: vec![
                "Id".into(),
                "Entry point".into(),
                "Component".into(),
                "Accepts".into(),
                "Attacker-controlled".into(),
                "Found".into(),
            ],
            rows,
        });
    }
    s.blocks.extend(more(
        lim.rows.min(model.entry_points.len()),
        model.entry_points.len(),
        "entry points",
    ));
    s
}

fn permissions_and_assets(model: &ThreatModel, lim: Limits, level: u8) -> Vec<Section> {
    let mut out = Vec::new();
    if !model.permissions.is_empty() {
        let mut s = Section::new("permissions", "Permissions", level);
        let rows = model
            .permissions
            .iter()
            .take(lim.rows)
            .map(|p| {
                vec![
                    Cell {
                        text: format!("{} {}", p.kind, p.role),
                        cites: cite(&p.cite),
                        question: None,
                    },
                    cell(p.what.clone()),
                    cell(p.flags.join(", ")),
                ]
            })
            .collect();
        s.blocks.push(Block::Table {
            columns: vec!["Role or binding".into(), "Grants".into(), "Flags".into()],
            rows,
        });
        s.blocks.extend(more(
            lim.rows.min(model.permissions.len()),
            model.permissions.len(),
            "rules and bindings",
        ));
        out.push(s);
    }
    let mut a = Section::new("assets", "Assets", level);
    let items: Vec<Statement> = model
        .assets
        .iter()
        .take(lim.rows)
        .map(|x| {
            tagged(
                &format!("{}: {}", x.component, x.what),
                x.provenance,
                &x.cite,
            )
        })
        .collect();
    if items.is_empty() {
        a.blocks.push(Block::Prose { text: "No key material, Kubernetes Secrets access or key-service client was found in the code the seed reads.".into() });
    } else {
        a.blocks.push(Block::List { lead: None, items });
    }
    a.blocks.extend(more(
        lim.rows.min(model.assets.len()),
        model.assets.len(),
        "assets",
    ));
    out.push(a);
    let mut d = Section::new("documented-scope", "What the security documents say", level);
    let notes: Vec<Statement> = model
        .scope_notes
        .iter()
        .take(lim.rows)
        .map(|n| Statement {
            text: format!(
                "\"{}\" (documented)",
                n.cite.excerpt.clone().unwrap_or_default()
            ),
            cites: cite(&n.cite),
        })
        .collect();
    if notes.is_empty() {
        d.blocks.push(Block::Prose { text: "No line of the security documents puts an attack out of scope, disclaims a protection or says what is trusted.".into() });
    } else {
        d.blocks.push(Block::List {
            lead: Some("Scope statements".into()),
            items: notes,
        });
    }
    let docs: Vec<Statement> = model
        .documents
        .iter()
        .map(|(t, e)| Statement {
            text: t.clone(),
            cites: cite(e),
        })
        .collect();
    if !docs.is_empty() {
        d.blocks.push(Block::List {
            lead: Some("Security documents to read with this seed".into()),
            items: docs,
        });
    }
    out.push(d);
    out
}

fn questions(model: &ThreatModel, lim: Limits, level: u8) -> Section {
    let mut s = Section::new("open-questions", "Open questions", level);
    for q in model.questions.iter().take(lim.questions) {
        s.blocks.push(Block::Question {
            text: format!(
                "{} (STRIDE {}) {} Proposed: {}",
                q.id, q.stride, q.text, q.proposed
            ),
        });
    }
    s.blocks.extend(more(
        lim.questions.min(model.questions.len()),
        model.questions.len(),
        "questions",
    ));
    s
}
