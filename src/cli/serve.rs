//! `serve`: the SPARQL endpoint's flags.

use super::{Stores, Usage};
use anyhow::Result;
use claimgraph::serve::{self, Config};
use claimgraph::store::Access;
use clap::Args;
use std::net::SocketAddr;
use std::time::Duration;

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

    /// Answer cross-origin requests from any web page (Access-Control-Allow-Origin: *)
    #[arg(long)]
    cors: bool,

    /// No line per request on standard error
    #[arg(long, short)]
    quiet: bool,
}

pub(super) fn serve(stores: &Stores, args: ServeArgs) -> Result<()> {
    let timeout = (args.timeout > 0.0)
        .then(|| Duration::try_from_secs_f64(args.timeout))
        .transpose()
        .map_err(|_| {
            Usage(format!(
                "--timeout {}: not a number of seconds",
                args.timeout
            ))
        })?;
    if args.max_connections == 0 {
        return Err(Usage("--max-connections must be at least 1".to_owned()).into());
    }
    let store = stores.open(Access::ReadOnly)?;
    serve::run(
        store,
        Config {
            bind: args.bind,
            timeout,
            max_body: args.max_body,
            max_connections: args.max_connections,
            cors: args.cors,
            quiet: args.quiet,
        },
    )?;
    Ok(())
}
