//! What dialogical maps say about who speaks and who analyses, beyond the lists that name them.
//!
//! Maps of AIFdb's corpora (QT30 and the other televised debates) rarely list their
//! participants: a locution's `personID` is a database key that names nobody in the file, and
//! the speaker is written only at the head of the L-node's text, `Fiona Bruce : We could talk
//! about it all evening` (OVA writes `Bob: We should go eat`). OVA also adds, for every
//! locution it draws, an *analyst node*: an invisible L-node `Analyst: <the locution's text>`
//! that performs a YA-node `Analysing` on the locution. AIFdb keeps these copies, often
//! without their edges. They record who made the map, not what was said.

use super::{Id, Map, NodeKind};
use std::collections::{HashMap, HashSet};

/// The illocution OVA gives its analyst nodes.
const ANALYSING: &str = "Analysing";

/// How a locution voices the claim its illocution puts forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voicing {
    /// In so many words (`cg:expresses`).
    States,
    /// Without stating it (`cg:implies`).
    Implies,
}

/// How an illocution of `force` voices its claim, as the Inference Anchoring Theory reads the
/// forces: asking whether it holds (`Pure Questioning`) or for its reasons (`Challenging`)
/// commits the speaker to nothing, so voices nothing; a rhetorical or assertive question
/// commits the speaker to it without stating it; every other act states it.
pub fn voicing(force: &str) -> Option<Voicing> {
    match force.trim() {
        "Pure Questioning" | "Challenging" => None,
        "Rhetorical Questioning" | "Assertive Questioning" => Some(Voicing::Implies),
        _ => Some(Voicing::States),
    }
}

/// The speaker named at the head of a locution's text (`Name : text` or `Name: text`), if the
/// text starts with something that reads as a name: at most six words with a letter and no
/// sentence punctuation, then a colon and a space, then more text (so that `at 10:30` or
/// `https://...` name nobody).
pub fn speaker_prefix(text: &str) -> Option<&str> {
    let (head, rest) = text.split_once(':')?;
    let name = head.trim();
    let plausible = !name.is_empty()
        && name.split_whitespace().count() <= 6
        && name.chars().any(char::is_alphabetic)
        && !name.contains(['.', '?', '!', '"', '“', '”', '(', ')', ';', ',', '/'])
        && rest.starts_with(char::is_whitespace)
        && !rest.trim().is_empty();
    plausible.then_some(name)
}

/// The analyst nodes of `map`, by position, and the names of the analysts they record, in the
/// order first met. An analyst node is an L-node whose only edge enters a YA-node `Analysing`
/// that itself points to a locution, that YA-node, or an L-node without edges (but from those
/// analyst nodes, and into it from propositions and relations) whose text is a locution's,
/// speaker's name included, under an analyst's name (the copies AIFdb keeps without their
/// edges).
///
/// # Complexity
/// O(n + e) for n nodes and e edges, with hashing of node IDs and texts.
pub fn analysts(map: &Map) -> (HashSet<usize>, Vec<String>) {
    let index: HashMap<&Id, usize> = map
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (&n.node_id, i))
        .collect();
    let kind = |i: usize| NodeKind::from_name(&map.nodes[i].kind);
    let mut degree = vec![0usize; map.nodes.len()];
    let mut incoming: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut outgoing: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut pairs = Vec::with_capacity(map.edges.len());
    for edge in &map.edges {
        let (Some(&from), Some(&to)) = (index.get(&edge.from_id), index.get(&edge.to_id)) else {
            continue;
        };
        degree[from] += 1;
        degree[to] += 1;
        outgoing.entry(from).or_default().push(to);
        incoming.entry(to).or_default().push(from);
        pairs.push((from, to));
    }
    let mut nodes = HashSet::new();
    let mut names = Vec::new();
    let mut name = |text: &str| {
        if let Some(name) = speaker_prefix(text) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    };
    for (ya, node) in map.nodes.iter().enumerate() {
        if kind(ya) != Some(NodeKind::Ya) || node.text.trim() != ANALYSING {
            continue;
        }
        let (from, to) = (&incoming.get(&ya), &outgoing.get(&ya));
        let (Some([analyst]), Some([analysed])) = (from.map(Vec::as_slice), to.map(Vec::as_slice))
        else {
            continue;
        };
        if kind(*analyst) == Some(NodeKind::L)
            && kind(*analysed) == Some(NodeKind::L)
            && degree[*analyst] == 1
            && degree[ya] == 2
        {
            nodes.extend([ya, *analyst]);
            name(&map.nodes[*analyst].text);
        }
    }
    // A copy that only an analyst's act reaches (an analyst analysing another's copy) is as
    // loose as one without edges once that act is set aside. So is a copy that a proposition or
    // a relation points to: OVA3 hides the copy beside its locution and, when an edge is drawn
    // in dialogical mode, offers the node next to the locution as the end to anchor, so that a
    // relation's second conclusion, or a proposition's edge, lands on the copy. Nothing said
    // is anchored there; the relation keeps its conclusion among the propositions.
    let mut loose = vec![0usize; map.nodes.len()];
    for &(from, to) in &pairs {
        let mislaid = kind(to) == Some(NodeKind::L)
            && kind(from).is_some_and(|k| k == NodeKind::I || k.is_relation());
        if !nodes.contains(&from) && !nodes.contains(&to) && !mislaid {
            loose[from] += 1;
            loose[to] += 1;
        }
    }
    let spoken: HashSet<&str> = map
        .nodes
        .iter()
        .enumerate()
        .filter(|&(i, _)| kind(i) == Some(NodeKind::L) && !nodes.contains(&i))
        .map(|(_, n)| n.text.trim())
        .collect();
    for (i, node) in map.nodes.iter().enumerate() {
        if kind(i) != Some(NodeKind::L) || loose[i] != 0 || nodes.contains(&i) {
            continue;
        }
        // The copy may be of a locution edited since, or kept in another map of the corpus:
        // a name heading a text that a speaker's name heads still marks it.
        let copied = node.text.split_once(':').is_some_and(|(_, rest)| {
            spoken.contains(rest.trim()) || speaker_prefix(rest.trim_start()).is_some()
        });
        if copied && speaker_prefix(&node.text).is_some() {
            nodes.insert(i);
            name(&node.text);
        }
    }
    (nodes, names)
}

/// The edges of `map`, by position, that only repeat an act's anchoring backwards: an edge from
/// an I-node into a YA-node that itself points to that I-node. A proposition performs no act:
/// the analyst drew the act's own link a second time, the wrong way (QT30's maps have such
/// edges), so the edge says nothing the act does not; it is read as that anchoring, and not
/// written back.
pub fn echoes(map: &Map) -> HashSet<usize> {
    let kinds: HashMap<&Id, Option<NodeKind>> = map
        .nodes
        .iter()
        .map(|n| (&n.node_id, NodeKind::from_name(&n.kind)))
        .collect();
    let kind = |id: &Id| kinds.get(id).copied().flatten();
    let pairs: HashSet<(&Id, &Id)> = map.edges.iter().map(|e| (&e.from_id, &e.to_id)).collect();
    map.edges
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            kind(&e.from_id) == Some(NodeKind::I)
                && kind(&e.to_id) == Some(NodeKind::Ya)
                && pairs.contains(&(&e.to_id, &e.from_id))
        })
        .map(|(i, _)| i)
        .collect()
}
