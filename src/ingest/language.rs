//! Language identification for whole articles.
//!
//! Marsad only needs to tell Arabic, English and "something else" apart, which letters and a
//! handful of function words do reliably on article-length text.

use crate::model::Lang;
use crate::nlp::normalize::is_arabic_letter;

const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "was", "on", "with", "he", "it", "as", "said", "by", "at",
    "are", "from", "has", "have", "be", "his", "her", "this", "an", "a", "will", "not", "but",
];

/// Detects the language of `text` from its letters and, for Latin script, its function words.
pub fn detect(text: &str) -> Lang {
    let mut arabic = 0usize;
    let mut latin = 0usize;
    let mut other = 0usize;
    for c in text.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    let letters = arabic + latin + other;
    if letters == 0 {
        return Lang::Other;
    }
    if arabic * 2 >= letters {
        return Lang::Ar;
    }
    if latin * 2 >= letters {
        let mut words = 0usize;
        let mut function = 0usize;
        for w in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            words += 1;
            let lower = w.to_ascii_lowercase();
            if ENGLISH_FUNCTION_WORDS.contains(&lower.as_str()) {
                function += 1;
            }
        }
        // Running English prose has 40-50 % function words (in this list); other Latin-script
        // languages share a few ("in", "a"). A text too short to judge is taken as English.
        if words < 8 || function * 5 >= words {
            return Lang::En;
        }
    }
    Lang::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_arabic_english_and_other_apart() {
        assert_eq!(detect("قال الرئيس الأميركي دونالد ترامب إن CNN كاذبة"), Lang::Ar);
        assert_eq!(detect("Tony Blair has apologised to two families."), Lang::En);
        assert_eq!(detect("Der Bundeskanzler sagte heute in Berlin etwas ganz anderes"), Lang::Other);
        assert_eq!(detect("Президент России"), Lang::Other);
        assert_eq!(detect("12345 !!"), Lang::Other);
    }
}
