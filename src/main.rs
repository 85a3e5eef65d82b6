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
                ExitStatus::of(err.as_ref())
            }
        }
    };
    ExitCode::from(status.code())
}

/// A reader that stops early (`| head`) is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
