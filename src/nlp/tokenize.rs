//! Word tokenization with byte offsets.
//!
//! A token is a run of letters, marks and digits (with inner apostrophes, hyphens and
//! decimal points kept, so "D'Souza", "Day-Lewis" and "47.3" stay whole), or a single
//! punctuation character. Arabic clitics stay attached: splitting them is the tagger's
//! job, because only it knows whether "وكييف" is "و + كييف".

/// A token: its byte range in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

fn is_word_char(c: char) -> bool {
    super::normalize::is_letter_or_digit(c)
        || super::normalize::is_arabic_mark(c)
        || c == '\u{0640}'
        || c == '\u{200C}'
        || c == '\u{200D}'
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | ',' | '‑')
}

/// Splits `text` into tokens. Whitespace separates tokens and is never part of one.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token { start: i, end: i + c.len_utf8() });
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut prev = c;
        while let Some(&(j, d)) = chars.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                prev = d;
                chars.next();
                continue;
            }
            // A joiner stays inside a word only between two word characters of the right kind:
            // "47.3" and "1,000" (digits), "D'Souza" and "Day-Lewis" (letters).
            if is_joiner(d) {
                let rest = &text[j + d.len_utf8()..];
                if let Some(next) = rest.chars().next() {
                    let numeric = matches!(d, '.' | ',') && prev.is_numeric() && next.is_numeric();
                    let wordy = matches!(d, '\'' | '’' | '-' | '‑') && prev.is_alphabetic() && next.is_alphabetic();
                    if numeric || wordy {
                        chars.next();
                        end = j + d.len_utf8();
                        continue;
                    }
                }
            }
            break;
        }
        tokens.push(Token { start: i, end });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_punctuation_and_keeps_inner_joiners() {
        assert_eq!(
            words("Mr D'Souza, 47.3% of £1,000."),
            vec!["Mr", "D'Souza", ",", "47.3", "%", "of", "£", "1,000", "."]
        );
        assert_eq!(words("Daniel Day-Lewis said: \"no\""), vec!["Daniel", "Day-Lewis", "said", ":", "\"", "no", "\""]);
    }

    #[test]
    fn arabic_words_keep_marks_and_clitics() {
        assert_eq!(words("وقال بوتين: «مفيدة للغاية»."), vec!["وقال", "بوتين", ":", "«", "مفيدة", "للغاية", "»", "."]);
        assert_eq!(words("يُنهي الـ 5 ساعات؟"), vec!["يُنهي", "الـ", "5", "ساعات", "؟"]);
    }

    #[test]
    fn offsets_slice_the_source() {
        let text = "  ترامب  said ";
        for t in tokenize(text) {
            assert!(!t.text(text).trim().is_empty());
        }
        assert_eq!(tokenize("").len(), 0);
    }
}
