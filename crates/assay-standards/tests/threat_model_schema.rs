//! The JSON report validates against the threat-model report schema, when the schema
//! file is present beside the workspace (it is not shipped with assay).

mod threat_model_fixture;

use threat_model_fixture as fixture;

use std::path::Path;

#[test]
// The skip is said on stderr, as the task asks: a silent pass would hide it.
#[allow(clippy::print_stderr)]
fn json_report_validates_against_the_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/specs/threat-model/schema.json");
    let Ok(text) = std::fs::read_to_string(&schema_path) else {
        // Not an error: the schema lives outside the repository.
        eprintln!(
            "note: {} is absent; schema validation skipped",
            schema_path.display()
        );
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let dir = fixture::service();
    let report =
        assay_standards::threat_model::to_schema_json(&fixture::seed(dir.path())).expect("json");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
