//! `generate`: a synthetic controversy of any size, for benchmarks and trials.

use super::{note, progress};
use anyhow::{Context, Result};
use claimgraph::generate::{self, Spec};
use claimgraph::ingest::{format_from_name, format_from_path, Format};
use clap::Args;
use oxigraph::io::RdfFormat;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct GenerateArgs {
    /// How many claims (allegations included); about 17 triples each
    #[arg(long, value_name = "N")]
    claims: usize,

    /// The same seed and size always give the same controversy
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,

    /// RDF format: nt or ttl [default: from the output file's extension, else nt]
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,

    /// File to write [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(super) fn generate(args: &GenerateArgs) -> Result<()> {
    let format = match (&args.format, &args.output) {
        (Some(name), _) => format_from_name("--format", name)?,
        (None, Some(path)) if path.extension().is_some() => format_from_path(path)?,
        (None, _) => Format::Rdf(RdfFormat::NTriples),
    };
    let format = match format {
        Format::Rdf(format) if !format.supports_datasets() => format,
        other => anyhow::bail!(super::Usage(format!(
            "--format: a generated controversy is written as one graph of RDF (nt or ttl), not {}",
            other.name()
        ))),
    };
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let bar = progress(Some(args.claims as u64), "claims");
    let spec = Spec {
        claims: args.claims,
        seed: args.seed,
    };
    let summary = generate::write(spec, format, BufWriter::with_capacity(1 << 20, out), |n| {
        bar.set_position(n as u64)
    })?;
    bar.finish_and_clear();
    note!(
        "{} claims ({} root allegations, {} responses), {} actors, {} triples",
        summary.claims,
        summary.allegations,
        summary.responses,
        summary.actors,
        summary.triples
    );
    Ok(())
}
