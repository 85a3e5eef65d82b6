//! SHACL validation: does the data say what the ontology's shapes require?
//!
//! The engine is rudof's SHACL implementation (`engine`); this module gives it the bundled
//! shapes, reads users' shapes files, writes the W3C validation report, and finds where in the
//! input files each offending node is defined, so that a person can go and fix it.
//!
//! ```
//! use claimgraph::{bundled, validate::Shapes, ClaimStore};
//!
//! let store = ClaimStore::in_memory()?;
//! store.load_with_schema(&bundled::data_sources())?;
//! let report = store.validate(&Shapes::bundled())?;
//! assert!(report.conforms, "{:?}", report.results);
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use crate::aif;
use crate::bundled;
use crate::ingest::{Format, Source};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

mod added;
mod change;
mod engine;
mod reach;
mod screen;

pub use added::{Added, AddedBuilder};
pub use change::{validate_change, validate_data, Change, Judgement};
pub use engine::{validate, Report, Shapes, ShapesError, ValidationError, Violation};

impl Shapes {
    /// The shapes in `ontology/shapes.ttl`, compiled once per process.
    pub fn bundled() -> Self {
        static BUNDLED: OnceLock<Shapes> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                Shapes::from_turtle("ontology/shapes.ttl", bundled::SHAPES)
                    .expect("the bundled shapes compile")
            })
            .clone()
    }

    /// Shapes from a Turtle file.
    pub fn from_file(path: &Path) -> Result<Self, ShapesError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ShapesError::Read {
            file: name.clone(),
            source,
        })?;
        Shapes::from_turtle(&name, &text)
    }
}

impl Report {
    /// The W3C SHACL validation report, as Turtle with the usual prefixes.
    pub fn to_turtle(&self) -> String {
        let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
        for (prefix, iri) in crate::vocab::PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .expect("the vocabulary's prefixes are valid IRIs");
        }
        let mut writer = serializer.for_writer(Vec::new());
        for triple in self.to_triples() {
            writer
                .serialize_triple(&triple)
                .expect("writing to memory cannot fail");
        }
        String::from_utf8(writer.finish().expect("writing to memory cannot fail"))
            .expect("Turtle is UTF-8")
    }
}

impl fmt::Display for Violation {
    /// One line: the focus node, the path, the constraint that fails and the message. A blank
    /// node prints as `[]`: its label is made up afresh on every load and would tell nobody
    /// anything.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Readable(&self.focus))?;
        if let Some(path) = &self.path {
            write!(f, " {path}")?;
        }
        let constraint = self
            .constraint
            .rsplit(['#', '/'])
            .next()
            .unwrap_or(&self.constraint);
        write!(f, ": {constraint}: {}", self.message)?;
        if let Some(value) = &self.value {
            write!(f, " (value: {})", Readable(value))?;
        }
        Ok(())
    }
}

struct Readable<'a>(&'a Term);

impl fmt::Display for Readable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Term::BlankNode(_) => f.write_str("[]"),
            term => write!(f, "{term}"),
        }
    }
}

/// For each result of `report`, in order, the first `(file, line)` among `sources` where its
/// focus node appears as the subject of a statement, if any.
///
/// RDF parsers do not say where a triple came from, so this reads the text: a node is found
/// written in full (`<iri>`) or with any prefix that its file declares (`dist:c-1`), at the
/// start of a line; a node of an AIF map, where its `nodeID` is written. Blank nodes have no
/// name to look for.
pub fn locate(report: &Report, sources: &[Source]) -> Vec<Option<(String, usize)>> {
    let maps: Vec<(&Source, String)> = sources
        .iter()
        .filter(|s| s.format() == Format::Aif)
        .map(|s| (s, String::from_utf8_lossy(s.content()).into_owned()))
        .collect();
    let texts: Vec<(&str, String)> = sources
        .iter()
        // Only the line-based syntaxes write a subject at the start of a line.
        .filter(|s| {
            matches!(
                s.format(),
                Format::Rdf(
                    RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::NTriples | RdfFormat::NQuads
                )
            )
        })
        .map(|s| (s.name(), String::from_utf8_lossy(s.content()).into_owned()))
        .collect();
    let prefixes: Vec<Vec<(String, String)>> = texts
        .iter()
        .map(|(_, text)| declared_prefixes(text))
        .collect();
    report
        .results
        .iter()
        .map(|violation| {
            let Term::NamedNode(node) = &violation.focus else {
                return None;
            };
            let in_map = maps.iter().find_map(|(source, text)| {
                let line = aif::import::line_of(text, source.graph(), node.as_str())?;
                Some((source.name().to_owned(), line))
            });
            if in_map.is_some() {
                return in_map;
            }
            texts
                .iter()
                .zip(&prefixes)
                .find_map(|((name, text), prefixes)| {
                    let mut spellings = vec![format!("<{}>", node.as_str())];
                    spellings.extend(prefixes.iter().filter_map(|(prefix, namespace)| {
                        let local = node.as_str().strip_prefix(namespace.as_str())?;
                        Some(format!("{prefix}:{local}"))
                    }));
                    let line = text.lines().position(|line| {
                        spellings.iter().any(|spelling| {
                            line.trim_start()
                                .strip_prefix(spelling.as_str())
                                .is_some_and(|rest| rest.starts_with(char::is_whitespace))
                        })
                    })?;
                    Some(((*name).to_owned(), line + 1))
                })
        })
        .collect()
}

/// `@prefix p: <ns> .` and `PREFIX p: <ns>` declarations, as `(p, ns)`.
fn declared_prefixes(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("@prefix")
                .or_else(|| line.strip_prefix("PREFIX"))
                .or_else(|| line.strip_prefix("prefix"))?;
            let (prefix, rest) = rest.trim_start().split_once(':')?;
            let namespace = rest.trim_start().strip_prefix('<')?.split_once('>')?.0;
            Some((prefix.to_owned(), namespace.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_read_in_both_syntaxes() {
        let text = "@prefix dist: <urn:d/> .\nPREFIX cg: <urn:cg#>\n# @prefix no: <urn:x> .";
        assert_eq!(
            declared_prefixes(text),
            [
                ("dist".to_owned(), "urn:d/".to_owned()),
                ("cg".to_owned(), "urn:cg#".to_owned())
            ]
        );
    }
}
