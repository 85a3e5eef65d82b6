//! Argument analysis: one SPARQL step turns the store into a petgraph graph of claims and the
//! links between them; free functions trace response trees, count, and label claims with Dung
//! semantics. Everything after [`ArgumentGraph::from_store`] is pure.
//!
//! ```
//! use claimgraph::{analysis::ArgumentGraph, bundled, ClaimStore};
//!
//! let store = ClaimStore::in_memory()?;
//! store.load_with_schema(&bundled::data_sources())?;
//! let graph = ArgumentGraph::from_store(&store)?;
//! let root = graph.find("c-distillation-attack").unwrap();
//! let tree = claimgraph::analysis::trace(&graph, root);
//! assert!(tree.children.iter().any(|c| c.claim.label == "distillation is not stealing"));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use crate::dung::{self, Label};
use crate::error::QueryError;
use crate::query::{self, QueryOutput};
use crate::store::ClaimStore;
use crate::vocab::{concept, property};
use oxigraph::model::{NamedNode, NamedNodeRef, Term, Triple};
use oxigraph::sparql::QuerySolution;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction::Incoming;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Something with an IRI and labels: an actor or a faction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Named {
    /// Its IRI.
    pub iri: String,
    /// Its English label (another label, or the IRI, when there is none).
    pub label: String,
    /// Its Chinese label, where there is one.
    pub label_zh: Option<String>,
}

/// A claim, with what people need to read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimNode {
    /// The claim's IRI.
    pub iri: String,
    /// Its English label (another label, or the IRI, when there is none).
    pub label: String,
    /// Its Chinese label, where there is one.
    pub label_zh: Option<String>,
    /// Who claims it.
    pub claimant: Option<Named>,
    /// Whom it accuses, for an allegation.
    pub accuses: Vec<Named>,
    /// The faction of the quote behind it, where the source gives one.
    pub faction: Option<Named>,
    /// The quote behind it: the original text, else the Chinese rendering.
    pub quote: Option<String>,
    /// Likes of that quote, where the source gives a number.
    pub likes: Option<u64>,
    /// Whether the claim is an allegation.
    pub allegation: bool,
}

/// How one claim relates to another. Edges run from the answering claim to the answered one
/// (and from a premise to its conclusion).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Link {
    /// The source claim is a premise of the target.
    Premise,
    /// The source claim responds to the target.
    Response {
        /// The response's IRI.
        iri: String,
        /// Its type in words: rebuttal, undercut, undermining, counter-accusation, support...
        kind: String,
        /// Whether the type is an attack.
        attack: bool,
        /// The argument scheme, where one is stated.
        scheme: Option<String>,
    },
}

/// Claims and the links between them, as a petgraph graph.
#[derive(Debug, Clone, Default)]
pub struct ArgumentGraph {
    /// The graph itself.
    pub graph: DiGraph<ClaimNode, Link>,
}

const CLAIMS: &str = r#"
SELECT ?c (SAMPLE(?l) AS ?label) (SAMPLE(?lz) AS ?labelZh) (SAMPLE(?qt) AS ?quote)
       (MAX(?n) AS ?likes) (MAX(?isAllegation) AS ?allegation)
       (SAMPLE(?f) AS ?faction)
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
  }
  BIND(EXISTS { ?c a cg:Allegation } AS ?isAllegation)
}
GROUP BY ?c ORDER BY ?c"#;

const RESPONSES: &str = r#"
SELECT ?r ?from ?to ?kind ?attack ?scheme WHERE {
  ?r cg:fromClaim ?from ; cg:toClaim ?to ; a ?class .
  ?class rdfs:subClassOf* cg:Response .
  OPTIONAL { ?class rdfs:label ?kind FILTER(lang(?kind) = "en") }
  BIND(EXISTS { ?class rdfs:subClassOf* cg:Attack } AS ?attack)
  OPTIONAL { ?r cg:scheme/skos:prefLabel ?scheme FILTER(lang(?scheme) = "en") }
}
ORDER BY ?r"#;

const PREMISES: &str = "SELECT ?c ?p WHERE { ?c cg:hasPremise ?p } ORDER BY ?c ?p";

/// Claimants, accused actors and factions, with their labels.
const NAMED: &str = r#"
SELECT ?c ?role ?x (SAMPLE(?l) AS ?label) (SAMPLE(?lz) AS ?labelZh) WHERE {
  { ?c cg:claimant ?x BIND("claimant" AS ?role) }
  UNION { ?c cg:accuses ?x BIND("accuses" AS ?role) }
  UNION { ?q cg:expresses|cg:implies ?c ; cg:faction ?x BIND("faction" AS ?role) }
  OPTIONAL { ?x rdfs:label|skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?x rdfs:label|skos:prefLabel ?any }
  OPTIONAL { ?x rdfs:label|skos:prefLabel ?lz FILTER(lang(?lz) = "zh") }
  BIND(COALESCE(?en, ?any, STR(?x)) AS ?l)
}
GROUP BY ?c ?role ?x ORDER BY ?c ?role ?x"#;

impl ArgumentGraph {
    /// Reads every claim, response and premise link in the store. Node order follows the claims'
    /// IRIs, so the same store always gives the same graph.
    pub fn from_store(store: &ClaimStore) -> Result<Self, QueryError> {
        let mut graph = DiGraph::new();
        let mut index = HashMap::new();
        for row in rows(store, CLAIMS)? {
            let iri = iri(&row, "c");
            let node = ClaimNode {
                label: text(&row, "label").unwrap_or_else(|| iri.clone()),
                label_zh: text(&row, "labelZh"),
                claimant: None,
                accuses: Vec::new(),
                faction: None,
                quote: text(&row, "quote"),
                likes: text(&row, "likes").and_then(|n| n.parse().ok()),
                allegation: text(&row, "allegation").as_deref() == Some("true"),
                iri: iri.clone(),
            };
            index.insert(iri, graph.add_node(node));
        }
        for row in rows(store, NAMED)? {
            let Some(&claim) = index.get(&iri(&row, "c")) else {
                continue;
            };
            let named = Named {
                iri: iri(&row, "x"),
                label: text(&row, "label").unwrap_or_default(),
                label_zh: text(&row, "labelZh"),
            };
            let node = &mut graph[claim];
            match text(&row, "role").as_deref() {
                Some("claimant") => node.claimant = Some(named),
                Some("accuses") => node.accuses.push(named),
                _ => node.faction = Some(named),
            }
        }
        for row in rows(store, RESPONSES)? {
            let (Some(&from), Some(&to)) =
                (index.get(&iri(&row, "from")), index.get(&iri(&row, "to")))
            else {
                continue; // A response to something that is not a claim has no place here.
            };
            let link = Link::Response {
                iri: iri(&row, "r"),
                kind: text(&row, "kind").unwrap_or_else(|| "response".to_owned()),
                attack: text(&row, "attack").as_deref() == Some("true"),
                scheme: text(&row, "scheme"),
            };
            graph.add_edge(from, to, link);
        }
        for row in rows(store, PREMISES)? {
            if let (Some(&conclusion), Some(&premise)) =
                (index.get(&iri(&row, "c")), index.get(&iri(&row, "p")))
            {
                graph.add_edge(premise, conclusion, Link::Premise);
            }
        }
        Ok(Self { graph })
    }

    /// The claim with this IRI, or whose IRI ends with `/name` or `#name`.
    pub fn find(&self, name: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&n| {
            let iri = &self.graph[n].iri;
            iri == name || iri.ends_with(&format!("/{name}")) || iri.ends_with(&format!("#{name}"))
        })
    }

    /// Allegations that answer nothing and are no premise: where the controversies start.
    pub fn root_allegations(&self) -> Vec<NodeIndex> {
        self.graph
            .node_indices()
            .filter(|&n| self.graph[n].allegation && self.graph.edges(n).next().is_none())
            .collect()
    }

    /// The attack relation alone, on the same node indices: a Dung framework.
    pub fn framework(&self) -> DiGraph<(), ()> {
        self.graph.filter_map(
            |_, _| Some(()),
            |_, link| matches!(link, Link::Response { attack: true, .. }).then_some(()),
        )
    }
}

fn rows(store: &ClaimStore, sparql: &str) -> Result<Vec<QuerySolution>, QueryError> {
    match query::run(store, "analysis", sparql)? {
        QueryOutput::Solutions { rows, .. } => Ok(rows),
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

fn text(row: &QuerySolution, var: &str) -> Option<String> {
    match row.get(var)? {
        Term::Literal(l) => Some(l.value().to_owned()),
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        other => Some(other.to_string()),
    }
}

/// One claim in a response tree, with the link that attaches it to its parent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceNode {
    /// The claim.
    #[serde(flatten)]
    pub claim: ClaimNode,
    /// `premise`, or the response type; `None` at the root.
    pub relation: Option<String>,
    /// The argument scheme of the response, where stated.
    pub scheme: Option<String>,
    /// True when this claim is already on the path from the root: the data has a cycle here,
    /// and the tree stops.
    pub cycle: bool,
    /// The premises of this claim and the responses to it, most liked first.
    pub children: Vec<TraceNode>,
}

/// The full tree of premises and responses under `root`, transitively. A claim met again on
/// its own path is reported with `cycle: true` and not expanded; a claim reached by two paths
/// appears under both.
///
/// # Complexity
/// Linear in the size of the tree it returns, which is at most exponential in the depth when
/// claims answer several claims; `O(n + m)` on data where every claim answers one claim.
pub fn trace(graph: &ArgumentGraph, root: NodeIndex) -> TraceNode {
    let mut path = HashSet::new();
    expand(graph, root, None, &mut path)
}

fn expand(
    graph: &ArgumentGraph,
    node: NodeIndex,
    link: Option<&Link>,
    path: &mut HashSet<NodeIndex>,
) -> TraceNode {
    let (relation, scheme) = match link {
        None => (None, None),
        Some(Link::Premise) => (Some("premise".to_owned()), None),
        Some(Link::Response { kind, scheme, .. }) => (Some(kind.clone()), scheme.clone()),
    };
    let cycle = !path.insert(node);
    let mut children = Vec::new();
    if !cycle {
        for edge in graph.graph.edges_directed(node, Incoming) {
            children.push(expand(graph, edge.source(), Some(edge.weight()), path));
        }
        path.remove(&node);
        children.sort_by(|a, b| {
            let premise_first = (a.relation.as_deref() != Some("premise"))
                .cmp(&(b.relation.as_deref() != Some("premise")));
            premise_first
                .then(b.claim.likes.cmp(&a.claim.likes))
                .then(a.claim.label.cmp(&b.claim.label))
        });
    }
    TraceNode {
        claim: graph.graph[node].clone(),
        relation,
        scheme,
        cycle,
        children,
    }
}

/// Figures for one allegation's tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The allegation's label.
    pub allegation: String,
    /// Responses to the allegation itself or to one of its premises.
    pub direct: usize,
    /// Distinct claims that answer those responses, at any depth.
    pub indirect: usize,
    /// Responses in the longest chain of responses to responses.
    pub deepest_chain: usize,
    /// The responses with a like count, most liked first: `(label, likes)`.
    pub most_liked: Vec<(String, u64)>,
    /// Cycles met while tracing.
    pub cycles: usize,
}

/// Counts what [`trace`] shows.
///
/// # Complexity
/// Linear in the size of the tree.
pub fn figures(tree: &TraceNode) -> Figures {
    let mut direct = HashSet::new();
    let mut indirect = HashSet::new();
    let mut liked = BTreeMap::new();
    let mut cycles = 0;
    let deepest = walk(tree, 0, &mut |node, depth| {
        if node.cycle {
            cycles += 1;
            return;
        }
        match depth {
            0 => {}
            1 => {
                direct.insert(node.claim.iri.clone());
            }
            _ => {
                indirect.insert(node.claim.iri.clone());
            }
        }
        if let Some(likes) = node.claim.likes.filter(|_| depth > 0) {
            liked.insert(node.claim.label.clone(), likes);
        }
    });
    let mut most_liked: Vec<(String, u64)> = liked.into_iter().collect();
    most_liked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Figures {
        allegation: tree.claim.label.clone(),
        direct: direct.len(),
        indirect: indirect.difference(&direct).count(),
        deepest_chain: deepest,
        most_liked,
        cycles,
    }
}

/// Visits every node with its response depth (premises do not add depth); returns the deepest.
fn walk(node: &TraceNode, depth: usize, visit: &mut impl FnMut(&TraceNode, usize)) -> usize {
    visit(node, depth);
    node.children
        .iter()
        .map(|child| {
            let step = usize::from(child.relation.as_deref() != Some("premise"));
            walk(child, depth + step, visit)
        })
        .max()
        .unwrap_or(depth)
        .max(depth)
}

/// Who attacks whom among actors: `(attacker, attacked, attacks)`, most attacks first.
///
/// # Complexity
/// `O(m log m)` for `m` links.
pub fn actor_attacks(graph: &ArgumentGraph) -> Vec<(String, String, usize)> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for edge in graph.graph.edge_references() {
        if let Link::Response { attack: true, .. } = edge.weight() {
            let (from, to) = (&graph.graph[edge.source()], &graph.graph[edge.target()]);
            if let (Some(a), Some(b)) = (&from.claimant, &to.claimant) {
                *counts
                    .entry((a.label.clone(), b.label.clone()))
                    .or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<_> = counts.into_iter().map(|((a, b), n)| (a, b, n)).collect();
    pairs.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
    pairs
}

/// The named graph that `analyze --write` fills with grounded labels.
pub const GROUNDED_GRAPH: &str = "https://w3id.org/claimgraph/graph/grounded";
/// The named graph that `analyze --write` fills with preferred acceptance.
pub const PREFERRED_GRAPH: &str = "https://w3id.org/claimgraph/graph/preferred";

/// `claim cg:groundedLabel cg:In|cg:Out|cg:Undecided` for every claim, in `O(n)`.
pub fn grounded_triples(graph: &ArgumentGraph, labels: &[Label]) -> Vec<Triple> {
    label_triples(graph, property::GROUNDED_LABEL, |n| {
        match labels[n.index()] {
            Label::In => concept::IN,
            Label::Out => concept::OUT,
            Label::Undecided => concept::UNDECIDED,
        }
    })
}

/// `claim cg:preferredAcceptance cg:ScepticallyAccepted|...` for every claim, in `O(n)`.
pub fn preferred_triples(graph: &ArgumentGraph, acceptance: &[Acceptance]) -> Vec<Triple> {
    label_triples(
        graph,
        property::PREFERRED_ACCEPTANCE,
        |n| match acceptance[n.index()] {
            Acceptance::Sceptical => concept::SCEPTICALLY_ACCEPTED,
            Acceptance::Credulous => concept::CREDULOUSLY_ACCEPTED,
            Acceptance::Rejected => concept::REJECTED,
        },
    )
}

fn label_triples(
    graph: &ArgumentGraph,
    predicate: NamedNodeRef<'static>,
    label: impl Fn(NodeIndex) -> NamedNodeRef<'static>,
) -> Vec<Triple> {
    graph
        .graph
        .node_indices()
        .filter_map(|n| {
            let claim = NamedNode::new(graph.graph[n].iri.as_str()).ok()?;
            Some(Triple::new(claim, predicate, label(n)))
        })
        .collect()
}

/// The grounded label of every claim, keyed by node index.
///
/// # Complexity
/// `O(n + m)` for `n` claims and `m` links: see [`dung::grounded`].
pub fn grounded_labels(graph: &ArgumentGraph) -> Vec<Label> {
    dung::grounded(&graph.framework())
}

/// A claim's standing across the preferred extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Acceptance {
    /// In every preferred extension.
    Sceptical,
    /// In some preferred extension but not all.
    Credulous,
    /// In none.
    Rejected,
}

/// The preferred extensions and each claim's acceptance across them.
///
/// # Complexity
/// That of [`dung::preferred`], plus `O(n · e · log n)` to place `n` claims in `e` extensions.
pub fn preferred_acceptance(graph: &ArgumentGraph) -> (Vec<Vec<NodeIndex>>, Vec<Acceptance>) {
    let extensions = dung::preferred(&graph.framework());
    let acceptance = graph
        .graph
        .node_indices()
        .map(|n| {
            let count = extensions
                .iter()
                .filter(|e| e.binary_search(&n).is_ok())
                .count();
            match count {
                0 => Acceptance::Rejected,
                c if c == extensions.len() => Acceptance::Sceptical,
                _ => Acceptance::Credulous,
            }
        })
        .collect();
    (extensions, acceptance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(graph: &mut DiGraph<ClaimNode, Link>, name: &str, likes: Option<u64>) -> NodeIndex {
        graph.add_node(ClaimNode {
            iri: format!("urn:{name}"),
            label: name.to_owned(),
            label_zh: None,
            claimant: Some(Named {
                iri: format!("urn:actor:{name}"),
                label: format!("{name}'s author"),
                label_zh: None,
            }),
            accuses: Vec::new(),
            faction: None,
            quote: None,
            likes,
            allegation: name == "a",
        })
    }

    fn attack(kind: &str) -> Link {
        Link::Response {
            iri: format!("urn:r:{kind}"),
            kind: kind.to_owned(),
            attack: true,
            scheme: None,
        }
    }

    #[test]
    fn cycles_are_reported_not_looped_on() {
        let mut g = DiGraph::new();
        let a = claim(&mut g, "a", None);
        let b = claim(&mut g, "b", Some(3));
        let c = claim(&mut g, "c", Some(7));
        g.add_edge(b, a, attack("rebuttal"));
        g.add_edge(c, a, attack("undercut"));
        g.add_edge(a, b, attack("counter-accusation"));
        let graph = ArgumentGraph { graph: g };
        let tree = trace(&graph, a);
        assert_eq!(tree.children[0].claim.label, "c", "most liked first");
        let b_node = &tree.children[1];
        assert_eq!(b_node.children.len(), 1);
        assert!(b_node.children[0].cycle && b_node.children[0].children.is_empty());
        let figures = figures(&tree);
        assert_eq!(
            (
                figures.direct,
                figures.indirect,
                figures.deepest_chain,
                figures.cycles
            ),
            (2, 0, 2, 1)
        );
        assert_eq!(
            figures.most_liked,
            [("c".to_owned(), 7), ("b".to_owned(), 3)]
        );
        assert!(
            graph.root_allegations().is_empty(),
            "a answers b, so it is no root"
        );
    }
}
