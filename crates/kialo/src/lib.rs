//! A reader and printer for the text Kialo gives when a discussion is exported ("Export
//! discussion"): [`parse`] reads it into a typed [`Discussion`], [`Discussion::to_text`] writes
//! one back.
//!
//! ```
//! use kialo::{Content, Stance};
//!
//! let discussion = kialo::parse("\
//! Discussion Title: Should cities ban cars?
//!
//! 1. Cities should ban private cars from their centres.
//! 1.1. Pro: Cars pollute the air \\(and make noise\\).
//! 1.1.1. Con: Electric cars do not pollute where they drive.
//! 1.2. Con: Shops lose customers who come by car.
//! 1.2.1. Pro: -> See 1.1.1.
//! ")?;
//! assert_eq!(discussion.title, "Should cities ban cars?");
//! let pro = &discussion.nodes[1];
//! assert_eq!((pro.path.to_string(), pro.stance), ("1.1".to_owned(), Some(Stance::Pro)));
//! assert_eq!(pro.content, Content::Text("Cars pollute the air (and make noise).".into()));
//! let link = &discussion.nodes[4];
//! assert_eq!(link.content, Content::Link("1.1.1".parse().unwrap()));
//! assert_eq!(discussion.claim_of(link).path.to_string(), "1.1.1");
//! assert_eq!(kialo::parse(&discussion.to_text())?.outline(), discussion.outline());
//! # Ok::<_, kialo::ParseError>(())
//! ```
//!
//! # The format
//!
//! The first line is `Discussion Title:` and the title. Then each claim of the tree starts a
//! line with its position, numbers each followed by a dot (`1.`, `1.2.`, `1.2.3.`), in an order
//! where a claim comes after the claim it answers. A claim answering another says how:
//! `Pro:` or `Con:`. A claim standing in two places of the tree is written once; its other
//! places say `-> See 1.8.1.` (a link) with their own `Pro:` or `Con:`.
//!
//! A discussion has one thesis, the claim at `1.`, or, when it asks a question with several
//! answers, the question at `1.` and its theses at `1.1.`, `1.2.`... without `Pro:` or `Con:`
//! (a question takes theses, never pros and cons: the theses are options, not stances). Newer
//! exports write `Thesis:` before a thesis; it is read and dropped. A text may go on over
//! several lines, blank lines included, up to the next line that starts with a position. A
//! line `Sources:` ends the tree; the lines after it are kept as they are ([`Discussion::sources`]).
//!
//! Kialo escapes Markdown's punctuation with a backslash (`\(`, `\*`); a backslash before
//! ASCII punctuation is taken out. Texts keep the rest of their Markdown (links stay
//! `[text](url)`), lose white space at the end of lines and around the text, and have `\n`
//! line breaks.
//!
//! Refused, with the line and column: a first line that is not `Discussion Title:`, text
//! before the first claim, a position twice, a claim below one that is not in the tree before
//! it, a claim without text, a claim below another without `Pro:` or `Con:`, pros or cons
//! beside theses under a question, a link to a place that is not in the tree or to another
//! link, a link that goes on over several lines, and a discussion without a claim.
//!
//! Kialo's export carries no votes, authors or dates: there is nothing of them to read.

mod error;
mod parse;
mod print;
#[cfg(test)]
mod tests;

pub use error::ParseError;
pub use parse::parse;

use std::fmt;
use std::str::FromStr;

/// A place in the text: 1-based line and column, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// A position in the tree, as Kialo numbers it: `1.2.3` is the third answer to the second
/// answer to the thesis `1`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Path(Vec<u32>);

impl Path {
    /// The path of these numbers; `None` for no number.
    pub fn new(segments: Vec<u32>) -> Option<Self> {
        (!segments.is_empty()).then_some(Self(segments))
    }

    /// The numbers, from the top of the tree down.
    pub fn segments(&self) -> &[u32] {
        &self.0
    }

    /// How deep it is: 1 for a thesis (or a question).
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    /// The place of the claim it answers; `None` at the top.
    pub fn parent(&self) -> Option<Path> {
        (self.0.len() > 1).then(|| Self(self.0[..self.0.len() - 1].to_vec()))
    }

    /// The place of its `number`th answer.
    pub fn child(&self, number: u32) -> Path {
        let mut segments = self.0.clone();
        segments.push(number);
        Self(segments)
    }
}

/// `1.2.3`, without the dot Kialo writes after the last number.
impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, n) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{n}")?;
        }
        Ok(())
    }
}

/// The text is not a path (`1.2.3`, with or without a final dot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError;

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a position in a Kialo tree (numbers separated by dots, such as 1.2.3)")
    }
}

impl std::error::Error for PathError {}

impl FromStr for Path {
    type Err = PathError;

    /// `1.2.3` or `1.2.3.`.
    fn from_str(text: &str) -> Result<Self, PathError> {
        let text = text.strip_suffix('.').unwrap_or(text);
        let segments = text
            .split('.')
            .map(|s| {
                if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(PathError);
                }
                s.parse::<u32>().map_err(|_| PathError)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Path::new(segments).ok_or(PathError)
    }
}

/// How a claim answers the claim above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stance {
    /// `Pro:`: it gives a reason for it.
    Pro,
    /// `Con:`: it gives a reason against it.
    Con,
}

impl Stance {
    /// `Pro` or `Con`, as the export writes it before the colon.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Pro => "Pro",
            Stance::Con => "Con",
        }
    }
}

/// What a line of the tree holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Content {
    /// A claim's text, unescaped.
    Text(String),
    /// `-> See 1.8.1.`: the claim written at that place stands here too.
    Link(Path),
}

/// One place of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Where it is.
    pub path: Path,
    /// How it answers the claim above it; `None` for a thesis or a question.
    pub stance: Option<Stance>,
    /// Its text, or the place its claim is written.
    pub content: Content,
    /// Where its line starts.
    pub location: Location,
}

/// A discussion as Kialo exports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discussion {
    /// The title, from the first line.
    pub title: String,
    /// The places of the tree in the order written: a place always comes after the place
    /// above it.
    pub nodes: Vec<Node>,
    /// The lines after `Sources:`, as they are, without blank lines.
    pub sources: Vec<String>,
}

/// A node without its location: what a printed discussion reads back to.
pub type OutlineNode = (Path, Option<Stance>, Content);

impl Discussion {
    /// The node at `path`, if there is one.
    ///
    /// # Complexity
    ///
    /// O(n) in the number of nodes: callers that look up many paths index them once.
    pub fn node(&self, path: &Path) -> Option<&Node> {
        self.nodes.iter().find(|n| n.path == *path)
    }

    /// The node that holds the claim standing at `node`: itself, or the one its link names.
    /// A parsed discussion links only to nodes with text; on another, a link that names no
    /// node with text gives the link itself.
    pub fn claim_of<'a>(&'a self, node: &'a Node) -> &'a Node {
        match &node.content {
            Content::Link(target) => self
                .node(target)
                .filter(|n| matches!(n.content, Content::Text(_)))
                .unwrap_or(node),
            Content::Text(_) => node,
        }
    }

    /// Whether `node` is a question: a node at the top whose answers are theses.
    pub fn is_question(&self, node: &Node) -> bool {
        node.path.depth() == 1
            && node.stance.is_none()
            && self
                .nodes
                .iter()
                .any(|n| n.stance.is_none() && n.path.parent().as_ref() == Some(&node.path))
    }

    /// The nodes without their locations, in order: what [`Discussion::to_text`] keeps.
    pub fn outline(&self) -> Vec<OutlineNode> {
        self.nodes
            .iter()
            .map(|n| (n.path.clone(), n.stance, n.content.clone()))
            .collect()
    }
}

/// Whether `content` looks like a Kialo export: its first line, after any byte-order mark,
/// starts with `Discussion Title:`. What tells a `.txt` export from any other text file.
///
/// ```
/// assert!(kialo::is_export("\u{feff}Discussion Title: T\n".as_bytes()));
/// assert!(!kialo::is_export(b"Notes on a discussion"));
/// ```
pub fn is_export(content: &[u8]) -> bool {
    let content = content
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(content);
    content.starts_with(b"Discussion Title:")
}
