//! The AIF reader (`claimgraph::aif::Map`) on arbitrary bytes, read as a map and turned into
//! quads.
//!
//! Checks: no panic; a map that is accepted writes every quad into the graph it was given, and
//! one claim per I-node.
#![no_main]

use claimgraph::aif::Map;
use claimgraph::vocab::class;
use libfuzzer_sys::fuzz_target;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, NamedNode, Term};

fuzz_target!(|data: &[u8]| {
    let Ok(map) = Map::from_json("fuzz.json", data) else {
        return;
    };
    let graph = NamedNode::new_unchecked("urn:fuzz:map");
    let Ok(quads) = map.to_quads("fuzz.json", &graph, "en") else {
        return;
    };
    assert!(quads
        .iter()
        .all(|q| q.graph_name == GraphName::NamedNode(graph.clone())));
    let claims = quads
        .iter()
        .filter(|q| q.predicate == rdf::TYPE && q.object == Term::from(class::CLAIM))
        .count();
    let i_nodes = map.nodes.iter().filter(|n| n.kind == "I").count();
    assert_eq!(claims, i_nodes, "one claim per I-node");
});
