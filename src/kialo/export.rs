//! The store written out as Kialo's discussion export.
//!
//! A discussion the store holds (`cg:Discussion`), or the tree below a focus claim, becomes
//! the numbered tree: theses at the top (under the question, when the discussion asks one),
//! then each response under the claim it answers, `Pro:` for a support and `Con:` for an
//! attack of any kind. A claim is written once, where its text was (its `cg:treePath`); its
//! other places are links (`-> See 1.2.`). When every place of the tree has its path, as a
//! loaded Kialo discussion has, the paths are kept as they were; otherwise the tree is
//! numbered afresh, each claim's text where it is first met, answers in the order of their
//! paths and then of their IRIs. Responses of other kinds (rephrase, preference, fact check,
//! or of unknown kind) have no Kialo stance: they are left out and counted.

use crate::query::{self, QueryError, QueryOutput};
use crate::store::ClaimStore;
use crate::vocab::{class, property};
use ::kialo::{Content, Discussion, Location, Node, Path, Stance};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QuerySolution;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

/// Why a discussion could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The store could not be read.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// Writing failed.
    #[error("cannot write the discussion")]
    Io(#[from] io::Error),
    /// Without a focus, the part exported holds no discussion, or several.
    #[error("{} (a Kialo export holds one: name a claim with --focus, or one discussion's graph with --graph)", discussions_found(.found))]
    NotOneDiscussion {
        /// How many it holds.
        found: usize,
    },
    /// The focus claim has no statement to write as its text.
    #[error("{claim} has no statement to write as a thesis")]
    NoStatement {
        /// The claim.
        claim: String,
    },
}

fn discussions_found(found: &usize) -> String {
    match *found {
        0 => "no Kialo discussion in what is exported".to_owned(),
        n => format!("{n} Kialo discussions in what is exported"),
    }
}

/// What was written, beside the text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Responses of a kind Kialo has no stance for, left out.
    pub left_out: usize,
}

/// Writes the one discussion of `store`, or the tree below `focus`, as Kialo's export.
pub fn write(
    store: &ClaimStore,
    focus: Option<&NamedNode>,
    out: &mut dyn Write,
) -> Result<Written, ExportError> {
    let (discussion, written) = discussion(store, focus)?;
    out.write_all(discussion.to_text().as_bytes())?;
    Ok(written)
}

/// The discussion as the `kialo` crate's tree.
///
/// # Complexity
///
/// A handful of queries over the store, then O(n log n) in the responses of the tree.
pub fn discussion(
    store: &ClaimStore,
    focus: Option<&NamedNode>,
) -> Result<(Discussion, Written), ExportError> {
    let statements = statements(store)?;
    let (title, question, theses, sources) = match focus {
        Some(claim) => {
            let title = statements
                .get(claim)
                .cloned()
                .ok_or_else(|| ExportError::NoStatement {
                    claim: claim.to_string(),
                })?;
            (title, None, vec![claim.clone()], Vec::new())
        }
        None => top(store)?,
    };
    let (answers, left_out) = answers(store)?;
    let paths = tree_paths(store)?;
    let tree = Tree {
        statements: &statements,
        answers: &answers,
        paths: &paths,
    };
    let nodes = match (focus, tree.as_written(question.as_deref(), &theses)) {
        (None, Some(nodes)) => nodes,
        _ => tree.numbered(question.as_deref(), &theses),
    };
    Ok((
        Discussion {
            title,
            nodes,
            sources,
        },
        Written { left_out },
    ))
}

/// A response as the tree needs it.
#[derive(Debug, Clone)]
struct Answer {
    from: NamedNode,
    stance: Stance,
    path: Option<Path>,
    iri: NamedNode,
}

struct Tree<'a> {
    statements: &'a HashMap<NamedNode, String>,
    /// The answers to each claim, in the order of their paths, then IRIs.
    answers: &'a HashMap<NamedNode, Vec<Answer>>,
    paths: &'a HashMap<NamedNode, Path>,
}

impl Tree<'_> {
    fn text(&self, claim: &NamedNode) -> String {
        self.statements
            .get(claim)
            .cloned()
            .unwrap_or_else(|| claim.as_str().to_owned())
    }

    /// The tree at the paths the store gives, when every place has one and they hold
    /// together as a Kialo tree: each answer under the path of the claim it answers, each
    /// claim's text at its own path.
    fn as_written(&self, question: Option<&str>, theses: &[NamedNode]) -> Option<Vec<Node>> {
        let mut nodes = BTreeMap::new();
        if let Some(question) = question {
            nodes.insert(path(&[1]), (None, Content::Text(question.to_owned())));
        }
        let mut stack: Vec<NamedNode> = Vec::new();
        for thesis in theses {
            let at = self.paths.get(thesis)?.clone();
            let expected_depth = if question.is_some() { 2 } else { 1 };
            if at.depth() != expected_depth || nodes.contains_key(&at) {
                return None;
            }
            nodes.insert(at, (None, Content::Text(self.text(thesis))));
            stack.push(thesis.clone());
        }
        let mut expanded = HashSet::new();
        while let Some(claim) = stack.pop() {
            if !expanded.insert(claim.clone()) {
                continue;
            }
            let home = self.paths.get(&claim)?;
            for answer in self.answers.get(&claim).into_iter().flatten() {
                let at = answer.path.clone()?;
                if at.parent().as_ref() != Some(home) || nodes.contains_key(&at) {
                    return None;
                }
                let from_home = self.paths.get(&answer.from)?;
                let content = if *from_home == at {
                    stack.push(answer.from.clone());
                    Content::Text(self.text(&answer.from))
                } else {
                    Content::Link(from_home.clone())
                };
                nodes.insert(at, (Some(answer.stance), content));
            }
        }
        // Every link must name a place written here.
        let holds_text = |p: &Path| matches!(nodes.get(p), Some((_, Content::Text(_))));
        if !nodes.values().all(|(_, c)| match c {
            Content::Link(target) => holds_text(target),
            Content::Text(_) => true,
        }) {
            return None;
        }
        Some(to_nodes(nodes))
    }

    /// The tree numbered afresh: depth first from the theses, each claim written where it is
    /// first met and linked to from its other places.
    fn numbered(&self, question: Option<&str>, theses: &[NamedNode]) -> Vec<Node> {
        let mut nodes = BTreeMap::new();
        let top = match question {
            Some(question) => {
                nodes.insert(path(&[1]), (None, Content::Text(question.to_owned())));
                Some(path(&[1]))
            }
            None => None,
        };
        // Theses are written at the top, wherever else they answer.
        let mut home: HashMap<NamedNode, Path> = theses
            .iter()
            .enumerate()
            .map(|(i, thesis)| {
                let number = i as u32 + 1;
                let at = match &top {
                    Some(top) => top.child(number),
                    None => path(&[number]),
                };
                (thesis.clone(), at)
            })
            .collect();
        // (claim, its place, its stance); answers are pushed in reverse so that the first is
        // written first.
        let mut stack: Vec<(NamedNode, Path, Option<Stance>)> = theses
            .iter()
            .rev()
            .map(|thesis| (thesis.clone(), home[thesis].clone(), None))
            .collect();
        while let Some((claim, at, stance)) = stack.pop() {
            match home.get(&claim) {
                Some(first) if *first != at => {
                    nodes.insert(at, (stance, Content::Link(first.clone())));
                    continue;
                }
                Some(_) => {}
                None => {
                    home.insert(claim.clone(), at.clone());
                }
            }
            nodes.insert(at.clone(), (stance, Content::Text(self.text(&claim))));
            let answers = self.answers.get(&claim).into_iter().flatten();
            let children: Vec<_> = answers
                .enumerate()
                .map(|(i, a)| (a.from.clone(), at.child(i as u32 + 1), Some(a.stance)))
                .collect();
            stack.extend(children.into_iter().rev());
        }
        to_nodes(nodes)
    }
}

fn path(segments: &[u32]) -> Path {
    Path::new(segments.to_vec()).expect("a path has a number")
}

fn to_nodes(nodes: BTreeMap<Path, (Option<Stance>, Content)>) -> Vec<Node> {
    // Paths in their order are the tree depth first, as Kialo writes it.
    nodes
        .into_iter()
        .map(|(path, (stance, content))| Node {
            path,
            stance,
            content,
            location: Location { line: 0, column: 0 },
        })
        .collect()
}

fn select(store: &ClaimStore, sparql: &str) -> Result<Vec<QuerySolution>, QueryError> {
    match query::run(store, "Kialo export", sparql)? {
        QueryOutput::Solutions { rows, .. } => Ok(rows),
        _ => unreachable!("every query here is a SELECT"),
    }
}

fn named(row: &QuerySolution, name: &str) -> Option<NamedNode> {
    match row.get(name) {
        Some(Term::NamedNode(n)) => Some(n.clone()),
        _ => None,
    }
}

fn text(row: &QuerySolution, name: &str) -> Option<String> {
    match row.get(name) {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// Each claim's statement: the English one, else the undetermined one, else the first in
/// the order of their language tags.
fn statements(store: &ClaimStore) -> Result<HashMap<NamedNode, String>, QueryError> {
    let rows = select(
        store,
        "SELECT ?c ?s (LANG(?s) AS ?l) WHERE { ?c cg:statement ?s } ORDER BY ?c ?l",
    )?;
    let rank = |lang: &str| match lang {
        "en" => 0,
        "und" => 1,
        _ => 2,
    };
    let mut best: HashMap<NamedNode, (u8, String)> = HashMap::new();
    for row in &rows {
        let (Some(claim), Some(statement)) = (named(row, "c"), text(row, "s")) else {
            continue;
        };
        let r = rank(text(row, "l").as_deref().unwrap_or_default());
        let entry = best.entry(claim).or_insert((u8::MAX, String::new()));
        if r < entry.0 {
            *entry = (r, statement);
        }
    }
    Ok(best.into_iter().map(|(c, (_, s))| (c, s)).collect())
}

type Top = (String, Option<String>, Vec<NamedNode>, Vec<String>);

/// The one discussion: its title, question, theses (in the order of their paths, then IRIs)
/// and sources.
fn top(store: &ClaimStore) -> Result<Top, ExportError> {
    let found = select(
        store,
        "SELECT DISTINCT ?d WHERE { ?d a cg:Discussion } ORDER BY ?d",
    )?;
    let [row] = found.as_slice() else {
        return Err(ExportError::NotOneDiscussion { found: found.len() });
    };
    let discussion = named(row, "d").ok_or(ExportError::NotOneDiscussion { found: 0 })?;
    let one = |sparql: String| -> Result<Option<String>, QueryError> {
        Ok(select(store, &sparql)?.first().and_then(|r| text(r, "v")))
    };
    let title = one(format!(
        "SELECT ?v WHERE {{ {discussion} rdfs:label ?v }} ORDER BY DESC(LANG(?v) = 'en') ?v LIMIT 1"
    ))?
    .unwrap_or_else(|| discussion.as_str().to_owned());
    let question = one(format!(
        "SELECT ?v WHERE {{ {discussion} cg:question ?v }} ORDER BY ?v LIMIT 1"
    ))?;
    let mut theses: Vec<(Option<Path>, NamedNode)> = select(
        store,
        &format!(
            "SELECT ?t ?p WHERE {{ {discussion} cg:thesis ?t OPTIONAL {{ ?t cg:treePath ?p }} }}"
        ),
    )?
    .iter()
    .filter_map(|r| {
        let path = text(r, "p").and_then(|p| p.parse().ok());
        named(r, "t").map(|t| (path, t))
    })
    .collect();
    theses.sort();
    theses.dedup_by(|a, b| a.1 == b.1);
    let mut sources: Vec<String> = select(
        store,
        &format!(
            "SELECT ?v WHERE {{ {discussion} <{}> ?v }}",
            crate::vocab::external::SCHEMA_CITATION.as_str()
        ),
    )?
    .iter()
    .filter_map(|r| text(r, "v"))
    .collect();
    sources.sort();
    Ok((
        title,
        question,
        theses.into_iter().map(|(_, t)| t).collect(),
        sources,
    ))
}

/// The supports and attacks answering each claim, and how many responses of other kinds
/// there are.
fn answers(store: &ClaimStore) -> Result<(HashMap<NamedNode, Vec<Answer>>, usize), QueryError> {
    let rows = select(
        store,
        &format!(
            "SELECT DISTINCT ?r ?from ?to ?stance ?p WHERE {{
               ?r cg:fromClaim ?from ; cg:toClaim ?to .
               OPTIONAL {{ ?r a/rdfs:subClassOf* ?s FILTER(?s IN (<{support}>, <{attack}>)) }}
               BIND(COALESCE(?s, cg:Response) AS ?stance)
               OPTIONAL {{ ?r <{tree}> ?p }}
             }}",
            support = class::SUPPORT.as_str(),
            attack = class::ATTACK.as_str(),
            tree = property::TREE_PATH.as_str(),
        ),
    )?;
    let mut answers: HashMap<NamedNode, Vec<Answer>> = HashMap::new();
    let mut others = HashSet::new();
    for row in &rows {
        let (Some(iri), Some(from), Some(to), Some(kind)) = (
            named(row, "r"),
            named(row, "from"),
            named(row, "to"),
            named(row, "stance"),
        ) else {
            continue;
        };
        let stance = if kind.as_ref() == class::SUPPORT {
            Stance::Pro
        } else if kind.as_ref() == class::ATTACK {
            Stance::Con
        } else {
            others.insert(iri);
            continue;
        };
        answers.entry(to).or_default().push(Answer {
            from,
            stance,
            path: text(row, "p").and_then(|p| p.parse().ok()),
            iri,
        });
    }
    for list in answers.values_mut() {
        list.sort_by(|a, b| (&a.path, &a.iri, &a.from).cmp(&(&b.path, &b.iri, &b.from)));
        // A response both a support and an attack (its class under both) is written once.
        list.dedup_by(|a, b| a.iri == b.iri && a.from == b.from);
    }
    Ok((answers, others.len()))
}

/// Each claim's tree path.
fn tree_paths(store: &ClaimStore) -> Result<HashMap<NamedNode, Path>, QueryError> {
    Ok(select(
        store,
        "SELECT ?c ?p WHERE { ?c a/rdfs:subClassOf* cg:Claim ; cg:treePath ?p }",
    )?
    .iter()
    .filter_map(|r| Some((named(r, "c")?, text(r, "p")?.parse().ok()?)))
    .collect())
}

#[cfg(test)]
mod tests;
