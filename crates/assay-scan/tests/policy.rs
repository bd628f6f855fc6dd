//! The security policy as a reporter reads it: only the private reporting channel is
//! stated as one, each quoted aspect says that aspect, and "no policy" is said only after
//! the README and release documents were read too.

use std::fs;

use assay_model::{Finding, Status};
use assay_scan::{Catalog, ScanOptions, Snapshot, scan_snapshot};
use serde_json::{Value, json};

fn scan(files: &[(&str, &str)]) -> Vec<Finding> {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, content) in files {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, content).expect("write");
    }
    let snapshot = Snapshot::open(dir.path(), false).expect("snapshot");
    let catalog = Catalog::builtin().expect("catalog");
    scan_snapshot(&snapshot, &catalog, "fixture", &ScanOptions::default()).findings
}

fn policy(findings: &[Finding]) -> &Finding {
    findings
        .iter()
        .find(|f| f.id == "policy.security-file")
        .expect("policy finding")
}

const POLICY: &str = "# Security Release Process

## Supported Versions
We maintain release branches for the **two** most recent minor releases. See [RELEASES.md](RELEASES.md).

## Reporting a Vulnerability
Please report it via [GitHub private vulnerability reporting](https://github.com/o/r/security/advisories/new).
Reports are acknowledged within 3 business days.

## Mailing lists
- Use team@r.test to reach the Security Team. Do not use it to report vulnerabilities; use [the form](https://github.com/o/r/security/advisories/new) instead.

## Early Disclosure to Distributors
The team gives distributors early disclosure by emailing the distributors@r.test list.

## Credits
Sections of this document come from the [Foo project](https://github.com/foo/community/blob/main/SECURITY.md).
";

#[test]
fn only_the_private_channel_is_stated_as_the_reporting_channel() {
    let findings = scan(&[("SECURITY.md", POLICY)]);
    let f = policy(&findings);
    assert_eq!(f.status, Status::Present);
    assert_eq!(
        f.details["reporting_channels"],
        json!(["https://github.com/o/r/security/advisories/new"])
    );
    assert_eq!(f.details["reporting_emails"], json!([]));
    let kind_of = |value: &str| {
        f.details["contacts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["value"] == value)
            .map(|c| c["kind"].clone())
            .collect::<Vec<Value>>()
    };
    assert_eq!(kind_of("team@r.test"), [json!("team")]);
    assert_eq!(kind_of("distributors@r.test"), [json!("distributors")]);
}

#[test]
fn quoted_aspects_are_whole_plain_sentences_that_say_the_aspect() {
    let findings = scan(&[("SECURITY.md", POLICY)]);
    let f = policy(&findings);
    let quotes = &f.details["aspect_quotes"];
    assert_eq!(
        quotes["supported_versions"]["text"],
        "We maintain release branches for the two most recent minor releases."
    );
    assert_eq!(quotes["supported_versions"]["line"], 4);
    assert_eq!(
        quotes["response_times"]["text"],
        "Reports are acknowledged within 3 business days."
    );
    // Borrowing text from another project is not crediting reporters.
    assert_eq!(f.details["reporter_credit"], json!(false));
    assert!(quotes.get("reporter_credit").is_none());
}

#[test]
fn a_readme_security_section_is_read_before_saying_there_is_no_policy() {
    let readme = "# Widget\n\nA widget.\n\n### Security Concerns\n\nIf there is a security concern with the widget, please send an email to [widget-security@lists.test](mailto:widget-security@lists.test).\n\n## License\n\nApache-2.0, see security@other.test for nothing.\n";
    let findings = scan(&[("README.md", readme)]);
    let f = policy(&findings);
    assert_eq!(f.status, Status::Present, "{}", f.title);
    assert_eq!(
        f.details["reporting_channels"],
        json!(["widget-security@lists.test"])
    );
    assert_eq!(f.details["path"], "README.md");
    assert_eq!(f.evidence[0].line, Some(7));
}

#[test]
fn supported_versions_in_a_release_document_are_cited() {
    let releases = "# Releases\n\n## Support Horizon\n\nThe latest three minor release branches are supported and receive security patches.\n";
    let findings = scan(&[
        (
            "SECURITY.md",
            "# Security\n\nPlease email security@w.test.\n",
        ),
        ("RELEASES.md", releases),
    ]);
    let f = policy(&findings);
    assert_eq!(f.details["supported_versions"], json!(false));
    assert_eq!(
        f.details["supported_versions_elsewhere"],
        json!({
            "path": "RELEASES.md",
            "line": 5,
            "text": "The latest three minor release branches are supported and receive security patches."
        })
    );
}
