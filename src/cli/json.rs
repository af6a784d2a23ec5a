//! The JSON printed by `extract --json` and `annotate --json`. The schemas are fixed by the
//! evaluation tools (see README): offsets leave the program as Unicode code points.

use std::collections::HashSet;

use serde::Serialize;

use crate::model::{Annotations, ArticleDraft, char_offset};
use crate::nlp::normalize::fold;
use crate::store::AnalysedPage;

/// Maps byte offsets of one text to code-point offsets in O(1) each.
struct CodePoints {
    by_byte: Vec<u32>,
}

impl CodePoints {
    fn new(text: &str) -> CodePoints {
        let mut by_byte = vec![0u32; text.len() + 1];
        let mut count = 0u32;
        for (i, c) in text.char_indices() {
            for slot in &mut by_byte[i..i + c.len_utf8()] {
                *slot = count;
            }
            count += 1;
        }
        by_byte[text.len()] = count;
        CodePoints { by_byte }
    }

    fn at(&self, byte: usize) -> usize {
        self.by_byte[byte] as usize
    }
}

#[derive(Serialize)]
pub struct AnnotatedEntity<'a> {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub entity_type: &'static str,
    pub text: &'a str,
    pub canonical: &'a str,
}

#[derive(Serialize)]
pub struct AnnotatedQuote<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: &'static str,
    pub speaker: Option<&'a str>,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    pub cue: Option<&'a str>,
}

#[derive(Serialize)]
pub struct AnnotateOutput<'a> {
    pub entities: Vec<AnnotatedEntity<'a>>,
    pub quotes: Vec<AnnotatedQuote<'a>>,
}

/// `annotate --json`: every mention and quote with code-point offsets into `text`.
pub fn annotate_output<'a>(text: &str, annotations: &'a Annotations) -> AnnotateOutput<'a> {
    let cp = CodePoints::new(text);
    AnnotateOutput {
        entities: annotations
            .entities
            .iter()
            .map(|m| AnnotatedEntity {
                start: cp.at(m.start),
                end: cp.at(m.end),
                entity_type: m.entity_type.as_str(),
                text: &m.surface,
                canonical: &m.canonical,
            })
            .collect(),
        quotes: annotations
            .quotes
            .iter()
            .map(|q| AnnotatedQuote {
                start: cp.at(q.start),
                end: cp.at(q.end),
                text: &q.text,
                kind: q.kind.as_str(),
                speaker: q.speaker.as_deref(),
                speaker_start: q.speaker_span.map(|s| cp.at(s.0)),
                speaker_end: q.speaker_span.map(|s| cp.at(s.1)),
                cue: q.cue.as_deref(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct ExtractedEntity {
    pub canonical: String,
    pub text: String,
    #[serde(rename = "type")]
    pub entity_type: &'static str,
    pub aliases: Vec<String>,
    pub mentions: usize,
}

#[derive(Serialize)]
pub struct ExtractedQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub kind: &'static str,
    pub cue: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct ExtractedArticle {
    pub title: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub language: Option<&'static str>,
    pub keywords: Vec<String>,
    pub body: String,
    pub entities: Vec<ExtractedEntity>,
    pub quotes: Vec<ExtractedQuote>,
}

#[derive(Serialize, Default)]
pub struct ExtractOutput {
    pub articles: Vec<ExtractedArticle>,
    pub related_headlines: Vec<String>,
}

/// One entry per entity (mentions grouped by canonical name and type), in order of first mention.
fn group_entities(annotations: &Annotations) -> Vec<ExtractedEntity> {
    let mut out: Vec<ExtractedEntity> = Vec::new();
    for m in &annotations.entities {
        let key = fold(&m.canonical);
        match out.iter_mut().find(|e| fold(&e.canonical) == key && e.entity_type == m.entity_type.as_str()) {
            Some(entity) => {
                entity.mentions += 1;
                if m.surface != entity.canonical && !entity.aliases.contains(&m.surface) {
                    entity.aliases.push(m.surface.clone());
                }
            }
            None => out.push(ExtractedEntity {
                canonical: m.canonical.clone(),
                text: m.surface.clone(),
                entity_type: m.entity_type.as_str(),
                aliases: if m.surface != m.canonical { vec![m.surface.clone()] } else { Vec::new() },
                mentions: 1,
            }),
        }
    }
    out
}

fn extracted_article(draft: &ArticleDraft, annotations: &Annotations) -> ExtractedArticle {
    ExtractedArticle {
        title: draft.title.clone(),
        published: draft.published.clone(),
        source: draft.source.clone(),
        author: draft.author.clone(),
        url: draft.url.clone(),
        language: draft.language.map(|l| l.code()),
        keywords: draft.keywords.clone(),
        body: draft.body.clone(),
        entities: group_entities(annotations),
        quotes: annotations
            .quotes
            .iter()
            .map(|q| ExtractedQuote {
                text: q.text.clone(),
                speaker: q.speaker.clone(),
                kind: q.kind.as_str(),
                cue: q.cue.clone(),
                start: char_offset(&draft.body, q.start),
                end: char_offset(&draft.body, q.end),
            })
            .collect(),
    }
}

/// `extract --json`: every article of every page in the file, and the related headlines.
pub fn extract_output(pages: &[AnalysedPage]) -> ExtractOutput {
    let mut out = ExtractOutput::default();
    let mut seen_headlines = HashSet::new();
    for page in pages {
        out.articles.push(extracted_article(&page.page.main, &page.main));
        for (draft, annotations) in page.page.read_also.iter().zip(&page.read_also) {
            out.articles.push(extracted_article(draft, annotations));
        }
        for headline in &page.page.related_headlines {
            if seen_headlines.insert(headline.clone()) {
                out.related_headlines.push(headline.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_count_multibyte_characters() {
        let text = "“قال” a";
        let cp = CodePoints::new(text);
        assert_eq!(cp.at(0), 0);
        assert_eq!(cp.at(3), 1); // after “ (3 bytes)
        assert_eq!(cp.at(text.len()), text.chars().count());
        for (i, _) in text.char_indices() {
            assert_eq!(cp.at(i), char_offset(text, i));
        }
    }
}
