//! The practice areas a finding belongs to, as one table: id, heading, what role the area
//! plays for readers (scan report, draft, verify), the advice shown when it is missing,
//! and the words that mean a document mentions it. A new category is one row.

use serde::{Deserialize, Serialize};

/// What a category is, for the code that reads findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A development practice: the draft lists it under Development Pipeline, and a tool
    /// of this category named in an assessment is a claim verify can check.
    Practice,
    /// Where people talk to the team: the draft's Communication Channels.
    Channel,
    /// A fact about the project itself: its policy, files, documentation, ecosystem.
    Project,
    /// Figures read from the commit history.
    History,
    /// The health of the scan itself (unreadable files, missing objects).
    Snapshot,
}

/// Why a missing practice matters, and the first step to close the gap; our words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub why: &'static str,
    pub first_step: &'static str,
}

/// One row of the category table.
#[derive(Debug)]
pub struct CategoryInfo {
    pub category: Category,
    /// Stable id used in finding ids and JSON.
    pub id: &'static str,
    /// A heading for people.
    pub title: &'static str,
    pub role: Role,
    /// When set, the scan reports the whole category as not found (a finding whose id is
    /// the category id) when no catalog entry of it is found, and the draft's gap table
    /// gives this advice.
    pub gap: Option<Gap>,
    /// Lower-case words whose presence means a document talks about this practice; used
    /// to tell a practice the assessment leaves out. Empty: not checked.
    pub mentions: &'static [&'static str],
}

macro_rules! categories {
    ($(
        $variant:ident = $id:literal, $title:literal, $role:ident
        $(, gap($why:literal, $step:literal))?
        $(, mentions [$($word:literal),* $(,)?])?
        ;
    )*) => {
        /// The practice area a finding belongs to. The order here is the order of the text
        /// report and of the draft's pipeline.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        pub enum Category {
            $( #[serde(rename = $id)] $variant, )*
        }

        const TABLE: &[CategoryInfo] = &[
            $( CategoryInfo {
                category: Category::$variant,
                id: $id,
                title: $title,
                role: Role::$role,
                gap: categories!(@gap $($why, $step)?),
                mentions: &[$($($word),*)?],
            }, )*
        ];
    };
    (@gap) => { None };
    (@gap $why:literal, $step:literal) => { Some(Gap { why: $why, first_step: $step }) };
}

categories! {
    Policy = "policy", "Security policy and contacts", Project;
    Ci = "ci", "Continuous integration", Practice,
        gap("Without CI, nothing checks a change before it merges.",
            "Run the build and the tests on every pull request.");
    Tests = "tests", "Tests", Practice;
    Lint = "lint", "Linters", Practice,
        gap("Linters catch classes of bugs, some security-relevant, before review does.",
            "Run the language's standard linter in CI on every pull request.");
    Sast = "sast", "Static analysis (SAST)", Practice,
        gap("Static analysis finds injection, unsafe API use and similar flaws that tests miss.",
            "Enable CodeQL (or the language's security linter, such as gosec or Bandit) on pull requests."),
        mentions ["static analysis", "sast", "codeql", "gosec", "semgrep", "sonar", "bandit"];
    VulnScan = "vuln-scan", "Vulnerability and composition scanning", Practice,
        gap("Known-vulnerable dependencies are the most common way a project inherits a CVE.",
            "Run a dependency scanner (govulncheck, osv-scanner, cargo-audit, Trivy) in CI and on a schedule."),
        mentions ["vulnerab", "scann", "trivy", "grype", "snyk", "govulncheck", "audit"];
    DepsUpdate = "deps-update", "Dependency updates", Practice,
        gap("Dependencies that are not updated keep their known vulnerabilities.",
            "Configure Dependabot or Renovate for every package ecosystem in the repository."),
        mentions ["dependabot", "renovate", "dependency update", "dependencies up to date"];
    SecretScan = "secret-scan", "Secret scanning", Practice,
        gap("A leaked credential in the history gives an attacker direct access.",
            "Turn on the forge's secret scanning, or run gitleaks or TruffleHog in CI."),
        mentions ["secret scan", "gitleaks", "trufflehog", "detect-secrets", "ggshield"];
    Fuzzing = "fuzzing", "Fuzzing", Practice,
        gap("Parsers and decoders fed untrusted input hide crashes that only fuzzing finds.",
            "Write fuzz targets for input parsers and apply to OSS-Fuzz or run ClusterFuzzLite in CI."),
        mentions ["fuzz"];
    Signing = "signing", "Signing", Practice,
        gap("Unsigned releases cannot be told apart from tampered ones.",
            "Sign release artefacts and images with cosign (keyless) and document how to verify them."),
        mentions ["sign"];
    Sbom = "sbom", "SBOM", Practice,
        gap("Users cannot check what a release contains without an SBOM.",
            "Generate an SBOM for each release (Syft, or GoReleaser's sboms section) and publish it with the release."),
        mentions ["sbom", "bill of materials", "spdx", "cyclonedx"];
    Provenance = "provenance", "Build provenance", Practice,
        gap("Provenance lets users verify where and how an artefact was built.",
            "Publish SLSA provenance with actions/attest-build-provenance or the SLSA GitHub generator."),
        mentions ["provenance", "slsa", "attestation"];
    Release = "release", "Release tooling", Practice;
    Hardening = "hardening", "Supply-chain hardening", Practice,
        gap("CI workflows hold credentials; unreviewed permissions and actions widen the attack surface.",
            "Run the OpenSSF Scorecard action and fix what it reports.");
    WorkflowHygiene = "workflow-hygiene", "Workflow hygiene", Practice;
    Review = "review", "Review and contribution", Project;
    Community = "community", "Community and governance files", Project;
    Comms = "comms", "Communication channels", Channel,
        gap("Users, contributors and reporters need a known place to reach the maintainers.",
            "Link the project's chat, mailing list or discussion forum from the README.");
    Ecosystem = "ecosystem", "Ecosystem", Project;
    Metadata = "metadata", "Security metadata", Project;
    Docs = "docs", "Security-relevant documentation", Project;
    Design = "design", "Design facts from code and manifests", Project;
    History = "history", "History", History;
    Snapshot = "snapshot", "Snapshot", Snapshot;
}

const COUNT: usize = TABLE.len();

impl Category {
    /// Every category, in table order.
    pub const ALL: [Category; COUNT] = {
        let mut all = [Category::Policy; COUNT];
        let mut i = 0;
        while i < COUNT {
            all[i] = TABLE[i].category;
            i += 1;
        }
        all
    };

    /// This category's row.
    pub fn info(self) -> &'static CategoryInfo {
        // The macro writes the table in declaration order, so the discriminant indexes it
        // (checked by a test).
        &TABLE[self as usize]
    }

    /// The stable id used in finding ids and JSON.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// A heading for people.
    pub fn title(self) -> &'static str {
        self.info().title
    }

    pub fn role(self) -> Role {
        self.info().role
    }

    /// Advice for the draft's gap table when the whole category is missing.
    pub fn gap(self) -> Option<Gap> {
        self.info().gap
    }

    /// Is the whole category reported as not found when no catalog entry of it is?
    pub fn summarised(self) -> bool {
        self.info().gap.is_some()
    }

    pub fn from_id(id: &str) -> Option<Category> {
        TABLE.iter().find(|c| c.id == id).map(|c| c.category)
    }

    /// Every category playing `role`, in table order.
    pub fn with_role(role: Role) -> impl Iterator<Item = Category> {
        TABLE
            .iter()
            .filter(move |c| c.role == role)
            .map(|c| c.category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_indexed_by_discriminant() {
        for (i, row) in TABLE.iter().enumerate() {
            assert_eq!(row.category as usize, i, "{} is out of place", row.id);
            assert_eq!(Category::ALL[i], row.category);
        }
    }

    #[test]
    fn category_ids_round_trip_and_match_serde() {
        for c in Category::ALL {
            assert_eq!(Category::from_id(c.id()), Some(c));
            let json = serde_json::to_string(&c).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", c.id()));
        }
    }

    #[test]
    fn ids_are_unique_and_mentions_lower_case() {
        let mut seen = std::collections::HashSet::new();
        for row in TABLE {
            assert!(seen.insert(row.id), "duplicate {}", row.id);
            for w in row.mentions {
                assert_eq!(
                    *w,
                    w.to_lowercase(),
                    "{}: mentions are matched on lower case",
                    row.id
                );
            }
        }
    }
}
