//! Where a JSON pointer's value starts in the text, as a line and a column: serde_json's
//! values keep no positions, so the text is walked again, along the pointer only.

/// One-based line and column (in characters) of the value `pointer` names in `text`; `None`
/// when the text does not hold it.
///
/// # Complexity
///
/// O(n) in the length of the text before the value.
pub(super) fn locate(text: &[u8], pointer: &str) -> Option<(u64, u64)> {
    let mut at = skip_space(text, 0);
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        at = match *text.get(at)? {
            b'{' => member(text, at + 1, &token)?,
            b'[' => element(text, at + 1, token.parse().ok()?)?,
            _ => return None,
        };
    }
    let before = &text[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    Some((line as u64, column as u64))
}

/// The start of the value of member `key` of the object whose members start at `at`.
fn member(text: &[u8], mut at: usize, key: &str) -> Option<usize> {
    loop {
        at = skip_space(text, at);
        if *text.get(at)? != b'"' {
            return None;
        }
        let end = string_end(text, at)?;
        let name: String = serde_json::from_slice(&text[at..end]).ok()?;
        at = skip_space(text, end);
        if *text.get(at)? != b':' {
            return None;
        }
        at = skip_space(text, at + 1);
        if name == key {
            return Some(at);
        }
        at = skip_space(text, value_end(text, at)?);
        if *text.get(at)? != b',' {
            return None;
        }
        at += 1;
    }
}

/// The start of element `index` of the array whose elements start at `at`.
fn element(text: &[u8], mut at: usize, index: usize) -> Option<usize> {
    for _ in 0..index {
        at = skip_space(text, at);
        at = skip_space(text, value_end(text, at)?);
        if *text.get(at)? != b',' {
            return None;
        }
        at += 1;
    }
    Some(skip_space(text, at))
}

fn skip_space(text: &[u8], mut at: usize) -> usize {
    while text.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

/// Just past the string starting at `at` (its opening quote).
fn string_end(text: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Just past the value starting at `at`, kept flat: brackets are counted, not recursed into.
fn value_end(text: &[u8], at: usize) -> Option<usize> {
    match *text.get(at)? {
        b'"' => string_end(text, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            while i < text.len() {
                match text[i] {
                    b'"' => {
                        i = string_end(text, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => Some(
            at + text[at..]
                .iter()
                .position(|&b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                .unwrap_or(text.len() - at),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn pointers_are_found_at_their_line_and_column() {
        let text = r#"{"a": [1, {"b": "x\"]}"}, {"c": [true,
  "é", {"d": null}]}],
 "e~/f": 2}"#
            .as_bytes();
        for (pointer, expected) in [
            ("", Some((1, 1))),
            ("/a", Some((1, 7))),
            ("/a/1", Some((1, 11))),
            ("/a/2/c/1", Some((2, 3))),
            ("/a/2/c/2", Some((2, 8))),
            ("/e~0~1f", Some((3, 10))),
            ("/a/3", None),
            ("/z", None),
        ] {
            assert_eq!(locate(text, pointer), expected, "{pointer}");
        }
    }
}
