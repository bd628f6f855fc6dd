//! Overview: the description, background, actors, actions, goals and non-goals.

use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Block, Cite, Finding, Section, Statement, detail};
use serde_json::Value;

use super::{Facts, cite_of, cites, detail_list, detail_str, list, question, sec, stmt};

/// One quoted documentation sentence from a finding's `statements` detail.
pub(super) struct Quote {
    pub path: String,
    pub line: u32,
    pub sentence: String,
    pub score: i64,
    /// What a line of code appears to do (code candidates only).
    pub what: Option<String>,
}

impl Quote {
    /// The cite of the quoted line: the finding's pinned evidence when it has that line,
    /// else a path relative to the root.
    pub fn cite(&self, f: &Finding) -> Cite {
        f.evidence
            .iter()
            .find(|e| e.path == self.path && e.line == Some(self.line))
            .and_then(cite_of)
            .unwrap_or_else(|| Cite {
                label: format!("{}:{}", self.path, self.line),
                href: Some(format!("{}#L{}", self.path, self.line)),
            })
    }
}

/// The ranked quotes a finding carries.
pub(super) fn quotes(f: &Finding) -> Vec<Quote> {
    f.details
        .get(detail::STATEMENTS)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|q| {
                    Some(Quote {
                        path: q.get("path")?.as_str()?.to_owned(),
                        line: u32::try_from(q.get("line")?.as_u64()?).ok()?,
                        sentence: q.get("sentence")?.as_str()?.to_owned(),
                        score: q.get("score").and_then(Value::as_i64).unwrap_or(0),
                        what: q.get("what").and_then(Value::as_str).map(str::to_owned),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Up to `max` quotes of a finding as statements: `“sentence”` cited at its line.
fn quoted(x: &Facts, kind: &FindingKind, max: usize) -> Vec<Statement> {
    let Some(f) = x.found(kind) else {
        return Vec::new();
    };
    quotes(f)
        .into_iter()
        .take(max)
        .map(|q| stmt(format!("“{}”", q.sentence), vec![q.cite(f)]))
        .collect()
}

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("overview");
    let readme = x.found(&v::README_DESCRIPTION);
    let manifest = x.found(&v::MANIFEST_DESCRIPTION);
    for f in [readme, manifest].into_iter().flatten() {
        let sentence = detail_str(f, detail::SENTENCE)
            .unwrap_or(&f.title)
            .to_owned();
        let source = if f.id == v::README_DESCRIPTION.id {
            "The README"
        } else {
            "The package manifest"
        };
        s.blocks.push(Block::Statement(stmt(
            format!("{source} describes {p} as: “{sentence}”"),
            cites(f),
        )));
    }
    s.blocks.push(question(if readme.is_some() || manifest.is_some() {
        format!(
            "The description above is quoted from the repository. Rewrite it so that a reviewer comparing many projects remembers what sets {p} apart."
        )
    } else {
        format!(
            "The README has no descriptive paragraph assay could quote. In one or two sentences, what does {p} do and for whom?"
        )
    }));

    let mut background = sec("background");
    if let Some(f) = x.found(&v::DOCS_INTRODUCTION) {
        let sentence = detail_str(f, detail::SENTENCE).unwrap_or(&f.title);
        background.blocks.push(Block::Statement(stmt(
            format!("The documentation introduces {p}: “{sentence}”"),
            cites(f),
        )));
    }
    if let Some(f) = x.found(&v::ARCHITECTURE) {
        background.blocks.extend(list(
            Some("Design documents in the tree"),
            f.evidence
                .iter()
                .filter_map(|e| {
                    cite_of(e).map(|c| stmt(format!("Design document {}", e.path), vec![c]))
                })
                .collect(),
        ));
    }
    background.blocks.extend(list(
        Some("How the project is run (governance documents, decisions, proposals, roadmap)"),
        governance(x),
    ));
    background.blocks.push(question(format!(
        "What problem does {p} solve, and what should a reviewer who does not know this domain understand before reading on?"
    )));

    let mut actors = sec("actors");
    let mut candidates = Vec::new();
    let mut uncited = Vec::new();
    if let Some(f) = x.found(&v::COMPONENTS) {
        // Each program is cited at the line that declares its entry point.
        let entry_points = f.details.get(detail::ENTRY_POINTS);
        for program in detail_list(f, detail::PROGRAMS) {
            let at = entry_points.and_then(|m| m.get(&program));
            let path = at
                .and_then(|a| a.get("path"))
                .and_then(serde_json::Value::as_str);
            let line = at
                .and_then(|a| a.get("line"))
                .and_then(serde_json::Value::as_u64);
            let cite = f
                .evidence
                .iter()
                .find(|e| Some(e.path.as_str()) == path && e.line.map(u64::from) == line)
                .and_then(cite_of);
            match cite {
                Some(c) => {
                    candidates.push(stmt(format!("Program entry point: {program}"), vec![c]));
                }
                None => uncited.push(program),
            }
        }
    }
    for (id, what) in [
        (&v::HELM_CHARTS, "Helm charts"),
        (&v::KUBERNETES_CRDS, "Kubernetes custom resources"),
        (&v::CONTAINER_IMAGES, "Container images"),
    ] {
        if let Some(f) = x.found(id) {
            candidates.push(stmt(format!("{what}: {}", f.title), cites(f)));
        }
    }
    let has_candidates = !candidates.is_empty();
    actors.blocks.extend(list(
        Some("Candidate actors: programs and deployables found in the tree (confirm which run as separate actors, merge or drop the rest)"),
        candidates,
    ));
    if !uncited.is_empty() {
        actors.blocks.push(question(format!(
            "The scan lists {} more program(s) without room to cite them here: {}. Are any of them separate actors?",
            uncited.len(),
            uncited.join(", ")
        )));
    }
    actors.blocks.push(question(if has_candidates {
        "Which of the candidates above run as separate actors, and what isolates each from the others (process, container, network policy, credentials)?".to_owned()
    } else {
        format!("What are {p}'s separately running parts, and what isolates them from each other?")
    }));

    let mut actions = sec("actions");
    actions.blocks.extend(list(
        Some("Flows the design documents describe (quoted; check each still holds)"),
        quoted(x, &v::FLOWS, 8),
    ));
    actions.blocks.push(question(format!(
        "Walk through {p}'s main flows between the actors above: what each receives, which checks it makes (authentication, authorisation, validation), and what sensitive data it handles."
    )));
    let mut goals = sec("goals");
    goals.blocks.extend(list(
        Some("Listed as goals in the project's documents"),
        quoted(x, &v::GOALS, 6),
    ));
    goals.blocks.push(question(format!(
        "What security guarantees does {p} intend to give its users (for example who may change what, and what stays confidential)?"
    )));
    let mut non_goals = sec("non-goals");
    non_goals.blocks.extend(list(
        Some("Listed as non-goals or out of scope in the project's documents"),
        quoted(x, &v::NON_GOALS, 6),
    ));
    non_goals.blocks.push(question(format!(
        "Which protections might a reader expect from {p} that it deliberately does not provide?"
    )));
    s.sections = vec![background, actors, actions, goals, non_goals];
    s
}

/// Governance as the repository shows it: the files, the decision and membership rules
/// they state (quoted), where proposals go, and the roadmap.
fn governance(x: &Facts) -> Vec<Statement> {
    let mut items = Vec::new();
    for (kind, what) in [
        (&v::GOVERNANCE, "Governance document"),
        (&v::MAINTAINERS, "Maintainers list"),
        (&v::CODE_OF_CONDUCT, "Code of conduct"),
        (&v::ROADMAP, "Roadmap"),
    ] {
        if let Some(f) = x.found(kind) {
            let c = cites(f);
            let paths: Vec<&str> = c
                .iter()
                .map(|c| c.label.split(':').next().unwrap_or(""))
                .collect();
            items.push(stmt(format!("{what}: {}", paths.join(", ")), c.clone()));
        }
    }
    if let Some(f) = x.found(&v::GOVERNANCE_PROCESS) {
        // Decision rules first (the detector orders them so), at most five.
        for q in quotes(f).into_iter().take(5) {
            let c = q.cite(f);
            items.push(stmt(format!("{} says: “{}”", q.path, q.sentence), vec![c]));
        }
    }
    if let Some(f) = x.found(&v::PROPOSAL_PROCESS) {
        let folders = f.details.get("folders").and_then(Value::as_array);
        for d in folders.into_iter().flatten() {
            let (Some(path), Some(n), Some(index)) = (
                d.get("path").and_then(Value::as_str),
                d.get("documents").and_then(Value::as_u64),
                d.get("index").and_then(Value::as_str),
            ) else {
                continue;
            };
            let cite = f
                .evidence
                .iter()
                .find(|e| e.path == index && e.line.is_none())
                .and_then(cite_of);
            items.push(stmt(
                format!("Design proposals or decision records are kept in {path}/ ({n} documents)"),
                cite.into_iter().collect(),
            ));
        }
        for q in quotes(f).into_iter().take(1) {
            let c = q.cite(f);
            items.push(stmt(format!("{} says: “{}”", q.path, q.sentence), vec![c]));
        }
    }
    items
}
