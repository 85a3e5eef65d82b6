//! How a command ends: the one table of exit codes that the command line's help, the binary
//! and the README (checked by a test) share. Which error ends with which status is the command
//! line's business, not the library's: the library only names the statuses.

/// How a command ended, as the exit code the command line reports: one table that the CLI's
/// help, the binary's exit codes and the README's table (checked by a test) all come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// It worked.
    Success,
    /// A failure no other line covers: a bug, or output that could not be written.
    Unexpected,
    /// The command line itself is wrong.
    Usage,
    /// Input data could not be read or parsed.
    BadInput,
    /// A query, named query or claim name is wrong, or took too long.
    BadQuery,
    /// The store is held by another process, missing, or cannot be used.
    StoreUnavailable,
    /// Graphviz is missing or failed.
    Rendering,
    /// The data breaks the SHACL shapes.
    Invalid,
}

impl ExitStatus {
    /// Every status, in the order of its code.
    pub const ALL: [ExitStatus; 8] = [
        Self::Success,
        Self::Unexpected,
        Self::Usage,
        Self::BadInput,
        Self::BadQuery,
        Self::StoreUnavailable,
        Self::Rendering,
        Self::Invalid,
    ];

    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Unexpected => 1,
            Self::Usage => 2,
            Self::BadInput => 3,
            Self::BadQuery => 4,
            Self::StoreUnavailable => 5,
            Self::Rendering => 6,
            Self::Invalid => 7,
        }
    }

    /// What the code means, in the words of the help text and the README.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Success => "success (`validate`: the data conforms)",
            Self::Unexpected => "unexpected error, or output that could not be written",
            Self::Usage => "bad command-line usage, `drop` of a graph that claimgraph protects, or what works only on the embedded store asked of an engine",
            Self::BadInput => {
                "bad input data: missing, unreadable or empty file, unknown format, RDF, shapes or framework syntax error, a framework too large"
            }
            Self::BadQuery => {
                "bad query: unknown named query, claim or graph, SPARQL syntax or evaluation error, time limit reached, unfit output format"
            }
            Self::StoreUnavailable => {
                "store unavailable: held by another process, missing, or cannot be opened or written; or the SPARQL engine (`--endpoint`) is down, refused the credentials, or sent an answer cut short or not in the format asked"
            }
            Self::Rendering => "rendering failed: Graphviz's `dot` is missing or failed",
            Self::Invalid => "the data breaks the SHACL shapes (`validate`, and `load`, which then loads nothing)",
        }
    }
}
