//! One ClaimReview record checked and turned into quads; a record that breaks a rule adds
//! nothing and says which rule.

use super::{schema_name, types};
use crate::ingest::quads::{percent_encode, GraphQuads};
use crate::vocab::{class, external, property};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Quad};
use oxsdatatypes::{Date, DateTime};
use serde_json::Value;
use std::collections::HashSet;
use std::str::FromStr;

/// What a plain verdict word says, when it says it plainly: the words of a false verdict, and
/// of a true one. Anything else ("Misleading", "Half true", "Falso") is not judged.
const FALSE_WORDS: &[&str] = &["false", "pants on fire", "fake", "incorrect", "wrong"];
const TRUE_WORDS: &[&str] = &["true", "correct", "accurate"];

/// Writes the records of one source, all in its graph.
pub(super) struct Writer {
    out: GraphQuads,
    graph: String,
    language: String,
    /// Actors already described (their types may still grow).
    actors: HashSet<NamedNode>,
}

/// An actor as a record names it.
struct Actor {
    name: String,
    class: NamedNodeRef<'static>,
    url: Option<NamedNode>,
}

/// A number as given, kept with its lexical form and datatype.
struct Number {
    value: f64,
    literal: Literal,
}

impl Writer {
    pub(super) fn new(graph: &NamedNode, language: &str) -> Self {
        Self {
            out: GraphQuads::new(graph),
            graph: graph.as_str().to_owned(),
            language: language.to_owned(),
            actors: HashSet::new(),
        }
    }

    pub(super) fn finish(self) -> Vec<Quad> {
        self.out.quads
    }

    fn iri(&self, local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}#{local}", self.graph))
    }

    /// Checks the record at `index` (its place among the file's records) and, if it is sound, adds its quads; else says which rule it
    /// breaks, and adds nothing.
    pub(super) fn record(&mut self, index: usize, record: &Value) -> Result<(), String> {
        if !record.is_object() {
            return Err(format!("a record is a JSON object, not {}", kind(record)));
        }
        let stated = types(record);
        if !stated.iter().any(|t| schema_name(t) == "ClaimReview") {
            return Err(match stated.first() {
                Some(t) => format!("its type is {t:?}, not ClaimReview"),
                None => "it has no @type: it does not say it is a ClaimReview".to_owned(),
            });
        }
        let item = record.get("itemReviewed").filter(|v| !v.is_null());
        let language = self.language_of(record, item)?;
        let tagged = |value: &str| Literal::new_language_tagged_literal_unchecked(value, &language);
        let reviewed = match record.get("claimReviewed") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            None | Some(Value::Null) => {
                return Err("no claimReviewed: which claim it reviews is not said".into())
            }
            Some(other) => return Err(format!("claimReviewed is {}, not a text", kind(other))),
        };
        let checker = match one_actor(record.get("author"), "author")? {
            Some(actor) => actor,
            None => return Err("no author: whose verdict it is cannot be said".into()),
        };
        let claimant = match item {
            Some(item) => one_actor(item.get("author"), "itemReviewed's author")?,
            None => None,
        };
        let Some(rating) = record.get("reviewRating").filter(|v| v.is_object()) else {
            return Err("no reviewRating: the verdict is not said".into());
        };
        let value = number(rating.get("ratingValue"), "ratingValue")?;
        let best = number(rating.get("bestRating"), "bestRating")?;
        let worst = number(rating.get("worstRating"), "worstRating")?;
        let words = text(rating.get("alternateName"), "alternateName")?;
        let explanation = text(rating.get("ratingExplanation"), "ratingExplanation")?;
        if value.is_none() && words.is_none() {
            return Err("the reviewRating has neither a ratingValue nor an alternateName".into());
        }
        check_scale(
            value.as_ref(),
            best.as_ref(),
            worst.as_ref(),
            words.as_deref(),
        )?;
        let url = iri(record.get("url"), "url")?;
        let published = date(record.get("datePublished"), "datePublished")?;
        let images = images(record.get("image"))?;
        // A publisher is a node only by its name (one per name in a graph, as every actor):
        // one given without a name cannot be told apart from any other, so the record is not
        // read, rather than read as published by no one.
        let publisher = match given_actor(record.get("sdPublisher"), "sdPublisher")? {
            Some(publisher) if publisher.name.is_empty() => {
                return Err(
                    "sdPublisher has no name: who published the structured data cannot be said"
                        .into(),
                )
            }
            publisher => publisher,
        };
        let (claim_date, item_url, appearances, first) = match item {
            Some(item) => (
                date(item.get("datePublished"), "itemReviewed's datePublished")?,
                iri(item.get("url"), "itemReviewed's url")?,
                appearances(item.get("appearance"), "appearance")?,
                appearances(item.get("firstAppearance"), "firstAppearance")?,
            ),
            None => (None, None, Vec::new(), Vec::new()),
        };

        // Every rule holds: from here on, only writing.
        let checker = self.actor(&checker, &language);
        let claim = self.iri(&format!("claim-{index}"));
        self.out.add(&claim, rdf::TYPE, class::CLAIM);
        self.out.add(&claim, property::STATEMENT, tagged(&reviewed));
        self.out.add(&claim, rdfs::LABEL, tagged(&reviewed));
        if let Some(claimant) = claimant {
            let claimant = self.actor(&claimant, &language);
            self.out.add(&claim, property::CLAIMANT, claimant);
        }
        if let Some(date) = claim_date {
            self.out.add(&claim, external::SCHEMA_DATE_PUBLISHED, date);
        }
        // The item's own address, as schema.org's `url`, and not an appearance: older records
        // give there the page where the claim was made, others a page about the claim, and
        // a record does not say which.
        if let Some(url) = item_url {
            self.out.add(&claim, external::SCHEMA_URL, url);
        }
        for url in appearances {
            self.out.add(&claim, external::SCHEMA_APPEARANCE, url);
        }
        for url in first {
            self.out.add(&claim, external::SCHEMA_FIRST_APPEARANCE, url);
        }

        let verdict = self.iri(&format!("verdict-{index}"));
        let said = match (&words, &value) {
            (Some(words), _) => tagged(words),
            (None, Some(value)) => Literal::new_language_tagged_literal_unchecked(
                format!(
                    "rated {} on a scale from {} to {}",
                    value.literal.value(),
                    worst.as_ref().map_or("1", |n| n.literal.value()),
                    best.as_ref().map_or("5", |n| n.literal.value()),
                ),
                "en",
            ),
            (None, None) => unreachable!("checked above"),
        };
        self.out.add(&verdict, rdf::TYPE, class::CLAIM);
        self.out.add(&verdict, property::STATEMENT, said.clone());
        self.out.add(&verdict, rdfs::LABEL, said);
        self.out.add(&verdict, property::CLAIMANT, checker.clone());

        let review = self.iri(&format!("review-{index}"));
        self.out.add(&review, rdf::TYPE, class::FACT_CHECK);
        self.out.add(&review, property::FROM_CLAIM, verdict);
        self.out.add(&review, property::TO_CLAIM, claim);
        self.out.add(&review, property::INTERPRETED_BY, checker);
        if let Some(url) = url {
            self.out.add(&review, external::SCHEMA_URL, url);
        }
        if let Some(date) = published {
            self.out.add(&review, external::SCHEMA_DATE_PUBLISHED, date);
        }
        // An image is kept as its address, an IRI, which schema.org's `image` takes as well as
        // an `ImageObject`: nothing else of an object (caption, size) is read, so a node for
        // it would hold only that address.
        for image in images {
            self.out.add(&review, external::SCHEMA_IMAGE, image);
        }
        // The publisher of the markup (a tool, an aggregator) is an actor like the
        // fact-checker, so that the records one of them published can be found together; it
        // is not the fact-checker, and neither says nor reads the verdict.
        if let Some(publisher) = publisher {
            let publisher = self.actor(&publisher, &language);
            self.out
                .add(&review, external::SCHEMA_SD_PUBLISHER, publisher);
        }
        let rating_node = self.iri(&format!("rating-{index}"));
        self.out
            .add(&review, external::SCHEMA_REVIEW_RATING, rating_node.clone());
        self.out
            .add(&rating_node, rdf::TYPE, external::SCHEMA_RATING);
        for (predicate, given) in [
            (external::SCHEMA_RATING_VALUE, value),
            (external::SCHEMA_BEST_RATING, best),
            (external::SCHEMA_WORST_RATING, worst),
        ] {
            if let Some(given) = given {
                self.out.add(&rating_node, predicate, given.literal);
            }
        }
        if let Some(words) = words {
            self.out.add(
                &rating_node,
                external::SCHEMA_ALTERNATE_NAME,
                tagged(&words),
            );
        }
        // On the rating, where schema.org defines it: it explains this rating, in the
        // fact-checker's words and so in the record's language, as the rating's own words are.
        if let Some(explanation) = explanation {
            self.out.add(
                &rating_node,
                external::SCHEMA_RATING_EXPLANATION,
                tagged(&explanation),
            );
        }
        Ok(())
    }

    /// The record's `inLanguage` (or its item's), else the source's language.
    fn language_of(&self, record: &Value, item: Option<&Value>) -> Result<String, String> {
        let stated = record
            .get("inLanguage")
            .or_else(|| item.and_then(|i| i.get("inLanguage")));
        let tag = match stated {
            None | Some(Value::Null) => return Ok(self.language.clone()),
            Some(Value::String(tag)) => tag.as_str(),
            Some(Value::Object(language)) => match language
                .get("alternateName")
                .or_else(|| language.get("name"))
                .and_then(Value::as_str)
            {
                Some(tag) => tag,
                None => return Err("inLanguage names no language tag".into()),
            },
            Some(other) => {
                return Err(format!("inLanguage is {}, not a language tag", kind(other)))
            }
        };
        Literal::new_language_tagged_literal("", tag)
            .ok()
            .and_then(|l| l.language().map(str::to_owned))
            .ok_or_else(|| format!("inLanguage {tag:?} is not a BCP 47 language tag"))
    }

    /// The actor's IRI, described the first time it is met (one per name in a graph).
    fn actor(&mut self, actor: &Actor, language: &str) -> NamedNode {
        let iri = self.iri(&format!("actor-{}", percent_encode(&actor.name)));
        self.out.add(&iri, rdf::TYPE, actor.class);
        if self.actors.insert(iri.clone()) {
            self.out.add(
                &iri,
                rdfs::LABEL,
                Literal::new_language_tagged_literal_unchecked(&actor.name, language),
            );
        }
        if let Some(url) = &actor.url {
            self.out.add(&iri, external::SCHEMA_URL, url.clone());
        }
        iri
    }
}

/// The one actor `value` names, if any; one without a name is none.
fn one_actor(value: Option<&Value>, what: &str) -> Result<Option<Actor>, String> {
    Ok(given_actor(value, what)?.filter(|actor| !actor.name.is_empty()))
}

/// The one actor `value` gives, if any, its name perhaps empty: an object with a `name` (or a
/// bare name); a list of one is that one; a list of more is refused, since a claim has one
/// claimant, a review one reader and its markup one publisher.
fn given_actor(value: Option<&Value>, what: &str) -> Result<Option<Actor>, String> {
    let value = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => match items.as_slice() {
            [] => return Ok(None),
            [one] => one,
            more => {
                return Err(format!(
                    "{what} names {} actors; claimgraph keeps one",
                    more.len()
                ))
            }
        },
        Some(value) => value,
    };
    let (name, class, url) = match value {
        // A blank text, as publishing plugins leave a field, gives no actor; an object gives
        // one, named or not, for the caller to judge.
        Value::String(name) if name.trim().is_empty() => return Ok(None),
        Value::String(name) => (name.as_str(), class::ACTOR, None),
        Value::Object(_) => {
            let name = value
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let class = match types(value).first().map(|t| schema_name(t)) {
                Some("Person") => class::PERSON,
                Some(t) if t.ends_with("Organization") || t == "Corporation" => class::ORGANISATION,
                _ => class::ACTOR,
            };
            (
                name,
                class,
                iri(value.get("url"), &format!("{what}'s url"))?,
            )
        }
        other => return Err(format!("{what} is {}, not an actor", kind(other))),
    };
    Ok(Some(Actor {
        name: name.trim().to_owned(),
        class,
        url,
    }))
}

/// A text, trimmed; a blank one gives none, as publishing plugins leave a field empty.
fn text(value: Option<&Value>, what: &str) -> Result<Option<String>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(other) => Err(format!("{what} is {}, not a text", kind(other))),
    }
}

/// A number, from a JSON number or a text that reads as one; an empty text gives none, as
/// publishing plugins write a rating left blank (`"ratingValue": ""`).
fn number(value: Option<&Value>, what: &str) -> Result<Option<Number>, String> {
    let lexical = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(other) => return Err(format!("{what} is {}, not a number", kind(other))),
    };
    if let Ok(integer) = i64::from_str(&lexical) {
        return Ok(Some(Number {
            value: integer as f64,
            literal: Literal::new_typed_literal(integer.to_string(), xsd::INTEGER),
        }));
    }
    let decimal = oxsdatatypes::Decimal::from_str(&lexical)
        .map_err(|_| format!("{what} {lexical:?} is not a number"))?;
    Ok(Some(Number {
        value: f64::from(oxsdatatypes::Double::from(decimal)),
        literal: Literal::new_typed_literal(decimal.to_string(), xsd::DECIMAL),
    }))
}

/// The scale holds together: the best above the worst, the value between them, and plain
/// words on the half of the scale they say.
fn check_scale(
    value: Option<&Number>,
    best: Option<&Number>,
    worst: Option<&Number>,
    words: Option<&str>,
) -> Result<(), String> {
    let (best, worst) = (
        best.map_or(5.0, |n| n.value),
        worst.map_or(1.0, |n| n.value),
    );
    if best <= worst {
        return Err(format!(
            "bestRating {best} is not above worstRating {worst}"
        ));
    }
    let Some(value) = value.map(|n| n.value) else {
        return Ok(());
    };
    if value < worst || value > best {
        return Err(format!(
            "ratingValue {value} is outside its scale, {worst} to {best}"
        ));
    }
    let Some(words) = words else {
        return Ok(());
    };
    let plain = words.trim_end_matches(['.', '!']).trim().to_lowercase();
    let position = (value - worst) / (best - worst);
    let says = if FALSE_WORDS.contains(&plain.as_str()) && position > 0.5 {
        "true"
    } else if TRUE_WORDS.contains(&plain.as_str()) && position < 0.5 {
        "false"
    } else {
        return Ok(());
    };
    Err(format!(
        "ratingValue {value} on a scale from {worst} to {best} says {says}, its alternateName {words:?} the opposite"
    ))
}

/// An IRI from a text, if any.
fn iri(value: Option<&Value>, what: &str) -> Result<Option<NamedNode>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => NamedNode::new(s.trim())
            .map(Some)
            .map_err(|_| format!("{what} {s:?} is not an IRI")),
        Some(other) => Err(format!("{what} is {}, not an address", kind(other))),
    }
}

/// A value given once or as a list, as schema.org lets every property be; none for absent or
/// null.
fn one_or_many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    }
}

/// The addresses where a claim appeared: texts, objects with a `url`, or lists of them; an
/// appearance without a `url` says nowhere, and adds nothing.
fn appearances(value: Option<&Value>, what: &str) -> Result<Vec<NamedNode>, String> {
    let items = one_or_many(value);
    let mut urls = Vec::new();
    for item in items {
        let url = match item {
            Value::Object(_) => iri(item.get("url"), &format!("{what}'s url"))?,
            other => iri(Some(other), what)?,
        };
        urls.extend(url);
    }
    Ok(urls)
}

/// The addresses of a review's images: texts, `ImageObject`s, or lists of them. Of an object,
/// its `contentUrl`, which schema.org makes the image's own bytes, else its `url`, else the
/// `@id` by which JSON-LD makes it a node (pages point from the review to an image described
/// elsewhere in their `@graph`: `{"@id": "https://…#primaryimage"}`); one with none of them
/// names no image, and is refused rather than read as none.
fn images(value: Option<&Value>) -> Result<Vec<NamedNode>, String> {
    let items = one_or_many(value);
    let mut urls = Vec::new();
    for item in items {
        match item {
            Value::String(_) => urls.extend(iri(Some(item), "image")?),
            Value::Object(_) => {
                let content = iri(item.get("contentUrl"), "image's contentUrl")?;
                let url = iri(item.get("url"), "image's url")?;
                let node = iri(item.get("@id"), "image's @id")?;
                urls.push(
                    content
                        .or(url)
                        .or(node)
                        .ok_or("image is an object with neither a url nor a contentUrl")?,
                );
            }
            other => {
                return Err(format!(
                    "image is {}, not an address or an ImageObject",
                    kind(other)
                ))
            }
        }
    }
    Ok(urls)
}

/// An `xsd:date` or `xsd:dateTime`, as the text reads.
fn date(value: Option<&Value>, what: &str) -> Result<Option<Literal>, String> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => s.trim(),
        Some(other) => return Err(format!("{what} is {}, not a date", kind(other))),
    };
    if let Ok(date) = Date::from_str(text) {
        return Ok(Some(Literal::new_typed_literal(
            date.to_string(),
            xsd::DATE,
        )));
    }
    if let Some(time) = date_time(text) {
        return Ok(Some(Literal::new_typed_literal(
            time.to_string(),
            xsd::DATE_TIME,
        )));
    }
    Err(format!("{what} {text:?} is not a date"))
}

/// A date and time as ISO 8601 writes it, also in the spellings XML Schema's `dateTime` does
/// not take but publishers' pages carry: a space between date and time (as RFC 3339 allows),
/// hours and minutes without seconds, and an offset without its colon (ISO 8601's basic form).
/// Each names the same instant as the `dateTime` written out in full.
fn date_time(text: &str) -> Option<DateTime> {
    if let Ok(time) = DateTime::from_str(text) {
        return Some(time);
    }
    let (day, time) = text.split_once([' ', 'T'])?;
    let zone_at = time.find(['Z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_at);
    let seconds = if clock.len() == "hh:mm".len() {
        ":00"
    } else {
        ""
    };
    let zone = match zone.as_bytes() {
        [sign @ (b'+' | b'-'), digits @ ..]
            if digits.len() == 4 && digits.iter().all(u8::is_ascii_digit) =>
        {
            format!("{}{}:{}", char::from(*sign), &zone[1..3], &zone[3..])
        }
        _ => zone.to_owned(),
    };
    DateTime::from_str(&format!("{day}T{clock}{seconds}{zone}")).ok()
}

/// What kind of JSON value it is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
