//! Makefiles and justfiles as the pipeline needs them: targets with their recipe lines and
//! prerequisites, per file; `include`d files; and the make or just calls a command line
//! makes, with the directory and file each call names.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use crate::pipeline::Cwd;
use crate::third_party::ThirdParty;

static MAKE_ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:export[ \t]+|override[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(:{1,3}=|\?=|\+=|=)[ \t]*(.*)$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static MAKE_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\$(?:\(([A-Za-z_][A-Za-z0-9_.-]*)\)|\{([A-Za-z_][A-Za-z0-9_.-]*)\})")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static SHELL_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static MAKE_RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z0-9_./%$(){}-]+(?:[ \t]+[A-Za-z0-9_./%$(){}-]+)*)[ \t]*::?([^=].*)?$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

#[derive(Debug, Default)]
pub struct Target {
    /// Indices of the recipe lines in the pipeline.
    pub lines: Vec<usize>,
    pub prerequisites: Vec<String>,
}

/// One Makefile or justfile: its own targets, and the files it includes (as written).
#[derive(Debug, Default)]
pub struct MakeFile {
    pub targets: HashMap<String, Target>,
    /// The first ordinary target: what a bare `make` builds.
    pub default: Option<String>,
    pub includes: Vec<String>,
    /// Simple variables (`LINT := $(BIN)/golangci-lint`), as written.
    pub variables: HashMap<String, String>,
}

/// `text` with make's `$(NAME)` and `${NAME}` replaced from `lookup`, a few levels deep;
/// functions (`$(shell ...)`) and unknown names stay as written.
pub fn expand(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    substitute(&MAKE_REF, text, lookup)
}

/// `text` with the shell's `${NAME}` and `$NAME` replaced from `lookup`.
pub fn expand_shell(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    substitute(&SHELL_REF, text, lookup)
}

fn substitute(pattern: &Regex, text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = text.to_owned();
    for _ in 0..8 {
        if !out.contains('$') {
            break;
        }
        let mut changed = false;
        let next = pattern.replace_all(&out, |c: &regex::Captures| {
            let name = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            match lookup(name) {
                Some(v) if !v.contains(&c[0]) => {
                    changed = true;
                    v
                }
                _ => c[0].to_owned(),
            }
        });
        if !changed || next.len() > 4096 {
            break;
        }
        out = next.into_owned();
    }
    out
}

/// `Makefile`, `GNUmakefile`, `*.mk`, and the `Makefile.common` kind that others include.
pub fn is_makefile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split_once('.').map_or(name, |(s, _)| s);
    (stem.eq_ignore_ascii_case("makefile") && !name.ends_with(".in") && !name.ends_with(".am"))
        || name == "GNUmakefile"
        || name.ends_with(".mk")
}

pub fn is_justfile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(name, "justfile" | "Justfile" | ".justfile")
}

/// What a line of a make or just file is.
pub enum LineKind {
    /// A rule or recipe header, or any other line outside a recipe.
    Header,
    /// A recipe line of the target named.
    Recipe(Option<String>),
}

/// Reads a make or just file line by line, keeping the current target.
#[derive(Default)]
pub struct Reader {
    just: bool,
    current: Option<String>,
    pub file: MakeFile,
}

impl Reader {
    pub fn new(path: &str) -> Reader {
        Reader {
            just: is_justfile(path),
            ..Reader::default()
        }
    }

    pub fn line(&mut self, line: &str) -> LineKind {
        if self.just {
            return self.just_line(line);
        }
        if line.starts_with('\t') {
            return LineKind::Recipe(self.current.clone());
        }
        self.current = None;
        let trimmed = line.trim_start();
        if let Some(c) = MAKE_ASSIGN.captures(line) {
            let (name, op, value) = (c[1].to_owned(), &c[2], c[3].trim().to_owned());
            let vars = &mut self.file.variables;
            match op {
                "?=" => {
                    vars.entry(name).or_insert(value);
                }
                "+=" => {
                    let v = vars.entry(name).or_default();
                    if !v.is_empty() {
                        v.push(' ');
                    }
                    v.push_str(&value);
                }
                _ => {
                    vars.insert(name, value);
                }
            }
            return LineKind::Header;
        }
        for keyword in ["include ", "-include ", "sinclude "] {
            if let Some(rest) = trimmed.strip_prefix(keyword) {
                self.file
                    .includes
                    .extend(rest.split_whitespace().map(str::to_owned));
                return LineKind::Header;
            }
        }
        if let Some(c) = MAKE_RULE.captures(line) {
            let names: Vec<String> = c[1].split_whitespace().map(str::to_owned).collect();
            let prerequisites: Vec<String> = c
                .get(2)
                .map_or("", |m| m.as_str().split(['|', ';']).next().unwrap_or(""))
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            for name in &names {
                self.add_target(name, &prerequisites);
            }
            self.current = names.into_iter().next();
        }
        LineKind::Header
    }

    /// A justfile recipe: `name param *rest: dependency` at column 0, body indented.
    fn just_line(&mut self, line: &str) -> LineKind {
        if line.starts_with([' ', '\t']) {
            return LineKind::Recipe(self.current.clone());
        }
        self.current = None;
        if let Some((head, deps)) = line.split_once(':')
            && !deps.starts_with('=')
            && !head.trim_start().starts_with(['#', '[', '@'])
            && let Some(name) = head.split_whitespace().next()
            && !matches!(name, "set" | "export" | "alias" | "import" | "mod")
        {
            let name = name.trim_start_matches('@').to_owned();
            let prerequisites: Vec<String> = deps
                .split_whitespace()
                .map(|d| d.trim_matches(['(', ')']).to_owned())
                .collect();
            self.add_target(&name, &prerequisites);
            self.current = Some(name);
        }
        LineKind::Header
    }

    fn add_target(&mut self, name: &str, prerequisites: &[String]) {
        let ordinary = !name.starts_with('.') && !name.contains(['%', '$', '(']);
        if ordinary && self.file.default.is_none() {
            self.file.default = Some(name.to_owned());
        }
        self.file
            .targets
            .entry(name.to_owned())
            .or_default()
            .prerequisites
            .extend(prerequisites.iter().cloned());
    }

    pub fn recipe_line(&mut self, target: &str, index: usize) {
        self.file
            .targets
            .entry(target.to_owned())
            .or_default()
            .lines
            .push(index);
    }
}

/// A `make` (or `just`) invocation found in a command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub just: bool,
    /// `-C dir` / `--directory=dir` (for just: `--working-directory`, `-d`).
    pub dir: Option<String>,
    /// `-f file` / `--file=file` / `--makefile=file` (for just: `--justfile`).
    pub file: Option<String>,
    /// Goals named; empty means the default goal.
    pub targets: Vec<String>,
    /// `NAME=value` settings on the command line, which the recipes see.
    pub settings: Vec<(String, String)>,
}

/// Is the command itself a make or just call (after `VAR=value` settings)?
pub fn is_call(command: &str) -> bool {
    command
        .split_whitespace()
        .find(|w| !w.contains('='))
        .is_some_and(|w| {
            let w = w.trim_matches(['"', '\'', '(', '`', '@']);
            let base = w.rsplit('/').next().unwrap_or(w);
            matches!(base, "make" | "gmake" | "$(MAKE)" | "${MAKE}" | "just")
        })
}

/// The make or just call in one shell command (no `&&`, `;` or `|` inside).
pub fn call_in(command: &str) -> Option<Call> {
    let words: Vec<&str> = command.split_whitespace().collect();
    // `@$(MAKE)`, `-$(MAKE)`, `+$(MAKE)`: recipe prefixes.
    let start = words.iter().position(|w| {
        let w = w.trim_matches(['"', '\'', '(', '`', '@', '-', '+']);
        let base = w.rsplit('/').next().unwrap_or(w);
        matches!(base, "make" | "gmake" | "$(MAKE)" | "${MAKE}" | "just")
    })?;
    let head = words[start].trim_matches(['"', '\'', '(', '`', '@', '-', '+']);
    let just = head.ends_with("just");
    let mut call = Call {
        just,
        dir: None,
        file: None,
        targets: Vec::new(),
        settings: Vec::new(),
    };
    let mut rest = words[start + 1..]
        .iter()
        .map(|w| w.trim_matches(['"', '\'']));
    while let Some(word) = rest.next() {
        let (dir_flags, file_flags): (&[&str], &[&str]) = if just {
            (&["-d", "--working-directory"], &["-f", "--justfile"])
        } else {
            (&["-C", "--directory"], &["-f", "--file", "--makefile"])
        };
        if let Some(v) = flag_value(word, dir_flags, &mut rest) {
            call.dir = Some(v);
        } else if let Some(v) = flag_value(word, file_flags, &mut rest) {
            call.file = Some(v);
        } else if let Some((name, value)) = word.split_once('=').filter(|_| !word.starts_with('-'))
        {
            call.settings
                .push((name.to_owned(), value.trim_matches(['"', '\'']).to_owned()));
        } else if word.starts_with('-') || word.is_empty() {
            if matches!(word, "-j" | "-l" | "-o" | "-W" | "-I") {
                rest.next();
            }
        } else if word.starts_with(['#', ')', '>', '<', '2']) {
            break;
        } else {
            call.targets
                .push(word.trim_end_matches([')', '`']).to_owned());
        }
    }
    Some(call)
}

/// The value of `-C dir`, `-Cdir` or `--directory=dir` when `word` is one of `flags`.
fn flag_value<'a>(
    word: &str,
    flags: &[&str],
    rest: &mut impl Iterator<Item = &'a str>,
) -> Option<String> {
    for flag in flags {
        if word == *flag {
            return rest.next().map(str::to_owned);
        }
        if let Some(v) = word.strip_prefix(flag) {
            if flag.starts_with("--") {
                if let Some(v) = v.strip_prefix('=') {
                    return Some(v.to_owned());
                }
            } else if !v.is_empty() {
                return Some(v.to_owned());
            }
        }
    }
    None
}

/// `dir` joined with `rel`, `.` and `..` resolved; `None` when it would leave the root or
/// depends on a variable.
pub fn join(dir: &str, rel: &str) -> Option<String> {
    if rel.contains('$') || rel.contains('~') {
        return None;
    }
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for p in rel.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The directory part of `path` (`""` at the root).
pub fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Included files, resolved to the make files read: per file, the paths it includes.
pub fn resolve_includes(makefiles: &BTreeMap<String, MakeFile>) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (path, file) in makefiles {
        let dir = dir_of(path);
        for word in &file.includes {
            // `$(ROOT)/build/lint.mk`: the variable is a directory we cannot know.
            let (rest, variable) = match word.strip_prefix('$') {
                Some(_) => match word.split_once('/') {
                    Some((_, rest)) => (rest, true),
                    None => continue,
                },
                None => (word.as_str(), false),
            };
            if rest.contains('$') {
                continue;
            }
            let mut candidates: Vec<String> = Vec::new();
            if let Some(p) = join(dir, rest) {
                candidates.push(p);
            }
            if variable {
                candidates.extend(join("", rest));
            }
            let globs: Vec<globset::GlobMatcher> = candidates
                .iter()
                .filter_map(|c| {
                    globset::GlobBuilder::new(c)
                        .literal_separator(true)
                        .build()
                        .ok()
                })
                .map(|g| g.compile_matcher())
                .collect();
            let found: Vec<String> = makefiles
                .keys()
                .filter(|k| *k != path)
                .filter(|k| {
                    globs.iter().any(|g| g.is_match(k.as_str()))
                        || variable && k.ends_with(&format!("/{rest}"))
                })
                .cloned()
                .collect();
            out.entry(path.clone()).or_default().extend(found);
        }
    }
    out
}

pub struct Reach<'a> {
    pub makefiles: &'a BTreeMap<String, MakeFile>,
    pub includes: &'a HashMap<String, Vec<String>>,
    pub third_party: &'a ThirdParty,
    /// Which files include each make file.
    pub included_by: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Reach<'a> {
    /// The make files a call made from `from` (with working directory `cwd`) may read.
    pub fn units(&self, call: &Call, from: &str, from_make: bool, cwd: &Cwd) -> Vec<&'a str> {
        let names: &[&str] = if call.just {
            &["justfile", "Justfile", ".justfile"]
        } else {
            &["GNUmakefile", "makefile", "Makefile"]
        };
        let base = match cwd {
            Cwd::Dir(d) => Some(d.as_str()),
            Cwd::Unknown if from_make => Some(dir_of(from)),
            Cwd::Unknown => None,
        };
        let lookup = |p: &str| self.makefiles.get_key_value(p).map(|(k, _)| k.as_str());
        if let Some(file) = &call.file {
            let dir = call
                .dir
                .as_deref()
                .and_then(|d| join(base.unwrap_or(""), d));
            let joined = join(dir.as_deref().or(base).unwrap_or(""), file);
            if let Some(found) = joined.as_deref().and_then(lookup) {
                return vec![found];
            }
            let tail = file.rsplit_once("$(").map_or(file.as_str(), |_| "");
            return self.suffix(tail.trim_start_matches("./"));
        }
        if let Some(dir) = &call.dir {
            let joined = join(base.unwrap_or(""), dir)
                .or_else(|| dir.split_once('/').and_then(|(_, r)| join("", r)));
            if joined.is_none() && dir.starts_with('$') {
                // `$(MAKE) -C $@ $(TARGET)` over the modules: any of the project's own
                // make files may be meant, never a third party's.
                return self.own_makefiles();
            }
            let found: Vec<&str> = joined
                .iter()
                .flat_map(|d| names.iter().filter_map(|n| lookup(&join(d, n)?)))
                .collect();
            return found;
        }
        if from_make && !call.just {
            // `$(MAKE) target` re-reads the same makefile (and whoever includes it).
            return self.includers(from);
        }
        let dirs: Vec<&str> = match base {
            Some(d) => vec![d],
            None => vec!["", dir_of(from)],
        };
        let found: Vec<&str> = dirs
            .iter()
            .flat_map(|d| names.iter().filter_map(|n| lookup(&join(d, n)?)))
            .collect();
        if found.is_empty() {
            // Where the line runs is unknown or has no make file: any of the project's
            // own make files may be meant, never a third party's.
            return self.own_makefiles();
        }
        found
    }

    /// The project's own top-level make files (not `*.mk` parts, not a third party's).
    fn own_makefiles(&self) -> Vec<&'a str> {
        self.makefiles
            .keys()
            .map(String::as_str)
            .filter(|p| !self.third_party.contains(p) && !p.ends_with(".mk"))
            .collect()
    }

    fn suffix(&self, tail: &str) -> Vec<&'a str> {
        if tail.is_empty() {
            return Vec::new();
        }
        self.makefiles
            .keys()
            .map(String::as_str)
            .filter(|k| *k == tail || k.ends_with(&format!("/{tail}")))
            .collect()
    }

    /// `path` and every make file that includes it, transitively.
    fn includers(&self, path: &str) -> Vec<&'a str> {
        let Some((path, _)) = self.makefiles.get_key_value(path) else {
            return Vec::new();
        };
        let mut out = vec![path.as_str()];
        let mut i = 0;
        while i < out.len() && out.len() < 64 {
            for p in self.included_by.get(out[i]).into_iter().flatten() {
                if !out.contains(p) {
                    out.push(p);
                }
            }
            i += 1;
        }
        out
    }

    /// Target `name` as `unit` sees it: its own, or from a file it includes.
    pub fn target(&self, unit: &'a str, name: &str) -> Option<&'a Target> {
        let mut files = vec![unit];
        let mut i = 0;
        while i < files.len() && files.len() < 64 {
            if let Some(t) = self
                .makefiles
                .get(files[i])
                .and_then(|f| f.targets.get(name))
            {
                return Some(t);
            }
            for p in self.includes.get(files[i]).into_iter().flatten() {
                if !files.contains(&p.as_str()) {
                    files.push(p);
                }
            }
            i += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn make_calls_name_directory_file_and_goals() {
        assert_eq!(
            call_in("make -C tools/lint lint test"),
            Some(Call {
                just: false,
                dir: Some("tools/lint".into()),
                file: None,
                targets: vec!["lint".into(), "test".into()],
                settings: Vec::new(),
            })
        );
        let c = call_in("$(MAKE) -f build/ci.mk --no-print-directory GOFLAGS=-v verify");
        assert_eq!(
            c.as_ref().and_then(|c| c.file.as_deref()),
            Some("build/ci.mk")
        );
        assert_eq!(c.map(|c| c.targets), Some(vec!["verify".to_owned()]));
        assert_eq!(call_in("make").map(|c| c.targets.len()), Some(0));
        assert_eq!(call_in("go vet ./..."), None);
        assert_eq!(join("a/b", "../c"), Some("a/c".into()));
        assert_eq!(join("", ".."), None);
    }
}
