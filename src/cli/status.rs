//! Which exit status each failure ends a command with. The library names the statuses
//! ([`ExitStatus`]) and its errors say what went wrong; only the command line decides how a
//! process reports it.

use argsem::iccma::ReadError;
use claimgraph::query::QueryError;
use claimgraph::store::RemoteError;
use claimgraph::validate::ShapesError;
use claimgraph::{
    kialo, ExitStatus, ExportError, GraphError, LoadError, RenderError, SourceError, StoreError,
};
use oxigraph::sparql::QueryEvaluationError;
use std::error::Error;

/// The status an error chain ends with: the first cause that is one of the library's errors
/// decides; anything else is unexpected.
pub fn of(error: &(dyn Error + 'static)) -> ExitStatus {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if let Some(status) = status(error) {
            return status;
        }
        cause = error.source();
    }
    ExitStatus::Unexpected
}

fn status(error: &(dyn Error + 'static)) -> Option<ExitStatus> {
    if error.is::<SourceError>() || error.is::<ShapesError>() || error.is::<ReadError>() {
        Some(ExitStatus::BadInput)
    } else if let Some(error) = error.downcast_ref::<LoadError>() {
        Some(load(error))
    } else if let Some(error) = error.downcast_ref::<QueryError>() {
        Some(query(error))
    } else if let Some(error) = error.downcast_ref::<RenderError>() {
        Some(match error {
            RenderError::FormatMismatch { .. } => ExitStatus::BadQuery,
            RenderError::Query(error) => query(error),
            RenderError::Storage(_) => ExitStatus::StoreUnavailable,
            _ => ExitStatus::Unexpected,
        })
    } else if let Some(error) = error.downcast_ref::<StoreError>() {
        Some(match error {
            StoreError::Validation(_) => ExitStatus::Unexpected,
            StoreError::Remote(RemoteError::Unsupported { .. }) => ExitStatus::Usage,
            _ => ExitStatus::StoreUnavailable,
        })
    } else if let Some(error) = error.downcast_ref::<GraphError>() {
        Some(match error {
            GraphError::Unknown { .. } => ExitStatus::BadQuery,
            GraphError::Schema { .. } | GraphError::Metadata { .. } => ExitStatus::Usage,
            _ => ExitStatus::StoreUnavailable,
        })
    } else if let Some(error) = error.downcast_ref::<RemoteError>() {
        Some(match error {
            RemoteError::Unsupported { .. } => ExitStatus::Usage,
            _ => ExitStatus::StoreUnavailable,
        })
    } else if error.is::<ExportError>() {
        Some(ExitStatus::Rendering)
    } else {
        error
            .downcast_ref::<kialo::export::ExportError>()
            .map(|error| match error {
                kialo::export::ExportError::Query(error) => query(error),
                kialo::export::ExportError::Io(_) => ExitStatus::Unexpected,
                // Which discussion to write is the user's to say: --focus or --graph.
                _ => ExitStatus::Usage,
            })
    }
}

fn load(error: &LoadError) -> ExitStatus {
    match error {
        LoadError::Invalid { .. } => ExitStatus::Invalid,
        LoadError::Validation(_) => ExitStatus::Unexpected,
        LoadError::Storage(_) => ExitStatus::StoreUnavailable,
        _ => ExitStatus::BadInput,
    }
}

fn query(error: &QueryError) -> ExitStatus {
    match error {
        QueryError::Evaluation(QueryEvaluationError::Dataset(_)) => ExitStatus::StoreUnavailable,
        _ => ExitStatus::BadQuery,
    }
}
