//! Name resolution (`ArgumentGraph::find`) on arbitrary strings, over a small graph built by
//! hand.
//!
//! Checks: no panic; a claim found is named by the string (its IRI, or the IRI ends with
//! `/name` or `#name`); none found means none is so named; a full IRI finds that claim, even
//! when another IRI ends with it; the empty string names nothing.
#![no_main]

use claimgraph::analysis::{ArgumentGraph, ClaimNode};
use libfuzzer_sys::fuzz_target;

const IRIS: &[&str] = &[
    "https://example.org/data/c-one",
    "https://example.org/data#c-two",
    "https://example.org/other/c-one",
    "urn:claim:c-three",
    "https://example.org/data/",
    "https://example.org/x/https://example.org/y",
    "https://example.org/y",
    "https://example.org/data/中文",
];

fn graph() -> ArgumentGraph {
    let mut graph = ArgumentGraph::default();
    for iri in IRIS {
        graph.graph.add_node(ClaimNode {
            iri: (*iri).to_owned(),
            label: (*iri).to_owned(),
            ..Default::default()
        });
    }
    graph
}

/// Whether `name` names the claim with this IRI (the empty string names none).
fn names(iri: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    iri == name
        || iri
            .strip_suffix(name)
            .is_some_and(|rest| rest.ends_with('/') || rest.ends_with('#'))
}

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    let graph = graph();
    let found = graph.find(name);
    match found {
        Some(n) => assert!(names(&graph.graph[n].iri, name), "{name:?}"),
        None => assert!(!IRIS.iter().any(|iri| names(iri, name)), "{name:?}"),
    }
    // Set CLAIMGRAPH_FUZZ_KNOWN=skip to look past these two findings while they are not fixed.
    let known = std::env::var_os("CLAIMGRAPH_FUZZ_KNOWN").is_some();
    if let Some(exact) = IRIS.iter().position(|iri| *iri == name) {
        if !known {
            assert_eq!(
                found.map(|n| n.index()),
                Some(exact),
                "a full IRI finds its claim"
            );
        }
    }
    if name.is_empty() && !known {
        assert_eq!(found, None, "the empty string names nothing");
    }
});
