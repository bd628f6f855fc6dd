//! `assay draft`: a self-assessment draft in the TAG-Security outline, every statement cited.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::ValueEnum;

use super::Outcome;
use crate::support::{self, Content};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Repository checkout (or bare repository) to assess.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Write the draft to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// Render the assessment model through this Jinja template instead.
    #[arg(long, conflicts_with = "format")]
    template: Option<PathBuf>,
    /// Read the working directory instead of the HEAD commit.
    #[arg(long)]
    worktree: bool,
    /// Read this configuration instead of the repository's `.assay.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// History window for the figures in the draft (see `assay scan --help`).
    #[arg(long, default_value = "12m", value_parser = support::parse_since)]
    since: assay_scan::history::Since,
    /// The project's name as the draft should write it (instead of the one found from the
    /// remote, the manifests or the folder).
    #[arg(long, value_parser = parse_name)]
    name: Option<String>,
    /// The project's public repository URL for the metadata table (http or https).
    #[arg(long, value_parser = parse_url)]
    url: Option<String>,
}

fn parse_name(s: &str) -> Result<String, String> {
    let clean = assay_model::clean_excerpt(s);
    if clean.is_empty() || clean.chars().count() > 80 || clean != s.trim() {
        return Err("a name is one line of at most 80 printable characters".into());
    }
    Ok(clean)
}

fn parse_url(s: &str) -> Result<String, String> {
    let ok = (s.starts_with("https://") || s.starts_with("http://"))
        && s.len() <= 300
        && s.len() > "https://".len()
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`' | '|')
        });
    if ok {
        Ok(assay_model::redact_url_credentials(s.trim_end_matches('/')))
    } else {
        Err("expected an http(s) URL without spaces, quotes or angle brackets".into())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Markdown,
    Json,
    Html,
}

pub fn run(args: Args) -> Result<Outcome> {
    let display = args.path.to_string_lossy().into_owned();
    let opts = assay_scan::ScanOptions {
        worktree: args.worktree,
        since: args.since,
        no_history: false,
    };
    let catalog = assay_scan::Catalog::builtin()?;
    let (mut report, config) = crate::config::scan(
        &args.path,
        &display,
        &opts,
        args.config.as_deref(),
        &catalog,
    )?;
    // The command line wins, then the project's configuration, then what the remote and
    // manifests suggest.
    let configured = config.as_ref();
    if let Some(url) = args
        .url
        .or_else(|| configured.and_then(crate::config::Loaded::project_url))
    {
        report.repository.url = Some(url);
    }
    let project = args
        .name
        .or_else(|| configured.and_then(crate::config::Loaded::project_name))
        .unwrap_or_else(|| support::project_name(&report, &args.path));
    let assessment = assay_render::build(&report, &project);
    let text = match (&args.template, args.format) {
        (Some(t), _) => {
            let source = support::read_bounded(t)?;
            assay_render::template::render(&assessment, &t.to_string_lossy(), &source)?
        }
        (None, Format::Markdown) => assay_render::markdown::render(&assessment),
        (None, Format::Html) => assay_render::html::render(&assessment),
        (None, Format::Json) => serde_json::to_string_pretty(&assessment)?,
    };
    match args.output {
        Some(file) => std::fs::write(&file, format!("{}\n", text.trim_end()))
            .with_context(|| format!("writing {}", file.display()))?,
        None => {
            let mut out = support::stdout(Content::Document);
            writeln!(out, "{}", text.trim_end())?;
            out.flush()?;
        }
    }
    Ok(Outcome::Fine)
}
