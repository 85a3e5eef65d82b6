//! The reader: one pass over the lines, then the links checked against the whole tree.

use crate::{Content, Discussion, Location, Node, ParseError, Path, Stance};
use std::collections::HashMap;

const TITLE: &str = "Discussion Title:";
const LINK: &str = "-> See ";

/// Reads a Kialo export; the text may start with a byte-order mark and use any line breaks.
///
/// # Complexity
///
/// O(n) in the length of the text (positions are found in a hash map).
pub fn parse(text: &str) -> Result<Discussion, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = lines(text);
    let first = lines[0];
    let Some(title) = first.strip_prefix(TITLE) else {
        return Err(ParseError::new(
            at(1, 1),
            "a Kialo export starts with `Discussion Title:`",
        ));
    };
    let title = unescape(title.trim());
    if title.is_empty() {
        return Err(ParseError::new(
            at(1, first.chars().count() + 1),
            "the discussion has no title",
        ));
    }
    let mut reader = Reader {
        nodes: Vec::new(),
        seen: HashMap::new(),
        current: None,
        theses_under: HashMap::new(),
        links: Vec::new(),
    };
    let mut sources = Vec::new();
    let mut in_sources = false;
    for (index, line) in lines.iter().enumerate().skip(1) {
        let number = index + 1;
        let line = line.trim_end();
        if in_sources {
            if !line.trim().is_empty() {
                sources.push(line.trim().to_owned());
            }
        } else if let Some((path, body_column)) = node_start(line, number)? {
            reader.finish()?;
            reader.start(path, line, number, body_column)?;
        } else if line == "Sources:" && reader.current.is_some() {
            reader.finish()?;
            in_sources = true;
        } else if let Some(current) = &mut reader.current {
            current.lines.push(line.to_owned());
        } else if !line.trim().is_empty() {
            return Err(ParseError::new(
                at(number, 1),
                "text before the first numbered claim (a claim starts `1.`)",
            ));
        }
    }
    reader.finish()?;
    if reader.nodes.is_empty() {
        let last = lines.len();
        return Err(ParseError::new(
            at(last, lines[last - 1].chars().count() + 1),
            "the discussion has no numbered claim (a thesis starts `1.`)",
        ));
    }
    reader.check_links()?;
    Ok(Discussion {
        title,
        nodes: reader.nodes,
        sources,
    })
}

fn at(line: usize, column: usize) -> Location {
    Location { line, column }
}

/// The lines, split at `\n`, `\r\n` or `\r`, without their breaks.
pub(crate) fn lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(&text[start..]);
    lines
}

/// The position a line starts with, and the column where its text starts; `None` when the
/// line does not start with numbers each followed by a dot, then a space or the end.
fn node_start(line: &str, number: usize) -> Result<Option<(Path, usize)>, ParseError> {
    let bytes = line.as_bytes();
    let mut end = 0;
    let mut segments = 0;
    loop {
        let digits = bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || bytes.get(end + digits) != Some(&b'.') {
            break;
        }
        end += digits + 1;
        segments += 1;
    }
    if segments == 0 || !matches!(bytes.get(end), None | Some(b' ' | b'\t')) {
        return Ok(None);
    }
    let path: Path = line[..end].parse().map_err(|_| {
        ParseError::new(
            at(number, 1),
            format!("{} has a number too large for a position", &line[..end]),
        )
    })?;
    Ok(Some((path, end + 1)))
}

/// A claim being read: its line and the lines that go on with its text.
struct Open {
    path: Path,
    stance: Option<Stance>,
    /// The text on the claim's own line, after its position and stance.
    lines: Vec<String>,
    location: Location,
    /// The column where that text starts.
    body_column: usize,
}

struct Reader {
    nodes: Vec<Node>,
    /// Each position read, with its node's index.
    seen: HashMap<Path, usize>,
    current: Option<Open>,
    /// For each node at the top, whether its answers are theses (`Some(true)`), pros and cons
    /// (`Some(false)`), or none so far.
    theses_under: HashMap<Path, bool>,
    /// Each link: its node's index and the column of its `->`.
    links: Vec<(usize, usize)>,
}

impl Reader {
    fn start(
        &mut self,
        path: Path,
        line: &str,
        number: usize,
        body_column: usize,
    ) -> Result<(), ParseError> {
        let location = at(number, 1);
        if let Some(&index) = self.seen.get(&path) {
            return Err(ParseError::new(
                location,
                format!(
                    "{path}. is in the tree twice (first on line {})",
                    self.nodes[index].location.line
                ),
            ));
        }
        let parent = path.parent();
        if let Some(parent) = &parent {
            if !self.seen.contains_key(parent) {
                return Err(ParseError::new(
                    location,
                    format!("{path}. is below {parent}., which is not in the tree before it"),
                ));
            }
        }
        // Byte offsets of the body are character columns only for ASCII, and the position is
        // ASCII.
        let body = line.get(body_column..).unwrap_or("").trim_start();
        let text_column = line.chars().count() - body.chars().count() + 1;
        let (stance, rest) = stance(body);
        match (&parent, stance) {
            (None, Some(stance)) => {
                return Err(ParseError::new(
                    at(number, text_column),
                    format!(
                        "a claim at the top of the tree is a thesis or a question; `{}:` says what it answers, and it answers nothing",
                        stance.as_str()
                    ),
                ))
            }
            (Some(parent), None) => {
                let parent_is_top_without_stance = parent.depth() == 1
                    && self.nodes[self.seen[parent]].stance.is_none();
                if !parent_is_top_without_stance {
                    return Err(ParseError::new(
                        at(number, text_column),
                        format!("{path}. answers {parent}. and must say how: `Pro:` or `Con:`"),
                    ));
                }
            }
            _ => {}
        }
        if let Some(parent) = parent.as_ref().filter(|p| p.depth() == 1) {
            let thesis = stance.is_none();
            match self.theses_under.get(parent) {
                Some(&theses) if theses != thesis => {
                    let message = if theses {
                        format!("{parent}. is a question (its first answer is a thesis): its answers take no `Pro:` or `Con:`")
                    } else {
                        format!("{path}. answers {parent}. and must say how: `Pro:` or `Con:`")
                    };
                    return Err(ParseError::new(at(number, text_column), message));
                }
                _ => {
                    self.theses_under.insert(parent.clone(), thesis);
                }
            }
        }
        let consumed = body.chars().count() - rest.chars().count();
        self.current = Some(Open {
            path,
            stance,
            lines: vec![rest.to_owned()],
            location,
            body_column: text_column + consumed,
        });
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ParseError> {
        let Some(open) = self.current.take() else {
            return Ok(());
        };
        let first_line = open.location.line;
        let content = match (open.stance, open.lines[0].strip_prefix(LINK)) {
            (Some(_), Some(target)) => {
                if open.lines[1..].iter().any(|l| !l.trim().is_empty()) {
                    return Err(ParseError::new(
                        at(first_line + 1, 1),
                        "a link (`-> See`) has no text of its own to go on with",
                    ));
                }
                let target: Path = target.trim().parse().map_err(|e| {
                    ParseError::new(
                        at(first_line, open.body_column),
                        format!("`{LINK}{}`: {e}", target.trim()),
                    )
                })?;
                self.links.push((self.nodes.len(), open.body_column));
                Content::Link(target)
            }
            _ => {
                let joined = open.lines.join("\n");
                let text = unescape(joined.trim());
                if text.is_empty() {
                    return Err(ParseError::new(
                        at(first_line, open.body_column),
                        format!("{}. has no text", open.path),
                    ));
                }
                Content::Text(text)
            }
        };
        self.seen.insert(open.path.clone(), self.nodes.len());
        self.nodes.push(Node {
            path: open.path,
            stance: open.stance,
            content,
            location: open.location,
        });
        Ok(())
    }

    /// Every link names a place of the tree that holds a text.
    fn check_links(&self) -> Result<(), ParseError> {
        for &(index, column) in &self.links {
            let node = &self.nodes[index];
            let Content::Link(target) = &node.content else {
                continue;
            };
            let problem = match self.seen.get(target).map(|&i| &self.nodes[i].content) {
                None => "names no place in the tree",
                Some(Content::Link(_)) => "names another link; a link names the place of a claim",
                Some(Content::Text(_)) => continue,
            };
            return Err(ParseError::new(
                at(node.location.line, column),
                format!("`{LINK}{target}.` {problem}"),
            ));
        }
        Ok(())
    }
}

/// The stance a claim's text starts with, and the text after it; `Thesis:` is dropped.
fn stance(body: &str) -> (Option<Stance>, &str) {
    for (marker, stance) in [
        ("Pro:", Some(Stance::Pro)),
        ("Con:", Some(Stance::Con)),
        ("Thesis:", None),
    ] {
        if let Some(rest) = body.strip_prefix(marker) {
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                return (stance, rest.trim_start());
            }
        }
    }
    (None, body)
}

/// Markdown's backslash escapes taken out: a backslash before ASCII punctuation stands for
/// that character; any other backslash is itself.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}
