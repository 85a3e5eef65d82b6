//! Printing query results: a readable table, the SPARQL results formats, or RDF for graphs;
//! and what a store holds, as RDF ([`write_store`]).
//!
//! ```
//! use claimgraph::render::{write, OutputFormat};
//! use claimgraph::{query, ClaimStore};
//!
//! let store = ClaimStore::in_memory()?;
//! let answer = query::execute(&store, &Default::default(), "query", "ASK {}", None)?;
//! let mut out = Vec::new();
//! write(answer, Some(OutputFormat::Json), None, &mut out)?;
//! assert_eq!(String::from_utf8(out)?, r#"{"head":{},"boolean":true}"#);
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use crate::query::{prefixes, Answer, QueryError};
use crate::vocab;
use comfy_table::{presets, Cell, ContentArrangement, Row, Table};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use oxigraph::store::StorageError;
use std::io::{self, Write};

mod dataset;
mod responses;
mod trace;
mod wrap;
pub use dataset::write_store;
pub use responses::{
    response_rows, truncate, write_conclusion_responses, write_response_rows, write_responses,
    ResponseRow,
};
pub use trace::write_trace;
pub use wrap::{printable, text_width, width, wrap};

/// A result could not be printed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The format does not fit the kind of result.
    #[error("{format} cannot print {kind} results (use {allowed})")]
    FormatMismatch {
        /// The requested format.
        format: &'static str,
        /// The kind of result.
        kind: &'static str,
        /// The formats that fit.
        allowed: &'static str,
    },
    /// Writing failed (a closed pipe, a full disk...).
    #[error("cannot write results")]
    Io(#[from] io::Error),
    /// The query failed while its results were being written.
    #[error(transparent)]
    Query(QueryError),
    /// The store could not be read while its content was being written out.
    #[error("cannot read the store")]
    Storage(#[from] StorageError),
}

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
    /// JSON-LD.
    JsonLd,
}

impl OutputFormat {
    /// Every format, in the order they are offered.
    pub const ALL: [Self; 10] = [
        Self::Table,
        Self::Csv,
        Self::Tsv,
        Self::Json,
        Self::Xml,
        Self::Turtle,
        Self::NTriples,
        Self::NQuads,
        Self::TriG,
        Self::JsonLd,
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
            Self::JsonLd => "jsonld",
        }
    }
}

const RESULTS_FORMATS: &str = "table, csv, tsv, json or xml";
const GRAPH_FORMATS: &str = "turtle, ntriples, nquads, trig or jsonld";

/// Writes the results of a query in `format`, or in its default (table for solutions and
/// booleans, Turtle for graphs), as they are computed: only the table, whose columns must fit
/// every row, holds them all in memory, and is fitted to `columns` when given
/// ([`fit_table`]). Returns the number of rows or triples written.
pub fn write(
    answer: Answer,
    format: Option<OutputFormat>,
    columns: Option<usize>,
    out: &mut impl Write,
) -> Result<usize, RenderError> {
    let timeout = answer.timeout;
    let failed = |e| RenderError::Query(QueryError::evaluation(e, timeout));
    let mut count = 0;
    match answer.results {
        QueryResults::Solutions(solutions) => match results_format(format, "SELECT")? {
            None => {
                let variables = solutions.variables().to_vec();
                let rows = solutions.collect::<Result<Vec<_>, _>>().map_err(failed)?;
                count = rows.len();
                write_table(&variables, &rows, columns, out)?;
            }
            Some(format) => {
                let mut serializer = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())?;
                for row in solutions {
                    serializer.serialize(&row.map_err(failed)?)?;
                    count += 1;
                }
                serializer.finish()?;
            }
        },
        QueryResults::Boolean(value) => match results_format(format, "ASK")? {
            None => writeln!(out, "{value}")?,
            Some(format) => {
                QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(&mut *out, value)?;
            }
        },
        QueryResults::Graph(triples) => {
            let format = match format.unwrap_or(OutputFormat::Turtle) {
                OutputFormat::Turtle => RdfFormat::Turtle,
                OutputFormat::NTriples => RdfFormat::NTriples,
                OutputFormat::NQuads => RdfFormat::NQuads,
                OutputFormat::TriG => RdfFormat::TriG,
                OutputFormat::JsonLd => RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                },
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
                writer.serialize_triple(&triple.map_err(failed)?)?;
                count += 1;
            }
            writer.finish()?;
        }
    }
    Ok(count)
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
    columns: Option<usize>,
    out: &mut impl Write,
) -> io::Result<()> {
    let known: Vec<(&str, &str)> = prefixes().collect();
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_header(variables.iter().map(|v| v.as_str()));
    for row in rows {
        table.add_row(variables.iter().map(|v| {
            row.get(v)
                .map(|t| display_term(t, &known))
                .unwrap_or_default()
        }));
    }
    fit_table(&mut table, columns);
    writeln!(out, "{table}")?;
    let plural = if rows.len() == 1 { "" } else { "s" };
    writeln!(out, "({} row{plural})", rows.len())
}

/// Fits `table` into `columns` display columns, when there is a width to fit to: each row on
/// one line, and a cell that does not fit cut with an ellipsis rather than wrapped into a column
/// of fragments. Columns share the width as comfy-table's dynamic arrangement shares it.
pub fn fit_table(table: &mut Table, columns: Option<usize>) {
    let Some(columns) = columns else {
        return;
    };
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(columns).unwrap_or(u16::MAX))
        .set_truncation_indicator("…");
    for row in table.row_iter_mut() {
        row.max_height(1);
    }
    if let Some(header) = table.header() {
        let mut header = Row::from(header.cell_iter().map(Cell::content));
        header.max_height(1);
        table.set_header(header);
    }
}

/// A term as a person reads it: IRIs abbreviated where a prefix fits, literals as their text.
pub fn display_term(term: &Term, prefixes: &[(&str, &str)]) -> String {
    match term {
        Term::NamedNode(node) => vocab::abbreviate(node.as_str(), prefixes)
            .unwrap_or_else(|| format!("<{}>", node.as_str())),
        Term::BlankNode(node) => node.to_string(),
        Term::Literal(literal) => printable(literal.value()).into_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ClaimStore;

    fn one_row(format: Option<OutputFormat>) -> Result<String, RenderError> {
        let store = ClaimStore::in_memory().unwrap();
        let sparql = r#"SELECT ?who ?text WHERE { VALUES (?who ?text) { (cg:Claim "你好"@zh) } }"#;
        let answer = crate::query::execute(&store, &Default::default(), "q", sparql, None).unwrap();
        let mut out = Vec::new();
        write(answer, format, None, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn tables_abbreviate_iris_and_show_literal_text() {
        let text = one_row(None).unwrap();
        assert!(text.contains("cg:Claim"), "{text}");
        assert!(text.contains("你好") && !text.contains("@zh"), "{text}");
        assert!(text.ends_with("(1 row)\n"), "{text}");
    }

    #[test]
    fn csv_is_the_sparql_results_format() {
        assert_eq!(
            one_row(Some(OutputFormat::Csv)).unwrap(),
            "who,text\r\nhttps://w3id.org/claimgraph/ns#Claim,你好\r\n"
        );
    }

    #[test]
    fn graph_formats_are_refused_for_solutions() {
        let err = one_row(Some(OutputFormat::Turtle)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "turtle cannot print SELECT results (use table, csv, tsv, json or xml)"
        );
    }
}
