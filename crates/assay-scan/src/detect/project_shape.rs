//! What the project is and is made of, for the assessment's overview: the README's own
//! description, design documents, the programs it builds, and vulnerabilities it has
//! already published.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Status, detail, vocabulary};
use regex::Regex;
use serde_json::json;

use super::{Detector, cap_evidence, is_foreign};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::{EntryKind, FileEntry};

pub struct ProjectShape;

static VULN_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(CVE-\d{4}-\d{4,7}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static DESIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)design|architecture|overview|concepts|internals|how[-_ ]it[-_ ]works")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

fn is_readme(path: &str) -> bool {
    !path.contains('/') && path.to_ascii_uppercase().starts_with("README")
}

/// Files where a project lists its published vulnerabilities.
fn is_vuln_record(entry: &FileEntry) -> bool {
    let upper = entry.path.to_ascii_uppercase();
    let name = upper.rsplit('/').next().unwrap_or(&upper);
    entry.size.is_some_and(|s| s < 4 * 1024 * 1024)
        && !is_foreign(&entry.path)
        && (name.starts_with("CHANGELOG")
            || name.starts_with("CHANGES")
            || name.starts_with("RELEASE")
            || name.starts_with("SECURITY")
            || upper.starts_with("CHANGELOG/")
            || upper.contains("ADVISOR")
            || (upper.starts_with("DOCS/") && upper.contains("SECURITY")))
}

fn is_design_doc(entry: &FileEntry) -> bool {
    let p = entry.path.as_str();
    let lower = p.to_ascii_lowercase();
    (lower.starts_with("docs/") || lower.starts_with("doc/") || lower.starts_with("design/"))
        && (lower.ends_with(".md") || lower.ends_with(".rst"))
        && lower.matches('/').count() <= 3
        && DESIGN.is_match(p.rsplit('/').next().unwrap_or(p))
}

impl Detector for ProjectShape {
    fn name(&self) -> &'static str {
        "project-shape"
    }

    fn doc(&self) -> &'static str {
        "Reads the README's first descriptive sentence (skipping headings, badges, HTML and \
         links-only lines); lists design and architecture documents; lists the programs the \
         tree builds, each cited where its entry point is declared (Go `package main` in a \
         main.go or under cmd/, Cargo binaries, Python console scripts, npm `bin`), leaving \
         out examples, tests, e2e helpers, hack/ and tools/ programs, files built only with \
         `//go:build ignore`, and code generators (protoc plugins, programs documented as \
         generating, programs carrying Go source templates); and collects CVE and GHSA ids \
         mentioned in changelogs, release notes, advisories and security documents, each \
         cited by line. These seed the overview and the appendix of a draft."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        is_readme(&entry.path)
            || is_vuln_record(entry)
            || is_go_program_candidate(entry)
            || is_program_manifest(entry)
            || super::tool_use::is_build_file(entry)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(f) = description(cx) {
            out.push(f);
        }
        let design: Vec<Evidence> = cx
            .snapshot
            .files()
            .iter()
            .filter(|e| is_design_doc(e))
            .map(|e| Evidence::file(e.path.clone()))
            .collect();
        if !design.is_empty() {
            let mut f = Finding::of(
                &v::ARCHITECTURE,
                "architecture",
                format!(
                    "Design and architecture: {} documentation page(s)",
                    design.len()
                ),
                Status::Present,
            )
            .with_detail("pages", design.len());
            f.evidence = design;
            cap_evidence(&mut f);
            out.push(f);
        }
        if let Some(f) = components(cx) {
            out.push(f);
        }
        if let Some(f) = known_vulnerabilities(cx) {
            out.push(f);
        }
        out
    }
}

/// Headings under which a README gives steps, not a description.
pub(crate) fn is_setup_heading(heading: &str) -> bool {
    SETUP_HEADING.is_match(heading)
}

static SETUP_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:install\w*|quick ?start|getting started|get started|build\w*|usage|contribut\w*|licen[cs]e|badges?|table of contents|contents|prerequisites|requirements|setup|set up|download\w*|news|announcements?|releases?|sponsors?|support|community|faq|development)\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
/// A line that announces something (a release, an event, a move) rather than describing.
static ANNOUNCEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bis out\b|\bannounc\w*|\bnow available\b|\bwe(?:'re| are) (?:excited|happy|pleased)\b|\bjoin us\b|\bkubecon\b|\bwebinar\b|\bblog post\b|\btry it out\b|\bhas moved\b|\bdeprecated\b|\blooking for (?:maintainers|contributors)\b|^(?:note|warning|important|tip|news)\b|\bv\d+(?:\.\d+)* (?:is|was|has been) released\b|[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// A greeting or a line of emoji shortcodes (`:wave:`), not a description.
static GREETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*welcome\b|:[a-z_]+:").unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

fn description(cx: &Context) -> Option<Finding> {
    let readme = cx.snapshot.files().iter().find(|f| is_readme(&f.path))?;
    let text = cx.text(&readme.path)?;
    let mut in_code = false;
    let mut in_comment = false;
    let mut heading = String::new();
    // Set inside a paragraph that opened with an announcement or a note: its other lines
    // are not a description either.
    let mut skip_paragraph = false;
    for (n, line) in text.lines().enumerate().take(200) {
        let t = line.trim();
        if t.is_empty() {
            skip_paragraph = false;
        }
        if t.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code && t.starts_with('#') {
            t.trim_start_matches('#').trim().clone_into(&mut heading);
            continue;
        }
        // An HTML comment is a note to maintainers, not the project's description.
        if in_comment || t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        let link_only = t.starts_with('[') && (t.ends_with(')') || t.ends_with(']'));
        if in_code
            || t.is_empty()
            || t.starts_with('#')
            || t.starts_with('<')
            || t.starts_with('!')
            || t.starts_with("[![")
            || t.starts_with('|')
            || t.starts_with('>')
            || t.starts_with("---")
            || t.starts_with("===")
            || link_only
            || t.split_whitespace().count() < 5
            || t.starts_with('$')
            || is_setup_heading(&heading)
            || skip_paragraph
        {
            continue;
        }
        if ANNOUNCEMENT.is_match(t.trim_start_matches(|c: char| !c.is_alphanumeric()))
            || GREETING.is_match(t)
        {
            skip_paragraph = true;
            continue;
        }
        // The paragraph this line opens, as plain text, up to its first sentence.
        let paragraph: Vec<&str> = text
            .lines()
            .skip(n)
            .take(12)
            .map(str::trim)
            .take_while(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        // Links to their text and emphasis dropped; any HTML stays as text, escaped later.
        let plain = MD_LINK
            .replace_all(&paragraph.join(" "), "$1")
            .replace("**", "")
            .replace("__", "");
        let sentence = match plain.find(". ") {
            Some(i) => plain[..=i].to_owned(),
            None => plain,
        };
        let mut f = Finding::of(
            &v::README_DESCRIPTION,
            "description",
            "The README describes the project",
            Status::Present,
        )
        .with_detail("sentence", assay_model::clean_excerpt(&sentence));
        f.evidence.push(Evidence::at(
            readme.path.clone(),
            u32::try_from(n + 1).unwrap_or(u32::MAX),
            t,
        ));
        return Some(f);
    }
    None
}

/// Folders whose programs are examples, tests, generators or developer tooling, not parts
/// of the running system: `examples/`, `test/`, `hack/`, `tools/`, e2e and integration
/// trees, samples and generated code.
fn is_tooling_dir(component: &str) -> bool {
    let c = component.to_ascii_lowercase();
    matches!(
        c.as_str(),
        "test"
            | "tests"
            | "testing"
            | "testdata"
            | "testutil"
            | "hack"
            | "tools"
            | "tool"
            | "script"
            | "scripts"
            | "docs"
            | "doc"
            | "fixtures"
            | "bench"
            | "benches"
            | "benchmarks"
            | "generated"
            | "xtask"
            | "fuzz"
            | "template"
            | "templates"
    ) || c.starts_with("example")
        || c.starts_with("_example")
        || c.starts_with("sample")
        || c == "e2e"
        || c.starts_with("e2e-")
        || c.starts_with("e2e_")
        || c.ends_with("-e2e")
        || c == "integration"
        || c.starts_with("integration-")
        || c.starts_with("integration_")
}

/// A program named for a role outside the running system: a test tool (`savetracetest`,
/// `external_plugin_test_server`), a benchmark, an example, a code generator (`gen-manpages`,
/// `esmapping-generator`).
fn is_tooling_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("test")
        || n.ends_with("test")
        || n.ends_with("tests")
        || n.split(['-', '_']).any(|w| {
            matches!(
                w,
                "test"
                    | "tests"
                    | "e2e"
                    | "bench"
                    | "benchmark"
                    | "example"
                    | "sample"
                    | "mock"
                    | "gen"
                    | "generator"
                    | "codegen"
            )
        })
}

fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn in_tooling(dir: &str) -> bool {
    !dir.is_empty() && dir.split('/').any(is_tooling_dir)
}

/// Go files that may declare a program: any `main.go`, and every file of a folder at most
/// two levels under a `cmd` folder (`cmd/x/*.go`, `cmd/cli/x/*.go`), whatever its name.
fn is_go_program_candidate(entry: &FileEntry) -> bool {
    let p = entry.path.as_str();
    if !p.ends_with(".go")
        || p.ends_with("_test.go")
        || entry.kind != EntryKind::File
        || is_foreign(p)
        || in_tooling(parent_dir(p))
    {
        return false;
    }
    let name = p.rsplit('/').next().unwrap_or(p);
    let dirs: Vec<&str> = parent_dir(p).split('/').filter(|c| !c.is_empty()).collect();
    name == "main.go"
        || dirs
            .iter()
            .rposition(|c| *c == "cmd")
            .is_some_and(|i| dirs.len() - i <= 3)
}

/// Manifests that declare programs: Cargo binaries, Python console scripts, npm `bin`.
fn is_program_manifest(entry: &FileEntry) -> bool {
    let p = entry.path.as_str();
    let name = p.rsplit('/').next().unwrap_or(p);
    entry.kind == EntryKind::File
        && !is_foreign(p)
        && !in_tooling(parent_dir(p))
        && (matches!(name, "Cargo.toml" | "pyproject.toml" | "package.json")
            || p == "go.mod"
            || is_rust_bin_source(p))
}

/// `src/main.rs` or `src/bin/*.rs` of a crate.
fn is_rust_bin_source(path: &str) -> bool {
    path == "src/main.rs"
        || path.ends_with("/src/main.rs")
        || parent_dir(path) == "src/bin" && path.ends_with(".rs")
        || parent_dir(path).ends_with("/src/bin") && path.ends_with(".rs")
}

fn line_no(n: usize) -> u32 {
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

/// What a Go file says about itself: its `package` clause line (1-based) and package name,
/// whether a build constraint keeps it out of every build (`//go:build ignore`), and
/// whether it is a code generator (a protoc plugin, or documented as generating).
struct GoFile<'t> {
    package: Option<(u32, &'t str, &'t str)>,
    ignored: bool,
    generator: bool,
    has_main: bool,
}

fn read_go_file(text: &str) -> GoFile<'_> {
    let mut out = GoFile {
        package: None,
        ignored: false,
        generator: false,
        has_main: false,
    };
    let mut doc = String::new();
    for (n, line) in text.lines().enumerate().take(2000) {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("package ") {
            let name = rest.split_whitespace().next().unwrap_or("");
            out.package = Some((line_no(n), name, line));
            // The package's doc comment is the comment block right above the clause.
            out.generator |= GENERATES.is_match(&doc);
            continue;
        }
        if out.package.is_none() {
            if t.starts_with("//go:build") || t.starts_with("// +build") {
                out.ignored |= t
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == "ignore");
            }
            if let Some(c) = t.strip_prefix("//") {
                doc.push_str(c);
                doc.push('\n');
            } else {
                doc.clear();
            }
        } else if t.contains("google.golang.org/protobuf/compiler/protogen")
            || t.contains("\"// Code generated ")
            || TEST_ONLY.is_match(t)
        {
            // A protoc plugin, a program that writes Go's generated-code header, or one
            // that says of itself it is for testing only: not a part of the running system.
            out.generator = true;
        } else if t.starts_with("func main()") {
            out.has_main = true;
        }
    }
    out
}

/// "Package main generates ...", "This program generates ...".
/// A program describing itself as a test binary ("testing only", "for test purposes only").
static TEST_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\btesting only\b|\btest purposes only\b|\bfor testing purposes\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static GENERATES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:generates|generator)\b")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// One program the tree builds, cited where its entry point is declared.
struct Program {
    name: String,
    evidence: Evidence,
}

/// Go main packages: a folder whose non-test files declare `package main`.
fn go_programs(cx: &Context, root_name: &str, out: &mut Vec<Program>) {
    // folder -> (cite, is a generator, the cited file defines main)
    let mut dirs: BTreeMap<&str, (Option<Evidence>, bool, bool)> = BTreeMap::new();
    for entry in cx
        .snapshot
        .files()
        .iter()
        .filter(|e| is_go_program_candidate(e) && !cx.third_party.contains(&e.path))
    {
        let Some(text) = cx.text(&entry.path) else {
            continue;
        };
        let file = read_go_file(text);
        let Some((line, "main", excerpt)) = file.package else {
            continue;
        };
        if file.ignored {
            continue;
        }
        let dir = parent_dir(&entry.path);
        let slot = dirs.entry(dir).or_default();
        slot.1 |= file.generator;
        // Cite main.go, else the file that defines func main, else the first file.
        let is_main_go = entry.path.ends_with("/main.go") || entry.path == "main.go";
        if slot.0.is_none() || is_main_go || (file.has_main && !slot.2) {
            slot.0 = Some(Evidence::at(entry.path.clone(), line, excerpt));
            slot.2 = file.has_main || is_main_go;
        }
    }
    // A program that carries Go source templates writes code: a generator.
    let templates: Vec<&str> = cx
        .snapshot
        .files()
        .iter()
        .filter(|e| e.path.ends_with(".go.tmpl") || e.path.ends_with(".go.tpl"))
        .map(|e| e.path.as_str())
        .collect();
    for (dir, (evidence, generator, _)) in dirs {
        let Some(evidence) = evidence else { continue };
        let writes_go = templates
            .iter()
            .any(|t| !dir.is_empty() && t.starts_with(&format!("{dir}/")));
        if generator || writes_go || only_generator_sources(cx, dir) {
            continue;
        }
        let mut parts = dir.rsplit('/');
        let last = parts.next().unwrap_or("");
        let name = match last {
            "" => go_module_name(cx).unwrap_or_else(|| root_name.to_owned()),
            "cmd" => parts.next().unwrap_or(root_name).to_owned(),
            other => other.to_owned(),
        };
        out.push(Program { name, evidence });
    }
}

/// A program whose every source file is named for generating (`genyaml.go`,
/// `gen_docs.go`) writes files for the developers.
fn only_generator_sources(cx: &Context, dir: &str) -> bool {
    if dir.is_empty() {
        return false;
    }
    let mut names = cx.snapshot.files().iter().filter_map(|e| {
        let rest = e.path.strip_prefix(dir)?.strip_prefix('/')?;
        (!rest.contains('/') && rest.ends_with(".go") && !rest.ends_with("_test.go"))
            .then_some(rest)
    });
    let mut any = false;
    let all = names.all(|n| {
        any = true;
        n.starts_with("gen")
    });
    any && all
}

/// The last element of the root module path (`github.com/x/flux/v2` -> `flux`).
fn go_module_name(cx: &Context) -> Option<String> {
    let text = cx.text("go.mod")?;
    let module = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("module "))?
        .trim()
        .trim_matches('"');
    module
        .rsplit('/')
        .find(|p| !(p.starts_with('v') && p[1..].chars().all(|c| c.is_ascii_digit())))
        .map(str::to_owned)
}

/// A TOML line `key = "value"`, as (key, value).
fn toml_pair(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once('=')?;
    let k = k.trim().trim_matches('"');
    let v = v.trim();
    let v = v.strip_prefix('"')?.split('"').next()?;
    Some((k, v))
}

/// Cargo binaries: each `[[bin]]` table (cited at its `name`), and a package's
/// `src/main.rs` and `src/bin/*.rs` (cited at `fn main`).
fn cargo_programs(cx: &Context, out: &mut Vec<Program>) {
    for entry in cx
        .snapshot
        .files()
        .iter()
        .filter(|e| is_program_manifest(e) && !cx.third_party.contains(&e.path))
    {
        let path = entry.path.as_str();
        if !(path == "Cargo.toml" || path.ends_with("/Cargo.toml")) {
            continue;
        }
        let Some(text) = cx.text(path) else { continue };
        let dir = parent_dir(path);
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let mut table = "";
        let mut package = None;
        let mut autobins = true;
        let mut bins_declared = Vec::new();
        // The `[[bin]]` being read: its name and where it is declared, and its source.
        let mut bin: Option<(String, Evidence)> = None;
        let mut bin_path: Option<String> = None;
        let mut flush = |bin: &mut Option<(String, Evidence)>, bin_path: &mut Option<String>| {
            if let Some((name, evidence)) = bin.take() {
                let source = bin_path.take().unwrap_or_default();
                bins_declared.push(name.clone());
                if !in_tooling(parent_dir(&format!("{prefix}{source}"))) {
                    out.push(Program { name, evidence });
                }
            }
        };
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.starts_with('[') {
                flush(&mut bin, &mut bin_path);
                table = t;
                continue;
            }
            let Some((k, v)) = toml_pair(t) else {
                if table == "[package]" && t.replace(' ', "") == "autobins=false" {
                    autobins = false;
                }
                continue;
            };
            match (table, k) {
                ("[package]", "name") => package = Some(v.to_owned()),
                ("[[bin]]", "name") => {
                    bin = Some((v.to_owned(), Evidence::at(path, line_no(n), line)));
                }
                ("[[bin]]", "path") => bin_path = Some(v.to_owned()),
                _ => {}
            }
        }
        flush(&mut bin, &mut bin_path);
        let Some(package) = package else { continue };
        if !autobins {
            continue;
        }
        let main_rs = format!("{prefix}src/main.rs");
        let bin_dir = format!("{prefix}src/bin/");
        for e in cx.snapshot.files() {
            let name = if e.path == main_rs {
                package.as_str()
            } else if let Some(rest) = e.path.strip_prefix(&bin_dir)
                && !rest.contains('/')
            {
                rest.strip_suffix(".rs").unwrap_or(rest)
            } else {
                continue;
            };
            if bins_declared.iter().any(|b| b == name) {
                continue;
            }
            let Some(text) = cx.text(&e.path) else {
                continue;
            };
            if let Some((n, line)) = text
                .lines()
                .enumerate()
                .find(|(_, l)| l.trim_start().starts_with("fn main(") || l.contains(" fn main("))
            {
                out.push(Program {
                    name: name.to_owned(),
                    evidence: Evidence::at(e.path.clone(), line_no(n), line),
                });
            }
        }
    }
}

/// Python console scripts (`[project.scripts]`, `[tool.poetry.scripts]`) and npm `bin`.
fn script_programs(cx: &Context, out: &mut Vec<Program>) {
    for entry in cx
        .snapshot
        .files()
        .iter()
        .filter(|e| is_program_manifest(e) && !cx.third_party.contains(&e.path))
    {
        let path = entry.path.as_str();
        let Some(text) = cx.text(path) else { continue };
        if path.ends_with("pyproject.toml") {
            let mut in_scripts = false;
            for (n, line) in text.lines().enumerate() {
                let t = line.trim();
                if t.starts_with('[') {
                    in_scripts = t == "[project.scripts]" || t == "[tool.poetry.scripts]";
                } else if in_scripts && let Some((k, _)) = toml_pair(t) {
                    out.push(Program {
                        name: k.to_owned(),
                        evidence: Evidence::at(path, line_no(n), line),
                    });
                }
            }
        } else if path.ends_with("package.json") {
            npm_bins(path, text, out);
        }
    }
}

fn npm_bins(path: &str, text: &str, out: &mut Vec<Program>) {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let names: Vec<String> = match json.get("bin") {
        Some(serde_json::Value::String(_)) => json
            .get("name")
            .and_then(serde_json::Value::as_str)
            .map(|n| n.rsplit('/').next().unwrap_or(n).to_owned())
            .into_iter()
            .collect(),
        Some(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
        _ => return,
    };
    let lines: Vec<&str> = text.lines().collect();
    let Some(bin_line) = lines.iter().position(|l| l.contains("\"bin\"")) else {
        return;
    };
    for name in names {
        let quoted = format!("\"{name}\"");
        let n = lines
            .iter()
            .enumerate()
            .skip(bin_line)
            .find(|(_, l)| l.contains(&quoted))
            .map_or(bin_line, |(n, _)| n);
        out.push(Program {
            name,
            evidence: Evidence::at(path, line_no(n), lines[n]),
        });
    }
}

fn components(cx: &Context) -> Option<Finding> {
    let root_name = cx.snapshot.root_name().unwrap_or_else(|| "main".to_owned());
    let mut programs = Vec::new();
    go_programs(cx, &root_name, &mut programs);
    cargo_programs(cx, &mut programs);
    script_programs(cx, &mut programs);
    // One entry per name: the first declaration (by path) is the one cited.
    programs.sort_by(|a, b| a.name.cmp(&b.name).then(a.evidence.cmp(&b.evidence)));
    programs.dedup_by(|a, b| a.name == b.name);
    programs.retain(|p| !is_tooling_name(&p.name));
    // Programs the build files use only as developer tools are not actors.
    let mut developer_tools = BTreeMap::new();
    programs.retain(|p| {
        let dir = parent_dir(&p.evidence.path);
        match super::tool_use::developer_tool_use(cx, dir, &p.name) {
            Some(e) => {
                developer_tools.insert(p.name.clone(), json!({"path": e.path, "line": e.line}));
                false
            }
            None => true,
        }
    });
    if programs.is_empty() {
        return None;
    }
    let names: Vec<&str> = programs.iter().map(|p| p.name.as_str()).collect();
    // Several programs can be declared in one file (Cargo `[[bin]]` tables): the line
    // tells them apart.
    let entry_points: BTreeMap<&str, serde_json::Value> = programs
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                json!({"path": p.evidence.path, "line": p.evidence.line}),
            )
        })
        .collect();
    let mut f = Finding::of(
        &vocabulary::COMPONENTS,
        "components",
        format!(
            "The tree has {} program entry point(s) (examples, tests, generators and developer tools left out): {}",
            names.len(),
            names
                .iter()
                .take(12)
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Status::Present,
    )
    .with_detail(detail::PROGRAMS, json!(names))
    .with_detail(detail::ENTRY_POINTS, json!(entry_points))
    .with_detail("developer_tools", json!(developer_tools));
    f.evidence = programs.into_iter().map(|p| p.evidence).collect();
    cap_evidence(&mut f);
    Some(f)
}

fn known_vulnerabilities(cx: &Context) -> Option<Finding> {
    let mut ids = BTreeSet::new();
    let mut evidence = Vec::new();
    for entry in cx.snapshot.files().iter().filter(|e| is_vuln_record(e)) {
        let Some(text) = cx.text(&entry.path) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            let mut new_here = false;
            for m in VULN_ID.find_iter(line) {
                new_here |= ids.insert(m.as_str().to_owned());
            }
            if new_here {
                evidence.push(Evidence::at(
                    entry.path.clone(),
                    u32::try_from(n + 1).unwrap_or(u32::MAX),
                    line,
                ));
            }
        }
    }
    if ids.is_empty() {
        return None;
    }
    let mut f = Finding::of(
        &v::KNOWN_VULNERABILITIES,
        "vulnerabilities",
        format!(
            "{} CVE or GHSA id(s) are mentioned in changelogs and security documents",
            ids.len()
        ),
        Status::Present,
    )
    .with_detail("ids", json!(ids.iter().take(200).collect::<Vec<_>>()))
    .with_detail("count", ids.len());
    f.evidence = evidence;
    cap_evidence(&mut f);
    Some(f)
}
