//! The examples each command's `--help` ends with. A unit test parses every one of them, so
//! that none can fall out of step with the flags.

pub(super) const TOP: &str = "Examples:
  claimgraph responses                     which responses answer which allegation
  claimgraph load my-controversy.ttl       add a file in its own named graph, validated
  claimgraph query --named responses --format csv
  claimgraph export svg -o map.svg         the argument map (needs Graphviz)
  claimgraph serve                         SPARQL and pages at http://127.0.0.1:7878/";

pub(super) const RESPONSES: &str = "Examples:
  claimgraph responses
  claimgraph responses --format csv > responses.csv
  claimgraph --memory responses            on a throwaway store of the bundled data";

pub(super) const INIT: &str = "Examples:
  claimgraph init
  claimgraph --store ./debate-store init";

pub(super) const LOAD: &str = "Examples:
  claimgraph load controversy.ttl replies.trig
  claimgraph load --lang en data/aif-araucaria/nodeset7.json
  claimgraph load --graph https://example.org/graph/debate debate.argdown
  claimgraph load --no-validate big.nt     trusted bulk data: skip the shapes";

pub(super) const VALIDATE: &str = "Examples:
  claimgraph validate my-controversy.ttl
  claimgraph validate                      the whole store
  claimgraph validate --format turtle my-controversy.ttl > report.ttl";

pub(super) const QUERY: &str = "Examples:
  claimgraph query 'SELECT ?claim WHERE { ?claim a cg:Allegation }'
  claimgraph query --named responses --format json
  claimgraph query -f my-question.rq --timeout 10
  claimgraph query --graph https://example.org/graph/debate --named schemes";

pub(super) const TRACE: &str = "Examples:
  claimgraph trace
  claimgraph trace c-distillation-attack
  claimgraph trace --format json";

pub(super) const ANALYZE: &str = "Examples:
  claimgraph analyze
  claimgraph analyze --semantics preferred
  claimgraph analyze --write               keep the labels in their own named graph
  claimgraph analyze --framework tests/fixtures/reinstatement.apx";

pub(super) const EXPORT: &str = "Examples:
  claimgraph export svg -o map.svg
  claimgraph export svg --lang zh --cluster faction -o map-zh.svg
  claimgraph export dot --focus c-distillation-attack --depth 1
  claimgraph export turtle -o everything.ttl
  claimgraph export aif -o map.json";

pub(super) const GRAPHS: &str = "Examples:
  claimgraph graphs
  claimgraph graphs --format json";

pub(super) const DROP: &str = "Examples:
  claimgraph drop https://example.org/graph/debate";

pub(super) const QUERIES: &str = "Examples:
  claimgraph queries
  claimgraph query --named hedges";

pub(super) const SERVE: &str = "Examples:
  claimgraph serve
  claimgraph serve --bind 127.0.0.1:8080 --timeout 10
  claimgraph serve --allow-update          take SPARQL updates, checked against the shapes";

pub(super) const GENERATE: &str = "Examples:
  claimgraph generate --claims 100000 -o big.nt
  claimgraph generate --claims 1000 --seed 7 --format ttl";

pub(super) const COMPLETIONS: &str = "Examples:
  claimgraph completions bash > ~/.local/share/bash-completion/completions/claimgraph
  claimgraph completions zsh > ~/.zfunc/_claimgraph
  claimgraph completions fish > ~/.config/fish/completions/claimgraph.fish";

pub(super) const MAN: &str = "Examples:
  claimgraph man > claimgraph.1 && man -l claimgraph.1";
