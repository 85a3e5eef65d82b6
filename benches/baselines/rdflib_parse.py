"""rdflib, the pure-Python RDF library: parse DATA (N-Triples) into an in-memory graph.

Prints {"seconds", "triples"}; the time covers the parse, not the imports.
"""
import json
import sys
import time

import rdflib

start = time.perf_counter()
graph = rdflib.Graph()
graph.parse(sys.argv[1], format="nt")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "triples": len(graph)}))
