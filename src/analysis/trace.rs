//! Response trees as flat lists in preorder, and the figures that count them.
//!
//! A [`Trace`] is what `trace` prints: the claim at its root, then its premises and the
//! responses to it, transitively, most liked first. It is a `Vec` of [`TraceNode`]s in
//! preorder (a node, then its children's subtrees in order), each holding its parent's
//! position and its depth, never a tree of boxes: building, printing, serialising and dropping
//! it take loops, not recursion, so a chain of a million responses is as safe as a short one.
//!
//! Every claim is expanded once. Met again, it is a leaf that refers to where it is expanded
//! ([`TraceNode::reference`]), as `cargo tree` marks repeats with `(*)`; met again on its own
//! path, it is also marked as a cycle. A trace therefore has one node for the root and one per
//! link from a claim it reaches, `O(n + m)` for the `n` claims and `m` links it reaches, where
//! a tree that expanded every path would grow exponentially with the depth of claims that
//! answer several claims.

use super::strength::Assessment;
use super::{ArgumentGraph, ClaimNode, FastMap, Link, RootKind};
use crate::relation::Relation;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction::Incoming;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::VecDeque;

/// One claim in a [`Trace`], at one place in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceNode {
    /// The position of the node this one answers (or is a premise of); `None` at the root.
    pub parent: Option<usize>,
    /// Links from the root: 0 at the root, its parent's depth plus one below it.
    pub depth: usize,
    /// The claim, in [`ArgumentGraph::graph`].
    pub claim: NodeIndex,
    /// The link from this claim to its parent's claim; `None` at the root.
    pub link: Option<EdgeIndex>,
    /// Whether this is its parent's last child (the printer draws `└─` rather than `├─`).
    pub last_child: bool,
    /// Where the claim's own premises and responses are listed, when not here: the position of
    /// its first occurrence. This node then has no children.
    pub reference: Option<usize>,
    /// True when that first occurrence is an ancestor of this node: the data has a cycle here.
    pub cycle: bool,
    /// Nodes in this node's subtree, itself included: its descendants are the positions
    /// `index + 1 .. index + subtree`.
    pub subtree: usize,
}

/// The premises of a claim and the responses to it, transitively: nodes in preorder.
///
/// Serialised (JSON) as `{"root": IRI, "kind": ..., "nodes": [...]}` (`kind`, `allegation` or
/// `conclusion`, only for the trace of a root, see [`Trace::of_root`]), each node
/// `{"id", "parent", "depth", "relation", "scheme", "cycle", "ref", "claim": {...}}`: `id` is
/// the node's position, `parent` its parent's `id` (`null` at the root), `relation` `premise`
/// or the response type (`null` at the root), `ref` the `id` where a repeated claim is expanded
/// (`null` where this is that place) and `claim` the [`ClaimNode`]. A trace with strengths
/// ([`Trace::with_strengths`]) adds `strength` (`null` where the semantics gives none) and
/// `base` to each node.
#[derive(Debug, Clone)]
pub struct Trace<'g> {
    graph: &'g ArgumentGraph,
    nodes: Vec<TraceNode>,
    strengths: Option<&'g Assessment>,
    kind: Option<RootKind>,
}

impl<'g> Trace<'g> {
    /// The trace with each claim's strength under a gradual semantics, computed over the
    /// same graph, printed and serialised beside the claim.
    pub fn with_strengths(self, assessed: &'g Assessment) -> Self {
        Self {
            strengths: Some(assessed),
            ..self
        }
    }

    /// The trace of a debate's root, which says what kind of root it is.
    pub fn of_root(self, kind: RootKind) -> Self {
        Self {
            kind: Some(kind),
            ..self
        }
    }

    /// What kind of root the trace starts from, when it was traced as one.
    pub fn kind(&self) -> Option<RootKind> {
        self.kind
    }

    /// The strength and the base score of the claim at `index`, when the trace carries
    /// strengths; the strength is `None` where the semantics gives that claim none.
    pub fn strength(&self, index: usize) -> Option<(Option<f64>, f64)> {
        let claim = self.nodes[index].claim;
        self.strengths
            .map(|a| (a.of(claim), a.bases[claim.index()].0))
    }

    /// The graph the trace was taken from.
    pub fn graph(&self) -> &'g ArgumentGraph {
        self.graph
    }

    /// Every node, in preorder; the root is the first.
    pub fn nodes(&self) -> &[TraceNode] {
        &self.nodes
    }

    /// The claim at the root.
    pub fn root(&self) -> NodeIndex {
        self.nodes[0].claim
    }

    /// The claim of the node at `index`.
    pub fn claim(&self, index: usize) -> &'g ClaimNode {
        &self.graph.graph[self.nodes[index].claim]
    }

    /// The link from the node at `index` to its parent; `None` at the root.
    pub fn link(&self, index: usize) -> Option<&'g Link> {
        self.nodes[index].link.map(|edge| &self.graph.graph[edge])
    }

    /// [`Relation::Premise`], or the response's kind, of the node at `index`; `None` at the
    /// root.
    pub fn relation(&self, index: usize) -> Option<Relation> {
        self.link(index).map(Link::relation)
    }

    /// The argument scheme of the response at `index`, where one is stated.
    pub fn scheme(&self, index: usize) -> Option<&'g str> {
        match self.link(index)? {
            Link::Response { scheme, .. } => scheme.as_deref(),
            Link::Premise => None,
        }
    }

    /// The positions of the children of the node at `index`, in order.
    pub fn children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let end = index + self.nodes[index].subtree;
        let mut next = index + 1;
        std::iter::from_fn(move || {
            let child = (next < end).then_some(next)?;
            next += self.nodes[child].subtree;
            Some(child)
        })
    }

    /// Whether the node at `index` adds a step to a chain of responses: a response does, a
    /// premise does not.
    fn step(&self, index: usize) -> usize {
        usize::from(matches!(self.link(index), Some(Link::Response { .. })))
    }
}

/// A claim waiting on the walk's stack, with how it hangs in the outline.
struct Pending {
    claim: NodeIndex,
    link: Option<EdgeIndex>,
    parent: Option<usize>,
    last_child: bool,
}

/// The trace of `root`: its premises and every response, transitively, premises first, then
/// most liked first, then by label. Each claim is expanded at its first occurrence in preorder;
/// later occurrences refer to it, and those on their own path are marked as cycles.
///
/// # Complexity
/// `O(n + m log d)` time and `O(n + m)` space for the `n` claims and `m` links reached, `d`
/// the largest number of answers to one claim. No recursion.
pub fn trace(graph: &ArgumentGraph, root: NodeIndex) -> Trace<'_> {
    let g = &graph.graph;
    let mut nodes: Vec<TraceNode> = Vec::new();
    // Each claim met: the position where it is expanded, and whether it is on the current path.
    let mut seen: FastMap<NodeIndex, (usize, bool)> = FastMap::default();
    // The expanded nodes from the root down to the one whose children are being placed.
    let mut path: Vec<usize> = Vec::new();
    let mut stack = vec![Pending {
        claim: root,
        link: None,
        parent: None,
        last_child: true,
    }];
    let mut answers: Vec<(EdgeIndex, NodeIndex)> = Vec::new();
    while let Some(item) = stack.pop() {
        // Preorder: the parent is on the path; everything below it on the path is finished.
        while path.last().copied() != item.parent {
            let done = path.pop().expect("a pending node's parent is on the path");
            finish(&mut nodes, &mut seen, done);
        }
        let id = nodes.len();
        let mut node = TraceNode {
            parent: item.parent,
            depth: item.parent.map_or(0, |p| nodes[p].depth + 1),
            claim: item.claim,
            link: item.link,
            last_child: item.last_child,
            reference: None,
            cycle: false,
            subtree: 1,
        };
        match seen.entry(item.claim) {
            Entry::Occupied(first) => {
                let (first, on_path) = *first.get();
                node.reference = Some(first);
                node.cycle = on_path;
                nodes.push(node);
            }
            Entry::Vacant(slot) => {
                slot.insert((id, true));
                nodes.push(node);
                path.push(id);
                answers.clear();
                answers.extend(
                    g.edges_directed(item.claim, Incoming)
                        .map(|e| (e.id(), e.source())),
                );
                answers.sort_by(|a, b| order(graph, *a, *b));
                let count = answers.len();
                for (k, &(link, claim)) in answers.iter().enumerate().rev() {
                    stack.push(Pending {
                        claim,
                        link: Some(link),
                        parent: Some(id),
                        last_child: k + 1 == count,
                    });
                }
            }
        }
    }
    while let Some(done) = path.pop() {
        finish(&mut nodes, &mut seen, done);
    }
    Trace {
        graph,
        nodes,
        strengths: None,
        kind: None,
    }
}

/// Closes the subtree of an expanded node: everything placed since belongs to it.
fn finish(nodes: &mut [TraceNode], seen: &mut FastMap<NodeIndex, (usize, bool)>, done: usize) {
    let len = nodes.len();
    nodes[done].subtree = len - done;
    if let Some(entry) = seen.get_mut(&nodes[done].claim) {
        entry.1 = false;
    }
}

/// Premises first, then most liked (claims without a like count last), then by label.
fn order(graph: &ArgumentGraph, a: (EdgeIndex, NodeIndex), b: (EdgeIndex, NodeIndex)) -> Ordering {
    let g = &graph.graph;
    let premise = |e: EdgeIndex| !matches!(g[e], Link::Premise);
    let (x, y) = (&g[a.1], &g[b.1]);
    premise(a.0)
        .cmp(&premise(b.0))
        .then(y.likes.cmp(&x.likes))
        .then_with(|| x.label.cmp(&y.label))
}

impl Serialize for Trace<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut trace = serializer.serialize_struct("Trace", 3)?;
        trace.serialize_field("root", &self.claim(0).iri)?;
        if let Some(kind) = self.kind {
            trace.serialize_field("kind", &kind)?;
        }
        trace.serialize_field("nodes", &JsonNodes(self))?;
        trace.end()
    }
}

/// The nodes of a trace as a JSON array, written one after the other.
struct JsonNodes<'t, 'g>(&'t Trace<'g>);

impl Serialize for JsonNodes<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let trace = self.0;
        serializer.collect_seq(trace.nodes.iter().enumerate().map(|(id, node)| JsonNode {
            id,
            parent: node.parent,
            depth: node.depth,
            relation: trace.relation(id).map(Relation::name),
            scheme: trace.scheme(id),
            cycle: node.cycle,
            reference: node.reference,
            strength: trace.strength(id).map(|s| s.0),
            base: trace.strength(id).map(|s| s.1),
            claim: trace.claim(id),
        }))
    }
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: usize,
    parent: Option<usize>,
    depth: usize,
    relation: Option<&'static str>,
    scheme: Option<&'a str>,
    cycle: bool,
    #[serde(rename = "ref")]
    reference: Option<usize>,
    /// With strengths (`null` where the semantics gives none); absent without.
    #[serde(skip_serializing_if = "Option::is_none")]
    strength: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<f64>,
    claim: &'a ClaimNode,
}

/// Figures for one allegation's trace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The allegation's label.
    pub allegation: String,
    /// Claims one response away: responses to the allegation or to one of its premises (and
    /// the premises of those responses).
    pub direct: usize,
    /// Claims two or more responses away, at the least: responses to responses, at any depth.
    pub indirect: usize,
    /// Responses in the longest chain of responses to responses (premises add none), over the
    /// links that do not close a cycle, plus at most one last link that does. On data without
    /// cycles, the longest chain there is.
    pub deepest_chain: usize,
    /// The claims at least one response away that have a like count, most liked first:
    /// `(label, likes)`.
    pub most_liked: Vec<(String, u64)>,
    /// Links that close a cycle: the nodes [`trace`] marks as cycles, one per cycle-closing
    /// link of its walk. 0 exactly when no cycle can be reached from the allegation.
    pub cycles: usize,
}

/// Counts what a [`Trace`] holds: every claim and link reached from its root, once each.
///
/// The *response distance* of a claim is the least number of responses on a path from it to
/// the root, premise links counting none (0-1 breadth-first search). `direct` counts claims at
/// distance 1, `indirect` those further. The `deepest_chain` is the longest path, counting
/// responses, in the acyclic graph that the trace's walk leaves when the links it marks as
/// cycles are set aside (longest path in a topological order, the reverse of the walk's
/// finishing order), extended by one such cycle-closing link where that makes it longer. The
/// longest simple path in a graph with cycles is NP-hard; this is a chain that exists, and on
/// acyclic data it is the longest one.
///
/// # Complexity
/// `O(t)` time and space for a trace of `t` nodes (`t` ≤ 1 + the links reached). No recursion.
pub fn figures(trace: &Trace<'_>) -> Figures {
    let nodes = &trace.nodes;
    let len = nodes.len();
    // Where a node's claim is expanded: itself, or the node it refers to.
    let expanded = |i: usize| nodes[i].reference.unwrap_or(i);

    // Least response distance of each expanded node, by 0-1 breadth-first search.
    let mut distance = vec![usize::MAX; len];
    distance[0] = 0;
    let mut queue = VecDeque::from([0]);
    while let Some(at) = queue.pop_front() {
        for child in trace.children(at) {
            let (target, step) = (expanded(child), trace.step(child));
            let reach = distance[at] + step;
            if reach < distance[target] {
                distance[target] = reach;
                if step == 0 {
                    queue.push_front(target);
                } else {
                    queue.push_back(target);
                }
            }
        }
    }

    // Expanded nodes in the order the walk finished them.
    let mut finished = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        while open
            .last()
            .is_some_and(|&top| top + nodes[top].subtree <= i)
        {
            finished.extend(open.pop());
        }
        if node.reference.is_none() {
            open.push(i);
        }
    }
    finished.extend(open.into_iter().rev());
    // Longest chain to each expanded node, in topological order (the reverse of finishing).
    let mut longest = vec![0usize; len];
    let mut deepest = 0;
    for &at in finished.iter().rev() {
        for child in trace.children(at) {
            let reach = longest[at] + trace.step(child);
            deepest = deepest.max(reach);
            if !nodes[child].cycle {
                let target = expanded(child);
                longest[target] = longest[target].max(reach);
            }
        }
    }

    let (mut direct, mut indirect, mut cycles) = (0, 0, 0);
    let mut most_liked = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        cycles += usize::from(node.cycle);
        if node.reference.is_some() {
            continue;
        }
        match distance[i] {
            0 => continue,
            1 => direct += 1,
            _ => indirect += 1,
        }
        let claim = trace.claim(i);
        if let Some(likes) = claim.likes {
            most_liked.push((claim.label.clone(), likes));
        }
    }
    most_liked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Figures {
        allegation: trace.claim(0).label.clone(),
        direct,
        indirect,
        deepest_chain: deepest,
        most_liked,
        cycles,
    }
}
