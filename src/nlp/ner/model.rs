//! The trained model of one language: tag weights, transition weights, the hashed gazetteer
//! and a word lexicon; how they are stored; and Viterbi decoding.
//!
//! File layout (little-endian): `MNER`, version, tag count, transitions (f32), weight scale,
//! then features as (key u64, tag mask u16, one i16 per set bit), then the gazetteer, the
//! lexicon, the second stage's weights and the dictionary (key u64, paradigm u16). Weights are
//! quantized to i16 and tiny ones pruned, which keeps the file small.

use super::gazetteer::Gazetteer;
use super::hash::{HashKeyed, hash_str};
use crate::model::EntityType;

/// Tags: O, then B/I for PER, ORG, LOC and MISC (MISC is learned so that nationalities and
/// events stop looking like places, but it is never reported).
pub const TAG_NAMES: [&str; 9] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];
pub const N_TAGS: usize = TAG_NAMES.len();
const START: usize = N_TAGS;
const MAGIC: &[u8; 4] = b"MNER";
const VERSION: u32 = 5;

/// Entity class of a tag: 0 PER, 1 ORG, 2 LOC, 3 MISC.
pub fn class_of(tag: usize) -> Option<usize> {
    (tag > 0).then(|| (tag - 1) / 2)
}

pub fn is_begin(tag: usize) -> bool {
    tag > 0 && tag % 2 == 1
}

pub fn begin_tag(class: usize) -> usize {
    1 + 2 * class
}

pub fn inside_tag(class: usize) -> usize {
    2 + 2 * class
}

pub fn entity_type(class: usize) -> Option<EntityType> {
    match class {
        0 => Some(EntityType::Person),
        1 => Some(EntityType::Org),
        2 => Some(EntityType::Loc),
        _ => None,
    }
}

/// Parses a corpus tag ("B-PERS", "I-LOC", "O"); unknown types become O.
pub fn parse_tag(s: &str) -> usize {
    let (bi, ty) = match s.split_once('-') {
        Some(p) => p,
        None => return 0,
    };
    let class = match ty {
        "PER" | "PERS" | "PERSON" => 0,
        "ORG" => 1,
        "LOC" => 2,
        "MISC" => 3,
        _ => return 0,
    };
    if bi == "B" { begin_tag(class) } else { inside_tag(class) }
}

/// An `I-X` tag may follow only `B-X` or `I-X`.
pub fn allowed(prev: usize, cur: usize) -> bool {
    if cur == 0 || is_begin(cur) {
        return true;
    }
    prev != START && prev != 0 && class_of(prev) == class_of(cur)
}

/// Linear scores: per-feature tag weights and first-order transitions.
#[derive(Default, Clone)]
pub struct TagWeights {
    /// Weights as training produces them.
    pub weights: HashKeyed<[f32; N_TAGS]>,
    /// The weights as a model file stores them (i16 times `scale`): half the memory of f32,
    /// which matters because scoring is one hash lookup per feature and the table must stay
    /// in cache. Filled by [`TagWeights::read`], used by [`TagWeights::score`] when present.
    quantized: HashKeyed<[i16; N_TAGS]>,
    scale: f32,
    /// `transitions[prev * N_TAGS + cur]`, with `prev == N_TAGS` for the sentence start.
    pub transitions: Vec<f32>,
}

impl TagWeights {
    pub fn new(weights: HashKeyed<[f32; N_TAGS]>, transitions: Vec<f32>) -> TagWeights {
        TagWeights { weights, quantized: HashKeyed::default(), scale: 1.0, transitions }
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len().max(self.quantized.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes the weights of `feats` into `scores`.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32; N_TAGS]) {
        if !self.quantized.is_empty() {
            let mut sums = [0i32; N_TAGS];
            for f in feats {
                if let Some(w) = self.quantized.get(f) {
                    for (s, &x) in sums.iter_mut().zip(w) {
                        *s += i32::from(x);
                    }
                }
            }
            for (s, x) in scores.iter_mut().zip(sums) {
                *s = x as f32 * self.scale;
            }
            return;
        }
        *scores = [0.0; N_TAGS];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for (s, x) in scores.iter_mut().zip(w) {
                    *s += x;
                }
            }
        }
    }

    fn transition(&self, prev: usize, cur: usize) -> f32 {
        self.transitions.get(prev * N_TAGS + cur).copied().unwrap_or(0.0)
    }

    /// The best tag sequence for the given per-token emission scores.
    pub fn viterbi(&self, emissions: &[[f32; N_TAGS]]) -> Vec<usize> {
        let n = emissions.len();
        if n == 0 {
            return Vec::new();
        }
        let mut best = vec![[f32::NEG_INFINITY; N_TAGS]; n];
        let mut back = vec![[0u8; N_TAGS]; n];
        for cur in 0..N_TAGS {
            if allowed(START, cur) {
                best[0][cur] = emissions[0][cur] + self.transition(START, cur);
            }
        }
        for i in 1..n {
            for cur in 0..N_TAGS {
                let mut top = f32::NEG_INFINITY;
                let mut arg = 0;
                for (prev, &score) in best[i - 1].iter().enumerate() {
                    if !allowed(prev, cur) || score == f32::NEG_INFINITY {
                        continue;
                    }
                    let s = score + self.transition(prev, cur);
                    if s > top {
                        top = s;
                        arg = prev;
                    }
                }
                best[i][cur] = top + emissions[i][cur];
                back[i][cur] = arg as u8;
            }
        }
        let mut tag =
            (0..N_TAGS).max_by(|&a, &b| best[n - 1][a].total_cmp(&best[n - 1][b]).then(b.cmp(&a))).unwrap_or(0);
        let mut tags = vec![0; n];
        for i in (0..n).rev() {
            tags[i] = tag;
            tag = back[i][tag] as usize;
        }
        tags
    }
}

/// How often each folded word (and each word core, see [`super::clitics::core`]) occurs in
/// the training corpus, per class: O, PER, ORG, LOC, MISC. It gives the tagger a prior for
/// the word, and evidence for clitic stripping and for spreading a name to its repetitions.
#[derive(Default, Clone)]
pub struct Lexicon {
    counts: HashKeyed<[u16; 5]>,
}

const CORE_SEED: u64 = 0x636f_7265;

impl Lexicon {
    fn add_key(&mut self, key: u64, class: Option<usize>) {
        let e = self.counts.entry(key).or_insert([0; 5]);
        let slot = class.map_or(0, |c| c + 1);
        e[slot] = e[slot].saturating_add(1);
    }

    /// Counts one occurrence of a word (folded) with its core, inside a name of `class`
    /// (0 PER, 1 ORG, 2 LOC, 3 MISC) or outside any (`None`).
    pub fn add(&mut self, folded: &str, core: &str, class: Option<usize>) {
        self.add_key(hash_str(folded), class);
        self.add_key(super::hash::mix(CORE_SEED, hash_str(core)), class);
    }

    /// Per-class counts of a folded word: O, PER, ORG, LOC, MISC.
    pub fn counts(&self, folded: &str) -> [u16; 5] {
        self.counts.get(&hash_str(folded)).copied().unwrap_or([0; 5])
    }

    /// (occurrences, occurrences inside a PER/ORG/LOC name).
    pub fn get(&self, folded: &str) -> (u32, u32) {
        let c = self.counts(folded);
        let total = c.iter().map(|&x| u32::from(x)).sum();
        (total, u32::from(c[1]) + u32::from(c[2]) + u32::from(c[3]))
    }

    /// A coarse summary of the counts as a feature value: unseen, or the majority class with
    /// how dominant it is and how frequent the word is.
    fn summarize(c: [u16; 5]) -> u64 {
        let total: u32 = c.iter().map(|&x| u32::from(x)).sum();
        if total == 0 {
            return 99;
        }
        let (major, &n) = c.iter().enumerate().max_by_key(|&(i, &x)| (x, std::cmp::Reverse(i))).unwrap_or((0, &0));
        let share = u32::from(n) * 10 / total;
        let dominance = if share >= 9 {
            2
        } else if share >= 5 {
            1
        } else {
            0
        };
        let freq = if total == 1 {
            0
        } else if total < 6 {
            1
        } else {
            2
        };
        (major as u64) * 100 + dominance * 10 + freq
    }

    pub fn prior(&self, folded: &str) -> u64 {
        Self::summarize(self.counts(folded))
    }

    pub fn core_prior(&self, core: &str) -> u64 {
        let c = self.counts.get(&super::hash::mix(CORE_SEED, hash_str(core))).copied().unwrap_or([0; 5]);
        Self::summarize(c) + 1000
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

impl LanguageModel {
    pub fn resources(&self) -> super::features::Resources<'_> {
        super::features::Resources { gazetteer: &self.gazetteer, lexicon: &self.lexicon, dictionary: &self.dictionary }
    }

    pub fn in_dictionary(&self, folded: &str) -> bool {
        self.dictionary.contains_key(&hash_str(folded))
    }
}

/// Everything the recognizer needs for one language.
#[derive(Default, Clone)]
pub struct LanguageModel {
    pub tagger: TagWeights,
    pub gazetteer: Gazetteer,
    pub lexicon: Lexicon,
    /// The second, document-aware stage (see [`super::features::document_features`]): it
    /// re-tags each sentence knowing what the first stage found in the whole text.
    pub stage2: Option<TagWeights>,
    /// Hashes of the folded words of a general-language dictionary (Arabic: the Ayaspell
    /// word list of Debian's hunspell-ar). A word whose stem is in no dictionary is more
    /// likely a name, which is most of what separates unseen names from unseen words.
    /// The value is the word's paradigm in the dictionary (its hunspell affix class; 0 when
    /// unknown): some paradigms are proper nouns ("لندن", "باريس" take no article).
    pub dictionary: HashKeyed<u16>,
}

/// A bounds-checked little-endian reader.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.pos..self.pos + n)?;
        self.pos += n;
        Some(s)
    }

    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }

    pub fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

impl LanguageModel {
    /// Serializes the model. `min_weight` prunes individual weights below it (absolute);
    /// features left with no weight are dropped. Output is sorted, so it is deterministic.
    pub fn to_bytes(&self, min_weight: f32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        self.tagger.write(&mut out, min_weight);
        self.gazetteer.write(&mut out);
        let mut lex: Vec<(u64, [u16; 5])> = self.lexicon.counts.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable();
        out.extend_from_slice(&(lex.len() as u32).to_le_bytes());
        for (k, counts) in lex {
            out.extend_from_slice(&k.to_le_bytes());
            for c in counts {
                out.extend_from_slice(&c.to_le_bytes());
            }
        }
        match &self.stage2 {
            Some(t) => {
                out.push(1);
                t.write(&mut out, min_weight);
            }
            None => out.push(0),
        }
        let mut dict: Vec<(u64, u16)> = self.dictionary.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
        for (k, v) in dict {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Reads a model written by [`LanguageModel::to_bytes`]; `None` if it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<LanguageModel> {
        let mut r = Reader::new(bytes);
        if r.take(4)? != MAGIC || r.u32()? != VERSION || r.u32()? as usize != N_TAGS {
            return None;
        }
        let tagger = TagWeights::read(&mut r)?;
        let gazetteer = Gazetteer::read(&mut r)?;
        let n = r.u32()? as usize;
        let mut counts = HashKeyed::default();
        counts.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let mut c = [0u16; 5];
            for x in &mut c {
                *x = r.u16()?;
            }
            counts.insert(k, c);
        }
        let stage2 = if r.u8()? == 1 { Some(TagWeights::read(&mut r)?) } else { None };
        let n = r.u32()? as usize;
        let mut dictionary = HashKeyed::default();
        dictionary.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            dictionary.insert(k, r.u16()?);
        }
        Some(LanguageModel { tagger, gazetteer, lexicon: Lexicon { counts }, stage2, dictionary })
    }
}

impl TagWeights {
    /// Transitions (f32), a scale, then features as (key, tag mask, one i16 per set bit).
    /// Weights below `min_weight` (absolute) are dropped; output is sorted by key. Only
    /// trained (f32) weights are written: a model read from a file is not saved again.
    fn write(&self, out: &mut Vec<u8>, min_weight: f32) {
        for i in 0..(N_TAGS + 1) * N_TAGS {
            out.extend_from_slice(&self.transitions.get(i).copied().unwrap_or(0.0).to_le_bytes());
        }
        let max = self.weights.values().flat_map(|w| w.iter()).fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        out.extend_from_slice(&scale.to_le_bytes());
        let mut feats: Vec<(u64, [f32; N_TAGS])> = self
            .weights
            .iter()
            .filter(|(_, w)| w.iter().any(|x| x.abs() >= min_weight))
            .map(|(&k, &w)| (k, w))
            .collect();
        feats.sort_unstable_by_key(|(k, _)| *k);
        out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        for (k, w) in feats {
            out.extend_from_slice(&k.to_le_bytes());
            let mut mask = 0u16;
            let mut vals = Vec::new();
            for (t, &x) in w.iter().enumerate() {
                let q = (x / scale).round();
                if x.abs() >= min_weight && q != 0.0 {
                    mask |= 1 << t;
                    vals.push(q as i16);
                }
            }
            out.extend_from_slice(&mask.to_le_bytes());
            for v in vals {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader) -> Option<TagWeights> {
        let mut transitions = Vec::with_capacity((N_TAGS + 1) * N_TAGS);
        for _ in 0..(N_TAGS + 1) * N_TAGS {
            transitions.push(r.f32()?);
        }
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let mut quantized = HashKeyed::default();
        quantized.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let mask = r.u16()?;
            let mut w = [0i16; N_TAGS];
            for (t, x) in w.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *x = r.i16()?;
                }
            }
            quantized.insert(k, w);
        }
        Some(TagWeights { weights: HashKeyed::default(), quantized, scale, transitions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_corpus_tags() {
        assert_eq!(TAG_NAMES[parse_tag("B-PERS")], "B-PER");
        assert_eq!(TAG_NAMES[parse_tag("I-LOC")], "I-LOC");
        assert_eq!(parse_tag("O"), 0);
    }

    #[test]
    fn viterbi_never_starts_with_inside() {
        let w = TagWeights::new(Default::default(), vec![0.0; 90]);
        let mut e = [[0f32; N_TAGS]; 2];
        e[0][inside_tag(0)] = 5.0;
        e[1][inside_tag(0)] = 5.0;
        let tags = w.viterbi(&e);
        assert_ne!(tags[0], inside_tag(0));
    }

    #[test]
    fn round_trips_through_bytes() {
        let mut m = LanguageModel::default();
        m.tagger.transitions = vec![0.5; (N_TAGS + 1) * N_TAGS];
        m.tagger.weights.insert(42, [1.0, -2.0, 0.0, 0.001, 0.0, 0.0, 0.0, 0.0, 3.0]);
        m.lexicon.add("كييف", "كييف", Some(2));
        let back = LanguageModel::from_bytes(&m.to_bytes(0.01)).unwrap();
        let mut w = [0f32; N_TAGS];
        back.tagger.score(&[42, 7], &mut w);
        assert!((w[1] + 2.0).abs() < 1e-3 && w[3] == 0.0 && (w[8] - 3.0).abs() < 1e-3);
        assert_eq!(back.tagger.len(), 1);
        assert_eq!(back.lexicon.get("كييف"), (1, 1));
        assert_eq!(back.lexicon.counts("كييف"), [0, 0, 0, 1, 0]);
        assert_eq!(back.tagger.transitions[0], 0.5);
    }
}
