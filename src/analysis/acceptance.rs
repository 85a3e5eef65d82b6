//! Each claim's acceptance under an extension semantics, as triples for `analyze --write`: one
//! named graph per semantics ([`bundled::acceptance_graph`]), which describes itself as a
//! `cg:AcceptanceEvaluation` of its `cg:extensionSemantics` and holds `claim cg:acceptance
//! cg:ScepticallyAccepted|cg:CredulouslyAccepted|cg:Rejected` for every claim (grounded
//! semantics: `cg:groundedLabel cg:In|cg:Out|cg:Undecided`). One property for every semantics
//! lets SPARQL put a claim's standings side by side, the graph saying which is which, as
//! strength graphs do for gradual semantics.
//!
//! ```
//! use argsem::dung::Membership;
//! use argsem::reasoning::Semantics;
//! use claimgraph::analysis::{acceptance, ArgumentGraph};
//! use claimgraph::{bundled, vocab::concept, ClaimStore};
//!
//! let store = ClaimStore::in_memory()?;
//! store.load_with_schema(&bundled::data_sources())?;
//! let graph = ArgumentGraph::from_store(&store)?;
//! let standing = argsem::reasoning::membership(&graph.framework(), Semantics::Stable);
//! let standing = standing.expect("the controversy has a stable extension");
//! let mut triples = acceptance::description(Semantics::Stable, None);
//! triples.extend(acceptance::standing_triples(&graph, &standing));
//! let allegation = graph.find("c-distillation-attack").unwrap();
//! let iri = &graph.graph[allegation].iri;
//! assert!(triples.iter().any(|t| t.subject.to_string() == format!("<{iri}>")));
//! assert!(triples.iter().any(|t| t.object == concept::STABLE.into()));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use super::ArgumentGraph;
use crate::bundled;
use crate::vocab::{class, concept, property};
use argsem::dung::{Label, Membership};
use argsem::reasoning::Semantics;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Triple};
use petgraph::graph::NodeIndex;

/// The ontology's concept of each extension semantics: the one table, read by what writes
/// acceptance graphs and by what reads them.
pub fn concept_of(semantics: Semantics) -> NamedNodeRef<'static> {
    match semantics {
        Semantics::Grounded => concept::GROUNDED,
        Semantics::Complete => concept::COMPLETE,
        Semantics::Preferred => concept::PREFERRED,
        Semantics::Stable => concept::STABLE,
        Semantics::SemiStable => concept::SEMI_STABLE,
        Semantics::Stage => concept::STAGE,
        Semantics::Ideal => concept::IDEAL,
    }
}

/// The label concept of a claim's standing across the extensions.
pub fn concept_of_standing(standing: Membership) -> NamedNodeRef<'static> {
    match standing {
        Membership::All => concept::SCEPTICALLY_ACCEPTED,
        Membership::Some => concept::CREDULOUSLY_ACCEPTED,
        Membership::None => concept::REJECTED,
    }
}

/// A standing in one word, as `analyze` prints it.
pub fn word(standing: Membership) -> &'static str {
    match standing {
        Membership::All => "sceptical",
        Membership::Some => "credulous",
        Membership::None => "rejected",
    }
}

/// The acceptance graph's description of itself: a `cg:AcceptanceEvaluation` of `semantics`,
/// with its number of extensions where `count` gives it. Without extensions (stable semantics
/// can have none) the count is 0 and the graph states no claim's acceptance, since "in every
/// extension" would hold of every claim, vacuously.
pub fn description(semantics: Semantics, count: Option<u128>) -> Vec<Triple> {
    let evaluation = NamedNode::new_unchecked(bundled::acceptance_graph(semantics));
    let mut triples = vec![
        Triple::new(evaluation.clone(), rdf::TYPE, class::ACCEPTANCE_EVALUATION),
        Triple::new(
            evaluation.clone(),
            property::EXTENSION_SEMANTICS,
            concept_of(semantics),
        ),
    ];
    if let Some(count) = count {
        triples.push(Triple::new(
            evaluation,
            property::EXTENSION_COUNT,
            Literal::new_typed_literal(count.to_string(), xsd::NON_NEGATIVE_INTEGER),
        ));
    }
    triples
}

/// `claim cg:acceptance cg:ScepticallyAccepted|...` for every claim with an IRI, by node index
/// in `standing`, in `O(n)`.
pub fn standing_triples(graph: &ArgumentGraph, standing: &[Membership]) -> Vec<Triple> {
    claim_triples(graph, property::ACCEPTANCE, |n| {
        concept_of_standing(standing[n.index()])
    })
    .collect()
}

/// `claim cg:groundedLabel cg:In|cg:Out|cg:Undecided` for every claim, in `O(n)`: the grounded
/// graph holds these in place of `cg:acceptance`, since in/out/undecided tells more than in the
/// extension or not (`cg:In` is in it), and a million claims are written once, not twice.
pub fn grounded_triples(graph: &ArgumentGraph, labels: &[Label]) -> Vec<Triple> {
    claim_triples(graph, property::GROUNDED_LABEL, |n| {
        match labels[n.index()] {
            Label::In => concept::IN,
            Label::Out => concept::OUT,
            Label::Undecided => concept::UNDECIDED,
        }
    })
    .collect()
}

fn claim_triples<'a>(
    graph: &'a ArgumentGraph,
    predicate: NamedNodeRef<'static>,
    label: impl Fn(NodeIndex) -> NamedNodeRef<'static> + 'a,
) -> impl Iterator<Item = Triple> + 'a {
    graph.graph.node_indices().filter_map(move |n| {
        let claim = NamedNode::new(graph.graph[n].iri.as_str()).ok()?;
        Some(Triple::new(claim, predicate, label(n)))
    })
}
