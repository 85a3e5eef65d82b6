//! SHACL validation of an Oxigraph store with rudof's engine (the `shacl` crate, 0.3: SHACL Core
//! and SHACL-SPARQL constraints, `sh:sparql` with `sh:select`).
//!
//! - The engine reads its own in-memory graph (and builds its own SPARQL store from it when the
//!   shapes have `sh:sparql`), so [`validate`] copies the union of every graph of the store.
//! - No inference: `sh:targetClass` and `sh:class` follow the `rdfs:subClassOf` chains found in
//!   the data, so the ontology must be in the store alongside the data.
//! - Blank nodes keep their identity: a blank focus node in the report is the store's own. When
//!   the shapes have `sh:sparql` (and no `sh:nodeKind`), data blank nodes are handed to the engine
//!   as `urn:x-claimgraph-bnode:` IRIs and mapped back, because rudof binds `$this` by writing it
//!   into the query text, which is a syntax error for a blank node.
//! - `sh:` properties the engine would silently ignore (`sh:rule`, `sh:target`, ...), property
//!   shapes without `sh:path` and `sh:select` queries that do not parse are shapes errors.
//! - `sh:resultMessage` is the shape's `sh:message` where it has one: the engine leaves it out of
//!   `sh:or`, `sh:disjoint` and a few other results.

use super::reach::{self, Reach};
use super::screen::Screen;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::store::StorageError;
use rudof_rdf::rdf_core::term::Object;
use rudof_rdf::rdf_core::SHACLPath;
use rudof_rdf::rdf_impl::OxigraphInMemory;
use shacl::ir::IRSchema;
use shacl::rdf::ShaclParser;
use shacl::types::Severity;
use shacl::validator::processor::{GraphValidation, ShaclProcessor};
use shacl::validator::store::Graph;
use shacl::validator::{ShaclConfig, ShaclValidationMode};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

pub(super) const SH: &str = "http://www.w3.org/ns/shacl#";

/// Parsed, compiled shapes, reusable across validations. Cheap to clone.
#[derive(Clone)]
pub struct Shapes {
    inner: Arc<CompiledShapes>,
}

struct CompiledShapes {
    schema: IRSchema,
    /// `sh:message` of each shape (key: the shape term in N-Triples syntax). The engine leaves
    /// it out of some results (`sh:or`, `sh:disjoint`, ...), so it is put back from here.
    messages: HashMap<String, String>,
    /// Whether data blank nodes go to the engine as IRIs (see [`SKOLEM`]).
    skolemize: bool,
    /// How far from a focus node the shapes read, when that is bounded.
    reach: Option<Reach>,
    /// Which focus nodes certainly conform, decided without the engine, where that is sound.
    screen: Option<Screen>,
}

impl fmt::Debug for Shapes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shapes").finish_non_exhaustive()
    }
}

/// The shapes could not be read, parsed or compiled.
#[derive(Debug, thiserror::Error)]
pub enum ShapesError {
    /// The file could not be read.
    #[error("cannot read {file}")]
    Read {
        /// The shapes file.
        file: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid Turtle.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The shapes file.
        file: String,
        /// 1-based line of the error.
        line: u64,
        /// 1-based column of the error.
        column: u64,
        /// What is wrong.
        message: String,
    },
    /// The shapes use a SHACL feature that the engine does not implement.
    #[error("{file}{}: unsupported SHACL construct <{construct}>", at(*line, *column))]
    Unsupported {
        /// The shapes file.
        file: String,
        /// The IRI of the unsupported property (e.g. `sh:rule`).
        construct: String,
        /// 1-based line of its first use in the text, when it can be found.
        line: Option<u64>,
        /// 1-based column of its first use in the text, when it can be found.
        column: Option<u64>,
    },
    /// The shapes graph is valid RDF but not valid SHACL (e.g. `sh:minCount "one"`).
    #[error("{file}: invalid shapes: {message}")]
    Invalid {
        /// The shapes file.
        file: String,
        /// The engine's explanation.
        message: String,
    },
}

fn at(line: Option<u64>, column: Option<u64>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        (Some(line), None) => format!(":{line}"),
        _ => String::new(),
    }
}

/// The shapes could not be evaluated on the data.
#[derive(Debug, thiserror::Error)]
pub enum ValidationError {
    /// Reading the store failed.
    #[error("reading the data failed")]
    Storage(#[from] StorageError),
    /// The engine failed (e.g. a `sh:select` query that does not run).
    #[error("SHACL engine error: {0}")]
    Engine(String),
}

/// The outcome of a validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `true` iff there are no results (of any severity), as in the SHACL specification.
    pub conforms: bool,
    /// The validation results, sorted.
    pub results: Vec<Violation>,
}

/// One validation result.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// `sh:focusNode`.
    pub focus: Term,
    /// `sh:resultPath` as SPARQL property path text (`<iri>`, `^<iri>`, `(<a>|<b>)`, ...).
    pub path: Option<String>,
    /// `sh:value`.
    pub value: Option<Term>,
    /// `sh:sourceConstraintComponent` IRI.
    pub constraint: String,
    /// `sh:sourceShape`: an IRI, or `_:id` for a blank node of the shapes graph.
    pub shape: Option<String>,
    /// `sh:resultSeverity` IRI.
    pub severity: String,
    /// `sh:resultMessage` (the shape's `sh:message`), or the engine's default.
    pub message: String,
}

impl Shapes {
    /// From Turtle text; `name` is used in errors (file name). A syntax error or an unsupported
    /// shapes construct is an error naming the file and, where possible, line:column.
    pub fn from_turtle(name: &str, text: &str) -> Result<Shapes, ShapesError> {
        let mut triples = Vec::new();
        for triple in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
            match triple {
                Ok(quad) => triples.push(Triple::from(quad)),
                Err(error) => {
                    let (line, column) = error
                        .location()
                        .map_or((0, 0), |l| (l.start.line + 1, l.start.column + 1));
                    let message = error.to_string();
                    let message = match message.split_once(": ") {
                        Some((head, rest)) if head.starts_with("Parser error at") => {
                            rest.to_owned()
                        }
                        _ => message,
                    };
                    return Err(ShapesError::Syntax {
                        file: name.to_owned(),
                        line,
                        column,
                        message,
                    });
                }
            }
        }
        check_supported(name, text, &triples)?;
        let queries = check_sparql(name, &triples)?;
        let reach = reach::reach(&triples, &queries);
        // The engine accepts a property shape without sh:path and ignores it.
        for property in triples
            .iter()
            .filter(|t| t.predicate.as_str() == format!("{SH}property"))
        {
            let has_path = triples.iter().any(|t| {
                Term::from(t.subject.clone()) == property.object
                    && t.predicate.as_str() == format!("{SH}path")
            });
            if !has_path {
                return Err(ShapesError::Invalid {
                    file: name.to_owned(),
                    message: format!(
                        "the property shape {} of {} has no sh:path",
                        property.object, property.subject
                    ),
                });
            }
        }

        let mut messages: HashMap<String, (String, String)> = HashMap::new();
        let mut graph = OxigraphInMemory::new();
        for t in &triples {
            if t.predicate.as_str() == SH_MESSAGE {
                if let Term::Literal(l) = &t.object {
                    // Prefer no language tag, then English, then the smallest tag: deterministic.
                    let rank = match l.language() {
                        None => String::new(),
                        Some("en") => "\u{1}".to_owned(),
                        Some(lang) => format!("\u{2}{lang}"),
                    };
                    let key = t.subject.to_string();
                    let better = messages
                        .get(&key)
                        .is_none_or(|(r, m)| (&rank, l.value()) < (r, m.as_str()));
                    if better {
                        messages.insert(key, (rank, l.value().to_owned()));
                    }
                }
            }
            graph
                .add_triple_ref(t.subject.as_ref(), t.predicate.as_ref(), t.object.as_ref())
                .map_err(|e| ShapesError::Invalid {
                    file: name.to_owned(),
                    message: e.to_string(),
                })?;
        }
        let ast = ShaclParser::new(graph)
            .parse()
            .map_err(|e| ShapesError::Invalid {
                file: name.to_owned(),
                message: e.to_string(),
            })?;
        let schema = IRSchema::compile(&ast).map_err(|e| ShapesError::Invalid {
            file: name.to_owned(),
            message: e.to_string(),
        })?;
        // rudof pre-binds `$this` by writing `VALUES ?this { <focus> }` into the query text, which
        // is a syntax error when the focus node is a blank node. Blank nodes are then handed to
        // the engine as IRIs, which `sh:nodeKind` would see: that one combination is left as is.
        let has = |local: &str| {
            triples
                .iter()
                .any(|t| t.predicate.as_str().strip_prefix(SH) == Some(local))
        };
        let skolemize = has("sparql") && !has("nodeKind");
        let screen = Screen::compile(&schema);
        Ok(Shapes {
            inner: Arc::new(CompiledShapes {
                schema,
                skolemize,
                reach,
                screen,
                messages: messages.into_iter().map(|(k, (_, m))| (k, m)).collect(),
            }),
        })
    }
}

impl Shapes {
    /// How far from a focus node these shapes read; `None` when that has no bound.
    pub(crate) fn reach(&self) -> Option<&Reach> {
        self.inner.reach.as_ref()
    }

    /// The native pre-screen of focus nodes; `None` when these shapes have none.
    pub(crate) fn screen(&self) -> Option<&Screen> {
        self.inner.screen.as_ref()
    }

    /// These shapes validated by the engine alone, without the screen that clears the nodes
    /// that certainly conform (see `screen`): the same verdicts, for comparing with them.
    pub fn without_screen(&self) -> Shapes {
        Shapes {
            inner: Arc::new(CompiledShapes {
                schema: self.inner.schema.clone(),
                messages: self.inner.messages.clone(),
                skolemize: self.inner.skolemize,
                reach: self.inner.reach.clone(),
                screen: None,
            }),
        }
    }
}

const SH_MESSAGE: &str = "http://www.w3.org/ns/shacl#message";
const SPARQL_COMPONENT: &str = "http://www.w3.org/ns/shacl#SPARQLConstraintComponent";

/// The `sh:` properties that rudof's shapes parser reads (shacl 0.3.37, `rdf/parsers`), plus
/// path syntax and the non-validating ones. Any other `sh:` property in the shapes graph (e.g.
/// `sh:rule`, `sh:target`, `sh:entailment`, `sh:validator`) would be silently ignored by the
/// engine, so it is refused instead.
const SUPPORTED: &[&str] = &[
    // targets and shapes
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "property",
    "path",
    "node",
    "deactivated",
    "severity",
    "message",
    "name",
    "description",
    "order",
    "group",
    "defaultValue",
    // paths
    "alternativePath",
    "inversePath",
    "zeroOrMorePath",
    "oneOrMorePath",
    "zeroOrOnePath",
    // core constraints
    "class",
    "datatype",
    "nodeKind",
    "minCount",
    "maxCount",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "minLength",
    "maxLength",
    "pattern",
    "flags",
    "languageIn",
    "uniqueLang",
    "equals",
    "disjoint",
    "lessThan",
    "lessThanOrEquals",
    "not",
    "and",
    "or",
    "xone",
    "qualifiedValueShape",
    "qualifiedMinCount",
    "qualifiedMaxCount",
    "qualifiedValueShapesDisjoint",
    "closed",
    "ignoredProperties",
    "hasValue",
    "in",
    // SHACL-SPARQL: SELECT-based constraints and their prefixes
    "sparql",
    "select",
    "prefixes",
    "declare",
    "prefix",
    "namespace",
];

fn check_supported(name: &str, text: &str, triples: &[Triple]) -> Result<(), ShapesError> {
    let mut unsupported: Vec<&str> = triples
        .iter()
        .map(|t| t.predicate.as_str())
        .filter(|p| {
            p.strip_prefix(SH)
                .is_some_and(|local| !SUPPORTED.contains(&local))
        })
        .collect();
    unsupported.sort_unstable();
    let Some(construct) = unsupported.first() else {
        return Ok(());
    };
    let local = &construct[SH.len()..];
    // RDF parsers do not say where a triple came from: look for the first `:local` or `#local`
    // followed by a delimiter in the text.
    let position = text.lines().enumerate().find_map(|(i, line)| {
        let mut from = 0;
        while let Some(found) = line[from..].find(local) {
            let start = from + found;
            let before = line[..start].chars().next_back();
            let after = line[start + local.len()..].chars().next();
            if matches!(before, Some(':' | '#'))
                && after.is_none_or(|c| {
                    c.is_whitespace() || matches!(c, '>' | ';' | ',' | '.' | '[' | '(' | '"')
                })
            {
                // Point at the start of the term (`sh:rule`, `<...#rule>`), 1-based.
                let token = line[..start]
                    .rfind(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '[' | '('))
                    .map_or(0, |i| i + 1);
                return Some((i as u64 + 1, line[..token].chars().count() as u64 + 1));
            }
            from = start + local.len();
        }
        None
    });
    Err(ShapesError::Unsupported {
        file: name.to_owned(),
        construct: (*construct).to_owned(),
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
    })
}

/// The engine only parses a `sh:select` query when a focus node reaches it: parse each one
/// now, with the prefixes its `sh:prefixes` declare, so that a broken query is a shapes error.
fn check_sparql(
    name: &str,
    triples: &[Triple],
) -> Result<HashMap<Term, spargebra::Query>, ShapesError> {
    let sh = |local: &str| format!("{SH}{local}");
    let objects = |subject: &Term, predicate: &str| -> Vec<Term> {
        triples
            .iter()
            .filter(|t| {
                Term::from(t.subject.clone()) == *subject && t.predicate.as_str() == predicate
            })
            .map(|t| t.object.clone())
            .collect()
    };
    let mut queries = HashMap::new();
    for select in triples
        .iter()
        .filter(|t| t.predicate.as_str() == sh("select"))
    {
        let Term::Literal(query) = &select.object else {
            return Err(ShapesError::Invalid {
                file: name.to_owned(),
                message: "sh:select is not a literal".into(),
            });
        };
        let mut header = String::new();
        for ontology in objects(&select.subject.clone().into(), &sh("prefixes")) {
            for declaration in objects(&ontology, &sh("declare")) {
                let (prefix, namespace) = (
                    objects(&declaration, &sh("prefix")),
                    objects(&declaration, &sh("namespace")),
                );
                if let (Some(Term::Literal(p)), Some(Term::Literal(n))) =
                    (prefix.first(), namespace.first())
                {
                    header.push_str(&format!("PREFIX {}: <{}>\n", p.value(), n.value()));
                }
            }
        }
        let text = format!("{header}{}", query.value().replace("$PATH", "<urn:x-path>"));
        match spargebra::SparqlParser::new().parse_query(&text) {
            Ok(parsed) => {
                queries.insert(select.subject.clone().into(), parsed);
            }
            Err(e) => {
                return Err(ShapesError::Invalid {
                    file: name.to_owned(),
                    message: format!(
                        "the sh:select query of {} does not parse: {e}",
                        select.subject
                    ),
                })
            }
        }
    }
    Ok(queries)
}

/// Validates the union of the graphs of `quads` (default graph and named graphs alike).
pub fn validate(
    quads: impl IntoIterator<Item = Result<Quad, StorageError>>,
    shapes: &Shapes,
) -> Result<Report, ValidationError> {
    let skolemize = shapes.inner.skolemize;
    let mut graph = OxigraphInMemory::new();
    for quad in quads {
        let quad = quad?;
        let (subject, object) = if skolemize {
            (skolem_subject(quad.subject), skolem_term(quad.object))
        } else {
            (quad.subject, quad.object)
        };
        graph
            .add_triple_ref(subject.as_ref(), quad.predicate.as_ref(), object.as_ref())
            .map_err(|e| ValidationError::Engine(e.to_string()))?;
    }
    let graph = Graph::try_from(graph).map_err(|e| ValidationError::Engine(e.to_string()))?;
    let mut processor = GraphValidation::new(graph);
    let report = processor
        .validate(
            &shapes.inner.schema,
            &ShaclValidationMode::Native,
            &ShaclConfig::new(),
        )
        .map_err(|e| ValidationError::Engine(e.to_string()))?;

    let results: Vec<Violation> = report
        .results()
        .iter()
        .map(|r| {
            let constraint = iri_of(r.constraint_component());
            let shape = r.source().map(|s| Term::from(s.clone()).to_string());
            let shape_message = if constraint == SPARQL_COMPONENT {
                None // the engine already took the sh:sparql constraint's own sh:message
            } else {
                shape
                    .as_ref()
                    .and_then(|s| shapes.inner.messages.get(s).cloned())
            };
            let engine_message = pick_message(
                r.message()
                    .iter()
                    .map(|(lang, m)| (lang.as_ref().map(|l| l.to_string()), m)),
            );
            let message = shape_message.or(engine_message).unwrap_or_else(|| {
                let local = constraint.rsplit(['#', '/']).next().unwrap_or(&constraint);
                format!("{local} not satisfied")
            });
            let message = if skolemize {
                unskolem_text(&message)
            } else {
                message
            };
            let term = |object: &Object| {
                let term = Term::from(object.clone());
                if skolemize {
                    unskolem_term(term)
                } else {
                    term
                }
            };
            Violation {
                focus: term(r.focus_node()),
                path: r.path().map(path_text),
                value: r.value().map(term),
                shape: shape.map(|s| {
                    s.strip_prefix('<')
                        .and_then(|s| s.strip_suffix('>'))
                        .map_or(s.clone(), str::to_owned)
                }),
                severity: severity_iri(r.severity()),
                constraint,
                message,
            }
        })
        .collect();
    Ok(Report::of(results))
}

impl Report {
    /// The report of `results`, put in their order.
    pub(crate) fn of(mut results: Vec<Violation>) -> Self {
        results.sort_by_cached_key(|v| {
            (
                v.focus.to_string(),
                v.path.clone(),
                v.constraint.clone(),
                v.value.as_ref().map(Term::to_string),
                v.shape.clone(),
                v.message.clone(),
            )
        });
        Report {
            conforms: results.is_empty(),
            results,
        }
    }
}

/// The IRI prefix under which data blank nodes are given to the engine: `_:b1` becomes
/// `<urn:x-claimgraph-bnode:b1>`, and back again in the report.
const SKOLEM: &str = "urn:x-claimgraph-bnode:";

fn skolem_subject(subject: NamedOrBlankNode) -> NamedOrBlankNode {
    match subject {
        NamedOrBlankNode::BlankNode(b) => {
            NamedNode::new_unchecked(format!("{SKOLEM}{}", b.as_str())).into()
        }
        other => other,
    }
}

fn skolem_term(term: Term) -> Term {
    match term {
        Term::BlankNode(b) => NamedNode::new_unchecked(format!("{SKOLEM}{}", b.as_str())).into(),
        other => other,
    }
}

fn unskolem_term(term: Term) -> Term {
    match term {
        Term::NamedNode(n) => match n.as_str().strip_prefix(SKOLEM) {
            Some(id) => BlankNode::new_unchecked(id).into(),
            None => Term::NamedNode(n),
        },
        other => other,
    }
}

/// Messages may quote a focus node (`{$this}`): `<urn:x-claimgraph-bnode:b1>` reads `_:b1` again.
fn unskolem_text(text: &str) -> String {
    if !text.contains(SKOLEM) {
        return text.to_owned();
    }
    text.replace(&format!("<{SKOLEM}"), "\u{0}")
        .replace(SKOLEM, "_:")
        .split('\u{0}')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part.to_owned()
            } else {
                // `<urn:...:id>rest` → `_:idrest`
                match part.split_once('>') {
                    Some((id, rest)) => format!("_:{id}{rest}"),
                    None => part.to_owned(),
                }
            }
        })
        .collect()
}

fn pick_message<'a>(
    messages: impl Iterator<Item = (Option<String>, &'a String)>,
) -> Option<String> {
    messages
        .map(|(lang, m)| {
            let rank = match lang.as_deref() {
                None => String::new(),
                Some("en") => "\u{1}".to_owned(),
                Some(lang) => format!("\u{2}{lang}"),
            };
            (rank, m.clone())
        })
        .min()
        .map(|(_, m)| m)
}

fn iri_of(object: &Object) -> String {
    match object {
        Object::Iri(iri) => iri.as_str().to_owned(),
        other => Term::from(other.clone()).to_string(),
    }
}

fn severity_iri(severity: &Severity) -> String {
    match severity {
        Severity::Violation => format!("{SH}Violation"),
        Severity::Warning => format!("{SH}Warning"),
        Severity::Info => format!("{SH}Info"),
        // rudof extensions; not in the SHACL vocabulary
        Severity::Debug => format!("{SH}Debug"),
        Severity::Trace => format!("{SH}Trace"),
        Severity::Generic(iri) => iri.as_str().to_owned(),
    }
}

/// A SHACL path as SPARQL property path text.
fn path_text(path: &SHACLPath) -> String {
    fn group(paths: &[SHACLPath], sep: &str) -> String {
        format!(
            "({})",
            paths.iter().map(path_text).collect::<Vec<_>>().join(sep)
        )
    }
    match path {
        SHACLPath::Predicate { pred } => format!("<{}>", pred.as_str()),
        SHACLPath::Alternative { paths } => group(paths, "|"),
        SHACLPath::Sequence { paths } => group(paths, "/"),
        SHACLPath::Inverse { path } => format!("^{}", path_text(path)),
        SHACLPath::ZeroOrMore { path } => format!("{}*", path_text(path)),
        SHACLPath::OneOrMore { path } => format!("{}+", path_text(path)),
        SHACLPath::ZeroOrOne { path } => format!("{}?", path_text(path)),
    }
}

/// A path parsed back from [`path_text`]'s output, to write it as RDF.
enum Path {
    Predicate(NamedNode),
    Alternative(Vec<Path>),
    Sequence(Vec<Path>),
    Inverse(Box<Path>),
    ZeroOrMore(Box<Path>),
    OneOrMore(Box<Path>),
    ZeroOrOne(Box<Path>),
}

fn parse_path(text: &str) -> Option<Path> {
    fn primary(s: &mut &str) -> Option<Path> {
        let mut path = if let Some(rest) = s.strip_prefix('^') {
            *s = rest;
            return Some(Path::Inverse(Box::new(primary(s)?)));
        } else if let Some(rest) = s.strip_prefix('<') {
            let end = rest.find('>')?;
            let node = NamedNode::new(&rest[..end]).ok()?;
            *s = &rest[end + 1..];
            Path::Predicate(node)
        } else if let Some(rest) = s.strip_prefix('(') {
            *s = rest;
            let first = primary(s)?;
            let mut items = vec![first];
            let mut sep = None;
            loop {
                let c = s.chars().next()?;
                *s = &s[1..];
                match c {
                    ')' => break,
                    '|' | '/' if sep.is_none_or(|x| x == c) => {
                        sep = Some(c);
                        items.push(primary(s)?);
                    }
                    _ => return None,
                }
            }
            match sep {
                Some('|') => Path::Alternative(items),
                Some(_) => Path::Sequence(items),
                None => items.pop()?,
            }
        } else {
            return None;
        };
        loop {
            let wrap: fn(Box<Path>) -> Path = match s.chars().next() {
                Some('*') => Path::ZeroOrMore,
                Some('+') => Path::OneOrMore,
                Some('?') => Path::ZeroOrOne,
                _ => return Some(path),
            };
            *s = &s[1..];
            path = wrap(Box::new(path));
        }
    }
    let mut s = text;
    let path = primary(&mut s)?;
    s.is_empty().then_some(path)
}

impl Report {
    /// The standard W3C SHACL validation report (sh:ValidationReport, sh:conforms, sh:result ...)
    /// as triples. Blank node labels are deterministic (`report`, `result1`, ...).
    pub fn to_triples(&self) -> Vec<Triple> {
        let sh = |local: &str| NamedNode::new_unchecked(format!("{SH}{local}"));
        let mut out = Vec::new();
        let report = BlankNode::new_unchecked("report");
        out.push(Triple::new(
            report.clone(),
            rdf::TYPE,
            sh("ValidationReport"),
        ));
        out.push(Triple::new(
            report.clone(),
            sh("conforms"),
            Literal::from(self.conforms),
        ));
        let mut fresh = 0usize;
        for (i, v) in self.results.iter().enumerate() {
            let result = BlankNode::new_unchecked(format!("result{}", i + 1));
            out.push(Triple::new(report.clone(), sh("result"), result.clone()));
            out.push(Triple::new(
                result.clone(),
                rdf::TYPE,
                sh("ValidationResult"),
            ));
            out.push(Triple::new(
                result.clone(),
                sh("focusNode"),
                v.focus.clone(),
            ));
            if let Some(path) = v.path.as_deref() {
                let node = match parse_path(path) {
                    Some(path) => write_path(&path, &mut out, &mut fresh),
                    None => Literal::new_simple_literal(path).into(),
                };
                out.push(Triple::new(result.clone(), sh("resultPath"), node));
            }
            if let Some(value) = &v.value {
                out.push(Triple::new(result.clone(), sh("value"), value.clone()));
            }
            out.push(Triple::new(
                result.clone(),
                sh("sourceConstraintComponent"),
                iri_or_blank(&v.constraint),
            ));
            if let Some(shape) = &v.shape {
                out.push(Triple::new(
                    result.clone(),
                    sh("sourceShape"),
                    iri_or_blank(shape),
                ));
            }
            out.push(Triple::new(
                result.clone(),
                sh("resultSeverity"),
                iri_or_blank(&v.severity),
            ));
            out.push(Triple::new(
                result,
                sh("resultMessage"),
                Literal::new_simple_literal(&v.message),
            ));
        }
        out
    }
}

fn iri_or_blank(text: &str) -> Term {
    match text.strip_prefix("_:") {
        Some(id) => {
            BlankNode::new(id).map_or_else(|_| Literal::new_simple_literal(text).into(), Term::from)
        }
        None => NamedNode::new(text).map_or_else(
            |_| Literal::new_typed_literal(text, xsd::ANY_URI).into(),
            Term::from,
        ),
    }
}

fn write_path(path: &Path, out: &mut Vec<Triple>, fresh: &mut usize) -> Term {
    let sh = |local: &str| NamedNode::new_unchecked(format!("{SH}{local}"));
    let blank = |out: &mut Vec<Triple>, p: &str, o: Term, fresh: &mut usize| -> Term {
        *fresh += 1;
        let node = BlankNode::new_unchecked(format!("path{fresh}"));
        out.push(Triple::new(node.clone(), sh(p), o));
        node.into()
    };
    match path {
        Path::Predicate(p) => p.clone().into(),
        Path::Sequence(items) => write_list(items, out, fresh),
        Path::Alternative(items) => {
            let list = write_list(items, out, fresh);
            blank(out, "alternativePath", list, fresh)
        }
        Path::Inverse(p) | Path::ZeroOrMore(p) | Path::OneOrMore(p) | Path::ZeroOrOne(p) => {
            let kind = match path {
                Path::Inverse(_) => "inversePath",
                Path::ZeroOrMore(_) => "zeroOrMorePath",
                Path::OneOrMore(_) => "oneOrMorePath",
                _ => "zeroOrOnePath",
            };
            let inner = write_path(p, out, fresh);
            blank(out, kind, inner, fresh)
        }
    }
}

fn write_list(items: &[Path], out: &mut Vec<Triple>, fresh: &mut usize) -> Term {
    let members: Vec<Term> = items.iter().map(|p| write_path(p, out, fresh)).collect();
    let mut tail: Term = rdf::NIL.into_owned().into();
    for member in members.into_iter().rev() {
        *fresh += 1;
        let cell = BlankNode::new_unchecked(format!("path{fresh}"));
        out.push(Triple::new(cell.clone(), rdf::FIRST, member));
        out.push(Triple::new(cell.clone(), rdf::REST, tail));
        tail = cell.into();
    }
    tail
}

#[allow(dead_code)]
fn _assert_thread_safe() {
    fn is<T: Send + Sync + 'static>() {}
    is::<Shapes>();
    is::<Report>();
    is::<ShapesError>();
    is::<ValidationError>();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_text_parses_back() {
        for text in [
            "<urn:p>",
            "^<urn:p>",
            "(<urn:a>|<urn:b>)",
            "(<urn:a>/^<urn:b>*)+",
            "((<urn:a>|<urn:b>)/<urn:c>)?",
        ] {
            let path = parse_path(text).unwrap_or_else(|| panic!("{text}"));
            let mut out = Vec::new();
            let node = write_path(&path, &mut out, &mut 0);
            assert_eq!(
                matches!(node, Term::NamedNode(_)),
                text == "<urn:p>",
                "{text}"
            );
        }
        assert!(parse_path("(<urn:a>|<urn:b>/<urn:c>)").is_none());
    }

    #[test]
    fn skolem_iris_read_as_blank_nodes_again() {
        let b = BlankNode::new_unchecked("b1");
        let skolem = skolem_term(b.clone().into());
        assert_eq!(skolem.to_string(), "<urn:x-claimgraph-bnode:b1>");
        assert_eq!(unskolem_term(skolem), Term::from(b));
        assert_eq!(
            unskolem_text("x <urn:x-claimgraph-bnode:b1> and urn:x-claimgraph-bnode:b2."),
            "x _:b1 and _:b2."
        );
    }
}
