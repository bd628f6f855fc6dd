//! Every address and link a policy gives, named for what it is by the clause, sentence and
//! heading it sits in: a policy names the private reporting channel next to announcement
//! lists, an embargoed distributors' list, the team's own address and help pages, and only
//! the first is where a reporter should write.

use std::sync::LazyLock;

use regex::Regex;

pub(crate) use assay_model::detail::ContactKind;

use super::prose::{Sentence, prose_of};
use crate::detect::ci_regex as re;

/// One address or link where the policy gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Contact {
    pub kind: ContactKind,
    pub value: String,
    pub line: u32,
    /// Named by elimination, not by anything the text says about it.
    pub weak: bool,
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"));
static EMAIL_SPELLED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b[a-z0-9][a-z0-9._%+-]*\s*[\[(\{]\s*at\s*[\])\}]\s*[a-z0-9-]+(?:\s*(?:\.|[\[(\{]\s*dot\s*[\])\}])\s*[a-z0-9-]+)+",
    )
});
static BARE_URL: LazyLock<Regex> = LazyLock::new(|| re(r"https?://[^\s<>()\[\]]+"));

/// The reporter is asked to send something, or told where reports arrive.
static ASKS_TO_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\breport(?:ed)?\s+(?:it|them|this|these|a|an|the|any|all|your|vulnerabilit\w*|security|issues?|bugs?|to|via|through|at|on|privately|by|using|with|in)\b|\breports?\s+(?:are|is|will be|can be|should be|must be|may be)\s+(?:\w+\s+)?(?:received|sent|submitted|made|filed|accepted|handled)\b|\b(?:post|send|submit|file|make|email|forward)\w*\s+(?:your |a |the )?(?:vulnerability |security )?reports?\b|\bmake a report|\bfile an?\b|\bsubmit|\blet us know|\bcontact (?:us|the)\b|\breach (?:out|us)\b|\bwrite (?:to|an? e-?mail)|\bsend (?:us |an? |your |the )?(?:e-?mail|message|report|details|information)|\be-?mail (?:us|the|to)\b|\be-?mail\s+\S+@|\bprivate(?:ly)? vulnerability report",
    )
});
/// The clause says not to use this for reports.
static NOT_FOR_REPORTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:do not|don't|never|should not|must not|not to|cannot)\s+(?:use\s+\w+\s+(?:to|for)\s+|be\s+)?report|\bshould not be reported|\bnot (?:for|intended for) (?:reporting|security reports|vulnerabilit)|\bnot (?:a|the) (?:reporting )?channel for",
    )
});
static PUBLIC_PLACE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bpublic (?:channels?|issues?|forums?|discussions?|lists?|chat)\b"));
static DISTRIBUTORS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bdistributors?\b|\bearly (?:disclosure|notification)|\bembargo(?:ed)? (?:list|policy)|\bjoin (?:the|this)\b|\beligible\b",
    )
});
static TEAM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\breach the\b|\binform the\b[^.;]{0,40}\bteam\b|\bmembership requests?\b|\brequests? to join\b|\bquestions?\b|\bmembers? of the\b|\bcontacting the\b",
    )
});
static ANNOUNCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bannounce\w*|\bnotif\w*|\bsubscrib\w*|\bpublish\w*|\bnotices?\b|\bnewsletter|\bupdates? (?:on|about)\b",
    )
});
static REPORT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\breport|\bdisclos|\bcontact|\bvulnerab|\bsecurity (?:issue|concern|bug)")
});
static NOT_REPORT_HEADING: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bnot\b|\bout of scope|\bnon-?vulnerab"));
static BOUNTY_HOST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^https?://(?:www\.)?(?:hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.(?:dev|com))",
    )
});
static CHAT_OR_FORUM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"slack\.com|//slack\.|discord\.(?:gg|com)|gitter\.im|matrix\.to|zulipchat|/discussions\b|groups\.google\.com|googlegroups\.com|lists\.[\w.-]+/g/|discourse|forum",
    )
});
static OTHER_POLICY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|/)security\.md\b|/security/policy\b|security[-_]polic|report-security|security-report",
    )
});
static DOCS_HOST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^https?://(?:docs\.|help\.|developer\.)|/docs?/|/documentation/|/guides?/|/wiki/|/blob/[^/]+/docs/",
    )
});

/// Where the project's own forge advisories live: `…/security/advisories(/new)`.
fn advisory_form(url: &str) -> Option<bool> {
    let lower = url.to_ascii_lowercase();
    let path = lower.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_end_matches('/');
    if path.ends_with("/security/advisories/new") {
        Some(true)
    } else if path.ends_with("/security/advisories") || path.ends_with("/security") {
        Some(false)
    } else {
        None
    }
}

/// Every address and link in `s`, each named for what it is.
pub(crate) fn contacts_in(s: &Sentence) -> Vec<Contact> {
    if s.code || s.heading {
        return Vec::new();
    }
    let mut found: Vec<(usize, String, Option<&str>)> = Vec::new();
    for l in &s.links {
        let url = l.url.trim();
        if let Some(addr) = url.strip_prefix("mailto:") {
            let addr = addr.split('?').next().unwrap_or_default();
            found.push((l.start, addr.to_owned(), Some(&l.text)));
        } else if url.starts_with("http://") || url.starts_with("https://") {
            found.push((l.start, url.to_owned(), Some(&l.text)));
        }
    }
    for m in EMAIL
        .find_iter(&s.text)
        .chain(EMAIL_SPELLED.find_iter(&s.text))
    {
        let addr = m.as_str();
        let lower = addr.to_ascii_lowercase();
        if lower.contains("example.") || lower.ends_with("@users.noreply.github.com") {
            continue;
        }
        if !found.iter().any(|(_, v, _)| v.eq_ignore_ascii_case(addr)) {
            found.push((m.start(), addr.to_owned(), None));
        }
    }
    for m in BARE_URL.find_iter(&s.text) {
        let url = m.as_str().trim_end_matches(['.', ',', ':', ';', '*', '_']);
        if !found.iter().any(|(_, v, _)| v == url) {
            found.push((m.start(), url.to_owned(), None));
        }
    }
    found.sort_by_key(|(at, _, _)| *at);
    let mut out: Vec<Contact> = found
        .into_iter()
        .map(|(at, value, _)| {
            let (kind, weak) = classify(s, at, &value);
            Contact {
                kind,
                value,
                line: s.line,
                weak,
            }
        })
        .collect();
    // GitHub's private reporting named without a link to this repository's form.
    let prose = s.prose();
    if prose
        .to_ascii_lowercase()
        .contains("private vulnerability report")
        || s.links.iter().any(|l| {
            l.text
                .to_ascii_lowercase()
                .contains("private vulnerability report")
        })
    {
        let has_form = out
            .iter()
            .any(|c| c.kind == ContactKind::Reporting && advisory_form(&c.value).is_some());
        if !has_form && !NOT_FOR_REPORTS.is_match(&prose) {
            out.push(Contact {
                kind: ContactKind::Reporting,
                value: "GitHub private vulnerability reporting".into(),
                line: s.line,
                weak: false,
            });
        }
    }
    out
}

/// The clause (between `;` or dashes) of `text` holding byte `at`.
fn clause_bounds(text: &str, at: usize) -> (usize, usize) {
    let is_break = |c: char| c == ';' || c == '—';
    let start = text
        .get(..at)
        .and_then(|t| t.rfind(is_break))
        .map_or(0, |p| p + 1);
    let end = text
        .get(at..)
        .and_then(|t| t.find(is_break))
        .map_or(text.len(), |p| at + p);
    (start, end)
}

fn classify(s: &Sentence, at: usize, value: &str) -> (ContactKind, bool) {
    let kind = classify_kind(s, at, value);
    let weak = kind == ContactKind::Team && !TEAM.is_match(&s.prose());
    (kind, weak)
}

fn classify_kind(s: &Sentence, at: usize, value: &str) -> ContactKind {
    let is_url = value.contains("://");
    let lower = value.to_ascii_lowercase();
    // What the address itself is, when its form says so.
    if is_url {
        if BOUNTY_HOST.is_match(&lower) {
            return ContactKind::Reporting;
        }
        if lower.contains("/issues") {
            return ContactKind::IssueTracker;
        }
        if OTHER_POLICY.is_match(&lower) && advisory_form(&lower).is_none() {
            return ContactKind::OtherPolicy;
        }
        if DOCS_HOST.is_match(&lower) {
            return ContactKind::Documentation;
        }
        // A file or folder in a repository is something to read, not somewhere to write.
        if lower.contains("/blob/") || lower.contains("/tree/") {
            return ContactKind::Reference;
        }
    }
    let (cs, ce) = clause_bounds(&s.text, at);
    let clause = prose_of(&s.text, &s.links, cs, ce);
    let sentence = s.prose();
    let lead = s.lead.as_deref().unwrap_or_default();
    let negated = NOT_FOR_REPORTS.is_match(&clause);
    let chat = is_url && CHAT_OR_FORUM.is_match(&lower);
    let form = if is_url { advisory_form(&lower) } else { None };
    if PUBLIC_PLACE.is_match(&clause) || PUBLIC_PLACE.is_match(lead) {
        return ContactKind::PublicChannel;
    }
    if !negated && ASKS_TO_REPORT.is_match(&clause) {
        return if chat {
            ContactKind::PublicChannel
        } else {
            ContactKind::Reporting
        };
    }
    if !negated && form == Some(true) {
        return ContactKind::Reporting;
    }
    if TEAM.is_match(&clause) {
        return ContactKind::Team;
    }
    if DISTRIBUTORS.is_match(&clause) {
        return ContactKind::Distributors;
    }
    if form == Some(false) {
        return ContactKind::Advisories;
    }
    if ANNOUNCE.is_match(&clause) && (!is_url || chat) {
        return ContactKind::Announcements;
    }
    if chat {
        return ContactKind::PublicChannel;
    }
    // A list item reads in the light of the sentence that introduced the list.
    if !lead.is_empty() && !is_url {
        if DISTRIBUTORS.is_match(lead) {
            return ContactKind::Distributors;
        }
        if !NOT_FOR_REPORTS.is_match(lead) && ASKS_TO_REPORT.is_match(lead) {
            return ContactKind::Reporting;
        }
    }
    if !is_url && s.headings.iter().any(|h| DISTRIBUTORS.is_match(h)) {
        return ContactKind::Distributors;
    }
    // An address under a reporting heading, with nothing else said about it.
    let section = s.section();
    if !is_url
        && !negated
        && REPORT_HEADING.is_match(section)
        && !NOT_REPORT_HEADING.is_match(section)
    {
        return ContactKind::Reporting;
    }
    if !is_url {
        if ASKS_TO_REPORT.is_match(&sentence) && !NOT_FOR_REPORTS.is_match(&sentence) {
            return ContactKind::Reporting;
        }
        return ContactKind::Team;
    }
    ContactKind::Reference
}

#[cfg(test)]
mod tests {
    use super::super::prose::sentences;
    use super::*;

    fn kinds(md: &str) -> Vec<(String, &'static str)> {
        sentences(md)
            .iter()
            .flat_map(contacts_in)
            .map(|c| (c.value, c.kind.key()))
            .collect()
    }

    #[test]
    fn only_the_private_address_is_a_reporting_channel() {
        let k = kinds(
            "## Reporting\n\nPlease report it via [private reporting](https://github.com/o/r/security/advisories/new).\n\n\
             ## Mailing lists\n\n- Use team@x.test to reach the Security Team. Do not use it to report vulnerabilities; use [GitHub private vulnerability reporting](https://github.com/o/r/security/advisories/new) instead.\n\n\
             ## Early Disclosure to Distributors\n\nThe team gives early disclosure by emailing the dist@x.test mailing list.\n\n\
             ### Membership\n\nTo be eligible to join the dist@x.test list, you should be a distributor.\n\n\
             ### Requesting to Join\n\nSend new membership requests to team@x.test.\n\n\
             ## Advisories\n\nWe publish the [advisory](https://github.com/o/r/security/advisories) and announce it on [x-announce](https://lists.x.test/g/x-announce).\n",
        );
        let want = [
            (
                "https://github.com/o/r/security/advisories/new",
                "reporting",
            ),
            ("team@x.test", "team"),
            (
                "https://github.com/o/r/security/advisories/new",
                "reporting",
            ),
            ("dist@x.test", "distributors"),
            ("dist@x.test", "distributors"),
            ("team@x.test", "team"),
            ("https://github.com/o/r/security/advisories", "advisories"),
            ("https://lists.x.test/g/x-announce", "announcements"),
        ];
        let got: Vec<(&str, &str)> = k.iter().map(|(v, k)| (v.as_str(), *k)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn help_pages_issue_trackers_and_public_channels_are_not_reporting_channels() {
        let k = kinds(
            "## Report a vulnerability\n\nTo make a report, email **sec@x.test**. You can also use [GitHub's private vulnerability reporting](https://docs.github.com/en/code-security/privately-reporting) on any repository.\n\n\
             Alternatively, use one of these public channels to send an encrypted message:\n\n\
             * [#x on Slack](https://x.slack.com/archives/C1)\n* Send a message to [x@googlegroups.com](https://groups.google.com/g/x)\n\n\
             Do not report other bugs here. Use [GitHub issues](https://github.com/o/r/issues/new) instead.\n",
        );
        let got: Vec<(&str, &str)> = k.iter().map(|(v, k)| (v.as_str(), *k)).collect();
        assert_eq!(
            got,
            [
                ("sec@x.test", "reporting"),
                (
                    "https://docs.github.com/en/code-security/privately-reporting",
                    "documentation"
                ),
                ("GitHub private vulnerability reporting", "reporting"),
                ("https://x.slack.com/archives/C1", "public_channel"),
                ("https://groups.google.com/g/x", "public_channel"),
                ("x@googlegroups.com", "public_channel"),
                ("https://github.com/o/r/issues/new", "issue_tracker"),
            ]
        );
    }
}
