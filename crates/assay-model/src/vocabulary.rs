//! Every finding id a detector can emit, declared once with what it looks for and, for
//! a practice, why it matters and the first step when it is missing. Detectors emit these
//! ids; the draft, verify and `assay rules` read them from here, never as string literals.
//!
//! Catalog entries (`crates/assay-scan/catalog/*.toml`) declare themselves; the few a
//! reader names are declared here too (detector [`CATALOG`]) so that the reader has a
//! constant, and a test in assay-scan checks each exists in the catalog. A category whose
//! row has gap advice is also a finding id: the whole category, not found.

use crate::{Category, Gap};

/// The detector name of findings whose matchers live in the catalog.
pub const CATALOG: &str = "catalog";
/// The detector name of findings read from the commit history.
pub const HISTORY: &str = "history";

/// When the draft's gap table lists a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapWhen {
    /// The finding is emitted with a status other than present.
    NotPresent,
    /// The finding is emitted as absent.
    Absent,
    /// Nothing present or partial was found (including no finding at all).
    NotFound,
}

/// A declared kind of finding.
#[derive(Debug)]
pub struct FindingKind {
    pub id: &'static str,
    pub category: Category,
    /// The name of the detector that emits it (as `assay rules` lists detectors).
    pub detector: &'static str,
    /// What the finding is about, for people.
    pub title: &'static str,
    /// What the detector looks at and how it decides.
    pub looks_for: &'static str,
    /// Advice for the draft's gap table, and when it applies.
    pub gap: Option<(Gap, GapWhen)>,
}

macro_rules! kinds {
    ($(
        $name:ident = $id:literal, $category:ident, $detector:expr, $title:literal, $looks:literal
        $(, gap($when:ident, $why:literal, $step:literal))?
        ;
    )*) => {
        $(
            #[doc = concat!("The `", $id, "` finding.")]
            pub static $name: FindingKind = FindingKind {
                id: $id,
                category: Category::$category,
                detector: $detector,
                title: $title,
                looks_for: $looks,
                gap: kinds!(@gap $($when, $why, $step)?),
            };
        )*
        /// Every declared kind, in declaration order.
        pub static KINDS: &[&FindingKind] = &[$(&$name),*];
    };
    (@gap) => { None };
    (@gap $when:ident, $why:literal, $step:literal) => {
        Some((Gap { why: $why, first_step: $step }, GapWhen::$when))
    };
}

kinds! {
    // security-policy
    SECURITY_POLICY = "policy.security-file", Policy, "security-policy", "Security policy",
        "SECURITY.md (root, .github/, docs/) or a README security section: the reporting channel and what the policy says about disclosure, response and supported versions.",
        gap(NotPresent,
            "Reporters need a private way to reach the team, or vulnerabilities get filed as public issues.",
            "Add SECURITY.md with a private reporting address or GitHub private vulnerability reporting, and the expected response time.");
    SECURITY_CONTACTS = "policy.security-contacts", Policy, "security-policy", "Security contacts file",
        "A SECURITY_CONTACTS file (the Kubernetes convention) naming who handles reports.";
    SECURITY_TXT = "policy.security-txt", Policy, "security-policy", "security.txt",
        "An RFC 9116 security.txt with a Contact field.";
    // workflows
    UNPARSABLE_WORKFLOWS = "ci.unparsable-workflows", Ci, "workflows", "Workflows that are not valid YAML",
        "GitHub Actions workflow files the YAML reader could not read in full.";
    PULL_REQUEST_CHECKS = "ci.pull-request-checks", Ci, "workflows", "Checks on pull requests",
        "Workflows triggered by pull_request or pull_request_target.";
    SCHEDULED_WORKFLOWS = "ci.scheduled-workflows", Ci, "workflows", "Scheduled workflows",
        "Workflows with a schedule trigger (nightly scans, periodic jobs).";
    ACTION_PINNING = "workflow-hygiene.action-pinning", WorkflowHygiene, "workflows", "Third-party actions pinned to commits",
        "Each `uses:` of a third-party action: pinned to a full commit SHA, or to a movable tag or branch.",
        gap(NotPresent,
            "A tag can be moved to point at different code; a commit SHA cannot.",
            "Pin third-party actions to full commit SHAs and let Dependabot or Renovate update them.");
    TOKEN_PERMISSIONS = "workflow-hygiene.token-permissions", WorkflowHygiene, "workflows", "Workflow token permissions declared",
        "A `permissions:` block at the top of each workflow or on each of its jobs.",
        gap(NotPresent,
            "Workflows without `permissions:` get the repository's default token scope, often write access.",
            "Add `permissions: contents: read` at the top of each workflow and widen per job only where needed.");
    UNTRUSTED_CHECKOUT = "workflow-hygiene.untrusted-checkout", WorkflowHygiene, "workflows", "No pull request code checked out in pull_request_target",
        "pull_request_target workflows that check out the pull request's head.",
        gap(Absent,
            "Checking out a pull request's code in pull_request_target runs it with the repository's secrets.",
            "Use pull_request for untrusted code, or never check out the head ref in pull_request_target workflows.");
    // tests
    UNIT_TESTS = "tests.unit", Tests, "tests", "Unit tests",
        "Test files by language convention, and whether CI runs the test command.";
    INTEGRATION_TESTS = "tests.integration", Tests, "tests", "Integration tests",
        "Test trees named for integration testing, and whether CI runs them.";
    E2E_TESTS = "tests.e2e", Tests, "tests", "End-to-end tests",
        "Test trees named for end-to-end testing, and whether CI runs them.";
    FUZZ_TARGETS = "fuzzing.targets", Fuzzing, "tests", "Fuzz targets in the project's own code",
        "Go fuzz tests (func FuzzXxx(f *testing.F)) in any _test.go, libFuzzer, cargo-fuzz, AFL and honggfuzz harnesses under fuzz folders, and an OSS-Fuzz project.yaml beside its build.sh; vendored and third-party trees left out.";
    // review-rules
    APPROVAL_RULE = "review.approval-rule", Review, "review-rules", "Written approval rule",
        "Contribution and governance documents that say how many approvals a change needs.";
    DCO_REQUIRED = "review.dco-required", Review, "review-rules", "DCO sign-off asked for",
        "Contribution documents that ask for a Developer Certificate of Origin sign-off.";
    CLA_REQUIRED = "review.cla-required", Review, "review-rules", "CLA asked for",
        "Contribution documents that ask for a contributor licence agreement.";
    SIGNED_COMMITS_REQUIRED = "review.signed-commits-required", Review, "review-rules", "Signed commits asked for",
        "Contribution documents that ask for cryptographically signed commits.";
    // security-docs
    DOCS_SECURITY = "docs.security", Docs, "security-docs", "Security overview", "Pages under the docs folders about security in general.";
    DOCS_TLS = "docs.tls", Docs, "security-docs", "TLS and certificates", "Pages under the docs folders about TLS, mTLS and certificates.";
    DOCS_AUTHENTICATION = "docs.authentication", Docs, "security-docs", "Authentication", "Pages under the docs folders about authentication (OIDC, OAuth, SSO, LDAP).";
    DOCS_AUTHORIZATION = "docs.authorization", Docs, "security-docs", "Authorisation and access control", "Pages under the docs folders about authorisation, RBAC and permissions.";
    DOCS_ENCRYPTION = "docs.encryption", Docs, "security-docs", "Encryption", "Pages under the docs folders about encryption and key management.";
    DOCS_AUDIT_LOGGING = "docs.audit-logging", Docs, "security-docs", "Audit logging", "Pages under the docs folders about audit logs.";
    DOCS_HARDENING = "docs.hardening", Docs, "security-docs", "Hardening", "Pages under the docs folders about hardening, sandboxing and least privilege.";
    DOCS_SECRETS = "docs.secrets", Docs, "security-docs", "Secrets handling", "Pages under the docs folders about secrets.";
    DOCS_CONFIGURATION = "docs.configuration", Docs, "security-docs", "Configuration reference", "Pages under the docs folders that document settings.";
    DOCS_SUPPLY_CHAIN = "docs.supply-chain", Docs, "security-docs", "Verifying releases", "Pages under the docs folders about verifying signatures, SBOMs or provenance.";
    DOCS_COMPLIANCE = "docs.compliance", Docs, "security-docs", "Compliance", "Pages under the docs folders about FIPS or compliance.";
    // project-shape
    ARCHITECTURE = "docs.architecture", Docs, "project-shape", "Design and architecture documents",
        "Design, architecture and proposal documents in the tree.";
    README_DESCRIPTION = "docs.readme-description", Docs, "project-shape", "The README's description",
        "The README's first descriptive paragraph, skipping badges, banners and install steps.";
    COMPONENTS = "ecosystem.components", Ecosystem, "project-shape", "Programs built",
        "Programs the project builds, cited at their entry point: Go main packages (main.go, cmd/), Cargo binaries, Python console scripts, npm bin; examples, tests, hack/, tools/ and code generators left out.";
    KNOWN_VULNERABILITIES = "metadata.known-vulnerabilities", Metadata, "project-shape", "Published vulnerability ids",
        "CVE and GHSA ids in changelogs and security documents.";
    // features: security mechanisms the documentation states, one kind per topic
    FEATURE_TLS = "docs.feature-tls", Docs, "features", "TLS and mTLS",
        "Documentation sentences about TLS, mTLS, certificates and cipher settings.";
    FEATURE_AUTHENTICATION = "docs.feature-authentication", Docs, "features", "Authentication",
        "Documentation sentences about authentication: OIDC, OAuth2, JWT, tokens, client certificates, LDAP, SPIFFE.";
    FEATURE_AUTHORIZATION = "docs.feature-authorization", Docs, "features", "Authorisation and tenancy",
        "Documentation sentences about authorisation: RBAC, access control, multi-tenancy, impersonation.";
    FEATURE_ENCRYPTION = "docs.feature-encryption", Docs, "features", "Encryption and key handling",
        "Documentation sentences about encryption at rest and in transit, key management and password hashing.";
    FEATURE_SECRETS = "docs.feature-secrets", Docs, "features", "Secrets handling",
        "Documentation sentences about secret stores and how credentials are kept.";
    FEATURE_SIGNATURES = "docs.feature-signatures", Docs, "features", "Signatures and provenance",
        "Documentation sentences about signing and verifying signatures, attestations and provenance.";
    FEATURE_AUDIT = "docs.feature-audit", Docs, "features", "Audit logging",
        "Documentation sentences about audit logs and access logs.";
    FEATURE_LIMITS = "docs.feature-limits", Docs, "features", "Limits against denial of service",
        "Documentation sentences about rate limits, size and depth limits, timeouts and quotas.";
    FEATURE_ISOLATION = "docs.feature-isolation", Docs, "features", "Isolation and least privilege",
        "Documentation sentences about sandboxing, seccomp, AppArmor, SELinux, non-root and rootless operation, network policies and trusted execution.";
    CODE_SECURITY_SETTINGS = "ecosystem.code-security-settings", Ecosystem, "code-features", "Security settings in code",
        "Security settings the project's own non-test source code makes (minimum TLS version, client certificate checks, server timeouts, body size limits, password hashing, AES-GCM, constant-time comparison), each cited at its line; candidates for a person to confirm.";
    // overview: what the project is, from its manifests and documentation
    PROJECT_IDENTITY = "metadata.project-identity", Metadata, "overview", "Project name and URL",
        "The project's name and repository URL from its manifests when the checkout has no forge remote: go.mod module path, Cargo.toml, package.json and pyproject repository fields, SECURITY-INSIGHTS, the README title.";
    MANIFEST_DESCRIPTION = "docs.manifest-description", Docs, "overview", "The package manifest's description",
        "The description field of the root Cargo.toml, package.json, pyproject.toml or Helm chart.";
    DOCS_INTRODUCTION = "docs.introduction", Docs, "overview", "The documentation's introduction",
        "The first descriptive sentences of the documentation's index or introduction page.";
    GOALS = "docs.goals", Docs, "overview", "Stated goals",
        "Items under a Goals heading in security, threat-model, design or overview documents.";
    NON_GOALS = "docs.non-goals", Docs, "overview", "Stated non-goals",
        "Items under a Non-goals or Out of scope heading in security, threat-model, design or overview documents.";
    FLOWS = "docs.flows", Docs, "overview", "Flows the design documents describe",
        "Sentences of architecture, design and overview documents that say one part sends to, reads from, connects to, calls or watches another.";
    COMPLIANCE_CLAIMS = "docs.compliance-claims", Docs, "overview", "Standards named in the documentation",
        "Documentation sentences that name a compliance standard or certification (FIPS 140, SOC 2, ISO 27001, PCI DSS, FedRAMP, Common Criteria, CIS benchmarks).";
    // governance
    GOVERNANCE_PROCESS = "community.governance-process", Community, "governance", "Decision and membership rules",
        "Sentences of governance, charter and maintainer documents on how decisions are made (votes, majorities, consensus) and how people join, move up or leave.";
    PROPOSAL_PROCESS = "community.proposal-process", Community, "governance", "Proposal process",
        "Folders of design proposals, RFCs, enhancement proposals or decision records, and sentences of contribution and governance documents that ask for one.";
    SAMPLE_CONFIGS = "docs.sample-configs", Docs, "governance", "Default and sample configuration files",
        "Configuration files the project ships as defaults or samples (config.yaml, *.conf, Helm values.yaml), not CI or tooling configuration.";
    // ecosystem
    LANGUAGES = "ecosystem.languages", Ecosystem, "ecosystem", "Languages",
        "Source files by language, with each language's share.";
    MANIFESTS = "ecosystem.manifests", Ecosystem, "ecosystem", "Package manifests",
        "Package manifests and lock files (go.mod, Cargo.toml, package.json ...).";
    CONTAINER_IMAGES = "ecosystem.container-images", Ecosystem, "ecosystem", "Container images",
        "Dockerfiles and Containerfiles, and the base images they start from.";
    BASE_IMAGE_PINNING = "ecosystem.base-image-pinning", Ecosystem, "ecosystem", "Base images pinned by digest",
        "FROM lines that pin the base image by digest.";
    HELM_CHARTS = "ecosystem.helm-charts", Ecosystem, "ecosystem", "Helm charts", "Chart.yaml files.";
    KUBERNETES_CRDS = "ecosystem.kubernetes-crds", Ecosystem, "ecosystem", "Kubernetes custom resources",
        "CustomResourceDefinition manifests.";
    LICENSE = "ecosystem.license", Ecosystem, "ecosystem", "Licence", "The licence file and the SPDX id it matches.";
    // snapshot
    SYMLINKS_OUT_OF_ROOT = "snapshot.symlinks-out-of-root", Snapshot, "snapshot", "Symlinks leaving the repository",
        "Symlinks whose target is outside the repository root; never followed.";
    MISSING_OBJECTS = "snapshot.missing-objects", Snapshot, "snapshot", "Objects missing from the repository",
        "Trees and blobs the object database does not have (a partial clone or mirror).";
    UNREAD_FILES = "snapshot.unread-files", Snapshot, "snapshot", "Files not read",
        "Files a detector wanted that were too large or binary.";
    // design
    DESIGN_LISTENERS = "design.listeners", Design, "design", "Network listeners and ports",
        "Servers started in code (Go net/http, net.Listen, grpc.NewServer; Rust axum, actix, hyper, tonic; Python app.run, uvicorn), flags whose name carries an address or port with their default, Dockerfile EXPOSE, and Kubernetes Service, container and host ports.";
    DESIGN_ROUTES = "design.routes", Design, "design", "HTTP routes and gRPC services",
        "Route registrations with a literal path (net/http, gorilla/mux, gin, echo, chi, axum, actix, flask, fastapi, django) and gRPC services registered on a server.";
    DESIGN_WORKLOADS = "design.workloads", Design, "design", "Workloads and their security settings",
        "Kubernetes Deployments, DaemonSets, StatefulSets, Jobs and Pods in manifests and Helm templates, with privileged, host-namespace, hostPath, root and privilege-escalation settings and service accounts; Dockerfile USER lines.";
    DESIGN_PERMISSIONS = "design.permissions", Design, "design", "Kubernetes RBAC rules",
        "ClusterRoles and Roles with wildcard verbs or resources, access to Secrets, and the escalate, bind and impersonate verbs; the bindings that grant them.";
    DESIGN_EXTENSION_POINTS = "design.extension-points", Design, "design", "Webhooks, custom resources, controllers and plugins",
        "Admission and conversion webhooks (manifests and controller-runtime code), CustomResourceDefinitions with their scope, controllers that reconcile a type, and Go plugin loading.";
    DESIGN_LOCAL_INPUTS = "design.local-inputs", Design, "design", "Environment, standard input and child processes",
        "Environment variables read by name, reads of standard input, and commands started as child processes.";
    DESIGN_SECRETS = "design.secrets", Design, "design", "Secrets, keys and key services",
        "TLS key pairs and private keys loaded, Kubernetes Secrets read or written through client-go, and cloud KMS or Vault clients created.";
    DESIGN_SCOPE_STATEMENTS = "design.scope-statements", Design, "design", "Scope statements in security documents",
        "Lines of SECURITY.md, threat-model and security documents that put something out of scope, disclaim a protection or say what is trusted.";
    // history
    HISTORY_UNAVAILABLE = "history", History, HISTORY, "History unavailable",
        "Whether the history can be read at all (no commits, unreadable objects).";
    COMMITS_DCO = "commits.dco", History, HISTORY, "Commit sign-offs",
        "Non-merge commits in the window with a Signed-off-by trailer, matched against the author.";
    COMMITS_SIGNED = "commits.signed", History, HISTORY, "Commit signatures",
        "Commits in the window with a GPG, SSH or X.509 signature header (detected, not verified); signatures GitHub adds to commits made on its web interface are counted apart from the committers' own.",
        gap(Absent,
            "Signed commits tie each change to a key the author controls.",
            "Ask maintainers to sign commits (SSH signing is simplest) and consider requiring it on the default branch.");
    REVIEW = "review", History, HISTORY, "Review on the main line",
        "First-parent commits that arrived through a pull or merge request or carry review trailers. When few carry a marker but the contribution documents state an approval rule, the history cannot show review and the finding is unknown.";
    CONTRIBUTORS = "contributors", History, HISTORY, "Contributors",
        "Distinct authors after .mailmap, their email domains, and bots counted apart.";
    ACTIVITY = "activity", History, HISTORY, "Activity", "Commits per month and the date of the last commit.";
    RELEASES = "releases", History, HISTORY, "Releases",
        "Version tags in the window: annotated, signed, and the median gap between releases.";
    // catalog entries that readers name
    SECURITY_INSIGHTS = "metadata.security-insights", Metadata, CATALOG, "Security Insights file", "See `assay rules metadata.security-insights`.";
    BEST_PRACTICES_BADGE = "metadata.best-practices-badge", Metadata, CATALOG, "OpenSSF Best Practices badge",
        "See `assay rules metadata.best-practices-badge`.",
        gap(NotFound,
            "The badge shows users which baseline practices the project meets.",
            "Start the OpenSSF Best Practices questionnaire at bestpractices.dev.");
    SCORECARD_BADGE = "metadata.scorecard-badge", Metadata, CATALOG, "OpenSSF Scorecard badge", "See `assay rules metadata.scorecard-badge`.";
    CLOMONITOR = "metadata.clomonitor", Metadata, CATALOG, "CLOMonitor", "See `assay rules metadata.clomonitor`.";
    ARTIFACT_HUB = "metadata.artifact-hub", Metadata, CATALOG, "Artifact Hub", "See `assay rules metadata.artifact-hub`.";
    THREAT_MODEL = "metadata.threat-model", Metadata, CATALOG, "Threat model", "See `assay rules metadata.threat-model`.";
    SECURITY_AUDIT = "metadata.security-audit", Metadata, CATALOG, "Security audit", "See `assay rules metadata.security-audit`.";
    SELF_ASSESSMENT = "metadata.self-assessment", Metadata, CATALOG, "Earlier self-assessment", "See `assay rules metadata.self-assessment`.";
    ADOPTERS = "community.adopters", Community, CATALOG, "Adopters file", "See `assay rules community.adopters`.";
    CHANGELOG = "community.changelog", Community, CATALOG, "Changelog", "See `assay rules community.changelog`.";
    SUPPORT = "community.support", Community, CATALOG, "Support document", "See `assay rules community.support`.";
    ISSUE_TEMPLATES = "review.issue-templates", Review, CATALOG, "Issue templates", "See `assay rules review.issue-templates`.";
    SLACK = "comms.slack", Comms, CATALOG, "Slack", "See `assay rules comms.slack`.";
    DISCORD = "comms.discord", Comms, CATALOG, "Discord", "See `assay rules comms.discord`.";
    MATRIX = "comms.matrix", Comms, CATALOG, "Matrix", "See `assay rules comms.matrix`.";
    ZULIP = "comms.zulip", Comms, CATALOG, "Zulip", "See `assay rules comms.zulip`.";
    GITTER = "comms.gitter", Comms, CATALOG, "Gitter", "See `assay rules comms.gitter`.";
    MAILING_LIST = "comms.mailing-list", Comms, CATALOG, "Mailing list", "See `assay rules comms.mailing-list`.";
    COMMUNITY_MEETING = "comms.community-meeting", Comms, CATALOG, "Project meetings", "See `assay rules comms.community-meeting`.";
    BLOG = "comms.blog", Comms, CATALOG, "Blog", "See `assay rules comms.blog`.";
    SOCIAL = "comms.social", Comms, CATALOG, "Social accounts", "See `assay rules comms.social`.";
    // catalog entries that Security Insights and the Baseline report name
    CONTRIBUTING = "community.contributing", Community, CATALOG, "CONTRIBUTING", "See `assay rules community.contributing`.";
    GOVERNANCE = "community.governance", Community, CATALOG, "GOVERNANCE", "See `assay rules community.governance`.";
    MAINTAINERS = "community.maintainers", Community, CATALOG, "MAINTAINERS", "See `assay rules community.maintainers`.";
    CODE_OF_CONDUCT = "community.code-of-conduct", Community, CATALOG, "Code of conduct", "See `assay rules community.code-of-conduct`.";
    ROADMAP = "community.roadmap", Community, CATALOG, "ROADMAP", "See `assay rules community.roadmap`.";
    CODEOWNERS = "review.codeowners", Review, CATALOG, "CODEOWNERS", "See `assay rules review.codeowners`.";
    PROW_OWNERS = "review.prow-owners", Review, CATALOG, "Prow OWNERS files", "See `assay rules review.prow-owners`.";
    DCO_BOT = "review.dco-bot", Review, CATALOG, "DCO check configuration", "See `assay rules review.dco-bot`.";
    CLA_BOT = "review.cla-bot", Review, CATALOG, "CLA check configuration", "See `assay rules review.cla-bot`.";
}

/// What a finding id is, as far as this crate can tell: a kind declared above, or a whole
/// category reported as not found. Catalog entries not named by a reader are known only to
/// the catalog (assay-scan's `declared` answers for both).
#[derive(Debug, Clone, Copy)]
pub enum Declared {
    Kind(&'static FindingKind),
    /// The category, when none of its catalog entries was found.
    CategorySummary(Category),
}

/// Look up a declared id (kinds and category summaries).
pub fn find(id: &str) -> Option<Declared> {
    if let Some(k) = KINDS.iter().find(|k| k.id == id) {
        return Some(Declared::Kind(k));
    }
    Category::from_id(id)
        .filter(|c| c.summarised())
        .map(Declared::CategorySummary)
}

/// Is `id` the id of a whole-category "not found" finding?
pub fn is_category_summary(id: &str) -> bool {
    matches!(find(id), Some(Declared::CategorySummary(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_documented() {
        let mut seen = HashSet::new();
        for k in KINDS {
            assert!(seen.insert(k.id), "{} declared twice", k.id);
            assert!(
                !k.title.is_empty() && k.looks_for.len() > 10,
                "{} needs words",
                k.id
            );
            assert!(
                Category::from_id(k.id).is_none_or(|c| !c.summarised()),
                "{} collides with a category summary",
                k.id
            );
        }
    }

    #[test]
    fn dotted_ids_start_with_their_category_or_a_documented_prefix() {
        // `commits.*` and `review` are history figures; the rest name their category.
        for k in KINDS.iter().filter(|k| k.detector != HISTORY) {
            let prefix = k.id.split('.').next().unwrap_or_default();
            assert!(
                prefix == k.category.id()
                    || (prefix == "workflow-hygiene" && k.category == Category::WorkflowHygiene),
                "{} is filed under {}",
                k.id,
                k.category.id()
            );
        }
    }
}
