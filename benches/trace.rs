//! `trace` and `analyze` on one long chain of responses, each claim rebutting the one before.
//!
//! `cargo bench --bench trace [-- CLAIMS]` (default 1,000,000) loads the chain into an
//! in-memory store, then times reading it into the argument graph, tracing every allegation,
//! the figures, grounded labels and the text and JSON output, each next to the baseline run in
//! the same process: one scan of every quad of the store, the least work any reader of the
//! store must do. Ratios are the figures to compare across machines.

use claimgraph::analysis::{self, ArgumentGraph};
use claimgraph::ingest::Source;
use claimgraph::{render, ClaimStore};
use oxigraph::io::RdfFormat;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io;
use std::time::Instant;

fn chain(n: usize) -> String {
    const CG: &str = "https://w3id.org/claimgraph/ns#";
    const EX: &str = "http://example.org/chain/";
    const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
    let mut nt = String::new();
    for i in 0..n {
        let class = if i == 0 { "Allegation" } else { "Claim" };
        let _ = writeln!(nt, "<{EX}c{i}> <{TYPE}> <{CG}{class}> .");
        let _ = writeln!(nt, "<{EX}c{i}> <{LABEL}> \"claim {i}\"@en .");
        if i > 0 {
            let _ = writeln!(nt, "<{EX}r{i}> <{TYPE}> <{CG}Rebuttal> .");
            let _ = writeln!(nt, "<{EX}r{i}> <{CG}fromClaim> <{EX}c{i}> .");
            let _ = writeln!(nt, "<{EX}r{i}> <{CG}toClaim> <{EX}c{}> .", i - 1);
        }
    }
    nt
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let store = ClaimStore::in_memory().unwrap();
    let source = Source::from_bytes(
        "chain.nt",
        chain(n).into_bytes(),
        RdfFormat::NTriples,
        "http://example.org/chain",
    )
    .unwrap();
    let start = Instant::now();
    store.load_with_schema(&[source]).unwrap();
    println!(
        "{n} claims, {} quads, loaded in {:.2?}",
        store.len().unwrap(),
        start.elapsed()
    );

    let start = Instant::now();
    black_box(store.dump_nquads().unwrap().len());
    let baseline = start.elapsed();
    let row = |what: &str, took: std::time::Duration| {
        println!(
            "{what:>24} {took:>10.2?}  {:>6.2} x one scan of the store",
            took.as_secs_f64() / baseline.as_secs_f64()
        );
    };
    row("scan (baseline)", baseline);

    let start = Instant::now();
    let graph = ArgumentGraph::from_store(&store).unwrap();
    row("read the graph", start.elapsed());
    let start = Instant::now();
    let traces: Vec<_> = graph
        .roots()
        .into_iter()
        .map(|(root, _)| analysis::trace(&graph, root))
        .collect();
    row("trace every allegation", start.elapsed());
    let start = Instant::now();
    black_box(traces.iter().map(analysis::figures).count());
    row("figures", start.elapsed());
    let start = Instant::now();
    black_box(analysis::grounded_labels(&graph));
    row("grounded labels", start.elapsed());
    let start = Instant::now();
    let mut out = io::BufWriter::new(io::sink());
    for trace in &traces {
        render::write_trace(trace, &mut out).unwrap();
    }
    row("text", start.elapsed());
    let start = Instant::now();
    serde_json::to_writer(io::BufWriter::new(io::sink()), &traces).unwrap();
    row("JSON", start.elapsed());
}
