//! `serve`: the SPARQL endpoint's flags.

use super::gradual::StrengthArgs;
use super::{data, time_limit, Stores, Usage};
use anyhow::Result;
use claimgraph::serve::{self, Config};
use claimgraph::store::Access;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct ServeArgs {
    /// Address and port to listen on; anything but loopback makes the store readable by
    /// others on the network
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    bind: SocketAddr,

    /// Stop each query after this many seconds (0: no limit)
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    timeout: f64,

    /// Largest request body taken, in bytes (413 beyond)
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    max_body: usize,

    /// Connections served at once; more wait their turn
    #[arg(long, value_name = "N", default_value_t = 64)]
    max_connections: usize,

    /// Queries and updates evaluated at once; more wait for a slot, up to the time limit, then
    /// get 503 [default: twice the number of cores]
    #[arg(long, value_name = "N")]
    max_queries: Option<usize>,

    /// Answer cross-origin requests from any web page (Access-Control-Allow-Origin: *)
    #[arg(long)]
    cors: bool,

    /// Accept SPARQL Update (POST, as application/sparql-update or a form's update=); the store
    /// is then open to write, and no other command can use it while the server runs
    #[arg(long)]
    allow_update: bool,

    /// Let updates LOAD RDF from URLs, over HTTP or HTTPS
    #[arg(long, requires = "allow_update")]
    allow_load: bool,

    /// Let SERVICE query other SPARQL endpoints, over HTTP or HTTPS, within the time limit
    #[arg(long)]
    allow_service: bool,

    /// Apply updates without checking the store against the shapes afterwards
    #[arg(long, requires = "allow_update", conflicts_with = "shapes")]
    no_validate: bool,

    /// Check updates against the SHACL shapes in FILE (Turtle) instead of the bundled ones
    #[arg(long, value_name = "FILE", requires = "allow_update")]
    shapes: Option<PathBuf>,

    #[command(flatten)]
    strengths: StrengthArgs,
}

pub(super) fn serve(stores: &Stores, args: ServeArgs) -> Result<()> {
    let timeout = time_limit(args.timeout)?;
    if args.max_connections == 0 {
        return Err(Usage("--max-connections must be at least 1".to_owned()).into());
    }
    // Twice the cores: at one a core, the moments an evaluation spends handing results to
    // its connection leave a core idle, and small queries lost about a tenth of their
    // throughput; at twice, large ones still finish within the time limit (BENCHMARKS.md).
    let max_queries = args.max_queries.unwrap_or_else(|| {
        2 * std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    if max_queries == 0 {
        return Err(Usage("--max-queries must be at least 1".to_owned()).into());
    }
    if args.allow_update && stores.endpoint.is_some() {
        return Err(Usage(
            "--allow-update works only on the embedded store: with --endpoint, the engine takes \
             updates itself, unchecked by claimgraph's shapes and protections"
                .to_owned(),
        )
        .into());
    }
    let shapes = if args.allow_update && !args.no_validate {
        Some(data::shapes(args.shapes.as_ref())?)
    } else {
        None
    };
    let access = if args.allow_update {
        Access::ReadWrite
    } else {
        Access::ReadOnly
    };
    let store = stores.open(access)?;
    serve::run(
        store,
        Config {
            bind: args.bind,
            timeout,
            max_body: args.max_body,
            max_connections: args.max_connections,
            max_queries,
            cors: args.cors,
            quiet: super::quiet(),
            update: args.allow_update,
            load: args.allow_load,
            service: args.allow_service,
            shapes,
            strengths: args.strengths.setting()?,
        },
    )?;
    Ok(())
}
