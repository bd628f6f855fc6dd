//! A Security Insights v2.2.0 document filled from a scan. Each value comes from a
//! finding or a file line, named in a comment above it; what a checkout cannot show is
//! either a commented-out field or, where the schema requires a value, a `TODO:` value or
//! a conservative one with a `TODO:` note. The result always passes [`super::validate`].

use assay_model::detail::{self, PolicyAspect};
use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Category, Evidence, Finding, Forge, ScanReport, Status};
use serde_json::Value;

use super::emit::{self, Notes, TODO};
use super::model::{
    Assessment, Assessments, Contact, Header, License, Link, Project, ProjectDocumentation,
    ProjectRepository, ReleaseDetails, Repository, RepositoryDocumentation, SecurityInsights,
    SecurityPosture, VulnerabilityReporting,
};
use super::people::CoreTeam;
use super::schema::VERSION;
use super::tools;

/// The file name the document is written for, at the repository root.
pub const FILE_NAME: &str = "SECURITY-INSIGHTS.yml";

/// What the writer works from.
pub struct Facts<'a> {
    pub report: &'a ScanReport,
    /// The repository's forge address (from its remote, or given by the user).
    pub forge: &'a Forge,
    pub team: &'a CoreTeam,
    /// `YYYY-MM-DD` for `last-updated` and `last-reviewed`.
    pub date: &'a str,
    /// Where the date came from, for its comment.
    pub date_source: &'a str,
    /// Workflow files whose name says they release, sorted.
    pub release_workflows: &'a [String],
}

/// The written document and how many fields it leaves to the maintainer.
pub struct Written {
    pub text: String,
    pub todo: usize,
}

pub(super) struct Ctx<'a> {
    pub facts: &'a Facts<'a>,
    pub notes: Notes,
}

impl Ctx<'_> {
    /// A finding of this kind that shows the thing (present or partial).
    pub fn found(&self, kind: &FindingKind) -> Option<&Finding> {
        self.facts
            .report
            .findings
            .iter()
            .find(|f| f.id == kind.id && matches!(f.status, Status::Present | Status::Partial))
    }

    /// A link to a file of the repository as it is on the default branch.
    pub fn link(&self, path: &str) -> String {
        self.facts.forge.blob_url("HEAD", path, None)
    }

    /// The first file a finding cites, with its link and a note above `at`.
    fn file_link(&mut self, kind: &FindingKind, at: &str) -> Option<String> {
        let e = self.found(kind).and_then(first_file)?.clone();
        self.notes.above(at, format!("from {}", cite(&e)));
        Some(self.link(&e.path))
    }
}

/// `path:line`, or the path alone.
pub fn cite(e: &Evidence) -> String {
    match (e.path.is_empty(), e.line, &e.commit) {
        (false, Some(l), _) => format!("{}:{l}", e.path),
        (false, None, _) => e.path.clone(),
        (true, _, Some(c)) => format!("commit {c}"),
        (true, _, None) => "the scan".into(),
    }
}

pub fn first_file(f: &Finding) -> Option<&Evidence> {
    f.evidence.iter().find(|e| !e.path.is_empty())
}

/// Fill the document.
pub fn write(facts: &Facts) -> Written {
    let mut cx = Ctx {
        facts,
        notes: Notes::default(),
    };
    let doc = SecurityInsights {
        header: header(&mut cx),
        project: Some(project(&mut cx)),
        repository: Some(repository(&mut cx)),
    };
    let value = serde_json::to_value(&doc).unwrap_or(Value::Null);
    let commit = facts
        .report
        .repository
        .commit
        .as_deref()
        .unwrap_or("(not a git commit)");
    let mut intro = vec![
        format!("Security Insights {VERSION}, written by assay from the repository at {commit}."),
        "Each value names where it came from. Lines marked TODO are for the maintainers: the repository cannot show them.".to_owned(),
        "Check every value before publishing; `assay lint` on this file validates it.".to_owned(),
    ];
    let existing = facts
        .report
        .findings
        .iter()
        .find(|f| f.id == v::SECURITY_INSIGHTS.id && f.status == Status::Present)
        .and_then(first_file);
    if let Some(e) = existing {
        intro.push(format!(
            "The repository already has {}: carry over what its maintainers wrote by hand (`assay lint` it to see its format).",
            e.path
        ));
    }
    Written {
        text: emit::emit(&value, &cx.notes, &intro),
        todo: cx.notes.todo_count(),
    }
}

fn raw_url(forge: &Forge) -> String {
    let web = forge.web_url();
    match web.strip_prefix("https://github.com/") {
        Some(rest) => format!("https://raw.githubusercontent.com/{rest}/HEAD/{FILE_NAME}"),
        None => forge.blob_url("HEAD", FILE_NAME, None),
    }
}

fn header(cx: &mut Ctx) -> Header {
    let f = cx.facts;
    let n = &mut cx.notes;
    n.above(
        "header.last-updated",
        format!(
            "{}; set both dates to the day you review this file",
            f.date_source
        ),
    );
    n.above(
        "header.url",
        format!("where {FILE_NAME} will be served once committed at the repository root"),
    );
    Header {
        schema_version: VERSION.to_owned(),
        last_updated: f.date.to_owned(),
        last_reviewed: f.date.to_owned(),
        url: raw_url(f.forge),
        comment: None,
        project_si_source: None,
    }
}

fn repo_name(forge: &Forge) -> String {
    forge
        .web_url()
        .rsplit('/')
        .next()
        .map(assay_model::clean_excerpt)
        .unwrap_or_default()
}

fn project(cx: &mut Ctx) -> Project {
    let web = cx.facts.forge.web_url().to_owned();
    let name = repo_name(cx.facts.forge);
    let n = &mut cx.notes;
    n.above(
        "project.name",
        "the repository's name; write the project's own name if it differs",
    );
    n.above("project.administrators", format!("{TODO} list the people with administrative access to the project's forge organisation and repositories; no file in the checkout shows that"));
    n.todo(
        "project",
        "homepage",
        "the project's website, if it has one besides the repository",
    );
    n.todo(
        "project",
        "funding",
        "where sponsorship or donations are described, if anywhere",
    );
    n.todo(
        "project",
        "steward",
        "the organisation that supports the project over time (uri and comment), if any",
    );
    let roadmap = cx.file_link(&v::ROADMAP, "project.roadmap");
    if roadmap.is_none() {
        cx.notes.todo(
            "project",
            "roadmap",
            "a roadmap, if one is kept outside the repository",
        );
    }
    Project {
        name: name.clone(),
        homepage: None,
        roadmap,
        funding: None,
        steward: None,
        administrators: vec![Contact {
            name: format!("{TODO} name of a project administrator"),
            primary: true,
            affiliation: None,
            email: None,
            social: None,
        }],
        repositories: vec![ProjectRepository {
            name,
            comment: "The repository this file describes; add the project's other repositories."
                .into(),
            url: web,
        }],
        vulnerability_reporting: reporting(cx),
        documentation: Some(project_docs(cx)),
    }
}

fn policy_link(cx: &mut Ctx, policy: &Finding) -> Option<String> {
    let at = "project.vulnerability-reporting.policy";
    if let Some(path) = policy.details.get(detail::PATH).and_then(Value::as_str) {
        cx.notes.above(at, format!("from {path}"));
        return Some(cx.link(path));
    }
    let url = policy
        .details
        .get(detail::POINTS_TO)
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .filter(|u| super::validate::is_url(u))?;
    if let Some(e) = first_file(policy) {
        cx.notes
            .above(at, format!("the policy {} points to", cite(e)));
    }
    Some(url.to_owned())
}

/// The line stating an aspect of the policy, when the policy states it.
fn aspect_line(f: &Finding, aspect: PolicyAspect) -> Option<u64> {
    f.details
        .get(detail::ASPECT_LINES)
        .and_then(|l| l.get(aspect.key()))
        .and_then(Value::as_u64)
}

fn reporting(cx: &mut Ctx) -> VulnerabilityReporting {
    let at = "project.vulnerability-reporting";
    let Some(policy) = cx.found(&v::SECURITY_POLICY).cloned() else {
        cx.notes.above(&format!("{at}.reports-accepted"), format!("{TODO} no security policy was found; say whether and how the project takes vulnerability reports"));
        cx.notes.above(
            &format!("{at}.bug-bounty-available"),
            format!("{TODO} confirm: nothing in the repository mentions a bug bounty"),
        );
        return VulnerabilityReporting {
            reports_accepted: false,
            bug_bounty_available: false,
            bug_bounty_program: None,
            contact: None,
            comment: None,
            policy: None,
            pgp_key: None,
            in_scope: None,
            out_of_scope: None,
        };
    };
    let path = policy
        .details
        .get(detail::PATH)
        .and_then(Value::as_str)
        .unwrap_or("the security policy")
        .to_owned();
    let channel = aspect_line(&policy, PolicyAspect::ReportingChannel);
    let channels: Vec<String> = policy
        .details
        .get(detail::REPORTING_CHANNELS)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(assay_model::clean_excerpt)
                .collect()
        })
        .unwrap_or_default();
    let accepted = channel.is_some() || !channels.is_empty();
    cx.notes.above(
        &format!("{at}.reports-accepted"),
        if accepted {
            match channel {
                Some(l) => format!("{path}:{l} gives a reporting channel"),
                None => format!("{path} gives a reporting channel"),
            }
        } else {
            match policy
                .details
                .get(detail::POINTS_TO)
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .and_then(Value::as_str)
            {
                Some(url) => format!(
                    "{TODO} {path} points to {} for its policy; confirm whether reports are accepted there",
                    assay_model::clean_excerpt(url)
                ),
                None => format!(
                    "{TODO} {path} names no reporting channel; confirm whether reports are accepted"
                ),
            }
        },
    );
    let bounty = aspect_line(&policy, PolicyAspect::BugBounty);
    cx.notes.above(
        &format!("{at}.bug-bounty-available"),
        match bounty {
            Some(l) => format!(
                "{path}:{l} mentions a bug bounty; link the programme in bug-bounty-program"
            ),
            None => format!("{TODO} confirm: {path} mentions no bug bounty"),
        },
    );
    if let Some(l) = aspect_line(&policy, PolicyAspect::PgpKey) {
        cx.notes.todo(
            at,
            "pgp-key",
            format!("{path}:{l} mentions a PGP key; paste the public key or its fingerprint"),
        );
    }
    let email = policy
        .details
        .get(detail::REPORTING_EMAILS)
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .filter(|e| super::validate::is_email(e))
        .map(str::to_owned);
    if email.is_some() {
        cx.notes.above(
            &format!("{at}.contact"),
            format!("the first reporting address {path} gives"),
        );
    }
    let comment = (!channels.is_empty()).then(|| {
        cx.notes.above(
            &format!("{at}.comment"),
            format!("the reporting channels {path} names, in its order"),
        );
        format!("Report vulnerabilities through: {}.", channels.join(", "))
    });
    VulnerabilityReporting {
        reports_accepted: accepted,
        bug_bounty_available: bounty.is_some(),
        bug_bounty_program: None,
        contact: email.map(|e| Contact {
            name: e.clone(),
            primary: true,
            affiliation: None,
            email: Some(e),
            social: None,
        }),
        comment,
        policy: policy_link(cx, &policy),
        pgp_key: None,
        in_scope: None,
        out_of_scope: None,
    }
}

fn project_docs(cx: &mut Ctx) -> ProjectDocumentation {
    let at = "project.documentation";
    let docs = ProjectDocumentation {
        design: cx.file_link(&v::ARCHITECTURE, &format!("{at}.design")),
        code_of_conduct: cx.file_link(&v::CODE_OF_CONDUCT, &format!("{at}.code-of-conduct")),
        support_policy: cx.file_link(&v::SUPPORT, &format!("{at}.support-policy")),
        signature_verification: cx.file_link(
            &v::DOCS_SUPPLY_CHAIN,
            &format!("{at}.signature-verification"),
        ),
        ..ProjectDocumentation::default()
    };
    cx.notes
        .todo(at, "detailed-guide", "the project's main documentation");
    cx.notes
        .todo(at, "quickstart-guide", "a getting-started guide");
    cx.notes.todo(
        at,
        "release-process",
        "how releases are planned and published",
    );
    docs
}

fn repository(cx: &mut Ctx) -> Repository {
    let at = "repository";
    let status = match cx
        .found(&v::ACTIVITY)
        .and_then(|f| f.evidence.first())
        .cloned()
    {
        Some(e) => {
            cx.notes.above(
                &format!("{at}.status"),
                format!("commits in the year before the scanned commit: {}; whether work continues today is for the maintainers to confirm", cite(&e)),
            );
            "active"
        }
        None => {
            cx.notes.above(
                &format!("{at}.status"),
                format!("{TODO} confirm: the history could not be read"),
            );
            "active"
        }
    };
    let contributing = cx.found(&v::CONTRIBUTING).and_then(first_file).cloned();
    match &contributing {
        Some(e) => cx.notes.above(
            &format!("{at}.accepts-change-request"),
            format!("{} explains how to contribute", cite(e)),
        ),
        None => cx.notes.above(
            &format!("{at}.accepts-change-request"),
            format!("{TODO} confirm: no contribution guide was found"),
        ),
    }
    let bot = cx
        .facts
        .report
        .findings
        .iter()
        .find(|f| f.category == Category::DepsUpdate && f.status == Status::Present)
        .and_then(first_file)
        .cloned();
    match &bot {
        Some(e) => cx.notes.above(
            &format!("{at}.accepts-automated-change-request"),
            format!("{} configures a dependency-update bot", cite(e)),
        ),
        None => cx.notes.above(
            &format!("{at}.accepts-automated-change-request"),
            format!("{TODO} confirm: no dependency-update bot configuration was found"),
        ),
    }
    Repository {
        status: status.to_owned(),
        url: cx.facts.forge.web_url().to_owned(),
        accepts_change_request: contributing.is_some(),
        accepts_automated_change_request: bot.is_some(),
        bug_fixes_only: None,
        no_third_party_packages: None,
        core_team: core_team(cx),
        license: license(cx),
        security: security(cx),
        documentation: Some(repo_docs(cx)),
        release: release(cx),
    }
}

fn core_team(cx: &mut Ctx) -> Vec<Contact> {
    let at = "repository.core-team";
    let team = cx.facts.team;
    let github = cx.facts.forge.web_url().starts_with("https://github.com/");
    if team.people.is_empty() {
        let teams: Vec<String> = team
            .teams
            .iter()
            .map(|(p, l, t)| format!("{t} ({p}:{l})"))
            .collect();
        let why = if teams.is_empty() {
            "no MAINTAINERS, OWNERS or CODEOWNERS file in the repository lists people".to_owned()
        } else {
            format!("the repository names only teams: {}", teams.join(", "))
        };
        cx.notes
            .above(at, format!("{TODO} list the core team; {why}"));
        return vec![Contact {
            name: format!("{TODO} name of a core team member"),
            primary: true,
            affiliation: None,
            email: None,
            social: None,
        }];
    }
    cx.notes
        .above(at, "set primary: true on the first point of contact");
    team.people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            cx.notes
                .above(&format!("{at}[{i}]"), format!("{}:{}", p.path, p.line));
            Contact {
                name: p
                    .name
                    .clone()
                    .or_else(|| p.handle.clone())
                    .or_else(|| p.email.clone())
                    .unwrap_or_default(),
                primary: false,
                affiliation: p.affiliation.clone(),
                email: p.email.clone(),
                social: p
                    .handle
                    .as_ref()
                    .filter(|_| github)
                    .map(|h| format!("https://github.com/{h}")),
            }
        })
        .collect()
}

fn license(cx: &mut Ctx) -> License {
    let at = "repository.license";
    let found = cx.found(&v::LICENSE).cloned();
    let spdx = found
        .as_ref()
        .and_then(|f| f.details.get(detail::SPDX))
        .and_then(Value::as_str)
        .filter(|s| super::validate::is_spdx_expression(s));
    let file = found.as_ref().and_then(first_file);
    let expression = match (spdx, file) {
        (Some(s), Some(e)) => {
            cx.notes
                .above(&format!("{at}.expression"), format!("from {}", cite(e)));
            s.to_owned()
        }
        _ => {
            cx.notes.above(
                &format!("{at}.expression"),
                format!("{TODO} the licence could not be identified from the repository"),
            );
            "NOASSERTION".to_owned()
        }
    };
    let url = match file {
        Some(e) => cx.link(&e.path),
        None => {
            cx.notes.above(
                &format!("{at}.url"),
                format!("{TODO} link the licence text"),
            );
            cx.facts.forge.web_url().to_owned()
        }
    };
    License { url, expression }
}

fn security(cx: &mut Ctx) -> SecurityPosture {
    let at = "repository.security.assessments";
    let own = match cx.found(&v::SELF_ASSESSMENT).and_then(first_file).cloned() {
        Some(e) => {
            cx.notes
                .above(&format!("{at}.self"), format!("from {}", cite(&e)));
            Assessment {
                comment: "A security self-assessment is kept in the repository.".into(),
                name: None,
                evidence: Some(cx.link(&e.path)),
                date: None,
            }
        }
        None => Assessment {
            comment: "No security self-assessment was found in the repository.".into(),
            name: None,
            evidence: None,
            date: None,
        },
    };
    let audits: Vec<Evidence> = cx
        .found(&v::SECURITY_AUDIT)
        .map(|f| {
            f.evidence
                .iter()
                .filter(|e| !e.path.is_empty())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let third_party: Vec<Assessment> = audits
        .iter()
        .enumerate()
        .map(|(i, e)| {
            cx.notes.above(
                &format!("{at}.third-party[{i}]"),
                format!("from {}; add its date and auditor", cite(e)),
            );
            Assessment {
                comment: "A security audit report kept in the repository.".into(),
                name: None,
                evidence: Some(cx.link(&e.path)),
                date: None,
            }
        })
        .collect();
    cx.notes.todo(
        "repository.security",
        "champions",
        "people who take the lead on security, if the project names any",
    );
    SecurityPosture {
        assessments: Assessments {
            own,
            third_party: (!third_party.is_empty()).then_some(third_party),
        },
        champions: None,
        tools: tools::tools(cx),
    }
}

fn repo_docs(cx: &mut Ctx) -> RepositoryDocumentation {
    let at = "repository.documentation";
    let security_policy = cx
        .found(&v::SECURITY_POLICY)
        .and_then(|f| f.details.get(detail::PATH))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let security_policy = security_policy.map(|p| {
        cx.notes
            .above(&format!("{at}.security-policy"), format!("from {p}"));
        cx.link(&p)
    });
    let docs = RepositoryDocumentation {
        contributing_guide: cx.file_link(&v::CONTRIBUTING, &format!("{at}.contributing-guide")),
        governance: cx.file_link(&v::GOVERNANCE, &format!("{at}.governance")),
        review_policy: cx.file_link(&v::APPROVAL_RULE, &format!("{at}.review-policy")),
        security_policy,
        dependency_management_policy: None,
    };
    cx.notes.todo(
        at,
        "dependency-management-policy",
        "how dependencies are chosen and kept up to date",
    );
    docs
}

fn release(cx: &mut Ctx) -> Option<ReleaseDetails> {
    let at = "repository.release";
    let releases = cx.found(&v::RELEASES)?.clone();
    let tags = releases
        .details
        .get(detail::VERSION_TAGS)
        .and_then(Value::as_u64)
        .unwrap_or(0);
    if tags == 0 {
        return None;
    }
    // The newest tag the history lists first.
    let newest = releases
        .details
        .get(detail::RECENT)
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(|r| r.get("tag"))
        .and_then(Value::as_str)
        .map(|t| format!("tag {}", assay_model::clean_excerpt(t)));
    let pipeline = cx
        .facts
        .report
        .findings
        .iter()
        .find(|f| f.category == Category::Release && f.status == Status::Present)
        .and_then(|f| {
            // A release workflow's line says more than a dry run in a pull-request check.
            f.evidence
                .iter()
                .find(|e| super::tools::is_release_workflow(&e.path))
                .or_else(|| first_file(f))
        })
        .cloned();
    let workflow = cx.facts.release_workflows.first();
    let note = match (&pipeline, workflow) {
        (Some(e), _) => format!("a release tool is configured at {}", cite(e)),
        (None, Some(w)) => {
            format!("the workflow {w} is named for releasing; confirm that it publishes them")
        }
        (None, None) => format!("{TODO} confirm: no release tool or release workflow was found"),
    };
    cx.notes.above(&format!("{at}.automated-pipeline"), note);
    cx.notes.above(&format!("{at}.distribution-points"), format!("{tags} version tags in the scanned window{}; add package registries and image repositories", newest.map(|n| format!(", e.g. {n}")).unwrap_or_default()));
    let changelog = cx.file_link(&v::CHANGELOG, &format!("{at}.changelog"));
    if cx
        .facts
        .report
        .findings
        .iter()
        .any(|f| f.category == Category::Provenance && f.status == Status::Present)
    {
        cx.notes.todo(
            at,
            "attestations",
            "the build provenance the release workflow publishes (name, location, predicate-uri)",
        );
    }
    Some(ReleaseDetails {
        automated_pipeline: pipeline.is_some() || workflow.is_some(),
        distribution_points: vec![Link {
            uri: format!("{}/releases", cx.facts.forge.web_url()),
            comment: "Releases on the forge, one per version tag.".into(),
        }],
        changelog,
        license: None,
        attestations: None,
    })
}
