//! Bringing a kept argument graph up to date with what writers changed since it was kept, by
//! reading again only what those changes can reach, where reading the whole store again takes
//! minutes at a million claims.
//!
//! The writers name every resource that is a subject or object of a quad they added or removed,
//! and whether it was a subject, which is when what it says of itself changed (see
//! `store/kept.rs`). From those, index lookups find what the whole-store reader would read
//! otherwise now:
//!
//! - the claims among them (whose quotes, responses, premises or thesis links may have
//!   changed, if not what they say);
//! - of those named as subjects: the claims of the quotes among them or of the quotes that hang
//!   off them (translations, like counters, factions, popularity levels), with every claim
//!   voiced in a thread of such a quote, whose thread's most likes may have changed; the claims
//!   that name one of them as claimant or accused; the responses among them, and those that
//!   name one of them as an end or a scheme;
//! - every response to or from a claim above.
//!
//! A resource named only as an object said nothing new of itself: an actor given one more
//! claim, a faction one more quote, is not read again with every claim that names it.
//!
//! Those claims and responses are copied with everything the reader reads of them into a
//! small store, as a focus is (`focus.rs`), with the types of the claims at the far end of
//! each link, and read there. The graph is then the kept one with those claims and responses
//! (and every premise link of those claims) taken out and their new reading put in, in the
//! order a whole reading gives.
//!
//! Where that cannot be sure to give what a whole reading would, the patch gives way to one:
//! a kept graph that already differs from what the query `responses` shows (the reader cannot
//! tell whether the change ends that), and a change to a class of claims or responses. So it
//! does where it would cost more: more resources named than a tenth of the kept graph's
//! claims, or more than a quarter of its claims to read again. A write that named nothing leaves the
//! kept graph as it is.
//! Writers that cannot say what they changed record nothing, which also ends in a whole
//! reading. A test holds patched graphs equal to whole readings over random changes.

use super::focus::Part;
use super::read::{self, key, key_order, Hierarchy};
use super::{ArgumentGraph, ClaimNode, FastMap, FastSet, Link, Named};
use crate::store::ClaimStore;
use crate::vocab::external::SCHEMA_INTERACTION_STATISTIC;
use crate::vocab::{class, property};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store};
use petgraph::graph::{DiGraph, NodeIndex};
use std::sync::Arc;

/// `old`, read from an earlier state of `store`, brought up to date with writes that named
/// `touched` since; `None` where only a whole reading can tell.
///
/// # Complexity
/// Index lookups in proportion to what the changes reach, plus linear in the kept graph to
/// put the new reading in.
pub(super) fn patch(
    old: ArgumentGraph,
    touched: &[(NamedOrBlankNode, bool)],
    store: &Store,
) -> Result<Option<ArgumentGraph>, StorageError> {
    // A write that named nothing (one refused, or that added nothing new) changed nothing a
    // reading sees, whatever the kept graph is.
    if touched.is_empty() {
        return Ok(Some(old));
    }
    // A patch looks up a dozen patterns for each resource a write named and more for what they
    // reach, a whole reading scans about eighteen triples for each claim: measured, a named
    // resource cost about ten claims' reading (a load of 5,400 claims into 100,000 whose names
    // it shares took twice a whole reading to patch).
    if !old.responses_exact || touched.len() > old.graph.node_count() / 10 + 1_000 {
        return Ok(None);
    }
    let described: Vec<&NamedOrBlankNode> = touched
        .iter()
        .filter_map(|(node, subject)| subject.then_some(node))
        .collect();
    let touched: Vec<NamedOrBlankNode> = touched.iter().map(|(node, _)| node.clone()).collect();
    let hierarchy = Hierarchy::read(store)?;
    let claim_classes: FastSet<Term> = hierarchy
        .below(class::CLAIM.into_owned().into())
        .into_iter()
        .collect();
    let response_classes = hierarchy.below(class::RESPONSE.into_owned().into());
    if described.iter().any(|&node| {
        let term = Term::from(node.clone());
        claim_classes.contains(&term) || response_classes.contains(&term)
    }) {
        return Ok(None);
    }
    let part = Part {
        store,
        claim_classes,
    };
    let Some(reach) = reach(
        &part,
        &touched,
        &described,
        old.graph.node_count() / REACHED,
    )?
    else {
        return Ok(None);
    };
    let small = ClaimStore::from_quads(copy(&part, &reach, &touched, &response_classes)?)?;
    let fresh = read::read(&small.oxigraph()?)?;
    Ok(merge(old, fresh, &reach, &touched))
}

/// Beyond one claim in this many to read again, reading the whole store is cheaper: each
/// claim a patch reads again costs lookups of its quads, its quotes and one step beyond, two to
/// three times what a whole reading spends on a claim, and a resource that many claims name
/// (an actor, a faction, a popularity level, a long thread) reaches them all.
const REACHED: usize = 4;

/// What the changes reach: the claims and responses to read again.
struct Reach {
    claims: FastSet<NamedOrBlankNode>,
    responses: FastSet<NamedOrBlankNode>,
}

/// The resources `subject` links to by `predicate`.
fn objects(
    part: &Part<'_>,
    subject: &NamedOrBlankNode,
    predicate: NamedNodeRef<'_>,
) -> Result<Vec<NamedOrBlankNode>, StorageError> {
    let mut nodes = Vec::new();
    for object in part.objects(subject.as_ref(), predicate) {
        nodes.extend(NamedOrBlankNode::try_from(object?).ok());
    }
    Ok(nodes)
}

/// The resources that link to `object` by `predicate`.
fn subjects(
    part: &Part<'_>,
    predicate: NamedNodeRef<'_>,
    object: &NamedOrBlankNode,
) -> Result<Vec<NamedOrBlankNode>, StorageError> {
    part.subjects(predicate, &object.clone().into()).collect()
}

/// The claims and responses whose reading the changes to `touched` can alter, of which
/// `described` were named as subjects; `None` once more than `most` claims are reached.
fn reach(
    part: &Part<'_>,
    touched: &[NamedOrBlankNode],
    described: &[&NamedOrBlankNode],
    most: usize,
) -> Result<Option<Reach>, StorageError> {
    let mut claims = FastSet::default();
    let mut quotes = FastSet::default();
    let mut responses = FastSet::default();
    for node in touched {
        if part.is_claim(node.as_ref())? {
            claims.insert(node.clone());
        }
    }
    for &node in described {
        for predicate in [property::EXPRESSES, property::IMPLIES] {
            if !objects(part, node, predicate)?.is_empty() {
                quotes.insert(node.clone());
            }
        }
        for predicate in [
            property::TRANSLATION,
            SCHEMA_INTERACTION_STATISTIC,
            property::FACTION,
            property::POPULARITY,
        ] {
            quotes.extend(subjects(part, predicate, node)?);
        }
        for predicate in [property::CLAIMANT, property::ACCUSES] {
            for claim in subjects(part, predicate, node)? {
                if part.is_claim(claim.as_ref())? {
                    claims.insert(claim);
                }
            }
        }
        // Whatever it is, a response or not now, none of its old links may stay.
        responses.insert(node.clone());
        for predicate in [property::FROM_CLAIM, property::TO_CLAIM, property::SCHEME] {
            responses.extend(subjects(part, predicate, node)?);
        }
        if claims.len() > most {
            return Ok(None);
        }
    }
    // A quote's likes weigh against the most liked quote of its threads, so every claim
    // voiced in one of them is read again.
    let mut voicing = quotes.clone();
    for quote in &quotes {
        for thread in objects(part, quote, property::SAID_IN)? {
            voicing.extend(subjects(part, property::SAID_IN, &thread)?);
        }
    }
    for quote in &voicing {
        for predicate in [property::EXPRESSES, property::IMPLIES] {
            for claim in objects(part, quote, predicate)? {
                if part.is_claim(claim.as_ref())? {
                    claims.insert(claim);
                }
            }
        }
        if claims.len() > most {
            return Ok(None);
        }
    }
    for claim in &claims {
        for predicate in [property::FROM_CLAIM, property::TO_CLAIM] {
            responses.extend(subjects(part, predicate, claim)?);
        }
    }
    Ok(Some(Reach { claims, responses }))
}

/// The quads the whole-store reader needs to read `reach` as it would in the whole store:
/// every quad about its claims, the quotes voicing them (and the other quotes of their
/// threads), its responses, and one step beyond; the premise and thesis links to its
/// claims; the class hierarchy and the response classes' labels; and the types of every
/// resource those quads name, so that a link's far end is a claim exactly when it is one.
fn copy(
    part: &Part<'_>,
    reach: &Reach,
    touched: &[NamedOrBlankNode],
    response_classes: &[Term],
) -> Result<Vec<Quad>, StorageError> {
    let mut quads = part.store.quads(None, Some(rdfs::SUB_CLASS_OF), None)?;
    for class in response_classes {
        if let Ok(class) = NamedOrBlankNode::try_from(class.clone()) {
            quads.extend(
                part.store
                    .quads(Some(class.as_ref()), Some(rdfs::LABEL), None)?,
            );
        }
    }
    let mut copied: FastSet<NamedOrBlankNode> = FastSet::default();
    let mut about = |node: &NamedOrBlankNode, quads: &mut Vec<Quad>| {
        part.about(node.clone(), &mut copied, quads)
    };
    for claim in &reach.claims {
        about(claim, &mut quads)?;
        let claim_term = Term::from(claim.clone());
        for predicate in [property::THESIS, property::HAS_PREMISE] {
            quads.extend(
                part.store
                    .quads(None, Some(predicate), Some(claim_term.as_ref()))?,
            );
        }
        for predicate in [property::EXPRESSES, property::IMPLIES] {
            for quote in subjects(part, predicate, claim)? {
                about(&quote, &mut quads)?;
                for thread in objects(part, &quote, property::SAID_IN)? {
                    for other in subjects(part, property::SAID_IN, &thread)? {
                        about(&other, &mut quads)?;
                    }
                }
            }
        }
    }
    for response in &reach.responses {
        about(response, &mut quads)?;
    }
    // Premise links that a change may have made or unmade between resources that are no
    // claims of the reach, for the reader to note as it would.
    for node in touched {
        let term = Term::from(node.clone());
        let premises = Some(property::HAS_PREMISE);
        quads.extend(part.store.quads(Some(node.as_ref()), premises, None)?);
        quads.extend(part.store.quads(None, premises, Some(term.as_ref()))?);
    }
    // One step beyond: actors, factions, levels, schemes, translations and like counters
    // whole; claims by their types only.
    let mut beyond: FastSet<NamedOrBlankNode> = FastSet::default();
    for quad in &quads {
        if quad.predicate == rdfs::SUB_CLASS_OF || quad.predicate == rdf::TYPE {
            continue;
        }
        beyond.insert(quad.subject.clone());
        if let Ok(node) = NamedOrBlankNode::try_from(quad.object.clone()) {
            beyond.insert(node);
        }
    }
    beyond.extend(touched.iter().cloned());
    let mut typed: FastSet<NamedOrBlankNode> = FastSet::default();
    for node in beyond {
        if copied.contains(&node) {
            continue;
        }
        if part.is_claim(node.as_ref())? {
            if typed.insert(node.clone()) {
                quads.extend(
                    part.store
                        .quads(Some(node.as_ref()), Some(rdf::TYPE), None)?,
                );
            }
        } else {
            part.about(node, &mut copied, &mut quads)?;
        }
    }
    Ok(quads)
}

/// `old` with the claims and responses of `reach`, and every claim among `touched`, taken out,
/// and their reading in `fresh` put in; `None` if the two disagree on what they share, which
/// a whole reading settles.
///
/// # Complexity
/// Linear in the kept graph, with a binary search for each claim and response read again:
/// no hashing or comparing of the claims that stay.
fn merge(
    old: ArgumentGraph,
    fresh: ArgumentGraph,
    reach: &Reach,
    touched: &[NamedOrBlankNode],
) -> Option<ArgumentGraph> {
    let (old_nodes, old_edges) = old.graph.into_nodes_edges();
    let (mut fresh_nodes, fresh_edges) = fresh.graph.into_nodes_edges();
    share(&old_nodes, &mut fresh_nodes);
    let find =
        |iri: &str| old_nodes.binary_search_by(|n| key_order(&n.weight.iri).cmp(&key_order(iri)));

    // The old claims that go, and where each fresh claim goes among the old ones.
    let mut out = vec![false; old_nodes.len()];
    for node in touched.iter().chain(&reach.claims) {
        if let Ok(i) = find(&key(node.clone())) {
            out[i] = true;
        }
    }
    let reread: FastSet<String> = reach.claims.iter().cloned().map(key).collect();
    let mut unlike = vec![false; old_nodes.len()];
    for n in &old.unlike_query {
        unlike[n.index()] = true;
    }
    let fresh_unlike: FastSet<usize> = fresh.unlike_query.iter().map(|n| n.index()).collect();
    let mut put: Vec<(usize, usize)> = Vec::new();
    let mut far_end = vec![None; fresh_nodes.len()];
    for (i, node) in fresh_nodes.iter().enumerate() {
        let at = find(&node.weight.iri);
        if reread.contains(&node.weight.iri) {
            put.push((at.unwrap_or_else(|at| at), i));
        } else {
            far_end[i] = Some(at.ok()?);
        }
    }
    let mut fresh_nodes: Vec<Option<ClaimNode>> =
        fresh_nodes.into_iter().map(|n| Some(n.weight)).collect();

    // Each claim of the result, in order: an old one that stays, or a fresh one.
    let mut order: Vec<Result<usize, usize>> = Vec::with_capacity(old_nodes.len() + put.len());
    let mut put = put.into_iter().peekable();
    for (i, &gone) in out.iter().enumerate() {
        while let Some((_, f)) = put.next_if(|(at, _)| *at <= i) {
            order.push(Err(f));
        }
        if !gone {
            order.push(Ok(i));
        }
    }
    order.extend(put.map(|(_, f)| Err(f)));
    let mut old_nodes: Vec<Option<ClaimNode>> =
        old_nodes.into_iter().map(|n| Some(n.weight)).collect();
    let mut graph = DiGraph::with_capacity(order.len(), old_edges.len());
    let mut unlike_query = Vec::new();
    let mut from_old = vec![None; old_nodes.len()];
    let mut from_fresh = vec![None; fresh_nodes.len()];
    for claim in order {
        let (node, place, marked) = match claim {
            Ok(i) => (old_nodes[i].take(), &mut from_old[i], unlike[i]),
            Err(f) => (
                fresh_nodes[f].take(),
                &mut from_fresh[f],
                fresh_unlike.contains(&f),
            ),
        };
        let at = graph.add_node(node?);
        *place = Some(at.index());
        if marked {
            unlike_query.push(at);
        }
    }
    let fresh_place = |i: usize| from_fresh[i].or_else(|| from_old[far_end[i]?]);

    // Response links in the order of their responses, then premise links by conclusion.
    let answered = old_edges.partition_point(|e| matches!(e.weight, Link::Response { .. }));
    let mut dropped = vec![false; answered];
    for response in &reach.responses {
        let name = key(response.clone());
        let first =
            old_edges[..answered].partition_point(|e| response_order(&e.weight) < key_order(&name));
        let end = first
            + old_edges[first..answered]
                .partition_point(|e| response_order(&e.weight) <= key_order(&name));
        dropped[first..end].fill(true);
    }
    let responses: FastSet<String> = reach.responses.iter().cloned().map(key).collect();
    let mut new_links: Vec<(usize, usize, usize, Link)> = Vec::new();
    let mut premises: Vec<(usize, usize)> = Vec::new();
    for edge in fresh_edges {
        let (from, to) = (edge.source().index(), edge.target().index());
        match &edge.weight {
            Link::Response { iri, .. } if responses.contains(iri) => {
                let at = old_edges[..answered]
                    .partition_point(|e| response_order(&e.weight) < key_order(iri));
                new_links.push((at, fresh_place(from)?, fresh_place(to)?, edge.weight));
            }
            Link::Premise if from_fresh[from].is_some() || from_fresh[to].is_some() => {
                premises.push((fresh_place(to)?, fresh_place(from)?));
            }
            _ => {}
        }
    }
    let mut new_links = new_links.into_iter().peekable();
    for (i, edge) in old_edges.into_iter().enumerate() {
        while let Some((_, from, to, _)) = new_links.peek().filter(|link| link.0 <= i) {
            let (from, to) = (NodeIndex::new(*from), NodeIndex::new(*to));
            graph.add_edge(from, to, new_links.next()?.3);
        }
        let (from, to) = (edge.source().index(), edge.target().index());
        if i < answered {
            if !dropped[i] {
                let (from, to) = (from_old[from]?, from_old[to]?);
                graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), edge.weight);
            }
        } else if let (Some(from), Some(to)) = (from_old[from], from_old[to]) {
            premises.push((to, from));
        }
    }
    for (_, from, to, link) in new_links {
        graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), link);
    }
    premises.sort_unstable();
    premises.dedup();
    for (conclusion, premise) in premises {
        graph.add_edge(
            NodeIndex::new(premise),
            NodeIndex::new(conclusion),
            Link::Premise,
        );
    }
    Some(ArgumentGraph {
        graph,
        responses_exact: fresh.responses_exact,
        unlike_query,
    })
}

/// Where a link goes in the order of a whole reading: responses by name, then premises.
fn response_order(link: &Link) -> (u8, &str) {
    match link {
        Link::Response { iri, .. } => key_order(iri),
        Link::Premise => (2, ""),
    }
}

/// Gives the claims read again the actors, factions and levels of the kept graph where they
/// are the same, so that each is held once, as a whole reading holds it.
fn share(old: &[petgraph::graph::Node<ClaimNode>], fresh: &mut [petgraph::graph::Node<ClaimNode>]) {
    fn named(node: &mut ClaimNode) -> impl Iterator<Item = &mut Arc<Named>> {
        node.claimant
            .iter_mut()
            .chain(node.accuses.iter_mut())
            .chain(node.faction.iter_mut())
            .chain(node.popularity.iter_mut())
    }
    let mut wanted: FastMap<Named, Option<Arc<Named>>> = FastMap::default();
    for node in fresh.iter_mut() {
        for arc in named(&mut node.weight) {
            wanted.insert((**arc).clone(), None);
        }
    }
    if wanted.is_empty() {
        return;
    }
    let mut seen: FastSet<*const Named> = FastSet::default();
    for node in old {
        let node = &node.weight;
        let arcs = node
            .claimant
            .iter()
            .chain(&node.accuses)
            .chain(&node.faction)
            .chain(&node.popularity);
        for arc in arcs {
            if seen.insert(Arc::as_ptr(arc)) {
                if let Some(slot @ None) = wanted.get_mut(&**arc) {
                    *slot = Some(Arc::clone(arc));
                }
            }
        }
    }
    for node in fresh.iter_mut() {
        for arc in named(&mut node.weight) {
            match wanted.get_mut(&**arc) {
                Some(Some(shared)) => *arc = Arc::clone(shared),
                Some(slot) => *slot = Some(Arc::clone(arc)),
                None => {}
            }
        }
    }
}
