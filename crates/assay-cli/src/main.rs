//! The `assay` command.

mod rules;
mod text;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};

// Help wraps at a fixed width, not the terminal's, so it reads the same everywhere.
/// Evidence-backed security self-assessments for open-source repositories.
#[derive(Debug, Parser)]
#[command(name = "assay", version, about, long_about = None, term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report what a repository shows about its security practices, with evidence.
    Scan {
        /// Repository checkout (or bare repository) to scan.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Read the working directory instead of the HEAD commit.
        #[arg(long)]
        worktree: bool,
        /// History window, ending at the scanned commit's date: a duration (12m, 1y, 90d,
        /// 6w), a date (2024-01-31), or `all`.
        #[arg(long, default_value = "12m", value_parser = parse_since)]
        since: assay_scan::history::Since,
        /// Skip the history findings (sign-offs, signatures, review, contributors, releases).
        #[arg(long)]
        no_history: bool,
    },
    /// Write a self-assessment draft in the TAG-Security outline, every statement cited.
    Draft {
        /// Repository checkout (or bare repository) to assess.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Write the draft to this file instead of standard output.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DraftFormat::Markdown)]
        format: DraftFormat,
        /// Render the assessment model through this Jinja template instead.
        #[arg(long, conflicts_with = "format")]
        template: Option<PathBuf>,
        /// Read the working directory instead of the HEAD commit.
        #[arg(long)]
        worktree: bool,
        /// History window for the figures in the draft (see `assay scan --help`).
        #[arg(long, default_value = "12m", value_parser = parse_since)]
        since: assay_scan::history::Since,
    },
    /// Check self-assessment documents against the TAG-Security outline.
    Lint {
        /// Markdown documents to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = LintFormat::Text)]
        format: LintFormat,
        /// Repository to resolve relative links against (default: the one each file is in).
        #[arg(long)]
        repo: Option<PathBuf>,
        /// Only these rules (codes or names, comma-separated).
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        /// Skip these rules (codes or names, comma-separated).
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
    },
    /// Check which claims in an assessment the repository still backs.
    Verify {
        /// The assessment (Markdown).
        file: PathBuf,
        /// The repository checkout the assessment describes.
        #[arg(long)]
        repo: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = LintFormat::Text)]
        format: LintFormat,
        /// History window for practice figures (see `assay scan --help`).
        #[arg(long, default_value = "12m", value_parser = parse_since)]
        since: assay_scan::history::Since,
    },
    /// Explain what assay looks for: every catalog entry and detector, or one of them.
    Rules {
        /// A catalog id (e.g. `sast.codeql`) or detector name (e.g. `security-policy`).
        id: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LintFormat {
    Text,
    Json,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DraftFormat {
    Markdown,
    Json,
    Html,
}

/// Templates larger than this are refused: a template is a page, not a data file.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Help and version go to stdout; usage errors to stderr with exit 2.
            e.print().ok();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = io::stderr().lock();
            let mut msg = format!("assay: error: {err}");
            for cause in err.chain().skip(1) {
                msg += "\n  caused by: ";
                msg += &cause.to_string();
            }
            writeln!(stderr, "{}", assay_model::strip_control_chars(&msg)).ok();
            ExitCode::from(2)
        }
    }
}

/// The project's name: the repository name on its forge, else the folder's name.
fn project_name(report: &assay_model::ScanReport, path: &std::path::Path) -> String {
    let from_url = report
        .repository
        .url
        .as_deref()
        .and_then(|u| u.rsplit('/').next())
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    let from_dir = || {
        path.canonicalize()
            .ok()?
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".git").to_owned())
    };
    let name = from_url
        .or_else(from_dir)
        .unwrap_or_else(|| "The project".into());
    assay_model::clean_excerpt(&name)
}

fn read_bounded(path: &std::path::Path) -> Result<String> {
    use std::io::Read as _;
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

fn parse_since(s: &str) -> Result<assay_scan::history::Since, String> {
    assay_scan::history::parse_since(s)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    let stdout = io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Scan {
            path,
            format,
            worktree,
            since,
            no_history,
        } => {
            let display = path.to_string_lossy().into_owned();
            let opts = assay_scan::ScanOptions {
                worktree,
                since,
                no_history,
            };
            let report = assay_scan::scan(&path, &display, &opts)
                .with_context(|| format!("scanning {display}"))?;
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &report)?;
                    writeln!(out)?;
                }
                Format::Text => text::write_scan(&mut out, &report, color)?,
            }
        }
        Command::Draft {
            path,
            output,
            format,
            template,
            worktree,
            since,
        } => {
            let display = path.to_string_lossy().into_owned();
            let opts = assay_scan::ScanOptions {
                worktree,
                since,
                no_history: false,
            };
            let report = assay_scan::scan(&path, &display, &opts)
                .with_context(|| format!("scanning {display}"))?;
            let project = project_name(&report, &path);
            let assessment = assay_render::build(&report, &project);
            let text = match (&template, format) {
                (Some(t), _) => {
                    let source = read_bounded(t)?;
                    assay_render::template::render(&assessment, &t.to_string_lossy(), &source)?
                }
                (None, DraftFormat::Markdown) => assay_render::markdown::render(&assessment),
                (None, DraftFormat::Html) => assay_render::html::render(&assessment),
                (None, DraftFormat::Json) => serde_json::to_string_pretty(&assessment)?,
            };
            match output {
                Some(file) => std::fs::write(&file, format!("{}\n", text.trim_end()))
                    .with_context(|| format!("writing {}", file.display()))?,
                None => writeln!(out, "{}", text.trim_end())?,
            }
        }
        Command::Lint {
            files,
            format,
            repo,
            select,
            ignore,
        } => {
            let opts = assay_lint::LintOptions {
                repo,
                select,
                ignore,
            };
            let mut results = Vec::new();
            for f in &files {
                results.push(assay_lint::lint_file(f, &opts)?);
            }
            let reports: Vec<assay_lint::output::FileReport> = results
                .iter()
                .map(|(text, diagnostics)| assay_lint::output::FileReport { text, diagnostics })
                .collect();
            match format {
                LintFormat::Text => write!(out, "{}", assay_lint::output::text(&reports, color))?,
                LintFormat::Json => writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&assay_lint::output::json(&reports))?
                )?,
                LintFormat::Sarif => writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&assay_lint::output::sarif(&reports))?
                )?,
            }
            out.flush()?;
            let failed = results
                .iter()
                .flat_map(|(_, d)| d)
                .any(|d| d.severity == assay_model::Severity::Error);
            return Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Verify {
            file,
            repo,
            format,
            since,
        } => {
            let text = assay_lint::read_document(&file)?;
            let snapshot = assay_scan::Snapshot::open(&repo, false)
                .with_context(|| format!("opening {}", repo.display()))?;
            let catalog = assay_scan::Catalog::builtin()?;
            let opts = assay_scan::ScanOptions {
                worktree: false,
                since,
                no_history: false,
            };
            let report =
                assay_scan::scan_snapshot(&snapshot, &catalog, &repo.to_string_lossy(), &opts);
            let doc = assay_lint::Document::parse(&file.to_string_lossy(), text);
            let verdicts = assay_verify::verify(&doc, &report, &snapshot, &catalog);
            let diagnostics = assay_verify::diagnostics(&doc, &verdicts);
            let count = |v| verdicts.claims.iter().filter(|c| c.verdict == v).count();
            let (backed, not_found, contradicted) = (
                count(assay_verify::Verdict::Backed),
                count(assay_verify::Verdict::NotFound),
                count(assay_verify::Verdict::Contradicted),
            );
            let summary = format!(
                "{} claims checked: {backed} backed, {not_found} not found, {contradicted} contradicted; {} omission(s)",
                verdicts.claims.len(),
                verdicts.omissions.len()
            );
            let reports = [assay_lint::output::FileReport {
                text: &doc.text,
                diagnostics: &diagnostics,
            }];
            match format {
                LintFormat::Text => {
                    let body = assay_lint::output::text(&reports, color);
                    // The lint tally line is replaced by verify's own summary.
                    let body = body.trim_end().rsplit_once('\n').map_or("", |(b, _)| b);
                    if !body.is_empty() {
                        writeln!(out, "{body}")?;
                    }
                    writeln!(out, "{summary}")?;
                }
                LintFormat::Json => {
                    let backed_claims: Vec<_> = verdicts
                        .claims
                        .iter()
                        .filter(|c| c.verdict == assay_verify::Verdict::Backed)
                        .collect();
                    let value = serde_json::json!({
                        "schema_version": "1",
                        "tool": {"name": "assay", "version": env!("CARGO_PKG_VERSION")},
                        "repository": report.repository,
                        "summary": {
                            "claims": verdicts.claims.len(),
                            "backed": backed,
                            "not_found": not_found,
                            "contradicted": contradicted,
                            "omissions": verdicts.omissions.len(),
                        },
                        "diagnostics": diagnostics,
                        "backed": backed_claims,
                        "omitted": verdicts.omissions,
                    });
                    writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
                }
                LintFormat::Sarif => writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&assay_lint::output::sarif_with(
                        &reports,
                        assay_verify::VERIFY_RULES
                    ))?
                )?,
            }
            out.flush()?;
            let failed = not_found + contradicted > 0;
            return Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            });
        }
        Command::Rules { id } => {
            if !rules::write(&mut out, id.as_deref())? {
                out.flush()?;
                anyhow::bail!(
                    "no catalog entry or detector is called `{}`; run `assay rules` for the list",
                    id.unwrap_or_default()
                );
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
