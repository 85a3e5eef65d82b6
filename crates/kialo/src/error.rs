//! What goes wrong reading a Kialo export.

use crate::Location;
use std::error::Error;
use std::fmt;

/// Why a text is not a Kialo export, and where.
///
/// ```
/// let error = kialo::parse("Discussion Title: T\n\n1. A\n1.2.1. Pro: B\n").unwrap_err();
/// assert_eq!((error.location().line, error.location().column), (4, 1));
/// assert_eq!(error.message(), "1.2.1. is below 1.2., which is not in the tree before it");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    location: Location,
    message: String,
}

impl ParseError {
    pub(crate) fn new(location: Location, message: impl Into<String>) -> Self {
        Self {
            location,
            message: message.into(),
        }
    }

    /// Where the text stops being a Kialo export: 1-based line and column, columns counted in
    /// characters.
    pub fn location(&self) -> Location {
        self.location
    }

    /// What is wrong, in a sentence, without the position.
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
