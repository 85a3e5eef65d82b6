//! Loading every supported format into its graph, and querying in every output format.

use crate::support::{repo_file, value, Env};
use predicates::prelude::*;

#[test]
fn the_main_job_loads_an_empty_store_once_and_prints_the_responses() {
    let env = Env::new();
    let first = env.cmd().arg("responses").output().unwrap();
    assert!(first.status.success());
    let stdout = String::from_utf8(first.stdout).unwrap();
    let stderr = String::from_utf8(first.stderr).unwrap();
    assert!(
        stderr.contains("created the store with the bundled controversy"),
        "{stderr}"
    );
    assert!(
        stdout.contains("HOW IS MODEL DISTILLATION STEALING"),
        "{stdout}"
    );
    assert!(stdout.contains("counter-accusation"), "{stdout}");

    let second = env.cmd().arg("responses").output().unwrap();
    assert!(second.status.success());
    assert!(
        second.stderr.is_empty(),
        "a store with data is not reloaded"
    );
    assert_eq!(second.stdout, stdout.as_bytes(), "same store, same answer");
}

#[test]
fn every_format_lands_in_its_graph() {
    let env = Env::new();
    let files = ["one.nt", "two.nq", "three.trig", "four.rdf", "five.jsonld"]
        .map(|f| repo_file(&format!("tests/fixtures/{f}")));
    let mut cmd = env.cmd();
    cmd.arg("load").args(&files);
    cmd.assert()
        .success()
        .stdout(predicate::str::contains("loaded 3 quads from"));

    let rows =
        env.rows(&["SELECT ?g ?text WHERE { GRAPH ?g { ?s cg:statement ?text } } ORDER BY ?text"]);
    let found: Vec<(String, String)> = rows
        .iter()
        .map(|r| (value(r, "text"), value(r, "g")))
        .collect();
    let nt_graph = format!("file://{}", files[0].canonicalize().unwrap().display());
    let rdf_graph = format!("file://{}", files[3].canonicalize().unwrap().display());
    let jsonld_graph = format!("file://{}", files[4].canonicalize().unwrap().display());
    assert_eq!(
        found,
        [
            ("from JSON-LD".to_owned(), jsonld_graph),
            ("from N-Quads".to_owned(), "urn:ex:graph:nq".to_owned()),
            ("from N-Triples".to_owned(), nt_graph),
            ("from RDF/XML".to_owned(), rdf_graph),
            ("from TriG".to_owned(), "urn:ex:graph:trig".to_owned()),
        ]
    );
    // Loading user data brings the ontology along, so class hierarchies can be walked.
    env.cmd()
        .args(["query", "ASK { cg:Rebuttal rdfs:subClassOf+ aif:CA-node }"])
        .assert()
        .success()
        .stdout("true\n");
}

#[test]
fn graph_and_format_flags_override_the_defaults() {
    let env = Env::new();
    let file = env.write("statements.txt", "<urn:ex:a> <urn:ex:p> \"x\" .\n");
    env.cmd()
        .args([
            "load",
            "--format",
            "nt",
            "--graph",
            "urn:ex:mine",
            file.to_str().unwrap(),
        ])
        .assert()
        .success();
    env.cmd()
        .arg("graphs")
        .assert()
        .success()
        .stdout(predicate::str::contains("urn:ex:mine"));
}

#[test]
fn reloading_a_file_replaces_its_graph() {
    let env = Env::new();
    let file = env.write("a.ttl", "<urn:ex:a> <urn:ex:p> 1, 2 .\n");
    env.cmd()
        .args(["load", file.to_str().unwrap()])
        .assert()
        .success();
    let before = env.quad_count();
    env.write("a.ttl", "<urn:ex:a> <urn:ex:p> 3 .\n");
    env.cmd()
        .args(["load", file.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(env.quad_count(), before - 1);
}

#[test]
fn queries_come_inline_from_files_by_name_and_from_stdin() {
    let env = Env::initialised();
    let ask = "ASK { dist:c-distillation-attack cg:accuses dist:deepseek }";
    env.cmd()
        .args(["query", ask])
        .assert()
        .success()
        .stdout("true\n");
    let file = env.write("ask.rq", ask);
    env.cmd()
        .args(["query", "-f", file.to_str().unwrap()])
        .assert()
        .success()
        .stdout("true\n");
    env.cmd()
        .arg("query")
        .write_stdin(ask)
        .assert()
        .success()
        .stdout("true\n");
    env.cmd()
        .args(["query", "--named", "quotes-per-faction"])
        .assert()
        .success()
        .stdout(predicate::str::contains("讽刺玩梗派").and(predicate::str::contains("(6 rows)")));
}

#[test]
fn results_print_in_the_sparql_formats() {
    let env = Env::initialised();
    let select = "SELECT ?n WHERE { dist:fig-exchanges cg:value ?n }";
    for (format, expected) in [
        ("csv", "n\r\n16000000\r\n"),
        ("tsv", "?n\n16000000\n"),
        (
            "json",
            r#"{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"16000000","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}"#,
        ),
    ] {
        env.cmd()
            .args(["query", select, "--format", format])
            .assert()
            .success()
            .stdout(expected);
    }
    env.cmd()
        .args(["query", select, "--format", "xml"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">16000000</literal>",
        ));
}

#[test]
fn construct_prints_turtle_with_the_ontology_prefixes() {
    let env = Env::initialised();
    let construct = "CONSTRUCT { ?a cg:accuses ?b } WHERE { dist:c-distillation-attack cg:accuses ?b BIND(dist:c-distillation-attack AS ?a) }";
    env.cmd()
        .args(["query", construct])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("@prefix cg: <https://w3id.org/claimgraph/ns#> .")
                .and(predicate::str::contains("dist:deepseek")),
        );
    let output = env
        .cmd()
        .args(["query", construct, "--format", "ntriples"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 3);
}

#[test]
fn memory_store_starts_with_the_bundled_data_and_keeps_nothing() {
    let env = Env::new();
    env.cmd()
        .args([
            "--memory",
            "query",
            "ASK { dist:c-distillation-attack a cg:Allegation }",
        ])
        .assert()
        .success()
        .stdout("true\n");
    env.cmd()
        .args([
            "--memory",
            "load",
            repo_file("tests/fixtures/one.nt").to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "in-memory store: nothing was kept",
        ));
    assert!(!env.store().exists(), "--memory never touches the disk");
}

#[test]
fn the_named_queries_are_listed() {
    Env::new().cmd().arg("queries").assert().success().stdout(
        predicate::str::contains("responses").and(predicate::str::contains(
            "Which actors does each allegation accuse",
        )),
    );
}
