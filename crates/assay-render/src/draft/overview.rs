//! Overview: the description, background, actors, actions, goals and non-goals.

use assay_model::detail;
use assay_model::vocabulary as v;
use assay_model::{Block, Section};

use super::{Facts, cite_of, cites, detail_list, detail_str, list, question, sec, stmt};

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("overview");
    match x.found(&v::README_DESCRIPTION) {
        Some(f) => {
            let sentence = detail_str(f, detail::SENTENCE).unwrap_or(&f.title).to_owned();
            s.blocks.push(Block::Statement(stmt(sentence, cites(f))));
            s.blocks.push(question(format!(
                "The sentence above is quoted from the README. Rewrite it so that a reviewer comparing many projects remembers what sets {p} apart."
            )));
        }
        None => s.blocks.push(question(format!(
            "The README has no descriptive paragraph assay could quote. In one or two sentences, what does {p} do and for whom?"
        ))),
    }

    let mut background = sec("background");
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
    actions.blocks.push(question(format!(
        "Walk through {p}'s main flows between the actors above: what each receives, which checks it makes (authentication, authorisation, validation), and what sensitive data it handles."
    )));
    let mut goals = sec("goals");
    goals.blocks.push(question(format!(
        "What security guarantees does {p} intend to give its users (for example who may change what, and what stays confidential)?"
    )));
    let mut non_goals = sec("non-goals");
    non_goals.blocks.push(question(format!(
        "Which protections might a reader expect from {p} that it deliberately does not provide?"
    )));
    s.sections = vec![background, actors, actions, goals, non_goals];
    s
}
