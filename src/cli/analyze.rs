//! `trace` and `analyze`: response trees, figures and Dung semantics, from the store or from an
//! ICCMA framework file.

use super::{columns, gradual, new_table, note, GraphArgs, Stores, Usage};
use anyhow::Result;
use argsem::dung::{Label, Membership};
use argsem::iccma;
use argsem::reasoning::{self, Semantics};
use claimgraph::analysis::{self, acceptance, ArgumentGraph, RootKind};
use claimgraph::render;
use claimgraph::render::{fit_table, printable, text_width, truncate};
use claimgraph::store::Access;
use claimgraph::{bundled, ClaimStore, QueryError};
use clap::builder::PossibleValuesParser;
use clap::Args;
use oxigraph::model::NamedNodeRef;
use petgraph::graph::NodeIndex;
use petgraph::Direction;
use serde::Serializer as _;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub(super) struct AnalyzeArgs {
    /// Argumentation semantics: grounded, complete, preferred, stable, semi-stable, stage or
    /// ideal; or the gradual h-categoriser, df-quad, qem, euler or social (of the store's
    /// claims, or of a .bag framework file)
    #[arg(
        long,
        value_parser = PossibleValuesParser::new(
            Semantics::ALL
                .map(Semantics::name)
                .into_iter()
                .chain(argsem::gradual::Semantics::ALL.map(argsem::gradual::Semantics::name))
        ),
        default_value = "grounded"
    )]
    semantics: String,
    /// Social semantics of a .bag file: the ε of the base score votes give, v+ / (v+ + v- + ε)
    #[arg(
        long,
        value_name = "E",
        default_value_t = 0.1,
        allow_negative_numbers = true
    )]
    epsilon: f64,
    /// Write the labels or strengths back into the store, in the semantics' own named graph,
    /// replacing what an earlier write put there (of the whole store only: not with --graph)
    #[arg(long, conflicts_with_all = ["framework", "graphs", "accepted"])]
    write: bool,
    /// Whether this claim (an IRI or local name) is accepted under the semantics, and why:
    /// an extension that contains it, or what keeps every extension from holding it
    #[arg(
        long,
        value_name = "CLAIM",
        conflicts_with = "framework",
        requires = "mode"
    )]
    accepted: Option<String>,
    /// With --accepted: in some extension
    #[arg(long, group = "mode", requires = "accepted")]
    credulous: bool,
    /// With --accepted: in every extension
    #[arg(long, group = "mode", requires = "accepted")]
    sceptical: bool,
    /// Analyse an ICCMA framework file (.apx, .tgf, .af) instead of the store, and print the
    /// extension(s) as ICCMA solvers do; or a weighted bipolar framework (.bag), with a gradual
    /// semantics
    #[arg(long, value_name = "FILE", conflicts_with = "graphs")]
    framework: Option<PathBuf>,
    /// Output format: text or json
    #[arg(long, value_parser = ["text", "json"], default_value = "text")]
    format: String,
    #[command(flatten)]
    base: gradual::BaseArgs,
    #[command(flatten)]
    graphs: GraphArgs,
}

/// `trace [CLAIM]`: the response tree of one claim, or of every debate's root (allegations,
/// then conclusions). JSON is an array of traces, each `{"root": IRI, "kind": ..., "nodes":
/// [...]}` with the nodes flat, in preorder (see [`analysis::Trace`]); text is an outline per
/// trace (see [`render::write_trace`]). A store with no root says why, rather than print
/// nothing.
pub(super) fn trace(
    store: &ClaimStore,
    claim: Option<String>,
    format: &str,
    strengths: &gradual::StrengthArgs,
    graphs: &GraphArgs,
) -> Result<()> {
    let selection = store.select(&graphs.graphs)?;
    let view = store.view(&selection)?;
    let graph = ArgumentGraph::from_store(&view)?;
    let assessed = strengths.assess(&graph)?;
    let trace = |(root, kind): (NodeIndex, Option<RootKind>)| {
        let mut trace = analysis::trace(&graph, root);
        if let Some(assessed) = &assessed {
            trace = trace.with_strengths(assessed);
        }
        match kind {
            Some(kind) => trace.of_root(kind),
            None => trace,
        }
    };
    let roots: Vec<(NodeIndex, Option<RootKind>)> = match claim {
        Some(name) => vec![(
            graph.find(&name).ok_or(QueryError::UnknownClaim { name })?,
            None,
        )],
        None => graph
            .roots()
            .into_iter()
            .map(|(n, k)| (n, Some(k)))
            .collect(),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if roots.is_empty() {
        let why = no_roots(&graph);
        if format == "json" {
            note!("{why}");
        } else {
            writeln!(out, "{why}")?;
        }
    }
    if format == "json" {
        // One trace at a time: serde writes the sequence as it goes.
        let traces = roots.iter().map(|&root| trace(root));
        let mut json = serde_json::Serializer::pretty(&mut out);
        json.collect_seq(traces)?;
        writeln!(out)?;
    } else {
        for &root in &roots {
            render::write_trace(&trace(root), &mut out)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    super::leave(graph);
    Ok(())
}

/// Why a store has no debate to start from, in words.
fn no_roots(graph: &ArgumentGraph) -> String {
    format!(
        "no debate to trace: of the {} claims in the store, none is an allegation, and none that \
         answers nothing is answered or has premises ({} links between claims)",
        graph.graph.node_count(),
        graph.graph.edge_count()
    )
}

/// `analyze`: an ICCMA framework file, or the store (opened to write with `--write`).
pub(super) fn analyze(stores: &Stores, args: &AnalyzeArgs) -> Result<()> {
    let bag = args.framework.as_ref().filter(|path| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("bag"))
    });
    match (gradual::is_gradual(&args.semantics), bag) {
        (true, Some(path)) => {
            return gradual::analyze_bag(path, &args.semantics, args.epsilon, &args.format)
        }
        (true, None) if args.framework.is_some() => {
            return Err(Usage(format!(
                "{} semantics read a weighted bipolar framework (.bag) or the store, not an \
                 ICCMA framework",
                args.semantics
            ))
            .into())
        }
        (true, None) if args.accepted.is_some() => {
            return Err(Usage(format!(
                "--accepted asks whether a claim is in an extension; {} semantics give \
                 strengths, not extensions",
                args.semantics
            ))
            .into())
        }
        (true, None) => {
            let rule = args.base.rule()?;
            let store = open(stores, args.write)?;
            let graph = gradual::analyze_store(
                &store,
                &args.graphs,
                &args.semantics,
                &rule,
                &args.format,
                args.write,
            )?;
            close(store, graph, args.write);
            return Ok(());
        }
        (false, Some(_)) => {
            return Err(Usage(
                "a .bag file is a weighted bipolar framework, for the gradual semantics: \
                 --semantics h-categoriser, df-quad, qem, euler or social"
                    .to_owned(),
            )
            .into())
        }
        (false, None) => {}
    }
    let semantics = Semantics::parse(&args.semantics).expect("clap offers only the names");
    if let Some(path) = &args.framework {
        return analyze_framework(path, semantics);
    }
    let store = open(stores, args.write)?;
    match &args.accepted {
        Some(claim) => accepted(&store, args, semantics, claim),
        None => {
            let graph = analyze_store(&store, args, semantics)?;
            close(store, graph, args.write);
            Ok(())
        }
    }
}

/// Closes the store; after results were written back, the graph they were computed from is
/// still the store's and is kept beside it (see [`ArgumentGraph::keep_on_close`]).
fn close(store: ClaimStore, graph: ArgumentGraph, written: bool) {
    if written {
        graph.keep_on_close(store);
    }
    super::leave(graph);
}

/// The store, opened to write when the results are to be written back.
fn open(stores: &Stores, write: bool) -> Result<ClaimStore> {
    let access = if write {
        Access::ReadWrite
    } else {
        Access::ReadOnly
    };
    Ok(stores.open(access)?)
}

/// `analyze --framework FILE`: ICCMA in, ICCMA out: the extension of grounded and ideal
/// semantics, every extension of the others.
fn analyze_framework(path: &Path, semantics: Semantics) -> Result<()> {
    let (format, af) = super::iccma::read_framework(path)?;
    let output = if semantics.is_unique() {
        let extension = reasoning::some_extension(&af, semantics).unwrap_or_default();
        iccma::write_extension(format, &af, &extension)
    } else {
        iccma::write_extensions(format, &af, &reasoning::extensions(&af, semantics))
    };
    io::stdout().lock().write_all(output.as_bytes())?;
    Ok(())
}

/// Figures per root allegation, actor attacks and a semantics, from the store.
#[derive(serde::Serialize)]
struct Analysis<'g> {
    allegations: Vec<analysis::Figures>,
    /// Figures of the debates that start from a discussion's thesis, and from a conclusion,
    /// rather than an allegation (the `allegation` field of each names the root).
    theses: Vec<analysis::Figures>,
    conclusions: Vec<analysis::Figures>,
    actor_attacks: Vec<(String, String, usize)>,
    semantics: String,
    /// Borrowed from the graph: a million contested claims are then sorted without a copy.
    labels: Vec<(&'static str, &'g str)>,
    /// How many preferred extensions there are (null beyond 2^128, or for grounded semantics).
    extension_count: Option<u128>,
    /// Their members, when there are at most [`LISTED`].
    extensions: Vec<Vec<String>>,
}

/// The most preferred extensions `analyze` lists; beyond, it gives their number and each
/// claim's acceptance, which are computed without listing them.
const LISTED: u128 = 10_000;

/// `analyze --semantics S` over the store; returns the graph it read.
fn analyze_store(
    store: &ClaimStore,
    args: &AnalyzeArgs,
    semantics: Semantics,
) -> Result<ArgumentGraph> {
    let selection = store.select(&args.graphs.graphs)?;
    let view = store.view(&selection)?;
    let graph = ArgumentGraph::from_store(&view)?;
    // Where debates start and who attacks whom, on a core of their own beside the semantics:
    // at a million claims each takes about as long as the other.
    std::thread::scope(|scope| {
        let debates = scope.spawn(|| (debates(&graph), analysis::actor_attacks(&graph)));
        report(store, args, semantics, &graph, || {
            debates
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    })?;
    Ok(graph)
}

/// The figures of every debate: those that start from an allegation, a thesis, a conclusion.
type Debates = [Vec<analysis::Figures>; 3];

fn debates(graph: &ArgumentGraph) -> Debates {
    let mut debates: Debates = Default::default();
    for (root, kind) in graph.roots() {
        let figures = analysis::figures(&analysis::trace(graph, root));
        let place = match kind {
            RootKind::Allegation => 0,
            RootKind::Thesis => 1,
            RootKind::Conclusion => 2,
        };
        debates[place].push(figures);
    }
    debates
}

/// Computes the semantics, writes them back when asked, and prints the report, with the
/// debates and actor attacks that `debates` gives when they are needed.
fn report(
    store: &ClaimStore,
    args: &AnalyzeArgs,
    semantics: Semantics,
    graph: &ArgumentGraph,
    debates: impl FnOnce() -> (Debates, Vec<(String, String, usize)>),
) -> Result<()> {
    let label_of = |n: NodeIndex| graph.graph[n].label.clone();
    // Each claim's standing, the extensions listed where there are few, and how many there
    // are where that is known. The triples are made only to be written: a million IRIs checked
    // otherwise for nothing.
    let (labels, standings, (extensions, count)) = match semantics {
        Semantics::Grounded => {
            let grounded = analysis::grounded_labels(graph);
            let labels = grounded.iter().map(|l| l.name()).collect();
            (labels, Standings::Grounded(grounded), (Vec::new(), Some(1)))
        }
        Semantics::Preferred => {
            let (preferred, standing) = analysis::preferred_acceptance(graph);
            let count = preferred.count();
            let mut listed: Vec<Vec<NodeIndex>> = if count.is_some_and(|c| c <= LISTED) {
                preferred.extensions().collect()
            } else {
                Vec::new()
            };
            listed.sort_unstable();
            let named: Vec<Vec<String>> = listed
                .iter()
                .map(|e| e.iter().map(|&n| label_of(n)).collect())
                .collect();
            let labels = words(&standing);
            (labels, Standings::Accepted(standing), (named, count))
        }
        _ => match reasoning::membership(&graph.framework(), semantics) {
            Some(standing) => {
                let count = semantics.is_unique().then_some(1);
                let labels = words(&standing);
                (labels, Standings::Accepted(standing), (Vec::new(), count))
            }
            None => {
                note!(
                    "no {} extension: every claim is sceptically accepted, none credulously",
                    semantics.name()
                );
                let labels = vec!["no-extension"; graph.graph.node_count()];
                (labels, Standings::NoExtension, (Vec::new(), Some(0)))
            }
        },
    };
    if args.write {
        let mut triples = acceptance::description(semantics, count);
        let stated = match &standings {
            Standings::Grounded(labels) => acceptance::grounded_triples(graph, labels),
            Standings::Accepted(standing) => acceptance::standing_triples(graph, standing),
            Standings::NoExtension => Vec::new(),
        };
        let claims = stated.len();
        triples.extend(stated);
        let target = bundled::acceptance_graph(semantics);
        store.replace_graph(
            NamedNodeRef::new_unchecked(&target),
            &triples,
            &format!("claimgraph analyze --write --semantics {}", args.semantics),
        )?;
        note!(
            "wrote the {} acceptance of {claims} claims into <{target}>",
            semantics.name()
        );
    }
    // Claims that neither attack nor are attacked are trivially in: list only the contested.
    // Contested: an end of an attack, read off the graph rather than a framework built again.
    let attacked = |n: NodeIndex, way| {
        (graph.graph.edges_directed(n, way)).any(|link| link.weight().is_attack())
    };
    let mut labelled: Vec<(&str, &str)> = graph
        .graph
        .node_indices()
        .filter(|&n| attacked(n, Direction::Incoming) || attacked(n, Direction::Outgoing))
        .map(|n| (labels[n.index()], graph.graph[n].label.as_str()))
        .collect();
    labelled.sort_unstable();
    // The labels come last in the text but are known first: laid out while the debates are
    // still being traced on the other core.
    let mut tail = Vec::new();
    if args.format != "json" {
        write_labels(&args.semantics, &labelled, count, columns(), &mut tail)?;
    }
    let ([allegations, theses, conclusions], actor_attacks) = debates();
    if allegations.is_empty() && theses.is_empty() && conclusions.is_empty() {
        note!("{}", no_roots(graph));
    }
    let report = Analysis {
        allegations,
        theses,
        conclusions,
        actor_attacks,
        semantics: args.semantics.clone(),
        labels: labelled,
        extension_count: count,
        extensions,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.format == "json" {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_debates(&report, columns(), &mut out)?;
        out.write_all(&tail)?;
    }
    out.flush()?;
    Ok(())
}

/// What `analyze` found of each claim, by node index, to be written back.
enum Standings {
    /// Grounded labels, written as they are.
    Grounded(Vec<Label>),
    /// In every extension, some or none.
    Accepted(Vec<Membership>),
    /// There is no extension (stable semantics only): nothing to state of any claim.
    NoExtension,
}

/// Each standing in one word, as the labels column prints it.
fn words(standing: &[Membership]) -> Vec<&'static str> {
    standing.iter().map(|&m| acceptance::word(m)).collect()
}

/// Rows beyond which `analyze` lists them as plain columns rather than a table.
const TABLE_ROWS: usize = 10_000;

/// Rows of text under a header: a table when they are few, else plain columns, each but the
/// last padded to its widest cell, since laying out a table of a million rows takes seconds.
fn write_rows<const N: usize>(
    out: &mut impl Write,
    header: [&str; N],
    rows: &[[&str; N]],
    columns: Option<usize>,
) -> Result<()> {
    if rows.len() <= TABLE_ROWS {
        let mut table = new_table(header);
        for row in rows {
            table.add_row(row.map(printable));
        }
        fit_table(&mut table, columns);
        writeln!(out, "{table}")?;
        return Ok(());
    }
    let mut widths = [0; N];
    for row in std::iter::once(&header).chain(rows) {
        for (width, cell) in widths.iter_mut().zip(&row[..N - 1]) {
            *width = (*width).max(text_width(&printable(cell)));
        }
    }
    let mut line = String::new();
    for row in std::iter::once(&header).chain(rows) {
        line.clear();
        for (i, cell) in row.iter().enumerate() {
            let cell = printable(cell);
            line.push_str(&cell);
            if i + 1 < N {
                let pad = widths[i] - text_width(&cell) + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        if let Some(columns) = columns {
            line = truncate(&line, columns);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The text of an analysis up to the labels: each debate's figures, then who attacks whom.
fn write_debates(report: &Analysis, columns: Option<usize>, out: &mut impl Write) -> Result<()> {
    let fit = |line: &str| {
        let line = printable(line);
        match columns {
            Some(columns) => truncate(&line, columns),
            None => line.into_owned(),
        }
    };
    let roots = (report.allegations.iter().map(|f| (f, "")))
        .chain(report.theses.iter().map(|f| (f, "thesis: ")))
        .chain(report.conclusions.iter().map(|f| (f, "conclusion: ")));
    for (figures, kind) in roots {
        writeln!(out, "{}", fit(&format!("{kind}{}", figures.allegation)))?;
        writeln!(
            out,
            "  {} direct responses, {} indirect, deepest chain {}, {} cycles",
            figures.direct, figures.indirect, figures.deepest_chain, figures.cycles
        )?;
        for (label, likes) in &figures.most_liked {
            let line = format!("  {likes:>5} likes  {label}");
            writeln!(out, "{}", fit(&line))?;
        }
        writeln!(out)?;
    }
    let counts: Vec<String> = report
        .actor_attacks
        .iter()
        .map(|(_, _, n)| n.to_string())
        .collect();
    let attacks: Vec<[&str; 3]> = (report.actor_attacks.iter().zip(&counts))
        .map(|((attacker, attacked, _), n)| [attacker.as_str(), attacked, n])
        .collect();
    writeln!(out, "who attacks whom")?;
    write_rows(out, ["attacker", "attacked", "attacks"], &attacks, columns)?;
    writeln!(out)?;
    Ok(())
}

/// The rest of the text: each contested claim's label under `semantics`, and how many preferred
/// extensions there are.
fn write_labels(
    semantics: &str,
    labels: &[(&str, &str)],
    extension_count: Option<u128>,
    columns: Option<usize>,
    out: &mut impl Write,
) -> Result<()> {
    let header = format!("{semantics} label");
    let labels: Vec<[&str; 2]> = labels
        .iter()
        .map(|&(label, claim)| [label, claim])
        .collect();
    write_rows(out, [header.as_str(), "contested claim"], &labels, columns)?;
    match extension_count {
        Some(count) if count <= LISTED => writeln!(
            out,
            "{count} preferred extension(s); `--format json` lists their members"
        )?,
        Some(count) => writeln!(
            out,
            "{count} preferred extensions, more than the {LISTED} that `--format json` lists"
        )?,
        None if semantics == Semantics::Preferred.name() => {
            writeln!(out, "more than 2^128 preferred extensions")?
        }
        None => {}
    }
    Ok(())
}

/// The answer of `analyze --accepted CLAIM`, and why.
#[derive(serde::Serialize)]
struct Accepted {
    claim: String,
    semantics: &'static str,
    mode: &'static str,
    accepted: bool,
    /// An extension with the claim (credulous, accepted), or without it (sceptical, not): its
    /// claims' labels, sorted.
    extension: Option<Vec<String>>,
    /// In words: what shows the answer.
    reason: String,
}

/// The claims of an extension that a reader is shown before "and N more".
const SHOWN: usize = 20;

/// `analyze --accepted CLAIM --credulous|--sceptical`.
fn accepted(
    store: &ClaimStore,
    args: &AnalyzeArgs,
    semantics: Semantics,
    name: &str,
) -> Result<()> {
    let selection = store.select(&args.graphs.graphs)?;
    let view = store.view(&selection)?;
    let graph = ArgumentGraph::from_store(&view)?;
    let claim = graph.find(name).ok_or_else(|| QueryError::UnknownClaim {
        name: name.to_owned(),
    })?;
    let framework = graph.framework();
    let credulous = args.credulous;
    let decision = if credulous {
        reasoning::credulous(&framework, semantics, claim)
    } else {
        reasoning::sceptical(&framework, semantics, claim)
    };
    let label = |n: NodeIndex| graph.graph[n].label.as_str();
    let attackers: Vec<NodeIndex> = framework
        .neighbors_directed(claim, petgraph::Direction::Incoming)
        .collect();
    let grounded = analysis::grounded_labels(&graph);
    let sigma = semantics.name();
    let reason = match (&decision.witness, credulous) {
        (Some(extension), true) => format!(
            "the {sigma} extension below contains it ({} claims)",
            extension.len()
        ),
        (Some(extension), false) => {
            let defeaters: Vec<&str> = attackers
                .iter()
                .filter(|a| extension.binary_search(a).is_ok())
                .map(|&a| label(a))
                .collect();
            if defeaters.is_empty() {
                format!(
                    "the {sigma} extension below does not contain it: it is not defended there \
                     against every attacker, though none of its attackers is in it"
                )
            } else {
                format!(
                    "the {sigma} extension below does not contain it: it holds {}, which \
                     attacks it",
                    quoted(&defeaters)
                )
            }
        }
        (None, _)
            if semantics == Semantics::Stable
                && reasoning::some_extension(&framework, Semantics::Stable).is_none() =>
        {
            "there is no stable extension at all".to_owned()
        }
        (None, true) => {
            let beaten: Vec<&str> = attackers
                .iter()
                .filter(|a| grounded[a.index()] == Label::In)
                .map(|&a| label(a))
                .collect();
            if attackers.contains(&claim) {
                "it attacks itself".to_owned()
            } else if !beaten.is_empty() && semantics != Semantics::Stage {
                format!(
                    "it is attacked by {}, which every extension accepts (unattacked, or defended \
                     by the unattacked: the grounded extension)",
                    quoted(&beaten)
                )
            } else {
                format!(
                    "no {sigma} extension contains it: every set that holds it fails against its \
                     attackers {}",
                    quoted(&attackers.iter().map(|&a| label(a)).collect::<Vec<_>>())
                )
            }
        }
        (None, false) if grounded[claim.index()] == Label::In && semantics != Semantics::Stage => {
            "it is in the grounded extension: unattacked, or defended by the unattacked".to_owned()
        }
        (None, false) => format!("every {sigma} extension contains it"),
    };
    let extension = decision.witness.as_ref().map(|e| {
        let mut names: Vec<String> = e.iter().map(|&n| label(n).to_owned()).collect();
        names.sort_unstable();
        names
    });
    let answer = Accepted {
        claim: label(claim).to_owned(),
        semantics: sigma,
        mode: if credulous { "credulous" } else { "sceptical" },
        accepted: decision.accepted,
        extension,
        reason,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.format == "json" {
        serde_json::to_writer_pretty(&mut out, &answer)?;
        writeln!(out)?;
    } else {
        let verdict = if answer.accepted { "" } else { "not " };
        writeln!(
            out,
            "{}: {verdict}{} accepted under {sigma} semantics",
            printable(&answer.claim),
            if credulous {
                "credulously"
            } else {
                "sceptically"
            }
        )?;
        writeln!(out, "  because {}", answer.reason)?;
        if let Some(names) = &answer.extension {
            for name in names.iter().take(SHOWN) {
                writeln!(out, "    {}", printable(name))?;
            }
            if names.len() > SHOWN {
                writeln!(
                    out,
                    "    and {} more; `--format json` lists them",
                    names.len() - SHOWN
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Claims' labels, quoted and joined: `“a”, “b”`.
fn quoted(labels: &[&str]) -> String {
    let quoted: Vec<String> = labels
        .iter()
        .map(|l| format!("\u{201c}{}\u{201d}", printable(l)))
        .collect();
    quoted.join(", ")
}
