//! Named-entity recognition: PERSON, ORG and LOC in Arabic and English.
//!
//! The pipeline, per text:
//! 1. [`tokens`]: tokens shaped like the training corpora; sentences; the script of each
//!    sentence picks the Arabic or the English model.
//! 2. [`features`] + [`model`]: hashed features scored by an averaged perceptron, decoded
//!    with Viterbi over BIO tags; then a second, document-aware stage re-tags each sentence
//!    knowing how the first stage tagged the same words elsewhere in the text (in a window of
//!    [`features::DOCUMENT_WINDOW`] sentences, so that a file of many stories is not one).
//! 3. Mentions: name particles joined ("فان نيستلروي", "محمد ولد عبد العزيز"), person titles
//!    dropped from the front, glued Arabic clitics left outside the span ([`clitics`]).
//! 4. [`propagate`], within the same windows: a name most mentions call a person is a person
//!    at all of them; in Arabic, untagged repetitions of a tagged name are found.
//! 5. Watchlist names ([`watchlist`]) replace whatever the tagger found where they overlap.
//! 6. [`aliases`]: each mention gets the fullest name of its entity in the text.
//!
//! The models are trained by `train_ner` (see [`train`]) and compiled into the binary.

pub mod aliases;
pub mod clitics;
pub mod features;
pub mod gazetteer;
pub mod hash;
mod institutions;
pub mod model;
mod propagate;
pub mod tokens;
pub mod train;
pub mod watchlist;

use std::collections::HashMap;

use self::clitics::{original_offset, strip_for_mention};
use self::features::{DocumentStats, SentenceFeatures, document_features, document_windows, extract, is_person_title};
use self::model::{LanguageModel, N_TAGS, class_of, entity_type, is_begin};
use self::tokens::{NerToken, Script, script_of, sentences, tokenize};
pub use self::watchlist::{WatchEntry, Watchlist};
use crate::model::EntityMention;

static ARABIC_MODEL: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/models/ner-ar.bin"));
static LATIN_MODEL: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/models/ner-en.bin"));

/// Finds named entities in text. Cheap to share; build once per process.
#[derive(Clone, Default)]
pub struct Recognizer {
    arabic: LanguageModel,
    latin: LanguageModel,
    watchlist: Watchlist,
    propagate: bool,
}

/// A mention while the pipeline works on it.
#[derive(Debug, Clone)]
struct Found {
    /// First and last token (inclusive).
    first: usize,
    last: usize,
    /// Byte range of the surface (clitics and titles excluded).
    start: usize,
    end: usize,
    /// 0 PER, 1 ORG, 2 LOC.
    class: usize,
    /// The name as a canonical form would show it (the article restored after "لل").
    name: String,
    /// The watchlist entry that found it.
    watch: Option<usize>,
}

impl Recognizer {
    /// The recognizer with the models compiled into the binary. A missing or unreadable
    /// model yields a recognizer that finds only watchlist names.
    pub fn bundled() -> Recognizer {
        Recognizer::from_models(
            LanguageModel::from_bytes(ARABIC_MODEL).unwrap_or_default(),
            LanguageModel::from_bytes(LATIN_MODEL).unwrap_or_default(),
        )
    }

    pub fn from_models(arabic: LanguageModel, latin: LanguageModel) -> Recognizer {
        Recognizer { arabic, latin, watchlist: Watchlist::default(), propagate: true }
    }

    /// Turns within-text propagation (one type per name, repeated names found) on or off.
    pub fn set_propagation(&mut self, on: bool) {
        self.propagate = on;
    }

    /// Adds analyst watchlist entries: their names and aliases are always found, with the
    /// entry's type and its name as canonical.
    pub fn add_watchlist(&mut self, entries: &[WatchEntry]) {
        self.watchlist.add(entries);
    }

    pub fn watchlist(&self) -> &Watchlist {
        &self.watchlist
    }

    fn model(&self, script: Script) -> &LanguageModel {
        match script {
            Script::Arabic => &self.arabic,
            Script::Latin => &self.latin,
        }
    }

    /// The tagger's BIO tag for each token of `text`, before any post-processing (for
    /// inspecting errors).
    pub fn raw_tags<'t>(&self, text: &'t str) -> Vec<(&'t str, &'static str)> {
        let tokens = tokenize(text);
        let mut out = Vec::new();
        for (range, _, tags) in self.tag(text, &tokens) {
            for (t, tag) in tokens[range].iter().zip(tags) {
                out.push((t.text(text), model::TAG_NAMES[tag]));
            }
        }
        out
    }

    /// Tags every sentence: the first stage per sentence, then, where the model has one, the
    /// document-aware second stage with what the first stage found across the whole text.
    fn tag(&self, text: &str, tokens: &[NerToken]) -> Vec<(std::ops::Range<usize>, Script, Vec<usize>)> {
        let mut sentences_out = Vec::new();
        let mut base = Vec::new();
        for range in sentences(text, tokens) {
            let sent = &tokens[range.clone()];
            let script = script_of(text, sent);
            let model = self.model(script);
            let mut feats = SentenceFeatures::default();
            extract(text, sent, script, model.resources(), &mut feats);
            let tags = decode(&model.tagger, &feats);
            sentences_out.push((range, script, tags));
            base.push(feats);
        }
        let mut feats = SentenceFeatures::default();
        for window in document_windows(sentences_out.len()) {
            let mut stats = [DocumentStats::default(), DocumentStats::default()];
            for (range, script, tags) in &sentences_out[window.clone()] {
                if self.model(*script).stage2.is_some() {
                    stats[*script as usize].add_sentence(&tokens[range.clone()], *script, tags);
                }
            }
            for ((range, script, tags), b) in sentences_out[window.clone()].iter_mut().zip(&base[window]) {
                if let Some(stage2) = &self.model(*script).stage2 {
                    document_features(b, &tokens[range.clone()], *script, tags, &stats[*script as usize], &mut feats);
                    *tags = decode(stage2, &feats);
                }
            }
        }
        sentences_out
    }

    /// Entity mentions in `text`: byte offsets, sorted by start, non-overlapping.
    pub fn recognize(&self, text: &str) -> Vec<EntityMention> {
        let tokens = tokenize(text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let ctx = MentionContext::new(text, &tokens, self);
        let mut found = Vec::new();
        let mut scripts = vec![Script::Latin; tokens.len()];
        let tagged = self.tag(text, &tokens);
        for window in document_windows(tagged.len()) {
            // Names are made consistent within the same pseudo-documents the second stage
            // pools over: in a file of many articles, a name in one says little about another.
            let window_found = found.len();
            for (range, script, tags) in &tagged[window.clone()] {
                scripts[range.clone()].fill(*script);
                let sentence = &tokens[range.clone()];
                for (i, j, class) in chunks(text, sentence, *script, tags) {
                    // "البيت الأبيض" is MISC in ANERcorp and an organisation to analysts.
                    let arabic = *script == Script::Arabic;
                    let class = if class == 3 && arabic && institutions::is_seat_of_government(sentence, i, j) {
                        1
                    } else {
                        class
                    };
                    if class < 3 {
                        for (a, b) in ctx.split_conjoined(range.start + i, range.start + j, *script) {
                            found.extend(ctx.mention(a, b, class, *script));
                        }
                    }
                }
            }
            if self.propagate {
                let token_range = tagged[window.start].0.start..tagged[window.end - 1].0.end;
                let mut in_window = found.split_off(window_found);
                propagate::unify_types(&mut in_window);
                propagate::repeat_names(&ctx, &scripts, token_range, &mut in_window);
                found.append(&mut in_window);
            }
        }
        self.apply_watchlist(text, &tokens, &mut found);
        found.sort_by_key(|f| f.start);
        let refs: Vec<aliases::NameRef> = found
            .iter()
            .map(|f| aliases::NameRef {
                name: &f.name,
                class: f.class,
                fixed: f.watch.map(|w| self.watchlist.entries()[w].name.as_str()),
            })
            .collect();
        let canonicals = aliases::canonicals(&refs);
        found
            .into_iter()
            .zip(canonicals)
            .filter_map(|(f, canonical)| {
                let entity_type = match f.watch {
                    Some(w) => self.watchlist.entries()[w].entity_type,
                    None => entity_type(f.class)?,
                };
                Some(EntityMention {
                    start: f.start,
                    end: f.end,
                    entity_type,
                    surface: text[f.start..f.end].to_string(),
                    canonical,
                })
            })
            .collect()
    }

    fn apply_watchlist(&self, text: &str, tokens: &[NerToken], found: &mut Vec<Found>) {
        if self.watchlist.is_empty() {
            return;
        }
        for hit in self.watchlist.find(text, tokens) {
            found.retain(|f| f.end <= hit.start || f.start >= hit.end);
            let class = match self.watchlist.entries()[hit.entry].entity_type {
                crate::model::EntityType::Person => 0,
                crate::model::EntityType::Org => 1,
                crate::model::EntityType::Loc => 2,
            };
            found.push(Found {
                first: hit.first,
                last: hit.last,
                start: hit.start,
                end: hit.end,
                class,
                name: collapse(&text[hit.start..hit.end]),
                watch: Some(hit.entry),
            });
        }
    }
}

/// Viterbi-decodes one sentence (also used by the trainer).
pub(super) fn decode(weights: &model::TagWeights, feats: &SentenceFeatures) -> Vec<usize> {
    let emissions: Vec<[f32; N_TAGS]> = (0..feats.len())
        .map(|i| {
            let mut e = [0.0; N_TAGS];
            weights.score(feats.token(i), &mut e);
            e
        })
        .collect();
    weights.viterbi(&emissions)
}

/// The names in a tagged sentence: (first token, last token, class), in order.
fn chunks(text: &str, tokens: &[NerToken], script: Script, tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(class) = class_of(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i;
        // "فان نيستلروي", "دي ستيفانو", "أبو تريكة": a particle right before a person's name
        // begins it. Matched on the word as written, so "فإن" (a conjunction) never is.
        let start = if class == 0
            && script == Script::Arabic
            && i > 0
            && tags[i - 1] == 0
            && is_leading_name_particle(tokens[i - 1].text(text))
        {
            i - 1
        } else {
            i
        };
        loop {
            while j + 1 < tags.len() && !is_begin(tags[j + 1]) && class_of(tags[j + 1]) == Some(class) {
                j += 1;
            }
            // "علي بن أبي طالب", "حمد بن عيسى آل خليفة": a person's name never ends on "بن",
            // "آل" or "أبي"; the word after it is part of the name, whatever its tag.
            if class == 0
                && script == Script::Arabic
                && j + 1 < tags.len()
                && is_name_particle(&tokens[j].folded)
                && tokens[j + 1].folded.chars().any(char::is_alphabetic)
            {
                j += 1;
                continue;
            }
            // "حمد بن عيسى", "محمد ولد عبد العزيز": after a tagged name, "بن", "بنت" or "ولد"
            // and a word carry the lineage on ("ولد" is also "was born": not before a date or
            // a place, which follow "في" or "عام").
            if class == 0
                && script == Script::Arabic
                && j + 2 < tags.len()
                && tags[j + 1] == 0
                && matches!(tokens[j + 1].folded.as_str(), "بن" | "بنت" | "ولد")
                && tokens[j + 2].folded.chars().all(char::is_alphabetic)
                && !matches!(tokens[j + 2].folded.as_str(), "في" | "عام" | "سنه" | "يوم" | "من" | "بمدينه" | "بقريه")
            {
                j += 2;
                continue;
            }
            break;
        }
        out.push((start, j, class));
        i = j + 1;
    }
    out
}

/// Words that tie the parts of an Arabic name together and never end one: "بن", "بنت",
/// "آل", "أبو", "أبي", "عبد", "ذو" (folded).
fn is_name_particle(folded: &str) -> bool {
    matches!(folded, "بن" | "ابن" | "بنت" | "ال" | "ابو" | "ابي" | "ابا" | "عبد" | "ذو" | "ذي")
}

/// Words written before a surname that belong to the name: Dutch, German, French, Italian
/// and Portuguese particles as Arabic writes them, and "أبو". As written, not folded: "فان"
/// is "van", while "فإن" is a conjunction.
fn is_leading_name_particle(word: &str) -> bool {
    matches!(word, "فان" | "فون" | "دي" | "دو" | "دا" | "ديل" | "دل" | "أبو" | "ابو")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What turning a token span into a mention needs: the text, its tokens, the models, and
/// how often each word occurs in this text (evidence that a stem is a word of its own).
struct MentionContext<'a> {
    text: &'a str,
    tokens: &'a [NerToken],
    recognizer: &'a Recognizer,
    word_counts: HashMap<&'a str, u32>,
}

impl<'a> MentionContext<'a> {
    fn new(text: &'a str, tokens: &'a [NerToken], recognizer: &'a Recognizer) -> Self {
        let mut word_counts = HashMap::new();
        for t in tokens {
            *word_counts.entry(t.folded.as_str()).or_insert(0) += 1;
        }
        MentionContext { text, tokens, recognizer, word_counts }
    }

    /// How well attested the folded word `w` is as a word of its own: corpus and gazetteer
    /// counts, and its occurrences in this text.
    fn evidence(&self, w: &str, script: Script) -> f32 {
        let model = self.recognizer.model(script);
        let (total, _) = model.lexicon.get(w);
        let gaz = if model.gazetteer.single(w) != 0 { 5.0 } else { 0.0 };
        let here = self.word_counts.get(w).copied().unwrap_or(0);
        total as f32 + gaz + here as f32
    }

    /// Splits a span at inner words glued to the conjunction و whose bare stem is attested
    /// ("ويتكوف وكوشنر" -> "ويتكوف", "وكوشنر"): two names, which the tagger sometimes
    /// joins. Unattested stems never split, so "عبد ربه" or a name with an inner و stays.
    fn split_conjoined(&self, first: usize, last: usize, script: Script) -> Vec<(usize, usize)> {
        let mut parts = Vec::new();
        let mut start = first;
        if script == Script::Arabic {
            for k in first + 1..=last {
                let w = &self.tokens[k].folded;
                let Some(stem) = w.strip_prefix('و') else { continue };
                let stem_evidence = self.evidence(stem, script);
                // The glued word's own occurrence (this token) does not count for it.
                if stem.chars().count() >= 3 && stem_evidence > 0.0 && stem_evidence >= self.evidence(w, script) - 1.0 {
                    parts.push((start, k - 1));
                    start = k;
                }
            }
        }
        parts.push((start, last));
        parts
    }

    /// The mention for tokens `first..=last` tagged `class`, or `None` if nothing is left
    /// once titles and clitics are removed.
    fn mention(&self, mut first: usize, last: usize, class: usize, script: Script) -> Option<Found> {
        if class == 0 {
            while first < last && is_person_title(&self.tokens[first].folded, script) {
                first += 1;
            }
            if is_person_title(&self.tokens[first].folded, script) {
                return None;
            }
        }
        // An honorific alone is never a name, whatever type the tagger gave it.
        if first == last && matches!(self.tokens[first].folded.trim_end_matches('.'), "mr" | "mrs" | "ms" | "dr") {
            return None;
        }
        let tok = &self.tokens[first];
        let mut start = tok.start;
        let mut article_restored = false;
        // A leading particle is part of the name: "فان" keeps its "ف".
        let particle = class == 0 && first < last && is_leading_name_particle(tok.text(self.text));
        if script == Script::Arabic
            && !particle
            && let Some(seg) = strip_for_mention(&tok.folded, |w| {
                // The word itself is in the text at least once: this very token.
                let own = if w == tok.folded { 1.0 } else { 0.0 };
                self.evidence(w, script) - own
            })
        {
            start += original_offset(tok.text(self.text), seg.prefix_chars);
            article_restored =
                !seg.bare && !tok.folded.chars().skip(seg.prefix_chars).collect::<String>().starts_with("ال");
        }
        let end = self.tokens[last].end;
        if start >= end {
            return None;
        }
        let surface = collapse(&self.text[start..end]);
        let name = if article_restored { format!("ال{surface}") } else { surface };
        Some(Found { first, last, start, end, class, name, watch: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityType;

    #[test]
    fn empty_models_still_find_watchlist_names() {
        let mut r = Recognizer::default();
        r.add_watchlist(&[WatchEntry {
            name: "دونالد ترامب".into(),
            entity_type: EntityType::Person,
            aliases: vec!["ترامب".into()],
        }]);
        let text = "قال الرئيس ترامب إن دونالد ترامب وترامب";
        let m = r.recognize(text);
        assert_eq!(m.len(), 3);
        assert!(m.iter().all(|x| x.canonical == "دونالد ترامب"));
        assert_eq!(m[2].surface, "ترامب");
        assert_eq!(&text[m[2].start..m[2].end], "ترامب");
        assert!(m.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn a_person_name_runs_on_past_a_name_particle() {
        use self::model::{begin_tag, inside_tag};
        let text = "زار حمد بن عيسى آل خليفة مصر .";
        let tokens = tokenize(text);
        let (b_per, i_per, b_loc) = (begin_tag(0), inside_tag(0), begin_tag(2));
        // The tagger stopped on "آل": the family name joins the person anyway.
        let tags = [0, b_per, i_per, i_per, i_per, 0, b_loc, 0];
        assert_eq!(chunks(text, &tokens, Script::Arabic, &tags), vec![(1, 5, 0), (6, 6, 2)]);
        // Not across punctuation, and not for places.
        let tags = [0, b_per, i_per, i_per, i_per, 0, b_loc, 0];
        let text2 = "زار حمد بن عيسى آل . مصر .";
        let tokens2 = tokenize(text2);
        assert_eq!(chunks(text2, &tokens2, Script::Arabic, &tags), vec![(1, 4, 0), (6, 6, 2)]);
        let loc = [0, begin_tag(2), inside_tag(2), inside_tag(2), inside_tag(2), 0, 0, 0];
        assert_eq!(chunks(text, &tokens, Script::Arabic, &loc), vec![(1, 4, 2)]);
    }

    #[test]
    fn a_person_name_carries_on_through_a_lineage_word() {
        use self::model::begin_tag;
        let b_per = begin_tag(0);
        // "ولد" (son of) then "عبد" (a particle) then the rest of the name.
        let text = "انتخب محمد ولد عبد العزيز رئيسا";
        let tokens = tokenize(text);
        assert_eq!(chunks(text, &tokens, Script::Arabic, &[0, b_per, 0, 0, 0, 0]), vec![(1, 4, 0)]);
        // "ولد في": was born in.
        let text = "محمد ولد في القاهرة";
        let tokens = tokenize(text);
        assert_eq!(chunks(text, &tokens, Script::Arabic, &[b_per, 0, 0, begin_tag(2)]), vec![(0, 0, 0), (3, 3, 2)]);
    }

    #[test]
    fn a_person_name_starts_at_a_leading_particle_as_written() {
        use self::model::begin_tag;
        let b_per = begin_tag(0);
        // "van Nistelrooy": the tagger left "فان" out; it belongs to the name.
        let text = "وسدد فان نيستلروي الكرة";
        let tokens = tokenize(text);
        assert_eq!(chunks(text, &tokens, Script::Arabic, &[0, 0, b_per, 0]), vec![(1, 2, 0)]);
        // "فإن" is a conjunction, not "van"; and a place keeps its bounds.
        let text = "وقال فإن نيستلروي جاهز";
        let tokens = tokenize(text);
        assert_eq!(chunks(text, &tokens, Script::Arabic, &[0, 0, b_per, 0]), vec![(2, 2, 0)]);
        let text = "وسدد فان هولندا الكرة";
        let tokens = tokenize(text);
        assert_eq!(chunks(text, &tokens, Script::Arabic, &[0, 0, begin_tag(2), 0]), vec![(2, 2, 2)]);
    }
}
