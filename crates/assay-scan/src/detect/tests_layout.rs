//! Where the tests live, how many test files per language, and whether CI runs them.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Status, vocabulary};
use regex::Regex;
use serde_json::json;

use super::{Detector, cap_evidence, is_foreign};
use crate::Context;
use crate::catalog::Catalog;
use crate::pipeline::CommandLine;
use crate::snapshot::{EntryKind, FileEntry};

pub struct TestLayout;

/// Test files per language, and per kind-naming directory.
/// For each, the count and the first file seen (to cite).
type KindCounts<'a> = (
    BTreeMap<&'a str, (usize, &'a str)>,
    BTreeMap<String, (usize, &'a str)>,
);

static RUNNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bgo\s+test\b|\bgotestsum\b|\bginkgo\b|\bcargo\s+(?:\+\S+\s+)?(?:test|nextest)\b|\bpytest\b|\btox\b|\bnox\b|\b(?:npm|pnpm|yarn)\s+(?:run\s+)?test\b|\bjest\b|\bvitest\b|\bmvnw?\b.*\b(?:test|verify)\b|\bgradlew?\b.*\btest\b|\bctest\b|\bbats\b|\bmake\s+(?:[\w-]+\s+)*(?:test|check)[\w-]*\b|\brspec\b|\bdotnet\s+test\b",
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Does one of the line's shell commands run a test runner? Not an assignment
/// (`GINKGO_SRC_DIR=vendor/.../ginkgo`), a `[ -d ... ]` check, an install, or a path that
/// only ends in a runner's name (`ln -sf build/ctest`).
fn runs_tests(line: &str) -> bool {
    crate::shell::commands(line).any(|command| {
        let words: Vec<&str> = command
            .split_whitespace()
            .skip_while(|w| matches!(*w, "if" | "!" | "then" | "elif" | "while" | "until" | "do"))
            .collect();
        let Some(first) = words.first() else {
            return false;
        };
        let assignments_only = crate::shell::only_assigns(words.iter().copied());
        if matches!(
            *first,
            "[" | "[[" | "test" | "ln" | "cp" | "mv" | "rm" | "echo" | "printf"
        ) || assignments_only
            || crate::shell::is_install(command)
        {
            return false;
        }
        RUNNER
            .find_iter(command)
            .any(|m| !command[..m.start()].ends_with(['/', '-', '_', '.', '=']))
    })
}

/// The language of a test file, by naming convention.
fn test_language(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let in_tests_dir = path
        .split('/')
        .any(|c| c == "tests" || c == "test" || c == "__tests__");
    if name.ends_with("_test.go") {
        return Some("Go");
    }
    if name.ends_with(".py") && (name.starts_with("test_") || name.ends_with("_test.py")) {
        return Some("Python");
    }
    if name.ends_with(".rs") && in_tests_dir {
        return Some("Rust");
    }
    for ext in ["ts", "tsx", "js", "jsx", "mjs"] {
        if name.ends_with(&format!(".test.{ext}")) || name.ends_with(&format!(".spec.{ext}")) {
            return Some(if ext.starts_with('t') {
                "TypeScript"
            } else {
                "JavaScript"
            });
        }
    }
    if (name.ends_with("Test.java") || name.ends_with("Tests.java")) && name.len() > 9 {
        return Some("Java");
    }
    if name.ends_with("Test.kt") || name.ends_with("Tests.kt") {
        return Some("Kotlin");
    }
    if name.ends_with("_spec.rb") || name.ends_with("_test.rb") {
        return Some("Ruby");
    }
    if ["_test.cc", "_test.cpp", "_unittest.cc", "_test.c"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        return Some("C/C++");
    }
    if name.ends_with("Tests.cs") || name.ends_with("Test.cs") {
        return Some("C#");
    }
    if name.ends_with(".bats") {
        return Some("Shell (bats)");
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Unit,
    Integration,
    E2e,
}

fn kind_of(path: &str) -> Kind {
    for c in path.split('/') {
        let c = c.to_ascii_lowercase();
        if c == "e2e"
            || c.starts_with("e2e_")
            || c.starts_with("e2e-")
            || c.ends_with("-e2e")
            || c == "end-to-end"
        {
            return Kind::E2e;
        }
        if c == "integration" || c.starts_with("integration_") || c.starts_with("integration-") {
            return Kind::Integration;
        }
    }
    Kind::Unit
}

/// The directory that names the kind, e.g. `test/e2e` for `test/e2e/foo/bar_test.go`.
fn kind_root(path: &str) -> String {
    let mut out = Vec::new();
    for c in path.split('/') {
        out.push(c);
        if kind_of(c) != Kind::Unit {
            break;
        }
    }
    out.join("/")
}

impl Detector for TestLayout {
    fn name(&self) -> &'static str {
        "tests"
    }

    fn doc(&self) -> &'static str {
        "Counts test files per language by naming convention (Go _test.go, Python test_*.py, \
         Rust files under tests/, *.test.ts, *Test.java, *_spec.rb ...), outside vendored \
         and test-data trees; sorts them into unit, integration and end-to-end by folder \
         name; and cites the CI lines (or the make targets and scripts CI calls) that run a \
         test runner. Test files that nothing in CI runs are partial. Also finds fuzz \
         targets in the project's own code wherever they live: Go fuzz tests \
         (func FuzzXxx(f *testing.F)) in any _test.go, libFuzzer, cargo-fuzz, AFL and \
         honggfuzz harnesses under fuzz folders, and an OSS-Fuzz project.yaml beside its \
         build.sh."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        is_fuzz_candidate(entry)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut per_kind: BTreeMap<Kind, KindCounts> = BTreeMap::new();
        for f in cx.snapshot.files() {
            if f.kind != EntryKind::File || is_foreign(&f.path) {
                continue;
            }
            if let Some(lang) = test_language(&f.path) {
                let kind = kind_of(&f.path);
                let slot = per_kind.entry(kind).or_default();
                slot.0.entry(lang).or_insert((0, &f.path)).0 += 1;
                if kind != Kind::Unit {
                    slot.1.entry(kind_root(&f.path)).or_insert((0, &f.path)).0 += 1;
                }
            }
        }
        let runner_lines: Vec<&CommandLine> = cx
            .pipeline
            .lines
            .iter()
            .filter(|l| runs_tests(&l.text))
            .collect();
        let mut out = Vec::new();
        for (kind, id, label) in [
            (Kind::Unit, &v::UNIT_TESTS, "Unit tests"),
            (
                Kind::Integration,
                &v::INTEGRATION_TESTS,
                "Integration tests",
            ),
            (Kind::E2e, &v::E2E_TESTS, "End-to-end tests"),
        ] {
            let Some((langs, dirs)) = per_kind.get(&kind) else {
                if kind == Kind::Unit {
                    out.push(Finding::of(
                        id,
                        "tests",
                        "No test files found by naming convention",
                        Status::Absent,
                    ));
                }
                continue;
            };
            let total: usize = langs.values().map(|v| v.0).sum();
            let relevant = |l: &&&CommandLine| match kind {
                Kind::Unit => true,
                _ => {
                    dirs.keys().any(|d| l.text.contains(d.as_str()))
                        || l.text.to_ascii_lowercase().contains(match kind {
                            Kind::E2e => "e2e",
                            _ => "integration",
                        })
                }
            };
            let in_ci: Vec<Evidence> = runner_lines
                .iter()
                .filter(|l| l.reached)
                .filter(relevant)
                .map(|l| Evidence::at(l.path.clone(), l.line, l.quote()))
                .collect();
            let local: Vec<Evidence> = runner_lines
                .iter()
                .filter(|l| !l.reached)
                .filter(relevant)
                .map(|l| Evidence::at(l.path.clone(), l.line, l.quote()))
                .collect();
            let status = if in_ci.is_empty() {
                Status::Partial
            } else {
                Status::Present
            };
            let where_ = if in_ci.is_empty() {
                "assay traced no CI step that runs them"
            } else {
                "CI runs them"
            };
            let mut f = Finding::of(
                id,
                "tests",
                format!("{label}: {total} test files; {where_}"),
                status,
            )
            .with_detail(
                "files_by_language",
                json!(
                    langs
                        .iter()
                        .map(|(l, v)| (*l, v.0))
                        .collect::<BTreeMap<_, _>>()
                ),
            )
            .with_detail("in_ci", !in_ci.is_empty());
            if !dirs.is_empty() {
                f = f.with_detail(
                    "directories",
                    json!(
                        dirs.iter()
                            .map(|(d, v)| (d.clone(), v.0))
                            .collect::<BTreeMap<_, _>>()
                    ),
                );
            }
            // One example file per directory (or language) so the count can be traced.
            let examples: Vec<&str> = if dirs.is_empty() {
                langs.values().map(|v| v.1).collect()
            } else {
                dirs.values().map(|v| v.1).collect()
            };
            f.evidence.extend(examples.into_iter().map(Evidence::file));
            f.evidence = in_ci.into_iter().chain(f.evidence).chain(local).collect();
            cap_evidence(&mut f);
            out.push(f);
        }
        out.extend(fuzz_targets(cx));
        out
    }
}

/// A Go native fuzz test: `func FuzzXxx(f *testing.F)`.
static GO_FUZZ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^func\s+Fuzz\w*\s*\(\s*\w+\s+\*testing\.F\s*\)")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Harness entry points of the native fuzzers, each with the name shown for it.
static HARNESSES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("libFuzzer", r"\bLLVMFuzzerTestOneInput\b"),
        (
            "cargo-fuzz",
            r"\bfuzz_target!\s*\(|(?m)^\s*cargo-fuzz\s*=\s*true\b",
        ),
        (
            "AFL",
            r"\b__AFL_LOOP\b|\b__AFL_FUZZ_TESTCASE_BUF\b|\bafl::fuzz!",
        ),
        ("honggfuzz", r"\bHF_ITER\b|\bhonggfuzz::fuzz!"),
    ]
    .into_iter()
    .map(|(name, re)| {
        (
            name,
            Regex::new(re).unwrap_or_else(|e| unreachable!("static regex: {e}")),
        )
    })
    .collect()
});

/// An OSS-Fuzz (or `ClusterFuzzLite`) project description names its repository, engines
/// or contact.
static OSS_FUZZ_PROJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^(?:main_repo|fuzzing_engines|primary_contact)\s*:")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// A folder that holds fuzzing harnesses: `fuzz/`, `fuzzing/`, `test/fuzzers/`, `oss-fuzz/`.
fn in_fuzz_tree(path: &str) -> bool {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    dir.split('/')
        .any(|c| c.to_ascii_lowercase().contains("fuzz"))
}

/// Files whose content can show a fuzz target in the project's own code.
fn is_fuzz_candidate(entry: &FileEntry) -> bool {
    let p = entry.path.as_str();
    if entry.kind != EntryKind::File || is_foreign(p) {
        return false;
    }
    let name = p.rsplit('/').next().unwrap_or(p);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    name.ends_with("_test.go")
        || name == "project.yaml"
        || (in_fuzz_tree(p)
            && (matches!(ext, "c" | "cc" | "cpp" | "cxx" | "rs") || name == "Cargo.toml"))
}

/// Fuzz targets anywhere in the project's own tree (third-party trees left out): Go fuzz
/// tests in any `_test.go`, libFuzzer / cargo-fuzz / AFL / honggfuzz harnesses in fuzz
/// folders, and an OSS-Fuzz project description with its build script.
fn fuzz_targets(cx: &Context) -> Option<Finding> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut go_functions = 0;
    let mut evidence = Vec::new();
    let mut candidates: Vec<&FileEntry> = cx
        .snapshot
        .files()
        .iter()
        .filter(|e| is_fuzz_candidate(e) && !cx.third_party.contains(&e.path))
        .collect();
    candidates.sort_by(|a, b| a.path.cmp(&b.path));
    for entry in candidates {
        let path = entry.path.as_str();
        let Some(text) = cx.text(path) else { continue };
        let cite = |offset: usize| {
            let n = text[..offset].matches('\n').count();
            Evidence::at(
                path,
                u32::try_from(n + 1).unwrap_or(u32::MAX),
                text.lines().nth(n).unwrap_or(""),
            )
        };
        if path.ends_with("_test.go") {
            let found = GO_FUZZ.find_iter(text).count();
            if let Some(m) = GO_FUZZ.find(text) {
                go_functions += found;
                *counts.entry("Go fuzz test files").or_default() += 1;
                evidence.push(cite(m.start()));
            }
        } else if path.ends_with("project.yaml") {
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
            let build = if dir.is_empty() {
                "build.sh".to_owned()
            } else {
                format!("{dir}/build.sh")
            };
            if let Some(m) = OSS_FUZZ_PROJECT.find(text)
                && cx.snapshot.exists(&build)
            {
                *counts.entry("OSS-Fuzz project descriptions").or_default() += 1;
                evidence.push(cite(m.start()));
                evidence.push(Evidence::file(build));
            }
        } else if let Some((name, m)) = HARNESSES
            .iter()
            .find_map(|(name, re)| re.find(text).map(|m| (*name, m)))
        {
            *counts.entry(name).or_default() += 1;
            evidence.push(cite(m.start()));
        }
    }
    if counts.is_empty() {
        return None;
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(kind, n)| match *kind {
            "Go fuzz test files" => format!(
                "{go_functions} Go fuzz test(s) (func FuzzXxx(f *testing.F)) in {n} file(s)"
            ),
            "OSS-Fuzz project descriptions" => {
                format!("{n} OSS-Fuzz project description(s) with a build script")
            }
            harness => format!("{n} {harness} harness file(s)"),
        })
        .collect();
    let mut f = Finding::of(
        &vocabulary::FUZZ_TARGETS,
        "fuzz-targets",
        format!(
            "Fuzz targets in the project's own code: {}",
            parts.join(", ")
        ),
        Status::Present,
    )
    .with_detail("files_by_kind", json!(counts))
    .with_detail("go_fuzz_tests", go_functions);
    f.evidence = evidence;
    cap_evidence(&mut f);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_command_that_starts_a_runner_runs_tests() {
        assert!(runs_tests("go test ./..."));
        assert!(runs_tests("cd pkg && ginkgo -r"));
        assert!(!runs_tests(
            r#"GINKGO_SRC_DIR="vendor/github.com/onsi/ginkgo/v2/ginkgo""#
        ));
        assert!(!runs_tests(r#"if [ ! -d "$GINKGO_SRC_DIR" ]; then"#));
        assert!(!runs_tests("ln -sf /usr/bin/ctest build/ctest"));
        assert!(!runs_tests(
            "go install github.com/onsi/ginkgo/v2/ginkgo@latest"
        ));
    }

    #[test]
    fn test_files_by_convention() {
        assert_eq!(test_language("pkg/a/b_test.go"), Some("Go"));
        assert_eq!(test_language("tests/test_x.py"), Some("Python"));
        assert_eq!(test_language("tests/cli.rs"), Some("Rust"));
        assert_eq!(test_language("src/main.rs"), None);
        assert_eq!(test_language("web/a.spec.ts"), Some("TypeScript"));
        assert_eq!(test_language("Test.java"), None);
    }

    #[test]
    fn kinds_by_folder() {
        assert!(matches!(kind_of("test/e2e/x_test.go"), Kind::E2e));
        assert!(matches!(
            kind_of("test/integration/agent/x_test.go"),
            Kind::Integration
        ));
        assert!(matches!(kind_of("pkg/x_test.go"), Kind::Unit));
        assert_eq!(kind_root("test/e2e/foo/x_test.go"), "test/e2e");
    }
}
