//! RDF sources to load: a name, bytes, a format and the named graph they go to.
//!
//! Reading a file and choosing its format and graph happen here, before the store is touched,
//! so that a missing file or an unknown format fails without side effects.
//!
//! ```
//! use claimgraph::ingest::{Source, format_from_name};
//!
//! let format = format_from_name("input", "ttl")?;
//! let source = Source::from_bytes("example.ttl", &b"<urn:a> <urn:b> <urn:c> ."[..], format, "urn:graph:example")?;
//! assert_eq!(source.graph().as_str(), "urn:graph:example");
//! # Ok::<_, claimgraph::LoadError>(())
//! ```

use crate::error::LoadError;
use oxigraph::io::{RdfFormat, RdfParser, RdfSyntaxError};
use oxigraph::model::{NamedNode, Quad};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// One RDF input, read into memory and ready to load.
#[derive(Debug, Clone)]
pub struct Source {
    name: String,
    content: Cow<'static, [u8]>,
    format: RdfFormat,
    graph: NamedNode,
}

impl Source {
    /// Reads `path`; the format comes from `format` or else the extension, and the graph from
    /// `graph` or else the file's `file:` IRI.
    pub fn from_file(
        path: &Path,
        format: Option<RdfFormat>,
        graph: Option<&str>,
    ) -> Result<Self, LoadError> {
        let name = path.display().to_string();
        let format = match format {
            Some(format) => format,
            None => format_from_path(path)?,
        };
        let content = std::fs::read(path).map_err(|source| LoadError::Read {
            path: path.to_owned(),
            source,
        })?;
        let graph = match graph {
            Some(iri) => parse_graph_name(&name, iri)?,
            None => file_graph_name(path),
        };
        Ok(Self {
            name,
            content: Cow::Owned(content),
            format,
            graph,
        })
    }

    /// Wraps bytes that are already in memory, such as the bundled data.
    pub fn from_bytes(
        name: impl Into<String>,
        content: impl Into<Cow<'static, [u8]>>,
        format: RdfFormat,
        graph: &str,
    ) -> Result<Self, LoadError> {
        let name = name.into();
        let graph = parse_graph_name(&name, graph)?;
        Ok(Self {
            name,
            content: content.into(),
            format,
            graph,
        })
    }

    /// The name used in messages: a file path or a bundled file's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The raw bytes.
    pub fn content(&self) -> &[u8] {
        &self.content
    }

    /// The RDF format.
    pub fn format(&self) -> RdfFormat {
        self.format
    }

    /// The named graph that triples go to. Quads in TriG and N-Quads keep their own graphs;
    /// their default-graph triples go here.
    pub fn graph(&self) -> &NamedNode {
        &self.graph
    }

    /// Whether the format carries its own named graphs.
    pub fn is_dataset(&self) -> bool {
        self.format.supports_datasets()
    }

    /// The quads of the source, parsed as they are read; a syntax error ends the stream with
    /// an error that names the source, line and column. Blank nodes are renamed so that two
    /// sources never share one by accident.
    pub fn quads(&self) -> Result<impl Iterator<Item = Result<Quad, LoadError>> + '_, LoadError> {
        let mut parser = RdfParser::from_format(self.format)
            .with_base_iri(self.graph.as_str())
            .map_err(|_| LoadError::GraphName {
                input: self.name.clone(),
                iri: self.graph.as_str().to_owned(),
            })?
            .rename_blank_nodes()
            .with_default_graph(self.graph.clone());
        if !self.is_dataset() {
            parser = parser.without_named_graphs();
        }
        Ok(parser
            .for_slice(&self.content)
            .map(|quad| quad.map_err(|error| syntax_error(&self.name, error))))
    }

    /// The error for a source without a statement. Such an input is refused: loading it would
    /// silently empty the graph it replaces, which is never what someone who names a file means.
    pub fn empty(&self) -> LoadError {
        LoadError::Empty {
            input: self.name.clone(),
        }
    }
}

fn syntax_error(input: &str, error: RdfSyntaxError) -> LoadError {
    let location = error
        .location()
        .map(|range| (range.start.line + 1, range.start.column + 1));
    let text = error.to_string();
    // The parser's message repeats the position in words ("Parser error at line 3 column 5:
    // ..."); keep only what follows, since the position is printed first.
    let message = match (location, text.split_once(": ")) {
        (Some(_), Some((head, rest))) if head.starts_with("Parser error") => rest.to_owned(),
        _ => text,
    };
    LoadError::Syntax {
        input: input.to_owned(),
        location,
        message,
    }
}

/// The format for a file, from its extension.
pub fn format_from_path(path: &Path) -> Result<RdfFormat, LoadError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    format_from_name(&path.display().to_string(), extension)
}

/// The format for a name or extension such as `ttl`, `turtle`, `trig`, `nt`, `nq`, `rdf`.
pub fn format_from_name(input: &str, name: &str) -> Result<RdfFormat, LoadError> {
    match name.to_ascii_lowercase().as_str() {
        "ttl" | "turtle" => Ok(RdfFormat::Turtle),
        "trig" => Ok(RdfFormat::TriG),
        "nt" | "ntriples" | "n-triples" => Ok(RdfFormat::NTriples),
        "nq" | "nquads" | "n-quads" => Ok(RdfFormat::NQuads),
        "rdf" | "owl" | "xml" | "rdfxml" | "rdf-xml" => Ok(RdfFormat::RdfXml),
        other => Err(LoadError::UnknownFormat {
            input: input.to_owned(),
            format: other.to_owned(),
            expected: "ttl, trig, nt, nq, rdf",
        }),
    }
}

fn parse_graph_name(input: &str, iri: &str) -> Result<NamedNode, LoadError> {
    NamedNode::new(iri).map_err(|_| LoadError::GraphName {
        input: input.to_owned(),
        iri: iri.to_owned(),
    })
}

/// The `file:` IRI of a path, made absolute so that the same file always lands in the same graph.
fn file_graph_name(path: &Path) -> NamedNode {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| PathBuf::from(path));
    let mut iri = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        // Percent-encode everything an IRI path cannot hold as is.
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            iri.push(char::from(byte));
        } else {
            iri.push_str(&format!("%{byte:02X}"));
        }
    }
    NamedNode::new_unchecked(iri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_extensions() {
        for (file, format) in [
            ("a.ttl", RdfFormat::Turtle),
            ("a.TRIG", RdfFormat::TriG),
            ("a.nt", RdfFormat::NTriples),
            ("a.nq", RdfFormat::NQuads),
            ("a.rdf", RdfFormat::RdfXml),
        ] {
            assert_eq!(format_from_path(Path::new(file)).unwrap(), format);
        }
    }

    #[test]
    fn unknown_extension_names_the_file() {
        let err = format_from_path(Path::new("notes.docx")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "notes.docx: unknown format \"docx\" (expected one of: ttl, trig, nt, nq, rdf)"
        );
    }

    #[test]
    fn file_graph_names_are_valid_iris() {
        let graph = file_graph_name(Path::new("/tmp/a b/数据.ttl"));
        assert_eq!(
            graph.as_str(),
            "file:///tmp/a%20b/%E6%95%B0%E6%8D%AE.ttl",
            "spaces and non-ASCII bytes are percent-encoded"
        );
        assert!(NamedNode::new(graph.as_str()).is_ok());
    }
}
