"""An independent reader of our AIF export: arguebuf (MIT), the argument-graph library of the
recap/argument-mining community, counts the atoms (I-nodes), schemes (RA, CA, MA, PA) and edges
it reads from each map we wrote, and from the original map it came from.

    python3 tests/aif_check.py ORIGINALS_DIR EXPORTED_DIR   one export per original, same name
    python3 tests/aif_check.py ORIGINALS_DIR EXPORTED_FILE  one export of all of them together
    python3 tests/aif_check.py --nodes ORIGINAL EXPORTED    one map, node for node

With --nodes, both maps are read with arguebuf.load.aif (xAIF's lists under "AIF" included)
and must hold the same atoms (ID and text), the same scheme nodes (ID and scheme) and the same
edges between them; arguebuf leaves out locutions, illocutions and transitions.

Our exports are read the way any user reads a file, with arguebuf.load.file. The originals are
AIFdb exports without a "locutions" list, which load.file does not recognise as AIF, so they are
read with arguebuf.load.aif. Prints the totals; exits 1 on the first difference.
"""

import json
import sys
from pathlib import Path

import arguebuf


def counts(graph):
    return len(graph.atom_nodes), len(graph.scheme_nodes), len(graph.edges)


def original(path):
    with path.open(encoding="utf-8") as f:
        return counts(arguebuf.load.aif(json.load(f), name=path.stem))


def exported(path):
    return counts(arguebuf.load.file(path))


def graph_of(path):
    with path.open(encoding="utf-8") as f:
        obj = json.load(f)
    return arguebuf.load.aif(obj.get("AIF", obj), name=path.stem)


def nodes(graph):
    """Atoms as (ID, text), scheme nodes as (ID, scheme), edges as (source, target)."""
    atoms = {(str(i), n.plain_text) for i, n in graph.atom_nodes.items()}
    schemes = {(str(i), repr(n.scheme)) for i, n in graph.scheme_nodes.items()}
    edges = {(str(e.source.id), str(e.target.id)) for e in graph.edges.values()}
    return atoms, schemes, edges


def same_nodes(original, exported):
    expected, got = nodes(graph_of(original)), nodes(graph_of(exported))
    for what, want, have in zip(("atoms", "schemes", "edges"), expected, got):
        if want != have:
            missing, extra = sorted(want - have)[:5], sorted(have - want)[:5]
            sys.exit(f"{original.name}: {what} differ: missing {missing}, extra {extra}")
    print(f"{original.name}: {len(expected[0])} atoms, {len(expected[1])} schemes, {len(expected[2])} edges, node for node")


def main(originals, exports):
    files = sorted(originals.glob("*.json"))
    if not files:
        sys.exit(f"no maps in {originals}")
    total = [0, 0, 0]
    for path in files:
        expected = original(path)
        total = [t + n for t, n in zip(total, expected)]
        if exports.is_dir():
            got = exported(exports / path.name)
            if got != expected:
                sys.exit(f"{path.name}: arguebuf reads {got} from our export, {expected} from the original")
    if exports.is_file():
        got = list(exported(exports))
        if got != total:
            sys.exit(f"arguebuf reads {got} from our export, {total} from the originals")
    print(f"{len(files)} maps: {total[0]} atoms, {total[1]} schemes, {total[2]} edges")


if __name__ == "__main__":
    if sys.argv[1] == "--nodes":
        same_nodes(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main(Path(sys.argv[1]), Path(sys.argv[2]))
