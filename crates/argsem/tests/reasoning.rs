//! Every semantics and task of `argsem::reasoning` against brute force over all subsets of
//! small frameworks, and the relations between the semantics.

use argsem::dung::Membership;
use argsem::reasoning::{
    credulous, extensions, membership, sceptical, some_extension, Decision, Semantics,
};
use petgraph::graph::{DiGraph, NodeIndex};
use proptest::prelude::*;

fn framework(n: usize, attacks: &[(usize, usize)]) -> DiGraph<(), ()> {
    let mut graph = DiGraph::new();
    let nodes: Vec<_> = (0..n).map(|_| graph.add_node(())).collect();
    for &(a, b) in attacks {
        graph.add_edge(nodes[a], nodes[b], ());
    }
    graph
}

/// Sets of arguments as bit masks, and what a framework of at most 16 arguments makes of them.
struct Brute {
    n: usize,
    attackers: Vec<u32>,
    targets: Vec<u32>,
}

impl Brute {
    fn new(n: usize, attacks: &[(usize, usize)]) -> Self {
        let mut attackers = vec![0u32; n];
        let mut targets = vec![0u32; n];
        for &(a, b) in attacks {
            attackers[b] |= 1 << a;
            targets[a] |= 1 << b;
        }
        Self {
            n,
            attackers,
            targets,
        }
    }

    fn members(&self, s: u32) -> impl Iterator<Item = usize> + '_ {
        (0..self.n).filter(move |&x| s & (1 << x) != 0)
    }

    fn attacked(&self, s: u32) -> u32 {
        self.members(s).fold(0, |m, x| m | self.targets[x])
    }

    fn range(&self, s: u32) -> u32 {
        s | self.attacked(s)
    }

    fn conflict_free(&self, s: u32) -> bool {
        self.attacked(s) & s == 0
    }

    fn defended(&self, s: u32) -> u32 {
        let attacked = self.attacked(s);
        (0..self.n)
            .filter(|&x| self.attackers[x] & !attacked == 0)
            .fold(0, |m, x| m | 1 << x)
    }

    fn admissible(&self, s: u32) -> bool {
        self.conflict_free(s) && self.defended(s) & s == s
    }

    fn complete(&self, s: u32) -> bool {
        self.conflict_free(s) && self.defended(s) == s
    }

    fn all(&self) -> u32 {
        ((1u64 << self.n) - 1) as u32
    }

    fn sets(&self, keep: impl Fn(u32) -> bool) -> Vec<u32> {
        (0..=self.all()).filter(|&s| keep(s)).collect()
    }

    /// Those of `sets` whose `measure` no other's strictly contains.
    fn maximal(sets: &[u32], measure: impl Fn(u32) -> u32) -> Vec<u32> {
        sets.iter()
            .copied()
            .filter(|&s| {
                !sets
                    .iter()
                    .any(|&t| measure(t) != measure(s) && measure(t) & measure(s) == measure(s))
            })
            .collect()
    }

    fn extensions(&self, semantics: Semantics) -> Vec<u32> {
        let complete = self.sets(|s| self.complete(s));
        let admissible = self.sets(|s| self.admissible(s));
        let preferred = Self::maximal(&admissible, |s| s);
        match semantics {
            Semantics::Complete => complete,
            Semantics::Grounded => complete
                .iter()
                .copied()
                .filter(|&s| complete.iter().all(|&t| s & t == s))
                .collect(),
            Semantics::Preferred => preferred,
            Semantics::Stable => {
                self.sets(|s| self.conflict_free(s) && self.range(s) == self.all())
            }
            Semantics::SemiStable => Self::maximal(&complete, |s| self.range(s)),
            Semantics::Stage => {
                let conflict_free = self.sets(|s| self.conflict_free(s));
                Self::maximal(&conflict_free, |s| self.range(s))
            }
            Semantics::Ideal => {
                let within: Vec<u32> = admissible
                    .iter()
                    .copied()
                    .filter(|&s| preferred.iter().all(|&p| s & p == s))
                    .collect();
                Self::maximal(&within, |s| s)
            }
        }
    }
}

fn mask(extension: &[NodeIndex]) -> u32 {
    extension.iter().fold(0, |m, a| m | 1 << a.index())
}

fn attacks_strategy() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
    (1usize..9).prop_flat_map(|n| (Just(n), prop::collection::vec((0..n, 0..n), 0..n * 3)))
}

/// Mutual attacks mostly, with a few one-way ones and self-attacks: many extensions.
fn symmetric_strategy() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
    (2usize..10).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0..n, 0..n), 0..n * 2),
            prop::collection::vec((0..n, 0..n), 0..4),
        )
            .prop_map(|(n, pairs, one_way)| {
                let mut attacks: Vec<(usize, usize)> =
                    pairs.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect();
                attacks.extend(one_way);
                (n, attacks)
            })
    })
}

/// Every task of every semantics agrees with brute force; every certificate is an extension
/// and shows what it should.
fn agrees(n: usize, attacks: &[(usize, usize)]) -> Result<(), TestCaseError> {
    let af = framework(n, attacks);
    let brute = Brute::new(n, attacks);
    for semantics in Semantics::ALL {
        let mut expected = brute.extensions(semantics);
        expected.sort_unstable();
        let mut found: Vec<u32> = extensions(&af, semantics).iter().map(|e| mask(e)).collect();
        found.sort_unstable();
        prop_assert_eq!(&found, &expected, "EE-{}", semantics.code());
        match some_extension(&af, semantics) {
            Some(e) => prop_assert!(
                expected.contains(&mask(&e)),
                "SE-{} gave {:?}",
                semantics.code(),
                e
            ),
            None => prop_assert!(expected.is_empty(), "SE-{} said NO", semantics.code()),
        }
        let standing = membership(&af, semantics);
        prop_assert_eq!(
            standing.is_none(),
            expected.is_empty(),
            "{} has no extension",
            semantics.code()
        );
        for a in 0..n {
            let holding = expected.iter().filter(|&&s| s & 1 << a != 0).count();
            if let Some(standing) = &standing {
                let place = match holding {
                    0 => Membership::None,
                    h if h == expected.len() => Membership::All,
                    _ => Membership::Some,
                };
                prop_assert_eq!(standing[a], place, "{} standing of {}", semantics.code(), a);
            }
            let argument = NodeIndex::new(a);
            let Decision { accepted, witness } = credulous(&af, semantics, argument);
            prop_assert_eq!(accepted, holding > 0, "DC-{} {}", semantics.code(), a);
            match witness {
                Some(w) => {
                    prop_assert!(accepted);
                    prop_assert!(
                        expected.contains(&mask(&w)),
                        "DC-{} {}",
                        semantics.code(),
                        a
                    );
                    prop_assert!(mask(&w) & 1 << a != 0);
                }
                None => prop_assert!(!accepted),
            }
            let Decision { accepted, witness } = sceptical(&af, semantics, argument);
            prop_assert_eq!(
                accepted,
                holding == expected.len(),
                "DS-{} {}",
                semantics.code(),
                a
            );
            match witness {
                Some(w) => {
                    prop_assert!(!accepted);
                    prop_assert!(
                        expected.contains(&mask(&w)),
                        "DS-{} {}",
                        semantics.code(),
                        a
                    );
                    prop_assert!(mask(&w) & 1 << a == 0);
                }
                None => prop_assert!(accepted),
            }
        }
    }
    Ok(())
}

/// Whether each of `small` is one of `large`.
fn within(small: &[Vec<NodeIndex>], large: &[Vec<NodeIndex>]) -> bool {
    small.iter().all(|e| large.contains(e))
}

fn subset(small: &[NodeIndex], large: &[NodeIndex]) -> bool {
    small.iter().all(|a| large.contains(a))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_task_agrees_with_brute_force((n, attacks) in attacks_strategy()) {
        agrees(n, &attacks)?;
    }

    #[test]
    fn every_task_agrees_with_brute_force_on_many_extensions((n, attacks) in symmetric_strategy()) {
        agrees(n, &attacks)?;
    }

    /// stable ⊆ semi-stable ⊆ preferred ⊆ complete, stable ⊆ stage; grounded is the least
    /// complete extension; ideal is admissible and within every preferred extension.
    #[test]
    fn the_semantics_nest((n, attacks) in attacks_strategy()) {
        let af = framework(n, &attacks);
        let of = |s| extensions(&af, s);
        let (stable, semi, preferred, complete) = (
            of(Semantics::Stable),
            of(Semantics::SemiStable),
            of(Semantics::Preferred),
            of(Semantics::Complete),
        );
        prop_assert!(within(&stable, &semi));
        prop_assert!(within(&semi, &preferred));
        prop_assert!(within(&preferred, &complete));
        prop_assert!(within(&stable, &of(Semantics::Stage)));
        prop_assert!(!semi.is_empty() && !of(Semantics::Stage).is_empty());
        // With a stable extension, semi-stable and stage are exactly the stable ones.
        if !stable.is_empty() {
            prop_assert_eq!(&semi, &stable);
            prop_assert_eq!(&of(Semantics::Stage), &stable);
        }
        let grounded = some_extension(&af, Semantics::Grounded).unwrap();
        prop_assert!(complete.contains(&grounded));
        prop_assert!(complete.iter().all(|e| subset(&grounded, e)));
        let ideal = some_extension(&af, Semantics::Ideal).unwrap();
        prop_assert!(preferred.iter().all(|e| subset(&ideal, e)));
        prop_assert!(subset(&grounded, &ideal));
        prop_assert!(Brute::new(n, &attacks).admissible(mask(&ideal)));
    }
}

/// Hand-worked frameworks, where the answer is known without brute force.
#[test]
fn hand_worked_answers() {
    let node = NodeIndex::new;
    // An odd cycle: no stable extension, so every argument is sceptically accepted under
    // stable semantics and none credulously; the only stage extensions are the singletons.
    let odd = framework(3, &[(0, 1), (1, 2), (2, 0)]);
    assert_eq!(some_extension(&odd, Semantics::Stable), None);
    assert!(sceptical(&odd, Semantics::Stable, node(0)).accepted);
    assert!(!credulous(&odd, Semantics::Stable, node(0)).accepted);
    assert_eq!(
        extensions(&odd, Semantics::Stage),
        vec![vec![node(0)], vec![node(1)], vec![node(2)]]
    );
    assert_eq!(
        extensions(&odd, Semantics::SemiStable),
        vec![Vec::<NodeIndex>::new()]
    );
    // The classic where semi-stable and preferred differ: a <-> b, b -> c, c -> c.
    // Preferred: {a} and {b}; semi-stable: only {b}, whose range covers c.
    let busting = framework(3, &[(0, 1), (1, 0), (1, 2), (2, 2)]);
    assert_eq!(
        extensions(&busting, Semantics::Preferred),
        vec![vec![node(0)], vec![node(1)]]
    );
    assert_eq!(
        extensions(&busting, Semantics::SemiStable),
        vec![vec![node(1)]]
    );
    assert!(sceptical(&busting, Semantics::SemiStable, node(1)).accepted);
    assert!(!sceptical(&busting, Semantics::Preferred, node(1)).accepted);
    // Ideal differs from grounded: a <-> b, both attack c, c attacks d... here the classic
    // a <-> b, a -> b is mutual, b -> b: b can never be accepted, so a is in every preferred
    // extension and defends itself: ideal {a}, grounded {}.
    let ideal = framework(2, &[(0, 1), (1, 0), (1, 1)]);
    assert_eq!(some_extension(&ideal, Semantics::Grounded), Some(vec![]));
    assert_eq!(
        some_extension(&ideal, Semantics::Ideal),
        Some(vec![node(0)])
    );
}
