//! Tracing and argumentation semantics on the bundled controversy, on hand-made data with a
//! cycle, and on ICCMA framework files.

use crate::support::{repo_file, value, Env, Served};
use serde_json::Value;
use std::collections::BTreeSet;

/// `trace --format json`: one `{"root", "nodes"}` object per trace, its nodes flat in preorder.
fn trace_json(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["trace"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    serde_json::from_slice::<Vec<Value>>(&env.stdout(all)).unwrap()
}

fn nodes(trace: &Value) -> &[Value] {
    trace["nodes"].as_array().unwrap()
}

/// The nodes whose parent is `node`, in order.
fn children<'a>(trace: &'a Value, node: &Value) -> Vec<&'a Value> {
    nodes(trace)
        .iter()
        .filter(|n| n["parent"] == node["id"])
        .collect()
}

fn labels(trace: &Value, node: &Value) -> BTreeSet<String> {
    children(trace, node)
        .iter()
        .map(|c| c["claim"]["label"].as_str().unwrap().to_owned())
        .collect()
}

/// Where the node's claim is expanded: the node itself, or the earlier one it refers to.
fn expanded<'a>(trace: &'a Value, node: &'a Value) -> &'a Value {
    match node["ref"].as_u64() {
        Some(first) => &nodes(trace)[first as usize],
        None => node,
    }
}

fn child<'a>(trace: &'a Value, node: &Value, label: &str) -> &'a Value {
    children(trace, node)
        .into_iter()
        .find(|c| c["claim"]["label"] == label)
        .unwrap_or_else(|| panic!("no child {label:?} under {}", node["claim"]["label"]))
}

#[test]
fn the_main_allegation_and_the_articles_verdict_are_the_roots_and_the_allegations_trace_holds_every_reply(
) {
    let env = Env::initialised();
    let traces = trace_json(&env, &[]);
    // One allegation starts the controversy; the article's verdict, which its own reasons
    // support and nothing else answers, is a debate of its own.
    let kinds: Vec<(&str, &str)> = traces
        .iter()
        .map(|t| {
            let root = &nodes(t)[0]["claim"]["label"];
            (t["kind"].as_str().unwrap(), root.as_str().unwrap())
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("allegation", "industrial-scale distillation attacks"),
            ("conclusion", "the public is not buying the narrative")
        ]
    );
    let trace = &traces[0];
    let root = &nodes(trace)[0];
    assert_eq!(
        root["claim"]["label"],
        "industrial-scale distillation attacks"
    );
    assert_eq!(trace["root"], root["claim"]["iri"]);
    assert_eq!(
        (root["id"].as_u64(), root["depth"].as_u64()),
        (Some(0), Some(0))
    );
    assert!(root["parent"].is_null() && root["relation"].is_null());
    let direct = labels(trace, root);
    for reply in [
        "distillation is not stealing",
        "they were paying customers",
        "Anthropic played the same game, at $8 billion",
        "free scraping fine, paid use illegal?",
        "Anthropic scraped GitHub against its ToS",
        "Moonshot is illegally distilled, like moonshine",
        "agreeing with Musk",
        "a national-security matter, not just copyright",
        "Kimi says it is Claude",
        "24,000 paying customers are not an attack",
        "a true allegation would go to court, not X",
        "now Anthropic knows how artists feel",
        "Anthropic built itself on stolen web data",
        "24,000 fake accounts",
        "accounts traced to researchers via request metadata",
    ] {
        assert!(direct.contains(reply), "{reply:?} missing from {direct:?}");
    }
    let top = child(trace, root, "distillation is not stealing");
    assert_eq!(
        (top["relation"].as_str(), top["claim"]["likes"].as_u64()),
        (Some("rebuttal"), Some(251))
    );
    // The GDPR replies answer the metadata-tracing premise.
    let metadata = child(
        trace,
        root,
        "accounts traced to researchers via request metadata",
    );
    assert_eq!(metadata["relation"], "premise");
    assert_eq!(
        child(trace, metadata, "metadata tracing may lack a GDPR basis")["relation"],
        "counter-accusation"
    );
    // The national-security comment answers the hypocrisy replies, not only the allegation.
    for hypocrisy in [
        "Anthropic played the same game, at $8 billion",
        "Anthropic scraped GitHub against its ToS",
        "free scraping fine, paid use illegal?",
    ] {
        let answer = child(
            trace,
            expanded(trace, child(trace, root, hypocrisy)),
            "a national-security matter, not just copyright",
        );
        assert_eq!(answer["relation"], "undercut");
    }
    assert_eq!(
        child(
            trace,
            root,
            "a national-security matter, not just copyright"
        )["relation"],
        "support"
    );
    // Each claim is expanded once; every other occurrence refers to that one.
    let mut seen = BTreeSet::new();
    for node in nodes(trace) {
        let iri = node["claim"]["iri"].as_str().unwrap();
        if node["ref"].is_null() {
            assert!(seen.insert(iri), "{iri} expanded twice");
        } else {
            let first = &nodes(trace)[node["ref"].as_u64().unwrap() as usize];
            assert_eq!(first["claim"]["iri"], iri);
            assert!(first["ref"].is_null() && children(trace, node).is_empty());
        }
    }
    let national_security = nodes(trace)
        .iter()
        .filter(|n| n["claim"]["label"] == "a national-security matter, not just copyright")
        .count();
    assert_eq!(
        national_security, 4,
        "once expanded, three times referred to"
    );
}

#[test]
fn trace_prints_a_readable_tree_for_one_claim() {
    let env = Env::initialised();
    let output = env
        .cmd()
        .args(["trace", "c-cheaper-game"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Anthropic played the same game, at $8 billion — author of the \"$8 billion vs $0\" comment\n"), "{text}");
    assert!(text.contains("└─ undercut [appeal to national security]: a national-security matter, not just copyright"), "{text}");
    let missing = env.cmd().args(["trace", "no-such-claim"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(4));
    assert_eq!(
        missing.stderr,
        b"error: no claim \"no-such-claim\" in the store\n"
    );
}

#[test]
fn a_claim_that_answers_several_claims_is_printed_once_then_referred_to() {
    let env = Env::initialised();
    let output = env.cmd().arg("trace").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": a national-security matter, not just copyright"))
        .collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.ends_with("(*) shown above"))
            .count(),
        3,
        "{text}"
    );
}

#[test]
fn cycles_in_the_data_are_reported_not_looped_on() {
    let env = Env::new();
    env.cmd()
        .args([
            "load",
            repo_file("tests/fixtures/cycle.ttl").to_str().unwrap(),
        ])
        .assert()
        .success();
    let traces = trace_json(&env, &["http://example.org/cycle/a"]);
    let trace = &traces[0];
    let alice = &nodes(trace)[0];
    let bob = child(trace, alice, "Alice lies");
    let back = child(trace, bob, "Bob cheated");
    assert_eq!(back["cycle"], true);
    assert_eq!(back["ref"], alice["id"]);
    assert!(children(trace, back).is_empty());
    let text = env
        .cmd()
        .args(["trace", "http://example.org/cycle/a"])
        .output()
        .unwrap()
        .stdout;
    assert!(String::from_utf8(text)
        .unwrap()
        .contains("counter-accusation: Bob cheated — Alice ↺ (cycle: already on this path)"));
    // Both allegations answer each other, so neither starts the controversy.
    assert!(trace_json(&env, &[]).is_empty());
    let output = env
        .cmd()
        .args(["analyze", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let undecided: BTreeSet<&str> = report["labels"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|pair| pair[0] == "undecided")
        .map(|pair| pair[1].as_str().unwrap())
        .collect();
    assert_eq!(undecided, ["Alice lies", "Bob cheated"].into());
}

#[test]
fn grounded_labels_written_back_answer_sparql() {
    let env = Env::initialised();
    env.cmd()
        .args(["analyze", "--semantics", "grounded", "--write"])
        .assert()
        .success();
    let out: BTreeSet<String> = env
        .rows(&["SELECT ?claim WHERE { GRAPH <https://w3id.org/claimgraph/graph/grounded> { ?c cg:groundedLabel cg:Out } ?c a cg:Allegation ; rdfs:label ?claim FILTER(lang(?claim) = 'en') }"])
        .iter()
        .map(|r| value(r, "claim"))
        .collect();
    // Worked out by hand: each of these is attacked by a claim nobody attacks.
    let expected: BTreeSet<String> = [
        "industrial-scale distillation attacks",
        "24,000 fake accounts",
        "Anthropic played the same game, at $8 billion",
        "Anthropic scraped GitHub against its ToS",
        "free scraping fine, paid use illegal?",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(out, expected);
    // Writing again replaces the graph rather than adding to it.
    let count = env.quad_count();
    env.cmd().args(["analyze", "--write"]).assert().success();
    assert_eq!(env.quad_count(), count);
}

#[test]
fn preferred_semantics_on_the_bundled_data() {
    let env = Env::initialised();
    let output = env
        .cmd()
        .args(["analyze", "--semantics", "preferred", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["extensions"].as_array().unwrap().len(),
        1,
        "no cycle: grounded = preferred"
    );
    let figures = &report["allegations"][0];
    assert_eq!(
        figures["allegation"],
        "industrial-scale distillation attacks"
    );
    assert_eq!(
        figures["most_liked"][0],
        serde_json::json!(["distillation is not stealing", 251])
    );
}

#[test]
fn iccma_frameworks_print_iccma_answers() {
    let env = Env::new();
    for (file, semantics, expected) in [
        ("reinstatement.apx", "grounded", "[a]\n"),
        ("reinstatement.apx", "preferred", "[[a,c],[a,d]]\n"),
        ("even-cycle.tgf", "grounded", "[]\n"),
        ("even-cycle.tgf", "preferred", "[[a,c],[b]]\n"),
        ("chain.af", "grounded", "w 1 3\n"),
        ("chain.af", "preferred", "w 1 3\n"),
    ] {
        let path = repo_file(&format!("tests/fixtures/{file}"));
        env.cmd()
            .args([
                "analyze",
                "--semantics",
                semantics,
                "--framework",
                path.to_str().unwrap(),
            ])
            .assert()
            .success()
            .stdout(expected);
    }
    assert!(!env.store().exists(), "a framework file needs no store");
    let bad = env.write("bad.af", "p af 2\n1 x\n");
    let output = env
        .cmd()
        .args(["analyze", "--framework", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "error: {}:2:3: expected an argument number from 1 to 2, found \"x\"\n",
            bad.display()
        )
    );
}

/// Debates without allegations, as the field publishes them: AraucariaDB maps (AIF) start from
/// their conclusions, in every view, and a store without any debate says so.
#[test]
fn debates_without_allegations_start_from_their_conclusions_everywhere() {
    let env = Env::new();
    let maps = ["nodeset10.json", "nodeset118.json", "nodeset137.json"]
        .map(|m| repo_file(&format!("data/aif-araucaria/{m}")));
    let mut load = env.cmd();
    load.arg("load").args(&maps);
    load.assert().success();

    // The main job: no allegation, so the conclusions, each with its responses.
    let responses = String::from_utf8(env.stdout(["responses"])).unwrap();
    assert!(
        responses.starts_with("no allegation in the store has a response; "),
        "{responses}"
    );
    let headings = responses
        .lines()
        .filter(|l| l.starts_with("conclusion: "))
        .count();
    assert!(headings >= 3, "{responses}");
    assert!(
        responses.contains(&format!(
            "; {headings} debates start from a thesis or a conclusion"
        )),
        "{responses}"
    );
    // One map alone: one debate, said as one.
    let single = Env::new();
    let mut load = single.cmd();
    load.arg("load").arg(&maps[0]);
    load.assert().success();
    let one = String::from_utf8(single.stdout(["responses"])).unwrap();
    assert_eq!(
        one.lines()
            .filter(|l| l.starts_with("conclusion: "))
            .count(),
        1,
        "{one}"
    );
    assert!(one.contains("; 1 debate starts from a thesis"), "{one}");

    // Every trace starts from a root that says it is a conclusion; the trace of each
    // conclusion holds every claim the responses list under it.
    let traces = trace_json(&env, &[]);
    assert!(traces.len() >= headings);
    for trace in &traces {
        assert_eq!(trace["kind"], "conclusion");
        let root = &nodes(trace)[0];
        assert!(root["parent"].is_null());
    }
    let text = String::from_utf8(env.stdout(["trace"])).unwrap();
    assert!(text.starts_with("conclusion: "), "{text}");

    // analyze gives figures per conclusion, and no allegation.
    let report: Value =
        serde_json::from_slice(&env.stdout(["analyze", "--format", "json"])).unwrap();
    assert_eq!(report["allegations"].as_array().unwrap().len(), 0);
    assert_eq!(
        report["conclusions"].as_array().unwrap().len(),
        traces.len()
    );
    let direct: u64 = report["conclusions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["direct"].as_u64().unwrap())
        .sum();
    assert!(direct > 0);

    // The pages' home lists the conclusions, each said to be one.
    let served = Served::start(&env, &[]);
    let home = served.page("/").body;
    assert!(home.contains("<h1>Debates ("), "{home}");
    assert_eq!(
        home.matches("<td class=\"kind\">Conclusion</td>").count(),
        home.matches("<a class=\"claim\"").count()
    );
    drop(served);

    // A store with claims but no debate says why, and the JSON stays valid.
    let lone = Env::new();
    let claim = lone.write(
        "lone.ttl",
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         <urn:c> a cg:Claim ; rdfs:label \"alone\"@en ; cg:statement \"alone\"@en .\n",
    );
    lone.cmd().arg("load").arg(&claim).assert().success();
    let text = String::from_utf8(lone.stdout(["trace"])).unwrap();
    assert!(
        text.starts_with("no debate to trace: of the 1 claims"),
        "{text}"
    );
    assert!(trace_json(&lone, &[]).is_empty());
}

/// A Kialo discussion starts from its theses, each said to be one, answered or not.
#[test]
fn a_discussion_starts_from_its_theses() {
    let env = Env::loaded(&repo_file("tests/fixtures/kialo/city-transport.txt"));
    let theses = env.rows(&["SELECT ?t WHERE { ?d cg:thesis ?t }"]);
    let traces = trace_json(&env, &[]);
    assert_eq!(traces.len(), theses.len());
    assert!(theses.len() >= 3);
    for trace in &traces {
        assert_eq!(trace["kind"], "thesis");
        assert!(theses.iter().any(|row| value(row, "t") == trace["root"]));
    }
    let report: Value =
        serde_json::from_slice(&env.stdout(["analyze", "--format", "json"])).unwrap();
    assert_eq!(report["theses"].as_array().unwrap().len(), theses.len());
    let responses = String::from_utf8(env.stdout(["responses"])).unwrap();
    assert!(responses.contains("\nthesis: "), "{responses}");
}
