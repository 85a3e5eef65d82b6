//! The ICCMA questions asked of the bundled controversy in the store: `analyze --semantics` for
//! every semantics, and `--accepted CLAIM --credulous|--sceptical` with its explanation.

use crate::support::Env;
use serde_json::Value;

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
    // The ontology has terms for grounded and preferred labels only: anything else is refused
    // before the store is opened to write.
    let output = env
        .cmd()
        .args(["analyze", "--semantics", "stage", "--write"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("no terms for stage semantics"));
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
