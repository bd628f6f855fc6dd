//! Checks a Security Insights v2 document against [`super::schema`]: unknown fields,
//! missing required ones, types, formats (URL, email, date, version, SPDX expression),
//! enumerations and minimum list lengths, each problem at its line and column.

use std::fmt::Write as _;

use serde::Serialize;

use super::schema::{self, Field, Ty};
use super::tree::{self, Node, Pos, Scalar, Value};

/// What kind of problem: a stable name shown with each message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// Not YAML, or YAML this reader refuses (aliases, duplicate keys, several documents).
    Yaml,
    UnknownField,
    MissingField,
    WrongType,
    BadFormat,
    NotAllowed,
    TooFew,
    /// A rule between fields (a child file without a repository section...).
    Structure,
}

impl ProblemKind {
    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::Yaml => "yaml",
            ProblemKind::UnknownField => "unknown-field",
            ProblemKind::MissingField => "missing-field",
            ProblemKind::WrongType => "wrong-type",
            ProblemKind::BadFormat => "bad-format",
            ProblemKind::NotAllowed => "not-allowed",
            ProblemKind::TooFew => "too-few",
            ProblemKind::Structure => "structure",
        }
    }
}

/// One thing wrong with the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    pub line: u32,
    pub column: u32,
    /// Dotted path to the value, e.g. `repository.core-team[0].email`.
    pub path: String,
    pub kind: ProblemKind,
    /// Only a recommendation of the specification, not a schema rule.
    pub warning: bool,
    pub message: String,
}

impl Problem {
    fn new(pos: Pos, path: &str, kind: ProblemKind, message: String) -> Problem {
        Problem {
            line: pos.line,
            column: pos.column,
            path: path.to_owned(),
            kind,
            warning: false,
            message,
        }
    }
}

/// Validate YAML text as a Security Insights v2.2 document. Problems come sorted by position.
pub fn validate_text(text: &str) -> Vec<Problem> {
    match tree::parse(text) {
        Ok(root) => validate(&root),
        Err(e) => vec![Problem::new(e.pos(), "", ProblemKind::Yaml, e.message())],
    }
}

/// Validate a parsed document.
pub fn validate(root: &Node) -> Vec<Problem> {
    let mut out = Vec::new();
    check(
        root,
        &Ty::Obj("Security Insights document", schema::DOCUMENT),
        "",
        Pos { line: 1, column: 1 },
        &mut out,
    );
    structure(root, &mut out);
    out.sort();
    out.dedup();
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn shown(path: &str) -> String {
    if path.is_empty() {
        "the document".to_owned()
    } else {
        format!("`{path}`")
    }
}

/// `named_at` is where the value is named (its key), where a missing field is reported:
/// a block mapping's own position is after its first key.
fn check(node: &Node, ty: &Ty, path: &str, named_at: Pos, out: &mut Vec<Problem>) {
    match (&node.value, ty) {
        (Value::Map(entries), Ty::Obj(name, fields)) => {
            for e in entries {
                let sub = join(path, &e.key);
                match fields.iter().find(|f| f.name == e.key) {
                    Some(f) => check(&e.value, f.ty, &sub, e.key_pos, out),
                    None => out.push(Problem::new(
                        e.key_pos,
                        &sub,
                        ProblemKind::UnknownField,
                        format!(
                            "`{}` is not a field of a {name}; its fields are {}",
                            e.key,
                            field_list(fields)
                        ),
                    )),
                }
            }
            for f in fields.iter().filter(|f| f.required) {
                if node.get(f.name).is_none() {
                    out.push(Problem::new(
                        named_at,
                        &join(path, f.name),
                        ProblemKind::MissingField,
                        format!(
                            "{} has no `{}`, which a {name} requires",
                            shown(path),
                            f.name
                        ),
                    ));
                }
            }
            primaries(node, fields, path, out);
        }
        (Value::Seq(items), Ty::List(item, min)) => {
            if items.len() < *min {
                out.push(Problem::new(
                    node.pos,
                    path,
                    ProblemKind::TooFew,
                    format!("{} must list at least {min} entry", shown(path)),
                ));
            }
            for (i, n) in items.iter().enumerate() {
                check(n, item, &format!("{path}[{i}]"), first_key(n), out);
            }
        }
        (Value::Scalar(s), _) if is_scalar_type(ty) => scalar(node.pos, s, ty, path, out),
        _ => out.push(Problem::new(
            node.pos,
            path,
            ProblemKind::WrongType,
            format!(
                "{} must be {}, not {}",
                shown(path),
                describe(ty),
                found(node)
            ),
        )),
    }
}

/// The specification asks for one primary contact per list.
fn primaries(node: &Node, fields: &[Field], path: &str, out: &mut Vec<Problem>) {
    for f in fields {
        let Some(list) = node.get(f.name) else {
            continue;
        };
        let primary: Vec<&Node> = list
            .items()
            .iter()
            .filter_map(|c| c.get("primary"))
            .filter(|p| matches!(&p.value, Value::Scalar(s) if s.as_bool() == Some(true)))
            .collect();
        if let Some(second) = primary.get(1) {
            let mut p = Problem::new(
                second.pos,
                &join(path, f.name),
                ProblemKind::Structure,
                format!(
                    "more than one entry of `{}` is marked primary; the specification asks for one",
                    join(path, f.name)
                ),
            );
            p.warning = true;
            out.push(p);
        }
    }
}

/// Where a list item starts being written: its first key, or the item itself.
fn first_key(n: &Node) -> Pos {
    match &n.value {
        Value::Map(entries) => entries.first().map_or(n.pos, |e| e.key_pos),
        _ => n.pos,
    }
}

fn is_scalar_type(ty: &Ty) -> bool {
    !matches!(ty, Ty::Obj(..) | Ty::List(..))
}

fn field_list(fields: &[Field]) -> String {
    let mut s = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        write!(s, "`{}`", f.name).ok();
    }
    s
}

fn describe(ty: &Ty) -> String {
    match ty {
        Ty::Str => "text".into(),
        Ty::Url => "a web address (http:// or https://)".into(),
        Ty::Email => "an email address".into(),
        Ty::Date => "a date written YYYY-MM-DD".into(),
        Ty::SchemaVersion => "a version written X.Y.Z".into(),
        Ty::Spdx => "an SPDX licence expression".into(),
        Ty::Bool => "true or false".into(),
        Ty::Enum(words) => format!("one of {}", words.join(", ")),
        Ty::Obj(name, _) => format!("a mapping (a {name})"),
        Ty::List(item, _) => format!("a list of {}", describe(item)),
    }
}

fn found(node: &Node) -> String {
    match &node.value {
        Value::Map(_) => "a mapping".into(),
        Value::Seq(_) => "a list".into(),
        Value::Scalar(s) if s.is_null() => "an empty value".into(),
        Value::Scalar(s) => format!("`{}`", quote(&s.text)),
    }
}

/// A value quoted in a message: one line, control characters gone, at most 60 characters.
fn quote(s: &str) -> String {
    let clean = assay_model::clean_excerpt(s);
    if clean.chars().count() > 60 {
        format!("{}…", clean.chars().take(60).collect::<String>())
    } else {
        clean
    }
}

fn scalar(pos: Pos, s: &Scalar, ty: &Ty, path: &str, out: &mut Vec<Problem>) {
    let wrong = |out: &mut Vec<Problem>, kind: ProblemKind| {
        out.push(Problem::new(
            pos,
            path,
            kind,
            format!(
                "{} must be {}, not `{}`",
                shown(path),
                describe(ty),
                quote(&s.text)
            ),
        ));
    };
    if s.is_null() {
        return out.push(Problem::new(
            pos,
            path,
            ProblemKind::WrongType,
            format!(
                "{} must be {}, not an empty value",
                shown(path),
                describe(ty)
            ),
        ));
    }
    match ty {
        Ty::Bool if s.as_bool().is_none() => wrong(out, ProblemKind::WrongType),
        Ty::Bool => {}
        _ if s.as_bool().is_some() || (s.is_number() && !matches!(ty, Ty::SchemaVersion)) => {
            wrong(out, ProblemKind::WrongType);
        }
        Ty::Url if !is_url(&s.text) => wrong(out, ProblemKind::BadFormat),
        Ty::Email if !is_email(&s.text) => wrong(out, ProblemKind::BadFormat),
        Ty::Date if !is_date(&s.text) => wrong(out, ProblemKind::BadFormat),
        Ty::SchemaVersion if !is_schema_version(&s.text) => wrong(out, ProblemKind::BadFormat),
        Ty::Spdx if !is_spdx_expression(&s.text) => wrong(out, ProblemKind::BadFormat),
        Ty::Enum(words) if !words.contains(&s.text.as_str()) => {
            wrong(out, ProblemKind::NotAllowed);
        }
        _ => {}
    }
}

/// `^https?://[^\s]+$`
pub fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.chars().any(char::is_whitespace))
}

/// `^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let Some((host, tld)) = domain.rsplit_once('.') else {
        return false;
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
    let tld_ok = tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic());
    local_ok && host_ok && tld_ok
}

/// `YYYY-MM-DD`, and a real day of the calendar.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        text.get(r)
            .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|t| t.parse::<u32>().ok())
    };
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `^[1-9]+\.[0-9]+\.[0-9]+$`
pub fn is_schema_version(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
        && parts[0].bytes().all(|c| c != b'0')
}

/// An SPDX expression by its shape: licence ids (letters, digits, `.`, `-`, an optional
/// trailing `+`, `LicenseRef-` and `DocumentRef-` forms) joined by AND, OR and WITH,
/// with balanced parentheses. The licence list itself is not consulted.
pub fn is_spdx_expression(s: &str) -> bool {
    let spaced = s.replace('(', " ( ").replace(')', " ) ");
    let mut depth = 0usize;
    let mut want_id = true;
    let mut after_with = false;
    let mut any = false;
    for tok in spaced.split_whitespace() {
        any = true;
        match tok {
            "(" if want_id && !after_with => depth += 1,
            ")" if !want_id => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            "AND" | "OR" | "WITH" if !want_id => {
                want_id = true;
                after_with = tok == "WITH";
            }
            id if want_id && is_licence_id(id) => {
                want_id = false;
                after_with = false;
            }
            _ => return false,
        }
    }
    any && !want_id && depth == 0
}

fn is_licence_id(tok: &str) -> bool {
    let core = tok.strip_suffix('+').unwrap_or(tok);
    let core = core
        .strip_prefix("DocumentRef-")
        .and_then(|r| r.split_once(":LicenseRef-").map(|(_, l)| l))
        .unwrap_or(core);
    !core.is_empty()
        && !matches!(core, "AND" | "OR" | "WITH")
        && core
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// Rules between sections: a child file (one that names its parent in
/// `header.project-si-source`) describes its repository; any other file its project.
fn structure(root: &Node, out: &mut Vec<Problem>) {
    if !matches!(root.value, Value::Map(_)) {
        return;
    }
    let child = root.at(&["header", "project-si-source"]).is_some();
    if child && root.get("repository").is_none() {
        out.push(Problem::new(
            Pos { line: 1, column: 1 },
            "repository",
            ProblemKind::Structure,
            "a file that inherits its project through `header.project-si-source` must have a `repository` section".into(),
        ));
    }
    if !child && root.get("project").is_none() {
        out.push(Problem::new(
            Pos { line: 1, column: 1 },
            "project",
            ProblemKind::Structure,
            "without `header.project-si-source` the file must describe its project in a `project` section".into(),
        ));
    }
    if let (true, Some(p)) = (child, root.get("project")) {
        let mut w = Problem::new(
            p.pos,
            "project",
            ProblemKind::Structure,
            "a file that inherits its project through `header.project-si-source` should leave `project` out".into(),
        );
        w.warning = true;
        out.push(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_url("https://example.com/x"));
        assert!(!is_url("https://exa mple.com"));
        assert!(!is_url("ftp://example.com"));
        assert!(!is_url("https://"));
        assert!(is_email("a.b+c@example.co"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@example.com"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2023-1-01"));
        assert!(is_schema_version("2.2.0"));
        assert!(!is_schema_version("0.2.0"));
        assert!(!is_schema_version("2.2"));
        for ok in [
            "MIT",
            "Apache-2.0",
            "GPL-2.0+",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0-only WITH Classpath-exception-2.0",
            "LicenseRef-Proprietary",
        ] {
            assert!(is_spdx_expression(ok), "{ok}");
        }
        for bad in [
            "",
            "MIT OR",
            "(MIT",
            "MIT)",
            "Apache License 2.0",
            "MIT AND AND BSD",
        ] {
            assert!(!is_spdx_expression(bad), "{bad}");
        }
    }
}
