//! The store written out as Argdown.
//!
//! Claims become statements titled by their local name (under the `base` the front matter
//! declares), with their statement in the document's language as text, and `type`, `label`,
//! `claimant`, `accuses` and `answers` in their data blocks; responses become relations
//! (support or attack) under the claim they answer. Everything else the store says (quotes,
//! translations, actors, figures, statements in other languages...) is written in the front
//! matter as JSON-LD under `rdf`: what reading the document back would not make is exactly
//! what goes there, so that loading the export gives back the triples that were exported.

use super::import::structure;
use crate::bundled;
use crate::query::{self, QueryError, QueryOutput};
use crate::render::RenderError;
use crate::store::ClaimStore;
use crate::vocab::{abbreviate, NAMESPACE, PREFIXES};
use ::argdown::{Document, Node, Relation, RelationKind, Statement, StatementMember};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::QuerySolution;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

/// The language of the statements written as texts; the others go in the front matter.
const LANG: &str = "en";

/// Writes the claims and responses of `store` as an Argdown document. Returns the number of
/// triples that reading the document back would add to what was exported (none, unless the
/// store holds something the mapping cannot say).
pub fn write(store: &ClaimStore, out: &mut dyn Write) -> Result<usize, RenderError> {
    let (text, invented) = to_argdown(store).map_err(RenderError::Query)?;
    out.write_all(text.as_bytes())?;
    Ok(invented)
}

/// The document's text, and how many triples reading it back would invent.
fn to_argdown(store: &ClaimStore) -> Result<(String, usize), QueryError> {
    let exported = triples(store)?;
    let claims = select(
        store,
        "SELECT DISTINCT ?c ?type WHERE { ?c a ?type . ?type rdfs:subClassOf* cg:Claim }",
    )?;
    let base = base(claims.iter().filter_map(|row| named(row, "c")));
    let namer = Namer { base: &base };

    let mut statements: BTreeMap<String, (String, Map<String, Value>)> = BTreeMap::new();
    for row in &claims {
        let Some(claim) = named(row, "c") else {
            continue;
        };
        let entry = statements.entry(claim.as_str().to_owned()).or_default();
        let kind = named(row, "type").map(|t| t.as_str().trim_start_matches(NAMESPACE).to_owned());
        if let Some(kind) = kind.filter(|k| k != "Claim" && !entry.1.contains_key("type")) {
            entry.1.insert("type".into(), json!(kind));
        }
    }
    for row in select(store, "SELECT ?c ?s WHERE { ?c cg:statement ?s }")? {
        if let (Some(claim), Some(Term::Literal(text))) = (named(&row, "c"), row.get("s")) {
            if let Some(entry) = statements.get_mut(claim.as_str()) {
                if text.language() == Some(LANG) {
                    entry.1.remove("lang");
                    entry.0 = text.value().to_owned();
                } else if entry.0.is_empty() {
                    let lang = text.language().unwrap_or("und");
                    entry.1.insert("lang".into(), json!(lang));
                    entry.0 = text.value().to_owned();
                }
            }
        }
    }
    for row in select(store, "SELECT ?c ?l WHERE { ?c rdfs:label ?l }")? {
        if let (Some(claim), Some(Term::Literal(label))) = (named(&row, "c"), row.get("l")) {
            if let (Some(entry), Some(lang)) =
                (statements.get_mut(claim.as_str()), label.language())
            {
                let labels = entry.1.entry("label").or_insert_with(|| json!({}));
                labels[lang] = json!(label.value());
            }
        }
    }
    for row in select(store, "SELECT ?c ?a WHERE { ?c cg:claimant ?a }")? {
        if let (Some(claim), Some(actor)) = (named(&row, "c"), named(&row, "a")) {
            if let Some(entry) = statements.get_mut(claim.as_str()) {
                entry.1.insert("claimant".into(), json!(namer.name(&actor)));
            }
        }
    }
    for row in select(
        store,
        "SELECT ?c ?a WHERE { ?c cg:accuses ?a } ORDER BY ?c ?a",
    )? {
        if let (Some(claim), Some(actor)) = (named(&row, "c"), named(&row, "a")) {
            if let Some(entry) = statements.get_mut(claim.as_str()) {
                let accused = entry.1.entry("accuses").or_insert_with(|| json!([]));
                if let Value::Array(list) = accused {
                    list.push(json!(namer.name(&actor)));
                }
            }
        }
    }

    let mut relations = Vec::new();
    let responses = select(
        store,
        "SELECT DISTINCT ?r ?kind ?from ?to ?attack ?support ?scheme ?reading WHERE {
            ?r a ?kind . ?kind rdfs:subClassOf* cg:Response .
            ?r cg:fromClaim ?from ; cg:toClaim ?to .
            BIND(EXISTS { ?kind rdfs:subClassOf* cg:Attack } AS ?attack)
            BIND(EXISTS { ?kind rdfs:subClassOf* cg:Support } AS ?support)
            OPTIONAL { ?r cg:scheme ?scheme }
            OPTIONAL { ?r cg:interpretedBy ?reading }
        } ORDER BY ?r ?from",
    )?;
    let mut answered: HashMap<(String, String), String> = HashMap::new();
    for row in &responses {
        let (Some(response), Some(kind), Some(from), Some(to)) = (
            named(row, "r"),
            named(row, "kind"),
            named(row, "from"),
            named(row, "to"),
        ) else {
            continue;
        };
        if !statements.contains_key(from.as_str()) || !statements.contains_key(to.as_str()) {
            continue;
        }
        let (source, target) = (namer.name(&from), namer.name(&to));
        // One response per pair can be said in `answers`; another stays in the front matter.
        let key = (source.clone(), target.clone());
        if answered.get(&key).is_some_and(|r| r != response.as_str()) {
            continue;
        }
        answered.insert(key, response.as_str().to_owned());
        let flag = |v: &str| matches!(row.get(v), Some(Term::Literal(l)) if l.value() == "true");
        let arrow = if flag("attack") {
            Some(RelationKind::Attack)
        } else if flag("support") {
            Some(RelationKind::Support)
        } else {
            None
        };
        if let Some(kind) = arrow {
            relations.push(Relation {
                from: Node::Statement(source.clone()),
                to: Node::Statement(target.clone()),
                kind,
                location: Default::default(),
            });
        }
        let mut answer = Map::new();
        answer.insert("id".into(), json!(namer.name(&response)));
        answer.insert(
            "kind".into(),
            json!(kind.as_str().trim_start_matches(NAMESPACE)),
        );
        for variable in ["scheme", "reading"] {
            if let Some(value) = named(row, variable) {
                answer.insert(variable.into(), json!(namer.name(&value)));
            }
        }
        let entry = statements.get_mut(from.as_str()).expect("checked above");
        let answers = entry.1.entry("answers").or_insert_with(|| json!({}));
        answers[target] = Value::Object(answer);
    }

    let mut doc = Document {
        statements: statements
            .iter()
            .map(|(iri, (text, data))| Statement {
                title: namer.name(&NamedNode::new_unchecked(iri.as_str())),
                members: vec![StatementMember {
                    text: if text.is_empty() {
                        iri.clone()
                    } else {
                        text.clone()
                    },
                    ranges: Vec::new(),
                    tags: Vec::new(),
                    data: None,
                    location: Default::default(),
                    section: None,
                }],
                tags: Vec::new(),
                data: (!data.is_empty()).then(|| Value::Object(data.clone())),
                location: Default::default(),
            })
            .collect(),
        relations,
        ..Document::default()
    };
    // What reading the document back makes, against what was exported: the rest is said in
    // the front matter. Saying more there can make the reader make less (an actor described
    // there is not typed again), so this goes on until nothing is missing.
    let graph = NamedNode::new_unchecked("urn:claimgraph:argdown-export");
    doc.front_matter = Some(front_matter(&base, &[]));
    // The document as a reader reads it (printed, then parsed), once; the loop asks only what
    // its structure makes as the front matter describes more.
    let read = ::argdown::parse(&doc.to_argdown()).unwrap_or_default();
    let front = json!({ "base": base, "lang": LANG });
    let mut rest: HashSet<&Triple> = HashSet::new();
    let made = loop {
        let described: HashSet<Term> = rest.iter().map(|t| t.subject.clone().into()).collect();
        let made: HashSet<Triple> = structure(&read, &front, "export", &graph, LANG, &described)
            .unwrap_or_default()
            .into_iter()
            .map(Triple::from)
            .collect();
        let missing: Vec<&Triple> = exported.iter().filter(|t| !made.contains(t)).collect();
        if missing.iter().all(|t| rest.contains(t)) {
            break made;
        }
        rest.extend(missing);
    };
    let mut said: Vec<&Triple> = rest.into_iter().collect();
    // The same store always gives the same document.
    said.sort_by_cached_key(|t| t.to_string());
    doc.front_matter = Some(front_matter(&base, &said));
    // Blank nodes read back are new blank nodes: only triples without them compare.
    let invented = made
        .iter()
        .filter(|t| !t.subject.is_blank_node() && !t.object.is_blank_node())
        .filter(|t| !exported.contains(t))
        .count();
    Ok((doc.to_argdown(), invented))
}

/// `base`, `lang`, and the triples the document does not say, as JSON-LD on one line.
fn front_matter(base: &str, rest: &[&Triple]) -> String {
    let mut text = format!("\nbase: {}\nlang: {LANG}\n", json!(base));
    if !rest.is_empty() {
        let mut serializer = RdfSerializer::from_format(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        })
        .for_writer(Vec::new());
        for triple in rest {
            // Writing to memory cannot fail.
            let _ = serializer.serialize_triple(triple.as_ref());
        }
        let bytes = serializer.finish().unwrap_or_default();
        let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        text.push_str(&format!("rdf: {value}\n"));
    }
    text
}

/// Every triple of the store but those of claimgraph's own graphs (ontology, shapes,
/// metadata, results written back by `analyze --write`).
fn triples(store: &ClaimStore) -> Result<HashSet<Triple>, QueryError> {
    let own: Vec<String> = [
        bundled::ONTOLOGY_GRAPH,
        bundled::SHAPES_GRAPH,
        bundled::METADATA_GRAPH,
    ]
    .iter()
    .map(|g| format!("<{g}>"))
    .collect();
    let sparql = format!(
        "SELECT DISTINCT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({})) }}",
        own.join(", ")
    );
    Ok(select(store, &sparql)?
        .iter()
        .filter_map(|row| {
            if matches!(row.get("g"), Some(Term::NamedNode(g)) if bundled::is_derived(g.as_str())) {
                return None;
            }
            let subject: NamedOrBlankNode = match row.get("s")? {
                Term::NamedNode(n) => n.clone().into(),
                Term::BlankNode(b) => b.clone().into(),
                _ => return None,
            };
            let Term::NamedNode(predicate) = row.get("p")? else {
                return None;
            };
            Some(Triple::new(
                subject,
                predicate.clone(),
                row.get("o")?.clone(),
            ))
        })
        .collect())
}

/// The namespace most claims share: what their IRIs hold up to the last `/` or `#`.
fn base(claims: impl Iterator<Item = NamedNode>) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for claim in claims {
        let iri = claim.as_str();
        if let Some(end) = iri.rfind(['/', '#']) {
            *counts.entry(iri[..=end].to_owned()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(base, _)| base)
        .unwrap_or_else(|| "urn:claimgraph:argdown:".to_owned())
}

/// Names as the importer reads them back: a local name under the base when it needs no
/// escaping, a prefixed name, or the IRI itself.
struct Namer<'a> {
    base: &'a str,
}

impl Namer<'_> {
    fn name(&self, iri: &NamedNode) -> String {
        if let Some(local) = iri.as_str().strip_prefix(self.base) {
            let plain = !local.is_empty()
                && !local.starts_with(['-', '_', '.', '~'])
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
                && !local.contains(':');
            if plain {
                return local.to_owned();
            }
        }
        abbreviate(iri.as_str(), PREFIXES).unwrap_or_else(|| iri.as_str().to_owned())
    }
}

fn named(row: &QuerySolution, variable: &str) -> Option<NamedNode> {
    match row.get(variable)? {
        Term::NamedNode(n) => Some(n.clone()),
        _ => None,
    }
}

fn select(store: &ClaimStore, sparql: &str) -> Result<Vec<QuerySolution>, QueryError> {
    match query::run(store, "Argdown export", sparql)? {
        QueryOutput::Solutions { rows, .. } => Ok(rows),
        _ => unreachable!("every query here is a SELECT"),
    }
}
