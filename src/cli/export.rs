//! `export`: argument maps as DOT, SVG or PNG, and what the store holds as RDF.

use super::gradual::StrengthArgs;
use super::{note, Usage};
use anyhow::{Context, Result};
use claimgraph::analysis::{self, ArgumentGraph};
use claimgraph::export::{self, Cluster, ExportFormat, ImageFormat, Kind, Lang, Layout};
use claimgraph::store::{Selection, View};
use claimgraph::{aif, argdown, kialo, render};
use claimgraph::{ClaimStore, QueryError};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::Args;
use oxigraph::model::NamedNode;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    /// What to write
    #[arg(value_parser = export_formats())]
    format: ExportFormat,
    /// Output file, written only once the whole export has succeeded [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Export only the neighbourhood of this claim or actor (IRI or local name): what the map
    /// of that part is drawn from
    #[arg(long, value_name = "IRI_OR_LOCAL_NAME")]
    focus: Option<String>,
    /// How many links from the focus to follow
    #[arg(long, default_value_t = 2, requires = "focus")]
    depth: usize,
    /// Export only this named graph; repeat for several. RDF formats write exactly these
    /// graphs; maps and a focus read them with the ontology graph, so that class hierarchies
    /// still resolve [default: every graph]
    #[arg(long = "graph", value_name = "IRI")]
    graphs: Vec<String>,
    /// Label language of a map (falls back to English where a Chinese label is missing)
    #[arg(long, value_parser = ["en", "zh"], default_value = "en")]
    lang: String,
    /// Group a map's claims by the faction of their quote, or by claimant
    #[arg(long, value_parser = ["none", "faction", "actor"], default_value = "none")]
    cluster: String,
    /// Leave the quotes out of a map
    #[arg(long)]
    no_quotes: bool,
    /// Leave the actors out of a map
    #[arg(long)]
    no_actors: bool,
    /// Graphviz layout for svg and png: dot (layered), sfdp (force-directed, for big maps), or
    /// auto: dot for maps it lays out in seconds, sfdp beyond
    #[arg(long, value_parser = ["auto", "dot", "sfdp"], default_value = "auto")]
    layout: String,
    #[command(flatten)]
    strengths: StrengthArgs,
}

/// The library's formats, offered as clap's possible values with their summaries.
fn export_formats() -> impl TypedValueParser<Value = ExportFormat> {
    PossibleValuesParser::new(
        ExportFormat::ALL.map(|format| PossibleValue::new(format.name()).help(format.summary())),
    )
    .map(|name| ExportFormat::from_name(&name).expect("clap only accepts the names offered"))
}

pub(super) fn export(store: &ClaimStore, args: &ExportArgs) -> Result<()> {
    if args.strengths.asked() && !matches!(args.format.kind(), Kind::Map(_)) {
        return Err(
            Usage("--strengths shades the claims of a map: dot, svg or png".to_owned()).into(),
        );
    }
    let selection = store.select(&args.graphs)?;
    match args.format.kind() {
        Kind::Map(image) => {
            let view = store.view(&selection)?;
            let bytes = map(&view, args, image)?;
            write_out(args.output.as_deref(), |out| Ok(out.write_all(&bytes)?))
        }
        Kind::Rdf(format) => {
            let part = part(store, selection, args, Ontology::Left)?;
            write_out(args.output.as_deref(), |out| {
                render::write_store(&part, format, out)?;
                Ok(())
            })
        }
        Kind::Argdown => {
            let part = part(store, selection, args, Ontology::Kept)?;
            write_out(args.output.as_deref(), |out| {
                let invented = argdown::export::write(&part, out)?;
                if invented > 0 {
                    note!(
                        "note: reading this document back would add {invented} triple(s) the \
                         store does not hold"
                    );
                }
                Ok(())
            })
        }
        Kind::Kialo => {
            let view = store.view(&selection)?;
            let focus = match &args.focus {
                Some(name) => {
                    let graph = ArgumentGraph::from_store(&view)?;
                    let claim = graph
                        .find(name)
                        .ok_or_else(|| QueryError::UnknownClaim { name: name.clone() })?;
                    Some(
                        NamedNode::new(graph.graph[claim].iri.clone())
                            .map_err(|_| QueryError::UnknownClaim { name: name.clone() })?,
                    )
                }
                None => None,
            };
            write_out(args.output.as_deref(), |out| {
                let written = kialo::export::write(&view, focus.as_ref(), out)?;
                if written.left_out > 0 {
                    note!(
                        "note: {} response(s) that neither support nor attack have no Kialo \
                         stance and were left out",
                        written.left_out
                    );
                }
                Ok(())
            })
        }
        Kind::Aif => {
            let part = part(store, selection, args, Ontology::Kept)?;
            write_out(args.output.as_deref(), |out| {
                let left_out = aif::export::write(&part, out)?;
                if let Some(first) = left_out.first() {
                    note!(
                        "note: {} response(s) of unknown kind have no AIF node type and were \
                         left out, such as {first}",
                        left_out.len()
                    );
                }
                Ok(())
            })
        }
    }
}

/// Whether a part of the store keeps the ontology graph.
enum Ontology {
    /// Written out as RDF, the part holds exactly the graphs selected.
    Left,
    /// Read back through SPARQL, as AIF export does, the part walks the class hierarchy.
    Kept,
}

/// What an export writes: the graphs selected, or the part around a focus, found in them and
/// the ontology graph as a map finds it.
fn part<'a>(
    store: &'a ClaimStore,
    selection: Selection,
    args: &ExportArgs,
    ontology: Ontology,
) -> Result<View<'a>> {
    let Some(name) = &args.focus else {
        return Ok(match ontology {
            Ontology::Left => store.view(&selection.exactly())?,
            Ontology::Kept => store.view(&selection)?,
        });
    };
    let view = store.view(&selection)?;
    match analysis::focus(&view, name, args.depth)? {
        Some(focused) => Ok(View::Part(focused.store)),
        None => Err(QueryError::UnknownClaim { name: name.clone() }.into()),
    }
}

/// Writes to `path` through a file beside it, which replaces it only once everything is
/// written: an export that fails leaves no half-written file. Without a path, to standard
/// output as it goes.
fn write_out(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let Some(path) = path else {
        let mut out = BufWriter::new(io::stdout().lock());
        write(&mut out)?;
        out.flush()?;
        return Ok(());
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let cannot = || format!("{}: cannot write the export", path.display());
    let mut out = BufWriter::new(File::create(&partial).with_context(cannot)?);
    let written = write(&mut out)
        .and_then(|()| {
            let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.sync_all()?;
            Ok(fs::rename(&partial, path)?)
        })
        .with_context(cannot);
    if written.is_err() {
        // Nothing useful is left to do if even this fails: the error that matters is returned.
        let _ = fs::remove_file(&partial);
    }
    written
}

/// The argument map, as DOT or laid out into an image.
fn map(store: &ClaimStore, args: &ExportArgs, image: Option<ImageFormat>) -> Result<Vec<u8>> {
    // A focus reads only its part of the store.
    let (graph, focus) = match &args.focus {
        None => (ArgumentGraph::from_store(store)?, None),
        Some(name) => match ArgumentGraph::around(store, name, args.depth)? {
            Some((graph, roots)) => (graph, Some((roots, args.depth))),
            None => return Err(QueryError::UnknownClaim { name: name.clone() }.into()),
        },
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
    let mut dot = export::to_dot(&graph, &options);
    if let Some(assessed) = args.strengths.assess(&graph)? {
        export::shade_claims(&mut dot, &graph, &options, &assessed);
    }
    let dot = export::print(&dot);
    let map = match image {
        Some(format) => export::render(&dot, format, layout(args, &graph, &options))?,
        None => dot.into_bytes(),
    };
    super::leave(graph);
    Ok(map)
}

/// The layout asked for, or the one that finishes in seconds for this map, saying so when
/// that is not the layered one.
fn layout(args: &ExportArgs, graph: &ArgumentGraph, options: &export::Options) -> Layout {
    match args.layout.as_str() {
        "dot" => Layout::Layered,
        "sfdp" => Layout::ForceDirected,
        _ => {
            let claims = export::selected(graph, options).len();
            let layout = Layout::for_map(claims);
            if layout != Layout::Layered {
                note!(
                    "note: {claims} claims are more than dot lays out in seconds ({}); drawn with \
                     sfdp's force-directed layout instead. For a readable map, draw a part: \
                     --focus CLAIM --depth 2 (or insist with --layout dot)",
                    Layout::LAYERED_LIMIT
                );
            }
            layout
        }
    }
}
