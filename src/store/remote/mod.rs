//! A SPARQL engine that someone else runs, reached through the W3C protocols: queries over the
//! SPARQL 1.1 Protocol (always form-encoded POSTs: Virtuoso never answers a direct POST, and
//! engines cut long GET URLs), updates the same way, uploads through the Graph Store Protocol
//! when the engine has one.
//!
//! Nothing outside `store` sees this module: a [`ClaimStore`](super::ClaimStore) with an
//! endpoint answers the same calls as one with RocksDB behind it. Engines disagree on what
//! their default graph holds, so every read names its graphs: those the metadata graph
//! describes, which are exactly the graphs claimgraph wrote.
//!
//! Answers are checked for the deviations that change results without an error: a result cut
//! at a row cap, a partial answer sent as a success, a graph read back short.

use crate::bundled;
use crate::vocab::provenance as term;
use oxhttp::model::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, SERVER, WWW_AUTHENTICATE};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, Uri};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Quad, Term, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{
    QueryEvaluationError, QueryResults, QuerySolution, QuerySolutionIter, QueryTripleIter, Variable,
};
use oxigraph::store::{StorageError, Store};
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

mod auth;
mod error;
pub(super) mod load;
mod nodeid;
pub(super) mod skolem;

pub use auth::AuthError;
pub use error::RemoteError;

/// Where an engine answers, and how long to wait for it.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The SPARQL 1.1 Protocol query service.
    pub query: String,
    /// The update service: the writer, where reads may go to replicas. `None`: the query URL.
    pub update: Option<String>,
    /// The writer's own query service, where a write is checked right after it is made, when
    /// `query` is a replica that may lag behind. `None`: the query URL.
    pub primary: Option<String>,
    /// The Graph Store HTTP Protocol service, for uploads; `None`: uploads are sent as updates.
    pub graph_store: Option<String>,
    /// How long to wait for any one answer.
    pub timeout: Duration,
}

/// The form of a query, which decides the format its answer is asked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `SELECT` or `ASK`: a result set.
    Results,
    /// `CONSTRUCT` or `DESCRIBE`: triples.
    Triples,
}

/// The graphs a read covers, sent as the protocol's `default-graph-uri` and `named-graph-uri`.
#[derive(Debug, Clone, Default)]
pub struct Graphs {
    /// The graphs whose union is the default graph.
    pub default: Vec<NamedNode>,
    /// The graphs `GRAPH` may name.
    pub named: Vec<NamedNode>,
}

/// A SPARQL engine, with the credentials to use on it.
pub(crate) struct Remote {
    endpoint: Endpoint,
    auth: Option<auth::Auth>,
    /// What the engine calls itself in its answers' `Server` header, once it has answered.
    server: std::sync::OnceLock<String>,
}

/// Uploads are sent in chunks of this many triples: small enough to be sent again cheaply,
/// large enough that the engine's cost per request does not dominate.
const UPLOAD_CHUNK: usize = 50_000;

/// Without a Graph Store service, uploads go as `INSERT DATA` of this many triples: Virtuoso
/// refuses more than about 1,250 in one (its generated SQL grows too long).
const INSERT_CHUNK: usize = 1_000;

/// A graph of more triples than this is read a predicate at a time (see
/// [`Remote::read_graph`]).
const PAGE: u64 = 500_000;

/// Of a body sent with an error status, this much is shown.
const MESSAGE_BYTES: usize = 600;

impl Remote {
    /// The engine at `endpoint`, with credentials from the environment or a netrc file when
    /// there are any for its host.
    pub(crate) fn new(endpoint: Endpoint) -> Result<Self, RemoteError> {
        let mut hosts = Vec::new();
        for url in [
            Some(&endpoint.query),
            endpoint.update.as_ref(),
            endpoint.primary.as_ref(),
            endpoint.graph_store.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            let uri: Uri = url
                .parse()
                .map_err(|_| RemoteError::BadUrl { url: url.clone() })?;
            match (uri.scheme_str(), uri.host()) {
                (Some("http" | "https"), Some(host)) => hosts.push(host.to_owned()),
                _ => return Err(RemoteError::BadUrl { url: url.clone() }),
            }
        }
        let credentials = auth::Credentials::find(&hosts[0])?;
        Ok(Self {
            endpoint,
            auth: credentials.map(auth::Auth::new),
            server: std::sync::OnceLock::new(),
        })
    }

    /// Where queries go.
    pub(crate) fn url(&self) -> &str {
        &self.endpoint.query
    }

    /// Whether the engine is Virtuoso, as its answers say: it evaluates some queries wrongly
    /// without an error, which the query module works around.
    pub(crate) fn is_virtuoso(&self) -> bool {
        self.server.get().is_some_and(|s| s.starts_with("Virtuoso"))
    }

    fn update_url(&self) -> &str {
        self.endpoint
            .update
            .as_deref()
            .unwrap_or(&self.endpoint.query)
    }

    /// Where what was just written is read back: the writer's query service.
    fn primary_url(&self) -> &str {
        self.endpoint
            .primary
            .as_deref()
            .unwrap_or(&self.endpoint.query)
    }

    /// Sends one request, answering an authentication challenge once; any status but a
    /// success is an error.
    fn send(
        &self,
        method: Method,
        url: &str,
        content_type: Option<&str>,
        accept: &str,
        body: &[u8],
        timeout: Duration,
    ) -> Result<Response<Body>, RemoteError> {
        let uri: Uri = url.parse().map_err(|_| RemoteError::BadUrl {
            url: url.to_owned(),
        })?;
        let target = uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
        let client = oxhttp::Client::new()
            .with_global_timeout(timeout)
            .with_redirection_limit(0);
        let client = client
            .with_user_agent(concat!("claimgraph/", env!("CARGO_PKG_VERSION")))
            .expect("the user agent is a valid header");
        let mut authorization = self
            .auth
            .as_ref()
            .and_then(|auth| auth.header(method.as_str(), &target));
        loop {
            let mut request = Request::builder()
                .method(method.clone())
                .uri(uri.clone())
                .header(ACCEPT, accept);
            if let Some(content_type) = content_type {
                request = request.header(CONTENT_TYPE, content_type);
            }
            if let Some(authorization) = &authorization {
                request = request.header(
                    AUTHORIZATION,
                    HeaderValue::from_str(authorization.value()).map_err(|_| {
                        RemoteError::BadUrl {
                            url: url.to_owned(),
                        }
                    })?,
                );
            }
            let request =
                request
                    .body(Body::from(body.to_vec()))
                    .map_err(|_| RemoteError::BadUrl {
                        url: url.to_owned(),
                    })?;
            let response = client
                .request(request)
                .map_err(|error| network(url, timeout, &error))?;
            if let Some(server) = response.headers().get(SERVER) {
                let _ = self
                    .server
                    .set(String::from_utf8_lossy(server.as_bytes()).into_owned());
            }
            let status = response.status().as_u16();
            if status == 401 {
                let Some(auth) = &self.auth else {
                    return Err(RemoteError::Unauthorized {
                        url: url.to_owned(),
                    });
                };
                let challenges: Vec<&str> = response
                    .headers()
                    .get_all(WWW_AUTHENTICATE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .collect();
                authorization = Some(
                    auth.answer(
                        method.as_str(),
                        &target,
                        authorization.as_ref(),
                        &challenges,
                    )
                    .map_err(|source| RemoteError::Auth {
                        url: url.to_owned(),
                        source,
                    })?,
                );
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(RemoteError::Status {
                    url: url.to_owned(),
                    status,
                    message: message(response.into_body()),
                });
            }
            return Ok(response);
        }
    }

    /// A form-encoded POST of `fields`.
    fn post_form(
        &self,
        url: &str,
        fields: &[(&str, &str)],
        accept: &str,
        timeout: Duration,
    ) -> Result<Response<Body>, RemoteError> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields {
            form.append_pair(name, value);
        }
        let body = form.finish();
        self.send(
            Method::POST,
            url,
            Some("application/x-www-form-urlencoded"),
            accept,
            body.as_bytes(),
            timeout,
        )
    }

    /// Evaluates `query` (which must not name a dataset itself) on `graphs`, within `timeout`
    /// or the endpoint's own limit; the answer is parsed as it arrives.
    pub(crate) fn query(
        &self,
        query: &str,
        form: Form,
        graphs: &Graphs,
        timeout: Option<Duration>,
    ) -> Result<QueryResults<'static>, RemoteError> {
        let timeout = timeout.unwrap_or(self.endpoint.timeout);
        let mut fields = vec![("query", query)];
        fields.extend(
            graphs
                .default
                .iter()
                .map(|g| ("default-graph-uri", g.as_str())),
        );
        fields.extend(graphs.named.iter().map(|g| ("named-graph-uri", g.as_str())));
        let accept = match form {
            Form::Results => "application/sparql-results+json",
            Form::Triples => "application/n-triples",
        };
        let response = self.post_form(&self.endpoint.query, &fields, accept, timeout)?;
        let url = self.endpoint.query.clone();
        let headers = response.headers();
        if let Some(state) = headers.get("x-sql-state") {
            return Err(RemoteError::Partial {
                url,
                state: state.to_str().unwrap_or("?").to_owned(),
                message: headers
                    .get("x-sql-message")
                    .and_then(|m| m.to_str().ok())
                    .unwrap_or("")
                    .to_owned(),
            });
        }
        let cap = row_cap(&response);
        let body = response.into_body();
        match form {
            Form::Results => results(url, cap, body),
            Form::Triples => Ok(QueryResults::Graph(QueryTripleIter::new(capped(
                url.clone(),
                cap,
                triples(url, body).map(|t| t.map(skolem::triple)),
            )))),
        }
    }

    /// Runs a SPARQL Update on the writer.
    pub(crate) fn update(&self, update: &str) -> Result<(), RemoteError> {
        let response = self.post_form(
            self.update_url(),
            &[("update", update)],
            "application/sparql-results+json, */*;q=0.1",
            self.endpoint.timeout,
        )?;
        // Read to the end, so that the engine is done with it before the next request.
        message(response.into_body());
        Ok(())
    }

    /// The rows of a `SELECT` on the writer (counts that must see what was just written),
    /// collected.
    fn select_on(&self, url: &str, query: &str) -> Result<Vec<QuerySolution>, RemoteError> {
        let response = self.post_form(
            url,
            &[("query", query)],
            "application/sparql-results+json",
            self.endpoint.timeout,
        )?;
        let cap = row_cap(&response);
        match results(url.to_owned(), cap, response.into_body())? {
            QueryResults::Solutions(rows) => rows
                .collect::<Result<_, _>>()
                .map_err(|e| remote_cause(url, "SPARQL JSON results", e)),
            _ => Err(garbage(url, "SPARQL JSON results", "not a result set")),
        }
    }

    /// The number of triples in `graph`, as `url` counts them.
    fn count_on(&self, url: &str, graph: NamedNodeRef<'_>) -> Result<u64, RemoteError> {
        let rows = self.select_on(
            url,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"),
        )?;
        number(url, &rows)
    }

    /// The number of triples in `graph`.
    pub(crate) fn count(&self, graph: NamedNodeRef<'_>) -> Result<u64, RemoteError> {
        self.count_on(&self.endpoint.query, graph)
    }

    /// The number of triples in `graph` on the writer, which replicas may lag behind.
    fn count_written(&self, graph: NamedNodeRef<'_>) -> Result<u64, RemoteError> {
        self.count_on(self.primary_url(), graph)
    }

    /// The number of distinct triples in `graph` and `staged` together, on the writer: what
    /// `graph` will hold once `staged` is added to it.
    fn count_union(
        &self,
        graph: NamedNodeRef<'_>,
        staged: NamedNodeRef<'_>,
    ) -> Result<u64, RemoteError> {
        let url = self.primary_url();
        let rows = self.select_on(
            url,
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ \
                 {{ GRAPH {graph} {{ ?s ?p ?o }} }} UNION {{ GRAPH {staged} {{ ?s ?p ?o }} }} }} }}"
            ),
        )?;
        number(url, &rows)
    }

    /// The triples of `graph` on the writer with one of `predicates` whose object is a typed
    /// literal (neither a plain string nor language-tagged): those an engine may store other
    /// than it was sent.
    fn typed_literals(
        &self,
        graph: NamedNodeRef<'_>,
        predicates: &[NamedNode],
    ) -> Result<Vec<Triple>, RemoteError> {
        if predicates.is_empty() {
            return Ok(Vec::new());
        }
        let url = self.primary_url();
        // Only the predicates that were sent with typed literals: the rest of the graph is
        // not read twice.
        let values: String = predicates.iter().map(|p| format!(" {p}")).collect();
        let rows = self.select_on(
            url,
            &format!(
                "SELECT ?s ?p ?o WHERE {{ VALUES ?p {{{values} }} GRAPH {graph} {{ ?s ?p ?o }} \
                 FILTER(isLiteral(?o) && lang(?o) = \"\" \
                 && datatype(?o) != <http://www.w3.org/2001/XMLSchema#string>) }}"
            ),
        )?;
        rows.into_iter()
            .map(|row| match (row.get("s"), row.get("p"), row.get("o")) {
                (Some(s), Some(Term::NamedNode(p)), Some(o)) => Ok(Triple::new(
                    oxigraph::model::NamedOrBlankNode::try_from(s.clone())
                        .map_err(|e| garbage(url, "a triple", e))?,
                    p.clone(),
                    o.clone(),
                )),
                _ => Err(garbage(
                    url,
                    "a triple",
                    "a row without a subject, predicate or object",
                )),
            })
            .collect()
    }

    /// The graphs claimgraph wrote: those the metadata graph describes, and itself when it
    /// holds anything. Never the engine's whole list of graphs, which holds others' data and,
    /// on Virtuoso, its own system graphs.
    pub(crate) fn graphs(&self) -> Result<Vec<NamedNode>, RemoteError> {
        let metadata = NamedNodeRef::new_unchecked(bundled::METADATA_GRAPH);
        let rows = self.select_on(
            &self.endpoint.query,
            &format!(
                "SELECT DISTINCT ?g WHERE {{ GRAPH {metadata} {{ ?d {} ?g }} FILTER(isIRI(?g)) }}",
                term::NAME
            ),
        )?;
        let mut graphs: Vec<NamedNode> = rows
            .into_iter()
            .filter_map(|row| match row.get("g") {
                Some(Term::NamedNode(g)) => Some(g.clone()),
                _ => None,
            })
            .collect();
        if !graphs.is_empty() {
            graphs.push(metadata.into_owned());
        }
        graphs.sort();
        graphs.dedup();
        Ok(graphs)
    }

    /// Every triple of `graph`, checked against the engine's count of it: an engine that cuts
    /// answers at a row cap and says nothing (Virtuoso does, for CONSTRUCT) is caught here. A
    /// graph of more than [`PAGE`] triples is read one predicate at a time, each page checked
    /// against its own count: Virtuoso refuses to build an answer of more than a million
    /// triples, and every engine answers a bound predicate from an index, without sorting.
    pub(crate) fn read_graph(
        &self,
        graph: NamedNodeRef<'_>,
        into: &mut Vec<Quad>,
    ) -> Result<(), RemoteError> {
        let expected = self.count(graph)?;
        if expected <= PAGE {
            return self.read_page(graph, None, expected, into);
        }
        let url = &self.endpoint.query;
        let rows = self.select_on(
            url,
            &format!(
                "SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} GROUP BY ?p"
            ),
        )?;
        let mut total = 0;
        for row in rows {
            let (Some(Term::NamedNode(predicate)), Some(Term::Literal(n))) =
                (row.get("p"), row.get("n"))
            else {
                return Err(garbage(url, "a count per predicate", "a row without both"));
            };
            let n: u64 = n
                .value()
                .parse()
                .map_err(|_| garbage(url, "a count per predicate", n.value()))?;
            self.read_page(graph, Some(predicate.as_ref()), n, into)?;
            total += n;
        }
        if total != expected {
            return Err(RemoteError::Incomplete {
                url: url.clone(),
                graph: graph.as_str().to_owned(),
                got: total,
                expected,
            });
        }
        Ok(())
    }

    /// The triples of `graph` (with `predicate` only, when given) in one CONSTRUCT, which must
    /// be `expected` of them.
    fn read_page(
        &self,
        graph: NamedNodeRef<'_>,
        predicate: Option<NamedNodeRef<'_>>,
        expected: u64,
        into: &mut Vec<Quad>,
    ) -> Result<(), RemoteError> {
        let p = predicate.map_or_else(|| "?p".to_owned(), |p| p.to_string());
        let query = format!("CONSTRUCT {{ ?s {p} ?o }} WHERE {{ GRAPH {graph} {{ ?s {p} ?o }} }}");
        let response = self.post_form(
            &self.endpoint.query,
            &[("query", &query)],
            "application/n-triples",
            self.endpoint.timeout,
        )?;
        let url = &self.endpoint.query;
        let before = into.len();
        for triple in triples(url.clone(), response.into_body()) {
            let triple = skolem::triple(triple.map_err(|e| remote_cause(url, "N-Triples", e))?);
            into.push(triple.in_graph(graph.into_owned()));
        }
        let got = (into.len() - before) as u64;
        if got != expected {
            return Err(RemoteError::Incomplete {
                url: url.clone(),
                graph: graph.as_str().to_owned(),
                got,
                expected,
            });
        }
        Ok(())
    }

    /// An in-memory copy of the graphs claimgraph wrote: what the analysis, the exports and
    /// validation read, as they read the embedded store.
    pub(crate) fn snapshot(&self) -> Result<Store, StorageError> {
        self.copy(&self.graphs()?)
    }

    /// An in-memory copy of `graphs`, each checked against the engine's count of it.
    pub(crate) fn copy(&self, graphs: &[NamedNode]) -> Result<Store, StorageError> {
        let mut quads = Vec::new();
        for graph in graphs {
            self.read_graph(graph.as_ref(), &mut quads)?;
        }
        let store = Store::new()?;
        let mut loader = store.bulk_loader();
        loader.load_quads(quads)?;
        loader.commit()?;
        Ok(store)
    }

    /// Adds `triples` to `graph` on the writer: through the Graph Store Protocol when the engine
    /// has it, else as `INSERT DATA` in small pieces. Sending the same triples again changes
    /// nothing, so a failed piece is simply sent again, twice at most.
    fn upload(&self, graph: NamedNodeRef<'_>, triples: &[Triple]) -> Result<(), RemoteError> {
        let mut attempt = 0;
        loop {
            let sent = match &self.endpoint.graph_store {
                Some(store) => self.post_graph(store, graph, triples),
                None => triples
                    .chunks(INSERT_CHUNK)
                    .try_for_each(|chunk| self.update(&insert_data(graph, chunk))),
            };
            match sent {
                Err(
                    RemoteError::Unreachable { .. }
                    | RemoteError::TimedOut { .. }
                    | RemoteError::Status {
                        status: 500..=599, ..
                    },
                ) if attempt < 2 => attempt += 1,
                other => return other,
            }
        }
    }

    fn post_graph(
        &self,
        store: &str,
        graph: NamedNodeRef<'_>,
        triples: &[Triple],
    ) -> Result<(), RemoteError> {
        let mut body = Vec::with_capacity(triples.len() * 120);
        let mut writer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut body);
        for triple in triples {
            writer
                .serialize_triple(triple)
                .expect("writing into memory cannot fail");
        }
        writer.finish().expect("writing into memory cannot fail");
        let separator = if store.contains('?') { '&' } else { '?' };
        let url = format!(
            "{store}{separator}graph={}",
            form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect::<String>()
        );
        let response = self.send(
            Method::POST,
            &url,
            Some("application/n-triples"),
            "*/*",
            &body,
            self.endpoint.timeout,
        )?;
        message(response.into_body());
        Ok(())
    }
}

/// The count in the first row's `?n`.
fn number(url: &str, rows: &[QuerySolution]) -> Result<u64, RemoteError> {
    rows.first()
        .and_then(|row| row.get("n"))
        .and_then(|n| match n {
            Term::Literal(n) => n.value().parse().ok(),
            _ => None,
        })
        .ok_or_else(|| garbage(url, "a count", "no number in the answer"))
}

/// Lookups by pattern on an engine, over the graphs claimgraph wrote there.
pub(crate) struct Lookup<'a> {
    remote: &'a Remote,
    graphs: Graphs,
}

impl Remote {
    /// Lookups by pattern over the graphs claimgraph wrote, as they are now.
    pub(crate) fn lookup(&self) -> Result<Lookup<'_>, RemoteError> {
        let named = self.graphs()?;
        Ok(Lookup {
            remote: self,
            graphs: Graphs {
                default: Vec::new(),
                named,
            },
        })
    }
}

impl super::Lookup for Lookup<'_> {
    fn quads(
        &self,
        subject: Option<oxigraph::model::NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<oxigraph::model::TermRef<'_>>,
    ) -> Result<Vec<Quad>, StorageError> {
        if self.graphs.named.is_empty() {
            return Ok(Vec::new());
        }
        // Blank nodes read from the engine are claimgraph's own, written there as IRIs.
        let as_written = |term: Term| match skolem::written_term(term) {
            Term::BlankNode(node) => format!("_:{}", node.as_str()),
            other => other.to_string(),
        };
        let s = subject.map(|s| as_written(s.into_owned().into()));
        let p = predicate.map(|p| p.to_string());
        let o = object.map(|o| as_written(o.into_owned()));
        let query = format!(
            "SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ {} {} {} }} }}",
            s.as_deref().unwrap_or("?s"),
            p.as_deref().unwrap_or("?p"),
            o.as_deref().unwrap_or("?o"),
        );
        let QueryResults::Solutions(rows) =
            self.remote
                .query(&query, Form::Results, &self.graphs, None)?
        else {
            return Ok(Vec::new());
        };
        let url = self.remote.url();
        let mut quads = Vec::new();
        for row in rows {
            let row = row.map_err(|e| remote_cause(url, "SPARQL JSON results", e))?;
            let term = |name: &str, given: Option<Term>| {
                given
                    .or_else(|| row.get(name).cloned())
                    .ok_or_else(|| garbage(url, "a quad", format!("no ?{name}")))
            };
            let subject = term("s", subject.map(|s| s.into_owned().into()))?;
            let predicate = term("p", predicate.map(|p| p.into_owned().into()))?;
            let object = term("o", object.map(|o| o.into_owned()))?;
            let (Ok(subject), Term::NamedNode(predicate), Some(Term::NamedNode(graph))) = (
                oxigraph::model::NamedOrBlankNode::try_from(subject),
                predicate,
                row.get("g"),
            ) else {
                return Err(garbage(url, "a quad", "a term out of place").into());
            };
            quads.push(Quad::new(subject, predicate, object, graph.clone()));
        }
        Ok(quads)
    }
}

/// `INSERT DATA` of `triples` into `graph`.
fn insert_data(graph: NamedNodeRef<'_>, triples: &[Triple]) -> String {
    let mut text = format!("INSERT DATA {{ GRAPH {graph} {{\n");
    for triple in triples {
        text.push_str(&triple.to_string());
        text.push_str(" .\n");
    }
    text.push_str("} }");
    text
}

/// A SELECT or ASK answer in SPARQL JSON, parsed as it arrives, Virtuoso's blank node labels
/// mended and claimgraph's blank nodes restored.
fn results(
    url: String,
    cap: Option<u64>,
    body: Body,
) -> Result<QueryResults<'static>, RemoteError> {
    let parser = QueryResultsParser::from_format(QueryResultsFormat::Json);
    match parser
        .for_reader(nodeid::Mended::new(body))
        .map_err(|e| garbage(&url, "SPARQL JSON results", e))?
    {
        ReaderQueryResultsParserOutput::Boolean(value) => Ok(QueryResults::Boolean(value)),
        ReaderQueryResultsParserOutput::Solutions(solutions) => {
            let variables: Arc<[Variable]> = solutions.variables().into();
            let kept = variables.clone();
            let row_url = url.clone();
            let rows = solutions.map(move |row| match row {
                Ok(row) => Ok(QuerySolution::from((
                    kept.clone(),
                    row.values()
                        .iter()
                        .map(|v| v.clone().map(|t| boolean_mended(skolem::term(t))))
                        .collect::<Vec<_>>(),
                ))),
                Err(e) => Err(dataset_error(garbage(&row_url, "SPARQL JSON results", e))),
            });
            Ok(QueryResults::Solutions(QuerySolutionIter::new(
                variables,
                capped(url, cap, rows),
            )))
        }
    }
}

/// Virtuoso writes `xsd:boolean` values in JSON results as `1` and `0` (while its RDF
/// answers say `true` and `false`): the same value, in the lexical form the rest of claimgraph
/// and every other engine uses.
fn boolean_mended(term: Term) -> Term {
    match term {
        Term::Literal(literal) if literal.datatype() == xsd::BOOLEAN => match literal.value() {
            "1" => Literal::from(true).into(),
            "0" => Literal::from(false).into(),
            _ => literal.into(),
        },
        other => other,
    }
}

/// Triples in N-Triples, parsed as they arrive.
fn triples(url: String, body: Body) -> impl Iterator<Item = Result<Triple, QueryEvaluationError>> {
    RdfParser::from_format(RdfFormat::NTriples)
        .for_reader(body)
        .map(move |quad| {
            quad.map(Triple::from)
                .map_err(|e| dataset_error(garbage(&url, "N-Triples", e)))
        })
}

/// `items`, ending with an error when there are as many as the engine's row cap: then the
/// engine may well have cut the answer there.
fn capped<T>(
    url: String,
    cap: Option<u64>,
    items: impl Iterator<Item = Result<T, QueryEvaluationError>>,
) -> impl Iterator<Item = Result<T, QueryEvaluationError>> {
    let mut seen = 0u64;
    let mut done = false;
    let mut items = items.fuse();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match items.next() {
            Some(item) => {
                seen += 1;
                Some(item)
            }
            None => {
                done = true;
                match cap {
                    Some(cap) if seen >= cap => Some(Err(dataset_error(RemoteError::Capped {
                        url: url.clone(),
                        cap,
                    }))),
                    _ => None,
                }
            }
        }
    })
}

/// The row cap an answer announces (Virtuoso's `X-SPARQL-MaxRows`).
fn row_cap(response: &Response<Body>) -> Option<u64> {
    response
        .headers()
        .get("x-sparql-maxrows")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// The remote error behind an evaluation error, or the answer named as garbage.
pub(crate) fn remote_cause(
    url: &str,
    format: &'static str,
    error: QueryEvaluationError,
) -> RemoteError {
    match error {
        QueryEvaluationError::Dataset(e) => match e.downcast::<RemoteError>() {
            Ok(e) => *e,
            Err(e) => garbage(url, format, e),
        },
        e => garbage(url, format, e),
    }
}

/// A remote failure as the query evaluator reports failures of its dataset.
pub(crate) fn dataset_error(error: RemoteError) -> QueryEvaluationError {
    QueryEvaluationError::Dataset(Box::new(error))
}

fn garbage(url: &str, format: &'static str, reason: impl std::fmt::Display) -> RemoteError {
    RemoteError::Garbage {
        url: url.to_owned(),
        format,
        reason: reason.to_string(),
    }
}

fn network(url: &str, timeout: Duration, error: &std::io::Error) -> RemoteError {
    match error.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => RemoteError::TimedOut {
            url: url.to_owned(),
            limit: timeout,
        },
        _ => RemoteError::Unreachable {
            url: url.to_owned(),
            reason: error.to_string(),
        },
    }
}

/// The start of a body, as one line of text: what an engine says with an error status.
fn message(body: Body) -> String {
    let mut bytes = Vec::new();
    let _ = body.take(64 * 1024).read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut end = line.len().min(MESSAGE_BYTES);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    // Shown on a terminal: the engine's words, never its control sequences.
    line[..end]
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

impl From<RemoteError> for StorageError {
    fn from(error: RemoteError) -> Self {
        // As an I/O error, whose message is the remote error's own, shown once.
        StorageError::Io(std::io::Error::other(error))
    }
}
