//! The gradual semantics on the command line: of a `.bag` framework file (the library's
//! strengths through the command line), of the store's claims with base scores from the data,
//! written back and queried with SPARQL, and what it refuses.

use crate::support::{datatype, repo_file, value, Env, Served};
use serde_json::Value;
use std::collections::HashMap;

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd().arg("analyze").args(args).output().unwrap()
}

fn strengths(env: &Env, file: &str, semantics: &str, extra: &[&str]) -> Value {
    let path = env.path(file);
    let mut args = vec![
        "--framework",
        path.to_str().unwrap(),
        "--semantics",
        semantics,
    ];
    args.extend_from_slice(&["--format", "json"]);
    args.extend_from_slice(extra);
    let output = run(env, &args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn strengths_of_a_bag_file_follow_each_rule() {
    let env = Env::new();
    // a attacks b, c supports b.
    env.write(
        "t.bag",
        "arg(a,1).\narg(b,1).\narg(c,0.5).\natt(a,b).\nsup(c,b).\n",
    );
    let at = |semantics: &str, argument: &str| {
        strengths(&env, "t.bag", semantics, &[])["strengths"][argument]
            .as_f64()
            .unwrap()
    };
    // Unattacked, unsupported arguments keep their base score under every semantics.
    for semantics in ["h-categoriser", "df-quad", "qem", "euler"] {
        assert_eq!(at(semantics, "a"), 1.0, "{semantics}");
        assert_eq!(at(semantics, "c"), 0.5, "{semantics}");
    }
    // h-categoriser: 1 / (1 + 1), the support not read.
    assert_eq!(at("h-categoriser", "b"), 0.5);
    // DF-QuAD: the attack (1) outweighs the support (0.5): 1 - 1 * (1 - 0.5).
    assert_eq!(at("df-quad", "b"), 0.5);
    // Euler-based: 1 - (1 - w^2) / (1 + w e^E) is 1 whatever E when w is 1.
    assert_eq!(at("euler", "b"), 1.0);
    let report = strengths(&env, "t.bag", "h-categoriser", &[]);
    assert_eq!(report["converged"], true);
    assert_eq!(report["ignored_supports"], 1);
    // Social: votes 3 for and 1 against give 3 / (3 + 1 + ε).
    env.write(
        "votes.bag",
        "arg(a,1).\narg(b,1).\natt(b,a).\nvotes(a,3,1).\nvotes(b,1,1).\n",
    );
    let social = strengths(&env, "votes.bag", "social", &["--epsilon", "0"]);
    assert_eq!(social["strengths"]["b"].as_f64().unwrap(), 0.5);
    assert!((social["strengths"]["a"].as_f64().unwrap() - 0.75 * 0.5).abs() < 1e-12);
    let social = strengths(&env, "votes.bag", "social", &["--epsilon", "1"]);
    assert!((social["strengths"]["b"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn a_cycle_without_one_answer_gets_no_number() {
    let env = Env::new();
    env.write(
        "m.bag",
        "arg(a,1).\narg(b,1).\natt(a,b).\natt(b,a).\narg(c,0.3).\n",
    );
    let report = strengths(&env, "m.bag", "df-quad", &[]);
    assert_eq!(report["converged"], false);
    assert!(report["strengths"]["a"].is_null() && report["strengths"]["b"].is_null());
    assert_eq!(report["strengths"]["c"].as_f64(), Some(0.3));
    assert!(report["reason"].as_str().unwrap().contains("not unique"));
    // In text, how it was computed comes first, then why there is no number.
    let path = env.path("m.bag");
    let output = run(
        &env,
        &[
            "--framework",
            path.to_str().unwrap(),
            "--semantics",
            "df-quad",
        ],
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("# df-quad") && lines[1].contains("not unique"),
        "{text}"
    );
    assert!(lines.contains(&"a\tnone\t(base 1)"), "{text}");
}

#[test]
fn what_does_not_fit_is_refused_with_its_code() {
    let env = Env::new();
    let bad = env.write("bad.bag", "arg(a,1).\natt(a,\n");
    let good = env.write("t.bag", "arg(a,1).\n");
    let code = |args: &[&str]| {
        let output = run(&env, args);
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (status, stderr) = code(&["--framework", bad.to_str().unwrap(), "--semantics", "qem"]);
    assert_eq!(status, Some(3), "{stderr}");
    assert!(stderr.contains("bad.bag:2:7:"), "{stderr}");
    // Dung's semantics do not read a .bag file, nor the gradual ones an ICCMA file; gradual
    // semantics give no extensions to be accepted in.
    assert_eq!(code(&["--framework", good.to_str().unwrap()]).0, Some(2));
    let af = env.write("t.af", "p af 1\n");
    let (status, stderr) = code(&["--framework", af.to_str().unwrap(), "--semantics", "qem"]);
    assert_eq!(status, Some(2), "{stderr}");
    let (status, stderr) = code(&["--semantics", "qem", "--accepted", "x", "--credulous"]);
    assert_eq!(status, Some(2), "{stderr}");
    let negative = [
        "--framework",
        good.to_str().unwrap(),
        "--semantics",
        "social",
        "--epsilon",
        "-1",
    ];
    assert_eq!(code(&negative).0, Some(2));
}

/// `analyze --semantics S --format json` over the store.
fn store_report(env: &Env, extra: &[&str]) -> Value {
    let output = run(env, &[&["--format", "json"], extra].concat());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// The listed claims of a store report, by IRI: `(strength, base)`.
fn by_claim(report: &Value) -> HashMap<String, (Option<f64>, f64)> {
    report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let key = c["claim"].as_str().unwrap().to_owned();
            (key, (c["strength"].as_f64(), c["base"].as_f64().unwrap()))
        })
        .collect()
}

#[test]
fn the_stores_claims_get_the_strengths_their_attackers_give_them() {
    let env = Env::initialised();
    let report = store_report(&env, &["--semantics", "h-categoriser"]);
    assert_eq!(report["converged"], true);
    let claims = by_claim(&report);
    // Recomputed here from the attacks as SPARQL sees them and the printed base scores:
    // s(a) = w(a) / (1 + sum of s(b) over attackers b), iterated to its fixed point.
    let attacks: Vec<(String, String)> = env
        .rows(&[
            "SELECT DISTINCT ?from ?to WHERE { ?r a/rdfs:subClassOf* cg:Attack ; \
             cg:fromClaim ?from ; cg:toClaim ?to }",
        ])
        .iter()
        .map(|row| (value(row, "from"), value(row, "to")))
        .collect();
    assert!(attacks.len() > 10);
    let mut s: HashMap<&str, f64> = claims.iter().map(|(c, v)| (c.as_str(), v.1)).collect();
    for _ in 0..200 {
        let mut sum: HashMap<&str, f64> = HashMap::new();
        for (from, to) in &attacks {
            *sum.entry(to.as_str()).or_default() += s[from.as_str()];
        }
        s = claims
            .iter()
            .map(|(c, v)| {
                (
                    c.as_str(),
                    v.1 / (1.0 + sum.get(c.as_str()).unwrap_or(&0.0)),
                )
            })
            .collect();
    }
    for (claim, (strength, _)) in &claims {
        assert!(
            (strength.unwrap() - s[claim.as_str()]).abs() < 1e-9,
            "{claim}: {strength:?} against {}",
            s[claim.as_str()]
        );
    }
    // The allegation starts neutral and its attackers pull it far down; the most liked reply
    // scores by its likes against its thread's most liked quote, which is itself.
    let dist = |name: &str| format!("https://w3id.org/claimgraph/id/distillation-attacks/{name}");
    let (allegation, base) = claims[&dist("c-distillation-attack")];
    assert_eq!(base, 0.5);
    assert!(allegation.unwrap() < 0.1, "{allegation:?}");
    assert_eq!(
        claims[&dist("c-distillation-not-stealing")].1,
        0.5 + 0.5 * 251.0 / 252.0
    );
    assert!(report["base_rule"]
        .as_str()
        .unwrap()
        .contains("0.5 + 0.5 * likes / (most + 1)"));
    // Claims with no attack or support are counted, not listed.
    assert!(report["unlinked"].as_u64().unwrap() > 0);
}

#[test]
fn base_scores_follow_the_rule_and_table_given() {
    let env = Env::initialised();
    let uniform = store_report(&env, &["--semantics", "df-quad", "--base", "uniform"]);
    assert!(by_claim(&uniform).values().all(|&(_, base)| base == 0.5));
    assert_eq!(uniform["base_rule"], "base scores uniform: every claim 0.5");
    let table = env.write("levels.txt", "# mine\n0.9 高赞\n0.6 many likes\n");
    let words = store_report(
        &env,
        &[
            "--semantics",
            "df-quad",
            "--base-table",
            table.to_str().unwrap(),
        ],
    );
    let basis: HashMap<&str, (f64, &str)> = words["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let label = c["label"].as_str().unwrap();
            (
                label,
                (c["base"].as_f64().unwrap(), c["basis"].as_str().unwrap()),
            )
        })
        .collect();
    // Only the table's words score; a level it lacks is neutral, and counts still count.
    assert_eq!(basis["24,000 paying customers are not an attack"].0, 0.9);
    assert_eq!(
        basis["Anthropic boasts it can de-anonymise users"],
        (0.6, "\"many likes\"")
    );
    assert_eq!(
        basis["Anthropic played the same game, at $8 billion"].0,
        0.9
    );
    assert_eq!(basis["they were paying customers"].1, "121 likes of 251");
    let broken = env.write("broken.txt", "0.9 高赞\n2 many likes\n");
    let output = run(
        &env,
        &[
            "--semantics",
            "qem",
            "--base-table",
            broken.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("broken.txt:2:1: expected a base score from 0 to 1, found \"2\""),
        "{stderr}"
    );
    let output = run(
        &env,
        &[
            "--semantics",
            "qem",
            "--base",
            "uniform",
            "--base-table",
            table.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn written_strengths_are_ranked_by_sparql_with_their_semantics_and_rule() {
    let env = Env::initialised();
    let report = store_report(&env, &["--semantics", "df-quad", "--write"]);
    let claims = by_claim(&report);
    let rows = env.rows(&[
        "SELECT ?claim ?strength ?base ?rule ?converged WHERE { GRAPH ?g { \
         ?g cg:gradualSemantics cg:DfQuad ; cg:baseRule ?rule ; cg:converged ?converged . \
         ?claim cg:strength ?strength ; cg:baseScore ?base } }",
    ]);
    let listed: Vec<_> = rows
        .iter()
        .filter(|row| claims.contains_key(&value(row, "claim")))
        .collect();
    assert_eq!(listed.len(), claims.len());
    for row in &listed {
        let (strength, base) = claims[&value(row, "claim")];
        // serde_json reads floats to within one unit in the last place, not exactly.
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-15;
        assert!(close(
            value(row, "strength").parse().unwrap(),
            strength.unwrap()
        ));
        assert!(close(value(row, "base").parse().unwrap(), base));
        assert_eq!(
            datatype(row, "strength"),
            "http://www.w3.org/2001/XMLSchema#double"
        );
        assert_eq!(value(row, "rule"), report["base_rule"].as_str().unwrap());
        assert_eq!(value(row, "converged"), "true");
    }
    // The named query ranks the allegations, strongest first, each with its rule.
    let ranked = env.rows(&["--named", "allegation-strengths"]);
    let allegations = env.rows(&["SELECT DISTINCT ?a WHERE { ?a a cg:Allegation }"]);
    assert_eq!(ranked.len(), allegations.len());
    let strengths: Vec<f64> = ranked
        .iter()
        .map(|row| value(row, "strength").parse().unwrap())
        .collect();
    assert!(strengths.windows(2).all(|w| w[0] >= w[1]), "{strengths:?}");
    assert!(ranked
        .iter()
        .all(|row| value(row, "semantics") == "df-quad"));
    // Every claim of the store has its strength stored, listed or not.
    let all = env.rows(&["SELECT DISTINCT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim }"]);
    assert_eq!(rows.len(), all.len());
}

#[test]
fn traces_and_maps_show_the_strengths_analyze_gives() {
    let env = Env::initialised();
    let report = store_report(&env, &["--semantics", "qem"]);
    let claims = by_claim(&report);
    let output = env
        .cmd()
        .args([
            "trace",
            "c-distillation-attack",
            "--strengths",
            "qem",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    // How they were computed goes to standard error, with the rule.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("strengths: qem: acyclic"), "{stderr}");
    assert!(stderr.contains("base scores from likes"), "{stderr}");
    let traces: Value = serde_json::from_slice(&output.stdout).unwrap();
    let nodes = traces[0]["nodes"].as_array().unwrap();
    assert!(nodes.len() > 20);
    for node in nodes {
        let iri = node["claim"]["iri"].as_str().unwrap();
        let strength = node["strength"].as_f64().unwrap();
        if let Some(&(expected, base)) = claims.get(iri) {
            assert!((strength - expected.unwrap()).abs() < 1e-15, "{iri}");
            assert!(
                (node["base"].as_f64().unwrap() - base).abs() < 1e-15,
                "{iri}"
            );
        }
    }
    // Text: the root's line ends with its strength and base score, to three places.
    let text = env.stdout(["trace", "c-distillation-attack", "--strengths", "qem"]);
    let first = String::from_utf8(text)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let (root, base) =
        claims["https://w3id.org/claimgraph/id/distillation-attacks/c-distillation-attack"];
    assert!(
        first.ends_with(&format!(
            " · strength {:.3} (base {base:.3})",
            root.unwrap()
        )),
        "{first}"
    );
    // Without --strengths, nothing changes.
    let plain = env.stdout(["trace", "c-distillation-attack", "--format", "json"]);
    assert!(!String::from_utf8(plain).unwrap().contains("\"strength\""));

    // The map fills each claim by its strength and names the semantics and rule in a legend;
    // Graphviz lays it out.
    let dot = String::from_utf8(env.stdout(["export", "dot", "--strengths", "qem"])).unwrap();
    assert!(
        dot.contains("qem strength, base scores from likes"),
        "legend"
    );
    let red_end = dot
        .lines()
        .filter(|l| l.contains("fillcolor=\"#ef9a9a\"") || l.contains("fillcolor=\"#a5d6a7\""))
        .count();
    assert!(red_end >= 2, "the legend's ends of the scale");
    let shaded = dot.lines().filter(|l| l.contains("· strength ")).count();
    // A claim's node is `c<index>`; its first statement draws it with a label.
    let drawn = dot
        .lines()
        .map(str::trim_start)
        .filter(|l| {
            let rest = l.strip_prefix('c').unwrap_or_default();
            rest.starts_with(|c: char| c.is_ascii_digit()) && l.contains("[label=")
        })
        .count();
    assert!(shaded > 30);
    assert_eq!(
        shaded, drawn,
        "every claim drawn, and only those, is shaded"
    );
    let svg = env.stdout([
        "export",
        "svg",
        "--strengths",
        "df-quad",
        "--focus",
        "c-distillation-attack",
    ]);
    assert!(String::from_utf8(svg)
        .unwrap()
        .contains("df&#45;quad strength"));
    let output = env
        .cmd()
        .args(["export", "ttl", "--strengths", "qem"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn pages_show_a_claims_strength_and_the_strengths_that_moved_it() {
    let env = Env::initialised();
    let report = store_report(&env, &["--semantics", "euler", "--base", "uniform"]);
    let claims = by_claim(&report);
    let served = Served::start(&env, &["--strengths", "euler", "--base", "uniform"]);
    let page = served.page("/claim/c-distillation-attack").body;
    let (allegation, _) =
        claims["https://w3id.org/claimgraph/id/distillation-attacks/c-distillation-attack"];
    assert!(
        page.contains(&format!(
            "Strength (euler): <span class=\"strength\">{:.3}</span> · base score 0.500",
            allegation.unwrap()
        )),
        "{page}"
    );
    assert!(page.contains("base scores uniform: every claim 0.5"));
    // Each attacker and supporter is listed with its own strength; the map is shaded.
    let answered_by = &page[page.find("id=\"answered-by\"").unwrap()..];
    let answered_by = &answered_by[..answered_by.find("</ul>").unwrap()];
    let listed = answered_by.matches("<li>").count();
    assert!(listed > 20);
    assert_eq!(
        answered_by.matches("class=\"strength\"").count(),
        listed - 1,
        "all but the untyped response"
    );
    assert!(page.contains("euler strength, base scores uniform"));
    // The home page has a column of strengths, one per allegation.
    let home = served.page("/").body;
    assert!(home.contains("<th class=\"num\">Strength (euler)</th>"));
    assert_eq!(
        home.matches("<td class=\"num strength\">").count(),
        home.matches("<a class=\"claim\"").count()
    );
    // Without --strengths, no page says anything of strength.
    drop(served);
    let plain = Served::start(&env, &[]);
    assert!(!plain
        .page("/claim/c-distillation-attack")
        .body
        .contains("Strength"));
}

#[test]
fn the_readmes_reading_of_the_seed_controversy_is_what_analyze_prints() {
    let env = Env::initialised();
    let readme = std::fs::read_to_string(repo_file("README.md")).unwrap();
    let dist = |name: &str| format!("https://w3id.org/claimgraph/id/distillation-attacks/{name}");
    let mut rows = 0;
    for semantics in ["h-categoriser", "df-quad", "qem", "euler", "social"] {
        let strength = |base: &str, claim: &str| {
            let report = store_report(&env, &["--semantics", semantics, "--base", base]);
            format!("{:.3}", by_claim(&report)[&dist(claim)].0.unwrap())
        };
        let row = format!(
            "| {semantics} | {} | {} | {} / {} |",
            strength("likes", "c-distillation-attack"),
            strength("uniform", "c-distillation-attack"),
            strength("likes", "c-distillation-not-stealing"),
            strength("uniform", "c-distillation-not-stealing"),
        );
        assert!(readme.contains(&row), "README lacks {row}");
        rows += 1;
    }
    assert_eq!(rows, 5);
}
