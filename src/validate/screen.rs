//! A native pre-screen of focus nodes: which of them certainly conform to every shape that
//! targets them, so that the engine need validate only the others, the suspects.
//!
//! Nearly every node of a load conforms, and the engine spends most of a validated load
//! finding that out. The screen is built from the engine's own compiled shapes (rudof's
//! `IRSchema`, so that both read the shapes graph alike) and decides each constraint component
//! as the engine's code does (shacl 0.3.37, `validator/constraints/core`), with the engine's
//! own conversions and orderings wherever it compares values (`Object`, `ConcreteLiteral`,
//! `Lang`). It reads the same data the engine would, and answers only "conforms" or "suspect":
//! the engine still writes every result.
//!
//! It must never clear a node the engine would report, and may flag one that conforms. So:
//!
//! - A component it does not decide (`sh:sparql`, `sh:not`, `sh:xone`, `sh:and`,
//!   `sh:qualifiedValueShape`, `sh:closed`, `sh:in`, `sh:languageIn`, lengths, the other
//!   ranges and property pairs, paths other than predicates, their inverses and alternatives
//!   of those) fails every node that reaches it, however it is reached.
//! - Where the engine fails a whole validation (a value it cannot convert, a comparison with a
//!   literal focus), the node is a suspect, so that the engine meets it and fails as before.
//! - Blank nodes may reach the engine as IRIs (see `engine`): a check whose answer that could
//!   change (`sh:pattern`, `sh:disjoint`, `sh:lessThanOrEquals` on a blank node) fails them.
//! - Shapes whose results can name another focus node than the one validated (property shapes
//!   inside property shapes, reifier shapes), recursive shapes and targets it cannot read leave
//!   no screen at all: every node goes to the engine, as without one.

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term};
use oxigraph::store::StorageError;
use rudof_rdf::rdf_core::term::literal::{ConcreteLiteral, Lang, Literal as _};
use rudof_rdf::rdf_core::term::Object;
use rudof_rdf::rdf_core::SHACLPath;
use shacl::ir::components::Pattern;
use shacl::ir::{IRComponent, IRSchema, IRShape, ShapeLabelIdx};
use shacl::types::{NodeKind, Target};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::num::NonZeroUsize;
use std::rc::Rc;
use std::sync::atomic::{self, AtomicUsize};
use std::thread;

/// What the screen reads: the triples the engine would be given.
pub(crate) trait Data {
    /// The predicate and object of each triple of `subject`, only those of `predicate` when it
    /// is given. A triple may come more than once.
    fn outgoing(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        predicate: Option<NamedNodeRef<'_>>,
    ) -> Result<Vec<(NamedNode, Term)>, StorageError>;

    /// The subject of each triple of `predicate` and `object`. A triple may come more than once.
    fn incoming(
        &self,
        predicate: NamedNodeRef<'_>,
        object: &Term,
    ) -> Result<Vec<NamedOrBlankNode>, StorageError>;
}

/// A shapes graph compiled for screening.
#[derive(Debug)]
pub(crate) struct Screen {
    shapes: Vec<Shape>,
    /// The shapes each class targets, `sh:targetClass` or implicitly.
    classes: HashMap<Term, Vec<usize>>,
    /// The shapes each `sh:targetNode` targets.
    nodes: HashMap<Term, Vec<usize>>,
    subjects_of: Vec<(NamedNode, usize)>,
    objects_of: Vec<(NamedNode, usize)>,
}

#[derive(Debug)]
struct Shape {
    /// A property shape's path; `None` for a node shape, whose value is its focus.
    path: Option<Path>,
    /// `sh:deactivated true`: the engine skips the shape.
    deactivated: bool,
    checks: Vec<Check>,
    /// Property shapes, each validated on every value of this shape.
    properties: Vec<usize>,
}

#[derive(Debug)]
enum Path {
    Predicate(NamedNode),
    Inverse(NamedNode),
    Alternative(Vec<Path>),
}

#[derive(Debug)]
enum Check {
    MinCount(usize),
    MaxCount(usize),
    Class(Term),
    Datatype(NamedNode),
    NodeKind(NodeKind),
    Pattern(Box<Pattern>),
    UniqueLang,
    HasValue(Term),
    MinInclusive(ConcreteLiteral),
    Disjoint(NamedNode),
    LessThanOrEquals(NamedNode),
    Or(Vec<usize>),
    Node(usize),
    /// A component the screen does not decide: no node passes it.
    Undecided,
}

impl Screen {
    /// The screen of `schema`, or `None` where it could clear a node the engine reports.
    pub(crate) fn compile(schema: &IRSchema) -> Option<Screen> {
        let mut compiler = Compiler {
            schema,
            shapes: Vec::new(),
            done: HashMap::new(),
            stack: Vec::new(),
        };
        let mut classes: HashMap<Term, Vec<usize>> = HashMap::new();
        let mut nodes: HashMap<Term, Vec<usize>> = HashMap::new();
        let mut subjects_of = Vec::new();
        let mut objects_of = Vec::new();
        for (label, shape) in schema.iter_with_targets() {
            let index = compiler.shape(*schema.get_idx(label)?)?;
            for target in shape.targets() {
                match target {
                    // The engine compares classes as `Object`s: only for IRIs is that term
                    // equality.
                    Target::Class(class @ Object::Iri(_))
                    | Target::ImplicitClass(class @ Object::Iri(_)) => {
                        classes
                            .entry(Term::from(class.clone()))
                            .or_default()
                            .push(index);
                    }
                    Target::Node(expression) => nodes
                        .entry(Term::from(expression.as_constant()?))
                        .or_default()
                        .push(index),
                    Target::SubjectsOf(p) => subjects_of.push((named(p.as_str()), index)),
                    Target::ObjectsOf(p) => objects_of.push((named(p.as_str()), index)),
                    _ => return None,
                }
            }
        }
        Some(Screen {
            shapes: compiler.shapes,
            classes,
            nodes,
            subjects_of,
            objects_of,
        })
    }

    /// The nodes of `nodes` that the screen cannot clear, in their order. Runs of them are
    /// screened on as many threads as the machine runs at once.
    pub(crate) fn suspects(
        &self,
        data: &(impl Data + Sync),
        nodes: &[NamedOrBlankNode],
    ) -> Result<Vec<NamedOrBlankNode>, StorageError> {
        let runs: Vec<&[NamedOrBlankNode]> = nodes.chunks(RUN).collect();
        let next = AtomicUsize::new(0);
        let threads = thread::available_parallelism()
            .map_or(1, NonZeroUsize::get)
            .min(runs.len());
        let mut screened = Vec::with_capacity(runs.len());
        thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, atomic::Ordering::Relaxed);
                            let Some(run) = runs.get(i) else {
                                return Ok(done);
                            };
                            // Each run remembers the classes of its own values only, so that
                            // memory stays bounded.
                            let mut screening = Screening::new(self, data);
                            let mut suspects = Vec::new();
                            for node in *run {
                                if !screening.clears(node)? {
                                    suspects.push(node.clone());
                                }
                            }
                            done.push((i, suspects));
                        }
                    })
                })
                .collect();
            for worker in workers {
                let done: Result<Vec<_>, StorageError> = worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                screened.extend(done?);
            }
            Ok::<_, StorageError>(())
        })?;
        screened.sort_unstable_by_key(|(i, _)| *i);
        Ok(screened.into_iter().flat_map(|(_, run)| run).collect())
    }
}

fn named(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

struct Compiler<'a> {
    schema: &'a IRSchema,
    shapes: Vec<Shape>,
    done: HashMap<ShapeLabelIdx, usize>,
    /// The shapes being compiled, to tell a recursive one.
    stack: Vec<ShapeLabelIdx>,
}

impl Compiler<'_> {
    /// `None` for a shape that leaves no screen.
    fn shape(&mut self, idx: ShapeLabelIdx) -> Option<usize> {
        if let Some(&index) = self.done.get(&idx) {
            return Some(index);
        }
        if self.stack.contains(&idx) {
            return None;
        }
        let ir = self.schema.get_shape_from_idx(&idx)?;
        if ir.reifier_info().is_some()
            || (matches!(ir, IRShape::PropertyShape(_)) && !ir.property_shapes().is_empty())
        {
            return None;
        }
        self.stack.push(idx);
        let mut checks = Vec::new();
        let path = match ir.path() {
            None => None,
            Some(path) => {
                let path = compile_path(path);
                if path.is_none() {
                    checks.push(Check::Undecided);
                }
                path
            }
        };
        if ir.closed() {
            checks.push(Check::Undecided);
        }
        for component in ir.components() {
            checks.extend(self.component(component)?);
        }
        let properties = ir
            .property_shapes()
            .iter()
            .map(|p| self.shape(*p))
            .collect::<Option<Vec<_>>>()?;
        self.stack.pop();
        // The engine deactivates a shape whose expression gives exactly the literal `true`.
        let deactivated = ir
            .deactivated()
            .and_then(|expression| expression.as_constant())
            .is_some_and(|constant| match Term::from(constant) {
                Term::Literal(l) => l.datatype() == xsd::BOOLEAN && l.value() == "true",
                _ => false,
            });
        self.shapes.push(Shape {
            path,
            deactivated,
            checks,
            properties,
        });
        let index = self.shapes.len() - 1;
        self.done.insert(idx, index);
        Some(index)
    }

    /// The check of `component`, none for one that never fails, `None` for a shape it refers
    /// to that leaves no screen.
    fn component(&mut self, component: &IRComponent) -> Option<Option<Check>> {
        Some(Some(match component {
            IRComponent::MinCount(c) if c.min_count() == 0 => return Some(None),
            IRComponent::MinCount(c) => Check::MinCount(c.min_count()),
            IRComponent::MaxCount(c) => Check::MaxCount(c.max_count()),
            IRComponent::Class(c) => Check::Class(Term::from(c.class_rule().clone())),
            IRComponent::Datatype(d) => Check::Datatype(named(d.datatype().as_str())),
            IRComponent::NodeKind(k) => Check::NodeKind(k.node_kind().clone()),
            IRComponent::Pattern(p) => Check::Pattern(Box::new(p.clone())),
            IRComponent::UniqueLang(u) if !u.unique_lang() => return Some(None),
            IRComponent::UniqueLang(_) => Check::UniqueLang,
            // A blank node of the shapes graph is no node of the data, which may hold one of
            // the same label.
            IRComponent::HasValue(h) => match Term::from(h.value().clone()) {
                Term::BlankNode(_) => Check::Undecided,
                value => Check::HasValue(value),
            },
            IRComponent::MinInclusive(m) => Check::MinInclusive(m.min_inclusive().clone()),
            IRComponent::Disjoint(d) => Check::Disjoint(named(d.iri().as_str())),
            IRComponent::LessThanOrEquals(l) => Check::LessThanOrEquals(named(l.iri().as_str())),
            IRComponent::Or(or) => Check::Or(
                or.shapes()
                    .iter()
                    .map(|s| self.shape(*s))
                    .collect::<Option<_>>()?,
            ),
            IRComponent::Node(n) => Check::Node(self.shape(*n.shape())?),
            // Its validator reports nothing: `sh:deactivated` acts through the shape.
            IRComponent::Deactivated(_) => return Some(None),
            _ => Check::Undecided,
        }))
    }
}

fn compile_path(path: &SHACLPath) -> Option<Path> {
    match path {
        SHACLPath::Predicate { pred } => Some(Path::Predicate(named(pred.as_str()))),
        SHACLPath::Inverse { path } => match path.as_ref() {
            SHACLPath::Predicate { pred } => Some(Path::Inverse(named(pred.as_str()))),
            _ => None,
        },
        SHACLPath::Alternative { paths } => paths
            .iter()
            .map(compile_path)
            .collect::<Option<_>>()
            .map(Path::Alternative),
        _ => None,
    }
}

/// The screening of a run of nodes, on one side of the data.
struct Screening<'a, D> {
    screen: &'a Screen,
    data: &'a D,
    /// Each class met and its superclasses, itself included: the hierarchy is small and read
    /// for nearly every node.
    supers: HashMap<Term, Rc<[Term]>>,
    /// The classes of each value met by `sh:class`: the same few (actors, the claims
    /// answered) come up again and again.
    classes_of: HashMap<Term, Rc<[Term]>>,
    rdf_type: NamedNode,
}

/// How many nodes a thread screens at a time, with what it remembers of their values.
const RUN: usize = 20_000;

/// A focus node, with its triples once read.
struct Focus<'t> {
    term: &'t Term,
    outgoing: Option<Vec<(NamedNode, Term)>>,
}

impl<'t> Focus<'t> {
    fn new(term: &'t Term) -> Self {
        Focus {
            term,
            outgoing: None,
        }
    }

    fn outgoing(&mut self, data: &impl Data) -> Result<&[(NamedNode, Term)], StorageError> {
        if self.outgoing.is_none() {
            // A literal has no triples: the engine gives it no values along a predicate.
            let mut outgoing = match subject(self.term) {
                Some(subject) => data.outgoing(subject, None)?,
                None => Vec::new(),
            };
            distinct(&mut outgoing);
            self.outgoing = Some(outgoing);
        }
        Ok(self.outgoing.as_deref().unwrap_or_default())
    }

    fn objects<'s>(
        &'s mut self,
        data: &impl Data,
        predicate: &'s NamedNode,
    ) -> Result<impl Iterator<Item = &'s Term>, StorageError> {
        Ok(self
            .outgoing(data)?
            .iter()
            .filter(move |(p, _)| p == predicate)
            .map(|(_, o)| o))
    }
}

fn subject(term: &Term) -> Option<NamedOrBlankNodeRef<'_>> {
    match term {
        Term::NamedNode(n) => Some(n.as_ref().into()),
        Term::BlankNode(b) => Some(b.as_ref().into()),
        _ => None,
    }
}

/// Keeps the first of each item, as the engine's sets of values do.
fn distinct<T: Eq + Hash>(items: &mut Vec<T>) {
    if items.len() < 2 {
        return;
    }
    let keep: Vec<bool> = {
        let mut seen = HashSet::with_capacity(items.len());
        items.iter().map(|item| seen.insert(item)).collect()
    };
    let mut keep = keep.into_iter();
    items.retain(|_| keep.next().unwrap_or(false));
}

impl<'a, D: Data> Screening<'a, D> {
    fn new(screen: &'a Screen, data: &'a D) -> Self {
        Screening {
            screen,
            data,
            supers: HashMap::new(),
            classes_of: HashMap::new(),
            rdf_type: rdf::TYPE.into_owned(),
        }
    }

    /// Whether `node` conforms to every shape that targets it.
    fn clears(&mut self, node: &NamedOrBlankNode) -> Result<bool, StorageError> {
        let term = Term::from(node.clone());
        let mut focus = Focus::new(&term);
        let types: Vec<Term> = focus.objects(self.data, &self.rdf_type)?.cloned().collect();
        let mut targeting = Vec::new();
        for class in types {
            for class in self.supers(&class)?.iter() {
                targeting.extend(self.screen.classes.get(class).into_iter().flatten());
            }
        }
        targeting.extend(self.screen.nodes.get(&term).into_iter().flatten());
        for (predicate, shape) in &self.screen.subjects_of {
            if focus.objects(self.data, predicate)?.next().is_some() {
                targeting.push(*shape);
            }
        }
        for (predicate, shape) in &self.screen.objects_of {
            if !self.data.incoming(predicate.as_ref(), &term)?.is_empty() {
                targeting.push(*shape);
            }
            // A literal this node points to is a focus node that only its triples reach: the
            // engine judges it where it reads them, around this node.
            if focus
                .objects(self.data, predicate)?
                .any(|value| matches!(value, Term::Literal(_)))
            {
                return Ok(false);
            }
        }
        targeting.sort_unstable();
        targeting.dedup();
        for shape in targeting {
            if !self.conforms(shape, &mut focus)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `class` and its superclasses, as the engine walks `rdfs:subClassOf` up from a type.
    fn supers(&mut self, class: &Term) -> Result<Rc<[Term]>, StorageError> {
        if let Some(supers) = self.supers.get(class) {
            return Ok(Rc::clone(supers));
        }
        let mut seen = vec![class.clone()];
        let mut pending = vec![class.clone()];
        while let Some(current) = pending.pop() {
            let Some(current) = subject(&current) else {
                continue;
            };
            for (_, parent) in self.data.outgoing(current, Some(rdfs::SUB_CLASS_OF))? {
                if !seen.contains(&parent) {
                    seen.push(parent.clone());
                    pending.push(parent);
                }
            }
        }
        let supers: Rc<[Term]> = seen.into();
        self.supers.insert(class.clone(), Rc::clone(&supers));
        Ok(supers)
    }

    /// Whether `term`, a value of `focus`, is an instance of `class`, as `sh:class` asks.
    fn is_instance(
        &mut self,
        term: &Term,
        class: &Term,
        focus: &mut Focus<'_>,
    ) -> Result<bool, StorageError> {
        if let Some(classes) = self.classes_of.get(term) {
            return Ok(classes.contains(class));
        }
        // A node shape's `sh:class` reads the types of its focus, whose triples are read.
        let types: Vec<Term> = if term == focus.term {
            focus.objects(self.data, &self.rdf_type)?.cloned().collect()
        } else {
            let Some(node) = subject(term) else {
                return Ok(false);
            };
            let types = self.data.outgoing(node, Some(rdf::TYPE))?;
            types.into_iter().map(|(_, class_of)| class_of).collect()
        };
        let mut classes: Vec<Term> = Vec::new();
        for class_of in types {
            for class in self.supers(&class_of)?.iter() {
                if !classes.contains(class) {
                    classes.push(class.clone());
                }
            }
        }
        let is = classes.contains(class);
        self.classes_of.insert(term.clone(), classes.into());
        Ok(is)
    }

    fn conforms(&mut self, shape: usize, focus: &mut Focus<'_>) -> Result<bool, StorageError> {
        let screen: &'a Screen = self.screen;
        let shape = &screen.shapes[shape];
        if shape.deactivated {
            return Ok(true);
        }
        // The engine fails the whole validation on a focus it cannot convert.
        if !convertible(focus.term) {
            return Ok(false);
        }
        let values = match &shape.path {
            None => vec![focus.term.clone()],
            Some(path) => {
                let mut values = Vec::new();
                self.values(path, focus, &mut values)?;
                distinct(&mut values);
                values
            }
        };
        for check in &shape.checks {
            if !self.check(check, focus, &values)? {
                return Ok(false);
            }
        }
        for property in &shape.properties {
            for value in &values {
                if !self.conforms_on(*property, focus, value)? {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    /// Whether `value`, a value of `focus`, conforms to `shape`: a node shape's value is its
    /// focus, whose triples are then read once.
    fn conforms_on(
        &mut self,
        shape: usize,
        focus: &mut Focus<'_>,
        value: &Term,
    ) -> Result<bool, StorageError> {
        if value == focus.term {
            self.conforms(shape, focus)
        } else {
            self.conforms(shape, &mut Focus::new(value))
        }
    }

    fn values(
        &self,
        path: &Path,
        focus: &mut Focus<'_>,
        values: &mut Vec<Term>,
    ) -> Result<(), StorageError> {
        match path {
            Path::Predicate(p) => values.extend(focus.objects(self.data, p)?.cloned()),
            Path::Inverse(p) => values.extend(
                self.data
                    .incoming(p.as_ref(), focus.term)?
                    .into_iter()
                    .map(Term::from),
            ),
            Path::Alternative(paths) => {
                for path in paths {
                    self.values(path, focus, values)?;
                }
            }
        }
        Ok(())
    }

    fn check(
        &mut self,
        check: &Check,
        focus: &mut Focus<'_>,
        values: &[Term],
    ) -> Result<bool, StorageError> {
        Ok(match check {
            Check::MinCount(n) => values.len() >= *n,
            Check::MaxCount(n) => values.len() <= *n,
            Check::Class(class) => {
                for value in values {
                    if !self.is_instance(value, class, focus)? {
                        return Ok(false);
                    }
                }
                true
            }
            Check::Datatype(datatype) => values.iter().all(|v| has_datatype(v, datatype)),
            Check::NodeKind(kind) => values.iter().all(|v| is_kind(v, kind)),
            Check::Pattern(pattern) => values.iter().all(|v| match v {
                Term::NamedNode(n) => pattern.match_str(n.as_str()),
                Term::Literal(l) => pattern.match_str(l.value()),
                _ => false,
            }),
            Check::UniqueLang => unique_langs(values),
            Check::HasValue(value) => values.contains(value),
            Check::MinInclusive(min) => values.iter().all(|v| {
                literal(v).is_some_and(|v| {
                    matches!(
                        v.partial_cmp(min),
                        Some(Ordering::Equal | Ordering::Greater)
                    )
                })
            }),
            Check::Disjoint(predicate) => {
                // The engine compares nothing for a literal focus.
                if subject(focus.term).is_none() {
                    return Ok(true);
                }
                let Some(values) = objects(values) else {
                    return Ok(false);
                };
                let Some(others) = objects(focus.objects(self.data, predicate)?) else {
                    return Ok(false);
                };
                values.iter().all(|v| !others.contains(v))
            }
            Check::LessThanOrEquals(predicate) => {
                if subject(focus.term).is_none() {
                    return Ok(false);
                }
                let Some(values) = objects(values) else {
                    return Ok(false);
                };
                let Some(bounds) = objects(focus.objects(self.data, predicate)?) else {
                    return Ok(false);
                };
                bounds.iter().all(|bound| {
                    values.iter().all(|v| {
                        matches!(v.partial_cmp(bound), Some(Ordering::Less | Ordering::Equal))
                    })
                })
            }
            Check::Or(members) => {
                for value in values {
                    let mut passes = false;
                    for member in members {
                        if self.conforms_on(*member, focus, value)? {
                            passes = true;
                            break;
                        }
                    }
                    if !passes {
                        return Ok(false);
                    }
                }
                true
            }
            Check::Node(shape) => {
                for value in values {
                    if !self.conforms_on(*shape, focus, value)? {
                        return Ok(false);
                    }
                }
                true
            }
            Check::Undecided => false,
        })
    }
}

/// `term` as the engine's `Object`, `None` where the engine fails to convert it.
fn object(term: &Term) -> Option<Object> {
    Object::try_from(term.clone()).ok()
}

/// Whether the engine converts `term` to an `Object`, which fails only on a language tag it
/// cannot read.
fn convertible(term: &Term) -> bool {
    match term {
        Term::NamedNode(_) | Term::BlankNode(_) => true,
        Term::Literal(l) => l.language().is_none_or(|tag| Lang::new(tag).is_ok()),
        term => object(term).is_some(),
    }
}

/// `terms` as `Object`s, `None` if one is a blank node, which the engine may be given as an IRI
/// and then compare otherwise, or cannot be converted.
fn objects<'t>(terms: impl IntoIterator<Item = &'t Term>) -> Option<Vec<Object>> {
    terms
        .into_iter()
        .map(|term| match term {
            Term::BlankNode(_) => None,
            term => object(term),
        })
        .collect()
}

/// `term` as the engine's `ConcreteLiteral`, `None` for no literal or one it cannot convert.
fn literal(term: &Term) -> Option<ConcreteLiteral> {
    match term {
        Term::Literal(l) => ConcreteLiteral::try_from(l.clone()).ok(),
        _ => None,
    }
}

/// `sh:datatype`: a literal whose lexical form the engine reads as valid for its datatype, and
/// of that datatype (`rdf:langString` for a language-tagged string).
fn has_datatype(term: &Term, datatype: &NamedNode) -> bool {
    let Term::Literal(l) = term else {
        return false;
    };
    match ConcreteLiteral::try_from(l.clone()) {
        Ok(ConcreteLiteral::WrongDatatypeLiteral { .. }) | Err(_) => false,
        Ok(_) => l.datatype() == datatype.as_ref(),
    }
}

fn is_kind(term: &Term, kind: &NodeKind) -> bool {
    match term {
        Term::BlankNode(_) => matches!(
            kind,
            NodeKind::BNode | NodeKind::BNodeOrIri | NodeKind::BNodeOrLit
        ),
        Term::NamedNode(_) => matches!(
            kind,
            NodeKind::Iri | NodeKind::BNodeOrIri | NodeKind::IriOrLit
        ),
        Term::Literal(_) => matches!(
            kind,
            NodeKind::Lit | NodeKind::IriOrLit | NodeKind::BNodeOrLit
        ),
        _ => false,
    }
}

/// `sh:uniqueLang true`: no two values with the same language tag, as the engine normalises
/// tags (one it cannot read counts for none).
fn unique_langs(values: &[Term]) -> bool {
    let mut langs: Vec<Lang> = values
        .iter()
        .filter_map(|v| match v {
            Term::Literal(l) => l.lang(),
            _ => None,
        })
        .collect();
    let count = langs.len();
    langs.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    langs.dedup_by(|a, b| a.as_str() == b.as_str());
    langs.len() == count
}

#[cfg(test)]
mod tests {
    use super::super::added::{Added, AddedBuilder};
    use super::super::change::tests::{broken_inputs, generated, nt, planted};
    use super::super::change::{Change, Side};
    use crate::bundled;
    use crate::ingest::Source;
    use crate::store::ClaimStore;
    use crate::validate::{validate_data, Shapes};
    use oxigraph::io::RdfFormat;
    use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
    use oxigraph::store::Store;
    use std::collections::{BTreeSet, HashSet};

    /// What the screen makes of the nodes of a store.
    struct Screened {
        /// Every node that is the subject or the object of a triple.
        nodes: usize,
        /// The focus nodes of the engine's results on the whole store.
        reported: HashSet<Term>,
        /// The nodes the screen leaves to the engine.
        suspects: HashSet<Term>,
    }

    /// Screens every node of `data` as a load of it into an empty store would, and fails if
    /// the screen clears a node that the engine reports on `data`.
    fn screened(data: &Store, shapes: &Shapes, what: &str) -> Screened {
        let report = validate_data(data.iter(), shapes).unwrap();
        let mut seen = HashSet::new();
        let mut nodes = Vec::new();
        for quad in data.iter() {
            let quad = quad.unwrap();
            if matches!(&quad.graph_name, GraphName::NamedNode(g) if g.as_str() == bundled::SHAPES_GRAPH)
            {
                continue;
            }
            let object: Option<NamedOrBlankNode> = match quad.object {
                Term::NamedNode(n) => Some(n.into()),
                Term::BlankNode(b) => Some(b.into()),
                _ => None,
            };
            for node in [Some(quad.subject), object].into_iter().flatten() {
                if seen.insert(node.clone()) {
                    nodes.push(node);
                }
            }
        }
        let empty = Store::new().unwrap();
        let quads: Vec<Quad> = data.iter().map(Result::unwrap).collect();
        let mut added = AddedBuilder::default();
        added.extend(&quads);
        let added = added.finish();
        let change = Change {
            before: &empty,
            replaced: &BTreeSet::new(),
            removed: &Added::default(),
            added: &added,
        };
        let suspects: HashSet<Term> = change
            .suspects(&nodes, Side::After, shapes)
            .unwrap()
            .iter()
            .cloned()
            .map(Term::from)
            .collect();
        let cleared: Vec<_> = report
            .results
            .iter()
            .filter(|v| !suspects.contains(&v.focus))
            .collect();
        assert!(
            cleared.is_empty(),
            "{what}: the screen clears what the engine reports: {cleared:#?}"
        );
        Screened {
            nodes: nodes.len(),
            reported: report.results.into_iter().map(|v| v.focus).collect(),
            suspects,
        }
    }

    fn stored(sources: &[Source]) -> Store {
        let store = ClaimStore::in_memory().unwrap();
        store.load_with_schema(sources).unwrap();
        store.oxigraph().unwrap()
    }

    #[test]
    fn the_bundled_shapes_have_a_screen() {
        assert!(Shapes::bundled().screen().is_some());
    }

    #[test]
    fn every_node_reported_in_the_bundled_data_or_a_broken_input_is_a_suspect() {
        let shapes = Shapes::bundled();
        let base = bundled::data_sources();
        screened(&stored(&base), &shapes, "bundled data");
        let mut reported = 0;
        for (name, base, source) in broken_inputs() {
            let store = ClaimStore::in_memory().unwrap();
            store.load_with_schema(&base).unwrap();
            store.load(&[source]).unwrap();
            let data = store.oxigraph().unwrap();
            reported += screened(&data, &shapes, &name).reported.len();
        }
        assert!(reported > 0);
    }

    #[test]
    fn every_node_reported_in_generated_data_with_planted_faults_is_a_suspect() {
        let shapes = Shapes::bundled();
        let mut reported = 0;
        for seed in 1..=8 {
            let lines = planted(&generated(200, seed), seed, 40);
            let data = stored(&[nt("planted.nt", &lines, "urn:planted")]);
            reported += screened(&data, &shapes, &format!("seed {seed}"))
                .reported
                .len();
        }
        assert!(reported > 100, "{reported}");
    }

    #[test]
    fn the_screen_leaves_under_three_in_a_hundred_nodes_of_valid_generated_data() {
        let data = stored(&[nt("valid.nt", &generated(2_000, 3), "urn:valid")]);
        let screened = screened(&data, &Shapes::bundled(), "valid");
        assert!(screened.reported.is_empty());
        // The counter-accusations, whose `sh:sparql` only the engine decides: 155 of 8,508.
        let left = screened.suspects.len() as f64 / screened.nodes as f64;
        assert!(left < 0.03, "{left}");
    }

    const PREFIXES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
                            @prefix ex: <http://example.org/> .\n\
                            @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n\
                            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
                            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";

    fn shapes(text: &str) -> Shapes {
        Shapes::from_turtle("test.ttl", &format!("{PREFIXES}{text}")).unwrap()
    }

    /// The local names of the suspects among the nodes of `data`, and of the nodes the engine
    /// reports, once the screen has left every one of those.
    fn small(shapes: &Shapes, data: &str) -> (Vec<String>, Vec<String>) {
        let store = Store::new().unwrap();
        store
            .load_from_reader(RdfFormat::Turtle, format!("{PREFIXES}{data}").as_bytes())
            .unwrap();
        let screened = screened(&store, shapes, data);
        let names = |terms: HashSet<Term>| {
            let mut names: Vec<String> = terms
                .iter()
                .map(|t| {
                    let t = t.to_string();
                    t.strip_prefix("<http://example.org/")
                        .and_then(|t| t.strip_suffix('>'))
                        .map_or(t.clone(), str::to_owned)
                })
                .collect();
            names.sort();
            names
        };
        (names(screened.suspects), names(screened.reported))
    }

    /// Each shape's nodes are numbered: the first conforms, the others break it.
    fn exact(shapes_text: &str, data: &str, broken: &[&str]) {
        let (suspects, reported) = small(&shapes(shapes_text), data);
        assert_eq!(reported, broken, "the engine's verdicts on {data}");
        assert_eq!(suspects, broken, "the screen's on {data}");
    }

    #[test]
    fn values_are_typed_counted_and_classed_as_the_engine_does() {
        exact(
            "ex:Typed sh:targetClass ex:T ;\n\
               sh:property [ sh:path ex:n ; sh:datatype xsd:integer ] ;\n\
               sh:property [ sh:path ex:l ; sh:datatype rdf:langString ] .",
            "ex:t1 a ex:T ; ex:n 5 , \"+7\"^^xsd:integer ; ex:l \"a\"@en , \"b\"@zh-hans .\n\
             ex:t2 a ex:T ; ex:n \"x\"^^xsd:integer .\n\
             ex:t3 a ex:T ; ex:l \"a\" .\n\
             ex:t4 a ex:T ; ex:n 5.0 .\n\
             ex:t5 a ex:T ; ex:l ex:iri .",
            &["t2", "t3", "t4", "t5"],
        );
        exact(
            "ex:Owned sh:targetClass ex:Animal ;\n\
               sh:property [ sh:path ex:owner ; sh:minCount 1 ; sh:maxCount 1 ; sh:class ex:Person ] .",
            "ex:Dog rdfs:subClassOf ex:Animal . ex:Student rdfs:subClassOf ex:Person .\n\
             ex:ann a ex:Student . ex:bob a ex:Person .\n\
             ex:a1 a ex:Dog ; ex:owner ex:ann .\n\
             ex:a2 a ex:Dog ; ex:owner ex:a1 .\n\
             ex:a3 a ex:Animal .\n\
             ex:a4 a ex:Animal ; ex:owner ex:ann , ex:bob .\n\
             ex:a5 a ex:Animal ; ex:owner \"ann\" .",
            &["a2", "a3", "a4", "a5"],
        );
    }

    #[test]
    fn nested_shapes_and_value_checks_are_decided_as_the_engine_does() {
        exact(
            "ex:Counter sh:property [ sh:path ex:count ; sh:minCount 1 ; sh:datatype xsd:integer ;\n\
                                      sh:minInclusive 0 ] ;\n\
                        sh:property [ sh:path ex:kind ; sh:hasValue ex:Like ] .\n\
             ex:Post sh:targetClass ex:P ;\n\
               sh:property [ sh:path ex:stats ; sh:node ex:Counter ] ;\n\
               sh:property [ sh:path ex:title ; sh:uniqueLang true ; sh:pattern \"^[A-Z]\" ] ;\n\
               sh:property [ sh:path ex:link ; sh:nodeKind sh:IRI ] ;\n\
               sh:or ( [ sh:path ex:title ; sh:minCount 1 ] [ sh:path ex:body ; sh:minCount 1 ] ) .",
            "ex:p1 a ex:P ; ex:title \"Hello\"@en , \"Hallo\"@de , \"Hi\" ;\n\
                    ex:stats [ ex:count 3 ; ex:kind ex:Like ] ; ex:link ex:x .\n\
             ex:p2 a ex:P ; ex:title \"Hello\"@en , \"Howdy\"@en .\n\
             ex:p3 a ex:P ; ex:title \"hello\" .\n\
             ex:p4 a ex:P ; ex:body \"b\" ; ex:stats [ ex:count -1 ; ex:kind ex:Like ] .\n\
             ex:p5 a ex:P ; ex:body \"b\" ; ex:stats [ ex:count 1 ] .\n\
             ex:p6 a ex:P ; ex:body \"b\" ; ex:link \"x\" .\n\
             ex:p7 a ex:P .\n\
             ex:p8 a ex:P ; ex:body \"b\" ; ex:stats [ ex:count 1.0 ; ex:kind ex:Like ] .",
            &["p2", "p3", "p4", "p5", "p6", "p7", "p8"],
        );
    }

    #[test]
    fn targets_paths_pairs_and_severities_are_read_as_the_engine_does() {
        exact(
            "ex:Named sh:targetNode ex:n1 , ex:n2 ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n\
             ex:Subjects sh:targetSubjectsOf ex:from ; sh:property [ sh:path ex:from ; sh:disjoint ex:to ] .\n\
             ex:Objects sh:targetObjectsOf ex:cites ;\n\
               sh:property [ sh:path [ sh:inversePath ex:cites ] ; sh:maxCount 1 ] .\n\
             ex:Either sh:targetClass ex:E ;\n\
               sh:property [ sh:path [ sh:alternativePath ( ex:a ex:b ) ] ; sh:minCount 2 ] .\n\
             ex:Off sh:targetClass ex:E ; sh:deactivated true ; sh:property [ sh:path ex:never ; sh:minCount 1 ] .\n\
             ex:Warned sh:targetClass ex:W ; sh:severity sh:Warning ; sh:property [ sh:path ex:w ; sh:minCount 1 ] .\n\
             ex:Range sh:targetClass ex:R ; sh:property [ sh:path ex:low ; sh:lessThanOrEquals ex:high ] .\n\
             ex:Implicit a sh:NodeShape , rdfs:Class ; sh:property [ sh:path ex:i ; sh:minCount 1 ] .",
            "ex:n1 ex:name \"one\" . ex:n2 ex:other \"two\" .\n\
             ex:s1 ex:from ex:x ; ex:to ex:y . ex:s2 ex:from ex:x ; ex:to ex:x .\n\
             ex:c1 ex:cites ex:o1 . ex:c2 ex:cites ex:o2 . ex:c3 ex:cites ex:o2 .\n\
             ex:e1 a ex:E ; ex:a 1 ; ex:b 2 . ex:e2 a ex:E ; ex:a 1 .\n\
             ex:w1 a ex:W ; ex:w 1 . ex:w2 a ex:W .\n\
             ex:r1 a ex:R ; ex:low 1 , 2 ; ex:high 2 . ex:r2 a ex:R ; ex:low 3 ; ex:high 2 .\n\
             ex:r3 a ex:R ; ex:low \"a\" ; ex:high 2 .\n\
             ex:i1 a ex:Implicit ; ex:i 1 . ex:i2 a ex:Implicit .",
            &["e2", "i2", "n2", "o2", "r2", "r3", "s2", "w2"],
        );
    }

    #[test]
    fn what_the_screen_does_not_decide_leaves_every_node_it_reaches() {
        let (suspects, reported) = small(
            &shapes(
                "ex:Not sh:targetClass ex:N ; sh:not [ sh:path ex:bad ; sh:minCount 1 ] .\n\
                 ex:Sequence sh:targetClass ex:S ; sh:property [ sh:path ( ex:a ex:b ) ; sh:maxCount 5 ] .\n\
                 ex:Nested sh:targetClass ex:M ; sh:property [ sh:path ex:m ; sh:node ex:Query ] .\n\
                 ex:Query sh:sparql [ sh:select \"SELECT $this WHERE { $this ?p ?o FILTER(false) }\" ] .",
            ),
            "ex:n1 a ex:N . ex:s1 a ex:S . ex:m1 a ex:M ; ex:m ex:x . ex:m2 a ex:M .",
        );
        assert_eq!(reported, Vec::<String>::new());
        assert_eq!(suspects, ["m1", "n1", "s1"]);
    }

    #[test]
    fn shapes_whose_results_the_screen_could_misplace_have_none() {
        for text in [
            // Recursive.
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:S ] .",
            // A property shape inside a property shape reports the values as focus nodes.
            "ex:S sh:targetClass ex:C ;\n\
               sh:property [ sh:path ex:p ; sh:property [ sh:path ex:q ; sh:minCount 1 ] ] .",
        ] {
            assert!(shapes(text).screen().is_none(), "{text}");
        }
    }
}
