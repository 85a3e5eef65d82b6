//! Argdown maps as claims and responses. The syntax (reading and printing Argdown, the
//! document tree) is the `argdown` crate's; this module maps its tree to RDF and back:
//!
//! - [`import`] turns a document into the quads of its graph: statements are claims, relations
//!   responses, a premise-conclusion structure one linked support per inference step from its
//!   premises to its conclusion, an argument without one a claim standing for its gist. What
//!   Argdown has no syntax for rides in its own data blocks and in the front matter.
//! - [`export`] writes a store as a document: claims as statements, responses as relations
//!   under the claim they answer, and everything else in the front matter as JSON-LD, exactly
//!   what reading the document back would not make.
//!
//! ```
//! use claimgraph::argdown::import::to_quads;
//! use oxigraph::model::NamedNode;
//!
//! let doc = ::argdown::parse("
//! [Censorship]: Censorship is never justified.
//!   - [Harm]: Some speech does real harm.
//! ")?;
//! let graph = NamedNode::new("https://example.org/debate")?;
//! let quads = to_quads(&doc, "debate.argdown", &graph, "en")?;
//! assert!(quads.iter().all(|quad| quad.graph_name == graph.clone().into()));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

pub mod export;
pub mod import;
