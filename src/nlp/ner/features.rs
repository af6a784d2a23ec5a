//! Feature extraction: each token becomes a list of hashed feature keys.
//!
//! Features are the usual ones for a linear tagger (word, affixes, shape, a ±2 window) plus
//! those that carry over to names never seen in training: clitic-stripped stems, a consonant
//! skeleton (for spelling variants), trigger words around the token (titles, "وزارة", "city
//! of") and gazetteer membership, including multi-word gazetteer names.

use std::sync::OnceLock;

use super::clitics::{core, segmentations, skeleton};
use super::gazetteer::{GAZ_CLASSES, Gazetteer};
use super::hash::{HashKeyed, hash_str, mix};
use super::model::{Lexicon, N_TAGS};
use super::tokens::{NerToken, Script};

/// Trigger classes (bit flags).
const TRIG_PER_TITLE: u8 = 1;
const TRIG_ORG_HEAD: u8 = 2;
const TRIG_LOC_HEAD: u8 = 4;
const TRIG_SPEECH: u8 = 8;
const TRIG_LOC_PREP: u8 = 16;
const TRIG_ORG_TAIL: u8 = 32;

/// Titles and roles that precede a person's name. Arabic entries are matched on the word's
/// core (clitics and article removed), so "والرئيس" counts as "رئيس".
pub const PERSON_TITLES_AR: &[&str] = &[
    "الرئيس",
    "رئيس",
    "الرئيسة",
    "وزير",
    "الوزير",
    "وزيرة",
    "المبعوث",
    "مبعوث",
    "الناطق",
    "ناطق",
    "المتحدث",
    "متحدث",
    "السفير",
    "سفير",
    "الملك",
    "الأمير",
    "الأميرة",
    "الشيخ",
    "السيد",
    "السيدة",
    "الدكتور",
    "د",
    "العميد",
    "اللواء",
    "العقيد",
    "الجنرال",
    "المستشار",
    "مستشار",
    "المستشارة",
    "نائب",
    "زعيم",
    "الزعيم",
    "مدير",
    "المدير",
    "الأمين",
    "قائد",
    "القائد",
    "المدرب",
    "مدرب",
    "اللاعب",
    "لاعب",
    "النجم",
    "الفنان",
    "الفنانة",
    "الممثل",
    "الكاتب",
    "الشاعر",
    "المخرج",
    "الصحفي",
    "الإمام",
    "البابا",
    "القاضي",
    "المحامي",
    "النائب",
    "السيناتور",
    "حاكم",
    "الحاكم",
    "عضو",
    "المرشح",
    "مساعد",
    "صهر",
    "نجل",
    "ابن",
    "بن",
    "زوجة",
    "شقيق",
    "المفوض",
    "رئيسة",
    "ولي",
    "العاهل",
    "الملكة",
    "المطرب",
    "المطربة",
];
pub const PERSON_TITLES_EN: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "secretary",
    "senator",
    "sen.",
    "gov.",
    "governor",
    "king",
    "queen",
    "prince",
    "princess",
    "general",
    "gen.",
    "chancellor",
    "coach",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "captain",
    "chairman",
    "chairwoman",
    "director",
    "leader",
    "judge",
    "pope",
    "envoy",
    "ambassador",
    "premier",
    "lt.",
    "col.",
    "colonel",
    "lord",
    "sir",
    "rep.",
    "mayor",
    "manager",
    "chief",
    "officer",
    "analyst",
    "economist",
    "trader",
    "champion",
    "seed",
    "rabbi",
    "bishop",
    "cardinal",
    "commander",
    "deputy",
    "told",
    "according",
    "son",
];
const ORG_HEADS_AR: &[&str] = &[
    "وزارة",
    "شركة",
    "حزب",
    "جامعة",
    "منظمة",
    "هيئة",
    "مجلس",
    "وكالة",
    "صحيفة",
    "جريدة",
    "اتحاد",
    "بنك",
    "مصرف",
    "جمعية",
    "حركة",
    "جبهة",
    "مؤسسة",
    "منتخب",
    "نادي",
    "مجموعة",
    "محكمة",
    "البرلمان",
    "لجنة",
    "مركز",
    "معهد",
    "قناة",
    "إذاعة",
    "تلفزيون",
    "مجلة",
    "رابطة",
    "جيش",
    "قوات",
    "الأمم",
    "المنظمة",
    "صندوق",
    "الاتحاد",
    "الحزب",
    "الوكالة",
    "الشركة",
];
const ORG_HEADS_EN: &[&str] = &[
    "ministry",
    "university",
    "party",
    "council",
    "committee",
    "association",
    "union",
    "bank",
    "agency",
    "commission",
    "federation",
    "club",
    "institute",
    "department",
    "court",
    "board",
];
const ORG_TAILS_EN: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "plc",
    "group",
    "bank",
    "party",
    "united",
    "fc",
    "city",
    "airlines",
    "corporation",
    "news",
    "times",
    "post",
    "association",
    "agency",
    "ag",
    "sa",
    "nv",
    "holdings",
    "industries",
    "international",
];
const LOC_HEADS_AR: &[&str] = &[
    "مدينة",
    "عاصمة",
    "العاصمة",
    "بلدة",
    "قرية",
    "ولاية",
    "محافظة",
    "منطقة",
    "إقليم",
    "جزيرة",
    "جزر",
    "نهر",
    "بحر",
    "جبل",
    "جبال",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "وسط",
    "دولة",
    "مقاطعة",
    "ضواحي",
    "مخيم",
    "حي",
    "بلاد",
];
const LOC_HEADS_EN: &[&str] = &[
    "city", "province", "state", "county", "river", "island", "capital", "northern", "southern", "eastern", "western",
    "region", "town", "village", "republic", "near",
];
const SPEECH_AR: &[&str] = &[
    "قال",
    "قالت",
    "أضاف",
    "أضافت",
    "أكد",
    "أكدت",
    "أوضح",
    "ذكر",
    "ذكرت",
    "أشار",
    "صرح",
    "أعلن",
    "أعلنت",
    "نفى",
    "تابع",
    "رأى",
    "اعتبر",
    "يقول",
    "وفق",
    "بحسب",
    "حسب",
    "التقى",
    "استقبل",
    "دعا",
    "طالب",
];
const SPEECH_EN: &[&str] =
    &["said", "says", "told", "added", "warned", "according", "stated", "announced", "beat", "met"];
const LOC_PREPS_AR: &[&str] = &["في", "من", "إلى", "الى", "على", "عن", "نحو", "داخل", "خارج"];
const LOC_PREPS_EN: &[&str] = &["in", "at", "from", "to", "into", "near", "across", "via"];

/// Trigger-word tables, keyed by the folded word (English) or its core (Arabic).
struct Triggers {
    arabic: HashKeyed<u8>,
    latin: HashKeyed<u8>,
}

fn triggers() -> &'static Triggers {
    static TRIGGERS: OnceLock<Triggers> = OnceLock::new();
    TRIGGERS.get_or_init(|| {
        use crate::nlp::normalize::fold_token;
        let mut arabic = HashKeyed::default();
        let mut latin = HashKeyed::default();
        let mut add_ar = |words: &[&str], class: u8| {
            for w in words {
                let f = fold_token(w);
                *arabic.entry(hash_str(core(&f))).or_insert(0) |= class;
            }
        };
        add_ar(PERSON_TITLES_AR, TRIG_PER_TITLE);
        add_ar(ORG_HEADS_AR, TRIG_ORG_HEAD);
        add_ar(LOC_HEADS_AR, TRIG_LOC_HEAD);
        add_ar(SPEECH_AR, TRIG_SPEECH);
        add_ar(LOC_PREPS_AR, TRIG_LOC_PREP);
        let mut add_en = |words: &[&str], class: u8| {
            for w in words {
                *latin.entry(hash_str(w)).or_insert(0) |= class;
            }
        };
        add_en(PERSON_TITLES_EN, TRIG_PER_TITLE);
        add_en(ORG_HEADS_EN, TRIG_ORG_HEAD);
        add_en(ORG_TAILS_EN, TRIG_ORG_TAIL);
        add_en(LOC_HEADS_EN, TRIG_LOC_HEAD);
        add_en(SPEECH_EN, TRIG_SPEECH);
        add_en(LOC_PREPS_EN, TRIG_LOC_PREP);
        Triggers { arabic, latin }
    })
}

/// True when the folded word is a person title ("الرئيس", "mr"), which is never part of a
/// name.
pub fn is_person_title(folded: &str, script: Script) -> bool {
    trigger_class(folded, script) & TRIG_PER_TITLE != 0
        && !matches!(folded, "son" | "told" | "according" | "بن" | "ابن")
}

fn trigger_class(folded: &str, script: Script) -> u8 {
    let t = triggers();
    match script {
        Script::Arabic => t.arabic.get(&hash_str(core(folded))).copied().unwrap_or(0),
        Script::Latin => t.latin.get(&hash_str(folded)).copied().unwrap_or(0),
    }
}

/// Word shape with runs collapsed: "McDonald" -> "XxXx", "1996-08-22" -> "d-d-d".
fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
        }
    }
    out
}

/// Per-token facts computed once and shared by the window features of its neighbours.
struct TokenFacts {
    /// Clitic readings of the word (Arabic only), computed once for features and gazetteer.
    segs: Vec<super::clitics::Segmentation>,
    word: u64,
    /// [`dictionary_level`], or 9 when there is no dictionary.
    dict: u64,
    core: u64,
    /// What the training corpus says about the word and its core ([`Lexicon::prior`]).
    lex_word: u64,
    lex_core: u64,
    shape: u64,
    triggers: u8,
    gaz_begin: u8,
    gaz_inside: u8,
    gaz_any: u8,
}

/// Feature templates: each feature key is `mix(template, value hashes...)`.
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const RAW: u64 = 3;
    pub const PREFIX: u64 = 4;
    pub const SUFFIX: u64 = 5;
    pub const SHAPE: u64 = 6;
    pub const SHAPE_PREV: u64 = 7;
    pub const SHAPE_NEXT: u64 = 8;
    pub const SHAPE_TRI: u64 = 9;
    pub const WORD_AT: u64 = 10; // + offset
    pub const BIGRAM_PREV: u64 = 20;
    pub const BIGRAM_NEXT: u64 = 21;
    pub const CORE: u64 = 22;
    pub const CORE_AT: u64 = 23; // + offset
    pub const WORD_OR_STEM: u64 = 30;
    pub const STEM_PREFIX: u64 = 31;
    pub const SKELETON: u64 = 32;
    pub const CORE_SUFFIX: u64 = 33;
    pub const TRIGGER_AT: u64 = 40; // + offset
    pub const GAZ_BEGIN: u64 = 50;
    pub const GAZ_INSIDE: u64 = 51;
    pub const GAZ_SINGLE: u64 = 52;
    pub const GAZ_AT: u64 = 53; // + offset
    pub const FIRST_SHAPE: u64 = 60;
    pub const LENGTH: u64 = 61;
    pub const GAZ_BEGIN_SHAPE: u64 = 62;
    pub const TRIGGER_PREV_SHAPE: u64 = 63;
    pub const CHAR_TRIGRAM: u64 = 64;
    pub const NISBA_PREV: u64 = 67;
    pub const DICT: u64 = 68;
    pub const DICT_CONTEXT: u64 = 69;
    pub const DICT_LEX: u64 = 74;
    pub const CORE_PREFIX: u64 = 90;
    pub const TITLE_DICT: u64 = 75;
    pub const GAZ_DICT: u64 = 76;
    pub const GAZ_PREV_DICT: u64 = 77;
    pub const NISBA_DICT: u64 = 78;
    pub const STAGE1_TAG: u64 = 80;
    pub const DOC_CONTEXT: u64 = 89;
    pub const DOC_NEIGHBOUR: u64 = 91;
    pub const STAGE1_PREV: u64 = 81;
    pub const STAGE1_NEXT: u64 = 82;
    pub const DOC_TAG: u64 = 83;
    pub const DOC_ONLY_O: u64 = 84;
    pub const DOC_NONE: u64 = 85;
    pub const DOC_TAG_AT: u64 = 86; // + offset
    pub const DICT_PARADIGM: u64 = 140;
    pub const DICT_PARADIGM_LEX: u64 = 141;
    pub const NISBA_NEXT: u64 = 142;
    pub const NISBA_NEXT_DICT: u64 = 143;
    pub const LEX_WORD: u64 = 70;
    pub const LEX_CORE: u64 = 71;
    pub const LEX_PREV: u64 = 72;
    pub const LEX_NEXT: u64 = 73;
}

#[inline]
fn key(template: u64, value: u64) -> u64 {
    mix(template.wrapping_mul(0x1000_0000_01b3), value)
}

const BOUNDARY: u64 = 0x5f5f_424f_554e_445f;

/// Features of every token in one sentence, flat: token `i` has `feats[offsets[i]..offsets[i+1]]`.
#[derive(Default)]
pub struct SentenceFeatures {
    pub feats: Vec<u64>,
    pub offsets: Vec<usize>,
}

impl SentenceFeatures {
    pub fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.offsets[i]..self.offsets[i + 1]]
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn char_prefix(s: &str, n: usize) -> Option<&str> {
    let (i, _) = s.char_indices().nth(n)?;
    Some(&s[..i])
}

fn char_suffix(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count <= n {
        return None;
    }
    let (i, _) = s.char_indices().nth(count - n)?;
    Some(&s[i..])
}

/// Character trigrams of a word with boundary marks: transliterated foreign names
/// ("فولكسفاغن", "بريلاينس") share letter patterns that Arabic words rarely have.
fn char_trigrams(word: &str, out: &mut Vec<u64>) {
    let chars: Vec<char> = std::iter::once('<').chain(word.chars()).chain(std::iter::once('>')).collect();
    for w in chars.windows(3) {
        let mut buf = [0u8; 12];
        let mut len = 0;
        for c in w {
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        let gram = std::str::from_utf8(&buf[..len]).unwrap_or("");
        out.push(key(t::CHAR_TRIGRAM, hash_str(gram)));
    }
}

/// What feature extraction looks words up in.
#[derive(Clone, Copy)]
pub struct Resources<'a> {
    pub gazetteer: &'a Gazetteer,
    pub lexicon: &'a Lexicon,
    pub dictionary: &'a HashKeyed<u16>,
}

/// Arabic suffixes stripped (one at most) before a dictionary lookup: feminine, plural,
/// nisba and possessive endings that the plain word list lacks.
const DICT_SUFFIXES: &[&str] = &["يه", "ات", "ون", "ين", "ان", "ها", "هم", "ه", "ي"];

/// How a word relates to the dictionary: 3 the word itself, 2 its core, 1 its core less a
/// suffix, 0 none (a likely name or foreign word).
fn dictionary_level(folded: &str, dictionary: &HashKeyed<u16>) -> u64 {
    let has = |w: &str| dictionary.contains_key(&hash_str(w));
    if has(folded) {
        return 3;
    }
    let c = core(folded);
    if has(c) {
        return 2;
    }
    for suf in DICT_SUFFIXES {
        if let Some(stem) = c.strip_suffix(suf)
            && stem.chars().count() >= 2
            && has(stem)
        {
            return 1;
        }
    }
    0
}

/// Computes the features of the sentence `tokens` (a slice of the text's tokens).
pub fn extract(text: &str, tokens: &[NerToken], script: Script, resources: Resources, out: &mut SentenceFeatures) {
    let Resources { gazetteer, lexicon, dictionary } = resources;
    out.feats.clear();
    out.offsets.clear();
    let arabic = script == Script::Arabic;
    let mut facts: Vec<TokenFacts> = tokens
        .iter()
        .map(|t| {
            let core_word = if arabic { core(&t.folded) } else { &t.folded };
            TokenFacts {
                segs: if arabic { segmentations(&t.folded) } else { Vec::new() },
                dict: if dictionary.is_empty() { 9 } else { dictionary_level(&t.folded, dictionary) },
                word: hash_str(&t.folded),
                core: hash_str(core_word),
                lex_word: lexicon.prior(&t.folded),
                lex_core: lexicon.core_prior(core_word),
                shape: hash_str(&shape(t.text(text))),
                triggers: trigger_class(&t.folded, script),
                gaz_begin: 0,
                gaz_inside: 0,
                gaz_any: 0,
            }
        })
        .collect();
    mark_gazetteer(text, tokens, script, gazetteer, &mut facts);

    let word_at =
        |i: isize| -> u64 { if i < 0 || i as usize >= facts.len() { BOUNDARY } else { facts[i as usize].word } };
    let fact_at = |i: isize| -> Option<&TokenFacts> { if i < 0 { None } else { facts.get(i as usize) } };
    for (i, tok) in tokens.iter().enumerate() {
        out.offsets.push(out.feats.len());
        let f = &facts[i];
        let ii = i as isize;
        let o = &mut out.feats;
        o.push(key(t::BIAS, 0));
        o.push(key(t::WORD, f.word));
        let raw = tok.text(text);
        if !arabic {
            o.push(key(t::RAW, hash_str(raw)));
        }
        let w = tok.folded.as_str();
        for n in 1..=3 {
            if let Some(p) = char_prefix(w, n) {
                o.push(key(t::PREFIX + (n as u64) * 100, hash_str(p)));
            }
        }
        for n in 1..=4 {
            if let Some(s) = char_suffix(w, n) {
                o.push(key(t::SUFFIX + (n as u64) * 100, hash_str(s)));
            }
        }
        o.push(key(t::SHAPE, f.shape));
        let sp = fact_at(ii - 1).map_or(BOUNDARY, |p| p.shape);
        let sn = fact_at(ii + 1).map_or(BOUNDARY, |n| n.shape);
        o.push(key(t::SHAPE_PREV, sp));
        o.push(key(t::SHAPE_NEXT, sn));
        o.push(key(t::SHAPE_TRI, mix(mix(sp, f.shape), sn)));
        for d in [-2isize, -1, 1, 2] {
            o.push(key(t::WORD_AT + (d + 2) as u64, word_at(ii + d)));
        }
        o.push(key(t::BIGRAM_PREV, mix(word_at(ii - 1), f.word)));
        o.push(key(t::BIGRAM_NEXT, mix(f.word, word_at(ii + 1))));
        o.push(key(t::LENGTH, w.chars().count().min(12) as u64));
        o.push(key(t::LEX_WORD, f.lex_word));
        if f.dict != 9 {
            let dp = fact_at(ii - 1).map_or(8, |x| x.dict);
            let dn = fact_at(ii + 1).map_or(8, |x| x.dict);
            o.push(key(t::DICT, f.dict));
            o.push(key(t::DICT_CONTEXT, mix(mix(dp, f.dict), dn)));
            o.push(key(t::DICT_LEX, mix(f.dict, f.lex_word)));
            // The word's paradigm in the dictionary: place names take no article ("لندن"),
            // and some classes of adjectives double as given names ("أدهم").
            if let Some(&paradigm) = dictionary.get(&f.word).or_else(|| dictionary.get(&f.core)) {
                o.push(key(t::DICT_PARADIGM, u64::from(paradigm)));
                o.push(key(t::DICT_PARADIGM_LEX, mix(u64::from(paradigm), f.lex_word)));
            }
        }
        o.push(key(t::LEX_CORE, f.lex_core));
        o.push(key(t::LEX_PREV, fact_at(ii - 1).map_or(BOUNDARY, |x| x.lex_word)));
        o.push(key(t::LEX_NEXT, fact_at(ii + 1).map_or(BOUNDARY, |x| x.lex_word)));
        if i == 0 {
            o.push(key(t::FIRST_SHAPE, f.shape));
        }
        if arabic {
            o.push(key(t::CORE, f.core));
            o.push(key(t::SKELETON, hash_str(&skeleton(core(w)))));
            let c = core(w);
            char_trigrams(c, o);
            for n in 2..=3 {
                if let Some(p) = char_prefix(c, n) {
                    o.push(key(t::CORE_PREFIX + (n as u64) * 100, hash_str(p)));
                }
            }
            for n in 1..=3 {
                if let Some(s) = char_suffix(c, n) {
                    o.push(key(t::CORE_SUFFIX + (n as u64) * 100, hash_str(s)));
                }
            }
            for d in [-2isize, -1, 1] {
                let v = fact_at(ii + d).map_or(BOUNDARY, |x| x.core);
                o.push(key(t::CORE_AT + (d + 2) as u64, v));
            }
            o.push(key(t::WORD_OR_STEM, f.word));
            for seg in &f.segs {
                o.push(key(t::WORD_OR_STEM, hash_str(&seg.stem)));
                let prefix = char_prefix(w, seg.prefix_chars).unwrap_or("");
                o.push(key(t::STEM_PREFIX, hash_str(prefix)));
                let g = gazetteer.single(&seg.stem);
                for class in 0..GAZ_CLASSES {
                    if g & (1 << class) != 0 {
                        o.push(key(t::GAZ_SINGLE + 1000, class));
                    }
                }
            }
        }
        for d in [-2isize, -1, 0, 1] {
            let trig = fact_at(ii + d).map_or(0, |x| x.triggers);
            for bit in 0..8u64 {
                if trig & (1 << bit) != 0 {
                    o.push(key(t::TRIGGER_AT + (d + 2) as u64, bit));
                }
            }
        }
        // "الاسباني فابريغاس", "البرازيلي فريد": a nisba adjective with the article before an
        // unknown word is how Arabic sports and politics pages introduce foreign names.
        if arabic && i > 0 {
            let prev = &tokens[i - 1].folded;
            let nisba = (prev.starts_with("ال") || prev.starts_with("وال")) && (prev.ends_with('ي'));
            if nisba {
                o.push(key(t::NISBA_PREV, f.lex_word));
                o.push(key(t::NISBA_DICT, f.dict));
            }
        }
        // "أندرليخت البلجيكي", "بترونت الهندية": a nisba adjective after an unknown word is how
        // pages place clubs, companies and papers; its gender follows the head noun ("نادي",
        // "شركة"), so it is kept apart.
        if arabic && let Some(next) = tokens.get(i + 1) {
            let n = &next.folded;
            let letters = n.chars().count();
            if (n.starts_with("ال") || n.starts_with("وال")) && letters >= 5 {
                let gender = if n.ends_with("يه") || n.ends_with("ية") {
                    Some(2u64)
                } else if n.ends_with('ي') {
                    Some(1)
                } else {
                    None
                };
                if let Some(g) = gender {
                    o.push(key(t::NISBA_NEXT, mix(g, f.lex_word)));
                    o.push(key(t::NISBA_NEXT_DICT, mix(g, f.dict)));
                }
            }
        }
        if let Some(p) = fact_at(ii - 1)
            && p.triggers & TRIG_PER_TITLE != 0
        {
            o.push(key(t::TRIGGER_PREV_SHAPE, f.shape));
            // After a title, a word no dictionary knows is almost surely a name.
            o.push(key(t::TITLE_DICT, mix(f.dict, f.lex_word)));
        }
        if arabic {
            // Gazetteer hits conjoined with dictionary status: "أمل" is a first name and a
            // word; "كوشنر" only a name.
            let g = f.gaz_any | gazetteer.single(core(w));
            o.push(key(t::GAZ_DICT, mix(u64::from(g), f.dict)));
            let gp = fact_at(ii - 1).map_or(0, |x| x.gaz_any);
            o.push(key(t::GAZ_PREV_DICT, mix(u64::from(gp), f.dict)));
        }
        let single = gazetteer.single(w);
        for class in 0..GAZ_CLASSES {
            let bit = 1 << class;
            if f.gaz_begin & bit != 0 {
                o.push(key(t::GAZ_BEGIN, class));
                o.push(key(t::GAZ_BEGIN_SHAPE, mix(class, f.shape)));
            }
            if f.gaz_inside & bit != 0 {
                o.push(key(t::GAZ_INSIDE, class));
            }
            if single & bit != 0 {
                o.push(key(t::GAZ_SINGLE, class));
            }
            for d in [-1isize, 1] {
                if fact_at(ii + d).is_some_and(|x| x.gaz_any & bit != 0) {
                    o.push(key(t::GAZ_AT + (d + 1) as u64, class));
                }
            }
        }
    }
    out.offsets.push(out.feats.len());
}

/// The key under which a token's first-stage tags are pooled across a text: the word's core
/// for Arabic (so "وكييف" and "كييف" pool), the folded word otherwise.
pub fn document_key(token: &NerToken, script: Script) -> u64 {
    match script {
        Script::Arabic => hash_str(core(&token.folded)),
        Script::Latin => hash_str(&token.folded),
    }
}

/// First-stage tags of every word of a text, pooled by [`document_key`], and the trigger
/// words seen before and after each of its mentions.
#[derive(Default)]
pub struct DocumentStats {
    counts: HashKeyed<[u16; N_TAGS]>,
    /// Trigger classes of the word before (low byte) and after (high byte) any mention.
    context: HashKeyed<u16>,
    /// The words (cores) before and after the word's mentions: its contexts across the text,
    /// which the second stage weighs like its own ("context aggregation").
    neighbours: HashKeyed<Vec<u64>>,
}

/// Sentences whose first-stage tags are pooled for the second stage. Texts are articles, but
/// a corpus file or a long page runs many articles together, and tags pooled across unrelated
/// articles mislead more than they help; a window of neighbouring sentences is mostly the same
/// article. Training and tagging use the same windows.
pub const DOCUMENT_WINDOW: usize = 100;

/// Splits `n` sentences into consecutive windows of [`DOCUMENT_WINDOW`] sentences (the last
/// one shorter), the pseudo-documents of the second stage.
pub fn document_windows(n: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..n).step_by(DOCUMENT_WINDOW).map(move |start| start..(start + DOCUMENT_WINDOW).min(n))
}

/// Distinct neighbouring words kept per word (its first mentions' contexts).
const MAX_NEIGHBOURS: usize = 12;

impl DocumentStats {
    /// Adds a sentence: its first-stage tags, and the trigger words around each word, so that
    /// "الحارس كاسياس" in one sentence tells the second stage about a bare "كاسياس" in another.
    pub fn add_sentence(&mut self, tokens: &[NerToken], script: Script, tags: &[usize]) {
        let keys: Vec<u64> = tokens.iter().map(|t| document_key(t, script)).collect();
        let triggers: Vec<u8> = tokens.iter().map(|t| trigger_class(&t.folded, script)).collect();
        for (i, (&key, &tag)) in keys.iter().zip(tags).enumerate() {
            let c = self.counts.entry(key).or_insert([0; N_TAGS]);
            c[tag] = c[tag].saturating_add(1);
            let before = i.checked_sub(1).map_or(0, |p| triggers[p]);
            let after = triggers.get(i + 1).copied().unwrap_or(0);
            *self.context.entry(key).or_insert(0) |= u16::from(before) | (u16::from(after) << 8);
            let before = i.checked_sub(1).map_or(BOUNDARY, |p| keys[p]);
            let after = keys.get(i + 1).copied().unwrap_or(BOUNDARY);
            let list = self.neighbours.entry(key).or_default();
            for x in [mix(1, before), mix(2, after)] {
                if list.len() < MAX_NEIGHBOURS && !list.contains(&x) {
                    list.push(x);
                }
            }
        }
    }
}

/// Adds document features to a sentence's features: the first stage's tags of the token and
/// its neighbours, and how the same word was tagged elsewhere in the text (its own tag
/// excluded). A name tagged confidently in one sentence thus helps its other mentions.
pub fn document_features(
    base: &SentenceFeatures,
    tokens: &[NerToken],
    script: Script,
    stage1: &[usize],
    stats: &DocumentStats,
    out: &mut SentenceFeatures,
) {
    out.feats.clear();
    out.offsets.clear();
    let keys: Vec<u64> = tokens.iter().map(|t| document_key(t, script)).collect();
    for i in 0..tokens.len() {
        out.offsets.push(out.feats.len());
        out.feats.extend_from_slice(base.token(i));
        let o = &mut out.feats;
        o.push(key(t::STAGE1_TAG, stage1[i] as u64));
        if let Some(list) = stats.neighbours.get(&keys[i]) {
            for &x in list {
                o.push(key(t::DOC_NEIGHBOUR, x));
            }
        }
        if let Some(&ctx) = stats.context.get(&keys[i]) {
            for bit in 0..16u64 {
                if ctx & (1 << bit) != 0 {
                    o.push(key(t::DOC_CONTEXT, bit));
                }
            }
        }
        o.push(key(t::STAGE1_PREV, if i == 0 { 99 } else { stage1[i - 1] as u64 }));
        o.push(key(t::STAGE1_NEXT, stage1.get(i + 1).map_or(99, |&x| x as u64)));
        for d in [-1isize, 1] {
            let j = i as isize + d;
            if j < 0 || j as usize >= tokens.len() {
                continue;
            }
            let j = j as usize;
            let mut c = stats.counts.get(&keys[j]).copied().unwrap_or([0; N_TAGS]);
            c[stage1[j]] = c[stage1[j]].saturating_sub(1);
            if let Some((tag, _)) =
                c.iter().enumerate().skip(1).filter(|(_, n)| **n > 0).max_by_key(|(t, n)| (**n, std::cmp::Reverse(*t)))
            {
                o.push(key(t::DOC_TAG_AT + (d + 1) as u64, tag as u64));
            }
        }
        let mut c = stats.counts.get(&keys[i]).copied().unwrap_or([0; N_TAGS]);
        c[stage1[i]] = c[stage1[i]].saturating_sub(1);
        let total: u32 = c.iter().map(|&x| u32::from(x)).sum();
        if total == 0 {
            o.push(key(t::DOC_NONE, 0));
            continue;
        }
        let mut any_entity = false;
        for (tag, &n) in c.iter().enumerate().skip(1) {
            if n > 0 {
                any_entity = true;
                let major = u32::from(n) * 2 >= total;
                o.push(key(t::DOC_TAG, tag as u64 * 10 + u64::from(major)));
            }
        }
        if !any_entity {
            o.push(key(t::DOC_ONLY_O, u64::from(total.min(3))));
        }
    }
    out.offsets.push(out.feats.len());
}

/// Marks the tokens covered by gazetteer names (the longest name starting at each token).
/// English names must start with a capital letter ("US" the country, not "us").
fn mark_gazetteer(text: &str, tokens: &[NerToken], script: Script, gazetteer: &Gazetteer, facts: &mut [TokenFacts]) {
    if gazetteer.is_empty() {
        return;
    }
    for i in 0..tokens.len() {
        let first = &tokens[i].folded;
        let rest = || tokens[i + 1..].iter().map(|t| t.folded.as_str());
        let mut best = None;
        match script {
            Script::Latin => {
                if !tokens[i].text(text).starts_with(char::is_uppercase) {
                    continue;
                }
                best = gazetteer.longest(first, rest());
            }
            Script::Arabic => {
                let mut consider = |m: Option<super::gazetteer::GazMatch>| {
                    if let Some(m) = m
                        && best.is_none_or(|b: super::gazetteer::GazMatch| m.len > b.len)
                    {
                        best = Some(m);
                    }
                };
                consider(gazetteer.longest(first, rest()));
                for seg in &facts[i].segs {
                    consider(gazetteer.longest(&seg.stem, rest()));
                }
            }
        }
        if let Some(m) = best {
            facts[i].gaz_begin |= m.types;
            for f in &mut facts[i..i + m.len] {
                f.gaz_any |= m.types;
            }
            for f in &mut facts[i + 1..i + m.len] {
                f.gaz_inside |= m.types;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::ner::tokens::tokenize;
    use crate::nlp::normalize::fold_token;

    #[test]
    fn document_windows_split_long_texts_only() {
        assert_eq!(document_windows(7).collect::<Vec<_>>(), vec![0..7]);
        assert_eq!(document_windows(0).count(), 0);
        let w = DOCUMENT_WINDOW;
        assert_eq!(document_windows(2 * w + 3).collect::<Vec<_>>(), vec![0..w, w..2 * w, 2 * w..2 * w + 3]);
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("McDonald"), "XxXx");
        assert_eq!(shape("1996-08-22"), "d-d-d");
        assert_eq!(shape("U.S."), "X.X.");
    }

    #[test]
    fn titles_match_through_clitics() {
        assert!(is_person_title(&fold_token("والرئيس"), Script::Arabic));
        assert!(is_person_title("president", Script::Latin));
        assert!(!is_person_title(&fold_token("كييف"), Script::Arabic));
    }

    #[test]
    fn a_nisba_after_a_word_is_a_feature_of_that_word_with_its_gender() {
        let gaz = Gazetteer::default();
        let lex = Lexicon::default();
        let dict = HashKeyed::default();
        let res = Resources { gazetteer: &gaz, lexicon: &lex, dictionary: &dict };
        let nisba_of = |text: &str| {
            let mut sf = SentenceFeatures::default();
            extract(text, &tokenize(text), Script::Arabic, res, &mut sf);
            let word = sf.token(1).to_vec();
            (1..=2u64).find(|&g| word.iter().any(|&k| k == key(t::NISBA_NEXT_DICT, mix(g, 9))))
        };
        assert_eq!(nisba_of("نادي أندرليخت البلجيكي"), Some(1));
        assert_eq!(nisba_of("شركة بترونت الهندية"), Some(2));
        // "الذي" and "الى" (folded "الي") are too short to be nisba adjectives.
        assert_eq!(nisba_of("قال زيد الذي"), None);
        assert_eq!(nisba_of("سافر زيد الى"), None);
        // The nisba must follow the word, not precede it.
        assert_eq!(nisba_of("البلجيكي أندرليخت فاز"), None);
    }

    #[test]
    fn clitic_stem_shares_the_word_feature() {
        let gaz = Gazetteer::default();
        let mut a = SentenceFeatures::default();
        let mut b = SentenceFeatures::default();
        let (t1, t2) = ("كييف", "وكييف");
        let lex = Lexicon::default();
        let dict = HashKeyed::default();
        let res = Resources { gazetteer: &gaz, lexicon: &lex, dictionary: &dict };
        extract(t1, &tokenize(t1), Script::Arabic, res, &mut a);
        extract(t2, &tokenize(t2), Script::Arabic, res, &mut b);
        let stem_key = key(t::WORD_OR_STEM, hash_str("كييف"));
        assert!(a.token(0).contains(&stem_key));
        assert!(b.token(0).contains(&stem_key));
    }
}
