//! Gradual semantics on a random framework of 1,000,000 arguments and 5,000,000 relations,
//! beside the grounded labelling of the same graph.
//!
//! `cargo bench --bench gradual [-- ARGUMENTS RELATIONS]` builds the framework of
//! `benches/grounded.rs` (same generator, same seed, same edges), makes every third edge a
//! support, gives each argument a random base score, and times each semantics next to two runs
//! on the same graph in the same process: the baseline of `grounded.rs` (one pass that counts
//! every argument's attackers) and the grounded labelling of the attacks. The ratios are the
//! figures to compare across machines; "per update" divides a semantics' time by the updates
//! its iteration made, to show the work of one update is linear.
//!
//! `benches/gradual_compare.py` times formal-argumentation on the same frameworks, smaller.

use argsem::dung::grounded;
use argsem::gradual::{
    strengths, Argument, BaseScore, Framework, Options, Outcome, Relation, Semantics,
};
use claimgraph::generate::SplitMix64;
use petgraph::graph::{DiGraph, NodeIndex};
use std::time::{Duration, Instant};

mod support;
use support::median;
#[path = "support/frameworks.rs"]
mod frameworks;
use frameworks::baseline;

/// The framework, and its attacks alone as a Dung framework.
fn random_frameworks(arguments: usize, relations: usize) -> (Framework<()>, DiGraph<(), ()>) {
    // The seed and the order of draws of `grounded.rs`, so the edges are the same.
    let mut rng = SplitMix64::new(2026);
    let mut edges = Vec::with_capacity(relations);
    for _ in 0..relations {
        edges.push((rng.below(arguments), rng.below(arguments)));
    }
    let mut framework = Framework::with_capacity(arguments, relations);
    for _ in 0..arguments {
        let base = rng.below(1 << 20) as f64 / (1 << 20) as f64;
        framework.add_node(Argument::new((), BaseScore::new(base).expect("in [0, 1)")));
    }
    let mut attacks = DiGraph::with_capacity(arguments, relations);
    for _ in 0..arguments {
        attacks.add_node(());
    }
    for (i, &(a, b)) in edges.iter().enumerate() {
        let (a, b) = (NodeIndex::new(a), NodeIndex::new(b));
        if i % 3 == 2 {
            framework.add_edge(a, b, Relation::Support);
        } else {
            framework.add_edge(a, b, Relation::Attack);
            attacks.add_edge(a, b, ());
        }
    }
    (framework, attacks)
}

fn updates(outcome: &Outcome) -> usize {
    match *outcome {
        Outcome::Exact => 1,
        Outcome::Converged { updates, .. }
        | Outcome::NotConverged { updates, .. }
        | Outcome::NotUnique { updates, .. } => updates,
    }
}

fn main() {
    let (arguments, relations) = frameworks::sizes();

    let start = Instant::now();
    let (framework, attacks) = random_frameworks(arguments, relations);
    let build = start.elapsed();
    println!(
        "framework: {arguments} arguments, {} attacks, {} supports (built in {build:.2?})",
        attacks.edge_count(),
        framework.edge_count() - attacks.edge_count()
    );

    let runs = 3;
    let base = median(runs, || baseline(&attacks));
    let labelling = median(runs, || grounded(&attacks));
    println!("baseline (count attackers, one pass): {base:.2?} median of {runs}");
    println!("grounded labelling:                   {labelling:.2?} median of {runs}");
    let ratio = |d: Duration, of: Duration| d.as_secs_f64() / of.as_secs_f64();
    println!(
        "{:<14} {:>10} {:>8} {:>11} {:>11} {:>18}  outcome",
        "semantics", "time", "updates", "/ baseline", "/ grounded", "per update / base"
    );
    let options = Options::default();
    for semantics in Semantics::ALL {
        let time = median(runs, || strengths(&framework, semantics, &options));
        let result = strengths(&framework, semantics, &options);
        let n = updates(&result.outcome);
        println!(
            "{:<14} {:>10.2?} {:>8} {:>11.1} {:>11.1} {:>18.2}  {}",
            semantics.name(),
            time,
            n,
            ratio(time, base),
            ratio(time, labelling),
            ratio(time, base) / n as f64,
            result.describe()
        );
    }
}
