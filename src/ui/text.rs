//! egui side of the bidi layout: measuring pieces with egui's shaper, painting them, and
//! bidi-aware label widgets for the library list and the side panels.
//!
//! Each [`bidi::Piece`] becomes one single-line egui galley, shaped on its own: egui shapes a
//! lone Arabic run right-to-left correctly; it only goes wrong when runs of different
//! directions share a galley. Layouts keep measurements only (no galleys), so they stay valid
//! when egui rebuilds its font atlas; galleys are fetched again when painting, which hits
//! egui's galley cache for everything drawn the frame before.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex};

use egui::epaint::text::FontsView;
use egui::text::LayoutJob;
use egui::{Color32, FontId, Galley, Painter, Pos2, Rect, Response, Sense, Ui, Vec2, pos2, vec2};

use super::bidi::{self, BidiLayout, Piece, PieceKind};

/// Whether `text` has any right-to-left character (and so needs the bidi path at all).
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
            || matches!(unicode_bidi::bidi_class(c), unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL)
    })
}

/// Whether `text`'s paragraph direction (first strong character) is right-to-left.
pub fn analyze_rtl(text: &str) -> bool {
    bidi::analyze(text).rtl
}

fn piece_job(shaped: &str, font: &FontId) -> LayoutJob {
    LayoutJob::simple_singleline(shaped.to_owned(), font.clone(), Color32::PLACEHOLDER)
}

/// Per-character advances of a piece, in logical order.
fn advances(fonts: &mut FontsView<'_>, piece: &Piece, shaped: &str, font: &FontId) -> Vec<f32> {
    let n = shaped.chars().count();
    if piece.kind == PieceKind::Space && shaped.chars().all(|c| c == ' ') {
        return vec![fonts.glyph_width(font, ' '); n];
    }
    let galley = fonts.layout_job(piece_job(shaped, font));
    let glyphs: Vec<&egui::epaint::text::Glyph> = galley.rows.iter().flat_map(|r| r.row.glyphs.iter()).collect();
    if glyphs.len() != n {
        return vec![galley.size().x / n.max(1) as f32; n];
    }
    // A joining right-to-left run comes back from the shaper in visual order.
    let reversed = piece.kind == PieceKind::Text && piece.is_rtl();
    (0..n).map(|k| glyphs[if reversed { n - 1 - k } else { k }].advance_width).collect()
}

/// Height of one line of `font`, tall enough for Naskh's ascenders and descenders.
pub fn line_height(fonts: &mut FontsView<'_>, font: &FontId, leading: f32) -> f32 {
    let latin = fonts.layout_job(piece_job("Hg", font)).size().y;
    let arabic = fonts.layout_job(piece_job("لإج", font)).size().y;
    latin.max(arabic) * leading
}

/// Lays out one paragraph (no line feeds) at `max_width` (may be infinite).
pub fn layout(fonts: &mut FontsView<'_>, text: &str, font: &FontId, max_width: f32, leading: f32) -> BidiLayout {
    let lh = line_height(fonts, font, leading);
    bidi::layout(text, max_width, lh, |piece, shaped| advances(fonts, piece, shaped, font))
}

/// The galleys of the visible pieces of `lines`, with their top-left positions.
pub fn galleys(
    fonts: &mut FontsView<'_>,
    origin: Pos2,
    layout: &BidiLayout,
    text: &str,
    font: &FontId,
    lines: Range<usize>,
) -> Vec<(Pos2, Arc<Galley>)> {
    let mut out = Vec::new();
    for line in &layout.lines[lines.start.min(layout.lines.len())..lines.end.min(layout.lines.len())] {
        for placed in &line.placed {
            let piece = &layout.pieces[placed.piece];
            if matches!(piece.kind, PieceKind::Space | PieceKind::Invisible) {
                continue;
            }
            let galley = fonts.layout_job(piece_job(&piece.shaping_text(text), font));
            let y = origin.y + line.y + (layout.line_height - galley.size().y) / 2.0;
            out.push((pos2(origin.x + placed.x, y), galley));
        }
    }
    out
}

/// Paints lines of a layout.
pub fn paint(painter: &Painter, placed: Vec<(Pos2, Arc<Galley>)>, color: Color32) {
    for (pos, galley) in placed {
        painter.galley(pos, galley, color);
    }
}

/// Screen rectangles covering a logical byte range of a layout placed at `origin`.
pub fn range_rects(layout: &BidiLayout, origin: Pos2, range: Range<usize>) -> Vec<Rect> {
    layout
        .spans_for_range(range)
        .into_iter()
        .map(|(line, x0, x1)| {
            let y = origin.y + layout.lines[line].y;
            Rect::from_min_max(pos2(origin.x + x0, y), pos2(origin.x + x1, y + layout.line_height))
        })
        .collect()
}

/// Cache of label layouts, shared through egui's temporary memory so that any widget code
/// can draw bidi text without threading a cache through. Holds measurements only.
#[derive(Default)]
struct LabelCache {
    map: HashMap<u64, Arc<BidiLayout>>,
}

fn label_cache(ctx: &egui::Context) -> Arc<Mutex<LabelCache>> {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Arc<Mutex<LabelCache>>>(egui::Id::unique("marsad_bidi_label_cache")).clone()
    })
}

/// A cached layout of `text`, keyed by text, font, width and pixel density.
pub fn cached_layout(ctx: &egui::Context, text: &str, font: &FontId, max_width: f32, leading: f32) -> Arc<BidiLayout> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    font.hash(&mut h);
    max_width.to_bits().hash(&mut h);
    leading.to_bits().hash(&mut h);
    ctx.pixels_per_point().to_bits().hash(&mut h);
    let key = h.finish();
    let cache = label_cache(ctx);
    if let Some(found) = cache.lock().ok().and_then(|c| c.map.get(&key).cloned()) {
        return found;
    }
    let made = Arc::new(ctx.fonts_mut(|f| layout(f, text, font, max_width, leading)));
    if let Ok(mut c) = cache.lock() {
        if c.map.len() > 20_000 {
            c.map.clear();
        }
        c.map.insert(key, made.clone());
    }
    made
}

/// A single-line label that renders right-to-left and mixed text in bidi order.
///
/// Left-to-right text goes through egui's own label. Right-to-left text is right-aligned
/// when `align_rtl_right` and clipped (its logical start stays visible) when too wide.
pub fn bidi_label(ui: &mut Ui, text: &str, font: FontId, color: Option<Color32>, align_rtl_right: bool) -> Response {
    let color = color.unwrap_or_else(|| ui.visuals().text_color());
    if !has_rtl(text) {
        return ui
            .add(egui::Label::new(egui::RichText::new(text).font(font).color(color)).truncate().selectable(false));
    }
    let text = text.replace(['\n', '\r', '\t'], " ");
    let layout = cached_layout(ui.ctx(), &text, &font, f32::INFINITY, 1.0);
    let width = layout.content_width();
    let available = ui.available_width().max(1.0);
    let fits = width <= available;
    let desired = if align_rtl_right && layout.rtl {
        vec2(available, layout.line_height)
    } else {
        vec2(width.min(available), layout.line_height)
    };
    // Hover only: clicks go to the row or button the label sits in.
    let (rect, response) = ui.allocate_exact_size(desired, Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    if ui.is_rect_visible(rect) {
        let x = if layout.rtl { rect.right() - width } else { rect.left() };
        // Clip sideways only: Naskh dots and marks reach beyond the line box vertically.
        let clip = Rect::from_x_y_ranges(rect.x_range(), rect.expand2(vec2(0.0, rect.height() * 0.5)).y_range());
        let painter = ui.painter().with_clip_rect(clip.intersect(ui.clip_rect()));
        let placed =
            ui.ctx().fonts_mut(|f| galleys(f, pos2(x, rect.top()), &layout, &text, &font, 0..layout.lines.len()));
        paint(&painter, placed, color);
    }
    if fits {
        response
    } else {
        response.on_hover_ui(|ui| {
            bidi_wrapped(ui, &text, egui::TextStyle::Body.resolve(ui.style()), None);
        })
    }
}

/// A wrapped paragraph (one or more lines separated by `\n`) in bidi order, using the
/// available width; right-to-left paragraphs are right-aligned.
pub fn bidi_wrapped(ui: &mut Ui, text: &str, font: FontId, color: Option<Color32>) -> Response {
    let color = color.unwrap_or_else(|| ui.visuals().text_color());
    let width = ui.available_width().max(20.0);
    // A small inset on both sides: Naskh glyphs overhang their advance a little.
    const INSET: f32 = 4.0;
    let text_width = (width - 2.0 * INSET).max(10.0);
    let layouts: Vec<(Arc<BidiLayout>, &str)> =
        text.split('\n').map(|p| (cached_layout(ui.ctx(), p, &font, text_width, 1.05), p)).collect();
    let height: f32 = layouts.iter().map(|(l, _)| l.height()).sum();
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    if ui.is_rect_visible(rect) {
        let mut y = rect.top();
        let painter = ui.painter();
        for (layout, para) in &layouts {
            let placed = ui
                .ctx()
                .fonts_mut(|f| galleys(f, pos2(rect.left() + INSET, y), layout, para, &font, 0..layout.lines.len()));
            paint(painter, placed, color);
            y += layout.height();
        }
    }
    response
}

/// Size a single-line bidi label would take (for table column sizing and tests).
pub fn label_size(ctx: &egui::Context, text: &str, font: &FontId) -> Vec2 {
    let layout = cached_layout(ctx, text, font, f32::INFINITY, 1.0);
    vec2(layout.content_width(), layout.line_height)
}
