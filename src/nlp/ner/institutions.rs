//! Buildings that stand for a government ("البيت الأبيض", "البنتاغون", "الإليزيه"): ANERcorp
//! calls them MISC, which the tagger learns and the recognizer does not report, but analysts
//! follow them as organisations (and the project's article gold marks them ORG).
//!
//! Ministries ("وزارة الخارجية الأميركية") are organisations too, but ANERcorp leaves them
//! untagged; a rule for them costs about 0.2 F1 point on ANERcorp (see the README), so they are
//! left to analysts' watchlists.

use super::clitics::core;
use super::tokens::NerToken;

/// True when the chunk `first..=last` that the tagger found is one of the seats of government.
pub fn is_seat_of_government(tokens: &[NerToken], first: usize, last: usize) -> bool {
    let words: Vec<&str> = tokens[first..=last].iter().map(|t| core(&t.folded)).collect();
    matches!(words.as_slice(), ["بيت", "ابيض"] | ["بنتاغون"] | ["بنتاجون"] | ["اليزيه"])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::ner::tokens::tokenize;

    #[test]
    fn seats_of_government_are_recognised_through_clitics() {
        let tokens = tokenize("مسؤول بالبيت الأبيض والبنتاغون");
        assert!(is_seat_of_government(&tokens, 1, 2));
        assert!(is_seat_of_government(&tokens, 3, 3));
        assert!(!is_seat_of_government(&tokens, 0, 0));
        assert!(!is_seat_of_government(&tokens, 1, 1));
    }
}
