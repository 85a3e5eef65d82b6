#!/usr/bin/env python3
"""claimgraph side by side with what a user might pick instead: one run, one table.

Every figure is a ratio of two timings taken in the same run on the same input, so that the
noise of a shared machine cancels out: claimgraph's release binary against Oxigraph's own bulk
loader and query engine (through pyoxigraph), rdflib, and the ICCMA solver crustabri (run as a
separate program). Peak memory is each process's maximum resident set, from wait4(2).

Run it through `scripts/bench`, which builds the binary and installs the baselines; see
BENCHMARKS.md for what each row means. Writes the table to standard output and, in --out,
results.json and growth.svg.
"""

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BASELINES = HERE / "baselines"


class Failed(Exception):
    pass


def measure(cmd, stdout=None):
    """(seconds, peak MB) of one run of `cmd`; its standard output goes to `stdout` (a path)."""
    with open(stdout or os.devnull, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            raise Failed(f"{' '.join(map(str, cmd))}: exit {child.returncode}\n{err.read().decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


TIMEOUT = ["timeout", "300"]


def python_baseline(script, *args):
    """(seconds, peak MB, report): a baseline script times its own work, leaving out the
    interpreter's start-up and imports, which favours the baseline."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        _, peak = measure([*TIMEOUT, sys.executable, BASELINES / script, *map(str, args)], out.name)
        report = json.loads(Path(out.name).read_text())
    return report["seconds"], peak, report


def median_of(repeats, run):
    """The median time of `repeats` runs and the largest peak memory."""
    runs = [run() for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def interleaved(repeats, runs):
    """`median_of` for each of `runs`, taken in turn: the first of each, then the second..."""
    results = [[] for _ in runs]
    for _ in range(repeats):
        for result, run in zip(results, runs):
            result.append(run())
    return [(statistics.median(r[0] for r in rs), max(r[1] for r in rs)) for rs in results]


class Bench:
    def __init__(self, args):
        self.args = args
        self.bin = args.bin
        self.work = Path(tempfile.mkdtemp(prefix="claimgraph-bench-", dir=args.scratch))
        self.rows = []
        self.curves = {}

    def row(self, what, size, ours, baseline_name=None, baseline=None, note=""):
        """One line of the table: our (seconds, MB) against the baseline's; either may be
        missing (None) when it did not finish."""
        ratio = ours[0] / baseline[0] if ours and baseline and baseline[0] > 0 else None
        self.rows.append({
            "what": what, "size": size,
            "ours_s": ours[0] if ours else None, "ours_mb": ours[1] if ours else None,
            "baseline": baseline_name,
            "baseline_s": baseline[0] if baseline else None,
            "baseline_mb": baseline[1] if baseline else None,
            "ratio": ratio, "note": note,
        })
        shown = f"{ratio:.2f}x" if ratio is not None else "n/a"
        print(f"  {what} [{size}]: {ours[0] if ours else float('nan'):.3f}s vs {baseline_name} "
              f"{baseline[0] if baseline else float('nan'):.3f}s -> {shown} {note}", file=sys.stderr)

    def claimgraph(self, *args, stdout=None):
        return measure([self.bin, *map(str, args)], stdout)

    # Data ---------------------------------------------------------------------------------

    def generated(self, claims):
        path = self.work / f"gen-{claims}.nt"
        if not path.exists():
            seconds, peak = self.claimgraph("generate", "--claims", claims, "--seed", 1, "-o", path)
            triples = sum(1 for _ in open(path, "rb"))
            self.row("generate", claims, (seconds, peak),
                     note=f"{triples} triples, {path.stat().st_size >> 20} MiB")
            print(f"  generated {claims} claims: {triples} triples in {seconds:.1f}s", file=sys.stderr)
            # The benchmarks' data must conform to the shapes, as `generate` promises; `validate`
            # holds a file in memory, so the largest sizes are left to the property test.
            if claims <= self.args.validate_small_max:
                checked = self.claimgraph("validate", path)
                self.row("validate the generated file (it conforms)", claims, checked)
        return path

    def store(self, claims):
        """A store holding the generated controversy of `claims` claims (loaded without validation)."""
        path = self.work / f"store-{claims}"
        if not path.exists():
            self.claimgraph("--store", path, "load", "--no-validate", self.generated(claims))
        return path

    def triples(self, claims):
        return sum(1 for _ in open(self.generated(claims), "rb"))

    # Loading -------------------------------------------------------------------------------

    def load(self, claims, repeats):
        data = self.generated(claims)
        triples = self.triples(claims)
        size = f"{claims} claims, {triples} triples"

        def ours(*flags):
            def run():
                target = self.work / "load-target"
                shutil.rmtree(target, ignore_errors=True)
                result = self.claimgraph("--store", target, "load", *flags, data)
                shutil.rmtree(target)
                return result
            return run

        def pyoxigraph(*graph):
            def run():
                target = self.work / "load-target"
                shutil.rmtree(target, ignore_errors=True)
                seconds, peak, _ = python_baseline("pyoxigraph_load.py", data, target, *graph)
                shutil.rmtree(target)
                return seconds, peak
            return run

        # claimgraph loads a file into a named graph, six indexes; the default graph has three.
        # Taken in turn, so that a drift of the machine's speed weighs on all three alike.
        fast, *bulks = interleaved(repeats, [
            ours("--no-validate"), pyoxigraph("urn:claimgraph:bench"), pyoxigraph()])
        for where, bulk in zip(["a named graph", "the default graph"], bulks):
            self.row("load --no-validate (all or nothing)", size, fast,
                     f"pyoxigraph bulk_load into {where}", bulk,
                     f"{triples / fast[0]:,.0f} vs {triples / bulk[0]:,.0f} triples/s; "
                     f"throughput {bulk[0] / fast[0]:.2f}x of Oxigraph's")
        self.curves.setdefault("load --no-validate", []).append((triples, fast[0]))
        if claims <= self.args.rdflib_max:
            rdflib = median_of(1, lambda: python_baseline("rdflib_parse.py", data)[:2])
            self.row("load --no-validate", size, fast, "rdflib parse (in memory)", rdflib,
                     f"rdflib {triples / rdflib[0]:,.0f} triples/s")
        if claims <= self.args.validate_max:
            checked = median_of(1, ours())
            self.row("load (validated: SHACL on the result)", size, checked,
                     "load --no-validate", fast, "the cost of validation")

    def small_load(self, claims, repeats):
        """The bundled controversy added to a store of `claims` claims, against the same load
        into an empty store."""
        small = sorted((REPO / "data").glob("*.ttl"))
        target = self.work / "small-load-target"

        def into(base, *flags):
            def run():
                shutil.rmtree(target, ignore_errors=True)
                if base is not None:
                    shutil.copytree(base, target)
                result = self.claimgraph("--store", target, "load", *flags, *small)
                shutil.rmtree(target)
                return result
            return run

        big = self.store(claims)
        for flags, what in (((), "validated"), (("--no-validate",), "--no-validate")):
            label = f"load the bundled controversy ({what}) into a store of {claims} claims"
            empty = median_of(repeats, into(None, *flags))
            full = median_of(repeats, into(big, *flags))
            self.row(label, claims, full, "the same load into an empty store", empty)

    # Reading the argument graph -------------------------------------------------------------

    def reads(self, claims, repeats):
        store = self.store(claims)
        size = f"{claims} claims"
        walk = (HERE / "baselines" / "response-walk.rq").read_text()
        baseline = median_of(repeats, lambda: python_baseline("pyoxigraph_query.py", store, walk)[:2])
        kept = store / "claimgraph-kept-argument-graph"

        def forgotten(command):
            """The command as the first reader after a write runs it: no graph kept."""
            def run():
                kept.unlink(missing_ok=True)
                return measure([*TIMEOUT, self.bin, "--store", store, *command])
            return run

        for command in (["trace"], ["analyze"], ["analyze", "--semantics", "preferred"], ["responses"]):
            name = " ".join(command) + (" (every allegation)" if command == ["trace"] else "")
            reads_graph = command != ["responses"]
            try:
                if reads_graph:
                    first = median_of(repeats, forgotten(command))
                ours = median_of(repeats, lambda: measure([*TIMEOUT, self.bin, "--store", store, *command]))
            except Failed as failure:
                reason = str(failure).split("\n")[0].rsplit(": ", 1)[-1]
                self.row(name, size, None,
                         note=f"did not finish ({reason}; exit 124 is the time limit, -9 a kill for memory)")
                print(f"  {name} [{size}] failed: {failure}", file=sys.stderr)
                continue
            walk_name = "pyoxigraph: SPARQL walk of every response link"
            if reads_graph:
                self.row(f"{name}, first after a write (reads the store, keeps the graph)", size, first,
                         walk_name, baseline)
                self.row(f"{name}, graph kept", size, ours, walk_name, baseline)
            else:
                self.row(f"{name} (the main job)", size, ours, walk_name, baseline)
            self.curves.setdefault(" ".join(command), []).append((claims, ours[0]))

    def after_load(self, claims, repeats):
        """`trace` as the first reader after a load of 100 claims into a store of `claims`
        claims whose graph was kept: the kept graph patched around what the load names, against
        the same reader with the kept files deleted, which reads the store whole."""
        store = self.store(claims)
        size = f"{claims} claims"
        small = self.work / "after-load-100.nt"
        if not small.exists():
            self.claimgraph("generate", "--claims", 100, "--seed", 2, "-o", small)
        target = self.work / "after-load-target"

        def first_trace(patched):
            def run():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(store, target)
                self.claimgraph("--store", target, "trace")
                self.claimgraph("--store", target, "load", small)
                if not patched:
                    for kept in target.glob("claimgraph-kept-*"):
                        kept.unlink()
                result = measure([*TIMEOUT, self.bin, "--store", target, "trace"])
                shutil.rmtree(target)
                return result
            return run

        whole = median_of(repeats, first_trace(False))
        patched = median_of(repeats, first_trace(True))
        self.row("trace, first after a validated load of 100 claims (kept graph patched)", size,
                 patched, "the same, the store read whole", whole)

    def queries(self, claims, repeats):
        store = self.store(claims)
        size = f"{claims} claims"
        for query in sorted((REPO / "queries").glob("*.rq")):
            name = query.stem
            text = query.read_text()
            try:
                ours = median_of(repeats, lambda: self.claimgraph(
                    "--store", store, "query", "--named", name, "--format", "tsv", "--timeout", self.args.timeout))
                theirs = median_of(repeats, lambda: python_baseline("pyoxigraph_query.py", store, text)[:2])
            except Failed as failure:
                self.row(f"query --named {name}", size, None,
                         note=f"did not finish: {str(failure).splitlines()[-1][:120]}")
                print(f"  query {name} [{size}] failed: {failure}", file=sys.stderr)
                continue
            self.row(f"query --named {name}", size, ours, "pyoxigraph: same SPARQL, same store", theirs)
            self.curves.setdefault(f"query {name}", []).append((claims, ours[0]))

    # Maps -------------------------------------------------------------------------------------

    def export(self, claims, repeats):
        store = self.store(claims)
        # Seed 1's claim c1 has about a thousand claims within two links.
        focus, depth = self.args.focus, self.args.depth
        dot = self.work / "focus.dot"
        kept = store / "claimgraph-kept-argument-graph"
        export = ["--store", store, "export", "dot", "--focus", focus, "--depth", depth]

        def looked_up():
            kept.unlink(missing_ok=True)
            return self.claimgraph(*export, stdout=dot)

        ours = median_of(repeats, looked_up)
        self.claimgraph("--store", store, "trace")
        cut = median_of(repeats, lambda: self.claimgraph(*export, stdout=dot))
        drawn = sum(1 for line in open(dot, encoding="utf-8")
                    if 'shape="box"' in line or 'shape="octagon"' in line)
        size = f"{claims} claims, {drawn} drawn"
        what = f"export dot --focus c1 --depth {depth} (layout excluded)"
        self.row(f"{what}, graph kept: the part cut from it", size, cut,
                 "the same, no graph kept: the part looked up in the store", ours)
        for program in ("dot", "sfdp"):
            try:
                layout = median_of(1, lambda: measure(["timeout", str(self.args.timeout), program, "-Tsvg", dot]))
            except Failed:
                self.row(what, size, ours, f"Graphviz {program} -Tsvg of that map",
                         note=f"{program} did not finish in {self.args.timeout} s")
                continue
            self.row(f"{what}, no graph kept", size, ours, f"Graphviz {program} -Tsvg of that map", layout)

    # Argumentation -----------------------------------------------------------------------------

    def framework(self, arguments, attacks, seed):
        path = self.work / f"af-{arguments}-{attacks}-{seed}.af"
        if not path.exists():
            rng = random.Random(seed)
            with open(path, "w") as out:
                out.write(f"p af {arguments}\n")
                for _ in range(attacks):
                    out.write(f"{rng.randint(1, arguments)} {rng.randint(1, arguments)}\n")
        return path

    def extension(self, cmd):
        """(seconds, peak MB, the extension's arguments) of an ICCMA solver's one-extension answer."""
        with tempfile.NamedTemporaryFile(suffix=".txt") as out:
            seconds, peak = measure(cmd, out.name)
            words = Path(out.name).read_text().split()
        return seconds, peak, frozenset(w for w in words if w != "w")

    def grounded(self, arguments, repeats):
        af = self.framework(arguments, 5 * arguments, 1)
        size = f"{arguments} arguments, {5 * arguments} attacks"
        answers = {}

        def run(name, cmd):
            def once():
                seconds, peak, answer = self.extension(cmd)
                answers[name] = answer
                return seconds, peak
            return once

        ours = median_of(repeats, run("claimgraph", [self.bin, "analyze", "--framework", af]))
        crustabri = median_of(repeats, run("crustabri", [self.args.crustabri, "-f", af, "-p", "SE-GR"]))
        self.row("analyze --framework (grounded)", size, ours, "crustabri SE-GR", crustabri,
                 f"{len(answers['claimgraph'])} arguments in, "
                 + ("same extension" if answers["claimgraph"] == answers["crustabri"] else "DIFFERENT EXTENSIONS"))
        self.curves.setdefault("grounded (arguments)", []).append((arguments, ours[0]))
        if self.args.argumentation:
            theirs = median_of(1, run("argumentation", ["timeout", str(self.args.timeout), self.args.argumentation, af]))
            self.row("analyze --framework (grounded)", size, ours, "argumentation crate 0.2.0", theirs,
                     "same extension" if answers["claimgraph"] == answers["argumentation"] else "DIFFERENT EXTENSIONS")
        if len(set(answers.values())) != 1:
            raise Failed(f"the solvers disagree on the grounded extension of {af}")

    def preferred(self, arguments, repeats):
        # Sparse random frameworks, where grounded leaves much undecided. crustabri finds one
        # preferred extension (SE-PR; it has no enumeration); claimgraph enumerates them all.
        for seed in range(3):
            af = self.framework(arguments, 5 * arguments, 100 + seed)
            size = f"{arguments} arguments, {5 * arguments} attacks, seed {100 + seed}"
            try:
                with tempfile.NamedTemporaryFile(suffix=".txt") as out:
                    ours = median_of(repeats, lambda: measure(
                        ["timeout", str(self.args.preferred_timeout), self.bin, "analyze", "--framework",
                         af, "--semantics", "preferred"], out.name))
                    ours_all = {frozenset(line.split()[1:]) for line in Path(out.name).read_text().splitlines()}
            except Failed:
                self.row("analyze --framework --semantics preferred (every extension)", size, None,
                         note=f"did not finish in {self.args.preferred_timeout} s")
                continue
            answers = []

            def crustabri_once():
                seconds, peak, extension = self.extension(
                    ["timeout", str(self.args.preferred_timeout), self.args.crustabri, "-f", af, "-p", "SE-PR"])
                answers.append(extension)
                return seconds, peak
            try:
                crustabri = median_of(repeats, crustabri_once)
            except Failed:
                self.row("analyze --framework --semantics preferred (every extension)", size, ours,
                         "crustabri SE-PR (one extension)", None,
                         f"{len(ours_all)} extensions; crustabri did not finish in {self.args.preferred_timeout} s")
                continue
            found = answers[-1] in ours_all
            self.row("analyze --framework --semantics preferred (every extension)", size, ours,
                     "crustabri SE-PR (one extension)", crustabri,
                     f"{len(ours_all)} extensions; crustabri's is " + ("among them" if found else "NOT AMONG THEM"))
            if not found:
                raise Failed(f"crustabri's preferred extension of {af} is not one of ours")

    def iccma(self, arguments, per_argument, repeats):
        """The ICCMA tasks the field's benchmarks time most, answered by `claimgraph iccma` and by
        crustabri on the same random frameworks; the answers must agree. DC and DS ask about one
        argument picked from the seed."""
        for seed in range(100, 100 + self.args.iccma_seeds):
            af = self.framework(arguments, per_argument * arguments, seed)
            query = str((seed * 7919) % arguments + 1)
            size = f"{arguments} arguments, {per_argument * arguments} attacks, seed {seed}"
            for task in self.args.iccma_tasks.split(","):
                extra = ["-a", query] if task[:2] in ("DC", "DS") else []
                answers = {}

                def run(name, cmd):
                    def once():
                        with tempfile.NamedTemporaryFile(suffix=".txt") as out:
                            seconds, peak = measure(
                                ["timeout", str(self.args.preferred_timeout), *cmd, "-p", task, "-f", af, *extra],
                                out.name)
                            answers[name] = Path(out.name).read_text().split("\n")[0].split()[:1]
                        return seconds, peak
                    return once

                what = f"iccma {task}" + (f" -a {query}" if extra else "")
                results = {}
                for name, cmd in (("claimgraph", [self.bin, "iccma"]), ("crustabri", [self.args.crustabri])):
                    try:
                        results[name] = median_of(repeats, run(name, cmd))
                    except Failed:
                        results[name] = None
                ours, theirs = results["claimgraph"], results["crustabri"]
                late = [n for n, r in results.items() if r is None]
                if late:
                    self.row(what, size, ours, f"crustabri {task}", theirs,
                             f"{' and '.join(late)} did not finish in {self.args.preferred_timeout} s")
                    continue
                if answers["claimgraph"] != answers["crustabri"]:
                    raise Failed(f"{task} on {af}: claimgraph answered {answers['claimgraph']}, "
                                 f"crustabri {answers['crustabri']}")
                verdict = answers["claimgraph"][0] if answers["claimgraph"] else "?"
                self.row(what, size, ours, f"crustabri {task}", theirs,
                         "same answer: " + ("an extension" if verdict == "w" else verdict))
                self.curves.setdefault(f"{task} (arguments)", []).append((arguments, ours[0]))

    # Output ---------------------------------------------------------------------------------------

    def table(self):
        lines = ["| what | size | claimgraph | peak MB | baseline | baseline time | peak MB | ratio | note |",
                 "|---|---|---|---|---|---|---|---|---|"]
        for r in self.rows:
            fmt = lambda s: "" if s is None else (f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s")
            mb = lambda m: "" if m is None else f"{m:,.0f}"
            ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x"
            lines.append(f"| {r['what']} | {r['size']} | {fmt(r['ours_s'])} | {mb(r['ours_mb'])} | "
                         f"{r['baseline'] or ''} | {fmt(r['baseline_s'])} | {mb(r['baseline_mb'])} | {ratio} | {r['note']} |")
        return "\n".join(lines)


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") >> 30
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, {platform.system()} {platform.release()}"


def svg(curves, path):
    """Latency against size on log-log axes, one line per command: linear growth is a line of
    slope one."""
    import math
    width, height, pad = 760, 480, 60
    points = [p for c in curves.values() for p in c if p[1] > 0]
    if not points:
        return
    xs = [math.log10(p[0]) for p in points]
    ys = [math.log10(p[1]) for p in points]
    x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
    sx = lambda x: pad + (math.log10(x) - x0) / (x1 - x0) * (width - 2 * pad - 160)
    sy = lambda y: height - pad - (math.log10(y) - y0) / (y1 - y0) * (height - 2 * pad)
    colours = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#30638e", "#66a182", "#8d96a3",
               "#a4036f", "#048ba8", "#16db93", "#efea5a", "#f29e4c", "#83b692", "#5d576b"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{pad}" y="20" font-size="14">median latency against size (log-log; slope 1 is linear)</text>']
    for e in range(x0, x1 + 1):
        x = sx(10 ** e)
        out.append(f'<line x1="{x}" y1="{pad}" x2="{x}" y2="{height - pad}" stroke="#ddd"/>')
        out.append(f'<text x="{x}" y="{height - pad + 15}" text-anchor="middle">1e{e}</text>')
    for e in range(y0, y1 + 1):
        y = sy(10 ** e)
        out.append(f'<line x1="{pad}" y1="{y}" x2="{width - pad - 160}" y2="{y}" stroke="#ddd"/>')
        out.append(f'<text x="{pad - 5}" y="{y + 4}" text-anchor="end">1e{e} s</text>')
    out.append(f'<text x="{(width - 160) / 2}" y="{height - 15}" text-anchor="middle">claims (arguments for grounded, triples for load)</text>')
    for i, (name, curve) in enumerate(sorted(curves.items())):
        colour = colours[i % len(colours)]
        curve = sorted(p for p in curve if p[1] > 0)
        path_d = " ".join(f"{'M' if j == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}" for j, (x, y) in enumerate(curve))
        out.append(f'<path d="{path_d}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in curve:
            out.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{colour}"/>')
        ly = pad + 14 * i
        out.append(f'<line x1="{width - pad - 150}" y1="{ly}" x2="{width - pad - 130}" y2="{ly}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{width - pad - 125}" y="{ly + 4}">{name}</text>')
    out.append("</svg>")
    Path(path).write_text("\n".join(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="the claimgraph release binary")
    parser.add_argument("--crustabri", required=True, help="the crustabri binary")
    parser.add_argument("--argumentation", help="the argumentation-crate runner, if built")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="claims, for trace and analyze")
    parser.add_argument("--query-sizes", default="10000,100000", help="claims, for the named queries")
    parser.add_argument("--load-sizes", default="62500", help="claims for the load comparison")
    parser.add_argument("--frameworks", default="10000,100000,1000000", help="arguments for grounded")
    parser.add_argument("--preferred", default="200,500", help="arguments for preferred")
    parser.add_argument("--iccma", default="200:5,500:5,2000:5,2000:3",
                        help="frameworks for the ICCMA tasks, as ARGUMENTS:ATTACKS-PER-ARGUMENT")
    parser.add_argument("--iccma-seeds", type=int, default=3, help="random frameworks of each size")
    parser.add_argument("--iccma-tasks", default="SE-PR,DS-PR,DC-CO,SE-ST,DS-ST",
                        help="the ICCMA tasks timed against crustabri")
    parser.add_argument("--rdflib-max", type=int, default=100_000, help="largest size rdflib parses")
    parser.add_argument("--validate-small-max", type=int, default=100_000,
                        help="largest generated file checked whole by `validate`")
    parser.add_argument("--validate-max", type=int, default=62_500, help="largest size loaded with validation")
    parser.add_argument("--focus", default="https://w3id.org/claimgraph/id/synthetic/1/c1",
                        help="the claim an export centres on")
    parser.add_argument("--depth", type=int, default=2, help="links followed from the focus")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=300, help="seconds a single query or baseline may take")
    parser.add_argument("--preferred-timeout", type=int, default=60,
                        help="seconds a preferred-semantics solver may take on one framework")
    parser.add_argument("--scratch", default=None, help="where to write data and stores")
    parser.add_argument("--parts",
                        default="load,small-load,reads,after-load,queries,export,grounded,preferred,iccma",
                        help="which parts to run, comma-separated")
    parser.add_argument("--out", default="target/bench", help="where results.json and growth.svg go")
    args = parser.parse_args()

    TIMEOUT[1] = str(args.timeout)
    bench = Bench(args)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    parts = set(args.parts.split(","))
    numbers = lambda text: [int(s) for s in text.split(",") if s]
    try:
        for claims in numbers(args.load_sizes) if "load" in parts else []:
            bench.load(claims, args.repeats)
        for claims in sizes if "small-load" in parts else []:
            bench.small_load(claims, args.repeats if claims < 1_000_000 else 1)
        for claims in sizes if "reads" in parts else []:
            bench.reads(claims, args.repeats if claims < 1_000_000 else 1)
        for claims in sizes if "after-load" in parts else []:
            bench.after_load(claims, args.repeats if claims < 1_000_000 else 1)
        for claims in numbers(args.query_sizes) if "queries" in parts else []:
            bench.queries(claims, args.repeats)
        if "export" in parts:
            bench.export(sizes[min(1, len(sizes) - 1)], args.repeats)
        for arguments in numbers(args.frameworks) if "grounded" in parts else []:
            bench.grounded(arguments, args.repeats if arguments < 1_000_000 else 1)
        for arguments in numbers(args.preferred) if "preferred" in parts else []:
            bench.preferred(arguments, args.repeats)
        for size in args.iccma.split(",") if "iccma" in parts else []:
            arguments, per_argument = map(int, size.split(":"))
            bench.iccma(arguments, per_argument, args.repeats)
    finally:
        shutil.rmtree(bench.work, ignore_errors=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"machine": machine(), "rows": bench.rows,
                                                   "curves": bench.curves}, indent=1))
    svg(bench.curves, out / "growth.svg")
    print(f"Machine: {machine()}\n")
    print(bench.table())


if __name__ == "__main__":
    main()
