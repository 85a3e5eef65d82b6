use super::*;
use crate::analysis::ArgumentGraph;
use crate::ingest::{Format, Source};
use crate::query::{self, QueryOutput};
use crate::validate::Shapes;
use crate::ClaimStore;
use std::collections::BTreeSet;

/// AIFdb's shape, as the AraucariaDB corpus writes it: a linked argument (two premises), a
/// rebuttal, an undercut of the argument, a locution with its illocution.
const AIFDB: &str = r#"{"nodes":[
 {"nodeID":"10","text":"John must be a literature major","type":"I","timestamp":"2012-04-12 18:21:00"},
 {"nodeID":"11","text":"John took the Shakespeare course","type":"I","timestamp":"2012-04-12 18:21:00"},
 {"nodeID":"12","text":"Every literature major takes Shakespeare","type":"I","timestamp":"2012-04-12 18:21:00"},
 {"nodeID":"13","text":"RA","type":"RA","timestamp":"2012-04-12 18:21:01","scheme":"VerbalClassification"},
 {"nodeID":"14","text":"John is an engineer","type":"I","timestamp":"2012-04-12 18:21:02"},
 {"nodeID":"15","text":"CA","type":"CA","timestamp":"2012-04-12 18:21:02"},
 {"nodeID":"16","text":"Engineers take Shakespeare too","type":"I","timestamp":"2012-04-12 18:21:03"},
 {"nodeID":"17","text":"CA","type":"CA","timestamp":"2012-04-12 18:21:03"},
 {"nodeID":"18","text":"Poostix says 'John took the Shakespeare course'","type":"L","timestamp":"2012-04-12 18:21:00"},
 {"nodeID":"19","text":"YA_8fc2706f","type":"YA","timestamp":"2012-04-12 18:21:00"}],
"edges":[
 {"edgeID":"1","fromID":"11","toID":"13","formEdgeID":null},
 {"edgeID":"2","fromID":"12","toID":"13","formEdgeID":null},
 {"edgeID":"3","fromID":"13","toID":"10","formEdgeID":null},
 {"edgeID":"4","fromID":"14","toID":"15","formEdgeID":null},
 {"edgeID":"5","fromID":"15","toID":"10","formEdgeID":null},
 {"edgeID":"6","fromID":"16","toID":"17","formEdgeID":null},
 {"edgeID":"7","fromID":"17","toID":"13","formEdgeID":null},
 {"edgeID":"8","fromID":"18","toID":"19","formEdgeID":null},
 {"edgeID":"9","fromID":"19","toID":"11","formEdgeID":null}]}"#;

/// OVA's xAIF: numeric IDs, `null` lists, a participant repeated, a scheme by ID only, a
/// transition between two locutions that anchors the argument, and a rephrase.
const XAIF: &str = r#"{"AIF":{"nodes":[
 {"nodeID":1,"text":"We should go eat","type":"I"},
 {"nodeID":2,"text":"I'm hungry","type":"I"},
 {"nodeID":3,"text":"Bob: We should go eat","type":"L"},
 {"nodeID":4,"text":"Bob: Because I'm hungry","type":"L"},
 {"nodeID":5,"text":"Default Inference","type":"RA"},
 {"nodeID":6,"text":"Asserting","type":"YA"},
 {"nodeID":7,"text":"Asserting","type":"YA"},
 {"nodeID":8,"text":"Default Transition","type":"TA"},
 {"nodeID":9,"text":"Arguing","type":"YA"},
 {"nodeID":10,"text":"Eating now would be wise","type":"I"},
 {"nodeID":11,"text":"Default Rephrase","type":"MA"}],
 "edges":[
 {"edgeID":0,"fromID":2,"toID":5},{"edgeID":1,"fromID":5,"toID":1},
 {"edgeID":2,"fromID":3,"toID":6},{"edgeID":3,"fromID":6,"toID":1},
 {"edgeID":4,"fromID":4,"toID":7},{"edgeID":5,"fromID":7,"toID":2},
 {"edgeID":6,"fromID":3,"toID":8},{"edgeID":7,"fromID":8,"toID":4},
 {"edgeID":8,"fromID":8,"toID":9},{"edgeID":9,"fromID":9,"toID":5},
 {"edgeID":10,"fromID":1,"toID":11},{"edgeID":11,"fromID":11,"toID":10}],
 "locutions":[{"nodeID":3,"personID":0},{"nodeID":4,"personID":0,"start":"2020-01-01 10:00:00"}],
 "participants":[{"firstname":"Bob","participantID":0,"surname":"None"},
                 {"firstname":"Bob","participantID":0,"surname":"None"}],
 "schemefulfillments":[{"nodeID":5,"schemeID":72}],
 "descriptorfulfillments":null},
 "text":{"txt":"Bob: We should go eat. Because I'm hungry."},
 "OVA":[],"dialog":true}"#;

fn load(json: &str, store: &ClaimStore) -> Result<(), crate::LoadError> {
    let source = Source::from_bytes(
        "map.json",
        json.as_bytes().to_vec(),
        Format::Aif,
        "urn:test:map",
    )?
    .with_language("en")?;
    store
        .loader()
        .with_schema()
        .validate(&Shapes::bundled())
        .load(&[source])
        .map(drop)
}

fn loaded(json: &str) -> ClaimStore {
    let store = ClaimStore::in_memory().unwrap();
    load(json, &store).unwrap();
    store
}

fn error(json: &str) -> String {
    load(json, &ClaimStore::in_memory().unwrap())
        .unwrap_err()
        .to_string()
}

/// What a round trip must keep: nodes as (ID, type, text, scheme), edges as (from, to),
/// locutions as (node, person, start).
type Summary = (
    BTreeSet<(Id, String, String, Option<String>)>,
    BTreeSet<(Id, Id)>,
    BTreeSet<(Id, Option<Id>, Option<Id>)>,
);

fn summary(map: &Map) -> Summary {
    (
        map.nodes
            .iter()
            .map(|n| {
                (
                    n.node_id.clone(),
                    n.kind.clone(),
                    n.text.clone(),
                    n.scheme.clone(),
                )
            })
            .collect(),
        map.edges
            .iter()
            .map(|e| (e.from_id.clone(), e.to_id.clone()))
            .collect(),
        map.locutions
            .iter()
            .map(|l| (l.node_id.clone(), l.person_id.clone(), l.start.clone()))
            .collect(),
    )
}

fn select(store: &ClaimStore, sparql: &str) -> Vec<String> {
    let QueryOutput::Solutions { rows, .. } = query::run(store, "test", sparql).unwrap() else {
        panic!("a SELECT");
    };
    let mut values: Vec<String> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|(_, term)| term.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    values.sort();
    values
}

#[test]
fn both_shapes_read_and_ids_may_be_numbers() {
    let aifdb = Map::from_json("a.json", AIFDB.as_bytes()).unwrap();
    assert_eq!((aifdb.nodes.len(), aifdb.edges.len()), (10, 9));
    let xaif = Map::from_json("b.json", XAIF.as_bytes()).unwrap();
    assert_eq!((xaif.nodes.len(), xaif.edges.len()), (11, 12));
    assert_eq!(xaif.nodes[0].node_id, Id("1".into()));
    assert_eq!(
        xaif.participants.len(),
        2,
        "read as written; deduplicated on import"
    );
    assert_eq!(
        xaif.nodes[4].scheme_id,
        Some(Id("72".into())),
        "a scheme fulfillment names the scheme of its node"
    );
}

#[test]
fn a_linked_argument_is_one_support_with_two_premises() {
    let store = loaded(AIFDB);
    assert_eq!(
        select(
            &store,
            "SELECT (COUNT(?p) AS ?n) WHERE { ?r a cg:Support ; cg:fromClaim ?p ; dcterms:identifier \"13\" }"
        ),
        ["\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>"]
    );
    let graph = ArgumentGraph::from_store(&store).unwrap();
    let support_links = graph
        .graph
        .edge_weights()
        .filter(|link| matches!(link, crate::analysis::Link::Response { .. }) && !link.is_attack())
        .count();
    assert_eq!(support_links, 2, "each premise is drawn to the conclusion");
}

#[test]
fn a_conflict_on_an_inference_is_an_undercut_of_that_response() {
    let store = loaded(AIFDB);
    let rows = select(
        &store,
        "SELECT ?kind ?to WHERE { ?u dcterms:identifier ?id ; a ?kind ; cg:toClaim/dcterms:identifier ?to .
           FILTER(?id IN (\"15\", \"17\")) ?kind rdfs:subClassOf cg:Attack }",
    );
    assert_eq!(
        rows,
        [
            "<https://w3id.org/claimgraph/ns#Rebuttal> \"10\"",
            "<https://w3id.org/claimgraph/ns#Undercut> \"10\""
        ]
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?id WHERE { ?u cg:toResponse/dcterms:identifier ?id }"
        ),
        ["\"13\""]
    );
}

#[test]
fn locutions_voice_claims_and_keep_their_speaker() {
    let store = loaded(XAIF);
    assert_eq!(
        select(
            &store,
            "SELECT ?name ?claim WHERE { ?q cg:speaker/rdfs:label ?name ; cg:expresses/cg:statement ?claim }"
        ),
        [
            "\"Bob None\"@en \"I'm hungry\"@en",
            "\"Bob None\"@en \"We should go eat\"@en"
        ]
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?force ?kind WHERE { ?y cg:illocution ?force ; cg:content/a ?kind ; cg:locution/a cg:Transition }"
        ),
        ["\"Arguing\" <https://w3id.org/claimgraph/ns#Support>"]
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?kind WHERE { ?r cg:fromClaim/dcterms:identifier \"1\" ; a ?kind }"
        ),
        ["<https://w3id.org/claimgraph/ns#Rephrase>"]
    );
}

#[test]
fn both_shapes_round_trip() {
    for json in [AIFDB, XAIF] {
        let read = Map::from_json("map.json", json.as_bytes()).unwrap();
        let (back, left_out) = Map::from_store(&loaded(json)).unwrap();
        assert!(left_out.is_empty());
        assert_eq!(summary(&back), summary(&read));
        let stamps = |map: &Map| -> BTreeSet<_> {
            map.nodes
                .iter()
                .map(|n| (n.node_id.clone(), n.timestamp.clone()))
                .collect()
        };
        assert_eq!(
            stamps(&back),
            stamps(&read),
            "timestamps are kept as written"
        );
    }
}

#[test]
fn the_bundled_controversy_exports_as_aif() {
    let store = ClaimStore::in_memory().unwrap();
    store
        .load_with_schema(&crate::bundled::data_sources())
        .unwrap();
    let (map, left_out) = Map::from_store(&store).unwrap();
    let count = |kind: &str| map.nodes.iter().filter(|n| n.kind == kind).count();
    let claims = select(
        &store,
        "SELECT DISTINCT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim }",
    );
    assert_eq!(count("I"), claims.len());
    let quotes = select(
        &store,
        "SELECT DISTINCT ?q WHERE { ?q a/rdfs:subClassOf* cg:Quote }",
    );
    assert_eq!(count("L"), quotes.len());
    let spoken = select(&store, "SELECT DISTINCT ?q WHERE { ?q cg:speaker ?s }");
    assert_eq!(map.locutions.len(), spoken.len());
    let voiced = select(
        &store,
        "SELECT DISTINCT ?q ?c WHERE { ?q cg:expresses|cg:implies ?c }",
    );
    assert_eq!(
        count("YA"),
        voiced.len(),
        "one illocution per claim a quote voices"
    );
    let attacks = select(
        &store,
        "SELECT DISTINCT ?r WHERE { ?r a/rdfs:subClassOf* cg:Attack }",
    );
    assert_eq!(count("CA"), attacks.len());
    assert!(count("RA") > 5 && count("CA") > 10);
    assert_eq!(
        left_out,
        ["<https://w3id.org/claimgraph/id/distillation-attacks/r-agree-with-musk>"],
        "a response whose kind the article does not give has no AIF type"
    );
    assert!(!map.participants.is_empty());
    // Every edge joins nodes of the map, and every YA links one locution to one claim.
    let ids: BTreeSet<&Id> = map.nodes.iter().map(|n| &n.node_id).collect();
    assert!(map
        .edges
        .iter()
        .all(|e| ids.contains(&e.from_id) && ids.contains(&e.to_id)));
    // Read back, it is a valid map that loads.
    let json = serde_json::to_vec(&map).unwrap();
    let again = ClaimStore::in_memory().unwrap();
    load(std::str::from_utf8(&json).unwrap(), &again).unwrap();
}

#[test]
fn errors_name_the_node_or_edge_and_nothing_loads() {
    let message = error(&AIFDB.replace(
        r#""toID":"10","formEdgeID":null},
 {"edgeID":"4""#,
        r#""toID":"99","formEdgeID":null},
 {"edgeID":"4""#,
    ));
    assert_eq!(message, "map.json: edge 3: toID \"99\" names no node");
    let message = error(&AIFDB.replace(
        r#""type":"CA","timestamp":"2012-04-12 18:21:02""#,
        r#""type":"XA""#,
    ));
    assert_eq!(
        message,
        "map.json: node 15: unknown node type \"XA\" (expected one of: I, L, RA, CA, MA, PA, YA, TA)"
    );
    let message = error(&AIFDB.replace(
        r#""fromID":"13","toID":"10""#,
        r#""fromID":"12","toID":"10""#,
    ));
    assert_eq!(
        message,
        "map.json: edge 3: an edge from I node 12 to I node 10 has no meaning in AIF"
    );
    let message = error(&AIFDB.replace(
        r#"{"edgeID":"3","fromID":"13","toID":"10","formEdgeID":null},"#,
        "",
    ));
    assert_eq!(
        message,
        "map.json: RA node 13: a relation has exactly one conclusion; this one has 0: none"
    );
    let message = error(&AIFDB.replace(r#""text":"RA""#, r#""text":5"#));
    assert!(
        message.starts_with("map.json:5:"),
        "a wrong JSON type gives line and column: {message}"
    );
    assert!(message.contains("invalid type: integer `5`"), "{message}");
    let message = error(&XAIF.replace(
        r#"{"nodeID":3,"personID":0}"#,
        r#"{"nodeID":3,"personID":4}"#,
    ));
    assert_eq!(
        message,
        "map.json: locution of node 3: personID \"4\" names no participant"
    );
    // Nothing loaded: not even the schema the load would have added.
    let store = ClaimStore::in_memory().unwrap();
    assert!(load(&AIFDB.replace("\"11\",\"toID\"", "\"77\",\"toID\""), &store).is_err());
    assert!(store.is_empty().unwrap());
}
