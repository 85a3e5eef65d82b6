//! The named graphs of a store, listed with what the metadata graph records of them.

use super::{provenance, ClaimStore};
use crate::bundled;
use crate::error::StoreError;
use oxigraph::model::NamedOrBlankNode;
use serde::Serialize;

/// One named graph: its size, and what is known of where it came from. The rows that
/// `claimgraph graphs` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphInfo {
    /// The graph's name: an IRI, or a blank node as `_:label`.
    pub graph: String,
    /// How many triples it holds.
    pub triples: usize,
    /// What claimgraph keeps in it, for a graph that claimgraph names itself.
    pub role: Option<&'static str>,
    /// The sources of the last load that wrote into it, as the metadata graph records them;
    /// empty for graphs that no load wrote (written-back labels, the metadata graph itself).
    pub loaded: Vec<Loaded>,
}

/// What the metadata graph records of a source that a load wrote into a graph. Each field is
/// `None` when the description lacks it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Loaded {
    /// The source as it was named: a path as given, or a bundled file's name.
    pub source: Option<String>,
    /// The file it was read from, as a `file:` IRI.
    pub file: Option<String>,
    /// The SHA-256 of the source's bytes, in hexadecimal.
    pub sha256: Option<String>,
    /// The graph's size once the load had landed.
    pub triples: Option<usize>,
    /// When the load was made, as an `xsd:dateTime`.
    pub loaded_at: Option<String>,
    /// The claimgraph version that made it.
    pub version: Option<String>,
}

impl ClaimStore {
    /// Every named graph, sorted by name, with its size, its role when claimgraph names it, and
    /// what the metadata graph records of the loads that wrote it.
    pub fn graphs(&self) -> Result<Vec<GraphInfo>, StoreError> {
        let mut loaded = provenance::read(&self.store)?;
        let mut graphs = Vec::new();
        for graph in self.store.named_graphs() {
            let graph = graph?;
            let triples = super::count(self.store.quads_for_pattern(
                None,
                None,
                None,
                Some(graph.as_ref().into()),
            ))?;
            let (name, role) = match &graph {
                NamedOrBlankNode::NamedNode(iri) => {
                    (iri.as_str().to_owned(), bundled::graph_role(iri.as_str()))
                }
                other => (other.to_string(), None),
            };
            graphs.push(GraphInfo {
                graph: name,
                triples,
                role,
                loaded: loaded.remove(&graph).unwrap_or_default(),
            });
        }
        graphs.sort_by(|a, b| a.graph.cmp(&b.graph));
        Ok(graphs)
    }
}
