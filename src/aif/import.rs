//! An AIF map turned into the triples of its named graph.
//!
//! Every node gets an IRI under the map's graph (`<graph>#node-12`), since maps reuse each
//! other's IDs; the ID itself is kept as `dcterms:identifier`. The whole map is checked before
//! a quad is made, so that an error names the node or edge at fault and nothing is loaded.

use super::dialogue::{self, Voicing};
use super::{Id, Locution, Map, Node, NodeKind};
use crate::ingest::error::SourceError;
use crate::ingest::quads::{percent_encode, GraphQuads};
use crate::vocab::{class, external, property};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

impl Map {
    /// The quads that say what the map says, in `graph`, with texts tagged `language`;
    /// `input` names the file in errors.
    pub fn to_quads(
        &self,
        input: &str,
        graph: &NamedNode,
        language: &str,
    ) -> Result<Vec<Quad>, SourceError> {
        let (analyst_nodes, analyst_names) = dialogue::analysts(self);
        let shape = Shape::of(self, input, &analyst_nodes)?;
        let mut out = Writer {
            out: GraphQuads::new(graph),
            base: match graph.as_str().contains('#') {
                true => format!("{}-", graph.as_str()),
                false => format!("{}#", graph.as_str()),
            },
            language,
        };
        let analyst = out.iri("analyst");
        let mut analyst_needed = !analyst_names.is_empty();
        self.check_locutions(input)?;
        let locutions: HashMap<&Id, &Locution> =
            self.locutions.iter().map(|l| (&l.node_id, l)).collect();
        let participants: HashSet<&Id> = self
            .participants
            .iter()
            .map(|p| &p.participant_id)
            .collect();
        let mut speakers = HashSet::new();
        for (index, node) in self.nodes.iter().enumerate() {
            if analyst_nodes.contains(&index) {
                continue;
            }
            let kind = shape.kinds[index];
            let subject = out.node(&node.node_id);
            out.common(&subject, node);
            match kind {
                NodeKind::I => {
                    out.add(&subject, rdf::TYPE, class::CLAIM);
                    out.add(&subject, property::STATEMENT, out.text(&node.text));
                    out.add(&subject, rdfs::LABEL, out.text(&node.text));
                }
                NodeKind::L => {
                    // A dialogue records locutions that voice no claim (questions, a bare
                    // "No", reports of what others said): only those that do are quotes.
                    let voices = shape.outgoing[index].iter().any(|&act| {
                        shape.kinds[act] == NodeKind::Ya && self.voiced(&shape, act).is_some()
                    });
                    let class = if voices {
                        class::QUOTE
                    } else {
                        class::LOCUTION
                    };
                    out.add(&subject, rdf::TYPE, class);
                    out.add(&subject, property::ORIGINAL_TEXT, out.text(&node.text));
                    // Answered or answering as AIF+ reads it, the locution is also the claim
                    // that it was said, in its words: a response needs a claim at each end.
                    let related = shape.outgoing[index]
                        .iter()
                        .chain(&shape.incoming[index])
                        .any(|&other| shape.kinds[other].is_relation());
                    if related {
                        out.add(&subject, rdf::TYPE, class::CLAIM);
                        out.add(&subject, property::STATEMENT, out.text(&node.text));
                        out.add(&subject, rdfs::LABEL, out.text(&node.text));
                    }
                    let locution = locutions.get(&node.node_id);
                    let listed = locution
                        .and_then(|l| l.person_id.as_ref())
                        .filter(|person| participants.contains(person));
                    if let Some(person) = listed {
                        out.add(&subject, property::SPEAKER, out.participant(person));
                    } else if let Some(name) = dialogue::speaker_prefix(&node.text) {
                        // AIFdb's personIDs name nobody in the file, and QT30 reuses one for
                        // several people: the name the text is headed with is the speaker.
                        let speaker = out.iri(&format!("speaker-{}", percent_encode(name)));
                        out.add(&subject, property::SPEAKER, speaker.clone());
                        if speakers.insert(name) {
                            out.add(&speaker, rdf::TYPE, class::ACTOR);
                            out.add(&speaker, rdfs::LABEL, out.text(name));
                        }
                    }
                    if let Some(locution) = locution {
                        if node.timestamp.is_none() {
                            if let Some(time) = &locution.timestamp {
                                out.add(&subject, external::DCTERMS_CREATED, timestamp(&time.0));
                            }
                        }
                        for (predicate, value) in [
                            (external::SCHEMA_START_TIME, &locution.start),
                            (external::SCHEMA_END_TIME, &locution.end),
                            (external::DCTERMS_SOURCE, &locution.source),
                        ] {
                            if let Some(value) = value {
                                out.add(&subject, predicate, Literal::from(value.0.as_str()));
                            }
                        }
                    }
                }
                NodeKind::Ya => {
                    out.add(&subject, rdf::TYPE, class::ILLOCUTION);
                    out.add(
                        &subject,
                        property::ILLOCUTION,
                        Literal::from(node.text.as_str()),
                    );
                    out.scheme(&subject, node);
                    let from = shape.incoming[index][0];
                    let to = shape.outgoing[index][0];
                    let (locution, content) = (out.node_at(self, from), out.node_at(self, to));
                    out.add(&subject, property::LOCUTION, locution.as_ref());
                    out.add(&subject, property::CONTENT, content.as_ref());
                    // The shortcuts every query of quotes reads: which claims a locution
                    // voices, and which locution it reports.
                    if let Some(voicing) = self.voiced(&shape, index) {
                        out.add(&locution, voicing, content.as_ref());
                    } else if (shape.kinds[from], shape.kinds[to]) == (NodeKind::L, NodeKind::L) {
                        out.add(&locution, property::REPORTS, content.as_ref());
                    }
                }
                NodeKind::Ta => {
                    out.add(&subject, rdf::TYPE, class::TRANSITION);
                    out.add(&subject, rdfs::LABEL, Literal::from(node.text.as_str()));
                    out.scheme(&subject, node);
                    for &from in &shape.incoming[index] {
                        out.add(&subject, property::FROM_LOCUTION, out.node_at(self, from));
                    }
                    for &to in &shape.outgoing[index] {
                        if shape.kinds[to] == NodeKind::L {
                            out.add(&subject, property::TO_LOCUTION, out.node_at(self, to));
                        }
                    }
                }
                relation => {
                    analyst_needed = true;
                    let target = shape.outgoing[index]
                        .iter()
                        .copied()
                        .find(|&to| shape.kinds[to] != NodeKind::Ya)
                        .expect("Shape::of checked the conclusion");
                    let class = match relation {
                        NodeKind::Ra => class::SUPPORT,
                        NodeKind::Ca if shape.kinds[target].is_relation() => class::UNDERCUT,
                        NodeKind::Ca => class::REBUTTAL,
                        NodeKind::Ma => class::REPHRASE,
                        _ => class::PREFERENCE,
                    };
                    out.add(&subject, rdf::TYPE, class);
                    out.add(&subject, rdfs::LABEL, Literal::from(node.text.as_str()));
                    out.add(&subject, property::INTERPRETED_BY, analyst.as_ref());
                    out.scheme(&subject, node);
                    for &from in &shape.incoming[index] {
                        if shape.kinds[from].is_proposition() {
                            out.add(&subject, property::FROM_CLAIM, out.node_at(self, from));
                        }
                    }
                    if class == class::UNDERCUT {
                        out.add(&subject, property::TO_RESPONSE, out.node_at(self, target));
                    }
                    let claim = shape.conclusions[index].expect("Shape::of resolved it");
                    out.add(&subject, property::TO_CLAIM, out.node_at(self, claim));
                }
            }
        }
        if analyst_needed {
            // The analysts that OVA's analyst nodes name made the map; when there are none,
            // the map is all that is known of whoever did.
            if analyst_names.is_empty() {
                let name = input.rsplit(['/', '\\']).next().unwrap_or(input);
                out.add(&analyst, rdf::TYPE, class::ACTOR);
                out.add(
                    &analyst,
                    rdfs::LABEL,
                    Literal::new_language_tagged_literal_unchecked(
                        format!("analyst of {name}"),
                        "en",
                    ),
                );
            } else {
                out.add(&analyst, rdf::TYPE, class::PERSON);
                out.add(
                    &analyst,
                    rdfs::LABEL,
                    out.text(&analyst_names.join(" and ")),
                );
            }
        }
        if let Some(text) = &self.text {
            let document = out.iri("analysed-text");
            out.add(&document, rdf::TYPE, class::ANALYSED_TEXT);
            out.add(&document, external::SCHEMA_TEXT, out.text(text));
        }
        // OVA repeats a participant once per locution; the first of each ID describes it.
        let mut described = HashSet::new();
        for participant in &self.participants {
            if !described.insert(&participant.participant_id) {
                continue;
            }
            let subject = out.participant(&participant.participant_id);
            let name = format!("{} {}", participant.firstname, participant.surname);
            let name = match name.trim() {
                "" => format!("participant {}", participant.participant_id),
                name => name.to_owned(),
            };
            out.add(&subject, rdf::TYPE, class::PERSON);
            out.add(&subject, rdfs::LABEL, out.text(&name));
            out.add(
                &subject,
                external::DCTERMS_IDENTIFIER,
                Literal::from(participant.participant_id.0.as_str()),
            );
            for (predicate, value) in [
                (external::SCHEMA_GIVEN_NAME, &participant.firstname),
                (external::SCHEMA_FAMILY_NAME, &participant.surname),
            ] {
                if !value.is_empty() {
                    out.add(&subject, predicate, Literal::from(value.as_str()));
                }
            }
        }
        Ok(out.out.quads)
    }

    /// How the illocution at `act` makes its locution voice its content: only a locution's act
    /// on a claim does, and as its force commits the speaker (see [`dialogue::voicing`]).
    fn voiced(&self, shape: &Shape, act: usize) -> Option<NamedNodeRef<'static>> {
        let (from, to) = (shape.incoming[act][0], shape.outgoing[act][0]);
        if (shape.kinds[from], shape.kinds[to]) != (NodeKind::L, NodeKind::I) {
            return None;
        }
        dialogue::voicing(&self.nodes[act].text).map(|voicing| match voicing {
            Voicing::States => property::EXPRESSES,
            Voicing::Implies => property::IMPLIES,
        })
    }

    /// Checks that every locution names an L-node of the map. Its `personID` may name no
    /// participant: AIFdb's exports list none (see [`dialogue`]).
    fn check_locutions(&self, input: &str) -> Result<(), SourceError> {
        let nodes: HashMap<&Id, &str> = self
            .nodes
            .iter()
            .map(|n| (&n.node_id, n.kind.as_str()))
            .collect();
        for locution in &self.locutions {
            let item = || format!("locution of node {}", locution.node_id);
            match nodes.get(&locution.node_id) {
                None => return Err(error(input, item(), "names no node of the map")),
                Some(&kind) if kind != NodeKind::L.name() => {
                    return Err(error(
                        input,
                        item(),
                        &format!("its node is of type {kind}; only an L-node is spoken"),
                    ))
                }
                Some(_) => {}
            }
        }
        Ok(())
    }
}

/// The line of `text`, a map loaded into `graph`, where the node that became `iri` is written,
/// if `iri` is one of its nodes: so that a violation of the shapes points into the file.
pub fn line_of(text: &str, graph: &NamedNode, iri: &str) -> Option<usize> {
    let encoded = iri
        .strip_prefix(graph.as_str())?
        .strip_prefix(['#', '-'])?
        .strip_prefix("node-")?;
    let id = decode(encoded)?;
    let written = [format!("\"{id}\""), id.clone()];
    text.lines()
        .position(|line| {
            line.match_indices("\"nodeID\"").any(|(at, key)| {
                let value = line[at + key.len()..].trim_start();
                let Some(value) = value.strip_prefix(':') else {
                    return false;
                };
                let value = value.trim_start();
                written.iter().any(|w| {
                    value.strip_prefix(w.as_str()).is_some_and(|rest| {
                        !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '"')
                    })
                })
            })
        })
        .map(|line| line + 1)
}

fn decode(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = encoded.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// What the edges say about each node, checked: its kind, where its edges come from and go
/// to, and for relations the claim they conclude.
struct Shape {
    kinds: Vec<NodeKind>,
    incoming: Vec<Vec<usize>>,
    outgoing: Vec<Vec<usize>>,
    /// For each relation, the claim it concludes: its target, or for an undercut the claim
    /// that the inference it attacks concludes.
    conclusions: Vec<Option<usize>>,
}

impl Shape {
    /// The shape of `map` without its analyst nodes (`set_aside`) and their edges, which record
    /// who made the map, nor the edges that repeat an act's anchoring backwards.
    fn of(map: &Map, input: &str, set_aside: &HashSet<usize>) -> Result<Self, SourceError> {
        let mut index: HashMap<&Id, usize> = HashMap::with_capacity(map.nodes.len());
        let mut kinds = Vec::with_capacity(map.nodes.len());
        for (i, node) in map.nodes.iter().enumerate() {
            let item = || format!("node {}", node.node_id);
            if index.insert(&node.node_id, i).is_some() {
                return Err(error(input, item(), "the map has two nodes with this ID"));
            }
            let kind = NodeKind::from_name(&node.kind).ok_or_else(|| {
                error(
                    input,
                    item(),
                    &format!(
                        "unknown node type {:?} (expected one of: I, L, RA, CA, MA, PA, YA, TA)",
                        node.kind
                    ),
                )
            })?;
            kinds.push(kind);
        }
        let mut incoming = vec![Vec::new(); kinds.len()];
        let mut outgoing = vec![Vec::new(); kinds.len()];
        let echoes = dialogue::echoes(map);
        for (position, edge) in map.edges.iter().enumerate() {
            let item = match &edge.edge_id {
                Some(id) => format!("edge {id}"),
                None => format!("edge #{} (without an ID)", position + 1),
            };
            let end = |id: &Id, side: &str| {
                index.get(id).copied().ok_or_else(|| {
                    error(
                        input,
                        item.clone(),
                        &format!("{side} {:?} names no node", id.0),
                    )
                })
            };
            let (from, to) = (end(&edge.from_id, "fromID")?, end(&edge.to_id, "toID")?);
            if echoes.contains(&position) || set_aside.contains(&from) || set_aside.contains(&to) {
                continue;
            }
            if from == to {
                return Err(error(
                    input,
                    item,
                    &format!(
                        "an edge from {} node {} to itself has no meaning in AIF",
                        kinds[from].name(),
                        edge.from_id
                    ),
                ));
            }
            if !allowed(kinds[from], kinds[to]) {
                return Err(error(
                    input,
                    item,
                    &format!(
                        "an edge from {} node {} to {} node {} has no meaning in AIF{}",
                        kinds[from].name(),
                        edge.from_id,
                        kinds[to].name(),
                        edge.to_id,
                        why_not(kinds[from], kinds[to])
                    ),
                ));
            }
            outgoing[from].push(to);
            incoming[to].push(from);
        }
        let mut shape = Shape {
            conclusions: vec![None; kinds.len()],
            kinds,
            incoming,
            outgoing,
        };
        shape.check(map, input, set_aside)?;
        Ok(shape)
    }

    /// Counts the ends of each node against what its kind needs, and resolves conclusions.
    fn check(
        &mut self,
        map: &Map,
        input: &str,
        set_aside: &HashSet<usize>,
    ) -> Result<(), SourceError> {
        let targets = |node: usize| -> Vec<usize> {
            self.outgoing[node]
                .iter()
                .copied()
                .filter(|&to| self.kinds[to] != NodeKind::Ya)
                .collect()
        };
        for (i, node) in map.nodes.iter().enumerate() {
            if set_aside.contains(&i) {
                continue;
            }
            let kind = self.kinds[i];
            let fail = |message: String| {
                Err(error(
                    input,
                    format!("{} node {}", kind.name(), node.node_id),
                    &message,
                ))
            };
            let ends = |nodes: &[usize]| names(map, nodes);
            match kind {
                NodeKind::Ya if self.incoming[i].len() != 1 || self.outgoing[i].len() != 1 => {
                    return fail(format!(
                        "an illocution links one locution or transition (it has {}: {}) to one \
                         claim, relation or reported locution (it has {}: {})",
                        self.incoming[i].len(),
                        ends(&self.incoming[i]),
                        self.outgoing[i].len(),
                        ends(&self.outgoing[i])
                    ));
                }
                // A reply may take several locutions: OVA draws one transition from the
                // locution answered to each of them, and the act anchored in the transition
                // (arguing from two reasons, restating in two sentences) is performed by moving
                // to all of them at once. Splitting it would have the act performed twice.
                NodeKind::Ta if targets(i).is_empty() || self.incoming[i].is_empty() => {
                    return fail(format!(
                        "a transition leads from at least one locution (it has {}) to at least \
                         one (it has {})",
                        self.incoming[i].len(),
                        targets(i).len(),
                    ));
                }
                relation if relation.is_relation() => {
                    let premises = self.incoming[i]
                        .iter()
                        .filter(|&&from| self.kinds[from].is_proposition())
                        .count();
                    let targets = targets(i);
                    if premises == 0 {
                        return fail(
                            "a relation needs at least one premise, an I-node or an L-node".into(),
                        );
                    }
                    if targets.len() != 1 {
                        return fail(format!(
                            "a relation has exactly one conclusion; this one has {}: {}",
                            targets.len(),
                            ends(&targets)
                        ));
                    }
                    let target = targets[0];
                    if !self.kinds[target].is_proposition() && relation != NodeKind::Ca {
                        return fail(format!(
                            "only a conflict (CA) may target another relation, here {} node {}",
                            self.kinds[target].name(),
                            map.nodes[target].node_id
                        ));
                    }
                }
                _ => {}
            }
        }
        // Undercuts take the conclusion of what they attack; follow chains of them, which
        // a cycle would make endless.
        for i in 0..self.kinds.len() {
            if !self.kinds[i].is_relation() {
                continue;
            }
            let mut at = i;
            let mut seen = HashSet::new();
            while !self.kinds[at].is_proposition() {
                if !seen.insert(at) {
                    return Err(error(
                        input,
                        format!("{} node {}", self.kinds[i].name(), map.nodes[i].node_id),
                        "its conflicts attack each other in a cycle and conclude no claim",
                    ));
                }
                at = targets(at)[0];
            }
            self.conclusions[i] = Some(at);
        }
        Ok(())
    }
}

/// Which kinds an AIF edge may join. I-nodes meet only relations and illocutions; locutions
/// meet illocutions and transitions, and relations as the propositions AIF+ makes them (see
/// [`NodeKind::is_proposition`]); relations conclude claims (conflicts also other
/// relations); illocutions anchor claims and relations in locutions and transitions, and
/// reported speech (a locution that says what someone else said) in the reporting locution.
fn allowed(from: NodeKind, to: NodeKind) -> bool {
    use NodeKind::*;
    match (from, to) {
        (I | L, relation) if relation.is_relation() => true,
        (relation, I | L) if relation.is_relation() => true,
        (Ca, relation) if relation.is_relation() => true,
        (L | Ta, Ya) => true,
        (Ya, I | L) => true,
        (Ya, relation) if relation.is_relation() => true,
        (L, Ta) | (Ta, L) => true,
        _ => false,
    }
}

/// Why an edge that [`allowed`] refuses has no meaning, where a map of the field draws one:
/// so that whoever made the map sees what to change.
fn why_not(from: NodeKind, to: NodeKind) -> &'static str {
    use NodeKind::*;
    match (from, to) {
        (I, L) | (L, I) => ": a locution voices a proposition through an illocution (YA)",
        (I, Ya) => ": a proposition performs no act; a locution or a transition does",
        (Ya, Ta) => {
            ": an illocution puts forward a proposition, a relation or a reported locution, \
             not a transition"
        }
        (L, L) => ": a locution follows another through a transition (TA)",
        (Ta, relation) if relation.is_relation() => {
            ": a transition anchors a relation through an illocution (YA) such as Arguing"
        }
        _ => "",
    }
}

fn names(map: &Map, nodes: &[usize]) -> String {
    if nodes.is_empty() {
        return "none".to_owned();
    }
    nodes
        .iter()
        .map(|&n| format!("{} node {}", map.nodes[n].kind, map.nodes[n].node_id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn error(input: &str, item: String, message: &str) -> SourceError {
    SourceError::Map {
        input: input.to_owned(),
        item,
        message: message.to_owned(),
    }
}

/// The quads of one map, as they are made.
struct Writer<'a> {
    out: GraphQuads,
    base: String,
    language: &'a str,
}

impl Writer<'_> {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        self.out.add(subject, predicate, object);
    }

    fn iri(&self, local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{local}", self.base))
    }

    fn node(&self, id: &Id) -> NamedNode {
        self.iri(&format!("node-{}", percent_encode(&id.0)))
    }

    fn participant(&self, id: &Id) -> NamedNode {
        self.iri(&format!("participant-{}", percent_encode(&id.0)))
    }

    fn node_at(&self, map: &Map, index: usize) -> NamedNode {
        self.node(&map.nodes[index].node_id)
    }

    fn text(&self, text: &str) -> Literal {
        Literal::new_language_tagged_literal_unchecked(text, self.language)
    }

    /// The ID and timestamp every node keeps.
    fn common(&mut self, subject: &NamedNode, node: &Node) {
        self.add(
            subject,
            external::DCTERMS_IDENTIFIER,
            Literal::from(node.node_id.0.as_str()),
        );
        if let Some(time) = node.timestamp.as_deref().filter(|t| !t.is_empty()) {
            self.add(subject, external::DCTERMS_CREATED, timestamp(time));
        }
    }

    /// The scheme a relation, transition or illocution fulfils, by name or AIFdb ID.
    fn scheme(&mut self, subject: &NamedNode, node: &Node) {
        let id = node.scheme_id.as_ref().map(|id| id.0.as_str());
        self.out.scheme(subject, node.scheme.as_deref(), id);
    }
}

/// A map's timestamp (`2012-04-12 18:21:00`) as an `xsd:dateTime` when it reads as one, else
/// as the text it is.
fn timestamp(text: &str) -> Literal {
    let iso = text.trim().replacen(' ', "T", 1);
    match oxsdatatypes::DateTime::from_str(&iso) {
        Ok(time) => Literal::new_typed_literal(time.to_string(), xsd::DATE_TIME),
        Err(_) => Literal::from(text),
    }
}
