//! The tree a document is read into.

use crate::error::FrontMatterError;
use crate::{print, yaml};
use serde_json::Value;
use std::fmt;

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
    /// The text, as Argdown reads it (see the [crate's documentation](crate#texts)), trimmed.
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

impl Document {
    /// The statement with this title.
    pub fn statement(&self, title: &str) -> Option<&Statement> {
        self.statements.iter().find(|s| s.title == title)
    }

    /// The argument with this title.
    pub fn argument(&self, title: &str) -> Option<&Argument> {
        self.arguments.iter().find(|a| a.title == title)
    }

    /// Argdown text that [`parse`](crate::parse) reads back to this document, up to what
    /// [`Document::canonical`] clears (see the [crate's documentation](crate#printing) for the
    /// layout, and for the few things Argdown has no way to write).
    pub fn to_argdown(&self) -> String {
        print::print(self)
    }

    /// The front matter read as YAML, as Argdown's block data is read (see
    /// [`Document::front_matter`]); `None` when there is no front matter or it is empty.
    ///
    /// ```
    /// let doc = argdown::parse("===\ntitle: A debate\ntags: [a, b]\n===\n\n[s]: text\n")?;
    /// let front = doc.front_matter_data()?.unwrap();
    /// assert_eq!(front["title"], "A debate");
    /// assert_eq!(front["tags"][1], "b");
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// ```
    pub fn front_matter_data(&self) -> Result<Option<Value>, FrontMatterError> {
        let Some(text) = &self.front_matter else {
            return Ok(None);
        };
        yaml::data(&format!("{{\n{text}\n}}")).map_err(FrontMatterError::new)
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
