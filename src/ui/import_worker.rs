//! Imports on a background thread so the window never freezes.
//!
//! The worker opens its own [`Store`] on the same database file (SQLite WAL lets the window
//! keep reading meanwhile), runs [`crate::pipeline::import_paths_with`] and reports progress over a
//! channel, waking the UI after every file. Cancelling sets a flag the progress callback
//! checks; the pipeline stops after the file in hand.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

use crate::ingest::IngestOptions;
use crate::pipeline::{ImportProgress, ImportReport, import_paths_with};
use crate::store::Store;

enum Message {
    Progress(ImportProgress),
    Done(ImportReport),
    Failed(String),
}

/// How a finished import ended.
#[derive(Debug)]
pub enum Finished {
    Report(ImportReport),
    /// The worker could not even start (database could not be opened, thread panicked).
    Failed(String),
}

/// A running import.
pub struct ImportJob {
    rx: Receiver<Message>,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
    /// The latest progress report.
    pub progress: ImportProgress,
    pub paths: Vec<PathBuf>,
    /// The options the files are read with (an encoding or a field mapping the user chose),
    /// so what fails again can be offered again with the same choices.
    pub options: IngestOptions,
    pub cancel_requested: bool,
}

impl ImportJob {
    /// Starts importing `paths` into the database at `db`. `wake` is called after every
    /// message (the app passes `ctx.request_repaint`).
    pub fn start(db: &Path, paths: Vec<PathBuf>, wake: impl Fn() + Send + 'static) -> ImportJob {
        Self::start_with(db, paths, IngestOptions::default(), wake)
    }

    /// Like [`Self::start`], reading the files with `options`.
    pub fn start_with(
        db: &Path,
        paths: Vec<PathBuf>,
        options: IngestOptions,
        wake: impl Fn() + Send + 'static,
    ) -> ImportJob {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let db = db.to_path_buf();
        let job_paths = paths.clone();
        let job_options = options.clone();
        let handle = std::thread::Builder::new()
            .name("marsad-import".into())
            .spawn(move || {
                let mut store = match Store::open(&db) {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = tx.send(Message::Failed(format!("could not open the database: {e}")));
                        wake();
                        return;
                    }
                };
                // A bug in a parser must not leave the window waiting forever: report it.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    import_paths_with(&mut store, &job_paths, &job_options, "import", &mut |p| {
                        let _ = tx.send(Message::Progress(p.clone()));
                        wake();
                        if flag.load(Ordering::Relaxed) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
                    })
                }));
                let message = match result {
                    Ok(report) => Message::Done(report),
                    Err(panic) => {
                        let why = panic
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                            .unwrap_or_else(|| "unknown error".into());
                        let why: String = why.chars().take(300).collect();
                        Message::Failed(format!("internal error while importing: {why}"))
                    }
                };
                let _ = tx.send(message);
                wake();
            })
            .expect("spawning a thread");
        ImportJob {
            rx,
            cancel,
            handle: Some(handle),
            progress: ImportProgress { files_done: 0, files_total: 0, current: None },
            paths,
            options,
            cancel_requested: false,
        }
    }

    /// Asks the worker to stop after the current file.
    pub fn cancel(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.cancel_requested = true;
    }

    /// Reads what the worker sent; `Some` once it is done.
    pub fn poll(&mut self) -> Option<Finished> {
        loop {
            match self.rx.try_recv() {
                Ok(Message::Progress(p)) => self.progress = p,
                Ok(Message::Done(r)) => {
                    self.join();
                    return Some(Finished::Report(r));
                }
                Ok(Message::Failed(e)) => {
                    self.join();
                    return Some(Finished::Failed(e));
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    self.join();
                    return Some(Finished::Failed("the import stopped unexpectedly".into()));
                }
            }
        }
    }

    /// Fraction done, for the progress bar.
    pub fn fraction(&self) -> f32 {
        if self.progress.files_total == 0 {
            0.0
        } else {
            self.progress.files_done as f32 / self.progress.files_total as f32
        }
    }

    fn join(&mut self) {
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// One-line summary of a finished import.
pub fn summary(report: &ImportReport) -> String {
    let mut s = format!(
        "Imported {} article{}",
        report.articles_imported,
        if report.articles_imported == 1 { "" } else { "s" }
    );
    if !report.duplicates.is_empty() || report.duplicate_articles > 0 {
        s.push_str(&format!(", {} already imported", report.duplicates.len().max(report.duplicate_articles)));
    }
    if !report.failures.is_empty() {
        s.push_str(&format!(", {} failed", report.failures.len()));
    }
    if report.cancelled {
        s.push_str(" (cancelled)");
    }
    s
}
