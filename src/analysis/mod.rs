//! Argument analysis: one read turns the store into a petgraph graph of claims and the links
//! between them; free functions trace response trees, count, and label claims with Dung
//! semantics. Everything after [`ArgumentGraph::from_store`] is pure, and nothing walks the
//! graph by recursion: a chain of a million responses is traced, counted and printed in loops.
//!
//! A [`Trace`] is a response tree kept flat: its nodes in preorder in one `Vec`, each with its
//! parent's position and depth. Each claim is expanded once; later occurrences refer to the
//! first (and are cycles when on their own path), so a trace is linear in the claims and links
//! it reaches, however many claims share answers.
//!
//! ```
//! use claimgraph::{analysis::ArgumentGraph, bundled, ClaimStore};
//!
//! let store = ClaimStore::in_memory()?;
//! store.load_with_schema(&bundled::data_sources())?;
//! let graph = ArgumentGraph::from_store(&store)?;
//! let root = graph.find("c-distillation-attack").unwrap();
//! let trace = claimgraph::analysis::trace(&graph, root);
//! assert!(trace
//!     .children(0)
//!     .any(|c| trace.claim(c).label == "distillation is not stealing"));
//! let figures = claimgraph::analysis::figures(&trace);
//! assert_eq!(figures.most_liked[0], ("distillation is not stealing".to_owned(), 251));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use crate::query::QueryError;
use crate::relation::Relation;
use crate::store::{ClaimStore, Keeping};
use argsem::dung::{self, Label};
use oxigraph::model::NamedOrBlankNode;
use oxigraph::sparql::QueryEvaluationError;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

pub mod acceptance;
pub mod detail;
mod encode;
mod focus;
mod patch;
mod read;
pub mod strength;
mod trace;
pub use trace::{figures, trace, Figures, Trace, TraceNode};

/// FxHash, as in rustc, with a finaliser: much faster than the default SipHash on the IRIs and
/// indices that analysis hashes by the million. It does not resist crafted collisions; the data
/// are the user's own.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits, which pick hashbrown's buckets, poorly mixed:
        // MurmurHash3's finaliser spreads every bit over all of them.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// Builds [`FxHasher`]s, for tables that hash by hand.
pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
type FastMap<K, V> = HashMap<K, V, FxBuild>;
type FastSet<K> = HashSet<K, FxBuild>;

/// Something with an IRI and labels: an actor or a faction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Named {
    /// Its IRI.
    pub iri: String,
    /// Its English label (another label, or the IRI, when there is none).
    pub label: String,
    /// Its Chinese label, where there is one.
    pub label_zh: Option<String>,
}

/// A claim, with what people need to read it. `ClaimNode::default()` is a bare claim: no IRI,
/// label or links yet.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClaimNode {
    /// The claim's IRI.
    pub iri: String,
    /// Its English label (another label, or the IRI, when there is none).
    pub label: String,
    /// Its Chinese label, where there is one.
    pub label_zh: Option<String>,
    /// Who claims it. Actors, factions and levels are shared among the claims that name
    /// them: a million claims would otherwise hold a million copies of a few names.
    pub claimant: Option<Arc<Named>>,
    /// Whom it accuses, for an allegation.
    pub accuses: Vec<Arc<Named>>,
    /// The faction of the quote behind it, where the source gives one.
    pub faction: Option<Arc<Named>>,
    /// The quote behind it: the original text, else the Chinese rendering.
    pub quote: Option<String>,
    /// Likes of that quote, where the source gives a number.
    pub likes: Option<u64>,
    /// The most likes of a quote in the thread of a quote behind it: what its likes are
    /// weighed against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_most_likes: Option<u64>,
    /// The popularity levels the source gives the quotes behind it, where it gives no number
    /// (`cg:popularity`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub popularity: Vec<Arc<Named>>,
    /// Whether the claim is an allegation.
    pub allegation: bool,
    /// Whether a discussion puts the claim up for debate (`cg:thesis`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub thesis: bool,
}

/// How one claim relates to another. Edges run from the answering claim to the answered one
/// (and from a premise to its conclusion).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Link {
    /// The source claim is a premise of the target.
    Premise,
    /// The source claim responds to the target.
    Response {
        /// The response's IRI.
        iri: String,
        /// What kind of response it is: rebuttal, undercut, support...
        kind: Relation,
        /// The argument scheme's English label, where one is stated.
        scheme: Option<String>,
        /// The argument scheme's Chinese label, where it has one.
        scheme_zh: Option<String>,
    },
}

impl Link {
    /// [`Relation::Premise`], or the response's kind.
    pub fn relation(&self) -> Relation {
        match self {
            Link::Premise => Relation::Premise,
            Link::Response { kind, .. } => *kind,
        }
    }

    /// Whether the link is an attack.
    pub fn is_attack(&self) -> bool {
        self.relation().is_attack()
    }
}

/// The name of the argument graph kept beside an on-disk store.
const KEPT: &str = "argument-graph";

/// What kind of claim a debate starts from; see [`ArgumentGraph::roots`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RootKind {
    /// An allegation (`cg:Allegation`).
    Allegation,
    /// A claim a discussion puts up for debate (`cg:thesis`), such as a Kialo thesis.
    Thesis,
    /// Any other claim that is answered, or has premises, and answers nothing.
    Conclusion,
}

impl RootKind {
    /// The kind in words, as listings print it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Allegation => "allegation",
            Self::Thesis => "thesis",
            Self::Conclusion => "conclusion",
        }
    }
}

/// Claims and the links between them, as a petgraph graph.
#[derive(Debug, Clone, Default)]
pub struct ArgumentGraph {
    /// The graph itself.
    pub graph: DiGraph<ClaimNode, Link>,
    /// Whether the graph holds all that the named query `responses` shows of the store's
    /// responses, so that [`render::response_rows`](crate::render::response_rows) may stand in
    /// for it where it reaches no claim of [`unlike_query`](Self::unlike_query): false when a
    /// response class is of another vocabulary, or a link ends in something that is no claim
    /// (the `read` module's notes list it all). False for a graph built otherwise.
    pub responses_exact: bool,
    /// The claims of which the query `responses` would show otherwise than the graph holds
    /// them, in order: several labels, claimants, quotes or like counts, of which it shows or
    /// samples each.
    pub unlike_query: Vec<NodeIndex>,
}

impl ArgumentGraph {
    /// Reads every claim, response and premise link in the store, in one pass per predicate
    /// (see the `read` module for exactly what it reads). Node order follows the claims'
    /// IRIs and edge order the responses' IRIs, then the premises, so the same store always
    /// gives the same graph.
    ///
    /// # Complexity
    /// Linear in the triples it reads, plus sorting the claims and responses by IRI.
    ///
    /// On disk, the graph is kept beside the store once read, and the next call decodes it
    /// instead, for as long as the store is unchanged (see
    /// [`ClaimStore::keeping`](crate::store::ClaimStore::keeping)): linear in the graph, not in
    /// the store.
    pub fn from_store(store: &ClaimStore) -> Result<Self, QueryError> {
        let keeping = store.keeping();
        if let Some(graph) = keeping.as_ref().and_then(Self::kept) {
            return Ok(graph);
        }
        let oxigraph = store.oxigraph().map_err(unreadable)?;
        let patched = match keeping.as_ref().and_then(Self::kept_before) {
            Some((old, touched)) => patch::patch(old, &touched, &oxigraph).map_err(unreadable)?,
            None => None,
        };
        let graph = match patched {
            Some(graph) => graph,
            None => read::read(&oxigraph).map_err(unreadable)?,
        };
        if let Some(keeping) = keeping {
            keeping.write(KEPT, &encode::key(), &encode::encode(&graph));
        }
        Ok(graph)
    }

    /// Closes `store`, which this graph was read from whole and since written to only where
    /// the reader does not read (labels, standings, strengths and their descriptions, as
    /// `analyze --write` writes them), and keeps the graph beside it: the next graph command
    /// then decodes it instead of reading every claim again, minutes at a million claims. A
    /// writer's open forgets the kept graph, and its close moves RocksDB's files, hence the
    /// close first (see [`ClaimStore::close_keeping`]).
    pub fn keep_on_close(&self, store: ClaimStore) {
        store.close_keeping(KEPT, &encode::key(), &encode::encode(self));
    }

    /// The graph kept beside the store, when it is current.
    fn kept(keeping: &Keeping<'_>) -> Option<Self> {
        let bytes = keeping.read(KEPT, &encode::key())?;
        encode::decode(&bytes).ok()
    }

    /// The graph kept beside the store for an earlier state, and what writes since touched,
    /// when the writers could say (see [`Keeping::changed`]).
    fn kept_before(keeping: &Keeping<'_>) -> Option<(Self, Vec<(NamedOrBlankNode, bool)>)> {
        let (bytes, touched) = keeping.changed(KEPT, &encode::key())?;
        Some((encode::decode(&bytes).ok()?, touched))
    }

    /// The claims `keep` and the links among them, as a graph of their own: the `i`-th claim of
    /// `keep` becomes node `i`, and links keep their order. What [`around`](Self::around)
    /// reads from the store, taken from a graph already in memory.
    ///
    /// # Complexity
    /// Linear in the claims kept and their links, whatever the size of the whole.
    pub fn part(&self, keep: &BTreeSet<NodeIndex>) -> Self {
        let mut graph = DiGraph::with_capacity(keep.len(), keep.len());
        let index: FastMap<NodeIndex, NodeIndex> = keep
            .iter()
            .map(|&n| (n, graph.add_node(self.graph[n].clone())))
            .collect();
        let mut links: Vec<_> = keep
            .iter()
            .flat_map(|&n| self.graph.edges(n))
            .filter(|e| index.contains_key(&e.target()))
            .collect();
        links.sort_by_key(|e| e.id());
        for e in links {
            graph.add_edge(index[&e.source()], index[&e.target()], e.weight().clone());
        }
        let unlike_query = self
            .unlike_query
            .iter()
            .filter_map(|n| index.get(n).copied())
            .collect();
        Self {
            graph,
            responses_exact: self.responses_exact,
            unlike_query,
        }
    }

    /// Reads only the part of the store within `depth` links of what `name` names, as
    /// [`focus`] finds it: each claim as [`from_store`](Self::from_store) would read it, with
    /// the links among them. Returns the graph and the named claims in it; `None` when `name`
    /// names no claim or actor.
    pub fn around(
        store: &ClaimStore,
        name: &str,
        depth: usize,
    ) -> Result<Option<(Self, Vec<NodeIndex>)>, QueryError> {
        // A claim is found in the kept graph exactly as in the store, and its part cut from the
        // whole is the part read alone (a test holds them equal). An actor's claims are looked
        // up in the store, which knows every claimant of a claim where the graph keeps one.
        if let Some(whole) = store.keeping().as_ref().and_then(Self::kept) {
            if let Some(root) = whole.find(name) {
                let keep = whole.ball(root, depth);
                let root = NodeIndex::new(keep.range(..root).count());
                return Ok(Some((whole.part(&keep), vec![root])));
            }
            // The graph keeps every claimant and accused but where a claim has several
            // claimants, which makes it one the query sees otherwise: without such a claim, a
            // name that is no actor of the graph names nothing in the store either, and
            // looking for it there reads every claim (18 s at a million claims).
            if whole.unlike_query.is_empty() && !whole.names_actor(name) {
                return Ok(None);
            }
        }
        let Some(Focused { store: part, roots }) = focus(store, name, depth)? else {
            return Ok(None);
        };
        let graph = read::read(&part.oxigraph().map_err(unreadable)?).map_err(unreadable)?;
        let index: HashMap<&str, NodeIndex> = graph
            .graph
            .node_indices()
            .map(|n| (graph.graph[n].iri.as_str(), n))
            .collect();
        let roots = roots
            .into_iter()
            .filter_map(|root| index.get(read::key(root).as_str()).copied())
            .collect();
        Ok(Some((graph, roots)))
    }

    /// The claims within `depth` links of `root`, responses and premises followed either way.
    ///
    /// # Complexity
    /// Linear in the claims found and their links.
    fn ball(&self, root: NodeIndex, depth: usize) -> BTreeSet<NodeIndex> {
        let mut seen = BTreeSet::from([root]);
        let mut frontier = vec![root];
        for _ in 0..depth {
            let mut next = Vec::new();
            for &claim in &frontier {
                for neighbour in self.graph.neighbors_undirected(claim) {
                    if seen.insert(neighbour) {
                        next.push(neighbour);
                    }
                }
            }
            frontier = next;
        }
        seen
    }

    /// The claim with this IRI, else the first whose IRI ends with `/name` or `#name`. The
    /// empty string names nothing.
    pub fn find(&self, name: &str) -> Option<NodeIndex> {
        if name.is_empty() {
            return None;
        }
        let claims = || self.graph.node_indices().map(|n| (n, &self.graph[n].iri));
        claims()
            .find(|(_, iri)| *iri == name)
            .or_else(|| claims().find(|(_, iri)| names(iri, name)))
            .map(|(n, _)| n)
    }

    /// Whether some claim's claimant or accused has the IRI or local name `name`.
    fn names_actor(&self, name: &str) -> bool {
        self.graph.node_weights().any(|claim| {
            (claim.claimant.iter().chain(&claim.accuses))
                .any(|actor| actor.iri == name || names(&actor.iri, name))
        })
    }

    /// Where the debates start: claims that answer nothing and are no premise, each an
    /// allegation, a discussion's thesis, or else a conclusion that something answers or
    /// supports with a premise (an argument map's conclusion). Allegations first, then
    /// theses, then conclusions, each in the graph's order; an allegation or a thesis is a
    /// root even unanswered.
    ///
    /// # Complexity
    /// `O(n)` for `n` claims.
    pub fn roots(&self) -> Vec<(NodeIndex, RootKind)> {
        let mut roots: Vec<(NodeIndex, RootKind)> = self
            .graph
            .node_indices()
            .filter(|&n| self.graph.edges(n).next().is_none())
            .filter_map(|n| {
                if self.graph[n].allegation {
                    Some((n, RootKind::Allegation))
                } else if self.graph[n].thesis {
                    Some((n, RootKind::Thesis))
                } else {
                    let answered = self.graph.edges_directed(n, Direction::Incoming).next();
                    answered.map(|_| (n, RootKind::Conclusion))
                }
            })
            .collect();
        roots.sort_by_key(|&(_, kind)| kind);
        roots
    }

    /// The attack relation alone, on the same node indices: a Dung framework.
    pub fn framework(&self) -> DiGraph<(), ()> {
        self.graph
            .filter_map(|_, _| Some(()), |_, link| link.is_attack().then_some(()))
    }
}

/// The part of a store around a focus, copied into a small store of its own: see [`focus`].
pub struct Focused {
    /// Every quad the part is read from, graph names kept.
    pub store: ClaimStore,
    /// The claims the focus names.
    pub roots: Vec<NamedOrBlankNode>,
}

/// The claims within `depth` links (responses and premises, either way) of the claim that
/// `name` names, found as [`ArgumentGraph::find`] finds it, or else of the claims made by or
/// accusing the actor of that name, with what [`ArgumentGraph::from_store`] needs to read them
/// as it reads the whole store (see the `focus` module for what is copied); `None` when it
/// names neither. Found by index lookups: the cost grows with the part, not with the store.
/// [`ArgumentGraph::around`] reads it; `export --focus` writes it out as RDF.
pub fn focus(store: &ClaimStore, name: &str, depth: usize) -> Result<Option<Focused>, QueryError> {
    let store = store.lookup().map_err(unreadable)?;
    let mut part = focus::part(&*store, focus::Focus::Claim(name), depth).map_err(unreadable)?;
    if part.is_none() {
        part = focus::part(&*store, focus::Focus::Actor(name), depth).map_err(unreadable)?;
    }
    let Some(focus::Found { quads, roots }) = part else {
        return Ok(None);
    };
    Ok(Some(Focused {
        store: ClaimStore::from_quads(quads).map_err(unreadable)?,
        roots,
    }))
}

/// Whether `iri` is named by the local name `name`: it ends with `/name` or `#name`. The one
/// rule by which claims and actors are found by local name.
fn names(iri: &str, name: &str) -> bool {
    iri.strip_suffix(name)
        .is_some_and(|rest| rest.ends_with('/') || rest.ends_with('#'))
}

/// A store that could not be read, as the error a query would give.
fn unreadable(error: oxigraph::store::StorageError) -> QueryError {
    QueryError::Evaluation(QueryEvaluationError::Dataset(Box::new(error)))
}

/// Who attacks whom among actors: `(attacker, attacked, attacks)`, most attacks first.
///
/// # Complexity
/// `O(m log m)` for `m` links.
pub fn actor_attacks(graph: &ArgumentGraph) -> Vec<(String, String, usize)> {
    // Borrowed labels as keys: a million attacks then cost no allocation each.
    let mut counts: FastMap<(&str, &str), usize> = FastMap::default();
    for edge in graph.graph.edge_references() {
        if edge.weight().is_attack() {
            let (from, to) = (&graph.graph[edge.source()], &graph.graph[edge.target()]);
            if let (Some(a), Some(b)) = (&from.claimant, &to.claimant) {
                *counts.entry((&a.label, &b.label)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<_> = counts.into_iter().map(|((a, b), n)| (a, b, n)).collect();
    pairs.sort_unstable_by(|x, y| y.2.cmp(&x.2).then_with(|| (x.0, x.1).cmp(&(y.0, y.1))));
    pairs
        .into_iter()
        .map(|(a, b, n)| (a.to_owned(), b.to_owned(), n))
        .collect()
}

/// The grounded label of every claim, keyed by node index.
///
/// # Complexity
/// `O(n + m)` for `n` claims and `m` links: see [`dung::grounded`].
pub fn grounded_labels(graph: &ArgumentGraph) -> Vec<Label> {
    dung::grounded(&graph.framework())
}

/// The preferred extensions, factored (they can be too many to list), and each claim's
/// acceptance across them.
///
/// # Complexity
/// That of [`dung::preferred_factored`], plus `O(n)` and the size of the components' answers.
pub fn preferred_acceptance(graph: &ArgumentGraph) -> (dung::Preferred, Vec<dung::Membership>) {
    let preferred = dung::preferred_factored(&graph.framework());
    let standing = preferred.membership();
    (preferred, standing)
}

#[cfg(test)]
mod tests;
