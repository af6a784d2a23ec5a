//! Analyst watchlists: names (with aliases) that must always be found.
//!
//! Names are matched with Aho–Corasick over the folded tokens of the text joined by single
//! spaces, so spelling variants (hamza forms, final ى/ي, harakat, case) match, and a match may
//! begin after a glued Arabic clitic ("وويتكوف" finds "ويتكوف").

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use super::clitics::{original_offset, segmentations};
use super::tokens::{NerToken, tokenize};
use crate::model::EntityType;

/// One monitored entity: its name (used as the canonical name), type and other names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchEntry {
    pub name: String,
    pub entity_type: EntityType,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A watchlist name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WatchHit {
    /// First and last token (inclusive) of the match.
    pub first: usize,
    pub last: usize,
    /// Byte range of the name, clitic excluded.
    pub start: usize,
    pub end: usize,
    /// Index of the entry in [`Watchlist::entries`].
    pub entry: usize,
}

#[derive(Default, Clone)]
pub struct Watchlist {
    entries: Vec<WatchEntry>,
    /// Entry index of each pattern.
    pattern_entry: Vec<usize>,
    matcher: Option<AhoCorasick>,
}

/// The folded tokens of a name joined by spaces: the form patterns and texts are compared in.
fn folded_form(name: &str) -> String {
    tokenize(name).iter().map(|t| variant_form(&t.folded)).collect::<Vec<_>>().join(" ")
}

/// Spelling variants that folding leaves apart, unified: "أميركي" and "أمريكي" (Levantine
/// and Egyptian spellings of "American") are both written "امريكي". The rewrite keeps the
/// byte length, so offsets into the joined text still map back to the tokens.
fn variant_form(folded: &str) -> String {
    folded.replace("يرك", "ريك")
}

impl Watchlist {
    pub fn entries(&self) -> &[WatchEntry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds entries and rebuilds the matcher.
    pub fn add(&mut self, entries: &[WatchEntry]) {
        self.entries.extend_from_slice(entries);
        let mut patterns = Vec::new();
        self.pattern_entry.clear();
        for (i, e) in self.entries.iter().enumerate() {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let p = folded_form(name);
                if !p.is_empty() {
                    patterns.push(p);
                    self.pattern_entry.push(i);
                }
            }
        }
        self.matcher = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok();
    }

    /// All non-overlapping matches in `tokens` (the tagger tokens of `text`), longest first.
    pub fn find(&self, text: &str, tokens: &[NerToken]) -> Vec<WatchHit> {
        let Some(matcher) = &self.matcher else { return Vec::new() };
        let mut joined = String::new();
        let mut starts = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 {
                joined.push(' ');
            }
            starts.push(joined.len());
            joined.push_str(&variant_form(&t.folded));
        }
        let mut hits = Vec::new();
        for m in matcher.find_overlapping_iter(&joined) {
            let first = starts.partition_point(|&s| s <= m.start()) - 1;
            let last = starts.partition_point(|&s| s < m.end()) - 1;
            if starts[last] + tokens[last].folded.len() != m.end() {
                continue;
            }
            let tok = &tokens[first];
            let prefix_chars = joined[starts[first]..m.start()].chars().count();
            if prefix_chars > 0 && !segmentations(&tok.folded).iter().any(|s| s.prefix_chars == prefix_chars) {
                continue;
            }
            let start = tok.start + original_offset(tok.text(text), prefix_chars);
            hits.push(WatchHit {
                first,
                last,
                start,
                end: tokens[last].end,
                entry: self.pattern_entry[m.pattern().as_usize()],
            });
        }
        hits.sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start));
        let mut chosen: Vec<WatchHit> = Vec::new();
        for h in hits {
            if chosen.iter().all(|c| h.end <= c.start || h.start >= c.end) {
                chosen.push(h);
            }
        }
        chosen.sort_by_key(|h| h.start);
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Watchlist {
        let mut w = Watchlist::default();
        w.add(&[
            WatchEntry {
                name: "ستيف ويتكوف".into(), entity_type: EntityType::Person, aliases: vec!["ويتكوف".into()]
            },
            WatchEntry { name: "Acme Corp".into(), entity_type: EntityType::Org, aliases: vec![] },
        ]);
        w
    }

    #[test]
    fn matches_through_clitics_and_variants() {
        let text = "التقى وويتكوف بالمبعوث، ثم قال ستيفْ ويتكوف";
        let toks = tokenize(text);
        let hits = list().find(text, &toks);
        let found: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(found, vec!["ويتكوف", "ستيفْ ويتكوف"]);
    }

    #[test]
    fn matches_whole_tokens_only() {
        let text = "ACME CORP shares; Acme Corporation is different";
        let toks = tokenize(text);
        let hits = list().find(text, &toks);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].start..hits[0].end], "ACME CORP");
    }
}
