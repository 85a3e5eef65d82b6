//! Argumentation frameworks in the formats of the ICCMA competitions, read into a petgraph
//! graph, and extensions printed the way ICCMA solvers print them, so results can be compared
//! with other solvers.
//!
//! - `.apx` (ASPARTIX): `arg(a).` and `att(a,b).` facts.
//! - `.tgf` (trivial graph format): one argument per line, `#`, then one `a b` attack per line.
//! - `.af` (ICCMA 2023): `p af N`, then `i j` attacks between arguments `1..=N`; `#` comments.
//!
//! ```
//! use claimgraph::iccma::{parse, write_extensions, IccmaFormat};
//! use claimgraph::dung::preferred;
//!
//! let af = parse("demo.af", "p af 3\n1 2\n2 3\n", IccmaFormat::Af)?;
//! assert_eq!(write_extensions(IccmaFormat::Af, &af, &preferred(&af)), "w 1 3\n");
//! # Ok::<_, claimgraph::LoadError>(())
//! ```

use crate::error::LoadError;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;
use std::path::Path;

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
    pub fn from_path(path: &Path) -> Result<Self, LoadError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        match extension.to_ascii_lowercase().as_str() {
            "apx" => Ok(Self::Apx),
            "tgf" => Ok(Self::Tgf),
            "af" | "i23" => Ok(Self::Af),
            other => Err(LoadError::UnknownFormat {
                input: path.display().to_string(),
                format: other.to_owned(),
                expected: "apx, tgf, af",
            }),
        }
    }
}

/// Reads a framework. Node weights are the argument names (`"1"`, `"2"`... for ICCMA 2023).
///
/// # Complexity
/// `O(size of the input)`.
pub fn parse(
    input: &str,
    text: &str,
    format: IccmaFormat,
) -> Result<DiGraph<String, ()>, LoadError> {
    let mut reader = Reader {
        input,
        graph: DiGraph::new(),
        names: HashMap::new(),
    };
    match format {
        IccmaFormat::Apx => reader.apx(text)?,
        IccmaFormat::Tgf => reader.tgf(text)?,
        IccmaFormat::Af => reader.af(text)?,
    }
    Ok(reader.graph)
}

struct Reader<'a> {
    input: &'a str,
    graph: DiGraph<String, ()>,
    names: HashMap<String, NodeIndex>,
}

impl Reader<'_> {
    fn error(&self, line: usize, column: usize, message: impl Into<String>) -> LoadError {
        LoadError::Syntax {
            input: self.input.to_owned(),
            location: Some((line as u64 + 1, column as u64 + 1)),
            message: message.into(),
        }
    }

    fn argument(&mut self, name: &str) -> NodeIndex {
        if let Some(&node) = self.names.get(name) {
            return node;
        }
        let node = self.graph.add_node(name.to_owned());
        self.names.insert(name.to_owned(), node);
        node
    }

    fn known(&self, name: &str, line: usize, column: usize) -> Result<NodeIndex, LoadError> {
        self.names.get(name).copied().ok_or_else(|| {
            self.error(
                line,
                column,
                format!("attack names undeclared argument {name:?}"),
            )
        })
    }

    fn attack(&mut self, a: &str, b: &str, line: usize, column: usize) -> Result<(), LoadError> {
        let (a, b) = (self.known(a, line, column)?, self.known(b, line, column)?);
        self.graph.add_edge(a, b, ());
        Ok(())
    }

    fn apx(&mut self, text: &str) -> Result<(), LoadError> {
        let mut attacks = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let fact = line.trim();
            if fact.is_empty() || fact.starts_with('%') {
                continue;
            }
            let column = line.len() - line.trim_start().len();
            let body = |prefix: &str| {
                fact.strip_prefix(prefix)
                    .and_then(|rest| rest.strip_suffix(")."))
                    .map(str::trim)
            };
            if let Some(name) = body("arg(") {
                self.argument(name);
            } else if let Some(pair) = body("att(") {
                let (a, b) = pair
                    .split_once(',')
                    .ok_or_else(|| self.error(number, column, "expected att(a,b)."))?;
                attacks.push((a.trim().to_owned(), b.trim().to_owned(), number, column));
            } else {
                return Err(self.error(number, column, "expected arg(a). or att(a,b)."));
            }
        }
        for (a, b, line, column) in attacks {
            self.attack(&a, &b, line, column)?;
        }
        Ok(())
    }

    fn tgf(&mut self, text: &str) -> Result<(), LoadError> {
        let mut in_edges = false;
        for (number, line) in text.lines().enumerate() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            match (in_edges, fields.as_slice()) {
                (_, []) => {}
                (false, ["#"]) => in_edges = true,
                (false, [name, ..]) => {
                    self.argument(name);
                }
                (true, [a, b]) => self.attack(a, b, number, 0)?,
                (true, _) => return Err(self.error(number, 0, "expected an attack `a b`")),
            }
        }
        Ok(())
    }

    fn af(&mut self, text: &str) -> Result<(), LoadError> {
        let mut declared = None;
        for (number, line) in text.lines().enumerate() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            match (declared, fields.as_slice()) {
                (_, []) => {}
                (_, [comment, ..]) if comment.starts_with('#') => {}
                (None, ["p", "af", n]) => {
                    let n: usize = n
                        .parse()
                        .map_err(|_| self.error(number, 5, "expected the number of arguments"))?;
                    for i in 1..=n {
                        self.argument(&i.to_string());
                    }
                    declared = Some(n);
                }
                (None, _) => return Err(self.error(number, 0, "expected the header `p af N`")),
                (Some(_), [a, b]) => self.attack(a, b, number, 0)?,
                (Some(_), _) => return Err(self.error(number, 0, "expected an attack `i j`")),
            }
        }
        if declared.is_none() {
            return Err(self.error(0, 0, "missing the header `p af N`"));
        }
        Ok(())
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

    #[test]
    fn errors_say_where() {
        let err = parse("f.apx", "arg(a).\natt(a,z).\n", IccmaFormat::Apx).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.apx:2:1: attack names undeclared argument \"z\""
        );
        let err = parse("f.af", "1 2\n", IccmaFormat::Af).unwrap_err();
        assert_eq!(err.to_string(), "f.af:1:1: expected the header `p af N`");
        let err = parse("f.af", "p af 2\n1 3\n", IccmaFormat::Af).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.af:2:1: attack names undeclared argument \"3\""
        );
        let err = parse("f.apx", "arg(a).\nfoo(b).\n", IccmaFormat::Apx).unwrap_err();
        assert_eq!(err.to_string(), "f.apx:2:1: expected arg(a). or att(a,b).");
    }
}
