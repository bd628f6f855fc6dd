//! From findings to a self-assessment: [`draft::build`] writes the assessment model, and
//! the renderers turn that one model into Markdown, HTML, or a user's own template.

pub mod draft;
mod escape;
pub mod html;
pub mod markdown;
pub mod template;

pub use draft::build;
