//! Errors of the framework readers.

use std::borrow::Cow;

/// A framework file could not be read: its format is unknown, or its text is not a well-formed
/// framework in that format.
///
/// The message names the input, and for a syntax error the line and column, so that it can be
/// shown as it is: `f.af:2:3: argument "5" does not exist: ...`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The text is not a well-formed framework: see [`crate::iccma`] for what is rejected,
    /// including frameworks larger than [`crate::iccma::MAX_ARGUMENTS`].
    #[error("{input}:{line}:{column}: {message}")]
    #[non_exhaustive]
    Syntax {
        /// The file or input name, as given to the reader.
        input: String,
        /// One-based line of the first problem.
        line: u64,
        /// One-based column of the first problem, in characters.
        column: u64,
        /// What is wrong.
        message: String,
    },
    /// The format could not be told from the file's name.
    #[error("{input}: unknown format {format:?} (expected one of: {expected})")]
    #[non_exhaustive]
    UnknownFormat {
        /// The file whose format was asked for.
        input: String,
        /// The extension that is not known (empty when there is none).
        format: String,
        /// The extensions that are known.
        expected: &'static str,
    },
}

impl ReadError {
    /// Builds a syntax error; `line` and `column` are one-based.
    pub(crate) fn syntax(input: &str, line: u64, column: u64, message: String) -> Self {
        Self::Syntax {
            input: input.to_owned(),
            line,
            column,
            message,
        }
    }

    /// The file or input name the error is about.
    pub fn input(&self) -> &str {
        match self {
            Self::Syntax { input, .. } | Self::UnknownFormat { input, .. } => input,
        }
    }

    /// One-based line and column (in characters) of a syntax error; `None` for an unknown
    /// format.
    pub fn location(&self) -> Option<(u64, u64)> {
        match self {
            Self::Syntax { line, column, .. } => Some((*line, *column)),
            Self::UnknownFormat { .. } => None,
        }
    }

    /// What is wrong, without the input's name and location: the message after them.
    pub fn message(&self) -> Cow<'_, str> {
        match self {
            Self::Syntax { message, .. } => Cow::Borrowed(message),
            Self::UnknownFormat {
                format, expected, ..
            } => Cow::Owned(format!(
                "unknown format {format:?} (expected one of: {expected})"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::iccma::{parse, IccmaFormat};
    use std::path::Path;

    #[test]
    fn an_unknown_format_names_the_file_and_the_known_ones() {
        let error = IccmaFormat::from_path(Path::new("dir/f.docx")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "dir/f.docx: unknown format \"docx\" (expected one of: apx, tgf, af)"
        );
        assert_eq!(error.input(), "dir/f.docx");
        assert_eq!(error.location(), None);
        assert_eq!(
            error.message(),
            "unknown format \"docx\" (expected one of: apx, tgf, af)"
        );
        let error = IccmaFormat::from_path(Path::new("framework")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "framework: unknown format \"\" (expected one of: apx, tgf, af)"
        );
    }

    #[test]
    fn a_syntax_error_gives_its_parts() {
        let error = parse("f.af", "p af 2\n1 x\n", IccmaFormat::Af).unwrap_err();
        assert_eq!(
            error.to_string(),
            "f.af:2:3: expected an argument number from 1 to 2, found \"x\""
        );
        assert_eq!(error.input(), "f.af");
        assert_eq!(error.location(), Some((2, 3)));
        assert_eq!(
            error.message(),
            "expected an argument number from 1 to 2, found \"x\""
        );
    }
}
