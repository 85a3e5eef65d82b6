//! The invariants ARCHITECTURE.md states, checked on the source text and on `Cargo.lock` so that
//! breaking one fails the build's tests rather than waiting for a reviewer to notice.

use crate::support::repo_file;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A Rust file of the library or the binary: its path relative to `src/` and its code lines,
/// with comments and doc comments (which may name anything) and its unit tests (which may build
/// what they test: a `tests.rs` of their own, or an item under `#[cfg(test)]`) blanked out, so
/// that line numbers stay true.
struct SourceFile {
    path: String,
    lines: Vec<String>,
}

fn sources() -> Vec<SourceFile> {
    let mut files = Vec::new();
    let mut dirs = vec![repo_file("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                let lines = without_tests(&text);
                let relative = path.strip_prefix(repo_file("src")).unwrap();
                files.push(SourceFile {
                    path: relative.to_string_lossy().into_owned(),
                    lines,
                });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(files.len() > 10, "the source tree was not found");
    files
}

/// The lines of `text`, blank where they are comments or inside an item under `#[cfg(test)]`
/// (found by its braces; `mod tests;` has none). Code after a test module is kept.
fn without_tests(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut testing = false;
    let (mut depth, mut opened) = (0_i64, false);
    for line in text.lines() {
        if !testing && line.contains("#[cfg(test)]") {
            (testing, depth, opened) = (true, 0, false);
            lines.push(String::new());
            continue;
        }
        if testing {
            for c in line.chars() {
                match c {
                    '{' => (depth, opened) = (depth + 1, true),
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if opened && depth <= 0 || !opened && line.trim_end().ends_with(';') {
                testing = false;
            }
            lines.push(String::new());
        } else if line.trim_start().starts_with("//") {
            lines.push(String::new());
        } else {
            lines.push(line.to_owned());
        }
    }
    lines
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
        // The library names the statuses; which error ends with which is the binary's call.
        "mapping errors to exit statuses",
        &["cli", "main", "exit", "lib"],
        &["ExitStatus"],
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
        // The server, and the client of a remote SPARQL engine behind `--endpoint`.
        "HTTP",
        &["serve", "store/remote"],
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

#[test]
fn each_concern_stays_in_its_module() {
    let files = sources();
    let mut broken = Vec::new();
    for (what, owners, patterns) in ONLY {
        for file in files
            .iter()
            .filter(|file| !owners.iter().any(|owner| in_module(&file.path, owner)))
        {
            for (n, line) in file.lines.iter().enumerate() {
                if let Some(pattern) = patterns.iter().find(|p| contains_word(line, p)) {
                    broken.push(format!("src/{}:{}: {what} ({pattern})", file.path, n + 1));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "outside their module:\n{}",
        broken.join("\n")
    );
}

/// The library's parts in the order data flows through them, as ARCHITECTURE.md draws it: a
/// part may use those before it and none after it. A part is a module path; a file belongs to
/// the longest one that holds it (`ingest/error` before `ingest`). A format that is both read
/// and written (AIF, Argdown, Kialo) has its reader at the start of the flow and its writer at the
/// end, so its two halves are parts of their own.
const FLOW: &[&str] = &[
    "exit",
    "vocab",
    "relation",
    "algebra",
    "ingest/error",
    "ingest/quads",
    "aif",
    "aif/import",
    "argdown",
    "argdown/import",
    "kialo",
    "kialo/import",
    "claimreview",
    "generate",
    "ingest",
    "bundled",
    "validate",
    "store",
    "query",
    "analysis",
    "render",
    "aif/export",
    "argdown/export",
    "kialo/export",
    "export",
    "serve",
];

/// The part of [`FLOW`] that holds a module path (`["aif", "import", "Map"]`).
fn part_of(segments: &[String]) -> Option<usize> {
    FLOW.iter()
        .enumerate()
        .filter(|(_, part)| {
            let part: Vec<&str> = part.split('/').collect();
            segments.len() >= part.len() && segments.iter().zip(&part).all(|(a, b)| a == b)
        })
        .max_by_key(|(_, part)| part.len())
        .map(|(rank, _)| rank)
}

/// A file's module path: `aif/import.rs` is `aif::import`, `store/mod.rs` is `store`.
fn module_of(file: &str) -> Vec<String> {
    let mut segments: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_owned)
        .collect();
    if segments.last().is_some_and(|s| s == "mod") {
        segments.pop();
    }
    segments
}

/// Every module path a file names through `crate::`, `super::` or `self::`, use trees
/// (`crate::{a, b::{c, d}}`) spread out, made absolute; inside an inline `mod name { ... }`,
/// relative to it.
fn paths_named(file: &SourceFile) -> Vec<Vec<String>> {
    let module = module_of(&file.path);
    let code = file.lines.join("\n");
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    // The inline modules the scan is in, with the brace depth of each one's body.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' => depth += 1,
            b'}' => {
                if inline.last().is_some_and(|(_, body)| *body == depth) {
                    inline.pop();
                }
                depth -= 1;
            }
            _ => {}
        }
        let word_start = at == 0 || !is_ident(bytes[at - 1]) && bytes[at - 1] != b':';
        if word_start && bytes[at..].starts_with(b"mod ") {
            let name_at = at + "mod ".len();
            let end = name_at
                + bytes[name_at..]
                    .iter()
                    .take_while(|b| is_ident(**b))
                    .count();
            let brace = end
                + bytes[end..]
                    .iter()
                    .take_while(|b| b.is_ascii_whitespace())
                    .count();
            if bytes.get(brace) == Some(&b'{') {
                inline.push((code[name_at..end].to_owned(), depth + 1));
            }
            at = brace;
            continue;
        }
        let start = ["crate::", "super::", "self::"]
            .into_iter()
            .find(|root| word_start && bytes[at..].starts_with(root.as_bytes()));
        let Some(root) = start else {
            at += 1;
            continue;
        };
        let mut here = module.clone();
        here.extend(inline.iter().map(|(name, _)| name.clone()));
        let mut base: Vec<String> = match root {
            "crate::" => Vec::new(),
            "self::" => here,
            _ => here[..here.len().saturating_sub(1)].to_vec(),
        };
        at += root.len();
        while bytes[at..].starts_with(b"super::") {
            base.pop();
            at += "super::".len();
        }
        at = use_tree(&code, at, base, &mut found);
    }
    // A module brought in by `use` (`use crate::aif;`) and named through it later
    // (`aif::export::write`) is a use of what that path reaches, not of the module alone.
    let aliases: Vec<(String, Vec<String>)> = found
        .iter()
        .filter_map(|path| {
            let last = path.last()?;
            last.starts_with(|c: char| c.is_ascii_lowercase())
                .then(|| (last.clone(), path.clone()))
        })
        .collect();
    let mut through = Vec::new();
    for (name, path) in &aliases {
        let prefix = format!("{name}::");
        for (at, _) in code.match_indices(&prefix) {
            let word_start = at == 0 || !is_ident(bytes[at - 1]) && bytes[at - 1] != b':';
            if word_start {
                use_tree(&code, at + prefix.len(), path.clone(), &mut through);
            }
        }
    }
    found.extend(through);
    found
}

fn is_ident(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Reads the use tree (or path) at `at` below `base` into `found`; returns where it ends.
fn use_tree(
    code: &str,
    mut at: usize,
    mut base: Vec<String>,
    found: &mut Vec<Vec<String>>,
) -> usize {
    let bytes = code.as_bytes();
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at < bytes.len() && bytes[at] == b'{' {
            at += 1;
            loop {
                at = use_tree(code, at, base.clone(), found);
                while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b',') {
                    at += 1;
                }
                if at >= bytes.len() || bytes[at] == b'}' {
                    return at + 1;
                }
            }
        }
        let end = at + bytes[at..].iter().take_while(|b| is_ident(**b)).count();
        if end > at && &code[at..end] != "self" {
            base.push(code[at..end].to_owned());
        }
        at = end;
        if bytes[at..].starts_with(b"::") {
            at += 2;
        } else {
            found.push(base);
            return at;
        }
    }
}

/// `(part, part it uses, file:line)` for every use between two parts of the library.
fn uses() -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let mut unplaced = Vec::new();
    for file in sources() {
        let module = module_of(&file.path);
        // The crate root only declares the parts and re-exports their main types; the binary
        // comes after every part.
        if file.path == "lib.rs" || file.path == "main.rs" || module[0] == "cli" {
            continue;
        }
        let Some(from) = part_of(&module) else {
            unplaced.push(format!("src/{}", file.path));
            continue;
        };
        for path in paths_named(&file) {
            match part_of(&path) {
                Some(to) if to != from => found.push((from, to, format!("src/{}", file.path))),
                Some(_) => {}
                None => unplaced.push(format!(
                    "src/{} names crate::{}",
                    file.path,
                    path.join("::")
                )),
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "not placed in the flow (add the module to FLOW, where the data reaches it, and to \
         ARCHITECTURE.md; name items by their module, not by the crate root's re-exports):\n{}",
        unplaced.join("\n")
    );
    assert!(found.len() > 30, "too few uses found: the reader is broken");
    found
}

#[test]
fn data_flows_one_way() {
    let mut against: Vec<String> = uses()
        .into_iter()
        .filter(|(from, to, _)| to > from)
        .map(|(from, to, file)| {
            format!(
                "{file}: {} uses {}, which comes later",
                FLOW[from], FLOW[to]
            )
        })
        .collect();
    against.dedup();
    assert!(
        against.is_empty(),
        "against the flow:\n{}",
        against.join("\n")
    );
}

/// A circle of parts, as the first one found by a depth-first search, or none.
fn circle(edges: &BTreeMap<usize, BTreeSet<usize>>) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; FLOW.len()];
    for root in 0..FLOW.len() {
        if mark[root] != Mark::New {
            continue;
        }
        // An explicit stack of (part, its successors still to visit).
        let mut stack: Vec<(usize, Vec<usize>)> = vec![(root, successors(edges, root))];
        mark[root] = Mark::Open;
        while let Some((part, next)) = stack.last_mut() {
            let part = *part;
            match next.pop() {
                Some(to) if mark[to] == Mark::Open => {
                    let from = stack.iter().position(|(p, _)| *p == to).unwrap();
                    let mut found: Vec<usize> = stack[from..].iter().map(|(p, _)| *p).collect();
                    found.push(to);
                    return Some(found);
                }
                Some(to) if mark[to] == Mark::New => {
                    mark[to] = Mark::Open;
                    stack.push((to, successors(edges, to)));
                }
                Some(_) => {}
                None => {
                    mark[part] = Mark::Done;
                    stack.pop();
                }
            }
        }
    }
    None
}

fn successors(edges: &BTreeMap<usize, BTreeSet<usize>>, part: usize) -> Vec<usize> {
    edges
        .get(&part)
        .map(|set| set.iter().copied().collect())
        .unwrap_or_default()
}

#[test]
fn no_part_uses_itself_through_others() {
    let mut edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (from, to, _) in uses() {
        edges.entry(from).or_default().insert(to);
    }
    if let Some(found) = circle(&edges) {
        let names: Vec<&str> = found.iter().map(|&part| FLOW[part]).collect();
        panic!("a circle: {}", names.join(" -> "));
    }
}

#[test]
fn the_circle_finder_finds_circles() {
    let edges = BTreeMap::from([
        (0, BTreeSet::from([1])),
        (1, BTreeSet::from([2])),
        (2, BTreeSet::from([0])),
    ]);
    assert_eq!(circle(&edges), Some(vec![0, 1, 2, 0]));
    let edges = BTreeMap::from([(0, BTreeSet::from([1, 2])), (1, BTreeSet::from([2]))]);
    assert_eq!(circle(&edges), None);
}

#[test]
fn the_path_reader_spreads_use_trees() {
    let file = SourceFile {
        path: "aif/import.rs".to_owned(),
        lines: vec![
            "use crate::{vocab::{class, property}, ingest::quads::GraphQuads};".to_owned(),
            "use super::{self, Map};".to_owned(),
            "let x = super::super::store::ClaimStore::in_memory();".to_owned(),
            "mod inner { use super::Node; }".to_owned(),
            "use crate::render;".to_owned(),
            "render::trace::write(x);".to_owned(),
            "let y = other_crate::x;".to_owned(),
        ],
    };
    let paths: Vec<String> = paths_named(&file).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        paths,
        [
            "vocab::class",
            "vocab::property",
            "ingest::quads::GraphQuads",
            "aif",
            "aif::Map",
            "store::ClaimStore::in_memory",
            "aif::import::Node",
            "render",
            "render::trace::write",
        ]
    );
}

/// The crates under `crates/`: what they may never depend on, even through others. They parse
/// and compute; RDF, the store, HTTP and C or C++ builds belong to claimgraph.
const SMALL_CRATES: &[&str] = &["argdown", "argsem", "kialo"];
const NOT_IN_SMALL_CRATES: &[&str] = &[
    "claimgraph",
    "oxigraph",
    "oxrdf",
    "oxttl",
    "oxrdfio",
    "oxrdfxml",
    "oxjsonld",
    "spargebra",
    "spareval",
    "sparopt",
    "oxhttp",
    "ureq",
    "reqwest",
    "hyper",
    "http",
    "shacl",
    "rudof",
    "srdf",
    "cc",
    "cmake",
    "bindgen",
    "pkg-config",
];

/// Each package in `Cargo.lock` and the names of the packages it depends on (normal, build and
/// dev dependencies alike: the lock file does not tell them apart, which makes the check
/// stricter than it needs to be).
fn lock_file() -> BTreeMap<String, BTreeSet<String>> {
    let lock = std::fs::read_to_string(repo_file("Cargo.lock")).unwrap();
    let mut packages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let name = block
            .lines()
            .find_map(|line| line.strip_prefix("name = "))
            .expect("a package name")
            .trim_matches('"')
            .to_owned();
        let dependencies = block
            .split("dependencies = [")
            .nth(1)
            .map(|list| list.split(']').next().unwrap())
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.trim().trim_end_matches(',').strip_prefix('"'))
            .map(|dep| dep.split([' ', '"']).next().unwrap().to_owned());
        packages.entry(name).or_default().extend(dependencies);
    }
    packages
}

#[test]
fn the_small_crates_need_no_rdf_no_http_and_no_c() {
    let packages = lock_file();
    assert!(
        packages["claimgraph"].contains("oxigraph"),
        "Cargo.lock was not read"
    );
    for krate in SMALL_CRATES {
        let mut seen = BTreeSet::from([krate.to_string()]);
        let mut todo = vec![krate.to_string()];
        while let Some(package) = todo.pop() {
            for dep in packages.get(&package).into_iter().flatten() {
                if seen.insert(dep.clone()) {
                    todo.push(dep.clone());
                }
            }
        }
        let forbidden: Vec<&String> = seen
            .iter()
            .filter(|dep| NOT_IN_SMALL_CRATES.contains(&dep.as_str()) || dep.starts_with("rudof"))
            .collect();
        assert!(
            forbidden.is_empty(),
            "{krate} depends on {forbidden:?}: keep RDF, HTTP and C builds in claimgraph"
        );
    }
}
