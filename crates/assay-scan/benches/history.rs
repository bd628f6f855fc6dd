//! History speed over a generated repository of 100,000 commits spread over ten years,
//! with sign-offs, review trailers, pull request numbers, bots, and merges every 20th
//! commit. Run with `cargo bench -p assay-scan --bench history`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use assay_scan::history::Since;
use assay_scan::{Catalog, ScanOptions, Snapshot, scan_snapshot};

fn main() {
    divan::main();
}

const COMMITS: i64 = 100_000;
const START: i64 = 1_450_000_000;
/// Ten years, in seconds, divided evenly.
const STEP: i64 = 10 * 365 * 86_400 / COMMITS;

static REPO: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .status()
            .expect("git")
            .success()
    };
    assert!(git(&["init", "-q"]));
    let mut stream = String::with_capacity(40 * 1024 * 1024);
    for i in 0..COMMITS {
        let (name, email) = match i % 7 {
            0 => (
                "dependabot[bot]",
                "49699333+dependabot[bot]@users.noreply.github.com",
            ),
            k => (
                ["Ada", "Bob", "Cy", "Di", "Ed", "Flo"][k as usize - 1],
                "dev@corp.example",
            ),
        };
        let mut msg = format!("Change {i} (#{i})\n\nBody of the change.\n\n");
        if i % 10 != 0 {
            writeln!(msg, "Signed-off-by: {name} <{email}>").ok();
        }
        if i % 3 == 0 {
            writeln!(msg, "Reviewed-by: Rev <rev@corp.example>").ok();
        }
        write!(
            stream,
            "commit refs/heads/main\nmark :{}\nauthor {name} <{email}> {t} +0000\ncommitter {name} <{email}> {t} +0000\ndata {}\n{msg}\n",
            i + 1,
            msg.len(),
            t = START + i * STEP,
        )
        .ok();
        if i > 0 {
            writeln!(stream, "from :{i}").ok();
        }
        if i % 20 == 19 && i > 20 {
            writeln!(stream, "merge :{}", i - 5).ok();
        }
        writeln!(stream, "M 644 inline f{}\ndata 2\n{}\n", i % 50, i % 10).ok();
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir.path())
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
    assert!(git(&["checkout", "-q", "main"]));
    dir
});

fn history_only(since: Since) {
    let snapshot = Snapshot::open(REPO.path(), false).expect("snapshot");
    let catalog = Catalog::builtin().expect("catalog");
    let opts = ScanOptions {
        since,
        ..ScanOptions::default()
    };
    divan::black_box(scan_snapshot(&snapshot, &catalog, "bench", &opts));
}

/// The default window: the last twelve months, about 10,000 of the 100,000 commits.
#[divan::bench(sample_count = 10)]
fn history_default_window() {
    history_only(Since::default());
}

/// Every one of the 100,000 commits.
#[divan::bench(sample_count = 5)]
fn history_all_100k_commits() {
    history_only(Since::All);
}
