//! The ICCMA questions asked of the bundled controversy in the store: `analyze --semantics` for
//! every semantics, and `--accepted CLAIM --credulous|--sceptical` with its explanation.

use crate::support::{value, Env};
use argsem::reasoning::Semantics;
use claimgraph::bundled::acceptance_graph;
use serde_json::Value;
use std::collections::BTreeMap;

fn json(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["analyze", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_slice(&env.stdout(all)).expect("JSON")
}

/// Each claim's standing that `analyze --semantics` reports (computed component by component,
/// each certificate settling other claims) is what `--accepted` answers of it alone (asked of
/// the whole framework), for a claim of each standing and every semantics.
#[test]
fn standings_agree_with_the_questions_asked_one_by_one() {
    let env = Env::initialised();
    let claims = json(&env, &["--semantics", "grounded"]);
    assert!(!claims["labels"].as_array().unwrap().is_empty());
    let mut seen = std::collections::BTreeSet::new();
    for semantics in [
        "complete",
        "preferred",
        "stable",
        "semi-stable",
        "stage",
        "ideal",
    ] {
        let report = json(&env, &["--semantics", semantics]);
        assert_eq!(report["semantics"], semantics);
        let labels = report["labels"].as_array().unwrap();
        // One claim of each standing the semantics gives.
        let mut standings = std::collections::BTreeMap::new();
        for row in labels {
            let (standing, claim) = (row[0].as_str().unwrap(), row[1].as_str().unwrap());
            standings
                .entry(standing.to_owned())
                .or_insert(claim.to_owned());
        }
        for (standing, label) in &standings {
            seen.insert(standing.clone());
            let claim = iri_of(&env, label);
            let ask = |mode: &str| {
                json(
                    &env,
                    &["--semantics", semantics, "--accepted", &claim, mode],
                )
            };
            let credulous = ask("--credulous");
            let sceptical = ask("--sceptical");
            let expected = match standing.as_str() {
                "sceptical" => (true, true),
                "credulous" => (true, false),
                "rejected" => (false, false),
                other => panic!("standing {other}"),
            };
            assert_eq!(
                (credulous["accepted"] == true, sceptical["accepted"] == true),
                expected,
                "{semantics}: {label} is {standing}"
            );
            // The certificates say what they show.
            if credulous["accepted"] == true {
                let extension = credulous["extension"].as_array().unwrap();
                assert!(extension.iter().any(|c| c == label.as_str()), "{label}");
            }
            if sceptical["accepted"] == false {
                let extension = sceptical["extension"].as_array().unwrap();
                assert!(!extension.iter().any(|c| c == label.as_str()), "{label}");
            }
            assert!(!credulous["reason"].as_str().unwrap().is_empty());
        }
    }
    assert!(
        seen.contains("sceptical") && seen.contains("rejected"),
        "the bundled controversy has claims of both standings: {seen:?}"
    );
}

/// The IRI of the claim with this label, as `--accepted` takes it.
fn iri_of(env: &Env, label: &str) -> String {
    let query = format!(
        "SELECT ?c WHERE {{ ?c rdfs:label ?l FILTER(str(?l) = {}) }}",
        serde_json::to_string(label).unwrap()
    );
    let rows = env.rows(&[&query]);
    crate::support::value(&rows[0], "c")
}

#[test]
fn explanations_and_refusals() {
    let env = Env::initialised();
    let text = String::from_utf8(env.stdout([
        "analyze",
        "--semantics",
        "preferred",
        "--accepted",
        "c-distillation-attack",
        "--credulous",
    ]))
    .unwrap();
    assert!(
        text.starts_with(
            "industrial-scale distillation attacks: not credulously accepted under preferred semantics\n  because it is attacked by “"
        ),
        "{text}"
    );
    let text = String::from_utf8(env.stdout([
        "analyze",
        "--semantics",
        "stable",
        "--accepted",
        "c-distillation-not-stealing",
        "--sceptical",
    ]))
    .unwrap();
    assert_eq!(
        text,
        "distillation is not stealing: sceptically accepted under stable semantics\n  because \
         it is in the grounded extension: unattacked, or defended by the unattacked\n"
    );
    let output = env
        .cmd()
        .args(["analyze", "--accepted", "no-such-claim", "--credulous"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    let output = env
        .cmd()
        .args(["analyze", "--accepted", "c-distillation-attack"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "--credulous or --sceptical is needed"
    );
}

/// `analyze --write` stores, for every semantics, what `analyze` prints: each contested claim's
/// standing as `cg:acceptance` in the semantics' own graph, described by its semantics and,
/// where counted, its number of extensions; `graphs` says what the graph holds.
#[test]
fn every_semantics_writes_back_the_standings_it_prints() {
    let env = Env::initialised();
    for semantics in Semantics::ALL {
        let name = semantics.name();
        let report = json(&env, &["--semantics", name, "--write"]);
        let graph = acceptance_graph(semantics);
        // Grounded labels say more than in the extension or not, and stand in its place.
        let property = if semantics == Semantics::Grounded {
            "cg:groundedLabel"
        } else {
            "cg:acceptance"
        };
        let query = format!(
            "SELECT ?label ?standing WHERE {{ GRAPH <{graph}> {{ <{graph}> a cg:AcceptanceEvaluation ; \
             cg:extensionSemantics ?s . ?c {property} ?standing }} \
             ?s skos:prefLabel \"{name}\"@en . ?c rdfs:label ?label }}"
        );
        let written: BTreeMap<String, String> = env
            .rows(&[&query])
            .iter()
            .map(|row| (value(row, "label"), value(row, "standing")))
            .collect();
        let labels = report["labels"].as_array().unwrap();
        assert!(!labels.is_empty(), "{name}");
        for row in labels {
            let (word, claim) = (row[0].as_str().unwrap(), row[1].as_str().unwrap());
            let expected = match word {
                "sceptical" => "ScepticallyAccepted",
                "credulous" => "CredulouslyAccepted",
                "rejected" => "Rejected",
                "in" => "In",
                "out" => "Out",
                "undecided" => "Undecided",
                other => panic!("{name}: standing {other}"),
            };
            let standing = written
                .get(claim)
                .unwrap_or_else(|| panic!("{name}: nothing written of {claim}"));
            assert!(
                standing.ends_with(&format!("#{expected}")),
                "{name}: {claim}: {standing}"
            );
        }
        let count = env.rows(&[&format!(
            "SELECT ?n WHERE {{ GRAPH <{graph}> {{ <{graph}> cg:extensionCount ?n }} }}"
        )]);
        let expected = match semantics {
            Semantics::Grounded | Semantics::Ideal => Some("1".to_owned()),
            Semantics::Preferred => Some(report["extension_count"].to_string()),
            _ => None,
        };
        assert_eq!(count.first().map(|row| value(row, "n")), expected, "{name}");
    }
    // The named query puts the allegation's standings side by side, one row a semantics.
    let rows = env.rows(&["--named", "allegation-acceptance"]);
    let standings: BTreeMap<String, String> = rows
        .iter()
        .filter(|row| value(row, "allegation") == "industrial-scale distillation attacks")
        .map(|row| (value(row, "semantics"), value(row, "standing")))
        .collect();
    assert_eq!(standings.len(), Semantics::ALL.len(), "{rows:?}");
    let grounded = json(&env, &["--semantics", "grounded"]);
    let label = grounded["labels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row[1] == "industrial-scale distillation attacks")
        .map(|row| row[0].as_str().unwrap().to_owned())
        .unwrap();
    assert_eq!(standings["grounded"], label);
    let graphs: Value =
        serde_json::from_slice(&env.stdout(["graphs", "--format", "json"])).unwrap();
    for semantics in Semantics::ALL {
        let row = graphs
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["graph"] == acceptance_graph(semantics))
            .unwrap_or_else(|| panic!("{graphs:#}"));
        assert_eq!(
            row["role"],
            "acceptance under an extension semantics, from analyze --write"
        );
        assert_eq!(row["stale"], false);
    }
}

/// A framework without a stable extension (three claims in an odd cycle of attacks): the
/// written evaluation counts no extension and states no claim's acceptance, where "in every
/// extension" would hold of each, vacuously; what was written before is gone.
#[test]
fn a_framework_without_stable_extensions_is_written_as_such() {
    let env = Env::new();
    let cycle = env.write(
        "cycle.ttl",
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         @prefix ex: <http://example.org/odd/> .\n\
         ex:p a cg:Person ; rdfs:label \"P\"@en .\n\
         ex:a a cg:Claim ; rdfs:label \"a\"@en ; cg:statement \"A.\"@en ; cg:claimant ex:p .\n\
         ex:b a cg:Claim ; rdfs:label \"b\"@en ; cg:statement \"B.\"@en ; cg:claimant ex:p .\n\
         ex:c a cg:Claim ; rdfs:label \"c\"@en ; cg:statement \"C.\"@en ; cg:claimant ex:p .\n\
         ex:r1 a cg:Rebuttal ; cg:fromClaim ex:a ; cg:toClaim ex:b ; cg:interpretedBy ex:p .\n\
         ex:r2 a cg:Rebuttal ; cg:fromClaim ex:b ; cg:toClaim ex:c ; cg:interpretedBy ex:p .\n\
         ex:r3 a cg:Rebuttal ; cg:fromClaim ex:c ; cg:toClaim ex:a ; cg:interpretedBy ex:p .\n",
    );
    env.cmd().arg("load").arg(&cycle).assert().success();
    let graph = acceptance_graph(Semantics::Stable);
    // A stable extension first, so that the rewrite has something to remove.
    let extra = env.write(
        "extra.ttl",
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n\
         @prefix ex: <http://example.org/odd/> .\n\
         ex:r4 a cg:Rebuttal ; cg:fromClaim ex:a ; cg:toClaim ex:c ; cg:interpretedBy ex:p .\n",
    );
    env.cmd().arg("load").arg(&extra).assert().success();
    json(&env, &["--semantics", "stable", "--write"]);
    let stated = |env: &Env| {
        env.rows(&[&format!(
            "SELECT ?c WHERE {{ GRAPH <{graph}> {{ ?c cg:acceptance ?a }} }}"
        )])
        .len()
    };
    assert_eq!(stated(&env), 3, "a attacks b and c: {{a}} is stable");
    env.cmd()
        .arg("drop")
        .arg(
            env.rows(&["SELECT DISTINCT ?g WHERE { GRAPH ?g { ?r cg:fromClaim <http://example.org/odd/a> ; cg:toClaim <http://example.org/odd/c> } }"])
                .iter()
                .map(|row| value(row, "g"))
                .next()
                .unwrap(),
        )
        .assert()
        .success();
    let output = env
        .cmd()
        .args(["analyze", "--semantics", "stable", "--write"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no stable extension"));
    assert_eq!(stated(&env), 0);
    let count = env.rows(&[&format!(
        "SELECT ?n WHERE {{ GRAPH <{graph}> {{ <{graph}> cg:extensionCount ?n }} }}"
    )]);
    assert_eq!(value(&count[0], "n"), "0");
}
