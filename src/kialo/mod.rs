//! Kialo discussions as claims and responses. The syntax (reading and printing Kialo's
//! export) is the `kialo` crate's; this module maps its tree to RDF and back:
//!
//! - [`import`] turns a discussion into the quads of its graph: each text of the tree is a
//!   claim, each place below the top a response from the claim standing there (itself, or the
//!   one its link names) to the claim above it, `Pro:` a `cg:Support` and `Con:` a `cg:Attack`.
//!   The discussion itself is a `cg:Discussion` with its title, its question if it asks one,
//!   and its theses. Every claim and response keeps its place as a `cg:treePath`.
//! - [`export`] writes a discussion of the store (or the tree below a focus claim) back as
//!   Kialo's text: the same tree, texts, stances and links.
//!
//! A `Con:` is a `cg:Attack`, the attack whose kind the source does not say, and not a
//! rebuttal: Kialo asks a con for a reason against the claim above it, which may deny that
//! claim, a premise of it or the step from it to what it answers; the export does not say which.
//!
//! ```
//! use claimgraph::kialo::import::to_quads;
//! use oxigraph::model::NamedNode;
//!
//! let discussion = ::kialo::parse("Discussion Title: Ban cars?\n\n1. Ban cars.\n1.1. Con: Shops lose trade.\n")?;
//! let graph = NamedNode::new("https://example.org/cars")?;
//! let quads = to_quads(&discussion, "cars.txt", &graph, "en")?;
//! assert!(quads.iter().any(|q| q.object == claimgraph::vocab::class::ATTACK.into()));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

pub mod export;
pub mod import;
