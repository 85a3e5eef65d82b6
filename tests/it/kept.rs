//! The argument graph kept beside the on-disk store never answers for a store that has changed:
//! not after a writer killed at any point, a kept file deleted, cut short or damaged, nor a
//! store written by a program that knows nothing of kept files (Oxigraph's own, as an older
//! claimgraph would). Brought up to date with what a load says it changed, it answers as the
//! store read whole does.

use crate::support::{generated_chain, kill_when_paused, repo_file, spawn, Env};
use std::path::PathBuf;
use std::process::Command;

/// The kept argument graph's file.
fn kept(env: &Env) -> PathBuf {
    env.store().join("claimgraph-kept-argument-graph")
}

/// The record of what writers changed since the graph was kept.
fn changes(env: &Env) -> PathBuf {
    env.store().join("claimgraph-kept-changes")
}

/// What the graph commands answer with every kept file deleted first: the store read whole.
fn answers_read_whole(env: &Env) -> String {
    for file in [kept(env), changes(env)] {
        let _ = std::fs::remove_file(file);
    }
    answers(env)
}

/// What the graph commands print: every trace, and the analysis.
fn answers(env: &Env) -> String {
    let trace = env.stdout(["trace", "--format", "json"]);
    let analysis = env.stdout(["analyze", "--format", "json"]);
    format!(
        "{}\n{}",
        String::from_utf8(trace).unwrap(),
        String::from_utf8(analysis).unwrap()
    )
}

/// A store with the bundled controversy and a chain of generated replies, and what the graph
/// commands answer on it, read with no graph kept; the graph is kept afterwards.
fn store_and_answers() -> (Env, String) {
    let env = Env::initialised();
    let chain = env.write("chain.nt", &generated_chain(300));
    env.cmd().arg("load").arg(&chain).assert().success();
    assert!(!kept(&env).exists(), "a load leaves no graph kept");
    let fresh = answers(&env);
    assert!(kept(&env).is_file(), "the first reader keeps the graph");
    (env, fresh)
}

#[test]
fn the_kept_graph_answers_as_the_store_does_and_any_reader_remakes_it() {
    let (env, fresh) = store_and_answers();
    assert_eq!(answers(&env), fresh, "answers from the kept graph differ");

    std::fs::remove_file(kept(&env)).unwrap();
    assert_eq!(answers(&env), fresh, "deleted, then read afresh");
    assert!(kept(&env).is_file());

    let whole = std::fs::read(kept(&env)).unwrap();
    let damaged: [(&str, Vec<u8>); 4] = [
        ("empty", Vec::new()),
        ("cut in its header", whole[..40].to_vec()),
        ("cut short", whole[..whole.len() * 2 / 3].to_vec()),
        ("a byte flipped", {
            let mut bytes = whole.clone();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x20;
            bytes
        }),
    ];
    for (what, bytes) in damaged {
        std::fs::write(kept(&env), bytes).unwrap();
        assert_eq!(answers(&env), fresh, "kept file {what}");
        assert_eq!(
            std::fs::read(kept(&env)).unwrap(),
            whole,
            "kept file {what}: made again as it was"
        );
    }
}

#[test]
fn readers_see_a_writers_change_patched_into_the_kept_graph_or_read_whole() {
    let (env, fresh) = store_and_answers();
    let extra = env.write(
        "extra.ttl",
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         <urn:ex:late> a cg:Allegation ; rdfs:label \"a late allegation\"@en .\n",
    );
    env.cmd()
        .args(["load", "--no-validate"])
        .arg(&extra)
        .assert()
        .success();
    assert!(changes(&env).is_file(), "the load says what it changed");
    // Damaged, the record is not trusted: the next reader reads the store whole.
    let mut damaged = std::fs::read(changes(&env)).unwrap();
    *damaged.last_mut().unwrap() ^= 1;
    std::fs::write(changes(&env), &damaged).unwrap();
    let after = answers(&env);
    assert_ne!(after, fresh);
    assert!(after.contains("a late allegation"));
    assert_eq!(answers_read_whole(&env), after, "patched, then read whole");
    // Two loads before the next reader: both patched in.
    let extras: Vec<String> = (0..2)
        .map(|i| {
            env.write(
                &format!("extra-{i}.ttl"),
                &format!(
                    "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n\
                     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
                     <urn:ex:answer-{i}> a cg:Claim ; rdfs:label \"answer {i}\"@en .\n\
                     <urn:ex:response-{i}> a cg:Rebuttal ; cg:fromClaim <urn:ex:answer-{i}> ;\n\
                         cg:toClaim <urn:ex:late> .\n"
                ),
            )
            .display()
            .to_string()
        })
        .collect();
    for extra in &extras {
        env.cmd()
            .args(["load", "--no-validate", extra])
            .assert()
            .success();
    }
    let answered = answers(&env);
    assert!(answered.contains("answer 0") && answered.contains("answer 1"));
    assert_eq!(answers_read_whole(&env), answered);

    // A file loaded again replaces its graph: what the old one named is read again too.
    std::fs::write(
        &extra,
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         <urn:ex:late> a cg:Allegation ; rdfs:label \"a late allegation, reworded\"@en .\n",
    )
    .unwrap();
    env.cmd()
        .args(["load", "--no-validate"])
        .arg(&extra)
        .assert()
        .success();
    let reloaded = answers(&env);
    assert!(reloaded.contains("reworded"));
    assert!(!reloaded.contains("\"a late allegation\""), "{reloaded}");
    assert_eq!(answers_read_whole(&env), reloaded);

    // A drop cannot say what it changed: the next reader reads the store whole.
    answers(&env);
    for extra in &extras {
        env.cmd()
            .args(["drop", &format!("file://{extra}")])
            .assert()
            .success();
        assert!(!changes(&env).exists());
    }
    env.cmd()
        .args(["drop", &format!("file://{}", extra.display())])
        .assert()
        .success();
    assert_eq!(answers(&env), fresh);
}

#[test]
fn a_writer_killed_at_any_point_leaves_no_graph_kept_for_a_store_it_changed() {
    let (env, fresh) = store_and_answers();
    let more = env.write("more.nt", &generated_chain(2_000).replace("chain", "more"));
    for point in ["parse", "commit"] {
        let path = more.to_str().unwrap();
        kill_when_paused(
            spawn(&env, &["load", "--no-validate", path], Some(point)),
            point,
        );
        assert!(
            !changes(&env).exists(),
            "killed at {point}: changes recorded"
        );
        assert_eq!(answers(&env), fresh, "killed at {point}");
    }
    env.cmd().arg("load").arg(&more).assert().success();
    let loaded = answers(&env);
    assert_ne!(loaded, fresh);
}

/// Oxigraph's own command line, from the wheel that the test set-up installs.
fn oxigraph() -> String {
    let output = Command::new(repo_file("scripts/engine"))
        .args(["binary", "oxigraph"])
        .output()
        .expect("scripts/engine runs");
    assert!(
        output.status.success(),
        "no oxigraph binary: run scripts/install-deps --test"
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[test]
fn a_store_written_by_a_program_that_keeps_nothing_is_read_afresh() {
    let (env, fresh) = store_and_answers();
    // A small update, appended to RocksDB's log, as an older claimgraph would write it.
    let status = Command::new(oxigraph())
        .args(["update", "--location"])
        .arg(env.store())
        .args([
            "--update",
            "INSERT DATA { GRAPH <urn:ex:other> { \
             <urn:ex:other-claim> a <https://w3id.org/claimgraph/ns#Allegation> ; \
             <http://www.w3.org/2000/01/rdf-schema#label> \"written by another program\"@en } }",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let after = answers(&env);
    assert!(after.contains("written by another program"), "{after}");

    // A bulk load, which adds tables rather than appending to the log.
    let file = env.write(
        "bulk.ttl",
        "<urn:ex:bulk-claim> a <https://w3id.org/claimgraph/ns#Allegation> ; \
         <http://www.w3.org/2000/01/rdf-schema#label> \"loaded in bulk elsewhere\"@en .\n",
    );
    let status = Command::new(oxigraph())
        .args(["load", "--location"])
        .arg(env.store())
        .arg("--file")
        .arg(&file)
        .args(["--graph", "urn:ex:bulk"])
        .status()
        .unwrap();
    assert!(status.success());
    let bulk = answers(&env);
    assert!(bulk.contains("loaded in bulk elsewhere"));
    assert_ne!(bulk, fresh);
}

/// `analyze --write` changes the store only where the reader does not read: its close keeps the
/// graph it read, for the store as the write left it, and the next reader decodes that graph
/// (the file is not made again) and answers as a fresh read does.
#[test]
fn results_written_back_keep_the_graph_they_were_computed_from() {
    let (env, fresh) = store_and_answers();
    for semantics in ["grounded", "stable", "df-quad"] {
        env.cmd()
            .args(["analyze", "--semantics", semantics, "--write"])
            .assert()
            .success();
        let written = std::fs::read(kept(&env))
            .unwrap_or_else(|_| panic!("{semantics}: no graph kept by the writer"));
        assert_eq!(answers(&env), fresh, "{semantics}: from the kept graph");
        assert_eq!(
            std::fs::read(kept(&env)).unwrap(),
            written,
            "{semantics}: the writer's graph named the store as it is: not made again"
        );
        std::fs::remove_file(kept(&env)).unwrap();
        assert_eq!(answers(&env), fresh, "{semantics}: read afresh");
    }
}
