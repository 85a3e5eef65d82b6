//! Weighted bipolar frameworks in the `.bag` format of Potyka's Uncertainpy, and results as
//! JSON.
//!
//! One fact a line, with a final `.` that may be left out (Uncertainpy's own example files leave
//! it out), and `%` comments:
//!
//! ```text
//! arg(a, 0.5).      % argument a, base score 0.5
//! att(b, a).        % b attacks a
//! sup(c, a).        % c supports a
//! votes(a, 3, 1).   % 3 votes for a and 1 against, for social argumentation
//! ```
//!
//! Facts may come in any order. Refused, with `FILE:LINE:COLUMN: what is wrong`: an unknown
//! fact, a wrong number of terms, a base score that is not a number from 0 to 1, a vote count
//! that is not a whole number, an argument declared twice, a relation or a vote on an argument
//! never declared, the same attack, support or votes given twice, a file with no argument, and
//! more arguments than [`MAX_ARGUMENTS`].

use super::{social_score, Argument, BaseScore, Framework, Relation, Strengths};
pub use crate::error::ReadError;
use crate::iccma::MAX_ARGUMENTS;
use petgraph::graph::NodeIndex;
use std::collections::HashMap;
use std::fmt::Write;

/// Votes for and against an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Votes {
    /// Votes for.
    pub positive: u64,
    /// Votes against.
    pub negative: u64,
}

/// A framework read from a `.bag` file, with the votes it gives.
#[derive(Debug, Clone)]
pub struct Bag {
    /// Arguments (named as in the file, in the order declared) with the base scores of their
    /// `arg` facts, and the attacks and supports.
    pub framework: Framework<String>,
    /// Each argument's votes, by node index, where a `votes` fact gives them.
    pub votes: Vec<Option<Votes>>,
}

impl Bag {
    /// The framework with Leite and Martins' base scores from the votes instead of the `arg`
    /// scores ([`social_score`]); an argument without a `votes` fact has had no vote, and
    /// scores 0.
    ///
    /// # Panics
    /// If `epsilon` is negative or not finite.
    pub fn with_vote_scores(&self, epsilon: f64) -> Framework<String> {
        let mut framework = self.framework.clone();
        for (argument, votes) in framework.node_weights_mut().zip(&self.votes) {
            let Votes { positive, negative } = votes.unwrap_or(Votes {
                positive: 0,
                negative: 0,
            });
            argument.base = social_score(positive, negative, epsilon);
        }
        framework
    }
}

/// One line's fact: its name, and each term with its zero-based column.
struct Fact<'t> {
    name: &'t str,
    column: usize,
    terms: Vec<(usize, &'t str)>,
}

/// Reads the fact on a line, if any. Errors carry a zero-based column.
fn fact(line: &str) -> Result<Option<Fact<'_>>, (usize, String)> {
    // Columns count characters; byte offsets slice.
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    let skip = |i: &mut usize| {
        while chars.get(*i).is_some_and(|(_, c)| c.is_whitespace()) {
            *i += 1;
        }
    };
    let byte = |i: usize| chars.get(i).map_or(line.len(), |&(b, _)| b);
    skip(&mut i);
    if chars.get(i).is_none_or(|&(_, c)| c == '%') {
        return Ok(None);
    }
    let column = i;
    while chars
        .get(i)
        .is_some_and(|&(_, c)| c.is_alphanumeric() || c == '_')
    {
        i += 1;
    }
    let name = &line[byte(column)..byte(i)];
    if name.is_empty() {
        return Err((
            column,
            "expected a fact: arg(a,w), att(a,b), sup(a,b) or votes(a,for,against)".to_owned(),
        ));
    }
    skip(&mut i);
    if chars.get(i).map(|&(_, c)| c) != Some('(') {
        return Err((i, format!("expected `(` after `{name}`")));
    }
    i += 1;
    let mut terms = Vec::new();
    loop {
        skip(&mut i);
        let start = i;
        while chars
            .get(i)
            .is_some_and(|&(_, c)| !c.is_whitespace() && !matches!(c, '(' | ')' | ',' | '%'))
        {
            i += 1;
        }
        if i == start {
            return Err((i, "expected a term".to_owned()));
        }
        terms.push((start, &line[byte(start)..byte(i)]));
        skip(&mut i);
        match chars.get(i).map(|&(_, c)| c) {
            Some(',') => i += 1,
            Some(')') => {
                i += 1;
                break;
            }
            found => {
                let found = found.map_or("the end of the line".to_owned(), |c| format!("{c:?}"));
                return Err((
                    i,
                    format!("expected `,` or `)` after a term, found {found}"),
                ));
            }
        }
    }
    skip(&mut i);
    if chars.get(i).map(|&(_, c)| c) == Some('.') {
        i += 1;
        skip(&mut i);
    }
    if let Some(&(_, c)) = chars.get(i) {
        if c != '%' {
            return Err((
                i,
                format!("unexpected {c:?} after the fact: one fact a line"),
            ));
        }
    }
    Ok(Some(Fact {
        name,
        column,
        terms,
    }))
}

/// A relation or votes fact, checked once every argument is known.
struct Pending<'t> {
    line: usize,
    kind: &'t str,
    terms: Vec<(usize, &'t str)>,
}

/// Reads a `.bag` file; `input` names it in error messages. A leading byte order mark is
/// skipped.
///
/// # Errors
/// [`ReadError::Syntax`] with the line and column of the first problem (see the [module
/// documentation](self)).
///
/// # Complexity
/// `O(size of the input)` time and memory.
pub fn parse_bag(input: &str, text: &str) -> Result<Bag, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let error = |line: usize, column: usize, message: String| {
        ReadError::syntax(input, line as u64 + 1, column as u64 + 1, message)
    };
    let mut framework = Framework::new();
    let mut declared: HashMap<&str, (NodeIndex, usize)> = HashMap::new();
    let mut pending = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let Some(Fact {
            name,
            column,
            terms,
        }) = fact(line).map_err(|(column, message)| error(number, column, message))?
        else {
            continue;
        };
        let arity = match name {
            "arg" | "att" | "sup" => 2,
            "votes" => 3,
            _ => {
                return Err(error(
                    number,
                    column,
                    format!(
                        "unknown fact `{name}`: expected arg(a,w), att(a,b), sup(a,b) or \
                         votes(a,for,against)"
                    ),
                ))
            }
        };
        if terms.len() != arity {
            return Err(error(
                number,
                column,
                format!("`{name}` takes {arity} terms, found {}", terms.len()),
            ));
        }
        if name != "arg" {
            pending.push(Pending {
                line: number,
                kind: name,
                terms,
            });
            continue;
        }
        let ((name_column, argument), (score_column, score)) = (terms[0], terms[1]);
        if let Some(&(_, first)) = declared.get(argument) {
            return Err(error(
                number,
                name_column,
                format!(
                    "argument {argument:?} is declared twice (first on line {})",
                    first + 1
                ),
            ));
        }
        let base = score
            .parse::<f64>()
            .ok()
            .and_then(|x| BaseScore::new(x).ok())
            .ok_or_else(|| {
                error(
                    number,
                    score_column,
                    format!("expected a base score from 0 to 1, found {score:?}"),
                )
            })?;
        if framework.node_count() == MAX_ARGUMENTS {
            return Err(error(
                number,
                name_column,
                format!("more than the {MAX_ARGUMENTS} arguments this tool handles"),
            ));
        }
        let node = framework.add_node(Argument::new(argument.to_owned(), base));
        declared.insert(argument, (node, number));
    }
    if framework.node_count() == 0 {
        return Err(error(
            0,
            0,
            "no argument is declared (no `arg(a,w).` fact)".into(),
        ));
    }
    let mut votes = vec![None; framework.node_count()];
    let mut seen: HashMap<(&str, NodeIndex, NodeIndex), usize> = HashMap::new();
    for Pending { line, kind, terms } in pending {
        let known = |(column, name): (usize, &str)| {
            declared.get(name).map(|&(node, _)| node).ok_or_else(|| {
                error(
                    line,
                    column,
                    format!("`{kind}` names undeclared argument {name:?}"),
                )
            })
        };
        let a = known(terms[0])?;
        if kind == "votes" {
            let count = |(column, text): (usize, &str)| {
                text.parse::<u64>().map_err(|_| {
                    error(
                        line,
                        column,
                        format!("expected a number of votes (0, 1, 2...), found {text:?}"),
                    )
                })
            };
            let given = Votes {
                positive: count(terms[1])?,
                negative: count(terms[2])?,
            };
            if let Some(first) = seen.insert(("votes", a, a), line) {
                return Err(error(
                    line,
                    terms[0].0,
                    format!(
                        "votes for {:?} are given twice (first on line {})",
                        terms[0].1,
                        first + 1
                    ),
                ));
            }
            votes[a.index()] = Some(given);
            continue;
        }
        let b = known(terms[1])?;
        if let Some(first) = seen.insert((kind, a, b), line) {
            return Err(error(
                line,
                0,
                format!(
                    "`{kind}({},{})` is given twice (first on line {})",
                    terms[0].1,
                    terms[1].1,
                    first + 1
                ),
            ));
        }
        let relation = if kind == "att" {
            Relation::Attack
        } else {
            Relation::Support
        };
        framework.add_edge(a, b, relation);
    }
    Ok(Bag { framework, votes })
}

/// A JSON string literal.
fn quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The result as one JSON object: `{"semantics": S, "strengths": {"a": 0.25, ...},
/// "converged": true, "tolerance": 1e-9}`, strengths in node order at full precision (the
/// shortest decimal that reads back as the same `f64`), `null` for an argument without one;
/// with `"reason"` when `converged` is false and `"ignored_supports"` when there are any.
///
/// # Complexity
/// `O(V)` in the framework's arguments and the length of their names.
pub fn write_json<N: std::fmt::Display>(framework: &Framework<N>, result: &Strengths) -> String {
    let mut out = String::new();
    out.push_str("{\"semantics\": ");
    quoted(&mut out, result.semantics.name());
    out.push_str(", \"strengths\": {");
    for (i, (argument, value)) in framework.node_weights().zip(&result.values).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quoted(&mut out, &argument.label.to_string());
        match value {
            Some(x) => {
                let _ = write!(out, ": {x:?}");
            }
            None => out.push_str(": null"),
        }
    }
    let _ = write!(
        out,
        "}}, \"converged\": {}, \"tolerance\": {:e}",
        result.converged(),
        result.tolerance
    );
    if let Some(reason) = result.reason(framework) {
        out.push_str(", \"reason\": ");
        quoted(&mut out, &reason);
    }
    if result.ignored_supports > 0 {
        let _ = write!(out, ", \"ignored_supports\": {}", result.ignored_supports);
    }
    out.push('}');
    out
}
