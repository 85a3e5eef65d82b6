//! What can go wrong with a query or an update: not found, not SPARQL, failed or out of time;
//! and for an update, a `LOAD` not allowed or a refusal from the store.

use crate::ingest::error::syntax_message;
use crate::store;
use oxigraph::sparql::QueryEvaluationError;

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
    #[error("no named query {name:?} (available: {}){}", available.join(", "), nearest(name, available))]
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
    /// The store refused it, or could not apply it.
    #[error(transparent)]
    Store(#[from] store::UpdateError),
}

/// `; did you mean "x"?` for the name most like `name`, when one is alike enough to be a slip
/// of the keyboard (the measure and the threshold clap uses for subcommands), else nothing.
fn nearest(name: &str, names: &[String]) -> String {
    names
        .iter()
        .map(|candidate| (strsim::jaro(name, candidate), candidate))
        .filter(|(likeness, _)| *likeness > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| format!("; did you mean {candidate:?}?"))
        .unwrap_or_default()
}
