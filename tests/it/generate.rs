//! `generate`: synthetic controversies that the tool, and an engine we did not write, accept.

use crate::shapes;
use crate::support::{value, Env};

#[test]
fn a_generated_controversy_conforms_for_pyshacl_and_loads_validated() {
    let env = Env::new();
    let path = env.write("generated.ttl", "");
    env.cmd()
        .args(["generate", "--claims", "1500", "--seed", "11", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicates::str::contains("1500 claims"));
    let (conforms, report) = shapes::validate(&path);
    assert!(conforms, "pySHACL: {report}");
    env.cmd().arg("load").arg(&path).assert().success();
    let rows = env.rows(&["SELECT (COUNT(?c) AS ?n) WHERE { ?c a/rdfs:subClassOf* cg:Claim }"]);
    // The bundled controversy was not loaded: every claim is a generated one.
    assert_eq!(value(&rows[0], "n"), "1500");
}

#[test]
fn the_same_seed_writes_the_same_bytes_to_a_file_or_to_standard_output() {
    let env = Env::new();
    let path = env.write("a.nt", "");
    env.cmd()
        .args(["generate", "--claims", "800", "--seed", "3", "-o"])
        .arg(&path)
        .assert()
        .success();
    let stdout = env
        .cmd()
        .args(["generate", "--claims", "800", "--seed", "3"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(std::fs::read(&path).unwrap(), stdout);
    assert!(stdout.starts_with(b"<https://w3id.org/claimgraph/id/synthetic/3/"));
}

#[test]
fn a_dataset_format_is_refused_as_usage() {
    Env::new()
        .cmd()
        .args(["generate", "--claims", "10", "--format", "nq"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nt or ttl"));
}
