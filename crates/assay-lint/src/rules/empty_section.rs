use std::sync::LazyLock;

use assay_model::Severity;
use regex::Regex;

use super::{Context, Hit, Rule};

pub static RULE: Rule = Rule {
    code: "AL002",
    name: "empty-section",
    severity: Severity::Error,
    summary: "An outline section has no content, or only the outline's own prompt text.",
    doc: "## What\nReports outline sections whose body (down to the next heading of the same level) holds nothing but headings, comments and whitespace, or only sentences of the outline's own prompts.\n\n## Why\nAn empty section, or one still holding the outline's instructions, reads as done in a table of contents while saying nothing about the project.\n\n## Example\n`### Actors` followed directly by `### Actions`.\n\n## Fix\nWrite the section for this project, or state why it does not apply.",
    help: "write this section for the project, replacing any outline prompt text",
    check,
};

static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s:<!--.*?-->)|(?m:^[ \t]{0,3}#{1,6}[ \t][^\n]*)").unwrap_or_else(|e| unreachable!("{e}"))
});

/// FNV-1a fingerprints of the outline's prompt sentences (normalised: ASCII letters and
/// digits, lower case, single spaces; sentences of four words or more). Fingerprints, not
/// the prompts themselves, so the outline's prose is not copied here.
static PROMPT_FINGERPRINTS: &[u64] = &[
    0x046f6ed03bc3448e,
    0x067a54f3f3706df2,
    0x0faa35595a0cc3ee,
    0x1890a48b28926d46,
    0x1ae996d4db5c7db9,
    0x20a00d86cbf3e663,
    0x27508317940bffd2,
    0x2bddfb9ce7c14d31,
    0x2c1813af0fe5e10f,
    0x3003a98508f66242,
    0x36ba43bb3f63273d,
    0x3976b67c9e324d98,
    0x3d1faae33e6a1e50,
    0x4306979c99a9e523,
    0x44df33631ab12d8a,
    0x45c90094258db819,
    0x47313e173fc51ad7,
    0x4c24c60d22797903,
    0x5166994e3969cc8f,
    0x562f723461def8d0,
    0x57d0adb8aa4ad07e,
    0x586e79dc3eacd183,
    0x5b6181a667d3539a,
    0x5bb289c211bbe19b,
    0x68267a1255efc995,
    0x69e433d251e56315,
    0x72499705cc6e28cc,
    0x73e63b1fc3f13f94,
    0x74ad5be177fb5453,
    0x78e75ec0dca97a8e,
    0x83e51fe3c6c85e90,
    0x8517ef8c7ddf956a,
    0x868af5c5f57bc844,
    0x8753a00dd333b7fe,
    0x92a6fcf015b02f8d,
    0x95a1f69ffeaead94,
    0x99ac70bce789fc14,
    0x9a2257cc8402f4d2,
    0x9a3cea5760225c41,
    0xa8199432bc8236a6,
    0xa98c26e7f6aca4fe,
    0xac9cb8c05094f517,
    0xb0a243c41a4ecd63,
    0xb295141f9fccc4f6,
    0xb7e854223acb45a2,
    0xbb35eb27eb14a63f,
    0xbc15d2ce953927b8,
    0xbd499c256856db89,
    0xc630c59b4e9b540e,
    0xc78847ef20b5f9d2,
    0xcf2e9e13b26a19ed,
    0xd75233a06781fc96,
    0xd9e4ad50596f945a,
    0xdc98bdf5b68e99c2,
    0xe88442c89da42134,
    0xe97189d06f617be8,
    0xe998c8175ac42b44,
    0xe9f45d8d5cd5e20e,
    0xee3339899316c449,
    0xf09452e53080d5be,
    0xf1448bde9ae1d350,
    0xf17b0b2ae3b4f498,
    0xf37d4d64d3e0343f,
    0xf4b34ad518a87013,
    0xf563ef3719d34f60,
];

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn normalise(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when every sentence of four or more words is one of the outline's prompts.
pub(crate) fn only_prompts(text: &str) -> bool {
    let flat = text.replace('\n', " ");
    let mut any = false;
    for sentence in flat.split(['.', '?', '!']) {
        let n = normalise(sentence);
        if n.split(' ').count() < 4 {
            continue;
        }
        if !PROMPT_FINGERPRINTS.contains(&fnv(&n)) {
            return false;
        }
        any = true;
    }
    any
}

fn check(cx: &Context) -> Vec<Hit> {
    let doc = cx.doc;
    let mut out = Vec::new();
    for s in &doc.sections {
        let h = doc.heading_of(s);
        if h.outline.is_none() {
            continue;
        }
        let body = NOISE.replace_all(doc.slice(&doc.logical_body(s)), "");
        let words = body.split_whitespace().count();
        if words == 0 {
            out.push(Hit::new(h.range.clone(), format!("\"{}\" is empty", h.text)));
        } else if only_prompts(&body) {
            out.push(Hit::new(
                h.range.clone(),
                format!("\"{}\" holds only the outline's prompt text", h.text),
            ));
        }
    }
    out
}
