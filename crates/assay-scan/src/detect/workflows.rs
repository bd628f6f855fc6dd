//! What the GitHub workflows run on, and how safely they are written.

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Status};
use serde_json::json;

use super::{Detector, cap_evidence};
use crate::Context;
use crate::catalog::Catalog;
use crate::pipeline::is_workflow;
use crate::snapshot::FileEntry;
use crate::workflow::Workflow;

pub struct Workflows;

// A merge queue (`merge_group`) is not a pull request trigger.
const PR_EVENTS: &[&str] = &["pull_request", "pull_request_target"];

impl Detector for Workflows {
    fn name(&self) -> &'static str {
        "workflows"
    }

    fn doc(&self) -> &'static str {
        "Parses every workflow under .github/workflows (and Gitea/Forgejo workflows, and \
         composite actions): which run on pull requests and which on a schedule; whether \
         third-party actions are pinned to a full commit SHA; whether each workflow sets \
         `permissions:`; and whether a `pull_request_target` workflow checks out the pull \
         request's own code, which runs untrusted code with the base repository's secrets."
    }

    fn wants(&self, _: &Catalog, entry: &FileEntry) -> bool {
        is_workflow(&entry.path)
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let workflows: Vec<&Workflow> = cx
            .pipeline
            .workflows
            .iter()
            .filter(|w| !w.path.starts_with(".github/actions/"))
            .collect();
        if workflows.is_empty() {
            return Vec::new();
        }
        let mut out = vec![triggers(&workflows), scheduled(&workflows)];
        out.push(pinning(&cx.pipeline.workflows));
        out.push(permissions(&workflows));
        out.extend(untrusted_checkout(&workflows));
        let broken: Vec<&&Workflow> = workflows
            .iter()
            .filter(|w| w.parse_error.is_some())
            .collect();
        if !broken.is_empty() {
            let mut f = Finding::of(
                &v::UNPARSABLE_WORKFLOWS,
                "github-actions",
                format!(
                    "{} workflow file(s) are not valid YAML and were read only in part",
                    broken.len()
                ),
                Status::Unknown,
            );
            for w in broken {
                f.evidence.push(Evidence::file(w.path.clone()));
                f.details.insert(
                    w.path.clone(),
                    json!(w.parse_error.as_deref().map(assay_model::clean_excerpt)),
                );
            }
            cap_evidence(&mut f);
            out.push(f);
        }
        out
    }
}

fn on_line(w: &Workflow) -> Evidence {
    match w.triggers_line {
        Some(line) => Evidence::at(w.path.clone(), line, w.line_text(line)),
        None => Evidence::file(w.path.clone()),
    }
}

fn triggers(workflows: &[&Workflow]) -> Finding {
    let on_pr: Vec<&&Workflow> = workflows
        .iter()
        .filter(|w| w.triggers.iter().any(|t| PR_EVENTS.contains(&t.as_str())))
        .collect();
    let status = if on_pr.is_empty() {
        Status::Absent
    } else {
        Status::Present
    };
    let mut f = Finding::of(
        &v::PULL_REQUEST_CHECKS,
        "github-actions",
        format!(
            "{} of {} workflows have a pull request trigger",
            on_pr.len(),
            workflows.len()
        ),
        status,
    )
    .with_detail(
        "workflows",
        workflows
            .iter()
            .map(|w| {
                json!({
                    "path": w.path,
                    "name": w.name,
                    "triggers": w.triggers,
                    "jobs": w.jobs.iter().map(|j| j.id.clone()).collect::<Vec<_>>(),
                })
            })
            .collect::<Vec<_>>(),
    );
    f.evidence = on_pr.iter().map(|w| on_line(w)).collect();
    cap_evidence(&mut f);
    f
}

fn scheduled(workflows: &[&Workflow]) -> Finding {
    let sched: Vec<&&Workflow> = workflows
        .iter()
        .filter(|w| !w.schedules.is_empty())
        .collect();
    let status = if sched.is_empty() {
        Status::Absent
    } else {
        Status::Present
    };
    let mut f = Finding::of(
        &v::SCHEDULED_WORKFLOWS,
        "github-actions",
        match sched.len() {
            1 => "1 workflow runs on a schedule".to_owned(),
            n => format!("{n} workflows run on a schedule"),
        },
        status,
    )
    .with_detail(
        "schedules",
        sched
            .iter()
            .map(|w| json!({"path": w.path, "name": w.name, "cron": w.schedules}))
            .collect::<Vec<_>>(),
    );
    // Cite the cron line itself: the `on:` line alone does not say "scheduled".
    f.evidence = sched
        .iter()
        .map(|w| match w.schedule_line {
            Some(line) => Evidence::at(w.path.clone(), line, w.line_text(line)),
            None => on_line(w),
        })
        .collect();
    cap_evidence(&mut f);
    f
}

fn pinning(workflows: &[Workflow]) -> Finding {
    let mut pinned = 0usize;
    let mut unpinned = Vec::new();
    for w in workflows {
        let uses = w.jobs.iter().flat_map(|j| {
            j.uses
                .iter()
                .chain(j.steps.iter().filter_map(|s| s.uses.as_ref()))
        });
        for u in uses {
            if u.target.starts_with("./") {
                continue;
            }
            if u.is_pinned() {
                pinned += 1;
            } else {
                unpinned.push(Evidence::at(w.path.clone(), u.line, w.line_text(u.line)));
            }
        }
    }
    let total = pinned + unpinned.len();
    let (status, title) = match (pinned, unpinned.len()) {
        (_, 0) if total > 0 => (
            Status::Present,
            format!("All {total} action references are pinned to a commit SHA"),
        ),
        (0, _) => (
            Status::Absent,
            format!("None of {total} action references is pinned to a commit SHA"),
        ),
        (p, u) => (
            Status::Partial,
            format!(
                "{p} of {} action references are pinned to a commit SHA; {u} use a tag or branch",
                p + u
            ),
        ),
    };
    let mut f = Finding::of(&v::ACTION_PINNING, "actions", title, status)
        .with_detail("pinned", pinned)
        .with_detail("unpinned", unpinned.len());
    f.evidence = unpinned;
    cap_evidence(&mut f);
    f
}

fn permissions(workflows: &[&Workflow]) -> Finding {
    let mut with = Vec::new();
    let mut without = Vec::new();
    for w in workflows {
        let job_level = !w.jobs.is_empty() && w.jobs.iter().all(|j| j.permissions_line.is_some());
        match w.permissions_line.or(if job_level {
            w.jobs.first().and_then(|j| j.permissions_line)
        } else {
            None
        }) {
            Some(line) => with.push(Evidence::at(w.path.clone(), line, w.line_text(line))),
            None => without.push(Evidence::file(w.path.clone())),
        }
    }
    let (status, title) = match (with.len(), without.len()) {
        (n, 0) => (
            Status::Present,
            format!("All {n} workflows restrict the token's permissions"),
        ),
        (0, n) => (
            Status::Absent,
            format!("None of {n} workflows sets token permissions"),
        ),
        (a, b) => (
            Status::Partial,
            format!(
                "{a} of {} workflows restrict the token's permissions",
                a + b
            ),
        ),
    };
    let mut f = Finding::of(&v::TOKEN_PERMISSIONS, "permissions", title, status)
        .with_detail("with_permissions", with.len())
        .with_detail(
            "without_permissions",
            without.iter().map(|e| json!(e.path)).collect::<Vec<_>>(),
        );
    // Cite what is missing first: that is what a reader needs to act on.
    f.evidence = without.into_iter().chain(with).collect();
    cap_evidence(&mut f);
    f
}

fn untrusted_checkout(workflows: &[&Workflow]) -> Option<Finding> {
    let prt: Vec<&&Workflow> = workflows
        .iter()
        .filter(|w| w.triggers.iter().any(|t| t == "pull_request_target"))
        .collect();
    if prt.is_empty() {
        return None;
    }
    let mut risky = Vec::new();
    for w in &prt {
        for step in w.jobs.iter().flat_map(|j| &j.steps) {
            let is_checkout = step
                .uses
                .as_ref()
                .is_some_and(|u| u.target.eq_ignore_ascii_case("actions/checkout"));
            if !is_checkout {
                continue;
            }
            for (key, value, line) in &step.with {
                let v = value.replace(' ', "");
                if key == "ref"
                    && (v.contains("github.event.pull_request.head")
                        || v.contains("github.head_ref")
                        || v.contains("refs/pull/"))
                {
                    risky.push(Evidence::at(w.path.clone(), *line, w.line_text(*line)));
                }
            }
        }
    }
    let mut f = if risky.is_empty() {
        let mut f = Finding::of(
            &v::UNTRUSTED_CHECKOUT,
            "pull_request_target",
            "pull_request_target workflows do not check out the pull request's code",
            Status::Present,
        );
        f.evidence = prt.iter().map(|w| on_line(w)).collect();
        f
    } else {
        let mut f = Finding::of(
            &v::UNTRUSTED_CHECKOUT,
            "pull_request_target",
            "A pull_request_target workflow checks out the pull request's code",
            Status::Absent,
        );
        f.evidence = risky;
        f
    };
    cap_evidence(&mut f);
    Some(f)
}
