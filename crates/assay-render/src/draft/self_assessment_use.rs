//! Self-assessment use: what this document is for (fixed prose naming the project).

use assay_model::{Block, Section};

use super::{Facts, sec};

pub(super) fn section(x: &Facts) -> Section {
    let p = &x.project;
    let mut s = sec("self-assessment-use");
    s.blocks.push(Block::Prose {
        text: format!(
            "The {p} maintainers wrote this self-assessment to examine {p}'s security from the inside. It is not an audit, and it does not certify {p}'s security on anyone's behalf."
        ),
    });
    s.blocks.push(Block::Prose {
        text: format!(
            "It gives {p}'s users a first picture of how the project approaches security, where its security documentation lives, and how it is built and maintained. It also gives CNCF TAG-Security the background for a joint assessment, and it is the starting point for the security audit that graduation calls for."
        ),
    });
    s.blocks.push(Block::Prose {
        text: "Statements that cite a file, line or commit were gathered from the repository by assay; the quoted blocks marked TODO are questions only the maintainers can answer.".into(),
    });
    s
}
