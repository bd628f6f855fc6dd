//! The seed in the shape of the threat-model report schema (`spec_version` 1). Fields the
//! code cannot fill are empty arrays (never invented) and carry open questions.

use assay_model::{Evidence, redact_url_credentials};
use serde_json::{Value, json};

use super::build::API_EXTENSIONS;
use super::model::{Provenance, ThreatModel};

/// Why the seed cannot be written as a schema report.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error(
        "the report needs the scanned commit, and this path is not a git repository (use --format markdown)"
    )]
    NoCommit,
    #[error("the date of commit {0} could not be read")]
    NoDate(String),
}

/// The nine disposition labels, verbatim.
const DISPOSITIONS: [&str; 9] = [
    "valid",
    "valid_hardening",
    "out_of_model_trusted_input",
    "out_of_model_adversary",
    "out_of_model_unsupported_component",
    "out_of_model_non_default_build",
    "by_design_disclaimed",
    "known_non_finding",
    "model_gap",
];

fn source(e: &Evidence) -> String {
    match e.line {
        Some(l) => format!("{}:{l}", e.path),
        None => e.path.clone(),
    }
}

fn repository(tm: &ThreatModel) -> String {
    if let Some(url) = &tm.repository.url {
        return url.clone();
    }
    if let Some(remote) = &tm.repository.remote
        && (remote.starts_with("https://") || remote.starts_with("http://"))
    {
        return redact_url_credentials(remote);
    }
    // A local checkout: name it without an absolute path.
    format!(
        "file:{}",
        tm.project.replace(
            |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_' && c != '.',
            "-"
        )
    )
}

pub fn to_schema_json(tm: &ThreatModel) -> Result<Value, SchemaError> {
    let commit = tm.repository.commit.clone().ok_or(SchemaError::NoCommit)?;
    let date = tm
        .date
        .clone()
        .ok_or_else(|| SchemaError::NoDate(commit.clone()))?;
    let (documented, inferred) = tm.confidence();
    let description = match &tm.description {
        Some((s, e)) => format!("{s} (README, {})", source(e)),
        None => format!(
            "{}: the README gives no description; see the open questions.",
            tm.project
        ),
    };
    let mut components: Vec<Value> = tm
        .components
        .iter()
        .map(|c| {
            json!({
                "name": c.name,
                "entry_points": c.entry_points,
                "touches": c.touches.iter().collect::<Vec<_>>(),
                "in_scope": true,
                "provenance": c.provenance.as_str(),
                "source": source(&c.cite),
            })
        })
        .collect();
    if components.is_empty() {
        components.push(json!({
            "name": tm.project,
            "entry_points": [],
            "touches": [],
            "in_scope": true,
            "reason": "the code and manifests show no component with an entry point",
            "provenance": Provenance::Inferred.as_str(),
        }));
    }
    let mut out_of_scope = vec![
        json!({"item": "tests, examples, samples, test helpers, hack/, scripts/ and tools/", "reason": "not part of what the project ships; the seed does not read them", "provenance": "inferred"}),
        json!({"item": "third-party trees (vendor/, third_party/, node_modules/, testdata/, linguist-vendored paths)", "reason": "other projects' code", "provenance": "inferred"}),
    ];
    out_of_scope.extend(tm.scope_notes.iter().map(|n| {
        json!({
            "item": n.cite.excerpt.clone().unwrap_or_default(),
            "reason": format!("the project's security documents say so ({})", n.phrase),
            "provenance": Provenance::Documented.as_str(),
            "source": source(&n.cite),
        })
    }));
    let mut boundaries: Vec<Value> = tm
        .boundaries
        .iter()
        .map(|b| {
            let mut v = json!({
                "component": b.component,
                "boundary": b.boundary,
                "reachability_precondition": b.precondition,
                "provenance": b.provenance.as_str(),
            });
            if let Some(e) = &b.cite {
                v["source"] = source(e).into();
            }
            v
        })
        .collect();
    if boundaries.is_empty() {
        boundaries.push(json!({
            "component": tm.project,
            "boundary": "none found in code or manifests; see the open questions",
            "provenance": "inferred",
        }));
    }
    let entry_points: Vec<Value> = tm
        .entry_points
        .iter()
        .map(|e| {
            let mut v = json!({
                "entry_point": format!("{} {}", e.id, e.what),
                "parameter": e.accepts,
                "attacker_controllable": e.controllable.as_str(),
                "component": e.component,
                "provenance": e.provenance.as_str(),
                "source": source(&e.cite),
            });
            if !e.condition.is_empty() {
                v["condition"] = e.condition.clone().into();
            }
            v
        })
        .collect();
    let mut assumes: Vec<String> = Vec::new();
    if let Some(c) = tm
        .components
        .iter()
        .find(|c| c.zone != super::Zone::Process)
    {
        assumes.push(format!(
            "runs on Kubernetes (workload {}, {})",
            c.name,
            source(&c.cite)
        ));
    }
    if tm.components.iter().any(|c| c.name == API_EXTENSIONS) {
        assumes.push("the Kubernetes API server authenticates and authorises the users who write its resources".to_owned());
    }
    let questions: Vec<Value> = tm
        .questions
        .iter()
        .map(|q| {
            let claim = match &q.cite {
                Some(e) => format!("{} [{}; STRIDE {}; {}]", q.text, q.id, q.stride, source(e)),
                None => format!("{} [{}; STRIDE {}]", q.text, q.id, q.stride),
            };
            json!({"claim": claim, "field": q.field, "proposed": q.proposed})
        })
        .collect();
    Ok(json!({
        "spec_version": 1,
        "repository": repository(tm),
        "commit": commit,
        "date": date,
        "scope_subpath": null,
        "description": description,
        "confidence": {"documented": documented, "inferred": inferred},
        "components": components,
        "out_of_scope": out_of_scope,
        "trust_boundaries": boundaries,
        "entry_points": entry_points,
        "environment": {"assumes": assumes, "does_not": [], "provenance": "inferred"},
        "adversaries": {"in_scope": [], "out_of_scope": [], "provenance": "inferred"},
        "properties_provided": [],
        "properties_not_provided": [],
        "downstream_responsibilities": [],
        "known_misuse": [],
        "known_non_findings": [],
        "dispositions": DISPOSITIONS,
        "open_questions": questions,
    }))
}
