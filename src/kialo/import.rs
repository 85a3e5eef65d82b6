//! A Kialo discussion turned into the triples of its named graph.
//!
//! IRIs live under the graph: `#discussion`, `#claim-1.2.3` for the claim written at `1.2.3`,
//! `#response-1.2.3` for the place `1.2.3` answering its parent, and `#contributors`, the
//! actor who reads each pro and con so (`cg:interpretedBy`): the discussion's contributors,
//! since on Kialo whoever adds a claim says whether it is a pro or a con.

use crate::ingest::error::SourceError;
use crate::ingest::quads::GraphQuads;
use crate::vocab::{class, external, property};
use ::kialo::{Content, Discussion, Node, Stance};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{Literal, NamedNode, Quad};
use std::collections::HashMap;

/// The IRI of the claim written at `path` in `graph`.
pub(crate) fn claim_iri(graph: &NamedNode, path: &::kialo::Path) -> NamedNode {
    NamedNode::new_unchecked(format!("{}#claim-{path}", graph.as_str()))
}

/// The quads that say what `discussion` says, in `graph`, with texts tagged `language`;
/// `input` names the file in errors.
///
/// # Complexity
///
/// O(n) in the number of places of the tree.
pub fn to_quads(
    discussion: &Discussion,
    input: &str,
    graph: &NamedNode,
    language: &str,
) -> Result<Vec<Quad>, SourceError> {
    let text = |value: &str| Literal::new_language_tagged_literal_unchecked(value, language);
    let local = |name: String| NamedNode::new_unchecked(format!("{}#{name}", graph.as_str()));
    let mut out = GraphQuads::new(graph);
    let index: HashMap<&::kialo::Path, &Node> =
        discussion.nodes.iter().map(|n| (&n.path, n)).collect();

    let root = local("discussion".into());
    out.add(&root, rdf::TYPE, class::DISCUSSION);
    out.add(&root, rdfs::LABEL, text(&discussion.title));
    for source in &discussion.sources {
        out.add(
            &root,
            external::SCHEMA_CITATION,
            Literal::from(source.as_str()),
        );
    }
    let contributors = local("contributors".into());
    out.add(&contributors, rdf::TYPE, class::ACTOR);
    out.add(
        &contributors,
        rdfs::LABEL,
        Literal::new_language_tagged_literal_unchecked(
            format!(
                "contributors to the Kialo discussion “{}”",
                discussion.title
            ),
            "en",
        ),
    );

    for node in &discussion.nodes {
        let path = Literal::from(node.path.to_string());
        if let Content::Text(statement) = &node.content {
            if discussion.is_question(node) {
                out.add(&root, property::QUESTION, text(statement));
                continue;
            }
            let claim = claim_iri(graph, &node.path);
            out.add(&claim, rdf::TYPE, class::CLAIM);
            out.add(&claim, property::STATEMENT, text(statement));
            out.add(&claim, rdfs::LABEL, text(statement));
            out.add(&claim, property::TREE_PATH, path.clone());
        }
        let Some(stance) = node.stance else {
            // A thesis, at the top or answering the question.
            out.add(&root, property::THESIS, claim_iri(graph, &node.path));
            continue;
        };
        let parent = node
            .path
            .parent()
            .expect("a claim with a stance has a parent");
        let from = claim_of(&index, node);
        let to = claim_of(&index, index[&parent]);
        if from.path == to.path {
            return Err(SourceError::Syntax {
                input: input.to_owned(),
                location: Some((node.location.line as u64, node.location.column as u64)),
                message: format!(
                    "{}. links to {}., the claim it answers: a claim cannot answer itself",
                    node.path, to.path
                ),
            });
        }
        let response = local(format!("response-{}", node.path));
        let kind = match stance {
            Stance::Pro => class::SUPPORT,
            Stance::Con => class::ATTACK,
        };
        out.add(&response, rdf::TYPE, kind);
        out.add(
            &response,
            property::FROM_CLAIM,
            claim_iri(graph, &from.path),
        );
        out.add(&response, property::TO_CLAIM, claim_iri(graph, &to.path));
        out.add(&response, property::INTERPRETED_BY, contributors.clone());
        out.add(&response, property::TREE_PATH, path);
    }
    Ok(out.quads)
}

/// The node holding the claim that stands at `node`: itself, or the one its link names (a
/// parsed discussion's links name nodes with text).
fn claim_of<'a>(index: &HashMap<&::kialo::Path, &'a Node>, node: &'a Node) -> &'a Node {
    match &node.content {
        Content::Link(target) => index[target],
        Content::Text(_) => node,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Format, Source};
    use crate::query::{self, QueryOutput};
    use crate::store::ClaimStore;

    /// The discussion loaded as `load` would, validated against the bundled shapes.
    fn load(text: &str) -> ClaimStore {
        let source = Source::from_bytes(
            "d.txt",
            text.as_bytes().to_vec(),
            Format::Kialo,
            "https://example.org/d",
        )
        .unwrap()
        .with_language("en")
        .unwrap();
        let (store, report) = ClaimStore::validated_load(&[source]);
        report.unwrap();
        store
    }

    /// The rows of a SELECT, each as its terms separated by spaces, IRIs of the graph shortened
    /// to their fragment, sorted.
    fn rows(store: &ClaimStore, sparql: &str) -> Vec<String> {
        let QueryOutput::Solutions { rows, .. } = query::run(store, "test", sparql).unwrap() else {
            panic!("not a SELECT")
        };
        let mut rows: Vec<String> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|(_, t)| {
                        t.to_string()
                            .replace("https://example.org/d#", "")
                            .replace("https://w3id.org/claimgraph/ns#", "cg:")
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        rows.sort();
        rows
    }

    const LINKED: &str = "Discussion Title: Open on Sundays?

1. The library should open on Sundays.
1.1. Pro: People work in the week.
1.1.1. Con: It opens on Saturdays.
1.2. Con: It costs more.
1.2.1. Pro: -> See 1.1.1.
";

    #[test]
    fn a_claim_in_two_places_is_one_claim_with_two_responses() {
        let store = load(LINKED);
        assert_eq!(
            rows(
                &store,
                "SELECT ?path ?kind ?from ?to WHERE { ?r cg:treePath ?path ; a ?kind ; cg:fromClaim ?from ; cg:toClaim ?to }"
            ),
            [
                "\"1.1\" <cg:Support> <claim-1.1> <claim-1>",
                "\"1.1.1\" <cg:Attack> <claim-1.1.1> <claim-1.1>",
                "\"1.2\" <cg:Attack> <claim-1.2> <claim-1>",
                "\"1.2.1\" <cg:Support> <claim-1.1.1> <claim-1.2>",
            ]
        );
        assert_eq!(
            rows(
                &store,
                "SELECT ?c ?path WHERE { ?c a cg:Claim ; cg:treePath ?path }"
            ),
            [
                "<claim-1.1.1> \"1.1.1\"",
                "<claim-1.1> \"1.1\"",
                "<claim-1.2> \"1.2\"",
                "<claim-1> \"1\"",
            ]
        );
    }

    #[test]
    fn a_question_is_kept_on_the_discussion_and_its_theses_are_not_stances() {
        let store = load(
            "Discussion Title: Heating?\n\n1. Which heating?\n1.1. Thesis: A heat pump.\n1.1.1. Pro: Cheap to run.\n1.2. A boiler.\n",
        );
        assert_eq!(
            rows(
                &store,
                "SELECT ?t ?q WHERE { ?d rdfs:label ?t ; cg:question ?q }"
            ),
            ["\"Heating?\"@en \"Which heating?\"@en"]
        );
        assert_eq!(
            rows(&store, "SELECT ?t WHERE { ?d cg:thesis ?t }"),
            ["<claim-1.1>", "<claim-1.2>"]
        );
        assert_eq!(
            rows(&store, "SELECT ?r WHERE { ?r cg:toClaim ?to }"),
            ["<response-1.1.1>"],
            "theses answer no claim"
        );
    }

    #[test]
    fn a_link_to_the_claim_it_answers_is_refused_where_it_is_written() {
        let discussion =
            ::kialo::parse("Discussion Title: T\n\n1. A\n1.1. Pro: B\n1.1.1. Con: -> See 1.1.\n")
                .unwrap();
        let graph = NamedNode::new("https://example.org/d").unwrap();
        let error = to_quads(&discussion, "d.txt", &graph, "en").unwrap_err();
        assert_eq!(
            error.to_string(),
            "d.txt:5:1: 1.1.1. links to 1.1., the claim it answers: a claim cannot answer itself"
        );
    }
}
