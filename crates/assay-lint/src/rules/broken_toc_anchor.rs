use std::collections::HashSet;
use std::sync::LazyLock;

use assay_model::Severity;
use regex::Regex;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL010",
    name: "broken-toc-anchor",
    severity: Severity::Error,
    summary: "A link to `#anchor` matches no heading in the document.",
    doc: "## What\nReports in-document links (`[Actors](#actors)`) whose anchor matches no heading, following the forge's rule for anchors (lower case, spaces to dashes, punctuation dropped, `-1` for repeats) or an explicit `id`/`name` anchor.\n\n## Why\nA table of contents that does not jump is the first thing a reviewer notices; it usually means a heading was renamed.\n\n## Example\n`* [Non-goals](#nongoals)` with a heading `### Non-goals` (anchor `#non-goals`).\n\n## Fix\nChange the link to the heading's anchor, or the heading to match.",
    help: "point the link at an existing heading's anchor",
    check,
};

static HTML_ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:id|name)\s*=\s*["']([^"']+)["']"#)
        .unwrap_or_else(|e| unreachable!("{e}"))
});

fn check(cx: &Context) -> Vec<Hit> {
    let doc = cx.doc;
    let mut anchors = HashSet::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for h in &doc.headings {
        let n = seen.entry(h.anchor.clone()).or_insert(0);
        anchors.insert(if *n == 0 {
            h.anchor.clone()
        } else {
            format!("{}-{n}", h.anchor)
        });
        *n += 1;
    }
    for c in HTML_ANCHOR.captures_iter(&doc.text) {
        anchors.insert(c[1].to_lowercase());
    }
    doc.links
        .iter()
        .filter_map(|l| {
            let frag = l.dest.strip_prefix('#')?;
            let decoded = frag.replace("%20", "-").to_lowercase();
            (!frag.is_empty() && !anchors.contains(&decoded)).then(|| {
                Hit::new(
                    l.range.clone(),
                    format!("no heading has the anchor #{frag}"),
                )
            })
        })
        .collect()
}
