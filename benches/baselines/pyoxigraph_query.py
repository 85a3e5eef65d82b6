"""The same SPARQL on the same store, through pyoxigraph: STORE opened read-only, QUERY with
claimgraph's predeclared prefixes (from the ontology's and the shapes' @prefix lines), every
result serialized as TSV and thrown away, as `claimgraph query --format tsv > /dev/null` does.

Prints {"seconds", "results"}; the time covers opening the store and the query.
"""
import io
import json
import re
import sys
import time
from pathlib import Path

import pyoxigraph

repo = Path(__file__).resolve().parents[2]
prefixes = {}
for name in ("ontology/claimgraph.ttl", "ontology/shapes.ttl"):
    for prefix, iri in re.findall(r"@prefix\s+(\w*):\s*<([^>]*)>", (repo / name).read_text()):
        prefixes.setdefault(prefix, iri)
header = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())

store_path, query = sys.argv[1], sys.argv[2]
start = time.perf_counter()
store = pyoxigraph.Store.read_only(store_path)
results = store.query(header + query, use_default_graph_as_union=True)
out = io.BytesIO()
if isinstance(results, pyoxigraph.QueryBoolean):
    count = 1
else:
    results.serialize(out, pyoxigraph.QueryResultsFormat.TSV)
    count = out.getvalue().count(b"\n") - 1
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "results": count}))
