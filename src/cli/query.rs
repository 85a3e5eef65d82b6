//! `query`, `queries` and `responses`: SPARQL over the store, written out as it is computed.

use super::{
    columns, format_parser, memory_store, new_table, note, print_table, time_limit, GraphArgs,
    Stores, Usage,
};
use anyhow::{Context, Result};
use claimgraph::analysis::{ArgumentGraph, RootKind};
use claimgraph::bundled;
use claimgraph::query::{self, QueryOutput};
use claimgraph::render::{self, OutputFormat};
use claimgraph::store::{Access, Selection};
use claimgraph::validate::Shapes;
use claimgraph::{ClaimStore, SourceError};
use clap::Args;
use petgraph::graph::NodeIndex;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Args)]
pub(super) struct QueryArgs {
    /// SPARQL query text
    #[arg(conflicts_with_all = ["file", "named"])]
    query: Option<String>,

    /// Read the query from FILE
    #[arg(short, long, value_name = "FILE", conflicts_with = "named")]
    file: Option<PathBuf>,

    /// Run a named query from queries/ (see `claimgraph queries`)
    #[arg(long, value_name = "NAME")]
    named: Option<String>,

    /// Output format [default: table for SELECT and ASK, turtle for CONSTRUCT and DESCRIBE]
    #[arg(long, value_parser = format_parser())]
    format: Option<OutputFormat>,

    /// Stop the query after this many seconds (0: no limit)
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    timeout: f64,

    #[command(flatten)]
    graphs: GraphArgs,
}

pub(super) fn query(store: &ClaimStore, args: QueryArgs) -> Result<()> {
    let selection = store.select(&args.graphs.graphs)?;
    let (input, text) = query_text(&args)?;
    let timeout = time_limit(args.timeout)?;
    print_query(store, &selection, &input, &text, args.format, timeout)
}

/// The main job: which responses answer which allegation. A store that does not exist yet is
/// created with the bundled controversy, so that the first run on a new machine shows it. The
/// table comes from the argument graph where it holds the query's rows
/// ([`render::response_rows`]), else from the named query; other formats are the query's.
pub(super) fn responses(stores: &Stores, format: Option<OutputFormat>) -> Result<()> {
    let store = if stores.exists()? {
        stores.open(Access::ReadOnly)?
    } else if stores.memory {
        memory_store()?
    } else {
        let store = stores.create()?;
        let report = store
            .loader()
            .with_schema()
            .validate(&Shapes::bundled())
            .load(&bundled::data_sources())?;
        note!(
            "created the store with the bundled controversy ({} quads)",
            report.quads()
        );
        store
    };
    let named = query::named_query("responses")?;
    let Some(format) = format else {
        // The graph is kept beside the store, so its rows come in a fraction of the query's
        // time; the query answers where the graph cannot tell its rows.
        let graph = ArgumentGraph::from_store(&store)?;
        let rows = match render::response_rows(&graph) {
            Some(rows) => rows,
            None => {
                let output = query::run(&store, "queries/responses.rq", named.text)?;
                let QueryOutput::Solutions { rows, .. } = output else {
                    unreachable!("responses is a SELECT query")
                };
                rows.iter().map(render::ResponseRow::of).collect()
            }
        };
        let mut out = BufWriter::new(io::stdout().lock());
        if rows.is_empty() {
            // Most debates have no allegation: they start from what their maps conclude.
            let conclusions: Vec<(NodeIndex, RootKind)> = graph
                .roots()
                .into_iter()
                .filter(|&(_, kind)| kind != RootKind::Allegation)
                .collect();
            if !conclusions.is_empty() {
                let debates = match conclusions.len() {
                    1 => "1 debate starts".to_owned(),
                    n => format!("{n} debates start"),
                };
                writeln!(
                    out,
                    "no allegation in the store has a response; {debates} from a thesis or a \
                     conclusion instead:\n"
                )?;
                render::write_conclusion_responses(&graph, &conclusions, columns(), &mut out)?;
                out.flush()?;
                return Ok(());
            }
        }
        render::write_response_rows(&rows, columns(), &mut out)?;
        out.flush()?;
        drop(rows);
        super::leave(graph);
        return Ok(());
    };
    print_query(
        &store,
        &Selection::default(),
        "queries/responses.rq",
        named.text,
        Some(format),
        None,
    )
}

pub(super) fn queries() -> Result<()> {
    let mut table = new_table(["name", "answers"]);
    for query in bundled::NAMED_QUERIES {
        table.add_row([query.name, query.summary()]);
    }
    print_table(&mut table)
}

fn query_text(args: &QueryArgs) -> Result<(String, String)> {
    if let Some(text) = &args.query {
        return Ok(("query".to_owned(), text.clone()));
    }
    if let Some(path) = &args.file {
        let text = std::fs::read_to_string(path).map_err(|source| SourceError::Read {
            path: path.clone(),
            source,
        })?;
        return Ok((path.display().to_string(), text));
    }
    if let Some(name) = &args.named {
        let query = query::named_query(name)?;
        return Ok((format!("queries/{name}.rq"), query.text.to_owned()));
    }
    if io::stdin().is_terminal() {
        return Err(Usage(
            "no query given: pass it inline, with -f FILE, with --named NAME, or on standard input"
                .to_owned(),
        )
        .into());
    }
    let mut text = String::new();
    io::stdin()
        .read_to_string(&mut text)
        .context("cannot read the query from standard input")?;
    Ok(("stdin".to_owned(), text))
}

fn print_query(
    store: &ClaimStore,
    selection: &Selection,
    input: &str,
    text: &str,
    format: Option<OutputFormat>,
    timeout: Option<Duration>,
) -> Result<()> {
    let answer = query::execute(store, selection, input, text, timeout)?;
    let mut out = BufWriter::new(io::stdout().lock());
    render::write(answer, format, columns(), &mut out)?;
    out.flush()?;
    Ok(())
}
