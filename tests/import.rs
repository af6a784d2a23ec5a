//! Importing scraped pages: splitting, metadata, cleaning, deduplication and progress.

mod common;

use std::ops::ControlFlow;

use common::*;
use marsad::model::Lang;
use marsad::pipeline;
use marsad::store::{ArticleFilter, Store};

#[test]
fn arabic_aggregator_page_becomes_two_linked_articles() {
    let store = loaded_store();
    let rows = store.articles(&ArticleFilter { language: Some(Lang::Ar), ..Default::default() }).unwrap();
    assert_eq!(rows.len(), 2);
    let main = store.article(rows[0].id).unwrap().unwrap();
    let read_also = store.article(rows[1].id).unwrap().unwrap();

    assert_eq!(main.title, "اجتماع أميركي أوكراني مثمر ومواصلة محادثات إنهاء الحرب مع روسيا");
    assert_eq!(main.published.as_deref(), Some("2025-12-06"));
    assert_eq!(main.source.as_deref(), Some("الجزيرة"));
    assert_eq!(main.keywords, vec!["دراسات", "شفافية", "غوث", "حريات"]);
    assert_eq!(main.parent, None);
    for leftover in ["إعلانوأضاف", "المصدر: الجزيرة", "كلمات دلالية", "إقرأ أيضاً", "بعد اجتماع الـ 5 ساعات", "الأبيضوكان"]
    {
        assert!(!main.body.contains(leftover), "main body still holds {leftover}");
    }
    assert!(main.body.contains("وأضاف المصدر أن الاجتماعات"));

    assert_eq!(read_also.title, "بعد اجتماع الـ 5 ساعات.. هل يُنهي بوتين الحرب في أوكرانيا؟");
    assert_eq!(read_also.parent, Some(main.id));
    assert_eq!(read_also.published, None);
    assert!(read_also.body.starts_with("أكد الرئيس الأمريكى"));
    assert!(!read_also.body.contains("اقرأ أيضاً"));
    assert!(!read_also.body.contains("ترامب: المرحلة الثانية"));

    let headlines = store.related_headlines(main.id).unwrap();
    assert_eq!(
        headlines,
        vec![
            "بوتين: روسيا ستحرر دونباس ونوفوروسيا بالوسائل العسكرية أو بغيرها",
            "ترامب: المرحلة الثانية من اتفاق غزة ستبدأ قريبًا",
            "الكرملين ينفى رفض بوتين خطة السلام الأمريكية بشأن أوكرانيا",
        ]
    );
    assert_eq!(store.children(main.id).unwrap().len(), 1);
}

#[test]
fn english_pages_are_one_article_each() {
    let store = loaded_store();
    let rows = store.articles(&ArticleFilter { language: Some(Lang::En), ..Default::default() }).unwrap();
    let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["High fuel prices hit BA's profits", "Church anger over Bollywood film", "PM apology over jailings"]
    );
    let blair = store.article(rows[2].id).unwrap().unwrap();
    assert!(blair.body.starts_with("Tony Blair has apologised"));
    assert_eq!(blair.body.matches("\n\n").count(), 4, "five paragraphs");
}

#[test]
fn reimport_reports_already_imported_and_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let first = import(&mut store, &[fixture(ARABIC_PAGE)]);
    assert_eq!(first.articles_imported, 2);
    let again = import(&mut store, &[fixture(ARABIC_PAGE)]);
    assert_eq!(again.articles_imported, 0);
    assert_eq!(again.duplicate_articles, 2);
    assert_eq!(again.duplicates, vec![fixture(ARABIC_PAGE)]);
    assert_eq!(store.article_count().unwrap(), 2);
}

#[test]
fn same_content_with_other_spelling_and_spacing_is_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let original = "عنوان الخبر\nقال الرئيس إن الاجتماع كان مثمرا جدا وإن المحادثات ستستمر.\n";
    // Harakat, tatweel, other hamza spelling, extra spaces and CRLF: same content once folded.
    let variant = "عنوان الخبر\r\nقالَ الرئيـــس  إنّ الاجتماع كان مثمرا جدا وان المحادثات ستستمر.\r\n";
    std::fs::write(dir.path().join("a.txt"), original).unwrap();
    std::fs::write(dir.path().join("b.txt"), variant).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[dir.path().to_path_buf()]);
    assert_eq!(report.articles_imported, 1);
    assert_eq!(report.duplicate_articles, 1);
    assert_eq!(store.article_count().unwrap(), 1);
}

#[test]
fn folders_import_recursively_and_skip_hidden_and_unknown_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("nested/deeper")).unwrap();
    std::fs::copy(fixture(BBC_PAGES[0]), dir.path().join("one.txt")).unwrap();
    std::fs::copy(fixture(BBC_PAGES[1]), dir.path().join("nested/deeper/two.txt")).unwrap();
    std::fs::copy(fixture(BBC_PAGES[2]), dir.path().join(".hidden.txt")).unwrap();
    std::fs::write(dir.path().join("picture.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[dir.path().to_path_buf()]);
    assert_eq!(report.articles_imported, 2);
    assert_eq!(report.files_total, 2);
    let skipped: Vec<String> =
        report.skipped.iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(skipped, vec![".hidden.txt", "picture.png"]);
}

#[test]
fn progress_reports_every_file_and_cancel_stops_the_batch() {
    let paths: Vec<_> = BBC_PAGES.iter().map(|p| fixture(p)).collect();
    let mut store = Store::open_in_memory().unwrap();
    let mut seen = Vec::new();
    let report = pipeline::import_paths(&mut store, &paths, &mut |p| {
        seen.push((p.files_done, p.files_total));
        if p.files_done == 1 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    });
    assert!(report.cancelled);
    assert_eq!(report.articles_imported, 1);
    assert_eq!(seen, vec![(0, 3), (1, 3)]);
    assert_eq!(store.article_count().unwrap(), 1);
}

#[test]
fn database_on_disk_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marsad.db");
    {
        let mut store = Store::open(&path).unwrap();
        import(&mut store, &[fixture(ARABIC_PAGE)]);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.article_count().unwrap(), 2);
    assert_eq!(store.sources().unwrap(), vec!["الجزيرة"]);
}
