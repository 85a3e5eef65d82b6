//! `export`: argument maps as DOT, SVG or PNG.

use anyhow::{Context, Result};
use claimgraph::analysis::ArgumentGraph;
use claimgraph::export::{self, Cluster, ImageFormat, Lang, Layout};
use claimgraph::{ClaimStore, QueryError};
use clap::Args;
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
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
    /// Draw only from this named graph; repeat for several. They are read with the ontology
    /// graph, so that class hierarchies still resolve [default: every graph]
    #[arg(long = "graph", value_name = "IRI")]
    graphs: Vec<String>,
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
    /// Graphviz layout for svg and png: dot (layered), sfdp (force-directed, for big maps), or
    /// auto: dot for maps it lays out in seconds, sfdp beyond
    #[arg(long, value_parser = ["auto", "dot", "sfdp"], default_value = "auto")]
    layout: String,
}

pub(super) fn export(store: &ClaimStore, args: &ExportArgs) -> Result<()> {
    let selection = store.select(&args.graphs)?;
    let view = store.view(&selection)?;
    let store: &ClaimStore = &view;
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
    let dot = export::print(&export::to_dot(&graph, &options));
    let image = match args.format.as_str() {
        "svg" => Some(ImageFormat::Svg),
        "png" => Some(ImageFormat::Png),
        _ => None,
    };
    let bytes = match image {
        Some(format) => export::render(&dot, format, layout(args, &graph, &options))?,
        None => dot.into_bytes(),
    };
    match &args.output {
        Some(path) => std::fs::write(path, bytes)
            .with_context(|| format!("{}: cannot write the map", path.display()))?,
        None => io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
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
                eprintln!(
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
