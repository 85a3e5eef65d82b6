//! The argument graph as bytes, to be kept beside an on-disk store (see
//! [`ClaimStore::keeping`](crate::store::ClaimStore::keeping)) so that the next graph command
//! decodes it in a fraction of the time that reading it from the store takes.
//!
//! The layout, little-endian, with each string as a `u32` length and UTF-8 bytes, and each
//! optional value as a `u8` flag then the value:
//!
//! ```text
//! named:   u32 count, then (iri, label, label_zh?) each   actors, factions and popularity
//!                                                          levels, each once
//! schemes: u32 count, then a string each                    scheme labels, each once
//! counts:  u32 claims, u32 links, responses_exact: u8,
//!          unlike_query: u32 count + u32 each
//! nodes:   for each claim
//!          iri, label, label_zh?, claimant: u32?, accuses: u32 count + u32 each,
//!          faction: u32?, quote?, likes: u64?, thread_most_likes: u64?,
//!          popularity: u32 count + u32 each, allegation: u8, thesis: u8
//! edges:   for each link, in edge order
//!          from: u32, to: u32, relation: u8 (its place in Relation::ALL),
//!          for a response: iri, scheme: u32?, scheme_zh: u32?
//! ```
//!
//! Decoding checks every length and index, so damaged bytes give an error, never a panic or a
//! wrong graph; the store's kept files are checked by digest before they get here anyway.

use super::{ArgumentGraph, ClaimNode, FastMap, Link, Named};
use crate::relation::Relation;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// What the bytes hold and which code made them: any change to the code that reads the store
/// into a graph, or to this encoding, gives another key, and graphs kept by other code are
/// read afresh rather than trusted.
pub(super) fn key() -> Vec<u8> {
    let mut digest = Sha256::new();
    for source in [
        env!("CARGO_PKG_VERSION"),
        include_str!("mod.rs"),
        include_str!("read.rs"),
        include_str!("encode.rs"),
        include_str!("../relation.rs"),
        include_str!("../vocab.rs"),
    ] {
        digest.update(source.as_bytes());
        digest.update([0]);
    }
    let mut key = b"argument graph ".to_vec();
    key.extend_from_slice(&digest.finalize());
    key
}

/// The graph as bytes.
///
/// # Complexity
/// Linear in the graph's claims, links and text.
pub(super) fn encode(whole: &ArgumentGraph) -> Vec<u8> {
    let graph = &whole.graph;
    let mut named = Shared::default();
    let mut schemes = Table::default();
    // Sized up front: growing by doubling would copy and fault in the bytes several times.
    let text: usize = graph
        .node_weights()
        .map(|c| {
            c.iri.len()
                + c.label.len()
                + c.label_zh.as_ref().map_or(0, String::len)
                + c.quote.as_ref().map_or(0, String::len)
        })
        .sum();
    let mut nodes = Writer::with_capacity(text + graph.node_count() * 64);
    for claim in graph.node_weights() {
        nodes.str(&claim.iri);
        nodes.str(&claim.label);
        nodes.opt_str(claim.label_zh.as_deref());
        nodes.opt_u32(claim.claimant.as_ref().map(|n| named.of(n)));
        nodes.count(claim.accuses.len());
        for actor in &claim.accuses {
            nodes.u32(named.of(actor));
        }
        nodes.opt_u32(claim.faction.as_ref().map(|n| named.of(n)));
        nodes.opt_str(claim.quote.as_deref());
        nodes.opt_u64(claim.likes);
        nodes.opt_u64(claim.thread_most_likes);
        nodes.count(claim.popularity.len());
        for level in &claim.popularity {
            nodes.u32(named.of(level));
        }
        nodes.bytes.push(u8::from(claim.allegation));
        nodes.bytes.push(u8::from(claim.thesis));
    }
    let mut edges = Writer::with_capacity(
        graph
            .edge_weights()
            .map(|link| match link {
                Link::Response { iri, .. } => iri.len() + 24,
                Link::Premise => 12,
            })
            .sum(),
    );
    for edge in graph.edge_references() {
        edges.u32(edge.source().index() as u32);
        edges.u32(edge.target().index() as u32);
        let link = edge.weight();
        let relation = Relation::ALL
            .iter()
            .position(|&r| r == link.relation())
            .expect("every relation is in Relation::ALL");
        edges.bytes.push(relation as u8);
        if let Link::Response {
            iri,
            scheme,
            scheme_zh,
            ..
        } = link
        {
            edges.str(iri);
            edges.opt_u32(scheme.as_ref().map(|s| schemes.of(s)));
            edges.opt_u32(scheme_zh.as_ref().map(|s| schemes.of(s)));
        }
    }

    let mut out = Writer::with_capacity(nodes.bytes.len() + edges.bytes.len() + (1 << 16));
    out.count(named.table.items.len());
    for actor in &named.table.items {
        out.str(&actor.iri);
        out.str(&actor.label);
        out.opt_str(actor.label_zh.as_deref());
    }
    out.count(schemes.items.len());
    for scheme in &schemes.items {
        out.str(scheme);
    }
    out.count(graph.node_count());
    out.count(graph.edge_count());
    out.bytes.push(u8::from(whole.responses_exact));
    out.count(whole.unlike_query.len());
    for claim in &whole.unlike_query {
        out.u32(claim.index() as u32);
    }
    out.bytes.extend_from_slice(&nodes.bytes);
    out.bytes.extend_from_slice(&edges.bytes);
    out.bytes
}

/// Bytes that are not an encoded graph.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Malformed;

/// The graph the bytes hold.
///
/// # Complexity
/// Linear in the bytes.
pub(super) fn decode(bytes: &[u8]) -> Result<ArgumentGraph, Malformed> {
    let mut r = Reader { bytes };
    let mut named = Vec::new();
    for _ in 0..r.count()? {
        named.push(Arc::new(Named {
            iri: r.string()?,
            label: r.string()?,
            label_zh: r.opt_string()?,
        }));
    }
    let mut schemes = Vec::new();
    for _ in 0..r.count()? {
        schemes.push(r.string()?);
    }
    let of = |table: &[Arc<Named>], i: u32| table.get(i as usize).cloned().ok_or(Malformed);
    let scheme = |i: u32| schemes.get(i as usize).cloned().ok_or(Malformed);

    let (claims, links) = (r.count()?, r.count()?);
    let responses_exact = r.flag()?;
    let mut unlike_query = Vec::new();
    for _ in 0..r.count()? {
        let claim = r.u32()? as usize;
        if claim >= claims {
            return Err(Malformed);
        }
        unlike_query.push(NodeIndex::new(claim));
    }
    let mut graph = DiGraph::with_capacity(claims, links);
    for _ in 0..claims {
        let iri = r.string()?;
        let label = r.string()?;
        let label_zh = r.opt_string()?;
        let claimant = r.opt_u32()?.map(|i| of(&named, i)).transpose()?;
        let mut accuses = Vec::new();
        for _ in 0..r.count()? {
            accuses.push(of(&named, r.u32()?)?);
        }
        let faction = r.opt_u32()?.map(|i| of(&named, i)).transpose()?;
        let quote = r.opt_string()?;
        let likes = r.opt_u64()?;
        let thread_most_likes = r.opt_u64()?;
        let mut popularity = Vec::new();
        for _ in 0..r.count()? {
            popularity.push(of(&named, r.u32()?)?);
        }
        let allegation = r.flag()?;
        let thesis = r.flag()?;
        graph.add_node(ClaimNode {
            iri,
            label,
            label_zh,
            claimant,
            accuses,
            faction,
            quote,
            likes,
            thread_most_likes,
            popularity,
            allegation,
            thesis,
        });
    }
    for _ in 0..links {
        let (from, to) = (r.u32()? as usize, r.u32()? as usize);
        if from >= claims || to >= claims {
            return Err(Malformed);
        }
        let relation = *Relation::ALL.get(r.u8()? as usize).ok_or(Malformed)?;
        let link = if relation == Relation::Premise {
            Link::Premise
        } else {
            Link::Response {
                iri: r.string()?,
                kind: relation,
                scheme: r.opt_u32()?.map(scheme).transpose()?,
                scheme_zh: r.opt_u32()?.map(scheme).transpose()?,
            }
        };
        graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), link);
    }
    if !r.bytes.is_empty() {
        return Err(Malformed);
    }
    Ok(ArgumentGraph {
        graph,
        responses_exact,
        unlike_query,
    })
}

/// Values written once each, then referred to by their place.
struct Table<T> {
    items: Vec<T>,
    index: FastMap<T, u32>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            index: FastMap::default(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash> Table<T> {
    fn of(&mut self, item: &T) -> u32 {
        if let Some(&i) = self.index.get(item) {
            return i;
        }
        let i = self.items.len() as u32;
        self.items.push(item.clone());
        self.index.insert(item.clone(), i);
        i
    }
}

/// Actors, factions and levels, each once by value, found first by where they are held: the
/// claims of a graph share them, and hashing a pointer costs a fraction of hashing the names.
#[derive(Default)]
struct Shared {
    table: Table<Arc<Named>>,
    places: FastMap<usize, u32>,
}

impl Shared {
    fn of(&mut self, item: &Arc<Named>) -> u32 {
        let place = Arc::as_ptr(item) as usize;
        if let Some(&i) = self.places.get(&place) {
            return i;
        }
        let i = self.table.of(item);
        self.places.insert(place, i);
        i
    }
}

#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    fn with_capacity(bytes: usize) -> Self {
        Self {
            bytes: Vec::with_capacity(bytes),
        }
    }
}

impl Writer {
    fn u32(&mut self, n: u32) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }

    fn count(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("fewer than 2^32 claims and links"));
    }

    fn str(&mut self, s: &str) {
        self.count(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.bytes.push(1);
                self.str(s);
            }
            None => self.bytes.push(0),
        }
    }

    fn opt_u32(&mut self, n: Option<u32>) {
        match n {
            Some(n) => {
                self.bytes.push(1);
                self.u32(n);
            }
            None => self.bytes.push(0),
        }
    }

    fn opt_u64(&mut self, n: Option<u64>) {
        match n {
            Some(n) => {
                self.bytes.push(1);
                self.bytes.extend_from_slice(&n.to_le_bytes());
            }
            None => self.bytes.push(0),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> Result<&'a [u8; N], Malformed> {
        let (head, rest) = self.bytes.split_first_chunk::<N>().ok_or(Malformed)?;
        self.bytes = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, Malformed> {
        Ok(self.take::<1>()?[0])
    }

    fn u32(&mut self) -> Result<u32, Malformed> {
        Ok(u32::from_le_bytes(*self.take::<4>()?))
    }

    /// A count, no larger than the bytes left could hold, so that damaged bytes never ask for
    /// a huge allocation.
    fn count(&mut self) -> Result<usize, Malformed> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() {
            return Err(Malformed);
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, Malformed> {
        let len = self.count()?;
        let (text, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        String::from_utf8(text.to_vec()).map_err(|_| Malformed)
    }

    fn flag(&mut self) -> Result<bool, Malformed> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Malformed),
        }
    }

    fn opt_string(&mut self) -> Result<Option<String>, Malformed> {
        self.flag()?.then(|| self.string()).transpose()
    }

    fn opt_u32(&mut self) -> Result<Option<u32>, Malformed> {
        self.flag()?.then(|| self.u32()).transpose()
    }

    fn opt_u64(&mut self) -> Result<Option<u64>, Malformed> {
        self.flag()?
            .then(|| self.take::<8>().map(|b| u64::from_le_bytes(*b)))
            .transpose()
    }
}
