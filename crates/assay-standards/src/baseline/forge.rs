//! `--forge-data FILE`: facts a checkout cannot show, exported from the forge by the
//! user, in a JSON shape documented in the README. Every field is optional; a missing one
//! leaves its controls at "needs forge data". Unknown fields are refused.

use serde::{Deserialize, Serialize};

/// What the forge says about the repository's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForgeData {
    /// The repository can be read without logging in, at a stable address.
    pub repository_public: Option<bool>,
    /// Everyone with write or admin access must use multi-factor authentication.
    pub mfa_required: Option<bool>,
    /// New collaborators get the lowest permission unless someone raises it by hand.
    pub collaborator_least_privilege: Option<bool>,
    /// CI jobs that declare no permissions get a read-only token.
    pub ci_default_token_read_only: Option<bool>,
    /// Rules on the primary branch.
    #[serde(default)]
    pub primary_branch: BranchRules,
    /// The forge's private vulnerability reporting is turned on.
    pub private_vulnerability_reporting: Option<bool>,
    /// The forge refuses pushes that contain secrets.
    pub secret_push_protection: Option<bool>,
    /// Every commit must carry a DCO sign-off or the author must have signed a CLA, and the
    /// forge blocks merging otherwise.
    pub contributor_assertion_enforced: Option<bool>,
    /// The project publishes security advisories for fixed vulnerabilities.
    pub advisories_published: Option<bool>,
    /// What the latest releases carry.
    #[serde(default)]
    pub releases: ReleaseFacts,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BranchRules {
    /// Direct pushes are refused; changes arrive through reviewed requests.
    pub blocks_direct_push: Option<bool>,
    /// The branch cannot be deleted.
    pub blocks_deletion: Option<bool>,
    /// Required status checks must pass before merging.
    pub requires_status_checks: Option<bool>,
    /// How many approvals from someone other than the author a merge needs.
    pub required_approvals: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseFacts {
    /// Every asset's name carries the release's version (or its own unique id).
    pub assets_versioned: Option<bool>,
    /// Assets are signed, or listed with hashes in a signed manifest.
    pub signed: Option<bool>,
    /// Compiled assets come with an SBOM.
    pub sbom: Option<bool>,
    /// The licence ships with the assets.
    pub license_included: Option<bool>,
    /// Release notes describe functional and security changes.
    pub change_notes: Option<bool>,
}

/// Bad forge data: the path and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("forge data is not in the documented shape: {0}")]
pub struct ForgeDataError(#[from] serde_json::Error);

impl ForgeData {
    pub fn from_json(text: &str) -> Result<ForgeData, ForgeDataError> {
        Ok(serde_json::from_str(text)?)
    }

    /// The value of a field by its dotted name, as true or false.
    pub fn get(&self, field: &str) -> Option<bool> {
        let b = &self.primary_branch;
        let r = &self.releases;
        match field {
            "repository_public" => self.repository_public,
            "mfa_required" => self.mfa_required,
            "collaborator_least_privilege" => self.collaborator_least_privilege,
            "ci_default_token_read_only" => self.ci_default_token_read_only,
            "primary_branch.blocks_direct_push" => b.blocks_direct_push,
            "primary_branch.blocks_deletion" => b.blocks_deletion,
            "primary_branch.requires_status_checks" => b.requires_status_checks,
            "primary_branch.required_approvals" => b.required_approvals.map(|n| n >= 1),
            "private_vulnerability_reporting" => self.private_vulnerability_reporting,
            "secret_push_protection" => self.secret_push_protection,
            "contributor_assertion_enforced" => self.contributor_assertion_enforced,
            "advisories_published" => self.advisories_published,
            "releases.assets_versioned" => r.assets_versioned,
            "releases.signed" => r.signed,
            "releases.sbom" => r.sbom,
            "releases.license_included" => r.license_included,
            "releases.change_notes" => r.change_notes,
            _ => None,
        }
    }
}

/// Every field [`ForgeData::get`] answers, for the documentation test.
pub const FIELDS: &[&str] = &[
    "repository_public",
    "mfa_required",
    "collaborator_least_privilege",
    "ci_default_token_read_only",
    "primary_branch.blocks_direct_push",
    "primary_branch.blocks_deletion",
    "primary_branch.requires_status_checks",
    "primary_branch.required_approvals",
    "private_vulnerability_reporting",
    "secret_push_protection",
    "contributor_assertion_enforced",
    "advisories_published",
    "releases.assets_versioned",
    "releases.signed",
    "releases.sbom",
    "releases.license_included",
    "releases.change_notes",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_and_unknown_ones_are_refused() {
        let d = ForgeData::from_json(
            r#"{"mfa_required": true, "primary_branch": {"required_approvals": 0}}"#,
        )
        .expect("valid");
        assert_eq!(d.get("mfa_required"), Some(true));
        assert_eq!(d.get("primary_branch.required_approvals"), Some(false));
        assert_eq!(d.get("releases.signed"), None);
        assert!(ForgeData::from_json(r#"{"mfa": true}"#).is_err());
        assert!(ForgeData::from_json("[").is_err());
        let full = ForgeData::default();
        for f in FIELDS {
            assert_eq!(full.get(f), None, "{f}");
        }
    }
}
