//! The text as the quotation rules see it: tokens with their folded forms, quoted spans, and
//! sentences and paragraphs as token ranges.
//!
//! Sentences are cut at terminal punctuation and line breaks, but never inside a quotation:
//! a speaker's words may hold several sentences, and the attribution ("… ," he said) belongs to
//! the sentence that holds the whole quotation.

use std::ops::Range;

use super::lexicon;
use super::marks::{self, MarkSpan};
use crate::nlp::normalize::{fold_token, is_arabic_letter};
use crate::nlp::tokenize::tokenize;

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub raw: &'a str,
    /// [`fold_token`] form: Arabic letter variants unified, Latin lower-cased.
    pub fold: String,
}

impl Tok<'_> {
    pub fn is_punct(&self) -> bool {
        !self.raw.chars().next().is_some_and(char::is_alphanumeric)
    }

    pub fn is_arabic(&self) -> bool {
        self.raw.chars().any(is_arabic_letter)
    }

    /// Starts with an upper-case letter (Latin script).
    pub fn is_capitalised(&self) -> bool {
        self.raw.chars().next().is_some_and(char::is_uppercase)
    }
}

/// A quoted span, with the tokens of its two marks.
#[derive(Debug, Clone, Copy)]
pub struct Quoted {
    pub span: MarkSpan,
    pub open_tok: usize,
    pub close_tok: usize,
}

pub struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok<'a>>,
    pub quoted: Vec<Quoted>,
    /// Sentence number of each token.
    pub sent_of: Vec<usize>,
    pub sents: Vec<Range<usize>>,
    /// Paragraph number of each token.
    pub para_of: Vec<usize>,
    /// Index into `quoted` of the quotation whose content holds each token, if any.
    pub inside_quote: Vec<Option<usize>>,
    /// Index into `quoted` of the quotation opening / closing at each token.
    opens: Vec<Option<usize>>,
    closes: Vec<Option<usize>>,
}

const TERMINAL: &[&str] = &[".", "!", "?", "؟", "…"];

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let toks: Vec<Tok> = tokenize(text)
            .into_iter()
            .map(|t| {
                let raw = &text[t.start..t.end];
                Tok { start: t.start, end: t.end, raw, fold: fold_token(raw) }
            })
            .collect();
        let tok_at = |byte: usize| toks.binary_search_by(|t| t.start.cmp(&byte)).ok();
        let quoted: Vec<Quoted> = marks::find(text)
            .into_iter()
            .filter_map(|span| {
                let open_tok = tok_at(span.open)?;
                let close_tok = tok_at(span.close)?;
                (close_tok > open_tok + 1).then_some(Quoted { span, open_tok, close_tok })
            })
            .collect();
        let mut inside_quote = vec![None; toks.len()];
        let mut opens = vec![None; toks.len()];
        let mut closes = vec![None; toks.len()];
        for (qi, q) in quoted.iter().enumerate() {
            for slot in &mut inside_quote[q.open_tok + 1..q.close_tok] {
                *slot = Some(qi);
            }
            opens[q.open_tok] = Some(qi);
            closes[q.close_tok] = Some(qi);
        }
        let mut doc = Doc {
            text,
            toks,
            quoted,
            sent_of: Vec::new(),
            sents: Vec::new(),
            para_of: Vec::new(),
            inside_quote,
            opens,
            closes,
        };
        doc.segment();
        doc
    }

    fn line_break_after(&self, i: usize) -> bool {
        match self.toks.get(i + 1) {
            Some(next) => self.text[self.toks[i].end..next.start].contains('\n'),
            None => true,
        }
    }

    fn is_close_mark(&self, i: usize) -> bool {
        self.closes.get(i).is_some_and(Option::is_some)
    }

    /// A lower-case Latin word or a comma follows: the sentence goes on ("…?" he asked).
    fn continues_after(&self, i: usize) -> bool {
        self.toks.get(i + 1).is_some_and(|n| {
            n.raw.chars().next().is_some_and(|c| c.is_lowercase() && c.is_ascii()) || matches!(n.raw, "," | "،")
        })
    }

    fn segment(&mut self) {
        let n = self.toks.len();
        self.sent_of = vec![0; n];
        self.para_of = vec![0; n];
        let (mut sent, mut para, mut start) = (0, 0, 0);
        for i in 0..n {
            self.sent_of[i] = sent;
            self.para_of[i] = para;
            let inside = self.inside_quote[i].is_some();
            let line_break = self.line_break_after(i);
            let raw = self.toks[i].raw;
            let after_abbreviation = raw == "." && i > 0 && lexicon::abbreviation(self.toks[i - 1].raw) && !line_break;
            let goes_on = inside || after_abbreviation || self.continues_after(i) || self.is_close_mark(i + 1);
            let terminal = TERMINAL.contains(&raw) && !goes_on;
            // A quotation ending in ".", "!" or "?" ends its sentence unless the sentence goes on.
            let quote_end =
                self.is_close_mark(i) && i > 0 && TERMINAL.contains(&self.toks[i - 1].raw) && !self.continues_after(i);
            let para_end = line_break && !inside;
            if terminal || quote_end || para_end || i + 1 == n {
                self.sents.push(start..i + 1);
                start = i + 1;
                sent += 1;
            }
            if para_end {
                para += 1;
            }
        }
    }

    pub fn sentence(&self, i: usize) -> Range<usize> {
        self.sents[self.sent_of[i]].clone()
    }

    /// Byte range from the start of token `a` to the end of token `b - 1`.
    pub fn bytes(&self, toks: Range<usize>) -> (usize, usize) {
        (self.toks[toks.start].start, self.toks[toks.end - 1].end)
    }

    #[cfg(test)]
    pub fn slice(&self, toks: Range<usize>) -> &'a str {
        let (s, e) = self.bytes(toks);
        &self.text[s..e]
    }

    /// The quotation opening at token `i`.
    pub fn quote_opening_at(&self, i: usize) -> Option<usize> {
        self.opens.get(i).copied().flatten()
    }

    /// The quotation closing at token `i`.
    pub fn quote_closing_at(&self, i: usize) -> Option<usize> {
        self.closes.get(i).copied().flatten()
    }

    /// A quoted title rather than words spoken: two or more Latin words, every long word
    /// capitalised ("State of the Union", "In The Name Of The Father").
    pub fn is_title(&self, qi: usize) -> bool {
        let q = &self.quoted[qi];
        let words: Vec<&Tok> = self.toks[q.open_tok + 1..q.close_tok].iter().filter(|t| !t.is_punct()).collect();
        words.len() >= 2
            && words.len() <= 8
            && !words.iter().any(|t| t.is_arabic())
            && words.iter().all(|t| t.is_capitalised() || t.raw.chars().count() <= 3)
            && !self.toks[q.close_tok - 1].is_punct()
    }

    /// The token holding byte offset `b` (or the first one after it).
    pub fn tok_at_byte(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.end <= b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        doc.sents.iter().map(|r| doc.slice(r.clone()).to_string()).collect()
    }

    #[test]
    fn quotes_do_not_split_sentences() {
        let s = sentences("\"It is good. It is fine,\" he said. Mr. Smith left.");
        assert_eq!(s, vec!["\"It is good. It is fine,\" he said.", "Mr. Smith left."]);
    }

    #[test]
    fn quote_ending_in_full_stop_ends_the_sentence() {
        let s = sentences("Mr Blair said: \"I am sorry.\" He made the apology.");
        assert_eq!(s, vec!["Mr Blair said: \"I am sorry.\"", "He made the apology."]);
    }

    #[test]
    fn lines_are_sentences() {
        assert_eq!(sentences("عنوان\nوقال إن ذلك صحيح. ثم"), vec!["عنوان", "وقال إن ذلك صحيح.", "ثم"]);
    }
}
