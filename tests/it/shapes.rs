//! The SHACL shapes, checked by an independent engine (pySHACL, installed by
//! `tests/requirements.txt`): the bundled data conforms, and data that breaks the rules does not.

use crate::support::repo_file;
use std::path::Path;
use std::process::Command;

/// pySHACL's verdict on `data` (with the ontology) and its report.
pub fn validate(data: &Path) -> (bool, String) {
    let output = Command::new("python3")
        .args(["-m", "pyshacl", "--inference", "rdfs", "--shacl"])
        .arg(repo_file("ontology/shapes.ttl"))
        .arg("--ont-graph")
        .arg(repo_file("ontology/claimgraph.ttl"))
        .arg(data)
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
    let (conforms, report) = validate(&repo_file("data/distillation-attacks.ttl"));
    assert!(conforms, "{report}");
}

#[test]
fn the_shapes_catch_each_broken_rule() {
    let (conforms, report) = validate(&repo_file("tests/fixtures/invalid.ttl"));
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
