//! A YAML tree that remembers the line of every node, built from yaml-rust2's events.
//!
//! Aliases resolve to nothing (no expansion, so no "billion laughs"), nesting is bounded,
//! and a parse error yields what was read before it, plus the error.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

const MAX_DEPTH: usize = 64;
const MAX_NODES: usize = 200_000;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Scalar {
        value: String,
        line: u32,
    },
    Seq {
        items: Vec<Node>,
        line: u32,
    },
    Map {
        entries: Vec<(Node, Node)>,
        line: u32,
    },
    Null {
        line: u32,
    },
}

impl Node {
    pub fn line(&self) -> u32 {
        match self {
            Node::Scalar { line, .. }
            | Node::Seq { line, .. }
            | Node::Map { line, .. }
            | Node::Null { line } => *line,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Value for `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_entry(key).map(|(_, v)| v)
    }

    /// Key node and value for `key` in a mapping.
    pub fn get_entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match self {
            Node::Map { entries, .. } => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match self {
            Node::Map { entries, .. } => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match self {
            Node::Seq { items, .. } => items,
            _ => &[],
        }
    }
}

enum Frame {
    Seq(Vec<Node>, u32),
    Map(Vec<(Node, Node)>, Option<Node>, u32),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    docs: Vec<Node>,
    nodes: usize,
    /// Depth of containers skipped because they were nested too deep.
    skipping: usize,
}

impl Builder {
    fn push_value(&mut self, node: Node) {
        self.nodes += 1;
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Frame::Seq(items, _)) => items.push(node),
            Some(Frame::Map(entries, pending, _)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }
}

fn line_of(mark: Marker) -> u32 {
    u32::try_from(mark.line()).unwrap_or(u32::MAX)
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.nodes > MAX_NODES {
            return;
        }
        let line = line_of(mark);
        match ev {
            Event::SequenceStart(..) | Event::MappingStart(..)
                if self.skipping > 0 || self.stack.len() >= MAX_DEPTH =>
            {
                self.skipping += 1;
            }
            Event::SequenceEnd | Event::MappingEnd if self.skipping > 0 => {
                self.skipping -= 1;
                if self.skipping == 0 {
                    self.push_value(Node::Null { line });
                }
            }
            _ if self.skipping > 0 => {}
            Event::SequenceStart(..) => self.stack.push(Frame::Seq(Vec::new(), line)),
            Event::MappingStart(..) => self.stack.push(Frame::Map(Vec::new(), None, line)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::Seq(items, line)) => Node::Seq { items, line },
                    Some(Frame::Map(entries, _, line)) => Node::Map { entries, line },
                    None => return,
                };
                self.push_value(node);
            }
            Event::Scalar(value, style, ..) => {
                // Plain `~`/`null`/empty mean null; quoted text stays a string.
                let is_null = style == yaml_rust2::scanner::TScalarStyle::Plain
                    && matches!(value.as_str(), "~" | "null" | "Null" | "NULL" | "");
                if is_null {
                    self.push_value(Node::Null { line });
                } else {
                    self.push_value(Node::Scalar { value, line });
                }
            }
            Event::Alias(_) => self.push_value(Node::Null { line }),
            _ => {}
        }
    }
}

/// Parse every document in `text`. On a syntax error, returns the documents completed so
/// far together with the error message.
pub fn parse(text: &str) -> (Vec<Node>, Option<String>) {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    let err = parser.load(&mut builder, true).err().map(|e| e.to_string());
    (builder.docs, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_carry_their_lines() {
        let (docs, err) = parse("on:\n  push:\njobs:\n  a:\n    steps:\n      - uses: x/y@v1\n");
        assert!(err.is_none());
        let jobs = docs[0].get("jobs").expect("jobs");
        let step = &jobs
            .get("a")
            .expect("a")
            .get("steps")
            .expect("steps")
            .items()[0];
        let uses = step.get("uses").expect("uses");
        assert_eq!(uses.as_str(), Some("x/y@v1"));
        assert_eq!(uses.line(), 6);
        // YAML 1.2: `on` is a string key, not a boolean.
        assert!(docs[0].get("on").is_some());
    }

    #[test]
    fn aliases_do_not_expand_and_depth_is_bounded() {
        let (docs, _) = parse("a: &x [1, 2]\nb: *x\n");
        assert_eq!(docs[0].get("b"), Some(&Node::Null { line: 2 }));
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        // Either read with the deep part dropped, or refused by the parser: never a crash.
        let (docs, err) = parse(&deep);
        assert!(docs.len() == 1 || err.is_some());
    }

    #[test]
    fn syntax_errors_are_reported_not_panicked() {
        let (_, err) = parse("a: [\n");
        assert!(err.is_some());
    }
}
