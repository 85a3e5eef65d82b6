//! `claimgraph iccma` against crustabri 1.1.1, an ICCMA 2023 solver we did not write (GPL-3.0,
//! run as a separate program), on every task it answers: random frameworks of several
//! densities and structured ones. The verdicts must be equal; every certificate is checked to
//! be an extension of the kind it claims to be, as far as that is polynomial to check, and the
//! grounded and ideal extensions, which are unique, must be crustabri's.

use crate::support::{repo_file, Env};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// crustabri's ICCMA 2023 binary: `$CRUSTABRI`, else where `scripts/install-deps --test` and
/// `scripts/bench` install it, beside the build of claimgraph.
fn crustabri() -> PathBuf {
    if let Some(path) = std::env::var_os("CRUSTABRI") {
        return PathBuf::from(path);
    }
    let binary = assert_cmd::cargo::cargo_bin("claimgraph");
    let target = binary
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in the target directory's profile directory");
    let path = target.join("bench-tools/bin/crustabri_iccma23");
    assert!(
        path.exists(),
        "crustabri is missing at {}: run scripts/install-deps --test (or set CRUSTABRI)",
        path.display()
    );
    path
}

/// A framework of `n` arguments, numbered from 1 as in the `.af` format.
struct Framework {
    name: String,
    n: usize,
    attacks: Vec<(usize, usize)>,
}

impl Framework {
    fn text(&self) -> String {
        let mut text = format!("p af {}\n# {}\n", self.n, self.name);
        for (a, b) in &self.attacks {
            text.push_str(&format!("{a} {b}\n"));
        }
        text
    }

    fn attacked_by(&self, set: &BTreeSet<usize>) -> BTreeSet<usize> {
        self.attacks
            .iter()
            .filter(|(a, _)| set.contains(a))
            .map(|&(_, b)| b)
            .collect()
    }

    /// Whether every attacker of `x` is attacked by `set`.
    fn defends(&self, set: &BTreeSet<usize>, x: usize) -> bool {
        let attacked = self.attacked_by(set);
        self.attacks
            .iter()
            .filter(|&&(_, b)| b == x)
            .all(|(a, _)| attacked.contains(a))
    }

    /// What can be checked in polynomial time of a `semantics` extension: conflict-free;
    /// complete for all but stable and stage; stable for stable.
    fn check(&self, semantics: &str, set: &BTreeSet<usize>) -> Result<(), String> {
        let attacked = self.attacked_by(set);
        if let Some(x) = set.intersection(&attacked).next() {
            return Err(format!("not conflict-free: {x} is attacked"));
        }
        match semantics {
            "STG" => Ok(()),
            "ST" => match (1..=self.n).find(|x| !set.contains(x) && !attacked.contains(x)) {
                Some(x) => Err(format!("not stable: {x} is neither in nor attacked")),
                None => Ok(()),
            },
            _ => match (1..=self.n).find(|&x| set.contains(&x) != self.defends(set, x)) {
                Some(x) if set.contains(&x) => Err(format!("not admissible: {x} is undefended")),
                Some(x) => Err(format!("not complete: {x} is defended but out")),
                None => Ok(()),
            },
        }
    }
}

/// A deterministic stream of numbers (SplitMix64), so that every run tests the same frameworks.
struct Numbers(u64);

impl Numbers {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

fn random(n: usize, per_argument: usize, seed: u64) -> Framework {
    let mut numbers = Numbers(seed);
    let attacks = (0..n * per_argument)
        .map(|_| (numbers.below(n) + 1, numbers.below(n) + 1))
        .collect();
    Framework {
        name: format!("random {n} arguments, {per_argument} attacks each, seed {seed}"),
        n,
        attacks,
    }
}

/// A `w` by `h` grid: each cell attacks its right neighbour, and cells above each other attack
/// each other.
fn grid(w: usize, h: usize) -> Framework {
    let cell = |x: usize, y: usize| y * w + x + 1;
    let mut attacks = Vec::new();
    for y in 0..h {
        for x in 0..w {
            if x + 1 < w {
                attacks.push((cell(x, y), cell(x + 1, y)));
            }
            if y + 1 < h {
                attacks.push((cell(x, y), cell(x, y + 1)));
                attacks.push((cell(x, y + 1), cell(x, y)));
            }
        }
    }
    Framework {
        name: format!("grid {w} by {h}"),
        n: w * h,
        attacks,
    }
}

/// `k` triangles (odd cycles), each attacking the next through one member, the last back into
/// the first, and an argument attacked by every triangle.
fn odd_cycles(k: usize) -> Framework {
    let mut attacks = Vec::new();
    for i in 0..k {
        let (a, b, c) = (3 * i + 1, 3 * i + 2, 3 * i + 3);
        attacks.extend([(a, b), (b, c), (c, a)]);
        attacks.push((c, 3 * ((i + 1) % k) + 1));
        attacks.push((b, 3 * k + 1));
    }
    Framework {
        name: format!("{k} odd cycles in a chain"),
        n: 3 * k + 1,
        attacks,
    }
}

/// `k` copies of the gadget where preferred and semi-stable differ (`a <-> b`, `b -> c`,
/// `c -> c`), chained by `c_i -> a_(i+1)`, and a pair whose members each defend only against
/// the other's attack: admissible sets that no simple propagation finds.
fn busting(k: usize) -> Framework {
    let mut attacks = Vec::new();
    for i in 0..k {
        let (a, b, c) = (3 * i + 1, 3 * i + 2, 3 * i + 3);
        attacks.extend([(a, b), (b, a), (b, c), (c, c)]);
        if i + 1 < k {
            attacks.push((c, 3 * (i + 1) + 1));
            attacks.push((3 * (i + 1) + 2, b));
        }
    }
    let (x, y, z) = (3 * k + 1, 3 * k + 2, 3 * k + 3);
    attacks.extend([(x, y), (y, z), (z, x), (x, 1), (1, x)]);
    Framework {
        name: format!("{k} semi-stable gadgets in a chain with an odd cycle"),
        n: 3 * k + 3,
        attacks,
    }
}

/// The frameworks the test runs: a few densities of random frameworks and the structured ones.
fn frameworks() -> Vec<Framework> {
    let mut all = Vec::new();
    for (n, per_argument, seeds) in [(5, 1, 2), (8, 2, 2), (10, 3, 1), (40, 1, 1), (60, 4, 2)] {
        for seed in 0..seeds {
            all.push(random(n, per_argument, seed + n as u64));
        }
    }
    all.extend([
        grid(3, 3),
        grid(5, 4),
        odd_cycles(4),
        odd_cycles(7),
        busting(3),
        busting(6),
    ]);
    all
}

/// What a solver answered: the verdict (`YES`, `NO`, or `w` for an extension) and the
/// certificate.
fn run(mut command: Command) -> (String, Option<BTreeSet<usize>>) {
    let output = command.output().expect("the solver runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 answers");
    assert!(output.status.success(), "{command:?} failed: {stdout}");
    let mut lines = stdout.lines();
    let first = lines.next().unwrap_or_default();
    let parse = |line: &str| -> BTreeSet<usize> {
        line.split_whitespace()
            .skip(1)
            .map(|n| n.parse().expect("argument numbers"))
            .collect()
    };
    if first.starts_with('w') {
        return ("w".to_owned(), Some(parse(first)));
    }
    let certificate = lines.next().map(parse);
    assert_eq!(lines.next(), None, "{command:?}: one answer: {stdout}");
    (first.to_owned(), certificate)
}

#[test]
fn every_task_crustabri_answers_agrees_with_crustabri() {
    let crustabri = crustabri();
    let listed = Command::new(&crustabri)
        .arg("--problems")
        .output()
        .expect("crustabri runs");
    let listed = String::from_utf8(listed.stdout).unwrap();
    let tasks: Vec<&str> = listed.trim().trim_matches(['[', ']']).split(',').collect();
    assert_eq!(
        tasks.len(),
        21,
        "crustabri 1.1.1 answers 21 tasks: {listed}"
    );
    let env = Env::new();
    let mut compared = 0;
    for framework in frameworks() {
        let file = env.write("framework.af", &framework.text());
        // Every argument of the smallest, three of the others (each process takes a few
        // milliseconds, and there are two per question).
        let queried: Vec<usize> = if framework.n <= 5 {
            (1..=framework.n).collect()
        } else {
            vec![1, framework.n / 2, framework.n]
        };
        for task in &tasks {
            let (question, semantics) = task.split_once('-').unwrap();
            let arguments: Vec<Option<usize>> = if question == "SE" {
                vec![None]
            } else {
                queried.iter().copied().map(Some).collect()
            };
            for argument in arguments {
                let ask = |command: &mut Command| {
                    command.args(["-p", task]).arg("-f").arg(&file);
                    if let Some(a) = argument {
                        command.args(["-a", &a.to_string()]);
                    }
                };
                let mut theirs = Command::new(&crustabri);
                ask(&mut theirs);
                let mut ours = Command::new(assert_cmd::cargo::cargo_bin("claimgraph"));
                ours.arg("iccma");
                ask(&mut ours);
                let (their_verdict, their_certificate) = run(theirs);
                let (our_verdict, our_certificate) = run(ours);
                let what = format!("{task} {argument:?} on {}", framework.name);
                assert_eq!(our_verdict, their_verdict, "{what}");
                // A certificate exactly when ICCMA 2023 asks for one.
                let expected = match question {
                    "DC" => our_verdict == "YES",
                    "DS" => our_verdict == "NO",
                    _ => our_verdict == "w",
                };
                assert_eq!(our_certificate.is_some(), expected, "{what}");
                if let Some(certificate) = &our_certificate {
                    if let Err(why) = framework.check(semantics, certificate) {
                        panic!("{what}: {certificate:?} is {why}");
                    }
                    if let Some(a) = argument {
                        assert_eq!(certificate.contains(&a), question == "DC", "{what}");
                    }
                    if matches!(semantics, "GR" | "ID") {
                        assert_eq!(&our_certificate, &their_certificate, "{what}");
                    }
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 500, "{compared} answers compared");
}

/// The answers' exact text, and what a harness sees of bad input: the status of the README's
/// table and a message that names the file, line and column.
#[test]
fn answers_and_errors_as_iccma_prints_them() {
    let env = Env::new();
    let chain = repo_file("tests/fixtures/chain.af");
    let even = repo_file("tests/fixtures/even-cycle.tgf");
    let ask = |args: &[&str], file: &Path| -> String {
        let output = env
            .cmd()
            .arg("iccma")
            .args(args)
            .arg("-f")
            .arg(file)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    // 1 -> 2 -> 3, and 4 attacks itself: no stable extension.
    assert_eq!(ask(&["-p", "SE-PR"], &chain), "w 1 3\n");
    assert_eq!(ask(&["-p", "SE-ST"], &chain), "NO\n");
    assert_eq!(ask(&["-p", "DS-ST", "-a", "2"], &chain), "YES\n");
    assert_eq!(ask(&["-p", "DC-CO", "-a", "3"], &chain), "YES\nw 1 3\n");
    assert_eq!(ask(&["-p", "DS-PR", "-a", "2"], &chain), "NO\nw 1 3\n");
    assert_eq!(ask(&["-p", "DC-PR", "-a", "4"], &chain), "NO\n");
    assert_eq!(ask(&["-p", "CE-CO"], &chain), "1\n");
    // The older formats answer as ICCMA 2019 did: no certificates, bracketed extensions.
    assert_eq!(ask(&["-p", "EE-PR"], &even), "[[a,c],[b]]\n");
    assert_eq!(ask(&["-p", "SE-GR"], &even), "[]\n");
    assert_eq!(ask(&["-p", "DC-ST", "-a", "a"], &even), "YES\n");
    assert_eq!(ask(&["-p", "DS-ST", "-a", "a"], &even), "NO\n");
    let listed = env.stdout(["iccma", "--problems"]);
    let listed = String::from_utf8(listed).unwrap();
    for task in [
        "DC-CO", "DS-PR", "SE-PR", "SE-ST", "DS-STG", "SE-ID", "EE-PR", "CE-ST",
    ] {
        assert!(listed.contains(task), "{task} in {listed}");
    }
    assert_eq!(env.stdout(["iccma", "--formats"]), b"[af,apx,tgf]\n");

    let bad = env.write("bad.af", "p af 2\n1 x\n");
    let fail = |args: &[&str]| {
        let output = env.cmd().arg("iccma").args(args).output().unwrap();
        assert!(
            output.stdout.is_empty(),
            "{args:?}: nothing on standard output"
        );
        (
            output.status.code(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let bad_path = bad.to_str().unwrap();
    assert_eq!(
        fail(&["-p", "SE-PR", "-f", bad_path]),
        (
            Some(3),
            format!(
                "error: {bad_path}:2:3: expected an argument number from 1 to 2, found \"x\"\n"
            )
        )
    );
    let chain_path = chain.to_str().unwrap();
    let (status, message) = fail(&["-p", "DS-PR", "-f", chain_path, "-a", "9"]);
    assert_eq!(status, Some(2));
    assert!(message.contains("has no argument \"9\""), "{message}");
    let (status, message) = fail(&["-p", "DS-PR", "-f", chain_path]);
    assert_eq!(status, Some(2));
    assert!(message.contains("-a ARG"), "{message}");
    let (status, message) = fail(&["-p", "XX-PR", "-f", chain_path]);
    assert_eq!(status, Some(2));
    assert!(message.contains("--problems"), "{message}");
}

/// The wrapper a harness that wants one executable runs.
#[test]
fn the_wrapper_script_is_the_subcommand() {
    let binary = assert_cmd::cargo::cargo_bin("claimgraph");
    let output = Command::new(repo_file("scripts/iccma"))
        .env("CLAIMGRAPH", &binary)
        .args(["-p", "SE-GR", "-f"])
        .arg(repo_file("tests/fixtures/chain.af"))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(output.stdout, b"w 1 3\n");
}
