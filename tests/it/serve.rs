//! `serve`: the SPARQL 1.1 Protocol, spoken to the running binary by a real HTTP client, and
//! by SPARQLWrapper, a SPARQL client of its own.

use crate::support::{agent, repo_file, Env, Served};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

const ALLEGATIONS: &str = "SELECT ?a WHERE { ?a a cg:Allegation } ORDER BY ?a";
const ONTOLOGY: &str = "https://w3id.org/claimgraph/graph/ontology";
const METADATA: &str = "https://w3id.org/claimgraph/graph/metadata";
/// A cross product of the store with itself, twice: more than any time limit of a test allows,
/// counted or streamed.
const ENDLESS: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
/// The same counted: one row, after as long.
const SLOW: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// Status, content type (without parameters) and body of a response.
type Reply = (u16, String, String);

fn reply(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut response = response.expect("the server answers");
    let media = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .to_owned();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    (response.status().as_u16(), media, body)
}

fn get(served: &Served, query: &str, accept: Option<&str>) -> Reply {
    let mut request = agent().get(&served.endpoint).query("query", query);
    if let Some(accept) = accept {
        request = request.header("Accept", accept);
    }
    reply(request.call())
}

fn post(served: &Served, content_type: &str, body: &str) -> Reply {
    reply(
        agent()
            .post(&served.endpoint)
            .header("Content-Type", content_type)
            .send(body),
    )
}

fn update(served: &Served, text: &str) -> Reply {
    post(served, "application/sparql-update", text)
}

fn ask(served: &Served, query: &str) -> bool {
    let (status, _, body) = get(served, query, None);
    assert_eq!(status, 200, "{query}: {body}");
    serde_json::from_str::<Value>(&body).expect("SPARQL JSON results")["boolean"]
        .as_bool()
        .expect("a boolean")
}

fn count(served: &Served, query: &str) -> u64 {
    let (status, _, body) = get(served, query, None);
    assert_eq!(status, 200, "{query}: {body}");
    bindings(&body)[0]["n"]["value"]
        .as_str()
        .and_then(|n| n.parse().ok())
        .expect("a count")
}

/// Sends a GET of `query` on a connection of its own, and returns the connection unread.
fn raw_get(served: &Served, query: &str) -> TcpStream {
    let address = served
        .endpoint
        .trim_start_matches("http://")
        .trim_end_matches("/sparql");
    let mut stream = TcpStream::connect(address).expect("the server listens");
    write!(
        stream,
        "GET /sparql?query={} HTTP/1.1\r\nHost: {address}\r\nAccept: text/tab-separated-values\r\nConnection: close\r\n\r\n",
        encode(query)
    )
    .unwrap();
    stream
}

/// Asserts that the server uses next to no processor time over two seconds: no evaluation
/// goes on after its answer was given up. Linux counts it in /proc, in 1/100 s.
#[cfg(target_os = "linux")]
fn assert_idle(served: &Served) {
    let ticks = || {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", served.pid())).unwrap();
        // Past the command name, in parentheses: the state is field 3, utime and stime 14 and 15.
        let fields: Vec<u64> = stat[stat.rfind(')').unwrap() + 2..]
            .split(' ')
            .map(|field| field.parse().unwrap_or(0))
            .collect();
        fields[11] + fields[12]
    };
    let before = ticks();
    std::thread::sleep(Duration::from_secs(2));
    let used = ticks() - before;
    assert!(
        used < 40,
        "{used}/100 s of processor time in 2 s: still evaluating"
    );
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn bindings(json: &str) -> Vec<Value> {
    let json: Value = serde_json::from_str(json).expect("SPARQL JSON results");
    json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .clone()
}

#[test]
fn select_in_every_results_format_and_by_every_method() {
    let env = Env::initialised();
    let served = Served::start(&env, &[]);
    let expected: Vec<Value> = env
        .rows(&[ALLEGATIONS])
        .into_iter()
        .map(Value::Object)
        .collect();
    assert!(!expected.is_empty());

    let (status, media, body) = get(&served, ALLEGATIONS, None);
    assert_eq!(
        (status, media.as_str()),
        (200, "application/sparql-results+json")
    );
    assert_eq!(bindings(&body), expected);

    let by_form = post(
        &served,
        "application/x-www-form-urlencoded",
        &form(&[("query", ALLEGATIONS)]),
    );
    assert_eq!(by_form, (200, media.clone(), body.clone()));
    let direct = post(&served, "application/sparql-query", ALLEGATIONS);
    assert_eq!(direct, (200, media, body));

    for (accept, media, starts) in [
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<?xml",
        ),
        ("text/csv", "text/csv", "a\r\n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?a\n",
        ),
        ("application/json", "application/json", "{"),
    ] {
        let (status, got, body) = get(&served, ALLEGATIONS, Some(accept));
        assert_eq!((status, got.as_str()), (200, media), "{accept}: {body}");
        assert!(body.starts_with(starts), "{accept}: {body}");
        let rows = match media {
            "text/csv" | "text/tab-separated-values" => body.lines().count() - 1,
            "application/sparql-results+xml" => body.matches("<result>").count(),
            _ => bindings(&body).len(),
        };
        assert_eq!(rows, expected.len(), "{accept}: {body}");
    }
}

#[test]
fn ask_construct_and_describe() {
    let env = Env::initialised();
    let served = Served::start(&env, &[]);
    let (status, media, body) = get(&served, "ASK { ?s a cg:Allegation }", None);
    assert_eq!(
        (status, media.as_str()),
        (200, "application/sparql-results+json")
    );
    assert_eq!(body, r#"{"head":{},"boolean":true}"#);
    let (status, media, body) = get(&served, "ASK {}", Some("application/sparql-results+xml"));
    assert_eq!(
        (status, media.as_str()),
        (200, "application/sparql-results+xml")
    );
    assert!(body.contains("<boolean>true</boolean>"), "{body}");

    let construct = "CONSTRUCT { ?a a cg:Allegation } WHERE { ?a a cg:Allegation }";
    let (status, media, turtle) = get(&served, construct, None);
    assert_eq!((status, media.as_str()), (200, "text/turtle"));
    assert!(turtle.contains("cg:Allegation"), "{turtle}");
    let (status, media, ntriples) = get(&served, construct, Some("application/n-triples"));
    assert_eq!((status, media.as_str()), (200, "application/n-triples"));
    let (status, media, jsonld) = get(&served, construct, Some("application/ld+json"));
    assert_eq!((status, media.as_str()), (200, "application/ld+json"));
    let jsonld: Value = serde_json::from_str(&jsonld).expect("JSON-LD is JSON");
    assert!(jsonld.to_string().contains("Allegation"), "{jsonld}");
    let allegations = env.rows(&[ALLEGATIONS]).len();
    assert_eq!(ntriples.lines().count(), allegations, "{ntriples}");

    let describe = "DESCRIBE dist:c-distillation-attack";
    let (status, media, _) = get(&served, describe, Some("text/turtle"));
    assert_eq!((status, media.as_str()), (200, "text/turtle"));
}

#[test]
fn content_negotiation_weighs_q_values_and_says_406() {
    let env = Env::initialised();
    let served = Served::start(&env, &[]);
    let accept = "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1";
    assert_eq!(
        get(&served, ALLEGATIONS, Some(accept)).1,
        "application/sparql-results+xml"
    );
    let accept = "text/*;q=0.8, application/sparql-results+json;q=0.2";
    assert_eq!(get(&served, ALLEGATIONS, Some(accept)).1, "text/csv");
    let accept = "application/ld+json;q=0.3, text/turtle;q=0.2";
    let construct = "CONSTRUCT WHERE { ?a a cg:Allegation }";
    assert_eq!(
        get(&served, construct, Some(accept)).1,
        "application/ld+json"
    );

    assert_eq!(get(&served, ALLEGATIONS, Some("text/turtle")).0, 406);
    assert_eq!(
        get(&served, construct, Some("application/sparql-results+json")).0,
        406
    );
    assert_eq!(get(&served, ALLEGATIONS, Some("text/csv;q=0")).0, 406);
}

#[test]
fn protocol_errors_have_their_status_codes() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--max-body", "200"]);
    let (status, media, body) = get(&served, "SELECT ?s WHERE { ?s ", None);
    assert_eq!((status, media.as_str()), (400, "text/plain"), "{body}");
    assert!(body.contains("query:1:"), "{body}");
    assert_eq!(post(&served, "application/sparql-query", "SELEKT *").0, 400);
    assert_eq!(
        post(&served, "application/x-www-form-urlencoded", "nothing=here").0,
        400
    );
    let twice = format!(
        "{}&{}",
        form(&[("query", "ASK {}")]),
        form(&[("query", "ASK {}")])
    );
    assert_eq!(
        post(&served, "application/x-www-form-urlencoded", &twice).0,
        400
    );
    assert_eq!(post(&served, "text/plain", "ASK {}").0, 415);
    let large = format!("ASK {{}} # {}", "x".repeat(300));
    assert_eq!(post(&served, "application/sparql-query", &large).0, 413);
    let put = agent().put(&served.endpoint).send("ASK {}");
    assert_eq!(reply(put).0, 405);
    let elsewhere = served.endpoint.replace("/sparql", "/elsewhere");
    assert_eq!(reply(agent().get(&elsewhere).call()).0, 404);
    let bad_graph = agent()
        .get(&served.endpoint)
        .query("query", "ASK {}")
        .query("default-graph-uri", "not an iri")
        .call();
    assert_eq!(reply(bad_graph).0, 400);
}

#[test]
fn updates_load_and_service_are_refused() {
    let env = Env::initialised();
    let before = env.quad_count();
    let served = Served::start(&env, &[]);
    let insert = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }";
    assert_eq!(post(&served, "application/sparql-update", insert).0, 403);
    let by_form = form(&[("update", insert)]);
    assert_eq!(
        post(&served, "application/x-www-form-urlencoded", &by_form).0,
        403
    );
    let load = "LOAD <http://example.org/data.ttl>";
    assert_eq!(post(&served, "application/sparql-update", load).0, 403);
    // LOAD is no query: sent as one, it is a syntax error.
    assert_eq!(get(&served, load, None).0, 400);
    let service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }";
    let (status, _, body) = get(&served, service, None);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("SERVICE"), "{body}");
    drop(served);
    assert_eq!(env.quad_count(), before);
}

#[test]
fn the_dataset_can_be_given_with_the_request() {
    let env = Env::initialised();
    let served = Served::start(&env, &[]);
    let count = |pairs: &[(&str, &str)]| -> String {
        let mut request = agent().get(&served.endpoint);
        for (name, value) in pairs {
            request = request.query(*name, *value);
        }
        let (status, _, body) = reply(request.call());
        assert_eq!(status, 200, "{body}");
        bindings(&body)[0]["n"]["value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let allegations = "SELECT (COUNT(*) AS ?n) WHERE { ?a a cg:Allegation }";
    assert_ne!(count(&[("query", allegations)]), "0");
    // The ontology alone holds no allegation.
    assert_eq!(
        count(&[("query", allegations), ("default-graph-uri", ONTOLOGY)]),
        "0"
    );
    let graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    assert_eq!(
        count(&[("query", graphs), ("named-graph-uri", ONTOLOGY)]),
        "1"
    );
    // Given a dataset, the default graph is what default-graph-uri says: nothing here.
    assert_eq!(
        count(&[("query", allegations), ("named-graph-uri", ONTOLOGY)]),
        "0"
    );
}

#[test]
fn queries_past_the_time_limit_are_stopped() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--timeout", "1"]);
    let started = Instant::now();
    let (status, _, body) = get(&served, SLOW, None);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("time limit"), "{body}");
    // Left to run, SLOW counts some 10^10 rows, for hours: a minute tells a stopped query from
    // a finished one on a machine however busy (15 s was passed by 20 s beside a build).
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    // Stopped, not abandoned: nothing evaluates it any more.
    #[cfg(target_os = "linux")]
    assert_idle(&served);
    // The server is still there for the next query, at once.
    let started = Instant::now();
    assert_eq!(get(&served, "ASK {}", None).0, 200);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn a_client_that_goes_away_stops_its_query() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--timeout", "300"]);
    let mut stream = raw_get(&served, ENDLESS);
    let mut start = [0; 8192];
    stream.read_exact(&mut start).unwrap();
    assert!(start.starts_with(b"HTTP/1.1 200"));
    drop(stream);
    let started = Instant::now();
    while !served.log().contains("cut short: the client went away") {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no sign that the query stopped: {}",
            served.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    #[cfg(target_os = "linux")]
    assert_idle(&served);
    let started = Instant::now();
    assert_eq!(get(&served, "ASK {}", None).0, 200);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn past_the_connection_cap_clients_wait_their_turn() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--max-connections", "1", "--timeout", "2"]);
    let started = Instant::now();
    // The only connection, busy until its query reaches the time limit.
    let mut first = raw_get(&served, SLOW);
    let first = std::thread::spawn(move || {
        let mut answer = String::new();
        first.read_to_string(&mut answer).unwrap();
        answer
    });
    std::thread::sleep(Duration::from_millis(300));
    let (status, _, body) = get(&served, "ASK {}", None);
    let second = started.elapsed();
    let first = first.join().unwrap();
    assert!(first.starts_with("HTTP/1.1 503"), "{first}");
    // Served once the first connection had closed: not refused, not dropped.
    assert_eq!(status, 200, "{body}");
    assert!(
        second >= Duration::from_secs(2),
        "answered after {second:?}"
    );
}

#[test]
fn past_the_evaluation_cap_queries_wait_for_a_slot_up_to_the_time_limit() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--max-queries", "1", "--timeout", "2"]);
    // The one slot, held for as long as this client neither reads nor goes away: its query
    // thread is stuck writing results that nobody takes.
    let mut holder = raw_get(&served, ENDLESS);
    let mut start = [0; 8192];
    holder.read_exact(&mut start).unwrap();
    assert!(start.starts_with(b"HTTP/1.1 200"));

    let started = Instant::now();
    let mut refused = String::new();
    raw_get(&served, "ASK {}")
        .read_to_string(&mut refused)
        .unwrap();
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
    assert!(
        refused.to_lowercase().contains("retry-after: 5"),
        "{refused}"
    );
    assert!(refused.contains("busy"), "{refused}");
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "waited the time limit for a slot, not {:?}",
        started.elapsed()
    );

    // A query that waits gets the slot as soon as it is given back. Its clock starts before
    // the thread does, since the slot is given back 500 ms after the spawn, not after the
    // thread's first instruction (which once came late enough to read 499 ms).
    let waiting = {
        let endpoint = served.endpoint.clone();
        let started = Instant::now();
        std::thread::spawn(move || {
            let status = agent()
                .get(&endpoint)
                .query("query", "ASK {}")
                .call()
                .map(|r| r.status().as_u16());
            (status.unwrap(), started.elapsed())
        })
    };
    std::thread::sleep(Duration::from_millis(500));
    drop(holder);
    let (status, waited) = waiting.join().unwrap();
    assert_eq!(status, 200);
    assert!(waited >= Duration::from_millis(500), "{waited:?}");
}

#[test]
fn updates_land_when_allowed_and_the_metadata_graph_says_so() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--allow-update"]);
    let note = r#"<urn:ex:note> rdfs:label "a note"@en"#;
    let noted = format!("ASK {{ {note} }}");
    let described = format!(
        "ASK {{ GRAPH <{METADATA}> {{ ?d sd:name <urn:g:notes> ; void:triples 1 ; \
         dcterms:source \"SPARQL Update\" }} }}"
    );
    let (status, _, body) = update(
        &served,
        &format!("INSERT DATA {{ GRAPH <urn:g:notes> {{ {note} }} }}"),
    );
    assert_eq!((status, body.as_str()), (204, ""));
    assert!(ask(&served, &noted));
    assert!(ask(&served, &described));

    let delete = format!("DELETE DATA {{ GRAPH <urn:g:notes> {{ {note} }} }}");
    let by_form = form(&[("update", &delete)]);
    let (status, _, body) = post(&served, "application/x-www-form-urlencoded", &by_form);
    assert_eq!(status, 204, "{body}");
    assert!(!ask(&served, &noted));
    // An emptied graph is described no more.
    assert!(!ask(&served, &described));

    let (_, _, description) = reply(agent().get(&served.endpoint).call());
    assert!(description.contains("sd:SPARQL11Update"), "{description}");
    std::thread::sleep(Duration::from_millis(200));
    let log = served.log();
    assert!(
        log.lines()
            .any(|l| l.starts_with("POST /sparql 204 ") && l.ends_with(" 1 graph changed")),
        "{log}"
    );
}

#[test]
fn where_clauses_read_the_union_or_the_using_graphs() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--allow-update"]);
    let copy = "INSERT { GRAPH <urn:g:labels> { ?a rdfs:label ?l } } \
                WHERE { ?a a cg:Allegation ; rdfs:label ?l }";
    let copied = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:g:labels> { ?s ?p ?o } }";
    let labels = "SELECT (COUNT(*) AS ?n) WHERE { ?a a cg:Allegation ; rdfs:label ?l }";
    let direct = |pairs: &[(&str, &str)], text: &str| {
        let mut request = agent().post(&served.endpoint);
        for (name, value) in pairs {
            request = request.query(*name, *value);
        }
        reply(
            request
                .header("Content-Type", "application/sparql-update")
                .send(text),
        )
    };
    // The ontology alone holds no allegation: nothing to copy.
    let (status, _, body) = direct(&[("using-graph-uri", ONTOLOGY)], copy);
    assert_eq!(status, 204, "{body}");
    assert_eq!(count(&served, copied), 0);
    let both = form(&[("update", copy), ("using-named-graph-uri", ONTOLOGY)]);
    let (status, _, body) = post(&served, "application/x-www-form-urlencoded", &both);
    assert_eq!(status, 204, "{body}");
    assert_eq!(count(&served, copied), 0);
    // Given none, the union of every graph, as queries read it.
    let expected = count(&served, labels);
    assert!(expected > 0);
    assert_eq!(update(&served, copy).0, 204);
    assert_eq!(count(&served, copied), expected);

    // A dataset in the update and beside it is one too many.
    let with = "WITH <urn:g:labels> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }";
    let (status, _, body) = direct(&[("using-graph-uri", ONTOLOGY)], with);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("USING or WITH"), "{body}");
    // The query's parameters are not the update's.
    let (status, _, body) = direct(&[("default-graph-uri", ONTOLOGY)], copy);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("using-graph-uri"), "{body}");
    assert_eq!(count(&served, copied), expected);
}

#[test]
fn updates_that_would_break_the_store_are_refused_and_change_nothing() {
    let env = Env::initialised();
    let before = env.quad_count();
    let served = Served::start(&env, &["--allow-update"]);
    let refused = |text: &str, status: u16, says: &str| {
        let (got, _, body) = update(&served, text);
        assert_eq!(got, status, "{text}: {body}");
        assert!(body.contains(says), "{text}: {body}");
        body
    };
    refused(
        "INSERT DATA { GRAPH <urn:g:x> { <urn:ex:a> rdfs:label \"a\" ",
        400,
        "update:1:",
    );
    // Queries read the union of the named graphs: the default graph would hide a triple.
    refused(
        "INSERT DATA { <urn:ex:a> rdfs:label \"a\" }",
        400,
        "default graph",
    );
    refused("CLEAR DEFAULT", 400, "default graph");
    // The graphs claimgraph keeps itself, however an update reaches them.
    let metadata =
        format!("INSERT DATA {{ GRAPH <{METADATA}> {{ <urn:ex:a> rdfs:label \"a\" }} }}");
    refused(&metadata, 403, METADATA);
    refused(&format!("DROP GRAPH <{ONTOLOGY}>"), 403, ONTOLOGY);
    refused("CLEAR ALL", 403, "claimgraph keeps itself");
    refused(
        "DELETE WHERE { GRAPH ?g { ?s rdfs:label ?l } }",
        403,
        "claimgraph keeps itself",
    );
    // An allegation must accuse someone: the answer names the node and each rule it breaks.
    let body = refused(
        "INSERT DATA { GRAPH <urn:g:x> { <urn:ex:claim> a cg:Allegation } }",
        400,
        "of the shapes; nothing was updated",
    );
    let violations: Vec<&str> = body.lines().skip(1).collect();
    assert!(!violations.is_empty(), "{body}");
    assert!(
        violations.iter().all(|v| v.starts_with("<urn:ex:claim> ")),
        "{body}"
    );
    assert!(
        violations
            .iter()
            .any(|v| v.contains("accuses") && v.contains("MinCountConstraintComponent")),
        "{body}"
    );
    refused(
        "LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <urn:g:x>",
        403,
        "LOAD is not allowed",
    );
    refused(
        "INSERT { GRAPH <urn:g:x> { ?s ?p ?o } } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        403,
        "SERVICE is not allowed",
    );
    let by_get = agent()
        .get(&served.endpoint)
        .query("update", "CLEAR GRAPH <urn:g:x>")
        .call();
    assert_eq!(reply(by_get).0, 400);
    drop(served);
    assert_eq!(env.quad_count(), before);
}

#[test]
fn load_fetches_over_http_only_when_allowed() {
    let elsewhere = Env::initialised();
    let remote = Served::start(&elsewhere, &["--quiet"]);
    let document = format!(
        "{}?query={}",
        remote.endpoint,
        encode(r#"CONSTRUCT { <urn:ex:loaded> rdfs:label "loaded"@en } WHERE {}"#)
    );
    let load = format!("LOAD <{document}> INTO GRAPH <urn:g:loaded>");
    let env = Env::initialised();
    let output = env.cmd().args(["serve", "--allow-load"]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "--allow-load needs --allow-update"
    );

    let updates = Served::start(&env, &["--allow-update"]);
    assert_eq!(update(&updates, &load).0, 403);
    drop(updates);
    let loads = Served::start(&env, &["--allow-update", "--allow-load"]);
    let (status, _, body) = update(&loads, &load);
    assert_eq!(status, 204, "{body}");
    assert!(ask(
        &loads,
        r#"ASK { GRAPH <urn:g:loaded> { <urn:ex:loaded> rdfs:label "loaded"@en } }"#
    ));
}

#[test]
fn service_reaches_other_endpoints_only_when_allowed() {
    let elsewhere = Env::initialised();
    let there = elsewhere.write(
        "there.ttl",
        "<urn:ex:there> <http://www.w3.org/2000/01/rdf-schema#label> \"only there\"@en .\n",
    );
    elsewhere.cmd().arg("load").arg(&there).assert().success();
    let remote = Served::start(&elsewhere, &["--quiet"]);
    let federated = format!(
        "SELECT ?label WHERE {{ SERVICE <{}> {{ <urn:ex:there> rdfs:label ?label }} }}",
        remote.endpoint
    );
    let env = Env::initialised();
    let open = Served::start(&env, &["--allow-service"]);
    let (status, _, body) = get(&open, &federated, None);
    assert_eq!(status, 200, "{body}");
    let rows = bindings(&body);
    assert_eq!(rows.len(), 1, "{body}");
    assert_eq!(rows[0]["label"]["value"], "only there");
    assert!(
        !ask(&open, "ASK { <urn:ex:there> ?p ?o }"),
        "not in this store"
    );
    // An endpoint that does not answer is a bad gateway.
    let nobody = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }";
    assert_eq!(get(&open, nobody, None).0, 502);

    let closed = Served::start(&env, &[]);
    let (status, _, body) = get(&closed, &federated, None);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("SERVICE is not allowed"), "{body}");
}

#[test]
fn a_server_that_takes_updates_keeps_other_commands_out_and_says_which() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--allow-update"]);
    let writer = format!(
        "is in use by another process that writes to it (pid {}: claimgraph --store {} serve ",
        served.pid(),
        env.store().display()
    );
    let data = env.write("more.ttl", "<urn:a> <urn:b> <urn:c> .");
    for args in [&["query", "ASK {}"][..], &["load", data.to_str().unwrap()]] {
        let output = env.cmd().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(5), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&writer), "{args:?}: {stderr}");
        assert!(stderr.contains("--allow-update"), "{args:?}: {stderr}");
    }
    assert_eq!(get(&served, "ASK {}", None).0, 200);
    drop(served);
    env.cmd().args(["query", "ASK {}"]).assert().success();
}

#[test]
fn the_endpoint_describes_itself() {
    let env = Env::initialised();
    let served = Served::start(&env, &[]);
    let (status, media, body) = reply(agent().get(&served.endpoint).call());
    assert_eq!((status, media.as_str()), (200, "text/turtle"), "{body}");
    assert!(body.contains("sd:Service"), "{body}");
    assert!(
        body.contains(&format!("sd:endpoint <{}>", served.endpoint)),
        "{body}"
    );
    assert!(!body.contains("SPARQL11Update"), "{body}");
    let refused = agent()
        .get(&served.endpoint)
        .header("Accept", "text/csv")
        .call();
    assert_eq!(reply(refused).0, 406);
}

#[test]
fn cors_only_when_asked() {
    let env = Env::initialised();
    let closed = Served::start(&env, &[]);
    let response = agent()
        .get(&closed.endpoint)
        .query("query", "ASK {}")
        .call()
        .unwrap();
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    let open = Served::start(&env, &["--cors"]);
    let response = agent()
        .get(&open.endpoint)
        .query("query", "ASK {}")
        .call()
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
}

#[test]
fn readers_work_beside_the_server_and_writers_are_told_why_not() {
    let env = Env::initialised();
    let served = Served::start(&env, &[]);
    assert!(!env.rows(&[ALLEGATIONS]).is_empty());
    let data = env.write("more.ttl", "<urn:a> <urn:b> <urn:c> .");
    let output = env.cmd().arg("load").arg(&data).output().unwrap();
    assert_eq!(output.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is in use by another process"), "{stderr}");
    assert_eq!(get(&served, "ASK {}", None).0, 200);
}

#[test]
fn one_log_line_per_request_and_a_graceful_stop() {
    let env = Env::initialised();
    let served = Served::start(&env, &[]);
    get(&served, ALLEGATIONS, None);
    get(&served, "SELECT nonsense", None);
    let status = served_log_and_stop(served, |log| {
        let requests: Vec<&str> = log
            .lines()
            .filter(|l| l.starts_with("GET /sparql"))
            .collect();
        assert_eq!(requests.len(), 2, "{log}");
        assert!(
            requests[0].contains(" 200 ") && requests[0].contains("results"),
            "{log}"
        );
        assert!(requests[1].contains(" 400 "), "{log}");
    });
    assert!(status.success());

    let quiet = Served::start(&env, &["--quiet"]);
    get(&quiet, ALLEGATIONS, None);
    served_log_and_stop(quiet, |log| {
        assert!(!log.lines().any(|l| l.starts_with("GET")), "{log}");
    });
    // The store is as it was, and writers may have it again.
    env.cmd().arg("init").assert().success();
}

/// Checks the log once the request lines are written, then stops the server with SIGTERM.
fn served_log_and_stop(served: Served, check: impl Fn(&str)) -> std::process::ExitStatus {
    // The line of a streamed answer is written when its stream ends, just after the client
    // has read it.
    std::thread::sleep(Duration::from_millis(200));
    check(&served.log());
    let log = served.log.clone();
    let status = served.terminate();
    let text = std::fs::read_to_string(log).unwrap();
    assert!(text.trim_end().ends_with("stopped"), "{text}");
    status
}

#[test]
fn sparqlwrapper_gets_the_rows_of_every_named_query() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--quiet"]);
    let listed = String::from_utf8(env.stdout(["queries"])).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(repo_file("queries"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rq"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 5);
    let mut command = Command::new("python3");
    command
        .arg(repo_file("tests/sparql_client.py"))
        .arg(&served.endpoint);
    for name in &names {
        assert!(
            listed.contains(name.as_str()),
            "`queries` does not list {name}"
        );
        let path = repo_file(&format!("queries/{name}.rq"));
        command.arg(format!("{name}={}", path.display()));
    }
    let output = command.output().expect("python3 runs");
    assert!(
        output.status.success(),
        "SPARQLWrapper failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answers: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    for name in &names {
        let expected: Vec<Value> = env
            .rows(&["--named", name])
            .into_iter()
            .map(Value::Object)
            .collect();
        assert_eq!(answers[name].as_array().unwrap(), &expected, "{name}");
    }
}

/// A short, bounded run of `wrk` (the load generator the benchmarks use) against the endpoint,
/// with the benchmarks' own script: every request must be answered, none fail.
#[test]
fn a_bounded_load_run_with_wrk_has_no_errors() {
    let env = Env::initialised();
    let served = Served::start(&env, &[]);
    let output = Command::new("wrk")
        .args(["--threads", "2", "--connections", "8", "--duration", "3s"])
        .args(["--timeout", "30s", "--script"])
        .arg(repo_file("benches/wrk-sparql.lua"))
        .arg(&served.endpoint)
        .arg("--")
        .arg(repo_file("queries/responses.rq"))
        .output()
        .expect("wrk runs (scripts/install-deps --test installs it)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    let summary: std::collections::HashMap<&str, f64> = stdout
        .lines()
        .find_map(|line| line.strip_prefix("SERVE_BENCH "))
        .unwrap_or_else(|| panic!("no summary from wrk: {stdout}"))
        .split_whitespace()
        .filter_map(|pair| pair.split_once('='))
        .map(|(key, number)| (key, number.parse().expect("a number")))
        .collect();
    for errors in ["status_errors", "connect", "read", "write", "timeouts"] {
        assert_eq!(summary[errors], 0.0, "{errors}: {stdout}");
    }
    let requests = summary["requests"] as usize;
    assert!(requests > 0, "{stdout}");
    // The server saw each of them, and answered each in full.
    let log_file = served.log.clone();
    assert!(served.terminate().success());
    let log = std::fs::read_to_string(log_file).expect("the log");
    let answered = log
        .lines()
        .filter(|l| l.starts_with("POST /sparql 200 "))
        .count();
    assert!(
        answered >= requests,
        "{answered} logged, {requests} counted"
    );
    assert!(
        !log.lines().any(|l| l.starts_with("POST /sparql 5")),
        "{log}"
    );
}
