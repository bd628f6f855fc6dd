//! Facts from the git history, read from the object database (never by running git):
//! sign-offs, signatures, review markers, contributors, activity and releases.
//!
//! The window ends at the scanned commit's date (so the same snapshot always gives the same
//! figures) and reaches back `--since`. Commits are streamed: only counters and a few
//! examples are kept, never every message.

use std::collections::{BTreeMap, HashMap};

use assay_model::{Category, Evidence, Finding, Forge, Status};
use gix::ObjectId;
use serde_json::{Value, json};

/// How far back the history window reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Every commit reachable from HEAD.
    All,
    /// This many seconds before the window's end.
    Duration(i64),
    /// From this instant (seconds since the epoch).
    Date(i64),
}

impl Default for Since {
    fn default() -> Since {
        Since::Duration(365 * DAY)
    }
}

const DAY: i64 = 86_400;
/// Bytes of a commit message read for trailers and subject; the rest is skipped.
const MESSAGE_BYTES: usize = 64 * 1024;
/// Commit objects larger than this are counted but not parsed (a hostile message).
const MAX_COMMIT_BYTES: u64 = 4 * 1024 * 1024;
const MAX_TAGS: usize = 20_000;
const EXAMPLES: usize = 3;

/// Parse `all`, `12m`, `1y`, `90d`, `6w`, or a date `2024-01-31`.
pub fn parse_since(s: &str) -> Result<Since, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("all") {
        return Ok(Since::All);
    }
    if let Some(days) = parse_date(s) {
        return Ok(Since::Date(days * DAY));
    }
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: i64 = num.parse().map_err(|_| {
        format!("`{s}` is not a duration (12m, 1y, 90d, 6w), a date (2024-01-31) or `all`")
    })?;
    let unit_secs = match unit {
        "d" | "day" | "days" => DAY,
        "w" | "week" | "weeks" => 7 * DAY,
        "m" | "month" | "months" => 30 * DAY + DAY / 2,
        "y" | "year" | "years" => 365 * DAY,
        _ => return Err(format!("`{s}`: unknown unit `{unit}` (use d, w, m or y)")),
    };
    n.checked_mul(unit_secs)
        .filter(|&v| v > 0)
        .map(Since::Duration)
        .ok_or_else(|| format!("`{s}` is out of range"))
}

/// Days since the epoch for `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if parts.next().is_some()
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
        || !(1..=9999).contains(&y)
    {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Howard Hinnant's days-from-civil.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) for seconds since the epoch; any i64 is accepted.
fn civil(secs: i64) -> (i64, u32, u32) {
    let z = secs.div_euclid(DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

pub fn date(secs: i64) -> String {
    let (y, m, d) = civil(secs);
    format!("{y:04}-{m:02}-{d:02}")
}

fn month(secs: i64) -> String {
    let (y, m, _) = civil(secs);
    format!("{y:04}-{m:02}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum SigKind {
    Gpg,
    Ssh,
    X509,
}

impl SigKind {
    fn of_block(first_line: &[u8]) -> Option<SigKind> {
        let line = String::from_utf8_lossy(first_line);
        if line.contains("BEGIN PGP SIGNATURE") {
            Some(SigKind::Gpg)
        } else if line.contains("BEGIN SSH SIGNATURE") {
            Some(SigKind::Ssh)
        } else if line.contains("BEGIN SIGNED MESSAGE") || line.contains("BEGIN CERTIFICATE") {
            Some(SigKind::X509)
        } else {
            None
        }
    }

    fn name(self) -> &'static str {
        match self {
            SigKind::Gpg => "gpg",
            SigKind::Ssh => "ssh",
            SigKind::X509 => "x509",
        }
    }
}

#[derive(Debug, Default, Clone)]
struct Person {
    name: String,
    email: String,
    time: Option<i64>,
}

/// `Name <email> 1700000000 +0100`, parsed from the right; tolerant of garbage.
fn parse_person(raw: &[u8]) -> Person {
    let text = String::from_utf8_lossy(raw);
    let (who, when) = match text.rfind('>') {
        Some(i) => (&text[..=i], text[i + 1..].trim()),
        None => (text.as_ref(), ""),
    };
    let (name, email) = match (who.find('<'), who.rfind('>')) {
        (Some(a), Some(b)) if a < b => (who[..a].trim(), &who[a + 1..b]),
        _ => (who.trim(), ""),
    };
    Person {
        name: name.chars().take(200).collect(),
        email: email
            .trim()
            .chars()
            .take(200)
            .collect::<String>()
            .to_ascii_lowercase(),
        time: when.split_whitespace().next().and_then(|t| t.parse().ok()),
    }
}

#[derive(Debug, Default)]
struct RawCommit {
    parents: Vec<ObjectId>,
    author: Person,
    committer: Person,
    signature: Option<SigKind>,
    subject: String,
    /// Trailer-like lines `Key: value` from the message, keys lower-cased.
    trailers: Vec<(String, String)>,
    /// GitLab writes `See merge request group/project!12` into merge commits.
    merge_request: bool,
}

fn parse_commit(data: &[u8]) -> RawCommit {
    let mut c = RawCommit::default();
    let mut rest = data;
    // Headers, up to the first empty line.
    while !rest.is_empty() {
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or(&[]);
        if line.is_empty() {
            break;
        }
        if line.starts_with(b" ") {
            continue; // continuation of a multi-line header (the signature block)
        }
        let (key, value) = match line.iter().position(|&b| b == b' ') {
            Some(i) => (&line[..i], &line[i + 1..]),
            None => (line, &[][..]),
        };
        match key {
            b"parent" => {
                if let Ok(id) = ObjectId::from_hex(value) {
                    c.parents.push(id);
                }
            }
            b"author" => c.author = parse_person(value),
            b"committer" => c.committer = parse_person(value),
            b"gpgsig" | b"gpgsig-sha256" => {
                c.signature = SigKind::of_block(value).or(Some(SigKind::Gpg));
            }
            _ => {}
        }
    }
    let message = &rest[..rest.len().min(MESSAGE_BYTES)];
    let text = String::from_utf8_lossy(message);
    c.subject = text
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    for line in text.lines().skip(1) {
        if line.starts_with("See merge request ") {
            c.merge_request = true;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty()
            || key.len() > 40
            || !key.starts_with(|ch: char| ch.is_ascii_alphabetic())
            || !key
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
        {
            continue;
        }
        if c.trailers.len() < 64 {
            c.trailers.push((
                key.to_ascii_lowercase(),
                value.trim().chars().take(200).collect(),
            ));
        }
    }
    c
}

fn trailer_email(value: &str) -> Option<String> {
    let a = value.find('<')?;
    let b = value[a..].find('>')? + a;
    Some(value[a + 1..b].trim().to_ascii_lowercase())
}

const BOT_NAMES: &[(&str, &str)] = &[
    ("dependabot", "Dependabot"),
    ("renovate", "Renovate"),
    ("github-actions", "GitHub Actions"),
    ("k8s-ci-robot", "Prow"),
    ("pre-commit-ci", "pre-commit.ci"),
    ("mergify", "Mergify"),
    ("greenkeeper", "Greenkeeper"),
    ("snyk-bot", "Snyk"),
    ("release-please", "release-please"),
];

fn bot_of(p: &Person) -> Option<String> {
    let name = p.name.to_ascii_lowercase();
    let email = &p.email;
    for (needle, label) in BOT_NAMES {
        if name.contains(needle) || email.contains(needle) {
            return Some((*label).to_owned());
        }
    }
    if name.ends_with("[bot]")
        || email.contains("[bot]@")
        || name.ends_with("-bot")
        || name.ends_with(" bot")
    {
        return Some(p.name.clone());
    }
    None
}

/// How a main-line commit got there.
fn review_marker(c: &RawCommit) -> Option<&'static str> {
    let s = &c.subject;
    if s.starts_with("Merge pull request #") {
        return Some("pull request merge");
    }
    if c.merge_request {
        return Some("merge request");
    }
    if s.contains("(pull request #") || s.starts_with("Merged PR ") {
        return Some("pull request merge");
    }
    let trimmed = s.trim_end();
    if let Some(inner) = trimmed.strip_suffix(')')
        && let Some(open) = inner.rfind("(#")
    {
        let num = &inner[open + 2..];
        if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) {
            return Some("squash or rebase of a pull request");
        }
    }

    for (k, _) in &c.trailers {
        match k.as_str() {
            "reviewed-by" | "acked-by" | "approved-by" => return Some("review trailer"),
            "reviewed-on" | "change-id" => return Some("Gerrit review"),
            "differential revision" => return Some("Phabricator review"),
            _ => {}
        }
    }
    None
}

#[derive(Default)]
struct Examples(Vec<(ObjectId, String)>);

impl Examples {
    fn push(&mut self, id: ObjectId, subject: &str) {
        if self.0.len() < EXAMPLES {
            self.0.push((id, subject.to_owned()));
        }
    }
}

#[derive(Default)]
struct Tally {
    commits: usize,
    merges: usize,
    non_merge: usize,
    oldest: Option<(ObjectId, i64)>,
    newest: Option<(ObjectId, i64)>,
    unparsed: usize,
    signed_off: usize,
    signoff_matches_author: usize,
    /// Non-merge commits from the newest back, before the first without a sign-off.
    signoff_current_run: usize,
    signoff_run_open: bool,
    signoff_longest_run: usize,
    signoff_run: usize,
    signed: BTreeMap<SigKind, usize>,
    trailer_counts: BTreeMap<&'static str, usize>,
    mainline: usize,
    mainline_reviewed: usize,
    markers: BTreeMap<&'static str, usize>,
    authors: HashMap<String, (String, usize)>,
    bots: BTreeMap<String, usize>,
    months: BTreeMap<String, usize>,
    ex_signed_off: Examples,
    ex_not_signed_off: Examples,
    ex_signed: Examples,
    ex_unsigned: Examples,
    ex_reviewed: Examples,
    ex_no_marker: Examples,
    ex_bot: Examples,
}

/// What limited the walk.
#[derive(Default)]
struct Limits {
    shallow: bool,
    missing: usize,
    error: Option<String>,
}

pub struct HistoryInput<'a> {
    pub repo: &'a gix::Repository,
    pub head: ObjectId,
    pub forge: Option<&'a Forge>,
    pub since: Since,
    /// `.mailmap` from the scanned tree.
    pub mailmap: Option<&'a str>,
    /// Wall-clock now, to clamp a HEAD dated in the future.
    pub now: i64,
}

/// The window `[start, end]` in seconds; `start` is `None` for all history.
fn window(input: &HistoryInput, head_time: i64) -> (Option<i64>, i64) {
    let end = head_time.min(input.now);
    let start = match input.since {
        Since::All => None,
        Since::Duration(d) => Some(end.saturating_sub(d)),
        Since::Date(t) => Some(t),
    };
    (start, end)
}

pub fn findings(input: &HistoryInput) -> Vec<Finding> {
    let repo = input.repo;
    let mut limits = Limits {
        shallow: repo.is_shallow().unwrap_or(false),
        ..Limits::default()
    };
    let head_commit = match repo.find_object(input.head) {
        Ok(o) => parse_commit(&o.data),
        Err(e) => {
            return vec![unknown_history(&format!(
                "the HEAD commit could not be read: {e}"
            ))];
        }
    };
    let head_time = head_commit.committer.time.unwrap_or(0);
    let (start, end) = window(input, head_time);
    let mailmap = input
        .mailmap
        .map(|t| gix::mailmap::Snapshot::from_bytes(t.as_bytes()));

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
    let mainline = mainline_ids(repo, input.head, start);
    match repo.rev_walk([input.head]).sorting(sorting).all() {
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
                tally(&mut t, id, &c, time, is_mainline, mailmap.as_ref());
            }
        }
        Err(e) => limits.error = Some(e.to_string()),
    }
    if t.commits == 0 && limits.error.is_some() {
        return vec![unknown_history(&format!(
            "the history could not be walked: {}",
            limits.error.unwrap_or_default()
        ))];
    }
    let releases = releases(repo, start, end, input.forge);
    build_findings(&t, &limits, start, end, input.forge, &releases)
}

/// The first-parent chain from HEAD back to the window's start: the commits that landed on
/// the branch, as opposed to those brought in by merges. Walked on its own because commit
/// dates can be skewed, so date order does not follow the chain.
fn mainline_ids(
    repo: &gix::Repository,
    head: ObjectId,
    start: Option<i64>,
) -> std::collections::HashSet<ObjectId> {
    let mut out = std::collections::HashSet::new();
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
    match c.signature {
        Some(kind) => {
            *t.signed.entry(kind).or_default() += 1;
            t.ex_signed.push(id, &c.subject);
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
    // Contributors: after .mailmap, bots apart.
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
    // Sign-offs.
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
            trailer_email(v).is_some_and(|e| e == *author_email)
                || v.trim().starts_with(c.author.name.as_str()) && !c.author.name.is_empty()
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

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / d as f64).round() / 10.0
    }
}

fn commit_ev(id: ObjectId, subject: &str, forge: Option<&Forge>) -> Evidence {
    let hex = id.to_string();
    let mut e = Evidence::commit(hex.clone(), subject);
    e.url = forge.map(|f| f.commit_url(&hex));
    e
}

/// Example commits, each excerpt saying what it is an example of.
fn examples(ex: &Examples, forge: Option<&Forge>, role: &str) -> Vec<Evidence> {
    ex.0.iter()
        .map(|(id, s)| commit_ev(*id, &format!("{role}: {s}"), forge))
        .collect()
}

fn unknown_history(why: &str) -> Finding {
    Finding::new(
        "history",
        Category::History,
        "git",
        "The history could not be read",
        Status::Unknown,
    )
    .with_detail("reason", assay_model::clean_excerpt(why))
}

struct Releases {
    total: usize,
    in_window: Vec<TagInfo>,
    truncated: bool,
    missing: usize,
}

struct TagInfo {
    name: String,
    target: ObjectId,
    time: i64,
    annotated: bool,
    signature: Option<SigKind>,
    version: bool,
}

fn releases(
    repo: &gix::Repository,
    start: Option<i64>,
    end: i64,
    _forge: Option<&Forge>,
) -> Releases {
    let mut out = Releases {
        total: 0,
        in_window: Vec::new(),
        truncated: false,
        missing: 0,
    };
    let Ok(platform) = repo.references() else {
        return out;
    };
    let Ok(tags) = platform.tags() else {
        return out;
    };
    for r in tags {
        let Ok(mut r) = r else { continue };
        if out.total >= MAX_TAGS {
            out.truncated = true;
            break;
        }
        out.total += 1;
        let name = r.name().shorten().to_string();
        let Some(id) = r.try_id().map(gix::Id::detach) else {
            continue;
        };
        let _ = &mut r;
        let Ok(obj) = repo.find_object(id) else {
            out.missing += 1;
            continue;
        };
        let (annotated, time, signature, target) = if obj.kind == gix::object::Kind::Tag {
            let data = &obj.data;
            let mut time = None;
            let mut target = id;
            let mut body_start = data.len();
            let mut pos = 0;
            while pos < data.len() {
                let end_l = data[pos..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(data.len(), |i| pos + i);
                let line = &data[pos..end_l];
                if line.is_empty() {
                    body_start = end_l + 1;
                    break;
                }
                if let Some(v) = line.strip_prefix(b"tagger ") {
                    time = parse_person(v).time;
                } else if let Some(v) = line.strip_prefix(b"object ") {
                    target = ObjectId::from_hex(v).unwrap_or(id);
                }
                pos = end_l + 1;
            }
            let body = &data[body_start.min(data.len())..];
            let sig = body
                .windows(10)
                .position(|w| w == b"-----BEGIN")
                .and_then(|i| SigKind::of_block(&body[i..body.len().min(i + 40)]));
            let time = time.or_else(|| commit_time(repo, target));
            (true, time, sig, target)
        } else {
            (false, commit_time(repo, id), None, id)
        };
        let Some(time) = time else { continue };
        if start.is_some_and(|s| time < s) || time > end {
            continue;
        }
        let version = {
            let n = name.trim_start_matches(|c: char| !c.is_ascii_digit());
            let mut parts = n.split('.');
            parts
                .next()
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                && parts
                    .next()
                    .is_some_and(|p| p.bytes().take_while(u8::is_ascii_digit).count() > 0)
        };
        out.in_window.push(TagInfo {
            name,
            target,
            time,
            annotated,
            signature,
            version,
        });
    }
    out.in_window
        .sort_by(|a, b| b.time.cmp(&a.time).then(a.name.cmp(&b.name)));
    out
}

fn commit_time(repo: &gix::Repository, id: ObjectId) -> Option<i64> {
    let obj = repo.find_object(id).ok()?;
    if obj.kind != gix::object::Kind::Commit {
        return None;
    }
    parse_commit(&obj.data).committer.time
}

fn build_findings(
    t: &Tally,
    limits: &Limits,
    start: Option<i64>,
    end: i64,
    forge: Option<&Forge>,
    rel: &Releases,
) -> Vec<Finding> {
    let period = match start {
        Some(s) => format!("between {} and {}", date(s), date(end)),
        None => format!("in the whole history up to {}", date(end)),
    };
    let incomplete = limits.shallow || limits.missing > 0;
    let coverage = if limits.shallow {
        Some("the clone is shallow: figures cover only the commits present".to_owned())
    } else if limits.missing > 0 {
        Some(format!(
            "{} commit(s) are missing from the object database: figures cover what could be read",
            limits.missing
        ))
    } else {
        None
    };
    let range_ev = match (t.oldest, t.newest) {
        (Some((o, ot)), Some((n, nt))) => {
            let name = if o == n {
                o.to_string()
            } else {
                format!("{o}..{n}")
            };
            let mut e = Evidence::commit(
                name,
                &format!(
                    "{} commits ({} merges) dated {} to {}",
                    t.commits,
                    t.merges,
                    date(ot),
                    date(nt)
                ),
            );
            e.url = forge.map(|f| f.commit_url(&n.to_string()));
            Some(e)
        }
        _ => None,
    };
    let with_common = |mut f: Finding, exs: Vec<Evidence>| -> Finding {
        if let Some(r) = &range_ev {
            f.evidence.push(r.clone());
        }
        f.evidence.extend(exs);
        f.details
            .insert("window_start".into(), start.map(date).into());
        f.details.insert("window_end".into(), date(end).into());
        if let Some(c) = &coverage {
            f.details.insert("coverage".into(), c.clone().into());
            if f.status == Status::Present {
                f.status = Status::Partial;
            }
        }
        if t.unparsed > 0 {
            f.details
                .insert("oversized_commits_skipped".into(), t.unparsed.into());
        }
        f
    };
    let mut out = Vec::new();

    // DCO sign-off.
    let n = t.non_merge;
    let dco_status = if n == 0 {
        Status::Unknown
    } else if t.signed_off == n {
        Status::Present
    } else if t.signed_off * 10 >= n * 9 {
        Status::Partial
    } else if t.signed_off == 0 {
        Status::Absent
    } else {
        Status::Partial
    };
    let dco_title = if n == 0 {
        format!("No non-merge commits {period}")
    } else if t.signed_off == n {
        format!(
            "All {n} non-merge commits {period} carry a Signed-off-by trailer; {} of the sign-offs match the author",
            t.signoff_matches_author
        )
    } else {
        let run = match t.signoff_current_run {
            0 => "the newest non-merge commit has none".to_owned(),
            r => format!("the newest {r} in a row are signed off"),
        };
        format!(
            "{} of {} non-merge commits ({}%) {period} carry a Signed-off-by trailer; {} of the sign-offs match the author; {run}",
            t.signed_off,
            n,
            pct(t.signed_off, n),
            t.signoff_matches_author
        )
    };

    let mut ex = examples(&t.ex_not_signed_off, forge, "no sign-off");
    ex.extend(
        examples(&t.ex_signed_off, forge, "signed off")
            .into_iter()
            .take(1),
    );
    out.push(with_common(
        Finding::new(
            "commits.dco",
            Category::History,
            "dco",
            dco_title,
            dco_status,
        )
        .with_detail("non_merge_commits", n)
        .with_detail("signed_off", t.signed_off)
        .with_detail("signed_off_percent", pct(t.signed_off, n))
        .with_detail("signoff_matches_author", t.signoff_matches_author)
        .with_detail("current_run", t.signoff_current_run)
        .with_detail("longest_run", t.signoff_longest_run),
        ex,
    ));

    // Signatures.
    let signed_total: usize = t.signed.values().sum();
    let sig_status = if t.commits == 0 {
        Status::Unknown
    } else if signed_total == t.commits {
        Status::Present
    } else if signed_total == 0 {
        Status::Absent
    } else {
        Status::Partial
    };
    let kinds: Vec<String> = t
        .signed
        .iter()
        .map(|(k, v)| format!("{} {}", v, k.name()))
        .collect();
    let sig_title = format!(
        "{} of {} commits ({}%) {period} carry a signature ({}); signed, not verified: keys are not available offline",
        signed_total,
        t.commits,
        pct(signed_total, t.commits),
        if kinds.is_empty() {
            "none".to_owned()
        } else {
            kinds.join(", ")
        }
    );
    let mut ex = examples(&t.ex_unsigned, forge, "no signature");
    ex.extend(examples(&t.ex_signed, forge, "signed").into_iter().take(1));
    out.push(with_common(
        Finding::new(
            "commits.signed",
            Category::History,
            "signed-commits",
            sig_title,
            sig_status,
        )
        .with_detail("commits", t.commits)
        .with_detail("signed", signed_total)
        .with_detail("signed_percent", pct(signed_total, t.commits))
        .with_detail(
            "by_kind",
            json!(
                t.signed
                    .iter()
                    .map(|(k, v)| (k.name(), *v))
                    .collect::<BTreeMap<_, _>>()
            ),
        )
        .with_detail("verified", false),
        ex,
    ));

    // Review.
    let rev_status = if t.mainline == 0 {
        Status::Unknown
    } else if t.mainline_reviewed == 0 {
        // Rebase merges leave no marker: absence of markers is not absence of review.
        Status::Unknown
    } else if t.mainline_reviewed * 10 >= t.mainline * 8 {
        Status::Present
    } else {
        Status::Partial
    };
    let rev_title = if t.mainline_reviewed == 0 {
        format!(
            "None of {} main-line commits {period} shows how it was reviewed (no pull request merge, pull request number or review trailer); whether review happened cannot be told from the history",
            t.mainline
        )
    } else {
        format!(
            "{} of {} main-line (first-parent) commits ({}%) {period} reached the branch through a pull or merge request or carry review trailers",
            t.mainline_reviewed,
            t.mainline,
            pct(t.mainline_reviewed, t.mainline)
        )
    };
    let mut ex = examples(&t.ex_no_marker, forge, "no review marker");
    ex.extend(
        examples(&t.ex_reviewed, forge, "reviewed path")
            .into_iter()
            .take(2),
    );
    out.push(with_common(
        Finding::new("review", Category::History, "review", rev_title, rev_status)
            .with_detail("mainline_commits", t.mainline)
            .with_detail("mainline_reviewed", t.mainline_reviewed)
            .with_detail("reviewed_percent", pct(t.mainline_reviewed, t.mainline))
            .with_detail("markers", json!(t.markers))
            .with_detail("trailers", json!(t.trailer_counts)),
        ex,
    ));

    // Contributors.
    let humans = t.authors.len();
    let human_commits: usize = t.authors.values().map(|v| v.1).sum();
    let mut domains: BTreeMap<String, usize> = BTreeMap::new();
    for (email, (_, count)) in &t.authors {
        let d = email.rsplit_once('@').map_or("(no email)", |(_, d)| d);
        *domains.entry(d.to_owned()).or_default() += count;
    }
    let mut top: Vec<(String, usize)> = domains.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top_desc: Vec<String> = top
        .iter()
        .take(3)
        .map(|(d, c)| format!("{d} {}%", pct(*c, human_commits)))
        .collect();
    let contrib_title = if humans == 0 {
        format!("No human-authored commits {period}")
    } else {
        format!(
            "{humans} distinct authors wrote {human_commits} non-merge commits {period}; top email domains by commits: {}{}",
            top_desc.join(", "),
            if t.bots.is_empty() {
                String::new()
            } else {
                format!("; bots authored {} more", t.bots.values().sum::<usize>())
            }
        )
    };
    out.push(with_common(
        Finding::new(
            "contributors",
            Category::History,
            "contributors",
            contrib_title,
            if humans == 0 {
                Status::Absent
            } else {
                Status::Present
            },
        )
        .with_detail("authors", humans)
        .with_detail("human_commits", human_commits)
        .with_detail(
            "top_domains",
            top.iter()
                .take(10)
                .map(|(d, c)| json!({"domain": d, "commits": c, "percent": pct(*c, human_commits)}))
                .collect::<Vec<_>>(),
        )
        .with_detail("bots", json!(t.bots)),
        examples(&t.ex_bot, forge, "bot commit"),
    ));

    // Activity.
    let active_months = t.months.len();
    let act_status = match t.commits {
        0 => Status::Absent,
        n if n >= 12 && active_months >= 6 => Status::Present,
        _ => Status::Partial,
    };
    let last = t.newest.map(|(_, time)| date(time));
    out.push(with_common(
        Finding::new(
            "activity",
            Category::History,
            "activity",
            format!(
                "{} commits in {} distinct month(s) {period}; last commit {}",
                t.commits,
                active_months,
                last.clone().unwrap_or_else(|| "none".into())
            ),
            act_status,
        )
        .with_detail("commits_per_month", json!(t.months))
        .with_detail("last_commit", last),
        Vec::new(),
    ));

    // Releases.
    let versions: Vec<&TagInfo> = rel.in_window.iter().filter(|r| r.version).collect();
    let annotated = versions.iter().filter(|r| r.annotated).count();
    let signed = versions.iter().filter(|r| r.signature.is_some()).count();

    let cadence = {
        // Several tags on one day (modules, branches) are one release day.
        let mut days: Vec<i64> = versions.iter().map(|r| r.time.div_euclid(DAY)).collect();
        days.sort_unstable();
        days.dedup();
        let mut gaps: Vec<i64> = days.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort_unstable();
        gaps.get(gaps.len() / 2).copied()
    };
    let release_status = if versions.is_empty() {
        Status::Absent
    } else {
        Status::Present
    };
    let release_title = if versions.is_empty() {
        format!("No version tags {period}")
    } else {
        format!(
            "{} version tags {period} ({} annotated, {} signed){}",
            versions.len(),
            annotated,
            signed,
            cadence
                .map(|d| format!("; median gap between release days: {d} day(s)"))
                .unwrap_or_default()
        )
    };
    let mut rf = Finding::new(
        "releases",
        Category::History,
        "releases",
        release_title,
        release_status,
    )
    .with_detail("tags_total", rel.total)
    .with_detail("tags_in_window", rel.in_window.len())
    .with_detail("version_tags", versions.len())
    .with_detail("annotated", annotated)
    .with_detail("signed", signed)
    .with_detail("median_days_between", cadence)
    .with_detail(
        "recent",
        rel.in_window
            .iter()
            .take(20)
            .map(|r| {
                json!({
                    "tag": r.name, "date": date(r.time), "annotated": r.annotated,
                    "signature": r.signature.map(SigKind::name),
                })
            })
            .collect::<Vec<Value>>(),
    );
    if rel.truncated {
        rf.details.insert("truncated_at".into(), MAX_TAGS.into());
    }
    if rel.missing > 0 {
        rf.details
            .insert("tags_missing_objects".into(), rel.missing.into());
    }
    rf.evidence = rel
        .in_window
        .iter()
        .take(5)
        .map(|r| {
            let what = format!(
                "tag {} {}{}",
                r.name,
                date(r.time),
                match (r.annotated, r.signature) {
                    (_, Some(k)) => format!(", signed ({})", k.name()),
                    (true, None) => ", annotated".to_owned(),
                    (false, None) => ", lightweight".to_owned(),
                }
            );
            commit_ev(r.target, &what, forge)
        })
        .collect();
    rf.details
        .insert("window_start".into(), start.map(date).into());
    rf.details.insert("window_end".into(), date(end).into());
    out.push(rf);

    if incomplete {
        for f in &mut out {
            if f.status == Status::Absent {
                f.status = Status::Unknown;
            }
        }
    }
    for f in &mut out {
        crate::detect::cap_evidence(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_forms() {
        assert_eq!(parse_since("all"), Ok(Since::All));
        assert_eq!(parse_since("90d"), Ok(Since::Duration(90 * DAY)));
        assert_eq!(parse_since("2y"), Ok(Since::Duration(730 * DAY)));
        assert_eq!(parse_since("1970-01-02"), Ok(Since::Date(DAY)));
        assert!(parse_since("12q").is_err());
        assert!(parse_since("-3d").is_err());
        assert!(parse_since("99999999999999999999d").is_err());
    }

    #[test]
    fn dates_round_trip_including_before_1970_and_far_future() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(-DAY), "1969-12-31");
        assert_eq!(date(days_from_civil(2024, 2, 29) * DAY), "2024-02-29");
        assert_eq!(date(253_402_300_799), "9999-12-31");
        // Extreme values do not panic.
        let _ = date(i64::MAX / 2);
        let _ = date(i64::MIN / 2);
    }

    #[test]
    fn commit_headers_signatures_and_trailers() {
        let raw = b"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\
parent 0000000000000000000000000000000000000001\n\
author Ada <ada@x.org> 1700000000 +0100\n\
committer Ada <ada@x.org> 1700000100 +0100\n\
gpgsig -----BEGIN SSH SIGNATURE-----\n abc\n -----END SSH SIGNATURE-----\n\
\n\
Fix parser (#42)\n\nBody.\n\nSigned-off-by: Ada <ADA@x.org>\nReviewed-by: Bob <bob@y.org>\n";
        let c = parse_commit(raw);
        assert_eq!(c.parents.len(), 1);
        assert_eq!(c.author.email, "ada@x.org");
        assert_eq!(c.committer.time, Some(1_700_000_100));
        assert_eq!(c.signature, Some(SigKind::Ssh));
        assert_eq!(c.subject, "Fix parser (#42)");
        assert_eq!(
            review_marker(&c),
            Some("squash or rebase of a pull request")
        );
        assert!(c.trailers.iter().any(|(k, _)| k == "signed-off-by"));
    }

    #[test]
    fn malformed_people_and_trailers_do_not_panic() {
        for raw in [
            &b"author \xff\xfe <\n"[..],
            b"author <<>> x y z\n\nmsg\n:::\nA: b\n",
            b"\n",
            b"",
        ] {
            let _ = parse_commit(raw);
        }
        let p = parse_person(b"N\xffame <e@x> notanumber +0000");
        assert_eq!(p.time, None);
        assert_eq!(p.email, "e@x");
    }
}
