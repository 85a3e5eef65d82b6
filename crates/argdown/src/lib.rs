//! A parser and printer for [Argdown](https://argdown.org), the plain-text syntax for argument
//! maps: [`parse`] reads a document into a typed tree, [`Document::to_argdown`] writes one back.
//!
//! ```
//! use argdown::{Node, RelationKind};
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
//!
//! # The tree
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
//! Lists (`* item`, `1. item`) are read like the statements and arguments they hold. Unlike
//! Argdown, an empty document (or one with only comments) is an empty [`Document`], not an
//! error.
//!
//! # Texts
//!
//! Texts are what Argdown makes of them: bold and italic markers, link targets and escapes are
//! taken out of the text and kept as [`Range`]s, known shortcodes (`.~.`, `:+1:`) become their
//! characters, tags and mentions stay in the text as written. Unlike Argdown, runs of spaces and
//! line breaks become one space and texts are trimmed. Data blocks `{key: value}` (YAML) are
//! kept as JSON values, merged per statement and argument as Argdown merges them. A front
//! matter `=== ... ===` is kept as raw text ([`Document::front_matter_data`] reads it as
//! YAML); its settings do not change how the document is read. Comments (`//`, `/* */`,
//! `<!-- -->`) are dropped.
//!
//! # Errors
//!
//! Every element records where it is written ([`Location`], 1-based line and column, columns
//! counted in characters). Syntax errors are [`ParseError`]s with a position and a sentence a
//! writer understands; no input makes the parser panic, and relations nest at most
//! [`MAX_DEPTH`] levels deep.
//!
//! # Printing
//!
//! [`Document::to_argdown`] prints a document the parser reads back to the same tree, up to
//! locations and the order of statements, arguments and relations ([`Document::canonical`]):
//! the front matter, then section by section the statement and argument definitions and the
//! premise-conclusion structures in the order they were written, then the relations as one
//! indented list under each target (undercuts and contradictions under their source).
//! Statements without a title of their own are printed without one where reading the output
//! generates the same titles again, and with their generated title otherwise (when they are in
//! relations, for instance). Bold is printed `**`, italic `*` (`__` and `_` right inside an
//! italic opening at the same place); data as JSON, which is YAML.
//!
//! What the printer cannot write back, since Argdown has no way to say it: titles that a
//! reference cannot hold (a statement title with `]`, an argument title with `>`, or one that
//! starts with `-`, `+`, `_`, `<`, `>`, `'` or a space); a bold or italic range ending right
//! before a character that needs a backslash (`*bold*{`); a bold or italic range opening where
//! an italic one opens, inside it, and ending with a tag (`_*#tag*_`); undercuts of an
//! inference that is not in the argument's structure; contradictions between arguments.

#![warn(missing_docs)]
#![doc(test(attr(deny(warnings))))]

mod document;
mod error;
mod lexer;
mod parser;
mod print;
mod text;
mod yaml;

pub use document::{
    is_generated_title, Argument, ArgumentDescription, Document, Inference, Location, Node, Pcs,
    PcsStatement, Range, RangeKind, Relation, RelationKind, Section, Statement, StatementMember,
};
pub use error::{FrontMatterError, ParseError};

/// How deep relations may nest below a top-level element; deeper trees are a [`ParseError`].
pub const MAX_DEPTH: usize = 100;

/// Reads an Argdown document.
///
/// ```
/// let doc = argdown::parse("[a]: A claim.\n  + [b]: A reason for it.\n")?;
/// assert_eq!(doc.statement("b").unwrap().members[0].text, "A reason for it.");
/// assert!(argdown::parse("[a]: **not closed\n").is_err());
/// # Ok::<_, argdown::ParseError>(())
/// ```
pub fn parse(text: &str) -> Result<Document, ParseError> {
    parser::parse(text)
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod tests;
