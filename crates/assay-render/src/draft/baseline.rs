//! The OSPS Baseline summary for Project compliance: per maturity level, how many
//! requirements the repository shows met or not met, and how many need forge data or a
//! person. `assay baseline` gives each requirement with its evidence.

use assay_model::{Block, Cell};
use assay_standards::baseline::{self, Inputs};

use super::{Facts, question};

fn cell(text: String) -> Cell {
    Cell {
        text,
        cites: Vec::new(),
        question: None,
    }
}

pub(super) fn blocks(x: &Facts) -> Vec<Block> {
    let inputs = Inputs {
        report: x.report,
        files: None,
        forge: None,
        forge_source: "forge data",
    };
    let result = baseline::evaluate(&inputs);
    let rows = result
        .levels
        .iter()
        .map(|l| {
            vec![
                cell(format!("Level {}", l.level)),
                cell((l.requirements - l.not_applicable).to_string()),
                cell(l.met.to_string()),
                cell(l.not_met.to_string()),
                cell(l.needs_review.to_string()),
                cell(l.needs_forge_data.to_string()),
            ]
        })
        .collect();
    vec![
        Block::Prose {
            text: format!(
                "How the repository fares against the {}, as far as a checkout shows. Forge settings (branch protection, MFA, permissions) do not show in a checkout, and some requirements need a person's judgement; the assay baseline command lists every requirement with its evidence, checks the file tree too, and can read forge data.",
                result.catalog
            ),
        },
        Block::Table {
            columns: vec![
                "Maturity level".into(),
                "Requirements".into(),
                "Met".into(),
                "Not met".into(),
                "Needs review".into(),
                "Needs forge data".into(),
            ],
            rows,
        },
        question(format!(
            "Which of the forge-only Baseline requirements does {} meet (MFA for maintainers, branch protection, required reviews, default token permissions)?",
            x.project
        )),
    ]
}
