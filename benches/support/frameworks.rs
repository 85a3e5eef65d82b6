//! What the benchmarks of random frameworks share (`grounded`, `gradual`): their two sizes from
//! the command line, and the baseline every labelling is measured against.

use petgraph::graph::DiGraph;
use petgraph::Direction::Incoming;

/// The framework's size: `[-- ARGUMENTS EDGES]` after `cargo bench`, a million arguments and
/// five million edges unless given.
pub fn sizes() -> (usize, usize) {
    let mut args = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .map(|a| a.parse::<usize>().expect("ARGUMENTS and EDGES are numbers"));
    let arguments = args.next().unwrap_or(1_000_000);
    (arguments, args.next().unwrap_or(5_000_000))
}

/// One pass that counts every argument's attackers: the least work any labelling must do.
pub fn baseline(af: &DiGraph<(), ()>) -> usize {
    af.node_indices()
        .map(|a| af.neighbors_directed(a, Incoming).count())
        .filter(|&n| n == 0)
        .count()
}
