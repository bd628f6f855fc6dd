//! What each kind of entry point is, what it accepts and who may control it, in words
//! for the seed's table and the report's `entry_points`.

use assay_model::design::{DesignItem, ItemKind, Trait};

use super::model::Controllable;

use ItemKind as K;

/// `(what, accepts, controllable, condition)`.
type Described = (String, String, Controllable, String);

/// What an entry point is, what it takes and who controls it; `None` for items that are
/// not entry points.
pub(super) fn describe(it: &DesignItem) -> Option<Described> {
    network(it).or_else(|| cluster_or_local(it))
}

/// Listeners, ports, routes and gRPC services.
fn network(it: &DesignItem) -> Option<Described> {
    let reach = "when a client can reach its address".to_owned();
    let at = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!(" on {s}")
        }
    };
    Some(match it.kind {
        K::HttpListener if it.has(Trait::Tls) => (
            format!("HTTPS server{}", at(&it.value)),
            "HTTP requests over TLS".into(),
            Controllable::Conditional,
            reach,
        ),
        K::HttpListener => (
            format!("HTTP server{}", at(&it.value)),
            "HTTP requests".into(),
            Controllable::Conditional,
            reach,
        ),
        K::GrpcServer => (
            "gRPC server".into(),
            "gRPC calls (protobuf messages)".into(),
            Controllable::Conditional,
            reach,
        ),
        K::SocketListener if it.name == "unix" => (
            format!("Unix socket{}", at(&it.value)),
            "local connections".into(),
            Controllable::Conditional,
            "when a local user or container may open the socket file".into(),
        ),
        K::SocketListener => (
            format!(
                "{} listener{}",
                if it.name.is_empty() {
                    "socket"
                } else {
                    &it.name
                },
                at(&it.value)
            ),
            "connections and their bytes".into(),
            Controllable::Conditional,
            reach,
        ),
        K::ListenFlag => (
            format!("flag {} (default {})", it.name, it.value),
            "the address or port a server uses, set by whoever starts the program".into(),
            Controllable::No,
            String::new(),
        ),
        K::Expose => (
            format!("port {} declared by the image", it.value),
            "connections to the container".into(),
            Controllable::Conditional,
            "when the port is published or a Service selects the container".into(),
        ),
        K::ServicePort if it.has(Trait::LoadBalancer) => (
            format!("Service {} of type LoadBalancer", it.name),
            "traffic from outside the cluster".into(),
            Controllable::Conditional,
            "when the cloud provider gives the Service an external address".into(),
        ),
        K::ServicePort if it.has(Trait::NodePort) => (
            format!("Service {} on a node port ({})", it.name, it.value),
            "traffic to every node's address".into(),
            Controllable::Conditional,
            "when the nodes' addresses are reachable".into(),
        ),
        K::ServicePort => (
            format!("Service {} port {}", it.name, it.value),
            "traffic from inside the cluster".into(),
            Controllable::Conditional,
            "when a pod can reach the Service and no NetworkPolicy stops it".into(),
        ),
        K::ContainerPort if it.has(Trait::HostPort) => (
            format!("host port {} of {}", it.value, it.name),
            "traffic to the node's address".into(),
            Controllable::Conditional,
            "when the node's address is reachable".into(),
        ),
        K::ContainerPort => (
            format!("container port {} of {}", it.value, it.name),
            "traffic to the pod".into(),
            Controllable::Conditional,
            "when a pod or Service reaches it".into(),
        ),
        K::Route => (
            if matches!(
                it.value.as_str(),
                "GET"
                    | "POST"
                    | "PUT"
                    | "DELETE"
                    | "PATCH"
                    | "HEAD"
                    | "OPTIONS"
                    | "Get"
                    | "Post"
                    | "Put"
                    | "Delete"
                    | "Patch"
                    | "get"
                    | "post"
                    | "put"
                    | "delete"
                    | "patch"
            ) {
                format!("HTTP route {} {}", it.value.to_ascii_uppercase(), it.name)
            } else {
                format!("HTTP route {}", it.name)
            },
            "HTTP requests: path, query, headers, body".into(),
            Controllable::Conditional,
            "when the server that serves it is reachable".into(),
        ),
        K::GrpcService => (
            format!("gRPC service {}", it.name),
            format!("{} requests (protobuf)", it.name),
            Controllable::Conditional,
            "when the gRPC server is reachable".into(),
        ),
        _ => return None,
    })
}

/// Webhooks, custom resources, controllers, plugins and local inputs.
fn cluster_or_local(it: &DesignItem) -> Option<Described> {
    Some(match it.kind {
        K::Webhook if it.value == "conversion" => (
            format!("conversion webhook of {}", it.name),
            "ConversionReview JSON from the API server".into(),
            Controllable::Conditional,
            "whoever may write the custom resource shapes the objects converted".into(),
        ),
        K::Webhook => (
            if it.name.starts_with('/') {
                format!("admission webhook {}", it.name)
            } else {
                format!("{} {}", it.value, it.name)
            },
            "AdmissionReview JSON from the API server".into(),
            Controllable::Conditional,
            "whoever may create or update the objects it intercepts shapes the request".into(),
        ),
        K::WebhookHandler => (
            if it.name.is_empty() {
                "webhook server".into()
            } else {
                format!("webhook handler {}", it.name)
            },
            "AdmissionReview JSON from the API server".into(),
            Controllable::Conditional,
            "whoever may create or update the objects it intercepts shapes the request".into(),
        ),
        K::CustomResource => (
            format!(
                "custom resource {} ({} scope)",
                it.name,
                if it.value.is_empty() {
                    "unknown"
                } else {
                    &it.value
                }
            ),
            "objects written through the API server".into(),
            Controllable::Conditional,
            "whoever RBAC lets create or update them".into(),
        ),
        K::Controller => (
            if it.value.is_empty() {
                "controller".into()
            } else {
                format!("controller reconciling {}", it.value)
            },
            "objects from the API server".into(),
            Controllable::Conditional,
            "whoever may write the objects it watches".into(),
        ),
        K::Plugin => (
            "plugin loading".into(),
            "code loaded into the process".into(),
            Controllable::Conditional,
            "whoever can write the plugin's location or the setting that names it".into(),
        ),
        K::EnvRead => (
            format!("environment variable {}", it.name),
            "a value set by whoever starts the process".into(),
            Controllable::Conditional,
            "whoever starts the process or writes its pod spec".into(),
        ),
        K::Stdin => (
            "standard input".into(),
            "data piped into the program".into(),
            Controllable::Conditional,
            "when the program is fed data it did not produce".into(),
        ),
        _ => return None,
    })
}
