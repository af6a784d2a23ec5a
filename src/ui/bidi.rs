//! Bidirectional text layout, independent of any GUI toolkit.
//!
//! egui 0.37 shapes Arabic (harfrust) but knows nothing of the Unicode Bidirectional
//! Algorithm: it shapes each font run in the direction of its script and then places the runs
//! left to right in *logical* order. Mixed Arabic/Latin/digit lines therefore come out
//! scrambled. This module does the bidi part itself:
//!
//! 1. [`analyze`] resolves embedding levels with `unicode-bidi` (paragraph direction from the
//!    first strong character) and cuts the paragraph into [`Piece`]s: runs of one level that a
//!    shaper can render on its own with the right internal order — whitespace, a word, a run of
//!    joining Arabic letters, or a single neutral character inside right-to-left text.
//! 2. [`layout`] measures every piece through a caller-supplied function (egui in the app,
//!    fixed widths in tests), breaks lines greedily at whitespace **in logical order**, drops
//!    trailing whitespace (rule L1), reorders each line's pieces by rule L2 and right-aligns
//!    right-to-left paragraphs.
//! 3. [`BidiLayout`] maps both ways: a logical byte range to the rectangles it covers
//!    (highlights, underlines, selection) and a point back to a logical byte offset (mouse
//!    selection for span tagging).
//!
//! Offsets are byte offsets into the paragraph text, like the rest of Marsad.

use std::borrow::Cow;
use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// How a piece must be handed to the shaper so that its glyphs come out in visual order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Whitespace: measured, never drawn, the only place a line may break.
    Space,
    /// Text the shaper orders correctly by itself: a Latin/digit word at an even level, or a
    /// run of joining right-to-left letters (with their marks) at an odd level.
    Text,
    /// An even-level run (Arabic-Indic digits, say) whose characters belong to the Arabic
    /// script. The shaper would lay these out right-to-left, so they are passed reversed.
    ReversedForShaper,
    /// A single neutral character (punctuation, bracket) at an odd level, drawn on its own with
    /// its mirror glyph where it has one (rule L4).
    Mirrored(char),
    /// A bidi formatting character (LRM, RLM, ALM, embeddings, isolates, BOM): it steers the
    /// algorithm but has no width and is never drawn (rule X9).
    Invisible,
}

/// A run of text of one embedding level that is shaped as a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Logical byte range in the paragraph.
    pub range: Range<usize>,
    /// Resolved embedding level (odd = right-to-left).
    pub level: u8,
    pub kind: PieceKind,
}

impl Piece {
    /// Whether the piece's characters run right-to-left on screen.
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }

    /// The string to give the shaper for this piece.
    pub fn shaping_text<'a>(&self, paragraph: &'a str) -> Cow<'a, str> {
        let text = &paragraph[self.range.clone()];
        match self.kind {
            PieceKind::Space | PieceKind::Text | PieceKind::Invisible => Cow::Borrowed(text),
            PieceKind::ReversedForShaper => Cow::Owned(text.chars().rev().collect()),
            PieceKind::Mirrored(c) => Cow::Owned(c.to_string()),
        }
    }
}

/// Result of [`analyze`]: the paragraph direction and its pieces in logical order.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub rtl: bool,
    pub pieces: Vec<Piece>,
}

/// The mirror glyph of a bracket-like character (Unicode `Bidi_Mirroring_Glyph`, common cases).
pub fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '⁅' => '⁆',
        '⁆' => '⁅',
        '≤' => '≥',
        '≥' => '≤',
        '﴾' => '﴿',
        '﴿' => '﴾',
        other => other,
    }
}

/// Characters that an odd-level piece may contain and still be shaped as one right-to-left
/// run: strong RTL letters, combining marks and invisible joiners.
fn joins_rtl(class: BidiClass) -> bool {
    matches!(class, BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN)
}

/// Bidi formatting characters: they steer the algorithm and are not displayed.
fn is_bidi_format(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Whether the shaper would guess the Arabic script (and so a right-to-left direction) for `c`.
fn is_arabic_script(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cat {
    Invisible,
    Space,
    Word,
    RtlJoin,
    RtlNeutral,
}

/// Resolves levels and cuts `text` (one paragraph, no line feeds) into pieces.
pub fn analyze(text: &str) -> Analysis {
    if text.is_empty() {
        return Analysis { rtl: false, pieces: Vec::new() };
    }
    let info = BidiInfo::new(text, None);
    let rtl = info.paragraphs.first().is_some_and(|p| p.level.is_rtl());

    let mut pieces: Vec<Piece> = Vec::new();
    let mut current: Option<(usize, u8, Cat)> = None;
    let close = |pieces: &mut Vec<Piece>, start: usize, end: usize, level: u8, cat: Cat| {
        let slice = &text[start..end];
        let kind = match cat {
            Cat::Space => PieceKind::Space,
            Cat::Invisible => PieceKind::Invisible,
            Cat::RtlJoin => PieceKind::Text,
            Cat::RtlNeutral => PieceKind::Mirrored(mirror(slice.chars().next().unwrap_or(' '))),
            Cat::Word if slice.chars().any(is_arabic_script) => PieceKind::ReversedForShaper,
            Cat::Word => PieceKind::Text,
        };
        pieces.push(Piece { range: start..end, level, kind });
    };

    for (i, c) in text.char_indices() {
        // Line and paragraph separators inside a "paragraph" are treated as spaces.
        let level = info.levels[i].number();
        let cat = if is_bidi_format(c) {
            Cat::Invisible
        } else if c.is_whitespace() {
            Cat::Space
        } else if level % 2 == 1 {
            if joins_rtl(bidi_class(c)) { Cat::RtlJoin } else { Cat::RtlNeutral }
        } else {
            Cat::Word
        };
        match current {
            Some((start, l, k)) if l == level && k == cat && !matches!(cat, Cat::RtlNeutral | Cat::Invisible) => {
                let _ = start;
            }
            Some((start, l, k)) => {
                close(&mut pieces, start, i, l, k);
                current = Some((i, level, cat));
            }
            None => current = Some((i, level, cat)),
        }
    }
    if let Some((start, l, k)) = current {
        close(&mut pieces, start, text.len(), l, k);
    }
    Analysis { rtl, pieces }
}

/// A piece placed on a line, in visual order.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Index into [`BidiLayout::pieces`].
    pub piece: usize,
    /// Left edge, relative to the layout's left edge (alignment included).
    pub x: f32,
    pub width: f32,
}

/// One visual line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Logical byte range, trailing whitespace included.
    pub range: Range<usize>,
    /// Non-space pieces and inner spaces, left to right on screen.
    pub placed: Vec<Placed>,
    /// Top of the line, relative to the layout's top.
    pub y: f32,
    /// Width of the visible content.
    pub width: f32,
}

/// A laid-out paragraph.
#[derive(Debug, Clone)]
pub struct BidiLayout {
    pub rtl: bool,
    pub text_len: usize,
    pub pieces: Vec<Piece>,
    /// Per-character advances of every piece, logical order, flattened; see `adv_start`.
    advances: Vec<f32>,
    adv_start: Vec<usize>,
    /// Byte offset of every character boundary per piece, flattened like `advances`
    /// (`n + 1` entries per piece).
    bounds: Vec<usize>,
    pub lines: Vec<Line>,
    pub line_height: f32,
    /// Width the layout was made for (alignment box); may be infinite for single lines.
    pub max_width: f32,
}

/// Lays out one paragraph.
///
/// `measure(piece, shaping_text)` returns the advance of every character of the piece in
/// **logical** order (the sum is the piece's width). `max_width` may be `f32::INFINITY` for a
/// single line; then right-to-left text is aligned at x = 0 and callers align the whole line.
pub fn layout(
    text: &str,
    max_width: f32,
    line_height: f32,
    mut measure: impl FnMut(&Piece, &str) -> Vec<f32>,
) -> BidiLayout {
    let Analysis { rtl, pieces: analysed } = analyze(text);

    let mut pieces = Vec::with_capacity(analysed.len());
    let mut advances = Vec::with_capacity(text.len());
    let mut adv_start = Vec::with_capacity(analysed.len() + 1);
    let mut bounds = Vec::with_capacity(text.len() + analysed.len());
    let mut widths = Vec::with_capacity(analysed.len());
    let mut push = |piece: Piece, adv: &[f32]| {
        let slice = &text[piece.range.clone()];
        widths.push(adv.iter().sum::<f32>());
        adv_start.push(advances.len());
        advances.extend_from_slice(adv);
        bounds.extend(slice.char_indices().map(|(i, _)| piece.range.start + i));
        bounds.push(piece.range.end);
        pieces.push(piece);
    };
    for piece in analysed {
        let slice = &text[piece.range.clone()];
        let n = slice.chars().count();
        let shaped = piece.shaping_text(text);
        let mut adv = if piece.kind == PieceKind::Invisible { vec![0.0; n] } else { measure(&piece, &shaped) };
        if adv.len() != n {
            // The shaper merged or split characters unexpectedly: spread the width evenly.
            let total: f32 = adv.iter().sum();
            adv = vec![total / n.max(1) as f32; n];
        }
        let total: f32 = adv.iter().sum();
        // A left-to-right word wider than the line (a URL, say) is cut into chunks that fit,
        // so it can wrap instead of running out of the column. Such text has no joining.
        if total > max_width && !piece.is_rtl() && matches!(piece.kind, PieceKind::Text) && n > 1 {
            let starts: Vec<usize> = slice.char_indices().map(|(i, _)| piece.range.start + i).collect();
            let mut k = 0;
            while k < n {
                let mut w = 0.0;
                let mut e = k;
                while e < n && (e == k || w + adv[e] <= max_width) {
                    w += adv[e];
                    e += 1;
                }
                let end = if e < n { starts[e] } else { piece.range.end };
                push(Piece { range: starts[k]..end, level: piece.level, kind: piece.kind }, &adv[k..e]);
                k = e;
            }
        } else {
            push(piece, &adv);
        }
    }
    adv_start.push(advances.len());

    // Greedy line breaking in logical order: after whitespace, or between the pieces of a unit
    // that is wider than the line on its own.
    let mut line_spans: Vec<Range<usize>> = Vec::new(); // piece index ranges
    let mut line_start = 0;
    let mut width = 0.0f32;
    let mut i = 0;
    while i < pieces.len() {
        // One unit = non-space pieces followed by their spaces.
        let mut j = i;
        let mut content = 0.0;
        while j < pieces.len() && pieces[j].kind != PieceKind::Space {
            content += widths[j];
            j += 1;
        }
        let content_end = j;
        let mut spaces = 0.0;
        while j < pieces.len() && pieces[j].kind == PieceKind::Space {
            spaces += widths[j];
            j += 1;
        }
        if i > line_start && width + content > max_width {
            line_spans.push(line_start..i);
            line_start = i;
            width = 0.0;
        }
        if content > max_width {
            for (p, w) in widths.iter().enumerate().take(content_end).skip(i) {
                if p > line_start && width + w > max_width {
                    line_spans.push(line_start..p);
                    line_start = p;
                    width = 0.0;
                }
                width += w;
            }
            width += spaces;
        } else {
            width += content + spaces;
        }
        i = j;
    }
    line_spans.push(line_start..pieces.len());

    let mut lines = Vec::with_capacity(line_spans.len());
    for (n, span) in line_spans.into_iter().enumerate() {
        let range = match (pieces.get(span.start), span.end.checked_sub(1)) {
            (Some(first), Some(last)) if span.start < span.end => first.range.start..pieces[last].range.end,
            _ => text.len()..text.len(),
        };
        // Rule L1: trailing whitespace takes the paragraph level; it is invisible, so drop it.
        let mut end = span.end;
        while end > span.start && pieces[end - 1].kind == PieceKind::Space {
            end -= 1;
        }
        let levels: Vec<u8> = (span.start..end).map(|p| pieces[p].level).collect();
        let order = reorder(&levels);
        let mut x = 0.0;
        let mut placed = Vec::with_capacity(order.len());
        for k in order {
            let p = span.start + k;
            placed.push(Placed { piece: p, x, width: widths[p] });
            x += widths[p];
        }
        let shift = if rtl && max_width.is_finite() { (max_width - x).max(0.0) } else { 0.0 };
        for p in &mut placed {
            p.x += shift;
        }
        lines.push(Line { range, placed, y: n as f32 * line_height, width: x });
    }

    BidiLayout { rtl, text_len: text.len(), pieces, advances, adv_start, bounds, lines, line_height, max_width }
}

/// Rule L2: the visual order of items with the given levels (indices into `levels`).
pub fn reorder(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&max) = levels.iter().max() else {
        return order;
    };
    let min_odd = levels.iter().copied().filter(|l| l % 2 == 1).min();
    let Some(min_odd) = min_odd else {
        return order;
    };
    let mut level = max;
    while level >= min_odd {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        if level == 0 {
            break;
        }
        level -= 1;
    }
    order
}

impl BidiLayout {
    /// Total height of the paragraph.
    pub fn height(&self) -> f32 {
        self.lines.len().max(1) as f32 * self.line_height
    }

    /// Widest line.
    pub fn content_width(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }

    fn piece_advances(&self, piece: usize) -> &[f32] {
        &self.advances[self.adv_start[piece]..self.adv_start[piece + 1]]
    }

    fn piece_bounds(&self, piece: usize) -> &[usize] {
        let start = self.adv_start[piece] + piece;
        let end = self.adv_start[piece + 1] + piece + 1;
        &self.bounds[start..end]
    }

    /// The x positions (relative to the piece's left edge) of each logical character
    /// boundary of a piece: entry `k` is where the boundary before character `k` is drawn.
    fn boundary_xs(&self, piece: usize, width: f32) -> Vec<f32> {
        let adv = self.piece_advances(piece);
        let rtl = self.pieces[piece].is_rtl();
        let mut xs = Vec::with_capacity(adv.len() + 1);
        let mut acc = 0.0;
        xs.push(if rtl { width } else { 0.0 });
        for a in adv {
            acc += a;
            xs.push(if rtl { width - acc } else { acc });
        }
        xs
    }

    /// Horizontal spans, one per line and contiguous visual stretch, covered by a logical byte
    /// range: `(line index, x0, x1)`. Used for highlights, underlines and selections.
    pub fn spans_for_range(&self, range: Range<usize>) -> Vec<(usize, f32, f32)> {
        let mut out: Vec<(usize, f32, f32)> = Vec::new();
        if range.start >= range.end {
            return out;
        }
        for (li, line) in self.lines.iter().enumerate() {
            if line.range.end <= range.start || line.range.start >= range.end {
                continue;
            }
            for placed in &line.placed {
                let piece = &self.pieces[placed.piece];
                if piece.range.end <= range.start || piece.range.start >= range.end {
                    continue;
                }
                let bounds = self.piece_bounds(placed.piece);
                let xs = self.boundary_xs(placed.piece, placed.width);
                let mut lo = f32::INFINITY;
                let mut hi = f32::NEG_INFINITY;
                for k in 0..bounds.len() - 1 {
                    if bounds[k] >= range.start && bounds[k + 1] <= range.end {
                        lo = lo.min(xs[k].min(xs[k + 1]));
                        hi = hi.max(xs[k].max(xs[k + 1]));
                    }
                }
                if lo <= hi {
                    let (x0, x1) = (placed.x + lo, placed.x + hi);
                    match out.last_mut() {
                        Some((l, _, e)) if *l == li && (*e - x0).abs() < 0.5 => *e = x1,
                        _ => out.push((li, x0, x1)),
                    }
                }
            }
        }
        out
    }

    /// The line holding a logical byte offset.
    pub fn line_of(&self, byte: usize) -> usize {
        self.lines.iter().position(|l| byte < l.range.end).unwrap_or(self.lines.len().saturating_sub(1))
    }

    /// The logical byte offset (a character boundary) nearest to the point `(x, y)`, relative to
    /// the layout's top-left corner.
    pub fn byte_at(&self, x: f32, y: f32) -> usize {
        if self.lines.is_empty() {
            return 0;
        }
        let li = ((y / self.line_height).floor().max(0.0) as usize).min(self.lines.len() - 1);
        let line = &self.lines[li];
        let (Some(first), Some(last)) = (line.placed.first(), line.placed.last()) else {
            return line.range.start;
        };
        // Beyond the ends of the line: the logical start or the end of the visible content,
        // depending on direction.
        let content_end = line.placed.iter().map(|p| self.pieces[p.piece].range.end).max().unwrap_or(line.range.start);
        let right_end = last.x + last.width;
        if x < first.x || x >= right_end {
            let at_left = x < first.x;
            return if at_left == self.rtl { content_end } else { line.range.start };
        }
        let placed = line.placed.iter().find(|p| x < p.x + p.width).unwrap_or(last);
        let bounds = self.piece_bounds(placed.piece);
        let xs = self.boundary_xs(placed.piece, placed.width);
        let local = x - placed.x;
        // The boundary whose drawn position is nearest.
        let mut best = 0;
        let mut best_d = f32::INFINITY;
        for (k, bx) in xs.iter().enumerate() {
            let d = (bx - local).abs();
            if d < best_d {
                best_d = d;
                best = k;
            }
        }
        bounds[best]
    }

    /// The logical byte offset of the character under `(x, y)`, if the point is on a glyph.
    pub fn char_at(&self, x: f32, y: f32) -> Option<usize> {
        if y < 0.0 || y >= self.height() {
            return None;
        }
        let li = (y / self.line_height) as usize;
        let line = self.lines.get(li)?;
        let placed = line.placed.iter().find(|p| x >= p.x && x < p.x + p.width)?;
        let bounds = self.piece_bounds(placed.piece);
        let xs = self.boundary_xs(placed.piece, placed.width);
        let local = x - placed.x;
        (0..bounds.len() - 1)
            .find(|&k| local >= xs[k].min(xs[k + 1]) && local < xs[k].max(xs[k + 1]))
            .map(|k| bounds[k])
    }

    /// Where the caret for a logical byte offset is drawn: `(line, x)`.
    pub fn caret(&self, byte: usize) -> (usize, f32) {
        let li = self.line_of(byte);
        let Some(line) = self.lines.get(li) else {
            return (0, 0.0);
        };
        for placed in &line.placed {
            let piece = &self.pieces[placed.piece];
            if piece.range.start <= byte && byte <= piece.range.end {
                let bounds = self.piece_bounds(placed.piece);
                let xs = self.boundary_xs(placed.piece, placed.width);
                if let Some(k) = bounds.iter().position(|&b| b >= byte) {
                    return (li, placed.x + xs[k]);
                }
            }
        }
        let x = match (self.rtl, line.placed.first(), line.placed.last()) {
            (true, Some(first), _) => first.x,
            (false, _, Some(last)) => last.x + last.width,
            _ => 0.0,
        };
        (li, x)
    }

    /// The text of a line as it appears on screen, left to right, one character per glyph
    /// position (right-to-left pieces reversed, brackets mirrored). For tests and debugging.
    pub fn visual_line(&self, text: &str, line: usize) -> String {
        let mut out = String::new();
        let Some(line) = self.lines.get(line) else {
            return out;
        };
        for placed in &line.placed {
            let piece = &self.pieces[placed.piece];
            let slice = &text[piece.range.clone()];
            match piece.kind {
                PieceKind::Mirrored(c) => out.push(c),
                PieceKind::Invisible => {}
                PieceKind::Text | PieceKind::Space if piece.is_rtl() => out.extend(slice.chars().rev()),
                _ => out.push_str(slice),
            }
        }
        out
    }
}

/// A quick fixed-width layout: every character is `char_width` wide. Used by tests and by
/// height estimates before real measurement.
pub fn layout_fixed(text: &str, max_width: f32, char_width: f32) -> BidiLayout {
    layout(text, max_width, 1.0, |piece, shaped| {
        let _ = piece;
        vec![char_width; shaped.chars().count()]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visual(text: &str) -> String {
        let l = layout_fixed(text, f32::INFINITY, 1.0);
        (0..l.lines.len()).map(|i| l.visual_line(text, i)).collect::<Vec<_>>().join("\n")
    }

    fn rev(s: &str) -> String {
        s.chars().rev().collect()
    }

    #[test]
    fn paragraph_direction_from_first_strong_character() {
        assert!(analyze("123 مرحبا").rtl);
        assert!(!analyze("CNN قالت").rtl);
        assert!(analyze("«قال» the man").rtl);
        assert!(!analyze("2025").rtl);
    }

    #[test]
    fn numbers_keep_their_order_inside_arabic() {
        let text = "قال 123 شخصا";
        assert_eq!(visual(text), format!("{} 123 {}", rev("شخصا"), rev("قال")));
    }

    #[test]
    fn latin_is_not_reversed_inside_arabic() {
        let text = "ذكرت شبكة CNN News اليوم";
        assert_eq!(visual(text), format!("{} CNN News {} {}", rev("اليوم"), rev("شبكة"), rev("ذكرت")));
    }

    #[test]
    fn arabic_indic_digits_read_left_to_right() {
        let text = "عام ٢٠٢٥ م";
        let l = layout_fixed(text, f32::INFINITY, 1.0);
        assert_eq!(l.visual_line(text, 0), format!("م ٢٠٢٥ {}", rev("عام")));
        let digits = l.pieces.iter().find(|p| &text[p.range.clone()] == "٢٠٢٥").unwrap();
        assert_eq!(digits.kind, PieceKind::ReversedForShaper);
        assert_eq!(digits.shaping_text(text), "٥٢٠٢");
    }

    #[test]
    fn punctuation_lands_on_the_logical_end_side() {
        // Final full stop and question mark of an RTL paragraph are drawn at its left end.
        assert_eq!(visual("مرحبا."), format!(".{}", rev("مرحبا")));
        assert_eq!(visual("هل أنت بخير؟"), format!("؟{} {} {}", rev("بخير"), rev("أنت"), rev("هل")));
        // Arabic comma after a word, and a colon before a quotation.
        assert_eq!(visual("قال، ثم"), format!("{} ،{}", rev("ثم"), rev("قال")));
    }

    #[test]
    fn brackets_are_mirrored_in_rtl_text() {
        let text = "قالت (CNN) إن";
        assert_eq!(visual(text), format!("{} (CNN) {}", rev("إن"), rev("قالت")));
        let text = "قال (مصدر) أمس";
        assert_eq!(visual(text), format!("{} ({}) {}", rev("أمس"), rev("مصدر"), rev("قال")));
    }

    #[test]
    fn percent_and_quotes_in_rtl_text() {
        // After Arabic letters European digits are Arabic numbers (rule W2), so a following
        // percent sign resolves right-to-left and is drawn left of the number, as browsers do.
        let text = "بنسبة 50% تقريبا";
        assert_eq!(visual(text), format!("{} %50 {}", rev("تقريبا"), rev("بنسبة")));
        let text = "قال \"نعم\" اليوم";
        assert_eq!(visual(text), format!("{} \"{}\" {}", rev("اليوم"), rev("نعم"), rev("قال")));
    }

    #[test]
    fn arabic_inside_english_keeps_english_order() {
        let text = "The word سلام عليكم means peace.";
        assert_eq!(visual(text), format!("The word {} {} means peace.", rev("عليكم"), rev("سلام")));
    }

    #[test]
    fn rtl_lines_break_in_logical_order_and_align_right() {
        // Five 4-letter words, 4 + 1 wide each; 10 units per line fits two words.
        let text = "اول1 ثان2 ثال3 راب4 خام5";
        let words: Vec<&str> = text.split(' ').collect();
        let l = layout_fixed(text, 10.0, 1.0);
        assert_eq!(l.lines.len(), 3);
        // First line holds the first two words in logical order...
        assert_eq!(&text[l.lines[0].range.clone()], "اول1 ثان2 ");
        // ...drawn with the first word at the right.
        let line0 = l.visual_line(text, 0);
        assert!(line0.ends_with(&rev("اول")[..]) || line0.contains(&rev("اول")));
        let first_word_x = l.caret(0).1;
        let second_word_x = l.caret(text.find(words[1]).unwrap()).1;
        assert!(first_word_x > second_word_x, "{first_word_x} > {second_word_x}");
        // Right aligned: the line's right edge is the box's right edge.
        let last = l.lines[0].placed.last().unwrap();
        assert!((last.x + last.width - 10.0).abs() < 1e-3);
        // The last, short line is right aligned too.
        let line2 = &l.lines[2];
        assert!((line2.placed.last().unwrap().x + line2.placed.last().unwrap().width - 10.0).abs() < 1e-3);
    }

    #[test]
    fn reorder_follows_rule_l2() {
        assert_eq!(reorder(&[0, 0, 0]), vec![0, 1, 2]);
        assert_eq!(reorder(&[1, 1, 1]), vec![2, 1, 0]);
        assert_eq!(reorder(&[1, 2, 2, 1]), vec![3, 1, 2, 0]);
        assert_eq!(reorder(&[0, 1, 1, 0]), vec![0, 2, 1, 3]);
    }

    #[test]
    fn logical_range_maps_to_visual_span_on_mixed_line() {
        // "قال 123 شخصا": visual "اصخش 123 لاق", one unit per char.
        let text = "قال 123 شخصا";
        let l = layout_fixed(text, f32::INFINITY, 1.0);
        let digits = text.find("123").unwrap();
        assert_eq!(l.spans_for_range(digits..digits + 3), vec![(0, 5.0, 8.0)]);
        // The first word is at the right end.
        assert_eq!(l.spans_for_range(0.."قال".len()), vec![(0, 9.0, 12.0)]);
        // Its first letter (ق) is its rightmost glyph.
        assert_eq!(l.spans_for_range(0.."ق".len()), vec![(0, 11.0, 12.0)]);
        // A logical range crossing the number is one contiguous stretch on screen here...
        let start = "قال ".len();
        let end = text.len();
        assert_eq!(l.spans_for_range(start..end), vec![(0, 0.0, 8.0)]);
    }

    #[test]
    fn logical_range_across_direction_change_is_split_visually() {
        // RTL paragraph with English inside: "ذكر CNN ABC" has visual "CNN ABC ركذ";
        // the logical range "ر CN" covers the end of the Arabic word, the space after it and
        // the start of the English run, which are not adjacent on screen.
        let text = "ذكر CNN ABC";
        let l = layout_fixed(text, f32::INFINITY, 1.0);
        assert_eq!(l.visual_line(text, 0), format!("CNN ABC {}", rev("ذكر")));
        let start = "ذك".len();
        let end = text.find("CNN").unwrap() + 2;
        let spans = l.spans_for_range(start..end);
        assert_eq!(spans, vec![(0, 0.0, 2.0), (0, 7.0, 9.0)]);
    }

    #[test]
    fn click_maps_back_to_logical_offsets() {
        let text = "قال 123 شخصا";
        let l = layout_fixed(text, f32::INFINITY, 1.0);
        // Visual: [ا ص خ ش][ ][1 2 3][ ][ل ا ق] at x = 0..12.
        // Between "1" and "2" (x = 6) is logical offset of "2".
        assert_eq!(l.byte_at(6.0, 0.5), text.find('2').unwrap());
        // Right edge is the logical start of an RTL line; left edge its end.
        assert_eq!(l.byte_at(11.9, 0.5), 0);
        assert_eq!(l.byte_at(0.1, 0.5), text.len());
        // The glyph at x = 11.5 is ق, at x = 0.5 is ا (last letter of شخصا).
        assert_eq!(l.char_at(11.5, 0.5), Some(0));
        assert_eq!(l.char_at(0.5, 0.5), Some(text.len() - "ا".len()));
        // The caret of the number's start is left of "1".
        assert_eq!(l.caret(text.find('1').unwrap()), (0, 5.0));
    }

    #[test]
    fn every_character_round_trips_through_its_visual_position() {
        let text = "وقال المتحدث باسم شركة Acme Corp إن الأرباح ارتفعت 12% في 2025 (تقريبا).";
        let l = layout_fixed(text, 30.0, 1.0);
        assert!(l.lines.len() > 2);
        for (i, c) in text.char_indices() {
            let spans = l.spans_for_range(i..i + c.len_utf8());
            if c == ' ' && spans.is_empty() {
                continue; // trailing space of a line: not drawn
            }
            assert_eq!(spans.len(), 1, "char {i} {c:?}");
            let (line, x0, x1) = spans[0];
            let y = line as f32 + 0.5;
            assert_eq!(l.char_at((x0 + x1) / 2.0, y), Some(i), "char {i} {c:?}");
            // A click on its right half of an RTL glyph lands before it, logically.
            let rtl_glyph = l.pieces.iter().find(|p| p.range.contains(&i)).is_some_and(|p| p.is_rtl());
            let before = l.byte_at(x1 - 0.1, y);
            let after = l.byte_at(x0 + 0.1, y);
            if rtl_glyph {
                assert_eq!((before, after), (i, i + c.len_utf8()), "char {i} {c:?}");
            } else {
                assert_eq!((after, before), (i, i + c.len_utf8()), "char {i} {c:?}");
            }
        }
    }

    #[test]
    fn an_overlong_url_wraps_inside_rtl_text() {
        let url = "https://example.com/a/very/long/path/that/does/not/fit";
        let text = format!("المصدر {url} اليوم");
        let l = layout_fixed(&text, 20.0, 1.0);
        // Every line fits the column and the URL's characters keep their order.
        for line in &l.lines {
            assert!(line.width <= 20.0 + 1e-3, "{line:?}");
        }
        let visual: String = (0..l.lines.len()).map(|i| l.visual_line(&text, i)).collect();
        assert!(visual.contains("https://example.com"), "{visual}");
        assert_eq!(l.spans_for_range(0..text.len()).len(), l.lines.len());
    }

    #[test]
    fn bidi_controls_steer_but_are_not_drawn() {
        // An RLM after a Latin word at the end of an RTL sentence keeps the full stop with
        // the Arabic; the RLM itself takes no room.
        let text = "قالت CNN\u{200F}.";
        let l = layout_fixed(text, f32::INFINITY, 1.0);
        assert_eq!(l.visual_line(text, 0), format!(".CNN {}", rev("قالت")));
        assert_eq!(l.lines[0].width, (text.chars().count() - 1) as f32);
        // An isolate around a number.
        let text = "العدد \u{2066}123\u{2069} كبير";
        let l = layout_fixed(text, f32::INFINITY, 1.0);
        assert_eq!(l.visual_line(text, 0), format!("{} 123 {}", rev("كبير"), rev("العدد")));
    }

    #[test]
    fn empty_and_whitespace_paragraphs() {
        let l = layout_fixed("", 100.0, 1.0);
        assert_eq!(l.lines.len(), 1);
        assert_eq!(l.byte_at(3.0, 0.5), 0);
        let l = layout_fixed("   ", 100.0, 1.0);
        assert_eq!(l.lines.len(), 1);
        assert!(l.lines[0].placed.is_empty());
    }
}
