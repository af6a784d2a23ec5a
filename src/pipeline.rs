//! The import pipeline: files → drafts (`ingest`) → analysis (`nlp`) → database (`store`).
//! Shared by the command line and the window's import worker.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::ingest::{self, IngestError, IngestOptions};
use crate::model::{Annotations, PageDraft};
use crate::nlp::Annotator;
use crate::store::{AnalysedPage, Store};

/// Where an import is, reported after every file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportProgress {
    pub files_done: usize,
    pub files_total: usize,
    pub current: Option<PathBuf>,
}

/// What an import did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub files_total: usize,
    pub articles_imported: usize,
    /// Files whose every article was already in the database.
    pub duplicates: Vec<PathBuf>,
    /// Articles skipped as already imported (some may come from files that also had new ones).
    pub duplicate_articles: usize,
    pub failures: Vec<(PathBuf, String)>,
    /// Entries of folders passed over (hidden, unknown type), with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    pub cancelled: bool,
}

/// File name extensions the importer accepts (for file dialogs).
pub fn supported_extensions() -> &'static [&'static str] {
    ingest::SUPPORTED_EXTENSIONS
}

/// Analyses every article of a page.
pub fn analyse_page(page: PageDraft, annotator: &Annotator) -> AnalysedPage {
    let analyse = |body: &str| -> Annotations { annotator.annotate(body) };
    let main = analyse(&page.main.body);
    let read_also = page.read_also.iter().map(|a| analyse(&a.body)).collect();
    AnalysedPage { page, main, read_also }
}

/// Reads and analyses one file without touching a database.
pub fn analyse_file(
    path: &Path,
    options: &IngestOptions,
    annotator: &Annotator,
) -> Result<Vec<AnalysedPage>, IngestError> {
    Ok(ingest::read_file(path, options)?.into_iter().map(|page| analyse_page(page, annotator)).collect())
}

/// Imports files and folders with default options. Returning `Break` from `on_progress`
/// cancels after the current file; what was imported stays.
pub fn import_paths(
    store: &mut Store,
    paths: &[PathBuf],
    on_progress: &mut dyn FnMut(&ImportProgress) -> ControlFlow<()>,
) -> ImportReport {
    import_paths_with(store, paths, &IngestOptions::default(), "import", on_progress)
}

/// Computes `work(i)` for `i` in `0..count` on all cores and hands the results to `consume` on
/// the calling thread **in index order**. `consume` returning `Break` stops the workers after
/// the items they are on. Results are bounded in flight, so memory stays flat on long runs.
pub fn ordered_parallel<T: Send>(
    count: usize,
    work: impl Fn(usize) -> T + Sync,
    mut consume: impl FnMut(usize, T) -> ControlFlow<()>,
) {
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 8);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (results_tx, results_rx) = mpsc::sync_channel::<(usize, T)>(workers * 4);
        for _ in 0..workers {
            let results_tx = results_tx.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= count || results_tx.send((index, work(index))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(results_tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (index, result) in results_rx.iter() {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&due) {
                if consume(due, result).is_break() {
                    stop.store(true, Ordering::Relaxed);
                    return;
                }
                due += 1;
            }
        }
    });
}

fn store_analysed(
    store: &mut Store,
    import_id: Option<i64>,
    path: &Path,
    analysed: Result<Vec<AnalysedPage>, IngestError>,
    report: &mut ImportReport,
) {
    match analysed {
        Ok(pages) => match store.store_file(import_id, Some(path), &pages) {
            Ok(outcome) => {
                report.articles_imported += outcome.stored.len();
                report.duplicate_articles += outcome.duplicates.len();
                if outcome.stored.is_empty() {
                    report.duplicates.push(path.to_path_buf());
                }
            }
            Err(e) => report.failures.push((path.to_path_buf(), e.to_string())),
        },
        Err(e) => {
            let message = e.to_string();
            if let Some(id) = import_id {
                let _ = store.record_file_failure(id, path, &message);
            }
            report.failures.push((path.to_path_buf(), message));
        }
    }
}

/// Imports files and folders. Each file is one transaction: a file either lands whole or not
/// at all, and a bad file never stops the batch.
pub fn import_paths_with(
    store: &mut Store,
    paths: &[PathBuf],
    options: &IngestOptions,
    origin: &str,
    on_progress: &mut dyn FnMut(&ImportProgress) -> ControlFlow<()>,
) -> ImportReport {
    // Analysts' corrections teach the analysis of what comes next.
    let taught = match store.matcher_feedback() {
        Ok(feedback) if !(feedback.watch.is_empty() && feedback.suppress.is_empty()) => {
            Some(Annotator::with_feedback(&feedback.watch, &feedback.suppress))
        }
        _ => None,
    };
    let annotator = taught.as_ref().unwrap_or_else(|| Annotator::shared());
    let list = ingest::collect_files(paths);
    let mut report = ImportReport { files_total: list.files.len(), skipped: list.skipped, ..Default::default() };
    let import_id = match store.begin_import(origin) {
        Ok(id) => Some(id),
        Err(e) => {
            report.failures.push((PathBuf::new(), format!("could not start the import: {e}")));
            return report;
        }
    };
    let mut progress = ImportProgress { files_done: 0, files_total: list.files.len(), current: None };
    // Reading and analysis run on worker threads; this thread only writes, in file order, so
    // the database sees one writer and imports are reproducible.
    let files = &list.files;
    let analyse = |index: usize| {
        // A parser bug must cost one file, not the import.
        std::panic::catch_unwind(|| analyse_file(&files[index], options, annotator))
            .unwrap_or_else(|_| Err(IngestError::Malformed("internal error while reading this file".into())))
    };
    // Files are committed in batches of at most a quarter second: one disk commit per file
    // cost more than the analysis. Each file is still atomic, and a crash loses at most the
    // last quarter second of the import (those files are simply imported again next time).
    let mut last_commit = std::time::Instant::now();
    let _ = store.begin_batch();
    ordered_parallel(files.len(), analyse, |index, analysed| {
        let path = &files[index];
        progress.current = Some(path.clone());
        if on_progress(&progress).is_break() {
            report.cancelled = true;
            return ControlFlow::Break(());
        }
        store_analysed(store, import_id, path, analysed, &mut report);
        progress.files_done += 1;
        if last_commit.elapsed() >= std::time::Duration::from_millis(250) {
            if let Err(e) = store.commit_batch().and_then(|_| store.begin_batch()) {
                report.failures.push((path.clone(), format!("could not save the import: {e}")));
            }
            last_commit = std::time::Instant::now();
        }
        ControlFlow::Continue(())
    });
    if let Err(e) = store.commit_batch() {
        report.failures.push((PathBuf::new(), format!("could not save the import: {e}")));
    }
    if !report.cancelled {
        progress.current = None;
        let _ = on_progress(&progress);
    }
    if let Some(id) = import_id {
        let _ = store.finish_import(
            id,
            report.files_total,
            report.articles_imported,
            report.duplicate_articles,
            report.failures.len(),
        );
    }
    report
}
