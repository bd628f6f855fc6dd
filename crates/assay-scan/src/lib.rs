//! Turn a repository checkout into cited findings.
//!
//! One pass over the file index picks the few files any detector wants; those are read in
//! parallel with a size bound; the pipeline (CI, make targets, scripts) is built once; then
//! every detector in [`detect::REGISTRY`] turns what it needs into findings.

pub mod catalog;
pub mod design;
pub mod detect;
mod error;
pub mod history;
mod make;
pub mod pipeline;
mod shell;
pub mod snapshot;
pub mod third_party;
pub mod workflow;
mod yaml;

use std::path::Path;

use assay_model::vocabulary::{self, Declared as VocabularyDeclared};
use assay_model::{
    Category, Finding, Forge, Repository, SCHEMA_VERSION, ScanReport, Status, Tool, detail,
};

pub use catalog::Catalog;
pub use error::ScanError;
pub use snapshot::{Contents, EntryKind, FileEntry, Mode, Snapshot};

/// How to take the snapshot.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Read the working directory instead of the HEAD commit.
    pub worktree: bool,
    /// How far back history findings reach.
    pub since: history::Since,
    /// Leave out history findings.
    pub no_history: bool,
}

/// Everything a detector may look at.
pub struct Context<'a> {
    pub snapshot: &'a Snapshot,
    pub contents: &'a Contents,
    pub catalog: &'a Catalog,
    pub pipeline: &'a pipeline::Pipeline,
    /// Vendored, third-party, test-data and generated files (root `.gitattributes`).
    pub third_party: &'a third_party::ThirdParty,
    /// Lower-case names the project goes by (repository, owner), longest first.
    pub project_names: Vec<String>,
}

impl Context<'_> {
    pub fn text(&self, path: &str) -> Option<&str> {
        self.contents.get(path)
    }
}

/// Scan the repository at `root`. `display_root` is how the root is named in the report.
pub fn scan(root: &Path, display_root: &str, opts: &ScanOptions) -> Result<ScanReport, ScanError> {
    let snapshot = Snapshot::open(root, opts.worktree)?;
    let catalog = Catalog::builtin()?;
    Ok(scan_snapshot(&snapshot, &catalog, display_root, opts))
}

/// Names the project goes by: the repository and owner from the remote, or the root
/// folder's name. Short or generic names are left out: they would match anything.
fn project_names(snapshot: &Snapshot) -> Vec<String> {
    let mut names = Vec::new();
    let from_remote = snapshot.remote().and_then(Forge::from_remote).map(|f| {
        f.web_url()
            .rsplit('/')
            .take(2)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    });
    match from_remote {
        Some(parts) => names.extend(parts),
        None => names.extend(snapshot.root_name()),
    }
    let mut names: Vec<String> = names
        .into_iter()
        .map(|n| n.to_ascii_lowercase())
        .flat_map(|n| {
            // `antrea-io` is known as `antrea`; `linkerd2` as `linkerd`.
            let core = n
                .split(['-', '_', '.'])
                .next()
                .unwrap_or(&n)
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_owned();
            [n, core]
        })
        .filter(|n| n.len() >= 4 && !matches!(n.as_str(), "main" | "repo" | "project" | "code"))
        .collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    names
}

/// Scan an already opened snapshot.
pub fn scan_snapshot(
    snapshot: &Snapshot,
    catalog: &Catalog,
    display_root: &str,
    opts: &ScanOptions,
) -> ScanReport {
    // One pass over the index: which files does anyone need to read?
    let mut wanted = Vec::new();
    let mut pipeline_files = Vec::new();
    for entry in snapshot.files() {
        if entry.kind != EntryKind::File {
            continue;
        }
        let path = entry.path.as_str();
        let ci = pipeline::is_workflow(path) || pipeline::is_ci_config(catalog, path);
        let script = !ci && pipeline::is_script(path, entry);
        if ci || script {
            pipeline_files.push((path.to_owned(), ci, script));
        }
        if ci || script || detect::REGISTRY.iter().any(|d| d.wants(catalog, entry)) {
            wanted.push(entry.path.clone());
        }
    }
    if snapshot.exists(".gitattributes") {
        wanted.push(".gitattributes".to_owned());
    }
    let mut contents = snapshot.read_many(&wanted);
    let third_party =
        third_party::ThirdParty::from_gitattributes(contents.get(".gitattributes").unwrap_or(""));
    let mut pipeline = pipeline::build(&contents, &pipeline_files, &third_party);
    // Scripts CI calls outside the usual script folders (`docker/run.sh --test`): read
    // them and trace again, a few rounds deep.
    for _ in 0..4 {
        let more: Vec<String> = pipeline
            .unread_calls
            .iter()
            .filter(|p| !pipeline_files.iter().any(|(known, _, _)| known == *p))
            .filter(|p| {
                snapshot.entry(p).is_some_and(|e| {
                    e.kind == EntryKind::File && e.size.is_some_and(|s| s < 1 << 20)
                })
            })
            .cloned()
            .collect();
        if more.is_empty() {
            break;
        }
        let read = snapshot.read_many(&more);
        for (path, text) in read.texts {
            pipeline_files.push((path.clone(), false, true));
            contents.texts.insert(path, text);
        }
        pipeline = pipeline::build(&contents, &pipeline_files, &third_party);
    }
    let cx = Context {
        snapshot,
        contents: &contents,
        catalog,
        pipeline: &pipeline,
        third_party: &third_party,
        project_names: project_names(snapshot),
    };
    let mut findings = Vec::new();
    for d in detect::REGISTRY {
        let found = d.detect(&cx);
        debug_assert!(
            found.iter().all(|f| declared_by(catalog, &f.id, d.name())),
            "{} emitted an undeclared finding id: {:?}",
            d.name(),
            found.iter().map(|f| &f.id).collect::<Vec<_>>()
        );
        findings.extend(found);
    }

    let forge = snapshot.remote().and_then(Forge::from_remote);
    if !opts.no_history {
        // History runs after the detectors: a written review rule changes what a history
        // without review markers means.
        let rule = findings
            .iter()
            .find(|f| {
                f.id == vocabulary::APPROVAL_RULE.id && f.status == assay_model::Status::Present
            })
            .cloned();
        let history = history_findings(snapshot, forge.as_ref(), opts.since, rule.as_ref());
        debug_assert!(
            history
                .iter()
                .all(|f| declared_by(catalog, &f.id, vocabulary::HISTORY)),
            "history emitted an undeclared finding id"
        );
        findings.extend(history);
    }
    drop_disproved_absences(&mut findings);

    if let (Some(forge), Some(commit)) = (&forge, snapshot.commit()) {
        // Only files of the scanned commit get pinned links; a work tree may differ.
        if snapshot.mode() == Mode::Head {
            for f in &mut findings {
                for e in &mut f.evidence {
                    if snapshot.exists(&e.path) {
                        e.url = Some(forge.blob_url(commit, &e.path, e.line));
                    }
                }
            }
        }
    }
    let mut report = ScanReport {
        schema_version: SCHEMA_VERSION.to_owned(),
        tool: Tool {
            name: "assay".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        repository: Repository {
            root: display_root.to_owned(),
            commit: snapshot.commit().map(str::to_owned),
            remote: snapshot.remote().map(str::to_owned),
            url: forge.map(|f| f.web_url().to_owned()),
        },
        findings,
    };
    report.sort();
    report
}

/// A whole practice "not found" is true only when nothing else found it: the catalog
/// emits it before the coded detectors (fuzz targets) and the history (signed release
/// tags) are heard, so one of them may disprove it.
fn drop_disproved_absences(findings: &mut Vec<Finding>) {
    let shown: std::collections::BTreeSet<Category> = findings
        .iter()
        .filter(|f| matches!(f.status, Status::Present | Status::Partial))
        .filter(|f| !vocabulary::is_category_summary(&f.id))
        .map(|f| f.category)
        .collect();
    let signed_tags = findings.iter().any(|f| {
        f.id == vocabulary::RELEASES.id
            && f.details
                .get(detail::SIGNED)
                .and_then(serde_json::Value::as_u64)
                .is_some_and(|n| n > 0)
    });
    findings.retain(|f| {
        let disproved =
            shown.contains(&f.category) || (f.category == Category::Signing && signed_tags);
        !(f.status == Status::Absent && vocabulary::is_category_summary(&f.id) && disproved)
    });
}

/// What a finding id means: a kind declared in the vocabulary, a whole category, or a
/// catalog entry. `assay rules ID` answers for every id this returns.
pub fn declared(catalog: &Catalog, id: &str) -> Option<Declared> {
    if let Some(d) = vocabulary::find(id) {
        // A catalog entry a reader names is declared in both places; the catalog knows more.
        if let VocabularyDeclared::Kind(k) = d
            && k.detector == vocabulary::CATALOG
        {
            return catalog.get(id).map(|_| Declared::Catalog(id.to_owned()));
        }
        return Some(match d {
            VocabularyDeclared::Kind(k) => Declared::Kind(k),
            VocabularyDeclared::CategorySummary(c) => Declared::CategorySummary(c),
        });
    }
    catalog.get(id).map(|_| Declared::Catalog(id.to_owned()))
}

/// The answer of [`declared`].
#[derive(Debug, Clone)]
pub enum Declared {
    Kind(&'static vocabulary::FindingKind),
    CategorySummary(assay_model::Category),
    Catalog(String),
}

/// Is `id` declared, and by `detector` (the catalog detector emits catalog entries and
/// category summaries)?
fn declared_by(catalog: &Catalog, id: &str, detector: &str) -> bool {
    match declared(catalog, id) {
        Some(Declared::Kind(k)) => k.detector == detector,
        Some(Declared::CategorySummary(_) | Declared::Catalog(_)) => {
            detector == vocabulary::CATALOG
        }
        None => false,
    }
}

fn history_findings(
    snapshot: &Snapshot,
    forge: Option<&Forge>,
    since: history::Since,
    review_rule: Option<&assay_model::Finding>,
) -> Vec<assay_model::Finding> {
    let (Some(repo), Some(commit)) = (snapshot.history_repo(), snapshot.commit()) else {
        return Vec::new();
    };
    let Ok(head) = gix::ObjectId::from_hex(commit.as_bytes()) else {
        return Vec::new();
    };
    let repo = repo.to_thread_local();
    let mailmap = snapshot.read_many(&[".mailmap".to_owned()]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(i64::MAX, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    history::findings(&history::HistoryInput {
        repo: &repo,
        head,
        forge,
        since,
        mailmap: mailmap.get(".mailmap"),
        now,
        review_rule,
    })
}
