//! A repository is hostile input: these tests build the attacks and check assay holds.

mod common;

use std::fs;

use common::{Fixture, assay, finding, json, status, stderr, stdout};

#[cfg(unix)]
#[test]
fn committed_symlink_out_of_root_is_reported_not_followed() {
    let outside = tempfile::tempdir().expect("tempdir");
    fs::write(
        outside.path().join("secret.txt"),
        "Report to leak@outside.example\n",
    )
    .expect("write");
    let f = Fixture::new();
    f.init();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        f.path().join("SECURITY.md"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink("../../..", f.path().join("up")).expect("symlink");
    f.commit_all("links");
    for args in [
        &["scan", ".", "--format", "json"][..],
        &["scan", ".", "--format", "json", "--worktree"][..],
    ] {
        let out = assay(args, Some(f.path()));
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            !stdout(&out).contains("leak@outside"),
            "read through a symlink"
        );
        let r = json(&out);
        let policy = finding(&r, "policy.security-file").expect("policy");
        assert_eq!(policy["status"], "unknown");
        assert!(
            policy["title"]
                .as_str()
                .is_some_and(|t| t.contains("symlink"))
        );
        let links = finding(&r, "snapshot.symlinks-out-of-root").expect("reported");
        assert_eq!(links["details"]["count"], 2);
    }
}

#[cfg(unix)]
#[test]
fn a_directory_symlink_to_root_is_not_walked() {
    let f = Fixture::new();
    f.write("README.md", "hi\n");
    std::os::unix::fs::symlink("/", f.path().join("rootfs")).expect("symlink");
    let out = assay(&["scan", ".", "--format", "json"], Some(f.path()));
    assert!(out.status.success());
    assert!(!stdout(&out).contains("rootfs/etc"));
}

#[test]
fn an_oversized_file_is_listed_but_not_read() {
    let f = Fixture::new();
    let mut big = String::from("Report to big@huge.example\n");
    big.push_str(&"x".repeat(5 * 1024 * 1024));
    f.init().write("SECURITY.md", big).commit_all("big");
    let out = assay(&["scan", ".", "--format", "json"], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(status(&r, "policy.security-file"), "unknown");
    let unread = finding(&r, "snapshot.unread-files").expect("reported");
    assert!(
        unread["evidence"][0]["excerpt"]
            .as_str()
            .is_some_and(|e| e.contains("over the read limit"))
    );
}

#[test]
fn binary_files_are_skipped() {
    let f = Fixture::new();
    f.init()
        .write(
            "SECURITY.md",
            b"Report to bin@x.example\0\x01\x02".as_slice(),
        )
        .commit_all("binary");
    let r = json(&assay(&["scan", ".", "--format", "json"], Some(f.path())));
    assert_eq!(status(&r, "policy.security-file"), "unknown");
}

#[test]
fn control_characters_never_reach_the_terminal_or_json() {
    let f = Fixture::new();
    f.init()
        .write(
            "SECURITY.md",
            "Email \u{1b}[2J\u{1b}]0;pwned\u{7}sec@esc.example\u{202e} now\n",
        )
        .commit_all("escapes");
    let text = assay(&["scan", "."], Some(f.path()));
    assert!(text.status.success());
    assert!(!text.stdout.contains(&0x1b), "escape byte in text output");
    assert!(!stdout(&text).contains('\u{202e}'));
    let out = assay(&["scan", ".", "--format", "json"], Some(f.path()));
    let raw = stdout(&out);
    assert!(!raw.contains("\\u001b"), "escape in JSON excerpt");
    let r = json(&out);
    let ev = &finding(&r, "policy.security-file").expect("policy")["evidence"][0];
    assert_eq!(ev["excerpt"], "Email [2J]0;pwnedsec@esc.example now");
}

#[test]
fn invalid_utf8_is_read_lossily() {
    let f = Fixture::new();
    f.init()
        .write(
            "SECURITY.md",
            b"Report to caf\xe9@utf.example\nsec@utf.example\n".as_slice(),
        )
        .commit_all("latin1");
    let r = json(&assay(&["scan", ".", "--format", "json"], Some(f.path())));
    assert_eq!(status(&r, "policy.security-file"), "present");
}

#[test]
fn hooks_fsmonitor_and_filters_are_never_run() {
    let f = Fixture::new();
    let marker = f.path().join("PWNED");
    let m = marker.to_str().expect("utf-8");
    f.init()
        .write(".gitattributes", "* filter=evil\n")
        .write("README.md", "hello\n")
        .commit_all("attrs");
    f.git(&["config", "core.fsmonitor", &format!("touch {m}")]);
    f.git(&["config", "filter.evil.smudge", &format!("touch {m}; cat")]);
    f.git(&["config", "filter.evil.clean", &format!("touch {m}; cat")]);
    f.git(&["config", "filter.evil.process", &format!("touch {m}")]);
    f.git(&["config", "core.sshCommand", &format!("touch {m}")]);
    for hook in [
        "post-checkout",
        "pre-commit",
        "post-index-change",
        "reference-transaction",
    ] {
        let p = f.path().join(".git/hooks").join(hook);
        fs::write(&p, format!("#!/bin/sh\ntouch {m}\n")).expect("hook");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).expect("chmod");
        }
    }
    for args in [&["scan", "."][..], &["scan", ".", "--worktree"][..]] {
        let out = assay(args, Some(f.path()));
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(!marker.exists(), "assay ran a program the repository named");
}

#[test]
fn a_corrupt_repository_fails_with_exit_2() {
    let f = Fixture::new();
    f.init().write("README.md", "x\n").commit_all("one");
    fs::write(f.path().join(".git/HEAD"), "garbage\0\n").expect("corrupt HEAD");
    let out = assay(&["scan", "."], Some(f.path()));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("assay: error:"));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn a_repository_without_commits_fails_with_exit_2() {
    let f = Fixture::new();
    f.init();
    let out = assay(&["scan", "."], Some(f.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("HEAD"), "{}", stderr(&out));
}

#[test]
fn missing_blobs_are_reported_not_fatal() {
    let f = Fixture::new();
    f.init()
        .write("SECURITY.md", "Report to gone@x.example\n")
        .write("README.md", "hi\n")
        .commit_all("one");
    let blob = stdout(&f.git(&["rev-parse", "HEAD:SECURITY.md"]))
        .trim()
        .to_owned();
    let loose = f
        .path()
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    fs::remove_file(loose).expect("remove blob");
    let out = assay(&["scan", ".", "--format", "json"], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(status(&r, "snapshot.missing-objects"), "unknown");
    assert_eq!(status(&r, "policy.security-file"), "unknown");
}

#[test]
fn malformed_workflow_yaml_is_reported_not_fatal() {
    let f = Fixture::new();
    f.init()
        .write(
            ".github/workflows/bad.yml",
            "on: [push\njobs: {{{\n  - run: trivy image x\n",
        )
        .write(
            ".github/workflows/alias.yml",
            "on: push\nx: &a [*a, *a]\njobs:\n  j:\n    steps: *a\n",
        )
        .commit_all("bad yaml");
    let out = assay(&["scan", ".", "--format", "json"], Some(f.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(status(&json(&out), "ci.unparsable-workflows"), "unknown");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // Enough workflows that the JSON report far exceeds a pipe's buffer.
    let f = Fixture::new();
    for i in 0..2000 {
        f.write(
            &format!(".github/workflows/w{i}.yml"),
            "on: push\njobs: {}\n",
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_assay"))
        .args(["scan", ".", "--format", "json"])
        .current_dir(f.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 1];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("read");
    // stdout is dropped here: further writes hit a closed pipe.
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Broken pipe"));
}
