//! Label suggestions: cue words of the analyst's labels found in a text. Matching is on folded
//! text (harakat, hamza and final-letter variants ignored) at word boundaries, so "مثمرا" and
//! "مُثمِراً" both suggest "productive". Suggestions are only offers: nothing is stored until the
//! analyst accepts one.

use aho_corasick::{AhoCorasick, MatchKind};

use super::normalize::fold;

/// A label's cue words, as given to [`CueMatcher::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelCues {
    pub label: i64,
    pub words: Vec<String>,
}

/// One cue word found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueHit {
    pub label: i64,
    /// The cue word as the analyst wrote it in the label.
    pub cue: String,
    /// Byte range of the match in the original text.
    pub start: usize,
    pub end: usize,
}

/// Finds the cue words of many labels in one pass.
pub struct CueMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: (label, cue as written).
    patterns: Vec<(i64, String)>,
}

impl CueMatcher {
    pub fn new(labels: &[LabelCues]) -> CueMatcher {
        let mut folded = Vec::new();
        let mut patterns = Vec::new();
        for label in labels {
            for word in &label.words {
                let key = fold(word.trim());
                if !key.is_empty() {
                    folded.push(key);
                    patterns.push((label.label, word.trim().to_string()));
                }
            }
        }
        let automaton = (!folded.is_empty())
            .then(|| AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&folded).ok())
            .flatten();
        CueMatcher { automaton, patterns }
    }

    /// Every cue word in `text`, in text order. A cue must be a whole word, allowing the
    /// Arabic conjunctions and prepositions glued in front (و ف ب ل ك).
    pub fn find(&self, text: &str) -> Vec<CueHit> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        // Fold character by character, remembering where each folded byte came from.
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            let f = fold(c.encode_utf8(&mut [0; 4]));
            for _ in 0..f.len() {
                origin.push(i);
            }
            folded.push_str(&f);
        }
        origin.push(text.len());
        let mut hits = Vec::new();
        for m in automaton.find_iter(&folded) {
            let before = folded[..m.start()].chars().rev().find(|c| !super::normalize::is_arabic_mark(*c));
            let after = folded[m.end()..].chars().next();
            let glued_clitic = before.is_some_and(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')) && {
                let prefix_start = folded[..m.start()].trim_end_matches(['و', 'ف', 'ب', 'ل', 'ك']);
                prefix_start.chars().next_back().is_none_or(|c| !c.is_alphanumeric())
            };
            let starts_word = before.is_none_or(|c| !c.is_alphanumeric()) || glued_clitic;
            let ends_word = after.is_none_or(|c| !c.is_alphanumeric());
            if starts_word && ends_word {
                let (label, cue) = &self.patterns[m.pattern().as_usize()];
                let end = origin[m.end()];
                // Keep harakat that belong to the last letter inside the range.
                let end = text[end..]
                    .char_indices()
                    .find(|(_, c)| !super::normalize::is_arabic_mark(*c))
                    .map_or(text.len(), |(j, _)| end + j);
                hits.push(CueHit { label: *label, cue: cue.clone(), start: origin[m.start()], end });
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> CueMatcher {
        CueMatcher::new(&[
            LabelCues { label: 1, words: vec!["مثمر".into(), "مثمرا".into(), "productive".into()] },
            LabelCues { label: 2, words: vec!["ودية حقا".into(), "ودية".into(), "friendly".into()] },
        ])
    }

    #[test]
    fn finds_cues_across_spellings_and_clitics() {
        let text = "كان الاجتماع مُثمِراً، وجعل مناقشاتهما \"ودية حقا\" وبمثمر.";
        let hits = matcher().find(text);
        let found: Vec<(i64, &str, &str)> =
            hits.iter().map(|h| (h.label, h.cue.as_str(), &text[h.start..h.end])).collect();
        assert_eq!(found, vec![(1, "مثمرا", "مُثمِراً"), (2, "ودية حقا", "ودية حقا"), (1, "مثمر", "مثمر")]);
    }

    #[test]
    fn whole_words_only_and_case_insensitive() {
        let text = "A Productive meeting; unproductive talks; friendlyish; FRIENDLY.";
        let hits = matcher().find(text);
        let found: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(found, vec!["Productive", "FRIENDLY"]);
        assert!(CueMatcher::new(&[]).find(text).is_empty());
    }
}
