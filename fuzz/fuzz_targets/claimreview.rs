//! The ClaimReview reader (`claimreview::read`) on arbitrary bytes.
//!
//! Checks: no panic; a source that reads gives quads only in its graph and names each record it
//! left out by a JSON pointer with a line and column inside the text; a source that is refused
//! says why; JSON that reads with a record left out and none kept is refused, never an empty
//! load.
#![no_main]

use claimgraph::claimreview;
use libfuzzer_sys::fuzz_target;
use oxigraph::model::{GraphName, NamedNode};

fuzz_target!(|data: &[u8]| {
    let graph = NamedNode::new_unchecked("https://example.org/fuzz");
    match claimreview::read("fuzz.json", data, &graph, "und") {
        Ok(read) => {
            assert!(
                !read.quads.is_empty(),
                "a load with no record kept is refused"
            );
            let name = GraphName::NamedNode(graph.clone());
            assert!(read.quads.iter().all(|q| q.graph_name == name));
            let lines = data.split(|&b| b == b'\n').count() as u64;
            for skipped in &read.skipped {
                assert!(skipped.pointer.is_empty() || skipped.pointer.starts_with('/'));
                assert!(!skipped.reason.is_empty());
                if let Some((line, column)) = skipped.location {
                    assert!((1..=lines).contains(&line) && column >= 1, "{skipped:?}");
                }
            }
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
