//! The command line end to end: import, list, search, show, and the evaluation JSON.

mod common;

use std::process::{Command, Output};

use common::*;

fn marsad(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marsad")).arg("--db").arg(db).args(args).output().unwrap()
}

#[test]
fn import_list_search_show_roundtrip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let page = fixture(ARABIC_PAGE);
    let out = marsad(&db, &["import", page.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = marsad(&db, &["import", page.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already imported"));

    let list = String::from_utf8(marsad(&db, &["list"]).stdout).unwrap();
    assert_eq!(list.lines().count(), 2);
    assert!(list.contains("2025-12-06") && list.contains("الجزيرة"));

    let found = String::from_utf8(marsad(&db, &["search", "كوشنر"]).stdout).unwrap();
    assert_eq!(found.lines().count(), 2);
    let bad = marsad(&db, &["search", "\""]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("type a word"));

    let show = String::from_utf8(marsad(&db, &["show", "1"]).stdout).unwrap();
    assert!(show.contains("Related headlines:") && show.contains("ترامب: المرحلة الثانية"));
    let missing = marsad(&db, &["show", "99"]);
    assert!(!missing.status.success());
}

#[test]
fn extract_json_follows_the_evaluation_schema() {
    let dir = tempfile::tempdir().unwrap();
    let out = marsad(&dir.path().join("unused.db"), &["extract", "--json", fixture(ARABIC_PAGE).to_str().unwrap()]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["published"], "2025-12-06");
    assert_eq!(articles[0]["source"], "الجزيرة");
    assert_eq!(articles[1]["published"], serde_json::Value::Null);
    for field in ["title", "body", "keywords", "entities", "quotes"] {
        assert!(articles[0].get(field).is_some(), "missing {field}");
    }
    assert_eq!(json["related_headlines"].as_array().unwrap().len(), 3);
    assert!(!dir.path().join("unused.db").exists(), "extract must not create a database");
}

#[test]
fn annotate_json_offsets_are_code_points() {
    let dir = tempfile::tempdir().unwrap();
    let text_path = dir.path().join("t.txt");
    let text = "قال الرئيس الأميركي دونالد ترامب للصحفيين: “سنكتشف ذلك”.\nTony Blair said: \"I am very sorry.\"\n";
    std::fs::write(&text_path, text).unwrap();
    let out = marsad(&dir.path().join("unused.db"), &["annotate", "--json", text_path.to_str().unwrap()]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for item in json["entities"].as_array().unwrap().iter().chain(json["quotes"].as_array().unwrap()) {
        let (start, end) = (item["start"].as_u64().unwrap() as usize, item["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[start..end].iter().collect::<String>(), item["text"].as_str().unwrap());
    }
}
