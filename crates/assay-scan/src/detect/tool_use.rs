//! Is a program the project builds a developer tool? Decided from how the project's own
//! build files use it: run with `go run`, or called only by make targets that generate,
//! lint or check code, and never by any other target. A program used that way is not an
//! actor of the running system; the line that shows the use is its evidence.

use std::sync::LazyLock;

use assay_model::Evidence;
use regex::Regex;

use super::is_foreign;
use crate::Context;
use crate::snapshot::{EntryKind, FileEntry};

/// Makefiles and shell scripts that may build or run the project's programs.
pub(crate) fn is_build_file(entry: &FileEntry) -> bool {
    let p = entry.path.as_str();
    let name = p.rsplit('/').next().unwrap_or(p);
    entry.kind == EntryKind::File
        && entry.size.is_some_and(|s| s < 1024 * 1024)
        && !is_foreign(p)
        && p.matches('/').count() <= 2
        && (matches!(name, "Makefile" | "GNUmakefile" | "makefile")
            || name.ends_with(".mk")
            || name.ends_with(".sh"))
}

/// Make targets whose work is on the source tree: generating, linting, checking.
static SOURCE_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    super::ci_regex(
        r"^(?:gen|generate|generated|go-generate|proto|protos|protobuf|lint|check|checks|verify|vet|fmt|format|docs?|schema|schemas|mock|mocks|codegen|tools?|swagger|openapi|manifests|crds|update|tidy)$",
    )
});

/// Does `line` name `needle` as a whole path or word?
fn mentions(line: &str, needle: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    line.match_indices(needle).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + needle.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

/// The target a Makefile rule line declares (`protos: bin/x` gives `protos`).
fn rule_target(line: &str) -> Option<&str> {
    if line.starts_with('\t') || line.trim_start().starts_with('#') {
        return None;
    }
    let (target, rest) = line.split_once(':')?;
    if rest.starts_with('=') || target.contains('=') || target.trim().is_empty() {
        return None;
    }
    Some(target.trim())
}

fn is_source_target(target: &str) -> bool {
    target
        .split(['-', '_', '.', '/', ' '])
        .any(|w| SOURCE_TARGET.is_match(w))
}

/// The line that shows the program at `dir` (named `name`) used only as a developer tool,
/// or `None` when the build files use it otherwise (or not at all).
pub(crate) fn developer_tool_use(cx: &Context, dir: &str, name: &str) -> Option<Evidence> {
    if dir.is_empty() {
        return None;
    }
    let binary = format!("bin/{name}");
    let mut tooling: Option<Evidence> = None;
    for entry in cx.snapshot.files().iter().filter(|e| is_build_file(e)) {
        let Some(text) = cx.text(&entry.path) else {
            continue;
        };
        let script = entry.path.ends_with(".sh");
        let mut target = "";
        for (n, line) in text.lines().enumerate().take(5000) {
            if !script && let Some(t) = rule_target(line) {
                target = t;
            }
            let t = line.trim_start();
            // In a Makefile only rules and recipes use a program; variables only name it.
            let in_rule = line.starts_with('\t') || rule_target(line).is_some();
            if t.starts_with('#')
                || (!script && !in_rule)
                || !(mentions(line, dir) || mentions(line, &binary))
            {
                continue;
            }
            let own_rule = mentions(target, &binary) || mentions(target, dir);
            let tool_use = line.contains("go run") || (!script && is_source_target(target));
            if tool_use && !own_rule {
                tooling.get_or_insert_with(|| {
                    Evidence::at(
                        entry.path.clone(),
                        u32::try_from(n + 1).unwrap_or(u32::MAX),
                        line,
                    )
                });
            } else if !own_rule {
                // Built, shipped or run by some other target or script: part of the product.
                return None;
            }
        }
    }
    tooling
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_paths_only() {
        assert!(mentions(
            "cd $(ROOT)/cmd/schemagen && go run .",
            "cmd/schemagen"
        ));
        assert!(!mentions("cmd/schemagen2", "cmd/schemagen"));
        assert!(mentions(
            "protos: bin/protoc-gen bin/go-buildtag",
            "bin/go-buildtag"
        ));
    }

    #[test]
    fn targets_on_the_source_tree() {
        assert!(is_source_target("protos"));
        assert!(is_source_target("generate-schemas"));
        assert!(!is_source_target("binaries"));
        assert!(!is_source_target("bin/containerd"));
        assert_eq!(rule_target("protos: bin/x"), Some("protos"));
        assert_eq!(rule_target("GO := go"), None);
        assert_eq!(rule_target("\t@echo x: y"), None);
    }
}
