//! Argument maps: an [`ArgumentGraph`] drawn as a Graphviz DOT graph, built as graphviz-rust's
//! AST and printed by its printer, then laid out by the `dot` binary into SVG or PNG; and the
//! table of every format `export` writes, maps and RDF ([`ExportFormat`]).
//!
//! The map reads from the allegation outward (left to right): responses sit to the right of
//! what they answer. One shape per kind of node, red attacks and green supports, one line style per kind
//! of attack, and a legend that explains them all. The same graph always prints the same bytes.
//!
//! ```
//! use claimgraph::{analysis::ArgumentGraph, bundled, export, ClaimStore};
//!
//! let store = ClaimStore::in_memory()?;
//! store.load_with_schema(&bundled::data_sources())?;
//! let graph = ArgumentGraph::from_store(&store)?;
//! let dot = export::print(&export::to_dot(&graph, &export::Options::default()));
//! assert!(dot.starts_with("digraph claimgraph {"));
//! assert!(dot.contains("HOW IS MODEL DISTILLATION STEALING"));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use crate::analysis::strength::Assessment;
use crate::analysis::{ArgumentGraph, ClaimNode, Link, Named};
use crate::relation::Relation;
use crate::render::wrap;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{self, Write};
use std::process::{Command, Stdio};

mod format;
pub use format::{ExportFormat, Kind};

/// An argument map could not be rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Graphviz's layout program could not be run.
    #[error("cannot run `{program}`: install Graphviz (for example `apt-get install graphviz`), or use `export dot`")]
    DotMissing {
        /// The layout program: `dot` or `sfdp`.
        program: &'static str,
        /// Why it could not be run.
        #[source]
        source: io::Error,
    },
    /// The layout program ran and failed.
    #[error("{program} failed: {message}")]
    DotFailed {
        /// The layout program: `dot` or `sfdp`.
        program: &'static str,
        /// What it said.
        message: String,
    },
}

/// Which label language to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English labels.
    #[default]
    En,
    /// Chinese labels, falling back to English where there is none.
    Zh,
}

/// How to group claims into boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cluster {
    /// No grouping.
    #[default]
    None,
    /// One box per faction of the quote behind each claim.
    Faction,
    /// One box per claimant.
    Actor,
}

/// What to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Label language.
    pub lang: Lang,
    /// Draw the quote behind each claim.
    pub quotes: bool,
    /// Draw claimants and accused actors.
    pub actors: bool,
    /// Grouping.
    pub cluster: Cluster,
    /// Draw only the claims within `depth` links of these claims (and what they connect to).
    pub focus: Option<(Vec<NodeIndex>, usize)>,
    /// Characters per line before a label wraps (a CJK character counts two).
    pub wrap: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            lang: Lang::En,
            quotes: true,
            actors: true,
            cluster: Cluster::None,
            focus: None,
            wrap: 32,
        }
    }
}

const FONT: &str = "Noto Sans CJK SC";
const RED: &str = "#c62828";
const GREEN: &str = "#2e7d32";
const GREY: &str = "#757575";
const BLUE: &str = "#1565c0";
const PURPLE: &str = "#6a1b9a";
const DARK_GREY: &str = "#424242";

/// The claims the map shows: every claim with a link, or the focus neighbourhood (links
/// followed both ways).
///
/// # Complexity
/// `O(n + m)`.
pub fn selected(graph: &ArgumentGraph, options: &Options) -> BTreeSet<NodeIndex> {
    let Some((roots, depth)) = &options.focus else {
        // Claims that answer nothing and that nothing answers are not part of any argument.
        return graph
            .graph
            .node_indices()
            .filter(|&n| graph.graph.neighbors_undirected(n).next().is_some())
            .collect();
    };
    let mut seen: BTreeSet<NodeIndex> = roots.iter().copied().collect();
    let mut queue: VecDeque<(NodeIndex, usize)> = roots.iter().map(|&r| (r, 0)).collect();
    while let Some((node, d)) = queue.pop_front() {
        if d == *depth {
            continue;
        }
        for next in graph.graph.neighbors_undirected(node) {
            if seen.insert(next) {
                queue.push_back((next, d + 1));
            }
        }
    }
    seen
}

/// Builds the map.
///
/// # Complexity
/// `O((n + m) log n)` for `n` claims and `m` links, plus the size of the labels.
pub fn to_dot(graph: &ArgumentGraph, options: &Options) -> Graph {
    let shown = selected(graph, options);
    let mut stmts = vec![
        attr("rankdir", "RL"),
        attr("newrank", "true"),
        attr("nodesep", "0.3"),
        attr("ranksep", "0.5"),
        attr("fontname", FONT),
        attr("labelloc", "t"),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attribute("fontname", FONT),
            attribute("fontsize", "11"),
            attribute("style", "filled"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attribute("fontname", FONT),
            attribute("fontsize", "9"),
        ])),
    ];
    // Claims, each in its cluster if grouping is asked for. A quote voicing several claims
    // (one post stating an allegation and its premises) is drawn once, beside the first.
    let mut groups: BTreeMap<(String, String), Vec<Stmt>> = BTreeMap::new();
    let mut quote_ids: BTreeMap<&str, String> = BTreeMap::new();
    for &c in &shown {
        let claim = &graph.graph[c];
        let mut claim_stmts = vec![claim_node(c, claim, options)];
        if let (true, Some(quote)) = (options.quotes, &claim.quote) {
            let id = match quote_ids.get(quote.as_str()) {
                Some(id) => id.clone(),
                None => {
                    let id = format!("q{}", c.index());
                    claim_stmts.push(quote_node(&id, quote, claim.likes, options));
                    quote_ids.insert(quote, id.clone());
                    id
                }
            };
            claim_stmts.push(quote_edge(&id, c, claim.likes));
        }
        let group = match options.cluster {
            Cluster::None => None,
            Cluster::Faction => claim.faction.as_ref(),
            Cluster::Actor => claim.claimant.as_ref(),
        };
        match group {
            Some(named) => groups
                .entry((named.iri.clone(), label_in(named, options.lang).to_owned()))
                .or_default()
                .extend(claim_stmts),
            None => stmts.extend(claim_stmts),
        }
    }
    for (i, ((_, label), members)) in groups.into_iter().enumerate() {
        let mut inner = vec![
            attr("label", &label),
            attr("style", "rounded,dashed"),
            attr("color", GREY),
        ];
        inner.extend(members);
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Plain(format!("cluster_{i}")),
            stmts: inner,
        }));
    }
    // Links between shown claims.
    let mut links: Vec<_> = graph
        .graph
        .edge_references()
        .filter(|e| shown.contains(&e.source()) && shown.contains(&e.target()))
        .collect();
    links.sort_by_key(|e| (e.source(), e.target(), e.id()));
    for e in links {
        stmts.push(link_edge(
            &claim_id(e.source()),
            &claim_id(e.target()),
            e.weight(),
            options.lang,
        ));
    }
    if options.actors {
        stmts.extend(actor_stmts(graph, &shown, options));
    }
    stmts.push(legend(options.lang));
    Graph::DiGraph {
        id: Id::Plain("claimgraph".to_owned()),
        strict: false,
        stmts,
    }
}

/// Makes each claim of the map a link, to `href(claim)`: Graphviz writes it as an `<a>` around
/// the node in SVG. A later statement about a node adds to its attributes, so the map itself is
/// built the same way with or without links.
pub fn link_claims(
    dot: &mut Graph,
    graph: &ArgumentGraph,
    options: &Options,
    href: impl Fn(&ClaimNode) -> String,
) {
    let Graph::DiGraph { stmts, .. } = dot else {
        unreachable!("maps are digraphs")
    };
    for c in selected(graph, options) {
        let url = href(&graph.graph[c]);
        stmts.push(node_stmt(
            &claim_id(c),
            &[("URL", &url), ("target", "_top")],
        ));
    }
}

/// Prints the map as DOT text.
pub fn print(graph: &Graph) -> String {
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

/// An image format the `dot` binary renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}

/// Which Graphviz program lays a map out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `dot`: layers from allegations down to their answers, the readable argument map; its
    /// crossing minimisation grows much faster than the map.
    Layered,
    /// `sfdp`: a multilevel force-directed layout, which places tens of thousands of nodes in
    /// seconds but loses the layers.
    ForceDirected,
}

impl Layout {
    /// The most claims that `dot` lays out in about two seconds (a map of 500 generated claims
    /// with their quotes and actors took 2.0 s, one of 914 took 6.3 s; `sfdp` drew the latter
    /// in 0.7 s): beyond this a map goes to `sfdp` unless asked otherwise.
    pub const LAYERED_LIMIT: usize = 500;

    /// The layout for a map of `claims` claims.
    pub fn for_map(claims: usize) -> Self {
        if claims <= Self::LAYERED_LIMIT {
            Layout::Layered
        } else {
            Layout::ForceDirected
        }
    }

    /// The Graphviz program.
    pub fn program(self) -> &'static str {
        match self {
            Layout::Layered => "dot",
            Layout::ForceDirected => "sfdp",
        }
    }
}

/// Lays out DOT text with Graphviz and returns the image.
pub fn render(dot: &str, format: ImageFormat, layout: Layout) -> Result<Vec<u8>, ExportError> {
    let flag = match format {
        ImageFormat::Svg => "-Tsvg",
        ImageFormat::Png => "-Tpng",
    };
    let program = layout.program();
    let mut child = Command::new(program)
        .arg(flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| ExportError::DotMissing { program, source })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Write from another thread: `dot` may fill its stdout before it has read all its input.
    let input = dot.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|source| ExportError::DotMissing { program, source })?;
    writer
        .join()
        .expect("the writer thread does not panic")
        .map_err(|source| ExportError::DotFailed {
            program,
            message: source.to_string(),
        })?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        return Err(ExportError::DotFailed { program, message });
    }
    Ok(output.stdout)
}

fn claim_id(node: NodeIndex) -> String {
    format!("c{}", node.index())
}

fn claim_node(node: NodeIndex, claim: &ClaimNode, options: &Options) -> Stmt {
    let label = claim_label(claim, options.lang);
    let (shape, fill, extra) = if claim.allegation {
        ("octagon", "#ffcdd2", "filled")
    } else {
        ("box", "#fff9c4", "rounded,filled")
    };
    let mut text = wrap(label, options.wrap);
    if claim.allegation && !claim.accuses.is_empty() {
        let accused: Vec<&str> = claim
            .accuses
            .iter()
            .map(|a| label_in(a, options.lang))
            .collect();
        text.push_str(&format!("\n⚠ {}", wrap(&accused.join(", "), options.wrap)));
    }
    node_stmt(
        &claim_id(node),
        &[
            ("label", &text),
            ("shape", shape),
            ("style", extra),
            ("fillcolor", fill),
            ("tooltip", &claim.iri),
        ],
    )
}

fn quote_node(id: &str, quote: &str, likes: Option<u64>, options: &Options) -> Stmt {
    let mut text = format!("“{}”", wrap(quote, options.wrap + 8));
    if let Some(likes) = likes {
        text.push_str(&format!("\n♥ {likes}"));
    }
    node_stmt(
        id,
        &[
            ("label", &text),
            ("shape", "note"),
            ("fillcolor", "#eeeeee"),
            ("fontsize", "10"),
        ],
    )
}

/// The line from a quote to the claim it voices, thicker the more the quote was liked.
fn quote_edge(id: &str, claim: NodeIndex, likes: Option<u64>) -> Stmt {
    let width = likes.map_or(1.0, |l| 1.0 + (l as f64 + 1.0).log10());
    edge_stmt(
        id,
        &claim_id(claim),
        &[
            ("color", GREY),
            ("style", "dotted"),
            ("arrowhead", "none"),
            ("penwidth", &format!("{width:.1}")),
        ],
    )
}

/// How each relation is drawn, `(colour, line style, width)`: one table for the map's lines
/// and its legend.
fn style(relation: Relation) -> (&'static str, &'static str, &'static str) {
    match relation {
        Relation::Rebuttal => (RED, "solid", "1.5"),
        Relation::Undercut => (RED, "dashed", "1.5"),
        Relation::Undermining => (RED, "dotted", "2"),
        Relation::CounterAccusation | Relation::Attack => (RED, "bold", "2.5"),
        Relation::Support => (GREEN, "solid", "1.5"),
        Relation::Rephrase | Relation::Preference | Relation::Response => (GREY, "dashed", "1"),
        Relation::Premise => (DARK_GREY, "solid", "1"),
    }
}

/// A relation's name in the map's language.
fn relation_name(relation: Relation, lang: Lang) -> &'static str {
    match lang {
        Lang::En => relation.name(),
        Lang::Zh => relation.name_zh(),
    }
}

fn link_edge(from: &str, to: &str, link: &Link, lang: Lang) -> Stmt {
    let relation = link.relation();
    let name = relation_name(relation, lang);
    match link {
        Link::Premise => edge_stmt(
            from,
            to,
            &[
                ("color", style(relation).0),
                ("arrowhead", "empty"),
                ("label", name),
            ],
        ),
        Link::Response {
            scheme, scheme_zh, ..
        } => {
            let (color, line, width) = style(relation);
            let scheme = match lang {
                Lang::En => scheme.as_ref(),
                Lang::Zh => scheme_zh.as_ref().or(scheme.as_ref()),
            };
            let label = match scheme {
                Some(scheme) => format!("{name}\n[{scheme}]"),
                None => name.to_owned(),
            };
            edge_stmt(
                from,
                to,
                &[
                    ("color", color),
                    ("fontcolor", color),
                    ("style", line),
                    ("penwidth", width),
                    ("label", &label),
                ],
            )
        }
    }
}

fn actor_stmts(graph: &ArgumentGraph, shown: &BTreeSet<NodeIndex>, options: &Options) -> Vec<Stmt> {
    let mut actors: BTreeMap<&str, &Named> = BTreeMap::new();
    let mut edges = Vec::new();
    for &c in shown {
        let claim = &graph.graph[c];
        if let Some(claimant) = &claim.claimant {
            actors.insert(&claimant.iri, claimant);
            edges.push((claimant.iri.as_str(), c, false));
        }
        for accused in &claim.accuses {
            actors.insert(&accused.iri, accused);
            edges.push((accused.iri.as_str(), c, true));
        }
    }
    let ids: BTreeMap<&str, String> = actors
        .keys()
        .enumerate()
        .map(|(i, iri)| (*iri, format!("a{i}")))
        .collect();
    let mut stmts: Vec<Stmt> = actors
        .iter()
        .map(|(iri, actor)| {
            node_stmt(
                &ids[iri],
                &[
                    ("label", &wrap(label_in(actor, options.lang), options.wrap)),
                    ("shape", "ellipse"),
                    ("fillcolor", "#bbdefb"),
                    ("tooltip", &actor.iri),
                ],
            )
        })
        .collect();
    for (actor, claim, accused) in edges {
        let stmt = if accused {
            edge_stmt(
                &claim_id(claim),
                &ids[actor],
                &[
                    ("color", PURPLE),
                    ("style", "dashed"),
                    ("arrowhead", "vee"),
                    ("constraint", "false"),
                ],
            )
        } else {
            edge_stmt(
                &ids[actor],
                &claim_id(claim),
                &[("color", BLUE), ("arrowhead", "dot"), ("arrowsize", "0.5")],
            )
        };
        stmts.push(stmt);
    }
    stmts
}

/// Fills each claim of the map with the colour of its strength under a gradual semantics, from
/// red (0) through white (0.5) to green (1), grey where the semantics gives it none, and adds
/// a legend of the scale that names the semantics and the base rule. Like [`link_claims`], it
/// adds to the attributes the map already gives its claims.
///
/// # Complexity
/// `O(n + m)` for the claims shown.
pub fn shade_claims(
    dot: &mut Graph,
    graph: &ArgumentGraph,
    options: &Options,
    assessed: &Assessment,
) {
    let Graph::DiGraph { stmts, .. } = dot else {
        unreachable!("maps are digraphs")
    };
    for c in selected(graph, options) {
        let base = assessed.bases[c.index()].0;
        let (fill, tooltip) = match assessed.of(c) {
            Some(s) => (
                shade(s),
                format!("{} · strength {s:.3} (base {base:.3})", graph.graph[c].iri),
            ),
            None => (
                NO_STRENGTH.to_owned(),
                format!("{} · no strength (base {base:.3})", graph.graph[c].iri),
            ),
        };
        stmts.push(node_stmt(
            &claim_id(c),
            &[("fillcolor", &fill), ("tooltip", &tooltip)],
        ));
    }
    let say = |en: &'static str, zh: &'static str| match options.lang {
        Lang::En => en,
        Lang::Zh => zh,
    };
    // The rule's first clause: "base scores from likes", "base scores uniform".
    let rule = assessed.rule.split(':').next().unwrap_or_default();
    let title = format!(
        "{} {}, {rule}",
        assessed.strengths.semantics,
        say("strength", "强度")
    );
    let mut legend = vec![
        attr("label", &title),
        attr("style", "rounded"),
        attr("color", GREY),
        attr("fontsize", "12"),
    ];
    let swatches = [0.0, 0.25, 0.5, 0.75, 1.0]
        .map(|s| (format!("{s}"), shade(s)))
        .into_iter()
        .chain([(say("none", "无").to_owned(), NO_STRENGTH.to_owned())]);
    for (i, (label, fill)) in swatches.enumerate() {
        legend.push(node_stmt(
            &format!("legend_strength_{i}"),
            &[("label", &label), ("shape", "box"), ("fillcolor", &fill)],
        ));
    }
    stmts.push(Stmt::Subgraph(Subgraph {
        id: Id::Plain("cluster_legend_strength".to_owned()),
        stmts: legend,
    }));
}

/// The fill of a claim the semantics gives no strength.
const NO_STRENGTH: &str = "#bdbdbd";

/// The colour of a strength: red at 0, white at 0.5, green at 1, linear in between.
fn shade(strength: f64) -> String {
    const RED_END: [f64; 3] = [239.0, 154.0, 154.0];
    const GREEN_END: [f64; 3] = [165.0, 214.0, 167.0];
    let s = strength.clamp(0.0, 1.0);
    let (end, t) = if s < 0.5 {
        (RED_END, 1.0 - 2.0 * s)
    } else {
        (GREEN_END, 2.0 * s - 1.0)
    };
    let [r, g, b] = end.map(|c| (255.0 + (c - 255.0) * t).round() as u8);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A box that explains every shape, colour and line style.
fn legend(lang: Lang) -> Stmt {
    let say = |en: &'static str, zh: &'static str| match lang {
        Lang::En => en,
        Lang::Zh => zh,
    };
    let mut stmts = vec![
        attr("label", say("legend", "图例")),
        attr("style", "rounded"),
        attr("color", GREY),
        attr("fontsize", "12"),
        node_stmt(
            "legend_allegation",
            &[
                (
                    "label",
                    say("allegation\n⚠ accused actors", "指控\n⚠ 被指控者"),
                ),
                ("shape", "octagon"),
                ("style", "filled"),
                ("fillcolor", "#ffcdd2"),
            ],
        ),
        node_stmt(
            "legend_claim",
            &[
                ("label", say("claim", "主张")),
                ("shape", "box"),
                ("style", "rounded,filled"),
                ("fillcolor", "#fff9c4"),
            ],
        ),
        node_stmt(
            "legend_quote",
            &[
                ("label", say("“quote”\n♥ likes", "“引语”\n♥ 点赞")),
                ("shape", "note"),
                ("fillcolor", "#eeeeee"),
            ],
        ),
        node_stmt(
            "legend_actor",
            &[
                ("label", say("actor", "参与者")),
                ("shape", "ellipse"),
                ("fillcolor", "#bbdefb"),
            ],
        ),
    ];
    let relations = [
        Relation::Rebuttal,
        Relation::Undercut,
        Relation::Undermining,
        Relation::CounterAccusation,
        Relation::Support,
        Relation::Response,
        Relation::Premise,
    ];
    let mut rows: Vec<(&str, &str, &str)> = relations
        .into_iter()
        .map(|relation| {
            let (color, line, _) = style(relation);
            (say(relation.verb(), relation.verb_zh()), color, line)
        })
        .collect();
    rows.extend([
        (say("makes the claim", "提出主张"), BLUE, "solid"),
        (say("accuses", "指控"), PURPLE, "dashed"),
        (
            say("voices (thicker: more likes)", "表达（越粗点赞越多）"),
            GREY,
            "dotted",
        ),
    ]);
    for (i, (label, color, style)) in rows.iter().enumerate() {
        let (from, to) = (format!("legend_{i}a"), format!("legend_{i}b"));
        stmts.push(node_stmt(
            &from,
            &[("shape", "point"), ("width", "0.05"), ("style", "invis")],
        ));
        stmts.push(node_stmt(
            &to,
            &[
                ("shape", "plaintext"),
                ("style", ""),
                ("label", label),
                ("fontcolor", color),
            ],
        ));
        stmts.push(edge_stmt(
            &from,
            &to,
            &[("color", color), ("style", style), ("arrowhead", "none")],
        ));
    }
    Stmt::Subgraph(Subgraph {
        id: Id::Plain("cluster_legend".to_owned()),
        stmts,
    })
}

/// The label of `claim` in `lang`, falling back to English.
pub fn claim_label(claim: &ClaimNode, lang: Lang) -> &str {
    match lang {
        Lang::En => &claim.label,
        Lang::Zh => claim.label_zh.as_deref().unwrap_or(&claim.label),
    }
}

/// The label of `named` in `lang`, falling back to English.
pub fn label_in(named: &Named, lang: Lang) -> &str {
    match lang {
        Lang::En => &named.label,
        Lang::Zh => named.label_zh.as_deref().unwrap_or(&named.label),
    }
}

fn quoted(text: &str) -> Id {
    // In a quoted DOT string only `"` and `\` need escaping; a newline becomes DOT's `\n`, and
    // a lone backslash could otherwise start one of DOT's label escapes (`\l`, `\N`...).
    let mut escaped = String::with_capacity(text.len() + 2);
    escaped.push('"');
    for c in text.chars() {
        match c {
            '"' => escaped.push_str("\\\""),
            '\\' => escaped.push_str("\\\\"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped.push('"');
    Id::Escaped(escaped)
}

fn attribute(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), quoted(value))
}

fn attr(key: &str, value: &str) -> Stmt {
    Stmt::Attribute(attribute(key, value))
}

fn node_stmt(id: &str, attributes: &[(&str, &str)]) -> Stmt {
    Stmt::Node(Node {
        id: NodeId(Id::Plain(id.to_owned()), None),
        attributes: attributes.iter().map(|(k, v)| attribute(k, v)).collect(),
    })
}

fn edge_stmt(from: &str, to: &str, attributes: &[(&str, &str)]) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(Id::Plain(from.to_owned()), None)),
            Vertex::N(NodeId(Id::Plain(to.to_owned()), None)),
        ),
        attributes: attributes.iter().map(|(k, v)| attribute(k, v)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        let Id::Escaped(text) = quoted("a \"quoted\" \\ back\nslash") else {
            unreachable!()
        };
        assert_eq!(text, r#""a \"quoted\" \\ back\nslash""#);
    }
}
