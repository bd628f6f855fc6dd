//! Security tools for `repository.security.tools`: the scan's static analysis,
//! vulnerability and composition scanners, secret scanners, fuzzing set-ups and the
//! Scorecard workflow, each with how it runs: in CI (the scan saw CI run it), on a
//! schedule (a scheduled workflow runs it) or at release (a release workflow runs it).

use assay_model::vocabulary as v;
use assay_model::{Category, Finding, Status, detail};
use serde_json::Value;

use super::model::{SecurityTool, ToolIntegration, ToolResults};
use super::write::{Ctx, cite, first_file};

/// The schema's tool type for a category, when the category holds security tools.
fn tool_type(c: Category) -> Option<&'static str> {
    match c {
        Category::Sast => Some("SAST"),
        Category::VulnScan => Some("SCA"),
        Category::SecretScan => Some("secret"),
        Category::Fuzzing => Some("fuzzing"),
        Category::Hardening => Some("other"),
        _ => None,
    }
}

fn is_tool(f: &Finding) -> bool {
    tool_type(f.category).is_some()
        && matches!(f.status, Status::Present | Status::Partial)
        && f.id != v::FUZZ_TARGETS.id
        && !v::is_category_summary(&f.id)
}

/// Workflow files that run on a schedule, from `ci.scheduled-workflows`.
fn scheduled_paths(cx: &Ctx) -> Vec<String> {
    cx.found(&v::SCHEDULED_WORKFLOWS)
        .map(|f| f.evidence.iter().map(|e| e.path.clone()).collect())
        .unwrap_or_default()
}

/// A workflow whose file name says it releases.
pub fn is_release_workflow(path: &str) -> bool {
    path.starts_with(".github/workflows/")
        && path
            .rsplit('/')
            .next()
            .is_some_and(|n| n.to_ascii_lowercase().contains("release"))
}

pub(super) fn tools(cx: &mut Ctx) -> Option<Vec<SecurityTool>> {
    let scheduled = scheduled_paths(cx);
    let found: Vec<Finding> = cx
        .facts
        .report
        .findings
        .iter()
        .filter(|f| is_tool(f))
        .cloned()
        .collect();
    let mut out = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let at = format!("repository.security.tools[{i}]");
        let Some(kind) = tool_type(f.category) else {
            continue;
        };
        let name = f
            .details
            .get(detail::NAME)
            .and_then(Value::as_str)
            .unwrap_or(&f.subject);
        let in_ci = f.status == Status::Present
            && f.details.get(detail::IN_CI).and_then(Value::as_bool) != Some(false);
        let on_schedule = f.evidence.iter().find(|e| scheduled.contains(&e.path));
        let at_release = f.evidence.iter().find(|e| is_release_workflow(&e.path));
        let mut how = vec![match first_file(f) {
            Some(e) => format!("found at {}", cite(e)),
            None => "found by the scan".to_owned(),
        }];
        if let Some(e) = on_schedule {
            how.push(format!("scheduled workflow {}", e.path));
        }
        if let Some(e) = at_release {
            how.push(format!("release workflow {}", e.path));
        }
        if !in_ci {
            how.push("configured, but the scan did not see CI run it".into());
        }
        cx.notes.above(&at, how.join("; "));
        cx.notes.above(
            &format!("{at}.rulesets"),
            "assay did not read the tool's rule selection; list it if customised",
        );
        cx.notes.todo(
            &format!("{at}.results"),
            "ci",
            "where the results are published (name, location, predicate-uri), if they are",
        );
        out.push(SecurityTool {
            name: assay_model::clean_excerpt(name),
            kind: kind.to_owned(),
            version: None,
            comment: None,
            rulesets: vec!["default".into()],
            integration: ToolIntegration {
                adhoc: on_schedule.is_some(),
                ci: in_ci,
                release: at_release.is_some(),
            },
            results: ToolResults::default(),
        });
    }
    (!out.is_empty()).then_some(out)
}
