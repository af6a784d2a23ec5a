//! What a speech verb governs: a content clause (after إن / أن / "that", or an English clause
//! without "that"), a colon introducing verbatim words, or nothing (a verb taking a noun:
//! "أعلن عن", "blamed … for").
//!
//! A content clause runs to the end of its sentence, except where the sentence goes on with
//! material that is the narrator's, not the speaker's: "، وذلك في الوقت الذي …", "، حيث …",
//! "، ليُحبطه …", ", adding: …", "and has refused to …" (a second predicate of the speaker).

use std::ops::Range;

use super::doc::Doc;
use super::lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Complement {
    /// The content clause starts at this token.
    Clause(usize),
    /// A colon at this token introduces the speaker's words.
    Colon(usize),
    None,
}

/// Arabic: scans after the verb for the complementiser or a colon. Returns the tokens between
/// (where the subject is) and what was found.
pub fn arabic(doc: &Doc, after_verb: usize, sent: &Range<usize>) -> (Range<usize>, Complement) {
    let toks = &doc.toks;
    let limit = sent.end.min(after_verb + 20);
    let mut past_comma = false;
    let mut k = after_verb;
    while k < limit {
        let t = &toks[k];
        // A short quoted name in the subject ("لـ"الجزيرة نت"") is stepped over.
        if let Some(qi) = doc.quote_opening_at(k) {
            let q = &doc.quoted[qi];
            if q.close_tok - q.open_tok <= 6 {
                k = q.close_tok + 1;
                continue;
            }
        }
        if doc.inside_quote[k].is_some() || doc.quote_opening_at(k).is_some() {
            break;
        }
        if t.raw == ":" {
            return (after_verb..k, Complement::Colon(k));
        }
        // "لشبكة سي إن إن بأن": the letters of CNN are no complementiser.
        let spelled = |i: usize| toks.get(i).is_some_and(|x| matches!(x.fold.as_str(), "سي" | "ان" | "اي"));
        if t.fold == "ان" && k > 0 && toks[k - 1].fold == "سي" && spelled(k + 1) {
            k += 2;
            continue;
        }
        if lexicon::arabic_complementiser(&t.fold) {
            let prev = k.checked_sub(1).filter(|&p| p >= after_verb).map(|p| toks[p].fold.as_str());
            if prev.is_some_and(lexicon::arabic_non_complement_before_an) {
                return (after_verb..k, Complement::None);
            }
            // "أكد على أن", "أشار إلى أن": the preposition belongs to the verb.
            let subject_end = if prev.is_some_and(lexicon::arabic_clause_preposition) { k - 1 } else { k };
            return (after_verb..subject_end, Complement::Clause(k + 1));
        }
        // A verb taking a noun ("أعلن عن", "أشار إلى إصراره") has no clause.
        let next_is_comp = toks.get(k + 1).is_some_and(|n| lexicon::arabic_complementiser(&n.fold));
        // Inside an appositive after a comma ("مصدر ثان، غير مخول بالحديث إلى الإعلام، إن") a
        // preposition is the appositive's own.
        if !past_comma && (t.fold == "عن" || (matches!(t.fold.as_str(), "علي" | "الي") && !next_is_comp)) {
            return (after_verb..k, Complement::None);
        }
        // Another verb of saying starts its own attribution ("أعلنت الوزارة مقتل … وقالت إن").
        if TERMINALS.contains(&t.raw) || (k > after_verb && lexicon::arabic_cue(&t.fold).is_some()) {
            break;
        }
        // An appositive or a relative clause ("المسؤول الذي رفض الكشف عن اسمه") has its own
        // prepositions.
        past_comma |= matches!(t.raw, "،" | ",") || matches!(t.fold.as_str(), "الذي" | "التي" | "الذين");
        k += 1;
    }
    (after_verb..limit, Complement::None)
}

const TERMINALS: &[&str] = &[".", "!", "?", "؟", ";", "؛"];

/// English: "that" (possibly after an addressee or adjunct), a colon, or a bare clause.
pub fn english(doc: &Doc, verb: &str, after_verb: usize, sent: &Range<usize>) -> Complement {
    let toks = &doc.toks;
    let end = sent.end;
    let lower = |k: usize| toks[k].raw.to_lowercase();
    if after_verb >= end || doc.inside_quote[after_verb].is_some() {
        return Complement::None;
    }
    match toks[after_verb].raw {
        ":" => return Complement::Colon(after_verb),
        "that" => return Complement::Clause(after_verb + 1),
        _ => {}
    }
    // "told reporters on Capitol Hill that", "said in a statement released by his office that":
    // addressees, names, times and prepositional phrases before the "that".
    let mut k = after_verb;
    let mut since_preposition = usize::MAX;
    while k < end && k - after_verb < 12 && doc.inside_quote[k].is_none() {
        // A programme or publication title: told CNN's "State of the Union" that …
        if let Some(qi) = doc.quote_opening_at(k)
            && doc.is_title(qi)
        {
            k = doc.quoted[qi].close_tok + 1;
            continue;
        }
        let w = lower(k);
        // A subject pronoun or a finite verb starts the clause itself.
        if matches!(w.as_str(), "that" | ":" | "," | "." | "whether" | "if")
            || lexicon::english_pronoun(&w).is_some()
            || (lexicon::english_finite(&w) && !lexicon::english_adjunct(&w))
        {
            break;
        }
        // The pieces of a possessive after a number: "BBC Radio 4's Today programme".
        if matches!(w.as_str(), "'" | "’" | "s") {
            k += 1;
            continue;
        }
        if lexicon::english_preposition(&w) {
            since_preposition = 0;
        } else if lexicon::english_adjunct(&w)
            || toks[k].is_capitalised()
            || toks[k].raw.starts_with(|c: char| c.is_ascii_digit())
            || since_preposition < 4
        {
            since_preposition = since_preposition.saturating_add(1);
        } else {
            break;
        }
        k += 1;
    }
    if k > after_verb && k < end {
        match toks[k].raw {
            "that" => return Complement::Clause(k + 1),
            ":" => return Complement::Colon(k),
            _ => {}
        }
        // "announced on Monday it would cut jobs": a clause without "that" after the adjunct,
        // when the adjunct began with a preposition or a time word.
        let adjunct_first = lexicon::english_preposition(&lower(after_verb))
            || matches!(
                lower(after_verb).as_str(),
                "yesterday" | "today" | "tonight" | "earlier" | "later" | "last" | "this"
            );
        let pronoun_or_determiner = lexicon::english_pronoun(&lower(k)).is_some()
            || matches!(lower(k).as_str(), "the" | "a" | "an" | "its" | "his" | "her" | "their" | "there");
        if adjunct_first && pronoun_or_determiner && bare_clause_at(doc, k, end) {
            return Complement::Clause(k);
        }
    }
    if matches!(verb, "told" | "tells" | "tell" | "telling") {
        // The addressee comes first: "told reporters the deal was done", "told the BBC it …";
        // the clause starts at the first place after it where one can.
        let mut start = after_verb;
        while start < end && start - after_verb < 2 && lexicon::english_addressee(&lower(start)) {
            start += 1;
            if bare_clause_at(doc, start, end) {
                return Complement::Clause(start);
            }
        }
        return Complement::None;
    }
    if bare_clause_at(doc, after_verb, end) { Complement::Clause(after_verb) } else { Complement::None }
}

/// An English clause without "that": an opener, then a finite verb before any comma.
fn bare_clause_at(doc: &Doc, start: usize, end: usize) -> bool {
    let toks = &doc.toks;
    let Some(first) = toks.get(start).filter(|_| start < end) else { return false };
    if first.is_punct() && doc.quote_opening_at(start).is_none() {
        return false;
    }
    if !first.is_punct() && !lexicon::english_clause_opener(first.raw) {
        return false;
    }
    // "says it employs 5,000 people", "said they needed more time": after a subject pronoun,
    // a present "-s" or past "-ed" form is the clause's verb, though no list knows it.
    let lower = first.raw.to_lowercase();
    if matches!(lower.as_str(), "he" | "she" | "it" | "they" | "we")
        && let Some(next) = toks.get(start + 1).filter(|_| start + 1 < end)
    {
        let verb = next.raw;
        let lowercase = verb.chars().all(|c| c.is_ascii_lowercase());
        let regular =
            lowercase && verb.len() > 3 && ((verb.ends_with('s') && !verb.ends_with("ss")) || verb.ends_with("ed"));
        // After "he", "she", "they" or "we" any word is the verb ("she stood by the story"),
        // bar a few that make the pronoun an object ("said it all", "told them both").
        let personal = lowercase
            && lower != "it"
            && !matches!(verb, "himself" | "herself" | "themselves" | "ourselves" | "all" | "both" | "again" | "so");
        if (regular || personal) && doc.inside_quote[start + 1].is_none() {
            return true;
        }
    }
    // The full stop of "U.S." or "Mr." does not end the clause.
    let stop = |k: usize| {
        matches!(toks[k].raw, "," | ";" | ":" | "،") || (toks[k].raw == "." && !lexicon::abbreviation(toks[k - 1].raw))
    };
    (start + 1..end.min(start + 14))
        .take_while(|&k| !stop(k))
        .any(|k| doc.inside_quote[k].is_none() && lexicon::english_finite(&toks[k].raw.to_lowercase()))
}

/// Where a content clause starting at `start` ends (exclusive), within its sentence.
/// `present_matrix`: the speech verb is a present "-s" form ("says"). `in_relative`: the verb
/// is in a relative clause between commas ("The company, which says it employs 5,000 people,
/// reported a loss"), so the content ends at the closing comma.
pub fn clause_end(doc: &Doc, start: usize, sent_end: usize, present_matrix: bool, in_relative: bool) -> usize {
    let toks = &doc.toks;
    let mut k = start;
    while k < sent_end {
        if let Some(qi) = doc.quote_opening_at(k) {
            k = doc.quoted[qi].close_tok + 1;
            continue;
        }
        let t = &toks[k];
        if matches!(t.raw, ";" | "؛") {
            break;
        }
        if (in_relative && t.raw == ",") || (matches!(t.raw, "," | "،" | ":") && narrator_resumes(doc, k + 1, sent_end))
        {
            break;
        }
        // "says the movie is not offensive and has refused to withdraw it".
        if present_matrix && t.raw == "and" && toks.get(k + 1).is_some_and(|n| matches!(n.raw, "has" | "is" | "does")) {
            break;
        }
        k += 1;
    }
    trim_end(doc, start, k)
}

/// After a comma: does the narrator take over again?
fn narrator_resumes(doc: &Doc, k: usize, sent_end: usize) -> bool {
    let Some(t) = doc.toks.get(k).filter(|_| k < sent_end) else { return false };
    let next = doc.toks.get(k + 1).map(|n| n.fold.as_str()).unwrap_or("");
    if t.is_arabic() {
        let bare = t.fold.strip_prefix('و').unwrap_or(&t.fold);
        return matches!(bare, "ذلك" | "حيث" | "مما" | "بينما" | "فيما" | "اذ" | "دون" | "بدون")
            || (bare == "من" && next == "دون")
            || (bare == "في" && next == "حين")
            || (t.fold.chars().count() >= 5 && (t.fold.starts_with("لي") || t.fold.starts_with("لت")))
            || lexicon::arabic_according(&t.fold)
            || lexicon::arabic_participle(&t.fold).is_some()
            // "، لكنه حذر من أن …", "، وأضاف": a new verb of saying is a new attribution.
            || lexicon::arabic_cue(&t.fold).is_some()
            || (bare.starts_with("لكن") && lexicon::arabic_cue(next).is_some());
    }
    let lower = t.raw.to_lowercase();
    matches!(lower.as_str(), "adding" | "saying" | "according" | "while" | "whereas" | "insisting" | "noting")
}

/// Drops trailing punctuation (but not a closing quotation mark) from a token range.
pub fn trim_end(doc: &Doc, start: usize, mut end: usize) -> usize {
    while end > start {
        let t = &doc.toks[end - 1];
        if matches!(t.raw, "." | "," | "،" | ";" | "؛" | ":" | "!" | "?" | "؟" | "…" | "-" | "–" | "—")
            && doc.quote_closing_at(end - 1).is_none()
        {
            end -= 1;
        } else {
            break;
        }
    }
    end
}
