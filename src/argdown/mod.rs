//! Argdown, the plain-text syntax for argument maps (<https://argdown.org>): a parser into a typed
//! tree and a printer back to Argdown text; [`to_quads`] maps a tree to claims and responses, and
//! [`write()`] writes a store as Argdown (see their modules for the mapping).
//!
//! The tree is what Argdown's own model holds after parsing, without its layout and colours:
//!
//! - [`Statement`]s are Argdown's *equivalence classes*. Each `[Title]: text` adds a
//!   [`StatementMember`] to the class of that title (the first member is the canonical one); a
//!   reference `[Title]` adds no member but may add tags and data. A statement without a title
//!   gets one the way Argdown does, `Untitled N`, counting statements and arguments together in
//!   the order Argdown's model builder meets them ([`Statement::has_generated_title`]).
//! - [`Argument`]s: `<Title>: description` adds an [`ArgumentDescription`]; `<Title>` refers to
//!   it; a premise-conclusion structure ([`Pcs`]) written after it, as the next block, is its
//!   reconstruction (a structure with no argument before it is an anonymous argument).
//! - [`Relation`]s, always from source to target whatever arrow was written: under a parent,
//!   `+ x` / `<+ x` (x supports the parent), `+> x` (the parent supports x), `- x` / `<- x` /
//!   `-> x` (attack), `_ x` / `<_ x` / `_> x` (undercut) and `>< x` (contradiction, kept in the
//!   direction written). The same relation written twice is kept once, at its first place.
//!   They are listed in the order Argdown's model adds them: each after the relations below
//!   its child.
//!   Relations are kept as written: Argdown's JSON export goes on to move the relations of a
//!   reconstructed argument to its main conclusion and its last inference, which is the
//!   business of whoever interprets the tree.
//! - [`Section`]s, from headings (`#`, `##`, ...), in document order, each with its parent.
//!
//! Texts are what Argdown makes of them: bold and italic markers, link targets and escapes are
//! taken out of the text and kept as [`Range`]s, known shortcodes (`.~.`, `:+1:`) become their
//! characters, tags and mentions stay in the text as written. Unlike Argdown, runs of spaces and
//! line breaks become one space and texts are trimmed. Data blocks `{key: value}` (YAML) are
//! kept as JSON values, merged per statement and argument as Argdown merges them. A front
//! matter `=== ... ===` is kept as raw text. Comments (`//`, `/* */`, `<!-- -->`) are dropped.
//!
//! Every element records where it is written ([`Location`], 1-based line and column, columns
//! counted in characters). Syntax errors are [`ParseError`]s with a position and a sentence a
//! writer understands; no input makes the parser panic, and relations nest at most
//! [`MAX_DEPTH`] levels deep.
//!
//! Lists (`* item`, `1. item`) are read like the statements and arguments they hold. Unlike
//! Argdown, an empty document (or one with only comments) is an empty [`Document`], not an
//! error.
//!
//! [`Document::to_argdown`] prints a document the parser reads back to the same tree, up to
//! locations and the order of statements, arguments and relations ([`Document::canonical`]):
//! the front matter, then section by section the statement and argument definitions and the
//! premise-conclusion structures in the order they were written, then the relations as one
//! indented list under each target (undercuts and contradictions under their source).
//! Statements without a title of their own are printed without one where reading the output
//! generates the same titles again, and with their generated title otherwise (when they are in
//! relations, for instance). Bold is printed `**`, italic `*`; data as JSON, which is YAML.
//!
//! What the printer cannot write back, since Argdown has no way to say it: titles that a
//! reference cannot hold (a statement title with `]`, an argument title with `>`, or one that
//! starts with `-`, `+`, `_`, `<`, `>`, `'` or a space); a tag written right before a character
//! that needs a backslash (`#tag{`), which would take the backslash in; a bold or italic range
//! ending right before such a character; undercuts of an inference that is not in the
//! argument's structure; contradictions between arguments.
//!
//! ```
//! use claimgraph::argdown::{self, Node, RelationKind};
//!
//! let doc = argdown::parse("
//! [Censorship]: Censorship is never justified. #freedom
//!   - <Harm>: Some speech does real harm.
//!     <_ [Vague]: Harm is too vague a standard.
//! ")?;
//! assert_eq!(doc.statements[0].members[0].text, "Censorship is never justified. #freedom");
//! assert_eq!(doc.statements[0].tags, ["freedom"]);
//! let attack = &doc.relations[1]; // after the undercut below it
//! assert_eq!((&attack.from, &attack.to, attack.kind),
//!            (&Node::Argument("Harm".into()), &Node::Statement("Censorship".into()), RelationKind::Attack));
//! assert_eq!((attack.location.line, attack.location.column), (3, 3));
//! let again = argdown::parse(&doc.to_argdown())?;
//! assert_eq!(again.canonical(), doc.canonical());
//! # Ok::<_, argdown::ParseError>(())
//! ```

mod export;
mod import;
mod lexer;
mod parser;
mod print;
mod text;
mod yaml;

pub use export::write;
pub use import::to_quads;
use serde_json::Value;
use std::fmt;

/// How deep relations may nest below a top-level element; deeper trees are a [`ParseError`].
pub const MAX_DEPTH: usize = 100;

/// Reads an Argdown document.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    parser::parse(text)
}

/// An Argdown document: its statements, arguments, relations and sections.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The front matter's YAML text: everything between the opening and the closing `===`, as
    /// written (line breaks included).
    pub front_matter: Option<String>,
    /// The statements (equivalence classes), in the order they are first named.
    pub statements: Vec<Statement>,
    /// The arguments, in the order they are first named.
    pub arguments: Vec<Argument>,
    /// The relations, each once: a relation after those below its child, as Argdown adds them.
    pub relations: Vec<Relation>,
    /// The sections, in document order; [`Section::parent`] makes them a tree.
    pub sections: Vec<Section>,
}

/// Where an element is written: 1-based line and column (in characters). Zero for an element
/// that was not read from text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A statement: an Argdown equivalence class, the statements that share a title.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The title, written `[Title]`, or generated (`Untitled 3`).
    pub title: String,
    /// The texts given under this title, in document order; the first is canonical. Empty
    /// when the title is only referred to.
    pub members: Vec<StatementMember>,
    /// The tags of every member and reference, each once, in order of first use.
    pub tags: Vec<String>,
    /// The data of every member and reference, merged in document order (later keys win,
    /// objects and lists merge deeply, as Argdown merges them).
    pub data: Option<Value>,
    /// Where the title is first used.
    pub location: Location,
}

impl Statement {
    /// Whether the title is one Argdown generates for a statement written without a title
    /// (`Untitled` and a number); Argdown's JSON cannot tell it from a title written so.
    pub fn has_generated_title(&self) -> bool {
        is_generated_title(&self.title)
    }
}

/// Whether `title` has the form of the titles Argdown generates (`Untitled 3`).
pub fn is_generated_title(title: &str) -> bool {
    title
        .strip_prefix("Untitled ")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// One text of a statement.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementMember {
    /// The text, as Argdown reads it (see the module's documentation), trimmed.
    pub text: String,
    /// Formatting, links, tags and mentions in `text`.
    pub ranges: Vec<Range>,
    /// Its tags, each once, in order (`#tag`, `#(two words)`).
    pub tags: Vec<String>,
    /// Its data block.
    pub data: Option<Value>,
    /// Where it is written.
    pub location: Location,
    /// The section it is written in, an index into [`Document::sections`].
    pub section: Option<usize>,
}

/// A part of a text with a meaning of its own. Offsets are byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    /// What the part is.
    pub kind: RangeKind,
    /// Where it starts.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
}

/// What a [`Range`] of text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeKind {
    /// `**bold**` or `__bold__`.
    Bold,
    /// `*italic*` or `_italic_`.
    Italic,
    /// `[text](url)`: the range is the link's text.
    Link {
        /// Where it points.
        url: String,
    },
    /// `#tag` or `#(tag words)`, as written.
    Tag {
        /// The tag's name.
        tag: String,
    },
    /// `@[Title]`, as written.
    StatementMention {
        /// The statement mentioned.
        title: String,
    },
    /// `@<Title>`, as written.
    ArgumentMention {
        /// The argument mentioned.
        title: String,
    },
}

/// An argument: its descriptions and, when reconstructed, its premise-conclusion structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    /// The title, written `<Title>`, or generated for a structure with no title before it.
    pub title: String,
    /// The descriptions given under this title, in document order.
    pub descriptions: Vec<ArgumentDescription>,
    /// The premise-conclusion structure, if it has one.
    pub pcs: Option<Pcs>,
    /// The tags of every description and reference, each once, in order of first use.
    pub tags: Vec<String>,
    /// The data of every description and reference, merged in document order.
    pub data: Option<Value>,
    /// Where the title is first used (or the structure starts).
    pub location: Location,
}

/// One description of an argument, `<Title>: text`.
#[derive(Debug, Clone, PartialEq)]
pub struct ArgumentDescription {
    /// The text, as for a [`StatementMember`].
    pub text: String,
    /// Formatting, links, tags and mentions in `text`.
    pub ranges: Vec<Range>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its data block.
    pub data: Option<Value>,
    /// Where it is written.
    pub location: Location,
    /// The section it is written in.
    pub section: Option<usize>,
}

/// A premise-conclusion structure: numbered statements, conclusions after an inference line.
#[derive(Debug, Clone, PartialEq)]
pub struct Pcs {
    /// The statements in order; the last is the main conclusion.
    pub statements: Vec<PcsStatement>,
    /// Where it starts.
    pub location: Location,
    /// The section it is written in.
    pub section: Option<usize>,
}

/// A premise or conclusion of a [`Pcs`]: a statement, referred to by title (the text, if any,
/// is a member of that statement).
#[derive(Debug, Clone, PartialEq)]
pub struct PcsStatement {
    /// The statement's title.
    pub title: String,
    /// The inference that leads to it, for a conclusion; `None` for a premise.
    pub inference: Option<Inference>,
    /// Where it is written (its number).
    pub location: Location,
}

/// An inference line: `----`, or `-- rule, rule {data} --`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inference {
    /// The inference rules named.
    pub rules: Vec<String>,
    /// Its data block.
    pub data: Option<Value>,
    /// Where it is written.
    pub location: Location,
}

/// A directed relation between two elements.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// The source.
    pub from: Node,
    /// The target.
    pub to: Node,
    /// What kind.
    pub kind: RelationKind,
    /// Where it is written (its arrow).
    pub location: Location,
}

/// What a relation connects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    /// A statement, by title.
    Statement(String),
    /// An argument, by title.
    Argument(String),
    /// The inference of a reconstructed argument that leads to the conclusion at index
    /// `conclusion` of its [`Pcs::statements`] (the target of an undercut written below an
    /// inference line or a conclusion).
    Inference {
        /// The argument's title.
        argument: String,
        /// The 0-based index of the conclusion in its structure.
        conclusion: usize,
    },
}

/// The kinds of relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// `+`: the source supports the target.
    Support,
    /// `-`: the source attacks the target.
    Attack,
    /// `_`: the source undercuts the target (an argument's inference).
    Undercut,
    /// `><`: the two statements contradict each other (symmetric).
    Contradiction,
}

impl RelationKind {
    /// The `relationType` Argdown's JSON export gives it.
    pub fn argdown_name(self) -> &'static str {
        match self {
            RelationKind::Support => "support",
            RelationKind::Attack => "attack",
            RelationKind::Undercut => "undercut",
            RelationKind::Contradiction => "contradictory",
        }
    }
}

/// A section: a heading and what follows it up to the next heading of its level or above.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading's text, trimmed.
    pub title: String,
    /// Formatting, links, tags and mentions in `title`.
    pub ranges: Vec<Range>,
    /// The number of `#`.
    pub level: usize,
    /// The enclosing section, an index into [`Document::sections`].
    pub parent: Option<usize>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its data block.
    pub data: Option<Value>,
    /// Where the heading is written.
    pub location: Location,
}

/// Why a text is not Argdown, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

impl Document {
    /// The statement with this title.
    pub fn statement(&self, title: &str) -> Option<&Statement> {
        self.statements.iter().find(|s| s.title == title)
    }

    /// The argument with this title.
    pub fn argument(&self, title: &str) -> Option<&Argument> {
        self.arguments.iter().find(|a| a.title == title)
    }

    /// Argdown text that [`parse`] reads back to this document (see the module's
    /// documentation for the layout).
    pub fn to_argdown(&self) -> String {
        print::print(self)
    }

    /// What a round trip through [`Document::to_argdown`] keeps: the same document with every
    /// location cleared and statements, arguments and relations sorted.
    pub fn canonical(&self) -> Document {
        let mut doc = self.clone();
        let nowhere = Location::default();
        for statement in &mut doc.statements {
            statement.location = nowhere;
            for member in &mut statement.members {
                member.location = nowhere;
            }
        }
        for argument in &mut doc.arguments {
            argument.location = nowhere;
            for description in &mut argument.descriptions {
                description.location = nowhere;
            }
            if let Some(pcs) = &mut argument.pcs {
                pcs.location = nowhere;
                for statement in &mut pcs.statements {
                    statement.location = nowhere;
                    if let Some(inference) = &mut statement.inference {
                        inference.location = nowhere;
                    }
                }
            }
        }
        for relation in &mut doc.relations {
            relation.location = nowhere;
        }
        for section in &mut doc.sections {
            section.location = nowhere;
        }
        doc.statements.sort_by(|a, b| a.title.cmp(&b.title));
        doc.arguments.sort_by(|a, b| a.title.cmp(&b.title));
        doc.relations
            .sort_by(|a, b| (&a.from, &a.to, a.kind).cmp(&(&b.from, &b.to, b.kind)));
        doc
    }
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_argdown())
    }
}

#[cfg(test)]
mod tests;
