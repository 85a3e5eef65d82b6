//! Preferred semantics where the answer itself is large: k pairs of arguments that attack each
//! other have 2^k preferred extensions.
//!
//! `cargo bench --bench preferred [-- K...]` (default 12 16 20) prints, for each k, the time to
//! enumerate every extension next to a baseline run in the same process: writing the 2^k
//! extensions out by hand, the least work any enumeration must do. The ratio is the figure to
//! compare across machines.

use argsem::dung::preferred;
use petgraph::graph::{DiGraph, NodeIndex};

mod support;
use support::median;

fn pairs(k: usize) -> DiGraph<(), ()> {
    let mut af = DiGraph::new();
    for _ in 0..k {
        let (a, b) = (af.add_node(()), af.add_node(()));
        af.extend_with_edges([(a, b), (b, a)]);
    }
    af
}

/// Every choice of one argument per pair, sorted: the answer, built without any search.
fn baseline(k: usize) -> Vec<Vec<NodeIndex>> {
    let mut all: Vec<Vec<NodeIndex>> = (0..1usize << k)
        .map(|bits| {
            (0..k)
                .map(|i| NodeIndex::new(2 * i + (bits >> (k - 1 - i) & 1)))
                .collect()
        })
        .collect();
    all.sort();
    all
}

fn main() {
    let ks: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let ks = if ks.is_empty() { vec![12, 16, 20] } else { ks };
    println!(
        "{:>3} {:>10} {:>12} {:>12} {:>7}",
        "k", "extensions", "preferred", "baseline", "ratio"
    );
    for k in ks {
        let af = pairs(k);
        assert_eq!(
            preferred(&af),
            baseline(k),
            "the search finds exactly the 2^k extensions"
        );
        let runs = if k > 18 { 3 } else { 7 };
        let ours = median(runs, || preferred(&af));
        let base = median(runs, || baseline(k));
        println!(
            "{k:>3} {:>10} {:>12.1?} {:>12.1?} {:>7.2}",
            1usize << k,
            ours,
            base,
            ours.as_secs_f64() / base.as_secs_f64()
        );
    }
}
