//! Claims and actors by the ids that pages' paths carry: an IRI, or a local name (what
//! follows the last `/` or `#`), which names a page alone when only one claim or actor has it.
//!
//! The tables hold places in the graph and in the list of actors, never copies of names: a
//! million claims' IRIs and local names, copied into maps keyed by text, took most of the
//! time serving spent before its first page.

use crate::analysis::{ArgumentGraph, ClaimNode, FxBuild, Link, Named};
use hashbrown::hash_table::{Entry, HashTable};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::sync::Arc;

/// The local name of an IRI: what follows its last `/` or `#`.
pub(super) fn local_name(iri: &str) -> &str {
    // By bytes: both are ASCII, so never inside a character, and a search for a set of chars
    // decoded every character, a seventh of the time serving took to start.
    match iri.bytes().rposition(|b| b == b'/' || b == b'#') {
        Some(at) => &iri[at + 1..],
        None => iri,
    }
}

/// Every claim of a graph and every actor that claims or is accused, by IRI and local name.
pub(super) struct Ids {
    /// The actors, sorted by IRI.
    actors: Vec<Arc<Named>>,
    /// Claims in IRI order, the last first where two share one.
    claims: Vec<NodeIndex>,
    /// Local names of claims and actors.
    locals: HashTable<Local>,
    hasher: FxBuild,
}

/// A local name: how many claims and actors have it, and the first claim and the first actor
/// (in IRI order) that do. One of the two is always there, and gives the name.
struct Local {
    /// The name's hash, kept for the table to grow without finding the name again.
    hash: u64,
    count: usize,
    claim: Option<NodeIndex>,
    actor: Option<usize>,
}

impl Local {
    /// The name itself, read from the claim or actor that has it.
    fn name<'a>(&self, graph: &'a DiGraph<ClaimNode, Link>, actors: &'a [Arc<Named>]) -> &'a str {
        match (self.claim, self.actor) {
            (Some(n), _) => local_name(&graph[n].iri),
            (None, Some(i)) => local_name(&actors[i].iri),
            (None, None) => unreachable!("a local name has a claim or an actor"),
        }
    }
}

impl Ids {
    /// Indexes the claims of `graph` and its claimants and accused.
    ///
    /// # Complexity
    /// Linear in the claims and the length of their IRIs, with no allocation per claim.
    pub(super) fn new(graph: &ArgumentGraph) -> Self {
        let graph = &graph.graph;
        // Claims share each actor (see `ClaimNode`): found once by address, then sorted, so
        // that a million claims do not sort a million names.
        let mut seen: HashSet<*const Named, FxBuild> = HashSet::default();
        let mut actors: Vec<Arc<Named>> = graph
            .node_weights()
            .flat_map(|claim| claim.claimant.iter().chain(&claim.accuses))
            .filter(|actor| seen.insert(Arc::as_ptr(actor)))
            .cloned()
            .collect();
        actors.sort_unstable_by(|a, b| a.iri.cmp(&b.iri));
        actors.dedup_by(|a, b| a.iri == b.iri);
        let hasher = FxBuild::default();
        let hash = |text: &str| hasher.hash_one(text);
        // A graph read from a store is in IRI order already (see `analysis::read`): a check
        // in order of memory, where a table keyed by IRI would miss the cache at every claim.
        let mut claims: Vec<NodeIndex> = graph.node_indices().collect();
        let iri = |n: NodeIndex| graph[n].iri.as_str();
        if !claims.windows(2).all(|w| iri(w[0]) < iri(w[1])) {
            claims.sort_by(|&a, &b| iri(a).cmp(iri(b)).then(b.cmp(&a)));
        }
        let name = |local: &Local| local.name(graph, &actors);
        let mut locals: HashTable<Local> = HashTable::with_capacity(graph.node_count());
        let holders = (graph.node_indices().map(|n| (&graph[n].iri, Some(n), None)))
            .chain((actors.iter().enumerate()).map(|(i, actor)| (&actor.iri, None, Some(i))));
        for (iri, claim, actor) in holders {
            let local = local_name(iri);
            let hash = hash(local);
            let found = locals.entry(hash, |l| l.hash == hash && name(l) == local, |l| l.hash);
            match found {
                Entry::Occupied(mut entry) => {
                    let entry = entry.get_mut();
                    entry.count += 1;
                    entry.claim = entry.claim.or(claim);
                    entry.actor = entry.actor.or(actor);
                }
                Entry::Vacant(entry) => {
                    entry.insert(Local {
                        hash,
                        count: 1,
                        claim,
                        actor,
                    });
                }
            }
        }
        Ids {
            actors,
            claims,
            locals,
            hasher,
        }
    }

    fn local(&self, graph: &ArgumentGraph, name: &str) -> Option<&Local> {
        let hash = self.hasher.hash_one(name);
        self.locals.find(hash, |local| {
            local.hash == hash && local.name(&graph.graph, &self.actors) == name
        })
    }

    /// Whether only one claim or actor has the local name `name`.
    pub(super) fn unique(&self, graph: &ArgumentGraph, name: &str) -> bool {
        self.local(graph, name)
            .is_some_and(|local| local.count == 1)
    }

    /// The claim with IRI `id`, else the first with local name `id`; the empty name names
    /// nothing.
    pub(super) fn claim(&self, graph: &ArgumentGraph, id: &str) -> Option<NodeIndex> {
        let iri = |n: NodeIndex| graph.graph[n].iri.as_str();
        let at = self.claims.partition_point(|&n| iri(n) < id);
        let by_iri = self.claims.get(at).filter(|&&n| iri(n) == id);
        match by_iri {
            Some(&n) => Some(n),
            None if id.is_empty() => None,
            None => self.local(graph, id)?.claim,
        }
    }

    /// The actor with IRI `id`, else the first (in IRI order) with local name `id`.
    pub(super) fn actor(&self, graph: &ArgumentGraph, id: &str) -> Option<&Named> {
        let place = match self.actors.binary_search_by(|a| a.iri.as_str().cmp(id)) {
            Ok(place) => place,
            Err(_) => self.local(graph, id)?.actor?,
        };
        Some(&self.actors[place])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(iri: &str) -> Arc<Named> {
        Arc::new(Named {
            iri: iri.to_owned(),
            label: iri.to_owned(),
            label_zh: None,
        })
    }

    #[test]
    fn a_local_name_follows_the_last_slash_or_hash() {
        assert_eq!(local_name("http://a.example/b/c#d"), "d");
        assert_eq!(local_name("http://a.example/b#c/d"), "d");
        assert_eq!(local_name("http://a.example/立场/声明"), "声明");
        assert_eq!(local_name("http://a.example/b/"), "");
        assert_eq!(local_name("urn:x"), "urn:x");
    }

    #[test]
    fn ids_name_what_the_maps_of_names_named() {
        let mut graph = DiGraph::new();
        let mut add = |iri: &str, claimant: Option<&str>, accuses: &[&str]| {
            graph.add_node(ClaimNode {
                iri: iri.to_owned(),
                claimant: claimant.map(named),
                accuses: accuses.iter().map(|iri| named(iri)).collect(),
                ..ClaimNode::default()
            })
        };
        let a = add("http://a.example/c1", Some("http://z.example/lab"), &[]);
        let b = add("http://b.example/c1", None, &[]);
        let c = add(
            "http://a.example/c2",
            Some("http://a.example/lab"),
            &["http://b.example/x"],
        );
        let trailing = add("http://a.example/list/", None, &[]);
        let shared = add("http://a.example/x", None, &[]);
        let graph = ArgumentGraph {
            graph,
            responses_exact: false,
            unlike_query: Vec::new(),
        };
        let ids = Ids::new(&graph);
        // Local names held once name a page; those held twice, by claims or actors, do not.
        assert!(ids.unique(&graph, "c2"));
        assert!(!ids.unique(&graph, "c1"));
        assert!(!ids.unique(&graph, "lab"));
        assert!(!ids.unique(&graph, "x"), "a claim and an actor share it");
        assert!(!ids.unique(&graph, "nothing"));
        // A claim by IRI, else the first claim with the local name; the empty name is none's.
        assert_eq!(ids.claim(&graph, "http://b.example/c1"), Some(b));
        assert_eq!(ids.claim(&graph, "c1"), Some(a));
        assert_eq!(ids.claim(&graph, "c2"), Some(c));
        assert_eq!(ids.claim(&graph, "x"), Some(shared));
        assert_eq!(ids.claim(&graph, "http://a.example/list/"), Some(trailing));
        assert_eq!(ids.claim(&graph, ""), None);
        assert_eq!(ids.claim(&graph, "lab"), None, "actors are not claims");
        // An actor by IRI, else the first in IRI order with the local name.
        let actor = |id| ids.actor(&graph, id).map(|a| a.iri.as_str());
        assert_eq!(actor("http://z.example/lab"), Some("http://z.example/lab"));
        assert_eq!(actor("lab"), Some("http://a.example/lab"));
        assert_eq!(actor("x"), Some("http://b.example/x"));
        assert_eq!(actor("c1"), None, "claims are not actors");
    }
}
