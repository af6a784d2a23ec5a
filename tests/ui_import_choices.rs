//! The import's second chances driven through the real app: a legacy Arabic file whose
//! encoding detection is unsure gets the encoding window, and a CSV export whose text column
//! has an unknown name gets the mapping window. Both import only after the user's choice.

mod common;

use common::ui::{harness, wait_for_import};

use std::path::{Path, PathBuf};

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use marsad::store::{ArticleFilter, Store};
use marsad::ui::{DialogOutcome, MarsadApp, ScriptedDialogs};

/// An app on a fresh database whose file dialog answers `path`, with the import started
/// from the welcome panel and finished.
fn import_one(dir: &Path, path: PathBuf) -> Harness<'static, MarsadApp> {
    let store = Store::open(&dir.join("choices.db")).unwrap();
    let dialogs = ScriptedDialogs::new([DialogOutcome::Picked(vec![path])]);
    let mut h = harness(MarsadApp::new(store, Box::new(dialogs), None));
    h.run_steps(2);
    h.get_by_label("Import files…").click();
    h.step();
    wait_for_import(&mut h);
    h
}

/// Opens the combo box named `label` and picks `option` from it.
fn choose(h: &mut Harness<'_, MarsadApp>, label: &str, option: &str) {
    h.get_by_role_and_label(Role::ComboBox, label).click();
    h.run_steps(2);
    h.get_by_label(option).click();
    h.run_steps(2);
}

const TITLE: &str = "قمة الرياض";

#[test]
fn an_unsure_encoding_is_chosen_with_a_preview_then_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short-1256.txt");
    let text = format!("{TITLE}\n\nانتهت القمة اليوم.\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmappable);
    std::fs::write(&path, &bytes).unwrap();

    let mut h = import_one(dir.path(), path.clone());
    let report = h.state().last_report.clone().unwrap();
    assert_eq!(report.articles_imported, 0);
    assert!(report.failures[0].1.contains("the encoding is uncertain"), "{report:?}");
    assert_eq!(h.state().store.article_count().unwrap(), 0, "nothing is stored on a guess");

    // The window lists the file and previews it in the chosen encoding.
    h.get_by_label("Choose the encoding");
    h.get_by_label("short-1256.txt");
    choose(&mut h, "Encoding", "windows-1252");
    assert_eq!(h.state().import_choices.encoding.as_ref().unwrap().label, "windows-1252");
    assert!(h.query_by_label_contains(TITLE).is_none(), "windows-1252 must not show the Arabic title");
    choose(&mut h, "Encoding", "UTF-8");
    h.get_by_label_contains("not valid UTF-8");
    // A file that cannot be read in the chosen encoding cannot be imported in it.
    assert!(h.get_by_label("Import with this encoding").accesskit_node().is_disabled());
    choose(&mut h, "Encoding", "windows-1256");
    // The preview is one bidi paragraph per line; its accessible text is the decoded text.
    h.get_by_label_contains(TITLE);

    h.get_by_label("Import with this encoding").click();
    h.step();
    wait_for_import(&mut h);
    assert!(h.state().import_choices.encoding.is_none());
    let rows = h.state().store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(rows.len(), 1, "{:?}", h.state().last_report);
    assert_eq!(rows[0].title, TITLE);
    assert!(h.query_by_label("Choose the encoding").is_none());
}

#[test]
fn a_csv_without_a_known_body_column_is_mapped_with_a_preview() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    std::fs::write(
        &path,
        "id,headline,story_text,outlet\n\
         1,Harbour reopens,\"The harbour reopened on Monday after repairs.\",Gulf Daily\n\
         2,مؤتمر صحفي,\"عقد الوزير مؤتمرا صحفيا في العاصمة.\",الجزيرة\n",
    )
    .unwrap();

    let mut h = import_one(dir.path(), path);
    let report = h.state().last_report.clone().unwrap();
    assert!(report.failures[0].1.contains("--map body=COLUMN"), "{report:?}");
    assert_eq!(h.state().store.article_count().unwrap(), 0);

    // The window shows the guess (title from "headline") and the import's complaint.
    h.get_by_label("Map the columns");
    assert_eq!(h.get_by_role_and_label(Role::ComboBox, "title").value().as_deref(), Some("headline"));
    assert_eq!(h.get_by_role_and_label(Role::ComboBox, "body").value().as_deref(), Some("none"));
    assert!(h.get_by_label("Import with this mapping").accesskit_node().is_disabled());

    choose(&mut h, "body", "story_text");
    // The preview now shows the records as they would import.
    h.get_by_label("The harbour reopened on Monday after repairs.");
    h.get_by_label("عقد الوزير مؤتمرا صحفيا في العاصمة.");
    h.get_by_label("Import with this mapping").click();
    h.step();
    wait_for_import(&mut h);

    assert_eq!(h.state().last_report.as_ref().unwrap().articles_imported, 2);
    let rows = h.state().store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(rows.len(), 2);
    let mut titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["Harbour reopens", "مؤتمر صحفي"]);
    assert!(h.query_by_label("Map the columns").is_none());
}

#[test]
fn an_ambiguous_export_waits_for_a_mapping_before_anything_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ambiguous.json");
    std::fs::write(
        &path,
        r#"[{"title":"A","summary":"Short teaser.","content":"The full story of A."},
            {"title":"B","summary":"Another teaser.","content":"The full story of B."}]"#,
    )
    .unwrap();
    let mut h = import_one(dir.path(), path);
    assert_eq!(h.state().store.article_count().unwrap(), 0);
    h.get_by_label("Map the columns");
    h.get_by_label_contains("body could be content or summary");
    choose(&mut h, "body", "summary");
    h.get_by_label("Short teaser.");
    h.get_by_label("Import with this mapping").click();
    h.step();
    wait_for_import(&mut h);
    let rows = h.state().store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(rows.len(), 2);
    let article = h.state().store.article(rows[0].id).unwrap().unwrap();
    assert!(article.body.ends_with("teaser."), "{}", article.body);
}

#[test]
fn skipping_a_mapping_stores_nothing_and_closes_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.tsv");
    std::fs::write(&path, "headline\tstory_text\nA\tOne.\n").unwrap();
    let mut h = import_one(dir.path(), path);
    h.get_by_label("Map the columns");
    // The raw record is shown so the user can see which column holds the text.
    h.get_by_label("story_text:");
    h.get_by_label("Skip this file").click();
    h.run_steps(3);
    assert!(h.query_by_label("Map the columns").is_none());
    assert!(h.state().import_choices.mappings.is_empty());
    assert_eq!(h.state().store.article_count().unwrap(), 0);
}
