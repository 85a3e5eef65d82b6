//! Argument-map export: the time to build and print the DOT, next to the time `dot` takes to lay
//! it out, for the bundled controversy and for a 1,000-claim focus on generated data.
//!
//! `cargo bench --bench export` (needs Graphviz). The ratio export / layout is the figure to
//! compare across machines: the layout is the baseline.

use claimgraph::analysis::ArgumentGraph;
use claimgraph::export::{self, ImageFormat, Layout, Options};
use claimgraph::ingest::Source;
use claimgraph::{bundled, ClaimStore};
use oxigraph::io::RdfFormat;
use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A random response tree of `claims` claims: each answers an earlier one, a third of them
/// supporting, the rest attacking in turn, each with a claimant of its own and a quote.
fn generated(claims: usize) -> String {
    let mut ttl = String::from(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix ex: <http://example.org/gen/> .\n",
    );
    let kinds = [
        "Rebuttal",
        "Undercut",
        "Support",
        "Undermining",
        "Support",
        "CounterAccusation",
    ];
    let mut seed: u64 = 7;
    for i in 0..claims {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let class = if i == 0 || i % 6 == 5 {
            "Allegation"
        } else {
            "Claim"
        };
        writeln!(
            ttl,
            "ex:actor{i} a cg:Person ; rdfs:label \"actor {i}\"@en ."
        )
        .unwrap();
        writeln!(ttl, "ex:c{i} a cg:{class} ; rdfs:label \"claim number {i} in a generated controversy\"@en ; cg:statement \"Claim {i}.\"@en ; cg:claimant ex:actor{i} ; cg:accuses ex:actor{} .", i / 2).unwrap();
        writeln!(ttl, "ex:q{i} a cg:Quote ; cg:speaker ex:actor{i} ; cg:expresses ex:c{i} ; cg:originalText \"what actor {i} said about it, at some length\"@en .").unwrap();
        if i > 0 {
            let parent = (seed >> 33) as usize % i;
            let kind = if class == "Allegation" {
                "CounterAccusation"
            } else {
                kinds[i % 5]
            };
            writeln!(ttl, "ex:r{i} a cg:{kind} ; cg:fromClaim ex:c{i} ; cg:toClaim ex:c{parent} ; cg:interpretedBy ex:actor0 .").unwrap();
        }
    }
    ttl
}

fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut results: Vec<(Duration, T)> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let value = f();
            (start.elapsed(), value)
        })
        .collect();
    results.sort_by_key(|(t, _)| *t);
    results.swap_remove(runs / 2)
}

fn measure(name: &str, graph: &ArgumentGraph, options: &Options) {
    let (export_time, dot) = median(5, || export::print(&export::to_dot(graph, options)));
    let (layout_time, svg) = median(3, || {
        export::render(&dot, ImageFormat::Svg, Layout::Layered).expect("dot runs")
    });
    black_box(svg);
    let shown = export::selected(graph, options).len();
    println!(
        "{name}: {shown} claims, {} bytes of DOT; export {export_time:.2?}, layout (dot -Tsvg) {layout_time:.2?}; export / layout = {:.3}",
        dot.len(),
        export_time.as_secs_f64() / layout_time.as_secs_f64()
    );
}

fn main() {
    let store = ClaimStore::in_memory().unwrap();
    store.load_with_schema(&bundled::data_sources()).unwrap();
    let bundled_graph = ArgumentGraph::from_store(&store).unwrap();
    measure("bundled controversy", &bundled_graph, &Options::default());

    let store = ClaimStore::in_memory().unwrap();
    let text = generated(1_000);
    let source = Source::from_bytes(
        "generated.ttl",
        text.into_bytes(),
        RdfFormat::Turtle,
        "urn:generated",
    )
    .unwrap();
    store.load_with_schema(&[source]).unwrap();
    let start = Instant::now();
    let graph = ArgumentGraph::from_store(&store).unwrap();
    println!(
        "generated data: read into the argument graph in {:.2?}",
        start.elapsed()
    );
    let root = graph.find("http://example.org/gen/c0").unwrap();
    let options = Options {
        focus: Some((vec![root], 1_000)),
        ..Options::default()
    };
    measure("1,000-claim focus", &graph, &options);
}
