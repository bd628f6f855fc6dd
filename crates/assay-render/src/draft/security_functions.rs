//! Security functions and features: security documentation by topic.

use assay_model::Section;
use assay_model::Statement;
use assay_model::vocabulary::{self as v, FindingKind};

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

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("security-functions-and-features");
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
    let any = !items.is_empty();
    s.blocks
        .extend(list(Some("Security-relevant documentation found"), items));
    s.blocks.push(question(if any {
        "Of the features documented above, which are critical (always on, not configurable) and which are security-relevant settings a deployer chooses? Name the components behind each, for threat modelling.".to_owned()
    } else {
        format!(
            "No documentation page is named after a security topic. Which of {p}'s components are critical to its security, and which settings should a deployer review?"
        )
    }));
    s
}
