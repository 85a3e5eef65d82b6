//! Exit codes: the README's table is the library's table, and every kind of failure ends with
//! the code that table gives it.

use crate::support::{repo_file, Env};
use claimgraph::ExitStatus;

#[test]
fn the_readme_table_is_the_one_the_binary_uses() {
    let readme = std::fs::read_to_string(repo_file("README.md")).unwrap();
    let table: Vec<(u8, String)> = readme
        .split("### Exit codes")
        .nth(1)
        .expect("an exit code section")
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            Some((cells.get(1)?.parse().ok()?, cells.get(2)?.to_string()))
        })
        .collect();
    let expected: Vec<(u8, String)> = ExitStatus::ALL
        .iter()
        .map(|s| (s.code(), s.meaning().to_owned()))
        .collect();
    assert_eq!(table, expected);
}

/// `(what, arguments, exit code)`; `{dir}` is the test's directory, `{repo}` the repository.
/// A store held by another process or missing (exit 5) is tested in `store_safety`.
const CASES: &[(&str, &[&str], ExitStatus)] = &[
    ("a query", &["query", "ASK {}"], ExitStatus::Success),
    (
        "a valid file",
        &["validate", "{repo}/data/distillation-attacks.ttl"],
        ExitStatus::Success,
    ),
    ("an unknown flag", &["query", "--bogus"], ExitStatus::Usage),
    (
        "--graph with two files",
        &["load", "--graph", "urn:g", "{dir}/one.ttl", "{dir}/one.ttl"],
        ExitStatus::Usage,
    ),
    (
        "a missing query file",
        &["query", "-f", "{dir}/missing.rq"],
        ExitStatus::BadInput,
    ),
    (
        "a missing data file",
        &["load", "{dir}/missing.ttl"],
        ExitStatus::BadInput,
    ),
    (
        "an empty data file",
        &["load", "{dir}/empty.ttl"],
        ExitStatus::BadInput,
    ),
    (
        "a missing shapes file",
        &["validate", "--shapes", "{dir}/missing.ttl"],
        ExitStatus::BadInput,
    ),
    (
        "a missing framework",
        &["analyze", "--framework", "{dir}/missing.apx"],
        ExitStatus::BadInput,
    ),
    (
        "a SPARQL syntax error",
        &["query", "SELEKT"],
        ExitStatus::BadQuery,
    ),
    (
        "an unknown named query",
        &["query", "--named", "nope"],
        ExitStatus::BadQuery,
    ),
    (
        "an unknown claim",
        &["trace", "no-such-claim"],
        ExitStatus::BadQuery,
    ),
    (
        "an unknown graph",
        &["query", "--graph", "urn:no-such-graph", "ASK {}"],
        ExitStatus::BadQuery,
    ),
    (
        "a drop of an unknown graph",
        &["drop", "urn:no-such-graph"],
        ExitStatus::BadQuery,
    ),
    (
        "a drop of the ontology without --schema",
        &["drop", "https://w3id.org/claimgraph/graph/ontology"],
        ExitStatus::Usage,
    ),
    (
        "a format unfit for the result",
        &["query", "--format", "turtle", "SELECT * {}"],
        ExitStatus::BadQuery,
    ),
    (
        "a query past its time limit",
        &[
            "query",
            "--timeout",
            "0.5",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        ],
        ExitStatus::BadQuery,
    ),
    (
        "a federated query (claimgraph answers from its store alone)",
        &[
            "query",
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        ],
        ExitStatus::BadQuery,
    ),
    (
        "data that breaks the shapes",
        &["validate", "{repo}/tests/fixtures/invalid.ttl"],
        ExitStatus::Invalid,
    ),
    (
        "a load that breaks the shapes",
        &["load", "{repo}/tests/broken/dangling-reference.ttl"],
        ExitStatus::Invalid,
    ),
];

#[test]
fn every_kind_of_failure_has_its_documented_code() {
    let env = Env::initialised();
    let one = env.write("one.ttl", "<urn:ex:a> <urn:ex:p> <urn:ex:b> .\n");
    env.write("empty.ttl", "");
    let dir = one.parent().unwrap().display().to_string();
    let repo = repo_file("").display().to_string();
    let repo = repo.trim_end_matches('/');
    for (what, args, status) in CASES {
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("{dir}", &dir).replace("{repo}", repo))
            .collect();
        let output = env.cmd().args(&args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(i32::from(status.code())),
            "{what}: {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        // `validate` reports non-conforming data on standard output: it is its answer.
        if *status != ExitStatus::Success && args[0] != "validate" {
            let stderr = String::from_utf8(output.stderr).unwrap();
            assert!(
                stderr.lines().any(|l| l.starts_with("error: ")),
                "{what}: a line says what went wrong: {stderr:?}"
            );
        }
    }
}

#[test]
fn output_that_cannot_be_written_is_not_a_bad_query() {
    let env = Env::initialised();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimgraph"))
        .arg("--store")
        .arg(env.store())
        .args([
            "query",
            "--format",
            "csv",
            "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
        ])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(i32::from(ExitStatus::Unexpected.code()))
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: cannot write results"),
        "{stderr}"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_a_failure() {
    let env = Env::initialised();
    for args in [
        &["trace", "--format", "json"][..],
        &["analyze", "--format", "json"],
        &[
            "query",
            "--format",
            "csv",
            "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
        ],
    ] {
        // A pipe whose reader has gone: the first write that does not fit fails.
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimgraph"))
            .arg("--store")
            .arg(env.store())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
