//! Review rules stated in the assessment ("two maintainers approve every change"): do the
//! contribution documents state the same number?

use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_model::vocabulary as v;
use assay_model::{Severity, detail};
use regex::Regex;
use serde_json::Value;

use crate::{Claim, Facts, Verdict, VerifyReport, first_evidence, re, section_of, sentence};

crate::verify_rule!(
    REVIEW_RULE_NOT_FOUND,
    "AV013",
    "review-rule-not-found",
    Severity::Error,
    "The number of approvals the assessment states is not what the contribution documents ask for.",
    "## What\nStatements that a change needs a number of approvals or reviewers (\"approved by two maintainers\", \"at least one approval\"), compared with the approval rule the scan read in CONTRIBUTING, GOVERNANCE and similar documents. An error when the documents ask for another number; a warning when they state no rule (branch protection, which a checkout cannot see, may enforce it).\n\n## Why\nReviewers rely on the rule to judge how much scrutiny a change gets.\n\n## Example\nThe text says two maintainers approve; CONTRIBUTING.md asks for one approval.\n\n## Fix\nState the rule the contribution documents give, or add the rule to them.",
    "state the rule the contribution documents give"
);

static RULE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:reviewed|approved|signed off)(?: and (?:reviewed|approved))? by|approval (?:of|from)|requires?|needs?|must (?:have|get))\s+(?:at least\s+)?(one|two|three|a|an|1|2|3)\s+(?:other\s+|different\s+|core\s+)?(?:maintainers?|approvers?|reviewers?|approvals?|committers?)\b",
    )
});

fn number(word: &str) -> Option<u64> {
    match word.to_lowercase().as_str() {
        "one" | "a" | "an" | "1" => Some(1),
        "two" | "2" => Some(2),
        "three" | "3" => Some(3),
        _ => None,
    }
}

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let text = doc.text.as_str();
    let Some(caps) = RULE
        .captures_iter(text)
        .find(|c| c.get(0).is_some_and(|m| crate::claim_at(doc, m.start())))
    else {
        return;
    };
    let (Some(m), Some(n)) = (caps.get(0), caps.get(1).and_then(|w| number(w.as_str()))) else {
        return;
    };
    let rule = facts.found(v::APPROVAL_RULE.id);
    let written = rule
        .and_then(|f| f.details.get(detail::REQUIRED_APPROVALS))
        .and_then(Value::as_u64);
    let mut claim = Claim {
        kind: "review",
        claim: assay_model::clean_excerpt(sentence(text, m.start())),
        section: section_of(doc, m.start()),
        range: m.range(),
        code: REVIEW_RULE_NOT_FOUND.code,
        evidence: rule.map(first_evidence).unwrap_or_default(),
        ..Claim::default()
    };
    match (rule, written) {
        (Some(f), Some(k)) if k == n => claim.reason.clone_from(&f.title),
        (Some(f), Some(k)) => {
            claim.verdict = Verdict::Contradicted;
            claim.reason = format!("the text states {n} approval(s); {}", f.title);
            claim.suggestion = Some(format!(
                "{k} approval(s), as the contribution documents ask"
            ));
        }
        // A rule without a number neither backs nor contradicts the count.
        (Some(f), None) => claim.reason.clone_from(&f.title),
        (None, _) => {
            claim.verdict = Verdict::NotFound;
            claim.elsewhere = true;
            claim.reason = format!(
                "no contribution document states how many approvals a change needs; if branch protection enforces {n}, say so, since a checkout cannot show it"
            );
        }
    }
    out.claims.push(claim);
}
