//! Finding and applying a project's `.assay.toml`: at the root of the scanned repository
//! (read through the snapshot, so bounded and never through a symlink) or the file given
//! with `--config`. Every id it names must be one assay knows; errors name the file, line
//! and column, and end the command with exit code 2.

use std::io::{Read as _, Write as _};
use std::path::Path;

use anyhow::{Context as _, Result, anyhow, bail};
use assay_model::config::{Config, ConfigError, ExemptionEntry, FILE_NAME, MAX_CONFIG_BYTES};
use assay_model::{Category, Exemption, Finding, ScanReport};
use assay_scan::{Catalog, Snapshot};
use toml::Spanned;

/// A parsed configuration and where it came from.
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    /// The file as the user would name it, for messages.
    pub source: String,
    /// True when the user named the file (`--config`); false when it came from the
    /// repository, whose content is untrusted: its `[verify] repositories` then point
    /// outside the scanned root, and a reader should not follow them without the user's say.
    // Read by verify's list of repositories, which its own change wires in.
    #[allow(dead_code)]
    pub given_by_user: bool,
    text: String,
}

/// The configuration for a command on `snapshot`: `explicit` when given, else the
/// repository's own `.assay.toml`, else none.
pub fn load(
    explicit: Option<&Path>,
    snapshot: &Snapshot,
    catalog: &Catalog,
) -> Result<Option<Loaded>> {
    let (source, text) = match explicit {
        Some(path) => (path.display().to_string(), read_file(path)?),
        None => match read_from_snapshot(snapshot)? {
            Some(text) => (FILE_NAME.to_owned(), text),
            None => return Ok(None),
        },
    };
    parse(source, text, catalog, explicit.is_some()).map(Some)
}

/// Parse and check a configuration's text; errors name `source`, line and column.
fn parse(source: String, text: String, catalog: &Catalog, given_by_user: bool) -> Result<Loaded> {
    let config = Config::parse(&text).map_err(|e| anyhow!("{source}:{e}"))?;
    let loaded = Loaded {
        config,
        source,
        given_by_user,
        text,
    };
    loaded
        .check_ids(catalog)
        .map_err(|e| anyhow!("{}:{e}", loaded.source))?;
    Ok(loaded)
}

/// The configuration for `lint`: `explicit` when given, else `.assay.toml` in the
/// repository's root folder (a symlink there is refused, never followed).
pub fn load_for_lint(explicit: Option<&Path>, repo: Option<&Path>) -> Result<Option<Loaded>> {
    if let Some(path) = explicit {
        let text = read_file(path)?;
        return parse(path.display().to_string(), text, &Catalog::builtin()?, true).map(Some);
    }
    let Some(repo) = repo else {
        return Ok(None);
    };
    let path = repo.join(FILE_NAME);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => bail!("reading {}: {e}", path.display()),
        Ok(m) if !m.is_file() => bail!(
            "{} is not a regular file (a symlink?); not read",
            path.display()
        ),
        Ok(_) => {
            let text = read_file(&path)?;
            parse(
                path.display().to_string(),
                text,
                &Catalog::builtin()?,
                false,
            )
            .map(Some)
        }
    }
}

fn read_file(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path)
        .map_err(|e| anyhow!("opening the configuration {}: {e}", path.display()))?;
    let mut buf = Vec::new();
    file.take(MAX_CONFIG_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| anyhow!("reading the configuration {}: {e}", path.display()))?;
    if buf.len() > MAX_CONFIG_BYTES {
        bail!(
            "{} is larger than {MAX_CONFIG_BYTES} bytes; refusing to read it as a configuration",
            path.display()
        );
    }
    String::from_utf8(buf).map_err(|_| anyhow!("{} is not UTF-8", path.display()))
}

/// The repository's `.assay.toml`, read like any other file of the snapshot.
fn read_from_snapshot(snapshot: &Snapshot) -> Result<Option<String>> {
    let Some(entry) = snapshot.entry(FILE_NAME) else {
        return Ok(None);
    };
    if entry.kind != assay_scan::snapshot::EntryKind::File {
        bail!("{FILE_NAME} in the repository is not a regular file (a symlink?); not read");
    }
    let mut contents = snapshot.read_many(&[FILE_NAME.to_owned()]);
    match contents.texts.remove(FILE_NAME) {
        Some(text) => Ok(Some(text)),
        None => bail!(
            "{FILE_NAME} in the repository could not be read ({})",
            contents
                .skipped
                .first()
                .map_or_else(|| "unknown reason".to_owned(), |(_, s)| skip_reason(s))
        ),
    }
}

fn skip_reason(skip: &assay_scan::snapshot::Skip) -> String {
    use assay_scan::snapshot::Skip;
    match skip {
        Skip::TooLarge(n) => format!("{n} bytes is too large"),
        Skip::Binary => "binary content".to_owned(),
        Skip::MissingObject => "its object is missing from the repository".to_owned(),
        Skip::Unreadable(why) => assay_model::strip_control_chars(why),
    }
}

impl Loaded {
    /// Every id in `[rules]` and `[[exemptions]]` names a finding, category or rule.
    fn check_ids(&self, catalog: &Catalog) -> Result<(), ConfigError> {
        let rules = &self.config.rules;
        for id in rules.select.iter().chain(&rules.ignore) {
            if !is_finding_id(catalog, id.get_ref()) && !is_rule_code(id.get_ref()) {
                return Err(self.error(
                    id,
                    &format!("`{}` is no finding id, category or rule code that assay knows (see `assay rules`)", id.get_ref()),
                ));
            }
        }
        for x in &self.config.exemptions {
            if !is_finding_id(catalog, x.id.get_ref()) {
                return Err(self.error(
                    &x.id,
                    &format!(
                        "`{}` is no finding id or category that assay knows (see `assay rules`)",
                        x.id.get_ref()
                    ),
                ));
            }
        }
        Ok(())
    }

    fn error(&self, at: &Spanned<String>, message: &str) -> ConfigError {
        ConfigError::at(&self.text, Some(at.span()), message)
    }

    /// `file:line:col` of a value, for notes.
    fn place<T>(&self, at: &Spanned<T>) -> String {
        let e = ConfigError::at(&self.text, Some(at.span()), "");
        format!("{}:{}:{}", self.source, e.line, e.column)
    }

    /// Keep the selected findings, drop the ignored ones, and mark the exempted ones.
    /// Returns notes for the person running the command (expired exemptions).
    pub fn apply(&self, report: &mut ScanReport, today: &str) -> Vec<String> {
        let rules = &self.config.rules;
        let scan_entries = |list: &[Spanned<String>]| -> Vec<String> {
            list.iter()
                .map(|s| s.get_ref().clone())
                .filter(|s| !is_rule_code(s))
                .collect()
        };
        let select = scan_entries(&rules.select);
        let ignore = scan_entries(&rules.ignore);
        report.findings.retain(|f| {
            (select.is_empty() || select.iter().any(|s| names(s, f)))
                && !ignore.iter().any(|s| names(s, f))
        });
        let mut notes = Vec::new();
        for x in &self.config.exemptions {
            // Dates were checked when the file was parsed.
            let expires = x.expires_on(&self.text).ok().flatten();
            if let Some(day) = &expires
                && day.as_str() < today
            {
                notes.push(format!(
                    "{}: the exemption for `{}` expired on {day}; it is ignored",
                    self.place(&x.id),
                    x.id.get_ref()
                ));
                continue;
            }
            exempt(report, x, expires.as_deref());
        }
        notes
    }
}

fn exempt(report: &mut ScanReport, x: &ExemptionEntry, expires: Option<&str>) {
    for f in report
        .findings
        .iter_mut()
        .filter(|f| names(x.id.get_ref(), f))
    {
        f.exemption = Some(Exemption {
            reason: x.reason.get_ref().trim().to_owned(),
            expires: expires.map(str::to_owned),
        });
    }
}

/// Does a configuration entry name this finding (its id, or its category)?
fn names(entry: &str, f: &Finding) -> bool {
    entry == f.id || entry == f.category.id()
}

fn is_finding_id(catalog: &Catalog, id: &str) -> bool {
    assay_scan::declared(catalog, id).is_some() || Category::from_id(id).is_some()
}

fn is_rule_code(id: &str) -> bool {
    assay_lint::rules::find(id).is_some()
        || assay_verify::VERIFY_RULES
            .iter()
            .any(|r| r.code.eq_ignore_ascii_case(id) || r.name == id)
}

/// Today's date in UTC as `YYYY-MM-DD`, which exemption dates are compared with.
pub fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// Open `path`, load its configuration (or `explicit`), scan, and apply the configuration;
/// notes about it go to stderr. What `scan` and `draft` share.
pub fn scan(
    path: &Path,
    display: &str,
    opts: &assay_scan::ScanOptions,
    explicit: Option<&Path>,
    catalog: &Catalog,
) -> Result<(ScanReport, Option<Loaded>)> {
    let snapshot =
        Snapshot::open(path, opts.worktree).with_context(|| format!("scanning {display}"))?;
    let config = load(explicit, &snapshot, catalog)?;
    let mut report = assay_scan::scan_snapshot(&snapshot, catalog, display, opts);
    if let Some(c) = &config {
        let mut stderr = std::io::stderr().lock();
        for note in c.apply(&mut report, &today()) {
            writeln!(stderr, "note: {}", assay_model::strip_control_chars(&note)).ok();
        }
    }
    Ok((report, config))
}

impl Loaded {
    /// The lint rules `[rules]` selects and ignores (entries naming findings are left out).
    pub fn lint_rules(&self) -> (Vec<String>, Vec<String>) {
        let lint = |list: &[Spanned<String>]| -> Vec<String> {
            list.iter()
                .map(|s| s.get_ref().clone())
                .filter(|s| assay_lint::rules::find(s).is_some())
                .collect()
        };
        (
            lint(&self.config.rules.select),
            lint(&self.config.rules.ignore),
        )
    }

    /// `[project] name`, trimmed.
    pub fn project_name(&self) -> Option<String> {
        let name = self.config.project.name.as_ref()?;
        Some(assay_model::clean_excerpt(name.get_ref().trim()))
    }

    /// `[project] url`, checked to be a web address when parsed.
    pub fn project_url(&self) -> Option<String> {
        Some(
            self.config
                .project
                .url
                .as_ref()?
                .get_ref()
                .trim()
                .to_owned(),
        )
    }

    /// `[verify] repositories`, resolved against the directory holding the configuration
    /// when relative. For `assay verify`, which reads them besides `--repo`; see
    /// [`Loaded::given_by_user`] before following them.
    // Exposed for verify's list of repositories, which its own change wires in.
    #[allow(dead_code)]
    pub fn verify_repositories(&self, base: &Path) -> Vec<std::path::PathBuf> {
        self.config
            .verify
            .repositories
            .iter()
            .map(|r| base.join(r.get_ref().trim()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(text: &str, given_by_user: bool) -> Loaded {
        let catalog = Catalog::builtin().expect("catalog");
        parse("c.toml".into(), text.into(), &catalog, given_by_user).expect("valid")
    }

    #[test]
    fn verify_repositories_resolve_against_the_configs_folder() {
        let c = loaded(
            "[verify]\nrepositories = [\"../operator\", \"/srv/charts\"]\n",
            false,
        );
        assert_eq!(
            c.verify_repositories(Path::new("/work/widget")),
            [
                Path::new("/work/widget/../operator"),
                Path::new("/srv/charts")
            ]
        );
        assert!(!c.given_by_user);
    }

    #[test]
    fn rule_codes_and_finding_ids_split_by_command() {
        let c = loaded(
            "[rules]\nselect = [\"AL004\", \"sast\"]\nignore = [\"draft-leftover\", \"AV001\"]\n",
            true,
        );
        assert_eq!(
            c.lint_rules(),
            (vec!["AL004".to_owned()], vec!["draft-leftover".to_owned()])
        );
    }
}
