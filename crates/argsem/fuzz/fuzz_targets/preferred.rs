//! `dung::preferred` against brute force on small frameworks: the first byte is the number of
//! arguments (1 to 12), each following pair of bytes an attack.
//!
//! Checks: the extensions are exactly the maximal admissible sets, sorted, each sorted, and
//! each contains the grounded extension.
#![no_main]

use argsem::dung::{grounded, preferred, Label};
use libfuzzer_sys::fuzz_target;
use petgraph::graph::{DiGraph, NodeIndex};

fuzz_target!(|data: &[u8]| {
    let Some((&size, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(size % 12) + 1;
    let mut af = DiGraph::<(), ()>::new();
    for _ in 0..n {
        af.add_node(());
    }
    let mut attackers = vec![0u32; n];
    let mut targets = vec![0u32; n];
    for pair in rest.chunks_exact(2).take(64) {
        let (a, b) = (usize::from(pair[0]) % n, usize::from(pair[1]) % n);
        af.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        attackers[b] |= 1 << a;
        targets[a] |= 1 << b;
    }
    let admissible: Vec<u32> = (0u32..1 << n)
        .filter(|&s| {
            let attacked = (0..n)
                .filter(|&x| s & (1 << x) != 0)
                .fold(0, |m, x| m | targets[x]);
            (0..n)
                .filter(|&x| s & (1 << x) != 0)
                .all(|x| attackers[x] & s == 0 && attackers[x] & !attacked == 0)
        })
        .collect();
    let mut expected: Vec<Vec<usize>> = admissible
        .iter()
        .filter(|&&s| !admissible.iter().any(|&t| t != s && t & s == s))
        .map(|&s| (0..n).filter(|&x| s & (1 << x) != 0).collect())
        .collect();
    expected.sort();
    let found: Vec<Vec<usize>> = preferred(&af)
        .into_iter()
        .map(|e| e.into_iter().map(NodeIndex::index).collect())
        .collect();
    assert_eq!(found, expected);
    let labels = grounded(&af);
    for extension in &found {
        assert!((0..n)
            .filter(|&x| labels[x] == Label::In)
            .all(|x| extension.contains(&x)));
    }
});
