//! The store's errors: it could not be opened or used, a load or an update was refused or
//! failed (and left the store as it was), or graphs asked for do not exist or are protected.

use super::{Access, RemoteError};
use crate::ingest::SourceError;
use crate::validate::{Report, ValidationError};
use oxigraph::sparql::UpdateEvaluationError;
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
    /// The SPARQL engine failed, or could not be trusted.
    #[error(transparent)]
    Remote(#[from] RemoteError),
}

/// Sources could not be loaded; a failed load leaves the store as it was.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// A source could not be read, parsed or mapped to quads.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The input writes into the metadata graph, which only loads themselves write.
    #[error("{input}: graph <{graph}> is where claimgraph records what each load wrote; load into another graph")]
    MetadataGraph {
        /// The file or input name.
        input: String,
        /// The metadata graph's IRI.
        graph: String,
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

/// A SPARQL Update could not be applied to the store; nothing was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UpdateError {
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
    /// The store is a SPARQL engine, which claimgraph does not update.
    #[error(transparent)]
    Remote(#[from] RemoteError),
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
