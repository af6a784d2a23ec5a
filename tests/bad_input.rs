//! Bad files: one clear error each, nothing written for them, the rest of the batch imported.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;
use marsad::ingest::IngestOptions;
use marsad::pipeline;
use marsad::store::Store;

struct BadFiles {
    _dir: tempfile::TempDir,
    binary: PathBuf,
    empty: PathBuf,
    broken_utf8: PathBuf,
    too_large: PathBuf,
    good: PathBuf,
}

fn bad_files() -> BadFiles {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R'])
        .unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let broken_utf8 = dir.path().join("broken.txt");
    let arabic = std::fs::read(fixture(ARABIC_PAGE)).unwrap();
    let mut broken = arabic[..2000].to_vec();
    broken.extend_from_slice(&[0xC3, 0x28, 0xFF, 0xFE]);
    broken.extend_from_slice(&arabic[2000..]);
    std::fs::write(&broken_utf8, broken).unwrap();
    let too_large = dir.path().join("huge.txt");
    std::fs::write(&too_large, "Title\n\n".to_string() + &"word ".repeat(300_000)).unwrap();
    let good = dir.path().join("good.txt");
    std::fs::copy(fixture(BBC_PAGES[2]), &good).unwrap();
    BadFiles { _dir: dir, binary, empty, broken_utf8, too_large, good }
}

#[test]
fn each_bad_file_gets_one_clear_reason_and_the_batch_goes_on() {
    let files = bad_files();
    let mut store = Store::open_in_memory().unwrap();
    let options = IngestOptions { max_file_bytes: 1024 * 1024, ..Default::default() };
    let paths = vec![
        files.binary.clone(),
        files.empty.clone(),
        files.broken_utf8.clone(),
        files.too_large.clone(),
        files.good.clone(),
    ];
    let report =
        pipeline::import_paths_with(&mut store, &paths, &options, "test", &mut |_| std::ops::ControlFlow::Continue(()));
    assert_eq!(report.articles_imported, 1);
    assert_eq!(store.article_count().unwrap(), 1);
    let reason =
        |path: &PathBuf| report.failures.iter().find(|(p, _)| p == path).map(|(_, r)| r.clone()).unwrap_or_default();
    assert!(reason(&files.binary).contains("binary"), "{}", reason(&files.binary));
    assert!(reason(&files.empty).contains("empty"));
    assert!(reason(&files.broken_utf8).contains("invalid UTF-8"), "{}", reason(&files.broken_utf8));
    assert!(reason(&files.too_large).contains("too large"));
    assert_eq!(report.failures.len(), 4);
}

#[test]
fn command_line_names_each_bad_file_and_exits_non_zero() {
    let files = bad_files();
    let db_dir = tempfile::tempdir().unwrap();
    let db = db_dir.path().join("cli.db");
    let output = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("--db")
        .arg(&db)
        .args(["import", "--max-file-mb", "1"])
        .args([&files.binary, &files.empty, &files.broken_utf8, &files.too_large, &files.good])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (path, reason) in [
        (&files.binary, "binary"),
        (&files.empty, "empty"),
        (&files.broken_utf8, "UTF-8"),
        (&files.too_large, "too large"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.starts_with(&path.display().to_string()))
            .unwrap_or_else(|| panic!("no line for {}: {stderr}", path.display()));
        assert!(line.contains(reason), "{line}");
    }
    assert!(String::from_utf8_lossy(&output.stdout).contains("imported 1 article"));
    let store = Store::open(&db).unwrap();
    assert_eq!(store.article_count().unwrap(), 1);
}
