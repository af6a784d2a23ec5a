//! The application state and the window's layout: toolbar, library, reader, side panels,
//! import progress, notifications and the help window.

use std::path::PathBuf;

use egui::{Sense, Ui};
use serde::{Deserialize, Serialize};

use crate::ingest::IngestOptions;
use crate::pipeline::{ImportReport, supported_extensions};
use crate::store::{ArticleFilter, ArticleId, Store};

use super::dialogs::{DialogOutcome, FileDialog};
use super::import_choices::ImportChoices;
use super::import_worker::{Finished, ImportJob, summary};
use super::library::{LibraryEvent, LibraryState};
use super::notifications::Notifications;
use super::reader::{ReaderDoc, ReaderState};
use super::shortcuts::{self, Action};
use super::tagging::{Tagging, TaggingEvent};
use super::{fonts, samples, side_panels};

/// Which panel shows beside the text in the normal layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SideTab {
    #[default]
    Entities,
    Quotes,
}

/// Library + text + one side panel, or Entities | Text | Quotes as three columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LayoutMode {
    #[default]
    Library,
    Columns,
}

/// What survives a restart (panel sizes are kept by egui's own memory).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub filter: ArticleFilter,
    pub search_text: String,
    pub last_article: Option<ArticleId>,
    pub layout: LayoutMode,
    pub side_tab: SideTab,
    pub font_size: Option<f32>,
}

/// The in-app path entry shown when no native file dialog is available.
struct PathEntry {
    reason: String,
    text: String,
}

/// The whole application.
pub struct MarsadApp {
    pub store: Store,
    pub dialogs: Box<dyn FileDialog>,
    pub library: LibraryState,
    pub reader: ReaderState,
    pub notifications: Notifications,
    pub import: Option<ImportJob>,
    pub last_report: Option<ImportReport>,
    pub show_report: bool,
    pub show_help: bool,
    pub layout: LayoutMode,
    pub side_tab: SideTab,
    pub tagging: Tagging,
    /// Files waiting for the user to choose an encoding or a column mapping.
    pub import_choices: ImportChoices,
    path_entry: Option<PathEntry>,
    fonts_installed: bool,
    article_count: usize,
    last_count_check: f64,
}

impl MarsadApp {
    /// Builds the app around an open store; no window needed (tests drive [`Self::ui`]).
    pub fn new(store: Store, dialogs: Box<dyn FileDialog>, persisted: Option<Persisted>) -> Self {
        let p = persisted.unwrap_or_default();
        let tagging = Tagging::new(&store);
        let mut app = Self {
            store,
            dialogs,
            library: LibraryState::with_filter(p.filter, p.search_text),
            reader: ReaderState::default(),
            notifications: Notifications::default(),
            import: None,
            last_report: None,
            show_report: false,
            show_help: false,
            layout: p.layout,
            side_tab: p.side_tab,
            tagging,
            import_choices: ImportChoices::default(),
            path_entry: None,
            fonts_installed: false,
            article_count: 0,
            last_count_check: 0.0,
        };
        if let Some(size) = p.font_size {
            app.reader.font_size = size.clamp(10.0, 40.0);
        }
        app.refresh_library();
        if let Some(id) = p.last_article {
            app.open_article(id);
        }
        app
    }

    /// What to save between runs.
    pub fn persisted(&self) -> Persisted {
        Persisted {
            filter: self.library.filter.clone(),
            search_text: self.library.search_text.clone(),
            last_article: self.reader.article_id(),
            layout: self.layout,
            side_tab: self.side_tab,
            font_size: Some(self.reader.font_size),
        }
    }

    /// Queries the library again.
    pub fn refresh_library(&mut self) {
        if let Err(e) = self.library.refresh(&self.store) {
            self.notifications.error(e);
        }
        self.article_count = self.store.article_count().unwrap_or(0);
    }

    /// Opens an article in the reader.
    pub fn open_article(&mut self, id: ArticleId) {
        let loaded = (|| -> Result<Option<ReaderDoc>, crate::store::StoreError> {
            let Some(article) = self.store.article(id)? else {
                return Ok(None);
            };
            let mentions = self.store.mentions(id)?;
            let quotes = self.store.quotes(id)?;
            let related = self.store.related_headlines(id)?;
            Ok(Some(ReaderDoc::new(article, mentions, quotes, related)))
        })();
        match loaded {
            Ok(Some(doc)) => {
                self.library.selected = Some(id);
                self.reader.open(doc);
                self.tagging.article_opened(&self.store, self.reader.doc.as_ref());
            }
            Ok(None) => self.notifications.error(format!("Article {id} is no longer in the database.")),
            Err(e) => self.notifications.error(format!("Could not open article {id}: {e}")),
        }
    }

    /// Starts importing `paths` (on a worker thread when the store is a file).
    pub fn start_import(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        self.start_import_with(paths, IngestOptions::default(), ctx);
    }

    /// Starts importing `paths` read with `options` (an encoding or mapping the user chose).
    /// Exports whose columns are ambiguous wait in the mapping window instead.
    pub fn start_import_with(&mut self, mut paths: Vec<PathBuf>, options: IngestOptions, ctx: &egui::Context) {
        if self.import.is_none() {
            self.import_choices.hold_back_ambiguous(&mut paths, &options);
        }
        if paths.is_empty() {
            return;
        }
        if self.import.is_some() {
            self.notifications.info("An import is already running; wait for it or cancel it.");
            return;
        }
        match self.store.path().map(|p| p.to_path_buf()) {
            Some(db) => {
                let ctx = ctx.clone();
                self.import = Some(ImportJob::start_with(&db, paths, options, move || ctx.request_repaint()));
            }
            None => {
                // An in-memory store cannot be shared with a thread: import here.
                let report =
                    crate::pipeline::import_paths_with(&mut self.store, &paths, &options, "import", &mut |_| {
                        std::ops::ControlFlow::Continue(())
                    });
                self.finish_import(Finished::Report(report), &options);
            }
        }
    }

    fn finish_import(&mut self, finished: Finished, options: &IngestOptions) {
        match finished {
            Finished::Report(report) => {
                self.import_choices.offer(&report, options);
                let text = summary(&report);
                if report.failures.is_empty() {
                    self.notifications.success(text);
                } else {
                    self.notifications.error(text);
                }
                self.show_report = !report.failures.is_empty() || !report.duplicates.is_empty();
                self.last_report = Some(report);
            }
            Finished::Failed(e) => self.notifications.error(format!("Import failed: {e}")),
        }
        self.refresh_library();
        if self.reader.doc.is_none()
            && let Some(first) = self.library.rows.first().map(|r| r.id)
        {
            self.open_article(first);
        }
    }

    /// Asks the file dialog for files and imports them.
    pub fn import_files(&mut self, ctx: &egui::Context) {
        let outcome = self.dialogs.pick_files(supported_extensions());
        self.handle_dialog(outcome, ctx);
    }

    /// Asks the file dialog for a folder and imports it.
    pub fn import_folder(&mut self, ctx: &egui::Context) {
        let outcome = self.dialogs.pick_folder();
        self.handle_dialog(outcome, ctx);
    }

    fn handle_dialog(&mut self, outcome: DialogOutcome, ctx: &egui::Context) {
        match outcome {
            DialogOutcome::Picked(paths) => self.start_import(paths, ctx),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable(reason) => {
                self.path_entry = Some(PathEntry { reason, text: String::new() });
            }
        }
    }

    /// Imports the bundled sample articles.
    pub fn load_samples(&mut self, ctx: &egui::Context) {
        match samples::write_samples() {
            Ok(paths) => self.start_import(paths, ctx),
            Err(e) => self.notifications.error(format!("Could not write the samples: {e}")),
        }
    }

    /// Whether an import is running.
    pub fn importing(&self) -> bool {
        self.import.is_some()
    }

    /// Draws the whole window. Called by eframe every frame, and by tests.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            fonts::install(&ctx);
            self.fonts_installed = true;
        }
        self.poll_import(&ctx);
        self.handle_input(&ctx);
        let events = self.tagging.handle_keys(&ctx, &mut self.store, &mut self.reader);
        self.handle_tagging(events);
        self.notice_external_imports(&ctx);
        if self.library.stale {
            self.refresh_library();
        }

        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));

        let empty = self.article_count == 0 && self.import.is_none();
        if !empty {
            let mut events = Vec::new();
            egui::Panel::bottom("tagging").show(ui, |ui| {
                events = self.tagging.bar_ui(ui, &mut self.store, &mut self.reader);
            });
            self.handle_tagging(events);
        }
        if empty {
            egui::CentralPanel::default().show(ui, |ui| self.welcome_ui(ui));
        } else {
            match self.layout {
                LayoutMode::Library => {
                    egui::Panel::left("library").resizable(true).default_size(480.0).min_size(260.0).show(ui, |ui| {
                        if let Some(LibraryEvent::Open(id)) = self.library.ui(ui) {
                            self.open_article(id);
                        }
                    });
                    egui::Panel::right("side").resizable(true).default_size(290.0).min_size(200.0).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.selectable_value(&mut self.side_tab, SideTab::Entities, "Entities");
                            ui.selectable_value(&mut self.side_tab, SideTab::Quotes, "Quotes");
                        });
                        ui.separator();
                        match self.side_tab {
                            SideTab::Entities => side_panels::entities_ui(ui, &mut self.reader),
                            SideTab::Quotes => side_panels::quotes_ui(ui, &mut self.reader),
                        }
                    });
                }
                LayoutMode::Columns => {
                    egui::Panel::left("entities_column").resizable(true).default_size(280.0).min_size(180.0).show(
                        ui,
                        |ui| {
                            ui.heading("Entities");
                            side_panels::entities_ui(ui, &mut self.reader);
                        },
                    );
                    egui::Panel::right("quotes_column").resizable(true).default_size(340.0).min_size(200.0).show(
                        ui,
                        |ui| {
                            ui.heading("Quotes");
                            side_panels::quotes_ui(ui, &mut self.reader);
                        },
                    );
                }
            }
            egui::CentralPanel::default().show(ui, |ui| self.reader.ui(ui));
            if let Some(id) = self.reader.request_open.take() {
                self.open_article(id);
            }
        }

        self.import_report_ui(&ctx);
        self.path_entry_ui(&ctx);
        for asked in self.import_choices.ui(&ctx, self.import.is_some()) {
            self.start_import_with(asked.paths, asked.options, &ctx);
        }
        let events = self.tagging.windows_ui(&ctx, &mut self.store, &self.library.filter);
        self.handle_tagging(events);
        shortcuts::help_ui(&ctx, &mut self.show_help);
        self.notifications.ui(ui);
    }

    /// Carries out what a tagging action asks of the rest of the window.
    fn handle_tagging(&mut self, events: Vec<TaggingEvent>) {
        for event in events {
            match event {
                TaggingEvent::Open(id) => self.open_article(id),
                TaggingEvent::Reload(id) => {
                    self.open_article(id);
                    self.library.stale = true;
                }
                TaggingEvent::TagsChanged => {
                    // Only the open article's tag count changed: update its row, not the list.
                    if let Some(article) = self.reader.article_id()
                        && let Some(row) = self.library.rows.iter_mut().find(|r| r.id == article)
                    {
                        row.tag_count = self.tagging.tags.len();
                    }
                }
                TaggingEvent::Info(text) => self.notifications.info(text),
                TaggingEvent::Error(text) => self.notifications.error(text),
            }
        }
    }

    /// `marsad import` may add articles while the window is open (the database is shared in
    /// WAL mode): look at the count every few seconds and refresh the list when it changed.
    fn notice_external_imports(&mut self, ctx: &egui::Context) {
        const EVERY: f64 = 3.0;
        let now = ctx.input(|i| i.time);
        if now - self.last_count_check < EVERY {
            return;
        }
        self.last_count_check = now;
        if self.import.is_none() && self.store.article_count().is_ok_and(|n| n != self.article_count) {
            self.library.stale = true;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(EVERY));
    }

    fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.import else { return };
        // The worker wakes the UI after every file; this is only a safety net.
        ctx.request_repaint_after(std::time::Duration::from_millis(250));
        if let Some(finished) = job.poll() {
            let options = job.options.clone();
            self.import = None;
            self.finish_import(finished, &options);
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if !dropped.is_empty() {
            self.start_import(dropped, ctx);
        }
        for action in shortcuts::read(ctx) {
            match action {
                Action::NextArticle | Action::PreviousArticle => {
                    let delta = if action == Action::NextArticle { 1 } else { -1 };
                    if let Some(id) = self.library.step(delta)
                        && self.reader.article_id() != Some(id)
                    {
                        self.open_article(id);
                    }
                }
                Action::FocusSearch => {
                    self.layout = LayoutMode::Library;
                    self.library.focus_search = true;
                }
                Action::Import => self.import_files(ctx),
                Action::ToggleHelp => self.show_help = !self.show_help,
                Action::ToggleColumns => {
                    self.layout = match self.layout {
                        LayoutMode::Library => LayoutMode::Columns,
                        LayoutMode::Columns => LayoutMode::Library,
                    }
                }
                Action::NextMention => self.reader.step_mention(true),
                Action::PreviousMention => self.reader.step_mention(false),
            }
        }
    }

    fn toolbar_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        ui.horizontal(|ui| {
            ui.strong("مرصد Marsad");
            ui.separator();
            ui.menu_button("Import…", |ui| {
                if ui.button("Files…  (Ctrl+O)").clicked() {
                    ui.close();
                    self.import_files(&ctx);
                }
                if ui.button("Folder…").clicked() {
                    ui.close();
                    self.import_folder(&ctx);
                }
                if ui.button("Type a path…").clicked() {
                    ui.close();
                    self.path_entry = Some(PathEntry { reason: String::new(), text: String::new() });
                }
            });
            if ui.button("Load sample articles").clicked() {
                self.load_samples(&ctx);
            }
            ui.separator();
            let columns = self.layout == LayoutMode::Columns;
            if ui
                .selectable_label(columns, "Entities | Text | Quotes")
                .on_hover_text("Show entities, text and quotes as three columns (c)")
                .clicked()
            {
                self.layout = if columns { LayoutMode::Library } else { LayoutMode::Columns };
            }
            ui.separator();
            if ui.button("A−").on_hover_text("Smaller text").clicked() {
                self.reader.font_size = (self.reader.font_size - 1.0).max(10.0);
            }
            if ui.button("A+").on_hover_text("Larger text").clicked() {
                self.reader.font_size = (self.reader.font_size + 1.0).min(40.0);
            }
            if ui.button("?").on_hover_text("Keyboard shortcuts (F1)").clicked() {
                self.show_help = !self.show_help;
            }
            if let Some(job) = &mut self.import {
                ui.separator();
                let p = &job.progress;
                let current = p
                    .current
                    .as_ref()
                    .and_then(|c| c.file_name())
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.add(
                    egui::ProgressBar::new(job.fraction())
                        .desired_width(180.0)
                        .text(format!("{}/{} {}", p.files_done, p.files_total, current)),
                );
                let label = if job.cancel_requested { "Cancelling…" } else { "Cancel" };
                if ui.add_enabled(!job.cancel_requested, egui::Button::new(label)).clicked() {
                    job.cancel();
                }
            }
        });
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let shown = self.library.rows.len();
            if self.library.matches > shown {
                ui.weak(format!(
                    "{} articles · {} match, the first {shown} shown: narrow the search to see the rest",
                    self.article_count, self.library.matches
                ));
            } else {
                ui.weak(format!("{} articles · {shown} shown", self.article_count));
            }
            if let Some(path) = self.store.path() {
                ui.separator();
                ui.weak(path.display().to_string());
            }
            if let Some(doc) = &self.reader.doc {
                ui.separator();
                ui.weak(format!(
                    "{} characters · {}/{} paragraphs laid out · visible layout {:.1} ms",
                    doc.article.body.chars().count(),
                    doc.laid_out(),
                    doc.paragraph_count(),
                    self.reader.last_visible_layout.as_secs_f64() * 1000.0
                ));
            }
            // The selection as a logical range: what span tagging will use.
            if let Some(sel) = self.reader.selection()
                && let Some(doc) = &self.reader.doc
            {
                let n = doc.article.body[sel.clone()].chars().count();
                ui.separator();
                ui.weak(format!("selected {n} characters (bytes {}–{})", sel.start, sel.end));
            }
            if self.last_report.is_some() && ui.small_button("Last import").clicked() {
                self.show_report = true;
            }
        });
    }

    fn welcome_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.25);
            ui.heading("Welcome to Marsad · مرصد");
            ui.add_space(8.0);
            ui.label("Import Arabic and English news to see their entities and quotations beside the text.");
            ui.add_space(16.0);
            if ui.add(egui::Button::new("Import files…").min_size(egui::vec2(200.0, 32.0))).clicked() {
                self.import_files(&ctx);
            }
            ui.add_space(6.0);
            if ui.add(egui::Button::new("Load sample articles").min_size(egui::vec2(200.0, 32.0))).clicked() {
                self.load_samples(&ctx);
            }
            ui.add_space(10.0);
            ui.weak(format!(
                "Supported: {}. You can also drop files onto the window.",
                supported_extensions().join(", ")
            ));
        });
    }

    fn import_report_ui(&mut self, ctx: &egui::Context) {
        let Some(report) = &self.last_report else {
            return;
        };
        let mut open = self.show_report;
        egui::Window::new("Import summary").open(&mut open).default_width(480.0).show(ctx, |ui| {
            ui.label(summary(report));
            if !report.duplicates.is_empty() {
                ui.collapsing(format!("Already imported ({})", report.duplicates.len()), |ui| {
                    for p in &report.duplicates {
                        ui.label(p.display().to_string());
                    }
                });
            }
            if !report.failures.is_empty() {
                ui.collapsing(format!("Failed ({})", report.failures.len()), |ui| {
                    for (p, why) in &report.failures {
                        ui.label(format!("{}: {why}", p.display()));
                    }
                });
            }
            if !report.skipped.is_empty() {
                ui.collapsing(format!("Skipped ({})", report.skipped.len()), |ui| {
                    for (p, why) in &report.skipped {
                        ui.label(format!("{}: {why}", p.display()));
                    }
                });
            }
        });
        self.show_report = open;
    }

    fn path_entry_ui(&mut self, ctx: &egui::Context) {
        let Some(entry) = &mut self.path_entry else {
            return;
        };
        let mut open = true;
        let mut go = None;
        egui::Window::new("Import from a path").open(&mut open).collapsible(false).default_width(460.0).show(
            ctx,
            |ui| {
                if !entry.reason.is_empty() {
                    ui.label(format!("The system file dialog is not available: {}.", entry.reason));
                }
                ui.label("Type the path of a file or folder (folders are imported recursively):");
                let r = ui.add(
                    egui::TextEdit::singleline(&mut entry.text).hint_text("/home/me/news").desired_width(f32::INFINITY),
                );
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Import").clicked() || enter {
                    go = Some(entry.text.trim().to_owned());
                }
                ui.allocate_response(egui::vec2(0.0, 0.0), Sense::hover());
            },
        );
        if let Some(path) = go {
            let path = PathBuf::from(path);
            if path.exists() {
                self.path_entry = None;
                self.start_import(vec![path], ctx);
            } else {
                self.notifications.error(format!("{} does not exist.", path.display()));
            }
        } else if !open {
            self.path_entry = None;
        }
    }
}

/// Key under which [`Persisted`] is saved.
pub const PERSIST_KEY: &str = "marsad_app";

impl eframe::App for MarsadApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        MarsadApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PERSIST_KEY, &self.persisted());
    }
}
