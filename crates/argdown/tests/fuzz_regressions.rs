//! Inputs on which the `parse` fuzz target (`fuzz/`) failed, each with the answer it must get.

use argdown::{Document, RangeKind};

/// Parses, and checks that the printed document reads back the same.
fn read(text: &str) -> Document {
    let doc = argdown::parse(text).unwrap_or_else(|e| panic!("{e}\n{text:?}"));
    let printed = doc.to_argdown();
    let again = argdown::parse(&printed).unwrap_or_else(|e| panic!("{e}\n{printed:?}"));
    assert_eq!(again.canonical(), doc.canonical(), "printed: {printed:?}");
    doc
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.statements
        .iter()
        .flat_map(|s| &s.members)
        .map(|m| m.text.as_str())
        .collect()
}

/// A vertical tab is text to Argdown (only spaces, tabs and line breaks are collapsed), so it
/// was a statement; trimming took it out of the text, which printed as nothing.
#[test]
fn white_space_other_than_spaces_and_line_breaks_is_text() {
    assert_eq!(texts(&read("\u{b}")), ["\u{b}"]);
    assert_eq!(texts(&read("a\u{b}\n")), ["a\u{b}"]);
    assert_eq!(texts(&read("\u{b}b\n")), ["\u{b}b"]);
}

/// A list item with nothing after it is a statement with an empty text, which was printed as
/// nothing at all when the statement had no title of its own.
#[test]
fn an_untitled_statement_with_an_empty_text_reads_back() {
    for text in ["*\r", "* \n", "1. \n"] {
        let doc = read(text);
        assert_eq!(texts(&doc), [""], "{text:?}");
        assert_eq!(doc.statements[0].title, "Untitled 1");
    }
    let doc = read("(1) \u{b}\n----\n(2) 1. \n");
    assert_eq!(texts(&doc), ["\u{b}", "1."]);
}

/// `**` before a blank is an italic start and end around nothing; the empty range printed as
/// `*` before and `*` after the rest of the text, which then read as italic.
#[test]
fn emphasis_around_nothing_leaves_no_range() {
    for (text, expected) in [("**\ro", "o"), ("t** b\n", "t b"), ("x ** y\n", "x y")] {
        let doc = read(text);
        let member = &doc.statements[0].members[0];
        assert_eq!(member.text, expected, "{text:?}");
        assert!(
            !member
                .ranges
                .iter()
                .any(|r| matches!(r.kind, RangeKind::Bold | RangeKind::Italic)),
            "{text:?}: {:?}",
            member.ranges
        );
    }
}

/// A shortcode right after a tag gives a character a tag may hold (`∧`); printed as that
/// character, it ran on into the tag.
#[test]
fn a_shortcode_after_a_tag_stays_out_of_it() {
    let doc = read("[a]: #esp.^.q and #t:smile: x\n\n# h #a.->.b\n");
    let member = &doc.statements[0].members[0];
    assert_eq!(member.text, "#esp∧q and #t☺️ x");
    assert_eq!(member.tags, ["esp", "t"]);
    assert_eq!(doc.sections[0].tags, ["a"]);
}

/// Argdown reads `{...}` as data only when no comma or closing brace follows it, blanks and
/// line breaks aside: a statement opening with one, printed after a data block (with the
/// comment between them gone), made the block text.
#[test]
fn a_statement_opening_with_a_comma_or_a_brace_leaves_the_data_before_it_data() {
    for (text, second) in [("g{}//\n\n,", ","), ("g {s: 1}\n//\n\n}x\n", "}x")] {
        let doc = read(text);
        assert_eq!(texts(&doc), ["g", second], "{text:?}");
        assert!(doc.statements[0].data.is_some(), "{text:?}");
    }
}

/// A heading with nothing after its `#` is read at the end of a document only (its line break
/// is its text); printed before anything else, it was an error.
#[test]
fn an_empty_heading_reads_back_wherever_it_is_printed() {
    for text in ["<1>\n\n# \n", "\n<A1>\n\n#\n\n## \n"] {
        let doc = read(text);
        assert_eq!(doc.sections.last().unwrap().title, "", "{text:?}");
    }
}

/// Italic (or bold) opening right inside italic: the two asterisk markers `**` read as bold,
/// `***` as bold first. The inner range is printed with underscores.
#[test]
fn emphasis_opening_right_inside_italic_keeps_its_kind() {
    for text in [
        "_*<*_\n",
        "x _*a*_ y\n",
        "_*a* b_\n",
        "_**a**_\n",
        "*__a__*\n",
    ] {
        let doc = read(text);
        let kinds: Vec<&RangeKind> = doc.statements[0].members[0]
            .ranges
            .iter()
            .map(|r| &r.kind)
            .collect();
        assert!(kinds.contains(&&RangeKind::Italic), "{text:?}");
        assert_eq!(kinds.len(), 2, "{text:?}");
    }
}

/// In block data, ` #` starts a comment outside quotes only: an escaped quote or a doubled
/// single quote did close the string for the comment's sake, and the string then never closed.
#[test]
fn a_comment_sign_in_a_quoted_string_with_escapes_is_text() {
    let doc = read("[a]: a {\n\"x \\\" #\"\n}\n\n[b]: b {\nk: 'it''s # x' # a comment\n}\n");
    assert_eq!(
        doc.statements[0].members[0].data,
        Some(serde_json::json!("x \" #"))
    );
    assert_eq!(
        doc.statements[1].data,
        Some(serde_json::json!({"k": "it's # x"}))
    );
}

/// A slash that ends bold or italic text was printed before the closing asterisk: `/*`, a
/// comment that ran to the end of the document.
#[test]
fn a_slash_before_a_marker_starts_no_comment() {
    for text in ["*/ **/*", "*x/* y\n", "a **b/** c\n"] {
        let doc = read(text);
        assert!(
            doc.statements[0].members[0]
                .ranges
                .iter()
                .any(|r| matches!(r.kind, RangeKind::Bold | RangeKind::Italic)),
            "{text:?}"
        );
    }
}

/// A tag followed by a character it could hold: read so when a comment or bold around nothing
/// stood between them, and from any text given to the printer. An empty comment keeps them
/// apart, also from the backslash of an escape, which a tag takes in.
#[test]
fn a_tag_runs_on_into_nothing_printed_after_it() {
    let doc = read("#e****-\n\n[a]: #t/* c */x\n");
    assert_eq!(texts(&doc), ["#e-", "#tx"]);
    assert_eq!(doc.statements[0].tags, ["e"]);
    assert_eq!(doc.statements[1].tags, ["t"]);
    let mut doc = argdown::parse("[a]: #tag\n").unwrap();
    doc.statements[0].members[0].text.push_str("{x");
    let again = argdown::parse(&doc.to_argdown()).unwrap();
    assert_eq!(again.canonical(), doc.canonical(), "{}", doc.to_argdown());
}

/// Tags of a reference are printed by name: an empty name was printed `#()`, which is no tag,
/// and a name with `]:` made the reference's line a definition.
#[test]
fn a_reference_keeps_tags_with_any_name() {
    let doc = read("[t]#(\n)\n\n[u]#(\n]:)\n\n<a>: d\n\n<a> #(\nx>: y)\n");
    assert_eq!(doc.statement("t").unwrap().tags, [""]);
    assert_eq!(doc.statement("u").unwrap().tags, ["]:"]);
    assert_eq!(doc.argument("a").unwrap().tags, ["x>: y"]);
}
