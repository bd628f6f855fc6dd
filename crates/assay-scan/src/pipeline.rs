//! What the project runs: CI configuration, workflow steps, Makefile recipes and scripts,
//! as command lines with their place, and which of them CI reaches.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::catalog::Catalog;
use crate::make::{self, LineKind, MakeFile, Reach, Reader, resolve_includes};
use crate::shell::{cd_target, invoked_file, is_comment, is_message, shell_assignment};
pub(crate) use crate::shell::{commands, is_install};
use crate::snapshot::{Contents, FileEntry};
use crate::third_party::ThirdParty;
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
    /// The line as written, when `text` is one expansion of it (a matrix value put in).
    pub raw: Option<String>,
}

impl CommandLine {
    fn new(path: &str, line: u32, text: &str, origin: Origin, reached: bool) -> CommandLine {
        CommandLine {
            path: path.to_owned(),
            line,
            text: text.to_owned(),
            origin,
            reached,
            raw: None,
        }
    }

    /// What the file says at this line.
    pub fn quote(&self) -> &str {
        self.raw.as_deref().unwrap_or(&self.text)
    }
}

#[derive(Debug, Default)]
pub struct Pipeline {
    pub workflows: Vec<Workflow>,
    pub lines: Vec<CommandLine>,
    /// Files that reached lines call (by path, or a `.sh` name) which were not read as
    /// scripts: the caller reads them and builds again.
    pub unread_calls: Vec<String>,
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
/// A CI folder's documentation is not configuration, and its scripts run only when the
/// configuration calls them.
pub fn is_ci_config(catalog: &Catalog, path: &str) -> bool {
    if is_workflow(path) {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    if matches!(
        ext.to_ascii_lowercase().as_str(),
        "md" | "txt" | "rst" | "adoc" | "sh" | "bash" | "py" | "ps1"
    ) || name.eq_ignore_ascii_case("OWNERS")
        || name.eq_ignore_ascii_case("LICENSE")
    {
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
    if make::is_makefile(path) && !name.ends_with(".mk") && depth <= 3 {
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

/// Where a line runs, as far as the pipeline can tell.
#[derive(Debug, Clone)]
pub(crate) enum Cwd {
    /// A directory relative to the root (`""` is the root).
    Dir(String),
    /// A script: it may be run from anywhere, or `cd` first.
    Unknown,
}

#[derive(Default)]
struct Builder {
    lines: Vec<CommandLine>,
    cwd: Vec<Cwd>,
    makefiles: BTreeMap<String, MakeFile>,
    script_lines: HashMap<String, Vec<usize>>,
}

impl Builder {
    fn push(&mut self, line: CommandLine, cwd: Cwd) -> usize {
        self.lines.push(line);
        self.cwd.push(cwd);
        self.lines.len() - 1
    }
}

/// Build the pipeline from whichever of `paths` are workflows, CI configs or scripts.
/// `third_party` files take part only through a call chain from the project's own CI.
pub fn build(
    contents: &Contents,
    paths: &[(String, bool, bool)],
    third_party: &ThirdParty,
) -> Pipeline {
    let mut b = Builder::default();
    let mut workflows = Vec::new();
    for (path, ci, script) in paths {
        let Some(text) = contents.get(path) else {
            continue;
        };
        if is_workflow(path) {
            workflows.push(workflow::parse(path, text));
        } else if *ci {
            for (n, line) in text.lines().enumerate() {
                if is_comment(line) || is_message(line) {
                    continue;
                }
                let line = CommandLine::new(path, line_no(n), line.trim(), Origin::Ci, true);
                b.push(line, Cwd::Dir(String::new()));
            }
        } else if *script {
            read_script(&mut b, path, text);
        }
    }
    let triggered = triggered_workflows(&workflows);
    for (wf, reached) in workflows.iter().zip(triggered) {
        for job in &wf.jobs {
            // `actions/checkout` with `path: src/x` puts the repository there: a `cd src/x`
            // (or that working directory) is the repository's root.
            let checkout = checkout_path(job);
            let in_repo = |d: Cwd| in_checkout(d, checkout.as_deref());
            for step in &job.steps {
                let mut dir = in_repo(
                    step.working_directory
                        .as_deref()
                        .or(job.working_directory.as_deref())
                        .map_or(Cwd::Dir(String::new()), |d| {
                            make::join("", d).map_or(Cwd::Unknown, Cwd::Dir)
                        }),
                );
                for (line, cmd) in &step.run {
                    if is_comment(cmd) || is_message(cmd) {
                        continue;
                    }
                    for text in expand_matrix(cmd, &job.matrix) {
                        let mut l = CommandLine::new(&wf.path, *line, &text, Origin::Ci, reached);
                        if text != *cmd {
                            l.raw = Some(cmd.clone());
                        }
                        b.push(l, dir.clone());
                    }
                    // `cd multicluster` on one line holds for the lines after it.
                    for command in commands(cmd) {
                        if let Some(to) = cd_target(command) {
                            dir = in_repo(change_dir(&dir, to, None));
                        }
                    }
                }
            }
        }
    }
    let includes = resolve_includes(&b.makefiles);
    expand_variables(&mut b, &includes);
    let mut pipeline = Pipeline {
        workflows,
        lines: Vec::new(),
        unread_calls: Vec::new(),
    };
    let unread = propagate_reach(&mut b, &includes, third_party);
    pipeline.lines = b.lines;
    pipeline.unread_calls = unread;
    pipeline
}

/// A Python line that starts another process.
static PYTHON_SPAWN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::detect::ci_regex(
        r"\bsubprocess\.|\bos\.(?:system|popen|exec\w*|spawn\w*)\s*\(|\bsession\.run(?:_always|_install)?\s*\(|\bcheck_(?:call|output)\s*\(|\bsh\s*\(",
    )
});

fn read_script(b: &mut Builder, path: &str, text: &str) {
    let is_make = make::is_makefile(path) || make::is_justfile(path);
    let python = path.ends_with(".py");
    let name = path.rsplit('/').next().unwrap_or(path);
    if !is_make && !name.contains('.') && !text.starts_with("#!") && path.contains('/') {
        // A file without an extension in a script folder is a script only with a shebang
        // (`make/photon/prepare/Pipfile` lists packages; it runs nothing).
        return;
    }
    let mut reader = Reader::new(path);
    let cwd = Cwd::Unknown;
    let mut shell_vars: HashMap<String, String> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let kind = if is_make {
            reader.line(line)
        } else {
            LineKind::Recipe(None)
        };
        let LineKind::Recipe(target) = kind else {
            continue;
        };
        if is_comment(line) || line.trim().is_empty() || is_message(line) {
            continue;
        }
        if python && !PYTHON_SPAWN.is_match(line) {
            // A Python script's lines are code, not commands: only a line that starts a
            // process runs a tool (`version=f'dco-check {v}'` does not).
            continue;
        }
        let origin = target
            .as_ref()
            .map_or(Origin::Script, |t| Origin::Make { target: t.clone() });
        let mut command = CommandLine::new(path, line_no(n), line.trim(), origin, false);
        if !is_make {
            // `IMG=org/lichen:v1` then `docker run $IMG`: the run line names the tool.
            let expanded = make::expand_shell(line.trim(), &|name| shell_vars.get(name).cloned());
            if let Some((name, value)) = shell_assignment(&expanded) {
                shell_vars.insert(name.to_owned(), value.to_owned());
            }
            if expanded != command.text {
                command.raw = Some(std::mem::replace(&mut command.text, expanded));
            }
        }
        let idx = b.push(command, cwd.clone());
        if let Some(t) = target {
            reader.recipe_line(&t, idx);
        }
        b.script_lines.entry(path.to_owned()).or_default().push(idx);
    }
    if is_make {
        b.makefiles.insert(path.to_owned(), reader.file);
    }
}

/// Which workflows run: those with a trigger of their own, the reusable workflows
/// (`on: workflow_call`) and composite actions they call, and so on.
fn triggered_workflows(workflows: &[Workflow]) -> Vec<bool> {
    let mut reached: Vec<bool> = workflows
        .iter()
        .map(|w| {
            !w.path.starts_with(".github/actions/")
                && (w.parse_error.is_some()
                    || w.triggers.iter().any(|t| t != "workflow_call")
                    || w.triggers.is_empty() && w.jobs.is_empty())
        })
        .collect();
    loop {
        let mut changed = false;
        for i in 0..workflows.len() {
            if !reached[i] {
                continue;
            }
            let local = workflows[i].jobs.iter().flat_map(|j| {
                j.uses
                    .iter()
                    .chain(j.steps.iter().filter_map(|s| s.uses.as_ref()))
            });
            for u in local {
                let Some(target) = u.target.strip_prefix("./") else {
                    continue;
                };
                let target = target.trim_end_matches('/');
                for (k, w) in workflows.iter().enumerate() {
                    let called = w.path == target
                        || make::dir_of(&w.path) == target
                            && w.path.starts_with(".github/actions/");
                    if called && !reached[k] {
                        reached[k] = true;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return reached;
        }
    }
}

/// `make ${{ matrix.target }}` with `target: [lint, test]` is `make lint` and `make test`.
fn expand_matrix(cmd: &str, matrix: &[(String, Vec<String>)]) -> Vec<String> {
    const MAX: usize = 64;
    let mut out = vec![cmd.to_owned()];
    for (key, values) in matrix {
        let mut next = Vec::new();
        for text in &out {
            if matrix_ref(text, key).is_none() {
                next.push(text.clone());
                continue;
            }
            for v in values {
                if next.len() < MAX {
                    let mut t = text.clone();
                    while let Some(r) = matrix_ref(&t, key) {
                        t.replace_range(r, v);
                    }
                    next.push(t);
                }
            }
        }
        out = next;
    }
    out
}

/// The byte range of `${{ matrix.KEY }}` (any spacing) in `text`.
fn matrix_ref(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(open) = text[from..].find("${{").map(|i| i + from) {
        let close = text[open..].find("}}").map(|i| i + open + 2)?;
        let inner = text[open + 3..close - 2].trim();
        if inner.strip_prefix("matrix.") == Some(key) {
            return Some(open..close);
        }
        from = close;
    }
    None
}

/// Put make variables into recipe lines (`$(LINT) run` is `bin/golangci-lint run`), from
/// the file itself, the files it includes and the files that include it.
fn expand_variables(b: &mut Builder, includes: &HashMap<String, Vec<String>>) {
    for (path, indices) in &b.script_lines {
        if !b.makefiles.contains_key(path) {
            continue;
        }
        let mut scope: Vec<&str> = vec![path.as_str()];
        for (from, list) in includes {
            if list.contains(path) {
                scope.push(from);
            }
        }
        let mut i = 0;
        while i < scope.len() && scope.len() < 64 {
            for p in includes.get(scope[i]).into_iter().flatten() {
                if !scope.contains(&p.as_str()) {
                    scope.push(p);
                }
            }
            i += 1;
        }
        let lookup = |name: &str| {
            scope
                .iter()
                .find_map(|p| b.makefiles.get(*p)?.variables.get(name).cloned())
        };
        let expanded: Vec<(usize, String)> = indices
            .iter()
            .filter(|&&i| b.lines[i].text.contains('$'))
            .map(|&i| (i, make::expand(&b.lines[i].text, &lookup)))
            .collect();
        for (i, text) in expanded {
            if text != b.lines[i].text {
                let raw = std::mem::replace(&mut b.lines[i].text, text);
                b.lines[i].raw = Some(raw);
            }
        }
    }
}

/// Where `cd dir` from `cwd` leads; `base` is where an unknown `cwd` starts from (a
/// recipe runs in its makefile's directory).
/// Where `actions/checkout` puts the repository in this job, when not at the workspace root.
fn checkout_path(job: &crate::workflow::Job) -> Option<String> {
    job.steps
        .iter()
        .filter(|s| {
            s.uses
                .as_ref()
                .is_some_and(|u| u.target == "actions/checkout")
        })
        .find_map(|s| s.with.iter().find(|(k, _, _)| k == "path"))
        .map(|(_, v, _)| {
            v.trim()
                .trim_start_matches("./")
                .trim_end_matches('/')
                .to_owned()
        })
        .filter(|p| !p.is_empty() && !p.contains('$'))
}

/// A directory relative to the workspace, as a directory of the repository.
fn in_checkout(dir: Cwd, checkout: Option<&str>) -> Cwd {
    match (dir, checkout) {
        (Cwd::Dir(d), Some(root)) if d == root => Cwd::Dir(String::new()),
        (Cwd::Dir(d), Some(root)) => match d.strip_prefix(&format!("{root}/")) {
            Some(rest) => Cwd::Dir(rest.to_owned()),
            None => Cwd::Dir(d),
        },
        (dir, _) => dir,
    }
}

fn change_dir(cwd: &Cwd, dir: &str, base: Option<&str>) -> Cwd {
    let from = match cwd {
        Cwd::Dir(d) => Some(d.as_str()),
        Cwd::Unknown => base,
    };
    from.and_then(|d| make::join(d, dir))
        .map_or(Cwd::Unknown, Cwd::Dir)
}

/// `NAME=value` settings a make call passes on to the recipes it runs.
type Settings = Vec<(String, String)>;

/// Mark make targets and scripts that reached lines invoke as reached, to a fixpoint.
/// Returns the files reached lines call that were not read as scripts.
fn propagate_reach(
    b: &mut Builder,
    includes: &HashMap<String, Vec<String>>,
    third_party: &ThirdParty,
) -> Vec<String> {
    let mut included_by: HashMap<&str, Vec<&str>> = HashMap::new();
    for (from, list) in includes {
        for to in list {
            included_by
                .entry(to.as_str())
                .or_default()
                .push(from.as_str());
        }
    }
    let reach = Reach {
        makefiles: &b.makefiles,
        includes,
        third_party,
        included_by,
    };
    let mut by_basename: HashMap<&str, Vec<&str>> = HashMap::new();
    for path in b.script_lines.keys() {
        let base = path.rsplit('/').next().unwrap_or(path);
        by_basename.entry(base).or_default().push(path);
    }
    // A line runs with the settings of the make call that reached it (`$(MAKE)
    // for-all-target TARGET=vulncheck` runs `$(MAKE) $(TARGET)` as `$(MAKE) vulncheck`).
    let mut seen_targets: HashSet<(String, String, String)> = HashSet::new();
    let mut seen_lines: HashSet<(usize, String)> = HashSet::new();
    let mut seen_scripts: HashSet<String> = HashSet::new();
    let mut unread: BTreeSet<String> = BTreeSet::new();
    let mut frontier: Vec<(usize, Settings)> = (0..b.lines.len())
        .filter(|&i| b.lines[i].reached)
        .map(|i| (i, Vec::new()))
        .collect();
    seen_lines.extend(frontier.iter().map(|(i, s)| (*i, format!("{s:?}"))));
    let mut rounds = 0;
    while !frontier.is_empty() && rounds < 64 {
        rounds += 1;
        let mut next: Vec<(usize, Settings)> = Vec::new();
        let mut goals: Vec<(&str, String, Settings)> = Vec::new();
        for (i, settings) in &frontier {
            let line = &b.lines[*i];
            let from_make = matches!(line.origin, Origin::Make { .. });
            let mut cwd = b.cwd[*i].clone();
            let text = if settings.is_empty() {
                line.text.clone()
            } else {
                make::expand(&line.text, &|name| {
                    settings
                        .iter()
                        .find(|(k, _)| k == name)
                        .map(|(_, v)| v.clone())
                })
            };
            for command in commands(&text) {
                if is_install(command) {
                    continue;
                }
                if let Some(dir) = cd_target(command) {
                    let base = from_make.then(|| make::dir_of(&line.path));
                    cwd = change_dir(&cwd, dir, base);
                    continue;
                }
                if let Some(call) = make::call_in(command) {
                    for unit in reach.units(&call, &line.path, from_make, &cwd) {
                        let Some(file) = b.makefiles.get(unit) else {
                            continue;
                        };
                        let goal = |t: &String| (unit, t.clone(), call.settings.clone());
                        if call.targets.is_empty() {
                            goals.extend(file.default.iter().map(goal));
                        }
                        goals.extend(call.targets.iter().map(goal));
                    }
                }
                for tok in command.split(|c: char| c.is_whitespace() || "\"'()`".contains(c)) {
                    let tok = tok.trim_start_matches("./");
                    if tok.is_empty() || tok.contains('$') {
                        continue;
                    }
                    let base = tok.rsplit('/').next().unwrap_or(tok);
                    let candidates = by_basename.get(base).map_or(&[][..], Vec::as_slice);
                    for path in candidates {
                        // A unique file name stands for itself, but never for a third
                        // party's file: that one must be named by its path.
                        let unique = candidates.len() == 1
                            && base.contains('.')
                            && !third_party.contains(path);
                        if (tok.ends_with(*path) || unique)
                            && seen_scripts.insert((*path).to_owned())
                        {
                            let lines = b.script_lines.get(*path).into_iter().flatten();
                            next.extend(lines.map(|&l| (l, Vec::new())));
                        }
                    }
                }
                if let Some(tok) = invoked_file(command) {
                    let dirs = match &cwd {
                        Cwd::Dir(d) => vec![d.clone()],
                        Cwd::Unknown => vec![String::new(), make::dir_of(&line.path).to_owned()],
                    };
                    unread.extend(dirs.iter().filter_map(|d| make::join(d, tok)));
                    // A wrapper (`bash tests/showtime.sh tests/ci/install.sh`) runs the
                    // shell script it is given: read scripts named as its arguments too.
                    for arg in command
                        .split_whitespace()
                        .skip_while(|w| !w.contains(tok))
                        .skip(1)
                    {
                        let arg = arg
                            .trim_matches(['"', '\'', '(', ')', '`'])
                            .trim_start_matches("./");
                        if (arg.ends_with(".sh") || arg.ends_with(".bash")) && !arg.contains('$') {
                            unread.extend(dirs.iter().filter_map(|d| make::join(d, arg)));
                        }
                    }
                }
            }
        }
        while let Some((unit, t, settings)) = goals.pop() {
            let key = format!("{settings:?}");
            if !seen_targets.insert((unit.to_owned(), t.clone(), key)) {
                continue;
            }
            if let Some(target) = reach.target(unit, &t) {
                next.extend(target.lines.iter().map(|&l| (l, settings.clone())));
                goals.extend(
                    target
                        .prerequisites
                        .iter()
                        .map(|p| (unit, p.clone(), settings.clone())),
                );
            }
        }
        next.retain(|(i, settings)| seen_lines.insert((*i, format!("{settings:?}"))));
        for (i, _) in &next {
            b.lines[*i].reached = true;
        }
        frontier = next;
    }
    unread
        .into_iter()
        .filter(|p| !b.script_lines.contains_key(p) && !b.makefiles.contains_key(p))
        .collect()
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
        let p = build(&contents, &paths, &ThirdParty::default());
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
        let p = build(&contents, &paths, &ThirdParty::default());
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
