//! The bundled font covers Arabic, and every symbol the window draws exists in some font
//! (egui would draw a box otherwise).

use egui::epaint::text::{Fonts, TextOptions};
use egui::{FontFamily, FontId};

fn fonts() -> Fonts {
    Fonts::new(TextOptions::default(), marsad::ui::fonts::font_definitions())
}

#[test]
fn arabic_letters_marks_and_digits_have_glyphs() {
    let mut fonts = fonts();
    let mut view = fonts.with_pixels_per_point(1.0);
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let font = FontId::new(16.0, family);
        for text in ["مرصد أوكرانيا ترامب", "يُنهي", "٠١٢٣٤٥٦٧٨٩", "،؛؟", "لا إ آ ة ى"]
        {
            for c in text.chars().filter(|c| !c.is_whitespace()) {
                assert!(view.has_glyph(&font, c), "{c:?} U+{:04X}", c as u32);
            }
        }
    }
}

#[test]
fn ui_symbols_have_glyphs() {
    let mut fonts = fonts();
    let mut view = fonts.with_pixels_per_point(1.0);
    let font = FontId::proportional(14.0);
    // Arrows and triangles are not in egui's fonts; the window paints those as shapes.
    for c in "×…–−·|—“”".chars() {
        assert!(view.has_glyph(&font, c), "{c:?}");
    }
}

/// With egui's real shaper: a joining Arabic run comes back in visual order, so the first
/// logical letter of a word is its rightmost glyph, and a number inside Arabic sits between
/// the words around it, digits left to right.
#[test]
fn real_shaping_maps_logical_offsets_to_the_right_glyphs() {
    let mut fonts = fonts();
    let mut view = fonts.with_pixels_per_point(1.0);
    let font = FontId::proportional(18.0);
    let text = "قال 123 شخصا اليوم";
    let layout = marsad::ui::text::layout(&mut view, text, &font, f32::INFINITY, 1.0);
    assert!(layout.rtl);
    let span = |s: &str| {
        let start = text.find(s).unwrap();
        let spans = layout.spans_for_range(start..start + s.len());
        assert_eq!(spans.len(), 1, "{s}");
        (spans[0].1, spans[0].2)
    };
    let qal = span("قال");
    let num = span("123");
    let shakhs = span("شخصا");
    let today = span("اليوم");
    // Right to left: قال, then 123, then شخصا, then اليوم.
    assert!(qal.0 > num.1 - 0.5, "{qal:?} {num:?}");
    assert!(num.0 > shakhs.1 - 0.5, "{num:?} {shakhs:?}");
    assert!(shakhs.0 > today.1 - 0.5, "{shakhs:?} {today:?}");
    // Digits left to right.
    let one = span("1");
    let three = span("3");
    assert!(one.1 <= three.0 + 0.5, "{one:?} {three:?}");
    // First letter of قال (ق) is the rightmost part of the word.
    let qaf = span("ق");
    assert!((qaf.1 - qal.1).abs() < 0.5 && qaf.0 > qal.0, "{qaf:?} {qal:?}");
    // Clicking the middle of the ق glyph finds it again.
    let mid = (qaf.0 + qaf.1) / 2.0;
    assert_eq!(layout.char_at(mid, layout.line_height / 2.0), Some(0));
}

/// Wrapped right-to-left paragraphs are right-aligned and break in logical order.
#[test]
fn real_layout_wraps_rtl_paragraphs_right_aligned() {
    let mut fonts = fonts();
    let mut view = fonts.with_pixels_per_point(1.0);
    let font = FontId::proportional(18.0);
    let text = "قال مستشارون للرئيس الأميركي دونالد ترامب ومسؤولون أوكرانيون إنهم سيواصلون اليوم السبت المناقشات حول خطة لإنهاء الحرب في أوكرانيا.";
    let width = 300.0;
    let layout = marsad::ui::text::layout(&mut view, text, &font, width, 1.2);
    assert!(layout.lines.len() >= 3);
    for (i, line) in layout.lines.iter().enumerate() {
        let right = line.placed.iter().map(|p| p.x + p.width).fold(0.0, f32::max);
        assert!((right - width).abs() < 1.0, "line {i} ends at {right}");
        assert!(line.width <= width + 0.5 || line.placed.len() == 1);
    }
    // Logical order of lines: the first line starts the text.
    assert_eq!(layout.lines[0].range.start, 0);
    assert!(text[layout.lines[0].range.clone()].starts_with("قال مستشارون"));
    assert!(text[layout.lines.last().unwrap().range.clone()].ends_with("أوكرانيا."));
}
