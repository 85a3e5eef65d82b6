//! Errors, one type per concern. Each keeps its cause as a `source` and says what and where in
//! its one-line message.

use oxigraph::sparql::QueryEvaluationError;
use oxigraph::store::StorageError;
use std::io;
use std::path::PathBuf;

/// The store could not be opened or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process holds the on-disk store open.
    #[error("store {path} is in use by another process")]
    Locked {
        /// The store directory.
        path: PathBuf,
        /// What the storage engine said.
        #[source]
        source: StorageError,
    },
    /// The on-disk store could not be opened.
    #[error("cannot open store {path}")]
    Open {
        /// The store directory.
        path: PathBuf,
        /// What the storage engine said.
        #[source]
        source: StorageError,
    },
    /// The store directory could not be created.
    #[error("cannot create store directory {path}")]
    CreateDir {
        /// The store directory.
        path: PathBuf,
        /// Why the directory could not be created.
        #[source]
        source: io::Error,
    },
    /// A read or write on an open store failed.
    #[error("storage error")]
    Storage(#[from] StorageError),
}

/// Input data (RDF, or an argumentation framework) could not be read or parsed. A failed load
/// leaves the store as it was.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read (missing, unreadable...).
    #[error("{path}: cannot read file")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: io::Error,
    },
    /// The format could not be told from the name, or the name is not a known format.
    #[error("{input}: unknown format {format:?} (expected one of: {expected})")]
    UnknownFormat {
        /// The file or input the format was asked for.
        input: String,
        /// The extension or format name that is not known.
        format: String,
        /// The formats that are known.
        expected: &'static str,
    },
    /// The input is not valid RDF in its format.
    #[error("{}", syntax_message(input, *location, message))]
    Syntax {
        /// The file or input name.
        input: String,
        /// One-based line and column of the error, when the parser gives them.
        location: Option<(u64, u64)>,
        /// What is wrong.
        message: String,
    },
    /// The graph name given for a file is not a valid IRI.
    #[error("{input}: invalid graph name {iri:?}")]
    GraphName {
        /// The file or input name.
        input: String,
        /// The rejected IRI.
        iri: String,
    },
    /// Writing to the store failed; the transaction was rolled back.
    #[error("storage error while loading")]
    Storage(#[from] StorageError),
}

fn syntax_message(input: &str, location: Option<(u64, u64)>, message: &str) -> String {
    match location {
        Some((line, column)) => format!("{input}:{line}:{column}: {message}"),
        None => format!("{input}: {message}"),
    }
}

/// A SPARQL query could not be found, parsed, evaluated or printed as asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The query text is not valid SPARQL.
    #[error("{}", syntax_message(input, *location, message))]
    Syntax {
        /// Where the query came from: `query`, a file name or `queries/NAME.rq`.
        input: String,
        /// One-based line and column of the error, when the parser gives them.
        location: Option<(u64, u64)>,
        /// What is wrong.
        message: String,
    },
    /// `--named` asked for a query that does not exist.
    #[error("no named query {name:?} (available: {})", available.join(", "))]
    UnknownNamed {
        /// The requested name.
        name: String,
        /// The names that exist.
        available: Vec<String>,
    },
    /// No claim in the store has this IRI or local name.
    #[error("no claim {name:?} in the store")]
    UnknownClaim {
        /// The IRI or local name asked for.
        name: String,
    },
    /// Evaluation failed.
    #[error("query evaluation failed")]
    Evaluation(#[from] QueryEvaluationError),
}

/// A result could not be printed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The format does not fit the kind of result.
    #[error("{format} cannot print {kind} results (use {allowed})")]
    FormatMismatch {
        /// The requested format.
        format: &'static str,
        /// The kind of result.
        kind: &'static str,
        /// The formats that fit.
        allowed: &'static str,
    },
    /// Writing failed (a closed pipe, a full disk...).
    #[error("cannot write results")]
    Io(#[from] io::Error),
}

/// An argument map could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The `dot` binary could not be run.
    #[error("cannot run `dot`: install Graphviz (for example `apt-get install graphviz`), or use `export dot`")]
    DotMissing {
        /// Why it could not be run.
        #[source]
        source: io::Error,
    },
    /// `dot` ran and failed.
    #[error("dot failed: {message}")]
    DotFailed {
        /// What `dot` said.
        message: String,
    },
}
