//! Pairing quotation marks into quoted spans.
//!
//! Curly marks say which side they are on; straight `"` and `'` do not, so their side is read
//! from the neighbouring characters (a space before and a letter after opens). News convention
//! leaves a quotation open at the end of a paragraph and reopens the mark at the start of the
//! next one while the same person keeps talking; such a reopening mark continues the quote
//! instead of starting a new one. Only outermost quotations are returned: a quote inside a
//! quote is part of the speaker's words.

/// One quoted span: byte offsets of the opening and closing marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkSpan {
    pub open: usize,
    pub open_len: usize,
    pub close: usize,
    pub close_len: usize,
}

impl MarkSpan {
    /// The quoted words, between the marks.
    pub fn content(&self) -> (usize, usize) {
        (self.open + self.open_len, self.close)
    }

    /// The marks included.
    pub fn outer(&self) -> (usize, usize) {
        (self.open, self.close + self.close_len)
    }
}

/// Mark families: a closing mark only closes an opening mark of its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Guillemet,
    SingleGuillemet,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Open,
    Close,
    /// Straight marks and marks used both ways: decided by context.
    Either,
}

fn mark(c: char) -> Option<(Family, Side)> {
    Some(match c {
        '“' | '„' | '‟' => (Family::Double, Side::Open),
        '”' => (Family::Double, Side::Close),
        '"' | '＂' => (Family::Double, Side::Either),
        '«' => (Family::Guillemet, Side::Open),
        '»' => (Family::Guillemet, Side::Close),
        '‹' => (Family::SingleGuillemet, Side::Open),
        '›' => (Family::SingleGuillemet, Side::Close),
        '‘' | '‚' => (Family::Single, Side::Open),
        '’' => (Family::Single, Side::Close),
        '\'' => (Family::Single, Side::Either),
        _ => return None,
    })
}

fn is_open_context(c: char) -> bool {
    c.is_whitespace() || "([{—–-/:،,".contains(c) || mark(c).is_some()
}

fn is_close_context(c: char) -> bool {
    c.is_whitespace() || ".,;:!?؟،؛)]}—–-…".contains(c) || mark(c).is_some()
}

/// Returns quoted spans, in text order, outermost only.
pub fn find(text: &str) -> Vec<MarkSpan> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans = Vec::new();
    // Open marks, outermost first: (byte offset, length, family, opening char).
    let mut stack: Vec<(usize, usize, Family, char)> = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c == '\n' && !stack.is_empty() {
            // A paragraph break inside a quotation: it continues only when the next paragraph
            // reopens with a mark of the outer family; otherwise the quotation was never closed.
            let next = chars[k + 1..].iter().map(|&(_, d)| d).find(|d| !d.is_whitespace());
            let outer = stack[0].2;
            let reopens = next.and_then(mark).is_some_and(|(f, s)| f == outer && s != Side::Close);
            if !reopens {
                stack.clear();
            }
            continue;
        }
        let Some((family, side)) = mark(c) else { continue };
        let prev = if k == 0 { None } else { Some(chars[k - 1].1) };
        let next = chars.get(k + 1).map(|&(_, d)| d);
        let open_ctx = prev.is_none_or(is_open_context) && next.is_some_and(|d| !d.is_whitespace());
        let close_ctx = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(is_close_context);
        // Single straight marks double as apostrophes: only clear cases count.
        if family == Family::Single {
            let letter_before = prev.is_some_and(char::is_alphanumeric);
            let letter_after = next.is_some_and(char::is_alphanumeric);
            if letter_before && letter_after {
                continue; // don't, D'Souza
            }
            if c == '’' && letter_before && !stack.iter().any(|s| s.2 == Family::Single) {
                continue; // farmers’ (possessive) with no single quote open
            }
            if c == '\'' && !open_ctx && !close_ctx {
                continue;
            }
        }
        let open_depth = stack.iter().position(|s| s.2 == family);
        let closes = match side {
            Side::Close => true,
            Side::Open => stack.get(open_depth.unwrap_or(usize::MAX)).is_some_and(|s| s.3 == '„' || s.3 == '‚'),
            Side::Either => close_ctx || !open_ctx,
        };
        // "”" and "»" also open, in the styles that use them on both sides ”…” / »…«.
        let opens = match side {
            Side::Open => true,
            Side::Close => open_depth.is_none() && open_ctx && !close_ctx,
            Side::Either => open_ctx,
        };
        match open_depth {
            // A straight mark that only looks like an opener reopens instead of closing.
            Some(d) if closes && (close_ctx || !opens) => {
                let (start, len, _, _) = stack[d];
                stack.truncate(d);
                if stack.is_empty() {
                    spans.push(MarkSpan { open: start, open_len: len, close: i, close_len: c.len_utf8() });
                }
            }
            Some(_) => {
                // A mark of the open family that looks like an opener reopens the same quotation
                // (the paragraph-continuation convention), so it is part of the content.
            }
            None if opens => {
                if family == Family::Single && !stack.is_empty() {
                    // Single marks nested in a double quotation are the speaker's own quotes;
                    // they are content and need no pairing.
                    continue;
                }
                stack.push((i, c.len_utf8(), family, c));
            }
            None => {}
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        find(text).iter().map(|s| &text[s.content().0..s.content().1]).collect()
    }

    #[test]
    fn curly_straight_and_guillemets() {
        assert_eq!(contents("He said “we will win” today."), vec!["we will win"]);
        assert_eq!(contents("He said \"we will win,\" then \"left\"."), vec!["we will win,", "left"]);
        assert_eq!(contents("وقال «مفيدة للغاية» أمس"), vec!["مفيدة للغاية"]);
        assert_eq!(contents("Sie sagte „wir gewinnen“ heute."), vec!["wir gewinnen"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(contents("Mr D'Souza's film isn't the farmers’ choice."), Vec::<&str>::new());
        assert_eq!(contents("an 'A' certificate"), vec!["A"]);
    }

    #[test]
    fn reopened_mark_continues_the_quote() {
        // Paragraphs joined, as in scraped text, and with the line breaks kept.
        let joined = "adding: \"He went beyond. \"You could see it. \"It's a day.\" The move";
        assert_eq!(contents(joined), vec!["He went beyond. \"You could see it. \"It's a day."]);
        let paras = "“First part.\n“Second part.” He left.";
        assert_eq!(contents(paras), vec!["First part.\n“Second part."]);
    }

    #[test]
    fn unclosed_quote_ends_at_paragraph() {
        assert_eq!(contents("He said \"oops\nNext \"fine\" here"), vec!["fine"]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(contents("«قال لي “لا” ثم ذهب»"), vec!["قال لي “لا” ثم ذهب"]);
    }
}
