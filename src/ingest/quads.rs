//! What the readers of argument maps (AIF, Argdown) write to: the quads of one graph, and the
//! IRIs they mint. It sits below those readers, which sit below [`super`]'s dispatch.

use crate::vocab::{class, external, property, AIF_SCHEME_BASE};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::HashSet;

/// The quads an argument map becomes, all in its graph: what the AIF and Argdown readers write
/// to.
#[derive(Debug)]
pub(crate) struct GraphQuads {
    graph: NamedNode,
    /// The quads so far.
    pub(crate) quads: Vec<Quad>,
    /// Schemes already described in this graph.
    schemes: HashSet<NamedNode>,
}

impl GraphQuads {
    pub(crate) fn new(graph: &NamedNode) -> Self {
        Self {
            graph: graph.clone(),
            quads: Vec::new(),
            schemes: HashSet::new(),
        }
    }

    /// Says that `subject` fulfils the argument scheme a map names (`ExpertOpinion`) or, in
    /// AIFdb, numbers; the scheme is described once per graph, so that the graph stands alone
    /// when others are dropped, and maps that name the same scheme share it.
    pub(crate) fn scheme(&mut self, subject: &NamedNode, name: Option<&str>, id: Option<&str>) {
        let name = name.filter(|n| !n.is_empty());
        let (local, label) = match (name, id) {
            (Some(name), _) => (percent_encode(name), name.to_owned()),
            (None, Some(id)) => (
                format!("id-{}", percent_encode(id)),
                format!("AIFdb scheme {id}"),
            ),
            (None, None) => return,
        };
        let scheme = NamedNode::new_unchecked(format!("{AIF_SCHEME_BASE}{local}"));
        self.add(subject, property::SCHEME, scheme.clone());
        if !self.schemes.insert(scheme.clone()) {
            return;
        }
        self.add(&scheme, rdf::TYPE, class::ARGUMENT_SCHEME);
        self.add(
            &scheme,
            external::SKOS_PREF_LABEL,
            Literal::new_language_tagged_literal_unchecked(label, "en"),
        );
        if let Some(name) = name {
            self.add(&scheme, external::SKOS_NOTATION, Literal::from(name));
        }
        if let Some(id) = id {
            self.add(&scheme, external::DCTERMS_IDENTIFIER, Literal::from(id));
        }
    }

    /// Adds `subject predicate object` to the graph.
    pub(crate) fn add(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        object: impl Into<Term>,
    ) {
        self.quads.push(Quad::new(
            subject.clone(),
            predicate,
            object,
            self.graph.clone(),
        ));
    }
}

/// Text made safe for the end of an IRI: unreserved characters stay, the rest is
/// percent-encoded.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
