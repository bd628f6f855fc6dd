//! Communication channels: internal, inbound and outbound, from the catalog's channel
//! entries, the security policy, Security Insights and release notes.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use assay_model::detail::{self, PolicyAspect};
use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Category, Finding, Section};
use regex::Regex;

use super::issue_resolution::{policy_cite, reporting_channels};
use super::{
    Facts, cite_of, cited_evidence, cites, detail_list, detail_str, list, question, said, sec, stmt,
};

/// Channel names and addresses quoted in a cited line: `#project-dev`, `list@lists.x.io`.
static CHANNEL_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s\[(>*])(#[A-Za-z0-9][A-Za-z0-9_-]{1,40})\b|\b([A-Za-z0-9][A-Za-z0-9._+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Whether `text` writes `url` whole, not as the start of a longer URL
/// (`…/forum/#!forum/project` inside `…/forum/#!forum/project-dev`).
fn writes_url(text: &str, url: &str) -> bool {
    let ends_word = |c: char| !(c.is_alphanumeric() || "-_./#?=&%~+:@".contains(c));
    text.match_indices(url).any(|(at, _)| {
        // Links are listed without a trailing slash; the line may carry one.
        let rest = &text[at + url.len()..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let mut next = rest.chars();
        match next.next() {
            None => true,
            // A sentence's full stop or comma after the link ends it.
            Some('.' | ',') => next.next().is_none_or(char::is_whitespace),
            Some(c) => ends_word(c),
        }
    })
}

/// Chat systems: where the team talks among itself and users reach it.
const CHATS: &[&FindingKind] = &[&v::SLACK, &v::DISCORD, &v::MATRIX, &v::ZULIP, &v::GITTER];

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut comms = sec("communication-channels");
    let mut internal = sec("internal");
    let mut inbound = sec("inbound");
    let mut outbound = sec("outbound");
    let channel = |f: &Finding| {
        // Names, addresses and links only as the cited lines write them: a name listed
        // beside the citations must be on one of the cited lines.
        let cited = cited_evidence(f);
        let excerpts: Vec<&str> = cited
            .iter()
            .map(|(e, _)| e.excerpt.as_deref().unwrap_or_default())
            .collect();
        let mut names = BTreeSet::new();
        for text in &excerpts {
            for c in CHANNEL_TOKEN.captures_iter(text) {
                if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                    names.insert(m.as_str().to_owned());
                }
            }
        }
        let links = detail_list(f, detail::LINKS);
        let name = detail_str(f, detail::NAME).unwrap_or(&f.subject).to_owned();
        let mut parts: Vec<String> = names.into_iter().take(6).collect();
        let labels: Vec<&str> = cited.iter().map(|(_, c)| c.label.as_str()).collect();
        let places = f.details.get(detail::LINK_LINES);
        let on_cited_line = |link: &str| {
            // Where the scan says the link is written; else what the quotes show (a long
            // line's quote may be cut before its link).
            let written = places
                .and_then(|p| p.get(link))
                .and_then(serde_json::Value::as_array)
                .is_some_and(|at| {
                    at.iter()
                        .filter_map(serde_json::Value::as_str)
                        .any(|place| labels.contains(&place))
                });
            written || excerpts.iter().any(|t| writes_url(t, link))
        };
        parts.extend(
            links
                .into_iter()
                .filter(|l| l.contains("://") && on_cited_line(l))
                .take(4),
        );
        let text = if parts.is_empty() {
            name
        } else {
            format!("{name}: {}", parts.join(", "))
        };
        stmt(text, cited.into_iter().map(|(_, c)| c).collect())
    };
    let mut internal_items = Vec::new();
    let mut inbound_items = Vec::new();
    let mut outbound_items = Vec::new();
    for f in x.found_in(Category::Comms) {
        let is = |kinds: &[&FindingKind]| kinds.iter().any(|k| k.id == f.id);
        if is(CHATS) {
            internal_items.push(channel(f));
            inbound_items.push(channel(f));
        } else if is(&[&v::COMMUNITY_MEETING]) {
            internal_items.push(channel(f));
        } else if is(&[&v::MAILING_LIST]) {
            {
                let lists = detail_list(f, detail::LISTS);
                let announce = lists.iter().any(|l| l.contains("announce"));
                internal_items.push(channel(f));
                if announce {
                    outbound_items.push(channel(f));
                }
            }
        } else if is(&[&v::BLOG, &v::SOCIAL]) {
            outbound_items.push(channel(f));
        } else {
            // Discussions, community pages and anything new: where users reach the team.
            inbound_items.push(channel(f));
        }
    }
    if let Some(f) = x.found(&v::ISSUE_TEMPLATES) {
        // The chooser's config.yml is not a template.
        let templates = f
            .evidence
            .iter()
            .filter(|e| {
                let name = e.path.rsplit('/').next().unwrap_or(&e.path);
                !matches!(name, "config.yml" | "config.yaml")
            })
            .count();
        let total = f
            .details
            .get(detail::EVIDENCE_TOTAL)
            .and_then(serde_json::Value::as_u64);
        let text = match total {
            // Capped evidence: the count would be a guess.
            Some(_) => "Issue templates in the repository".to_owned(),
            None => format!("Issue templates in the repository ({templates} template files)"),
        };
        inbound_items.push(stmt(text, cites(f)));
    }
    if let Some(f) = x.found(&v::SUPPORT) {
        inbound_items.push(stmt(
            "A SUPPORT document tells users where to get help",
            cites(f),
        ));
    }
    if let Some(f) = x.found(&v::SECURITY_POLICY) {
        let channels = reporting_channels(f);
        if !channels.is_empty() {
            inbound_items.push(stmt(
                format!("Security reports: {}", channels.join(", ")),
                policy_cite(f, PolicyAspect::ReportingChannel),
            ));
        }
    }
    if let Some(f) = x.found(&v::SECURITY_INSIGHTS)
        && let Some(e) = f.evidence.iter().find(|e| e.line.is_some())
    {
        inbound_items.push(stmt(
            format!(
                "Security contact in the Security Insights file: \"{}\"",
                e.excerpt.as_deref().unwrap_or_default()
            ),
            cite_of(e).into_iter().collect(),
        ));
    }
    if let Some(f) = x.found(&v::CHANGELOG) {
        outbound_items.push(stmt("The tree has a changelog", cites(f)));
    }
    if let Some(f) = x.found(&v::RELEASES) {
        outbound_items.push(said(f));
    }
    internal.blocks.extend(list(None, internal_items));
    internal.blocks.push(question(format!(
        "Which of these channels do {p}'s maintainers use among themselves, and is there a private channel for security matters?"
    )));
    inbound.blocks.extend(list(None, inbound_items));
    inbound.blocks.push(question(format!(
        "Is this how users reach {p}'s team today, and is anything missing?"
    )));
    outbound.blocks.extend(list(None, outbound_items));
    outbound.blocks.push(question(format!(
        "How does {p} announce releases and security fixes to its users (mailing list, blog, advisories, social accounts)?"
    )));
    comms.sections = vec![internal, inbound, outbound];
    comms
}

#[cfg(test)]
mod tests {
    use super::writes_url;

    #[test]
    fn a_url_is_written_only_where_it_ends() {
        let dev = "Join [the list](https://groups.example/forum/#!forum/proj-dev).";
        assert!(writes_url(
            dev,
            "https://groups.example/forum/#!forum/proj-dev"
        ));
        assert!(!writes_url(
            dev,
            "https://groups.example/forum/#!forum/proj"
        ));
        assert!(writes_url(
            "see https://x.example/a.",
            "https://x.example/a"
        ));
        assert!(!writes_url(
            "see https://x.example/a.b",
            "https://x.example/a"
        ));
        assert!(writes_url(
            "[Slack]: http://slack.example/",
            "http://slack.example"
        ));
        assert!(!writes_url(
            "http://slack.example/team",
            "http://slack.example"
        ));
    }
}
