//! The embedded Oxigraph store: open it, load sources into it atomically, list its graphs.
//!
//! This is the only module that opens or writes the store.
//!
//! ```
//! use claimgraph::{ClaimStore, ingest::Source};
//! use oxigraph::io::RdfFormat;
//!
//! let store = ClaimStore::in_memory()?;
//! let source = Source::from_bytes("a.ttl", &b"<urn:a> <urn:b> <urn:c> ."[..], RdfFormat::Turtle, "urn:g")?;
//! let report = store.load(&[source])?;
//! assert_eq!(report.quads(), 1);
//! assert_eq!(store.len()?, 1);
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use crate::bundled;
use crate::error::{LoadError, StoreError};
use crate::ingest::Source;
use oxigraph::io::{RdfParser, RdfSyntaxError};
use oxigraph::model::{GraphNameRef, NamedNodeRef, NamedOrBlankNode, Triple};
use oxigraph::store::{StorageError, Store};
use std::path::{Path, PathBuf};

/// An Oxigraph store holding claimgraph data, on disk or in memory.
pub struct ClaimStore {
    store: Store,
    path: Option<PathBuf>,
}

/// What a load added: quads per source, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    /// `(source name, graph IRI, quads read)` for each source.
    pub sources: Vec<(String, String, usize)>,
}

impl LoadReport {
    /// Total quads read from all sources.
    pub fn quads(&self) -> usize {
        self.sources.iter().map(|(_, _, n)| n).sum()
    }
}

impl ClaimStore {
    /// A fresh, empty in-memory store.
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self {
            store: Store::new()?,
            path: None,
        })
    }

    /// Opens (creating if needed) the on-disk store at `path`. Fails with
    /// [`StoreError::Locked`] when another process holds it.
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(path).map_err(|source| StoreError::CreateDir {
            path: path.to_owned(),
            source,
        })?;
        let store = Store::open(path).map_err(|source| {
            // RocksDB reports a held lock only in its message ("While lock file: .../LOCK").
            if source.to_string().contains("lock") {
                StoreError::Locked {
                    path: path.to_owned(),
                    source,
                }
            } else {
                StoreError::Open {
                    path: path.to_owned(),
                    source,
                }
            }
        })?;
        Ok(Self {
            store,
            path: Some(path.to_owned()),
        })
    }

    /// The directory of an on-disk store; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Loads every source in one transaction: either all of them land or none does.
    ///
    /// A triple-format source replaces the content of its graph, so that loading a file again
    /// updates it rather than doubling it; a TriG or N-Quads source adds to the graphs it names.
    /// Blank nodes are renamed so that two files never share one by accident.
    pub fn load(&self, sources: &[Source]) -> Result<LoadReport, LoadError> {
        let mut transaction = self.store.start_transaction()?;
        let mut report = LoadReport {
            sources: Vec::with_capacity(sources.len()),
        };
        for source in sources {
            let graph = source.graph();
            let mut parser = RdfParser::from_format(source.format())
                .with_base_iri(graph.as_str())
                .map_err(|_| LoadError::GraphName {
                    input: source.name().to_owned(),
                    iri: graph.as_str().to_owned(),
                })?
                .rename_blank_nodes()
                .with_default_graph(graph.clone());
            if !source.is_dataset() {
                transaction.clear_graph(graph)?;
                parser = parser.without_named_graphs();
            }
            let mut count = 0;
            for quad in parser.for_slice(source.content()) {
                let quad = quad.map_err(|error| parse_error(source.name(), error))?;
                transaction.insert(&quad);
                count += 1;
            }
            report
                .sources
                .push((source.name().to_owned(), graph.as_str().to_owned(), count));
        }
        // Dropping the transaction on an early return above rolls it back.
        transaction.commit()?;
        Ok(report)
    }

    /// Loads `sources` like [`load`](Self::load), adding the bundled ontology and shapes in the
    /// same transaction when the store does not hold them yet, so that every store can answer
    /// queries that walk the class hierarchy.
    pub fn load_with_schema(&self, sources: &[Source]) -> Result<LoadReport, LoadError> {
        let ontology = NamedNodeRef::new_unchecked(bundled::ONTOLOGY_GRAPH);
        if self.store.contains_named_graph(ontology)? {
            return self.load(sources);
        }
        let mut all = bundled::schema_sources();
        all.extend_from_slice(sources);
        self.load(&all)
    }

    /// Replaces the content of `graph` with `triples`, atomically: for results computed from
    /// the store, such as argumentation labels, that are written back beside the data.
    pub fn replace_graph(
        &self,
        graph: NamedNodeRef<'_>,
        triples: &[Triple],
    ) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction()?;
        transaction.clear_graph(graph)?;
        for triple in triples {
            transaction.insert(triple.as_ref().in_graph(graph));
        }
        transaction.commit()?;
        Ok(())
    }

    /// Whether the store holds no quad at all.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// The number of quads in the store.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// Each named graph with its number of quads, sorted by name.
    pub fn graphs(&self) -> Result<Vec<(NamedOrBlankNode, usize)>, StoreError> {
        let mut graphs = Vec::new();
        for graph in self.store.named_graphs() {
            let graph = graph?;
            let count = self
                .store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::from(graph.as_ref())))
                .try_fold(0, |n, quad| quad.map(|_| n + 1))?;
            graphs.push((graph, count));
        }
        graphs.sort_by_key(|(graph, _)| graph.to_string());
        Ok(graphs)
    }

    /// Writes pending changes to disk.
    pub fn flush(&self) -> Result<(), StorageError> {
        self.store.flush()
    }

    /// The underlying Oxigraph store, for read-only evaluation.
    pub(crate) fn oxigraph(&self) -> &Store {
        &self.store
    }
}

fn parse_error(input: &str, error: RdfSyntaxError) -> LoadError {
    let location = error
        .location()
        .map(|range| (range.start.line + 1, range.start.column + 1));
    let text = error.to_string();
    // The parser's message repeats the position in words ("Parser error at line 3 column 5:
    // ..."); keep only what follows, since the position is printed first.
    let message = match (location, text.split_once(": ")) {
        (Some(_), Some((head, rest))) if head.starts_with("Parser error") => rest.to_owned(),
        _ => text,
    };
    LoadError::Syntax {
        input: input.to_owned(),
        location,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfFormat;

    fn turtle(name: &str, text: &'static str) -> Source {
        Source::from_bytes(
            name,
            text.as_bytes(),
            RdfFormat::Turtle,
            &format!("urn:g:{name}"),
        )
        .unwrap()
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column_and_loads_nothing() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load(&[turtle("good.ttl", "<urn:a> <urn:b> <urn:c> .")])
            .unwrap();
        let err = store
            .load(&[
                turtle("other.ttl", "<urn:x> <urn:y> <urn:z> ."),
                turtle(
                    "bad.ttl",
                    "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> \"open .",
                ),
            ])
            .unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("bad.ttl:2:"), "{message}");
        assert_eq!(
            store.len().unwrap(),
            1,
            "the good first file of the batch was rolled back"
        );
    }

    #[test]
    fn reloading_a_file_replaces_its_graph() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load(&[turtle("a.ttl", "<urn:a> <urn:b> <urn:c> , <urn:d> .")])
            .unwrap();
        store
            .load(&[turtle("a.ttl", "<urn:a> <urn:b> <urn:e> .")])
            .unwrap();
        assert_eq!(store.len().unwrap(), 1);
    }

    #[test]
    fn blank_nodes_of_two_files_stay_apart() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load(&[
                turtle("a.ttl", "_:b0 <urn:p> <urn:a> ."),
                turtle("b.ttl", "_:b0 <urn:p> <urn:b> ."),
            ])
            .unwrap();
        let subjects: std::collections::HashSet<_> = store
            .oxigraph()
            .iter()
            .map(|q| q.unwrap().subject)
            .collect();
        assert_eq!(subjects.len(), 2);
    }
}
