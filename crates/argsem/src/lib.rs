//! # argsem
//!
//! Argumentation semantics over [petgraph](https://docs.rs/petgraph) graphs, where a node is an
//! argument and an edge `a -> b` means "a attacks b":
//!
//! - [`dung`]: Dung's abstract argumentation. The grounded labelling (what every reasonable
//!   position accepts and rejects) in linear time, and the preferred extensions (the maximal
//!   admissible sets) exactly, listed or kept factored by independent parts of the framework.
//! - [`reasoning`]: the semantics and tasks of ICCMA 2023's main track (complete, preferred,
//!   stable, semi-stable, stage and ideal; one extension, credulous and sceptical acceptance
//!   with a certificate, every extension), decided by SAT.
//! - [`gradual`]: gradual semantics of weighted bipolar frameworks (h-categoriser, DF-QuAD,
//!   the quadratic energy model, Euler-based, social abstract argumentation): a strength in
//!   [0, 1] for each argument, from base scores, attacks and supports, with base-score rules from
//!   likes and popularity words and the `.bag` format.
//! - [`iccma`]: frameworks read from the formats of the ICCMA competitions (`.apx`, `.tgf`,
//!   ICCMA 2023 `.af`), with errors that say where and what, and extensions printed the way
//!   ICCMA solvers print them.
//!
//! Pure computation: no I/O besides what the caller hands over, no recursion whose depth the
//! input decides, and every algorithm documents its complexity.
//!
//! ```
//! use argsem::dung::{grounded, preferred, Label};
//! use argsem::iccma::{parse, write_extension, write_extensions, IccmaFormat};
//!
//! // a and b attack each other, and both attack c; d is unattacked and attacks b.
//! let text = "arg(a). arg(b). arg(c). arg(d).\natt(a,b). att(b,a). att(a,c). att(b,c). att(d,b).\n";
//! let af = parse("example.apx", text, IccmaFormat::Apx)?;
//!
//! // d defeats b, which reinstates a, which defeats c.
//! let labels = grounded(&af);
//! assert_eq!(labels, [Label::In, Label::Out, Label::Out, Label::In]);
//! let accepted: Vec<_> = af.node_indices().filter(|a| labels[a.index()] == Label::In).collect();
//! assert_eq!(write_extension(IccmaFormat::Apx, &af, &accepted), "[a,d]\n");
//! assert_eq!(write_extensions(IccmaFormat::Apx, &af, &preferred(&af)), "[[a,d]]\n");
//!
//! // A broken file is refused with its name, line and column.
//! let error = parse("broken.af", "p af 2\n1 3\n", IccmaFormat::Af).unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     "broken.af:2:3: argument \"3\" does not exist: the header declares 2 arguments, numbered 1 to 2"
//! );
//! # Ok::<_, argsem::iccma::ReadError>(())
//! ```

#![warn(missing_docs)]

pub mod dung;
mod error;
pub mod gradual;
pub mod iccma;
pub mod reasoning;
mod sat;

/// The graph library the frameworks are built with, so that callers use the same version.
pub use petgraph;

/// The README's example, run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
