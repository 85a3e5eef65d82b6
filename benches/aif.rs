//! Importing the AraucariaDB corpus (`data/aif-araucaria/`, 661 AIF maps) next to loading the
//! very same triples written as N-Triples, one graph per map in both.
//!
//! `cargo bench --bench aif [-- CLAIMS]` loads into in-memory stores, without validation (timed
//! on its own), so that the ratio isolates what reading AIF costs over reading RDF: JSON
//! parsing, the map's checks and the mapping to quads. The N-Triples are what the import
//! produced, so both loads end with byte-identical stores, which the benchmark checks before it
//! times. Then one big map: a generated controversy of CLAIMS claims (default 100,000) exported
//! as AIF, imported again, next to loading the same triples as N-Triples.

#[path = "support/mod.rs"]
mod support;

use claimgraph::aif::Map;
use claimgraph::ingest::{Format, Source};
use claimgraph::validate::Shapes;
use claimgraph::{aif, generate, ClaimStore};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedNode;
use std::path::Path;

fn main() {
    corpus();
    let claims = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    one_big_map(claims);
}

fn one_big_map(claims: usize) {
    let mut nt = Vec::new();
    generate::write(
        generate::Spec { claims, seed: 1 },
        RdfFormat::NTriples,
        &mut nt,
        |_| {},
    )
    .unwrap();
    let store = ClaimStore::in_memory().unwrap();
    let generated =
        Source::from_bytes("generated.nt", nt, RdfFormat::NTriples, "urn:bench:g").unwrap();
    store.load_with_schema(&[generated]).unwrap();
    let mut json = Vec::new();
    let export = support::median(3, || {
        json.clear();
        aif::export::write(&store, &mut json).unwrap()
    });
    let map = Source::from_bytes("map.json", json, Format::Aif, "urn:bench:map").unwrap();
    let quads: Vec<_> = map.quads().unwrap().map(Result::unwrap).collect();
    let mut nt = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for quad in &quads {
        nt.serialize_triple(quad.as_ref()).unwrap();
    }
    let triples = Source::from_bytes(
        "map.nt",
        nt.finish().unwrap(),
        RdfFormat::NTriples,
        "urn:bench:map",
    )
    .unwrap();
    let load = |source: &Source| {
        ClaimStore::in_memory()
            .unwrap()
            .load(std::slice::from_ref(source))
            .unwrap()
    };
    let aif = support::median(3, || load(&map));
    let nt = support::median(3, || load(&triples));
    println!(
        "{claims} generated claims: export as AIF {:.2} s ({} MiB); import {} quads: AIF JSON {:.2} s, N-Triples {:.2} s: {:.2}x",
        export.as_secs_f64(),
        map.content().len() >> 20,
        quads.len(),
        aif.as_secs_f64(),
        nt.as_secs_f64(),
        aif.as_secs_f64() / nt.as_secs_f64()
    );
}

fn corpus() {
    let dir = Path::new(&manifest_dir()).join("data/aif-araucaria");
    let mut maps = Vec::new();
    let mut triples = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the bundled corpus")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let graph = format!("urn:bench:{name}");
        let bytes = std::fs::read(path).unwrap();
        let quads = Map::from_json(&name, &bytes)
            .unwrap()
            .to_quads(&name, &NamedNode::new(&graph).unwrap(), "en")
            .unwrap();
        let mut nt = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
        for quad in &quads {
            nt.serialize_triple(quad.as_ref()).unwrap();
        }
        let aif = Source::from_bytes(name.clone(), bytes, Format::Aif, &graph)
            .unwrap()
            .with_language("en")
            .unwrap();
        let rdf =
            Source::from_bytes(name, nt.finish().unwrap(), RdfFormat::NTriples, &graph).unwrap();
        maps.push(aif);
        triples.push(rdf);
    }
    let load = |sources: &[Source]| {
        let store = ClaimStore::in_memory().unwrap();
        store.load(sources).unwrap();
        store
    };
    assert_eq!(
        load(&maps).dump_nquads().unwrap(),
        load(&triples).dump_nquads().unwrap(),
        "both loads give the same store"
    );
    let quads = load(&maps).len().unwrap();
    let bytes = |sources: &[Source]| sources.iter().map(|s| s.content().len()).sum::<usize>();
    println!(
        "{} maps, {quads} quads; {} KiB of AIF JSON, {} KiB of N-Triples",
        maps.len(),
        bytes(&maps) >> 10,
        bytes(&triples) >> 10
    );
    let runs = 9;
    let aif = support::median(runs, || load(&maps));
    let nt = support::median(runs, || load(&triples));
    println!(
        "load, no validation: AIF JSON {:.1} ms, N-Triples {:.1} ms: {:.2}x",
        aif.as_secs_f64() * 1e3,
        nt.as_secs_f64() * 1e3,
        aif.as_secs_f64() / nt.as_secs_f64()
    );
    let shapes = Shapes::bundled();
    let validated = |sources: &[Source]| {
        let store = ClaimStore::in_memory().unwrap();
        store
            .loader()
            .with_schema()
            .validate(&shapes)
            .load(sources)
            .unwrap();
    };
    let aif = support::median(3, || validated(&maps));
    let nt = support::median(3, || validated(&triples));
    println!(
        "load with the schema, validated: AIF JSON {:.0} ms, N-Triples {:.0} ms: {:.2}x",
        aif.as_secs_f64() * 1e3,
        nt.as_secs_f64() * 1e3,
        aif.as_secs_f64() / nt.as_secs_f64()
    );
}

/// The package's directory as cargo gives it to the running test, not as it was at compile
/// time: a build directory shared between checkouts can run a test compiled in another one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .expect("run by cargo")
        .into()
}
