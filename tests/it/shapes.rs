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

/// A store that already breaks the shapes (loaded with `--no-validate`) still takes a validated
/// load that does not add to it, with the old violation told on standard error; a load that does
/// add one is refused, and leaves the store as it was.
#[test]
fn a_validated_load_is_stopped_only_by_what_it_breaks() {
    let env = crate::support::Env::initialised();
    let broken = repo_file("tests/broken/missing-interpreted-by.ttl");
    let output = env
        .cmd()
        .args(["load", "--no-validate"])
        .arg(&broken)
        .output()
        .unwrap();
    assert!(output.status.success());
    let prefixes = "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n\
                    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
                    @prefix ex: <http://example.org/> .\n";
    // A label for the response that has no reading: the load touches it, but does not break it.
    let label = env.write(
        "label.ttl",
        &format!("{prefixes}ex:unread rdfs:label \"unread\"@en .\n"),
    );
    let output = env.cmd().arg("load").arg(&label).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("already in the store: <http://example.org/unread>")
            && stderr.contains("interpretedBy"),
        "{stderr}"
    );
    // A second response without a reading is this load's own doing.
    let before = env.quad_count();
    let more = env.write(
        "more.ttl",
        &format!(
            "{prefixes}ex:another a cg:Support ; cg:fromClaim ex:reply ; cg:toClaim ex:claim .\n"
        ),
    );
    let output = env.cmd().arg("load").arg(&more).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(7), "{stderr}");
    assert!(
        stderr.contains("more.ttl:4: <http://example.org/another>"),
        "{stderr}"
    );
    assert!(!stderr.contains("already in the store"), "{stderr}");
    assert_eq!(env.quad_count(), before);
}
