//! The reader: title, metadata and body of one article, laid out paragraph by paragraph in
//! bidi order, with entity highlights, quote underlines, hover cards, a flash for the quote
//! just clicked and a mouse selection mapped back to a logical byte range.
//!
//! Long articles: only paragraphs that intersect the viewport are laid out before painting.
//! Other paragraphs carry an estimated height until a small per-frame budget has laid them
//! out too; when a paragraph above the viewport changes height, the scroll offset is corrected
//! by the same amount so the text under the reader's eyes does not move.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Color32, FontId, Pos2, Sense, Stroke, Ui, pos2, vec2};

use crate::model::EntityType;
use crate::store::{Article, StoredMention, StoredQuote};

use super::bidi::BidiLayout;
use super::text;

/// Extra line spacing for body text; Naskh needs room above and below.
const LEADING: f32 = 1.25;
/// Time spent per frame laying out paragraphs that are not on screen.
const BACKGROUND_BUDGET: Duration = Duration::from_millis(6);
/// How long a clicked quote flashes.
const FLASH_SECONDS: f64 = 1.4;

/// Highlight colour of an entity type (background behind the mention).
pub fn entity_color(t: EntityType, strong: bool) -> Color32 {
    let a = if strong { 150 } else { 60 };
    match t {
        EntityType::Person => Color32::from_rgba_unmultiplied(230, 140, 40, a),
        EntityType::Org => Color32::from_rgba_unmultiplied(60, 130, 230, a),
        EntityType::Loc => Color32::from_rgba_unmultiplied(50, 175, 90, a),
    }
}

/// Human name of an entity type.
pub fn entity_type_name(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "Person",
        EntityType::Org => "Organisation",
        EntityType::Loc => "Place",
    }
}

const QUOTE_COLOR: Color32 = Color32::from_rgb(170, 90, 220);
/// Outline of label cue words (suggestions for tagging).
const CUE_COLOR: Color32 = Color32::from_rgb(230, 190, 60);

/// One entity of the open article, with its mentions, for the entity panel.
#[derive(Debug, Clone)]
pub struct EntityGroup {
    pub entity: i64,
    pub canonical: String,
    pub entity_type: EntityType,
    /// Distinct surface forms other than the canonical name.
    pub aliases: Vec<String>,
    /// Indices into [`ReaderDoc::mentions`], in text order.
    pub mentions: Vec<usize>,
}

/// Where the reader last scrolled to, and why (read by tests and the status bar).
#[derive(Debug, Clone, PartialEq)]
pub struct ScrollTarget {
    /// Logical byte offset in the body.
    pub byte: usize,
    pub paragraph: usize,
    /// Offset of that byte's line from the top of the body.
    pub y: f32,
}

/// An open article and everything derived from it.
pub struct ReaderDoc {
    pub article: Article,
    /// Mentions sorted by start.
    pub mentions: Vec<StoredMention>,
    /// Quotes sorted by start.
    pub quotes: Vec<StoredQuote>,
    pub related: Vec<String>,
    pub entities: Vec<EntityGroup>,
    paragraphs: Vec<Range<usize>>,
    para_mentions: Vec<Vec<usize>>,
    para_quotes: Vec<Vec<usize>>,
    layouts: Vec<Option<Arc<BidiLayout>>>,
    heights: Vec<f32>,
    layout_key: (f32, f32, f32),
    line_height: f32,
    char_width_estimate: f32,
}

fn overlapping(ranges: impl Iterator<Item = Range<usize>>, paragraphs: &[Range<usize>]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); paragraphs.len()];
    for (i, r) in ranges.enumerate() {
        let first = paragraphs.partition_point(|p| p.end <= r.start);
        for (p, para) in paragraphs.iter().enumerate().skip(first) {
            if para.start >= r.end.max(r.start + 1) {
                break;
            }
            out[p].push(i);
        }
    }
    out
}

impl ReaderDoc {
    pub fn new(
        article: Article,
        mut mentions: Vec<StoredMention>,
        mut quotes: Vec<StoredQuote>,
        related: Vec<String>,
    ) -> Self {
        let body = &article.body;
        // Drop anything whose offsets do not fit the body (never index out of bounds).
        let ok = |s: usize, e: usize| s < e && e <= body.len() && body.is_char_boundary(s) && body.is_char_boundary(e);
        mentions.retain(|m| ok(m.start, m.end));
        quotes.retain(|q| ok(q.start, q.end));
        mentions.sort_by_key(|m| (m.start, m.end));
        quotes.sort_by_key(|q| (q.start, q.end));

        let mut paragraphs = Vec::new();
        let mut start = 0;
        for (i, b) in body.bytes().enumerate() {
            if b == b'\n' {
                paragraphs.push(start..i);
                start = i + 1;
            }
        }
        paragraphs.push(start..body.len());
        let para_mentions = overlapping(mentions.iter().map(|m| m.start..m.end), &paragraphs);
        let para_quotes = overlapping(quotes.iter().map(|q| q.start..q.end), &paragraphs);

        let mut groups: BTreeMap<i64, EntityGroup> = BTreeMap::new();
        for (i, m) in mentions.iter().enumerate() {
            let g = groups.entry(m.entity).or_insert_with(|| EntityGroup {
                entity: m.entity,
                canonical: m.canonical.clone(),
                entity_type: m.entity_type,
                aliases: Vec::new(),
                mentions: Vec::new(),
            });
            g.mentions.push(i);
            if m.surface != g.canonical && !g.aliases.contains(&m.surface) {
                g.aliases.push(m.surface.clone());
            }
        }
        let mut entities: Vec<EntityGroup> = groups.into_values().collect();
        entities.sort_by(|a, b| {
            (a.entity_type, std::cmp::Reverse(a.mentions.len()), &a.canonical).cmp(&(
                b.entity_type,
                std::cmp::Reverse(b.mentions.len()),
                &b.canonical,
            ))
        });

        let n = paragraphs.len();
        Self {
            article,
            mentions,
            quotes,
            related,
            entities,
            paragraphs,
            para_mentions,
            para_quotes,
            layouts: vec![None; n],
            heights: vec![0.0; n],
            layout_key: (0.0, 0.0, 0.0),
            line_height: 24.0,
            char_width_estimate: 7.0,
        }
    }

    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// Number of paragraphs laid out so far.
    pub fn laid_out(&self) -> usize {
        self.layouts.iter().filter(|l| l.is_some()).count()
    }

    fn paragraph_of(&self, byte: usize) -> usize {
        self.paragraphs.partition_point(|p| p.end < byte).min(self.paragraphs.len() - 1)
    }

    fn gap(&self) -> f32 {
        self.line_height * 0.55
    }

    fn estimate(&self, p: usize, width: f32) -> f32 {
        let r = &self.paragraphs[p];
        if r.is_empty() {
            return self.line_height * 0.3;
        }
        let chars = self.article.body[r.clone()].chars().count() as f32;
        let lines = (chars * self.char_width_estimate / width.max(50.0)).ceil().max(1.0);
        lines * self.line_height
    }

    /// Drops layouts made for another width, font size or pixel density.
    fn set_layout_key(&mut self, ui: &Ui, width: f32, font: &FontId) {
        let key = (width.round(), font.size, ui.ctx().pixels_per_point());
        if key != self.layout_key {
            self.layout_key = key;
            self.line_height = ui.ctx().fonts_mut(|f| text::line_height(f, font, LEADING));
            self.char_width_estimate = font.size * 0.42;
            self.layouts.iter_mut().for_each(|l| *l = None);
            for p in 0..self.paragraphs.len() {
                self.heights[p] = self.estimate(p, width);
            }
        }
    }

    /// Lays out paragraph `p` if needed; returns the change in its height.
    fn ensure(&mut self, ui: &Ui, p: usize, font: &FontId) -> f32 {
        if self.layouts[p].is_some() {
            return 0.0;
        }
        let width = self.layout_key.0;
        let range = self.paragraphs[p].clone();
        let body = &self.article.body[range];
        let layout = if body.trim().is_empty() {
            None
        } else {
            Some(Arc::new(ui.ctx().fonts_mut(|f| text::layout(f, body, font, width, LEADING))))
        };
        let h = match &layout {
            Some(l) => {
                let w: f32 = l.lines.iter().map(|line| line.width).sum();
                let chars = body.chars().count().max(1) as f32;
                // Keep the estimate for the rest honest.
                self.char_width_estimate = 0.8 * self.char_width_estimate + 0.2 * (w / chars);
                l.height()
            }
            None => self.line_height * 0.3,
        };
        self.layouts[p] = Some(
            layout.unwrap_or_else(|| Arc::new(super::bidi::layout("", width, self.line_height, |_, _| Vec::new()))),
        );
        let delta = h - self.heights[p];
        self.heights[p] = h;
        delta
    }

    fn tops(&self) -> Vec<f32> {
        let gap = self.gap();
        let mut y = 0.0;
        self.heights
            .iter()
            .map(|h| {
                let top = y;
                y += h + gap;
                top
            })
            .collect()
    }

    /// Offset from the body top of the line holding `byte`, laying out what is above it.
    fn y_of(&mut self, ui: &Ui, byte: usize, font: &FontId) -> (usize, f32) {
        let p = self.paragraph_of(byte);
        for q in 0..=p {
            self.ensure(ui, q, font);
        }
        let top = self.tops()[p];
        let layout = self.layouts[p].as_ref().expect("laid out above");
        let local = byte.saturating_sub(self.paragraphs[p].start);
        let (line, _) = layout.caret(local);
        (p, top + line as f32 * layout.line_height)
    }
}

/// State of the reader pane.
pub struct ReaderState {
    pub doc: Option<ReaderDoc>,
    pub font_size: f32,
    /// Entity whose mentions are emphasised.
    pub selected_entity: Option<i64>,
    /// Position in the selected entity's mentions for next/previous.
    pub entity_cursor: usize,
    /// Quote the user picked last (index into the doc's quotes).
    pub selected_quote: Option<usize>,
    pending_scroll: Option<usize>,
    last_scroll: Option<ScrollTarget>,
    flash: Option<(Range<usize>, f64)>,
    /// Mouse selection, logical byte range in the body.
    selection: Option<Range<usize>>,
    drag_anchor: Option<usize>,
    /// Mention under the pointer (index into the doc's mentions).
    pub hovered_mention: Option<usize>,
    scroll_correction: f32,
    /// An article the reader asks the app to open (the page a "read also" article came from).
    pub request_open: Option<i64>,
    /// Screen rectangle of the body text last frame (tests aim the mouse with it).
    pub body_rect: Option<egui::Rect>,
    /// Time the last frame spent laying out visible paragraphs (for the status bar and the
    /// benchmark).
    pub last_visible_layout: Duration,
    /// Label cue words in the tagging target (byte ranges of the body), outlined in the text.
    pub cue_highlights: Vec<Range<usize>>,
}

impl Default for ReaderState {
    fn default() -> Self {
        Self {
            doc: None,
            font_size: 18.0,
            selected_entity: None,
            entity_cursor: 0,
            selected_quote: None,
            pending_scroll: None,
            last_scroll: None,
            flash: None,
            selection: None,
            drag_anchor: None,
            hovered_mention: None,
            scroll_correction: 0.0,
            body_rect: None,
            request_open: None,
            last_visible_layout: Duration::ZERO,
            cue_highlights: Vec::new(),
        }
    }
}

impl ReaderState {
    pub fn open(&mut self, doc: ReaderDoc) {
        let keep_size = self.font_size;
        *self = Self { doc: Some(doc), font_size: keep_size, ..Self::default() };
        self.pending_scroll = Some(0);
    }

    pub fn close(&mut self) {
        self.doc = None;
    }

    pub fn article_id(&self) -> Option<i64> {
        self.doc.as_ref().map(|d| d.article.id)
    }

    fn font(&self) -> FontId {
        FontId::proportional(self.font_size)
    }

    /// Emphasises every mention of `entity` and scrolls to its first mention.
    pub fn select_entity(&mut self, entity: i64) {
        self.selected_entity = Some(entity);
        self.entity_cursor = 0;
        if let Some(m) = self.selected_mentions().first() {
            self.pending_scroll = Some(*m);
        }
    }

    /// Byte offsets of the selected entity's mentions, in text order.
    pub fn selected_mentions(&self) -> Vec<usize> {
        let (Some(doc), Some(e)) = (&self.doc, self.selected_entity) else {
            return Vec::new();
        };
        doc.mentions.iter().filter(|m| m.entity == e).map(|m| m.start).collect()
    }

    /// Steps through the selected entity's mentions (wrapping); `forward` or back.
    pub fn step_mention(&mut self, forward: bool) {
        let starts = self.selected_mentions();
        if starts.is_empty() {
            return;
        }
        let n = starts.len();
        self.entity_cursor = if forward { (self.entity_cursor + 1) % n } else { (self.entity_cursor + n - 1) % n };
        self.pending_scroll = Some(starts[self.entity_cursor]);
    }

    /// Scrolls to quote `index` and flashes it.
    pub fn focus_quote(&mut self, index: usize, now: f64) {
        let Some(q) = self.doc.as_ref().and_then(|d| d.quotes.get(index)) else {
            return;
        };
        self.selected_quote = Some(index);
        self.pending_scroll = Some(q.start);
        self.flash = Some((q.start..q.end, now + FLASH_SECONDS));
    }

    /// Scrolls so that the given body offset is in view.
    pub fn scroll_to(&mut self, byte: usize) {
        self.pending_scroll = Some(byte);
    }

    /// Where the reader last scrolled to.
    pub fn last_scroll_target(&self) -> Option<&ScrollTarget> {
        self.last_scroll.as_ref()
    }

    /// The flashing range, if a flash is running.
    pub fn flashing(&self) -> Option<Range<usize>> {
        self.flash.as_ref().map(|(r, _)| r.clone())
    }

    /// The current mouse selection as a logical byte range in the body.
    pub fn selection(&self) -> Option<Range<usize>> {
        self.selection.clone().filter(|r| !r.is_empty())
    }

    /// Sets the selection (keyboard, tests).
    pub fn set_selection(&mut self, range: Option<Range<usize>>) {
        self.selection = range;
    }

    /// The selected text.
    pub fn selected_text(&self) -> Option<&str> {
        let r = self.selection()?;
        self.doc.as_ref()?.article.body.get(r)
    }

    /// The reader pane.
    pub fn ui(&mut self, ui: &mut Ui) {
        if self.doc.is_none() {
            ui.centered_and_justified(|ui| {
                ui.weak("Pick an article in the library.");
            });
            return;
        }
        self.header_ui(ui);
        ui.separator();
        self.body_ui(ui);
    }

    fn header_ui(&mut self, ui: &mut Ui) {
        let Some(doc) = &self.doc else { return };
        let a = &doc.article;
        text::bidi_wrapped(
            ui,
            &a.title,
            FontId::proportional(self.font_size + 6.0),
            Some(ui.visuals().strong_text_color()),
        );
        let mut meta: Vec<String> = Vec::new();
        if let Some(s) = &a.source {
            meta.push(s.clone());
        }
        if let Some(d) = &a.published {
            meta.push(d.clone());
        }
        if let Some(au) = &a.author {
            meta.push(au.clone());
        }
        meta.push(a.language.code().to_uppercase());
        meta.push(format!("{} entities · {} quotes", doc.entities.len(), doc.quotes.len()));
        ui.horizontal_wrapped(|ui| {
            for (i, m) in meta.iter().enumerate() {
                if i > 0 {
                    ui.weak("·");
                }
                text::bidi_label(ui, m, FontId::proportional(13.0), Some(ui.visuals().weak_text_color()), false);
            }
            if let Some(url) = &a.url {
                ui.hyperlink_to("link", url);
            }
        });
        if !a.keywords.is_empty() {
            // Arabic keywords read right to left, like the text they describe.
            let layout = if a.language == crate::model::Lang::Ar {
                egui::Layout::right_to_left(egui::Align::Min).with_main_wrap(true)
            } else {
                egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true)
            };
            ui.with_layout(layout, |ui| {
                ui.weak("Keywords:");
                for k in &a.keywords {
                    text::bidi_label(ui, k, FontId::proportional(13.0), None, false);
                }
            });
        }
        if let Some(parent) = a.parent
            && ui.link("Found under “read also” on another page: open that page").clicked()
        {
            self.request_open = Some(parent);
        }
        if !doc.related.is_empty() {
            egui::CollapsingHeader::new(format!("Related headlines ({})", doc.related.len()))
                .id_salt(("marsad_related", a.id))
                .default_open(false)
                .show(ui, |ui| {
                    for h in &doc.related {
                        text::bidi_wrapped(ui, h, FontId::proportional(13.5), None);
                    }
                });
        }
    }

    // Paragraph indices address several parallel vectors (layouts, heights, tops, ranges).
    #[expect(clippy::needless_range_loop)]
    fn body_ui(&mut self, ui: &mut Ui) {
        let font = self.font();
        let now = ui.input(|i| i.time);
        if self.flash.as_ref().is_some_and(|(_, until)| *until < now) {
            self.flash = None;
        }
        // Width of the text column: the scroll area's width less the scroll bar.
        let width = (ui.available_width() - 18.0).max(80.0);
        let doc = self.doc.as_mut().expect("checked by caller");
        doc.set_layout_key(ui, width, &font);

        let mut scroll = egui::ScrollArea::vertical().id_salt(("reader", doc.article.id)).auto_shrink([false, false]);
        if let Some(byte) = self.pending_scroll.take() {
            let (paragraph, y) = doc.y_of(ui, byte, &font);
            let view_h = ui.available_height();
            let offset = if byte == 0 { 0.0 } else { (y - view_h * 0.3).max(0.0) };
            scroll = scroll.vertical_scroll_offset(offset);
            self.last_scroll = Some(ScrollTarget { byte, paragraph, y });
            self.scroll_correction = 0.0;
        }
        let correction = std::mem::take(&mut self.scroll_correction);
        if correction != 0.0
            && let Some(offset) = ui.data(|d| d.get_temp::<f32>(egui::Id::unique("marsad_reader_offset")))
        {
            scroll = scroll.vertical_scroll_offset((offset + correction).max(0.0));
        }

        let flash = self.flash.clone();
        let selection = self.selection.clone();
        let cues = self.cue_highlights.clone();
        let selected_entity = self.selected_entity;
        let selected_quote = self.selected_quote;
        let mut new_hover = None;
        let mut hover_quote: Option<usize> = None;
        let mut drag_anchor = self.drag_anchor;
        let mut new_selection = self.selection.clone();
        let mut correction_out = 0.0;
        let mut clicked_entity = None;
        let mut visible_time = Duration::ZERO;
        let mut body_rect = None;

        let output = scroll.show_viewport(ui, |ui, viewport| {
            let started = Instant::now();
            // Lay out what is visible, with positions from the current heights.
            let tops = doc.tops();
            let first = tops.partition_point(|t| *t <= viewport.min.y).saturating_sub(1);
            let gap = doc.gap();
            let mut p = first;
            let mut y = tops.get(first).copied().unwrap_or(0.0);
            let mut above_delta = 0.0;
            while p < doc.paragraphs.len() && y <= viewport.max.y {
                let d = doc.ensure(ui, p, &font);
                if y + doc.heights[p] < viewport.min.y {
                    above_delta += d;
                }
                y += doc.heights[p] + gap;
                p += 1;
            }
            let last = p;
            visible_time = started.elapsed();
            // Anything laid out above the viewport moved the text: compensate.
            correction_out += above_delta;

            let tops = doc.tops();
            let total = tops.last().copied().unwrap_or(0.0) + doc.heights.last().copied().unwrap_or(0.0);
            let (rect, response) =
                ui.allocate_exact_size(vec2(width, total.max(viewport.height())), Sense::click_and_drag());
            let origin = rect.min;
            body_rect = Some(rect.intersect(ui.clip_rect()));
            let painter = ui.painter();
            // Body text a little brighter than egui's default label grey, for long reading.
            let text_color = ui.visuals().text_color().lerp_to_gamma(ui.visuals().strong_text_color(), 0.6);
            let pointer = response.hover_pos();
            let sel_color = ui.visuals().selection.bg_fill.gamma_multiply(0.6);

            for p in first..last.min(doc.paragraphs.len()) {
                let Some(layout) = doc.layouts[p].clone() else {
                    continue;
                };
                let para = doc.paragraphs[p].clone();
                let para_origin = pos2(origin.x, origin.y + tops[p]);
                let local = |r: &Range<usize>| r.start.max(para.start) - para.start..r.end.min(para.end) - para.start;
                // Backgrounds: entity highlights.
                for &mi in &doc.para_mentions[p] {
                    let m = &doc.mentions[mi];
                    let strong = selected_entity == Some(m.entity);
                    let color = entity_color(m.entity_type, strong);
                    for r in text::range_rects(&layout, para_origin, local(&(m.start..m.end))) {
                        let r = r.shrink2(vec2(0.0, layout.line_height * 0.08));
                        painter.rect_filled(r, 3.0, color);
                        if strong {
                            painter.rect_stroke(r, 3.0, Stroke::new(1.5, color.to_opaque()), egui::StrokeKind::Outside);
                        }
                    }
                }
                // Flash of the clicked quote.
                if let Some((fr, until)) = &flash {
                    let alpha = (((until - now) / FLASH_SECONDS).clamp(0.0, 1.0) * 140.0) as u8;
                    if fr.start < para.end && fr.end > para.start {
                        for r in text::range_rects(&layout, para_origin, local(fr)) {
                            painter.rect_filled(r, 2.0, Color32::from_rgba_unmultiplied(255, 220, 0, alpha));
                        }
                    }
                }
                // Cue words of the labels, where tagging looks for suggestions.
                for cue in cues.iter().filter(|c| c.start < para.end && c.end > para.start) {
                    for r in text::range_rects(&layout, para_origin, local(cue)) {
                        painter.rect_stroke(r, 2.0, Stroke::new(1.2, CUE_COLOR), egui::StrokeKind::Outside);
                    }
                }
                // Selection.
                if let Some(sel) = &selection
                    && sel.start < para.end
                    && sel.end > para.start
                {
                    for r in text::range_rects(&layout, para_origin, local(sel)) {
                        painter.rect_filled(r, 0.0, sel_color);
                    }
                }
                let body = &doc.article.body[para.clone()];
                let placed =
                    ui.ctx().fonts_mut(|f| text::galleys(f, para_origin, &layout, body, &font, 0..layout.lines.len()));
                text::paint(painter, placed, text_color);
                // Quote underlines.
                for &qi in &doc.para_quotes[p] {
                    let q = &doc.quotes[qi];
                    let width = if selected_quote == Some(qi) { 2.5 } else { 1.5 };
                    for r in text::range_rects(&layout, para_origin, local(&(q.start..q.end))) {
                        let y = r.bottom() - 2.0;
                        painter.hline(r.x_range(), y, Stroke::new(width, QUOTE_COLOR));
                    }
                }
                // Hover: which mention is under the pointer?
                if let Some(pos) = pointer {
                    let lp = pos - para_origin;
                    if lp.y >= 0.0
                        && lp.y < layout.height()
                        && let Some(b) = layout.char_at(lp.x, lp.y)
                    {
                        let byte = para.start + b;
                        new_hover = doc.para_mentions[p]
                            .iter()
                            .copied()
                            .find(|&mi| doc.mentions[mi].start <= byte && byte < doc.mentions[mi].end);
                        hover_quote = doc.para_quotes[p]
                            .iter()
                            .copied()
                            .find(|&qi| doc.quotes[qi].start <= byte && byte < doc.quotes[qi].end);
                    }
                }
            }

            // Mouse selection: drag from one logical offset to another.
            let byte_at = |doc: &ReaderDoc, pos: Pos2| -> Option<usize> {
                let y = pos.y - origin.y;
                let p = tops.partition_point(|t| *t <= y).saturating_sub(1);
                let layout = doc.layouts.get(p)?.as_ref()?;
                let local = layout.byte_at(pos.x - origin.x, y - tops[p]).min(layout.text_len);
                Some(doc.paragraphs[p].start + local)
            };
            // Anchor where the button went down, not where the drag was recognised.
            if response.drag_started()
                && let Some(pos) = ui.input(|i| i.pointer.press_origin()).or(response.interact_pointer_pos())
            {
                drag_anchor = byte_at(doc, pos);
                new_selection = None;
            }
            if response.dragged()
                && let (Some(anchor), Some(pos)) = (drag_anchor, response.interact_pointer_pos())
                && let Some(b) = byte_at(doc, pos)
            {
                new_selection = Some(anchor.min(b)..anchor.max(b));
            }
            if response.clicked() {
                new_selection = None;
                if let Some(mi) = new_hover {
                    clicked_entity = Some(doc.mentions[mi].entity);
                }
            }
            if new_hover.is_none()
                && let Some(qi) = hover_quote
            {
                // Over quoted words (and not over a name): who said it.
                let q = &doc.quotes[qi];
                let who = q.speaker.clone().unwrap_or_else(|| "unattributed".into());
                let line = match &q.cue {
                    Some(cue) => format!("{who} — {cue}"),
                    None => who,
                };
                let kind = q.kind.as_str();
                response.clone().on_hover_ui_at_pointer(|ui| {
                    text::bidi_label(ui, &line, FontId::proportional(15.0), None, false);
                    ui.weak(format!("{kind} quotation"));
                });
            }
            if let Some(mi) = new_hover {
                let m = &doc.mentions[mi];
                let (canonical, surface, ty) = (m.canonical.clone(), m.surface.clone(), m.entity_type);
                response.on_hover_ui_at_pointer(|ui| {
                    text::bidi_label(ui, &canonical, FontId::proportional(16.0), None, false);
                    ui.label(entity_type_name(ty));
                    if surface != canonical {
                        ui.horizontal(|ui| {
                            ui.weak("written as");
                            text::bidi_label(ui, &surface, FontId::proportional(14.0), None, false);
                        });
                    }
                });
            }

            // Lay out more paragraphs in the background, top down.
            let started = Instant::now();
            let mut pending = false;
            for q in 0..doc.paragraphs.len() {
                if doc.layouts[q].is_some() {
                    continue;
                }
                if started.elapsed() > BACKGROUND_BUDGET {
                    pending = true;
                    break;
                }
                let d = doc.ensure(ui, q, &font);
                if tops[q] < viewport.min.y {
                    correction_out += d;
                }
            }
            if pending {
                ui.ctx().request_repaint();
            }
        });
        ui.data_mut(|d| d.insert_temp(egui::Id::unique("marsad_reader_offset"), output.state.clamped_offset().y));
        self.scroll_correction = correction_out;
        self.hovered_mention = new_hover;
        self.drag_anchor = drag_anchor;
        self.selection = new_selection;
        self.last_visible_layout = visible_time;
        self.body_rect = body_rect;
        if let Some(e) = clicked_entity {
            self.selected_entity = Some(e);
            self.entity_cursor = 0;
        }
        if self.flash.is_some() {
            ui.ctx().request_repaint();
        }
        // Copy the reader's selection, unless a text field has focus (it copies its own).
        let field_focused = ui.ctx().memory(|m| m.focused().is_some());
        let copy = ui.input(|i| {
            i.events.iter().any(|e| matches!(e, egui::Event::Copy))
                || i.key_pressed(egui::Key::C) && i.modifiers.command
        });
        if copy
            && !field_focused
            && let Some(t) = self.selected_text()
        {
            ui.ctx().copy_text(t.to_owned());
        }
    }
}
