//! The declared vocabulary and what the scanner emits agree.

use assay_model::Category;
use assay_model::detail::SHARED_KEYS;
use assay_model::vocabulary::{CATALOG, HISTORY, KINDS};
use assay_scan::Catalog;
use assay_scan::detect::REGISTRY;

fn catalog() -> Catalog {
    Catalog::builtin().unwrap_or_else(|e| panic!("builtin catalog: {e}"))
}

#[test]
fn catalog_kinds_named_by_readers_exist_in_the_catalog() {
    let catalog = catalog();
    for k in KINDS.iter().filter(|k| k.detector == CATALOG) {
        let entry = catalog.get(k.id).unwrap_or_else(|| {
            panic!(
                "{} is declared as a catalog entry but the catalog has none",
                k.id
            )
        });
        assert_eq!(entry.spec.category, k.category, "{}", k.id);
    }
}

#[test]
fn every_declared_kind_names_a_registered_detector() {
    for k in KINDS {
        assert!(
            k.detector == HISTORY || REGISTRY.iter().any(|d| d.name() == k.detector),
            "{} names detector {}, which is not registered",
            k.id,
            k.detector
        );
    }
}

#[test]
fn catalog_ids_do_not_collide_with_declared_kinds_or_categories() {
    let catalog = catalog();
    for e in &catalog.entries {
        assert!(
            Category::from_id(&e.spec.id).is_none(),
            "{} collides with a category id",
            e.spec.id
        );
        assert!(
            KINDS
                .iter()
                .all(|k| k.id != e.spec.id || k.detector == CATALOG),
            "{} is both a catalog entry and a coded detector's finding",
            e.spec.id
        );
    }
}

#[test]
fn every_shared_detail_key_is_documented_in_the_json_schema() {
    let doc = include_str!("../../../docs/scan-json.md");
    for key in SHARED_KEYS {
        assert!(
            doc.contains(&format!("`{key}`")),
            "docs/scan-json.md does not document `{key}`"
        );
    }
}

#[test]
fn every_declared_id_is_documented_in_the_json_schema() {
    let doc = include_str!("../../../docs/scan-json.md");
    for k in KINDS.iter().filter(|k| k.detector != CATALOG) {
        assert!(
            doc.contains(k.id),
            "docs/scan-json.md does not mention `{}`",
            k.id
        );
    }
}
