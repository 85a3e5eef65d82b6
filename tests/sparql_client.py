#!/usr/bin/env python3
"""Run named queries against a SPARQL endpoint with SPARQLWrapper, a SPARQL client that knows
nothing of claimgraph, and print the bindings of each as one JSON object.

usage: sparql_client.py ENDPOINT NAME=FILE...

Each query is sent by GET and again by POST (a URL-encoded form); both must give the same
bindings, which are printed as {"NAME": [binding, ...], ...}.
"""

import json
import sys

from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper


def bindings(endpoint, text, method):
    client = SPARQLWrapper(endpoint)
    client.setMethod(method)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    return client.query().convert()["results"]["bindings"]


def main():
    endpoint, queries = sys.argv[1], sys.argv[2:]
    answers = {}
    for item in queries:
        name, path = item.split("=", 1)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        by_get = bindings(endpoint, text, GET)
        by_post = bindings(endpoint, text, POST)
        if by_get != by_post:
            print(f"{name}: GET and POST give different bindings", file=sys.stderr)
            sys.exit(1)
        answers[name] = by_get
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
