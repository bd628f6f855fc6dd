//! Tools named in Secure development practices (and CI systems named anywhere): is each in
//! the repository, and is a stated absence true?

use assay_lint::document::Document;
use assay_model::{Category, Finding, Role, Severity};
use assay_scan::Catalog;
use assay_scan::catalog::Entry;

use crate::{
    Claim, Facts, Fix, Verdict, VerifyReport, claim_at, first_evidence, negated, practices_body,
    re, section_of, sentence,
};

crate::verify_rule!(
    TOOL_NOT_FOUND,
    "AV001",
    "tool-not-found",
    Severity::Error,
    "A tool the assessment says the project uses is nowhere in the repository.",
    "## What\nFor every tool the catalog knows that the Secure development practices section names (and every CI system named anywhere), checks the scan of the checkout. An error when the tool's configuration could only live in the repository (a CI file, a Dependabot config) or another tool now does its job; a warning when it could run outside the repository (a hosted service, a forge setting).\n\n## Why\nTools get replaced; an assessment that still lists the old one misleads adopters.\n\n## Example\nThe text says Travis CI builds every pull request; the repository has GitHub Actions workflows and no .travis.yml.\n\n## Fix\nUpdate the text to the tool in use, or say where the check runs if it is configured outside this repository.",
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

/// Entries whose work can be set up outside the repository even though the catalog finds
/// them by a file: CI driven from another repository or server, forge apps, OSS-Fuzz
/// projects kept in google/oss-fuzz, organisation-wide settings, reports published
/// elsewhere.
const OUTSIDE_CAPABLE: &[&str] = &[
    "ci.prow",
    "ci.jenkins",
    "ci.tekton",
    "ci.google-cloud-build",
    "ci.buildkite",
    "review.dco-bot",
    "review.cla-bot",
    "fuzzing.oss-fuzz",
    "hardening.allstar",
    "sbom.committed",
];

/// Categories where one tool replaces another: a project runs one CI system and one
/// dependency updater, so another one found is what the text should say instead.
const ONE_AT_A_TIME: &[Category] = &[Category::Ci, Category::DepsUpdate];

/// Could the tool's work be set up without a file in this repository?
fn could_live_elsewhere(entry: &Entry) -> bool {
    let found_by_its_file = entry.spec.activates && !entry.spec.files.is_empty();
    !found_by_its_file
        || OUTSIDE_CAPABLE.contains(&entry.spec.id.as_str())
        || entry.spec.category == Category::Metadata
}

/// The names a document may use for `entry`, long enough to be specific.
fn names(entry: &Entry) -> Vec<String> {
    let mut names: Vec<String> = entry
        .spec
        .name
        .split([('/'), '('])
        .map(|n| n.trim().trim_end_matches(')').to_owned())
        .collect();
    names.extend(entry.spec.aliases.iter().cloned());
    names.retain(|n| n.len() >= 4 && !TOO_GENERIC.contains(&n.to_lowercase().as_str()));
    names
}

/// The project's own name and the programs it builds: never a third-party tool.
fn own_names(doc: &Document, facts: &Facts) -> Vec<String> {
    let mut own: Vec<String> = Vec::new();
    if let Some(url) = &facts.report.repository.url {
        own.extend(url.rsplit('/').next().map(str::to_lowercase));
    }
    if let Some(h) = doc.headings.first() {
        own.extend(h.text.split_whitespace().next().map(str::to_lowercase));
    }
    if let Some(f) = facts.get(assay_model::vocabulary::COMPONENTS.id) {
        own.extend(
            f.details
                .get(assay_model::detail::PROGRAMS)
                .and_then(serde_json::Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str().map(str::to_lowercase)),
        );
    }
    own
}

/// What else the repository runs for the job `entry` does, when only one runs at a time.
fn replacement<'a>(
    entry: &Entry,
    facts: &'a Facts,
    catalog: &Catalog,
) -> Option<(&'a Finding, String)> {
    if !ONE_AT_A_TIME.contains(&entry.spec.category) {
        return None;
    }
    facts
        .category_found(entry.spec.category)
        .into_iter()
        .filter(|f| f.id != entry.spec.id)
        .find_map(|f| catalog.get(&f.id).map(|e| (f, e.spec.name.clone())))
}

pub(crate) fn check(doc: &Document, facts: &Facts, catalog: &Catalog, out: &mut VerifyReport) {
    let own = own_names(doc, facts);
    let practices = practices_body(doc);
    for entry in &catalog.entries {
        if entry.spec.category.role() != Role::Practice {
            continue;
        }
        // CI systems are checked wherever the text names them; other tools in the
        // practices section, where the text describes the project's own pipeline.
        let scope = if entry.spec.category == Category::Ci {
            0..doc.text.len()
        } else {
            match &practices {
                Some(p) => p.clone(),
                None => continue,
            }
        };
        let text = doc.slice(&scope);
        let patterns: Vec<regex::Regex> = names(entry)
            .iter()
            .filter(|n| !own.contains(&n.to_lowercase()))
            .map(|n| re(&format!(r"\b{}\b", regex::escape(n))))
            .collect();
        let mut hits: Vec<regex::Match> = patterns.iter().flat_map(|p| p.find_iter(text)).collect();
        hits.sort_by_key(regex::Match::start);
        let Some(m) = hits
            .into_iter()
            .find(|m| claim_at(doc, scope.start + m.start()))
        else {
            continue;
        };
        let at = scope.start + m.start();
        let negative = negated(text, m.start());
        let found = facts.found(&entry.spec.id);
        let mut claim = Claim {
            kind: "tool",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            evidence: found.map(first_evidence).unwrap_or_default(),
            range: at..at + m.len(),
            ..Claim::default()
        };
        match (negative, found) {
            (false, Some(f)) => claim.reason.clone_from(&f.title),
            (false, None) => {
                claim.verdict = Verdict::NotFound;
                claim.code = TOOL_NOT_FOUND.code;
                if let Some((f, name)) = replacement(entry, facts, catalog) {
                    let path = f
                        .evidence
                        .first()
                        .map(|e| format!(" ({})", e.path))
                        .unwrap_or_default();
                    claim.reason = format!(
                        "the text names {}, but the repository has none of it and uses {name}{path} instead",
                        entry.spec.name
                    );
                    claim.evidence = first_evidence(f);
                    // A sentence that already names the tool in use only needs the old one
                    // dropped, which is an edit for a person.
                    let named = claim.claim.to_lowercase().contains(&name.to_lowercase());
                    if named {
                        claim.suggestion = Some(format!(
                            "drop {}; the sentence already names {name}{path}",
                            entry.spec.name
                        ));
                    } else {
                        claim.suggestion = Some(format!("{name}{path}"));
                        claim.fix = Some(Fix {
                            range: claim.range.clone(),
                            text: name,
                        });
                    }
                } else if could_live_elsewhere(entry) {
                    claim.elsewhere = true;
                    claim.reason = format!(
                        "the text names {}, and the repository shows no trace of it; it may run outside the repository (a hosted service or a forge setting), so say where",
                        entry.spec.name
                    );
                } else {
                    claim.reason = format!(
                        "the text names {}, but its configuration, which lives in the repository, is not there",
                        entry.spec.name
                    );
                }
            }
            (true, Some(f)) => {
                claim.verdict = Verdict::Contradicted;
                claim.code = ABSENCE_CONTRADICTED.code;
                claim.reason = format!(
                    "the text says {} is not used, but {}",
                    entry.spec.name, f.title
                );
                claim.suggestion = Some(format!("describe what is there ({})", f.title));
            }
            (true, None) => {
                claim.reason = format!("no trace of {} in the repository", entry.spec.name);
            }
        }
        out.claims.push(claim);
    }
    if let Some(body) = practices {
        practice_words(doc, facts, &body, out);
    }
}

/// Practices named by word rather than tool.
fn practice_words(
    doc: &Document,
    facts: &Facts,
    body: &std::ops::Range<usize>,
    out: &mut VerifyReport,
) {
    let text = doc.slice(body);
    for (word, category, label) in [
        (r"\bfuzz", Category::Fuzzing, "fuzzing"),
        (
            r"\bsecrets? scanning\b",
            Category::SecretScan,
            "secret scanning",
        ),
        (
            r"\bstatic (?:code )?analysis\b|\bSAST\b",
            Category::Sast,
            "static analysis",
        ),
        (
            r"\bvulnerability scann|\b(?:scan|check)(?:s|ed|ned|ing|ning)? (?:\w+ ){0,3}for (?:known )?(?:vulnerabilit|cves?\b)|\bdependency scann",
            Category::VulnScan,
            "vulnerability scanning",
        ),
        (
            r"\bimages? (?:are|is) (?:\w+ ){0,3}signed\b|\bsigned (?:container )?images\b|\bsign(?:s|ing)? (?:the |all |its |container |release )*images\b|\bimmutable and signed\b",
            Category::Signing,
            "image signing",
        ),
        (
            r"\bSBOMs?\b|\bsoftware bill of materials\b",
            Category::Sbom,
            "SBOMs",
        ),
    ] {
        // A label ("Static Code Analysis: ...") names the topic; the sentence after it is
        // the claim.
        let Some(m) = re(word)
            .find_iter(text)
            .filter(|m| !text[m.end()..].starts_with(':'))
            .find(|m| claim_at(doc, body.start + m.start()))
        else {
            continue;
        };
        let at = body.start + m.start();
        // A sentence that names a tool is checked by the tool; the word adds nothing.
        let line = doc.lines.line_of(at);
        if out
            .claims
            .iter()
            .any(|c| c.kind == "tool" && doc.lines.line_of(c.range.start) == line)
        {
            continue;
        }
        let negative = negated(text, m.start());
        let found = facts.category_found(category);
        let present: Vec<&Finding> = found
            .iter()
            .copied()
            .filter(|f| f.status == assay_model::Status::Present)
            .collect();
        let mut claim = Claim {
            kind: "practice",
            claim: assay_model::clean_excerpt(sentence(text, m.start())),
            section: section_of(doc, at),
            evidence: found.first().map(|f| first_evidence(f)).unwrap_or_default(),
            range: at..at + m.len(),
            ..Claim::default()
        };
        match (negative, found.first()) {
            (false, Some(f)) => claim.reason.clone_from(&f.title),
            (false, None) => {
                claim.verdict = Verdict::NotFound;
                claim.code = TOOL_NOT_FOUND.code;
                // Fuzzing may run in OSS-Fuzz or another repository of the project,
                // secret scanning may be a forge setting, images may be signed by a
                // release pipeline kept elsewhere.
                claim.elsewhere = true;
                claim.reason = format!(
                    "the text describes {label}, and the repository shows none; it may run outside the repository (OSS-Fuzz, a forge setting, another repository), so say where"
                );
            }
            // Only what runs or is set up contradicts a stated absence, not a link or an
            // unused configuration.
            (true, Some(_)) if present.is_empty() => {
                claim.reason = format!("the repository only mentions or configures {label}");
            }
            (true, Some(_)) => {
                claim.verdict = Verdict::Contradicted;
                claim.code = ABSENCE_CONTRADICTED.code;
                claim.evidence = present
                    .iter()
                    .take(2)
                    .flat_map(|f| first_evidence(f))
                    .collect();
                let titles: Vec<&str> = present.iter().take(3).map(|f| f.title.as_str()).collect();
                claim.reason = format!(
                    "the text says there is no {label}, but {}",
                    titles.join("; ")
                );
                claim.suggestion = Some(format!("describe what is there ({})", titles.join("; ")));
            }
            (true, None) => claim.reason = format!("no {label} in the repository"),
        }
        out.claims.push(claim);
    }
}
