//! Regression floor on small hand-written articles (tests/fixtures/quotes/): each `NAME.txt`
//! with `NAME.expected.json` listing its quotations as `{"kind", "speaker": [names…], "text"}`.
//! Matching follows the evaluation's rule: a prediction and a gold quotation match when their
//! characters (quotation marks and spaces trimmed) overlap by half of each; a speaker is right
//! when the predicted name's last word is a word of one of the gold names. No entity list is
//! given, so this measures the rules alone.

use std::collections::HashSet;
use std::path::Path;

use marsad::model::QuoteKind;
use marsad::nlp::normalize::fold;
use marsad::nlp::quotes::extract;

const TRIM: &[char] = &['"', '“', '”', '«', '»', '„', '\'', '‘', '’', ' ', '\n', '\t'];

fn trimmed(text: &str, start: usize, end: usize) -> HashSet<usize> {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start_matches(TRIM).len();
    let tail = piece.len() - piece.trim_end_matches(TRIM).len();
    (start + lead..end.saturating_sub(tail).max(start + lead)).filter(|&b| text.is_char_boundary(b)).collect()
}

fn words(s: &str) -> Vec<String> {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

struct Gold {
    chars: HashSet<usize>,
    direct: bool,
    names: Vec<String>,
}

#[test]
fn fixtures_meet_the_floors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quotes");
    let (mut tp, mut n_pred, mut n_gold, mut speaker_ok, mut direct_ok) = (0, 0, 0, 0, 0);
    let mut report = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixture dir") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("expected.json")).unwrap()).unwrap();
        let gold: Vec<Gold> = expected
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let t = g["text"].as_str().unwrap();
                let start = text.find(t).unwrap_or_else(|| panic!("{t:?} not in {path:?}"));
                Gold {
                    chars: trimmed(&text, start, start + t.len()),
                    direct: g["kind"] == "direct",
                    names: g["speaker"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect(),
                }
            })
            .collect();
        let preds = extract(&text, &[]);
        n_pred += preds.len();
        n_gold += gold.len();
        let mut used = vec![false; gold.len()];
        for p in &preds {
            let pc = trimmed(&text, p.start, p.end);
            let best = gold.iter().enumerate().filter(|(i, _)| !used[*i]).find(|(_, g)| {
                let ov = g.chars.intersection(&pc).count();
                2 * ov >= g.chars.len() && 2 * ov >= pc.len() && ov > 0
            });
            let Some((gi, g)) = best else {
                report.push(format!("unmatched prediction: {}", p.text));
                continue;
            };
            used[gi] = true;
            tp += 1;
            direct_ok += usize::from(g.direct == (p.kind == QuoteKind::Direct));
            let last = p.speaker.as_deref().map(words).and_then(|w| w.last().cloned());
            if last.is_some_and(|l| g.names.iter().any(|n| words(n).contains(&l))) {
                speaker_ok += 1;
            } else {
                report.push(format!("speaker {:?} for {:?}, gold {:?}", p.speaker, p.text, g.names));
            }
        }
        for (g, u) in expected.as_array().unwrap().iter().zip(&used) {
            if !u {
                report.push(format!("missed: {}", g["text"]));
            }
        }
    }
    let p = tp as f64 / n_pred.max(1) as f64;
    let r = tp as f64 / n_gold.max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(f64::EPSILON);
    let speaker = speaker_ok as f64 / tp.max(1) as f64;
    let summary =
        format!("F1 {f1:.3} P {p:.3} R {r:.3} speaker {speaker:.3} kind {direct_ok}/{tp}\n{}", report.join("\n"));
    assert!(n_gold >= 16, "fixtures present");
    assert!(f1 >= 0.85, "{summary}");
    assert!(speaker >= 0.85, "{summary}");
    assert_eq!(direct_ok, tp, "{summary}");
    eprintln!("{summary}");
}
