//! `kialo::parse` on arbitrary text (invalid UTF-8 replaced).
//!
//! Checks: no panic; an error's line and column point into the text (or just past the end of
//! its line) and it has a message; a discussion read, printed with `to_text()`, reads back to
//! the same title, outline and sources; every link names a place with a text.
#![no_main]

use kialo::Content;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let discussion = match kialo::parse(&text) {
        Ok(discussion) => discussion,
        Err(error) => {
            let location = error.location();
            let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let lines: Vec<&str> = body
                .split("\r\n")
                .flat_map(|l| l.split(['\n', '\r']))
                .collect();
            assert!(
                (1..=lines.len()).contains(&location.line),
                "{error}: the text has {} lines",
                lines.len()
            );
            let characters = lines[location.line - 1].chars().count();
            assert!(
                (1..=characters + 1).contains(&location.column),
                "{error}: line {} has {characters} characters",
                location.line
            );
            assert!(!error.message().is_empty());
            return;
        }
    };
    for node in &discussion.nodes {
        if matches!(node.content, Content::Link(_)) {
            assert!(matches!(
                discussion.claim_of(node).content,
                Content::Text(_)
            ));
        }
    }
    let printed = discussion.to_text();
    let again = kialo::parse(&printed)
        .unwrap_or_else(|error| panic!("the printed discussion is not read: {error}\n{printed}"));
    assert_eq!(again.title, discussion.title, "{printed}");
    assert_eq!(again.outline(), discussion.outline(), "{printed}");
    assert_eq!(again.sources, discussion.sources, "{printed}");
});
