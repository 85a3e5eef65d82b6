//! Writing what a store holds (the whole store, or the small store of some graphs or of a
//! focus) as RDF, with the predeclared prefixes where the format takes them.

use super::RenderError;
use crate::query::prefixes;
use crate::store::ClaimStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Quad};
use oxigraph::store::{StorageError, Store};
use std::collections::HashMap;
use std::io::{self, Write};

/// Writes every quad of `store` in `format`: a dataset format (TriG, N-Quads, JSON-LD) keeps
/// each graph's name; a triple format writes the union of the graphs, each triple once.
/// Returns the number of quads or triples written. RDF/XML refuses a predicate whose IRI does
/// not end with an XML name, which it cannot write.
pub fn write_store(
    store: &ClaimStore,
    format: RdfFormat,
    out: &mut dyn Write,
) -> Result<usize, RenderError> {
    let store = &store.oxigraph()?;
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in prefixes() {
        serializer = serializer
            .with_prefix(prefix, iri)
            .expect("the predeclared prefixes are valid IRIs");
    }
    let mut writer = serializer.for_writer(out);
    // Graph by graph, sorted by name, so that the same store always gives the same output, and
    // so that a triple found in an earlier graph is known to be written already.
    let mut graphs = store
        .named_graphs()
        .map(|graph| graph.map(GraphName::from))
        .collect::<Result<Vec<_>, _>>()?;
    graphs.sort_by_cached_key(GraphName::to_string);
    graphs.insert(0, GraphName::DefaultGraph);
    let rank: HashMap<&GraphName, usize> = graphs.iter().zip(0..).collect();
    let mut count = 0;
    for (i, graph) in graphs.iter().enumerate() {
        for quad in store.quads_for_pattern(None, None, None, Some(graph.as_ref())) {
            let quad = quad?;
            if format.supports_datasets() {
                writer.serialize_quad(&quad)?;
            } else if i == 0 || !in_earlier_graph(store, &quad, &rank, i)? {
                if format == RdfFormat::RdfXml && !ends_with_xml_name(quad.predicate.as_str()) {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!(
                            "RDF/XML cannot write the predicate {}: its IRI does not end with an \
                             XML name (turtle or ntriples can)",
                            quad.predicate
                        ),
                    )
                    .into());
                }
                writer.serialize_triple(quad.as_ref())?;
            } else {
                continue;
            }
            count += 1;
        }
    }
    writer.finish()?;
    Ok(count)
}

/// Whether RDF/XML can make an element name of `iri`: the name is what follows the last
/// character that no XML name holds, from its first letter or `_`. Oxigraph's writer leaves it
/// empty otherwise, and writes invalid XML.
fn ends_with_xml_name(iri: &str) -> bool {
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    let tail = match iri.char_indices().rev().find(|&(_, c)| !name_char(c)) {
        Some((at, c)) => &iri[at + c.len_utf8()..],
        None => iri,
    };
    tail.chars().any(|c| c.is_alphabetic() || c == '_')
}

/// Whether the triple of `quad` is also in a graph ranked before `rank`: one index lookup.
fn in_earlier_graph(
    store: &Store,
    quad: &Quad,
    ranks: &HashMap<&GraphName, usize>,
    rank: usize,
) -> Result<bool, StorageError> {
    for other in store.quads_for_pattern(
        Some(quad.subject.as_ref()),
        Some(quad.predicate.as_ref()),
        Some(quad.object.as_ref()),
        None,
    ) {
        if ranks.get(&other?.graph_name).is_some_and(|&r| r < rank) {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn store() -> ClaimStore {
        let store = ClaimStore::in_memory().unwrap();
        let triples = |graph: &str, text: &'static str| {
            Source::from_bytes(graph, text.as_bytes(), RdfFormat::Turtle, graph).unwrap()
        };
        store
            .load(&[
                triples("urn:g:a", "<urn:s> <urn:p> <urn:a> , <urn:both> ."),
                triples("urn:g:b", "<urn:s> <urn:p> <urn:b> , <urn:both> ."),
            ])
            .unwrap();
        store
    }

    fn written(format: RdfFormat) -> (usize, String) {
        let mut out = Vec::new();
        let count = write_store(&store(), format, &mut out).unwrap();
        (count, String::from_utf8(out).unwrap())
    }

    #[test]
    fn triple_formats_write_each_triple_of_the_union_once() {
        let (count, text) = written(RdfFormat::NTriples);
        let data: Vec<&str> = text
            .lines()
            .filter(|line| line.starts_with("<urn:s>"))
            .collect();
        assert_eq!(data.len(), 3, "{text}");
        assert_eq!(
            text.matches("<urn:s> <urn:p> <urn:both> .").count(),
            1,
            "{text}"
        );
        assert_eq!(count, text.lines().count());
    }

    #[test]
    fn dataset_formats_keep_each_graph() {
        let (_, text) = written(RdfFormat::NQuads);
        assert!(
            text.contains("<urn:s> <urn:p> <urn:both> <urn:g:a> .\n"),
            "{text}"
        );
        assert!(
            text.contains("<urn:s> <urn:p> <urn:both> <urn:g:b> .\n"),
            "{text}"
        );
    }

    #[test]
    fn rdf_xml_refuses_a_predicate_it_cannot_name() {
        let store = ClaimStore::in_memory().unwrap();
        let text = "<urn:s> <http://example.org/p/1> <urn:o> .";
        let source = Source::from_bytes("n", text.as_bytes(), RdfFormat::Turtle, "urn:g").unwrap();
        store.load(&[source]).unwrap();
        let err = write_store(&store, RdfFormat::RdfXml, &mut Vec::new()).unwrap_err();
        let RenderError::Io(err) = err else {
            panic!("{err}");
        };
        assert!(
            err.to_string().contains("<http://example.org/p/1>"),
            "{err}"
        );
        assert!(write_store(&store, RdfFormat::Turtle, &mut Vec::new()).is_ok());
        assert!(ends_with_xml_name(
            "https://schema.org/userInteractionCount"
        ));
        assert!(ends_with_xml_name("http://example.org/p/a1"));
        assert!(!ends_with_xml_name("http://example.org/p/1"));
        assert!(!ends_with_xml_name("http://example.org/p/"));
    }

    #[test]
    fn turtle_declares_the_predeclared_prefixes() {
        let (_, text) = written(RdfFormat::Turtle);
        assert!(
            text.contains("@prefix cg: <https://w3id.org/claimgraph/ns#> ."),
            "{text}"
        );
    }
}
