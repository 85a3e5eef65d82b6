//! Bad input of every kind: a one-line error that says what and where, the documented exit
//! code, and a store left exactly as it was.

use crate::support::{repo_file, Env};
use claimgraph::store::Access;
use claimgraph::ClaimStore;

/// Runs `args`, expects exit `code` and one line on stderr starting with `prefix`, and checks
/// the store still holds what it held before.
fn check(env: &Env, args: &[&str], code: i32, prefix: &str) -> String {
    let before = env.quad_count();
    let output = env.cmd().args(args).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line, not {stderr:?}");
    assert!(
        stderr.starts_with(prefix),
        "{stderr:?} should start with {prefix:?}"
    );
    assert_eq!(env.quad_count(), before, "the store changed");
    stderr
}

#[test]
fn a_malformed_file_names_file_line_and_column_and_loads_nothing() {
    let env = Env::initialised();
    let good = env.write("good.ttl", "<urn:ex:a> <urn:ex:p> <urn:ex:b> .\n");
    let bad = env.write(
        "bad.ttl",
        "@prefix ex: <urn:ex:> .\nex:a ex:p ex:b .\nex:c ex:p \"unterminated .\n",
    );
    let stderr = check(
        &env,
        &["load", good.to_str().unwrap(), bad.to_str().unwrap()],
        3,
        &format!("error: {}:3:", bad.display()),
    );
    assert!(stderr.contains("end of file"), "{stderr}");
}

#[test]
fn a_malformed_rdf_xml_file_is_refused() {
    let env = Env::initialised();
    let bad = env.write(
        "bad.rdf",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><oops",
    );
    check(
        &env,
        &["load", bad.to_str().unwrap()],
        3,
        &format!("error: {}: ", bad.display()),
    );
}

#[test]
fn an_unknown_format_is_refused() {
    let env = Env::initialised();
    let notes = env.write("notes.docx", "not rdf");
    let stderr = check(&env, &["load", notes.to_str().unwrap()], 3, "error: ");
    assert!(
        stderr.contains("notes.docx: unknown format \"docx\""),
        "{stderr}"
    );
    let good = env.write("good.ttl", "<urn:ex:a> <urn:ex:p> <urn:ex:b> .\n");
    let stderr = check(
        &env,
        &["load", "--format", "jsonld5", good.to_str().unwrap()],
        3,
        "error: ",
    );
    assert!(
        stderr.contains("--format: unknown format \"jsonld5\""),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let env = Env::initialised();
    let missing = env.store().with_file_name("missing.ttl");
    let stderr = check(
        &env,
        &["load", missing.to_str().unwrap()],
        3,
        &format!("error: {}: cannot read file: ", missing.display()),
    );
    assert!(stderr.contains("No such file"), "{stderr}");
}

#[test]
fn a_query_syntax_error_says_where() {
    let env = Env::initialised();
    check(
        &env,
        &["query", "SELECT ?s WHERE { ?s ?p }"],
        4,
        "error: query:1:",
    );
    let file = env.write("broken.rq", "SELECT ?s\nWHERE {\n  ?s nope:x ?o\n}\n");
    check(
        &env,
        &["query", "-f", file.to_str().unwrap()],
        4,
        &format!("error: {}:3:12: undeclared prefix", file.display()),
    );
}

#[test]
fn an_unknown_named_query_lists_the_known_ones() {
    let env = Env::initialised();
    let stderr = check(
        &env,
        &["query", "--named", "nope"],
        4,
        "error: no named query \"nope\"",
    );
    assert!(stderr.contains("responses"), "{stderr}");
}

#[test]
fn an_unfit_output_format_is_refused() {
    let env = Env::initialised();
    check(
        &env,
        &["query", "ASK {}", "--format", "turtle"],
        4,
        "error: turtle cannot print ASK results",
    );
}

#[test]
fn a_store_held_by_another_process_is_reported_and_unharmed() {
    let env = Env::initialised();
    let before = env.quad_count();
    {
        let _held = ClaimStore::open(&env.store(), Access::ReadWrite).unwrap();
        let good = repo_file("tests/fixtures/one.nt");
        let output = env
            .cmd()
            .args(["load", good.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(5), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(&format!(
                "error: store {} is in use by another process",
                env.store().display()
            )),
            "{stderr}"
        );
    }
    assert_eq!(env.quad_count(), before);
}

#[test]
fn usage_errors_exit_with_two() {
    let env = Env::new();
    env.cmd().arg("load").assert().code(2);
    env.cmd().args(["frobnicate"]).assert().code(2);
}
