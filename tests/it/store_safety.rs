//! The on-disk store under stress: readers beside readers, writers refused beside anyone, loads
//! killed with SIGKILL while parsing and while committing, and paths that hold no store.

use crate::support::{generated_chain, kill_when_paused, spawn, Env};
use claimgraph::store::Access;
use claimgraph::ClaimStore;
use std::time::Duration;

/// The store's content, byte for byte, read the way any reader would.
fn dump(env: &Env) -> String {
    ClaimStore::open(&env.store(), Access::ReadOnly)
        .expect("the store opens without repair")
        .dump_nquads()
        .expect("the store reads")
}

#[test]
fn a_load_killed_while_parsing_leaves_the_store_as_it_was() {
    let env = Env::initialised();
    let before = dump(&env);
    let a = env.write("a.ttl", "<urn:ex:a> <urn:ex:p> <urn:ex:b> .\n");
    let b = env.write("b.ttl", "<urn:ex:c> <urn:ex:p> <urn:ex:d> .\n");
    let child = spawn(
        &env,
        &[
            "load",
            "--no-validate",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
        Some("parse"),
    );
    kill_when_paused(child, "parse");
    assert!(
        dump(&env) == before,
        "a load killed while parsing changed the store"
    );
}

#[test]
fn a_load_killed_before_its_transaction_commits_leaves_the_store_as_it_was() {
    let env = Env::initialised();
    let before = dump(&env);
    // Reloading the bundled file's graph clears it inside the transaction: the kill must not
    // leave it cleared.
    let file = env.write("one.ttl", "<urn:ex:a> <urn:ex:p> <urn:ex:b> .\n");
    let child = spawn(
        &env,
        &[
            "load",
            "--graph",
            "https://w3id.org/claimgraph/graph/distillation-attacks",
            "--no-validate",
            file.to_str().unwrap(),
        ],
        Some("commit"),
    );
    kill_when_paused(child, "commit");
    assert!(
        dump(&env) == before,
        "a load killed before its commit changed the store"
    );
    env.cmd()
        .args(["query", "ASK { ?a a cg:Allegation }"])
        .assert()
        .success()
        .stdout("true\n");
}

/// The lines of `after` that are not in `before`, when `after` holds all of `before`, leaving
/// out the metadata graph, where a load describes what it wrote.
fn added(before: &str, after: &str) -> Option<usize> {
    let metadata = format!("<{}> .", claimgraph::bundled::METADATA_GRAPH);
    let data = |dump: &str| -> Vec<String> {
        dump.lines()
            .filter(|line| !line.ends_with(&metadata))
            .map(str::to_owned)
            .collect()
    };
    let (before, after) = (data(before), data(after));
    before
        .iter()
        .all(|line| after.binary_search(line).is_ok())
        .then(|| after.len() - before.len())
}

#[test]
fn a_bulk_load_killed_before_or_during_its_commit_is_all_or_nothing() {
    let chain = generated_chain(25_000);
    let chain_quads = chain.lines().count();

    // At the pause point every sorted file is written and none is in the store yet.
    let env = Env::initialised();
    let before = dump(&env);
    let file = env.write("chain.nt", &chain);
    let path = file.to_str().unwrap();
    kill_when_paused(
        spawn(&env, &["load", "--no-validate", path], Some("commit")),
        "commit",
    );
    assert!(
        dump(&env) == before,
        "a load killed before its commit changed the store"
    );
    // The files left behind do not stand in the way of the same load, done to the end.
    let started = std::time::Instant::now();
    let output = env
        .cmd()
        .args(["load", "--no-validate", path])
        .output()
        .unwrap();
    let full = started.elapsed();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("bulk loader"),
        "large enough for the bulk loader: {stdout}"
    );
    assert_eq!(added(&before, &dump(&env)), Some(chain_quads));

    // Killed at moments spread over a whole load's duration, the last ones around its commit:
    // all of it or none.
    let mut outcomes = Vec::new();
    for percent in [30, 60, 85, 95, 100, 105] {
        let delay_ms = full.as_millis() as u64 * percent / 100;
        let env = Env::initialised();
        let before = dump(&env);
        let file = env.write("chain.nt", &chain);
        let mut child = spawn(
            &env,
            &["load", "--no-validate", file.to_str().unwrap()],
            None,
        );
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        let added = added(&before, &dump(&env));
        assert!(
            added == Some(0) || added == Some(chain_quads),
            "killed after {delay_ms} ms: {added:?} quads added, a partial load"
        );
        outcomes.push((delay_ms, added == Some(chain_quads)));
    }
    eprintln!("a full load took {full:?}; (killed after ms, load complete): {outcomes:?}");
}

#[test]
fn readers_share_the_store_and_writers_are_refused_beside_anyone() {
    let env = Env::initialised();
    let held = ClaimStore::open(&env.store(), Access::ReadOnly).unwrap();
    env.cmd().args(["query", "ASK {}"]).assert().success();
    env.cmd()
        .args(["trace", "c-cheaper-game"])
        .assert()
        .success();
    let file = env.write("one.ttl", "<urn:ex:a> <urn:ex:p> <urn:ex:b> .\n");
    let output = env
        .cmd()
        .args(["load", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "error: store {} is in use by another process\n",
            env.store().display()
        )
    );
    drop(held);

    let writer = ClaimStore::open(&env.store(), Access::ReadWrite).unwrap();
    let output = env.cmd().args(["query", "ASK {}"]).output().unwrap();
    assert_eq!(output.status.code(), Some(5));
    // The writer, this test, is named by its process id and command line.
    let stderr = String::from_utf8(output.stderr).unwrap();
    let expected = format!(
        "error: store {} is in use by another process that writes to it (pid {}: ",
        env.store().display(),
        std::process::id()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(
        stderr.ends_with("); try again when it is done\n"),
        "{stderr}"
    );
    drop(writer);
    env.cmd()
        .args(["load", file.to_str().unwrap(), "--no-validate"])
        .assert()
        .success();
}

#[test]
fn a_path_without_a_store_is_an_error_except_for_load_and_init() {
    let env = Env::new();
    for args in [
        &["query", "ASK {}"][..],
        &["trace"],
        &["analyze"],
        &["export", "dot"],
        &["graphs"],
        &["validate"],
    ] {
        let output = env.cmd().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(5), "{args:?}");
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            format!(
                "error: no store at {} (`claimgraph init` or `claimgraph load` creates one)\n",
                env.store().display()
            ),
            "{args:?}"
        );
        assert!(!env.store().exists(), "{args:?} created a store");
    }
    let file = env.write("one.ttl", "<urn:ex:a> <urn:ex:p> <urn:ex:b> .\n");
    env.cmd()
        .args(["load", file.to_str().unwrap()])
        .assert()
        .success();
    env.cmd()
        .args(["query", "ASK { <urn:ex:a> ?p ?o }"])
        .assert()
        .success()
        .stdout("true\n");
}

#[test]
fn a_bulk_load_broken_on_its_last_line_leaves_the_store_as_it_was() {
    // Large enough for the bulk loader: by the time the error is read, every chunk before it
    // has gone into sorted files that must never reach the store.
    let env = Env::initialised();
    let before = dump(&env);
    let mut data = env
        .cmd()
        .args(["generate", "--claims", "6000", "--seed", "4"])
        .output()
        .unwrap()
        .stdout;
    assert!(data.len() > claimgraph::store::BULK_THRESHOLD_BYTES);
    let lines = data.iter().filter(|&&b| b == b'\n').count();
    data.extend_from_slice(b"<urn:a> <urn:b> \"unterminated .\n");
    let path = env.write("broken.nt", &String::from_utf8(data).unwrap());
    env.cmd()
        .args(["load", "--no-validate"])
        .arg(&path)
        .assert()
        .code(3)
        .stderr(predicates::str::contains(format!(
            "broken.nt:{}:",
            lines + 1
        )));
    assert!(dump(&env) == before, "a failed bulk load changed the store");
    let leftovers: Vec<_> = std::fs::read_dir(env.store())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("bulk-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "sorted files left behind: {leftovers:?}"
    );
}
