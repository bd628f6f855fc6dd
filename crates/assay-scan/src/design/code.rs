//! Design facts in source code, read line by line: servers, routes, address flags,
//! environment and input reads, child processes, plugins, keys and secrets. A pattern
//! names the call as written, so the cited line always shows it; comment lines and
//! function declarations are skipped.

use std::sync::LazyLock;

use assay_model::design::{DesignItem, ItemKind, Trait};
use regex::{Regex, RegexSet};

use super::item;

/// One pattern: the kind it finds, and which capture groups give the name and value.
struct Rule {
    kind: ItemKind,
    re: Regex,
    name: Option<usize>,
    value: Option<usize>,
    traits: &'static [Trait],
}

fn rule(
    kind: ItemKind,
    pattern: &str,
    name: Option<usize>,
    value: Option<usize>,
    traits: &'static [Trait],
) -> Rule {
    Rule {
        kind,
        re: Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex {pattern}: {e}")),
        name,
        value,
        traits,
    }
}

use ItemKind as K;

/// A language's rules and one set of all their patterns, so a line that matches none (most
/// lines) is passed over in one scan.
struct Rules {
    rules: Vec<Rule>,
    set: RegexSet,
}

fn rules(rules: Vec<Rule>) -> Rules {
    let set = RegexSet::new(rules.iter().map(|r| r.re.as_str()))
        .unwrap_or_else(|e| unreachable!("static regex set: {e}"));
    Rules { rules, set }
}

static GO: LazyLock<Rules> = LazyLock::new(|| {
    rules(vec![
        rule(
            K::HttpListener,
            r"\bhttp\.ListenAndServeTLS\(\s*([^,)]+)",
            None,
            Some(1),
            &[Trait::Tls],
        ),
        rule(
            K::HttpListener,
            r"\bhttp\.ListenAndServe\(\s*([^,)]+)",
            None,
            Some(1),
            &[],
        ),
        rule(
            K::HttpListener,
            r"\b\w+\.(?:ListenAndServeTLS|ServeTLS)\(",
            None,
            None,
            &[Trait::Tls],
        ),
        rule(
            K::HttpListener,
            r"\.ListenAndServe\(\s*\)|\bhttp\.Serve\(",
            None,
            None,
            &[],
        ),
        rule(
            K::SocketListener,
            r#"\btls\.Listen\(\s*("[^"]*"|\w+)\s*,\s*([^,)]+)"#,
            Some(1),
            Some(2),
            &[Trait::Tls],
        ),
        rule(
            K::SocketListener,
            r#"\bnet\.Listen(?:TCP|UDP|Unix|Packet)?\(\s*("[^"]*"|\w+)\s*,\s*([^)]+)\)"#,
            Some(1),
            Some(2),
            &[],
        ),
        rule(K::GrpcServer, r"\bgrpc\.NewServer\(", None, None, &[]),
        // OpenTelemetry collector settings (confighttp, configgrpc, confignet).
        rule(K::GrpcServer, r"(?i)grpc\w*\.ToServer\(", None, None, &[]),
        rule(K::HttpListener, r"\.ToServer\(", None, None, &[]),
        rule(K::SocketListener, r"\.ToListener\(", None, None, &[]),
        rule(
            K::GrpcService,
            r"\b(?:(\w+)\.)?Register(\w+)Server\(\s*\w",
            Some(2),
            None,
            &[],
        ),
        rule(
            K::Route,
            r#"\.(HandleFunc|Handle|Path|PathPrefix|GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|Any|Get|Post|Put|Delete|Patch|Group|Route|Mount|Methods)\(\s*"(/[^"]*)""#,
            Some(2),
            Some(1),
            &[],
        ),
        rule(
            K::EnvRead,
            r#"\bos\.(?:Getenv|LookupEnv)\(\s*"([A-Za-z_][A-Za-z0-9_]*)""#,
            Some(1),
            None,
            &[],
        ),
        rule(
            K::Stdin,
            r"(?:NewReader|NewScanner|ReadAll|NewDecoder)\(\s*os\.Stdin\b",
            None,
            None,
            &[],
        ),
        rule(
            K::ChildProcess,
            r#"\bexec\.CommandContext\(\s*[\w.()]+\s*,\s*("[^"]*"|[\w.]+)|\bexec\.Command\(\s*("[^"]*"|[\w.]+)"#,
            Some(1),
            None,
            &[],
        ),
        rule(
            K::Plugin,
            r"\bplugin\.(?:Open|NewClient)\(",
            None,
            None,
            &[],
        ),
        rule(
            K::KeyMaterial,
            r"\btls\.(?:LoadX509KeyPair|X509KeyPair)\(|\bx509\.Parse(?:PKCS1|PKCS8|EC)PrivateKey\(|\bssh\.ParsePrivateKey\w*\(",
            None,
            None,
            &[],
        ),
        rule(
            K::SecretAccess,
            r"\.Secrets\([^)]*\)\.(Get|List|Watch|Create|Update|Patch|Delete|Apply)\(",
            None,
            Some(1),
            &[],
        ),
        rule(
            K::SecretAccess,
            r"\.(Get|List)\([^)]*&(?:corev1|v1|core)\.Secret(?:List)?\{",
            None,
            Some(1),
            &[],
        ),
        rule(
            K::KeyService,
            r"\b(?:kms\.(?:New|NewFromConfig|NewKeyManagementClient)|cloudkms\.New\w*|azkeys\.NewClient|vault\.NewClient|vaultapi\.NewClient)\(",
            None,
            None,
            &[],
        ),
        rule(
            K::Controller,
            r"\b(?:ctrl|builder)\.(?:NewControllerManagedBy|ControllerManagedBy)\(",
            None,
            None,
            &[],
        ),
        rule(
            K::WebhookHandler,
            r#"\.GetWebhookServer\(\)\.Register\(\s*"([^"]+)""#,
            Some(1),
            None,
            &[],
        ),
        rule(
            K::WebhookHandler,
            r"\bctrl\.NewWebhookManagedBy\(|\bwebhook\.NewServer\(",
            None,
            None,
            &[],
        ),
    ])
});

static RUST: LazyLock<Rules> = LazyLock::new(|| {
    rules(vec![
        rule(
            K::SocketListener,
            r"\b(?:TcpListener|UdpSocket|UnixListener)::bind\(\s*([^)]*)\)",
            None,
            Some(1),
            &[],
        ),
        rule(
            K::HttpListener,
            r"\baxum::serve\(|\b(?:axum|hyper)::Server::bind\(|\bHttpServer::new\(|\bwarp::serve\(",
            None,
            None,
            &[],
        ),
        rule(
            K::GrpcServer,
            r"\btonic::transport::Server::builder\(|\bServer::builder\(\)",
            None,
            None,
            &[],
        ),
        rule(
            K::GrpcService,
            r"\.add_service\(\s*(?:[\w:]+::)?(\w+)Server::new",
            Some(1),
            None,
            &[],
        ),
        rule(K::Route, r#"\.route\(\s*"(/[^"]*)""#, Some(1), None, &[]),
        rule(
            K::Route,
            r#"#\[(get|post|put|delete|patch)\(\s*"(/[^"]*)""#,
            Some(2),
            Some(1),
            &[],
        ),
        rule(
            K::Route,
            r#"\bweb::(?:resource|scope)\(\s*"(/[^"]*)""#,
            Some(1),
            None,
            &[],
        ),
        rule(
            K::EnvRead,
            r#"\benv::var(?:_os)?\(\s*"([A-Za-z_][A-Za-z0-9_]*)""#,
            Some(1),
            None,
            &[],
        ),
        rule(K::Stdin, r"\bio::stdin\(\)", None, None, &[]),
        rule(
            K::ChildProcess,
            r#"\bCommand::new\(\s*("[^"]*"|[\w.&]+)"#,
            Some(1),
            None,
            &[],
        ),
        rule(
            K::Plugin,
            r"\bLibrary::new\(|\bwasmtime::Module::\w+\(|\bModule::from_file\(",
            None,
            None,
            &[],
        ),
        rule(
            K::KeyMaterial,
            r"\brustls_pemfile::(?:private_key|pkcs8_private_keys|rsa_private_keys)\(|\bPrivateKeyDer::from_pem\w*\(|\bset_private_key_file\(",
            None,
            None,
            &[],
        ),
    ])
});

static PYTHON: LazyLock<Rules> = LazyLock::new(|| {
    rules(vec![
        rule(
            K::Route,
            r#"^\s*@\w+\.route\(\s*["'](/[^"']*)"#,
            Some(1),
            None,
            &[],
        ),
        rule(
            K::Route,
            r#"^\s*@\w+\.(get|post|put|delete|patch)\(\s*["'](/[^"']*)"#,
            Some(2),
            Some(1),
            &[],
        ),
        rule(
            K::HttpListener,
            r"\b(?:app|application)\.run\(|\buvicorn\.run\(|\bweb\.run_app\(|\.serve_forever\(",
            None,
            None,
            &[],
        ),
        rule(
            K::EnvRead,
            r#"\bos\.(?:getenv|environ\.get)\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']|\bos\.environ\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\]"#,
            Some(1),
            None,
            &[],
        ),
        rule(K::Stdin, r"\bsys\.stdin\b", None, None, &[]),
        rule(
            K::ChildProcess,
            r"\bsubprocess\.(?:run|Popen|call|check_call|check_output)\(",
            None,
            None,
            &[],
        ),
        rule(
            K::Plugin,
            r"\bimportlib\.import_module\(|\biter_entry_points\(",
            None,
            None,
            &[],
        ),
    ])
});

static DJANGO_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:re_)?path\(\s*r?["']([^"']*)["']"#)
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static GO_FLAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\.(String|Int|Uint|Int32|Int64|Uint16|Uint32|Duration)(Var)?(P)?\(")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static KINGPIN_FLAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\.Flag\(\s*"([^"]+)"[^)]*\)(?:.*\.Default\(\s*"([^"]*)"\s*\))?"#)
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static ADDRESS_NAME: LazyLock<Regex> = LazyLock::new(|| {
    // A whole word of the name: `metrics-bind-address`, `web.listen-address`, `port`; not
    // `trace-exporter`.
    Regex::new(r"(?i)(?:^|[-_.])(?:addr|address|port|ports|listen|bind|hostport)(?:[-_.]|$)")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static ADDRESS_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)addr|port|listen|bind").unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static FOR_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bFor\(\s*&(?:\w+\.)?(\w+)\{")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Lines that are code: not comments, not inside a block comment.
fn code_lines<'a>(text: &'a str, comment: &'static str) -> impl Iterator<Item = (usize, &'a str)> {
    let mut in_block = false;
    text.lines().enumerate().filter(move |(_, line)| {
        let t = line.trim_start();
        if in_block {
            if t.contains("*/") {
                in_block = false;
            }
            return false;
        }
        if comment == "//" && t.starts_with("/*") {
            in_block = !t.contains("*/");
            return false;
        }
        !(t.starts_with(comment) || t.is_empty())
    })
}

fn apply(rules: &Rules, path: &str, n: usize, line: &str, out: &mut Vec<DesignItem>) {
    let hits = rules.set.matches(line);
    if !hits.matched_any() {
        return;
    }
    for (_, r) in rules
        .rules
        .iter()
        .enumerate()
        .filter(|(i, _)| hits.matched(*i))
    {
        let Some(c) = r.re.captures(line) else {
            continue;
        };
        let mut it = item(r.kind, path, n, line);
        let group = |i: Option<usize>| {
            i.and_then(|i| c.get(i).or_else(|| c.get(i + 1)))
                .map(|m| m.as_str().trim().trim_matches('"').to_owned())
                .unwrap_or_default()
        };
        it.name = group(r.name);
        if r.kind == K::GrpcService && it.name.eq_ignore_ascii_case("grpc") {
            // `ptraceotlp.RegisterGRPCServer`: the function names no service, so name the
            // package that registers one rather than call the service "GRPC".
            if let Some(package) = c.get(1) {
                package.as_str().clone_into(&mut it.name);
            }
        }
        it.value = group(r.value);
        let literal = r
            .name
            .and_then(|i| c.get(i).or_else(|| c.get(i + 1)))
            .is_some_and(|m| m.as_str().starts_with('"'));
        if r.kind == K::ChildProcess && literal {
            // The program is named in the source, not chosen at run time.
            "literal".clone_into(&mut it.value);
        }
        it.traits = r.traits.to_vec();
        out.push(it);
        // One fact per line: the rules are ordered from the most specific.
        break;
    }
}

/// Go source.
pub(super) fn go(path: &str, text: &str) -> Vec<DesignItem> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (n, line) in code_lines(text, "//") {
        let t = line.trim_start();
        // A declaration is not a call, unless its body sits on the same line.
        let one_line_body = t
            .split_once('{')
            .is_some_and(|(_, body)| !body.trim().trim_end_matches('}').trim().is_empty());
        if (t.starts_with("func ") && !one_line_body)
            || t.starts_with("import ")
            || t.starts_with('"')
        {
            continue;
        }
        let before = out.len();
        apply(&GO, path, n, line, &mut out);
        if out.len() == before {
            if let Some(f) = go_flag(path, n, line) {
                out.push(f);
            }
        } else if let Some(last) = out.last_mut()
            && matches!(last.kind, K::Controller | K::WebhookHandler)
            && last.name.is_empty()
        {
            // The reconciled type is named on the builder's next lines.
            if let Some(c) = lines
                .iter()
                .skip(n)
                .take(4)
                .find_map(|l| FOR_TYPE.captures(l))
            {
                c[1].clone_into(&mut last.value);
            }
        }
    }
    out
}

/// Split a call's arguments at top-level commas (strings and brackets respected).
fn call_args(s: &str) -> Vec<&str> {
    let mut args = Vec::new();
    let (mut depth, mut in_str, mut start) = (0i32, false, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '"' | '`' => in_str = !in_str,
            '(' | '[' | '{' if !in_str => depth += 1,
            ')' | ']' | '}' if !in_str => {
                if depth == 0 {
                    args.push(s[start..i].trim());
                    return args;
                }
                depth -= 1;
            }
            ',' if !in_str && depth == 0 => {
                args.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(s[start..].trim());
    args
}

/// A flag whose name carries an address or port, with its default as written.
fn go_flag(path: &str, n: usize, line: &str) -> Option<DesignItem> {
    // Cheap test first: a flag definition names itself in a string literal.
    if !line.contains('"') || !ADDRESS_WORD.is_match(line) {
        return None;
    }
    if let Some(c) = KINGPIN_FLAG.captures(line) {
        let name = c.get(1)?.as_str();
        if !ADDRESS_NAME.is_match(name) {
            return None;
        }
        let mut it = item(K::ListenFlag, path, n, line);
        name.clone_into(&mut it.name);
        it.value = c.get(2).map(|m| m.as_str().to_owned()).unwrap_or_default();
        return Some(it);
    }
    let c = GO_FLAG.captures(line)?;
    let whole = c.get(0)?;
    let args = call_args(&line[whole.end()..]);
    // A flag definition takes a name, a default and a usage text, after the target of a
    // `Var` form and before them the shorthand of a `P` form; loggers' `String(k, v)` do not.
    let expected = 3 + usize::from(c.get(2).is_some()) + usize::from(c.get(3).is_some());
    if args.len() != expected {
        return None;
    }
    let mut i = usize::from(c.get(2).is_some());
    let name = args.get(i)?.strip_prefix('"')?.strip_suffix('"')?;
    if !ADDRESS_NAME.is_match(name) || name.contains(' ') {
        return None;
    }
    i += 1 + usize::from(c.get(3).is_some());
    let mut it = item(K::ListenFlag, path, n, line);
    name.clone_into(&mut it.name);
    it.value = args
        .get(i)
        .map(|d| d.trim_matches('"').to_owned())
        .unwrap_or_default();
    Some(it)
}

/// Rust source.
pub(super) fn rust(path: &str, text: &str) -> Vec<DesignItem> {
    let mut out = Vec::new();
    for (n, line) in code_lines(text, "//") {
        apply(&RUST, path, n, line, &mut out);
    }
    out
}

/// Python source.
pub(super) fn python(path: &str, text: &str) -> Vec<DesignItem> {
    let mut out = Vec::new();
    let urls = path.ends_with("urls.py");
    for (n, line) in code_lines(text, "#") {
        if urls && let Some(c) = DJANGO_PATH.captures(line) {
            let mut it = item(K::Route, path, n, line);
            it.name = format!("/{}", c[1].trim_start_matches('^').trim_start_matches('/'));
            out.push(it);
            continue;
        }
        apply(&PYTHON, path, n, line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(items: &[DesignItem]) -> Vec<(ItemKind, u32, &str, &str)> {
        items
            .iter()
            .map(|i| (i.kind, i.line, i.name.as_str(), i.value.as_str()))
            .collect()
    }

    #[test]
    fn a_generic_grpc_registration_is_named_by_its_package() {
        let src = "package otlpreceiver\n\
            func (r *R) start() {\n\
            \tptraceotlp.RegisterGRPCServer(r.server, r.traces)\n\
            }\n";
        let items = go("receiver/otlp.go", src);
        assert_eq!(kinds(&items), vec![(K::GrpcService, 3, "ptraceotlp", "")]);
    }

    #[test]
    fn go_listeners_routes_and_flags() {
        let src = "package main\n\
            // http.ListenAndServe(\":1\", nil) in a comment\n\
            func main() {\n\
            \tfs.StringVar(&addr, \"metrics-bind-address\", \":8080\", \"where to serve\")\n\
            \tport := flag.Int(\"port\", 9443, \"webhook port\")\n\
            \tmux.HandleFunc(\"/healthz\", ok)\n\
            \tr.GET(\"/api/v1/items\", list)\n\
            \ts := grpc.NewServer()\n\
            \tpb.RegisterQueryServer(s, q)\n\
            \tlog.Fatal(http.ListenAndServe(addr, mux))\n\
            \tln, _ := net.Listen(\"tcp\", \":9000\")\n\
            \ttoken := os.Getenv(\"API_TOKEN\")\n\
            \tcert, _ := tls.LoadX509KeyPair(c, k)\n\
            \ts, _ := cs.CoreV1().Secrets(ns).Get(ctx, n, opts)\n\
            }\n\
            func (s *Server) ListenAndServe() error {\n";
        let items = go("cmd/api/main.go", src);
        assert_eq!(
            kinds(&items),
            vec![
                (K::ListenFlag, 4, "metrics-bind-address", ":8080"),
                (K::ListenFlag, 5, "port", "9443"),
                (K::Route, 6, "/healthz", "HandleFunc"),
                (K::Route, 7, "/api/v1/items", "GET"),
                (K::GrpcServer, 8, "", ""),
                (K::GrpcService, 9, "Query", ""),
                (K::HttpListener, 10, "", "addr"),
                (K::SocketListener, 11, "tcp", ":9000"),
                (K::EnvRead, 12, "API_TOKEN", ""),
                (K::KeyMaterial, 13, "", ""),
                (K::SecretAccess, 14, "", "Get"),
            ]
        );
        assert!(items.iter().all(|i| i.component == "api"));
    }

    #[test]
    fn kingpin_flags_and_controllers() {
        let src = "a.Flag(\"web.listen-address\", \"Address to listen on.\").Default(\":9090\").String()\n\
            err := ctrl.NewControllerManagedBy(mgr).\n\
            \tFor(&v1alpha1.Widget{}).\n";
        let mut items = go("pkg/x/y.go", src);
        items.extend(go(
            "pkg/x/z.go",
            "flags.String(\"trace-exporter\", \"otlp\", \"which exporter\")\nzap.String(\"http.host-port\", addr)\n",
        ));
        assert_eq!(
            kinds(&items),
            vec![
                (K::ListenFlag, 1, "web.listen-address", ":9090"),
                (K::Controller, 2, "", "Widget"),
            ]
        );
    }

    #[test]
    fn child_processes_name_the_program_not_an_argument() {
        let src = "cmd := exec.Command(shell, \"-c\", script)\n\
            out := exec.CommandContext(context.TODO(), \"ovs-ofctl\", args...)\n";
        assert_eq!(
            kinds(&go("pkg/ovs/x.go", src)),
            vec![
                (K::ChildProcess, 1, "shell", ""),
                (K::ChildProcess, 2, "ovs-ofctl", "literal")
            ]
        );
    }

    #[test]
    fn rust_and_python() {
        let rs = "let app = Router::new().route(\"/health\", get(h));\n\
            let l = TcpListener::bind(\"0.0.0.0:3000\").await?;\n\
            axum::serve(l, app).await?;\n";
        assert_eq!(
            kinds(&rust("src/main.rs", rs)),
            vec![
                (K::Route, 1, "/health", ""),
                (K::SocketListener, 2, "", "0.0.0.0:3000"),
                (K::HttpListener, 3, "", ""),
            ]
        );
        let py = "@app.route(\"/login\", methods=[\"POST\"])\n# app.run()\nport = os.environ[\"PORT\"]\n";
        assert_eq!(
            kinds(&python("app/web.py", py)),
            vec![(K::Route, 1, "/login", ""), (K::EnvRead, 3, "PORT", "")]
        );
    }
}
