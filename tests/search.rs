//! Full-text search: Arabic-aware matching, and every string a user can type.

mod common;

use common::*;
use marsad::store::{ArticleFilter, SortKey, Store, StoreError};

fn search(store: &Store, query: &str) -> Result<Vec<String>, StoreError> {
    let filter = ArticleFilter { query: Some(query.to_string()), sort: SortKey::Relevance, ..Default::default() };
    Ok(store.articles(&filter)?.into_iter().map(|r| r.title).collect())
}

#[test]
fn arabic_spelling_variants_and_harakat_match() {
    let store = loaded_store();
    // Stored "أوكرانيا" (hamza); searched without it, and vice versa with "الأمريكى" (final ى).
    assert_eq!(search(&store, "اوكرانيا").unwrap().len(), 2);
    assert_eq!(search(&store, "الامريكي").unwrap().len(), 1);
    // Stored with a damma ("يُنهي"), searched without.
    assert_eq!(search(&store, "ينهي").unwrap().len(), 1);
    // Searched with harakat and tatweel, stored without.
    assert_eq!(search(&store, "مُثْمِـــرة").unwrap().len(), 1);
}

#[test]
fn english_words_phrases_prefixes_or_and_exclusion() {
    let store = loaded_store();
    assert_eq!(search(&store, "blair").unwrap(), vec!["PM apology over jailings"]);
    assert_eq!(search(&store, "\"fuel prices\"").unwrap(), vec!["High fuel prices hit BA's profits"]);
    assert_eq!(search(&store, "Bolly*").unwrap(), vec!["Church anger over Bollywood film"]);
    let mut either = search(&store, "Blair OR Bollywood").unwrap();
    either.sort();
    assert_eq!(either, vec!["Church anger over Bollywood film", "PM apology over jailings"]);
    assert_eq!(search(&store, "apology -Blair").unwrap(), Vec::<String>::new());
    assert_eq!(search(&store, "families -Bollywood").unwrap(), vec!["PM apology over jailings"]);
    assert!(search(&store, "zzzunknownword").unwrap().is_empty());
}

#[test]
fn hostile_search_strings_never_reach_sqlite_as_syntax_errors() {
    let store = loaded_store();
    for input in [
        "\"",
        "*",
        "-",
        "OR",
        "AND",
        "NOT",
        "(",
        ")",
        "(blair",
        "blair)",
        "\"blair",
        "blair OR",
        "OR blair",
        "a*b",
        "title:blair",
        "NEAR(blair apology)",
        "^blair",
        "blair -",
        "--",
        "\"\"",
        "'",
        "%",
        "_",
        ";DROP TABLE articles;--",
        "*blair",
        "ب*",
        "\u{0}",
        "«بوتين",
    ] {
        match search(&store, input) {
            Ok(_) => {}
            Err(StoreError::Search(e)) => assert!(!e.to_string().is_empty()),
            Err(other) => panic!("{input:?} gave a raw error: {other}"),
        }
    }
    assert!(search(&store, "(blair").unwrap().contains(&"PM apology over jailings".to_string()));
    assert!(search(&store, "«بوتين").unwrap().len() == 2);
    assert!(matches!(search(&store, "\""), Err(StoreError::Search(_))));
    assert!(matches!(search(&store, "-blair"), Err(StoreError::Search(_))));
    assert_eq!(store.article_count().unwrap(), 5);
}

#[test]
fn filters_combine_with_search() {
    let store = loaded_store();
    let filter =
        ArticleFilter { query: Some("بوتين".into()), source: Some("الجزيرة".into()), ..Default::default() };
    let rows = store.articles(&filter).unwrap();
    assert_eq!(rows.len(), 1);
    let filter = ArticleFilter {
        date_from: Some("2025-12-01".into()),
        date_to: Some("2025-12-31".into()),
        ..Default::default()
    };
    assert_eq!(store.articles(&filter).unwrap().len(), 1);
    let filter = ArticleFilter { date_from: Some("2026-01-01".into()), ..Default::default() };
    assert!(store.articles(&filter).unwrap().is_empty());
}

#[test]
fn counting_agrees_with_listing_for_every_kind_of_filter() {
    let store = loaded_store();
    let filters = [
        ArticleFilter::default(),
        ArticleFilter { query: Some("بوتين".into()), ..Default::default() },
        ArticleFilter { query: Some("blair OR bollywood".into()), sort: SortKey::Relevance, ..Default::default() },
        ArticleFilter { source: Some("الجزيرة".into()), ..Default::default() },
        ArticleFilter { untagged: true, collapse_copies: true, ..Default::default() },
        ArticleFilter { query: Some("the".into()), limit: Some(1), ..Default::default() },
    ];
    for filter in filters {
        let unlimited = ArticleFilter { limit: None, ..filter.clone() };
        assert_eq!(store.count_articles(&filter).unwrap(), store.articles(&unlimited).unwrap().len(), "{filter:?}");
    }
    assert_eq!(store.articles(&ArticleFilter { limit: Some(2), ..Default::default() }).unwrap().len(), 2);
}
