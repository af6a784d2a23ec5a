//! The real app state driven through egui_kittest: import through a scripted file dialog,
//! select an article, click an entity and a quote, keyboard shortcuts.

mod common;

use common::ui::{harness, wait_for_import};

use std::path::PathBuf;

use egui::Role;
use egui_kittest::kittest::Queryable;
use marsad::model::{Annotations, ArticleDraft, EntityMention, EntityType, Lang, PageDraft, Quote, QuoteKind};
use marsad::store::{AnalysedPage, Store};
use marsad::ui::{DialogOutcome, MarsadApp, ScriptedDialogs};

fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

const PARAGRAPH: &str = "قال الرئيس الأميركي دونالد ترامب إن المحادثات مع أوكرانيا كانت مثمرة، وأضاف أن 5 جولات أخرى ستعقد في ميامي (فلوريدا) قبل 2026.";
const LAST: &str = "وقال المتحدث باسم الكرملين: \"لا تقدم حتى الآن في أوكرانيا\" بحسب وكالة رويترز.";

/// An Arabic article of `repeat` paragraphs plus a quoted last one, with hand-made
/// annotations (the extraction engine is not needed for UI tests).
fn arabic_page(repeat: usize) -> AnalysedPage {
    let mut body = String::new();
    for _ in 0..repeat {
        body.push_str(PARAGRAPH);
        body.push('\n');
    }
    body.push_str(LAST);
    let mut entities = Vec::new();
    for (surface, canonical, t) in [
        ("دونالد ترامب", "دونالد ترامب", EntityType::Person),
        ("أوكرانيا", "أوكرانيا", EntityType::Loc),
        ("ميامي", "ميامي", EntityType::Loc),
        ("الكرملين", "الكرملين", EntityType::Org),
        ("رويترز", "وكالة رويترز", EntityType::Org),
    ] {
        for (start, _) in body.match_indices(surface) {
            entities.push(EntityMention {
                start,
                end: start + surface.len(),
                entity_type: t,
                surface: surface.to_owned(),
                canonical: canonical.to_owned(),
            });
        }
    }
    entities.sort_by_key(|m| m.start);
    let qtext = "لا تقدم حتى الآن في أوكرانيا";
    let qstart = body.find(qtext).unwrap();
    let speaker = body.find("المتحدث باسم الكرملين").unwrap();
    let quotes = vec![Quote {
        start: qstart,
        end: qstart + qtext.len(),
        text: qtext.to_owned(),
        kind: QuoteKind::Direct,
        speaker: Some("المتحدث باسم الكرملين".into()),
        speaker_span: Some((speaker, speaker + "المتحدث باسم الكرملين".len())),
        cue: Some("قال".into()),
        cue_span: None,
    }];
    AnalysedPage {
        page: PageDraft {
            main: ArticleDraft {
                title: format!("محادثات ترامب وأوكرانيا ({repeat})"),
                body,
                language: Some(Lang::Ar),
                published: Some("2025-12-06".into()),
                source: Some("الجزيرة".into()),
                ..Default::default()
            },
            ..Default::default()
        },
        main: Annotations { entities, quotes },
        read_also: Vec::new(),
    }
}

fn store_with(pages: &[AnalysedPage]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("ui.db")).unwrap();
    for p in pages {
        store.store_file(None, None, std::slice::from_ref(p)).unwrap();
    }
    (dir, store)
}

fn no_dialogs() -> Box<ScriptedDialogs> {
    Box::new(ScriptedDialogs::default())
}

#[test]
fn import_through_the_file_dialog_then_open_an_article() {
    let (_dir, store) = store_with(&[]);
    let paths: Vec<PathBuf> =
        ["ar-ukraine-talks.txt", "en-harbour-reopening.txt"].iter().map(|f| samples_dir().join(f)).collect();
    let dialogs = ScriptedDialogs::new([DialogOutcome::Picked(paths)]);
    let mut h = harness(MarsadApp::new(store, Box::new(dialogs), None));
    h.run_steps(2);
    // The welcome panel offers the import.
    h.get_by_label("Import files…").click();
    h.step();
    wait_for_import(&mut h);
    let rows = h.state().library.rows.clone();
    assert!(rows.len() >= 2, "imported rows: {rows:?}");
    assert_eq!(h.state().store.article_count().unwrap(), rows.len());
    // The first article opened by itself after the import.
    assert!(h.state().reader.doc.is_some());

    // Click the English article in the library.
    let english = rows.iter().find(|r| r.language == Lang::En).unwrap();
    h.get_by_role_and_label(Role::Row, &english.title).click();
    h.run_steps(3);
    assert_eq!(h.state().reader.article_id(), Some(english.id));
    assert_eq!(h.state().library.selected, Some(english.id));

    // Importing the same file again reports it as a duplicate.
    let again = vec![samples_dir().join("en-harbour-reopening.txt")];
    h.state_mut().dialogs = Box::new(ScriptedDialogs::new([DialogOutcome::Picked(again)]));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.step();
    wait_for_import(&mut h);
    let report = h.state().last_report.clone().unwrap();
    assert_eq!(report.articles_imported, 0);
    assert_eq!(h.state().library.rows.len(), rows.len());
}

#[test]
fn unavailable_dialog_falls_back_to_a_path_entry() {
    let (_dir, store) = store_with(&[]);
    let dialogs = ScriptedDialogs::new([DialogOutcome::Unavailable("no portal here".into())]);
    let mut h = harness(MarsadApp::new(store, Box::new(dialogs), None));
    h.run_steps(2);
    h.get_by_label("Import files…").click();
    h.run_steps(3);
    h.get_by_label_contains("no portal here");
    h.get_by_label("Import from a path");
}

#[test]
fn clicking_an_entity_highlights_its_mentions_and_scrolls_to_the_first() {
    let (_dir, store) = store_with(&[arabic_page(3)]);
    let mut h = harness(MarsadApp::new(store, no_dialogs(), None));
    h.run_steps(2);
    let title = h.state().library.rows[0].title.clone();
    h.get_by_role_and_label(Role::Row, &title).click();
    h.run_steps(3);
    let doc = h.state().reader.doc.as_ref().expect("article open");
    let trump = doc.entities.iter().find(|e| e.canonical == "دونالد ترامب").expect("entity group").clone();
    assert_eq!(trump.mentions.len(), 3);
    assert_eq!(h.state().reader.selected_entity, None);

    h.get_by_role_and_label(Role::Button, "دونالد ترامب").click();
    h.run_steps(3);
    let reader = &h.state().reader;
    assert_eq!(reader.selected_entity, Some(trump.entity));
    let starts = reader.selected_mentions();
    assert_eq!(starts.len(), 3);
    let first = PARAGRAPH.find("دونالد ترامب").unwrap();
    assert_eq!(starts[0], first);
    assert_eq!(reader.last_scroll_target().map(|t| t.byte), Some(first));

    // Next steps to the second mention, in the second paragraph.
    h.get_by_label("Next").click();
    h.run_steps(2);
    let target = h.state().reader.last_scroll_target().unwrap().clone();
    assert_eq!(target.byte, starts[1]);
    assert_eq!(target.paragraph, 1);
    // Clicking the selected entity again clears the highlight.
    h.get_by_role_and_label(Role::Button, "دونالد ترامب").click();
    h.run_steps(2);
    assert_eq!(h.state().reader.selected_entity, None);
}

#[test]
fn clicking_a_quote_scrolls_to_it_and_flashes_it() {
    let (_dir, store) = store_with(&[arabic_page(60)]);
    let mut h = harness(MarsadApp::new(store, no_dialogs(), None));
    h.run_steps(2);
    let title = h.state().library.rows[0].title.clone();
    h.get_by_role_and_label(Role::Row, &title).click();
    h.run_steps(3);
    h.get_by_label("Quotes").click();
    h.run_steps(2);
    h.get_by_label("Quote 1: المتحدث باسم الكرملين").click();
    h.step();
    let reader = &h.state().reader;
    let doc = reader.doc.as_ref().unwrap();
    let q = &doc.quotes[0];
    let target = reader.last_scroll_target().expect("scrolled").clone();
    assert_eq!(target.byte, q.start);
    assert_eq!(target.paragraph, 60);
    // 60 paragraphs of several lines lie above it.
    assert!(target.y > 60.0 * 40.0, "quote is far down: {}", target.y);
    assert_eq!(reader.flashing(), Some(q.start..q.end));
    assert_eq!(reader.selected_quote, Some(0));
}

#[test]
fn keyboard_moves_through_the_library_and_shows_help() {
    let pages: Vec<AnalysedPage> = (1..=3).map(arabic_page).collect();
    let (_dir, store) = store_with(&pages);
    let mut h = harness(MarsadApp::new(store, no_dialogs(), None));
    h.run_steps(2);
    let ids: Vec<i64> = h.state().library.rows.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), 3);
    h.key_press(egui::Key::J);
    h.run_steps(2);
    assert_eq!(h.state().reader.article_id(), Some(ids[0]));
    h.key_press(egui::Key::J);
    h.run_steps(2);
    assert_eq!(h.state().reader.article_id(), Some(ids[1]));
    h.key_press(egui::Key::K);
    h.run_steps(2);
    assert_eq!(h.state().reader.article_id(), Some(ids[0]));
    h.key_press(egui::Key::F1);
    h.run_steps(2);
    assert!(h.state().show_help);
    h.get_by_label("Keyboard shortcuts");
}

#[test]
fn state_round_trips_through_persistence() {
    let (_dir, store) = store_with(&[arabic_page(2)]);
    let mut app = MarsadApp::new(store, no_dialogs(), None);
    let id = app.library.rows[0].id;
    app.open_article(id);
    app.library.search_text = "ترامب".into();
    let saved = serde_json::to_string(&app.persisted()).unwrap();
    let restored: marsad::ui::Persisted = serde_json::from_str(&saved).unwrap();
    let store = Store::open(app.store.path().unwrap()).unwrap();
    let app2 = MarsadApp::new(store, no_dialogs(), Some(restored));
    assert_eq!(app2.reader.article_id(), Some(id));
    assert_eq!(app2.library.search_text, "ترامب");
    // The search ran: the article matches.
    assert_eq!(app2.library.rows.len(), 1);
}

/// Writes a database with a hand-annotated Arabic article to `$MARSAD_DEMO_DB`, for looking
/// at highlights in the real window before the extraction engine lands:
/// `MARSAD_DEMO_DB=/tmp/demo.db cargo test --test ui_app -- --ignored write_demo_db`.
#[test]
#[ignore]
fn write_demo_db() {
    let Some(path) = std::env::var_os("MARSAD_DEMO_DB") else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    store.store_file(None, None, &[arabic_page(4)]).unwrap();
}

#[test]
fn dragging_over_rtl_text_selects_a_logical_range() {
    let (_dir, store) = store_with(&[arabic_page(2)]);
    let mut h = harness(MarsadApp::new(store, no_dialogs(), None));
    h.run_steps(2);
    let id = h.state().library.rows[0].id;
    h.state_mut().open_article(id);
    h.run_steps(3);
    let rect = h.state().reader.body_rect.expect("body drawn");
    // The first line of an RTL paragraph starts at the right edge. Drag leftwards from there.
    let y = rect.top() + 12.0;
    let from = egui::pos2(rect.right() - 1.0, y);
    let to = egui::pos2(rect.right() - 120.0, y);
    h.event(egui::Event::PointerMoved(from));
    h.step();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    for i in 1..=6 {
        h.event(egui::Event::PointerMoved(from.lerp(to, i as f32 / 6.0)));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(2);
    let reader = &h.state().reader;
    let sel = reader.selection().expect("a selection");
    // Right-to-left drag from the right edge selects the logical beginning of the text.
    assert_eq!(sel.start, 0, "{sel:?}");
    let text = reader.selected_text().unwrap();
    assert!(PARAGRAPH.starts_with(text), "{text:?}");
    assert!(text.starts_with("قال"), "{text:?}");
}

#[test]
fn arabic_search_filters_the_library() {
    let english = AnalysedPage {
        page: PageDraft {
            main: ArticleDraft {
                title: "Port reopens".into(),
                body: "The port of Aden reopened on Tuesday.".into(),
                language: Some(Lang::En),
                ..Default::default()
            },
            ..Default::default()
        },
        main: Annotations::default(),
        read_also: Vec::new(),
    };
    let (_dir, store) = store_with(&[arabic_page(2), english]);
    let mut h = harness(MarsadApp::new(store, no_dialogs(), None));
    h.run_steps(2);
    assert_eq!(h.state().library.rows.len(), 2);
    h.key_press(egui::Key::Slash);
    h.run_steps(2);
    h.get_by_label("Search").type_text("ترامب");
    h.run_steps(3);
    let rows = &h.state().library.rows;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].language, Lang::Ar);
    assert_eq!(h.state().library.search_text, "ترامب");
}

#[test]
fn load_sample_articles_imports_the_bundled_samples() {
    let (_dir, store) = store_with(&[]);
    let mut h = harness(MarsadApp::new(store, no_dialogs(), None));
    h.run_steps(2);
    // The toolbar and the welcome panel both offer it.
    h.get_all_by_label("Load sample articles").next().unwrap().click();
    h.step();
    wait_for_import(&mut h);
    let rows = &h.state().library.rows;
    assert!(rows.iter().any(|r| r.language == Lang::Ar), "{rows:?}");
    assert!(rows.iter().filter(|r| r.language == Lang::En).count() >= 3, "{rows:?}");
}

#[test]
fn an_import_can_be_cancelled() {
    let (dir, store) = store_with(&[]);
    // Many distinct files, so the import is still running when Cancel is pressed.
    let folder = dir.path().join("many");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..200 {
        std::fs::write(
            folder.join(format!("{i:03}.txt")),
            format!("Headline number {i}\n\nParagraph {i} about the port of Aden and the Red Sea.\n"),
        )
        .unwrap();
    }
    let dialogs = ScriptedDialogs::new([DialogOutcome::Picked(vec![folder])]);
    let mut h = harness(MarsadApp::new(store, Box::new(dialogs), None));
    h.run_steps(2);
    h.get_by_label("Import files…").click();
    h.step();
    assert!(h.state().importing());
    h.state_mut().import.as_mut().unwrap().cancel();
    wait_for_import(&mut h);
    let report = h.state().last_report.clone().expect("a report");
    assert!(report.cancelled || report.articles_imported == 200, "{report:?}");
    assert_eq!(h.state().store.article_count().unwrap(), report.articles_imported);
}

#[test]
fn clicking_in_an_arabic_query_puts_the_caret_where_the_click_was() {
    let (_dir, store) = store_with(&[arabic_page(1)]);
    let mut h = harness(MarsadApp::new(store, no_dialogs(), None));
    h.state_mut().library.search_text = "ترامب أوكرانيا".into();
    h.run_steps(2);
    let rect = h.get_by_label("Search").rect();
    // The query is right-aligned; its logical start is at the right end. Click there.
    let pos = egui::pos2(rect.right() - 6.0, rect.center().y);
    h.event(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run_steps(2);
    h.event(egui::Event::Text("و".into()));
    h.run_steps(2);
    assert_eq!(h.state().library.search_text, "وترامب أوكرانيا");
    // The left arrow moves towards the logical end in right-to-left text.
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(2);
    h.event(egui::Event::Text("ـ".into()));
    h.run_steps(2);
    assert_eq!(h.state().library.search_text, "وتـرامب أوكرانيا");
}
