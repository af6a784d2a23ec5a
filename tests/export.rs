//! Export round-trip: what `marsad export` writes reads back to what the store holds.

mod common;

use common::*;
use marsad::cli::ExportFormat;
use marsad::cli::export::{self, CSV_HEADER, ExportedArticle};
use marsad::store::ArticleFilter;

#[test]
fn jsonl_export_reads_back_to_the_stored_articles() {
    let store = loaded_store();
    let mut buffer = Vec::new();
    export::articles(&store, ExportFormat::Jsonl, &mut buffer).unwrap();
    let text = String::from_utf8(buffer).unwrap();
    let exported: Vec<ExportedArticle> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let rows = store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(exported.len(), rows.len());
    for (row, article) in rows.iter().zip(&exported) {
        let stored = store.article(row.id).unwrap().unwrap();
        assert_eq!(article.id, stored.id);
        assert_eq!(article.title, stored.title);
        assert_eq!(article.body, stored.body);
        assert_eq!(article.published, stored.published);
        assert_eq!(article.source, stored.source);
        assert_eq!(article.keywords, stored.keywords);
        assert_eq!(article.parent, stored.parent);
        assert_eq!(article.language, stored.language.code());
        // Code-point offsets must slice the exported body to the mention's text.
        let chars: Vec<char> = article.body.chars().collect();
        for mention in &article.entities {
            assert_eq!(chars[mention.start..mention.end].iter().collect::<String>(), mention.text);
        }
        assert_eq!(article.entities.len(), store.mentions(row.id).unwrap().len());
        assert_eq!(article.quotes.len(), store.quotes(row.id).unwrap().len());
    }
    // The Arabic page's read-also article points at its page.
    assert_eq!(exported[1].parent, Some(exported[0].id));
}

#[test]
fn csv_export_reads_back_with_arabic_text_intact() {
    let store = loaded_store();
    let mut buffer = Vec::new();
    export::articles(&store, ExportFormat::Csv, &mut buffer).unwrap();
    let mut reader = csv::Reader::from_reader(buffer.as_slice());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER.to_vec());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let rows = store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(records.len(), rows.len());
    for (row, record) in rows.iter().zip(&records) {
        let stored = store.article(row.id).unwrap().unwrap();
        assert_eq!(record[0].parse::<i64>().unwrap(), stored.id);
        assert_eq!(&record[1], stored.title);
        assert_eq!(&record[11], stored.body);
        assert_eq!(&record[7], stored.keywords.join("; "));
    }
}
