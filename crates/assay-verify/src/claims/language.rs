//! Languages in the metadata table: does the tree have source files in each?

use assay_lint::document::Document;
use assay_model::vocabulary as v;
use assay_model::{Severity, detail};
use serde_json::Value;

use crate::{Claim, Facts, Fix, Verdict, VerifyReport, first_evidence};

crate::verify_rule!(
    LANGUAGE_NOT_FOUND,
    "AV006",
    "language-not-found",
    Severity::Error,
    "A language in the metadata has no source files in the repository.",
    "## What\nEach language in the metadata's Languages row, looked for among the languages of the scanned tree (vendored and generated code left out).\n\n## Why\nThe languages decide which tooling a reviewer expects to see.\n\n## Example\n`Go, C++` for a tree with no C++ sources.\n\n## Fix\nList the languages the code is written in.",
    "list the languages the code is written in"
);

pub(crate) fn check(doc: &Document, facts: &Facts, out: &mut VerifyReport) {
    let Some(row) = assay_lint::rules::metadata_row(doc, "languages") else {
        return;
    };
    let Some(f) = facts.get(v::LANGUAGES.id) else {
        return;
    };
    let have: Vec<String> = f
        .details
        .get(detail::LANGUAGES)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| l["language"].as_str().map(str::to_lowercase))
        .collect();
    // Each word of the row: backed, not found, or not a language the check knows (kept).
    let mut found: Vec<(String, Option<bool>)> = Vec::new();
    for word in row
        .text
        .split([',', '/', ';', '&'])
        .flat_map(|p| p.split(" and "))
    {
        let w = word.trim().trim_matches(['*', '.', ' ']).to_lowercase();
        let canonical = match w.as_str() {
            "golang" | "go" => "go",
            "c++" | "cpp" => "c++",
            "bash" | "shell" | "sh" => "shell",
            "js" | "javascript" | "node.js" | "nodejs" => "javascript",
            "ts" | "typescript" => "typescript",
            "python" | "rust" | "java" | "c" | "ruby" | "kotlin" | "powershell" | "rego" | "c#"
            | "php" | "scala" => w.as_str(),
            _ => {
                found.push((word.trim().to_owned(), None));
                continue;
            }
        };
        let backed = have.iter().any(|h| h == canonical);
        found.push((word.trim().to_owned(), Some(backed)));
    }
    // The row with only the languages the tree has, when the row is plain text.
    let kept: Vec<&str> = found
        .iter()
        .filter(|(w, b)| *b != Some(false) && !w.is_empty())
        .map(|(w, _)| w.as_str())
        .collect();
    // The cell's text without the spaces around it, so the table keeps its padding.
    let cell = doc.slice(&row.range);
    let lead = cell.len() - cell.trim_start().len();
    let inner = row.range.start + lead..row.range.start + lead + cell.trim().len();
    let plain = cell.trim() == row.text.trim();
    let fix = (plain && !kept.is_empty() && kept.len() < found.len()).then(|| Fix {
        range: inner,
        text: kept.join(", "),
    });
    for (word, backed) in found {
        let Some(backed) = backed else {
            continue;
        };
        out.claims.push(Claim {
            kind: "language",
            claim: word.clone(),
            section: Some("Metadata".into()),
            verdict: if backed {
                Verdict::Backed
            } else {
                Verdict::NotFound
            },
            reason: if backed {
                format!("the tree has {word} source files")
            } else {
                format!(
                    "the tree has no {word} source files outside vendored and generated code; if another repository of the project holds them, give it with --repo"
                )
            },
            evidence: if backed {
                first_evidence(f)
            } else {
                Vec::new()
            },
            range: row.range.clone(),
            code: LANGUAGE_NOT_FOUND.code,
            // SDKs and components often live in other repositories of the project.
            elsewhere: !backed,
            suggestion: fix
                .as_ref()
                .filter(|_| !backed)
                .map(|f| f.text.clone()),
            fix: fix.clone().filter(|_| !backed),
            ..Claim::default()
        });
    }
}
