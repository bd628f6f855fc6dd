//! Keys of `Finding::details` that one crate writes and another reads. Each is documented
//! in docs/scan-json.md (a test in assay-scan checks that every key listed here is).

/// Catalog entry names looked for, on a whole-category "not found" finding.
pub const LOOKED_FOR: &str = "looked_for";
/// How many evidence items there were before the list was capped.
pub const EVIDENCE_TOTAL: &str = "evidence_total";
/// `ecosystem.languages`: `[{language, files, percent}]`.
pub const LANGUAGES: &str = "languages";
/// `docs.readme-description`: the quoted sentence.
pub const SENTENCE: &str = "sentence";
/// `ecosystem.components`: program names.
pub const PROGRAMS: &str = "programs";
/// `ecosystem.components`: program name → `{path, line}` where its entry point is declared.
pub const ENTRY_POINTS: &str = "entry_points";
/// `releases`: how many version tags in the window carry a signature.
pub const SIGNED: &str = "signed";
/// `releases`: version tags in the window.
pub const VERSION_TAGS: &str = "version_tags";
/// `releases`: the newest tags, each `{tag, date, annotated, signature}`.
pub const RECENT: &str = "recent";
/// `ecosystem.container-images`: base image → number of FROM lines.
pub const BASE_IMAGES: &str = "base_images";
/// Catalog link entries: the links found.
pub const LINKS: &str = "links";
/// Catalog link entries: each link → the `path:line` places that write it (at most a few),
/// so a statement lists only the links its cited lines carry.
pub const LINK_LINES: &str = "link_lines";
/// `comms.mailing-list`: list names.
pub const LISTS: &str = "lists";
/// Catalog entries: the name people know the thing by.
pub const NAME: &str = "name";
/// `metadata.known-vulnerabilities`: CVE/GHSA ids.
pub const IDS: &str = "ids";
/// `metadata.best-practices-badge`: project numbers.
pub const PROJECTS: &str = "projects";
/// History findings: what part of the window the figures cover, when not all of it.
pub const COVERAGE: &str = "coverage";
/// `commits.dco`: share of non-merge commits signed off, in percent.
pub const SIGNED_OFF_PERCENT: &str = "signed_off_percent";
/// `commits.signed`: share of commits with a signature, in percent.
pub const SIGNED_PERCENT: &str = "signed_percent";
/// `commits.signed`: share of commits made outside the forge's web interface that carry
/// their committer's own signature, in percent.
pub const SIGNED_OWN_PERCENT: &str = "signed_own_percent";
/// `ecosystem.license`: the SPDX id (or ids joined with ` AND `) the licence files match.
pub const SPDX: &str = "spdx";
/// `review.approval-rule`: the number of approvals a cited line asks for.
pub const REQUIRED_APPROVALS: &str = "required_approvals";
/// `policy.security-file`: the policy's path.
pub const PATH: &str = "path";
/// `policy.security-file`: reporting addresses.
pub const REPORTING_EMAILS: &str = "reporting_emails";
/// `policy.security-file`: reporting forms and advisory links.
pub const REPORTING_URLS: &str = "reporting_urls";
/// `policy.security-file`: where a policy kept elsewhere lives.
pub const POINTS_TO: &str = "points_to";
/// `policy.security-file`: aspect → the line that states it.
pub const ASPECT_LINES: &str = "aspect_lines";
/// `policy.security-file`: response times the policy states, normalised (`3 business days`).
pub const STATED_TIMES: &str = "stated_times";
/// `policy.security-file`: the reporting channels in the order the policy gives them
/// (addresses, forms, or a named feature such as GitHub private vulnerability reporting).
pub const REPORTING_CHANNELS: &str = "reporting_channels";
/// `policy.security-file`: every address and link, `[{kind, value, line}]`, `kind` being a
/// [`ContactKind`] key.
pub const CONTACTS: &str = "contacts";
/// `policy.security-file`: aspect → `{line, text}`, the whole sentence that states it.
pub const ASPECT_QUOTES: &str = "aspect_quotes";
/// `policy.security-file`: `{path, line, text}`, supported versions stated in a release
/// document when the policy states none.
pub const SUPPORTED_VERSIONS_ELSEWHERE: &str = "supported_versions_elsewhere";
/// `policy.security-file`: the README section heading that serves as the policy.
pub const SECTION: &str = "section";
/// `activity`: the date (`YYYY-MM-DD`) of the newest commit in the window.
pub const LAST_COMMIT: &str = "last_commit";
/// Catalog tool entries: whether CI runs the tool.
pub const IN_CI: &str = "in_ci";

/// What an address or link in a security policy is, as the policy presents it. Only
/// [`ContactKind::Reporting`] is somewhere to send a vulnerability report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContactKind {
    /// Where to send a report privately (an address, a private form, a bounty).
    Reporting,
    /// A public place the policy also names for messages (chat, forum, public list).
    PublicChannel,
    /// The public issue tracker.
    IssueTracker,
    /// Where fixed vulnerabilities are published (the advisories page).
    Advisories,
    /// A list that announces releases and security notices.
    Announcements,
    /// A private list that gives distributors early notice under embargo.
    Distributors,
    /// The team's own address for other matters (questions, membership, leaks).
    Team,
    /// Another security policy (an organisation's, a related product's, a web copy).
    OtherPolicy,
    /// Documentation or a help page.
    Documentation,
    /// Anything else the text links to.
    Reference,
}

impl ContactKind {
    pub const ALL: [ContactKind; 10] = [
        ContactKind::Reporting,
        ContactKind::PublicChannel,
        ContactKind::IssueTracker,
        ContactKind::Advisories,
        ContactKind::Announcements,
        ContactKind::Distributors,
        ContactKind::Team,
        ContactKind::OtherPolicy,
        ContactKind::Documentation,
        ContactKind::Reference,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ContactKind::Reporting => "reporting",
            ContactKind::PublicChannel => "public_channel",
            ContactKind::IssueTracker => "issue_tracker",
            ContactKind::Advisories => "advisories",
            ContactKind::Announcements => "announcements",
            ContactKind::Distributors => "distributors",
            ContactKind::Team => "team",
            ContactKind::OtherPolicy => "other_policy",
            ContactKind::Documentation => "documentation",
            ContactKind::Reference => "reference",
        }
    }

    pub fn from_key(key: &str) -> Option<ContactKind> {
        ContactKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// What a security policy can say; each is a boolean detail of `policy.security-file`
/// with its line in [`ASPECT_LINES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyAspect {
    ReportingChannel,
    Disclosure,
    PgpKey,
    BugBounty,
    ResponseTeam,
    ResponseTimes,
    SeverityRating,
    PrivateFix,
    ReporterCredit,
    SupportedVersions,
    CveHandling,
}

impl PolicyAspect {
    pub const ALL: [PolicyAspect; 11] = [
        PolicyAspect::ReportingChannel,
        PolicyAspect::Disclosure,
        PolicyAspect::PgpKey,
        PolicyAspect::BugBounty,
        PolicyAspect::ResponseTeam,
        PolicyAspect::ResponseTimes,
        PolicyAspect::SeverityRating,
        PolicyAspect::PrivateFix,
        PolicyAspect::ReporterCredit,
        PolicyAspect::SupportedVersions,
        PolicyAspect::CveHandling,
    ];

    /// The detail key (and the key in [`ASPECT_LINES`]).
    pub fn key(self) -> &'static str {
        match self {
            PolicyAspect::ReportingChannel => "reporting_channel",
            PolicyAspect::Disclosure => "disclosure",
            PolicyAspect::PgpKey => "pgp_key",
            PolicyAspect::BugBounty => "bug_bounty",
            PolicyAspect::ResponseTeam => "response_team",
            PolicyAspect::ResponseTimes => "response_times",
            PolicyAspect::SeverityRating => "severity_rating",
            PolicyAspect::PrivateFix => "private_fix",
            PolicyAspect::ReporterCredit => "reporter_credit",
            PolicyAspect::SupportedVersions => "supported_versions",
            PolicyAspect::CveHandling => "cve_handling",
        }
    }
}

/// `design.*`: the facts found, each a [`crate::design::DesignItem`].
pub const ITEMS: &str = "items";
/// `design.*`: how many facts there were before `items` was capped.
pub const ITEMS_TOTAL: &str = "items_total";
/// `docs.feature-*`, `docs.goals`, `docs.non-goals`, `docs.compliance-claims`,
/// `community.governance-process`: ranked quotes `[{path, line, sentence, heading, score}]`.
pub const STATEMENTS: &str = "statements";
/// `metadata.project-identity`: the repository URL a manifest names.
pub const URL: &str = "url";

/// Every shared key, for the documentation test.
pub const SHARED_KEYS: &[&str] = &[
    LOOKED_FOR,
    STATEMENTS,
    URL,
    EVIDENCE_TOTAL,
    LANGUAGES,
    SENTENCE,
    PROGRAMS,
    ENTRY_POINTS,
    SIGNED,
    VERSION_TAGS,
    RECENT,
    BASE_IMAGES,
    LINKS,
    LINK_LINES,
    LISTS,
    NAME,
    IDS,
    PROJECTS,
    COVERAGE,
    SIGNED_OFF_PERCENT,
    SIGNED_PERCENT,
    SIGNED_OWN_PERCENT,
    PATH,
    REPORTING_EMAILS,
    REPORTING_URLS,
    POINTS_TO,
    ASPECT_LINES,
    STATED_TIMES,
    REPORTING_CHANNELS,
    CONTACTS,
    ASPECT_QUOTES,
    SUPPORTED_VERSIONS_ELSEWHERE,
    SECTION,
    SPDX,
    IN_CI,
    LAST_COMMIT,
    ITEMS,
    ITEMS_TOTAL,
];
