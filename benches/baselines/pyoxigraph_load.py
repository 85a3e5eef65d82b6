"""Oxigraph's own bulk loader, through pyoxigraph: DATA into a new on-disk store at DIR, into the
named graph GRAPH (as claimgraph loads every file) or, without it, into the default graph, which
Oxigraph indexes three ways where it indexes a named graph six ways.

Prints {"seconds", "triples"}; the time covers the load and the store's closing flush, not the
interpreter's start-up.
"""
import json
import sys
import time

import pyoxigraph

data, directory = sys.argv[1], sys.argv[2]
graph = pyoxigraph.NamedNode(sys.argv[3]) if len(sys.argv) > 3 else pyoxigraph.DefaultGraph()
start = time.perf_counter()
store = pyoxigraph.Store(directory)
store.bulk_load(path=data, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=graph)
store.flush()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "triples": len(store)}))
