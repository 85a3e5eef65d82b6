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

/// A map of AIFdb's dialogical corpora, shaped as QT30 publishes them: no participants, a
/// personID that names nobody, speakers at the head of each locution's text, transitions
/// between locutions, illocutions anchored in transitions (arguing, restating), a question,
/// reported speech (a locution anchored in the locution that reports it), an analyst's copy of
/// a locution without its edges that a second analyst analyses in turn, a copy of a locution
/// edited since, and schemes on the illocutions.
const QT30: &str = include_str!("../../tests/fixtures/aif/qt30-shape.json");

/// OVA3's own xAIF: the lists under `"AIF"`, string IDs made of a counter and a session, the
/// analysed text, OVA's layout, listed participants, and an analyst node (an invisible L-node
/// `Jane: <text>` performing `Analysing` on the locution) for every locution.
const OVA3: &str = include_str!("../../tests/fixtures/aif/ova3-shape.json");

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
        r#"{"nodeID":1,"personID":0}"#,
    ));
    assert_eq!(
        message,
        "map.json: locution of node 1: its node is of type I; only an L-node is spoken"
    );
    // Nothing loaded: not even the schema the load would have added.
    let store = ClaimStore::in_memory().unwrap();
    assert!(load(&AIFDB.replace("\"11\",\"toID\"", "\"77\",\"toID\""), &store).is_err());
    assert!(store.is_empty().unwrap());
}

#[test]
fn speakers_are_read_from_the_head_of_a_locution() {
    for (text, speaker) in [
        ("Fiona Bruce : Should schools reopen", Some("Fiona Bruce")),
        ("Bob: We should go eat", Some("Bob")),
        (
            "AudienceMember 20211111QT22 : Can a term be banter",
            Some("AudienceMember 20211111QT22"),
        ),
        ("Nicole: Chris Philp : children", Some("Nicole")),
        ("we meet at 10:30", None),
        ("see https://example.org", None),
        ("However, he said: no", None),
        ("Bob:", None),
        ("no speaker here", None),
    ] {
        assert_eq!(dialogue::speaker_prefix(text), speaker, "{text}");
    }
}

#[test]
fn a_dialogue_keeps_who_said_what_by_which_act_after_which_locution() {
    let store = loaded(QT30);
    // Speakers by the heads of the texts, although no participant is listed.
    assert_eq!(
        select(
            &store,
            "SELECT ?id ?name WHERE { ?q a/rdfs:subClassOf* cg:Locution ; dcterms:identifier ?id ;
               cg:speaker/rdfs:label ?name }"
        ),
        [
            "\"100\" \"Fiona Bruce\"@en",
            "\"103\" \"Chris Philp\"@en",
            "\"106\" \"Chris Philp\"@en",
            "\"115\" \"Camilla Tominey\"@en",
            "\"117\" \"WHO\"@en"
        ]
    );
    assert_eq!(
        select(
            &store,
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?q cg:speaker ?s }"
        ),
        ["\"4\"^^<http://www.w3.org/2001/XMLSchema#integer>"],
        "one actor per name"
    );
    // Which act performs what, from a locution or from a transition.
    assert_eq!(
        select(
            &store,
            "SELECT ?force ?from ?to WHERE { ?y cg:illocution ?force ;
               cg:locution/dcterms:identifier ?from ; cg:content/dcterms:identifier ?to }"
        ),
        [
            "\"Arguing\" \"110\" \"109\"",
            "\"Asserting\" \"103\" \"104\"",
            "\"Asserting\" \"106\" \"107\"",
            "\"Asserting\" \"115\" \"117\"",
            "\"Asserting\" \"117\" \"118\"",
            "\"Pure Questioning\" \"100\" \"101\"",
            "\"Restating\" \"112\" \"113\""
        ]
    );
    // A question voices nothing, nor does a report of what someone else said, nor a span the
    // analyst left unused: they are locutions of the dialogue, not quotes of claims.
    assert_eq!(
        select(
            &store,
            "SELECT ?id ?class WHERE { ?q dcterms:identifier ?id ; a ?class
               FILTER(?class IN (cg:Quote, cg:Locution)) }"
        ),
        [
            "\"100\" <https://w3id.org/claimgraph/ns#Locution>",
            "\"103\" <https://w3id.org/claimgraph/ns#Quote>",
            "\"106\" <https://w3id.org/claimgraph/ns#Quote>",
            "\"115\" <https://w3id.org/claimgraph/ns#Locution>",
            "\"117\" <https://w3id.org/claimgraph/ns#Quote>",
            "\"124\" <https://w3id.org/claimgraph/ns#Locution>"
        ]
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?id WHERE { ?q cg:expresses|cg:implies ?c ; dcterms:identifier ?id }"
        ),
        ["\"103\"", "\"106\"", "\"117\""]
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?from ?to WHERE { ?q cg:reports ?r ; dcterms:identifier ?from .
               ?r dcterms:identifier ?to }"
        ),
        ["\"115\" \"117\""],
        "reported speech"
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?from ?to WHERE { ?t a cg:Transition ; cg:fromLocution/dcterms:identifier ?from ;
               cg:toLocution/dcterms:identifier ?to }"
        ),
        ["\"100\" \"103\"", "\"103\" \"106\""]
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?kind WHERE { ?r dcterms:identifier \"113\" ; a ?kind }"
        ),
        ["<https://w3id.org/claimgraph/ns#Rephrase>"]
    );
    // The analyst's copy of a locution is not a quote: it names the analyst.
    assert_eq!(
        select(
            &store,
            "SELECT ?id WHERE { ?n dcterms:identifier ?id FILTER(?id IN (\"120\", \"121\", \"122\", \"123\")) }"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        select(
            &store,
            "SELECT DISTINCT ?name WHERE { ?r cg:interpretedBy/rdfs:label ?name }"
        ),
        ["\"Anon and Nicole\"@en"],
        "an analyst's act on another analyst's copy names both"
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?s WHERE { ?y dcterms:identifier \"102\" ; cg:scheme/skos:notation ?s }"
        ),
        ["\"PureQuestioning\""],
        "an illocution keeps its scheme"
    );
}

#[test]
fn a_quote_beside_a_dialogue_still_voices_a_claim() {
    let store = loaded(QT30);
    let quote = Source::from_bytes(
        "quote.ttl",
        &b"<urn:q> a <https://w3id.org/claimgraph/ns#Quote> ;
            <https://w3id.org/claimgraph/ns#originalText> \"No\"@en ."[..],
        Format::Rdf(oxigraph::io::RdfFormat::Turtle),
        "urn:test:quote",
    )
    .unwrap();
    let Err(crate::LoadError::Invalid { report }) =
        store.loader().validate(&Shapes::bundled()).load(&[quote])
    else {
        panic!("the shapes refuse a quote that voices no claim");
    };
    let found: Vec<(String, &str)> = report
        .results
        .iter()
        .map(|v| (v.focus.to_string(), v.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            "<urn:q>".to_owned(),
            "a quote must express or imply at least one claim"
        )],
        "only a locution of a dialogue may voice nothing"
    );
}

#[test]
fn an_act_voices_its_claim_as_its_force_commits_the_speaker() {
    for (force, voicing) in [
        ("Asserting", Some(dialogue::Voicing::States)),
        ("Agreeing", Some(dialogue::Voicing::States)),
        ("Default Illocuting", Some(dialogue::Voicing::States)),
        ("Rhetorical Questioning", Some(dialogue::Voicing::Implies)),
        ("Assertive Questioning", Some(dialogue::Voicing::Implies)),
        ("Pure Questioning", None),
        ("Challenging", None),
    ] {
        assert_eq!(dialogue::voicing(force), voicing, "{force}");
    }
    let store = loaded(&QT30.replace(
        r#""text":"Pure Questioning","type":"YA""#,
        r#""text":"Rhetorical Questioning","type":"YA""#,
    ));
    assert_eq!(
        select(
            &store,
            "SELECT ?id WHERE { ?q a cg:Quote ; cg:implies ?c ; dcterms:identifier ?id }"
        ),
        ["\"100\""],
        "a rhetorical question implies its claim"
    );
}

#[test]
fn an_ova3_map_loads_checked_and_its_analyst_nodes_name_the_analyst() {
    let store = loaded(OVA3);
    assert_eq!(
        select(
            &store,
            "SELECT ?id ?name WHERE { ?q dcterms:identifier ?id ; cg:speaker/rdfs:label ?name }"
        ),
        [
            "\"1_1655989222\" \"Bob Smith\"@en",
            "\"6_1655989222\" \"Wilma Jones\"@en"
        ]
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?name WHERE { ?r a cg:Rebuttal ; cg:interpretedBy/rdfs:label ?name }"
        ),
        ["\"Jane\"@en"]
    );
    assert_eq!(
        select(&store, "SELECT ?force WHERE { ?y cg:illocution ?force }"),
        ["\"Asserting\"", "\"Asserting\"", "\"Disagreeing\""],
        "the analyst's acts are not illocutions of the dialogue"
    );
    let read = Map::from_json("map.json", OVA3.as_bytes()).unwrap();
    assert_eq!(read.nodes.len(), 13);
    let outline = read.outline();
    assert_eq!(outline.nodes.len(), 9, "analyst nodes are left out");
}

#[test]
fn the_analysed_text_is_kept_and_exported_as_xaif() {
    let store = loaded(OVA3);
    let kept = select(
        &store,
        "SELECT ?text WHERE { ?d a cg:AnalysedText ; schema:text ?text }",
    );
    assert_eq!(kept.len(), 1);
    assert!(
        kept[0].starts_with(
            "\"<span class='highlighted' id='node1_1655989222'>Bob: We should go eat</span>"
        ),
        "{kept:?}"
    );
    let (back, _) = Map::from_store(&store).unwrap();
    let json: serde_json::Value = serde_json::to_value(&back).unwrap();
    assert!(
        json["AIF"]["nodes"].is_array(),
        "xAIF: the lists under \"AIF\""
    );
    assert_eq!(json["text"], serde_json::to_value(&back.text).unwrap());
    // arg-tech's tools wrap it: `{"txt": ...}`; an empty text is no text.
    let wrapped = OVA3.replacen(
        "\n \"text\":",
        "\n \"text\": {\"txt\": \"the debate\"}, \"was\":",
        1,
    );
    assert_eq!(
        Map::from_json("map.json", wrapped.as_bytes())
            .unwrap()
            .text
            .as_deref(),
        Some("the debate")
    );
    let flat = loaded(QT30);
    let (back, _) = Map::from_store(&flat).unwrap();
    assert_eq!(back.text, None);
    assert!(
        serde_json::to_value(&back).unwrap()["nodes"].is_array(),
        "AIFdb's flat shape"
    );
    let message = error(&OVA3.replacen("\n \"text\":", "\n \"text\": 7, \"was\":", 1));
    assert!(
        message.contains("the analysed text, as text or as {\"txt\": text}"),
        "{message}"
    );
}

#[test]
fn dialogues_round_trip() {
    for (json, store) in [(QT30, loaded(QT30)), (OVA3, loaded(OVA3))] {
        let read = Map::from_json("map.json", json.as_bytes()).unwrap();
        let (back, left_out) = Map::from_store(&store).unwrap();
        assert!(left_out.is_empty());
        assert_eq!(back.outline(), read.outline());
        // The export names its speakers as participants, so it reads back the same again.
        let again = loaded(&serde_json::to_string(&back).unwrap());
        let (twice, _) = Map::from_store(&again).unwrap();
        assert_eq!(twice.outline(), read.outline());
        assert!(!back.participants.is_empty());
        assert!(back.locutions.iter().all(|l| l.person_id.is_some()
            && back
                .participants
                .iter()
                .any(|p| Some(&p.participant_id) == l.person_id.as_ref())));
    }
}

#[test]
fn dialogical_maps_are_refused_where_they_are_malformed() {
    // An I-node cannot perform an act (other than the one that anchors it, drawn back).
    let message = error(&QT30.replace(
        r#"{"edgeID":"2","fromID":"102","toID":"101"}"#,
        r#"{"edgeID":"2","fromID":"102","toID":"101"},{"edgeID":"2b","fromID":"104","toID":"102"}"#,
    ));
    assert_eq!(
        message,
        "map.json: edge 2b: an edge from I node 104 to YA node 102 has no meaning in AIF: a \
         proposition performs no act; a locution or a transition does"
    );
    // An act performed by two locutions at once.
    let message = error(&QT30.replace(
        r#"{"edgeID":"1","fromID":"100","toID":"102"}"#,
        r#"{"edgeID":"1","fromID":"100","toID":"102"},{"edgeID":"1b","fromID":"106","toID":"102"}"#,
    ));
    assert_eq!(
        message,
        "map.json: YA node 102: an illocution links one locution or transition (it has 2: L node 100, L node 106) to one claim, relation or reported locution (it has 1: I node 101)"
    );
    // A locution cannot report a transition.
    let message = error(&QT30.replace(
        r#""fromID":"116","toID":"117""#,
        r#""fromID":"116","toID":"110""#,
    ));
    assert_eq!(
        message,
        "map.json: edge 20: an edge from YA node 116 to TA node 110 has no meaning in AIF: an \
         illocution puts forward a proposition, a relation or a reported locution, not a \
         transition"
    );
}

/// The edges of `map` as (from, to) pairs of IDs.
fn edges(map: &Map) -> BTreeSet<(String, String)> {
    map.edges
        .iter()
        .map(|e| (e.from_id.0.clone(), e.to_id.0.clone()))
        .collect()
}

#[test]
fn an_act_drawn_back_from_its_proposition_is_read_as_its_anchoring() {
    let json = r#"{"nodes":[
 {"nodeID":"1","text":"Ann : the trains are late","type":"L"},
 {"nodeID":"2","text":"the trains are late","type":"I"},
 {"nodeID":"3","text":"Asserting","type":"YA"}],
"edges":[{"edgeID":"1","fromID":"1","toID":"3"},{"edgeID":"2","fromID":"3","toID":"2"},
 {"edgeID":"3","fromID":"2","toID":"3"}]}"#;
    let store = loaded(json);
    assert_eq!(
        select(
            &store,
            "SELECT ?from ?to WHERE { ?y a cg:Illocution ; cg:locution/dcterms:identifier ?from ;
               cg:content/dcterms:identifier ?to }"
        ),
        ["\"1\" \"2\""],
        "one act, from the locution to the proposition"
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?id WHERE { ?q cg:expresses/dcterms:identifier ?id }"
        ),
        ["\"2\""]
    );
    let (back, _) = Map::from_store(&store).unwrap();
    assert_eq!(
        edges(&back),
        BTreeSet::from([("1".into(), "3".into()), ("3".into(), "2".into())]),
        "the edge drawn back is not written"
    );
    let read = Map::from_json("map.json", json.as_bytes()).unwrap();
    assert_eq!(back.outline(), read.outline());
}

#[test]
fn a_transition_may_lead_to_a_reply_of_several_locutions() {
    let json = r#"{"AIF":{"nodes":[
 {"nodeID":1,"text":"Ann: schools should reopen","type":"L"},
 {"nodeID":2,"text":"Ann: children are missing out","type":"L"},
 {"nodeID":3,"text":"Ann: parents cannot work","type":"L"},
 {"nodeID":4,"text":"schools should reopen","type":"I"},
 {"nodeID":5,"text":"children are missing out","type":"I"},
 {"nodeID":6,"text":"parents cannot work","type":"I"},
 {"nodeID":7,"text":"Asserting","type":"YA"},
 {"nodeID":8,"text":"Asserting","type":"YA"},
 {"nodeID":9,"text":"Asserting","type":"YA"},
 {"nodeID":10,"text":"Default Transition","type":"TA"},
 {"nodeID":11,"text":"Default Inference","type":"RA"},
 {"nodeID":12,"text":"Arguing","type":"YA"}],
 "edges":[
 {"edgeID":1,"fromID":1,"toID":7},{"edgeID":2,"fromID":7,"toID":4},
 {"edgeID":3,"fromID":2,"toID":8},{"edgeID":4,"fromID":8,"toID":5},
 {"edgeID":5,"fromID":3,"toID":9},{"edgeID":6,"fromID":9,"toID":6},
 {"edgeID":7,"fromID":1,"toID":10},{"edgeID":8,"fromID":10,"toID":2},{"edgeID":9,"fromID":10,"toID":3},
 {"edgeID":10,"fromID":5,"toID":11},{"edgeID":11,"fromID":6,"toID":11},{"edgeID":12,"fromID":11,"toID":4},
 {"edgeID":13,"fromID":10,"toID":12},{"edgeID":14,"fromID":12,"toID":11}]}}"#;
    let store = loaded(json);
    assert_eq!(
        select(
            &store,
            "SELECT ?t ?from ?to WHERE { ?n a cg:Transition ; dcterms:identifier ?t ;
               cg:fromLocution/dcterms:identifier ?from ; cg:toLocution/dcterms:identifier ?to }"
        ),
        ["\"10\" \"1\" \"2\"", "\"10\" \"1\" \"3\""],
        "one transition, to both locutions of the reply"
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?force ?kind WHERE { ?y cg:locution/dcterms:identifier \"10\" ;
               cg:illocution ?force ; cg:content/a ?kind }"
        ),
        ["\"Arguing\" <https://w3id.org/claimgraph/ns#Support>"],
        "the act is performed once, by the whole move"
    );
    let (back, _) = Map::from_store(&store).unwrap();
    let read = Map::from_json("map.json", json.as_bytes()).unwrap();
    assert_eq!(back.outline(), read.outline());
    let message = error(&json.replace(
        r#"{"edgeID":8,"fromID":10,"toID":2},{"edgeID":9,"fromID":10,"toID":3},"#,
        "",
    ));
    assert_eq!(
        message,
        "map.json: TA node 10: a transition leads from at least one locution (it has 1) to at \
         least one (it has 0)"
    );
}

#[test]
fn a_relation_pointing_at_an_analysts_copy_keeps_its_conclusion_and_names_the_analyst() {
    let json = r#"{"nodes":[
 {"nodeID":"1","text":"Bob : schools should reopen","type":"L"},
 {"nodeID":"2","text":"schools should reopen","type":"I"},
 {"nodeID":"3","text":"Asserting","type":"YA"},
 {"nodeID":"4","text":"children are missing out","type":"I"},
 {"nodeID":"5","text":"Default Inference","type":"RA"},
 {"nodeID":"6","text":"Kyle: Bob : schools should reopen","type":"L"},
 {"nodeID":"7","text":"parents cannot work","type":"I"}],
"edges":[{"edgeID":"1","fromID":"1","toID":"3"},{"edgeID":"2","fromID":"3","toID":"2"},
 {"edgeID":"3","fromID":"4","toID":"5"},{"edgeID":"4","fromID":"5","toID":"2"},
 {"edgeID":"5","fromID":"5","toID":"6"},{"edgeID":"6","fromID":"7","toID":"6"}]}"#;
    let store = loaded(json);
    assert_eq!(
        select(
            &store,
            "SELECT ?from ?to ?analyst WHERE { ?r a cg:Support ; cg:fromClaim/dcterms:identifier ?from ;
               cg:toClaim/dcterms:identifier ?to ; cg:interpretedBy/rdfs:label ?analyst }"
        ),
        ["\"4\" \"2\" \"Kyle\"@en"]
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?id WHERE { ?n dcterms:identifier ?id FILTER(?id = \"6\") }"
        ),
        Vec::<String>::new(),
        "the copy is not a locution of the dialogue"
    );
    let (back, _) = Map::from_store(&store).unwrap();
    let read = Map::from_json("map.json", json.as_bytes()).unwrap();
    assert_eq!(back.outline(), read.outline());
    // Onto the locution that was spoken, the same edge is a second conclusion: a locution that
    // is said is a proposition, not a copy set aside.
    let message = error(&json.replace(
        r#"{"edgeID":"5","fromID":"5","toID":"6"}"#,
        r#"{"edgeID":"5","fromID":"5","toID":"1"}"#,
    ));
    assert_eq!(
        message,
        "map.json: RA node 5: a relation has exactly one conclusion; this one has 2: I node 2, \
         L node 1"
    );
}

/// A locution joined by a relation, read as AIF+ reads it: an L-node is a kind of I-node whose
/// content is that it was said, so an inference from it, a rephrase of it and a conflict with it
/// are responses to or from the claim that it was said, in its words.
#[test]
fn a_locution_that_a_relation_joins_is_the_claim_that_it_was_said() {
    // A conflict drawn to a reported locution (OVA3 lets an analyst draw it), and a
    // rephrase drawn from a reply (QT30 has both).
    let json = r#"{"AIF": {"nodes": [
  {"nodeID": 1, "text": "Mia: Bob said we would have a deal", "type": "L"},
  {"nodeID": 2, "text": "Bob: we would have a deal", "type": "L"},
  {"nodeID": 3, "text": "Asserting", "type": "YA"},
  {"nodeID": 4, "text": "Ann: we have no deal", "type": "L"},
  {"nodeID": 5, "text": "we have no deal", "type": "I"},
  {"nodeID": 6, "text": "Asserting", "type": "YA"},
  {"nodeID": 7, "text": "Default Conflict", "type": "CA"},
  {"nodeID": 8, "text": "Default Transition", "type": "TA"},
  {"nodeID": 9, "text": "Mia : No", "type": "L"},
  {"nodeID": 10, "text": "Mia does not agree that there is no deal", "type": "I"},
  {"nodeID": 11, "text": "Default Rephrase", "type": "MA"}],
 "edges": [
  {"edgeID": 1, "fromID": 1, "toID": 3},
  {"edgeID": 2, "fromID": 3, "toID": 2},
  {"edgeID": 3, "fromID": 4, "toID": 6},
  {"edgeID": 4, "fromID": 6, "toID": 5},
  {"edgeID": 5, "fromID": 5, "toID": 7},
  {"edgeID": 6, "fromID": 7, "toID": 2},
  {"edgeID": 7, "fromID": 4, "toID": 8},
  {"edgeID": 8, "fromID": 8, "toID": 9},
  {"edgeID": 9, "fromID": 9, "toID": 11},
  {"edgeID": 10, "fromID": 11, "toID": 10}]},
 "text": "", "OVA": {"nodes": [], "edges": []}}"#;
    let store = loaded(json);
    assert_eq!(
        select(
            &store,
            "SELECT ?kind ?from ?to WHERE { ?r cg:fromClaim/dcterms:identifier ?from ;
               cg:toClaim/dcterms:identifier ?to ; a ?kind FILTER(?kind IN (cg:Rebuttal, cg:Rephrase)) }"
        ),
        [
            "<https://w3id.org/claimgraph/ns#Rebuttal> \"5\" \"2\"",
            "<https://w3id.org/claimgraph/ns#Rephrase> \"9\" \"10\"",
        ]
    );
    // Each stays the locution it was: who said it, who reported it, which reply it was.
    assert_eq!(
        select(
            &store,
            "SELECT ?id ?statement ?speaker WHERE { ?l a cg:Claim, cg:Locution ;
               dcterms:identifier ?id ; cg:statement ?statement ; cg:speaker/rdfs:label ?speaker }"
        ),
        [
            "\"2\" \"Bob: we would have a deal\"@en \"Bob\"@en",
            "\"9\" \"Mia : No\"@en \"Mia\"@en",
        ]
    );
    assert_eq!(
        select(
            &store,
            "SELECT ?id WHERE { ?l cg:reports/dcterms:identifier ?id }"
        ),
        ["\"2\""]
    );
    let (back, _) = Map::from_store(&store).unwrap();
    let read = Map::from_json("map.json", json.as_bytes()).unwrap();
    assert_eq!(back.outline(), read.outline());
    assert!(
        back.nodes.iter().filter(|n| n.node_id.0 == "2").count() == 1,
        "one L-node, not an I-node beside it"
    );
}
