//! Walks over parsed SPARQL (spargebra's algebra) that more than one part needs: the shapes'
//! `sh:select` queries in `validate`, users' queries in `query`.

use spargebra::algebra::{Expression, GraphPattern};

/// The patterns of the `EXISTS` and `NOT EXISTS` inside `expression`, outermost first.
pub(crate) fn exists_in(expression: &Expression) -> Vec<&GraphPattern> {
    fn walk<'a>(expression: &'a Expression, found: &mut Vec<&'a GraphPattern>) {
        use Expression as E;
        match expression {
            E::Exists(pattern) => found.push(pattern),
            E::NamedNode(_) | E::Literal(_) | E::Variable(_) | E::Bound(_) => {}
            E::Or(a, b)
            | E::And(a, b)
            | E::Equal(a, b)
            | E::SameTerm(a, b)
            | E::Greater(a, b)
            | E::GreaterOrEqual(a, b)
            | E::Less(a, b)
            | E::LessOrEqual(a, b)
            | E::Add(a, b)
            | E::Subtract(a, b)
            | E::Multiply(a, b)
            | E::Divide(a, b) => {
                walk(a, found);
                walk(b, found);
            }
            E::UnaryPlus(a) | E::UnaryMinus(a) | E::Not(a) => walk(a, found),
            E::If(a, b, c) => [a, b, c].into_iter().for_each(|e| walk(e, found)),
            E::In(a, list) => {
                walk(a, found);
                list.iter().for_each(|e| walk(e, found));
            }
            E::Coalesce(list) | E::FunctionCall(_, list) => {
                list.iter().for_each(|e| walk(e, found));
            }
        }
    }
    let mut found = Vec::new();
    walk(expression, &mut found);
    found
}
