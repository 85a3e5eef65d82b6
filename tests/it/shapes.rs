//! The SHACL shapes, checked by an independent engine (pySHACL, installed by
//! `tests/requirements.txt`): the bundled data conforms, and data that breaks the rules does not.

use crate::support::repo_file;
use std::process::Command;

fn validate(data: &str) -> (bool, String) {
    let output = Command::new("python3")
        .args(["-m", "pyshacl", "--inference", "rdfs", "--shacl"])
        .arg(repo_file("ontology/shapes.ttl"))
        .arg("--ont-graph")
        .arg(repo_file("ontology/claimgraph.ttl"))
        .arg(repo_file(data))
        .output()
        .expect("python3 runs");
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        report.contains("Conforms:"),
        "pySHACL did not run; install it with `pip install -r tests/requirements.txt`.\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (report.contains("Conforms: True"), report)
}

#[test]
fn the_bundled_controversy_conforms_to_the_shapes() {
    let (conforms, report) = validate("data/distillation-attacks.ttl");
    assert!(conforms, "{report}");
}

#[test]
fn the_shapes_catch_each_broken_rule() {
    let (conforms, report) = validate("tests/fixtures/invalid.ttl");
    assert!(!conforms);
    for message in [
        "an allegation must accuse at least one actor",
        "a translation must say who translated it",
        "a counter-accusation must accuse the claimant of the claim it answers",
        "a figure's value is a typed number or year, never a string",
        "a claim cannot respond to itself",
    ] {
        assert!(report.contains(message), "no {message:?} in:\n{report}");
    }
}
