//! AIF JSON on real maps nobody on this project wrote: the 661 maps of the AraucariaDB corpus in
//! `data/aif-araucaria/`, loaded in one command, queried, and written back map by map, with an
//! independent reader (arguebuf) counting what we wrote. Dialogical maps in the shapes that
//! AIFdb's corpora and OVA3 publish (`tests/fixtures/aif/`) go through the binary too, and
//! arguebuf reads them node for node beside our export.

use crate::support::{repo_file, value, Env};
use claimgraph::aif::Map;
use claimgraph::ingest::{Format, Source};
use claimgraph::ClaimStore;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The corpus as counted by a script of its own (see data/aif-araucaria/README.md).
const I_NODES: usize = 3991;
const RA_NODES: usize = 1745;
const CA_NODES: usize = 38;
const L_NODES: usize = 42;
const YA_NODES: usize = 42;

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_file("data/aif-araucaria"))
        .expect("the corpus is bundled")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 661);
    files
}

/// What arguebuf counts in `exports` (one file, or a folder of maps named as the corpus's),
/// after checking that it counts the same in the corpus.
fn arguebuf(exports: &Path) -> String {
    aif_check(&[
        repo_file("data/aif-araucaria").as_os_str(),
        exports.as_os_str(),
    ])
}

/// Runs `tests/aif_check.py` with `args`, asserting that arguebuf agrees; its report.
fn aif_check(args: &[&std::ffi::OsStr]) -> String {
    let output = Command::new("python3")
        .arg(repo_file("tests/aif_check.py"))
        .args(args)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    assert!(
        output.status.success(),
        "arguebuf disagrees: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn the_whole_corpus_loads_in_one_command_each_map_in_its_graph() {
    let env = Env::new();
    let files = corpus();
    let mut args: Vec<std::ffi::OsString> = vec!["load".into(), "--lang".into(), "en".into()];
    args.extend(files.iter().map(|f| f.as_os_str().to_owned()));
    let stdout = env.stdout(&args);
    let stdout = String::from_utf8_lossy(&stdout);
    let maps: BTreeSet<&str> = stdout
        .lines()
        .filter(|line| line.contains(".json into <file:"))
        .filter_map(|line| line.rsplit_once(" into ").map(|(_, graph)| graph))
        .collect();
    assert_eq!(maps.len(), 661, "one graph per map");

    let count = |class: &str| -> usize {
        let rows = env.rows(&[&format!(
            "SELECT (COUNT(DISTINCT ?n) AS ?n) WHERE {{ ?n a {class} }}"
        )]);
        value(&rows[0], "n").parse().unwrap()
    };
    assert_eq!(count("cg:Claim"), I_NODES);
    assert_eq!(count("cg:Support"), RA_NODES);
    assert_eq!(count("cg:Rebuttal") + count("cg:Undercut"), CA_NODES);
    assert_eq!(count("cg:Quote"), L_NODES);
    assert_eq!(count("cg:Illocution"), YA_NODES);
    let graphs =
        env.rows(&["SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?c a cg:Claim } }"]);
    assert_eq!(value(&graphs[0], "n"), "661");

    // Which schemes are used most: the corpus's own count, by an independent script, is
    // Example 259, CauseToEffect 156, PracticalReasoning 83.
    let schemes = env.rows(&["--named", "schemes"]);
    let top: Vec<(String, String)> = schemes
        .iter()
        .take(3)
        .map(|row| (value(row, "scheme"), value(row, "responses")))
        .collect();
    assert_eq!(
        top,
        [
            ("Example".into(), "259".into()),
            ("CauseToEffect".into(), "156".into()),
            ("PracticalReasoning".into(), "83".into())
        ]
    );
    // One map out of the store, by its graph, is the map that went in.
    let map = &files[100];
    let graph = format!("file://{}", map.canonicalize().unwrap().display());
    let exported = env.stdout(["export", "aif", "--graph", &graph]);
    let original = Map::from_json("original", &std::fs::read(map).unwrap()).unwrap();
    let exported = Map::from_json("exported", &exported).unwrap();
    assert_eq!(exported.outline(), original.outline());

    // The whole store as one map: arguebuf reads it as a file and counts what the 661 maps hold.
    let all = env.write("all.json", "");
    env.cmd()
        .args(["export", "aif", "-o"])
        .arg(&all)
        .assert()
        .success();
    arguebuf(&all);
    // The analysis reads the corpus like any controversy.
    env.cmd()
        .args(["analyze", "--format", "json"])
        .assert()
        .success();
}

#[test]
fn every_corpus_map_round_trips_and_arguebuf_agrees() {
    let store = ClaimStore::in_memory().unwrap();
    store
        .load_with_schema(&claimgraph::bundled::schema_sources())
        .unwrap();
    let exports = tempfile::tempdir().unwrap();
    for path in corpus() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let graph = format!("urn:test:{name}");
        let source = Source::from_bytes(name.clone(), bytes.clone(), Format::Aif, &graph).unwrap();
        store.load(&[source]).unwrap();
        let (back, left_out) = Map::from_store(&store).unwrap();
        assert!(left_out.is_empty(), "{name}");
        let read = Map::from_json(&name, &bytes).unwrap();
        assert_eq!(back.outline(), read.outline(), "{name} round-trips");
        std::fs::write(
            exports.path().join(&name),
            serde_json::to_vec(&back).unwrap(),
        )
        .unwrap();
        store
            .drop_graphs(std::slice::from_ref(&graph), false)
            .unwrap();
    }
    // arguebuf keeps the argument graph: atoms and schemes, not locutions and illocutions.
    assert_eq!(
        arguebuf(exports.path()),
        format!(
            "661 maps: {I_NODES} atoms, {} schemes, 5137 edges",
            RA_NODES + CA_NODES
        )
    );
}

#[test]
fn the_bundled_controversy_exports_as_aif_and_names_what_aif_cannot_hold() {
    let env = Env::initialised();
    let output = env.cmd().args(["export", "aif"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 response(s) of unknown kind") && stderr.contains("r-agree-with-musk"),
        "{stderr}"
    );
    let map = Map::from_json("export", &output.stdout).unwrap();
    let claims =
        env.rows(&["SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a/rdfs:subClassOf* cg:Claim }"]);
    let i_nodes = map.nodes.iter().filter(|n| n.kind == "I").count();
    assert_eq!(i_nodes.to_string(), value(&claims[0], "n"));
    // A focus writes its part only.
    let output = env
        .cmd()
        .args([
            "export",
            "aif",
            "--focus",
            "c-distillation-attack",
            "--depth",
            "1",
        ])
        .output()
        .unwrap();
    let part = Map::from_json("focus", &output.stdout).unwrap();
    assert!(part.nodes.len() < map.nodes.len() && !part.nodes.is_empty());
}

#[test]
fn a_broken_map_names_the_edge_and_loads_nothing() {
    let env = Env::initialised();
    let before = env.quad_count();
    let good = env.write(
        "good.json",
        r#"{"nodes":[{"nodeID":"1","text":"a","type":"I"}],"edges":[]}"#,
    );
    let broken = env.write(
        "broken.json",
        r#"{"nodes":[{"nodeID":"1","text":"a","type":"I"},{"nodeID":"2","text":"RA","type":"RA"}],
            "edges":[{"edgeID":"7","fromID":"1","toID":"2"},{"edgeID":"8","fromID":"2","toID":"9"}]}"#,
    );
    let output = env
        .cmd()
        .arg("load")
        .arg(&good)
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3), "bad input");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.json: edge 8: toID \"9\" names no node"),
        "{stderr}"
    );
    assert_eq!(
        env.quad_count(),
        before,
        "the good map of the batch was not loaded either"
    );

    let mistyped = env.write(
        "mistyped.json",
        "{\"nodes\": [\n  {\"nodeID\": \"1\", \"text\": [\"a\"], \"type\": \"I\"}]}",
    );
    let output = env.cmd().arg("load").arg(&mistyped).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("mistyped.json:2:") && stderr.contains("invalid type: sequence"),
        "a wrong JSON type gives line and column: {stderr}"
    );
}

/// Runs `tests/aif_check.py --nodes` on a map and our export of it.
fn arguebuf_nodes(original: &Path, exported: &Path) -> String {
    aif_check(&[
        "--nodes".as_ref(),
        original.as_os_str(),
        exported.as_os_str(),
    ])
}

#[test]
fn an_ova3_map_loads_checked_exports_and_arguebuf_reads_it_node_for_node() {
    let env = Env::new();
    let map = repo_file("tests/fixtures/aif/ova3-shape.json");
    env.stdout([
        "load".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
        map.as_os_str(),
    ]);
    let speakers =
        env.rows(&["SELECT ?q ?name WHERE { ?q cg:speaker/rdfs:label ?name } ORDER BY ?name"]);
    let names: Vec<String> = speakers.iter().map(|r| value(r, "name")).collect();
    assert_eq!(names, ["Bob Smith", "Wilma Jones"]);
    let analyst =
        env.rows(&["SELECT DISTINCT ?name WHERE { ?r cg:interpretedBy/rdfs:label ?name }"]);
    assert_eq!(value(&analyst[0], "name"), "Jane");

    let exported = env.path("exported.json");
    env.stdout([
        "export".as_ref(),
        "aif".as_ref(),
        "-o".as_ref(),
        exported.as_os_str(),
    ]);
    let original = Map::from_json("original", &std::fs::read(&map).unwrap()).unwrap();
    let back = Map::from_json("exported", &std::fs::read(&exported).unwrap()).unwrap();
    assert_eq!(back.outline(), original.outline());
    assert_eq!(
        arguebuf_nodes(&map, &exported),
        "ova3-shape.json: 2 atoms, 1 schemes, 2 edges, node for node"
    );
}

#[test]
fn a_qt30_map_loads_validated_keeping_who_said_what_by_which_act() {
    let env = Env::new();
    let map = repo_file("tests/fixtures/aif/qt30-shape.json");
    env.stdout(["load".as_ref(), map.as_os_str()]);
    // Who asked, who answered and who reported whom, by the heads of the locutions' texts.
    let said = env.rows(&["SELECT ?id ?speaker ?class WHERE {
            ?l dcterms:identifier ?id ; a ?type ; cg:speaker/rdfs:label ?speaker
            FILTER(?type IN (cg:Quote, cg:Locution)) BIND(STRAFTER(STR(?type), \"#\") AS ?class)
        } ORDER BY ?id"]);
    let said: Vec<(String, String, String)> = said
        .iter()
        .map(|r| (value(r, "id"), value(r, "speaker"), value(r, "class")))
        .collect();
    let row = |id: &str, speaker: &str, class: &str| (id.into(), speaker.into(), class.into());
    assert_eq!(
        said,
        [
            row("100", "Fiona Bruce", "Locution"),
            row("103", "Chris Philp", "Quote"),
            row("106", "Chris Philp", "Quote"),
            row("115", "Camilla Tominey", "Locution"),
            row("117", "WHO", "Quote"),
        ],
        "a question and a report voice no claim: locutions, not quotes"
    );
    // The question: its act, what it asks about, and the answer the transition leads to.
    let question = env.rows(&["SELECT ?force ?asked ?answer WHERE {
            ?act cg:locution ?q ; cg:illocution ?force ; cg:content/cg:statement ?asked .
            ?q dcterms:identifier \"100\" .
            ?t cg:fromLocution ?q ; cg:toLocution/cg:speaker/rdfs:label ?answer .
            FILTER NOT EXISTS { ?q cg:conveys|cg:expresses|cg:implies ?any } }"]);
    assert_eq!(question.len(), 1);
    assert_eq!(value(&question[0], "force"), "Pure Questioning");
    assert_eq!(
        value(&question[0], "asked"),
        "schools should or should not reopen in June"
    );
    assert_eq!(value(&question[0], "answer"), "Chris Philp");
    // Acts anchored in transitions: arguing for the support, restating as the rephrase.
    let anchored = env.rows(&["SELECT ?force ?kind WHERE {
            ?act cg:locution/a cg:Transition ; cg:illocution ?force ; cg:content/a ?type
            BIND(STRAFTER(STR(?type), \"#\") AS ?kind) } ORDER BY ?force"]);
    let anchored: Vec<(String, String)> = anchored
        .iter()
        .map(|r| (value(r, "force"), value(r, "kind")))
        .collect();
    assert_eq!(
        anchored,
        [
            ("Arguing".into(), "Support".into()),
            ("Restating".into(), "Rephrase".into())
        ]
    );
    // Reported speech: the report voices nothing, the WHO's own locution voices its claim.
    let reported = env.rows(&["SELECT ?force ?claim WHERE {
            ?report dcterms:identifier \"115\" ; cg:reports ?who .
            ?act cg:locution ?report ; cg:content ?who ; cg:illocution ?force .
            ?who cg:expresses/cg:statement ?claim }"]);
    assert_eq!(reported.len(), 1);
    assert_eq!(value(&reported[0], "force"), "Asserting");
    assert_eq!(value(&reported[0], "claim"), "schools should go back");

    let graph = format!("file://{}", map.canonicalize().unwrap().display());
    let exported = env.stdout(["export", "aif", "--graph", &graph]);
    let original = Map::from_json("original", &std::fs::read(&map).unwrap()).unwrap();
    let back = Map::from_json("exported", &exported).unwrap();
    assert_eq!(back.outline(), original.outline());
    let written = env.write("exported.json", &String::from_utf8(exported).unwrap());
    assert_eq!(
        arguebuf_nodes(&map, &written),
        "qt30-shape.json: 4 atoms, 2 schemes, 4 edges, node for node"
    );
}

#[test]
fn broken_dialogical_maps_name_the_node_and_the_rule() {
    let env = Env::initialised();
    let before = env.quad_count();
    for (file, message) in [
        (
            "aif-illocution-from-claim.json",
            "edge 3: an edge from I node 4 to YA node 3 has no meaning in AIF: a proposition performs no act; a locution or a transition does",
        ),
        (
            "aif-illocution-two-locutions.json",
            "YA node 4: an illocution links one locution or transition (it has 2: L node 1, L node 2) to one claim, relation or reported locution (it has 1: I node 3)",
        ),
        (
            "aif-locution-of-a-claim.json",
            "locution of node 2: its node is of type I; only an L-node is spoken",
        ),
        (
            "aif-reported-transition.json",
            "edge 4: an edge from YA node 4 to TA node 3 has no meaning in AIF: an illocution puts forward a proposition, a relation or a reported locution, not a transition",
        ),
        (
            "aif-inference-to-locution.json",
            "RA node 5: a relation has exactly one conclusion; this one has 2: I node 2, L node 1",
        ),
    ] {
        let path = repo_file(&format!("tests/broken/{file}"));
        let output = env.cmd().arg("load").arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(3), "{file}: bad input");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!("error: {}: {message}\n", path.display()),
            "{file}"
        );
    }
    assert_eq!(env.quad_count(), before, "nothing was loaded");
}
