//! The invariants ARCHITECTURE.md states, checked on the source text so that breaking one
//! fails the build's tests rather than waiting for a reviewer to notice.

use crate::support::repo_file;
use std::path::{Path, PathBuf};

/// Every Rust file under `src/`, with its path relative to `src/`, and its code lines: comments
/// and doc comments left out, since they may name anything.
fn sources() -> Vec<(String, Vec<String>)> {
    let mut files = Vec::new();
    let mut dirs = vec![repo_file("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                // A module's unit tests, kept in a file of their own, may build what they test.
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text
                    .lines()
                    .filter(|line| !line.trim_start().starts_with("//"))
                    .map(str::to_owned)
                    .collect();
                let relative = path.strip_prefix(repo_file("src")).unwrap();
                files.push((relative.to_string_lossy().into_owned(), code));
            }
        }
    }
    files.sort();
    assert!(files.len() > 10, "the source tree was not found");
    files
}

/// Whether `pattern` occurs in `line` not as the tail of a longer name (`Store::open` is not in
/// `ClaimStore::open`).
fn contains_word(line: &str, pattern: &str) -> bool {
    line.match_indices(pattern).any(|(at, _)| {
        !line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn in_module(file: &str, module: &str) -> bool {
    let path = Path::new(file);
    path.starts_with(module) || path == Path::new(&format!("{module}.rs"))
}

/// `(what, who may, patterns)`: a pattern in any other file breaks the rule.
const ONLY: &[(&str, &[&str], &[&str])] = &[
    (
        "the command line (clap, anyhow, exit codes)",
        &["cli", "main"],
        &["clap::", "anyhow", "std::process::exit", "ExitCode::from"],
    ),
    (
        "opening or writing the Oxigraph store",
        &["store"],
        &[
            "Store::open",
            "Store::new",
            "start_transaction",
            "bulk_loader",
            "clear_graph",
        ],
    ),
    (
        // The SHACL engine speaks the SHACL vocabulary itself; everything else asks `vocab`.
        "IRIs",
        &["vocab", "bundled", "validate/engine"],
        &["\"http://", "\"https://"],
    ),
    (
        "HTTP",
        &["serve"],
        &[
            "hyper::",
            "axum::",
            "tiny_http",
            "oxhttp",
            "reqwest",
            "form_urlencoded",
        ],
    ),
    (
        "running programs (Graphviz)",
        &["export"],
        &["Command::new("],
    ),
];

/// Each `(file:line: why)` where a file that `applies` to breaks a rule: a line, before the
/// file's unit tests (which may build what they test), holding one of `patterns`.
fn breaches(applies: impl Fn(&str) -> bool, patterns: &[&str], why: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (file, lines) in sources().into_iter().filter(|(file, _)| applies(file)) {
        for (n, line) in lines.iter().enumerate() {
            if line.contains("#[cfg(test)]") {
                break;
            }
            if let Some(pattern) = patterns.iter().find(|p| contains_word(line, p)) {
                found.push(format!("src/{file}:{}: {why} ({pattern})", n + 1));
            }
        }
    }
    found
}

#[test]
fn each_concern_stays_in_its_module() {
    let broken: Vec<String> = ONLY
        .iter()
        .flat_map(|(what, owners, patterns)| {
            let outside = |file: &str| !owners.iter().any(|owner| in_module(file, owner));
            breaches(outside, patterns, what)
        })
        .collect();
    assert!(
        broken.is_empty(),
        "outside their module:\n{}",
        broken.join("\n")
    );
}

/// `(module, modules it must not use)`: data flows one way, from sources to the store to
/// queries, analysis and maps, never back.
const NEVER_USES: &[(&str, &[&str])] = &[
    ("dung", &["oxigraph", "crate::"]),
    ("iccma", &["oxigraph", "crate::store", "crate::query"]),
    (
        "generate",
        &["crate::store", "crate::query", "crate::analysis"],
    ),
    (
        "ingest",
        &["crate::store", "crate::query", "crate::analysis"],
    ),
    (
        "validate",
        &[
            "crate::store",
            "crate::query",
            "crate::analysis",
            "crate::export",
        ],
    ),
    (
        "store",
        &[
            "crate::query",
            "crate::analysis",
            "crate::export",
            "crate::render",
            "crate::serve",
        ],
    ),
    (
        "query",
        &[
            "crate::analysis",
            "crate::export",
            "crate::render",
            "crate::serve",
        ],
    ),
    // `serve` sits at the end of the flow: it uses the store, queries and renders; nothing
    // in the library uses it.
    ("render", &["crate::serve"]),
    // AIF is read at the ingest stage (a map becomes quads before the store is touched) and
    // written at the render stage (read back through `query`).
    (
        "aif/import",
        &["crate::store", "crate::query", "crate::analysis"],
    ),
    ("aif", &["crate::analysis", "crate::export"]),
    (
        "argdown/import",
        &["crate::store", "crate::query", "crate::analysis"],
    ),
    ("argdown", &["crate::analysis", "crate::export"]),
    ("analysis", &["crate::export", "crate::render"]),
    ("export", &["crate::store", "crate::query", "crate::render"]),
];

#[test]
fn data_flows_one_way() {
    let broken: Vec<String> = NEVER_USES
        .iter()
        .flat_map(|(module, forbidden)| {
            breaches(
                |file| in_module(file, module),
                forbidden,
                &format!("{module} uses"),
            )
        })
        .collect();
    assert!(
        broken.is_empty(),
        "against the flow:\n{}",
        broken.join("\n")
    );
}
