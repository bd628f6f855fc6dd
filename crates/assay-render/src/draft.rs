//! Build a self-assessment draft from scan findings: every statement cited, every gap a
//! specific question or a next step.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use assay_model::outline::section as outline;
use assay_model::{
    ASSESSMENT_SCHEMA_VERSION, Assessment, Block, Category, Cell, Cite, Evidence, Finding,
    ScanReport, Section, Statement, Status,
};
use regex::Regex;
use serde_json::Value;

/// Channel names and addresses quoted in a cited line: `#project-dev`, `list@lists.x.io`.
static CHANNEL_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s\[(>*])(#[A-Za-z0-9][A-Za-z0-9_-]{1,40})\b|\b([A-Za-z0-9][A-Za-z0-9._+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Cites per statement; the scan JSON keeps the rest.
const CITES: usize = 3;

struct Facts<'a> {
    report: &'a ScanReport,
    by_id: HashMap<&'a str, &'a Finding>,
    project: String,
}

impl<'a> Facts<'a> {
    fn new(report: &'a ScanReport, project: &str) -> Facts<'a> {
        Facts {
            report,
            by_id: report.findings.iter().map(|f| (f.id.as_str(), f)).collect(),
            project: project.to_owned(),
        }
    }

    fn get(&self, id: &str) -> Option<&'a Finding> {
        self.by_id.get(id).copied()
    }

    /// The finding when it shows something (present or partial).
    fn found(&self, id: &str) -> Option<&'a Finding> {
        self.get(id)
            .filter(|f| matches!(f.status, Status::Present | Status::Partial))
    }

    fn found_in(&self, category: Category) -> Vec<&'a Finding> {
        self.report
            .findings
            .iter()
            .filter(|f| f.category == category)
            .filter(|f| matches!(f.status, Status::Present | Status::Partial))
            .filter(|f| f.id.contains('.'))
            .collect()
    }

    fn absent(&self, id: &str) -> bool {
        self.get(id).is_some_and(|f| f.status == Status::Absent)
    }
}

fn detail_str<'f>(f: &'f Finding, key: &str) -> Option<&'f str> {
    f.details.get(key).and_then(Value::as_str)
}

fn detail_list(f: &Finding, key: &str) -> Vec<String> {
    f.details
        .get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn cite_of(e: &Evidence) -> Option<Cite> {
    if let Some(commit) = &e.commit {
        let label = match commit.split_once("..") {
            Some((a, b)) => format!("{}..{}", short(a), short(b)),
            None => short(commit),
        };
        return Some(Cite {
            label,
            href: e.url.clone(),
        });
    }
    if e.path.is_empty() {
        return None;
    }
    let label = match e.line {
        Some(l) => format!("{}:{l}", e.path),
        None => e.path.clone(),
    };
    let href = e.url.clone().or_else(|| {
        Some(match e.line {
            Some(l) => format!("{}#L{l}", e.path),
            None => e.path.clone(),
        })
    });
    Some(Cite { label, href })
}

fn short(c: &str) -> String {
    c.get(..10).unwrap_or(c).to_owned()
}

fn cites(f: &Finding) -> Vec<Cite> {
    let mut out: Vec<Cite> = Vec::new();
    for c in f.evidence.iter().filter_map(cite_of) {
        if out.len() == CITES {
            break;
        }
        if !out.iter().any(|o| o.label == c.label) {
            out.push(c);
        }
    }
    out
}

fn stmt(text: impl Into<String>, cites: Vec<Cite>) -> Statement {
    Statement {
        text: text.into(),
        cites,
    }
}

/// A finding's own title as a cited statement.
fn said(f: &Finding) -> Statement {
    stmt(f.title.clone(), cites(f))
}

fn question(text: impl Into<String>) -> Block {
    Block::Question { text: text.into() }
}

fn list(lead: Option<&str>, items: Vec<Statement>) -> Option<Block> {
    (!items.is_empty()).then(|| Block::List {
        lead: lead.map(str::to_owned),
        items,
    })
}

fn sec(id: &str) -> Section {
    let o = outline(id);
    let heading = o.map_or(id, |o| o.heading);
    let level = o.map_or(2, |o| o.depth + 1);
    Section::new(id, heading, level)
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        cites: Vec::new(),
        question: None,
    }
}

/// Build the draft. `project` is the name to write (from the forge or the folder).
pub fn build(report: &ScanReport, project: &str) -> Assessment {
    let facts = Facts::new(report, project);
    let sections = vec![
        metadata(&facts),
        overview(&facts),
        self_assessment_use(&facts),
        security_functions(&facts),
        compliance(&facts),
        development(&facts),
        issue_resolution(&facts),
        appendix(&facts),
        gaps(&facts),
    ];
    Assessment {
        schema_version: ASSESSMENT_SCHEMA_VERSION.to_owned(),
        project: project.to_owned(),
        repository: report.repository.clone(),
        title: format!("{project} Self-assessment"),
        sections,
    }
}

fn metadata(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("metadata");
    let software = match &x.report.repository.url {
        Some(url) => Cell {
            text: url.clone(),
            cites: Vec::new(),
            question: None,
        },
        None => Cell {
            text: String::new(),
            cites: Vec::new(),
            question: Some(format!(
                "The checkout has no remote on a known forge. What is the public URL of {p}'s repository?"
            )),
        },
    };
    let languages = match x.found("ecosystem.languages") {
        Some(f) => Cell {
            text: f
                .details
                .get("languages")
                .and_then(Value::as_array)
                .map(|ls| {
                    ls.iter()
                        .filter(|l| l["percent"].as_f64().is_some_and(|p| p >= 1.0))
                        .filter_map(|l| l["language"].as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
            cites: cites(f),
            question: None,
        },
        None => Cell {
            text: String::new(),
            cites: Vec::new(),
            question: Some(format!(
                "No source files in a known language were found. What is {p} written in?"
            )),
        },
    };
    let sboms = x.found_in(Category::Sbom);
    let sbom = if sboms.is_empty() {
        Cell {
            text: "None found in the repository".into(),
            cites: Vec::new(),
            question: Some(format!(
                "Does {p} publish a software bill of materials with its releases? If so, link it here; if not, list where its dependencies are declared."
            )),
        }
    } else {
        Cell {
            text: sboms
                .iter()
                .map(|f| f.title.clone())
                .collect::<Vec<_>>()
                .join("; "),
            cites: sboms.iter().flat_map(|f| cites(f)).take(CITES).collect(),
            question: None,
        }
    };
    let provider = Cell {
        text: String::new(),
        cites: Vec::new(),
        question: Some(format!(
            "Is {p}'s primary purpose to secure the systems that integrate it? Answer Yes or No."
        )),
    };
    s.blocks.push(Block::Table {
        columns: vec![String::new(), String::new()],
        rows: vec![
            vec![cell("Assessment Stage"), cell("Incomplete")],
            vec![cell("Software"), software],
            vec![cell("Security Provider"), provider],
            vec![cell("Languages"), languages],
            vec![cell("SBOM"), sbom],
        ],
    });

    let mut links = sec("security-links");
    let mut rows = Vec::new();
    let mut link_row = |label: &str, f: &Finding| {
        let c = cites(f);
        if let Some(first) = c.first() {
            rows.push(vec![
                cell(label),
                Cell {
                    text: first
                        .label
                        .split(':')
                        .next()
                        .unwrap_or(&first.label)
                        .to_owned(),
                    cites: c.into_iter().take(2).collect(),
                    question: None,
                },
            ]);
        }
    };
    if let Some(f) = x.found("policy.security-file") {
        link_row("Security file", f);
    }
    for (id, label) in [
        ("policy.security-contacts", "Security contacts"),
        ("policy.security-txt", "security.txt"),
        ("metadata.security-insights", "Security Insights"),
        ("docs.security", "Security documentation"),
        ("docs.configuration", "Default and optional configs"),
        ("docs.hardening", "Hardening guide"),
        ("metadata.threat-model", "Threat model"),
        ("metadata.security-audit", "Security audit"),
        ("metadata.self-assessment", "Earlier self-assessment"),
    ] {
        if let Some(f) = x.found(id) {
            link_row(label, f);
        }
    }
    if rows.is_empty() {
        links.blocks.push(question(format!(
            "No security policy or security documentation was found in the tree. Where does {p} document how to report a vulnerability and how to configure it securely?"
        )));
    } else {
        links.blocks.push(Block::Table {
            columns: vec!["Doc".into(), "url".into()],
            rows,
        });
        if x.found("docs.configuration").is_none() {
            links.blocks.push(question(format!(
                "No configuration reference was found under the docs folders. Where are {p}'s default and optional settings documented?"
            )));
        }
    }
    s.sections.push(links);
    s
}

fn overview(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("overview");
    match x.found("docs.readme-description") {
        Some(f) => {
            let sentence = detail_str(f, "sentence").unwrap_or(&f.title).to_owned();
            s.blocks.push(Block::Statement(stmt(sentence, cites(f))));
            s.blocks.push(question(format!(
                "The sentence above is quoted from the README. Rewrite it so that a reviewer comparing many projects remembers what sets {p} apart."
            )));
        }
        None => s.blocks.push(question(format!(
            "The README has no descriptive paragraph assay could quote. In one or two sentences, what does {p} do and for whom?"
        ))),
    }

    let mut background = sec("background");
    if let Some(f) = x.found("docs.architecture") {
        background.blocks.extend(list(
            Some("Design documents in the tree"),
            f.evidence
                .iter()
                .filter_map(|e| {
                    cite_of(e).map(|c| stmt(format!("Design document {}", e.path), vec![c]))
                })
                .collect(),
        ));
    }
    background.blocks.push(question(format!(
        "What problem does {p} solve, and what should a reviewer who does not know this domain understand before reading on?"
    )));

    let mut actors = sec("actors");
    let mut candidates = Vec::new();
    if let Some(f) = x.found("ecosystem.components") {
        for program in detail_list(f, "programs") {
            let c = f
                .evidence
                .iter()
                .find(|e| {
                    e.path.contains(&format!("/{program}/"))
                        || e.path.ends_with(&format!("/{program}.rs"))
                })
                .and_then(cite_of)
                .into_iter()
                .collect();
            candidates.push(stmt(format!("Program {program}"), c));
        }
    }
    for (id, what) in [
        ("ecosystem.helm-charts", "Helm charts"),
        ("ecosystem.kubernetes-crds", "Kubernetes custom resources"),
        ("ecosystem.container-images", "Container images"),
    ] {
        if let Some(f) = x.found(id) {
            candidates.push(stmt(format!("{what}: {}", f.title), cites(f)));
        }
    }
    let has_candidates = !candidates.is_empty();
    actors.blocks.extend(list(
        Some("Candidate actors found in the tree (confirm or merge)"),
        candidates,
    ));
    actors.blocks.push(question(if has_candidates {
        "Which of the candidates above run as separate actors, and what isolates each from the others (process, container, network policy, credentials)?".to_owned()
    } else {
        format!("What are {p}'s separately running parts, and what isolates them from each other?")
    }));

    let mut actions = sec("actions");
    actions.blocks.push(question(format!(
        "Walk through {p}'s main flows between the actors above: what each receives, which checks it makes (authentication, authorisation, validation), and what sensitive data it handles."
    )));
    let mut goals = sec("goals");
    goals.blocks.push(question(format!(
        "What security guarantees does {p} intend to give its users (for example who may change what, and what stays confidential)?"
    )));
    let mut non_goals = sec("non-goals");
    non_goals.blocks.push(question(format!(
        "Which protections might a reader expect from {p} that it deliberately does not provide?"
    )));
    s.sections = vec![background, actors, actions, goals, non_goals];
    s
}

fn self_assessment_use(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("self-assessment-use");
    s.blocks.push(Block::Prose {
        text: format!(
            "The {p} maintainers wrote this self-assessment to examine {p}'s security from the inside. It is not an audit, and it does not certify {p}'s security on anyone's behalf."
        ),
    });
    s.blocks.push(Block::Prose {
        text: format!(
            "It gives {p}'s users a first picture of how the project approaches security, where its security documentation lives, and how it is built and maintained. It also gives CNCF TAG-Security the background for a joint assessment, and it is the starting point for the security audit that graduation calls for."
        ),
    });
    s.blocks.push(Block::Prose {
        text: "Statements that cite a file, line or commit were gathered from the repository by assay; the quoted blocks marked TODO are questions only the maintainers can answer.".into(),
    });
    s
}

const FEATURE_TOPICS: &[(&str, &str)] = &[
    ("docs.tls", "TLS and certificates"),
    ("docs.authentication", "Authentication"),
    ("docs.authorization", "Authorisation and access control"),
    ("docs.encryption", "Encryption"),
    ("docs.audit-logging", "Audit logging"),
    ("docs.secrets", "Secrets handling"),
    ("docs.hardening", "Hardening"),
    ("docs.security", "Security overview"),
    ("docs.supply-chain", "Verifying releases"),
];

fn security_functions(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("security-functions-and-features");
    let items: Vec<Statement> = FEATURE_TOPICS
        .iter()
        .filter_map(|(id, label)| {
            x.found(id).map(|f| {
                let pages: Vec<String> = f
                    .evidence
                    .iter()
                    .take(CITES)
                    .map(|e| e.path.clone())
                    .collect();
                stmt(
                    format!("{label}: documented in {}", pages.join(", ")),
                    cites(f),
                )
            })
        })
        .collect();
    let any = !items.is_empty();
    s.blocks
        .extend(list(Some("Security-relevant documentation found"), items));
    s.blocks.push(question(if any {
        "Of the features documented above, which are critical (always on, not configurable) and which are security-relevant settings a deployer chooses? Name the components behind each, for threat modelling.".to_owned()
    } else {
        format!(
            "No documentation page is named after a security topic. Which of {p}'s components are critical to its security, and which settings should a deployer review?"
        )
    }));
    s
}

fn compliance(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("project-compliance");
    let mut items = Vec::new();
    if let Some(f) = x.found("docs.compliance") {
        items.push(said(f));
    }
    for id in [
        "metadata.best-practices-badge",
        "metadata.scorecard-badge",
        "metadata.clomonitor",
    ] {
        if let Some(f) = x.found(id) {
            items.push(said(f));
        }
    }
    s.blocks
        .extend(list(Some("Standards and scorecards referenced"), items));
    s.blocks.push(question(format!(
        "Is {p} documented as meeting any security standard (for example FIPS 140-3, PCI-DSS, ISO 27001, SOC 2)? If it is not, say so explicitly."
    )));
    s
}

const PIPELINE: &[(Category, &str)] = &[
    (Category::Lint, "Linters"),
    (Category::Sast, "Static analysis"),
    (Category::VulnScan, "Vulnerability and dependency scanning"),
    (Category::DepsUpdate, "Dependency updates"),
    (Category::SecretScan, "Secret scanning"),
    (Category::Fuzzing, "Fuzzing"),
    (Category::Signing, "Signing"),
    (Category::Sbom, "SBOM"),
    (Category::Provenance, "Build provenance"),
    (Category::Release, "Release tooling"),
    (Category::Hardening, "Supply-chain hardening"),
    (Category::WorkflowHygiene, "Workflow hygiene"),
];

fn development(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("secure-development-practices");
    let mut pipe = sec("development-pipeline");
    pipe.blocks.extend(list(
        Some("Continuous integration"),
        x.found_in(Category::Ci).into_iter().map(said).collect(),
    ));
    pipe.blocks.extend(list(
        Some("Tests"),
        x.found_in(Category::Tests).into_iter().map(said).collect(),
    ));
    for (category, lead) in PIPELINE {
        let found: Vec<Statement> = x.found_in(*category).into_iter().map(said).collect();
        pipe.blocks.extend(list(Some(lead), found));
    }
    let mut review: Vec<Statement> = x.found_in(Category::Review).into_iter().map(said).collect();
    for id in ["commits.dco", "commits.signed", "review", "contributors"] {
        if let Some(f) = x
            .get(id)
            .filter(|f| f.status != Status::Absent || !f.evidence.is_empty())
        {
            review.push(said(f));
        }
    }
    pipe.blocks
        .extend(list(Some("Contribution and review"), review));

    let not_found: Vec<Statement> = x
        .report
        .findings
        .iter()
        .filter(|f| f.status == Status::Absent && !f.id.contains('.'))
        .map(|f| {
            let looked: Vec<String> = detail_list(f, "looked_for");
            let text = if looked.is_empty() {
                f.title.clone()
            } else {
                format!("{} (looked for {})", f.title, looked.join(", "))
            };
            stmt(text, Vec::new())
        })
        .collect();
    pipe.blocks
        .extend(list(Some("Looked for and not found"), not_found));
    pipe.blocks.push(question(format!(
        "Which checks run outside this repository and are invisible to a checkout: CI configured elsewhere, hosted scanners, and the forge's branch protection (required reviews and status checks)? How many approvals does {p} require before a merge?"
    )));

    let mut comms = sec("communication-channels");
    let mut internal = sec("internal");
    let mut inbound = sec("inbound");
    let mut outbound = sec("outbound");
    let channel = |f: &Finding| {
        // Names and addresses as the cited lines write them, then the links themselves.
        let mut names = BTreeSet::new();
        for e in &f.evidence {
            for c in CHANNEL_TOKEN.captures_iter(e.excerpt.as_deref().unwrap_or_default()) {
                if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                    names.insert(m.as_str().to_owned());
                }
            }
        }
        let links = detail_list(f, "links");
        let name = detail_str(f, "name").unwrap_or(&f.subject).to_owned();
        let mut parts: Vec<String> = names.into_iter().take(6).collect();
        parts.extend(links.into_iter().filter(|l| l.contains("://")).take(4));
        let text = if parts.is_empty() {
            name
        } else {
            format!("{name}: {}", parts.join(", "))
        };
        stmt(text, cites(f))
    };
    let mut internal_items = Vec::new();
    let mut inbound_items = Vec::new();
    let mut outbound_items = Vec::new();
    for f in x.found_in(Category::Comms) {
        match f.id.as_str() {
            "comms.slack" | "comms.discord" | "comms.matrix" | "comms.zulip" | "comms.gitter" => {
                internal_items.push(channel(f));
                inbound_items.push(channel(f));
            }
            "comms.community-meeting" => internal_items.push(channel(f)),
            "comms.mailing-list" => {
                let lists = detail_list(f, "lists");
                let announce = lists.iter().any(|l| l.contains("announce"));
                internal_items.push(channel(f));
                if announce {
                    outbound_items.push(channel(f));
                }
            }
            "comms.blog" | "comms.social" => outbound_items.push(channel(f)),
            // Discussions, community pages and anything new: where users reach the team.
            _ => inbound_items.push(channel(f)),
        }
    }
    if let Some(f) = x.found("review.issue-templates") {
        inbound_items.push(stmt(
            format!(
                "Issue templates for bug reports and requests ({} forms)",
                f.evidence.len()
            ),
            cites(f),
        ));
    }
    if let Some(f) = x.found("community.support") {
        inbound_items.push(stmt(
            "A SUPPORT document tells users where to get help",
            cites(f),
        ));
    }
    if let Some(f) = x.found("policy.security-file") {
        let channels: Vec<String> = detail_list(f, "reporting_emails")
            .into_iter()
            .chain(detail_list(f, "reporting_urls"))
            .collect();
        if !channels.is_empty() {
            inbound_items.push(stmt(
                format!("Security reports: {}", channels.join(", ")),
                policy_cite(f, "reporting_channel"),
            ));
        }
    }
    if let Some(f) = x.found("metadata.security-insights")
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
    if let Some(f) = x.found("community.changelog") {
        outbound_items.push(stmt("Release notes are kept in the tree", cites(f)));
    }
    if let Some(f) = x.found("releases") {
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

    let mut eco = sec("ecosystem");
    let items: Vec<Statement> = [
        "ecosystem.languages",
        "ecosystem.manifests",
        "ecosystem.components",
        "ecosystem.container-images",
        "ecosystem.base-image-pinning",
        "ecosystem.helm-charts",
        "ecosystem.kubernetes-crds",
        "metadata.artifact-hub",
        "ecosystem.license",
    ]
    .iter()
    .filter_map(|id| x.found(id).map(eco_statement))
    .collect();
    eco.blocks.extend(list(None, items));
    eco.blocks.push(question(format!(
        "Where does {p} sit in the cloud native ecosystem: which projects does it integrate with or depend on, and who builds on it?"
    )));
    s.sections = vec![pipe, comms, eco];
    s
}

/// An ecosystem finding as a statement, naming the base images for container findings.
fn eco_statement(f: &Finding) -> Statement {
    let mut st = said(f);
    if f.id == "ecosystem.container-images"
        && let Some(images) = f.details.get("base_images").and_then(Value::as_object)
    {
        let mut ranked: Vec<(&String, u64)> = images
            .iter()
            .map(|(k, v)| (k, v.as_u64().unwrap_or(0)))
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let names: Vec<&str> = ranked.iter().take(6).map(|(k, _)| k.as_str()).collect();
        st.text = format!("{}, among them {}", st.text, names.join(", "));
    }
    st
}

/// Cite the line of the policy where `aspect` is stated.
fn policy_cite(f: &Finding, aspect: &str) -> Vec<Cite> {
    let line = f
        .details
        .get("aspect_lines")
        .and_then(|m| m.get(aspect))
        .and_then(Value::as_u64)
        .and_then(|l| u32::try_from(l).ok());
    let e = line.and_then(|l| f.evidence.iter().find(|e| e.line == Some(l)));
    match e {
        Some(e) => cite_of(e).into_iter().collect(),
        None => {
            // The line may have been capped away: cite the policy's line directly.
            let path = detail_str(f, "path").unwrap_or_default();
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

/// `text`, followed by the policy's own words on the cited line, so the reader sees what
/// the policy says without opening it.
fn quoted(text: &str, f: &Finding, aspect: &str) -> String {
    let line = f
        .details
        .get("aspect_lines")
        .and_then(|m| m.get(aspect))
        .and_then(Value::as_u64);
    let excerpt = line.and_then(|l| {
        f.evidence
            .iter()
            .find(|e| e.line.map(u64::from) == Some(l))
            .and_then(|e| e.excerpt.as_deref())
    });
    match excerpt {
        Some(x) => format!("{text}: \"{x}\""),
        None => text.to_owned(),
    }
}

fn has_aspect(f: &Finding, aspect: &str) -> bool {
    f.details
        .get(aspect)
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

fn issue_resolution(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("security-issue-resolution");
    let mut disclosure = sec("responsible-disclosures-process");
    let mut response = sec("vulnerability-response-process");
    let mut incident = sec("incident-response");
    let policy = x.get("policy.security-file");
    match policy.filter(|f| matches!(f.status, Status::Present | Status::Partial)) {
        Some(f) => {
            let path = detail_str(f, "path")
                .unwrap_or("the security policy")
                .to_owned();
            let emails = detail_list(f, "reporting_emails");
            let urls = detail_list(f, "reporting_urls");
            let mut items = Vec::new();
            if emails.is_empty() && urls.is_empty() {
                let elsewhere = detail_list(f, "points_to");
                if !elsewhere.is_empty() {
                    items.push(stmt(
                        format!(
                            "{path} defers to a policy kept elsewhere: {}",
                            elsewhere.join(", ")
                        ),
                        cites(f),
                    ));
                }
            } else {
                let mut channels = emails.clone();
                channels.extend(urls.clone());
                items.push(stmt(
                    format!("{path} asks reporters to use {}", channels.join(" or ")),
                    policy_cite(f, "reporting_channel"),
                ));
            }
            for (aspect, text) in [
                (
                    "disclosure",
                    "It describes coordinated disclosure or an embargo",
                ),
                ("pgp_key", "It offers a PGP key for encrypted reports"),
                ("bug_bounty", "It mentions a bug bounty"),
            ] {
                if has_aspect(f, aspect) {
                    items.push(stmt(quoted(text, f, aspect), policy_cite(f, aspect)));
                }
            }
            disclosure.blocks.extend(list(None, items));
            if emails.is_empty() && urls.is_empty() {
                disclosure.blocks.push(question(format!(
                    "{path} names no reporting channel. Which private address or form should a reporter use?"
                )));
            }
            if !has_aspect(f, "disclosure") {
                disclosure.blocks.push(question(format!(
                    "{path} does not say when and how a vulnerability becomes public. What is the disclosure timeline, and is there an embargo for downstream distributors?"
                )));
            }

            let mut items = Vec::new();
            for (aspect, text) in [
                ("response_team", "It names who handles reports"),
                (
                    "response_times",
                    "It states how quickly reports are answered",
                ),
                ("severity_rating", "It explains how severity is rated"),
                ("private_fix", "It says fixes are prepared in private"),
                ("reporter_credit", "It credits reporters"),
            ] {
                if has_aspect(f, aspect) {
                    items.push(stmt(quoted(text, f, aspect), policy_cite(f, aspect)));
                }
            }
            response
                .blocks
                .extend(list(Some(&format!("What {path} says")), items));
            for (aspect, ask) in [
                ("response_team", format!("Who on the {p} team receives and triages security reports, and who stands in when they are away?")),
                ("response_times", format!("{path} gives no response times. How soon is a report acknowledged, and how soon is a fix expected?")),
                ("severity_rating", format!("How does {p} rate the severity of a report (CVSS or its own scale)?")),
                ("private_fix", "Where is a fix developed before disclosure (a private fork, a draft advisory)?".to_owned()),
            ] {
                if !has_aspect(f, aspect) {
                    response.blocks.push(question(ask));
                }
            }

            let mut items = Vec::new();
            for (aspect, text) in [
                (
                    "supported_versions",
                    "It lists the versions that receive security fixes",
                ),
                ("cve_handling", "It covers CVEs or security advisories"),
            ] {
                if has_aspect(f, aspect) {
                    items.push(stmt(quoted(text, f, aspect), policy_cite(f, aspect)));
                }
            }
            incident
                .blocks
                .extend(list(Some(&format!("What {path} says")), items));
            if !has_aspect(f, "supported_versions") {
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
    for id in ["policy.security-contacts", "policy.security-txt"] {
        if let Some(f) = x.found(id) {
            response.blocks.push(Block::Statement(said(f)));
        }
    }
    incident.blocks.push(question(format!(
        "When an incident or vulnerability is confirmed, how does {p} triage it, notify users and downstream packagers, and ship the patched release?"
    )));
    s.sections = vec![disclosure, response, incident];
    s
}

fn appendix(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("appendix");
    let mut known = sec("known-issues-over-time");
    match x.found("metadata.known-vulnerabilities") {
        Some(f) => {
            let ids = detail_list(f, "ids");
            let shown: Vec<String> = ids.iter().take(12).cloned().collect();
            known.blocks.push(Block::Statement(stmt(
                format!(
                    "{} vulnerability id(s) appear in the changelogs and security documents, among them {}",
                    ids.len(),
                    shown.join(", ")
                ),
                cites(f),
            )));
            known.blocks.push(question(format!(
                "Which of these affected {p} itself rather than a dependency, and where is each one's advisory?"
            )));
        }
        None => known.blocks.push(question(format!(
            "No CVE or GHSA id was found in the changelogs. Has {p} published advisories (for example on its forge's security tab)? If none, what do code review and automated tests catch?"
        ))),
    }
    let mut bp = sec("openssf-best-practices");
    match x.found("metadata.best-practices-badge") {
        Some(f) => {
            let project = detail_list(f, "projects").first().cloned().unwrap_or_default();
            bp.blocks.push(Block::Statement(stmt(
                format!(
                    "{p} has an OpenSSF Best Practices entry (project {project}): {}",
                    detail_list(f, "links").first().cloned().unwrap_or_default()
                ),
                cites(f),
            )));
            bp.blocks.push(question(format!(
                "Which badge level does entry {project} hold today, and which criteria remain open for the next level?"
            )));
        }
        None => bp.blocks.push(question(format!(
            "No OpenSSF Best Practices badge is linked from the README. Has {p} started the questionnaire at bestpractices.dev? If not, the findings above answer many of its criteria."
        ))),
    }
    let mut cases = sec("case-studies");
    if let Some(f) = x.found("community.adopters") {
        cases.blocks.push(Block::Statement(stmt(
            "An ADOPTERS file lists organisations that use the project",
            cites(f),
        )));
    }
    cases.blocks.push(question(format!(
        "Pick two or three real deployments of {p} and describe how each uses it and what it relies on {p} to protect."
    )));
    let mut related = sec("related-projects-vendors");
    related.blocks.push(question(format!(
        "Which projects do users compare {p} with, and how does it differ from them in security terms?"
    )));
    s.sections = vec![known, bp, cases, related];
    s
}

/// Why a missing practice matters, and the first step to close the gap; our words.
const GAP_ADVICE: &[(&str, &str, &str)] = &[
    (
        "policy.security-file",
        "Reporters need a private way to reach the team, or vulnerabilities get filed as public issues.",
        "Add SECURITY.md with a private reporting address or GitHub private vulnerability reporting, and the expected response time.",
    ),
    (
        "ci",
        "Without CI, nothing checks a change before it merges.",
        "Run the build and the tests on every pull request.",
    ),
    (
        "lint",
        "Linters catch classes of bugs, some security-relevant, before review does.",
        "Run the language's standard linter in CI on every pull request.",
    ),
    (
        "sast",
        "Static analysis finds injection, unsafe API use and similar flaws that tests miss.",
        "Enable CodeQL (or the language's security linter, such as gosec or Bandit) on pull requests.",
    ),
    (
        "vuln-scan",
        "Known-vulnerable dependencies are the most common way a project inherits a CVE.",
        "Run a dependency scanner (govulncheck, osv-scanner, cargo-audit, Trivy) in CI and on a schedule.",
    ),
    (
        "deps-update",
        "Dependencies that are not updated keep their known vulnerabilities.",
        "Configure Dependabot or Renovate for every package ecosystem in the repository.",
    ),
    (
        "secret-scan",
        "A leaked credential in the history gives an attacker direct access.",
        "Turn on the forge's secret scanning, or run gitleaks or TruffleHog in CI.",
    ),
    (
        "fuzzing",
        "Parsers and decoders fed untrusted input hide crashes that only fuzzing finds.",
        "Write fuzz targets for input parsers and apply to OSS-Fuzz or run ClusterFuzzLite in CI.",
    ),
    (
        "signing",
        "Unsigned releases cannot be told apart from tampered ones.",
        "Sign release artefacts and images with cosign (keyless) and document how to verify them.",
    ),
    (
        "sbom",
        "Users cannot check what a release contains without an SBOM.",
        "Generate an SBOM for each release (Syft, or GoReleaser's sboms section) and publish it with the release.",
    ),
    (
        "provenance",
        "Provenance lets users verify where and how an artefact was built.",
        "Publish SLSA provenance with actions/attest-build-provenance or the SLSA GitHub generator.",
    ),
    (
        "hardening",
        "CI workflows hold credentials; unreviewed permissions and actions widen the attack surface.",
        "Run the OpenSSF Scorecard action and fix what it reports.",
    ),
];

fn gaps(x: &Facts) -> Section {
    let mut s = Section::new("gaps-and-next-steps", "Gaps and next steps", 2);
    s.blocks.push(Block::Prose {
        text: "Practices assay looked for and did not find, why each matters, and a first step. Each deserves a check by a maintainer: a practice may exist outside the repository.".into(),
    });
    let mut rows = Vec::new();
    for (id, why, step) in GAP_ADVICE {
        let missing = if *id == "policy.security-file" {
            x.get(id).is_none_or(|f| f.status != Status::Present)
        } else {
            x.absent(id)
        };
        if missing {
            let what = x
                .get(id)
                .map_or_else(|| (*id).to_owned(), |f| f.title.clone());
            rows.push(vec![cell(what), cell(*why), cell(*step)]);
        }
    }
    let specific: [(&str, bool, &str, &str); 5] = [
        (
            "workflow-hygiene.action-pinning",
            x.get("workflow-hygiene.action-pinning")
                .is_some_and(|f| f.status != Status::Present),
            "A tag can be moved to point at different code; a commit SHA cannot.",
            "Pin third-party actions to full commit SHAs and let Dependabot or Renovate update them.",
        ),
        (
            "workflow-hygiene.token-permissions",
            x.get("workflow-hygiene.token-permissions")
                .is_some_and(|f| f.status != Status::Present),
            "Workflows without `permissions:` get the repository's default token scope, often write access.",
            "Add `permissions: contents: read` at the top of each workflow and widen per job only where needed.",
        ),
        (
            "workflow-hygiene.untrusted-checkout",
            x.absent("workflow-hygiene.untrusted-checkout"),
            "Checking out a pull request's code in pull_request_target runs it with the repository's secrets.",
            "Use pull_request for untrusted code, or never check out the head ref in pull_request_target workflows.",
        ),
        (
            "commits.signed",
            x.absent("commits.signed"),
            "Signed commits tie each change to a key the author controls.",
            "Ask maintainers to sign commits (SSH signing is simplest) and consider requiring it on the default branch.",
        ),
        (
            "metadata.best-practices-badge",
            x.found("metadata.best-practices-badge").is_none(),
            "The badge shows users which baseline practices the project meets.",
            "Start the OpenSSF Best Practices questionnaire at bestpractices.dev.",
        ),
    ];
    for (id, missing, why, step) in specific {
        if missing {
            let what = x.get(id).map_or_else(|| id.to_owned(), |f| f.title.clone());
            rows.push(vec![cell(what), cell(why), cell(step)]);
        }
    }
    if rows.is_empty() {
        s.blocks.push(Block::Prose {
            text: "assay found every practice it looks for. The questions above remain.".into(),
        });
    } else {
        s.blocks.push(Block::Table {
            columns: vec![
                "What assay found".into(),
                "Why it matters".into(),
                "First step".into(),
            ],
            rows,
        });
    }
    s
}
