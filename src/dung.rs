//! Dung's abstract argumentation over a petgraph graph: nodes are arguments, an edge `a -> b`
//! means "a attacks b". Pure functions, no I/O.
//!
//! ```
//! use claimgraph::dung::{grounded, preferred, Label};
//! use petgraph::graph::DiGraph;
//!
//! // a attacks b, b attacks c: a is unattacked, so b is out and c is reinstated.
//! let mut af = DiGraph::<&str, ()>::new();
//! let (a, b, c) = (af.add_node("a"), af.add_node("b"), af.add_node("c"));
//! af.extend_with_edges([(a, b), (b, c)]);
//! assert_eq!(grounded(&af), [Label::In, Label::Out, Label::In]);
//! assert_eq!(preferred(&af), vec![vec![a, c]]);
//! ```

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction::{Incoming, Outgoing};
use serde::Serialize;
use std::collections::VecDeque;

/// The status of an argument in a labelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Accepted: every attacker is out.
    In,
    /// Rejected: some attacker is in.
    Out,
    /// Neither.
    Undecided,
}

/// The grounded labelling: the least complete labelling, i.e. what must be accepted and rejected
/// on any reasonable view. `result[i]` labels the node with index `i`.
///
/// Unattacked arguments are in; whatever an in argument attacks is out; an argument whose
/// attackers are all out becomes in; the rest is undecided.
///
/// # Complexity
/// `O(n + m)` time and `O(n)` extra space for `n` arguments and `m` attacks: each argument is
/// labelled at most once and each attack is followed at most twice.
pub fn grounded<N, E>(af: &DiGraph<N, E>) -> Vec<Label> {
    let n = af.node_count();
    let mut label = vec![Label::Undecided; n];
    // Attackers not yet known to be out; an argument becomes in when this reaches zero.
    let mut live_attackers: Vec<usize> = af
        .node_indices()
        .map(|a| af.neighbors_directed(a, Incoming).count())
        .collect();
    let mut accepted: VecDeque<NodeIndex> = af
        .node_indices()
        .filter(|a| live_attackers[a.index()] == 0)
        .collect();
    for a in &accepted {
        label[a.index()] = Label::In;
    }
    while let Some(a) = accepted.pop_front() {
        for b in af.neighbors_directed(a, Outgoing) {
            if label[b.index()] != Label::Undecided {
                continue;
            }
            label[b.index()] = Label::Out;
            for c in af.neighbors_directed(b, Outgoing) {
                live_attackers[c.index()] -= 1;
                if live_attackers[c.index()] == 0 && label[c.index()] == Label::Undecided {
                    label[c.index()] = Label::In;
                    accepted.push_back(c);
                }
            }
        }
    }
    label
}

/// The preferred extensions: the maximal admissible sets, each sorted by node index, the list
/// sorted too. Exact.
///
/// Every preferred extension contains the grounded extension and avoids what grounded rejects,
/// so the search runs only over the arguments grounded leaves undecided, with the attacks among
/// them; it branches on each (in or not), prunes conflicts, and shrinks each candidate to its
/// largest admissible subset.
///
/// # Complexity
/// `O(2^u · (u + m_u))` time in the worst case for `u` undecided arguments and `m_u` attacks
/// among them, after an `O(n + m)` grounded pass. Practical up to about 25 undecided arguments;
/// any number of arguments that grounded semantics decides costs nothing extra.
pub fn preferred<N, E>(af: &DiGraph<N, E>) -> Vec<Vec<NodeIndex>> {
    let labels = grounded(af);
    let base: Vec<NodeIndex> = af
        .node_indices()
        .filter(|a| labels[a.index()] == Label::In)
        .collect();
    let undecided: Vec<NodeIndex> = af
        .node_indices()
        .filter(|a| labels[a.index()] == Label::Undecided)
        .collect();
    let sub = Restricted::new(af, &undecided);
    let mut found: Vec<Vec<usize>> = Vec::new();
    let mut chosen = vec![false; sub.len()];
    sub.search(0, &mut chosen, &mut found);
    // Keep only the maximal admissible sets.
    found.sort();
    found.dedup();
    let maximal: Vec<&Vec<usize>> = found
        .iter()
        .filter(|s| !found.iter().any(|t| t.len() > s.len() && is_subset(s, t)))
        .collect();
    let mut extensions: Vec<Vec<NodeIndex>> = maximal
        .into_iter()
        .map(|s| {
            let mut extension: Vec<NodeIndex> = base.clone();
            extension.extend(s.iter().map(|&i| undecided[i]));
            extension.sort();
            extension
        })
        .collect();
    extensions.sort();
    extensions
}

fn is_subset(small: &[usize], large: &[usize]) -> bool {
    small.iter().all(|x| large.binary_search(x).is_ok())
}

/// The attacks among the undecided arguments, renumbered `0..u`.
struct Restricted {
    attackers: Vec<Vec<usize>>,
    attacks: Vec<Vec<usize>>,
}

impl Restricted {
    fn new<N, E>(af: &DiGraph<N, E>, nodes: &[NodeIndex]) -> Self {
        let mut position = vec![usize::MAX; af.node_count()];
        for (i, a) in nodes.iter().enumerate() {
            position[a.index()] = i;
        }
        let mut attackers = vec![Vec::new(); nodes.len()];
        let mut attacks = vec![Vec::new(); nodes.len()];
        for (i, &a) in nodes.iter().enumerate() {
            for b in af.neighbors_directed(a, Outgoing) {
                let j = position[b.index()];
                if j != usize::MAX {
                    attacks[i].push(j);
                    attackers[j].push(i);
                }
            }
        }
        Self { attackers, attacks }
    }

    fn len(&self) -> usize {
        self.attacks.len()
    }

    fn conflicts(&self, i: usize, chosen: &[bool]) -> bool {
        self.attacks[i].iter().any(|&j| j == i || chosen[j])
            || self.attackers[i].iter().any(|&j| chosen[j])
    }

    fn search(&self, i: usize, chosen: &mut Vec<bool>, found: &mut Vec<Vec<usize>>) {
        if i == self.len() {
            found.push(self.largest_admissible_subset(chosen));
            return;
        }
        if !self.conflicts(i, chosen) {
            chosen[i] = true;
            self.search(i + 1, chosen, found);
            chosen[i] = false;
        }
        self.search(i + 1, chosen, found);
    }

    /// Drops members that the set does not defend until none is left undefended.
    fn largest_admissible_subset(&self, chosen: &[bool]) -> Vec<usize> {
        let mut member = chosen.to_vec();
        loop {
            let undefended = (0..self.len()).find(|&a| {
                member[a]
                    && self.attackers[a]
                        .iter()
                        .any(|&b| !self.attackers[b].iter().any(|&c| member[c]))
            });
            match undefended {
                Some(a) => member[a] = false,
                None => return (0..self.len()).filter(|&a| member[a]).collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A framework over arguments `0..n` with the given attacks.
    fn af(n: usize, attacks: &[(usize, usize)]) -> DiGraph<(), ()> {
        let mut graph = DiGraph::new();
        let nodes: Vec<_> = (0..n).map(|_| graph.add_node(())).collect();
        for &(a, b) in attacks {
            graph.add_edge(nodes[a], nodes[b], ());
        }
        graph
    }

    fn indices(extensions: Vec<Vec<NodeIndex>>) -> Vec<Vec<usize>> {
        extensions
            .into_iter()
            .map(|e| e.into_iter().map(NodeIndex::index).collect())
            .collect()
    }

    /// `check(n, attacks, grounded, preferred)`: one hand-worked framework.
    fn check(
        n: usize,
        attacks: &[(usize, usize)],
        expected_grounded: &str,
        expected_preferred: &[&[usize]],
    ) {
        let graph = af(n, attacks);
        let labels: String = grounded(&graph)
            .iter()
            .map(|l| match l {
                Label::In => 'I',
                Label::Out => 'O',
                Label::Undecided => 'U',
            })
            .collect();
        assert_eq!(labels, expected_grounded, "grounded of {attacks:?}");
        let expected: Vec<Vec<usize>> = expected_preferred.iter().map(|e| e.to_vec()).collect();
        assert_eq!(
            indices(preferred(&graph)),
            expected,
            "preferred of {attacks:?}"
        );
    }

    #[test]
    fn hand_worked_frameworks() {
        // A chain: 0 -> 1 -> 2 reinstates 2.
        check(3, &[(0, 1), (1, 2)], "IOI", &[&[0, 2]]);
        // An odd cycle decides nothing and admits only the empty set.
        check(3, &[(0, 1), (1, 2), (2, 0)], "UUU", &[&[]]);
        // An even cycle: grounded is sceptical, preferred offers both sides.
        check(2, &[(0, 1), (1, 0)], "UU", &[&[0], &[1]]);
        // A self-attacking argument can never be accepted, nor can it defeat anything.
        check(2, &[(0, 0), (0, 1)], "UU", &[&[]]);
        // Reinstatement against two attackers: 2 is attacked by 1 and 3, both defeated.
        check(5, &[(0, 1), (1, 2), (3, 2), (4, 3)], "IOIOI", &[&[0, 2, 4]]);
        // An even cycle attacking a third argument: preferred differ on all three.
        check(3, &[(0, 1), (1, 0), (1, 2)], "UUU", &[&[0, 2], &[1]]);
        // No arguments at all.
        check(0, &[], "", &[&[]]);
    }

    fn attacks_strategy() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
        (1usize..10).prop_flat_map(|n| (Just(n), prop::collection::vec((0..n, 0..n), 0..n * 3)))
    }

    fn set_of(labels: &[Label]) -> Vec<usize> {
        (0..labels.len())
            .filter(|&i| labels[i] == Label::In)
            .collect()
    }

    fn conflict_free(attacks: &[(usize, usize)], set: &[usize]) -> bool {
        !attacks
            .iter()
            .any(|(a, b)| set.contains(a) && set.contains(b))
    }

    fn defends(attacks: &[(usize, usize)], set: &[usize], x: usize) -> bool {
        attacks
            .iter()
            .filter(|(_, b)| *b == x)
            .all(|(a, _)| attacks.iter().any(|(c, d)| d == a && set.contains(c)))
    }

    fn admissible(attacks: &[(usize, usize)], set: &[usize]) -> bool {
        conflict_free(attacks, set) && set.iter().all(|&x| defends(attacks, set, x))
    }

    proptest! {
        #[test]
        fn grounded_is_the_least_fixed_point_and_admissible((n, attacks) in attacks_strategy()) {
            let graph = af(n, &attacks);
            let extension = set_of(&grounded(&graph));
            prop_assert!(conflict_free(&attacks, &extension));
            prop_assert!(admissible(&attacks, &extension));
            // The naive way: iterate the characteristic function from the empty set.
            let mut fixed: Vec<usize> = Vec::new();
            loop {
                let next: Vec<usize> = (0..n).filter(|&x| defends(&attacks, &fixed, x)).collect();
                if next == fixed { break; }
                fixed = next;
            }
            prop_assert_eq!(extension, fixed);
        }

        #[test]
        fn preferred_are_the_maximal_admissible_sets((n, attacks) in attacks_strategy()) {
            let graph = af(n, &attacks);
            let grounded_set = set_of(&grounded(&graph));
            let found = indices(preferred(&graph));
            // Brute force over all subsets.
            let admissible_sets: Vec<Vec<usize>> = (0u32..1 << n)
                .map(|bits| (0..n).filter(|&i| bits & (1 << i) != 0).collect::<Vec<_>>())
                .filter(|s| admissible(&attacks, s))
                .collect();
            let mut maximal: Vec<Vec<usize>> = admissible_sets
                .iter()
                .filter(|s| !admissible_sets.iter().any(|t| t.len() > s.len() && s.iter().all(|x| t.contains(x))))
                .cloned()
                .collect();
            maximal.sort();
            prop_assert_eq!(&found, &maximal);
            for extension in &found {
                prop_assert!(grounded_set.iter().all(|x| extension.contains(x)));
            }
        }
    }
}
