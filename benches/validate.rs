//! A validated first load beside the same load unvalidated, and beside the same validation by
//! the SHACL engine alone, without the native screen that clears the nodes that certainly
//! conform.
//!
//! `cargo bench --bench validate [-- CLAIMS...]` generates CLAIMS claims (default 10,000 and
//! 100,000) as N-Triples and loads them with the bundled ontology into empty in-memory stores,
//! three ways, in turn: unvalidated, validated, and validated by the engine alone. The first is
//! the baseline of the ratios: a validated load should cost what it adds, not a multiple of the
//! load. In memory, so that the disk does not blur the comparison; on disk the baseline is
//! slower and the ratios smaller.

#[path = "support/mod.rs"]
mod support;

use claimgraph::ingest::Source;
use claimgraph::validate::Shapes;
use claimgraph::{generate, ClaimStore};
use oxigraph::io::RdfFormat;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    let screened = Shapes::bundled();
    let engine_alone = screened.without_screen();
    println!("claims\tquads\tunvalidated\tvalidated\tratio\tengine alone\tratio");
    for claims in sizes {
        let mut nt = Vec::new();
        generate::write(
            generate::Spec { claims, seed: 1 },
            RdfFormat::NTriples,
            &mut nt,
            |_| {},
        )
        .unwrap();
        let mut quads = 0;
        let mut load = |shapes: Option<&Shapes>| {
            support::median(1, || {
                let store = ClaimStore::in_memory().unwrap();
                let source = Source::from_bytes(
                    "generated.nt",
                    nt.clone(),
                    RdfFormat::NTriples,
                    "urn:bench:generated",
                )
                .unwrap();
                let loader = store.loader().with_schema();
                let loader = match shapes {
                    Some(shapes) => loader.validate(shapes),
                    None => loader,
                };
                let report = loader.load(&[source]).unwrap();
                assert_eq!(report.validated, shapes.is_some());
                quads = store.len().unwrap();
            })
            .as_secs_f64()
        };
        let plain = load(None);
        let validated = load(Some(&screened));
        let alone = load(Some(&engine_alone));
        println!(
            "{claims}\t{quads}\t{plain:.2} s\t{validated:.2} s\t{:.2}x\t{alone:.2} s\t{:.2}x",
            validated / plain,
            alone / plain
        );
    }
}
