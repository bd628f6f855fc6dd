//! Check a self-assessment document against the TAG-Security outline.

pub mod document;
pub mod outline;
pub mod output;
pub mod rules;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use assay_model::Diagnostic;

pub use document::Document;
pub use outline::{Detection, OutlineChoice, OutlineVersion};
pub use rules::{RULES, Rule};

/// Documents larger than this are refused: an assessment is tens of kilobytes.
pub const MAX_DOCUMENT_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum LintError {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is larger than {MAX_DOCUMENT_BYTES} bytes; refusing to lint it")]
    TooLarge { path: PathBuf },
    #[error("unknown rule `{0}` (see `assay rules`)")]
    UnknownRule(String),
}

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Repository to resolve relative links against; found from the document when unset.
    pub repo: Option<PathBuf>,
    /// Only these rules (codes or names); all when empty.
    pub select: Vec<String>,
    /// Never these rules.
    pub ignore: Vec<String>,
    /// The outline revision to check against; by default the one the document follows.
    pub outline: OutlineChoice,
}

/// One linted document: its text, diagnostics, and the outline revision it was checked
/// against with the reason.
#[derive(Debug, Clone)]
pub struct Linted {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub outline: Detection,
}

/// Read `path` with a size bound; invalid UTF-8 is replaced, never fatal.
pub fn read_document(path: &Path) -> Result<String, LintError> {
    let err = |source| LintError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(err)?;
    let mut buf = Vec::new();
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(err)?;
    if buf.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(LintError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// The repository a document lives in: the nearest ancestor with a `.git`.
pub fn repository_of(path: &Path) -> Option<PathBuf> {
    let abs = path.canonicalize().ok()?;
    abs.ancestors()
        .skip(1)
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

fn selected(opts: &LintOptions) -> Result<Vec<&'static Rule>, LintError> {
    let resolve = |names: &[String]| -> Result<Vec<&'static str>, LintError> {
        names
            .iter()
            .map(|n| {
                rules::find(n)
                    .map(|r| r.code)
                    .ok_or_else(|| LintError::UnknownRule(n.clone()))
            })
            .collect()
    };
    let select = resolve(&opts.select)?;
    let ignore = resolve(&opts.ignore)?;
    Ok(RULES
        .iter()
        .copied()
        .filter(|r| select.is_empty() || select.contains(&r.code))
        .filter(|r| !ignore.contains(&r.code))
        .collect())
}

/// Lint one document's text. `display_path` names it in diagnostics; `doc_path` (relative
/// to the repository) resolves its relative links.
pub fn lint_text(
    display_path: &str,
    doc_path_in_repo: &str,
    text: String,
    repo: Option<&Path>,
    opts: &LintOptions,
) -> Result<Vec<Diagnostic>, LintError> {
    lint_text_against(display_path, doc_path_in_repo, text, repo, opts).map(|(d, _)| d)
}

/// As [`lint_text`], also telling which outline revision the document was checked against.
pub fn lint_text_against(
    display_path: &str,
    doc_path_in_repo: &str,
    text: String,
    repo: Option<&Path>,
    opts: &LintOptions,
) -> Result<(Vec<Diagnostic>, Detection), LintError> {
    let rules = selected(opts)?;
    let doc = Document::parse(doc_path_in_repo, text);
    let detection = outline::resolve(opts.outline, &doc);
    let cx = rules::Context {
        doc: &doc,
        repo,
        outline: detection.version,
    };
    let mut out = Vec::new();
    for rule in rules {
        for hit in (rule.check)(&cx) {
            if doc.comments.iter().any(|c| c.contains(&hit.range.start)) {
                continue;
            }
            let line = doc.lines.line_of(hit.range.start);
            let disabled = doc.disables.iter().any(|(l, codes)| {
                *l + 1 == line
                    && (codes.is_empty()
                        || codes
                            .iter()
                            .any(|c| c.eq_ignore_ascii_case(rule.code) || c == rule.name))
            });
            if disabled {
                continue;
            }
            out.push(rule.diagnostic(&doc, display_path, hit.range, hit.message));
        }
    }
    out.sort_by(|a, b| (a.start, &a.code).cmp(&(b.start, &b.code)));
    out.dedup_by(|a, b| a.start == b.start && a.code == b.code && a.message == b.message);
    Ok((out, detection))
}

/// Lint a file on disk.
pub fn lint_file(path: &Path, opts: &LintOptions) -> Result<(String, Vec<Diagnostic>), LintError> {
    lint_path(path, opts).map(|l| (l.text, l.diagnostics))
}

/// Lint a file on disk, also telling which outline revision it was checked against.
pub fn lint_path(path: &Path, opts: &LintOptions) -> Result<Linted, LintError> {
    let text = read_document(path)?;
    let repo = opts.repo.clone().or_else(|| repository_of(path));
    let in_repo = repo
        .as_ref()
        .and_then(|r| {
            let abs = path.canonicalize().ok()?;
            abs.strip_prefix(r.canonicalize().ok()?)
                .ok()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    let display = path.to_string_lossy().into_owned();
    let (diagnostics, outline) =
        lint_text_against(&display, &in_repo, text.clone(), repo.as_deref(), opts)?;
    Ok(Linted {
        text,
        diagnostics,
        outline,
    })
}
