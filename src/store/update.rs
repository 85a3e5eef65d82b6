//! SPARQL Update, written the way a load is: in one transaction, checked against the shapes
//! before it is committed, and described in the metadata graph.
//!
//! Every triple of a claimgraph store lives in a named graph, and queries read the union of
//! them as their default graph. So an update may not write into the default graph, where no
//! query would see it, and its `WHERE` clauses read the union unless it names a dataset. The
//! metadata graph, the ontology and the shapes are claimgraph's own: an update that would change
//! them is refused, however it reaches them (`GRAPH ?g`, `DROP ALL`, ...).

use super::provenance::{self, Description, Origin};
use super::{graph_node, ClaimStore, Digests};
use super::{RemoteError, UpdateError};
use crate::bundled;
use crate::validate::{self, Shapes};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::SparqlEvaluator;
use oxigraph::store::{StorageError, Store, Transaction};
use oxsdatatypes::DateTime;
use spargebra::algebra::GraphTarget;
use spargebra::term::{self as sparql, GraphNamePattern};
use spargebra::GraphUpdateOperation;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::PoisonError;

/// A dataset given apart from a query or update's text, as the SPARQL protocol gives it: the
/// graphs whose union is the default graph, and the named graphs.
pub type Dataset = (Vec<NamedNode>, Vec<NamedNode>);

/// A SPARQL Update to apply with [`ClaimStore::update`].
pub struct Update<'a> {
    /// The text as it was sent: the metadata graph records its checksum.
    pub text: &'a str,
    /// The text, parsed.
    pub parsed: spargebra::Update,
    /// How its `WHERE` clauses are evaluated: whether `SERVICE` may reach out, the time limit.
    pub evaluator: SparqlEvaluator,
    /// What `WHERE` clauses read when the update names no dataset (no `USING`, no `WITH`): the
    /// union of the default graphs given and the named graphs given, as the protocol's
    /// `using-graph-uri` and `using-named-graph-uri` say; `None` for the union of every graph,
    /// as queries read. Given, an update that names a dataset is refused.
    pub using: Option<Dataset>,
}

impl ClaimStore {
    /// Applies `update` in one transaction: all of it, or nothing when it fails or is refused.
    /// Refused: writing into the default graph; changing the metadata graph, the ontology or
    /// the shapes; and, with `shapes`, leaving the store in a state that breaks them. Each graph
    /// changed has its description in the metadata graph replaced by one of the update.
    ///
    /// An update of `INSERT DATA` and `DELETE DATA` alone, without blank nodes, says what it
    /// changes: each quad named is looked up, and each graph changed counted from the size the
    /// metadata graph records. Any other update is evaluated, and finding what it changed reads
    /// the graphs it names before and after it (the whole store twice for one that writes into
    /// `GRAPH ?g` or clears every graph). Validation judges what the update removes and adds,
    /// as a load's does (`validate::validate_change`); after an evaluated update that removed
    /// anything, it reads the graphs that changed once more to find the quads removed.
    pub fn update(
        &self,
        update: Update<'_>,
        shapes: Option<&Shapes>,
    ) -> Result<Updated, UpdateError> {
        let super::Backend::Local(store) = &self.backend else {
            // An engine checks nothing of what an update does: the shapes, the graphs
            // claimgraph keeps itself and the descriptions would all go unguarded.
            return Err(UpdateError::Remote(RemoteError::Unsupported {
                what: "SPARQL Update through claimgraph",
            }));
        };
        let written = Written::by(&update.parsed.operations)?;
        let _alone = self.updating.lock().unwrap_or_else(PoisonError::into_inner);
        let digests = Digests::default();
        let mut transaction = store.start_transaction()?;
        let Effect {
            changed,
            difference,
        } = match data(&update.parsed.operations) {
            Some(steps) => Effect::of_data(store, &mut transaction, steps)?,
            None => Evaluated::prepare(update.evaluator, update.parsed, update.using, &written)?
                .run(&mut transaction, &digests, shapes.is_some())?,
        };
        if let Some((graph, role)) = changed.iter().find_map(|(graph, _)| protected(graph)) {
            return Err(UpdateError::Protected { graph, role });
        }
        if changed.is_empty() {
            return Ok(Updated::default());
        }
        let mut already = Vec::new();
        if let Some(shapes) = shapes {
            let graphs = changed.iter().map(|(graph, _)| graph);
            let (removed, added) = difference.finish(store, graphs, &digests)?;
            let change = validate::Change {
                before: store,
                replaced: &BTreeSet::new(),
                removed: &removed,
                added: &added,
            };
            already = validate::validate_change(&change, shapes)?
                .accepted()
                .map_err(|report| UpdateError::Invalid { report })?;
        }
        let at = DateTime::now();
        for (graph, triples) in &changed {
            let triples = *triples;
            provenance::forget(&mut transaction, graph.as_ref())?;
            if triples > 0 {
                let description = Description {
                    graph: graph.as_ref(),
                    triples,
                    origin: Origin::Update(update.text),
                    at,
                };
                transaction.extend(&description.quads());
            }
        }
        transaction.commit()?;
        self.committed(None)?;
        Ok(Updated { changed, already })
    }
}

/// What an update did.
#[derive(Debug, Default)]
pub struct Updated {
    /// The graphs it changed, each with the triples it holds now, sorted.
    pub changed: Vec<(NamedOrBlankNode, usize)>,
    /// Violations of the nodes it touched that the store held before it, and still holds:
    /// they do not stop it, as they do not stop a load.
    pub already: Vec<validate::Violation>,
}

/// The graph and its role when `graph` is one that claimgraph keeps itself.
fn protected(graph: &NamedOrBlankNode) -> Option<(String, &'static str)> {
    let NamedOrBlankNode::NamedNode(iri) = graph else {
        return None;
    };
    let name = iri.as_str();
    let own = name == bundled::METADATA_GRAPH || bundled::SCHEMA_GRAPHS.contains(&name);
    own.then(|| {
        (
            name.to_owned(),
            bundled::graph_role(name).unwrap_or_default(),
        )
    })
}

/// The graphs an update may write into.
enum Written {
    /// Those named.
    Graphs(BTreeSet<NamedNode>),
    /// Any: a template writes into `GRAPH ?g`, or it clears or drops every graph.
    Any,
}

/// Where one part of an update writes.
enum Target<'a> {
    Graph(&'a NamedNode),
    Default,
    Any,
}

impl Written {
    /// Where `operations` may write; an error when that is the default graph.
    fn by(operations: &[GraphUpdateOperation]) -> Result<Self, UpdateError> {
        let mut graphs = BTreeSet::new();
        let mut any = false;
        for target in operations.iter().flat_map(targets) {
            match target {
                Target::Graph(graph) => {
                    graphs.insert(graph.clone());
                }
                Target::Any => any = true,
                Target::Default => return Err(UpdateError::DefaultGraph),
            }
        }
        Ok(if any { Self::Any } else { Self::Graphs(graphs) })
    }

    /// What each graph covered holds, in brief: its quads counted and their digests summed,
    /// which tells whether an update changed it. Graphs without quads are left out.
    /// `visit` sees each quad covered, with its digest.
    fn contents(
        &self,
        transaction: &Transaction<'_>,
        digests: &Digests,
        visit: &mut dyn FnMut(&Quad, u128),
    ) -> Result<HashMap<NamedOrBlankNode, (usize, u128)>, StorageError> {
        let mut contents: HashMap<NamedOrBlankNode, (usize, u128)> = HashMap::new();
        let mut add = |quad: Quad| {
            let Some(graph) = graph_node(&quad.graph_name) else {
                return;
            };
            let digest = digests.of(&quad);
            visit(&quad, digest);
            let (count, sum) = contents.entry(graph).or_default();
            *count += 1;
            *sum = sum.wrapping_add(digest);
        };
        match self {
            Self::Any => {
                for quad in transaction.iter() {
                    add(quad?);
                }
            }
            Self::Graphs(graphs) => {
                for graph in graphs {
                    let graph = GraphName::from(graph.clone());
                    for quad in
                        transaction.quads_for_pattern(None, None, None, Some(graph.as_ref()))
                    {
                        add(quad?);
                    }
                }
            }
        }
        Ok(contents)
    }
}

/// What an update does to the graphs it writes, found before it is committed.
struct Effect {
    /// The graphs it changes, each with the triples it will hold, sorted.
    changed: Vec<(NamedOrBlankNode, usize)>,
    difference: Difference,
}

/// An update made ready to evaluate, and the graphs it may write.
struct Evaluated<'a> {
    prepared: oxigraph::sparql::PreparedSparqlUpdate,
    written: &'a Written,
}

impl Effect {
    /// Applies `steps` (each quad inserted, or else deleted, in order) to `transaction`.
    fn of_data(
        store: &Store,
        transaction: &mut Transaction<'_>,
        steps: Vec<(Quad, bool)>,
    ) -> Result<Self, StorageError> {
        let mut last: HashMap<Quad, bool> = HashMap::new();
        for (quad, insert) in steps {
            last.insert(quad, insert);
        }
        let (mut removed, mut added) = (Vec::new(), Vec::new());
        let mut delta: HashMap<NamedOrBlankNode, isize> = HashMap::new();
        for (quad, insert) in last {
            let Some(graph) = graph_node(&quad.graph_name) else {
                continue;
            };
            match (insert, store.contains(&quad)?) {
                (true, false) => {
                    transaction.insert(&quad);
                    *delta.entry(graph).or_default() += 1;
                    added.push(quad);
                }
                (false, true) => {
                    transaction.remove(&quad);
                    *delta.entry(graph).or_default() -= 1;
                    removed.push(quad);
                }
                _ => {}
            }
        }
        let described = provenance::read(store)?;
        let mut changed = Vec::with_capacity(delta.len());
        for (graph, delta) in delta {
            let held = match provenance::recorded(&described, &graph) {
                Some(held) => held,
                // Not described (written by another program): counted.
                None => store
                    .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
                    .try_fold(0, |n, quad| quad.map(|_| n + 1))?,
            };
            changed.push((graph, held.saturating_add_signed(delta)));
        }
        changed.sort_by_cached_key(|(graph, _)| graph.to_string());
        Ok(Self {
            changed,
            difference: Difference::Known { removed, added },
        })
    }
}

impl<'a> Evaluated<'a> {
    /// The update made ready to evaluate, its `WHERE` clauses reading `using` or else the
    /// union of the graphs.
    fn prepare(
        evaluator: SparqlEvaluator,
        parsed: spargebra::Update,
        using: Option<Dataset>,
        written: &'a Written,
    ) -> Result<Self, UpdateError> {
        let mut prepared = evaluator.for_update(parsed);
        for dataset in prepared.using_datasets_mut() {
            if !dataset.is_default_dataset() {
                if using.is_some() {
                    return Err(UpdateError::UsingConflict);
                }
                continue;
            }
            match &using {
                None => dataset.set_default_graph_as_union(),
                Some((default, named)) => {
                    dataset
                        .set_default_graph(default.iter().cloned().map(GraphName::from).collect());
                    dataset.set_available_named_graphs(
                        named.iter().cloned().map(NamedOrBlankNode::from).collect(),
                    );
                }
            }
        }
        Ok(Evaluated { prepared, written })
    }

    /// Evaluates the update on `transaction`; with `validating`, keeps the digests that tell
    /// what it removed and added.
    fn run(
        self,
        transaction: &mut Transaction<'_>,
        digests: &Digests,
        validating: bool,
    ) -> Result<Effect, UpdateError> {
        let mut before_digests = HashSet::new();
        let mut added = Vec::new();
        let before = self
            .written
            .contents(transaction, digests, &mut |_, digest| {
                if validating {
                    before_digests.insert(digest);
                }
            })?;
        self.prepared
            .on_transaction(transaction)
            .execute()
            .map_err(UpdateError::Evaluation)?;
        let after = self
            .written
            .contents(transaction, digests, &mut |quad, digest| {
                if validating && !before_digests.remove(&digest) {
                    added.push(quad.clone());
                }
            })?;
        let graphs: HashSet<&NamedOrBlankNode> = before.keys().chain(after.keys()).collect();
        let mut changed: Vec<(NamedOrBlankNode, usize)> = graphs
            .into_iter()
            .filter(|graph| before.get(*graph) != after.get(*graph))
            .map(|graph| (graph.clone(), after.get(graph).map_or(0, |(n, _)| *n)))
            .collect();
        changed.sort_by_cached_key(|(graph, _)| graph.to_string());
        Ok(Effect {
            changed,
            difference: Difference::Digests {
                before: before_digests,
                added,
            },
        })
    }
}

/// The steps of an update made of `INSERT DATA` and `DELETE DATA` alone, into named graphs and
/// without blank nodes (which `INSERT DATA` makes anew): each quad, and whether it is inserted.
/// `None` for any other update.
fn data(operations: &[GraphUpdateOperation]) -> Option<Vec<(Quad, bool)>> {
    let mut steps = Vec::new();
    for operation in operations {
        match operation {
            GraphUpdateOperation::InsertData { data } => {
                for quad in data {
                    let sparql::GraphName::NamedNode(graph) = &quad.graph_name else {
                        return None;
                    };
                    let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
                        return None;
                    };
                    let object = match &quad.object {
                        Term::NamedNode(_) | Term::Literal(_) => quad.object.clone(),
                        _ => return None,
                    };
                    let quad = Quad::new(
                        subject.clone(),
                        quad.predicate.clone(),
                        object,
                        graph.clone(),
                    );
                    steps.push((quad, true));
                }
            }
            GraphUpdateOperation::DeleteData { data } => {
                for quad in data {
                    let sparql::GraphName::NamedNode(graph) = &quad.graph_name else {
                        return None;
                    };
                    let object: Term = match &quad.object {
                        sparql::GroundTerm::NamedNode(n) => n.clone().into(),
                        sparql::GroundTerm::Literal(l) => l.clone().into(),
                        _ => return None,
                    };
                    let quad = Quad::new(
                        quad.subject.clone(),
                        quad.predicate.clone(),
                        object,
                        graph.clone(),
                    );
                    steps.push((quad, false));
                }
            }
            _ => return None,
        }
    }
    Some(steps)
}

/// What an update removes and adds.
enum Difference {
    /// Said by its text.
    Known {
        removed: Vec<Quad>,
        added: Vec<Quad>,
    },
    /// Found by the digests of the quads the graphs it may write hold before it (`before`) and
    /// after it: a quad after it whose digest is not among those before is added, and a digest
    /// before it that no quad after it matched is a quad removed.
    Digests {
        before: HashSet<u128>,
        added: Vec<Quad>,
    },
}

impl Difference {
    /// The quads removed and added; removed quads found by digest are looked for in `store` as
    /// it was before the update (the transaction is not committed), among the graphs that
    /// changed.
    fn finish<'a>(
        self,
        store: &Store,
        changed: impl Iterator<Item = &'a NamedOrBlankNode>,
        digests: &Digests,
    ) -> Result<(validate::Added, validate::Added), StorageError> {
        let (removed, added) = match self {
            Self::Known { removed, added } => (removed, added),
            Self::Digests { before, added } => {
                let mut removed = Vec::new();
                if !before.is_empty() {
                    for graph in changed {
                        let graph = GraphName::from(graph.clone());
                        for quad in store.quads_for_pattern(None, None, None, Some(graph.as_ref()))
                        {
                            let quad = quad?;
                            if before.contains(&digests.of(&quad)) {
                                removed.push(quad);
                            }
                        }
                    }
                }
                (removed, added)
            }
        };
        let index = |quads: &[Quad]| {
            let mut index = validate::AddedBuilder::default();
            index.extend(quads);
            index.finish()
        };
        Ok((index(&removed), index(&added)))
    }
}

/// Where `operation` writes: its data's and templates' graphs, what it loads into, clears or
/// drops.
fn targets(operation: &GraphUpdateOperation) -> Vec<Target<'_>> {
    match operation {
        GraphUpdateOperation::InsertData { data } => {
            data.iter().map(|quad| named(&quad.graph_name)).collect()
        }
        GraphUpdateOperation::DeleteData { data } => {
            data.iter().map(|quad| named(&quad.graph_name)).collect()
        }
        GraphUpdateOperation::DeleteInsert { delete, insert, .. } => delete
            .iter()
            .map(|quad| &quad.graph_name)
            .chain(insert.iter().map(|quad| &quad.graph_name))
            .map(|graph| match graph {
                GraphNamePattern::NamedNode(graph) => Target::Graph(graph),
                GraphNamePattern::DefaultGraph => Target::Default,
                GraphNamePattern::Variable(_) => Target::Any,
            })
            .collect(),
        GraphUpdateOperation::Load { destination, .. } => vec![named(destination)],
        GraphUpdateOperation::Clear { graph, .. } | GraphUpdateOperation::Drop { graph, .. } => {
            vec![match graph {
                GraphTarget::NamedNode(graph) => Target::Graph(graph),
                GraphTarget::DefaultGraph => Target::Default,
                GraphTarget::NamedGraphs | GraphTarget::AllGraphs => Target::Any,
            }]
        }
        // An empty graph holds no triple: nothing to describe or check.
        GraphUpdateOperation::Create { .. } => Vec::new(),
    }
}

fn named(graph: &sparql::GraphName) -> Target<'_> {
    match graph {
        sparql::GraphName::NamedNode(graph) => Target::Graph(graph),
        sparql::GraphName::DefaultGraph => Target::Default,
    }
}
