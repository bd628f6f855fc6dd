//! Questions for the maintainers, STRIDE-shaped and specific: each names the line it is
//! about and proposes the answer the code suggests, for a person to confirm or correct.

use std::collections::BTreeMap;

use assay_model::Evidence;
use assay_model::design::{DesignItem, ItemKind, Trait};

use super::build::{API_EXTENSIONS, is_network};
use super::model::{Question, ThreatModel};

use ItemKind as K;

/// At most this many questions of one kind, so a large project's list stays readable.
const PER_KIND: usize = 6;

fn at(e: &Evidence) -> String {
    match e.line {
        Some(l) => format!("{}:{l}", e.path),
        None => e.path.clone(),
    }
}

struct Asker<'a> {
    out: Vec<Question>,
    cite: &'a dyn Fn(&DesignItem) -> Evidence,
}

impl Asker<'_> {
    #[allow(clippy::too_many_arguments)]
    fn ask(
        &mut self,
        about: &str,
        field: &str,
        stride: &'static str,
        text: String,
        proposed: String,
        it: Option<&DesignItem>,
    ) {
        self.out.push(Question {
            id: format!("Q{}", self.out.len() + 1),
            about: about.to_owned(),
            field: field.to_owned(),
            stride,
            text,
            proposed,
            cite: it.map(|i| (self.cite)(i)),
        });
    }
}

fn list(names: &[&str], max: usize) -> String {
    let mut shown: Vec<String> = names.iter().take(max).map(|n| (*n).to_owned()).collect();
    if names.len() > max {
        shown.push(format!("and {} more", names.len() - max));
    }
    shown.join(", ")
}

fn by_component<'a>(
    items: &'a [DesignItem],
    kinds: &[ItemKind],
) -> BTreeMap<&'a str, Vec<&'a DesignItem>> {
    let mut map: BTreeMap<&str, Vec<&DesignItem>> = BTreeMap::new();
    for it in items.iter().filter(|i| kinds.contains(&i.kind)) {
        map.entry(it.component.as_str()).or_default().push(it);
    }
    map
}

fn is_debug_route(name: &str) -> bool {
    name.contains("pprof") || name.starts_with("/debug") || name.contains("expvar")
}

/// Every question, in a stable order: network first, then the cluster, then local inputs,
/// then assets and the model as a whole.
pub(super) fn ask(
    tm: &ThreatModel,
    items: &[DesignItem],
    cite: &dyn Fn(&DesignItem) -> Evidence,
) -> Vec<Question> {
    let mut q = Asker {
        out: Vec::new(),
        cite,
    };
    listeners(&mut q, items);
    routes(&mut q, items);
    cluster(&mut q, items);
    local(&mut q, items);
    assets(&mut q, items);
    whole(&mut q, tm);
    q.out
}

fn ep(kind: ItemKind) -> &'static str {
    if is_network(kind) {
        "entry_points"
    } else {
        "trust_boundaries"
    }
}

fn listeners(q: &mut Asker, items: &[DesignItem]) {
    // One question per component and kind of listener, naming every place it starts.
    for (c, found) in by_component(items, &[K::HttpListener, K::GrpcServer, K::SocketListener]) {
        let mut by_kind: BTreeMap<(ItemKind, bool, bool), Vec<&DesignItem>> = BTreeMap::new();
        for it in found {
            let otel = it.excerpt.contains("ToServer") || it.excerpt.contains("ToListener");
            let key = if otel {
                (K::HttpListener, true, false)
            } else {
                (it.kind, false, it.has(Trait::Tls))
            };
            by_kind.entry(key).or_default().push(it);
        }
        for ((kind, otel, tls), its) in by_kind {
            let places: Vec<String> = its.iter().map(|i| at(&(q.cite)(i))).collect();
            let place = list(&places.iter().map(String::as_str).collect::<Vec<_>>(), 4);
            let (stride, text, proposed) = if otel {
                ("S, I", format!("{c} starts servers from OpenTelemetry collector settings (ToServer, ToListener) at {place}: which authentication and TLS settings do the shipped configurations give them?"),
                 "The tls and auth keys of each server's settings decide both, and nothing on the cited lines forces them; the defaults of the shipped configuration files are the answer.".to_owned())
            } else {
                match kind {
                    K::HttpListener if tls => ("S", format!("The HTTPS server(s) of {c} at {place}: are client certificates or tokens required, or is every client that reaches them served?"),
                        "The cited calls serve TLS; whether clients are authenticated is decided by the tls.Config (ClientAuth) and the handlers.".to_owned()),
                    K::HttpListener => ("S, I", format!("The HTTP server(s) of {c} at {place}: do they require authentication, and are they served over TLS or only behind a proxy that terminates TLS?"),
                        "The cited calls do not set up TLS themselves, which suggests plain HTTP unless a proxy or a wrapping listener adds it.".to_owned()),
                    K::GrpcServer if its.iter().any(|i| i.excerpt.contains("Creds")) => ("S", format!("The gRPC server(s) of {c} at {place} are built with credentials: do they verify client certificates?"),
                        "Transport credentials appear on a cited line; client verification depends on the tls.Config behind them.".to_owned()),
                    K::GrpcServer => ("S", format!("Are calls to the gRPC server(s) of {c} created at {place} authenticated (transport credentials, per-call tokens, interceptors)?"),
                        "No credentials option appears on the cited lines; look where the server options are assembled.".to_owned()),
                    _ => ("D", format!("The listener(s) of {c} at {place} accept connections: are the number of connections and the size of messages bounded?"),
                        "Nothing on the cited lines bounds them; a limit would sit in the code that reads from the connection.".to_owned()),
                }
            };
            q.ask(
                c,
                "entry_points",
                stride,
                text,
                proposed,
                its.first().copied(),
            );
        }
    }
    for (c, flags) in by_component(items, &[K::ListenFlag]) {
        for it in flags
            .iter()
            .filter(|f| {
                f.value.starts_with(':')
                    || f.value.starts_with("0.0.0.0")
                    || f.value.chars().all(|ch| ch.is_ascii_digit()) && !f.value.is_empty()
            })
            .take(2)
        {
            let place = at(&(q.cite)(it));
            q.ask(c, "entry_points", "I", format!("Flag {} of {c} defaults to {} ({place}), which listens on every interface: should the default be localhost for this port?", it.name, it.value),
                "With this default the port is reachable wherever the host's network is, unless the operator changes it.".to_owned(), Some(it));
        }
    }
    for (c, ports) in by_component(items, &[K::Expose, K::ServicePort, K::ContainerPort]) {
        let mut names: Vec<&str> = ports
            .iter()
            .map(|p| p.value.as_str())
            .filter(|v| !v.starts_with("type "))
            .collect();
        names.sort_unstable();
        names.dedup();
        if names.is_empty() {
            continue;
        }
        let place = at(&(q.cite)(ports[0]));
        q.ask(c, "entry_points", "I", format!("{c} declares port(s) {} (first at {place}): which of them should be reachable from outside the cluster or host, and who may call each?", list(&names, 8)),
            "Ports that carry an API need a stated caller; health, metrics and admin ports are usually kept internal.".to_owned(), Some(ports[0]));
    }
}

fn routes(q: &mut Asker, items: &[DesignItem]) {
    for (c, routes) in by_component(items, &[K::Route]) {
        let (debug, api): (Vec<&DesignItem>, Vec<&DesignItem>) =
            routes.iter().partition(|r| is_debug_route(&r.name));
        if let Some(first) = debug.first() {
            let names: Vec<&str> = debug.iter().map(|r| r.name.as_str()).collect();
            let place = at(&(q.cite)(first));
            q.ask(c, "entry_points", "I, D", format!("{c} registers debug handlers {} (first at {place}): who can reach them, and do they share a port with the API?", list(&names, 4)),
                "Profiling and debug handlers reveal memory contents and accept CPU-costly requests; they are reachable wherever the server they are registered on is.".to_owned(), Some(first));
        }
        if let Some(first) = api.first() {
            let names: Vec<&str> = api.iter().map(|r| r.name.as_str()).collect();
            let wrapped = api
                .iter()
                .filter(|r| r.excerpt.to_ascii_lowercase().contains("auth"))
                .count();
            let place = at(&(q.cite)(first));
            let proposed = if wrapped == 0 {
                format!(
                    "None of the {} route lines names an authentication wrapper; if one exists it wraps the whole router.",
                    api.len()
                )
            } else {
                format!(
                    "{wrapped} of the {} route lines name an authentication wrapper; the others rely on the router's middleware or none.",
                    api.len()
                )
            };
            q.ask(c, "entry_points", "S, E", format!("{c} registers {} HTTP route(s) such as {} (first at {place}): which require authentication, and where is it enforced?", api.len(), list(&names, 4)), proposed, Some(first));
        }
    }
    for (c, svcs) in by_component(items, &[K::GrpcService]) {
        let mut names: Vec<&str> = svcs
            .iter()
            .map(|s| s.name.as_str())
            .filter(|n| *n != "Health")
            .collect();
        names.dedup();
        let Some(first) = svcs.iter().find(|s| s.name != "Health") else {
            continue;
        };
        let place = at(&(q.cite)(first));
        q.ask(c, "entry_points", "S, E", format!("{c} registers gRPC service(s) {} (first at {place}): which calls read or change data, and what authorises each caller?", list(&names, 5)),
            "Authorisation would live in interceptors or in the handlers; the registration lines name none.".to_owned(), Some(first));
    }
}

fn cluster(q: &mut Asker, items: &[DesignItem]) {
    let mut n = 0;
    for it in items
        .iter()
        .filter(|i| i.kind == K::Webhook || i.kind == K::WebhookHandler)
    {
        if n == PER_KIND
            || (it.kind == K::Webhook
                && !it.name.starts_with('/')
                && it.value != "conversion"
                && items
                    .iter()
                    .any(|o| o.kind == K::Webhook && o.path == it.path && o.name.starts_with('/')))
        {
            continue;
        }
        n += 1;
        let place = at(&(q.cite)(it));
        let what = if it.value == "conversion" {
            format!("The conversion webhook of {}", it.name)
        } else if it.name.is_empty() {
            "The webhook server".to_owned()
        } else {
            format!("The webhook {}", it.name)
        };
        q.ask(API_EXTENSIONS, "entry_points", "T, D", format!("{what} ({place}) decodes review requests from the API server: is the request size bounded before decoding, and does an outage block or admit objects (failurePolicy)?"),
            "The failurePolicy in the webhook configuration answers the second part; the first is answered where the handler reads the request body.".to_owned(), Some(it));
    }
    for it in items
        .iter()
        .filter(|i| i.kind == K::CustomResource && i.has(Trait::ClusterScope))
        .take(PER_KIND)
    {
        let place = at(&(q.cite)(it));
        q.ask(API_EXTENSIONS, "trust_boundaries", "E", format!("{} is cluster-scoped ({place}): who may create it, and can one object make the controller act in every namespace?", it.name),
            "No namespace boundary applies to a cluster-scoped resource; the ClusterRoles that grant create on it decide who can.".to_owned(), Some(it));
    }
    for it in items
        .iter()
        .filter(|i| i.kind == K::Controller)
        .take(PER_KIND)
    {
        let place = at(&(q.cite)(it));
        let what = if it.value.is_empty() {
            "the objects it watches".to_owned()
        } else {
            format!("{} objects", it.value)
        };
        q.ask(&it.component, "entry_points", "T, E", format!("The controller at {place} acts on {what} that users write: which of their fields reach privileged operations (creating pods, reading Secrets, calling out)?"),
            "Every field copied into a pod spec, a command or a URL is attacker-controlled for whoever may write the object.".to_owned(), Some(it));
    }
    for it in items
        .iter()
        .filter(|i| {
            matches!(i.kind, K::ClusterRole | K::Role)
                && i.traits
                    .iter()
                    .any(|t| !matches!(t, Trait::ClusterScope | Trait::Helm))
        })
        .take(PER_KIND)
    {
        let place = at(&(q.cite)(it));
        let flags: Vec<&str> = it
            .traits
            .iter()
            .filter(|t| !matches!(t, Trait::ClusterScope | Trait::Helm))
            .map(|t| t.label())
            .collect();
        q.ask(&it.name, "trust_boundaries", "E", format!("{} grants {} ({}) at {place}: which component needs it, and can it be narrowed to named resources or one namespace?", it.name, flags.join(", "), it.value),
            "A stolen token of a service account bound to this role holds these rights; wildcards also cover resource types added later.".to_owned(), Some(it));
    }
    let mut asked = std::collections::BTreeSet::new();
    for it in items
        .iter()
        .filter(|i| i.kind == K::WorkloadSetting)
        .filter(|i| asked.insert((i.component.clone(), i.traits.clone())))
        .take(PER_KIND)
    {
        let place = at(&(q.cite)(it));
        let t = it
            .traits
            .iter()
            .find(|t| **t != Trait::Helm)
            .map_or("this setting", |t| t.label());
        q.ask(&it.component, "trust_boundaries", "E", format!("{} has {t} ({place}): which operation needs it, and what else confines the container?", it.component),
            "A compromise of this container reaches the node; the setting should be documented with the reason.".to_owned(), Some(it));
    }
    for it in items
        .iter()
        .filter(|i| i.has(Trait::LoadBalancer) || i.has(Trait::HostPort))
        .take(PER_KIND)
    {
        let place = at(&(q.cite)(it));
        q.ask(&it.component, "trust_boundaries", "S, I", format!("{} is exposed outside the cluster ({place}): is that intended by default, and is the endpoint authenticated?", it.name),
            "The manifest exposes it to whatever network reaches the nodes or the load balancer.".to_owned(), Some(it));
    }
}

fn local(q: &mut Asker, items: &[DesignItem]) {
    for (c, env) in by_component(items, &[K::EnvRead]) {
        let mut names: Vec<&str> = env.iter().map(|e| e.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let place = at(&(q.cite)(env[0]));
        q.ask(c, ep(K::EnvRead), "T", format!("{c} reads environment variable(s) {} (first at {place}): which of them change security behaviour (TLS, credentials, endpoints), and who sets them?", list(&names, 6)),
            "They come from whoever starts the process; the model should list them as trusted configuration.".to_owned(), Some(env[0]));
    }
    for (c, s) in by_component(items, &[K::Stdin]) {
        let place = at(&(q.cite)(s[0]));
        q.ask(c, "entry_points", "T, D", format!("{c} reads standard input ({place}): can the input come from someone other than the user running it, and is its size bounded?"),
            "Standard input is as trusted as whoever pipes into it.".to_owned(), Some(s[0]));
    }
    for (c, s) in by_component(items, &[K::ChildProcess]) {
        let mut names: Vec<&str> = s
            .iter()
            .map(|i| i.name.as_str())
            .filter(|n| !n.is_empty())
            .collect();
        names.sort_unstable();
        names.dedup();
        let place = at(&(q.cite)(s[0]));
        let fixed = s.iter().filter(|i| i.value == "literal").count();
        q.ask(c, "trust_boundaries", "T, E", format!("{c} starts child process(es) {} (first at {place}): can a request or configuration value reach the program name or its arguments?", list(&names, 5)),
            format!("{fixed} of the {} call(s) name the program as a literal; the arguments still need checking.", s.len()), Some(s[0]));
    }
    for it in items.iter().filter(|i| i.kind == K::Plugin).take(PER_KIND) {
        let place = at(&(q.cite)(it));
        q.ask(&it.component, "trust_boundaries", "E", format!("Plugins loaded at {place} run with the rights of {}: who may place or name a plugin, and is it verified before loading?", it.component),
            "Loading runs the plugin's code in the process; only its location and configuration limit who supplies it.".to_owned(), Some(it));
    }
}

fn assets(q: &mut Asker, items: &[DesignItem]) {
    for (c, keys) in by_component(items, &[K::KeyMaterial]) {
        let place = at(&(q.cite)(keys[0]));
        q.ask(c, "environment", "I", format!("{c} loads key material ({place}): where does the key come from (mounted Secret, path flag), who can read it, and is it reloaded when rotated?"),
            "The key is read from a file or bytes the operator provides; the model should say who provides it.".to_owned(), Some(keys[0]));
    }
    for (c, s) in by_component(items, &[K::SecretAccess]) {
        let place = at(&(q.cite)(s[0]));
        q.ask(c, "environment", "I", format!("{c} reads or writes Kubernetes Secrets ({place}): is access limited to its own namespace, and are the values kept out of logs, events and status?"),
            "The RBAC rules listed in this seed decide the first part; the second is in the code that handles the values.".to_owned(), Some(s[0]));
    }
}

fn whole(q: &mut Asker, tm: &ThreatModel) {
    let p = &tm.project;
    let mut kinds = Vec::new();
    if tm.entry_points.iter().any(|e| is_network(e.kind)) {
        kinds.push("network clients of its listeners");
    }
    if tm
        .entry_points
        .iter()
        .any(|e| matches!(e.kind, K::CustomResource | K::Webhook | K::Controller))
    {
        kinds.push("users who may write the objects its webhooks and controllers receive");
    }
    if tm.components.iter().any(|c| c.zone == super::Zone::Host) {
        kinds.push("a compromised workload that reaches the node");
    }
    let proposed = if kinds.is_empty() {
        "The code shows no network or cluster entry point; the adversary is whoever supplies the program's input.".to_owned()
    } else {
        format!("The boundaries found suggest: {}.", kinds.join("; "))
    };
    q.ask(p, "adversaries", "S, T, R, I, D, E", format!("Which adversaries does {p} defend against, and which are out of scope (for example a cluster administrator, a compromised node)?"), proposed, None);
    let docs: Vec<String> = tm.documents.iter().map(|(_, e)| e.path.clone()).collect();
    let proposed = if docs.is_empty() {
        "The repository has no security document for the seed to point to; state each property with the condition under which it holds.".to_owned()
    } else {
        format!(
            "Copy each promise with its line from {}.",
            docs.iter()
                .take(3)
                .map(String::clone)
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    q.ask(p, "properties_provided", "S, T, I", format!("Which security properties does {p} promise its users (authenticated callers, encrypted transport, integrity of stored data), and under which conditions?"), proposed, None);
    if !tm.scope_notes.is_empty() {
        q.ask(p, "properties_not_provided", "R, I", format!("The security documents of {p} make {} scope statement(s) (listed in this seed): which of them disclaim a property a user might assume?", tm.scope_notes.len()),
            "Each quoted line that puts an attack out of scope becomes one entry of properties_not_provided, with the line as its source.".to_owned(), None);
    }
}
