//! Files that must never hurt: each yields one clear error, nothing of it is written, the rest
//! of the batch is imported, and nothing panics.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use marsad::ingest::IngestOptions;
use marsad::pipeline::{self, ImportReport};
use marsad::store::{ArticleFilter, Store};

/// Imports `bad` together with a good file, and checks the database holds only the good one.
fn import_with_good_file(bad: &Path, options: &IngestOptions) -> (ImportReport, Store) {
    let mut store = Store::open_in_memory().unwrap();
    let paths = vec![bad.to_path_buf(), fixture(BBC_PAGES[2])];
    let report =
        pipeline::import_paths_with(&mut store, &paths, options, "test", &mut |_| std::ops::ControlFlow::Continue(()));
    let rows = store.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(rows.len(), 1, "only the good file is stored");
    assert_eq!(rows[0].title, "PM apology over jailings");
    (report, store)
}

fn reason_for(report: &ImportReport, path: &Path) -> String {
    let reasons: Vec<&String> = report.failures.iter().filter(|(p, _)| p == path).map(|(_, r)| r).collect();
    assert_eq!(reasons.len(), 1, "exactly one error for {}: {:?}", path.display(), report.failures);
    reasons[0].clone()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn check(name: &str, bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    let (report, _) = import_with_good_file(&path, &IngestOptions::default());
    let reason = reason_for(&report, &path);
    assert!(reason.contains(expected), "{name}: {reason}");
}

#[test]
fn binary_renamed_txt() {
    check(
        "photo.txt",
        &[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 1, 0],
        "binary",
    );
}

#[test]
fn truncated_html() {
    let page = std::fs::read_to_string(fixture("formats/ar_page.html")).unwrap();
    let cut = page.find("<p>وقال").unwrap();
    check("cut.html", &page.as_bytes()[..cut], "truncated");
}

#[test]
fn malformed_xml_feed() {
    check(
        "broken.xml",
        b"<?xml version=\"1.0\"?><rss><channel><title>x</title><item><title>unclosed",
        "not a valid feed",
    );
}

#[test]
fn xml_entity_expansion_bomb() {
    let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        bomb.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    bomb.push_str("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>");
    check("bomb.rss", bomb.as_bytes(), "entit");
}

#[test]
fn file_of_200_megabytes_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    // Sparse: takes no disk space, and the size check must refuse it before reading.
    std::fs::File::create(&path).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let (report, _) = import_with_good_file(&path, &IngestOptions::default());
    let reason = reason_for(&report, &path);
    assert!(reason.contains("too large (200.0 MB; the limit is 50 MB)"), "{reason}");
}

#[test]
fn ragged_csv_rows() {
    check(
        "ragged.csv",
        b"title,body\nOne,First body.\nTwo,Second body,extra\n",
        "CSV row 3 has 3 fields but the header has 2",
    );
}

#[test]
fn json_with_wrong_types() {
    check(
        "wrong.json",
        br#"[{"title": "Fine", "body": "Fine body."}, {"title": ["not", 1], "body": "x"}]"#,
        "record 2: field 'title' should be text",
    );
    check("number.json", b"42", "no article records");
}

#[test]
fn invalid_utf8_in_the_middle() {
    let mut bytes = std::fs::read(fixture(ARABIC_PAGE)).unwrap();
    let middle = bytes.len() / 2;
    let middle = (middle..bytes.len()).find(|&i| bytes[i] == b' ').unwrap();
    bytes.splice(middle..middle, [0xC3, 0x28, 0xA0, 0xA1]);
    check("broken.txt", &bytes, "invalid UTF-8");
}

#[test]
fn empty_file_and_zero_byte_feed() {
    check("empty.txt", b"", "empty");
    check("empty.rss", b"", "empty");
    check("blank.xml", b"   \n", "empty");
}

#[test]
fn folder_with_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture(BBC_PAGES[0]), dir.path().join("good.txt")).unwrap();
    // A link to nowhere cannot be read by anyone, root included (CI runs as root).
    std::os::unix::fs::symlink(dir.path().join("missing.txt"), dir.path().join("dangling.txt")).unwrap();
    let locked = write(dir.path(), "locked.txt", b"Title\n\nBody.");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &[dir.path().to_path_buf()]);
    let dangling = reason_for(&report, &dir.path().join("dangling.txt"));
    assert!(dangling.contains("could not read the file"), "{dangling}");
    // As root the locked file is readable and imports; as a user it fails with one error.
    let locked_ok = report.failures.iter().all(|(p, _)| p != &locked);
    assert_eq!(store.article_count().unwrap(), if locked_ok { 2 } else { 1 });
}

#[test]
fn nothing_panics_on_any_extension_with_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let mut paths = Vec::new();
    for ext in marsad::pipeline::supported_extensions() {
        paths.push(write(dir.path(), &format!("garbage.{ext}"), &garbage));
    }
    let mut store = Store::open_in_memory().unwrap();
    let report = import(&mut store, &paths);
    assert_eq!(report.failures.len(), paths.len());
    assert_eq!(store.article_count().unwrap(), 0);
}
