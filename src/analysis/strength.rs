//! Gradual semantics over the claims of a store: each claim's strength in [0, 1] from its base
//! score and the strengths of the claims that attack and support it (see `argsem::gradual` for
//! the semantics, their papers and what they do on cycles).
//!
//! The framework is the argument graph read once: claims are arguments; attacks of every kind
//! (rebuttal, undercut, undermining, counter-accusation, attack) are attacks; supports and
//! premises are supports, as an AIF RA node makes its premises support its conclusion.
//! Rephrases, preferences and responses of no stated kind are not read, and are counted so that
//! the result can say so. Base scores come from the data by a [`BaseRule`] that describes
//! itself, and the description goes with every result, printed or stored.
//!
//! ```
//! use argsem::gradual::{BaseRule, Options, PopularityTable, Semantics};
//! use claimgraph::analysis::{strength, ArgumentGraph};
//! use claimgraph::{bundled, ClaimStore};
//!
//! let store = ClaimStore::in_memory()?;
//! store.load_with_schema(&bundled::data_sources())?;
//! let graph = ArgumentGraph::from_store(&store)?;
//! let rule = BaseRule::Likes(PopularityTable::default());
//! let assessed = strength::assess(&graph, Semantics::DfQuad, &rule, &Options::default());
//! let allegation = graph.find("c-distillation-attack").unwrap();
//! let value = assessed.strengths.values[allegation.index()].unwrap();
//! assert!((0.0..=1.0).contains(&value));
//! // The replies that attack it pull it below the neutral score it starts from.
//! assert!(value < assessed.bases[allegation.index()].0);
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use super::{ArgumentGraph, Link};
use crate::relation::Relation;
use crate::vocab::{class, concept, property};
use argsem::gradual::{
    self, Argument, BaseRule, Basis, Evidence, Framework, Options, Relation as Edge, Semantics,
    Strengths,
};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Triple};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

pub use crate::bundled::STRENGTH_GRAPH_PREFIX;

/// The named graph of `semantics`' strengths.
pub fn strength_graph(semantics: Semantics) -> NamedNode {
    NamedNode::new_unchecked(format!("{STRENGTH_GRAPH_PREFIX}{}", semantics.name()))
}

/// The ontology's concept for each semantics: the one table, read by what writes and what
/// reads strength graphs.
pub fn concept_of(semantics: Semantics) -> NamedNodeRef<'static> {
    match semantics {
        Semantics::HCategoriser => concept::H_CATEGORISER,
        Semantics::DfQuad => concept::DF_QUAD,
        Semantics::Qem => concept::QUADRATIC_ENERGY,
        Semantics::Euler => concept::EULER_BASED,
        Semantics::Social => concept::SOCIAL_ABSTRACT,
    }
}

/// How a link between claims enters a bipolar framework, if it does.
pub fn edge_of(link: &Link) -> Option<Edge> {
    match link.relation() {
        r if r.is_attack() => Some(Edge::Attack),
        Relation::Support | Relation::Premise => Some(Edge::Support),
        _ => None,
    }
}

/// A gradual semantics and a base rule, to compute strengths with whenever the graph is read
/// (as `serve` does after each update).
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The semantics.
    pub semantics: Semantics,
    /// Where base scores come from.
    pub rule: BaseRule,
}

impl Setting {
    /// The strengths of `graph`'s claims, with the default tolerance and cap.
    pub fn assess(&self, graph: &ArgumentGraph) -> Assessment {
        assess(graph, self.semantics, &self.rule, &Options::default())
    }
}

/// The strengths of every claim under one semantics, with what they were computed from.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// Each claim's strength, by node index, and how it was reached.
    pub strengths: Strengths,
    /// Each claim's base score and what it came from, by node index.
    pub bases: Vec<(f64, Basis)>,
    /// The base rule, in words.
    pub rule: String,
    /// Why some strengths are missing, when they are (see [`Strengths::reason`]).
    pub reason: Option<String>,
    /// Links the framework does not read: rephrases, preferences, responses of no kind.
    pub unread_links: usize,
}

/// The strengths of the claims of `graph` under `semantics`, base scores by `rule`.
///
/// Social semantics take their base scores from the rule too: a store holds likes, not votes
/// against, and scoring likes as votes (`v⁺ / (v⁺ + ε)`) is the trap the rule avoids.
///
/// # Complexity
/// `O(n + m)` to build the framework of `n` claims and `m` links, then [`gradual::strengths`]:
/// `O(n + m)` per update.
pub fn assess(
    graph: &ArgumentGraph,
    semantics: Semantics,
    rule: &BaseRule,
    options: &Options,
) -> Assessment {
    let mut framework: Framework<&str> =
        Framework::with_capacity(graph.graph.node_count(), graph.graph.edge_count());
    let mut bases = Vec::with_capacity(graph.graph.node_count());
    for claim in graph.graph.node_weights() {
        let words: Vec<&str> = claim
            .popularity
            .iter()
            .flat_map(|level| {
                let local = level.iri.rsplit(['#', '/']).next();
                [level.label.as_str()]
                    .into_iter()
                    .chain(local)
                    .chain(level.label_zh.as_deref())
            })
            .collect();
        let (base, basis) = rule.score(&Evidence {
            likes: claim.likes,
            thread_most_likes: claim.thread_most_likes,
            levels: &words,
        });
        framework.add_node(Argument::new(claim.label.as_str(), base));
        bases.push((base.get(), basis));
    }
    let mut unread_links = 0;
    for edge in graph.graph.edge_references() {
        match edge_of(edge.weight()) {
            Some(kind) => {
                framework.add_edge(edge.source(), edge.target(), kind);
            }
            None => unread_links += 1,
        }
    }
    let strengths = gradual::strengths(&framework, semantics, options);
    let reason = strengths.reason(&framework);
    Assessment {
        strengths,
        bases,
        rule: rule.describe(),
        reason,
        unread_links,
    }
}

impl Assessment {
    /// The assessment of the claims `keep` alone, numbered as [`ArgumentGraph::part`] numbers
    /// them: the strengths stay those of the whole graph.
    pub fn part(&self, keep: &std::collections::BTreeSet<NodeIndex>) -> Self {
        Self {
            strengths: Strengths {
                values: keep.iter().map(|&n| self.of(n)).collect(),
                outcome: self.strengths.outcome.clone(),
                ..self.strengths
            },
            bases: keep.iter().map(|n| self.bases[n.index()].clone()).collect(),
            rule: self.rule.clone(),
            reason: self.reason.clone(),
            unread_links: self.unread_links,
        }
    }

    /// The strength of one claim, where the semantics gives it one.
    pub fn of(&self, claim: NodeIndex) -> Option<f64> {
        self.strengths.values[claim.index()]
    }

    /// The strength graph's triples: the evaluation described (semantics, rule, tolerance,
    /// whether it converged), then `cg:strength` and `cg:baseScore` of each claim that has
    /// an IRI and a strength. A claim without a strength (no unique answer) is left out, never
    /// given a number.
    ///
    /// # Complexity
    /// `O(n)` for `n` claims.
    pub fn triples(&self, graph: &ArgumentGraph) -> Vec<Triple> {
        let evaluation = strength_graph(self.strengths.semantics);
        let mut triples = vec![
            Triple::new(evaluation.clone(), rdf::TYPE, class::STRENGTH_EVALUATION),
            Triple::new(
                evaluation.clone(),
                property::GRADUAL_SEMANTICS,
                concept_of(self.strengths.semantics),
            ),
            Triple::new(
                evaluation.clone(),
                property::BASE_RULE,
                Literal::new_simple_literal(&self.rule),
            ),
            Triple::new(
                evaluation.clone(),
                property::TOLERANCE,
                Literal::from(self.strengths.tolerance),
            ),
            Triple::new(
                evaluation,
                property::CONVERGED,
                Literal::from(self.strengths.converged()),
            ),
        ];
        for n in graph.graph.node_indices() {
            let (Some(value), Ok(claim)) = (self.of(n), NamedNode::new(&graph.graph[n].iri)) else {
                continue;
            };
            triples.push(Triple::new(
                claim.clone(),
                property::STRENGTH,
                Literal::from(value),
            ));
            triples.push(Triple::new(
                claim,
                property::BASE_SCORE,
                Literal::from(self.bases[n.index()].0),
            ));
        }
        triples
    }
}
