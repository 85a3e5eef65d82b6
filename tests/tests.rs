//! Integration tests: the real binary on the real bundled data, each test in its own temporary
//! store. One test binary, with a module per feature.

#[path = "it/support.rs"]
mod support;

#[path = "it/aif.rs"]
mod aif;
#[path = "it/analysis.rs"]
mod analysis;
#[path = "it/architecture.rs"]
mod architecture;
#[path = "it/argdown.rs"]
mod argdown;
#[path = "it/argdown_cli.rs"]
mod argdown_cli;
#[path = "it/bad_input.rs"]
mod bad_input;
#[path = "it/broken_inputs.rs"]
mod broken_inputs;
#[path = "it/browser.rs"]
mod browser;
#[path = "it/cli.rs"]
mod cli;
#[path = "it/competency.rs"]
mod competency;
#[path = "it/engines.rs"]
mod engines;
#[path = "it/exit_codes.rs"]
mod exit_codes;
#[path = "it/export.rs"]
mod export;
#[path = "it/fuzz_regressions.rs"]
mod fuzz_regressions;
#[path = "it/generate.rs"]
mod generate;
#[path = "it/gradual_cli.rs"]
mod gradual_cli;
#[path = "it/graphs.rs"]
mod graphs;
#[path = "it/iccma.rs"]
mod iccma;
#[path = "it/iccma_store.rs"]
mod iccma_store;
#[path = "it/kept.rs"]
mod kept;
#[path = "it/load_and_query.rs"]
mod load_and_query;
#[path = "it/pages.rs"]
mod pages;
#[path = "it/readers.rs"]
mod readers;
#[path = "it/remote.rs"]
mod remote;
#[path = "it/serve.rs"]
mod serve;
#[path = "it/shapes.rs"]
mod shapes;
#[path = "it/store_safety.rs"]
mod store_safety;
