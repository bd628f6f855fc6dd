//! From a scan's findings to the seed. Reads the `design.*` findings and the
//! documentation findings through the declared vocabulary.

use std::collections::{BTreeMap, BTreeSet};

use assay_model::design::{DesignItem, ItemKind, Trait};
use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Evidence, Finding, Forge, ScanReport, Status, detail};
use serde_json::Value;

use super::describe::describe;
use super::model::{
    Asset, Boundary, Component, ComponentKind, EntryPoint, Permission, Provenance, ScopeNote,
    ThreatModel, Zone,
};
use super::questions;

use ItemKind as K;

/// Every finding the design detector emits.
const DESIGN: &[&FindingKind] = &[
    &v::DESIGN_LISTENERS,
    &v::DESIGN_ROUTES,
    &v::DESIGN_WORKLOADS,
    &v::DESIGN_PERMISSIONS,
    &v::DESIGN_EXTENSION_POINTS,
    &v::DESIGN_LOCAL_INPUTS,
    &v::DESIGN_SECRETS,
    &v::DESIGN_SCOPE_STATEMENTS,
];

/// Security documents worth reading next to the seed, in this order.
const DOCUMENTS: &[&FindingKind] = &[
    &v::THREAT_MODEL,
    &v::SECURITY_POLICY,
    &v::DOCS_SECURITY,
    &v::DOCS_AUTHENTICATION,
    &v::DOCS_AUTHORIZATION,
    &v::DOCS_TLS,
    &v::DOCS_HARDENING,
    &v::DOCS_SECRETS,
];

/// Kinds read from manifests and Dockerfiles, where the same resource is often written
/// several times (a chart and the manifests rendered from it). Code call sites are each
/// their own fact, even when they look alike.
fn from_manifest(kind: ItemKind) -> bool {
    matches!(
        kind,
        K::Workload
            | K::WorkloadSetting
            | K::ServiceAccount
            | K::ServicePort
            | K::ContainerPort
            | K::ClusterRole
            | K::Role
            | K::Binding
            | K::Webhook
            | K::CustomResource
            | K::Expose
            | K::ImageUser
    )
}

/// Synthetic component for webhook configurations and custom resources: they extend the
/// API server rather than run as a process of their own.
pub(crate) const API_EXTENSIONS: &str = "Kubernetes API extensions";

/// Links evidence to the scanned commit the way the scan does.
struct Linker {
    forge: Option<Forge>,
    commit: Option<String>,
}

impl Linker {
    fn new(report: &ScanReport) -> Linker {
        // The scan pins links only when it read the HEAD commit of a known forge; follow it.
        let pinned = report
            .findings
            .iter()
            .any(|f| f.evidence.iter().any(|e| e.url.is_some()));
        Linker {
            forge: report
                .repository
                .remote
                .as_deref()
                .and_then(Forge::from_remote)
                .filter(|_| pinned),
            commit: report.repository.commit.clone(),
        }
    }

    fn cite(&self, it: &DesignItem) -> Evidence {
        let mut e = Evidence::at(it.path.clone(), it.line, &it.excerpt);
        if let (Some(f), Some(c)) = (&self.forge, &self.commit) {
            e.url = Some(f.blob_url(c, &it.path, Some(it.line)));
        }
        e
    }
}

fn items_of(f: &Finding) -> Vec<DesignItem> {
    f.details
        .get(detail::ITEMS)
        .cloned()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

fn truncated_of(f: &Finding, kept: usize) -> usize {
    f.details
        .get(detail::ITEMS_TOTAL)
        .and_then(Value::as_u64)
        .map_or(0, |t| (t as usize).saturating_sub(kept))
}

fn shows(f: &Finding) -> bool {
    matches!(f.status, Status::Present | Status::Partial)
}

fn find<'a>(report: &'a ScanReport, kind: &FindingKind) -> Option<&'a Finding> {
    report.findings.iter().find(|f| f.id == kind.id && shows(f))
}

/// Build the seed. `project` is the name to write; `date` the scanned commit's date.
pub fn build(report: &ScanReport, project: &str, date: Option<String>) -> ThreatModel {
    let link = Linker::new(report);
    let mut items = Vec::new();
    let mut truncated = 0;
    for kind in DESIGN {
        if let Some(f) = find(report, kind) {
            let got = items_of(f);
            truncated += truncated_of(f, got.len());
            items.extend(got);
        }
    }
    items.sort();
    // The same resource in a chart and in manifests generated from it (one per platform)
    // is one fact: keep its first citation, the template before the rendered copies.
    items.sort_by_key(|i| u8::from(!i.traits.contains(&Trait::Helm)));
    let mut seen = BTreeSet::new();
    items.retain(|i| {
        !from_manifest(i.kind)
            || seen.insert((
                i.kind,
                i.component.clone(),
                i.name.clone(),
                i.value.clone(),
                i.traits
                    .iter()
                    .filter(|t| **t != Trait::Helm)
                    .copied()
                    .collect::<Vec<_>>(),
            ))
    });
    items.sort();
    let programs = programs(report);
    let mut tm = ThreatModel {
        project: project.to_owned(),
        repository: report.repository.clone(),
        date,
        description: description(report),
        scope: scope_notes(),
        components: Vec::new(),
        boundaries: Vec::new(),
        entry_points: Vec::new(),
        permissions: Vec::new(),
        assets: Vec::new(),
        scope_notes: Vec::new(),
        documents: documents(report),
        questions: Vec::new(),
        truncated,
    };
    tm.components = components(&items, &programs, &link);
    tm.entry_points = entry_points(&items, &link);
    for c in &mut tm.components {
        c.entry_points = tm
            .entry_points
            .iter()
            .filter(|e| e.component == c.name)
            .map(|e| e.id.clone())
            .collect();
    }
    tm.boundaries = boundaries(&items, &tm.entry_points, &link);
    tm.permissions = permissions(&items, &link);
    tm.assets = assets(&items, &link);
    tm.scope_notes = items
        .iter()
        .filter(|i| i.kind == K::ScopeStatement)
        .map(|i| ScopeNote {
            phrase: i.name.clone(),
            cite: link.cite(i),
        })
        .collect();
    tm.questions = questions::ask(&tm, &items, &link_fn(&link));
    tm
}

fn link_fn(link: &Linker) -> impl Fn(&DesignItem) -> Evidence + '_ {
    move |i| link.cite(i)
}

fn scope_notes() -> Vec<String> {
    vec![
        "Read: Go, Rust and Python source, Dockerfiles, Kubernetes manifests and Helm templates, and security documents of the scanned tree, with the patterns assay rules design lists.".to_owned(),
        "Not read: test files and folders, e2e and integration suites, examples and samples, test helpers and fakes, hack/, scripts/, tools/, documentation other than security documents, generated Go code, and third-party trees (vendor/, third_party/, node_modules/, testdata/, linguist-vendored paths).".to_owned(),
        "Not seen: routes built at run time or generated from API definitions, listeners started by frameworks assay has no pattern for, and which program a shared package's listener ends up in.".to_owned(),
    ]
}

fn description(report: &ScanReport) -> Option<(String, Evidence)> {
    let f = find(report, &v::README_DESCRIPTION)?;
    let sentence = f.details.get(detail::SENTENCE)?.as_str()?.to_owned();
    Some((sentence, f.evidence.first()?.clone()))
}

fn documents(report: &ScanReport) -> Vec<(String, Evidence)> {
    let mut out: Vec<(String, Evidence)> = Vec::new();
    for kind in DOCUMENTS {
        let Some(f) = find(report, kind) else {
            continue;
        };
        for e in f.evidence.iter().take(3) {
            if !e.path.is_empty() && !out.iter().any(|(_, o)| o.path == e.path) {
                out.push((kind.title.to_owned(), e.clone()));
            }
        }
    }
    out
}

/// Programs the project builds, with the evidence of their entry point.
fn programs(report: &ScanReport) -> BTreeMap<String, Evidence> {
    let Some(f) = find(report, &v::COMPONENTS) else {
        return BTreeMap::new();
    };
    let Some(Value::Object(map)) = f.details.get(detail::ENTRY_POINTS) else {
        return BTreeMap::new();
    };
    map.iter()
        .filter_map(|(name, at)| {
            let path = at.get(detail::PATH)?.as_str()?;
            let line = at.get("line").and_then(Value::as_u64);
            let e = f
                .evidence
                .iter()
                .find(|e| e.path == path && e.line.map(u64::from) == line)
                .cloned()
                .unwrap_or_else(|| Evidence::file(path));
            Some((name.clone(), e))
        })
        .collect()
}

fn component_name(it: &DesignItem) -> Option<String> {
    match it.kind {
        K::ScopeStatement | K::ClusterRole | K::Role | K::Binding => None,
        K::Webhook | K::CustomResource => Some(API_EXTENSIONS.to_owned()),
        K::ServiceAccount if it.value == it.name => None,
        _ if it.component.is_empty() => None,
        _ => Some(it.component.clone()),
    }
}

const HOST_TRAITS: &[Trait] = &[
    Trait::Privileged,
    Trait::HostNetwork,
    Trait::HostPid,
    Trait::HostIpc,
    Trait::HostPath,
];

fn touches(kind: ItemKind) -> Option<&'static str> {
    match kind {
        K::HttpListener
        | K::GrpcServer
        | K::SocketListener
        | K::ListenFlag
        | K::Expose
        | K::ServicePort
        | K::ContainerPort
        | K::Route
        | K::GrpcService
        | K::WebhookHandler => Some("network"),
        K::EnvRead => Some("env"),
        K::ChildProcess => Some("child_processes"),
        K::KeyMaterial | K::Plugin | K::Stdin => Some("filesystem"),
        _ => None,
    }
}

fn components(
    items: &[DesignItem],
    programs: &BTreeMap<String, Evidence>,
    link: &Linker,
) -> Vec<Component> {
    let mut by_name: BTreeMap<String, Component> = BTreeMap::new();
    for it in items {
        let Some(name) = component_name(it) else {
            continue;
        };
        let kind = if matches!(it.kind, K::Workload | K::WorkloadSetting | K::ContainerPort) {
            ComponentKind::Workload
        } else if programs.contains_key(&name) || matches!(it.kind, K::Expose | K::ImageUser) {
            ComponentKind::Program
        } else {
            ComponentKind::Package
        };
        let c = by_name.entry(name.clone()).or_insert_with(|| Component {
            name: name.clone(),
            kind,
            zone: Zone::Process,
            entry_points: Vec::new(),
            touches: BTreeSet::new(),
            cite: programs
                .get(&name)
                .cloned()
                .unwrap_or_else(|| link.cite(it)),
            provenance: Provenance::Inferred,
        });
        if kind < c.kind {
            c.kind = kind;
        }
        if kind == ComponentKind::Workload && c.zone == Zone::Process {
            c.zone = Zone::Cluster;
        }
        if HOST_TRAITS.iter().any(|t| it.has(*t)) {
            c.zone = Zone::Host;
        }
        if let Some(t) = touches(it.kind) {
            c.touches.insert(t);
        }
    }
    for (name, e) in programs {
        by_name.entry(name.clone()).or_insert_with(|| Component {
            name: name.clone(),
            kind: ComponentKind::Program,
            zone: Zone::Process,
            entry_points: Vec::new(),
            touches: BTreeSet::new(),
            cite: e.clone(),
            provenance: Provenance::Inferred,
        });
    }
    by_name.into_values().collect()
}

fn entry_points(items: &[DesignItem], link: &Linker) -> Vec<EntryPoint> {
    let mut rows: Vec<(String, &DesignItem)> = items
        .iter()
        .filter_map(|it| component_name(it).map(|c| (c, it)))
        .filter(|(_, it)| describe(it).is_some())
        .collect();
    rows.sort_by(|a, b| {
        (&a.0, a.1.kind, &a.1.path, a.1.line).cmp(&(&b.0, b.1.kind, &b.1.path, b.1.line))
    });
    rows.into_iter()
        .enumerate()
        .filter_map(|(i, (component, it))| {
            let (what, accepts, controllable, condition) = describe(it)?;
            Some(EntryPoint {
                id: format!("EP{}", i + 1),
                component,
                kind: it.kind,
                what,
                accepts,
                controllable,
                condition,
                cite: link.cite(it),
                provenance: Provenance::Inferred,
            })
        })
        .collect()
}

fn boundaries(items: &[DesignItem], eps: &[EntryPoint], link: &Linker) -> Vec<Boundary> {
    let mut out = Vec::new();
    let b = |component: &str, boundary: String, pre: String, cite: Evidence| Boundary {
        component: component.to_owned(),
        boundary,
        precondition: pre,
        cite: Some(cite),
        provenance: Provenance::Inferred,
    };
    // Network clients to each component that listens.
    let mut seen = BTreeSet::new();
    for e in eps.iter().filter(|e| is_network(e.kind)) {
        if seen.insert(e.component.clone()) {
            let n = eps
                .iter()
                .filter(|o| o.component == e.component && is_network(o.kind))
                .count();
            out.push(b(
                &e.component,
                format!("network clients → {}", e.component),
                format!("a client reaches one of its {n} network entry point(s)"),
                e.cite.clone(),
            ));
        }
    }
    for it in items {
        let who = if it.name.is_empty() {
            it.component.clone()
        } else {
            it.name.clone()
        };
        let pushed = match it.kind {
            K::WorkloadSetting => HOST_TRAITS
                .iter()
                .chain([Trait::RunsAsRoot, Trait::PrivilegeEscalation].iter())
                .find(|t| it.has(**t))
                .map(|t| {
                    (
                        format!("container → node: {who} has {}", t.label()),
                        format!("code execution inside {who}"),
                    )
                }),
            K::ServicePort | K::ContainerPort => {
                [Trait::LoadBalancer, Trait::NodePort, Trait::HostPort]
                    .iter()
                    .find(|t| it.has(**t))
                    .map(|t| {
                        (
                            format!("outside the cluster → {who} ({})", t.label()),
                            "a client reaches the node or load balancer address".to_owned(),
                        )
                    })
            }
            K::ClusterRole | K::Role => {
                let risky: Vec<&str> = it
                    .traits
                    .iter()
                    .filter(|t| !matches!(t, Trait::ClusterScope | Trait::Helm))
                    .map(|t| t.label())
                    .collect();
                (!risky.is_empty()).then(|| {
                    let scope = if it.kind == K::ClusterRole {
                        "namespace → cluster"
                    } else {
                        "service account → namespace"
                    };
                    (
                        format!(
                            "{scope}: {} {who} grants {} ({})",
                            if it.kind == K::ClusterRole {
                                "ClusterRole"
                            } else {
                                "Role"
                            },
                            risky.join(", "),
                            it.value
                        ),
                        format!("a token of a service account bound to {who}"),
                    )
                })
            }
            K::Webhook => Some((
                format!(
                    "API server → webhook: {}",
                    describe(it).map(|d| d.0).unwrap_or_default()
                ),
                "the API server calls it for matching requests".to_owned(),
            )),
            K::CustomResource if it.has(Trait::ClusterScope) => Some((
                format!("tenant → cluster: {who} is cluster-scoped"),
                "a user allowed to create it, in any namespace's name".to_owned(),
            )),
            K::Plugin => Some((
                format!("plugin → {} process", it.component),
                "a plugin placed where the program loads it".to_owned(),
            )),
            _ => None,
        };
        if let Some((boundary, pre)) = pushed {
            let component = if matches!(it.kind, K::ClusterRole | K::Role) {
                who.clone()
            } else {
                component_name(it).unwrap_or(who)
            };
            out.push(b(&component, boundary, pre, link.cite(it)));
        }
    }
    // The local operator to each component reading its environment or standard input.
    let mut seen = BTreeSet::new();
    for e in eps
        .iter()
        .filter(|e| matches!(e.kind, K::EnvRead | K::Stdin))
    {
        if seen.insert(e.component.clone()) {
            out.push(b(
                &e.component,
                format!(
                    "local operator → {} (environment, standard input)",
                    e.component
                ),
                "control of the process's environment or input".to_owned(),
                e.cite.clone(),
            ));
        }
    }
    // Several lines can make one boundary (hostPath volumes of one workload): keep the
    // first, and say how many lines show it.
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for x in &out {
        *counts
            .entry((x.component.clone(), x.boundary.clone()))
            .or_default() += 1;
    }
    let mut kept = BTreeSet::new();
    out.retain(|x| kept.insert((x.component.clone(), x.boundary.clone())));
    for x in &mut out {
        let n = counts
            .get(&(x.component.clone(), x.boundary.clone()))
            .copied()
            .unwrap_or(1);
        if n > 1 {
            x.precondition = format!("{} ({n} lines show it; the first is cited)", x.precondition);
        }
    }
    out
}

pub(crate) fn is_network(kind: ItemKind) -> bool {
    matches!(
        kind,
        K::HttpListener
            | K::GrpcServer
            | K::SocketListener
            | K::Expose
            | K::ServicePort
            | K::ContainerPort
            | K::Route
            | K::GrpcService
            | K::WebhookHandler
    )
}

fn permissions(items: &[DesignItem], link: &Linker) -> Vec<Permission> {
    items
        .iter()
        .filter(|it| match it.kind {
            K::ClusterRole | K::Role => it
                .traits
                .iter()
                .any(|t| !matches!(t, Trait::ClusterScope | Trait::Helm)),
            K::Binding => true,
            _ => false,
        })
        .map(|it| Permission {
            role: it.name.clone(),
            kind: match it.kind {
                K::ClusterRole => "ClusterRole".into(),
                K::Role => "Role".into(),
                _ => {
                    if it.has(Trait::ClusterScope) {
                        "ClusterRoleBinding".into()
                    } else {
                        "RoleBinding".into()
                    }
                }
            },
            what: if it.kind == K::Binding {
                format!("grants {}", it.value)
            } else {
                it.value.clone()
            },
            flags: it
                .traits
                .iter()
                .filter(|t| **t != Trait::Helm)
                .map(|t| t.label())
                .collect(),
            cite: link.cite(it),
        })
        .collect()
}

fn assets(items: &[DesignItem], link: &Linker) -> Vec<Asset> {
    items
        .iter()
        .filter_map(|it| {
            let what = match it.kind {
                K::KeyMaterial => "TLS key pair or private key loaded".to_owned(),
                K::SecretAccess => format!(
                    "Kubernetes Secrets ({})",
                    if it.value.is_empty() {
                        "read"
                    } else {
                        &it.value
                    }
                ),
                K::KeyService => "client of a key management service".to_owned(),
                K::ClusterRole | K::Role if it.has(Trait::Secrets) => {
                    format!("Kubernetes Secrets granted by {} ({})", it.name, it.value)
                }
                _ => return None,
            };
            Some(Asset {
                component: if matches!(it.kind, K::ClusterRole | K::Role) {
                    it.name.clone()
                } else {
                    it.component.clone()
                },
                what,
                cite: link.cite(it),
                provenance: Provenance::Inferred,
            })
        })
        .collect()
}
