//! `assay rules`: what each catalog entry, detector and lint rule looks for.

use std::io::Write as _;

use anyhow::Result;

use super::Outcome;
use crate::support::{self, Content};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A catalog id (e.g. `sast.codeql`) or detector name (e.g. `security-policy`).
    id: Option<String>,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let mut out = support::stdout(Content::Text { color: false });
    let known = crate::rules::write(&mut out, args.id.as_deref())?;
    out.flush()?;
    anyhow::ensure!(
        known,
        "no catalog entry or detector is called `{}`; run `assay rules` for the list",
        args.id.as_deref().unwrap_or_default()
    );
    Ok(Outcome::Fine)
}
