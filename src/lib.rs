//! # claimgraph
//!
//! Turns a public controversy into a knowledge graph of who claimed what and who answered it,
//! stored as RDF in an embedded [Oxigraph](https://github.com/oxigraph/oxigraph) store and
//! questioned with SPARQL.
//!
//! Data flows one way: [`ingest`] reads and parses sources, [`validate`] checks them against
//! the SHACL shapes, [`store`] loads them atomically into Oxigraph, [`query`] evaluates SPARQL
//! over the union of all graphs and [`render`] prints the results.
//! [`vocab`] holds the ontology's IRIs and [`bundled`] what ships inside the binary.
//!
//! ```
//! use claimgraph::{bundled, query, ClaimStore};
//! use claimgraph::query::QueryOutput;
//!
//! let store = ClaimStore::in_memory()?;
//! store.load_with_schema(&bundled::data_sources())?;
//! let output = query::run(&store, "query", "
//!     SELECT ?accused WHERE { dist:c-distillation-attack cg:accuses/rdfs:label ?accused
//!                             FILTER(lang(?accused) = 'en') } ORDER BY ?accused")?;
//! let QueryOutput::Solutions { rows, .. } = output else { unreachable!() };
//! let names: Vec<String> = rows.iter().map(|r| r.get("accused").unwrap().to_string()).collect();
//! assert_eq!(names, [r#""DeepSeek"@en"#, r#""MiniMax"@en"#, r#""Moonshot AI"@en"#]);
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod aif;
mod algebra;
pub mod analysis;
pub mod argdown;
pub mod bundled;
pub mod claimreview;
mod exit;
pub mod export;
pub mod generate;
pub mod ingest;
pub mod kialo;
pub mod query;
pub mod relation;
pub mod render;
pub mod serve;
pub mod store;
pub mod validate;
pub mod vocab;

pub use exit::ExitStatus;
pub use export::ExportError;
pub use ingest::SourceError;
pub use query::{QueryError, UpdateError};
pub use render::RenderError;
pub use store::{ClaimStore, GraphError, LoadError, LoadReport, StoreError};
