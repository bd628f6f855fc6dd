use std::sync::LazyLock;

use assay_model::Severity;
use regex::Regex;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL013",
    name: "channels-missing-parts",
    severity: Severity::Warning,
    summary: "Communication Channels does not cover Internal, Inbound and Outbound.",
    doc: "## What\nReports a Communication Channels section that does not name each of its three parts, as headings or as list items or paragraphs that start with the part's name (`* **Inbound**: ...`; Incoming and Outgoing count too, and one heading for two, `Inbound and Outbound`, counts for both).\n\n## Why\nThe outline asks separately how the team talks among itself, how users reach it, and how it reaches users; security reporting and announcements depend on the last two.\n\n## Example\nA Communication Channels section listing a Slack channel and nothing else.\n\n## Fix\nAdd the missing parts, even if only to say which channel serves them.",
    help: "describe the Internal, Inbound and Outbound channels",
    check,
};

static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?mi)^[ \t]*(?:[*+-]|\d+\.)?[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(internal|inbound|outbound|incoming|outgoing)\b(?:[ \t]*(?:and|&|/)[ \t]*(inbound|outbound|incoming|outgoing)\b)?")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

fn check(cx: &Context) -> Vec<Hit> {
    let doc = cx.doc;
    let Some(s) = doc.section("communication-channels") else {
        return Vec::new();
    };
    // `Inbound and Outbound` (one heading for both) covers both.
    let found: Vec<String> = PART
        .captures_iter(doc.slice(&doc.logical_body(s)))
        .flat_map(|c| [c.get(1), c.get(2)])
        .flatten()
        .map(|m| match m.as_str().to_ascii_lowercase().as_str() {
            "incoming" => "inbound".to_owned(),
            "outgoing" => "outbound".to_owned(),
            other => other.to_owned(),
        })
        .collect();
    let missing: Vec<&str> = ["Internal", "Inbound", "Outbound"]
        .into_iter()
        .filter(|p| !found.iter().any(|f| f == &p.to_ascii_lowercase()))
        .collect();
    if missing.is_empty() {
        Vec::new()
    } else {
        vec![Hit::new(
            doc.heading_of(s).range.clone(),
            format!(
                "Communication Channels does not cover {}",
                missing.join(", ")
            ),
        )]
    }
}
