//! Arabic proclitics: the conjunctions و ف, the prepositions ب ل ك and the article ال, which
//! are written glued to the next word ("وكييف", "بالبيت", "لأوكرانيا", "للأمم").
//!
//! Everything here works on folded text ([`crate::nlp::normalize::fold_token`]), where hamza
//! forms are already plain alef, so "لأوكرانيا" is "لاوكرانيا".

use crate::nlp::normalize::fold_token;

/// One way to read a folded word as clitics + stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segmentation {
    /// Characters of the folded word that are clitics outside the name.
    pub prefix_chars: usize,
    /// The word without those clitics, with the article restored where "لل" swallowed its
    /// alef ("للامم" -> "الامم").
    pub stem: String,
    /// True when the stripped prefix is only و/ف/ب/ل/ك (no article involved).
    pub bare: bool,
}

/// Clitic prefixes that may precede a bare noun or name, longest first.
const BARE_PREFIXES: &[&str] = &["وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"];
/// Clitics that precede the article: the article stays part of the name ("بالبيت" -> "البيت").
const BEFORE_ARTICLE: &[&str] = &["وبال", "وكال", "فبال", "فكال", "وال", "فال", "بال", "كال"];
/// "ل" + article loses the article's alef: "للامم" is "ل" + "الامم".
const LAM_ARTICLE: &[&str] = &["ولل", "فلل", "لل"];

/// Shortest stem (in characters) that a prefix may leave.
const MIN_STEM: usize = 2;

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// All readings of `folded` with a clitic prefix stripped (the unsegmented word excluded),
/// longest prefix first.
pub fn segmentations(folded: &str) -> Vec<Segmentation> {
    let mut out = Vec::new();
    if !folded.chars().next().is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
        return out;
    }
    for p in LAM_ARTICLE {
        if let Some(rest) = folded.strip_prefix(p)
            && char_len(rest) >= MIN_STEM
        {
            out.push(Segmentation { prefix_chars: char_len(p), stem: format!("ال{rest}"), bare: false });
        }
    }
    for p in BEFORE_ARTICLE {
        if let Some(rest) = folded.strip_prefix(p)
            && char_len(rest) >= MIN_STEM
        {
            out.push(Segmentation { prefix_chars: char_len(p) - 2, stem: format!("ال{rest}"), bare: false });
        }
    }
    for p in BARE_PREFIXES {
        if let Some(rest) = folded.strip_prefix(p)
            && char_len(rest) >= MIN_STEM
            && !out.iter().any(|s| s.stem == rest)
        {
            out.push(Segmentation { prefix_chars: char_len(p), stem: rest.to_string(), bare: true });
        }
    }
    out
}

/// The word with every clitic and the article removed ("وبالبيت" -> "بيت"), for context
/// features and trigger words, where over-stripping a name now and then does little harm.
pub fn core(folded: &str) -> &str {
    for p in LAM_ARTICLE.iter().chain(BEFORE_ARTICLE).chain(["ال"].iter()) {
        if let Some(rest) = folded.strip_prefix(p)
            && char_len(rest) >= MIN_STEM
        {
            return rest;
        }
    }
    let mut w = folded;
    // A conjunction, then a preposition, each only when a real word is left.
    for (letters, min_left) in [(&["و", "ف"][..], 3), (&["ب", "ل", "ك"][..], 4)] {
        if let Some(rest) = letters.iter().find_map(|p| w.strip_prefix(p))
            && char_len(rest) >= min_left
        {
            w = rest;
        }
    }
    w
}

/// A consonantal skeleton for matching spelling variants: the folded word without its
/// article and without inner long vowels, so "الاميركي" and "الامريكي" both give "مرك".
pub fn skeleton(folded: &str) -> String {
    let w = folded.strip_prefix("ال").filter(|r| char_len(r) >= 2).unwrap_or(folded);
    let mut out = String::with_capacity(w.len());
    for (i, c) in w.chars().enumerate() {
        if i > 0 && matches!(c, 'ا' | 'و' | 'ي' | 'ه') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Chooses how much of an entity's first word is clitic, given how strongly each reading is
/// attested (`evidence`: counts from the lexicon, gazetteers and the same text). Returns the
/// number of folded characters to leave outside the mention, and the stem, or `None` to keep
/// the word whole.
pub fn strip_for_mention(folded: &str, evidence: impl Fn(&str) -> f32) -> Option<Segmentation> {
    let whole = evidence(folded);
    let mut best: Option<(f32, Segmentation)> = None;
    for seg in segmentations(folded) {
        let stem_len = char_len(&seg.stem);
        let e = evidence(&seg.stem);
        let accept = if !seg.bare {
            // An article after a clitic is almost never the start of a name ("والتر" aside,
            // whose stem is too short to pass).
            stem_len >= 4 && e >= whole
        } else if e > whole || (e == whole && e > 0.0) {
            // A tie between attested readings goes to the clitic: "وكوشنر" twice and
            // "كوشنر" once in a text is the conjunction before a surname.
            true
        } else {
            // Neither reading is known: a leading و is the conjunction far more often than
            // the start of a name (and "وو" is never a name), the others are too ambiguous.
            e == 0.0 && whole == 0.0 && seg.prefix_chars == 1 && folded.starts_with('و') && stem_len >= 4
        };
        if accept && best.as_ref().is_none_or(|(b, _)| e > *b) {
            best = Some((e, seg));
        }
    }
    best.map(|(_, s)| s)
}

/// Byte offset in the original `token` after its first `folded_chars` folded characters,
/// skipping marks that belong to the last stripped letter.
pub fn original_offset(token: &str, folded_chars: usize) -> usize {
    let mut seen = 0;
    let mut buf = [0u8; 4];
    for (i, c) in token.char_indices() {
        let n = char_len(&fold_token(c.encode_utf8(&mut buf)));
        if seen >= folded_chars && n > 0 {
            return i;
        }
        seen += n;
    }
    token.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(words: &'static [&'static str]) -> impl Fn(&str) -> f32 {
        move |w| if words.contains(&w) { 1.0 } else { 0.0 }
    }

    #[test]
    fn lists_readings() {
        let segs = segmentations("وبالبيت");
        assert_eq!(segs[0], Segmentation { prefix_chars: 2, stem: "البيت".into(), bare: false });
        let segs = segmentations("للامم");
        assert_eq!(segs[0].stem, "الامم");
        assert_eq!(segs[0].prefix_chars, 2);
        assert!(segmentations("ab").is_empty());
    }

    #[test]
    fn strips_known_stems_and_keeps_known_words() {
        let ev = known(&["كييف", "واشنطن", "بوتين", "اوكرانيا"]);
        assert_eq!(strip_for_mention("وكييف", &ev).map(|s| s.stem), Some("كييف".into()));
        assert_eq!(strip_for_mention("لاوكرانيا", &ev).map(|s| s.prefix_chars), Some(1));
        assert_eq!(strip_for_mention("واشنطن", &ev), None);
        assert_eq!(strip_for_mention("بوتين", &ev), None);
        // Unknown names: the article combo and a leading و go, other letters stay.
        assert_eq!(strip_for_mention("بالبيت", &ev).map(|s| s.stem), Some("البيت".into()));
        assert_eq!(strip_for_mention("وويتكوف", &ev).map(|s| s.stem), Some("ويتكوف".into()));
        assert_eq!(strip_for_mention("بريطانيا", &ev), None);
        // Equal evidence: the clitic reading wins.
        let tie = |w: &str| if w == "وكوشنر" || w == "كوشنر" { 1.0 } else { 0.0 };
        assert_eq!(strip_for_mention("وكوشنر", tie).map(|s| s.stem), Some("كوشنر".into()));
    }

    #[test]
    fn maps_folded_offsets_back_with_marks() {
        assert_eq!(original_offset("وَكييف", 1), "وَ".len());
        assert_eq!(original_offset("لأوكرانيا", 1), "ل".len());
    }

    #[test]
    fn skeleton_and_core_unify_variants() {
        assert_eq!(skeleton("الاميركي"), skeleton("الامريكي"));
        assert_eq!(core("والرييس"), "رييس");
        assert_eq!(core("وكييف"), "كييف");
    }
}
