use super::*;

#[test]
fn placeholder() {
    assert!(parse("[A]: a").is_ok());
}
