//! What ships inside the binary: the ontology, the SHACL shapes, the seed controversy and the
//! named queries, so that the tool works from any directory.
//!
//! ```
//! use claimgraph::bundled;
//!
//! let responses = bundled::NAMED_QUERIES.iter().find(|q| q.name == "responses").unwrap();
//! assert!(responses.summary().starts_with("Which responses answer each allegation"));
//! ```

use crate::ingest::{Source, SourceError};
use argsem::reasoning::Semantics;
use oxigraph::io::RdfFormat;

/// `ontology/claimgraph.ttl`.
pub const ONTOLOGY: &str = include_str!("../ontology/claimgraph.ttl");
/// The ontology's `owl:versionInfo`, as `--version` prints it beside the program's.
pub fn ontology_version() -> &'static str {
    ONTOLOGY
        .split("owl:versionInfo \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the bundled ontology has an owl:versionInfo")
}

/// `ontology/shapes.ttl`.
pub const SHAPES: &str = include_str!("../ontology/shapes.ttl");
/// `data/distillation-attacks.ttl`.
pub const DISTILLATION_ATTACKS: &str = include_str!("../data/distillation-attacks.ttl");

/// The named graph that holds the ontology in every store.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/claimgraph/graph/ontology";
/// The named graph that holds the SHACL shapes.
pub const SHAPES_GRAPH: &str = "https://w3id.org/claimgraph/graph/shapes";
/// The named graph that holds the seed controversy.
pub const DISTILLATION_ATTACKS_GRAPH: &str =
    "https://w3id.org/claimgraph/graph/distillation-attacks";

/// The named graph where each load describes the graphs it wrote: source, size, checksum, time
/// and version (see [`crate::store`]).
pub const METADATA_GRAPH: &str = "https://w3id.org/claimgraph/graph/metadata";

/// On a SPARQL engine (`--endpoint`), the graph where a load records each graph it writes before
/// it publishes them, so that what a killed load leaves is known to be claimgraph's and cleared
/// by the next load. No reader sees it: reads name the graphs the metadata graph describes.
pub const PENDING_GRAPH: &str = "https://w3id.org/claimgraph/graph/pending";
/// In [`PENDING_GRAPH`]: `<graph written> PENDING_FOR <graph it will become or join>`.
pub const PENDING_FOR: &str = "https://w3id.org/claimgraph/graph/pending#for";
/// On a SPARQL engine, staging graphs are named under this, by load and counter.
pub const STAGING_GRAPHS: &str = "https://w3id.org/claimgraph/graph/staging/";
/// On a SPARQL engine, blank nodes are written as IRIs under this (RDF 1.1 skolem IRIs).
pub const GENID: &str = "https://w3id.org/claimgraph/.well-known/genid/";

/// The graphs of the schema every store holds, which `drop` keeps unless told otherwise.
pub const SCHEMA_GRAPHS: [&str; 2] = [ONTOLOGY_GRAPH, SHAPES_GRAPH];

/// What claimgraph keeps in a graph it names itself, in a few words for listings; `None` for
/// other graphs.
pub fn graph_role(graph: &str) -> Option<&'static str> {
    [
        (ONTOLOGY_GRAPH, "bundled ontology"),
        (SHAPES_GRAPH, "bundled SHACL shapes"),
        (DISTILLATION_ATTACKS_GRAPH, "bundled controversy"),
        (METADATA_GRAPH, "where each graph came from"),
    ]
    .into_iter()
    .find_map(|(name, role)| (name == graph).then_some(role))
    .or_else(|| derived_role(graph))
}

/// Whether `graph` holds results that `analyze --write` computed from the data, rather than
/// data or schema.
pub fn is_derived(graph: &str) -> bool {
    derived_role(graph).is_some()
}

/// The role of a graph of results that `analyze --write` computed, in a few words.
fn derived_role(graph: &str) -> Option<&'static str> {
    if Semantics::ALL
        .into_iter()
        .any(|s| graph.strip_prefix(ACCEPTANCE_GRAPH_PREFIX) == Some(s.name()))
    {
        return Some("acceptance under an extension semantics, from analyze --write");
    }
    graph
        .starts_with(STRENGTH_GRAPH_PREFIX)
        .then_some("gradual strengths, from analyze --write")
}

/// Prefixes of the bundled data, predeclared in queries beside the vocabulary's.
pub const DATA_PREFIXES: &[(&str, &str)] = &[(
    "dist",
    "https://w3id.org/claimgraph/id/distillation-attacks/",
)];

/// The ontology and the shapes: the schema every store holds.
pub fn schema_sources() -> Vec<Source> {
    [
        ("ontology/claimgraph.ttl", ONTOLOGY, ONTOLOGY_GRAPH),
        ("ontology/shapes.ttl", SHAPES, SHAPES_GRAPH),
    ]
    .into_iter()
    .map(bundled_source)
    .collect()
}

/// The bundled controversies.
pub fn data_sources() -> Vec<Source> {
    [(
        "data/distillation-attacks.ttl",
        DISTILLATION_ATTACKS,
        DISTILLATION_ATTACKS_GRAPH,
    )]
    .into_iter()
    .map(bundled_source)
    .collect()
}

fn bundled_source((name, text, graph): (&str, &'static str, &str)) -> Source {
    Source::from_bytes(name, text.as_bytes(), RdfFormat::Turtle, graph)
        .unwrap_or_else(|e: SourceError| panic!("bundled graph name is a valid IRI: {e}"))
}

/// A SPARQL query shipped in `queries/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamedQuery {
    /// The file name without `.rq`.
    pub name: &'static str,
    /// The query text, comments included.
    pub text: &'static str,
}

impl NamedQuery {
    /// The first line of the query's opening comment: the question it answers.
    pub fn summary(&self) -> &'static str {
        self.text
            .lines()
            .next()
            .and_then(|line| line.strip_prefix('#'))
            .map(str::trim)
            .unwrap_or_default()
    }
}

macro_rules! named_queries {
    ($($name:literal),* $(,)?) => {
        /// Every named query, in alphabetical order.
        pub const NAMED_QUERIES: &[NamedQuery] = &[
            $(NamedQuery { name: $name, text: include_str!(concat!("../queries/", $name, ".rq")) }),*
        ];
    };
}

named_queries![
    "accused-actors",
    "allegation-acceptance",
    "allegation-strengths",
    "actor-attacks",
    "allegation-figures",
    "english-quotes",
    "hedges",
    "quotes-per-faction",
    "responses",
    "schemes",
    "supporting-responses",
];

/// Where `analyze --write` stores each claim's acceptance under an extension semantics: this,
/// then the semantics' name (`grounded`, `semi-stable`, ...), as [`acceptance_graph`] gives.
const ACCEPTANCE_GRAPH_PREFIX: &str = "https://w3id.org/claimgraph/graph/";

/// The named graph of each claim's acceptance under `semantics`; that of grounded semantics
/// holds the grounded labels too.
pub fn acceptance_graph(semantics: Semantics) -> String {
    format!("{ACCEPTANCE_GRAPH_PREFIX}{}", semantics.name())
}

/// Where `analyze --write` stores the strengths of a gradual semantics: this, then its name.
pub const STRENGTH_GRAPH_PREFIX: &str = "https://w3id.org/claimgraph/graph/strength/";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ontology_version_is_the_one_its_triples_say() {
        use oxigraph::io::RdfParser;
        use oxigraph::model::{NamedNodeRef, Term};
        let version_info = NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#versionInfo");
        let said: Vec<String> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(ONTOLOGY.as_bytes())
            .map(|quad| quad.unwrap())
            .filter(|quad| quad.predicate == version_info)
            .map(|quad| match quad.object {
                Term::Literal(literal) => literal.value().to_owned(),
                other => panic!("{other}"),
            })
            .collect();
        assert_eq!(said, [ontology_version()]);
    }
    use std::collections::BTreeSet;
    use std::path::Path;

    fn files_in(dir: &str, extension: &str) -> BTreeSet<String> {
        std::fs::read_dir(Path::new(&manifest_dir()).join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == extension))
            .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    /// The package's directory as cargo gives it to the running test, not as it was at compile
    /// time: a build directory shared between checkouts can run a test compiled in another one.
    fn manifest_dir() -> std::path::PathBuf {
        std::env::var_os("CARGO_MANIFEST_DIR")
            .expect("run by cargo")
            .into()
    }

    #[test]
    fn results_written_back_are_told_from_data_and_schema() {
        for semantics in Semantics::ALL {
            assert!(is_derived(&acceptance_graph(semantics)), "{semantics:?}");
        }
        assert!(is_derived(&format!("{STRENGTH_GRAPH_PREFIX}df-quad")));
        for graph in [
            ONTOLOGY_GRAPH,
            SHAPES_GRAPH,
            METADATA_GRAPH,
            DISTILLATION_ATTACKS_GRAPH,
        ] {
            assert!(!is_derived(graph), "{graph}");
            assert!(graph_role(graph).is_some(), "{graph}");
        }
        // Under the same prefix, a name that is no semantics' is the user's.
        assert!(!is_derived(&format!("{ACCEPTANCE_GRAPH_PREFIX}my-debate")));
        assert_eq!(
            graph_role(&format!("{ACCEPTANCE_GRAPH_PREFIX}my-debate")),
            None
        );
    }

    #[test]
    fn every_query_file_is_bundled_and_documented() {
        let bundled: BTreeSet<String> = NAMED_QUERIES.iter().map(|q| q.name.to_owned()).collect();
        assert_eq!(bundled, files_in("queries", "rq"));
        for query in NAMED_QUERIES {
            assert!(
                query.summary().ends_with('?') || query.summary().len() > 20,
                "{} must open with a comment saying what it answers",
                query.name
            );
        }
    }

    #[test]
    fn every_data_file_is_bundled() {
        let bundled: BTreeSet<String> = data_sources()
            .iter()
            .map(|s| {
                s.name()
                    .trim_start_matches("data/")
                    .trim_end_matches(".ttl")
                    .to_owned()
            })
            .collect();
        assert_eq!(bundled, files_in("data", "ttl"));
    }
}
