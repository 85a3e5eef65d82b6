//! Reading only the part of the store around a focus: the claims within some links of it, with
//! what the whole-store reader would know of them, found by index lookups instead of scans.
//!
//! The part is copied, quad for quad, into a small in-memory store that the whole-store
//! reader then reads, so that a focused map shows each claim exactly as the whole map would.
//! What is copied: every quad about a claim of the part; about each quote voicing one and each
//! response touching one; about everything those quads point to (actors, factions, schemes,
//! classes, translations, like counters), except claims outside the part; and every
//! `rdfs:subClassOf`. A response whose other end lies outside the part is copied but drawn
//! nowhere, since that end is not a claim of the small store.

use super::names;
use super::read::{order, Hierarchy};
use super::FastSet;
use crate::store::Lookup;
use crate::vocab::{class, property};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term};
use oxigraph::store::StorageError;

/// Who a focus names.
pub(super) enum Focus<'a> {
    /// A claim, by IRI or local name.
    Claim(&'a str),
    /// The claims made by or accusing an actor, by IRI or local name.
    Actor(&'a str),
}

/// The part of a store around a focus.
pub(super) struct Found {
    /// What the whole-store reader needs to read the part.
    pub(super) quads: Vec<Quad>,
    /// The claims the focus names.
    pub(super) roots: Vec<NamedOrBlankNode>,
}

/// The part of `store` within `depth` links of what `focus` names; `None` when it names
/// nothing.
pub(super) fn part(
    store: &dyn Lookup,
    focus: Focus<'_>,
    depth: usize,
) -> Result<Option<Found>, StorageError> {
    let reader = Part {
        store,
        claim_classes: Hierarchy::read(store)?
            .below(class::CLAIM.into_owned().into())
            .into_iter()
            .collect(),
    };
    let roots = match focus {
        Focus::Claim(name) => reader.claim(name)?.into_iter().collect(),
        Focus::Actor(name) => reader.claims_of_actor(name)?,
    };
    if roots.is_empty() {
        return Ok(None);
    }
    let claims = reader.ball(&roots, depth)?;
    Ok(Some(Found {
        quads: reader.copy(&claims)?,
        roots,
    }))
}

/// Lookups of what the whole-store reader reads, resource by resource: a focus's part, and
/// what a patch of a kept graph reads again (`patch.rs`).
pub(super) struct Part<'a> {
    pub(super) store: &'a dyn Lookup,
    /// `cg:Claim` and every class under it.
    pub(super) claim_classes: FastSet<Term>,
}

impl Part<'_> {
    pub(super) fn objects(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> impl Iterator<Item = Result<Term, StorageError>> {
        lookup_map(
            self.store.quads(Some(subject), Some(predicate), None),
            |q| q.object,
        )
    }

    pub(super) fn subjects(
        &self,
        predicate: NamedNodeRef<'_>,
        object: &Term,
    ) -> impl Iterator<Item = Result<NamedOrBlankNode, StorageError>> {
        lookup_map(
            self.store
                .quads(None, Some(predicate), Some(object.as_ref())),
            |q| q.subject,
        )
    }

    pub(super) fn is_claim(&self, node: NamedOrBlankNodeRef<'_>) -> Result<bool, StorageError> {
        for class in self.objects(node, rdf::TYPE) {
            if self.claim_classes.contains(&class?) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Every claim, in the order of the whole graph's nodes.
    fn all_claims(&self) -> Result<Vec<NamedOrBlankNode>, StorageError> {
        let mut claims = Vec::new();
        for class in &self.claim_classes {
            claims.extend(
                self.subjects(rdf::TYPE, class)
                    .collect::<Result<Vec<_>, _>>()?,
            );
        }
        claims.sort_unstable_by(|a, b| order(a.as_ref()).cmp(&order(b.as_ref())));
        claims.dedup();
        Ok(claims)
    }

    /// The claim with this IRI, else the first whose IRI ends with `/name` or `#name`, as
    /// [`ArgumentGraph::find`](super::ArgumentGraph::find) finds it.
    fn claim(&self, name: &str) -> Result<Option<NamedOrBlankNode>, StorageError> {
        if name.is_empty() {
            return Ok(None);
        }
        if let Ok(iri) = NamedNodeRef::new(name) {
            if self.is_claim(iri.into())? {
                return Ok(Some(iri.into_owned().into()));
            }
        }
        Ok(self.all_claims()?.into_iter().find(
            |claim| matches!(claim, NamedOrBlankNode::NamedNode(n) if names(n.as_str(), name)),
        ))
    }

    /// The claims made by or accusing the actor with this IRI or local name, in graph order.
    fn claims_of_actor(&self, name: &str) -> Result<Vec<NamedOrBlankNode>, StorageError> {
        let mut claims = Vec::new();
        for predicate in [property::CLAIMANT, property::ACCUSES] {
            for quad in self.store.quads(None, Some(predicate), None)? {
                let named = match &quad.object {
                    Term::NamedNode(actor) => actor.as_str() == name || names(actor.as_str(), name),
                    _ => false,
                };
                if named && self.is_claim(quad.subject.as_ref())? {
                    claims.push(quad.subject);
                }
            }
        }
        claims.sort_unstable_by(|a, b| order(a.as_ref()).cmp(&order(b.as_ref())));
        claims.dedup();
        Ok(claims)
    }

    /// The claims linked to `claim` by a response or a premise, either way.
    fn neighbours(&self, claim: &NamedOrBlankNode) -> Result<Vec<NamedOrBlankNode>, StorageError> {
        let term: Term = claim.clone().into();
        let mut found = Vec::new();
        for (here, there) in [
            (property::TO_CLAIM, property::FROM_CLAIM),
            (property::FROM_CLAIM, property::TO_CLAIM),
        ] {
            for response in self.subjects(here, &term) {
                for end in self.objects(response?.as_ref(), there) {
                    if let Ok(end) = NamedOrBlankNode::try_from(end?) {
                        found.push(end);
                    }
                }
            }
        }
        for premise in self.objects(claim.as_ref(), property::HAS_PREMISE) {
            if let Ok(premise) = NamedOrBlankNode::try_from(premise?) {
                found.push(premise);
            }
        }
        found.extend(
            self.subjects(property::HAS_PREMISE, &term)
                .collect::<Result<Vec<_>, _>>()?,
        );
        let mut claims = Vec::with_capacity(found.len());
        for node in found {
            if self.is_claim(node.as_ref())? {
                claims.push(node);
            }
        }
        Ok(claims)
    }

    /// The claims within `depth` links of `roots`, breadth first.
    fn ball(
        &self,
        roots: &[NamedOrBlankNode],
        depth: usize,
    ) -> Result<FastSet<NamedOrBlankNode>, StorageError> {
        let mut seen: FastSet<NamedOrBlankNode> = roots.iter().cloned().collect();
        let mut frontier: Vec<NamedOrBlankNode> = roots.to_vec();
        for _ in 0..depth {
            let mut next = Vec::new();
            for claim in &frontier {
                for neighbour in self.neighbours(claim)? {
                    if seen.insert(neighbour.clone()) {
                        next.push(neighbour);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        Ok(seen)
    }

    /// Adds every quad about `node` to `quads`, once.
    pub(super) fn about(
        &self,
        node: NamedOrBlankNode,
        copied: &mut FastSet<NamedOrBlankNode>,
        quads: &mut Vec<Quad>,
    ) -> Result<(), StorageError> {
        if copied.insert(node.clone()) {
            quads.extend(self.store.quads(Some(node.as_ref()), None, None)?);
        }
        Ok(())
    }

    /// The quads the whole-store reader needs to describe `claims` and the links among them.
    fn copy(&self, claims: &FastSet<NamedOrBlankNode>) -> Result<Vec<Quad>, StorageError> {
        let mut quads: Vec<Quad> = self.store.quads(None, Some(rdfs::SUB_CLASS_OF), None)?;
        let mut copied: FastSet<NamedOrBlankNode> = FastSet::default();
        for claim in claims {
            self.about(claim.clone(), &mut copied, &mut quads)?;
            let term: Term = claim.clone().into();
            for predicate in [
                property::EXPRESSES,
                property::IMPLIES,
                property::FROM_CLAIM,
                property::TO_CLAIM,
            ] {
                for node in self.subjects(predicate, &term) {
                    self.about(node?, &mut copied, &mut quads)?;
                }
            }
        }
        // What those quads point to, once: actors, factions, schemes, classes, translations
        // and like counters, but no claim outside the part.
        let mut pointed: FastSet<NamedOrBlankNode> = FastSet::default();
        for quad in &quads {
            if quad.predicate == rdfs::SUB_CLASS_OF {
                continue;
            }
            if let Ok(node) = NamedOrBlankNode::try_from(quad.object.clone()) {
                if !claims.contains(&node) && !copied.contains(&node) {
                    pointed.insert(node);
                }
            }
        }
        for node in pointed {
            if !self.is_claim(node.as_ref())? {
                self.about(node, &mut copied, &mut quads)?;
            }
        }
        Ok(quads)
    }
}

/// The results of a lookup, each mapped, or its one error.
fn lookup_map<T>(
    quads: Result<Vec<Quad>, StorageError>,
    map: impl Fn(Quad) -> T,
) -> impl Iterator<Item = Result<T, StorageError>> {
    let (quads, error) = match quads {
        Ok(quads) => (quads, None),
        Err(error) => (Vec::new(), Some(error)),
    };
    quads
        .into_iter()
        .map(move |q| Ok(map(q)))
        .chain(error.map(Err))
}
