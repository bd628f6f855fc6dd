//! Verdicts from several repositories of one project, merged into one per claim.

use crate::{ABSENCE_CONTRADICTED, Claim, Omission, Verdict, VerifyReport};

/// The verdict of one claim over all repositories: a stated absence is contradicted when
/// any repository shows the thing; any other claim is backed when any repository backs
/// it; else contradicted when one contradicts it; else not found in any.
fn pick(mut candidates: Vec<Claim>, repositories: usize) -> Option<Claim> {
    let rank = |c: &Claim| match c.verdict {
        Verdict::Contradicted if c.code == ABSENCE_CONTRADICTED.code => 0,
        Verdict::Backed => 1,
        Verdict::Contradicted => 2,
        Verdict::NotFound => 3,
    };
    candidates.sort_by_key(rank);
    let mut best = candidates.into_iter().next()?;
    if best.verdict == Verdict::NotFound && repositories > 1 {
        best.reason = format!(
            "{} (in none of the {repositories} repositories given)",
            best.reason
        );
    }
    Some(best)
}

/// One report from one report per repository.
pub(crate) fn merge(each: Vec<VerifyReport>, repositories: usize) -> VerifyReport {
    let mut groups: Vec<Vec<Claim>> = Vec::new();
    let mut omissions: Vec<Omission> = Vec::new();
    for report in each {
        for c in report.claims {
            let same = |g: &Vec<Claim>| {
                g.first()
                    .is_some_and(|f| f.kind == c.kind && f.range == c.range && f.claim == c.claim)
            };
            match groups.iter_mut().find(|g| same(g)) {
                Some(g) => g.push(c),
                None => groups.push(vec![c]),
            }
        }
        for o in report.omissions {
            if !omissions.iter().any(|x| x.practice == o.practice) {
                omissions.push(o);
            }
        }
    }
    let mut out = VerifyReport {
        claims: groups
            .into_iter()
            .filter_map(|g| pick(g, repositories))
            .collect(),
        omissions,
    };
    // A practice the text never mentions is an omission only when no repository's claims
    // are about it either; the per-repository check already asks the text.
    out.omissions.sort_by(|a, b| a.practice.cmp(&b.practice));
    out
}
