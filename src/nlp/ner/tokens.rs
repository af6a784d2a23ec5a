//! Tokenization for the tagger, shaped like the training corpora.
//!
//! CoNLL and ANERcorp tokens are whitespace words with punctuation split off, except that
//! abbreviations keep their periods ("U.S.", "Mr.") and ANERcorp keeps Arabic clitics glued
//! ("وألمانيا"). The tagger sees the same kind of token at run time as in training, so this
//! is not the general [`crate::nlp::tokenize`] tokenizer (which splits "U.S." into four).

use crate::nlp::normalize::{fold_token, is_arabic_letter, is_arabic_mark};

/// A token of the tagger: byte range into the text and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerToken {
    pub start: usize,
    pub end: usize,
    /// [`fold_token`] of the text: no marks or tatweel, unified letters, lower case.
    pub folded: String,
}

impl NerToken {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// Which of the two tagging models reads a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Arabic,
    Latin,
}

/// Abbreviations whose final period belongs to the word (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "vs", "gen", "sen", "rep", "gov",
    "lt", "col", "capt", "sgt", "prof", "mt", "ft", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "bros", "messrs",
];

fn is_word_char(c: char) -> bool {
    crate::nlp::normalize::is_letter_or_digit(c) || is_arabic_mark(c) || c == '\u{0640}'
}

/// "U.S.", "U.N.", "M." : single letters each followed by a period.
fn is_initialism(word: &str) -> bool {
    let mut chars = word.chars();
    let mut letters = 0;
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return letters > 0,
            (Some(l), Some('.')) if l.is_alphabetic() => letters += 1,
            _ => return false,
        }
    }
}

fn keeps_final_period(core: &str) -> bool {
    if is_initialism(core) {
        return true;
    }
    let bare = &core[..core.len() - 1];
    !bare.is_empty()
        && bare.chars().all(|c| c.is_ascii_alphabetic())
        && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(bare))
}

/// English contractions and the possessive, which CoNLL keeps as tokens of their own.
const CLITIC_SUFFIXES: &[&str] = &["'s", "'S", "’s", "n't", "'re", "'m", "'ll", "'ve", "'d"];

/// Splits `text` into tagger tokens.
pub fn tokenize(text: &str) -> Vec<NerToken> {
    let mut spans = Vec::with_capacity(text.len() / 5);
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut spans);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut spans);
    }
    spans.into_iter().map(|(start, end)| NerToken { start, end, folded: fold_token(&text[start..end]) }).collect()
}

fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let chunk = &text[start..end];
    if !chunk.chars().any(is_word_char) || CLITIC_SUFFIXES.contains(&chunk) {
        out.push((start, end));
        return;
    }
    // Leading punctuation, one token per character.
    let mut s = start;
    for c in chunk.chars() {
        if is_word_char(c) {
            break;
        }
        out.push((s, s + c.len_utf8()));
        s += c.len_utf8();
    }
    // Trailing punctuation, collected from the end.
    let mut e = end;
    let mut trailing = Vec::new();
    while e > s {
        let c = text[s..e].chars().next_back().unwrap_or(' ');
        if is_word_char(c) {
            break;
        }
        if c == '.' && keeps_final_period(&text[s..e]) {
            break;
        }
        trailing.push((e - c.len_utf8(), e));
        e -= c.len_utf8();
    }
    // The possessive and contractions: "Germany's" -> "Germany" "'s".
    let core = &text[s..e];
    let mut suffix = None;
    for suf in CLITIC_SUFFIXES {
        if core.len() > suf.len() && core.ends_with(suf) {
            suffix = Some((e - suf.len(), e));
            e -= suf.len();
            break;
        }
    }
    if e > s {
        out.push((s, e));
    }
    out.extend(suffix);
    out.extend(trailing.into_iter().rev());
}

/// Splits a token list into sentences: at line breaks in the text and after sentence-final
/// punctuation. Returns token index ranges.
pub fn sentences(text: &str, tokens: &[NerToken]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let final_punct = matches!(t.text(text), "." | "?" | "!" | "؟");
        let next_on_new_line = tokens.get(i + 1).is_some_and(|n| text[t.end..n.start].contains('\n'));
        let next_is_punct =
            tokens.get(i + 1).is_some_and(|n| matches!(n.text(text), "." | "?" | "!" | "؟" | "\"" | "»" | "”"));
        if next_on_new_line || (final_punct && !next_is_punct) || i + 1 == tokens.len() {
            out.push(begin..i + 1);
            begin = i + 1;
        }
    }
    out
}

/// The script of a sentence: Arabic when it has at least as many Arabic letters as Latin ones.
pub fn script_of(text: &str, tokens: &[NerToken]) -> Script {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for t in tokens {
        for c in t.text(text).chars() {
            if is_arabic_letter(c) {
                arabic += 1;
            } else if c.is_alphabetic() {
                latin += 1;
            }
        }
    }
    if arabic >= latin && arabic > 0 { Script::Arabic } else { Script::Latin }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn keeps_abbreviations_and_splits_punctuation() {
        assert_eq!(
            words("Mr. Trump (R) visited the U.S. on Monday."),
            vec!["Mr.", "Trump", "(", "R", ")", "visited", "the", "U.S.", "on", "Monday", "."]
        );
        assert_eq!(words("Germany's \"view\""), vec!["Germany", "'s", "\"", "view", "\""]);
        assert_eq!(words("1,000 -- Day-Lewis"), vec!["1,000", "--", "Day-Lewis"]);
    }

    #[test]
    fn arabic_keeps_clitics_and_splits_commas() {
        assert_eq!(words("وكييف، «بوتين»."), vec!["وكييف", "،", "«", "بوتين", "»", "."]);
    }

    #[test]
    fn sentences_break_at_lines_and_periods() {
        let text = "A b . C d\nE f";
        let toks = tokenize(text);
        assert_eq!(sentences(text, &toks), vec![0..3, 3..5, 5..7]);
    }

    #[test]
    fn detects_script() {
        let t = "قال ترامب today";
        assert_eq!(script_of(t, &tokenize(t)), Script::Arabic);
        let t = "Trump said";
        assert_eq!(script_of(t, &tokenize(t)), Script::Latin);
    }
}
