use super::*;
use crate::ingest::{Format, Source};
use crate::query::{self, QueryOutput};
use crate::store::ClaimStore;
use oxigraph::model::NamedNodeRef;

const GRAPH: &str = "https://example.org/checks";

fn read_all(json: &str) -> Result<Read, SourceError> {
    read(
        "checks.json",
        json.as_bytes(),
        &NamedNode::new_unchecked(GRAPH),
        "en",
    )
}

/// The reason the one record of `record` (a JSON object) is left out, with a sound record
/// beside it so that the file loads.
fn left_out(record: &str) -> String {
    let json = format!("[{SOUND}, {record}]");
    let read = read_all(&json).unwrap();
    assert_eq!(read.skipped.len(), 1, "{json}");
    read.skipped[0].reason.clone()
}

const SOUND: &str = r#"{
  "@context": "https://schema.org",
  "@type": "ClaimReview",
  "url": "https://checks.example/moon",
  "datePublished": "2024-03-01",
  "claimReviewed": "The moon is made of cheese.",
  "image": {"@type": "ImageObject", "url": "https://checks.example.org/images/moon.jpg"},
  "itemReviewed": {
    "@type": "Claim",
    "url": "https://claims.example.org/moon-cheese",
    "author": {"@type": "Person", "name": "A. Claimant"},
    "datePublished": "2024-02-27T10:00:00Z",
    "appearance": [{"@type": "CreativeWork", "url": "https://social.example/post/1"}, "https://social.example/post/2"],
    "firstAppearance": {"@type": "CreativeWork", "url": "https://social.example/post/1"}
  },
  "author": {"@type": "Organization", "name": "Checkers", "url": "https://checks.example/"},
  "sdPublisher": {"@type": "Organization", "name": "Markup Tool", "url": "https://tool.example.org/"},
  "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": 5, "worstRating": 1, "alternateName": "False",
    "ratingExplanation": "No sample of the moon brought back held any milk."}
}"#;

fn rows(store: &ClaimStore, sparql: &str) -> Vec<String> {
    let QueryOutput::Solutions { rows, .. } = query::run(store, "test", sparql).unwrap() else {
        panic!("not a SELECT")
    };
    let mut rows: Vec<String> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|(_, t)| t.to_string().replace(&format!("{GRAPH}#"), ""))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    rows.sort();
    rows
}

/// An in-memory store holding what `json` reads to, loaded only if it conforms to the shapes.
fn loaded(json: &str) -> ClaimStore {
    let source = Source::from_bytes(
        "checks.json",
        json.as_bytes().to_vec(),
        Format::ClaimReview,
        GRAPH,
    )
    .unwrap();
    let (store, report) = ClaimStore::validated_load(&[source]);
    report.unwrap();
    store
}

/// The objects of `predicate` in the quads of `json`'s one sound record, sorted.
fn objects(json: &str, predicate: NamedNodeRef<'_>) -> Vec<String> {
    let read = read_all(json).unwrap();
    assert!(read.skipped.is_empty(), "{json}: {:?}", read.skipped);
    let mut found: Vec<String> = read
        .quads
        .iter()
        .filter(|q| q.predicate == predicate)
        .map(|q| q.object.to_string())
        .collect();
    found.sort();
    found
}

#[test]
fn a_record_maps_to_claim_actors_verdict_and_review_and_conforms() {
    let store = loaded(SOUND);
    assert_eq!(
        rows(
            &store,
            "SELECT ?claim ?said ?who ?checker ?words ?value WHERE {
               ?review a cg:FactCheck ; cg:toClaim ?c ; cg:fromClaim ?v ; cg:interpretedBy ?k ;
                       schema:reviewRating [ schema:alternateName ?words ; schema:ratingValue ?value ] .
               ?c cg:statement ?claim ; cg:claimant/rdfs:label ?who .
               ?v cg:statement ?said ; cg:claimant ?k . ?k rdfs:label ?checker }"
        ),
        ["\"The moon is made of cheese.\"@und \"False\"@und \"A. Claimant\"@und \"Checkers\"@und \"False\"@und \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"]
    );
    assert_eq!(
        rows(
            &store,
            "SELECT ?p ?o WHERE { ?s ?p ?o FILTER(?p IN (schema:url, schema:datePublished, schema:appearance, schema:firstAppearance)) }"
        ),
        [
            "<https://schema.org/appearance> <https://social.example/post/1>",
            "<https://schema.org/appearance> <https://social.example/post/2>",
            "<https://schema.org/datePublished> \"2024-02-27T10:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
            "<https://schema.org/datePublished> \"2024-03-01\"^^<http://www.w3.org/2001/XMLSchema#date>",
            "<https://schema.org/firstAppearance> <https://social.example/post/1>",
            "<https://schema.org/url> <https://checks.example/>",
            "<https://schema.org/url> <https://checks.example/moon>",
            "<https://schema.org/url> <https://claims.example.org/moon-cheese>",
            "<https://schema.org/url> <https://tool.example.org/>",
        ]
    );
    assert_eq!(
        rows(
            &store,
            "SELECT ?a ?type WHERE { ?a a ?type FILTER(?type IN (cg:Person, cg:Organisation)) }"
        ),
        [
            "<actor-A.%20Claimant> <https://w3id.org/claimgraph/ns#Person>",
            "<actor-Checkers> <https://w3id.org/claimgraph/ns#Organisation>",
            "<actor-Markup%20Tool> <https://w3id.org/claimgraph/ns#Organisation>",
        ]
    );
}

#[test]
fn the_explanation_image_publisher_and_item_address_are_kept_for_sparql() {
    let store = loaded(SOUND);
    assert_eq!(
        rows(
            &store,
            "SELECT ?explanation ?image ?publisher ?site ?item WHERE {
               ?review a cg:FactCheck ; schema:reviewRating/schema:ratingExplanation ?explanation ;
                       schema:image ?image ; schema:sdPublisher ?p ; cg:toClaim/schema:url ?item .
               ?p a cg:Organisation ; rdfs:label ?publisher ; schema:url ?site }"
        ),
        ["\"No sample of the moon brought back held any milk.\"@und <https://checks.example.org/images/moon.jpg> \"Markup Tool\"@und <https://tool.example.org/> <https://claims.example.org/moon-cheese>"]
    );
    assert_eq!(
        rows(
            &store,
            "SELECT ?reader ?sayer WHERE { ?review a cg:FactCheck ; cg:interpretedBy/rdfs:label ?reader ;
                                                  cg:fromClaim/cg:claimant/rdfs:label ?sayer }"
        ),
        ["\"Checkers\"@und \"Checkers\"@und"],
        "the publisher of the markup neither reads nor says the verdict"
    );
}

#[test]
fn images_publishers_and_explanations_are_read_as_publishers_write_them() {
    let image = r#"{"@type": "ImageObject", "url": "https://checks.example.org/images/moon.jpg"}"#;
    let images = |given: &str| {
        objects(
            &SOUND.replacen(image, given, 1),
            crate::vocab::external::SCHEMA_IMAGE,
        )
    };
    assert_eq!(
        images(r#""https://checks.example.org/a.jpg""#),
        ["<https://checks.example.org/a.jpg>"]
    );
    assert_eq!(
        images(
            r#"["https://checks.example.org/a.jpg", {"@type": "ImageObject", "contentUrl": "https://checks.example.org/b.jpg"}]"#
        ),
        [
            "<https://checks.example.org/a.jpg>",
            "<https://checks.example.org/b.jpg>"
        ]
    );
    // The contentUrl is the image itself; an ImageObject's url may be a page that shows it.
    assert_eq!(
        images(
            r#"{"@type": "ImageObject", "url": "https://checks.example.org/moon", "contentUrl": "https://checks.example.org/moon.jpg"}"#
        ),
        ["<https://checks.example.org/moon.jpg>"]
    );
    // A node of the page's @graph, by the IRI JSON-LD gives it.
    assert_eq!(
        images(r#"{"@id": "https://checks.example.org/moon#primaryimage"}"#),
        ["<https://checks.example.org/moon#primaryimage>"]
    );
    assert!(images(r#""""#).is_empty());
    assert!(images("[]").is_empty());

    let publisher =
        r#"{"@type": "Organization", "name": "Markup Tool", "url": "https://tool.example.org/"}"#;
    let publishers = |given: &str| {
        rows(
            &loaded(&SOUND.replacen(publisher, given, 1)),
            "SELECT ?publisher ?type WHERE { ?review schema:sdPublisher ?publisher . ?publisher a ?type }",
        )
    };
    assert_eq!(
        publishers(r#""Markup Tool""#),
        ["<actor-Markup%20Tool> <https://w3id.org/claimgraph/ns#Actor>"]
    );
    assert_eq!(
        publishers(r#"[{"@type": "Person", "name": "P. Marker"}]"#),
        ["<actor-P.%20Marker> <https://w3id.org/claimgraph/ns#Person>"]
    );
    assert_eq!(
        publishers(r#"{"@type": "Organization", "name": "Checkers"}"#),
        ["<actor-Checkers> <https://w3id.org/claimgraph/ns#Organisation>"],
        "a fact-checker publishing its own markup is one actor"
    );
    assert!(publishers(r#""""#).is_empty());

    let explanation = "\"No sample of the moon brought back held any milk.\"";
    let explanations =
        |record: &str| objects(record, crate::vocab::external::SCHEMA_RATING_EXPLANATION);
    assert_eq!(
        explanations(&SOUND.replace(
            "\"@context\": \"https://schema.org\",",
            "\"inLanguage\": \"fr\","
        )),
        [format!("{explanation}@fr")]
    );
    assert!(explanations(&SOUND.replacen(explanation, "\" \"", 1)).is_empty());
}

#[test]
fn a_malformed_explanation_image_publisher_or_item_address_leaves_its_record_out() {
    let with = |from: &str, to: &str| {
        assert!(SOUND.contains(from), "{from}");
        SOUND.replacen(from, to, 1)
    };
    let image = r#"{"@type": "ImageObject", "url": "https://checks.example.org/images/moon.jpg"}"#;
    let publisher =
        r#"{"@type": "Organization", "name": "Markup Tool", "url": "https://tool.example.org/"}"#;
    let explanation = "\"No sample of the moon brought back held any milk.\"";
    let item_url = "\"https://claims.example.org/moon-cheese\"";
    let no_image = "image is an object with neither a url nor a contentUrl";
    let no_name = "sdPublisher has no name: who published the structured data cannot be said";
    let cases = [
        (
            with(image, r#"{"@type": "ImageObject", "caption": "The moon"}"#),
            no_image,
        ),
        (
            with(
                image,
                r##"["https://checks.example.org/a.jpg", {"@id": "#primaryimage"}]"##,
            ),
            // Relative to the page's address, which a record read offline does not have.
            "image's @id \"#primaryimage\" is not an IRI",
        ),
        (
            with(image, "42"),
            "image is a number, not an address or an ImageObject",
        ),
        (
            with(image, r#""moon.jpg""#),
            "image \"moon.jpg\" is not an IRI",
        ),
        (
            with(image, r#"{"contentUrl": "a moon"}"#),
            "image's contentUrl \"a moon\" is not an IRI",
        ),
        (
            with(
                publisher,
                r#"{"@type": "Organization", "url": "https://tool.example.org/"}"#,
            ),
            no_name,
        ),
        (
            with(publisher, r#"{"@type": "Organization", "name": " "}"#),
            no_name,
        ),
        (
            with(publisher, r#"["Markup Tool", "Feed Tool"]"#),
            "sdPublisher names 2 actors; claimgraph keeps one",
        ),
        (
            with(publisher, "true"),
            "sdPublisher is a boolean, not an actor",
        ),
        (
            with(explanation, r#"["No milk.", "No cheese."]"#),
            "ratingExplanation is a list, not a text",
        ),
        (
            with(explanation, r#"{"@value": "No milk."}"#),
            "ratingExplanation is an object, not a text",
        ),
        (
            with(explanation, "0"),
            "ratingExplanation is a number, not a text",
        ),
        (
            with(item_url, r#""moon cheese""#),
            "itemReviewed's url \"moon cheese\" is not an IRI",
        ),
        (
            with(item_url, r#"["https://claims.example.org/1"]"#),
            "itemReviewed's url is a list, not an address",
        ),
    ];
    let json = format!(
        "[{SOUND},\n{}]",
        cases
            .iter()
            .map(|(record, _)| record.as_str())
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let read = read_all(&json).unwrap();
    // Every record is as many lines long as SOUND, each starting a line.
    let lines = SOUND.lines().count() as u64;
    assert_eq!(
        read.skipped
            .iter()
            .map(|s| (s.pointer.clone(), s.location, s.reason.clone()))
            .collect::<Vec<_>>(),
        cases
            .iter()
            .zip(1..)
            .map(|((_, reason), n)| (
                format!("/{n}"),
                Some((n * lines + 1, 1)),
                reason.to_string()
            ))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        read.skipped[0].message("checks.json"),
        format!(
            "checks.json:{}:1: record /1 left out: {no_image}",
            lines + 1
        )
    );
    let reviews = read
        .quads
        .iter()
        .filter(|q| q.object == crate::vocab::class::FACT_CHECK.into())
        .count();
    assert_eq!(reviews, 1, "only the sound record is written");
}

#[test]
fn records_are_found_in_lists_graphs_and_feeds() {
    let feed = format!(
        r#"{{"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [
  {{"@type": "DataFeedItem", "item": null}},
  {{"@type": "DataFeedItem", "item": [{SOUND}, {SOUND}]}},
  {{"@type": "DataFeedItem", "item": {SOUND}}},
  {SOUND}]}}"#
    );
    let read = read_all(&feed).unwrap();
    assert_eq!(
        read.skipped
            .iter()
            .map(|s| s.pointer.as_str())
            .collect::<Vec<_>>(),
        ["/dataFeedElement/0/item"]
    );
    assert_eq!(read.skipped[0].location, Some((2, 37)));
    assert_eq!(
        read.skipped[0].reason,
        "a record is a JSON object, not null"
    );
    let reviews = |read: &Read| {
        read.quads
            .iter()
            .filter(|q| q.object == crate::vocab::class::FACT_CHECK.into())
            .count()
    };
    assert_eq!(reviews(&read), 4);
    let graph = read_all(&format!(r#"{{"@graph": [{SOUND}, {SOUND}]}}"#)).unwrap();
    assert_eq!((reviews(&graph), graph.skipped.len()), (2, 0));
    assert!(holds_reviews(feed.as_bytes()));
    assert!(holds_reviews(SOUND.as_bytes()));
    assert!(!holds_reviews(
        br#"{"nodes": [{"nodeID": "1", "text": "ClaimReview", "type": "I"}], "edges": []}"#
    ));
}

#[test]
fn type_means_at_type_as_schema_org_says() {
    let record = SOUND.replace("\"@type\": \"ClaimReview\"", "\"type\": \"ClaimReview\"");
    assert!(read_all(&record).unwrap().skipped.is_empty());
}

#[test]
fn broken_records_are_left_out_with_the_rule_they_break() {
    let with = |from: &str, to: &str| {
        assert!(SOUND.contains(from), "{from}");
        SOUND.replacen(from, to, 1)
    };
    for (record, reason) in [
        (with("\"@type\": \"ClaimReview\",", ""), "it has no @type: it does not say it is a ClaimReview".to_owned()),
        (with("\"ClaimReview\"", "\"Review\""), "its type is \"Review\", not ClaimReview".into()),
        (with("\"author\": {\"@type\": \"Organization\", \"name\": \"Checkers\", \"url\": \"https://checks.example/\"},", ""), "no author: whose verdict it is cannot be said".into()),
        (with("\"claimReviewed\": \"The moon is made of cheese.\",", ""), "no claimReviewed: which claim it reviews is not said".into()),
        (with("\"ratingValue\": \"1\"", "\"ratingValue\": \"5\""), "ratingValue 5 on a scale from 1 to 5 says true, its alternateName \"False\" the opposite".into()),
        (with("\"ratingValue\": \"1\"", "\"ratingValue\": 7"), "ratingValue 7 is outside its scale, 1 to 5".into()),
        (with("\"ratingValue\": \"1\"", "\"ratingValue\": \"one\""), "ratingValue \"one\" is not a number".into()),
        (with("\"bestRating\": 5", "\"bestRating\": 1"), "bestRating 1 is not above worstRating 1".into()),
        (with("\"datePublished\": \"2024-03-01\"", "\"datePublished\": \"March 2024\""), "datePublished \"March 2024\" is not a date".into()),
        (with("\"url\": \"https://checks.example/moon\"", "\"url\": \"not a url\""), "url \"not a url\" is not an IRI".into()),
        (with("{\"@type\": \"Person\", \"name\": \"A. Claimant\"}", "[\"A\", \"B\"]"), "itemReviewed's author names 2 actors; claimgraph keeps one".into()),
        (with("\"reviewRating\"", "\"rating\""), "no reviewRating: the verdict is not said".into()),
        (with("\"@context\": \"https://schema.org\",", "\"inLanguage\": \"not a tag!\","), "inLanguage \"not a tag!\" is not a BCP 47 language tag".into()),
    ] {
        assert_eq!(left_out(&record), reason, "{record}");
    }
}

#[test]
fn words_that_say_nothing_plain_are_not_judged_against_the_value() {
    let record = SOUND
        .replace("\"ratingValue\": \"1\"", "\"ratingValue\": 5")
        .replace("\"False\"", "\"Misleading\"");
    assert!(read_all(&record).unwrap().skipped.is_empty());
    let missing_claimant = SOUND.replace(
        "\"author\": {\"@type\": \"Person\", \"name\": \"A. Claimant\"},",
        "",
    );
    let read = read_all(&missing_claimant).unwrap();
    assert!(read.skipped.is_empty());
    assert!(!read
        .quads
        .iter()
        .any(|q| q.predicate == crate::vocab::property::CLAIMANT
            && q.subject.to_string().contains("claim-0")));
}

/// The `xsd` literal a record's `datePublished` becomes when it is written `text`.
fn published(text: &str) -> String {
    let record = SOUND.replace("\"2024-03-01\"", &format!("{text:?}"));
    let read = read_all(&record).unwrap();
    assert!(read.skipped.is_empty(), "{text}: {:?}", read.skipped);
    read.quads
        .iter()
        .find(|q| {
            q.predicate == crate::vocab::external::SCHEMA_DATE_PUBLISHED
                && q.subject.to_string().contains("review-0")
        })
        .map(|q| q.object.to_string())
        .unwrap()
}

#[test]
fn dates_and_times_are_read_in_the_iso_spellings_pages_carry() {
    let date_time =
        |lexical: &str| format!("\"{lexical}\"^^<http://www.w3.org/2001/XMLSchema#dateTime>");
    for (given, read) in [
        ("2021-01-05 05:00", "2021-01-05T05:00:00"),
        ("2021-01-05 05:00:30", "2021-01-05T05:00:30"),
        ("2021-01-05T05:00", "2021-01-05T05:00:00"),
        ("2021-01-05T05:00+0530", "2021-01-05T05:00:00+05:30"),
        ("2021-01-05 05:00:00-0300", "2021-01-05T05:00:00-03:00"),
        ("2021-01-05T05:00:00Z", "2021-01-05T05:00:00Z"),
    ] {
        assert_eq!(published(given), date_time(read), "{given}");
    }
    for text in ["2021-01-05 5am", "2021-01-05 05:00+05", "05/01/2021 05:00"] {
        let record = SOUND.replace("\"2024-03-01\"", &format!("{text:?}"));
        assert_eq!(
            left_out(&record),
            format!("datePublished {text:?} is not a date")
        );
    }
}

#[test]
fn a_rating_number_left_blank_is_not_given() {
    let blank = SOUND
        .replace("\"ratingValue\": \"1\"", "\"ratingValue\": \"\"")
        .replace("\"bestRating\": 5", "\"bestRating\": \" \"");
    let read = read_all(&blank).unwrap();
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    assert!(!read.quads.iter().any(|q| {
        q.predicate == crate::vocab::external::SCHEMA_RATING_VALUE
            || q.predicate == crate::vocab::external::SCHEMA_BEST_RATING
    }));
    let nothing = blank.replace("\"alternateName\": \"False\"", "\"alternateName\": \"\"");
    assert_eq!(
        left_out(&nothing),
        "the reviewRating has neither a ratingValue nor an alternateName"
    );
}

#[test]
fn a_feed_of_other_reviews_is_read_as_fact_checks_and_each_named() {
    let feed = r#"{"@type": "DataFeed", "dataFeedElement": [
  {"@type": "DataFeedItem", "item": [{"@type": "MediaReview", "url": "https://checks.example/photo"}]}]}"#;
    assert!(holds_reviews(feed.as_bytes()));
    assert!(!holds_reviews(
        br#"{"nodes": [], "edges": [], "dataFeedElement": 1}"#
    ));
    assert_eq!(
        read_all(feed).unwrap_err().to_string(),
        "checks.json:2:38: record /dataFeedElement/0/item/0 left out: its type is \"MediaReview\", not ClaimReview; nothing to load"
    );
}

#[test]
fn a_file_without_a_sound_record_is_refused() {
    let broken = SOUND.replace("\"reviewRating\"", "\"rating\"");
    assert_eq!(
        read_all(&broken).unwrap_err().to_string(),
        "checks.json:1:1: the record left out: no reviewRating: the verdict is not said; nothing to load"
    );
    assert_eq!(
        read_all(&format!("[{broken},\n{broken}]")).unwrap_err().to_string(),
        "checks.json:1:2: record /0 left out: no reviewRating: the verdict is not said; nothing to load (and the 1 other records of the file)"
    );
    assert_eq!(
        read_all("{\"@type\": \"ClaimReview\",\n  \"claimReviewed\": }")
            .unwrap_err()
            .to_string(),
        "checks.json:2:20: expected value"
    );
    assert_eq!(
        read_all("[]").unwrap_err().to_string(),
        "checks.json: the file: holds no record: expected a ClaimReview, a list or @graph of them, or a DataFeed whose elements hold them"
    );
}

#[test]
fn the_shapes_hold_an_explanation_a_publisher_and_a_claims_address_to_one_each() {
    let turtle = r#"
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix : <https://example.org/checks#> .
:checker a cg:Organisation ; rdfs:label "Checkers"@en .
:tool a cg:Organisation ; rdfs:label "Markup Tool"@en .
:claim a cg:Claim ; cg:statement "A"@en ; rdfs:label "A"@en ;
    schema:url <https://claims.example.org/a> , <https://claims.example.org/b> .
:verdict a cg:Claim ; cg:statement "False"@en ; rdfs:label "False"@en .
:review a cg:FactCheck ; cg:fromClaim :verdict ; cg:toClaim :claim ; cg:interpretedBy :checker ;
    schema:reviewRating :rating ; schema:sdPublisher :tool , <https://tool.example.org/> .
:rating a schema:Rating ; schema:alternateName "False"@en ; schema:ratingExplanation "No milk." .
"#;
    let report = refused_by_the_shapes(turtle);
    let mut messages: Vec<String> = report.results.iter().map(|v| v.to_string()).collect();
    messages.sort();
    for (expected, count) in [
        ("a claim has at most one address of its own (schema:url)", 1),
        // Two publishers, one of them no actor.
        ("a fact check's structured data has at most one publisher (schema:sdPublisher), an actor", 2),
        ("a rating's explanation is one language-tagged text", 1),
    ] {
        assert_eq!(
            messages.iter().filter(|m| m.contains(expected)).count(),
            count,
            "{expected}: {messages:#?}"
        );
    }
    assert_eq!(messages.len(), 4, "{messages:#?}");
}

#[test]
fn the_shapes_refuse_a_rating_outside_its_scale_and_a_malformed_tree_path() {
    let turtle = r#"
@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix : <https://example.org/checks#> .
:checker a cg:Organisation ; rdfs:label "Checkers"@en .
:claim a cg:Claim ; cg:statement "A"@en ; rdfs:label "A"@en ; cg:treePath "1..2" .
:verdict a cg:Claim ; cg:statement "False"@en ; rdfs:label "False"@en .
:review a cg:FactCheck ; cg:fromClaim :verdict ; cg:toClaim :claim ; cg:interpretedBy :checker ;
    schema:reviewRating :rating .
:rating a schema:Rating ; schema:ratingValue 9 ; schema:bestRating 5 .
"#;
    let report = refused_by_the_shapes(turtle);
    let messages: Vec<String> = report.results.iter().map(|v| v.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("a rating's value is at most its bestRating")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("a tree path is one xsd:string of numbers separated by dots")),
        "{messages:#?}"
    );
}

/// The report of the shapes that refuse `turtle`, loaded validated into the fact checks' graph.
fn refused_by_the_shapes(turtle: &str) -> crate::validate::Report {
    let source = Source::from_bytes(
        "bad.ttl",
        turtle.as_bytes().to_vec(),
        oxigraph::io::RdfFormat::Turtle,
        GRAPH,
    )
    .unwrap();
    let error = ClaimStore::validated_load(&[source]).1.unwrap_err();
    let crate::LoadError::Invalid { report } = error else {
        panic!("not refused by the shapes: {error}")
    };
    report
}
