//! Sentiment tagging in the window: the tag bar under the reader (focused target, labels with
//! their keys, suggestions, corrections), tagging sessions with progress, the label editor,
//! the session history, and the keyboard: label keys, Tab to cycle targets, Ctrl+Z / Ctrl+Shift+Z.
//!
//! Every tag goes to the store the moment it is made; this state only mirrors what is stored.

use std::time::Instant;

use egui::{Color32, FontId, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::model::{EntityType, QuoteKind};
use crate::nlp::corrections::Correction;
use crate::nlp::cues::{CueHit, CueMatcher, LabelCues};
use crate::store::{
    ArticleFilter, ArticleId, Label, LabelDeletion, LabelSpec, NewTag, Polarity, SessionSpec, SessionStatus, Store,
    Tag, TagTarget, TaggingSession,
};

use super::reader::{ReaderDoc, ReaderState};
use super::text;

/// What the analyst is about to tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Focus {
    Article,
    /// Index into the open document's quotes.
    Quote(usize),
    /// An entity (its id) in this article.
    Entity(i64),
    /// A selection in the reader (byte range of the body).
    Span(usize, usize),
}

/// What the app must do after a tagging action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaggingEvent {
    Open(ArticleId),
    /// The article's analysis changed (a correction): open it again.
    Reload(ArticleId),
    /// Tags changed: tag counts in the library are stale.
    TagsChanged,
    Info(String),
    Error(String),
}

/// A label being added or edited in the label editor.
struct LabelDraft {
    id: Option<i64>,
    spec: LabelSpec,
    cue_text: String,
}

pub struct Tagging {
    pub labels: Vec<Label>,
    matcher: CueMatcher,
    pub session: Option<TaggingSession>,
    pub focus: Focus,
    /// Tags of the open article.
    pub tags: Vec<Tag>,
    pub suggestions: Vec<CueHit>,
    pub analyst: String,
    /// Move to the next queue item after tagging the article in a session.
    pub advance_after_article_tag: bool,
    article: Option<ArticleId>,
    item_started: Option<Instant>,
    pub show_new_session: bool,
    new_session_name: String,
    pub show_labels: bool,
    label_draft: Option<LabelDraft>,
    deleting: Option<(i64, i64)>,
    pub show_history: bool,
    speaker_draft: String,
    merge_target: Option<i64>,
    /// The reader's picked entity and quote last frame: picking one in a side panel makes it
    /// the tagging target.
    seen_picks: (Option<i64>, Option<usize>),
    /// The note being written for the newest tag of the article.
    note_draft: String,
    /// Labels ticked for the next session (empty: all).
    session_labels: Vec<i64>,
    /// Read once when the session window opens, not every frame it is shown.
    queue_size: Option<usize>,
    /// Read once when the history window opens.
    history: Option<Vec<crate::store::SessionSummary>>,
}

fn parse_hex(color: &str) -> Color32 {
    let hex = color.trim_start_matches('#');
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("88"), 16).unwrap_or(0x88);
    Color32::from_rgb(byte(0), byte(2), byte(4))
}

impl Tagging {
    /// Loads the labels (offering the defaults on a new database) and the session to resume.
    pub fn new(store: &Store) -> Tagging {
        let _ = store.ensure_default_labels();
        let analyst = store.setting("analyst").ok().flatten().unwrap_or_else(|| {
            std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "analyst".into())
        });
        let mut tagging = Tagging {
            labels: Vec::new(),
            matcher: CueMatcher::new(&[]),
            session: store.resumable_session().ok().flatten(),
            focus: Focus::Article,
            tags: Vec::new(),
            suggestions: Vec::new(),
            analyst,
            advance_after_article_tag: true,
            article: None,
            item_started: None,
            show_new_session: false,
            new_session_name: String::new(),
            show_labels: false,
            label_draft: None,
            deleting: None,
            show_history: false,
            speaker_draft: String::new(),
            merge_target: None,
            seen_picks: (None, None),
            note_draft: String::new(),
            session_labels: Vec::new(),
            queue_size: None,
            history: None,
        };
        tagging.reload_labels(store);
        tagging
    }

    fn reload_labels(&mut self, store: &Store) {
        self.labels = store.labels(false).unwrap_or_default();
        let cues: Vec<LabelCues> =
            self.labels.iter().map(|l| LabelCues { label: l.id, words: l.spec.cue_words.clone() }).collect();
        self.matcher = CueMatcher::new(&cues);
    }

    fn session_id(&self) -> Option<i64> {
        self.session.as_ref().filter(|s| s.status == SessionStatus::Active).map(|s| s.id)
    }

    /// The labels offered now: the session's label set, or all.
    fn offered(&self) -> Vec<&Label> {
        match self.session.as_ref().filter(|s| s.status == SessionStatus::Active && !s.labels.is_empty()) {
            Some(session) => self.labels.iter().filter(|l| session.labels.contains(&l.id)).collect(),
            None => self.labels.iter().collect(),
        }
    }

    /// A new article is in the reader.
    pub fn article_opened(&mut self, store: &Store, doc: Option<&ReaderDoc>) {
        let id = doc.map(|d| d.article.id);
        if id != self.article {
            self.record_time(store, false);
            self.article = id;
            self.focus = Focus::Article;
            self.item_started = Some(Instant::now());
        }
        self.refresh(store, doc);
    }

    fn refresh(&mut self, store: &Store, doc: Option<&ReaderDoc>) {
        self.tags = self.article.and_then(|id| store.tags(id).ok()).unwrap_or_default();
        // Cue words in the body that lie inside the focused target: offered as suggestions and
        // outlined in the reader.
        self.suggestions = doc
            .map(|d| {
                let ranges = self.focus_ranges(d);
                self.matcher
                    .find(&d.article.body)
                    .into_iter()
                    .filter(|h| ranges.iter().any(|r| h.start >= r.start && h.end <= r.end))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(session) = &self.session {
            self.session = store.session(session.id).ok().flatten();
        }
    }

    /// The session's current item, if the open article is it.
    fn current_item(&self, store: &Store) -> Option<usize> {
        let session = self.session.as_ref()?;
        let article = self.article?;
        (store.session_article(session.id, session.position).ok()?? == article).then_some(session.position)
    }

    /// Adds the time spent on the current session item since it was opened.
    fn record_time(&mut self, store: &Store, done: bool) {
        let (Some(started), Some(position)) = (self.item_started.take(), self.current_item(store)) else { return };
        let Some(session) = self.session_id() else { return };
        let _ = store.record_item(session, position, started.elapsed().as_secs_f64(), done);
        self.item_started = Some(Instant::now());
    }

    /// Article, then quotes, then entities: the order Tab walks.
    fn targets(doc: &ReaderDoc) -> Vec<Focus> {
        let mut targets = vec![Focus::Article];
        targets.extend((0..doc.quotes.len()).map(Focus::Quote));
        targets.extend(doc.entities.iter().map(|e| Focus::Entity(e.entity)));
        targets
    }

    /// Moves the focus to the next (or previous) target and shows it in the reader.
    fn cycle(&mut self, reader: &mut ReaderState, forward: bool, now: f64) {
        let Some(doc) = reader.doc.as_ref() else { return };
        let targets = Self::targets(doc);
        let at = targets.iter().position(|t| *t == self.focus).unwrap_or(0);
        let next = if forward { (at + 1) % targets.len() } else { (at + targets.len() - 1) % targets.len() };
        self.focus = targets[next].clone();
        match self.focus {
            Focus::Quote(i) => reader.focus_quote(i, now),
            Focus::Entity(id) if reader.selected_entity != Some(id) => reader.select_entity(id),
            _ => {}
        }
    }

    /// Where the focused target lies in the body: suggestions are looked for there.
    fn focus_ranges(&self, doc: &ReaderDoc) -> Vec<std::ops::Range<usize>> {
        let body = &doc.article.body;
        match &self.focus {
            Focus::Article => std::iter::once(0..body.len()).collect(),
            Focus::Quote(i) => doc.quotes.get(*i).map(|q| q.start..q.end).into_iter().collect(),
            Focus::Span(s, e) => std::iter::once(*s..*e).collect(),
            // The sentences that mention the entity.
            Focus::Entity(id) => doc
                .mentions
                .iter()
                .filter(|m| m.entity == *id)
                .map(|m| {
                    let start = body[..m.start].rfind(['.', '!', '?', '؟', '\n']).map_or(0, |i| i + 1);
                    let end = body[m.end..].find(['.', '!', '?', '؟', '\n']).map_or(body.len(), |i| m.end + i);
                    start..end
                })
                .collect(),
        }
    }

    fn target(&self, doc: &ReaderDoc) -> Option<TagTarget> {
        Some(match &self.focus {
            Focus::Article => TagTarget::Article,
            Focus::Quote(i) => {
                let q = doc.quotes.get(*i)?;
                TagTarget::Quote { quote: q.id, start: q.start, end: q.end }
            }
            Focus::Entity(id) => TagTarget::Entity { entity: *id },
            Focus::Span(start, end) => TagTarget::Span { start: *start, end: *end },
        })
    }

    fn describe_focus(&self, doc: &ReaderDoc) -> String {
        match &self.focus {
            Focus::Article => "the article".into(),
            Focus::Quote(i) => {
                let q = doc.quotes.get(*i);
                let speaker = q.and_then(|q| q.speaker.clone()).unwrap_or_else(|| "?".into());
                let words: String = q.map(|q| q.text.chars().take(60).collect()).unwrap_or_default();
                format!("quote {} of {}: {speaker} — {words}", i + 1, doc.quotes.len())
            }
            Focus::Entity(id) => {
                let name =
                    doc.entities.iter().find(|e| e.entity == *id).map(|e| e.canonical.clone()).unwrap_or_default();
                format!("tone toward {name}")
            }
            Focus::Span(s, e) => format!("selection: {}", doc.article.body.get(*s..*e).unwrap_or_default()),
        }
    }

    /// Applies a label to the focused target.
    pub fn apply(&mut self, label: i64, store: &mut Store, reader: &mut ReaderState) -> Vec<TaggingEvent> {
        let Some(doc) = reader.doc.as_ref() else { return vec![] };
        let Some(target) = self.target(doc) else { return vec![] };
        let is_article = target == TagTarget::Article;
        let tag = NewTag {
            article: doc.article.id,
            target,
            label,
            note: None,
            session: self.session_id(),
            analyst: Some(self.analyst.clone()),
        };
        if let Err(e) = store.add_tag(&tag) {
            return vec![TaggingEvent::Error(format!("Could not tag: {e}"))];
        }
        self.refresh(store, reader.doc.as_ref());
        let mut events = vec![TaggingEvent::TagsChanged];
        if is_article && self.advance_after_article_tag && self.current_item(store).is_some() {
            events.extend(self.step_session(store, 1, true));
        }
        events
    }

    fn undo_redo(&mut self, store: &mut Store, reader: &ReaderState, undo: bool) -> Vec<TaggingEvent> {
        let session = self.session_id();
        let result = if undo { store.undo(session) } else { store.redo(session) };
        self.refresh(store, reader.doc.as_ref());
        match result {
            Ok(Some(_)) => vec![TaggingEvent::TagsChanged],
            Ok(None) => vec![TaggingEvent::Info(if undo { "Nothing to undo." } else { "Nothing to redo." }.into())],
            Err(e) => vec![TaggingEvent::Error(e.to_string())],
        }
    }

    /// Moves `delta` items in the session queue; `done` marks the current item tagged.
    fn step_session(&mut self, store: &mut Store, delta: isize, done: bool) -> Vec<TaggingEvent> {
        self.record_time(store, done);
        let Some(session) = &self.session else { return vec![] };
        let next = session.position as isize + delta;
        if next < 0 {
            return vec![];
        }
        let next = next as usize;
        if next >= session.total {
            let _ = store.set_session_position(session.id, session.total);
            let _ = store.set_session_status(session.id, SessionStatus::Finished);
            let name = session.name.clone();
            self.session = None;
            return vec![TaggingEvent::Info(format!("Session \"{name}\" finished."))];
        }
        let _ = store.set_session_position(session.id, next);
        self.session = store.session(session.id).ok().flatten();
        match self.session.as_ref().and_then(|s| store.session_article(s.id, next).ok().flatten()) {
            Some(id) => vec![TaggingEvent::Open(id)],
            None => vec![],
        }
    }

    /// Starts a session over the articles the library filter selects.
    pub fn start_session(&mut self, store: &mut Store, name: &str, queue: &ArticleFilter) -> Vec<TaggingEvent> {
        if let Some(old) = self.session.take() {
            let _ = store.set_session_status(old.id, SessionStatus::Paused);
        }
        let spec = SessionSpec {
            name: if name.trim().is_empty() { "Tagging session".into() } else { name.trim().into() },
            analyst: Some(self.analyst.clone()),
            labels: if self.session_labels.is_empty() {
                self.labels.iter().map(|l| l.id).collect()
            } else {
                self.labels.iter().map(|l| l.id).filter(|id| self.session_labels.contains(id)).collect()
            },
            queue: queue.clone(),
        };
        match store.start_session(&spec).and_then(|id| store.session(id)) {
            Ok(Some(session)) if session.total > 0 => {
                let first = store.session_article(session.id, 0).ok().flatten();
                self.session = Some(session);
                first.map(TaggingEvent::Open).into_iter().collect()
            }
            Ok(Some(session)) => {
                let _ = store.set_session_status(session.id, SessionStatus::Finished);
                vec![TaggingEvent::Info(
                    "The library filter selects no article: the session has nothing to tag.".into(),
                )]
            }
            Ok(None) => vec![],
            Err(e) => vec![TaggingEvent::Error(format!("Could not start the session: {e}"))],
        }
    }

    pub fn pause_session(&mut self, store: &Store) {
        self.record_time(store, false);
        if let Some(session) = &self.session {
            let _ = store.set_session_status(session.id, SessionStatus::Paused);
            self.session = store.session(session.id).ok().flatten();
        }
    }

    pub fn resume_session(&mut self, store: &Store) -> Vec<TaggingEvent> {
        let Some(session) = &self.session else { return vec![] };
        let _ = store.set_session_status(session.id, SessionStatus::Active);
        self.session = store.session(session.id).ok().flatten();
        self.item_started = Some(Instant::now());
        let position = self.session.as_ref().map_or(0, |s| s.position);
        self.session
            .as_ref()
            .and_then(|s| store.session_article(s.id, position).ok().flatten())
            .map(TaggingEvent::Open)
            .into_iter()
            .collect()
    }

    /// Keys: label shortcuts, Tab / Shift+Tab, Ctrl+Z / Ctrl+Shift+Z, `a` to accept the first
    /// suggestion, Enter / Shift+Enter for the next / previous session item. Letters and digits
    /// apply only when no text field has focus. Call before the panels are drawn.
    pub fn handle_keys(
        &mut self,
        ctx: &egui::Context,
        store: &mut Store,
        reader: &mut ReaderState,
    ) -> Vec<TaggingEvent> {
        let mut events = Vec::new();
        let before = self.focus.clone();
        let picks = (reader.selected_entity, reader.selected_quote);
        if picks != self.seen_picks {
            if picks.1 != self.seen_picks.1
                && let Some(quote) = picks.1
            {
                self.focus = Focus::Quote(quote);
            } else if let Some(entity) = picks.0.filter(|_| picks.0 != self.seen_picks.0) {
                self.focus = Focus::Entity(entity);
            }
            self.seen_picks = picks;
        }
        if let Some(range) = reader.selection().filter(|r| !r.is_empty()) {
            self.focus = Focus::Span(range.start, range.end);
        } else if matches!(self.focus, Focus::Span(..)) {
            self.focus = Focus::Article;
        }
        if self.focus != before {
            self.refresh(store, reader.doc.as_ref());
        }
        let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let (do_redo, do_undo) = ctx.input_mut(|i| {
            let r = i.consume_shortcut(&redo) || i.consume_shortcut(&redo_y);
            (r, !r && !typing && i.consume_shortcut(&undo))
        });
        if do_undo || do_redo {
            events.extend(self.undo_redo(store, reader, do_undo));
        }
        if typing || reader.doc.is_none() {
            return events;
        }
        let shortcuts: Vec<(Key, i64)> = self
            .offered()
            .iter()
            .filter_map(|l| l.spec.shortcut.as_deref().and_then(Key::from_name).map(|k| (k, l.id)))
            .collect();
        let (tab, back_tab, accept, next, previous, label) = ctx.input_mut(|i| {
            let back_tab = i.consume_key(Modifiers::SHIFT, Key::Tab);
            let tab = i.consume_key(Modifiers::NONE, Key::Tab);
            let accept = i.consume_key(Modifiers::NONE, Key::A);
            let previous = i.consume_key(Modifiers::SHIFT, Key::Enter);
            let next = i.consume_key(Modifiers::NONE, Key::Enter);
            let label = shortcuts.iter().find(|(k, _)| i.consume_key(Modifiers::NONE, *k)).map(|(_, id)| *id);
            (tab, back_tab, accept, next, previous, label)
        });
        if tab || back_tab {
            // Tab is ours here: stop egui from moving keyboard focus to a widget this frame.
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
            let now = ctx.input(|i| i.time);
            self.cycle(reader, tab, now);
            self.seen_picks = (reader.selected_entity, reader.selected_quote);
            self.refresh(store, reader.doc.as_ref());
        }
        if let Some(label) = label {
            events.extend(self.apply(label, store, reader));
        } else if accept && let Some(hit) = self.suggestions.first().cloned() {
            events.extend(self.apply(hit.label, store, reader));
        }
        if next && self.session.is_some() {
            events.extend(self.step_session(store, 1, !self.tags.is_empty()));
        } else if previous && self.session.is_some() {
            events.extend(self.step_session(store, -1, false));
        }
        events
    }

    /// The tag bar under the reader.
    pub fn bar_ui(&mut self, ui: &mut Ui, store: &mut Store, reader: &mut ReaderState) -> Vec<TaggingEvent> {
        let mut events = Vec::new();
        reader.cue_highlights = self.suggestions.iter().map(|h| h.start..h.end).collect();
        self.session_row(ui, store, &mut events);
        let Some(doc) = reader.doc.as_ref() else {
            ui.weak("Open an article to tag it.");
            return events;
        };
        let font = FontId::proportional(14.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Tagging:").strong()).on_hover_text("Tab / Shift+Tab: next / previous target");
            text::bidi_label(ui, &self.describe_focus(doc), font.clone(), None, false);
        });
        let mut clicked = None;
        ui.horizontal_wrapped(|ui| {
            for label in self.offered() {
                let key = label.spec.shortcut.clone().unwrap_or_default();
                let color = parse_hex(&label.spec.color);
                let text = RichText::new(format!("{key} {}", label.spec.name)).color(color);
                if ui.button(text).on_hover_text(format!("{} ({})", label.spec.polarity.as_str(), key)).clicked() {
                    clicked = Some(label.id);
                }
                // Arabic names go through the bidi layout: egui alone would reverse their words.
                if let Some(ar) = label.spec.name_ar.as_deref().filter(|a| !a.is_empty()) {
                    text::bidi_label(ui, ar, FontId::proportional(13.0), Some(color), false);
                }
            }
        });
        if !self.suggestions.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.weak("suggested (a accepts the first):");
                let mut seen = Vec::new();
                for hit in &self.suggestions {
                    if seen.contains(&hit.label) {
                        continue;
                    }
                    seen.push(hit.label);
                    let name =
                        self.labels.iter().find(|l| l.id == hit.label).map(|l| l.spec.name.clone()).unwrap_or_default();
                    if ui.small_button(name).on_hover_text("Apply this label").clicked() {
                        clicked = Some(hit.label);
                    }
                    // The cue through the bidi layout: egui alone would reverse Arabic words.
                    text::bidi_label(ui, &hit.cue, FontId::proportional(13.0), None, false);
                }
            });
        }
        if let Some(label) = clicked {
            events.extend(self.apply(label, store, reader));
        }
        self.tags_row(ui, store, reader, &mut events);
        self.corrections_row(ui, store, reader, &mut events);
        events
    }

    fn session_row(&mut self, ui: &mut Ui, store: &mut Store, events: &mut Vec<TaggingEvent>) {
        ui.horizontal(|ui| {
            match self.session.clone() {
                Some(session) => {
                    let n = (session.position + 1).min(session.total);
                    ui.label(RichText::new(format!("Session \"{}\"", session.name)).strong());
                    ui.add(
                        egui::ProgressBar::new(session.done as f32 / session.total.max(1) as f32)
                            .desired_width(160.0)
                            .text(format!("{n} of {}", session.total)),
                    );
                    if session.status == SessionStatus::Active {
                        if ui.button("‹ Previous").on_hover_text("Shift+Enter").clicked() {
                            events.extend(self.step_session(store, -1, false));
                        }
                        if ui.button("Next ›").on_hover_text("Enter").clicked() {
                            let done = !self.tags.is_empty();
                            events.extend(self.step_session(store, 1, done));
                        }
                        if ui.button("Pause").clicked() {
                            self.pause_session(store);
                        }
                    } else if ui.button("Resume").clicked() {
                        events.extend(self.resume_session(store));
                    }
                    if ui.button("Finish").clicked() {
                        self.record_time(store, false);
                        let _ = store.set_session_status(session.id, SessionStatus::Finished);
                        self.session = None;
                        events.push(TaggingEvent::Info(format!("Session \"{}\" finished.", session.name)));
                    }
                    ui.checkbox(&mut self.advance_after_article_tag, "next item after tagging the article");
                }
                None => {
                    if ui.button("Start a tagging session…").clicked() {
                        self.show_new_session = true;
                    }
                }
            }
            ui.separator();
            if ui.button("Labels…").clicked() {
                self.show_labels = true;
            }
            if ui.button("History").clicked() {
                self.show_history = true;
            }
            if ui.button("Export tags").on_hover_text("CSV and JSONL beside the database").clicked() {
                events.push(export_tags(store));
            }
        });
    }

    fn tags_row(&mut self, ui: &mut Ui, store: &mut Store, reader: &mut ReaderState, events: &mut Vec<TaggingEvent>) {
        if self.tags.is_empty() {
            return;
        }
        let mut remove = None;
        ui.horizontal_wrapped(|ui| {
            ui.weak("tags:");
            for tag in &self.tags {
                let label = self.labels.iter().find(|l| l.id == tag.label);
                let name = label.map(|l| l.spec.name.clone()).unwrap_or_else(|| "(archived label)".into());
                let color = label.map(|l| parse_hex(&l.spec.color)).unwrap_or(Color32::GRAY);
                let target = match &tag.target {
                    TagTarget::Article => "article".to_string(),
                    _ => tag.target_text.chars().take(30).collect(),
                };
                let chip =
                    ui.add(egui::Button::new(RichText::new(format!("{name}: {target}  ×")).color(color)).small());
                let hover = match &tag.note {
                    Some(note) => format!("Note: {note}\nClick to remove this tag (Ctrl+Z brings it back)"),
                    None => "Click to remove this tag (Ctrl+Z brings it back)".into(),
                };
                if chip.on_hover_text(hover).clicked() {
                    remove = Some(tag.id);
                }
            }
        });
        if let Some(newest) = self.tags.last().cloned() {
            ui.horizontal(|ui| {
                ui.weak("note on the newest tag:");
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut self.note_draft)
                        .hint_text(newest.note.clone().unwrap_or_else(|| "optional".into()))
                        .desired_width(260.0),
                );
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if (ui.small_button("save note").clicked() || enter) && !self.note_draft.trim().is_empty() {
                    match store.set_tag_note(newest.id, Some(self.note_draft.trim()), self.session_id()) {
                        Ok(()) => self.note_draft.clear(),
                        Err(e) => events.push(TaggingEvent::Error(e.to_string())),
                    }
                    self.refresh(store, reader.doc.as_ref());
                }
            });
        }
        if let Some(id) = remove {
            match store.remove_tag(id, self.session_id()) {
                Ok(()) => events.push(TaggingEvent::TagsChanged),
                Err(e) => events.push(TaggingEvent::Error(e.to_string())),
            }
            self.refresh(store, reader.doc.as_ref());
        }
    }

    /// Corrections of the analysis for the focused target.
    fn corrections_row(
        &mut self,
        ui: &mut Ui,
        store: &mut Store,
        reader: &mut ReaderState,
        events: &mut Vec<TaggingEvent>,
    ) {
        let Some(doc) = reader.doc.as_ref() else { return };
        let article = doc.article.id;
        let mut correction = None;
        ui.horizontal_wrapped(|ui| {
            ui.weak("correct:");
            match self.focus.clone() {
                Focus::Entity(id) => {
                    let Some(group) = doc.entities.iter().find(|e| e.entity == id) else { return };
                    for t in EntityType::ALL {
                        if t != group.entity_type && ui.small_button(format!("is {}", t.as_str())).clicked() {
                            correction =
                                Some(Correction::ChangeEntityType { canonical: group.canonical.clone(), to: t });
                        }
                    }
                    if ui.small_button("not an entity (here)").on_hover_text("Rejects the selected mention").clicked() {
                        let cursor = reader.entity_cursor.min(group.mentions.len().saturating_sub(1));
                        if let Some(m) = group.mentions.get(cursor).and_then(|&i| doc.mentions.get(i)) {
                            correction =
                                Some(Correction::RejectEntity { start: m.start, end: m.end, entity_type: None });
                        }
                    }
                    let others: Vec<(i64, String)> = doc
                        .entities
                        .iter()
                        .filter(|e| e.entity != id)
                        .map(|e| (e.entity, e.canonical.clone()))
                        .collect();
                    let current = self.merge_target.and_then(|t| others.iter().find(|o| o.0 == t)).map(|o| o.1.clone());
                    egui::ComboBox::from_id_salt("merge_into")
                        .selected_text(current.unwrap_or_else(|| "merge into…".into()))
                        .show_ui(ui, |ui| {
                            for (other, name) in &others {
                                ui.selectable_value(&mut self.merge_target, Some(*other), name);
                            }
                        });
                    if let Some(target) = self.merge_target.and_then(|t| others.iter().find(|o| o.0 == t))
                        && ui.small_button("merge").clicked()
                    {
                        correction =
                            Some(Correction::MergeEntities { from: group.canonical.clone(), into: target.1.clone() });
                        self.merge_target = None;
                    }
                }
                Focus::Quote(i) => {
                    let Some(q) = doc.quotes.get(i) else { return };
                    if ui.small_button("not a quote").clicked() {
                        correction = Some(Correction::RejectQuote { start: q.start, end: q.end });
                    }
                    ui.add(
                        egui::TextEdit::singleline(&mut self.speaker_draft)
                            .hint_text("right speaker")
                            .desired_width(160.0),
                    );
                    if ui.small_button("fix speaker").clicked() && !self.speaker_draft.trim().is_empty() {
                        correction = Some(Correction::FixSpeaker {
                            start: q.start,
                            end: q.end,
                            speaker: self.speaker_draft.trim().into(),
                        });
                        self.speaker_draft.clear();
                    }
                }
                Focus::Span(start, end) => {
                    for t in EntityType::ALL {
                        if ui.small_button(format!("mark as {}", t.as_str())).clicked() {
                            correction = Some(Correction::AddEntity { start, end, entity_type: t, canonical: None });
                        }
                    }
                    for kind in [QuoteKind::Direct, QuoteKind::Indirect] {
                        if ui.small_button(format!("mark as {} quote", kind.as_str())).clicked() {
                            correction = Some(Correction::AddQuote { start, end, kind, speaker: None });
                        }
                    }
                }
                Focus::Article => {
                    ui.weak("Tab to a quote or entity, or select text, to correct the analysis");
                }
            }
        });
        if let Some(correction) = correction {
            match store.add_correction(article, &correction, Some(&self.analyst)) {
                Ok(()) => {
                    self.focus = Focus::Article;
                    events.push(TaggingEvent::Reload(article));
                }
                Err(e) => events.push(TaggingEvent::Error(format!("Could not save the correction: {e}"))),
            }
        }
    }

    /// The session, label and history windows.
    pub fn windows_ui(
        &mut self,
        ctx: &egui::Context,
        store: &mut Store,
        library_filter: &ArticleFilter,
    ) -> Vec<TaggingEvent> {
        let mut events = Vec::new();
        if self.show_new_session {
            let mut open = true;
            let mut start = false;
            egui::Window::new("New tagging session").open(&mut open).collapsible(false).show(ctx, |ui| {
                ui.label("Name");
                ui.text_edit_singleline(&mut self.new_session_name);
                let count = *self.queue_size.get_or_insert_with(|| store.count_articles(library_filter).unwrap_or(0));
                ui.label(format!("Queue: the {count} article(s) the library shows now (its search and filters)."));
                ui.label("Labels offered in this session:");
                if self.session_labels.is_empty() {
                    self.session_labels = self.labels.iter().map(|l| l.id).collect();
                }
                ui.horizontal_wrapped(|ui| {
                    for label in &self.labels {
                        let mut on = self.session_labels.contains(&label.id);
                        if ui.checkbox(&mut on, &label.spec.name).changed() {
                            if on {
                                self.session_labels.push(label.id);
                            } else {
                                self.session_labels.retain(|l| *l != label.id);
                            }
                        }
                    }
                });
                start = ui.add_enabled(!self.session_labels.is_empty(), egui::Button::new("Start")).clicked();
            });
            if start {
                let name = std::mem::take(&mut self.new_session_name);
                events.extend(self.start_session(store, &name, library_filter));
                open = false;
            }
            self.show_new_session = open;
            if !open {
                self.queue_size = None;
            }
        }
        if self.show_labels {
            let mut open = self.show_labels;
            egui::Window::new("Labels").open(&mut open).default_width(520.0).show(ctx, |ui| {
                events.extend(self.labels_ui(ui, store));
            });
            self.show_labels = open;
        }
        if self.show_history {
            let mut open = self.show_history;
            egui::Window::new("Tagging sessions").open(&mut open).show(ctx, |ui| {
                let history = self.history.get_or_insert_with(|| store.session_history().unwrap_or_default());
                for summary in history.iter() {
                    let s = &summary.session;
                    ui.label(RichText::new(&s.name).strong());
                    ui.weak(format!(
                        "{} · {} of {} done · {:.0} min · started {}{}",
                        match s.status {
                            SessionStatus::Active => "active",
                            SessionStatus::Paused => "paused",
                            SessionStatus::Finished => "finished",
                        },
                        s.done,
                        s.total,
                        s.seconds_spent / 60.0,
                        s.started_at,
                        s.ended_at.as_deref().map(|e| format!(", ended {e}")).unwrap_or_default()
                    ));
                    let counts: Vec<String> = summary.label_counts.iter().map(|(l, n)| format!("{l} {n}")).collect();
                    ui.label(if counts.is_empty() { "no tags".into() } else { counts.join(" · ") });
                    ui.separator();
                }
            });
            self.show_history = open;
            if !open {
                self.history = None;
            }
        }
        events
    }

    fn labels_ui(&mut self, ui: &mut Ui, store: &mut Store) -> Vec<TaggingEvent> {
        let mut events = Vec::new();
        let mut changed = false;
        for label in self.labels.clone() {
            ui.horizontal(|ui| {
                ui.colored_label(parse_hex(&label.spec.color), "■");
                ui.label(format!("{} {}", label.spec.shortcut.clone().unwrap_or_default(), label.spec.name));
                if let Some(ar) = label.spec.name_ar.as_deref().filter(|a| !a.is_empty()) {
                    text::bidi_label(ui, ar, FontId::proportional(14.0), None, false);
                }
                ui.weak(label.spec.polarity.as_str());
                if ui.small_button("edit").clicked() {
                    self.label_draft = Some(LabelDraft {
                        id: Some(label.id),
                        cue_text: label.spec.cue_words.join("، "),
                        spec: label.spec.clone(),
                    });
                }
                if ui.small_button("delete").clicked() {
                    let used = store.label_usage(label.id).unwrap_or(0);
                    if used == 0 {
                        let _ = store.delete_label(label.id, LabelDeletion::DeleteUnused);
                        changed = true;
                    } else {
                        self.deleting = Some((label.id, used as i64));
                    }
                }
            });
        }
        if let Some((id, used)) = self.deleting {
            ui.separator();
            ui.label(format!("{used} tag(s) use this label. Keep them by merging into another label, or archive it:"));
            ui.horizontal_wrapped(|ui| {
                for other in self.labels.iter().filter(|l| l.id != id) {
                    if ui.small_button(format!("merge into {}", other.spec.name)).clicked() {
                        let _ = store.delete_label(id, LabelDeletion::MergeInto(other.id));
                        self.deleting = None;
                        changed = true;
                    }
                }
                if ui.small_button("archive (hide, keep its tags)").clicked() {
                    let _ = store.delete_label(id, LabelDeletion::Archive);
                    self.deleting = None;
                    changed = true;
                }
                if ui.small_button("cancel").clicked() {
                    self.deleting = None;
                }
            });
        }
        ui.separator();
        if ui.button("Add a label").clicked() {
            self.label_draft = Some(LabelDraft {
                id: None,
                spec: LabelSpec {
                    name: String::new(),
                    name_ar: None,
                    polarity: Polarity::Neutral,
                    color: "#888888".into(),
                    shortcut: None,
                    cue_words: Vec::new(),
                },
                cue_text: String::new(),
            });
        }
        let mut save = false;
        let mut cancel = false;
        if let Some(draft) = &mut self.label_draft {
            egui::Grid::new("label_editor").num_columns(2).show(ui, |ui| {
                ui.label("Name");
                ui.text_edit_singleline(&mut draft.spec.name);
                ui.end_row();
                ui.label("Arabic name");
                let mut ar = draft.spec.name_ar.clone().unwrap_or_default();
                ui.text_edit_singleline(&mut ar);
                draft.spec.name_ar = (!ar.trim().is_empty()).then_some(ar);
                ui.end_row();
                ui.label("Polarity");
                ui.horizontal(|ui| {
                    for p in [Polarity::Positive, Polarity::Negative, Polarity::Neutral] {
                        ui.selectable_value(&mut draft.spec.polarity, p, p.as_str());
                    }
                });
                ui.end_row();
                ui.label("Colour");
                let mut rgb = parse_hex(&draft.spec.color).to_array();
                let mut rgb3 = [rgb[0], rgb[1], rgb[2]];
                if ui.color_edit_button_srgb(&mut rgb3).changed() {
                    rgb[..3].copy_from_slice(&rgb3);
                    draft.spec.color = format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
                }
                ui.end_row();
                ui.label("Key");
                let mut key = draft.spec.shortcut.clone().unwrap_or_default();
                ui.add(egui::TextEdit::singleline(&mut key).desired_width(30.0).char_limit(1));
                draft.spec.shortcut = (!key.trim().is_empty()).then(|| key.trim().to_string());
                ui.end_row();
                ui.label("Cue words");
                ui.text_edit_singleline(&mut draft.cue_text).on_hover_text("Separated by commas (, or ،)");
                ui.end_row();
            });
            ui.horizontal(|ui| {
                save = ui.button("Save").clicked();
                cancel = ui.button("Cancel").clicked();
            });
        }
        if save && let Some(mut draft) = self.label_draft.take() {
            draft.spec.cue_words =
                draft.cue_text.split([',', '،']).map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect();
            let key_taken = draft.spec.shortcut.as_ref().is_some_and(|k| {
                self.labels.iter().any(|l| Some(l.id) != draft.id && l.spec.shortcut.as_ref() == Some(k))
            });
            let result = if draft.spec.name.trim().is_empty() {
                Err("a label needs a name".to_string())
            } else if key_taken {
                Err("another label already has that key".to_string())
            } else {
                match draft.id {
                    Some(id) => store.update_label(id, &draft.spec).map_err(|e| e.to_string()),
                    None => store.create_label(&draft.spec).map(|_| ()).map_err(|e| e.to_string()),
                }
            };
            match result {
                Ok(()) => changed = true,
                Err(e) => {
                    events.push(TaggingEvent::Error(format!("Label not saved: {e}")));
                    self.label_draft = Some(draft);
                }
            }
        }
        if cancel {
            self.label_draft = None;
        }
        if changed {
            self.reload_labels(store);
            events.push(TaggingEvent::TagsChanged);
        }
        events
    }
}

/// Writes every tag as CSV and JSONL beside the database.
fn export_tags(store: &Store) -> TaggingEvent {
    let folder = store.path().and_then(|p| p.parent()).map(|p| p.join("exports")).unwrap_or_else(|| "exports".into());
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let result = (|| -> anyhow::Result<std::path::PathBuf> {
        std::fs::create_dir_all(&folder)?;
        for (format, ext) in [(crate::cli::ExportFormat::Csv, "csv"), (crate::cli::ExportFormat::Jsonl, "jsonl")] {
            let path = folder.join(format!("tags-{stamp}.{ext}"));
            let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
            crate::cli::export::tags(store, format, &mut file)?;
            std::io::Write::flush(&mut file)?;
        }
        Ok(folder.join(format!("tags-{stamp}.csv")))
    })();
    match result {
        Ok(path) => TaggingEvent::Info(format!("Tags exported to {} (and .jsonl)", path.display())),
        Err(e) => TaggingEvent::Error(format!("Could not export the tags: {e}")),
    }
}
