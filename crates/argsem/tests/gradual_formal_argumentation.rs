//! argsem's gradual strengths against formal-argumentation (PyPI, MIT), on random frameworks,
//! acyclic and cyclic: DF-QuAD, the quadratic energy model and Besnard and Hunter's
//! categoriser. The frameworks are written as `.bag` files and our results as JSON, and
//! `gradual_formal_argumentation.py` beside this file computes theirs and compares.
//!
//! Needs `python3` with the package of `tests/requirements.txt` (`scripts/install-deps --test`):
//! the test fails without them, it does not skip.

use argsem::gradual::{parse_bag, strengths, write_json, Options, Outcome, Semantics, Strengths};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The largest difference allowed between a strength here and there. Both iterate to 10⁻⁹ or
/// better; the differences measured are far smaller than this.
const TOLERANCE: f64 = 1e-6;

/// SplitMix64: the same frameworks on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A random framework as `.bag` text: `n` arguments, about `density · n` relations, each pair
/// related at most once (formal-argumentation keeps relations as sets and refuses a pair that
/// both attacks and supports). `acyclic` keeps every edge from a lower to a higher argument.
fn random_bag(
    random: &mut Random,
    n: usize,
    density: f64,
    acyclic: bool,
    supports: bool,
    base_one: bool,
) -> String {
    let mut text = String::new();
    for a in 0..n {
        let base = if base_one { 1.0 } else { random.unit() };
        writeln!(text, "arg(a{a}, {base:?}).").unwrap();
    }
    let mut related = std::collections::HashSet::new();
    for _ in 0..(density * n as f64) as usize {
        let (a, b) = (random.below(n), random.below(n));
        let (a, b) = if acyclic {
            (a.min(b), a.max(b))
        } else {
            (a, b)
        };
        if (acyclic && a == b) || !related.insert((a, b)) {
            continue;
        }
        let fact = if supports && random.below(3) == 0 {
            "sup"
        } else {
            "att"
        };
        writeln!(text, "{fact}(a{a}, a{b}).").unwrap();
    }
    text
}

fn scratch_directory() -> PathBuf {
    let directory = std::env::temp_dir().join(format!("argsem-gradual-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

fn write(directory: &Path, name: &str, text: &str, semantics: &[Semantics]) -> Vec<Strengths> {
    std::fs::write(directory.join(format!("{name}.bag")), text).unwrap();
    let bag = parse_bag(name, text).unwrap();
    semantics
        .iter()
        .map(|&s| {
            let result = strengths(&bag.framework, s, &Options::default());
            let json = write_json(&bag.framework, &result);
            std::fs::write(directory.join(format!("{name}.{s}.json")), json).unwrap();
            result
        })
        .collect()
}

/// Runs the comparison script on `directory`; returns its report, or fails with it.
fn compare(directory: &Path) -> String {
    let script = Path::new(&manifest_dir()).join("tests/gradual_formal_argumentation.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(directory)
        .arg(TOLERANCE.to_string())
        .output()
        .expect(
            "python3 is needed to compare with formal-argumentation: scripts/install-deps --test",
        );
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "formal-argumentation disagrees or could not run (pip install -r tests/requirements.txt):\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    report
}

/// How many results the report says were compared for `kind`.
fn compared(report: &str, kind: &str) -> usize {
    let prefix = format!("{kind}: compared: ");
    report
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .map_or(0, |n| n.parse().unwrap())
}

#[test]
fn strengths_agree_with_formal_argumentation_on_random_frameworks() {
    let directory = scratch_directory();
    let mut random = Random(21);
    let bipolar = [Semantics::DfQuad, Semantics::Qem];
    let mut cyclic_iterated = 0;
    let mut exact = 0;
    for i in 0..60 {
        let acyclic = i % 2 == 0;
        let n = 2 + random.below(25);
        let text = random_bag(&mut random, n, 1.5, acyclic, true, false);
        for result in write(&directory, &format!("b{i:03}"), &text, &bipolar) {
            match result.outcome {
                Outcome::Exact => exact += 1,
                Outcome::Converged { .. } => cyclic_iterated += 1,
                _ => {}
            }
        }
        // The categoriser has no base scores: every argument starts at 1.
        let text = random_bag(&mut random, n, 1.5, acyclic, false, true);
        write(
            &directory,
            &format!("h{i:03}"),
            &text,
            &[Semantics::HCategoriser],
        );
        // One attacker at most each, so that no argument's attackers add up to more than 1
        // and the capped ranking must agree too.
        let mut text = random_bag(&mut random, n, 0.0, acyclic, false, true);
        for b in 0..n {
            let a = random.below(n);
            if !acyclic || a < b {
                writeln!(text, "att(a{a}, a{b}).").unwrap();
            }
        }
        write(
            &directory,
            &format!("c{i:03}"),
            &text,
            &[Semantics::HCategoriser],
        );
    }
    let report = compare(&directory);
    std::fs::remove_dir_all(&directory).unwrap();
    println!("{report}");
    // Both kinds of framework were really compared, not left out.
    assert!(
        exact >= 50 && cyclic_iterated >= 20,
        "{exact} exact, {cyclic_iterated} iterated"
    );
    assert!(compared(&report, "df-quad") >= 45, "{report}");
    assert_eq!(compared(&report, "qem"), 60, "{report}");
    assert_eq!(compared(&report, "h-categoriser"), 120, "{report}");
    assert!(compared(&report, "h-categoriser-capped") >= 60, "{report}");
}

/// The package's directory as cargo gives it to the running test, not as it was at compile
/// time: a build directory shared between checkouts can run a test compiled in another one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .expect("run by cargo")
        .into()
}
