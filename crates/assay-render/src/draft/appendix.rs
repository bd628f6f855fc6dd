//! Appendix: known issues, the Best Practices badge, case studies, related projects.

use assay_model::detail;
use assay_model::vocabulary as v;
use assay_model::{Block, Section};

use super::{CITES, Facts, cite_of, cites, detail_list, question, sec, stmt};

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("appendix");
    let mut known = sec("known-issues-over-time");
    match x.found(&v::KNOWN_VULNERABILITIES) {
        Some(f) => {
            let ids = detail_list(f, detail::IDS);
            // Cite the lines whose quoted text shows an id, and name only those ids, so
            // each named id can be checked on its line.
            let showing: Vec<(&assay_model::Evidence, Vec<&str>)> = f
                .evidence
                .iter()
                .filter_map(|e| {
                    let x = e.excerpt.as_deref()?;
                    let on_line: Vec<&str> =
                        ids.iter().map(String::as_str).filter(|id| x.contains(id)).collect();
                    (!on_line.is_empty()).then_some((e, on_line))
                })
                .take(CITES)
                .collect();
            let (text, cited) = if showing.is_empty() {
                (
                    format!(
                        "{} vulnerability id(s) appear in the changelogs and security documents",
                        ids.len()
                    ),
                    cites(f),
                )
            } else {
                let mut named: Vec<&str> = showing.iter().flat_map(|(_, i)| i.iter().copied()).collect();
                named.dedup();
                (
                    format!(
                        "{} vulnerability id(s) appear in the changelogs and security documents; the cited lines name {}",
                        ids.len(),
                        named.join(", ")
                    ),
                    showing.iter().filter_map(|(e, _)| cite_of(e)).collect(),
                )
            };
            known.blocks.push(Block::Statement(stmt(text, cited)));
            known.blocks.push(question(format!(
                "Which of these affected {p} itself rather than a dependency, and where is each one's advisory?"
            )));
        }
        None => known.blocks.push(question(format!(
            "No CVE or GHSA id was found in the changelogs. Has {p} published advisories (for example on its forge's security tab)? If none, what do code review and automated tests catch?"
        ))),
    }
    let mut bp = sec("openssf-best-practices");
    match x.found(&v::BEST_PRACTICES_BADGE) {
        Some(f) => {
            let project = detail_list(f, detail::PROJECTS).first().cloned().unwrap_or_default();
            bp.blocks.push(Block::Statement(stmt(
                format!(
                    "{p} has an OpenSSF Best Practices entry (project {project}): {}",
                    detail_list(f, detail::LINKS).first().cloned().unwrap_or_default()
                ),
                cites(f),
            )));
            bp.blocks.push(question(format!(
                "Which badge level does entry {project} hold today, and which criteria remain open for the next level?"
            )));
        }
        None => bp.blocks.push(question(format!(
            "No OpenSSF Best Practices badge is linked from the README. Has {p} started the questionnaire at bestpractices.dev? If not, the findings above answer many of its criteria."
        ))),
    }
    let mut cases = sec("case-studies");
    if let Some(f) = x.found(&v::ADOPTERS) {
        cases.blocks.push(Block::Statement(stmt(
            "An ADOPTERS file lists organisations that use the project",
            cites(f),
        )));
    }
    cases.blocks.push(question(format!(
        "Pick two or three real deployments of {p} and describe how each uses it and what it relies on {p} to protect."
    )));
    let mut related = sec("related-projects-vendors");
    related.blocks.push(question(format!(
        "Which projects do users compare {p} with, and how does it differ from them in security terms?"
    )));
    s.sections = vec![known, bp, cases, related];
    s
}
