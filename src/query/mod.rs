//! SPARQL over the store: the ontology's prefixes are predeclared and the default graph is the
//! union of all named graphs, or of the graphs a [`Selection`] names and the ontology graph,
//! so queries need neither `PREFIX cg:` nor `GRAPH ?g`.
//!
//! ```
//! use claimgraph::{ClaimStore, query::{self, QueryOutput}};
//!
//! let store = ClaimStore::in_memory()?;
//! let output = query::run(&store, "query", "ASK { ?s a cg:Allegation }")?;
//! assert!(matches!(output, QueryOutput::Boolean(false)));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use crate::bundled::{self, NamedQuery};
use crate::store::remote;
use crate::store::{self, ClaimStore, Dataset, RemoteError, Selection, Update};
use crate::validate::Shapes;
use crate::vocab;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, QuerySolutionIter,
    QueryTripleIter, SparqlEvaluator, UpdateEvaluationError, Variable,
};
use spargebra::{GraphUpdateOperation, SparqlParser};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod engine;
mod error;
mod plan;

pub use error::{QueryError, UpdateError};

/// Finds a named query.
pub fn named_query(name: &str) -> Result<&'static NamedQuery, QueryError> {
    bundled::NAMED_QUERIES
        .iter()
        .find(|q| q.name == name)
        .ok_or_else(|| QueryError::UnknownNamed {
            name: name.to_owned(),
            available: bundled::NAMED_QUERIES
                .iter()
                .map(|q| q.name.to_owned())
                .collect(),
        })
}

/// The materialised result of a query.
#[derive(Debug, PartialEq)]
pub enum QueryOutput {
    /// `SELECT`: the projected variables and the rows.
    Solutions {
        /// The variables, in projection order.
        variables: Vec<Variable>,
        /// The rows, in the order the query gives.
        rows: Vec<QuerySolution>,
    },
    /// `ASK`.
    Boolean(bool),
    /// `CONSTRUCT` or `DESCRIBE`.
    Graph(Vec<Triple>),
}

/// Parses and evaluates `sparql` on `store`, and collects every result. `input` names where
/// the text came from, for errors. For queries whose size nobody knows, [`execute`] streams.
pub fn run(store: &ClaimStore, input: &str, sparql: &str) -> Result<QueryOutput, QueryError> {
    let answer = execute(store, &Selection::default(), input, sparql, None)?;
    let timeout = answer.timeout;
    let error = |e| QueryError::evaluation(e, timeout);
    Ok(match answer.results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows = solutions.collect::<Result<_, _>>().map_err(error)?;
            QueryOutput::Solutions { variables, rows }
        }
        QueryResults::Boolean(value) => QueryOutput::Boolean(value),
        QueryResults::Graph(triples) => {
            QueryOutput::Graph(triples.collect::<Result<_, _>>().map_err(error)?)
        }
    })
}

/// The results of a query as they are computed, so that they can be written out without being
/// held in memory; evaluation stops when `timeout` runs out, and the iterators then yield
/// [`QueryEvaluationError::Cancelled`] (see [`QueryError::evaluation`]).
pub struct Answer {
    /// The results, as Oxigraph yields them.
    pub results: QueryResults<'static>,
    /// The time limit, for the error that says it was reached.
    pub timeout: Option<Duration>,
    // Dropping the sender ends the watchdog thread early.
    _deadline: Option<mpsc::Sender<()>>,
}

impl Answer {
    /// Evaluates up to the first solution or triple, so that an error that comes before any
    /// result (a refused `SERVICE`, the time limit reached while sorting or grouping) is known
    /// before anything is written; the answer then goes on from where it stopped.
    pub fn peeked(self) -> Result<Self, QueryError> {
        let timeout = self.timeout;
        let error = |e| QueryError::evaluation(e, timeout);
        let results = match self.results {
            QueryResults::Solutions(mut solutions) => {
                let variables: std::sync::Arc<[Variable]> = solutions.variables().into();
                let first = solutions.next().transpose().map_err(error)?;
                QueryResults::Solutions(QuerySolutionIter::new(
                    variables,
                    first.map(Ok).into_iter().chain(solutions),
                ))
            }
            QueryResults::Graph(mut triples) => {
                let first = triples.next().transpose().map_err(error)?;
                QueryResults::Graph(QueryTripleIter::new(
                    first.map(Ok).into_iter().chain(triples),
                ))
            }
            boolean @ QueryResults::Boolean(_) => boolean,
        };
        Ok(Self { results, ..self })
    }
}

/// The graphs a query reads.
#[derive(Debug, Clone, Copy)]
pub enum Graphs<'a> {
    /// The graphs a [`Selection`] covers: every graph, or some and the ontology's.
    Selected(&'a Selection),
    /// A dataset given apart from the query, as the SPARQL protocol's `default-graph-uri` and
    /// `named-graph-uri` give it: the default graph is the union of `default` (empty when there
    /// are none), and `GRAPH` sees `named` and no others. It replaces any `FROM` of the query.
    Explicit {
        /// The graphs whose union is the default graph.
        default: &'a [NamedNode],
        /// The graphs `GRAPH` may name.
        named: &'a [NamedNode],
    },
}

/// Parses `sparql` and starts evaluating it on the graphs of `store` that `selection` covers,
/// with an optional time limit. A selection of some graphs is the query's dataset: its default
/// graph is their union (with the ontology's), and `GRAPH` sees them and no others.
pub fn execute(
    store: &ClaimStore,
    selection: &Selection,
    input: &str,
    sparql: &str,
    timeout: Option<Duration>,
) -> Result<Answer, QueryError> {
    let limits = Limits {
        timeout,
        service: false,
    };
    execute_on(store, Graphs::Selected(selection), input, sparql, limits)
}

/// How far the evaluation of a query or update may go.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// The time limit; `None` for none.
    pub timeout: Option<Duration>,
    /// Whether `SERVICE` may query other SPARQL endpoints, over HTTP or HTTPS.
    pub service: bool,
}

impl Limits {
    /// An evaluator within these limits, and what keeps its time limit running: dropped, it
    /// ends the watchdog thread early.
    fn evaluator(self) -> (SparqlEvaluator, Option<mpsc::Sender<()>>) {
        let mut evaluator = SparqlEvaluator::new();
        // The SHACL engine switches on Oxigraph's HTTP client, and with it SERVICE over the
        // network: off unless asked for, so that a query answers from the store alone.
        evaluator = match (self.service, self.timeout) {
            (false, _) => evaluator.without_default_http_service_handler(),
            (true, Some(limit)) => evaluator.with_http_timeout(limit),
            (true, None) => evaluator,
        };
        let deadline = self.timeout.map(|limit| {
            let token = CancellationToken::new();
            evaluator = std::mem::take(&mut evaluator).with_cancellation_token(token.clone());
            let (sender, receiver) = mpsc::channel::<()>();
            std::thread::spawn(move || {
                if receiver.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout) {
                    token.cancel();
                }
            });
            sender
        });
        (evaluator, deadline)
    }
}

/// A SPARQL parser that knows the predeclared prefixes.
fn parser() -> SparqlParser {
    prefixes().fold(SparqlParser::new(), |parser, (prefix, iri)| {
        parser
            .with_prefix(prefix, iri)
            .expect("the predeclared prefixes are valid IRIs")
    })
}

/// [`execute`] on any [`Graphs`], within any [`Limits`].
pub fn execute_on(
    store: &ClaimStore,
    graphs: Graphs<'_>,
    input: &str,
    sparql: &str,
    limits: Limits,
) -> Result<Answer, QueryError> {
    let parsed = parser()
        .parse_query(sparql)
        .map_err(|error| syntax_error(input, &error.to_string()))?;
    if let Some(remote) = store.as_remote() {
        return engine::answer(remote, graphs, parsed, limits);
    }
    // On a small store the row-by-row plan (see `plan`) costs more than it saves: two
    // evaluations and an index lookup per row, where Oxigraph's hash joins read little.
    let small = store.is_small();
    let store = store
        .oxigraph()
        .map_err(|e| QueryError::Evaluation(QueryEvaluationError::Dataset(Box::new(e))))?;
    if small {
        return start(&store, graphs, parsed, limits);
    }
    evaluate(&store, graphs, parsed, limits)
}

/// Evaluates a parsed query on an Oxigraph store: the embedded one, or the copy that a query
/// for an engine is answered from.
fn evaluate(
    store: &oxigraph::store::Store,
    graphs: Graphs<'_>,
    parsed: spargebra::Query,
    limits: Limits,
) -> Result<Answer, QueryError> {
    let Some(required) = plan::required(&parsed) else {
        return start(store, graphs, parsed, limits);
    };
    let started = Instant::now();
    let rewritten = start(store, graphs, required, limits)
        .ok()
        .and_then(|answer| plan::with_values(&parsed, answer.results));
    let left = Limits {
        timeout: limits
            .timeout
            .map(|limit| limit.saturating_sub(started.elapsed())),
        ..limits
    };
    start(store, graphs, rewritten.unwrap_or(parsed), left)
}

/// Starts evaluating a parsed query as it is.
fn start(
    store: &oxigraph::store::Store,
    graphs: Graphs<'_>,
    parsed: spargebra::Query,
    limits: Limits,
) -> Result<Answer, QueryError> {
    let timeout = limits.timeout;
    let (evaluator, deadline) = limits.evaluator();
    let mut prepared = evaluator.for_query(parsed);
    let dataset = prepared.dataset_mut();
    match graphs {
        Graphs::Selected(selection) if selection.is_all() => dataset.set_default_graph_as_union(),
        Graphs::Selected(selection) => {
            dataset.set_default_graph(selection.graphs().cloned().map(GraphName::from).collect());
            dataset.set_available_named_graphs(
                selection
                    .graphs()
                    .cloned()
                    .map(NamedOrBlankNode::from)
                    .collect(),
            );
        }
        Graphs::Explicit { default, named } => {
            dataset.set_default_graph(default.iter().cloned().map(GraphName::from).collect());
            dataset.set_available_named_graphs(
                named.iter().cloned().map(NamedOrBlankNode::from).collect(),
            );
        }
    }
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| QueryError::evaluation(e, timeout))?;
    Ok(Answer {
        results,
        timeout,
        _deadline: deadline,
    })
}

/// What an update may do beyond writing into the store's data graphs.
#[derive(Debug)]
pub struct UpdateOptions<'a> {
    /// How far its `WHERE` clauses may go.
    pub limits: Limits,
    /// Whether `LOAD` may fetch RDF from the network.
    pub load: bool,
    /// The dataset its `WHERE` clauses read when it names none (see [`Update::using`]).
    pub using: Option<Dataset>,
    /// Shapes the store must still conform to once it is updated.
    pub shapes: Option<&'a Shapes>,
}

/// Parses the SPARQL Update `sparql`, with the predeclared prefixes, and applies it to `store`
/// in one transaction (see [`ClaimStore::update`]). `input` names where the text came from,
/// for errors.
pub fn update(
    store: &ClaimStore,
    input: &str,
    sparql: &str,
    options: UpdateOptions<'_>,
) -> Result<store::Updated, UpdateError> {
    let parsed = parser()
        .parse_update(sparql)
        .map_err(|error| syntax_error(input, &error.to_string()))?;
    let loads = parsed
        .operations
        .iter()
        .any(|operation| matches!(operation, GraphUpdateOperation::Load { .. }));
    if loads && !options.load {
        return Err(UpdateError::Load);
    }
    let (evaluator, _deadline) = options.limits.evaluator();
    let update = Update {
        text: sparql,
        parsed,
        evaluator,
        using: options.using,
    };
    store
        .update(update, options.shapes)
        .map_err(|error| match (error, options.limits.timeout) {
            (
                store::UpdateError::Evaluation(UpdateEvaluationError::Unexpected(cause)),
                Some(limit),
            ) if matches!(
                cause.downcast_ref::<QueryEvaluationError>(),
                Some(QueryEvaluationError::Cancelled)
            ) =>
            {
                QueryError::Timeout {
                    seconds: limit.as_secs_f64(),
                }
                .into()
            }
            (error, _) => error.into(),
        })
}

impl QueryError {
    /// An evaluation error, or [`QueryError::Timeout`] when the time limit cancelled it (or a
    /// SPARQL engine gave no answer within it).
    pub fn evaluation(error: QueryEvaluationError, timeout: Option<Duration>) -> Self {
        match (error, timeout) {
            (QueryEvaluationError::Cancelled, Some(limit)) => Self::Timeout {
                seconds: limit.as_secs_f64(),
            },
            (QueryEvaluationError::Dataset(error), Some(_)) => {
                match error.downcast::<RemoteError>() {
                    Ok(error) => Self::remote(*error, timeout),
                    Err(error) => Self::Evaluation(QueryEvaluationError::Dataset(error)),
                }
            }
            (error, _) => Self::Evaluation(error),
        }
    }

    /// A SPARQL engine's failure; [`QueryError::Timeout`] when it did not answer within the
    /// time limit that the query was given.
    fn remote(error: RemoteError, timeout: Option<Duration>) -> Self {
        match (error, timeout) {
            (RemoteError::TimedOut { .. }, Some(limit)) => Self::Timeout {
                seconds: limit.as_secs_f64(),
            },
            (error, _) => Self::Evaluation(remote::dataset_error(error)),
        }
    }
}

/// The vocabulary's prefixes, the bundled data's, then those of the metadata graph's
/// vocabularies: what every query may use unannounced.
pub fn prefixes() -> impl Iterator<Item = (&'static str, &'static str)> {
    vocab::PREFIXES
        .iter()
        .chain(bundled::DATA_PREFIXES)
        .chain(vocab::provenance::PREFIXES)
        .copied()
}

/// Splits the parser's "error at LINE:COLUMN: message" into a location and a message.
fn syntax_error(input: &str, text: &str) -> QueryError {
    let located = text.strip_prefix("error at ").and_then(|rest| {
        let (position, message) = rest.split_once(": ")?;
        let (line, column) = position.split_once(':')?;
        Some(((line.parse().ok()?, column.parse().ok()?), message))
    });
    let (location, message) = match located {
        Some((location, message)) => (Some(location), message),
        None => (None, text),
    };
    QueryError::Syntax {
        input: input.to_owned(),
        location,
        message: readable(message),
    }
}

/// The parser lists every character class it would have accepted, over several lines; an
/// error is one line, and an undeclared prefix deserves to be named as such.
fn readable(message: &str) -> String {
    const LIMIT: usize = 160;
    if message.contains("Prefix not found") {
        return "undeclared prefix".to_owned();
    }
    let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}...", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The options of an update that may not load, read the union, and checks `shapes`.
    fn checked_by(shapes: Option<&crate::validate::Shapes>) -> UpdateOptions<'_> {
        UpdateOptions {
            limits: Limits::default(),
            load: false,
            using: None,
            shapes,
        }
    }

    #[test]
    fn unknown_named_query_lists_the_known_ones() {
        let err = named_query("nope").unwrap_err().to_string();
        assert!(
            err.starts_with("no named query \"nope\" (available: accused-actors, "),
            "{err}"
        );
        let err = named_query("respones").unwrap_err().to_string();
        assert!(err.ends_with("; did you mean \"responses\"?"), "{err}");
        assert!(!err.contains("did you mean \"hedges\""), "{err}");
    }

    #[test]
    fn syntax_errors_say_where() {
        let store = ClaimStore::in_memory().unwrap();
        let err = run(&store, "q.rq", "SELECT * WHERE {\n  ?s ?p \n}").unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("q.rq:3:"), "{message}");
    }

    #[test]
    fn syntax_errors_fit_on_one_line() {
        let store = ClaimStore::in_memory().unwrap();
        let err = run(&store, "q", "SELECT ?s WHERE {\n ?s nope:x ?o }").unwrap_err();
        assert_eq!(err.to_string(), "q:2:11: undeclared prefix");
        let err = run(&store, "q", "SELECT ?s WHERE { ?s ?p \"x\"@ }").unwrap_err();
        assert!(!err.to_string().contains('\n'), "{err}");
    }

    #[test]
    fn default_graph_is_the_union_of_named_graphs() {
        use crate::ingest::Source;
        use oxigraph::io::RdfFormat;
        let store = ClaimStore::in_memory().unwrap();
        let a = Source::from_bytes(
            "a",
            &b"<urn:a> a <https://w3id.org/claimgraph/ns#Claim> ."[..],
            RdfFormat::Turtle,
            "urn:g:a",
        )
        .unwrap();
        store.load(&[a]).unwrap();
        let output = run(&store, "q", "ASK { ?s a cg:Claim }").unwrap();
        assert_eq!(output, QueryOutput::Boolean(true));
    }

    #[test]
    fn peeking_finds_errors_before_the_first_result_and_keeps_every_row() {
        let store = ClaimStore::in_memory().unwrap();
        let all = Selection::default();
        let rows = "SELECT ?n WHERE { VALUES ?n { 1 2 3 } }";
        let answer = execute(&store, &all, "q", rows, None)
            .unwrap()
            .peeked()
            .unwrap();
        let QueryResults::Solutions(solutions) = answer.results else {
            panic!("solutions")
        };
        assert_eq!(solutions.count(), 3);
        let service = "SELECT * WHERE { SERVICE <urn:elsewhere> { ?s ?p ?o } }";
        let answer = execute(&store, &all, "q", service, None).unwrap();
        assert!(matches!(
            answer.peeked(),
            Err(QueryError::Evaluation(
                QueryEvaluationError::UnsupportedService(_)
            ))
        ));
    }

    #[test]
    fn an_update_is_refused_whole_and_one_that_changes_nothing_describes_nothing() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load_with_schema(&crate::bundled::data_sources())
            .unwrap();
        let before = store.dump_nquads().unwrap();
        let options = || checked_by(None);
        // The first operation alone would land; the second reaches the ontology by a variable.
        let both = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } } ; \
                    DELETE WHERE { GRAPH ?g { ?class a owl:Class } }";
        let err = update(&store, "u", both, options()).unwrap_err();
        assert!(
            matches!(&err, UpdateError::Store(store::UpdateError::Protected { graph, .. }) if graph == crate::bundled::ONTOLOGY_GRAPH),
            "{err}"
        );
        assert_eq!(store.dump_nquads().unwrap(), before);
        let again = "INSERT { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }";
        assert!(update(&store, "u", again, options())
            .unwrap()
            .changed
            .is_empty());
        assert_eq!(store.dump_nquads().unwrap(), before);
        let load = "LOAD <http://example.org/x.ttl> INTO GRAPH <urn:g>";
        let err = update(&store, "u", load, options()).unwrap_err();
        assert!(matches!(err, UpdateError::Load), "{err}");
    }

    /// An update is judged by what it removes and adds as validating the whole store after it
    /// judges it: on a store that conforms, refused exactly when that finds a violation, with the
    /// same violations, and then nothing changes. Triples of generated claims are deleted, and
    /// some put back with another object, at random.
    #[test]
    fn an_update_is_judged_as_validating_everything_after_it_would() {
        use crate::generate::SplitMix64;
        use oxigraph::model::{BlankNode, Term};
        let shapes = crate::validate::Shapes::bundled();
        // Violations as text without their message (the engine's words may order values
        // differently) and with every blank node alike: the two stores have their own.
        let texts = |violations: &[crate::validate::Violation]| {
            let blank = |term: &mut Term| {
                if term.is_blank_node() {
                    *term = BlankNode::new_unchecked("b").into();
                }
            };
            let mut texts: Vec<String> = violations
                .iter()
                .map(|v| {
                    let mut v = v.clone();
                    v.message.clear();
                    blank(&mut v.focus);
                    if let Some(value) = &mut v.value {
                        blank(value);
                    }
                    v.to_string()
                })
                .collect();
            texts.sort();
            texts
        };
        let (mut refused, mut landed) = (0, 0);
        for seed in 0..12 {
            let store = ClaimStore::in_memory().unwrap();
            store.load_bundled_and_generated(60, seed);
            let Answer {
                results: QueryResults::Solutions(rows),
                ..
            } = execute(
                &store,
                &Selection::default(),
                "q",
                "SELECT ?s ?p ?o WHERE { GRAPH <urn:generated> { ?s ?p ?o } \
                 FILTER(!isBlank(?s) && !isBlank(?o)) }",
                None,
            )
            .unwrap()
            else {
                panic!("solutions")
            };
            let triples: Vec<String> = rows
                .map(|row| {
                    let row = row.unwrap();
                    format!("{} {} {} .", row[0], row[1], row[2])
                })
                .collect();
            let mut random = SplitMix64::new(seed);
            let mut pick = || &triples[random.next_u64() as usize % triples.len()];
            let deleted: Vec<&String> = (0..1 + seed as usize % 3).map(|_| pick()).collect();
            // A deleted triple's subject and predicate with another triple's object.
            let (moved, object) = (pick(), pick());
            let object = object
                .rsplit_once(' ')
                .unwrap()
                .0
                .splitn(3, ' ')
                .nth(2)
                .unwrap();
            let subject_predicate: Vec<&str> = moved.splitn(3, ' ').take(2).collect();
            let inserted = format!("{} {object} .", subject_predicate.join(" "));
            let text = format!(
                "DELETE DATA {{ GRAPH <urn:generated> {{ {} {moved} }} }} ; \
                 INSERT DATA {{ GRAPH <urn:generated> {{ {inserted} }} }}",
                deleted
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            let reference = ClaimStore::in_memory().unwrap();
            reference.load_bundled_and_generated(60, seed);
            assert!(reference.validate(&shapes).unwrap().conforms);
            update(&reference, "u", &text, checked_by(None)).unwrap();
            let expected = texts(&reference.validate(&shapes).unwrap().results);
            // Applied from its text, and evaluated (an operation that writes nothing makes it so).
            let evaluated = format!(
                "{text} ; INSERT {{ GRAPH <urn:generated> {{ ?s ?p ?o }} }} WHERE {{ FILTER(false) }}"
            );
            for text in [&text, &evaluated] {
                let store = ClaimStore::in_memory().unwrap();
                store.load_bundled_and_generated(60, seed);
                let before = store.dump_nquads().unwrap();
                match update(&store, "u", text, checked_by(Some(&shapes))) {
                    Ok(updated) => {
                        assert_eq!(expected, Vec::<String>::new(), "seed {seed}: {text}");
                        assert!(updated.already.is_empty());
                        landed += 1;
                    }
                    Err(UpdateError::Store(store::UpdateError::Invalid { report })) => {
                        assert_eq!(texts(&report.results), expected, "seed {seed}: {text}");
                        assert_eq!(store.dump_nquads().unwrap(), before);
                        refused += 1;
                    }
                    Err(error) => panic!("seed {seed}: {error}"),
                }
            }
        }
        assert!(
            refused > 0 && landed > 0,
            "{refused} refused, {landed} landed"
        );
    }

    /// What was broken before an update and stays so is told apart and does not stop it; what
    /// the update breaks does.
    #[test]
    fn violations_already_stored_do_not_stop_an_update_that_touches_them() {
        let shapes = crate::validate::Shapes::bundled();
        let store = ClaimStore::in_memory().unwrap();
        store
            .load_with_schema(&crate::bundled::data_sources())
            .unwrap();
        // An allegation that accuses nobody, loaded without validation.
        let broken = crate::ingest::Source::from_bytes(
            "broken.ttl",
            &b"<urn:ex:bad> a <https://w3id.org/claimgraph/ns#Allegation> ."[..],
            oxigraph::io::RdfFormat::Turtle,
            "urn:g:broken",
        )
        .unwrap();
        store.load(&[broken]).unwrap();
        let options = checked_by(Some(&shapes));
        let label = "INSERT DATA { GRAPH <urn:g:broken> { <urn:ex:bad> rdfs:label \"bad\"@en } }";
        let updated = update(&store, "u", label, options).unwrap();
        assert_eq!(updated.changed.len(), 1);
        assert!(!updated.already.is_empty());
        assert!(updated
            .already
            .iter()
            .all(|v| v.focus.to_string() == "<urn:ex:bad>"));
        let another = "INSERT DATA { GRAPH <urn:g:broken> { <urn:ex:worse> a cg:Allegation } }";
        let options = checked_by(Some(&shapes));
        let Err(UpdateError::Store(store::UpdateError::Invalid { report })) =
            update(&store, "u", another, options)
        else {
            panic!("refused")
        };
        assert!(!report.results.is_empty());
        assert!(report
            .results
            .iter()
            .all(|v| v.focus.to_string() == "<urn:ex:worse>"));
    }

    /// `INSERT DATA` and `DELETE DATA` applied from their text land as the evaluator lands them:
    /// the same quads, and the same sizes for the graphs changed, though those are read from
    /// the metadata graph's records rather than counted.
    #[test]
    fn data_updates_land_as_evaluated_ones_do() {
        let steps = "DELETE DATA { GRAPH <urn:g:1> { <urn:a> <urn:p> \"gone\" } } ; \
            INSERT DATA { GRAPH <urn:g:1> { <urn:a> <urn:p> \"1\" . <urn:a> <urn:p> \"2\" . \
                <urn:z> <urn:p> \"kept\" } } ; \
            DELETE DATA { GRAPH <urn:g:1> { <urn:a> <urn:p> \"2\" } \
                GRAPH <urn:g:2> { <urn:x> <urn:p> <urn:y> } } ; \
            INSERT DATA { GRAPH <urn:g:2> { <urn:c> <urn:p> <urn:d> } \
                GRAPH <urn:g:1> { <urn:a> <urn:p> \"2\" } GRAPH <urn:g:3> { <urn:n> <urn:p> 3 } } ; \
            DELETE DATA { GRAPH <urn:g:2> { <urn:never> <urn:p> <urn:there> } }";
        // The same, made to go through the evaluator by an operation that writes nothing.
        let evaluated = format!(
            "{steps} ; INSERT {{ GRAPH <urn:g:1> {{ ?s ?p ?o }} }} WHERE {{ FILTER(false) }}"
        );
        let landed = |text: &str| {
            let store = ClaimStore::in_memory().unwrap();
            let source = |name: &str, text: &str, graph: &str| {
                crate::ingest::Source::from_bytes(
                    name.to_owned(),
                    text.as_bytes().to_vec(),
                    oxigraph::io::RdfFormat::NTriples,
                    graph,
                )
                .unwrap()
            };
            store
                .load(&[
                    source(
                        "1.nt",
                        "<urn:a> <urn:p> \"gone\" .\n<urn:z> <urn:p> \"kept\" .",
                        "urn:g:1",
                    ),
                    source(
                        "2.nt",
                        "<urn:x> <urn:p> <urn:y> .\n<urn:x> <urn:p> <urn:w> .",
                        "urn:g:2",
                    ),
                ])
                .unwrap();
            let options = checked_by(None);
            let updated = update(&store, "u", text, options).unwrap();
            let dump = store.dump_nquads().unwrap();
            let mut data: Vec<&str> = dump
                .lines()
                .filter(|line| !line.contains(crate::bundled::METADATA_GRAPH))
                .collect();
            data.sort_unstable();
            let data = data.join("\n");
            (updated.changed, data)
        };
        let (changed, data) = landed(steps);
        assert_eq!(
            changed
                .iter()
                .map(|(graph, n)| format!("{graph} {n}"))
                .collect::<Vec<_>>(),
            ["<urn:g:1> 3", "<urn:g:2> 2", "<urn:g:3> 1"]
        );
        assert_eq!((changed, data), landed(&evaluated));
    }

    #[test]
    fn an_explicit_dataset_replaces_the_union() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load_with_schema(&crate::bundled::data_sources())
            .unwrap();
        let ontology = NamedNode::new(crate::bundled::ONTOLOGY_GRAPH).unwrap();
        let ask = |graphs: Graphs<'_>| {
            let answer = execute_on(
                &store,
                graphs,
                "q",
                "ASK { ?s a cg:Allegation }",
                Limits::default(),
            );
            matches!(answer.unwrap().results, QueryResults::Boolean(true))
        };
        let all = Selection::default();
        assert!(ask(Graphs::Selected(&all)));
        let only_ontology = [ontology];
        assert!(!ask(Graphs::Explicit {
            default: &only_ontology,
            named: &[],
        }));
    }
}
