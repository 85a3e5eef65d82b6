//! Virtuoso writes blank nodes in SPARQL JSON results as `{"type": "bnode", "value":
//! "nodeID://b10005"}`, and Oxigraph's results parser rightly refuses `nodeID://b10005` as a
//! blank node label. This reader takes the prefix off such values as the answer streams by,
//! and touches nothing else: only a `value` of an object whose `type` came first as `bnode`.
//! The labels stay the same for the same node, as Virtuoso's N-Triples write them (`_:b10005`).

use std::io::{self, BufRead, BufReader, Read};

const PREFIX: &[u8] = b"nodeID://";

/// Where the scanner is in the JSON text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Outside,
    /// In a string; `escaped` after a backslash.
    Inside {
        escaped: bool,
    },
    /// At the start of a blank node's value, this many bytes of the prefix matched so far.
    Prefix(usize),
}

/// A JSON result stream with Virtuoso's blank node labels mended.
pub(super) struct Mended<R> {
    inner: BufReader<R>,
    state: State,
    /// The last string read, up to a few bytes: enough to know a key or `bnode`.
    string: Vec<u8>,
    /// The key whose value comes next.
    key: Vec<u8>,
    /// Whether the current object's `type` is `bnode`.
    bnode: bool,
    out: Vec<u8>,
    at: usize,
}

impl<R: Read> Mended<R> {
    pub(super) fn new(inner: R) -> Self {
        Self {
            inner: BufReader::with_capacity(64 * 1024, inner),
            state: State::Outside,
            string: Vec::new(),
            key: Vec::new(),
            bnode: false,
            out: Vec::new(),
            at: 0,
        }
    }

    fn scan(&mut self, byte: u8) {
        match self.state {
            State::Outside => {
                match byte {
                    b'"' => {
                        self.string.clear();
                        if self.bnode && self.key == b"value" {
                            self.out.push(byte);
                            self.state = State::Prefix(0);
                            return;
                        }
                        self.state = State::Inside { escaped: false };
                    }
                    b':' => self.key = std::mem::take(&mut self.string),
                    b',' => self.key.clear(),
                    b'{' | b'}' => {
                        self.key.clear();
                        self.bnode = false;
                    }
                    _ => {}
                }
                self.out.push(byte);
            }
            State::Inside { escaped } => {
                self.out.push(byte);
                if escaped {
                    self.state = State::Inside { escaped: false };
                } else if byte == b'\\' {
                    self.state = State::Inside { escaped: true };
                } else if byte == b'"' {
                    self.state = State::Outside;
                    if self.key == b"type" && self.string == b"bnode" {
                        self.bnode = true;
                    }
                } else if self.string.len() < 8 {
                    self.string.push(byte);
                }
            }
            State::Prefix(matched) => {
                if byte == PREFIX[matched] {
                    self.state = if matched + 1 == PREFIX.len() {
                        State::Inside { escaped: false }
                    } else {
                        State::Prefix(matched + 1)
                    };
                } else {
                    // Not Virtuoso's prefix after all: give back what was held.
                    self.out.extend_from_slice(&PREFIX[..matched]);
                    self.state = State::Inside { escaped: false };
                    self.scan(byte);
                }
            }
        }
    }
}

impl<R: Read> Read for Mended<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.out.len() {
            self.out.clear();
            self.at = 0;
            let input = self.inner.fill_buf()?;
            if input.is_empty() {
                if let State::Prefix(matched) = self.state {
                    self.out.extend_from_slice(&PREFIX[..matched]);
                    self.state = State::Outside;
                    continue;
                }
                return Ok(0);
            }
            let input = input.to_vec();
            self.inner.consume(input.len());
            for byte in input {
                self.scan(byte);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mend(text: &str) -> String {
        let mut out = String::new();
        Mended::new(text.as_bytes())
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn only_blank_node_values_lose_the_prefix() {
        let virtuoso = r#"{"results":{"bindings":[{"b":{ "type": "bnode", "value": "nodeID://b10005" },"l":{ "type": "literal", "value": "nodeID://b1" },"u":{"type":"uri","value":"nodeID://x"}}]}}"#;
        let mended = mend(virtuoso);
        assert!(mended.contains(r#""value": "b10005""#), "{mended}");
        assert!(mended.contains(r#""value": "nodeID://b1""#), "{mended}");
        assert!(mended.contains(r#""value":"nodeID://x""#), "{mended}");
    }

    #[test]
    fn escapes_and_other_values_pass_untouched() {
        let text = r#"{"b":{"type":"bnode","value":"nodeI\"x"},"k":{"type":"bnode","value":"plain"},"e":"\\\"type\":"}"#;
        assert_eq!(mend(text), text);
    }

    #[test]
    fn a_prefix_cut_by_the_end_is_given_back() {
        assert_eq!(
            mend(r#"{"type":"bnode","value":"node"#),
            r#"{"type":"bnode","value":"node"#
        );
    }
}
