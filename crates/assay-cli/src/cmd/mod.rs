//! One module per subcommand, each holding its arguments and its `run`.

pub mod baseline;
pub mod draft;
pub mod insights;
pub mod lint;
pub mod lint_insights;
pub mod rules;
pub mod scan;
pub mod threat_model;
pub mod verify;

use clap::ValueEnum;

use crate::support::Content;

/// What a command found, for `main` to turn into an exit code. Failures are errors instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The command ran and found nothing that should fail a build.
    Fine,
    /// A lint or verify error was found.
    ErrorsFound,
}

impl Outcome {
    fn from_errors(found: bool) -> Outcome {
        if found {
            Outcome::ErrorsFound
        } else {
            Outcome::Fine
        }
    }
}

/// How `lint` and `verify` write their diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    Text,
    Json,
    Sarif,
}

impl DiagnosticFormat {
    /// Text may be coloured; JSON and SARIF are documents.
    fn content(self, color: bool) -> Content {
        match self {
            DiagnosticFormat::Text => Content::Text { color },
            DiagnosticFormat::Json | DiagnosticFormat::Sarif => Content::Document,
        }
    }
}
