//! History findings on fixture histories written object by object, so every header,
//! date, signature and trailer is exactly what the test says.

// Commit graphs read best with one-letter names; objects are built as text.
#![allow(clippy::many_single_char_names, clippy::format_push_string)]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{Fixture, assay, finding, json, status, stderr, stdout};

const DAY: i64 = 86_400;
/// 2025-01-01T00:00:00Z
const T0: i64 = 1_735_689_600;

/// Writes raw objects with `git hash-object --literally`, so hostile headers are possible.
struct History {
    f: Fixture,
    tree: String,
}

impl History {
    fn new() -> History {
        let f = Fixture::new();
        f.init();
        let tree = hash(&f, "tree", b"");
        History { f, tree }
    }

    /// A commit with `parents`, author line `author` (without time), time `t`, extra headers
    /// and message. Returns its id.
    fn commit(&self, parents: &[&str], author: &str, t: i64, extra: &str, msg: &str) -> String {
        self.commit_by(parents, author, author, t, extra, msg)
    }

    /// A commit whose committer differs from its author (a web merge, a maintainer's push).
    fn commit_by(
        &self,
        parents: &[&str],
        author: &str,
        committer: &str,
        t: i64,
        extra: &str,
        msg: &str,
    ) -> String {
        let mut body = format!("tree {}\n", self.tree);
        for p in parents {
            body += &format!("parent {p}\n");
        }
        body +=
            &format!("author {author} {t} +0000\ncommitter {committer} {t} +0000\n{extra}\n{msg}");
        hash(&self.f, "commit", body.as_bytes())
    }

    fn set_head(&self, id: &str) {
        self.f.git(&["update-ref", "refs/heads/main", id]);
    }

    fn scan(&self, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["scan", ".", "--format", "json"];
        args.extend_from_slice(extra);
        let out = assay(&args, Some(self.f.path()));
        assert!(out.status.success(), "{}", stderr(&out));
        json(&out)
    }
}

fn hash(f: &Fixture, kind: &str, data: &[u8]) -> String {
    let mut child = Command::new("git")
        .args(["hash-object", "-t", kind, "-w", "--literally", "--stdin"])
        .current_dir(f.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("git hash-object");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(data)
        .expect("write object");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "hash-object failed");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

const ADA: &str = "Ada Author <ada@acme.dev>";
const GPG: &str = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEz\n -----END PGP SIGNATURE-----\n";
const SSH: &str = "gpgsig -----BEGIN SSH SIGNATURE-----\n U1NI\n -----END SSH SIGNATURE-----\n";

/// root <- a (signed off, gpg) <- b (signed off by someone else, ssh) <- c (no sign-off)
///      <- merge of PR #7 (with side commit d signed off) <- e squash (#9), signed off
fn project() -> (History, Vec<String>) {
    let h = History::new();
    let root = h.commit(
        &[],
        ADA,
        T0,
        "",
        "Initial import\n\nSigned-off-by: Ada Author <ada@acme.dev>\n",
    );
    let a = h.commit(
        &[&root],
        ADA,
        T0 + DAY,
        GPG,
        "Add parser\n\nSigned-off-by: Ada Author <ada@acme.dev>\n",
    );
    let b = h.commit(
        &[&a],
        "Bob <bob@beta.org>",
        T0 + 2 * DAY,
        SSH,
        "Fix parser\n\nSigned-off-by: Carol <carol@gamma.io>\n",
    );
    let c = h.commit(
        &[&b],
        "Bob <bob@beta.org>",
        T0 + 3 * DAY,
        "",
        "Tweak docs\n",
    );
    let d = h.commit(
        &[&c],
        "Dana <dana@beta.org>",
        T0 + 4 * DAY,
        "",
        "Side work\n\nSigned-off-by: Dana <dana@beta.org>\n",
    );
    let m = h.commit(
        &[&c, &d],
        ADA,
        T0 + 5 * DAY,
        "",
        "Merge pull request #7 from dana/side\n\nSide work\n",
    );
    let e = h.commit(
        &[&m],
        "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
        T0 + 6 * DAY,
        "",
        "Bump x from 1 to 2 (#9)\n\nSigned-off-by: dependabot[bot] <support@github.com>\n",
    );
    h.set_head(&e);
    (h, vec![root, a, b, c, d, m, e])
}

#[test]
fn figures_match_the_history() {
    let (h, ids) = project();
    let r = h.scan(&[]);
    let dco = finding(&r, "commits.dco").expect("dco");
    // Non-merge: root a b c d e = 6; signed off: root a b d e = 5.
    assert_eq!(dco["details"]["non_merge_commits"], 6);
    assert_eq!(dco["details"]["signed_off"], 5);
    // b is signed off by Carol, not its author Bob. e's sign-off has another address but
    // the author's name, which counts as the author's.
    assert_eq!(dco["details"]["signoff_matches_author"], 4);
    // Newest first: e, d (both signed off), then c is not.
    assert_eq!(dco["details"]["current_run"], 2);
    assert_eq!(dco["status"], "partial");
    assert!(
        dco["evidence"]
            .as_array()
            .is_some_and(|e| e.iter().any(|e| e["commit"] == ids[3].as_str())),
        "the commit without sign-off is cited: {dco}"
    );

    let signed = finding(&r, "commits.signed").expect("signed");
    assert_eq!(signed["details"]["signed"], 2);
    assert_eq!(
        signed["details"]["by_kind"],
        serde_json::json!({"gpg": 1, "ssh": 1})
    );
    assert_eq!(signed["details"]["verified"], false);

    let review = finding(&r, "review").expect("review");
    // Main line: e m c b a root = 6; e (#9) and m (Merge pull request) are reviewed paths.
    assert_eq!(review["details"]["mainline_commits"], 6);
    assert_eq!(review["details"]["mainline_reviewed"], 2);

    let people = finding(&r, "contributors").expect("contributors");
    assert_eq!(people["details"]["authors"], 3, "{people}");
    assert_eq!(
        people["details"]["bots"],
        serde_json::json!({"Dependabot": 1})
    );
}

#[test]
fn history_json_is_stable() {
    let (h, _) = project();
    let r = h.scan(&[]);
    let history: Vec<&serde_json::Value> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["category"] == "history")
        .collect();
    insta::assert_json_snapshot!("history_findings", history);
}

#[test]
fn mailmap_merges_identities() {
    let h = History::new();
    let a = h.commit(&[], "Ada <ada@old.dev>", T0, "", "one\n");
    let b = h.commit(&[&a], "Ada L <ada@acme.dev>", T0 + DAY, "", "two\n");
    let mailmap_blob = hash(&h.f, "blob", b"Ada Author <ada@acme.dev> <ada@old.dev>\n");
    let tree = hash_tree(&h.f, &[(".mailmap", &mailmap_blob)]);
    let body = format!(
        "tree {tree}\nparent {b}\nauthor Ada <ada@acme.dev> {} +0000\ncommitter Ada <ada@acme.dev> {} +0000\n\nthree\n",
        T0 + 2 * DAY,
        T0 + 2 * DAY
    );
    let c = hash(&h.f, "commit", body.as_bytes());
    h.set_head(&c);
    let r = h.scan(&[]);
    assert_eq!(
        finding(&r, "contributors").expect("c")["details"]["authors"],
        1
    );
}

fn hash_tree(f: &Fixture, entries: &[(&str, &str)]) -> String {
    let mut data = Vec::new();
    for (name, id) in entries {
        data.extend_from_slice(format!("100644 {name}\0").as_bytes());
        let bin: Vec<u8> = (0..id.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&id[i..i + 2], 16).expect("hex"))
            .collect();
        data.extend_from_slice(&bin);
    }
    hash(f, "tree", &data)
}

#[test]
fn window_ends_at_the_scanned_commit_and_since_moves_its_start() {
    let h = History::new();
    let old = h.commit(&[], ADA, T0 - 400 * DAY, "", "old\n");
    let new = h.commit(&[&old], ADA, T0, "", "new\n");
    h.set_head(&new);
    let r = h.scan(&[]);
    assert_eq!(
        finding(&r, "activity").expect("a")["details"]["window_end"],
        "2025-01-01"
    );
    assert_eq!(
        finding(&r, "commits.dco").expect("d")["details"]["non_merge_commits"],
        1
    );
    let all = h.scan(&["--since", "all"]);
    assert_eq!(
        finding(&all, "commits.dco").expect("d")["details"]["non_merge_commits"],
        2
    );
    let dated = h.scan(&["--since", "2023-01-01"]);
    assert_eq!(
        finding(&dated, "commits.dco").expect("d")["details"]["non_merge_commits"],
        2
    );
}

#[test]
fn bad_since_is_a_usage_error() {
    let (h, _) = project();
    let out = assay(&["scan", ".", "--since", "soon"], Some(h.f.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("soon"));
}

#[test]
fn tags_annotated_signed_and_lightweight() {
    let (h, ids) = project();
    let head = &ids[6];
    let tag = |name: &str, sig: &str| {
        let body = format!(
            "object {head}\ntype commit\ntag {name}\ntagger {ADA} {} +0000\n\nRelease {name}\n{sig}",
            T0 + 6 * DAY
        );
        let id = hash(&h.f, "tag", body.as_bytes());
        h.f.git(&["update-ref", &format!("refs/tags/{name}"), &id]);
    };
    tag(
        "v1.0.0",
        "-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n",
    );
    tag("v1.1.0", "");
    h.f.git(&["update-ref", "refs/tags/v1.2.0", head]);
    h.f.git(&["update-ref", "refs/tags/nightly", head]);
    let r = h.scan(&[]);
    let rel = finding(&r, "releases").expect("releases");
    assert_eq!(rel["details"]["version_tags"], 3);
    assert_eq!(rel["details"]["annotated"], 2);
    assert_eq!(rel["details"]["signed"], 1);
    assert_eq!(rel["status"], "present");
}

#[test]
fn hostile_commits_cost_little_and_never_panic() {
    let h = History::new();
    let mut prev = h.commit(&[], ADA, T0, "", "start\n");
    // A 5 MiB message: counted, not parsed.
    let huge = format!("huge\n\n{}\n", "x".repeat(5 * 1024 * 1024));
    prev = h.commit(&[&prev], ADA, T0 + 1, "", &huge);
    // Invalid UTF-8 in names and a malformed person line.
    let bad = format!(
        "tree {}\nparent {prev}\nauthor \u{1b}[31mEve\u{7} <eve@x> {} +0000\ncommitter <<>> notatime\n\nsubject\n\nSigned-off-by:\n::\nSigned-off-by: <>\n",
        h.tree,
        T0 + 2
    );
    let mut bytes = bad.into_bytes();
    bytes.extend_from_slice(b"caf\xe9: \xff\xfe\n");
    prev = hash(&h.f, "commit", &bytes);
    // Far-future and pre-1970 dates.
    prev = h.commit(&[&prev], ADA, 253_402_300_799, "", "year 9999\n");
    prev = h.commit(&[&prev], ADA, -86_400_000, "", "before 1970\n");
    h.set_head(&prev);
    let out = assay(&["scan", ".", "--since", "all"], Some(h.f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}'),
        "escape from a commit reached the terminal"
    );
    let r = h.scan(&["--since", "all"]);
    let act = finding(&r, "activity").expect("activity");
    assert_eq!(act["details"]["oversized_commits_skipped"], 1);
    assert!(
        act["title"]
            .as_str()
            .is_some_and(|t| t.contains("5 commits")),
        "{act}"
    );
    // HEAD is dated 1000 days before 1970: the window ends there, not at the 9999 commit.
    assert_eq!(act["details"]["window_end"], "1967-04-07");
}

#[test]
fn a_deep_history_is_cut_at_the_window() {
    let f = Fixture::new();
    f.init();
    // 20,000 commits a minute apart, written with fast-import.
    let mut stream = String::new();
    for i in 0..20_000i64 {
        stream += &format!(
            "commit refs/heads/main\ncommitter Ada <ada@acme.dev> {} +0000\ndata 3\nc{}\n",
            T0 + i * 60,
            i % 10
        );
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(f.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdin(Stdio::piped())
        .spawn()
        .expect("fast-import");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stream.as_bytes())
        .expect("stream");
    assert!(child.wait().expect("wait").success());
    let out = assay(
        &["scan", ".", "--format", "json", "--since", "1d"],
        Some(f.path()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let r = json(&out);
    // One day back from the newest commit, from the start (UTC) of that day: the newest is
    // 2025-01-14 21:19, so the window opens at 2025-01-13 00:00 and holds 2,720 minutes.
    let n = finding(&r, "commits.dco").expect("dco")["details"]["non_merge_commits"].clone();
    assert_eq!(n, 2720);
    let all = json(&assay(
        &["scan", ".", "--format", "json", "--since", "all"],
        Some(f.path()),
    ));
    assert_eq!(
        finding(&all, "commits.dco").expect("dco")["details"]["non_merge_commits"],
        20_000
    );
}

#[test]
fn a_shallow_clone_is_reported_as_partial_coverage() {
    let (h, _) = project();
    let shallow = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", h.f.path().display());
    let status_ok = Command::new("git")
        .args(["clone", "-q", "--depth", "2", "--no-local", &url, "s"])
        .current_dir(shallow.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .expect("clone")
        .success();
    assert!(status_ok);
    let out = assay(&["scan", "s", "--format", "json"], Some(shallow.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let r = json(&out);
    let dco = finding(&r, "commits.dco").expect("dco");
    assert!(
        dco["details"]["coverage"]
            .as_str()
            .is_some_and(|c| c.contains("shallow"))
    );
    assert!(
        dco["title"]
            .as_str()
            .is_some_and(|t| t.contains("the clone is shallow")),
        "the draft prints titles, so the caveat must be in it: {dco}"
    );
    assert_ne!(status(&r, "commits.dco"), "present");
    assert_ne!(
        status(&r, "commits.signed"),
        "absent",
        "no confident absence over missing data"
    );
}

#[test]
fn an_impossible_since_date_is_a_usage_error_naming_it() {
    let (h, _) = project();
    let out = assay(&["scan", ".", "--since", "2026-02-31"], Some(h.f.path()));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("2026-02-31") && err.contains("01 to 28"),
        "{err}"
    );
    // A real leap day is fine.
    let ok = assay(&["scan", ".", "--since", "2024-02-29"], Some(h.f.path()));
    assert!(ok.status.success(), "{}", stderr(&ok));
}

const WEB_FLOW: &str = "GitHub <noreply@github.com>";

#[test]
fn signatures_github_adds_on_web_merges_are_counted_apart() {
    let h = History::new();
    let bob = "Bob <bob@beta.org>";
    // a: Ada signs her own commit; b, c: squashed on the web, signed by GitHub; d: unsigned.
    let a = h.commit(&[], ADA, T0, SSH, "Own work\n");
    let b = h.commit_by(&[&a], bob, WEB_FLOW, T0 + DAY, GPG, "Feature (#1)\n");
    let c = h.commit_by(&[&b], bob, WEB_FLOW, T0 + 2 * DAY, GPG, "Fix (#2)\n");
    let d = h.commit(&[&c], bob, T0 + 3 * DAY, "", "Direct push\n");
    h.set_head(&d);
    let r = h.scan(&[]);
    let signed = finding(&r, "commits.signed").expect("signed");
    assert_eq!(signed["details"]["signed"], 3);
    assert_eq!(signed["details"]["signed_by_forge"], 2);
    assert_eq!(signed["details"]["signed_own"], 1);
    assert_eq!(signed["details"]["forge_commits"], 2);
    // One of the two commits made outside the web interface is signed by its committer.
    assert_eq!(signed["details"]["signed_own_percent"], 50.0);
    assert_eq!(signed["status"], "partial");
    let title = signed["title"].as_str().unwrap_or_default();
    assert!(
        title.contains("3 of 4 commits")
            && title.contains("2 of them added by GitHub on web merges"),
        "{title}"
    );
}

#[test]
fn a_share_made_only_of_github_signatures_does_not_read_as_contributors_signing() {
    let h = History::new();
    let bob = "Bob <bob@beta.org>";
    let a = h.commit(&[], bob, T0, "", "Direct push\n");
    let b = h.commit_by(&[&a], bob, WEB_FLOW, T0 + DAY, GPG, "Feature (#1)\n");
    let c = h.commit_by(&[&b], ADA, WEB_FLOW, T0 + 2 * DAY, GPG, "Fix (#2)\n");
    h.set_head(&c);
    let r = h.scan(&[]);
    let signed = finding(&r, "commits.signed").expect("signed");
    assert_eq!(signed["details"]["signed_percent"], 66.7);
    assert_eq!(signed["details"]["signed_own"], 0);
    assert_eq!(signed["status"], "absent", "{signed}");
    let title = signed["title"].as_str().unwrap_or_default();
    assert!(
        title.contains("all added by GitHub on web merges, not by contributors"),
        "{title}"
    );

    // Eleven web merges and one direct push: one unsigned commit does not show that
    // contributors do not sign.
    let h = History::new();
    let mut prev = h.commit(&[], bob, T0, "", "Direct push\n");
    for i in 1..12 {
        prev = h.commit_by(
            &[&prev],
            bob,
            WEB_FLOW,
            T0 + i * DAY,
            GPG,
            &format!("PR (#{i})\n"),
        );
    }
    h.set_head(&prev);
    let signed = h.scan(&[]);
    let signed = finding(&signed, "commits.signed").expect("signed");
    assert_eq!(signed["status"], "unknown", "{signed}");
    assert!(
        signed["title"]
            .as_str()
            .is_some_and(|t| t.contains("all but 1 was made there")),
        "{signed}"
    );

    // Every commit made on the web: the history cannot tell whether contributors sign.
    let h = History::new();
    let a = h.commit_by(&[], bob, WEB_FLOW, T0, GPG, "Feature (#1)\n");
    let b = h.commit_by(&[&a], ADA, WEB_FLOW, T0 + DAY, GPG, "Fix (#2)\n");
    h.set_head(&b);
    let r = h.scan(&[]);
    let signed = finding(&r, "commits.signed").expect("signed");
    assert_eq!(signed["status"], "unknown", "{signed}");
    assert!(
        signed["title"]
            .as_str()
            .is_some_and(|t| t.contains("cannot be told")),
        "{signed}"
    );
}

/// Ten main-line commits, one of them a squashed pull request, over a tree holding
/// `files`.
fn few_markers(files: &[(&str, &str)]) -> History {
    let mut h = History::new();
    let entries: Vec<(&str, String)> = files
        .iter()
        .map(|(name, text)| (*name, hash(&h.f, "blob", text.as_bytes())))
        .collect();
    let entries: Vec<(&str, &str)> = entries.iter().map(|(n, id)| (*n, id.as_str())).collect();
    h.tree = hash_tree(&h.f, &entries);
    let mut prev = h.commit(&[], ADA, T0, "", "Start\n");
    for i in 1..10 {
        let msg = if i == 5 {
            "Add cache (#5)\n".to_owned()
        } else {
            format!("Change {i}\n")
        };
        prev = h.commit(&[&prev], ADA, T0 + i * DAY, "", &msg);
    }
    h.set_head(&prev);
    h
}

#[test]
fn a_written_review_rule_means_missing_markers_do_not_show_missing_review() {
    let plain = few_markers(&[]).scan(&[]);
    let review = finding(&plain, "review").expect("review");
    assert_eq!(review["status"], "partial");
    assert_eq!(review["details"]["reviewed_percent"], 10.0);

    let ruled = few_markers(&[(
        "CONTRIBUTING.md",
        "# Contributing\n\nEvery pull request requires at least two approvals from maintainers before it merges.\n",
    )])
    .scan(&[]);
    assert_eq!(status(&ruled, "review.approval-rule"), "present");
    let review = finding(&ruled, "review").expect("review");
    assert_eq!(review["status"], "unknown", "{review}");
    assert_eq!(review["details"]["written_rule"], "review.approval-rule");
    let title = review["title"].as_str().unwrap_or_default();
    assert!(
        title.contains("Only 1 of 10 main-line commits")
            && title.contains("ask for 2 approval(s)")
            && title.contains("CONTRIBUTING.md:3")
            && title.contains("cannot show whether changes were reviewed"),
        "{title}"
    );
    assert!(
        review["evidence"]
            .as_array()
            .is_some_and(|e| e.iter().any(|e| e["path"] == "CONTRIBUTING.md")),
        "the rule is cited: {review}"
    );
}

#[test]
fn worktree_scans_keep_the_history() {
    let (h, _) = project();
    // A file only in the work tree: --worktree reads it; the history still comes from git.
    h.f.write(
        "SECURITY.md",
        "# Security\n\nReport issues to security@acme.dev.\n",
    );
    let head = h.scan(&[]);
    let work = h.scan(&["--worktree"]);
    assert!(finding(&head, "policy.security-file").is_none_or(|f| f["status"] == "absent"));
    assert_ne!(status(&work, "policy.security-file"), "absent");
    for id in [
        "commits.dco",
        "commits.signed",
        "review",
        "contributors",
        "activity",
        "releases",
    ] {
        let (a, b) = (
            finding(&head, id).expect("history at HEAD"),
            finding(&work, id).unwrap_or_else(|| panic!("{id} kept with --worktree")),
        );
        assert_eq!(a["title"], b["title"], "{id}");
        assert_eq!(a["details"], b["details"], "{id}");
    }
}
