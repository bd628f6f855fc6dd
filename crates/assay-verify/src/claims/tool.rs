//! Tools and practices named in Secure development practices: is each in the repository, and is a stated absence true?

use assay_lint::document::Document;
use assay_model::{Category, Role, Severity};
use assay_scan::Catalog;

use crate::{
    Claim, Facts, NOT_A_CLAIM, Verdict, VerifyReport, first_evidence, negated, practices_body, re,
    section_of, sentence,
};

crate::verify_rule!(
    TOOL_NOT_FOUND,
    "AV001",
    "tool-not-found",
    Severity::Error,
    "A tool the assessment says the project uses is nowhere in the repository.",
    "## What\nFor every tool the catalog knows that the Secure development practices section names, checks the scan of the checkout. Reported when the repository shows no trace of it.\n\n## Why\nTools get replaced; an assessment that still lists the old one misleads adopters.\n\n## Example\nThe text says CodeQL scans every pull request; the repository has no CodeQL workflow.\n\n## Fix\nUpdate the text to the tool in use, or say where the check runs if it is configured outside this repository.",
    "update the text, or say where the tool runs if outside this repository"
);
crate::verify_rule!(
    ABSENCE_CONTRADICTED,
    "AV002",
    "absence-contradicted",
    Severity::Error,
    "The assessment says a tool or practice is absent, and the repository shows it.",
    "## What\nA negative statement (\"no fuzzing is done\", \"does not sign images\") about something the scan finds in place.\n\n## Why\nAn assessment that undersells the project sends reviewers after gaps that are closed.\n\n## Example\n\"There are no secret scanning checks\" while a gitleaks workflow runs on every pull request.\n\n## Fix\nDescribe the practice as it is now.",
    "describe the practice as it is now"
);

/// Generic words the catalog uses as aliases that, alone, do not name one tool.
const TOO_GENERIC: &[&str] = &[
    "sbom",
    "spdx",
    "slsa",
    "gpg",
    "cla",
    "dco",
    "sonar",
    "scorecard",
    "artifact attestation",
    "owners",
    "changelog",
    "sigstore",
    "cifuzz",
    "safety",
    "notation",
];

pub(crate) fn check(doc: &Document, facts: &Facts, catalog: &Catalog, out: &mut VerifyReport) {
    let Some(body) = practices_body(doc) else {
        return;
    };
    let text = doc.slice(&body);
    for entry in &catalog.entries {
        if entry.spec.category.role() != Role::Practice {
            continue;
        }
        let mut names: Vec<String> = entry
            .spec
            .name
            .split([('/'), '('])
            .map(|n| n.trim().trim_end_matches(')').to_owned())
            .collect();
        names.extend(entry.spec.aliases.iter().cloned());
        names.retain(|n| n.len() >= 4 && !TOO_GENERIC.contains(&n.to_lowercase().as_str()));
        let Some(m) = names
            .iter()
            .filter_map(|n| re(&format!(r"\b{}\b", regex::escape(n))).find(text))
            .min_by_key(regex::Match::start)
        else {
            continue;
        };
        if NOT_A_CLAIM.is_match(sentence(text, m.start())) {
            continue;
        }
        let at = body.start + m.start();
        let negative = negated(text, m.start());
        let found = facts.found(&entry.spec.id);
        let (verdict, code, reason) = match (negative, found) {
            (false, Some(f)) => (Verdict::Backed, "", f.title.clone()),
            (false, None) => (
                Verdict::NotFound,
                TOOL_NOT_FOUND.code,
                format!(
                    "the text names {}, but the repository shows no trace of it (removed, or run from outside this repository: a checkout cannot tell which)",
                    entry.spec.name
                ),
            ),
            (true, Some(f)) => (
                Verdict::Contradicted,
                ABSENCE_CONTRADICTED.code,
                format!(
                    "the text says {} is not used, but {}",
                    entry.spec.name, f.title
                ),
            ),
            (true, None) => (
                Verdict::Backed,
                "",
                format!("no trace of {} in the repository", entry.spec.name),
            ),
        };
        out.claims.push(Claim {
            kind: "tool",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            verdict,
            reason,
            evidence: found.map(first_evidence).unwrap_or_default(),
            range: at..at + m.len(),
            code,
        });
    }
    // Practices named by word rather than tool.
    for (word, category, label) in [
        (r"\bfuzz", Category::Fuzzing, "fuzzing"),
        (
            r"\bsecrets? scanning\b",
            Category::SecretScan,
            "secret scanning",
        ),
    ] {
        let Some(m) = re(word).find(text) else {
            continue;
        };
        if NOT_A_CLAIM.is_match(sentence(text, m.start())) {
            continue;
        }
        let at = body.start + m.start();
        let negative = negated(text, m.start());
        let found = facts.category_found(category);
        let (verdict, code, reason) = match (negative, found.first()) {
            (false, Some(f)) => (Verdict::Backed, "", f.title.clone()),
            (false, None) => (
                Verdict::NotFound,
                TOOL_NOT_FOUND.code,
                format!("the text describes {label}, but the repository shows none"),
            ),
            (true, Some(f)) => (
                Verdict::Contradicted,
                ABSENCE_CONTRADICTED.code,
                format!("the text says there is no {label}, but {}", f.title),
            ),
            (true, None) => (Verdict::Backed, "", format!("no {label} in the repository")),
        };
        out.claims.push(Claim {
            kind: "practice",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            verdict,
            reason,
            evidence: found.first().map(|f| first_evidence(f)).unwrap_or_default(),
            range: at..at + m.len(),
            code,
        });
    }
}
