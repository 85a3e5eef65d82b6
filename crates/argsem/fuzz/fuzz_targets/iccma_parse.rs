//! The three ICCMA readers on arbitrary bytes. The first byte chooses the format.
//!
//! Checks (headers of 100,000 to `MAX_ARGUMENTS` arguments are skipped: valid, and slow):
//! no panic; an error names the input, a line and a column within the text; a framework
//! read is within the limits, and writing it back in its format and reading that again gives
//! the same arguments (names, order) and attacks.
#![no_main]

use argsem::iccma::{parse, parse_bytes, IccmaFormat, MAX_ARGUMENTS};
use libfuzzer_sys::fuzz_target;
use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;

fn canonical(format: IccmaFormat, af: &DiGraph<String, ()>) -> String {
    let mut text = String::new();
    match format {
        IccmaFormat::Apx => {
            for a in af.node_indices() {
                text += &format!("arg({}).\n", af[a]);
            }
            for e in af.edge_references() {
                text += &format!("att({},{}).\n", af[e.source()], af[e.target()]);
            }
        }
        IccmaFormat::Tgf => {
            for a in af.node_indices() {
                text += &format!("{}\n", af[a]);
            }
            text += "#\n";
            for e in af.edge_references() {
                text += &format!("{} {}\n", af[e.source()], af[e.target()]);
            }
        }
        IccmaFormat::Af => {
            text += &format!("p af {}\n", af.node_count());
            for e in af.edge_references() {
                text += &format!("{} {}\n", e.source().index() + 1, e.target().index() + 1);
            }
        }
    }
    text
}

fn edges(af: &DiGraph<String, ()>) -> Vec<(usize, usize)> {
    af.edge_references()
        .map(|e| (e.source().index(), e.target().index()))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (format, name) = match selector % 3 {
        0 => (IccmaFormat::Apx, "fuzz.apx"),
        1 => (IccmaFormat::Tgf, "fuzz.tgf"),
        _ => (IccmaFormat::Af, "fuzz.af"),
    };
    // A header of up to MAX_ARGUMENTS arguments is valid and takes its time and memory (up to
    // about 1 GB here): not worth the fuzzer's time. Larger numbers are errors, and kept.
    let expensive = |field: &str| {
        let digits = field.trim_start_matches('0');
        field.bytes().all(|b| b.is_ascii_digit())
            && digits.len() <= 9
            && digits
                .parse::<usize>()
                .is_ok_and(|n| n >= 100_000 && n <= MAX_ARGUMENTS)
    };
    let text = String::from_utf8_lossy(bytes);
    if format == IccmaFormat::Af && text.split(char::is_whitespace).any(expensive) {
        return;
    }
    match parse_bytes(name, bytes, format) {
        Err(error) => {
            let message = error.to_string();
            let rest = message
                .strip_prefix(name)
                .and_then(|m| m.strip_prefix(':'))
                .unwrap_or_else(|| panic!("no input name: {message}"));
            let mut parts = rest.splitn(3, ':');
            let line: usize = parts.next().unwrap().parse().expect("a line number");
            let column: usize = parts.next().unwrap().parse().expect("a column number");
            let what = parts.next().expect("a message");
            assert!(what.starts_with(' ') && what.len() > 1, "{message}");
            assert!(line >= 1 && column >= 1, "{message}");
            let lines = bytes.split(|&b| b == b'\n').count();
            assert!(line <= lines.max(1), "{message}: line past the end");
            if let Some(text) = std::str::from_utf8(bytes).ok() {
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                let width = text.lines().nth(line - 1).map_or(0, |l| l.chars().count());
                assert!(column <= width + 1, "{message}: column past the line");
            }
            // Bounded: a message quotes at most a short piece of the input.
            assert!(message.len() < 400, "{message}");
        }
        Ok(af) => {
            assert!(af.node_count() <= MAX_ARGUMENTS);
            if format == IccmaFormat::Af {
                for a in af.node_indices() {
                    assert_eq!(af[a], (a.index() + 1).to_string());
                }
            } else {
                assert!(af.node_count() > 0, "an empty framework was accepted");
            }
            let again = parse(name, &canonical(format, &af), format)
                .unwrap_or_else(|e| panic!("written back, it does not read: {e}"));
            let names = |g: &DiGraph<String, ()>| g.node_weights().cloned().collect::<Vec<_>>();
            assert_eq!(names(&af), names(&again));
            assert_eq!(edges(&af), edges(&again));
        }
    }
});
