//! The proposed replacements, written as a unified diff of the assessment that `patch -p1`
//! and `git apply` accept.

use std::fmt::Write as _;

use crate::{Fix, Verdict, VerifyReport};

/// Lines of unchanged text around each change.
const CONTEXT: usize = 3;

/// The assessment `text` (named `path` in the headers) with every proposed fix of a claim
/// reported as an error applied, as a unified diff; empty when there is nothing to propose.
/// Fixes that overlap an earlier one are left out.
pub fn unified_diff(path: &str, text: &str, report: &VerifyReport) -> String {
    let mut fixes: Vec<&Fix> = report
        .claims
        .iter()
        .filter(|c| c.verdict != Verdict::Backed)
        // Warnings are claims the repositories cannot settle: no edit is proposed for them.
        .filter(|c| c.severity() == assay_model::Severity::Error)
        .filter_map(|c| c.fix.as_ref())
        .filter(|f| {
            f.range.start <= f.range.end
                && text.is_char_boundary(f.range.start)
                && text.is_char_boundary(f.range.end)
                && f.range.end <= text.len()
                && !f.text.chars().any(char::is_control)
                && !text[f.range.clone()].contains('\n')
        })
        .collect();
    fixes.sort_by_key(|f| f.range.start);
    fixes.dedup_by(|b, a| b.range.start < a.range.end);
    if fixes.is_empty() {
        return String::new();
    }
    let mut new = String::with_capacity(text.len());
    let mut at = 0;
    for f in &fixes {
        new.push_str(&text[at..f.range.start]);
        new.push_str(&f.text);
        at = f.range.end;
    }
    new.push_str(&text[at..]);
    diff_lines(path, text, &new)
}

/// A unified diff of two texts with the same number of lines (fixes never add or remove
/// a line).
fn diff_lines(path: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let changed: Vec<usize> = (0..a.len()).filter(|&i| a.get(i) != b.get(i)).collect();
    let path = path.trim_start_matches("./");
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let mut i = 0;
    while i < changed.len() {
        let first = changed[i].saturating_sub(CONTEXT);
        let mut j = i;
        while j + 1 < changed.len() && changed[j + 1] <= changed[j] + 2 * CONTEXT + 1 {
            j += 1;
        }
        let last = (changed[j] + CONTEXT).min(a.len() - 1);
        let count = last - first + 1;
        let _ = writeln!(out, "@@ -{},{count} +{},{count} @@", first + 1, first + 1);
        for k in first..=last {
            if changed[i..=j].contains(&k) {
                push_line(&mut out, '-', a[k]);
                push_line(&mut out, '+', b[k]);
            } else {
                push_line(&mut out, ' ', a[k]);
            }
        }
        i = j + 1;
    }
    out
}

fn push_line(out: &mut String, mark: char, line: &str) {
    out.push(mark);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Claim;

    fn report(fixes: &[(std::ops::Range<usize>, &str)]) -> VerifyReport {
        VerifyReport {
            claims: fixes
                .iter()
                .map(|(r, t)| Claim {
                    verdict: Verdict::NotFound,
                    fix: Some(Fix {
                        range: r.clone(),
                        text: (*t).to_owned(),
                    }),
                    ..Claim::default()
                })
                .collect(),
            omissions: Vec::new(),
        }
    }

    #[test]
    fn one_change_gets_three_lines_of_context() {
        let text = "a\nb\nc\nd\nTravis CI\ne\nf\ng\nh\n";
        let at = text.find("Travis CI").unwrap_or_default();
        let d = unified_diff("x.md", text, &report(&[(at..at + 9, "GitHub Actions")]));
        assert_eq!(
            d,
            "--- a/x.md\n+++ b/x.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-Travis CI\n+GitHub Actions\n e\n f\n g\n"
        );
    }

    #[test]
    fn nothing_to_propose_is_an_empty_diff_and_a_last_line_without_newline_is_marked() {
        assert_eq!(unified_diff("x.md", "a\n", &report(&[])), "");
        let d = unified_diff("x.md", "a\nold", &report(&[(2..5, "new")]));
        assert!(
            d.ends_with("-old\n\\ No newline at end of file\n+new\n\\ No newline at end of file\n"),
            "{d}"
        );
    }
}
