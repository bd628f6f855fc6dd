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
    Regex::new(r"(?s:<!--.*?-->)|(?m:^[ \t]{0,3}#{1,6}[ \t][^\n]*)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// FNV-1a fingerprints of the outline's prompt sentences (normalised: ASCII letters and
/// digits, lower case, single spaces; sentences of four words or more). Fingerprints, not
/// the prompts themselves, so the outline's prose is not copied here.
static PROMPT_FINGERPRINTS: &[u64] = &[
    0x046f_6ed0_3bc3_448e,
    0x067a_54f3_f370_6df2,
    0x0faa_3559_5a0c_c3ee,
    0x1890_a48b_2892_6d46,
    0x1ae9_96d4_db5c_7db9,
    0x20a0_0d86_cbf3_e663,
    0x2750_8317_940b_ffd2,
    0x2bdd_fb9c_e7c1_4d31,
    0x2c18_13af_0fe5_e10f,
    0x3003_a985_08f6_6242,
    0x36ba_43bb_3f63_273d,
    0x3976_b67c_9e32_4d98,
    0x3d1f_aae3_3e6a_1e50,
    0x4306_979c_99a9_e523,
    0x44df_3363_1ab1_2d8a,
    0x45c9_0094_258d_b819,
    0x4731_3e17_3fc5_1ad7,
    0x4c24_c60d_2279_7903,
    0x5166_994e_3969_cc8f,
    0x562f_7234_61de_f8d0,
    0x57d0_adb8_aa4a_d07e,
    0x586e_79dc_3eac_d183,
    0x5b61_81a6_67d3_539a,
    0x5bb2_89c2_11bb_e19b,
    0x6826_7a12_55ef_c995,
    0x69e4_33d2_51e5_6315,
    0x7249_9705_cc6e_28cc,
    0x73e6_3b1f_c3f1_3f94,
    0x74ad_5be1_77fb_5453,
    0x78e7_5ec0_dca9_7a8e,
    0x83e5_1fe3_c6c8_5e90,
    0x8517_ef8c_7ddf_956a,
    0x868a_f5c5_f57b_c844,
    0x8753_a00d_d333_b7fe,
    0x92a6_fcf0_15b0_2f8d,
    0x95a1_f69f_feae_ad94,
    0x99ac_70bc_e789_fc14,
    0x9a22_57cc_8402_f4d2,
    0x9a3c_ea57_6022_5c41,
    0xa819_9432_bc82_36a6,
    0xa98c_26e7_f6ac_a4fe,
    0xac9c_b8c0_5094_f517,
    0xb0a2_43c4_1a4e_cd63,
    0xb295_141f_9fcc_c4f6,
    0xb7e8_5422_3acb_45a2,
    0xbb35_eb27_eb14_a63f,
    0xbc15_d2ce_9539_27b8,
    0xbd49_9c25_6856_db89,
    0xc630_c59b_4e9b_540e,
    0xc788_47ef_20b5_f9d2,
    0xcf2e_9e13_b26a_19ed,
    0xd752_33a0_6781_fc96,
    0xd9e4_ad50_596f_945a,
    0xdc98_bdf5_b68e_99c2,
    0xe884_42c8_9da4_2134,
    0xe971_89d0_6f61_7be8,
    0xe998_c817_5ac4_2b44,
    0xe9f4_5d8d_5cd5_e20e,
    0xee33_3989_9316_c449,
    0xf094_52e5_3080_d5be,
    0xf144_8bde_9ae1_d350,
    0xf17b_0b2a_e3b4_f498,
    0xf37d_4d64_d3e0_343f,
    0xf4b3_4ad5_18a8_7013,
    0xf563_ef37_19d3_4f60,
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
            out.push(Hit::new(
                h.range.clone(),
                format!("\"{}\" is empty", h.text),
            ));
        } else if only_prompts(&body) {
            out.push(Hit::new(
                h.range.clone(),
                format!("\"{}\" holds only the outline's prompt text", h.text),
            ));
        }
    }
    out
}
