//! How one claim answers another, as an enum built once from the ontology's response classes,
//! with the one table of their names in English and Chinese that the trace, the maps and their
//! legend all read. A unit test holds the names to the ontology's own labels.
//!
//! ```
//! use claimgraph::relation::Relation;
//! use claimgraph::vocab::class;
//!
//! let undercut = Relation::from_class(class::UNDERCUT).unwrap();
//! assert!(undercut.is_attack());
//! assert_eq!((undercut.name(), undercut.name_zh()), ("undercut", "削弱"));
//! ```

use crate::vocab::class;
use oxigraph::model::NamedNodeRef;
use serde::Serialize;

/// A kind of response, or the link from a premise to its conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The answering claim says the answered one is false.
    Rebuttal,
    /// It grants the evidence but denies that it supports the conclusion.
    Undercut,
    /// It attacks a premise of the answered claim.
    Undermining,
    /// It accuses the accuser.
    CounterAccusation,
    /// An attack whose kind the source does not say.
    Attack,
    /// It gives a reason for the answered claim.
    Support,
    /// It says the answered claim in other words.
    Rephrase,
    /// It is preferred to the answered claim.
    Preference,
    /// A response whose kind the source does not say.
    Response,
    /// A premise of the claim, within one argument (`cg:hasPremise`, not a response).
    Premise,
}

/// `(relation, class, attack, name, name in Chinese, verb, verb in Chinese)`.
type Row = (
    Relation,
    Option<NamedNodeRef<'static>>,
    bool,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The one table.
const TABLE: [Row; 10] = [
    (
        Relation::Rebuttal,
        Some(class::REBUTTAL),
        true,
        "rebuttal",
        "反驳",
        "rebuts",
        "反驳",
    ),
    (
        Relation::Undercut,
        Some(class::UNDERCUT),
        true,
        "undercut",
        "削弱",
        "undercuts",
        "削弱推理",
    ),
    (
        Relation::Undermining,
        Some(class::UNDERMINING),
        true,
        "undermining",
        "破坏前提",
        "undermines",
        "破坏前提",
    ),
    (
        Relation::CounterAccusation,
        Some(class::COUNTER_ACCUSATION),
        true,
        "counter-accusation",
        "反指控",
        "counter-accuses",
        "反指控",
    ),
    (
        Relation::Attack,
        Some(class::ATTACK),
        true,
        "attack",
        "攻击",
        "attacks",
        "攻击",
    ),
    (
        Relation::Support,
        Some(class::SUPPORT),
        false,
        "support",
        "支持",
        "supports",
        "支持",
    ),
    (
        Relation::Rephrase,
        Some(class::REPHRASE),
        false,
        "rephrase",
        "改述",
        "rephrases",
        "改述",
    ),
    (
        Relation::Preference,
        Some(class::PREFERENCE),
        false,
        "preference",
        "偏好",
        "is preferred to",
        "优先于",
    ),
    (
        Relation::Response,
        Some(class::RESPONSE),
        false,
        "response",
        "回应",
        "responds (type unknown)",
        "回应（类型未知）",
    ),
    (
        Relation::Premise,
        None,
        false,
        "premise",
        "前提",
        "is a premise of",
        "是其前提",
    ),
];

impl Relation {
    /// Every relation, in the order of the legend.
    pub const ALL: [Relation; 10] = [
        Relation::Rebuttal,
        Relation::Undercut,
        Relation::Undermining,
        Relation::CounterAccusation,
        Relation::Attack,
        Relation::Support,
        Relation::Rephrase,
        Relation::Preference,
        Relation::Response,
        Relation::Premise,
    ];

    fn row(self) -> &'static Row {
        TABLE
            .iter()
            .find(|row| row.0 == self)
            .expect("every relation has its row")
    }

    /// The relation of a response class of the ontology, if it is one.
    pub fn from_class(class: NamedNodeRef<'_>) -> Option<Self> {
        TABLE
            .iter()
            .find(|row| row.1 == Some(class))
            .map(|row| row.0)
    }

    /// The response class; `None` for a premise.
    pub fn class(self) -> Option<NamedNodeRef<'static>> {
        self.row().1
    }

    /// Whether it is an attack (what the Dung semantics count).
    pub fn is_attack(self) -> bool {
        self.row().2
    }

    /// Its name, the ontology's English label: `rebuttal`, `support`...
    pub fn name(self) -> &'static str {
        self.row().3
    }

    /// Its name in Chinese, the ontology's Chinese label.
    pub fn name_zh(self) -> &'static str {
        self.row().4
    }

    /// What the answering claim does, for a legend: `rebuts`, `supports`...
    pub fn verb(self) -> &'static str {
        self.row().5
    }

    /// The same, in Chinese.
    pub fn verb_zh(self) -> &'static str {
        self.row().6
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::vocab::rdfs;
    use oxigraph::model::{NamedOrBlankNode, Term};

    #[test]
    fn names_are_the_ontology_labels_and_every_response_class_has_a_relation() {
        let labels: Vec<(NamedOrBlankNode, Term)> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(bundled::ONTOLOGY.as_bytes())
            .map(|q| q.unwrap())
            .filter(|q| q.predicate == rdfs::LABEL)
            .map(|q| (q.subject, q.object))
            .collect();
        for relation in Relation::ALL {
            let Some(class) = relation.class() else {
                continue;
            };
            assert_eq!(Relation::from_class(class), Some(relation));
            for (lang, name) in [("en", relation.name()), ("zh", relation.name_zh())] {
                assert!(
                    labels.iter().any(|(s, o)| *s == NamedOrBlankNode::from(class.into_owned())
                        && matches!(o, Term::Literal(l) if l.value() == name && l.language() == Some(lang))),
                    "{class} is not labelled {name:?}@{lang} in the ontology"
                );
            }
        }
        assert_eq!(Relation::ALL.len(), TABLE.len());
    }
}
