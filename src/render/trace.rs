//! Response trees as an indented outline, the way people read them in a terminal.
//!
//! One line per [`TraceNode`], in the trace's preorder: the relation to the parent (at a
//! debate's root, the kind of root: allegation or conclusion), the claim,
//! who made it, the likes, its strength where the trace carries strengths, and on the line
//! below the quote (unless it is the parent's own).
//! A claim already expanded above ends in `(*) shown above`, one already on its own path in
//! `↺ (cycle: already on this path)`: neither is expanded again nor repeats its quote.
//!
//! Indentation is three columns a level, drawn for the first [`DRAWN_LEVELS`] levels only:
//! deeper lines hang at that level's column and say their depth, `[depth 1234]`, so that every
//! line stays under a hundred columns or so of indentation and a million-deep chain prints in
//! linear, not quadratic, space.

use super::printable;
use crate::analysis::{Trace, TraceNode};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Levels of indentation drawn; deeper nodes are drawn at this level, with `[depth N]`.
pub const DRAWN_LEVELS: usize = 16;

/// Prints a trace as an indented outline: the relation, the claim, who made it, the likes, and
/// the quote on the line below. Linear in the size of the trace; no recursion.
pub fn write_trace(trace: &Trace<'_>, out: &mut impl Write) -> io::Result<()> {
    // `open[k]`: whether the node on the current path at depth `k + 1` has a later sibling,
    // i.e. whether its column carries a `│` down the lines below it.
    let mut open: Vec<bool> = Vec::new();
    let mut line = String::new();
    for (index, node) in trace.nodes().iter().enumerate() {
        line.clear();
        if node.depth > 0 {
            open.truncate(node.depth - 1);
            columns(&open, &mut line);
            line.push_str(if node.last_child {
                "└─ "
            } else {
                "├─ "
            });
            if node.depth > DRAWN_LEVELS {
                let _ = write!(line, "[depth {}] ", node.depth);
            }
            open.push(!node.last_child);
        }
        describe(trace, index, node, &mut line);
        writeln!(out, "{}", printable(&line))?;
        let claim = trace.claim(index);
        let parent_quote = node.parent.and_then(|p| trace.claim(p).quote.as_deref());
        let quote = claim.quote.as_deref().filter(|&q| Some(q) != parent_quote);
        if let Some(quote) = quote.filter(|_| node.reference.is_none()) {
            line.clear();
            if node.depth > 0 {
                let drawn = open.len().min(DRAWN_LEVELS) - 1;
                columns(&open[..drawn], &mut line);
                line.push_str(column(open[open.len() - 1]));
            }
            line.push_str("   “");
            for (i, word) in quote.split_whitespace().enumerate() {
                if i > 0 {
                    line.push(' ');
                }
                line.push_str(word);
            }
            line.push('”');
            writeln!(out, "{}", printable(&line))?;
        }
    }
    Ok(())
}

/// The columns of the ancestors below the root, at most `DRAWN_LEVELS - 1` of them.
fn columns(open: &[bool], line: &mut String) {
    for &more in &open[..open.len().min(DRAWN_LEVELS - 1)] {
        line.push_str(column(more));
    }
}

fn column(more: bool) -> &'static str {
    if more {
        "│  "
    } else {
        "   "
    }
}

fn describe(trace: &Trace<'_>, index: usize, node: &TraceNode, text: &mut String) {
    if let (0, Some(kind)) = (index, trace.kind()) {
        let _ = write!(text, "{}: ", kind.name());
    }
    if let Some(relation) = trace.relation(index) {
        text.push_str(relation.name());
        if let Some(scheme) = trace.scheme(index) {
            let _ = write!(text, " [{scheme}]");
        }
        text.push_str(": ");
    }
    let claim = trace.claim(index);
    text.push_str(&claim.label);
    if let Some(claimant) = &claim.claimant {
        let _ = write!(text, " — {}", claimant.label);
    }
    if let Some(likes) = claim.likes {
        let _ = write!(text, " · {likes} likes");
    }
    match trace.strength(index) {
        Some((Some(strength), base)) => {
            let _ = write!(text, " · strength {strength:.3} (base {base:.3})");
        }
        Some((None, base)) => {
            let _ = write!(text, " · no strength (base {base:.3})");
        }
        None => {}
    }
    if node.cycle {
        text.push_str(" ↺ (cycle: already on this path)");
    } else if node.reference.is_some() {
        text.push_str(" (*) shown above");
    }
}
