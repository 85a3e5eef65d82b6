//! Errors, one type per concern. Each keeps its cause as a `source` and says what and where in
//! its one-line message.

use crate::store::Access;
use crate::validate::{Report, ShapesError, ValidationError};
use oxigraph::sparql::{QueryEvaluationError, UpdateEvaluationError};
use oxigraph::store::StorageError;
use std::io;
use std::path::PathBuf;

/// The store could not be opened or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another process holds the on-disk store: a writer, or readers when `access` is
    /// [`Access::ReadWrite`].
    #[error("store {path} is in use by another process{}", match (writer, access) {
        (Some(writer), _) => format!(" that writes to it ({writer}); try again when it is done"),
        (None, Access::ReadOnly) => " that writes to it; try again when it is done".to_owned(),
        (None, Access::ReadWrite) => String::new(),
    })]
    Locked {
        /// The store directory.
        path: PathBuf,
        /// The access that was refused.
        access: Access,
        /// The process that writes to it, as it recorded itself (`pid N: command line`).
        writer: Option<String>,
    },
    /// No store exists at the path given.
    #[error("no store at {path} (`claimgraph init` or `claimgraph load` creates one)")]
    Missing {
        /// The path given.
        path: PathBuf,
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
    /// The shapes could not be evaluated on the store.
    #[error("validation failed")]
    Validation(#[from] ValidationError),
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
    /// The input writes into the metadata graph, which only loads themselves write.
    #[error("{input}: graph <{graph}> is where claimgraph records what each load wrote; load into another graph")]
    MetadataGraph {
        /// The file or input name.
        input: String,
        /// The metadata graph's IRI.
        graph: String,
    },
    /// The input holds no statement at all.
    #[error("{input}: no RDF statement in it (an empty input would empty its graph)")]
    Empty {
        /// The file or input name.
        input: String,
    },
    /// The data, together with what is stored, breaks the shapes; nothing was loaded.
    #[error("{} the shapes; nothing was loaded", violations(report))]
    Invalid {
        /// What breaks which shape.
        report: Report,
    },
    /// The shapes could not be evaluated on the data.
    #[error("validation failed")]
    Validation(#[from] ValidationError),
    /// Writing to the store failed; the transaction was rolled back.
    #[error("storage error while loading")]
    Storage(#[from] StorageError),
}

fn violations(report: &Report) -> String {
    match report.results.len() {
        1 => "1 violation of".to_owned(),
        n => format!("{n} violations of"),
    }
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
    Evaluation(#[source] QueryEvaluationError),
    /// Evaluation was stopped by the time limit.
    #[error("query stopped after {seconds} s, its time limit (`--timeout SECONDS` sets another, 0 none)")]
    Timeout {
        /// The limit, in seconds.
        seconds: f64,
    },
}

/// A SPARQL Update was refused or failed; nothing was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UpdateError {
    /// Its text is not SPARQL Update, or it ran past its time limit.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// It has a `LOAD`, which was not allowed.
    #[error("LOAD is not allowed here: it would fetch from the network")]
    Load,
    /// It writes into the default graph, which claimgraph does not use.
    #[error("the update writes into the default graph, where no query would see it: every triple of the store lives in a named graph, so name one (GRAPH <…> {{ … }}, WITH <…>, INTO GRAPH <…>)")]
    DefaultGraph,
    /// It would change a graph that claimgraph keeps itself.
    #[error("the update would change <{graph}> ({role}), which claimgraph keeps itself; nothing was updated")]
    Protected {
        /// The graph.
        graph: String,
        /// What claimgraph keeps in it.
        role: &'static str,
    },
    /// The dataset was given both apart from the update and in it.
    #[error("using-graph-uri and using-named-graph-uri cannot be given for an update that says USING or WITH")]
    UsingConflict,
    /// The store, updated, would break the shapes.
    #[error("{} the shapes; nothing was updated", violations(report))]
    Invalid {
        /// The violations.
        report: Report,
    },
    /// Oxigraph could not apply it.
    #[error("the update failed")]
    Evaluation(#[source] UpdateEvaluationError),
    /// The validation engine failed.
    #[error("validation failed")]
    Validation(#[from] ValidationError),
    /// The store could not be read or written.
    #[error("storage error while updating")]
    Storage(#[from] StorageError),
}

/// Named graphs asked for do not exist, or may not be dropped. Nothing was changed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// No graph of these names is in the store (or a name is not even an IRI).
    #[error(
        "no graph {} in the store (`claimgraph graphs` lists them)",
        quoted(names)
    )]
    Unknown {
        /// The names that match no graph, as given.
        names: Vec<String>,
    },
    /// A graph of the bundled schema, which queries and loads rely on.
    #[error("<{graph}> holds the bundled schema, which queries and loads rely on; `drop --schema` drops it all the same")]
    Schema {
        /// The graph's IRI.
        graph: String,
    },
    /// The metadata graph, which every load and drop keeps true.
    #[error("<{graph}> records where the other graphs came from, and loads and drops keep it up to date; drop the graphs it describes instead")]
    Metadata {
        /// The graph's IRI.
        graph: String,
    },
    /// Reading or writing the store failed; nothing was changed.
    #[error("storage error")]
    Storage(#[from] StorageError),
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("{name:?}"))
        .collect::<Vec<_>>()
        .join(", ")
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
    /// The query failed while its results were being written.
    #[error(transparent)]
    Query(QueryError),
    /// The store could not be read while its content was being written out.
    #[error("cannot read the store")]
    Storage(#[from] StorageError),
}

/// An argument map could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Graphviz's layout program could not be run.
    #[error("cannot run `{program}`: install Graphviz (for example `apt-get install graphviz`), or use `export dot`")]
    DotMissing {
        /// The layout program: `dot` or `sfdp`.
        program: &'static str,
        /// Why it could not be run.
        #[source]
        source: io::Error,
    },
    /// The layout program ran and failed.
    #[error("{program} failed: {message}")]
    DotFailed {
        /// The layout program: `dot` or `sfdp`.
        program: &'static str,
        /// What it said.
        message: String,
    },
}

/// How a command ended, as the exit code the command line reports: one table that the CLI's
/// help, the binary's exit codes and the README's table (checked by a test) all come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// It worked.
    Success,
    /// A failure no other line covers: a bug, or output that could not be written.
    Unexpected,
    /// The command line itself is wrong.
    Usage,
    /// Input data could not be read or parsed.
    BadInput,
    /// A query, named query or claim name is wrong, or took too long.
    BadQuery,
    /// The store is held by another process, missing, or cannot be used.
    StoreUnavailable,
    /// Graphviz is missing or failed.
    Rendering,
    /// The data breaks the SHACL shapes.
    Invalid,
}

impl ExitStatus {
    /// Every status, in the order of its code.
    pub const ALL: [ExitStatus; 8] = [
        Self::Success,
        Self::Unexpected,
        Self::Usage,
        Self::BadInput,
        Self::BadQuery,
        Self::StoreUnavailable,
        Self::Rendering,
        Self::Invalid,
    ];

    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Unexpected => 1,
            Self::Usage => 2,
            Self::BadInput => 3,
            Self::BadQuery => 4,
            Self::StoreUnavailable => 5,
            Self::Rendering => 6,
            Self::Invalid => 7,
        }
    }

    /// What the code means, in the words of the help text and the README.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Success => "success (`validate`: the data conforms)",
            Self::Unexpected => "unexpected error, or output that could not be written",
            Self::Usage => "bad command-line usage, or `drop` of a graph that claimgraph protects",
            Self::BadInput => {
                "bad input data: missing, unreadable or empty file, unknown format, RDF, shapes or framework syntax error, a framework too large"
            }
            Self::BadQuery => {
                "bad query: unknown named query, claim or graph, SPARQL syntax or evaluation error, time limit reached, unfit output format"
            }
            Self::StoreUnavailable => {
                "store unavailable: held by another process, missing, or cannot be opened or written"
            }
            Self::Rendering => "rendering failed: Graphviz's `dot` is missing or failed",
            Self::Invalid => "the data breaks the SHACL shapes (`validate`, and `load`, which then loads nothing)",
        }
    }

    /// The status an error chain ends with: the first cause that is one of the library's errors
    /// decides; anything else is unexpected.
    pub fn of(error: &(dyn std::error::Error + 'static)) -> Self {
        let mut cause = Some(error);
        while let Some(error) = cause {
            let status = if let Some(e) = error.downcast_ref::<LoadError>() {
                Some(e.exit_status())
            } else if let Some(e) = error.downcast_ref::<QueryError>() {
                Some(e.exit_status())
            } else if let Some(e) = error.downcast_ref::<RenderError>() {
                Some(e.exit_status())
            } else if let Some(e) = error.downcast_ref::<StoreError>() {
                Some(e.exit_status())
            } else if let Some(e) = error.downcast_ref::<GraphError>() {
                Some(e.exit_status())
            } else if error.is::<ExportError>() {
                Some(Self::Rendering)
            } else if error.is::<ShapesError>() {
                Some(Self::BadInput)
            } else {
                None
            };
            if let Some(status) = status {
                return status;
            }
            cause = error.source();
        }
        Self::Unexpected
    }
}

impl StoreError {
    /// The exit status this error ends a command with.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Self::Validation(_) => ExitStatus::Unexpected,
            _ => ExitStatus::StoreUnavailable,
        }
    }
}

impl LoadError {
    /// The exit status this error ends a command with.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Self::Invalid { .. } => ExitStatus::Invalid,
            Self::Validation(_) => ExitStatus::Unexpected,
            Self::Storage(_) => ExitStatus::StoreUnavailable,
            _ => ExitStatus::BadInput,
        }
    }
}

impl QueryError {
    /// The exit status this error ends a command with.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Self::Evaluation(QueryEvaluationError::Dataset(_)) => ExitStatus::StoreUnavailable,
            _ => ExitStatus::BadQuery,
        }
    }
}

impl RenderError {
    /// The exit status this error ends a command with.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Self::FormatMismatch { .. } => ExitStatus::BadQuery,
            Self::Io(_) => ExitStatus::Unexpected,
            Self::Query(error) => error.exit_status(),
            Self::Storage(_) => ExitStatus::StoreUnavailable,
        }
    }
}

impl GraphError {
    /// The exit status this error ends a command with.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Self::Unknown { .. } => ExitStatus::BadQuery,
            Self::Schema { .. } | Self::Metadata { .. } => ExitStatus::Usage,
            Self::Storage(_) => ExitStatus::StoreUnavailable,
        }
    }
}
