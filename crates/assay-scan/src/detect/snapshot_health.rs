//! What the snapshot could not show: links out of the root, missing objects, skipped files.

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Status};
use serde_json::json;

use super::{Detector, cap_evidence};
use crate::Context;
use crate::catalog::Catalog;
use crate::snapshot::{FileEntry, Skip};

pub struct SnapshotHealth;

impl Detector for SnapshotHealth {
    fn name(&self) -> &'static str {
        "snapshot"
    }

    fn doc(&self) -> &'static str {
        "Reports what limits the scan: symlinks whose target leaves the repository root \
         (never followed), objects missing from the git database (a partial clone or a \
         mirror without its largest blobs), and files that were wanted but not read because \
         they are too large or binary. Findings that depend on those files may be \
         incomplete."
    }

    fn wants(&self, _: &Catalog, _: &FileEntry) -> bool {
        false
    }

    fn detect(&self, cx: &Context) -> Vec<Finding> {
        let mut out = Vec::new();
        let links = cx.snapshot.escaping_links();
        if !links.is_empty() {
            let mut f = Finding::of(
                &v::SYMLINKS_OUT_OF_ROOT,
                "symlinks",
                format!(
                    "{} symlink(s) point outside the repository and were not followed",
                    links.len()
                ),
                Status::Present,
            )
            .with_detail("count", links.len());
            f.evidence = links
                .iter()
                .map(|l| Evidence {
                    excerpt: Some(assay_model::clean_excerpt(&format!("-> {}", l.target))),
                    ..Evidence::file(l.path.clone())
                })
                .collect();
            cap_evidence(&mut f);
            out.push(f);
        }
        let missing_blobs: Vec<&FileEntry> = cx
            .snapshot
            .files()
            .iter()
            .filter(|f| f.kind == crate::EntryKind::File && f.size.is_none())
            .collect();
        let trees = cx.snapshot.missing_trees();
        if !missing_blobs.is_empty() || !trees.is_empty() {
            let mut f = Finding::of(
                &v::MISSING_OBJECTS,
                "git",
                format!(
                    "{} file(s) and {} folder(s) are missing from the git object database; findings about them are unknown",
                    missing_blobs.len(),
                    trees.len()
                ),
                Status::Unknown,
            )
            .with_detail("missing_files", missing_blobs.len())
            .with_detail("missing_trees", json!(trees.iter().take(50).collect::<Vec<_>>()));
            f.evidence = missing_blobs
                .iter()
                .map(|b| Evidence::file(b.path.clone()))
                .collect();
            f.evidence
                .extend(trees.iter().map(|t| Evidence::file(t.clone())));
            cap_evidence(&mut f);
            out.push(f);
        }
        let skipped: Vec<&(String, Skip)> = cx
            .contents
            .skipped
            .iter()
            .filter(|(_, s)| !matches!(s, Skip::MissingObject))
            .collect();
        if !skipped.is_empty() {
            let mut f = Finding::of(
                &v::UNREAD_FILES,
                "files",
                format!(
                    "{} relevant file(s) were not read (too large, binary or unreadable)",
                    skipped.len()
                ),
                Status::Unknown,
            );
            for (path, why) in &skipped {
                let why = match why {
                    Skip::TooLarge(n) => format!("not read: {n} bytes is over the read limit"),
                    Skip::Binary => "not read: binary content".to_owned(),
                    Skip::MissingObject => "not read: object missing".to_owned(),
                    Skip::Unreadable(e) => format!("not read: {e}"),
                };
                f.evidence.push(Evidence {
                    excerpt: Some(assay_model::clean_excerpt(&why)),
                    ..Evidence::file(path.clone())
                });
            }
            cap_evidence(&mut f);
            out.push(f);
        }
        out
    }
}
