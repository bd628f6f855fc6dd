//! Licence, history, SBOM and file-tree checks.

use assay_model::vocabulary as v;
use assay_model::{Category, detail};
use serde_json::Value;

use super::super::{Decision, Inputs};
use super::{MAX_EVIDENCE, cite, cites, forge, found, in_category, met, not_met, review};

/// Common licences the OSI has approved (the FSF's free licences largely overlap).
const OPEN_LICENCES: &[&str] = &[
    "0BSD",
    "AFL-3.0",
    "AGPL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-1.1",
    "Apache-2.0",
    "Artistic-2.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-2-Clause-Patent",
    "BSD-3-Clause",
    "BSL-1.0",
    "CDDL-1.0",
    "CECILL-2.1",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "GPL-2.0",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "ISC",
    "LGPL-2.1",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "MIT",
    "MIT-0",
    "MPL-1.1",
    "MPL-2.0",
    "MS-PL",
    "MS-RL",
    "NCSA",
    "OFL-1.1",
    "OSL-3.0",
    "PostgreSQL",
    "Python-2.0",
    "UPL-1.0",
    "Unlicense",
    "Zlib",
];

fn licence<'a>(i: &Inputs<'a>) -> Option<(&'a str, Vec<String>)> {
    let f = found(i, &v::LICENSE)?;
    Some((
        f.details.get(detail::SPDX).and_then(Value::as_str)?,
        cites(f),
    ))
}

pub(super) fn all_open(expr: &str) -> bool {
    let ids: Vec<&str> = expr
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|t| !t.is_empty() && !matches!(*t, "AND" | "OR" | "WITH"))
        .collect();
    !ids.is_empty()
        && ids
            .iter()
            .all(|t| OPEN_LICENCES.contains(&t.trim_end_matches('+')))
}

pub fn open_licence(i: &Inputs) -> Decision {
    match licence(i) {
        Some((spdx, ev)) if all_open(spdx) => met(
            ev,
            format!("The source is under {spdx}, an OSI-approved licence."),
        ),
        Some((spdx, ev)) => review(
            ev,
            format!(
                "The licence reads as {spdx}; whether it meets the Open Source Definition needs a person."
            ),
        ),
        None => not_met(Vec::new(), "No licence file was identified."),
    }
}

pub fn release_licence_open(i: &Inputs) -> Decision {
    match licence(i) {
        Some((spdx, ev)) => review(
            ev,
            format!(
                "The source is under {spdx}; released assets usually carry the same licence, which the maintainers should confirm."
            ),
        ),
        None => not_met(Vec::new(), "No licence file was identified."),
    }
}

pub fn licence_location(i: &Inputs) -> Decision {
    let Some(f) = found(i, &v::LICENSE) else {
        return not_met(Vec::new(), "No licence file was found at the root.");
    };
    let well_known = f.evidence.iter().find(|e| {
        let p = e.path.to_ascii_uppercase();
        p.starts_with("LICENSE") || p.starts_with("COPYING") || p.starts_with("LICENSES/")
    });
    match well_known {
        Some(e) => met(vec![cite(e)], "The licence is in a well-known place."),
        None => review(
            cites(f),
            "A licence was found, but not in LICENSE, COPYING or LICENSES/.",
        ),
    }
}

pub fn history(i: &Inputs) -> Decision {
    match found(i, &v::ACTIVITY) {
        Some(f) => met(
            cites(f),
            "The git history records each change with its author and date.",
        ),
        None => review(
            Vec::new(),
            "The history could not be read from this checkout.",
        ),
    }
}

pub fn sbom(i: &Inputs) -> Decision {
    let tools = in_category(i, Category::Sbom);
    if tools.is_empty() {
        forge(
            "releases.sbom",
            Vec::new(),
            "No SBOM generation in the repository; the release assets on the forge may still carry one.",
        )
    } else {
        met(
            tools
                .iter()
                .flat_map(|f| cites(f))
                .take(MAX_EVIDENCE)
                .collect(),
            "The release set-up produces an SBOM.",
        )
    }
}

fn has_ext(path: &str, exts: &[&str]) -> bool {
    let lower = path.to_ascii_lowercase();
    exts.iter().any(|e| lower.ends_with(e))
}

fn files_with(i: &Inputs, exts: &[&str], what: &str) -> Decision {
    let Some(files) = i.files else {
        return review(
            Vec::new(),
            format!("Run `assay baseline` on the checkout to look for {what}."),
        );
    };
    let hits: Vec<&String> = files.iter().filter(|p| has_ext(p, exts)).collect();
    if hits.is_empty() {
        met(
            Vec::new(),
            format!("No {what} in the project's own files (by file name)."),
        )
    } else {
        let mut ev: Vec<String> = hits
            .iter()
            .take(MAX_EVIDENCE)
            .map(|s| (*s).clone())
            .collect();
        if hits.len() > MAX_EVIDENCE {
            ev.push(format!("and {} more", hits.len() - MAX_EVIDENCE));
        }
        not_met(ev, format!("The repository holds {what}."))
    }
}

pub fn executables(i: &Inputs) -> Decision {
    files_with(
        i,
        &[
            ".exe", ".dll", ".so", ".dylib", ".o", ".a", ".class", ".pyc",
        ],
        "compiled programs or libraries",
    )
}

pub fn opaque_binaries(i: &Inputs) -> Decision {
    files_with(
        i,
        &[
            ".jar", ".war", ".zip", ".tar", ".tgz", ".tar.gz", ".whl", ".bin",
        ],
        "archives or opaque binaries",
    )
}
