//! The history findings, one function each, from the walk's tally and the tags.

use std::collections::BTreeMap;

use assay_model::vocabulary as v;
use assay_model::{Evidence, Finding, Forge, Status};
use gix::ObjectId;
use serde_json::{Value, json};

use super::MAX_TAGS;
use super::commit::SigKind;
use super::releases::{Releases, TagInfo};
use super::walk::{Examples, Limits, Tally};
use super::window::{DAY, date, period};

/// What every history finding shares: the window, how complete the history was, and the
/// commit range it covers.
pub(super) struct Common<'a> {
    start: Option<i64>,
    end: i64,
    /// "between 2024-01-01 and 2025-01-01", for titles.
    period: String,
    /// Why the figures may not cover the whole window.
    coverage: Option<String>,
    range: Option<Evidence>,
    unparsed: usize,
    forge: Option<&'a Forge>,
}

impl<'a> Common<'a> {
    pub(super) fn new(
        t: &Tally,
        limits: &Limits,
        start: Option<i64>,
        end: i64,
        forge: Option<&'a Forge>,
    ) -> Common<'a> {
        let coverage = if limits.shallow {
            Some("the clone is shallow: figures cover only the commits present".to_owned())
        } else if limits.missing > 0 {
            Some(format!(
                "{} commit(s) are missing from the object database: figures cover what could be read",
                limits.missing
            ))
        } else {
            None
        };
        Common {
            start,
            end,
            period: period(start, end),
            coverage,
            range: range_evidence(t, forge),
            unparsed: t.unparsed,
            forge,
        }
    }

    /// Add the range, the window and the coverage caveat to a finding.
    fn finish(&self, mut f: Finding, examples: Vec<Evidence>) -> Finding {
        if let Some(r) = &self.range {
            f.evidence.push(r.clone());
        }
        f.evidence.extend(examples);
        f.details
            .insert("window_start".into(), self.start.map(date).into());
        f.details.insert("window_end".into(), date(self.end).into());
        if let Some(c) = &self.coverage {
            // The draft prints titles: the caveat travels with the figures.
            f.title = format!("{}; {c}", f.title);
            f.details
                .insert(assay_model::detail::COVERAGE.into(), c.clone().into());
            if f.status == Status::Present {
                f.status = Status::Partial;
            }
        }
        if self.unparsed > 0 {
            f.details
                .insert("oversized_commits_skipped".into(), self.unparsed.into());
        }
        f
    }

    fn examples(&self, ex: &Examples, role: &str) -> Vec<Evidence> {
        examples(ex, self.forge, role)
    }
}

/// The window's commit range, oldest to newest, as evidence.
fn range_evidence(t: &Tally, forge: Option<&Forge>) -> Option<Evidence> {
    let ((o, ot), (n, nt)) = (t.oldest?, t.newest?);
    let name = if o == n {
        o.to_string()
    } else {
        format!("{o}..{n}")
    };
    let mut e = Evidence::commit(
        name,
        &format!(
            "{} commits ({} merges) dated {} to {}",
            t.commits,
            t.merges,
            date(ot),
            date(nt)
        ),
    );
    e.url = forge.map(|f| f.commit_url(&n.to_string()));
    Some(e)
}

/// All history findings. Over an incomplete history no finding is `absent`.
pub(super) fn build(
    t: &Tally,
    limits: &Limits,
    c: &Common,
    rel: &Releases,
    review_rule: Option<&Finding>,
) -> Vec<Finding> {
    let mut out = vec![
        dco(t, c),
        signed(t, c),
        review(t, c, review_rule),
        contributors(t, c),
        activity(t, c),
        releases(rel, c),
    ];
    if limits.shallow || limits.missing > 0 {
        for f in &mut out {
            if f.status == Status::Absent {
                f.status = Status::Unknown;
            }
        }
    }
    for f in &mut out {
        crate::detect::cap_evidence(f);
    }
    out
}

/// `commits.dco`: sign-off trailers on non-merge commits.
fn dco(t: &Tally, c: &Common) -> Finding {
    let period = &c.period;
    let n = t.non_merge;
    let status = if n == 0 {
        Status::Unknown
    } else if t.signed_off == n {
        Status::Present
    } else if t.signed_off == 0 {
        Status::Absent
    } else {
        Status::Partial
    };
    let title = if n == 0 {
        format!("No non-merge commits {period}")
    } else if t.signed_off == n {
        format!(
            "All {n} non-merge commits {period} carry a Signed-off-by trailer; {} of the sign-offs match the author",
            t.signoff_matches_author
        )
    } else {
        let run = match t.signoff_current_run {
            0 => "the newest non-merge commit has none".to_owned(),
            r => format!("the newest {r} in a row are signed off"),
        };
        format!(
            "{} of {} non-merge commits ({}%) {period} carry a Signed-off-by trailer; {} of the sign-offs match the author; {run}",
            t.signed_off,
            n,
            pct(t.signed_off, n),
            t.signoff_matches_author
        )
    };
    let mut ex = c.examples(&t.ex_not_signed_off, "no sign-off");
    ex.extend(
        c.examples(&t.ex_signed_off, "signed off")
            .into_iter()
            .take(1),
    );
    c.finish(
        Finding::of(&v::COMMITS_DCO, "dco", title, status)
            .with_detail("non_merge_commits", n)
            .with_detail("signed_off", t.signed_off)
            .with_detail("signed_off_percent", pct(t.signed_off, n))
            .with_detail("signoff_matches_author", t.signoff_matches_author)
            .with_detail("current_run", t.signoff_current_run)
            .with_detail("longest_run", t.signoff_longest_run),
        ex,
    )
}

/// `commits.signed`: signature headers, by kind; detected, not verified. Signatures GitHub
/// adds to the commits it makes on web merges are counted apart: they show the forge made
/// the commit, not that a contributor signs.
fn signed(t: &Tally, c: &Common) -> Finding {
    let signed_total: usize = t.signed.values().sum();
    let own = signed_total - t.signed_by_forge;
    // Commits a contributor (or their tooling) committed, which could carry their own key.
    let elsewhere = t.commits - t.forge_commits;
    let status = if t.commits == 0 || forge_hides_own_signing(t, own, elsewhere) {
        Status::Unknown
    } else if t.forge_commits == 0 {
        if signed_total == t.commits {
            Status::Present
        } else if signed_total == 0 {
            Status::Absent
        } else {
            Status::Partial
        }
    } else if own == elsewhere {
        Status::Present
    } else if own == 0 {
        Status::Absent
    } else {
        Status::Partial
    };
    let title = signed_title(t, c, signed_total, own, elsewhere);
    let mut ex = c.examples(&t.ex_unsigned, "no signature");
    ex.extend(c.examples(&t.ex_signed, "signed").into_iter().take(1));
    ex.extend(
        c.examples(&t.ex_forge_signed, "signed by GitHub on a web merge")
            .into_iter()
            .take(1),
    );
    let mut f = Finding::of(&v::COMMITS_SIGNED, "signed-commits", title, status)
        .with_detail("commits", t.commits)
        .with_detail("signed", signed_total)
        .with_detail("signed_percent", pct(signed_total, t.commits))
        .with_detail(
            "by_kind",
            json!(
                t.signed
                    .iter()
                    .map(|(k, v)| (k.name(), *v))
                    .collect::<BTreeMap<_, _>>()
            ),
        )
        .with_detail("verified", false);
    if t.forge_commits > 0 {
        f = f
            .with_detail("forge_commits", t.forge_commits)
            .with_detail("signed_by_forge", t.signed_by_forge)
            .with_detail("signed_own", own)
            .with_detail("signed_own_percent", pct(own, elsewhere));
    }
    c.finish(f, ex)
}

/// Only GitHub's signatures, and (almost) every commit made by GitHub: squashing on the
/// web drops whatever signatures the contributors' own commits had, and the few commits
/// made elsewhere (under one in ten) are too few to say contributors do not sign.
fn forge_hides_own_signing(t: &Tally, own: usize, elsewhere: usize) -> bool {
    t.forge_commits > 0 && own == 0 && elsewhere * 10 < t.commits
}

fn signed_title(
    t: &Tally,
    c: &Common,
    signed_total: usize,
    own: usize,
    elsewhere: usize,
) -> String {
    let period = &c.period;
    let kinds: Vec<String> = t
        .signed
        .iter()
        .map(|(k, v)| format!("{} {}", v, k.name()))
        .collect();
    let share = format!(
        "{} of {} commits ({}%) {period} carry a signature ({})",
        signed_total,
        t.commits,
        pct(signed_total, t.commits),
        if kinds.is_empty() {
            "none".to_owned()
        } else {
            kinds.join(", ")
        }
    );
    let forge = if t.signed_by_forge == 0 {
        String::new()
    } else if own > 0 {
        format!(
            ", {} of them added by GitHub on web merges; {own} of the {elsewhere} commits made outside GitHub's web interface carry their committer's own",
            t.signed_by_forge
        )
    } else if elsewhere == 0 {
        ", all added by GitHub on web merges; every commit was made there, so whether contributors sign their own commits cannot be told from the history".to_owned()
    } else if forge_hides_own_signing(t, own, elsewhere) {
        format!(
            ", all added by GitHub on web merges; all but {elsewhere} {} made there, so whether contributors sign their own commits cannot be told from the history",
            if elsewhere == 1 { "was" } else { "were" }
        )
    } else {
        let rest = if elsewhere == 1 {
            "the one commit made outside GitHub's web interface is not signed".to_owned()
        } else {
            format!("none of the {elsewhere} commits made outside GitHub's web interface is signed")
        };
        format!(", all added by GitHub on web merges, not by contributors; {rest}")
    };
    format!("{share}{forge}; signed, not verified: keys are not available offline")
}

/// `review`: how main-line commits reached the branch. When the contribution documents
/// require approval but few main-line commits carry a marker, the missing markers say
/// how changes were merged, not that review was skipped: the finding is `unknown`.
fn review(t: &Tally, c: &Common, rule: Option<&Finding>) -> Finding {
    let period = &c.period;
    // "Few": under one in five main-line commits.
    let hidden_by_merge_style =
        rule.filter(|_| t.mainline > 0 && t.mainline_reviewed * 5 < t.mainline);
    let status = if t.mainline == 0 || hidden_by_merge_style.is_some() {
        Status::Unknown
    } else if t.mainline_reviewed == 0 {
        // Rebase merges leave no marker: absence of markers is not absence of review.
        Status::Unknown
    } else if t.mainline_reviewed * 10 >= t.mainline * 8 {
        Status::Present
    } else {
        Status::Partial
    };
    let title = if let Some(rule) = hidden_by_merge_style {
        let marked = if t.mainline_reviewed == 0 {
            format!(
                "None of {} main-line commits {period} shows how it",
                t.mainline
            )
        } else {
            format!(
                "Only {} of {} main-line commits ({}%) {period} show how they",
                t.mainline_reviewed,
                t.mainline,
                pct(t.mainline_reviewed, t.mainline)
            )
        };
        let at = rule
            .evidence
            .first()
            .map(|e| match e.line {
                Some(l) => format!(" ({}:{l})", e.path),
                None => format!(" ({})", e.path),
            })
            .unwrap_or_default();
        let rule_says = match rule
            .details
            .get("required_approvals")
            .and_then(Value::as_u64)
        {
            Some(n) => format!("ask for {n} approval(s) before a change merges"),
            None => "describe how changes are reviewed".to_owned(),
        };
        format!(
            "{marked} reached the branch, but the contribution documents {rule_says}{at}; rebase, fast-forward and squash merges without a pull request number leave no trace, so the history cannot show whether changes were reviewed"
        )
    } else if t.mainline_reviewed == 0 {
        format!(
            "None of {} main-line commits {period} shows how it was reviewed (no pull request merge, pull request number or review trailer); whether review happened cannot be told from the history",
            t.mainline
        )
    } else {
        format!(
            "{} of {} main-line (first-parent) commits ({}%) {period} reached the branch through a pull or merge request or carry review trailers",
            t.mainline_reviewed,
            t.mainline,
            pct(t.mainline_reviewed, t.mainline)
        )
    };
    let mut ex = c.examples(&t.ex_no_marker, "no review marker");
    ex.extend(
        c.examples(&t.ex_reviewed, "reviewed path")
            .into_iter()
            .take(2),
    );
    let mut f = Finding::of(&v::REVIEW, "review", title, status)
        .with_detail("mainline_commits", t.mainline)
        .with_detail("mainline_reviewed", t.mainline_reviewed)
        .with_detail("reviewed_percent", pct(t.mainline_reviewed, t.mainline))
        .with_detail("markers", json!(t.markers))
        .with_detail("trailers", json!(t.trailer_counts));
    if let Some(rule) = hidden_by_merge_style {
        f = f.with_detail("written_rule", rule.id.as_str());
        // The rule itself, cited where the documents state it.
        ex.splice(0..0, rule.evidence.iter().take(1).cloned());
    }
    c.finish(f, ex)
}

/// `contributors`: distinct human authors, their email domains, bots apart.
fn contributors(t: &Tally, c: &Common) -> Finding {
    let period = &c.period;
    let humans = t.authors.len();
    let human_commits: usize = t.authors.values().map(|v| v.1).sum();
    let mut domains: BTreeMap<String, usize> = BTreeMap::new();
    for (email, (_, count)) in &t.authors {
        let d = email.rsplit_once('@').map_or("(no email)", |(_, d)| d);
        *domains.entry(d.to_owned()).or_default() += count;
    }
    let mut top: Vec<(String, usize)> = domains.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top_desc: Vec<String> = top
        .iter()
        .take(3)
        .map(|(d, c)| format!("{d} {}%", pct(*c, human_commits)))
        .collect();
    let title = if humans == 0 {
        format!("No human-authored commits {period}")
    } else {
        format!(
            "{humans} distinct authors wrote {human_commits} non-merge commits {period}; top email domains by commits: {}{}",
            top_desc.join(", "),
            if t.bots.is_empty() {
                String::new()
            } else {
                format!("; bots authored {} more", t.bots.values().sum::<usize>())
            }
        )
    };
    let status = if humans == 0 {
        Status::Absent
    } else {
        Status::Present
    };
    c.finish(
        Finding::of(
            &v::CONTRIBUTORS,
            "contributors",
            title,
            status,
        )
        .with_detail("authors", humans)
        .with_detail("human_commits", human_commits)
        .with_detail(
            "top_domains",
            top.iter()
                .take(10)
                .map(|(d, c)| json!({"domain": d, "commits": c, "percent": pct(*c, human_commits)}))
                .collect::<Vec<_>>(),
        )
        .with_detail("bots", json!(t.bots)),
        c.examples(&t.ex_bot, "bot commit"),
    )
}

/// `activity`: commits per month and the last commit.
fn activity(t: &Tally, c: &Common) -> Finding {
    let active_months = t.months.len();
    let status = match t.commits {
        0 => Status::Absent,
        n if n >= 12 && active_months >= 6 => Status::Present,
        _ => Status::Partial,
    };
    let last = t.newest.map(|(_, time)| date(time));
    c.finish(
        Finding::of(
            &v::ACTIVITY,
            "activity",
            format!(
                "{} commits in {} distinct month(s) {}; last commit {}",
                t.commits,
                active_months,
                c.period,
                last.clone().unwrap_or_else(|| "none".into())
            ),
            status,
        )
        .with_detail("commits_per_month", json!(t.months))
        .with_detail("last_commit", last),
        Vec::new(),
    )
}

/// Median gap in days between release days; several tags on one day (modules, branches)
/// are one release day.
fn median_gap_days(versions: &[&TagInfo]) -> Option<i64> {
    let mut days: Vec<i64> = versions.iter().map(|r| r.time.div_euclid(DAY)).collect();
    days.sort_unstable();
    days.dedup();
    let mut gaps: Vec<i64> = days.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    gaps.get(gaps.len() / 2).copied()
}

/// `releases`: version tags in the window, annotated and signed, and their cadence.
fn releases(rel: &Releases, c: &Common) -> Finding {
    let period = &c.period;
    let versions: Vec<&TagInfo> = rel.in_window.iter().filter(|r| r.version).collect();
    let annotated = versions.iter().filter(|r| r.annotated).count();
    let signed = versions.iter().filter(|r| r.signature.is_some()).count();
    let cadence = median_gap_days(&versions);
    let status = if versions.is_empty() {
        Status::Absent
    } else {
        Status::Present
    };
    let title = if versions.is_empty() {
        format!("No version tags {period}")
    } else {
        format!(
            "{} version tags {period} ({} annotated, {} signed){}",
            versions.len(),
            annotated,
            signed,
            cadence
                .map(|d| format!("; median gap between release days: {d} day(s)"))
                .unwrap_or_default()
        )
    };
    let mut rf = Finding::of(&v::RELEASES, "releases", title, status)
        .with_detail("tags_total", rel.total)
        .with_detail("tags_in_window", rel.in_window.len())
        .with_detail("version_tags", versions.len())
        .with_detail("annotated", annotated)
        .with_detail("signed", signed)
        .with_detail("median_days_between", cadence)
        .with_detail(
            "recent",
            rel.in_window
                .iter()
                .take(20)
                .map(|r| {
                    json!({
                        "tag": r.name, "date": date(r.time), "annotated": r.annotated,
                        "signature": r.signature.map(SigKind::name),
                    })
                })
                .collect::<Vec<Value>>(),
        );
    if rel.truncated {
        rf.details.insert("truncated_at".into(), MAX_TAGS.into());
    }
    if rel.missing > 0 {
        rf.details
            .insert("tags_missing_objects".into(), rel.missing.into());
    }
    rf.evidence = rel
        .in_window
        .iter()
        .take(5)
        .map(|r| {
            let what = format!(
                "tag {} {}{}",
                r.name,
                date(r.time),
                match (r.annotated, r.signature) {
                    (_, Some(k)) => format!(", signed ({})", k.name()),
                    (true, None) => ", annotated".to_owned(),
                    (false, None) => ", lightweight".to_owned(),
                }
            );
            commit_ev(r.target, &what, c.forge)
        })
        .collect();
    rf.details
        .insert("window_start".into(), c.start.map(date).into());
    rf.details.insert("window_end".into(), date(c.end).into());
    rf
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / d as f64).round() / 10.0
    }
}

fn commit_ev(id: ObjectId, subject: &str, forge: Option<&Forge>) -> Evidence {
    let hex = id.to_string();
    let mut e = Evidence::commit(hex.clone(), subject);
    e.url = forge.map(|f| f.commit_url(&hex));
    e
}

/// Example commits, each excerpt saying what it is an example of.
fn examples(ex: &Examples, forge: Option<&Forge>, role: &str) -> Vec<Evidence> {
    ex.0.iter()
        .map(|(id, s)| commit_ev(*id, &format!("{role}: {s}"), forge))
        .collect()
}
