//! Kubernetes manifests and Helm templates, read line by line (templates are not valid
//! YAML until rendered): workloads and their security settings, Services, service
//! accounts, RBAC rules and bindings, webhooks and custom resources.

use assay_model::design::{DesignItem, ItemKind, Trait};

use super::item;

use ItemKind as K;

const WORKLOADS: &[&str] = &[
    "Deployment",
    "DaemonSet",
    "StatefulSet",
    "ReplicaSet",
    "Job",
    "CronJob",
    "Pod",
];

/// One manifest line broken into key and value (`- key: value` included).
struct Line<'a> {
    n: usize,
    text: &'a str,
    indent: usize,
    dash: bool,
    key: Option<&'a str>,
    value: &'a str,
}

/// A key of a mapping: a letter, then letters, digits, `_`, `.` or `-`, then `:` and a
/// space or the end. Written by hand: manifests run to megabytes, and this runs per line.
fn split_key(s: &str) -> Option<(&str, &str)> {
    let colon = s.find(':')?;
    let key = &s[..colon];
    let rest = &s[colon + 1..];
    let valid = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    (valid && (rest.is_empty() || rest.starts_with([' ', '\t']))).then_some((key, rest.trim()))
}

fn parse_line(n: usize, text: &str) -> Line<'_> {
    let body = text.trim_start_matches([' ', '\t']);
    let lead = text.len() - body.len();
    let (dash, body, indent) = match body.strip_prefix('-') {
        Some(after) if after.is_empty() || after.starts_with([' ', '\t']) => {
            let item = after.trim_start_matches([' ', '\t']);
            (true, item, lead + 1 + (after.len() - item.len()))
        }
        _ => (false, body, lead),
    };
    match split_key(body.trim_end()) {
        Some((key, value)) => Line {
            n,
            text,
            indent: if dash { indent } else { lead },
            dash,
            key: Some(key),
            value: unquote(value),
        },
        None => Line {
            n,
            text,
            indent: lead,
            dash,
            key: None,
            value: unquote(body.trim_end()),
        },
    }
}

fn unquote(v: &str) -> &str {
    let v = v.split(" #").next().unwrap_or(v).trim();
    v.trim_matches(|c| c == '"' || c == '\'')
}

/// Every manifest document in the file.
pub(super) fn items(path: &str, text: &str) -> Vec<DesignItem> {
    if !text.contains("kind:") {
        return Vec::new();
    }
    let helm = path.contains("/templates/") || text.contains("{{");
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#')
        })
        .map(|(n, l)| parse_line(n, l))
        .collect();
    let mut out = Vec::new();
    for doc in lines.split(|l| l.text.trim_end() == "---" || l.text.starts_with("--- ")) {
        document(path, doc, &mut out);
    }
    if helm {
        for it in &mut out {
            it.traits.push(Trait::Helm);
        }
    }
    out
}

fn top<'a>(doc: &'a [Line<'a>], key: &str) -> Option<&'a Line<'a>> {
    doc.iter()
        .find(|l| l.indent == 0 && !l.dash && l.key == Some(key))
}

/// A Helm-templated name without its template expressions (`{{ include "x" . }}-agent`
/// gives `agent`), or the template file's stem when nothing else is left.
fn readable_name(name: &str, path: &str) -> String {
    if !name.contains("{{") {
        return name.to_owned();
    }
    let mut out = String::new();
    let mut rest = name;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("}}")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let out = out.trim_matches(|c: char| c == '-' || c == '.' || c.is_whitespace());
    if out.is_empty() {
        // `templates/admission-controller/deployment.yaml` gives
        // `admission-controller/deployment`.
        let mut parts = path.rsplit('/');
        let file = parts.next().unwrap_or(path);
        let stem = file.split('.').next().unwrap_or(file);
        match parts.next() {
            Some(dir) if dir != "templates" => format!("{dir}/{stem}"),
            _ => stem.to_owned(),
        }
    } else {
        out.to_owned()
    }
}

/// The first `name:` directly under the top-level `metadata:`.
fn metadata_name(doc: &[Line]) -> String {
    let Some(start) = doc
        .iter()
        .position(|l| l.indent == 0 && l.key == Some("metadata"))
    else {
        return String::new();
    };
    let children: Vec<&Line> = doc[start + 1..]
        .iter()
        .take_while(|l| l.indent > 0 || l.text.trim_start().starts_with("{{"))
        .collect();
    let level = children.iter().map(|l| l.indent).min().unwrap_or(0);
    children
        .iter()
        .find(|l| l.indent == level && l.key == Some("name"))
        .map(|l| l.value.to_owned())
        .unwrap_or_default()
}

fn document(path: &str, doc: &[Line], out: &mut Vec<DesignItem>) {
    let (Some(kind_line), Some(_)) = (top(doc, "kind"), top(doc, "apiVersion")) else {
        return;
    };
    let kind = kind_line.value;
    let name = readable_name(&metadata_name(doc), path);
    let base = |k: ItemKind, l: &Line, value: &str| {
        let mut it = item(k, path, l.n, l.text);
        it.name.clone_from(&name);
        value.clone_into(&mut it.value);
        if !name.is_empty() {
            it.component.clone_from(&name);
        }
        it
    };
    match kind {
        k if WORKLOADS.contains(&k) => {
            out.push(base(K::Workload, kind_line, kind));
            workload(doc, &base, out);
        }
        "Service" => {
            for l in doc {
                match (l.key, l.value) {
                    (Some("type"), "LoadBalancer") => {
                        let mut it = base(K::ServicePort, l, "type LoadBalancer");
                        it.traits.push(Trait::LoadBalancer);
                        out.push(it);
                    }
                    (Some("type"), "NodePort") | (Some("nodePort"), _) => {
                        let mut it = base(K::ServicePort, l, l.value);
                        it.traits.push(Trait::NodePort);
                        out.push(it);
                    }
                    (Some("port"), v) if !v.is_empty() => out.push(base(K::ServicePort, l, v)),
                    _ => {}
                }
            }
        }
        "ServiceAccount" => out.push(base(K::ServiceAccount, kind_line, &name)),
        "ClusterRole" | "Role" => {
            let k = if kind == "Role" {
                K::Role
            } else {
                K::ClusterRole
            };
            let mut it = base(k, kind_line, kind);
            if k == K::ClusterRole {
                it.traits.push(Trait::ClusterScope);
            }
            out.push(it);
            for mut it in rules(doc, &base, k) {
                if k == K::ClusterRole {
                    it.traits.push(Trait::ClusterScope);
                }
                out.push(it);
            }
        }
        "ClusterRoleBinding" | "RoleBinding" => {
            let role = doc
                .iter()
                .position(|l| l.indent == 0 && l.key == Some("roleRef"))
                .and_then(|i| {
                    doc[i + 1..]
                        .iter()
                        .take_while(|l| l.indent > 0)
                        .find(|l| l.key == Some("name"))
                });
            if let Some(l) = role {
                let mut it = base(K::Binding, l, l.value);
                if kind == "ClusterRoleBinding" {
                    it.traits.push(Trait::ClusterScope);
                }
                out.push(it);
            }
        }
        "ValidatingWebhookConfiguration" | "MutatingWebhookConfiguration" => {
            out.push(base(K::Webhook, kind_line, kind));
            for l in doc
                .iter()
                .filter(|l| l.key == Some("path") && l.value.starts_with('/'))
            {
                let mut it = base(K::Webhook, l, kind);
                l.value.clone_into(&mut it.name);
                out.push(it);
            }
        }
        "CustomResourceDefinition" => {
            match doc.iter().find(|l| l.key == Some("scope")) {
                Some(l) => {
                    let mut it = base(K::CustomResource, l, l.value);
                    if l.value == "Cluster" {
                        it.traits.push(Trait::ClusterScope);
                    }
                    out.push(it);
                }
                None => out.push(base(K::CustomResource, kind_line, "")),
            }
            if let Some(l) = doc
                .iter()
                .find(|l| l.key == Some("strategy") && l.value == "Webhook")
            {
                out.push(base(K::Webhook, l, "conversion"));
            }
        }
        _ => {}
    }
}

fn workload(
    doc: &[Line],
    base: &dyn Fn(ItemKind, &Line, &str) -> DesignItem,
    out: &mut Vec<DesignItem>,
) {
    for (i, l) in doc.iter().enumerate() {
        let Some(key) = l.key else { continue };
        let setting = match (key, l.value) {
            ("privileged", "true") => Some(Trait::Privileged),
            ("hostNetwork", "true") => Some(Trait::HostNetwork),
            ("hostPID", "true") => Some(Trait::HostPid),
            ("hostIPC", "true") => Some(Trait::HostIpc),
            ("allowPrivilegeEscalation", "true") => Some(Trait::PrivilegeEscalation),
            ("runAsUser", "0") | ("runAsNonRoot", "false") => Some(Trait::RunsAsRoot),
            ("hostPath", _) => Some(Trait::HostPath),
            _ => None,
        };
        if let Some(t) = setting {
            let value = if t == Trait::HostPath {
                doc[i + 1..]
                    .iter()
                    .take(3)
                    .find(|n| n.key == Some("path"))
                    .map_or(String::new(), |n| n.value.to_owned())
            } else {
                format!("{key}: {}", l.value)
            };
            let mut it = base(K::WorkloadSetting, l, &value);
            it.traits.push(t);
            out.push(it);
            continue;
        }
        match key {
            "serviceAccountName" | "serviceAccount" if !l.value.is_empty() => {
                out.push(base(K::ServiceAccount, l, l.value));
            }
            "containerPort" if !l.value.is_empty() => out.push(base(K::ContainerPort, l, l.value)),
            "hostPort" if !l.value.is_empty() => {
                let mut it = base(K::ContainerPort, l, l.value);
                it.traits.push(Trait::HostPort);
                out.push(it);
            }
            _ => {}
        }
    }
}

/// One RBAC rule's lists, each value with its line.
#[derive(Default)]
struct Rule<'a> {
    verbs: Vec<(&'a str, &'a Line<'a>)>,
    resources: Vec<(&'a str, &'a Line<'a>)>,
}

fn flow_or_scalar(v: &str) -> Vec<&str> {
    v.trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(unquote)
        .filter(|s| !s.is_empty())
        .collect()
}

fn parse_rules<'a>(doc: &'a [Line<'a>]) -> Vec<Rule<'a>> {
    let Some(start) = doc
        .iter()
        .position(|l| l.indent == 0 && l.key == Some("rules"))
    else {
        return Vec::new();
    };
    let mut rules: Vec<Rule> = Vec::new();
    let mut rule_indent: Option<usize> = None;
    let mut current: Option<&str> = None;
    for l in &doc[start + 1..] {
        if l.indent == 0 && !l.dash {
            break;
        }
        if let Some(key) = l.key {
            let starts_rule = l.dash && rule_indent.is_none_or(|i| l.indent <= i);
            if starts_rule {
                rule_indent = Some(l.indent);
                rules.push(Rule::default());
            }
            current = Some(key);
            if let Some(r) = rules.last_mut() {
                for v in flow_or_scalar(l.value) {
                    push_value(r, key, v, l);
                }
            }
        } else if l.dash
            && let (Some(key), Some(r)) = (current, rules.last_mut())
        {
            push_value(r, key, l.value, l);
        }
    }
    rules
}

fn push_value<'a>(r: &mut Rule<'a>, key: &str, v: &'a str, l: &'a Line<'a>) {
    match key {
        "verbs" => r.verbs.push((v, l)),
        "resources" => r.resources.push((v, l)),
        _ => {}
    }
}

fn rules(
    doc: &[Line],
    base: &dyn Fn(ItemKind, &Line, &str) -> DesignItem,
    k: ItemKind,
) -> Vec<DesignItem> {
    let mut out = Vec::new();
    for r in parse_rules(doc) {
        let verbs: Vec<&str> = r.verbs.iter().map(|(v, _)| *v).collect();
        let resources: Vec<&str> = r.resources.iter().map(|(v, _)| *v).collect();
        let mut flag = |t: Trait, l: &Line, value: String| {
            let mut it = base(k, l, &value);
            it.traits.push(t);
            out.push(it);
        };
        for (v, l) in &r.verbs {
            let t = match *v {
                "*" => Trait::WildcardVerbs,
                "escalate" => Trait::Escalate,
                "bind" => Trait::Bind,
                "impersonate" => Trait::Impersonate,
                _ => continue,
            };
            flag(t, l, format!("{v} on {}", resources.join(", ")));
        }
        for (res, l) in &r.resources {
            if *res == "*" {
                flag(
                    Trait::WildcardResources,
                    l,
                    format!("{} on *", verbs.join(", ")),
                );
            } else if *res == "secrets" {
                flag(
                    Trait::Secrets,
                    l,
                    format!("{} on secrets", verbs.join(", ")),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(items: &[DesignItem]) -> Vec<(ItemKind, u32, String, String, Vec<Trait>)> {
        items
            .iter()
            .map(|i| {
                (
                    i.kind,
                    i.line,
                    i.name.clone(),
                    i.value.clone(),
                    i.traits.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn cluster_role_with_wildcards_and_secrets() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\n\
kind: ClusterRole\n\
metadata:\n  name: manager\n\
rules:\n\
- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"get\", \"list\"]\n\
- apiGroups:\n  - apps\n  resources:\n  - '*'\n  verbs:\n  - '*'\n\
- apiGroups: [\"\"]\n  resources: [\"serviceaccounts\"]\n  verbs: [\"impersonate\"]\n\
---\n\
apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: manager-binding\n\
roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: manager\n";
        let c = vec![Trait::ClusterScope];
        let with = |t: Trait| vec![t, Trait::ClusterScope];
        assert_eq!(
            facts(&items("config/rbac/role.yaml", text)),
            vec![
                (
                    K::ClusterRole,
                    2,
                    "manager".into(),
                    "ClusterRole".into(),
                    c.clone()
                ),
                (
                    K::ClusterRole,
                    7,
                    "manager".into(),
                    "get, list on secrets".into(),
                    with(Trait::Secrets)
                ),
                (
                    K::ClusterRole,
                    14,
                    "manager".into(),
                    "* on *".into(),
                    with(Trait::WildcardVerbs)
                ),
                (
                    K::ClusterRole,
                    12,
                    "manager".into(),
                    "* on *".into(),
                    with(Trait::WildcardResources)
                ),
                (
                    K::ClusterRole,
                    17,
                    "manager".into(),
                    "impersonate on serviceaccounts".into(),
                    with(Trait::Impersonate)
                ),
                (
                    K::Binding,
                    26,
                    "manager-binding".into(),
                    "manager".into(),
                    c
                ),
            ]
        );
    }

    #[test]
    fn helm_deployment_settings_and_services() {
        let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ include \"agent.name\" . }}\n\
spec:\n  template:\n    spec:\n      hostNetwork: true\n      serviceAccountName: agent\n\
      containers:\n      - name: agent\n        securityContext:\n          privileged: true\n\
        ports:\n        - containerPort: 9443\n          hostPort: 9443\n\
      volumes:\n      - name: root\n        hostPath:\n          path: /\n---\n\
apiVersion: v1\nkind: Service\nmetadata:\n  name: agent\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 443\n    targetPort: 9443\n";
        let got = items("charts/agent/templates/ds.yaml", text);
        let short: Vec<(ItemKind, u32, String, Vec<Trait>)> = got
            .iter()
            .map(|i| (i.kind, i.line, i.value.clone(), i.traits.clone()))
            .collect();
        let h = Trait::Helm;
        assert_eq!(
            short,
            vec![
                (K::Workload, 2, "DaemonSet".into(), vec![h]),
                (
                    K::WorkloadSetting,
                    8,
                    "hostNetwork: true".into(),
                    vec![Trait::HostNetwork, h]
                ),
                (K::ServiceAccount, 9, "agent".into(), vec![h]),
                (
                    K::WorkloadSetting,
                    13,
                    "privileged: true".into(),
                    vec![Trait::Privileged, h]
                ),
                (K::ContainerPort, 15, "9443".into(), vec![h]),
                (
                    K::ContainerPort,
                    16,
                    "9443".into(),
                    vec![Trait::HostPort, h]
                ),
                (K::WorkloadSetting, 19, "/".into(), vec![Trait::HostPath, h]),
                (
                    K::ServicePort,
                    27,
                    "type LoadBalancer".into(),
                    vec![Trait::LoadBalancer, h]
                ),
                (K::ServicePort, 29, "443".into(), vec![h]),
            ]
        );
        assert_eq!(got[0].name, "ds");
        assert_eq!(
            readable_name("{{ include \"x\" . }}-agent", "t/a.yaml"),
            "agent"
        );
    }

    #[test]
    fn webhooks_and_crds() {
        let text = "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\n\
metadata:\n  name: vwc\nwebhooks:\n- name: v.example.io\n  clientConfig:\n    service:\n      name: svc\n      path: /validate-widget\n\
---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.io\nspec:\n  scope: Cluster\n  conversion:\n    strategy: Webhook\n";
        let got = items("config/webhook.yaml", text);
        let short: Vec<(ItemKind, u32, String, String)> = got
            .iter()
            .map(|i| (i.kind, i.line, i.name.clone(), i.value.clone()))
            .collect();
        assert_eq!(
            short,
            vec![
                (
                    K::Webhook,
                    2,
                    "vwc".into(),
                    "ValidatingWebhookConfiguration".into()
                ),
                (
                    K::Webhook,
                    10,
                    "/validate-widget".into(),
                    "ValidatingWebhookConfiguration".into()
                ),
                (
                    K::CustomResource,
                    17,
                    "widgets.example.io".into(),
                    "Cluster".into()
                ),
                (
                    K::Webhook,
                    19,
                    "widgets.example.io".into(),
                    "conversion".into()
                ),
            ]
        );
        assert!(got[2].has(Trait::ClusterScope));
    }
}
