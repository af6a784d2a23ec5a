//! Quotation forms and speaker resolution, Arabic and English, through the public
//! `nlp::quotes::extract` with hand-built entity lists (the NER is not needed here).

use marsad::model::{EntityMention, EntityType, Quote, QuoteKind};
use marsad::nlp::quotes::extract;

/// An entity mention for the `nth` (0-based) occurrence of `surface` in `text`.
fn mention(text: &str, surface: &str, nth: usize, canonical: &str, entity_type: EntityType) -> EntityMention {
    let start = text.match_indices(surface).nth(nth).unwrap_or_else(|| panic!("{surface} not in text")).0;
    EntityMention {
        start,
        end: start + surface.len(),
        entity_type,
        surface: surface.into(),
        canonical: canonical.into(),
    }
}

fn person(text: &str, surface: &str, nth: usize, canonical: &str) -> EntityMention {
    mention(text, surface, nth, canonical, EntityType::Person)
}

/// Extracts and checks the offset invariant every consumer relies on.
fn quotes(text: &str, entities: &[EntityMention]) -> Vec<Quote> {
    let qs = extract(text, entities);
    for q in &qs {
        assert_eq!(&text[q.start..q.end], q.text, "offsets slice the text");
        if let Some((s, e)) = q.speaker_span {
            assert!(s < e && e <= text.len());
        }
        if let (Some(cue), Some((s, e))) = (&q.cue, q.cue_span) {
            assert_eq!(&text[s..e], cue);
        }
    }
    qs
}

fn only<'q>(qs: &'q [Quote], kind: QuoteKind, text: &str) -> &'q Quote {
    let found: Vec<&Quote> = qs.iter().filter(|q| q.kind == kind && q.text == text).collect();
    assert_eq!(found.len(), 1, "expected one {kind:?} quote {text:?} in {qs:#?}");
    found[0]
}

fn speaker(q: &Quote) -> &str {
    q.speaker.as_deref().unwrap_or("<none>")
}

// ------------------------------------------------------------------ direct forms

#[test]
fn a_quotation_interrupted_by_its_attribution_is_one_quote() {
    let text = "Mr. Smith spoke on Monday. \"It was a good day,\" said Mr. Smith, \"and we expect more of them.\"";
    let ents = [person(text, "Smith", 0, "John Smith"), person(text, "Smith", 1, "John Smith")];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let q = only(&qs, QuoteKind::Direct, "It was a good day,\" said Mr. Smith, \"and we expect more of them.");
    assert_eq!(speaker(q), "John Smith");
    assert_eq!(q.cue.as_deref(), Some("said"));

    // Two sentences, each quoted: two quotes, both the minister's.
    let text = "\"We will not give up,\" the minister said. \"The talks will go on next week.\"";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert!(qs.iter().all(|q| speaker(q) == "the minister"), "{qs:#?}");
    // A new sentence in the second part (capital letter) is a quote of its own.
    let text = "\"It is over,\" the minister said, \"We go home now.\"";
    assert_eq!(quotes(text, &[]).len(), 2);
}

#[test]
fn curly_quote_with_trailing_attribution() {
    let text = "Donald Trump held a rally. “We will win,” Trump said at the rally.";
    let ents = [person(text, "Donald Trump", 0, "Donald Trump"), person(text, "Trump", 1, "Donald Trump")];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let q = only(&qs, QuoteKind::Direct, "We will win,");
    assert_eq!(speaker(q), "Donald Trump");
    assert_eq!(q.cue.as_deref(), Some("said"));
    let (s, e) = q.speaker_span.unwrap();
    assert_eq!(&text[s..e], "Trump");
}

#[test]
fn straight_quotes_pronoun_speaker_and_continuation() {
    let text = "Rod Eddington runs the airline. \"Our focus remains on costs,\" he said. \
                \"For example, we bought six aircraft.\" The shares rose.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "Our focus remains on costs,")), "Rod Eddington");
    // The next sentence is one more quotation with no cue of its own: the same speaker.
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "For example, we bought six aircraft.")), "Rod Eddington");
    assert_eq!(qs.len(), 2);
}

#[test]
fn guillemets_after_arabic_speech_verb_and_colon() {
    let text = "وقال وزير الخارجية سيرغي لافروف: «سنواصل العمل مع شركائنا».";
    let ents = [person(text, "سيرغي لافروف", 0, "سيرغي لافروف")];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let q = only(&qs, QuoteKind::Direct, "سنواصل العمل مع شركائنا");
    assert_eq!(speaker(q), "سيرغي لافروف");
    assert_eq!(q.cue.as_deref(), Some("وقال"));
}

#[test]
fn colon_after_speech_verb_quotes_to_paragraph_end() {
    let text = "وعندما سئل عن الاجتماع، قال ترامب للصحفيين: لا أعرف ما يفعله الكرملين. يمكنني أن أقول لكم إنهما \
                عقدا اجتماعا جيدا. سنكتشف ذلك.\nوفي سياق آخر التقى الوفدان.";
    let ents = [person(text, "ترامب", 0, "دونالد ترامب")];
    let qs = quotes(text, &ents);
    // The speaker's own "أقول لكم إنهما …" is part of his words, not a new attribution.
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let q = only(
        &qs,
        QuoteKind::Direct,
        "لا أعرف ما يفعله الكرملين. يمكنني أن أقول لكم إنهما عقدا اجتماعا جيدا. سنكتشف ذلك",
    );
    assert_eq!(speaker(q), "دونالد ترامب");
}

#[test]
fn english_colon_before_quotation_mark() {
    let text = "Tony Blair met the families. Mr Blair said: \"I am very sorry.\" He left.";
    let qs = quotes(text, &[person(text, "Tony Blair", 0, "Tony Blair"), person(text, "Blair", 1, "Tony Blair")]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "I am very sorry.")), "Tony Blair");
}

#[test]
fn embedded_fragment_is_annotated_twice() {
    let text = "وقال يوري أوشاكوف، كبير مستشاري الكرملين، أمس الجمعة، إن بوتين وويتكوف حققا مستوى من التفاهم \
                جعل مناقشاتهما \"ودية حقا\".";
    let ents = [person(text, "يوري أوشاكوف", 0, "يوري أوشاكوف")];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    let direct = only(&qs, QuoteKind::Direct, "ودية حقا");
    let reported = only(&qs, QuoteKind::Indirect, "بوتين وويتكوف حققا مستوى من التفاهم جعل مناقشاتهما \"ودية حقا\"");
    assert_eq!(speaker(direct), "يوري أوشاكوف");
    assert_eq!(speaker(reported), "يوري أوشاكوف");

    let en = "Rod Eddington, BA's chief executive, said the results were \"respectable\" given fuel costs.";
    let qs = quotes(en, &[]);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "respectable")), "Rod Eddington");
    let r = only(&qs, QuoteKind::Indirect, "the results were \"respectable\" given fuel costs");
    assert_eq!(speaker(r), "Rod Eddington");
}

#[test]
fn clause_that_is_mostly_a_quotation_is_only_direct() {
    let text = "وقالت الوزارة في بيان إن الطرفين \"اتفقا على أن التقدم الحقيقي يعتمد على استعداد روسيا للسلام\".";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].kind, QuoteKind::Direct);
    assert_eq!(speaker(&qs[0]), "الوزارة");
}

#[test]
fn reopened_quotation_across_paragraphs_is_one_quote() {
    let text = "Gerry Conlon spoke, adding: \"He went beyond what we thought.\n\"You could see he was moved.\" \
                The move followed a campaign.";
    let qs = quotes(text, &[]);
    let q = only(&qs, QuoteKind::Direct, "He went beyond what we thought.\n\"You could see he was moved.");
    assert_eq!(speaker(q), "Gerry Conlon");
}

#[test]
fn naming_verbs_take_a_short_quoted_phrase() {
    let text = "He called the film \"pornographic and sensational\". وقد وصف بوتين في وقت لاحق المحادثات بأنها \"مفيدة للغاية\".";
    let ents = [person(text, "بوتين", 0, "فلاديمير بوتين")];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(only(&qs, QuoteKind::Direct, "pornographic and sensational").cue.as_deref(), Some("called"));
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "مفيدة للغاية")), "فلاديمير بوتين");
}

#[test]
fn scare_quotes_without_a_cue_are_dropped() {
    let qs = quotes("The film was cleared with an 'A' certificate and a \"family\" label.", &[]);
    assert!(qs.is_empty(), "{qs:#?}");
}

// ------------------------------------------------------------------ indirect forms

#[test]
fn arabic_reported_clause_after_inna() {
    let text =
        "قال مستشارون للرئيس الأميركي ومسؤولون أوكرانيون إنهم سيواصلون المناقشات اليوم، بعد محادثات حققت بعض التقدم.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let q = only(&qs, QuoteKind::Indirect, "سيواصلون المناقشات اليوم، بعد محادثات حققت بعض التقدم");
    assert_eq!(speaker(q), "مستشارون للرئيس الأميركي ومسؤولون أوكرانيون");
    assert_eq!(q.cue.as_deref(), Some("قال"));
}

#[test]
fn narrator_material_after_the_clause_is_cut() {
    let text =
        "أكد الرئيس الأمريكى، دونالد ترامب، أن بوتين يريد إنهاء الحرب، وذلك فى الوقت الذى يستعد فيه المسؤولون للاجتماع.";
    let ents = [person(text, "دونالد ترامب", 0, "دونالد ترامب")];
    let qs = quotes(text, &ents);
    let q = only(&qs, QuoteKind::Indirect, "بوتين يريد إنهاء الحرب");
    // The name in the appositive after a title is the speaker.
    assert_eq!(speaker(q), "دونالد ترامب");

    let en = "The director, Vinod Pande, says the movie is not offensive and has refused to withdraw it.";
    let qs = quotes(en, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the movie is not offensive")), "Vinod Pande");
}

#[test]
fn english_reported_speech_with_and_without_that() {
    let text = "But Mr Pande said that if critics saw the film they would not protest. \
                However, one of the Guildford Four, Gerry Conlon - who was wrongly convicted - said the families were delighted.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "if critics saw the film they would not protest")), "Mr Pande");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the families were delighted")), "Gerry Conlon");
}

#[test]
fn according_to_and_bihasab() {
    let text = "The talks collapsed on Friday, according to a senior official. \
                وبحسب وكالة رويترز، فإن الاجتماع سيعقد الأسبوع المقبل.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    let en = only(&qs, QuoteKind::Indirect, "The talks collapsed on Friday");
    assert_eq!(speaker(en), "a senior official");
    assert_eq!(en.cue.as_deref(), Some("according to"));
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الاجتماع سيعقد الأسبوع المقبل")), "وكالة رويترز");
}

#[test]
fn verbs_taking_a_noun_and_forecasts_are_not_quotes() {
    for text in [
        "أعلن الوزير عن خطة جديدة لدعم الاقتصاد.",
        "لكن الرئيس أشار مجددا هذا الأسبوع إلى إصراره على مطالبه.",
        "توقع الخبراء أن ترتفع الأسعار.",
        "British Airways has blamed high fuel prices for a 40% drop in profits.",
        "Tony Blair has apologised to two families who suffered a miscarriage of justice.",
        "BA's profits were better than expected, and it expects a rise in revenues.",
        "Mr Blair said in a statement.",
    ] {
        let qs = quotes(text, &[]);
        assert!(qs.is_empty(), "{text}: {qs:#?}");
    }
}

#[test]
fn headlines_speaker_colon_claim_are_not_quotes() {
    let text = "ترامب: المرحلة الثانية من اتفاق غزة ستبدأ قريبا\nBiden: we will win the election\nالمصدر: الجزيرة";
    assert!(quotes(text, &[]).is_empty());
}

#[test]
fn impersonal_yudhkar_is_not_an_attribution() {
    assert!(quotes("ويذكر أن الاجتماع عقد في ميامي.", &[]).is_empty());
}

// ------------------------------------------------------------------ speakers

#[test]
fn she_is_not_a_man_named_with_mr() {
    // "Mr. Smith" is a man: the following "she" goes to the earlier speaker, not to him.
    let text = "\"We will not give up,\" the minister said. \"It was a good day,\" said Mr. Smith. \"The deal is close,\" she added.";
    let ents = [person(text, "Smith", 0, "John Smith")];
    let qs = quotes(text, &ents);
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "It was a good day,")), "John Smith");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "The deal is close,")), "the minister", "{qs:#?}");
}

#[test]
fn feminine_verb_without_subject_resolves_to_last_feminine_speaker() {
    let text = "وقالت وزارة الخارجية الأميركية إن المحادثات كانت بناءة. وقال مسؤول أوكراني إن الوفد سيعود. \
                وذكرت الوزارة أن الجانبين اتفقا على إطار أمني. وأوضحت أن الجانبين ناقشا إعادة الإعمار.";
    let ents = [mention(text, "وزارة الخارجية الأميركية", 0, "وزارة الخارجية الأميركية", EntityType::Org)];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 4, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الوفد سيعود")), "مسؤول أوكراني");
    // "الوزارة" is the ministry named before; "وأوضحت" (feminine, no subject) too, skipping
    // the masculine "مسؤول أوكراني".
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الجانبين اتفقا على إطار أمني")), "وزارة الخارجية الأميركية");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الجانبين ناقشا إعادة الإعمار")), "وزارة الخارجية الأميركية");
}

#[test]
fn masculine_verb_without_subject_skips_feminine_speakers() {
    let text = "وتابع ترامب أنه من السابق لأوانه التنبؤ بالنتيجة. ورأت صحيفة نيويورك تايمز أن نبرته تغيرت. \
                وطوال العام، حدد ترامب مواعيد نهائية وادعى أن الاتفاق قد يكون وشيكا، ليحبطه رئيس روسيا.";
    let ents = [
        person(text, "ترامب", 0, "دونالد ترامب"),
        mention(text, "نيويورك تايمز", 0, "نيويورك تايمز", EntityType::Org),
        person(text, "ترامب", 1, "دونالد ترامب"),
    ];
    let qs = quotes(text, &ents);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "نبرته تغيرت")), "نيويورك تايمز");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الاتفاق قد يكون وشيكا")), "دونالد ترامب");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "من السابق لأوانه التنبؤ بالنتيجة")), "دونالد ترامب");
}

#[test]
fn anonymous_sources_are_kept_as_written() {
    let text = "تفاؤل بالبيت الأبيضوكان مسؤول في البيت الأبيض قال إن المحادثات كانت مثمرة.\n\
                وقال مصدر ثان، غير مخول بالحديث إلى الإعلام، إن الوفدين التقيا في ميامي.\n\
                إعلانوأضاف المصدر أن الاجتماعات لم تكن رسمية.\n\
                Mr Blair's official spokesman said no-one present would forget the meeting.";
    let ents = [mention(text, "البيت الأبيض", 1, "البيت الأبيض", EntityType::Org)];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 4, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "المحادثات كانت مثمرة")), "مسؤول في البيت الأبيض");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الوفدين التقيا في ميامي")), "مصدر ثان");
    // "المصدر" refers back to the source just named; the advertisement glued to the verb is
    // not part of the cue's meaning.
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الاجتماعات لم تكن رسمية")), "مصدر ثان");
    assert_eq!(
        speaker(only(&qs, QuoteKind::Indirect, "no-one present would forget the meeting")),
        "Mr Blair's official spokesman"
    );
}

#[test]
fn english_subjects_appositive_postmodifier_and_inversion() {
    let text = "Yet aviation analyst Mike Powell of Dresdner Kleinwort says revenues will fall short. \
                The president of Mumbai's Catholic body, Dolphy D'Souza, says the portrayal has hurt Catholics. \
                \"It is quite good,\" said Nick Van den Brul. \
                The BBC's Zubair Ahmed in Mumbai says that the film shows a priest.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "revenues will fall short")), "Mike Powell");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the portrayal has hurt Catholics")), "Dolphy D'Souza");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "It is quite good,")), "Nick Van den Brul");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the film shows a priest")), "Zubair Ahmed");
}

#[test]
fn an_american_politicians_party_and_state_do_not_end_the_sentence() {
    let text = "Sen. Chuck Schumer, D-N.Y., said the decision was wrong. \
                Rep. Adam Schiff (D-Calif.) said the memo was misleading. \
                Sen. Rand Paul, R-Ky., told reporters that he would oppose the bill.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the decision was wrong")), "Chuck Schumer");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the memo was misleading")), "Adam Schiff");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "he would oppose the bill")), "Rand Paul");
}

#[test]
fn quoted_as_saying_goes_to_the_subject_of_the_passive() {
    let text = "Democrats said it favored the wealthy. The minister was quoted as saying that the plan was dead.";
    let qs = quotes(text, &[]);
    let q = only(&qs, QuoteKind::Indirect, "the plan was dead");
    assert_eq!(speaker(q), "The minister");
    assert_eq!(q.cue.as_deref(), Some("saying"));
}

#[test]
fn a_participle_speaks_for_the_subject_of_its_sentence() {
    // A determiner and a role noun, then the pronoun of the next quote goes to the same speaker.
    let text = "The president on Tuesday defended his record, saying that the economy was strong. \
                \"We did more than anyone,\" he said.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the economy was strong")), "The president");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "We did more than anyone,")), "The president");
    // A naming participle ("calling") is not governed by the noun phrase just before it.
    let text = "The Kremlin has denied any involvement, calling the accusations \"absurd.\"";
    assert_eq!(speaker(only(&quotes(text, &[]), QuoteKind::Direct, "absurd.")), "The Kremlin");
    // One name and a verb in the past open the sentence.
    let text = "Trump attacked the media on Monday, calling reporters \"the enemy of the people.\"";
    assert_eq!(speaker(only(&quotes(text, &[]), QuoteKind::Direct, "the enemy of the people.")), "Trump");
}

#[test]
fn english_reported_clauses_without_that() {
    // A subject pronoun and a regular verb form open the clause; in a relative clause between
    // commas the content stops at the closing comma.
    let text = "The company, which says it employs 5,000 people, reported a loss on Monday.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "it employs 5,000 people")), "The company");
    // The full stops of "U.S." do not end the clause.
    let text = "The envoy said the U.S. would not accept the deal.";
    assert_eq!(
        speaker(only(&quotes(text, &[]), QuoteKind::Indirect, "the U.S. would not accept the deal")),
        "The envoy"
    );
    // "He said it again" holds no clause.
    assert!(quotes("He said it again and again.", &[]).is_empty());
}

#[test]
fn a_claim_before_an_inverted_verb_needs_a_speaker_after_it() {
    let text = "The plan will fail in the end, warned a senior diplomat.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "The plan will fail in the end")), "a senior diplomat");
    let text = "The campaign expects turnout to rise, said a spokesman in a statement.";
    assert_eq!(speaker(&quotes(text, &[])[0]), "a spokesman");
}

#[test]
fn english_subjects_of_relatives_examples_and_coordinated_verbs() {
    // A relative pronoun stands for the nearest noun phrase, not the participle phrase before it.
    let text = "The bill sets up a showdown with Democrats who say the plan would strip coverage.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the plan would strip coverage")), "Democrats");
    // "including …" gives examples; the speaker is the head.
    let text = "Four conservative senators, including Rand Paul of Kentucky, announced they could not support it.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "they could not support it")), "Four conservative senators");
    // A second verb shares the subject of the first.
    let text = "Chuck Schumer called it \"a wolf in sheep's clothing\" and said it was \"every bit as bad.\"";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "every bit as bad.")), "Chuck Schumer");
}

#[test]
fn arabic_spokesman_of_a_body_anonymous_source_and_a_second_verb() {
    // The spokesman's name, not the body he speaks for.
    let text = "أعلن المتحدث باسم الكرملين ديمتري بيسكوف أن موسكو لم تتلق الخطة.";
    let ents =
        [mention(text, "الكرملين", 0, "الكرملين", EntityType::Org), person(text, "ديمتري بيسكوف", 0, "ديمتري بيسكوف")];
    let qs = quotes(text, &ents);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "موسكو لم تتلق الخطة")), "ديمتري بيسكوف");
    // A source "in" a named body ends with the name; the object of the denial is not in it.
    let text = "ونفى مصدر في حركة حماس وجود أي خلاف، مشيرا إلى أن الحركة ملتزمة بالاتفاق.";
    let ents = [mention(text, "حماس", 0, "حماس", EntityType::Org)];
    let qs = quotes(text, &ents);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الحركة ملتزمة بالاتفاق")), "مصدر في حركة حماس");
    // "، لكنه حذر من أن": a second verb of saying ends the first clause.
    let text = "ورأى المحلل أحمد سعيد أن الاتفاق بات قريبا، لكنه حذر من أن \"الشيطان يكمن في التفاصيل\".";
    let ents = [person(text, "أحمد سعيد", 0, "أحمد سعيد")];
    let qs = quotes(text, &ents);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الاتفاق بات قريبا")), "أحمد سعيد");
    let q = only(&qs, QuoteKind::Direct, "الشيطان يكمن في التفاصيل");
    assert_eq!(speaker(q), "أحمد سعيد");
    assert_eq!(q.cue.as_deref(), Some("حذر"));
}

#[test]
fn a_relative_clause_between_commas_describes_the_speaker_without_naming_it() {
    let text = "The Rail Delivery Group (RDG), which represents train operators, said the money would pay for improvements. \
                The union, whose members work at the plant, said the offer was too low.";
    let qs = quotes(text, &[]);
    let q = only(&qs, QuoteKind::Indirect, "the money would pay for improvements");
    assert_eq!(speaker(q), "The Rail Delivery Group");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the offer was too low")), "The union");
}

#[test]
fn arabic_cnn_spelled_out_is_no_complementiser() {
    let text = "وصرح مسؤول أمريكي لشبكة سي إن إن بأن واشنطن تدرس خيارات عدة.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "واشنطن تدرس خيارات عدة")), "مسؤول أمريكي");
    let text = "وقال مسؤول لشبكة سي إن إن إن واشنطن تدرس خيارات عدة.";
    only(&quotes(text, &[]), QuoteKind::Indirect, "واشنطن تدرس خيارات عدة");
}

#[test]
fn he_and_she_follow_given_names_and_skip_plurals_and_non_reports() {
    // "Film star sues over magazine claims": "claims" is a noun there and no speaker for "he";
    // "His lawyers" is plural; "Patricia" is a woman's name. "He" is Tom Cruise.
    let text = "Film star sues over magazine claims\n\n\
                Hollywood actor Tom Cruise is suing a German magazine over a report which claimed he was quitting.\n\n\
                His lawyers said the article was \"completely false\" and damaging.\n\n\
                In a statement, the magazine's editor Patricia Riekel said she stood by the story.\n\n\
                He told reporters on Tuesday: \"I love what I do.\"";
    let ents = [person(text, "Tom Cruise", 0, "Tom Cruise"), person(text, "Patricia Riekel", 0, "Patricia Riekel")];
    let qs = quotes(text, &ents);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "he was quitting")), "a report");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "she stood by the story")), "Patricia Riekel");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "I love what I do.")), "Tom Cruise");
    // After "told" and its addressee the clause takes its article: "the U.S. would …".
    let text = "Mattis told senators the U.S. would not withdraw its troops.";
    only(&quotes(text, &[]), QuoteKind::Indirect, "the U.S. would not withdraw its troops");
}

#[test]
fn english_phrasal_verbs_of_saying() {
    let text = "Clinton pointed out that the economy had grown. Trump made it clear that he would not release \
                his returns. The minister made clear his opposition to the plan.";
    let qs = quotes(text, &[]);
    let q = only(&qs, QuoteKind::Indirect, "the economy had grown");
    assert_eq!((speaker(q), q.cue.as_deref()), ("Clinton", Some("pointed out")));
    let q = only(&qs, QuoteKind::Indirect, "he would not release his returns");
    assert_eq!((speaker(q), q.cue.as_deref()), ("Trump", Some("made it clear")));
    assert_eq!(qs.len(), 2, "a noun after \"made clear\" is no clause: {qs:#?}");
}

#[test]
fn arabic_according_to_what_someone_reported() {
    let text = "وبحسب ما أفاد به مراسل الجزيرة، فإن القصف تجدد صباح اليوم.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "القصف تجدد صباح اليوم")), "مراسل الجزيرة");
}

#[test]
fn english_pronouns_resolve_by_gender_and_kind() {
    let text = "British Airways reported its results. BA warned that yields would decline. \
                Martin Broughton chairs the board. \"Revenue is better,\" Martin Broughton said. \
                It also reported on Friday that passenger numbers rose. \
                Also arrested was Anne Maguire. Mrs Maguire was the relative they stayed with. \
                She said it was a \"wonderful feeling\" to have had the apology.";
    let ents = [
        mention(text, "British Airways", 0, "British Airways", EntityType::Org),
        mention(text, "BA", 0, "British Airways", EntityType::Org),
    ];
    let qs = quotes(text, &ents);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "passenger numbers rose")), "British Airways");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "wonderful feeling")), "Anne Maguire");
    let r = only(&qs, QuoteKind::Indirect, "it was a \"wonderful feeling\" to have had the apology");
    assert_eq!(speaker(r), "Anne Maguire");
}

#[test]
fn without_entities_honorific_names_expand_to_the_full_name() {
    let text = "Rod Eddington leads BA. \"We are cutting costs,\" Mr Eddington said.";
    let q = &quotes(text, &[])[0];
    assert_eq!(speaker(q), "Rod Eddington");
    let (s, e) = q.speaker_span.unwrap();
    assert_eq!(&text[s..e], "Mr Eddington");
}

// ------------------------------------------------------------------ reporting styles

#[test]
fn report_before_its_attribution() {
    let text = "The campaign expects turnout to rise in the final week, officials said. \
                Fares will rise by 3.1% from January, the industry body has announced.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(
        speaker(only(&qs, QuoteKind::Indirect, "The campaign expects turnout to rise in the final week")),
        "officials"
    );
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "Fares will rise by 3.1% from January")), "the industry body");
}

#[test]
fn negated_and_declined_speech_is_not_a_quote() {
    for text in [
        "Earnest declined to say whether Obama believed Comey had acted appropriately.",
        "The minister did not say that the plan had failed.",
        "A spokesman wouldn't say if talks were continuing.",
    ] {
        let qs = quotes(text, &[]);
        assert!(qs.is_empty(), "{text}: {qs:#?}");
    }
}

#[test]
fn english_that_after_addressee_and_adjuncts() {
    let text = "Mitch McConnell told reporters on Capitol Hill that he had not spoken to Trump. \
                Its director Anthony Smith told BBC Radio 4's Today programme that value remained the main concern.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "he had not spoken to Trump")), "Mitch McConnell");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "value remained the main concern")), "Anthony Smith");
}

#[test]
fn english_speaker_forms() {
    let text = "The Rail Delivery Group (RDG) said the increase was below inflation. \
                Transport Secretary Chris Grayling said fares were fair. \
                According to the Office of Rail and Road, satisfaction fell last year. \
                \"This is a very serious matter,\" said Sen. Chuck Grassley, who chairs the committee.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the increase was below inflation")), "The Rail Delivery Group");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "fares were fair")), "Chris Grayling");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "satisfaction fell last year")), "Office of Rail and Road");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "This is a very serious matter,")), "Chuck Grassley");
}

#[test]
fn accusing_with_a_quoted_phrase_is_direct_and_attributed() {
    let text = "Mark Reid said little. Labour accused the government of \"pricing people off the trains\".";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "pricing people off the trains")), "Labour");
}

#[test]
fn pronoun_with_no_antecedent_is_kept_as_written() {
    let text = "\"We are ready,\" he said.";
    let q = &quotes(text, &[])[0];
    assert_eq!(speaker(q), "he");
}

#[test]
fn arabic_relayed_source_and_participle() {
    let text = "ونقلت وكالة رويترز عن مسؤول أوروبي قوله إن الاتحاد يدرس حزمة عقوبات جديدة.\n\
                من جهته، قال الناطق باسم الدفاع المدني محمود بصل للجزيرة إن الفرق تعمل بلا توقف، مضيفا أن عشرات \
                المفقودين ما زالوا تحت الأنقاض.\n\
                وزعم الجيش أنه استهدف مواقع عسكرية، دون أن يقدم أدلة على ذلك.";
    let ents = [person(text, "محمود بصل", 0, "محمود بصل")];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 4, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الاتحاد يدرس حزمة عقوبات جديدة")), "مسؤول أوروبي");
    // The name closing a description is the speaker; "للجزيرة" is the addressee.
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الفرق تعمل بلا توقف")), "محمود بصل");
    let continued = only(&qs, QuoteKind::Indirect, "عشرات المفقودين ما زالوا تحت الأنقاض");
    assert_eq!(speaker(continued), "محمود بصل");
    assert_eq!(continued.cue.as_deref(), Some("مضيفا"));
    // "دون أن يقدم أدلة" is the narrator's comment, not the army's claim.
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "استهدف مواقع عسكرية")), "الجيش");
}

#[test]
fn quoted_titles_are_not_speech() {
    let text = "Kellyanne Conway dismissed the numbers, telling CNN's \"State of the Union\" that internal \
                polling showed a close race. The Republican National Committee said in a statement that it \
                remained committed.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "internal polling showed a close race")), "Kellyanne Conway");
    // A party word before an organisation's name is part of the name, not a title.
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "it remained committed")), "The Republican National Committee");
}

#[test]
fn british_single_quotes() {
    let text = "Anne Maguire spoke. 'It was a wonderful feeling,' she said.";
    let qs = quotes(text, &[]);
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "It was a wonderful feeling,")), "Anne Maguire");
}

#[test]
fn arabic_quoted_outlet_names_trailing_attribution_and_wafqa() {
    let text = "«لن نسمح بأي محاولة لتقسيم سوريا»، قال الرئيس التركي رجب طيب أردوغان في خطاب أمام البرلمان.\n\
                وتابع قائلا: «على المجتمع الدولي أن يتحمل مسؤولياته.\n«لا يمكن أن نبقى متفرجين».\n\
                من جانبها، قالت صحيفة \"نيويورك تايمز\" إن الإدارة الأميركية تراقب التطورات.\n\
                وشهدت المدينة احتجاجات واسعة وفق ما نقلته وكالة رويترز.";
    let ents = [
        person(text, "رجب طيب أردوغان", 0, "رجب طيب أردوغان"),
        mention(text, "نيويورك تايمز", 0, "نيويورك تايمز", EntityType::Org),
    ];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 4, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "لن نسمح بأي محاولة لتقسيم سوريا")), "رجب طيب أردوغان");
    let continued = only(&qs, QuoteKind::Direct, "على المجتمع الدولي أن يتحمل مسؤولياته.\n«لا يمكن أن نبقى متفرجين");
    assert_eq!(speaker(continued), "رجب طيب أردوغان");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الإدارة الأميركية تراقب التطورات")), "نيويورك تايمز");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "وشهدت المدينة احتجاجات واسعة")), "وكالة رويترز");
}

#[test]
fn infinitive_cues_and_relative_clauses_in_subjects() {
    let text = "Trump continued to insist that the election was rigged. \
                A source close to the president said the talks had stalled. \
                وقال المسؤول الذي رفض الكشف عن اسمه إن المفاوضات متعثرة.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 3, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the election was rigged")), "Trump");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "the talks had stalled")), "A source close to the president");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "المفاوضات متعثرة")), "المسؤول");
}

#[test]
fn announcing_a_noun_then_another_verb() {
    let text = "أعلنت وزارة الصحة مقتل 20 شخصا وقالت إن فرق الإسعاف ما زالت تبحث عن المفقودين.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].cue.as_deref(), Some("وقالت"));
    assert_eq!(qs[0].text, "فرق الإسعاف ما زالت تبحث عن المفقودين");
}

#[test]
fn arabic_wrote_and_own_words() {
    let text = "وكتب ترامب على منصته: «سننهي هذه الحرب قريبا».\n\
                وقال وزير الخارجية إن المحادثات جيدة. والاتفاق بات قريبا، حسب تعبيره.";
    let ents = [person(text, "ترامب", 0, "دونالد ترامب")];
    let qs = quotes(text, &ents);
    assert_eq!(qs.len(), 3, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Direct, "سننهي هذه الحرب قريبا")), "دونالد ترامب");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "والاتفاق بات قريبا")), "وزير الخارجية");
}

#[test]
fn bare_clause_after_a_time_adjunct() {
    let text = "The company announced on Monday it would cut 500 jobs. Mr Blair said in a statement.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "it would cut 500 jobs")), "The company");
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in [
        "",
        "\"",
        "« »",
        "قال",
        "وقال إن",
        "said",
        "He said:",
        "according to",
        "وبحسب",
        "\"\"\"\"",
        "“unclosed quote\nnext line",
        "Mr. said, \"a\" b \"c,\" he said, 'd' she said.",
        "،،، قال: «» إن أن",
        "\u{feff}قال ترامب: «نعم»\r\n",
    ] {
        let _ = quotes(text, &[]);
    }
}

#[test]
fn fragment_share_is_counted_in_words() {
    // Two quoted words in a five-word clause: the clause is reported speech embedding a fragment.
    let text = "Speaking on BBC Radio 4, Mr Smith said the figures were \"deeply worrying\". \
                وأوضحت الوكالة في تقرير لها أن الأسعار ارتفعت بنسبة 5%.";
    let qs = quotes(text, &[]);
    assert_eq!(qs.len(), 3, "{qs:#?}");
    only(&qs, QuoteKind::Indirect, "the figures were \"deeply worrying\"");
    only(&qs, QuoteKind::Direct, "deeply worrying");
    // "في تقرير لها" is where it was said, not who; the percent sign stays with its number.
    assert_eq!(speaker(only(&qs, QuoteKind::Indirect, "الأسعار ارتفعت بنسبة 5%")), "الوكالة");
}

#[test]
fn speech_words_used_as_nouns_are_not_cues() {
    for text in ["The claims were rejected by the court.", "The reported deal was never signed by anyone."] {
        let qs = quotes(text, &[]);
        assert!(qs.is_empty(), "{text}: {qs:#?}");
    }
}
