//! The main job's answer for a person: each allegation a heading, its responses grouped beneath
//! it, every line fitted to a width. Rows are those of the named query `responses`, in its order
//! (the most answered allegation first, the most liked responses first within one): read from
//! the argument graph where it holds all the query would show ([`response_rows`]), else from
//! the query's solutions ([`ResponseRow::of`]).
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
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

/// What one row of `responses` says, as text: the query's variables `allegation`, `via`,
/// `type`, `scheme`, `by`, `likes`, `popularity`, `response` and `quote`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ResponseRow {
    /// The allegation's label, or the heading of the debate's root.
    pub allegation: String,
    /// The premise answered, when it is not the allegation itself.
    pub via: Option<String>,
    /// The response's type in words.
    pub kind: String,
    /// The argument scheme's label.
    pub scheme: Option<String>,
    /// Who made the responding claim.
    pub by: Option<String>,
    /// Likes of the quote behind it, as written.
    pub likes: Option<String>,
    /// The source's words for its popularity, sorted, where it gives them.
    pub popularity: Option<String>,
    /// The responding claim's label.
    pub claim: String,
    /// The quote behind it.
    pub quote: Option<String>,
}

impl ResponseRow {
    /// The row of a solution of the named query `responses`.
    pub fn of(row: &QuerySolution) -> Self {
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
            popularity: text("popularity").and_then(|words| sorted_words(words.split(", "))),
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
    let rows: Vec<ResponseRow> = rows.iter().map(ResponseRow::of).collect();
    write_response_rows(&rows, columns, out)
}

/// [`write_responses`] of rows already read, from the query or from [`response_rows`].
///
/// # Complexity
/// `O(r)` for `r` rows, and the length of their texts.
pub fn write_response_rows(
    rows: &[ResponseRow],
    columns: Option<usize>,
    out: &mut impl Write,
) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "no allegation in the store has a response");
    }
    write_groups(rows, columns, out)
}

/// The rows the named query `responses` gives, in its order, read from the graph instead of
/// the store; `None` when the graph cannot tell them: not [`ArgumentGraph::responses_exact`],
/// an allegation, premise or responding claim the query shows otherwise
/// ([`ArgumentGraph::unlike_query`]), or two rows the query would merge into one (the same
/// labels throughout) that differ in the likes, popularity or quote it would sample. Rows the query leaves in no order (the same allegation, likes and responding claim)
/// come in the graph's order.
///
/// # Complexity
/// `O(r log r)` for the `r` responses to allegations and their premises, plus `O(n)` for the
/// `n` claims and the claims reached through premises.
pub fn response_rows(graph: &ArgumentGraph) -> Option<Vec<ResponseRow>> {
    if !graph.responses_exact {
        return None;
    }
    let unlike = |claim: NodeIndex| graph.unlike_query.binary_search(&claim).is_ok();
    // (responses to the allegation and its premises, row)
    let mut rows: Vec<(usize, ResponseRow)> = Vec::new();
    for allegation in graph.graph.node_indices() {
        if !graph.graph[allegation].allegation {
            continue;
        }
        let answers = answers(graph, allegation, &graph.graph[allegation].label);
        let shown = answers.iter().flat_map(|answer| [answer.from, answer.to]);
        if !answers.is_empty() && shown.chain([allegation]).any(unlike) {
            return None;
        }
        let count = answers
            .iter()
            .map(|answer| answer.response)
            .collect::<HashSet<_>>()
            .len();
        rows.extend(answers.into_iter().map(|a| (count, a.row)));
    }
    // The query groups by every column but those it samples or concatenates.
    let mut first = HashMap::new();
    let mut keep = Vec::with_capacity(rows.len());
    for (count, row) in &rows {
        let key = (
            *count,
            &row.allegation,
            &row.via,
            &row.kind,
            &row.scheme,
            &row.claim,
            &row.by,
        );
        match first.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(row);
                keep.push(true);
            }
            Entry::Occupied(slot) if *slot.get() == row => keep.push(false),
            Entry::Occupied(_) => return None,
        }
    }
    drop(first);
    let mut keep = keep.into_iter();
    rows.retain(|_| keep.next().unwrap_or(false));
    rows.sort_by(|(count_a, a), (count_b, b)| {
        count_b
            .cmp(count_a)
            .then_with(|| a.allegation.cmp(&b.allegation))
            .then_with(|| most_liked_first(a, b))
    });
    Some(rows.into_iter().map(|(_, row)| row).collect())
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
        let mut rows: Vec<ResponseRow> = answers(graph, root, &heading)
            .into_iter()
            .map(|answer| answer.row)
            .collect();
        rows.sort_by(most_liked_first);
        responses.extend(rows);
    }
    write_groups(&responses, columns, out)
}

/// A response to a root or one of its premises, as a row.
struct Answer<'g> {
    /// The response's IRI.
    response: &'g str,
    /// The responding claim and the claim it answers.
    from: NodeIndex,
    to: NodeIndex,
    row: ResponseRow,
}

/// Every response to `root` and to its premises, transitively, as `cg:hasPremise*` reaches
/// them, each link a row under `heading`, in the graph's order of the claims reached.
///
/// # Complexity
/// Linear in the claims reached through premises and the links into them.
fn answers<'g>(graph: &'g ArgumentGraph, root: NodeIndex, heading: &str) -> Vec<Answer<'g>> {
    let heading = printable(heading).into_owned();
    let mut answers = Vec::new();
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
                Link::Response {
                    iri, kind, scheme, ..
                } => {
                    let claim = &graph.graph[from];
                    let row = ResponseRow {
                        allegation: heading.clone(),
                        via: (target != root)
                            .then(|| shown(&graph.graph[target].label))
                            .flatten(),
                        kind: printable(kind.name()).into_owned(),
                        scheme: scheme.as_deref().and_then(shown),
                        by: claim.claimant.as_ref().and_then(|c| shown(&c.label)),
                        likes: claim.likes.map(|n| n.to_string()),
                        popularity: sorted_words(claim.popularity.iter().map(|level| {
                            level.label_zh.as_deref().unwrap_or(level.label.as_str())
                        })),
                        claim: printable(&claim.label).into_owned(),
                        quote: claim.quote.as_deref().and_then(shown),
                    };
                    answers.push(Answer {
                        response: iri,
                        from,
                        to: target,
                        row,
                    });
                }
            }
        }
    }
    answers
}

/// The most liked first, then by the responding claim: the query's order within an
/// allegation. No likes count as fewest.
fn most_liked_first(a: &ResponseRow, b: &ResponseRow) -> std::cmp::Ordering {
    let likes = |r: &ResponseRow| r.likes.as_deref().and_then(|n| n.parse::<u64>().ok());
    likes(b).cmp(&likes(a)).then_with(|| a.claim.cmp(&b.claim))
}

/// A text as a row shows it: `None` when empty, as the query's unbound or empty values.
fn shown(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| printable(text).into_owned())
}

/// Words, sorted and each once, joined with commas: GROUP_CONCAT has no order in SPARQL 1.1,
/// and sorted, the same words read the same. `None` for no words.
fn sorted_words<'a>(words: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut words: Vec<&str> = words.filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.dedup();
    (!words.is_empty()).then(|| printable(&words.join(", ")).into_owned())
}

/// Each heading of `responses` (consecutive rows with the same one), then its responses.
fn write_groups(
    responses: &[ResponseRow],
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
    use crate::ingest::Source;
    use crate::query::{self, QueryOutput};
    use crate::{bundled, ClaimStore};

    /// The rows of the named query `responses` on `store`, and those read from its graph.
    fn queried_and_read(store: &ClaimStore) -> (Vec<ResponseRow>, Option<Vec<ResponseRow>>) {
        let named = query::named_query("responses").unwrap();
        let QueryOutput::Solutions { rows, .. } =
            query::run(store, "queries/responses.rq", named.text).unwrap()
        else {
            panic!("responses is a SELECT query")
        };
        let queried = rows.iter().map(ResponseRow::of).collect();
        let graph = crate::analysis::ArgumentGraph::from_store(store).unwrap();
        (queried, response_rows(&graph))
    }

    /// The query's rows and the graph's are the same, in the same order but for rows the query
    /// leaves in no order (the same allegation, likes and responding claim).
    fn assert_read_as_queried(store: &ClaimStore) {
        let (queried, read) = queried_and_read(store);
        let read = read.expect("the graph holds the query's rows");
        assert!(queried.len() > 10, "{} rows", queried.len());
        let order = |rows: &[ResponseRow]| {
            let keys = rows.iter().map(|r| (&r.allegation, &r.likes, &r.claim));
            keys.map(|(a, l, c)| (a.clone(), l.clone(), c.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(order(&read), order(&queried));
        let sorted = |rows: &[ResponseRow]| {
            let mut rows = rows.to_vec();
            rows.sort();
            rows
        };
        assert_eq!(sorted(&read), sorted(&queried));
        let printed = |rows: &[ResponseRow]| {
            let mut out = Vec::new();
            write_response_rows(&sorted(rows), Some(100), &mut out).unwrap();
            out
        };
        assert_eq!(printed(&read), printed(&queried));
    }

    #[test]
    fn the_graph_gives_the_rows_of_the_query_on_the_bundled_controversy() {
        let store = ClaimStore::in_memory().unwrap();
        store.load_with_schema(&bundled::data_sources()).unwrap();
        assert_read_as_queried(&store);
        let (queried, _) = queried_and_read(&store);
        assert!(queried.iter().any(|r| r.via.is_some() && r.quote.is_some()));
        assert!(queried
            .iter()
            .any(|r| r.likes.is_none() && r.popularity.is_some()));
    }

    #[test]
    fn the_graph_gives_the_rows_of_the_query_on_generated_debates() {
        for seed in 1..=3 {
            let store = ClaimStore::in_memory().unwrap();
            store.load_bundled_and_generated(1_500, seed);
            assert_read_as_queried(&store);
        }
    }

    /// The bundled controversy and these Turtle statements, in a store of their own.
    fn bundled_with(extra: &str) -> ClaimStore {
        let store = ClaimStore::in_memory().unwrap();
        let mut sources = bundled::data_sources();
        let turtle = format!(
            "@prefix cg: <https://w3id.org/claimgraph/ns#> .
             @prefix dist: <https://w3id.org/claimgraph/id/distillation-attacks/> .
             @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
             @prefix schema: <https://schema.org/> .
             {extra}"
        );
        let source = Source::from_bytes(
            "extra.ttl",
            turtle.into_bytes(),
            oxigraph::io::RdfFormat::Turtle,
            "urn:extra",
        );
        sources.push(source.unwrap());
        store.load_with_schema(&sources).unwrap();
        store
    }

    #[test]
    fn claims_no_allegation_reaches_may_be_shown_otherwise() {
        // An argument map's claim labelled in no language, and a claim behind two quotes:
        // neither answers an allegation.
        let store = bundled_with(
            r#"<urn:map-claim> a cg:Claim ; rdfs:label "a map's claim"@und .
               <urn:q1> cg:expresses <urn:twice> . <urn:q2> cg:expresses <urn:twice> .
               <urn:twice> a cg:Claim ; rdfs:label "said twice"@en ."#,
        );
        let graph = crate::analysis::ArgumentGraph::from_store(&store).unwrap();
        assert_eq!(graph.unlike_query.len(), 2);
        assert_read_as_queried(&store);
    }

    #[test]
    fn the_query_answers_where_the_graph_cannot_tell_its_rows() {
        // A second quote with other likes behind a response, of which the query samples one; a
        // second claim with the label of one that answers the same allegation, whose row the
        // query merges with the first's; a response class of another vocabulary, which the
        // query shows by its own label.
        for (extra, unlike, exact) in [
            (
                r#"dist:other-quote cg:expresses dist:c-distillation-not-stealing ;
                   schema:interactionStatistic [ schema:interactionType schema:LikeAction ;
                                                 schema:userInteractionCount 7 ] ."#,
                1,
                true,
            ),
            (
                r#"<urn:twin> a cg:Claim ; rdfs:label "DeepSeek's cost advantage questioned"@en .
                   <urn:twin-quote> cg:expresses <urn:twin> ; cg:originalText "a twin" .
                   <urn:twin-response> a cg:Support ; cg:fromClaim <urn:twin> ;
                       cg:toClaim dist:c-distillation-attack ."#,
                0,
                true,
            ),
            (
                r#"<urn:retort> rdfs:subClassOf cg:Rebuttal ; rdfs:label "retort"@en .
                   <urn:retorted> a <urn:retort> ;
                       cg:fromClaim dist:c-distillation-not-stealing ;
                       cg:toClaim dist:c-distillation-attack ."#,
                0,
                false,
            ),
        ] {
            let store = bundled_with(extra);
            let (queried, read) = queried_and_read(&store);
            assert!(!queried.is_empty());
            assert_eq!(read, None, "{extra}");
            let graph = crate::analysis::ArgumentGraph::from_store(&store).unwrap();
            assert_eq!(graph.unlike_query.len(), unlike, "{extra}");
            assert_eq!(graph.responses_exact, exact, "{extra}");
        }
    }

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
