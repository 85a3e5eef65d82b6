//! Label wrapping by display width: CJK characters and emoji take two columns, and a line may
//! break between any two of them, as Chinese text does, but never inside a character.

/// Display width of a character: East Asian wide characters and emoji take two columns.
pub fn width(c: char) -> usize {
    match u32::from(c) {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Display width of a text: the sum of its characters' [`width`]s.
pub fn text_width(text: &str) -> usize {
    text.chars().map(width).sum()
}

/// `text` as a terminal may show it: control characters other than line breaks and tabs (ESC,
/// which starts the terminal's own commands, CR, BEL...) become their Unicode control pictures
/// (`␛`, one column each), so that data is shown, never obeyed.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let obeyed = |c: char| c.is_control() && c != '\n' && c != '\t';
    // Every control character is a byte below 0x20, 0x7F, or 0xC2 then 0x80-0x9F in UTF-8: a
    // text without those bytes, nearly every text, is printable as it is, found without
    // decoding its characters, in whole blocks that the compiler turns into vector
    // instructions.
    let plain = |block: &[u8]| {
        block.iter().fold(true, |plain, &b| {
            plain & (b >= 0x20) & (b != 0x7F) & (b != 0xC2)
        })
    };
    if text.as_bytes().chunks(64).all(plain) || !text.chars().any(obeyed) {
        return text.into();
    }
    text.chars()
        .map(|c| match u32::from(c) {
            code @ 0..=0x1F if obeyed(c) => char::from_u32(0x2400 + code).unwrap_or('�'),
            0x7F => '␡',
            _ if obeyed(c) => '�',
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// Wraps `text` into lines of at most `limit` columns, breaking at spaces in Latin text and
/// between any two wide characters, never inside a character; a word longer than a line is
/// split between characters.
pub fn wrap(text: &str, limit: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        // Wide characters are words of their own: a line may break after any of them.
        let mut pieces: Vec<String> = Vec::new();
        let mut narrow = String::new();
        for c in word.chars() {
            if width(c) == 2 {
                if !narrow.is_empty() {
                    pieces.push(std::mem::take(&mut narrow));
                }
                pieces.push(c.to_string());
            } else {
                narrow.push(c);
            }
        }
        if !narrow.is_empty() {
            pieces.push(narrow);
        }
        for (i, piece) in pieces.iter().enumerate() {
            let piece_width = text_width(piece);
            let glue = if i == 0 && used > 0 { 1 } else { 0 };
            if used > 0 && used + glue + piece_width > limit {
                lines.push(std::mem::take(&mut line));
                used = 0;
            } else if glue == 1 {
                line.push(' ');
                used += 1;
            }
            for c in piece.chars() {
                if used + width(c) > limit && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += width(c);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(printable("plain 中文\nnext\tcol"), "plain 中文\nnext\tcol");
        assert_eq!(printable("a\u{1b}[2Jb\rc\u{7}\u{7f}\u{9b}"), "a␛[2Jb␍c␇␡�");
        assert_eq!(text_width(&printable("\u{1b}[2J")), 4);
        // 0xC2 leads both C1 controls and printable signs: only the controls change.
        assert_eq!(printable("\u{85}¢\u{9f}\u{a0}"), "�¢�\u{a0}");
    }

    proptest::proptest! {
        #[test]
        fn printable_text_has_no_control_but_breaks_and_tabs(text in "\\PC*|[\\x00-\\x{ff}]*") {
            let shown = printable(&text);
            let obeyed = |c: char| c.is_control() && c != '\n' && c != '\t';
            proptest::prop_assert!(!shown.chars().any(obeyed));
            if !text.chars().any(obeyed) {
                proptest::prop_assert_eq!(shown.as_ref(), text.as_str());
            }
        }
    }

    #[test]
    fn wrapping_respects_words_and_wide_characters() {
        assert_eq!(
            wrap("how is model distillation stealing", 12),
            "how is model\ndistillation\nstealing"
        );
        assert_eq!(
            wrap("妈妈，AI 模型们打起来了", 8),
            "妈妈，AI\n模型们打\n起来了"
        );
        assert_eq!(wrap("supercalifragilistic", 8), "supercal\nifragili\nstic");
        assert_eq!(wrap("", 8), "");
        for text in ["😭😭😭😭😭 ok", "中文English混合的句子 with words"] {
            let wrapped = wrap(text, 6);
            assert_eq!(
                wrapped.replace(['\n', ' '], ""),
                text.replace(' ', ""),
                "nothing lost"
            );
        }
    }
}
