//! Headless benchmark of the reader on a 300,000-character Arabic article, through the real
//! app state. Prints its measurements but asserts only behaviour (visible paragraphs first,
//! the rest laid out in the background): speed belongs in benchmarks, `marsad bench --only
//! frame`. Its printout in release (`cargo test --release --test ui_perf -- --nocapture`) is a
//! quick look, not a figure of record.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use marsad::model::{Annotations, ArticleDraft, EntityMention, EntityType, Lang, PageDraft, Quote, QuoteKind};
use marsad::store::{AnalysedPage, Store};
use marsad::ui::{MarsadApp, ScriptedDialogs};

const SAMPLE: &str = include_str!("../assets/samples/ar-ukraine-talks.txt");

fn big_arabic_body(min_chars: usize) -> String {
    // The sample's paragraphs (minus its title and metadata lines), repeated and numbered.
    let paras: Vec<&str> = SAMPLE.lines().skip(2).filter(|l| l.chars().count() > 40).collect();
    let mut body = String::new();
    let mut n = 0;
    while body.chars().count() < min_chars {
        let p = paras[n % paras.len()];
        body.push_str(&format!("{} ({})\n", p, n + 1));
        n += 1;
    }
    body
}

/// Mentions of a few names and a quote for every quoted span, so highlighting is part of
/// what is measured (the real extractor finds about 5,000 mentions in such an article).
fn annotations(body: &str) -> Annotations {
    let mut entities = Vec::new();
    for (name, t) in [("ترامب", EntityType::Person), ("أوكرانيا", EntityType::Loc), ("روسيا", EntityType::Loc)]
    {
        for (start, _) in body.match_indices(name) {
            entities.push(EntityMention {
                start,
                end: start + name.len(),
                entity_type: t,
                surface: name.into(),
                canonical: name.into(),
            });
        }
    }
    entities.sort_by_key(|m| m.start);
    let mut quotes = Vec::new();
    let marks: Vec<usize> = body.match_indices('"').map(|(i, _)| i).collect();
    for pair in marks.chunks(2) {
        if let [open, close] = pair
            && !body[open + 1..*close].contains('\n')
        {
            quotes.push(Quote {
                start: open + 1,
                end: *close,
                text: body[open + 1..*close].to_owned(),
                kind: QuoteKind::Direct,
                speaker: Some("البيت الأبيض".into()),
                speaker_span: None,
                cue: Some("قال".into()),
                cue_span: None,
            });
        }
    }
    Annotations { entities, quotes }
}

#[test]
fn a_300k_character_arabic_article_opens_fast_and_scrolls() {
    let body = big_arabic_body(300_000);
    let chars = body.chars().count();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("perf.db")).unwrap();
    store
        .store_file(
            None,
            None,
            &[AnalysedPage {
                page: PageDraft {
                    main: ArticleDraft {
                        title: "مقال طويل جدا".into(),
                        body: body.clone(),
                        language: Some(Lang::Ar),
                        ..Default::default()
                    },
                    ..Default::default()
                },
                main: annotations(&body),
                read_also: Vec::new(),
            }],
        )
        .unwrap();
    let app = MarsadApp::new(store, Box::new(ScriptedDialogs::default()), None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut MarsadApp| app.ui(ui), app);
    h.run_steps(2);
    let id = h.state().library.rows[0].id;

    // Open: load from the store, then the first frame (lays out the visible paragraphs).
    let t0 = Instant::now();
    h.state_mut().open_article(id);
    let loaded = t0.elapsed();
    h.step();
    let first_frame = t0.elapsed();
    let doc = h.state().reader.doc.as_ref().unwrap();
    let (mentions, quotes) = (doc.mentions.len(), doc.quotes.len());
    let paragraphs = doc.paragraph_count();
    let laid_out_first = doc.laid_out();

    // Frames while the rest is laid out in the background (each has a small budget).
    let mut frames = Vec::new();
    while h.state().reader.doc.as_ref().unwrap().laid_out() < paragraphs && frames.len() < 2000 {
        let t = Instant::now();
        h.step();
        frames.push(t.elapsed());
    }
    let background_total: Duration = frames.iter().sum();
    let worst_bg = frames.iter().max().copied().unwrap_or_default();

    // Scrolling: jump to the middle and the end, then wheel-scroll frames.
    let t = Instant::now();
    h.state_mut().reader.scroll_to(body.len() / 2);
    h.step();
    let jump_mid = t.elapsed();
    let mut wheel = Vec::new();
    // Over the reader.
    h.event(egui::Event::PointerMoved(egui::pos2(800.0, 450.0)));
    for _ in 0..30 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        let t = Instant::now();
        h.step();
        wheel.push(t.elapsed());
    }
    let worst_wheel = wheel.iter().max().copied().unwrap_or_default();
    let mean_wheel = wheel.iter().sum::<Duration>() / wheel.len() as u32;

    println!(
        "300k reader: {chars} chars, {paragraphs} paragraphs, {mentions} mentions, {quotes} quotes; store load {:.1} ms; \
         open→first frame {:.1} ms ({laid_out_first} paragraphs laid out); \
         background layout {} frames, {:.0} ms total, worst frame {:.1} ms; \
         jump to middle {:.1} ms; wheel scroll frames mean {:.1} ms, worst {:.1} ms",
        loaded.as_secs_f64() * 1e3,
        first_frame.as_secs_f64() * 1e3,
        frames.len(),
        background_total.as_secs_f64() * 1e3,
        worst_bg.as_secs_f64() * 1e3,
        jump_mid.as_secs_f64() * 1e3,
        mean_wheel.as_secs_f64() * 1e3,
        worst_wheel.as_secs_f64() * 1e3,
    );
    assert!(chars >= 300_000);
    assert!(laid_out_first < paragraphs / 4, "only visible paragraphs are laid out first");
    assert_eq!(h.state().reader.doc.as_ref().unwrap().laid_out(), paragraphs);
}
