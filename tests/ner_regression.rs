//! Regression floors for the bundled entity models, on small hand-written fixtures
//! (`tests/fixtures/ner/*.conll`, news-style sentences written for these tests, not corpus
//! text), scored the way `ner_score.py` scores: exact first/last token and type.

use marsad::nlp::ner::Recognizer;
use marsad::nlp::ner::train::{Evaluation, evaluate, read_conll};

fn score(fixture: &str) -> Evaluation {
    evaluate(&Recognizer::bundled(), &read_conll(fixture))
}

fn report(name: &str, ev: &Evaluation) {
    let o = &ev.overall;
    eprintln!("{name}: F1 {:.3} P {:.3} R {:.3} ({} gold)", o.f1(), o.precision(), o.recall(), o.gold);
}

#[test]
fn arabic_fixture_keeps_its_floor() {
    let ev = score(include_str!("fixtures/ner/ar.conll"));
    report("ar", &ev);
    assert_eq!(ev.overall.gold, 59, "fixture changed: update the floors");
    assert!(ev.overall.f1() >= 0.80, "Arabic F1 fell to {:.3}", ev.overall.f1());
    assert!(ev.per_class[0].f1() >= 0.70, "Arabic PER F1 fell to {:.3}", ev.per_class[0].f1());
    assert!(ev.per_class[2].f1() >= 0.85, "Arabic LOC F1 fell to {:.3}", ev.per_class[2].f1());
}

#[test]
fn english_fixture_keeps_its_floor() {
    let ev = score(include_str!("fixtures/ner/en.conll"));
    report("en", &ev);
    assert_eq!(ev.overall.gold, 67, "fixture changed: update the floors");
    assert!(ev.overall.f1() >= 0.90, "English F1 fell to {:.3}", ev.overall.f1());
    assert!(ev.per_class[0].f1() >= 0.90, "English PER F1 fell to {:.3}", ev.per_class[0].f1());
}
