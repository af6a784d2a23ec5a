//! Publication dates as written on news pages, to ISO `YYYY-MM-DD`.
//!
//! Pages write dates many ways: `6th, December 2025 GMT`, `2025-12-06`, `6 ديسمبر 2025`,
//! `٦ كانون الأول ٢٠٢٥`, `December 6, 2025`, `06/12/2025`. Month names come in English, in the
//! Egyptian/Gulf transliterations (ديسمبر) and in the Levantine Syriac names (كانون الأول).

use crate::nlp::normalize::fold;

/// Month names after [`fold`], longest first so "كانون الاول" wins over a bare "كانون".
const MONTHS: &[(&str, u32)] = &[
    ("كانون الثاني", 1),
    ("كانون الاول", 12),
    ("تشرين الثاني", 11),
    ("تشرين الاول", 10),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
];

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Num(u32, usize),
    Month(u32),
}

/// Splits folded text into numbers (with their digit count) and month names.
fn parts(folded: &str) -> Vec<Part> {
    let words: Vec<&str> = folded.split(|c: char| !(c.is_alphanumeric())).filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            // "6th", "2025", "06t10" (ISO date-time): the leading number, suffixes ignored.
            if let Ok(n) = digits.parse() {
                out.push(Part::Num(n, digits.len()));
            }
            i += 1;
            continue;
        }
        // Two-word months first ("كانون الاول"), then one-word ones; "ال" never stands alone.
        if i + 1 < words.len() {
            let two = format!("{} {}", w, words[i + 1]);
            if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == two) {
                out.push(Part::Month(m));
                i += 2;
                continue;
            }
        }
        if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == w) {
            out.push(Part::Month(m));
        }
        i += 1;
    }
    out
}

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1800..=2200).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Parses the first date found in `text`, or `None`.
pub fn parse_date(text: &str) -> Option<String> {
    let parts = parts(&fold(text));
    for i in 0..parts.len() {
        let window = &parts[i..parts.len().min(i + 3)];
        match window {
            // 2025-12-06, 2025/12/06
            [Part::Num(y, 4), Part::Num(m, _), Part::Num(d, _), ..] => {
                if let Some(date) = valid(*y, *m, *d) {
                    return Some(date);
                }
            }
            // 6 December 2025, 6th, December 2025
            [Part::Num(d, 1..=2), Part::Month(m), Part::Num(y, 4), ..] => {
                if let Some(date) = valid(*y, *m, *d) {
                    return Some(date);
                }
            }
            // December 6, 2025
            [Part::Month(m), Part::Num(d, 1..=2), Part::Num(y, 4), ..] => {
                if let Some(date) = valid(*y, *m, *d) {
                    return Some(date);
                }
            }
            // 06/12/2025: day first, as written in Arabic and British media; month first
            // only when the day-first reading is impossible.
            [Part::Num(a, 1..=2), Part::Num(b, 1..=2), Part::Num(y, 4), ..] => {
                if let Some(date) = valid(*y, *b, *a).or_else(|| valid(*y, *a, *b)) {
                    return Some(date);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn english_forms() {
        assert_eq!(parse_date("6th, December 2025 GMT").as_deref(), Some("2025-12-06"));
        assert_eq!(parse_date("December 6, 2025").as_deref(), Some("2025-12-06"));
        assert_eq!(parse_date("Published: 1 Feb 2024 10:30").as_deref(), Some("2024-02-01"));
        assert_eq!(parse_date("2025-12-06T10:00:00Z").as_deref(), Some("2025-12-06"));
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(parse_date("6 ديسمبر 2025").as_deref(), Some("2025-12-06"));
        assert_eq!(parse_date("٦ ديسمبر ٢٠٢٥").as_deref(), Some("2025-12-06"));
        assert_eq!(parse_date("السبت ٦ كانون الأول ٢٠٢٥").as_deref(), Some("2025-12-06"));
        assert_eq!(parse_date("15 أغسطس 2024").as_deref(), Some("2024-08-15"));
        assert_eq!(parse_date("3 آب 2023").as_deref(), Some("2023-08-03"));
    }

    #[test]
    fn numeric_and_invalid() {
        assert_eq!(parse_date("06/12/2025").as_deref(), Some("2025-12-06"));
        assert_eq!(parse_date("12/25/2025").as_deref(), Some("2025-12-25"));
        assert_eq!(parse_date("31 February 2025"), None);
        assert_eq!(parse_date("no date here"), None);
    }
}
