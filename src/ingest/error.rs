//! What can be wrong with a source before the store is touched: a file that cannot be read, an
//! unknown format, a syntax error with its position, an argument map that says something
//! claimgraph cannot hold, a bad language tag or graph name, or no statement at all.

use std::io;
use std::path::PathBuf;

/// A source could not be read, parsed or mapped to quads; nothing was loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
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
    /// The input is not valid in its format (RDF, AIF JSON, Argdown).
    #[error("{}", syntax_message(input, *location, message))]
    Syntax {
        /// The file or input name.
        input: String,
        /// One-based line and column of the error, when the parser gives them.
        location: Option<(u64, u64)>,
        /// What is wrong.
        message: String,
    },
    /// An argument map is well-formed JSON of the right shape, but says something claimgraph
    /// cannot hold as it means it: an edge to a missing node, an unknown node type, a relation
    /// without a conclusion...
    #[error("{input}: {item}: {message}")]
    Map {
        /// The file or input name.
        input: String,
        /// The node or edge at fault, as the map names it (`node 12`, `edge 7`).
        item: String,
        /// What is wrong.
        message: String,
    },
    /// The language given for a map's text is not a BCP 47 tag.
    #[error("{input}: invalid language tag {tag:?}")]
    Language {
        /// The file or input name.
        input: String,
        /// The rejected tag.
        tag: String,
    },
    /// The graph name given for a file is not a valid IRI.
    #[error("{input}: invalid graph name {iri:?}")]
    GraphName {
        /// The file or input name.
        input: String,
        /// The rejected IRI.
        iri: String,
    },
    /// The input holds no statement at all.
    #[error("{input}: no RDF statement in it (an empty input would empty its graph)")]
    Empty {
        /// The file or input name.
        input: String,
    },
}

/// `input:line:column: message`, or `input: message` when the position is not known: how every
/// syntax error of claimgraph's, in data or in queries, begins.
pub(crate) fn syntax_message(input: &str, location: Option<(u64, u64)>, message: &str) -> String {
    match location {
        Some((line, column)) => format!("{input}:{line}:{column}: {message}"),
        None => format!("{input}: {message}"),
    }
}
