//! Tagging: labels, the tag lifecycle with persistent undo/redo, sessions, corrections that
//! survive re-analysis, and the tag export.

mod common;

use common::*;
use marsad::cli::ExportFormat;
use marsad::cli::export::{self, TAG_CSV_HEADER};
use marsad::model::{EntityType, Lang};
use marsad::nlp::corrections::Correction;
use marsad::store::*;

fn arabic_main(store: &Store) -> Article {
    let rows = store.articles(&ArticleFilter { language: Some(Lang::Ar), ..Default::default() }).unwrap();
    store.article(rows[0].id).unwrap().unwrap()
}

fn label_id(store: &Store, name: &str) -> i64 {
    store.labels(true).unwrap().into_iter().find(|l| l.spec.name == name).unwrap().id
}

fn tag(article: i64, target: TagTarget, label: i64, session: Option<i64>) -> NewTag {
    NewTag { article, target, label, note: None, session, analyst: Some("noor".into()) }
}

#[test]
fn default_labels_are_offered_once() {
    let store = Store::open_in_memory().unwrap();
    store.ensure_default_labels().unwrap();
    let labels = store.labels(false).unwrap();
    let names: Vec<&str> = labels.iter().map(|l| l.spec.name.as_str()).collect();
    assert_eq!(
        names,
        ["productive", "truly friendly", "constructive", "optimistic", "tense", "hostile", "skeptical", "neutral"]
    );
    let productive = &labels[0].spec;
    assert_eq!(productive.name_ar.as_deref(), Some("مثمر"));
    assert_eq!(productive.polarity, Polarity::Positive);
    assert!(productive.cue_words.contains(&"مثمرا".to_string()));
    store.ensure_default_labels().unwrap();
    assert_eq!(store.labels(false).unwrap().len(), 8);
}

#[test]
fn tags_on_every_target_with_persistent_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let (article, first_tag) = {
        let mut store = Store::open(&path).unwrap();
        import(&mut store, &[fixture(ARABIC_PAGE)]);
        store.ensure_default_labels().unwrap();
        let article = arabic_main(&store);
        let productive = label_id(&store, "productive");
        let friendly = label_id(&store, "truly friendly");
        let quote =
            store.quotes(article.id).unwrap().into_iter().find(|q| q.text == "ودية حقا").expect("the quote is found");
        let entity = store.mentions(article.id).unwrap()[0].entity;
        let start = article.body.find("محادثات مثمرة").unwrap();
        let first = store.add_tag(&tag(article.id, TagTarget::Article, productive, None)).unwrap();
        store.add_tag(&tag(article.id, TagTarget::Article, friendly, None)).unwrap();
        store
            .add_tag(&tag(
                article.id,
                TagTarget::Quote { quote: quote.id, start: quote.start, end: quote.end },
                friendly,
                None,
            ))
            .unwrap();
        store.add_tag(&tag(article.id, TagTarget::Entity { entity }, productive, None)).unwrap();
        store
            .add_tag(&tag(article.id, TagTarget::Span { start, end: start + "محادثات مثمرة".len() }, productive, None))
            .unwrap();
        let tags = store.tags(article.id).unwrap();
        assert_eq!(tags.len(), 5);
        assert_eq!(tags[2].target_text, "ودية حقا");
        assert_eq!(tags[4].target_text, "محادثات مثمرة");
        assert!(
            store.add_tag(&tag(article.id, TagTarget::Span { start: 0, end: usize::MAX }, productive, None)).is_err()
        );
        (article.id, first)
    };
    // The process is "killed" here: nothing was saved explicitly.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.tags(article).unwrap().len(), 5);
    store.remove_tag(first_tag, None).unwrap();
    assert_eq!(store.tags(article).unwrap().len(), 4);
    assert_eq!(store.undo(None).unwrap(), Some(TagAction::Removed { tag: first_tag }));
    assert_eq!(store.tags(article).unwrap().len(), 5);
    // Undo all the way back, then redo across a reopen.
    for _ in 0..5 {
        assert!(store.undo(None).unwrap().is_some());
    }
    assert_eq!(store.undo(None).unwrap(), None);
    assert!(store.tags(article).unwrap().is_empty());
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.redo(None).unwrap(), Some(TagAction::Added { tag: first_tag }));
    assert_eq!(store.tags(article).unwrap().len(), 1);
    // A new action clears what could be redone.
    store.set_tag_note(first_tag, Some("cordial tone"), None).unwrap();
    assert_eq!(store.redo(None).unwrap(), None);
    assert_eq!(store.tags(article).unwrap()[0].note.as_deref(), Some("cordial tone"));
    store.undo(None).unwrap();
    assert_eq!(store.tags(article).unwrap()[0].note, None);
}

#[test]
fn renaming_or_deleting_a_label_never_orphans_tags() {
    let mut store = loaded_store();
    store.ensure_default_labels().unwrap();
    let article = arabic_main(&store).id;
    let tense = label_id(&store, "tense");
    let hostile = label_id(&store, "hostile");
    store.add_tag(&tag(article, TagTarget::Article, tense, None)).unwrap();
    let mut spec = store.labels(false).unwrap().into_iter().find(|l| l.id == tense).unwrap().spec;
    spec.name = "strained".into();
    store.update_label(tense, &spec).unwrap();
    assert_eq!(store.tag_export().unwrap()[0].label, "strained");
    assert_eq!(store.label_usage(tense).unwrap(), 1);
    assert!(store.delete_label(tense, LabelDeletion::DeleteUnused).is_err());
    store.delete_label(tense, LabelDeletion::MergeInto(hostile)).unwrap();
    assert_eq!(store.tags(article).unwrap()[0].label, hostile);
    store.delete_label(hostile, LabelDeletion::Archive).unwrap();
    assert!(store.labels(false).unwrap().iter().all(|l| l.id != hostile));
    assert_eq!(store.tag_export().unwrap()[0].label, "hostile");
    let neutral = label_id(&store, "neutral");
    store.delete_label(neutral, LabelDeletion::DeleteUnused).unwrap();
    assert!(store.labels(true).unwrap().iter().all(|l| l.id != neutral));
}

#[test]
fn sessions_queue_progress_pause_resume_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let session = {
        let mut store = Store::open(&path).unwrap();
        let mut paths = vec![fixture(ARABIC_PAGE)];
        paths.extend(BBC_PAGES.iter().map(|p| fixture(p)));
        import(&mut store, &paths);
        store.ensure_default_labels().unwrap();
        let productive = label_id(&store, "productive");
        let spec = SessionSpec {
            name: "Arabic pass".into(),
            analyst: Some("noor".into()),
            labels: vec![productive],
            queue: ArticleFilter { language: Some(Lang::Ar), untagged: true, ..Default::default() },
        };
        let session = store.start_session(&spec).unwrap();
        let first = store.session_article(session, 0).unwrap().unwrap();
        store.add_tag(&tag(first, TagTarget::Article, productive, Some(session))).unwrap();
        store.record_item(session, 0, 12.5, true).unwrap();
        store.set_session_position(session, 1).unwrap();
        store.set_session_status(session, SessionStatus::Paused).unwrap();
        session
    };
    let store = Store::open(&path).unwrap();
    let resumed = store.resumable_session().unwrap().unwrap();
    assert_eq!(resumed.id, session);
    assert_eq!((resumed.position, resumed.total, resumed.done), (1, 2, 1));
    assert_eq!(resumed.status, SessionStatus::Paused);
    assert!((resumed.seconds_spent - 12.5).abs() < 1e-9);
    // The queue is a snapshot: the tagged article stays in it although it is no longer untagged.
    assert!(store.session_article(session, 1).unwrap().is_some());
    assert_eq!(store.session_article(session, 2).unwrap(), None);
    store.set_session_status(session, SessionStatus::Finished).unwrap();
    assert!(store.resumable_session().unwrap().is_none());
    let history = store.session_history().unwrap();
    assert_eq!(history[0].label_counts, vec![("productive".to_string(), 1)]);
    assert!(history[0].session.ended_at.is_some());
}

#[test]
fn tag_export_round_trips_with_code_point_offsets() {
    let mut store = loaded_store();
    store.ensure_default_labels().unwrap();
    let article = arabic_main(&store);
    let friendly = label_id(&store, "truly friendly");
    let start = article.body.find("ودية حقا").unwrap();
    let mut span = tag(article.id, TagTarget::Span { start, end: start + "ودية حقا".len() }, friendly, None);
    span.note = Some("Kremlin wording".into());
    store.add_tag(&span).unwrap();
    store.add_tag(&tag(article.id, TagTarget::Article, friendly, None)).unwrap();

    let mut jsonl = Vec::new();
    export::tags(&store, ExportFormat::Jsonl, &mut jsonl).unwrap();
    let rows: Vec<TagExportRow> =
        String::from_utf8(jsonl).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows, store.tag_export().unwrap());
    let chars: Vec<char> = article.body.chars().collect();
    let (s, e) = (rows[0].start.unwrap(), rows[0].end.unwrap());
    assert_eq!(chars[s..e].iter().collect::<String>(), "ودية حقا");
    assert_eq!(rows[0].source.as_deref(), Some("الجزيرة"));
    assert_eq!(rows[0].polarity, "positive");
    assert_eq!(rows[1].target_type, "article");

    let mut csv_bytes = Vec::new();
    export::tags(&store, ExportFormat::Csv, &mut csv_bytes).unwrap();
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), TAG_CSV_HEADER.to_vec());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 2);
    assert_eq!(&records[0][4], "ودية حقا");
    assert_eq!(&records[0][12], "Kremlin wording");
}

#[test]
fn corrections_survive_reanalysis_and_teach_future_imports() {
    let mut store = loaded_store();
    let article = arabic_main(&store);
    let mentions = store.mentions(article.id).unwrap();
    let rejected = mentions[0].clone();
    store
        .add_correction(
            article.id,
            &Correction::RejectEntity { start: rejected.start, end: rejected.end, entity_type: None },
            Some("noor"),
        )
        .unwrap();
    // A name the analysis does not know: the source line's "الجزيرة" is gone from the body, so
    // use words of the body.
    let name = "المفاوضين الأوكرانيين";
    let at = article.body.find(name).unwrap();
    store
        .add_correction(
            article.id,
            &Correction::AddEntity {
                start: at,
                end: at + name.len(),
                entity_type: EntityType::Org,
                canonical: Some("فريق التفاوض الأوكراني".into()),
            },
            None,
        )
        .unwrap();
    let check = |store: &Store| {
        let now = store.mentions(article.id).unwrap();
        assert!(!now.iter().any(|m| m.start == rejected.start && m.end == rejected.end));
        assert!(now.iter().any(|m| m.canonical == "فريق التفاوض الأوكراني" && m.entity_type == EntityType::Org));
    };
    check(&store);
    let fresh = marsad::nlp::annotate(&article.body);
    assert!(fresh.entities.iter().any(|m| m.start == rejected.start), "the analysis finds the rejected mention again");
    store.reanalyse(article.id, fresh).unwrap();
    check(&store);

    let feedback = store.matcher_feedback().unwrap();
    assert!(feedback.watch.iter().any(|w| w.name == "فريق التفاوض الأوكراني" && w.aliases.contains(&name.to_string())));
    assert_eq!(feedback.suppress, vec![(rejected.surface.clone(), rejected.entity_type)]);
    // A new article using the name is analysed with what the analyst taught.
    let dir = tempfile::tempdir().unwrap();
    let new_page = dir.path().join("new.txt");
    std::fs::write(&new_page, format!("خبر جديد\nاجتمع {name} مع الوسطاء في الدوحة أمس لبحث الخطوات المقبلة.\n"))
        .unwrap();
    import(&mut store, &[new_page]);
    let newest = store.articles(&ArticleFilter { query: Some("الدوحة".into()), ..Default::default() }).unwrap()[0].id;
    assert!(store.mentions(newest).unwrap().iter().any(|m| m.canonical == "فريق التفاوض الأوكراني"));
}

#[test]
fn kept_counts_match_a_recount_through_tagging_undo_and_corrections() {
    let mut store = loaded_store();
    store.ensure_default_labels().unwrap();
    let article = arabic_main(&store);
    let label = label_id(&store, "tense");
    let a = store.add_tag(&tag(article.id, TagTarget::Article, label, None)).unwrap();
    store.add_tag(&tag(article.id, TagTarget::Article, label, None)).unwrap();
    store.remove_tag(a, None).unwrap();
    store.undo(None).unwrap();
    store.undo(None).unwrap();
    let first = store.mentions(article.id).unwrap()[0].clone();
    store
        .add_correction(
            article.id,
            &Correction::RejectEntity { start: first.start, end: first.end, entity_type: None },
            None,
        )
        .unwrap();

    for row in store.articles(&ArticleFilter::default()).unwrap() {
        assert_eq!(row.tag_count, store.tags(row.id).unwrap().len(), "tags of {}", row.id);
        assert_eq!(row.entity_count, store.mentions(row.id).unwrap().len(), "entities of {}", row.id);
    }
    let mut recount = std::collections::HashMap::<i64, (std::collections::HashSet<i64>, usize)>::new();
    for row in store.articles(&ArticleFilter::default()).unwrap() {
        for m in store.mentions(row.id).unwrap() {
            let entry = recount.entry(m.entity).or_default();
            entry.0.insert(row.id);
            entry.1 += 1;
        }
    }
    let index = store.entity_index().unwrap();
    assert_eq!(index.len(), recount.len());
    for entity in index {
        let (articles, mentions) = &recount[&entity.id];
        assert_eq!((entity.articles, entity.mentions), (articles.len(), *mentions), "{}", entity.canonical);
    }
}
