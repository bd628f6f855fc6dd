//! Secure development practices: the development pipeline (CI, tests, each practice
//! category, review, what was looked for and not found) and the ecosystem; the
//! communication channels are in `channels`.

use assay_model::vocabulary::{self, self as v};
use assay_model::{Category, Finding, Role, Section, Statement, Status, detail};
use serde_json::Value;

use super::{Facts, channels, detail_list, list, question, said, sec, stmt};

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("secure-development-practices");
    let mut pipe = sec("development-pipeline");
    for category in Category::with_role(Role::Practice) {
        let mut found: Vec<Statement> = x.found_in(category).into_iter().map(said).collect();
        if category == Category::Signing {
            found.extend(signed_tags(x));
        }
        pipe.blocks.extend(list(Some(category.title()), found));
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
            let text = if looked.is_empty() {
                f.title.clone()
            } else {
                format!("{} (looked for {})", f.title, looked.join(", "))
            };
            stmt(text, Vec::new())
        })
        .collect();
    pipe.blocks
        .extend(list(Some("Looked for and not found"), not_found));
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

/// Release tags the history shows signed are signing, whatever else the tree shows.
fn signed_tags(x: &Facts) -> Option<Statement> {
    let f = x.found(&v::RELEASES)?;
    let count = |key| f.details.get(key).and_then(Value::as_u64).unwrap_or(0);
    let signed = count(detail::SIGNED);
    if signed == 0 {
        return None;
    }
    // Cite signed tags; the history labels each example with what it is.
    let examples: Vec<_> = f
        .evidence
        .iter()
        .filter(|e| e.excerpt.as_deref().is_some_and(|t| t.contains("signed (")))
        .filter_map(super::cite_of)
        .take(3)
        .collect();
    let mut st = stmt(
        format!(
            "{signed} of {} version tags in the window carry a signature (detected, not verified)",
            count(detail::VERSION_TAGS)
        ),
        examples,
    );
    if st.cites.is_empty() {
        st.cites = super::cites(f);
    }
    Some(st)
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
