//! The frame every SARIF 2.1.0 log assay writes shares: the tool, its home page, and one
//! automation id per command, so that code-scanning services keep the uploads of `scan`,
//! `lint` and `verify` apart instead of letting one replace another.

use std::fmt::Write as _;

use serde_json::{Value, json};

/// Where people learn about assay: the workspace's `repository` URL. The project has no
/// published home yet, so it is empty and logs leave `informationUri` out rather than name
/// an address nobody checked; setting `repository` in Cargo.toml fills it in.
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// The schema a SARIF log names.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The command a log comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Scan,
    Lint,
    Verify,
}

impl Command {
    /// `run.automationDetails.id`. GitHub code scanning takes everything before the last
    /// `/` as the upload's category, so each command gets its own.
    pub fn automation_id(self) -> &'static str {
        match self {
            Command::Scan => "assay/scan/",
            Command::Lint => "assay/lint/",
            Command::Verify => "assay/verify/",
        }
    }
}

/// A whole log with one run: the tool with `rules`, and `results`.
pub fn log(command: Command, rules: Vec<Value>, results: Vec<Value>) -> Value {
    let mut driver = json!({
        "name": "assay",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": Value::Array(rules),
    });
    if !INFORMATION_URI.is_empty() {
        driver["informationUri"] = json!(INFORMATION_URI);
    }
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "automationDetails": {"id": command.automation_id()},
            "columnKind": "unicodeCodePoints",
            "results": Value::Array(results),
        }],
    })
}

/// A path as a SARIF relative URI: `/`-separated, without a leading `./`, each segment
/// percent-encoded where a URI needs it (spaces, `%`, `#`, `?` and non-ASCII).
pub fn relative_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    if rest.is_empty() {
        return ".".to_owned();
    }
    let mut out = String::with_capacity(rest.len());
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            write!(out, "%{b:02X}").ok();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automation_ids_differ_by_command() {
        let ids = [Command::Scan, Command::Lint, Command::Verify].map(Command::automation_id);
        assert_eq!(ids, ["assay/scan/", "assay/lint/", "assay/verify/"]);
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(relative_uri("./docs/a b#1.md"), "docs/a%20b%231.md");
        assert_eq!(relative_uri("docs\\x.md"), "docs/x.md");
        assert_eq!(relative_uri("./"), ".");
        assert_eq!(relative_uri("ü.md"), "%C3%BC.md");
    }

    #[test]
    fn the_log_names_the_projects_home() {
        let log = log(Command::Lint, Vec::new(), Vec::new());
        let home = &log["runs"][0]["tool"]["driver"]["informationUri"];
        if INFORMATION_URI.is_empty() {
            assert!(home.is_null(), "no invented home page: {home}");
        } else {
            assert!(INFORMATION_URI.starts_with("https://"));
            assert_eq!(home, INFORMATION_URI);
        }
        assert_eq!(log["runs"][0]["automationDetails"]["id"], "assay/lint/");
    }
}
