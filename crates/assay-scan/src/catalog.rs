//! The catalog: what assay knows about tools, channels and files, as data.
//!
//! Each `catalog/*.toml` file is embedded at build time. An entry names the thing, its
//! category, and the matchers that find it. Adding a tool is one entry here and one
//! fixture test.

use assay_model::Category;
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::Deserialize;

use crate::error::ScanError;

/// The catalog sources, one line per file.
const SOURCES: &[(&str, &str)] = &[
    ("ci.toml", include_str!("../catalog/ci.toml")),
    ("lint.toml", include_str!("../catalog/lint.toml")),
    ("sast.toml", include_str!("../catalog/sast.toml")),
    ("vuln-scan.toml", include_str!("../catalog/vuln-scan.toml")),
    ("deps.toml", include_str!("../catalog/deps.toml")),
    ("fuzzing.toml", include_str!("../catalog/fuzzing.toml")),
    (
        "supply-chain.toml",
        include_str!("../catalog/supply-chain.toml"),
    ),
    ("community.toml", include_str!("../catalog/community.toml")),
    ("comms.toml", include_str!("../catalog/comms.toml")),
    ("metadata.toml", include_str!("../catalog/metadata.toml")),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    entry: Vec<EntrySpec>,
}

/// One catalog entry as written in TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntrySpec {
    /// Stable dotted id; the part before the first dot is the category id.
    pub id: String,
    pub name: String,
    pub category: Category,
    /// One sentence, in our words, of what the thing is.
    pub about: String,
    /// Other spellings a document may use for it (for `verify`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Globs over repo paths; a match means the thing is configured.
    #[serde(default)]
    pub files: Vec<String>,
    /// GitHub Actions `uses:` prefixes, compared case-insensitively.
    #[serde(default)]
    pub actions: Vec<String>,
    /// GitHub Actions that only put the tool on the runner (`sigstore/cosign-installer`).
    /// A step using one says CI has the tool, not that it runs it. Installer sub-actions of
    /// `actions` (`anchore/sbom-action/download-syft`) count as installers without listing.
    #[serde(default)]
    pub installers: Vec<String>,
    /// Regexes over command lines in CI, Makefiles, scripts and hook configs.
    #[serde(default)]
    pub commands: Vec<String>,
    /// Regexes over the content of files matching a glob.
    #[serde(default)]
    pub content: Vec<ContentSpec>,
    /// Regexes over README and community documents (channels, badges).
    #[serde(default)]
    pub links: Vec<String>,
    /// When true, a file or content match alone means the thing is in use (a Dependabot
    /// config, a fuzz target); otherwise it only shows configuration.
    #[serde(default)]
    pub activates: bool,
    /// Another entry's id whose run in CI also runs this one (gosec inside golangci-lint):
    /// then this entry's configuration counts as running in CI.
    #[serde(default)]
    pub runs_with: Option<String>,
    /// Links count only when they name the project (its repository or owner name): for
    /// blogs and social accounts, which READMEs also link for other projects.
    #[serde(default)]
    pub own_project: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentSpec {
    pub glob: String,
    pub pattern: String,
}

/// A compiled entry.
#[derive(Debug)]
pub struct Entry {
    pub spec: EntrySpec,
    pub files: GlobSet,
    pub content: Vec<(GlobSet, Regex)>,
    pub links: Vec<Regex>,
    actions_lower: Vec<String>,
}

impl Entry {
    /// Does a `uses:` target belong to this entry?
    pub fn matches_action(&self, target: &str) -> bool {
        let target = target.to_ascii_lowercase();
        self.actions_lower.iter().any(|a| {
            target == *a
                || target.strip_prefix(a.as_str()).is_some_and(|rest| {
                    // `anchore/sbom-action/download-syft` only puts the tool on the runner.
                    let sub = rest.rsplit('/').next().unwrap_or(rest);
                    rest.starts_with('/') && !is_installer_name(sub)
                })
        })
    }

    /// Does a `uses:` target only install this entry's tool?
    pub fn installs_action(&self, target: &str) -> bool {
        let target = target.to_ascii_lowercase();
        let target = target.split('@').next().unwrap_or(&target);
        self.spec
            .installers
            .iter()
            .any(|i| target == i.to_ascii_lowercase())
            || self.actions_lower.iter().any(|a| {
                target.strip_prefix(a.as_str()).is_some_and(|rest| {
                    let sub = rest.rsplit('/').next().unwrap_or(rest);
                    rest.starts_with('/') && is_installer_name(sub)
                })
            })
    }

    /// Does the entry have any way of being found in the pipeline?
    pub fn is_tool(&self) -> bool {
        !self.spec.actions.is_empty() || !self.spec.commands.is_empty()
    }
}

#[derive(Debug)]
pub struct Catalog {
    pub entries: Vec<Entry>,
    /// All `commands` patterns, with the entry each belongs to.
    pub commands: RegexSet,
    /// The same patterns one by one, to check where a match sits.
    command_regexes: Vec<Regex>,
    command_owner: Vec<usize>,
    /// Every entry's file globs in one set, with the entry each belongs to.
    pub files: GlobSet,
    file_owner: Vec<usize>,
    /// Every content matcher's glob, to decide which files to read.
    pub content_globs: GlobSet,
}

impl Catalog {
    /// The built-in catalog.
    pub fn builtin() -> Result<Catalog, ScanError> {
        let mut specs = Vec::new();
        for (name, text) in SOURCES {
            let file: File = toml::from_str(text).map_err(|e| ScanError::Catalog {
                entry: (*name).to_owned(),
                message: e.to_string(),
            })?;
            specs.extend(file.entry);
        }
        Catalog::compile(specs)
    }

    fn compile(specs: Vec<EntrySpec>) -> Result<Catalog, ScanError> {
        let mut entries = Vec::with_capacity(specs.len());
        let mut command_patterns = Vec::new();
        let mut command_owner = Vec::new();
        let mut all_files = GlobSetBuilder::new();
        let mut file_owner = Vec::new();
        let mut content_globs = GlobSetBuilder::new();
        for (idx, spec) in specs.into_iter().enumerate() {
            let bad = |message: String| ScanError::Catalog {
                entry: spec.id.clone(),
                message,
            };
            let prefix = spec.id.split('.').next().unwrap_or_default();
            if prefix != spec.category.id() {
                return Err(bad(format!(
                    "id must start with its category `{}`",
                    spec.category.id()
                )));
            }
            let files = glob_set(&spec.files).map_err(&bad)?;
            for g in &spec.files {
                all_files.add(glob(g).map_err(&bad)?);
                file_owner.push(idx);
            }
            let mut content = Vec::new();
            for c in &spec.content {
                let set = glob_set(std::slice::from_ref(&c.glob)).map_err(&bad)?;
                content_globs.add(glob(&c.glob).map_err(&bad)?);
                let re = regex::RegexBuilder::new(&c.pattern)
                    .multi_line(true)
                    .build()
                    .map_err(|e| bad(e.to_string()))?;
                content.push((set, re));
            }
            let links = spec
                .links
                .iter()
                .map(|p| Regex::new(p).map_err(|e| bad(e.to_string())))
                .collect::<Result<Vec<_>, _>>()?;
            for p in &spec.commands {
                Regex::new(p).map_err(|e| bad(e.to_string()))?;
                command_patterns.push(p.clone());
                command_owner.push(idx);
            }
            let actions_lower = spec
                .actions
                .iter()
                .map(|a| a.to_ascii_lowercase())
                .collect();
            entries.push(Entry {
                spec,
                files,
                content,
                links,
                actions_lower,
            });
        }
        let command_regexes = command_patterns
            .iter()
            .map(|p| {
                regex::RegexBuilder::new(p)
                    .case_insensitive(true)
                    .build()
                    .map_err(|e| ScanError::Catalog {
                        entry: "commands".into(),
                        message: e.to_string(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let commands = RegexSetBuilder::new(&command_patterns)
            .case_insensitive(true)
            .build()
            .map_err(|e| ScanError::Catalog {
                entry: "commands".into(),
                message: e.to_string(),
            })?;
        let files = all_files.build().map_err(|e| ScanError::Catalog {
            entry: "files".into(),
            message: e.to_string(),
        })?;
        let content_globs = content_globs.build().map_err(|e| ScanError::Catalog {
            entry: "content".into(),
            message: e.to_string(),
        })?;
        Ok(Catalog {
            entries,
            commands,
            command_regexes,
            command_owner,
            files,
            file_owner,
            content_globs,
        })
    }

    /// Entries whose command patterns match `line` as commands: each shell command of
    /// the line apart, not a package manager installing the tool, not in a comment, and
    /// only whole command words (`codespell` is not found in `codespell-project/...` or
    /// `.codespellrc`, `golangci-lint` not in `.../golangci-lint@v1`).
    pub fn command_matches(&self, line: &str) -> impl Iterator<Item = usize> + '_ {
        let mut owners: Vec<usize> = Vec::new();
        for command in crate::pipeline::commands(line) {
            let command = strip_comment(command);
            // `IMG=org/lichen:v1` only names the tool; the line that runs it counts.
            let assignments_only = crate::shell::only_assigns(command.split_whitespace());
            // `make misspell` names a target; the recipe that runs the tool is the evidence.
            let make_call = crate::make::is_call(command);
            if command.is_empty()
                || assignments_only
                || make_call
                || crate::pipeline::is_install(command)
                || crate::shell::is_probe(command)
            {
                continue;
            }
            for i in &self.commands.matches(command) {
                let whole = self.command_regexes[i]
                    .find_iter(command)
                    .any(|m| is_command_word(command, m.start(), m.end()));
                if whole {
                    owners.push(self.command_owner[i]);
                }
            }
        }
        owners.sort_unstable();
        owners.dedup();
        owners.into_iter()
    }

    /// Entries whose file globs match `path`.
    pub fn file_matches(&self, path: &str) -> Vec<usize> {
        let mut owners: Vec<usize> = self
            .files
            .matches(path)
            .into_iter()
            .map(|i| self.file_owner[i])
            .collect();
        owners.sort_unstable();
        owners.dedup();
        owners
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.spec.id == id)
    }
}

/// An action (or sub-action) named for installing a tool, not running it.
fn is_installer_name(name: &str) -> bool {
    name.starts_with("setup-")
        || name.starts_with("download-")
        || name.starts_with("install-")
        || name.ends_with("-installer")
}

/// A shell command without its trailing `# comment`.
fn strip_comment(command: &str) -> &str {
    if command.starts_with('#') {
        return "";
    }
    match command.find(" #").or_else(|| command.find("\t#")) {
        Some(i) => command[..i].trim_end(),
        None => command,
    }
}

/// Does the match at `start..end` stand as a word of its own: not glued to a name by
/// `-`, `.` or `_`, nor followed by more of a name or a path (`-`, `_`, `/`, `.ext`)?
/// A match that begins with a separator (`\s-fuzz`) is bounded there; one of several
/// words (`cosign sign-blob`) was bounded by the pattern itself.
fn is_command_word(text: &str, start: usize, end: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let matched = &text[start..end];
    let before = if word(matched.chars().next()) {
        text[..start].chars().next_back()
    } else {
        None
    };
    let single = !matched.contains(char::is_whitespace);
    let mut after = if single && word(matched.chars().next_back()) {
        text[end..].chars()
    } else {
        "".chars()
    };
    let next = after.next();
    // `@golangci-lint run` in a make recipe is the tool, run silently.
    let glued_before = matches!(before, Some('-' | '.' | '_'));
    let glued_after = match next {
        Some('-' | '/' | '_' | ',') => true,
        Some('.') => after.next().is_some_and(char::is_alphanumeric),
        _ => false,
    };
    !glued_before && !glued_after
}

fn glob(pattern: &str) -> Result<Glob, String> {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| e.to_string())
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(glob(p)?);
    }
    b.build().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn catalog() -> Catalog {
        match Catalog::builtin() {
            Ok(c) => c,
            Err(e) => panic!("built-in catalog is invalid: {e}"),
        }
    }

    #[test]
    fn ids_are_unique_dotted_and_documented() {
        let c = catalog();
        let mut seen = HashSet::new();
        for e in &c.entries {
            assert!(seen.insert(e.spec.id.clone()), "duplicate id {}", e.spec.id);
            assert!(e.spec.id.contains('.'), "{} is not dotted", e.spec.id);
            assert!(
                e.spec.about.ends_with('.'),
                "{} needs an about sentence",
                e.spec.id
            );
            let has_matcher = !e.spec.files.is_empty()
                || !e.spec.actions.is_empty()
                || !e.spec.commands.is_empty()
                || !e.spec.content.is_empty()
                || !e.spec.links.is_empty();
            assert!(has_matcher, "{} can never be found", e.spec.id);
        }
    }

    #[test]
    fn runs_with_names_a_real_entry() {
        let c = catalog();
        for e in &c.entries {
            if let Some(other) = &e.spec.runs_with {
                assert!(
                    c.get(other).is_some(),
                    "{} runs with unknown {other}",
                    e.spec.id
                );
            }
        }
    }

    #[test]
    fn installer_sub_actions_are_not_tool_runs() {
        let c = catalog();
        let syft = c.get("sbom.syft").expect("syft entry");
        assert!(syft.matches_action("anchore/sbom-action"));
        assert!(!syft.matches_action("anchore/sbom-action/download-syft"));
    }

    #[test]
    fn installer_actions_are_not_tool_runs() {
        // `sigstore/cosign-installer`, `aquasecurity/setup-trivy` put a tool on the runner;
        // a step that runs it must follow, and that step is the evidence.
        for e in &catalog().entries {
            for a in &e.spec.actions {
                let name = a.rsplit('/').next().unwrap_or(a).to_ascii_lowercase();
                assert!(
                    !is_installer_name(&name),
                    "{}: {a} only installs the tool",
                    e.spec.id
                );
            }
        }
    }

    #[test]
    fn action_prefixes_match_whole_path_segments() {
        let c = catalog();
        let codeql = c.get("sast.codeql").expect("codeql");
        assert!(codeql.matches_action("github/codeql-action/analyze"));
        assert!(codeql.matches_action("GitHub/CodeQL-Action/init"));
        assert!(!codeql.matches_action("github/codeql-action-fake"));
        let trivy = c.get("vuln-scan.trivy").expect("trivy");
        assert!(trivy.matches_action("aquasecurity/trivy-action"));
        assert!(!trivy.matches_action("aquasecurity/trivy-action-fork"));
    }

    #[test]
    fn command_patterns_need_the_tool_word() {
        let c = catalog();
        let names = |line: &str| -> Vec<String> {
            c.command_matches(line)
                .map(|i| c.entries[i].spec.id.clone())
                .collect()
        };
        assert_eq!(names("golangci-lint run ./..."), ["lint.golangci-lint"]);
        assert_eq!(
            names("trivy image --severity HIGH foo"),
            ["vuln-scan.trivy"]
        );
        assert!(names("echo trivialities").is_empty());
        assert!(names("uses: codespell-project/actions-codespell@v2").is_empty());
        assert!(
            names("go install github.com/golangci/golangci-lint/cmd/golangci-lint@v1.64")
                .is_empty()
        );
        assert!(names("curl -sSfL https://raw.githubusercontent.com/golangci/golangci-lint/HEAD/install.sh | sh").is_empty());
        assert_eq!(
            names("go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.1 run"),
            ["lint.golangci-lint"]
        );
        assert!(names("pip install codespell && make build").is_empty());
        assert!(names("# shellcheck disable=SC2086").is_empty());
        assert!(names("make build # then golangci-lint").is_empty());
        assert_eq!(
            names("pip install codespell && codespell ."),
            ["lint.codespell"]
        );
        assert_eq!(names("./bin/golangci-lint run"), ["lint.golangci-lint"]);
        assert_eq!(
            names("@golangci-lint run -c golangci.yaml"),
            ["lint.golangci-lint"]
        );
        assert!(names("-o json=out/lifecycle.sbom.syft.json \\").is_empty());
        assert_eq!(names("cosign sign-blob --yes \\"), ["signing.cosign"]);
        assert!(names("IMG=antrea/lichen:v0.1.7").is_empty());
        assert!(names("make misspell").is_empty());
        assert!(
            names("GOBIN=/tmp ${GO} install github.com/client9/misspell/cmd/misspell@v0.3.4")
                .is_empty()
        );
        assert!(names("cargo test --all").is_empty());
    }
}
