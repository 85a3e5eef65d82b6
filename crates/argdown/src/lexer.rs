//! Argdown's lexer, rule for rule: the same tokens, tried in the same order (the first that
//! matches wins), with the same context rules (relations, headings and numbers only at the start
//! of a line, indentation turned into indent and dedent tokens, bold and italic ends only where
//! a start is open). Patterns are matched by hand, as the JavaScript regular expressions of
//! Argdown's `lexer.ts` match.

use super::ParseError;

/// The kinds of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    FrontMatter,
    Data,
    EscapedChar,
    SpecialChar,
    Emptyline,
    Newline,
    Indent,
    Dedent,
    InferenceStart,
    InferenceEnd,
    ListDelimiter,
    /// `+>`: the parent supports the child.
    IncomingSupport,
    /// `->`
    IncomingAttack,
    /// `+` or `<+`: the child supports the parent.
    OutgoingSupport,
    /// `-` or `<-`
    OutgoingAttack,
    /// `><`
    Contradiction,
    /// `_>`
    IncomingUndercut,
    /// `_` or `<_`
    OutgoingUndercut,
    HeadingStart,
    StatementNumber,
    OrderedListItem,
    UnorderedListItem,
    Start(Emphasis),
    End(Emphasis),
    Link,
    Tag,
    StatementDefinition,
    StatementReference,
    StatementMention,
    ArgumentDefinition,
    ArgumentReference,
    ArgumentMention,
    Freestyle,
    UnusedControlChar,
}

/// Bold and italic, each written with asterisks or underscores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Emphasis {
    AsteriskBold,
    UnderscoreBold,
    AsteriskItalic,
    UnderscoreItalic,
}

impl Emphasis {
    fn marker(self) -> &'static str {
        match self {
            Emphasis::AsteriskBold => "**",
            Emphasis::UnderscoreBold => "__",
            Emphasis::AsteriskItalic => "*",
            Emphasis::UnderscoreItalic => "_",
        }
    }

    pub(super) fn is_bold(self) -> bool {
        matches!(self, Emphasis::AsteriskBold | Emphasis::UnderscoreBold)
    }
}

/// A token: its kind and its bytes in the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Default,
    Inference,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    tokens: Vec<Token>,
    indents: Vec<usize>,
    emphasis: Vec<Emphasis>,
    mode: Mode,
    /// Where the last skipped token (spaces, a comment) ends.
    last_skipped_end: Option<usize>,
}

/// Splits `src` into tokens, or says where a character fits no token.
pub(super) fn tokenize(src: &str) -> Result<Vec<Token>, ParseError> {
    let mut lexer = Lexer {
        src,
        pos: 0,
        tokens: Vec::new(),
        indents: vec![0],
        emphasis: Vec::new(),
        mode: Mode::Default,
        last_skipped_end: None,
    };
    while lexer.pos < src.len() {
        if !lexer.step() {
            let (line, column) = position(src, lexer.pos);
            let message = if src[lexer.pos..].starts_with('\\') {
                "a backslash must be followed by the character it escapes, on the same line"
            } else {
                "this character starts no Argdown token"
            };
            return Err(ParseError::new(line, column, message));
        }
    }
    if lexer.last_is(Kind::Emptyline) {
        lexer.tokens.pop();
    }
    lexer.emit_remaining_dedents();
    Ok(lexer.tokens)
}

/// The 1-based line and column (in characters) of a byte offset.
pub(super) fn position(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..offset];
    let mut line = 1;
    let mut line_start = 0;
    let bytes = before.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (line, before[line_start..].chars().count() + 1)
}

/// JavaScript's `\s`.
pub(super) fn js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// What JavaScript's `.` does not match.
fn line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Characters `[' '\t]`: Argdown's indentation (the quote is in its character class).
fn indentation(s: &str) -> usize {
    s.bytes()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\''))
        .count()
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

/// `\d+` at the start of `s`: its length.
fn digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// `open .+? close`: the shortest run of at least one character, not across lines, closed by
/// `close`; the length up to and including `close`.
fn lazy_until(s: &str, open: &str, close: &str) -> Option<usize> {
    let body = s.strip_prefix(open)?;
    let first = first_char(body)?;
    if line_terminator(first) {
        return None;
    }
    let mut at = first.len_utf8();
    loop {
        if body[at..].starts_with(close) {
            return Some(open.len() + at + close.len());
        }
        let c = first_char(&body[at..])?;
        if line_terminator(c) {
            return None;
        }
        at += c.len_utf8();
    }
}

/// `open [^-] .*? close`: as [`lazy_until`], but the first character may be anything but `-`,
/// a line break included.
fn reference(s: &str, open: &str, close: &str) -> Option<usize> {
    let body = s.strip_prefix(open)?;
    let first = first_char(body)?;
    if first == '-' {
        return None;
    }
    let mut at = first.len_utf8();
    loop {
        if body[at..].starts_with(close) {
            return Some(open.len() + at + close.len());
        }
        let c = first_char(&body[at..])?;
        if line_terminator(c) {
            return None;
        }
        at += c.len_utf8();
    }
}

/// `[ \t]?` after `len` bytes.
fn optional_blank(s: &str, len: usize) -> usize {
    match s.as_bytes().get(len) {
        Some(b' ' | b'\t') => len + 1,
        _ => len,
    }
}

/// A line break at the start of `s` (`\r\n`, `\n` or `\r`): its length.
fn line_break(s: &str) -> Option<usize> {
    if s.starts_with("\r\n") {
        Some(2)
    } else if s.starts_with('\n') || s.starts_with('\r') {
        Some(1)
    } else {
        None
    }
}

/// `[ \t]*` then a line break: the length.
fn blanks_then_break(s: &str) -> Option<usize> {
    let blanks = s.bytes().take_while(|b| matches!(b, b' ' | b'\t')).count();
    line_break(&s[blanks..]).map(|n| blanks + n)
}

/// A comment at the start of `s`, without what follows it: its length.
fn comment(s: &str) -> Option<usize> {
    let (body_start, close) = if s.starts_with("<!--") {
        (4, "-->")
    } else if s.starts_with("/*") {
        (2, "*/")
    } else if let Some(rest) = s.strip_prefix("//") {
        let end = rest.find(['\n', '\r'])?;
        if rest[..end].contains(['\u{2028}', '\u{2029}']) {
            return None;
        }
        return Some(2 + end);
    } else {
        return None;
    };
    let end = s[body_start..].find(close)?;
    if s[body_start..body_start + end].contains(['\u{2028}', '\u{2029}']) {
        return None;
    }
    Some(body_start + end + close.len())
}

/// `.name.` or `:name:`: the length.
pub(super) fn special_char(s: &str) -> Option<usize> {
    let delimiter = first_char(s).filter(|c| matches!(c, '.' | ':'))?;
    let body = &s[1..];
    let first = first_char(body).filter(|c| !js_space(*c))?;
    let mut at = first.len_utf8();
    loop {
        let c = first_char(&body[at..])?;
        if c == delimiter {
            return Some(optional_blank(s, 1 + at + 1));
        }
        if js_space(c) {
            return None;
        }
        at += c.len_utf8();
    }
}

/// `{((?!}\s[^,}])(.|\n))*}(?!\s*(,|}))`: a data block, its length.
fn data(s: &str) -> Option<usize> {
    if !s.starts_with('{') {
        return None;
    }
    // The star runs up to the first place where `}\s[^,}]` starts or a character other than
    // `\n` that `.` does not match stands; the block ends at the last `}` it may reach that is
    // not followed by `\s*[,}]`.
    let mut limit = 1;
    loop {
        let rest = &s[limit..];
        let Some(c) = first_char(rest) else { break };
        if c == '}' {
            let mut after = rest[1..].chars();
            if let (Some(space), Some(next)) = (after.next(), after.next()) {
                if js_space(space) && next != ',' && next != '}' {
                    break;
                }
            }
        }
        if c != '\n' && line_terminator(c) {
            break;
        }
        limit += c.len_utf8();
    }
    let mut candidates: Vec<usize> = s
        .char_indices()
        .skip(1)
        .take_while(|&(i, _)| i <= limit)
        .filter(|&(_, c)| c == '}')
        .map(|(i, _)| i)
        .collect();
    while let Some(close) = candidates.pop() {
        let after = s[close + 1..].trim_start_matches(js_space);
        if !(after.starts_with(',') || after.starts_with('}')) {
            return Some(close + 1);
        }
    }
    None
}

/// `===+[\s\S]*?===+`: a front matter, its length.
fn front_matter(s: &str) -> Option<usize> {
    let run = s.bytes().take_while(|&b| b == b'=').count();
    if run < 3 {
        return None;
    }
    for first in (3..=run).rev() {
        if let Some(close) = s[first..].find("===") {
            let close = first + close;
            let end = close + s[close..].bytes().take_while(|&b| b == b'=').count();
            return Some(end);
        }
    }
    None
}

/// A tag: `#name` or `#(words)`, with one blank after it.
fn tag(s: &str) -> Option<usize> {
    let body = s.strip_prefix('#')?;
    if let Some(inner) = body.strip_prefix('(') {
        if let Some(close) = inner.find(')') {
            if close > 0 {
                return Some(optional_blank(s, 2 + close + 1));
            }
        }
    }
    let len: usize = body
        .chars()
        .take_while(|&c| tag_char(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| optional_blank(s, 1 + len))
}

/// `[a-zA-z0-9-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]` (`A-z` takes in `[\]^_` and the
/// backquote, as in Argdown).
pub(super) fn tag_char(c: char) -> bool {
    matches!(c, 'A'..='z' | '0'..='9' | '-' | '\u{a0}'..='\u{d7ff}' | '\u{f900}'..='\u{fdcf}' | '\u{fdf0}'..='\u{ffef}')
}

/// `[text](url)` with one blank after it.
fn link(s: &str) -> Option<usize> {
    let body = s.strip_prefix('[')?;
    let close = body.find(']')?;
    if close == 0 {
        return None;
    }
    let url = body[close + 1..].strip_prefix('(')?;
    let end = url.find(')')?;
    if end == 0 {
        return None;
    }
    Some(optional_blank(s, 1 + close + 2 + end + 1))
}

/// The characters that end free text.
fn control(c: char) -> bool {
    matches!(
        c,
        '\\' | '@'
            | '#'
            | '*'
            | '_'
            | '['
            | ']'
            | ','
            | '.'
            | ':'
            | ';'
            | '<'
            | '/'
            | '>'
            | '-'
            | '\r'
            | '\n'
            | '('
            | ')'
            | '{'
            | '}'
    )
}

/// What may follow the end of bold or italic text.
fn may_follow_emphasis(rest: &str) -> bool {
    match first_char(rest) {
        None => true,
        Some(c) => matches!(
            c,
            ' ' | '\t'
                | '\n'
                | '\r'
                | ')'
                | '}'
                | '_'
                | '.'
                | ','
                | '!'
                | '?'
                | ';'
                | ':'
                | '-'
                | '*'
        ),
    }
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn last_is(&self, kind: Kind) -> bool {
        self.tokens.last().is_some_and(|t| t.kind == kind)
    }

    /// At the start of the document or of a line.
    fn at_line_start(&self) -> bool {
        self.tokens.is_empty() || self.last_is(Kind::Newline) || self.last_is(Kind::Emptyline)
    }

    fn push(&mut self, kind: Kind, len: usize) {
        self.tokens.push(Token {
            kind,
            start: self.pos,
            end: self.pos + len,
        });
        self.pos += len;
    }

    fn skip(&mut self, len: usize) {
        self.pos += len;
        self.last_skipped_end = Some(self.pos);
    }

    fn virtual_token(&mut self, kind: Kind) {
        self.tokens.push(Token {
            kind,
            start: self.pos,
            end: self.pos,
        });
    }

    fn emit_remaining_dedents(&mut self) {
        while self.indents.len() > 1 {
            self.indents.pop();
            self.virtual_token(Kind::Dedent);
        }
    }

    fn emit_indent_or_dedent(&mut self, level: usize) {
        let last = *self.indents.last().unwrap_or(&0);
        if level > last {
            self.indents.push(level);
            self.virtual_token(Kind::Indent);
        } else if level < last {
            while self.indents.len() > 1 && level < *self.indents.last().unwrap_or(&0) {
                self.indents.pop();
                self.virtual_token(Kind::Dedent);
            }
        }
    }

    /// Matches one token (or skips spaces or a comment); false when nothing matches.
    fn step(&mut self) -> bool {
        if let Some(len) = self.comment() {
            self.skip(len);
            return true;
        }
        if self.mode == Mode::Inference {
            return self.step_inference();
        }
        let rest = self.rest();
        if let Some(len) = front_matter(rest) {
            self.push(Kind::FrontMatter, len);
            return true;
        }
        if let Some(len) = data(rest) {
            self.push(Kind::Data, len);
            return true;
        }
        if let Some(len) = escaped_char(rest) {
            self.push(Kind::EscapedChar, len);
            return true;
        }
        if let Some(len) = special_char(rest) {
            self.push(Kind::SpecialChar, len);
            return true;
        }
        if let Some(len) = self.emptyline() {
            if len < rest.len() {
                self.emit_remaining_dedents();
            }
            self.push(Kind::Emptyline, len);
            return true;
        }
        if let Some(len) = blanks_then_break(rest) {
            self.push(Kind::Newline, len);
            return true;
        }
        if self.tokens.is_empty() || self.last_is(Kind::Newline) {
            let indent = indentation(rest);
            if rest[indent..].starts_with("--") {
                self.emit_remaining_dedents();
                self.push(Kind::InferenceStart, indent + 2);
                self.mode = Mode::Inference;
                return true;
            }
        }
        if let Some((kind, indent, len)) = self.relation() {
            self.emit_indent_or_dedent(indent);
            self.push(kind, len);
            return true;
        }
        let rest = self.rest();
        if self.at_line_start() {
            let hashes = rest.bytes().take_while(|&b| b == b'#').count();
            if hashes > 0 && rest.as_bytes().get(hashes) == Some(&b' ') {
                self.push(Kind::HeadingStart, hashes + 1);
                return true;
            }
            let indent = indentation(rest);
            let after = &rest[indent..];
            if let Some(number) = after.strip_prefix('(') {
                let n = digits(number);
                if n > 0 && number[n..].starts_with(')') {
                    self.emit_remaining_dedents();
                    self.push(Kind::StatementNumber, indent + n + 2);
                    return true;
                }
            }
            let n = digits(after);
            if n > 0
                && after[n..].starts_with('.')
                && first_char(&after[n + 1..]).is_some_and(js_space)
            {
                self.emit_indent_or_dedent(indent + 1);
                self.push(Kind::OrderedListItem, indent + n + 1);
                return true;
            }
            if after.starts_with('*') && first_char(&after[1..]).is_some_and(js_space) {
                self.emit_indent_or_dedent(indent + 1);
                self.push(Kind::UnorderedListItem, indent + 1);
                return true;
            }
        }
        if let Some((kind, len)) = self.emphasis() {
            self.push(kind, len);
            return true;
        }
        let rest = self.rest();
        type Matcher = fn(&str) -> Option<usize>;
        let matchers: [(Kind, Matcher); 7] = [
            (Kind::Link, link),
            (Kind::Tag, tag),
            (Kind::StatementDefinition, |s| lazy_until(s, "[", "]:")),
            (Kind::StatementReference, |s| reference(s, "[", "]")),
            (Kind::StatementMention, |s| {
                lazy_until(s, "@[", "]").map(|n| optional_blank(s, n))
            }),
            (Kind::ArgumentDefinition, |s| lazy_until(s, "<", ">:")),
            (Kind::ArgumentReference, |s| reference(s, "<", ">")),
        ];
        for (kind, matcher) in matchers {
            if let Some(len) = matcher(rest) {
                self.push(kind, len);
                return true;
            }
        }
        if let Some(len) = lazy_until(rest, "@<", ">").map(|n| optional_blank(rest, n)) {
            self.push(Kind::ArgumentMention, len);
            return true;
        }
        self.text()
    }

    fn step_inference(&mut self) -> bool {
        let rest = self.rest();
        if let Some(len) = blanks_then_break(rest) {
            self.push(Kind::Newline, len);
        } else if let Some(len) = escaped_char(rest) {
            self.push(Kind::EscapedChar, len);
        } else if let Some(len) = special_char(rest) {
            self.push(Kind::SpecialChar, len);
        } else if rest.starts_with("--") {
            let len = rest.bytes().take_while(|&b| b == b'-').count();
            self.push(Kind::InferenceEnd, len);
            self.mode = Mode::Default;
        } else if let Some(len) = data(rest) {
            self.push(Kind::Data, len);
        } else if rest.starts_with(',') {
            self.push(Kind::ListDelimiter, 1);
        } else {
            return self.text();
        }
        true
    }

    /// Spaces (skipped), free text, or a control character that starts nothing else.
    fn text(&mut self) -> bool {
        let rest = self.rest();
        let blanks = rest
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        if blanks > 0 {
            self.skip(blanks);
            return true;
        }
        let free: usize = rest
            .chars()
            .take_while(|&c| !control(c))
            .map(char::len_utf8)
            .sum();
        if free > 0 {
            self.push(Kind::Freestyle, free);
            return true;
        }
        match first_char(rest) {
            Some(c) if control(c) && !matches!(c, '\\' | '\r' | '\n') => {
                self.push(Kind::UnusedControlChar, optional_blank(rest, 1));
                true
            }
            _ => false,
        }
    }

    fn comment(&self) -> Option<usize> {
        let rest = self.rest();
        let len = comment(rest)?;
        let mut end = len;
        if self.last_is(Kind::Emptyline) {
            // `(?:[ \t]*\r\n|\n|\r)*`
            loop {
                let after = &rest[end..];
                let blanks = after
                    .bytes()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                if after[blanks..].starts_with("\r\n") {
                    end += blanks + 2;
                } else if after.starts_with('\n') || after.starts_with('\r') {
                    end += 1;
                } else {
                    break;
                }
            }
        } else if self.last_is(Kind::Newline) {
            // One line break, unless the next line is blank.
            if let Some(n) = blanks_then_break(&rest[end..]) {
                if blanks_then_break(&rest[end + n..]).is_none() {
                    end += n;
                }
            }
        }
        Some(end)
    }

    fn emptyline(&self) -> Option<usize> {
        if self.last_is(Kind::Emptyline) {
            return None;
        }
        let rest = self.rest();
        let mut len = 0;
        let mut lines = 0;
        loop {
            let after = &rest[len..];
            let blanks = after
                .bytes()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count();
            let n = if after[blanks..].starts_with("\r\n") {
                2
            } else if after[blanks..].starts_with('\n') {
                1
            } else {
                break;
            };
            len += blanks + n;
            lines += 1;
        }
        (lines >= 2).then_some(len)
    }

    /// A relation symbol at the start of a line: its kind, indentation and length.
    fn relation(&mut self) -> Option<(Kind, usize, usize)> {
        if !self.at_line_start() {
            return None;
        }
        let rest = self.rest();
        let indent = indentation(rest);
        let after = &rest[indent..];
        let symbols: [(&str, Kind); 10] = [
            ("+>", Kind::IncomingSupport),
            ("->", Kind::IncomingAttack),
            ("<+", Kind::OutgoingSupport),
            ("+", Kind::OutgoingSupport),
            ("<-", Kind::OutgoingAttack),
            ("-", Kind::OutgoingAttack),
            ("><", Kind::Contradiction),
            ("_>", Kind::IncomingUndercut),
            ("<_", Kind::OutgoingUndercut),
            ("_", Kind::OutgoingUndercut),
        ];
        for (symbol, kind) in symbols {
            if !after.starts_with(symbol) {
                continue;
            }
            // A lone `_` is an undercut only before a space.
            if symbol == "_" && !first_char(&after[1..]).is_some_and(js_space) {
                continue;
            }
            return Some((kind, indent, indent + symbol.len()));
        }
        None
    }

    /// The end or the start of bold or italic text.
    fn emphasis(&mut self) -> Option<(Kind, usize)> {
        let rest = self.rest();
        let order = [
            Emphasis::AsteriskBold,
            Emphasis::UnderscoreBold,
            Emphasis::AsteriskItalic,
            Emphasis::UnderscoreItalic,
        ];
        let open = self.emphasis.last().copied();
        let after_skipped = match (self.tokens.last(), self.last_skipped_end) {
            (None, _) => true,
            (Some(last), Some(skipped)) => skipped > last.end,
            (Some(_), None) => false,
        };
        for emphasis in order {
            let marker = emphasis.marker();
            if open == Some(emphasis)
                && !after_skipped
                && rest.starts_with(marker)
                && may_follow_emphasis(&rest[marker.len()..])
            {
                self.emphasis.pop();
                return Some((Kind::End(emphasis), optional_blank(rest, marker.len())));
            }
        }
        for emphasis in order {
            let marker = emphasis.marker();
            if rest.starts_with(marker) && !first_char(&rest[marker.len()..]).is_some_and(js_space)
            {
                self.emphasis.push(emphasis);
                return Some((Kind::Start(emphasis), marker.len()));
            }
        }
        None
    }
}

/// `\\.(?: )*`
fn escaped_char(s: &str) -> Option<usize> {
    let body = s.strip_prefix('\\')?;
    let c = first_char(body).filter(|c| !line_terminator(*c))?;
    let spaces = body[c.len_utf8()..]
        .bytes()
        .take_while(|&b| b == b' ')
        .count();
    Some(1 + c.len_utf8() + spaces)
}
