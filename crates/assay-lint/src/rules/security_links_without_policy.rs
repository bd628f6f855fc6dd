use assay_model::Severity;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL009",
    name: "security-links-without-policy",
    severity: Severity::Error,
    summary: "The Security links section does not link the security policy.",
    doc: "## What\nReports a Security links section with no link to a security policy (a `SECURITY.md`, a `/security` page or policy). The section is part of the outline since its 2021 revision; documents checked against the 2019 one are not asked for it.\n\n## Why\nThe security policy is the first link a reporter or reviewer looks for.\n\n## Example\nA Security links table listing only the documentation site.\n\n## Fix\nAdd a row linking the project's SECURITY.md or security policy page.",
    help: "link the project's SECURITY.md or security policy",
    check,
};

fn is_policy_link(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.contains("security.md")
        || l.contains("security-policy")
        || l.contains("security_policy")
        || l.contains("/security/policy")
        || l.ends_with("/security")
        || l.ends_with("/security/")
        || l.contains("/security#")
        || l.contains("/security/advisories")
}

fn check(cx: &Context) -> Vec<Hit> {
    let doc = cx.doc;
    // The 2019 outline has no Security links section; its documents give the policy under
    // Security Issue Resolution.
    if cx.outline.part("security-links").is_none() {
        return Vec::new();
    }
    let Some(s) = doc.section("security-links") else {
        return Vec::new();
    };
    let body = doc.slice(&doc.logical_body(s));
    let linked = doc
        .links
        .iter()
        .filter(|l| doc.logical_body(s).contains(&l.range.start))
        .any(|l| is_policy_link(&l.dest))
        || body.split_whitespace().any(is_policy_link);
    if linked {
        Vec::new()
    } else {
        vec![Hit::new(
            doc.heading_of(s).range.clone(),
            "Security links does not link a security policy",
        )]
    }
}
