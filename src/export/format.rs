//! What `export` writes: one table of formats, so that the command line's choices, its help
//! and the code that writes each format read the same rows.

use super::ImageFormat;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The argument map as Graphviz DOT.
    Dot,
    /// The argument map laid out by Graphviz, as SVG.
    Svg,
    /// The argument map laid out by Graphviz, as PNG.
    Png,
    /// RDF in Turtle.
    Turtle,
    /// RDF in TriG.
    TriG,
    /// RDF in N-Triples.
    NTriples,
    /// RDF in N-Quads.
    NQuads,
    /// RDF/XML.
    RdfXml,
    /// JSON-LD.
    JsonLd,
    /// The argument map in AIF JSON (see [`crate::aif`]).
    Aif,
    /// The argument map in Argdown (see [`crate::argdown`]).
    Argdown,
    /// A discussion in Kialo's text export (see [`crate::kialo`]).
    Kialo,
}

/// How a format is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An argument map: DOT text, or laid out by Graphviz into an image.
    Map(Option<ImageFormat>),
    /// The quads of the store, or of a part, in one of Oxigraph's RDF formats: a triple format
    /// writes the union of the graphs, a dataset format keeps each graph's name.
    Rdf(RdfFormat),
    /// Claims, quotes and responses as the nodes of an AIF map.
    Aif,
    /// Claims as statements and responses as relations of an Argdown document.
    Argdown,
    /// A discussion's tree of pros and cons, as Kialo exports it.
    Kialo,
}

impl ExportFormat {
    /// Every format, in the order they are offered.
    pub const ALL: [Self; 12] = [
        Self::Dot,
        Self::Svg,
        Self::Png,
        Self::Turtle,
        Self::TriG,
        Self::NTriples,
        Self::NQuads,
        Self::RdfXml,
        Self::JsonLd,
        Self::Aif,
        Self::Argdown,
        Self::Kialo,
    ];

    /// The one table: each format's name on the command line, how it is written, and what it
    /// is in a few words for `--help`.
    fn row(self) -> (&'static str, Kind, &'static str) {
        match self {
            Self::Dot => ("dot", Kind::Map(None), "the argument map as Graphviz DOT"),
            Self::Svg => (
                "svg",
                Kind::Map(Some(ImageFormat::Svg)),
                "the argument map laid out by Graphviz, as SVG",
            ),
            Self::Png => (
                "png",
                Kind::Map(Some(ImageFormat::Png)),
                "the argument map laid out by Graphviz, as PNG",
            ),
            Self::Turtle => (
                "turtle",
                Kind::Rdf(RdfFormat::Turtle),
                "RDF in Turtle, the graphs merged, with the ontology's prefixes",
            ),
            Self::TriG => (
                "trig",
                Kind::Rdf(RdfFormat::TriG),
                "RDF in TriG, each graph under its name, with the ontology's prefixes",
            ),
            Self::NTriples => (
                "ntriples",
                Kind::Rdf(RdfFormat::NTriples),
                "RDF in N-Triples, the graphs merged",
            ),
            Self::NQuads => (
                "nquads",
                Kind::Rdf(RdfFormat::NQuads),
                "RDF in N-Quads, each quad with its graph's name",
            ),
            Self::RdfXml => (
                "rdfxml",
                Kind::Rdf(RdfFormat::RdfXml),
                "RDF/XML, the graphs merged, with the ontology's prefixes",
            ),
            Self::JsonLd => (
                "jsonld",
                Kind::Rdf(RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                }),
                "JSON-LD, each graph under its name, IRIs in full",
            ),
            Self::Aif => (
                "aif",
                Kind::Aif,
                "the argument map in AIF JSON (AIFdb's shape): claims as I-nodes, quotes as \
                 L-nodes, responses as RA, CA, MA or PA nodes",
            ),
            Self::Argdown => (
                "argdown",
                Kind::Argdown,
                "the argument map in Argdown: claims as statements, responses as relations, the \
                 rest in data blocks and the front matter",
            ),
            Self::Kialo => (
                "kialo",
                Kind::Kialo,
                "a discussion in Kialo's text export: its thesis or theses, each claim a Pro or \
                 Con below the one it answers (the store's one discussion, or the tree below \
                 --focus)",
            ),
        }
    }

    /// The format with this [`name`](Self::name), if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        self.row().0
    }

    /// How the format is written.
    pub fn kind(self) -> Kind {
        self.row().1
    }

    /// What the format is, in a few words for `--help`.
    pub fn summary(self) -> &'static str {
        self.row().2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_is_one_format() {
        for format in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_name(format.name()), Some(format));
        }
        assert_eq!(ExportFormat::from_name("n3"), None);
    }

    #[test]
    fn dataset_formats_are_those_that_can_name_graphs() {
        let datasets: Vec<&str> = ExportFormat::ALL
            .into_iter()
            .filter(|f| matches!(f.kind(), Kind::Rdf(rdf) if rdf.supports_datasets()))
            .map(ExportFormat::name)
            .collect();
        assert_eq!(datasets, ["trig", "nquads", "jsonld"]);
    }
}
