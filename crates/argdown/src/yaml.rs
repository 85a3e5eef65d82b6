//! The YAML of Argdown's data blocks, as far as Argdown documents use it: flow collections
//! (`{key: value, list: [1, 2], nested: {a: b}}`), plain and quoted scalars resolved as YAML
//! 1.2's core schema resolves them (null, booleans, integers, floats, strings), and, when the
//! opening brace is followed by a line break (Argdown's block format), block mappings and
//! sequences by indentation, with literal (`|`) and folded (`>`) scalars.

use serde_json::{Map, Number, Value};

/// How deep collections may nest.
const MAX_DEPTH: usize = 64;

/// Reads a data token (`{...}`, braces included) as Argdown does: a flow mapping, or, when the
/// brace is followed by a line break, the block YAML between the braces. `None` for an empty
/// block.
pub(super) fn data(image: &str) -> Result<Option<Value>, String> {
    let after = image[1..].trim_start_matches([' ', '\t']);
    if let Some(inner) = after.strip_prefix('\n') {
        let inner = inner.trim_end_matches(|c: char| c.is_whitespace());
        let inner = inner.strip_suffix('}').unwrap_or(inner);
        return block_document(inner);
    }
    let mut parser = Flow {
        s: image,
        pos: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.blank();
    if parser.pos < image.len() {
        return Err(format!(
            "unexpected `{}` after the data",
            parser.rest().chars().next().unwrap_or(' ')
        ));
    }
    Ok(Some(value))
}

/// A plain scalar's value: null, a boolean, a number or the string itself.
fn resolve(plain: &str) -> Value {
    match plain {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => {
            // JSON has no infinities or NaN; JSON.stringify writes null.
            return Value::Null;
        }
        _ => {}
    }
    let unsigned = plain.strip_prefix(['-', '+']).unwrap_or(plain);
    let negative = plain.starts_with('-');
    let radix = |prefix: &str, radix: u32| -> Option<Value> {
        let digits = unsigned.strip_prefix(prefix)?;
        let n = i64::from_str_radix(digits, radix).ok()?;
        Some(Value::from(if negative { -n } else { n }))
    };
    if let Some(v) = radix("0x", 16).or_else(|| radix("0o", 8)) {
        return v;
    }
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = plain.parse::<i64>() {
            return Value::from(n);
        }
    }
    if is_float(unsigned) {
        if let Ok(f) = plain.parse::<f64>() {
            return number(f);
        }
    }
    Value::String(plain.to_owned())
}

/// A float as JavaScript keeps it: integral values are integers.
fn number(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        Value::from(f as i64)
    } else {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(frac) => digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty()),
        None => !int.is_empty() && digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok && (frac.is_some() || exponent.is_some())
}

/// A double-quoted scalar's body (without the quotes), escapes resolved and lines folded.
fn double_quoted(body: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let e = chars.next().ok_or("a quoted string ends in a backslash")?;
                let hex = |chars: &mut std::iter::Peekable<std::str::Chars>, n: usize| {
                    let digits: String = (0..n).filter_map(|_| chars.next()).collect();
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("`\\{e}{digits}` is not a character"))
                };
                match e {
                    '0' => out.push('\0'),
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    't' | '\t' => out.push('\t'),
                    'n' => out.push('\n'),
                    'v' => out.push('\u{b}'),
                    'f' => out.push('\u{c}'),
                    'r' => out.push('\r'),
                    'e' => out.push('\u{1b}'),
                    ' ' => out.push(' '),
                    '"' => out.push('"'),
                    '/' => out.push('/'),
                    '\\' => out.push('\\'),
                    'N' => out.push('\u{85}'),
                    '_' => out.push('\u{a0}'),
                    'L' => out.push('\u{2028}'),
                    'P' => out.push('\u{2029}'),
                    'x' => out.push(hex(&mut chars, 2)?),
                    'u' => out.push(hex(&mut chars, 4)?),
                    'U' => out.push(hex(&mut chars, 8)?),
                    '\n' => {
                        while chars.peek().is_some_and(|c| matches!(c, ' ' | '\t')) {
                            chars.next();
                        }
                    }
                    other => return Err(format!("unknown escape `\\{other}` in a quoted string")),
                }
            }
            '\n' => fold(&mut out, &mut chars),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// A line break inside a flow scalar: one space, or a line break per empty line after it.
fn fold(out: &mut String, chars: &mut std::iter::Peekable<std::str::Chars>) {
    let trimmed = out.trim_end_matches([' ', '\t']).len();
    out.truncate(trimmed);
    let mut breaks = 0;
    loop {
        match chars.peek() {
            Some(' ' | '\t' | '\r') => {
                chars.next();
            }
            Some('\n') => {
                chars.next();
                breaks += 1;
            }
            _ => break,
        }
    }
    if breaks == 0 {
        out.push(' ');
    } else {
        out.extend(std::iter::repeat_n('\n', breaks));
    }
}

/// The flow-collection parser.
struct Flow<'a> {
    s: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Flow<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Skips white space, line breaks and comments.
    fn blank(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
            self.pos += rest.len() - trimmed.len();
            let at_token_start =
                self.pos == 0 || self.s[..self.pos].ends_with([' ', '\t', '\n', '\r']);
            if trimmed.starts_with('#') && at_token_start {
                self.pos += trimmed.find('\n').unwrap_or(trimmed.len());
            } else {
                return;
            }
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        self.blank();
        match self.peek() {
            Some('{') => self.mapping(),
            Some('[') => self.sequence(),
            Some('"') | Some('\'') => self.quoted().map(Value::String),
            Some(_) => Ok(resolve(&self.plain())),
            None => Ok(Value::Null),
        }
    }

    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("data nested more than {MAX_DEPTH} levels deep"));
        }
        self.pos += 1;
        Ok(())
    }

    fn mapping(&mut self) -> Result<Value, String> {
        self.enter()?;
        let mut map = Map::new();
        loop {
            self.blank();
            match self.peek() {
                Some('}') => {
                    self.pos += 1;
                    break;
                }
                None => return Err("a `{` in the data is not closed".into()),
                _ => {}
            }
            let (key, quoted) = match self.peek() {
                Some('"' | '\'') => (self.quoted()?, true),
                Some('{' | '[') => return Err("a key in the data is a collection".into()),
                _ => (self.plain(), false),
            };
            self.blank();
            let value = if self.peek() == Some(':') {
                let after = self.rest()[1..].chars().next();
                if !quoted
                    && after.is_some_and(|c| {
                        !matches!(c, ' ' | '\t' | '\n' | '\r' | ',' | '}' | ']' | '{' | '[')
                    })
                {
                    return Err(format!("`{key}:` needs a space after the colon"));
                }
                self.pos += 1;
                self.blank();
                match self.peek() {
                    Some(',') | Some('}') => Value::Null,
                    _ => self.value()?,
                }
            } else {
                Value::Null
            };
            map.insert(key, value);
            self.blank();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some('}') => {}
                Some(c) => return Err(format!("expected `,` or `}}` in the data, found `{c}`")),
                None => return Err("a `{` in the data is not closed".into()),
            }
        }
        self.depth -= 1;
        Ok(Value::Object(map))
    }

    fn sequence(&mut self) -> Result<Value, String> {
        self.enter()?;
        let mut items = Vec::new();
        loop {
            self.blank();
            match self.peek() {
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                None => return Err("a `[` in the data is not closed".into()),
                _ => {}
            }
            items.push(self.value()?);
            self.blank();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => {}
                Some(c) => return Err(format!("expected `,` or `]` in the data, found `{c}`")),
                None => return Err("a `[` in the data is not closed".into()),
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn quoted(&mut self) -> Result<String, String> {
        let quote = self.peek().unwrap_or('"');
        let body_start = self.pos + 1;
        let bytes = self.s.as_bytes();
        let mut at = body_start;
        loop {
            match bytes.get(at) {
                None => return Err("a quoted string in the data is not closed".into()),
                Some(b'\\') if quote == '"' => at += 2,
                Some(&b) if b == quote as u8 => {
                    if quote == '\'' && bytes.get(at + 1) == Some(&b'\'') {
                        at += 2;
                    } else {
                        break;
                    }
                }
                Some(_) => at += 1,
            }
        }
        let body = self.s.get(body_start..at).ok_or("a broken quoted string")?;
        self.pos = at + 1;
        if quote == '"' {
            double_quoted(body)
        } else {
            let mut out = String::new();
            let unescaped = body.replace("''", "'");
            let mut chars = unescaped.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\n' {
                    fold(&mut out, &mut chars);
                } else {
                    out.push(c);
                }
            }
            Ok(out)
        }
    }

    /// A plain scalar in a flow collection: up to `,`, a bracket, `: ` or ` #`; lines folded.
    fn plain(&mut self) -> String {
        let rest = self.rest();
        let mut end = 0;
        let mut prev = ' ';
        for (i, c) in rest.char_indices() {
            let next = rest[i + c.len_utf8()..].chars().next();
            let stop = match c {
                ',' | '[' | ']' | '{' | '}' => true,
                ':' => next.is_none_or(|n| {
                    matches!(n, ' ' | '\t' | '\n' | '\r' | ',' | '[' | ']' | '{' | '}')
                }),
                '#' => matches!(prev, ' ' | '\t' | '\n'),
                _ => false,
            };
            if stop {
                break;
            }
            end = i + c.len_utf8();
            prev = c;
        }
        self.pos += end;
        let raw = &rest[..end];
        let mut out = String::new();
        for (n, line) in raw.split('\n').map(str::trim).enumerate() {
            if n > 0 && !line.is_empty() && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
        }
        out
    }
}

/// A block YAML document: a mapping, a sequence or one scalar; `None` when empty.
fn block_document(text: &str) -> Result<Option<Value>, String> {
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned())
        .collect();
    let mut block = Block {
        lines,
        at: 0,
        depth: 0,
    };
    block.skip_blank();
    if block.at >= block.lines.len() {
        return Ok(None);
    }
    let indent = block.indent();
    let value = block.node(indent)?;
    block.skip_blank();
    if block.at < block.lines.len() {
        return Err(format!(
            "unexpected indentation in the data at `{}`",
            block.lines[block.at].trim()
        ));
    }
    Ok(Some(value))
}

struct Block {
    lines: Vec<String>,
    at: usize,
    depth: usize,
}

/// Where a comment starts in a block line (` #`), or the line's end.
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (None, '"' | '\'') if matches!(prev, ' ' | '\t' | '[' | '{' | ',' | ':') || i == 0 => {
                quote = Some(c)
            }
            // An escape in double quotes and a doubled single quote leave the string open.
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some('\''), '\'') if chars.peek().is_some_and(|&(_, next)| next == '\'') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (None, '#') if matches!(prev, ' ' | '\t') || i == 0 => return line[..i].trim_end(),
            _ => {}
        }
        prev = c;
    }
    line.trim_end()
}

impl Block {
    fn skip_blank(&mut self) {
        while self
            .lines
            .get(self.at)
            .is_some_and(|l| strip_comment(l).trim().is_empty())
        {
            self.at += 1;
        }
    }

    fn indent(&self) -> usize {
        self.lines
            .get(self.at)
            .map_or(0, |l| l.len() - l.trim_start_matches(' ').len())
    }

    /// The node whose lines start at the current line, indented `indent`.
    fn node(&mut self, indent: usize) -> Result<Value, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("data nested more than {MAX_DEPTH} levels deep"));
        }
        let line = strip_comment(&self.lines[self.at]).trim();
        let value = if line == "-" || line.starts_with("- ") {
            self.sequence(indent)?
        } else if key_value(line).is_some() {
            self.mapping(indent)?
        } else {
            let text = self.scalar_lines(indent);
            scalar(&text)?
        };
        self.depth -= 1;
        Ok(value)
    }

    /// Continuation lines of a plain scalar, folded.
    fn scalar_lines(&mut self, indent: usize) -> String {
        let mut out = strip_comment(&self.lines[self.at]).trim().to_owned();
        self.at += 1;
        while self.at < self.lines.len() {
            let line = self.lines[self.at].clone();
            if line.trim().is_empty() || self.indent() < indent {
                break;
            }
            out.push(' ');
            out.push_str(strip_comment(&line).trim());
            self.at += 1;
        }
        out
    }

    fn sequence(&mut self, indent: usize) -> Result<Value, String> {
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            if self.at >= self.lines.len() || self.indent() != indent {
                break;
            }
            let line = strip_comment(&self.lines[self.at]).trim();
            let Some(item) = line.strip_prefix('-') else {
                break;
            };
            if !(item.is_empty() || item.starts_with(' ')) {
                break;
            }
            let item = item.trim_start();
            if item.is_empty() {
                self.at += 1;
                self.skip_blank();
                if self.at < self.lines.len() && self.indent() > indent {
                    let inner = self.indent();
                    items.push(self.node(inner)?);
                } else {
                    items.push(Value::Null);
                }
            } else if key_value(item).is_some() {
                // `- key: value` starts a mapping indented past the dash.
                let inner = indent + (line.len() - item.len());
                self.lines[self.at] = format!("{}{}", " ".repeat(inner), item);
                items.push(self.mapping(inner)?);
            } else {
                let inner = indent + 2;
                let mut text = item.to_owned();
                self.at += 1;
                while self.at < self.lines.len()
                    && !self.lines[self.at].trim().is_empty()
                    && self.indent() >= inner
                {
                    text.push(' ');
                    text.push_str(strip_comment(&self.lines[self.at]).trim());
                    self.at += 1;
                }
                items.push(scalar(&text)?);
            }
        }
        Ok(Value::Array(items))
    }

    fn mapping(&mut self, indent: usize) -> Result<Value, String> {
        let mut map = Map::new();
        loop {
            self.skip_blank();
            if self.at >= self.lines.len() || self.indent() != indent {
                break;
            }
            let line = strip_comment(&self.lines[self.at]).trim().to_owned();
            let Some((key, rest)) = key_value(&line) else {
                return Err(format!("expected `key: value` in the data, found `{line}`"));
            };
            let key = match key.chars().next() {
                Some('"') => double_quoted(&key[1..key.len() - 1])?,
                Some('\'') => key[1..key.len() - 1].replace("''", "'"),
                _ => key.to_owned(),
            };
            self.at += 1;
            let value = if rest.is_empty() {
                self.skip_blank();
                let nested = self.at < self.lines.len()
                    && (self.indent() > indent
                        || (self.indent() == indent
                            && strip_comment(&self.lines[self.at]).trim().starts_with('-')));
                if nested {
                    let inner = self.indent();
                    self.node(inner)?
                } else {
                    Value::Null
                }
            } else if rest == "|" || rest == ">" || rest.starts_with("|-") || rest.starts_with(">-")
            {
                self.block_scalar(indent, rest)
            } else {
                let mut text = rest.to_owned();
                while self.at < self.lines.len()
                    && !self.lines[self.at].trim().is_empty()
                    && self.indent() > indent
                {
                    text.push(' ');
                    text.push_str(strip_comment(&self.lines[self.at]).trim());
                    self.at += 1;
                }
                scalar(&text)?
            };
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }

    /// `|` (lines kept) or `>` (lines folded); `-` drops the final line break.
    fn block_scalar(&mut self, indent: usize, header: &str) -> Value {
        let mut lines: Vec<&str> = Vec::new();
        let mut inner = None;
        let mut at = self.at;
        while at < self.lines.len() {
            let line = self.lines[at].as_str();
            if line.trim().is_empty() {
                lines.push("");
                at += 1;
                continue;
            }
            let this = line.len() - line.trim_start_matches(' ').len();
            if this <= indent {
                break;
            }
            let inner = *inner.get_or_insert(this);
            lines.push(line.get(inner.min(this)..).unwrap_or(""));
            at += 1;
        }
        while lines.last() == Some(&"") {
            lines.pop();
        }
        let mut text = if header.starts_with('|') {
            lines.join("\n")
        } else {
            let mut out = String::new();
            for (n, line) in lines.iter().enumerate() {
                if n > 0 {
                    out.push(if line.is_empty() || lines[n - 1].is_empty() {
                        '\n'
                    } else {
                        ' '
                    });
                }
                out.push_str(line);
            }
            out
        };
        if !header.ends_with('-') && !text.is_empty() {
            text.push('\n');
        }
        self.at = at;
        Value::String(text)
    }
}

/// `key: value` or `key:`: the key and the rest.
fn key_value(line: &str) -> Option<(&str, &str)> {
    if line.starts_with(['"', '\'']) {
        let quote = line.chars().next()?;
        let close = line[1..].find(quote)? + 1;
        let after = line[close + 1..].trim_start();
        let rest = after.strip_prefix(':')?;
        return (rest.is_empty() || rest.starts_with([' ', '\t']))
            .then(|| (&line[..=close], rest.trim()));
    }
    if line.starts_with(['[', '{', '-', '#']) {
        return None;
    }
    let mut from = 0;
    while let Some(at) = line[from..].find(':') {
        let at = from + at;
        let rest = &line[at + 1..];
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            return Some((line[..at].trim_end(), rest.trim()));
        }
        from = at + 1;
    }
    None
}

/// A scalar or flow collection in block context.
fn scalar(text: &str) -> Result<Value, String> {
    let text = text.trim();
    if text.starts_with(['[', '{', '"', '\'']) {
        let mut parser = Flow {
            s: text,
            pos: 0,
            depth: 0,
        };
        let value = parser.value()?;
        parser.blank();
        if parser.pos < text.len() {
            return Err(format!("unexpected `{}` in the data", &text[parser.pos..]));
        }
        return Ok(value);
    }
    Ok(resolve(text))
}
