//! The embedded Oxigraph store: open it, load sources into it atomically, describe what each
//! load wrote in a metadata graph, list, select and drop its graphs.
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
//! // The metadata graph records where each graph came from.
//! let graphs = store.graphs()?;
//! let loaded = graphs.iter().find(|g| g.graph == "urn:g").unwrap();
//! assert_eq!(loaded.triples, 1);
//! assert_eq!(loaded.loaded[0].source.as_deref(), Some("a.ttl"));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use crate::bundled;
use crate::ingest::Source;
use crate::validate::{self, Shapes, Violation};
use oxigraph::model::{
    GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, TermRef,
    Triple,
};
use oxigraph::store::{BulkLoader, StorageError, Store, Transaction};
use oxsdatatypes::DateTime;
use siphasher::sip128::Hasher128;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;

mod graphs;
mod kept;
#[cfg(feature = "rocksdb")]
mod lock;
mod provenance;
pub mod remote;
mod update;

mod error;

pub use error::{GraphError, LoadError, StoreError, UpdateError};
pub use graphs::{GraphInfo, Loaded, Selection, View};
pub use kept::{Kept, Touched};
pub use remote::{Endpoint, RemoteError};
pub use update::{Dataset, Update, Updated};

#[cfg(feature = "rocksdb")]
use lock::StoreLock;

/// The lock file's name inside an on-disk store's directory (see `lock.rs`).
const LOCK_FILE: &str = "claimgraph.lock";

/// How a store is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Queries only; several readers may share the store.
    ReadOnly,
    /// Loads and write-backs; nobody else may hold the store meanwhile.
    ReadWrite,
}

/// A store holding claimgraph data: Oxigraph on disk or in memory, or a SPARQL engine that
/// someone else runs (see [`ClaimStore::remote`]). Every caller reads and writes them alike.
pub struct ClaimStore {
    backend: Backend,
    path: Option<PathBuf>,
    access: Access,
    // Updates may come from several threads (`serve`); one at a time, so that each checks and
    // describes exactly what it changed.
    updating: Mutex<()>,
    /// Whether the store holds fewer than [`SMALL`] quads: 0 not yet counted, 1 yes, 2 no.
    small: AtomicU8,
    /// What writes through this handle changed, recorded beside an on-disk store when it is
    /// dropped: after `backend`, whose drop closes RocksDB, and before the lock.
    changes: kept::Changes,
    // Dropped after `store`, so RocksDB is closed before another process may take the store.
    #[cfg(feature = "rocksdb")]
    _lock: Option<StoreLock>,
}

/// Quads below which a store is small: there a query is cheapest evaluated as Oxigraph plans
/// it, since reading the whole store costs less than looking each row's values up.
pub(crate) const SMALL: usize = 50_000;

/// Where the quads are.
enum Backend {
    /// Oxigraph, in this process.
    Local(Store),
    /// A SPARQL engine, over HTTP.
    Remote(Box<remote::Remote>),
}

/// Quads found by pattern, in any graph: what a focus reads, claim by claim, so that its cost
/// grows with the part it reads and not with the store. On the embedded store, index lookups;
/// on an engine, one small query each.
pub trait Lookup {
    /// The quads that match, in every graph the store holds for claimgraph.
    fn quads(
        &self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
    ) -> Result<Vec<Quad>, StorageError>;
}

impl Lookup for Store {
    fn quads(
        &self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
    ) -> Result<Vec<Quad>, StorageError> {
        self.quads_for_pattern(subject, predicate, object, None)
            .collect()
    }
}

/// What a load added: quads per source, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    /// `(source name, graph IRI, quads read)` for each source.
    pub sources: Vec<(String, String, usize)>,
    /// Whether the data was checked against shapes before it was committed.
    pub validated: bool,
    /// Violations that were in the store before the load, among the nodes it touches (from
    /// data loaded without validation): reported, but they did not stop it.
    pub already: Vec<Violation>,
    /// Whether Oxigraph's bulk loader wrote it (large loads into new graphs).
    pub bulk: bool,
    /// Whether the on-disk store was compacted after the bulk load: only when the load wrote
    /// several batches of sorted files and added at least as much as the store held.
    pub compacted: bool,
}

impl LoadReport {
    /// Total quads read from all sources.
    pub fn quads(&self) -> usize {
        self.sources.iter().map(|(_, _, n)| n).sum()
    }
}

/// From this many bytes of input on, a load into graphs that are still empty goes through
/// Oxigraph's bulk loader, which writes sorted files and adds them to the store in one atomic
/// step on commit, instead of one transaction that holds every change in memory. About
/// 100,000 triples of N-Triples.
pub const BULK_THRESHOLD_BYTES: usize = 10 << 20;

/// Quads are parsed and handed on in chunks of this many, so that a load never holds its
/// whole input as parsed terms.
const CHUNK: usize = 100_000;

/// How far a load has got, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// This many quads parsed so far, of all sources.
    Parsed(usize),
    /// Every source parsed; checking the result against the shapes.
    Validating,
    /// Making the load visible, in one step.
    Committing,
    /// Compacting the store after a bulk load that at least doubled it, so that readers do not
    /// pay for its many files.
    Compacting,
}

impl ClaimStore {
    /// A fresh, empty in-memory store.
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self::memory(Store::new()?))
    }

    /// An in-memory store holding exactly `quads`: a part of another store, read apart from
    /// the rest.
    pub fn from_quads(quads: Vec<Quad>) -> Result<Self, StorageError> {
        Self::copy_of(quads.into_iter().map(Ok))
    }

    fn memory(store: Store) -> Self {
        Self {
            backend: Backend::Local(store),
            path: None,
            access: Access::ReadWrite,
            updating: Mutex::default(),
            small: AtomicU8::default(),
            changes: kept::Changes::none(),
            #[cfg(feature = "rocksdb")]
            _lock: None,
        }
    }

    /// Opens the on-disk store at `path`, creating it if needed, to write to it. Fails with
    /// [`StoreError::Locked`] while another process has it open.
    #[cfg(feature = "rocksdb")]
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(path).map_err(|source| StoreError::CreateDir {
            path: path.to_owned(),
            source,
        })?;
        Self::open_locked(path, Access::ReadWrite)
    }

    /// Whether an on-disk store exists at `path`.
    #[cfg(feature = "rocksdb")]
    pub fn exists(path: &Path) -> bool {
        // RocksDB keeps the name of its current manifest in CURRENT: no such file, no store.
        path.join("CURRENT").is_file()
    }

    /// Opens an existing on-disk store. Several readers may share a store; a writer needs it
    /// alone. Fails with [`StoreError::Missing`] when there is no store at `path`, so that a
    /// mistyped path is never answered from a new, empty store.
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path, access: Access) -> Result<Self, StoreError> {
        if !Self::exists(path) {
            return Err(StoreError::Missing {
                path: path.to_owned(),
            });
        }
        Self::open_locked(path, access)
    }

    #[cfg(feature = "rocksdb")]
    fn open_locked(path: &Path, access: Access) -> Result<Self, StoreError> {
        let lock = StoreLock::acquire(path, access)?;
        let changes = match access {
            // Before anything can change the store: the state kept content names, from which
            // the changes this writer makes are recorded.
            Access::ReadWrite => kept::Changes::open(path).map_err(|error| StoreError::Open {
                path: path.to_owned(),
                source: StorageError::Io(error),
            })?,
            Access::ReadOnly => kept::Changes::none(),
        };
        let store = match access {
            Access::ReadOnly => Store::open_read_only(path),
            Access::ReadWrite => Store::open(path),
        }
        .map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        Ok(Self {
            backend: Backend::Local(store),
            path: Some(path.to_owned()),
            access,
            updating: Mutex::default(),
            small: AtomicU8::default(),
            changes,
            _lock: Some(lock),
        })
    }

    /// The SPARQL engine at `endpoint`: reads and writes go to it over HTTP, with credentials
    /// from `CLAIMGRAPH_USER` and `CLAIMGRAPH_PASSWORD`, else from a netrc file, when there
    /// are any for its host. Nothing is sent until a command needs it.
    pub fn remote(endpoint: Endpoint) -> Result<Self, StoreError> {
        Ok(Self {
            backend: Backend::Remote(Box::new(remote::Remote::new(endpoint)?)),
            path: None,
            access: Access::ReadWrite,
            updating: Mutex::default(),
            small: AtomicU8::default(),
            changes: kept::Changes::none(),
            #[cfg(feature = "rocksdb")]
            _lock: None,
        })
    }

    /// The engine's query URL, for a store on a SPARQL engine.
    pub fn endpoint(&self) -> Option<&str> {
        match &self.backend {
            Backend::Local(_) => None,
            Backend::Remote(remote) => Some(remote.url()),
        }
    }

    pub(crate) fn as_remote(&self) -> Option<&remote::Remote> {
        match &self.backend {
            Backend::Local(_) => None,
            Backend::Remote(remote) => Some(remote),
        }
    }

    /// Whether the store holds `graph`: on an engine, whether claimgraph wrote it.
    fn contains_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, StorageError> {
        match &self.backend {
            Backend::Local(store) => store.contains_named_graph(graph),
            Backend::Remote(remote) => Ok(remote.graphs()?.iter().any(|g| g.as_ref() == graph)),
        }
    }

    /// The directory of an on-disk store; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// How the store was opened.
    pub fn access(&self) -> Access {
        self.access
    }

    /// Loads every source in one step: either all of them land or none does. No validation;
    /// see [`loader`](Self::loader) for that.
    pub fn load(&self, sources: &[Source]) -> Result<LoadReport, LoadError> {
        self.loader().load(sources)
    }

    /// Like [`load`](Self::load), adding the bundled ontology and shapes in the same step when
    /// the store does not hold them yet, so that every store can answer queries that walk the
    /// class hierarchy.
    pub fn load_with_schema(&self, sources: &[Source]) -> Result<LoadReport, LoadError> {
        self.loader().with_schema().load(sources)
    }

    /// `sources` loaded as `claimgraph load` loads them into a new in-memory store: with the
    /// bundled schema, validated against the bundled shapes. For the readers' tests.
    #[cfg(test)]
    pub(crate) fn validated_load(sources: &[Source]) -> (Self, Result<LoadReport, LoadError>) {
        let store = Self::in_memory().expect("an in-memory store");
        let shapes = crate::validate::Shapes::bundled();
        let report = store.loader().with_schema().validate(&shapes).load(sources);
        (store, report)
    }

    /// A load to configure: with the schema, validated against shapes.
    pub fn loader(&self) -> Loader<'_> {
        Loader {
            store: self,
            schema: false,
            shapes: None,
            progress: None,
        }
    }

    /// Validates everything the store holds (but the shapes graph) against `shapes`.
    pub fn validate(&self, shapes: &Shapes) -> Result<validate::Report, StoreError> {
        Ok(validate::validate_data(self.oxigraph()?.iter(), shapes)?)
    }

    /// Replaces the content of `graph` with `triples`, atomically: for results computed from
    /// the store, such as argumentation labels, that are written back beside the data. The
    /// metadata graph describes it as written `by` that command.
    pub fn replace_graph(
        &self,
        graph: NamedNodeRef<'_>,
        triples: &[Triple],
        by: &str,
    ) -> Result<(), StoreError> {
        let mut lines: Vec<String> = triples.iter().map(|t| format!("{t} .\n")).collect();
        lines.sort_unstable();
        let content = lines.concat();
        let triples_held = {
            let distinct: HashSet<&Triple> = triples.iter().collect();
            distinct.len()
        };
        let description = provenance::Description {
            graph: graph.into(),
            triples: triples_held,
            origin: provenance::Origin::Derived {
                by,
                content: content.as_bytes(),
                from: self.data_state()?,
            },
            at: DateTime::now(),
        }
        .quads();
        let store = match &self.backend {
            Backend::Local(store) => store,
            Backend::Remote(remote) => {
                let mut upload = remote::load::Upload::start(remote, [graph.into_owned()])?;
                let quads = triples
                    .iter()
                    .map(|t| t.as_ref().in_graph(graph).into_owned());
                let mut scope = provenance::sha256(content.as_bytes());
                scope.truncate(32);
                upload.add(quads.collect(), &scope)?;
                upload.size(graph)?;
                upload.describe(graph, description);
                return Ok(upload.publish()?);
            }
        };
        let mut transaction = store.start_transaction()?;
        transaction.clear_graph(graph)?;
        provenance::forget(&mut transaction, graph.into())?;
        for triple in triples {
            transaction.insert(triple.as_ref().in_graph(graph));
        }
        transaction.extend(&description);
        transaction.commit()?;
        self.committed(None)?;
        Ok(())
    }

    /// What every write through this handle does once it has committed: records what it
    /// `touched` for readers of kept content (`None` when it cannot say, and they must read
    /// afresh), forgets what the store knew of its size ([`is_small`](Self::is_small)), and on
    /// disk writes the memtables out, so that no read-only open has to replay the write-ahead
    /// log.
    fn committed(&self, touched: Option<kept::Touched>) -> Result<(), StorageError> {
        self.changes.add(touched);
        self.small.store(0, Ordering::Relaxed);
        #[cfg(feature = "rocksdb")]
        if let (Backend::Local(store), Some(_)) = (&self.backend, &self.path) {
            store.flush()?;
        }
        Ok(())
    }

    /// Whether the store holds fewer than [`SMALL`] quads, by the sizes the metadata graph
    /// records (counting them would cost a query at 10,000 claims a quarter of a second), found
    /// the first time and remembered until a write through this handle. A store whose
    /// records do not tell is not small. A load by another process meanwhile is not seen: the
    /// answer only chooses between plans with the same answers.
    pub(crate) fn is_small(&self) -> bool {
        let Backend::Local(store) = &self.backend else {
            return false;
        };
        match self.small.load(Ordering::Relaxed) {
            1 => true,
            2 => false,
            _ => {
                let small = provenance::recorded_size(store)
                    .ok()
                    .flatten()
                    .is_some_and(|quads| quads < SMALL);
                self.small
                    .store(if small { 1 } else { 2 }, Ordering::Relaxed);
                small
            }
        }
    }

    /// Whether the store holds no quad at all.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        match &self.backend {
            Backend::Local(store) => Ok(store.is_empty()?),
            Backend::Remote(remote) => Ok(remote.graphs()?.is_empty()),
        }
    }

    /// The number of named graphs: unlike [`len`](Self::len), it costs what there are of them,
    /// not what they hold.
    pub fn graph_count(&self) -> Result<usize, StoreError> {
        match &self.backend {
            Backend::Local(store) => Ok(store
                .named_graphs()
                .try_fold(0, |n, graph| graph.map(|_| n + 1))?),
            Backend::Remote(remote) => Ok(remote.graphs()?.len()),
        }
    }

    /// The number of quads in the store.
    pub fn len(&self) -> Result<usize, StoreError> {
        match &self.backend {
            Backend::Local(store) => Ok(store.len()?),
            Backend::Remote(remote) => {
                let mut total = 0;
                for graph in remote.graphs()? {
                    total += remote.count(graph.as_ref())?;
                }
                Ok(total as usize)
            }
        }
    }

    /// Every quad as a line of N-Quads, sorted: the store's content in a form that two stores
    /// can be compared by, byte for byte.
    pub fn dump_nquads(&self) -> Result<String, StoreError> {
        let mut lines = self
            .oxigraph()?
            .iter()
            .map(|quad| quad.map(|q| format!("{q} .\n")))
            .collect::<Result<Vec<_>, _>>()?;
        lines.sort_unstable();
        Ok(lines.concat())
    }

    /// The Oxigraph store to read from: the store itself, or for an engine an in-memory copy
    /// of every graph claimgraph wrote there, read afresh on each call.
    pub(crate) fn oxigraph(&self) -> Result<Store, StorageError> {
        match &self.backend {
            Backend::Local(store) => Ok(store.clone()),
            Backend::Remote(remote) => remote.snapshot(),
        }
    }

    /// Where data computed from the store may be kept beside it, valid for as long as the
    /// store is unchanged (see [`Keeping`]): on disk only, and `None` in memory or on an
    /// engine. The store's state is taken now, before the caller reads anything.
    pub fn keeping(&self) -> Option<Keeping<'_>> {
        if let (Backend::Local(_), Some(dir)) = (&self.backend, &self.path) {
            let state = kept::state(dir).ok()?;
            return Some(Keeping { dir, state });
        }
        None
    }

    /// Closes the store and keeps `content`, computed from it under `key`, beside it for the
    /// state the close leaves: for a writer whose writes the computation does not read (results
    /// written back beside the data), so that the next reader need not compute it again.
    /// RocksDB is closed first, since closing moves its own files, and the lock is held until
    /// the content is kept, so that no other writer comes between. Nothing is kept in memory or
    /// on an engine; if the store is still open elsewhere in this process, what is kept names a
    /// state that its close will change, and only costs the next reader a computation.
    pub fn close_keeping(self, name: &str, key: &[u8], content: &[u8]) {
        let Self { backend, path, .. } = self;
        drop(backend);
        if let Some(dir) = path {
            if let Ok(state) = kept::state(&dir) {
                kept::write(&dir, name, key, state, content);
            }
        }
    }

    /// Lookups by pattern on the store (see [`Lookup`]).
    pub fn lookup(&self) -> Result<Box<dyn Lookup + '_>, StorageError> {
        Ok(match &self.backend {
            Backend::Local(store) => Box::new(store.clone()),
            Backend::Remote(remote) => Box::new(remote.lookup()?),
        })
    }
}

/// Data computed from an on-disk store, kept in a file beside it: read back only while the
/// store is in the state it was computed from, whoever changed it since, and written only when
/// the store did not change during the computation. The rules are in `store/kept.rs`.
pub struct Keeping<'a> {
    dir: &'a Path,
    state: [u8; 32],
}

impl Keeping<'_> {
    /// What is kept under `name` for `key` (which says what was computed and by which code),
    /// when it was computed from the store as it is now.
    pub fn read(&self, name: &str, key: &[u8]) -> Option<Kept> {
        kept::read(self.dir, name, key)
    }

    /// What is kept under `name` for `key` for an earlier state of the store, and every
    /// resource that writes since then have named as a subject or object of a quad they added
    /// or removed, when the writers could say so (see `store/kept.rs`): what a reader must
    /// read again to bring the kept content up to date.
    pub fn changed(&self, name: &str, key: &[u8]) -> Option<(Kept, Vec<(NamedOrBlankNode, bool)>)> {
        kept::read_changed(self.dir, name, key)
    }

    /// Keeps `content`, computed from the store since [`ClaimStore::keeping`], under `name`
    /// for `key`; nothing when the store changed meanwhile or the file cannot be written.
    pub fn write(self, name: &str, key: &[u8], content: &[u8]) {
        kept::write(self.dir, name, key, self.state, content);
    }
}

/// A load being set up: see [`ClaimStore::loader`].
#[must_use]
pub struct Loader<'a> {
    store: &'a ClaimStore,
    schema: bool,
    shapes: Option<&'a Shapes>,
    progress: Option<&'a dyn Fn(Progress)>,
}

/// What a load that landed read from each source, and the violations that were there already.
type Landed = (Vec<usize>, Vec<Violation>);

/// A write that landed: what it read, the resources it named for the kept graph's readers, and
/// for a bulk load what a compaction would merge.
struct Committed {
    landed: Landed,
    touched: Option<kept::Touched>,
    merge: Option<Merge>,
}

impl<'a> Loader<'a> {
    /// Adds the bundled ontology and shapes when the store does not hold them yet.
    pub fn with_schema(mut self) -> Self {
        self.schema = true;
        self
    }

    /// Refuses to commit unless the store, as it would be after the load, conforms to
    /// `shapes`: references cross files, so the new data is checked together with what is
    /// stored already.
    pub fn validate(mut self, shapes: &'a Shapes) -> Self {
        self.shapes = Some(shapes);
        self
    }

    /// Calls `progress` as the load goes on.
    pub fn on_progress(mut self, progress: &'a dyn Fn(Progress)) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Parses every source, validates if asked, then commits all of them or none, together
    /// with a description of every graph written in the metadata graph (see `provenance`).
    ///
    /// A triple-format source replaces the content of its graph, so that loading a file again
    /// updates it rather than doubling it; a TriG or N-Quads source adds to the graphs it names.
    ///
    /// Sources are parsed in chunks, each handed to the store's pending write (and to the
    /// copy being validated) before the next is parsed; nothing is visible before the commit,
    /// and an error anywhere drops the pending write.
    pub fn load(self, sources: &[Source]) -> Result<LoadReport, LoadError> {
        let schema = if self.schema
            && !self
                .store
                .contains_graph(NamedNodeRef::new_unchecked(bundled::ONTOLOGY_GRAPH))?
        {
            bundled::schema_sources()
        } else {
            Vec::new()
        };
        let all: Vec<&Source> = schema.iter().chain(sources).collect();
        let replaced: BTreeSet<NamedNode> = all
            .iter()
            .filter(|s| !s.is_dataset())
            .map(|s| s.graph().clone())
            .collect();
        let bytes: usize = all.iter().map(|s| s.content().len()).sum();
        let mut bulk = match &self.store.backend {
            Backend::Local(store) => {
                let all_new = replaced.iter().try_fold(true, |new, graph| {
                    Ok::<_, StorageError>(new && !store.contains_named_graph(graph)?)
                })?;
                all_new && bytes >= BULK_THRESHOLD_BYTES
            }
            Backend::Remote(_) => false,
        };
        let held = match &self.store.backend {
            Backend::Local(store) if bulk => provenance::recorded_size(store)?,
            _ => None,
        };
        let Committed {
            landed: (counts, already),
            touched,
            merge,
        } = loop {
            match self.write(&all, &replaced, bulk)? {
                Some(written) => break written,
                // Only a bulk load gives up, and only once: a transaction takes any graph.
                None => bulk = false,
            }
        };
        let compacted =
            self.store.path.is_some() && merge.is_some_and(|merge| merge.worth_compacting(held));
        self.settle(compacted, touched)?;
        Ok(LoadReport {
            sources: all
                .iter()
                .zip(counts)
                .map(|(s, n)| (s.name().to_owned(), s.graph().as_str().to_owned(), n))
                .collect(),
            validated: self.shapes.is_some(),
            already,
            bulk,
            compacted,
        })
    }

    /// Writes `all` in one pending write, a bulk load or a transaction, and commits it. A bulk
    /// load only adds, so it cannot replace the description of a graph that exists already:
    /// when a TriG or N-Quads source turns out to write into one, it gives up before
    /// committing (`None`), to be done again as a transaction.
    fn write(
        &self,
        all: &[&Source],
        replaced: &BTreeSet<NamedNode>,
        bulk: bool,
    ) -> Result<Option<Committed>, LoadError> {
        // What the load adds, in memory, for validation to read beside the store.
        let mut checked = self.shapes.map(|_| validate::AddedBuilder::default());
        // And what it names, for readers of what is kept beside the store.
        let mut touched = self.store.changes.recording().then(kept::Touched::default);
        let (mut pending, store) = match &self.store.backend {
            Backend::Local(store) if bulk => (
                Pending::Bulk(Batches::new(store.bulk_loader()), Box::default()),
                Some(store),
            ),
            Backend::Local(store) => {
                let mut transaction = store.start_transaction()?;
                for graph in replaced {
                    if let Some(touched) = &mut touched {
                        touched.node(&graph.clone().into(), true);
                        touched.removed(transaction.quads_for_pattern(
                            None,
                            None,
                            None,
                            Some(graph.into()),
                        ))?;
                    }
                    transaction.clear_graph(graph)?;
                }
                (Pending::Transaction(transaction), Some(store))
            }
            Backend::Remote(remote) => (
                Pending::Remote(
                    remote::load::Upload::start(remote, replaced.iter().cloned())
                        .map_err(StorageError::from)?,
                ),
                None,
            ),
        };
        let mut written = Written::default();
        let mut counts = Vec::with_capacity(all.len());
        let mut parsed = 0;
        for (i, source) in all.iter().enumerate() {
            let mut count = 0;
            let flow = source.chunks(CHUNK, |quads| {
                let existing = store.filter(|_| bulk);
                if !written.note(i, source, &quads, existing)? {
                    return Ok::<_, LoadError>(ControlFlow::Break(()));
                }
                count += quads.len();
                parsed += quads.len();
                if let Some(checked) = &mut checked {
                    checked.extend(&quads);
                }
                if let Some(touched) = &mut touched {
                    touched.quads(&quads);
                }
                pending.add(quads, source)?;
                self.report(Progress::Parsed(parsed));
                Ok(ControlFlow::Continue(()))
            })?;
            if flow.is_break() {
                return Ok(None);
            }
            if count == 0 {
                return Err(source.empty().into());
            }
            counts.push(count);
            failpoint::reached("parse", i);
        }
        let mut already = Vec::new();
        if let (Some(shapes), Some(checked)) = (self.shapes, checked) {
            self.report(Progress::Validating);
            let added = checked.finish();
            let change = validate::Change {
                before: &self.store.oxigraph()?,
                replaced,
                removed: &validate::Added::default(),
                added: &added,
            };
            already = validate::validate_change(&change, shapes)?
                .accepted()
                .map_err(|report| LoadError::Invalid { report })?;
        }
        let at = DateTime::now();
        for (graph, writers) in &written.graphs {
            let triples = pending.size(graph.as_ref())?;
            let descriptions = writers.iter().flat_map(|&i| {
                provenance::Description {
                    graph: graph.as_ref(),
                    triples,
                    origin: provenance::Origin::Load(all[i]),
                    at,
                }
                .quads()
            });
            let descriptions: Vec<Quad> = descriptions.collect();
            if let Some(touched) = &mut touched {
                touched.node(graph, true);
                touched.quads(&descriptions);
            }
            pending.describe(graph.as_ref(), descriptions)?;
        }
        self.report(Progress::Committing);
        failpoint::reached("commit", 0);
        let merge = pending.commit()?;
        Ok(Some(Committed {
            landed: (counts, already),
            touched,
            merge,
        }))
    }

    /// Leaves an on-disk store ready for its readers: memtables written out, so that no
    /// read-only open has to replay the write-ahead log, and when asked the store compacted, so
    /// that lookups search a file per index instead of one per batch of the bulk load.
    #[cfg(feature = "rocksdb")]
    fn settle(&self, compact: bool, touched: Option<kept::Touched>) -> Result<(), StorageError> {
        self.store.committed(touched)?;
        if let (Backend::Local(store), true) = (&self.store.backend, compact) {
            self.report(Progress::Compacting);
            store.optimize()?;
        }
        Ok(())
    }

    /// In memory there is nothing to compact.
    #[cfg(not(feature = "rocksdb"))]
    fn settle(&self, _compact: bool, touched: Option<kept::Touched>) -> Result<(), StorageError> {
        self.store.committed(touched)
    }

    fn report(&self, progress: Progress) {
        if let Some(callback) = self.progress {
            callback(progress);
        }
    }
}

/// Which sources of a load wrote into which graph, in order: what the metadata will describe.
#[derive(Default)]
struct Written {
    graphs: HashMap<NamedOrBlankNode, Vec<usize>>,
}

impl Written {
    /// Notes the graphs that `quads`, read from source `i`, go to. Refuses the metadata graph,
    /// which only loads themselves write. With `existing`, the store a bulk load adds to,
    /// returns `false` when a graph that the store holds already turns up.
    fn note(
        &mut self,
        i: usize,
        source: &Source,
        quads: &[Quad],
        existing: Option<&Store>,
    ) -> Result<bool, LoadError> {
        // Quads come in runs of one graph: look each run's graph up once.
        let mut last = None;
        for quad in quads {
            if last == Some(&quad.graph_name) {
                continue;
            }
            last = Some(&quad.graph_name);
            // Parsers put default-graph triples into the source's graph: never `None` here.
            let Some(graph) = graph_node(&quad.graph_name) else {
                continue;
            };
            if graph.as_ref() == provenance::graph().into() {
                return Err(LoadError::MetadataGraph {
                    input: source.name().to_owned(),
                    graph: bundled::METADATA_GRAPH.to_owned(),
                });
            }
            let writers = match self.graphs.get_mut(&graph) {
                Some(writers) => writers,
                None => {
                    if let Some(store) = existing {
                        if store.contains_named_graph(graph.as_ref())? {
                            return Ok(false);
                        }
                    }
                    self.graphs.entry(graph).or_default()
                }
            };
            if writers.last() != Some(&i) {
                writers.push(i);
            }
        }
        Ok(true)
    }
}

/// The named graph `graph` names, as graphs are listed and described; `None` for the default
/// graph.
fn graph_node(graph: &GraphName) -> Option<NamedOrBlankNode> {
    match graph {
        GraphName::NamedNode(g) => Some(g.clone().into()),
        GraphName::BlankNode(g) => Some(g.clone().into()),
        GraphName::DefaultGraph => None,
    }
}

/// A write that nobody sees until it is committed; dropping it undoes it.
enum Pending<'a> {
    /// Sorted files, added to the store in one step; only into graphs that do not exist yet.
    Bulk(Batches<'a>, Box<Distinct>),
    /// Replaced graphs cleared and new quads inserted, in one transaction.
    Transaction(Transaction<'a>),
    /// Graphs written out of readers' sight on an engine, published in one update.
    Remote(remote::load::Upload<'a>),
}

impl Pending<'_> {
    fn add(&mut self, quads: Vec<Quad>, source: &Source) -> Result<(), StorageError> {
        match self {
            Pending::Bulk(batches, distinct) => {
                for quad in &quads {
                    distinct.add(quad);
                }
                batches.add(quads)
            }
            Pending::Transaction(transaction) => {
                for quad in &quads {
                    transaction.insert(quad);
                }
                Ok(())
            }
            Pending::Remote(upload) => {
                // Blank nodes are named after the source's bytes: sent again, a chunk lands
                // once.
                let mut scope = provenance::sha256(source.content());
                scope.truncate(32);
                upload.add(quads, &scope)
            }
        }
    }

    /// The number of quads `graph` will hold once committed.
    fn size(&mut self, graph: NamedOrBlankNodeRef<'_>) -> Result<usize, StorageError> {
        match self {
            Pending::Bulk(_, distinct) => Ok(distinct.count(graph)),
            Pending::Transaction(transaction) => {
                count(transaction.quads_for_pattern(None, None, None, Some(graph.into())))
            }
            Pending::Remote(upload) => match graph {
                NamedOrBlankNodeRef::NamedNode(graph) => upload.size(graph),
                NamedOrBlankNodeRef::BlankNode(_) => Ok(0),
            },
        }
    }

    /// Replaces the description of `graph` in the metadata graph with `quads`.
    fn describe(
        &mut self,
        graph: NamedOrBlankNodeRef<'_>,
        quads: Vec<Quad>,
    ) -> Result<(), StorageError> {
        match self {
            // A bulk load writes only graphs that did not exist, so none has a description.
            Pending::Bulk(batches, _) => batches.add(quads),
            Pending::Transaction(transaction) => {
                provenance::forget(transaction, graph)?;
                transaction.extend(&quads);
                Ok(())
            }
            Pending::Remote(upload) => {
                if let NamedOrBlankNodeRef::NamedNode(graph) = graph {
                    upload.describe(graph, quads);
                }
                Ok(())
            }
        }
    }

    /// Commits; a bulk load also says what a compaction would merge.
    fn commit(self) -> Result<Option<Merge>, StorageError> {
        match self {
            Pending::Bulk(batches, distinct) => Ok(Some(Merge {
                batches: batches.commit()?,
                added: distinct.total(),
            })),
            Pending::Transaction(transaction) => transaction.commit().map(|()| None),
            Pending::Remote(upload) => upload.publish().map(|()| None),
        }
    }
}

/// What Oxigraph's bulk loader is handed: batches of a chunk, the last one between half a chunk
/// and a chunk and a half, so that the schema's and the metadata's few quads, and the end of
/// the data, ride in a batch instead of making files of their own. Each batch becomes a sorted
/// file per index, and the files of different batches overlap.
struct Batches<'a> {
    loader: BulkLoader<'a>,
    held: Vec<Quad>,
    handed: usize,
}

impl<'a> Batches<'a> {
    fn new(loader: BulkLoader<'a>) -> Self {
        Self {
            loader,
            held: Vec::new(),
            handed: 0,
        }
    }

    fn add(&mut self, quads: Vec<Quad>) -> Result<(), StorageError> {
        self.held.extend(quads);
        while self.held.len() >= CHUNK + CHUNK / 2 {
            let rest = self.held.split_off(CHUNK);
            self.hand(rest)?;
        }
        Ok(())
    }

    /// Hands the loader what is held, keeping `rest`.
    fn hand(&mut self, rest: Vec<Quad>) -> Result<(), StorageError> {
        let batch = std::mem::replace(&mut self.held, rest);
        if !batch.is_empty() {
            self.handed += 1;
            self.loader.load_quads(batch)?;
        }
        Ok(())
    }

    /// Commits; returns the number of batches written.
    fn commit(mut self) -> Result<usize, StorageError> {
        self.hand(Vec::new())?;
        self.loader.commit()?;
        Ok(self.handed)
    }
}

/// What a committed bulk load wrote, to decide whether compacting the store is worth it.
/// Compacting merges every file of the store, however little the load added; without it a
/// lookup searches one more file per batch. A lone batch is one sorted run per index, cheap to
/// search beside the rest, and a load much smaller than the store would pay for the whole store
/// to merge a few files, so only a load of several batches that at least doubles the store is
/// followed by a compaction.
struct Merge {
    batches: usize,
    added: usize,
}

impl Merge {
    /// `held`: the quads the store held before, by its records; a store whose records do not
    /// tell is taken to be large, as [`ClaimStore::is_small`] takes it.
    fn worth_compacting(&self, held: Option<usize>) -> bool {
        self.batches > 1 && held.is_some_and(|held| held <= self.added)
    }
}

/// The distinct quads a bulk load writes, counted per graph: the bulk loader's files cannot be
/// read before they are committed, and a file may state a triple twice. Keeps a digest per
/// quad, 16 bytes where a parsed quad takes hundreds.
#[derive(Default)]
struct Distinct {
    digests: Digests,
    seen: HashSet<u128, BuildHasherDefault<Taken>>,
    per_graph: HashMap<GraphName, usize>,
}

impl Distinct {
    fn add(&mut self, quad: &Quad) {
        if self.seen.insert(self.digests.of(quad)) {
            match self.per_graph.get_mut(&quad.graph_name) {
                Some(n) => *n += 1,
                None => {
                    self.per_graph.insert(quad.graph_name.clone(), 1);
                }
            }
        }
    }

    fn count(&self, graph: NamedOrBlankNodeRef<'_>) -> usize {
        self.per_graph
            .get(&GraphName::from(graph.into_owned()))
            .copied()
            .unwrap_or(0)
    }

    /// Distinct quads in every graph.
    fn total(&self) -> usize {
        self.seen.len()
    }
}

/// 128-bit digests of quads: SipHash-1-3 with random keys, so that no input can be made to
/// collide.
struct Digests(u64, u64);

impl Default for Digests {
    fn default() -> Self {
        let keys = RandomState::new();
        Self(keys.hash_one(0_u8), keys.hash_one(1_u8))
    }
}

impl Digests {
    fn of(&self, quad: &Quad) -> u128 {
        let mut hasher = siphasher::sip128::SipHasher13::new_with_keys(self.0, self.1);
        quad.hash(&mut hasher);
        hasher.finish128().as_u128()
    }
}

/// Hashes a digest that is random already by taking its low half, instead of hashing it again.
#[derive(Default)]
struct Taken(u64);

impl Hasher for Taken {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u128(&mut self, digest: u128) {
        self.0 = digest as u64;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The number of quads an iterator yields.
fn count(
    mut quads: impl Iterator<Item = Result<Quad, StorageError>>,
) -> Result<usize, StorageError> {
    quads.try_fold(0, |n, quad| quad.map(|_| n + 1))
}

#[cfg(test)]
impl ClaimStore {
    /// Loads the bundled controversy and a generated one of `claims` claims (in
    /// `urn:generated`): the store the analysis and query tests compare readings on.
    pub(crate) fn load_bundled_and_generated(&self, claims: usize, seed: u64) {
        let mut generated = Vec::new();
        let spec = crate::generate::Spec { claims, seed };
        crate::generate::write(
            spec,
            oxigraph::io::RdfFormat::NTriples,
            &mut generated,
            |_| {},
        )
        .unwrap();
        let mut sources = bundled::data_sources();
        sources.push(
            Source::from_bytes(
                "generated.nt",
                generated,
                oxigraph::io::RdfFormat::NTriples,
                "urn:generated",
            )
            .unwrap(),
        );
        self.load_with_schema(&sources).unwrap();
    }
}

/// Named points in a load where the crash-safety tests stop the process: with
/// `CLAIMGRAPH_PAUSE_AT=parse` (after the first source is parsed) or `commit` (with everything
/// written but not committed), the loader says so on standard error and waits, so that a test
/// can kill it there with SIGKILL. Unset, each point costs one environment lookup per load step.
mod failpoint {
    pub(super) fn reached(point: &str, step: usize) {
        if step == 0 && std::env::var("CLAIMGRAPH_PAUSE_AT").is_ok_and(|p| p == point) {
            eprintln!("paused at {point}");
            std::thread::sleep(std::time::Duration::from_secs(600));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfFormat;

    #[test]
    fn a_store_is_small_below_fifty_thousand_quads() {
        let store = ClaimStore::in_memory().unwrap();
        store.load_bundled_and_generated(100, 1);
        assert!(store.is_small());
        let larger = ClaimStore::in_memory().unwrap();
        larger.load_bundled_and_generated(3_000, 1);
        assert!(larger.len().unwrap() >= SMALL);
        assert!(!larger.is_small());
        // Sizes are the metadata graph's records: where a graph has none, they do not tell.
        let all: Vec<Quad> = store
            .oxigraph()
            .unwrap()
            .iter()
            .map(Result::unwrap)
            .collect();
        assert!(ClaimStore::from_quads(all.clone()).unwrap().is_small());
        let metadata = NamedNodeRef::new_unchecked(bundled::METADATA_GRAPH);
        let undescribed = all.into_iter().filter(|q| q.graph_name != metadata.into());
        assert!(!ClaimStore::from_quads(undescribed.collect())
            .unwrap()
            .is_small());
    }

    #[test]
    fn a_compaction_pays_for_several_batches_that_at_least_double_a_store_of_known_size() {
        let merge = |batches| Merge { batches, added: 10 };
        assert!(merge(2).worth_compacting(Some(0)));
        assert!(merge(2).worth_compacting(Some(10)));
        assert!(!merge(2).worth_compacting(Some(11)));
        assert!(
            !merge(2).worth_compacting(None),
            "records that do not tell: large"
        );
        assert!(
            !merge(1).worth_compacting(Some(0)),
            "a lone batch is one run per index"
        );
    }

    /// N-Triples of `quads` distinct triples, padded past the bulk loader's threshold.
    #[cfg(feature = "rocksdb")]
    fn bulky(name: &str, quads: usize) -> Source {
        let padding = "x".repeat(BULK_THRESHOLD_BYTES / quads);
        let text: String = (0..quads)
            .map(|i| format!("<urn:{name}:{i}> <urn:p> \"{padding}\" .\n"))
            .collect();
        Source::from_bytes(name, text.into_bytes(), RdfFormat::NTriples, name).unwrap()
    }

    #[cfg(feature = "rocksdb")]
    #[test]
    fn on_disk_a_bulk_load_compacts_the_store_only_when_it_at_least_doubles_it() {
        let dir = tempfile::tempdir().unwrap();
        let tables = || -> Vec<String> {
            std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".sst"))
                .collect()
        };
        let store = ClaimStore::create(dir.path()).unwrap();
        // Two batches into an empty store: merged, a file per index and the strings' table
        // (the load wrote two per index).
        let first = store.load(&[bulky("urn:g:first", 2 * CHUNK + 10)]).unwrap();
        assert!(first.bulk && first.compacted);
        assert!(tables().len() <= 11, "{:?}", tables());
        // A lone batch, and two batches that add less than the store holds, are left as
        // written. (Which files stay is RocksDB's to decide: it merges small ones on its own.)
        for (name, quads) in [("urn:g:lone", CHUNK), ("urn:g:more", 2 * CHUNK)] {
            let report = store.load(&[bulky(name, quads)]).unwrap();
            assert!(report.bulk && !report.compacted, "{name}");
        }
        assert_eq!(store.len().unwrap(), 5 * CHUNK + 10 + descriptions(&store));
    }

    #[cfg(feature = "rocksdb")]
    fn descriptions(store: &ClaimStore) -> usize {
        store
            .oxigraph()
            .unwrap()
            .quads_for_pattern(None, None, None, Some(provenance::graph().into()))
            .count()
    }

    pub(super) fn turtle(name: &str, text: &'static str) -> Source {
        Source::from_bytes(
            name,
            text.as_bytes(),
            RdfFormat::Turtle,
            &format!("urn:g:{name}"),
        )
        .unwrap()
    }

    /// The quads outside the metadata graph: what the sources loaded.
    pub(super) fn data(store: &ClaimStore) -> Vec<Quad> {
        store
            .oxigraph()
            .unwrap()
            .iter()
            .map(Result::unwrap)
            .filter(|q| q.graph_name != GraphName::from(provenance::graph()))
            .collect()
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
            data(&store).len(),
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
        assert_eq!(data(&store).len(), 1);
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
        let subjects: std::collections::HashSet<_> =
            data(&store).into_iter().map(|q| q.subject).collect();
        assert_eq!(subjects.len(), 2);
    }
}
