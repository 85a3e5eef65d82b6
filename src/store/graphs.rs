//! The named graphs of a store: listed with what the metadata graph records of them, chosen
//! for a read (`--graph`), copied into a small store, and dropped.

use super::remote::Remote;
use super::{provenance, Backend, ClaimStore};
use super::{GraphError, StoreError};
use crate::bundled;
use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Quad};
use oxigraph::store::{StorageError, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Deref;

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
    /// for a result written back (`analyze --write`), the command that wrote it; empty for the
    /// metadata graph itself.
    pub loaded: Vec<Loaded>,
    /// For a result written back, whether the data has changed since (a load, an update or a
    /// drop): it no longer says what the store's data gives.
    pub stale: bool,
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
    /// For a result computed from the store, the checksum of the data's descriptions when it
    /// was written (see [`ClaimStore::graphs`]).
    #[serde(skip)]
    pub derived_from: Option<String>,
}

/// The graphs a read covers: every graph, or the union of some (see [`ClaimStore::select`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    named: Vec<NamedNode>,
    ontology: Option<NamedNode>,
}

impl Selection {
    /// Whether it covers every graph.
    pub fn is_all(&self) -> bool {
        self.named.is_empty()
    }

    /// The graphs named, once each, in the order given; empty for every graph.
    pub fn named(&self) -> &[NamedNode] {
        &self.named
    }

    /// The graphs named, then the ontology graph when the store holds it and it was not named:
    /// what a read of the selection sees, so that class hierarchies still resolve.
    pub fn graphs(&self) -> impl Iterator<Item = &NamedNode> {
        self.named.iter().chain(&self.ontology)
    }

    /// The same graphs without the ontology graph added: for writing out exactly what was named.
    pub fn exactly(mut self) -> Self {
        self.ontology = None;
        self
    }
}

/// A store as a [`Selection`] sees it: the store itself, or an in-memory copy of the graphs
/// selected. Dereferences to a [`ClaimStore`], so that readers take either alike.
pub enum View<'a> {
    /// Every graph: the store itself.
    Whole(&'a ClaimStore),
    /// Some graphs, copied.
    Part(ClaimStore),
}

impl Deref for View<'_> {
    type Target = ClaimStore;

    fn deref(&self) -> &ClaimStore {
        match self {
            View::Whole(store) => store,
            View::Part(store) => store,
        }
    }
}

impl ClaimStore {
    /// Every named graph, sorted by name, with its size, its role when claimgraph names it, and
    /// what the metadata graph records of the loads that wrote it.
    pub fn graphs(&self) -> Result<Vec<GraphInfo>, StoreError> {
        let store = match &self.backend {
            Backend::Local(store) => store,
            Backend::Remote(remote) => return remote_graphs(remote),
        };
        let mut loaded = provenance::read(store)?;
        let state = provenance::data_state(&loaded);
        let mut graphs = Vec::new();
        for graph in store.named_graphs() {
            let graph = graph?;
            let triples = super::count(store.quads_for_pattern(
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
            let loaded = loaded.remove(&graph).unwrap_or_default();
            graphs.push(GraphInfo {
                graph: name,
                triples,
                role,
                stale: stale(&loaded, &state),
                loaded,
            });
        }
        graphs.sort_by(|a, b| a.graph.cmp(&b.graph));
        Ok(graphs)
    }

    /// The state of the data that a result computed now is computed from (see
    /// [`provenance::data_state`]).
    pub(super) fn data_state(&self) -> Result<String, StoreError> {
        let described = match &self.backend {
            Backend::Local(store) => provenance::read(store)?,
            Backend::Remote(remote) => remote_described(remote)?,
        };
        Ok(provenance::data_state(&described))
    }

    /// The graphs `names` (IRIs) name, checked to exist; no name, every graph. The error names
    /// every name that matches no graph.
    pub fn select(&self, names: &[String]) -> Result<Selection, GraphError> {
        let mut named: Vec<NamedNode> = Vec::with_capacity(names.len());
        let mut unknown = Vec::new();
        for name in names {
            match NamedNode::new(name.as_str()) {
                Ok(graph) if self.contains_graph(graph.as_ref())? => {
                    if !named.contains(&graph) {
                        named.push(graph);
                    }
                }
                _ => unknown.push(name.clone()),
            }
        }
        if !unknown.is_empty() {
            return Err(GraphError::Unknown { names: unknown });
        }
        let ontology = NamedNodeRef::new_unchecked(bundled::ONTOLOGY_GRAPH);
        let add_ontology = !named.is_empty()
            && !named.iter().any(|g| *g == ontology)
            && self.contains_graph(ontology)?;
        Ok(Selection {
            named,
            ontology: add_ontology.then(|| ontology.into_owned()),
        })
    }

    /// The store as `selection` sees it: itself when it covers every graph, else an in-memory
    /// copy of the graphs it covers, names kept.
    pub fn view(&self, selection: &Selection) -> Result<View<'_>, StoreError> {
        if selection.is_all() {
            return Ok(View::Whole(self));
        }
        let store = match &self.backend {
            Backend::Local(store) => store,
            Backend::Remote(remote) => {
                let mut quads = Vec::new();
                for graph in selection.graphs() {
                    remote.read_graph(graph.as_ref(), &mut quads)?;
                }
                return Ok(View::Part(Self::copy_of(quads.into_iter().map(Ok))?));
            }
        };
        let quads = selection.graphs().flat_map(|graph| {
            store.quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
        });
        Ok(View::Part(Self::copy_of(quads)?))
    }

    /// Removes the graphs `names` (IRIs) and their descriptions in the metadata graph, in one
    /// transaction: all of them, or none when a name matches no graph or a protected one. The
    /// bundled ontology and shapes go only with `schema`; the metadata graph never, since every
    /// load and drop keeps it true. Returns each graph dropped with the triples it held.
    pub fn drop_graphs(
        &self,
        names: &[String],
        schema: bool,
    ) -> Result<Vec<(NamedNode, usize)>, GraphError> {
        let selection = self.select(names)?;
        for graph in selection.named() {
            if graph.as_str() == bundled::METADATA_GRAPH {
                return Err(GraphError::Metadata {
                    graph: graph.as_str().to_owned(),
                });
            }
            if !schema && bundled::SCHEMA_GRAPHS.contains(&graph.as_str()) {
                return Err(GraphError::Schema {
                    graph: graph.as_str().to_owned(),
                });
            }
        }
        let store = match &self.backend {
            Backend::Local(store) => store,
            Backend::Remote(remote) => return Ok(remote_drop(remote, selection.named())?),
        };
        let mut transaction = store.start_transaction()?;
        let mut dropped = Vec::with_capacity(selection.named().len());
        for graph in selection.named() {
            let triples = super::count(transaction.quads_for_pattern(
                None,
                None,
                None,
                Some(graph.as_ref().into()),
            ))?;
            provenance::forget(&mut transaction, graph.as_ref().into())?;
            transaction.remove_named_graph(graph)?;
            dropped.push((graph.clone(), triples));
        }
        transaction.commit()?;
        self.committed(None)?;
        Ok(dropped)
    }

    /// An in-memory store holding `quads`.
    pub(super) fn copy_of(
        quads: impl IntoIterator<Item = Result<Quad, StorageError>>,
    ) -> Result<Self, StorageError> {
        let store = Store::new()?;
        let mut loader = store.bulk_loader();
        loader.load_ok_quads::<StorageError, StorageError>(quads)?;
        loader.commit()?;
        Ok(Self::memory(store))
    }
}

/// What [`ClaimStore::graphs`] says of a SPARQL engine: the graphs claimgraph wrote there, each
/// counted by the engine, with the metadata graph read to describe them.
fn remote_graphs(remote: &Remote) -> Result<Vec<GraphInfo>, StoreError> {
    let names = remote.graphs()?;
    let mut loaded = if names.is_empty() {
        HashMap::new()
    } else {
        remote_described(remote)?
    };
    let state = provenance::data_state(&loaded);
    let mut graphs = Vec::with_capacity(names.len());
    for graph in names {
        let loaded = loaded.remove(&graph.clone().into()).unwrap_or_default();
        graphs.push(GraphInfo {
            graph: graph.as_str().to_owned(),
            triples: remote.count(graph.as_ref())? as usize,
            role: bundled::graph_role(graph.as_str()),
            stale: stale(&loaded, &state),
            loaded,
        });
    }
    Ok(graphs)
}

/// What the metadata graph of a SPARQL engine says of each graph (see [`provenance::read`]).
fn remote_described(remote: &Remote) -> Result<HashMap<NamedOrBlankNode, Vec<Loaded>>, StoreError> {
    let mut described = Vec::new();
    remote.read_graph(provenance::graph(), &mut described)?;
    let metadata = ClaimStore::copy_of(described.into_iter().map(Ok))?;
    let Backend::Local(metadata) = &metadata.backend else {
        unreachable!("a copy is in memory")
    };
    Ok(provenance::read(metadata)?)
}

/// Whether a graph whose writes are `loaded` is a result computed from data that has changed
/// since: the data's state now is `state`.
fn stale(loaded: &[Loaded], state: &str) -> bool {
    loaded.iter().any(|load| {
        load.derived_from
            .as_deref()
            .is_some_and(|from| from != state)
    })
}

/// [`ClaimStore::drop_graphs`] on a SPARQL engine, in one update: the descriptions go first,
/// so that an engine that applies the operations one by one (Virtuoso) hides the graphs from
/// readers before it empties them.
fn remote_drop(
    remote: &Remote,
    graphs: &[NamedNode],
) -> Result<Vec<(NamedNode, usize)>, StorageError> {
    let mut dropped = Vec::with_capacity(graphs.len());
    let mut update = String::new();
    for graph in graphs {
        dropped.push((graph.clone(), remote.count(graph.as_ref())? as usize));
        super::remote::load::forget(&mut update, graph.as_ref());
    }
    for graph in graphs {
        update.push_str(&format!("DROP SILENT GRAPH {graph} ;\n"));
    }
    remote.update(update.trim_end().trim_end_matches(';'))?;
    Ok(dropped)
}

#[cfg(test)]
mod tests {
    use super::super::tests::turtle;
    use super::*;
    use crate::store::GraphError;

    fn store() -> ClaimStore {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load_with_schema(&[
                turtle("a.ttl", "<urn:a> <urn:p> <urn:b> ."),
                turtle("b.ttl", "<urn:b> <urn:p> <urn:c> ."),
            ])
            .unwrap();
        store
    }

    fn names(store: &ClaimStore) -> Vec<String> {
        store
            .graphs()
            .unwrap()
            .into_iter()
            .map(|g| g.graph)
            .collect()
    }

    #[test]
    fn a_selection_names_every_unknown_graph_and_adds_the_ontology() {
        let store = store();
        let err = store
            .select(&["urn:g:a.ttl".into(), "urn:nope".into(), "not an IRI".into()])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"no graph "urn:nope", "not an IRI" in the store (`claimgraph graphs` lists them)"#
        );
        let selection = store
            .select(&["urn:g:a.ttl".into(), "urn:g:a.ttl".into()])
            .unwrap();
        assert_eq!(selection.named().len(), 1);
        let read: Vec<&str> = selection.graphs().map(NamedNode::as_str).collect();
        assert_eq!(read, ["urn:g:a.ttl", bundled::ONTOLOGY_GRAPH]);
        assert_eq!(selection.clone().exactly().graphs().count(), 1);
        assert!(store.select(&[]).unwrap().is_all());
    }

    #[test]
    fn a_view_holds_the_graphs_selected_and_no_other() {
        let store = store();
        let selection = store.select(&["urn:g:b.ttl".into()]).unwrap();
        let view = store.view(&selection.exactly()).unwrap();
        assert!(matches!(view, View::Part(_)));
        assert_eq!(names(&view), ["urn:g:b.ttl"]);
        assert_eq!(view.len().unwrap(), 1);
        let whole = store.view(&Selection::default()).unwrap();
        assert!(matches!(whole, View::Whole(_)));
    }

    #[test]
    fn a_drop_is_all_or_nothing_and_takes_the_descriptions_along() {
        let store = store();
        let before = names(&store);
        let err = store
            .drop_graphs(&["urn:g:a.ttl".into(), "urn:g:c.ttl".into()], false)
            .unwrap_err();
        assert!(matches!(&err, GraphError::Unknown { names } if names == &["urn:g:c.ttl"]));
        assert_eq!(names(&store), before, "nothing was dropped");

        let dropped = store
            .drop_graphs(&["urn:g:a.ttl".into(), "urn:g:b.ttl".into()], false)
            .unwrap();
        assert_eq!(
            dropped
                .iter()
                .map(|(g, n)| (g.as_str(), *n))
                .collect::<Vec<_>>(),
            [("urn:g:a.ttl", 1), ("urn:g:b.ttl", 1)]
        );
        let left = store.graphs().unwrap();
        assert!(left.iter().all(|g| !g.graph.starts_with("urn:g:")));
        // Only the ontology and shapes are described now, in 16 triples each.
        let described = left.iter().filter(|g| !g.loaded.is_empty()).count();
        let metadata = left
            .iter()
            .find(|g| g.graph == bundled::METADATA_GRAPH)
            .unwrap();
        assert_eq!(described, 2);
        assert_eq!(
            metadata.triples,
            2 * 16,
            "every description's blank nodes went with it"
        );
    }

    #[test]
    fn the_schema_is_dropped_only_when_asked_and_the_metadata_never() {
        let store = store();
        let err = store
            .drop_graphs(&["urn:g:a.ttl".into(), bundled::SHAPES_GRAPH.into()], false)
            .unwrap_err();
        assert!(matches!(err, GraphError::Schema { .. }), "{err}");
        assert!(names(&store).contains(&"urn:g:a.ttl".to_owned()));
        let err = store
            .drop_graphs(&[bundled::METADATA_GRAPH.into()], true)
            .unwrap_err();
        assert!(matches!(err, GraphError::Metadata { .. }), "{err}");
        store
            .drop_graphs(&[bundled::ONTOLOGY_GRAPH.into()], true)
            .unwrap();
        assert!(!names(&store).contains(&bundled::ONTOLOGY_GRAPH.to_owned()));
    }
}
