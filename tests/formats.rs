//! Every import format, in Arabic and English, through the whole pipeline into the store.

mod common;

use common::*;
use marsad::ingest::{IngestError, IngestOptions, read_file};
use marsad::model::Lang;
use marsad::pipeline;
use marsad::store::{ArticleFilter, Store};

fn import_one(name: &str) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[fixture(&format!("formats/{name}"))]);
    assert!(report.failures.is_empty(), "{name}: {:?}", report.failures);
    store
}

fn all(store: &Store) -> Vec<marsad::store::Article> {
    store.articles(&ArticleFilter::default()).unwrap().iter().map(|r| store.article(r.id).unwrap().unwrap()).collect()
}

#[test]
fn arabic_html_page_with_json_ld() {
    let store = import_one("ar_page.html");
    let articles = all(&store);
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(a.title, "انطلاق مفاوضات جديدة في جنيف");
    assert_eq!(a.published.as_deref(), Some("2025-11-30"));
    assert_eq!(a.source.as_deref(), Some("صحيفة المرصد"));
    assert_eq!(a.author.as_deref(), Some("ليلى منصور"));
    assert_eq!(a.language, Lang::Ar);
    assert!(a.body.starts_with("انطلقت اليوم في مدينة جنيف"));
    for noise in ["الرئيسية", "الأكثر قراءة", "جميع الحقوق"] {
        assert!(!a.body.contains(noise), "{noise}");
    }
}

#[test]
fn feeds_rss_atom_and_json() {
    let store = import_one("ar_feed.xml");
    let articles = all(&store);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].title, "وزير الخارجية يصف المحادثات بأنها \"بناءة\"");
    assert_eq!(articles[0].published.as_deref(), Some("2025-12-06"));
    assert_eq!(articles[0].author.as_deref(), Some("سارة الحسن"));
    assert_eq!(articles[0].source.as_deref(), Some("مرصد الأخبار"));
    assert!(articles[0].body.contains("\n\nوأضاف أن الجانبين"));
    assert!(articles[1].body.starts_with("افتتح معرض القاهرة"));

    let atom = all(&import_one("en_feed.atom"));
    assert_eq!(atom[0].title, "Port authority approves new ferry route");
    assert_eq!(atom[0].url.as_deref(), Some("https://gazette.example.org/ferry"));
    assert_eq!(atom[0].author.as_deref(), Some("Tom Reed"));
    let json = all(&import_one("en_feed.json"));
    assert_eq!(json[0].title, "Central bank holds rates");
    assert_eq!(json[0].source.as_deref(), Some("Wire Desk"));
    assert_eq!(json[0].published.as_deref(), Some("2025-10-01"));
}

#[test]
fn exports_json_jsonl_and_csv_map_fields_by_name() {
    let json = all(&import_one("ar_export.json"));
    assert_eq!(json.len(), 2);
    assert_eq!(json[0].title, "الحكومة تعلن خطة لدعم المزارعين");
    assert_eq!(json[0].source.as_deref(), Some("وكالة الأنباء"));
    assert_eq!(json[0].url.as_deref(), Some("https://agency.example.org/1"));
    assert_eq!(json[0].author.as_deref(), Some("مراسل الوكالة"));
    assert_eq!(json[0].body.matches("\n\n").count(), 1);
    let lines = all(&import_one("en_export.jsonl"));
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].source.as_deref(), Some("citynews.example.org"));
    assert_eq!(lines[0].published.as_deref(), Some("2025-09-15"));

    // "story_text" is no known body column: the import says how to map it, and --map works.
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[fixture("formats/mixed_export.csv")]);
    assert!(report.failures[0].1.contains("--map body=COLUMN"), "{:?}", report.failures);
    let options = IngestOptions {
        field_map: vec![marsad::ingest::records::parse_mapping("body=story_text").unwrap()],
        ..Default::default()
    };
    let report =
        pipeline::import_paths_with(&mut store, &[fixture("formats/mixed_export.csv")], &options, "test", &mut |_| {
            std::ops::ControlFlow::Continue(())
        });
    assert!(report.failures.is_empty());
    let csv = all(&store);
    assert_eq!(csv.len(), 2);
    assert_eq!(csv[0].author.as_deref(), Some("Nora Quinn"));
    assert_eq!(csv[1].language, Lang::Ar);
    assert_eq!(csv[1].source.as_deref(), Some("الصحيفة"));
}

#[test]
fn email_newsletter() {
    let mail = all(&import_one("en_newsletter.eml"));
    assert_eq!(mail[0].title, "Morning brief: ceasefire talks resume");
    assert_eq!(mail[0].published.as_deref(), Some("2025-12-01"));
    assert_eq!(mail[0].source.as_deref(), Some("Morning Brief"));
    assert_eq!(
        mail[0].body,
        "Ceasefire talks resumed in Cairo on Sunday, mediators said.\n\nThe next round is expected later this week."
    );
}

#[test]
fn legacy_and_unicode_encodings_decode_to_the_same_text() {
    let reference = read_file(&fixture("formats/ar_utf8_bom.txt"), &IngestOptions::default()).unwrap();
    assert_eq!(reference[0].main.title, "ارتفاع أسعار النفط في الأسواق العالمية");
    assert_eq!(reference[0].main.source.as_deref(), Some("وكالة الأنباء"));
    for name in ["ar_windows1256.txt", "ar_utf16le_bom.txt"] {
        let pages = read_file(&fixture(&format!("formats/{name}")), &IngestOptions::default()).unwrap();
        assert_eq!(pages[0].main, reference[0].main, "{name}");
    }
    // ISO-8859-6 has no hamza-on-alef letters; the text was written without them.
    let iso = read_file(&fixture("formats/ar_iso8859_6.txt"), &IngestOptions::default());
    match iso {
        Ok(pages) => assert_eq!(pages[0].main.title, "ارتفاع اسعار النفط في الاسواق العالمية"),
        Err(e) => assert!(matches!(e, IngestError::UnsureEncoding(_)), "{e}"),
    }
    let chosen = IngestOptions { encoding: Some("iso-8859-6".into()), ..Default::default() };
    let pages = read_file(&fixture("formats/ar_iso8859_6.txt"), &chosen).unwrap();
    assert_eq!(pages[0].main.title, "ارتفاع اسعار النفط في الاسواق العالمية");
}

#[test]
fn too_little_text_to_detect_asks_the_user_for_the_encoding() {
    let err = read_file(&fixture("formats/ar_short_windows1256.txt"), &IngestOptions::default()).unwrap_err();
    assert!(matches!(err, IngestError::UnsureEncoding(_)), "{err}");
    assert!(err.to_string().contains("choose the encoding"));
    let chosen = IngestOptions { encoding: Some("windows-1256".into()), ..Default::default() };
    let pages = read_file(&fixture("formats/ar_short_windows1256.txt"), &chosen).unwrap();
    assert_eq!(pages[0].main.title, "خبر قصير");
}
