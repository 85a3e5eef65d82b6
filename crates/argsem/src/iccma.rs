//! Argumentation frameworks in the formats of the ICCMA competitions, read into a petgraph
//! graph, and extensions printed the way ICCMA solvers print them, so results can be compared
//! with other solvers.
//!
//! - `.apx` (ASPARTIX): `arg(a).` and `att(a,b).` facts, any number on a line, `%` comments.
//! - `.tgf` (trivial graph format): one argument per line (the rest of the line is a label and
//!   ignored), a line `#`, then one `a b` attack per line.
//! - `.af` (ICCMA 2023): `p af N`, then `i j` attacks between arguments `1..=N`; `#` comments.
//!
//! ```
//! use argsem::iccma::{parse, write_extensions, IccmaFormat};
//! use argsem::dung::preferred;
//!
//! let af = parse("demo.af", "p af 3\n1 2\n2 3\n", IccmaFormat::Af)?;
//! assert_eq!(write_extensions(IccmaFormat::Af, &af, &preferred(&af)), "w 1 3\n");
//! # Ok::<_, argsem::iccma::ReadError>(())
//! ```
//!
//! # Hostile input
//! The readers reject, with `FILE:LINE:COLUMN: what is wrong` (one-based, columns in
//! characters), anything that is not a well-formed framework: a missing, repeated or malformed
//! header, an argument number outside `1..=N`, an attack on an undeclared argument, an argument
//! declared twice, an empty name, a file that declares no argument (`.apx`, `.tgf`), invalid
//! UTF-8 ([`parse_bytes`]). Memory stays proportional to the input, with one exception that
//! the `.af` format itself makes: `p af N` declares `N` arguments in a few bytes. Such a header
//! is checked against [`MAX_ARGUMENTS`] before anything is reserved, and the `N` arguments are
//! created only once every attack has been read and checked.

pub use crate::error::ReadError;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;
use std::path::Path;

/// The most arguments a framework may have: 2^24 = 16,777,216, in every format.
///
/// Each argument costs about 64 bytes once read (a petgraph node and its name) and about as
/// much again while it is analysed and printed, so a framework at the limit takes about 2 GB:
/// comfortable on a 2-core, 24 GB machine that also does other work, and 16 times the largest
/// framework this project benchmarks (1,000,000 arguments). petgraph's `u32` indices would allow
/// about 2^32; the limit is what keeps a 16-byte `.af` header (`p af 4000000000`) from asking
/// for hundreds of gigabytes.
pub const MAX_ARGUMENTS: usize = 1 << 24;

/// The longest argument name `.apx` and `.tgf` accept, in bytes. Real names are short; a longer
/// one is a broken file, and would be repeated in every extension printed.
pub const MAX_NAME_BYTES: usize = 4096;

/// The most attacks a framework may have: what petgraph's `u32` edge indices can number.
/// Reaching it takes a file of at least 16 GB.
pub const MAX_ATTACKS: usize = u32::MAX as usize - 1;

/// An ICCMA input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IccmaFormat {
    /// ASPARTIX `arg/att` facts; extensions print as `[a,b]`.
    Apx,
    /// Trivial graph format; extensions print as `[a,b]`.
    Tgf,
    /// ICCMA 2023 `p af N`; extensions print as `w 1 2`.
    Af,
}

impl IccmaFormat {
    /// The format of a file, from its extension (`apx`, `tgf`, `af`).
    ///
    /// # Errors
    /// [`ReadError::UnknownFormat`] for any other extension, or none.
    pub fn from_path(path: &Path) -> Result<Self, ReadError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        match extension.to_ascii_lowercase().as_str() {
            "apx" => Ok(Self::Apx),
            "tgf" => Ok(Self::Tgf),
            "af" | "i23" => Ok(Self::Af),
            other => Err(ReadError::UnknownFormat {
                input: path.display().to_string(),
                format: other.to_owned(),
                expected: "apx, tgf, af",
            }),
        }
    }
}

/// Reads a framework. Node weights are the argument names (`"1"`, `"2"`... for ICCMA 2023), in
/// the order the file declares them. `input` names the file in error messages. A leading byte
/// order mark is skipped.
///
/// # Errors
/// [`ReadError::Syntax`] with the line and column of the first problem (see the module
/// documentation for what is rejected).
///
/// # Complexity
/// `O(size of the input + arguments)` time and memory (`.af` declares its `N` arguments in its
/// header, at most [`MAX_ARGUMENTS`]).
pub fn parse(
    input: &str,
    text: &str,
    format: IccmaFormat,
) -> Result<DiGraph<String, ()>, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let at = Locator { input };
    match format {
        IccmaFormat::Apx => at.apx(text),
        IccmaFormat::Tgf => at.tgf(text),
        IccmaFormat::Af => at.af(text),
    }
}

/// Like [`parse`], from the bytes of a file: invalid UTF-8 is an error at the line and column
/// of the first invalid byte, instead of failing before the reader sees the file.
pub fn parse_bytes(
    input: &str,
    bytes: &[u8],
    format: IccmaFormat,
) -> Result<DiGraph<String, ()>, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(input, text, format),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // The valid prefix is UTF-8, so it splits into lines and characters.
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            // Columns do not count a byte order mark, as `parse` skips it.
            let valid = valid.strip_prefix('\u{feff}').unwrap_or(valid);
            let line = valid.matches('\n').count();
            let column = valid
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .chars()
                .count();
            Err(Locator { input }.error(
                line,
                column,
                format!(
                    "not UTF-8 text: invalid byte 0x{:02X}",
                    bytes[error.valid_up_to()]
                ),
            ))
        }
    }
}

/// Builds errors that name the input, line and column (both given zero-based).
struct Locator<'a> {
    input: &'a str,
}

/// An input word as an error message quotes it: at most 40 characters.
fn shown(word: &str) -> String {
    match word.char_indices().nth(40) {
        Some((end, _)) => format!("{:?}... ({} bytes)", &word[..end], word.len()),
        None => format!("{word:?}"),
    }
}

fn plural(n: u64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// The whitespace-separated fields of a line, each with its zero-based column in characters.
struct Fields<'a> {
    line: &'a str,
    byte: usize,
    column: usize,
}

impl<'a> Fields<'a> {
    fn new(line: &'a str) -> Self {
        Self {
            line,
            byte: 0,
            column: 0,
        }
    }

    /// The next field that is not a comment (a field starting with `#` and the rest of the line).
    fn next_data(&mut self) -> Option<(usize, &'a str)> {
        self.next().filter(|(_, field)| !field.starts_with('#'))
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = &self.line[self.byte..];
        let mut start = None;
        for (i, c) in rest.char_indices() {
            match (start, c.is_whitespace()) {
                (Some((s, column)), true) => {
                    self.byte += i;
                    return Some((column, &rest[s..i]));
                }
                (None, false) => start = Some((i, self.column)),
                _ => {}
            }
            self.column += 1;
        }
        self.byte = self.line.len();
        start.map(|(s, column)| (column, &rest[s..]))
    }
}

/// A position in one line of `.apx`, by bytes and by characters.
struct Cursor<'a> {
    line: &'a str,
    byte: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.line[self.byte..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.byte += c.len_utf8();
        self.column += 1;
        Some(c)
    }

    fn eat(&mut self, expected: char) -> bool {
        let found = self.peek() == Some(expected);
        if found {
            self.bump();
        }
        found
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let start = self.byte;
        while self.peek().is_some_and(&keep) {
            self.bump();
        }
        &self.line[start..self.byte]
    }

    fn skip_whitespace(&mut self) {
        self.take_while(char::is_whitespace);
    }
}

/// Argument names of `.apx` and `.tgf` files, to nodes, with the line that declared each.
struct Names<'t> {
    graph: DiGraph<String, ()>,
    declared: HashMap<&'t str, (NodeIndex, usize)>,
}

impl Locator<'_> {
    fn error(&self, line: usize, column: usize, message: impl Into<String>) -> ReadError {
        ReadError::syntax(
            self.input,
            line as u64 + 1,
            column as u64 + 1,
            message.into(),
        )
    }

    fn declare<'t>(
        &self,
        names: &mut Names<'t>,
        name: &'t str,
        line: usize,
        column: usize,
    ) -> Result<(), ReadError> {
        if name.len() > MAX_NAME_BYTES {
            return Err(self.error(
                line,
                column,
                format!(
                    "argument name of {} bytes, longer than the {MAX_NAME_BYTES} this tool handles",
                    name.len()
                ),
            ));
        }
        if let Some(&(_, first)) = names.declared.get(name) {
            return Err(self.error(
                line,
                column,
                format!(
                    "argument {} is declared twice (first on line {})",
                    shown(name),
                    first + 1
                ),
            ));
        }
        if names.graph.node_count() == MAX_ARGUMENTS {
            return Err(self.error(
                line,
                column,
                format!("more than the {MAX_ARGUMENTS} arguments this tool handles"),
            ));
        }
        let node = names.graph.add_node(name.to_owned());
        names.declared.insert(name, (node, line));
        Ok(())
    }

    fn known(
        &self,
        names: &Names<'_>,
        name: &str,
        line: usize,
        column: usize,
    ) -> Result<NodeIndex, ReadError> {
        match names.declared.get(name) {
            Some(&(node, _)) => Ok(node),
            None => Err(self.error(
                line,
                column,
                format!("attack names undeclared argument {}", shown(name)),
            )),
        }
    }

    fn attack(
        &self,
        graph: &mut DiGraph<String, ()>,
        (a, b): (NodeIndex, NodeIndex),
        line: usize,
    ) -> Result<(), ReadError> {
        if graph.edge_count() == MAX_ATTACKS {
            return Err(self.error(
                line,
                0,
                format!("more than the {MAX_ATTACKS} attacks this tool handles"),
            ));
        }
        graph.add_edge(a, b, ());
        Ok(())
    }

    fn apx(&self, text: &str) -> Result<DiGraph<String, ()>, ReadError> {
        let mut names = Names {
            graph: DiGraph::new(),
            declared: HashMap::new(),
        };
        // Attacks may come before the arguments they name: resolved once all are read.
        let mut attacks = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let mut cursor = Cursor {
                line,
                byte: 0,
                column: 0,
            };
            loop {
                cursor.skip_whitespace();
                if cursor.peek().is_none_or(|c| c == '%') {
                    break;
                }
                let start = cursor.column;
                let predicate = cursor.take_while(|c| c.is_alphanumeric() || c == '_');
                if predicate != "arg" && predicate != "att" {
                    return Err(self.error(number, start, "expected arg(a). or att(a,b)."));
                }
                cursor.skip_whitespace();
                if !cursor.eat('(') {
                    return Err(self.error(
                        number,
                        cursor.column,
                        format!("expected `(` after `{predicate}`"),
                    ));
                }
                let mut terms = Vec::with_capacity(2);
                loop {
                    cursor.skip_whitespace();
                    let column = cursor.column;
                    let term =
                        cursor.take_while(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | ','));
                    if term.is_empty() {
                        return Err(self.error(number, column, "expected an argument name"));
                    }
                    terms.push((column, term));
                    cursor.skip_whitespace();
                    let column = cursor.column;
                    match cursor.bump() {
                        Some(',') => {}
                        Some(')') => break,
                        found => {
                            let found = found.map_or("the end of the line".to_owned(), |c| {
                                format!("{:?}", c.to_string())
                            });
                            return Err(self.error(
                                number,
                                column,
                                format!("expected `,` or `)` after the name, found {found}"),
                            ));
                        }
                    }
                }
                cursor.skip_whitespace();
                if !cursor.eat('.') {
                    return Err(self.error(number, cursor.column, "expected `.` after the fact"));
                }
                match (predicate, terms.as_slice()) {
                    ("arg", &[(column, name)]) => self.declare(&mut names, name, number, column)?,
                    ("arg", _) => {
                        return Err(self.error(number, start, "expected one name in arg(a)."))
                    }
                    (_, &[a, b]) => attacks.push((number, a, b)),
                    _ => return Err(self.error(number, start, "expected two names in att(a,b).")),
                }
            }
        }
        if names.graph.node_count() == 0 {
            return Err(self.error(0, 0, "no argument is declared (no `arg(a).` fact)"));
        }
        for (line, (column_a, a), (column_b, b)) in attacks {
            let pair = (
                self.known(&names, a, line, column_a)?,
                self.known(&names, b, line, column_b)?,
            );
            self.attack(&mut names.graph, pair, line)?;
        }
        Ok(names.graph)
    }

    fn tgf(&self, text: &str) -> Result<DiGraph<String, ()>, ReadError> {
        let mut names = Names {
            graph: DiGraph::new(),
            declared: HashMap::new(),
        };
        let mut in_attacks = false;
        for (number, line) in text.lines().enumerate() {
            let mut fields = Fields::new(line);
            let Some((column, first)) = fields.next() else {
                continue;
            };
            if !in_attacks {
                // An argument, then an optional label that is ignored; `#` ends the arguments.
                if first == "#" {
                    in_attacks = true;
                } else {
                    self.declare(&mut names, first, number, column)?;
                }
                continue;
            }
            let Some((column_b, second)) = fields.next() else {
                return Err(self.error(
                    number,
                    line.chars().count(),
                    format!("expected an attack `a b`, found only {}", shown(first)),
                ));
            };
            if let Some((column, extra)) = fields.next() {
                return Err(self.error(
                    number,
                    column,
                    format!("unexpected {} after the attack `a b`", shown(extra)),
                ));
            }
            let pair = (
                self.known(&names, first, number, column)?,
                self.known(&names, second, number, column_b)?,
            );
            self.attack(&mut names.graph, pair, number)?;
        }
        if names.graph.node_count() == 0 {
            return Err(self.error(0, 0, "no argument is declared (no line before `#`)"));
        }
        Ok(names.graph)
    }

    fn af(&self, text: &str) -> Result<DiGraph<String, ()>, ReadError> {
        // The header's N and line; the attacks, checked against N, before any node exists.
        let mut header: Option<(u32, usize)> = None;
        let mut attacks: Vec<(u32, u32)> = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let mut fields = Fields::new(line);
            let Some((column, first)) = fields.next_data() else {
                continue;
            };
            let Some((n, header_line)) = header else {
                header = Some((self.header(number, line, (column, first), fields)?, number));
                continue;
            };
            if first == "p" {
                return Err(self.error(
                    number,
                    column,
                    format!("a second header (the first is on line {})", header_line + 1),
                ));
            }
            let a = self.argument_number(number, (column, first), n)?;
            let Some(second) = fields.next_data() else {
                return Err(self.error(
                    number,
                    line.chars().count(),
                    format!(
                        "expected a second argument number after {}: an attack is `i j`",
                        shown(first)
                    ),
                ));
            };
            let b = self.argument_number(number, second, n)?;
            if let Some((column, extra)) = fields.next_data() {
                return Err(self.error(
                    number,
                    column,
                    format!("unexpected {} after the attack `i j`", shown(extra)),
                ));
            }
            if attacks.len() == MAX_ATTACKS {
                return Err(self.error(
                    number,
                    0,
                    format!("more than the {MAX_ATTACKS} attacks this tool handles"),
                ));
            }
            attacks.push((a, b));
        }
        let Some((n, _)) = header else {
            return Err(self.error(0, 0, "missing the header `p af N`"));
        };
        let mut graph = DiGraph::with_capacity(n as usize, attacks.len());
        for i in 1..=n {
            graph.add_node(i.to_string());
        }
        for (a, b) in attacks {
            let index = |i: u32| NodeIndex::new(i as usize - 1);
            graph.add_edge(index(a), index(b), ());
        }
        Ok(graph)
    }

    /// `p af N`, with `N` at most [`MAX_ARGUMENTS`].
    fn header(
        &self,
        number: usize,
        line: &str,
        (column, first): (usize, &str),
        mut fields: Fields<'_>,
    ) -> Result<u32, ReadError> {
        let end = line.chars().count();
        if first != "p" {
            return Err(self.error(number, column, "expected the header `p af N`"));
        }
        match fields.next_data() {
            Some((_, "af")) => {}
            Some((column, _)) => {
                return Err(self.error(number, column, "expected the header `p af N`"))
            }
            None => return Err(self.error(number, end, "expected the header `p af N`")),
        }
        let Some((column, n)) = fields.next_data() else {
            return Err(self.error(number, end, "expected the number of arguments after `p af`"));
        };
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(
                number,
                column,
                format!(
                    "expected the number of arguments after `p af`, found {}",
                    shown(n)
                ),
            ));
        }
        let count = match n.parse::<u64>() {
            Ok(count) if count <= MAX_ARGUMENTS as u64 => count as u32,
            _ => {
                return Err(self.error(
                    number,
                    column,
                    format!(
                        "the header declares {} arguments, more than the {MAX_ARGUMENTS} this \
                         tool handles",
                        match n.trim_start_matches('0') {
                            digits if digits.len() <= 40 => digits.to_owned(),
                            digits => format!("a {}-digit number of", digits.len()),
                        }
                    ),
                ))
            }
        };
        if let Some((column, extra)) = fields.next_data() {
            return Err(self.error(
                number,
                column,
                format!("unexpected {} after the header `p af N`", shown(extra)),
            ));
        }
        Ok(count)
    }

    /// An argument number `1..=n` in an attack.
    fn argument_number(
        &self,
        number: usize,
        (column, field): (usize, &str),
        n: u32,
    ) -> Result<u32, ReadError> {
        if n == 0 {
            return Err(self.error(
                number,
                column,
                "an attack, but the header `p af 0` declares no argument",
            ));
        }
        if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(
                number,
                column,
                format!(
                    "expected an argument number from 1 to {n}, found {}",
                    shown(field)
                ),
            ));
        }
        match field.parse::<u64>() {
            Ok(i) if (1..=u64::from(n)).contains(&i) => Ok(i as u32),
            _ => Err(self.error(
                number,
                column,
                format!(
                    "argument {} does not exist: the header declares {}, numbered 1 to {n}",
                    shown(field),
                    plural(u64::from(n), "argument")
                ),
            )),
        }
    }
}

/// One extension as an ICCMA solver prints it: `[a,b]` (apx, tgf) or `w 1 2` (2023).
pub fn write_extension(
    format: IccmaFormat,
    af: &DiGraph<String, ()>,
    extension: &[NodeIndex],
) -> String {
    let names: Vec<&str> = extension.iter().map(|&a| af[a].as_str()).collect();
    match format {
        IccmaFormat::Apx | IccmaFormat::Tgf => format!("[{}]\n", names.join(",")),
        IccmaFormat::Af if names.is_empty() => "w\n".to_owned(),
        IccmaFormat::Af => format!("w {}\n", names.join(" ")),
    }
}

/// Several extensions (enumeration): `[[a],[b]]` for apx and tgf, one `w` line each for 2023.
pub fn write_extensions(
    format: IccmaFormat,
    af: &DiGraph<String, ()>,
    extensions: &[Vec<NodeIndex>],
) -> String {
    match format {
        IccmaFormat::Apx | IccmaFormat::Tgf => {
            let inner: Vec<String> = extensions
                .iter()
                .map(|e| write_extension(format, af, e).trim_end().to_owned())
                .collect();
            format!("[{}]\n", inner.join(","))
        }
        IccmaFormat::Af => extensions
            .iter()
            .map(|e| write_extension(format, af, e))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dung::{grounded, preferred, Label};

    fn grounded_set(af: &DiGraph<String, ()>) -> Vec<NodeIndex> {
        let labels = grounded(af);
        af.node_indices()
            .filter(|a| labels[a.index()] == Label::In)
            .collect()
    }

    #[test]
    fn the_three_formats_read_the_same_framework() {
        let apx = parse(
            "f.apx",
            "arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\n",
            IccmaFormat::Apx,
        )
        .unwrap();
        let tgf = parse("f.tgf", "a\nb\nc\n#\na b\nb c\n", IccmaFormat::Tgf).unwrap();
        let af = parse("f.af", "p af 3\n# a chain\n1 2\n2 3\n", IccmaFormat::Af).unwrap();
        assert_eq!(
            write_extension(IccmaFormat::Apx, &apx, &grounded_set(&apx)),
            "[a,c]\n"
        );
        assert_eq!(
            write_extension(IccmaFormat::Tgf, &tgf, &grounded_set(&tgf)),
            "[a,c]\n"
        );
        assert_eq!(
            write_extension(IccmaFormat::Af, &af, &grounded_set(&af)),
            "w 1 3\n"
        );
    }

    #[test]
    fn layout_variants_read_alike() {
        let spaced = parse(
            "f.apx",
            "\u{feff}arg( a ). arg(b) .  % two facts\r\n att(a , b).att(b,a).\n",
            IccmaFormat::Apx,
        )
        .unwrap();
        assert_eq!(
            write_extensions(IccmaFormat::Apx, &spaced, &preferred(&spaced)),
            "[[a],[b]]\n"
        );
        let labelled = parse(
            "f.tgf",
            "a first\nb second\n# attacks\na b\n",
            IccmaFormat::Tgf,
        )
        .unwrap();
        assert_eq!(labelled.node_count(), 2);
        assert_eq!(labelled.edge_count(), 1);
        let af = parse(
            "f.af",
            "# before\np af 3 # three\n\n1 2 # one\n",
            IccmaFormat::Af,
        )
        .unwrap();
        assert_eq!((af.node_count(), af.edge_count()), (3, 1));
        let empty = parse("f.af", "p af 0\n", IccmaFormat::Af).unwrap();
        assert_eq!(empty.node_count(), 0);
        let isolated = parse("f.tgf", "a\n", IccmaFormat::Tgf).unwrap();
        assert_eq!(isolated.node_count(), 1);
    }

    #[test]
    fn preferred_enumeration_prints_in_each_style() {
        let apx = parse(
            "f.apx",
            "arg(a).\narg(b).\natt(a,b).\natt(b,a).\n",
            IccmaFormat::Apx,
        )
        .unwrap();
        assert_eq!(
            write_extensions(IccmaFormat::Apx, &apx, &preferred(&apx)),
            "[[a],[b]]\n"
        );
        let af = parse("f.af", "p af 2\n1 2\n2 1\n", IccmaFormat::Af).unwrap();
        assert_eq!(
            write_extensions(IccmaFormat::Af, &af, &preferred(&af)),
            "w 1\nw 2\n"
        );
    }

    fn error(format: IccmaFormat, text: &str) -> String {
        let name = match format {
            IccmaFormat::Apx => "f.apx",
            IccmaFormat::Tgf => "f.tgf",
            IccmaFormat::Af => "f.af",
        };
        parse(name, text, format).unwrap_err().to_string()
    }

    #[test]
    fn errors_say_where_and_what() {
        use IccmaFormat::{Af, Apx, Tgf};
        let cases: &[(IccmaFormat, &str, &str)] = &[
            (Apx, "arg(a).\natt(a,z).\n", "f.apx:2:7: attack names undeclared argument \"z\""),
            (Apx, "arg(a).\nfoo(b).\n", "f.apx:2:1: expected arg(a). or att(a,b)."),
            (Apx, "arg(a).\narg(b).\narg(a).\n", "f.apx:3:5: argument \"a\" is declared twice (first on line 1)"),
            (Apx, "arg().\n", "f.apx:1:5: expected an argument name"),
            (Apx, "arg(a)\n", "f.apx:1:7: expected `.` after the fact"),
            (Apx, "arg(a b).\n", "f.apx:1:7: expected `,` or `)` after the name, found \"b\""),
            (Apx, "arg(a\n", "f.apx:1:6: expected `,` or `)` after the name, found the end of the line"),
            (Apx, "arg(a,b).\n", "f.apx:1:1: expected one name in arg(a)."),
            (Apx, "arg(a).\natt(a).\n", "f.apx:2:1: expected two names in att(a,b)."),
            (Apx, "arg a.\n", "f.apx:1:5: expected `(` after `arg`"),
            (Apx, "", "f.apx:1:1: no argument is declared (no `arg(a).` fact)"),
            (Apx, "% only a comment\n", "f.apx:1:1: no argument is declared (no `arg(a).` fact)"),
            (Tgf, "", "f.tgf:1:1: no argument is declared (no line before `#`)"),
            (Tgf, "a\n#\na\n", "f.tgf:3:2: expected an attack `a b`, found only \"a\""),
            (Tgf, "a\n#\na a a\n", "f.tgf:3:5: unexpected \"a\" after the attack `a b`"),
            (Tgf, "a\n#\na  z\n", "f.tgf:3:4: attack names undeclared argument \"z\""),
            (Tgf, "a\nb\n a\n", "f.tgf:3:2: argument \"a\" is declared twice (first on line 1)"),
            (Af, "", "f.af:1:1: missing the header `p af N`"),
            (Af, "1 2\n", "f.af:1:1: expected the header `p af N`"),
            (Af, "p cnf 2\n", "f.af:1:3: expected the header `p af N`"),
            (Af, "p af\n", "f.af:1:5: expected the number of arguments after `p af`"),
            (Af, "p af -1\n", "f.af:1:6: expected the number of arguments after `p af`, found \"-1\""),
            (Af, "p af 2 3\n", "f.af:1:8: unexpected \"3\" after the header `p af N`"),
            (Af, "p af 4000000000", "f.af:1:6: the header declares 4000000000 arguments, more than the 16777216 this tool handles"),
            (Af, "p af 99999999999999999999999999", "f.af:1:6: the header declares 99999999999999999999999999 arguments, more than the 16777216 this tool handles"),
            (Af, "p af 2\n1 3\n", "f.af:2:3: argument \"3\" does not exist: the header declares 2 arguments, numbered 1 to 2"),
            (Af, "p af 2\n0 1\n", "f.af:2:1: argument \"0\" does not exist: the header declares 2 arguments, numbered 1 to 2"),
            (Af, "p af 2\n1 x\n", "f.af:2:3: expected an argument number from 1 to 2, found \"x\""),
            (Af, "p af 2\n1\n", "f.af:2:2: expected a second argument number after \"1\": an attack is `i j`"),
            (Af, "p af 2\n1 2 2\n", "f.af:2:5: unexpected \"2\" after the attack `i j`"),
            (Af, "p af 2\np af 2\n", "f.af:2:1: a second header (the first is on line 1)"),
            (Af, "p af 0\n1 1\n", "f.af:2:1: an attack, but the header `p af 0` declares no argument"),
        ];
        for &(format, text, expected) in cases {
            assert_eq!(error(format, text), expected, "{text:?}");
        }
    }

    #[test]
    fn hostile_sizes_are_refused_without_reserving_memory() {
        let name = "n".repeat(MAX_NAME_BYTES + 1);
        assert_eq!(
            error(IccmaFormat::Tgf, &format!("{name}\n")),
            "f.tgf:1:1: argument name of 4097 bytes, longer than the 4096 this tool handles"
        );
        assert_eq!(
            error(IccmaFormat::Apx, &format!("arg(a).\natt(a,{name}).\n")),
            format!(
                "f.apx:2:7: attack names undeclared argument \"{}\"... (4097 bytes)",
                "n".repeat(40)
            )
        );
        let digits = "9".repeat(100);
        assert_eq!(
            error(IccmaFormat::Af, &format!("p af {digits}\n")),
            "f.af:1:6: the header declares a 100-digit number of arguments, more than the \
             16777216 this tool handles"
        );
        // At the limit the header is accepted, but a bad attack fails before any node exists.
        assert_eq!(
            error(IccmaFormat::Af, &format!("p af {MAX_ARGUMENTS}\n1 0\n")),
            "f.af:2:3: argument \"0\" does not exist: the header declares 16777216 arguments, \
             numbered 1 to 16777216"
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = parse_bytes("f.tgf", b"a\nb\xffc\n", IccmaFormat::Tgf).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.tgf:2:2: not UTF-8 text: invalid byte 0xFF"
        );
        let err = parse_bytes("f.tgf", b"\xef\xbb\xbfa\xff", IccmaFormat::Tgf).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.tgf:1:2: not UTF-8 text: invalid byte 0xFF"
        );
        let err = parse_bytes("f.af", b"\xc3", IccmaFormat::Af).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.af:1:1: not UTF-8 text: invalid byte 0xC3"
        );
        let ok = parse_bytes("f.apx", "arg(é).".as_bytes(), IccmaFormat::Apx).unwrap();
        assert_eq!(ok[NodeIndex::new(0)], "é");
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(
            error(IccmaFormat::Apx, "arg(é). att(é,ü).\n"),
            "f.apx:1:15: attack names undeclared argument \"ü\""
        );
    }
}
