//! Content negotiation: the `Accept` header's media ranges and their q-values against what the
//! server offers (RFC 9110, section 12.5.1).

/// The media ranges of an `Accept` header, each with its q-value. Parameters other than `q`
/// (such as `charset`) are ignored; a range that does not parse is skipped.
fn ranges(accept: &str) -> Vec<(String, String, f32)> {
    accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let (kind, subtype) = parts.next()?.trim().split_once('/')?;
            let mut q = 1.0;
            for parameter in parts {
                if let Some((name, value)) = parameter.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        q = value
                            .trim()
                            .parse()
                            .ok()
                            .filter(|q| (0.0..=1.0).contains(q))?;
                    }
                }
            }
            Some((
                kind.trim().to_ascii_lowercase(),
                subtype.trim().to_ascii_lowercase(),
                q,
            ))
        })
        .collect()
}

/// The q-value `accept` gives `media`: that of the most specific range that matches it
/// (`type/subtype`, then `type/*`, then `*/*`), or 0 when none does.
fn quality(ranges: &[(String, String, f32)], media: &str) -> f32 {
    let (kind, subtype) = media.split_once('/').unwrap_or((media, ""));
    ranges
        .iter()
        .filter_map(|(k, s, q)| {
            let specificity = match (k.as_str(), s.as_str()) {
                (k, s) if k == kind && s == subtype => 2,
                (k, "*") if k == kind => 1,
                ("*", "*") => 0,
                _ => return None,
            };
            Some((specificity, *q))
        })
        .max_by_key(|(specificity, _)| *specificity)
        .map_or(0.0, |(_, q)| q)
}

/// The offer the client prefers: the highest q-value above 0, the first offered among equals.
/// With no `Accept` header, the first offer. `None` when the client accepts none of them (406).
pub fn choose<'a, T>(
    accept: Option<&str>,
    offers: &'a [(&'static str, T)],
) -> Option<&'a (&'static str, T)> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return offers.first();
    };
    let ranges = ranges(accept);
    let mut best: Option<(&(&'static str, T), f32)> = None;
    for offer in offers {
        let q = quality(&ranges, offer.0);
        if q > 0.0 && best.as_ref().is_none_or(|(_, b)| q > *b) {
            best = Some((offer, q));
        }
    }
    best.map(|(offer, _)| offer)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERS: &[(&str, u8)] = &[
        ("application/sparql-results+json", 1),
        ("application/sparql-results+xml", 2),
        ("text/csv", 3),
        ("text/tab-separated-values", 4),
    ];

    fn chosen(accept: Option<&str>) -> Option<u8> {
        choose(accept, OFFERS).map(|(_, n)| *n)
    }

    #[test]
    fn no_header_or_anything_gives_the_first_offer() {
        assert_eq!(chosen(None), Some(1));
        assert_eq!(chosen(Some("")), Some(1));
        assert_eq!(chosen(Some("*/*")), Some(1));
    }

    #[test]
    fn the_highest_q_value_wins() {
        assert_eq!(
            chosen(Some("text/csv;q=0.5, application/sparql-results+xml;q=0.9")),
            Some(2)
        );
        assert_eq!(
            chosen(Some("text/csv, application/sparql-results+xml;q=0.9")),
            Some(3)
        );
        assert_eq!(chosen(Some("text/*;q=0.8, */*;q=0.1")), Some(3));
    }

    #[test]
    fn the_most_specific_range_decides() {
        // text/csv is refused outright even though text/* would take it.
        assert_eq!(chosen(Some("text/csv;q=0, text/*")), Some(4));
        assert_eq!(
            chosen(Some("*/*;q=0.1, application/sparql-results+json;q=0")),
            Some(2)
        );
    }

    #[test]
    fn case_and_parameters_do_not_matter() {
        assert_eq!(chosen(Some("Text/CSV; charset=utf-8")), Some(3));
        assert_eq!(
            chosen(Some("text/tab-separated-values ; Q=0.7 , text/csv;q=0.6")),
            Some(4)
        );
    }

    #[test]
    fn nothing_acceptable_is_none() {
        assert_eq!(chosen(Some("text/turtle")), None);
        assert_eq!(chosen(Some("*/*;q=0")), None);
        assert_eq!(chosen(Some("text/csv;q=nonsense")), None);
    }
}
