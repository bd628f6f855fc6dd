//! The threat-model seed of the fixture service (see `threat_model_fixture`): what it
//! lists, what it cites, what it asks, and how its diagram scales.

mod threat_model_fixture;

use std::fs;
use std::path::Path;

use assay_model::design::ItemKind;
use assay_standards::threat_model::{self as tm, Controllable, Zone, diagram};
use threat_model_fixture::{MAIN_GO, seed, service, write};

fn line_of(root: &Path, path: &str, line: Option<u32>) -> String {
    let text = fs::read_to_string(root.join(path)).expect("cited file exists");
    let n = line.expect("cited with a line") as usize;
    text.lines()
        .nth(n - 1)
        .expect("cited line exists")
        .trim()
        .to_owned()
}

#[test]
fn entry_points_are_the_services_and_each_cites_its_line() {
    let dir = service();
    let model = seed(dir.path());
    let whats: Vec<&str> = model.entry_points.iter().map(|e| e.what.as_str()).collect();
    for expected in [
        "HTTP server on *addr",
        "gRPC server",
        "gRPC service Widgets",
        "HTTP route /api/v1/widgets",
        "HTTP route /debug/pprof/",
        "flag listen-address (default :8080)",
        "environment variable WIDGET_API_TOKEN",
        "admission webhook /validate-widget",
        "Service widget-api of type LoadBalancer",
        "port 8080 declared by the image",
    ] {
        assert!(
            whats.contains(&expected),
            "{expected} missing from {whats:#?}"
        );
    }
    for e in &model.entry_points {
        assert!(
            !e.cite.path.ends_with("_test.go")
                && !e.cite.path.starts_with("examples/")
                && !e.cite.path.starts_with("vendor/"),
            "{} cites {}",
            e.what,
            e.cite.path
        );
        // The cited line says what the entry point says.
        let line = line_of(dir.path(), &e.cite.path, e.cite.line);
        assert_eq!(Some(line.as_str()), e.cite.excerpt.as_deref(), "{}", e.what);
    }
    let http = model
        .entry_points
        .iter()
        .find(|e| e.kind == ItemKind::HttpListener)
        .expect("listener");
    assert_eq!(http.controllable, Controllable::Conditional);
    assert!(
        !http.condition.is_empty(),
        "a conditional entry point says on what"
    );
}

#[test]
fn boundaries_name_privilege_wildcards_and_exposure() {
    let dir = service();
    let model = seed(dir.path());
    let text: Vec<String> = model
        .boundaries
        .iter()
        .map(|b| b.boundary.clone())
        .collect();
    let has = |s: &str| text.iter().any(|b| b.contains(s));
    assert!(
        has("container → node") && has("privileged container"),
        "{text:#?}"
    );
    assert!(has("host network"), "{text:#?}");
    assert!(
        has("ClusterRole widget-manager grants wildcard verbs"),
        "{text:#?}"
    );
    assert!(
        has("ClusterRole widget-manager grants Secrets access"),
        "{text:#?}"
    );
    assert!(
        has("outside the cluster → widget-api (LoadBalancer Service)"),
        "{text:#?}"
    );
    assert!(has("API server → webhook"), "{text:#?}");
    assert!(has("network clients → widget"), "{text:#?}");
    let agent = model
        .components
        .iter()
        .find(|c| c.name == "agent")
        .expect("agent workload");
    assert_eq!(agent.zone, Zone::Host);
    assert!(model.assets.iter().any(|a| {
        a.what
            .contains("Kubernetes Secrets granted by widget-manager")
    }));
    assert!(
        model
            .scope_notes
            .iter()
            .any(|n| n.cite.path == "SECURITY.md" && n.cite.line == Some(5))
    );
}

#[test]
fn questions_are_specific_and_propose_an_answer() {
    let dir = service();
    let model = seed(dir.path());
    assert!(!model.questions.is_empty());
    for q in &model.questions {
        assert!(!q.proposed.is_empty(), "{} proposes nothing", q.id);
        assert!(!q.stride.is_empty());
    }
    let texts: Vec<&str> = model.questions.iter().map(|q| q.text.as_str()).collect();
    let asks = |s: &str| texts.iter().any(|t| t.contains(s));
    assert!(
        asks("The HTTP server(s) of widget at cmd/widget/main.go:19"),
        "{texts:#?}"
    );
    assert!(
        asks("Flag listen-address of widget defaults to :8080"),
        "{texts:#?}"
    );
    assert!(
        asks(
            "The webhook /validate-widget (config/webhook/manifests.yaml:11) decodes review requests"
        ),
        "{texts:#?}"
    );
    assert!(asks("widget-manager grants Secrets access"), "{texts:#?}");
    assert!(asks("registers debug handlers /debug/pprof/"), "{texts:#?}");
}

#[test]
fn the_seed_is_the_same_on_every_run() {
    let dir = service();
    let a =
        serde_json::to_string(&tm::to_schema_json(&seed(dir.path())).expect("json")).expect("text");
    let b =
        serde_json::to_string(&tm::to_schema_json(&seed(dir.path())).expect("json")).expect("text");
    assert_eq!(a, b);
}

#[test]
fn json_report_snapshot() {
    let dir = service();
    let value = tm::to_schema_json(&seed(dir.path())).expect("json");
    insta::assert_json_snapshot!("widget_threat_model", value);
}

#[test]
fn a_plain_directory_has_no_commit_for_the_json_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "main.go", MAIN_GO);
    let model = seed(dir.path());
    assert!(!model.entry_points.is_empty());
    let err = tm::to_schema_json(&model).expect_err("no commit");
    assert!(err.to_string().contains("not a git repository"), "{err}");
}

#[test]
fn diagram_stays_readable_for_three_and_thirty_components() {
    let dir = service();
    let small = seed(dir.path());
    let g = diagram::graph(&small);
    let nodes: usize = g.groups.iter().map(|g| g.nodes.len()).sum();
    assert!((3..=diagram::MAX_NODES).contains(&nodes), "{nodes}");
    assert!(g.left_out.is_empty());
    let mm = diagram::mermaid(&g);
    assert!(mm.starts_with("flowchart LR\n"));
    assert!(
        mm.contains("subgraph z_host[\"Node access (privileged or host namespaces)\"]"),
        "{mm}"
    );

    let mut big = small.clone();
    let template = big.components[0].clone();
    let entry = big.entry_points[0].clone();
    for i in 0..30 {
        let mut c = template.clone();
        c.name = format!("service-{i:02}");
        c.zone = Zone::Process;
        big.components.push(c);
        let mut e = entry.clone();
        e.id = format!("X{i}");
        e.component = format!("service-{i:02}");
        big.entry_points.push(e);
    }
    let g = diagram::graph(&big);
    let nodes: usize = g.groups.iter().map(|g| g.nodes.len()).sum();
    assert!(
        nodes <= diagram::MAX_NODES + 3,
        "{nodes} nodes for 30+ components"
    );
    assert!(!g.left_out.is_empty());
    let caption = diagram::caption(&g).expect("says what was left out");
    assert!(
        caption.contains(&format!("{} more are merged", g.left_out.len())),
        "{caption}"
    );
    let svg = diagram::svg(&g);
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
}

#[test]
fn hostile_names_are_escaped_in_mermaid_and_svg() {
    let dir = service();
    let mut model = seed(dir.path());
    model.components[0].name = "x\"]; click c1 \"javascript:alert(1)\" <script>`".into();
    let name = model.components[0].name.clone();
    for e in &mut model.entry_points {
        if e.component == model.components[1].name {
            e.component = name.clone();
        }
    }
    model.components[1].name = name;
    let g = diagram::graph(&model);
    let mm = diagram::mermaid(&g);
    assert!(!mm.contains("\"];"), "{mm}");
    assert!(!mm.contains('<') || !mm.contains("<script"), "{mm}");
    assert!(!mm.contains('`'));
    let svg = diagram::svg(&g);
    assert!(!svg.contains("<script"), "{svg}");
    assert!(
        svg.contains("&lt;script&gt;") || svg.contains("&quot;"),
        "{svg}"
    );
}

#[test]
fn code_call_sites_stay_apart_and_manifest_copies_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let serve = "package main\n\nfunc run() { http.ListenAndServe(addr, nil) }\n";
    write(dir.path(), "cmd/api/one.go", serve);
    write(dir.path(), "cmd/api/two.go", serve);
    let role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"get\"]\n";
    write(dir.path(), "charts/x/templates/role.yaml", role);
    write(dir.path(), "deploy/rendered-aws.yaml", role);
    write(dir.path(), "deploy/rendered-gcp.yaml", role);
    let model = seed(dir.path());
    let servers: Vec<&str> = model
        .entry_points
        .iter()
        .filter(|e| e.kind == ItemKind::HttpListener)
        .map(|e| e.cite.path.as_str())
        .collect();
    assert_eq!(servers, ["cmd/api/one.go", "cmd/api/two.go"]);
    let secrets: Vec<&str> = model
        .permissions
        .iter()
        .filter(|p| p.kind == "ClusterRole")
        .map(|p| p.cite.path.as_str())
        .collect();
    // The chart's template is cited; the rendered copies say the same.
    assert_eq!(secrets, ["charts/x/templates/role.yaml"]);
}
