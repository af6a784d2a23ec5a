//! Text normalization for matching, searching and features.
//!
//! Arabic is written with optional short vowels (harakat), an elongation character (tatweel),
//! several hamza-carrying forms of alef and regional spellings of final letters. Two spellings
//! of the same word must match, so every comparison goes through [`fold`]. The stored text is
//! never changed: these functions produce a *copy* for indexes and lookups.

use unicode_normalization::UnicodeNormalization;

/// True for Arabic combining marks that carry no letter identity: harakat, shadda, sukun,
/// superscript alef, Quranic annotation marks.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII and the Arabic
/// letters and digits that make up most of the text: tokenizing spent a twentieth of the
/// import's time in those tables.
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}') || c.is_alphanumeric()
}

/// Folds one already-NFKC character; `None` drops it.
#[inline]
fn fold_char(c: char) -> Option<char> {
    match c {
        _ if is_arabic_mark(c) => None,
        '\u{0640}' => None, // tatweel
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => None,
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' => Some('ي'),
        'ة' => Some('ه'),
        'ؤ' => Some('و'),
        'ئ' => Some('ي'),
        '٠'..='٩' => char::from_u32(c as u32 - '٠' as u32 + '0' as u32),
        '۰'..='۹' => char::from_u32(c as u32 - '۰' as u32 + '0' as u32),
        _ => Some(c),
    }
}

/// The search/matching form of a text: NFKC (folds legacy presentation forms), Arabic marks
/// and tatweel removed, alef/yeh/teh-marbuta/hamza variants unified, Arabic-Indic digits made
/// ASCII, Latin lower-cased. Word boundaries and punctuation are kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |c: char| {
        if let Some(f) = fold_char(c) {
            if f.is_ascii() {
                out.push(f.to_ascii_lowercase());
            } else {
                out.extend(f.to_lowercase());
            }
        }
    };
    // NFKC only changes compatibility characters (legacy presentation forms, ligatures,
    // full-width letters); the quick check proves most text has none and skips the full pass.
    if unicode_normalization::is_nfkc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        text.chars().for_each(&mut push);
    } else {
        text.nfkc().for_each(&mut push);
    }
    out
}

/// [`fold`] for a single token where the caller needs speed and no NFKC (tokens from already
/// clean text): same letter folding and lower-casing.
pub fn fold_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    for c in token.chars() {
        if let Some(f) = fold_char(c) {
            if f.is_ascii() {
                out.push(f.to_ascii_lowercase());
            } else {
                out.extend(f.to_lowercase());
            }
        }
    }
    out
}

/// True when the character is an Arabic letter (not a mark, digit or punctuation).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && !is_arabic_mark(c)
        && c != '\u{0640}'
}

/// Collapses runs of whitespace into one space and trims the ends.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_or_digit_agrees_with_the_standard_library() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn folds_hamza_forms_and_final_letters() {
        assert_eq!(fold("أوكرانيا"), fold("اوكرانيا"));
        assert_eq!(fold("الأمريكى"), "الامريكي");
        assert_eq!(fold("مدرسة"), "مدرسه");
        assert_eq!(fold("إسرائيل"), "اسراييل");
    }

    #[test]
    fn removes_harakat_and_tatweel() {
        assert_eq!(fold("يُنهي"), "ينهي");
        assert_eq!(fold("مـــثمر"), "مثمر");
        assert_eq!(fold("تمامًا"), "تماما");
    }

    #[test]
    fn folds_presentation_forms_and_digits() {
        // U+FEE3 U+FEAE U+FEBB U+FEA9: presentation forms of "مرصد" from legacy encodings.
        assert_eq!(fold("\u{FEE3}\u{FEAE}\u{FEBB}\u{FEA9}"), "مرصد");
        assert_eq!(fold("٦ ديسمبر ٢٠٢٥"), "6 ديسمبر 2025");
    }

    #[test]
    fn lowercases_latin_and_keeps_punctuation() {
        assert_eq!(fold("Donald TRUMP, said:"), "donald trump, said:");
        assert_eq!(fold_token("Trump"), "trump");
    }
}
