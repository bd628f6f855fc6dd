//! A YAML document as a tree whose every node knows its line and column, built from
//! yaml-rust2's marked events so that a problem can be pointed at in the file.
//!
//! Hostile input: aliases are refused (no expansion, so no "billion laughs"), nesting and
//! node counts are bounded, and a parse error ends the read with its position.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

const MAX_DEPTH: usize = 64;
const MAX_NODES: usize = 100_000;

/// Where a node starts: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    fn from_marker(m: Marker) -> Pos {
        // yaml-rust2 counts columns from 0 and lines from 1.
        Pos {
            line: u32::try_from(m.line()).unwrap_or(u32::MAX),
            column: u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
        }
    }
}

/// A scalar as written: its text and whether it was quoted (a quoted `true` is a string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    pub text: String,
    pub quoted: bool,
}

impl Scalar {
    /// The boolean a plain scalar spells (YAML 1.2 core schema), if it spells one.
    pub fn as_bool(&self) -> Option<bool> {
        if self.quoted {
            return None;
        }
        match self.text.as_str() {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }

    /// Whether a plain scalar is YAML's null.
    pub fn is_null(&self) -> bool {
        !self.quoted && matches!(self.text.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }

    /// Whether a plain scalar reads as a number, which the schema never allows for a string.
    pub fn is_number(&self) -> bool {
        !self.quoted && (self.text.parse::<f64>().is_ok() || self.text.parse::<i64>().is_ok())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    /// Entries in document order: key, where the key is, value.
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

impl Node {
    /// The value for `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    /// The text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(&s.text),
            _ => None,
        }
    }

    /// Follow a path of mapping keys.
    pub fn at(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |n, k| n.get(k))
    }

    /// The items of a sequence (empty for anything else).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// Same tree as JSON, for reading it into typed structs. Plain scalars that spell a
    /// boolean or null become one; everything else is a string.
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Scalar(s) => match (s.as_bool(), s.is_null()) {
                (Some(b), _) => serde_json::Value::Bool(b),
                (None, true) => serde_json::Value::Null,
                (None, false) => serde_json::Value::String(s.text.clone()),
            },
            Value::Seq(items) => items.iter().map(Node::to_json).collect(),
            Value::Map(entries) => entries
                .iter()
                .map(|e| (e.key.clone(), e.value.to_json()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
}

/// Why a document could not be read as a tree.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    #[error("{line}:{column}: not valid YAML: {message}")]
    Syntax {
        line: u32,
        column: u32,
        message: String,
    },
    #[error("{}:{}: {message}", .pos.line, .pos.column)]
    Refused { pos: Pos, message: String },
    #[error("the document is empty")]
    Empty,
}

impl TreeError {
    /// Where the problem is (1:1 for an empty document).
    pub fn pos(&self) -> Pos {
        match self {
            TreeError::Syntax { line, column, .. } => Pos {
                line: *line,
                column: *column,
            },
            TreeError::Refused { pos, .. } => *pos,
            TreeError::Empty => Pos { line: 1, column: 1 },
        }
    }

    pub fn message(&self) -> String {
        match self {
            TreeError::Syntax { message, .. } => format!("not valid YAML: {message}"),
            TreeError::Refused { message, .. } => message.clone(),
            TreeError::Empty => "the document is empty".into(),
        }
    }
}

enum Frame {
    Seq(Pos, Vec<Node>),
    Map(Pos, Vec<Entry>, Option<(String, Pos)>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    nodes: usize,
    error: Option<TreeError>,
}

impl Builder {
    fn refuse(&mut self, pos: Pos, message: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some(TreeError::Refused {
                pos,
                message: message.into(),
            });
        }
    }

    fn push_node(&mut self, node: Node) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.refuse(node.pos, format!("more than {MAX_NODES} nodes"));
            return;
        }
        let mut refusal = None;
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, pending)) => match pending.take() {
                None => match node.value {
                    Value::Scalar(s) => *pending = Some((s.text, node.pos)),
                    _ => refusal = Some((node.pos, "a mapping key must be a plain value")),
                },
                Some((key, key_pos)) => {
                    if entries.iter().any(|e| e.key == key) {
                        refusal = Some((key_pos, "this key appears twice in the same mapping"));
                    }
                    entries.push(Entry {
                        key,
                        key_pos,
                        value: node,
                    });
                }
            },
        }
        if let Some((pos, msg)) = refusal {
            self.refuse(pos, msg);
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let pos = Pos::from_marker(mark);
        match ev {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    self.refuse(pos, "only one YAML document is allowed in the file");
                }
            }
            Event::Alias(_) => self.refuse(pos, "aliases (*name) are not accepted here"),
            Event::Scalar(text, style, _, _) => self.push_node(Node {
                pos,
                value: Value::Scalar(Scalar {
                    text,
                    quoted: style != TScalarStyle::Plain,
                }),
            }),
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.refuse(pos, format!("nested deeper than {MAX_DEPTH} levels"));
                    return;
                }
                self.stack.push(if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq(pos, Vec::new())
                } else {
                    Frame::Map(pos, Vec::new(), None)
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::Seq(pos, items)) => Node {
                        pos,
                        value: Value::Seq(items),
                    },
                    Some(Frame::Map(pos, entries, _)) => Node {
                        pos,
                        value: Value::Map(entries),
                    },
                    None => return,
                };
                self.push_node(node);
            }
            _ => {}
        }
    }
}

/// Read `text` as one YAML document.
pub fn parse(text: &str) -> Result<Node, TreeError> {
    // YAML allows no C0 control other than tab and line breaks; say where one is.
    for (i, line) in text.split('\n').enumerate() {
        if let Some((col, c)) = line
            .chars()
            .enumerate()
            .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\r'))
        {
            return Err(TreeError::Refused {
                pos: Pos {
                    line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    column: u32::try_from(col + 1).unwrap_or(u32::MAX),
                },
                message: format!(
                    "not valid YAML: the control character U+{:04X} is not allowed",
                    u32::from(c)
                ),
            });
        }
    }
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, true) {
        let pos = Pos::from_marker(*e.marker());
        return Err(TreeError::Syntax {
            line: pos.line,
            column: pos.column,
            message: e.info().to_owned(),
        });
    }
    if let Some(e) = builder.error {
        return Err(e);
    }
    match builder.root {
        Some(root) if !matches!(&root.value, Value::Scalar(s) if s.is_null()) => Ok(root),
        _ => Err(TreeError::Empty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let root = parse("a:\n  b: yes\n").expect("parses");
        let b = root.at(&["a", "b"]).expect("b");
        assert_eq!(b.pos, Pos { line: 2, column: 6 });
        match &root.value {
            Value::Map(entries) => assert_eq!(entries[0].key_pos, Pos { line: 1, column: 1 }),
            _ => panic!("a map"),
        }
    }

    #[test]
    fn quoted_true_is_a_string() {
        let root = parse("a: \"true\"\nb: true\n").expect("parses");
        assert_eq!(root.to_json(), serde_json::json!({"a": "true", "b": true}));
    }

    #[test]
    fn aliases_duplicates_and_depth_are_refused() {
        let alias = parse("a: &x [1]\nb: *x\n").expect_err("alias");
        assert_eq!(alias.pos().line, 2);
        let dup = parse("a: 1\na: 2\n").expect_err("duplicate");
        assert_eq!(dup.pos(), Pos { line: 2, column: 1 });
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&deep).is_err());
        assert!(matches!(parse(""), Err(TreeError::Empty)));
        assert!(matches!(parse("a: [\n"), Err(TreeError::Syntax { .. })));
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
    }
}
