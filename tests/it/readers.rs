//! Kialo discussions and ClaimReview fact checks, loaded by the real binary from the fixtures:
//! found by their content, mapped to claims, actors and responses, and, for a feed with broken
//! records, loaded in part with each record left out named on standard error.

use crate::support::{repo_file, Env};
use serde_json::Value;

/// The values of a one-column query, as strings, sorted.
fn column(env: &Env, sparql: &str) -> Vec<String> {
    let mut values: Vec<String> = env
        .rows(&[sparql])
        .iter()
        .map(|row| match row.values().next() {
            Some(Value::Object(term)) => term["value"].as_str().unwrap_or_default().to_owned(),
            other => panic!("not a binding: {other:?}"),
        })
        .collect();
    values.sort();
    values
}

#[test]
fn a_kialo_export_is_found_by_its_content_and_keeps_its_tree() {
    let env = Env::new();
    let file = repo_file("tests/fixtures/kialo/school-uniforms.txt");
    let output = env.cmd().arg("load").arg(&file).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?path WHERE { ?r a cg:Support ; cg:treePath ?path }"
        ),
        ["1.1", "1.1.1.1", "1.1.2", "1.2.2", "1.3.2"]
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?path WHERE { ?r a cg:Attack ; cg:treePath ?path }"
        ),
        ["1.1.1", "1.2", "1.2.1", "1.3", "1.3.1"]
    );
    // The claim at 1.1.2 stands at 1.2.1 too: one claim, two responses.
    assert_eq!(
        column(
            &env,
            "SELECT ?path WHERE { ?r cg:fromClaim ?c ; cg:treePath ?path . ?c cg:treePath '1.1.2' }"
        ),
        ["1.1.2", "1.2.1"]
    );
    assert_eq!(
        column(&env, "SELECT ?s WHERE { ?c cg:treePath '1.1.2' ; cg:statement ?s }"),
        ["Families spend less on clothes when a uniform is required:\n- one set of school clothes instead of several outfits;\n- second-hand uniforms are easy to find."]
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?s WHERE { ?c cg:treePath '1.3.1' ; cg:statement ?s }"
        ),
        ["Pupils can express themselves in many ways besides clothes (art, writing, sport)."]
    );
}

#[test]
fn a_question_with_theses_loads_with_format_kialo_whatever_the_extension() {
    let env = Env::new();
    let text =
        std::fs::read_to_string(repo_file("tests/fixtures/kialo/city-transport.txt")).unwrap();
    let file = env.write("transport.kialo", &text);
    let output = env
        .cmd()
        .args(["load", "--lang", "en", "--format", "kialo"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?q WHERE { ?d a cg:Discussion ; cg:question ?q }"
        ),
        ["What should the city spend its transport budget on?"]
    );
    assert_eq!(
        column(&env, "SELECT ?t WHERE { ?d cg:thesis/cg:statement ?t }"),
        [
            "Lower fares on existing lines.",
            "More bus routes.",
            "Protected cycle lanes."
        ]
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?r WHERE { ?d cg:thesis ?t . ?r cg:fromClaim ?t }"
        ),
        Vec::<String>::new(),
        "a thesis answers the question, not as a pro or a con"
    );
}

#[test]
fn a_fact_check_feed_loads_its_sound_records_and_names_the_others() {
    let env = Env::new();
    let file = repo_file("tests/fixtures/claimreview/feed.json");
    let output = env.cmd().arg("load").arg(&file).output().unwrap();
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(&file.display().to_string(), "{input}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr,
        "warning: {input}:59:15: record /dataFeedElement/2/item left out: ratingValue 5 on a scale from 1 to 5 says true, its alternateName \"False\" the opposite\n\
         warning: {input}:69:15: record /dataFeedElement/3/item left out: no author: whose verdict it is cannot be said\n\
         warning: {input}:78:15: record /dataFeedElement/4/item left out: a record is a JSON object, not null\n"
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?claim WHERE { ?r a cg:FactCheck ; cg:toClaim/cg:statement ?claim }"
        ),
        [
            "El museo abre todos los lunes.",
            "Tap water in the city has ten times the legal limit of fluoride.",
            "The new bridge cost twice its budget.",
        ]
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?words WHERE { ?r a cg:FactCheck ; schema:reviewRating/schema:alternateName ?words FILTER(lang(?words) = 'es') }"
        ),
        ["Falso"]
    );
    assert_eq!(
        column(&env, "SELECT DISTINCT ?checker WHERE { ?r a cg:FactCheck ; cg:interpretedBy/rdfs:label ?checker }"),
        ["Example Fact Check", "Verifica Example"]
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?publisher WHERE { ?r a cg:FactCheck ; schema:sdPublisher/rdfs:label ?publisher }"
        ),
        ["Example Markup Tool", "Example Markup Tool"]
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?item WHERE { ?r a cg:FactCheck ; cg:toClaim/schema:url ?item }"
        ),
        ["https://claims.example.org/bridge-budget"]
    );
}

#[test]
fn one_fact_check_is_found_by_its_content_and_keeps_claimant_appearance_and_rating() {
    let env = Env::new();
    let file = repo_file("tests/fixtures/claimreview/single.json");
    let output = env.cmd().arg("load").arg(&file).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "nothing left out");
    let rows = env.rows(&[
        "SELECT ?claimant ?where ?value ?best ?words ?checker WHERE {
           ?r a cg:FactCheck ; cg:toClaim ?c ; cg:interpretedBy/rdfs:label ?checker ;
              schema:reviewRating [ schema:ratingValue ?value ; schema:bestRating ?best ; schema:alternateName ?words ] .
           ?c cg:claimant/rdfs:label ?claimant ; schema:appearance ?where }",
    ]);
    let row: Vec<&str> = ["claimant", "where", "value", "best", "words", "checker"]
        .iter()
        .map(|k| rows[0][*k]["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        row,
        [
            "Sam Example",
            "https://social.example.org/@samexample/posts/1",
            "1",
            "5",
            "False",
            "Example Fact Check"
        ]
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(
        column(
            &env,
            "SELECT ?image WHERE { ?r a cg:FactCheck ; schema:image ?image }"
        ),
        ["https://factcheck.example.org/images/tap-water-fluoride.jpg"]
    );
    assert_eq!(
        column(
            &env,
            "SELECT ?why WHERE { ?r a cg:FactCheck ; schema:reviewRating/schema:ratingExplanation ?why }"
        ),
        ["The city's published water tests show fluoride well below the legal limit."]
    );
}

/// What a Kialo discussion means, as one sorted column: its title, each thesis, and each
/// response as `stance | answering text | answered text | path`.
fn discussion_meaning(env: &Env) -> Vec<String> {
    let mut meaning = column(
        env,
        "SELECT ?x WHERE { { ?d a cg:Discussion ; rdfs:label ?x } UNION \
         { ?d cg:thesis/cg:statement ?x } }",
    );
    meaning.extend(column(
        env,
        "SELECT (CONCAT(STR(?kind), ' | ', ?from, ' | ', ?to, ' | ', ?path) AS ?x) WHERE { \
         ?r a ?kind ; cg:fromClaim/cg:statement ?from ; cg:toClaim/cg:statement ?to ; \
         cg:treePath ?path FILTER(?kind IN (cg:Support, cg:Attack)) }",
    ));
    meaning.sort();
    meaning
}

#[test]
fn a_kialo_discussion_leaves_by_export_kialo_with_its_meaning_unchanged() {
    for fixture in ["city-transport.txt", "school-uniforms.txt"] {
        let original = Env::loaded(&repo_file(&format!("tests/fixtures/kialo/{fixture}")));
        let exported = original.write("exported.txt", "");
        original
            .cmd()
            .args(["export", "kialo", "-o"])
            .arg(&exported)
            .assert()
            .success();
        let copy = Env::loaded(&exported);
        let meaning = discussion_meaning(&original);
        assert!(meaning.len() > 8, "{meaning:?}");
        assert_eq!(meaning, discussion_meaning(&copy), "{fixture}");
    }
    // A store without a discussion has nothing to write, and says how to choose one.
    let env = Env::initialised();
    let output = env.cmd().args(["export", "kialo"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no Kialo discussion"));
}
