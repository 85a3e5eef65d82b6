//! `analyze --framework FILE.bag --semantics h-categoriser|df-quad|qem|euler|social`: gradual
//! semantics over a weighted bipolar framework in Potyka's `.bag` format, a strength in [0, 1]
//! for each argument (see `argsem::gradual`).

use super::Usage;
use anyhow::Result;
use argsem::gradual::{self, Semantics};
use claimgraph::SourceError;
use std::io::{self, Write};
use std::path::Path;

/// Whether `name` is one of the gradual semantics.
pub(super) fn is_gradual(name: &str) -> bool {
    name.parse::<Semantics>().is_ok()
}

/// The strengths of the arguments of `path` under `semantics`: JSON as the library writes it, or
/// text with how they were computed first. Votes set the base scores of social semantics, with
/// `epsilon`.
pub(super) fn analyze_bag(path: &Path, semantics: &str, epsilon: f64, format: &str) -> Result<()> {
    let semantics: Semantics = semantics.parse()?;
    if !(epsilon.is_finite() && epsilon >= 0.0) {
        return Err(Usage(format!("--epsilon must be a number >= 0, not {epsilon}")).into());
    }
    let text = std::fs::read_to_string(path).map_err(|source| SourceError::Read {
        path: path.to_owned(),
        source,
    })?;
    let bag = gradual::parse_bag(&path.display().to_string(), &text)?;
    let framework = match semantics {
        Semantics::Social => bag.with_vote_scores(epsilon),
        _ => bag.framework,
    };
    let result = gradual::strengths(&framework, semantics, &gradual::Options::default());
    let mut out = io::stdout().lock();
    if format == "json" {
        writeln!(out, "{}", gradual::write_json(&framework, &result))?;
        return Ok(());
    }
    writeln!(out, "# {}", result.describe())?;
    if let Some(reason) = result.reason(&framework) {
        writeln!(out, "# {reason}")?;
    }
    for (argument, value) in framework.node_weights().zip(&result.values) {
        let strength = value.map_or("none".to_owned(), |v| format!("{v}"));
        writeln!(
            out,
            "{}\t{strength}\t(base {})",
            argument.label,
            argument.base.get()
        )?;
    }
    Ok(())
}
