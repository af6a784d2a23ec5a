//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod ui;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use marsad::pipeline::{self, ImportReport};
use marsad::store::Store;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub const ARABIC_PAGE: &str = "pages/aljazeera_aggregator.txt";
pub const BBC_PAGES: [&str; 3] =
    ["pages/bbc-business-004.txt", "pages/bbc-entertainment-085.txt", "pages/bbc-politics-012.txt"];

pub fn import(store: &mut Store, paths: &[PathBuf]) -> ImportReport {
    pipeline::import_paths(store, paths, &mut |_| ControlFlow::Continue(()))
}

/// A store holding the Arabic page and the three BBC articles.
pub fn loaded_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut paths = vec![fixture(ARABIC_PAGE)];
    paths.extend(BBC_PAGES.iter().map(|p| fixture(p)));
    let report = import(&mut store, &paths);
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    store
}
