//! `grounded-argumentation FILE.af`: the grounded extension of an ICCMA 2023 framework, computed
//! by the `argumentation` crate and printed as ICCMA's `w 1 3 ...` line (sorted), so that its
//! answer can be compared with claimgraph's and crustabri's.

use argumentation::ArgumentationFramework;
use std::io::Write;

fn main() {
    let path = std::env::args().nth(1).expect("usage: grounded-argumentation FILE.af");
    let text = std::fs::read_to_string(&path).expect("a readable .af file");
    let mut af: ArgumentationFramework<u32> = ArgumentationFramework::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(n) = line.strip_prefix("p af ") {
            for a in 1..=n.trim().parse::<u32>().expect("p af N") {
                af.add_argument(a);
            }
            continue;
        }
        let mut ends = line.split_ascii_whitespace().map(|x| x.parse::<u32>().expect("i j"));
        let (a, b) = (ends.next().expect("i"), ends.next().expect("j"));
        af.add_attack(&a, &b).expect("declared arguments");
    }
    let mut grounded: Vec<u32> = af.grounded_extension().into_iter().collect();
    grounded.sort_unstable();
    let mut out = std::io::stdout().lock();
    write!(out, "w").unwrap();
    for a in grounded {
        write!(out, " {a}").unwrap();
    }
    writeln!(out).unwrap();
}
