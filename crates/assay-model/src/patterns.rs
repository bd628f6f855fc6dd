//! Patterns that more than one crate needs to agree on: the security-policy detector
//! writes what it finds with them, and verify compares an assessment's words with the same
//! patterns, so the two never disagree on what counts as an address or a duration.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

fn ci(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .unwrap_or_else(|e| unreachable!("static regex {pattern}: {e}"))
}

/// An email address as written in prose.
pub static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| ci(r"\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"));

/// A duration such as `3 business days`, `48 hours`, `two weeks`.
pub static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    ci(
        r"\b(?:\d+|one|two|three|five|seven|ten|fourteen|thirty|ninety)\s*(?:-\s*)?(?:business\s+|working\s+|calendar\s+)?(?:hours?|days?|weeks?)\b",
    )
});

/// A matched duration in one spelling: lower case, single spaces, no hyphen
/// (`3-Business  Days` → `3 business days`).
pub fn normalise_duration(s: &str) -> String {
    s.to_lowercase()
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every duration in `text`, normalised.
pub fn durations(text: &str) -> impl Iterator<Item = String> + '_ {
    DURATION
        .find_iter(text)
        .map(|m| normalise_duration(m.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_found_and_spelled_one_way() {
        let found: Vec<String> =
            durations("We reply within 3-Business  Days and fix in two weeks.").collect();
        assert_eq!(found, ["3 business days", "two weeks"]);
    }

    #[test]
    fn emails_in_prose() {
        let m: Vec<&str> = EMAIL
            .find_iter("write to security@example.org, not to <x@y>.")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(m, ["security@example.org"]);
    }
}
