//! Communication channels in the assessment: does the README or a community document link them?

use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_model::{Category, Severity, detail};
use regex::Regex;
use serde_json::Value;

use crate::{Claim, Facts, Fix, Verdict, VerifyReport, dest_range, re, section_of};

crate::verify_rule!(
    CHANNEL_NOT_REFERENCED,
    "AV005",
    "channel-not-referenced",
    Severity::Error,
    "A communication channel in the assessment is not referenced by the repository's README or community documents.",
    "## What\nSlack, Discord, Matrix, Gitter and mailing-list links in the assessment, looked for among the channels the scan found in the README and community documents.\n\n## Why\nChannels are retired and moved; the repository's own documents are where users look.\n\n## Example\nThe text links a Google Group the README no longer mentions.\n\n## Fix\nList the channels the project documents today.",
    "list the channels the project documents today"
);

static CHANNEL_URL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"https?://(?:[a-z0-9-]+\.slack\.com/\S+|slack\.[a-z0-9.-]+\S*|discord(?:\.gg|app\.com/invite|\.com/invite)/\S+|matrix\.to/\S+|gitter\.im/\S+|groups\.google\.com/\S+|lists\.[a-z0-9.-]+/\S+|[a-z0-9-]*\.?groups\.io/g/\S+)",
    )
});
static GOOGLE_GROUP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"groups\.google\.com/(?:a/[^/]+/)?(?:forum/#!forum/|forum/#!topic/|g/|group/|d/forum/)([^/?#)\s]+)",
    )
});
static SLACK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:([a-z0-9-]+)\.slack\.com|slack\.([a-z0-9-]+)\.[a-z.]+)"));

/// A channel's identity: a Google Group by name, a Slack link by workspace, else the URL.
fn norm_url(u: &str) -> String {
    if let Some(c) = GOOGLE_GROUP.captures(u) {
        return format!("google-group:{}", c[1].to_lowercase());
    }
    if let Some(c) = SLACK.captures(u) {
        let ws = c
            .get(1)
            .or_else(|| c.get(2))
            .map_or("", |m| m.as_str())
            .to_lowercase();
        let ws = match ws.as_str() {
            "k8s" | "kubernetes" => "kubernetes".to_owned(),
            "cncf" | "cloud-native" => "cloud-native".to_owned(),
            other => other.to_owned(),
        };
        return format!("slack:{ws}");
    }
    u.trim_end_matches(['/', ')', '.', ',', '>'])
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .to_lowercase()
}

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(s) = doc.section("communication-channels") else {
        return;
    };
    let body = doc.logical_body(s);
    let known_urls: Vec<(String, String)> = facts
        .category_found(Category::Comms)
        .iter()
        .flat_map(|f| {
            f.details
                .get(detail::LINKS)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(|u| (norm_url(u), u.to_owned())))
        })
        .collect();
    let known: Vec<String> = known_urls.iter().map(|(n, _)| n.clone()).collect();
    for l in doc.links.iter().filter(|l| body.contains(&l.range.start)) {
        if !CHANNEL_URL.is_match(&l.dest) {
            continue;
        }
        let n = norm_url(&l.dest);
        let backed = known
            .iter()
            .any(|k| k == &n || k.starts_with(&n) || n.starts_with(k.as_str()));
        // The same kind of channel that the repository links today, if any.
        let kind = n.split(':').next().unwrap_or_default();
        let instead = (!backed && n.contains(':'))
            .then(|| {
                known_urls
                    .iter()
                    .find(|(k, _)| k.split(':').next() == Some(kind) && k.contains(':'))
            })
            .flatten()
            .map(|(_, u)| u.clone());
        out.claims.push(Claim {
            kind: "channel",
            claim: l.dest.clone(),
            section: section_of(doc, l.range.start),
            verdict: if backed {
                Verdict::Backed
            } else {
                Verdict::NotFound
            },
            reason: if backed {
                "the repository's README or community documents link this channel".to_owned()
            } else {
                "no README or community document in the repository links this channel; it may be listed on the website or in another repository, so check it is still the project's".to_owned()
            },
            range: l.range.clone(),
            code: CHANNEL_NOT_REFERENCED.code,
            elsewhere: !backed,
            fix: instead.clone().map(|text| Fix {
                range: dest_range(doc, l),
                text,
            }),
            suggestion: instead,
            ..Claim::default()
        });
    }
}
