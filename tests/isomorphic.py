#!/usr/bin/env python3
"""Check, with rdflib, that RDF exports hold exactly what an N-Quads dump of the store holds.

usage: isomorphic.py REFERENCE.nq [--graph IRI]... FORMAT=FILE...

REFERENCE.nq is a dump of the store, or of the part an export was made from; each --graph keeps
only that graph of it. A triple format (turtle, ntriples, rdfxml) must parse to a graph
isomorphic to the union of the reference's graphs; a dataset format (trig, nquads, jsonld) must
hold the same named graphs, each isomorphic to the reference's graph of that name. Prints one
line per export, and exits with 1 if any differs.
"""

import argparse
import sys

from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

# The export format's name, and rdflib's parser for it.
TRIPLE_FORMATS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}
DATASET_FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


def named_graphs(dataset, keep):
    """The graphs of `dataset` that hold triples, by name; only those in `keep`, if any."""
    found = {}
    for graph in dataset.graphs():
        name = str(graph.identifier)
        if len(graph) and (not keep or name in keep):
            found[name] = graph
    return found


def union(graphs):
    merged = Graph()
    for graph in graphs.values():
        for triple in graph:
            merged.add(triple)
    return merged


def difference(expected, actual):
    """A few triples that only one side holds, for the message."""
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"  missing: {' '.join(t.n3() for t in triple)}" for triple in only_expected]
    lines += [f"  extra:   {' '.join(t.n3() for t in triple)}" for triple in only_actual]
    return "\n".join(sorted(lines)[:10])


def check(name, path, reference):
    """Whether the export at `path` holds what `reference` does, and how it compares."""
    if name in TRIPLE_FORMATS:
        exported = Graph().parse(path, format=TRIPLE_FORMATS[name])
        expected = union(reference)
        if not isomorphic(expected, exported):
            return False, difference(expected, exported)
        return True, f"{len(expected)} triples, the graphs merged"
    exported = named_graphs(Dataset().parse(path, format=DATASET_FORMATS[name]), None)
    if sorted(exported) != sorted(reference):
        return False, f"  graphs: expected {sorted(reference)}, found {sorted(exported)}"
    for graph, expected in reference.items():
        if not isomorphic(expected, exported[graph]):
            return False, f"  in <{graph}>:\n{difference(expected, exported[graph])}"
    triples = sum(len(graph) for graph in reference.values())
    return True, f"{triples} triples in {len(reference)} named graphs"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference")
    parser.add_argument("--graph", action="append", default=[])
    parser.add_argument("exports", nargs="+", metavar="FORMAT=FILE")
    args = parser.parse_args()
    reference = named_graphs(Dataset().parse(args.reference, format="nquads"), set(args.graph))
    if not reference:
        sys.exit("the reference holds no triple: nothing would be checked")
    failed = False
    for export in args.exports:
        name, path = export.split("=", 1)
        same, text = check(name, path, reference)
        print(f"{name}: isomorphic ({text})" if same else f"{name}: differs\n{text}")
        failed = failed or not same
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
