//! The fixture service both threat-model test files use: a Go server with routes, flags
//! and a gRPC service, an admission webhook, a `ClusterRole` with wildcard verbs and Secrets
//! access, and a Helm chart with a privileged `DaemonSet` behind a `LoadBalancer`. Tests,
//! examples and vendored code carry listeners that must not appear.

#![allow(dead_code)]

use std::fs;
use std::path::Path;
use std::process::Command;

use assay_standards::threat_model::{self as tm, ThreatModel};

pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, text).expect("write");
}

pub fn git(root: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada Author")
        .env("GIT_AUTHOR_EMAIL", "ada@example.org")
        .env("GIT_COMMITTER_NAME", "Ada Author")
        .env("GIT_COMMITTER_EMAIL", "ada@example.org")
        .env("GIT_AUTHOR_DATE", "2025-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2025-01-01T00:00:00Z")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub const MAIN_GO: &str = r#"package main

import (
	"flag"
	"net/http"
	"os"

	"google.golang.org/grpc"
)

func main() {
	addr := flag.String("listen-address", ":8080", "where the API listens")
	token := os.Getenv("WIDGET_API_TOKEN")
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/widgets", listWidgets)
	mux.HandleFunc("/debug/pprof/", pprofIndex)
	s := grpc.NewServer()
	pb.RegisterWidgetsServer(s, &server{token: token})
	http.ListenAndServe(*addr, mux)
}
"#;

pub const WEBHOOK: &str = "apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: widget-validator
webhooks:
- name: vwidget.example.io
  failurePolicy: Fail
  clientConfig:
    service:
      name: widget-webhook
      path: /validate-widget
";

pub const ROLE: &str = "apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widget-manager
rules:
- apiGroups: [\"\"]
  resources: [\"secrets\"]
  verbs: [\"get\", \"list\", \"watch\"]
- apiGroups: [\"example.io\"]
  resources: [\"widgets\"]
  verbs: [\"*\"]
";

pub const DAEMONSET: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ include \"widget.fullname\" . }}-agent
spec:
  template:
    spec:
      hostNetwork: true
      serviceAccountName: widget-agent
      containers:
      - name: agent
        securityContext:
          privileged: true
        ports:
        - containerPort: 9443
---
apiVersion: v1
kind: Service
metadata:
  name: widget-api
spec:
  type: LoadBalancer
  ports:
  - port: 443
";

/// The fixture service, committed; returns its directory.
pub fn service() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(
        root,
        "README.md",
        "# widget\n\nWidget serves widgets to clusters over HTTP and gRPC.\n",
    );
    write(
        root,
        "SECURITY.md",
        "# Security\n\nReport issues to security@example.org.\n\nAttacks by cluster administrators are out of scope for widget.\n",
    );
    write(root, "cmd/widget/main.go", MAIN_GO);
    write(
        root,
        "cmd/widget/main_test.go",
        "package main\n\nfunc TestX() { http.ListenAndServe(\":1\", nil) }\n",
    );
    write(
        root,
        "examples/demo/main.go",
        "package main\n\nfunc main() { http.ListenAndServe(\":2\", nil) }\n",
    );
    write(
        root,
        "vendor/github.com/x/y/y.go",
        "package y\n\nfunc Y() { http.ListenAndServe(\":3\", nil) }\n",
    );
    write(root, "config/webhook/manifests.yaml", WEBHOOK);
    write(root, "config/rbac/role.yaml", ROLE);
    write(
        root,
        "charts/widget/Chart.yaml",
        "apiVersion: v2\nname: widget\nversion: 0.1.0\n",
    );
    write(root, "charts/widget/templates/agent.yaml", DAEMONSET);
    write(
        root,
        "Dockerfile",
        "FROM scratch\nEXPOSE 8080\nUSER 65532\n",
    );
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "--no-verify", "-m", "widget"]);
    dir
}

pub fn seed(root: &Path) -> ThreatModel {
    let snapshot = assay_scan::Snapshot::open(root, false).expect("snapshot");
    let catalog = assay_scan::Catalog::builtin().expect("catalog");
    let opts = assay_scan::ScanOptions {
        no_history: true,
        ..Default::default()
    };
    let report = assay_scan::scan_snapshot(&snapshot, &catalog, ".", &opts);
    tm::build(
        &report,
        "widget",
        assay_scan::design::commit_date(&snapshot),
    )
}
