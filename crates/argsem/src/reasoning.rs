//! The questions ICCMA asks of a framework, under every semantics of its 2023 main track:
//! one extension (SE), credulous (DC) and sceptical (DS) acceptance of an argument with a
//! certificate, and every extension (EE) or how many (CE). Decided by SAT, with the encodings of
//! the solvers that win the competition.
//!
//! ```
//! use argsem::reasoning::{credulous, sceptical, some_extension, Semantics};
//! use argsem::iccma::{parse, IccmaFormat};
//! use petgraph::graph::NodeIndex;
//!
//! // 1 and 2 attack each other; 2 attacks 3.
//! let af = parse("f.af", "p af 3\n1 2\n2 1\n2 3\n", IccmaFormat::Af)?;
//! let (one, three) = (NodeIndex::new(0), NodeIndex::new(2));
//! let accepted = credulous(&af, Semantics::Stable, three);
//! assert!(accepted.accepted);
//! assert_eq!(accepted.witness, Some(vec![one, three]));
//! // 3 is not in every preferred extension: {2} leaves it out.
//! let doubted = sceptical(&af, Semantics::Preferred, three);
//! assert!(!doubted.accepted);
//! assert_eq!(doubted.witness, Some(vec![NodeIndex::new(1)]));
//! assert_eq!(some_extension(&af, Semantics::Grounded), Some(vec![]));
//! # Ok::<_, argsem::iccma::ReadError>(())
//! ```
//!
//! # Semantics
//! For a framework `(A, R)` and `S ⊆ A`, with the range of `S` being `S` and what it attacks
//! (the definitions of ICCMA 2023): `S` is *complete* if it is conflict-free, defends each of
//! its members and contains every argument it defends; *grounded* if it is the least complete
//! set; *preferred* if it is a maximal admissible set; *stable* if it is conflict-free and
//! attacks every argument outside it; *semi-stable* if it is complete with a maximal range among
//! complete sets; *stage* if it is conflict-free with a maximal range among conflict-free sets;
//! *ideal* if it is the maximal admissible set contained in every preferred extension.
//!
//! # Method
//! Every complete extension contains what grounded semantics accepts and avoids what it
//! rejects, so for every semantics but stage (whose extensions need not be complete) those
//! arguments are fixed before any SAT call and only the undecided ones are encoded. The
//! encoding has, per encoded argument `x`, a variable `in(x)` and a variable `out(x) ↔ ∨ in(y)`
//! over its attackers `y`: conflict-freeness is `¬in(x) ∨ ¬out(x)`, admissibility `in(x) →
//! out(y)` for each attacker, completeness `(∧ out(y)) → in(x)`, and the range `r(x) ↔ in(x) ∨
//! out(x)`. Stability makes `out(x)` the same as `¬in(x)`, so the stable encoding has no `out`
//! variables and is the standard one: `in(y) → ¬in(x)` for each attack, `¬in(x) → ∨ in(y)`
//! over the attackers. One incremental SAT solver (batsat) answers all the calls of a question.
//!
//! - First-level questions (complete and stable; credulous preferred, which is credulous
//!   complete) are one SAT call.
//! - A preferred extension is a complete one grown while some superset exists (each call
//!   assumes the current set and asks for one argument more); a semi-stable or stage extension
//!   likewise grows the range.
//! - Second-level questions are counterexample-guided abstraction refinement, as in Cegartix
//!   and μ-toksia. Sceptical preferred: find a complete extension without the argument, grow
//!   it to a preferred one; if that still lacks the argument it is the counterexample, else no
//!   later candidate may be a subset of it, and the search goes on. Semi-stable and stage,
//!   credulous or sceptical: find an extension with (without) the argument whose range is
//!   maximal among those with (without) it, then ask whether any extension has a larger range;
//!   if none does, it is the answer, else no later candidate may have a range within it. A
//!   framework with a stable extension is first answered as stable, since then the stable,
//!   semi-stable and stage extensions coincide.
//! - The ideal extension: the arguments credulously accepted are found by covering (complete
//!   extensions, each asked to hold an argument not yet covered); the ideal extension is the
//!   greatest admissible set of those not attacked by any of them (Dunne, "The computational
//!   complexity of ideal semantics", 2009), found by removing the undefended, in linear time.
//!
//! # Complexity
//! Deciding a question takes, besides `O(n + m)` for grounded semantics and the encoding of `n`
//! arguments and `m` attacks (`O(u + m_u)` clauses for the `u` arguments left undecided and the
//! `m_u` attacks among them): one SAT call for the first-level questions (NP-complete, as are
//! credulous complete, stable and preferred acceptance); at most `u + 1` calls to grow one
//! extension; and for the second-level ones (Π2-complete sceptical preferred, Σ2/Π2-complete
//! semi-stable and stage acceptance) a number of iterations that is exponential in the worst
//! case, but small on the frameworks of the competitions, each of at most `u + 1` calls. The
//! ideal extension takes at most `u + 1` calls to cover the credulously accepted arguments,
//! then `O(u + m_u)`. Enumeration costs as much per extension as finding one, and blocks each
//! extension found with one clause; memory is the solver's, `O(u + m_u)` plus what it learns,
//! besides the output.

use crate::dung::{grounded, Label, Membership, Restricted};
use crate::sat::{Lit, Sat};
use petgraph::graph::{DiGraph, NodeIndex};

/// An argumentation semantics, with its ICCMA name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Semantics {
    /// The least complete extension (`GR`).
    Grounded,
    /// Conflict-free, defends its members and holds what it defends (`CO`).
    Complete,
    /// A maximal admissible set (`PR`).
    Preferred,
    /// Conflict-free and attacks every argument outside it (`ST`).
    Stable,
    /// Complete with a maximal range (`SST`).
    SemiStable,
    /// Conflict-free with a maximal range (`STG`).
    Stage,
    /// The maximal admissible set within every preferred extension (`ID`).
    Ideal,
}

impl Semantics {
    /// Every semantics, in the order ICCMA lists them (grounded first).
    pub const ALL: [Semantics; 7] = [
        Semantics::Grounded,
        Semantics::Complete,
        Semantics::Preferred,
        Semantics::Stable,
        Semantics::SemiStable,
        Semantics::Stage,
        Semantics::Ideal,
    ];

    /// The ICCMA abbreviation: `GR`, `CO`, `PR`, `ST`, `SST`, `STG`, `ID`.
    pub fn code(self) -> &'static str {
        match self {
            Semantics::Grounded => "GR",
            Semantics::Complete => "CO",
            Semantics::Preferred => "PR",
            Semantics::Stable => "ST",
            Semantics::SemiStable => "SST",
            Semantics::Stage => "STG",
            Semantics::Ideal => "ID",
        }
    }

    /// The name in words, lower case: `grounded`, `complete`, ..., `semi-stable`, `stage`,
    /// `ideal`.
    pub fn name(self) -> &'static str {
        match self {
            Semantics::Grounded => "grounded",
            Semantics::Complete => "complete",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
            Semantics::SemiStable => "semi-stable",
            Semantics::Stage => "stage",
            Semantics::Ideal => "ideal",
        }
    }

    /// The semantics of an ICCMA abbreviation, or of a name in words.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.code() == text || s.name() == text)
    }

    /// Whether a framework has exactly one extension under this semantics.
    pub fn is_unique(self) -> bool {
        matches!(self, Semantics::Grounded | Semantics::Ideal)
    }
}

/// The answer to an acceptance question, with the extension that shows it: for credulous
/// acceptance, an extension that contains the argument when it is accepted; for sceptical
/// acceptance, one that does not when it is not. Extensions are sorted by node index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Whether the argument is accepted.
    pub accepted: bool,
    /// The certificate: `None` when the answer has none (credulous "no", sceptical "yes").
    pub witness: Option<Vec<NodeIndex>>,
}

/// One extension under `semantics` (ICCMA's SE), sorted by node index; `None` when there is
/// none, which happens only for stable semantics.
///
/// # Complexity
/// See the [module documentation](self): one SAT call for complete and stable, at most `u + 1`
/// for preferred, semi-stable and stage, `O(n + m)` for grounded.
pub fn some_extension<N, E>(af: &DiGraph<N, E>, semantics: Semantics) -> Option<Vec<NodeIndex>> {
    let problem = Problem::new(af, semantics);
    match semantics {
        Semantics::Grounded | Semantics::Complete => Some(problem.extension(&[])),
        Semantics::Ideal => Some(problem.ideal()),
        Semantics::Stable => {
            let mut encoding = problem.encode(problem.base(), false);
            encoding.find(&[]).map(|set| problem.extension(&set))
        }
        Semantics::Preferred => {
            let mut encoding = problem.encode(Base::Complete, false);
            let first = encoding.find(&[]);
            debug_assert!(first.is_some(), "the grounded extension is complete");
            let (set, _) = encoding.maximise(&[], Measure::Members);
            Some(problem.extension(&set))
        }
        Semantics::SemiStable | Semantics::Stage => {
            let mut encoding = problem.encode(problem.base(), true);
            encoding.find(&[])?;
            let (set, _) = encoding.maximise(&[], Measure::Range);
            Some(problem.extension(&set))
        }
    }
}

/// Whether `argument` is in some extension under `semantics` (ICCMA's DC), with one that holds
/// it.
///
/// # Complexity
/// See the [module documentation](self): one SAT call, then growing the extension for preferred;
/// counterexample-guided refinement for semi-stable and stage.
pub fn credulous<N, E>(af: &DiGraph<N, E>, semantics: Semantics, argument: NodeIndex) -> Decision {
    acceptance(af, semantics, argument, true)
}

/// Whether `argument` is in every extension under `semantics` (ICCMA's DS), with one that lacks
/// it when it is not. A framework with no stable extension accepts every argument sceptically
/// under stable semantics.
///
/// # Complexity
/// See the [module documentation](self): one SAT call for complete (none: grounded decides it)
/// and stable, counterexample-guided refinement for preferred, semi-stable and stage.
pub fn sceptical<N, E>(af: &DiGraph<N, E>, semantics: Semantics, argument: NodeIndex) -> Decision {
    acceptance(af, semantics, argument, false)
}

/// Every extension under `semantics` (ICCMA's EE), each sorted by node index, the list sorted.
///
/// # Complexity
/// Exponential output in the worst case (`2^(n/2)` extensions of `n/2` pairs of mutual
/// attacks). Per extension, the cost of finding one (see [`some_extension`]) and one blocking
/// clause; for semi-stable and stage, per maximal range, the cost of one extension with it and
/// of listing the extensions with exactly that range.
pub fn extensions<N, E>(af: &DiGraph<N, E>, semantics: Semantics) -> Vec<Vec<NodeIndex>> {
    let problem = Problem::new(af, semantics);
    let mut found: Vec<Vec<NodeIndex>> = match semantics {
        Semantics::Grounded => vec![problem.extension(&[])],
        Semantics::Ideal => vec![problem.ideal()],
        Semantics::Complete | Semantics::Stable => {
            let mut encoding = problem.encode(problem.base(), false);
            encoding
                .every(&[])
                .iter()
                .map(|set| problem.extension(set))
                .collect()
        }
        Semantics::Preferred => {
            let mut encoding = problem.encode(Base::Complete, false);
            let mut found = Vec::new();
            while encoding.find(&[]).is_some() {
                let (set, _) = encoding.maximise(&[], Measure::Members);
                // Every other preferred extension has an argument outside this one.
                encoding.require_beyond(&set, Measure::Members);
                found.push(problem.extension(&set));
                if set.len() == encoding.arguments as usize {
                    break;
                }
            }
            found
        }
        Semantics::SemiStable | Semantics::Stage => {
            let mut encoding = problem.encode(problem.base(), true);
            let mut found = Vec::new();
            while encoding.find(&[]).is_some() {
                let (_, range) = encoding.maximise(&[], Measure::Range);
                let exactly: Vec<Lit> = (0..encoding.arguments)
                    .map(|x| {
                        let r = encoding.range(x);
                        if range.contains(&x) {
                            r
                        } else {
                            !r
                        }
                    })
                    .collect();
                let with_range = encoding.every(&exactly);
                found.extend(with_range.iter().map(|set| problem.extension(set)));
                if range.len() == encoding.arguments as usize {
                    break;
                }
                // Every other maximal range has an argument outside this one.
                encoding.require_beyond(&range, Measure::Range);
            }
            found
        }
    };
    for extension in &mut found {
        extension.sort_unstable();
    }
    found.sort_unstable();
    found
}

/// Where each argument stands under `semantics`, by node index: in every extension, in some,
/// or in none; `None` when there is no extension (stable semantics only), where every argument
/// is sceptically accepted and none credulously.
///
/// # Complexity
/// The extensions of a disjoint union are the unions of one extension of each part, under
/// every semantics here, so each weakly connected component is decided alone: at most one
/// credulous and one sceptical question per argument of a component that grounded semantics
/// leaves undecided (per argument, for stage semantics), each question `O(c + m_c)` for a
/// component of `c` arguments and `m_c` attacks besides the SAT calls (see [`credulous`] and
/// [`sceptical`]), fewer as each certificate settles other arguments too (those it holds are
/// credulously accepted, those it lacks not sceptically); `O(n + m)` for the unique semantics,
/// for what grounded semantics decides and for components of a single argument.
pub fn membership<N, E>(af: &DiGraph<N, E>, semantics: Semantics) -> Option<Vec<Membership>> {
    let all: Vec<NodeIndex> = af.node_indices().collect();
    let restricted = Restricted::new(af, &all);
    let mut standing = vec![Membership::None; af.node_count()];
    for component in restricted.components() {
        let mut part = DiGraph::<(), ()>::with_capacity(component.len(), 0);
        let mut position = std::collections::HashMap::with_capacity(component.len());
        for (i, &x) in component.iter().enumerate() {
            part.add_node(());
            position.insert(x, i);
        }
        for &x in &component {
            for &y in restricted.targets(x) {
                part.add_edge(
                    NodeIndex::new(position[&x]),
                    NodeIndex::new(position[&y]),
                    (),
                );
            }
        }
        // Without a stable extension in one part, the whole has none.
        let extension = some_extension(&part, semantics)?;
        if semantics.is_unique() {
            for a in extension {
                standing[component[a.index()] as usize] = Membership::All;
            }
            continue;
        }
        let mut settled = Settled {
            credulous: vec![false; component.len()],
            not_sceptical: vec![false; component.len()],
        };
        settled.learn(&extension);
        // Every extension but a stage one is complete, so it holds what grounded semantics
        // accepts and none of what it rejects: only the undecided need a question, each of
        // which costs the whole component.
        let decided = (semantics != Semantics::Stage).then(|| grounded(&part));
        for i in 0..component.len() {
            match decided.as_ref().map(|labels| labels[i]) {
                Some(Label::In) => {
                    standing[component[i] as usize] = Membership::All;
                    continue;
                }
                Some(Label::Out) => continue,
                Some(Label::Undecided) | None => {}
            }
            let a = NodeIndex::new(i);
            if !settled.credulous[i] {
                match credulous(&part, semantics, a).witness {
                    Some(witness) => settled.learn(&witness),
                    None => continue,
                }
            }
            let accepted = !settled.not_sceptical[i] && {
                let decision = sceptical(&part, semantics, a);
                if let Some(witness) = &decision.witness {
                    settled.learn(witness);
                }
                decision.accepted
            };
            standing[component[i] as usize] = if accepted {
                Membership::All
            } else {
                Membership::Some
            };
        }
    }
    Some(standing)
}

/// What the extensions found so far settle: arguments credulously accepted (in one), and
/// arguments not sceptically accepted (outside one).
struct Settled {
    credulous: Vec<bool>,
    not_sceptical: Vec<bool>,
}

impl Settled {
    fn learn(&mut self, extension: &[NodeIndex]) {
        let mut held = vec![false; self.credulous.len()];
        for a in extension {
            held[a.index()] = true;
            self.credulous[a.index()] = true;
        }
        for (outside, held) in self.not_sceptical.iter_mut().zip(held) {
            *outside |= !held;
        }
    }
}

fn acceptance<N, E>(
    af: &DiGraph<N, E>,
    semantics: Semantics,
    argument: NodeIndex,
    credulous: bool,
) -> Decision {
    let problem = Problem::new(af, semantics);
    let yes = |witness: Vec<NodeIndex>| Decision {
        accepted: true,
        witness: credulous.then_some(witness),
    };
    let no = |witness: Option<Vec<NodeIndex>>| Decision {
        accepted: false,
        witness: if credulous { None } else { witness },
    };
    let decide = |extension: Vec<NodeIndex>| {
        if extension.binary_search(&argument).is_ok() {
            yes(extension)
        } else {
            no(Some(extension))
        }
    };
    // What grounded semantics decides holds for every semantics whose extensions are complete.
    let decided = problem.semantics != Semantics::Stage
        && problem.labels[argument.index()] != Label::Undecided;
    if decided || semantics.is_unique() {
        return match some_extension(af, semantics) {
            Some(extension) => decide(extension),
            // No stable extension: nothing is credulously accepted, everything sceptically.
            None => Decision {
                accepted: !credulous,
                witness: None,
            },
        };
    }
    let x = problem
        .position(argument)
        .expect("an argument grounded semantics leaves undecided is encoded");
    let ranged = matches!(semantics, Semantics::SemiStable | Semantics::Stage);
    let mut encoding = problem.encode(problem.base(), ranged);
    let query = if credulous {
        encoding.inside(x)
    } else {
        !encoding.inside(x)
    };
    let found = match semantics {
        Semantics::Complete | Semantics::Stable => encoding.find(&[query]),
        Semantics::Preferred if credulous => encoding
            .find(&[query])
            .map(|_| encoding.maximise(&[], Measure::Members).0),
        Semantics::Preferred => encoding.sceptical_preferred(x),
        _ => encoding.range_maximal(query),
    };
    match found {
        Some(set) => decide(problem.extension(&set)),
        None if credulous => no(None),
        None => yes(Vec::new()),
    }
}

/// What a set is grown by: its members, or its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Members,
    Range,
}

/// Which sets the encoding admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    ConflictFree,
    Complete,
    Stable,
}

/// A framework as the encodings see it: what is fixed before any SAT call, and the attacks
/// among the rest.
struct Problem {
    semantics: Semantics,
    labels: Vec<Label>,
    /// In every extension, sorted.
    fixed: Vec<NodeIndex>,
    /// The encoded arguments, by encoded index.
    nodes: Vec<NodeIndex>,
    af: Restricted,
}

impl Problem {
    /// Fixes what grounded semantics decides, except for stage, where everything is encoded.
    fn new<N, E>(af: &DiGraph<N, E>, semantics: Semantics) -> Self {
        let labels = grounded(af);
        let (fixed, nodes) = if semantics == Semantics::Stage {
            (Vec::new(), af.node_indices().collect())
        } else {
            let with = |label: Label| -> Vec<NodeIndex> {
                af.node_indices()
                    .filter(|a| labels[a.index()] == label)
                    .collect()
            };
            (with(Label::In), with(Label::Undecided))
        };
        let restricted = Restricted::new(af, &nodes);
        Self {
            semantics,
            labels,
            fixed,
            nodes,
            af: restricted,
        }
    }

    /// What the semantics' extensions are drawn from: conflict-free sets for stage, stable
    /// ones for stable, complete ones otherwise.
    fn base(&self) -> Base {
        match self.semantics {
            Semantics::Stage => Base::ConflictFree,
            Semantics::Stable => Base::Stable,
            _ => Base::Complete,
        }
    }

    fn position(&self, argument: NodeIndex) -> Option<u32> {
        self.nodes.binary_search(&argument).ok().map(|i| i as u32)
    }

    /// The fixed arguments and the encoded ones of `set`, sorted.
    fn extension(&self, set: &[u32]) -> Vec<NodeIndex> {
        let mut extension = self.fixed.clone();
        extension.extend(set.iter().map(|&x| self.nodes[x as usize]));
        extension.sort_unstable();
        extension
    }

    fn encode(&self, base: Base, ranged: bool) -> Encoding {
        Encoding::new(&self.af, base, ranged)
    }

    /// The ideal extension.
    fn ideal(&self) -> Vec<NodeIndex> {
        let n = self.af.len() as u32;
        let mut encoding = self.encode(Base::Complete, false);
        // Credulously accepted: in some complete extension.
        let mut accepted = vec![false; n as usize];
        let mut uncovered: Vec<u32> = (0..n).collect();
        while !uncovered.is_empty() {
            let switch = encoding.sat.fresh();
            let mut clause: Vec<Lit> = uncovered.iter().map(|&x| encoding.inside(x)).collect();
            clause.push(!switch);
            encoding.sat.add(&clause);
            let found = encoding.find(&[switch]);
            encoding.sat.add(&[!switch]);
            let Some(set) = found else { break };
            for x in set {
                accepted[x as usize] = true;
            }
            uncovered.retain(|&x| !accepted[x as usize]);
        }
        // Those that no credulously accepted argument attacks, less the undefended, repeatedly.
        let mut member: Vec<bool> = (0..n)
            .map(|x| {
                accepted[x as usize] && !self.af.attackers(x).iter().any(|&y| accepted[y as usize])
            })
            .collect();
        // How many members attack each argument.
        let mut attacked_by = vec![0u32; n as usize];
        for x in (0..n).filter(|&x| member[x as usize]) {
            for &y in self.af.targets(x) {
                attacked_by[y as usize] += 1;
            }
        }
        let undefended = |x: u32, attacked_by: &[u32]| {
            self.af
                .attackers(x)
                .iter()
                .any(|&y| attacked_by[y as usize] == 0)
        };
        let mut removed: Vec<u32> = (0..n)
            .filter(|&x| member[x as usize] && undefended(x, &attacked_by))
            .collect();
        for &x in &removed {
            member[x as usize] = false;
        }
        while let Some(x) = removed.pop() {
            for &y in self.af.targets(x) {
                attacked_by[y as usize] -= 1;
                if attacked_by[y as usize] == 0 {
                    // y attacks these without being attacked back any more.
                    for &z in self.af.targets(y) {
                        if member[z as usize] {
                            member[z as usize] = false;
                            removed.push(z);
                        }
                    }
                }
            }
        }
        let set: Vec<u32> = (0..n).filter(|&x| member[x as usize]).collect();
        self.extension(&set)
    }
}

/// The clauses of one base over the encoded arguments, in an incremental solver. Variables:
/// `in(x)` is `x`, `out(x)` is `n + x` and the range `r(x)` is `2n + x`, then switches. Under the
/// stable base `out(x)` is no variable but `¬in(x)`, since a stable extension attacks exactly
/// what it leaves out: with a variable of its own and the complete base's clauses, proving that a
/// framework has no stable extension took batsat several times as long.
struct Encoding {
    sat: Sat,
    arguments: u32,
    stable: bool,
}

impl Encoding {
    fn new(af: &Restricted, base: Base, ranged: bool) -> Self {
        let n = af.len() as u32;
        let stable = base == Base::Stable;
        let mut encoding = Self {
            // in(x) tried true first: large sets, so fewer calls grow an extension to a
            // maximal one; and under stable, each decision then rules out the neighbours.
            sat: Sat::new(if stable { n } else { 3 * n }, n),
            arguments: n,
            stable,
        };
        let mut clause = Vec::new();
        for x in 0..n {
            let (inside, out) = (encoding.inside(x), encoding.out(x));
            let attackers = af.attackers(x);
            // out(x) ↔ some attacker is in. Under stable, where out(x) is ¬in(x), these are the
            // standard stable encoding (a member's attackers are out, a non-member has one in);
            // the clauses below would be tautologies or copies of them.
            clause.clear();
            clause.push(!out);
            for &y in attackers {
                encoding.sat.add(&[!encoding.inside(y), out]);
                clause.push(encoding.inside(y));
            }
            encoding.sat.add(&clause);
            if stable {
                continue;
            }
            encoding.sat.add(&[!inside, !out]);
            if base != Base::ConflictFree {
                // Admissible: each attacker is out; complete: in when every attacker is out.
                clause.clear();
                clause.push(inside);
                for &y in attackers {
                    encoding.sat.add(&[!inside, encoding.out(y)]);
                    clause.push(!encoding.out(y));
                }
                encoding.sat.add(&clause);
            }
            if ranged {
                let range = encoding.range(x);
                encoding.sat.add(&[!range, inside, out]);
                encoding.sat.add(&[!inside, range]);
                encoding.sat.add(&[!out, range]);
            }
        }
        encoding
    }

    fn inside(&self, x: u32) -> Lit {
        Lit::positive(x)
    }

    fn out(&self, x: u32) -> Lit {
        if self.stable {
            !self.inside(x)
        } else {
            Lit::positive(self.arguments + x)
        }
    }

    fn range(&self, x: u32) -> Lit {
        Lit::positive(2 * self.arguments + x)
    }

    /// `in(x)` or `r(x)`.
    fn lit(&self, measure: Measure, x: u32) -> Lit {
        match measure {
            Measure::Members => self.inside(x),
            Measure::Range => self.range(x),
        }
    }

    /// The arguments `measure` counts in the last model, sorted.
    fn true_in_model(&self, measure: Measure) -> Vec<u32> {
        (0..self.arguments)
            .filter(|&x| self.sat.value(self.lit(measure, x)))
            .collect()
    }

    /// The members of a set the encoding admits under `assumptions`, if there is one.
    fn find(&mut self, assumptions: &[Lit]) -> Option<Vec<u32>> {
        self.sat
            .solve(assumptions)
            .then(|| self.true_in_model(Measure::Members))
    }

    /// Requires, from now on, some argument outside sorted `set` to be counted by `measure`.
    fn require_beyond(&mut self, set: &[u32], measure: Measure) {
        let clause: Vec<Lit> = (0..self.arguments)
            .filter(|x| set.binary_search(x).is_err())
            .map(|x| self.lit(measure, x))
            .collect();
        self.sat.add(&clause);
    }

    /// From the last model, grows the set of arguments `measure` counts to a maximal one under
    /// `assumptions`: the members and that set (both sorted) of the last model grown.
    fn maximise(&mut self, assumptions: &[Lit], measure: Measure) -> (Vec<u32>, Vec<u32>) {
        loop {
            let members = self.true_in_model(Measure::Members);
            let grown = self.true_in_model(measure);
            // A complete extension's supersets hold nothing it attacks, nor (being admissible)
            // anything that attacks it: only what it leaves undecided can be added.
            let more: Vec<Lit> = (0..self.arguments)
                .filter(|x| grown.binary_search(x).is_err())
                .filter(|&x| measure == Measure::Range || !self.sat.value(self.out(x)))
                .map(|x| self.lit(measure, x))
                .collect();
            if more.is_empty() {
                return (members, grown);
            }
            let switch = self.sat.fresh();
            let mut clause = more;
            clause.push(!switch);
            self.sat.add(&clause);
            let mut assume = assumptions.to_vec();
            assume.extend(grown.iter().map(|&x| self.lit(measure, x)));
            assume.push(switch);
            let larger = self.sat.solve(&assume);
            // The switch's clause is for this call only.
            self.sat.add(&[!switch]);
            if !larger {
                return (members, grown);
            }
        }
    }

    /// Every set the encoding admits under `assumptions`, each blocked once found.
    fn every(&mut self, assumptions: &[Lit]) -> Vec<Vec<u32>> {
        let switch = self.sat.fresh();
        let mut assume = assumptions.to_vec();
        assume.push(switch);
        let mut found = Vec::new();
        while let Some(set) = self.find(&assume) {
            let mut block: Vec<Lit> = (0..self.arguments)
                .map(|x| {
                    if set.binary_search(&x).is_ok() {
                        !self.inside(x)
                    } else {
                        self.inside(x)
                    }
                })
                .collect();
            block.push(!switch);
            self.sat.add(&block);
            found.push(set);
        }
        self.sat.add(&[!switch]);
        found
    }

    /// A preferred extension without `x`, if there is one (counterexample-guided).
    fn sceptical_preferred(&mut self, x: u32) -> Option<Vec<u32>> {
        loop {
            self.find(&[!self.inside(x)])?;
            let (set, _) = self.maximise(&[], Measure::Members);
            if set.binary_search(&x).is_err() {
                return Some(set);
            }
            // No subset of a preferred extension that holds x can grow into one without it
            // other than through a preferred extension that is not within this one.
            self.require_beyond(&set, Measure::Members);
        }
    }

    /// An extension of the encoded base satisfying `query` whose range is maximal among all
    /// extensions (semi-stable or stage), if there is one (counterexample-guided).
    fn range_maximal(&mut self, query: Lit) -> Option<Vec<u32>> {
        let everything: Vec<Lit> = (0..self.arguments).map(|x| self.range(x)).collect();
        // With a stable extension, the range-maximal ones are the stable ones.
        if self.sat.solve(&everything) {
            let mut with = everything.clone();
            with.push(query);
            return self.find(&with);
        }
        loop {
            self.find(&[query])?;
            let (set, range) = self.maximise(&[query], Measure::Range);
            // Is there any extension with a larger range?
            let switch = self.sat.fresh();
            let mut beyond: Vec<Lit> = (0..self.arguments)
                .filter(|x| range.binary_search(x).is_err())
                .map(|x| self.range(x))
                .collect();
            beyond.push(!switch);
            self.sat.add(&beyond);
            let mut assume: Vec<Lit> = range.iter().map(|&x| self.range(x)).collect();
            assume.push(switch);
            let larger = self.sat.solve(&assume);
            self.sat.add(&[!switch]);
            if !larger {
                return Some(set);
            }
            // No extension whose range is within this one is range-maximal.
            self.require_beyond(&range, Measure::Range);
        }
    }
}
