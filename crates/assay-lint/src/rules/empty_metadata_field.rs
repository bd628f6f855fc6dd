use assay_model::Severity;

use super::metadata::{anchor, row, row_ending_in};
use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL008",
    name: "empty-metadata-field",
    severity: Severity::Error,
    summary: "The metadata's Languages or SBOM row is missing or empty.",
    doc: "## What\nReads the Languages and SBOM rows of the metadata table and reports each one that is missing or empty. Rows that split the answer (`SDK Languages`, `Specification Language`) count for Languages. Both rows are part of the outline since its 2021 revision; a document checked against the 2019 one is not asked for them.\n\n## Why\nLanguages tell a reviewer which tooling applies; the SBOM entry tells adopters where to see what a release contains, or that none is published.\n\n## Example\n`| SBOM | |`\n\n## Fix\nList the languages; link the SBOM, or write that none is published and where dependencies are declared.",
    help: "fill the row; if there is no SBOM, say so and where dependencies are declared",
    check,
};

fn check(cx: &Context) -> Vec<Hit> {
    let Some(at) = anchor(cx.doc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let rows = [("languages", "Languages"), ("sbom", "SBOM")];
    // Both rows arrived with the 2021 revision of the outline.
    for (key, label) in rows
        .into_iter()
        .filter(|(k, _)| cx.outline.has_metadata_row(k))
    {
        match row(cx.doc, key).or_else(|| row_ending_in(cx.doc, key)) {
            None => out.push(Hit::new(
                at.clone(),
                format!("the metadata table has no {label} row"),
            )),
            Some(r) if r.raw.trim().is_empty() => {
                out.push(Hit::new(r.range, format!("{label} is empty")));
            }
            Some(_) => {}
        }
    }
    out
}
