//! The data-flow diagram: actors outside, components grouped by where they run (the
//! groups are the trust boundaries), entry points as edges from outside, assets on the
//! right. Capped so a project with thirty components stays readable; what the cap leaves
//! out is merged into one node per group and said in the caption.
//!
//! Rendered as a Mermaid `flowchart` (Markdown) and as a self-contained SVG (HTML). All
//! text comes from the repository, so each renderer escapes it for its medium.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use assay_model::design::ItemKind;

use super::build::is_network;
use super::model::{ThreatModel, Zone};

/// Components drawn one by one; the rest are merged per group.
pub const MAX_NODES: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Actor {
    Network,
    ApiServer,
    Operator,
    Plugins,
}

impl Actor {
    fn id(self) -> &'static str {
        match self {
            Actor::Network => "net",
            Actor::ApiServer => "api",
            Actor::Operator => "op",
            Actor::Plugins => "plug",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Actor::Network => "Network clients",
            Actor::ApiServer => "Kubernetes API server",
            Actor::Operator => "Operator: flags, env, input",
            Actor::Plugins => "Plugins",
        }
    }
}

fn actor_of(kind: ItemKind) -> Option<Actor> {
    use ItemKind as K;
    match kind {
        k if is_network(k) => Some(Actor::Network),
        K::Webhook | K::CustomResource | K::Controller => Some(Actor::ApiServer),
        K::EnvRead | K::Stdin | K::ListenFlag => Some(Actor::Operator),
        K::Plugin => Some(Actor::Plugins),
        _ => None,
    }
}

fn short(kind: ItemKind) -> &'static str {
    use ItemKind as K;
    match kind {
        K::HttpListener | K::Route => "HTTP",
        K::GrpcServer | K::GrpcService => "gRPC",
        K::SocketListener => "socket",
        K::Expose | K::ServicePort | K::ContainerPort => "ports",
        K::Webhook | K::WebhookHandler => "webhook",
        K::CustomResource => "CRD",
        K::Controller => "watch",
        K::EnvRead => "env",
        K::Stdin => "stdin",
        K::ListenFlag => "flags",
        K::Plugin => "plugin",
        _ => "other",
    }
}

#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: String,
    /// A component reading an asset, rather than an entry point.
    pub dashed: bool,
}

#[derive(Debug, Clone)]
pub struct Graph {
    pub actors: Vec<(String, String)>,
    pub groups: Vec<Group>,
    /// The asset node, when any asset was found: `(id, label)`.
    pub assets: Option<(String, String)>,
    pub edges: Vec<Edge>,
    /// Components merged into "more" nodes, by name.
    pub left_out: Vec<String>,
    /// Components not drawn because they have no entry point and read no asset.
    pub quiet: Vec<String>,
}

/// Per component: entry kinds per actor, entry count.
type Flows = BTreeMap<Actor, BTreeSet<&'static str>>;

pub fn graph(tm: &ThreatModel) -> Graph {
    let mut flows: BTreeMap<&str, (Flows, usize)> = BTreeMap::new();
    for e in &tm.entry_points {
        let slot = flows.entry(e.component.as_str()).or_default();
        slot.1 += 1;
        if let Some(a) = actor_of(e.kind) {
            slot.0.entry(a).or_default().insert(short(e.kind));
        }
    }
    let with_assets: BTreeSet<&str> = tm.assets.iter().map(|a| a.component.as_str()).collect();
    // The busiest components first; ties by name.
    let mut order: Vec<&super::model::Component> = tm.components.iter().collect();
    order.sort_by(|a, b| {
        let n = |c: &super::model::Component| flows.get(c.name.as_str()).map_or(0, |f| f.1);
        n(b).cmp(&n(a)).then(a.name.cmp(&b.name))
    });
    let mut groups: BTreeMap<Zone, Group> = BTreeMap::new();
    let mut merged: BTreeMap<Zone, (Vec<String>, Flows, usize, bool)> = BTreeMap::new();
    let mut edges = Vec::new();
    let mut actors: BTreeSet<Actor> = BTreeSet::new();
    // A component with no entry point and no asset has nothing to draw.
    let quiet: Vec<String> = order
        .iter()
        .filter(|c| !flows.contains_key(c.name.as_str()) && !with_assets.contains(c.name.as_str()))
        .map(|c| c.name.clone())
        .collect();
    order.retain(|c| !quiet.contains(&c.name));
    for (i, c) in order.iter().enumerate() {
        let (f, n) = flows.get(c.name.as_str()).cloned().unwrap_or_default();
        let reads = with_assets.contains(c.name.as_str());
        if i >= MAX_NODES {
            let m = merged.entry(c.zone).or_default();
            m.0.push(c.name.clone());
            for (a, kinds) in f {
                m.1.entry(a).or_default().extend(kinds);
            }
            m.2 += n;
            m.3 |= reads;
            continue;
        }
        let id = format!("c{}", i + 1);
        groups
            .entry(c.zone)
            .or_insert_with(|| group(c.zone))
            .nodes
            .push(Node {
                id: id.clone(),
                label: c.name.clone(),
                detail: format!("{n} entry point(s)"),
            });
        push_edges(&mut edges, &mut actors, &id, &f, reads);
    }
    let mut left_out = Vec::new();
    for (zone, (names, f, n, reads)) in merged {
        let id = format!("more_{}", zone_id(zone));
        groups
            .entry(zone)
            .or_insert_with(|| group(zone))
            .nodes
            .push(Node {
                id: id.clone(),
                label: format!("{} more component(s)", names.len()),
                detail: format!("{n} entry point(s)"),
            });
        push_edges(&mut edges, &mut actors, &id, &f, reads);
        left_out.extend(names);
    }
    Graph {
        actors: actors
            .iter()
            .map(|a| (a.id().to_owned(), a.label().to_owned()))
            .collect(),
        groups: groups.into_values().collect(),
        // Drawn only when a drawn component reads them: a node without edges says nothing.
        assets: edges.iter().any(|e| e.dashed).then(|| {
            (
                "assets".to_owned(),
                format!("Secrets and keys ({})", tm.assets.len()),
            )
        }),
        edges,
        left_out,
        quiet,
    }
}

fn zone_id(z: Zone) -> &'static str {
    match z {
        Zone::Host => "host",
        Zone::Cluster => "cluster",
        Zone::Process => "process",
    }
}

fn group(z: Zone) -> Group {
    Group {
        id: format!("z_{}", zone_id(z)),
        title: z.title().to_owned(),
        nodes: Vec::new(),
    }
}

fn push_edges(
    edges: &mut Vec<Edge>,
    actors: &mut BTreeSet<Actor>,
    id: &str,
    f: &Flows,
    reads: bool,
) {
    for (a, kinds) in f {
        actors.insert(*a);
        edges.push(Edge {
            from: a.id().to_owned(),
            to: id.to_owned(),
            label: kinds.iter().copied().collect::<Vec<_>>().join(", "),
            dashed: false,
        });
    }
    if reads {
        edges.push(Edge {
            from: id.to_owned(),
            to: "assets".to_owned(),
            label: "reads".to_owned(),
            dashed: true,
        });
    }
}

/// Text safe inside a quoted Mermaid label: no quotes, angle brackets, backticks or
/// line breaks survive as syntax.
fn mm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '`' | '\\' => out.push('\''),
            '|' => out.push_str("#124;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The diagram as a Mermaid flowchart.
pub fn mermaid(g: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    if !g.actors.is_empty() {
        out.push_str("  subgraph outside[\"Outside the project's processes\"]\n");
        for (id, label) in &g.actors {
            writeln!(out, "    {id}([\"{}\"])", mm(label)).ok();
        }
        out.push_str("  end\n");
    }
    for grp in &g.groups {
        writeln!(out, "  subgraph {}[\"{}\"]", grp.id, mm(&grp.title)).ok();
        for n in &grp.nodes {
            writeln!(
                out,
                "    {}[\"{}<br/>{}\"]",
                n.id,
                mm(&n.label),
                mm(&n.detail)
            )
            .ok();
        }
        out.push_str("  end\n");
    }
    if let Some((id, label)) = &g.assets {
        writeln!(out, "  {id}[(\"{}\")]", mm(label)).ok();
    }
    for e in &g.edges {
        let arrow = if e.dashed { "-.->" } else { "-->" };
        writeln!(out, "  {} {arrow}|\"{}\"| {}", e.from, mm(&e.label), e.to).ok();
    }
    out.trim_end().to_owned()
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Labels longer than this are cut (with an ellipsis) so they stay inside their box.
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

const ACTOR_X: i32 = 20;
const GROUP_X: i32 = 300;
const NODE_W: i32 = 280;
const NODE_H: i32 = 40;
const BOX_W: i32 = 200;
const ASSET_X: i32 = 680;

/// The diagram as a self-contained SVG: columns for actors, groups and assets.
pub fn svg(g: &Graph) -> String {
    let mut pos: BTreeMap<&str, (i32, i32, i32)> = BTreeMap::new();
    let mut body = String::new();
    let mut y = 20;
    for grp in &g.groups {
        let h = 30 + i32::try_from(grp.nodes.len()).unwrap_or(0) * (NODE_H + 10);
        writeln!(body, "<rect x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{h}\" rx=\"6\" fill=\"#f6f8fa\" stroke=\"#8c959f\" stroke-dasharray=\"6 4\"/>", GROUP_X - 10, NODE_W + 20).ok();
        writeln!(
            body,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"bold\">{}</text>",
            GROUP_X - 2,
            y + 18,
            xml(&fit(&grp.title, 46))
        )
        .ok();
        let mut ny = y + 28;
        for n in &grp.nodes {
            writeln!(body, "<rect x=\"{GROUP_X}\" y=\"{ny}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"4\" fill=\"#ffffff\" stroke=\"#1f6feb\"/>").ok();
            writeln!(
                body,
                "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
                GROUP_X + 8,
                ny + 17,
                xml(&fit(&n.label, 34))
            )
            .ok();
            writeln!(
                body,
                "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#57606a\">{}</text>",
                GROUP_X + 8,
                ny + 32,
                xml(&fit(&n.detail, 40))
            )
            .ok();
            pos.insert(n.id.as_str(), (GROUP_X, ny + NODE_H / 2, NODE_W));
            ny += NODE_H + 10;
        }
        y += h + 20;
    }
    let height = y
        .max(20 + i32::try_from(g.actors.len()).unwrap_or(0) * 60)
        .max(120);
    for (i, (id, label)) in g.actors.iter().enumerate() {
        let ay = 30 + i32::try_from(i).unwrap_or(0) * 60;
        writeln!(body, "<rect x=\"{ACTOR_X}\" y=\"{ay}\" width=\"{BOX_W}\" height=\"{NODE_H}\" rx=\"20\" fill=\"#fff8c5\" stroke=\"#9a6700\"/>").ok();
        writeln!(
            body,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            ACTOR_X + 12,
            ay + 24,
            xml(&fit(label, 32))
        )
        .ok();
        pos.insert(id.as_str(), (ACTOR_X, ay + NODE_H / 2, BOX_W));
    }
    if let Some((id, label)) = &g.assets {
        let ay = height / 2 - NODE_H / 2;
        writeln!(body, "<rect x=\"{ASSET_X}\" y=\"{ay}\" width=\"{BOX_W}\" height=\"{NODE_H}\" rx=\"4\" fill=\"#ffebe9\" stroke=\"#cf222e\"/>").ok();
        writeln!(
            body,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            ASSET_X + 10,
            ay + 24,
            xml(&fit(label, 32))
        )
        .ok();
        pos.insert(id.as_str(), (ASSET_X, ay + NODE_H / 2, BOX_W));
    }
    let mut lines = String::new();
    // Labels of several arrows into one box are stacked, not drawn over each other.
    let mut into: BTreeMap<&str, i32> = BTreeMap::new();
    for e in &g.edges {
        let (Some(&(fx, fy, fw)), Some(&(tx, ty, _))) =
            (pos.get(e.from.as_str()), pos.get(e.to.as_str()))
        else {
            continue;
        };
        let dash = if e.dashed {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        writeln!(lines, "<line x1=\"{}\" y1=\"{fy}\" x2=\"{tx}\" y2=\"{ty}\" stroke=\"#57606a\"{dash} marker-end=\"url(#arrow)\"/>", fx + fw).ok();
        let k = into.entry(e.to.as_str()).or_default();
        let (lx, ly) = if e.dashed {
            (fx + fw + 6, fy - 4)
        } else {
            (tx - 6, ty - 6 - 11 * *k)
        };
        if !e.dashed {
            *k += 1;
        }
        let anchor = if e.dashed { "start" } else { "end" };
        writeln!(lines, "<text x=\"{lx}\" y=\"{ly}\" font-size=\"10\" text-anchor=\"{anchor}\" fill=\"#24292f\">{}</text>", xml(&fit(&e.label, 30))).ok();
    }
    let width = if g.assets.is_some() {
        ASSET_X + BOX_W + 20
    } else {
        GROUP_X + NODE_W + 30
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" font-family=\"sans-serif\">\n\
         <title>Data-flow diagram</title>\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#57606a\"/></marker></defs>\n\
         {body}{lines}</svg>"
    )
}

/// What the diagram leaves out, when it does, in a sentence or two.
pub fn caption(g: &Graph) -> Option<String> {
    let mut parts = Vec::new();
    if !g.left_out.is_empty() {
        let mut names: Vec<&str> = g.left_out.iter().map(String::as_str).collect();
        names.sort_unstable();
        let shown: Vec<&str> = names.iter().take(10).copied().collect();
        parts.push(format!(
            "The diagram draws the {MAX_NODES} components with the most entry points; {} more are merged per group: {}{}.",
            names.len(),
            shown.join(", "),
            if names.len() > shown.len() { ", …" } else { "" }
        ));
    }
    if !g.quiet.is_empty() {
        parts.push(format!(
            "Not drawn, for want of an entry point or asset: {}.",
            g.quiet.join(", ")
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}
