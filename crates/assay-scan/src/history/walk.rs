//! The walk over the window's commits and what it counts: sign-offs, signatures, review
//! markers on the main line, authors, months. Only counters and a few examples are kept.

use std::collections::{BTreeMap, HashMap, HashSet};

use gix::ObjectId;

use super::commit::{RawCommit, SigKind, bot_of, parse_commit, review_marker, trailer_email};
use super::window::month;
use super::{EXAMPLES, MAX_COMMIT_BYTES};

#[derive(Default)]
pub(super) struct Examples(pub(super) Vec<(ObjectId, String)>);

impl Examples {
    fn push(&mut self, id: ObjectId, subject: &str) {
        if self.0.len() < EXAMPLES {
            self.0.push((id, subject.to_owned()));
        }
    }
}

#[derive(Default)]
pub(super) struct Tally {
    pub(super) commits: usize,
    pub(super) merges: usize,
    pub(super) non_merge: usize,
    pub(super) oldest: Option<(ObjectId, i64)>,
    pub(super) newest: Option<(ObjectId, i64)>,
    pub(super) unparsed: usize,
    pub(super) signed_off: usize,
    pub(super) signoff_matches_author: usize,
    /// Non-merge commits from the newest back, before the first without a sign-off.
    pub(super) signoff_current_run: usize,
    pub(super) signoff_run_open: bool,
    pub(super) signoff_longest_run: usize,
    pub(super) signoff_run: usize,
    pub(super) signed: BTreeMap<SigKind, usize>,
    /// Commits the forge made itself (web merges, edits in the browser).
    pub(super) forge_commits: usize,
    /// Signatures on those: the forge's key, not a contributor's.
    pub(super) signed_by_forge: usize,
    pub(super) trailer_counts: BTreeMap<&'static str, usize>,
    pub(super) mainline: usize,
    pub(super) mainline_reviewed: usize,
    pub(super) markers: BTreeMap<&'static str, usize>,
    pub(super) authors: HashMap<String, (String, usize)>,
    pub(super) bots: BTreeMap<String, usize>,
    pub(super) months: BTreeMap<String, usize>,
    pub(super) ex_signed_off: Examples,
    pub(super) ex_not_signed_off: Examples,
    pub(super) ex_signed: Examples,
    pub(super) ex_forge_signed: Examples,
    pub(super) ex_unsigned: Examples,
    pub(super) ex_reviewed: Examples,
    pub(super) ex_no_marker: Examples,
    pub(super) ex_bot: Examples,
}

/// What limited the walk.
#[derive(Default)]
pub(super) struct Limits {
    pub(super) shallow: bool,
    pub(super) missing: usize,
    pub(super) error: Option<String>,
}

/// Walk the commits reachable from `head`, newest first, down to the window's `start`,
/// counting what the findings need. Returns the tally; `limits` learns what was missing.
pub(super) fn walk(
    repo: &gix::Repository,
    head: ObjectId,
    start: Option<i64>,
    mailmap: Option<&gix::mailmap::Snapshot>,
    limits: &mut Limits,
) -> Tally {
    let sorting = match start {
        Some(seconds) => gix::revision::walk::Sorting::ByCommitTimeCutoff {
            order: gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
            seconds,
        },
        None => gix::revision::walk::Sorting::ByCommitTime(
            gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
        ),
    };
    let mut t = Tally {
        signoff_run_open: true,
        ..Tally::default()
    };
    let mainline = mainline_ids(repo, head, start);
    match repo.rev_walk([head]).sorting(sorting).all() {
        Ok(walk) => {
            for info in walk {
                let info = match info {
                    Ok(i) => i,
                    Err(e) => {
                        limits.missing += 1;
                        limits.error = Some(e.to_string());
                        break;
                    }
                };
                let id = info.id;
                let is_mainline = mainline.contains(&id);
                let header = repo.find_header(id).ok();
                if header.is_some_and(|h| h.size() > MAX_COMMIT_BYTES) {
                    t.commits += 1;
                    t.unparsed += 1;
                    continue;
                }
                let Ok(object) = repo.find_object(id) else {
                    limits.missing += 1;
                    continue;
                };
                let c = parse_commit(&object.data);
                drop(object);
                let time = c.committer.time.unwrap_or(0);
                if start.is_some_and(|s| time < s) {
                    // The cutoff walk may hand out a few older commits; they are outside.
                    continue;
                }
                tally(&mut t, id, &c, time, is_mainline, mailmap);
            }
        }
        Err(e) => limits.error = Some(e.to_string()),
    }
    t
}

/// The first-parent chain from HEAD back to the window's start: the commits that landed on
/// the branch, as opposed to those brought in by merges. Walked on its own because commit
/// dates can be skewed, so date order does not follow the chain.
fn mainline_ids(repo: &gix::Repository, head: ObjectId, start: Option<i64>) -> HashSet<ObjectId> {
    let mut out = HashSet::new();
    let mut next = Some(head);
    while let Some(id) = next {
        if !out.insert(id) {
            break; // a cycle can only come from a corrupt database
        }
        if repo
            .find_header(id)
            .is_ok_and(|h| h.size() > MAX_COMMIT_BYTES)
        {
            break;
        }
        let Ok(obj) = repo.find_object(id) else { break };
        let c = parse_commit(&obj.data);
        if start.is_some_and(|s| c.committer.time.unwrap_or(0) < s) {
            out.remove(&id);
            break;
        }
        next = c.parents.first().copied();
    }
    out
}

fn tally(
    t: &mut Tally,
    id: ObjectId,
    c: &RawCommit,
    time: i64,
    is_mainline: bool,
    mailmap: Option<&gix::mailmap::Snapshot>,
) {
    t.commits += 1;
    if t.newest.is_none() {
        t.newest = Some((id, time));
    }
    if t.oldest.is_none_or(|(_, o)| time <= o) {
        t.oldest = Some((id, time));
    }
    *t.months.entry(month(time)).or_default() += 1;
    let by_forge = c.committed_by_forge();
    t.forge_commits += usize::from(by_forge);
    match c.signature {
        Some(kind) => {
            *t.signed.entry(kind).or_default() += 1;
            if by_forge {
                t.signed_by_forge += 1;
                t.ex_forge_signed.push(id, &c.subject);
            } else {
                t.ex_signed.push(id, &c.subject);
            }
        }
        None => t.ex_unsigned.push(id, &c.subject),
    }
    for (k, _) in &c.trailers {
        let key: Option<&'static str> = match k.as_str() {
            "reviewed-by" => Some("Reviewed-by"),
            "acked-by" => Some("Acked-by"),
            "approved-by" => Some("Approved-by"),
            "reviewed-on" => Some("Reviewed-on"),
            "co-authored-by" => Some("Co-authored-by"),
            "differential revision" => Some("Differential Revision"),
            _ => None,
        };
        if let Some(key) = key {
            *t.trailer_counts.entry(key).or_default() += 1;
        }
    }
    if is_mainline {
        t.mainline += 1;
        match review_marker(c) {
            Some(m) => {
                t.mainline_reviewed += 1;
                *t.markers.entry(m).or_default() += 1;
                t.ex_reviewed.push(id, &c.subject);
            }
            None => t.ex_no_marker.push(id, &c.subject),
        }
    }
    if c.parents.len() > 1 {
        t.merges += 1;
        return;
    }
    t.non_merge += 1;
    count_author(t, id, c, mailmap);
    count_signoff(t, id, c);
}

/// Contributors: after .mailmap, bots apart.
fn count_author(
    t: &mut Tally,
    id: ObjectId,
    c: &RawCommit,
    mailmap: Option<&gix::mailmap::Snapshot>,
) {
    let (name, email) = match mailmap {
        Some(m) => {
            let sig = gix::actor::SignatureRef {
                name: c.author.name.as_str().into(),
                email: c.author.email.as_str().into(),
                time: "0 +0000",
            };
            let resolved = m.resolve(sig);
            (
                resolved.name.to_string(),
                resolved.email.to_string().to_ascii_lowercase(),
            )
        }
        None => (c.author.name.clone(), c.author.email.clone()),
    };
    if let Some(bot) = bot_of(&c.author) {
        *t.bots.entry(bot).or_default() += 1;
        t.ex_bot.push(id, &c.subject);
    } else {
        let key = if email.is_empty() {
            name.to_ascii_lowercase()
        } else {
            email.clone()
        };
        t.authors.entry(key).or_insert((name, 0)).1 += 1;
    }
}

/// Sign-offs, whether one matches the author, and the runs of signed-off commits.
fn count_signoff(t: &mut Tally, id: ObjectId, c: &RawCommit) {
    let signoffs: Vec<&String> = c
        .trailers
        .iter()
        .filter(|(k, _)| k == "signed-off-by")
        .map(|(_, v)| v)
        .collect();
    if signoffs.is_empty() {
        t.ex_not_signed_off.push(id, &c.subject);
        t.signoff_run_open = false;
        t.signoff_run = 0;
    } else {
        t.signed_off += 1;
        t.ex_signed_off.push(id, &c.subject);
        let author_email = &c.author.email;
        if signoffs.iter().any(|v| {
            trailer_email(v).is_some_and(|e| e.eq_ignore_ascii_case(author_email))
                || !c.author.name.is_empty()
                    && v.trim()
                        .to_lowercase()
                        .starts_with(&c.author.name.to_lowercase())
        }) {
            t.signoff_matches_author += 1;
        }
        if t.signoff_run_open {
            t.signoff_current_run += 1;
        }
        t.signoff_run += 1;
        t.signoff_longest_run = t.signoff_longest_run.max(t.signoff_run);
    }
}
