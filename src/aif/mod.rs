//! AIF JSON, the argument-mapping field's interchange format, in and out.
//!
//! Two shapes are in use and both are read: AIFdb's export, `{"nodes", "edges", "locutions",
//! "participants"}` at the top, and OVA's xAIF, the same lists under `"AIF"` beside the
//! analysed `"text"` and OVA's layout. Real files vary: IDs are strings in one and numbers in
//! the other, lists may be `null`, fields come and go. The reader accepts all of that and is
//! strict only where the meaning is at stake: an edge to a missing node, an unknown node type,
//! a relation without a conclusion, a wrong JSON type for a field.
//!
//! How AIF maps onto the ontology (see ARCHITECTURE.md for the table): I-nodes are claims,
//! L-nodes quotes, participants people who speak them; RA, CA, MA and PA nodes are responses
//! (support; rebuttal, or undercut when the CA targets another relation; rephrase; preference)
//! whose premises are `cg:fromClaim` and conclusion `cg:toClaim` (an L-node a relation joins is
//! also a claim: AIF+ makes locutions a kind of I-node); YA nodes are illocutions (of
//! a claim, a relation, or in reported speech a locution) and TA nodes transitions between
//! locutions. Speakers that only the head of a locution's text names, and OVA's analyst nodes,
//! are read as the field writes them (see the `dialogue` module). Node IDs, timestamps, texts
//! and scheme names are kept, so that [`export::write`] gives back the map that was read.
//!
//! ```
//! use claimgraph::{ClaimStore, aif, ingest::{Format, Source}};
//!
//! let map = br#"{"nodes": [
//!     {"nodeID": "1", "text": "Smoking is harmful", "type": "I"},
//!     {"nodeID": "2", "text": "Smoking causes cancer", "type": "I"},
//!     {"nodeID": "3", "text": "RA", "type": "RA", "scheme": "CauseToEffect"}],
//!   "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "1"}]}"#;
//! let store = ClaimStore::in_memory()?;
//! store.load_with_schema(&[Source::from_bytes("map.json", &map[..], Format::Aif, "urn:map")?])?;
//! let (back, _) = aif::Map::from_store(&store)?;
//! assert_eq!(back.nodes.len(), 3);
//! assert_eq!(back.nodes[2].scheme.as_deref(), Some("CauseToEffect"));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

mod dialogue;
pub mod export;
pub mod import;

use crate::ingest::error::SourceError;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// An argument map: AIFdb's shape, which is also what [`export::write`] produces, or OVA's
/// xAIF when the map keeps the text it was made from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map {
    /// Claims, locutions and the relations between them.
    pub nodes: Vec<Node>,
    /// Directed links between nodes.
    pub edges: Vec<Edge>,
    /// Which participant spoke which L-node.
    pub locutions: Vec<Locution>,
    /// The people who speak.
    pub participants: Vec<Participant>,
    /// The text the map was made from, as xAIF's `"text"` keeps it (OVA's markup included).
    pub text: Option<String>,
}

impl Serialize for Map {
    /// AIFdb's flat shape; xAIF's, the lists under `"AIF"` beside `"text"`, when there is a
    /// text, since only xAIF has a place for it.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Flat<'a> {
            nodes: &'a [Node],
            edges: &'a [Edge],
            locutions: &'a [Locution],
            participants: &'a [Participant],
        }
        #[derive(Serialize)]
        struct Xaif<'a> {
            #[serde(rename = "AIF")]
            aif: Flat<'a>,
            text: &'a str,
        }
        let flat = Flat {
            nodes: &self.nodes,
            edges: &self.edges,
            locutions: &self.locutions,
            participants: &self.participants,
        };
        match &self.text {
            None => flat.serialize(serializer),
            Some(text) => Xaif { aif: flat, text }.serialize(serializer),
        }
    }
}

/// A node of a map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    /// The map's ID for the node.
    #[serde(rename = "nodeID")]
    pub node_id: Id,
    /// A proposition's or locution's text; for relations, a scheme or a type name.
    #[serde(default, deserialize_with = "or_default")]
    pub text: String,
    /// `I`, `L`, `RA`, `CA`, `MA`, `PA`, `YA` or `TA` (see [`NodeKind`]).
    #[serde(rename = "type")]
    pub kind: String,
    /// When the node was made, as the map writes it (`2012-04-12 18:21:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// The argument scheme's name, such as `ExpertOpinion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The argument scheme's ID in AIFdb.
    #[serde(default, rename = "schemeID", skip_serializing_if = "Option::is_none")]
    pub scheme_id: Option<Id>,
}

/// A directed link between two nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The map's ID for the edge.
    #[serde(rename = "edgeID", default)]
    pub edge_id: Option<Id>,
    /// The node it leaves.
    #[serde(rename = "fromID")]
    pub from_id: Id,
    /// The node it enters.
    #[serde(rename = "toID")]
    pub to_id: Id,
    /// AIFdb's link to a form edge; unused by every map seen so far, kept as null.
    #[serde(rename = "formEdgeID", default)]
    pub form_edge_id: Option<Id>,
}

/// Who spoke an L-node, and when or where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Locution {
    /// The L-node.
    #[serde(rename = "nodeID")]
    pub node_id: Id,
    /// The participant who spoke it.
    #[serde(rename = "personID", default, skip_serializing_if = "Option::is_none")]
    pub person_id: Option<Id>,
    /// When it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Id>,
    /// Where it starts in the source (a time or an offset, as the map writes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Id>,
    /// Where it ends in the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Id>,
    /// The source it was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Id>,
}

/// A person who speaks in the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// The map's ID for the participant.
    #[serde(rename = "participantID")]
    pub participant_id: Id,
    /// Given name.
    #[serde(default, deserialize_with = "or_default")]
    pub firstname: String,
    /// Family name.
    #[serde(default, deserialize_with = "or_default")]
    pub surname: String,
}

/// An ID or a short value as maps write it: a JSON string or number, kept as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Id, E> {
                Ok(Id(value.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Id, E> {
                Ok(Id(value.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Id, E> {
                Ok(Id(value.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The kinds of AIF node, each with the name maps give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// A proposition: a claim.
    I,
    /// A locution: a quote.
    L,
    /// Rule application: a support.
    Ra,
    /// Conflict application: an attack.
    Ca,
    /// Rephrase application.
    Ma,
    /// Preference application.
    Pa,
    /// Illocutionary anchoring: how a locution voices a claim or a relation.
    Ya,
    /// Transition between locutions.
    Ta,
}

impl NodeKind {
    /// Every kind, in the order maps usually list them.
    pub const ALL: [NodeKind; 8] = [
        NodeKind::I,
        NodeKind::L,
        NodeKind::Ra,
        NodeKind::Ca,
        NodeKind::Ma,
        NodeKind::Pa,
        NodeKind::Ya,
        NodeKind::Ta,
    ];

    /// The `type` maps write.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::I => "I",
            NodeKind::L => "L",
            NodeKind::Ra => "RA",
            NodeKind::Ca => "CA",
            NodeKind::Ma => "MA",
            NodeKind::Pa => "PA",
            NodeKind::Ya => "YA",
            NodeKind::Ta => "TA",
        }
    }

    /// The kind a map's `type` names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Whether nodes of this kind relate claims (AIF's S-nodes that claimgraph keeps as
    /// responses).
    pub fn is_relation(self) -> bool {
        matches!(
            self,
            NodeKind::Ra | NodeKind::Ca | NodeKind::Ma | NodeKind::Pa
        )
    }

    /// Whether nodes of this kind are what relations join: I-nodes, and L-nodes, which AIF+
    /// makes a kind of I-node (Reed, Wells, Devereux and Rowe, "AIF+: Dialogue in the
    /// Argument Interchange Format", COMMA 2008): a locution's content is that it was said.
    pub fn is_proposition(self) -> bool {
        matches!(self, NodeKind::I | NodeKind::L)
    }
}

/// The lists of a map, at the top of the file (AIFdb) or under `"AIF"` (xAIF, whose other
/// fields are OVA's and ignored); absent or `null` lists are empty. Not flattened, so that
/// serde_json still knows the line and column of a field of the wrong type.
#[derive(Deserialize, Default)]
struct Lists {
    #[serde(rename = "AIF", default)]
    aif: Option<Box<Lists>>,
    #[serde(default, deserialize_with = "or_default")]
    nodes: Vec<Node>,
    #[serde(default, deserialize_with = "or_default")]
    edges: Vec<Edge>,
    #[serde(default, deserialize_with = "or_default")]
    locutions: Vec<Locution>,
    #[serde(default, deserialize_with = "or_default")]
    participants: Vec<Participant>,
    #[serde(default, deserialize_with = "or_default")]
    schemefulfillments: Vec<SchemeFulfillment>,
    #[serde(default)]
    text: Option<AnalysedText>,
}

/// xAIF's `"text"`: OVA3 writes the text itself; arg-tech's other tools `{"txt": text}`.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "the analysed text, as text or as {\"txt\": text}"
)]
enum AnalysedText {
    Text(String),
    Wrapped { txt: Option<String> },
}

/// xAIF's way of naming a relation's scheme by ID.
#[derive(Deserialize)]
struct SchemeFulfillment {
    #[serde(rename = "nodeID")]
    node_id: Id,
    #[serde(rename = "schemeID")]
    scheme_id: Id,
}

/// `null` read as the default value, as OVA writes empty lists and texts.
fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

impl Map {
    /// Reads a map in either shape; `input` names the file in errors, which give the line and
    /// column of malformed JSON or of a field of the wrong type.
    pub fn from_json(input: &str, bytes: &[u8]) -> Result<Self, SourceError> {
        let mut file: Lists =
            serde_json::from_slice(bytes).map_err(|error| SourceError::Syntax {
                input: input.to_owned(),
                // serde_json counts a position just after a line break as column 0.
                location: (error.line() > 0)
                    .then(|| (error.line() as u64, error.column().max(1) as u64)),
                message: strip_position(&error.to_string()),
            })?;
        // The text sits beside the lists, not under "AIF".
        let text = match file.text.take() {
            Some(AnalysedText::Text(text) | AnalysedText::Wrapped { txt: Some(text) }) => {
                Some(text).filter(|t| !t.trim().is_empty())
            }
            _ => None,
        };
        let lists = match file.aif {
            Some(aif) => *aif,
            None => file,
        };
        let mut nodes = lists.nodes;
        let position: HashMap<Id, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.node_id.clone(), i))
            .collect();
        for fulfillment in lists.schemefulfillments {
            if let Some(&i) = position.get(&fulfillment.node_id) {
                nodes[i].scheme_id.get_or_insert(fulfillment.scheme_id);
            }
        }
        Ok(Map {
            nodes,
            edges: lists.edges,
            locutions: lists.locutions,
            participants: lists.participants,
            text,
        })
    }
}

/// A node as a round trip keeps it: ID, type, text, scheme, timestamp.
pub type NodeOutline = (Id, String, String, Option<String>, Option<String>);

/// A locution as a round trip keeps it: the L-node, who spoke it (by name), where it starts.
pub type LocutionOutline = (Id, Option<String>, Option<Id>);

/// What a round trip through the store keeps of a map, as sets: nodes as (ID, type, text,
/// scheme, timestamp), edges as (from, to) and locutions as (node, speaker's name, start).
/// Edge IDs, participant IDs and the order of lists are not kept, nor OVA's analyst nodes,
/// which are read as the name of the map's analyst, nor an I → YA edge beside the YA → I edge
/// whose anchoring it repeats backwards.
#[derive(Debug, PartialEq, Eq)]
pub struct Outline {
    /// Each node.
    pub nodes: BTreeSet<NodeOutline>,
    /// Each edge.
    pub edges: BTreeSet<(Id, Id)>,
    /// Each locution that names its speaker.
    pub locutions: BTreeSet<LocutionOutline>,
    /// The text the map was made from.
    pub text: Option<String>,
}

impl Map {
    /// What a round trip keeps of the map.
    pub fn outline(&self) -> Outline {
        let (analysts, _) = dialogue::analysts(self);
        let echoes = dialogue::echoes(self);
        let kept: Vec<&Node> = self
            .nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| !analysts.contains(i))
            .map(|(_, n)| n)
            .collect();
        let ids: HashMap<&Id, &Node> = kept.iter().map(|n| (&n.node_id, *n)).collect();
        let names: HashMap<&Id, String> = self
            .participants
            .iter()
            .map(|p| {
                let name = format!("{} {}", p.firstname, p.surname);
                (&p.participant_id, name.trim().to_owned())
            })
            .collect();
        let locutions = self
            .locutions
            .iter()
            .map(|l| (&l.node_id, l))
            .collect::<HashMap<_, _>>();
        Outline {
            nodes: kept
                .iter()
                .map(|n| {
                    (
                        n.node_id.clone(),
                        n.kind.clone(),
                        n.text.clone(),
                        n.scheme.clone(),
                        n.timestamp.clone(),
                    )
                })
                .collect(),
            edges: self
                .edges
                .iter()
                .enumerate()
                .filter(|(i, _)| !echoes.contains(i))
                .map(|(_, e)| e)
                .filter(|e| ids.contains_key(&e.from_id) && ids.contains_key(&e.to_id))
                .map(|e| (e.from_id.clone(), e.to_id.clone()))
                .collect(),
            locutions: kept
                .iter()
                .filter(|n| n.kind == NodeKind::L.name())
                .filter_map(|n| {
                    let locution = locutions.get(&n.node_id);
                    let listed = locution
                        .and_then(|l| l.person_id.as_ref())
                        .and_then(|person| names.get(person).cloned());
                    let speaker =
                        listed.or_else(|| dialogue::speaker_prefix(&n.text).map(str::to_owned));
                    let start = locution.and_then(|l| l.start.clone());
                    (speaker.is_some() || start.is_some())
                        .then(|| (n.node_id.clone(), speaker, start))
                })
                .collect(),
            text: self.text.clone(),
        }
    }
}

/// serde_json ends its messages with " at line L column C", which the error prints first.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests;
