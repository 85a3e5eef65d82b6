//! The `claimgraph` binary: parse the command line, run it, map failures to exit codes.

mod cli;

use claimgraph::{ExportError, LoadError, QueryError, RenderError, StoreError};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = <cli::Cli as clap::Parser>::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(exit_code(&err))
        }
    }
}

/// The documented exit code for an error: the first cause that is one of ours decides.
fn exit_code(err: &anyhow::Error) -> u8 {
    err.chain()
        .find_map(|cause| {
            if cause.is::<LoadError>() {
                Some(3)
            } else if cause.is::<QueryError>() || cause.is::<RenderError>() {
                Some(4)
            } else if cause.is::<StoreError>() {
                Some(5)
            } else if cause.is::<ExportError>() {
                Some(6)
            } else {
                None
            }
        })
        .unwrap_or(1)
}

/// A reader that stops early (`| head`) is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
