//! The TAG-Security self-assessment outline as data. Headings are the outline's own (they
//! are facts about the format); everything else assay writes is its own words.

/// One section of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutlineSection {
    pub id: &'static str,
    pub heading: &'static str,
    /// Depth below the document title: 1 for top sections.
    pub depth: u8,
    /// The outline asks every assessment to have it.
    pub required: bool,
}

const fn s(id: &'static str, heading: &'static str, depth: u8, required: bool) -> OutlineSection {
    OutlineSection {
        id,
        heading,
        depth,
        required,
    }
}

/// The outline, in order.
pub const OUTLINE: &[OutlineSection] = &[
    s("metadata", "Metadata", 1, true),
    s("security-links", "Security links", 2, true),
    s("overview", "Overview", 1, true),
    s("background", "Background", 2, true),
    s("actors", "Actors", 2, true),
    s("actions", "Actions", 2, true),
    s("goals", "Goals", 2, true),
    s("non-goals", "Non-goals", 2, true),
    s("self-assessment-use", "Self-assessment use", 1, true),
    s(
        "security-functions-and-features",
        "Security functions and features",
        1,
        true,
    ),
    s("project-compliance", "Project compliance", 1, true),
    s(
        "secure-development-practices",
        "Secure development practices",
        1,
        true,
    ),
    s("development-pipeline", "Development Pipeline", 2, true),
    s("communication-channels", "Communication Channels", 2, true),
    s("internal", "Internal", 3, true),
    s("inbound", "Inbound", 3, true),
    s("outbound", "Outbound", 3, true),
    s("ecosystem", "Ecosystem", 2, true),
    s(
        "security-issue-resolution",
        "Security issue resolution",
        1,
        true,
    ),
    s(
        "responsible-disclosures-process",
        "Responsible Disclosures Process",
        2,
        true,
    ),
    s(
        "vulnerability-response-process",
        "Vulnerability Response Process",
        2,
        true,
    ),
    s("incident-response", "Incident Response", 2, true),
    s("appendix", "Appendix", 1, true),
    s("known-issues-over-time", "Known Issues Over Time", 2, false),
    s("openssf-best-practices", "OpenSSF Best Practices", 2, false),
    s("case-studies", "Case Studies", 2, false),
    s(
        "related-projects-vendors",
        "Related Projects / Vendors",
        2,
        false,
    ),
];

pub fn section(id: &str) -> Option<&'static OutlineSection> {
    OUTLINE.iter().find(|s| s.id == id)
}

/// GitHub's anchor for a heading: lower-case, spaces to dashes, punctuation dropped.
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_anchors_match_headings() {
        let mut ids: Vec<&str> = OUTLINE.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), OUTLINE.len());
        assert_eq!(
            anchor("Related Projects / Vendors"),
            "related-projects--vendors"
        );
        assert_eq!(anchor("Non-goals"), "non-goals");
    }
}
