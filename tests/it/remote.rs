//! `--endpoint`: every command on a real SPARQL engine on loopback (Oxigraph's server, which
//! follows the standards, and Virtuoso, which does not in many ways), against the embedded
//! store on the same data: the same rows, the same traces and figures byte for byte, exports
//! isomorphic. Then the faults: an engine down, killed in the middle of a load, capping its
//! answers, refusing credentials, answering garbage, or slower than the time limit.

use crate::engines::{Engine, Kind, Limits};
use crate::support::{repo_file, Env};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The binary pointed at `engine` (and away from any store).
fn on(env: &Env, engine: &Engine) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.arg("--endpoint").arg(&engine.query);
    cmd.arg("--update-endpoint").arg(&engine.update);
    if let Some(store) = &engine.store {
        cmd.arg("--graph-store").arg(store);
    }
    if let Some((user, password)) = &engine.user {
        cmd.env("CLAIMGRAPH_USER", user)
            .env("CLAIMGRAPH_PASSWORD", password);
    }
    cmd
}

fn run_ok(mut cmd: assert_cmd::Command, args: &[&str]) -> Vec<u8> {
    let output = cmd.args(args).output().expect("the binary runs");
    assert!(
        output.status.success(),
        "claimgraph {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The named queries, by the names of their files.
fn named_queries() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo_file("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 9, "{names:?}");
    names
}

/// A query's rows as SPARQL JSON gives them, blank node labels (which no two stores share)
/// masked, in a canonical order.
fn rows(json: &[u8]) -> Vec<String> {
    let value: Value = serde_json::from_slice(json).expect("SPARQL JSON results");
    let mut rows: Vec<String> = value["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|row| {
            let mut row = row.clone();
            for (name, term) in row.as_object_mut().unwrap().iter_mut() {
                if term["type"] == "bnode" {
                    term["value"] = Value::from("_");
                }
                // GROUP_CONCAT has no order in SPARQL 1.1; `responses` sorts what it shows.
                if name == "popularity" {
                    let mut words: Vec<&str> =
                        term["value"].as_str().unwrap().split(", ").collect();
                    words.sort_unstable();
                    term["value"] = Value::from(words.join(", "));
                }
            }
            row.to_string()
        })
        .collect();
    rows.sort();
    rows
}

/// The data every comparison reads: the bundled controversy with the ontology and shapes, a
/// generated controversy, and a slice of the AIF corpus, each command run both ways.
fn load_both(local: &Env, remote: &Env, engine: &Engine) {
    let generated = local.path("generated.ttl");
    run_ok(
        local.cmd(),
        &[
            "generate",
            "--claims",
            "2000",
            "--seed",
            "7",
            "-o",
            generated.to_str().unwrap(),
        ],
    );
    let mut maps: Vec<PathBuf> = std::fs::read_dir(repo_file("data/aif-araucaria"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    maps.sort();
    maps.truncate(25);
    let mut load = vec!["load".to_owned(), "--lang".to_owned(), "en".to_owned()];
    load.push(generated.to_str().unwrap().to_owned());
    load.extend(maps.iter().map(|p| p.to_str().unwrap().to_owned()));
    let load: Vec<&str> = load.iter().map(String::as_str).collect();
    run_ok(local.cmd(), &["init"]);
    run_ok(local.cmd(), &load);
    run_ok(on(remote, engine), &["init"]);
    run_ok(on(remote, engine), &load);
}

/// `text` with every blank node label (`_:label`) made the same: no two stores share them.
fn blank_nodes_masked(text: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = &*text;
    while let Some(at) = rest.find("_:") {
        out.push_str(&rest[..at + 2]);
        rest = rest[at + 2..].trim_start_matches(|c: char| c.is_ascii_alphanumeric());
        out.push('b');
    }
    out.push_str(rest);
    out.into_bytes()
}

/// `text` with blank node labels masked and, since writers order blank nodes by their labels,
/// the JSON-LD node objects of Argdown's front matter (its `rdf:` line) sorted.
fn canonical(text: &[u8]) -> Vec<u8> {
    let masked = String::from_utf8(blank_nodes_masked(text)).unwrap();
    let mut out = String::with_capacity(masked.len());
    for line in masked.lines() {
        if line.starts_with("rdf: ") {
            // The separators between nodes go: which node comes last depends on the labels.
            let mut nodes: Vec<&str> = line
                .split("{\"@id\":")
                .map(|node| node.trim_end_matches([',', ']']))
                .collect();
            out.push_str(nodes.remove(0));
            nodes.sort_unstable();
            for node in nodes {
                out.push_str("\n{\"@id\":");
                out.push_str(node);
            }
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.into_bytes()
}

fn same_answers(engine: &Engine) {
    let (local, remote) = (Env::new(), Env::new());
    load_both(&local, &remote, engine);
    for name in named_queries() {
        // The answers are compared here, not their speed (`scripts/bench remote` times them):
        // no time limit, so that a busy machine cannot fail the comparison.
        let args = [
            "query",
            "--named",
            &name,
            "--format",
            "json",
            "--timeout",
            "0",
        ];
        let (here, there) = (
            rows(&run_ok(local.cmd(), &args)),
            rows(&run_ok(on(&remote, engine), &args)),
        );
        let only_here: Vec<&String> = here.iter().filter(|r| !there.contains(r)).collect();
        let only_there: Vec<&String> = there.iter().filter(|r| !here.contains(r)).collect();
        assert!(
            here == there,
            "named query {name} on {:?}: {} rows here, {} there\nonly here: {only_here:#?}\nonly there: {only_there:#?}",
            engine.kind,
            here.len(),
            there.len()
        );
    }
    for args in [
        &["responses"][..],
        &["trace", "--format", "json"],
        &["analyze", "--format", "json"],
        &["analyze", "--semantics", "preferred", "--format", "json"],
        &["export", "dot"],
        &["export", "argdown"],
        &["export", "aif"],
        &["trace", "--format", "json", "c12"],
        &["export", "dot", "--focus", "c12", "--depth", "2"],
    ] {
        let here = canonical(&run_ok(local.cmd(), args));
        let there = canonical(&run_ok(on(&remote, engine), args));
        if here != there {
            let (a, b) = (remote.path("embedded.out"), remote.path("engine.out"));
            std::fs::write(&a, &here).unwrap();
            std::fs::write(&b, &there).unwrap();
            let diff = Command::new("diff").arg(&a).arg(&b).output().unwrap();
            panic!(
                "{args:?} differs on {:?}:\n{}",
                engine.kind,
                String::from_utf8_lossy(&diff.stdout)
                    .chars()
                    .take(4000)
                    .collect::<String>()
            );
        }
    }
    // The graphs, each of the same size; their descriptions differ only in time.
    let graphs = |json: Vec<u8>| -> Vec<(String, u64)> {
        let value: Value = serde_json::from_slice(&json).unwrap();
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["graph"].as_str().unwrap().to_owned(),
                    g["triples"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let here = graphs(run_ok(local.cmd(), &["graphs", "--format", "json"]));
    let there = graphs(run_ok(on(&remote, engine), &["graphs", "--format", "json"]));
    assert_eq!(here, there, "graphs on {:?}", engine.kind);
    assert!(here.len() > 25, "{here:?}");
    // Every RDF export of the engine's data holds what the embedded store holds: checked by
    // rdflib on the bundled controversy (its blank nodes make isomorphism the test, and rdflib
    // takes minutes on larger graphs), and line by line, blank nodes masked, on everything.
    let data_graphs: Vec<&String> = here
        .iter()
        .map(|(g, _)| g)
        .filter(|g| !g.ends_with("/graph/metadata"))
        .collect();
    let lines = |nquads: Vec<u8>| -> Vec<String> {
        let masked = String::from_utf8(blank_nodes_masked(&nquads)).unwrap();
        let mut lines: Vec<String> = masked.lines().map(str::to_owned).collect();
        lines.sort_unstable();
        lines
    };
    let mut export = vec!["export".to_owned(), "nquads".to_owned()];
    for g in &data_graphs {
        export.push("--graph".to_owned());
        export.push((*g).clone());
    }
    let export: Vec<&str> = export.iter().map(String::as_str).collect();
    let everything = lines(run_ok(local.cmd(), &export));
    assert!(everything.len() > 30_000, "{}", everything.len());
    assert!(everything == lines(run_ok(on(&remote, engine), &export)));
    let bundled = [
        "export",
        "nquads",
        "--graph",
        "https://w3id.org/claimgraph/graph/distillation-attacks",
    ];
    let reference = local.path("reference.nq");
    std::fs::write(&reference, run_ok(local.cmd(), &bundled)).unwrap();
    let mut check = Command::new("python3");
    check.arg(repo_file("tests/isomorphic.py")).arg(&reference);
    for format in ["nquads", "trig", "turtle", "rdfxml", "jsonld"] {
        let mut args = bundled;
        args[1] = format;
        let file = remote.path(&format!("export.{format}"));
        std::fs::write(&file, run_ok(on(&remote, engine), &args)).unwrap();
        check.arg(format!("{format}={}", file.display()));
    }
    let output = check.output().expect("python3 runs");
    assert!(
        output.status.success(),
        "exports from {:?} are not isomorphic to the embedded store's: {}{}",
        engine.kind,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // Labels written back land in their own graph on the engine too, described like any: the
    // grounded labels, and the standings of a semantics decided by SAT, with their description.
    for semantics in ["grounded", "semi-stable"] {
        let write = ["analyze", "--semantics", semantics, "--write"];
        run_ok(on(&remote, engine), &write);
        run_ok(local.cmd(), &write);
        let query = format!(
            "SELECT ?c ?p ?l WHERE {{ GRAPH <https://w3id.org/claimgraph/graph/{semantics}> {{ ?c ?p ?l }} }}"
        );
        let query = ["query", query.as_str(), "--format", "json"];
        let labels = rows(&run_ok(on(&remote, engine), &query));
        assert!(labels.len() > 100, "{semantics}: {}", labels.len());
        assert_eq!(labels, rows(&run_ok(local.cmd(), &query)), "{semantics}");
    }
    // And a drop takes a graph away from every reader.
    let dropped = data_graphs
        .iter()
        .find(|g| g.ends_with(".json"))
        .expect("an AIF map's graph");
    run_ok(on(&remote, engine), &["drop", dropped]);
    let after = graphs(run_ok(on(&remote, engine), &["graphs", "--format", "json"]));
    assert!(!after.iter().any(|(g, _)| g == *dropped));
    assert_eq!(
        after.len(),
        here.len() + 1,
        "the grounded and semi-stable graphs came, the map went"
    );
    // The labels were computed before the drop: the engine's graphs say they are stale.
    let listed: Value = serde_json::from_slice(&run_ok(
        on(&remote, engine),
        &["graphs", "--format", "json"],
    ))
    .expect("graphs as JSON");
    let grounded = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["graph"] == "https://w3id.org/claimgraph/graph/grounded")
        .expect("the grounded labels' graph");
    assert_eq!(grounded["stale"], true, "{grounded}");
}

#[test]
fn oxigraph_server_answers_as_the_embedded_store() {
    same_answers(&Engine::oxigraph());
}

#[test]
fn virtuoso_answers_as_the_embedded_store() {
    same_answers(&Engine::virtuoso(Limits::Raised));
}

/// The binary pointed at `engine`, as a plain process that a test can kill.
fn process(engine: &Engine) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("claimgraph"));
    cmd.env_remove("CLAIMGRAPH_STORE").args([
        "--endpoint",
        &engine.query,
        "--update-endpoint",
        &engine.update,
    ]);
    if let Some(store) = &engine.store {
        cmd.args(["--graph-store", store]);
    }
    if let Some((user, password)) = &engine.user {
        cmd.env("CLAIMGRAPH_USER", user)
            .env("CLAIMGRAPH_PASSWORD", password);
    }
    cmd
}

/// Starts a load of `file` that stops at `point` (see the store's failpoints) and returns it
/// once it is there.
fn paused_load(engine: &Engine, file: &std::path::Path, point: &str) -> std::process::Child {
    let mut child = process(engine)
        .arg("load")
        .arg(file)
        .env("CLAIMGRAPH_PAUSE_AT", point)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let paused = lines.any(|line| line.is_ok_and(|l| l.contains("paused at")));
    assert!(paused, "the load never reached {point}");
    child
}

/// The single number a CSV answer holds.
fn number(csv: &[u8]) -> u64 {
    let text = String::from_utf8_lossy(csv);
    let line = text.lines().nth(1).expect("a row");
    line.trim().parse().unwrap_or_else(|_| panic!("{text}"))
}

fn count(cmd: assert_cmd::Command, sparql: &str) -> u64 {
    number(&run_ok(cmd, &["query", sparql, "--format", "csv"]))
}

const CLAIMS: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?c a cg:Claim }";

/// The single number that `sparql` counts, asked of the engine directly, over all its graphs.
fn on_engine(engine: &Engine, sparql: &str) -> u64 {
    let body = crate::support::agent()
        .post(&engine.query)
        .header("Accept", "text/csv")
        .send_form([("query", sparql)])
        .expect("the engine answers")
        .into_body()
        .read_to_vec()
        .unwrap();
    number(&body)
}

fn killed_loads_leave_nothing_visible(engine: &mut Engine) {
    let env = Env::new();
    run_ok(on(&env, engine), &["init"]);
    let before = count(on(&env, engine), CLAIMS);
    let graphs_before = run_ok(on(&env, engine), &["graphs", "--format", "json"]);
    let file = env.path("big.ttl");
    // Enough for the first chunks to be uploaded before the whole file is parsed.
    run_ok(
        env.cmd(),
        &["generate", "--claims", "6000", "-o", file.to_str().unwrap()],
    );
    let unchanged = |engine: &Engine, when: &str| {
        assert_eq!(count(on(&env, engine), CLAIMS), before, "{when}");
        assert_eq!(
            run_ok(on(&env, engine), &["graphs", "--format", "json"]),
            graphs_before,
            "{when}"
        );
    };
    for point in ["parse", "commit"] {
        let mut load = paused_load(engine, &file, point);
        load.kill().unwrap();
        load.wait().unwrap();
        unchanged(engine, &format!("after a load killed at {point}"));
    }
    // The engine itself killed, in the middle of a load, and started again.
    let mut load = paused_load(engine, &file, "parse");
    engine.kill();
    engine.restart();
    load.kill().unwrap();
    load.wait().unwrap();
    unchanged(
        engine,
        "after the engine was killed in the middle of a load",
    );
    // The next load clears what the others left and lands whole.
    run_ok(on(&env, engine), &["load", file.to_str().unwrap()]);
    let local = Env::new();
    run_ok(local.cmd(), &["init"]);
    run_ok(local.cmd(), &["load", file.to_str().unwrap()]);
    assert_eq!(count(on(&env, engine), CLAIMS), count(local.cmd(), CLAIMS));
    assert!(count(local.cmd(), CLAIMS) > before);
    // Nothing unpublished is left on the engine: no pending record, no staging graph. Asked of
    // the engine itself, since claimgraph's reads never see those graphs.
    for graph in [
        "GRAPH <https://w3id.org/claimgraph/graph/pending> { ?s ?p ?o }",
        "GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/claimgraph/graph/staging/\"))",
    ] {
        assert_eq!(
            on_engine(engine, &format!("SELECT (COUNT(*) AS ?n) WHERE {{ {graph} }}")),
            0,
            "{graph}"
        );
    }
    // And what the engine holds in the loaded graph is what the file says, once.
    let graph = format!("file://{}", file.display());
    assert_eq!(
        on_engine(
            engine,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        ),
        count(
            local.cmd(),
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        )
    );
}

#[test]
fn a_load_killed_on_oxigraph_server_leaves_nothing_visible() {
    killed_loads_leave_nothing_visible(&mut Engine::oxigraph());
}

#[test]
fn a_load_killed_on_virtuoso_leaves_nothing_visible() {
    killed_loads_leave_nothing_visible(&mut Engine::virtuoso(Limits::Raised));
}

fn fails_with(mut cmd: assert_cmd::Command, args: &[&str], code: i32, says: &str) -> String {
    let output = cmd.args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(stderr.contains(says), "{args:?}: {stderr}");
    stderr
}

#[test]
fn an_engine_that_is_down_is_named_with_exit_5() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = Env::new();
    let mut cmd = env.cmd();
    cmd.args(["--endpoint", &format!("http://127.0.0.1:{port}/sparql")]);
    fails_with(cmd, &["responses"], 5, "cannot reach the SPARQL engine");
}

#[test]
fn virtuosos_row_cap_is_an_error_never_a_short_answer() {
    let engine = Engine::virtuoso(Limits::Stock);
    let env = Env::new();
    run_ok(on(&env, &engine), &["init"]);
    let file = env.path("big.ttl");
    run_ok(
        env.cmd(),
        &["generate", "--claims", "2000", "-o", file.to_str().unwrap()],
    );
    run_ok(on(&env, &engine), &["load", file.to_str().unwrap()]);
    // A SELECT of more rows than the cap: Virtuoso sends 10,000 and a header.
    fails_with(
        on(&env, &engine),
        &["query", "SELECT * WHERE { ?s ?p ?o }", "--format", "csv"],
        5,
        "cut the answer at its cap of 10000 rows",
    );
    // A graph read back whole: Virtuoso cuts CONSTRUCT with no header at all.
    fails_with(
        on(&env, &engine),
        &["trace", "--format", "json"],
        5,
        "triples of <",
    );
    // Below the cap, answers are whole.
    run_ok(on(&env, &engine), &["query", "--named", "hedges"]);
}

#[test]
fn wrong_or_missing_credentials_are_refused_and_nothing_is_loaded() {
    let engine = Engine::virtuoso(Limits::Raised);
    let env = Env::new();
    let mut cmd = on(&env, &engine);
    cmd.env("CLAIMGRAPH_PASSWORD", "not-the-password");
    fails_with(cmd, &["init"], 5, "rejected user \"dba\"");
    let mut cmd = on(&env, &engine);
    cmd.env_remove("CLAIMGRAPH_USER")
        .env_remove("CLAIMGRAPH_PASSWORD")
        .env("NETRC", env.path("no-netrc"));
    fails_with(cmd, &["init"], 5, "asks for credentials");
    let graphs: Value =
        serde_json::from_slice(&run_ok(on(&env, &engine), &["graphs", "--format", "json"]))
            .unwrap();
    assert_eq!(graphs, Value::Array(Vec::new()), "nothing was loaded");
    // A netrc entry for the host works as the environment does.
    let netrc = env.path("netrc");
    std::fs::write(&netrc, "machine 127.0.0.1 login dba password dba\n").unwrap();
    let mut cmd = on(&env, &engine);
    cmd.env_remove("CLAIMGRAPH_USER")
        .env_remove("CLAIMGRAPH_PASSWORD")
        .env("NETRC", &netrc);
    run_ok(cmd, &["init"]);
    assert!(run_ok(on(&env, &engine), &["graphs"]).len() > 10);
}

#[test]
fn a_query_past_the_time_limit_stops_with_exit_4() {
    let engine = Engine::oxigraph();
    let env = Env::new();
    run_ok(on(&env, &engine), &["init"]);
    fails_with(
        on(&env, &engine),
        &[
            "query",
            "--timeout",
            "1",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        ],
        4,
        "time limit",
    );
}

#[test]
fn an_endpoint_that_answers_garbage_is_named_with_exit_5() {
    // Not a SPARQL engine at all: a web server answering every request with a page. No real
    // engine can be made to do this, hence a listener of our own.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/sparql", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut request = [0u8; 65536];
            let _ = std::io::Read::read(&mut stream, &mut request);
            let body = "<html><body>It works!</body></html>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let env = Env::new();
    let mut cmd = env.cmd();
    cmd.args(["--endpoint", &url]);
    fails_with(
        cmd,
        &["query", "SELECT * WHERE { ?s ?p ?o }"],
        5,
        "is not SPARQL JSON results",
    );
}

#[test]
fn updates_through_claimgraph_are_refused_on_an_engine() {
    let engine = Engine::oxigraph();
    let env = Env::new();
    assert_eq!(engine.kind, Kind::Oxigraph);
    fails_with(
        on(&env, &engine),
        &["serve", "--allow-update"],
        2,
        "--allow-update works only on the embedded store",
    );
}

#[test]
fn serve_puts_its_pages_and_sparql_in_front_of_an_engine() {
    let engine = Engine::oxigraph();
    let env = Env::new();
    run_ok(on(&env, &engine), &["init"]);
    let served = crate::support::Served::start(
        &env,
        &[
            "--endpoint",
            &engine.query,
            "--update-endpoint",
            &engine.update,
        ],
    );
    let ask = served.page("/sparql?query=ASK%20%7B%20%3Fa%20a%20cg%3AAllegation%20%7D");
    assert_eq!(ask.status, 200, "{}", ask.body);
    assert!(ask.body.contains("true"), "{}", ask.body);
    let index = served.page("/");
    assert_eq!(index.status, 200);
    assert!(
        index.body.contains("industrial-scale distillation attacks"),
        "{}",
        index.body
    );
    // The same safe defaults: no update goes through, whatever the engine would take.
    let update = crate::support::agent()
        .post(&served.endpoint)
        .header("Content-Type", "application/sparql-update")
        .send("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }")
        .unwrap();
    assert_eq!(update.status().as_u16(), 403);
    assert_eq!(
        on_engine(
            &engine,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x> { ?s ?p ?o } }"
        ),
        0
    );
    // An engine that goes away is a gateway's failure, said as such.
    drop(engine);
    let gone = served.page("/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D");
    assert_eq!(gone.status, 502, "{}", gone.body);
}
