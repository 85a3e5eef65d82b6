//! The main job's answer for a person: each allegation a heading, its responses grouped beneath
//! it, every line fitted to a width. Rows come from the named query `responses`, in its order
//! (the most answered allegation first, the most liked responses first within one).
//!
//! ```text
//! HOW IS MODEL DISTILLATION STEALING … (32 responses)
//!
//!   counter-accusation · tu quoque · Elon Musk · 251 likes
//!     Anthropic itself trained on data it took without asking
//!     “你们自己就是靠偷数据训练的……”
//! ```

use super::wrap::{printable, text_width, width};
use crate::analysis::{ArgumentGraph, Link, RootKind};
use oxigraph::model::Term;
use oxigraph::sparql::QuerySolution;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// What one row of `responses` says, as text.
struct Response {
    allegation: String,
    via: Option<String>,
    kind: String,
    scheme: Option<String>,
    by: Option<String>,
    likes: Option<String>,
    popularity: Option<String>,
    claim: String,
    quote: Option<String>,
}

impl Response {
    fn of(row: &QuerySolution) -> Self {
        let text = |name: &str| match row.get(name) {
            Some(Term::Literal(literal)) if !literal.value().is_empty() => {
                Some(printable(literal.value()).into_owned())
            }
            Some(Term::NamedNode(node)) => Some(node.as_str().to_owned()),
            _ => None,
        };
        Self {
            allegation: text("allegation").unwrap_or_default(),
            via: text("via"),
            kind: text("type").unwrap_or_default(),
            scheme: text("scheme"),
            by: text("by"),
            likes: text("likes"),
            // GROUP_CONCAT has no order in SPARQL 1.1: sorted, the same words read the same.
            popularity: text("popularity").map(|words| {
                let mut words: Vec<&str> = words.split(", ").collect();
                words.sort_unstable();
                words.join(", ")
            }),
            claim: text("response").unwrap_or_default(),
            quote: text("quote"),
        }
    }

    /// `type · scheme · who · likes` in `columns`: what is cut to fit is the who and the
    /// scheme, never the likes, which come from the source.
    fn headline(&self, columns: usize) -> String {
        let likes = match (&self.likes, &self.popularity) {
            (Some(n), _) if n == "1" => Some("1 like".to_owned()),
            (Some(n), _) => Some(format!("{n} likes")),
            (None, Some(words)) => Some(words.clone()),
            (None, None) => None,
        };
        let words = [
            Some(self.kind.clone()),
            self.scheme.clone(),
            self.by.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        match likes {
            Some(likes) => {
                let tail = format!(" · {likes}");
                let room = columns.saturating_sub(text_width(&tail));
                format!("{}{tail}", truncate(&collapse(&words), room))
            }
            None => truncate(&collapse(&words), columns),
        }
    }
}

/// Writes the rows of the named query `responses` as an outline no line of which is wider
/// than `columns` (at least 20) when given, or cut at all when not: per allegation a heading with its number of responses, then
/// each response as a headline (type, scheme, who, likes or the source's words for them), the
/// responding claim, the premise it answers when it is not the allegation itself, and the
/// quote behind it. Longer texts are cut with an ellipsis, never wrapped.
///
/// # Complexity
/// `O(r)` for `r` rows, and the length of their texts.
pub fn write_responses(
    rows: &[QuerySolution],
    columns: Option<usize>,
    out: &mut impl Write,
) -> io::Result<()> {
    let responses: Vec<Response> = rows.iter().map(Response::of).collect();
    if responses.is_empty() {
        return writeln!(out, "no allegation in the store has a response");
    }
    write_groups(&responses, columns, out)
}

/// Writes the responses to debates that start from a thesis or a conclusion rather than an
/// allegation (see [`ArgumentGraph::roots`]), read from the argument graph, as
/// [`write_responses`] writes those of allegations: each root a heading, `thesis: ...` or
/// `conclusion: ...`, then the responses to it and to its premises, most liked first.
///
/// # Complexity
/// `O(r log r)` for the `r` responses to the conclusions and their premises, plus the claims
/// reached through premises.
pub fn write_conclusion_responses(
    graph: &ArgumentGraph,
    roots: &[(NodeIndex, RootKind)],
    columns: Option<usize>,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut responses = Vec::new();
    for &(root, kind) in roots {
        let heading = format!("{}: {}", kind.name(), graph.graph[root].label);
        let first = responses.len();
        // The conclusion and its premises, transitively, as `cg:hasPremise*` reaches them.
        let mut targets = vec![root];
        let mut seen = BTreeSet::from([root]);
        while let Some(target) = targets.pop() {
            for link in graph.graph.edges_directed(target, Direction::Incoming) {
                let from = link.source();
                match link.weight() {
                    Link::Premise => {
                        if seen.insert(from) {
                            targets.push(from);
                        }
                    }
                    Link::Response { kind, scheme, .. } => {
                        let claim = &graph.graph[from];
                        responses.push(Response {
                            allegation: heading.clone(),
                            via: (target != root).then(|| graph.graph[target].label.clone()),
                            kind: kind.name().to_owned(),
                            scheme: scheme.clone(),
                            by: claim.claimant.as_ref().map(|c| c.label.clone()),
                            likes: claim.likes.map(|n| n.to_string()),
                            popularity: (!claim.popularity.is_empty()).then(|| {
                                let words = claim.popularity.iter().map(|level| {
                                    level
                                        .label_zh
                                        .clone()
                                        .unwrap_or_else(|| level.label.clone())
                                });
                                words.collect::<Vec<_>>().join(", ")
                            }),
                            claim: claim.label.clone(),
                            quote: claim.quote.clone(),
                        });
                    }
                }
            }
        }
        responses[first..].sort_by(|a, b| {
            let likes = |r: &Response| r.likes.as_deref().and_then(|n| n.parse::<u64>().ok());
            likes(b).cmp(&likes(a)).then_with(|| a.claim.cmp(&b.claim))
        });
    }
    write_groups(&responses, columns, out)
}

/// Each heading of `responses` (consecutive rows with the same one), then its responses.
fn write_groups(
    responses: &[Response],
    columns: Option<usize>,
    out: &mut impl Write,
) -> io::Result<()> {
    let columns = columns.map_or(usize::MAX, |columns| columns.max(20));
    let mut start = 0;
    while start < responses.len() {
        let allegation = &responses[start].allegation;
        let end = start
            + responses[start..]
                .iter()
                .take_while(|r| &r.allegation == allegation)
                .count();
        if start > 0 {
            writeln!(out)?;
        }
        let count = end - start;
        let plural = if count == 1 { "" } else { "s" };
        let tail = format!(" ({count} response{plural})");
        let room = columns.saturating_sub(text_width(&tail));
        writeln!(out, "{}{tail}", truncate(&collapse(allegation), room))?;
        for response in &responses[start..end] {
            writeln!(out)?;
            line(out, 2, &response.headline(columns - 2), columns)?;
            line(out, 4, &response.claim, columns)?;
            if let Some(via) = &response.via {
                line(out, 4, &format!("answers the premise: {via}"), columns)?;
            }
            if let Some(quote) = &response.quote {
                line(out, 4, &format!("“{quote}”"), columns)?;
            }
        }
        start = end;
    }
    Ok(())
}

fn line(out: &mut impl Write, indent: usize, text: &str, columns: usize) -> io::Result<()> {
    let text = truncate(&collapse(text), columns - indent);
    writeln!(out, "{:indent$}{text}", "")
}

/// Runs of whitespace (line breaks included) as one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` (one line) in at most `columns` display columns: cut with an ellipsis when it is
/// wider, between characters, never inside one.
pub fn truncate(text: &str, columns: usize) -> String {
    if text_width(text) <= columns {
        return text.to_owned();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + width(c) + 1 > columns {
            break;
        }
        cut.push(c);
        used += width(c);
    }
    let mut cut = cut.trim_end().to_owned();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_wide_characters_twice_and_ends_with_an_ellipsis() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(
            truncate("industrial-scale distillation", 12),
            "industrial-…"
        );
        assert_eq!(truncate("如果属实，这是盗窃", 9), "如果属实…");
        assert_eq!(truncate("  251 likes  a", 14), "  251 likes  a");
        for columns in 1..30 {
            let cut = truncate("如果属实 industrial-scale distillation attacks", columns);
            assert!(text_width(&cut) <= columns, "{columns}: {cut}");
        }
    }
}
