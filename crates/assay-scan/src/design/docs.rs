//! Scope statements in security documents: what the project says is out of scope, which
//! protections it disclaims, and whom it trusts. These are documented facts; the seed
//! quotes their lines and never rewrites them into claims.

use std::sync::LazyLock;

use assay_model::design::{DesignItem, ItemKind};
use regex::Regex;

use super::item;

static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:out[- ]of[- ]scope|not in scope|outside (?:the|our|of) scope|not considered (?:a |to be )?(?:security )?(?:vulnerabilit|issue|bug)|(?:does|do) not (?:protect|defend|guarantee|prevent|encrypt|authenticate|authorize|authorise|sandbox)|(?:is|are) not designed to|not a security boundary|(?:is|are) (?:assumed to be |considered )trusted|trusted (?:network|environment|operators?|administrators?|users?|input))\b",
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// SECURITY.md anywhere, and Markdown documents named for security or threat models.
pub(super) fn is_security_doc(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    (name.ends_with(".md") || name.ends_with(".rst"))
        && (name.starts_with("security")
            || name.contains("threat")
            || (lower.contains("security/") && !lower.contains("/vendor/")))
        && lower.matches('/').count() <= 4
}

pub(super) fn items(path: &str, text: &str) -> Vec<DesignItem> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced || t.starts_with('#') || t.len() < 25 || t.starts_with('|') {
            continue;
        }
        if let Some(m) = STATEMENT.find(t) {
            let mut it = item(ItemKind::ScopeStatement, path, n, line);
            it.name = m.as_str().to_ascii_lowercase();
            it.component = String::new();
            out.push(it);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_outside_code_and_headings() {
        let text = "# Out of scope\n\
            Attacks from a compromised Kubernetes node are out of scope for this model.\n\
            ```\nout of scope inside code\n```\n\
            The collector does not authenticate clients on the OTLP ports by default.\n\
            Jaeger is a tracing system used by many people.\n";
        let got: Vec<(u32, String)> = items("docs/security/threat-model.md", text)
            .into_iter()
            .map(|i| (i.line, i.name))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "out of scope".into()),
                (6, "does not authenticate".into())
            ]
        );
        assert!(is_security_doc("SECURITY.md"));
        assert!(is_security_doc("docs/security/threat-model.md"));
        assert!(!is_security_doc("docs/install.md"));
    }
}
