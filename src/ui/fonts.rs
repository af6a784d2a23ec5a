//! The bundled Arabic font.
//!
//! egui's default fonts have no Arabic glyphs, so without this every Arabic letter would be a
//! box (and egui_kittest refuses to render missing glyphs). Noto Naskh Arabic (OFL, see
//! `assets/fonts/OFL.txt`) is compiled into the binary so rendering never depends on the
//! system's fonts. It is added as a *fallback* for both families: Latin text keeps egui's own
//! look, and only characters the default fonts lack are drawn with Noto Naskh.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Name of the font in egui's font definitions.
pub const ARABIC_FONT_NAME: &str = "NotoNaskhArabic-Regular";

/// The font file, compiled in.
pub static ARABIC_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf");

/// egui's default font definitions plus the Arabic fallback for both families.
pub fn font_definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    add_arabic_fallback(&mut defs);
    defs
}

/// Appends the Arabic font to the proportional and monospace families of `defs`.
pub fn add_arabic_fallback(defs: &mut FontDefinitions) {
    let data = FontData::from_static(ARABIC_FONT);
    // No glyph scaling: a scale tweak drops the second component of composite glyphs (the
    // hamza of أ, the dots of final ي) at list sizes, so "أميركي" read "اميركى".
    defs.font_data.insert(ARABIC_FONT_NAME.to_owned(), Arc::new(data));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = defs.families.entry(family).or_default();
        if !list.iter().any(|n| n == ARABIC_FONT_NAME) {
            list.push(ARABIC_FONT_NAME.to_owned());
        }
    }
}

/// Installs the fonts into a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}
