//! The command line: parses flags with clap, turns them into calls on the library and prints.
//! This module and `main.rs` are the only places that know clap or anyhow.

use anyhow::{bail, Context, Result};
use claimgraph::analysis::{self, ArgumentGraph};
use claimgraph::bundled;
use claimgraph::dung::{self, Label};
use claimgraph::export::{self, Cluster, ImageFormat, Lang};
use claimgraph::iccma::{self, IccmaFormat};
use claimgraph::ingest::{format_from_name, Source};
use claimgraph::query;
use claimgraph::render::{self, OutputFormat};
use claimgraph::{ClaimStore, LoadReport};
use claimgraph::{LoadError, QueryError};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use comfy_table::{presets, Table};
use oxigraph::model::NamedNodeRef;
use petgraph::graph::NodeIndex;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  unexpected error
  2  bad command-line usage
  3  bad input data: missing or unreadable file, unknown format, RDF or framework syntax error
  4  bad query: unknown named query or claim, SPARQL syntax or evaluation error, unfit format
  5  store unavailable: held by another process, or cannot be opened
  6  rendering failed: Graphviz's `dot` is missing or failed";

/// Who claimed what in a public controversy, and who answered it: an RDF knowledge graph in an
/// embedded Oxigraph store, queried with SPARQL.
#[derive(Debug, Parser)]
#[command(name = "claimgraph", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// Directory of the on-disk store [default: $XDG_DATA_HOME/claimgraph/store, else
    /// ~/.local/share/claimgraph/store]
    #[arg(long, global = true, env = "CLAIMGRAPH_STORE", value_name = "PATH")]
    store: Option<PathBuf>,

    /// Use a throwaway in-memory store that starts with the bundled ontology and data
    /// (overrides --store)
    #[arg(long, global = true)]
    memory: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print which responses answer which allegation (loads the bundled controversy into an
    /// empty store first)
    Responses {
        /// Output format
        #[arg(long, value_parser = format_parser())]
        format: Option<OutputFormat>,
    },
    /// Load the bundled ontology, shapes and controversy, replacing their graphs
    Init,
    /// Load RDF files, each into its own named graph; all files or none
    Load(LoadArgs),
    /// Run a SPARQL query (inline, from a file, by name, or from standard input)
    Query(QueryArgs),
    /// Show the tree of premises and responses under each allegation (or under CLAIM)
    Trace {
        /// A claim's IRI or local name [default: every allegation that answers nothing]
        claim: Option<String>,
        /// Output format: text or json
        #[arg(long, value_parser = ["text", "json"], default_value = "text")]
        format: String,
    },
    /// Figures per allegation, who attacks whom, and which claims stand (Dung semantics)
    Analyze(AnalyzeArgs),
    /// Draw the argument map as DOT, SVG or PNG (SVG and PNG need Graphviz's `dot`)
    Export(ExportArgs),
    /// List the named graphs in the store with their sizes
    Graphs,
    /// List the named queries shipped in queries/
    Queries,
}

#[derive(Debug, Args)]
struct LoadArgs {
    /// RDF format for all files: ttl, trig, nt, nq or rdf [default: from each file's extension]
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,

    /// Named graph IRI for the file [default: the file's file: IRI]; only with a single file
    #[arg(long, value_name = "IRI")]
    graph: Option<String>,

    /// Turtle, TriG, N-Triples, N-Quads or RDF/XML files
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// What to write
    #[arg(value_parser = ["dot", "svg", "png"])]
    format: String,
    /// Output file [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Draw only the neighbourhood of this claim or actor (IRI or local name)
    #[arg(long, value_name = "IRI_OR_LOCAL_NAME")]
    focus: Option<String>,
    /// How many links from the focus to follow
    #[arg(long, default_value_t = 2, requires = "focus")]
    depth: usize,
    /// Label language (falls back to English where a Chinese label is missing)
    #[arg(long, value_parser = ["en", "zh"], default_value = "en")]
    lang: String,
    /// Group claims by the faction of their quote, or by claimant
    #[arg(long, value_parser = ["none", "faction", "actor"], default_value = "none")]
    cluster: String,
    /// Leave out the quotes
    #[arg(long)]
    no_quotes: bool,
    /// Leave out the actors
    #[arg(long)]
    no_actors: bool,
}

#[derive(Debug, Args)]
struct AnalyzeArgs {
    /// Argumentation semantics
    #[arg(long, value_parser = ["grounded", "preferred"], default_value = "grounded")]
    semantics: String,
    /// Write the labels back into the store, in their own named graph
    #[arg(long, conflicts_with = "framework")]
    write: bool,
    /// Analyse an ICCMA framework file (.apx, .tgf, .af) instead of the store, and print the
    /// extension(s) as ICCMA solvers do
    #[arg(long, value_name = "FILE")]
    framework: Option<PathBuf>,
    /// Output format: text or json
    #[arg(long, value_parser = ["text", "json"], default_value = "text")]
    format: String,
}

#[derive(Debug, Args)]
struct QueryArgs {
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
}

/// `--format`: the library's format names, offered as clap's possible values.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = OutputFormat> {
    PossibleValuesParser::new(OutputFormat::ALL.map(OutputFormat::name))
        .map(|name| OutputFormat::from_name(&name).expect("clap only accepts the names offered"))
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    if let Command::Analyze(AnalyzeArgs {
        framework: Some(path),
        semantics,
        ..
    }) = &cli.command
    {
        return analyze_framework(path, semantics);
    }
    let store = open_store(&cli)?;
    match cli.command {
        Command::Responses { format } => {
            if store.is_empty()? {
                let report = store.load_with_schema(&bundled::data_sources())?;
                eprintln!(
                    "the store was empty: loaded the bundled controversy ({} quads)",
                    report.quads()
                );
            }
            let named = bundled::named_query("responses")?;
            print_query(&store, "queries/responses.rq", named.text, format)
        }
        Command::Init => {
            let mut sources = bundled::schema_sources();
            sources.extend(bundled::data_sources());
            print_report(&store.load(&sources)?, &store)
        }
        Command::Load(args) => load(&store, args),
        Command::Query(args) => {
            let (input, text) = query_text(&args)?;
            print_query(&store, &input, &text, args.format)
        }
        Command::Trace { claim, format } => {
            let graph = ArgumentGraph::from_store(&store)?;
            let roots = match claim {
                Some(name) => vec![graph.find(&name).ok_or(QueryError::UnknownClaim { name })?],
                None => graph.root_allegations(),
            };
            let trees: Vec<_> = roots
                .into_iter()
                .map(|r| analysis::trace(&graph, r))
                .collect();
            let mut out = BufWriter::new(io::stdout().lock());
            if format == "json" {
                serde_json::to_writer_pretty(&mut out, &trees)?;
                writeln!(out)?;
            } else {
                for tree in &trees {
                    render::write_trace(tree, &mut out)?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
            Ok(())
        }
        Command::Analyze(args) => analyze_store(&store, &args),
        Command::Export(args) => export(&store, &args),
        Command::Graphs => {
            let mut table = new_table(["graph", "quads"]);
            for (graph, quads) in store.graphs()? {
                table.add_row([graph.to_string(), quads.to_string()]);
            }
            print_table(&table)
        }
        Command::Queries => {
            let mut table = new_table(["name", "answers"]);
            for query in bundled::NAMED_QUERIES {
                table.add_row([query.name, query.summary()]);
            }
            print_table(&table)
        }
    }
}

fn export(store: &ClaimStore, args: &ExportArgs) -> Result<()> {
    let graph = ArgumentGraph::from_store(store)?;
    let focus = match &args.focus {
        None => None,
        Some(name) => {
            let roots = match graph.find(name) {
                Some(claim) => vec![claim],
                None => export::claims_of_actor(&graph, name),
            };
            if roots.is_empty() {
                return Err(QueryError::UnknownClaim { name: name.clone() }.into());
            }
            Some((roots, args.depth))
        }
    };
    let options = export::Options {
        lang: if args.lang == "zh" {
            Lang::Zh
        } else {
            Lang::En
        },
        quotes: !args.no_quotes,
        actors: !args.no_actors,
        cluster: match args.cluster.as_str() {
            "faction" => Cluster::Faction,
            "actor" => Cluster::Actor,
            _ => Cluster::None,
        },
        focus,
        ..export::Options::default()
    };
    let dot = export::print(&export::to_dot(&graph, &options));
    let bytes = match args.format.as_str() {
        "svg" => export::render(&dot, ImageFormat::Svg)?,
        "png" => export::render(&dot, ImageFormat::Png)?,
        _ => dot.into_bytes(),
    };
    match &args.output {
        Some(path) => std::fs::write(path, bytes)
            .with_context(|| format!("{}: cannot write the map", path.display()))?,
        None => io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
}

/// `analyze --framework FILE`: ICCMA in, ICCMA out.
fn analyze_framework(path: &Path, semantics: &str) -> Result<()> {
    let format = IccmaFormat::from_path(path)?;
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    let af = iccma::parse(&path.display().to_string(), &text, format)?;
    let output = if semantics == "preferred" {
        iccma::write_extensions(format, &af, &dung::preferred(&af))
    } else {
        let labels = dung::grounded(&af);
        let extension: Vec<_> = af
            .node_indices()
            .filter(|a| labels[a.index()] == Label::In)
            .collect();
        iccma::write_extension(format, &af, &extension)
    };
    io::stdout().lock().write_all(output.as_bytes())?;
    Ok(())
}

/// Figures per root allegation, actor attacks and a semantics, from the store.
#[derive(serde::Serialize)]
struct Analysis {
    allegations: Vec<analysis::Figures>,
    actor_attacks: Vec<(String, String, usize)>,
    semantics: String,
    labels: Vec<(String, String)>,
    extensions: Vec<Vec<String>>,
}

fn analyze_store(store: &ClaimStore, args: &AnalyzeArgs) -> Result<()> {
    let graph = ArgumentGraph::from_store(store)?;
    let label_of = |n: NodeIndex| graph.graph[n].label.clone();
    let (labels, extensions, triples, target) = if args.semantics == "preferred" {
        let (extensions, acceptance) = analysis::preferred_acceptance(&graph);
        let labels: Vec<String> = acceptance
            .iter()
            .map(|a| format!("{a:?}").to_lowercase())
            .collect();
        let named: Vec<Vec<String>> = extensions
            .iter()
            .map(|e| e.iter().map(|&n| label_of(n)).collect())
            .collect();
        (
            labels,
            named,
            analysis::preferred_triples(&graph, &acceptance),
            analysis::PREFERRED_GRAPH,
        )
    } else {
        let grounded = analysis::grounded_labels(&graph);
        let labels = grounded
            .iter()
            .map(|l| format!("{l:?}").to_lowercase())
            .collect();
        (
            labels,
            Vec::new(),
            analysis::grounded_triples(&graph, &grounded),
            analysis::GROUNDED_GRAPH,
        )
    };
    if args.write {
        store.replace_graph(NamedNodeRef::new_unchecked(target), &triples)?;
        eprintln!("wrote {} labels into <{target}>", triples.len());
    }
    // Claims that neither attack nor are attacked are trivially in: list only the contested.
    let framework = graph.framework();
    let mut labelled: Vec<(String, String)> = framework
        .node_indices()
        .filter(|&n| framework.neighbors_undirected(n).next().is_some())
        .map(|n| (labels[n.index()].clone(), label_of(n)))
        .collect();
    labelled.sort();
    let report = Analysis {
        allegations: graph
            .root_allegations()
            .into_iter()
            .map(|root| analysis::figures(&analysis::trace(&graph, root)))
            .collect(),
        actor_attacks: analysis::actor_attacks(&graph),
        semantics: args.semantics.clone(),
        labels: labelled,
        extensions,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.format == "json" {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_analysis(&report, &mut out)?;
    }
    out.flush()?;
    Ok(())
}

fn write_analysis(report: &Analysis, out: &mut impl Write) -> Result<()> {
    for figures in &report.allegations {
        writeln!(out, "{}", figures.allegation)?;
        writeln!(
            out,
            "  {} direct responses, {} indirect, deepest chain {}, {} cycles",
            figures.direct, figures.indirect, figures.deepest_chain, figures.cycles
        )?;
        for (label, likes) in &figures.most_liked {
            writeln!(out, "  {likes:>5} likes  {label}")?;
        }
        writeln!(out)?;
    }
    let mut attacks = new_table(["attacker", "attacked", "attacks"]);
    for (attacker, attacked, n) in &report.actor_attacks {
        attacks.add_row([attacker.as_str(), attacked.as_str(), &n.to_string()]);
    }
    writeln!(out, "who attacks whom\n{attacks}\n")?;
    let mut labels = new_table([
        format!("{} label", report.semantics).as_str(),
        "contested claim",
    ]);
    for (label, claim) in &report.labels {
        labels.add_row([label, claim]);
    }
    writeln!(out, "{labels}")?;
    if !report.extensions.is_empty() {
        writeln!(
            out,
            "{} preferred extension(s); `--format json` lists their members",
            report.extensions.len()
        )?;
    }
    Ok(())
}

fn open_store(cli: &Cli) -> Result<ClaimStore> {
    if cli.memory {
        let store = ClaimStore::in_memory()?;
        store.load_with_schema(&bundled::data_sources())?;
        return Ok(store);
    }
    let path = cli.store.clone().unwrap_or_else(default_store_path);
    Ok(ClaimStore::open(&path)?)
}

/// Where the store lives when nothing says otherwise: the XDG data directory, as most Unix
/// tools that keep state do.
fn default_store_path() -> PathBuf {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share")));
    match data_home {
        Some(dir) => dir.join("claimgraph").join("store"),
        None => PathBuf::from(".claimgraph/store"),
    }
}

fn load(store: &ClaimStore, args: LoadArgs) -> Result<()> {
    if args.graph.is_some() && args.files.len() > 1 {
        bail!(
            "--graph names the graph of a single file, but {} files were given",
            args.files.len()
        );
    }
    let format = args
        .format
        .as_deref()
        .map(|name| format_from_name("--format", name))
        .transpose()?;
    let sources = args
        .files
        .iter()
        .map(|path| Source::from_file(path, format, args.graph.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    let report = store.load_with_schema(&sources)?;
    print_report(&report, store)
}

fn print_report(report: &LoadReport, store: &ClaimStore) -> Result<()> {
    let mut out = io::stdout().lock();
    for (name, graph, quads) in &report.sources {
        writeln!(out, "loaded {quads} quads from {name} into <{graph}>")?;
    }
    match store.path() {
        Some(path) => writeln!(
            out,
            "store {} now holds {} quads",
            path.display(),
            store.len()?
        )?,
        None => writeln!(out, "in-memory store: nothing was kept")?,
    }
    Ok(())
}

fn query_text(args: &QueryArgs) -> Result<(String, String)> {
    if let Some(text) = &args.query {
        return Ok(("query".to_owned(), text.clone()));
    }
    if let Some(path) = &args.file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read query file", path.display()))?;
        return Ok((path.display().to_string(), text));
    }
    if let Some(name) = &args.named {
        let query = bundled::named_query(name)?;
        return Ok((format!("queries/{name}.rq"), query.text.to_owned()));
    }
    if io::stdin().is_terminal() {
        bail!(
            "no query given: pass it inline, with -f FILE, with --named NAME, or on standard input"
        );
    }
    let mut text = String::new();
    io::stdin()
        .read_to_string(&mut text)
        .context("cannot read the query from standard input")?;
    Ok(("stdin".to_owned(), text))
}

fn print_query(
    store: &ClaimStore,
    input: &str,
    text: &str,
    format: Option<OutputFormat>,
) -> Result<()> {
    let output = query::run(store, input, text)?;
    let mut out = BufWriter::new(io::stdout().lock());
    render::write(&output, format, &mut out)?;
    out.flush()?;
    Ok(())
}

fn new_table<const N: usize>(header: [&str; N]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_header(header);
    table
}

fn print_table(table: &Table) -> Result<()> {
    writeln!(io::stdout().lock(), "{table}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
