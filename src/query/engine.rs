//! Queries sent to a SPARQL engine (`--endpoint`): their dataset named apart, as the protocol
//! names it, since engines disagree on what their default graph holds; their text rewritten,
//! without changing what they mean, around the engines' known faults; `SERVICE` refused unless
//! allowed, as on the embedded store.

use super::{Answer, Graphs, Limits, QueryError};
use crate::bundled;
use crate::store::remote::{self, Remote};
use crate::store::RemoteError;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, Variable};
use spargebra::algebra::{Expression, GraphPattern as P};
use spargebra::term::{GroundTerm, NamedNodePattern, TermPattern};
use std::time::Duration;

/// A path closure larger than this stays a path: the engine's own answer is sent for, and
/// Virtuoso refuses `VALUES` of a few thousand terms.
const CLOSURE_LIMIT: usize = 1_000;

/// [`execute_on`](super::execute_on) on a SPARQL engine: the query sent with its dataset named, as the protocol
/// names it, since engines disagree on what their default graph holds.
pub(super) fn answer(
    remote: &Remote,
    graphs: Graphs<'_>,
    mut parsed: spargebra::Query,
    limits: Limits,
) -> Result<Answer, QueryError> {
    if let (false, Some(service)) = (limits.service, service(&parsed)) {
        // The engine would call it, where the embedded store answers from itself alone.
        return Err(QueryError::Evaluation(
            QueryEvaluationError::UnsupportedService(service),
        ));
    }
    let timeout = limits.timeout;
    let error = |e: RemoteError| QueryError::remote(e, timeout);
    let dataset = match graphs {
        Graphs::Selected(selection) if selection.is_all() => {
            let all = remote.graphs().map_err(error)?;
            remote::Graphs {
                default: all.clone(),
                named: all,
            }
        }
        Graphs::Selected(selection) => {
            let some: Vec<NamedNode> = selection.graphs().cloned().collect();
            remote::Graphs {
                default: some.clone(),
                named: some,
            }
        }
        Graphs::Explicit { default, named } => remote::Graphs {
            default: default.to_vec(),
            named: named.to_vec(),
        },
    };
    let (form, pattern) = match &mut parsed {
        spargebra::Query::Select {
            dataset, pattern, ..
        }
        | spargebra::Query::Ask {
            dataset, pattern, ..
        } => {
            *dataset = None;
            (remote::Form::Results, pattern)
        }
        spargebra::Query::Construct {
            dataset, pattern, ..
        }
        | spargebra::Query::Describe {
            dataset, pattern, ..
        } => {
            *dataset = None;
            (remote::Form::Triples, pattern)
        }
    };
    blank_nodes_as_variables(pattern);
    let mut dataset = dataset;
    if dataset.default.is_empty() {
        // No graph at all: a graph that holds nothing, never the engine's own default graph.
        dataset
            .default
            .push(NamedNode::new_unchecked(bundled::METADATA_GRAPH));
    }
    unnamed_graphs_empty(pattern, &dataset.named);
    paths_as_values(pattern, remote, &dataset, timeout).map_err(error)?;
    if remote.is_virtuoso() && has_path(pattern) {
        return on_a_copy(remote, parsed, &dataset, limits);
    }
    let results = remote
        .query(&parsed.to_string(), form, &dataset, timeout)
        .map_err(error)?;
    Ok(Answer {
        results,
        timeout,
        _deadline: None,
    })
}

/// Turns the blank nodes of a query's patterns into variables, which mean the same there: the
/// parser writes each step of a sequence path (`a/rdfs:subClassOf*`) as a triple pattern
/// through a blank node. Sent so, engines take such patterns as they come, where Virtuoso
/// answers a sequence path after a `*` path with no rows at all, and refuses a blank node as
/// the subject of a `*` path. The query goes as parsed (with full IRIs, so the predeclared
/// prefixes need no declaring), and its dataset apart.
fn blank_nodes_as_variables(pattern: &mut P) {
    fn term(term: &mut TermPattern) {
        if let TermPattern::BlankNode(node) = term {
            let label = node
                .as_str()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "_");
            *term = TermPattern::Variable(Variable::new_unchecked(format!("_b{label}")));
        }
    }
    match pattern {
        P::Bgp { patterns } => {
            for triple in patterns {
                term(&mut triple.subject);
                term(&mut triple.object);
            }
        }
        P::Path {
            subject, object, ..
        } => {
            term(subject);
            term(object);
        }
        other => inside_mut(other)
            .into_iter()
            .for_each(blank_nodes_as_variables),
    }
}

/// The patterns directly inside a pattern, as references or mutable references alike: one list
/// of the kinds that hold others, for [`inside`] and [`inside_mut`].
macro_rules! inside {
    ($pattern:expr) => {
        match $pattern {
            P::Bgp { .. } | P::Path { .. } | P::Values { .. } => Vec::new(),
            P::Join { left, right }
            | P::LeftJoin { left, right, .. }
            | P::Union { left, right }
            | P::Minus { left, right }
            | P::Lateral { left, right } => vec![left, right],
            P::Filter { inner, .. }
            | P::Graph { inner, .. }
            | P::Extend { inner, .. }
            | P::OrderBy { inner, .. }
            | P::Project { inner, .. }
            | P::Distinct { inner }
            | P::Reduced { inner }
            | P::Slice { inner, .. }
            | P::Group { inner, .. }
            | P::Service { inner, .. } => vec![inner],
        }
    };
}

/// The patterns directly inside `pattern`, for walks that treat most kinds alike.
fn inside(pattern: &P) -> Vec<&P> {
    inside!(pattern).into_iter().map(|p| &**p).collect()
}

/// [`inside`], to change.
fn inside_mut(pattern: &mut P) -> Vec<&mut P> {
    inside!(pattern).into_iter().map(|p| &mut **p).collect()
}

/// The endpoint that the query calls with `SERVICE`, if it calls one anywhere.
fn service(query: &spargebra::Query) -> Option<NamedNode> {
    fn walk(pattern: &P) -> Option<NamedNode> {
        match pattern {
            P::Service { name, .. } => Some(match name {
                NamedNodePattern::NamedNode(name) => name.clone(),
                NamedNodePattern::Variable(_) => NamedNode::new_unchecked("urn:claimgraph:any"),
            }),
            other => inside(other).into_iter().find_map(walk),
        }
    }
    let pattern = match query {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => pattern,
    };
    // A SERVICE within EXISTS is not in the pattern tree, but the text names it.
    walk(pattern).or_else(|| {
        query
            .to_string()
            .contains("SERVICE")
            .then(|| NamedNode::new_unchecked("urn:claimgraph:any"))
    })
}

/// Replaces each property path with one end fixed and the other a variable (`?t
/// rdfs:subClassOf* cg:Attack`) by the values the engine finds for that variable, asked for
/// alone: Virtuoso 7.2 answers a query that joins an `rdfs:subClassOf*` path with a use of
/// `lang()` or `str()` with no rows at all, while it answers the path alone correctly. The
/// same values, so the same answer, on every engine; paths inside `GRAPH` (another dataset)
/// and closures larger than [`CLOSURE_LIMIT`] are sent as they are.
fn paths_as_values(
    pattern: &mut P,
    remote: &Remote,
    dataset: &remote::Graphs,
    timeout: Option<Duration>,
) -> Result<(), RemoteError> {
    match pattern {
        P::Path {
            subject, object, ..
        } => {
            let variable = match (&*subject, &*object) {
                (TermPattern::Variable(v), TermPattern::NamedNode(_) | TermPattern::Literal(_))
                | (TermPattern::NamedNode(_) | TermPattern::Literal(_), TermPattern::Variable(v)) => {
                    v.clone()
                }
                _ => return Ok(()),
            };
            let alone = spargebra::Query::Select {
                dataset: None,
                pattern: P::Distinct {
                    inner: Box::new(P::Project {
                        inner: Box::new(pattern.clone()),
                        variables: vec![variable.clone()],
                    }),
                },
                base_iri: None,
            };
            let QueryResults::Solutions(rows) =
                remote.query(&alone.to_string(), remote::Form::Results, dataset, timeout)?
            else {
                return Ok(());
            };
            let mut bindings = Vec::new();
            for row in rows {
                let row =
                    row.map_err(|e| remote::remote_cause(remote.url(), "SPARQL JSON results", e))?;
                let value = match row.get(&variable) {
                    Some(Term::NamedNode(n)) => GroundTerm::NamedNode(n.clone()),
                    Some(Term::Literal(l)) => GroundTerm::Literal(l.clone()),
                    // A blank node cannot be written in VALUES: the path stays.
                    _ => return Ok(()),
                };
                bindings.push(vec![Some(value)]);
                if bindings.len() > CLOSURE_LIMIT {
                    return Ok(());
                }
            }
            *pattern = P::Values {
                variables: vec![variable],
                bindings,
            };
            Ok(())
        }
        P::Graph { .. } | P::Service { .. } => Ok(()),
        other => inside_mut(other)
            .into_iter()
            .try_for_each(|inner| paths_as_values(inner, remote, dataset, timeout)),
    }
}

/// Replaces each `GRAPH <iri> { … }` whose graph is not among the dataset's named graphs by
/// the empty pattern that it means: Virtuoso reads such a graph all the same, even one that
/// claimgraph never published (a load's staging graph) or its own system graphs.
fn unnamed_graphs_empty(pattern: &mut P, named: &[NamedNode]) {
    match pattern {
        P::Graph {
            name: NamedNodePattern::NamedNode(graph),
            ..
        } if !named.contains(graph) => {
            *pattern = P::Values {
                variables: Vec::new(),
                bindings: Vec::new(),
            };
        }
        P::Service { .. } => {}
        other => inside_mut(other)
            .into_iter()
            .for_each(|inner| unnamed_graphs_empty(inner, named)),
    }
}

/// Whether a property path is left in the pattern, outside `GRAPH`, `EXISTS` included.
fn has_path(pattern: &P) -> bool {
    let here = match pattern {
        P::Path { .. } => return true,
        P::Graph { .. } | P::Service { .. } => return false,
        P::LeftJoin {
            expression: Some(expression),
            ..
        }
        | P::Filter {
            expr: expression, ..
        }
        | P::Extend { expression, .. } => tests_path(expression),
        _ => false,
    };
    here || inside(pattern).into_iter().any(has_path)
}

/// Whether an expression holds an `EXISTS` with a property path.
fn tests_path(expression: &Expression) -> bool {
    crate::algebra::exists_in(expression)
        .into_iter()
        .any(has_path)
}

/// Evaluates `query` here, on a copy of the graphs it reads (each checked against the engine's
/// count): Virtuoso 7.2 answers queries that join a `*` or `+` path between two variables with
/// `OPTIONAL` parts and filters on `lang()` with rows missing or wrong, and no error (the
/// named query `responses` is one), so its answer to them is never asked for.
fn on_a_copy(
    remote: &Remote,
    query: spargebra::Query,
    dataset: &remote::Graphs,
    limits: Limits,
) -> Result<Answer, QueryError> {
    let unreadable = |e: oxigraph::store::StorageError| {
        QueryError::Evaluation(QueryEvaluationError::Dataset(Box::new(e)))
    };
    let mut graphs: Vec<NamedNode> = dataset
        .default
        .iter()
        .chain(&dataset.named)
        .cloned()
        .collect();
    graphs.sort();
    graphs.dedup();
    let known = remote
        .graphs()
        .map_err(|e| QueryError::Evaluation(remote::dataset_error(e)))?;
    graphs.retain(|g| known.contains(g));
    let copy = remote.copy(&graphs).map_err(unreadable)?;
    let graphs = Graphs::Explicit {
        default: &dataset.default,
        named: &dataset.named,
    };
    // As written, without `plan`'s two steps: in memory, a hash join over the whole copy costs
    // no more than lookups row by row.
    super::start(&copy, graphs, query, limits)
}
