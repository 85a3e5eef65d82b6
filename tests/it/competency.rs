//! The competency questions, answered from the article by hand and checked against the real
//! binary on the bundled data.

use crate::support::{datatype, value, Env};
use std::collections::BTreeSet;

const MAIN: &str = "industrial-scale distillation attacks";

#[test]
fn q1_the_allegation_accuses_deepseek_moonshot_and_minimax() {
    let env = Env::initialised();
    let accused: Vec<String> = env
        .rows(&["--named", "accused-actors"])
        .iter()
        .filter(|row| value(row, "allegation") == MAIN)
        .map(|row| {
            assert_eq!(value(row, "claimant"), "Anthropic");
            value(row, "accused")
        })
        .collect();
    assert_eq!(accused, ["DeepSeek", "MiniMax", "Moonshot AI"]);
}

#[test]
fn q2_responses_to_the_allegation_come_most_liked_first() {
    let env = Env::initialised();
    let rows: Vec<_> = env
        .rows(&["--named", "responses"])
        .into_iter()
        .filter(|row| value(row, "allegation") == MAIN)
        .collect();
    // The allegation with the most answers is listed first.
    assert_eq!(
        value(&env.rows(&["--named", "responses"])[0], "allegation"),
        MAIN
    );

    let first: Vec<_> = rows
        .iter()
        .take(3)
        .map(|r| (value(r, "likes"), value(r, "type"), value(r, "quote")))
        .collect();
    assert_eq!(
        first,
        [
            (
                "251".into(),
                "rebuttal".into(),
                "HOW IS MODEL DISTILLATION STEALING 😭😭".into()
            ),
            (
                "121".into(),
                "undercut".into(),
                "so are they like paying customer here or whats up".into()
            ),
            (
                "44".into(),
                "support".into(),
                "问 Kimi K2.5 它是谁，温度调高点，它会告诉你它是 Claude".into()
            ),
        ]
    );
    assert!(
        rows[3..].iter().all(|r| value(r, "likes").is_empty()),
        "only three comments have a like count"
    );

    // Every reply the article attributes to the allegation is there, with its type.
    let answers: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (value(r, "response"), value(r, "type")))
        .collect();
    for expected in [
        (
            "Anthropic played the same game, at $8 billion",
            "counter-accusation",
        ),
        (
            "free scraping fine, paid use illegal?",
            "counter-accusation",
        ),
        (
            "Anthropic scraped GitHub against its ToS",
            "counter-accusation",
        ),
        (
            "Anthropic boasts it can de-anonymise users",
            "counter-accusation",
        ),
        (
            "metadata tracing may lack a GDPR basis",
            "counter-accusation",
        ),
        ("Moonshot is illegally distilled, like moonshine", "support"),
        ("agreeing with Musk", "response"),
        ("a national-security matter, not just copyright", "support"),
        ("24,000 paying customers are not an attack", "undercut"),
        ("a true allegation would go to court, not X", "rebuttal"),
        ("now Anthropic knows how artists feel", "counter-accusation"),
        (
            "Anthropic built itself on stolen web data",
            "counter-accusation",
        ),
    ] {
        assert!(
            answers.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "missing {expected:?} in {answers:?}"
        );
    }
    // The GDPR replies answer the metadata-tracing premise, and say so.
    let gdpr = rows
        .iter()
        .find(|r| value(r, "response") == "metadata tracing may lack a GDPR basis")
        .unwrap();
    assert_eq!(
        value(gdpr, "via"),
        "accounts traced to researchers via request metadata"
    );
    assert_eq!(value(gdpr, "scheme"), "argument from law");
}

#[test]
fn q3_quotes_per_faction() {
    let env = Env::initialised();
    let counts: Vec<(String, String)> = env
        .rows(&["--named", "quotes-per-faction"])
        .iter()
        .map(|r| (value(r, "faction"), value(r, "quotes")))
        .collect();
    let expected = [
        ("双标揭露派", "2"),
        ("付费客户派", "2"),
        ("GitHub 旧账派", "1"),
        ("隐私担忧派", "2"),
        ("讽刺玩梗派", "4"),
        ("国家安全派", "1"),
    ];
    assert_eq!(counts, expected.map(|(f, n)| (f.to_owned(), n.to_owned())));
}

#[test]
fn q4_the_allegation_asserts_its_figures_as_typed_integers() {
    let env = Env::initialised();
    let figures: Vec<(String, String, String)> = env
        .rows(&["--named", "allegation-figures"])
        .iter()
        .filter(|r| value(r, "allegation") == MAIN)
        .map(|r| (value(r, "value"), datatype(r, "value"), value(r, "unit")))
        .collect();
    let integer = "http://www.w3.org/2001/XMLSchema#integer".to_owned();
    assert_eq!(
        figures,
        [
            (
                "16000000".into(),
                integer.clone(),
                "exchange with Claude".into()
            ),
            ("24000".into(), integer, "fake account".into()),
        ]
    );
    // Money figures are numbers too, never strings.
    let money: Vec<String> = env
        .rows(&["--named", "allegation-figures"])
        .iter()
        .filter(|r| value(r, "unit") == "US dollar")
        .map(|r| format!("{} {}", value(r, "value"), datatype(r, "value")))
        .collect();
    assert_eq!(
        money,
        [
            "8000000000 http://www.w3.org/2001/XMLSchema#integer",
            "0 http://www.w3.org/2001/XMLSchema#integer"
        ]
    );
}

#[test]
fn q5_supporting_responses() {
    let env = Env::initialised();
    let support: BTreeSet<String> = env
        .rows(&["--named", "supporting-responses"])
        .iter()
        .filter(|r| value(r, "allegation") == MAIN)
        .map(|r| value(r, "response"))
        .collect();
    let expected: BTreeSet<String> = [
        "a national-security matter, not just copyright",
        "Kimi says it is Claude",
        "Moonshot is illegally distilled, like moonshine",
        "DeepSeek's cost advantage questioned",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(support, expected);
}

#[test]
fn q6_english_quotes_with_the_articles_chinese_translation() {
    let env = Env::initialised();
    let rows = env.rows(&["--named", "english-quotes"]);
    assert_eq!(rows.len(), 10, "ten quotes are given in English");
    let translated: Vec<(String, String)> = rows
        .iter()
        .filter(|r| !value(r, "chinese").is_empty())
        .map(|r| {
            assert_eq!(value(r, "translator"), "the article's author");
            (value(r, "original"), value(r, "chinese"))
        })
        .collect();
    assert_eq!(
        translated.len(),
        8,
        "the top comment and the Musk comment have no translation"
    );
    assert!(translated.contains(&(
        "so are they like paying customer here or whats up".into(),
        "所以他们算是付费客户还是怎么回事？".into()
    )));
    assert!(translated.contains(&(
        "It sucks to have your art scraped and stolen by an AI company doesn't it…".into(),
        "被 AI 公司抓取和窃取作品的感觉很糟糕，对吧……".into()
    )));
    let untranslated: BTreeSet<String> = rows
        .iter()
        .filter(|r| value(r, "chinese").is_empty())
        .map(|r| value(r, "original"))
        .collect();
    assert_eq!(
        untranslated,
        [
            "HOW IS MODEL DISTILLATION STEALING 😭😭",
            "I have to agree with Musk here"
        ]
        .map(str::to_owned)
        .into()
    );
}

#[test]
fn like_counts_appear_only_where_the_article_gives_a_number() {
    let env = Env::initialised();
    let likes: BTreeSet<String> = env
        .rows(&[
            "SELECT ?n WHERE { ?q schema:interactionStatistic/schema:userInteractionCount ?n }",
        ])
        .iter()
        .map(|r| value(r, "n"))
        .collect();
    assert_eq!(likes, ["121", "251", "44"].map(str::to_owned).into());
    let vague: BTreeSet<String> = env
        .rows(&["SELECT DISTINCT ?level WHERE { ?q cg:popularity/skos:prefLabel ?level FILTER(lang(?level) = 'zh') }"])
        .iter()
        .map(|r| value(r, "level"))
        .collect();
    assert_eq!(
        vague,
        ["多赞", "大量点赞", "大量认同", "高赞"]
            .map(str::to_owned)
            .into()
    );
}

#[test]
fn the_national_security_comment_answers_the_hypocrisy_responses() {
    let env = Env::initialised();
    let targets: BTreeSet<String> = env
        .rows(&["SELECT ?target WHERE { ?r cg:fromClaim dist:c-national-security ; cg:toClaim ?t ; a cg:Undercut . ?t cg:statement ?s ; rdfs:label ?target FILTER(lang(?target) = 'en') ?r2 cg:fromClaim ?t ; cg:scheme cg:TuQuoque }"])
        .iter()
        .map(|r| value(r, "target"))
        .collect();
    assert_eq!(targets.len(), 3, "{targets:?}");
}
