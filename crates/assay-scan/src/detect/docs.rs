//! Which documents speak for the project's community: where channels and badges are read.

use crate::snapshot::FileEntry;

const DOC_EXTS: &[&str] = &["md", "markdown", "rst", "txt", "adoc", "org", ""];
const MAX_DOC_BYTES: u64 = 1024 * 1024;

/// README and community documents at the top of the tree, in `.github/`, and in
/// community or contributing folders. Deeper documentation is left out: it links to other
/// projects' channels and blogs too often to speak for this one.
pub fn is_community_doc(entry: &FileEntry) -> bool {
    if entry.size.is_some_and(|s| s > MAX_DOC_BYTES) {
        return false;
    }
    let path = entry.path.as_str();
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    if !DOC_EXTS.contains(&ext.as_str()) {
        return false;
    }
    let upper = name.to_ascii_uppercase();
    let depth = path.matches('/').count();
    let top_level_name = [
        "README",
        "CONTRIBUTING",
        "SUPPORT",
        "COMMUNITY",
        "GOVERNANCE",
        "MAINTAINERS",
        "CODE_OF_CONDUCT",
        "SECURITY",
        "CODE-OF-CONDUCT",
    ]
    .iter()
    .any(|n| upper.starts_with(n));
    if depth == 0 {
        return top_level_name;
    }
    if path.starts_with(".github/") && depth == 1 {
        return top_level_name;
    }
    if (path.starts_with("docs/") && depth == 1 && top_level_name)
        || path.starts_with("community/")
        || path.starts_with("docs/community")
        || path.starts_with("docs/contributing")
        || path.starts_with("docs/contributors/")
    {
        return depth <= 3;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::EntryKind;

    fn doc(path: &str) -> bool {
        is_community_doc(&FileEntry {
            path: path.into(),
            size: Some(100),
            kind: EntryKind::File,
        })
    }

    #[test]
    fn community_documents() {
        assert!(doc("README.md"));
        assert!(doc("CONTRIBUTING.md"));
        assert!(doc(".github/SUPPORT.md"));
        assert!(doc("docs/community/meetings.md"));
        assert!(!doc("docs/design/architecture.md"));
        assert!(!doc("vendor/x/README.md"));
        assert!(!doc("README.png"));
    }
}
