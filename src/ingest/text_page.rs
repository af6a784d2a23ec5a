//! Scraped news pages as plain text: the everyday case.
//!
//! A scrape of a news site or aggregator holds more than the article: metadata lines
//! (`تاريخ النشر:`, `Source:`), advertisement markers glued to the next word (`إعلانوأضاف`),
//! subheadings glued to the next sentence (`تفاؤل بالبيت الأبيضوكان`), and "read also" blocks
//! holding whole other articles or bare headlines. This module turns such a page into a
//! [`PageDraft`]: the main article, the read-also articles, and the related headlines.

use super::{dates::parse_date, language::detect};
use crate::model::{ArticleDraft, PageDraft};
use crate::nlp::normalize::{fold, is_arabic_mark};

/// Lines that are page furniture, compared after [`fold`].
const BOILERPLATE_LINES: &[&str] = &[
    "اعلان",
    "advertisement",
    "ad",
    "شارك",
    "مشاركه",
    "share",
    "share this article",
    "share this",
    "اقرا المزيد",
    "subscribe",
    "اشترك",
    "تابعنا",
    "follow us",
];

/// Markers glued to the start of the next word by careless scrapers, compared after [`fold`].
const GLUED_PREFIX_MARKERS: &[&str] = &["اعلان", "advertisement"];

/// Words that open a block of links to other articles, compared after [`fold`].
const READ_ALSO_MARKERS: &[&str] = &[
    "اقرا ايضا",
    "اقرا كذلك",
    "اقرا المزيد",
    "شاهد ايضا",
    "مواضيع ذات صله",
    "اخبار ذات صله",
    "ذات صله",
    "read more",
    "read also",
    "also read",
    "see also",
    "related articles",
    "related stories",
    "related",
    "more on this story",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum MetaField {
    Published,
    Source,
    Keywords,
    Author,
}

/// Metadata labels, folded, each followed by `:` on the page.
const META_LABELS: &[(&str, MetaField)] = &[
    ("تاريخ النشر", MetaField::Published),
    ("نشر بتاريخ", MetaField::Published),
    ("نشر في", MetaField::Published),
    ("تاريخ", MetaField::Published),
    ("published on", MetaField::Published),
    ("published", MetaField::Published),
    ("date", MetaField::Published),
    ("المصدر", MetaField::Source),
    ("source", MetaField::Source),
    ("كلمات دلاليه", MetaField::Keywords),
    ("الكلمات الدلاليه", MetaField::Keywords),
    ("الكلمات المفتاحيه", MetaField::Keywords),
    ("كلمات مفتاحيه", MetaField::Keywords),
    ("وسوم", MetaField::Keywords),
    ("الوسوم", MetaField::Keywords),
    ("tags", MetaField::Keywords),
    ("keywords", MetaField::Keywords),
    ("topics", MetaField::Keywords),
    ("الكاتب", MetaField::Author),
    ("بقلم", MetaField::Author),
    ("author", MetaField::Author),
    ("by", MetaField::Author),
];

/// Verbs and particles that open an Arabic news sentence with a conjunction glued on (وكان,
/// وقال…). Finding one glued to the *end* of a longer word means the word before it ended a
/// subheading whose line break the scraper lost.
const SENTENCE_OPENERS: &[&str] = &[
    "كان",
    "كانت",
    "قال",
    "قالت",
    "اضاف",
    "اضافت",
    "اكد",
    "اكدت",
    "اوضح",
    "اوضحت",
    "ذكر",
    "ذكرت",
    "اشار",
    "اشارت",
    "تابع",
    "تابعت",
    "اعلن",
    "اعلنت",
    "جاء",
    "جاءت",
    "يذكر",
    "يشار",
    "في",
    "من",
    "على",
];

/// Returns how many bytes of `line` spell `folded_prefix` once folded, ignoring Arabic marks and
/// tatweel in the line, or `None` when the line does not start with it.
fn folded_prefix_len(line: &str, folded_prefix: &str) -> Option<usize> {
    let mut want = folded_prefix.chars().peekable();
    for (i, c) in line.char_indices() {
        if want.peek().is_none() {
            return Some(i);
        }
        if is_arabic_mark(c) || c == '\u{0640}' {
            continue;
        }
        let folded = fold(c.encode_utf8(&mut [0; 4]));
        for f in folded.chars() {
            if want.next() != Some(f) {
                return None;
            }
        }
    }
    want.peek().is_none().then_some(line.len())
}

/// How a marker stands at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerJoin {
    /// Followed by a space, punctuation or the line end.
    Separate,
    /// Followed directly by a letter: the scraper glued it to the next word.
    Glued,
}

/// Strips a marker from the start of `line`. Returns the rest, trimmed of `:`, `-` and spaces,
/// and whether the marker was glued to the next word.
fn strip_marker<'a>(line: &'a str, markers: &[&str]) -> Option<(&'a str, MarkerJoin)> {
    for marker in markers {
        if let Some(len) = folded_prefix_len(line, marker) {
            // Trailing tanween/marks of the marker itself ("أيضاً").
            let rest = line[len..].trim_start_matches(|c: char| is_arabic_mark(c) || c == '\u{0640}');
            let join = if rest.chars().next().is_some_and(char::is_alphanumeric) {
                MarkerJoin::Glued
            } else {
                MarkerJoin::Separate
            };
            let rest = rest.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|' | '»' | '>')
            });
            return Some((rest, join));
        }
    }
    None
}

fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A headline is short and does not end like a sentence; a paragraph is long or ends with a
/// full stop. Question marks end headlines as often as sentences, so they decide nothing.
fn looks_like_headline(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '”', '»', '\'', ')']);
    let ends_sentence = trimmed.ends_with('.') && !trimmed.ends_with("..") || trimmed.ends_with('!');
    word_count(line) <= 20 && !ends_sentence
}

/// Parses a metadata line (`Label: value`, or `By Name` for bylines).
fn parse_meta(line: &str) -> Option<(MetaField, String)> {
    for (label, field) in META_LABELS {
        let Some(len) = folded_prefix_len(line, label) else { continue };
        let rest = line[len..].trim_start();
        let value = if *field == MetaField::Author && *label == "by" {
            // "By Jane Smith": no colon, a short run of capitalised words.
            let value = rest.strip_prefix(':').unwrap_or(rest).trim();
            let words: Vec<&str> = value.split_whitespace().collect();
            let is_name = !words.is_empty()
                && words.len() <= 5
                && words.iter().all(|w| {
                    w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(*w, "and" | "de" | "van" | "al")
                });
            if !is_name || !line[..len].chars().next().is_some_and(|c| c.is_uppercase()) {
                continue;
            }
            value.to_string()
        } else {
            let Some(value) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) else { continue };
            value.trim().to_string()
        };
        // A real metadata value is short; "Source: officials said that…" in running text is not.
        let limit = match field {
            MetaField::Keywords => 40,
            MetaField::Published => 12,
            _ => 8,
        };
        if value.is_empty() || word_count(&value) > limit {
            continue;
        }
        if *field == MetaField::Published && parse_date(&value).is_none() {
            continue;
        }
        return Some((*field, value));
    }
    None
}

fn split_keywords(value: &str) -> Vec<String> {
    let separators: &[char] =
        if value.contains([',', '،', ';', '|', '#']) { &[',', '،', ';', '|', '#'] } else { &[' ', '\t'] };
    value
        .split(separators)
        .map(|k| k.trim().trim_start_matches('#').trim())
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

/// Separates a subheading glued to the next sentence: `تفاؤل بالبيت الأبيضوكان مسؤول…` becomes
/// `تفاؤل بالبيت الأبيض` and `وكان مسؤول…`. Also drops a glued advertisement marker
/// (`إعلانوأضاف` → `وأضاف`). Only the first few words are searched: subheadings are short.
fn unglue_line(line: &str) -> Vec<String> {
    // Only a marker glued to a following word is furniture: "إعلان الاستقلال" is a phrase.
    // Latin needs a capital after it ("AdvertisementThe"), or "Advertisements" would lose its stem.
    let line = match strip_marker(line, GLUED_PREFIX_MARKERS) {
        Some((rest, MarkerJoin::Glued)) if rest.starts_with(|c: char| !c.is_ascii() || c.is_uppercase()) => rest,
        _ => line,
    };
    let mut offset = 0;
    for (n, word) in line.split(' ').enumerate() {
        if n >= 8 {
            break;
        }
        let folded: Vec<char> = fold(word).chars().collect();
        for opener in SENTENCE_OPENERS {
            let opener: Vec<char> = std::iter::once('و').chain(opener.chars()).collect();
            // At least three letters of the subheading's last word before the glued "و…".
            if folded.len() >= opener.len() + 3 && folded.ends_with(&opener) {
                // Find the byte position of the glued "و" in the original word: the last "و"
                // after which the folded remainder equals the opener.
                let cut = word
                    .char_indices()
                    .filter(|&(_, c)| c == 'و')
                    .map(|(i, _)| i)
                    .rev()
                    .find(|&i| fold(&word[i..]).chars().collect::<Vec<_>>() == opener);
                if let Some(cut) = cut {
                    let head = line[..offset + cut].trim().to_string();
                    let tail = line[offset + cut..].trim().to_string();
                    if word_count(&head) <= 8 {
                        return vec![head, tail];
                    }
                }
            }
        }
        offset += word.len() + 1;
    }
    vec![line.to_string()]
}

fn is_boilerplate(line: &str) -> bool {
    BOILERPLATE_LINES.contains(&fold(line).trim_matches(|c: char| !c.is_alphanumeric() && c != ' ').trim())
}

/// Cleans the paragraphs of an article body that came from elsewhere (HTML, feeds, e-mail):
/// trimmed, empty and furniture lines dropped, glued markers and subheadings separated.
pub fn clean_paragraphs<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    lines.into_iter().map(str::trim).filter(|l| !l.is_empty() && !is_boilerplate(l)).flat_map(unglue_line).collect()
}

/// Splits text into paragraphs: one per line, except that lines hard-wrapped inside a block
/// (plain-text e-mail style) are joined back.
fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let wrapped =
            lines.len() >= 3 && lines[..lines.len() - 1].iter().all(|l| (50..=100).contains(&l.chars().count()));
        if wrapped {
            out.push(lines.join(" "));
        } else {
            out.extend(lines.iter().map(|l| l.to_string()));
        }
    }
    out.into_iter().map(|p| p.replace('\u{00A0}', " ")).collect()
}

fn finish(mut article: ArticleDraft, body: Vec<String>) -> ArticleDraft {
    article.body = body.join("\n\n");
    let probe = if article.body.is_empty() { &article.title } else { &article.body };
    article.language = Some(detect(probe));
    article
}

/// Parses a scraped plain-text page. Returns `None` when nothing article-like is left.
pub fn parse(text: &str) -> Option<PageDraft> {
    let mut lines = paragraphs(text).into_iter();
    let mut title = lines.next()?;
    let mut pending_body = Vec::new();
    // A first line longer than any headline is an untitled article: its first sentence titles it.
    if word_count(&title) > 40 {
        pending_body.push(title.clone());
        let end = title.find(['.', '؟', '?', '!']).unwrap_or(title.len()).min(200);
        let end = title.floor_char_boundary(end);
        title = title[..end].trim().to_string();
    }
    let mut main = ArticleDraft { title, ..Default::default() };
    let mut main_body = pending_body;
    let mut main_metadata_at_end = false;
    let mut related = Vec::new();
    let mut read_also: Vec<(ArticleDraft, Vec<String>)> = Vec::new();
    let mut in_read_also = false;
    let mut headlines_pending: Vec<String> = Vec::new();

    for raw in lines {
        if is_boilerplate(&raw) {
            continue;
        }
        if let Some((field, value)) = parse_meta(&raw) {
            match field {
                MetaField::Published if main.published.is_none() => main.published = parse_date(&value),
                MetaField::Source if main.source.is_none() => main.source = Some(value),
                MetaField::Keywords if main.keywords.is_empty() => main.keywords = split_keywords(&value),
                MetaField::Author if main.author.is_none() => main.author = Some(value),
                _ => {}
            }
            // Source and keyword lines close an article on aggregator pages; what follows is
            // no longer the main text.
            if matches!(field, MetaField::Source | MetaField::Keywords) && !main_body.is_empty() {
                main_metadata_at_end = true;
            }
            continue;
        }
        // "Related to this, the minister said…" is a sentence, not a marker: what follows a
        // marker on its line is at most a headline.
        let marker =
            strip_marker(&raw, READ_ALSO_MARKERS).filter(|(rest, _)| rest.is_empty() || looks_like_headline(rest));
        if let Some((rest, _)) = marker {
            // A mid-article "read also" link is a related headline, and the article goes on;
            // after the article's closing metadata, the block holds other articles.
            in_read_also = main_metadata_at_end;
            related.append(&mut headlines_pending);
            if !rest.trim().is_empty() {
                if in_read_also {
                    headlines_pending.push(rest.trim().to_string());
                } else {
                    related.push(rest.trim().to_string());
                }
            }
            continue;
        }
        for line in unglue_line(&raw) {
            if !in_read_also {
                main_body.push(line);
                continue;
            }
            if looks_like_headline(&line) {
                headlines_pending.push(line);
            } else if let Some(headline) = headlines_pending.pop() {
                // The last headline before a paragraph titles a new read-also article; any
                // headlines before it were bare links.
                related.append(&mut headlines_pending);
                read_also.push((ArticleDraft { title: headline, ..Default::default() }, vec![line]));
            } else if let Some((_, body)) = read_also.last_mut() {
                body.push(line);
            } else {
                main_body.push(line);
            }
        }
    }
    related.append(&mut headlines_pending);
    let main = finish(main, main_body);
    if main.title.trim().is_empty() && main.body.trim().is_empty() {
        return None;
    }
    Some(PageDraft {
        main,
        read_also: read_also.into_iter().map(|(a, body)| finish(a, body)).collect(),
        related_headlines: related,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_glued_advertisement_marker() {
        assert_eq!(unglue_line("إعلانوأضاف المصدر أن الاجتماعات"), vec!["وأضاف المصدر أن الاجتماعات"]);
        assert_eq!(unglue_line("AdvertisementThe minister said"), vec!["The minister said"]);
        // A real word starting with the marker's letters stays.
        assert_eq!(unglue_line("إعلان الاستقلال كان حدثا"), vec!["إعلان الاستقلال كان حدثا"]);
        assert_eq!(unglue_line("Advertisements are everywhere"), vec!["Advertisements are everywhere"]);
    }

    #[test]
    fn separates_glued_subheading() {
        assert_eq!(
            unglue_line("تفاؤل بالبيت الأبيضوكان مسؤول في البيت الأبيض قال"),
            vec!["تفاؤل بالبيت الأبيض", "وكان مسؤول في البيت الأبيض قال"]
        );
        // A conjunction that opens the line is not a glued subheading.
        assert_eq!(unglue_line("وكان مسؤول قد قال"), vec!["وكان مسؤول قد قال"]);
    }

    #[test]
    fn reads_metadata_lines() {
        assert_eq!(
            parse_meta("تاريخ النشر: 6th, December 2025 GMT"),
            Some((MetaField::Published, "6th, December 2025 GMT".into()))
        );
        assert_eq!(parse_meta("المصدر: الجزيرة"), Some((MetaField::Source, "الجزيرة".into())));
        assert_eq!(parse_meta("By Jane Smith"), Some((MetaField::Author, "Jane Smith".into())));
        assert_eq!(parse_meta("By the end of the year, prices rose."), None);
        assert_eq!(
            parse_meta("Source: officials speaking on condition of anonymity told reporters that the talks had failed"),
            None
        );
        assert_eq!(split_keywords("دراسات شفافية غوث حريات"), vec!["دراسات", "شفافية", "غوث", "حريات"]);
        assert_eq!(split_keywords("Ukraine, peace talks, Russia"), vec!["Ukraine", "peace talks", "Russia"]);
    }

    #[test]
    fn read_also_block_splits_articles_and_headlines() {
        let page = "Main title\nFirst paragraph of the main story, long enough to be a paragraph.\nSource: Wire\nRead also:\nOther story\nIts first paragraph is here and it ends.\nIts second paragraph.\nRead more Headline one\nHeadline two";
        let page = parse(page).unwrap();
        assert_eq!(page.main.title, "Main title");
        assert_eq!(page.main.source.as_deref(), Some("Wire"));
        assert_eq!(page.main.body, "First paragraph of the main story, long enough to be a paragraph.");
        assert_eq!(page.read_also.len(), 1);
        assert_eq!(page.read_also[0].title, "Other story");
        assert_eq!(page.read_also[0].body, "Its first paragraph is here and it ends.\n\nIts second paragraph.");
        assert_eq!(page.related_headlines, vec!["Headline one", "Headline two"]);
    }

    #[test]
    fn a_sentence_starting_with_a_marker_word_is_body_text() {
        let page = parse("Title\nRelated talks in Geneva ended without a deal, officials said on Friday.").unwrap();
        assert_eq!(page.main.body, "Related talks in Geneva ended without a deal, officials said on Friday.");
        assert!(page.related_headlines.is_empty());
    }

    #[test]
    fn mid_article_read_also_keeps_the_article_going() {
        let page = "Title\nFirst paragraph ends here.\nRead also: Some other headline\nThe story continues here.";
        let page = parse(page).unwrap();
        assert_eq!(page.main.body, "First paragraph ends here.\n\nThe story continues here.");
        assert_eq!(page.related_headlines, vec!["Some other headline"]);
        assert!(page.read_also.is_empty());
    }
}
