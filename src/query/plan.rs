//! OPTIONALs evaluated row by row: a rewrite of a query's algebra, to the same answers, around
//! a choice of Oxigraph's optimiser that makes the main job's cost grow with the store rather
//! than with its answer.
//!
//! Oxigraph joins an `OPTIONAL` by building a hash table of its pattern evaluated over the
//! whole store, then probing it with each row it extends, unless it can tell that the rows are
//! few. The `responses` query extends a few thousand rows with a claim's quote, likes, scheme
//! and claimant: building those tables read every quote, scheme and claimant in the store, 90%
//! of its time at 62,500 claims, and more at every size.
//!
//! So where a query's answer needs all its rows anyway (it groups or orders them) and its
//! pattern is a required part extended by `OPTIONAL`s, the required part is evaluated first,
//! and its solutions are handed to the `OPTIONAL`s as a `VALUES` block. A pattern and the
//! `VALUES` of its solutions mean the same, and with rows it can count, the optimiser
//! evaluates each `OPTIONAL` once per row, by index lookups.
//!
//! The rewrite stands aside, and the query is evaluated as written, where it could change an
//! answer or cost more: a solution holding a blank node (which `VALUES` cannot hold), a filter
//! above the `OPTIONAL`s (it may read what they bind), more than [`ROWS`] required rows; and
//! the caller does not ask for it on a store of fewer than
//! [`SMALL`](crate::store::SMALL) quads, where Oxigraph's hash joins read little and the two
//! steps cost a tenth of the answers a second.

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolutionIter};
use spargebra::algebra::GraphPattern;
use spargebra::term::GroundTerm;
use spargebra::Query;

/// Required rows beyond which a query is evaluated as written: the rewrite holds them all in
/// memory, and beyond a few hundred thousand rows a hash join costs no more than lookups.
pub(super) const ROWS: usize = 500_000;

/// The required part of `query` that would be evaluated first: `Some` when the rewrite
/// applies to its shape.
pub(super) fn required(query: &Query) -> Option<Query> {
    with_pattern(query, |pattern| {
        let core = core(pattern, false)?;
        let mut variables = Vec::new();
        core.on_in_scope_variable(|v| {
            if !variables.contains(v) {
                variables.push(v.clone());
            }
        });
        Some(GraphPattern::Project {
            inner: Box::new(core.clone()),
            variables,
        })
    })
}

/// `query` with its required part replaced by the `VALUES` of `solutions`, the answers of
/// [`required`]'s query; `None`, to evaluate the query as written, when a solution holds what
/// `VALUES` cannot, there are more than [`ROWS`], or evaluating them failed.
pub(super) fn with_values(query: &Query, solutions: QueryResults<'_>) -> Option<Query> {
    let QueryResults::Solutions(solutions) = solutions else {
        return None;
    };
    let values = values(solutions)?;
    with_pattern(query, |pattern| Some(replace_core(pattern, values, false)))
}

/// A `SELECT` query like `query`, with the pattern `change` makes of its own.
fn with_pattern(
    query: &Query,
    change: impl FnOnce(&GraphPattern) -> Option<GraphPattern>,
) -> Option<Query> {
    let Query::Select {
        dataset,
        pattern,
        base_iri,
    } = query
    else {
        return None;
    };
    Some(Query::Select {
        dataset: dataset.clone(),
        pattern: change(pattern)?,
        base_iri: base_iri.clone(),
    })
}

fn values(solutions: QuerySolutionIter<'_>) -> Option<GraphPattern> {
    let variables = solutions.variables().to_vec();
    let mut bindings = Vec::new();
    for solution in solutions {
        let solution = solution.ok()?;
        if bindings.len() == ROWS {
            return None;
        }
        let row = variables
            .iter()
            .map(|v| match solution.get(v) {
                None => Some(None),
                Some(Term::NamedNode(n)) => Some(Some(GroundTerm::NamedNode(n.clone()))),
                Some(Term::Literal(l)) => Some(Some(GroundTerm::Literal(l.clone()))),
                Some(_) => None,
            })
            .collect::<Option<Vec<_>>>()?;
        bindings.push(row);
    }
    Some(GraphPattern::Values {
        variables,
        bindings,
    })
}

/// Below the modifiers that need every row (a grouping or an ordering among them), the part
/// that one or more `OPTIONAL`s extend.
fn core(pattern: &GraphPattern, blocking: bool) -> Option<&GraphPattern> {
    match pattern {
        GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Extend { inner, .. }
        // A slice may stop early, but not above an ordering or a grouping, which need every
        // row first: below those, `blocking` says so.
        | GraphPattern::Slice { inner, .. } => core(inner, blocking),
        GraphPattern::OrderBy { inner, .. } | GraphPattern::Group { inner, .. } => {
            core(inner, true)
        }
        GraphPattern::LeftJoin { left, .. } if blocking => Some(leftmost(left)),
        _ => None,
    }
}

/// The pattern under a chain of `OPTIONAL`s.
fn leftmost(pattern: &GraphPattern) -> &GraphPattern {
    match pattern {
        GraphPattern::LeftJoin { left, .. } => leftmost(left),
        other => other,
    }
}

/// `pattern` with the part [`core`] finds replaced by `values`; `optional` when `pattern` is the
/// left side of an `OPTIONAL`.
fn replace_core(pattern: &GraphPattern, values: GraphPattern, optional: bool) -> GraphPattern {
    if optional && !matches!(pattern, GraphPattern::LeftJoin { .. }) {
        return values;
    }
    // Each kind below has one pattern on the way down, so `values` (up to [`ROWS`] rows) is
    // moved down once, never copied.
    let boxed = |inner: &GraphPattern, values| Box::new(replace_core(inner, values, false));
    match pattern {
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: boxed(inner, values),
            variables: variables.clone(),
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: boxed(inner, values),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: boxed(inner, values),
        },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: boxed(inner, values),
            variable: variable.clone(),
            expression: expression.clone(),
        },
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: boxed(inner, values),
            start: *start,
            length: *length,
        },
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: boxed(inner, values),
            expression: expression.clone(),
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: boxed(inner, values),
            variables: variables.clone(),
            aggregates: aggregates.clone(),
        },
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => GraphPattern::LeftJoin {
            left: Box::new(replace_core(left, values, true)),
            right: right.clone(),
            expression: expression.clone(),
        },
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{evaluate, parser, start, Graphs, Limits};
    use crate::store::{ClaimStore, Selection};
    use oxigraph::store::Store;

    /// The bundled controversy and a generated one, where hedges are blank nodes.
    fn store() -> Store {
        let store = ClaimStore::in_memory().unwrap();
        store.load_bundled_and_generated(1_500, 12);
        store.oxigraph().unwrap()
    }

    /// Every row, in order, as text. A `GROUP_CONCAT` joins its values in no order that SPARQL
    /// defines (Oxigraph's follows its plan), so joined values are sorted.
    fn rows(store: &Store, query: Query, rewrite: bool) -> Vec<Vec<Option<String>>> {
        let all = Selection::default();
        let answer = if rewrite {
            evaluate(store, Graphs::Selected(&all), query, Limits::default())
        } else {
            start(store, Graphs::Selected(&all), query, Limits::default())
        };
        let QueryResults::Solutions(solutions) = answer.unwrap().results else {
            panic!("a SELECT query")
        };
        let variables = solutions.variables().to_vec();
        solutions
            .map(|s| {
                let s = s.unwrap();
                variables
                    .iter()
                    .map(|v| {
                        s.get(v).map(|term| match term {
                            Term::Literal(l) if l.value().contains(", ") => {
                                let mut parts: Vec<&str> = l.value().split(", ").collect();
                                parts.sort_unstable();
                                format!("{:?}@{:?}", parts, l.language())
                            }
                            other => other.to_string(),
                        })
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rewritten_queries_answer_row_for_row_as_written() {
        let store = store();
        let queries = crate::bundled::NAMED_QUERIES
            .iter()
            // Whether each is rewritten, where the test says so.
            .map(|q| (q.name, q.text, (q.name == "responses").then_some(true)))
            .chain([
                (
                    "optional counts, ordered and cut",
                    "SELECT ?c (SAMPLE(?l) AS ?label) (COUNT(?q) AS ?quotes) WHERE { \
                     { ?c a cg:Claim } OPTIONAL { ?q cg:expresses ?c } \
                     OPTIONAL { ?c rdfs:label ?l FILTER(lang(?l) = \"en\") } \
                     } GROUP BY ?c ORDER BY DESC(?quotes) ?c LIMIT 40",
                    Some(true),
                ),
                (
                    "blank nodes among the required rows",
                    "SELECT ?h ?w WHERE { ?h a cg:Hedge OPTIONAL { ?h cg:wording ?w } } \
                     ORDER BY ?w ?h",
                    Some(true),
                ),
                (
                    "a filter above the OPTIONAL",
                    "SELECT ?c WHERE { ?c a cg:Claim OPTIONAL { ?c cg:claimant ?by } \
                     FILTER(!BOUND(?by)) } ORDER BY ?c",
                    Some(false),
                ),
                (
                    "rows streamed, not ordered",
                    "SELECT ?c ?by WHERE { ?c a cg:Claim OPTIONAL { ?c cg:claimant ?by } } \
                     LIMIT 5",
                    Some(false),
                ),
            ]);
        let mut rewritten = 0;
        for (name, text, applies) in queries {
            let query = parser().parse_query(text).unwrap();
            if let Some(applies) = applies {
                assert_eq!(required(&query).is_some(), applies, "{name}");
            }
            let as_written = rows(&store, query.clone(), false);
            if name == "responses" || name.starts_with("optional") {
                assert!(as_written.len() > 20, "{name}: {} rows", as_written.len());
                rewritten += 1;
            }
            assert!(
                rows(&store, query, true) == as_written,
                "{name}: the rewrite changed the answer"
            );
        }
        assert_eq!(rewritten, 2);
    }

    #[test]
    fn the_responses_query_answers_as_it_was_first_written() {
        let store = store();
        let first = include_str!("../../tests/fixtures/queries/responses-as-first-written.rq");
        let now = crate::query::named_query("responses").unwrap().text;
        let first = rows(&store, parser().parse_query(first).unwrap(), false);
        assert!(first.len() > 100, "{} rows", first.len());
        assert!(first == rows(&store, parser().parse_query(now).unwrap(), true));
    }

    #[test]
    fn a_blank_node_among_the_required_rows_leaves_the_query_as_written() {
        let store = store();
        let query = parser()
            .parse_query(
                "SELECT ?h ?w WHERE { ?h a cg:Hedge OPTIONAL { ?h cg:wording ?w } } ORDER BY ?w",
            )
            .unwrap();
        let required = required(&query).unwrap();
        let all = Selection::default();
        let answer = start(&store, Graphs::Selected(&all), required, Limits::default()).unwrap();
        assert!(with_values(&query, answer.results).is_none());
    }
}
