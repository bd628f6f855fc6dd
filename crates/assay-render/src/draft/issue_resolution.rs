//! Security issue resolution: what the policy says, quoted, and questions for what it does not.

use assay_model::detail::{self, ContactKind, PolicyAspect as A};
use assay_model::vocabulary as v;
use assay_model::{Block, Cite, Finding, Section, Statement, Status};
use serde_json::Value;

use super::{Facts, cite_of, cites, detail_list, detail_str, list, question, said, sec, stmt};

/// Where the policy asks reporters to go: its reporting-kind addresses, forms and named
/// channels (GitHub private vulnerability reporting named without a link counts).
pub(super) fn reporting_channels(f: &Finding) -> Vec<String> {
    let mut channels = detail_list(f, detail::REPORTING_CHANNELS);
    if channels.is_empty() {
        channels = detail_list(f, detail::REPORTING_EMAILS);
        channels.extend(detail_list(f, detail::REPORTING_URLS));
    }
    channels
}

/// Cite the line of the policy where `aspect` is stated.
pub(super) fn policy_cite(f: &Finding, aspect: A) -> Vec<Cite> {
    let line = f
        .details
        .get(detail::ASPECT_LINES)
        .and_then(|m| m.get(aspect.key()))
        .and_then(Value::as_u64)
        .and_then(|l| u32::try_from(l).ok());
    let e = line.and_then(|l| f.evidence.iter().find(|e| e.line == Some(l)));
    match e {
        Some(e) => cite_of(e).into_iter().collect(),
        None => {
            // The line may have been capped away: cite the policy's line directly.
            let path = detail_str(f, detail::PATH).unwrap_or_default();
            match (line, path.is_empty()) {
                (Some(l), false) => vec![Cite {
                    label: format!("{path}:{l}"),
                    href: f
                        .evidence
                        .iter()
                        .find_map(|e| e.url.as_ref())
                        .and_then(|u| u.split_once('#').map(|(base, _)| format!("{base}#L{l}")))
                        .or_else(|| Some(format!("{path}#L{l}"))),
                }],
                _ => Vec::new(),
            }
        }
    }
}

/// `text`, followed by the policy's own sentence that states the aspect, so the reader
/// sees what the policy says without opening it.
fn quoted(text: &str, f: &Finding, aspect: A) -> String {
    let quote = f
        .details
        .get(detail::ASPECT_QUOTES)
        .and_then(|m| m.get(aspect.key()))
        .and_then(|q| q.get("text"))
        .and_then(Value::as_str);
    match quote {
        Some(q) => format!("{text}: \"{q}\""),
        None => text.to_owned(),
    }
}

/// The policy's addresses and links of one kind: `(value, line)`, first line per value.
fn contacts_of(f: &Finding, kind: ContactKind) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = Vec::new();
    let all = f.details.get(detail::CONTACTS).and_then(Value::as_array);
    for c in all.into_iter().flatten() {
        let k = c
            .get("kind")
            .and_then(Value::as_str)
            .and_then(ContactKind::from_key);
        let value = c.get("value").and_then(Value::as_str);
        let line = c
            .get("line")
            .and_then(Value::as_u64)
            .and_then(|l| u32::try_from(l).ok());
        if let (Some(k), Some(value), Some(line)) = (k, value, line)
            && k == kind
            && !out.iter().any(|(v, _)| v == value)
        {
            out.push((value.to_owned(), line));
        }
    }
    out
}

/// A citation of line `line` of the policy file.
fn line_cite(f: &Finding, line: u32) -> Cite {
    let path = detail_str(f, detail::PATH).unwrap_or_default();
    let href = f
        .evidence
        .iter()
        .find(|e| e.path == path && e.line == Some(line))
        .and_then(|e| cite_of(e).and_then(|c| c.href))
        .or_else(|| {
            f.evidence
                .iter()
                .filter(|e| e.path == path)
                .find_map(|e| e.url.as_ref())
                .and_then(|u| u.split_once('#').map(|(base, _)| format!("{base}#L{line}")))
        })
        .or_else(|| Some(format!("{path}#L{line}")));
    Cite {
        label: format!("{path}:{line}"),
        href,
    }
}

/// One statement per kind of address that is not a reporting channel, naming what it is.
fn other_contacts(f: &Finding, has_channel: bool) -> Vec<Statement> {
    let mut items = Vec::new();
    // Without a channel of its own, the policy's links elsewhere are already stated.
    let other_policies = if has_channel {
        Some((
            ContactKind::OtherPolicy,
            "It links to security policies kept elsewhere",
        ))
    } else {
        None
    };
    for (kind, what) in [
        (
            ContactKind::Distributors,
            "It names a distributors' list that gets early, embargoed notice (not a reporting channel)",
        ),
        (
            ContactKind::Team,
            "It gives the team's own address for other matters (not for reports)",
        ),
        (
            ContactKind::Announcements,
            "It names where security notices are announced",
        ),
        (
            ContactKind::Advisories,
            "It names where fixed vulnerabilities are published as advisories",
        ),
        (
            ContactKind::PublicChannel,
            "It names public channels (anything posted there is public)",
        ),
        (
            ContactKind::IssueTracker,
            "It names the public issue tracker (public, not a private channel)",
        ),
    ]
    .into_iter()
    .chain(other_policies)
    {
        let found = contacts_of(f, kind);
        if found.is_empty() {
            continue;
        }
        let values: Vec<&str> = found.iter().map(|(v, _)| v.as_str()).collect();
        let mut lines: Vec<u32> = found.iter().map(|(_, l)| *l).collect();
        lines.sort_unstable();
        lines.dedup();
        let cites = lines.into_iter().map(|l| line_cite(f, l)).collect();
        items.push(stmt(format!("{what}: {}", values.join(", ")), cites));
    }
    items
}

fn has_aspect(f: &Finding, aspect: A) -> bool {
    f.details
        .get(aspect.key())
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// Supported versions stated in a release document, quoted and cited.
fn supported_versions_elsewhere(f: &Finding) -> Option<Statement> {
    let q = f.details.get(detail::SUPPORTED_VERSIONS_ELSEWHERE)?;
    let path = q.get("path").and_then(Value::as_str)?;
    let line = q
        .get("line")
        .and_then(Value::as_u64)
        .and_then(|l| u32::try_from(l).ok())?;
    let text = q.get("text").and_then(Value::as_str)?;
    // Pin the link like the policy's own evidence: swap the file in its forge URL.
    let policy_path = detail_str(f, detail::PATH).unwrap_or_default();
    let href = f
        .evidence
        .iter()
        .find(|e| !policy_path.is_empty() && e.path == policy_path)
        .and_then(|e| e.url.as_deref())
        .and_then(|u| u.split_once('#').map_or(Some(u), |(base, _)| Some(base)))
        .and_then(|base| base.strip_suffix(policy_path))
        .map_or_else(
            || format!("{path}#L{line}"),
            |root| format!("{root}{path}#L{line}"),
        );
    Some(stmt(
        format!("{path} states which versions receive fixes: \"{text}\""),
        vec![Cite {
            label: format!("{path}:{line}"),
            href: Some(href),
        }],
    ))
}

/// The statement of where the policy asks reporters to go, or that it defers elsewhere.
fn where_to_report(f: &Finding, path: &str, channels: &[String]) -> Option<Statement> {
    if channels.is_empty() {
        let elsewhere = detail_list(f, detail::POINTS_TO);
        if !elsewhere.is_empty() {
            let lines: Vec<Cite> = contacts_of(f, ContactKind::OtherPolicy)
                .into_iter()
                .map(|(_, l)| line_cite(f, l))
                .collect();
            return Some(stmt(
                format!(
                    "{path} defers to a policy kept elsewhere: {}",
                    elsewhere.join(", ")
                ),
                if lines.is_empty() { cites(f) } else { lines },
            ));
        }
        None
    } else {
        let lines = contacts_of(f, ContactKind::Reporting);
        let cites = if lines.is_empty() {
            policy_cite(f, A::ReportingChannel)
        } else {
            let mut ls: Vec<u32> = lines.iter().map(|(_, l)| *l).collect();
            ls.sort_unstable();
            ls.dedup();
            ls.into_iter().map(|l| line_cite(f, l)).collect()
        };
        let where_ = match detail_str(f, detail::SECTION) {
            Some(section) => format!("The \"{section}\" section of {path}"),
            None => path.to_owned(),
        };
        Some(stmt(
            format!(
                "{where_} asks reporters to send vulnerability reports to {}",
                channels.join(" or ")
            ),
            cites,
        ))
    }
}

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("security-issue-resolution");
    let mut disclosure = sec("responsible-disclosures-process");
    let mut response = sec("vulnerability-response-process");
    let mut incident = sec("incident-response");
    let policy = x.get(&v::SECURITY_POLICY);
    match policy.filter(|f| matches!(f.status, Status::Present | Status::Partial)) {
        Some(f) => {
            let path = detail_str(f, detail::PATH)
                .unwrap_or("the security policy")
                .to_owned();
            let channels = reporting_channels(f);
            let mut items: Vec<Statement> =
                where_to_report(f, &path, &channels).into_iter().collect();
            for (aspect, text) in [
                (A::Disclosure, "On disclosure and embargo it says"),
                (A::PgpKey, "It offers a PGP key for encrypted reports"),
                (A::BugBounty, "It mentions a bug bounty"),
            ] {
                if has_aspect(f, aspect) {
                    items.push(stmt(quoted(text, f, aspect), policy_cite(f, aspect)));
                }
            }
            items.extend(other_contacts(f, !channels.is_empty()));
            disclosure.blocks.extend(list(None, items));
            if channels.is_empty() {
                disclosure.blocks.push(question(format!(
                    "{path} names no reporting channel. Which private address or form should a reporter use?"
                )));
            }
            if !has_aspect(f, A::Disclosure) {
                disclosure.blocks.push(question(format!(
                    "{path} does not say when and how a vulnerability becomes public. What is the disclosure timeline, and is there an embargo for downstream distributors?"
                )));
            }

            let mut items = Vec::new();
            for (aspect, text) in [
                (A::ResponseTeam, "It names who handles reports"),
                (
                    A::ResponseTimes,
                    "It states how quickly reports are answered",
                ),
                (A::SeverityRating, "It explains how severity is rated"),
                (A::PrivateFix, "It says fixes are prepared in private"),
                (A::ReporterCredit, "It credits reporters"),
            ] {
                if has_aspect(f, aspect) {
                    items.push(stmt(quoted(text, f, aspect), policy_cite(f, aspect)));
                }
            }
            response
                .blocks
                .extend(list(Some(&format!("What {path} says")), items));
            for (aspect, ask) in [
                (A::ResponseTeam, format!("Who on the {p} team receives and triages security reports, and who stands in when they are away?")),
                (A::ResponseTimes, format!("{path} gives no response times. How soon is a report acknowledged, and how soon is a fix expected?")),
                (A::SeverityRating, format!("How does {p} rate the severity of a report (CVSS or its own scale)?")),
                (A::PrivateFix, "Where is a fix developed before disclosure (a private fork, a draft advisory)?".to_owned()),
            ] {
                if !has_aspect(f, aspect) {
                    response.blocks.push(question(ask));
                }
            }

            let mut items = Vec::new();
            for (aspect, text) in [
                (
                    A::SupportedVersions,
                    "It states which versions receive security fixes",
                ),
                (A::CveHandling, "On CVEs and advisories it says"),
            ] {
                if has_aspect(f, aspect) {
                    items.push(stmt(quoted(text, f, aspect), policy_cite(f, aspect)));
                }
            }
            incident
                .blocks
                .extend(list(Some(&format!("What {path} says")), items));
            let elsewhere = supported_versions_elsewhere(f);
            let answered = elsewhere.is_some();
            incident
                .blocks
                .extend(list(None, elsewhere.into_iter().collect()));
            if !has_aspect(f, A::SupportedVersions) && !answered {
                incident.blocks.push(question(format!(
                    "Which {p} releases receive security fixes, and for how long?"
                )));
            }
        }
        None if policy.is_some_and(|f| f.status == Status::Unknown && !f.evidence.is_empty()) => {
            // The README (or an unreadable file) points at a policy this checkout cannot show.
            let f = policy.map(said).into_iter().collect();
            disclosure.blocks.extend(list(None, f));
            disclosure.blocks.push(question(format!(
                "Which reporting channel does that policy give for {p}, and does it cover this repository? Quote it here, or add a SECURITY.md that links to it."
            )));
            response.blocks.push(question(format!(
                "Who receives security reports for {p}, how quickly do they respond, and how is a fix prepared before disclosure?"
            )));
        }
        None => {
            disclosure.blocks.push(question(format!(
                "No security policy was found (SECURITY.md at the root, in .github/ or docs/). How should someone report a vulnerability in {p} privately? Adding a SECURITY.md with that answer is the first step."
            )));
            response.blocks.push(question(format!(
                "Who receives security reports for {p}, how quickly do they respond, and how is a fix prepared before disclosure?"
            )));
        }
    }
    if let Some(f) = policy.filter(|f| !matches!(f.status, Status::Present | Status::Partial))
        && let Some(st) = supported_versions_elsewhere(f)
    {
        incident.blocks.extend(list(None, vec![st]));
    }
    for kind in [&v::SECURITY_CONTACTS, &v::SECURITY_TXT] {
        if let Some(f) = x.found(kind) {
            response.blocks.push(Block::Statement(said(f)));
        }
    }
    incident.blocks.push(question(format!(
        "When an incident or vulnerability is confirmed, how does {p} triage it, notify users and downstream packagers, and ship the patched release?"
    )));
    s.sections = vec![disclosure, response, incident];
    s
}

#[cfg(test)]
mod tests {
    use assay_model::{
        Category, Evidence, Finding, Repository, SCHEMA_VERSION, ScanReport, Status, Tool,
    };
    use serde_json::json;

    fn draft(policy: Finding) -> String {
        let report = ScanReport {
            schema_version: SCHEMA_VERSION.into(),
            tool: Tool {
                name: "assay".into(),
                version: "test".into(),
            },
            repository: Repository {
                root: ".".into(),
                commit: None,
                remote: None,
                url: None,
            },
            findings: vec![policy],
        };
        crate::markdown::render(&crate::build(&report, "widget"))
    }

    fn policy() -> Finding {
        let mut f = Finding::new(
            "policy.security-file",
            Category::Policy,
            "security-policy",
            "Security policy SECURITY.md gives a reporting channel",
            Status::Present,
        )
        .with_detail("path", "SECURITY.md")
        .with_detail(
            "reporting_channels",
            json!(["https://github.com/o/r/security/advisories/new"]),
        )
        .with_detail(
            "contacts",
            json!([
                {"kind": "reporting", "value": "https://github.com/o/r/security/advisories/new", "line": 7},
                {"kind": "team", "value": "team@r.test", "line": 11},
                {"kind": "distributors", "value": "distributors@r.test", "line": 14},
            ]),
        )
        .with_detail("response_times", true)
        .with_detail(
            "aspect_quotes",
            json!({"response_times": {"line": 8, "text": "Reports are acknowledged within 3 business days."}}),
        )
        .with_detail("aspect_lines", json!({"reporting_channel": 7, "response_times": 8}));
        f.evidence = vec![
            Evidence::at("SECURITY.md", 7, "Please report it via [the form](…)"),
            Evidence::at(
                "SECURITY.md",
                8,
                "Reports are acknowledged within 3 business days.",
            ),
        ];
        f
    }

    #[test]
    fn the_draft_states_only_the_reporting_channel_as_one_and_names_the_other_addresses() {
        let md = draft(policy());
        let asks = md
            .lines()
            .find(|l| l.contains("asks reporters"))
            .expect("a reporting statement");
        assert!(asks.contains("security/advisories/new"), "{asks}");
        assert!(!asks.contains("team@r.test") && !asks.contains("distributors@r.test"));
        assert!(md.lines().any(|l| l.contains("distributors' list")
            && l.contains("distributors@r.test")
            && l.contains("SECURITY.md:14")));
        assert!(
            md.lines()
                .any(|l| l.contains("not for reports") && l.contains("team@r.test"))
        );
    }

    #[test]
    fn a_quoted_aspect_is_the_whole_sentence_in_plain_text() {
        let md = draft(policy());
        assert!(md.contains(
            "It states how quickly reports are answered: \"Reports are acknowledged within 3 business days.\""
        ));
        // No other aspect is claimed without a sentence that says it.
        assert!(!md.contains("It credits reporters"));
        assert!(!md.contains("It explains how severity is rated"));
    }
}
