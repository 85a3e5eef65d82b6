//! What talking to a SPARQL engine fails with. Each deviation from the standards that would
//! change an answer without an error is caught here and named, never passed on.

use std::time::Duration;

/// A remote engine could not give a complete, trustworthy answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RemoteError {
    /// The endpoint URL cannot be used.
    #[error("{url} is not an HTTP or HTTPS URL of a SPARQL endpoint")]
    BadUrl {
        /// The URL as given.
        url: String,
    },
    /// No connection, or the connection broke.
    #[error("cannot reach the SPARQL engine at {url}: {reason}")]
    Unreachable {
        /// The endpoint.
        url: String,
        /// What the network said.
        reason: String,
    },
    /// No answer within the time limit.
    #[error("the SPARQL engine at {url} gave no answer within {}s", limit.as_secs_f64())]
    TimedOut {
        /// The endpoint.
        url: String,
        /// The limit.
        limit: Duration,
    },
    /// The engine wants credentials, and none were found.
    #[error("the SPARQL engine at {url} asks for credentials: set CLAIMGRAPH_USER and CLAIMGRAPH_PASSWORD, or add a netrc entry for its host")]
    Unauthorized {
        /// The endpoint.
        url: String,
    },
    /// Authentication failed: credentials refused, or a scheme claimgraph does not speak.
    #[error("the SPARQL engine at {url} refused access")]
    Auth {
        /// The endpoint.
        url: String,
        /// Why.
        #[source]
        source: super::auth::AuthError,
    },
    /// Credentials could not be read.
    #[error(transparent)]
    Credentials(#[from] super::auth::AuthError),
    /// The engine answered with an error status.
    #[error("the SPARQL engine at {url} answered {status}: {message}")]
    Status {
        /// The endpoint.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The start of the body it sent, which usually says why.
        message: String,
    },
    /// The answer is not in the format asked for, or breaks it.
    #[error("the SPARQL engine at {url} answered something that is not {format}: {reason}")]
    Garbage {
        /// The endpoint.
        url: String,
        /// The format expected.
        format: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// Virtuoso's "anytime" answer: cut short by a time limit, yet sent as a success.
    #[error("the SPARQL engine at {url} sent a partial answer ({state}: {message}); raise its time limit (Virtuoso: MaxQueryExecutionTime) or narrow the query")]
    Partial {
        /// The endpoint.
        url: String,
        /// The SQL state it sent.
        state: String,
        /// Its explanation.
        message: String,
    },
    /// The engine cut the result at its row cap (Virtuoso's `ResultSetMaxRows`).
    #[error("the SPARQL engine at {url} cut the answer at its cap of {cap} rows (Virtuoso: ResultSetMaxRows in [SPARQL]); raise the cap, or page the query with LIMIT and OFFSET below it")]
    Capped {
        /// The endpoint.
        url: String,
        /// The cap.
        cap: u64,
    },
    /// A graph read back holds fewer triples than the engine counts in it.
    #[error("the SPARQL engine at {url} sent {got} of the {expected} triples of <{graph}>: its answers are cut short (Virtuoso: raise ResultSetMaxRows in [SPARQL])")]
    Incomplete {
        /// The endpoint.
        url: String,
        /// The graph.
        graph: String,
        /// Triples received.
        got: u64,
        /// Triples the engine counts.
        expected: u64,
    },
    /// An upload did not land whole: the writer holds another number of triples.
    #[error("after the upload the SPARQL engine at {url} holds {got} triples in <{graph}> where {expected} were sent; nothing was published")]
    Miscount {
        /// The writer.
        url: String,
        /// The staging graph.
        graph: String,
        /// Triples counted on the writer.
        got: u64,
        /// Triples sent.
        expected: u64,
    },
    /// The engine stores a literal other than it was sent: it would answer with other data.
    #[error("the SPARQL engine at {url} stores {sent} as {stored}: it would answer with other data than was loaded, so nothing was published")]
    Rewritten {
        /// The writer.
        url: String,
        /// The triple sent.
        sent: String,
        /// What the engine holds instead.
        stored: String,
    },
    /// A graph that a load would take over holds data that claimgraph did not write.
    #[error("<{graph}> on the SPARQL engine holds {triples} triples that claimgraph did not load; load into another graph, or drop it on the engine first")]
    Foreign {
        /// The graph.
        graph: String,
        /// Its size.
        triples: u64,
    },
    /// What claimgraph does only on its own store.
    #[error("{what} works only on the embedded store; with --endpoint, send updates to the engine itself")]
    Unsupported {
        /// The operation.
        what: &'static str,
    },
}
