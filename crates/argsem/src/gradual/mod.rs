//! Gradual semantics: a strength in [0, 1] for each argument of a weighted bipolar framework.
//!
//! A [`Framework`] is a petgraph graph whose nodes are [`Argument`]s, each with a base score
//! (how strong it is on its own, before anything attacks or supports it), and whose edges are
//! [`Relation::Attack`] or [`Relation::Support`]. A semantics turns base scores into strengths:
//!
//! | semantics | paper | update of `s(a)` from base `w` | relations |
//! | --- | --- | --- | --- |
//! | [`Semantics::HCategoriser`] | Besnard and Hunter 2001; weighted: Amgoud, Ben-Naim, Doder and Vesic, IJCAI 2017 | `w / (1 + Σ s(attackers))` | attacks |
//! | [`Semantics::DfQuad`] | Rago, Toni, Aurisicchio and Baroni, KR 2016 | `w − w·(A − S)` if `A ≥ S`, else `w + (1 − w)·(S − A)`, with `A = 1 − Π(1 − s(attackers))`, `S` likewise over supporters | both |
//! | [`Semantics::Qem`] | Potyka, KR 2018 | the limit of `ds/dt = f(E) − s`, `E = Σ s(supporters) − Σ s(attackers)`, `f(E) = w + (1 − w)·h(E) − w·h(−E)`, `h(x) = max(x, 0)² / (1 + max(x, 0)²)` | both |
//! | [`Semantics::Euler`] | Amgoud and Ben-Naim, IJAR 2018 | `1 − (1 − w²) / (1 + w·e^E)`, `E` as for QEM | both |
//! | [`Semantics::Social`] | Leite and Martins, IJCAI 2011 | `τ · Π(1 − s(attackers))`, `τ = v⁺ / (v⁺ + v⁻ + ε)` from the votes ([`social_score`]) | attacks |
//!
//! # Acyclic and cyclic frameworks
//! The framework is solved by strongly connected components (Tarjan's algorithm), in
//! topological order: when a component is reached, the strengths of every argument it reads
//! from outside are final. An argument on no cycle is then computed in one update, so an
//! acyclic framework takes one pass and its answer is exact (up to floating point) and
//! [`Outcome::Exact`]. Each component with a cycle is solved by iteration on its own, its
//! inputs from earlier components held fixed, so the iteration covers only the arguments on
//! cycles and each component takes the updates it needs, not the slowest one's. The answer
//! says how it was reached:
//!
//! - the discrete semantics (h-categoriser, DF-QuAD, Euler, social) update every argument of
//!   the component at once from the previous values (Jacobi iteration, so the result never depends on the order
//!   the arguments are stored in), from the base scores, until no strength changes by more than
//!   [`Options::tolerance`] in one update. If that iteration oscillates or reaches half of
//!   [`Options::max_updates`], it is averaged (`s ← (s + F(s)) / 2`, a step of the continuous
//!   version of the semantics), which has the same fixed points and converges where the plain
//!   iteration alternates;
//! - the quadratic energy model is continuous by definition: its strengths are the limit of its
//!   differential equation from the base scores, integrated with the Runge-Kutta pair of
//!   Dormand and Prince (fifth order, each step sized by a fourth-order error estimate); once
//!   no derivative exceeds 10⁻⁴, simultaneous updates (Euler steps of size 1 of the same
//!   equation, a sixth of the work of a Runge-Kutta step) finish it for as long as each one
//!   shrinks the largest derivative;
//! - a fixed point need not be unique: two arguments of base score 1 attacking each other have
//!   every `(x, 1 − x)` as a DF-QuAD fixed point. DF-QuAD, Euler and social are therefore solved
//!   a second time from a start that has nothing to do with the base scores (a pseudo-random
//!   point drawn from each argument's label, base score and numbers of relations, so the same
//!   whatever order the arguments are stored in), and if the two limits differ by more than the square root of the tolerance the
//!   answer is [`Outcome::NotUnique`]: the arguments whose strength depends on where the
//!   iteration starts (and every argument they reach) get no strength at all. One probe can
//!   miss a second solution; it never reports one that does not exist.
//!   Weighted h-categoriser needs no such check (its fixed point is unique on every framework,
//!   Amgoud et al. 2017), nor does QEM (its strength is the limit from the base scores);
//! - a component whose run reaches [`Options::max_updates`] makes the answer
//!   [`Outcome::NotConverged`]; arguments that still moved in the last update, and every
//!   argument they reach, get no strength.
//!
//! In a component of 65,536 arguments and relations or more, each simultaneous update (and each
//! Runge-Kutta stage) is split over the machine's cores (`std::thread::available_parallelism`)
//! by ranges of arguments of about equal work: each thread writes its own range of the new
//! strengths from the previous ones, which no thread changes during the update, so the result
//! is the same to the bit on any number of cores.
//!
//! # Comparison
//! - h-categoriser and social ignore supports ([`Strengths::ignored_supports`] counts them).
//!   Social is DF-QuAD without supports, on base scores taken from votes: with `ε = 0` an
//!   argument with only positive votes has base score 1, and the mutual attack above has no
//!   unique answer; `ε > 0` keeps every base score below 1.
//! - DF-QuAD combines attackers and supporters by probabilistic sum, so one strong attacker
//!   weighs as much as many; h-categoriser, QEM and Euler add them up, so many weak attackers
//!   count.
//! - DF-QuAD moves an argument all the way to 0 or 1 when `A` or `S` reaches 1; QEM's `h` only
//!   approaches them; Euler can never take an argument below `w²` nor, for `w < 1`, up to 1.
//! - Acyclic frameworks get one answer from every semantics. On cycles the h-categoriser's
//!   iteration converges on every framework (Amgoud et al. 2017); for the others it depends on
//!   the framework (Mossakowski and Neuhaus 2018; Potyka, AAMAS 2019, "Extending modular
//!   semantics for bipolar weighted argumentation", where continuous models converge in cases
//!   the discrete DF-QuAD or Euler iteration alternates), which is why every result says
//!   whether it converged.
//!
//! # Example
//! ```
//! use argsem::gradual::{strengths, Argument, BaseScore, Framework, Options, Relation, Semantics};
//!
//! // b attacks a, c supports a.
//! let mut framework = Framework::new();
//! let score = |x| BaseScore::new(x).unwrap();
//! let a = framework.add_node(Argument::new("a", score(0.5)));
//! let b = framework.add_node(Argument::new("b", score(0.4)));
//! let c = framework.add_node(Argument::new("c", score(0.6)));
//! framework.add_edge(b, a, Relation::Attack);
//! framework.add_edge(c, a, Relation::Support);
//!
//! let result = strengths(&framework, Semantics::DfQuad, &Options::default());
//! assert!(result.converged());
//! // S - A = 0.6 - 0.4 = 0.2 > 0, so a rises by a fifth of the way to 1.
//! assert!((result.values[a.index()].unwrap() - 0.6).abs() < 1e-12);
//! ```

pub mod bag;
pub mod base;
mod rules;
mod solve;
#[cfg(test)]
mod tests;

pub use bag::{parse_bag, write_json, Bag, ReadError, Votes};
pub use base::{BaseRule, Basis, Evidence, PopularityTable, DEFAULT_TABLE};
pub use rules::social_score;

use petgraph::graph::DiGraph;
use std::fmt;
use std::str::FromStr;

/// A weighted bipolar framework: arguments with base scores, and attacks and supports between
/// them. An edge `a -> b` is "a attacks b" or "a supports b".
pub type Framework<N> = DiGraph<Argument<N>, Relation>;

/// An argument of a [`Framework`]: what the caller knows it by, and its base score.
#[derive(Debug, Clone, PartialEq)]
pub struct Argument<N> {
    /// The caller's name or key for the argument.
    pub label: N,
    /// Its strength on its own.
    pub base: BaseScore,
}

impl<N> Argument<N> {
    /// An argument with its label and base score.
    pub fn new(label: N, base: BaseScore) -> Self {
        Self { label, base }
    }
}

/// What an edge of a [`Framework`] means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// The source argument attacks the target.
    Attack,
    /// The source argument supports the target.
    Support,
}

/// A base score: a number in [0, 1], checked once when it is made.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct BaseScore(f64);

/// A number that is not a base score: outside [0, 1], or not a number.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("base score {0} is not a number from 0 to 1")]
pub struct OutOfRange(pub f64);

impl BaseScore {
    /// The neutral score, 0.5: as likely to stand as to fall.
    pub const NEUTRAL: Self = Self(0.5);

    /// A base score.
    ///
    /// # Errors
    /// [`OutOfRange`] unless `0 <= value <= 1`.
    pub fn new(value: f64) -> Result<Self, OutOfRange> {
        if (0.0..=1.0).contains(&value) {
            Ok(Self(value))
        } else {
            Err(OutOfRange(value))
        }
    }

    /// The score as a number.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// A gradual semantics; see the [module documentation](self) for each one's update rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Semantics {
    /// Weighted h-categoriser (Besnard and Hunter 2001; Amgoud et al. 2017). Attacks only.
    HCategoriser,
    /// DF-QuAD (Rago et al. 2016).
    DfQuad,
    /// The quadratic energy model, continuous (Potyka 2018).
    Qem,
    /// Euler-based semantics (Amgoud and Ben-Naim 2018).
    Euler,
    /// Social abstract argumentation with product semantics (Leite and Martins 2011), on base
    /// scores made from votes by [`social_score`]. Attacks only.
    Social,
}

impl Semantics {
    /// Every semantics, in the order of the module documentation.
    pub const ALL: [Self; 5] = [
        Self::HCategoriser,
        Self::DfQuad,
        Self::Qem,
        Self::Euler,
        Self::Social,
    ];

    /// The name used on the command line and in JSON results.
    pub fn name(self) -> &'static str {
        match self {
            Self::HCategoriser => "h-categoriser",
            Self::DfQuad => "df-quad",
            Self::Qem => "qem",
            Self::Euler => "euler",
            Self::Social => "social",
        }
    }

    /// Whether the semantics reads supports.
    pub fn reads_supports(self) -> bool {
        matches!(self, Self::DfQuad | Self::Qem | Self::Euler)
    }

    /// Whether every framework has one answer by construction, so that no second start need
    /// look for another: weighted h-categoriser's fixed point is unique on every framework
    /// (Amgoud et al. 2017), and QEM's strength is the limit from the base scores.
    pub fn has_unique_strengths(self) -> bool {
        matches!(self, Self::HCategoriser | Self::Qem)
    }
}

impl fmt::Display for Semantics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not one of [`Semantics::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown semantics {0:?} (expected one of: h-categoriser, df-quad, qem, euler, social)")]
pub struct UnknownSemantics(pub String);

impl FromStr for Semantics {
    type Err = UnknownSemantics;

    fn from_str(name: &str) -> Result<Self, UnknownSemantics> {
        Self::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| UnknownSemantics(name.to_owned()))
    }
}

/// When an iteration stops.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// An iteration has converged when no strength changes by more than this in one update
    /// (for QEM: when no strength's derivative is larger). Default `1e-9`.
    pub tolerance: f64,
    /// The most updates of every argument one computation may make (each Runge-Kutta stage
    /// counts as one). Default 10,000.
    pub max_updates: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            tolerance: 1e-9,
            max_updates: 10_000,
        }
    }
}

/// How a cyclic framework was solved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Every argument updated at once from the previous values.
    Jacobi,
    /// Jacobi steps averaged with the previous values, after the plain ones did not settle.
    Averaged,
    /// Runge-Kutta steps of the semantics' differential equation, finished near its equilibrium
    /// by simultaneous updates (Euler steps of size 1) while they contract.
    RungeKutta,
}

impl Method {
    fn describe(self) -> &'static str {
        match self {
            Self::Jacobi => "simultaneous updates",
            Self::Averaged => {
                "averaged simultaneous updates (the plain ones oscillated or were too slow)"
            }
            Self::RungeKutta => {
                "adaptive Runge-Kutta integration (Dormand-Prince), then simultaneous updates \
                 while they contract"
            }
        }
    }
}

/// How a result was reached, and whether it is the answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The framework is acyclic: one pass in topological order.
    Exact,
    /// The iteration settled within the tolerance.
    Converged {
        /// How.
        method: Method,
        /// The most updates one cyclic component took, its uniqueness check included.
        updates: usize,
        /// The largest change in a component's last update (for QEM, the largest derivative).
        residual: f64,
    },
    /// The iteration reached [`Options::max_updates`] without settling.
    NotConverged {
        /// How the last attempt iterated.
        method: Method,
        /// The most updates one cyclic component took.
        updates: usize,
        /// The largest change in the last update of a component that did not settle.
        residual: f64,
        /// Arguments that had not settled, before counting those they reach.
        unsettled: usize,
    },
    /// The equations have more than one solution: two starts settled at different strengths.
    NotUnique {
        /// How the iterations ran.
        method: Method,
        /// The most updates one cyclic component took, its uniqueness check included.
        updates: usize,
        /// Arguments whose strength differed between the two solutions.
        differing: usize,
        /// One of them: its node index and its strength in each solution.
        example: (usize, f64, f64),
    },
}

/// The strengths of a framework's arguments under one semantics, and how they were reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Strengths {
    /// The semantics.
    pub semantics: Semantics,
    /// Each argument's strength, by node index; `None` where the iteration did not converge,
    /// or the answer depends on where it starts (see [`Outcome`]).
    pub values: Vec<Option<f64>>,
    /// How the strengths were reached.
    pub outcome: Outcome,
    /// The tolerance asked for.
    pub tolerance: f64,
    /// Supports in the framework that the semantics does not read.
    pub ignored_supports: usize,
}

impl Strengths {
    /// Whether the strengths are the answer: exact, or converged to the tolerance.
    pub fn converged(&self) -> bool {
        matches!(self.outcome, Outcome::Exact | Outcome::Converged { .. })
    }

    /// Why the strengths are not all given, or `None` when they are.
    pub fn reason<N: fmt::Display>(&self, framework: &Framework<N>) -> Option<String> {
        match &self.outcome {
            Outcome::Exact | Outcome::Converged { .. } => None,
            Outcome::NotConverged {
                method,
                updates,
                residual,
                unsettled,
            } => Some(format!(
                "did not converge: after {updates} updates ({}) strengths still changed by up to \
                 {residual:e}, more than the tolerance {:e}; {unsettled} arguments had not \
                 settled, and they and every argument they reach get no strength",
                method.describe(),
                self.tolerance
            )),
            Outcome::NotUnique {
                differing,
                example: (node, first, second),
                ..
            } => Some(format!(
                "not unique: the equations have more than one solution, {differing} arguments \
                 settle at different strengths from different starts (\"{}\" at {first} or \
                 {second}); they and every argument they reach get no strength",
                framework[petgraph::graph::NodeIndex::new(*node)].label
            )),
        }
    }

    /// How the strengths were computed, in words, for printing beside them.
    pub fn describe(&self) -> String {
        let how = match &self.outcome {
            Outcome::Exact => "acyclic: one pass in topological order".to_owned(),
            Outcome::Converged {
                method,
                updates,
                residual,
            } => format!(
                "cyclic: {}, each component converged within {updates} updates (last change {residual:e}, \
                 tolerance {:e})",
                method.describe(),
                self.tolerance
            ),
            Outcome::NotConverged { method, .. } | Outcome::NotUnique { method, .. } => {
                format!("cyclic: {}, no single answer", method.describe())
            }
        };
        let ignored = match self.ignored_supports {
            0 => String::new(),
            n => format!(
                "; {n} supports ignored ({} reads attacks only)",
                self.semantics
            ),
        };
        format!("{}: {how}{ignored}", self.semantics)
    }
}

/// The strengths of every argument of `framework` under `semantics`.
///
/// Acyclic frameworks are solved in one pass; cyclic ones by iteration, as the [module
/// documentation](self) describes, with the result saying whether it converged and whether it is
/// unique.
///
/// # Complexity
/// `O(V + E)` to find the strongly connected components and compute every argument on no cycle,
/// where `V` and `E` are the framework's arguments and relations, and `O(V + E)` memory besides
/// the framework. Each cyclic component then takes `O(V_c + E_c)` work per update (its own
/// arguments and the relations into them; one that holds more than half the arguments is
/// iterated in place over vectors of all `V`, fewer than `2 V_c`), split over the available
/// cores in a large component (so `O((V_c + E_c) / p)` time on `p` cores, less where the cores
/// share a memory bus), for as many updates as its iteration needs, at most
/// [`Options::max_updates`] (twice as many for the uniqueness check of DF-QuAD, Euler and
/// social): the number depends on how fast the semantics contracts, not on the framework's
/// size.
pub fn strengths<N: std::hash::Hash>(
    framework: &Framework<N>,
    semantics: Semantics,
    options: &Options,
) -> Strengths {
    let ignored_supports = if semantics.reads_supports() {
        0
    } else {
        framework
            .edge_weights()
            .filter(|&&r| r == Relation::Support)
            .count()
    };
    let (values, outcome) = solve::solve(framework, semantics, options);
    Strengths {
        semantics,
        values,
        outcome,
        tolerance: options.tolerance,
        ignored_supports,
    }
}
