//! The library: search, filters and a virtualised, sortable table of articles.

use egui::{FontId, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use crate::model::Lang;
use crate::store::{ArticleFilter, ArticleId, ArticleRow, EntitySummary, Label, SortKey, Store};

use super::text;

/// What the user did in the library this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryEvent {
    Open(ArticleId),
}

/// State of the library panel.
#[derive(Default)]
pub struct LibraryState {
    /// The filters in force (persisted). `filter.query` mirrors `search_text`.
    pub filter: ArticleFilter,
    pub search_text: String,
    pub rows: Vec<ArticleRow>,
    pub selected: Option<ArticleId>,
    /// Set when the list must be queried again.
    pub stale: bool,
    pub entity_index: Vec<EntitySummary>,
    pub sources: Vec<String>,
    pub labels: Vec<Label>,
    entity_search: String,
    /// Focus the search field next frame (the `/` shortcut).
    pub focus_search: bool,
    scroll_to_selected: bool,
    /// Message from the last query (bad search syntax, say).
    pub query_message: Option<String>,
    pub show_filters: bool,
    /// How many articles the filters select; `rows` holds at most [`MAX_ROWS`] of them.
    pub matches: usize,
}

/// Rows the library loads at most. Past this a query costs more than a frame at 100,000
/// articles (every row is built), and no one scrolls further: the status bar tells how many
/// more match, so the analyst can narrow the search.
pub const MAX_ROWS: usize = 10_000;

impl LibraryState {
    /// A library showing `filter` (restored from the last run).
    pub fn with_filter(filter: ArticleFilter, search_text: String) -> Self {
        Self { filter, search_text, ..Self::default() }
    }

    /// Queries the store again with the current filters.
    pub fn refresh(&mut self, store: &Store) -> Result<(), String> {
        self.stale = false;
        let q = self.search_text.trim();
        self.filter.query = (!q.is_empty()).then(|| q.to_owned());
        let first_rows =
            ArticleFilter { limit: Some(self.filter.limit.unwrap_or(MAX_ROWS).min(MAX_ROWS)), ..self.filter.clone() };
        match store.articles(&first_rows) {
            Ok(rows) => {
                self.matches = if rows.len() >= MAX_ROWS {
                    store.count_articles(&self.filter).unwrap_or(rows.len())
                } else {
                    rows.len()
                };
                self.rows = rows;
                self.query_message = None;
            }
            Err(e) => {
                self.rows.clear();
                self.matches = 0;
                self.query_message = Some(e.to_string());
            }
        }
        match store.entity_index() {
            Ok(ix) => self.entity_index = ix,
            Err(e) => return Err(format!("could not read the entity index: {e}")),
        }
        match store.labels(false) {
            Ok(l) => self.labels = l,
            Err(e) => return Err(format!("could not read the labels: {e}")),
        }
        match store.sources() {
            Ok(s) => self.sources = s,
            Err(e) => return Err(format!("could not read the sources: {e}")),
        }
        Ok(())
    }

    /// Moves the selection by `delta` rows; returns the newly selected article.
    pub fn step(&mut self, delta: isize) -> Option<ArticleId> {
        if self.rows.is_empty() {
            return None;
        }
        let current = self.selected.and_then(|id| self.rows.iter().position(|r| r.id == id));
        let next = match current {
            Some(i) => (i as isize + delta).clamp(0, self.rows.len() as isize - 1) as usize,
            None => 0,
        };
        self.selected = Some(self.rows[next].id);
        self.scroll_to_selected = true;
        self.selected
    }

    /// The whole library panel.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<LibraryEvent> {
        self.search_ui(ui);
        if self.show_filters {
            self.filters_ui(ui);
        }
        if let Some(msg) = &self.query_message {
            ui.colored_label(ui.visuals().warn_fg_color, msg);
        }
        ui.separator();
        self.table_ui(ui)
    }

    fn search_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let rtl = text::has_rtl(&self.search_text);
            let edit_id = egui::Id::unique("marsad_search_field");
            // In a right-to-left query the arrow keys move the other way through the logical
            // text: swap them before the text field sees them.
            if rtl && text::analyze_rtl(&self.search_text) && ui.memory(|m| m.has_focus(edit_id)) {
                ui.input_mut(|i| {
                    for e in &mut i.events {
                        if let egui::Event::Key { key, .. } = e {
                            *key = match *key {
                                egui::Key::ArrowLeft => egui::Key::ArrowRight,
                                egui::Key::ArrowRight => egui::Key::ArrowLeft,
                                other => other,
                            };
                        }
                    }
                });
            }
            let edit = egui::TextEdit::singleline(&mut self.search_text)
                .id(edit_id)
                .hint_text("Search titles and text  ( / )")
                .desired_width(ui.available_width() - 90.0)
                .font(font.clone());
            // For Arabic queries egui's own text would come out in logical order: hide it and
            // draw the same string in bidi order on top.
            let output = if rtl {
                ui.scope(|ui| {
                    let v = ui.visuals_mut();
                    v.override_text_color = Some(egui::Color32::TRANSPARENT);
                    v.text_cursor.stroke.color = egui::Color32::TRANSPARENT;
                    v.selection.bg_fill = egui::Color32::TRANSPARENT;
                    edit.show(ui)
                })
                .inner
            } else {
                edit.show(ui)
            };
            if rtl {
                let r = output.response.rect.shrink2(egui::vec2(4.0, 2.0));
                let painter = ui.painter().with_clip_rect(r);
                let layout = text::cached_layout(ui.ctx(), &self.search_text, &font, f32::INFINITY, 1.0);
                let w = layout.content_width();
                // When the query is wider than the field, keep its logical end (where typing
                // happens) in view.
                let x = match (layout.rtl, w > r.width()) {
                    (true, false) | (false, true) => r.right() - w,
                    (true, true) | (false, false) => r.left(),
                };
                let y = r.center().y - layout.line_height / 2.0;
                let placed =
                    ui.ctx().fonts_mut(|f| text::galleys(f, egui::pos2(x, y), &layout, &self.search_text, &font, 0..1));
                text::paint(&painter, placed, ui.visuals().text_color());
                // egui's caret is hidden (it would sit at the logical position in a
                // left-to-right layout); draw ours where the logical cursor is shown.
                if output.response.has_focus()
                    && let Some(range) = output.cursor_range
                {
                    let byte = self
                        .search_text
                        .char_indices()
                        .nth(range.primary.index.0)
                        .map_or(self.search_text.len(), |(b, _)| b);
                    let (_, cx) = layout.caret(byte);
                    let stroke = ui.visuals().text_cursor.stroke;
                    painter.vline(x + cx, y..=y + layout.line_height, stroke);
                }
                // egui placed the caret for a click by its own (left-to-right) layout; put it
                // where the click was in the text as shown.
                if output.response.clicked()
                    && let Some(pos) = output.response.interact_pointer_pos()
                {
                    let byte = layout.byte_at(pos.x - x, layout.line_height / 2.0);
                    let index = self.search_text[..byte.min(self.search_text.len())].chars().count();
                    let mut state = output.state.clone();
                    state.cursor.set_char_range(Some(egui::text::CCursorRange::one(egui::text::CCursor::new(index))));
                    state.store(ui.ctx(), output.response.id);
                }
            }
            let response = output.response;
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Search"));
            if self.focus_search {
                response.request_focus();
                self.focus_search = false;
            }
            if response.changed() {
                self.stale = true;
            }
            if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                response.surrender_focus();
            }
            if ui.selectable_label(self.show_filters, "Filters").clicked() {
                self.show_filters = !self.show_filters;
            }
        });
    }

    fn filters_ui(&mut self, ui: &mut Ui) {
        let before = self.filter.clone();
        egui::Grid::new("library_filters").num_columns(2).spacing([8.0, 4.0]).show(ui, |ui| {
            ui.label("Source");
            let current = self.filter.source.clone().unwrap_or_else(|| "Any".into());
            egui::ComboBox::from_id_salt("filter_source").selected_text(current).show_ui(ui, |ui| {
                ui.selectable_value(&mut self.filter.source, None, "Any");
                for s in &self.sources {
                    ui.selectable_value(&mut self.filter.source, Some(s.clone()), s);
                }
            });
            ui.end_row();

            ui.label("Language");
            let name = |l: Option<Lang>| match l {
                None => "Any",
                Some(Lang::Ar) => "Arabic",
                Some(Lang::En) => "English",
                Some(Lang::Other) => "Other",
            };
            egui::ComboBox::from_id_salt("filter_language").selected_text(name(self.filter.language)).show_ui(
                ui,
                |ui| {
                    for l in [None, Some(Lang::Ar), Some(Lang::En), Some(Lang::Other)] {
                        ui.selectable_value(&mut self.filter.language, l, name(l));
                    }
                },
            );
            ui.end_row();

            ui.label("Published");
            ui.horizontal(|ui| {
                date_field(ui, &mut self.filter.date_from, "from YYYY-MM-DD");
                ui.label("–");
                date_field(ui, &mut self.filter.date_to, "to YYYY-MM-DD");
            });
            ui.end_row();

            ui.label("Entity");
            self.entity_picker(ui);
            ui.end_row();

            ui.label("Label");
            let current = self
                .filter
                .label
                .and_then(|id| self.labels.iter().find(|l| l.id == id))
                .map_or_else(|| "Any".to_owned(), |l| l.spec.name.clone());
            egui::ComboBox::from_id_salt("filter_label").selected_text(current).show_ui(ui, |ui| {
                ui.selectable_value(&mut self.filter.label, None, "Any");
                for l in &self.labels {
                    let name = match &l.spec.name_ar {
                        Some(ar) => format!("{} · {ar}", l.spec.name),
                        None => l.spec.name.clone(),
                    };
                    if ui.selectable_label(self.filter.label == Some(l.id), name).clicked() {
                        self.filter.label = Some(l.id);
                    }
                }
            });
            ui.end_row();

            ui.label("");
            ui.checkbox(&mut self.filter.untagged, "Untagged only");
            ui.end_row();

            ui.label("");
            ui.checkbox(&mut self.filter.collapse_copies, "One row per story")
                .on_hover_text("Fold near-duplicate copies of a story into its first article");
            ui.end_row();
        });
        if ui.small_button("Clear filters").clicked() {
            let sort = (self.filter.sort, self.filter.descending);
            self.filter = ArticleFilter::default();
            (self.filter.sort, self.filter.descending) = sort;
        }
        if self.filter != before {
            self.stale = true;
        }
    }

    fn entity_picker(&mut self, ui: &mut Ui) {
        let current = self
            .filter
            .entity
            .and_then(|id| self.entity_index.iter().find(|e| e.id == id))
            .map(|e| e.canonical.clone());
        ui.horizontal(|ui| {
            let font = egui::TextStyle::Body.resolve(ui.style());
            match &current {
                Some(name) => {
                    text::bidi_label(ui, name, font.clone(), None, false);
                    if ui.small_button("×").clicked() {
                        self.filter.entity = None;
                    }
                }
                None => {
                    ui.weak("Any");
                }
            }
            let entity_index = &self.entity_index;
            let entity_search = &mut self.entity_search;
            let picked = &mut self.filter.entity;
            ui.menu_button("Pick…", |ui| {
                ui.set_min_width(280.0);
                ui.text_edit_singleline(entity_search);
                let needle = entity_search.trim().to_lowercase();
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    for e in entity_index
                        .iter()
                        .filter(|e| needle.is_empty() || e.canonical.to_lowercase().contains(&needle))
                        .take(500)
                    {
                        let r = ui
                            .horizontal(|ui| {
                                ui.weak(format!("{:>3}", e.articles));
                                text::bidi_label(ui, &e.canonical, font.clone(), None, false);
                                ui.weak(super::reader::entity_type_name(e.entity_type));
                            })
                            .response
                            .interact(Sense::click());
                        if r.clicked() {
                            *picked = Some(e.id);
                            ui.close();
                        }
                    }
                });
            });
        });
    }

    fn table_ui(&mut self, ui: &mut Ui) -> Option<LibraryEvent> {
        let mut event = None;
        let row_height = 26.0;
        let scroll_to = if self.scroll_to_selected {
            self.scroll_to_selected = false;
            self.selected.and_then(|id| self.rows.iter().position(|r| r.id == id))
        } else {
            None
        };
        let mut sort_clicked = None;
        let mut table = TableBuilder::new(ui)
            .id_salt("library_table")
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            // The title takes whatever the other columns leave, so the panel never grows
            // wider than the analyst made it.
            .column(Column::remainder().at_least(100.0).clip(true))
            .column(Column::initial(64.0).at_least(30.0).clip(true))
            .column(Column::initial(78.0).at_least(30.0).clip(true))
            .column(Column::exact(28.0))
            .column(Column::exact(28.0))
            .column(Column::exact(28.0))
            .column(Column::exact(30.0));
        if let Some(i) = scroll_to {
            table = table.scroll_to_row(i, None);
        }
        let columns = [
            ("Title", SortKey::Title),
            ("Source", SortKey::Source),
            ("Date", SortKey::Published),
            ("Lang", SortKey::Language),
            ("Ent", SortKey::Entities),
            ("Quo", SortKey::Quotes),
            ("Tags", SortKey::Tags),
        ];
        let (sort, descending) = (self.filter.sort, self.filter.descending);
        let rows = &self.rows;
        let selected = self.selected;
        table
            .header(22.0, |mut header| {
                for (name, key) in columns {
                    header.col(|ui| {
                        let r = ui
                            .add(egui::Button::new(egui::RichText::new(name).strong()).frame(false))
                            .on_hover_text(format!("Sort by {}", name.to_lowercase()));
                        if sort == key {
                            sort_arrow(ui, descending);
                        }
                        if r.clicked() {
                            sort_clicked = Some(key);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let r = &rows[row.index()];
                    row.set_selected(selected == Some(r.id));
                    let title_font = FontId::proportional(15.0);
                    let mut clicked = false;
                    row.col(|ui| {
                        // "Read also" articles are indented under their page.
                        if r.parent.is_some() {
                            ui.add_space(14.0);
                        }
                        if r.copies > 0 {
                            ui.weak(format!("+{}", r.copies))
                                .on_hover_text(format!("{} other copies of this story", r.copies));
                        }
                        let resp = text::bidi_label(ui, &r.title, title_font.clone(), None, false);
                        resp.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::Row, true, selected == Some(r.id), &r.title)
                        });
                        clicked |= resp.clicked();
                    });
                    row.col(|ui| {
                        text::bidi_label(
                            ui,
                            r.source.as_deref().unwrap_or("—"),
                            FontId::proportional(13.0),
                            None,
                            false,
                        );
                    });
                    row.col(|ui| {
                        ui.label(r.published.as_deref().unwrap_or("—"));
                    });
                    row.col(|ui| {
                        ui.label(r.language.code());
                    });
                    row.col(|ui| {
                        ui.label(r.entity_count.to_string());
                    });
                    row.col(|ui| {
                        ui.label(r.quote_count.to_string());
                    });
                    row.col(|ui| {
                        if r.tag_count == 0 {
                            ui.weak("—");
                        } else {
                            ui.label(r.tag_count.to_string());
                        }
                    });
                    if clicked || row.response().clicked() {
                        event = Some(LibraryEvent::Open(r.id));
                    }
                });
            });
        if let Some(key) = sort_clicked {
            if self.filter.sort == key {
                self.filter.descending = !self.filter.descending;
            } else {
                self.filter.sort = key;
                self.filter.descending =
                    matches!(key, SortKey::Published | SortKey::Entities | SortKey::Quotes | SortKey::Tags);
            }
            self.stale = true;
        }
        if let Some(LibraryEvent::Open(id)) = event {
            self.selected = Some(id);
        }
        event
    }
}

/// A small triangle showing the sort direction (egui's fonts have no arrow glyphs).
fn sort_arrow(ui: &mut Ui, descending: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
    let c = rect.center();
    let (a, b, tip) = if descending {
        (c + egui::vec2(-4.0, -3.0), c + egui::vec2(4.0, -3.0), c + egui::vec2(0.0, 3.0))
    } else {
        (c + egui::vec2(-4.0, 3.0), c + egui::vec2(4.0, 3.0), c + egui::vec2(0.0, -3.0))
    };
    let color = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(vec![a, b, tip], color, egui::Stroke::NONE));
}

/// A small text field for an optional `YYYY-MM-DD` date; invalid input is kept out of the
/// filter and shown in red.
fn date_field(ui: &mut Ui, value: &mut Option<String>, hint: &str) {
    let id = ui.make_persistent_id(hint);
    let mut text: String = ui.data(|d| d.get_temp::<String>(id)).unwrap_or_else(|| value.clone().unwrap_or_default());
    let valid = |s: &str| {
        s.is_empty()
            || (s.len() == 10
                && s.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() }))
    };
    let ok = valid(text.trim());
    let mut edit = egui::TextEdit::singleline(&mut text).hint_text(hint).desired_width(96.0);
    if !ok {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    if ui.add(edit).changed() {
        let t = text.trim();
        if valid(t) {
            *value = (!t.is_empty()).then(|| t.to_owned());
        }
    }
    ui.data_mut(|d| d.insert_temp(id, text));
}
