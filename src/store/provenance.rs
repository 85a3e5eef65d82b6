//! The metadata graph: each load describes every graph it wrote, in the same write as the data,
//! so that a failed load leaves no description and a reload replaces its graph's description.
//!
//! One description per graph and source, in standard vocabularies:
//!
//! ```text
//! _:d a sd:NamedGraph, prov:Entity ;
//!     sd:name <GRAPH> ;
//!     void:triples 1234 ;                        # the graph's size after the load
//!     dcterms:source "data/x.ttl" ;              # the source, as it was named
//!     prov:hadPrimarySource <file:///…/x.ttl> ;  # the file, when it was read from one
//!     spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ;
//!                     spdx:checksumValue "…"^^xsd:hexBinary ] ;
//!     prov:generatedAtTime "…"^^xsd:dateTime ;
//!     prov:wasGeneratedBy [ a prov:Activity ; prov:wasAssociatedWith
//!         [ a prov:SoftwareAgent ; rdfs:label "claimgraph" ; owl:versionInfo "0.1.0" ] ] .
//! ```
//!
//! A SPARQL Update that changes a graph describes it the same way, with `"SPARQL Update"` as
//! its source and the checksum of the update's text; so does a result that claimgraph writes
//! back (`analyze --write`), with the command as its source and the checksum of what it wrote,
//! plus what it was computed from: `prov:wasDerivedFrom [ a prov:Entity ; spdx:checksum [...] ]`,
//! the checksum of every other description at the time (see [`data_state`]). Any load, update or
//! drop since changes that checksum, which is how `graphs` tells a result that no longer matches
//! the data.
//! On a SPARQL engine the descriptions are also the list of graphs claimgraph wrote there.
//!
//! Each description owns its blank nodes, so that forgetting one graph's description removes
//! exactly the tree under it. Every write keeps the descriptions true: loads and updates replace
//! those of the graphs they write, and so does `replace_graph`; `drop_graphs` removes those of
//! the graphs it drops. No shape targets these terms, so the metadata never breaks validation.

use super::Loaded;
use crate::bundled;
use crate::ingest::Source;
use crate::vocab::provenance as term;
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{
    BlankNode, GraphNameRef, Literal, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad,
    Term,
};
use oxigraph::store::{StorageError, Store, Transaction};
use oxsdatatypes::DateTime;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The metadata graph's name.
pub(super) fn graph() -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(bundled::METADATA_GRAPH)
}

/// What a load or an update records about one graph it wrote.
pub(super) struct Description<'a> {
    /// The graph written.
    pub(super) graph: NamedOrBlankNodeRef<'a>,
    /// Its number of triples once the write has landed.
    pub(super) triples: usize,
    /// What wrote into it.
    pub(super) origin: Origin<'a>,
    /// When the write was made.
    pub(super) at: DateTime,
}

/// What wrote into a graph.
pub(super) enum Origin<'a> {
    /// A source of a load.
    Load(&'a Source),
    /// A SPARQL Update, as its text.
    Update(&'a str),
    /// Computed by claimgraph from the store (`by` says how), as the N-Triples written.
    Derived {
        /// The command that computed it.
        by: &'a str,
        /// What it wrote.
        content: &'a [u8],
        /// The [`data_state`] it was computed from.
        from: String,
    },
}

impl Origin<'_> {
    fn name(&self) -> &str {
        match self {
            Origin::Load(source) => source.name(),
            Origin::Update(_) => "SPARQL Update",
            Origin::Derived { by, .. } => by,
        }
    }

    fn content(&self) -> &[u8] {
        match self {
            Origin::Load(source) => source.content(),
            Origin::Update(text) => text.as_bytes(),
            Origin::Derived { content, .. } => content,
        }
    }

    /// The file it was read from, as an IRI. `ingest` names the graph of a file read without
    /// `--graph` after the file's own `file:` IRI, so a `file:` graph is the file's.
    fn file(&self) -> Option<NamedNodeRef<'_>> {
        match self {
            Origin::Load(source) => {
                let graph = source.graph().as_ref();
                graph.as_str().starts_with("file:").then_some(graph)
            }
            Origin::Update(_) | Origin::Derived { .. } => None,
        }
    }
}

impl Description<'_> {
    /// The description as quads of the metadata graph.
    pub(super) fn quads(&self) -> Vec<Quad> {
        let described = BlankNode::default();
        let checksum = BlankNode::default();
        let activity = BlankNode::default();
        let agent = BlankNode::default();
        let mut triples: Vec<(&BlankNode, NamedNodeRef<'_>, Term)> = vec![
            (&described, rdf::TYPE, term::NAMED_GRAPH.into()),
            (&described, rdf::TYPE, term::ENTITY.into()),
            (&described, term::NAME, self.graph.into_owned().into()),
            (
                &described,
                term::TRIPLES,
                Literal::from(i64::try_from(self.triples).unwrap_or(i64::MAX)).into(),
            ),
            (
                &described,
                term::SOURCE,
                Literal::new_simple_literal(self.origin.name()).into(),
            ),
            (&described, term::CHECKSUM, checksum.clone().into()),
            (
                &described,
                term::GENERATED_AT_TIME,
                Literal::from(self.at).into(),
            ),
            (&described, term::WAS_GENERATED_BY, activity.clone().into()),
            (&checksum, rdf::TYPE, term::CHECKSUM_CLASS.into()),
            (&checksum, term::ALGORITHM, term::SHA256.into()),
            (
                &checksum,
                term::CHECKSUM_VALUE,
                Literal::new_typed_literal(sha256(self.origin.content()), xsd::HEX_BINARY).into(),
            ),
            (&activity, rdf::TYPE, term::ACTIVITY.into()),
            (&activity, term::WAS_ASSOCIATED_WITH, agent.clone().into()),
            (&agent, rdf::TYPE, term::SOFTWARE_AGENT.into()),
            (
                &agent,
                rdfs::LABEL,
                Literal::new_simple_literal("claimgraph").into(),
            ),
            (
                &agent,
                term::VERSION_INFO,
                Literal::new_simple_literal(env!("CARGO_PKG_VERSION")).into(),
            ),
        ];
        if let Some(file) = self.origin.file() {
            triples.push((&described, term::HAD_PRIMARY_SOURCE, file.into()));
        }
        let state = BlankNode::default();
        let state_checksum = BlankNode::default();
        if let Origin::Derived { from, .. } = &self.origin {
            triples.extend([
                (&described, term::WAS_DERIVED_FROM, state.clone().into()),
                (&state, rdf::TYPE, term::ENTITY.into()),
                (&state, term::CHECKSUM, state_checksum.clone().into()),
                (&state_checksum, rdf::TYPE, term::CHECKSUM_CLASS.into()),
                (&state_checksum, term::ALGORITHM, term::SHA256.into()),
                (
                    &state_checksum,
                    term::CHECKSUM_VALUE,
                    Literal::new_typed_literal(from.as_str(), xsd::HEX_BINARY).into(),
                ),
            ]);
        }
        triples
            .into_iter()
            .map(|(subject, predicate, object)| {
                Quad::new(subject.clone(), predicate, object, graph())
            })
            .collect()
    }
}

/// The SHA-256 of `bytes`, in lowercase hexadecimal.
pub(super) fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            // Writing to a String cannot fail.
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// Removes every description of `graph` from the metadata graph, within `transaction`.
pub(super) fn forget(
    transaction: &mut Transaction<'_>,
    graph: NamedOrBlankNodeRef<'_>,
) -> Result<(), StorageError> {
    let metadata = GraphNameRef::from(self::graph());
    let mut owned: Vec<NamedOrBlankNode> = transaction
        .quads_for_pattern(None, Some(term::NAME), Some(graph.into()), Some(metadata))
        .map(|quad| quad.map(|q| q.subject))
        .collect::<Result<_, _>>()?;
    // A loop over the tree of blank nodes each description owns.
    while let Some(node) = owned.pop() {
        let quads: Vec<Quad> = transaction
            .quads_for_pattern(Some(node.as_ref()), None, None, Some(metadata))
            .collect::<Result<_, _>>()?;
        for quad in quads {
            if let (Term::BlankNode(child), false) = (&quad.object, quad.predicate == term::NAME) {
                owned.push(child.clone().into());
            }
            transaction.remove(&quad);
        }
    }
    Ok(())
}

/// What the metadata graph says of each graph: one [`Loaded`] per source that last wrote it.
pub(super) fn read(store: &Store) -> Result<HashMap<NamedOrBlankNode, Vec<Loaded>>, StorageError> {
    let metadata = GraphNameRef::from(graph());
    let object = |subject: NamedOrBlankNodeRef<'_>, predicate| {
        store
            .quads_for_pattern(Some(subject), Some(predicate), None, Some(metadata))
            .next()
            .transpose()
            .map(|quad| quad.map(|q| q.object))
    };
    let text = |term: Option<Term>| match term {
        Some(Term::Literal(literal)) => Some(literal.value().to_owned()),
        _ => None,
    };
    let node = |term: Option<Term>| term.and_then(|t| NamedOrBlankNode::try_from(t).ok());
    let mut described: HashMap<NamedOrBlankNode, Vec<Loaded>> = HashMap::new();
    for quad in store.quads_for_pattern(None, Some(term::NAME), None, Some(metadata)) {
        let quad = quad?;
        let Ok(graph) = NamedOrBlankNode::try_from(quad.object) else {
            continue;
        };
        let d = quad.subject.as_ref();
        let checksum = node(object(d, term::CHECKSUM)?);
        let activity = node(object(d, term::WAS_GENERATED_BY)?);
        let agent = match &activity {
            Some(activity) => node(object(activity.as_ref(), term::WAS_ASSOCIATED_WITH)?),
            None => None,
        };
        described.entry(graph).or_default().push(Loaded {
            source: text(object(d, term::SOURCE)?),
            file: match object(d, term::HAD_PRIMARY_SOURCE)? {
                Some(Term::NamedNode(file)) => Some(file.into_string()),
                _ => None,
            },
            sha256: match &checksum {
                Some(c) => text(object(c.as_ref(), term::CHECKSUM_VALUE)?),
                None => None,
            },
            triples: text(object(d, term::TRIPLES)?).and_then(|n| n.parse().ok()),
            loaded_at: text(object(d, term::GENERATED_AT_TIME)?),
            version: match &agent {
                Some(agent) => text(object(agent.as_ref(), term::VERSION_INFO)?),
                None => None,
            },
            derived_from: match node(object(d, term::WAS_DERIVED_FROM)?) {
                Some(state) => match node(object(state.as_ref(), term::CHECKSUM)?) {
                    Some(c) => text(object(c.as_ref(), term::CHECKSUM_VALUE)?),
                    None => None,
                },
                None => None,
            },
        });
    }
    for loads in described.values_mut() {
        loads.sort();
    }
    Ok(described)
}

/// The triples `graph` holds, as its descriptions in `described` record them.
pub(super) fn recorded(
    described: &HashMap<NamedOrBlankNode, Vec<Loaded>>,
    graph: &NamedOrBlankNode,
) -> Option<usize> {
    described
        .get(graph)
        .and_then(|loads| loads.iter().filter_map(|load| load.triples).max())
}

/// The quads of the store's graphs as the metadata graph records their sizes, without counting
/// them: `None` when the default graph holds anything or a graph but the metadata graph is not
/// described with its size (written by another program), since then the records do not tell.
pub(super) fn recorded_size(store: &Store) -> Result<Option<usize>, StorageError> {
    let mut default = store.quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph));
    if default.next().transpose()?.is_some() {
        return Ok(None);
    }
    let described = read(store)?;
    let mut total = 0;
    for name in store.named_graphs() {
        let name = name?;
        if matches!(&name, NamedOrBlankNode::NamedNode(n) if n.as_ref() == graph()) {
            continue;
        }
        match recorded(&described, &name) {
            Some(size) => total += size,
            None => return Ok(None),
        }
    }
    Ok(Some(total))
}

/// The checksum of what the metadata graph says of every graph that holds data rather than a
/// result computed from it: each graph's name, its sources' checksums and when they were
/// written, in a fixed order. A result records it when it is written; a load, an update or a
/// drop since changes it.
pub(super) fn data_state(described: &HashMap<NamedOrBlankNode, Vec<Loaded>>) -> String {
    let mut lines: Vec<String> = described
        .iter()
        .flat_map(|(graph, loads)| loads.iter().map(move |load| (graph, load)))
        .filter(|(_, load)| load.derived_from.is_none())
        .map(|(graph, load)| {
            format!(
                "{graph}\t{}\t{}\n",
                load.sha256.as_deref().unwrap_or(""),
                load.loaded_at.as_deref().unwrap_or("")
            )
        })
        .collect();
    lines.sort_unstable();
    sha256(lines.concat().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{data, turtle};
    use super::*;
    use crate::store::LoadError;
    use crate::store::{ClaimStore, GraphInfo, BULK_THRESHOLD_BYTES};
    use oxigraph::io::RdfFormat;

    fn info(store: &ClaimStore, graph: &str) -> GraphInfo {
        let graphs = store.graphs().unwrap();
        graphs
            .into_iter()
            .find(|g| g.graph == graph)
            .unwrap_or_else(|| panic!("no graph {graph}"))
    }

    fn descriptions(store: &ClaimStore) -> usize {
        store
            .oxigraph()
            .unwrap()
            .quads_for_pattern(None, Some(term::NAME), None, Some(graph().into()))
            .count()
    }

    fn source(name: &str, text: String, format: RdfFormat, graph: &str) -> Source {
        Source::from_bytes(name, text.into_bytes(), format, graph).unwrap()
    }

    #[test]
    fn a_load_describes_the_graph_it_wrote() {
        let store = ClaimStore::in_memory().unwrap();
        // A triple stated twice is one triple.
        let text = "<urn:a> <urn:b> <urn:c> , <urn:c> .";
        store.load(&[turtle("a.ttl", text)]).unwrap();
        let graph = info(&store, "urn:g:a.ttl");
        assert_eq!(graph.triples, 1);
        assert_eq!(graph.role, None);
        let [loaded] = &graph.loaded[..] else {
            panic!("one description: {:?}", graph.loaded);
        };
        assert_eq!(loaded.source.as_deref(), Some("a.ttl"));
        assert_eq!(loaded.file, None, "not read from a file");
        assert_eq!(loaded.triples, Some(1));
        assert_eq!(
            loaded.sha256.as_deref(),
            Some("87a3e19624e77952a3260d44eb91604afd6df1785204598dc78d73ed44e64458")
        );
        assert_eq!(loaded.version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
        let at: DateTime = loaded.loaded_at.as_deref().unwrap().parse().unwrap();
        assert!(at <= DateTime::now());
        // The metadata graph itself is listed, and describes nothing of itself.
        let metadata = info(&store, bundled::METADATA_GRAPH);
        assert!(metadata.loaded.is_empty() && metadata.role.is_some());
    }

    #[test]
    fn a_file_graph_names_its_file() {
        let store = ClaimStore::in_memory().unwrap();
        let file = "file:///tmp/x.ttl";
        let text = "<urn:a> <urn:b> <urn:c> .".to_owned();
        store
            .load(&[source("x.ttl", text, RdfFormat::Turtle, file)])
            .unwrap();
        assert_eq!(info(&store, file).loaded[0].file.as_deref(), Some(file));
    }

    #[test]
    fn a_reload_replaces_the_description_and_a_failed_load_leaves_none() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load(&[turtle("a.ttl", "<urn:a> <urn:b> <urn:c> , <urn:d> .")])
            .unwrap();
        let first = info(&store, "urn:g:a.ttl").loaded;
        store
            .load(&[turtle("a.ttl", "<urn:a> <urn:b> <urn:e> .")])
            .unwrap();
        let second = info(&store, "urn:g:a.ttl").loaded;
        assert_eq!((first.len(), second.len()), (1, 1));
        assert_eq!((first[0].triples, second[0].triples), (Some(2), Some(1)));
        assert_ne!(first[0].sha256, second[0].sha256);
        let before = store.oxigraph().unwrap().len().unwrap();
        store
            .load(&[
                turtle("b.ttl", "<urn:x> <urn:y> <urn:z> ."),
                turtle("a.ttl", "<urn:a> <urn:b> \"open ."),
            ])
            .unwrap_err();
        assert_eq!(store.oxigraph().unwrap().len().unwrap(), before);
        assert_eq!(descriptions(&store), 1);
    }

    #[test]
    fn a_dataset_source_is_described_in_every_graph_it_writes() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load(&[turtle("a.ttl", "<urn:a> <urn:b> <urn:c> , <urn:d> .")])
            .unwrap();
        // Adds to a.ttl's graph, and writes one of its own.
        let trig =
            "<urn:g:a.ttl> { <urn:a> <urn:b> <urn:e> } <urn:g:new> { <urn:x> <urn:y> <urn:z> }";
        store
            .load(&[source(
                "d.trig",
                trig.to_owned(),
                RdfFormat::TriG,
                "urn:g:d",
            )])
            .unwrap();
        let added = info(&store, "urn:g:a.ttl");
        assert_eq!(added.triples, 3);
        assert_eq!(added.loaded.len(), 1, "the last load's description only");
        assert_eq!(added.loaded[0].source.as_deref(), Some("d.trig"));
        assert_eq!(added.loaded[0].triples, Some(3));
        let new = info(&store, "urn:g:new");
        assert_eq!(new.loaded[0].sha256, added.loaded[0].sha256);
        assert_eq!(new.loaded[0].triples, Some(1));
        assert_eq!(descriptions(&store), 2, "nothing written to urn:g:d");
    }

    #[test]
    fn loads_may_not_write_into_the_metadata_graph() {
        let store = ClaimStore::in_memory().unwrap();
        let trig = format!(
            "<{}> {{ <urn:a> <urn:b> <urn:c> }}",
            bundled::METADATA_GRAPH
        );
        let err = store
            .load(&[source("m.trig", trig, RdfFormat::TriG, "urn:g:m")])
            .unwrap_err();
        assert!(matches!(err, LoadError::MetadataGraph { .. }), "{err}");
        assert!(err.to_string().starts_with("m.trig: graph <"), "{err}");
        assert!(store.oxigraph().unwrap().is_empty().unwrap());
    }

    /// N-Triples of `lines` distinct triples, each stated twice, padded past the bulk threshold.
    fn doubled(lines: usize) -> String {
        let padding = "x".repeat(BULK_THRESHOLD_BYTES / lines);
        (0..lines)
            .map(|i| format!("<urn:s{i}> <urn:p> \"{padding}\" .\n"))
            .flat_map(|line| [line.clone(), line])
            .collect()
    }

    #[test]
    fn a_bulk_load_counts_distinct_triples() {
        let store = ClaimStore::in_memory().unwrap();
        let report = store
            .load(&[source(
                "big.nt",
                doubled(1000),
                RdfFormat::NTriples,
                "urn:g:big",
            )])
            .unwrap();
        assert!(report.bulk);
        assert_eq!(report.quads(), 2000);
        let big = info(&store, "urn:g:big");
        assert_eq!((big.triples, big.loaded[0].triples), (1000, Some(1000)));
    }

    #[test]
    fn a_bulk_load_that_meets_an_existing_graph_is_done_as_a_transaction() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load(&[turtle("a.ttl", "<urn:a> <urn:b> <urn:c> .")])
            .unwrap();
        let trig = "<urn:g:a.ttl> { <urn:a> <urn:b> <urn:d> }".to_owned();
        let report = store
            .load(&[
                source("big.nt", doubled(1000), RdfFormat::NTriples, "urn:g:big"),
                source("d.trig", trig, RdfFormat::TriG, "urn:g:d"),
            ])
            .unwrap();
        assert!(!report.bulk, "a bulk load cannot replace a description");
        let a = info(&store, "urn:g:a.ttl");
        assert_eq!(a.triples, 2);
        assert_eq!(a.loaded.len(), 1);
        assert_eq!(a.loaded[0].source.as_deref(), Some("d.trig"));
        assert_eq!(info(&store, "urn:g:big").triples, 1000);
        assert_eq!(data(&store).len(), 1002);
    }

    #[test]
    fn replacing_a_graph_replaces_its_description() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load(&[turtle("a.ttl", "<urn:a> <urn:b> <urn:c> .")])
            .unwrap();
        let graph = NamedNodeRef::new_unchecked("urn:g:a.ttl");
        store.replace_graph(graph, &[], "claimgraph test").unwrap();
        assert_eq!(descriptions(&store), 1);
        let loaded = &info(&store, "urn:g:a.ttl").loaded;
        assert_eq!(loaded.len(), 1);
        assert_eq!(loaded[0].source.as_deref(), Some("claimgraph test"));
        assert_eq!(loaded[0].triples, Some(0));
        assert_eq!(
            store.oxigraph().unwrap().len().unwrap(),
            22,
            "the old description's tree of blank nodes went, and only the new one is left"
        );
    }

    #[test]
    fn a_result_is_stale_once_the_data_changes_until_it_is_written_again() {
        let store = ClaimStore::in_memory().unwrap();
        store
            .load(&[turtle("a.ttl", "<urn:a> <urn:b> <urn:c> .")])
            .unwrap();
        let label = oxigraph::model::Triple::new(
            oxigraph::model::NamedNode::new_unchecked("urn:a"),
            oxigraph::model::NamedNode::new_unchecked("urn:label"),
            Literal::new_simple_literal("in"),
        );
        let write = |name| {
            let graph = NamedNodeRef::new_unchecked(name);
            store
                .replace_graph(
                    graph,
                    std::slice::from_ref(&label),
                    "claimgraph analyze --write",
                )
                .unwrap();
        };
        let stale = |name| info(&store, name).stale;
        write("urn:result");
        assert!(!stale("urn:result"));
        // Another result is not a change of the data.
        write("urn:other");
        assert!(!stale("urn:result") && !stale("urn:other"));
        store
            .load(&[turtle("b.ttl", "<urn:d> <urn:b> <urn:c> .")])
            .unwrap();
        assert!(stale("urn:result") && stale("urn:other"));
        let json = serde_json::to_value(info(&store, "urn:other")).unwrap();
        assert_eq!(json["stale"], true);
        write("urn:result");
        assert!(!stale("urn:result") && stale("urn:other"));
        store.drop_graphs(&["urn:g:b.ttl".into()], false).unwrap();
        assert!(stale("urn:result"));
        write("urn:result");
        assert!(!stale("urn:result"));
        // The data is again what the other result was computed from.
        assert!(!stale("urn:other"));
        // Data is never stale.
        assert!(!stale("urn:g:a.ttl"));
    }

    #[test]
    fn checksums_are_sha256_in_hexadecimal() {
        assert_eq!(
            sha256(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
