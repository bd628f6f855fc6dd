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
/// `ecosystem.container-images`: base image → number of FROM lines.
pub const BASE_IMAGES: &str = "base_images";
/// Catalog link entries: the links found.
pub const LINKS: &str = "links";
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

/// Every shared key, for the documentation test.
pub const SHARED_KEYS: &[&str] = &[
    LOOKED_FOR,
    EVIDENCE_TOTAL,
    LANGUAGES,
    SENTENCE,
    PROGRAMS,
    BASE_IMAGES,
    LINKS,
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
];
