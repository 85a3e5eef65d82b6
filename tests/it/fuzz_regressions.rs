//! Inputs the fuzz targets in `fuzz/` found, each replayed on the library with the behaviour it
//! must have. Ordinary tests: no nightly, no cargo-fuzz. A test is named after its target and
//! the artifact (`TARGET-KIND-HASH`) it came from. What `crates/argsem/fuzz/` finds is replayed
//! in `crates/argsem/tests/fuzz_regressions.rs`.

/// A graph of claims with these IRIs, nothing else, for `ArgumentGraph::find`.
fn claims(iris: &[&str]) -> claimgraph::analysis::ArgumentGraph {
    let mut graph = claimgraph::analysis::ArgumentGraph::default();
    for iri in iris {
        graph.graph.add_node(claimgraph::analysis::ClaimNode {
            iri: (*iri).to_owned(),
            label: (*iri).to_owned(),
            ..Default::default()
        });
    }
    graph
}

/// `find/crash-da39a3ee5e6b4b0d3255bfef95601890afd80709`: the empty name. It matched any IRI
/// that ends with `/` or `#` (`"https://example.org/data/".ends_with("/")`); it names nothing.
#[test]
fn find_crash_da39a3ee_empty_name() {
    let graph = claims(&[
        "https://example.org/data/c-one",
        "https://example.org/data/",
    ]);
    assert_eq!(graph.find(""), None);
    assert_eq!(graph.find("c-one").map(|n| n.index()), Some(0));
}

/// `find/crash-267abdd61de96d08cdce8196efa90a62f83d085b`: a full IRI,
/// `https://example.org/y`, found `https://example.org/x/https://example.org/y` first, whose
/// IRI ends with `/` and the name. An exact IRI must find its own claim, whatever the order.
#[test]
fn find_crash_267abdd6_full_iri_finds_its_own_claim() {
    let graph = claims(&[
        "https://example.org/x/https://example.org/y",
        "https://example.org/y",
    ]);
    assert_eq!(
        graph.find("https://example.org/y").map(|n| n.index()),
        Some(1)
    );
}
