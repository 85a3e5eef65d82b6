//! Label wrapping (`claimgraph::export::wrap`) on arbitrary text and widths. The first byte is
//! the width limit (0 to 63 columns), the rest is the text (invalid UTF-8 replaced).
//!
//! Checks: no panic; no non-space character lost, added or reordered; no line wider than the
//! limit unless it is a single character wider than the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Display width as `export::wrap` counts it (a copy of its private table).
fn width(c: char) -> usize {
    match u32::from(c) {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&limit, bytes)) = data.split_first() else {
        return;
    };
    let limit = usize::from(limit % 64);
    let text = String::from_utf8_lossy(bytes);
    let wrapped = claimgraph::export::wrap(&text, limit);
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
