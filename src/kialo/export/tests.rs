use super::*;
use crate::ingest::{Format, Source};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, Quad};
use std::collections::BTreeSet;

const GRAPH: &str = "https://example.org/d";

fn example(name: &str) -> String {
    let path = format!(
        "{}/crates/kialo/tests/examples/{name}",
        manifest_dir().display()
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn store_of(sources: &[Source]) -> ClaimStore {
    let store = ClaimStore::in_memory().unwrap();
    store.load_with_schema(sources).unwrap();
    store
}

fn kialo_source(text: &str) -> Source {
    Source::from_bytes("d.txt", text.as_bytes().to_vec(), Format::Kialo, GRAPH)
        .unwrap()
        .with_language("en")
        .unwrap()
}

fn graph_quads(store: &ClaimStore) -> BTreeSet<String> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(GRAPH));
    store
        .oxigraph()
        .unwrap()
        .iter()
        .map(Result::unwrap)
        .filter(|q: &Quad| q.graph_name == graph)
        .map(|q| q.to_string())
        .collect()
}

fn export(store: &ClaimStore, focus: Option<&NamedNode>) -> String {
    let mut out = Vec::new();
    write(store, focus, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_loaded_discussion_exports_to_the_same_tree_and_loads_back_to_the_same_triples() {
    for name in ["single-thesis.txt", "multi-thesis.txt", "continuation.txt"] {
        let original = example(name);
        let store = store_of(&[kialo_source(&original)]);
        let text = export(&store, None);
        let (before, after) = (
            ::kialo::parse(&original).unwrap(),
            ::kialo::parse(&text).unwrap(),
        );
        assert_eq!(after.title, before.title, "{name}");
        assert_eq!(after.outline(), before.outline(), "{name}:\n{text}");
        assert_eq!(after.sources, before.sources, "{name}");
        let again = store_of(&[kialo_source(&text)]);
        assert_eq!(graph_quads(&again), graph_quads(&store), "{name}");
    }
}

/// Claims and responses without tree paths, a cycle and a claim answering twice among them.
const UNNUMBERED: &str = r#"
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix : <https://example.org/d#> .
:reader a cg:Actor ; rdfs:label "reader"@en .
:a a cg:Claim ; cg:statement "A"@en ; rdfs:label "A"@en .
:b a cg:Claim ; cg:statement "B"@en ; rdfs:label "B"@en .
:c a cg:Claim ; cg:statement "C"@zh ; rdfs:label "C"@zh .
:r1 a cg:Rebuttal ; cg:fromClaim :b ; cg:toClaim :a ; cg:interpretedBy :reader .
:r2 a cg:Support ; cg:fromClaim :c ; cg:toClaim :a ; cg:interpretedBy :reader .
:r3 a cg:Undercut ; cg:fromClaim :c ; cg:toClaim :b ; cg:interpretedBy :reader .
:r4 a cg:Support ; cg:fromClaim :a ; cg:toClaim :c ; cg:interpretedBy :reader .
:r5 a cg:Rephrase ; cg:fromClaim :b ; cg:toClaim :c ; cg:interpretedBy :reader .
"#;

#[test]
fn the_tree_below_a_focus_is_numbered_afresh_with_links_for_claims_met_again() {
    let source =
        Source::from_bytes("u.ttl", UNNUMBERED.as_bytes(), RdfFormat::Turtle, GRAPH).unwrap();
    let store = store_of(&[source]);
    let (discussion, written) = discussion(
        &store,
        Some(&NamedNode::new_unchecked(format!("{GRAPH}#a"))),
    )
    .unwrap();
    assert_eq!(
        written,
        Written { left_out: 1 },
        "the rephrase has no stance"
    );
    assert_eq!(
        discussion.to_text(),
        "Discussion Title: A\n\n1. A\n1.1. Con: B\n1.1.1. Con: C\n1.1.1.1. Pro: -> See 1.\n1.2. Pro: -> See 1.1.1.\n"
    );
    let error = super::discussion(&store, None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "no Kialo discussion in what is exported (a Kialo export holds one: name a claim with --focus, or one discussion's graph with --graph)"
    );
}

/// The package's directory as cargo gives it to the running test, not as it was at compile
/// time: a build directory shared between checkouts can run a test compiled in another one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .expect("run by cargo")
        .into()
}
