use crate::{parse, Content, Discussion, Stance};

/// The tree as one line per place: `path stance text` or `path stance -> target`.
fn outline(discussion: &Discussion) -> String {
    discussion
        .nodes
        .iter()
        .map(|n| {
            let stance = n.stance.map_or("-", Stance::as_str);
            let content = match &n.content {
                Content::Text(text) => text.replace('\n', "⏎"),
                Content::Link(target) => format!("-> {target}"),
            };
            format!("{} {stance} {content}", n.path)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses `text`, checks that the printed discussion reads back the same, and compares the
/// outline with `expected`.
fn check(text: &str, expected: &str) -> Discussion {
    let discussion = parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let printed = discussion.to_text();
    let again = parse(&printed).unwrap_or_else(|e| panic!("{e}\n{printed}"));
    assert_eq!(again.title, discussion.title, "printed: {printed}");
    assert_eq!(again.outline(), discussion.outline(), "printed: {printed}");
    assert_eq!(again.sources, discussion.sources, "printed: {printed}");
    assert_eq!(outline(&discussion), expected.trim());
    discussion
}

/// Parses `text`, which must fail at `line:column` with `message`.
fn refuse(text: &str, line: usize, column: usize, message: &str) {
    let error = parse(text).unwrap_err();
    assert_eq!(
        (
            error.location().line,
            error.location().column,
            error.message()
        ),
        (line, column, message),
        "{text}"
    );
}

fn example(name: &str) -> String {
    let path = format!("{}/tests/examples/{name}", manifest_dir().display());
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_single_thesis_with_links() {
    let discussion = check(
        &example("single-thesis.txt"),
        "
1 - The town library should open on Sundays.
1.1 Pro Many people who work during the week can only visit at the weekend.
1.1.1 Con The library already opens on Saturdays, which serves those people.
1.1.1.1 Con Saturday opening ends at noon, before many shifts end.
1.2 Con Sunday opening would cost more in staff wages than the library's budget allows.
1.2.1 Pro Staff working on Sundays are paid at a higher rate.
1.2.2 Con Volunteers could cover part of the Sunday hours.
1.2.2.1 Con Volunteers cannot lend books without the library's system training (which takes weeks).
1.3 Pro Families could attend reading events together on Sundays.
1.3.1 Pro -> 1.1
1.4 Con -> 1.2.1
",
    );
    assert_eq!(discussion.title, "Should the town library open on Sundays?");
    let link = &discussion.nodes[10];
    assert_eq!(discussion.claim_of(link).path.to_string(), "1.2.1");
    assert_eq!((link.location.line, link.location.column), (13, 1));
    assert!(!discussion.is_question(&discussion.nodes[0]));
}

#[test]
fn a_question_with_theses() {
    let discussion = check(
        &example("multi-thesis.txt"),
        "
1 - Which heating should the new school use?
1.1 - A ground-source heat pump.
1.1.1 Pro It has the lowest running costs over twenty years.
1.1.2 Con Drilling the boreholes needs a permit that can take a year.
1.2 - A gas boiler.
1.2.1 Con New gas connections are being phased out for public buildings.
1.2.2 Pro It is the cheapest to install.
1.2.2.1 Con -> 1.1.1
1.3 - District heating from the nearby plant.
1.3.1 Pro The plant has spare capacity.
",
    );
    assert!(discussion.is_question(&discussion.nodes[0]));
    assert!(!discussion.is_question(&discussion.nodes[1]));
}

#[test]
fn texts_go_on_over_lines_and_lose_their_escapes() {
    let discussion = check(
        &example("continuation.txt"),
        "
1 - A four-day working week makes workers more productive.
1.1 Pro Trials reported the same output in fewer hours:⏎- a trial in one country found no fall in output;⏎- another found fewer sick days.⏎⏎Both were run by the companies themselves.
1.1.1 Con Companies that volunteer for a trial are those that expect it to work *and* can afford it.
1.2 Con Some jobs (care, retail) need cover every day, so a shorter week means more staff, not more output.
1.2.1 Pro A backslash \\ is kept as one backslash, and \\n is not a line break.
",
    );
    assert_eq!(
        discussion.sources,
        ["[1] The trial reports, as cited in the discussion."]
    );
}

#[test]
fn what_the_reader_would_misread_is_escaped_in_print() {
    let tricky = "Discussion Title: A \\\\ title\r\n\r\n1. Pro\\: not a stance\r\n1.1. Con: -\\> See 1.\r\n1.2. Pro: Thesis\\: no\n1\\. a list item\nSources\\:\n\\-> quoted\n";
    check(
        tricky,
        "
1 - Pro: not a stance
1.1 Con -> See 1.
1.2 Pro Thesis: no⏎1. a list item⏎Sources:⏎-> quoted
",
    );
    assert_eq!(parse(tricky).unwrap().title, "A \\ title");
}

#[test]
fn a_byte_order_mark_and_old_mac_line_breaks_are_read() {
    check(
        "\u{feff}Discussion Title: T\r\r1. A\r1.1. Con: B\r",
        "1 - A\n1.1 Con B",
    );
}

#[test]
fn malformed_exports_are_refused_where_they_go_wrong() {
    refuse(
        "Title: T\n1. A\n",
        1,
        1,
        "a Kialo export starts with `Discussion Title:`",
    );
    refuse(
        "Discussion Title:  \n1. A\n",
        1,
        20,
        "the discussion has no title",
    );
    refuse(
        "Discussion Title: T\nintro\n1. A\n",
        2,
        1,
        "text before the first numbered claim (a claim starts `1.`)",
    );
    refuse(
        "Discussion Title: T\n\n",
        3,
        1,
        "the discussion has no numbered claim (a thesis starts `1.`)",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.1. Pro: B\n1.1. Con: C\n",
        4,
        1,
        "1.1. is in the tree twice (first on line 3)",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.2.1. Pro: B\n",
        3,
        1,
        "1.2.1. is below 1.2., which is not in the tree before it",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.1. Pro:\n",
        3,
        10,
        "1.1. has no text",
    );
    refuse(
        "Discussion Title: T\n1. Pro: A\n",
        2,
        4,
        "a claim at the top of the tree is a thesis or a question; `Pro:` says what it answers, and it answers nothing",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.1. Pro: B\n1.1.1. C\n",
        4,
        8,
        "1.1.1. answers 1.1. and must say how: `Pro:` or `Con:`",
    );
    refuse(
        "Discussion Title: T\n1. Q\n1.1. Thesis: A\n1.2. Con: B\n",
        4,
        6,
        "1. is a question (its first answer is a thesis): its answers take no `Pro:` or `Con:`",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.1. Con: B\n1.2. C\n",
        4,
        6,
        "1.2. answers 1. and must say how: `Pro:` or `Con:`",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.1. Pro: -> See 1.9.\n",
        3,
        11,
        "`-> See 1.9.` names no place in the tree",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.1. Pro: B\n1.2. Con: -> See 1.3.\n1.3. Pro: -> See 1.1.\n",
        4,
        11,
        "`-> See 1.3.` names another link; a link names the place of a claim",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.1. Pro: B\n1.2. Con: -> See 1.1.\nmore\n",
        5,
        1,
        "a link (`-> See`) has no text of its own to go on with",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.1. Pro: -> See 1.x.\n",
        3,
        11,
        "`-> See 1.x.`: not a position in a Kialo tree (numbers separated by dots, such as 1.2.3)",
    );
    refuse(
        "Discussion Title: T\n1. A\n1.99999999999. Pro: B\n",
        3,
        1,
        "1.99999999999. has a number too large for a position",
    );
}

#[test]
fn paths_read_and_print_with_or_without_the_final_dot() {
    let path: crate::Path = "1.2.3.".parse().unwrap();
    assert_eq!(path, "1.2.3".parse().unwrap());
    assert_eq!(path.to_string(), "1.2.3");
    assert_eq!(path.parent().unwrap().to_string(), "1.2");
    assert_eq!(path.child(4).to_string(), "1.2.3.4");
    assert_eq!(path.depth(), 3);
    for bad in ["", ".", "1..2", "a", "1.-2", "1 .2"] {
        assert!(bad.parse::<crate::Path>().is_err(), "{bad:?}");
    }
}

/// The package's directory as cargo gives it to the running test, not as it was at compile
/// time: a build directory shared between checkouts can run a test compiled in another one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .expect("run by cargo")
        .into()
}
