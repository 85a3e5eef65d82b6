use super::*;
use proptest::prelude::*;
use serde_json::json;

fn statement(title: &str) -> Node {
    Node::Statement(title.into())
}

fn argument(title: &str) -> Node {
    Node::Argument(title.into())
}

fn relations(doc: &Document) -> Vec<(Node, Node, RelationKind)> {
    doc.relations
        .iter()
        .map(|r| (r.from.clone(), r.to.clone(), r.kind))
        .collect()
}

/// Parses, and checks that the printed document reads back the same.
fn read(text: &str) -> Document {
    let doc = parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let printed = doc.to_argdown();
    let again = parse(&printed).unwrap_or_else(|e| panic!("{e}\n{printed}"));
    assert_eq!(again.canonical(), doc.canonical(), "printed:\n{printed}");
    doc
}

#[test]
fn every_arrow_gives_the_real_direction() {
    use RelationKind::*;
    let doc = read(
        "[P]: parent\n  + [a]\n  <+ [b]\n  +> [c]\n  - [d]\n  <- [e]\n  -> [f]\n  _ [g]\n  <_ [h]\n  _> [i]\n  >< [j]\n",
    );
    let p = || statement("P");
    assert_eq!(
        relations(&doc),
        [
            (statement("a"), p(), Support),
            (statement("b"), p(), Support),
            (p(), statement("c"), Support),
            (statement("d"), p(), Attack),
            (statement("e"), p(), Attack),
            (p(), statement("f"), Attack),
            (statement("g"), p(), Undercut),
            (statement("h"), p(), Undercut),
            (p(), statement("i"), Undercut),
            (p(), statement("j"), Contradiction),
        ]
    );
    assert_eq!(
        (
            doc.relations[2].location.line,
            doc.relations[2].location.column
        ),
        (4, 3)
    );
}

#[test]
fn nested_relations_belong_to_the_child_and_repeats_are_kept_once() {
    let doc = read("s1\n    + <a>\n        - <b>\n            + <c>\n        + <d>\n    - <e>\n\n<a>\n  - <b>\n\n[x]\n  >< [y]\n\n[y]\n  >< [x]\n");
    let s1 = || statement("Untitled 1");
    assert_eq!(
        relations(&doc),
        [
            (argument("c"), argument("b"), RelationKind::Support),
            (argument("b"), argument("a"), RelationKind::Attack),
            (argument("d"), argument("a"), RelationKind::Support),
            (argument("a"), s1(), RelationKind::Support),
            (argument("e"), s1(), RelationKind::Attack),
            (statement("x"), statement("y"), RelationKind::Contradiction),
        ]
    );
}

#[test]
fn untitled_statements_are_numbered_as_argdown_numbers_them() {
    // A parent with relations is titled before its children, a leaf when it ends; arguments
    // of anonymous structures take their number before their statements.
    let doc = read("a\n  + b\n    - c\n  + d\n\ne\n\n(1) f\n----\n(2) g\n");
    let titles: Vec<(&str, &str)> = doc
        .statements
        .iter()
        .map(|s| (s.title.as_str(), s.members[0].text.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Untitled 1", "a"),
            ("Untitled 2", "b"),
            ("Untitled 3", "c"),
            ("Untitled 4", "d"),
            ("Untitled 5", "e"),
            ("Untitled 7", "f"),
            ("Untitled 8", "g"),
        ]
    );
    assert_eq!(doc.arguments[0].title, "Untitled 6");
    assert!(doc.statements[0].has_generated_title());
    // Printed without titles where the numbering comes out the same.
    let printed = parse("x\n\ny\n\n(1) p\n----\n(2) q\n")
        .unwrap()
        .to_argdown();
    assert_eq!(printed, "x\n\ny\n\n(1) p\n----\n(2) q\n");
}

#[test]
fn a_title_used_again_adds_a_member_and_references_add_tags_and_data() {
    let doc = read(
        "[T]: First text. #a\n\n[T]: Second\ntext. {n: 1}\n\n[T] #b {n: 2, m: [1, 2]}\n\n[U]\n",
    );
    let t = doc.statement("T").unwrap();
    let texts: Vec<&str> = t.members.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["First text. #a", "Second text."]);
    assert_eq!(t.members[0].tags, ["a"]);
    assert_eq!(t.tags, ["a", "b"]);
    assert_eq!(t.members[1].data, Some(json!({"n": 1})));
    assert_eq!(t.data, Some(json!({"n": 2, "m": [1, 2]})));
    assert_eq!(
        (t.members[1].location.line, t.members[1].location.column),
        (3, 1)
    );
    assert!(doc.statement("U").unwrap().members.is_empty());
}

#[test]
fn texts_lose_their_markup_but_keep_it_in_ranges() {
    let doc = read(
        "[S]: **Bold** and _it_, a [link](http://x.org), \\*stars\\*, .~.p, @[S] and #(two words)\n",
    );
    let member = &doc.statements[0].members[0];
    assert_eq!(
        member.text,
        "Bold and it, a link, *stars*, ¬p, @[S] and #(two words)"
    );
    let kinds: Vec<&RangeKind> = member.ranges.iter().map(|r| &r.kind).collect();
    assert_eq!(
        kinds,
        [
            &RangeKind::Bold,
            &RangeKind::Italic,
            &RangeKind::Link {
                url: "http://x.org".into()
            },
            &RangeKind::StatementMention { title: "S".into() },
            &RangeKind::Tag {
                tag: "two words".into()
            },
        ]
    );
    let link = &member.ranges[2];
    assert_eq!(&member.text[link.start..link.end], "link");
    assert_eq!(member.tags, ["two words"]);
}

#[test]
fn text_from_elsewhere_is_escaped_so_that_it_reads_back() {
    let tricky = "- [not a title] <nor this> #nor-a-tag @[nor a mention] *no* _no_ {no: data} \
                  // no comment /* none */ <!-- none --> === .~. :+1: \\ (1) 2. * + -> end";
    let mut doc = Document::default();
    for (i, text) in [
        tricky,
        "(1) first",
        "# not a heading",
        "12. not a list",
        "+ no relation",
    ]
    .into_iter()
    .enumerate()
    {
        doc.statements.push(Statement {
            title: format!("T{i}"),
            members: vec![StatementMember {
                text: text.into(),
                ranges: vec![],
                tags: vec![],
                data: Some(json!({"quote": "} x", "n": 1.5, "list": [true, null]})),
                location: Location::default(),
                section: None,
            }],
            tags: vec![],
            data: Some(json!({"quote": "} x", "n": 1.5, "list": [true, null]})),
            location: Location::default(),
        });
    }
    let again = parse(&doc.to_argdown()).unwrap();
    assert_eq!(again.canonical(), doc.canonical(), "{}", doc.to_argdown());
}

#[test]
fn structures_have_premises_conclusions_and_inferences() {
    let doc = read(
        "<Arg>: An argument.\n\n(1) [P]: premise\n(2) second\n-- Modus ponens, Rule two {uses: [1, 2]} --\n(3) middle\n--\nrule\n--\n    <_ [U]: undercut\n(4) last\n    <_ [V]: also an undercut\n",
    );
    let arg = doc.argument("Arg").unwrap();
    let pcs = arg.pcs.as_ref().unwrap();
    let titles: Vec<&str> = pcs.statements.iter().map(|s| s.title.as_str()).collect();
    // `last` has relations below it, so it is titled before `[V]`.
    assert_eq!(titles, ["P", "Untitled 1", "Untitled 2", "Untitled 3"]);
    let inference = pcs.statements[2].inference.as_ref().unwrap();
    assert_eq!(inference.rules, ["Modus ponens", "Rule two"]);
    assert_eq!(inference.data, Some(json!({"uses": [1, 2]})));
    assert!(pcs.statements[1].inference.is_none());
    let last = Node::Inference {
        argument: "Arg".into(),
        conclusion: 3,
    };
    assert_eq!(
        relations(&doc),
        [
            (statement("U"), last.clone(), RelationKind::Undercut),
            (statement("V"), last, RelationKind::Undercut),
        ]
    );
}

#[test]
fn headings_make_nested_sections() {
    let doc =
        read("# A\n\n[x]: in A\n\n## B #tag {isGroup: true}\n\n[y]: in B\n\n# C\n\n[z]: in C\n");
    let sections: Vec<(&str, usize, Option<usize>)> = doc
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.level, s.parent))
        .collect();
    assert_eq!(
        sections,
        [("A", 1, None), ("B #tag", 2, Some(0)), ("C", 1, None)]
    );
    assert_eq!(doc.sections[1].tags, ["tag"]);
    assert_eq!(doc.sections[1].data, Some(json!({"isGroup": true})));
    let section = |t: &str| doc.statement(t).unwrap().members[0].section;
    assert_eq!(
        (section("x"), section("y"), section("z")),
        (Some(0), Some(1), Some(2))
    );
}

#[test]
fn data_blocks_read_flow_and_block_yaml() {
    let doc = read(
        "[a]: a {s: 'it''s', q: \"x\\ty\", n: -3, f: 2.5, b: false, nil: ~, l: [a b, 2], o: {p: {q: 1}}}\n\n[b]: b {\n  list:\n    - one, with a comma\n    - two: 2\n  text: |\n    kept\n    lines\n}\n",
    );
    assert_eq!(
        doc.statement("a").unwrap().data,
        Some(
            json!({"s": "it's", "q": "x\ty", "n": -3, "f": 2.5, "b": false, "nil": null,
                    "l": ["a b", 2], "o": {"p": {"q": 1}}})
        )
    );
    assert_eq!(
        doc.statement("b").unwrap().data,
        Some(json!({"list": ["one, with a comma", {"two": 2}], "text": "kept\nlines\n"}))
    );
}

#[test]
fn front_matter_and_comments() {
    let doc = read(
        "===\ntitle: A debate\n===\n\n// a comment\n[a]: text /* inline */ more <!-- html\n--> end\n",
    );
    assert_eq!(doc.front_matter.as_deref(), Some("\ntitle: A debate\n"));
    assert_eq!(doc.statements[0].members[0].text, "text more end");
    assert_eq!(parse("").unwrap(), Document::default());
    assert_eq!(parse("// nothing\n").unwrap(), Document::default());
}

#[test]
fn lists_hold_statements_and_arguments() {
    let doc = read("* [a]: first\n* <b>: second\n  + [c]: third\n\n1. [a]: again\n");
    assert_eq!(doc.statement("a").unwrap().members.len(), 2);
    assert_eq!(
        relations(&doc),
        [(statement("c"), argument("b"), RelationKind::Support)]
    );
}

#[test]
fn an_undercut_below_a_statement_targets_the_last_inference_above_it() {
    // Argdown's rule: meant for conclusions, it holds anywhere once an inference was read.
    let doc = read("[x]\n  _ [y]\n\n(1) p\n----\n(2) c\n\n[z]\n  _ [w]\n");
    assert_eq!(
        relations(&doc),
        [
            (statement("y"), statement("x"), RelationKind::Undercut),
            (
                statement("w"),
                Node::Inference {
                    argument: "Untitled 1".into(),
                    conclusion: 1
                },
                RelationKind::Undercut
            ),
        ]
    );
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn errors_say_where_and_what() {
    assert_eq!(
        error("[A]: a\n\n  + [B]: b\n"),
        "line 3, column 3: an indented relation needs a statement or argument on the line above \
         it, with no empty line between them"
    );
    assert_eq!(
        error("[A]: a\n  >< <B>\n"),
        "line 2, column 6: only statements contradict each other: `><` must be followed by a \
         statement, not an argument"
    );
    assert_eq!(
        error("<A>\n\n(1) p\n----\n(2) c\n\n<A>\n\n(1) q\n----\n(2) d\n"),
        "line 9, column 1: the argument <A> already has a premise-conclusion structure; an \
         argument can have only one"
    );
    assert_eq!(
        error("(1) p\n(2) q\n"),
        "line 3, column 1: unexpected the end of the document; a premise-conclusion structure \
         ends with an inference line (`----`) and a numbered conclusion"
    );
    assert!(error("[A]: **open\n").contains("line 1, column 6 is not closed"));
    assert!(error("[A]: a {b: [1,}\n").starts_with("line 1, column 8: the data block"));
    assert!(error("[A]: text \\").starts_with("line 1, column 11: a backslash"));
    assert!(error("[A] more\n").starts_with("line 1, column 5: unexpected `more`"));
}

#[test]
fn deep_relation_trees_are_an_error_not_a_crash() {
    let mut text = String::from("[root]\n");
    for depth in 1..=MAX_DEPTH + 5 {
        text.push_str(&" ".repeat(depth * 2));
        text.push_str(&format!("+ [s{depth}]\n"));
    }
    assert!(error(&text).contains("nest at most"));
    let deep_data = format!("[a]: a {}\n", "{x: ".repeat(200) + &"}".repeat(200));
    assert!(parse(&deep_data).is_err());
}

/// Whether the printer can refer to every element by its title (see `print`).
fn printable(doc: &Document) -> bool {
    let fine = |title: &str, close: char| {
        !title.contains([close, '\n', '\r', '\u{2028}', '\u{2029}'])
            && !title.starts_with(['-', '+', '_', '<', '>', ' ', '\''])
            && !title.ends_with(' ')
    };
    // A tag written right before a character that needs a backslash takes the backslash in.
    let tag_then_escape = |text: &str, ranges: &[Range]| {
        ranges.iter().any(|r| {
            matches!(r.kind, RangeKind::Tag { .. })
                && text[r.end..]
                    .starts_with(['{', '<', '[', '\\', '#', '@', '*', '_', '/', '.', ':', '='])
        })
    };
    doc.statements.iter().all(|s| fine(&s.title, ']'))
        && doc.arguments.iter().all(|a| fine(&a.title, '>'))
        && !doc
            .statements
            .iter()
            .flat_map(|s| &s.members)
            .any(|m| tag_then_escape(&m.text, &m.ranges))
        && !doc
            .arguments
            .iter()
            .flat_map(|a| &a.descriptions)
            .any(|d| tag_then_escape(&d.text, &d.ranges))
        && !doc
            .sections
            .iter()
            .any(|s| tag_then_escape(&s.title, &s.ranges))
}

/// Prefixes of every example, and each example with a character taken out or put in:
/// the parser answers (a tree or an error) without panicking, and whatever it reads, the
/// printer writes and the parser reads back the same (titles it cannot refer to aside).
#[test]
fn mutated_examples_never_panic() {
    let dir = std::path::Path::new(&manifest_dir()).join("tests/examples");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "argdown") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
    assert!(!texts.is_empty());
    let inserts = [
        "\n", "\n\n", "  ", "+ ", "-", "--", "(1) ", "[", "]", "<", ">:", "*", "_", "{", "}", "#",
        "\\", "//", "===", "\r",
    ];
    let mut checked = 0;
    let mut failures = Vec::new();
    for text in &texts {
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let step = (boundaries.len() / 150).max(1);
        for (n, &at) in boundaries.iter().enumerate().step_by(step) {
            let next = boundaries.get(n + 1).copied().unwrap_or(text.len());
            let variants = [
                text[..at].to_owned(),
                format!("{}{}", &text[..at], &text[next..]),
                format!(
                    "{}{}{}",
                    &text[..at],
                    inserts[n % inserts.len()],
                    &text[at..]
                ),
            ];
            for variant in &variants {
                checked += 1;
                let Ok(doc) = parse(variant) else { continue };
                let printed = doc.to_argdown();
                let again = parse(&printed);
                if printable(&doc) {
                    match again {
                        Ok(again) if again.canonical() == doc.canonical() => {}
                        Ok(again) => {
                            let a = format!("{:#?}", doc.canonical());
                            let b = format!("{:#?}", again.canonical());
                            let d = a
                                .lines()
                                .zip(b.lines())
                                .position(|(x, y)| x != y)
                                .unwrap_or(0);
                            failures.push(format!(
                                "MISMATCH\n{}\n---\n{}",
                                a.lines()
                                    .skip(d.saturating_sub(6))
                                    .take(9)
                                    .collect::<Vec<_>>()
                                    .join("\n"),
                                b.lines()
                                    .skip(d.saturating_sub(6))
                                    .take(9)
                                    .collect::<Vec<_>>()
                                    .join("\n")
                            ));
                        }
                        Err(e) => failures.push(format!(
                            "ERR {e}\n{}",
                            printed.lines().nth(e.location().line - 1).unwrap_or("")
                        )),
                    }
                }
            }
        }
    }
    assert!(checked > 3000);
    assert!(
        failures.is_empty(),
        "{} of {checked} do not read back:\n{}",
        failures.len(),
        failures.join("\n=====\n")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any text made of Argdown's special characters: an answer, never a panic.
    #[test]
    fn any_text_gets_an_answer(text in "([-+<>_()\\[\\]{}#*@:.,=/!\\\\ \t\n\r'\"aé1]|\u{2028}){0,80}") {
        if let Ok(doc) = parse(&text) {
            let _ = parse(&doc.to_argdown());
        }
    }

    /// Any plain text as a statement's text prints and reads back the same.
    #[test]
    fn any_statement_text_reads_back(text in "[-+<>_()\\[\\]{}#*@:.,=/!\\\\ a1é]{1,40}") {
        let text = text.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        prop_assume!(!text.is_empty());
        let doc = Document {
            statements: vec![Statement {
                title: "T".into(),
                members: vec![StatementMember {
                    text: text.clone(),
                    ranges: vec![],
                    tags: vec![],
                    data: None,
                    location: Location::default(),
                    section: None,
                }],
                tags: vec![],
                data: None,
                location: Location::default(),
            }],
            ..Document::default()
        };
        let printed = doc.to_argdown();
        let again = parse(&printed).map_err(|e| TestCaseError::fail(format!("{e}\n{printed}")))?;
        prop_assert_eq!(&again.statements[0].members[0].text, &text, "{}", printed);
    }
}

/// The package's directory as cargo gives it to the running test, not as it was at compile
/// time: a build directory shared between checkouts can run a test compiled in another one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .expect("run by cargo")
        .into()
}
