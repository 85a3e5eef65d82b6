//! `iccma`: claimgraph as an ICCMA solver, with the competition's command line (`-p TASK -f FILE
//! [-a ARG]`, `--problems`, `--formats`) and answers on standard output exactly as ICCMA 2023
//! specifies them for its `.af` files, as ICCMA 2019 did for `.apx` and `.tgf`.

use super::Usage;
use anyhow::Result;
use argsem::iccma::{self, IccmaFormat};
use argsem::reasoning::{self, Semantics};
use claimgraph::SourceError;
use clap::Args;
use petgraph::graph::{DiGraph, NodeIndex};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub(super) const EXAMPLES: &str = "Examples:
  claimgraph iccma --problems
  claimgraph iccma -p SE-PR -f tests/fixtures/chain.af
  claimgraph iccma -p DS-PR -f tests/fixtures/chain.af -a 2
  claimgraph iccma -p EE-ST -f tests/fixtures/even-cycle.tgf

Answers (ICCMA 2023, for .af files): DC-σ prints YES and a σ-extension with the argument
(`w 1 3`), or NO; DS-σ prints NO and a σ-extension without it, or YES; SE-σ prints a
σ-extension, or NO when there is none. EE-σ prints one `w` line per extension, CE-σ their
number. For .apx and .tgf files, as ICCMA 2019: YES or NO alone, `[a,b]`, `[[a],[b]]`.";

#[derive(Debug, Args)]
pub(super) struct IccmaArgs {
    /// The task: DC-, DS-, SE-, EE- or CE- followed by a semantics (GR, CO, PR, ST, SST, STG,
    /// ID); `--problems` lists them
    #[arg(short = 'p', value_name = "TASK", requires = "file")]
    problem: Option<String>,
    /// The framework: ICCMA 2023 `p af N` (.af, .i23), ASPARTIX facts (.apx) or trivial graph
    /// format (.tgf)
    #[arg(short = 'f', value_name = "FILE", requires = "problem")]
    file: Option<PathBuf>,
    /// The argument a DC or DS task asks about: its number in a .af file, its name otherwise
    #[arg(short = 'a', value_name = "ARG", requires = "problem")]
    argument: Option<String>,
    /// Print the tasks this solver answers, as `[DC-CO,...]`, and stop
    #[arg(long, exclusive = true)]
    problems: bool,
    /// Print the file formats this solver reads, as `[af,apx,tgf]`, and stop
    #[arg(long, exclusive = true)]
    formats: bool,
}

/// What an ICCMA task asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    Credulous,
    Sceptical,
    Some,
    Every,
    Count,
}

impl Question {
    const ALL: [(Question, &'static str); 5] = [
        (Question::Some, "SE"),
        (Question::Credulous, "DC"),
        (Question::Sceptical, "DS"),
        (Question::Every, "EE"),
        (Question::Count, "CE"),
    ];
}

/// Every task, in ICCMA's spelling: each semantics with each question.
fn problems() -> impl Iterator<Item = (String, Question, Semantics)> {
    Semantics::ALL.into_iter().flat_map(|semantics| {
        Question::ALL.into_iter().map(move |(question, code)| {
            (format!("{code}-{}", semantics.code()), question, semantics)
        })
    })
}

pub(super) fn iccma(args: &IccmaArgs) -> Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    if args.problems {
        let names: Vec<String> = problems().map(|(name, _, _)| name).collect();
        writeln!(out, "[{}]", names.join(","))?;
    } else if args.formats {
        writeln!(out, "[af,apx,tgf]")?;
    } else if let (Some(problem), Some(file)) = (&args.problem, &args.file) {
        let Some((_, question, semantics)) = problems().find(|(name, _, _)| name == problem) else {
            return Err(Usage(format!(
                "-p {problem}: not a task this solver answers (`claimgraph iccma --problems` lists them)"
            ))
            .into());
        };
        let (format, af) = read_framework(file)?;
        let text = answer(&af, format, question, semantics, || {
            let Some(name) = &args.argument else {
                return Err(Usage(format!(
                    "-p {problem} needs the argument it asks about: -a ARG"
                )));
            };
            af.node_indices().find(|&a| af[a] == *name).ok_or_else(|| {
                Usage(format!(
                    "-a {name}: {} has no argument {name:?}",
                    file.display()
                ))
            })
        })?;
        out.write_all(text.as_bytes())?;
    } else {
        // As ICCMA asks of a solver called with no task: its name and version.
        writeln!(out, "claimgraph {}", env!("CARGO_PKG_VERSION"))?;
    }
    out.flush()?;
    Ok(())
}

/// Reads an ICCMA framework file in the format its name says.
pub(super) fn read_framework(path: &Path) -> Result<(IccmaFormat, DiGraph<String, ()>)> {
    let format = IccmaFormat::from_path(path)?;
    let bytes = std::fs::read(path).map_err(|source| SourceError::Read {
        path: path.to_owned(),
        source,
    })?;
    // Bytes, not text: invalid UTF-8 is reported at its line and column.
    let af = iccma::parse_bytes(&path.display().to_string(), &bytes, format)?;
    Ok((format, af))
}

/// The answer as the competition prints it; `argument` finds the argument a DC or DS task
/// asks about.
fn answer(
    af: &DiGraph<String, ()>,
    format: IccmaFormat,
    question: Question,
    semantics: Semantics,
    argument: impl FnOnce() -> Result<NodeIndex, Usage>,
) -> Result<String, Usage> {
    Ok(match question {
        Question::Credulous | Question::Sceptical => {
            let argument = argument()?;
            let decision = if question == Question::Credulous {
                reasoning::credulous(af, semantics, argument)
            } else {
                reasoning::sceptical(af, semantics, argument)
            };
            let verdict = if decision.accepted { "YES\n" } else { "NO\n" };
            match decision.witness {
                // ICCMA 2023 prints certificates after YES and NO; 2019, for .apx and .tgf, did
                // not.
                Some(witness) if format == IccmaFormat::Af => {
                    verdict.to_owned() + &iccma::write_extension(format, af, &witness)
                }
                _ => verdict.to_owned(),
            }
        }
        Question::Some => match reasoning::some_extension(af, semantics) {
            Some(extension) => iccma::write_extension(format, af, &extension),
            None => "NO\n".to_owned(),
        },
        Question::Every => {
            iccma::write_extensions(format, af, &reasoning::extensions(af, semantics))
        }
        Question::Count => format!("{}\n", reasoning::extensions(af, semantics).len()),
    })
}
