//! Render the assessment through a user's own template (Jinja syntax, via minijinja).
//! The template sees `assessment` (the same object `--format json` prints). Templates
//! cannot read files or run commands; output is not auto-escaped, so the template decides.

use assay_model::Assessment;

#[derive(Debug, thiserror::Error)]
#[error("template {name}: {message}")]
pub struct TemplateError {
    pub name: String,
    pub message: String,
}

pub fn render(a: &Assessment, name: &str, source: &str) -> Result<String, TemplateError> {
    let err = |e: minijinja::Error| TemplateError {
        name: name.to_owned(),
        message: e.to_string(),
    };
    let mut env = minijinja::Environment::new();
    // Bound the work a template can ask for.
    env.set_fuel(Some(50_000_000));
    env.set_recursion_limit(64);
    env.add_template("draft", source).map_err(err)?;
    let tmpl = env.get_template("draft").map_err(err)?;
    tmpl.render(minijinja::context! { assessment => a })
        .map_err(err)
}
