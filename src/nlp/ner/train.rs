//! Training and evaluation, used by the `train_ner` command and the regression tests.
//!
//! Training is a structured averaged perceptron: Viterbi-decode each sentence with the
//! current weights, then move the weights toward the gold tags where they differ. Sentence
//! order is shuffled with a fixed seed and every output is sorted, so the same data gives
//! the same model.

use std::collections::HashMap;

use super::features::{DocumentStats, SentenceFeatures, document_features, document_windows, extract};
use super::gazetteer::Gazetteer;
use super::hash::SplitMix;
use super::model::{LanguageModel, Lexicon, N_TAGS, TagWeights, begin_tag, class_of, inside_tag, is_begin, parse_tag};
use super::tokens::{NerToken, Script, tokenize};
use super::{Recognizer, decode};

/// A sentence of a CoNLL file: tokens and their tags as written.
#[derive(Debug, Clone)]
pub struct GoldSentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// Reads `token TAG` lines with blank lines between sentences (the last column is the tag).
pub fn read_conll(content: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut cur = GoldSentence { tokens: Vec::new(), tags: Vec::new() };
    for line in content.lines() {
        let mut cols = line.split_whitespace();
        match (cols.next(), cols.next_back()) {
            (Some(tok), Some(tag)) => {
                cur.tokens.push(tok.to_string());
                cur.tags.push(tag.to_string());
            }
            _ => {
                if !cur.tokens.is_empty() {
                    out.push(std::mem::replace(&mut cur, GoldSentence { tokens: Vec::new(), tags: Vec::new() }));
                }
            }
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// A gold sentence as the tagger sees it: its text (tokens joined by spaces), tagger
/// tokens, and a tag per tagger token projected from the gold token it lies in.
pub struct Projected {
    pub text: String,
    pub tokens: Vec<NerToken>,
    pub tags: Vec<usize>,
}

pub fn project(s: &GoldSentence) -> Projected {
    let text = s.tokens.join(" ");
    let mut gold_spans = Vec::with_capacity(s.tokens.len());
    let mut pos = 0;
    for t in &s.tokens {
        gold_spans.push((pos, pos + t.len()));
        pos += t.len() + 1;
    }
    let tokens = tokenize(&text);
    let mut tags = Vec::with_capacity(tokens.len());
    for t in &tokens {
        let g = gold_spans.partition_point(|&(_, e)| e <= t.start);
        let tag = s.tags.get(g).map_or(0, |x| parse_tag(x));
        let first_piece = gold_spans.get(g).is_some_and(|&(st, _)| st == t.start);
        tags.push(match class_of(tag) {
            Some(c) if is_begin(tag) && first_piece => begin_tag(c),
            Some(c) => inside_tag(c),
            None => 0,
        });
    }
    // A chunk cannot start with I- (a gold B- token split into pieces keeps B- on its first).
    for i in 0..tags.len() {
        if let Some(c) = class_of(tags[i])
            && !is_begin(tags[i])
            && (i == 0 || class_of(tags[i - 1]) != Some(c))
        {
            tags[i] = begin_tag(c);
        }
    }
    Projected { text, tokens, tags }
}

/// Per-class counts of folded words and their cores.
pub fn build_lexicon<'a>(sentences: impl Iterator<Item = &'a Projected>, script: Script) -> Lexicon {
    let mut lex = Lexicon::default();
    for s in sentences {
        for (t, &tag) in s.tokens.iter().zip(&s.tags) {
            let c = if script == Script::Arabic { super::clitics::core(&t.folded) } else { &t.folded };
            lex.add(&t.folded, c, class_of(tag));
        }
    }
    lex
}

/// Folds for the jackknifed lexicon: a training sentence sees the counts of the other folds
/// only, so the lexicon features look in training as they will on unseen text (where many
/// words are new), instead of every training word being "known".
const LEXICON_FOLDS: usize = 5;

/// Training options.
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Perceptron runs (different shuffles) whose weights are averaged.
    pub runs: usize,
}

/// A training sentence with its features as dense indices.
struct Example {
    feats: Vec<u32>,
    offsets: Vec<usize>,
    tags: Vec<usize>,
}

/// Averaged weights, kept as integers so that the result does not depend on float
/// summation order: `w` is the current weight, `acc` the sum of `step * update`.
struct Averaged {
    w: Vec<i32>,
    acc: Vec<i64>,
}

impl Averaged {
    fn new(n: usize) -> Averaged {
        Averaged { w: vec![0; n], acc: vec![0; n] }
    }

    #[inline]
    fn update(&mut self, i: usize, delta: i32, step: i64) {
        self.w[i] += delta;
        self.acc[i] += step * i64::from(delta);
    }

    fn average(&self, i: usize, step: i64) -> f32 {
        (f64::from(self.w[i]) - self.acc[i] as f64 / step as f64) as f32
    }
}

/// Trains tagger weights on featurized sentences (features and gold tags).
/// `progress` is called after each epoch with (epoch, sentence errors).
pub fn train_weights(
    examples_in: &[(&SentenceFeatures, &[usize])],
    opts: &TrainOptions,
    mut progress: impl FnMut(usize, usize),
) -> TagWeights {
    let mut index: HashMap<u64, u32> = HashMap::new();
    let mut keys: Vec<u64> = Vec::new();
    let mut examples = Vec::with_capacity(examples_in.len());
    for (sf, tags) in examples_in {
        if tags.is_empty() {
            continue;
        }
        let feats = sf
            .feats
            .iter()
            .map(|&k| {
                *index.entry(k).or_insert_with(|| {
                    keys.push(k);
                    (keys.len() - 1) as u32
                })
            })
            .collect();
        examples.push(Example { feats, offsets: sf.offsets.clone(), tags: tags.to_vec() });
    }
    drop(index);
    let n_feats = keys.len();
    // Several perceptrons on different shuffles, averaged: the result varies much less with
    // the seed than one run does (±1 F1 point on ANERcorp dev for a single run).
    let mut emit_sum = vec![0f64; n_feats * N_TAGS];
    let mut trans_sum = vec![0f64; (N_TAGS + 1) * N_TAGS];
    let runs = opts.runs.max(1);
    for run in 0..runs {
        let (emit, trans, step) =
            perceptron(&examples, n_feats, opts.epochs, opts.seed.wrapping_add(run as u64), &mut progress);
        for (i, s) in emit_sum.iter_mut().enumerate() {
            *s += f64::from(emit.average(i, step));
        }
        for (i, s) in trans_sum.iter_mut().enumerate() {
            *s += f64::from(trans.average(i, step));
        }
    }
    let mut weights = super::hash::HashKeyed::default();
    for (fi, &k) in keys.iter().enumerate() {
        let mut row = [0f32; N_TAGS];
        let mut any = false;
        for (t, r) in row.iter_mut().enumerate() {
            *r = (emit_sum[fi * N_TAGS + t] / runs as f64) as f32;
            any |= *r != 0.0;
        }
        if any {
            weights.insert(k, row);
        }
    }
    let transitions = trans_sum.iter().map(|&x| (x / runs as f64) as f32).collect();
    TagWeights::new(weights, transitions)
}

/// One structured-perceptron run: returns the emission and transition accumulators and the
/// final step count for averaging.
fn perceptron(
    examples: &[Example],
    n_feats: usize,
    epochs: usize,
    seed: u64,
    progress: &mut impl FnMut(usize, usize),
) -> (Averaged, Averaged, i64) {
    let mut emit = Averaged::new(n_feats * N_TAGS);
    let mut trans = Averaged::new((N_TAGS + 1) * N_TAGS);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix::new(seed);
    let mut step: i64 = 1;
    let mut emissions: Vec<[f32; N_TAGS]> = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let mut errors = 0;
        for &ei in &order {
            let ex = &examples[ei];
            let n = ex.tags.len();
            emissions.clear();
            emissions.resize(n, [0.0; N_TAGS]);
            for (i, e) in emissions.iter_mut().enumerate() {
                for &f in &ex.feats[ex.offsets[i]..ex.offsets[i + 1]] {
                    let row = &emit.w[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                    for (s, &x) in e.iter_mut().zip(row) {
                        *s += x as f32;
                    }
                }
            }
            let current = TagWeights::new(Default::default(), trans.w.iter().map(|&x| x as f32).collect());
            let pred = current.viterbi(&emissions);
            if pred != ex.tags {
                errors += 1;
                for i in 0..n {
                    let (g, p) = (ex.tags[i], pred[i]);
                    if g != p {
                        for &f in &ex.feats[ex.offsets[i]..ex.offsets[i + 1]] {
                            emit.update(f as usize * N_TAGS + g, 1, step);
                            emit.update(f as usize * N_TAGS + p, -1, step);
                        }
                    }
                    let gp = if i == 0 { N_TAGS } else { ex.tags[i - 1] };
                    let pp = if i == 0 { N_TAGS } else { pred[i - 1] };
                    if (gp, g) != (pp, p) {
                        trans.update(gp * N_TAGS + g, 1, step);
                        trans.update(pp * N_TAGS + p, -1, step);
                    }
                }
            }
            step += 1;
        }
        progress(epoch + 1, errors);
    }
    (emit, trans, step)
}

/// Precision, recall and F1 with counts, conlleval style.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 0.0 } else { self.correct as f64 / self.predicted as f64 }
    }

    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.correct as f64 / self.gold as f64 }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, other: Score) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

/// Scores of an evaluation: overall and per class (PER, ORG, LOC).
#[derive(Debug, Clone, Copy, Default)]
pub struct Evaluation {
    pub overall: Score,
    pub per_class: [Score; 3],
}

/// Counts of several evaluations pooled (the folds of a cross-validation).
impl std::ops::AddAssign for Evaluation {
    fn add_assign(&mut self, other: Evaluation) {
        self.overall += other.overall;
        for (a, b) in self.per_class.iter_mut().zip(other.per_class) {
            *a += b;
        }
    }
}

/// Runs the full recognizer on the sentences joined as one text (one sentence per line,
/// the way `ner_score.py` feeds the program) and scores it like the scorer: a predicted
/// mention stands for the gold tokens it overlaps; a chunk is right when its first token,
/// last token and type match; gold MISC is ignored.
pub fn evaluate(recognizer: &Recognizer, sentences: &[GoldSentence]) -> Evaluation {
    evaluate_detailed(recognizer, sentences).0
}

/// A chunk over gold tokens: first and last token (global index) and class.
pub type Chunk = (usize, usize, usize);

/// [`evaluate`], also returning the gold chunks, the predicted chunks and the gold tokens
/// (for error listings).
pub fn evaluate_detailed<'a>(
    recognizer: &Recognizer,
    sentences: &'a [GoldSentence],
) -> (Evaluation, Vec<Chunk>, Vec<Chunk>, Vec<&'a str>) {
    let mut text = String::new();
    let mut spans = Vec::new(); // (start, end) byte range of each gold token
    let mut gold = Vec::new(); // (first, last, class) over global token indices
    for s in sentences {
        let base = spans.len();
        let mut open: Option<(usize, usize)> = None;
        for (i, (tok, tag)) in s.tokens.iter().zip(&s.tags).enumerate() {
            if i > 0 {
                text.push(' ');
            }
            spans.push((text.len(), text.len() + tok.len()));
            text.push_str(tok);
            let t = parse_tag(tag);
            let class = class_of(t).filter(|&c| c < 3);
            match (open, class) {
                (Some((st, c)), Some(k)) if !is_begin(t) && c == k => open = Some((st, c)),
                _ => {
                    if let Some((st, c)) = open.take() {
                        gold.push((st, base + i - 1, c));
                    }
                    if let Some(k) = class {
                        open = Some((base + i, k));
                    }
                }
            }
        }
        if let Some((st, c)) = open {
            gold.push((st, base + s.tokens.len() - 1, c));
        }
        text.push('\n');
    }
    let mut predicted = Vec::new();
    for m in recognizer.recognize(&text) {
        let first = spans.partition_point(|&(_, e)| e <= m.start);
        let last = spans.partition_point(|&(s, _)| s < m.end);
        if first < last {
            let class = match m.entity_type {
                crate::model::EntityType::Person => 0,
                crate::model::EntityType::Org => 1,
                crate::model::EntityType::Loc => 2,
            };
            predicted.push((first, last - 1, class));
        }
    }
    predicted.sort_unstable();
    predicted.dedup();
    let gold_set: std::collections::HashSet<_> = gold.iter().copied().collect();
    let mut ev = Evaluation::default();
    for &(_, _, c) in &gold {
        ev.per_class[c].gold += 1;
        ev.overall.gold += 1;
    }
    for p in &predicted {
        ev.per_class[p.2].predicted += 1;
        ev.overall.predicted += 1;
        if gold_set.contains(p) {
            ev.per_class[p.2].correct += 1;
            ev.overall.correct += 1;
        }
    }
    let words = sentences.iter().flat_map(|s| s.tokens.iter().map(String::as_str)).collect();
    (ev, gold, predicted, words)
}

/// Blocks for the jackknifed first-stage tags that the second stage learns from.
const STACK_BLOCKS: usize = 5;

/// Builds a model for one language from projected training sentences: the first-stage
/// tagger, then the document-aware second stage trained on first-stage tags that come from
/// models which did not see the sentence (so they are as wrong as they will be at run time).
pub fn train_language(
    sentences: &[Projected],
    script: Script,
    gazetteer: Gazetteer,
    dictionary: super::hash::HashKeyed<u16>,
    opts: &TrainOptions,
    mut progress: impl FnMut(&str, usize, usize),
) -> LanguageModel {
    let n = sentences.len();
    let fold_lexicons: Vec<Lexicon> = (0..LEXICON_FOLDS)
        .map(|k| {
            let others = sentences.iter().enumerate().filter(|(i, _)| i % LEXICON_FOLDS != k);
            build_lexicon(others.map(|(_, s)| s), script)
        })
        .collect();
    let base: Vec<SentenceFeatures> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut sf = SentenceFeatures::default();
            let res = super::features::Resources {
                gazetteer: &gazetteer,
                lexicon: &fold_lexicons[i % LEXICON_FOLDS],
                dictionary: &dictionary,
            };
            extract(&s.text, &s.tokens, script, res, &mut sf);
            sf
        })
        .collect();
    let all: Vec<(&SentenceFeatures, &[usize])> =
        base.iter().zip(sentences).map(|(f, s)| (f, s.tags.as_slice())).collect();
    let tagger = train_weights(&all, opts, |e, err| progress("stage 1", e, err));

    let block = |i: usize| i * STACK_BLOCKS / n.max(1);
    let mut stage1 = vec![Vec::new(); n];
    for k in 0..STACK_BLOCKS {
        let train: Vec<_> = all.iter().enumerate().filter(|(i, _)| block(*i) != k).map(|(_, x)| *x).collect();
        let model = train_weights(&train, opts, |_, _| {});
        for i in (0..n).filter(|&i| block(i) == k) {
            stage1[i] = decode(&model, &base[i]);
        }
        progress("jackknife block", k + 1, 0);
    }
    let mut stacked = Vec::with_capacity(n);
    for window in document_windows(n) {
        let mut stats = DocumentStats::default();
        for i in window.clone() {
            stats.add_sentence(&sentences[i].tokens, script, &stage1[i]);
        }
        for i in window {
            let mut sf = SentenceFeatures::default();
            document_features(&base[i], &sentences[i].tokens, script, &stage1[i], &stats, &mut sf);
            stacked.push(sf);
        }
    }
    let all2: Vec<(&SentenceFeatures, &[usize])> =
        stacked.iter().zip(sentences).map(|(f, s)| (f, s.tags.as_slice())).collect();
    let stage2 = train_weights(&all2, opts, |e, err| progress("stage 2", e, err));
    LanguageModel {
        tagger,
        gazetteer,
        lexicon: build_lexicon(sentences.iter(), script),
        stage2: Some(stage2),
        dictionary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_tags_onto_tagger_tokens() {
        let s = GoldSentence {
            tokens: vec!["وقال".into(), "(بوتين)".into(), "اليوم".into()],
            tags: vec!["O".into(), "B-PERS".into(), "O".into()],
        };
        let p = project(&s);
        let words: Vec<&str> = p.tokens.iter().map(|t| t.text(&p.text)).collect();
        assert_eq!(words, vec!["وقال", "(", "بوتين", ")", "اليوم"]);
        assert_eq!(p.tags, vec![0, 1, 2, 2, 0]);
    }

    #[test]
    fn reads_conll() {
        let s = read_conll("A B-PER\nb O\n\nC B-LOC\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].tags, vec!["B-LOC"]);
    }
}
