//! Validating a change to the data by the nodes it can affect, a batch at a time, rather than
//! a copy of everything in memory.
//!
//! A change replaces some graphs, removes quads (an update's) and adds quads. The nodes whose
//! verdict it can alter are those from which a changed triple's subject is within the shapes'
//! [`Reach`] walking forward (see `reach`), plus those it makes or unmakes focus nodes. On
//! each side of the change, before
//! and after, the shapes' screen (see `screen`) clears those that certainly conform, and the
//! engine validates the others, a batch at a time, on what the shapes read around them: what
//! is broken after and not before is what the change breaks; what was broken already is told
//! apart. The rest of the data keeps the verdict it had.
//!
//! The answers are those of validating everything, which the tests hold them to. Two cases
//! fall back to broader work: shapes without a bound validate whole copies, as `validate` does,
//! and a change to `rdfs:subClassOf` (on which every `sh:class` and `sh:targetClass` depends)
//! makes every node affected, still a batch at a time.

use super::added::Added;
use super::engine::{validate, Report, Shapes, ValidationError, Violation};
use super::reach::Reach;
use super::screen::Data;
use crate::bundled;
use oxigraph::model::vocab::rdfs;
use oxigraph::model::{
    GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, TermRef,
};
use oxigraph::store::{StorageError, Store};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

/// How many focus nodes are validated together: the engine holds a batch and what it reads in
/// memory, a few kilobytes a triple.
const BATCH: usize = 20_000;

/// A change to the data.
pub struct Change<'a> {
    /// The data before the change.
    pub before: &'a Store,
    /// The graphs of `before` whose content the change replaces.
    pub replaced: &'a BTreeSet<NamedNode>,
    /// Quads of `before` the change removes, beside the graphs it replaces (an update's).
    pub removed: &'a Added,
    /// The quads the change adds.
    pub added: &'a Added,
}

/// The verdict on a change.
#[derive(Debug)]
pub struct Judgement {
    /// What the change breaks: the violations after it that were not there before.
    pub report: Report,
    /// Violations of the nodes the change touches that were there before it, and stay.
    pub already: Vec<Violation>,
}

impl Judgement {
    /// The violations that were there already when the change breaks nothing, or else the
    /// report of what it breaks.
    pub fn accepted(self) -> Result<Vec<Violation>, Report> {
        if self.report.conforms {
            Ok(self.already)
        } else {
            Err(self.report)
        }
    }
}

/// Validates `change` against `shapes`: see the module's documentation.
pub fn validate_change(change: &Change, shapes: &Shapes) -> Result<Judgement, ValidationError> {
    let (after, before) = match shapes.reach() {
        None => {
            let after = validate(change.after_quads(), shapes)?.results;
            let before = if change.before_quads().next().is_none() {
                Vec::new()
            } else {
                validate(change.before_quads(), shapes)?.results
            };
            (after, before)
        }
        Some(reach) => {
            let foci = change.affected(reach)?;
            // Into an empty store, as a first load is, nothing was broken before.
            let was_empty = change.before_quads().next().is_none();
            let mut after = Vec::new();
            let mut before = Vec::new();
            for batch in change.suspects(&foci, Side::After, shapes)?.chunks(BATCH) {
                after.extend(change.around(batch, reach.depth, Side::After, shapes)?);
            }
            if !was_empty {
                for batch in change.suspects(&foci, Side::Before, shapes)?.chunks(BATCH) {
                    before.extend(change.around(batch, reach.depth, Side::Before, shapes)?);
                }
            }
            (once(after), once(before))
        }
    };
    // Not by message: the engine's words for `sh:uniqueLang` list the values in the order it met
    // them, which differs between what is read around a node and the whole store. Blank nodes
    // all alike: a graph loaded again has new ones in place of the old.
    let named = |term: &Term| match term {
        Term::BlankNode(_) => None,
        term => Some(term.clone()),
    };
    let key = |v: &Violation| {
        (
            named(&v.focus),
            v.path.clone(),
            v.value.as_ref().and_then(named),
            v.constraint.clone(),
            v.shape.clone(),
            v.severity.clone(),
        )
    };
    // Counted, since blank nodes alike make several violations read the same.
    let mut was: HashMap<_, usize> = HashMap::new();
    for violation in &before {
        *was.entry(key(violation)).or_default() += 1;
    }
    let (already, new): (Vec<Violation>, Vec<Violation>) =
        after.into_iter().partition(|v| match was.get_mut(&key(v)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        });
    Ok(Judgement {
        report: Report::of(new),
        already: Report::of(already).results,
    })
}

/// `results` with each result on a literal focus once: two batches whose triples both point to
/// the literal (`sh:targetObjectsOf`) each report it, where validating everything reports it
/// once. A literal has no triples of its own, so both reports are the same.
fn once(mut results: Vec<Violation>) -> Vec<Violation> {
    let mut seen = HashSet::new();
    results.retain(|v| !matches!(v.focus, Term::Literal(_)) || seen.insert(v.clone()));
    results
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Side {
    Before,
    After,
}

impl Change<'_> {
    /// The quads before the change, but the shapes graph's.
    fn before_quads(&self) -> impl Iterator<Item = Result<Quad, StorageError>> + '_ {
        self.before
            .iter()
            .filter(|q| q.as_ref().map_or(true, |q| !is_shapes(&q.graph_name)))
    }

    fn after_quads(&self) -> impl Iterator<Item = Result<Quad, StorageError>> + '_ {
        self.before_quads()
            .filter(|q| q.as_ref().map_or(true, |q| self.stays(q)))
            .chain(self.added_quads())
    }

    /// Whether a quad of `before` is there after the change too (unless the change adds it).
    fn stays(&self, quad: &Quad) -> bool {
        !self.is_replaced(&quad.graph_name)
            && (self.removed.is_empty() || !self.removed.contains(quad))
    }

    fn added_quads(&self) -> impl Iterator<Item = Result<Quad, StorageError>> + '_ {
        self.added
            .iter()
            .filter(|q| !is_shapes(&q.graph_name))
            .map(Ok)
    }

    /// The quads the change removes or adds.
    fn changed(&self) -> impl Iterator<Item = Result<Quad, StorageError>> + '_ {
        self.replaced
            .iter()
            .flat_map(|graph| {
                self.before
                    .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            })
            .chain(self.removed.iter().map(Ok))
            .chain(self.added_quads())
    }

    fn is_replaced(&self, graph: &GraphName) -> bool {
        matches!(graph, GraphName::NamedNode(g) if self.replaced.contains(g))
    }

    /// The focus nodes whose verdict the change can alter, each once, in a stable order.
    fn affected(&self, reach: &Reach) -> Result<Vec<NamedOrBlankNode>, StorageError> {
        let mut seen = HashSet::new();
        let mut foci = Vec::new();
        let mut add = |node: NamedOrBlankNode, foci: &mut Vec<_>| {
            if seen.insert(node.clone()) {
                foci.push(node);
            }
        };
        let mut hierarchy = false;
        for quad in self.changed() {
            let quad = quad?;
            hierarchy |= quad.predicate == rdfs::SUB_CLASS_OF;
            if reach.objects_of.contains(&quad.predicate) {
                if let Some(object) = node(quad.object.as_ref()) {
                    add(object, &mut foci);
                }
            }
            add(quad.subject, &mut foci);
        }
        for target in &reach.nodes {
            if let Some(target) = node(target.as_ref()) {
                add(target, &mut foci);
            }
        }
        if hierarchy {
            // Every class membership may have changed: every node is a candidate.
            for quad in self.before_quads() {
                let quad = quad?;
                if reach.objects_of.contains(&quad.predicate) {
                    if let Some(object) = node(quad.object.as_ref()) {
                        add(object, &mut foci);
                    }
                }
                add(quad.subject, &mut foci);
            }
            return Ok(foci);
        }
        // Walk back from the changed subjects, as far as the shapes read forward. Only through
        // what `before` holds: the subject of a quad added is a changed subject already.
        let mut frontier = 0..foci.len();
        for _ in 0..reach.depth {
            let end = foci.len();
            for i in frontier {
                let object: Term = foci[i].clone().into();
                for quad in self
                    .before
                    .quads_for_pattern(None, None, Some(object.as_ref()), None)
                {
                    let quad = quad?;
                    if !is_shapes(&quad.graph_name) {
                        add(quad.subject, &mut foci);
                    }
                }
            }
            frontier = end..foci.len();
        }
        Ok(foci)
    }

    /// The nodes of `foci` that the shapes' screen cannot clear on `side`: those the engine
    /// must validate. All of them when there is no screen.
    pub(super) fn suspects<'f>(
        &self,
        foci: &'f [NamedOrBlankNode],
        side: Side,
        shapes: &Shapes,
    ) -> Result<Cow<'f, [NamedOrBlankNode]>, StorageError> {
        Ok(match shapes.screen() {
            Some(screen) => Cow::Owned(screen.suspects(&Sided { change: self, side }, foci)?),
            None => Cow::Borrowed(foci),
        })
    }

    /// The violations of `batch` on one side of the change, from what the shapes read around
    /// it: the triples of every node within `depth` steps forward, and the class hierarchy.
    fn around(
        &self,
        batch: &[NamedOrBlankNode],
        depth: usize,
        side: Side,
        shapes: &Shapes,
    ) -> Result<Vec<Violation>, ValidationError> {
        let mut seen: HashSet<NamedOrBlankNode> = batch.iter().cloned().collect();
        let mut frontier = batch.to_vec();
        let mut read = Vec::new();
        for level in 0..=depth {
            let mut next = Vec::new();
            for subject in &frontier {
                for quad in self.quads(side, Some(subject.as_ref()), None, None) {
                    let quad = quad?;
                    if level < depth {
                        if let Some(object) = node(quad.object.as_ref()) {
                            if seen.insert(object.clone()) {
                                next.push(object);
                            }
                        }
                    }
                    read.push(quad);
                }
            }
            frontier = next;
        }
        for quad in self.quads(side, None, Some(rdfs::SUB_CLASS_OF), None) {
            read.push(quad?);
        }
        let batch: HashSet<Term> = batch.iter().cloned().map(Term::from).collect();
        let mut results = validate(read.into_iter().map(Ok), shapes)?.results;
        // Nodes read around the batch are validated too, on partial data: only the batch counts,
        // and the literals its triples make focus nodes (`sh:targetObjectsOf`), which have no
        // triples of their own to be partial; `once` keeps each of those once across batches.
        results.retain(|v| batch.contains(&v.focus) || matches!(v.focus, Term::Literal(_)));
        Ok(results)
    }

    /// The quads of `side` with this subject, predicate or object.
    fn quads<'b>(
        &'b self,
        side: Side,
        subject: Option<NamedOrBlankNodeRef<'b>>,
        predicate: Option<NamedNodeRef<'b>>,
        object: Option<TermRef<'b>>,
    ) -> impl Iterator<Item = Result<Quad, StorageError>> + 'b {
        let before = self
            .before
            .quads_for_pattern(subject, predicate, object, None)
            .filter(move |q| {
                q.as_ref().map_or(true, |q| {
                    !is_shapes(&q.graph_name) && (side == Side::Before || self.stays(q))
                })
            });
        let added = (side == Side::After).then(|| {
            self.added
                .quads_for_pattern(subject, predicate, object)
                .filter(|q| !is_shapes(&q.graph_name))
                .map(Ok)
        });
        before.chain(added.into_iter().flatten())
    }
}

/// One side of a change, as the screen reads it: what the engine would be given.
struct Sided<'a> {
    change: &'a Change<'a>,
    side: Side,
}

impl Data for Sided<'_> {
    fn outgoing(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        predicate: Option<NamedNodeRef<'_>>,
    ) -> Result<Vec<(NamedNode, Term)>, StorageError> {
        self.change
            .quads(self.side, Some(subject), predicate, None)
            .map(|quad| quad.map(|q| (q.predicate, q.object)))
            .collect()
    }

    fn incoming(
        &self,
        predicate: NamedNodeRef<'_>,
        object: &Term,
    ) -> Result<Vec<NamedOrBlankNode>, StorageError> {
        self.change
            .quads(self.side, None, Some(predicate), Some(object.as_ref()))
            .map(|quad| quad.map(|q| q.subject))
            .collect()
    }
}

fn node(term: TermRef<'_>) -> Option<NamedOrBlankNode> {
    match term {
        TermRef::NamedNode(n) => Some(n.into_owned().into()),
        TermRef::BlankNode(b) => Some(b.into_owned().into()),
        _ => None,
    }
}

fn is_shapes(graph: &GraphName) -> bool {
    matches!(graph, GraphName::NamedNode(g) if g.as_str() == bundled::SHAPES_GRAPH)
}

/// Validates what `quads` say but the shapes graph: the data of a store.
pub fn validate_data(
    quads: impl Iterator<Item = Result<Quad, StorageError>>,
    shapes: &Shapes,
) -> Result<Report, ValidationError> {
    validate(
        quads.filter(|q| q.as_ref().map_or(true, |q| !is_shapes(&q.graph_name))),
        shapes,
    )
}

#[cfg(test)]
pub(super) mod tests {
    use crate::generate::{self, SplitMix64};
    use crate::ingest::Source;
    use crate::store::{ClaimStore, LoadError};
    use crate::validate::{Shapes, Violation};
    use oxigraph::io::RdfFormat;

    /// What validating everything says a load breaks: the violations of the store with the
    /// load and without validation, less those it had before.
    fn reference(base: &[Source], added: &[Source], shapes: &Shapes) -> Vec<String> {
        let store = ClaimStore::in_memory().unwrap();
        store.load_with_schema(base).unwrap();
        let before = texts(&store.validate(shapes).unwrap().results);
        store.load(added).unwrap();
        let mut after = texts(&store.validate(shapes).unwrap().results);
        for was in before {
            if let Some(i) = after.iter().position(|v| *v == was) {
                after.remove(i);
            }
        }
        after
    }

    /// What a validated load says it breaks, and what it says was broken already.
    fn judged(base: &[Source], added: &[Source], shapes: &Shapes) -> (Vec<String>, Vec<String>) {
        let store = ClaimStore::in_memory().unwrap();
        store.load_with_schema(base).unwrap();
        match store.loader().validate(shapes).load(added) {
            Ok(report) => (Vec::new(), texts(&report.already)),
            Err(LoadError::Invalid { report }) => (texts(&report.results), Vec::new()),
            Err(e) => panic!("{e}"),
        }
    }

    /// Each violation but its message, which for `sh:uniqueLang` lists the values in the order
    /// the engine met them. Blank nodes print as `[]`: the same violation reads the same in two
    /// stores.
    fn texts(violations: &[Violation]) -> Vec<String> {
        let mut texts: Vec<String> = violations
            .iter()
            .map(|v| {
                let mut v = v.clone();
                v.message.clear();
                v.to_string()
            })
            .collect();
        texts.sort();
        texts
    }

    pub(in crate::validate) fn nt(name: &str, lines: &[String], graph: &str) -> Source {
        Source::from_bytes(
            name,
            lines.join("\n").into_bytes(),
            RdfFormat::NTriples,
            graph,
        )
        .unwrap()
    }

    /// A literal that a triple makes a focus node (`sh:targetObjectsOf`) is judged as the
    /// whole store judges it: once, though two subjects in two batches point to it, and
    /// whatever the screen makes of the subjects.
    #[test]
    fn literals_made_focus_nodes_are_judged_once() {
        let shapes = Shapes::from_turtle(
            "shapes.ttl",
            "@prefix sh: <http://www.w3.org/ns/shacl#> .
             @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
             <urn:s:Count> a sh:NodeShape ; sh:targetObjectsOf <urn:p:count> ;
                 sh:datatype xsd:integer .",
        )
        .unwrap();
        // More subjects than a batch holds, all pointing to one bad literal and one good one.
        let lines: Vec<String> = (0..super::BATCH + 5)
            .map(|i| format!("<urn:n:{i}> <urn:p:count> \"many\" ."))
            .chain([
                "<urn:n:x> <urn:p:count> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer> ."
                    .to_owned(),
            ])
            .collect();
        let added = [nt("counts.nt", &lines, "urn:counts")];
        let (new, _) = judged(&[], &added, &shapes);
        let expected = reference(&[], &added, &shapes);
        assert_eq!(expected.len(), 1, "{expected:?}");
        assert_eq!(new, expected);
    }

    /// Fails with the violations found by one and not the other.
    fn same(judged: &[String], reference: &[String], seed: u64) {
        let missing: Vec<_> = reference.iter().filter(|v| !judged.contains(v)).collect();
        let extra: Vec<_> = judged.iter().filter(|v| !reference.contains(v)).collect();
        assert!(
            missing.is_empty() && extra.is_empty() && judged.len() == reference.len(),
            "seed {seed}: missed {missing:#?}, found besides {extra:#?}"
        );
    }

    /// The lines of a generated controversy.
    pub(in crate::validate) fn generated(claims: usize, seed: u64) -> Vec<String> {
        let mut text = Vec::new();
        let spec = generate::Spec { claims, seed };
        generate::write(spec, RdfFormat::NTriples, &mut text, |_| {}).unwrap();
        String::from_utf8(text)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// `lines` with `faults` of them broken at random: a triple dropped, or one added with the
    /// subject or the object of another.
    pub(in crate::validate) fn planted(lines: &[String], seed: u64, faults: usize) -> Vec<String> {
        let mut lines = lines.to_vec();
        let mut random = SplitMix64::new(seed);
        let terms = |line: &str| -> (String, String, String) {
            let (subject, rest) = line.split_once(' ').unwrap();
            let (predicate, object) = rest.split_once(' ').unwrap();
            let object = object.trim_end_matches(" .");
            (subject.to_owned(), predicate.to_owned(), object.to_owned())
        };
        for _ in 0..faults {
            let (i, j) = (random.below(lines.len()), random.below(lines.len()));
            let (subject, predicate, object) = terms(&lines[i]);
            let (other_subject, _, other_object) = terms(&lines[j]);
            match random.below(3) {
                0 => {
                    lines.remove(i);
                }
                1 => lines.push(format!("{subject} {predicate} {other_object} .")),
                _ => lines.push(format!("{other_subject} {predicate} {object} .")),
            }
        }
        lines
    }

    #[test]
    fn a_load_into_a_store_is_judged_as_validating_everything_would() {
        let shapes = Shapes::bundled();
        let (mut broken, mut kept) = (0, 0);
        for seed in 1..=6 {
            let lines = generated(150, seed);
            let (stored, loaded) = lines.split_at(lines.len() * 2 / 3);
            // The store holds broken data already (loaded without validation); the load adds
            // more, some of it broken, that refers to what is stored and is referred to, and
            // says something of stored nodes, some of which are broken.
            let stored = planted(stored, seed, 30);
            // Every other load is sound, and lands: what it says of broken nodes is then told.
            let mut loaded = planted(loaded, seed + 100, if seed % 2 == 0 { 0 } else { 12 });
            let base = [nt("base.nt", &stored, "urn:base")];
            // Half the stored nodes that validating everything finds broken.
            let was = ClaimStore::in_memory().unwrap();
            was.load_with_schema(&base).unwrap();
            for (i, violation) in was.validate(&shapes).unwrap().results.iter().enumerate() {
                if i % 2 == 0 {
                    let comment = "<http://www.w3.org/2000/01/rdf-schema#comment> \"touched\"";
                    loaded.push(format!("{} {comment} .", violation.focus));
                }
            }
            let added = [nt("added.nt", &loaded, "urn:added")];
            let (new, already) = judged(&base, &added, &shapes);
            same(&new, &reference(&base, &added, &shapes), seed);
            let before = ClaimStore::in_memory().unwrap();
            before.load_with_schema(&base).unwrap();
            let was = texts(&before.validate(&shapes).unwrap().results);
            assert!(already.iter().all(|v| was.contains(v)), "seed {seed}");
            broken += new.len();
            kept += already.len();
        }
        // Both kinds of verdict were put to the test.
        assert!(broken > 0 && kept > 0, "broken {broken}, kept {kept}");
    }

    #[test]
    fn a_graph_loaded_again_is_judged_without_what_it_replaces() {
        let shapes = Shapes::bundled();
        let mut broken = 0;
        for seed in 7..=9 {
            // Each node in one graph or the other, at random: each graph refers to the other.
            let (a, b): (Vec<String>, Vec<String>) =
                generated(150, seed).into_iter().partition(|line| {
                    let subject = line.split_once(' ').unwrap().0;
                    subject.bytes().map(u32::from).sum::<u32>() % 2 == 0
                });
            let (a, b) = (&a[..], &b[..]);
            // Every fifth node of this half loses its type, which breaks what refers to it.
            let mut faulty = planted(b, seed, 10);
            let mut types = 0;
            faulty.retain(|line| {
                types += usize::from(line.contains("22-rdf-syntax-ns#type>"));
                !(line.contains("22-rdf-syntax-ns#type>") && types % 5 == 0)
            });
            // The other graph refers to the one replaced: removing a triple there can break
            // nodes here. A broken graph replaced by its clean version breaks nothing.
            for (first, second) in [(b, &faulty[..]), (&faulty[..], b)] {
                let base = [nt("a.nt", a, "urn:a"), nt("first.nt", first, "urn:b")];
                let added = [nt("second.nt", second, "urn:b")];
                let (new, _) = judged(&base, &added, &shapes);
                same(&new, &reference(&base, &added, &shapes), seed);
                broken += new.len();
            }
        }
        assert!(broken > 0);
    }

    #[test]
    fn violations_already_stored_do_not_stop_a_load_that_touches_them() {
        let shapes = Shapes::bundled();
        let ttl = |name: &str, text: &str| {
            Source::from_bytes(name, text.as_bytes().to_vec(), RdfFormat::Turtle, "urn:x").unwrap()
        };
        let prefixes = "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n\
                        @prefix ex: <http://example.org/> .\n\
                        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n";
        let stored = std::fs::read_to_string("tests/broken/missing-interpreted-by.ttl").unwrap();
        let base = [ttl("stored.ttl", &stored)];
        // A label for the response that lacks a reading: it touches that node, which stays
        // broken, but does not break it.
        let labelled = format!("{prefixes}ex:unread rdfs:label \"unread\"@en .\n");
        let added = [Source::from_bytes(
            "label.ttl",
            labelled.into_bytes(),
            RdfFormat::Turtle,
            "urn:label",
        )
        .unwrap()];
        let (new, already) = judged(&base, &added, &shapes);
        assert_eq!(new, Vec::<String>::new());
        assert_eq!(already.len(), 1, "{already:?}");
        assert!(already[0].contains("unread") && already[0].contains("interpretedBy"));
        // A new subclass of response makes a node a response, which the shapes then judge.
        let sub = format!(
            "{prefixes}ex:Special rdfs:subClassOf cg:Support .\n\
             ex:odd a ex:Special ; cg:fromClaim ex:reply ; cg:toClaim ex:claim .\n"
        );
        let added = [
            Source::from_bytes("sub.ttl", sub.into_bytes(), RdfFormat::Turtle, "urn:sub").unwrap(),
        ];
        let (new, _) = judged(&base, &added, &shapes);
        assert_eq!(new, reference(&base, &added, &shapes));
        assert!(new.iter().any(|v| v.contains("odd")), "{new:?}");
    }

    /// Each file of `tests/broken/` that reads as data, once to be loaded into an empty store
    /// and once beside the bundled controversy: `(name, base, the file)`. Those that do not
    /// read are refused before validation.
    pub(in crate::validate) fn broken_inputs() -> Vec<(String, Vec<Source>, Source)> {
        let mut inputs = Vec::new();
        for entry in std::fs::read_dir("tests/broken").unwrap() {
            let path = entry.unwrap().path();
            for base in [Vec::new(), crate::bundled::data_sources()] {
                let Ok(source) = Source::from_file(&path, None, None) else {
                    continue;
                };
                let scratch = ClaimStore::in_memory().unwrap();
                scratch.load_with_schema(&base).unwrap();
                if scratch.load(std::slice::from_ref(&source)).is_ok() {
                    inputs.push((path.display().to_string(), base, source));
                }
            }
        }
        inputs
    }

    #[test]
    fn every_broken_input_gets_the_verdict_of_validating_everything() {
        let shapes = Shapes::bundled();
        for (name, base, source) in broken_inputs() {
            let added = [source];
            let (new, _) = judged(&base, &added, &shapes);
            assert_eq!(new, reference(&base, &added, &shapes), "{name}");
        }
    }
}
