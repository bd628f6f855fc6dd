//! Tags in the window: which name versions, which are annotated and signed, when.

use gix::ObjectId;

use super::MAX_TAGS;
use super::commit::{SigKind, parse_commit, parse_person};

pub(super) struct Releases {
    pub(super) total: usize,
    pub(super) in_window: Vec<TagInfo>,
    pub(super) truncated: bool,
    pub(super) missing: usize,
}

pub(super) struct TagInfo {
    pub(super) name: String,
    pub(super) target: ObjectId,
    pub(super) time: i64,
    pub(super) annotated: bool,
    pub(super) signature: Option<SigKind>,
    pub(super) version: bool,
}

pub(super) fn releases(repo: &gix::Repository, start: Option<i64>, end: i64) -> Releases {
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
