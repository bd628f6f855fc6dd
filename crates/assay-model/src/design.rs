//! Design facts: what a program exposes and what it may do, as the `design.*` findings
//! carry them in their `items` detail. The scanner writes them; the threat-model seed and
//! the draft read them through these types, never through key literals.

use serde::{Deserialize, Serialize};

/// What kind of fact an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// An HTTP server started in code.
    HttpListener,
    /// A gRPC server created in code.
    GrpcServer,
    /// A raw socket listener (TCP, UDP, Unix).
    SocketListener,
    /// A command-line flag whose name carries an address or port.
    ListenFlag,
    /// A Dockerfile EXPOSE line.
    Expose,
    /// A port of a Kubernetes Service.
    ServicePort,
    /// A containerPort or hostPort of a pod template.
    ContainerPort,
    /// An HTTP route with a literal path.
    Route,
    /// A gRPC service registered on a server.
    GrpcService,
    /// A Deployment, `DaemonSet`, `StatefulSet`, Job, `CronJob` or Pod.
    Workload,
    /// A security-relevant setting of a workload (privileged, host namespaces, hostPath,
    /// root, privilege escalation).
    WorkloadSetting,
    /// A `ServiceAccount`, or the one a workload runs as.
    ServiceAccount,
    /// A Dockerfile USER line.
    ImageUser,
    /// A `ClusterRole`.
    ClusterRole,
    /// A Role.
    Role,
    /// A `ClusterRoleBinding` or `RoleBinding`.
    Binding,
    /// A validating or mutating webhook configuration, or a CRD conversion webhook.
    Webhook,
    /// A webhook handler registered in code.
    WebhookHandler,
    /// A `CustomResourceDefinition`.
    CustomResource,
    /// A controller that reconciles a type.
    Controller,
    /// A plugin loaded at run time.
    Plugin,
    /// An environment variable read by name.
    EnvRead,
    /// Standard input read.
    Stdin,
    /// A command started as a child process.
    ChildProcess,
    /// A TLS key pair or private key loaded.
    KeyMaterial,
    /// Kubernetes Secrets read or written.
    SecretAccess,
    /// A cloud KMS or Vault client.
    KeyService,
    /// A sentence of a security document that puts something out of scope, disclaims a
    /// protection or states what is trusted.
    ScopeStatement,
}

impl ItemKind {
    /// A short phrase for people.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::HttpListener => "HTTP server",
            ItemKind::GrpcServer => "gRPC server",
            ItemKind::SocketListener => "socket listener",
            ItemKind::ListenFlag => "address flag",
            ItemKind::Expose => "image port",
            ItemKind::ServicePort => "Service port",
            ItemKind::ContainerPort => "container port",
            ItemKind::Route => "HTTP route",
            ItemKind::GrpcService => "gRPC service",
            ItemKind::Workload => "workload",
            ItemKind::WorkloadSetting => "workload setting",
            ItemKind::ServiceAccount => "service account",
            ItemKind::ImageUser => "image user",
            ItemKind::ClusterRole => "ClusterRole",
            ItemKind::Role => "Role",
            ItemKind::Binding => "role binding",
            ItemKind::Webhook => "webhook configuration",
            ItemKind::WebhookHandler => "webhook handler",
            ItemKind::CustomResource => "custom resource",
            ItemKind::Controller => "controller",
            ItemKind::Plugin => "plugin loading",
            ItemKind::EnvRead => "environment variable",
            ItemKind::Stdin => "standard input",
            ItemKind::ChildProcess => "child process",
            ItemKind::KeyMaterial => "key material",
            ItemKind::SecretAccess => "Kubernetes Secrets",
            ItemKind::KeyService => "key service",
            ItemKind::ScopeStatement => "scope statement",
        }
    }
}

/// A property of an item that matters for trust boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trait {
    Privileged,
    HostNetwork,
    HostPid,
    HostIpc,
    HostPath,
    HostPort,
    RunsAsRoot,
    PrivilegeEscalation,
    LoadBalancer,
    NodePort,
    WildcardVerbs,
    WildcardResources,
    Secrets,
    Escalate,
    Bind,
    Impersonate,
    ClusterScope,
    Tls,
    /// Found in a Helm template (values may change it).
    Helm,
}

impl Trait {
    pub fn label(self) -> &'static str {
        match self {
            Trait::Privileged => "privileged container",
            Trait::HostNetwork => "host network",
            Trait::HostPid => "host PID namespace",
            Trait::HostIpc => "host IPC namespace",
            Trait::HostPath => "hostPath volume",
            Trait::HostPort => "host port",
            Trait::RunsAsRoot => "runs as root",
            Trait::PrivilegeEscalation => "privilege escalation allowed",
            Trait::LoadBalancer => "LoadBalancer Service",
            Trait::NodePort => "NodePort Service",
            Trait::WildcardVerbs => "wildcard verbs",
            Trait::WildcardResources => "wildcard resources",
            Trait::Secrets => "Secrets access",
            Trait::Escalate => "escalate verb",
            Trait::Bind => "bind verb",
            Trait::Impersonate => "impersonate verb",
            Trait::ClusterScope => "cluster scope",
            Trait::Tls => "TLS",
            Trait::Helm => "Helm template",
        }
    }
}

/// One fact, cited at the line that shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DesignItem {
    pub kind: ItemKind,
    /// Repo-relative path.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// The cited line, cleaned.
    pub excerpt: String,
    /// What the item is called: a route path, a flag, a variable, a resource's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// An address, port, default value, verb list or type, as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// The program, workload or folder the item belongs to.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub component: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub traits: Vec<Trait>,
}

impl DesignItem {
    pub fn has(&self, t: Trait) -> bool {
        self.traits.contains(&t)
    }
}
