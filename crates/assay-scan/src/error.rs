use std::path::PathBuf;

/// Why a scan could not be made at all. Problems with single files are findings, not errors.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("could not {op} at {path}: {source}")]
    Io {
        op: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} is not a directory")]
    NotADirectory(PathBuf),
    #[error("could not {op} at {path}: {message}")]
    Git {
        op: &'static str,
        path: PathBuf,
        message: String,
    },
    #[error("the repository lists more than {0} files; refusing to index it")]
    TooManyFiles(usize),
    #[error("the catalog entry {entry} is invalid: {message}")]
    Catalog { entry: String, message: String },
}
