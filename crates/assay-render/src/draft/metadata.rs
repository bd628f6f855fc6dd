//! Metadata: the assessment table and the security links.

use assay_model::detail;
use assay_model::vocabulary as v;
use assay_model::{Block, Category, Cell, Finding, Section};
use serde_json::Value;

use super::{CITES, Facts, cell, cites, question, sec};

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("metadata");
    let identity = x
        .found(&v::PROJECT_IDENTITY)
        .and_then(|f| Some((f, f.details.get(detail::URL)?.as_str()?)));
    let software = match (&x.report.repository.url, identity) {
        (Some(url), _) => Cell {
            text: url.clone(),
            cites: Vec::new(),
            question: None,
        },
        // No forge remote: the URL a manifest states, cited, for a person to confirm.
        (None, Some((f, url))) => Cell {
            text: url.to_owned(),
            cites: f
                .evidence
                .iter()
                .filter(|e| {
                    e.excerpt
                        .as_deref()
                        .is_some_and(|l| l.contains(url.trim_start_matches("https://")))
                })
                .filter_map(super::cite_of)
                .take(1)
                .collect(),
            question: Some(format!(
                "The URL is read from a manifest because the checkout has no forge remote. Is it {p}'s public repository?"
            )),
        },
        (None, None) => Cell {
            text: String::new(),
            cites: Vec::new(),
            question: Some(format!(
                "The checkout has no remote on a known forge. What is the public URL of {p}'s repository?"
            )),
        },
    };
    let languages = match x.found(&v::LANGUAGES) {
        Some(f) => Cell {
            text: f
                .details
                .get(detail::LANGUAGES)
                .and_then(Value::as_array)
                .map(|ls| {
                    ls.iter()
                        .filter(|l| l["percent"].as_f64().is_some_and(|p| p >= 1.0))
                        .filter_map(|l| l["language"].as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
            cites: cites(f),
            question: None,
        },
        None => Cell {
            text: String::new(),
            cites: Vec::new(),
            question: Some(format!(
                "No source files in a known language were found. What is {p} written in?"
            )),
        },
    };
    let sboms = x.found_in(Category::Sbom);
    let sbom = if sboms.is_empty() {
        Cell {
            text: "None found in the repository".into(),
            cites: Vec::new(),
            question: Some(format!(
                "Does {p} publish a software bill of materials with its releases? If so, link it here; if not, list where its dependencies are declared."
            )),
        }
    } else {
        Cell {
            text: sboms
                .iter()
                .map(|f| f.title.clone())
                .collect::<Vec<_>>()
                .join("; "),
            cites: sboms.iter().flat_map(|f| cites(f)).take(CITES).collect(),
            question: None,
        }
    };
    let provider = Cell {
        text: String::new(),
        cites: Vec::new(),
        question: Some(format!(
            "Is {p}'s primary purpose to secure the systems that integrate it? Answer Yes or No."
        )),
    };
    s.blocks.push(Block::Table {
        columns: vec![String::new(), String::new()],
        rows: vec![
            vec![cell("Assessment Stage"), cell("Incomplete")],
            vec![cell("Software"), software],
            vec![cell("Security Provider"), provider],
            vec![cell("Languages"), languages],
            vec![cell("SBOM"), sbom],
        ],
    });

    let mut links = sec("security-links");
    let mut rows = Vec::new();
    let link_row = |label: &str, f: &Finding| -> Option<Vec<Cell>> {
        let c = cites(f);
        c.first().map(|first| {
            vec![
                cell(label),
                Cell {
                    text: first
                        .label
                        .split(':')
                        .next()
                        .unwrap_or(&first.label)
                        .to_owned(),
                    cites: c.iter().take(2).cloned().collect(),
                    question: None,
                },
            ]
        })
    };
    if let Some(f) = x.found(&v::SECURITY_POLICY) {
        // A README section can stand in for the policy; the row says which it is.
        let label = if f.details.contains_key(assay_model::detail::SECTION) {
            "Security policy (README section)"
        } else {
            "Security file"
        };
        rows.extend(link_row(label, f));
    }
    for (id, label) in [
        (&v::SECURITY_CONTACTS, "Security contacts"),
        (&v::SECURITY_TXT, "security.txt"),
        (&v::SECURITY_INSIGHTS, "Security Insights"),
        (&v::DOCS_SECURITY, "Security documentation"),
        (&v::DOCS_CONFIGURATION, "Default and optional configs"),
        (&v::SAMPLE_CONFIGS, "Default and sample configuration files"),
        (&v::DOCS_HARDENING, "Hardening documentation"),
        (&v::THREAT_MODEL, "Threat model"),
        (&v::SECURITY_AUDIT, "Security audit"),
        (&v::SELF_ASSESSMENT, "Earlier self-assessment"),
    ] {
        if id.id == v::SAMPLE_CONFIGS.id {
            if let Some(row) = sample_configs(x) {
                rows.push(row);
            }
        } else if let Some(f) = x.found(id) {
            rows.extend(link_row(label, f));
        }
    }
    if rows.is_empty() {
        links.blocks.push(question(format!(
            "No security policy or security documentation was found in the tree. Where does {p} document how to report a vulnerability and how to configure it securely?"
        )));
    } else {
        links.blocks.push(Block::Table {
            columns: vec!["Doc".into(), "url".into()],
            rows,
        });
        if x.found(&v::DOCS_CONFIGURATION).is_none() && x.found(&v::SAMPLE_CONFIGS).is_none() {
            links.blocks.push(question(format!(
                "No configuration reference was found under the docs folders. Where are {p}'s default and optional settings documented?"
            )));
        }
    }
    s.sections.push(links);
    s
}

/// Shipped configuration files, the best-ranked three (root and `config/` first), each
/// linked.
fn sample_configs(x: &Facts) -> Option<Vec<Cell>> {
    let f = x.found(&v::SAMPLE_CONFIGS)?;
    let paths: Vec<&str> = f
        .details
        .get(detail::PATH)
        .and_then(Value::as_array)?
        .iter()
        .filter_map(Value::as_str)
        .take(CITES)
        .collect();
    let cites: Vec<_> = paths
        .iter()
        .map(|p| {
            f.evidence
                .iter()
                .find(|e| e.path == *p)
                .and_then(super::cite_of)
                .unwrap_or_else(|| assay_model::Cite {
                    label: (*p).to_owned(),
                    href: Some((*p).to_owned()),
                })
        })
        .collect();
    let first = paths.first()?;
    Some(vec![
        cell("Default and sample configuration files"),
        Cell {
            text: if paths.len() > 1 {
                format!("{first} and others")
            } else {
                (*first).to_owned()
            },
            cites,
            question: None,
        },
    ])
}
