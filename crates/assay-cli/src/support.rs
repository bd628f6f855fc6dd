//! What the subcommands share: standard output, a bounded file read, the project's name,
//! and the `--since` parser.

use std::io::{self, Read as _};
use std::path::Path;

use anstream::{AutoStream, ColorChoice};
use anyhow::{Context as _, Result};

/// Standard output, locked and buffered. Flush it before returning: errors on drop are lost.
pub type Stdout = io::BufWriter<AutoStream<io::StdoutLock<'static>>>;

/// What a command writes to standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A report for a person. Styles pass through only when `color` is true; otherwise the
    /// stream removes any that reach it, whatever the renderer does.
    Text { color: bool },
    /// JSON, SARIF, Markdown or HTML: written byte for byte (stripping would also drop
    /// characters such as DEL that JSON carries unescaped). Nothing styles these.
    Document,
}

/// Standard output for one command.
pub fn stdout(content: Content) -> Stdout {
    let choice = match content {
        Content::Text { color: true } => ColorChoice::Always,
        Content::Text { color: false } => ColorChoice::Never,
        Content::Document => ColorChoice::AlwaysAnsi,
    };
    io::BufWriter::new(AutoStream::new(io::stdout().lock(), choice))
}

/// Templates larger than this are refused: a template is a page, not a data file.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// A user-supplied text file (a template), refused when over [`MAX_TEMPLATE_BYTES`] or not
/// UTF-8.
pub fn read_bounded(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut buf = Vec::new();
    file.take(MAX_TEMPLATE_BYTES + 1)
        .read_to_end(&mut buf)
        .with_context(|| format!("reading {}", path.display()))?;
    anyhow::ensure!(
        buf.len() as u64 <= MAX_TEMPLATE_BYTES,
        "{} is larger than {MAX_TEMPLATE_BYTES} bytes",
        path.display()
    );
    String::from_utf8(buf).with_context(|| format!("{} is not UTF-8", path.display()))
}

/// The project's name: the repository name on its forge, else the folder's name.
pub fn project_name(report: &assay_model::ScanReport, path: &Path) -> String {
    let from_url = report
        .repository
        .url
        .as_deref()
        .and_then(|u| u.rsplit('/').next())
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    // The name the manifests state (go.mod, Cargo.toml, package.json ...).
    let from_manifests = || {
        report
            .findings
            .iter()
            .find(|f| f.id == assay_model::vocabulary::PROJECT_IDENTITY.id)
            .and_then(|f| f.details.get(assay_model::detail::NAME))
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    // A folder called `repo` (a bare mirror) or `src` names nothing.
    let from_dir = || {
        path.canonicalize()
            .ok()?
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".git").to_owned())
            .filter(|n| {
                !matches!(
                    n.to_ascii_lowercase().as_str(),
                    "repo"
                        | "repository"
                        | "src"
                        | "source"
                        | "checkout"
                        | "work"
                        | "main"
                        | "tmp"
                        | ""
                )
            })
    };
    let name = from_url
        .or_else(from_manifests)
        .or_else(from_dir)
        .unwrap_or_else(|| "The project".into());
    assay_model::clean_excerpt(&name)
}

/// `--since` as clap's value parser.
pub fn parse_since(s: &str) -> Result<assay_scan::history::Since, String> {
    assay_scan::history::parse_since(s)
}
