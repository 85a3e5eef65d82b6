//! What goes wrong reading Argdown.

use crate::Location;
use std::error::Error;
use std::fmt;

/// Why a text is not Argdown, and where.
///
/// ```
/// let error = argdown::parse("[A]: a\n  >< <B>\n").unwrap_err();
/// assert_eq!((error.location().line, error.location().column), (2, 6));
/// assert!(error.message().starts_with("only statements contradict each other"));
/// assert!(error.to_string().starts_with("line 2, column 6: only statements"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    location: Location,
    message: String,
}

impl ParseError {
    pub(crate) fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            location: Location { line, column },
            message: message.into(),
        }
    }

    /// Where the text stops being Argdown: 1-based line and column, columns counted in
    /// characters.
    pub fn location(&self) -> Location {
        self.location
    }

    /// What is wrong, in a sentence a writer of Argdown understands, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.location.line, self.location.column, self.message
        )
    }
}

impl Error for ParseError {}

/// Why a front matter is not YAML as Argdown reads it ([`Document::front_matter_data`]).
///
/// [`Document::front_matter_data`]: crate::Document::front_matter_data
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    message: String,
}

impl FrontMatterError {
    pub(crate) fn new(message: String) -> Self {
        Self { message }
    }

    /// What is wrong with the YAML, in a sentence.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the front matter is not YAML as Argdown reads it: {}",
            self.message
        )
    }
}

impl Error for FrontMatterError {}
