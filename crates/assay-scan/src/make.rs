//! Makefiles and justfiles as the pipeline needs them: targets with their recipe lines and
//! prerequisites, per file; `include`d files; and the make or just calls a command line
//! makes, with the directory and file each call names.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

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
}

pub fn is_makefile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.eq_ignore_ascii_case("makefile") || name == "GNUmakefile" || name.ends_with(".mk")
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
}

/// The make or just call in one shell command (no `&&`, `;` or `|` inside).
pub fn call_in(command: &str) -> Option<Call> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let start = words.iter().position(|w| {
        let w = w.trim_matches(['"', '\'', '(', '`']);
        let base = w.rsplit('/').next().unwrap_or(w);
        matches!(base, "make" | "gmake" | "$(MAKE)" | "${MAKE}" | "just")
    })?;
    let head = words[start].trim_matches(['"', '\'', '(', '`']);
    let just = head.ends_with("just");
    let mut call = Call {
        just,
        dir: None,
        file: None,
        targets: Vec::new(),
    };
    let mut rest = words[start + 1..].iter().map(|w| w.trim_matches(['"', '\'']));
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
        } else if word.starts_with('-') || word.contains('=') || word.is_empty() {
            if matches!(word, "-j" | "-l" | "-o" | "-W" | "-I") {
                rest.next();
            }
        } else if word.starts_with(['#', ')', '>', '<', '2']) {
            break;
        } else {
            call.targets.push(word.trim_end_matches([')', '`']).to_owned());
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
            })
        );
        let c = call_in("$(MAKE) -f build/ci.mk --no-print-directory GOFLAGS=-v verify");
        assert_eq!(c.as_ref().and_then(|c| c.file.as_deref()), Some("build/ci.mk"));
        assert_eq!(c.map(|c| c.targets), Some(vec!["verify".to_owned()]));
        assert_eq!(call_in("make").map(|c| c.targets.len()), Some(0));
        assert_eq!(call_in("go vet ./..."), None);
        assert_eq!(join("a/b", "../c"), Some("a/c".into()));
        assert_eq!(join("", ".."), None);
    }
}
