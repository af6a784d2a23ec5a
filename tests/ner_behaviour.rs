//! Behaviour of the bundled recognizer on texts written for these tests: clitics left outside
//! mentions, aliases grouped under the fullest name, spelling variants, watchlists.

use marsad::model::{EntityMention, EntityType};
use marsad::nlp::ner::{Recognizer, WatchEntry};

/// Offsets slice the text, mentions are sorted and never overlap.
fn check_invariants(text: &str, mentions: &[EntityMention]) {
    for m in mentions {
        assert_eq!(&text[m.start..m.end], m.surface, "surface is the text at the offsets");
        assert!(!m.canonical.is_empty());
    }
    for w in mentions.windows(2) {
        assert!(w[0].end <= w[1].start, "{:?} overlaps {:?}", w[0], w[1]);
    }
}

fn find<'a>(mentions: &'a [EntityMention], surface: &str) -> Vec<&'a EntityMention> {
    mentions.iter().filter(|m| m.surface == surface).collect()
}

#[test]
fn arabic_clitics_stay_outside_the_mention() {
    let text = "التقى بوتين في موسكو ثم توجه إلى أوكرانيا وكييف ، وقدم دعما جديدا لأوكرانيا .";
    let r = Recognizer::bundled();
    let m = r.recognize(text);
    check_invariants(text, &m);
    let kyiv = find(&m, "كييف");
    assert_eq!(kyiv.len(), 1, "{m:?}");
    assert_eq!(kyiv[0].entity_type, EntityType::Loc);
    assert_eq!(&text[kyiv[0].start - "و".len()..kyiv[0].start], "و");
    let ukraine = find(&m, "أوكرانيا");
    assert_eq!(ukraine.len(), 2, "{m:?}");
    let glued = text.find("لأوكرانيا").unwrap();
    assert_eq!(ukraine[1].start, glued + "ل".len());
    assert!(m.iter().all(|x| !x.surface.starts_with("وك") && !x.surface.starts_with("لأ")));
}

#[test]
fn arabic_aliases_take_the_fullest_name() {
    let text = "قال الرئيس الأميركي دونالد ترامب إن المحادثات مفيدة . وأضاف الرئيس ترامب أن ترامب سيزور موسكو .";
    let m = Recognizer::bundled().recognize(text);
    check_invariants(text, &m);
    let trump: Vec<_> = m.iter().filter(|x| x.surface.contains("ترامب")).collect();
    assert!(trump.len() >= 2, "{m:?}");
    for t in &trump {
        assert_eq!(t.entity_type, EntityType::Person);
        assert_eq!(t.canonical, "دونالد ترامب");
        assert!(!t.surface.contains("الرئيس"), "titles are not part of the name: {t:?}");
    }
}

#[test]
fn english_aliases_take_the_fullest_name() {
    let text =
        "Donald Trump said on Monday that talks went well. Mr. Trump will meet Vladimir Putin. Trump's aides agreed.";
    let m = Recognizer::bundled().recognize(text);
    check_invariants(text, &m);
    let trump = find(&m, "Trump");
    assert_eq!(trump.len(), 2, "{m:?}");
    assert!(trump.iter().all(|t| t.canonical == "Donald Trump" && t.entity_type == EntityType::Person));
    assert_eq!(find(&m, "Vladimir Putin").len(), 1);
    assert!(m.iter().all(|x| !x.surface.starts_with("Mr")));
}

#[test]
fn watchlist_names_match_spelling_variants_and_win_over_the_tagger() {
    let mut r = Recognizer::bundled();
    r.add_watchlist(&[
        WatchEntry {
            name: "وزارة الخارجية الأميركية".into(),
            entity_type: EntityType::Org,
            aliases: vec!["الخارجية الأميركية".into()],
        },
        WatchEntry { name: "القرار 2254".into(), entity_type: EntityType::Org, aliases: vec![] },
        WatchEntry { name: "Paris Hilton".into(), entity_type: EntityType::Person, aliases: vec![] },
    ]);
    // Hamza-less alef, ي for ى, harakat and tatweel; Arabic-Indic digits.
    let text = "وقالت وزارة الخارجيّة الأمريكيـة إن القرار ٢٢٥٤ ملزم ، وأكدت الخارجية الامريكية ذلك .";
    let m = r.recognize(text);
    check_invariants(text, &m);
    let ministry: Vec<_> = m.iter().filter(|x| x.canonical == "وزارة الخارجية الأميركية").collect();
    assert_eq!(ministry.len(), 2, "{m:?}");
    assert!(ministry.iter().all(|x| x.entity_type == EntityType::Org));
    assert_eq!(ministry[0].surface, "وزارة الخارجيّة الأمريكيـة");
    assert_eq!(ministry[1].surface, "الخارجية الامريكية");
    let resolution = find(&m, "القرار ٢٢٥٤");
    assert_eq!(resolution.len(), 1, "{m:?}");
    assert_eq!(resolution[0].canonical, "القرار 2254");

    let text = "Paris Hilton arrived in Paris on Monday.";
    let m = r.recognize(text);
    check_invariants(text, &m);
    assert_eq!(m[0].surface, "Paris Hilton");
    assert_eq!(m[0].entity_type, EntityType::Person);
}

#[test]
fn fixtures_keep_the_output_invariants() {
    let r = Recognizer::bundled();
    for fixture in [include_str!("fixtures/ner/ar.conll"), include_str!("fixtures/ner/en.conll")] {
        let text: String = fixture
            .split("\n\n")
            .map(|s| s.lines().filter_map(|l| l.split(' ').next()).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        check_invariants(&text, &r.recognize(&text));
    }
    assert!(r.recognize("").is_empty());
    assert!(r.recognize("   \n\t ").is_empty());
}

#[test]
fn odd_inputs_do_not_break_the_invariants() {
    let r = Recognizer::bundled();
    let odd = [
        "و",
        "لل",
        "وال",
        "ـــ ــ",
        "\u{064E}\u{0651} \u{200F}\u{200D}",
        "قال ترامب\r\nوأضاف بوتين\r\n",
        "🙂 Trump 🙂 ترامب 🙂",
        "U.S. U.N. Mr. Dr. 's 're -- ... (( ))",
        "ووووووووووووووووووووووووووووووووووووووو",
        "Smith-Jones O'Neill D'Souza Jean-Pierre",
        "«ترامب»،(بوتين)؛ ‹Putin›",
    ];
    for text in odd {
        check_invariants(text, &r.recognize(text));
    }
    let long = "قال الرئيس ترامب إن بوتين سيزور موسكو . ".repeat(500);
    let m = r.recognize(&long);
    check_invariants(&long, &m);
    assert!(m.len() >= 500, "repeated names keep being found: {}", m.len());
}

#[test]
fn arabic_repeated_names_are_found_unless_the_name_is_also_a_word() {
    // "ويتكوف" is no Arabic word: once tagged, its other mentions are names too.
    let text = "قال المبعوث الأمريكي ستيف ويتكوف إن المحادثات كانت مثمرة . والتقى ويتكوف بالوفد في الدوحة .";
    let m = Recognizer::bundled().recognize(text);
    check_invariants(text, &m);
    let witkoff: Vec<_> = m.iter().filter(|x| x.surface.contains("ويتكوف")).collect();
    assert_eq!(witkoff.len(), 2, "{m:?}");
    assert!(witkoff.iter().all(|x| x.entity_type == EntityType::Person && x.canonical == "ستيف ويتكوف"));

    // "جمعة" is a surname and the word for Friday: "يوم جمعة" stays a day.
    let text = "قال اللاعب القطري عادل جمعة إن الفريق جاهز . وتقام المباراة يوم جمعة المقبل . وأكد جمعة أن الفوز ممكن .";
    let m = Recognizer::bundled().recognize(text);
    check_invariants(text, &m);
    let friday = text.find("يوم جمعة").unwrap() + "يوم ".len();
    assert!(m.iter().all(|x| x.start != friday), "the day is not a name: {m:?}");
    assert!(m.iter().any(|x| x.surface == "عادل جمعة" && x.entity_type == EntityType::Person), "{m:?}");
}

#[test]
fn a_long_text_is_tagged_in_article_sized_windows() {
    use marsad::nlp::ner::features::DOCUMENT_WINDOW;
    // A corpus file or a long page runs many stories together. How a word was tagged in one
    // window of sentences must not decide how it is tagged in the next: the text below tags
    // exactly as its two windows do on their own.
    let first: String = (0..DOCUMENT_WINDOW)
        .map(|i| format!("قال المبعوث الأمريكي ستيف ويتكوف إن الجولة {i} من المحادثات كانت مثمرة .\n"))
        .collect();
    let second = "وصل ويتكوف صباح اليوم . ويتكوف نوع من الحلوى في المدينة .\nوتباع ويتكوف في الأسواق .\n";
    let text = format!("{first}{second}");
    let r = Recognizer::bundled();
    let spans = |t: &str, shift: usize| -> Vec<(usize, usize, EntityType)> {
        r.recognize(t).iter().map(|m| (m.start + shift, m.end + shift, m.entity_type)).collect()
    };
    let whole = spans(&text, 0);
    let mut parts = spans(&first, 0);
    parts.extend(spans(second, first.len()));
    assert!(parts.len() >= DOCUMENT_WINDOW, "the envoy is found in the first window: {parts:?}");
    assert_eq!(whole, parts);
}

#[test]
fn a_name_particle_before_a_surname_stays_in_the_name() {
    // "رود فان نيستلروي", then "فان نيستلروي": the particle keeps its "ف" (no clitic), and both
    // mentions are one person.
    let text = "مرر غوتي كرة رائعة للمهاجم رود فان نيستلروي الذي سجل . وانبرى فان نيستلروي لركلة الجزاء بنجاح .";
    let m = Recognizer::bundled().recognize(text);
    check_invariants(text, &m);
    let van: Vec<_> = m.iter().filter(|x| x.surface.ends_with("نيستلروي")).collect();
    assert_eq!(van.len(), 2, "{m:?}");
    assert_eq!(van[1].surface, "فان نيستلروي", "{m:?}");
    assert!(van.iter().all(|x| x.entity_type == EntityType::Person && x.canonical == "رود فان نيستلروي"), "{m:?}");
}
