//! `assay scan --format sarif`: the practices a repository lacks or only half has, as SARIF
//! 2.1.0 results a code-scanning service can show. Absent and partial findings are results;
//! findings the scan could not decide are notes; present ones are left out. Each rule's
//! text comes from the finding's declaration (vocabulary, category table or catalog), the
//! same text `assay rules ID` prints.

use std::collections::BTreeMap;

use assay_model::sarif::{self, Command};
use assay_model::vocabulary::{FindingKind, GapWhen};
use assay_model::{Category, Evidence, Finding, Gap, ScanReport, Status};
use assay_scan::{Catalog, Declared};
use serde_json::{Value, json};

/// What a rule says about one finding id.
struct RuleText {
    name: String,
    short: String,
    full: String,
    /// The advice, and for which statuses it applies.
    gap: Option<(Gap, GapWhen)>,
    category: Category,
}

impl RuleText {
    fn of(catalog: &Catalog, finding: &Finding) -> RuleText {
        match assay_scan::declared(catalog, &finding.id) {
            Some(Declared::Kind(k)) => Self::kind(k),
            Some(Declared::CategorySummary(c)) => RuleText {
                name: c.title().to_owned(),
                short: format!("{}: none found", c.title()),
                full: format!(
                    "Reported when no catalog entry of the practice \"{}\" is found in the repository.",
                    c.title()
                ),
                gap: c.gap().map(|g| (g, GapWhen::NotPresent)),
                category: c,
            },
            Some(Declared::Catalog(_)) | None => match catalog.get(&finding.id) {
                Some(e) => RuleText {
                    name: e.spec.name.clone(),
                    short: e.spec.name.clone(),
                    full: e.spec.about.clone(),
                    gap: e.spec.category.gap().map(|g| (g, GapWhen::NotPresent)),
                    category: e.spec.category,
                },
                None => RuleText {
                    name: finding.id.clone(),
                    short: finding.title.clone(),
                    full: finding.title.clone(),
                    gap: None,
                    category: finding.category,
                },
            },
        }
    }

    fn kind(k: &FindingKind) -> RuleText {
        RuleText {
            name: k.title.to_owned(),
            short: k.title.to_owned(),
            full: k.looks_for.to_owned(),
            gap: k.gap,
            category: k.category,
        }
    }

    fn descriptor(&self, id: &str) -> Value {
        let mut help = format!("{}\n\nSee `assay rules {id}`.", self.full);
        if let Some((g, _)) = self.gap {
            help = format!(
                "{}\n\nWhy it matters: {}\n\nFirst step: {}\n\nSee `assay rules {id}`.",
                self.full, g.why, g.first_step
            );
        }
        json!({
            "id": id,
            "name": self.name,
            "shortDescription": {"text": self.short},
            "fullDescription": {"text": self.full},
            "help": {"text": help, "markdown": help},
            "defaultConfiguration": {"level": if self.gap.is_some() { "warning" } else { "note" }},
            "properties": {"tags": ["security", self.category.id()]},
        })
    }
}

/// The SARIF log for a scan: every absent, partial or unknown finding.
pub fn scan_log(report: &ScanReport, catalog: &Catalog) -> Value {
    let reported: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.status != Status::Present)
        .collect();
    // One rule per reported id, in id order, so rule indexes are stable.
    let texts: BTreeMap<&str, RuleText> = reported
        .iter()
        .map(|f| (f.id.as_str(), RuleText::of(catalog, f)))
        .collect();
    let index: BTreeMap<&str, usize> = texts.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let rules = texts.iter().map(|(id, t)| t.descriptor(id)).collect();
    let results = reported
        .iter()
        .map(|f| result(f, &texts[f.id.as_str()], index[f.id.as_str()]))
        .collect();
    sarif::log(Command::Scan, rules, results)
}

fn result(f: &Finding, rule: &RuleText, rule_index: usize) -> Value {
    // The declared advice applies only to the statuses it was written for.
    let gap = rule.gap.and_then(|(g, when)| {
        let applies = match when {
            GapWhen::NotPresent => matches!(f.status, Status::Absent | Status::Partial),
            GapWhen::Absent | GapWhen::NotFound => f.status == Status::Absent,
        };
        applies.then_some(g)
    });
    let level = if gap.is_some() { "warning" } else { "note" };
    let mut message = format!("{} ({}).", f.title.trim_end_matches('.'), f.status.as_str());
    if let Some(g) = gap {
        message = format!("{message} First step: {}", g.first_step);
    }
    let mut located = f.evidence.iter().filter(|e| !e.path.is_empty());
    let primary = located
        .next()
        .map_or_else(|| root_location(f), file_location);
    let mut value = json!({
        "ruleId": f.id,
        "ruleIndex": rule_index,
        "level": level,
        "message": {"text": message},
        "locations": [primary],
        "partialFingerprints": {"assayFinding/v1": format!("{}:{}", f.id, f.subject)},
        "properties": {"status": f.status.as_str(), "category": f.category.id()},
    });
    let related: Vec<Value> = located
        .enumerate()
        .map(|(i, e)| {
            let mut l = file_location(e);
            l["id"] = json!(i + 1);
            l
        })
        .collect();
    if !related.is_empty() {
        value["relatedLocations"] = Value::Array(related);
    }
    if let Some(x) = &f.exemption {
        let mut justification = x.reason.clone();
        if let Some(until) = &x.expires {
            justification = format!("{justification} (exempt until {until})");
        }
        value["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": justification,
        }]);
    }
    value
}

/// A file, and its line when the evidence has one. The location is what the finding
/// cites, which for a partial finding may be the part that is in place (the one pinned
/// image of fifteen), so its message says it is evidence rather than the fault.
fn file_location(e: &Evidence) -> Value {
    let mut physical = json!({"artifactLocation": {"uri": sarif::relative_uri(&e.path)}});
    if let Some(line) = e.line {
        physical["region"] = json!({"startLine": line});
        // A shortened excerpt is not the line's text: leave the snippet out then.
        if let Some(x) = e.excerpt.as_ref().filter(|x| !x.ends_with('…')) {
            physical["region"]["snippet"] = json!({"text": x});
        }
    }
    json!({
        "physicalLocation": physical,
        "message": {"text": "Cited by assay as evidence for this finding."},
    })
}

/// A finding about the repository as a whole (an absence, a history figure): its location
/// is the repository's root, and the location's message says so.
fn root_location(f: &Finding) -> Value {
    let mut history: Vec<&str> = f
        .evidence
        .iter()
        .filter_map(|e| e.commit.as_deref())
        .collect();
    history.dedup();
    let text = if history.is_empty() {
        "The repository as a whole: no single file shows this.".to_owned()
    } else {
        format!(
            "The repository's history as a whole (commits {}).",
            history.join(", ")
        )
    };
    json!({
        "physicalLocation": {"artifactLocation": {"uri": "."}},
        "message": {"text": text},
    })
}
