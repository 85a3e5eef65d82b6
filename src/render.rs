//! Printing query results: a readable table, the SPARQL results formats, or RDF for graphs.
//!
//! ```
//! use claimgraph::render::{write, OutputFormat};
//! use claimgraph::query::QueryOutput;
//!
//! let mut out = Vec::new();
//! write(&QueryOutput::Boolean(true), Some(OutputFormat::Json), &mut out)?;
//! assert_eq!(String::from_utf8(out)?, r#"{"head":{},"boolean":true}"#);
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use crate::analysis::TraceNode;
use crate::error::RenderError;
use crate::query::{prefixes, QueryOutput};
use crate::vocab;
use comfy_table::{presets, ContentArrangement, Table};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::{self, Write};

/// How to print a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// A table for people (`SELECT`, `ASK`).
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL XML results.
    Xml,
    /// Turtle, with the ontology's prefixes (`CONSTRUCT`, `DESCRIBE`).
    Turtle,
    /// N-Triples.
    NTriples,
    /// N-Quads.
    NQuads,
    /// TriG.
    TriG,
}

impl OutputFormat {
    /// Every format, in the order they are offered.
    pub const ALL: [Self; 9] = [
        Self::Table,
        Self::Csv,
        Self::Tsv,
        Self::Json,
        Self::Xml,
        Self::Turtle,
        Self::NTriples,
        Self::NQuads,
        Self::TriG,
    ];

    /// The format with this [`name`](Self::name), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Json => "json",
            Self::Xml => "xml",
            Self::Turtle => "turtle",
            Self::NTriples => "ntriples",
            Self::NQuads => "nquads",
            Self::TriG => "trig",
        }
    }
}

const RESULTS_FORMATS: &str = "table, csv, tsv, json or xml";
const GRAPH_FORMATS: &str = "turtle, ntriples, nquads or trig";

/// Prints `output` in `format`, or in its default (table for solutions and booleans, Turtle for
/// graphs).
pub fn write(
    output: &QueryOutput,
    format: Option<OutputFormat>,
    out: &mut impl Write,
) -> Result<(), RenderError> {
    match output {
        QueryOutput::Solutions { variables, rows } => match results_format(format, "SELECT")? {
            None => write_table(variables, rows, out)?,
            Some(format) => {
                let mut serializer = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(&mut *out, variables.clone())?;
                for row in rows {
                    serializer.serialize(row)?;
                }
                serializer.finish()?;
            }
        },
        QueryOutput::Boolean(value) => match results_format(format, "ASK")? {
            None => writeln!(out, "{value}")?,
            Some(format) => {
                QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(&mut *out, *value)?;
            }
        },
        QueryOutput::Graph(triples) => {
            let format = match format.unwrap_or(OutputFormat::Turtle) {
                OutputFormat::Turtle => RdfFormat::Turtle,
                OutputFormat::NTriples => RdfFormat::NTriples,
                OutputFormat::NQuads => RdfFormat::NQuads,
                OutputFormat::TriG => RdfFormat::TriG,
                other => return Err(mismatch(other, "CONSTRUCT/DESCRIBE", GRAPH_FORMATS)),
            };
            let mut serializer = RdfSerializer::from_format(format);
            for (prefix, iri) in prefixes() {
                serializer = serializer
                    .with_prefix(prefix, iri)
                    .expect("the predeclared prefixes are valid IRIs");
            }
            let mut writer = serializer.for_writer(&mut *out);
            for triple in triples {
                writer.serialize_triple(triple)?;
            }
            writer.finish()?;
        }
    }
    Ok(())
}

/// `None` means the table; otherwise the SPARQL results format asked for.
fn results_format(
    format: Option<OutputFormat>,
    kind: &'static str,
) -> Result<Option<QueryResultsFormat>, RenderError> {
    Ok(match format.unwrap_or(OutputFormat::Table) {
        OutputFormat::Table => None,
        OutputFormat::Csv => Some(QueryResultsFormat::Csv),
        OutputFormat::Tsv => Some(QueryResultsFormat::Tsv),
        OutputFormat::Json => Some(QueryResultsFormat::Json),
        OutputFormat::Xml => Some(QueryResultsFormat::Xml),
        other => return Err(mismatch(other, kind, RESULTS_FORMATS)),
    })
}

fn mismatch(format: OutputFormat, kind: &'static str, allowed: &'static str) -> RenderError {
    RenderError::FormatMismatch {
        format: format.name(),
        kind,
        allowed,
    }
}

fn write_table(
    variables: &[oxigraph::sparql::Variable],
    rows: &[oxigraph::sparql::QuerySolution],
    out: &mut impl Write,
) -> io::Result<()> {
    let known: Vec<(&str, &str)> = prefixes().collect();
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(variables.iter().map(|v| v.as_str()));
    for row in rows {
        table.add_row(variables.iter().map(|v| {
            row.get(v)
                .map(|t| display_term(t, &known))
                .unwrap_or_default()
        }));
    }
    writeln!(out, "{table}")?;
    let plural = if rows.len() == 1 { "" } else { "s" };
    writeln!(out, "({} row{plural})", rows.len())
}

/// Prints a response tree as an indented outline: the relation, the claim, who made it, the
/// likes, and the quote on the line below.
pub fn write_trace(tree: &TraceNode, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", describe(tree))?;
    write_quote(tree, None, "", out)?;
    write_children(tree, "", out)
}

fn write_children(node: &TraceNode, indent: &str, out: &mut impl Write) -> io::Result<()> {
    for (i, child) in node.children.iter().enumerate() {
        let last = i + 1 == node.children.len();
        let (branch, next) = if last {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        writeln!(out, "{indent}{branch}{}", describe(child))?;
        let inner = format!("{indent}{next}");
        write_quote(child, node.claim.quote.as_deref(), &inner, out)?;
        write_children(child, &inner, out)?;
    }
    Ok(())
}

/// The quote under a claim, unless it is the parent's own (premises stated in one post).
fn write_quote(
    node: &TraceNode,
    parent_quote: Option<&str>,
    indent: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    match &node.claim.quote {
        Some(quote) if Some(quote.as_str()) != parent_quote => {
            let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
            writeln!(out, "{indent}   “{quote}”")
        }
        _ => Ok(()),
    }
}

fn describe(node: &TraceNode) -> String {
    let mut text = String::new();
    if let Some(relation) = &node.relation {
        text.push_str(relation);
        if let Some(scheme) = &node.scheme {
            text.push_str(&format!(" [{scheme}]"));
        }
        text.push_str(": ");
    }
    text.push_str(&node.claim.label);
    if let Some(claimant) = &node.claim.claimant {
        text.push_str(&format!(" — {}", claimant.label));
    }
    if let Some(likes) = node.claim.likes {
        text.push_str(&format!(" · {likes} likes"));
    }
    if node.cycle {
        text.push_str(" ↺ (cycle: already on this path)");
    }
    text
}

/// A term as a person reads it: IRIs abbreviated where a prefix fits, literals as their text.
pub fn display_term(term: &Term, prefixes: &[(&str, &str)]) -> String {
    match term {
        Term::NamedNode(node) => vocab::abbreviate(node.as_str(), prefixes)
            .unwrap_or_else(|| format!("<{}>", node.as_str())),
        Term::BlankNode(node) => node.to_string(),
        Term::Literal(literal) => literal.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};
    use oxigraph::sparql::{QuerySolution, Variable};

    fn one_row() -> QueryOutput {
        let variables = vec![
            Variable::new_unchecked("who"),
            Variable::new_unchecked("text"),
        ];
        let row = QuerySolution::from((
            variables.clone(),
            vec![
                Some(NamedNode::new_unchecked(format!("{}Claim", vocab::NAMESPACE)).into()),
                Some(Literal::new_language_tagged_literal_unchecked("你好", "zh").into()),
            ],
        ));
        QueryOutput::Solutions {
            variables,
            rows: vec![row],
        }
    }

    #[test]
    fn tables_abbreviate_iris_and_show_literal_text() {
        let mut out = Vec::new();
        write(&one_row(), None, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("cg:Claim"), "{text}");
        assert!(text.contains("你好") && !text.contains("@zh"), "{text}");
        assert!(text.ends_with("(1 row)\n"), "{text}");
    }

    #[test]
    fn csv_is_the_sparql_results_format() {
        let mut out = Vec::new();
        write(&one_row(), Some(OutputFormat::Csv), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "who,text\r\nhttps://w3id.org/claimgraph/ns#Claim,你好\r\n"
        );
    }

    #[test]
    fn graph_formats_are_refused_for_solutions() {
        let err = write(&one_row(), Some(OutputFormat::Turtle), &mut Vec::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "turtle cannot print SELECT results (use table, csv, tsv, json or xml)"
        );
    }
}
