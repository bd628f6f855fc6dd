//! A read-only view of a repository: the files of one commit (or of a directory), read
//! with a size bound, never through a symlink, never by running anything the repository
//! names.

use std::collections::HashMap;
use std::fs;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use gix::ObjectId;
use rayon::prelude::*;

use crate::error::ScanError;

/// Files larger than this are listed but never read.
pub const MAX_READ_BYTES: u64 = 4 * 1024 * 1024;
/// Bounds on what a hostile tree can make us hold.
const MAX_ENTRIES: usize = 2_000_000;
const MAX_DEPTH: usize = 256;
/// Bytes inspected when deciding whether a file is binary.
const BINARY_SNIFF: usize = 8000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    File,
    Symlink,
    Submodule,
}

#[derive(Debug, Clone)]
pub struct FileEntry {
    /// Repo-relative, `/`-separated.
    pub path: String,
    /// Size in bytes; `None` when the object is missing from the database.
    pub size: Option<u64>,
    pub kind: EntryKind,
}

/// Where the snapshot's bytes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The HEAD commit, through the object database.
    Head,
    /// The working directory of a git repository.
    Worktree,
    /// A plain directory, not a git repository.
    Directory,
}

enum Source {
    Git {
        repo: Box<gix::ThreadSafeRepository>,
        /// Blob id per index entry (same order as `files`).
        ids: Vec<Option<ObjectId>>,
    },
    Dir,
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    TooLarge(u64),
    Binary,
    /// The object is not in the database (partial clone or a mirror without its largest blobs).
    MissingObject,
    Unreadable(String),
}

/// A symlink whose target leaves the repository root.
#[derive(Debug, Clone)]
pub struct EscapingLink {
    pub path: String,
    pub target: String,
}

pub struct Snapshot {
    root: PathBuf,
    mode: Mode,
    commit: Option<String>,
    remote: Option<String>,
    files: Vec<FileEntry>,
    by_path: HashMap<String, usize>,
    source: Source,
    /// Trees that could not be read: their content is unknown.
    missing_trees: Vec<String>,
    escaping_links: Vec<EscapingLink>,
    /// With `--worktree` in a git repository: files come from the directory, history from
    /// this repository.
    worktree_repo: Option<gix::ThreadSafeRepository>,
}

/// Texts read from the snapshot, and what could not be read.
#[derive(Debug, Default)]
pub struct Contents {
    pub texts: HashMap<String, String>,
    pub skipped: Vec<(String, Skip)>,
}

impl Contents {
    pub fn get(&self, path: &str) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }
}

impl Snapshot {
    /// Open `root`. A git repository is read at HEAD unless `worktree` is set; any other
    /// directory is walked.
    pub fn open(root: &Path, worktree: bool) -> Result<Snapshot, ScanError> {
        let meta = fs::metadata(root).map_err(|source| ScanError::Io {
            op: "open the repository root",
            path: root.to_path_buf(),
            source,
        })?;
        if !meta.is_dir() {
            return Err(ScanError::NotADirectory(root.to_path_buf()));
        }
        match open_git(root) {
            Ok(Some(repo)) => {
                if worktree {
                    Snapshot::from_worktree(root, Some(&repo))
                } else {
                    Snapshot::from_head(root, repo)
                }
            }
            Ok(None) => Snapshot::from_worktree(root, None),
            Err(e) => Err(e),
        }
    }

    fn from_head(root: &Path, repo: gix::ThreadSafeRepository) -> Result<Snapshot, ScanError> {
        let local = repo.to_thread_local();
        let remote = remote_of(&local);
        let head = local.head_commit().map_err(|e| ScanError::Git {
            op: "read the HEAD commit",
            path: root.to_path_buf(),
            message: e.to_string(),
        })?;
        let commit = head.id.to_string();
        let tree_id = head.tree_id().map_err(|e| ScanError::Git {
            op: "read the tree of HEAD",
            path: root.to_path_buf(),
            message: e.to_string(),
        })?;
        let mut walk = TreeWalk {
            repo: &local,
            files: Vec::new(),
            ids: Vec::new(),
            link_targets: Vec::new(),
            missing_trees: Vec::new(),
        };
        walk.visit(tree_id.detach(), "", 0)?;
        let TreeWalk {
            files,
            ids,
            link_targets,
            missing_trees,
            ..
        } = walk;
        let escaping_links = link_targets
            .into_iter()
            .filter(|(path, target)| escapes_root(path, target))
            .map(|(path, target)| EscapingLink { path, target })
            .collect();
        Ok(Snapshot::assemble(
            root,
            Mode::Head,
            Some(commit),
            remote,
            files,
            Source::Git {
                repo: Box::new(repo),
                ids,
            },
            missing_trees,
            escaping_links,
        ))
    }

    fn from_worktree(
        root: &Path,
        repo: Option<&gix::ThreadSafeRepository>,
    ) -> Result<Snapshot, ScanError> {
        let (mode, commit, remote) = match repo {
            Some(repo) => {
                let local = repo.to_thread_local();
                let commit = local.head_id().ok().map(|id| id.to_string());
                (Mode::Worktree, commit, remote_of(&local))
            }
            None => (Mode::Directory, None, None),
        };
        let mut files = Vec::new();
        let mut links = Vec::new();
        walk_dir(root, root, 0, &mut files, &mut links)?;
        let escaping_links = links
            .into_iter()
            .filter(|(path, target)| escapes_root(path, target))
            .map(|(path, target)| EscapingLink { path, target })
            .collect();
        let mut snapshot = Snapshot::assemble(
            root,
            mode,
            commit,
            remote,
            files,
            Source::Dir,
            Vec::new(),
            escaping_links,
        );
        snapshot.worktree_repo = repo.cloned();
        Ok(snapshot)
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        root: &Path,
        mode: Mode,
        commit: Option<String>,
        remote: Option<String>,
        files: Vec<FileEntry>,
        source: Source,
        missing_trees: Vec<String>,
        escaping_links: Vec<EscapingLink>,
    ) -> Snapshot {
        // Keep the index sorted by path so every pass over it is deterministic.
        let (files, source) = sort_index(files, source);
        let by_path = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.clone(), i))
            .collect();
        Snapshot {
            root: root.to_path_buf(),
            mode,
            commit,
            remote,
            files,
            by_path,
            source,
            missing_trees,
            escaping_links,
            worktree_repo: None,
        }
    }

    /// The root folder's own name, when it has one.
    pub fn root_name(&self) -> Option<String> {
        let canonical = self.root.canonicalize().ok()?;
        canonical
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }
    pub fn commit(&self) -> Option<&str> {
        self.commit.as_deref()
    }
    pub fn remote(&self) -> Option<&str> {
        self.remote.as_deref()
    }
    pub fn files(&self) -> &[FileEntry] {
        &self.files
    }
    pub fn missing_trees(&self) -> &[String] {
        &self.missing_trees
    }
    pub fn escaping_links(&self) -> &[EscapingLink] {
        &self.escaping_links
    }
    pub fn entry(&self, path: &str) -> Option<&FileEntry> {
        self.by_path.get(path).map(|&i| &self.files[i])
    }
    /// True when `path` is a regular file or a directory prefix of one.
    pub fn exists(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        if self.by_path.contains_key(path) {
            return true;
        }
        let prefix = format!("{path}/");
        let start = self
            .files
            .partition_point(|f| f.path.as_str() < prefix.as_str());
        self.files
            .get(start)
            .is_some_and(|f| f.path.starts_with(&prefix))
    }
    /// The gix repository, for history readers.
    pub fn git(&self) -> Option<&gix::ThreadSafeRepository> {
        match &self.source {
            Source::Git { repo, .. } => Some(repo),
            Source::Dir => None,
        }
    }
    /// The repository the history is read from: the one files are read from, or with
    /// `--worktree` the repository behind the work tree.
    pub fn history_repo(&self) -> Option<&gix::ThreadSafeRepository> {
        self.git().or(self.worktree_repo.as_ref())
    }

    /// Read the given regular files in parallel, each bounded; symlinks and submodules are
    /// never read.
    pub fn read_many(&self, paths: &[String]) -> Contents {
        let results: Vec<(String, Result<String, Skip>)> = match &self.source {
            Source::Git { repo, ids } => paths
                .par_iter()
                .map_init(
                    || repo.to_thread_local(),
                    |local, path| (path.clone(), self.read_git(local, ids, path)),
                )
                .collect(),
            Source::Dir => paths
                .par_iter()
                .map(|path| (path.clone(), self.read_fs(path)))
                .collect(),
        };
        let mut contents = Contents::default();
        for (path, r) in results {
            match r {
                Ok(text) => {
                    contents.texts.insert(path, text);
                }
                Err(skip) => contents.skipped.push((path, skip)),
            }
        }
        contents.skipped.sort_by(|a, b| a.0.cmp(&b.0));
        contents
    }

    fn regular(&self, path: &str) -> Result<(usize, &FileEntry), Skip> {
        let idx = *self
            .by_path
            .get(path)
            .ok_or_else(|| Skip::Unreadable("not in the snapshot".into()))?;
        let entry = &self.files[idx];
        if entry.kind != EntryKind::File {
            return Err(Skip::Unreadable("not a regular file".into()));
        }
        Ok((idx, entry))
    }

    fn read_git(
        &self,
        repo: &gix::Repository,
        ids: &[Option<ObjectId>],
        path: &str,
    ) -> Result<String, Skip> {
        let (idx, entry) = self.regular(path)?;
        let Some(size) = entry.size else {
            return Err(Skip::MissingObject);
        };
        if size > MAX_READ_BYTES {
            return Err(Skip::TooLarge(size));
        }
        let id = ids.get(idx).copied().flatten().ok_or(Skip::MissingObject)?;
        let object = repo.find_object(id).map_err(|_| Skip::MissingObject)?;
        decode_text(&object.data)
    }

    fn read_fs(&self, path: &str) -> Result<String, Skip> {
        let (_, entry) = self.regular(path)?;
        let size = entry.size.unwrap_or(0);
        if size > MAX_READ_BYTES {
            return Err(Skip::TooLarge(size));
        }
        let full = self.root.join(path);
        // Re-check at read time: the walk saw a regular file, but never follow a link
        // that appeared since.
        let meta = fs::symlink_metadata(&full).map_err(|e| Skip::Unreadable(e.to_string()))?;
        if !meta.is_file() {
            return Err(Skip::Unreadable("no longer a regular file".into()));
        }
        let file = fs::File::open(&full).map_err(|e| Skip::Unreadable(e.to_string()))?;
        let mut buf = Vec::new();
        file.take(MAX_READ_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Skip::Unreadable(e.to_string()))?;
        if buf.len() as u64 > MAX_READ_BYTES {
            return Err(Skip::TooLarge(buf.len() as u64));
        }
        decode_text(&buf)
    }
}

fn decode_text(bytes: &[u8]) -> Result<String, Skip> {
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF)];
    if sniff.contains(&0) {
        return Err(Skip::Binary);
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

fn sort_index(files: Vec<FileEntry>, source: Source) -> (Vec<FileEntry>, Source) {
    match source {
        Source::Git { repo, ids } => {
            let mut pairs: Vec<(FileEntry, Option<ObjectId>)> =
                files.into_iter().zip(ids).collect();
            pairs.sort_by(|a, b| a.0.path.cmp(&b.0.path));
            let (files, ids) = pairs.into_iter().unzip();
            (files, Source::Git { repo, ids })
        }
        Source::Dir => {
            let mut files = files;
            files.sort_by(|a, b| a.path.cmp(&b.path));
            (files, Source::Dir)
        }
    }
}

/// Open `root` as a git repository without reading global or system configuration or the
/// environment. `Ok(None)` when it is not a repository at all.
fn open_git(root: &Path) -> Result<Option<gix::ThreadSafeRepository>, ScanError> {
    let looks_like_git = root.join(".git").exists()
        || (root.join("HEAD").is_file() && root.join("objects").is_dir());
    if !looks_like_git {
        return Ok(None);
    }
    let opts = gix::open::Options::isolated();
    gix::ThreadSafeRepository::open_opts(root, opts)
        .map(Some)
        .map_err(|e| ScanError::Git {
            op: "open the git repository",
            path: root.to_path_buf(),
            message: e.to_string(),
        })
}

fn remote_of(repo: &gix::Repository) -> Option<String> {
    let remote = repo
        .find_default_remote(gix::remote::Direction::Fetch)?
        .ok()?;
    let url = remote.url(gix::remote::Direction::Fetch)?;
    let text = url.to_bstring().to_string();
    Some(assay_model::redact_url_credentials(&text))
}

struct TreeWalk<'r> {
    repo: &'r gix::Repository,
    files: Vec<FileEntry>,
    ids: Vec<Option<ObjectId>>,
    link_targets: Vec<(String, String)>,
    missing_trees: Vec<String>,
}

impl TreeWalk<'_> {
    fn visit(&mut self, tree: ObjectId, prefix: &str, depth: usize) -> Result<(), ScanError> {
        if depth > MAX_DEPTH {
            self.missing_trees
                .push(format!("{prefix} (nested too deep)"));
            return Ok(());
        }
        let Ok(object) = self.repo.find_object(tree) else {
            self.missing_trees.push(if prefix.is_empty() {
                ".".into()
            } else {
                prefix.to_owned()
            });
            return Ok(());
        };
        let Ok(tree_ref) = gix::objs::TreeRef::from_bytes(&object.data, self.repo.object_hash())
        else {
            self.missing_trees.push(format!("{prefix} (corrupt tree)"));
            return Ok(());
        };
        let entries: Vec<(gix::objs::tree::EntryMode, String, ObjectId)> = tree_ref
            .entries
            .iter()
            .map(|e| (e.mode, e.filename.to_string(), e.oid.to_owned()))
            .collect();
        drop(object);
        for (mode, name, oid) in entries {
            if name.is_empty() || name == "." || name == ".." || name.contains('/') {
                continue;
            }
            let path = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            if self.files.len() >= MAX_ENTRIES {
                return Err(ScanError::TooManyFiles(MAX_ENTRIES));
            }
            if mode.is_tree() {
                self.visit(oid, &path, depth + 1)?;
            } else if mode.is_commit() {
                self.push(path, None, EntryKind::Submodule, None);
            } else if mode.is_link() {
                let target = self
                    .repo
                    .find_object(oid)
                    .ok()
                    .map(|o| {
                        String::from_utf8_lossy(&o.data[..o.data.len().min(4096)]).into_owned()
                    })
                    .unwrap_or_default();
                self.link_targets.push((path.clone(), target));
                self.push(path, None, EntryKind::Symlink, Some(oid));
            } else {
                let size = self.repo.find_header(oid).ok().map(|h| h.size());
                self.push(path, size, EntryKind::File, Some(oid));
            }
        }
        Ok(())
    }

    fn push(&mut self, path: String, size: Option<u64>, kind: EntryKind, id: Option<ObjectId>) {
        self.files.push(FileEntry { path, size, kind });
        self.ids.push(id);
    }
}

fn walk_dir(
    root: &Path,
    dir: &Path,
    depth: usize,
    files: &mut Vec<FileEntry>,
    links: &mut Vec<(String, String)>,
) -> Result<(), ScanError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let read = fs::read_dir(dir).map_err(|source| ScanError::Io {
        op: "list a directory",
        path: dir.to_path_buf(),
        source,
    })?;
    let mut entries: Vec<_> = read.filter_map(Result::ok).collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        if name == ".git" {
            continue;
        }
        let full = entry.path();
        let Ok(rel) = full.strip_prefix(root) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        // Never follow: symlink_metadata describes the link itself.
        let Ok(meta) = fs::symlink_metadata(&full) else {
            continue;
        };
        if files.len() >= MAX_ENTRIES {
            return Err(ScanError::TooManyFiles(MAX_ENTRIES));
        }
        let ft = meta.file_type();
        if ft.is_symlink() {
            let target = fs::read_link(&full)
                .map(|t| t.to_string_lossy().into_owned())
                .unwrap_or_default();
            links.push((rel.clone(), target));
            files.push(FileEntry {
                path: rel,
                size: None,
                kind: EntryKind::Symlink,
            });
        } else if ft.is_dir() {
            if full.join(".git").exists() && depth > 0 {
                // A nested repository (submodule checkout): listed, not entered.
                files.push(FileEntry {
                    path: rel,
                    size: None,
                    kind: EntryKind::Submodule,
                });
            } else {
                walk_dir(root, &full, depth + 1, files, links)?;
            }
        } else if ft.is_file() {
            files.push(FileEntry {
                path: rel,
                size: Some(meta.len()),
                kind: EntryKind::File,
            });
        }
    }
    Ok(())
}

/// Does a link at `link_path` with `target` point outside the repository root?
/// Decided lexically: absolute targets and `..` past the root escape.
pub(crate) fn escapes_root(link_path: &str, target: &str) -> bool {
    let target_path = Path::new(target);
    if target_path.is_absolute() || target.starts_with('/') || target.starts_with('\\') {
        return true;
    }
    let mut depth = i64::try_from(link_path.split('/').count()).unwrap_or(i64::MAX) - 1;
    for comp in target_path.components() {
        match comp {
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_escape_is_decided_lexically() {
        assert!(escapes_root("a", "/etc/passwd"));
        assert!(escapes_root("a", "../x"));
        assert!(escapes_root("d/a", "../../x"));
        assert!(!escapes_root("d/a", "../x"));
        assert!(!escapes_root("d/a", "b/../c"));
        assert!(escapes_root("d/a", "b/../../../c"));
    }

    #[test]
    fn binary_files_are_not_decoded() {
        assert_eq!(decode_text(b"ab\0cd"), Err(Skip::Binary));
        assert_eq!(decode_text(b"caf\xe9").as_deref(), Ok("caf\u{fffd}"));
    }
}
