//! Links into the project's own repository: does the path exist at the scanned commit?

use assay_lint::document::Document;
use assay_model::{Evidence, ScanReport, Severity};
use assay_scan::Snapshot;

use crate::{Claim, Verdict, VerifyReport, section_of};

crate::verify_rule!(
    LINK_TARGET_MISSING,
    "AV004",
    "link-target-missing",
    Severity::Error,
    "A link into the project's own repository points to a path that does not exist at the scanned commit.",
    "## What\nBlob and tree links to the project's repository (on its forge) whose path is not in the scanned tree.\n\n## Why\nFiles move; a link that 404s is evidence that the text around it may be stale too.\n\n## Example\n`https://github.com/org/proj/blob/main/docs/security.md` after the file moved to `docs/security/index.md`.\n\n## Fix\nLink the file's current path, ideally pinned to a commit.",
    "link the file's current path"
);

pub(crate) fn check(
    doc: &Document,
    report: &ScanReport,
    snapshot: &Snapshot,
    out: &mut VerifyReport,
) {
    let Some(web) = report.repository.url.as_deref() else {
        return;
    };
    let web = web.to_ascii_lowercase();
    for l in &doc.links {
        let dest = l.dest.trim();
        let lower = dest.to_ascii_lowercase();
        let Some(rest) = lower.strip_prefix(&web) else {
            continue;
        };
        let rest = &dest[dest.len() - rest.len()..];
        let Some(after) = rest
            .strip_prefix("/blob/")
            .or_else(|| rest.strip_prefix("/tree/"))
            .or_else(|| rest.strip_prefix("/-/blob/"))
            .or_else(|| rest.strip_prefix("/-/tree/"))
        else {
            continue;
        };
        let Some((_, path)) = after.split_once('/') else {
            continue;
        };
        let path = path
            .split(['#', '?'])
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        if path.is_empty() {
            continue;
        }
        let path = path.replace("%20", " ");
        let exists = snapshot.exists(&path);
        out.claims.push(Claim {
            kind: "link",
            claim: dest.to_owned(),
            section: section_of(doc, l.range.start),
            verdict: if exists { Verdict::Backed } else { Verdict::NotFound },
            reason: if exists {
                format!("{path} exists at the scanned commit")
            } else {
                format!("{path} is not in the repository at the scanned commit (moved, renamed or deleted)")
            },
            evidence: if exists { vec![Evidence::file(path.clone())] } else { Vec::new() },
            range: l.range.clone(),
            code: LINK_TARGET_MISSING.code,
        });
    }
}
