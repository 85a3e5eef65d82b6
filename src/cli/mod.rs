//! The command line: parses flags with clap, turns them into calls on the library and prints.
//! This module and `main.rs` are the only places that know clap or anyhow.

use anyhow::Result;
use claimgraph::render::OutputFormat;
use claimgraph::store::{Access, Endpoint};
use claimgraph::{ClaimStore, ExitStatus, StoreError};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand};
use comfy_table::{presets, Table};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

mod analyze;
mod data;
mod examples;
mod export;
mod generate;
mod gradual;
mod iccma;
mod query;
mod serve;
pub mod status;

use analyze::AnalyzeArgs;
use data::{DropArgs, LoadArgs, ValidateArgs};
use export::ExportArgs;
use generate::GenerateArgs;
use iccma::IccmaArgs;
use query::QueryArgs;
use serve::ServeArgs;

/// The examples and the exit codes, as `--help` lists them: the codes from the library's one
/// table.
fn after_help() -> String {
    let mut text = format!("{}\n\nExit codes:", examples::TOP);
    for status in ExitStatus::ALL {
        text.push_str(&format!("\n  {}  {}", status.code(), status.meaning()));
    }
    text
}

/// Who claimed what in a public controversy, and who answered it: an RDF knowledge graph in an
/// embedded Oxigraph store, queried with SPARQL.
#[derive(Debug, Parser)]
#[command(name = "claimgraph", version = version(), after_help = after_help())]
pub struct Cli {
    /// Directory of the on-disk store [default: $XDG_DATA_HOME/claimgraph/store, else
    /// ~/.local/share/claimgraph/store]
    #[arg(long, global = true, env = "CLAIMGRAPH_STORE", value_name = "PATH")]
    store: Option<PathBuf>,

    /// Use a throwaway in-memory store that starts with the bundled ontology and data
    /// (overrides --store)
    #[arg(long, global = true)]
    memory: bool,

    #[command(flatten)]
    engine: EngineArgs,

    /// Print no progress and no notes on standard error (`serve`: no line per request, but
    /// still where it serves, when it stops and a bind beyond loopback); results and errors
    /// still print
    #[arg(long, short, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

/// `--version`: the program's, and the ontology's that it ships and writes data for.
fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} (ontology {})",
            env!("CARGO_PKG_VERSION"),
            claimgraph::bundled::ontology_version()
        )
    })
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print which responses answer which allegation (creates the store with the bundled
    /// controversy when there is none)
    #[command(after_help = examples::RESPONSES)]
    Responses {
        /// Print the query's rows in this format instead [default: allegations as headings
        /// with their responses beneath, fitted to the terminal's width or $COLUMNS]
        #[arg(long, value_parser = format_parser())]
        format: Option<OutputFormat>,
    },
    /// Load the bundled ontology, shapes and controversy, replacing their graphs
    #[command(after_help = examples::INIT)]
    Init,
    /// Load RDF files, each into its own named graph; validated, and all files or none
    #[command(after_help = examples::LOAD)]
    Load(LoadArgs),
    /// Check files, or the store, against the SHACL shapes
    #[command(after_help = examples::VALIDATE)]
    Validate(ValidateArgs),
    /// Run a SPARQL query (inline, from a file, by name, or from standard input)
    #[command(after_help = examples::QUERY)]
    Query(QueryArgs),
    /// Show the tree of premises and responses under each allegation (or under CLAIM)
    #[command(after_help = examples::TRACE)]
    Trace {
        /// A claim's IRI or local name [default: every allegation that answers nothing]
        claim: Option<String>,
        /// Output format: text or json
        #[arg(long, value_parser = ["text", "json"], default_value = "text")]
        format: String,
        #[command(flatten)]
        strengths: gradual::StrengthArgs,
        #[command(flatten)]
        graphs: GraphArgs,
    },
    /// Figures per allegation, who attacks whom, and which claims stand (Dung semantics)
    #[command(after_help = examples::ANALYZE)]
    Analyze(AnalyzeArgs),
    /// Answer the tasks of the ICCMA competitions about a framework file, as an ICCMA solver
    /// does: `-p TASK -f FILE [-a ARG]`
    #[command(after_help = iccma::EXAMPLES)]
    Iccma(IccmaArgs),
    /// Write the argument map (DOT, SVG, PNG; the images need Graphviz's `dot`) or the RDF
    /// the store holds (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD)
    #[command(after_help = examples::EXPORT)]
    Export(ExportArgs),
    /// List the named graphs with their sizes and where they came from
    #[command(after_help = examples::GRAPHS)]
    Graphs {
        /// Output format: a table, or JSON for scripts
        #[arg(long, value_parser = ["table", "json"], default_value = "table")]
        format: String,
    },
    /// Remove named graphs, and what the metadata graph says of them: all of them or none
    #[command(name = "drop", after_help = examples::DROP)]
    DropGraphs(DropArgs),
    /// List the named queries shipped in queries/
    #[command(after_help = examples::QUERIES)]
    Queries,
    /// Answer SPARQL queries over HTTP (the SPARQL 1.1 Protocol, at /sparql), read-only,
    /// until SIGINT or SIGTERM
    #[command(after_help = examples::SERVE)]
    Serve(ServeArgs),
    /// Write a synthetic controversy of any size, valid under the shapes (no store needed)
    #[command(after_help = examples::GENERATE)]
    Generate(GenerateArgs),
    /// Print a completion script for a shell, made from this command line's own definition
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), made from this command line's own definition
    #[command(after_help = examples::MAN)]
    Man,
}

/// `--endpoint URL...`: a SPARQL engine instead of the embedded store. Credentials are read
/// from CLAIMGRAPH_USER and CLAIMGRAPH_PASSWORD, else from a netrc file ($NETRC or ~/.netrc):
/// never from a flag, which would land in a shell history.
#[derive(Debug, Args)]
struct EngineArgs {
    /// Keep the graph in the SPARQL engine whose query service (SPARQL 1.1 Protocol) is at URL,
    /// instead of the embedded store (overrides --store and --memory)
    #[arg(long, global = true, env = "CLAIMGRAPH_ENDPOINT", value_name = "URL")]
    endpoint: Option<String>,

    /// The engine's update service, where writes go when reads go to replicas [default: the
    /// --endpoint URL]
    #[arg(
        long,
        global = true,
        env = "CLAIMGRAPH_UPDATE_ENDPOINT",
        value_name = "URL"
    )]
    update_endpoint: Option<String>,

    /// The query service of the writer, where a load checks what it wrote when --endpoint is a
    /// replica that may lag behind [default: the --endpoint URL]
    #[arg(
        long,
        global = true,
        env = "CLAIMGRAPH_PRIMARY_ENDPOINT",
        value_name = "URL"
    )]
    primary_endpoint: Option<String>,

    /// The engine's Graph Store Protocol service, which loads upload through [default: none;
    /// loads are sent as SPARQL updates]
    #[arg(
        long,
        global = true,
        env = "CLAIMGRAPH_GRAPH_STORE",
        value_name = "URL"
    )]
    graph_store: Option<String>,

    /// Seconds to wait for any one answer of the engine
    #[arg(
        long,
        global = true,
        env = "CLAIMGRAPH_ENDPOINT_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 300
    )]
    endpoint_timeout: u64,
}

/// `--graph IRI...`: which graphs a read covers.
#[derive(Debug, Args)]
struct GraphArgs {
    /// Read only this named graph; repeat for several. The default graph becomes their union
    /// with the ontology graph, so that class hierarchies still resolve [default: the union of
    /// every graph]
    #[arg(long = "graph", value_name = "IRI")]
    graphs: Vec<String>,
}

/// `--format`: the library's format names, offered as clap's possible values.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = OutputFormat> {
    PossibleValuesParser::new(OutputFormat::ALL.map(OutputFormat::name))
        .map(|name| OutputFormat::from_name(&name).expect("clap only accepts the names offered"))
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitStatus> {
    QUIET.store(cli.quiet, Ordering::Relaxed);
    let endpoint = cli.engine.endpoint.clone().map(|query| Endpoint {
        query,
        update: cli.engine.update_endpoint.clone(),
        primary: cli.engine.primary_endpoint.clone(),
        graph_store: cli.engine.graph_store.clone(),
        timeout: Duration::from_secs(cli.engine.endpoint_timeout),
    });
    let stores = Stores {
        path: cli.store.clone().unwrap_or_else(default_store_path),
        memory: cli.memory,
        endpoint,
    };
    match cli.command {
        Command::Responses { format } => query::responses(&stores, format),
        Command::Init => data::init(&stores.create()?),
        Command::Load(args) => data::load(&stores, args),
        Command::Validate(args) => return data::validate(&stores, args),
        Command::Query(args) => query::query(&stores.open(Access::ReadOnly)?, args),
        Command::Trace {
            claim,
            format,
            strengths,
            graphs,
        } => analyze::trace(
            &stores.open(Access::ReadOnly)?,
            claim,
            &format,
            &strengths,
            &graphs,
        ),
        Command::Analyze(args) => analyze::analyze(&stores, &args),
        Command::Iccma(args) => iccma::iccma(&args),
        Command::Export(args) => export::export(&stores.open(Access::ReadOnly)?, &args),
        Command::Graphs { format } => data::graphs(&stores.open(Access::ReadOnly)?, &format),
        Command::DropGraphs(args) => data::drop(&stores.open(Access::ReadWrite)?, &args),
        Command::Queries => query::queries(),
        Command::Generate(args) => generate::generate(&args),
        Command::Serve(args) => serve::serve(&stores, args),
        Command::Completions { shell } => {
            // clap_complete panics on a failed write; a reader that stops early (`| head`)
            // must not make it one.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "claimgraph", &mut script);
            io::stdout().lock().write_all(&script).map_err(Into::into)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut io::stdout().lock())
            .map_err(Into::into),
    }?;
    Ok(ExitStatus::Success)
}

/// Which store the command line names, opened the way each command needs it.
struct Stores {
    path: PathBuf,
    memory: bool,
    endpoint: Option<Endpoint>,
}

impl Stores {
    /// An existing store: read-only for commands that only read, so that several can run at
    /// once; a path with no store is an error, never a new empty store to answer from. An
    /// engine is always there; what it holds is its own business.
    fn open(&self, access: Access) -> Result<ClaimStore, StoreError> {
        if let Some(endpoint) = &self.endpoint {
            return ClaimStore::remote(endpoint.clone());
        }
        if self.memory {
            return memory_store();
        }
        ClaimStore::open(&self.path, access)
    }

    /// The store to write to, created when there is none.
    fn create(&self) -> Result<ClaimStore, StoreError> {
        if let Some(endpoint) = &self.endpoint {
            return ClaimStore::remote(endpoint.clone());
        }
        if self.memory {
            return memory_store();
        }
        ClaimStore::create(&self.path)
    }

    /// Whether the store named holds claimgraph's data (an in-memory one always does; an
    /// engine does once claimgraph wrote there).
    fn exists(&self) -> Result<bool, StoreError> {
        if self.endpoint.is_some() {
            return Ok(!self.open(Access::ReadOnly)?.is_empty()?);
        }
        Ok(self.memory || ClaimStore::exists(&self.path))
    }
}

fn memory_store() -> Result<ClaimStore, StoreError> {
    let store = ClaimStore::in_memory()?;
    store
        .load_with_schema(&claimgraph::bundled::data_sources())
        .expect("the bundled data loads");
    Ok(store)
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

/// A command line that is wrong in a way clap cannot see: exit code 2, like clap's own.
#[derive(Debug)]
pub struct Usage(pub String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// A `--timeout` in seconds as a time limit: 0 for none.
fn time_limit(seconds: f64) -> Result<Option<std::time::Duration>, Usage> {
    (seconds > 0.0)
        .then(|| std::time::Duration::try_from_secs_f64(seconds))
        .transpose()
        .map_err(|_| Usage(format!("--timeout {seconds}: not a number of seconds")))
}

/// Whether `--quiet` was given: set once, as the command line is read.
static QUIET: AtomicBool = AtomicBool::new(false);

fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Prints a note on standard error (`note: ...`), unless `--quiet`.
macro_rules! note {
    ($($arg:tt)*) => {
        if !$crate::cli::quiet() {
            eprintln!($($arg)*);
        }
    };
}
use note;

/// A progress bar on standard error, for `total` units of work or, without a total, a
/// spinner with a count; drawn only when standard error is a terminal and `--quiet` was not
/// given, so that logs and pipes stay quiet.
fn progress(total: Option<u64>, unit: &str) -> ProgressBar {
    if quiet() || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total),
            format!("{{elapsed_precise}} [{{bar:40}}] {{human_pos}}/{{human_len}} {unit} ({{per_sec}}, {{eta}} left) {{msg}}"),
        ),
        None => (
            ProgressBar::new_spinner(),
            format!("{{elapsed_precise}} {{spinner}} {{human_pos}} {unit} ({{per_sec}}) {{msg}}"),
        ),
    };
    bar.set_style(
        ProgressStyle::with_template(&template)
            .expect("the template is valid")
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn new_table<const N: usize>(header: [&str; N]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_header(header);
    table
}

/// Prints a table, fitted to [`columns`] when there is a width to fit to.
fn print_table(table: &mut Table) -> Result<()> {
    claimgraph::render::fit_table(table, columns());
    writeln!(io::stdout().lock(), "{table}")?;
    Ok(())
}

/// Lets a graph go unfreed when the command that read it is done: the process exits next and
/// the system takes its memory back at once, where freeing a million claims' strings one by
/// one takes most of a second. Only the graph, which holds no file or lock, is left so.
pub(super) fn leave(graph: claimgraph::analysis::ArgumentGraph) {
    std::mem::forget(graph);
}

/// The width to fit text to: the terminal's, else `COLUMNS`, as shells set it. Piped with no
/// `COLUMNS`, nothing is cut, so that what a pipe gets does not depend on where it runs and
/// `grep` finds whole cells.
pub(super) fn columns() -> Option<usize> {
    if io::stdout().is_terminal() {
        if let Some((_, columns)) = console::Term::stdout().size_checked() {
            return Some(usize::from(columns));
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse().ok())
        .filter(|&columns| columns > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every example in every `--help`, split as a shell would (quotes kept together), is a
    /// command line the parser takes.
    #[test]
    fn every_example_parses() {
        let mut command = Cli::command();
        let mut helps = vec![command.render_long_help().to_string()];
        command.build();
        for sub in command.get_subcommands_mut() {
            // clap's own `help` subcommand needs no examples of ours.
            if sub.get_name() != "help" {
                helps.push(sub.render_long_help().to_string());
            }
        }
        let mut seen = 0;
        for help in &helps {
            assert!(help.contains("Examples:"), "no examples in:\n{help}");
            for line in help.lines().map(str::trim) {
                let Some(example) = line.strip_prefix("claimgraph ") else {
                    continue;
                };
                // What follows a redirection, a pipe or two spaces is not the command's.
                let example = example.split(['>', '|']).next().unwrap();
                let example = example.split("  ").next().unwrap().trim();
                let words = shell_words(example);
                if let Err(error) = Cli::try_parse_from(
                    std::iter::once("claimgraph".to_owned()).chain(words.iter().cloned()),
                ) {
                    panic!("`claimgraph {example}` does not parse: {error}");
                }
                seen += 1;
            }
        }
        assert!(seen > 40, "{seen} examples");
    }

    fn shell_words(line: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '\'' => quoted = !quoted,
                ' ' if !quoted => {
                    if !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                }
                c => word.push(c),
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        words
    }
}
