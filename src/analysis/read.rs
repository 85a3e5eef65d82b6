//! Reading the store into an argument graph by scanning quads, one predicate at a time, and
//! joining them in hash maps: linear in the triples it reads, where the SPARQL group-bys this
//! replaces grew to minutes on large stores. What claims say, the quotes that voice them and
//! the responses between them are read on three threads.
//!
//! It reads what these SPARQL patterns would, over the union of all graphs (`cg:` terms from
//! [`vocab`](crate::vocab)):
//!
//! - claims: `?c a/rdfs:subClassOf* cg:Claim`, ordered as SPARQL orders them (blank nodes,
//!   then IRIs, by string); an allegation is `?c a cg:Allegation`, a thesis `[] cg:thesis ?c`;
//! - a claim's label: an English `rdfs:label`, else any label, else its IRI; `label_zh` a
//!   Chinese one;
//! - its quotes: `?q cg:expresses|cg:implies ?c`. The quote text is the first quote's (in SPARQL
//!   order) `cg:originalText`, else its Chinese `cg:translation/cg:text`; likes the largest
//!   `schema:interactionStatistic/schema:userInteractionCount`; the faction the last
//!   `cg:faction` of those quotes in SPARQL order; popularity every `cg:popularity` of those
//!   quotes, in SPARQL order, labelled as actors are; the thread's most likes, the largest
//!   like count of a quote that voices a claim and is `cg:saidIn` a thread one of them is
//!   said in (a quote in no thread counts alone);
//! - claimant (the last in SPARQL order) and accused actors (all, in order), each labelled by
//!   `rdfs:label|skos:prefLabel` (English, else any, else the IRI);
//! - responses: `?r cg:fromClaim ?from ; cg:toClaim ?to ; a ?class . ?class
//!   rdfs:subClassOf* cg:Response`, in order of `?r`, one edge per class; the type in words is
//!   the class's English label, an attack a class under `cg:Attack`, the scheme the English
//!   `skos:prefLabel` of the first `cg:scheme` that has one;
//! - premises: `?c cg:hasPremise ?p`, an edge from `?p` to `?c`, ordered by `?c` then `?p`.
//!
//! Where SPARQL's `SAMPLE` would take an arbitrary value among several (labels, texts of one
//! quote), this takes the least, whatever order the store keeps them in; a label "English,
//! else any" is English, else Chinese, else another. A triple stored in two graphs counts once. A unit test checks the result against
//! those SPARQL queries.
//!
//! The named query `responses` reads the same triples but keeps every value where the graph
//! keeps one, and drops what has no English label where the graph falls back on another. The
//! read notes where the store holds anything of that kind (see
//! [`ArgumentGraph::responses_exact`](super::ArgumentGraph::responses_exact) and
//! [`ArgumentGraph::unlike_query`](super::ArgumentGraph::unlike_query)). Of a claim: other than
//! one English label, several claimants, a claimant without exactly one English `rdfs:label`,
//! several quotes, a quote with several original texts, Chinese renderings or like counts, a
//! like count that is no plain integer or no `schema:LikeAction`'s, a popularity level whose
//! Chinese label is not its one Chinese `skos:prefLabel`. Of the whole store: a response class
//! of another vocabulary or without its one English label, a response with several English
//! scheme labels, or a response, premise or allegation link with an end that is no claim.

use super::{ArgumentGraph, ClaimNode, FastMap, FastSet, Link, Named};
use crate::relation::Relation;
use crate::vocab::external::{
    SCHEMA_INTERACTION_STATISTIC, SCHEMA_INTERACTION_TYPE, SCHEMA_LIKE_ACTION,
    SCHEMA_USER_INTERACTION_COUNT, SKOS_PREF_LABEL,
};
use crate::vocab::{class, property};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, TermRef};
use oxigraph::store::{StorageError, Store};
use petgraph::graph::{DiGraph, NodeIndex};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Reads every claim, response and premise link in `store`, and where the graph holds less than
/// the named query `responses` would show of them (see the module's notes).
///
/// # Complexity
/// `O(t + n log n + r log r)` for the `t` triples with the predicates above, `n` claims and `r`
/// responses (both sorted), plus one lookup per distinct class, actor, faction and scheme.
pub(super) fn read(store: &Store) -> Result<ArgumentGraph, StorageError> {
    let reader = Reader {
        store,
        differs: AtomicBool::new(false),
    };
    let hierarchy = Hierarchy::read(store)?;

    let mut claims: Vec<NamedOrBlankNode> = Vec::new();
    for class in hierarchy.below(class::CLAIM.into_owned().into()) {
        for quad in reader.with_object(rdf::TYPE, class.as_ref()) {
            claims.push(quad?.subject);
        }
    }
    claims.sort_unstable_by(|a, b| order(a.as_ref()).cmp(&order(b.as_ref())));
    claims.dedup();
    let index = Claims {
        index: claims.iter().enumerate().map(|(i, c)| (c, i)).collect(),
    };

    // Three threads, for the three groups of predicates of about equal cost: what claims say,
    // the quotes that voice them, and the responses between them. Decoding the terms each scan
    // returns is most of the cost, so the groups share no scan.
    let (described, edges) = std::thread::scope(|scope| {
        let responses = scope.spawn(|| {
            let responses = reader.responses(&hierarchy, &index)?;
            let targets = reader.to_claims(property::TO_CLAIM, &index)?;
            Ok::<_, StorageError>(responses.edges(targets, &reader))
        });
        let voiced = scope.spawn(|| reader.quotes(&index, claims.len()));
        let said = reader.said(&index, claims.len());
        let voiced = voiced
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let described = said.and_then(|said| reader.describe(said, voiced?, &claims));
        let edges = responses
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (described, edges)
    });
    let (described, edges) = (described?, edges?);
    let premises = reader.premises(&index)?;
    drop(index);

    let (described, unlike_query) = described;
    let mut graph = DiGraph::with_capacity(claims.len(), edges.len() + premises.len());
    for (claim, mut node) in claims.into_iter().zip(described) {
        node.iri = key(claim);
        graph.add_node(node);
    }
    for (from, to, link) in edges {
        graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), link);
    }
    for (conclusion, premise) in premises {
        graph.add_edge(
            NodeIndex::new(premise),
            NodeIndex::new(conclusion),
            Link::Premise,
        );
    }
    Ok(ArgumentGraph {
        graph,
        responses_exact: !reader.differs.into_inner(),
        unlike_query,
    })
}

/// Where each claim is in the sorted list of claims.
struct Claims<'a> {
    index: FastMap<&'a NamedOrBlankNode, usize>,
}

impl Claims<'_> {
    fn of(&self, node: &NamedOrBlankNode) -> Option<usize> {
        self.index.get(node).copied()
    }

    fn of_term(&self, term: Term) -> Option<usize> {
        self.of(&NamedOrBlankNode::try_from(term).ok()?)
    }
}

struct Reader<'a> {
    store: &'a Store,
    /// Set, from any of the threads, on reading something the named query `responses` would
    /// show otherwise than the graph.
    differs: AtomicBool,
}

impl Reader<'_> {
    /// Notes, when `unlike` holds, that the query `responses` would not read as the graph does.
    fn differs_if(&self, unlike: bool) {
        if unlike {
            self.differs.store(true, Ordering::Relaxed);
        }
    }

    /// Every quad with this predicate, in any graph.
    fn with_predicate(
        &self,
        predicate: NamedNodeRef<'_>,
    ) -> impl Iterator<Item = Result<Quad, StorageError>> {
        self.store
            .quads_for_pattern(None, Some(predicate), None, None)
    }

    /// Every quad with this predicate and object, in any graph.
    fn with_object(
        &self,
        predicate: NamedNodeRef<'_>,
        object: TermRef<'_>,
    ) -> impl Iterator<Item = Result<Quad, StorageError>> {
        self.store
            .quads_for_pattern(None, Some(predicate), Some(object), None)
    }

    /// What each claim says of itself: allegation or not, labels, claimant, accused actors.
    fn said(&self, claims: &Claims<'_>, count: usize) -> Result<Vec<Said>, StorageError> {
        let mut said = vec![Said::default(); count];
        for quad in self.with_object(rdf::TYPE, class::ALLEGATION.into()) {
            match claims.of(&quad?.subject) {
                Some(i) => said[i].allegation = true,
                None => self.differs_if(true),
            }
        }
        for quad in self.with_predicate(property::THESIS) {
            if let Some(i) = claims.of_term(quad?.object) {
                said[i].thesis = true;
            }
        }
        for quad in self.with_predicate(rdfs::LABEL) {
            let quad = quad?;
            if let Some(i) = claims.of(&quad.subject) {
                said[i].labels.add(quad.object, 0);
            }
        }
        for quad in self.with_predicate(property::CLAIMANT) {
            let quad = quad?;
            if let Some(i) = claims.of(&quad.subject) {
                said[i].odd |= said[i].claimant.as_ref().is_some_and(|c| *c != quad.object);
                keep_last(&mut said[i].claimant, quad.object);
            }
        }
        for quad in self.with_predicate(property::ACCUSES) {
            let quad = quad?;
            if let Some(i) = claims.of(&quad.subject) {
                said[i].accused.push(quad.object);
            }
        }
        Ok(said)
    }

    /// Everything but the IRI of each claim, from what it says and what voices it, with the
    /// actors and factions named; and the claims of which the query `responses` would show
    /// otherwise.
    fn describe(
        &self,
        said: Vec<Said>,
        voiced: Vec<Voiced>,
        names: &[NamedOrBlankNode],
    ) -> Result<(Vec<ClaimNode>, Vec<NodeIndex>), StorageError> {
        let mut named: FastMap<Term, (Arc<Named>, AsQueried)> = FastMap::default();
        let mut nodes = Vec::with_capacity(said.len());
        let mut unlike = Vec::new();
        for ((said, voiced), name) in said.into_iter().zip(voiced).zip(names) {
            let Said {
                allegation,
                thesis,
                mut labels,
                claimant,
                mut accused,
                odd,
            } = said;
            let mut odd = odd || voiced.odd || labels.english != [1, 0];
            let mut node = ClaimNode {
                allegation,
                thesis,
                label: labels.best().unwrap_or_else(|| key(name.clone())),
                label_zh: labels.zh,
                quote: voiced.quote,
                likes: voiced.likes,
                thread_most_likes: voiced.thread_most_likes,
                ..ClaimNode::default()
            };
            let mut popularity = voiced.popularity;
            popularity.sort_by(|a, b| term_order(a).cmp(&term_order(b)));
            popularity.dedup();
            for level in popularity {
                let (level, as_queried) = self.named(&mut named, level)?;
                odd |= !as_queried.level;
                node.popularity.push(level);
            }
            if let Some(claimant) = claimant {
                let (claimant, as_queried) = self.named(&mut named, claimant)?;
                odd |= !as_queried.claimant;
                node.claimant = Some(claimant);
            }
            if let Some(faction) = voiced.faction {
                node.faction = Some(self.named(&mut named, faction)?.0);
            }
            accused.sort_by(|a, b| term_order(a).cmp(&term_order(b)));
            accused.dedup();
            for actor in accused {
                node.accuses.push(self.named(&mut named, actor)?.0);
            }
            if odd {
                unlike.push(NodeIndex::new(nodes.len()));
            }
            nodes.push(node);
        }
        Ok((nodes, unlike))
    }

    /// Each claim's quote, likes and faction, from the quotes that voice it.
    fn quotes(&self, claims: &Claims<'_>, count: usize) -> Result<Vec<Voiced>, StorageError> {
        let mut quotes: FastMap<NamedOrBlankNode, Quote> = FastMap::default();
        for predicate in [property::EXPRESSES, property::IMPLIES] {
            for quad in self.with_predicate(predicate) {
                let quad = quad?;
                if let Some(claim) = claims.of_term(quad.object) {
                    quotes.entry(quad.subject).or_default().claims.push(claim);
                }
            }
        }
        for quad in self.with_predicate(property::ORIGINAL_TEXT) {
            let quad = quad?;
            if let Some(quote) = quotes.get_mut(&quad.subject) {
                let original = text(quad.object);
                quote.odd |= quote.original.as_ref().is_some_and(|o| *o != original);
                keep_least(&mut quote.original, original);
            }
        }
        // Translations and like counters hang off quotes: node -> the quotes that use it.
        let mut translations: FastMap<NamedOrBlankNode, Vec<NamedOrBlankNode>> = FastMap::default();
        let mut statistics: FastMap<NamedOrBlankNode, Vec<NamedOrBlankNode>> = FastMap::default();
        for (predicate, targets) in [
            (property::TRANSLATION, &mut translations),
            (SCHEMA_INTERACTION_STATISTIC, &mut statistics),
        ] {
            for quad in self.with_predicate(predicate) {
                let quad = quad?;
                if quotes.contains_key(&quad.subject) {
                    if let Ok(target) = NamedOrBlankNode::try_from(quad.object) {
                        targets.entry(target).or_default().push(quad.subject);
                    }
                }
            }
        }
        for quad in self.with_predicate(property::TEXT) {
            let quad = quad?;
            let (Some(of), Term::Literal(literal)) = (translations.get(&quad.subject), quad.object)
            else {
                continue;
            };
            if literal.language() == Some("zh") {
                for quote in of {
                    let quote = quotes.get_mut(quote).expect("translations are of quotes");
                    let translation = literal.value();
                    quote.odd |= quote.translation.as_ref().is_some_and(|t| t != translation);
                    keep_least(&mut quote.translation, translation.to_owned());
                }
            }
        }
        // The query counts only statistics of likes, and shows the count as written.
        let mut like_actions: FastSet<NamedOrBlankNode> = FastSet::default();
        for quad in self.with_object(SCHEMA_INTERACTION_TYPE, SCHEMA_LIKE_ACTION.into()) {
            let quad = quad?;
            if statistics.contains_key(&quad.subject) {
                like_actions.insert(quad.subject);
            }
        }
        for quad in self.with_predicate(SCHEMA_USER_INTERACTION_COUNT) {
            let quad = quad?;
            let Some(of) = statistics.get(&quad.subject) else {
                continue;
            };
            let written = text(quad.object);
            let count = written.parse::<u64>().ok();
            let odd = !like_actions.contains(&quad.subject)
                || count.is_none_or(|count| count.to_string() != written);
            for quote in of {
                let quote = quotes.get_mut(quote).expect("statistics are of quotes");
                quote.odd |= odd || quote.likes.is_some_and(|likes| Some(likes) != count);
                quote.likes = quote.likes.max(count);
            }
        }
        for quad in self.with_predicate(property::FACTION) {
            let quad = quad?;
            if let Some(quote) = quotes.get_mut(&quad.subject) {
                quote.factions.push(quad.object);
            }
        }
        for quad in self.with_predicate(property::POPULARITY) {
            let quad = quad?;
            if let Some(quote) = quotes.get_mut(&quad.subject) {
                quote.popularity.push(quad.object);
            }
        }
        // A quote's thread, and the most likes of a quote in each thread: a like count weighs
        // against its own thread's (see `argsem::gradual::BaseRule`).
        let mut thread_most: FastMap<Term, u64> = FastMap::default();
        for quad in self.with_predicate(property::SAID_IN) {
            let quad = quad?;
            if let Some(quote) = quotes.get_mut(&quad.subject) {
                if let Some(likes) = quote.likes {
                    let most = thread_most.entry(quad.object.clone()).or_default();
                    *most = (*most).max(likes);
                }
                quote.threads.push(quad.object);
            }
        }
        let mut quotes: Vec<(NamedOrBlankNode, Quote)> = quotes.into_iter().collect();
        quotes.sort_by(|a, b| order(a.0.as_ref()).cmp(&order(b.0.as_ref())));
        let mut voiced = vec![Voiced::default(); count];
        let mut voices = vec![0_u32; count];
        for (_, mut quote) in quotes {
            let said = quote.original.or(quote.translation);
            quote.claims.sort_unstable();
            quote.claims.dedup();
            for &claim in &quote.claims {
                voices[claim] += 1;
                let voice = &mut voiced[claim];
                voice.odd |= quote.odd || voices[claim] > 1;
                if voice.quote.is_none() {
                    voice.quote.clone_from(&said);
                }
                voice.likes = voice.likes.max(quote.likes);
                let most = match quote.threads.as_slice() {
                    [] => quote.likes,
                    threads => threads
                        .iter()
                        .map(|t| thread_most.get(t).copied())
                        .max()
                        .flatten(),
                };
                voice.thread_most_likes = voice.thread_most_likes.max(most);
                voice.popularity.extend(quote.popularity.iter().cloned());
                for faction in &quote.factions {
                    keep_last(&mut voice.faction, faction.clone());
                }
            }
        }
        Ok(voiced)
    }

    /// `(subject, claim)` for every quad with this predicate whose object is a claim.
    fn to_claims(
        &self,
        predicate: NamedNodeRef<'_>,
        claims: &Claims<'_>,
    ) -> Result<Vec<(NamedOrBlankNode, usize)>, StorageError> {
        let mut pairs = Vec::new();
        for quad in self.with_predicate(predicate) {
            let quad = quad?;
            match claims.of_term(quad.object) {
                Some(claim) => pairs.push((quad.subject, claim)),
                None => self.differs_if(true),
            }
        }
        Ok(pairs)
    }

    /// The responses with a claim they come from, their classes and schemes; their targets
    /// come later, from another thread (see [`Responses::edges`]).
    fn responses(
        &self,
        hierarchy: &Hierarchy,
        claims: &Claims<'_>,
    ) -> Result<Responses, StorageError> {
        // Each response gets a number; its ends and classes are (number, value) pairs.
        let mut numbers: FastMap<NamedOrBlankNode, usize> = FastMap::default();
        let mut ends: Vec<(usize, bool, usize)> = Vec::new();
        for quad in self.with_predicate(property::FROM_CLAIM) {
            let quad = quad?;
            let Some(claim) = claims.of_term(quad.object) else {
                self.differs_if(true);
                continue;
            };
            let next = numbers.len();
            let number = *numbers.entry(quad.subject).or_insert(next);
            ends.push((number, false, claim));
        }
        let below = |class: NamedNodeRef<'_>| -> FastSet<Term> {
            hierarchy
                .below(class.into_owned().into())
                .into_iter()
                .collect()
        };
        let (attacks, supports) = (below(class::ATTACK), below(class::SUPPORT));
        // The relation of each response class used, in SPARQL order of the classes; a class of
        // another vocabulary counts as the nearest of ours above it.
        let mut kinds: Vec<Relation> = Vec::new();
        let mut classes: Vec<(usize, usize)> = Vec::new();
        for class in hierarchy.below(class::RESPONSE.into_owned().into()) {
            let before = classes.len();
            for quad in self.with_object(rdf::TYPE, class.as_ref()) {
                if let Some(&number) = numbers.get(&quad?.subject) {
                    classes.push((number, kinds.len()));
                }
            }
            if classes.len() > before {
                let named = match &class {
                    Term::NamedNode(n) => Relation::from_class(n.as_ref()),
                    _ => None,
                };
                // The query shows the class's English label where the graph names the relation.
                let labels = self.labels(&class, &[rdfs::LABEL])?;
                self.differs_if(
                    labels.english[0] != 1
                        || named
                            .is_none_or(|relation| labels.en.as_deref() != Some(relation.name())),
                );
                kinds.push(named.unwrap_or(if attacks.contains(&class) {
                    Relation::Attack
                } else if supports.contains(&class) {
                    Relation::Support
                } else {
                    Relation::Response
                }));
            }
        }
        // The first scheme, in SPARQL order, with an English label; and its Chinese one.
        // The query gives a row for each English label of each scheme, where the graph keeps one.
        let mut scheme_labels: FastMap<Term, (Option<SchemeLabels>, usize)> = FastMap::default();
        let mut schemes: Vec<Option<(Term, SchemeLabels)>> = vec![None; numbers.len()];
        let mut english = vec![0; numbers.len()];
        for quad in self.with_predicate(property::SCHEME) {
            let quad = quad?;
            let Some(&number) = numbers.get(&quad.subject) else {
                continue;
            };
            if !scheme_labels.contains_key(&quad.object) {
                let labels = self.labels(&quad.object, &[SKOS_PREF_LABEL])?;
                let count = labels.english[0];
                let label = labels.en.map(|en| (en, labels.zh));
                scheme_labels.insert(quad.object.clone(), (label, count));
            }
            let (label, count) = &scheme_labels[&quad.object];
            english[number] += count;
            if let Some(label) = label {
                let first = &mut schemes[number];
                if first
                    .as_ref()
                    .is_none_or(|(s, _)| term_order(&quad.object) < term_order(s))
                {
                    *first = Some((quad.object, label.clone()));
                }
            }
        }
        self.differs_if(english.iter().any(|&n| n > 1));
        Ok(Responses {
            numbers,
            ends,
            kinds,
            classes,
            schemes: schemes
                .into_iter()
                .map(|s| s.map(|(_, label)| label))
                .collect(),
        })
    }

    /// `(conclusion, premise)` pairs, sorted.
    fn premises(&self, claims: &Claims<'_>) -> Result<Vec<(usize, usize)>, StorageError> {
        let mut premises = Vec::new();
        for quad in self.with_predicate(property::HAS_PREMISE) {
            let quad = quad?;
            match (claims.of(&quad.subject), claims.of_term(quad.object)) {
                (Some(conclusion), Some(premise)) => premises.push((conclusion, premise)),
                _ => self.differs_if(true),
            }
        }
        premises.sort_unstable();
        premises.dedup();
        Ok(premises)
    }

    /// The labels of `subject` under these predicates.
    fn labels(
        &self,
        subject: &Term,
        predicates: &[NamedNodeRef<'_>],
    ) -> Result<Labels, StorageError> {
        let mut labels = Labels::default();
        let Ok(subject) = NamedOrBlankNode::try_from(subject.clone()) else {
            return Ok(labels);
        };
        for (position, &predicate) in predicates.iter().enumerate() {
            for quad in
                self.store
                    .quads_for_pattern(Some(subject.as_ref()), Some(predicate), None, None)
            {
                labels.add(quad?.object, position);
            }
        }
        Ok(labels)
    }

    /// An actor, faction or popularity level with its labels, read once, and whether the
    /// query `responses` would word it as the graph does.
    fn named(
        &self,
        cache: &mut FastMap<Term, (Arc<Named>, AsQueried)>,
        term: Term,
    ) -> Result<(Arc<Named>, AsQueried), StorageError> {
        if let Some(named) = cache.get(&term) {
            return Ok(named.clone());
        }
        let mut labels = self.labels(&term, &[rdfs::LABEL, SKOS_PREF_LABEL])?;
        let as_queried = AsQueried {
            claimant: labels.english[0] == 1,
            level: labels.chinese[1] == 1 && labels.zh == labels.zh_second,
        };
        let named = Arc::new(Named {
            iri: match &term {
                Term::NamedNode(n) => n.as_str().to_owned(),
                other => other.to_string(),
            },
            label: labels.best().unwrap_or_else(|| match &term {
                Term::BlankNode(_) => String::new(),
                other => text(other.clone()),
            }),
            label_zh: labels.zh,
        });
        cache.insert(term, (Arc::clone(&named), as_queried));
        Ok((named, as_queried))
    }
}

/// Whether one label the graph keeps of an actor or level is the one the query `responses`
/// shows: a claimant's `rdfs:label`, the sole English one; a popularity level's Chinese label,
/// its sole Chinese `skos:prefLabel`.
#[derive(Debug, Clone, Copy)]
struct AsQueried {
    claimant: bool,
    level: bool,
}

/// What [`Reader::responses`] read: each response numbered, with its ends and classes as
/// `(number, ...)` pairs.
struct Responses {
    numbers: FastMap<NamedOrBlankNode, usize>,
    /// `(number, to, claim)`: `to` is false for the claim it comes from.
    ends: Vec<(usize, bool, usize)>,
    /// The relation of each response class used.
    kinds: Vec<Relation>,
    /// `(number, class)`, the class a position in `kinds`.
    classes: Vec<(usize, usize)>,
    /// The scheme's labels, by number.
    schemes: Vec<Option<SchemeLabels>>,
}

impl Responses {
    /// The edges `(from, to, link)` in order of the responses, given `(response, claim)` for
    /// every `cg:toClaim`; a response that lacks an end or a class is noted in `reader`, as the
    /// query `responses` counts it among an allegation's answers.
    fn edges(
        self,
        targets: Vec<(NamedOrBlankNode, usize)>,
        reader: &Reader<'_>,
    ) -> Vec<(usize, usize, Link)> {
        let Self {
            numbers,
            mut ends,
            kinds,
            mut classes,
            mut schemes,
        } = self;
        for (response, claim) in targets {
            match numbers.get(&response) {
                Some(&number) => ends.push((number, true, claim)),
                None => reader.differs_if(true),
            }
        }
        let mut names: Vec<Option<NamedOrBlankNode>> = vec![None; numbers.len()];
        for (name, number) in numbers {
            names[number] = Some(name);
        }
        let names: Vec<NamedOrBlankNode> = names.into_iter().flatten().collect();
        let mut sorted: Vec<usize> = (0..names.len()).collect();
        sorted.sort_unstable_by(|&a, &b| order(names[a].as_ref()).cmp(&order(names[b].as_ref())));
        ends.sort_unstable();
        ends.dedup();
        classes.sort_unstable();
        classes.dedup();
        let ends_of = offsets(names.len(), ends.iter().map(|e| e.0));
        let classes_of = offsets(names.len(), classes.iter().map(|c| c.0));
        let mut edges = Vec::with_capacity(names.len());
        for number in sorted {
            let ends = &ends[ends_of[number]..ends_of[number + 1]];
            let (from, to) = ends.split_at(ends.partition_point(|e| !e.1));
            let classes = &classes[classes_of[number]..classes_of[number + 1]];
            if from.is_empty() || to.is_empty() || classes.is_empty() {
                reader.differs_if(!to.is_empty());
                continue;
            }
            let iri = key(names[number].clone());
            let scheme = schemes[number].take();
            for &(_, _, from) in from {
                for &(_, _, to) in to {
                    for &(_, class) in classes {
                        let link = Link::Response {
                            iri: iri.clone(),
                            kind: kinds[class],
                            scheme: scheme.as_ref().map(|(en, _)| en.clone()),
                            scheme_zh: scheme.as_ref().and_then(|(_, zh)| zh.clone()),
                        };
                        edges.push((from, to, link));
                    }
                }
            }
        }
        edges
    }
}

/// Start positions of each number's run in a list sorted by number, and the end.
fn offsets(count: usize, numbers: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut offsets = vec![0; count + 1];
    for number in numbers {
        offsets[number + 1] += 1;
    }
    for i in 0..count {
        offsets[i + 1] += offsets[i];
    }
    offsets
}

/// Keeps the least of the texts offered.
fn keep_least(slot: &mut Option<String>, text: String) {
    if slot.as_ref().is_none_or(|least| text < *least) {
        *slot = Some(text);
    }
}

/// Keeps the greatest term in SPARQL order: the last row of an ordered query.
fn keep_last(slot: &mut Option<Term>, term: Term) {
    if slot
        .as_ref()
        .is_none_or(|last| term_order(last) < term_order(&term))
    {
        *slot = Some(term);
    }
}

/// The class hierarchy: `rdfs:subClassOf` in any graph.
pub(super) struct Hierarchy {
    below: FastMap<Term, Vec<Term>>,
}

impl Hierarchy {
    pub(super) fn read(store: &dyn crate::store::Lookup) -> Result<Self, StorageError> {
        let mut below: FastMap<Term, Vec<Term>> = FastMap::default();
        for quad in store.quads(None, Some(rdfs::SUB_CLASS_OF), None)? {
            below
                .entry(quad.object)
                .or_default()
                .push(quad.subject.into());
        }
        Ok(Self { below })
    }

    /// `top` and every class under it (`?class rdfs:subClassOf* top`), in SPARQL order.
    pub(super) fn below(&self, top: Term) -> Vec<Term> {
        let mut found: FastSet<Term> = FastSet::default();
        found.insert(top.clone());
        let mut queue = vec![top];
        while let Some(class) = queue.pop() {
            for sub in self.below.get(&class).into_iter().flatten() {
                if found.insert(sub.clone()) {
                    queue.push(sub.clone());
                }
            }
        }
        let mut found: Vec<Term> = found.into_iter().collect();
        found.sort_by(|a, b| term_order(a).cmp(&term_order(b)));
        found
    }
}

/// A scheme's English label and, where it has one, its Chinese label.
type SchemeLabels = (String, Option<String>);

/// The labels of one thing: the least English one, the least Chinese one and the least of
/// another language. The least, not the first read, so that the choice among several does not
/// depend on the order a store keeps them in: a part of the store copied apart, or a kept graph
/// patched with a part read again, then names things as a whole reading does.
#[derive(Debug, Clone, Default)]
struct Labels {
    en: Option<String>,
    zh: Option<String>,
    other: Option<String>,
    /// How many English and Chinese labels each of (at most) two predicates gave.
    english: [usize; 2],
    chinese: [usize; 2],
    /// The least Chinese label of the second predicate.
    zh_second: Option<String>,
}

impl Labels {
    /// Adds a label given by the predicate at `position` (0 or 1) of those read.
    fn add(&mut self, label: Term, position: usize) {
        // (`Literal::destruct` would save a copy, but its signature varies with features.)
        let (value, language) = match &label {
            Term::Literal(literal) => (literal.value().to_owned(), literal.language()),
            _ => (text(label.clone()), None),
        };
        match language {
            Some("en") => {
                self.english[position] += 1;
                keep_least(&mut self.en, value);
            }
            Some("zh") => {
                self.chinese[position] += 1;
                if position == 1 {
                    keep_least(&mut self.zh_second, value.clone());
                }
                keep_least(&mut self.zh, value);
            }
            _ => keep_least(&mut self.other, value),
        }
    }

    /// English, else Chinese, else another.
    fn best(&mut self) -> Option<String> {
        self.en
            .take()
            .or_else(|| self.zh.clone())
            .or_else(|| self.other.take())
    }
}

/// What a claim says of itself, as read.
#[derive(Debug, Clone, Default)]
struct Said {
    allegation: bool,
    thesis: bool,
    labels: Labels,
    claimant: Option<Term>,
    accused: Vec<Term>,
    /// Several claimants, of which the query `responses` would show each.
    odd: bool,
}

/// What the quotes voicing a claim give it.
#[derive(Debug, Clone, Default)]
struct Voiced {
    quote: Option<String>,
    likes: Option<u64>,
    thread_most_likes: Option<u64>,
    popularity: Vec<Term>,
    faction: Option<Term>,
    /// Several quotes, or a quote of several texts or like counts, which the query
    /// `responses` would sample.
    odd: bool,
}

#[derive(Default)]
struct Quote {
    claims: Vec<usize>,
    original: Option<String>,
    translation: Option<String>,
    likes: Option<u64>,
    factions: Vec<Term>,
    threads: Vec<Term>,
    popularity: Vec<Term>,
    /// Several texts or like counts, or a count the query would not show as the graph does.
    odd: bool,
}

/// SPARQL's order of resources: blank nodes, then IRIs, each by their string.
pub(super) fn order(node: NamedOrBlankNodeRef<'_>) -> (u8, &str) {
    match node {
        NamedOrBlankNodeRef::BlankNode(b) => (0, b.as_str()),
        NamedOrBlankNodeRef::NamedNode(n) => (1, n.as_str()),
    }
}

/// SPARQL's order of terms, near enough: blank nodes, IRIs, then literals by their value.
fn term_order(term: &Term) -> (u8, &str) {
    match term {
        Term::BlankNode(b) => (0, b.as_str()),
        Term::NamedNode(n) => (1, n.as_str()),
        Term::Literal(l) => (2, l.value()),
        #[allow(unreachable_patterns)]
        _ => (3, ""),
    }
}

/// SPARQL's order of resources, as [`order`] gives it, from how the graph names them (see
/// [`key`]).
pub(super) fn key_order(key: &str) -> (u8, &str) {
    match key.strip_prefix("_:") {
        Some(id) => (0, id),
        None => (1, key),
    }
}

/// How a claim or response is named in the graph: its IRI, or `_:id` for a blank node.
pub(super) fn key(node: NamedOrBlankNode) -> String {
    match node {
        NamedOrBlankNode::NamedNode(n) => n.into_string(),
        other => other.to_string(),
    }
}

/// A term as text: a literal's value, an IRI, or the term written out.
fn text(term: Term) -> String {
    match term {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.into_string(),
        other => other.to_string(),
    }
}
