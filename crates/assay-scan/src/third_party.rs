//! Which files are someone else's: vendored dependencies, third-party trees, test data,
//! and what the root `.gitattributes` marks `linguist-vendored` or `linguist-generated`.
//! Such files never make a practice of the project on their own; a vendored script counts
//! only when the project's own CI reaches it through a call chain.

use globset::{GlobBuilder, GlobMatcher};

use crate::detect::is_foreign;

/// One `.gitattributes` line that sets, unsets or resets a linguist attribute.
#[derive(Debug)]
struct Rule {
    matcher: GlobMatcher,
    /// The pattern has no slash: it is matched against the file name at any depth.
    basename_only: bool,
    attribute: Attribute,
    value: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribute {
    Vendored,
    Generated,
}

/// The third-party test for one snapshot.
#[derive(Debug, Default)]
pub struct ThirdParty {
    rules: Vec<Rule>,
}

impl ThirdParty {
    /// Read the rules from the text of the root `.gitattributes` (git's pattern rules:
    /// a pattern without a slash matches a file name anywhere, `dir/` matches nothing,
    /// the last line that names an attribute decides it).
    pub fn from_gitattributes(text: &str) -> ThirdParty {
        let mut rules = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut words = line.split_whitespace();
            let Some(pattern) = words.next() else {
                continue;
            };
            // Negative patterns are forbidden and directory patterns match no file.
            if pattern.starts_with('!') || pattern.ends_with('/') || pattern.starts_with('"') {
                continue;
            }
            let basename_only = !pattern.contains('/');
            let anchored = pattern.trim_start_matches('/');
            let Ok(glob) = GlobBuilder::new(anchored).literal_separator(true).build() else {
                continue;
            };
            let matcher = glob.compile_matcher();
            for word in words {
                let Some((attribute, value)) = linguist_setting(word) else {
                    continue;
                };
                rules.push(Rule {
                    matcher: matcher.clone(),
                    basename_only,
                    attribute,
                    value,
                });
            }
        }
        ThirdParty { rules }
    }

    /// Is `path` someone else's code or data rather than the project's?
    pub fn contains(&self, path: &str) -> bool {
        if is_foreign(path) {
            return true;
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        let mut vendored = false;
        let mut generated = false;
        for rule in &self.rules {
            let subject = if rule.basename_only { name } else { path };
            if rule.matcher.is_match(subject) {
                match rule.attribute {
                    Attribute::Vendored => vendored = rule.value,
                    Attribute::Generated => generated = rule.value,
                }
            }
        }
        vendored || generated
    }
}

/// `linguist-vendored`, `linguist-vendored=true`, `-linguist-vendored`,
/// `linguist-generated=false`, `!linguist-generated` (back to unspecified: not set).
fn linguist_setting(word: &str) -> Option<(Attribute, bool)> {
    let (name, value) = if let Some(rest) = word.strip_prefix(['-', '!']) {
        (rest, false)
    } else if let Some((name, value)) = word.split_once('=') {
        (name, !matches!(value, "false" | "0" | ""))
    } else {
        (word, true)
    };
    match name {
        "linguist-vendored" => Some((Attribute::Vendored, value)),
        "linguist-generated" => Some((Attribute::Generated, value)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitattributes_marks_vendored_and_generated_paths() {
        let t = ThirdParty::from_gitattributes(
            "# comment\n\
             go.sum linguist-generated=true\n\
             **/Cargo.lock linguist-generated=false\n\
             /deps/** linguist-vendored\n\
             api/*.pb.go linguist-generated\n\
             docs/** -linguist-vendored\n\
             docs/** linguist-vendored\n\
             docs/own/** linguist-vendored=false\n\
             ext/ linguist-vendored\n",
        );
        assert!(t.contains("go.sum"));
        assert!(t.contains("tools/go.sum"));
        assert!(!t.contains("Cargo.lock"));
        assert!(t.contains("deps/x/Makefile"));
        assert!(t.contains("api/a.pb.go"));
        assert!(!t.contains("api/v1/a.pb.go"));
        assert!(t.contains("docs/theme/.golangci.yml"));
        assert!(!t.contains("docs/own/Makefile"));
        assert!(!t.contains("ext/Makefile"));
        assert!(t.contains("vendor/k8s.io/api/OWNERS"));
        assert!(t.contains("depends/Makefile"));
        assert!(!t.contains("Makefile"));
    }
}
