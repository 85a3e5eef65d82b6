//! The browsable pages: `/` the allegations, `/claim/{id}` a claim with its quotes, what it
//! answers, what answers it and its map, `/actor/{id}` an actor, `/query` a query form.
//! `?lang=zh` switches every label.
//!
//! Pages are askama templates (`templates/`), compiled into the binary and HTML-escaped by
//! default: no text from the data reaches a page unescaped. The one exception is the map's
//! SVG, which Graphviz writes with the data's text escaped as XML, and whose links are ours.
//!
//! The argument graph, its grounded labelling and the allegations' order are read once, as
//! serving starts (seconds at a hundred thousand claims; the first pages wait for it), and kept
//! until an update lands.

use super::{Log, State};
use crate::analysis::strength::{self, Assessment, Setting};
use crate::analysis::{self, detail, ArgumentGraph, ClaimNode, Named, RootKind};
use crate::export::{self, Lang, Layout, Options};
use crate::query::QueryError;
use crate::query::{self, Answer, Graphs};
use crate::render;
use crate::store::{ClaimStore, Selection};
use argsem::dung::Label;
use argsem::gradual::Basis;
use askama::Template;
use ids::{local_name, Ids};
use oxhttp::model::header::CONTENT_TYPE;
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::model::NamedNode;
use oxigraph::sparql::QueryResults;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction::{Incoming, Outgoing};
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, RwLock};
use words::Words;

mod ids;
mod words;

/// Allegations listed per page of `/`.
const PER_PAGE: usize = 50;
/// Rows shown by `/query`: a page is for reading, the endpoint for everything.
const QUERY_ROWS: usize = 1000;
/// How many links around a claim its map shows.
const MAP_DEPTH: usize = 1;
/// The most claims a map draws: a claim answered hundreds of times would otherwise be drawn
/// as a star no one can read, in megabytes of SVG.
const MAP_CLAIMS: usize = 60;

/// Everything but letters, digits and `-_.~` is escaped in an id: an IRI becomes one path
/// segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The graph as the pages read it, kept while the store does not change.
pub(super) struct Cache {
    /// The strengths to compute with each snapshot.
    strengths: Option<Setting>,
    kept: RwLock<Kept>,
    /// Held while a snapshot is read: at a hundred thousand claims that takes seconds, and
    /// requests that come meanwhile wait for it rather than each read the store again.
    reading: Mutex<()>,
}

/// The snapshot, and how many times the store has changed since serving began: a snapshot
/// read while an update lands is not kept, since it may have missed the update.
#[derive(Default)]
struct Kept {
    changes: u64,
    snapshot: Option<Arc<Snapshot>>,
}

impl Cache {
    pub(super) fn new(strengths: Option<Setting>) -> Self {
        Self {
            strengths,
            kept: RwLock::default(),
            reading: Mutex::default(),
        }
    }

    fn kept(&self) -> (Option<Arc<Snapshot>>, u64) {
        let kept = self.kept.read().expect("not poisoned");
        (kept.snapshot.clone(), kept.changes)
    }

    fn get(&self, store: &ClaimStore) -> Result<Arc<Snapshot>, QueryError> {
        if let (Some(snapshot), _) = self.kept() {
            return Ok(snapshot);
        }
        let _reading = self.reading.lock().expect("not poisoned");
        let (kept, changes) = self.kept();
        if let Some(snapshot) = kept {
            return Ok(snapshot);
        }
        let snapshot = Arc::new(Snapshot::read(store, self.strengths.as_ref())?);
        let mut kept = self.kept.write().expect("not poisoned");
        if kept.changes == changes {
            kept.snapshot = Some(Arc::clone(&snapshot));
        }
        Ok(snapshot)
    }

    /// Reads the snapshot ahead of the first page, so that it does not wait.
    pub(super) fn warm(&self, store: &ClaimStore) {
        // A store the pages cannot read says so on each page; nothing to do here.
        let _ = self.get(store);
    }

    /// Drops the snapshot after the store has changed.
    pub(super) fn forget(&self) {
        let mut kept = self.kept.write().expect("not poisoned");
        kept.changes += 1;
        kept.snapshot = None;
    }
}

struct Snapshot {
    graph: ArgumentGraph,
    grounded: Vec<Label>,
    /// Strengths under the gradual semantics `serve --strengths` names.
    strengths: Option<Assessment>,
    /// Allegations and the conclusions debates start from, most answered first.
    allegations: Vec<NodeIndex>,
    /// Claims and actors by the ids their pages' paths carry.
    ids: Ids,
}

impl Snapshot {
    fn read(store: &ClaimStore, strengths: Option<&Setting>) -> Result<Self, QueryError> {
        let graph = ArgumentGraph::from_store(store)?;
        // The ids on a core of their own: at a million claims they take as long as the rest.
        let (ids, grounded, strengths, allegations) = std::thread::scope(|scope| {
            let ids = scope.spawn(|| Ids::new(&graph));
            let grounded = analysis::grounded_labels(&graph);
            let strengths = strengths.map(|setting| setting.assess(&graph));
            let allegations = allegations(&graph);
            let ids = ids
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (ids, grounded, strengths, allegations)
        });
        Ok(Self {
            graph,
            grounded,
            strengths,
            allegations,
            ids,
        })
    }

    /// The id of the claim or actor `iri` in its page's path.
    fn id(&self, iri: &str) -> String {
        let local = local_name(iri);
        let id = if self.ids.unique(&self.graph, local) {
            local
        } else {
            iri
        };
        utf8_percent_encode(id, SEGMENT).to_string()
    }

    fn claim_link(&self, n: NodeIndex, chrome: &Chrome) -> Link {
        let claim = &self.graph.graph[n];
        Link {
            href: format!("/claim/{}{}", self.id(&claim.iri), chrome.lang_param),
            text: export::claim_label(claim, chrome.lang).to_owned(),
        }
    }

    fn actor_link(&self, actor: &Named, chrome: &Chrome) -> Link {
        Link {
            href: format!("/actor/{}{}", self.id(&actor.iri), chrome.lang_param),
            text: export::label_in(actor, chrome.lang).to_owned(),
        }
    }

    /// Links to who makes a claim and whom it accuses.
    fn parties(&self, claim: &ClaimNode, chrome: &Chrome) -> (Option<Link>, Vec<Link>) {
        let link = |actor: &Named| self.actor_link(actor, chrome);
        (
            claim.claimant.as_deref().map(link),
            claim.accuses.iter().map(|actor| link(actor)).collect(),
        )
    }

    /// The claim an id names: its IRI, or the local name of one, as [`ArgumentGraph::find`]
    /// reads it, looked up rather than searched for: only a name with a `/` or `#` in it,
    /// the tail of an IRI, is searched for.
    fn find_claim(&self, id: &str) -> Option<NodeIndex> {
        match self.ids.claim(&self.graph, id) {
            Some(n) => Some(n),
            None if id.contains(['/', '#']) => self.graph.find(id),
            None => None,
        }
    }

    /// The IRI of the actor an id names: one that claims or is accused, by IRI or local
    /// name, else the id itself, which may be the IRI of a speaker, translator or hedger.
    fn actor_iri<'a>(&'a self, id: &'a str) -> &'a str {
        self.ids
            .actor(&self.graph, id)
            .map_or(id, |actor| actor.iri.as_str())
    }

    /// Claim `n`'s strength, to three places ("none" where the semantics gives it none), when
    /// the pages show strengths.
    fn strength(&self, n: NodeIndex, chrome: &Chrome) -> Option<String> {
        let assessed = self.strengths.as_ref()?;
        Some(match assessed.of(n) {
            Some(value) => format!("{value:.3}"),
            None => chrome.words.none.to_owned(),
        })
    }

    /// Likes where the source gives a number, else its words for how liked the claim was.
    fn likes(&self, claim: &ClaimNode, chrome: &Chrome) -> String {
        if let Some(likes) = claim.likes {
            return likes.to_string();
        }
        claim
            .popularity
            .iter()
            .map(|level| export::label_in(level, chrome.lang))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Every allegation, and the conclusions that debates without one start from: the most
/// answered first, then the most liked.
fn allegations(graph: &ArgumentGraph) -> Vec<NodeIndex> {
    let mut allegations: Vec<NodeIndex> = graph
        .graph
        .node_indices()
        .filter(|&n| graph.graph[n].allegation)
        .chain(
            graph
                .roots()
                .into_iter()
                .filter_map(|(n, kind)| (kind != RootKind::Allegation).then_some(n)),
        )
        .collect();
    // Each counted once rather than in each comparison, which took seconds at a million claims.
    allegations.sort_by_cached_key(|&n| {
        let claim = &graph.graph[n];
        (
            Reverse(responses(graph, n).0),
            Reverse(claim.likes),
            &claim.label,
        )
    });
    allegations
}

/// `(responses, attacks)` among the links into claim `n`.
fn responses(graph: &ArgumentGraph, n: NodeIndex) -> (usize, usize) {
    graph
        .graph
        .edges_directed(n, Incoming)
        .filter(|e| !matches!(e.weight(), analysis::Link::Premise))
        .fold((0, 0), |(all, attacks), e| {
            (all + 1, attacks + usize::from(e.weight().is_attack()))
        })
}

/// What every page has around its content.
struct Chrome {
    words: &'static Words,
    lang: Lang,
    /// `?lang=zh` or nothing, for links that keep the language.
    lang_param: &'static str,
    /// This page in the other language.
    switch: String,
}

/// A link as a page shows it.
struct Link {
    href: String,
    text: String,
}

struct Row {
    claim: Link,
    claimant: Option<Link>,
    accused: Vec<Link>,
    responses: usize,
    attacks: usize,
    likes: String,
    status: &'static str,
    strength: Option<String>,
    kind: &'static str,
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    chrome: Chrome,
    /// The semantics whose strengths the rows show, if any.
    semantics: Option<&'static str>,
    /// Whether some rows are conclusions, not allegations: the heading then says debates, and
    /// a column says which each is.
    conclusions: bool,
    rows: Vec<Row>,
    total: usize,
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
}

struct Said {
    text: String,
    lang: String,
}

struct QuoteView {
    label: String,
    implies: bool,
    original: Option<Said>,
    translations: Vec<(Said, Option<Link>)>,
    speaker: Option<Link>,
    faction: Option<String>,
    likes: String,
    hedges: Vec<String>,
}

struct Related {
    relation: &'static str,
    claim: Link,
    scheme: Option<String>,
    /// The other claim's strength, when the pages show strengths and the link moves one:
    /// an attack or a support.
    strength: Option<String>,
}

/// A claim's strength on its page: the value, and what it was computed from.
struct StrengthView {
    semantics: &'static str,
    value: String,
    base: String,
    basis: String,
    how: String,
    rule: String,
}

#[derive(Template)]
#[template(path = "claim.html")]
struct ClaimPage {
    chrome: Chrome,
    label: String,
    iri: String,
    allegation: bool,
    status: &'static str,
    claimant: Option<Link>,
    accused: Vec<Link>,
    statements: Vec<Said>,
    hedges: Vec<String>,
    quotes: Vec<QuoteView>,
    answers: Vec<Related>,
    answered_by: Vec<Related>,
    /// Graphviz's SVG, inlined.
    map: Result<String, String>,
    /// How many claims around this one the map leaves out.
    left_out: usize,
    strength: Option<StrengthView>,
}

#[derive(Template)]
#[template(path = "actor.html")]
struct ActorPage {
    chrome: Chrome,
    label: String,
    iri: String,
    descriptions: Vec<Said>,
    hedges: Vec<String>,
    claims: Vec<Link>,
    accused_in: Vec<Link>,
    quotes: Vec<QuoteView>,
}

#[derive(Template)]
#[template(path = "query.html")]
struct QueryPage {
    chrome: Chrome,
    query: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    boolean: Option<bool>,
    error: Option<String>,
    more: bool,
}

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFoundPage {
    chrome: Chrome,
    path: String,
}

/// Answers a request for a page.
pub(super) fn answer(state: &Arc<State>, request: &Request<Body>, log: Log) -> Response<Body> {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return super::not_allowed("GET, HEAD", &log);
    }
    let path = request.uri().path();
    let parameters: HashMap<String, String> =
        form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let lang = match parameters.get("lang").map(String::as_str) {
        Some("zh") => Lang::Zh,
        _ => Lang::En,
    };
    let chrome = Chrome {
        words: Words::of(lang),
        lang,
        lang_param: match lang {
            Lang::En => "",
            Lang::Zh => "?lang=zh",
        },
        switch: switched(request, lang),
    };
    let page = state
        .pages
        .get(&state.store)
        .map_err(|error| error.to_string())
        .and_then(|snapshot| {
            let id = |prefix: &str| {
                path.strip_prefix(prefix)
                    .map(|id| percent_decode_str(id).decode_utf8_lossy().into_owned())
            };
            let rendered = if path == "/" {
                let page = parameters.get("page").and_then(|p| p.parse().ok());
                Some(index(&snapshot, chrome, page.unwrap_or(1)).render())
            } else if path == "/query" {
                Some(query_page(state, chrome, parameters.get("query")).render())
            } else if let Some(id) = id("/claim/") {
                match snapshot.find_claim(&id) {
                    Some(n) => Some(claim(state, &snapshot, chrome, n)?.render()),
                    None => return Ok((StatusCode::NOT_FOUND, not_found(path, lang))),
                }
            } else if let Some(id) = id("/actor/") {
                match actor_page(state, &snapshot, chrome, snapshot.actor_iri(&id))? {
                    Some(page) => Some(page.render()),
                    None => return Ok((StatusCode::NOT_FOUND, not_found(path, lang))),
                }
            } else {
                None
            };
            match rendered {
                Some(html) => Ok((StatusCode::OK, html.map_err(|e| e.to_string())?)),
                None => Ok((StatusCode::NOT_FOUND, not_found(path, lang))),
            }
        });
    match page {
        Ok((status, html)) => {
            log.line(status.as_u16(), "");
            Response::builder()
                .status(status)
                .header(CONTENT_TYPE, "text/html; charset=utf-8")
                .header("content-security-policy", CSP)
                .body(Body::from(html))
                .expect("a valid response")
        }
        Err(message) => {
            log.line(500, &message);
            super::text(StatusCode::INTERNAL_SERVER_ERROR, &message)
        }
    }
}

/// No script runs on any page, whatever a text smuggles in: a second wall behind the escaping.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'";

/// The path of this request in the other language, its other parameters kept.
fn switched(request: &Request<Body>, lang: Lang) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes()) {
        if name != "lang" {
            query.append_pair(&name, &value);
        }
    }
    if lang == Lang::En {
        query.append_pair("lang", "zh");
    }
    let query = query.finish();
    let path = request.uri().path();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

fn not_found(path: &str, lang: Lang) -> String {
    let chrome = Chrome {
        words: Words::of(lang),
        lang,
        lang_param: "",
        switch: "/".to_owned(),
    };
    NotFoundPage {
        chrome,
        path: path.to_owned(),
    }
    .render()
    .unwrap_or_default()
}

fn index(snapshot: &Snapshot, chrome: Chrome, page: usize) -> IndexPage {
    let total = snapshot.allegations.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let rows = snapshot
        .allegations
        .iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|&n| {
            let claim = &snapshot.graph.graph[n];
            let (responses, attacks) = responses(&snapshot.graph, n);
            let (claimant, accused) = snapshot.parties(claim, &chrome);
            Row {
                claim: snapshot.claim_link(n, &chrome),
                claimant,
                accused,
                responses,
                attacks,
                likes: snapshot.likes(claim, &chrome),
                status: chrome.words.status(snapshot.grounded[n.index()]),
                strength: snapshot.strength(n, &chrome),
                kind: if claim.allegation {
                    chrome.words.allegation
                } else if claim.thesis {
                    chrome.words.thesis
                } else {
                    chrome.words.conclusion
                },
            }
        })
        .collect();
    let sep = if chrome.lang_param.is_empty() {
        '?'
    } else {
        '&'
    };
    let to = |page: usize| format!("/{}{sep}page={page}", chrome.lang_param);
    IndexPage {
        conclusions: snapshot
            .allegations
            .iter()
            .any(|&n| !snapshot.graph.graph[n].allegation),
        semantics: snapshot
            .strengths
            .as_ref()
            .map(|a| a.strengths.semantics.name()),
        rows,
        total,
        page,
        pages,
        previous: (page > 1).then(|| to(page - 1)),
        next: (page < pages).then(|| to(page + 1)),
        chrome,
    }
}

fn claim(
    state: &State,
    snapshot: &Snapshot,
    chrome: Chrome,
    n: NodeIndex,
) -> Result<ClaimPage, String> {
    let node = &snapshot.graph.graph[n];
    let iri = NamedNode::new(node.iri.clone()).map_err(|e| e.to_string())?;
    let detail = detail::claim(&state.store, &iri).map_err(|e| e.to_string())?;
    let related = |direction| {
        let mut related: Vec<Related> = snapshot
            .graph
            .graph
            .edges_directed(n, direction)
            .map(|e| {
                let other = if direction == Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                let relation = e.weight().relation();
                Related {
                    relation: match chrome.lang {
                        Lang::En => relation.name(),
                        Lang::Zh => relation.name_zh(),
                    },
                    strength: strength::edge_of(e.weight())
                        .and_then(|_| snapshot.strength(other, &chrome)),
                    claim: snapshot.claim_link(other, &chrome),
                    scheme: match e.weight() {
                        analysis::Link::Response {
                            scheme, scheme_zh, ..
                        } => match chrome.lang {
                            Lang::En => scheme.clone(),
                            Lang::Zh => scheme_zh.clone().or_else(|| scheme.clone()),
                        },
                        analysis::Link::Premise => None,
                    },
                }
            })
            .collect();
        related.sort_by(|a, b| (a.relation, &a.claim.text).cmp(&(b.relation, &b.claim.text)));
        related
    };
    let (map, left_out) = map(snapshot, n, &chrome);
    let (claimant, accused) = snapshot.parties(node, &chrome);
    let strength = snapshot.strengths.as_ref().map(|assessed| {
        let (base, basis) = &assessed.bases[n.index()];
        StrengthView {
            semantics: assessed.strengths.semantics.name(),
            value: snapshot.strength(n, &chrome).unwrap_or_default(),
            base: format!("{base:.3}"),
            basis: match basis {
                Basis::Likes { likes, most } => format!("{likes} / {most}"),
                Basis::Level(level) => level.clone(),
                Basis::Neutral => String::new(),
            },
            how: assessed
                .reason
                .clone()
                .unwrap_or_else(|| assessed.strengths.describe()),
            rule: assessed.rule.clone(),
        }
    });
    Ok(ClaimPage {
        strength,
        label: export::claim_label(node, chrome.lang).to_owned(),
        iri: node.iri.clone(),
        allegation: node.allegation,
        status: chrome.words.status(snapshot.grounded[n.index()]),
        claimant,
        accused,
        statements: in_language(&detail.statements, chrome.lang),
        hedges: hedges(&detail.hedges, &chrome),
        quotes: detail
            .quotes
            .iter()
            .map(|voicing| quote_view(snapshot, &voicing.quote, voicing.implies, &chrome))
            .collect(),
        answers: related(Outgoing),
        answered_by: related(Incoming),
        map,
        left_out,
        chrome,
    })
}

/// The neighbourhood of claim `n` as inline SVG, each claim a link to its page, and how many
/// claims of it were left out. Cut from the snapshot's graph: the store is not read again.
fn map(snapshot: &Snapshot, n: NodeIndex, chrome: &Chrome) -> (Result<String, String>, usize) {
    let whole = &snapshot.graph;
    let focus = Options {
        focus: Some((vec![n], MAP_DEPTH)),
        ..Options::default()
    };
    let around = export::selected(whole, &focus);
    let keep = trimmed(whole, n, &around);
    let root = NodeIndex::new(keep.range(..n).count());
    let strengths = snapshot.strengths.as_ref().map(|a| a.part(&keep));
    let svg = draw(
        snapshot,
        &whole.part(&keep),
        strengths.as_ref(),
        vec![root],
        chrome,
    );
    (svg, around.len() - keep.len())
}

/// At most [`MAP_CLAIMS`] claims of the neighbourhood `around` of `root`: the root, then those
/// with the most links in it, in the graph's order among equals.
fn trimmed(
    graph: &ArgumentGraph,
    root: NodeIndex,
    around: &BTreeSet<NodeIndex>,
) -> BTreeSet<NodeIndex> {
    if around.len() <= MAP_CLAIMS {
        return around.clone();
    }
    let mut others: Vec<NodeIndex> = around.iter().copied().filter(|&m| m != root).collect();
    others.sort_by_cached_key(|&m| {
        std::cmp::Reverse(
            graph
                .graph
                .neighbors_undirected(m)
                .filter(|other| around.contains(other))
                .count(),
        )
    });
    std::iter::once(root)
        .chain(others)
        .take(MAP_CLAIMS)
        .collect()
}

/// A neighbourhood drawn by Graphviz, as an `<svg>` element whose claims link to their pages.
fn draw(
    snapshot: &Snapshot,
    graph: &ArgumentGraph,
    strengths: Option<&Assessment>,
    roots: Vec<NodeIndex>,
    chrome: &Chrome,
) -> Result<String, String> {
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", chrome.words.no_map);
    let options = Options {
        lang: chrome.lang,
        quotes: false,
        actors: false,
        focus: Some((roots, MAP_DEPTH)),
        ..Options::default()
    };
    let mut dot = export::to_dot(graph, &options);
    export::link_claims(&mut dot, graph, &options, |claim| {
        format!("/claim/{}{}", snapshot.id(&claim.iri), chrome.lang_param)
    });
    if let Some(assessed) = strengths {
        export::shade_claims(&mut dot, graph, &options, assessed);
    }
    let layout = Layout::for_map(export::selected(graph, &options).len());
    let svg = export::render(&export::print(&dot), export::ImageFormat::Svg, layout)
        .map_err(|e| fail(&e))?;
    let svg = String::from_utf8(svg).map_err(|e| fail(&e))?;
    // The XML declaration and doctype belong to a file, not to an element inside a page.
    let start = svg.find("<svg").ok_or_else(|| fail(&"no <svg> element"))?;
    Ok(svg[start..].to_owned())
}

/// The page of the actor `iri`; `None` when the store says nothing of it.
fn actor_page(
    state: &State,
    snapshot: &Snapshot,
    chrome: Chrome,
    iri: &str,
) -> Result<Option<ActorPage>, String> {
    let Ok(node) = NamedNode::new(iri) else {
        return Ok(None);
    };
    let Some(detail) = detail::actor(&state.store, &node).map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    let (mut claims, mut accused_in) = (Vec::new(), Vec::new());
    for n in snapshot.graph.graph.node_indices() {
        let claim = &snapshot.graph.graph[n];
        if claim.claimant.as_ref().is_some_and(|c| c.iri == iri) {
            claims.push(snapshot.claim_link(n, &chrome));
        }
        if claim.accuses.iter().any(|a| a.iri == iri) {
            accused_in.push(snapshot.claim_link(n, &chrome));
        }
    }
    Ok(Some(ActorPage {
        label: export::label_in(&detail.label, chrome.lang).to_owned(),
        iri: iri.to_owned(),
        descriptions: in_language(&detail.descriptions, chrome.lang),
        hedges: hedges(&detail.hedges, &chrome),
        quotes: detail
            .quotes
            .iter()
            .map(|quote| quote_view(snapshot, quote, false, &chrome))
            .collect(),
        claims,
        accused_in,
        chrome,
    }))
}

fn query_page(state: &State, chrome: Chrome, sparql: Option<&String>) -> QueryPage {
    let mut page = QueryPage {
        chrome,
        query: sparql.cloned().unwrap_or_else(|| {
            "SELECT ?allegation ?label WHERE {\n  ?allegation a cg:Allegation ; rdfs:label ?label\n  FILTER(lang(?label) = \"en\")\n} LIMIT 20".to_owned()
        }),
        columns: Vec::new(),
        rows: Vec::new(),
        boolean: None,
        error: None,
        more: false,
    };
    let Some(sparql) = sparql else {
        return page;
    };
    let _slot = match state.slot() {
        Ok(slot) => slot,
        Err(busy) => {
            page.error = Some(busy.to_string());
            return page;
        }
    };
    let all = Selection::default();
    let answer = query::execute_on(
        &state.store,
        Graphs::Selected(&all),
        "query",
        sparql,
        state.config.limits(),
    );
    let prefixes: Vec<_> = query::prefixes().collect();
    let show = |term: &oxigraph::model::Term| render::display_term(term, &prefixes);
    let result = answer.and_then(
        |Answer {
             results, timeout, ..
         }| {
            let error = |e| QueryError::evaluation(e, timeout);
            match results {
                QueryResults::Solutions(solutions) => {
                    page.columns = solutions
                        .variables()
                        .iter()
                        .map(|v| v.as_str().to_owned())
                        .collect();
                    let variables = solutions.variables().to_vec();
                    for solution in solutions {
                        if page.rows.len() == QUERY_ROWS {
                            page.more = true;
                            break;
                        }
                        let solution = solution.map_err(error)?;
                        page.rows.push(
                            variables
                                .iter()
                                .map(|v| solution.get(v).map(show).unwrap_or_default())
                                .collect(),
                        );
                    }
                }
                QueryResults::Boolean(value) => page.boolean = Some(value),
                QueryResults::Graph(triples) => {
                    page.columns = ["subject", "predicate", "object"]
                        .map(String::from)
                        .to_vec();
                    for triple in triples {
                        if page.rows.len() == QUERY_ROWS {
                            page.more = true;
                            break;
                        }
                        let triple = triple.map_err(error)?;
                        page.rows.push(vec![
                            show(&triple.subject.into()),
                            show(&triple.predicate.into()),
                            show(&triple.object),
                        ]);
                    }
                }
            }
            Ok(())
        },
    );
    if let Err(error) = result {
        page.error = Some(error.to_string());
    }
    page
}

fn quote_view(
    snapshot: &Snapshot,
    quote: &detail::Quote,
    implies: bool,
    chrome: &Chrome,
) -> QuoteView {
    let said = |text: &detail::Text| Said {
        text: text.value.clone(),
        lang: text.lang.clone().unwrap_or_default(),
    };
    let likes = match quote.likes {
        Some(likes) => likes.to_string(),
        None => quote
            .popularity
            .iter()
            .map(|level| export::label_in(level, chrome.lang))
            .collect::<Vec<_>>()
            .join(", "),
    };
    QuoteView {
        label: export::label_in(&quote.label, chrome.lang).to_owned(),
        implies,
        original: quote.original.as_ref().map(said),
        translations: quote
            .translations
            .iter()
            .map(|t| {
                (
                    said(&t.text),
                    t.by.as_ref().map(|by| snapshot.actor_link(by, chrome)),
                )
            })
            .collect(),
        speaker: quote
            .speaker
            .as_ref()
            .map(|speaker| snapshot.actor_link(speaker, chrome)),
        faction: quote
            .faction
            .as_ref()
            .map(|faction| export::label_in(faction, chrome.lang).to_owned()),
        likes,
        hedges: hedges(&quote.hedges, chrome),
    }
}

/// Each hedge as one line: its kind, the source's words, and who hedges.
fn hedges(hedges: &[detail::Hedge], chrome: &Chrome) -> Vec<String> {
    hedges
        .iter()
        .map(|hedge| {
            let mut line = hedge
                .kind
                .as_ref()
                .map(|kind| export::label_in(kind, chrome.lang).to_owned())
                .unwrap_or_default();
            if let Some(wording) = &hedge.wording {
                line.push_str(&format!(" “{}”", wording.value));
            }
            if let Some(by) = &hedge.by {
                line.push_str(&format!(
                    " ({} {})",
                    chrome.words.by,
                    export::label_in(by, chrome.lang)
                ));
            }
            line.trim().to_owned()
        })
        .collect()
}

/// The texts in the page's language first, then the rest.
fn in_language(texts: &[detail::Text], lang: Lang) -> Vec<Said> {
    let tag = Words::of(lang).lang;
    let mut said: Vec<Said> = texts
        .iter()
        .map(|text| Said {
            text: text.value.clone(),
            lang: text.lang.clone().unwrap_or_default(),
        })
        .collect();
    said.sort_by_key(|s| !s.lang.starts_with(tag));
    said
}
