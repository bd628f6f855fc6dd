//! The seed as data: what Markdown, HTML, JSON and the diagram are rendered from.

use std::collections::BTreeSet;

use assay_model::design::ItemKind;
use assay_model::{Evidence, Repository};
use serde::Serialize;

/// How an item was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// The project's documents say it.
    Documented,
    /// Read from code or configuration.
    Inferred,
}

impl Provenance {
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Documented => "documented",
            Provenance::Inferred => "inferred",
        }
    }
}

/// Whether an attacker may control what an entry point receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Controllable {
    Yes,
    No,
    Conditional,
}

impl Controllable {
    pub fn as_str(self) -> &'static str {
        match self {
            Controllable::Yes => "yes",
            Controllable::No => "no",
            Controllable::Conditional => "conditional",
        }
    }
}

/// Where a component runs, for grouping in the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Zone {
    /// A workload with privileged or host-namespace settings: its compromise reaches the node.
    Host,
    /// A Kubernetes workload without such settings.
    Cluster,
    /// A program or image; where it runs is not in the repository.
    Process,
}

impl Zone {
    pub fn title(self) -> &'static str {
        match self {
            Zone::Host => "Node access (privileged or host namespaces)",
            Zone::Cluster => "Kubernetes workloads",
            Zone::Process => "Programs and images",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentKind {
    /// A program the project builds (a `cmd/` folder, a binary target).
    Program,
    /// A workload in a manifest or Helm template.
    Workload,
    /// A folder of code with entry points but no program of its own.
    Package,
}

#[derive(Debug, Clone, Serialize)]
pub struct Component {
    pub name: String,
    pub kind: ComponentKind,
    pub zone: Zone,
    /// Ids of its entry points (`EP3`).
    pub entry_points: Vec<String>,
    /// Schema `touches` values: filesystem, network, env, `child_processes`.
    pub touches: BTreeSet<&'static str>,
    pub cite: Evidence,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryPoint {
    /// `EP1`, `EP2` … in report order.
    pub id: String,
    pub component: String,
    pub kind: ItemKind,
    /// What it is, for people: `HTTP route /api/traces`, `port 16686 (image)`.
    pub what: String,
    /// What it accepts, as far as the code shows.
    pub accepts: String,
    pub controllable: Controllable,
    /// When `controllable` is conditional: on what.
    pub condition: String,
    pub cite: Evidence,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Serialize)]
pub struct Boundary {
    pub component: String,
    pub boundary: String,
    pub precondition: String,
    /// Absent only for the placeholder boundary of a repository where none was found.
    pub cite: Option<Evidence>,
    pub provenance: Provenance,
}

/// An RBAC rule or binding worth a reviewer's look.
#[derive(Debug, Clone, Serialize)]
pub struct Permission {
    pub role: String,
    /// `ClusterRole`, `Role` or `binding`.
    pub kind: String,
    pub what: String,
    pub flags: Vec<&'static str>,
    pub cite: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct Asset {
    pub component: String,
    pub what: String,
    pub cite: Evidence,
    pub provenance: Provenance,
}

/// A line of a security document that scopes something out or says what is trusted.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeNote {
    pub phrase: String,
    pub cite: Evidence,
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// `Q1` …
    pub id: String,
    /// The entry point or component it is about, if any.
    pub about: String,
    /// The JSON report field the answer lands in.
    pub field: String,
    /// STRIDE letter(s): S, T, R, I, D, E.
    pub stride: &'static str,
    pub text: String,
    /// What the code suggests, for the maintainers to confirm or correct.
    pub proposed: String,
    pub cite: Option<Evidence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThreatModel {
    pub project: String,
    pub repository: Repository,
    /// The scanned commit's date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The README's description, when it has one.
    pub description: Option<(String, Evidence)>,
    /// What was read and what was left out, in assay's words.
    pub scope: Vec<String>,
    pub components: Vec<Component>,
    pub boundaries: Vec<Boundary>,
    pub entry_points: Vec<EntryPoint>,
    pub permissions: Vec<Permission>,
    pub assets: Vec<Asset>,
    pub scope_notes: Vec<ScopeNote>,
    /// Security documents the project keeps (threat model, security pages), to read
    /// alongside the seed.
    pub documents: Vec<(String, Evidence)>,
    pub questions: Vec<Question>,
    /// Facts the scan kept out of its lists because of their caps.
    pub truncated: usize,
}

impl ThreatModel {
    pub fn entry(&self, id: &str) -> Option<&EntryPoint> {
        self.entry_points.iter().find(|e| e.id == id)
    }

    /// How many items are documented and how many inferred.
    pub fn confidence(&self) -> (usize, usize) {
        let tags = self
            .components
            .iter()
            .map(|c| c.provenance)
            .chain(self.boundaries.iter().map(|b| b.provenance))
            .chain(self.entry_points.iter().map(|e| e.provenance))
            .chain(self.assets.iter().map(|a| a.provenance));
        let documented = tags
            .clone()
            .filter(|p| *p == Provenance::Documented)
            .count()
            + self.scope_notes.len();
        let inferred = tags.filter(|p| *p == Provenance::Inferred).count();
        (documented, inferred)
    }
}
