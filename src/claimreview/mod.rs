//! Fact checks in schema.org's ClaimReview, as fact-checkers publish them in JSON-LD and
//! aggregators collect them: one record, a list of records, a `@graph` of them, or a
//! `DataFeed` whose elements hold them (as Data Commons' fact-check feed does, each element's
//! `item` a record or a list of records).
//!
//! Read offline with serde_json, not a JSON-LD processor: schema.org's remote context cannot
//! be fetched where claimgraph runs, so its meaning is built in here (as its context says,
//! `type` means `@type`). Each record becomes:
//!
//! - the claim reviewed (`claimReviewed`), a `cg:Claim`, with its claimant (the `author` of
//!   `itemReviewed`), where it appeared (`appearance`, `firstAppearance`: `schema:appearance`,
//!   `schema:firstAppearance`), when (`itemReviewed`'s `datePublished`) and the item's own
//!   address (its `url`: `schema:url`);
//! - the fact-checker (the review's `author`), the claimant and the publisher of the
//!   structured data (`sdPublisher`) as actors: `cg:Person` for a `Person`, `cg:Organisation`
//!   for an `Organization` or any of its kinds, `cg:Actor` otherwise, one per name in a graph;
//! - the verdict, a claim in the fact-checker's own words (the rating's `alternateName`), made
//!   by the fact-checker;
//! - the review, a `cg:FactCheck` from the verdict to the claim reviewed, read so by the
//!   fact-checker, with its `schema:url`, `schema:datePublished`, `schema:image` (addresses: of
//!   an `ImageObject`, its `contentUrl` or else its `url`), `schema:sdPublisher` and
//!   `schema:reviewRating`: a `schema:Rating` with `ratingValue`, `bestRating`, `worstRating`,
//!   `alternateName` and `ratingExplanation` as given. It is neither an attack nor a support:
//!   the rating is the fact-checker's scale.
//!
//! Published feeds hold broken records. A record that breaks a rule below is left out whole,
//! and named with its JSON pointer, its line and column and the rule ([`Skipped`]); the others
//! load, all in one step. A file with no sound record is refused. The rules: the record is a
//! `ClaimReview`; `claimReviewed` is a text; it has an `author` with a name, one only (whose
//! verdict it is); an `sdPublisher`, if given, has a name, and is one only; a `reviewRating`
//! with a value or an `alternateName`; its words and `ratingExplanation` are texts; numbers are
//! numbers; the value lies between `worstRating` and `bestRating` (schema.org's defaults: 1 and
//! 5), the best above the worst; an `alternateName` that says plainly false ("False", "Pants on
//! Fire"...) or true ("True", "Correct") does not sit on the other half of the scale; an item
//! reviewed names one claimant at most; dates are dates and addresses are IRIs; an `image` is
//! an address or an object with one; `inLanguage` is a language tag. Nothing is guessed: a
//! claimant that is missing stays missing.
//!
//! ```
//! use oxigraph::model::NamedNode;
//!
//! let feed = br#"[{"@type": "ClaimReview", "claimReviewed": "The moon is cheese.",
//!   "author": {"@type": "Organization", "name": "Checkers"},
//!   "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "alternateName": "False"}},
//!  {"@type": "ClaimReview", "claimReviewed": "Water is wet.",
//!   "reviewRating": {"ratingValue": 5, "alternateName": "True"}}]"#;
//! let graph = NamedNode::new("https://example.org/checks")?;
//! let read = claimgraph::claimreview::read("checks.json", feed, &graph, "en")?;
//! assert_eq!(read.skipped.len(), 1);
//! assert_eq!(read.skipped[0].message("checks.json"),
//!     "checks.json:4:2: record /1 left out: no author: whose verdict it is cannot be said");
//! assert!(!read.quads.is_empty());
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

mod import;
mod locate;

use crate::ingest::error::{syntax_message, SourceError};
use oxigraph::model::{NamedNode, Quad};
use serde_json::Value;

/// What a source of fact checks gave: the quads of its sound records, and the records left out.
#[derive(Debug)]
pub struct Read {
    /// The quads, all in the source's graph.
    pub quads: Vec<Quad>,
    /// The records left out, in the order of the file.
    pub skipped: Vec<Skipped>,
}

/// A record left out of a load, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its JSON pointer (`/dataFeedElement/3/item/0`; empty for a file that is one record).
    pub pointer: String,
    /// One-based line and column where it starts, when they can be found.
    pub location: Option<(u64, u64)>,
    /// The rule it breaks.
    pub reason: String,
}

impl Skipped {
    /// `input:line:column: record /0 left out: reason`, as claimgraph's messages begin.
    pub fn message(&self, input: &str) -> String {
        syntax_message(
            input,
            self.location,
            &format!("{} left out: {}", record_name(&self.pointer), self.reason),
        )
    }
}

fn record_name(pointer: &str) -> String {
    if pointer.is_empty() {
        "the record".to_owned()
    } else {
        format!("record {pointer}")
    }
}

/// Whether `content` is JSON holding at least one ClaimReview where a record may stand, or is a
/// schema.org `DataFeed` whatever its elements hold: what tells a `.json` file of fact checks
/// from an AIF map. A feed that holds only other reviews (Data Commons' feed carries
/// `MediaReview`s beside its ClaimReviews) is read here, so that each of its records is named
/// with what it is, rather than read as an AIF map with nothing in it.
pub fn holds_reviews(content: &[u8]) -> bool {
    // Most JSON files are not fact checks: a scan for the names spares parsing them.
    let names = |name: &[u8]| content.windows(name.len()).any(|w| w == name);
    if !names(b"ClaimReview") && !names(b"dataFeedElement") {
        return false;
    }
    serde_json::from_slice::<Value>(strip_bom(content)).is_ok_and(|value| {
        value.get("dataFeedElement").is_some_and(Value::is_array)
            || records(&value).iter().any(|(_, v)| is_claim_review(v))
    })
}

/// Reads the fact checks of `content` into `graph`, texts tagged with the record's
/// `inLanguage` or else `language`; `input` names the source in errors.
///
/// # Complexity
///
/// O(n) in the size of the content, plus, for each record left out, one scan of the text to
/// find its line.
pub fn read(
    input: &str,
    content: &[u8],
    graph: &NamedNode,
    language: &str,
) -> Result<Read, SourceError> {
    let content = strip_bom(content);
    let value: Value = serde_json::from_slice(content).map_err(|e| SourceError::Syntax {
        input: input.to_owned(),
        location: (e.line() > 0).then(|| (e.line() as u64, e.column() as u64)),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
    })?;
    let found = records(&value);
    if found.is_empty() {
        return Err(SourceError::Map {
            input: input.to_owned(),
            item: "the file".to_owned(),
            message: "holds no record: expected a ClaimReview, a list or @graph of them, or a DataFeed whose elements hold them".to_owned(),
        });
    }
    let mut writer = import::Writer::new(graph, language);
    let mut skipped = Vec::new();
    let total = found.len();
    for (number, (pointer, record)) in found.into_iter().enumerate() {
        if let Err(reason) = writer.record(number, record) {
            skipped.push(Skipped {
                location: locate::locate(content, &pointer),
                pointer,
                reason,
            });
        }
    }
    if skipped.len() == total {
        let first = &skipped[0];
        let more = match total {
            1 => String::new(),
            n => format!(" (and the {} other records of the file)", n - 1),
        };
        return Err(SourceError::Syntax {
            input: input.to_owned(),
            location: first.location,
            message: format!(
                "{} left out: {}; nothing to load{more}",
                record_name(&first.pointer),
                first.reason
            ),
        });
    }
    Ok(Read {
        quads: writer.finish(),
        skipped,
    })
}

fn strip_bom(content: &[u8]) -> &[u8] {
    content
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(content)
}

/// Whether the value's `@type` (or `type`, which schema.org's context makes the same) is
/// ClaimReview.
fn is_claim_review(value: &Value) -> bool {
    types(value).iter().any(|t| schema_name(t) == "ClaimReview")
}

/// The types a node states, under `@type` or `type`.
pub(crate) fn types(value: &Value) -> Vec<&str> {
    let stated = value.get("@type").or_else(|| value.get("type"));
    match stated {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A schema.org type's local name, however it is written (`ClaimReview`,
/// `schema:ClaimReview`, `https://schema.org/ClaimReview`).
pub(crate) fn schema_name(name: &str) -> &str {
    name.strip_prefix("schema:")
        .or_else(|| name.strip_prefix(crate::vocab::SCHEMA_NAMESPACE_HTTP))
        .or_else(|| name.strip_prefix(crate::vocab::SCHEMA_NAMESPACE))
        .unwrap_or(name)
}

/// Where records stand: the JSON pointer and value of each, in file order. A ClaimReview is
/// one; a list, a `@graph` or a data feed holds them (a feed element's `item` or the element
/// itself), and anything else standing there is a record that is not a ClaimReview.
fn records(value: &Value) -> Vec<(String, &Value)> {
    let mut found = Vec::new();
    collect(value, String::new(), &mut found);
    found
}

fn collect<'a>(value: &'a Value, pointer: String, found: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, format!("{pointer}/{i}"), found);
            }
        }
        Value::Object(object) if !is_claim_review(value) => {
            if let Some(Value::Array(items)) = object.get("@graph") {
                for (i, item) in items.iter().enumerate() {
                    collect(item, format!("{pointer}/@graph/{i}"), found);
                }
            } else if let Some(Value::Array(elements)) = object.get("dataFeedElement") {
                for (i, element) in elements.iter().enumerate() {
                    let at = format!("{pointer}/dataFeedElement/{i}");
                    match element.get("item") {
                        Some(Value::Array(items)) => {
                            for (j, item) in items.iter().enumerate() {
                                found.push((format!("{at}/item/{j}"), item));
                            }
                        }
                        Some(item) => found.push((format!("{at}/item"), item)),
                        None => found.push((at, element)),
                    }
                }
            } else {
                found.push((pointer, value));
            }
        }
        _ => found.push((pointer, value)),
    }
}

#[cfg(test)]
mod tests;
