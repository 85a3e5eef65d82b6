"""Checks argsem's gradual strengths against formal-argumentation, an implementation we did not
write.

    python3 gradual_formal_argumentation.py DIR TOLERANCE

DIR holds frameworks as F.bag and argsem's results as F.SEMANTICS.json. For each result this
computes the same semantics with formal-argumentation (tolerance 1e-12, so that its own
stopping error stays well below TOLERANCE) and compares every strength:

- df-quad: argumentation.gradual.dfquad.dfquad_strengths (topological on acyclic graphs,
  simultaneous iteration on cyclic ones);
- qem: argumentation.gradual.gradual.quadratic_energy_strengths (Potyka's continuous model,
  adaptive Runge-Kutta);
- h-categoriser: argumentation.ranking.ranking.categoriser_scores (Besnard and Hunter's
  categoriser, 1 / (1 + sum of the attackers), on frameworks whose base scores are all 1), and
  h_categoriser_ranking, which caps the attackers' sum at 1: it is compared only where no
  argument's attackers add up to more than 1, the one case where the two functions agree.

Where argsem gives no single answer (not converged, or not unique) there is nothing to compare,
and where formal-argumentation does not converge neither: both are counted.

Prints one line per kind of outcome and exits 1 on any difference larger than TOLERANCE.
"""

import json
import pathlib
import re
import sys

from argumentation.core.dung import ArgumentationFramework
from argumentation.gradual.dfquad import dfquad_strengths
from argumentation.gradual.gradual import WeightedBipolarGraph, quadratic_energy_strengths
from argumentation.ranking.ranking import categoriser_scores, h_categoriser_ranking

FACT = re.compile(r"^\s*(arg|att|sup)\(([^,()]+),([^,()]+)\)\.?\s*$")


def read_bag(path):
    weights, attacks, supports = {}, set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = FACT.match(line)
        if not match:
            raise SystemExit(f"{path}: unexpected line {line!r}")
        kind, first, second = match.group(1), match.group(2).strip(), match.group(3).strip()
        if kind == "arg":
            weights[first] = float(second)
        elif kind == "att":
            attacks.add((first, second))
        else:
            supports.add((first, second))
    return weights, attacks, supports


def theirs(semantics, weights, attacks, supports):
    """Their strengths and whether they converged, or None where they do not apply."""
    if semantics == "df-quad":
        graph = WeightedBipolarGraph(frozenset(weights), weights, frozenset(attacks), frozenset(supports))
        result = dfquad_strengths(graph, tolerance=1e-12, max_iterations=100_000)
        return result.strengths, result.converged
    if semantics == "qem":
        graph = WeightedBipolarGraph(frozenset(weights), weights, frozenset(attacks), frozenset(supports))
        result = quadratic_energy_strengths(graph, tolerance=1e-12, max_iterations=100_000)
        return result.strengths, result.converged
    if semantics == "h-categoriser":
        assert all(w == 1.0 for w in weights.values()), "the categoriser has no base scores"
        framework = ArgumentationFramework(frozenset(weights), frozenset(attacks))
        result = categoriser_scores(framework, tolerance=1e-12, max_iterations=100_000)
        return result.scores, result.converged
    if semantics == "h-categoriser-capped":
        framework = ArgumentationFramework(frozenset(weights), frozenset(attacks))
        result = h_categoriser_ranking(framework, tolerance=1e-12, max_iterations=100_000)
        return result.scores, result.converged
    raise SystemExit(f"unknown semantics {semantics}")


def attack_sums_at_most_one(ours, attacks):
    total = {}
    for a, b in attacks:
        total[b] = total.get(b, 0.0) + ours[a]
    return all(value <= 1.0 for value in total.values())


def main():
    directory, tolerance = pathlib.Path(sys.argv[1]), float(sys.argv[2])
    counts = {}
    worst = 0.0
    failures = []

    def count(key):
        counts[key] = counts.get(key, 0) + 1

    for path in sorted(directory.glob("*.json")):
        name, semantics = path.name.split(".")[:2]
        result = json.loads(path.read_text(encoding="utf-8"))
        if result["semantics"] != semantics:
            failures.append(f"{path.name}: semantics {result['semantics']!r}")
            continue
        weights, attacks, supports = read_bag(directory / f"{name}.bag")
        ours = result["strengths"]
        if not result["converged"]:
            count(f"{semantics}: argsem gives no single answer ({result['reason'].split(':')[0]})")
            continue
        kinds = [semantics]
        if semantics == "h-categoriser" and attack_sums_at_most_one(ours, attacks):
            kinds.append("h-categoriser-capped")
        for kind in kinds:
            strengths, converged = theirs(kind, weights, attacks, supports)
            if not converged:
                count(f"{kind}: formal-argumentation did not converge")
                continue
            count(f"{kind}: compared")
            for argument, value in strengths.items():
                difference = abs(value - ours[argument])
                worst = max(worst, difference)
                if difference > tolerance:
                    failures.append(
                        f"{path.name} ({kind}): {argument} is {ours[argument]!r} here, "
                        f"{value!r} in formal-argumentation"
                    )
    for key in sorted(counts):
        print(f"{key}: {counts[key]}")
    print(f"largest difference: {worst:.3e}")
    for failure in failures[:20]:
        print(failure)
    sys.exit(1 if failures else 0)


main()
