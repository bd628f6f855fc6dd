//! The CI recipes shipped at the repository root stay usable: every input of `action.yml`
//! is used, the commands it runs and the pre-commit hook's entry are real subcommands,
//! third-party actions are pinned, and the README says how to check out for history.

mod common;

use std::path::PathBuf;

use common::assay;
use yaml_rust2::{Yaml, YamlLoader};

fn root_file(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn yaml(name: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(&root_file(name)).expect("valid YAML");
    assert_eq!(docs.len(), 1, "{name} holds one document");
    docs.remove(0)
}

/// Every string under a YAML node.
fn strings(node: &Yaml, out: &mut Vec<String>) {
    match node {
        Yaml::String(s) => out.push(s.clone()),
        Yaml::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Yaml::Hash(map) => map.iter().for_each(|(k, v)| {
            strings(k, out);
            strings(v, out);
        }),
        _ => {}
    }
}

/// `assay SUB` and `args=(SUB ...` in the action's scripts (comments left out).
fn subcommands(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"\bassay ([a-z][a-z-]*)|\bargs=\(([a-z][a-z-]*)").expect("regex");
    let code: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let code = code.join("\n");
    re.captures_iter(&code)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| m.as_str().to_owned())
        .collect()
}

fn assert_real_subcommand(sub: &str) {
    let out = assay(&[sub, "--help"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "`assay {sub}` is not a subcommand"
    );
}

#[test]
fn every_action_input_is_used_and_every_command_exists() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let mut used = Vec::new();
    strings(&action["runs"], &mut used);
    let used = used.join("\n");
    let inputs = action["inputs"].as_hash().expect("inputs");
    assert!(!inputs.is_empty());
    for (name, spec) in inputs {
        let name = name.as_str().expect("input name");
        assert!(
            used.contains(&format!("inputs.{name}")),
            "input `{name}` is never used"
        );
        assert!(
            spec["description"].as_str().is_some_and(|d| !d.is_empty()),
            "input `{name}` has no description"
        );
    }
    let scripts: Vec<&str> = action["runs"]["steps"]
        .as_vec()
        .expect("steps")
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    let subs = subcommands(&scripts.join("\n"));
    for want in ["scan", "lint", "verify"] {
        assert!(
            subs.iter().any(|s| s == want),
            "the action never runs {want}"
        );
    }
    for sub in &subs {
        assert_real_subcommand(sub);
    }
}

#[test]
fn the_action_pins_what_it_uses_and_never_pastes_inputs_into_scripts() {
    let action = yaml("action.yml");
    let steps = action["runs"]["steps"].as_vec().expect("steps");
    for step in steps {
        if let Some(uses) = step["uses"].as_str() {
            let (_, rev) = uses.split_once('@').expect("a ref");
            assert!(
                rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit()),
                "{uses} is not pinned to a commit"
            );
        }
        if let Some(run) = step["run"].as_str() {
            assert!(
                !run.contains("${{"),
                "a script interpolates an expression: {run}"
            );
            let syntax = std::process::Command::new("bash")
                .args(["-n", "-c", run])
                .output()
                .expect("bash runs");
            assert!(syntax.status.success(), "not valid bash: {run}");
        }
    }
    let uploads = steps
        .iter()
        .filter(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.contains("upload-sarif"))
        })
        .count();
    assert_eq!(uploads, 3, "scan, lint and verify are uploaded apart");
}

#[test]
fn the_pre_commit_hook_runs_a_real_subcommand() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_vec().expect("a list of hooks");
    assert!(!hooks.is_empty());
    for hook in hooks {
        let entry = hook["entry"].as_str().expect("entry");
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("assay"), "{entry}");
        assert_real_subcommand(words.next().expect("a subcommand"));
        assert!(
            hook["id"]
                .as_str()
                .is_some_and(|id| id.starts_with("assay-"))
        );
    }
}

#[test]
fn the_readme_documents_both_recipes() {
    let readme = root_file("README.md");
    let section = readme
        .split("## Running assay in CI")
        .nth(1)
        .expect("a section named Running assay in CI");
    for needle in [
        "fetch-depth: 0",
        "security-events: write",
        ".pre-commit-hooks.yaml",
        "--fail-on",
    ] {
        assert!(
            section.contains(needle),
            "the CI section does not mention {needle}"
        );
    }
}
