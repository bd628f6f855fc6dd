//! YAML text for a document, with comments: a note above a field (where its value came
//! from), a note after a scalar, and commented-out fields a maintainer should fill.
//! Strings are always double-quoted with JSON escapes (valid YAML), so no value from a
//! repository can change the document's structure; comments are one line, controls gone.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

/// Comments keyed by the dotted path of the field they belong to (`repository.url`,
/// `repository.core-team[0]`).
#[derive(Debug, Default)]
pub struct Notes {
    above: BTreeMap<String, Vec<String>>,
    todo: BTreeMap<String, Vec<(String, String)>>,
}

impl Notes {
    /// A comment line above the field at `path`.
    pub fn above(&mut self, path: &str, text: impl AsRef<str>) {
        self.above
            .entry(path.to_owned())
            .or_default()
            .push(one_line(text.as_ref()));
    }

    /// A field the maintainer should add to the mapping at `map_path`, shown commented out.
    pub fn todo(&mut self, map_path: &str, field: &str, what: impl AsRef<str>) {
        self.todo
            .entry(map_path.to_owned())
            .or_default()
            .push((field.to_owned(), one_line(what.as_ref())));
    }

    /// How many fields are left for the maintainer (commented out or marked TODO above).
    pub fn todo_count(&self) -> usize {
        self.todo.values().map(Vec::len).sum::<usize>()
            + self
                .above
                .values()
                .flatten()
                .filter(|l| l.starts_with(TODO))
                .count()
    }
}

/// How a note that asks the maintainer for something begins.
pub const TODO: &str = "TODO:";

fn one_line(s: &str) -> String {
    assay_model::clean_excerpt(s)
}

/// The document as YAML, `header_lines` first as comments.
pub fn emit(doc: &Value, notes: &Notes, header_lines: &[String]) -> String {
    let mut out = String::new();
    for l in header_lines {
        writeln!(out, "# {}", one_line(l)).ok();
    }
    if let Value::Object(map) = doc {
        emit_map(map, "", 0, notes, &mut out);
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn comments(out: &mut String, indent: usize, lines: Option<&Vec<String>>) {
    for l in lines.into_iter().flatten() {
        writeln!(out, "{:indent$}# {l}", "").ok();
    }
}

fn emit_map(
    map: &serde_json::Map<String, Value>,
    path: &str,
    indent: usize,
    notes: &Notes,
    out: &mut String,
) {
    for (k, v) in map {
        let p = join(path, k);
        comments(out, indent, notes.above.get(&p));
        write!(out, "{:indent$}{k}:", "").ok();
        emit_value(v, &p, indent, notes, out);
    }
    for (field, what) in notes.todo.get(path).into_iter().flatten() {
        writeln!(out, "{:indent$}# {field}:  # {TODO} {what}", "").ok();
    }
}

/// The value after `key:` (on the same line for a scalar, below for a collection).
fn emit_value(v: &Value, path: &str, indent: usize, notes: &Notes, out: &mut String) {
    match v {
        Value::Object(m) if m.is_empty() => {
            out.push_str(" {}\n");
            for (field, what) in notes.todo.get(path).into_iter().flatten() {
                writeln!(out, "{:w$}# {field}:  # {TODO} {what}", "", w = indent + 2).ok();
            }
        }
        Value::Array(a) if a.is_empty() => out.push_str(" []\n"),
        Value::Object(m) => {
            out.push('\n');
            emit_map(m, path, indent + 2, notes, out);
        }
        Value::Array(items) => {
            out.push('\n');
            emit_items(items, path, indent + 2, notes, out);
        }
        other => writeln!(out, " {}", scalar(other)).unwrap_or(()),
    }
}

fn emit_items(items: &[Value], path: &str, indent: usize, notes: &Notes, out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        let p = format!("{path}[{i}]");
        comments(out, indent, notes.above.get(&p));
        match item {
            Value::Object(m) if !m.is_empty() => {
                // The first key shares the dash's line; its notes go above the dash.
                let mut first = true;
                for (k, v) in m {
                    let kp = join(&p, k);
                    if first {
                        comments(out, indent, notes.above.get(&kp));
                        write!(out, "{:indent$}- {k}:", "").ok();
                        first = false;
                    } else {
                        comments(out, indent + 2, notes.above.get(&kp));
                        write!(out, "{:w$}{k}:", "", w = indent + 2).ok();
                    }
                    emit_value(v, &kp, indent + 2, notes, out);
                }
                for (field, what) in notes.todo.get(&p).into_iter().flatten() {
                    writeln!(out, "{:w$}# {field}:  # {TODO} {what}", "", w = indent + 2).ok();
                }
            }
            other => {
                write!(out, "{:indent$}-", "").ok();
                emit_value(other, &p, indent, notes, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_strings_stay_inside_their_quotes() {
        let doc =
            serde_json::json!({"a": {"b": "x\"\n: y #z\u{1b}", "c": [{"d": true, "e": "f"}, "g"]}});
        let mut notes = Notes::default();
        notes.above("a.b", "from\nREADME.md:3 \u{1b}[31m");
        notes.todo("a", "h", "fill me");
        let text = emit(&doc, &notes, &["made here".into()]);
        let back = crate::insights::tree::parse(&text).expect("valid YAML");
        assert_eq!(back.to_json(), doc, "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("  # h:  # TODO: fill me\n"), "{text}");
    }
}
