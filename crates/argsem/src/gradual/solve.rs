//! Solving a semantics' equations component by component: the strongly connected components
//! in topological order, each argument off a cycle in one update and each cyclic component by
//! iteration or integration with its inputs from earlier components held fixed, with the checks
//! that say whether the answer is one.

use super::rules::update;
use super::{Framework, Method, Options, Outcome, Relation, Semantics};
use petgraph::visit::EdgeRef;
use petgraph::Direction::Outgoing;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Each argument's attackers or supporters, in one array (compressed rows), so that an update
/// reads them in order instead of following petgraph's edge lists.
struct Inputs {
    start: Vec<usize>,
    source: Vec<u32>,
}

impl Inputs {
    fn new<N>(framework: &Framework<N>, relation: Relation) -> Self {
        let pairs = framework
            .raw_edges()
            .iter()
            .filter(|e| e.weight == relation)
            .map(|e| (e.source().index() as u32, e.target().index() as u32));
        Self::from_pairs(framework.node_count(), pairs)
    }

    /// From `(source, target)` pairs of arguments below `n`, each target's sources in the order
    /// the pairs come.
    fn from_pairs(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Self {
        let mut start = vec![0usize; n + 1];
        for (_, target) in pairs.clone() {
            start[target as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut source = vec![0u32; start[n]];
        for (from, target) in pairs {
            let slot = &mut next[target as usize];
            source[*slot] = from;
            *slot += 1;
        }
        Self { start, source }
    }

    fn none(n: usize) -> Self {
        Self {
            start: vec![0; n + 1],
            source: Vec::new(),
        }
    }

    fn of(&self, argument: usize) -> &[u32] {
        &self.source[self.start[argument]..self.start[argument + 1]]
    }
}

/// A semantics' equations on one framework, or on one component of it copied into arrays of
/// its own.
struct System {
    semantics: Semantics,
    base: Vec<f64>,
    attackers: Inputs,
    supporters: Inputs,
}

/// How updates are split over threads: up to `threads` of them for a run over at least
/// `least_work` arguments and relations, one below.
#[derive(Clone, Copy)]
pub(super) struct Parallel {
    pub(super) threads: usize,
    pub(super) least_work: usize,
}

impl Parallel {
    /// Every core for a large run: below 65,536 arguments and relations an update stays on
    /// one thread, since starting threads for it would cost more than the update (an update of
    /// 10^4 arguments takes tens of microseconds, about what starting a thread does).
    fn of_this_machine() -> Self {
        Self {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            least_work: 1 << 16,
        }
    }

    fn threads_for(self, work: usize) -> usize {
        if work < self.least_work {
            1
        } else {
            self.threads
        }
    }
}

impl System {
    fn new<N>(framework: &Framework<N>, semantics: Semantics) -> Self {
        let n = framework.node_count();
        let attackers = Inputs::new(framework, Relation::Attack);
        let supporters = if semantics.reads_supports() {
            Inputs::new(framework, Relation::Support)
        } else {
            Inputs::none(n)
        };
        Self {
            semantics,
            base: framework.node_weights().map(|a| a.base.get()).collect(),
            attackers,
            supporters,
        }
    }

    /// One argument's update from `s`.
    fn update(&self, a: usize, s: &[f64]) -> f64 {
        update(
            self.semantics,
            self.base[a],
            self.attackers.of(a),
            self.supporters.of(a),
            s,
        )
    }

    /// How many attackers and supporters `a` reads.
    fn inputs(&self, a: usize) -> usize {
        self.attackers.of(a).len() + self.supporters.of(a).len()
    }

    /// Input `i` of argument `a`: its attackers, then its supporters.
    fn input(&self, a: usize, i: usize) -> Option<u32> {
        let attackers = self.attackers.of(a);
        match attackers.get(i) {
            Some(&b) => Some(b),
            None => self.supporters.of(a).get(i - attackers.len()).copied(),
        }
    }

    /// Whether `a` is on a cycle of length one.
    fn answers_itself(&self, a: usize) -> bool {
        let a32 = a as u32;
        self.attackers.of(a).contains(&a32) || self.supporters.of(a).contains(&a32)
    }
}

/// The arguments a run updates, as places in a system's vectors; every other place is held at
/// the value it starts with, and a run's vectors agree there throughout, so that no update
/// need copy them. The members are in increasing order and split into consecutive ranges of
/// about equal work, one a thread: range `i` is `members[bounds[i]..bounds[i + 1]]`.
struct Sweep<'a> {
    system: &'a System,
    members: Vec<u32>,
    bounds: Vec<usize>,
}

impl<'a> Sweep<'a> {
    fn new(system: &'a System, members: Vec<u32>, parallel: Parallel) -> Self {
        // An argument costs one write and a read per input.
        let work = |a: u32| 1 + system.inputs(a as usize);
        let total: usize = members.iter().map(|&a| work(a)).sum();
        let threads = parallel.threads_for(total).clamp(1, members.len().max(1));
        let mut bounds = vec![0];
        let (mut i, mut done) = (0, 0);
        for t in 1..threads {
            let goal = total * t / threads;
            while i < members.len() && done < goal {
                done += work(members[i]);
                i += 1;
            }
            bounds.push(i);
        }
        bounds.push(members.len());
        Self {
            system,
            members,
            bounds,
        }
    }

    /// `F(from)` into `to` at the members; returns their largest `|F(from) − from|`. The other
    /// places of `to` are left as they are.
    ///
    /// Each thread writes its own range of `to` and reads only `from`, and every argument's
    /// update is computed the same way on whichever thread, so the result is the same to the
    /// bit however many threads there are.
    fn apply(&self, from: &[f64], to: &mut [f64]) -> f64 {
        self.in_parallel(to, |members, first, part| {
            let mut residual = 0.0f64;
            for &a in members {
                let a = a as usize;
                let value = self.system.update(a, from);
                part[a - first] = value;
                residual = residual.max((value - from[a]).abs());
            }
            residual
        })
        .into_iter()
        .fold(0.0, f64::max)
    }

    /// Runs `work(members, first, part)` on each range of the members, one range a thread:
    /// `part` is the slice of `out` from place `first` that holds those members and no
    /// other range's; the results in range order.
    fn in_parallel<R: Send>(
        &self,
        out: &mut [f64],
        work: impl Fn(&[u32], usize, &mut [f64]) -> R + Sync,
    ) -> Vec<R> {
        let mut parts = Vec::with_capacity(self.bounds.len() - 1);
        let mut rest = out;
        let mut first = 0;
        for range in self.bounds.windows(2) {
            // A range's slice ends where the next range's first member is.
            let end = self
                .members
                .get(range[1])
                .map_or(first + rest.len(), |&a| a as usize);
            let (part, tail) = rest.split_at_mut(end - first);
            parts.push((&self.members[range[0]..range[1]], first, part));
            rest = tail;
            first = end;
        }
        let work = &work;
        std::thread::scope(|scope| {
            let mut parts = parts.into_iter();
            let (members, first, own) = parts.next().expect("at least one range");
            let others: Vec<_> = parts
                .map(|(members, first, part)| scope.spawn(move || work(members, first, part)))
                .collect();
            // The calling thread takes the first range rather than wait idle.
            let mut results = vec![work(members, first, own)];
            for other in others {
                results.push(
                    other
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            results
        })
    }
}

/// Where an iteration ended.
struct Run {
    values: Vec<f64>,
    /// The values one update before, to tell which arguments still moved.
    previous: Vec<f64>,
    updates: usize,
    residual: f64,
    converged: bool,
}

/// Simultaneous updates from `start` until the largest change is at most the tolerance, the
/// values repeat every second update while the change shrinks by less than a tenth an update
/// (an oscillation that will not settle, or only very slowly), or `budget` updates are made.
/// `averaged` halves every step: `s ← (s + F(s)) / 2`, which leaves the held places as they are.
fn iterate(sweep: &Sweep, start: Vec<f64>, averaged: bool, tolerance: f64, budget: usize) -> Run {
    let mut current = start;
    let mut next = current.clone();
    let mut before = current.clone();
    let mut updates = 0;
    let mut residual = f64::INFINITY;
    while updates < budget {
        let last = residual;
        residual = sweep.apply(&current, &mut next);
        updates += 1;
        if averaged {
            for (n, c) in next.iter_mut().zip(&current) {
                *n = 0.5 * (*n + c);
            }
        }
        if residual <= tolerance {
            return Run {
                values: next,
                previous: current,
                updates,
                residual,
                converged: true,
            };
        }
        // An iteration that converges while alternating also comes back near where it was two
        // updates before; what tells an oscillation apart is a change that does not shrink.
        let cycling =
            updates >= 2 && residual > 0.9 * last && max_difference(&next, &before) <= tolerance;
        // before <- current <- next, reusing the buffers.
        std::mem::swap(&mut before, &mut current);
        std::mem::swap(&mut current, &mut next);
        if cycling {
            break;
        }
    }
    if updates == 0 {
        // Nothing has settled: every argument is as far from its last value as can be.
        before.fill(f64::INFINITY);
    }
    Run {
        values: current,
        previous: before,
        updates,
        residual,
        converged: false,
    }
}

/// Integrates `ds/dt = F(s) − s` from `start` with the Runge-Kutta pair of Dormand and Prince
/// (fifth order, with a fourth-order estimate of each step's error that sizes the next step;
/// six evaluations of `F` a step, the last one the next step's first), until the largest
/// derivative is at most the tolerance or `budget` evaluations are made.
///
/// Once no derivative exceeds [`FINISH`], simultaneous updates take over for as long as each
/// shrinks the largest derivative: an update `s ← F(s)` is an Euler step of size 1 of the same
/// equation, one evaluation per unit of time where a Runge-Kutta step of size 2 takes six, and
/// while it contracts it converges to the equilibrium the flow is approaching. The first update
/// that does not shrink it hands back to Runge-Kutta from where the updates began.
fn integrate(sweep: &Sweep, start: Vec<f64>, tolerance: f64, budget: usize) -> Run {
    // How far a step may stray from the exact trajectory: only the trajectory decides which
    // equilibrium is reached, so this need not be as tight as the tolerance of the answer. On
    // the benchmark's framework at 10^5 arguments this ends within 3·10^-10 of a fourth-order
    // integration held to 10^-8 a step, which took nine times the updates.
    const STEP_ERROR: f64 = 1e-5;
    // The pair is stable on this equation for steps up to about 3.3 / (1 + the largest
    // eigenvalue of F's derivative); the error estimate finds out where.
    const LARGEST_STEP: f64 = 3.0;
    const SMALLEST_STEP: f64 = 1e-6;
    let n = start.len();
    let mut s = start;
    // The stages' derivatives, 0 at the held places; k[0] is the derivative at `s`.
    let mut k: [Vec<f64>; 7] = std::array::from_fn(|_| vec![0.0; n]);
    // Written only at the members: the held places stay as in `s`.
    let mut point = s.clone();
    let mut other = s.clone();
    let mut residual = derivative_of(sweep, &s, &mut k[0]);
    let mut evaluations = 1;
    let mut step = 0.5;
    let mut updates_tried = false;
    loop {
        if residual <= FINISH && !updates_tried && residual > tolerance {
            updates_tried = true;
            // The first update, `F(s) = s + ds/dt`, is already known.
            for ((p, x), d) in point.iter_mut().zip(&s).zip(&k[0]) {
                *p = x + d;
            }
            let mut shrinking = residual;
            while evaluations < budget {
                let next = sweep.apply(&point, &mut other);
                evaluations += 1;
                if next >= shrinking {
                    break;
                }
                shrinking = next;
                std::mem::swap(&mut point, &mut other);
                if shrinking <= tolerance {
                    // `point` is F of `other`, whose derivative is within the tolerance.
                    return Run {
                        previous: other,
                        values: point,
                        updates: evaluations,
                        residual: shrinking,
                        converged: true,
                    };
                }
            }
        }
        if residual <= tolerance || evaluations + 6 > budget {
            return Run {
                previous: s.iter().zip(&k[0]).map(|(x, d)| x - d).collect(),
                // A step may overshoot [0, 1] by about its error; the equation never leaves it.
                values: s.into_iter().map(|x| x.clamp(0.0, 1.0)).collect(),
                updates: evaluations,
                residual,
                converged: residual <= tolerance,
            };
        }
        // Near the equilibrium a step must also err by much less than the derivative it is
        // reducing, or steps at the edge of stability keep the derivative from falling.
        let allowed = STEP_ERROR.min(0.1 * residual);
        loop {
            for stage in 1..7 {
                let (known, rest) = k.split_at_mut(stage);
                let known: &[Vec<f64>] = known;
                let s = &s;
                sweep.in_parallel(&mut point, |members, first, part| {
                    for &i in members {
                        let i = i as usize;
                        let slope: f64 = known
                            .iter()
                            .zip(&DORMAND_PRINCE[stage - 1])
                            .map(|(k, a)| a * k[i])
                            .sum();
                        part[i - first] = s[i] + step * slope;
                    }
                });
                derivative_of(sweep, &point, &mut rest[0]);
            }
            evaluations += 6;
            // The last stage's point is the fifth-order step; the difference from the
            // fourth-order one is the error estimate.
            let error = (0..n)
                .map(|i| {
                    let e: f64 = k.iter().zip(&ERROR).map(|(k, e)| e * k[i]).sum();
                    (step * e).abs()
                })
                .fold(0.0, f64::max);
            if error <= allowed || step <= SMALLEST_STEP {
                std::mem::swap(&mut s, &mut point);
                k.swap(0, 6);
                residual = k[0].iter().fold(0.0, |m, d| d.abs().max(m));
                step = (step * grow(error, allowed)).min(LARGEST_STEP);
                break;
            }
            step = (step * grow(error, allowed)).max(SMALLEST_STEP);
        }
    }
}

/// The Dormand-Prince coefficients: row `i` weighs the derivatives of stages `0..=i` for stage
/// `i + 1`; the last row is the fifth-order step.
const DORMAND_PRINCE: [[f64; 6]; 6] = [
    [1.0 / 5.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0],
    [44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0.0, 0.0, 0.0],
    [
        19372.0 / 6561.0,
        -25360.0 / 2187.0,
        64448.0 / 6561.0,
        -212.0 / 729.0,
        0.0,
        0.0,
    ],
    [
        9017.0 / 3168.0,
        -355.0 / 33.0,
        46732.0 / 5247.0,
        49.0 / 176.0,
        -5103.0 / 18656.0,
        0.0,
    ],
    [
        35.0 / 384.0,
        0.0,
        500.0 / 1113.0,
        125.0 / 192.0,
        -2187.0 / 6784.0,
        11.0 / 84.0,
    ],
];

/// The fifth-order weights less the fourth-order ones, for the seven stages.
const ERROR: [f64; 7] = [
    71.0 / 57600.0,
    0.0,
    -71.0 / 16695.0,
    71.0 / 1920.0,
    -17253.0 / 339200.0,
    22.0 / 525.0,
    -1.0 / 40.0,
];

/// The largest derivative at which [`integrate`] tries simultaneous updates.
const FINISH: f64 = 1e-4;

/// The usual factor for the next step of a method whose error estimate is of fourth order,
/// after a step that erred by `error` against `allowed`: a safety margin of 0.9, no more than
/// 4 times larger nor 5 times smaller.
fn grow(error: f64, allowed: f64) -> f64 {
    if error == 0.0 {
        return 4.0;
    }
    (0.9 * (allowed / error).powf(0.2)).clamp(0.2, 4.0)
}

/// `F(s) − s` into `out` at the members; returns its largest absolute value.
fn derivative_of(sweep: &Sweep, s: &[f64], out: &mut [f64]) -> f64 {
    sweep.apply(s, out);
    let mut largest = 0.0f64;
    for &a in &sweep.members {
        let d = &mut out[a as usize];
        *d -= s[a as usize];
        largest = largest.max(d.abs());
    }
    largest
}

fn max_difference(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// A start unrelated to the base scores, the same on every run: a second solution found from it
/// shows the equations have more than one. Each argument's start comes from what it is (its
/// label, base score and numbers of attackers, supporters and targets), not its place in the
/// graph, so that storing the arguments in another order probes the same point. The label
/// tells apart arguments that the framework's symmetries exchange, such as the two sides of a
/// mutual attack, whose second solutions a start taken from the structure alone would miss.
/// Arguments alike in all of that are told apart by their order among themselves: where they
/// are exchangeable, another order starts from the mirror image of the same point, and finds
/// the mirror image of the same solutions.
fn elsewhere<N: Hash>(framework: &Framework<N>, system: &System) -> Vec<f64> {
    let n = framework.node_count();
    let mut targets = vec![(0u64, 0u64); n];
    for &b in &system.attackers.source {
        targets[b as usize].0 += 1;
    }
    for &b in &system.supporters.source {
        targets[b as usize].1 += 1;
    }
    let mut alike: HashMap<u64, u64> = HashMap::new();
    framework
        .node_weights()
        .zip(targets)
        .enumerate()
        .map(|(a, (argument, (attacked, supported)))| {
            let mut hasher = Fnv1a::default();
            argument.label.hash(&mut hasher);
            hasher.write_u64(argument.base.get().to_bits());
            for count in [
                system.attackers.of(a).len() as u64,
                system.supporters.of(a).len() as u64,
                attacked,
                supported,
            ] {
                hasher.write_u64(count);
            }
            let seen = alike.entry(hasher.finish()).or_default();
            hasher.write_u64(*seen);
            *seen += 1;
            // SplitMix64's finaliser, to spread similar arguments over [0, 1).
            let mut z = hasher.finish().wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            (z >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

/// Tarjan's search: each argument's place in the search, the lowest place reachable from it,
/// the stack of arguments not yet in a component, and the path from the root.
struct Tarjan {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    /// Each argument on the path with the next of its inputs to follow.
    path: Vec<(u32, usize)>,
    next_index: u32,
}

impl Tarjan {
    const UNSEEN: u32 = u32::MAX;

    fn visit(&mut self, a: u32) {
        self.index[a as usize] = self.next_index;
        self.low[a as usize] = self.next_index;
        self.next_index += 1;
        self.on_stack[a as usize] = true;
        self.stack.push(a);
        self.path.push((a, 0));
    }
}

/// The strongly connected components of a system, in topological order: each after every
/// component it reads from. Tarjan's algorithm, following each argument's inputs (so the
/// components come out inputs first), with its own stack rather than recursion, so that a
/// long chain of arguments cannot overflow the thread's.
struct Components {
    /// The arguments, component by component.
    members: Vec<u32>,
    /// Component `i` is `members[bounds[i]..bounds[i + 1]]`.
    bounds: Vec<usize>,
}

impl Components {
    fn of(system: &System) -> Self {
        let n = system.base.len();
        let mut search = Tarjan {
            index: vec![Tarjan::UNSEEN; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            path: Vec::new(),
            next_index: 0,
        };
        let mut members = Vec::with_capacity(n);
        let mut bounds = vec![0];
        for root in 0..n as u32 {
            if search.index[root as usize] != Tarjan::UNSEEN {
                continue;
            }
            search.visit(root);
            while let Some(&mut (a, ref mut next)) = search.path.last_mut() {
                if let Some(b) = system.input(a as usize, *next) {
                    *next += 1;
                    if search.index[b as usize] == Tarjan::UNSEEN {
                        search.visit(b);
                    } else if search.on_stack[b as usize] {
                        search.low[a as usize] =
                            search.low[a as usize].min(search.index[b as usize]);
                    }
                    continue;
                }
                search.path.pop();
                let low = search.low[a as usize];
                if let Some(&(parent, _)) = search.path.last() {
                    search.low[parent as usize] = search.low[parent as usize].min(low);
                }
                if low == search.index[a as usize] {
                    loop {
                        let b = search.stack.pop().expect("a is on the stack");
                        search.on_stack[b as usize] = false;
                        members.push(b);
                        if b == a {
                            break;
                        }
                    }
                    bounds.push(members.len());
                }
            }
        }
        Self { members, bounds }
    }

    fn iter(&self) -> impl Iterator<Item = &[u32]> {
        self.bounds.windows(2).map(|w| &self.members[w[0]..w[1]])
    }
}

/// FNV-1a, whose output, unlike the standard library's hasher, is specified and so the same
/// with every compiler.
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Every argument reachable from a marked one along attacks and supports, marked too.
fn close_downstream<N>(framework: &Framework<N>, marked: &mut [bool]) {
    let mut stack: Vec<usize> = (0..marked.len()).filter(|&a| marked[a]).collect();
    while let Some(a) = stack.pop() {
        for edge in framework.edges_directed(petgraph::graph::NodeIndex::new(a), Outgoing) {
            let b = edge.target().index();
            if !marked[b] {
                marked[b] = true;
                stack.push(b);
            }
        }
    }
}

fn without(values: Vec<f64>, unknown: &[bool]) -> Vec<Option<f64>> {
    values
        .into_iter()
        .zip(unknown)
        .map(|(v, &u)| (!u).then_some(v))
        .collect()
}

pub(super) fn solve<N: Hash>(
    framework: &Framework<N>,
    semantics: Semantics,
    options: &Options,
) -> (Vec<Option<f64>>, Outcome) {
    // At most one component holds more than half the arguments, so the vectors of the
    // framework's length that iterating in place takes are made once at most, and they are
    // less than twice as long as the component's own would be.
    let in_place_above = framework.node_count() / 2;
    solve_on(
        framework,
        semantics,
        options,
        Parallel::of_this_machine(),
        in_place_above,
    )
}

/// [`solve`] with each update of a large enough component split over threads as `parallel`
/// says, and each cyclic component of more than `in_place_above` arguments iterated in place.
pub(super) fn solve_on<N: Hash>(
    framework: &Framework<N>,
    semantics: Semantics,
    options: &Options,
    parallel: Parallel,
    in_place_above: usize,
) -> (Vec<Option<f64>>, Outcome) {
    let n = framework.node_count();
    let system = System::new(framework, semantics);
    let components = Components::of(&system);
    let mut values = system.base.clone();
    let mut unknown = vec![false; n];
    let mut tally: Option<Tally> = None;
    let mut probe_start: Option<Vec<f64>> = None;
    let mut local = Local::new(n);
    for component in components.iter() {
        if let &[a] = component {
            let a = a as usize;
            if !system.answers_itself(a) {
                // Every input is final: one update is the answer.
                values[a] = system.update(a, &values);
                continue;
            }
        }
        let probe_start = if semantics.has_unique_strengths() {
            None
        } else {
            Some(
                probe_start
                    .get_or_insert_with(|| elsewhere(framework, &system))
                    .as_slice(),
            )
        };
        let cyclic = Cyclic {
            system: &system,
            parallel,
            in_place_above,
            options,
        };
        let part = cyclic.solve(
            component,
            &mut local,
            &mut values,
            probe_start,
            &mut unknown,
        );
        tally = Some(match tally {
            None => part,
            Some(tally) => tally.and(part),
        });
    }
    let Some(tally) = tally else {
        return (values.into_iter().map(Some).collect(), Outcome::Exact);
    };
    if unknown.iter().any(|&u| u) {
        close_downstream(framework, &mut unknown);
    }
    let method = if semantics == Semantics::Qem {
        Method::RungeKutta
    } else if tally.averaged {
        Method::Averaged
    } else {
        Method::Jacobi
    };
    let outcome = if tally.unsettled > 0 {
        Outcome::NotConverged {
            method,
            updates: tally.updates,
            residual: tally.residual,
            unsettled: tally.unsettled,
        }
    } else if let Some(example) = tally.example {
        Outcome::NotUnique {
            method,
            updates: tally.updates,
            differing: tally.differing,
            example,
        }
    } else {
        Outcome::Converged {
            method,
            updates: tally.updates,
            residual: tally.residual,
        }
    };
    (without(values, &unknown), outcome)
}

/// What the cyclic components' solutions came to.
struct Tally {
    /// The most updates one component took.
    updates: usize,
    /// The largest last change of a component that settled, or of one that did not when there
    /// is one.
    residual: f64,
    averaged: bool,
    /// Arguments that had not settled.
    unsettled: usize,
    /// Arguments with two solutions, and the first of them found.
    differing: usize,
    example: Option<(usize, f64, f64)>,
}

impl Tally {
    fn and(self, other: Tally) -> Tally {
        let residual = match (self.unsettled > 0, other.unsettled > 0) {
            (true, false) => self.residual,
            (false, true) => other.residual,
            _ => self.residual.max(other.residual),
        };
        Tally {
            updates: self.updates.max(other.updates),
            residual,
            averaged: self.averaged || other.averaged,
            unsettled: self.unsettled + other.unsettled,
            differing: self.differing + other.differing,
            example: self.example.or(other.example),
        }
    }
}

/// Where each argument of the framework sits in the component being solved (`u32::MAX` when
/// it is not there), kept between components so that each costs only its own size.
struct Local {
    index: Vec<u32>,
    /// The framework's arguments in the component's system: the component's, then the inputs
    /// it reads from earlier components.
    members: Vec<u32>,
}

impl Local {
    fn new(n: usize) -> Self {
        Self {
            index: vec![u32::MAX; n],
            members: Vec::new(),
        }
    }

    fn place(&mut self, a: u32) -> u32 {
        let slot = &mut self.index[a as usize];
        if *slot == u32::MAX {
            *slot = self.members.len() as u32;
            self.members.push(a);
        }
        *slot
    }

    fn clear(&mut self) {
        for &a in &self.members {
            self.index[a as usize] = u32::MAX;
        }
        self.members.clear();
    }
}

/// The solution of one cyclic component at a time.
///
/// A component is copied into a [`System`] of its own, its arguments and the inputs it reads
/// from earlier components renumbered from 0, so that a run's vectors are as long as the
/// component and its inputs rather than the framework. A component of more than
/// `in_place_above` arguments is iterated in place instead, over the framework's arrays with
/// its members listed: on a framework that is one giant component the copy saves nothing, and
/// on a million arguments it cost 0.2 to 0.4 s of the 1.4 to 1.7 s spent outside the updates
/// (BENCHMARKS.md). Both read every input in the same order from the same values, so they give
/// the same bits.
struct Cyclic<'a> {
    system: &'a System,
    parallel: Parallel,
    in_place_above: usize,
    options: &'a Options,
}

impl Cyclic<'_> {
    /// Solves `component`, reading the final strengths of earlier components from `values` and
    /// writing its own there; marks in `unknown` its arguments without an answer.
    fn solve(
        &self,
        component: &[u32],
        local: &mut Local,
        values: &mut [f64],
        probe_start: Option<&[f64]>,
        unknown: &mut [bool],
    ) -> Tally {
        let k = component.len();
        let in_place = k > self.in_place_above;
        let restricted;
        // The run's start: the base scores of the component, the final strengths of what it
        // reads (in place: of every argument solved before it; the others are never read).
        let (sweep, start) = if in_place {
            let sweep = Sweep::new(
                self.system,
                in_order(component, values.len()),
                self.parallel,
            );
            (sweep, values.to_vec())
        } else {
            restricted = self.restricted(component, local, values);
            let members = (0..k as u32).collect();
            let start = restricted.base.clone();
            (Sweep::new(&restricted, members, self.parallel), start)
        };
        // The component's arguments in the framework, in the order of the sweep's members.
        let arguments = if in_place {
            &sweep.members
        } else {
            &local.members[..k]
        };
        let places = || sweep.members.iter().map(|&p| p as usize).zip(arguments);
        let tolerance = self.options.tolerance;
        let budget = self.options.max_updates;
        let (run, averaged) = if self.system.semantics == Semantics::Qem {
            (integrate(&sweep, start.clone(), tolerance, budget), false)
        } else {
            let plain = iterate(&sweep, start.clone(), false, tolerance, budget / 2);
            if plain.converged {
                (plain, false)
            } else {
                let left = budget - plain.updates;
                let mut run = iterate(&sweep, start.clone(), true, tolerance, left);
                run.updates += plain.updates;
                (run, true)
            }
        };
        for (p, &a) in places() {
            values[a as usize] = run.values[p];
        }
        let mut tally = Tally {
            updates: run.updates,
            residual: run.residual,
            averaged,
            unsettled: 0,
            differing: 0,
            example: None,
        };
        if !run.converged {
            for (p, &a) in places() {
                if (run.values[p] - run.previous[p]).abs() > tolerance {
                    unknown[a as usize] = true;
                    tally.unsettled += 1;
                }
            }
        } else if let Some(probe_start) = probe_start {
            let mut start = start;
            for (p, &a) in places() {
                start[p] = probe_start[a as usize];
            }
            let probe = iterate(&sweep, start, averaged, tolerance, budget);
            tally.updates += probe.updates;
            if probe.converged {
                let gap = tolerance.sqrt();
                for (p, &a) in places() {
                    if (run.values[p] - probe.values[p]).abs() > gap {
                        unknown[a as usize] = true;
                        tally.differing += 1;
                        tally
                            .example
                            .get_or_insert((a as usize, run.values[p], probe.values[p]));
                    }
                }
            }
        }
        local.clear();
        tally
    }

    /// The component's own equations: its arguments first, then the arguments of earlier
    /// components that it reads, held at their final strengths.
    fn restricted(&self, component: &[u32], local: &mut Local, values: &[f64]) -> System {
        for &a in component {
            local.place(a);
        }
        let k = component.len();
        let mut attacks = Vec::new();
        let mut supports = Vec::new();
        for i in 0..k {
            let a = local.members[i] as usize;
            for (inputs, pairs) in [
                (&self.system.attackers, &mut attacks),
                (&self.system.supporters, &mut supports),
            ] {
                for &b in inputs.of(a) {
                    pairs.push((local.place(b), i as u32));
                }
            }
        }
        let size = local.members.len();
        let base = local
            .members
            .iter()
            .enumerate()
            .map(|(i, &a)| {
                if i < k {
                    self.system.base[a as usize]
                } else {
                    values[a as usize]
                }
            })
            .collect();
        System {
            semantics: self.system.semantics,
            base,
            attackers: Inputs::from_pairs(size, attacks.iter().copied()),
            supporters: Inputs::from_pairs(size, supports.iter().copied()),
        }
    }
}

/// The arguments of `component`, of a framework of `n`, in increasing order: a pass over `n`
/// marks rather than a sort, for a component that holds most of them.
///
/// # Complexity
/// O(n).
fn in_order(component: &[u32], n: usize) -> Vec<u32> {
    let mut inside = vec![false; n];
    for &a in component {
        inside[a as usize] = true;
    }
    (0..n as u32).filter(|&a| inside[a as usize]).collect()
}
