//! An Argdown document turned into the triples of its named graph.
//!
//! Statements are claims; relations are responses; a reconstructed argument (a premise-conclusion
//! structure) is one linked support per inference step, from its premises to its conclusion; an
//! argument without a structure stands for its gist, a claim. What Argdown has no syntax for
//! rides in its own data blocks, under keys documented in the README: on a statement `type`,
//! `label`, `lang`, `claimant`, `accuses`, `hedge`, `quote` and `answers` (how it answers each
//! claim it is related to: the response's `id`, `kind`, `scheme` and `reading`, whose reading
//! it is); in the front matter `base` (the namespace of titles), `lang`, `reader` and `rdf`
//! (more triples, as JSON-LD).
//!
//! A name in any of these (a title, an actor, a scheme, a kind) is an IRI when it is one, a
//! prefixed name when its prefix is predeclared (`cg:Ridicule`), else a name under `base`.

use crate::ingest::error::SourceError;
use crate::ingest::quads::GraphQuads;
use crate::vocab::{self, class, concept, external, property, PREFIXES};
use ::argdown::{Document, Location, Node, RelationKind, Statement};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::vocab::rdfs;
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Quad, Term};
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};

/// What a statement's `type` may say.
const CLAIM_KINDS: &[NamedNodeRef<'static>] = &[
    class::CLAIM,
    class::ALLEGATION,
    class::ANALYSIS,
    class::CONSENSUS_POINT,
    class::DISPUTE_POINT,
    class::STRUCTURAL_CONTRADICTION,
    class::PROBLEM,
];

/// What an answer's `kind` may say.
const RESPONSE_KINDS: &[NamedNodeRef<'static>] = &[
    class::RESPONSE,
    class::ATTACK,
    class::REBUTTAL,
    class::UNDERCUT,
    class::UNDERMINING,
    class::COUNTER_ACCUSATION,
    class::SUPPORT,
    class::REPHRASE,
    class::PREFERENCE,
];

/// What a `hedge` may say.
const HEDGE_KINDS: &[NamedNodeRef<'static>] = &[
    concept::UNVERIFIED,
    concept::SELF_IDENTIFIED,
    concept::CONDITIONAL,
    concept::IMPLIED,
    concept::SPECULATIVE,
    concept::UNATTRIBUTED,
];

/// What a quote's `popularity` may say: the source's words for how liked it was.
const POPULARITY_LEVELS: &[NamedNodeRef<'static>] = &[
    concept::HIGHLY_LIKED,
    concept::MANY_LIKES,
    concept::LOTS_OF_LIKES,
    concept::WIDELY_ENDORSED,
];

/// The Argdown relation kinds as claimgraph responses, when nothing more is said.
fn default_kind(kind: RelationKind) -> NamedNodeRef<'static> {
    match kind {
        RelationKind::Support => class::SUPPORT,
        RelationKind::Attack | RelationKind::Contradiction => class::REBUTTAL,
        RelationKind::Undercut => class::UNDERCUT,
    }
}

/// The quads that say what `doc` says, in `graph`, with texts tagged `language` unless the
/// document says otherwise; `input` names the file in errors.
pub fn to_quads(
    doc: &Document,
    input: &str,
    graph: &NamedNode,
    language: &str,
) -> Result<Vec<Quad>, SourceError> {
    let front = doc
        .front_matter_data()
        .map_err(|e| error(input, "front matter", e.message()))?
        .unwrap_or(Value::Null);
    let more = match front.get("rdf") {
        Some(rdf) => json_ld(rdf, input, graph)?,
        None => Vec::new(),
    };
    let described: HashSet<Term> = more.iter().map(|q| q.subject.clone().into()).collect();
    let mut quads = structure(doc, &front, input, graph, language, &described)?;
    quads.extend(more);
    Ok(quads)
}

/// The quads the document's own structure and data blocks make, given its front matter and
/// the subjects its `rdf` describes (which are then not described again); `rdf` itself is not
/// read here, so that the export can ask what the structure alone makes without writing and
/// parsing JSON-LD each time.
pub(super) fn structure(
    doc: &Document,
    front: &Value,
    input: &str,
    graph: &NamedNode,
    language: &str,
    described: &HashSet<Term>,
) -> Result<Vec<Quad>, SourceError> {
    let base = match front.get("base").and_then(Value::as_str) {
        Some(base) => base.to_owned(),
        None if graph.as_str().contains('#') => format!("{}-", graph.as_str()),
        None => format!("{}#", graph.as_str()),
    };
    let lang = front
        .get("lang")
        .and_then(Value::as_str)
        .unwrap_or(language)
        .to_owned();
    let mut out = Writer {
        input,
        out: GraphQuads::new(graph),
        base,
        lang,
    };
    let reader = match front.get("reader").and_then(Value::as_str) {
        Some(name) => out.iri(name)?,
        None => out.iri("map-author")?,
    };
    let mut actors: BTreeSet<(NamedNode, String)> = BTreeSet::new();
    let mut factions: BTreeSet<(NamedNode, String)> = BTreeSet::new();

    for statement in &doc.statements {
        describe(&mut out, statement, &reader, &mut actors, &mut factions)
            .map_err(|e| at(e, statement.location))?;
    }

    // Responses: one per relation, refined by what its source says in `answers`, and one for
    // each answer no relation draws.
    let mut responses: Vec<Response> = Vec::new();
    for relation in &doc.relations {
        let Some(from) = out.claim_of(doc, &relation.from)? else {
            continue;
        };
        let (to, inference) = match &relation.to {
            Node::Statement(title) => (out.iri(title)?, None),
            Node::Argument(title)
            | Node::Inference {
                argument: title, ..
            } => {
                let Some(argument) = doc.argument(title) else {
                    continue;
                };
                match &argument.pcs {
                    Some(pcs) => {
                        let last = pcs.statements.last().map(|s| s.title.as_str());
                        let conclusion = out.iri(last.unwrap_or(title))?;
                        let step = (relation.kind == RelationKind::Undercut)
                            .then(|| out.step_iri(title, pcs.statements.len()))
                            .transpose()?;
                        (conclusion, step)
                    }
                    None => (out.iri(title)?, None),
                }
            }
        };
        // An argument drawn as supporting its own conclusion says what its structure says.
        if from == to {
            continue;
        }
        let source_title = match &relation.from {
            Node::Statement(t) | Node::Argument(t) | Node::Inference { argument: t, .. } => t,
        };
        let target_title = match &relation.to {
            Node::Statement(t) | Node::Argument(t) | Node::Inference { argument: t, .. } => t,
        };
        responses.push(Response {
            from: vec![from.clone()],
            to: to.clone(),
            kind: default_kind(relation.kind).into_owned(),
            inference,
            source: source_title.clone(),
            target: target_title.clone(),
            iri: None,
            extras: Vec::new(),
        });
        if relation.kind == RelationKind::Contradiction {
            responses.push(Response {
                from: vec![to],
                to: from,
                kind: class::REBUTTAL.into_owned(),
                inference: None,
                source: target_title.clone(),
                target: source_title.clone(),
                iri: None,
                extras: Vec::new(),
            });
        }
    }
    let mut written: BTreeSet<NamedNode> = BTreeSet::new();
    let mut answered = Vec::new();
    for statement in &doc.statements {
        let Some(Value::Object(answers)) = statement.data.as_ref().and_then(|d| d.get("answers"))
        else {
            continue;
        };
        for (target, spec) in answers {
            answered.push((
                statement.title.clone(),
                target.clone(),
                spec.clone(),
                statement.location,
            ));
        }
    }
    for (source, target, spec, location) in answered {
        let from = out.iri(&source)?;
        let to = out.iri(&target)?;
        let position = responses
            .iter()
            .position(|r| r.source == source && r.target == target && r.iri.is_none());
        let index = match position {
            Some(index) => index,
            None => {
                responses.push(Response {
                    from: vec![from],
                    to,
                    kind: class::RESPONSE.into_owned(),
                    inference: None,
                    source,
                    target,
                    iri: None,
                    extras: Vec::new(),
                });
                responses.len() - 1
            }
        };
        let response = &mut responses[index];
        if let Some(kind) = spec.get("kind").and_then(Value::as_str) {
            response.kind = out
                .term(kind, RESPONSE_KINDS, "kind of response")
                .map_err(|e| at(e, location))?;
        }
        if let Some(id) = spec.get("id").and_then(Value::as_str) {
            response.iri = Some(out.iri(id).map_err(|e| at(e, location))?);
        }
        for (key, predicate) in [
            ("scheme", property::SCHEME),
            ("reading", property::INTERPRETED_BY),
        ] {
            if let Some(name) = spec.get(key).and_then(Value::as_str) {
                let object = out.iri(name).map_err(|e| at(e, location))?;
                response.extras.push((predicate, object));
            }
        }
    }
    for response in &responses {
        let iri = match &response.iri {
            Some(iri) => iri.clone(),
            None => out.iri(&format!(
                "{}-{}-{}",
                response.source,
                local(response.kind.as_str()),
                response.target
            ))?,
        };
        // Several premises that answer as one (a linked argument) share one response.
        if written.insert(iri.clone()) {
            out.add(&iri, rdf::TYPE, response.kind.clone());
            out.add(&iri, property::TO_CLAIM, response.to.clone());
            if let Some(step) = &response.inference {
                out.add(&iri, property::TO_RESPONSE, step.clone());
            }
            if !response
                .extras
                .iter()
                .any(|(p, _)| *p == property::INTERPRETED_BY)
            {
                out.add(&iri, property::INTERPRETED_BY, reader.clone());
            }
            for (predicate, object) in &response.extras {
                out.add(&iri, *predicate, object.clone());
            }
        }
        for from in &response.from {
            out.add(&iri, property::FROM_CLAIM, from.clone());
        }
    }

    // Reconstructed arguments: one linked support per inference step.
    for argument in &doc.arguments {
        let Some(pcs) = &argument.pcs else {
            let gist = out.iri(&argument.title)?;
            out.add(&gist, rdf::TYPE, class::CLAIM);
            let description = argument
                .descriptions
                .first()
                .map_or(argument.title.as_str(), |d| d.text.as_str());
            out.add(&gist, property::STATEMENT, text(description, &out.lang));
            out.add(&gist, rdfs::LABEL, text(&argument.title, &out.lang));
            continue;
        };
        let mut premises = Vec::new();
        for (index, step) in pcs.statements.iter().enumerate() {
            let claim = out.iri(&step.title)?;
            if step.inference.is_none() {
                premises.push(claim);
                continue;
            }
            let support = out.step_iri(&argument.title, index + 1)?;
            out.add(&support, rdf::TYPE, class::SUPPORT);
            out.add(&support, rdfs::LABEL, text(&argument.title, &out.lang));
            out.add(&support, property::INTERPRETED_BY, reader.clone());
            for premise in premises.drain(..) {
                out.add(&support, property::FROM_CLAIM, premise);
            }
            out.add(&support, property::TO_CLAIM, claim.clone());
            // An inference rule names the scheme, as AIF maps name theirs.
            let rule = step.inference.as_ref().and_then(|i| i.rules.first());
            out.out.scheme(&support, rule.map(String::as_str), None);
            // An intermediate conclusion is a premise of the next step.
            premises.push(claim);
        }
    }
    // Claims a structure names without defining them exist all the same.
    let defined: BTreeSet<&str> = doc.statements.iter().map(|s| s.title.as_str()).collect();
    for argument in &doc.arguments {
        for step in argument.pcs.iter().flat_map(|p| &p.statements) {
            if !defined.contains(step.title.as_str()) {
                let claim = out.iri(&step.title)?;
                out.add(&claim, rdf::TYPE, class::CLAIM);
                out.add(&claim, property::STATEMENT, text(&step.title, &out.lang));
                out.add(&claim, rdfs::LABEL, text(&step.title, &out.lang));
            }
        }
    }
    let reader_term: Term = reader.clone().into();
    let used_reader = out.out.quads.iter().any(|q| q.object == reader_term);
    if used_reader && !described.contains(&reader_term) {
        out.add(&reader, rdf::TYPE, class::ACTOR);
        let name = input.rsplit(['/', '\\']).next().unwrap_or(input);
        out.add(
            &reader,
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(format!("author of {name}"), "en"),
        );
    }
    for (actor, name) in actors {
        if !described.contains(&Term::from(actor.clone())) {
            out.add(&actor, rdf::TYPE, class::ACTOR);
            out.add(&actor, rdfs::LABEL, text(&name, &out.lang));
        }
    }
    if !factions.is_empty() {
        // Factions are the map's own concepts, in a scheme of its own.
        let scheme = out.iri("factions")?;
        if !described.contains(&Term::from(scheme.clone())) {
            out.add(&scheme, rdf::TYPE, external::SKOS_CONCEPT_SCHEME);
        }
        for (faction, name) in factions {
            if !described.contains(&Term::from(faction.clone())) {
                out.add(&faction, rdf::TYPE, class::FACTION);
                out.add(&faction, external::SKOS_PREF_LABEL, text(&name, &out.lang));
                out.add(&faction, external::SKOS_IN_SCHEME, scheme.clone());
            }
        }
    }
    Ok(out.out.quads)
}

/// The triples of one statement's claim, from its text and data block.
fn describe(
    out: &mut Writer<'_>,
    statement: &Statement,
    reader: &NamedNode,
    actors: &mut BTreeSet<(NamedNode, String)>,
    factions: &mut BTreeSet<(NamedNode, String)>,
) -> Result<(), SourceError> {
    let claim = out.iri(&statement.title)?;
    let data = statement.data.clone().unwrap_or(Value::Null);
    let lang = data
        .get("lang")
        .and_then(Value::as_str)
        .unwrap_or(&out.lang)
        .to_owned();
    let accused = strings(data.get("accuses"));
    let class = match data.get("type").and_then(Value::as_str) {
        Some(name) => out.term(name, CLAIM_KINDS, "kind of claim")?,
        None if !accused.is_empty() => class::ALLEGATION.into_owned(),
        None => class::CLAIM.into_owned(),
    };
    out.add(&claim, rdf::TYPE, class);
    // A statement only ever referred to reads as its title, as Argdown shows it.
    let wording = statement
        .members
        .first()
        .map_or(statement.title.as_str(), |m| m.text.as_str());
    out.add(&claim, property::STATEMENT, text(wording, &lang));
    match data.get("label") {
        Some(label) => out.texts(&claim, rdfs::LABEL, label, &lang),
        None => {
            let label = match (statement.has_generated_title(), statement.members.first()) {
                (true, Some(member)) => member.text.clone(),
                _ => statement.title.clone(),
            };
            out.add(&claim, rdfs::LABEL, text(&label, &lang));
        }
    }
    if let Some(claimant) = data.get("claimant").and_then(Value::as_str) {
        let actor = out.iri(claimant)?;
        out.add(&claim, property::CLAIMANT, actor.clone());
        actors.insert((actor, claimant.to_owned()));
    }
    for name in accused {
        let actor = out.iri(&name)?;
        out.add(&claim, property::ACCUSES, actor.clone());
        actors.insert((actor, name));
    }
    for kind in strings(data.get("hedge")) {
        let hedge = out.iri(&format!("{}-hedge-{}", statement.title, kind))?;
        out.add(&claim, property::HEDGE, hedge.clone());
        out.add(&hedge, rdf::TYPE, class::HEDGE);
        let concept = out.term(&kind, HEDGE_KINDS, "kind of hedge")?;
        out.add(&hedge, property::HEDGE_KIND, concept);
        // The one who writes the map is the one who hedges, unless the data says who.
        out.add(&hedge, property::HEDGED_BY, reader.clone());
    }
    if let Some(quote) = data.get("quote") {
        out.quote(&claim, &statement.title, quote, &lang, actors, factions)?;
    }
    Ok(())
}

/// An error about what a statement's data says, placed where the statement is written.
fn at(error: SourceError, location: Location) -> SourceError {
    match error {
        SourceError::Map {
            input,
            item,
            message,
        } => SourceError::Syntax {
            input,
            location: Some((location.line as u64, location.column as u64)),
            message: format!("{item}: {message}"),
        },
        other => other,
    }
}

/// A response being gathered from relations and `answers`.
struct Response {
    from: Vec<NamedNode>,
    to: NamedNode,
    kind: NamedNode,
    inference: Option<NamedNode>,
    source: String,
    target: String,
    iri: Option<NamedNode>,
    /// What `answers` adds: its scheme and whose reading it is.
    extras: Vec<(NamedNodeRef<'static>, NamedNode)>,
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn text(value: &str, lang: &str) -> Literal {
    Literal::new_language_tagged_literal(value, lang)
        .unwrap_or_else(|_| Literal::new_language_tagged_literal_unchecked(value, "und"))
}

/// The local name of an IRI: what follows its last `#` or `/`.
fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn error(input: &str, item: &str, message: &str) -> SourceError {
    SourceError::Map {
        input: input.to_owned(),
        item: item.to_owned(),
        message: message.to_owned(),
    }
}

struct Writer<'a> {
    input: &'a str,
    out: GraphQuads,
    base: String,
    lang: String,
}

impl Writer<'_> {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        self.out.add(subject, predicate, object);
    }

    /// A name as an IRI: itself when it is an absolute IRI, expanded when it is a prefixed
    /// name with a predeclared prefix, else under `base`.
    fn iri(&self, name: &str) -> Result<NamedNode, SourceError> {
        self.name(name, &self.base)
    }

    fn name(&self, name: &str, base: &str) -> Result<NamedNode, SourceError> {
        if let Some((prefix, rest)) = name.split_once(':') {
            if let Some((_, namespace)) = PREFIXES.iter().find(|(p, _)| *p == prefix) {
                return NamedNode::new(format!("{namespace}{rest}"))
                    .map_err(|e| error(self.input, name, &e.to_string()));
            }
            if !rest.is_empty() && NamedNode::new(name).is_ok() && !prefix.contains(' ') {
                return Ok(NamedNode::new_unchecked(name));
            }
        }
        let mut iri = base.to_owned();
        for ch in name.chars() {
            match ch {
                c if c.is_alphanumeric() || "-._~".contains(c) => iri.push(c),
                ' ' => iri.push('-'),
                c => {
                    let mut buffer = [0; 4];
                    for byte in c.encode_utf8(&mut buffer).bytes() {
                        iri.push_str(&format!("%{byte:02X}"));
                    }
                }
            }
        }
        NamedNode::new(iri).map_err(|e| error(self.input, name, &e.to_string()))
    }

    /// A term of the ontology among `terms`, by its local name in any case (`Allegation`,
    /// `counter-accusation`, `highly liked`) or a prefixed name (`cg:TuQuoque`).
    fn term(
        &self,
        name: &str,
        terms: &[NamedNodeRef<'static>],
        what: &str,
    ) -> Result<NamedNode, SourceError> {
        let camel: String = name
            .split(['-', ' ', '_'])
            .map(|part| {
                let mut chars = part.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                    .unwrap_or_default()
            })
            .collect();
        let iri = if name.contains(':') {
            self.name(name, vocab::NAMESPACE)?
        } else {
            NamedNode::new_unchecked(format!("{}{camel}", vocab::NAMESPACE))
        };
        if terms.iter().any(|t| *t == iri.as_ref()) {
            return Ok(iri);
        }
        let known: Vec<&str> = terms
            .iter()
            .map(|t| t.as_str().trim_start_matches(vocab::NAMESPACE))
            .collect();
        Err(error(
            self.input,
            name,
            &format!("names no {what} (expected one of: {})", known.join(", ")),
        ))
    }

    fn step_iri(&self, argument: &str, step: usize) -> Result<NamedNode, SourceError> {
        self.iri(&format!("{argument}-step-{step}"))
    }

    /// The claim a relation's end stands for: a statement, or an argument's main conclusion
    /// (its gist when it has no structure).
    fn claim_of(&self, doc: &Document, node: &Node) -> Result<Option<NamedNode>, SourceError> {
        match node {
            Node::Statement(title) => self.iri(title).map(Some),
            Node::Argument(title)
            | Node::Inference {
                argument: title, ..
            } => {
                let Some(argument) = doc.argument(title) else {
                    return Ok(None);
                };
                let title = argument
                    .pcs
                    .as_ref()
                    .and_then(|pcs| pcs.statements.last())
                    .map_or(title, |s| &s.title);
                self.iri(title).map(Some)
            }
        }
    }

    /// A text or a map of texts by language (`{en: ..., zh: ...}`).
    fn texts(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        value: &Value,
        lang: &str,
    ) {
        match value {
            Value::Object(by_language) => {
                for (tag, value) in by_language {
                    if let Some(value) = value.as_str() {
                        self.add(subject, predicate, text(value, tag));
                    }
                }
            }
            Value::String(value) => self.add(subject, predicate, text(value, lang)),
            _ => {}
        }
    }

    /// A quote that voices `claim`: `{text, lang, translation, translation_lang, translator,
    /// speaker, likes, popularity, faction, implies}`.
    fn quote(
        &mut self,
        claim: &NamedNode,
        title: &str,
        quote: &Value,
        lang: &str,
        actors: &mut BTreeSet<(NamedNode, String)>,
        concepts: &mut BTreeSet<(NamedNode, String)>,
    ) -> Result<(), SourceError> {
        let iri = match quote.get("id").and_then(Value::as_str) {
            Some(id) => self.iri(id)?,
            None => self.iri(&format!("{title}-quote"))?,
        };
        self.add(&iri, rdf::TYPE, class::QUOTE);
        let voices = if quote.get("implies").and_then(Value::as_bool) == Some(true) {
            property::IMPLIES
        } else {
            property::EXPRESSES
        };
        self.add(&iri, voices, claim.clone());
        let quote_lang = quote.get("lang").and_then(Value::as_str).unwrap_or(lang);
        if let Some(original) = quote.get("text").and_then(Value::as_str) {
            self.add(&iri, property::ORIGINAL_TEXT, text(original, quote_lang));
        }
        if let Some(translated) = quote.get("translation").and_then(Value::as_str) {
            let translation = self.iri(&format!("{title}-quote-translation"))?;
            let tag = quote
                .get("translation_lang")
                .and_then(Value::as_str)
                .unwrap_or("en");
            self.add(&iri, property::TRANSLATION, translation.clone());
            self.add(&translation, rdf::TYPE, class::TRANSLATION);
            self.add(&translation, property::TEXT, text(translated, tag));
            if let Some(name) = quote.get("translator").and_then(Value::as_str) {
                let actor = self.iri(name)?;
                self.add(&translation, property::TRANSLATED_BY, actor.clone());
                actors.insert((actor, name.to_owned()));
            }
        }
        if let Some(name) = quote.get("speaker").and_then(Value::as_str) {
            let actor = self.iri(name)?;
            self.add(&iri, property::SPEAKER, actor.clone());
            actors.insert((actor, name.to_owned()));
        }
        if let Some(likes) = quote.get("likes").and_then(Value::as_u64) {
            let counter = self.iri(&format!("{title}-quote-likes"))?;
            self.add(
                &iri,
                external::SCHEMA_INTERACTION_STATISTIC,
                counter.clone(),
            );
            self.add(&counter, rdf::TYPE, external::SCHEMA_INTERACTION_COUNTER);
            self.add(
                &counter,
                external::SCHEMA_INTERACTION_TYPE,
                external::SCHEMA_LIKE_ACTION,
            );
            self.add(
                &counter,
                external::SCHEMA_USER_INTERACTION_COUNT,
                Literal::from(likes),
            );
        }
        if let Some(name) = quote.get("popularity").and_then(Value::as_str) {
            let level = self.term(name, POPULARITY_LEVELS, "popularity level")?;
            self.add(&iri, property::POPULARITY, level);
        }
        if let Some(name) = quote.get("faction").and_then(Value::as_str) {
            let faction = self.iri(name)?;
            self.add(&iri, property::FACTION, faction.clone());
            concepts.insert((faction, name.to_owned()));
        }
        Ok(())
    }
}

/// The triples of a JSON-LD value, in `graph`.
fn json_ld(value: &Value, input: &str, graph: &NamedNode) -> Result<Vec<Quad>, SourceError> {
    let text = serde_json::to_vec(value).map_err(|e| error(input, "rdf", &e.to_string()))?;
    RdfParser::from_format(RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    })
    .with_default_graph(graph.clone())
    .without_named_graphs()
    .rename_blank_nodes()
    .for_slice(&text)
    .map(|quad| quad.map_err(|e| error(input, "front matter rdf", &e.to_string())))
    .collect()
}
