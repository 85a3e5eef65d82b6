//! How far from its focus node a shapes graph reads: what lets a load validate only the nodes
//! whose verdict its triples can change (see `change`).
//!
//! A focus node's verdict depends on the triples whose subject is the focus, or a node that a
//! shape's paths reach from it, up to a depth: `sh:path cg:claimant ; sh:class cg:Actor` reads
//! the focus's `cg:claimant` triples (depth 0) and the claimant's `rdf:type` (depth 1). When
//! every path only walks forward, a bounded number of steps, a triple `s p o` can then change
//! only the verdicts of nodes from which `s` is at most that depth away, walking forward.
//! Inverse and repeated paths, `sh:select` queries that read a node not reached forward from
//! `$this`, and shapes that refer to themselves have no such bound: [`reach`] gives `None`, and
//! a load validates everything, as `validate` does.

use super::engine::SH;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedNode, Term, Triple};
use spargebra::algebra::{
    AggregateExpression, Expression, GraphPattern as P, OrderExpression, PropertyPathExpression,
};
use spargebra::term::{TermPattern, Variable};
use std::collections::HashMap;

/// What a shapes graph reads around its focus nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// The forward distance from the focus of the farthest subject whose triples it reads.
    pub depth: usize,
    /// `sh:targetObjectsOf` predicates: a triple with one of them makes its object a focus.
    pub objects_of: Vec<NamedNode>,
    /// `sh:targetNode` nodes, which are focus nodes whatever the data says.
    pub nodes: Vec<Term>,
}

/// The reach of `triples` (a shapes graph), with the parsed `sh:select` query of each SPARQL
/// constraint node; `None` when it has no bound.
pub fn reach(triples: &[Triple], queries: &HashMap<Term, spargebra::Query>) -> Option<Reach> {
    let mut graph: HashMap<Term, Vec<(&str, &Term)>> = HashMap::new();
    for t in triples {
        graph
            .entry(t.subject.clone().into())
            .or_default()
            .push((t.predicate.as_str(), &t.object));
    }
    let shapes = Shapes {
        graph: &graph,
        queries,
    };
    let mut depth = 0;
    let mut objects_of = Vec::new();
    let mut nodes = Vec::new();
    for (subject, properties) in &graph {
        let is_shape = properties
            .iter()
            .any(|(p, _)| p.strip_prefix(SH).is_some_and(|local| local != "declare"));
        if !is_shape {
            continue;
        }
        depth = depth.max(shapes.node(subject, &mut Vec::new())?);
        for (predicate, object) in properties {
            match predicate.strip_prefix(SH) {
                Some("targetObjectsOf") => match object {
                    Term::NamedNode(p) => objects_of.push(p.clone()),
                    _ => return None,
                },
                Some("targetNode") => nodes.push((*object).clone()),
                _ => {}
            }
        }
    }
    objects_of.sort_unstable();
    objects_of.dedup();
    Some(Reach {
        depth,
        objects_of,
        nodes,
    })
}

struct Shapes<'a> {
    graph: &'a HashMap<Term, Vec<(&'a str, &'a Term)>>,
    queries: &'a HashMap<Term, spargebra::Query>,
}

impl Shapes<'_> {
    fn objects(&self, subject: &Term, local: &str) -> Vec<&Term> {
        self.graph.get(subject).map_or(Vec::new(), |properties| {
            properties
                .iter()
                .filter(|(p, _)| p.strip_prefix(SH) == Some(local))
                .map(|(_, o)| *o)
                .collect()
        })
    }

    fn object(&self, subject: &Term, predicate: &str) -> Option<&Term> {
        self.graph
            .get(subject)?
            .iter()
            .find(|(p, _)| *p == predicate)
            .map(|(_, o)| *o)
    }

    /// The members of an RDF list; `None` when it is not a well-formed one.
    fn list(&self, head: &Term) -> Option<Vec<&Term>> {
        let mut items = Vec::new();
        let mut node = head;
        while node.to_string() != format!("<{}>", rdf::NIL.as_str()) {
            items.push(self.object(node, rdf::FIRST.as_str())?);
            node = self.object(node, rdf::REST.as_str())?;
            if items.len() > self.graph.len() {
                return None; // a cycle
            }
        }
        Some(items)
    }

    /// How many steps a SHACL path walks forward at most.
    fn path(&self, path: &Term) -> Option<usize> {
        if let Term::NamedNode(_) = path {
            return Some(1);
        }
        if let Some(members) = self.object(path, rdf::FIRST.as_str()).map(|_| path) {
            return self
                .list(members)?
                .into_iter()
                .try_fold(0, |sum, step| Some(sum + self.path(step)?));
        }
        if let [alternatives] = self.objects(path, "alternativePath")[..] {
            return self
                .list(alternatives)?
                .into_iter()
                .try_fold(0, |most, step| Some(most.max(self.path(step)?)));
        }
        if let [inner] = self.objects(path, "zeroOrOnePath")[..] {
            return self.path(inner);
        }
        None // inverse, zero or more, one or more, or not a path
    }

    /// The depth a shape reads from its focus; `stack` holds the shapes being evaluated, so that
    /// a shape that refers to itself has no bound.
    fn node(&self, shape: &Term, stack: &mut Vec<Term>) -> Option<usize> {
        if stack.contains(shape) {
            return None;
        }
        stack.push(shape.clone());
        let paths = self.objects(shape, "path");
        let (steps, mut depth) = match paths[..] {
            [] => (0, 0),
            [path] => {
                let steps = self.path(path)?;
                (steps, steps.saturating_sub(1))
            }
            _ => return None,
        };
        for (predicate, object) in self.graph.get(shape).into_iter().flatten() {
            let Some(local) = predicate.strip_prefix(SH) else {
                continue;
            };
            let read = match local {
                "class" => steps,
                "node" | "property" | "not" | "qualifiedValueShape" => {
                    steps + self.node(object, stack)?
                }
                "and" | "or" | "xone" => {
                    let mut most = 0;
                    for member in self.list(object)? {
                        most = most.max(self.node(member, stack)?);
                    }
                    steps + most
                }
                "sparql" => {
                    let query = self
                        .objects(object, "select")
                        .first()
                        .and_then(|_| self.queries.get(object))?;
                    // `$PATH` is read as one step: longer paths would need it substituted.
                    if steps > 1 && mentions_path(query) {
                        return None;
                    }
                    select(query)?
                }
                _ => 0,
            };
            depth = depth.max(read);
        }
        stack.pop();
        Some(depth)
    }
}

fn mentions_path(query: &spargebra::Query) -> bool {
    query.to_string().contains("urn:x-path")
}

/// The depth a `sh:select` query reads from `$this`, which SHACL binds everywhere in it.
fn select(query: &spargebra::Query) -> Option<usize> {
    let spargebra::Query::Select { pattern, .. } = query else {
        return None;
    };
    scope(pattern, &this())
}

fn this() -> HashMap<String, usize> {
    HashMap::from([(
        unbound(&TermPattern::Variable(Variable::new_unchecked("this"))).unwrap(),
        0,
    )])
}

/// A variable or a blank node (which a path like `ex:p/ex:q` gets between its steps), by a
/// name that tells the two apart; `None` for a fixed term.
fn unbound(term: &TermPattern) -> Option<String> {
    match term {
        TermPattern::Variable(v) => Some(format!("?{}", v.as_str())),
        TermPattern::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        _ => None,
    }
}

/// A pattern whose variables are bound together: `inherited` are the bounds its enclosing
/// pattern gives, and every triple pattern's subject must be reached forward from `$this`
/// through them or through its own patterns. Inner scopes (a UNION's branches, an OPTIONAL's
/// right side, EXISTS) see these bounds too, since their solutions are joined with this one's;
/// MINUS and sub-queries start again from `$this` alone.
fn scope(pattern: &P, inherited: &HashMap<String, usize>) -> Option<usize> {
    let mut steps = Vec::new();
    let mut inner = Vec::new();
    conjunct(pattern, &mut steps, &mut inner)?;
    // A variable bound by several patterns is within the farthest bound: loosest is safe. A
    // bound that keeps growing goes round a cycle of patterns.
    let mut distance = inherited.clone();
    let mut settled = false;
    for _ in 0..=steps.len() {
        let mut changed = false;
        for (subject, length, object) in &steps {
            let (Some(s), Some(o)) = (unbound(subject), unbound(object)) else {
                continue;
            };
            if let Some(&d) = distance.get(&s) {
                if distance.get(&o).is_none_or(|&known| d + length > known) {
                    distance.insert(o, d + length);
                    changed = true;
                }
            }
        }
        if !changed {
            settled = true;
            break;
        }
    }
    if !settled {
        return None;
    }
    let mut depth = 0;
    for (subject, length, _) in &steps {
        // A fixed node would be one on which every focus depends.
        depth = depth.max(distance.get(&unbound(subject)?)? + length - 1);
    }
    for (pattern, fresh) in inner {
        let bounds = if fresh { this() } else { distance.clone() };
        depth = depth.max(scope(pattern, &bounds)?);
    }
    Some(depth)
}

type Steps<'a> = Vec<(&'a TermPattern, usize, &'a TermPattern)>;

/// Splits `pattern` into its triple patterns, as (subject, most steps, object), and its inner
/// scopes (`true` for one that starts afresh); `None` for what has no bound (an inverse or
/// repeated path, a service).
fn conjunct<'a>(
    pattern: &'a P,
    steps: &mut Steps<'a>,
    inner: &mut Vec<(&'a P, bool)>,
) -> Option<()> {
    match pattern {
        P::Bgp { patterns } => {
            steps.extend(patterns.iter().map(|t| (&t.subject, 1, &t.object)));
        }
        P::Path {
            subject,
            path,
            object,
        } => steps.push((subject, path_steps(path)?, object)),
        P::Join { left, right } => {
            conjunct(left, steps, inner)?;
            conjunct(right, steps, inner)?;
        }
        P::Union { left, right } => inner.extend([(&**left, false), (&**right, false)]),
        P::LeftJoin {
            left,
            right,
            expression,
        } => {
            conjunct(left, steps, inner)?;
            inner.push((right, false));
            if let Some(e) = expression {
                exists(e, inner);
            }
        }
        P::Minus { left, right } => {
            conjunct(left, steps, inner)?;
            inner.push((right, true));
        }
        P::Filter { expr, inner: p } => {
            exists(expr, inner);
            conjunct(p, steps, inner)?;
        }
        P::Extend {
            inner: p,
            expression,
            ..
        } => {
            exists(expression, inner);
            conjunct(p, steps, inner)?;
        }
        P::OrderBy {
            inner: p,
            expression,
        } => {
            for e in expression {
                let (OrderExpression::Asc(e) | OrderExpression::Desc(e)) = e;
                exists(e, inner);
            }
            conjunct(p, steps, inner)?;
        }
        P::Group {
            inner: p,
            aggregates,
            ..
        } => {
            for (_, aggregate) in aggregates {
                if let AggregateExpression::FunctionCall { expr, .. } = aggregate {
                    exists(expr, inner);
                }
            }
            conjunct(p, steps, inner)?;
        }
        P::Project { inner: p, .. } => inner.push((p, true)),
        P::Distinct { inner: p }
        | P::Reduced { inner: p }
        | P::Slice { inner: p, .. }
        | P::Graph { inner: p, .. } => conjunct(p, steps, inner)?,
        P::Values { .. } => {}
        _ => return None,
    }
    Some(())
}

/// The patterns of the EXISTS and NOT EXISTS inside `expression`, as inner scopes.
fn exists<'a>(expression: &'a Expression, inner: &mut Vec<(&'a P, bool)>) {
    inner.extend(
        crate::algebra::exists_in(expression)
            .into_iter()
            .map(|pattern| (pattern, false)),
    );
}

fn path_steps(path: &PropertyPathExpression) -> Option<usize> {
    use PropertyPathExpression as E;
    match path {
        E::NamedNode(_) | E::NegatedPropertySet(_) => Some(1),
        E::Sequence(a, b) => Some(path_steps(a)? + path_steps(b)?),
        E::Alternative(a, b) => Some(path_steps(a)?.max(path_steps(b)?)),
        E::ZeroOrOne(a) => path_steps(a),
        E::Reverse(_) | E::ZeroOrMore(_) | E::OneOrMore(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Reach;
    use crate::validate::Shapes;

    fn reach(body: &str) -> Option<Reach> {
        let text = format!(
            "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
             @prefix ex: <http://example.org/> .\n{body}"
        );
        Shapes::from_turtle("test.ttl", &text)
            .unwrap()
            .reach()
            .cloned()
    }

    #[test]
    fn the_bundled_shapes_read_one_step_from_their_focus() {
        let reach = Shapes::bundled().reach().cloned().unwrap();
        assert_eq!(reach.depth, 1);
        assert!(reach.objects_of.is_empty() && reach.nodes.is_empty());
    }

    #[test]
    fn paths_nested_shapes_and_queries_add_up() {
        let class_at = |path: &str| {
            reach(&format!(
                "ex:S sh:targetClass ex:C ; sh:property [ sh:path {path} ; sh:class ex:D ] ."
            ))
            .map(|r| r.depth)
        };
        assert_eq!(class_at("ex:p"), Some(1));
        assert_eq!(class_at("( ex:p ex:q )"), Some(2));
        assert_eq!(
            class_at("[ sh:alternativePath ( ex:p ( ex:q ex:r ex:s ) ) ]"),
            Some(3)
        );
        assert_eq!(class_at("[ sh:inversePath ex:p ]"), None);
        assert_eq!(class_at("[ sh:zeroOrMorePath ex:p ]"), None);
        // A datatype reads only the focus's own triples.
        let own =
            reach("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .");
        assert_eq!(own.map(|r| r.depth), Some(0));
        let nested = reach(
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:T ] .\n\
             ex:T sh:property [ sh:path ex:q ; sh:class ex:D ] .",
        );
        assert_eq!(nested.map(|r| r.depth), Some(2));
        let recursive =
            reach("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:S ] .");
        assert_eq!(recursive, None);
        let targets = reach("ex:S sh:targetObjectsOf ex:p ; sh:targetNode ex:n ; sh:class ex:D .");
        let targets = targets.unwrap();
        assert_eq!(targets.objects_of[0].as_str(), "http://example.org/p");
        assert_eq!(targets.nodes.len(), 1);
    }

    #[test]
    fn a_query_reads_as_far_as_its_patterns_walk_from_this() {
        let select = |query: &str| {
            reach(&format!(
                "ex:S sh:targetClass ex:C ; sh:sparql [ sh:select \"\"\"{query}\"\"\" ] ."
            ))
            .map(|r| r.depth)
        };
        let base = "PREFIX ex: <http://example.org/> SELECT $this WHERE";
        assert_eq!(select(&format!("{base} {{ $this ex:p ?x }}")), Some(0));
        assert_eq!(
            select(&format!("{base} {{ $this ex:p ?x . ?x ex:q ?y }}")),
            Some(1)
        );
        assert_eq!(
            select(&format!(
                "{base} {{ $this ex:p ?x FILTER NOT EXISTS {{ ?x ex:q/ex:r ?y }} }}"
            )),
            Some(2)
        );
        // Reading back towards $this, from a fixed node or through a branch that binds nothing.
        assert_eq!(select(&format!("{base} {{ ?x ex:p $this }}")), None);
        assert_eq!(select(&format!("{base} {{ ex:n ex:p ?x }}")), None);
        assert_eq!(
            select(&format!(
                "{base} {{ {{ $this ex:p ?x }} UNION {{ ?y ex:q ?x }} }}"
            )),
            None
        );
        assert_eq!(select(&format!("{base} {{ $this ex:p+ ?x }}")), None);
    }
}
