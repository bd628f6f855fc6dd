//! GitHub Actions (and Gitea/Forgejo Actions) workflow files: triggers, jobs, `uses:` and
//! `run:` with the lines they sit on.

use crate::yaml::{self, Node};

#[derive(Debug, Clone)]
pub struct Workflow {
    pub path: String,
    pub name: Option<String>,
    /// Event names from `on:`, in file order.
    pub triggers: Vec<String>,
    /// Line of the `on:` key.
    pub triggers_line: Option<u32>,
    /// Line of a top-level `permissions:` key.
    pub permissions_line: Option<u32>,
    pub jobs: Vec<Job>,
    /// Cron expressions under `on.schedule`.
    pub schedules: Vec<String>,
    /// The line of the first cron expression: the line that says the workflow is scheduled.
    pub schedule_line: Option<u32>,
    pub parse_error: Option<String>,
    /// The file's lines, so evidence can quote exactly what is there.
    lines: Vec<String>,
}

impl Workflow {
    /// The text of 1-based `line`, or empty.
    pub fn line_text(&self, line: u32) -> &str {
        (line as usize)
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map_or("", String::as_str)
    }
}

#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    pub line: u32,
    pub permissions_line: Option<u32>,
    /// A reusable workflow called by the job itself.
    pub uses: Option<Uses>,
    pub steps: Vec<Step>,
    /// `strategy.matrix` values by key (`os`, `version.major`), `include:` entries merged.
    pub matrix: Vec<(String, Vec<String>)>,
    /// `defaults.run.working-directory` of the job.
    pub working_directory: Option<String>,
    /// Lines the job occupies in the file (first and last), for reading what it says.
    pub lines: (u32, u32),
}

#[derive(Debug, Clone, Default)]
pub struct Step {
    pub uses: Option<Uses>,
    /// One entry per line of the `run:` script, with its line in the file.
    pub run: Vec<(u32, String)>,
    /// `with:` inputs, key and value.
    pub with: Vec<(String, String, u32)>,
    /// The step's `working-directory:`.
    pub working_directory: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uses {
    /// `owner/repo[/path]`, `./local/action`, or `docker://image`.
    pub target: String,
    /// The part after `@`, when there is one.
    pub reference: Option<String>,
    pub line: u32,
    pub raw: String,
}

impl Uses {
    fn parse(raw: &str, line: u32) -> Uses {
        let raw = raw.trim();
        let (target, reference) = match raw.rsplit_once('@') {
            Some((t, r)) if !raw.starts_with("docker://") => (t.to_owned(), Some(r.to_owned())),
            _ => (raw.to_owned(), None),
        };
        Uses {
            target,
            reference,
            line,
            raw: raw.to_owned(),
        }
    }

    /// Pinned to a full 40-hex commit id (or a local / docker digest reference).
    pub fn is_pinned(&self) -> bool {
        if self.target.starts_with("./") {
            return true;
        }
        if self.target.starts_with("docker://") {
            return self.target.contains("@sha256:");
        }
        self.reference
            .as_deref()
            .is_some_and(|r| r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit()))
    }
}

/// Parse one workflow file. Never fails: a malformed file yields what could be read and
/// the parse error.
pub fn parse(path: &str, text: &str) -> Workflow {
    let (docs, parse_error) = yaml::parse(text);
    let mut wf = Workflow {
        path: path.to_owned(),
        name: None,
        triggers: Vec::new(),
        triggers_line: None,
        permissions_line: None,
        jobs: Vec::new(),
        schedules: Vec::new(),
        schedule_line: None,
        parse_error,
        lines: text.lines().map(str::to_owned).collect(),
    };
    let Some(root) = docs.first() else {
        return wf;
    };
    let lines: Vec<&str> = text.lines().collect();
    wf.name = root.get("name").and_then(Node::as_str).map(str::to_owned);
    // Older YAML readers turn `on` into `true`; accept both spellings of the key.
    if let Some((key, on)) = root.get_entry("on").or_else(|| root.get_entry("true")) {
        wf.triggers_line = Some(key.line());
        match on {
            Node::Scalar { value, .. } => wf.triggers.push(value.clone()),
            Node::Seq { items, .. } => wf
                .triggers
                .extend(items.iter().filter_map(Node::as_str).map(str::to_owned)),
            Node::Map { entries, .. } => {
                for (k, v) in entries {
                    if let Some(event) = k.as_str() {
                        wf.triggers.push(event.to_owned());
                        if event == "schedule" {
                            for item in v.items() {
                                if let Some(node) = item.get("cron")
                                    && let Some(cron) = node.as_str()
                                {
                                    wf.schedule_line.get_or_insert(node.line());
                                    wf.schedules.push(cron.to_owned());
                                }
                            }
                        }
                    }
                }
            }
            Node::Null { .. } => {}
        }
    }
    wf.permissions_line = root.get_entry("permissions").map(|(k, _)| k.line());
    let jobs = root.get("jobs").map(Node::entries).unwrap_or_default();
    for (n, (key, job)) in jobs.iter().enumerate() {
        let Some(id) = key.as_str() else { continue };
        let last = jobs.get(n + 1).map_or_else(
            || u32::try_from(lines.len()).unwrap_or(u32::MAX),
            |(next, _)| next.line().saturating_sub(1),
        );
        wf.jobs.push(Job {
            id: id.to_owned(),
            line: key.line(),
            permissions_line: job.get_entry("permissions").map(|(k, _)| k.line()),
            uses: job
                .get("uses")
                .and_then(|u| u.as_str().map(|s| Uses::parse(s, u.line()))),
            steps: job
                .get("steps")
                .map(|s| steps(s, &lines))
                .unwrap_or_default(),
            matrix: job
                .get("strategy")
                .and_then(|s| s.get("matrix"))
                .map(matrix)
                .unwrap_or_default(),
            working_directory: job
                .get("defaults")
                .and_then(|d| d.get("run"))
                .and_then(|r| r.get("working-directory"))
                .and_then(Node::as_str)
                .map(str::to_owned),
            lines: (key.line(), last),
        });
    }
    // Composite actions (`action.yml`) keep their steps under `runs.steps`.
    if let Some(runs) = root.get("runs").and_then(|r| r.get("steps")) {
        wf.jobs.push(Job {
            id: "composite".into(),
            line: runs.line(),
            permissions_line: None,
            uses: None,
            steps: steps(runs, &lines),
            matrix: Vec::new(),
            working_directory: None,
            lines: (runs.line(), u32::try_from(lines.len()).unwrap_or(u32::MAX)),
        });
    }
    wf
}

fn steps(node: &Node, lines: &[&str]) -> Vec<Step> {
    node.items()
        .iter()
        .map(|step| Step {
            uses: step
                .get("uses")
                .and_then(|u| u.as_str().map(|s| Uses::parse(s, u.line()))),
            run: step
                .get("run")
                .and_then(|r| r.as_str().map(|s| (s, r.line())))
                .map(|(script, line)| locate_script_lines(script, line, lines))
                .unwrap_or_default(),
            with: step
                .get("with")
                .map(Node::entries)
                .unwrap_or_default()
                .iter()
                .filter_map(|(k, v)| {
                    Some((k.as_str()?.to_owned(), v.as_str()?.to_owned(), v.line()))
                })
                .collect(),
            working_directory: step
                .get("working-directory")
                .and_then(Node::as_str)
                .map(str::to_owned),
        })
        .collect()
}

/// Values of a `strategy.matrix`: `key: [a, b]` lists, one level of mappings inside them
/// (`version: [{major: 4}]` gives `version.major`), and `include:` entries.
fn matrix(node: &Node) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |key: String, value: &str| match out.iter_mut().find(|(k, _)| *k == key) {
        Some((_, values)) if !values.iter().any(|v| v == value) => {
            values.push(value.to_owned());
        }
        Some(_) => {}
        None => out.push((key, vec![value.to_owned()])),
    };
    for (key, value) in node.entries() {
        let Some(key) = key.as_str() else { continue };
        if key == "exclude" {
            continue;
        }
        for item in value.items() {
            if let Some(v) = item.as_str() {
                if key != "include" {
                    add(key.to_owned(), v);
                }
                continue;
            }
            for (sub, v) in item.entries() {
                let (Some(sub), Some(v)) = (sub.as_str(), v.as_str()) else {
                    continue;
                };
                if key == "include" {
                    add(sub.to_owned(), v);
                } else {
                    add(format!("{key}.{sub}"), v);
                }
            }
        }
    }
    out
}

/// Give each line of a `run:` script the line it occupies in the file. The parser reports
/// where the scalar starts; block scalars begin on the next line, so search forward.
fn locate_script_lines(script: &str, start: u32, lines: &[&str]) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut cursor = start.saturating_sub(1) as usize;
    for cmd in script.lines() {
        let needle = cmd.trim();
        if needle.is_empty() {
            continue;
        }
        let found = (cursor..lines.len().min(cursor + 200)).find(|&i| lines[i].contains(needle));
        let line = match found {
            Some(i) => {
                cursor = i;
                i + 1
            }
            None => cursor + 1,
        };
        out.push((u32::try_from(line).unwrap_or(u32::MAX), needle.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WF: &str = "\
name: ci
on:
  pull_request:
  schedule:
    - cron: '0 3 * * *'
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: golangci/golangci-lint-action@3a919529898de77ec3da873e3063ca4b10e7f5cc
      - run: |
          make test
          go vet ./...
";

    #[test]
    fn triggers_jobs_steps_and_lines() {
        let wf = parse(".github/workflows/ci.yml", WF);
        assert_eq!(wf.triggers, ["pull_request", "schedule"]);
        assert_eq!(wf.schedules, ["0 3 * * *"]);
        assert_eq!(
            wf.line_text(wf.schedule_line.unwrap_or(0)).trim(),
            "- cron: '0 3 * * *'"
        );
        assert_eq!(wf.permissions_line, Some(6));
        let steps = &wf.jobs[0].steps;
        let checkout = steps[0].uses.as_ref().expect("uses");
        assert_eq!(
            (checkout.target.as_str(), checkout.line),
            ("actions/checkout", 12)
        );
        assert!(!checkout.is_pinned());
        assert!(steps[1].uses.as_ref().is_some_and(Uses::is_pinned));
        assert_eq!(
            steps[2].run,
            [
                (15, "make test".to_owned()),
                (16, "go vet ./...".to_owned())
            ]
        );
    }

    #[test]
    fn malformed_workflow_keeps_the_error() {
        let wf = parse("w.yml", "on: [push\njobs: {");
        assert!(wf.parse_error.is_some());
        assert!(wf.jobs.is_empty());
    }
}
