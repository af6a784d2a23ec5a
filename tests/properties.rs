//! Property tests: the parsers and the search translation on arbitrary and mutated input.
//! They stand in for fuzzing (cargo fuzz needs a nightly toolchain, which this project does
//! not require). Run longer with `PROPTEST_CASES=20000 cargo test --release --test properties`.

mod common;

use common::*;
use marsad::ingest::{IngestOptions, dates::parse_date, decode::decode, parse_bytes, text_page};
use marsad::store::{ArticleFilter, Store, StoreError};
use proptest::prelude::*;

/// Text drawn from what news pages are made of: Arabic and Latin letters, digits of both kinds,
/// harakat, quotation marks, markers and line breaks.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "قال",
        "إن",
        "أن",
        "\"",
        "“",
        "”",
        "«",
        "»",
        ":",
        "،",
        ".",
        "؟",
        "\n",
        "\n\n",
        " ",
        "  ",
        "إعلان",
        "اقرأ أيضاً",
        "إقرأ أيضاً:",
        "المصدر:",
        "تاريخ النشر:",
        "كلمات دلالية:",
        "Read more",
        "Source:",
        "By ",
        "Published:",
        "ترامب",
        "Trump",
        "said",
        "that",
        "٦",
        "2025",
        "ديسمبر",
        "December",
        "ً",
        "ـ",
        "ُ",
        "\r\n",
        "\u{200f}",
        "<p>",
        "</p>",
        "*",
        "-",
        "OR",
        "(",
        ")",
        "NOT",
        "'",
        "\t",
        "x",
        "ة",
        "ى",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

/// Mutates bytes: flips, deletions, insertions and truncation at arbitrary places.
fn mutated(original: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = original.len().max(1);
    prop::collection::vec((0..len, any::<u8>(), 0..4u8), 0..12).prop_map(move |edits| {
        let mut bytes = original.clone();
        for (at, byte, kind) in edits {
            let at = at.min(bytes.len());
            match kind {
                0 if at < bytes.len() => bytes[at] = byte,
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                2 => bytes.insert(at, byte),
                _ => bytes.truncate(at),
            }
        }
        bytes
    })
}

fn fixture_bytes() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["pages", "formats"] {
        for entry in std::fs::read_dir(fixture(dir)).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_string();
            out.push((ext, std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn annotating_a_nameless_fragment_does_not_crash() {
    // Found by fuzzing: a name reduced to no words crashed alias grouping.
    let text = "Mrs: Mrthe theMrs !Trump ) called؟ the airlineairline -، told “ ‘. ! ! told، ؟ مضيفاshe that ، ";
    let annotations = marsad::nlp::annotate(text);
    assert!(annotations.entities.iter().all(|m| m.surface.chars().any(char::is_alphabetic)));
}

proptest! {
    #[test]
    fn any_bytes_under_any_extension_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(marsad::pipeline::supported_extensions().to_vec())) {
        let _ = parse_bytes(&bytes, ext, &IngestOptions::default());
    }

    #[test]
    fn mutated_fixtures_never_panic((ext, bytes) in prop::sample::select(fixture_bytes()).prop_flat_map(|(ext, bytes)| (Just(ext), mutated(bytes)))) {
        let _ = parse_bytes(&bytes, &ext, &IngestOptions::default());
    }

    #[test]
    fn text_pages_never_invent_characters(text in newsy_text()) {
        if let Some(page) = text_page::parse(&text) {
            let articles = std::iter::once(&page.main).chain(&page.read_also);
            for article in articles {
                for c in article.body.chars().chain(article.title.chars()) {
                    prop_assert!(c == '\n' || c == ' ' || text.contains(c), "{c:?} not in input");
                }
            }
        }
    }

    #[test]
    fn decoding_never_panics_and_utf8_roundtrips(text in newsy_text()) {
        if let Ok(decoded) = decode(text.as_bytes(), None) {
            prop_assert_eq!(decoded.text, text);
        }
    }

    #[test]
    fn annotation_never_panics_and_its_offsets_hold(text in newsy_text()) {
        let annotations = marsad::nlp::annotate(&text);
        for m in &annotations.entities {
            prop_assert_eq!(&text[m.start..m.end], m.surface.as_str());
            prop_assert!(m.surface.chars().any(char::is_alphabetic), "{:?}", m.surface);
        }
        for q in &annotations.quotes {
            prop_assert!(q.start <= q.end && text.get(q.start..q.end).is_some());
        }
    }

    #[test]
    fn dates_are_valid_iso_or_none(text in newsy_text()) {
        if let Some(date) = parse_date(&text) {
            prop_assert_eq!(date.len(), 10);
            prop_assert!(date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-');
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever is typed in the search box, SQLite never sees an FTS5 syntax error.
    #[test]
    fn any_search_string_is_safe(query in prop_oneof![newsy_text(), any::<String>()]) {
        thread_local!(static STORE: Store = loaded_store());
        STORE.with(|store| {
            let filter = ArticleFilter { query: Some(query.clone()), ..Default::default() };
            match store.articles(&filter) {
                Ok(_) | Err(StoreError::Search(_)) => Ok(()),
                Err(other) => Err(TestCaseError::fail(format!("{query:?}: {other}"))),
            }
        })?;
    }
}
