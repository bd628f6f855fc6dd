//! What the project runs: CI configuration, workflow steps, Makefile recipes and scripts,
//! as command lines with their place, and which of them CI reaches.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::catalog::Catalog;
use crate::snapshot::{Contents, FileEntry};
use crate::workflow::{self, Workflow};

/// Where a command line was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A CI configuration or workflow step.
    Ci,
    /// A recipe line of a Makefile target.
    Make { target: String },
    /// A script, hook or task-runner file.
    Script,
}

#[derive(Debug, Clone)]
pub struct CommandLine {
    pub path: String,
    pub line: u32,
    pub text: String,
    pub origin: Origin,
    /// CI runs this line, directly or through a make target or script it calls.
    pub reached: bool,
}

#[derive(Debug, Default)]
pub struct Pipeline {
    pub workflows: Vec<Workflow>,
    pub lines: Vec<CommandLine>,
}

/// Directories whose files are build or maintenance scripts.
const SCRIPT_DIRS: &[&str] = &[
    "hack/", "scripts/", "script/", "build/", "ci/", "tools/", "tasks/", "make/",
];
const SCRIPT_EXTS: &[&str] = &["sh", "bash", "mk", "ps1", "py", "bats", "zsh", ""];

pub fn is_workflow(path: &str) -> bool {
    let yaml = path.ends_with(".yml") || path.ends_with(".yaml");
    let in_dir = |dir: &str| {
        path.strip_prefix(dir)
            .is_some_and(|rest| !rest.contains('/'))
    };
    yaml && (in_dir(".github/workflows/")
        || in_dir(".gitea/workflows/")
        || in_dir(".forgejo/workflows/")
        || (path.starts_with(".github/actions/")
            && (path.ends_with("/action.yml") || path.ends_with("/action.yaml"))))
}

/// Is `path` the configuration of a CI system other than workflow files?
pub fn is_ci_config(catalog: &Catalog, path: &str) -> bool {
    if is_workflow(path) {
        return false;
    }
    catalog
        .file_matches(path)
        .into_iter()
        .any(|i| catalog.entries[i].spec.category == assay_model::Category::Ci)
}

pub fn is_script(path: &str, entry: &FileEntry) -> bool {
    if entry.size.is_some_and(|s| s > 1024 * 1024) {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let depth = path.matches('/').count();
    if matches!(name, "Makefile" | "GNUmakefile" | "makefile") && depth <= 3 {
        return true;
    }
    if depth == 0
        && matches!(
            name,
            ".pre-commit-config.yaml"
                | ".pre-commit-config.yml"
                | "package.json"
                | "Taskfile.yml"
                | "Taskfile.yaml"
                | "justfile"
                | "Justfile"
                | "tox.ini"
                | "noxfile.py"
                | "magefile.go"
                | "lefthook.yml"
                | "Rakefile"
        )
    {
        return true;
    }
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    if path.starts_with(".husky/") && !name.starts_with('_') {
        return true;
    }
    if (depth == 0 && ext == "sh") || (ext == "mk" && depth <= 3) {
        return true;
    }
    SCRIPT_DIRS.iter().any(|d| path.starts_with(d)) && SCRIPT_EXTS.contains(&ext) && depth <= 5
}

static MAKE_RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z0-9_./%$(){}-]+(?:[ \t]+[A-Za-z0-9_./%$(){}-]+)*)[ \t]*::?([^=].*)?$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static MAKE_CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s;&|(`])(?:make|\$\(MAKE\)|\$\{MAKE\}|gmake|just)((?:[ \t]+[^\s;&|)`]+)+)")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Build the pipeline from whichever of `paths` are workflows, CI configs or scripts.
pub fn build(contents: &Contents, paths: &[(String, bool, bool)]) -> Pipeline {
    let mut pipeline = Pipeline::default();
    // make targets: name -> (recipe line indices, prerequisites)
    let mut targets: HashMap<String, (Vec<usize>, Vec<String>)> = HashMap::new();
    let mut script_lines: HashMap<String, Vec<usize>> = HashMap::new();
    for (path, ci, script) in paths {
        let Some(text) = contents.get(path) else {
            continue;
        };
        if is_workflow(path) {
            let wf = workflow::parse(path, text);
            for job in &wf.jobs {
                for step in &job.steps {
                    for (line, cmd) in step.run.iter().filter(|(_, c)| !is_message(c)) {
                        pipeline.lines.push(CommandLine {
                            path: path.clone(),
                            line: *line,
                            text: cmd.clone(),
                            origin: Origin::Ci,
                            reached: true,
                        });
                    }
                }
            }
            pipeline.workflows.push(wf);
        } else if *ci {
            for (n, line) in text.lines().enumerate() {
                if is_comment(line) || is_message(line) {
                    continue;
                }
                pipeline.lines.push(CommandLine {
                    path: path.clone(),
                    line: line_no(n),
                    text: line.trim().to_owned(),
                    origin: Origin::Ci,
                    reached: true,
                });
            }
        } else if *script {
            let is_make = {
                let name = path.rsplit('/').next().unwrap_or(path);
                name.eq_ignore_ascii_case("makefile")
                    || name == "GNUmakefile"
                    || name.ends_with(".mk")
            };
            let is_just = {
                let name = path.rsplit('/').next().unwrap_or(path);
                matches!(name, "justfile" | "Justfile" | ".justfile")
            };
            let mut current: Option<String> = None;
            for (n, line) in text.lines().enumerate() {
                // A justfile recipe: `name param *rest: dependency` at column 0, body
                // indented.
                if is_just && !line.starts_with([' ', '\t']) {
                    current = None;
                    if let Some((head, deps)) = line.split_once(':')
                        && !deps.starts_with('=')
                        && !head.trim_start().starts_with(['#', '[', '@'])
                        && let Some(name) = head.split_whitespace().next()
                        && !matches!(name, "set" | "export" | "alias" | "import" | "mod")
                    {
                        let name = name.trim_start_matches('@').to_owned();
                        let prereqs = deps
                            .split_whitespace()
                            .map(|d| d.trim_matches(['(', ')']).to_owned());
                        targets.entry(name.clone()).or_default().1.extend(prereqs);
                        current = Some(name);
                    }
                    continue;
                }
                if is_make && !line.starts_with('\t') {
                    current = None;
                    if let Some(c) = MAKE_RULE.captures(line) {
                        let names: Vec<String> =
                            c[1].split_whitespace().map(str::to_owned).collect();
                        let prereqs: Vec<String> = c
                            .get(2)
                            .map_or("", |m| m.as_str().split(['|', ';']).next().unwrap_or(""))
                            .split_whitespace()
                            .map(str::to_owned)
                            .collect();
                        for name in &names {
                            targets
                                .entry(name.clone())
                                .or_default()
                                .1
                                .extend(prereqs.iter().cloned());
                        }
                        current = names.into_iter().next();
                    }
                    continue;
                }
                if is_comment(line) || line.trim().is_empty() || is_message(line) {
                    continue;
                }
                let idx = pipeline.lines.len();
                let origin = match &current {
                    Some(t) => {
                        targets.entry(t.clone()).or_default().0.push(idx);
                        Origin::Make { target: t.clone() }
                    }
                    None => Origin::Script,
                };
                script_lines.entry(path.clone()).or_default().push(idx);
                pipeline.lines.push(CommandLine {
                    path: path.clone(),
                    line: line_no(n),
                    text: line.trim().to_owned(),
                    origin,
                    reached: false,
                });
            }
        }
    }
    propagate_reach(&mut pipeline, &targets, &script_lines);
    pipeline
}

/// Mark make targets and scripts that reached lines invoke as reached, to a fixpoint.
fn propagate_reach(
    pipeline: &mut Pipeline,
    targets: &HashMap<String, (Vec<usize>, Vec<String>)>,
    script_lines: &HashMap<String, Vec<usize>>,
) {
    let mut by_basename: HashMap<&str, Vec<&str>> = HashMap::new();
    for path in script_lines.keys() {
        let base = path.rsplit('/').next().unwrap_or(path);
        by_basename.entry(base).or_default().push(path);
    }
    let mut seen_targets: HashSet<String> = HashSet::new();
    let mut seen_scripts: HashSet<String> = HashSet::new();
    let mut frontier: Vec<usize> = (0..pipeline.lines.len())
        .filter(|&i| pipeline.lines[i].reached)
        .collect();
    let mut rounds = 0;
    while !frontier.is_empty() && rounds < 64 {
        rounds += 1;
        let mut next = Vec::new();
        let mut new_targets = Vec::new();
        for &i in &frontier {
            let text = &pipeline.lines[i].text;
            for c in MAKE_CALL.captures_iter(text) {
                for tok in c[1].split_whitespace() {
                    if !tok.starts_with('-') && !tok.contains('=') {
                        new_targets.push(tok.trim_matches(['"', '\'']).to_owned());
                    }
                }
            }
            for tok in text.split(|c: char| c.is_whitespace() || "\"';&|()`".contains(c)) {
                let tok = tok.trim_start_matches("./");
                let base = tok.rsplit('/').next().unwrap_or(tok);
                let Some(candidates) = by_basename.get(base) else {
                    continue;
                };
                for path in candidates {
                    let unique = candidates.len() == 1 && base.contains('.');
                    if (tok.ends_with(*path) || unique) && seen_scripts.insert((*path).to_owned()) {
                        next.extend(script_lines.get(*path).into_iter().flatten());
                    }
                }
            }
        }
        while let Some(t) = new_targets.pop() {
            if !seen_targets.insert(t.clone()) {
                continue;
            }
            if let Some((lines, prereqs)) = targets.get(&t) {
                next.extend(lines.iter().copied());
                new_targets.extend(prereqs.iter().cloned());
            }
        }
        next.retain(|&i| !pipeline.lines[i].reached);
        for &i in &next {
            pipeline.lines[i].reached = true;
        }
        frontier = next;
    }
}

/// `echo "Running golangci-lint"` names a tool without running it.
fn is_message(line: &str) -> bool {
    let t = line
        .trim_start()
        .trim_start_matches(['@', '-', '+'])
        .trim_start();
    [
        "echo ",
        "echo\t",
        "printf ",
        "$(info ",
        "$(warning ",
        "$(error ",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

fn is_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("//")
}

fn line_no(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::EntryKind;

    fn entry(size: u64) -> FileEntry {
        FileEntry {
            path: String::new(),
            size: Some(size),
            kind: EntryKind::File,
        }
    }

    #[test]
    fn script_locations() {
        assert!(is_script("Makefile", &entry(10)));
        assert!(is_script("hack/verify-golangci.sh", &entry(10)));
        assert!(is_script(
            "hack/git_client_side_hooks/pre-commit",
            &entry(10)
        ));
        assert!(!is_script("hack/boilerplate.go.txt", &entry(10)));
        assert!(!is_script("pkg/agent/run.sh", &entry(10)));
        assert!(!is_script("Makefile", &entry(10 * 1024 * 1024)));
    }

    #[test]
    fn ci_reaches_just_recipes() {
        let mut contents = Contents::default();
        contents.texts.insert(
            ".github/workflows/ci.yml".into(),
            "on: push\njobs:\n  a:\n    steps:\n      - run: just go-lint --verbose\n".into(),
        );
        contents.texts.insert(
            "justfile".into(),
            "set shell := [\"bash\", \"-c\"]\n\ngo-lint *flags: fetch\n    golangci-lint run {{ flags }}\n\nfetch:\n    go mod download\n\nother:\n    trivy fs .\n".into(),
        );
        let paths = vec![
            (".github/workflows/ci.yml".to_owned(), true, false),
            ("justfile".to_owned(), false, true),
        ];
        let p = build(&contents, &paths);
        let reached = |needle: &str| {
            p.lines
                .iter()
                .find(|l| l.text.contains(needle))
                .map(|l| l.reached)
        };
        assert_eq!(reached("golangci-lint run"), Some(true));
        assert_eq!(reached("go mod download"), Some(true));
        assert_eq!(reached("trivy fs"), Some(false));
    }

    #[test]
    fn ci_reaches_make_targets_their_prerequisites_and_scripts() {
        let mut contents = Contents::default();
        contents.texts.insert(
            ".github/workflows/ci.yml".into(),
            "on: push\njobs:\n  a:\n    steps:\n      - run: make lint\n".into(),
        );
        contents.texts.insert(
            "Makefile".into(),
            "lint: vet\n\tgolangci-lint run\nvet:\n\t./hack/vet.sh\nunused:\n\ttrivy fs .\n".into(),
        );
        contents
            .texts
            .insert("hack/vet.sh".into(), "#!/bin/sh\ngo vet ./...\n".into());
        let paths = vec![
            (".github/workflows/ci.yml".to_owned(), true, false),
            ("Makefile".to_owned(), false, true),
            ("hack/vet.sh".to_owned(), false, true),
        ];
        let p = build(&contents, &paths);
        let reached = |needle: &str| {
            p.lines
                .iter()
                .find(|l| l.text.contains(needle))
                .map(|l| l.reached)
        };
        assert_eq!(reached("golangci-lint run"), Some(true));
        assert_eq!(reached("go vet"), Some(true));
        assert_eq!(reached("trivy fs"), Some(false));
    }
}
