//! Grounded semantics on a random framework of 1,000,000 arguments and 5,000,000 attacks.
//!
//! `cargo bench --bench grounded [-- ARGUMENTS ATTACKS]` prints the time of the grounded
//! labelling next to a baseline run on the same graph in the same process: one pass that
//! counts every argument's attackers, the least work any labelling must do. The ratio is the
//! figure to compare across machines.

use argsem::dung::{grounded, Label};
use claimgraph::generate::SplitMix64;
use petgraph::graph::{DiGraph, NodeIndex};
use std::time::Instant;

mod support;
use support::median;
#[path = "support/frameworks.rs"]
mod frameworks;
use frameworks::baseline;

fn random_framework(arguments: usize, attacks: usize) -> DiGraph<(), ()> {
    // A fixed seed gives the same framework on every run.
    let mut rng = SplitMix64::new(2026);
    let mut af = DiGraph::with_capacity(arguments, attacks);
    for _ in 0..arguments {
        af.add_node(());
    }
    for _ in 0..attacks {
        let (a, b) = (rng.below(arguments), rng.below(arguments));
        af.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    af
}

fn main() {
    let (arguments, attacks) = frameworks::sizes();

    let start = Instant::now();
    let af = random_framework(arguments, attacks);
    let build = start.elapsed();

    let runs = 5;
    let base = median(runs, || baseline(&af));
    let labelling = median(runs, || grounded(&af));
    let labels = grounded(&af);
    let count = |l: Label| labels.iter().filter(|&&x| x == l).count();

    println!("framework: {arguments} arguments, {attacks} attacks (built in {build:.2?})");
    println!(
        "labels: {} in, {} out, {} undecided",
        count(Label::In),
        count(Label::Out),
        count(Label::Undecided)
    );
    println!("baseline (count attackers, one pass): {base:.2?} median of {runs}");
    println!("grounded labelling:                   {labelling:.2?} median of {runs}");
    println!(
        "ratio grounded / baseline: {:.2}",
        labelling.as_secs_f64() / base.as_secs_f64()
    );
}
