//! `analyze --semantics h-categoriser|df-quad|qem|euler|social`: gradual semantics, a strength
//! in [0, 1] for each argument (see `argsem::gradual`), of the store's claims with base scores
//! from the data (see `claimgraph::analysis::strength`), or of a weighted bipolar framework in
//! Potyka's `.bag` format (`--framework FILE.bag`).

use super::{note, GraphArgs, Usage};
use anyhow::Result;
use argsem::gradual::{self, BaseRule, Basis, PopularityTable, Relation as Edge, Semantics};
use claimgraph::analysis::{self, strength, ArgumentGraph};
use claimgraph::render::printable;
use claimgraph::{ClaimStore, SourceError};
use clap::builder::PossibleValuesParser;
use clap::Args;
use petgraph::Direction;
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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

/// Where base scores come from, for the gradual semantics over the store's claims.
#[derive(Debug, Args)]
pub(super) struct BaseArgs {
    /// Gradual semantics: base scores from likes (against the thread's most liked quote, the
    /// source's popularity words through a table, else 0.5) or uniform (every claim 0.5)
    #[arg(long, value_parser = ["likes", "uniform"], default_value = "likes")]
    base: String,
    /// With --base likes: a table of popularity levels and words, one `SCORE WORD` a line,
    /// instead of the default table
    #[arg(long, value_name = "FILE")]
    base_table: Option<PathBuf>,
}

impl BaseArgs {
    /// The rule these arguments name.
    pub(super) fn rule(&self) -> Result<BaseRule> {
        match (self.base.as_str(), &self.base_table) {
            ("uniform", Some(_)) => Err(Usage(
                "--base-table gives the scores of popularity words, which --base uniform ignores"
                    .to_owned(),
            )
            .into()),
            ("uniform", None) => Ok(BaseRule::Uniform),
            (_, None) => Ok(BaseRule::Likes(PopularityTable::default())),
            (_, Some(path)) => {
                let text = std::fs::read_to_string(path).map_err(|source| SourceError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                let table = PopularityTable::parse(&path.display().to_string(), &text)?;
                Ok(BaseRule::Likes(table))
            }
        }
    }
}

/// A gradual semantics to show strengths by, beside a trace, a map or a page.
#[derive(Debug, Args)]
pub(super) struct StrengthArgs {
    /// Show each claim's strength under this gradual semantics: h-categoriser, df-quad, qem,
    /// euler or social (base scores by --base)
    #[arg(long, value_name = "SEMANTICS", value_parser = PossibleValuesParser::new(Semantics::ALL.map(Semantics::name)))]
    strengths: Option<String>,
    #[command(flatten)]
    base: BaseArgs,
}

impl StrengthArgs {
    /// Whether strengths were asked for.
    pub(super) fn asked(&self) -> bool {
        self.strengths.is_some()
    }

    /// The semantics and rule asked for, if any.
    pub(super) fn setting(&self) -> Result<Option<strength::Setting>> {
        let Some(semantics) = &self.strengths else {
            return Ok(None);
        };
        Ok(Some(strength::Setting {
            semantics: semantics.parse()?,
            rule: self.base.rule()?,
        }))
    }

    /// The strengths of `graph`'s claims, when asked for; how they were computed goes to
    /// standard error, unless quiet.
    pub(super) fn assess(&self, graph: &ArgumentGraph) -> Result<Option<strength::Assessment>> {
        let Some(setting) = self.setting()? else {
            return Ok(None);
        };
        let assessed = setting.assess(graph);
        note!("strengths: {}", assessed.strengths.describe());
        note!("strengths: {}", assessed.rule);
        if let Some(reason) = &assessed.reason {
            note!("strengths: {reason}");
        }
        Ok(Some(assessed))
    }
}

/// One claim's line of `analyze --semantics <gradual>`.
#[derive(Serialize)]
struct Row<'g> {
    claim: &'g str,
    label: &'g str,
    /// `None` where the semantics has no unique answer for it.
    strength: Option<f64>,
    base: f64,
    /// What the base score came from, in words.
    basis: String,
    grounded: String,
    attackers: usize,
    supporters: usize,
}

/// What `analyze --semantics <gradual> --format json` prints.
#[derive(Serialize)]
struct Report<'g> {
    semantics: &'static str,
    base_rule: &'g str,
    how: String,
    converged: bool,
    tolerance: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'g str>,
    ignored_supports: usize,
    unread_links: usize,
    /// Claims that neither attack, support, nor are attacked or supported: they keep their
    /// base score and are not listed.
    unlinked: usize,
    claims: Vec<Row<'g>>,
}

/// `analyze --semantics <gradual>` over the store: every claim that attacks, supports or is
/// attacked or supported, with its strength beside its grounded label, most attacked first
/// (then weakest first); `--write` stores the strengths in their own named graph. Returns the
/// graph it read.
pub(super) fn analyze_store(
    store: &ClaimStore,
    graphs: &GraphArgs,
    semantics: &str,
    rule: &BaseRule,
    format: &str,
    write: bool,
) -> Result<ArgumentGraph> {
    let semantics: Semantics = semantics.parse()?;
    let selection = store.select(&graphs.graphs)?;
    let view = store.view(&selection)?;
    let graph = ArgumentGraph::from_store(&view)?;
    let assessed = strength::assess(&graph, semantics, rule, &gradual::Options::default());
    if write {
        let target = strength::strength_graph(semantics);
        let triples = assessed.triples(&graph);
        store.replace_graph(
            target.as_ref(),
            &triples,
            &format!("claimgraph analyze --write --semantics {semantics}"),
        )?;
        note!("wrote {} triples into <{}>", triples.len(), target.as_str());
    }
    let grounded = analysis::grounded_labels(&graph);
    let mut rows = Vec::new();
    let mut unlinked = 0;
    for n in graph.graph.node_indices() {
        let (mut attackers, mut supporters) = (0, 0);
        let mut linked = false;
        for edge in graph.graph.edges_directed(n, Direction::Incoming) {
            match strength::edge_of(edge.weight()) {
                Some(Edge::Attack) => attackers += 1,
                Some(Edge::Support) => supporters += 1,
                None => {}
            }
        }
        linked |= attackers + supporters > 0;
        linked |= graph
            .graph
            .edges_directed(n, Direction::Outgoing)
            .any(|e| strength::edge_of(e.weight()).is_some());
        if !linked {
            unlinked += 1;
            continue;
        }
        let claim = &graph.graph[n];
        let (base, basis) = &assessed.bases[n.index()];
        rows.push(Row {
            claim: &claim.iri,
            label: &claim.label,
            strength: assessed.of(n),
            base: *base,
            basis: describe_basis(basis),
            grounded: format!("{:?}", grounded[n.index()]).to_lowercase(),
            attackers,
            supporters,
        });
    }
    rows.sort_by(|a, b| {
        b.attackers
            .cmp(&a.attackers)
            .then(
                a.strength
                    .unwrap_or(f64::NAN)
                    .total_cmp(&b.strength.unwrap_or(f64::NAN)),
            )
            .then(a.claim.cmp(b.claim))
    });
    let report = Report {
        semantics: semantics.name(),
        base_rule: &assessed.rule,
        how: assessed.strengths.describe(),
        converged: assessed.strengths.converged(),
        tolerance: assessed.strengths.tolerance,
        reason: assessed.reason.as_deref(),
        ignored_supports: assessed.strengths.ignored_supports,
        unread_links: assessed.unread_links,
        unlinked,
        claims: rows,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if format == "json" {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_report(&report, &mut out)?;
    }
    out.flush()?;
    drop(report);
    Ok(graph)
}

fn describe_basis(basis: &Basis) -> String {
    match basis {
        Basis::Likes { likes, most } => format!("{likes} likes of {most}"),
        Basis::Level(level) => format!("\"{level}\""),
        Basis::Neutral => "neutral".to_owned(),
    }
}

fn write_report(report: &Report<'_>, out: &mut impl Write) -> Result<()> {
    writeln!(out, "# {}", report.how)?;
    writeln!(out, "# {}", report.base_rule)?;
    if let Some(reason) = report.reason {
        writeln!(out, "# {reason}")?;
    }
    if report.unread_links > 0 {
        writeln!(
            out,
            "# {} links that neither attack nor support (rephrases, preferences, responses of \
             no stated kind) are not read",
            report.unread_links
        )?;
    }
    writeln!(
        out,
        "# {} claims with no attack or support keep their base score and are not listed",
        report.unlinked
    )?;
    writeln!(
        out,
        "strength\tbase\tgrounded\tattackers\tsupporters\tclaim\t(base from)"
    )?;
    for row in &report.claims {
        let strength = row
            .strength
            .map_or("none".to_owned(), |s| format!("{s:.4}"));
        writeln!(
            out,
            "{strength}\t{:.4}\t{}\t{}\t{}\t{}\t({})",
            row.base,
            row.grounded,
            row.attackers,
            row.supporters,
            printable(row.label),
            row.basis
        )?;
    }
    Ok(())
}
