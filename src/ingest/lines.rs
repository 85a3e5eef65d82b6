//! N-Triples and N-Quads parsed on every core.
//!
//! A statement of these formats never spans a line (Oxigraph's parser refuses a line break
//! inside one), so a text cut at line ends parses piece by piece, each piece by a parser of its
//! own. The pieces are handed on in the text's order: the first error reported is the first in
//! the text, its line counted from the text's start, and a caller that stops stops the parsing.
//! A few pieces at most are parsed ahead of the one handed on, which bounds the memory a load
//! of any size takes.
//!
//! Each piece's parser would give a blank node label a node of its own, so blank nodes are
//! renamed here instead, by a hash of the label under keys drawn for each reading: one node per
//! label in the whole text, and none shared with another reading, as the parser's own renaming
//! gives.

use super::{syntax_error, Source, SourceError};
use oxigraph::io::{RdfParser, RdfSyntaxError};
use oxigraph::model::{BlankNode, GraphName, NamedOrBlankNode, Quad, Term, Triple};
use std::collections::hash_map::RandomState;
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::num::NonZeroUsize;
use std::ops::{ControlFlow, Range};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

/// The length of text a piece is cut near: about 30,000 generated triples, a few milliseconds
/// of a core. Shorter texts are parsed as one piece, in the caller's thread.
const PIECE: usize = 4 << 20;

/// How many pieces each parsing thread may have parsed before the caller takes them.
const AHEAD: usize = 2;

/// A text cut at line ends, into at least as many pieces as there are cores to parse them.
pub(super) struct Pieces {
    ranges: Vec<Range<usize>>,
    threads: usize,
}

impl Pieces {
    /// The pieces of `text`, or `None` when there is one: a text under two pieces' length, one
    /// core, or no line end where a cut would go.
    pub(super) fn of(text: &[u8]) -> Option<Self> {
        let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
        Self::cut(text, PIECE, cores)
    }

    fn cut(text: &[u8], piece: usize, cores: usize) -> Option<Self> {
        if cores < 2 || text.len() < 2 * piece {
            return None;
        }
        // A multiple of the cores, so that the last round of pieces keeps them all busy.
        let count = (text.len() / piece).div_ceil(cores) * cores;
        let length = text.len() / count;
        let mut ranges = Vec::with_capacity(count);
        let mut start = 0;
        while ranges.len() + 1 < count && start + length < text.len() {
            let Some(end) = text[start + length..].iter().position(|&b| b == b'\n') else {
                break;
            };
            let end = start + length + end + 1;
            ranges.push(start..end);
            start = end;
        }
        if ranges.is_empty() {
            return None;
        }
        if start < text.len() {
            ranges.push(start..text.len());
        }
        let threads = cores.min(ranges.len());
        Some(Self { ranges, threads })
    }

    /// Parses the pieces of `source` with `parser` on every core, and hands each piece's quads
    /// to `each` in order, as [`Source::chunks`] does.
    pub(super) fn parse<E: From<SourceError>>(
        &self,
        source: &Source,
        parser: &RdfParser,
        mut each: impl FnMut(Vec<Quad>) -> Result<ControlFlow<()>, E>,
    ) -> Result<ControlFlow<()>, E> {
        let text = source.content();
        let names = Names::default();
        let shared = Shared::default();
        thread::scope(|scope| {
            for _ in 0..self.threads {
                scope.spawn(|| self.work(text, parser, &names, &shared));
            }
            // However the caller's side ends, the threads stop before the scope waits for them.
            let _stop = Stop(&shared);
            for (i, range) in self.ranges.iter().enumerate() {
                // `None`: a thread panicked, and the scope passes its panic on.
                let Some(parsed) = shared.take(i) else {
                    return Ok(ControlFlow::Break(()));
                };
                match parsed {
                    Ok(quads) => {
                        if each(quads)?.is_break() {
                            return Ok(ControlFlow::Break(()));
                        }
                    }
                    Err(error) => {
                        let lines_before = text[..range.start].iter().filter(|&&b| b == b'\n');
                        let lines_before = lines_before.count() as u64;
                        return Err(syntax_error(source.name(), error, lines_before).into());
                    }
                }
            }
            Ok(ControlFlow::Continue(()))
        })
    }

    /// A parsing thread: takes the next piece while the caller is not too far behind.
    fn work(&self, text: &[u8], parser: &RdfParser, names: &Names, shared: &Shared) {
        let _failed = Failed(shared);
        loop {
            let i = {
                let mut state = shared.lock();
                loop {
                    if state.stop || state.next == self.ranges.len() {
                        return;
                    }
                    if state.next < state.taken + AHEAD * self.threads {
                        break;
                    }
                    state = shared.wait(state);
                }
                state.next += 1;
                state.next - 1
            };
            let parsed = parser
                .clone()
                .for_slice(&text[self.ranges[i].clone()])
                .map(|quad| quad.map(|quad| names.quad(quad)))
                .collect();
            shared.lock().parsed.insert(i, parsed);
            shared.changed.notify_all();
        }
    }
}

/// What the parsing threads and the caller share: the pieces parsed and not yet taken.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    /// The first piece no thread has started.
    next: usize,
    /// The first piece the caller has not taken.
    taken: usize,
    parsed: BTreeMap<usize, Result<Vec<Quad>, RdfSyntaxError>>,
    /// The caller is done: no piece is to be started.
    stop: bool,
    /// A parsing thread panicked: a piece may never come.
    failed: bool,
}

impl Shared {
    // A thread that panics holds no lock while it parses, so a poisoned lock guards nothing
    // half-written.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.changed
            .wait(state)
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for piece `i`; `None` if it may never come.
    fn take(&self, i: usize) -> Option<Result<Vec<Quad>, RdfSyntaxError>> {
        let mut state = self.lock();
        loop {
            if let Some(parsed) = state.parsed.remove(&i) {
                state.taken = i + 1;
                drop(state);
                self.changed.notify_all();
                return Some(parsed);
            }
            if state.failed {
                return None;
            }
            state = self.wait(state);
        }
    }
}

struct Stop<'a>(&'a Shared);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.lock().stop = true;
        self.0.changed.notify_all();
    }
}

struct Failed<'a>(&'a Shared);

impl Drop for Failed<'_> {
    fn drop(&mut self) {
        if thread::panicking() {
            self.0.lock().failed = true;
            self.0.changed.notify_all();
        }
    }
}

/// Blank nodes named by a 128-bit hash of their label under random keys.
struct Names(RandomState, RandomState);

impl Default for Names {
    fn default() -> Self {
        Self(RandomState::new(), RandomState::new())
    }
}

impl Names {
    fn node(&self, node: &BlankNode) -> BlankNode {
        let label = node.as_str();
        let high = u128::from(self.0.hash_one(label)) << 64;
        BlankNode::new_from_unique_id(high | u128::from(self.1.hash_one(label)))
    }

    fn subject(&self, subject: NamedOrBlankNode) -> NamedOrBlankNode {
        match subject {
            NamedOrBlankNode::BlankNode(node) => self.node(&node).into(),
            named => named,
        }
    }

    fn term(&self, term: Term) -> Term {
        match term {
            Term::BlankNode(node) => self.node(&node).into(),
            Term::Triple(triple) => Triple {
                subject: self.subject(triple.subject),
                predicate: triple.predicate,
                object: self.term(triple.object),
            }
            .into(),
            other => other,
        }
    }

    fn quad(&self, quad: Quad) -> Quad {
        Quad {
            subject: self.subject(quad.subject),
            predicate: quad.predicate,
            object: self.term(quad.object),
            graph_name: match quad.graph_name {
                GraphName::BlankNode(node) => self.node(&node).into(),
                graph => graph,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Format;
    use oxigraph::io::RdfFormat;
    use std::collections::HashMap;

    /// N-Triples whose blank nodes recur all through the text, with `broken` lines (numbered
    /// from 1) replaced by a statement that does not parse.
    fn text(lines: usize, broken: &[usize]) -> String {
        (1..=lines)
            .map(|n| {
                if broken.contains(&n) {
                    format!("<urn:s{n}> <urn:p> \"unterminated .\n")
                } else if n % 3 == 0 {
                    format!("_:b{} <urn:p> \"line {n}\"@en .\n", n % 7)
                } else {
                    format!("<urn:s{n}> <urn:p> _:b{} .\r\n", n % 5)
                }
            })
            .collect()
    }

    fn source(text: &str, format: RdfFormat) -> Source {
        Source::from_bytes(
            "t.nt",
            text.as_bytes().to_vec(),
            Format::Rdf(format),
            "urn:g",
        )
        .unwrap()
    }

    /// The quads as the pieces give them, or the error, each piece at most `piece` bytes.
    fn by_pieces(source: &Source, piece: usize) -> Result<Vec<Quad>, SourceError> {
        let Format::Rdf(format) = source.format() else {
            unreachable!()
        };
        let pieces = Pieces::cut(source.content(), piece, 2).expect("cut");
        assert!(pieces.ranges.len() >= 4, "{} pieces", pieces.ranges.len());
        let mut quads = Vec::new();
        let flow = pieces.parse(source, &source.rdf_parser(format)?, |chunk| {
            quads.extend(chunk);
            Ok::<_, SourceError>(ControlFlow::Continue(()))
        })?;
        assert!(flow.is_continue());
        Ok(quads)
    }

    /// Asserts that `a` and `b` are the same quads in the same order up to a one-to-one renaming
    /// of blank nodes.
    fn same_up_to_blank_nodes(a: &[Quad], b: &[Quad]) {
        assert_eq!(a.len(), b.len());
        let mut forth = HashMap::new();
        let mut back = HashMap::new();
        let mut pair = |x: BlankNode, y: BlankNode| {
            assert_eq!(forth.entry(x.clone()).or_insert_with(|| y.clone()), &y);
            assert_eq!(back.entry(y).or_insert(x.clone()), &x);
        };
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x.predicate, y.predicate);
            match (&x.subject, &y.subject) {
                (NamedOrBlankNode::BlankNode(m), NamedOrBlankNode::BlankNode(n)) => {
                    pair(m.clone(), n.clone())
                }
                (m, n) => assert_eq!(m, n),
            }
            match (&x.object, &y.object) {
                (Term::BlankNode(m), Term::BlankNode(n)) => pair(m.clone(), n.clone()),
                (m, n) => assert_eq!(m, n),
            }
            match (&x.graph_name, &y.graph_name) {
                (GraphName::BlankNode(m), GraphName::BlankNode(n)) => pair(m.clone(), n.clone()),
                (m, n) => assert_eq!(m, n),
            }
        }
        assert_eq!(forth.len(), back.len());
    }

    #[test]
    fn pieces_give_the_quads_of_one_reading_with_one_node_per_blank_label() {
        let source = source(&text(2_000, &[]), RdfFormat::NTriples);
        let whole: Vec<Quad> = source.quads().unwrap().map(Result::unwrap).collect();
        let pieces = by_pieces(&source, 4_000).unwrap();
        same_up_to_blank_nodes(&whole, &pieces);
        let labels: std::collections::HashSet<_> = pieces
            .iter()
            .filter_map(|q| match &q.subject {
                NamedOrBlankNode::BlankNode(b) => Some(b.clone()),
                NamedOrBlankNode::NamedNode(_) => None,
            })
            .collect();
        assert_eq!(labels.len(), 7, "_:b0 to _:b6 as subjects");
        // Another reading shares no blank node with the first.
        let again = by_pieces(&source, 4_000).unwrap();
        assert!(again.iter().all(|q| !labels.contains(match &q.subject {
            NamedOrBlankNode::BlankNode(b) => b,
            NamedOrBlankNode::NamedNode(_) => return true,
        })));
    }

    #[test]
    fn n_quads_keep_their_graphs_and_blank_graph_names() {
        let text: String = (0..3_000)
            .map(|n| format!("_:s{} <urn:p> \"{n}\" _:g{} .\n", n % 11, n % 2))
            .collect();
        let source = source(&text, RdfFormat::NQuads);
        let whole: Vec<Quad> = source.quads().unwrap().map(Result::unwrap).collect();
        same_up_to_blank_nodes(&whole, &by_pieces(&source, 5_000).unwrap());
    }

    #[test]
    fn the_first_error_in_the_text_is_the_one_reported_with_its_line_from_the_start() {
        for broken in [vec![1_990], vec![700, 1_990], vec![3], vec![2_000]] {
            let source = source(&text(2_000, &broken), RdfFormat::NTriples);
            let whole = source
                .quads()
                .unwrap()
                .find_map(Result::err)
                .expect("an error");
            let pieces = by_pieces(&source, 4_000).expect_err("an error");
            assert_eq!(pieces.to_string(), whole.to_string());
            assert!(
                whole.to_string().contains(&format!(":{}:", broken[0])),
                "{whole}"
            );
        }
    }

    #[test]
    fn a_caller_that_stops_stops_the_parsing() {
        let source = source(&text(5_000, &[]), RdfFormat::NTriples);
        let pieces = Pieces::cut(source.content(), 2_000, 2).unwrap();
        let mut taken = 0;
        let parser = source.rdf_parser(RdfFormat::NTriples).unwrap();
        let flow = pieces.parse(&source, &parser, |_| {
            taken += 1;
            Ok::<_, SourceError>(if taken == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            })
        });
        assert!(flow.unwrap().is_break());
        assert_eq!(taken, 2);
    }

    #[test]
    fn a_text_too_short_or_without_line_ends_is_one_piece() {
        assert!(Pieces::cut(&[b'x'; 100], 64, 2).is_none());
        assert!(Pieces::cut(&[b'x'; 1_000], 64, 2).is_none());
        assert!(Pieces::cut(text(100, &[]).as_bytes(), 64, 1).is_none());
        let cut = Pieces::cut(text(100, &[]).as_bytes(), 64, 2).unwrap();
        assert_eq!(cut.ranges.len() % 2, 0, "a multiple of the cores");
    }
}
