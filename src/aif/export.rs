//! The store read back as an AIF map.
//!
//! Claims become I-nodes, quotes L-nodes (with their speakers as participants and locutions;
//! a locution that is also a claim, as AIF+ reads one a relation joins, stays one L-node),
//! responses RA, CA, MA or PA nodes, illocutions YA-nodes and transitions TA-nodes. What came
//! from an AIF map keeps its ID, text, timestamp and scheme name; the rest gets fresh numeric
//! IDs, and quotes that were never anchored by an explicit illocution get one YA-node per
//! claim they voice. Edge IDs are not kept: they are numbered afresh.

use super::{Edge, Id, Locution, Map, Node, NodeKind, Participant};
use crate::query::QueryError;
use crate::query::{self, QueryOutput};
use crate::render::RenderError;
use crate::store::ClaimStore;
use oxigraph::model::vocab::xsd;
use oxigraph::model::Term;
use oxigraph::sparql::QuerySolution;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

/// Writes everything `store` holds as one AIF map (AIFdb's shape, indented JSON) and returns
/// the responses it had to leave out: those whose kind the source did not say (`cg:Response`
/// itself), for which AIF has no node type.
pub fn write(store: &ClaimStore, out: &mut dyn Write) -> Result<Vec<String>, RenderError> {
    let (map, left_out) = Map::from_store(store).map_err(RenderError::Query)?;
    serde_json::to_writer_pretty(&mut *out, &map).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(left_out)
}

/// The part of a query that reads the scheme of `?node`. What the scheme is called is read
/// apart (see [`scheme_names`]): each map describes the schemes it uses, so in the union of
/// the graphs a scheme's name comes once per map, and joined here it would multiply every row.
const SCHEME: &str = "OPTIONAL { ?node cg:scheme ?scheme }";

/// The part of a query that reads what every node keeps.
const KEPT: &str = "OPTIONAL { ?node dcterms:identifier ?id }
    OPTIONAL { ?node dcterms:created ?created }";

impl Map {
    /// Reads the map that `store` holds, with the names of the responses left out (see
    /// [`write()`]).
    pub fn from_store(store: &ClaimStore) -> Result<(Map, Vec<String>), QueryError> {
        let mut drafts = Drafts {
            schemes: scheme_names(store)?,
            ..Drafts::default()
        };
        for row in select(
            store,
            &format!(
                "SELECT DISTINCT ?node ?text ?id ?created WHERE {{
                    ?node a/rdfs:subClassOf* cg:Claim .
                    FILTER NOT EXISTS {{ ?node a/rdfs:subClassOf* cg:Locution }}
                    OPTIONAL {{ ?node cg:statement ?text }} {KEPT} }}"
            ),
        )? {
            drafts.node(&row, NodeKind::I, &["text"]);
        }
        for row in select(
            store,
            &format!(
                "SELECT DISTINCT ?node ?text ?translation ?speaker ?start ?end ?source ?id ?created
                 WHERE {{ ?node a/rdfs:subClassOf* cg:Locution .
                    OPTIONAL {{ ?node cg:originalText ?text }}
                    OPTIONAL {{ ?node cg:translation/cg:text ?translation }}
                    OPTIONAL {{ ?node cg:speaker ?speaker }}
                    OPTIONAL {{ ?node schema:startTime ?start }}
                    OPTIONAL {{ ?node schema:endTime ?end }}
                    OPTIONAL {{ ?node dcterms:source ?source }} {KEPT} }}"
            ),
        )? {
            drafts.node(&row, NodeKind::L, &["text", "translation"]);
            let locution = ["speaker", "start", "end", "source"].map(|v| row.get(v).cloned());
            if locution.iter().any(Option::is_some) {
                drafts
                    .locutions
                    .entry(key(&row, "node"))
                    .or_insert(locution);
            }
        }
        let mut left_out = Vec::new();
        for row in select(
            store,
            &format!(
                "SELECT DISTINCT ?node ?kind ?from ?to ?target ?label ?scheme ?id ?created
                 WHERE {{ ?node a/rdfs:subClassOf* cg:Response ; cg:fromClaim ?from ; cg:toClaim ?to .
                    BIND(IF(EXISTS {{ ?node a/rdfs:subClassOf* cg:Support }}, \"RA\",
                         IF(EXISTS {{ ?node a/rdfs:subClassOf* cg:Attack }}, \"CA\",
                         IF(EXISTS {{ ?node a/rdfs:subClassOf* cg:Rephrase }}, \"MA\",
                         IF(EXISTS {{ ?node a/rdfs:subClassOf* cg:Preference }}, \"PA\", \"\")))) AS ?kind)
                    OPTIONAL {{ ?node cg:toResponse ?target }}
                    OPTIONAL {{ ?node rdfs:label ?label }} {SCHEME} {KEPT} }}"
            ),
        )? {
            let Some(kind) = NodeKind::from_name(&text(row.get("kind"))) else {
                left_out.push(key(&row, "node"));
                continue;
            };
            drafts.node(&row, kind, &["label"]);
            let node = key(&row, "node");
            drafts.edge(key(&row, "from"), node.clone());
            let target = row.get("target").or(row.get("to")).map(Term::to_string);
            drafts.edge(node, target.unwrap_or_default());
        }
        for row in select(
            store,
            &format!(
                "SELECT DISTINCT ?node ?from ?to ?label ?scheme ?id ?created
                 WHERE {{ ?node a cg:Transition ; cg:fromLocution ?from ; cg:toLocution ?to .
                    OPTIONAL {{ ?node rdfs:label ?label }} {SCHEME} {KEPT} }}"
            ),
        )? {
            drafts.node(&row, NodeKind::Ta, &["label"]);
            drafts.edge(key(&row, "from"), key(&row, "node"));
            drafts.edge(key(&row, "node"), key(&row, "to"));
        }
        for row in select(
            store,
            &format!(
                "SELECT DISTINCT ?node ?locution ?content ?force ?scheme ?id ?created
                 WHERE {{ ?node a cg:Illocution ; cg:locution ?locution ; cg:content ?content .
                    OPTIONAL {{ ?node cg:illocution ?force }} {SCHEME} {KEPT} }}"
            ),
        )? {
            drafts.node(&row, NodeKind::Ya, &["force"]);
            drafts.edge(key(&row, "locution"), key(&row, "node"));
            drafts.edge(key(&row, "node"), key(&row, "content"));
        }
        // Quotes written by hand say which claims they voice but not by which act; the
        // generic acts of the Inference Anchoring Theory stand in for it.
        for (n, row) in select(
            store,
            "SELECT DISTINCT ?quote ?claim ?force WHERE {
                VALUES ?voices { cg:conveys cg:expresses cg:implies }
                ?quote ?voices ?claim .
                ?quote a/rdfs:subClassOf* cg:Quote . ?claim a/rdfs:subClassOf* cg:Claim .
                FILTER NOT EXISTS { ?act cg:locution ?quote ; cg:content ?claim }
                BIND(IF(EXISTS { ?quote a/rdfs:subClassOf* cg:RhetoricalQuestion }, \"Rhetorical Questioning\",
                     IF(?voices = cg:expresses, \"Asserting\", \"Default Illocuting\")) AS ?force)
            } ORDER BY ?quote ?claim",
        )?
        .into_iter()
        .enumerate()
        {
            // A space keeps these keys apart from every term's text.
            let node = format!("derived {n}");
            drafts.add(
                node.clone(),
                NodeKind::Ya,
                text(row.get("force")),
                None,
                [None, None, None],
            );
            drafts.edge(key(&row, "quote"), node.clone());
            drafts.edge(node, key(&row, "claim"));
        }
        let mut participants = Vec::new();
        for row in select(
            store,
            "SELECT DISTINCT ?node ?label ?given ?family ?id WHERE {
                ?quote cg:speaker ?node .
                OPTIONAL { ?node rdfs:label ?label }
                OPTIONAL { ?node schema:givenName ?given }
                OPTIONAL { ?node schema:familyName ?family }
                OPTIONAL { ?node dcterms:identifier ?id } }",
        )? {
            participants.push(row);
        }
        // Maps exported together keep their texts in turn: xAIF has one place for text.
        let texts: Vec<String> = select(
            store,
            "SELECT ?text WHERE { ?document a cg:AnalysedText ; schema:text ?text } ORDER BY ?document",
        )?
        .iter()
        .map(|row| text(row.get("text")))
        .collect();
        left_out.sort();
        left_out.dedup();
        let mut map = drafts.finish(participants);
        map.text = (!texts.is_empty()).then(|| texts.join("\n\n"));
        Ok((map, left_out))
    }
}

fn select(store: &ClaimStore, sparql: &str) -> Result<Vec<QuerySolution>, QueryError> {
    match query::run(store, "AIF export", sparql)? {
        QueryOutput::Solutions { rows, .. } => Ok(rows),
        _ => unreachable!("every query here is a SELECT"),
    }
}

fn key(row: &QuerySolution, variable: &str) -> String {
    row.get(variable).map(Term::to_string).unwrap_or_default()
}

/// A literal's value, a term's text, or nothing.
fn text(term: Option<&Term>) -> String {
    match term {
        Some(Term::Literal(literal)) => literal.value().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// How much a text's language is preferred when a node has several: English first, then
/// untagged or undetermined text, then the rest.
fn preference(term: &Term) -> (u8, String) {
    let Term::Literal(literal) = term else {
        return (3, term.to_string());
    };
    let rank = match literal.language() {
        Some("en") => 0,
        None | Some("und") => 1,
        Some(_) => 2,
    };
    (rank, literal.value().to_owned())
}

/// `(name, AIFdb ID)` of each scheme, by the scheme's term as text.
type SchemeNames = HashMap<String, (Option<String>, Option<String>)>;

/// What each scheme is called, as AIF names it: `(name, AIFdb ID)` by the scheme's term. The
/// name is the one the map spelled (`skos:notation`), else, for schemes of our own ontology,
/// the English label; a scheme an AIF map named only by ID has no name.
fn scheme_names(store: &ClaimStore) -> Result<SchemeNames, QueryError> {
    let mut schemes = SchemeNames::new();
    for (sparql, slot) in [
        (
            "SELECT DISTINCT ?scheme ?value WHERE { { SELECT DISTINCT ?scheme WHERE { ?r cg:scheme ?scheme } } ?scheme skos:notation ?value }",
            0,
        ),
        (
            "SELECT DISTINCT ?scheme ?value WHERE { { SELECT DISTINCT ?scheme WHERE { ?r cg:scheme ?scheme } }
                ?scheme skos:prefLabel ?value FILTER(langMatches(lang(?value), \"en\"))
                FILTER NOT EXISTS { ?scheme skos:notation|dcterms:identifier ?named } }",
            0,
        ),
        (
            "SELECT DISTINCT ?scheme ?value WHERE { { SELECT DISTINCT ?scheme WHERE { ?r cg:scheme ?scheme } } ?scheme dcterms:identifier ?value }",
            1,
        ),
    ] {
        for row in select(store, sparql)? {
            let names = schemes.entry(key(&row, "scheme")).or_default();
            let value = Some(text(row.get("value")));
            match slot {
                0 => names.0 = names.0.take().or(value),
                _ => names.1 = names.1.take().or(value),
            }
        }
    }
    Ok(schemes)
}

/// Nodes and edges as the queries find them, before IDs are given out.
#[derive(Default)]
struct Drafts {
    /// What each scheme is called (see [`scheme_names`]).
    schemes: SchemeNames,
    nodes: BTreeMap<String, Draft>,
    edges: Vec<(String, String)>,
    /// Speaker, start, end and source of each quote that has one of them.
    locutions: HashMap<String, [Option<Term>; 4]>,
}

struct Draft {
    kind: NodeKind,
    /// The best text so far, with its preference.
    text: Option<(u8, String)>,
    id: Option<String>,
    /// Timestamp, scheme name, scheme ID.
    kept: [Option<String>; 3],
}

impl Drafts {
    /// Adds what `row` says of `?node`: the first of `texts` found, with the preferred
    /// language; the ID, timestamp and scheme.
    fn node(&mut self, row: &QuerySolution, kind: NodeKind, texts: &[&str]) {
        let wording = texts.iter().find_map(|v| row.get(*v));
        let timestamp = row.get("created").map(|created| match created {
            // AIF writes `2012-04-12 18:21:00`, xsd:dateTime `2012-04-12T18:21:00`.
            Term::Literal(l) if l.datatype() == xsd::DATE_TIME => l.value().replacen('T', " ", 1),
            other => text(Some(other)),
        });
        let (scheme, scheme_id) = row
            .get("scheme")
            .and_then(|scheme| self.schemes.get(&scheme.to_string()))
            .cloned()
            .unwrap_or_default();
        let id = row.get("id").map(|t| text(Some(t)));
        let key = key(row, "node");
        let draft = self.nodes.entry(key).or_insert(Draft {
            kind,
            text: None,
            id: None,
            kept: [None, None, None],
        });
        if let Some(wording) = wording {
            let candidate = preference(wording);
            if draft.text.as_ref().is_none_or(|best| candidate < *best) {
                draft.text = Some(candidate);
            }
        }
        draft.id = draft.id.take().or(id);
        for (slot, value) in draft.kept.iter_mut().zip([timestamp, scheme, scheme_id]) {
            if slot.is_none() {
                *slot = value;
            }
        }
    }

    fn add(
        &mut self,
        key: String,
        kind: NodeKind,
        text: String,
        id: Option<String>,
        kept: [Option<String>; 3],
    ) {
        self.nodes.insert(
            key,
            Draft {
                kind,
                text: Some((0, text)),
                id,
                kept,
            },
        );
    }

    fn edge(&mut self, from: String, to: String) {
        self.edges.push((from, to));
    }

    /// Gives out IDs (a node's own where no other node has taken it, else the next free
    /// number) and builds the map; edges to nodes that were left out go too.
    /// Leaves out what a part of a store cuts off: relations without a premise or a conclusion
    /// among the nodes written, illocutions and transitions without both ends, so that every
    /// node written is whole AIF.
    fn prune(&mut self) {
        loop {
            let mut premised = HashSet::new();
            let mut entered = HashSet::new();
            let mut left = HashSet::new();
            for (from, to) in &self.edges {
                let (Some(source), Some(_)) = (self.nodes.get(from), self.nodes.get(to)) else {
                    continue;
                };
                if source.kind.is_proposition() {
                    premised.insert(to.as_str());
                }
                entered.insert(to.as_str());
                left.insert(from.as_str());
            }
            let cut: Vec<String> = self
                .nodes
                .iter()
                .filter(|(key, draft)| match draft.kind {
                    NodeKind::I | NodeKind::L => false,
                    kind if kind.is_relation() => {
                        !premised.contains(key.as_str()) || !left.contains(key.as_str())
                    }
                    _ => !entered.contains(key.as_str()) || !left.contains(key.as_str()),
                })
                .map(|(key, _)| key.clone())
                .collect();
            if cut.is_empty() {
                return;
            }
            for key in cut {
                self.nodes.remove(&key);
            }
        }
    }

    fn finish(mut self, participants: Vec<QuerySolution>) -> Map {
        self.prune();
        let mut ids = Ids::default();
        let mut given: HashMap<&str, Id> = HashMap::with_capacity(self.nodes.len());
        for (key, draft) in &self.nodes {
            if let Some(id) = &draft.id {
                if let Some(id) = ids.claim(id) {
                    given.insert(key, id);
                }
            }
        }
        for key in self.nodes.keys() {
            if !given.contains_key(key.as_str()) {
                given.insert(key, ids.fresh());
            }
        }
        let mut nodes: Vec<Node> = self
            .nodes
            .iter()
            .map(|(key, draft)| {
                let [timestamp, scheme, scheme_id] = draft.kept.clone();
                Node {
                    node_id: given[key.as_str()].clone(),
                    text: draft.text.clone().map(|(_, t)| t).unwrap_or_default(),
                    kind: draft.kind.name().to_owned(),
                    timestamp,
                    scheme,
                    scheme_id: scheme_id.map(Id),
                }
            })
            .collect();
        nodes.sort_by(|a, b| order(&a.node_id).cmp(&order(&b.node_id)));
        let mut pairs: Vec<(Id, Id)> = self
            .edges
            .iter()
            .filter_map(|(from, to)| {
                Some((
                    given.get(from.as_str())?.clone(),
                    given.get(to.as_str())?.clone(),
                ))
            })
            .collect();
        pairs.sort_by(|a, b| (order(&a.0), order(&a.1)).cmp(&(order(&b.0), order(&b.1))));
        pairs.dedup();
        let edges = pairs
            .into_iter()
            .enumerate()
            .map(|(n, (from_id, to_id))| Edge {
                edge_id: Some(Id((n + 1).to_string())),
                from_id,
                to_id,
                form_edge_id: None,
            })
            .collect();

        let people = Participants::from_rows(&participants);
        let mut locutions: Vec<Locution> = self
            .locutions
            .iter()
            .filter_map(|(quote, [speaker, start, end, source])| {
                let person = speaker
                    .as_ref()
                    .and_then(|s| people.ids.get(&s.to_string()));
                let value = |t: &Option<Term>| t.as_ref().map(|t| Id(text(Some(t))));
                Some(Locution {
                    node_id: given.get(quote.as_str())?.clone(),
                    person_id: person.cloned(),
                    timestamp: None,
                    start: value(start),
                    end: value(end),
                    source: value(source),
                })
            })
            .collect();
        locutions.sort_by(|a, b| order(&a.node_id).cmp(&order(&b.node_id)));
        Map {
            nodes,
            edges,
            locutions,
            participants: people.list,
            text: None,
        }
    }
}

/// Speakers as participants, each once, with names split as the source split them, or the
/// whole label as the first name.
struct Participants {
    ids: HashMap<String, Id>,
    list: Vec<Participant>,
}

impl Participants {
    fn from_rows(rows: &[QuerySolution]) -> Self {
        // key -> (best label, given name, family name, own ID)
        type Person = (
            Option<(u8, String)>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let mut people: BTreeMap<String, Person> = BTreeMap::new();
        for row in rows {
            let person = people.entry(key(row, "node")).or_default();
            if let Some(label) = row.get("label") {
                let candidate = preference(label);
                if person.0.as_ref().is_none_or(|best| candidate < *best) {
                    person.0 = Some(candidate);
                }
            }
            for (slot, variable) in [
                (&mut person.1, "given"),
                (&mut person.2, "family"),
                (&mut person.3, "id"),
            ] {
                if slot.is_none() {
                    *slot = row.get(variable).map(|t| text(Some(t)));
                }
            }
        }
        // Participants have IDs of their own, apart from the nodes'.
        let mut ids = Ids::default();
        let own: Vec<Option<Id>> = people
            .values()
            .map(|person| person.3.as_deref().and_then(|id| ids.claim(id)))
            .collect();
        let mut participants = Participants {
            ids: HashMap::new(),
            list: Vec::new(),
        };
        for ((key, (label, given, family, _)), id) in people.into_iter().zip(own) {
            let id = id.unwrap_or_else(|| ids.fresh());
            participants.ids.insert(key, id.clone());
            participants.list.push(Participant {
                participant_id: id,
                firstname: given.or(label.map(|(_, label)| label)).unwrap_or_default(),
                surname: family.unwrap_or_default(),
            });
        }
        participants
            .list
            .sort_by(|a, b| order(&a.participant_id).cmp(&order(&b.participant_id)));
        participants
    }
}

/// IDs given out so far, and the next number to try.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    next: u64,
}

impl Ids {
    /// `id`, unless it is taken.
    fn claim(&mut self, id: &str) -> Option<Id> {
        self.used.insert(id.to_owned()).then(|| Id(id.to_owned()))
    }

    /// The smallest number not taken, counting up.
    fn fresh(&mut self) -> Id {
        loop {
            self.next += 1;
            let id = self.next.to_string();
            if self.used.insert(id.clone()) {
                return Id(id);
            }
        }
    }
}

/// Numeric IDs in numeric order, then the rest in text order.
fn order(id: &Id) -> (u64, &str) {
    (id.0.parse().unwrap_or(u64::MAX), &id.0)
}
