//! Inputs the fuzz targets in `fuzz/` found, each replayed on the library with the behaviour it
//! must have. Ordinary tests: no nightly, no cargo-fuzz. A test is named after its target and
//! the artifact (`TARGET-KIND-HASH`) it came from.

use argsem::iccma::{parse, parse_bytes, IccmaFormat};

/// `iccma_parse/slow-unit-cb2bf80d45a1845d82cc7cd081472221024837ed`: an `.af` header with
/// leading zeros declaring 13,067,333 arguments, then a comment line full of bytes. Valid, and
/// slow only because it really declares that many arguments (within `MAX_ARGUMENTS`). What
/// matters: leading zeros count for nothing, the comment is skipped, and a bad attack after
/// such a header fails at once, before a single argument is created.
#[test]
fn iccma_parse_slow_unit_cb2bf80d() {
    let input = b"p af 00000000000000000013067333\n#$a3333333@3\x02p a3";
    let bad_attack = [&input[..], b"\n1 0\n"].concat();
    let err = parse_bytes("f.af", &bad_attack, IccmaFormat::Af).unwrap_err();
    assert_eq!(
        err.to_string(),
        "f.af:3:3: argument \"0\" does not exist: the header declares 13067333 arguments, \
         numbered 1 to 13067333"
    );
    let small = parse(
        "f.af",
        "p af 0000003\n#$a3333333@3\u{2}p a3\n1 3\n",
        IccmaFormat::Af,
    )
    .unwrap();
    assert_eq!((small.node_count(), small.edge_count()), (3, 1));
}
