//! Traces, figures and printing on hand-made graphs: cycles, a chain deep enough to overflow
//! any recursion, and a lattice whose claims share answers. The ignored `scale_*` test times
//! the whole path from the store on a generated chain (release build).

use super::*;
use crate::relation::Relation;
use crate::render::write_trace;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use proptest::test_runner::TestCaseError;
use proptest::{prop_assert, prop_assert_eq};

fn claim(graph: &mut DiGraph<ClaimNode, Link>, name: &str, likes: Option<u64>) -> NodeIndex {
    graph.add_node(ClaimNode {
        iri: format!("urn:{name}"),
        label: name.to_owned(),
        label_zh: None,
        claimant: Some(Arc::new(Named {
            iri: format!("urn:actor:{name}"),
            label: format!("{name}'s author"),
            label_zh: None,
        })),
        accuses: Vec::new(),
        faction: None,
        quote: None,
        likes,
        thread_most_likes: likes.map(|n| n * 2),
        popularity: Vec::new(),
        allegation: name == "a",
        thesis: name == "t",
    })
}

fn attack(kind: Relation) -> Link {
    Link::Response {
        iri: format!("urn:r:{}", kind.name()),
        kind,
        scheme: None,
        scheme_zh: None,
    }
}

/// Lines, each ended by a newline.
fn lines(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn text(trace: &Trace<'_>) -> String {
    let mut out = Vec::new();
    write_trace(trace, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// `a`, then `c1` rebutting `a`, `c2` rebutting `c1`, ... `c{n-1}`: `n` claims in all.
fn chain(n: usize) -> ArgumentGraph {
    let mut g = DiGraph::with_capacity(n, n);
    let mut previous = claim(&mut g, "a", None);
    for i in 1..n {
        let next = claim(&mut g, &format!("c{i}"), None);
        g[next].claimant = None;
        g.add_edge(next, previous, attack(Relation::Rebuttal));
        previous = next;
    }
    ArgumentGraph {
        graph: g,
        ..ArgumentGraph::default()
    }
}

#[test]
fn cycles_are_reported_not_looped_on() {
    let mut g = DiGraph::new();
    let a = claim(&mut g, "a", None);
    let b = claim(&mut g, "b", Some(3));
    let c = claim(&mut g, "c", Some(7));
    g.add_edge(b, a, attack(Relation::Rebuttal));
    g.add_edge(c, a, attack(Relation::Undercut));
    g.add_edge(a, b, attack(Relation::CounterAccusation));
    let graph = ArgumentGraph {
        graph: g,
        ..ArgumentGraph::default()
    };
    let trace = trace(&graph, a);
    let children: Vec<usize> = trace.children(0).collect();
    assert_eq!(trace.claim(children[0]).label, "c", "most liked first");
    let b_node = children[1];
    let under_b: Vec<usize> = trace.children(b_node).collect();
    assert_eq!(under_b.len(), 1);
    let back = trace.nodes()[under_b[0]];
    assert!(back.cycle && back.subtree == 1 && back.reference == Some(0));
    assert_eq!(
        text(&trace),
        lines(&[
            "a — a's author",
            "├─ undercut: c — c's author · 7 likes",
            "└─ rebuttal: b — b's author · 3 likes",
            "   └─ counter-accusation: a — a's author ↺ (cycle: already on this path)",
        ])
    );
    let figures = figures(&trace);
    assert_eq!(
        (
            figures.direct,
            figures.indirect,
            figures.deepest_chain,
            figures.cycles
        ),
        (2, 0, 2, 1),
        "the chain a ← b ← a counts its closing link"
    );
    assert_eq!(
        figures.most_liked,
        [("c".to_owned(), 7), ("b".to_owned(), 3)]
    );
    assert!(graph.roots().is_empty(), "a answers b, so it is no root");
    let json = serde_json::to_value(&trace).unwrap();
    assert_eq!(json["root"], "urn:a");
    assert_eq!(
        json["nodes"][3],
        serde_json::json!({
            "id": 3, "parent": 2, "depth": 2, "relation": "counter-accusation", "scheme": null,
            "cycle": true, "ref": 0, "claim": serde_json::to_value(&graph.graph[a]).unwrap(),
        })
    );
}

#[test]
fn premises_come_first_and_quotes_are_printed_once() {
    let mut g = DiGraph::new();
    let a = claim(&mut g, "a", None);
    let p = claim(&mut g, "p", None);
    let r = claim(&mut g, "r", Some(100));
    g[a].quote = Some("a and p,\n  said at once".to_owned());
    g[p].quote = g[a].quote.clone();
    g[r].quote = Some("no".to_owned());
    g.add_edge(r, a, attack(Relation::Rebuttal));
    g.add_edge(p, a, Link::Premise);
    g.add_edge(r, p, attack(Relation::Undermining));
    let graph = ArgumentGraph {
        graph: g,
        ..ArgumentGraph::default()
    };
    let trace = trace(&graph, a);
    assert_eq!(
        text(&trace),
        lines(&[
            "a — a's author",
            "   “a and p, said at once”",
            "├─ premise: p — p's author",
            "│  └─ undermining: r — r's author · 100 likes",
            "│        “no”",
            "└─ rebuttal: r — r's author · 100 likes (*) shown above",
        ])
    );
    let figures = figures(&trace);
    assert_eq!(
        (figures.direct, figures.indirect, figures.deepest_chain),
        (1, 0, 1),
        "the premise adds no step"
    );
}

/// `layers` layers of `width` claims under `a`; every claim of a layer answers every claim of
/// the layer above. Expanding every path would take `width^layers` lines.
fn lattice(layers: usize, width: usize) -> ArgumentGraph {
    let mut g = DiGraph::new();
    let mut above = vec![claim(&mut g, "a", None)];
    for layer in 1..=layers {
        let current: Vec<NodeIndex> = (0..width)
            .map(|i| {
                let n = claim(&mut g, &format!("x{layer}.{i}"), Some((width - i) as u64));
                g[n].claimant = None;
                n
            })
            .collect();
        for &answer in &current {
            for &answered in &above {
                g.add_edge(answer, answered, attack(Relation::Rebuttal));
            }
        }
        above = current;
    }
    ArgumentGraph {
        graph: g,
        ..ArgumentGraph::default()
    }
}

#[test]
fn a_lattice_of_shared_answers_prints_each_subtree_once() {
    let graph = lattice(2, 2);
    let traced = trace(&graph, NodeIndex::new(0));
    assert_eq!(
        text(&traced),
        lines(&[
            "a — a's author",
            "├─ rebuttal: x1.0 · 2 likes",
            "│  ├─ rebuttal: x2.0 · 2 likes",
            "│  └─ rebuttal: x2.1 · 1 likes",
            "└─ rebuttal: x1.1 · 1 likes",
            "   ├─ rebuttal: x2.0 · 2 likes (*) shown above",
            "   └─ rebuttal: x2.1 · 1 likes (*) shown above",
        ])
    );
    let json = serde_json::to_value(&traced).unwrap();
    let refs: Vec<_> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["parent"].clone(), n["ref"].clone()))
        .collect();
    use serde_json::json;
    assert_eq!(
        refs,
        [
            (json!(null), json!(null)),
            (json!(0), json!(null)),
            (json!(1), json!(null)),
            (json!(1), json!(null)),
            (json!(0), json!(null)),
            (json!(4), json!(2)),
            (json!(4), json!(3)),
        ]
    );

    // 30 layers: 2^30 paths, but one node per link.
    let (layers, width) = (30, 2);
    let graph = lattice(layers, width);
    let traced = trace(&graph, NodeIndex::new(0));
    let links = width + (layers - 1) * width * width;
    assert_eq!(traced.nodes().len(), 1 + links);
    let expanded = traced
        .nodes()
        .iter()
        .filter(|n| n.reference.is_none())
        .count();
    assert_eq!(
        expanded,
        graph.graph.node_count(),
        "each claim expanded once"
    );
    let printed = text(&traced);
    for n in graph.graph.node_indices() {
        let label = &graph.graph[n].label;
        let full = printed
            .lines()
            .filter(|l| l.contains(&format!(": {label} ")) && !l.contains("(*)"))
            .count();
        assert_eq!(full, usize::from(n.index() != 0), "{label}");
    }
    let figures = figures(&traced);
    assert_eq!(
        (
            figures.direct,
            figures.indirect,
            figures.deepest_chain,
            figures.cycles
        ),
        (width, (layers - 1) * width, layers, 0)
    );
    assert_eq!(figures.most_liked.len(), layers * width);
}

#[test]
fn indentation_stops_growing_and_says_the_depth() {
    let graph = chain(20);
    let printed = text(&trace(&graph, NodeIndex::new(0)));
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines[16], format!("{}└─ rebuttal: c16", "   ".repeat(15)));
    assert_eq!(
        lines[17],
        format!("{}└─ [depth 17] rebuttal: c17", "   ".repeat(15))
    );
    assert_eq!(
        lines[19],
        format!("{}└─ [depth 19] rebuttal: c19", "   ".repeat(15))
    );
}

/// Each of these would overflow the stack if it recursed once per level: building the trace,
/// counting it, printing it as text and JSON, reading the JSON back, and dropping it all.
#[test]
fn a_100_000_long_chain_is_traced_counted_printed_and_dropped_without_recursion() {
    let n = 100_000;
    let graph = chain(n);
    let root = NodeIndex::new(0);
    assert_eq!(graph.roots(), [(root, RootKind::Allegation)]);
    let trace = trace(&graph, root);
    assert_eq!(trace.nodes().len(), n);
    assert_eq!(trace.nodes()[n - 1].depth, n - 1);
    let figures = figures(&trace);
    assert_eq!(
        (
            figures.direct,
            figures.indirect,
            figures.deepest_chain,
            figures.cycles
        ),
        (1, n - 2, n - 1, 0)
    );
    let printed = text(&trace);
    assert_eq!(printed.lines().count(), n);
    assert!(printed.ends_with(&format!("[depth {}] rebuttal: c{}\n", n - 1, n - 1)));
    let widest = printed.lines().map(|l| l.chars().count()).max();
    assert_eq!(
        widest,
        Some(48 + "[depth 99999] rebuttal: c99999".len()),
        "bounded indentation"
    );
    let json = String::from_utf8(serde_json::to_vec(&trace).unwrap()).unwrap();
    let last = format!(r#"{{"id":{},"parent":{},"depth":{},"#, n - 1, n - 2, n - 1);
    assert!(json.contains(&last), "{}", &json[json.len() - 300..]);
    let labels = grounded_labels(&graph);
    assert_eq!(labels[n - 1], Label::In);
    assert_eq!(labels[n - 2], Label::Out);
    drop(trace);
    drop(graph);
}

/// Claims `n0..n{n-1}` and links `(from, to, premise)` between them.
fn random_graph(n: usize, links: &[(usize, usize, bool)]) -> ArgumentGraph {
    let mut g = DiGraph::new();
    for i in 0..n {
        let likes = (i % 3 != 0).then_some((i % 4) as u64);
        claim(&mut g, &format!("n{i}"), likes);
    }
    for &(from, to, premise) in links {
        let link = if premise {
            Link::Premise
        } else {
            attack(Relation::Rebuttal)
        };
        g.add_edge(NodeIndex::new(from % n), NodeIndex::new(to % n), link);
    }
    ArgumentGraph {
        graph: g,
        ..ArgumentGraph::default()
    }
}

/// By brute force over every simple path from `root` (in the trace's direction): the least
/// and the most responses on a path to each claim reached, and whether a cycle is reached.
/// Exponential: small graphs only.
fn brute_force(graph: &ArgumentGraph, root: NodeIndex) -> (Vec<Option<(usize, usize)>>, bool) {
    let g = &graph.graph;
    let mut reach: Vec<Option<(usize, usize)>> = vec![None; g.node_count()];
    let mut cycle = false;
    // An explicit stack of (claim, responses so far, path).
    let mut stack = vec![(root, 0, vec![root])];
    while let Some((at, steps, path)) = stack.pop() {
        let seen = reach[at.index()].get_or_insert((steps, steps));
        *seen = (seen.0.min(steps), seen.1.max(steps));
        for edge in g.edges_directed(at, petgraph::Direction::Incoming) {
            let next = edge.source();
            let step = usize::from(matches!(edge.weight(), Link::Response { .. }));
            if path.contains(&next) {
                cycle = true;
            } else {
                let mut longer = path.clone();
                longer.push(next);
                stack.push((next, steps + step, longer));
            }
        }
    }
    (reach, cycle)
}

fn check_trace(graph: &ArgumentGraph, root: NodeIndex) -> Result<(), TestCaseError> {
    let g = &graph.graph;
    let traced = trace(graph, root);
    let nodes = traced.nodes();
    let (reach, has_cycle) = brute_force(graph, root);
    prop_assert_eq!(nodes[0].claim, root);
    prop_assert!(nodes[0].parent.is_none() && nodes[0].depth == 0 && nodes[0].link.is_none());
    let mut expanded = vec![0; g.node_count()];
    for (i, node) in nodes.iter().enumerate() {
        if let Some(p) = node.parent {
            prop_assert!(p < i && nodes[p].reference.is_none());
            prop_assert_eq!(node.depth, nodes[p].depth + 1);
            let (source, target) = g.edge_endpoints(node.link.unwrap()).unwrap();
            prop_assert_eq!((source, target), (node.claim, nodes[p].claim));
            prop_assert!(i + node.subtree <= p + nodes[p].subtree);
        }
        match node.reference {
            None => expanded[node.claim.index()] += 1,
            Some(first) => {
                prop_assert!(first < i && nodes[first].claim == node.claim);
                prop_assert!(nodes[first].reference.is_none() && node.subtree == 1);
                let mut ancestor = node.parent;
                let mut on_path = false;
                while let Some(a) = ancestor {
                    on_path |= a == first;
                    ancestor = nodes[a].parent;
                }
                prop_assert_eq!(node.cycle, on_path);
            }
        }
    }
    // Each claim reached is expanded once, and each link into it is one node.
    let mut links_in = 0;
    for n in g.node_indices() {
        prop_assert_eq!(expanded[n.index()], usize::from(reach[n.index()].is_some()));
        if reach[n.index()].is_some() {
            links_in += g.edges_directed(n, petgraph::Direction::Incoming).count();
        }
    }
    prop_assert_eq!(nodes.len(), 1 + links_in);
    let text = text(&traced);
    prop_assert_eq!(text.lines().count(), nodes.len());

    let figures = figures(&traced);
    let at = |d: usize| {
        reach
            .iter()
            .filter(|r| r.is_some_and(|(least, _)| least == d))
            .count()
    };
    prop_assert_eq!(figures.direct, at(1));
    let further = reach
        .iter()
        .filter(|r| r.is_some_and(|(least, _)| least >= 2))
        .count();
    prop_assert_eq!(figures.indirect, further);
    prop_assert_eq!(figures.cycles > 0, has_cycle);
    let most = reach.iter().flatten().map(|r| r.1).max().unwrap_or(0);
    if has_cycle {
        prop_assert!(figures.deepest_chain <= most + 1);
    } else {
        prop_assert_eq!(
            figures.deepest_chain,
            most,
            "the longest chain, without cycles"
        );
    }
    Ok(())
}

/// One link in five is a premise.
fn premise() -> proptest::bool::Weighted {
    proptest::bool::weighted(0.2)
}

proptest::proptest! {
    #[test]
    fn traces_and_figures_agree_with_brute_force_on_small_graphs(
        n in 1usize..8,
        links in proptest::collection::vec((0usize..8, 0usize..8, premise()), 0..16),
    ) {
        let graph = random_graph(n, &links);
        check_trace(&graph, NodeIndex::new(0))?;
    }

    #[test]
    fn figures_are_exact_on_small_acyclic_graphs(
        n in 1usize..9,
        links in proptest::collection::vec((0usize..9, 0usize..9, premise()), 0..20),
    ) {
        // A link only from a later claim to an earlier one: no cycle.
        let links: Vec<_> = links
            .into_iter()
            .map(|(a, b, p)| (a % n, b % n, p))
            .filter(|(a, b, _)| a > b)
            .collect();
        let graph = random_graph(n, &links);
        check_trace(&graph, NodeIndex::new(0))?;
    }
}

#[test]
fn finding_a_claim_by_iri_or_local_name() {
    let mut g = DiGraph::new();
    claim(&mut g, "a", None);
    g[NodeIndex::new(0)].iri = "http://example.org/x/claim-a".to_owned();
    let graph = ArgumentGraph {
        graph: g,
        ..ArgumentGraph::default()
    };
    assert_eq!(graph.find("claim-a"), Some(NodeIndex::new(0)));
    assert_eq!(
        graph.find("http://example.org/x/claim-a"),
        Some(NodeIndex::new(0))
    );
    assert_eq!(graph.find("a"), None, "a suffix that is not a local name");
    assert_eq!(graph.find(""), None, "the empty string names nothing");
    let mut g = DiGraph::new();
    for iri in [
        "https://example.org/x/https://example.org/y",
        "https://example.org/y",
    ] {
        let n = claim(&mut g, "y", None);
        g[n].iri = iri.to_owned();
    }
    let graph = ArgumentGraph {
        graph: g,
        ..ArgumentGraph::default()
    };
    assert_eq!(
        graph.find("https://example.org/y"),
        Some(NodeIndex::new(1)),
        "a full IRI finds its own claim first"
    );
}

/// The edges of a graph as `(from, to, link)`, in order.
fn edges(graph: &DiGraph<ClaimNode, Link>) -> Vec<(usize, usize, Link)> {
    graph
        .edge_references()
        .map(|e| (e.source().index(), e.target().index(), e.weight().clone()))
        .collect()
}

#[test]
fn the_store_reads_as_the_sparql_queries_say() {
    let cycle = crate::ingest::Source::from_bytes(
        "cycle.ttl",
        include_bytes!("../../tests/fixtures/cycle.ttl").as_slice(),
        oxigraph::io::RdfFormat::Turtle,
        "http://example.org/cycle",
    )
    .unwrap();
    let extra = crate::ingest::Source::from_bytes(
        "extra.ttl",
        br#"@prefix cg: <https://w3id.org/claimgraph/ns#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix schema: <https://schema.org/> .
            _:blank a cg:Claim ; cg:claimant _:nobody ; cg:accuses <urn:z> , <urn:y> .
            <urn:unlabelled> a cg:Allegation ; cg:hasPremise _:blank .
            <urn:discussion> cg:thesis <urn:unlabelled> .
            <urn:q> cg:implies <urn:unlabelled> ; cg:faction <urn:f2> , <urn:f1> ;
                cg:saidIn <urn:t1> , <urn:t2> ;
                schema:interactionStatistic [ schema:userInteractionCount 3 ] ,
                    [ schema:userInteractionCount 12 ] .
            <urn:q2> cg:expresses _:blank ; cg:saidIn <urn:t2> ;
                cg:popularity cg:ManyLikes , <urn:level> ;
                schema:interactionStatistic [ schema:userInteractionCount 40 ] .
            <urn:q3> cg:saidIn <urn:t1> ;
                schema:interactionStatistic [ schema:userInteractionCount 900 ] .
            <urn:y> rdfs:label "Why"@fr .
            <urn:r> a cg:Support ; cg:fromClaim _:blank ; cg:toClaim <urn:unlabelled> .
            <urn:not-a-claim-r> a cg:Rebuttal ;
                cg:fromClaim <urn:x> ; cg:toClaim <urn:unlabelled> ."#
            .as_slice(),
        oxigraph::io::RdfFormat::Turtle,
        "http://example.org/extra",
    )
    .unwrap();
    let store = ClaimStore::in_memory().unwrap();
    let mut sources = crate::bundled::data_sources();
    sources.extend([cycle, extra]);
    store.load_with_schema(&sources).unwrap();
    let read = ArgumentGraph::from_store(&store).unwrap().graph;
    let reference = sparql_reference(&store);
    assert_eq!(
        read.node_weights().collect::<Vec<_>>(),
        reference.node_weights().collect::<Vec<_>>()
    );
    assert_eq!(edges(&read), edges(&reference));
    assert!(read.node_count() > 40 && read.edge_count() > 40);
    let unlabelled = &read[NodeIndex::new(read.node_count() - 1)];
    assert_eq!(unlabelled.iri, "urn:unlabelled");
    assert_eq!(unlabelled.likes, Some(12));
    assert!(unlabelled.thesis && !read[NodeIndex::new(0)].thesis);
    // Its quote is in two threads; the most liked quote of either that voices a claim has 40
    // likes (the 900 of a quote that voices none do not count).
    assert_eq!(unlabelled.thread_most_likes, Some(40));
    assert_eq!(unlabelled.faction.as_ref().unwrap().iri, "urn:f2");
    let blank = &read[NodeIndex::new(0)];
    assert!(blank.iri.starts_with("_:"));
    let accused: Vec<&str> = blank.accuses.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(accused, ["Why", "urn:z"]);
    assert_eq!(blank.claimant.as_ref().unwrap().label, "");
    let levels: Vec<&str> = blank.popularity.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(levels, ["many likes", "urn:level"]);
}

const CLAIMS: &str = r#"
SELECT ?c (SAMPLE(?l) AS ?label) (SAMPLE(?lz) AS ?labelZh) (SAMPLE(?qt) AS ?quote)
       (MAX(?n) AS ?likes) (MAX(?isAllegation) AS ?allegation)
       (SAMPLE(?f) AS ?faction) (MAX(?most) AS ?threadMost) (MAX(?isThesis) AS ?thesis)
WHERE {
  ?c a/rdfs:subClassOf* cg:Claim .
  OPTIONAL { ?c rdfs:label ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?c rdfs:label ?any }
  OPTIONAL { ?c rdfs:label ?lz FILTER(lang(?lz) = "zh") }
  BIND(COALESCE(?en, ?any, STR(?c)) AS ?l)
  OPTIONAL {
    ?q cg:expresses|cg:implies ?c .
    OPTIONAL { ?q cg:faction ?f }
    OPTIONAL { ?q cg:originalText ?o }
    OPTIONAL { ?q cg:translation/cg:text ?t FILTER(lang(?t) = "zh") }
    BIND(COALESCE(?o, ?t) AS ?qt)
    OPTIONAL { ?q schema:interactionStatistic/schema:userInteractionCount ?n }
    OPTIONAL {
      { ?q cg:saidIn ?thread . ?other cg:saidIn ?thread ; cg:expresses|cg:implies [] }
      UNION { FILTER NOT EXISTS { ?q cg:saidIn [] } BIND(?q AS ?other) }
      ?other schema:interactionStatistic/schema:userInteractionCount ?most
    }
  }
  BIND(EXISTS { ?c a cg:Allegation } AS ?isAllegation)
  BIND(EXISTS { [] cg:thesis ?c } AS ?isThesis)
}
GROUP BY ?c ORDER BY ?c"#;

const RESPONSES: &str = r#"
SELECT ?r ?from ?to ?kind ?attack ?scheme ?schemeZh WHERE {
  ?r cg:fromClaim ?from ; cg:toClaim ?to ; a ?class .
  ?class rdfs:subClassOf* cg:Response .
  OPTIONAL { ?class rdfs:label ?kind FILTER(lang(?kind) = "en") }
  BIND(EXISTS { ?class rdfs:subClassOf* cg:Attack } AS ?attack)
  OPTIONAL { ?r cg:scheme/skos:prefLabel ?scheme FILTER(lang(?scheme) = "en") }
  OPTIONAL { ?r cg:scheme/skos:prefLabel ?schemeZh FILTER(lang(?schemeZh) = "zh") }
}
ORDER BY ?r"#;

const PREMISES: &str = "SELECT ?c ?p WHERE { ?c cg:hasPremise ?p } ORDER BY ?c ?p";

/// Claimants, accused actors and factions, with their labels.
const NAMED: &str = r#"
SELECT ?c ?role ?x (SAMPLE(?l) AS ?label) (SAMPLE(?lz) AS ?labelZh) WHERE {
  { ?c cg:claimant ?x BIND("claimant" AS ?role) }
  UNION { ?c cg:accuses ?x BIND("accuses" AS ?role) }
  UNION { ?q cg:expresses|cg:implies ?c ; cg:faction ?x BIND("faction" AS ?role) }
  UNION { ?q cg:expresses|cg:implies ?c ; cg:popularity ?x BIND("popularity" AS ?role) }
  OPTIONAL { ?x rdfs:label|skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?x rdfs:label|skos:prefLabel ?any }
  OPTIONAL { ?x rdfs:label|skos:prefLabel ?lz FILTER(lang(?lz) = "zh") }
  BIND(COALESCE(?en, ?any, STR(?x)) AS ?l)
}
GROUP BY ?c ?role ?x ORDER BY ?c ?role ?x"#;

/// The SPARQL reader that `read` replaced, kept as its specification.
fn sparql_reference(store: &ClaimStore) -> DiGraph<ClaimNode, Link> {
    let mut graph = DiGraph::new();
    let mut index = HashMap::new();
    for row in rows(store, CLAIMS) {
        let iri = iri(&row, "c");
        let node = ClaimNode {
            label: value(&row, "label").unwrap_or_else(|| iri.clone()),
            label_zh: value(&row, "labelZh"),
            claimant: None,
            accuses: Vec::new(),
            faction: None,
            quote: value(&row, "quote"),
            likes: value(&row, "likes").and_then(|n| n.parse().ok()),
            thread_most_likes: value(&row, "threadMost").and_then(|n| n.parse().ok()),
            popularity: Vec::new(),
            allegation: value(&row, "allegation").as_deref() == Some("true"),
            thesis: value(&row, "thesis").as_deref() == Some("true"),
            iri: iri.clone(),
        };
        index.insert(iri, graph.add_node(node));
    }
    for row in rows(store, NAMED) {
        let Some(&claim) = index.get(&iri(&row, "c")) else {
            continue;
        };
        let named = Named {
            iri: iri(&row, "x"),
            label: value(&row, "label").unwrap_or_default(),
            label_zh: value(&row, "labelZh"),
        };
        let node = &mut graph[claim];
        match value(&row, "role").as_deref() {
            Some("claimant") => node.claimant = Some(named.into()),
            Some("accuses") => node.accuses.push(named.into()),
            Some("popularity") => node.popularity.push(named.into()),
            _ => node.faction = Some(named.into()),
        }
    }
    for row in rows(store, RESPONSES) {
        let (Some(&from), Some(&to)) = (index.get(&iri(&row, "from")), index.get(&iri(&row, "to")))
        else {
            continue; // A response to something that is not a claim has no place here.
        };
        let link = Link::Response {
            iri: iri(&row, "r"),
            kind: Relation::ALL
                .into_iter()
                .find(|r| Some(r.name()) == value(&row, "kind").as_deref())
                .unwrap_or(Relation::Response),
            scheme: value(&row, "scheme"),
            scheme_zh: value(&row, "schemeZh"),
        };
        graph.add_edge(from, to, link);
    }
    for row in rows(store, PREMISES) {
        if let (Some(&conclusion), Some(&premise)) =
            (index.get(&iri(&row, "c")), index.get(&iri(&row, "p")))
        {
            graph.add_edge(premise, conclusion, Link::Premise);
        }
    }
    graph
}

fn rows(store: &ClaimStore, sparql: &str) -> Vec<QuerySolution> {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in crate::vocab::PREFIXES {
        evaluator = evaluator.with_prefix(*prefix, *iri).unwrap();
    }
    let mut prepared = evaluator.parse_query(sparql).unwrap();
    prepared.dataset_mut().set_default_graph_as_union();
    match prepared
        .on_store(&store.oxigraph().unwrap())
        .execute()
        .unwrap()
    {
        QueryResults::Solutions(solutions) => solutions.collect::<Result<_, _>>().unwrap(),
        _ => unreachable!("the analysis queries are SELECT queries"),
    }
}

fn iri(row: &QuerySolution, var: &str) -> String {
    match row.get(var) {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn value(row: &QuerySolution, var: &str) -> Option<String> {
    match row.get(var)? {
        Term::Literal(l) => Some(l.value().to_owned()),
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        other => Some(other.to_string()),
    }
}

/// The claims within `depth` links of `roots` in `graph`, and the links among them, by IRI.
fn neighbourhood(
    graph: &ArgumentGraph,
    roots: &[NodeIndex],
    depth: usize,
) -> (Vec<ClaimNode>, Vec<(String, String, Link)>) {
    let mut seen: HashSet<NodeIndex> = roots.iter().copied().collect();
    let mut frontier = roots.to_vec();
    for _ in 0..depth {
        let mut next = Vec::new();
        for &node in &frontier {
            for other in graph.graph.neighbors_undirected(node) {
                if seen.insert(other) {
                    next.push(other);
                }
            }
        }
        frontier = next;
    }
    let mut claims: Vec<ClaimNode> = seen.iter().map(|&n| graph.graph[n].clone()).collect();
    claims.sort_by(|a, b| a.iri.cmp(&b.iri));
    let iri = |n: NodeIndex| graph.graph[n].iri.clone();
    let mut links: Vec<(String, String, Link)> = graph
        .graph
        .edge_references()
        .filter(|e| seen.contains(&e.source()) && seen.contains(&e.target()))
        .map(|e| (iri(e.source()), iri(e.target()), e.weight().clone()))
        .collect();
    links.sort_by_key(|(from, to, link)| format!("{from} {to} {link:?}"));
    (claims, links)
}

#[test]
fn a_focused_read_sees_its_part_as_the_whole_read_does() {
    let store = ClaimStore::in_memory().unwrap();
    store.load_bundled_and_generated(3_000, 2);
    let whole = ArgumentGraph::from_store(&store).unwrap();
    for (name, depth) in [
        ("c-distillation-attack", 1),
        ("c-distillation-attack", 3),
        ("dist:unknown", 1),
        ("deepseek", 2),
        ("c0", 1),
        ("c17", 2),
        ("c2999", 4),
        ("a5", 1),
    ] {
        let roots = match whole.find(name) {
            Some(claim) => vec![claim],
            None => whole
                .graph
                .node_indices()
                .filter(|&c| {
                    let claim = &whole.graph[c];
                    let named = |n: &Arc<Named>| n.iri == name || names(&n.iri, name);
                    claim.claimant.as_ref().is_some_and(named) || claim.accuses.iter().any(named)
                })
                .collect(),
        };
        let part = ArgumentGraph::around(&store, name, depth).unwrap();
        if roots.is_empty() {
            assert!(part.is_none(), "{name} names nothing");
            continue;
        }
        let (part, part_roots) = part.unwrap_or_else(|| panic!("{name} names something"));
        let expected = neighbourhood(&whole, &roots, depth);
        assert!(expected.0.len() > 1, "{name}: a trivial neighbourhood");
        assert!(
            neighbourhood(&part, &part_roots, depth) == expected,
            "{name} at depth {depth}"
        );
        assert!(
            part.graph.node_count() == expected.0.len(),
            "{name}: only its part is read"
        );
        // The same part, cut from the whole graph in memory.
        let inside: HashSet<&str> = part.graph.node_weights().map(|c| c.iri.as_str()).collect();
        let keep: BTreeSet<NodeIndex> = whole
            .graph
            .node_indices()
            .filter(|&n| inside.contains(whole.graph[n].iri.as_str()))
            .collect();
        let cut = whole.part(&keep);
        let cut_roots: Vec<NodeIndex> = roots
            .iter()
            .map(|root| NodeIndex::new(keep.range(..root).count()))
            .collect();
        assert!(
            neighbourhood(&cut, &cut_roots, depth) == expected,
            "{name} at depth {depth}, cut from the whole"
        );
        assert_eq!(cut.graph.node_count(), keep.len());
    }
}

/// Claims and links, comparable.
fn parts(graph: &ArgumentGraph) -> (Vec<&ClaimNode>, Vec<(usize, usize, &Link)>) {
    let links = graph
        .graph
        .edge_references()
        .map(|e| (e.source().index(), e.target().index(), e.weight()))
        .collect();
    (graph.graph.node_weights().collect(), links)
}

#[test]
fn an_encoded_graph_decodes_to_itself_and_damaged_bytes_to_no_graph() {
    let store = ClaimStore::in_memory().unwrap();
    store.load_bundled_and_generated(2_000, 9);
    let graph = ArgumentGraph::from_store(&store).unwrap();
    let bytes = encode::encode(&graph);
    let back = encode::decode(&bytes).unwrap();
    assert!(parts(&back) == parts(&graph));
    assert!(graph.responses_exact && back.responses_exact);
    assert_eq!(back.unlike_query, graph.unlike_query);
    assert!(graph.graph[graph.find("c-distillation-attack").unwrap()]
        .label_zh
        .is_some());

    // Cut anywhere, the bytes are never a graph; flipped, they never panic.
    for cut in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
        assert!(encode::decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(encode::decode(&longer).is_err());
    for at in (0..bytes.len()).step_by(89) {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0xff;
        let _ = encode::decode(&flipped);
    }
}

#[test]
#[cfg(feature = "rocksdb")]
fn on_disk_the_kept_graph_is_read_and_carried_over_what_writers_say_they_changed() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = {
        let store = ClaimStore::create(dir.path()).unwrap();
        store.load_bundled_and_generated(500, 4);
        ArgumentGraph::from_store(&store).unwrap()
    };
    let store = ClaimStore::open(dir.path(), crate::store::Access::ReadOnly).unwrap();
    assert!(parts(&ArgumentGraph::from_store(&store).unwrap()) == parts(&fresh));
    // A graph kept for this very state of the store is what readers get...
    let mut doctored = fresh.clone();
    doctored.graph[NodeIndex::new(0)].label = "kept, not read".to_owned();
    store
        .keeping()
        .unwrap()
        .write(KEPT, &encode::key(), &encode::encode(&doctored));
    let read = ArgumentGraph::from_store(&store).unwrap();
    assert_eq!(read.graph[NodeIndex::new(0)].label, "kept, not read");
    // ...but not when another code kept it.
    store
        .keeping()
        .unwrap()
        .write(KEPT, b"another code", &encode::encode(&doctored));
    assert!(parts(&ArgumentGraph::from_store(&store).unwrap()) == parts(&fresh));
    store
        .keeping()
        .unwrap()
        .write(KEPT, &encode::key(), &encode::encode(&doctored));
    drop(store);
    let reader = || {
        let store = ClaimStore::open(dir.path(), crate::store::Access::ReadOnly).unwrap();
        let graph = ArgumentGraph::from_store(&store).unwrap();
        let whole = read::read(&store.oxigraph().unwrap()).unwrap();
        (graph, whole)
    };
    // A writer that writes nothing records as much: the kept graph is carried forward.
    drop(ClaimStore::open(dir.path(), crate::store::Access::ReadWrite).unwrap());
    let (graph, _) = reader();
    assert_eq!(graph.graph[NodeIndex::new(0)].label, "kept, not read");
    // A load records what it names: the kept graph is patched there, and only there.
    let late = crate::ingest::Source::from_bytes(
        "late.ttl",
        &b"<urn:late> a <https://w3id.org/claimgraph/ns#Allegation> ."[..],
        oxigraph::io::RdfFormat::Turtle,
        "urn:late-graph",
    )
    .unwrap();
    let writer = ClaimStore::open(dir.path(), crate::store::Access::ReadWrite).unwrap();
    writer.load(&[late]).unwrap();
    drop(writer);
    let (graph, whole) = reader();
    assert_eq!(graph.graph[NodeIndex::new(0)].label, "kept, not read");
    assert!(graph.find("urn:late").is_some());
    assert_eq!(graph.graph.node_count(), whole.graph.node_count());
    // A write that cannot say what it changed leaves the next reader to read the store whole.
    let writer = ClaimStore::open(dir.path(), crate::store::Access::ReadWrite).unwrap();
    let triple = oxigraph::model::Triple::new(
        oxigraph::model::NamedNode::new("urn:s").unwrap(),
        oxigraph::model::NamedNode::new("urn:p").unwrap(),
        oxigraph::model::NamedNode::new("urn:o").unwrap(),
    );
    writer
        .replace_graph(
            oxigraph::model::NamedNodeRef::new("urn:results").unwrap(),
            &[triple],
            "a test",
        )
        .unwrap();
    drop(writer);
    let (graph, whole) = reader();
    assert!(parts(&graph) == parts(&whole));
    assert_ne!(graph.graph[NodeIndex::new(0)].label, "kept, not read");
}

#[test]
#[cfg(feature = "rocksdb")]
fn a_claims_part_cut_from_the_kept_graph_is_the_part_read_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = ClaimStore::create(dir.path()).unwrap();
    store.load_bundled_and_generated(3_000, 6);
    let apart = ClaimStore::from_quads(
        store
            .oxigraph()
            .unwrap()
            .iter()
            .map(Result::unwrap)
            .collect(),
    )
    .unwrap();
    ArgumentGraph::from_store(&store).unwrap();
    assert!(store
        .keeping()
        .unwrap()
        .read(KEPT, &encode::key())
        .is_some());
    for (name, depth) in [
        ("c-distillation-attack", 1),
        ("c-distillation-attack", 4),
        ("c0", 2),
        ("c17", 0),
        ("c2999", 3),
        ("https://w3id.org/claimgraph/id/synthetic/6/c5", 2),
        ("a5", 1),
        ("nothing-by-this-name", 1),
    ] {
        let kept = ArgumentGraph::around(&store, name, depth).unwrap();
        let read = ArgumentGraph::around(&apart, name, depth).unwrap();
        match (kept, read) {
            (None, None) => {}
            (Some((kept, kept_roots)), Some((read, read_roots))) => {
                assert!(parts(&kept) == parts(&read), "{name} at depth {depth}");
                assert_eq!(kept_roots, read_roots, "{name}");
                assert!(kept.graph.node_count() > 1 || depth == 0, "{name}");
            }
            (kept, read) => panic!("{name}: kept {}, read {}", kept.is_some(), read.is_some()),
        }
    }
}

#[test]
#[cfg(feature = "rocksdb")]
fn an_actor_the_kept_graph_does_not_hold_is_looked_for_in_the_store() {
    use crate::ingest::Source;
    use crate::store::Access;
    use crate::vocab::property;
    let dir = tempfile::tempdir().unwrap();
    ClaimStore::create(dir.path())
        .unwrap()
        .load_bundled_and_generated(300, 2);
    let claim = "https://w3id.org/claimgraph/id/synthetic/2/c5";
    let second = "http://example.org/a-second-claimant";
    // Read by a reader, so that the graph is kept for the next.
    let reader = || {
        let store = ClaimStore::open(dir.path(), Access::ReadOnly).unwrap();
        let graph = ArgumentGraph::from_store(&store).unwrap();
        assert!(store
            .keeping()
            .unwrap()
            .read(KEPT, &encode::key())
            .is_some());
        (store, graph)
    };
    // Without a claim of two claimants, a name the graph's actors lack is no one's.
    let (store, graph) = reader();
    assert!(graph.unlike_query.is_empty());
    assert!(graph.graph[graph.find(claim).unwrap()].claimant.is_some());
    assert!(ArgumentGraph::around(&store, "a-second-claimant", 1)
        .unwrap()
        .is_none());
    drop(store);
    // A second claimant is one the graph does not keep: found in the store.
    let extra = Source::from_bytes(
        "second.ttl",
        format!("<{claim}> {} <{second}> .", property::CLAIMANT).into_bytes(),
        oxigraph::io::RdfFormat::Turtle,
        "urn:second",
    )
    .unwrap();
    ClaimStore::open(dir.path(), Access::ReadWrite)
        .unwrap()
        .load(&[extra])
        .unwrap();
    let (store, graph) = reader();
    assert!(!graph.unlike_query.is_empty());
    for name in ["a-second-claimant", second] {
        let (part, roots) = ArgumentGraph::around(&store, name, 1).unwrap().unwrap();
        let roots: Vec<&str> = roots.iter().map(|&n| part.graph[n].iri.as_str()).collect();
        assert_eq!(roots, [claim], "{name}");
    }
    assert!(ArgumentGraph::around(&store, "nothing-by-this-name", 1)
        .unwrap()
        .is_none());
}

#[test]
fn debates_start_from_allegations_and_from_answered_conclusions() {
    let mut g = DiGraph::new();
    // "a" is an allegation (see `claim`); x is answered by y and by premise p; z stands alone;
    // w answers x and is answered by v.
    let a = claim(&mut g, "a", None);
    let [x, y, p, _z, w, v] = ["x", "y", "p", "z", "w", "v"].map(|n| claim(&mut g, n, None));
    // "t" is a discussion's thesis, unanswered yet.
    let t = claim(&mut g, "t", None);
    g.add_edge(y, x, attack(Relation::Rebuttal));
    g.add_edge(p, x, Link::Premise);
    g.add_edge(w, x, attack(Relation::Support));
    g.add_edge(v, w, attack(Relation::Undercut));
    let graph = ArgumentGraph {
        graph: g,
        ..ArgumentGraph::default()
    };
    // The unanswered allegation and thesis are roots; x is a conclusion; z, answered by
    // nothing, is no debate; y, p, w and v answer something.
    assert_eq!(
        graph.roots(),
        [
            (a, RootKind::Allegation),
            (t, RootKind::Thesis),
            (x, RootKind::Conclusion)
        ]
    );
    let mut text = Vec::new();
    write_trace(&trace(&graph, x).of_root(RootKind::Conclusion), &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.starts_with("conclusion: x — x's author\n"), "{text}");
    let json = serde_json::to_value(trace(&graph, x).of_root(RootKind::Conclusion)).unwrap();
    assert_eq!(json["kind"], "conclusion");
    assert!(serde_json::to_value(trace(&graph, x))
        .unwrap()
        .get("kind")
        .is_none());
}

/// A change to a store: quads removed, then added.
struct Change {
    what: String,
    removed: Vec<oxigraph::model::Quad>,
    added: Vec<oxigraph::model::Quad>,
}

/// Applies `change` to `store`, hands the store on, and undoes it.
fn with_change<T>(store: &oxigraph::store::Store, change: &Change, then: impl FnOnce() -> T) -> T {
    let removed: Vec<_> = change
        .removed
        .iter()
        .filter(|q| store.contains(*q).unwrap())
        .cloned()
        .collect();
    let added: Vec<_> = change
        .added
        .iter()
        .filter(|q| !store.contains(*q).unwrap())
        .cloned()
        .collect();
    for quad in &removed {
        store.remove(quad).unwrap();
    }
    for quad in &added {
        store.insert(quad).unwrap();
    }
    let result = then();
    for quad in &added {
        store.remove(quad).unwrap();
    }
    for quad in &removed {
        store.insert(quad).unwrap();
    }
    result
}

/// The patch of `old` with `change` applied to `store`, if it patched, checked against a whole
/// reading of the changed store.
fn assert_patched(old: &ArgumentGraph, store: &oxigraph::store::Store, change: &Change) -> bool {
    let mut touched = crate::store::Touched::default();
    touched.quads(change.removed.iter().chain(&change.added));
    let Some(touched) = touched.into_nodes() else {
        return false;
    };
    with_change(store, change, || {
        let Some(patched) = patch::patch(old.clone(), &touched, store).unwrap() else {
            return false;
        };
        let whole = read::read(store).unwrap();
        let what = &change.what;
        assert_eq!(
            patched.graph.node_count(),
            whole.graph.node_count(),
            "{what}"
        );
        let (patched_nodes, patched_links) = parts(&patched);
        let (whole_nodes, whole_links) = parts(&whole);
        for (a, b) in patched_nodes.iter().zip(&whole_nodes) {
            assert_eq!(a, b, "{what}");
        }
        assert_eq!(patched_links.len(), whole_links.len(), "{what}");
        for (a, b) in patched_links.iter().zip(&whole_links) {
            assert_eq!(a, b, "{what}");
        }
        assert_eq!(patched.responses_exact, whole.responses_exact, "{what}");
        assert_eq!(patched.unlike_query, whole.unlike_query, "{what}");
        true
    })
}

/// Changes at random: quads taken out, quads rewired to another's object, part of another
/// controversy added, a quote liked in a thread of the bundled one, a claim's type taken away.
#[test]
fn a_kept_graph_patched_with_a_change_is_the_graph_read_whole_after_it() {
    use oxigraph::model::{GraphName, NamedNode, Quad};
    let store = ClaimStore::in_memory().unwrap();
    store.load_bundled_and_generated(1_500, 9);
    let store = store.oxigraph().unwrap();
    let old = read::read(&store).unwrap();
    assert!(old.responses_exact);
    let quads: Vec<Quad> = store
        .iter()
        .map(Result::unwrap)
        .filter(|q| q.predicate != oxigraph::model::vocab::rdfs::SUB_CLASS_OF)
        .collect();
    let mut other = Vec::new();
    crate::generate::write(
        crate::generate::Spec {
            claims: 300,
            seed: 77,
        },
        oxigraph::io::RdfFormat::NQuads,
        &mut other,
        |_| {},
    )
    .unwrap();
    let change_graph = GraphName::NamedNode(NamedNode::new_unchecked("urn:change"));
    let other: Vec<Quad> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(&other)
        .map(|q| Quad {
            graph_name: change_graph.clone(),
            ..q.unwrap()
        })
        .collect();
    let turtle = |what: &str, text: &str| Change {
        what: what.to_owned(),
        removed: Vec::new(),
        added: oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .with_default_graph(change_graph.clone())
            .for_slice(
                format!(
                    "@prefix cg: <https://w3id.org/claimgraph/ns#> .
                     @prefix dist: <https://w3id.org/claimgraph/id/distillation-attacks/> .
                     @prefix schema: <https://schema.org/> .
                     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                     {text}"
                )
                .as_bytes(),
            )
            .map(Result::unwrap)
            .collect(),
    };
    let mut changes = vec![
        turtle(
            "a quote liked in a thread",
            "dist:q-new cg:expresses dist:c-distillation-attack ; cg:saidIn dist:comment-thread ;
             schema:interactionStatistic [ schema:interactionType schema:LikeAction ;
                                           schema:userInteractionCount 9999 ] .",
        ),
        turtle(
            "a second claimant",
            "dist:c-distillation-not-stealing cg:claimant dist:someone-else .",
        ),
        turtle(
            "an actor renamed",
            "dist:anthropic rdfs:label \"another name\"@en .",
        ),
        turtle(
            "a response to what is no claim",
            "<urn:r> a cg:Rebuttal ; cg:fromClaim dist:c-distillation-not-stealing ;
             cg:toClaim <urn:nothing> .",
        ),
        turtle(
            "a new claim answering an old one, with a premise",
            "<urn:new> a cg:Claim ; rdfs:label \"new\"@en ; cg:hasPremise dist:c-distillation-attack .
             <urn:new-r> a cg:Undercut ; cg:fromClaim <urn:new> ;
             cg:toClaim dist:c-distillation-not-stealing .",
        ),
        Change {
            what: "another controversy whole".to_owned(),
            removed: Vec::new(),
            added: other.clone(),
        },
    ];
    let typed_claims: Vec<&Quad> = quads
        .iter()
        .filter(|q| q.predicate == oxigraph::model::vocab::rdf::TYPE)
        .filter(|q| q.object.to_string().ends_with("ns#Claim>"))
        .collect();
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    for round in 0..25 {
        let k = [1, 3, 12][round % 3];
        changes.push(Change {
            what: format!("round {round}: {k} quads taken out"),
            removed: (0..k).map(|_| quads[next(quads.len())].clone()).collect(),
            added: Vec::new(),
        });
        changes.push(Change {
            what: format!("round {round}: {k} quads rewired"),
            removed: Vec::new(),
            added: (0..k)
                .map(|_| {
                    let (a, b) = (&quads[next(quads.len())], &quads[next(quads.len())]);
                    Quad::new(
                        a.subject.clone(),
                        a.predicate.clone(),
                        b.object.clone(),
                        change_graph.clone(),
                    )
                })
                .collect(),
        });
        let start = next(other.len());
        changes.push(Change {
            what: format!("round {round}: part of another controversy"),
            removed: Vec::new(),
            added: other[start..other.len().min(start + 150)].to_vec(),
        });
        changes.push(Change {
            what: format!("round {round}: a claim's type taken away"),
            removed: vec![typed_claims[next(typed_claims.len())].clone()],
            added: Vec::new(),
        });
    }
    let patched = changes
        .iter()
        .filter(|change| assert_patched(&old, &store, change))
        .count();
    // Only a change to the ontology's classes is left to a whole reading.
    assert!(
        patched * 10 >= changes.len() * 9,
        "{patched} of {}",
        changes.len()
    );
}

/// A write that named nothing leaves any kept graph as it is; one whose change reaches more
/// than a quarter of the claims (every faction renamed, here) gives way to a whole reading,
/// which costs less.
#[test]
fn a_patch_keeps_the_graph_for_no_change_and_gives_way_to_a_whole_reading_for_a_wide_one() {
    use crate::vocab::property;
    use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad};
    let store = ClaimStore::in_memory().unwrap();
    store.load_bundled_and_generated(1_500, 9);
    let store = store.oxigraph().unwrap();
    let mut old = read::read(&store).unwrap();
    old.responses_exact = false;
    let kept = patch::patch(old.clone(), &[], &store).unwrap().unwrap();
    assert!(parts(&kept) == parts(&old) && !kept.responses_exact);
    old.responses_exact = true;
    let factions: std::collections::HashSet<NamedOrBlankNode> = store
        .quads_for_pattern(None, Some(property::FACTION), None, None)
        .map(|q| NamedOrBlankNode::try_from(q.unwrap().object).unwrap())
        .collect();
    let mut touched = Vec::new();
    for faction in factions {
        store
            .insert(&Quad::new(
                faction.clone(),
                oxigraph::model::vocab::rdfs::LABEL,
                oxigraph::model::Literal::new_simple_literal("renamed"),
                GraphName::NamedNode(NamedNode::new_unchecked("urn:change")),
            ))
            .unwrap();
        touched.push((faction, true));
    }
    assert!(patch::patch(old, &touched, &store).unwrap().is_none());
}
