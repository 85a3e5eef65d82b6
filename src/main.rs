//! The `claimgraph` binary: parse the command line, run it, map failures to exit codes.

mod cli;

use claimgraph::ExitStatus;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = <cli::Cli as clap::Parser>::parse();
    let status = match cli::run(args) {
        Ok(status) => status,
        Err(err) if is_broken_pipe(&err) => ExitStatus::Success,
        Err(err) => {
            eprintln!("error: {err:#}");
            if err.chain().any(|cause| cause.is::<cli::Usage>()) {
                ExitStatus::Usage
            } else {
                cli::status::of(err.as_ref())
            }
        }
    };
    ExitCode::from(status.code())
}

/// A reader that stops early (`| head`) is not a failure, whether the write that found out was
/// ours or serde_json's.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = Some(std::io::ErrorKind::BrokenPipe);
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().map(|e| e.kind()) == broken
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == broken
    })
}
