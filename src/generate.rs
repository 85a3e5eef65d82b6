//! Synthetic controversies, for benchmarks and for trying the tool at sizes no article reaches.
//!
//! A generated controversy is deterministic (the same size and seed give the same bytes on
//! every machine and version of this crate: the random numbers come from SplitMix64 here, not
//! from a crate whose streams may change), valid under the bundled shapes, and shaped like a
//! comment section rather than a lattice:
//!
//! - a few organisations make root allegations (about one claim in 400) that accuse one to three
//!   other organisations; commenters answer, with a heavy-tailed choice of who speaks most;
//! - every other claim answers an earlier one: the claim just before it (a reply to a reply),
//!   the target of a random earlier response (preferential attachment, so fan-out is
//!   heavy-tailed: a few claims draw thousands of answers), or a recent claim;
//! - two commenters sometimes answer each other back and forth for a long run (up to 2,000
//!   replies, heavy-tailed) and the first of them may then answer the last, closing a cycle;
//!   about one response in a hundred is answered straight back, a cycle of two;
//! - responses are rebuttals, undercuts, underminings, counter-accusations (which are
//!   allegations against the claimant they answer, as the shapes require), supports and plain
//!   responses, most with an argument scheme;
//! - each claim is voiced by a quote, with its original English wording or only a Chinese
//!   rendering, sometimes a translation, a faction, a like count drawn from a Pareto law, or
//!   only a vague popularity; a few claims carry a hedge such as "if true".
//!
//! It comes to about 17 triples per claim.
//!
//! ```
//! use claimgraph::generate::{self, Spec};
//! use oxigraph::io::RdfFormat;
//!
//! let mut out = Vec::new();
//! let summary = generate::write(Spec { claims: 1_000, seed: 7 }, RdfFormat::NTriples, &mut out, |_| {})?;
//! assert_eq!(summary.claims, 1_000);
//! assert!(summary.triples > 10 * summary.claims);
//! # Ok::<_, std::io::Error>(())
//! ```

use crate::vocab::external::{
    SCHEMA_INTERACTION_COUNTER, SCHEMA_INTERACTION_STATISTIC, SCHEMA_INTERACTION_TYPE,
    SCHEMA_LIKE_ACTION, SCHEMA_USER_INTERACTION_COUNT, SKOS_CONCEPT_SCHEME, SKOS_IN_SCHEME,
    SKOS_PREF_LABEL,
};
use crate::vocab::{class, concept, property, PREFIXES, SYNTHETIC_BASE};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{
    BlankNode, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Term, Triple,
};
use std::io::{self, Write};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// How many claims, allegations included.
    pub claims: usize,
    /// The seed: the same seed and size give the same output.
    pub seed: u64,
}

/// What a generation wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Claims, allegations included.
    pub claims: usize,
    /// Root allegations: those that answer nothing.
    pub allegations: usize,
    /// Response nodes (edges between claims).
    pub responses: usize,
    /// Actors, organisations and commenters.
    pub actors: usize,
    /// Quotes with a like count.
    pub liked_quotes: usize,
    /// Triples written.
    pub triples: usize,
}

/// Writes the controversy of `spec` to `out` in `format` (N-Triples or Turtle are the ones
/// meant; any triple format works), calling `progress` with the number of claims written
/// every 1,024 claims.
pub fn write(
    spec: Spec,
    format: RdfFormat,
    out: impl Write,
    mut progress: impl FnMut(usize),
) -> io::Result<Summary> {
    let base = format!("{SYNTHETIC_BASE}{}/", spec.seed);
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, namespace) in PREFIXES.iter().copied().chain([("gen", base.as_str())]) {
        serializer = serializer
            .with_prefix(prefix, namespace)
            .map_err(io::Error::other)?;
    }
    let mut serializer = serializer.for_writer(out);
    let mut generator = Generator::new(spec, base);
    let mut batch = Vec::new();
    generator.cast(&mut batch);
    for i in 0..spec.claims {
        generator.claim(i, &mut batch);
        for triple in batch.drain(..) {
            serializer.serialize_triple(&triple)?;
            generator.summary.triples += 1;
        }
        if i % 1024 == 1023 {
            progress(i + 1);
        }
    }
    serializer.finish()?.flush()?;
    progress(spec.claims);
    Ok(generator.summary)
}

/// How a response relates its claim to the one it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rebuttal,
    Undercut,
    Undermining,
    CounterAccusation,
    Support,
    Plain,
}

impl Kind {
    /// Out of 100 responses.
    const WEIGHTS: [(Kind, u32); 6] = [
        (Kind::Rebuttal, 28),
        (Kind::Undercut, 14),
        (Kind::Undermining, 10),
        (Kind::CounterAccusation, 8),
        (Kind::Support, 28),
        (Kind::Plain, 12),
    ];

    fn class(self) -> NamedNodeRef<'static> {
        match self {
            Kind::Rebuttal => class::REBUTTAL,
            Kind::Undercut => class::UNDERCUT,
            Kind::Undermining => class::UNDERMINING,
            Kind::CounterAccusation => class::COUNTER_ACCUSATION,
            Kind::Support => class::SUPPORT,
            Kind::Plain => class::RESPONSE,
        }
    }

    fn schemes(self) -> &'static [NamedNodeRef<'static>] {
        match self {
            Kind::Rebuttal => &[
                concept::VERBAL_CLASSIFICATION,
                concept::ARGUMENT_FROM_SIGN,
                concept::APPEAL_TO_PRECEDENT,
            ],
            Kind::Undercut => &[
                concept::ARGUMENT_FROM_LAW,
                concept::APPEAL_TO_COMMON_PRACTICE,
            ],
            Kind::Undermining => &[concept::CIRCUMSTANTIAL_AD_HOMINEM],
            Kind::CounterAccusation => &[concept::TU_QUOQUE],
            Kind::Support => &[concept::APPEAL_TO_NATIONAL_SECURITY, concept::RIDICULE],
            Kind::Plain => &[],
        }
    }

    /// What a commenter of this kind says: English, then Chinese.
    fn sayings(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Kind::Rebuttal => &[
                ("distillation is not stealing", "蒸馏不是偷"),
                (
                    "using a paid API as documented is not an attack",
                    "按文档付费调用 API 不算攻击",
                ),
                ("the numbers do not add up", "这些数字对不上"),
            ],
            Kind::Undercut => &[
                ("terms of service are not law", "服务条款不是法律"),
                (
                    "there is no line between learning and copying",
                    "学习和复制之间没有界线",
                ),
            ],
            Kind::Undermining => &[
                ("nobody has verified those accounts", "没人核实过这些账号"),
                (
                    "the source has a stake in the story",
                    "消息来源本身有利害关系",
                ),
            ],
            Kind::CounterAccusation => &[
                (
                    "you trained on scraped data yourselves",
                    "你们自己不也是靠抓取数据起家的",
                ),
                ("you did the same to others first", "你们先这样对待别人的"),
            ],
            Kind::Support => &[
                ("this matches what others have seen", "这和其他人看到的一致"),
                ("it is a security risk", "这是安全风险"),
            ],
            Kind::Plain => &[
                (
                    "who decides what counts as an attack?",
                    "谁来决定什么算攻击？",
                ),
                ("agreed with the reply above", "同意楼上"),
            ],
        }
    }
}

/// What root allegations say, with `{}` for whom they accuse.
const ALLEGATIONS: &[(&str, &str)] = &[
    (
        "{} ran industrial-scale distillation attacks",
        "{}发动了工业级蒸馏攻击",
    ),
    (
        "{} created thousands of fake accounts",
        "{}创建了数千个虚假账号",
    ),
    (
        "{} extracted our model's capabilities",
        "{}提取了我们模型的能力",
    ),
];

const FACTIONS: &[(&str, &str)] = &[
    ("double-standard exposers", "双标揭露派"),
    ("paying customers", "付费客户派"),
    ("old GitHub scores", "GitHub 旧账派"),
    ("privacy worriers", "隐私担忧派"),
    ("satirists", "讽刺玩梗派"),
    ("national-security camp", "国家安全派"),
];

const HEDGES: &[(NamedNodeRef<'static>, &str, &str)] = &[
    (concept::CONDITIONAL, "if true", "如果属实"),
    (concept::SPECULATIVE, "perhaps", "可能"),
    (concept::UNVERIFIED, "unverified", "未经证实"),
];

const POPULARITY: &[NamedNodeRef<'static>] = &[
    concept::HIGHLY_LIKED,
    concept::MANY_LIKES,
    concept::LOTS_OF_LIKES,
    concept::WIDELY_ENDORSED,
];

/// Two commenters answering each other, reply after reply.
struct Exchange {
    speakers: [usize; 2],
    first: usize,
    remaining: usize,
}

struct Generator {
    rng: SplitMix64,
    base: String,
    organisations: usize,
    actors: usize,
    /// The claimant of each claim written so far.
    claimants: Vec<u32>,
    /// The target of each response written so far, for preferential attachment.
    targets: Vec<u32>,
    exchange: Option<Exchange>,
    summary: Summary,
}

impl Generator {
    fn new(spec: Spec, base: String) -> Self {
        let actors = (spec.claims / 4).max(16);
        Self {
            rng: SplitMix64::new(spec.seed),
            base,
            organisations: (actors / 100).max(4),
            actors,
            claimants: Vec::with_capacity(spec.claims),
            targets: Vec::with_capacity(spec.claims),
            exchange: None,
            summary: Summary {
                claims: spec.claims,
                actors,
                ..Summary::default()
            },
        }
    }

    fn iri(&self, kind: &str, i: usize) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{kind}{i}", self.base))
    }

    fn editors(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}editors", self.base))
    }

    /// The actors, the editors, the platform and the factions.
    fn cast(&mut self, out: &mut Vec<Triple>) {
        let editors = self.editors();
        out.push(typed(&editors, class::ORGANISATION));
        out.push(triple(&editors, rdfs::LABEL, en("the generator's editors")));
        let platform = NamedNode::new_unchecked(format!("{}platform", self.base));
        out.push(typed(&platform, class::PLATFORM));
        out.push(triple(&platform, rdfs::LABEL, en("a social platform")));
        let scheme = NamedNode::new_unchecked(format!("{}factions", self.base));
        out.push(typed(&scheme, SKOS_CONCEPT_SCHEME));
        out.push(triple(&scheme, rdfs::LABEL, en("comment factions")));
        for (k, (english, chinese)) in FACTIONS.iter().enumerate() {
            let faction = self.iri("faction", k);
            out.push(typed(&faction, class::FACTION));
            out.push(triple(&faction, SKOS_IN_SCHEME, scheme.clone()));
            out.push(triple(&faction, SKOS_PREF_LABEL, en(english)));
            out.push(triple(&faction, SKOS_PREF_LABEL, zh(chinese)));
            out.push(triple(&faction, rdfs::LABEL, en(english)));
        }
        for k in 0..self.actors {
            let actor = self.iri("a", k);
            if k < self.organisations {
                out.push(typed(&actor, class::ORGANISATION));
                out.push(triple(&actor, rdfs::LABEL, en(&format!("Lab {k}"))));
                out.push(triple(&actor, rdfs::LABEL, zh(&format!("实验室 {k}"))));
            } else {
                out.push(typed(&actor, class::COMMENTER));
                out.push(triple(&actor, rdfs::LABEL, en(&format!("commenter {k}"))));
                if self.rng.chance(0.03) {
                    let hedge = BlankNode::new_unchecked(format!("ah{k}"));
                    out.push(triple(&actor, property::HEDGE, hedge.clone()));
                    out.push(typed(&hedge, class::HEDGE));
                    out.push(triple(
                        &hedge,
                        property::HEDGE_KIND,
                        concept::SELF_IDENTIFIED,
                    ));
                    out.push(triple(&hedge, property::WORDING, zh("自称业内人士")));
                    out.push(triple(&hedge, property::HEDGED_BY, editors.clone()));
                }
            }
        }
    }

    fn organisation(&mut self) -> usize {
        self.rng.skewed(self.organisations)
    }

    fn commenter(&mut self) -> usize {
        self.organisations + self.rng.skewed(self.actors - self.organisations)
    }

    /// Claim `i`: a root allegation or an answer to an earlier claim, with its quote.
    fn claim(&mut self, i: usize, out: &mut Vec<Triple>) {
        let claim = self.iri("c", i);
        if i == 0 || (self.exchange.is_none() && self.rng.chance(1.0 / 400.0)) {
            let claimant = self.organisation();
            self.claimants.push(claimant as u32);
            let mut accused = Vec::new();
            while accused.is_empty() || (accused.len() < 3 && self.rng.chance(0.4)) {
                let other = self.organisation();
                if other != claimant && !accused.contains(&other) {
                    accused.push(other);
                }
            }
            let (english, chinese) = *self.rng.pick(ALLEGATIONS);
            let names = accused
                .iter()
                .map(|a| format!("Lab {a}"))
                .collect::<Vec<_>>();
            let statement = english.replace("{}", &names.join(", "));
            let chinese = chinese.replace("{}", &names.join("、"));
            out.push(typed(&claim, class::ALLEGATION));
            out.push(triple(&claim, rdfs::LABEL, en(&statement)));
            out.push(triple(&claim, property::STATEMENT, en(&statement)));
            out.push(triple(&claim, property::STATEMENT, zh(&chinese)));
            out.push(triple(&claim, property::CLAIMANT, self.iri("a", claimant)));
            for a in accused {
                out.push(triple(&claim, property::ACCUSES, self.iri("a", a)));
            }
            self.summary.allegations += 1;
            self.quote(i, &statement, &chinese, None, out);
            return;
        }

        let (target, claimant) = self.answer_to(i);
        self.claimants.push(claimant as u32);
        let mut kind = self.rng.weighted(&Kind::WEIGHTS);
        if kind == Kind::CounterAccusation && self.claimants[target] as usize == claimant {
            kind = Kind::Rebuttal;
        }
        let (english, chinese) = *self.rng.pick(kind.sayings());
        let label = format!("{english} (#{i})");
        if kind == Kind::CounterAccusation {
            out.push(typed(&claim, class::ALLEGATION));
            let accused = self.iri("a", self.claimants[target] as usize);
            out.push(triple(&claim, property::ACCUSES, accused));
        } else {
            out.push(typed(&claim, class::CLAIM));
        }
        out.push(triple(&claim, rdfs::LABEL, en(&label)));
        out.push(triple(&claim, property::STATEMENT, en(english)));
        if self.rng.chance(0.3) {
            out.push(triple(&claim, property::STATEMENT, zh(chinese)));
        }
        out.push(triple(&claim, property::CLAIMANT, self.iri("a", claimant)));
        if self.rng.chance(0.03) {
            let (hedge_kind, english, chinese) = *self.rng.pick(HEDGES);
            let hedge = BlankNode::new_unchecked(format!("h{i}"));
            out.push(triple(&claim, property::HEDGE, hedge.clone()));
            out.push(typed(&hedge, class::HEDGE));
            out.push(triple(&hedge, property::HEDGE_KIND, hedge_kind));
            let wording = if self.rng.chance(0.5) {
                en(english)
            } else {
                zh(chinese)
            };
            out.push(triple(&hedge, property::WORDING, wording));
            out.push(triple(&hedge, property::HEDGED_BY, self.editors()));
        }
        self.response("r", i, i, target, kind, out);
        if self.rng.chance(0.01) {
            // Answered straight back: a cycle of two.
            self.response("x", i, target, i, Kind::Rebuttal, out);
        }
        self.close_exchange(i, out);
        let faction = self
            .rng
            .chance(0.7)
            .then(|| self.rng.skewed(FACTIONS.len()));
        self.quote(i, english, chinese, faction, out);
    }

    /// Whom claim `i` answers, and who says it.
    fn answer_to(&mut self, i: usize) -> (usize, usize) {
        if let Some(exchange) = &mut self.exchange {
            exchange.remaining -= 1;
            return (i - 1, exchange.speakers[exchange.remaining % 2]);
        }
        let roll = self.rng.unit();
        let target = if roll < 0.25 {
            i - 1
        } else if roll < 0.7 && !self.targets.is_empty() {
            self.targets[self.rng.below(self.targets.len())] as usize
        } else {
            let window = i.min(5_000);
            i - 1 - self.rng.below(window)
        };
        let claimant = self.commenter();
        if self.rng.chance(0.003) {
            // Heavy-tailed length, from a handful of replies to two thousand.
            let length = (2.0 * self.rng.pareto(0.8)).min(2_000.0) as usize;
            let other = self.claimants[target] as usize;
            if length >= 2 && other != claimant {
                self.exchange = Some(Exchange {
                    speakers: [other, claimant],
                    first: i,
                    remaining: length,
                });
            }
        }
        (target, claimant)
    }

    /// At the end of an exchange, its first claim may answer its last: a cycle as long as the
    /// exchange.
    fn close_exchange(&mut self, i: usize, out: &mut Vec<Triple>) {
        let Some(exchange) = &self.exchange else {
            return;
        };
        if exchange.remaining > 0 {
            return;
        }
        let first = exchange.first;
        self.exchange = None;
        if self.rng.chance(0.5) {
            // Not `x`: claim `i` may also have been answered straight back under that name.
            self.response("e", i, first, i, Kind::Rebuttal, out);
        }
    }

    fn response(
        &mut self,
        name: &str,
        i: usize,
        from: usize,
        to: usize,
        kind: Kind,
        out: &mut Vec<Triple>,
    ) {
        let response = self.iri(name, i);
        out.push(typed(&response, kind.class()));
        out.push(triple(&response, property::FROM_CLAIM, self.iri("c", from)));
        out.push(triple(&response, property::TO_CLAIM, self.iri("c", to)));
        out.push(triple(&response, property::INTERPRETED_BY, self.editors()));
        let schemes = kind.schemes();
        if !schemes.is_empty() && self.rng.chance(0.8) {
            out.push(triple(&response, property::SCHEME, *self.rng.pick(schemes)));
        }
        self.targets.push(to as u32);
        self.summary.responses += 1;
    }

    /// The quote that voices claim `i`.
    fn quote(
        &mut self,
        i: usize,
        english: &str,
        chinese: &str,
        faction: Option<usize>,
        out: &mut Vec<Triple>,
    ) {
        let quote = self.iri("q", i);
        let claim = self.iri("c", i);
        if english.ends_with('?') {
            out.push(typed(&quote, class::RHETORICAL_QUESTION));
            out.push(triple(&quote, property::IMPLIES, claim));
        } else {
            out.push(typed(&quote, class::QUOTE));
            out.push(triple(&quote, property::EXPRESSES, claim));
        }
        let claimant = self.claimants[i] as usize;
        out.push(triple(&quote, property::SPEAKER, self.iri("a", claimant)));
        out.push(triple(
            &quote,
            property::SAID_ON,
            NamedNode::new_unchecked(format!("{}platform", self.base)),
        ));
        let original = self.rng.chance(0.8);
        if original {
            out.push(triple(&quote, property::ORIGINAL_TEXT, en(english)));
        }
        if !original || self.rng.chance(0.2) {
            let translation = BlankNode::new_unchecked(format!("t{i}"));
            out.push(triple(&quote, property::TRANSLATION, translation.clone()));
            out.push(typed(&translation, class::TRANSLATION));
            out.push(triple(&translation, property::TEXT, zh(chinese)));
            out.push(triple(
                &translation,
                property::TRANSLATED_BY,
                self.editors(),
            ));
        }
        if let Some(faction) = faction {
            out.push(triple(
                &quote,
                property::FACTION,
                self.iri("faction", faction),
            ));
        }
        let roll = self.rng.unit();
        if roll < 0.45 {
            // Pareto with a tail index near 1: most quotes get a few likes, a few get thousands.
            let likes = (self.rng.pareto(1.1) - 1.0).min(10_000_000.0) as i64;
            let counter = BlankNode::new_unchecked(format!("l{i}"));
            out.push(triple(
                &quote,
                SCHEMA_INTERACTION_STATISTIC,
                counter.clone(),
            ));
            out.push(typed(&counter, SCHEMA_INTERACTION_COUNTER));
            out.push(triple(
                &counter,
                SCHEMA_INTERACTION_TYPE,
                SCHEMA_LIKE_ACTION,
            ));
            out.push(triple(
                &counter,
                SCHEMA_USER_INTERACTION_COUNT,
                Literal::from(likes),
            ));
            self.summary.liked_quotes += 1;
        } else if roll < 0.55 {
            // Only "many likes": the source gave no number, so none is made up.
            out.push(triple(
                &quote,
                property::POPULARITY,
                *self.rng.pick(POPULARITY),
            ));
        }
    }
}

fn triple<'a>(
    subject: impl Into<NamedOrBlankNodeRef<'a>>,
    predicate: NamedNodeRef<'_>,
    object: impl Into<Term>,
) -> Triple {
    Triple::new(subject.into().into_owned(), predicate, object)
}

fn typed<'a>(subject: impl Into<NamedOrBlankNodeRef<'a>>, class: NamedNodeRef<'_>) -> Triple {
    triple(subject, rdf::TYPE, class)
}

fn en(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "en")
}

fn zh(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "zh")
}

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast, and fixed here so that a seed means
/// the same controversy, or benchmark input, forever.
///
/// ```
/// use claimgraph::generate::SplitMix64;
///
/// let mut rng = SplitMix64::new(7);
/// assert!(rng.below(10) < 10);
/// assert_eq!(SplitMix64::new(7).next_u64(), SplitMix64::new(7).next_u64());
/// ```
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// The generator whose stream this seed names.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// In `0..n`, small values far likelier: the cube of a uniform draw, so that the first
    /// tenth is drawn nearly half the time.
    fn skewed(&mut self, n: usize) -> usize {
        ((self.unit().powi(3) * n as f64) as usize).min(n - 1)
    }

    /// Pareto with minimum 1 and tail index `alpha`.
    fn pareto(&mut self, alpha: f64) -> f64 {
        (1.0 - self.unit()).powf(-1.0 / alpha)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total as usize) as u32;
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        unreachable!("the roll is below the total weight")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfParser;
    use oxigraph::model::NamedOrBlankNode;
    use std::collections::{HashMap, HashSet};

    fn generate(claims: usize, seed: u64, format: RdfFormat) -> (Vec<u8>, Summary) {
        let mut out = Vec::new();
        let summary = write(Spec { claims, seed }, format, &mut out, |_| {}).unwrap();
        (out, summary)
    }

    fn parse(bytes: &[u8], format: RdfFormat) -> Vec<Triple> {
        RdfParser::from_format(format)
            .for_slice(bytes)
            .map(|quad| Triple::from(quad.unwrap()))
            .collect()
    }

    fn objects<'a>(
        triples: &'a [Triple],
        predicate: NamedNodeRef<'a>,
    ) -> impl Iterator<Item = &'a Term> {
        triples
            .iter()
            .filter(move |t| t.predicate == predicate)
            .map(|t| &t.object)
    }

    #[test]
    fn a_seed_means_the_same_controversy_and_another_seed_another() {
        let (a, _) = generate(3_000, 42, RdfFormat::NTriples);
        let (b, _) = generate(3_000, 42, RdfFormat::NTriples);
        let (c, _) = generate(3_000, 43, RdfFormat::NTriples);
        assert!(a == b, "same seed, different output");
        let strip = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes)
                .replace("/42/", "/")
                .replace("/43/", "/")
        };
        assert_ne!(
            strip(&a),
            strip(&c),
            "another seed gave the same controversy"
        );
    }

    #[test]
    fn turtle_and_n_triples_hold_the_same_triples() {
        let (nt, summary) = generate(2_000, 1, RdfFormat::NTriples);
        let (ttl, _) = generate(2_000, 1, RdfFormat::Turtle);
        let mut from_nt = parse(&nt, RdfFormat::NTriples);
        let mut from_ttl = parse(&ttl, RdfFormat::Turtle);
        assert_eq!(from_nt.len(), summary.triples);
        from_nt.sort_by_key(ToString::to_string);
        from_ttl.sort_by_key(ToString::to_string);
        assert!(from_nt == from_ttl);
        assert!(ttl.len() < nt.len(), "Turtle abbreviates with prefixes");
    }

    /// The claim number of a generated claim's IRI.
    fn number(term: &Term) -> usize {
        let Term::NamedNode(node) = term else {
            panic!("{term} is not a claim")
        };
        node.as_str().rsplit_once("/c").unwrap().1.parse().unwrap()
    }

    /// `(from, to)` of every response, by claim number.
    fn answers(triples: &[Triple]) -> Vec<(usize, usize)> {
        let mut from = HashMap::new();
        let mut to = HashMap::new();
        for t in triples {
            if t.predicate == property::FROM_CLAIM {
                from.insert(&t.subject, number(&t.object));
            } else if t.predicate == property::TO_CLAIM {
                to.insert(&t.subject, number(&t.object));
            }
        }
        from.iter().map(|(r, &f)| (f, to[r])).collect()
    }

    #[test]
    fn every_claim_is_written_and_all_but_roots_answer_an_earlier_one() {
        let claims = 20_000;
        let (nt, summary) = generate(claims, 3, RdfFormat::NTriples);
        let triples = parse(&nt, RdfFormat::NTriples);
        let per_claim = summary.triples as f64 / claims as f64;
        assert!(
            (12.0..22.0).contains(&per_claim),
            "{per_claim} triples per claim"
        );
        let typed_claims = triples
            .iter()
            .filter(|t| t.predicate == rdf::TYPE)
            .filter(|t| t.object == class::CLAIM.into() || t.object == class::ALLEGATION.into())
            .count();
        assert_eq!(typed_claims, claims);
        let edges = answers(&triples);
        assert_eq!(edges.len(), summary.responses);
        let answering: HashSet<usize> = edges.iter().filter(|(f, t)| f > t).map(|e| e.0).collect();
        assert_eq!(
            claims - answering.len(),
            summary.allegations,
            "roots are the claims that answer nothing earlier"
        );
        assert!((20..200).contains(&summary.allegations), "{summary:?}");
    }

    /// Each response is written once: one type, one `cg:fromClaim`, one `cg:toClaim`. Seed 7
    /// at 62,500 claims once wrote two responses under one IRI.
    fn assert_responses_written_once(claims: usize, seed: u64) {
        let (nt, summary) = generate(claims, seed, RdfFormat::NTriples);
        let triples = parse(&nt, RdfFormat::NTriples);
        let mut ends: HashMap<&NamedOrBlankNode, [usize; 2]> = HashMap::new();
        for t in &triples {
            let end = if t.predicate == property::FROM_CLAIM {
                0
            } else if t.predicate == property::TO_CLAIM {
                1
            } else {
                continue;
            };
            ends.entry(&t.subject).or_default()[end] += 1;
        }
        assert_eq!(
            ends.len(),
            summary.responses,
            "seed {seed}, {claims} claims"
        );
        for (response, ends) in ends {
            assert_eq!(ends, [1, 1], "{response}: seed {seed}, {claims} claims");
        }
    }

    #[test]
    fn the_seed_and_size_that_once_wrote_a_response_twice() {
        assert_responses_written_once(62_500, 7);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(8))]
        #[test]
        fn every_seed_and_size_writes_each_response_once(
            seed in proptest::prelude::any::<u64>(),
            claims in 1usize..20_000,
        ) {
            assert_responses_written_once(claims, seed);
        }
    }

    #[test]
    fn fan_out_and_likes_are_heavy_tailed_and_people_answer_each_other() {
        let claims = 20_000;
        let (nt, summary) = generate(claims, 5, RdfFormat::NTriples);
        let triples = parse(&nt, RdfFormat::NTriples);
        let edges = answers(&triples);

        let mut fan_in = vec![0usize; claims];
        for &(_, to) in &edges {
            fan_in[to] += 1;
        }
        let answered = fan_in.iter().filter(|&&n| n > 0).count();
        let most = *fan_in.iter().max().unwrap();
        let mean = edges.len() as f64 / answered as f64;
        assert!(
            most as f64 > 50.0 * mean,
            "most answered: {most}, mean {mean}"
        );

        let mut likes: Vec<i64> = objects(&triples, SCHEMA_USER_INTERACTION_COUNT)
            .map(|t| match t {
                Term::Literal(l) => l.value().parse().unwrap(),
                other => panic!("{other}"),
            })
            .collect();
        likes.sort_unstable();
        assert_eq!(likes.len(), summary.liked_quotes);
        assert!(
            likes[likes.len() / 2] < 5,
            "median like count {}",
            likes[likes.len() / 2]
        );
        assert!(*likes.last().unwrap() > 1_000, "no quote went viral");

        let set: HashSet<(usize, usize)> = edges.iter().copied().collect();
        assert!(
            edges.iter().any(|&(a, b)| set.contains(&(b, a))),
            "no two claims answer each other"
        );
        // The longest run of claims each answering the one just before.
        let mut run = vec![0usize; claims];
        let mut chained: Vec<usize> = edges
            .iter()
            .filter(|(f, t)| t + 1 == *f)
            .map(|e| e.0)
            .collect();
        chained.sort_unstable();
        for i in chained {
            run[i] = run[i - 1] + 1;
        }
        let longest = *run.iter().max().unwrap();
        assert!(
            edges.iter().any(|&(a, b)| a + 2 < b && run[b] >= b - a),
            "no exchange is closed into a cycle"
        );
        assert!(
            longest >= 50,
            "longest chain of replies to replies: {longest}"
        );
    }
}
