//! Security Insights v2.2.0 as data, written from the specification's CUE schema: each
//! object's fields, which are required, and what each value must look like.

/// What a value must be.
#[derive(Debug)]
pub enum Ty {
    /// Any string (a plain number is refused: the schema wants text).
    Str,
    /// A web address: `http://` or `https://`, then no white space.
    Url,
    /// An email address.
    Email,
    /// A calendar date written `YYYY-MM-DD`.
    Date,
    /// `X.Y.Z`, the major version not starting with 0.
    SchemaVersion,
    /// An SPDX licence expression.
    Spdx,
    Bool,
    /// One of these words exactly.
    Enum(&'static [&'static str]),
    /// A mapping with these fields and no others.
    Obj(&'static str, &'static [Field]),
    /// A sequence of at least `min` items.
    List(&'static Ty, usize),
}

/// One field of an object.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub ty: &'static Ty,
}

const fn req(name: &'static str, ty: &'static Ty) -> Field {
    Field {
        name,
        required: true,
        ty,
    }
}

const fn opt(name: &'static str, ty: &'static Ty) -> Field {
    Field {
        name,
        required: false,
        ty,
    }
}

/// The version this schema describes and `assay insights` writes.
pub const VERSION: &str = "2.2.0";

pub const TOOL_TYPES: &[&str] = &["fuzzing", "container", "secret", "SCA", "SAST", "other"];
pub const REPOSITORY_STATUSES: &[&str] = &[
    "active",
    "abandoned",
    "concept",
    "inactive",
    "moved",
    "suspended",
    "unsupported",
    "WIP",
];

const STRINGS: Ty = Ty::List(&Ty::Str, 0);

pub static ASSESSMENT: &[Field] = &[
    req("comment", &Ty::Str),
    opt("name", &Ty::Str),
    opt("evidence", &Ty::Url),
    opt("date", &Ty::Date),
];

pub static ATTESTATION: &[Field] = &[
    req("name", &Ty::Str),
    req("location", &Ty::Url),
    req("predicate-uri", &Ty::Str),
    opt("comment", &Ty::Str),
];

pub static CONTACT: &[Field] = &[
    req("name", &Ty::Str),
    req("primary", &Ty::Bool),
    opt("affiliation", &Ty::Str),
    opt("email", &Ty::Email),
    opt("social", &Ty::Str),
];

pub static LICENSE: &[Field] = &[req("url", &Ty::Url), req("expression", &Ty::Spdx)];

pub static LINK: &[Field] = &[req("uri", &Ty::Str), req("comment", &Ty::Str)];

pub static PROJECT_REPOSITORY: &[Field] = &[
    req("name", &Ty::Str),
    req("comment", &Ty::Str),
    req("url", &Ty::Url),
];

pub static HEADER: &[Field] = &[
    req("last-reviewed", &Ty::Date),
    req("last-updated", &Ty::Date),
    req("schema-version", &Ty::SchemaVersion),
    req("url", &Ty::Url),
    opt("comment", &Ty::Str),
    opt("project-si-source", &Ty::Url),
];

pub static PROJECT_DOCUMENTATION: &[Field] = &[
    opt("design", &Ty::Url),
    opt("detailed-guide", &Ty::Url),
    opt("code-of-conduct", &Ty::Url),
    opt("quickstart-guide", &Ty::Url),
    opt("release-process", &Ty::Url),
    opt("support-policy", &Ty::Url),
    opt("signature-verification", &Ty::Url),
];

pub static VULNERABILITY_REPORTING: &[Field] = &[
    req("reports-accepted", &Ty::Bool),
    req("bug-bounty-available", &Ty::Bool),
    opt("bug-bounty-program", &Ty::Url),
    opt("contact", &Ty::Obj("contact", CONTACT)),
    opt("comment", &Ty::Str),
    opt("policy", &Ty::Url),
    opt("pgp-key", &Ty::Str),
    opt("in-scope", &STRINGS),
    opt("out-of-scope", &STRINGS),
];

const CONTACTS_AT_LEAST_ONE: Ty = Ty::List(&Ty::Obj("contact", CONTACT), 1);

pub static PROJECT: &[Field] = &[
    req("name", &Ty::Str),
    opt("homepage", &Ty::Url),
    opt("roadmap", &Ty::Url),
    opt("funding", &Ty::Url),
    opt("steward", &Ty::Obj("link", LINK)),
    req("administrators", &CONTACTS_AT_LEAST_ONE),
    req(
        "repositories",
        &Ty::List(&Ty::Obj("project repository", PROJECT_REPOSITORY), 1),
    ),
    req(
        "vulnerability-reporting",
        &Ty::Obj("vulnerability reporting", VULNERABILITY_REPORTING),
    ),
    opt(
        "documentation",
        &Ty::Obj("project documentation", PROJECT_DOCUMENTATION),
    ),
];

pub static TOOL_INTEGRATION: &[Field] = &[
    req("adhoc", &Ty::Bool),
    req("ci", &Ty::Bool),
    req("release", &Ty::Bool),
];

const ATTESTATION_OBJ: Ty = Ty::Obj("attestation", ATTESTATION);

pub static TOOL_RESULTS: &[Field] = &[
    opt("adhoc", &ATTESTATION_OBJ),
    opt("ci", &ATTESTATION_OBJ),
    opt("release", &ATTESTATION_OBJ),
];

pub static SECURITY_TOOL: &[Field] = &[
    req("name", &Ty::Str),
    req("type", &Ty::Enum(TOOL_TYPES)),
    opt("version", &Ty::Str),
    opt("comment", &Ty::Str),
    req("rulesets", &STRINGS),
    req(
        "integration",
        &Ty::Obj("security tool integration", TOOL_INTEGRATION),
    ),
    req("results", &Ty::Obj("security tool results", TOOL_RESULTS)),
];

const ASSESSMENT_OBJ: Ty = Ty::Obj("assessment", ASSESSMENT);

pub static ASSESSMENTS: &[Field] = &[
    req("self", &ASSESSMENT_OBJ),
    opt("third-party", &Ty::List(&ASSESSMENT_OBJ, 0)),
];

pub static SECURITY_POSTURE: &[Field] = &[
    req("assessments", &Ty::Obj("assessments", ASSESSMENTS)),
    opt("champions", &Ty::List(&Ty::Obj("contact", CONTACT), 0)),
    opt(
        "tools",
        &Ty::List(&Ty::Obj("security tool", SECURITY_TOOL), 0),
    ),
];

pub static REPOSITORY_DOCUMENTATION: &[Field] = &[
    opt("contributing-guide", &Ty::Url),
    opt("dependency-management-policy", &Ty::Url),
    opt("governance", &Ty::Url),
    opt("review-policy", &Ty::Url),
    opt("security-policy", &Ty::Url),
];

pub static RELEASE_DETAILS: &[Field] = &[
    req("automated-pipeline", &Ty::Bool),
    req("distribution-points", &Ty::List(&Ty::Obj("link", LINK), 1)),
    opt("changelog", &Ty::Url),
    opt("license", &Ty::Obj("license", LICENSE)),
    opt("attestations", &Ty::List(&ATTESTATION_OBJ, 0)),
];

pub static REPOSITORY: &[Field] = &[
    req("status", &Ty::Enum(REPOSITORY_STATUSES)),
    req("url", &Ty::Url),
    req("accepts-change-request", &Ty::Bool),
    req("accepts-automated-change-request", &Ty::Bool),
    opt("bug-fixes-only", &Ty::Bool),
    opt("no-third-party-packages", &Ty::Bool),
    req("core-team", &CONTACTS_AT_LEAST_ONE),
    req("license", &Ty::Obj("license", LICENSE)),
    req("security", &Ty::Obj("security posture", SECURITY_POSTURE)),
    opt(
        "documentation",
        &Ty::Obj("repository documentation", REPOSITORY_DOCUMENTATION),
    ),
    opt("release", &Ty::Obj("release details", RELEASE_DETAILS)),
];

/// The document itself. Whether `project` or `repository` is required depends on
/// `header.project-si-source`; the validator checks that apart.
pub static DOCUMENT: &[Field] = &[
    req("header", &Ty::Obj("header", HEADER)),
    opt("project", &Ty::Obj("project", PROJECT)),
    opt("repository", &Ty::Obj("repository", REPOSITORY)),
];
