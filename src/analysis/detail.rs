//! Everything the store says about one claim or one actor, for a reader of that claim: its
//! statements, hedges and the quotes behind it, each with its wording, translations, speaker,
//! likes or popularity. [`ArgumentGraph`](super::ArgumentGraph) keeps only what maps and
//! analyses need; a page about a single claim needs the rest, and reads it by IRI.

use super::Named;
use crate::query::QueryError;
use crate::query::{self, QueryOutput};
use crate::store::ClaimStore;
use crate::vocab::property;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QuerySolution;
use serde::Serialize;
use std::collections::BTreeMap;

/// A text in the language its tag gives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Text {
    /// The text.
    pub value: String,
    /// Its language tag, where it has one.
    pub lang: Option<String>,
}

/// A reservation about a claim, quote or actor: "if true", "unverified", "self-identified".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Hedge {
    /// Its kind, a concept of the ontology's hedge scheme.
    pub kind: Option<Named>,
    /// The source's own words for it.
    pub wording: Option<Text>,
    /// Who hedges: the article's author, or the editors of the data.
    pub by: Option<Named>,
}

/// A translation of a quote.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Translation {
    /// The translated text.
    pub text: Text,
    /// Who translated it.
    pub by: Option<Named>,
}

/// A quote that voices a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Its IRI and labels.
    pub label: Named,
    /// The words as said.
    pub original: Option<Text>,
    /// Its translations.
    pub translations: Vec<Translation>,
    /// Who said it.
    pub speaker: Option<Named>,
    /// The faction the source puts its speaker in.
    pub faction: Option<Named>,
    /// Its likes, where the source gives a number.
    pub likes: Option<u64>,
    /// How popular the source says it is, where it gives no number ("highly liked").
    pub popularity: Vec<Named>,
    /// Reservations about it.
    pub hedges: Vec<Hedge>,
}

/// What a claim's page shows beyond its node in the graph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClaimDetail {
    /// The claim in full sentences.
    pub statements: Vec<Text>,
    /// Reservations about it.
    pub hedges: Vec<Hedge>,
    /// The quotes that voice it.
    pub quotes: Vec<Voicing>,
}

/// A quote behind a claim, and how it voices it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Voicing {
    /// The quote.
    pub quote: Quote,
    /// Whether the quote only implies the claim (a rhetorical question, irony) rather than
    /// stating it.
    pub implies: bool,
}

/// What an actor's page shows of the actor itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorDetail {
    /// Its labels.
    pub label: Named,
    /// How the actor describes itself, where the source says.
    pub descriptions: Vec<Text>,
    /// Reservations about who it is.
    pub hedges: Vec<Hedge>,
    /// The quotes it said.
    pub quotes: Vec<Quote>,
}

/// Reads what the store says about the claim `iri`.
///
/// # Complexity
/// A few index lookups per quote and hedge: independent of the size of the store.
pub fn claim(store: &ClaimStore, iri: &NamedNode) -> Result<ClaimDetail, QueryError> {
    let reader = Reader { store };
    let voicing = reader.select(&format!(
        "SELECT ?quote ?how WHERE {{ VALUES ?how {{ cg:expresses cg:implies }} ?quote ?how {iri} }}"
    ))?;
    let implies = Term::from(property::IMPLIES.into_owned());
    let mut quotes = Vec::new();
    for row in &voicing {
        if let Some(Term::NamedNode(quote)) = row.get("quote") {
            quotes.push(Voicing {
                quote: reader.quote(quote)?,
                implies: row.get("how") == Some(&implies),
            });
        }
    }
    quotes.sort_by(|a, b| a.quote.label.iri.cmp(&b.quote.label.iri));
    Ok(ClaimDetail {
        statements: reader.texts(iri, "cg:statement")?,
        hedges: reader.hedges(iri)?,
        quotes,
    })
}

/// Reads what the store says about the actor `iri`: `None` when nothing is said of it.
pub fn actor(store: &ClaimStore, iri: &NamedNode) -> Result<Option<ActorDetail>, QueryError> {
    let reader = Reader { store };
    let known = reader.select(&format!(
        "SELECT ?p WHERE {{ {{ {iri} ?p ?o }} UNION {{ ?s ?p {iri} }} }} LIMIT 1"
    ))?;
    if known.is_empty() {
        return Ok(None);
    }
    let said = reader.select(&format!(
        "SELECT ?quote WHERE {{ ?quote cg:speaker {iri} }}"
    ))?;
    let mut quotes = Vec::new();
    for row in &said {
        if let Some(Term::NamedNode(quote)) = row.get("quote") {
            quotes.push(reader.quote(quote)?);
        }
    }
    quotes.sort_by(|a, b| a.label.iri.cmp(&b.label.iri));
    Ok(Some(ActorDetail {
        label: reader.named(&Term::NamedNode(iri.clone()))?,
        descriptions: reader.texts(iri, "cg:selfDescription")?,
        hedges: reader.hedges(iri)?,
        quotes,
    }))
}

struct Reader<'a> {
    store: &'a ClaimStore,
}

impl Reader<'_> {
    fn select(&self, sparql: &str) -> Result<Vec<QuerySolution>, QueryError> {
        match query::run(self.store, "detail", sparql)? {
            QueryOutput::Solutions { rows, .. } => Ok(rows),
            _ => unreachable!("a SELECT query gives solutions"),
        }
    }

    fn texts(
        &self,
        subject: &impl std::fmt::Display,
        property: &str,
    ) -> Result<Vec<Text>, QueryError> {
        let rows = self.select(&format!(
            "SELECT ?text WHERE {{ {subject} {property} ?text }}"
        ))?;
        let mut texts: Vec<Text> = rows
            .iter()
            .filter_map(|row| text(row.get("text")))
            .collect();
        texts.sort();
        Ok(texts)
    }

    /// Its English and Chinese labels, as the analysis reads them for [`Named`].
    fn named(&self, term: &Term) -> Result<Named, QueryError> {
        let iri = match term {
            Term::NamedNode(node) => node.as_str().to_owned(),
            other => other.to_string(),
        };
        let mut label = None;
        let mut label_zh = None;
        let mut other = None;
        if !matches!(term, Term::Literal(_)) {
            for row in self.select(&format!(
                "SELECT ?label WHERE {{ {term} rdfs:label ?label }}"
            ))? {
                let Some(Term::Literal(literal)) = row.get("label") else {
                    continue;
                };
                let slot = match literal.language() {
                    Some("en") => &mut label,
                    Some("zh") => &mut label_zh,
                    _ => &mut other,
                };
                let value = literal.value().to_owned();
                if slot.as_ref().is_none_or(|old: &String| value < *old) {
                    *slot = Some(value);
                }
            }
        }
        Ok(Named {
            label: label.or(other).unwrap_or_else(|| iri.clone()),
            iri,
            label_zh,
        })
    }

    fn optional_named(&self, term: Option<&Term>) -> Result<Option<Named>, QueryError> {
        term.map(|term| self.named(term)).transpose()
    }

    fn hedges(&self, subject: &NamedNode) -> Result<Vec<Hedge>, QueryError> {
        let rows = self.select(&format!(
            "SELECT ?hedge ?kind ?wording ?by WHERE {{ {subject} cg:hedge ?hedge
                 OPTIONAL {{ ?hedge cg:hedgeKind ?kind }} OPTIONAL {{ ?hedge cg:wording ?wording }}
                 OPTIONAL {{ ?hedge cg:hedgedBy ?by }} }}"
        ))?;
        let mut hedges = Vec::new();
        for row in &rows {
            hedges.push(Hedge {
                kind: self.optional_named(row.get("kind"))?,
                wording: text(row.get("wording")),
                by: self.optional_named(row.get("by"))?,
            });
        }
        hedges.sort();
        Ok(hedges)
    }

    fn quote(&self, iri: &NamedNode) -> Result<Quote, QueryError> {
        let one = |property: &str| -> Result<Option<Term>, QueryError> {
            let rows = self.select(&format!(
                "SELECT ?value WHERE {{ {iri} {property} ?value }} ORDER BY ?value LIMIT 1"
            ))?;
            Ok(rows.first().and_then(|row| row.get("value")).cloned())
        };
        let translations = self.select(&format!(
            "SELECT ?text ?by WHERE {{ {iri} cg:translation ?t . ?t cg:text ?text
                 OPTIONAL {{ ?t cg:translatedBy ?by }} }}"
        ))?;
        let mut translated = Vec::new();
        for row in &translations {
            if let Some(text) = text(row.get("text")) {
                translated.push(Translation {
                    text,
                    by: self.optional_named(row.get("by"))?,
                });
            }
        }
        translated.sort();
        let likes = self.select(&format!(
            "SELECT (MAX(?n) AS ?likes) WHERE {{ {iri} schema:interactionStatistic ?s .
                 ?s schema:interactionType schema:LikeAction ; schema:userInteractionCount ?n }}"
        ))?;
        let likes = likes.first().and_then(|row| match row.get("likes") {
            Some(Term::Literal(n)) => n.value().parse().ok(),
            _ => None,
        });
        let mut popularity = BTreeMap::new();
        for row in self.select(&format!(
            "SELECT ?level WHERE {{ {iri} cg:popularity ?level }}"
        ))? {
            if let Some(level) = row.get("level") {
                let named = self.named(level)?;
                popularity.insert(named.iri.clone(), named);
            }
        }
        Ok(Quote {
            label: self.named(&Term::NamedNode(iri.clone()))?,
            original: text(one("cg:originalText")?.as_ref()),
            translations: translated,
            speaker: self.optional_named(one("cg:speaker")?.as_ref())?,
            faction: self.optional_named(one("cg:faction")?.as_ref())?,
            likes,
            popularity: popularity.into_values().collect(),
            hedges: self.hedges(iri)?,
        })
    }
}

/// A literal as a [`Text`].
fn text(term: Option<&Term>) -> Option<Text> {
    match term {
        Some(Term::Literal(literal)) => Some(Text {
            value: literal.value().to_owned(),
            lang: literal.language().map(str::to_owned),
        }),
        _ => None,
    }
}
