//! What a load adds, held for validation in a compact index rather than in a second store.
//!
//! Validation reads the new quads beside the store, by subject, by predicate and by object
//! (see `change`). Oxigraph's in-memory store answers the same patterns, but keeps every quad
//! in several indexes of full terms, about 400 bytes a quad: at a million claims (18.7 million
//! quads) more than the machine's memory. Here every term is stored once and named by a
//! number, a quad is four numbers sorted by subject, and the other two orders are permutations
//! of it: 24 bytes a quad beside the terms themselves.

use hashbrown::HashTable;
use oxigraph::model::{
    GraphName, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, TermRef,
};
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

/// The quads of a load, deduplicated, indexed by subject, predicate and object.
#[derive(Default)]
pub struct Added {
    terms: Vec<Term>,
    table: HashTable<u32>,
    hasher: RandomState,
    graphs: Vec<GraphName>,
    /// Subject, predicate, object (ids into `terms`) and graph (an id into `graphs`), sorted.
    quads: Vec<[u32; 4]>,
    /// Positions in `quads`, sorted by predicate then the rest.
    by_predicate: Vec<u32>,
    /// Positions in `quads`, sorted by object then the rest.
    by_object: Vec<u32>,
}

/// [`Added`] being filled.
#[derive(Default)]
pub struct AddedBuilder {
    added: Added,
    graph_ids: HashMap<GraphName, u32>,
}

impl AddedBuilder {
    /// Adds `quads`; a quad added twice is kept once.
    pub fn extend<'a>(&mut self, quads: impl IntoIterator<Item = &'a Quad>) {
        for quad in quads {
            let added = &mut self.added;
            let subject = added.intern(quad.subject.as_ref().into());
            let predicate = added.intern(quad.predicate.as_ref().into());
            let object = added.intern(quad.object.as_ref());
            let next = self.graph_ids.len();
            let graph = *self
                .graph_ids
                .entry(quad.graph_name.clone())
                .or_insert_with(|| {
                    added.graphs.push(quad.graph_name.clone());
                    next as u32
                });
            added.quads.push([subject, predicate, object, graph]);
        }
    }

    /// Sorts and indexes what was added.
    pub fn finish(self) -> Added {
        let mut added = self.added;
        added.quads.sort_unstable();
        added.quads.dedup();
        let quads = &added.quads;
        let positions = || (0..quads.len() as u32).collect::<Vec<_>>();
        let mut by_predicate = positions();
        by_predicate.sort_unstable_by_key(|&i| {
            let [s, p, o, g] = quads[i as usize];
            [p, s, o, g]
        });
        let mut by_object = positions();
        by_object.sort_unstable_by_key(|&i| {
            let [s, p, o, g] = quads[i as usize];
            [o, s, p, g]
        });
        added.by_predicate = by_predicate;
        added.by_object = by_object;
        added
    }
}

impl Added {
    fn intern(&mut self, term: TermRef<'_>) -> u32 {
        let hash = self.hasher.hash_one(term);
        let terms = &mut self.terms;
        let hasher = &self.hasher;
        *self
            .table
            .entry(
                hash,
                |&id| terms[id as usize].as_ref() == term,
                |&id| hasher.hash_one(terms[id as usize].as_ref()),
            )
            .or_insert_with(|| {
                terms.push(term.into_owned());
                (terms.len() - 1) as u32
            })
            .get()
    }

    fn id(&self, term: TermRef<'_>) -> Option<u32> {
        self.table
            .find(self.hasher.hash_one(term), |&id| {
                self.terms[id as usize].as_ref() == term
            })
            .copied()
    }

    /// Whether `quad` is one of these.
    pub fn contains(&self, quad: &Quad) -> bool {
        let ids = (
            self.id(quad.subject.as_ref().into()),
            self.id(quad.predicate.as_ref().into()),
            self.id(quad.object.as_ref()),
            self.graphs.iter().position(|g| *g == quad.graph_name),
        );
        let (Some(s), Some(p), Some(o), Some(g)) = ids else {
            return false;
        };
        self.quads.binary_search(&[s, p, o, g as u32]).is_ok()
    }

    /// Whether the load adds nothing.
    pub fn is_empty(&self) -> bool {
        self.quads.is_empty()
    }

    /// How many distinct quads the load adds.
    pub fn len(&self) -> usize {
        self.quads.len()
    }

    fn quad(&self, [s, p, o, g]: [u32; 4]) -> Quad {
        let term = |id: u32| self.terms[id as usize].clone();
        let Term::NamedNode(predicate) = term(p) else {
            unreachable!("only named nodes are interned as predicates")
        };
        let subject: NamedOrBlankNode = match term(s) {
            Term::NamedNode(n) => n.into(),
            Term::BlankNode(b) => b.into(),
            _ => unreachable!("only named and blank nodes are interned as subjects"),
        };
        Quad::new(subject, predicate, term(o), self.graphs[g as usize].clone())
    }

    /// Every quad, sorted by subject.
    pub fn iter(&self) -> impl Iterator<Item = Quad> + '_ {
        self.quads.iter().map(|&q| self.quad(q))
    }

    /// The quads with this subject, predicate and object, each if given, as
    /// `Store::quads_for_pattern` gives them (in any graph).
    pub fn quads_for_pattern<'a>(
        &'a self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
    ) -> Box<dyn Iterator<Item = Quad> + 'a> {
        let id = |term: Option<TermRef<'_>>| term.map(|t| self.id(t));
        let (s, p, o) = (
            id(subject.map(Into::into)),
            id(predicate.map(Into::into)),
            id(object),
        );
        // A term the load never used matches nothing.
        if [s, p, o].contains(&Some(None)) {
            return Box::new(std::iter::empty());
        }
        let (s, p, o) = (s.flatten(), p.flatten(), o.flatten());
        let keep = move |q: &[u32; 4]| {
            s.is_none_or(|s| q[0] == s)
                && p.is_none_or(|p| q[1] == p)
                && o.is_none_or(|o| q[2] == o)
        };
        let found: Box<dyn Iterator<Item = [u32; 4]> + 'a> = if let Some(s) = s {
            let start = self.quads.partition_point(|q| q[0] < s);
            let end = self.quads.partition_point(|q| q[0] <= s);
            Box::new(self.quads[start..end].iter().copied())
        } else if let Some(o) = o {
            Box::new(self.range(&self.by_object, 2, o))
        } else if let Some(p) = p {
            Box::new(self.range(&self.by_predicate, 1, p))
        } else {
            Box::new(self.quads.iter().copied())
        };
        Box::new(found.filter(move |q| keep(q)).map(|q| self.quad(q)))
    }

    /// The quads of `order` (a permutation sorted by position `at` first) whose term at `at`
    /// is `id`.
    fn range<'a>(
        &'a self,
        order: &'a [u32],
        at: usize,
        id: u32,
    ) -> impl Iterator<Item = [u32; 4]> + 'a {
        let term = |i: &u32| self.quads[*i as usize][at];
        let start = order.partition_point(|i| term(i) < id);
        let end = order.partition_point(|i| term(i) <= id);
        order[start..end].iter().map(|&i| self.quads[i as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{bundled, generate};
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::NamedNode;
    use oxigraph::store::Store;

    /// Every pattern the validation asks, answered as Oxigraph's own store answers it, on the
    /// bundled data (language tags, typed literals, blank nodes, several graphs) and generated
    /// claims.
    #[test]
    fn patterns_are_answered_as_the_store_answers_them() {
        let sources = bundled::data_sources();
        let mut quads: Vec<Quad> = sources
            .iter()
            .flat_map(|source| source.quads().unwrap())
            .map(Result::unwrap)
            .collect();
        let mut text = Vec::new();
        let spec = generate::Spec {
            claims: 300,
            seed: 5,
        };
        generate::write(spec, RdfFormat::NTriples, &mut text, |_| {}).unwrap();
        let graph = NamedNode::new_unchecked("urn:x-generated");
        quads.extend(
            RdfParser::from_format(RdfFormat::NTriples)
                .for_slice(&text)
                .map(|q| Quad {
                    graph_name: graph.clone().into(),
                    ..q.unwrap()
                }),
        );
        let store = Store::new().unwrap();
        store.extend(quads.iter().cloned()).unwrap();
        let mut builder = AddedBuilder::default();
        builder.extend(&quads);
        builder.extend(&quads[..50]);
        let added = builder.finish();
        let sorted = |quads: &mut dyn Iterator<Item = Quad>| {
            let mut all: Vec<String> = quads.map(|q| q.to_string()).collect();
            all.sort();
            all
        };
        let expected =
            |s, p, o| sorted(&mut store.quads_for_pattern(s, p, o, None).map(Result::unwrap));
        assert_eq!(added.len(), store.len().unwrap());
        assert_eq!(sorted(&mut added.iter()), expected(None, None, None));
        let mut asked = 0;
        for quad in quads.iter().step_by(7) {
            let (s, p, o) = (
                quad.subject.as_ref(),
                quad.predicate.as_ref(),
                quad.object.as_ref(),
            );
            for (s, p, o) in [
                (Some(s), None, None),
                (Some(s), Some(p), None),
                (None, Some(p), None),
                (None, None, Some(o)),
                (Some(s), Some(p), Some(o)),
                (None, Some(p), Some(o)),
            ] {
                assert_eq!(
                    sorted(&mut added.quads_for_pattern(s, p, o)),
                    expected(s, p, o),
                    "{s:?} {p:?} {o:?}"
                );
                asked += 1;
            }
        }
        assert!(asked > 100);
        // A term the load never used, as subject and as object.
        let absent = NamedNodeRef::new_unchecked("urn:x-absent");
        assert_eq!(
            added
                .quads_for_pattern(Some(absent.into()), None, None)
                .count(),
            0
        );
        assert_eq!(
            added
                .quads_for_pattern(None, None, Some(absent.into()))
                .count(),
            0
        );
    }
}
