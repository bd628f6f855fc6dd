//! What a policy says about each aspect a reporter or reviewer asks about, judged sentence
//! by sentence: an aspect counts only when one sentence says it, and that sentence is what
//! the draft quotes.

use std::sync::LazyLock;

use regex::Regex;

use assay_model::detail::PolicyAspect as A;

use super::prose::Sentence;
use crate::detect::ci_regex as re;

pub(crate) static TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:\d+|one|two|three|five|seven|ten|fourteen|thirty|ninety)\s*(?:-\s*)?(?:business\s+|working\s+|calendar\s+)?(?:hours?|days?|weeks?)\b",
    )
});
/// Words of any sentence that states a time someone works to (kept for checking claims).
pub(crate) static TIME_CONTEXT: LazyLock<Regex> =
    LazyLock::new(|| re(r"respon|acknowledg|reply|triage|within|expect|fix|patch|release"));
/// An answer to the reporter, as opposed to the team's own deadlines.
static ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\backnowledg\w*|\brespon(?:d|se|ses)\b|\brepl(?:y|ies)\b|\banswer\w*|\bhear (?:back|from)|\bget back to|\bconfirm(?:ation)?\b[^.]{0,40}\b(?:receipt|report)|\btriage\w*",
    )
});
static PGP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"BEGIN PGP PUBLIC KEY|\bPGP\b|\bGPG key|\bkey fingerprint|\bopenpgp|\bencrypt\w*\b[^.]{0,40}\bpublic key",
    )
});
static PGP_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"\bPGP\b|\bGPG\b|\bkeys?\b|encrypt"));
static DISCLOSURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bembargo|coordinated (?:vulnerability )?disclosure|responsible disclosure|disclosure (?:timeline|date|deadline)|\bpublic disclosure|\bdisclose[ds]?\b[^.]{0,60}\b(?:once|after|when|until|before|alongside|publicly)",
    )
});
/// Someone else's disclosure: "if you know of a publicly disclosed vulnerability".
static ALREADY_PUBLIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bpublicly disclosed (?:security )?(?:vulnerabilit|issue|bug)"));
static DISCLOSURE_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"disclos|embargo"));
static SUPPORTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"supported (?:versions|releases)|versions? (?:that are |currently )?supported|security (?:fixes|patches|updates|releases) (?:are|will be) (?:provided|backported|released|supported) for|\bsupports? security (?:releases|fixes)",
    )
});
static SUPPORT_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"\bsupport"));
/// The sentence itself speaks of support or fixes, not only of release phases.
static SUPPORT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bsupport\w*|\bmaintain\w*|\bfix\w*|\bpatch\w*|\bbackport\w*|\bend of life\b|\beol\b")
});
/// A statement of which versions: a number, or a relative one ("the latest minor").
static WHICH_VERSIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\d|\b(?:latest|current|most recent|previous|last|newest|all|only)\b[^.]{0,40}\b(?:versions?|releases?|branch\w*|series|minor|major)",
    )
});
static CVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bCVEs?\b[^.]{0,60}\b(?:assign|request|issu|obtain|reserv|publish)\w*|\b(?:assign|request|issu|obtain|reserv)\w*\s+(?:a\s+|the\s+)?CVE|\bCNA\b|\b(?:publish|issue|create|draft)\w*\s+(?:a |an |the )?(?:GitHub |draft )?security advisor|\bsecurity advisor(?:y|ies)\s+(?:is|are|will be)\s+(?:published|issued|created)|\bGHSA-",
    )
});
static SEVERITY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bCVSS\b|\b(?:severity|risk)\b[^.]{0,80}\b(?:scale|taxonomy|levels?|ratings?|scores?|matrix)\b|\b(?:scale|taxonomy|levels?|ratings?|scores?|matrix)\b[^.]{0,80}\b(?:severity|risk)\b",
    )
});
static LEVELS: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:critical|high|medium|moderate|low)\b"));
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bcredit\w*|\bhall of fame|\backnowledg\w* (?:the )?(?:reporter|researcher|finder)")
});
static REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\breport\w*|\bresearcher|\bfinder|\bdiscoverer|\bsubmitter|\bhall of fame")
});
static PRIVATE_FIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bprivate (?:fork|branch|repositor\w*|patch\w*|fix\w*)|\b(?:fix|patch)\w*\b[^.]{0,60}\b(?:in private|privately|embargo\w*|via e-?mail|by e-?mail|private (?:fork|branch|repositor\w*))|\bformat-patch",
    )
});
static FIX_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"\bfix\w*|\bpatch\w*"));
static TEAM_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:security|response) (?:team|committee)\b[^.]{0,20}\bwill (?:respond|investigate|handle|triage|review)\b|\b(?:security|response) (?:team|committee)\b[^.]{0,40}\b(?:is|are|consists|made up|includes|members|subset|comprised)\b|\bcoordinator\b|\bpoint of contact\b|\bincident commander\b",
    )
});
static TEAM_WEAK: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bsecurity response (?:team|committee)|\bproduct security committee\b|\bsecurity team\b")
});
static BOUNTY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bbug bount|hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com"));

/// Does sentence `s` state `aspect`? The strong form wins over the weak one.
fn says(aspect: A, s: &Sentence) -> Option<u8> {
    let t = s.text.as_str();
    if s.heading {
        return None;
    }
    if s.code {
        return (aspect == A::PgpKey && PGP.is_match(t)).then_some(1);
    }
    let hit = match aspect {
        A::PgpKey => PGP.is_match(t),
        A::ResponseTimes => TIME.is_match(t) && ANSWER.is_match(t),
        A::Disclosure => DISCLOSURE.is_match(t) && !ALREADY_PUBLIC.is_match(t),
        A::SupportedVersions => {
            WHICH_VERSIONS.is_match(t)
                && (SUPPORTED.is_match(t)
                    || (SUPPORT_HEADING.is_match(s.section()) && SUPPORT_WORD.is_match(t)))
        }
        A::CveHandling => CVE.is_match(t),
        A::SeverityRating => SEVERITY.is_match(t) || LEVELS.find_iter(t).count() >= 3,
        A::ReporterCredit => CREDIT.is_match(t) && REPORTER.is_match(t),
        A::PrivateFix => PRIVATE_FIX.is_match(t) && FIX_WORD.is_match(t),
        A::ResponseTeam => TEAM_STRONG.is_match(t) || TEAM_WEAK.is_match(t),
        A::BugBounty => BOUNTY.is_match(t),
        A::ReportingChannel => false,
    };
    if !hit {
        return None;
    }
    let strong = match aspect {
        A::Disclosure => DISCLOSURE_HEADING.is_match(s.section()),
        A::SupportedVersions => SUPPORT_HEADING.is_match(s.section()),
        A::ResponseTeam => TEAM_STRONG.is_match(t),
        A::PgpKey => PGP_HEADING.is_match(s.section()),
        _ => true,
    };
    Some(if strong { 2 } else { 1 })
}

/// The sentence that best states `aspect`: the first strong one, else the first.
pub(crate) fn quote_for(aspect: A, sentences: &[Sentence]) -> Option<&Sentence> {
    let mut best: Option<(u8, &Sentence)> = None;
    for s in sentences {
        if let Some(score) = says(aspect, s)
            && best.is_none_or(|(b, _)| score > b)
        {
            best = Some((score, s));
        }
    }
    best.map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::super::prose::sentences;
    use super::*;

    fn quote(aspect: A, md: &str) -> Option<String> {
        let s = sentences(md);
        quote_for(aspect, &s).map(|s| s.text.clone())
    }

    #[test]
    fn a_fix_deadline_is_not_a_response_time() {
        let md = "The fix team aims to ship a patch within 30 days.\n\nReports are acknowledged within 3 business days.\n";
        assert_eq!(
            quote(A::ResponseTimes, md).as_deref(),
            Some("Reports are acknowledged within 3 business days.")
        );
        assert_eq!(
            quote(A::ResponseTimes, "We release a fix within 14 days.\n"),
            None
        );
    }

    #[test]
    fn thanks_to_others_is_not_credit_for_reporters() {
        assert_eq!(
            quote(
                A::ReporterCredit,
                "## Credits\n\nParts of this text come from the Foo project.\n\nWe thank researchers who report issues.\n"
            ),
            None
        );
        assert_eq!(
            quote(
                A::ReporterCredit,
                "Reporters are credited in the advisory, with their permission.\n"
            )
            .as_deref(),
            Some("Reporters are credited in the advisory, with their permission.")
        );
    }

    #[test]
    fn private_reporting_is_not_a_private_fix() {
        let md = "Report vulnerabilities privately, before they are fixed.\n\nLarge files can be shared in the private fork.\n\nThe team fixes the issue in a temporary private fork.\n";
        assert_eq!(
            quote(A::PrivateFix, md).as_deref(),
            Some("The team fixes the issue in a temporary private fork.")
        );
    }

    #[test]
    fn a_release_phase_is_not_a_support_statement() {
        let md = "### Support Horizon\n\n- Beta: testing. Begins 8-10 weeks before a final release.\n\nRegular releases will be supported for 8 months after a minor release.\n";
        assert_eq!(
            quote(A::SupportedVersions, md).as_deref(),
            Some("Regular releases will be supported for 8 months after a minor release.")
        );
    }

    #[test]
    fn severity_needs_a_method_or_scale() {
        assert_eq!(
            quote(
                A::SeverityRating,
                "The maintainers will diagnose the severity of the issue.\n"
            ),
            None
        );
        assert_eq!(
            quote(A::SeverityRating, "We score each report with CVSS v3.1.\n").as_deref(),
            Some("We score each report with CVSS v3.1.")
        );
    }

    #[test]
    fn quotes_are_whole_plain_sentences_never_headings() {
        let md = "## Supported Versions\n\nThe project maintains release branches for the **three** most recent minor releases. See [RELEASES.md](RELEASES.md).\n";
        assert_eq!(
            quote(A::SupportedVersions, md).as_deref(),
            Some(
                "The project maintains release branches for the three most recent minor releases."
            )
        );
        let md = "If you know of a publicly disclosed security vulnerability, report it.\n\n## Disclosure\n\nA public disclosure date is agreed with the reporter.\n";
        assert_eq!(
            quote(A::Disclosure, md).as_deref(),
            Some("A public disclosure date is agreed with the reporter.")
        );
    }
}
