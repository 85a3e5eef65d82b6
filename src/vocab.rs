//! The claimgraph vocabulary as IRI constants, and the prefixes every query starts with.
//!
//! Each constant mirrors a term of `ontology/claimgraph.ttl`; a unit test checks both ways, so
//! the code and the ontology cannot drift apart.
//!
//! ```
//! use claimgraph::vocab::{class, property, NAMESPACE};
//!
//! assert_eq!(class::ALLEGATION.as_str(), format!("{NAMESPACE}Allegation"));
//! assert!(property::ACCUSES.as_str().ends_with("#accuses"));
//! ```

use oxigraph::model::NamedNodeRef;

/// The namespace of the claimgraph ontology (prefix `cg:`).
pub const NAMESPACE: &str = "https://w3id.org/claimgraph/ns#";

/// schema.org's namespace as RDF writes it (prefix `schema:`).
pub const SCHEMA_NAMESPACE: &str = "https://schema.org/";

/// schema.org's namespace as JSON-LD published on the web often still writes it: read as the
/// same (schema.org's own context maps both).
pub const SCHEMA_NAMESPACE_HTTP: &str = "http://schema.org/";

/// The prefixes predeclared in every SPARQL query and used to abbreviate IRIs in output.
pub const PREFIXES: &[(&str, &str)] = &[
    ("cg", NAMESPACE),
    ("aif", "http://www.arg.dundee.ac.uk/aif#"),
    ("schema", SCHEMA_NAMESPACE),
    ("sioc", "http://rdfs.org/sioc/ns#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("sh", "http://www.w3.org/ns/shacl#"),
];

// The namespace literal is repeated here because `concat!` only accepts literals.
macro_rules! terms {
    ($($name:ident = $local:literal),* $(,)?) => {
        $(
            #[doc = concat!("`cg:", $local, "`")]
            pub const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!("https://w3id.org/claimgraph/ns#", $local));
        )*
        /// Every term of this group, in ontology order.
        pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// Classes (`owl:Class`).
pub mod class {
    use super::NamedNodeRef;
    terms! {
        ACTOR = "Actor", ORGANISATION = "Organisation", PERSON = "Person", PLATFORM = "Platform",
        COMMENTER = "Commenter", TOOL = "Tool", AI_MODEL = "AIModel",
        CLAIM = "Claim", ALLEGATION = "Allegation", ANALYSIS = "Analysis",
        CONSENSUS_POINT = "ConsensusPoint", DISPUTE_POINT = "DisputePoint",
        STRUCTURAL_CONTRADICTION = "StructuralContradiction", PROBLEM = "Problem",
        LOCUTION = "Locution", QUOTE = "Quote", RHETORICAL_QUESTION = "RhetoricalQuestion", HIGHLIGHT = "Highlight",
        TRANSLATION = "Translation",
        RESPONSE = "Response", ATTACK = "Attack", REBUTTAL = "Rebuttal", UNDERCUT = "Undercut",
        UNDERMINING = "Undermining", COUNTER_ACCUSATION = "CounterAccusation", SUPPORT = "Support",
        REPHRASE = "Rephrase", PREFERENCE = "Preference", FACT_CHECK = "FactCheck",
        ILLOCUTION = "Illocution",
        TRANSITION = "Transition",
        FIGURE = "Figure", LEGAL_PROVISION = "LegalProvision", HEDGE = "Hedge",
        FACTION = "Faction", ARGUMENT_SCHEME = "ArgumentScheme", HEDGE_KIND = "HedgeKind",
        POPULARITY_LEVEL = "PopularityLevel", FIGURE_QUALIFIER = "FigureQualifier",
        GRADUAL_SEMANTICS = "GradualSemantics", ACCEPTANCE_LABEL = "AcceptanceLabel",
        ARTICLE = "Article", ARTICLE_SECTION = "ArticleSection", POST = "Post", THREAD = "Thread",
        DISCUSSION = "Discussion", ANALYSED_TEXT = "AnalysedText",
        STRENGTH_EVALUATION = "StrengthEvaluation",
        EXTENSION_SEMANTICS = "ExtensionSemantics", ACCEPTANCE_EVALUATION = "AcceptanceEvaluation",
    }
}

/// Object and datatype properties.
pub mod property {
    use super::NamedNodeRef;
    terms! {
        CLAIMANT = "claimant", ACCUSES = "accuses", MENTIONS = "mentions", SPEAKER = "speaker",
        CONVEYS = "conveys", EXPRESSES = "expresses", IMPLIES = "implies",
        HAS_PREMISE = "hasPremise", ABOUT = "about", FROM_CLAIM = "fromClaim", TO_CLAIM = "toClaim",
        TO_RESPONSE = "toResponse", LOCUTION = "locution", CONTENT = "content",
        REPORTS = "reports",
        ILLOCUTION = "illocution", FROM_LOCUTION = "fromLocution", TO_LOCUTION = "toLocution",
        SCHEME = "scheme", INTERPRETED_BY = "interpretedBy", FACTION = "faction",
        POPULARITY = "popularity", TRANSLATION = "translation", TRANSLATED_BY = "translatedBy",
        HEDGE = "hedge", HEDGE_KIND = "hedgeKind", HEDGED_BY = "hedgedBy",
        ASSERTS_FIGURE = "assertsFigure", QUALIFIER = "qualifier", CITES_LAW = "citesLaw",
        SAID_ON = "saidOn", SAID_IN = "saidIn", REPORTED_IN = "reportedIn",
        HIGHLIGHTS = "highlights", QUOTED_IN = "quotedIn", DEVELOPED_BY = "developedBy",
        GROUNDED_LABEL = "groundedLabel", PREFERRED_ACCEPTANCE = "preferredAcceptance",
        ACCEPTANCE = "acceptance", EXTENSION_SEMANTICS = "extensionSemantics",
        EXTENSION_COUNT = "extensionCount",
        GRADUAL_SEMANTICS = "gradualSemantics", THESIS = "thesis",
        STATEMENT = "statement", ORIGINAL_TEXT = "originalText", TEXT = "text", WORDING = "wording",
        VALUE = "value", UNIT_TEXT = "unitText", CURRENCY = "currency",
        ARTICLE_NUMBER = "articleNumber", SELF_DESCRIPTION = "selfDescription",
        CATEGORY = "category", LIKES_COLUMN = "likesColumn", STRENGTH = "strength",
        BASE_SCORE = "baseScore", BASE_RULE = "baseRule", TOLERANCE = "tolerance",
        CONVERGED = "converged", QUESTION = "question", TREE_PATH = "treePath",
    }
}

/// SKOS concept schemes and concepts defined with the ontology.
pub mod concept {
    use super::NamedNodeRef;
    terms! {
        ARGUMENT_SCHEMES = "ArgumentSchemes", TU_QUOQUE = "TuQuoque", RIDICULE = "Ridicule",
        APPEAL_TO_NATIONAL_SECURITY = "AppealToNationalSecurity",
        APPEAL_TO_PRECEDENT = "AppealToPrecedent",
        APPEAL_TO_COMMON_PRACTICE = "AppealToCommonPractice", ARGUMENT_FROM_LAW = "ArgumentFromLaw",
        ARGUMENT_FROM_SIGN = "ArgumentFromSign",
        CIRCUMSTANTIAL_AD_HOMINEM = "CircumstantialAdHominem",
        VERBAL_CLASSIFICATION = "VerbalClassification",
        HEDGE_KINDS = "HedgeKinds", UNVERIFIED = "Unverified", SELF_IDENTIFIED = "SelfIdentified",
        CONDITIONAL = "Conditional", IMPLIED = "Implied", SPECULATIVE = "Speculative",
        UNATTRIBUTED = "Unattributed",
        POPULARITY_LEVELS = "PopularityLevels", HIGHLY_LIKED = "HighlyLiked",
        MANY_LIKES = "ManyLikes", LOTS_OF_LIKES = "LotsOfLikes", WIDELY_ENDORSED = "WidelyEndorsed",
        FIGURE_QUALIFIERS = "FigureQualifiers", MORE_THAN = "MoreThan", VAGUE = "Vague",
        ACCEPTANCE_LABELS = "AcceptanceLabels", IN = "In", OUT = "Out", UNDECIDED = "Undecided",
        SCEPTICALLY_ACCEPTED = "ScepticallyAccepted", CREDULOUSLY_ACCEPTED = "CredulouslyAccepted",
        REJECTED = "Rejected",
        GRADUAL_SEMANTICS_KINDS = "GradualSemanticsKinds", H_CATEGORISER = "HCategoriser",
        DF_QUAD = "DfQuad", QUADRATIC_ENERGY = "QuadraticEnergy", EULER_BASED = "EulerBased",
        SOCIAL_ABSTRACT = "SocialAbstract",
        EXTENSION_SEMANTICS_KINDS = "ExtensionSemanticsKinds", GROUNDED = "GroundedSemantics",
        COMPLETE = "CompleteSemantics", PREFERRED = "PreferredSemantics",
        STABLE = "StableSemantics", SEMI_STABLE = "SemiStableSemantics", STAGE = "StageSemantics",
        IDEAL = "IdealSemantics",
    }
}

/// Every term of the vocabulary: classes, then properties, then concepts.
pub fn all_terms() -> impl Iterator<Item = NamedNodeRef<'static>> {
    class::ALL
        .iter()
        .chain(property::ALL)
        .chain(concept::ALL)
        .copied()
}

/// Abbreviates `iri` with the first matching prefix of `prefixes`, if the rest is a plain local name.
pub fn abbreviate(iri: &str, prefixes: &[(&str, &str)]) -> Option<String> {
    prefixes.iter().find_map(|(prefix, namespace)| {
        let local = iri.strip_prefix(namespace)?;
        let plain = local
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !local.ends_with('.');
        plain.then(|| format!("{prefix}:{local}"))
    })
}

/// Terms of other vocabularies that the code reads outside SPARQL.
pub mod external {
    use super::NamedNodeRef;

    /// `dcterms:identifier`: an identifier a source gave a node, such as an AIF `nodeID`.
    pub const DCTERMS_IDENTIFIER: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://purl.org/dc/terms/identifier");
    /// `dcterms:created`
    pub const DCTERMS_CREATED: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://purl.org/dc/terms/created");
    /// `dcterms:source`
    pub const DCTERMS_SOURCE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://purl.org/dc/terms/source");
    /// `skos:notation`: a scheme's name exactly as a source spells it.
    pub const SKOS_NOTATION: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#notation");
    /// `schema:givenName`
    pub const SCHEMA_GIVEN_NAME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/givenName");
    /// `schema:familyName`
    pub const SCHEMA_FAMILY_NAME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/familyName");
    /// `schema:text`: the text an argument map was made from.
    pub const SCHEMA_TEXT: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/text");
    /// `schema:startTime`
    pub const SCHEMA_START_TIME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/startTime");
    /// `schema:endTime`
    pub const SCHEMA_END_TIME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/endTime");

    /// `skos:prefLabel`
    pub const SKOS_PREF_LABEL: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#prefLabel");
    /// `schema:interactionStatistic`
    pub const SCHEMA_INTERACTION_STATISTIC: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/interactionStatistic");
    /// `schema:userInteractionCount`
    pub const SCHEMA_USER_INTERACTION_COUNT: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/userInteractionCount");
    /// `schema:InteractionCounter`
    pub const SCHEMA_INTERACTION_COUNTER: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/InteractionCounter");
    /// `schema:interactionType`
    pub const SCHEMA_INTERACTION_TYPE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/interactionType");
    /// `schema:LikeAction`
    pub const SCHEMA_LIKE_ACTION: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/LikeAction");
    /// `skos:ConceptScheme`
    pub const SKOS_CONCEPT_SCHEME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#ConceptScheme");
    /// `skos:inScheme`
    pub const SKOS_IN_SCHEME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#inScheme");
    /// `schema:url`: where a fact check is published, or an actor's site.
    pub const SCHEMA_URL: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/url");
    /// `schema:datePublished`: when a fact check, or the claim it reviews, was published.
    pub const SCHEMA_DATE_PUBLISHED: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/datePublished");
    /// `schema:appearance`: where a claim was made.
    pub const SCHEMA_APPEARANCE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/appearance");
    /// `schema:firstAppearance`: where a claim was first made.
    pub const SCHEMA_FIRST_APPEARANCE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/firstAppearance");
    /// `schema:reviewRating`: a fact check's rating.
    pub const SCHEMA_REVIEW_RATING: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/reviewRating");
    /// `schema:Rating`
    pub const SCHEMA_RATING: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/Rating");
    /// `schema:ratingValue`
    pub const SCHEMA_RATING_VALUE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/ratingValue");
    /// `schema:bestRating`
    pub const SCHEMA_BEST_RATING: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/bestRating");
    /// `schema:worstRating`
    pub const SCHEMA_WORST_RATING: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/worstRating");
    /// `schema:alternateName`: a rating in the fact-checker's own words.
    pub const SCHEMA_ALTERNATE_NAME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/alternateName");
    /// `schema:ratingExplanation`: why the fact-checker rated a claim so, in its own words.
    pub const SCHEMA_RATING_EXPLANATION: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/ratingExplanation");
    /// `schema:image`: the address of an image a fact check shows.
    pub const SCHEMA_IMAGE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/image");
    /// `schema:sdPublisher`: who published a fact check's structured data, not always its author.
    pub const SCHEMA_SD_PUBLISHER: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/sdPublisher");
    /// `schema:citation`: a source a discussion lists.
    pub const SCHEMA_CITATION: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://schema.org/citation");
}

/// Where the IRIs of generated controversies live: the seed follows, so that two generated
/// controversies never share a node.
pub const SYNTHETIC_BASE: &str = "https://w3id.org/claimgraph/id/synthetic/";

/// Where the argument schemes named by imported AIF maps live: the name follows, so that maps
/// naming the same scheme share it.
pub const AIF_SCHEME_BASE: &str = "https://w3id.org/claimgraph/id/aif-scheme/";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::vocab::{rdf, rdfs};
    use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
    use std::collections::BTreeSet;

    fn ontology() -> Vec<Triple> {
        RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(bundled::ONTOLOGY.as_bytes())
            .map(|quad| Triple::from(quad.expect("the bundled ontology parses")))
            .collect()
    }

    fn declared_terms(triples: &[Triple]) -> BTreeSet<String> {
        triples
            .iter()
            .filter(|t| t.predicate == rdf::TYPE)
            .filter_map(|t| match &t.subject {
                NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(NAMESPACE) => {
                    Some(n.as_str().to_owned())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_constant_is_declared_in_the_ontology_and_back() {
        let triples = ontology();
        let declared = declared_terms(&triples);
        let coded: BTreeSet<String> = all_terms().map(|t| t.as_str().to_owned()).collect();
        let missing_in_ontology: Vec<_> = coded.difference(&declared).collect();
        let missing_in_code: Vec<_> = declared.difference(&coded).collect();
        assert!(
            missing_in_ontology.is_empty(),
            "in vocab.rs but not declared in the ontology: {missing_in_ontology:?}"
        );
        assert!(
            missing_in_code.is_empty(),
            "declared in the ontology but missing from vocab.rs: {missing_in_code:?}"
        );
    }

    #[test]
    fn every_term_has_english_and_chinese_labels_and_comments() {
        let triples = ontology();
        for term in all_terms() {
            for predicate in [rdfs::LABEL, rdfs::COMMENT] {
                for lang in ["en", "zh"] {
                    let found = triples.iter().any(|t| {
                        t.subject == NamedOrBlankNode::NamedNode(NamedNode::from(term))
                            && t.predicate == predicate
                            && matches!(&t.object, Term::Literal(l) if l.language() == Some(lang))
                    });
                    assert!(found, "{term} has no {predicate} in {lang}");
                }
            }
        }
        // The check above would pass vacuously on an empty vocabulary.
        assert!(all_terms().count() > 60);
    }

    #[test]
    fn abbreviates_only_plain_local_names() {
        assert_eq!(
            abbreviate(class::CLAIM.as_str(), PREFIXES).as_deref(),
            Some("cg:Claim")
        );
        assert_eq!(abbreviate("https://schema.org/a/b", PREFIXES), None);
        assert_eq!(abbreviate("http://example.org/x", PREFIXES), None);
    }
}

/// Terms of standard vocabularies for the metadata graph, where each load describes the graphs
/// it wrote: PROV-O (when, by which version, from which file), VoID (size), the SPARQL service
/// description (which graph) and SPDX (checksum). Dublin Core's `dcterms:source` names the
/// source as it was given.
pub mod provenance {
    use super::NamedNodeRef;

    /// Their prefixes, predeclared in queries and written in exports beside [`PREFIXES`](super::PREFIXES).
    pub const PREFIXES: &[(&str, &str)] = &[
        ("void", "http://rdfs.org/ns/void#"),
        ("sd", "http://www.w3.org/ns/sparql-service-description#"),
        ("spdx", "http://spdx.org/rdf/terms#"),
    ];

    /// `prov:Entity`
    pub const ENTITY: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#Entity");
    /// `prov:Activity`
    pub const ACTIVITY: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#Activity");
    /// `prov:SoftwareAgent`
    pub const SOFTWARE_AGENT: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#SoftwareAgent");
    /// `prov:generatedAtTime`
    pub const GENERATED_AT_TIME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#generatedAtTime");
    /// `prov:wasGeneratedBy`
    pub const WAS_GENERATED_BY: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#wasGeneratedBy");
    /// `prov:wasAssociatedWith`
    pub const WAS_ASSOCIATED_WITH: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#wasAssociatedWith");
    /// `prov:wasDerivedFrom`
    pub const WAS_DERIVED_FROM: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#wasDerivedFrom");
    /// `prov:hadPrimarySource`
    pub const HAD_PRIMARY_SOURCE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#hadPrimarySource");
    /// `sd:NamedGraph`
    pub const NAMED_GRAPH: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#NamedGraph");
    /// `sd:name`
    pub const NAME: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#name");
    /// `void:triples`
    pub const TRIPLES: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://rdfs.org/ns/void#triples");
    /// `dcterms:source`
    pub const SOURCE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://purl.org/dc/terms/source");
    /// `spdx:checksum`
    pub const CHECKSUM: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://spdx.org/rdf/terms#checksum");
    /// `spdx:Checksum`
    pub const CHECKSUM_CLASS: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://spdx.org/rdf/terms#Checksum");
    /// `spdx:algorithm`
    pub const ALGORITHM: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://spdx.org/rdf/terms#algorithm");
    /// `spdx:checksumAlgorithm_sha256`
    pub const SHA256: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://spdx.org/rdf/terms#checksumAlgorithm_sha256");
    /// `spdx:checksumValue`
    pub const CHECKSUM_VALUE: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://spdx.org/rdf/terms#checksumValue");
    /// `owl:versionInfo`
    pub const VERSION_INFO: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2002/07/owl#versionInfo");
}

/// The SPARQL service description that `serve` gives at its endpoint.
pub mod service {
    /// The endpoint's IRI, from the host (and port) the request was sent to.
    pub fn endpoint(host: &str) -> String {
        format!("http://{host}/sparql")
    }

    /// The description of the endpoint at `endpoint`, in Turtle: SPARQL 1.1 Query over the
    /// union default graph, the results formats offered, and whether it takes updates.
    pub fn description(endpoint: &str, update: bool) -> String {
        let update = if update { ", sd:SPARQL11Update" } else { "" };
        format!(
            r#"@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .

[] a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query{update} ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat formats:SPARQL_Results_JSON , formats:SPARQL_Results_XML ,
    formats:SPARQL_Results_CSV , formats:SPARQL_Results_TSV ,
    formats:Turtle , formats:N-Triples , formats:JSON-LD .
"#
        )
    }
}
