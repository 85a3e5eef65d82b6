//! What claimgraph writes and reads as Argdown, against Argdown's own parser: Argdown's
//! command-line tool must read our export of the bundled controversy, and the corpus maps
//! written in Argdown, as the `argdown` crate reads them (the comparison is the crate's own,
//! see `crates/argdown/tests/cli/mod.rs`).

#[path = "../../crates/argdown/tests/cli/mod.rs"]
mod cli;

use crate::support::repo_file;
use cli::{compare, Argdown};

#[test]
fn argdown_and_our_parser_agree_on_our_export_of_the_bundled_controversy() {
    let store = claimgraph::ClaimStore::in_memory().unwrap();
    store
        .load_with_schema(&claimgraph::bundled::data_sources())
        .unwrap();
    let mut text = Vec::new();
    claimgraph::argdown::export::write(&store, &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bundled.argdown"), &text).unwrap();
    let doc = ::argdown::parse(&text).unwrap();
    assert!(doc.statements.len() > 40 && doc.relations.len() > 30);
    let exports = Argdown::find(&repo_file("")).export(dir.path());
    let differences = compare("bundled", &exports["bundled"], &doc);
    assert!(differences.is_empty(), "\n{}", differences.join("\n"));
}

#[test]
fn argdown_and_our_parser_agree_on_the_corpus_maps() {
    let dir = repo_file("tests/argdown");
    let exports = Argdown::find(&repo_file("")).export(&dir);
    assert_eq!(exports.len(), 3);
    let mut differences = Vec::new();
    for (stem, json) in &exports {
        let text = std::fs::read_to_string(dir.join(format!("{stem}.argdown"))).unwrap();
        let doc = ::argdown::parse(&text).unwrap_or_else(|e| panic!("{stem}: {e}"));
        differences.extend(compare(stem, json, &doc));
    }
    assert!(differences.is_empty(), "\n{}", differences.join("\n"));
}
