//! The corpus of broken inputs in `tests/broken/`: each file, run as `cases.json` says, must end
//! with exactly its expected error (message, location, exit code) and leave the store byte for
//! byte as it was. Where an input parses, pySHACL and `claimgraph validate` must agree on
//! whether it conforms.

use crate::support::{repo_file, Env};
use claimgraph::store::Access;
use claimgraph::ClaimStore;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Deserialize)]
struct Case {
    /// A file in `tests/broken/`, or one the test writes (see [`generated`]).
    input: String,
    /// The command's arguments; `{input}` is the input's path.
    run: Vec<String>,
    /// The expected exit code.
    exit: i32,
    /// The expected standard error, whole; `{input}` is the input's path.
    stderr: String,
    /// Whether the input together with the bundled data conforms to the shapes, as pySHACL and
    /// `validate` must both say; absent when the input does not parse.
    #[serde(default)]
    conforms: Option<bool>,
}

/// Inputs too large to keep in the repository, written when the test runs.
fn generated(name: &str, dir: &Path) -> Option<PathBuf> {
    let path = dir.join(name);
    match name {
        "long-line.nt" => {
            // One 100 MB line: a literal that never ends.
            let mut text = Vec::with_capacity(100 << 20);
            text.extend_from_slice(b"<urn:ex:a> <urn:ex:p> \"");
            text.resize(100 << 20, b'x');
            text.push(b'\n');
            std::fs::write(&path, text).unwrap();
        }
        _ => return None,
    }
    Some(path)
}

fn dump(env: &Env) -> String {
    ClaimStore::open(&env.store(), Access::ReadOnly)
        .unwrap()
        .dump_nquads()
        .unwrap()
}

#[test]
fn every_broken_input_gets_its_precise_error_and_changes_nothing() {
    let manifest = std::fs::read_to_string(repo_file("tests/broken/cases.json")).unwrap();
    let cases: Vec<Case> = serde_json::from_str(&manifest).unwrap();
    assert!(cases.len() >= 20, "the corpus shrank");
    let env = Env::initialised();
    let before = dump(&env);
    let scratch = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let path = generated(&case.input, scratch.path())
            .unwrap_or_else(|| repo_file(&format!("tests/broken/{}", case.input)));
        assert!(path.exists(), "{} is missing", case.input);
        let input = path.display().to_string();
        let args: Vec<String> = case
            .run
            .iter()
            .map(|a| a.replace("{input}", &input))
            .collect();
        let output = env.cmd().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).replace(&input, "{input}");
        if output.status.code() != Some(case.exit) || stderr != case.stderr {
            failures.push(format!(
                "{}: exit {:?}, stderr {stderr:?}; expected exit {}, stderr {:?}",
                case.input,
                output.status.code(),
                case.exit,
                case.stderr
            ));
        }
        assert!(dump(&env) == before, "{}: the store changed", case.input);
        if let Some(conforms) = case.conforms {
            assert_eq!(pyshacl_conforms(&path), conforms, "{}: pySHACL", case.input);
            let ours = env
                .cmd()
                .arg("validate")
                .arg(repo_file("data/distillation-attacks.ttl"))
                .arg(&path)
                .output()
                .unwrap();
            assert_eq!(ours.status.success(), conforms, "{}: validate", case.input);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// pySHACL's verdict on the bundled data and `input` together, with the ontology and RDFS
/// inference, as the shapes file's header says to run it.
fn pyshacl_conforms(input: &Path) -> bool {
    let script = r#"
import sys, rdflib, pyshacl
data = rdflib.Graph()
for path in sys.argv[3:]:
    data.parse(path)
conforms, _, text = pyshacl.validate(data, shacl_graph=sys.argv[1], ont_graph=sys.argv[2], inference="rdfs", advanced=True)
print(conforms)
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(repo_file("ontology/shapes.ttl"))
        .arg(repo_file("ontology/claimgraph.ttl"))
        .arg(repo_file("data/distillation-attacks.ttl"))
        .arg(input)
        .output()
        .expect("python3 runs");
    let verdict = String::from_utf8_lossy(&output.stdout);
    match verdict.trim() {
        "True" => true,
        "False" => false,
        _ => panic!(
            "pySHACL did not run; install it with `pip install -r tests/requirements.txt`: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}
