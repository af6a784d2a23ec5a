//! Quotation and attribution extraction, Arabic and English: who said what, directly or in
//! reported speech.
//!
//! The pipeline, in text order:
//! 1. [`doc`]: tokens, quoted spans ([`marks`]) and sentences that never split a quotation.
//! 2. Cues: verbs of saying ([`lexicon`]), participles continuing a speaker ("adding",
//!    "مضيفا"), naming verbs ("called", "described … as", "وصف") and attributions
//!    ("according to", "بحسب", "وفق ما نقلته").
//! 3. For each cue, its subject ([`speaker`]) and what it governs ([`clause`]): a content
//!    clause (an indirect quote), a colon (a direct quote to the paragraph end), or nothing;
//!    a report before its cue ("…, officials said.") is the content too. Cues inside a
//!    quotation or inside an earlier content clause are the speaker's own words, not new
//!    attributions; negated ones ("declined to say") attribute nothing.
//! 4. Every quoted span gets the attribution it sits in, or the cue before it in its
//!    sentence, or the cue after it ("…," he said), or continues the quotation before it when
//!    its sentence is only that quotation. Short unattributed quotations (scare quotes) and
//!    quoted titles are dropped.
//! 5. A reported clause that mostly consists of a quotation is the quotation; one that embeds
//!    a short quoted fragment is kept alongside the fragment (the gold convention).
//!
//! Subjects without a name (pronouns, Arabic verbs with no subject) resolve to the last
//! speaker of matching gender or kind. The rules need no entity list; with one, speakers
//! resolve to canonical names.
//!
//! Offsets are byte offsets into the text passed in.

mod clause;
mod doc;
mod lexicon;
mod marks;
mod speaker;

use std::ops::Range;

use self::clause::Complement;
use self::doc::Doc;
use self::lexicon::{ArabicVerb, CueKind};
use self::speaker::{Resolver, Speaker, Wanted};
use crate::model::{EntityMention, Quote, QuoteKind};

/// Finds the quotations in `text`; speakers resolve to `entities` (byte offsets into `text`)
/// when those name them, and are kept as written otherwise.
pub fn extract(text: &str, entities: &[EntityMention]) -> Vec<Quote> {
    let doc = Doc::new(text);
    let owner = vec![None; doc.toks.len()];
    Extractor { doc: &doc, resolver: Resolver::new(&doc, entities), attributions: Vec::new(), owner }.run()
}

/// A cue word or phrase found in the text.
#[derive(Debug, Clone)]
struct Cue {
    /// Token range of the cue ("according to" is two tokens).
    toks: Range<usize>,
    kind: CueKind,
    arabic: Option<ArabicVerb>,
}

/// A cue with its resolved speaker and what it governs.
#[derive(Debug, Clone)]
struct Attribution {
    cue: Range<usize>,
    speaker: Option<Speaker>,
    sentence: usize,
    /// The reported clause, as tokens, when there is one.
    clause: Option<Range<usize>>,
    /// Verbatim words after a colon (to the paragraph end), when there is no quotation mark.
    colon_words: Option<Range<usize>>,
    /// The token after the colon, when the colon introduces a quotation mark.
    colon_next: Option<usize>,
}

struct Extractor<'d, 'a> {
    doc: &'d Doc<'a>,
    resolver: Resolver<'d, 'a>,
    attributions: Vec<Attribution>,
    /// Per token: the attribution whose clause or colon words hold it.
    owner: Vec<Option<usize>>,
}

impl<'d, 'a> Extractor<'d, 'a> {
    fn run(mut self) -> Vec<Quote> {
        for cue in self.find_cues() {
            if self.claimed(cue.toks.start) {
                continue;
            }
            if let Some(a) = self.attribute(&cue) {
                // A cue that reports nothing ("Film star sues over magazine claims": a noun
                // read as a verb) gives no speaker for later pronouns.
                let doc = self.doc;
                let reports = a.clause.is_some()
                    || a.colon_words.is_some()
                    || a.colon_next.is_some()
                    || doc
                        .sentence(cue.toks.start)
                        .any(|k| doc.quote_opening_at(k).is_some() || doc.quote_closing_at(k).is_some());
                if let Some(s) = a.speaker.as_ref().filter(|_| reports) {
                    self.resolver.remember(s);
                }
                for r in [&a.clause, &a.colon_words].into_iter().flatten() {
                    for slot in &mut self.owner[r.clone()] {
                        slot.get_or_insert(self.attributions.len());
                    }
                }
                self.attributions.push(a);
            }
        }
        let mut quotes = self.marked_quotes();
        quotes.extend(self.colon_quotes());
        quotes.extend(self.reported_quotes());
        quotes.sort_by_key(|q| (q.start, q.end));
        quotes.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.kind == b.kind);
        quotes
    }

    /// True when token `i` lies in words already attributed to someone.
    fn claimed(&self, i: usize) -> bool {
        self.doc.inside_quote[i].is_some() || self.owner[i].is_some()
    }

    fn find_cues(&self) -> Vec<Cue> {
        let toks = &self.doc.toks;
        let mut cues = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if self.doc.inside_quote[i].is_some() {
                continue;
            }
            if t.is_arabic() {
                if let Some(v) = lexicon::arabic_cue(&t.fold).or_else(|| lexicon::arabic_participle(&t.fold)) {
                    cues.push(Cue { toks: i..i + 1, kind: v.kind, arabic: Some(v) });
                } else if lexicon::arabic_according(&t.fold) && i + 1 < toks.len() {
                    cues.push(Cue { toks: i..i + 1, kind: CueKind::According, arabic: None });
                }
                continue;
            }
            if !t.raw.starts_with(|c: char| c.is_lowercase()) && t.raw != "According" {
                continue;
            }
            let word = |k: usize| toks.get(k).map_or("", |n| n.raw);
            // Phrasal verbs of saying, as many words as they take: "pointed out that", "made
            // clear that", "made it clear that".
            let made = matches!(t.fold.as_str(), "made" | "makes" | "make");
            let phrasal = match (word(i + 1), word(i + 2)) {
                ("out", _) if matches!(t.fold.as_str(), "pointed" | "points" | "point") => 2,
                ("clear", _) if made => 2,
                ("it", "clear") if made => 3,
                _ => 0,
            };
            if t.fold == "according" && word(i + 1) == "to" {
                cues.push(Cue { toks: i..i + 2, kind: CueKind::According, arabic: None });
            } else if phrasal > 0 {
                cues.push(Cue { toks: i..i + phrasal, kind: CueKind::Speech, arabic: None });
            } else if let Some(kind) = lexicon::english_cue(&t.fold) {
                cues.push(Cue { toks: i..i + 1, kind, arabic: None });
            }
        }
        cues
    }

    fn attribute(&self, cue: &Cue) -> Option<Attribution> {
        let doc = self.doc;
        let sent = doc.sentence(cue.toks.start);
        let mut a = Attribution {
            cue: cue.toks.clone(),
            speaker: None,
            sentence: doc.sent_of[cue.toks.start],
            clause: None,
            colon_words: None,
            colon_next: None,
        };
        match (cue.kind, cue.arabic) {
            (CueKind::According, _) => return self.according(cue, a),
            (CueKind::Participle, Some(_)) => {
                let (_, complement) = clause::arabic(doc, cue.toks.end, &sent);
                a.speaker = self.sentence_speaker(cue);
                self.govern(&mut a, complement, &sent, false);
            }
            (_, Some(verb)) if verb.lemma == "نقل" => return self.relayed(cue, a, &sent),
            (_, Some(verb)) => {
                let after = cue.toks.end;
                let (region, complement) = clause::arabic(doc, after, &sent);
                let region =
                    if verb.kind == CueKind::Naming { region.start..region.end.min(after + 3) } else { region };
                let subject = self.resolver.arabic_subject(region.clone(), verb.feminine);
                let subject_less = subject.is_none();
                a.speaker = subject.or_else(|| self.resolver.arabic_preverbal_subject(cue.toks.start, verb.feminine));
                if a.speaker.is_none() {
                    // "ويذكر أن …" without a subject is the impersonal "it is noted that".
                    if subject_less && verb.imperfect && verb.lemma == "ذكر" {
                        return None;
                    }
                    let at = doc.toks[cue.toks.start].start;
                    a.speaker = self.resolver.back_reference(Wanted::ArabicGender(verb.feminine), at);
                }
                if verb.kind == CueKind::Speech {
                    self.govern(&mut a, complement, &sent, false);
                }
            }
            (kind, None) => {
                let word = doc.toks[cue.toks.start].fold.clone();
                if self.english_negated(cue.toks.start) {
                    return None;
                }
                let complement = if kind == CueKind::Naming {
                    Complement::None
                } else {
                    clause::english(doc, &word, cue.toks.end, &sent)
                };
                a.speaker = self.english_speaker(cue, kind, &sent, complement);
                self.govern(&mut a, complement, &sent, lexicon::english_present(&word));
                if kind == CueKind::Speech && a.clause.is_none() && a.colon_words.is_none() {
                    a.clause = self.preceding_claim(cue, &sent);
                }
            }
        }
        Some(a)
    }

    /// The speaker of an English cue: subject before the verb, inverted after a quotation, or
    /// for a participle ("adding") the subject of the sentence's main speech verb.
    fn english_speaker(
        &self,
        cue: &Cue,
        kind: CueKind,
        sent: &Range<usize>,
        complement: Complement,
    ) -> Option<Speaker> {
        let doc = self.doc;
        let start = cue.toks.start;
        if kind == CueKind::Participle {
            // "Trump was quoted as saying that …": the subject of the passive is the speaker.
            let toks = &doc.toks;
            if start >= sent.start + 3
                && toks[start - 1].raw == "as"
                && matches!(toks[start - 2].raw, "quoted" | "cited")
            {
                let mut verb = start - 2;
                while verb > sent.start
                    && matches!(toks[verb - 1].raw.to_lowercase().as_str(), "was" | "is" | "were" | "been" | "being")
                {
                    verb -= 1;
                }
                if let Some(s) = self.resolver.english_subject_before(verb, sent.start) {
                    return Some(s);
                }
            }
            return self.sentence_speaker(cue);
        }
        // "Schumer called it "a wolf" and said …": a second verb shares the first one's subject.
        if start > sent.start
            && doc.toks[start - 1].raw == "and"
            && let Some(s) = self
                .attributions
                .iter()
                .rev()
                .find(|a| a.sentence == doc.sent_of[start])
                .and_then(|a| a.speaker.clone())
        {
            return Some(s);
        }
        // "The Kremlin denied it, calling the accusations "absurd"": a naming participle, too,
        // speaks for the sentence's subject.
        if kind == CueKind::Naming && doc.toks[start].raw.ends_with("ing") {
            return self.sentence_speaker(cue);
        }
        // A quotation before the verb bounds the subject: "…," Mr Eddington said.
        let floor =
            (sent.start..start).rev().find(|&k| doc.quote_closing_at(k).is_some()).map_or(sent.start, |k| k + 1);
        let mut before = start;
        while before > sent.start && matches!(doc.toks[before - 1].raw, "," | "،") {
            before -= 1;
        }
        // "…, said a spokesman": a verb right after the comma that ends a claim.
        let after_comma = before < start && self.speaker_follows(cue.toks.end, sent.end);
        let inverted =
            before == sent.start || (before > 0 && doc.quote_closing_at(before - 1).is_some()) || after_comma;
        if inverted
            && complement == Complement::None
            && let Some(s) = self.resolver.english_subject_after(cue.toks.end, sent.end)
        {
            return Some(s);
        }
        self.resolver.english_subject_before(start, floor)
    }

    /// "نقلت وكالة رويترز عن مسؤول أوروبي قوله إن …": the outlet relays; the speaker is the
    /// source after "عن", and the clause follows "قوله إن" / "أن" / a colon.
    fn relayed(&self, cue: &Cue, mut a: Attribution, sent: &Range<usize>) -> Option<Attribution> {
        let doc = self.doc;
        let toks = &doc.toks;
        let from = (cue.toks.end..sent.end.min(cue.toks.end + 8)).find(|&k| toks[k].fold == "عن")?;
        let mut k = from + 1;
        while k < sent.end && k - from < 10 {
            let t = &toks[k];
            if t.is_punct() || lexicon::arabic_complementiser(&t.fold) || t.fold.starts_with("قول") {
                break;
            }
            k += 1;
        }
        a.speaker = self.resolver.arabic_subject(from + 1..k, false);
        if k < sent.end && toks[k].fold.starts_with("قول") {
            k += 1;
        }
        let complement = match toks.get(k).filter(|_| k < sent.end) {
            Some(t) if lexicon::arabic_complementiser(&t.fold) => Complement::Clause(k + 1),
            Some(t) if t.raw == ":" => Complement::Colon(k),
            _ => Complement::None,
        };
        self.govern(&mut a, complement, sent, false);
        Some(a)
    }

    /// "did not say", "declined to say", "would not say whether", "the reported deal": no content
    /// is attributed.
    fn english_negated(&self, verb: usize) -> bool {
        let toks = &self.doc.toks;
        let before = |n: usize| verb.checked_sub(n).map(|k| toks[k].raw.to_lowercase()).unwrap_or_default();
        let negation = |w: &str| w == "not" || w == "never" || w.ends_with("n't");
        // After a determiner the word is a noun or an adjective: "the claims", "the reported deal".
        if matches!(
            before(1).as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "these" | "those"
        ) {
            return true;
        }
        let declined =
            before(1) == "to" && matches!(before(2).as_str(), "declined" | "refused" | "declining" | "refusing");
        let whether = toks.get(verb + 1).is_some_and(|t| matches!(t.raw, "whether" | "if" | "how" | "why" | "what"));
        negation(&before(1)) || declined || (whether && (negation(&before(2)) || before(1) == "to"))
    }

    /// A report given before its attribution: "The campaign expects turnout to rise, officials
    /// said." / "…, said a spokesman in a statement." The claim is the sentence up to the comma.
    fn preceding_claim(&self, cue: &Cue, sent: &Range<usize>) -> Option<Range<usize>> {
        let doc = self.doc;
        let toks = &doc.toks;
        let comma = (sent.start..cue.toks.start).rev().find(|&k| matches!(toks[k].raw, "," | "،"))?;
        // Only the speaker's words may sit between the comma and the verb …
        let subject = comma + 1..cue.toks.start;
        if subject.len() > 8 || subject.clone().any(|k| toks[k].is_punct() && toks[k].raw != ".") {
            return None;
        }
        // With no subject between, the verb is inverted ("…, said a spokesman"), which news
        // writes with a few verbs only; "The company, which says …, reported a loss" is no claim.
        if subject.is_empty() && !self.speaker_follows(cue.toks.end, sent.end) {
            return None;
        }
        // … and only a short adjunct after it ("in a statement", "on Monday").
        let rest = cue.toks.end..sent.end;
        if rest.len() > 12 || rest.clone().any(|k| doc.quote_opening_at(k).is_some()) {
            return None;
        }
        if rest.clone().any(|k| toks[k].raw == "that" || toks[k].raw == ":") {
            return None;
        }
        // A quotation before the comma is a direct quote already attributed by this cue.
        if comma == 0 || doc.quote_closing_at(comma - 1).is_some() || doc.inside_quote[comma - 1].is_some() {
            return None;
        }
        let end = clause::trim_end(doc, sent.start, comma);
        let claim = sent.start..end;
        let words = claim.clone().filter(|&k| !toks[k].is_punct()).count();
        (words >= 4 && !claim.clone().any(|k| self.claimed(k))).then_some(claim)
    }

    /// True when a speaker follows an inverted verb: a name or a noun for people or bodies within
    /// a few words ("said Mr Smith", "warned a senior diplomat"), not an object ("reported a loss").
    fn speaker_follows(&self, from: usize, end: usize) -> bool {
        let toks = &self.doc.toks;
        let in_np = |k: &usize| {
            (!toks[*k].is_punct() || toks[*k].raw == ".")
                && !lexicon::english_postmodifier(&toks[*k].raw.to_lowercase())
        };
        (from..end.min(from + 4)).take_while(in_np).any(|k| {
            let lower = toks[k].raw.to_lowercase();
            toks[k].is_capitalised() || lexicon::english_role_noun(&lower) || lexicon::english_org_noun(&lower)
        })
    }

    /// For a participle ("adding", "مضيفا"): the speaker of the sentence's main verb, else the
    /// name opening the sentence, else the last speaker.
    fn sentence_speaker(&self, cue: &Cue) -> Option<Speaker> {
        let sentence = self.doc.sent_of[cue.toks.start];
        self.attributions
            .iter()
            .rev()
            .find(|a| a.sentence == sentence)
            .and_then(|a| a.speaker.clone())
            .or_else(|| self.resolver.sentence_subject(self.doc.sentence(cue.toks.start), cue.toks.start))
            .or_else(|| self.resolver.history.last().cloned())
    }

    /// Records what the verb governs: a reported clause or verbatim words after a colon.
    fn govern(&self, a: &mut Attribution, complement: Complement, sent: &Range<usize>, present: bool) {
        let doc = self.doc;
        match complement {
            Complement::Clause(start) => {
                let c = a.cue.start;
                let in_relative =
                    c >= 2 && matches!(doc.toks[c - 1].raw, "which" | "who") && doc.toks[c - 2].raw == ",";
                let end = clause::clause_end(doc, start, sent.end, present, in_relative);
                if end > start {
                    a.clause = Some(start..end);
                }
            }
            Complement::Colon(colon) => {
                let next = colon + 1;
                if next >= doc.toks.len() {
                    return;
                }
                if doc.quote_opening_at(next).is_some() {
                    a.colon_next = Some(next);
                    return;
                }
                if doc.para_of[next] != doc.para_of[colon] {
                    return;
                }
                // Verbatim words without marks run to the end of the paragraph.
                let para = doc.para_of[colon];
                let mut end = next;
                while end < doc.toks.len() && doc.para_of[end] == para {
                    end += 1;
                }
                let end = clause::trim_end(doc, next, end);
                if end > next {
                    a.colon_words = Some(next..end);
                }
            }
            Complement::None => {}
        }
    }

    /// "according to X" / "بحسب X": the claim is the rest of the sentence.
    fn according(&self, cue: &Cue, mut a: Attribution) -> Option<Attribution> {
        let doc = self.doc;
        let toks = &doc.toks;
        let sent = doc.sentence(cue.toks.start);
        let mut np_start = cue.toks.end;
        if !toks[cue.toks.start].is_arabic() {
            a.speaker = self.resolver.english_subject_after(np_start, sent.end);
        } else {
            // "بحسب ما ذكرت الوزارة", "وفقا لـ", "نقلا عن".
            if toks.get(np_start).is_some_and(|t| t.fold == "ما") {
                np_start += 2;
                // "بحسب ما أفاد به مراسل الجزيرة": the verb's resumptive "به" / "بها".
                if toks.get(np_start).is_some_and(|t| matches!(t.fold.as_str(), "به" | "بها" | "بهم")) {
                    np_start += 1;
                }
            }
            if toks.get(np_start).is_some_and(|t| matches!(t.raw, "لـ" | "ل" | "عن")) {
                np_start += 1;
            }
            let mut end = np_start;
            while end < sent.end && end - np_start < 8 && !toks[end].is_punct() {
                end += 1;
            }
            a.speaker = self.resolver.arabic_subject(np_start..end, false).map(strip_glued_lam);
            // "حسب تعبيره", "على حد قولها": the source is the last speaker of that gender.
            let own_words = |t: &str| ["تعبير", "قول", "وصف"].iter().any(|w| t.starts_with(w));
            if let Some(t) = toks.get(np_start).filter(|t| own_words(&t.fold)) {
                let feminine = t.fold.ends_with("ها");
                a.speaker = self.resolver.back_reference(Wanted::ArabicGender(feminine), t.start);
            }
        }
        let speaker_end = a
            .speaker
            .as_ref()
            .and_then(|s| (np_start..sent.end).find(|&k| toks[k].start >= s.span.1))
            .unwrap_or(np_start);
        // At the head of the sentence the claim follows; otherwise it precedes.
        let leading = (sent.start..cue.toks.start)
            .all(|k| matches!(toks[k].fold.as_str(), "و" | "but" | "and" | "," | "،") || k == cue.toks.start)
            || doc.toks[cue.toks.start].fold == "وبحسب";
        let claim = if leading {
            // The claim follows the comma that closes the source ("According to a poll released
            // Sunday, …"), or the source itself when there is none.
            let comma = (speaker_end.min(cue.toks.end)..sent.end).find(|&k| matches!(toks[k].raw, "," | "،"));
            let mut s = comma.map_or(speaker_end, |c| c.max(speaker_end));
            while s < sent.end
                && (matches!(toks[s].raw, "," | "،") || matches!(toks[s].fold.as_str(), "فان" | "فانه" | "فانها"))
            {
                s += 1;
            }
            s..clause::clause_end(doc, s, sent.end, false, false)
        } else {
            sent.start..clause::trim_end(doc, sent.start, cue.toks.start)
        };
        if claim.len() >= 3 {
            a.clause = Some(claim);
        }
        Some(a)
    }

    // ------------------------------------------------------------------ quotes

    fn quote(&self, content: (usize, usize), kind: QuoteKind, a: Option<&Attribution>) -> Quote {
        let text = self.doc.text;
        let (mut s, mut e) = content;
        while s < e && text[s..].starts_with(char::is_whitespace) {
            s += text[s..].chars().next().map_or(1, char::len_utf8);
        }
        while e > s && text[..e].ends_with(char::is_whitespace) {
            e -= text[..e].chars().next_back().map_or(1, char::len_utf8);
        }
        let speaker = a.and_then(|a| a.speaker.as_ref());
        let cue_span = a.map(|a| self.doc.bytes(a.cue.clone()));
        Quote {
            start: s,
            end: e,
            text: text[s..e].to_string(),
            kind,
            speaker: speaker.map(|s| s.name.clone()),
            speaker_span: speaker.map(|s| s.span),
            cue: cue_span.map(|(cs, ce)| text[cs..ce].to_string()),
            cue_span,
        }
    }

    /// Quotations in marks, each with the attribution that governs it.
    fn marked_quotes(&self) -> Vec<Quote> {
        let doc = self.doc;
        let mut out = Vec::new();
        let mut previous: Option<(usize, Option<usize>)> = None; // (close token, attribution)
        let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); doc.sents.len()];
        for (i, a) in self.attributions.iter().enumerate() {
            by_sentence[a.sentence].push(i);
        }
        for (qi, q) in doc.quoted.iter().enumerate() {
            let open = q.open_tok;
            // Marks inside verbatim colon words are the speaker's own.
            if self.owner[open].is_some_and(|i| self.attributions[i].colon_words.is_some()) {
                continue;
            }
            let sentence = doc.sent_of[open];
            let in_sentence = &by_sentence[sentence];
            let words = doc.text[q.span.content().0..q.span.content().1].split_whitespace().count();
            let found = self.owner[open]
                .or_else(|| {
                    // "said:" at a paragraph end, the quotation in the next paragraph.
                    open.checked_sub(2).and_then(|k| {
                        by_sentence[doc.sent_of[k]]
                            .iter()
                            .copied()
                            .find(|&i| self.attributions[i].colon_next == Some(open))
                    })
                })
                .or_else(|| in_sentence.iter().copied().rev().find(|&i| self.attributions[i].cue.end <= open))
                .or_else(|| {
                    in_sentence.iter().copied().find(|&i| {
                        let a = &self.attributions[i];
                        a.cue.start > q.close_tok
                            && (q.close_tok + 1..a.cue.start).all(|k| doc.quote_opening_at(k).is_none())
                    })
                })
                .or_else(|| {
                    // A sentence that is just a quotation continues the quotation before it.
                    let opens_sentence = doc.sents[sentence].start == open;
                    previous.and_then(|(close, a)| {
                        (opens_sentence && doc.sent_of[close] + 1 >= sentence).then_some(a).flatten()
                    })
                });
            // A quoted name inside a speaker's description (صحيفة "نيويورك تايمز") is a name.
            let (qs, qe) = q.span.outer();
            let in_speaker = self
                .attributions
                .iter()
                .filter(|a| a.sentence == sentence)
                .any(|a| a.speaker.as_ref().is_some_and(|sp| sp.span.0 < qe && qs < sp.span.1));
            if (found.is_none() && words < 4) || doc.is_title(qi) || in_speaker {
                continue; // scare quotes, titles, a grade: not attributed speech
            }
            let a = found.map(|i| &self.attributions[i]);
            // "It was a good day," said Mr. Smith, "and we expect more.": one quotation that its
            // attribution interrupts is one quote, over its whole extent (as PolNeAR marks such
            // content), not two.
            let interrupted = match (previous, out.last(), found) {
                (Some((close, before)), Some(last), Some(i)) if before == found => self.interrupts(close, q, i, last),
                _ => false,
            };
            if interrupted && let Some(last) = out.pop() {
                out.push(self.quote((last.start, q.span.content().1), QuoteKind::Direct, a));
            } else {
                out.push(self.quote(q.span.content(), QuoteKind::Direct, a));
            }
            previous = Some((q.close_tok, found));
        }
        out
    }

    /// True when the quotation `q` continues the quote `before` (closed at token `close`) after
    /// an interruption that holds only attribution `a`'s cue and speaker: the first part ends on
    /// a comma, the gap is a short clause in the same paragraph ending on a comma, and the second
    /// part goes on in lower case.
    fn interrupts(&self, close: usize, q: &doc::Quoted, a: usize, before: &Quote) -> bool {
        let doc = self.doc;
        let cue = &self.attributions[a].cue;
        let gap = close + 1..q.open_tok;
        let continues =
            doc.text[q.span.content().0..].chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase);
        before.text.ends_with(',')
            && continues
            && gap.len() <= 8
            && cue.start >= gap.start
            && cue.end <= gap.end
            && doc.toks[gap.end - 1].raw == ","
            && doc.para_of[close] == doc.para_of[q.open_tok]
    }

    fn colon_quotes(&self) -> Vec<Quote> {
        self.attributions
            .iter()
            .filter_map(|a| {
                let r = a.colon_words.clone()?;
                Some(self.quote(self.doc.bytes(r), QuoteKind::Direct, Some(a)))
            })
            .collect()
    }

    /// Reported clauses, except those that are mostly a quotation (that quotation stands for
    /// them).
    fn reported_quotes(&self) -> Vec<Quote> {
        let doc = self.doc;
        self.attributions
            .iter()
            .filter_map(|a| {
                let r = a.clause.clone()?;
                let (s, e) = doc.bytes(r);
                // Words of the clause inside quotation marks, against all its words.
                let first = doc.quoted.partition_point(|q| q.span.outer().1 <= s);
                let quoted: usize = doc.quoted[first..]
                    .iter()
                    .take_while(|q| q.span.open < e)
                    .map(|q| {
                        let (qs, qe) = q.span.content();
                        words(&doc.text[qs.max(s)..qe.min(e).max(qs.max(s))])
                    })
                    .sum();
                let all = words(&doc.text[s..e]);
                (quoted * 2 < all).then(|| self.quote((s, e), QuoteKind::Indirect, Some(a)))
            })
            .collect()
    }
}

/// Number of words (runs of letters or digits) in a text.
fn words(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count()
}

/// "لوكالة رويترز" after "وفقا": the glued preposition is not part of the name.
fn strip_glued_lam(mut s: Speaker) -> Speaker {
    if s.name.starts_with('ل') && s.name.chars().nth(1).is_some_and(|c| c != ' ') {
        s.name = s.name['ل'.len_utf8()..].to_string();
        s.span.0 += 'ل'.len_utf8();
    }
    s
}
