//! Base scores from what a source says about a claim's popularity, by a rule that describes
//! itself so that every result can print it.
//!
//! - [`BaseRule::Uniform`]: every claim 0.5. The crowd is ignored; only the structure counts.
//! - [`BaseRule::Likes`]: a like count, where the source gives one, scored against the most
//!   liked quote of its thread: `0.5 + 0.5 · likes / (most + 1)`. Magnitude counts (in a thread
//!   whose top quote has 251 likes, 44 likes score 0.587 and 121 likes 0.740, the top one
//!   0.998), no score reaches 1, and no like count lowers a claim below neutral: a claim
//!   nobody liked is not thereby refuted. Where the source only says a quote is popular
//!   (`高赞`, `多赞`, "many likes"), its words go through a [`PopularityTable`]. Anything else
//!   scores 0.5. No number is made up: a claim without a count or a word is neutral.
//!
//! Vote aggregation as in Leite and Martins' social argumentation (`v⁺ / (v⁺ + v⁻ + ε)`) would
//! give almost 1 to every liked quote, 44 likes as much as 251: that is the trap this rule
//! avoids. For frameworks that do carry votes for and against, see
//! [`social_score`](super::social_score).
//!
//! # Table files
//! One level a line: a base score, white space, then the level's name or the source's word for
//! it (the rest of the line, so it may hold spaces). `#` starts a comment line.
//!
//! ```text
//! # score  level or word
//! 0.75     HighlyLiked
//! 0.75     高赞
//! ```

use super::BaseScore;
use crate::error::ReadError;
use std::collections::HashMap;
use std::fmt::Write;

/// The table every `likes` rule starts from: the popularity levels of claimgraph's ontology,
/// by name and by their English and Chinese labels. "Liked by many, count not given" is scored
/// as a quote with half the likes of its thread's most liked one would be: 0.75.
pub const DEFAULT_TABLE: &str = "\
# The popularity levels of the ontology (cg:PopularityLevels), by name and label: liked by
# many, count not given, scored as half the likes of the thread's most liked quote.
0.75 HighlyLiked
0.75 highly liked
0.75 高赞
0.75 ManyLikes
0.75 many likes
0.75 多赞
0.75 LotsOfLikes
0.75 a great many likes
0.75 大量点赞
0.75 WidelyEndorsed
0.75 widely endorsed
0.75 大量认同
";

/// Base scores for the source's popularity words.
#[derive(Debug, Clone, PartialEq)]
pub struct PopularityTable {
    /// Where the table came from, for the rule's description.
    source: String,
    levels: HashMap<String, BaseScore>,
    /// The levels in the order the table gives them, for the description.
    order: Vec<String>,
}

impl Default for PopularityTable {
    fn default() -> Self {
        // The default table is checked by a test.
        Self::parse("the default table", DEFAULT_TABLE).expect("the default table is well formed")
    }
}

impl PopularityTable {
    /// Reads a table; `input` names it in error messages and in the rule's description.
    ///
    /// # Errors
    /// [`ReadError::Syntax`] at a score that is not a number from 0 to 1, a line without a
    /// level, or a level given twice.
    ///
    /// # Complexity
    /// `O(size of the input)`.
    pub fn parse(input: &str, text: &str) -> Result<Self, ReadError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut levels = HashMap::new();
        let mut order = Vec::new();
        let mut lines_of: HashMap<String, usize> = HashMap::new();
        for (number, line) in text.lines().enumerate() {
            let error = |column: usize, message: String| {
                ReadError::syntax(input, number as u64 + 1, column as u64 + 1, message)
            };
            let indent = line.chars().take_while(|c| c.is_whitespace()).count();
            let rest = line.trim_start();
            if rest.is_empty() || rest.starts_with('#') {
                continue;
            }
            let score_text = rest.split(char::is_whitespace).next().unwrap_or_default();
            let score = score_text
                .parse::<f64>()
                .ok()
                .and_then(|x| BaseScore::new(x).ok())
                .ok_or_else(|| {
                    error(
                        indent,
                        format!("expected a base score from 0 to 1, found {score_text:?}"),
                    )
                })?;
            let after = &rest[score_text.len()..];
            let level = after.trim();
            let column = indent
                + score_text.chars().count()
                + after.chars().take_while(|c| c.is_whitespace()).count();
            if level.is_empty() {
                return Err(error(
                    column,
                    "expected a level or word after the score".into(),
                ));
            }
            if let Some(first) = lines_of.insert(level.to_owned(), number) {
                return Err(error(
                    column,
                    format!(
                        "level {level:?} is given twice (first on line {})",
                        first + 1
                    ),
                ));
            }
            levels.insert(level.to_owned(), score);
            order.push(level.to_owned());
        }
        Ok(Self {
            source: input.to_owned(),
            levels,
            order,
        })
    }

    /// The score of a level or word, if the table has it.
    pub fn get(&self, level: &str) -> Option<BaseScore> {
        self.levels.get(level).copied()
    }
}

/// What a source says about one claim's popularity.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence<'a> {
    /// The claim's like count, where the source gives a number (the largest, when several
    /// quotes voice the claim).
    pub likes: Option<u64>,
    /// The like count of the most liked quote in the claim's thread, where the source gives
    /// numbers there.
    pub thread_most_likes: Option<u64>,
    /// The source's popularity levels or words for the claim's quotes; of several with the
    /// best score, the first names the basis.
    pub levels: &'a [&'a str],
}

/// Where a base score came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// A like count against the thread's most liked quote.
    Likes {
        /// The claim's likes.
        likes: u64,
        /// The thread's most likes.
        most: u64,
    },
    /// A popularity level or word, through the table.
    Level(String),
    /// Nothing the rule reads: the neutral score.
    Neutral,
}

/// How base scores are made from the data; see the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum BaseRule {
    /// Every claim scores 0.5.
    #[default]
    Uniform,
    /// Like counts within their thread, else popularity words through the table, else 0.5.
    Likes(PopularityTable),
}

impl BaseRule {
    /// A claim's base score, and what it came from.
    ///
    /// # Complexity
    /// `O(number of levels)`.
    pub fn score(&self, evidence: &Evidence<'_>) -> (BaseScore, Basis) {
        let Self::Likes(table) = self else {
            return (BaseScore::NEUTRAL, Basis::Neutral);
        };
        if let Some(likes) = evidence.likes {
            let most = evidence.thread_most_likes.unwrap_or(likes).max(likes);
            let score = 0.5 + 0.5 * likes as f64 / (most as f64 + 1.0);
            return (BaseScore(score), Basis::Likes { likes, most });
        }
        // The first of the best-scored words names the basis: `max_by` keeps the last.
        let best = evidence
            .levels
            .iter()
            .rev()
            .filter_map(|&level| table.get(level).map(|score| (score, level)))
            .max_by(|a, b| a.0.get().total_cmp(&b.0.get()));
        match best {
            Some((score, level)) => (score, Basis::Level(level.to_owned())),
            None => (BaseScore::NEUTRAL, Basis::Neutral),
        }
    }

    /// The rule in words, to print beside every result it made.
    pub fn describe(&self) -> String {
        match self {
            Self::Uniform => "base scores uniform: every claim 0.5".to_owned(),
            Self::Likes(table) => {
                let mut text = "base scores from likes: a claim with a like count scores \
                     0.5 + 0.5 * likes / (most + 1), most being the like count of its thread's \
                     most liked quote; one the source calls popular without a number scores by "
                    .to_owned();
                let _ = write!(text, "{} (", table.source);
                for (i, level) in table.order.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    let _ = write!(text, "{sep}{level} {}", table.levels[level].get());
                }
                text.push_str("); any other claim 0.5");
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn likes_rule() -> BaseRule {
        BaseRule::Likes(PopularityTable::default())
    }

    #[test]
    fn like_counts_keep_their_magnitude_within_a_thread() {
        let score = |likes| {
            let evidence = Evidence {
                likes: Some(likes),
                thread_most_likes: Some(251),
                levels: &[],
            };
            likes_rule().score(&evidence).0.get()
        };
        let (top, second, third, none) = (score(251), score(121), score(44), score(0));
        assert!(top < 1.0 && top > second && second > third && third > none);
        assert_eq!(none, 0.5);
        assert!((third - (0.5 + 0.5 * 44.0 / 252.0)).abs() < 1e-15);
        // Vote aggregation would put 44 likes within a few hundredths of 251; this rule does
        // not.
        assert!(top - third > 0.4);
    }

    #[test]
    fn words_go_through_the_table_and_nothing_else_is_invented() {
        let rule = likes_rule();
        let (score, basis) = rule.score(&Evidence {
            levels: &["unknown word", "高赞"],
            ..Evidence::default()
        });
        assert_eq!((score.get(), basis), (0.75, Basis::Level("高赞".into())));
        let (_, basis) = rule.score(&Evidence {
            levels: &["many likes", "高赞"],
            ..Evidence::default()
        });
        assert_eq!(
            basis,
            Basis::Level("many likes".into()),
            "ties go to the first"
        );
        let (score, basis) = rule.score(&Evidence::default());
        assert_eq!((score, basis), (BaseScore::NEUTRAL, Basis::Neutral));
        // A number beats words.
        let (_, basis) = rule.score(&Evidence {
            likes: Some(3),
            levels: &["高赞"],
            ..Evidence::default()
        });
        assert_eq!(basis, Basis::Likes { likes: 3, most: 3 });
        let uniform = BaseRule::Uniform.score(&Evidence {
            likes: Some(251),
            ..Evidence::default()
        });
        assert_eq!(uniform.0, BaseScore::NEUTRAL);
    }

    #[test]
    fn the_rule_describes_itself_with_its_table() {
        let text = likes_rule().describe();
        assert!(text.contains("0.5 + 0.5 * likes / (most + 1)"), "{text}");
        assert!(
            text.contains("the default table (HighlyLiked 0.75, "),
            "{text}"
        );
        assert_eq!(
            BaseRule::Uniform.describe(),
            "base scores uniform: every claim 0.5"
        );
    }

    #[test]
    fn a_table_file_is_read_with_spaces_in_words_and_refused_where_wrong() {
        let table = PopularityTable::parse("t.txt", "# c\n0.6 many likes\n  0.9\t高赞\n").unwrap();
        assert_eq!(table.get("many likes").map(BaseScore::get), Some(0.6));
        assert_eq!(table.get("高赞").map(BaseScore::get), Some(0.9));
        let check = |text: &str, expected: &str| {
            let error = PopularityTable::parse("t.txt", text).unwrap_err();
            assert_eq!(error.to_string(), expected);
        };
        check(
            "1.5 x\n",
            "t.txt:1:1: expected a base score from 0 to 1, found \"1.5\"",
        );
        check(
            "0.5 x\n  0.7   \n",
            "t.txt:2:9: expected a level or word after the score",
        );
        check(
            "0.5 高赞\n0.6 高赞\n",
            "t.txt:2:5: level \"高赞\" is given twice (first on line 1)",
        );
    }
}
