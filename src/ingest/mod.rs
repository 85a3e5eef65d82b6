//! Sources to load: a name, bytes, a format and the named graph they go to.
//!
//! Reading a file and choosing its format and graph happen here, before the store is touched,
//! so that a missing file or an unknown format fails without side effects. A source is RDF in
//! one of Oxigraph's syntaxes (JSON-LD included), an argument map (AIF JSON, Argdown), a Kialo
//! discussion, or fact checks in schema.org's ClaimReview, each turned by its reader
//! ([`crate::aif`], [`crate::argdown`], [`crate::kialo`], [`crate::claimreview`]) into the
//! same triples a hand-written file would hold. A `.txt` file is a Kialo discussion when it
//! starts with `Discussion Title:`, and a `.json` file holds fact checks when it is a
//! ClaimReview or a list, `@graph` or data feed of them (AIF otherwise).
//!
//! ```
//! use claimgraph::ingest::{Source, format_from_name};
//!
//! let format = format_from_name("input", "ttl")?;
//! let source = Source::from_bytes("example.ttl", &b"<urn:a> <urn:b> <urn:c> ."[..], format, "urn:graph:example")?;
//! assert_eq!(source.graph().as_str(), "urn:graph:example");
//! # Ok::<_, claimgraph::SourceError>(())
//! ```

use crate::{aif, argdown, claimreview, kialo};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser, RdfSyntaxError};
use oxigraph::model::{Literal, NamedNode, Quad};
use std::borrow::Cow;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub mod error;
mod lines;
pub(crate) mod quads;

pub use error::SourceError;

/// What a source is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RDF in one of Oxigraph's syntaxes.
    Rdf(RdfFormat),
    /// An argument map in AIF JSON (AIFdb's export or OVA's xAIF), see [`crate::aif`].
    Aif,
    /// An argument map in Argdown, see [`crate::argdown`].
    Argdown,
    /// A discussion as Kialo exports it, see [`crate::kialo`].
    Kialo,
    /// Fact checks in schema.org's ClaimReview JSON-LD, see [`crate::claimreview`].
    ClaimReview,
}

impl Format {
    /// The names `--format` accepts, as the error for an unknown one lists them.
    pub const EXPECTED: &'static str =
        "ttl, trig, nt, nq, rdf, jsonld, json (AIF), argdown, kialo, claimreview";

    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Rdf(format) => format.name(),
            Format::Aif => "AIF JSON",
            Format::Argdown => "Argdown",
            Format::Kialo => "Kialo",
            Format::ClaimReview => "ClaimReview",
        }
    }

    /// Whether the format names its own graphs (TriG, N-Quads, JSON-LD), so that a source in
    /// it adds to the graphs it names instead of replacing one.
    pub fn supports_datasets(self) -> bool {
        matches!(self, Format::Rdf(format) if format.supports_datasets())
    }
}

impl From<RdfFormat> for Format {
    fn from(format: RdfFormat) -> Self {
        Format::Rdf(format)
    }
}

/// The language of text in argument maps whose format cannot say it: BCP 47's "undetermined",
/// rather than a guess.
pub const UNDETERMINED_LANGUAGE: &str = "und";

/// One input, read into memory and ready to load.
#[derive(Debug, Clone)]
pub struct Source {
    name: String,
    content: Cow<'static, [u8]>,
    format: Format,
    graph: NamedNode,
    language: String,
    /// The records a ClaimReview feed left out, once its quads have been read.
    skipped: OnceLock<Vec<claimreview::Skipped>>,
}

impl Source {
    /// Reads `path`; the format comes from `format`, or else the extension and, for `.txt`
    /// and `.json`, the content; the graph from `graph` or else the file's `file:` IRI.
    pub fn from_file(
        path: &Path,
        format: Option<Format>,
        graph: Option<&str>,
    ) -> Result<Self, SourceError> {
        let name = path.display().to_string();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        // A `.txt` file says what it is only in its content; any other unknown extension is
        // refused before the file is read.
        let named = match format {
            Some(format) => Some(format),
            None if extension == "txt" => None,
            None => Some(format_from_path(path)?),
        };
        let content = std::fs::read(path).map_err(|source| SourceError::Read {
            path: path.to_owned(),
            source,
        })?;
        let format = match named {
            Some(Format::Aif) if format.is_none() && claimreview::holds_reviews(&content) => {
                Format::ClaimReview
            }
            Some(format) => format,
            None if ::kialo::is_export(&content) => Format::Kialo,
            None => {
                return Err(SourceError::UnknownFormat {
                    input: name,
                    format: extension,
                    expected: Format::EXPECTED,
                })
            }
        };
        let graph = match graph {
            Some(iri) => parse_graph_name(&name, iri)?,
            None => file_graph_name(path),
        };
        Ok(Self {
            name,
            content: Cow::Owned(content),
            format,
            graph,
            language: UNDETERMINED_LANGUAGE.to_owned(),
            skipped: OnceLock::new(),
        })
    }

    /// Wraps bytes that are already in memory, such as the bundled data.
    pub fn from_bytes(
        name: impl Into<String>,
        content: impl Into<Cow<'static, [u8]>>,
        format: impl Into<Format>,
        graph: &str,
    ) -> Result<Self, SourceError> {
        let name = name.into();
        let graph = parse_graph_name(&name, graph)?;
        Ok(Self {
            name,
            content: content.into(),
            format: format.into(),
            graph,
            language: UNDETERMINED_LANGUAGE.to_owned(),
            skipped: OnceLock::new(),
        })
    }

    /// Says which language the text of an argument map is in (a BCP 47 tag such as `en`);
    /// RDF carries its own language tags and ignores this. Without it, map text is tagged
    /// [`UNDETERMINED_LANGUAGE`].
    pub fn with_language(mut self, tag: &str) -> Result<Self, SourceError> {
        let tag = Literal::new_language_tagged_literal("", tag)
            .map_err(|_| SourceError::Language {
                input: self.name.clone(),
                tag: tag.to_owned(),
            })?
            .language()
            .unwrap_or(UNDETERMINED_LANGUAGE)
            .to_owned();
        self.language = tag;
        Ok(self)
    }

    /// The records of a ClaimReview feed that were left out, each with its place and why;
    /// empty for other formats, and until [`Source::quads`] has read the source.
    pub fn skipped(&self) -> &[claimreview::Skipped] {
        self.skipped.get().map_or(&[], Vec::as_slice)
    }

    /// The language tag given to the text of an argument map.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The name used in messages: a file path or a bundled file's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The raw bytes.
    pub fn content(&self) -> &[u8] {
        &self.content
    }

    /// The format.
    pub fn format(&self) -> Format {
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
    /// sources never share one by accident. An argument map is read whole (maps are small)
    /// and checked before its first quad is given.
    pub fn quads(
        &self,
    ) -> Result<Box<dyn Iterator<Item = Result<Quad, SourceError>> + '_>, SourceError> {
        let format = match self.format {
            Format::Rdf(format) => format,
            Format::Aif => {
                let map = aif::Map::from_json(&self.name, &self.content)?;
                let quads = map.to_quads(&self.name, &self.graph, &self.language)?;
                return Ok(Box::new(quads.into_iter().map(Ok)));
            }
            Format::Argdown => {
                let text = self.text()?;
                let doc = ::argdown::parse(text).map_err(|e| SourceError::Syntax {
                    input: self.name.clone(),
                    location: Some((e.location().line as u64, e.location().column as u64)),
                    message: e.message().to_owned(),
                })?;
                let quads =
                    argdown::import::to_quads(&doc, &self.name, &self.graph, &self.language)?;
                return Ok(Box::new(quads.into_iter().map(Ok)));
            }
            Format::Kialo => {
                let text = self.text()?;
                let discussion = ::kialo::parse(text).map_err(|e| SourceError::Syntax {
                    input: self.name.clone(),
                    location: Some((e.location().line as u64, e.location().column as u64)),
                    message: e.message().to_owned(),
                })?;
                let quads =
                    kialo::import::to_quads(&discussion, &self.name, &self.graph, &self.language)?;
                return Ok(Box::new(quads.into_iter().map(Ok)));
            }
            Format::ClaimReview => {
                let read =
                    claimreview::read(&self.name, &self.content, &self.graph, &self.language)?;
                // A second read of the same source finds the same records left out.
                let _ = self.skipped.set(read.skipped);
                return Ok(Box::new(read.quads.into_iter().map(Ok)));
            }
        };
        let parser = self.rdf_parser(format)?.rename_blank_nodes();
        Ok(Box::new(parser.for_slice(&self.content).map(|quad| {
            quad.map_err(|error| syntax_error(&self.name, error, 0))
        })))
    }

    /// The quads of the source, as [`Source::quads`] gives them, in chunks of about `chunk`
    /// handed to `each` in the source's order until it breaks or fails. A large N-Triples or
    /// N-Quads source is parsed on every core (see `lines.rs`).
    pub fn chunks<E: From<SourceError>>(
        &self,
        chunk: usize,
        mut each: impl FnMut(Vec<Quad>) -> Result<ControlFlow<()>, E>,
    ) -> Result<ControlFlow<()>, E> {
        if let Format::Rdf(format @ (RdfFormat::NTriples | RdfFormat::NQuads)) = self.format {
            if let Some(pieces) = lines::Pieces::of(&self.content) {
                return pieces.parse(self, &self.rdf_parser(format)?, each);
            }
        }
        let mut quads = self.quads()?;
        let mut held = Vec::with_capacity(chunk);
        loop {
            held.extend(quads.by_ref().take(chunk));
            if held.is_empty() {
                return Ok(ControlFlow::Continue(()));
            }
            let quads = held.drain(..).collect::<Result<Vec<Quad>, _>>()?;
            if each(quads)?.is_break() {
                return Ok(ControlFlow::Break(()));
            }
        }
    }

    /// The parser of an RDF source: relative IRIs against its graph, default-graph triples
    /// into it, and for a triple format no named graph at all.
    fn rdf_parser(&self, format: RdfFormat) -> Result<RdfParser, SourceError> {
        let parser = RdfParser::from_format(format)
            .with_base_iri(self.graph.as_str())
            .map_err(|_| SourceError::GraphName {
                input: self.name.clone(),
                iri: self.graph.as_str().to_owned(),
            })?
            .with_default_graph(self.graph.clone());
        Ok(if self.is_dataset() {
            parser
        } else {
            parser.without_named_graphs()
        })
    }

    /// The content as text, for the formats that are text.
    fn text(&self) -> Result<&str, SourceError> {
        std::str::from_utf8(&self.content).map_err(|e| SourceError::Syntax {
            input: self.name.clone(),
            location: None,
            message: format!("not UTF-8: {e}"),
        })
    }

    /// The error for a source without a statement. Such an input is refused: loading it would
    /// silently empty the graph it replaces, which is never what someone who names a file means.
    pub fn empty(&self) -> SourceError {
        SourceError::Empty {
            input: self.name.clone(),
        }
    }
}

/// `lines_before`: the lines of the source before the text the parser was given.
fn syntax_error(input: &str, error: RdfSyntaxError, lines_before: u64) -> SourceError {
    let location = error
        .location()
        .map(|range| (lines_before + range.start.line + 1, range.start.column + 1));
    let text = error.to_string();
    // The parser's message repeats the position in words ("Parser error at line 3 column 5:
    // ..."); keep only what follows, since the position is printed first.
    let message = match (location, text.split_once(": ")) {
        (Some(_), Some((head, rest))) if head.starts_with("Parser error") => rest.to_owned(),
        _ => text,
    };
    SourceError::Syntax {
        input: input.to_owned(),
        location,
        message,
    }
}

/// The format for a file, from its extension.
pub fn format_from_path(path: &Path) -> Result<Format, SourceError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    format_from_name(&path.display().to_string(), extension)
}

/// The format for a name or extension such as `ttl`, `turtle`, `trig`, `nt`, `nq`, `rdf`,
/// `jsonld`, `json` and `aif` for AIF JSON argument maps, `argdown`, `kialo` or
/// `claimreview`.
pub fn format_from_name(input: &str, name: &str) -> Result<Format, SourceError> {
    let rdf = match name.to_ascii_lowercase().as_str() {
        "ttl" | "turtle" => RdfFormat::Turtle,
        "trig" => RdfFormat::TriG,
        "nt" | "ntriples" | "n-triples" => RdfFormat::NTriples,
        "nq" | "nquads" | "n-quads" => RdfFormat::NQuads,
        "rdf" | "owl" | "xml" | "rdfxml" | "rdf-xml" => RdfFormat::RdfXml,
        "jsonld" | "json-ld" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        // AIFdb and OVA save maps as plain `.json`; JSON-LD has its own extension.
        "json" | "aif" => return Ok(Format::Aif),
        "argdown" | "ad" => return Ok(Format::Argdown),
        "kialo" => return Ok(Format::Kialo),
        "claimreview" => return Ok(Format::ClaimReview),
        other => {
            return Err(SourceError::UnknownFormat {
                input: input.to_owned(),
                format: other.to_owned(),
                expected: Format::EXPECTED,
            })
        }
    };
    Ok(Format::Rdf(rdf))
}

fn parse_graph_name(input: &str, iri: &str) -> Result<NamedNode, SourceError> {
    NamedNode::new(iri).map_err(|_| SourceError::GraphName {
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
            ("a.ttl", Format::Rdf(RdfFormat::Turtle)),
            ("a.TRIG", Format::Rdf(RdfFormat::TriG)),
            ("a.nt", Format::Rdf(RdfFormat::NTriples)),
            ("a.nq", Format::Rdf(RdfFormat::NQuads)),
            ("a.rdf", Format::Rdf(RdfFormat::RdfXml)),
            (
                "a.jsonld",
                Format::Rdf(RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                }),
            ),
            ("map.json", Format::Aif),
        ] {
            assert_eq!(format_from_path(Path::new(file)).unwrap(), format);
        }
    }

    #[test]
    fn unknown_extension_names_the_file() {
        let err = format_from_path(Path::new("notes.docx")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "notes.docx: unknown format \"docx\" (expected one of: ttl, trig, nt, nq, rdf, jsonld, json (AIF), argdown, kialo, claimreview)"
        );
    }

    #[test]
    fn a_txt_or_json_file_says_its_format_in_its_content() {
        let dir = std::env::temp_dir().join(format!("claimgraph-detect-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, content, expected) in [
            (
                "d.txt",
                "\u{feff}Discussion Title: T\n\n1. A\n",
                Ok(Format::Kialo),
            ),
            ("n.txt", "Notes\n", Err("unknown format \"txt\"")),
            (
                "c.json",
                r#"[{"type": "ClaimReview"}]"#,
                Ok(Format::ClaimReview),
            ),
            (
                "f.json",
                r#"{"dataFeedElement": [{"item": [{"@type": "schema:ClaimReview"}]}]}"#,
                Ok(Format::ClaimReview),
            ),
            (
                "m.json",
                r#"{"nodes": [{"text": "a ClaimReview"}], "edges": []}"#,
                Ok(Format::Aif),
            ),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, content).unwrap();
            let found = Source::from_file(&path, None, None).map(|s| s.format());
            match (found, expected) {
                (Ok(found), Ok(expected)) => assert_eq!(found, expected, "{name}"),
                (Err(error), Err(message)) => {
                    assert!(error.to_string().contains(message), "{error}")
                }
                (found, expected) => panic!("{name}: {found:?}, expected {expected:?}"),
            }
        }
        let forced =
            Source::from_file(&dir.join("m.json"), Some(Format::ClaimReview), None).unwrap();
        assert_eq!(
            forced.format(),
            Format::ClaimReview,
            "--format wins over the content"
        );
        std::fs::remove_dir_all(&dir).unwrap();
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
