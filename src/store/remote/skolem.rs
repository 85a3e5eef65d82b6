//! Blank nodes on an engine: written as IRIs, read back as blank nodes.
//!
//! A load sends its data in chunks that may have to be sent again, and Virtuoso refuses blank
//! nodes in `INSERT DATA`: so each blank node is sent as an IRI under a `.well-known/genid/`
//! path (RDF 1.1, section 3.5), named after the source's checksum and the order in which the
//! node first appears in it: `b{checksum}x{n}`, which reads back as a label that every syntax
//! takes (RDF/XML wants an XML name). The same file always gives the same names, and a chunk sent twice
//! lands once. Whatever is read back from the engine turns such IRIs into blank nodes again, so
//! that the rest of claimgraph sees what it would see in its own store.

use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use std::collections::HashMap;

use crate::bundled::GENID as PREFIX;

/// Names the blank nodes of one write: `scope` (hexadecimal, from a checksum) and a counter.
pub(super) struct Skolemizer {
    scope: String,
    names: HashMap<BlankNode, NamedNode>,
}

impl Skolemizer {
    pub(super) fn new(scope: &str) -> Self {
        Self {
            scope: scope.to_owned(),
            names: HashMap::new(),
        }
    }

    fn name(&mut self, node: &BlankNode) -> NamedNode {
        let next = self.names.len();
        self.names
            .entry(node.clone())
            .or_insert_with(|| {
                // A letter first: RDF/XML writes labels as XML names.
                NamedNode::new_unchecked(format!("{PREFIX}b{}x{next}", self.scope))
            })
            .clone()
    }

    fn subject(&mut self, subject: NamedOrBlankNode) -> NamedOrBlankNode {
        match subject {
            NamedOrBlankNode::BlankNode(node) => self.name(&node).into(),
            named => named,
        }
    }

    /// `quad` with its blank nodes named.
    pub(super) fn quad(&mut self, quad: Quad) -> Quad {
        let subject = self.subject(quad.subject);
        let object = match quad.object {
            Term::BlankNode(node) => self.name(&node).into(),
            object => object,
        };
        let graph_name = match quad.graph_name {
            oxigraph::model::GraphName::BlankNode(node) => self.name(&node).into(),
            graph => graph,
        };
        Quad::new(subject, quad.predicate, object, graph_name)
    }
}

/// A term read from an engine, with claimgraph's blank nodes turned back into blank nodes.
pub(super) fn term(term: Term) -> Term {
    match term {
        Term::NamedNode(iri) => match blank(&iri) {
            Some(node) => node.into(),
            None => iri.into(),
        },
        other => other,
    }
}

/// A subject read from an engine, like [`term`].
pub(super) fn subject(subject: NamedOrBlankNode) -> NamedOrBlankNode {
    match subject {
        NamedOrBlankNode::NamedNode(iri) => match blank(&iri) {
            Some(node) => node.into(),
            None => iri.into(),
        },
        other => other,
    }
}

/// A triple read from an engine, like [`term`].
pub(super) fn triple(triple: Triple) -> Triple {
    Triple::new(
        subject(triple.subject),
        triple.predicate,
        term(triple.object),
    )
}

/// A triple as it is written on the engine: the blank nodes that [`triple`] made of
/// claimgraph's IRIs made IRIs again.
pub(super) fn written(triple: &Triple) -> Triple {
    let subject = match written_term(triple.subject.clone().into()) {
        Term::NamedNode(iri) => NamedOrBlankNode::from(iri),
        _ => triple.subject.clone(),
    };
    Triple::new(
        subject,
        triple.predicate.clone(),
        written_term(triple.object.clone()),
    )
}

/// A term as it is written on the engine (see [`written`]).
pub(super) fn written_term(term: Term) -> Term {
    match term {
        Term::BlankNode(node) => {
            NamedNode::new_unchecked(format!("{PREFIX}{}", node.as_str())).into()
        }
        other => other,
    }
}

fn blank(iri: &NamedNode) -> Option<BlankNode> {
    let id = iri.as_str().strip_prefix(PREFIX)?;
    BlankNode::new(id).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_blank_node_gets_the_same_name_and_reads_back_as_a_blank_node() {
        let mut names = Skolemizer::new("ab12");
        let b = BlankNode::new("whatever").unwrap();
        let p = NamedNode::new("urn:p").unwrap();
        let first = names.quad(Quad::new(
            b.clone(),
            p.clone(),
            b.clone(),
            NamedNode::new("urn:g").unwrap(),
        ));
        let NamedOrBlankNode::NamedNode(iri) = &first.subject else {
            panic!("a blank subject was sent as it is");
        };
        assert_eq!(iri.as_str(), format!("{PREFIX}bab12x0"));
        assert_eq!(Term::from(iri.clone()), first.object);
        let other = names.quad(Quad::new(
            BlankNode::new("other").unwrap(),
            p,
            Term::from(b),
            NamedNode::new("urn:g").unwrap(),
        ));
        assert!(
            matches!(&other.subject, NamedOrBlankNode::NamedNode(i) if i.as_str().ends_with("x1"))
        );
        assert_eq!(
            term(first.object),
            Term::BlankNode(BlankNode::new("bab12x0").unwrap())
        );
        let plain = Term::from(NamedNode::new("https://example.org/x").unwrap());
        assert_eq!(term(plain.clone()), plain);
    }
}
