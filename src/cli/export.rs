//! `export`: argument maps as DOT, SVG or PNG.

use anyhow::{Context, Result};
use claimgraph::analysis::ArgumentGraph;
use claimgraph::export::{self, Cluster, ImageFormat, Lang};
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

pub(super) fn export(store: &ClaimStore, args: &ExportArgs) -> Result<()> {
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
