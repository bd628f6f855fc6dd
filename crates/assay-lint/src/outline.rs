//! The revisions of the TAG-Security outline that accepted assessments were written
//! against, as data, and how a document's revision is told from the sections it has.
//!
//! The outline changed over the years; an assessment is checked against the revision it
//! follows, not the newest one. Headings are the outline's own (facts about the format);
//! the prose here is ours.
//!
//! | revision | source in cncf/tag-security | what changed |
//! | --- | --- | --- |
//! | 2019 | `assessments/guide/outline.md`, 2019-06 to 2021-02 | Intended Use, Project Design, Configuration and Set-Up, Security Analysis, Roadmap; parts as bullets |
//! | 2021 | `assessments/guide/self-assessment.md`, 2021-02-23 | Security links, Self-assessment use, Security functions and features; Languages and SBOM rows |
//! | 2023 | same file, 2023-01-05 | Actors and Actions under Overview; Goal becomes Goals |
//! | 2024 | same file, 2024-01-08 (moved to `community/` 2024-06) | Assessment Stage row; OpenSSF instead of CII |

use std::fmt;
use std::str::FromStr;

use crate::document::Document;

/// One section of one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub id: &'static str,
    pub heading: &'static str,
    /// Depth below the document title: 1 for top sections. A part of depth 3 is asked
    /// inside its parent (Internal under Communication Channels, Vulnerability Response
    /// Process under Responsible Disclosures Process).
    pub depth: u8,
    pub required: bool,
}

const fn p(id: &'static str, heading: &'static str, depth: u8, required: bool) -> Part {
    Part {
        id,
        heading,
        depth,
        required,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutlineVersion {
    V2019,
    V2021,
    V2023,
    V2024,
}

const PRACTICES_AND_RESOLUTION: [Part; 11] = [
    p(
        "secure-development-practices",
        "Secure development practices",
        1,
        true,
    ),
    p("development-pipeline", "Development Pipeline", 2, true),
    p("communication-channels", "Communication Channels", 2, true),
    p("internal", "Internal", 3, true),
    p("inbound", "Inbound", 3, true),
    p("outbound", "Outbound", 3, true),
    p("ecosystem", "Ecosystem", 2, true),
    p(
        "security-issue-resolution",
        "Security issue resolution",
        1,
        true,
    ),
    p(
        "responsible-disclosures-process",
        "Responsible Disclosures Process",
        2,
        true,
    ),
    p(
        "vulnerability-response-process",
        "Vulnerability Response Process",
        3,
        true,
    ),
    p("incident-response", "Incident Response", 2, true),
];

const V2019: &[Part] = &[
    p("metadata", "Metadata", 1, true),
    p("overview", "Overview", 1, true),
    p("background", "Background", 2, true),
    p("goals", "Goal", 2, true),
    p("non-goals", "Non-goals", 2, true),
    p("intended-use", "Intended Use", 1, true),
    p("project-design", "Project Design", 1, true),
    p(
        "configuration-and-set-up",
        "Configuration and Set-Up",
        1,
        true,
    ),
    p("project-compliance", "Project Compliance", 1, true),
    p("security-analysis", "Security Analysis", 1, true),
    p(
        "secure-development-practices",
        "Secure Development Practices",
        1,
        true,
    ),
    PRACTICES_AND_RESOLUTION[1],
    PRACTICES_AND_RESOLUTION[2],
    PRACTICES_AND_RESOLUTION[3],
    PRACTICES_AND_RESOLUTION[4],
    PRACTICES_AND_RESOLUTION[5],
    PRACTICES_AND_RESOLUTION[6],
    p(
        "security-issue-resolution",
        "Security Issue Resolution",
        1,
        true,
    ),
    PRACTICES_AND_RESOLUTION[8],
    PRACTICES_AND_RESOLUTION[9],
    PRACTICES_AND_RESOLUTION[10],
    p("roadmap", "Roadmap", 1, true),
    p("appendix", "Appendix", 1, true),
    p("known-issues-over-time", "Known Issues Over Time", 2, false),
    p("openssf-best-practices", "CII Best Practices", 2, false),
    p("case-studies", "Case Studies", 2, false),
    p(
        "related-projects-vendors",
        "Related Projects / Vendors",
        2,
        false,
    ),
];

/// Sections 2021 and later share, before and after the Overview's parts.
const HEAD: [Part; 3] = [
    p("metadata", "Metadata", 1, true),
    p("security-links", "Security links", 2, true),
    p("overview", "Overview", 1, true),
];
const MIDDLE: [Part; 4] = [
    p("non-goals", "Non-goals", 2, true),
    p("self-assessment-use", "Self-assessment use", 1, true),
    p(
        "security-functions-and-features",
        "Security functions and features",
        1,
        true,
    ),
    p("project-compliance", "Project compliance", 1, true),
];
const TAIL: [Part; 4] = [
    p("appendix", "Appendix", 1, true),
    p("known-issues-over-time", "Known Issues Over Time", 2, false),
    p("case-studies", "Case Studies", 2, false),
    p(
        "related-projects-vendors",
        "Related Projects / Vendors",
        2,
        false,
    ),
];

macro_rules! revision {
    ([$($overview:expr),*], $best:expr) => {
        &[
            HEAD[0], HEAD[1], HEAD[2],
            $($overview,)*
            MIDDLE[0], MIDDLE[1], MIDDLE[2], MIDDLE[3],
            PRACTICES_AND_RESOLUTION[0],
            PRACTICES_AND_RESOLUTION[1],
            PRACTICES_AND_RESOLUTION[2],
            PRACTICES_AND_RESOLUTION[3],
            PRACTICES_AND_RESOLUTION[4],
            PRACTICES_AND_RESOLUTION[5],
            PRACTICES_AND_RESOLUTION[6],
            PRACTICES_AND_RESOLUTION[7],
            PRACTICES_AND_RESOLUTION[8],
            PRACTICES_AND_RESOLUTION[9],
            PRACTICES_AND_RESOLUTION[10],
            TAIL[0],
            TAIL[1],
            p("openssf-best-practices", $best, 2, false),
            TAIL[2],
            TAIL[3],
        ]
    };
}

const V2021: &[Part] = revision!(
    [
        p("background", "Background", 2, true),
        p("goals", "Goal", 2, true)
    ],
    "CII Best Practices"
);
const V2023: &[Part] = revision!(
    [
        p("background", "Background", 2, true),
        p("actors", "Actors", 2, true),
        p("actions", "Actions", 2, true),
        p("goals", "Goals", 2, true)
    ],
    "CII Best Practices"
);
const V2024: &[Part] = revision!(
    [
        p("background", "Background", 2, true),
        p("actors", "Actors", 2, true),
        p("actions", "Actions", 2, true),
        p("goals", "Goals", 2, true)
    ],
    "OpenSSF Best Practices"
);

/// Every section any revision names, for recognising headings.
pub(crate) fn depth(id: &str) -> Option<u8> {
    OutlineVersion::ALL
        .iter()
        .flat_map(|v| v.parts())
        .find(|s| s.id == id)
        .map(|s| s.depth)
}

impl OutlineVersion {
    pub const ALL: [OutlineVersion; 4] = [Self::V2019, Self::V2021, Self::V2023, Self::V2024];
    pub const CURRENT: OutlineVersion = Self::V2024;

    /// The name `--outline` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::V2019 => "2019",
            Self::V2021 => "2021",
            Self::V2023 => "2023",
            Self::V2024 => "2024",
        }
    }

    /// Which revision of the outline this is, in a few words.
    pub fn revision(self) -> &'static str {
        match self {
            Self::V2019 => "outline.md, June 2019 to February 2021",
            Self::V2021 => "self-assessment.md, February 2021",
            Self::V2023 => "self-assessment.md, January 2023",
            Self::V2024 => "self-assessment.md, January 2024, current",
        }
    }

    /// The sections, in the revision's order.
    pub fn parts(self) -> &'static [Part] {
        match self {
            Self::V2019 => V2019,
            Self::V2021 => V2021,
            Self::V2023 => V2023,
            Self::V2024 => V2024,
        }
    }

    pub fn part(self, id: &str) -> Option<&'static Part> {
        self.parts().iter().find(|s| s.id == id)
    }

    /// The top section a part belongs to.
    pub fn top_of(self, id: &str) -> Option<&'static Part> {
        let parts = self.parts();
        let at = parts.iter().position(|s| s.id == id)?;
        parts[..=at].iter().rev().find(|s| s.depth == 1)
    }

    /// Whether the revision's metadata table has this row (`assessment stage`, `languages`,
    /// `sbom`, `software`, `security provider`).
    pub fn has_metadata_row(self, row: &str) -> bool {
        match row {
            "assessment stage" => self >= Self::V2024,
            "languages" | "sbom" => self >= Self::V2021,
            _ => true,
        }
    }
}

impl fmt::Display for OutlineVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which revision to lint against: a fixed one, or the one the document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutlineChoice {
    #[default]
    Auto,
    Fixed(OutlineVersion),
}

#[derive(Debug, thiserror::Error)]
#[error("unknown outline `{0}`: use auto, current, 2019, 2021, 2023 or 2024")]
pub struct UnknownOutline(String);

impl FromStr for OutlineChoice {
    type Err = UnknownOutline;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("auto") {
            return Ok(Self::Auto);
        }
        if s.eq_ignore_ascii_case("current") || s.eq_ignore_ascii_case("latest") {
            return Ok(Self::Fixed(OutlineVersion::CURRENT));
        }
        OutlineVersion::ALL
            .into_iter()
            .find(|v| v.name() == s)
            .map(Self::Fixed)
            .ok_or_else(|| UnknownOutline(s.chars().take(40).collect()))
    }
}

/// The revision a document is linted against, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub version: OutlineVersion,
    /// One sentence: which sections decided it, or that it was chosen.
    pub reason: String,
}

impl Detection {
    /// One line for the user, e.g. `doc.md: outline 2023 (...): has Actors ...`.
    pub fn note(&self, path: &str) -> String {
        assay_model::strip_control_chars(&format!(
            "{path}: checked against the {} outline ({}): {}",
            self.version,
            self.version.revision(),
            self.reason
        ))
        .replace('\n', " ")
    }
}

/// Top sections only the 2019 outline had.
const ONLY_2019: [&str; 5] = [
    "intended-use",
    "project-design",
    "configuration-and-set-up",
    "security-analysis",
    "roadmap",
];
/// Top sections that replaced them in 2021.
const SINCE_2021: [&str; 2] = ["self-assessment-use", "security-functions-and-features"];

/// The revision `doc` follows, decided by its headings in this order:
///
/// 1. more of the 2019-only top sections (Intended Use, Project Design, Configuration and
///    Set-Up, Security Analysis, Roadmap) than of those that replaced them in 2021
///    (Self-assessment use, Security functions and features): 2019;
/// 2. an Actors or Actions heading: 2024 when the metadata has an Assessment Stage row,
///    else 2023;
/// 3. one of the 2021 top sections: 2021;
/// 4. nothing that tells: the current revision.
pub fn detect(doc: &Document) -> Detection {
    let has = |id: &str| doc.section(id).is_some();
    let names = |ids: &[&str]| -> Vec<&'static str> {
        ids.iter()
            .filter(|id| has(id))
            .filter_map(|id| heading_of(id))
            .collect()
    };
    let old = names(&ONLY_2019);
    let new = names(&SINCE_2021);
    if old.len() > new.len() {
        return Detection {
            version: OutlineVersion::V2019,
            reason: format!(
                "has {} of the sections only the 2019 outline had ({}) and {} of those that replaced them",
                old.len(),
                old.join(", "),
                new.len()
            ),
        };
    }
    let overview_parts = names(&["actors", "actions"]);
    if !overview_parts.is_empty() {
        let staged = crate::rules::metadata_row(doc, "assessment stage").is_some();
        return Detection {
            version: if staged {
                OutlineVersion::V2024
            } else {
                OutlineVersion::V2023
            },
            reason: format!(
                "has {} (added in 2023) and {} Assessment Stage row (added in 2024)",
                overview_parts.join(" and "),
                if staged { "an" } else { "no" }
            ),
        };
    }
    if !new.is_empty() {
        return Detection {
            version: OutlineVersion::V2021,
            reason: format!(
                "has {} (added in 2021) but neither Actors nor Actions (added in 2023)",
                new.join(" and ")
            ),
        };
    }
    Detection {
        version: OutlineVersion::CURRENT,
        reason: "no section tells an older revision apart".to_owned(),
    }
}

fn heading_of(id: &str) -> Option<&'static str> {
    OutlineVersion::ALL
        .iter()
        .rev()
        .find_map(|v| v.part(id))
        .map(|s| s.heading)
}

/// The revision to lint `doc` against under `choice`.
pub fn resolve(choice: OutlineChoice, doc: &Document) -> Detection {
    match choice {
        OutlineChoice::Auto => detect(doc),
        OutlineChoice::Fixed(v) => Detection {
            version: v,
            reason: "chosen with --outline".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn each_revision_lists_a_section_once_and_starts_with_a_top_section() {
        for v in OutlineVersion::ALL {
            let mut seen = HashSet::new();
            for s in v.parts() {
                assert!(seen.insert(s.id), "{v}: {} twice", s.id);
                assert_eq!(depth(s.id), Some(s.depth), "{v}: {} depth differs", s.id);
            }
            assert_eq!(v.parts()[0].depth, 1);
        }
    }

    #[test]
    fn the_current_revision_has_the_sections_of_the_model_outline() {
        let model: HashSet<&str> = assay_model::outline::OUTLINE.iter().map(|s| s.id).collect();
        let current: HashSet<&str> = OutlineVersion::CURRENT
            .parts()
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(model, current);
        for s in assay_model::outline::OUTLINE {
            let ours = OutlineVersion::CURRENT.part(s.id).map(|p| p.heading);
            assert_eq!(ours, Some(s.heading));
        }
    }

    #[test]
    fn names_parse() {
        assert_eq!(
            "auto".parse::<OutlineChoice>().ok(),
            Some(OutlineChoice::Auto)
        );
        assert_eq!(
            "current".parse::<OutlineChoice>().ok(),
            Some(OutlineChoice::Fixed(OutlineVersion::V2024))
        );
        assert_eq!(
            "2019".parse::<OutlineChoice>().ok(),
            Some(OutlineChoice::Fixed(OutlineVersion::V2019))
        );
        assert!("2020".parse::<OutlineChoice>().is_err());
    }
}
