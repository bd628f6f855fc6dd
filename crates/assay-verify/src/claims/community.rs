//! Chat channels named without a link and recurring meetings in Communication channels:
//! do the repository's README and community documents still name them?

use std::sync::LazyLock;

use assay_lint::document::Document;
use assay_model::Severity;
use assay_scan::Snapshot;
use regex::Regex;

use crate::{Claim, Verdict, VerifyReport, re, section_of, sentence};

crate::verify_rule!(
    COMMUNITY_NOT_MENTIONED,
    "AV012",
    "community-not-mentioned",
    Severity::Warning,
    "A chat channel or meeting in the assessment is not named by the repository's README or community documents.",
    "## What\nSlack channel names (`#project-dev`) and recurring meetings (\"weekly community meeting\") in Communication channels, looked for in the README, CONTRIBUTING, SUPPORT, GOVERNANCE and community documents at the root, in .github/ and in docs/. Always a warning: the website or a community repository may list them instead (give that repository with another --repo).\n\n## Why\nChannels are renamed and meetings move or stop; newcomers follow the assessment.\n\n## Example\nThe text names a weekly meeting; the README now points to a monthly one.\n\n## Fix\nName the channels and meetings the project documents today.",
    "name the channels and meetings the project documents today"
);

static CHANNEL: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[\s`(])#([a-z0-9][a-z0-9_-]{2,})\b"));
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(weekly|bi-?weekly|fortnightly|monthly|bi-?monthly)\b[^.\n]{0,40}?\b(?:meeting|call|sync|office hours)s?\b",
    )
});
static COMMUNITY_FILE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\.github/|docs/)?(?:readme|contributing|support|governance|community|meetings?|code[-_]of[-_]conduct)[^/]*\.(?:md|rst|txt|adoc)$",
    )
});

/// The README and community documents, lower-cased and joined (bounded reads).
fn community_text(snapshot: &Snapshot) -> String {
    let paths: Vec<String> = snapshot
        .files()
        .iter()
        .filter(|f| COMMUNITY_FILE.is_match(&f.path))
        .map(|f| f.path.clone())
        .collect();
    let contents = snapshot.read_many(&paths);
    let mut all = String::new();
    for p in &paths {
        if let Some(t) = contents.get(p) {
            all.push_str(&t.to_lowercase());
            all.push('\n');
        }
    }
    all
}

pub(crate) fn check(doc: &Document, snapshot: &Snapshot, out: &mut VerifyReport) {
    // Communication channels when the document has that section; else the whole text,
    // where a meeting counts only in a sentence about the community.
    let section = doc
        .section("communication-channels")
        .map(|s| doc.logical_body(s));
    let whole = section.is_none();
    let body = section.unwrap_or(0..doc.text.len());
    let text = doc.slice(&body);
    let mut found: Vec<(std::ops::Range<usize>, String, String)> = Vec::new();
    for c in CHANNEL.captures_iter(text) {
        let Some(name) = c.get(1) else { continue };
        // A channel only where the sentence speaks of Slack; `#123` issue numbers and
        // headings never match.
        if !sentence(text, name.start())
            .to_lowercase()
            .contains("slack")
        {
            continue;
        }
        let n = name.as_str().to_lowercase();
        found.push((
            name.start() - 1..name.end(),
            format!("#{n}"),
            format!("#{n}"),
        ));
    }
    for c in MEETING.captures_iter(text) {
        let (Some(m), Some(freq)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let said = sentence(text, m.start()).to_lowercase();
        if whole
            && ![
                "community",
                "project",
                "maintainer",
                "contributor",
                "office hours",
            ]
            .iter()
            .any(|w| said.contains(w))
        {
            continue;
        }
        let f = freq.as_str().to_lowercase().replace('-', "");
        found.push((m.range(), m.as_str().to_owned(), f));
    }
    if found.is_empty() {
        return;
    }
    let hay = community_text(snapshot);
    let hay_plain = hay.replace('-', "");
    for (range, said, needle) in found {
        let at = body.start + range.start;
        if !crate::claim_at(doc, at) {
            continue;
        }
        let backed = if needle.starts_with('#') {
            hay.contains(&needle)
        } else {
            hay_plain.lines().any(|l| {
                l.contains(&needle)
                    && (l.contains("meeting") || l.contains("call") || l.contains("office hours"))
            })
        };
        out.claims.push(Claim {
            kind: "community",
            claim: said,
            section: section_of(doc, at),
            verdict: if backed { Verdict::Backed } else { Verdict::NotFound },
            reason: if backed {
                "the README or a community document names it".to_owned()
            } else {
                "no README or community document in the repository names it; the website or a community repository may, so check it is current".to_owned()
            },
            range: at..body.start + range.end,
            code: COMMUNITY_NOT_MENTIONED.code,
            elsewhere: !backed,
            ..Claim::default()
        });
    }
}
