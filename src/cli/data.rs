//! `init`, `load`, `validate`, `graphs` and `drop`: what goes into the store, whether it is
//! valid, where it came from, and taking it out again.

use super::{new_table, print_table, progress, Stores, Usage};
use anyhow::Result;
use claimgraph::bundled;
use claimgraph::ingest::{format_from_name, Source};
use claimgraph::render::printable;
use claimgraph::store::{Access, Progress};
use claimgraph::validate::{self, Report, Shapes};
use claimgraph::{ClaimStore, ExitStatus, LoadError, LoadReport};
use clap::Args;
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct LoadArgs {
    /// Format for all files: ttl, trig, nt, nq, rdf, jsonld, json for AIF argument maps,
    /// argdown, kialo (a Kialo discussion's export) or claimreview (schema.org fact checks)
    /// [default: from each file's extension, and for .txt and .json from its content]
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,

    /// Language of the text in argument maps (a BCP 47 tag such as en), which AIF cannot say;
    /// RDF keeps its own tags [default: und, undetermined]
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,

    /// Named graph IRI for the file [default: the file's file: IRI]; only with a single file
    #[arg(long, value_name = "IRI")]
    graph: Option<String>,

    /// Commit without checking the data against the shapes (for trusted bulk loads)
    #[arg(long, conflicts_with = "shapes")]
    no_validate: bool,

    /// Check against the SHACL shapes in FILE (Turtle) instead of the bundled ones
    #[arg(long, value_name = "FILE")]
    shapes: Option<PathBuf>,

    /// Turtle, TriG, N-Triples, N-Quads, RDF/XML or JSON-LD files, AIF JSON or Argdown argument
    /// maps, Kialo discussions or ClaimReview fact checks (each file into its own graph)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct DropArgs {
    /// Also drop the bundled ontology or shapes graph when named (queries that walk the class
    /// hierarchy need the ontology; the next load brings it back, `init` both)
    #[arg(long)]
    schema: bool,

    /// IRIs of the graphs to drop, as `claimgraph graphs` lists them
    #[arg(required = true, value_name = "GRAPH")]
    graphs: Vec<String>,
}

#[derive(Debug, Args)]
pub(super) struct ValidateArgs {
    /// RDF format for all files [default: from each file's extension]
    #[arg(long, value_name = "FORMAT")]
    input_format: Option<String>,

    /// Check against the SHACL shapes in FILE (Turtle) instead of the bundled ones
    #[arg(long, value_name = "FILE")]
    shapes: Option<PathBuf>,

    /// How to print the outcome: a readable list, or the W3C SHACL validation report
    #[arg(long, value_parser = ["text", "turtle"], default_value = "text")]
    format: String,

    /// Files to check, together with the bundled ontology [default: the whole store]
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub(super) fn init(store: &ClaimStore) -> Result<()> {
    let mut sources = bundled::schema_sources();
    sources.extend(bundled::data_sources());
    let shapes = Shapes::bundled();
    let report = store.loader().validate(&shapes).load(&sources);
    print_report(&explain(report, &sources)?, store)
}

pub(super) fn load(stores: &Stores, args: LoadArgs) -> Result<()> {
    let mut sources = read_sources(&args.files, args.format.as_deref(), args.graph.as_deref())?;
    if let Some(tag) = &args.lang {
        sources = sources
            .into_iter()
            .map(|source| source.with_language(tag))
            .collect::<Result<_, _>>()?;
    }
    // `--no-validate` conflicts with `--shapes`: the bundled shapes are not even parsed.
    let shapes = (!args.no_validate)
        .then(|| shapes(args.shapes.as_ref()))
        .transpose()?;
    // Nothing is created or locked until every file has been read.
    let store = stores.create()?;
    let bar = progress(None, "quads parsed");
    let show = |step: Progress| match step {
        Progress::Parsed(quads) => bar.set_position(quads as u64),
        Progress::Validating => bar.set_message("validating against the shapes"),
        Progress::Committing => bar.set_message("committing"),
        Progress::Compacting => bar.set_message("compacting"),
    };
    let mut loader = store.loader().with_schema().on_progress(&show);
    if let Some(shapes) = &shapes {
        loader = loader.validate(shapes);
    }
    let result = loader.load(&sources);
    bar.finish_and_clear();
    let report = explain(result, &sources)?;
    print_report(&report, &store)?;
    warn_skipped(&sources)
}

/// The records of a fact-check feed that were left out of the load, one line each with its
/// place and the rule it breaks: what loaded is sound, and this says what did not.
fn warn_skipped(sources: &[Source]) -> Result<()> {
    let mut err = io::stderr().lock();
    for source in sources {
        for skipped in source.skipped() {
            writeln!(err, "warning: {}", skipped.message(source.name()))?;
        }
    }
    Ok(())
}

pub(super) fn validate(stores: &Stores, args: ValidateArgs) -> Result<ExitStatus> {
    let shapes = shapes(args.shapes.as_ref())?;
    let (report, sources) = if args.files.is_empty() {
        let store = stores.open(Access::ReadOnly)?;
        (store.validate(&shapes)?, Vec::new())
    } else {
        let sources = read_sources(&args.files, args.input_format.as_deref(), None)?;
        let scratch = ClaimStore::in_memory()?;
        scratch.load_with_schema(&sources)?;
        (scratch.validate(&shapes)?, sources)
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.format == "turtle" {
        out.write_all(report.to_turtle().as_bytes())?;
    } else {
        write_violations(&report, &sources, &mut out)?;
        match report.results.len() {
            0 => writeln!(out, "conforms")?,
            1 => writeln!(out, "does not conform: 1 violation")?,
            n => writeln!(out, "does not conform: {n} violations")?,
        }
    }
    out.flush()?;
    Ok(if report.conforms {
        ExitStatus::Success
    } else {
        ExitStatus::Invalid
    })
}

/// `graphs`: the library's rows, as a table or as JSON.
pub(super) fn graphs(store: &ClaimStore, format: &str) -> Result<()> {
    let graphs = store.graphs()?;
    if format == "json" {
        let mut out = io::stdout().lock();
        // As an I/O error, so that a reader that stops early (`| head`) is no failure.
        serde_json::to_writer_pretty(&mut out, &graphs).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut table = new_table(["graph", "triples", "source", "loaded at"]);
    for graph in graphs {
        let (sources, times): (Vec<&str>, Vec<&str>) = graph
            .loaded
            .iter()
            .map(|l| {
                let source = l.source.as_deref().unwrap_or("?");
                (source, l.loaded_at.as_deref().unwrap_or("?"))
            })
            .unzip();
        let mut source = match (sources.is_empty(), graph.role) {
            (true, Some(role)) => format!("({role})"),
            _ => sources.join(", "),
        };
        if graph.stale {
            source.push_str(" (stale: the data changed since; run it again)");
        }
        table.add_row([
            printable(&graph.graph).into_owned(),
            graph.triples.to_string(),
            printable(&source).into_owned(),
            times.join(", "),
        ]);
    }
    print_table(&mut table)
}

/// `drop GRAPH...`: one transaction, then what is left.
pub(super) fn drop(store: &ClaimStore, args: &DropArgs) -> Result<()> {
    let dropped = store.drop_graphs(&args.graphs, args.schema)?;
    let mut out = io::stdout().lock();
    for (graph, triples) in dropped {
        let plural = if triples == 1 { "" } else { "s" };
        writeln!(out, "dropped {graph} ({triples} triple{plural})")?;
    }
    print_size(store, &mut out)
}

fn read_sources(
    files: &[PathBuf],
    format: Option<&str>,
    graph: Option<&str>,
) -> Result<Vec<Source>> {
    if graph.is_some() && files.len() > 1 {
        return Err(Usage(format!(
            "--graph names the graph of a single file, but {} files were given",
            files.len()
        ))
        .into());
    }
    let format = format
        .map(|name| format_from_name("--format", name))
        .transpose()?;
    Ok(files
        .iter()
        .map(|path| Source::from_file(path, format, graph))
        .collect::<Result<Vec<_>, _>>()?)
}

pub(super) fn shapes(file: Option<&PathBuf>) -> Result<Shapes> {
    Ok(match file {
        Some(path) => Shapes::from_file(path)?,
        None => Shapes::bundled(),
    })
}

/// A refused load lists each violation on standard error before the one-line error.
fn explain(result: Result<LoadReport, LoadError>, sources: &[Source]) -> Result<LoadReport> {
    if let Err(LoadError::Invalid { report }) = &result {
        write_violations(report, sources, &mut io::stderr().lock())?;
    }
    Ok(result?)
}

fn write_violations(report: &Report, sources: &[Source], out: &mut impl Write) -> Result<()> {
    for (violation, place) in report.results.iter().zip(validate::locate(report, sources)) {
        let place = place
            .map(|(file, line)| format!("{file}:{line}: "))
            .unwrap_or_default();
        writeln!(out, "{place}{violation}")?;
    }
    Ok(())
}

fn print_report(report: &LoadReport, store: &ClaimStore) -> Result<()> {
    let mut out = io::stdout().lock();
    for (name, graph, quads) in &report.sources {
        writeln!(out, "loaded {quads} quads from {name} into <{graph}>")?;
    }
    if !report.validated {
        writeln!(out, "not validated (--no-validate)")?;
    }
    if !report.already.is_empty() {
        // Data loaded without validation broke these; this load did not, so it landed.
        let mut err = io::stderr().lock();
        for violation in &report.already {
            writeln!(err, "already in the store: {violation}")?;
        }
        writeln!(
            err,
            "warning: {} violation(s) of the shapes were in the store before this load, among \
             the nodes it touches; `claimgraph validate` checks everything",
            report.already.len()
        )?;
    }
    if report.bulk {
        let compacted = if report.compacted {
            ", then the store compacted"
        } else {
            ""
        };
        writeln!(
            out,
            "written by the bulk loader, committed in one step{compacted}"
        )?;
    }
    print_size(store, &mut out)
}

/// What a write leaves: how many graphs the store holds, or that an in-memory store keeps
/// nothing. Not how many quads: counting them reads every key of the store, which made a small
/// load into a large store cost seconds (`graphs` lists each graph's size).
fn print_size(store: &ClaimStore, out: &mut impl Write) -> Result<()> {
    let graphs = |n: usize| format!("{n} named graph{}", if n == 1 { "" } else { "s" });
    match (store.path(), store.endpoint()) {
        (Some(path), _) => writeln!(
            out,
            "store {} now holds {}",
            path.display(),
            graphs(store.graph_count()?)
        )?,
        (None, Some(url)) => writeln!(
            out,
            "the SPARQL engine at {url} now holds {} of claimgraph's",
            graphs(store.graph_count()?)
        )?,
        (None, None) => writeln!(out, "in-memory store: nothing was kept")?,
    }
    Ok(())
}
