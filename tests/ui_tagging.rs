//! Tagging through the window, keyboard first: start a session, tag with label keys, undo,
//! Tab to a quote, quit, and resume where the analyst left off.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marsad::store::{ArticleFilter, SessionStatus, Store, TagTarget};
use marsad::ui::{MarsadApp, ScriptedDialogs};

fn harness(store: Store) -> Harness<'static, MarsadApp> {
    let mut h = common::ui::harness(MarsadApp::new(store, Box::new(ScriptedDialogs::default()), None));
    h.run_steps(3);
    h
}

fn label(store: &Store, name: &str) -> i64 {
    store.labels(false).unwrap().into_iter().find(|l| l.spec.name == name).unwrap().id
}

#[test]
fn session_tag_with_keys_undo_quit_and_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tagging.db");
    {
        let mut store = Store::open(&path).unwrap();
        let mut paths = vec![fixture(ARABIC_PAGE)];
        paths.extend(BBC_PAGES.iter().map(|p| fixture(p)));
        import(&mut store, &paths);
    }
    let queue: Vec<i64> =
        Store::open(&path).unwrap().articles(&ArticleFilter::default()).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(queue.len(), 5);

    let second_article = {
        let mut h = harness(Store::open(&path).unwrap());
        h.get_by_label("Start a tagging session…").click();
        h.run_steps(3);
        h.get_by_label("Start").click();
        h.run_steps(3);
        let session = h.state().tagging.session.clone().expect("a session started");
        assert_eq!((session.position, session.total), (0, 5));
        assert_eq!(h.state().reader.article_id(), Some(queue[0]));

        // "1" is productive: the article is tagged and the session moves on.
        h.key_press(Key::Num1);
        h.run_steps(3);
        let productive = label(&h.state().store, "productive");
        let tags = h.state().store.tags(queue[0]).unwrap();
        assert_eq!(tags.len(), 1);
        assert_eq!((tags[0].label, &tags[0].target), (productive, &TagTarget::Article));
        assert_eq!(h.state().tagging.session.as_ref().unwrap().position, 1);
        assert_eq!(h.state().reader.article_id(), Some(queue[1]));

        // Ctrl+Z takes the tag back.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(3);
        assert!(h.state().store.tags(queue[0]).unwrap().is_empty());

        // Tab moves from the article to its first quote; "2" tags that quote, and the session
        // stays on the article (only an article tag moves on).
        let quotes = h.state().reader.doc.as_ref().unwrap().quotes.clone();
        assert!(!quotes.is_empty(), "the read-also article has quotes");
        h.key_press(Key::Tab);
        h.run_steps(2);
        h.key_press(Key::Num2);
        h.run_steps(3);
        let tags = h.state().store.tags(queue[1]).unwrap();
        assert_eq!(tags.len(), 1);
        assert_eq!(
            tags[0].target,
            TagTarget::Quote { quote: quotes[0].id, start: quotes[0].start, end: quotes[0].end }
        );
        assert_eq!(tags[0].target_text, quotes[0].text);
        assert_eq!(h.state().tagging.session.as_ref().unwrap().position, 1);
        queue[1]
        // The window closes here without any save step.
    };

    let mut h = harness(Store::open(&path).unwrap());
    let session = h.state().tagging.session.clone().expect("the session is there after a restart");
    assert_eq!(session.status, SessionStatus::Active);
    assert_eq!(session.position, 1);
    assert_eq!(session.done, 1, "the first article counts as done");
    assert_eq!(h.state().store.tags(second_article).unwrap().len(), 1);
    // Undo and redo reach across the restart: the quote tag goes and comes back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(h.state().store.tags(second_article).unwrap().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().store.tags(second_article).unwrap().len(), 1);
    // The article tag undone before the quote tag was made cannot be redone any more.
    assert!(h.state().store.tags(queue[0]).unwrap().is_empty());
    // "Next ›" (or Enter) goes on to the next item.
    h.get_by_label("Next ›").click();
    h.run_steps(3);
    assert_eq!(h.state().tagging.session.as_ref().unwrap().position, 2);
    assert_eq!(h.state().reader.article_id(), Some(queue[2]));
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().reader.article_id(), Some(queue[3]));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().reader.article_id(), Some(queue[2]));
}

#[test]
fn suggestions_come_from_cue_words_and_one_key_accepts() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &[fixture(ARABIC_PAGE)]);
    let first = store.articles(&ArticleFilter::default()).unwrap()[0].id;
    let mut h = harness(store);
    h.state_mut().open_article(first);
    h.run_steps(3);
    // The article says "مثمرة" and "مثمرا": productive is offered, nothing is stored yet.
    let suggestions = h.state().tagging.suggestions.clone();
    let productive = label(&h.state().store, "productive");
    assert_eq!(suggestions.first().map(|s| s.label), Some(productive));
    assert!(h.state().store.tags(first).unwrap().is_empty());
    // The cue words are outlined in the reader: every outline covers a cue of a label.
    let body = h.state().reader.doc.as_ref().unwrap().article.body.clone();
    let outlined: Vec<String> = h.state().reader.cue_highlights.iter().map(|r| body[r.clone()].to_string()).collect();
    assert!(outlined.iter().any(|w| w == "مثمرة"), "{outlined:?}");
    h.key_press(Key::A);
    h.run_steps(3);
    let tags = h.state().store.tags(first).unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].label, productive);
}

#[test]
fn a_session_offers_only_the_labels_ticked_for_it() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &[fixture(ARABIC_PAGE)]);
    let mut h = harness(store);
    h.get_by_label("Start a tagging session…").click();
    h.run_steps(3);
    h.get_by_label("tense").click();
    h.run_steps(2);
    h.get_by_label("Start").click();
    h.run_steps(3);
    let tense = label(&h.state().store, "tense");
    let session = h.state().tagging.session.clone().unwrap();
    assert!(!session.labels.contains(&tense));
    assert_eq!(session.labels.len(), 7);
    // "5" is tense's key: outside the session's label set it does nothing.
    let article = h.state().reader.article_id().unwrap();
    h.key_press(Key::Num5);
    h.run_steps(3);
    assert!(h.state().store.tags(article).unwrap().is_empty());
    assert!(!h.state().tagging.labels.is_empty());
}
