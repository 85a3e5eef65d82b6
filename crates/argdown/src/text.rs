//! How Argdown turns the tokens of a statement, description or heading into text: markers of
//! bold and italic text dropped (kept as ranges), a link's text kept and its address kept in a
//! range, escapes resolved, shortcodes replaced, tags and mentions kept as written. Then, unlike
//! Argdown, spaces and line breaks collapse into one space and the text is trimmed.

use super::{Range, RangeKind};

/// Argdown's default shortcodes (`plugins/shortcodes.ts`).
const SHORTCODES: &[(&str, &str)] = &[
    (".A.", "∀"),
    (":A:", "∀"),
    (".E.", "∃"),
    (":E:", "∃"),
    (".O.", "𝗢"),
    (":O:", "𝗢"),
    (".P.", "𝗣"),
    (":P:", "𝗣"),
    (".->.", "→"),
    (":->:", "→"),
    (".<->.", "↔"),
    (":<->:", "↔"),
    (".~.", "¬"),
    (":~:", "¬"),
    (".^.", "∧"),
    (":^:", "∧"),
    (".v.", "∨"),
    (":v:", "∨"),
    (".v_.", "⊻"),
    (":v_:", "⊻"),
    (".<>.", "◇"),
    (":<>:", "◇"),
    (".[].", "◻"),
    (":[]:", "◻"),
    (":happy:", "😀"),
    (".happy.", "😀"),
    (":smile:", "☺️"),
    (".smile.", "☺"),
    (":smiley:", "☺"),
    (".smiley.", "☺"),
    (":laugh:", "😆"),
    (".laugh.", "😆"),
    (":lol:", "😆"),
    (".lol.", "😆"),
    (":rofl:", "🤣"),
    (".rofl.", "🤣"),
    (":joy:", "😂"),
    (".joy.", "😂"),
    (":heart:", "❤"),
    (".heart.", "❤"),
    (".?.", "❓"),
    (":?:", "❓"),
    (".question.", "❓"),
    (":question:", "❓"),
    (":love:", "😍"),
    (".love.", "😍"),
    (":wink:", "😉"),
    (".wink.", "😉"),
    (":shush:", "🤫"),
    (".shush.", "🤫"),
    (":meh:", "😐"),
    (".meh.", "😐"),
    (":eye-roll:", "🙄"),
    (".eye-roll.", "🙄"),
    (":sad:", "😢"),
    (".sad.", "😢"),
    (":disappointed:", "😞"),
    (".disappointed.", "😞"),
    (":scream:", "😱"),
    (".scream.", "😱"),
    (":+1:", "👍"),
    (".+1.", "👍"),
    (":up:", "👍"),
    (".up.", "👍"),
    (":-1:", "👎"),
    (".-1.", "👎"),
    (":down:", "👎"),
    (".down.", "👎"),
    (":think:", "🤔"),
    (".think.", "🤔"),
    (".star.", "⭐"),
    (":star:", "⭐"),
    (".y.", "✔"),
    (":y:", "✔"),
    (".agree.", "✔"),
    (":agree:", "✔"),
    (".n.", "❌"),
    (":n:", "❌"),
    (".disagree.", "❌"),
    (":disagree:", "❌"),
];

/// The character a shortcode such as `.~.` stands for.
pub(super) fn shortcode(code: &str) -> Option<&'static str> {
    SHORTCODES
        .iter()
        .find(|(name, _)| *name == code)
        .map(|(_, unicode)| *unicode)
}

/// The shortcode of the character (or characters) `text` starts with, and that character: the
/// longest that any shortcode stands for.
pub(super) fn shortcode_for(text: &str) -> Option<(&'static str, &'static str)> {
    SHORTCODES
        .iter()
        .filter(|(_, unicode)| text.starts_with(unicode))
        .max_by_key(|(_, unicode)| unicode.len())
        .copied()
}

/// Text as it is read, with its ranges and tags.
#[derive(Default)]
pub(super) struct TextBuilder {
    raw: String,
    ranges: Vec<(RangeKind, usize, usize)>,
    /// The open bold and italic ranges, as indices into `ranges`.
    open: Vec<usize>,
    tags: Vec<String>,
}

/// A finished text.
pub(super) struct Text {
    pub text: String,
    pub ranges: Vec<Range>,
    pub tags: Vec<String>,
}

impl TextBuilder {
    /// Free text.
    pub fn push(&mut self, s: &str) {
        self.raw.push_str(s);
    }

    /// `\x`: the character (and the spaces the token took after it).
    pub fn escaped(&mut self, image: &str) {
        self.raw.push_str(&image[1..]);
    }

    /// `.name.` or `:name:`.
    pub fn special(&mut self, image: &str) {
        match shortcode(image.trim()) {
            Some(unicode) => {
                self.raw.push_str(unicode);
                if image.ends_with(' ') {
                    self.raw.push(' ');
                }
            }
            None => self.raw.push_str(image),
        }
    }

    /// A line break inside the text.
    pub fn newline(&mut self) {
        self.raw.push(' ');
    }

    /// Text in its own range (a tag, a mention), as written.
    pub fn range(&mut self, image: &str, kind: RangeKind) {
        let start = self.raw.len();
        self.raw.push_str(image);
        if let RangeKind::Tag { tag } = &kind {
            if !self.tags.contains(tag) {
                self.tags.push(tag.clone());
            }
        }
        self.ranges.push((kind, start, self.raw.len()));
    }

    /// A link: its text in the text, its address in the range.
    pub fn link(&mut self, text: &str, url: &str, blank_after: bool) {
        let start = self.raw.len();
        self.raw.push_str(text);
        self.ranges.push((
            RangeKind::Link {
                url: url.to_owned(),
            },
            start,
            self.raw.len(),
        ));
        if blank_after {
            self.raw.push(' ');
        }
    }

    /// Bold or italic text starts.
    pub fn open(&mut self, bold: bool) {
        let kind = if bold {
            RangeKind::Bold
        } else {
            RangeKind::Italic
        };
        self.open.push(self.ranges.len());
        self.ranges.push((kind, self.raw.len(), self.raw.len()));
    }

    /// The innermost bold or italic text ends.
    pub fn close(&mut self, blank_after: bool) {
        if let Some(index) = self.open.pop() {
            self.ranges[index].2 = self.raw.len();
        }
        if blank_after {
            self.raw.push(' ');
        }
    }

    /// Whether bold or italic text is still open.
    pub fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    /// The text with spaces and line breaks collapsed and trimmed, and its ranges moved along.
    pub fn finish(self) -> Text {
        let mut out = String::with_capacity(self.raw.len());
        let mut map = vec![0; self.raw.len() + 1];
        for (i, c) in self.raw.char_indices() {
            map[i] = out.len();
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
        map[self.raw.len()] = out.len();
        // Only the space a run collapsed into: other white space (a vertical tab, say) is text
        // to Argdown, as it is anywhere else in the line.
        let len = out.trim_end_matches(' ').len();
        out.truncate(len);
        let at = |raw: usize| map.get(raw).copied().unwrap_or(len).min(len);
        let mut ranges: Vec<Range> = self
            .ranges
            .into_iter()
            .map(|(kind, start, end)| {
                let (mut start, mut end) = (at(start), at(end));
                while start < end && out.as_bytes()[start] == b' ' {
                    start += 1;
                }
                while end > start && out.as_bytes()[end - 1] == b' ' {
                    end -= 1;
                }
                Range { kind, start, end }
            })
            // Bold or italic around nothing (`**` read as an italic start and end) marks
            // nothing, and no text could be printed that reads back to it.
            .filter(|r| {
                !(matches!(r.kind, RangeKind::Bold | RangeKind::Italic) && r.start == r.end)
            })
            .collect();
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        Text {
            text: out,
            ranges,
            tags: self.tags,
        }
    }
}
