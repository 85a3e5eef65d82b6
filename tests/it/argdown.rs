//! Argdown as a way in and out of the graph: a map written by hand loads like any source, the
//! bundled controversy survives the trip through Argdown, Argdown's own tool reads what we
//! write, and three AraucariaDB maps written in Argdown give the graph their AIF JSON gives.

use crate::support::{repo_file, value, Env};
use claimgraph::bundled;
use claimgraph::ingest::{Format, Source};
use claimgraph::query::{self, QueryOutput};
use claimgraph::validate::Shapes;
use claimgraph::ClaimStore;
use oxigraph::model::Term;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Every named query's rows, as sorted lines of JSON bindings.
fn answers(env: &Env) -> BTreeMap<&'static str, Vec<String>> {
    bundled::NAMED_QUERIES
        .iter()
        .map(|named| {
            let mut rows: Vec<String> = env
                .rows(&["--named", named.name])
                .iter()
                .map(|row| serde_json::to_string(row).unwrap())
                .collect();
            rows.sort();
            (named.name, rows)
        })
        .collect()
}

#[test]
fn the_bundled_controversy_survives_the_trip_through_argdown() {
    let original = Env::initialised();
    let file = original.write("controversy.argdown", "");
    let output = original
        .cmd()
        .args(["export", "argdown", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        output.stderr.is_empty(),
        "nothing the store holds is lost or invented: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let copy = Env::new();
    copy.stdout(["load".as_ref(), file.as_os_str()]);
    let before = answers(&original);
    assert!(before.values().filter(|rows| !rows.is_empty()).count() >= 8);
    assert_eq!(answers(&copy), before, "every named query answers the same");
    for command in [
        &["trace", "--format", "json"][..],
        &["analyze", "--format", "json"],
    ] {
        assert_eq!(
            copy.stdout(command),
            original.stdout(command),
            "{command:?} gives the same"
        );
    }

    // Argdown's own tool reads the export: a statement per claim, a relation per response
    // whose kind Argdown has (support or attack).
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(repo_file("node_modules/.bin/argdown"))
        .arg("json")
        .arg(&file)
        .arg(out.path())
        .output()
        .expect("Argdown's command-line tool: run scripts/install-deps --test");
    assert!(status.status.success(), "{status:?}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("controversy.json")).unwrap())
            .unwrap();
    let claims = original
        .rows(&["SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a/rdfs:subClassOf* cg:Claim }"]);
    assert_eq!(
        json["statements"].as_object().unwrap().len().to_string(),
        value(&claims[0], "n")
    );
    let typed = original.rows(&[
        "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a/rdfs:subClassOf* ?k VALUES ?k { cg:Attack cg:Support } }",
    ]);
    assert_eq!(
        json["relations"].as_array().unwrap().len().to_string(),
        value(&typed[0], "n")
    );
}

#[test]
fn a_map_written_by_hand_loads_with_its_extras() {
    let env = Env::new();
    // The example of the README, so that what it shows keeps working.
    let readme = std::fs::read_to_string(repo_file("README.md")).unwrap();
    let example = readme
        .split("```argdown\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README shows an Argdown example");
    let file = env.write("debate.argdown", example);
    env.stdout(["load".as_ref(), file.as_os_str()]);
    let rows = env.rows(&[
        "SELECT ?kind ?scheme ?reader WHERE { ?r cg:fromClaim/rdfs:label \"Hypocrisy\"@en ; a ?kind ;
            cg:scheme ?scheme ; cg:interpretedBy/rdfs:label ?reader }",
    ]);
    assert_eq!(rows.len(), 1);
    assert!(value(&rows[0], "kind").ends_with("#CounterAccusation"));
    assert!(value(&rows[0], "scheme").ends_with("#TuQuoque"));
    assert_eq!(value(&rows[0], "reader"), "Editors");
    let quote = env.rows(&[
        "SELECT ?text ?translation ?speaker ?likes WHERE { ?q cg:expresses/rdfs:label \"Attacks\"@en ;
            cg:originalText ?text ; cg:translation/cg:text ?translation ; cg:speaker/rdfs:label ?speaker ;
            schema:interactionStatistic/schema:userInteractionCount ?likes }",
    ]);
    assert_eq!(
        [
            value(&quote[0], "text"),
            value(&quote[0], "translation"),
            value(&quote[0], "speaker"),
            value(&quote[0], "likes")
        ],
        [
            "我们发现了工业级的蒸馏攻击",
            "We found industrial-scale distillation attacks",
            "Anthropic",
            "251"
        ]
    );
    // Queries, traces and semantics work on it like on any controversy.
    let responses = env.rows(&["--named", "responses"]);
    assert_eq!(responses.len(), 2, "{responses:?}");
    let trace = String::from_utf8(env.stdout(["trace"])).unwrap();
    assert!(trace.contains("counter-accusation"), "{trace}");
    env.stdout(["export", "dot"]);
}

#[test]
fn a_syntax_error_names_line_and_column_and_loads_nothing() {
    let env = Env::initialised();
    let before = env.quad_count();
    let file = env.write(
        "broken.argdown",
        "[A]: a claim.\n\n  + [B]: a reason after an empty line.\n",
    );
    let output = env.cmd().arg("load").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.argdown:3:3: "), "{stderr}");
    assert_eq!(env.quad_count(), before);

    let file = env.write(
        "kind.argdown",
        "[A]: a.\n  <- [B]: b. {answers: {A: {kind: insult}}}\n",
    );
    let output = env.cmd().arg("load").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("kind.argdown:2:6: insult: names no kind of response"),
        "{stderr}"
    );
}

/// What a store says of its argument: the statements of its claims, its responses as (kind,
/// premises, conclusion, scheme) and its quotes as (text, claim).
type Outline = (
    BTreeSet<String>,
    BTreeSet<(String, Vec<String>, String, String)>,
    BTreeSet<(String, String)>,
);

fn outline(store: &ClaimStore) -> Outline {
    // Each row as the values of `variables`, "" where unbound.
    let rows = |sparql: &str, variables: &[&str]| -> Vec<Vec<String>> {
        let QueryOutput::Solutions { rows, .. } = query::run(store, "test", sparql).unwrap() else {
            panic!("a SELECT")
        };
        rows.iter()
            .map(|row| {
                variables
                    .iter()
                    .map(|v| match row.get(*v) {
                        Some(Term::Literal(l)) => l.value().to_owned(),
                        Some(other) => other.to_string(),
                        None => String::new(),
                    })
                    .collect()
            })
            .collect()
    };
    let claims = rows(
        "SELECT ?s WHERE { ?c a cg:Claim ; cg:statement ?s }",
        &["s"],
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    let mut responses: BTreeMap<String, (String, Vec<String>, String, String)> = BTreeMap::new();
    for r in rows(
        "SELECT ?r ?kind ?premise ?conclusion ?scheme WHERE { ?r a ?kind ;
            cg:fromClaim/cg:statement ?premise ; cg:toClaim/cg:statement ?conclusion .
            ?kind rdfs:subClassOf+ cg:Response OPTIONAL { ?r cg:scheme/skos:notation ?scheme } }",
        &["r", "kind", "premise", "conclusion", "scheme"],
    ) {
        let entry = responses
            .entry(r[0].clone())
            .or_insert_with(|| (r[1].clone(), Vec::new(), r[3].clone(), r[4].clone()));
        entry.1.push(r[2].clone());
        entry.1.sort();
    }
    let quotes = rows(
        "SELECT ?t ?s WHERE { ?q cg:originalText ?t ; cg:expresses/cg:statement ?s }",
        &["t", "s"],
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect();
    (claims, responses.into_values().collect(), quotes)
}

fn loaded(path: &str, format: Format) -> ClaimStore {
    let file = repo_file(path);
    let source = Source::from_file(&file, Some(format), None)
        .unwrap()
        .with_language("en")
        .unwrap();
    let store = ClaimStore::in_memory().unwrap();
    store
        .loader()
        .with_schema()
        .validate(&Shapes::bundled())
        .load(&[source])
        .unwrap();
    store
}

#[test]
fn three_corpus_maps_written_in_argdown_give_the_graph_of_their_aif() {
    for map in ["nodeset118", "nodeset137", "nodeset200"] {
        let aif = outline(&loaded(
            &format!("data/aif-araucaria/{map}.json"),
            Format::Aif,
        ));
        let argdown = outline(&loaded(
            &format!("tests/argdown/araucaria-{map}.argdown"),
            Format::Argdown,
        ));
        assert!(!aif.1.is_empty());
        assert_eq!(argdown, aif, "{map}");
    }
}
