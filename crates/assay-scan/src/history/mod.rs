//! Facts from the git history, read from the object database (never by running git):
//! sign-offs, signatures, review markers, contributors, activity and releases.
//!
//! The window ends at the scanned commit's date (so the same snapshot always gives the same
//! figures) and reaches back `--since`. Commits are streamed: only counters and a few
//! examples are kept, never every message.
//!
//! `window` reads `--since` and prints dates; `commit` parses one commit object; `walk`
//! counts the window's commits; `releases` reads tags; `findings` turns the counts into
//! one finding each.

mod commit;
mod findings;
mod releases;
mod walk;
mod window;

use assay_model::{Finding, Forge, Status};
use gix::ObjectId;

pub use window::{Since, date, parse_since};

/// Bytes of a commit message read for trailers and subject; the rest is skipped.
const MESSAGE_BYTES: usize = 64 * 1024;
/// Commit objects larger than this are counted but not parsed (a hostile message).
const MAX_COMMIT_BYTES: u64 = 4 * 1024 * 1024;
const MAX_TAGS: usize = 20_000;
const EXAMPLES: usize = 3;

pub struct HistoryInput<'a> {
    pub repo: &'a gix::Repository,
    pub head: ObjectId,
    pub forge: Option<&'a Forge>,
    pub since: Since,
    /// `.mailmap` from the scanned tree.
    pub mailmap: Option<&'a str>,
    /// Wall-clock now, to clamp a HEAD dated in the future.
    pub now: i64,
    /// The contribution documents' written review rule (`review.approval-rule`), when
    /// they state one: with it, a history without review markers cannot mean "no review".
    pub review_rule: Option<&'a Finding>,
}

pub fn findings(input: &HistoryInput) -> Vec<Finding> {
    let repo = input.repo;
    let mut limits = walk::Limits {
        shallow: repo.is_shallow().unwrap_or(false),
        ..walk::Limits::default()
    };
    let head_commit = match repo.find_object(input.head) {
        Ok(o) => commit::parse_commit(&o.data),
        Err(e) => {
            return vec![unknown_history(&format!(
                "the HEAD commit could not be read: {e}"
            ))];
        }
    };
    let head_time = head_commit.committer.time.unwrap_or(0);
    let (start, end) = window::window(input.since, head_time, input.now);
    let mailmap = input
        .mailmap
        .map(|t| gix::mailmap::Snapshot::from_bytes(t.as_bytes()));

    let t = walk::walk(repo, input.head, start, mailmap.as_ref(), &mut limits);
    if t.commits == 0 && limits.error.is_some() {
        return vec![unknown_history(&format!(
            "the history could not be walked: {}",
            limits.error.unwrap_or_default()
        ))];
    }
    let releases = releases::releases(repo, start, end);
    let common = findings::Common::new(&t, &limits, start, end, input.forge);
    findings::build(&t, &limits, &common, &releases, input.review_rule)
}

fn unknown_history(why: &str) -> Finding {
    Finding::of(
        &assay_model::vocabulary::HISTORY_UNAVAILABLE,
        "git",
        "The history could not be read",
        Status::Unknown,
    )
    .with_detail("reason", assay_model::clean_excerpt(why))
}
