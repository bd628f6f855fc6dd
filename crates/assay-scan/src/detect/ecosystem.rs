//! Languages, package manifests, container images, Kubernetes artefacts and licence.

use std::collections::BTreeMap;

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Status};
use serde_json::json;

use super::{Detector, cap_evidence, is_foreign};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::{EntryKind, FileEntry};

pub struct Ecosystem;

const MAX_DOCKERFILES: usize = 300;
const MAX_CRD_CANDIDATES: usize = 500;

fn language_of(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "go" => "Go",
        "rs" => "Rust",
        "py" => "Python",
        "js" | "mjs" | "cjs" | "jsx" => "JavaScript",
        "ts" | "tsx" | "mts" => "TypeScript",
        "java" => "Java",
        "kt" | "kts" => "Kotlin",
        "scala" => "Scala",
        "rb" => "Ruby",
        "php" => "PHP",
        "c" | "h" => "C",
        "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" => "C++",
        "cs" => "C#",
        "swift" => "Swift",
        "m" | "mm" => "Objective-C",
        "sh" | "bash" => "Shell",
        "ps1" | "psm1" => "PowerShell",
        "lua" => "Lua",
        "ex" | "exs" => "Elixir",
        "erl" => "Erlang",
        "hs" => "Haskell",
        "clj" => "Clojure",
        "dart" => "Dart",
        "zig" => "Zig",
        "rego" => "Rego",
        "proto" => "Protocol Buffers",
        "tf" => "HCL",
        "vue" => "Vue",
        "svelte" => "Svelte",
        "pl" | "pm" => "Perl",
        "r" | "R" => "R",
        "jl" => "Julia",
        "nix" => "Nix",
        "star" | "bzl" => "Starlark",
        _ => return None,
    })
}

/// Generated code inflates a language's share without being written by anyone.
fn is_generated(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("zz_generated")
        || name.ends_with(".pb.go")
        || name.ends_with(".pb.gw.go")
        || name.ends_with("_generated.go")
        || name.ends_with(".gen.go")
        || name.ends_with(".min.js")
        || name.ends_with("_pb2.py")
        || path
            .split('/')
            .any(|c| c == "generated" || c == "zz_generated" || c == "dist")
}

fn manifest_ecosystem(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    Some(match name {
        "go.mod" => "Go modules",
        "Cargo.toml" => "Cargo",
        "package.json" => "npm",
        "pom.xml" => "Maven",
        "build.gradle" | "build.gradle.kts" => "Gradle",
        "pyproject.toml" | "setup.py" | "setup.cfg" | "Pipfile" => "Python packaging",
        "Gemfile" => "Bundler",
        "composer.json" => "Composer",
        "mix.exs" => "Mix",
        "Package.swift" => "Swift Package Manager",
        "pubspec.yaml" => "Pub",
        _ if name.starts_with("requirements") && name.ends_with(".txt") => "pip requirements",
        _ if name.ends_with(".csproj") => "NuGet",
        _ => return None,
    })
}

fn is_dockerfile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "Dockerfile"
        || name == "Containerfile"
        || (name.starts_with("Dockerfile.") && !name.ends_with(".dockerignore"))
        || name.starts_with("Dockerfile-")
        || name.starts_with("Dockerfile_")
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
}

/// `FROM ${TARGETOS}` or `FROM ${TARGETARCH}-base`: a build argument that can only pick one
/// of the file's own stages (`linux`, `amd64-base`) is not a base image.
fn names_a_stage(image: &str, stages: &[String]) -> bool {
    if !image.contains('$') || stages.is_empty() {
        return false;
    }
    // A lone build argument can name anything (`$BASE_IMAGE`), except BuildKit's own
    // platform arguments, which name a platform and so, in `FROM`, a stage named for it.
    let lone = image.trim_start_matches('$').trim_matches(['{', '}']);
    if lone.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return matches!(
            lone,
            "TARGETOS"
                | "TARGETARCH"
                | "TARGETPLATFORM"
                | "TARGETVARIANT"
                | "BUILDOS"
                | "BUILDARCH"
        ) && stages.iter().any(|s| {
            matches!(
                s.as_str(),
                "linux"
                    | "windows"
                    | "darwin"
                    | "amd64"
                    | "arm64"
                    | "arm"
                    | "386"
                    | "ppc64le"
                    | "s390x"
                    | "riscv64"
            )
        });
    }
    // The reference as a pattern: each `${VAR}` or `$VAR` stands for any text.
    let mut pattern = String::from("^");
    let mut rest = image.to_ascii_lowercase();
    while let Some(i) = rest.find('$') {
        pattern.push_str(&regex::escape(&rest[..i]));
        pattern.push_str(".+");
        let after = &rest[i + 1..];
        let skip = if let Some(inner) = after.strip_prefix('{') {
            inner.find('}').map_or(after.len(), |j| j + 2)
        } else {
            after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len())
        };
        rest = after[skip.min(after.len())..].to_owned();
    }
    pattern.push_str(&regex::escape(&rest));
    pattern.push('$');
    regex::Regex::new(&pattern).is_ok_and(|re| stages.iter().any(|s| re.is_match(s)))
}

fn is_crd_candidate(entry: &FileEntry) -> bool {
    let lower = entry.path.to_ascii_lowercase();
    (lower.ends_with(".yaml") || lower.ends_with(".yml"))
        && (lower.contains("crd") || lower.contains("customresourcedefinition"))
        && entry.size.is_some_and(|s| s < 1024 * 1024)
        && !is_foreign(&entry.path)
}

fn is_license_file(path: &str) -> bool {
    if path.contains('/') {
        return false;
    }
    let upper = path.to_ascii_uppercase();
    upper.starts_with("LICENSE") || upper.starts_with("LICENCE") || upper.starts_with("COPYING")
}

impl Detector for Ecosystem {
    fn name(&self) -> &'static str {
        "ecosystem"
    }

    fn doc(&self) -> &'static str {
        "Measures languages by bytes of source per file extension, leaving out vendored, \
         third-party, test-data and generated trees; lists package manifests; reads \
         Dockerfiles for their base images and whether each is pinned by digest; finds Helm \
         charts (Chart.yaml) and CustomResourceDefinitions; and names the licence by its \
         SPDX id from the LICENSE text's wording."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        (is_dockerfile(&entry.path) && !is_foreign(&entry.path))
            || is_crd_candidate(entry)
            || is_license_file(&entry.path)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let files: Vec<&FileEntry> = cx
            .snapshot
            .files()
            .iter()
            .filter(|f| f.kind == EntryKind::File && !is_foreign(&f.path))
            .collect();
        let mut out = vec![languages(&files)];
        out.extend(manifests(&files));
        out.extend(containers(cx, &files));
        out.extend(kubernetes(cx, &files));
        out.push(license(cx));
        out
    }
}

fn languages(files: &[&FileEntry]) -> Finding {
    let mut bytes: BTreeMap<&str, (u64, usize, &str)> = BTreeMap::new();
    for f in files {
        if is_generated(&f.path) {
            continue;
        }
        if let Some(lang) = language_of(&f.path) {
            let slot = bytes.entry(lang).or_insert((0, 0, f.path.as_str()));
            slot.0 += f.size.unwrap_or(0);
            slot.1 += 1;
        }
    }
    let total: u64 = bytes.values().map(|v| v.0).sum();
    let mut ranked: Vec<(&str, (u64, usize, &str))> = bytes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let share = |b: u64| {
        if total == 0 {
            0.0
        } else {
            (b as f64 * 1000.0 / total as f64).round() / 10.0
        }
    };
    let main: Vec<&(&str, (u64, usize, &str))> =
        ranked.iter().filter(|(_, v)| share(v.0) >= 1.0).collect();
    if main.is_empty() {
        return Finding::of(
            &v::LANGUAGES,
            "languages",
            "No source files in a known language",
            Status::Absent,
        );
    }
    let names: Vec<String> = main
        .iter()
        .map(|(l, v)| format!("{l} {}%", share(v.0)))
        .collect();
    let mut f = Finding::of(
        &v::LANGUAGES,
        "languages",
        format!("Languages by share of source bytes: {}", names.join(", ")),
        Status::Present,
    )
    .with_detail(
        "languages",
        ranked
            .iter()
            .map(|(l, v)| json!({"language": l, "bytes": v.0, "files": v.1, "percent": share(v.0)}))
            .collect::<Vec<_>>(),
    );
    // One example file per main language, so the figure can be traced.
    f.evidence = main.iter().map(|(_, v)| Evidence::file(v.2)).collect();
    cap_evidence(&mut f);
    f
}

fn manifests(files: &[&FileEntry]) -> Option<Finding> {
    let mut by_eco: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for f in files {
        if let Some(eco) = manifest_ecosystem(&f.path) {
            by_eco.entry(eco).or_default().push(&f.path);
        }
    }
    if by_eco.is_empty() {
        return None;
    }
    let mut f = Finding::of(
        &v::MANIFESTS,
        "packages",
        format!(
            "Package manifests: {}",
            by_eco.keys().copied().collect::<Vec<_>>().join(", ")
        ),
        Status::Present,
    )
    .with_detail(
        "counts",
        json!(
            by_eco
                .iter()
                .map(|(k, v)| (k.to_string(), v.len()))
                .collect::<BTreeMap<_, _>>()
        ),
    );
    // The shallowest manifest of each ecosystem is the project's own.
    for paths in by_eco.values() {
        if let Some(p) = paths.iter().min_by_key(|p| (p.matches('/').count(), **p)) {
            f.evidence.push(Evidence::file(*p));
        }
    }
    cap_evidence(&mut f);
    Some(f)
}

fn containers(cx: &Context, files: &[&FileEntry]) -> Vec<Finding> {
    let dockerfiles: Vec<&&FileEntry> = files
        .iter()
        .filter(|f| is_dockerfile(&f.path))
        .take(MAX_DOCKERFILES)
        .collect();
    if dockerfiles.is_empty() {
        return Vec::new();
    }
    let mut images: BTreeMap<String, usize> = BTreeMap::new();
    let mut pinned = Vec::new();
    let mut unpinned = Vec::new();
    for d in &dockerfiles {
        let Some(text) = cx.text(&d.path) else {
            continue;
        };
        let mut stages: Vec<String> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            let Some(rest) = t.strip_prefix("FROM ").or_else(|| t.strip_prefix("from ")) else {
                continue;
            };
            let mut parts = rest.split_whitespace().filter(|p| !p.starts_with("--"));
            let Some(image) = parts.next() else { continue };
            if let (Some(kw), Some(alias)) = (parts.next(), parts.next())
                && kw.eq_ignore_ascii_case("as")
            {
                stages.push(alias.to_ascii_lowercase());
            }
            if image == "scratch"
                || stages.contains(&image.to_ascii_lowercase())
                || names_a_stage(image, &stages)
            {
                continue;
            }
            *images
                .entry(image.split('@').next().unwrap_or(image).to_owned())
                .or_default() += 1;
            let ev = Evidence::at(
                d.path.clone(),
                u32::try_from(n + 1).unwrap_or(u32::MAX),
                line,
            );
            if image.contains("@sha256:") {
                pinned.push(ev);
            } else {
                unpinned.push(ev);
            }
        }
    }
    let mut f = Finding::of(
        &v::CONTAINER_IMAGES,
        "containers",
        format!(
            "{} Dockerfile(s) build on {} distinct base image(s)",
            dockerfiles.len(),
            images.len()
        ),
        Status::Present,
    )
    .with_detail("dockerfiles", dockerfiles.len())
    .with_detail("base_images", json!(images));
    f.evidence = dockerfiles
        .iter()
        .map(|d| Evidence::file(d.path.clone()))
        .collect();
    cap_evidence(&mut f);
    let total = pinned.len() + unpinned.len();
    let (status, title) = match (pinned.len(), unpinned.len()) {
        (0, 0) => (
            Status::Unknown,
            "No external base image found in the Dockerfiles".to_owned(),
        ),
        (p, 0) => (
            Status::Present,
            format!("All {p} base image references are pinned by digest"),
        ),
        (0, u) => (
            Status::Absent,
            format!("None of {u} base image references is pinned by digest"),
        ),
        (p, _) => (
            Status::Partial,
            format!("{p} of {total} base image references are pinned by digest"),
        ),
    };
    let mut g = Finding::of(&v::BASE_IMAGE_PINNING, "containers", title, status)
        .with_detail("pinned", pinned.len())
        .with_detail("unpinned", unpinned.len());
    // The statement counts pinned references: cite those, or the unpinned ones when none is.
    g.evidence = if pinned.is_empty() { unpinned } else { pinned };
    cap_evidence(&mut g);
    vec![f, g]
}

fn kubernetes(cx: &Context, files: &[&FileEntry]) -> Vec<Finding> {
    let mut out = Vec::new();
    let charts: Vec<&&FileEntry> = files
        .iter()
        .filter(|f| f.path.ends_with("Chart.yaml"))
        .collect();
    if !charts.is_empty() {
        let mut f = Finding::of(
            &v::HELM_CHARTS,
            "helm",
            format!("{} Helm chart(s)", charts.len()),
            Status::Present,
        )
        .with_detail(
            "charts",
            charts.iter().map(|c| json!(c.path)).collect::<Vec<_>>(),
        );
        f.evidence = charts
            .iter()
            .map(|c| Evidence::file(c.path.clone()))
            .collect();
        cap_evidence(&mut f);
        out.push(f);
    }
    let mut crds = Vec::new();
    let mut names: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for entry in files
        .iter()
        .filter(|f| is_crd_candidate(f))
        .take(MAX_CRD_CANDIDATES)
    {
        // Test fixtures are not the project's resources.
        if entry.path.split('/').any(|c| {
            matches!(
                c,
                "test" | "tests" | "_testdata" | "e2e" | "conformance" | "examples"
            )
        }) {
            continue;
        }
        let Some(text) = cx.text(&entry.path) else {
            continue;
        };
        // One YAML document at a time: its kind line and its resource name.
        let mut kind_line: Option<(usize, &str)> = None;
        let mut name: Option<&str> = None;
        let mut flush = |kind_line: &mut Option<(usize, &str)>, name: &mut Option<&str>| {
            if let (Some((n, line)), Some(nm)) = (kind_line.take(), name.take()) {
                // A CRD is named `plural.group`, in lower case; placeholders are not.
                if nm.contains('.')
                    && nm.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'
                    })
                {
                    names.insert(nm.to_owned());
                    crds.push(Evidence::at(
                        entry.path.clone(),
                        u32::try_from(n + 1).unwrap_or(u32::MAX),
                        line,
                    ));
                }
            }
        };
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("---") {
                flush(&mut kind_line, &mut name);
                name = None;
                continue;
            }
            if line.trim() == "kind: CustomResourceDefinition" {
                kind_line = Some((n, line));
            } else if let Some(v) = line.strip_prefix("  name:") {
                name.get_or_insert(v.trim().trim_matches(['"', '\'']));
            }
        }
        flush(&mut kind_line, &mut name);
    }
    if !crds.is_empty() {
        let mut f = Finding::of(
            &v::KUBERNETES_CRDS,
            "kubernetes",
            format!(
                "{} CustomResourceDefinition(s) in the tree, in {} manifest(s) (test trees left out)",
                names.len(),
                crds.len()
            ),
            Status::Present,
        )
        .with_detail("count", names.len());
        f.evidence = crds;
        cap_evidence(&mut f);
        out.push(f);
    }
    out
}

/// Wording that identifies common licences, checked in order (most specific first).
const LICENSES: &[(&str, &[&str])] = &[
    ("AGPL-3.0", &["GNU AFFERO GENERAL PUBLIC LICENSE"]),
    (
        "LGPL-3.0",
        &["GNU LESSER GENERAL PUBLIC LICENSE", "Version 3"],
    ),
    (
        "LGPL-2.1",
        &["GNU LESSER GENERAL PUBLIC LICENSE", "Version 2.1"],
    ),
    ("GPL-3.0", &["GNU GENERAL PUBLIC LICENSE", "Version 3"]),
    ("GPL-2.0", &["GNU GENERAL PUBLIC LICENSE", "Version 2"]),
    ("Apache-2.0", &["Apache License", "Version 2.0"]),
    ("MPL-2.0", &["Mozilla Public License Version 2.0"]),
    (
        "BSD-3-Clause",
        &[
            "Redistribution and use in source and binary forms",
            "Neither the name",
        ],
    ),
    (
        "BSD-2-Clause",
        &["Redistribution and use in source and binary forms"],
    ),
    (
        "ISC",
        &["Permission to use, copy, modify, and/or distribute this software for any"],
    ),
    ("MIT", &["Permission is hereby granted, free of charge"]),
    ("Unlicense", &["This is free and unencumbered software"]),
];

fn license(cx: &Context) -> Finding {
    let files: Vec<&FileEntry> = cx
        .snapshot
        .files()
        .iter()
        .filter(|f| is_license_file(&f.path))
        .collect();
    let mut ids = Vec::new();
    let mut evidence = Vec::new();
    for file in &files {
        let Some(text) = cx.text(&file.path) else {
            continue;
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((id, phrases)) = LICENSES
            .iter()
            .find(|(_, ps)| ps.iter().all(|p| flat.contains(p)))
        {
            ids.push(*id);
            let first = phrases[0]
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            let line = text.lines().position(|l| {
                l.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains(&first)
            });
            evidence.push(match line {
                Some(n) => Evidence::at(
                    file.path.clone(),
                    u32::try_from(n + 1).unwrap_or(u32::MAX),
                    text.lines().nth(n).unwrap_or(""),
                ),
                None => Evidence::file(file.path.clone()),
            });
        }
    }
    ids.sort_unstable();
    ids.dedup();
    let mut f = if ids.is_empty() && files.is_empty() {
        Finding::of(
            &v::LICENSE,
            "license",
            "No LICENSE file at the root",
            Status::Absent,
        )
    } else if ids.is_empty() {
        let mut f = Finding::of(
            &v::LICENSE,
            "license",
            "A LICENSE file exists but its licence was not recognised",
            Status::Unknown,
        );
        f.evidence = files
            .iter()
            .map(|f| Evidence::file(f.path.clone()))
            .collect();
        f
    } else {
        Finding::of(
            &v::LICENSE,
            "license",
            format!("Licence: {}", ids.join(" AND ")),
            Status::Present,
        )
        .with_detail("spdx", ids.join(" AND "))
    };
    f.evidence.extend(evidence);
    cap_evidence(&mut f);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_and_languages() {
        assert!(is_generated("pkg/apis/zz_generated.deepcopy.go"));
        assert!(is_generated("api/v1/foo.pb.go"));
        assert!(!is_generated("pkg/agent/agent.go"));
        assert_eq!(language_of("a/b.go"), Some("Go"));
        assert_eq!(language_of("Makefile"), None);
    }

    #[test]
    fn dockerfile_names() {
        assert!(is_dockerfile("build/images/Dockerfile.build.ubuntu"));
        assert!(is_dockerfile("Dockerfile-debug"));
        let stages = ["linux".to_owned(), "amd64-base".to_owned()];
        assert!(names_a_stage("${TARGETOS}", &stages));
        assert!(names_a_stage("${TARGETARCH}-base", &stages));
        assert!(!names_a_stage("$BASE_IMAGE", &[]));
        assert!(!names_a_stage("${BASE_IMAGE}", &stages));
        assert!(!names_a_stage("${GOLANG_IMAGE}:${GOLANG_VERSION}", &stages));
        assert!(is_dockerfile("cmd/Dockerfile_windows"));
        assert!(!is_dockerfile("Dockerfile.dockerignore"));
        assert!(is_dockerfile("Containerfile"));
        assert!(!is_dockerfile("docs/dockerfile.md"));
    }
}
