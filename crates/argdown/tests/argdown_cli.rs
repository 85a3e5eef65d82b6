//! Our parser against Argdown's own, on the examples of Argdown's documentation in
//! `tests/examples/` (see `cli` for what is compared and where the two differ on purpose).
//! Then every example goes through our printer, and both parsers read the printed text again:
//! ours must give back the same tree, Argdown's must agree with ours on it.
//!
//! Argdown's command-line tool must be installed (`scripts/install-deps --test` at the root of the
//! repository): without it the test fails rather than pass having checked nothing.

mod cli;

use cli::{argdown_files, compare, Argdown};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The root of the repository, where Argdown's tool is installed.
fn repository() -> PathBuf {
    Path::new(&manifest_dir()).join("../..")
}

/// Every file: ours and Argdown's agree; our printer's output reads back to the same tree, and
/// Argdown reads it as we do.
#[test]
fn argdown_and_our_parser_agree_on_every_example_and_on_what_we_print() {
    let argdown_cli = Argdown::find(&repository());
    let dir = Path::new(&manifest_dir()).join("tests/examples");
    let files = argdown_files(&dir);
    assert!(files.len() >= 15, "the examples are in tests/examples");
    let exports = argdown_cli.export(&dir);
    let printed = tempfile::tempdir().unwrap();
    let mut differences = Vec::new();
    let mut parsed = BTreeMap::new();
    for file in &files {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        let doc = argdown::parse(&text).unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert!(
            !doc.statements.is_empty() || !doc.arguments.is_empty(),
            "{stem} has content"
        );
        differences.extend(compare(&stem, &exports[&stem], &doc));

        let again_text = doc.to_argdown();
        let again = argdown::parse(&again_text)
            .unwrap_or_else(|e| panic!("{stem} as printed: {e}\n{again_text}"));
        assert_eq!(
            again.canonical(),
            doc.canonical(),
            "{stem} does not read back the same from:\n{again_text}"
        );
        std::fs::write(printed.path().join(format!("{stem}.argdown")), &again_text).unwrap();
        parsed.insert(stem, again);
    }
    for (stem, json) in argdown_cli.export(printed.path()) {
        differences.extend(compare(
            &format!("{stem} as printed"),
            &json,
            &parsed[&stem],
        ));
    }
    assert!(differences.is_empty(), "\n{}", differences.join("\n"));
}

/// The package's directory as cargo gives it to the running test, not as it was at compile
/// time: a build directory shared between checkouts can run a test compiled in another one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .expect("run by cargo")
        .into()
}
