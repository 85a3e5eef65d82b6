//! Writing what a store holds (the whole store, or the small store of some graphs or of a
//! focus) as RDF, with the predeclared prefixes where the format takes them.

use crate::error::RenderError;
use crate::query::prefixes;
use crate::store::ClaimStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Quad};
use oxigraph::store::{StorageError, Store};
use std::collections::HashMap;
use std::io::Write;

/// Writes every quad of `store` in `format`: a dataset format (TriG, N-Quads, JSON-LD) keeps
/// each graph's name; a triple format writes the union of the graphs, each triple once.
/// Returns the number of quads or triples written.
pub fn write_store(
    store: &ClaimStore,
    format: RdfFormat,
    out: &mut dyn Write,
) -> Result<usize, RenderError> {
    let store = store.oxigraph();
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
    fn turtle_declares_the_predeclared_prefixes() {
        let (_, text) = written(RdfFormat::Turtle);
        assert!(
            text.contains("@prefix cg: <https://w3id.org/claimgraph/ns#> ."),
            "{text}"
        );
    }
}
