//! `serve`'s pages, read by an HTTP client from the running binary: what they show is checked
//! against what the CLI says of the same store, and hostile data stays text.

use crate::support::{
    agent, generated_star, repo_file, value, Env, Page, Served, CONCLUSION_ROOTS,
};
use claimgraph::relation::Relation;
use serde_json::Value;
use std::collections::BTreeSet;

/// The `href` attributes of a page, in order.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&").replace("&#38;", "&"))
        .collect()
}

/// The rows of the table with this id, each as the text between `<tr>` and `</tr>`.
fn rows<'a>(html: &'a str, table: &str) -> Vec<&'a str> {
    let start = html
        .find(&format!("<table id=\"{table}\">"))
        .unwrap_or_else(|| panic!("no table {table}"));
    let body = &html[start..];
    let body = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    body.split("<tr>").skip(1).collect()
}

/// The items of the list with this id, as the text between its `<ul>` and `</ul>`.
fn list<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<ul id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no list {id}"));
    let body = &html[start..];
    &body[..body.find("</ul>").expect("the end of the list")]
}

/// Where the nodes of a page's map link to, in order.
fn map_links(html: &str) -> Vec<String> {
    let svg = &html[html.find("<svg").expect("an inline SVG map")..];
    svg.split("xlink:href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .collect()
}

/// One number a query counts.
fn count(env: &Env, sparql: &str) -> usize {
    value(&env.rows(&[sparql])[0], "n")
        .parse()
        .expect("a count")
}

fn html(page: Page) -> String {
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    assert!(
        page.policy.contains("default-src 'none'"),
        "every page forbids scripts: {:?}",
        page.policy
    );
    page.body
}

#[test]
fn the_index_lists_every_allegation_with_the_figures_the_cli_gives() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--quiet"]);
    let index = html(served.page("/"));
    let rows = rows(&index, "allegations");
    let allegations = count(
        &env,
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a/rdfs:subClassOf* cg:Allegation }",
    );
    // Beside them, the conclusions a debate starts from: answered, answering nothing.
    let conclusions = count(&env, CONCLUSION_ROOTS);
    assert_eq!(conclusions, 1, "the article's own verdict");
    assert_eq!(rows.len(), allegations + conclusions);
    assert!(index.contains(&format!("<h1>Debates ({})", allegations + conclusions)));
    let kinds = |kind: &str| {
        rows.iter()
            .filter(|row| row.contains(&format!("<td class=\"kind\">{kind}</td>")))
            .count()
    };
    assert_eq!(
        (kinds("Allegation"), kinds("Conclusion")),
        (allegations, conclusions)
    );

    // The grounded status of each row is the one `analyze` gives the same claim.
    let analysis: Value =
        serde_json::from_slice(&env.stdout(["analyze", "--format", "json"])).unwrap();
    let words = [
        ("in", "accepted"),
        ("out", "rejected"),
        ("undec", "undecided"),
    ];
    for row in &rows {
        let label = row.split("class=\"claim\"").nth(1).unwrap();
        let label = label[label.find('>').unwrap() + 1..label.find("</a>").unwrap()]
            .replace("&#34;", "\"")
            .replace("&#39;", "'")
            .replace("&#38;", "&")
            .replace("&amp;", "&");
        // `analyze` lists the claims in the attack framework; one outside it is unattacked,
        // hence in.
        let status = analysis["labels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|pair| pair[1] == label.as_str())
            .map_or("in", |pair| pair[0].as_str().unwrap())
            .to_owned();
        let word = words.iter().find(|(s, _)| status.starts_with(s)).unwrap().1;
        assert!(
            row.contains(&format!("<td class=\"status\">{word}</td>")),
            "{label}: {status}"
        );
    }

    // The first row is the most answered allegation, with as many answers as the store holds.
    let first = rows[0];
    assert!(first.contains("/claim/c-distillation-attack"), "{first}");
    let answers = count(
        &env,
        "SELECT (COUNT(*) AS ?n) WHERE { ?r cg:toClaim dist:c-distillation-attack ; cg:fromClaim ?p }",
    );
    let attacks = count(
        &env,
        "SELECT (COUNT(*) AS ?n) WHERE { ?r cg:toClaim dist:c-distillation-attack ; cg:fromClaim ?p ;
             a/rdfs:subClassOf* cg:Attack }",
    );
    assert!(
        first.contains(&format!(
            "<td class=\"num\">{answers}</td><td class=\"num\">{attacks}</td>"
        )),
        "{answers} answers and {attacks} attacks: {first}"
    );
    // Likes as the article gives them: a number where it has one, its words where it has none.
    assert!(
        index.contains("highly liked"),
        "a vague popularity is shown as words"
    );

    // Every link of the page leads somewhere.
    for href in links(&index) {
        if href.starts_with('/') && href != "/sparql" {
            assert_eq!(served.page(&href).status, 200, "{href}");
        }
    }
}

#[test]
fn a_claim_page_shows_its_quotes_hedges_answers_and_a_map_whose_nodes_link_to_claims() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--quiet"]);
    let page = html(served.page("/claim/c-distillation-attack"));
    // The quote behind the allegation, with its translation and speaker.
    assert!(page.contains("We have identified industrial-scale distillation attacks"));
    assert!(page.contains("我们已经识别出针对我们模型的工业级蒸馏攻击"));
    assert!(page.contains("Speaker: <a class=\"speaker\" href=\"/actor/anthropic\">Anthropic</a>"));
    // Every claim that answers it is listed, and so is each of its kinds.
    let answered_by = list(&page, "answered-by");
    let answers = count(
        &env,
        "SELECT (COUNT(*) AS ?n) WHERE { ?r cg:toClaim dist:c-distillation-attack ; cg:fromClaim ?p }",
    ) + count(
        &env,
        "SELECT (COUNT(*) AS ?n) WHERE { dist:c-distillation-attack cg:hasPremise ?p }",
    );
    assert_eq!(answered_by.matches("<li>").count(), answers);
    for relation in [
        Relation::Rebuttal,
        Relation::Undercut,
        Relation::CounterAccusation,
    ] {
        assert!(answered_by.contains(relation.name()), "{relation:?}");
    }
    // The map is inline SVG, and each of its nodes links to a claim page that exists.
    let nodes = map_links(&page);
    assert!(nodes.len() > answers / 2, "{} linked nodes", nodes.len());
    for node in &nodes {
        assert!(node.starts_with("/claim/"), "{node}");
        assert_eq!(served.page(node).status, 200, "{node}");
    }

    // A hedge, in the article's words: "if this comment is true".
    let hedged = html(served.page("/claim/c-github-scraping"));
    assert!(
        hedged.contains("这条评论如果属实"),
        "the conditional hedge is shown"
    );
    // Likes where the article gives a number.
    let liked = html(served.page("/claim/c-distillation-not-stealing"));
    assert!(
        liked.contains("<span class=\"likes\">251</span>"),
        "{liked}"
    );
}

#[test]
fn pages_in_chinese_label_everything_in_chinese_maps_included() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--quiet"]);
    let index = html(served.page("/?lang=zh"));
    assert!(index.contains("<html lang=\"zh\">"));
    assert!(index.contains("工业级蒸馏攻击"));
    assert!(index.contains("<th>主张者</th>"));
    for href in links(&index).iter().filter(|h| h.starts_with("/claim/")) {
        assert!(
            href.ends_with("?lang=zh"),
            "links keep the language: {href}"
        );
    }
    let claim = html(served.page("/claim/c-distillation-attack?lang=zh"));
    let answered_by = list(&claim, "answered-by");
    assert!(answered_by.contains(Relation::Rebuttal.name_zh()));
    assert!(!answered_by.contains(Relation::Rebuttal.name()));
    let svg = &claim[claim.find("<svg").unwrap()..];
    assert!(svg.contains(">图例</text>"), "the legend is in Chinese");
    assert!(svg.contains(&format!(">{}</text>", Relation::Rebuttal.name_zh())));
    assert!(!svg.contains(">Legend</text>"));
    // The way back to English.
    assert!(claim.contains("href=\"/claim/c-distillation-attack\" hreflang=\"en\""));
}

#[test]
fn an_actor_page_shows_what_it_claims_and_is_accused_of() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--quiet"]);
    let page = html(served.page("/actor/anthropic"));
    let claims = count(
        &env,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c cg:claimant dist:anthropic }",
    );
    let accused = count(
        &env,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c cg:accuses dist:anthropic }",
    );
    let items = |id: &str| list(&page, id).matches("<li>").count();
    assert_eq!(items("claims"), claims);
    assert_eq!(items("accused-in"), accused);
    assert!(accused > 3, "Anthropic is accused in several claims");
    // A hedged actor: "self-identified former GitHub employee".
    let hedged = html(served.page("/actor/former-github-employee"));
    assert!(hedged.contains("自称前 GitHub 员工"));
}

#[test]
fn the_query_page_runs_a_query_into_a_table() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--quiet"]);
    let form = html(served.page("/query"));
    assert!(form.contains("<textarea name=\"query\""));
    let query = "SELECT ?a WHERE { ?a a cg:Allegation }";
    let page = html(served.page(&format!(
        "/query?query={}",
        query.replace(' ', "+").replace('{', "%7B").replace('}', "%7D").replace('?', "%3F")
    )));
    let allegations = count(
        &env,
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a a cg:Allegation }",
    );
    assert_eq!(rows(&page, "results").len(), allegations);
    assert!(
        page.contains("<td>dist:c-distillation-attack</td>"),
        "IRIs abbreviated as the CLI does"
    );
    let broken = html(served.page("/query?query=SELECT+nonsense"));
    assert!(
        broken.contains("class=\"error\""),
        "a syntax error is shown"
    );
}

#[test]
fn unknown_pages_are_404_and_pages_take_only_get() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--quiet"]);
    for path in ["/claim/no-such-claim", "/actor/no-such-actor", "/nothing"] {
        let page = served.page(path);
        assert_eq!(page.status, 404, "{path}");
        assert!(page.body.contains("Nothing here by that name"));
    }
    let posted = agent()
        .post(&format!("{}/", served.base()))
        .send("x")
        .unwrap();
    assert_eq!(posted.status().as_u16(), 405);
}

#[test]
fn text_from_the_data_never_becomes_markup_or_script() {
    let env = Env::loaded(&repo_file("tests/fixtures/hostile-pages.ttl"));
    let served = Served::start(&env, &["--quiet"]);
    let index = html(served.page("/"));
    let mut pages = vec![index.clone(), html(served.page("/?lang=zh"))];
    for href in links(&index) {
        if href.starts_with("/claim/") || href.starts_with("/actor/") {
            pages.push(html(served.page(&href)));
            pages.push(html(served.page(&format!("{href}?lang=zh"))));
        }
    }
    pages.push(html(served.page(
        "/query?query=SELECT+%3Fl+WHERE+%7B+%3Fs+rdfs%3Alabel+%3Fl+%7D",
    )));
    pages.push(html(served.page(
        "/query?query=%3C%2Ftextarea%3E%3Cscript%3Ealert(11)%3C%2Fscript%3E",
    )));
    assert!(pages.len() >= 8, "{} pages", pages.len());
    for page in &pages {
        let lower = page.to_lowercase();
        for markup in ["<script", "<img", "<iframe", "<svg onload"] {
            assert!(
                !lower.contains(markup),
                "{markup} reached the page:\n{page}"
            );
        }
        for href in links(page) {
            assert!(
                href.starts_with('/') || href.starts_with('#'),
                "a link outside the site: {href}"
            );
        }
    }
    // askama writes `<` as `&#60;`, Graphviz as `&lt;`.
    let all = pages.concat().replace("&#60;", "&lt;");
    for shown in [
        "&lt;script&gt;alert(4)",
        "javascript:alert(7)",
        "&lt;iframe src=",
    ] {
        assert!(all.contains(shown), "{shown} is shown as text");
    }
}

#[test]
fn pages_show_what_an_update_changed() {
    let env = Env::initialised();
    let served = Served::start(&env, &["--quiet", "--allow-update"]);
    let before = rows(&html(served.page("/")), "allegations").len();
    let added = "INSERT DATA { GRAPH <urn:g:added> { \
        <urn:ex:someone> a cg:Person ; rdfs:label \"Someone\"@en . \
        <urn:ex:new> a cg:Allegation ; rdfs:label \"Added by an update\"@en ; \
            cg:statement \"A new allegation.\"@en ; cg:claimant <urn:ex:someone> ; cg:accuses <urn:ex:someone> } }";
    let mut response = agent()
        .post(&served.endpoint)
        .header("Content-Type", "application/sparql-update")
        .send(added)
        .expect("an answer");
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    assert_eq!(status, 204, "{body}");
    let index = html(served.page("/"));
    assert_eq!(rows(&index, "allegations").len(), before + 1);
    assert!(index.contains("Added by an update"), "{index}");
}

#[test]
fn a_claim_answered_a_hundred_times_gets_a_map_of_sixty_and_says_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("star.nt");
    std::fs::write(&data, generated_star(101)).unwrap();
    let env = Env::loaded(&data);
    let served = Served::start(&env, &["--quiet"]);
    let page = html(served.page("/claim/c0"));
    assert_eq!(
        list(&page, "answered-by").matches("<li>").count(),
        100,
        "the list names them all"
    );
    let left_out = page
        .split("<p class=\"meta\" id=\"left-out\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the map says what it left out");
    assert!(left_out.ends_with(": 41"), "{left_out}");
    let mut drawn = map_links(&page);
    drawn.sort_unstable();
    drawn.dedup();
    assert_eq!(drawn.len(), 60, "{drawn:?}");
    assert!(drawn.iter().any(|href| href == "/claim/c0"));

    // A claim with few neighbours is drawn whole, and the Chinese page says it in Chinese.
    let small = html(served.page("/claim/c7"));
    assert!(!small.contains("id=\"left-out\""));
    assert!(html(served.page("/claim/c0?lang=zh")).contains("论证图略去的相关主张"));
}

/// The labels the ontology gives a term in both languages, as `(English, Chinese)`.
fn label_pairs(env: &Env) -> Vec<(String, String)> {
    let sparql = format!(
        "SELECT DISTINCT ?en ?zh WHERE {{ GRAPH <{}> {{
           ?term rdfs:label|skos:prefLabel ?en , ?zh
           FILTER(lang(?en) = 'en' && lang(?zh) = 'zh')
         }} }}",
        claimgraph::bundled::ONTOLOGY_GRAPH
    );
    let pairs: Vec<(String, String)> = env
        .rows(&[sparql.as_str()])
        .iter()
        .map(|row| (value(row, "en"), value(row, "zh")))
        .collect();
    assert!(pairs.len() > 50, "{pairs:?}");
    pairs
}

/// The pieces of text a person reads on a page, a map or an SVG: text between tags, split
/// where a label may begin or end (`(scheme: argument from sign)`, `rebuttal\n[...]`).
fn text_pieces(markup: &str) -> BTreeSet<String> {
    markup
        .split('<')
        .filter_map(|node| node.split_once('>').map(|(_, text)| text))
        .flat_map(|text| text.split([':', '：', '(', ')', '[', ']', '·', ',', ';', '\n', '"']))
        .map(|piece| {
            piece
                .replace("&amp;", "&")
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("\\n", "")
                .trim()
                .to_owned()
        })
        .filter(|piece| !piece.is_empty())
        .collect()
}

/// Every page a reader reaches from the home page in `lang`, claim and actor pages included,
/// and their maps.
fn every_page(served: &Served, lang: &str) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![format!("/?lang={lang}")];
    let mut pages = Vec::new();
    while let Some(path) = todo.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let body = html(served.page(&path));
        for link in links(&body).into_iter().chain(map_links_or_none(&body)) {
            let link = link.trim_start_matches(served.base()).to_owned();
            // English is the default, which links need not say.
            let in_lang =
                link.contains(&format!("lang={lang}")) || lang == "en" && !link.contains("lang=");
            if (link.starts_with("/claim/") || link.starts_with("/actor/")) && in_lang {
                todo.push(link);
            }
        }
        pages.push((path, body));
    }
    assert!(
        pages.len() > 30,
        "only {} pages reached in {lang}",
        pages.len()
    );
    pages
}

fn map_links_or_none(html: &str) -> Vec<String> {
    if html.contains("<svg") {
        map_links(html)
    } else {
        Vec::new()
    }
}

/// No page or map in one language shows a term the ontology labels in it by its label in the
/// other.
#[test]
fn every_page_and_map_speaks_the_readers_language() {
    let env = Env::initialised();
    let pairs = label_pairs(&env);
    let served = Served::start(&env, &["--quiet"]);
    let export = |lang: &str, format: &str| {
        let output = env
            .cmd()
            .args(["export", format, "--lang", lang, "--cluster", "faction"])
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    for (lang, other) in [("zh", "en"), ("en", "zh")] {
        let mut shown = every_page(&served, lang);
        shown.push((format!("export svg --lang {lang}"), export(lang, "svg")));
        // DOT labels are quoted strings, not markup: read them as one text.
        let dot = export(lang, "dot").replace('"', "<>");
        shown.push((format!("export dot --lang {lang}"), dot));
        let mut wrong = BTreeSet::new();
        for (place, text) in &shown {
            let pieces = text_pieces(text);
            for (en, zh) in &pairs {
                let (theirs, ours) = if other == "en" { (en, zh) } else { (zh, en) };
                if theirs != ours && pieces.contains(theirs.as_str()) {
                    wrong.insert(format!("{place}: {theirs:?} (in {lang}: {ours:?})"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "labels in {other} where {lang} is asked for:\n{}",
            wrong.into_iter().collect::<Vec<_>>().join("\n")
        );
    }
}
