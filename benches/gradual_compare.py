"""argsem's gradual semantics beside formal-argumentation's, on the same random framework.

    python3 benches/gradual_compare.py [ARGUMENTS RELATIONS]     (default 2000 10000)

Builds the framework of benches/gradual.rs (SplitMix64 seeded 2026, the same draws: RELATIONS
edges, every third a support, then a base score per argument), times formal-argumentation's
DF-QuAD, quadratic energy model and categoriser on it, then runs
`cargo bench --bench gradual -- ARGUMENTS RELATIONS` and prints argsem's time over theirs.
formal-argumentation keeps relations as sets and refuses a pair that both attacks and
supports: repeated edges count once there and such pairs are left out, which the output counts.
Its categoriser has no base scores (every argument starts at 1) where argsem's weighted
h-categoriser reads them: the same work per update, not the same numbers.

Needs formal-argumentation (tests/requirements.txt). Pure Python is slow: the default is a
five-hundredth of the Rust benchmark's size, where its quadratic energy model alone takes about
a minute and a half (it rebuilds the graph's index at every evaluation).
"""

import re
import subprocess
import sys
import time

from argumentation.core.dung import ArgumentationFramework
from argumentation.gradual.dfquad import dfquad_strengths
from argumentation.gradual.gradual import WeightedBipolarGraph, quadratic_energy_strengths
from argumentation.ranking.ranking import categoriser_scores

MASK = (1 << 64) - 1


class SplitMix64:
    """claimgraph::generate::SplitMix64, draw for draw."""

    def __init__(self, seed):
        self.state = seed

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        unit = (self.next_u64() >> 11) / float(1 << 53)
        return min(int(unit * n), n - 1)


def framework(arguments, relations):
    rng = SplitMix64(2026)
    edges = [(rng.below(arguments), rng.below(arguments)) for _ in range(relations)]
    weights = {f"a{i}": rng.below(1 << 20) / float(1 << 20) for i in range(arguments)}
    attacks, supports = set(), set()
    for i, (a, b) in enumerate(edges):
        (supports if i % 3 == 2 else attacks).add((f"a{a}", f"a{b}"))
    both = attacks & supports
    supports -= both
    attacks -= both
    return weights, attacks, supports, relations - len(attacks) - len(supports)


def argsem_times(arguments, relations):
    output = subprocess.run(
        ["cargo", "bench", "--bench", "gradual", "--", str(arguments), str(relations)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    times = {}
    for line in output.splitlines():
        match = re.match(r"^(h-categoriser|df-quad|qem|euler|social)\s+([0-9.]+)(ns|µs|ms|s)\s", line)
        if match:
            scale = {"ns": 1e-9, "µs": 1e-6, "ms": 1e-3, "s": 1.0}[match.group(3)]
            times[match.group(1)] = float(match.group(2)) * scale
    return output, times


def timed(f):
    start = time.perf_counter()
    result = f()
    return time.perf_counter() - start, result


def main():
    arguments, relations = (int(x) for x in sys.argv[1:3]) if len(sys.argv) > 2 else (2_000, 10_000)
    weights, attacks, supports, dropped = framework(arguments, relations)
    print(
        f"framework: {arguments} arguments, {len(attacks)} attacks, {len(supports)} supports "
        f"({dropped} repeated or both attacking and supporting, left out here)"
    )
    graph = WeightedBipolarGraph(frozenset(weights), weights, frozenset(attacks), frozenset(supports))
    theirs = {
        "df-quad": timed(lambda: dfquad_strengths(graph)),
        "qem": timed(lambda: quadratic_energy_strengths(graph)),
        "h-categoriser": timed(
            lambda: categoriser_scores(ArgumentationFramework(frozenset(weights), frozenset(attacks)))
        ),
    }
    report, ours = argsem_times(arguments, relations)
    print(report)
    # As everywhere in BENCHMARKS.md: ours over theirs, below 1 argsem is faster.
    print(f"{'semantics':<14} {'formal-argumentation':>21} {'argsem':>10} {'ratio':>10}  their outcome")
    for name, (seconds, result) in theirs.items():
        print(
            f"{name:<14} {seconds:>20.2f}s {ours[name]:>9.4f}s {ours[name] / seconds:>9.5f}x  "
            f"converged={result.converged} after {result.iterations} iterations"
        )


main()
