//! Security functions and features: what the project's documentation says it does, quoted
//! and cited (the best-cited few; the scan keeps every sentence), candidates from the
//! code for a person to confirm, and the security documentation by topic.

use std::collections::HashMap;

use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Section, Statement};

use super::overview::{Quote, quotes};
use super::{CITES, Facts, cites, list, question, sec, stmt};

const FEATURE_TOPICS: &[(&FindingKind, &str)] = &[
    (&v::DOCS_TLS, "TLS and certificates"),
    (&v::DOCS_AUTHENTICATION, "Authentication"),
    (&v::DOCS_AUTHORIZATION, "Authorisation and access control"),
    (&v::DOCS_ENCRYPTION, "Encryption"),
    (&v::DOCS_AUDIT_LOGGING, "Audit logging"),
    (&v::DOCS_SECRETS, "Secrets handling"),
    (&v::DOCS_HARDENING, "Hardening"),
    (&v::DOCS_SECURITY, "Security overview"),
    (&v::DOCS_SUPPLY_CHAIN, "Verifying releases"),
];

/// Feature findings, one per mechanism.
const FEATURES: &[&FindingKind] = &[
    &v::FEATURE_TLS,
    &v::FEATURE_AUTHENTICATION,
    &v::FEATURE_AUTHORIZATION,
    &v::FEATURE_ENCRYPTION,
    &v::FEATURE_SECRETS,
    &v::FEATURE_SIGNATURES,
    &v::FEATURE_AUDIT,
    &v::FEATURE_LIMITS,
    &v::FEATURE_ISOLATION,
];

/// Statements the draft shows; the scan's JSON keeps the rest.
const SHOWN: usize = 10;
/// At most this many statements per mechanism and per page, so one long page does not
/// fill the list.
const PER_TOPIC: usize = 2;
const PER_PAGE: usize = 2;
/// Code candidates shown.
const CODE_SHOWN: usize = 6;

/// The best-ranked feature sentences across mechanisms.
fn best_features(x: &Facts) -> (Vec<Statement>, usize) {
    let mut all: Vec<(&FindingKind, Quote, assay_model::Cite)> = Vec::new();
    let mut total = 0;
    for kind in FEATURES {
        if let Some(f) = x.found(kind) {
            let qs = quotes(f);
            total += qs.len();
            all.extend(qs.into_iter().map(|q| {
                let c = q.cite(f);
                (*kind, q, c)
            }));
        }
    }
    all.sort_by(|a, b| {
        b.1.score
            .cmp(&a.1.score)
            .then_with(|| a.1.path.cmp(&b.1.path))
            .then(a.1.line.cmp(&b.1.line))
    });
    let mut per_topic: HashMap<&str, usize> = HashMap::new();
    let mut per_page: HashMap<String, usize> = HashMap::new();
    let mut shown = Vec::new();
    for (kind, q, cite) in all {
        if shown.len() == SHOWN {
            break;
        }
        let t = per_topic.entry(kind.id).or_default();
        let pg = per_page.entry(q.path.clone()).or_default();
        if *t >= PER_TOPIC || *pg >= PER_PAGE {
            continue;
        }
        *t += 1;
        *pg += 1;
        shown.push(stmt(
            format!("{}: “{}”", kind.title, q.sentence),
            vec![cite],
        ));
    }
    (shown, total)
}

/// Settings the code makes, each phrased as a candidate to confirm.
fn code_candidates(x: &Facts) -> Vec<Statement> {
    let Some(f) = x.found(&v::CODE_SECURITY_SETTINGS) else {
        return Vec::new();
    };
    quotes(f)
        .into_iter()
        .take(CODE_SHOWN)
        .filter_map(|q| {
            let c = q.cite(f);
            let what = q.what.as_deref()?;
            Some(stmt(
                format!("The code appears to {what}; confirm: “{}”", q.sentence),
                vec![c],
            ))
        })
        .collect()
}

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("security-functions-and-features");
    let (features, total) = best_features(x);
    let shown = features.len();
    s.blocks.extend(list(
        Some("What the documentation says the project does (quoted; the best-cited sentences)"),
        features,
    ));
    if total > shown {
        s.blocks.push(assay_model::Block::Prose {
            text: format!(
                "assay found {total} such sentences and shows {shown}; `assay scan --format json` lists all of them under the docs.feature-* findings."
            ),
        });
    }
    s.blocks.extend(list(
        Some("Candidates from the code, not confirmed by a document"),
        code_candidates(x),
    ));
    let items: Vec<Statement> = FEATURE_TOPICS
        .iter()
        .filter_map(|(id, label)| {
            x.found(id).map(|f| {
                let pages: Vec<String> = f
                    .evidence
                    .iter()
                    .take(CITES)
                    .map(|e| e.path.clone())
                    .collect();
                stmt(
                    format!("{label}: documented in {}", pages.join(", ")),
                    cites(f),
                )
            })
        })
        .collect();
    let any = !items.is_empty() || shown > 0;
    s.blocks
        .extend(list(Some("Security-relevant documentation found"), items));
    s.blocks.push(question(if any {
        "Of the features above, which are critical (always on, not configurable) and which are security-relevant settings a deployer chooses? Name the components behind each, for threat modelling.".to_owned()
    } else {
        format!(
            "No documentation page is named after a security topic and no documentation sentence names a security mechanism. Which of {p}'s components are critical to its security, and which settings should a deployer review?"
        )
    }));
    s
}
