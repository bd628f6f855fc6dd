//! Design facts for the threat-model seed: what each program exposes (listeners, routes,
//! ports, webhooks), what it runs as (workloads, service accounts, RBAC rules), what it
//! reads from its surroundings (environment, standard input, plugins) and which keys and
//! secrets it handles. Every fact is one [`DesignItem`] cited at the line that shows it.
//!
//! The files come from the scan's one pass over the index and its bounded reads; tests,
//! examples, test helpers and third-party trees are not read.

mod code;
mod docker;
mod docs;
mod kube;

use std::collections::BTreeMap;

use assay_model::design::{DesignItem, ItemKind};
use assay_model::vocabulary::{self as v, FindingKind};
use assay_model::{Evidence, Finding, Status, clean_excerpt, detail};
use rayon::prelude::*;

use crate::Context;
use crate::catalog::Catalog;
use crate::detect::{Detector, MAX_EVIDENCE, is_foreign};
use crate::snapshot::{EntryKind, FileEntry};

/// Files larger than this are not scanned for design facts (generated code, bundles).
const MAX_FILE: u64 = 2 * 1024 * 1024;
/// Items kept per finding; `items_total` keeps the count.
const MAX_ITEMS: usize = 400;

pub struct Design;

/// Which reader handles a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Go,
    Rust,
    Python,
    Dockerfile,
    Manifest,
    SecurityDoc,
}

/// Path parts that mark tests, examples, test helpers and documentation.
fn is_not_product(path: &str) -> bool {
    path.split('/').any(|c| {
        // Go test-helper packages: `storagetest`, `snapshottest`, `e2etesting`.
        c.ends_with("test")
            || c.ends_with("testing")
            || matches!(
                c,
                "test"
                    | "tests"
                    | "testing"
                    | "e2e"
                    | "testutil"
                    | "testutils"
                    | "testhelper"
                    | "testhelpers"
                    | "fake"
                    | "fakes"
                    | "mock"
                    | "mocks"
                    | "example"
                    | "examples"
                    | "_examples"
                    | "sample"
                    | "samples"
                    | "hack"
                    | "integration"
                    | "scripts"
                    | "tools"
                    | "docs"
                    | "doc"
                    | "website"
                    | "benches"
                    | "bench"
                    | ".github"
            )
    })
}

fn source_of(path: &str) -> Option<Source> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if let Some(stem) = name.strip_suffix(".go") {
        let generated = stem.ends_with("_test")
            || stem.ends_with(".pb")
            || stem.ends_with(".pb.gw")
            || stem.ends_with("_grpc.pb")
            || stem.starts_with("zz_generated")
            || stem.ends_with("_mock")
            || stem.starts_with("mock_")
            || stem.ends_with("_fake");
        return (!generated).then_some(Source::Go);
    }
    if name.ends_with(".rs") {
        return Some(Source::Rust);
    }
    if name.ends_with(".py") {
        let test = name.starts_with("test_") || name.ends_with("_test.py") || name == "conftest.py";
        return (!test).then_some(Source::Python);
    }
    if name == "Dockerfile"
        || name.starts_with("Dockerfile.")
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
        || name == "Containerfile"
    {
        return Some(Source::Dockerfile);
    }
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        return Some(Source::Manifest);
    }
    None
}

fn wanted(entry: &FileEntry) -> Option<Source> {
    if entry.kind != EntryKind::File
        || entry.size.is_none_or(|s| s > MAX_FILE)
        || is_foreign(&entry.path)
    {
        return None;
    }
    if docs::is_security_doc(&entry.path) {
        return Some(Source::SecurityDoc);
    }
    if is_not_product(&entry.path) {
        return None;
    }
    source_of(&entry.path)
}

/// The program or folder a source file belongs to: `cmd/<name>/…` gives `<name>`;
/// otherwise the first folder (two for `pkg/`, `internal/`, `src/`, `crates/`).
pub(crate) fn component_of(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    if let Some(i) = parts.iter().position(|p| *p == "cmd")
        && i + 2 < parts.len()
    {
        // `cmd/internal/…` is shared code of the programs, not a program.
        return match parts[i + 1] {
            "internal" | "pkg" | "common" | "util" => format!("cmd/{}", parts[i + 1]),
            name => name.to_owned(),
        };
    }
    match parts.as_slice() {
        [_file] => "root package".to_owned(),
        [first, second, _, ..]
            if matches!(
                *first,
                "pkg" | "internal" | "src" | "crates" | "lib" | "app"
            ) =>
        {
            format!("{first}/{second}")
        }
        [first, ..] => (*first).to_owned(),
        [] => String::new(),
    }
}

/// A cleaned excerpt for an item.
pub(crate) fn item(kind: ItemKind, path: &str, line: usize, text: &str) -> DesignItem {
    DesignItem {
        kind,
        path: path.to_owned(),
        line: u32::try_from(line + 1).unwrap_or(u32::MAX),
        excerpt: clean_excerpt(text),
        name: String::new(),
        value: String::new(),
        component: component_of(path),
        traits: Vec::new(),
    }
}

/// The finding each kind of item is reported under.
fn finding_of(kind: ItemKind) -> &'static FindingKind {
    use ItemKind as K;
    match kind {
        K::HttpListener
        | K::GrpcServer
        | K::SocketListener
        | K::ListenFlag
        | K::Expose
        | K::ServicePort
        | K::ContainerPort => &v::DESIGN_LISTENERS,
        K::Route | K::GrpcService => &v::DESIGN_ROUTES,
        K::Workload | K::WorkloadSetting | K::ServiceAccount | K::ImageUser => &v::DESIGN_WORKLOADS,
        K::ClusterRole | K::Role | K::Binding => &v::DESIGN_PERMISSIONS,
        K::Webhook | K::WebhookHandler | K::CustomResource | K::Controller | K::Plugin => {
            &v::DESIGN_EXTENSION_POINTS
        }
        K::EnvRead | K::Stdin | K::ChildProcess => &v::DESIGN_LOCAL_INPUTS,
        K::KeyMaterial | K::SecretAccess | K::KeyService => &v::DESIGN_SECRETS,
        K::ScopeStatement => &v::DESIGN_SCOPE_STATEMENTS,
    }
}

/// Every design item of the files the scan read, sorted by kind, path and line.
pub fn items(cx: &Context) -> Vec<DesignItem> {
    let files: Vec<(&str, Source)> = cx
        .snapshot
        .files()
        .iter()
        .filter(|e| !cx.third_party.contains(&e.path))
        .filter_map(|e| wanted(e).map(|s| (e.path.as_str(), s)))
        .collect();
    let mut out: Vec<DesignItem> = files
        .par_iter()
        .flat_map_iter(|(path, source)| {
            let Some(text) = cx.text(path) else {
                return Vec::new();
            };
            match source {
                Source::Go => code::go(path, text),
                Source::Rust => code::rust(path, text),
                Source::Python => code::python(path, text),
                Source::Dockerfile => docker::items(path, text),
                Source::Manifest => kube::items(path, text),
                Source::SecurityDoc => docs::items(path, text),
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The date (UTC, `YYYY-MM-DD`) of the scanned commit: what a threat model records as
/// the day it describes, so the same commit always gives the same report.
pub fn commit_date(snapshot: &crate::Snapshot) -> Option<String> {
    let repo = snapshot.history_repo()?.to_thread_local();
    let id = gix::ObjectId::from_hex(snapshot.commit()?.as_bytes()).ok()?;
    let commit = repo.find_object(id).ok()?.try_into_commit().ok()?;
    let seconds = commit.time().ok()?.seconds;
    Some(crate::history::date(seconds))
}

impl Detector for Design {
    fn name(&self) -> &'static str {
        "design"
    }

    fn doc(&self) -> &'static str {
        "Collects the facts a threat model starts from, each cited at its line. Go: servers \
         started with net/http (ListenAndServe, Serve), net.Listen and tls.Listen, \
         grpc.NewServer and RegisterXServer calls, routes with a literal path on net/http, \
         gorilla/mux, gin, echo and chi routers, flags whose name carries an address or port \
         (flag, pflag/cobra, kingpin) with their default, os.Getenv/LookupEnv, standard input, \
         exec.Command, plugin.Open and go-plugin clients, TLS key pairs and private keys, \
         client-go Secrets calls, KMS and Vault clients, controller-runtime controllers and \
         webhooks. Rust: axum, actix-web, hyper and tonic servers and routes, TcpListener, \
         env::var, stdin, Command::new, libloading and wasmtime modules. Python: flask and \
         fastapi route decorators, django path(), app.run/uvicorn, os.environ, sys.stdin, \
         subprocess. Dockerfiles: EXPOSE and USER. Kubernetes manifests and Helm templates: \
         workloads with privileged, host-namespace, hostPath, hostPort, root and \
         privilege-escalation settings, service accounts, Services (LoadBalancer, NodePort), \
         ClusterRoles and Roles (wildcards, Secrets, escalate/bind/impersonate) and their \
         bindings, admission and conversion webhooks, CustomResourceDefinitions. SECURITY.md, \
         threat-model and security documents: sentences that put something out of scope, \
         disclaim a protection or say what is trusted. Not read: \
         _test.go and other test files, examples, samples, test helpers and fakes, hack/, \
         docs, generated Go (*.pb.go, zz_generated*), and third-party trees."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        wanted(entry).is_some()
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut grouped: BTreeMap<&'static str, (&'static FindingKind, Vec<DesignItem>)> =
            BTreeMap::new();
        for it in items(cx) {
            let kind = finding_of(it.kind);
            grouped
                .entry(kind.id)
                .or_insert((kind, Vec::new()))
                .1
                .push(it);
        }
        grouped
            .into_values()
            .map(|(kind, items)| finding(kind, items))
            .collect()
    }
}

fn finding(kind: &'static FindingKind, mut items: Vec<DesignItem>) -> Finding {
    let total = items.len();
    let mut per_kind: BTreeMap<ItemKind, usize> = BTreeMap::new();
    for it in &items {
        *per_kind.entry(it.kind).or_default() += 1;
    }
    let summary: Vec<String> = per_kind
        .iter()
        .map(|(k, n)| format!("{n} {}", k.label()))
        .collect();
    let mut f = Finding::of(
        kind,
        kind.id.trim_start_matches("design."),
        format!("{}: {}", kind.title, summary.join(", ")),
        Status::Present,
    );
    // Evidence: the first items of each kind in turn, so every kind is cited.
    let mut evidence = Vec::new();
    for round in 0..MAX_EVIDENCE {
        for k in per_kind.keys() {
            if let Some(it) = items.iter().filter(|i| i.kind == *k).nth(round) {
                evidence.push(Evidence::at(it.path.clone(), it.line, &it.excerpt));
            }
        }
        if evidence.len() >= MAX_EVIDENCE {
            break;
        }
    }
    evidence.truncate(MAX_EVIDENCE);
    f.evidence = evidence;
    if total > MAX_ITEMS {
        items.truncate(MAX_ITEMS);
    }
    f = f
        .with_detail(
            detail::ITEMS,
            serde_json::to_value(&items).unwrap_or_default(),
        )
        .with_detail(detail::ITEMS_TOTAL, total)
        .with_detail(detail::EVIDENCE_TOTAL, total);
    f.normalize();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_follow_cmd_folders_and_top_folders() {
        assert_eq!(component_of("cmd/query/app/server.go"), "query");
        assert_eq!(component_of("cmd/agent/main.go"), "agent");
        assert_eq!(component_of("pkg/webhook/server.go"), "pkg/webhook");
        assert_eq!(component_of("plugin/storage/x.go"), "plugin");
        assert_eq!(component_of("main.go"), "root package");
        assert_eq!(component_of("cmd/internal/flags/admin.go"), "cmd/internal");
    }

    #[test]
    fn tests_examples_and_generated_code_are_not_read() {
        assert_eq!(source_of("pkg/a/server_test.go"), None);
        assert_eq!(source_of("api/v1/api.pb.go"), None);
        assert!(is_not_product("examples/hotrod/main.go"));
        assert!(is_not_product("test/e2e/x.go"));
        assert!(!is_not_product("cmd/query/main.go"));
        assert_eq!(
            source_of("deploy/chart/templates/d.yaml"),
            Some(Source::Manifest)
        );
    }
}
