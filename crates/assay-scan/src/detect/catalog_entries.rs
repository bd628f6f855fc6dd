//! Findings for every catalog entry: config files, workflow actions, commands in CI and
//! scripts, content patterns, and links in community documents.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use assay_model::{Category, Evidence, Finding, LineIndex, Status, detail};
use serde_json::{Value, json};

use super::{Detector, cap_evidence, docs::is_community_doc};
use crate::Context;
use crate::catalog::{Catalog, Entry};
use crate::snapshot::FileEntry;

pub struct CatalogEntries;

/// Practices whose absence is worth a finding of its own.

#[derive(Default)]
struct Hits {
    files: Vec<Evidence>,
    actions: Vec<Evidence>,
    ci_commands: Vec<Evidence>,
    local_commands: Vec<Evidence>,
    content: Vec<Evidence>,
    links: Vec<Evidence>,
    /// CI steps that only install the tool.
    installed: Vec<Evidence>,
    /// A job that calls another repository's reusable workflow and names the tool.
    remote: Vec<Evidence>,
    captures: BTreeMap<String, BTreeSet<String>>,
    /// Each link → where it is written (`path:line`).
    link_lines: BTreeMap<String, Vec<String>>,
}

/// Places kept per link: enough to match the few a statement cites.
const LINK_PLACES: usize = 8;

impl Hits {
    fn is_empty(&self) -> bool {
        self.files.is_empty()
            && self.actions.is_empty()
            && self.ci_commands.is_empty()
            && self.local_commands.is_empty()
            && self.content.is_empty()
            && self.links.is_empty()
            && self.installed.is_empty()
            && self.remote.is_empty()
    }
}

impl Detector for CatalogEntries {
    fn name(&self) -> &'static str {
        "catalog"
    }

    fn doc(&self) -> &'static str {
        "Each catalog entry is found by its matchers: file globs over the tree, `uses:` \
         prefixes in workflow steps, command patterns in CI configuration, Makefile recipes, \
         scripts and hook configs, content patterns in matching files, and link patterns in \
         README and community documents. A tool that CI runs (directly, or through a make \
         target or script CI calls) is present; one that is only configured, or only run by \
         scripts CI never calls, is partial; one named only by a job that calls another \
         repository's reusable workflow is unknown. Vendored, third-party, test-data and \
         generated files (and what the root .gitattributes marks linguist-vendored or \
         linguist-generated) count only when the project's own CI reaches them. For each \
         practice where nothing matched, an absent finding lists what was looked for."
    }

    fn wants(&self, catalog: &Catalog, entry: &FileEntry) -> bool {
        is_community_doc(entry) || catalog.content_globs.is_match(&entry.path)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let catalog = cx.catalog;
        let mut hits: Vec<Hits> = catalog.entries.iter().map(|_| Hits::default()).collect();

        // Someone else's files (vendored, third-party, test data, generated) never make a
        // practice of the project; a third-party script counts only when CI reaches it.
        let own = |path: &str| !cx.third_party.contains(path);
        for file in cx.snapshot.files().iter().filter(|f| own(&f.path)) {
            for owner in catalog.file_matches(&file.path) {
                hits[owner].files.push(Evidence::file(file.path.clone()));
            }
        }
        for wf in &cx.pipeline.workflows {
            let uses = wf.jobs.iter().flat_map(|j| {
                j.uses
                    .iter()
                    .chain(j.steps.iter().filter_map(|s| s.uses.as_ref()))
            });
            for u in uses {
                for (i, entry) in catalog.entries.iter().enumerate() {
                    let at = || Evidence::at(&wf.path, u.line, wf.line_text(u.line));
                    if entry.matches_action(&u.target) {
                        hits[i].actions.push(at());
                    } else if entry.installs_action(&u.target) {
                        hits[i].installed.push(at());
                    }
                }
            }
        }
        for line in &cx.pipeline.lines {
            if !line.reached && !own(&line.path) {
                continue;
            }
            for owner in catalog.command_matches(&line.text) {
                let ev = Evidence::at(&line.path, line.line, line.quote());
                if line.reached {
                    hits[owner].ci_commands.push(ev);
                } else {
                    hits[owner].local_commands.push(ev);
                }
            }
        }
        let mut paths: Vec<&String> = cx
            .contents
            .texts
            .keys()
            .filter(|p| own(p.as_str()))
            .collect();
        paths.sort();
        for (i, entry) in catalog.entries.iter().enumerate() {
            for (glob, re) in &entry.content {
                for path in paths.iter().filter(|p| glob.is_match(p.as_str())) {
                    let Some(text) = cx.text(path) else { continue };
                    if let Some(m) = re.find(&shown(path, text)) {
                        let index = LineIndex::new(text);
                        let line = index.line_of(m.start());
                        let excerpt = text.lines().nth(line as usize - 1).unwrap_or("");
                        hits[i]
                            .content
                            .push(Evidence::at(path.as_str(), line, excerpt));
                    }
                }
            }
        }
        let docs: Vec<&String> = paths
            .iter()
            .copied()
            .filter(|p| cx.snapshot.entry(p).is_some_and(is_community_doc))
            .collect();
        for (i, entry) in catalog.entries.iter().enumerate() {
            if entry.links.is_empty() {
                continue;
            }
            for path in &docs {
                let Some(text) = cx.text(path) else { continue };
                scan_links(entry, path, text, &cx.project_names, &mut hits[i]);
            }
        }

        for (i, entry) in catalog.entries.iter().enumerate() {
            let h = &mut hits[i];
            if entry.is_tool() && h.actions.is_empty() && h.ci_commands.is_empty() {
                h.remote = remote_traces(cx, entry);
            }
        }

        let runs_in_ci: Vec<bool> = hits
            .iter()
            .map(|h| !h.actions.is_empty() || !h.ci_commands.is_empty())
            .collect();
        let mut findings = Vec::new();
        let mut found_in: BTreeSet<Category> = BTreeSet::new();
        for (entry, hits) in catalog.entries.iter().zip(hits) {
            if hits.is_empty() {
                continue;
            }
            let carrier = entry.spec.runs_with.as_deref().and_then(|id| {
                let i = catalog.entries.iter().position(|e| e.spec.id == id)?;
                runs_in_ci[i].then(|| catalog.entries[i].spec.name.as_str())
            });
            let f = finding_for(entry, hits, carrier);
            if matches!(
                f.status,
                Status::Present | Status::Partial | Status::Unknown
            ) {
                found_in.insert(f.category);
            }
            findings.push(f);
        }
        for category in Category::ALL.into_iter().filter(|c| c.summarised()) {
            if found_in.contains(&category) {
                continue;
            }
            let looked_for: Vec<Value> = catalog
                .entries
                .iter()
                .filter(|e| e.spec.category == category)
                .map(|e| Value::from(e.spec.name.clone()))
                .collect();
            findings.push(
                Finding::new(
                    category.id(),
                    category,
                    category.id(),
                    format!("Not found: {}", category.title()),
                    Status::Absent,
                )
                .with_detail(assay_model::detail::LOOKED_FOR, looked_for),
            );
        }
        findings
    }
}

/// `own` names the project (repository and owner names): entries marked `own_project`
/// only count links that carry one of them, so a link to another project's blog is not
/// taken for this project's.
fn scan_links(entry: &Entry, path: &str, text: &str, own: &[String], hits: &mut Hits) {
    let shown = shown(path, text);
    for (n, (line, said)) in text.lines().zip(shown.lines()).enumerate() {
        for re in &entry.links {
            let mut matched = false;
            for caps in re.captures_iter(said) {
                let whole = caps.get(0).map_or("", |m| m.as_str()).to_ascii_lowercase();
                if entry.spec.own_project && !own.iter().any(|name| whole.contains(name.as_str())) {
                    continue;
                }
                matched = true;

                if let Some(whole) = caps.get(0) {
                    let link = trim_link(whole.as_str());
                    let places = hits.link_lines.entry(link.clone()).or_default();
                    let place = format!("{path}:{}", n + 1);
                    if places.len() < LINK_PLACES && !places.contains(&place) {
                        places.push(place);
                    }
                    hits.captures
                        .entry(detail::LINKS.into())
                        .or_default()
                        .insert(link);
                }
                for name in re.capture_names().flatten() {
                    if let Some(m) = caps.name(name) {
                        hits.captures
                            .entry(format!("{name}s"))
                            .or_default()
                            .insert(m.as_str().to_owned());
                    }
                }
            }
            if matched {
                hits.links.push(Evidence::at(
                    path,
                    u32::try_from(n + 1).unwrap_or(u32::MAX),
                    line,
                ));
                break;
            }
        }
    }
}

/// What a reader of `path` sees of `text`: Markdown comments (template notes, text kept
/// for later) are blanked, line numbers kept.
fn shown<'t>(path: &str, text: &'t str) -> Cow<'t, str> {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    if name.ends_with(".md") || name.ends_with(".markdown") || name.ends_with(".mdx") {
        assay_model::blank_html_comments(text)
    } else {
        Cow::Borrowed(text)
    }
}

fn trim_link(s: &str) -> String {
    s.trim_end_matches(['.', ',', ')', ']', '>', '"', '\'', '/'])
        .trim()
        .to_owned()
}

/// `carrier` names the tool that runs this one in CI, when that tool does run there.
fn finding_for(entry: &Entry, hits: Hits, carrier: Option<&str>) -> Finding {
    let spec = &entry.spec;
    let name = &spec.name;
    let link_category = matches!(spec.category, Category::Comms | Category::Metadata);
    let configured = !hits.files.is_empty() || !hits.content.is_empty();
    let (status, title) = if !hits.actions.is_empty() || !hits.ci_commands.is_empty() {
        (Status::Present, format!("{name}: runs in CI"))
    } else if let (Some(carrier), true) = (carrier, configured) {
        (
            Status::Present,
            format!("{name}: enabled in the configuration of {carrier}, which runs in CI"),
        )
    } else if spec.activates && (!hits.files.is_empty() || !hits.content.is_empty()) {
        (Status::Present, format!("{name}: set up in the repository"))
    } else if let Some(target) = hits.remote.first().and_then(|e| e.excerpt.as_deref()) {
        let target = assay_model::clean_excerpt(
            target
                .trim()
                .trim_start_matches("- ")
                .trim_start_matches("uses:")
                .trim(),
        );
        let what = if target.contains("/.github/workflows/") {
            "named by a job that calls a reusable workflow of another repository"
        } else {
            "named in the settings of an action of another repository"
        };
        (
            Status::Unknown,
            format!("{name}: {what} ({target}); a checkout cannot tell whether it runs there"),
        )
    } else if link_category && !hits.links.is_empty() {
        (
            Status::Present,
            format!("{name}: referenced by the project's documents"),
        )
    } else if !hits.local_commands.is_empty() {
        (
            Status::Partial,
            format!(
                "{name}: run by project scripts or make targets; assay traced no CI step to them"
            ),
        )
    } else if !hits.files.is_empty() || !hits.content.is_empty() {
        (
            Status::Partial,
            format!("{name}: configured; assay traced no CI step that runs it"),
        )
    } else if !hits.installed.is_empty() {
        // The tool is on the runner; something the checkout cannot see may run it (a
        // release tool's configuration kept elsewhere), so neither "runs" nor "not found".
        (
            Status::Unknown,
            format!(
                "{name}: a CI step installs it, but assay traced no step that runs it; a checkout cannot tell whether another tool calls it"
            ),
        )
    } else {
        // A link alone (a badge) for a tool: the service may run elsewhere.
        (
            Status::Partial,
            format!("{name}: linked from the project's documents; no configuration in the tree"),
        )
    };
    let in_ci = !hits.actions.is_empty()
        || !hits.ci_commands.is_empty()
        || (carrier.is_some() && configured);
    let mut f = Finding::new(
        spec.id.clone(),
        spec.category,
        subject_of(&spec.id),
        title,
        status,
    )
    .with_detail("name", name.clone());
    if entry.is_tool() {
        f = f.with_detail("in_ci", in_ci);
    }
    if !hits.link_lines.is_empty() {
        f = f.with_detail(detail::LINK_LINES, json!(hits.link_lines));
    }
    for (key, values) in &hits.captures {
        let list: Vec<Value> = values.iter().take(50).map(|v| json!(v)).collect();
        f = f.with_detail(key, list);
    }
    let Hits {
        files,
        actions,
        ci_commands,
        local_commands,
        content,
        links,
        remote,
        installed,
        ..
    } = hits;
    // An installer line backs only the "installs it" statement, never "runs in CI".
    let installed = if f.status == Status::Unknown && remote.is_empty() {
        installed
    } else {
        Vec::new()
    };
    if !files.is_empty() {
        f = f.with_detail("files", files.len());
    }
    // Strongest evidence first: what CI runs, then content, configuration, links.
    f.evidence = actions
        .into_iter()
        .chain(ci_commands)
        .chain(remote)
        .chain(content)
        .chain(files)
        .chain(local_commands)
        .chain(installed)
        .chain(links)
        .collect();
    cap_evidence(&mut f);
    f
}

/// Jobs that call a reusable workflow in another repository (`uses:
/// org/repo/.github/workflows/x.yml@ref`) and name `entry` (in the path, inputs, secrets or
/// comments): the `uses:` line first, then the line naming the tool.
fn remote_traces(cx: &Context, entry: &Entry) -> Vec<Evidence> {
    // The entry's own id (`codeql`, `fossa`, `zizmor`), not its display name, which may
    // start with a word as common as `GitHub`.
    let word = subject_of(&entry.spec.id);
    let mut out = Vec::new();
    for wf in &cx.pipeline.workflows {
        for job in &wf.jobs {
            let Some(uses) = &job.uses else { continue };
            if uses.target.starts_with("./") || !uses.target.contains("/.github/workflows/") {
                continue;
            }
            let named = (job.lines.0..=job.lines.1).find(|&n| {
                let text = wf.line_text(n).to_ascii_lowercase();
                names_word(&text, &word)
            });
            if let Some(n) = named {
                out.push(Evidence::at(&wf.path, uses.line, wf.line_text(uses.line)));
                if n != uses.line {
                    out.push(Evidence::at(&wf.path, n, wf.line_text(n)));
                }
            }
        }
        // An action of another repository given the tool's settings
        // (`containerd/project-checks` with `go-licenses-ignore:`) may run it inside.
        for step in wf.jobs.iter().flat_map(|j| &j.steps) {
            let Some(uses) = &step.uses else { continue };
            // The tool's own action is a run of it (the catalog's `actions`), not a trace.
            if uses.target.starts_with("./")
                || uses.target.starts_with("docker://")
                || uses.target.contains("/.github/workflows/")
                || entry.matches_action(&uses.target)
            {
                continue;
            }
            // A setting's name is a deliberate mention (`go-licenses-ignore:`); a value can
            // hold any string (`scope=buildx-...`).
            let named = step
                .with
                .iter()
                .find(|(k, _, _)| names_word(&k.to_ascii_lowercase(), &word));
            if let Some((key, _, n)) = named {
                // Cite the setting's own line (a block value starts below it).
                let key_line = (uses.line..=*n)
                    .rev()
                    .find(|&l| wf.line_text(l).trim_start().starts_with(&format!("{key}:")))
                    .unwrap_or(*n);
                out.push(Evidence::at(&wf.path, uses.line, wf.line_text(uses.line)));
                out.push(Evidence::at(&wf.path, key_line, wf.line_text(key_line)));
            }
        }
    }
    out
}

/// `word` in `text` not glued to letters or digits on either side. In a comment,
/// `zizmor: ignore[...]` is an instruction to that tool about this file, not a trace of it.
fn names_word(text: &str, word: &str) -> bool {
    let comment = text.find('#').unwrap_or(text.len());
    text.match_indices(word).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        let directive = i > comment && after == Some(':');
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
            && !directive
    })
}

fn subject_of(id: &str) -> String {
    id.split_once('.').map_or(id, |(_, s)| s).to_owned()
}
