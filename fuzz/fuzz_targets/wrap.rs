//! Label wrapping (`claimgraph::render::wrap`) on arbitrary text and widths. The first byte is
//! the width limit (0 to 63 columns), the rest is the text (invalid UTF-8 replaced).
//!
//! Checks: no panic; no non-space character lost, added or reordered; no line wider than the
//! limit unless it is a single character wider than the limit.
#![no_main]

use claimgraph::render::width;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&limit, bytes)) = data.split_first() else {
        return;
    };
    let limit = usize::from(limit % 64);
    let text = String::from_utf8_lossy(bytes);
    let wrapped = claimgraph::render::wrap(&text, limit);
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(
        visible(&wrapped),
        visible(&text),
        "characters lost or added"
    );
    for line in wrapped.split('\n') {
        let used: usize = line.chars().map(width).sum();
        assert!(
            used <= limit || line.chars().count() == 1,
            "line {line:?} is {used} columns wide, limit {limit}"
        );
    }
});
