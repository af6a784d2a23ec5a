//! Word lists behind the quotation rules: speech verbs, complementisers, titles, adjunct
//! openers. Arabic entries are written in [`fold`](crate::nlp::normalize::fold)ed form
//! (أ/إ/آ → ا, ى → ي, ة → ه, no harakat), because every lookup goes through a folded token.
//!
//! The lists are linguistic, not tuned to particular articles: they name the verbs of saying
//! that introduce a content clause, and the words that cannot belong to a speaker's noun
//! phrase.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// How a cue word relates to the quotation it introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A verb of saying that takes a content clause or a colon ("said", "قال").
    Speech,
    /// A participle continuing the sentence's speaker ("adding:", ", saying that").
    Participle,
    /// A verb that labels something with a quoted phrase ("called it …", "وصف … بأنها").
    Naming,
    /// A source attribution for a claim ("according to", "بحسب").
    According,
}

/// Perfect 3rd-person masculine singular stem and imperfect stem (without the person prefix)
/// of the Arabic verbs of saying.
const ARABIC_SPEECH: &[(&str, &str)] = &[
    ("قال", "قول"),
    ("اضاف", "ضيف"),
    ("اكد", "وكد"),
    ("اوضح", "وضح"),
    ("ذكر", "ذكر"),
    ("اشار", "شير"),
    ("صرح", "صرح"),
    ("شدد", "شدد"),
    ("اعلن", "علن"),
    ("نفي", "نفي"),
    ("تابع", "تابع"),
    ("راي", "ري"),
    ("ادعي", "دعي"),
    ("اجاب", "جيب"),
    ("افاد", "فيد"),
    ("كشف", "كشف"),
    ("لفت", "لفت"),
    ("زعم", "زعم"),
    ("اعتبر", "عتبر"),
    ("حذر", "حذر"),
    ("اعترف", "عترف"),
    ("اردف", "ردف"),
    ("نوه", "نوه"),
    ("نقل", "نقل"),
    ("كتب", "كتب"),
    ("غرد", "غرد"),
];

/// Arabic verbs that label their object with a quoted phrase.
const ARABIC_NAMING: &[(&str, &str)] = &[("وصف", "صف"), ("سمي", "سمي"), ("نعت", "نعت")];

/// Facts about a matched Arabic cue token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArabicVerb {
    pub kind: CueKind,
    /// Feminine agreement (قالت, تقول): its subject is feminine or an organisation.
    pub feminine: bool,
    /// Imperfect (يقول): "يذكر أن" without a subject is the impersonal "it is noted that".
    pub imperfect: bool,
    /// The perfect masculine stem, to tell the lemma.
    pub lemma: &'static str,
}

fn arabic_forms(perfect: &str, imperfect: &str) -> Vec<(String, bool, bool)> {
    // Verbs ending in ى (folded ي) drop it before the feminine ت and plural وا: نفى → نفت, نفوا.
    let weak = perfect.ends_with('ي');
    let root: &str = if weak { &perfect[..perfect.len() - 'ي'.len_utf8()] } else { perfect };
    let mut forms = vec![
        (perfect.to_string(), false, false),
        (format!("{root}ت"), true, false),
        (format!("{root}وا"), false, false),
        (format!("{perfect}ا"), false, false),
        (format!("{root}تا"), true, false),
        (format!("ي{imperfect}"), false, true),
        (format!("ت{imperfect}"), true, true),
        (format!("ي{imperfect}ون"), false, true),
    ];
    if weak {
        forms.push((format!("{root}يا"), false, false));
    }
    forms
}

/// Looks up a folded Arabic word (clitic prefixes already removed) as a verb of saying.
/// Every conjugated form is generated once into a table.
pub fn arabic_verb(word: &str) -> Option<ArabicVerb> {
    static FORMS: OnceLock<HashMap<String, ArabicVerb>> = OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        let mut forms = HashMap::new();
        for (table, kind) in [(ARABIC_SPEECH, CueKind::Speech), (ARABIC_NAMING, CueKind::Naming)] {
            for &(perfect, imperfect) in table {
                for (form, feminine, is_imperfect) in arabic_forms(perfect, imperfect) {
                    forms.entry(form).or_insert(ArabicVerb { kind, feminine, imperfect: is_imperfect, lemma: perfect });
                }
            }
        }
        forms
    });
    forms.get(word).copied()
}

/// A folded Arabic token read as a verb of saying, allowing the conjunctions و / ف glued in
/// front, and boilerplate glued before the و ("إعلانوأضاف" from a stripped advertisement).
pub fn arabic_cue(folded: &str) -> Option<ArabicVerb> {
    if let Some(v) = arabic_verb(folded) {
        return Some(v);
    }
    for prefix in ["و", "ف", "وقد", "فقد", "ولقد"] {
        if let Some(rest) = folded.strip_prefix(prefix)
            && let Some(v) = arabic_verb(rest)
        {
            return Some(v);
        }
    }
    // Glued boilerplate: "…و" + a perfect verb of at least four letters (short stems such as
    // قال would match the ends of ordinary words).
    if let Some(pos) = folded.rfind('و') {
        let rest = &folded[pos + 'و'.len_utf8()..];
        if pos >= 4
            && rest.chars().count() >= 4
            && let Some(v) = arabic_verb(rest)
            && !v.imperfect
        {
            return Some(v);
        }
    }
    None
}

/// Arabic circumstantial participles continuing the sentence's speaker: "، مضيفا أن …",
/// "، مشيرا إلى أن …" (with the feminine ending for a feminine speaker: مضيفة).
pub fn arabic_participle(folded: &str) -> Option<ArabicVerb> {
    let masculine = folded.strip_suffix("ه").map(|s| format!("{s}ا"));
    let word = masculine.as_deref().unwrap_or(folded);
    arabic_participles(word).then_some(ArabicVerb {
        kind: CueKind::Participle,
        feminine: masculine.is_some(),
        imperfect: false,
        lemma: "قال",
    })
}

/// Arabic attribution words ("according to"): بحسب, حسب, وفقا لـ, طبقا لـ, نقلا عن.
pub fn arabic_according(folded: &str) -> bool {
    let according = |w: &str| matches!(w, "بحسب" | "حسب" | "وفقا" | "وفق" | "طبقا" | "نقلا");
    according(folded) || folded.strip_prefix('و').is_some_and(according)
}

/// The Arabic complementisers "إن / أن" (with an attached pronoun: إنه, أنهم …) and "بأن".
pub fn arabic_complementiser(folded: &str) -> bool {
    let bare = folded.strip_prefix('ب').unwrap_or(folded);
    arabic_complementisers(bare)
}

/// Words after which "أن" is a subordinator, not the complement of the speech verb
/// (قبل أن "before", بعد أن "after", يجب أن "must" …).
pub fn arabic_non_complement_before_an(folded: &str) -> bool {
    let bare = folded.strip_prefix('و').unwrap_or(folded);
    subordinators_before_an(bare)
}

/// Prepositions a speech verb governs before its clause: أكد على أن, أشار إلى أن, حذر من أن.
pub fn arabic_clause_preposition(folded: &str) -> bool {
    matches!(folded, "علي" | "الي" | "من")
}

/// Words that open an adjunct, not part of the speaker's noun phrase: time words, "in a
/// statement", the addressee ("للصحفيين").
pub fn arabic_np_stop(folded: &str, next: Option<&str>) -> bool {
    let bare = folded.strip_prefix('و').unwrap_or(folded);
    if arabic_adjunct_words(bare) {
        return true;
    }
    // "نفى مسؤول … وجود أي خلاف", "… صحة التقارير": the object of a denial starts here.
    if matches!(folded, "وجود" | "صحه" | "اي") {
        return true;
    }
    // "في بيان", "في وقت لاحق", "بتصريح"…: a preposition opening a reporting context.
    // With or without the article or a possessive ending: بيان, البيان, بيانها, تصريحاته.
    let context = |w: &str| {
        let w = w.strip_prefix("ال").unwrap_or(w);
        arabic_reporting_contexts(w)
            || ["ها", "هم", "ه"].iter().any(|p| w.strip_suffix(p).is_some_and(arabic_reporting_contexts))
    };
    if bare == "في" && next.is_some_and(context) {
        return true;
    }
    if let Some(rest) = bare.strip_prefix('ب')
        && context(rest)
    {
        return true;
    }
    // The addressee: للصحفيين, لوكالة, لقناة …
    if let Some(rest) = bare.strip_prefix('ل') {
        let rest = rest.strip_prefix('ل').map(|r| format!("ال{r}")).unwrap_or_else(|| rest.to_string());
        let rest = rest.strip_prefix("ال").unwrap_or(&rest);
        if arabic_audiences(rest) {
            return true;
        }
    }
    false
}

/// Title and descriptor words that precede a name in an Arabic noun phrase
/// (الرئيس الأميركي دونالد ترامب; صحيفة نيويورك تايمز).
pub fn arabic_title(folded: &str) -> bool {
    let bare = folded.strip_prefix("ال").unwrap_or(folded);
    arabic_titles(bare)
}

/// Titles of persons (not of organisations): الرئيس, الوزير, الملك …
pub fn arabic_person_title(folded: &str) -> bool {
    let bare = folded.strip_prefix("ال").unwrap_or(folded);
    matches!(
        bare,
        "رييس"
            | "وزير"
            | "ملك"
            | "امير"
            | "شيخ"
            | "سيد"
            | "سيده"
            | "رييسه"
            | "وزيره"
            | "زعيم"
            | "مرشد"
            | "مبعوث"
            | "سفير"
            | "نايب"
            | "مستشار"
            | "قايد"
            | "جنرال"
    )
}

/// English verbs of saying, lower case. Base forms are listed only where they are rarely nouns.
pub fn english_cue(lower: &str) -> Option<CueKind> {
    let speech = english_speech_verbs(lower);
    if speech {
        return Some(CueKind::Speech);
    }
    if english_participles(lower) {
        return Some(CueKind::Participle);
    }
    if english_naming_verbs(lower) {
        return Some(CueKind::Naming);
    }
    None
}

/// Third-person present forms ("says", "adds"): a matrix verb in the present.
pub fn english_present(lower: &str) -> bool {
    lower.ends_with('s') && !lower.ends_with("ss")
}

/// Words that may sit between an English speech verb and its "that": addressees and
/// adjuncts ("told reporters on Monday that", "said in a statement that").
pub fn english_adjunct(lower: &str) -> bool {
    english_adjunct_words(lower)
}

/// English prepositions opening an adjunct between a verb and its "that" ("said in a statement
/// released by his office that").
pub fn english_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "on" | "in"
            | "at"
            | "with"
            | "during"
            | "after"
            | "before"
            | "by"
            | "from"
            | "to"
            | "for"
            | "via"
            | "through"
            | "outside"
            | "inside"
            | "near"
            | "ahead"
            | "of"
            | "over"
    )
}

/// English addressees a "told" may take before a bare clause ("told reporters the deal …").
pub fn english_addressee(lower: &str) -> bool {
    english_addressees(lower)
}

/// Tokens showing a finite verb, so that "said the families were delighted" is a clause while
/// "said in a statement" is not.
pub fn english_finite(lower: &str) -> bool {
    english_finite_words(lower) || (lower.len() > 4 && lower.ends_with("ed"))
}

/// Words that may open an English content clause given without "that": anything but a
/// preposition, an infinitive "to" or an adverb ("said in a statement", "said goodbye warmly").
pub fn english_clause_opener(raw: &str) -> bool {
    let lower = raw.to_lowercase();
    let preposition = english_non_openers(lower.as_str());
    let adverb = lower.len() > 4 && lower.ends_with("ly");
    !(preposition || adverb)
}

/// English words that end a subject noun phrase when reading backwards from the verb.
pub fn english_np_barrier(lower: &str) -> bool {
    english_barriers(lower)
}

/// Adverbs and auxiliaries between a subject and its speech verb ("has also said").
pub fn english_pre_verb_skip(lower: &str) -> bool {
    english_pre_verb_words(lower)
}

/// Prepositions that open a post-modifier of an English speaker ("Mike Powell of Dresdner").
pub fn english_postmodifier(lower: &str) -> bool {
    english_postmodifiers(lower)
}

/// English personal pronouns that stand for a speaker, with their gender/number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
    It,
    They,
}

pub fn english_pronoun(lower: &str) -> Option<Pronoun> {
    match lower {
        "he" => Some(Pronoun::He),
        "she" => Some(Pronoun::She),
        "it" => Some(Pronoun::It),
        "they" => Some(Pronoun::They),
        _ => None,
    }
}

/// Honorifics marking an English name's gender.
pub fn english_honorific(raw: &str) -> Option<Option<bool>> {
    match raw.trim_end_matches('.') {
        "Mr" => Some(Some(false)),
        "Mrs" | "Ms" | "Miss" | "Lady" | "Dame" | "Queen" | "Princess" | "Madam" => Some(Some(true)),
        "Dr" | "Prof" | "Sir" | "Lord" | "President" | "Senator" | "Sen" | "Rep" | "Gen" | "Judge" => {
            Some(if raw.starts_with("Sir") || raw.starts_with("Lord") { Some(false) } else { None })
        }
        _ => None,
    }
}

/// Capitalised English titles before a name ("Prime Minister Theresa May").
pub fn english_title(raw: &str) -> bool {
    english_titles(raw)
}

/// Lower-case English head nouns of organisations ("the airline said").
pub fn english_org_noun(lower: &str) -> bool {
    english_org_nouns(lower)
}

/// The sex an English given name is mostly given to (`Some(true)` female), from the US census
/// lists in `assets/gazetteers/english-first-names.tsv`; `None` for names given to both or
/// unknown.
pub fn english_first_name_feminine(raw: &str) -> Option<bool> {
    static NAMES: OnceLock<HashMap<&'static str, bool>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        include_str!("../../../assets/gazetteers/english-first-names.tsv")
            .lines()
            .skip(1)
            .filter_map(|line| {
                let (name, sex) = line.split_once('\t')?;
                Some((name, sex == "F"))
            })
            .collect()
    });
    names.get(raw.to_lowercase().as_str()).copied()
}

/// Nouns for people who speak in the news ("the president", "a spokeswoman", "officials").
pub fn english_role_noun(lower: &str) -> bool {
    english_role_nouns(lower)
}

/// Words of English organisation names ("British Airways", "Catholic Secular Forum").
pub fn english_org_word(raw: &str) -> bool {
    english_org_words(raw)
}

/// Abbreviations whose full stop does not end a sentence, including the party and state
/// of American politicians ("Sen. Chuck Schumer, D-N.Y., said", "Rep. Adam Schiff
/// (D-Calif.) said"): cutting the sentence there loses the speaker.
pub fn abbreviation(raw: &str) -> bool {
    abbreviations(raw) || (raw.chars().count() == 1 && raw.chars().all(|c| c.is_uppercase())) || party_and_state(raw)
}

/// "D-Calif", "R-Ky", "I-Vt", and the "D-N" of "D-N.Y.": a party letter, a hyphen and a state.
fn party_and_state(raw: &str) -> bool {
    let Some(state) = raw.strip_prefix("D-").or_else(|| raw.strip_prefix("R-")).or_else(|| raw.strip_prefix("I-"))
    else {
        return us_state_abbreviations(raw);
    };
    (state.len() == 1 && state.chars().all(|c| c.is_ascii_uppercase())) || us_state_abbreviations(state)
}

// ---------------------------------------------------------------- word lists

/// Declares `fn name(word) -> bool`: membership in a whitespace-separated word list, built
/// into a hash set on first use (cue detection looks up every token).
macro_rules! word_list {
    ($name:ident, $words:expr) => {
        fn $name(word: &str) -> bool {
            static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
            SET.get_or_init(|| $words.split_whitespace().collect()).contains(word)
        }
    };
}

word_list!(arabic_participles, "مضيفا مشيرا موكدا موضحا لافتا معتبرا قايلا منوها محذرا مشددا معلنا نافيا");

word_list!(arabic_complementisers, "ان انه انها انهم انهما انهن انني اني اننا انا انكم انك");

word_list!(subordinators_before_an, "قبل بعد منذ دون بدون حتي يجب يمكن لابد بد");

word_list!(
    arabic_adjunct_words,
    concat!(
        "امس اليوم غدا الليله مساء صباح يوم ظهر السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه ",
        "خلال عقب بعد قبل لدي اثناء عبر ضمن عن الي علي عند حين عندما ايضا مجددا كذلك بدوره بدورها ",
        "اليوم، لاحقا سابقا حينها ان اذ حيث الذي التي الذين "
    )
);

word_list!(
    arabic_reporting_contexts,
    concat!(
        "بيان تصريح تصريحات مؤتمر موتمر مقابله حديث كلمه رساله تغريده منشور وقت ختام اعقاب اتصال ",
        "لقاء جلسه خطاب اجتماع حوار تدوينه مداخله افاده تقرير ندوه مناسبه اطلاله تصريحات برنامج ",
        "صفحه حساب منصه "
    )
);

word_list!(arabic_audiences, "صحفيين صحافيين صحافه وكاله قناه صحيفه شبكه موقع وسائل تلفزيون اذاعه مراسل اعلام اعلاميين");

word_list!(
    arabic_titles,
    concat!(
        "رييس وزير وزيره متحدث ناطق مبعوث سفير امين مستشار ملك امير شيخ سيد سيده دكتور نايب جنرال ",
        "قايد صحيفه وكاله قناه شبكه موقع مجله زعيم مدير مديره عضو مندوب مرشد رييسه امريكي اميركي ",
        "روسي اوكراني خاص مساعد كبير مسوول باسم حركه حزب جماعه منظمه حكومه وزاره "
    )
);

word_list!(
    english_speech_verbs,
    concat!(
        "say says said tell tells told add adds added warn warns warned insist insists insisted ",
        "argue argues argued stated claims claimed reported explain explains explained noted ",
        "stressed acknowledged acknowledges admitted admits announced announces confirmed confirms ",
        "denied denies suggested revealed wrote writes declared maintained maintains replied ",
        "responded asserted asserts conceded concedes emphasised emphasized alleged alleges ",
        "recalled remarked observed contended contends tweeted complained boasted indicated agreed ",
        "commented promised vowed pledged reiterated cautioned countered stresses notes "
    )
);

word_list!(
    english_participles,
    concat!(
        "adding saying insisting warning arguing noting stressing explaining claiming telling ",
        "stating declaring admitting acknowledging suggesting "
    )
);

word_list!(
    english_titles,
    concat!(
        "President Prime Minister Secretary Senator Governor Chancellor General Director Chief Chairman ",
        "Judge Pope King Queen Prince Princess Sheikh Mayor Ambassador Speaker Leader Foreign Home Defence ",
        "Defense Health Justice Vice Deputy Shadow State Attorney Labour Conservative Democratic Republican ",
        "Sen Rep Gov Former Executive Officer Spokesman Spokeswoman Commissioner Adviser Advisor Professor ",
        "Prof"
    )
);

word_list!(
    english_naming_verbs,
    concat!(
        "called calls call described describes describe dubbed labelled labeled branded termed ",
        "hailed calling describing accused accuses accusing dismissed dismisses condemned condemns ",
        "criticised criticized criticises criticizes praised welcomed slammed "
    )
);

word_list!(
    english_adjunct_words,
    concat!(
        "on in at during after yesterday today tonight earlier later last this week month year ",
        "monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night a ",
        "an the statement interview news conference briefing letter his her its their also again ",
        "previously repeatedly publicly privately , reporters journalists him them us me parliament ",
        "mps lawmakers senators congress bbc radio television tv told speech report recently ",
        "separately then once had has have been to newspaper magazine agency program programme show ",
        "press release written brief court hearing committee "
    )
);

word_list!(
    english_addressees,
    concat!(
        "reporters journalists him her them us me parliament mps lawmakers senators congress ",
        "colleagues supporters delegates the bbc cnn "
    )
);

word_list!(
    english_finite_words,
    concat!(
        "is are was were has have had will would could should can may might must did does do won't ",
        "can't cannot wasn't isn't aren't weren't hasn't haven't hadn't doesn't didn't wouldn't ",
        "couldn't shouldn't shall it's there's he's she's they're we're i'm we'd they'd he'd she'd "
    )
);

word_list!(
    english_non_openers,
    concat!(
        "in on at to by for with from about of after before during as so not nothing goodbye hello ",
        "yes no. sorry thanks when while because without into over under through since until "
    )
);

word_list!(
    english_barriers,
    concat!(
        "and but yet so however while when as because although though if that which who whom where ",
        "after before since until meanwhile also now then still is was were are be been has had ",
        "have it he she they we i you "
    )
);

word_list!(
    english_pre_verb_words,
    concat!(
        "also has had have later previously recently earlier then further separately once again ",
        "repeatedly publicly privately already often would will has also only subsequently ",
        "reportedly had earlier simply flatly firmly angrily quickly "
    )
);

word_list!(english_postmodifiers, "of in at from for with on who whose which");

word_list!(
    english_org_nouns,
    concat!(
        "airline company firm ministry department government statement report group bank agency ",
        "council board party club union police army military court committee organisation ",
        "organization newspaper network channel embassy office administration commission body ",
        "authority authorities institute association carrier retailer bbc website paper study ",
        "survey "
    )
);

word_list!(
    english_org_words,
    concat!(
        "Airways Airlines Ministry Department Government Bank Board Council Party Forum Group ",
        "Association Agency Organisation Organization Corp Inc Ltd plc Company Commission Office ",
        "Institute University Union Committee Court News Times Post Journal Church Club Police Army ",
        "Federation League Foundation Trust Service ",
        "Radio Television TV Channel Network Press Herald Telegraph Guardian Gazette Tribune "
    )
);

word_list!(
    abbreviations,
    concat!(
        "Mr Mrs Ms Dr St Jr Sr Prof Gen Col Lt Sgt Rep Sen Gov No vs etc Inc Ltd Co Corp Mt Capt ",
        "Cmdr Adm Rev Fr Hon Jan Feb Aug Sept Oct Nov Dec approx e.g i.e "
    )
);

word_list!(
    english_role_nouns,
    concat!(
        "president minister premier chancellor spokesman spokeswoman spokesperson official officials ",
        "governor senator lawmaker lawmakers legislator leader leaders chairman chairwoman secretary ",
        "prosecutor prosecutors judge mayor candidate analyst analysts expert experts source sources ",
        "aide aides adviser advisers advisor diplomat diplomats general commander ambassador envoy ",
        "director executive ceo founder lawyer attorney researchers scientists economist economists "
    )
);

word_list!(
    us_state_abbreviations,
    concat!(
        "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo ",
        "Mont Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo "
    )
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_conjugations_and_prefixes() {
        let v = arabic_cue("وقالت").unwrap();
        assert!(v.feminine && !v.imperfect);
        assert!(arabic_cue("واضاف").is_some());
        assert!(arabic_cue("نفت").unwrap().feminine);
        assert!(arabic_cue("يقول").unwrap().imperfect);
        assert!(arabic_cue("اعلانواضاف").is_some(), "boilerplate glued before وأضاف");
        assert!(arabic_cue("انتقال").is_none());
        assert!(arabic_cue("المقال").is_none());
        assert_eq!(arabic_cue("وصف").unwrap().kind, CueKind::Naming);
    }

    #[test]
    fn complementisers() {
        assert!(arabic_complementiser("انهم"));
        assert!(arabic_complementiser("بان"));
        assert!(!arabic_complementiser("لان"));
        assert!(!arabic_complementiser("الان"));
    }

    #[test]
    fn english_verbs() {
        assert_eq!(english_cue("said"), Some(CueKind::Speech));
        assert_eq!(english_cue("adding"), Some(CueKind::Participle));
        assert_eq!(english_cue("described"), Some(CueKind::Naming));
        assert_eq!(english_cue("expects"), None);
        assert_eq!(english_cue("blamed"), None);
        assert_eq!(english_cue("apologised"), None);
    }
}
