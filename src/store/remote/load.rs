//! A load into an engine, all or nothing as far as the engine allows.
//!
//! Readers only ever see the graphs that the metadata graph describes (see
//! [`Remote::graphs`]), so a load works out of their sight and publishes in one step:
//!
//! 1. every graph the load will write is first recorded in a graph of pending writes, so that
//!    whatever a killed load leaves behind is known to be claimgraph's and is cleared by the
//!    next load;
//! 2. a graph that readers do not see yet is written in place; a graph they see is written into
//!    a staging graph beside it. Chunks carry blank nodes as stable IRIs (see `skolem`), so a
//!    chunk sent twice lands once;
//! 3. the writer (never a replica, which may lag) counts each graph written, which must hold
//!    exactly the distinct triples sent;
//! 4. one update publishes: the descriptions in the metadata graph replaced, staging graphs
//!    moved onto the graphs they replace (`MOVE`) or added to those they extend (`ADD`), the
//!    pending records removed. An engine that applies the operations of one request atomically
//!    (Oxigraph, Neptune, Fuseki, GraphDB) publishes all of it or none; Virtuoso applies them one
//!    by one (see the README's table of engines).
//!
//! A load that fails before step 4 drops what it wrote; one that is killed leaves unpublished
//! graphs that no reader sees, until the next load clears them.

use super::{skolem, Remote, RemoteError, UPLOAD_CHUNK};
use crate::bundled;
use crate::store::Distinct;
use crate::vocab::provenance as term;
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, Quad, Term, Triple};
use oxigraph::store::StorageError;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use bundled::{PENDING_FOR, PENDING_GRAPH, STAGING_GRAPHS as STAGING};

/// How a graph is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No reader sees it yet: written in place.
    InPlace,
    /// Readers see it and the load replaces it: staged, then moved onto it.
    Replace,
    /// Readers see it and the load adds to it (TriG, N-Quads): staged, then added.
    Add,
}

struct Target {
    written: NamedNode,
    mode: Mode,
    buffer: Vec<Triple>,
    distinct: Distinct,
    /// The triples sent whose object is a typed literal, to be read back: engines rewrite some
    /// (Virtuoso stores an `xsd:integer` beyond 32 bits as an `xsd:decimal`).
    typed: HashSet<Triple>,
}

/// A load being written into an engine; dropped unpublished, it removes what it wrote.
pub(crate) struct Upload<'a> {
    remote: &'a Remote,
    id: String,
    visible: Vec<NamedNode>,
    replaced: Vec<NamedNode>,
    targets: BTreeMap<NamedNode, Target>,
    names: HashMap<String, skolem::Skolemizer>,
    descriptions: Vec<(NamedNode, Vec<Quad>)>,
    published: bool,
}

impl<'a> Upload<'a> {
    /// Starts a load that replaces the graphs `replaced` and adds to any other it meets; clears
    /// what earlier loads left unpublished.
    pub(crate) fn start(
        remote: &'a Remote,
        replaced: impl IntoIterator<Item = NamedNode>,
    ) -> Result<Self, RemoteError> {
        let visible = remote.graphs()?;
        clear_leftovers(remote, &visible)?;
        Ok(Self {
            remote,
            id: load_id(),
            visible,
            replaced: replaced.into_iter().collect(),
            targets: BTreeMap::new(),
            names: HashMap::new(),
            descriptions: Vec::new(),
            published: false,
        })
    }

    /// Whether readers see `graph` now.
    pub(crate) fn is_visible(&self, graph: NamedNodeRef<'_>) -> bool {
        self.visible.iter().any(|g| g.as_ref() == graph)
    }

    /// Adds `quads`, whose blank nodes are named within `scope` (one per source), sending full
    /// chunks on.
    pub(crate) fn add(&mut self, quads: Vec<Quad>, scope: &str) -> Result<(), StorageError> {
        let names = self
            .names
            .entry(scope.to_owned())
            .or_insert_with(|| skolem::Skolemizer::new(scope));
        let quads: Vec<Quad> = quads.into_iter().map(|q| names.quad(q)).collect();
        for quad in quads {
            let GraphName::NamedNode(graph) = &quad.graph_name else {
                continue;
            };
            if !self.targets.contains_key(graph) {
                let target = self.target(graph)?;
                self.targets.insert(graph.clone(), target);
            }
            let target = self.targets.get_mut(graph).expect("added just above");
            target.distinct.add(&quad);
            let triple = Triple::from(quad);
            if is_typed(&triple.object) {
                target.typed.insert(skolem::triple(triple.clone()));
            }
            target.buffer.push(triple);
            if target.buffer.len() >= UPLOAD_CHUNK {
                let chunk = std::mem::take(&mut target.buffer);
                self.remote.upload(target.written.as_ref(), &chunk)?;
            }
        }
        Ok(())
    }

    /// Where `graph` is written, recorded as pending before anything is sent there.
    fn target(&mut self, graph: &NamedNode) -> Result<Target, RemoteError> {
        let mode = if !self.is_visible(graph.as_ref()) {
            Mode::InPlace
        } else if self.replaced.contains(graph) {
            Mode::Replace
        } else {
            Mode::Add
        };
        let written = match mode {
            Mode::InPlace => {
                let triples = self.remote.count_written(graph.as_ref())?;
                if triples > 0 {
                    return Err(RemoteError::Foreign {
                        graph: graph.as_str().to_owned(),
                        triples,
                    });
                }
                graph.clone()
            }
            Mode::Replace | Mode::Add => {
                NamedNode::new_unchecked(format!("{STAGING}{}/{}", self.id, self.targets.len()))
            }
        };
        self.remote.update(&format!(
            "INSERT DATA {{ GRAPH <{PENDING_GRAPH}> {{ {written} <{PENDING_FOR}> {graph} }} }}"
        ))?;
        Ok(Target {
            written,
            mode,
            buffer: Vec::new(),
            distinct: Distinct::default(),
            typed: HashSet::new(),
        })
    }

    /// The number of triples `graph` will hold once published; sends what is still held.
    pub(crate) fn size(&mut self, graph: NamedNodeRef<'_>) -> Result<usize, StorageError> {
        let Some(target) = self.targets.get_mut(&graph.into_owned()) else {
            return Ok(0);
        };
        let chunk = std::mem::take(&mut target.buffer);
        if !chunk.is_empty() {
            self.remote.upload(target.written.as_ref(), &chunk)?;
        }
        let sent = target.distinct.total() as u64;
        let counted = self.remote.count_written(target.written.as_ref())?;
        if counted != sent {
            return Err(RemoteError::Miscount {
                url: self.remote.primary_url().to_owned(),
                graph: target.written.as_str().to_owned(),
                got: counted,
                expected: sent,
            }
            .into());
        }
        let sent = as_oxigraph_keeps(&target.typed)?;
        let written = target.written.as_ref();
        if let Some((missing, extra)) = rewritten(self.remote, written, &sent)? {
            // Virtuoso's loader behind the Graph Store Protocol stores an `xsd:integer` beyond
            // 32 bits as an `xsd:decimal`; its update parser keeps it. So those triples are
            // written again by update, and read back once more.
            // Deleted in requests of their own: in the same request as the insertions,
            // Virtuoso takes the new literal for the old one it is still deleting.
            for (operation, triples) in [("DELETE", &extra), ("INSERT", &missing)] {
                for piece in triples.chunks(super::INSERT_CHUNK) {
                    let mut update = format!("{operation} DATA {{ GRAPH {written} {{\n");
                    for triple in piece {
                        let _ = writeln!(update, "{} .", skolem::written(triple));
                    }
                    update.push_str("} }");
                    self.remote.update(&update)?;
                }
            }
            if let Some((missing, extra)) = rewritten(self.remote, written, &sent)? {
                return Err(RemoteError::Rewritten {
                    url: self.remote.primary_url().to_owned(),
                    sent: missing[0].to_string(),
                    stored: extra
                        .iter()
                        .find(|t| {
                            t.subject == missing[0].subject && t.predicate == missing[0].predicate
                        })
                        .map_or_else(|| "nothing".to_owned(), ToString::to_string),
                }
                .into());
            }
        }
        Ok(match target.mode {
            Mode::InPlace | Mode::Replace => counted,
            Mode::Add => self.remote.count_union(graph, target.written.as_ref())?,
        } as usize)
    }

    /// Replaces the description of `graph` with `quads` when the load is published.
    pub(crate) fn describe(&mut self, graph: NamedNodeRef<'_>, quads: Vec<Quad>) {
        let mut scope = super::super::provenance::sha256(format!("{}{graph}", self.id).as_bytes());
        scope.truncate(32);
        let mut names = skolem::Skolemizer::new(&scope);
        let quads = quads.into_iter().map(|q| names.quad(q)).collect();
        self.descriptions.push((graph.into_owned(), quads));
    }

    /// Checks every graph written and publishes the load in one request.
    pub(crate) fn publish(mut self) -> Result<(), StorageError> {
        let graphs: Vec<NamedNode> = self.targets.keys().cloned().collect();
        for graph in &graphs {
            // Sends what is still held and checks the count, when `size` has not done so.
            if !self.targets[graph].buffer.is_empty() {
                self.size(graph.as_ref())?;
            }
        }
        let mut update = String::new();
        for (graph, _) in &self.descriptions {
            // A graph that readers do not see has no description to forget.
            if self.is_visible(graph.as_ref()) {
                forget(&mut update, graph.as_ref());
            }
        }
        let metadata = NamedNodeRef::new_unchecked(bundled::METADATA_GRAPH);
        let described: Vec<&Quad> = self.descriptions.iter().flat_map(|(_, q)| q).collect();
        // Several small operations rather than one large: Virtuoso refuses an INSERT DATA of
        // more than about 1,250 triples.
        for piece in described.chunks(super::INSERT_CHUNK) {
            let _ = writeln!(update, "INSERT DATA {{ GRAPH {metadata} {{");
            for quad in piece {
                let _ = writeln!(
                    update,
                    "{} {} {} .",
                    quad.subject, quad.predicate, quad.object
                );
            }
            update.push_str("} } ;\n");
        }
        for graph in &self.replaced {
            if self.is_visible(graph.as_ref()) && !self.targets.contains_key(graph) {
                let _ = writeln!(update, "CLEAR SILENT GRAPH {graph} ;");
            }
        }
        for (graph, target) in &self.targets {
            let written = &target.written;
            match target.mode {
                Mode::InPlace => {}
                Mode::Replace => {
                    let _ = writeln!(update, "MOVE {written} TO {graph} ;");
                }
                Mode::Add => {
                    let _ = writeln!(
                        update,
                        "ADD {written} TO {graph} ; DROP SILENT GRAPH {written} ;"
                    );
                }
            }
            let _ = writeln!(
                update,
                "DELETE DATA {{ GRAPH <{PENDING_GRAPH}> {{ {written} <{PENDING_FOR}> {graph} }} }} ;"
            );
        }
        let update = update.trim_end().trim_end_matches(';');
        if !update.is_empty() {
            self.remote.update(update)?;
        }
        self.published = true;
        Ok(())
    }
}

impl Drop for Upload<'_> {
    fn drop(&mut self) {
        if self.published || self.targets.is_empty() {
            return;
        }
        // Best effort: what is left is unpublished, so no reader sees it, and the next load
        // clears it anyway.
        let _ = clear_leftovers(self.remote, &self.visible);
    }
}

/// Removes the graphs that unpublished loads wrote, and their pending records; a graph that
/// was published in the meantime (the engine applied the publishing update only in part) is
/// kept.
fn clear_leftovers(remote: &Remote, visible: &[NamedNode]) -> Result<(), RemoteError> {
    let rows = remote.select_on(
        remote.primary_url(),
        &format!("SELECT ?w ?g WHERE {{ GRAPH <{PENDING_GRAPH}> {{ ?w <{PENDING_FOR}> ?g }} }}"),
    )?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut update = String::new();
    for row in rows {
        let (Some(written), Some(graph)) = (row.get("w"), row.get("g")) else {
            continue;
        };
        let oxigraph::model::Term::NamedNode(written) = written else {
            continue;
        };
        if !visible.contains(written) {
            let _ = writeln!(update, "DROP SILENT GRAPH {written} ;");
        }
        let _ = writeln!(
            update,
            "DELETE DATA {{ GRAPH <{PENDING_GRAPH}> {{ {written} <{PENDING_FOR}> {graph} }} }} ;"
        );
    }
    remote.update(update.trim_end().trim_end_matches(';'))
}

/// Appends to `update` the removal of `graph`'s descriptions. Each description's nodes are
/// IRIs that share the description's own as a prefix but for the trailing `0` (see
/// [`Upload::describe`] and `skolem`), so one pattern finds them all.
pub(crate) fn forget(update: &mut String, graph: NamedNodeRef<'_>) {
    let metadata = NamedNodeRef::new_unchecked(bundled::METADATA_GRAPH);
    let _ = writeln!(
        update,
        "DELETE {{ GRAPH {metadata} {{ ?x ?p ?o }} }} WHERE {{ GRAPH {metadata} {{ ?d {} {graph} . ?x ?p ?o . FILTER(STRSTARTS(STR(?x), SUBSTR(STR(?d), 1, STRLEN(STR(?d)) - 1))) }} }} ;",
        term::NAME
    );
}

/// An identifier for one load: different for every load, from the clock and the process.
fn load_id() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let mut id = super::super::provenance::sha256(
        format!("{}:{}", now.as_nanos(), std::process::id()).as_bytes(),
    );
    id.truncate(16);
    id
}

/// Whether `term` is a literal with a datatype other than a plain or language-tagged string.
fn is_typed(term: &Term) -> bool {
    match term {
        Term::Literal(literal) => {
            literal.language().is_none()
                && literal.datatype() != oxigraph::model::vocab::xsd::STRING
        }
        _ => false,
    }
}

/// `triples` as Oxigraph keeps them, which is what the embedded store would answer with:
/// Oxigraph, too, stores some literals in a canonical form (`"042"^^xsd:integer` as `"42"`).
fn as_oxigraph_keeps(triples: &HashSet<Triple>) -> Result<HashSet<Triple>, StorageError> {
    let store = oxigraph::store::Store::new()?;
    let graph = oxigraph::model::GraphName::DefaultGraph;
    store.extend(triples.iter().map(|t| t.clone().in_graph(graph.clone())))?;
    store.iter().map(|quad| quad.map(Triple::from)).collect()
}

/// Triples that an engine does not hold as they were sent, and those it holds in their place.
type Rewritten = (Vec<Triple>, Vec<Triple>);

/// The typed-literal triples of `sent` that `written` does not hold as sent, and those it holds
/// instead; `None` when it holds them all as sent.
fn rewritten(
    remote: &Remote,
    written: NamedNodeRef<'_>,
    sent: &HashSet<Triple>,
) -> Result<Option<Rewritten>, RemoteError> {
    let mut predicates: Vec<NamedNode> = sent.iter().map(|t| t.predicate.clone()).collect();
    predicates.sort_unstable();
    predicates.dedup();
    let stored: HashSet<Triple> = remote
        .typed_literals(written, &predicates)?
        .into_iter()
        .collect();
    let missing: Vec<Triple> = sent
        .iter()
        .filter(|t| !stored.contains(*t))
        .cloned()
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let places: HashSet<(&oxigraph::model::NamedOrBlankNode, &NamedNode)> =
        missing.iter().map(|t| (&t.subject, &t.predicate)).collect();
    let extra = stored
        .iter()
        .filter(|t| !sent.contains(*t) && places.contains(&(&t.subject, &t.predicate)))
        .cloned()
        .collect();
    Ok(Some((missing, extra)))
}
