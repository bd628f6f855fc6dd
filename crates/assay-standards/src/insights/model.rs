//! Security Insights v2.2.0 as typed structs, for writing a document and for reading one
//! that [`super::validate`] has accepted. Unknown fields are refused, as the schema's
//! closed definitions refuse them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SecurityInsights {
    pub header: Header,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Project>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<Repository>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Header {
    pub schema_version: String,
    pub last_updated: String,
    pub last_reviewed: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_si_source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Contact {
    pub name: String,
    pub primary: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct License {
    pub url: String,
    pub expression: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub uri: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectRepository {
    pub name: String,
    pub comment: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Project {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roadmap: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steward: Option<Link>,
    pub administrators: Vec<Contact>,
    pub repositories: Vec<ProjectRepository>,
    pub vulnerability_reporting: VulnerabilityReporting,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<ProjectDocumentation>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProjectDocumentation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detailed_guide: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_of_conduct: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quickstart_guide: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_process: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_verification: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VulnerabilityReporting {
    pub reports_accepted: bool,
    pub bug_bounty_available: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bug_bounty_program: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pgp_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_scope: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_scope: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Repository {
    pub status: String,
    pub url: String,
    pub accepts_change_request: bool,
    pub accepts_automated_change_request: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bug_fixes_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_third_party_packages: Option<bool>,
    pub core_team: Vec<Contact>,
    pub license: License,
    pub security: SecurityPosture,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<RepositoryDocumentation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<ReleaseDetails>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RepositoryDocumentation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contributing_guide: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependency_management_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_policy: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReleaseDetails {
    pub automated_pipeline: bool,
    pub distribution_points: Vec<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changelog: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<License>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestations: Option<Vec<Attestation>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Attestation {
    pub name: String,
    pub location: String,
    pub predicate_uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SecurityPosture {
    pub assessments: Assessments,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub champions: Option<Vec<Contact>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<SecurityTool>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Assessments {
    #[serde(rename = "self")]
    pub own: Assessment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party: Option<Vec<Assessment>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub comment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityTool {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub rulesets: Vec<String>,
    pub integration: ToolIntegration,
    pub results: ToolResults,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolIntegration {
    pub adhoc: bool,
    pub ci: bool,
    pub release: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolResults {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adhoc: Option<Attestation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci: Option<Attestation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<Attestation>,
}
