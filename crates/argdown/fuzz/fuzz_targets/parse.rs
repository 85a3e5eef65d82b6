//! `argdown::parse` on arbitrary text (invalid UTF-8 replaced).
//!
//! Checks: no panic; an error's line and column point into the text (or just past its end);
//! a document read is printed by `to_argdown()` and reads back to the same `canonical()` tree,
//! unless it holds something the printer documents it cannot write (see `printable`).
#![no_main]

use argdown::{Document, Node, Range, RangeKind, RelationKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = match argdown::parse(&text) {
        Ok(doc) => doc,
        Err(error) => {
            let location = error.location();
            let lines = lines(&text);
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
    if !printable(&doc) {
        return;
    }
    let printed = doc.to_argdown();
    let again = argdown::parse(&printed)
        .unwrap_or_else(|error| panic!("the printed document is not read: {error}\n{printed}"));
    assert!(
        again.canonical() == doc.canonical(),
        "the printed document reads back differently:\n{printed}\n{:#?}\n{:#?}",
        doc.canonical(),
        again.canonical()
    );
});

/// The lines as the parser counts them (a line break is `\n`, `\r\n` or `\r`), each with its
/// line break: a position may fall on any of their characters, or at the end of the text.
fn lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            lines.push(&text[start..=i]);
            start = i + 1;
        }
    }
    lines.push(&text[start..]);
    lines
}

/// The characters the printer may write with a backslash.
const ESCAPED: [char; 12] = ['{', '<', '[', '\\', '#', '@', '*', '_', '/', '.', ':', '='];

/// Whether the document holds nothing of what the crate's documentation says the printer
/// cannot write back: a title a reference cannot hold, a bold or italic range right before a
/// character the printer may escape, a bold or italic range opening inside an italic one at
/// the same place and ending with a tag, an undercut of an inference that is not in its
/// argument's structure, a contradiction between arguments.
fn printable(doc: &Document) -> bool {
    let referable = |title: &str, close: char| {
        !title.contains([close, '\n', '\r', '\u{2028}', '\u{2029}'])
            && !title.starts_with(['-', '+', '_', '<', '>', ' ', '\''])
            && !title.ends_with(' ')
    };
    let emphasis = |r: &Range| matches!(r.kind, RangeKind::Bold | RangeKind::Italic);
    let before_escape = |text: &str, ranges: &[Range]| {
        ranges.iter().any(|r| {
            emphasis(r)
                && text
                    .get(r.end..)
                    .is_some_and(|rest| rest.starts_with(ESCAPED))
        })
    };
    let nested_around_tag = |ranges: &[Range]| {
        ranges.iter().any(|outer| {
            outer.kind == RangeKind::Italic
                && ranges.iter().any(|inner| {
                    !std::ptr::eq(inner, outer)
                        && emphasis(inner)
                        && inner.start == outer.start
                        && ranges
                            .iter()
                            .any(|t| matches!(t.kind, RangeKind::Tag { .. }) && t.end == inner.end)
                })
        })
    };
    let inference_in_structure = |node: &Node| match node {
        Node::Inference {
            argument,
            conclusion,
        } => doc
            .argument(argument)
            .and_then(|a| a.pcs.as_ref())
            .and_then(|pcs| pcs.statements.get(*conclusion))
            .is_some_and(|step| step.inference.is_some()),
        _ => true,
    };
    let texts = doc
        .statements
        .iter()
        .flat_map(|s| &s.members)
        .map(|m| (&m.text, &m.ranges))
        .chain(
            doc.arguments
                .iter()
                .flat_map(|a| &a.descriptions)
                .map(|d| (&d.text, &d.ranges)),
        )
        .chain(doc.sections.iter().map(|s| (&s.title, &s.ranges)));
    doc.statements.iter().all(|s| referable(&s.title, ']'))
        && doc.arguments.iter().all(|a| referable(&a.title, '>'))
        && !texts
            .into_iter()
            .any(|(text, ranges)| before_escape(text, ranges) || nested_around_tag(ranges))
        && doc.relations.iter().all(|r| {
            inference_in_structure(&r.from)
                && inference_in_structure(&r.to)
                && !(r.kind == RelationKind::Contradiction
                    && matches!(r.from, Node::Argument(_))
                    && matches!(r.to, Node::Argument(_)))
        })
}
