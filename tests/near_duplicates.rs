//! Near-duplicate grouping, measured on constructed pairs: edited copies of real articles
//! (positives) and pairs of different articles, including two on the same event (negatives).

mod common;

use common::*;
use marsad::ingest::{IngestOptions, read_file};
use marsad::nlp::near_dup::{COPY_THRESHOLD, signature, similarity};
use marsad::store::{ArticleFilter, Store};

/// Every article body of the fixture pages and the bundled samples.
fn bodies() -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(fixture("pages")).unwrap().map(|e| e.unwrap().path()).collect();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    paths.extend(std::fs::read_dir(samples).unwrap().map(|e| e.unwrap().path()));
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        for page in read_file(&path, &IngestOptions::default()).unwrap() {
            out.push(page.main.body.clone());
            out.extend(page.read_also.iter().map(|a| a.body.clone()));
        }
    }
    // The bundled Arabic sample is the fixture page itself: identical bodies are one article.
    out.sort();
    out.dedup();
    out
}

/// A copy-edited copy: every `every`-th word replaced, the last sentence dropped, a dateline added.
fn edited(body: &str, every: usize) -> String {
    let words: Vec<&str> = body.split(' ').collect();
    let mut out: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| if i % every == every / 2 { format!("{w}x") } else { w.to_string() })
        .collect();
    if let Some(cut) = out.iter().rposition(|w| w.ends_with('.')).filter(|&i| i > out.len() * 3 / 4) {
        out.truncate(cut + 1);
    }
    format!("(Dateline) {}", out.join(" "))
}

#[test]
fn constructed_pairs_precision_and_recall() {
    let bodies = bodies();
    assert!(bodies.len() >= 8);
    let mut true_positive = 0;
    let mut false_negative = 0;
    let mut false_positive = 0;
    let mut negatives = 0;
    for body in &bodies {
        let original = signature(body).expect("fixture bodies are long enough");
        // One word in 10, 15 and 25 edited: light to heavy copy-editing.
        for every in [10, 15, 25] {
            let copy = signature(&edited(body, every)).unwrap();
            if similarity(&original, &copy) >= COPY_THRESHOLD { true_positive += 1 } else { false_negative += 1 }
        }
    }
    for (i, a) in bodies.iter().enumerate() {
        for b in &bodies[i + 1..] {
            negatives += 1;
            if similarity(&signature(a).unwrap(), &signature(b).unwrap()) >= COPY_THRESHOLD {
                false_positive += 1;
            }
        }
    }
    let precision = true_positive as f64 / (true_positive + false_positive) as f64;
    let recall = true_positive as f64 / (true_positive + false_negative) as f64;
    println!(
        "near-duplicates: {} positive pairs, {negatives} negative pairs: precision {precision:.3}, recall {recall:.3}",
        true_positive + false_negative
    );
    assert!(precision >= 0.95, "precision {precision}");
    assert!(recall >= 0.85, "recall {recall}");
}

#[test]
fn the_library_shows_a_story_once_with_its_copies() {
    let dir = tempfile::tempdir().unwrap();
    let blair = std::fs::read_to_string(fixture(BBC_PAGES[2])).unwrap();
    let (title, body) = blair.split_once('\n').unwrap();
    std::fs::write(dir.path().join("a.txt"), &blair).unwrap();
    // The same story from another source, with another headline and small edits.
    std::fs::write(dir.path().join("b.txt"), format!("Blair says sorry to families\n{}", edited(body, 20))).unwrap();
    std::fs::copy(fixture(BBC_PAGES[0]), dir.path().join("c.txt")).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[dir.path().to_path_buf()]);
    assert_eq!(report.articles_imported, 3);
    let all = store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(all.len(), 3);
    let collapsed = store.articles(&ArticleFilter { collapse_copies: true, ..Default::default() }).unwrap();
    assert_eq!(collapsed.len(), 2);
    let story = collapsed.iter().find(|r| r.title == title.trim()).unwrap();
    assert_eq!(story.copies, 1);
    let copies = store.copies(story.id).unwrap();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].title, "Blair says sorry to families");
    let fuel = collapsed.iter().find(|r| r.title.contains("fuel")).unwrap();
    assert_eq!(fuel.copies, 0);
}
