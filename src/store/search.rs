//! Turning what a user types into a safe FTS5 query.
//!
//! FTS5 has its own query language, and raw user input (`"`, `*`, `-`, `(`, `OR` at the end)
//! easily makes it fail with a syntax error. We parse the input ourselves into terms and
//! re-emit every term quoted, so the only operators that reach FTS5 are the ones we write.
//! Terms are folded exactly like the indexed text (see `nlp::normalize::fold`).

use crate::nlp::normalize::fold;

/// Why a search string yields no query. The messages are shown to users as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("type a word to search for")]
    Empty,
    #[error("add a word to search for: excluding words (-word) needs something to exclude them from")]
    OnlyExclusions,
}

#[derive(Debug, Clone, PartialEq)]
struct Term {
    /// Folded words; more than one makes a phrase.
    words: Vec<String>,
    prefix: bool,
    negated: bool,
}

impl Term {
    fn to_fts(&self) -> String {
        let phrase = self.words.join(" ").replace('"', "\"\"");
        if self.prefix { format!("\"{phrase}\"*") } else { format!("\"{phrase}\"") }
    }
}

/// Splits folded text into index words the way FTS5's unicode61 tokenizer will.
fn index_words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

enum Piece {
    Term(Term),
    Or,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '«' | '„')
}

fn closing_quote(open: char) -> char {
    match open {
        '“' | '„' => '”',
        '«' => '»',
        _ => '"',
    }
}

/// Converts user input into an FTS5 MATCH expression.
///
/// Supported: words (all must match), `"exact phrases"`, `word*` prefixes, `-word` or
/// `NOT word` exclusions, and `OR` between two terms. Anything else (parentheses, stray
/// quotes or stars, FTS5 column syntax) is treated as a separator.
pub fn fts_query(input: &str) -> Result<String, SearchError> {
    let chars: Vec<char> = input.chars().collect();
    let mut pieces = Vec::new();
    let mut negate_next = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || matches!(c, '(' | ')' | '+' | '{' | '}' | ':' | '^' | ',') {
            i += 1;
            continue;
        }
        let negated =
            std::mem::take(&mut negate_next) || (c == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace());
        if c == '-' {
            i += 1;
            if negated {
                negate_next = true;
            }
            continue;
        }
        if is_open_quote(c) {
            let close = closing_quote(c);
            if let Some(len) = chars[i + 1..].iter().position(|&d| d == close || (close == '"' && d == '”')) {
                let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                let words = index_words(&inner);
                i += len + 2;
                let prefix = chars.get(i) == Some(&'*');
                if prefix {
                    i += 1;
                }
                if !words.is_empty() {
                    pieces.push(Piece::Term(Term { words, prefix, negated }));
                }
            } else {
                // A lone quotation mark: ignore it and read on.
                i += 1;
                negate_next = negated;
            }
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !is_open_quote(chars[i]) && !matches!(chars[i], '(' | ')')
        {
            i += 1;
        }
        let raw: String = chars[start..i].iter().collect();
        match raw.as_str() {
            "OR" | "|" => {
                pieces.push(Piece::Or);
                continue;
            }
            "AND" | "&" => continue,
            "NOT" => {
                negate_next = true;
                continue;
            }
            _ => {}
        }
        let prefix = raw.ends_with('*');
        let words = index_words(raw.trim_end_matches('*'));
        if !words.is_empty() {
            // Prefix search on a one-letter stem would match half the index; drop the star.
            let prefix = prefix && words.concat().chars().count() >= 2;
            pieces.push(Piece::Term(Term { words, prefix, negated }));
        } else {
            negate_next = negated;
        }
    }

    // Group positive terms: `a OR b c` is (a OR b) AND c. An OR with no term on one side is dropped.
    let mut groups: Vec<Vec<Term>> = Vec::new();
    let mut excluded: Vec<Term> = Vec::new();
    let mut join_next = false;
    for piece in pieces {
        match piece {
            Piece::Or => join_next = !groups.is_empty(),
            Piece::Term(term) if term.negated => {
                excluded.push(term);
                join_next = false;
            }
            Piece::Term(term) => {
                match groups.last_mut() {
                    Some(group) if join_next => group.push(term),
                    _ => groups.push(vec![term]),
                }
                join_next = false;
            }
        }
    }
    if groups.is_empty() {
        return Err(if excluded.is_empty() { SearchError::Empty } else { SearchError::OnlyExclusions });
    }
    let mut query = groups
        .iter()
        .map(|group| {
            let alternatives: Vec<String> = group.iter().map(Term::to_fts).collect();
            if alternatives.len() == 1 { alternatives[0].clone() } else { format!("({})", alternatives.join(" OR ")) }
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    if !excluded.is_empty() || groups.len() > 1 {
        query = format!("({query})");
    }
    for term in excluded {
        query = format!("{query} NOT {}", term.to_fts());
    }
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_quoted_and_folded() {
        assert_eq!(fts_query("Trump").unwrap(), "\"trump\"");
        assert_eq!(fts_query("أوكرانيا  روسيا").unwrap(), "(\"اوكرانيا\" AND \"روسيا\")");
        assert_eq!(fts_query("يُنهي").unwrap(), "\"ينهي\"");
    }

    #[test]
    fn phrases_prefixes_or_and_not() {
        assert_eq!(fts_query("\"البيت الأبيض\"").unwrap(), "\"البيت الابيض\"");
        assert_eq!(fts_query("negot*").unwrap(), "\"negot\"*");
        assert_eq!(fts_query("Kyiv OR كييف").unwrap(), "(\"kyiv\" OR \"كييف\")");
        assert_eq!(fts_query("peace -Gaza").unwrap(), "(\"peace\") NOT \"gaza\"");
        assert_eq!(fts_query("peace NOT Gaza").unwrap(), "(\"peace\") NOT \"gaza\"");
    }

    #[test]
    fn hostile_input_never_fails_badly() {
        for input in [
            "\"",
            "*",
            "-",
            "OR",
            "(",
            ")",
            "a OR",
            "OR b",
            "((a",
            "a\"b",
            "NEAR(a b)",
            "title:x",
            "^a",
            "\"\"",
            "-\"x",
        ] {
            let result = fts_query(input);
            if let Ok(query) = &result {
                assert!(query.matches('"').count() % 2 == 0, "{input} -> {query}");
            }
        }
        assert_eq!(fts_query("   "), Err(SearchError::Empty));
        assert_eq!(fts_query("\""), Err(SearchError::Empty));
        assert_eq!(fts_query("-war"), Err(SearchError::OnlyExclusions));
        assert_eq!(fts_query("a\"b").unwrap(), "(\"a\" AND \"b\")");
    }

    #[test]
    fn punctuation_inside_a_word_becomes_a_phrase() {
        assert_eq!(fts_query("D'Souza").unwrap(), "\"d souza\"");
    }
}
