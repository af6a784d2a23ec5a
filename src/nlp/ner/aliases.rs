//! Canonical names: every mention of an entity in a text gets the fullest name the text uses
//! for it ("ترامب" and "الرئيس ترامب" -> "دونالد ترامب"; "Trump" -> "Donald Trump").
//!
//! Names are compared as sequences of match keys: folded words, and for Arabic their
//! consonant skeleton without the article, so "الأميركية" and "الأمريكية" are one word.

use super::clitics::skeleton;
use super::tokens::tokenize;
use crate::nlp::normalize::is_arabic_letter;

/// The comparison key of one word of a name.
pub(crate) fn word_key(folded: &str) -> String {
    if folded.chars().any(is_arabic_letter) { skeleton(folded) } else { folded.to_string() }
}

/// The comparison keys of a name.
pub fn name_keys(name: &str) -> Vec<String> {
    tokenize(name).iter().filter(|t| t.folded.chars().any(char::is_alphanumeric)).map(|t| word_key(&t.folded)).collect()
}

/// True when `short` occurs as a contiguous run of words in `long`.
fn contained(short: &[String], long: &[String]) -> bool {
    // A name with no word left (only punctuation or a stripped title) contains nothing.
    !short.is_empty() && short.len() < long.len() && long.windows(short.len()).any(|w| w == short)
}

/// True when `short` is written in capitals and spells the initials of the capitalised
/// words of `long`: "BA" and "British Airways", "EU" and "European Union".
fn is_acronym_of(short: &str, long: &str) -> bool {
    let letters: Vec<char> = short.chars().filter(|c| *c != '.').collect();
    if !(2..=6).contains(&letters.len()) || !letters.iter().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let initials: String =
        long.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    initials.len() > 1 && initials.chars().eq(letters.iter().copied())
}

/// One mention as grouping sees it.
pub struct NameRef<'a> {
    /// The name as it should appear if it is the fullest (clitics and titles removed).
    pub name: &'a str,
    /// Entity class; names group only within a class.
    pub class: usize,
    /// A canonical name fixed in advance (watchlist entries), if any; the mention still
    /// groups by `name`, the words found in the text.
    pub fixed: Option<&'a str>,
}

/// Returns the canonical name of each mention.
pub fn canonicals(mentions: &[NameRef]) -> Vec<String> {
    // Distinct names, by (class, keys); first-seen order keeps the result deterministic.
    struct Name {
        class: usize,
        keys: Vec<String>,
        display: String,
        count: usize,
        canonical: Option<usize>,
    }
    let mut names: Vec<Name> = Vec::new();
    let mut mention_name = Vec::with_capacity(mentions.len());
    let mut index: std::collections::HashMap<(usize, Vec<String>), usize> = Default::default();
    for m in mentions {
        let keys = name_keys(m.name);
        let idx = match index.get(&(m.class, keys.clone())) {
            Some(&i) => i,
            None => {
                index.insert((m.class, keys.clone()), names.len());
                names.push(Name {
                    class: m.class,
                    keys,
                    display: m.fixed.unwrap_or(m.name).to_string(),
                    count: 0,
                    canonical: None,
                });
                names.len() - 1
            }
        };
        if let Some(f) = m.fixed {
            names[idx].display = f.to_string();
        }
        names[idx].count += 1;
        mention_name.push(idx);
    }
    // Longest names first, so a name's container already knows its own canonical.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(names[i].keys.len()), i));
    for &i in &order {
        let mut best: Option<usize> = None;
        for &j in &order {
            if names[j].keys.len() <= names[i].keys.len() {
                break;
            }
            let alias =
                contained(&names[i].keys, &names[j].keys) || is_acronym_of(&names[i].display, &names[j].display);
            if names[j].class == names[i].class
                && !names[i].keys.is_empty()
                && alias
                && best.is_none_or(|b| names[j].count > names[b].count)
            {
                best = Some(j);
            }
        }
        names[i].canonical = Some(best.map_or(i, |b| names[b].canonical.unwrap_or(b)));
    }
    mention_name.into_iter().map(|i| names[names[i].canonical.unwrap_or(i)].display.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs<'a>(names: &[(&'a str, usize)]) -> Vec<NameRef<'a>> {
        names.iter().map(|&(name, class)| NameRef { name, class, fixed: None }).collect()
    }

    #[test]
    fn groups_arabic_aliases_and_variants() {
        let m = refs(&[
            ("ترامب", 0),
            ("دونالد ترامب", 0),
            ("وزارة الخارجية الأميركية", 1),
            ("الخارجية الأمريكية", 1),
            ("ترامپ", 0),
        ]);
        let c = canonicals(&m);
        assert_eq!(c[0], "دونالد ترامب");
        assert_eq!(c[1], "دونالد ترامب");
        assert_eq!(c[3], "وزارة الخارجية الأميركية");
        assert_eq!(c[4], "ترامپ");
    }

    #[test]
    fn groups_english_aliases_within_a_type() {
        let m = refs(&[("Trump", 0), ("Donald Trump", 0), ("TRUMP", 0), ("Trump", 2)]);
        let c = canonicals(&m);
        assert_eq!(c, vec!["Donald Trump", "Donald Trump", "Donald Trump", "Trump"]);
    }

    #[test]
    fn digits_and_letter_variants_do_not_split_names() {
        assert_eq!(name_keys("القرار ٢٢٥٤"), name_keys("القرار 2254"));
        assert_eq!(name_keys("مصطفى"), name_keys("مصطفي"));
        assert_eq!(name_keys("إسرائيل"), name_keys("اسرائيل"));
        assert_eq!(name_keys("ترامـــب"), name_keys("تْرامب"));
    }

    #[test]
    fn groups_acronyms_with_their_long_form() {
        let m = refs(&[("BA", 1), ("British Airways", 1), ("U.S.", 2), ("United States of America", 2)]);
        let c = canonicals(&m);
        assert_eq!(c[0], "British Airways");
        assert_eq!(c[2], "U.S.");
        assert!(!is_acronym_of("Ba", "British Airways"));
    }

    #[test]
    fn fixed_names_win() {
        let m = vec![
            NameRef { name: "ويتكوف", class: 0, fixed: None },
            NameRef { name: "ستيف ويتكوف", class: 0, fixed: Some("Steve Witkoff") },
        ];
        let c = canonicals(&m);
        assert_eq!(c[1], "Steve Witkoff");
        // The surname alone groups with the watchlist entry found in the text.
        assert_eq!(c[0], "Steve Witkoff");
    }
}
