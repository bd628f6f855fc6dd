use std::sync::LazyLock;

use assay_model::Severity;
use regex::Regex;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL014",
    name: "no-reporting-channel",
    severity: Severity::Error,
    summary: "Security issue resolution gives no email address or URL for reports.",
    doc: "## What\nReports a Security issue resolution section (with its parts) that contains neither an email address, a URL, nor a named private reporting route (GitHub private vulnerability reporting, security advisories).\n\n## Why\nThe section exists so that a reporter knows where to go; without a channel it cannot be acted on.\n\n## Example\n`Vulnerabilities are handled by the maintainers.` and nothing else.\n\n## Fix\nGive the private reporting address or form, or link the security policy that does.",
    help: "give the reporting address or form, or link the security policy",
    check,
};

static CHANNEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+-]+(?:@|\s*\[at\]\s*)[a-z0-9-]+(?:\.|\s*\[dot\]\s*)[a-z.]{2,}|https?://|\]\([^)#\s]+\)|private vulnerability report|security advisor")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

fn check(cx: &Context) -> Vec<Hit> {
    let doc = cx.doc;
    let Some(s) = doc.section("security-issue-resolution") else {
        return Vec::new();
    };
    if CHANNEL.is_match(doc.slice(&doc.logical_body(s))) {
        Vec::new()
    } else {
        vec![Hit::new(
            doc.heading_of(s).range.clone(),
            "Security issue resolution gives no email address or link for reports",
        )]
    }
}
