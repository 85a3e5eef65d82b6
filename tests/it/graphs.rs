//! Named graphs: what the metadata graph records of each load, `graphs`, `drop`, `--graph` on
//! the commands that read, and RDF exports checked by rdflib against a dump of the store.

use crate::support::{generated_chain, repo_file, value, Env};
use argsem::reasoning::Semantics;
use claimgraph::bundled::acceptance_graph;
use claimgraph::bundled::{DISTILLATION_ATTACKS_GRAPH, METADATA_GRAPH, ONTOLOGY_GRAPH};
use claimgraph::store::Access;
use claimgraph::{analysis, ClaimStore};
use oxsdatatypes::DateTime;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

/// `graphs --format json`: one object per graph.
fn graphs(env: &Env) -> Vec<Value> {
    let output = env
        .cmd()
        .args(["graphs", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).expect("a JSON array")
}

/// The row of the graph that `file` was loaded into.
fn row_of(env: &Env, file: &Path) -> Value {
    let source = file.display().to_string();
    graphs(env)
        .into_iter()
        .find(|g| g["loaded"][0]["source"] == source.as_str())
        .unwrap_or_else(|| panic!("no graph loaded from {source}"))
}

fn load(env: &Env, files: &[&Path]) {
    env.cmd().arg("load").args(files).assert().success();
}

fn sha256(file: &Path) -> String {
    let digest = Sha256::digest(std::fs::read(file).unwrap());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The store's content, read the way any reader would.
fn dump(env: &Env) -> String {
    ClaimStore::open(&env.store(), Access::ReadOnly)
        .unwrap()
        .dump_nquads()
        .unwrap()
}

/// The query over the metadata graph that the README shows, read from it.
fn readme_query() -> String {
    let readme = std::fs::read_to_string(repo_file("README.md")).unwrap();
    let block = readme
        .split("<!-- metadata-query -->")
        .nth(1)
        .expect("the README marks its query over the metadata graph");
    let block = block.trim_start().strip_prefix("```sparql\n").unwrap();
    block[..block.find("```").unwrap()].to_owned()
}

#[test]
fn a_load_records_each_graph_with_source_checksum_size_time_and_version() {
    let env = Env::initialised();
    // A triple stated twice is one triple of the graph.
    let file = env.write(
        "a.ttl",
        "<urn:ex:a> <urn:ex:p> <urn:ex:b> , <urn:ex:b> , 3 .\n",
    );
    let before = DateTime::now();
    load(&env, &[&file]);
    let row = row_of(&env, &file);
    let graph = row["graph"].as_str().unwrap();
    let [loaded] = row["loaded"].as_array().unwrap().as_slice() else {
        panic!("one description: {row}");
    };
    assert_eq!(loaded["sha256"], sha256(&file));
    assert_eq!(row["triples"], 2);
    assert_eq!(loaded["triples"], 2);
    assert!(graph.starts_with("file:///") && graph.ends_with("/a.ttl"));
    assert_eq!(loaded["file"], graph, "the file's own IRI");
    assert_eq!(loaded["version"], env!("CARGO_PKG_VERSION"));
    let at: DateTime = loaded["loaded_at"].as_str().unwrap().parse().unwrap();
    assert!(before <= at && at <= DateTime::now());
    let count = env.rows(&[&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    )]);
    assert_eq!(value(&count[0], "n"), "2", "the size is the graph's");

    // The README's query over the metadata graph reads the same description.
    let rows = env.rows(&[&readme_query()]);
    let row = rows
        .iter()
        .find(|r| value(r, "graph") == graph)
        .expect("the load is described");
    assert_eq!(value(row, "triples"), "2");
    assert_eq!(value(row, "source"), file.display().to_string());
    assert_eq!(value(row, "sha256"), sha256(&file));
    assert_eq!(value(row, "version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(
        rows.len(),
        4,
        "the ontology, shapes, bundled data and a.ttl"
    );
}

#[test]
fn a_reload_replaces_the_description_and_a_failed_load_leaves_none() {
    let env = Env::initialised();
    let file = env.write("a.ttl", "<urn:ex:a> <urn:ex:p> 1, 2 .\n");
    load(&env, &[&file]);
    let first = row_of(&env, &file);
    env.write("a.ttl", "<urn:ex:a> <urn:ex:p> 3 .\n");
    load(&env, &[&file]);
    let second = row_of(&env, &file);
    assert_eq!(second["loaded"].as_array().unwrap().len(), 1);
    assert_eq!(second["loaded"][0]["sha256"], sha256(&file));
    assert_ne!(second["loaded"][0]["sha256"], first["loaded"][0]["sha256"]);
    assert_eq!(
        (&first["triples"], &second["triples"]),
        (&Value::from(2), &Value::from(1))
    );

    let before = dump(&env);
    let good = env.write("b.ttl", "<urn:ex:b> <urn:ex:p> <urn:ex:c> .\n");
    let broken = env.write("broken.ttl", "<urn:ex:x> <urn:ex:p> \"open .\n");
    env.cmd()
        .arg("load")
        .args([&good, &broken])
        .assert()
        .code(3);
    assert!(dump(&env) == before, "a failed load changed the metadata");
}

#[test]
fn graphs_lists_every_graph_with_what_is_known_of_it() {
    let env = Env::initialised();
    env.cmd().args(["analyze", "--write"]).assert().success();
    let output = env.cmd().arg("graphs").output().unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    let line = |graph: &str| {
        table
            .lines()
            .find(|l| l.contains(&format!(" {graph} ")))
            .unwrap_or_else(|| panic!("no {graph} in:\n{table}"))
    };
    for header in ["graph", "triples", "source", "loaded at"] {
        assert!(table.lines().nth(1).unwrap().contains(header), "{table}");
    }
    assert!(line(ONTOLOGY_GRAPH).contains("ontology/claimgraph.ttl"));
    assert!(line(METADATA_GRAPH).contains("(where each graph came from)"));
    // Labels written back are described as what wrote them, and are current.
    let labels = line(&acceptance_graph(Semantics::Grounded));
    assert!(labels.contains("claimgraph analyze --write --semantics grounded"));
    assert!(!labels.contains("stale"), "{labels}");

    // The sizes are the graphs' own, and agree with what the loads recorded.
    let counts =
        env.rows(&["SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"]);
    let rows = graphs(&env);
    assert_eq!(rows.len(), counts.len());
    for row in &rows {
        let count = counts
            .iter()
            .find(|c| value(c, "g") == row["graph"].as_str().unwrap())
            .unwrap();
        assert_eq!(value(count, "n"), row["triples"].to_string());
        for loaded in row["loaded"].as_array().unwrap() {
            assert_eq!(loaded["triples"], row["triples"]);
        }
    }
    let described: Vec<&str> = rows
        .iter()
        .filter(|r| !r["loaded"].as_array().unwrap().is_empty())
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        described,
        [
            "bundled controversy",
            "acceptance under an extension semantics, from analyze --write",
            "bundled ontology",
            "bundled SHACL shapes"
        ],
        "the metadata graph itself is the only graph nothing describes"
    );

    // Once the data changes, the labels no longer say what it gives, until written again.
    let more = env.write("more.ttl", "<urn:ex:a> <urn:ex:p> 1 .\n");
    load(&env, &[&more]);
    let grounded = |env: &Env| {
        graphs(env)
            .into_iter()
            .find(|g| g["graph"] == acceptance_graph(Semantics::Grounded))
            .unwrap()
    };
    assert_eq!(grounded(&env)["stale"], true);
    let table = env.cmd().arg("graphs").output().unwrap().stdout;
    assert!(String::from_utf8_lossy(&table).contains("(stale: the data changed since"));
    env.cmd().args(["analyze", "--write"]).assert().success();
    assert_eq!(grounded(&env)["stale"], false);
}

#[test]
fn drop_removes_graphs_and_their_descriptions_all_or_nothing() {
    let env = Env::initialised();
    let metadata_after_init = graphs(&env)
        .into_iter()
        .find(|g| g["graph"] == METADATA_GRAPH)
        .unwrap()["triples"]
        .clone();
    let a = env.write("a.ttl", "<urn:ex:a> <urn:ex:p> 1, 2 .\n");
    let b = env.write("b.ttl", "<urn:ex:b> <urn:ex:p> 3 .\n");
    load(&env, &[&a, &b]);
    let (a, b) = (row_of(&env, &a), row_of(&env, &b));
    let (a, b) = (a["graph"].as_str().unwrap(), b["graph"].as_str().unwrap());

    let before = dump(&env);
    for (args, code, message) in [
        (
            vec![a, "urn:ex:nope"],
            4,
            "error: no graph \"urn:ex:nope\" in the store (`claimgraph graphs` lists them)\n",
        ),
        (
            vec![a, ONTOLOGY_GRAPH],
            2,
            "`drop --schema` drops it all the same",
        ),
        (
            vec!["--schema", METADATA_GRAPH],
            2,
            "drop the graphs it describes instead",
        ),
    ] {
        let output = env.cmd().arg("drop").args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(dump(&env) == before, "{args:?} changed the store");
    }

    let output = env.cmd().args(["drop", a, b]).output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!(
            "dropped <{a}> (2 triples)\ndropped <{b}> (1 triple)\nstore "
        )),
        "{stdout}"
    );
    let left = graphs(&env);
    assert!(left.iter().all(|g| g["graph"] != a && g["graph"] != b));
    let metadata = left.iter().find(|g| g["graph"] == METADATA_GRAPH).unwrap();
    assert_eq!(
        metadata["triples"], metadata_after_init,
        "the descriptions went with their graphs"
    );

    let hierarchy = ["query", "ASK { cg:Rebuttal rdfs:subClassOf+ aif:CA-node }"];
    env.cmd().args(hierarchy).assert().stdout("true\n");
    env.cmd()
        .args(["drop", "--schema", ONTOLOGY_GRAPH])
        .assert()
        .success();
    env.cmd().args(hierarchy).assert().stdout("false\n");
}

/// The bundled controversy, and beside it a chain of five claims in a graph of its own.
fn two_controversies() -> (Env, String) {
    let env = Env::initialised();
    let chain = env.write("chain.nt", &generated_chain(5));
    load(&env, &[&chain]);
    let graph = row_of(&env, &chain)["graph"].as_str().unwrap().to_owned();
    (env, graph)
}

fn json(env: &Env, args: &[&str]) -> Value {
    let all = args.iter().copied().chain(["--format", "json"]);
    serde_json::from_slice(&env.stdout(all)).unwrap()
}

#[test]
fn graph_limits_query_to_the_graphs_named_and_the_ontology() {
    let (env, chain) = two_controversies();
    let claims = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a/rdfs:subClassOf* cg:Claim }";
    let count = |graphs: &[&str]| {
        let mut args: Vec<&str> = graphs.iter().flat_map(|g| ["--graph", g]).collect();
        args.push(claims);
        value(&env.rows(&args)[0], "n").parse::<usize>().unwrap()
    };
    let (all, bundled) = (count(&[]), count(&[DISTILLATION_ATTACKS_GRAPH]));
    // The chain's claims are typed cg:Claim and cg:Allegation: the ontology tells which is which.
    assert_eq!(count(&[&chain]), 5);
    assert!(bundled > 5);
    assert_eq!(all, bundled + 5);
    assert_eq!(count(&[&chain, DISTILLATION_ATTACKS_GRAPH]), all);

    let named = env.rows(&[
        "--graph",
        &chain,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
    ]);
    let named: Vec<String> = named.iter().map(|r| value(r, "g")).collect();
    assert_eq!(named, [chain.as_str(), ONTOLOGY_GRAPH]);
}

#[test]
fn graph_limits_trace_analyze_and_maps() {
    let (env, chain) = two_controversies();
    let roots = |args: &[&str]| -> Vec<String> {
        let traces = json(&env, &[&["trace"], args].concat());
        let traces = traces.as_array().unwrap();
        traces
            .iter()
            .map(|t| t["root"].as_str().unwrap().to_owned())
            .collect()
    };
    let chain_root = "http://example.org/chain/c0";
    assert_eq!(roots(&["--graph", &chain]), [chain_root]);
    let all = roots(&[]);
    assert!(
        all.iter().any(|r| r == chain_root) && all.len() > 1,
        "{all:?}"
    );
    let bundled = roots(&["--graph", DISTILLATION_ATTACKS_GRAPH]);
    assert!(!bundled.is_empty() && bundled.iter().all(|r| r != chain_root));

    let report = json(&env, &["analyze", "--graph", &chain]);
    let figures = &report["allegations"].as_array().unwrap()[..];
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0]["direct"], 1);
    assert_eq!(figures[0]["indirect"], 3);
    let labels: Vec<(&str, &str)> = report["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| (pair[0].as_str().unwrap(), pair[1].as_str().unwrap()))
        .collect();
    // The last reply stands; each claim it answers falls, and so on back to the allegation.
    assert_eq!(
        labels,
        [
            ("in", "claim 0"),
            ("in", "claim 2"),
            ("in", "claim 4"),
            ("out", "claim 1"),
            ("out", "claim 3"),
        ]
    );
    let all = json(&env, &["analyze"]);
    assert!(all["labels"].as_array().unwrap().len() > labels.len());

    let dot = |args: &[&str]| {
        let output = env
            .cmd()
            .args(["export", "dot"])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let (part, whole) = (dot(&["--graph", &chain]), dot(&[]));
    assert!(part.contains("claim 0") && !part.contains("distillation is not stealing"));
    assert!(whole.contains("claim 0") && whole.contains("distillation is not stealing"));

    for command in [&["trace"][..], &["analyze"], &["export", "dot"]] {
        let output = env
            .cmd()
            .args(command)
            .args(["--graph", "urn:ex:nope"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(4), "{command:?}");
        assert!(String::from_utf8(output.stderr)
            .unwrap()
            .contains("no graph \"urn:ex:nope\""));
    }
    // Labels of a part would replace those of the whole.
    env.cmd()
        .args(["analyze", "--write", "--graph", &chain])
        .assert()
        .code(2);
}

const RDF_FORMATS: [&str; 6] = ["turtle", "trig", "ntriples", "nquads", "rdfxml", "jsonld"];

/// Exports the store in every RDF format with `args`, and has rdflib compare each export with
/// `reference`, an N-Quads dump, restricted to `graphs` when there are some. Returns what the
/// checker printed.
fn exports_match(env: &Env, args: &[&str], reference: &str, graphs: &[&str]) -> String {
    let reference = env.write("reference.nq", reference);
    let mut exports = Vec::new();
    for format in RDF_FORMATS {
        // The export replaces the file that is there.
        let file = env.write(&format!("export.{format}"), "stale");
        env.cmd()
            .args(["export", format, "-o", file.to_str().unwrap()])
            .args(args)
            .assert()
            .success();
        exports.push(format!("{format}={}", file.display()));
    }
    let output = Command::new("python3")
        .arg(repo_file("tests/isomorphic.py"))
        .arg(&reference)
        .args(graphs.iter().flat_map(|g| ["--graph", g]))
        .args(&exports)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "rdflib found the exports {args:?} different (`pip install -r tests/requirements.txt` \
         if it is missing):\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for format in RDF_FORMATS {
        assert!(
            stdout.contains(&format!("{format}: isomorphic (")),
            "{stdout}"
        );
    }
    stdout
}

#[test]
fn rdf_exports_of_the_whole_store_parse_back_to_what_it_holds() {
    let env = Env::initialised();
    let stdout = exports_match(&env, &[], &dump(&env), &[]);
    // Ontology, shapes, bundled data and metadata, each under its name.
    assert!(stdout.contains("in 4 named graphs"), "{stdout}");
    let turtle = std::fs::read(env.path("export.turtle")).unwrap();
    let text = String::from_utf8_lossy(&turtle);
    assert!(text.contains("@prefix cg: <https://w3id.org/claimgraph/ns#> ."));
    assert!(
        text.contains("dist:c-distillation-attack"),
        "prefixes are used"
    );
    let again = env
        .cmd()
        .args(["export", "turtle"])
        .output()
        .unwrap()
        .stdout;
    assert!(again == turtle, "the same store gives the same bytes");
}

#[test]
fn rdf_exports_of_some_graphs_hold_exactly_those_graphs() {
    let env = Env::initialised();
    let graphs = [DISTILLATION_ATTACKS_GRAPH, METADATA_GRAPH];
    let args = ["--graph", graphs[0], "--graph", graphs[1]];
    let stdout = exports_match(&env, &args, &dump(&env), &graphs);
    assert!(stdout.contains("in 2 named graphs"), "{stdout}");
}

#[test]
fn rdf_exports_of_a_focus_hold_its_part() {
    let env = Env::initialised();
    let part = {
        let store = ClaimStore::open(&env.store(), Access::ReadOnly).unwrap();
        let focused = analysis::focus(&store, "c-gdpr-questions", 1)
            .unwrap()
            .expect("the claim is there");
        focused.store.dump_nquads().unwrap()
    };
    assert!(part.lines().count() < dump(&env).lines().count() / 4);
    let args = ["--focus", "c-gdpr-questions", "--depth", "1"];
    exports_match(&env, &args, &part, &[]);
}

#[test]
fn an_export_that_fails_leaves_the_file_as_it_was() {
    let env = Env::initialised();
    // Valid RDF that RDF/XML cannot write: rdf:about is syntax there, never a predicate.
    let odd = env.write(
        "odd.ttl",
        "<urn:ex:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#about> \"x\" .\n",
    );
    load(&env, &[&odd]);
    let out = env.write("out.rdf", "as it was\n");
    let output = env
        .cmd()
        .args(["export", "rdfxml", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("out.rdf: cannot write the export"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "as it was\n");
    assert!(!out.with_file_name("out.rdf.partial").exists());
}
