//! Who said it: the subject noun phrase of a speech verb, resolved to a named entity.
//!
//! Arabic is verb-first (وقال يوري أوشاكوف، كبير مستشاري … إن): the subject follows the verb
//! and ends at a comma (an appositive follows), an adjunct (أمس, في بيان, للصحفيين) or the
//! complementiser. English is subject-first ("Rod Eddington, BA's chief executive, said") with
//! inversion after a quotation ("…," said Mr Smith); its noun phrases are head-final, so the
//! speaker is the last name of the phrase once post-modifiers ("of Dresdner …") are cut.
//!
//! A phrase resolves to the entity list when its head is an entity mention; otherwise the
//! words are kept as written ("مصدر ثان", "Mr Blair's official spokesman"), which is what the
//! gold convention asks for anonymous and descriptive sources. Without any entity list the
//! same rules still give the written name, so the module works before NER is available.

use std::ops::Range;

use super::doc::Doc;
use super::lexicon::{self, Pronoun};
use crate::model::{EntityMention, EntityType};
use crate::nlp::normalize::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Person,
    Org,
    Unknown,
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    /// Byte range of the mention the name was resolved from.
    pub span: (usize, usize),
    pub class: Class,
    /// `Some(true)` feminine, `Some(false)` masculine, `None` unknown.
    pub feminine: Option<bool>,
}

/// What a subject-less verb or a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Arabic verb agreement: masculine or feminine (organisations are often feminine).
    ArabicGender(bool),
    English(Pronoun),
}

/// Speakers named so far, most recent last, for pronouns and verbs without a subject.
pub struct Resolver<'d, 'a> {
    doc: &'d Doc<'a>,
    /// Entity mentions sorted by start, for binary search.
    entities: Vec<&'d EntityMention>,
    pub history: Vec<Speaker>,
}

/// How far back (in tokens) name look-ups go: a pronoun's antecedent or a name's fuller form
/// is near, and a bound keeps long texts linear.
const LOOKBACK_TOKENS: usize = 3000;

/// Longest entity mention considered when searching mentions by position, in bytes.
const MAX_MENTION_BYTES: usize = 400;

impl<'d, 'a> Resolver<'d, 'a> {
    pub fn new(doc: &'d Doc<'a>, entities: &'d [EntityMention]) -> Self {
        let mut entities: Vec<&EntityMention> = entities.iter().collect();
        entities.sort_by_key(|m| (m.start, m.end));
        Resolver { doc, entities, history: Vec::new() }
    }

    /// Entity mentions overlapping the byte range.
    fn entities_in(&self, (s, e): (usize, usize)) -> impl Iterator<Item = &'d EntityMention> + '_ {
        let from = self.entities.partition_point(|m| m.start + MAX_MENTION_BYTES < s);
        self.entities[from..].iter().copied().take_while(move |m| m.start < e).filter(move |m| s < m.end)
    }

    /// Entity mentions ending before byte `before`, nearest first, within the look-back window.
    fn entities_before(&self, before: usize) -> impl Iterator<Item = &'d EntityMention> + '_ {
        let upto = self.entities.partition_point(|m| m.start < before);
        self.entities[..upto].iter().rev().copied().filter(move |m| m.end <= before).take(LOOKBACK_TOKENS / 10)
    }

    fn entity_speaker(&self, m: &EntityMention) -> Speaker {
        let class = match m.entity_type {
            EntityType::Person => Class::Person,
            EntityType::Org => Class::Org,
            EntityType::Loc => Class::Org, // a country or capital speaking for its government
        };
        let surface = &self.doc.text[m.start..m.end];
        let feminine = if class == Class::Org {
            None
        } else {
            english_gender_before(self.doc, m.start).or_else(|| first_name_gender(&m.canonical))
        };
        let feminine = feminine.or_else(|| arabic_feminine(surface).then_some(true).filter(|_| class == Class::Org));
        Speaker { name: m.canonical.clone(), span: (m.start, m.end), class, feminine }
    }

    /// Records a speaker for later pronouns.
    pub fn remember(&mut self, s: &Speaker) {
        self.history.push(s.clone());
    }

    // ---------------------------------------------------------------- Arabic

    /// The subject after an Arabic verb, within `region` (tokens up to the complementiser).
    pub fn arabic_subject(&self, region: Range<usize>, verb_feminine: bool) -> Option<Speaker> {
        let doc = self.doc;
        let toks = &doc.toks;
        let mut i = region.start;
        // Adverbs between the verb and its subject ("وقال أيضا المسؤول").
        while i < region.end && matches!(toks[i].fold.as_str(), "ايضا" | "مجددا" | "كذلك" | "بدوره" | "بدورها")
        {
            i += 1;
        }
        let start = i;
        while i < region.end && i - start < 10 {
            let t = &toks[i];
            // A quoted name after a descriptor: صحيفة "نيويورك تايمز".
            if let Some(qi) = doc.quote_opening_at(i)
                && i > start
                && lexicon::arabic_title(&toks[i - 1].fold)
                && doc.quoted[qi].close_tok - i <= 6
                && doc.quoted[qi].close_tok < region.end
            {
                i = doc.quoted[qi].close_tok + 1;
                continue;
            }
            if t.is_punct() || doc.inside_quote[i].is_some() {
                break;
            }
            let next = toks.get(i + 1).filter(|_| i + 1 < region.end).map(|n| n.fold.as_str());
            // "مصادر مطلعة للجزيرة": after a head and its adjective, a word with the preposition
            // ل is the addressee ("لـ" written apart too).
            let addressee =
                (t.fold.starts_with('ل') && !t.fold.starts_with("ال") && i - start >= 2) || matches!(t.raw, "لـ" | "ل");
            // "مصدر في البيت الأبيض وجود أي خلاف": a preposition and a name close the subject;
            // what follows is the verb's object.
            if i > start
                && matches!(t.fold.as_str(), "في" | "لدي" | "داخل")
                && let Some(n) = toks.get(i + 2).filter(|_| i + 2 < region.end).or(toks.get(i + 1))
                && let Some(m) = self.entities_in((toks[i + 1].start, n.end)).find(|m| m.start >= toks[i + 1].start)
            {
                let mut j = i + 1;
                while j < region.end && toks[j].end <= m.end {
                    j += 1;
                }
                i = j;
                break;
            }
            if lexicon::arabic_np_stop(&t.fold, next)
                || addressee
                || lexicon::arabic_participle(&t.fold).is_some()
                || (t.fold == "من" && next.is_some_and(lexicon::arabic_complementiser))
            {
                break;
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        let mut np = start..i;
        // "أكد الرئيس الأمريكى، دونالد ترامب، أن": a title phrase, then the name between commas.
        if np.clone().all(|k| lexicon::arabic_title(&toks[k].fold))
            && i < region.end
            && matches!(toks[i].raw, "،" | ",")
        {
            let name_start = i + 1;
            let mut j = name_start;
            while j < region.end && !toks[j].is_punct() && j - name_start < 4 {
                j += 1;
            }
            if j > name_start && j < region.end && matches!(toks[j].raw, "،" | ",") {
                np = name_start..j;
            }
        }
        Some(self.arabic_np(np, verb_feminine))
    }

    /// The noun phrase before a verb in "وكان مسؤول في البيت الأبيض قال إن".
    pub fn arabic_preverbal_subject(&self, verb: usize, verb_feminine: bool) -> Option<Speaker> {
        let doc = self.doc;
        let sent = doc.sentence(verb);
        let mut k = verb;
        while k > sent.start && verb - k < 8 {
            let t = &doc.toks[k - 1];
            if t.is_punct() {
                return None;
            }
            if t.fold == "كان" || t.fold == "كانت" || t.fold.ends_with("وكان") || t.fold.ends_with("وكانت")
            {
                // "وكان الوزير قد صرح": the particle قد belongs to the verb.
                let mut end = verb;
                while end > k && matches!(doc.toks[end - 1].fold.as_str(), "قد" | "لقد") {
                    end -= 1;
                }
                return (k < end).then(|| self.arabic_np(k..end, verb_feminine));
            }
            k -= 1;
        }
        None
    }

    fn arabic_np(&self, np: Range<usize>, verb_feminine: bool) -> Speaker {
        let doc = self.doc;
        let (s, e) = doc.bytes(np.clone());
        // The head is the first word after any titles; it is an entity when a mention covers it.
        let head = np
            .clone()
            .find(|&k| !lexicon::arabic_title(&doc.toks[k].fold) && !doc.toks[k].is_punct())
            .unwrap_or(np.start);
        let head_tok = &doc.toks[head];
        let first_is_title = head > np.start;
        // "المتحدث باسم الكرملين ديمتري بيسكوف": a description of a body that ends in a
        // person's name names that person, not the body.
        let at_head = self.entities_in((head_tok.start, head_tok.end)).next();
        let entity = at_head
            .filter(|m| m.entity_type == EntityType::Person)
            .or_else(|| self.appositive_name(np.clone()))
            .or(at_head)
            .or_else(|| {
                // "الرئيس الأميركي دونالد ترامب": after titles, the first person entity in the phrase.
                first_is_title.then(|| self.entities_in((s, e)).find(|m| m.entity_type == EntityType::Person)).flatten()
            });
        // "قطر ومصر": coordinated names are one plural speaker, kept as written.
        let coordinated = entity.is_some_and(|m| {
            np.clone().any(|k| {
                let t = &doc.toks[k];
                t.start >= m.end && t.fold.starts_with('و') && self.entities_in((t.start, t.end)).next().is_some()
            })
        });
        if let Some(m) = entity.filter(|_| !coordinated) {
            let mut sp = self.entity_speaker(m);
            sp.feminine = sp.feminine.or(Some(verb_feminine));
            return sp;
        }
        // A short definite description refers back: الوزارة → وزارة الخارجية الأميركية.
        let first = &doc.toks[np.start];
        if np.len() <= 3
            && let Some(stem) = first.fold.strip_prefix("ال")
            && let Some(prev) = self.antecedent_by_word(stem, s)
        {
            return Speaker { span: (s, e), ..prev };
        }
        let class = if self.entities_in((s, e)).any(|m| m.entity_type == EntityType::Person) && np.len() <= 3 {
            Class::Person
        } else {
            Class::Unknown
        };
        Speaker { name: doc.text[s..e].to_string(), span: (s, e), class, feminine: Some(verb_feminine) }
    }

    /// A description ending in a person's name names that person: "المتحدثة باسم وزارة
    /// الخارجية الروسية ماريا زاخاروفا". Not when the name hangs off a preposition or a
    /// construct noun ("مستشار للرئيس دونالد ترامب", "كبير مستشاري الرئيس …"): there the name
    /// is someone else's.
    fn appositive_name(&self, np: Range<usize>) -> Option<&'d EntityMention> {
        let doc = self.doc;
        let last = &doc.toks[np.end - 1];
        let m = self.entities_in((last.start, last.end)).find(|m| m.entity_type == EntityType::Person)?;
        let before_name = np.clone().filter(|&k| doc.toks[k].end <= m.start);
        let blocked = before_name.clone().any(|k| {
            let f = &doc.toks[k].fold;
            // "للرئيس": the name belongs to the title after the preposition.
            let title_after_lam = f
                .strip_prefix("لل")
                .map(|r| format!("ال{r}"))
                .or_else(|| f.strip_prefix('ل').filter(|r| !r.starts_with('ا')).map(str::to_string))
                .is_some_and(|r| lexicon::arabic_person_title(&r));
            title_after_lam
                || matches!(f.as_str(), "مستشاري" | "مساعدي" | "احد" | "كبير" | "نجل" | "زوجه" | "ابنه" | "شقيق")
        });
        (before_name.count() > 0 && !blocked).then_some(m)
    }

    /// An earlier speaker or entity whose name starts with the word `stem` (folded, without ال).
    fn antecedent_by_word(&self, stem: &str, before: usize) -> Option<Speaker> {
        let first_word = |name: &str| {
            let f = fold(name);
            let w = f.split_whitespace().next().unwrap_or("").to_string();
            w.strip_prefix("ال").map(str::to_string).unwrap_or(w)
        };
        if let Some(s) = self.history.iter().rev().take(50).find(|s| first_word(&s.name) == stem) {
            return Some(s.clone());
        }
        self.entities_before(before)
            .filter(|m| m.entity_type != EntityType::Loc)
            .find(|m| first_word(&m.canonical) == stem)
            .map(|m| self.entity_speaker(m))
    }

    // ---------------------------------------------------------------- English

    /// The subject before an English verb at token `verb`, not reaching before `floor`.
    pub fn english_subject_before(&self, verb: usize, floor: usize) -> Option<Speaker> {
        let doc = self.doc;
        let toks = &doc.toks;
        let lower = |k: usize| toks[k].raw.to_lowercase();
        let mut j = verb;
        // An infinitive ("went on to say", "continued to insist"): the subject is that of the
        // verb governing it.
        if j > floor + 1 && toks[j - 1].raw == "to" {
            j -= 1;
            let mut skipped = 0;
            while j > floor && skipped < 2 && !toks[j - 1].is_punct() && !toks[j - 1].is_capitalised() {
                let w = lower(j - 1);
                if lexicon::english_pronoun(&w).is_some() || lexicon::english_np_barrier(&w) {
                    break;
                }
                j -= 1;
                skipped += 1;
            }
        }
        while j > floor && lexicon::english_pre_verb_skip(&lower(j - 1)) {
            j -= 1;
        }
        if j == floor {
            return None;
        }
        // "The Rail Delivery Group (RDG) said": the parenthesis is an aside.
        if toks[j - 1].raw == ")"
            && let Some(open) = (floor..j - 1).rev().take(8).find(|&k| toks[k].raw == "(")
        {
            j = open;
            if j == floor {
                return None;
            }
        }
        let delim = toks[j - 1].raw;
        if matches!(delim, "," | "-" | "–" | "—") {
            // "X, BA's chief executive, said": an appositive between two delimiters.
            let open = (floor..j - 1).rev().find(|&k| toks[k].raw == delim || (delim != "," && toks[k].raw == ","));
            let Some(open) = open else {
                return self.english_np_before(j - 1, floor);
            };
            // The head may end in its own aside: "The Rail Delivery Group (RDG), which …, said".
            let head = if open > floor && toks[open - 1].raw == ")" {
                self.english_subject_before(open, floor)
            } else {
                self.english_np_before(open, floor)
            };
            // "Four senators, including Rand Paul, announced": examples, not another name; and
            // ", which represents train operators," describes the head without naming it.
            let examples = matches!(
                toks[open + 1].raw,
                "including" | "among" | "such" | "like" | "which" | "who" | "whose" | "whom"
            );
            let appositive = (open + 1 < j - 1 && !examples).then(|| self.english_np(open + 1..j - 1));
            return match (head, appositive) {
                (Some(h), _) if self.is_named(&h) => Some(h),
                (_, Some(a)) if self.is_named(&a) => Some(a),
                (Some(h), _) => Some(h),
                (None, a) => a,
            };
        }
        self.english_np_before(j, floor)
    }

    /// True when the speaker is a name rather than a description.
    fn is_named(&self, s: &Speaker) -> bool {
        s.name.split_whitespace().last().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    }

    /// The noun phrase ending just before token `end`.
    fn english_np_before(&self, end: usize, floor: usize) -> Option<Speaker> {
        let doc = self.doc;
        let toks = &doc.toks;
        if end == floor {
            return None;
        }
        let last = &toks[end - 1];
        if let Some(p) = lexicon::english_pronoun(&last.raw.to_lowercase()) {
            return self.pronoun(p, end - 1);
        }
        // "a report, which said …", "officials who spoke …": the relative pronoun stands for the
        // noun phrase before it.
        if matches!(last.raw, "who" | "which" | "that") {
            let mut k = end - 1;
            while k > floor && matches!(toks[k - 1].raw, "," | "-" | "–" | "—") {
                k -= 1;
            }
            // The antecedent is the nearest noun phrase: "a showdown with Democrats who say".
            let floor = (floor..k)
                .rev()
                .find(|&i| {
                    let w = toks[i].raw.to_lowercase();
                    lexicon::english_postmodifier(&w) || lexicon::english_preposition(&w)
                })
                .map_or(floor, |i| i + 1);
            return self.english_np_before(k, floor).or_else(|| Some(self.written(end - 1)));
        }
        let mut k = end;
        while k > floor && end - k < 12 {
            let t = &toks[k - 1];
            if (t.is_punct() && !self.abbreviation_stop(k - 1)) || doc.inside_quote[k - 1].is_some() {
                break;
            }
            let lower = t.raw.to_lowercase();
            // A past-tense verb ("Earnest declined to say") is no part of a subject; a participle
            // right before a name ("retired general John Smith") is cut the same way, harmlessly,
            // since the head is the name.
            let verb_like = !t.is_capitalised() && lower.len() > 4 && lower.ends_with("ed");
            if lexicon::english_np_barrier(&lower) || verb_like {
                break;
            }
            k -= 1;
        }
        // Sentence-initial connectives are not part of the subject.
        while k < end && matches!(toks[k].raw, "But" | "And" | "Yet" | "So" | "However" | "Meanwhile" | "Also" | "Now")
        {
            k += 1;
        }
        (k < end).then(|| self.english_np(k..end))
    }

    /// The noun phrase after an inverted verb ("…," said Mr Smith, the minister).
    pub fn english_subject_after(&self, verb_end: usize, limit: usize) -> Option<Speaker> {
        let doc = self.doc;
        let toks = &doc.toks;
        let mut k = verb_end;
        while k < limit
            && k - verb_end < 10
            && (!toks[k].is_punct() || self.abbreviation_stop(k))
            && doc.inside_quote[k].is_none()
        {
            k += 1;
        }
        if k == verb_end {
            return None;
        }
        if let Some(p) = lexicon::english_pronoun(&toks[verb_end].raw.to_lowercase()) {
            return self.pronoun(p, verb_end);
        }
        Some(self.english_np(verb_end..k))
    }

    /// The full stop of "Sen." or "Mrs.", which belongs to the name.
    fn abbreviation_stop(&self, k: usize) -> bool {
        let toks = &self.doc.toks;
        toks[k].raw == "." && k > 0 && lexicon::abbreviation(toks[k - 1].raw)
    }

    /// Resolves an English noun phrase: head-final, post-modifiers cut.
    pub fn english_np(&self, np: Range<usize>) -> Speaker {
        let doc = self.doc;
        let toks = &doc.toks;
        // Cut "of Dresdner Kleinwort Wasserstein", "in Mumbai", "released Sunday" (a participle
        // after the head noun).
        // "Office of Rail and Road", "Department for Transport": "of" inside a name is kept.
        let end = (np.start + 1..np.end)
            .find(|&k| {
                let lower = toks[k].raw.to_lowercase();
                let in_name = lexicon::english_org_word(toks[k - 1].raw) && matches!(lower.as_str(), "of" | "for");
                (lexicon::english_postmodifier(&lower) && !in_name)
                    || (!toks[k].is_capitalised() && lower.len() > 4 && lower.ends_with("ed"))
            })
            .unwrap_or(np.end);
        let np = np.start..end;
        let head = np.end - 1;
        let head_tok = &toks[head];
        let entity = self.entities_in((head_tok.start, head_tok.end)).next();
        if let Some(m) = entity {
            let mut written = self.capitalised_run(np.start, head);
            while written < head
                && (lexicon::english_honorific(toks[written].raw).is_some()
                    || lexicon::english_title(toks[written].raw))
            {
                written += 1;
            }
            // Trust the written name when the tagger caught only its tail ("Brul" of "Nick Van
            // den Brul").
            if toks[written].start >= m.start || m.canonical.split_whitespace().count() > head + 1 - written {
                return self.entity_speaker(m);
            }
        }
        if head_tok.is_capitalised() {
            let mut k = self.capitalised_run(np.start, head);
            // "Transport Secretary Chris Grayling" → "Chris Grayling": titles before a name of two
            // or more words are not part of it.
            let organisation = (k..=head).any(|i| lexicon::english_org_word(toks[i].raw));
            if let Some(t) = (k..head).rev().find(|&i| lexicon::english_title(toks[i].raw))
                && head - t >= 2
                && !organisation
            {
                k = t + 1;
            }
            let (s, e) = doc.bytes(k..head + 1);
            let written = &doc.text[s..e];
            let honorific = lexicon::english_honorific(toks[k].raw);
            let feminine = honorific.flatten().or_else(|| first_name_gender(written));
            let acronym = |t: &str| t.chars().count() >= 2 && t.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
            let class = if (k..=head)
                .any(|i| lexicon::english_org_word(toks[i].raw) || (head > k && acronym(toks[i].raw)))
                || (k == head && head_tok.raw.len() >= 2 && head_tok.raw.chars().all(|c| c.is_uppercase()))
            {
                Class::Org
            } else if honorific.is_some() || head > k {
                Class::Person
            } else {
                Class::Unknown
            };
            let name = self.full_name(written, s).unwrap_or_else(|| written.to_string());
            return Speaker { name, span: (s, e), class, feminine };
        }
        let (s, e) = doc.bytes(np.clone());
        let lower = head_tok.raw.to_lowercase();
        let class = if lexicon::english_org_noun(&lower) { Class::Org } else { Class::Person };
        let feminine = if lower.ends_with("woman") || lower == "mother" || lower == "wife" {
            Some(true)
        } else if lower.ends_with("man") {
            Some(false)
        } else {
            None
        };
        Speaker { name: doc.text[s..e].to_string(), span: (s, e), class, feminine }
    }

    /// Where the name ending at `head` starts: capitalised words back from the head, with
    /// particles (Van den Brul), stopping at a possessive (The BBC's | Zubair Ahmed).
    fn capitalised_run(&self, floor: usize, head: usize) -> usize {
        let toks = &self.doc.toks;
        let mut k = head;
        let mut last_connector = None;
        while k > floor {
            let prev = &toks[k - 1];
            let particle = matches!(
                prev.raw,
                "van" | "den" | "de" | "da" | "von" | "der" | "al" | "bin" | "le" | "la" | "du" | "di"
            );
            // "Office of Rail and Road": connectors inside an organisation's name.
            let connector =
                matches!(prev.raw, "of" | "for" | "and" | "&") && k - 1 > floor && toks[k - 2].is_capitalised();
            if (prev.is_capitalised() || particle || connector)
                && !prev.raw.ends_with("'s")
                && !prev.raw.ends_with("’s")
            {
                k -= 1;
                if connector {
                    last_connector = Some(k);
                }
            } else {
                break;
            }
        }
        match last_connector {
            Some(c) if !(k..=head).any(|i| lexicon::english_org_word(toks[i].raw)) => c + 1,
            _ => k,
        }
    }

    /// The fullest earlier form of a name, for when no entity list is available:
    /// "Mr Eddington" → "Rod Eddington".
    fn full_name(&self, written: &str, at: usize) -> Option<String> {
        let words: Vec<&str> = written.split_whitespace().collect();
        let last = *words.last()?;
        let bare: Vec<&str> = words.iter().copied().filter(|w| lexicon::english_honorific(w).is_none()).collect();
        let doc = self.doc;
        let mut best: Option<String> = None;
        let upto = doc.tok_at_byte(at);
        for i in upto.saturating_sub(LOOKBACK_TOKENS)..upto {
            let t = &doc.toks[i];
            if t.raw != last {
                continue;
            }
            let mut k = i;
            while k > 0 {
                let p = &doc.toks[k - 1];
                let particle = matches!(p.raw, "van" | "den" | "de" | "da" | "von" | "der");
                if (p.is_capitalised() || particle)
                    && lexicon::english_honorific(p.raw).is_none()
                    && !p.raw.ends_with("'s")
                {
                    k -= 1;
                } else {
                    break;
                }
            }
            let (s, e) = doc.bytes(k..i + 1);
            let cand = &doc.text[s..e];
            let n = cand.split_whitespace().count();
            if n > bare.len() && n <= 4 && best.as_ref().is_none_or(|b| b.split_whitespace().count() < n) {
                best = Some(cand.to_string());
            }
        }
        best
    }

    // ---------------------------------------------------------------- pronouns

    /// Resolves a pronoun at token `at` to the last suitable speaker.
    /// Falls back to the pronoun itself when nothing fits: it is still where the source is
    /// named, and better than no speaker.
    pub fn pronoun(&self, p: Pronoun, at: usize) -> Option<Speaker> {
        let before = self.doc.toks[at].start;
        self.back_reference(Wanted::English(p), before).or_else(|| Some(self.written(at)))
    }

    /// A one-token speaker as written.
    fn written(&self, at: usize) -> Speaker {
        let t = &self.doc.toks[at];
        Speaker { name: t.raw.to_string(), span: (t.start, t.end), class: Class::Unknown, feminine: None }
    }

    /// The last speaker (or, failing that, entity mention) fitting the wanted features.
    pub fn back_reference(&self, wanted: Wanted, before: usize) -> Option<Speaker> {
        let fits = |s: &Speaker| match wanted {
            Wanted::ArabicGender(f) => s.feminine.unwrap_or(false) == f,
            Wanted::English(Pronoun::He) => s.class != Class::Org && s.feminine != Some(true) && !plural(s),
            Wanted::English(Pronoun::She) => s.class != Class::Org && s.feminine == Some(true) && !plural(s),
            Wanted::English(Pronoun::It) => s.class != Class::Person,
            Wanted::English(Pronoun::They) => true,
        };
        // A woman named by her given name several speakers back is not "she" when men and
        // surnames alone ("Clinton") have spoken since.
        let reach = if wanted == Wanted::English(Pronoun::She) { 3 } else { usize::MAX };
        if let Some(s) = self.history.iter().rev().take(reach).find(|s| fits(s)) {
            return Some(s.clone());
        }
        if wanted == Wanted::English(Pronoun::She)
            && let Some(s) = self.last_female_name(before)
        {
            return Some(s);
        }
        // No speaker yet: the last entity mention of a suitable kind.
        let kind_fits = |m: &EntityMention| match wanted {
            Wanted::English(Pronoun::It) | Wanted::English(Pronoun::They) => m.entity_type == EntityType::Org,
            Wanted::English(_) => m.entity_type == EntityType::Person,
            Wanted::ArabicGender(_) => m.entity_type != EntityType::Loc,
        };
        // Not of the other gender, when an honorific tells it ("she" is not "Mr. Smith").
        let gender_fits = |s: &Speaker| match wanted {
            Wanted::English(Pronoun::He) => s.feminine != Some(true),
            Wanted::English(Pronoun::She) => s.feminine != Some(false),
            _ => true,
        };
        if let Some(s) =
            self.entities_before(before).filter(|m| kind_fits(m)).map(|m| self.entity_speaker(m)).find(gender_fits)
        {
            return Some(s);
        }
        match wanted {
            Wanted::English(Pronoun::She) => self
                .history
                .iter()
                .rev()
                .find(|s| s.class != Class::Org && s.feminine.is_none())
                .cloned()
                .or_else(|| self.last_written_person(before, false)),
            Wanted::English(Pronoun::He) => self
                .last_written_person(before, true)
                .or_else(|| self.history.iter().rev().find(|s| s.class == Class::Unknown).cloned()),
            _ => None,
        }
    }

    /// Without entities: the last capitalised name of two or more words (or with an honorific)
    /// before a byte offset, not counting sentence-initial words alone, and not of the other
    /// gender than the one wanted (`masculine`).
    fn last_written_person(&self, before: usize, masculine: bool) -> Option<Speaker> {
        let toks = &self.doc.toks;
        let mut end = self.doc.tok_at_byte(before);
        let floor = end.saturating_sub(LOOKBACK_TOKENS);
        while end > floor {
            let mut k = end;
            while k > 0 && toks[k - 1].is_capitalised() && !toks[k - 1].is_punct() {
                k -= 1;
            }
            if end - k >= 2 || (end - k == 1 && k > 0 && lexicon::english_honorific(toks[k - 1].raw).is_some()) {
                let np = self.english_np(k..end);
                if np.class == Class::Person && np.feminine != Some(masculine) {
                    return Some(np);
                }
            }
            end = k.saturating_sub(1);
            if k == 0 {
                break;
            }
        }
        None
    }

    /// The subject of a sentence whose main verb is not a verb of saying ("Gerry Conlon spoke,
    /// adding: …"; "Donald Trump accused …, telling supporters …"): the first person named in
    /// it before `before`, else the first capitalised name of two or more words.
    pub fn sentence_subject(&self, sent: Range<usize>, before: usize) -> Option<Speaker> {
        let doc = self.doc;
        let (s, _) = doc.bytes(sent.clone());
        let e = doc.toks[before].start;
        if let Some(m) =
            self.entities_in((s, e)).find(|m| m.start >= s && m.end <= e && m.entity_type == EntityType::Person)
        {
            return Some(self.entity_speaker(m));
        }
        let toks = &doc.toks;
        let mut k = sent.start;
        while k < before {
            let mut end = k;
            while end < before && toks[end].is_capitalised() && !toks[end].is_punct() {
                end += 1;
            }
            let shouting = toks[k..end].iter().all(|t| t.raw.chars().all(|c| !c.is_lowercase()));
            if end - k >= 2 && !shouting {
                return Some(self.english_np(k..end));
            }
            k = end + 1;
        }
        // "Trump attacked the media, calling …": one name, then a verb in the past.
        if before > sent.start + 1 {
            let (first, next) = (&toks[sent.start], &toks[sent.start + 1]);
            let lower = first.raw.to_lowercase();
            if first.is_capitalised()
                && first.raw.chars().count() > 2
                && lexicon::english_pronoun(&lower).is_none()
                && !matches!(lower.as_str(), "the" | "this" | "that" | "these" | "those" | "there" | "then" | "when")
                && !next.is_capitalised()
                && !next.is_punct()
                && next.raw.len() > 4
                && next.raw.ends_with("ed")
            {
                return Some(self.english_np(sent.start..sent.start + 1));
            }
        }
        // "The president on Tuesday defended …, saying …": a determiner and a role noun.
        if matches!(toks[sent.start].raw, "The" | "A" | "An") {
            let head = (sent.start + 1..before.min(sent.start + 4))
                .take_while(|&i| !toks[i].is_punct() && !toks[i].is_capitalised())
                .find(|&i| {
                    let lower = toks[i].raw.to_lowercase();
                    lexicon::english_role_noun(&lower) || lexicon::english_org_noun(&lower)
                })?;
            return Some(self.english_np(sent.start..head + 1));
        }
        None
    }

    /// The last "Mrs/Ms/Miss Name" before a byte offset.
    fn last_female_name(&self, before: usize) -> Option<Speaker> {
        let toks = &self.doc.toks;
        let upto = self.doc.tok_at_byte(before);
        let k = (upto.saturating_sub(LOOKBACK_TOKENS)..upto)
            .rev()
            .find(|&i| lexicon::english_honorific(toks[i].raw) == Some(Some(true)))?;
        let name_end = (k + 1..toks.len()).take_while(|&i| toks[i].is_capitalised() && !toks[i].is_punct()).last()?;
        let np = self.english_np(k..name_end + 1);
        Some(Speaker { feminine: Some(true), class: Class::Person, ..np })
    }
}

/// "His lawyers", "officials", "Analysts": a plural noun phrase is "they", never "he" or "she".
fn plural(s: &Speaker) -> bool {
    let Some(last) = s.name.split_whitespace().last() else { return false };
    let lower = last.to_lowercase();
    let plural_form = lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss");
    plural_form && (!last.starts_with(char::is_uppercase) || lexicon::english_role_noun(&lower))
}

/// The sex of a full English name's given name ("Patricia Riekel"); a lone word may be a
/// surname ("Cruise").
fn first_name_gender(name: &str) -> Option<bool> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    words.next()?;
    lexicon::english_first_name_feminine(first)
}

/// English honorific right before a mention ("Mrs Maguire").
fn english_gender_before(doc: &Doc, start: usize) -> Option<bool> {
    let i = doc.toks.binary_search_by(|t| t.start.cmp(&start)).ok()?;
    let mut prev = doc.toks.get(i.checked_sub(1)?)?;
    // "Mr. Smith": the abbreviation's full stop may be a token of its own.
    if prev.raw == "." {
        prev = doc.toks.get(i.checked_sub(2)?)?;
    }
    lexicon::english_honorific(prev.raw).flatten()
}

/// Arabic feminine noun: ends in teh marbuta (folded to ه).
fn arabic_feminine(word: &str) -> bool {
    fold(word).split_whitespace().next().is_some_and(|w| w.ends_with('ه') && w.chars().count() > 2)
}
