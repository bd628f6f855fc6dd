//! Secure development practices: the development pipeline (CI, tests, each practice
//! category, review, what was looked for and not found) and the ecosystem; the
//! communication channels are in `channels`.

use assay_model::vocabulary::{self, self as v};
use assay_model::{Block, Category, Cite, Finding, Role, Section, Statement, Status, detail};
use serde_json::Value;

use super::{Facts, channels, detail_list, list, question, said, sec, stmt};

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("secure-development-practices");
    let mut pipe = sec("development-pipeline");
    for category in Category::with_role(Role::Practice) {
        let mut found: Vec<Statement> = x.found_in(category).into_iter().map(said).collect();
        let mut open_question = None;
        if category == Category::Signing {
            let (statement, q) = signed_tags(x);
            found.extend(statement);
            open_question = q;
        }
        pipe.blocks.extend(list(Some(category.title()), found));
        pipe.blocks.extend(open_question);
    }
    let mut review: Vec<Statement> = x.found_in(Category::Review).into_iter().map(said).collect();
    for kind in [
        &v::COMMITS_DCO,
        &v::COMMITS_SIGNED,
        &v::REVIEW,
        &v::CONTRIBUTORS,
    ] {
        if let Some(f) = x
            .get(kind)
            .filter(|f| f.status != Status::Absent || !f.evidence.is_empty())
        {
            review.push(said(f));
        }
    }
    pipe.blocks
        .extend(list(Some("Contribution and review"), review));

    let not_found: Vec<Statement> = x
        .report
        .findings
        .iter()
        .filter(|f| f.status == Status::Absent && vocabulary::is_category_summary(&f.id))
        .map(|f| {
            let looked: Vec<String> = detail_list(f, detail::LOOKED_FOR);
            let mut text = if looked.is_empty() {
                f.title.clone()
            } else {
                format!("{} (looked for {})", f.title, looked.join(", "))
            };
            if let Some(x) = &f.exemption {
                text = format!("{text}; exempted by the project: {}", x.reason);
            }
            stmt(text, Vec::new())
        })
        .collect();
    pipe.blocks
        .extend(list(Some("Looked for and not found"), not_found));
    // Tools the repository names but a checkout cannot show running (another
    // repository's reusable workflow, unreadable files): said with their reason.
    let undecided: Vec<Statement> = x
        .report
        .findings
        .iter()
        .filter(|f| f.status == Status::Unknown && f.category.role() == Role::Practice)
        .filter(|f| !f.evidence.is_empty())
        .map(said)
        .collect();
    pipe.blocks.extend(list(
        Some("Named in the repository, but a checkout cannot tell whether it runs"),
        undecided,
    ));
    pipe.blocks.push(question(format!(
        "Which checks run outside this repository and are invisible to a checkout: CI configured elsewhere, hosted scanners, and the forge's branch protection (required reviews and status checks)? How many approvals does {p} require before a merge?"
    )));

    let mut eco = sec("ecosystem");
    let items: Vec<Statement> = [
        &v::LANGUAGES,
        &v::MANIFESTS,
        &v::COMPONENTS,
        &v::CONTAINER_IMAGES,
        &v::BASE_IMAGE_PINNING,
        &v::HELM_CHARTS,
        &v::KUBERNETES_CRDS,
        &v::ARTIFACT_HUB,
        &v::LICENSE,
    ]
    .into_iter()
    .filter_map(|kind| x.found(kind).map(eco_statement))
    .collect();
    eco.blocks.extend(list(None, items));
    eco.blocks.push(question(format!(
        "Where does {p} sit in the cloud native ecosystem: which projects does it integrate with or depend on, and who builds on it?"
    )));
    s.sections = vec![pipe, channels::section(x), eco];
    s
}

/// Release tags the history shows signed are signing, whatever else the tree shows:
/// a statement citing signed tags, or, when the history gave no signed tag as an example,
/// a question naming them.
fn signed_tags(x: &Facts) -> (Option<Statement>, Option<Block>) {
    let Some(f) = x.found(&v::RELEASES) else {
        return (None, None);
    };
    let count = |key| f.details.get(key).and_then(Value::as_u64).unwrap_or(0);
    let signed = count(detail::SIGNED);
    if signed == 0 {
        return (None, None);
    }
    let figure = format!(
        "{signed} of {} version tags in the window carry a signature (detected, not verified)",
        count(detail::VERSION_TAGS)
    );
    // Cite signed tags only; the history labels each example with what it is.
    let mut examples: Vec<Cite> = Vec::new();
    for c in f
        .evidence
        .iter()
        .filter(|e| e.excerpt.as_deref().is_some_and(|t| t.contains("signed (")))
        .filter_map(super::cite_of)
    {
        if examples.len() < 3 && !examples.iter().any(|o| o.label == c.label) {
            examples.push(c);
        }
    }
    if !examples.is_empty() {
        return (Some(stmt(figure, examples)), None);
    }
    let names: Vec<&str> = f
        .details
        .get(detail::RECENT)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|t| t.get("signature").is_some_and(|s| !s.is_null()))
        .filter_map(|t| t.get("tag").and_then(Value::as_str))
        .take(5)
        .collect();
    let tag_list = if names.is_empty() {
        String::new()
    } else {
        format!(" ({})", names.join(", "))
    };
    let q = question(format!(
        "The history shows {figure}{tag_list}. Which of {}'s releases are signed, with what key or identity, and how do users verify them?",
        x.project
    ));
    (None, Some(q))
}

/// An ecosystem finding as a statement, naming the base images for container findings.
fn eco_statement(f: &Finding) -> Statement {
    let mut st = said(f);
    if f.id == v::CONTAINER_IMAGES.id
        && let Some(images) = f
            .details
            .get(detail::BASE_IMAGES)
            .and_then(Value::as_object)
    {
        let mut ranked: Vec<(&String, u64)> = images
            .iter()
            .map(|(k, v)| (k, v.as_u64().unwrap_or(0)))
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let names: Vec<&str> = ranked.iter().take(6).map(|(k, _)| k.as_str()).collect();
        st.text = format!("{}, among them {}", st.text, names.join(", "));
    }
    st
}
