//! Gaps and next steps: each practice not found, why it matters and a first step. The
//! advice is declared with the categories and finding kinds (assay-model), not here.

use assay_model::vocabulary::{self, GapWhen};
use assay_model::{Block, Category, Cell, Finding, Section, Status};

use super::{Facts, cell};

pub(super) fn section(x: &Facts) -> Section {
    let mut s = Section::new("gaps-and-next-steps", "Gaps and next steps", 2);
    s.blocks.push(Block::Prose {
        text: "Practices assay looked for and did not find, why each matters, and a first step. Each deserves a check by a maintainer: a practice may exist outside the repository.".into(),
    });
    let mut rows = Vec::new();
    // Whole categories first, in table order; then single findings, in declaration order.
    for category in Category::ALL {
        let Some(gap) = category.gap() else { continue };
        if let Some(f) = x
            .report
            .findings
            .iter()
            .find(|f| f.id == category.id() && f.status == Status::Absent)
        {
            rows.push(vec![
                cell(&f.title),
                cell(gap.why),
                step(Some(f), gap.first_step),
            ]);
        }
    }
    for kind in vocabulary::KINDS {
        let Some((gap, when)) = kind.gap else {
            continue;
        };
        let missing = match when {
            GapWhen::NotPresent => x.get(kind).is_some_and(|f| f.status != Status::Present),
            GapWhen::Absent => x.absent(kind),
            GapWhen::NotFound => x.found(kind).is_none(),
        };
        if missing {
            let what = x.get(kind).map_or(kind.title, |f| f.title.as_str());
            rows.push(vec![
                cell(what),
                cell(gap.why),
                step(x.get(kind), gap.first_step),
            ]);
        }
    }
    if rows.is_empty() {
        s.blocks.push(Block::Prose {
            text: "assay found every practice it looks for. The questions above remain.".into(),
        });
    } else {
        s.blocks.push(Block::Table {
            columns: vec![
                "What assay found".into(),
                "Why it matters".into(),
                "First step".into(),
            ],
            rows,
        });
    }
    s
}

/// The first step, or the project's reason when its configuration exempts the finding.
fn step(f: Option<&Finding>, first_step: &str) -> Cell {
    match f.and_then(|f| f.exemption.as_ref()) {
        Some(x) => cell(format!("Exempted by the project: {}", x.reason)),
        None => cell(first_step),
    }
}
