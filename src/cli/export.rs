//! `marsad export`: every article, as JSON Lines (complete, with entities and quotes) or CSV
//! (one row per article, for spreadsheets).

use std::io::Write;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::{ExportFormat, ExportWhat};
use crate::model::char_offset;
use crate::store::{ArticleFilter, Store};

/// One exported article. Offsets are Unicode code points into `body`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedArticle {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub language: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub keywords: Vec<String>,
    pub parent: Option<i64>,
    pub imported_at: String,
    pub entities: Vec<ExportedMention>,
    pub quotes: Vec<ExportedQuote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub canonical: String,
    #[serde(rename = "type")]
    pub entity_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedQuote {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 12] = [
    "id",
    "title",
    "language",
    "published",
    "source",
    "url",
    "author",
    "keywords",
    "parent",
    "entities",
    "quotes",
    "body",
];

/// Collects an article with its analysis for export.
pub fn exported_article(store: &Store, id: i64) -> Result<Option<ExportedArticle>> {
    let Some(article) = store.article(id)? else { return Ok(None) };
    let body = &article.body;
    let entities = store
        .mentions(id)?
        .into_iter()
        .map(|m| ExportedMention {
            start: char_offset(body, m.start),
            end: char_offset(body, m.end),
            text: m.surface,
            canonical: m.canonical,
            entity_type: m.entity_type.as_str().into(),
        })
        .collect();
    let quotes = store
        .quotes(id)?
        .into_iter()
        .map(|q| ExportedQuote {
            start: char_offset(body, q.start),
            end: char_offset(body, q.end),
            text: q.text,
            kind: q.kind.as_str().into(),
            speaker: q.speaker,
            cue: q.cue,
        })
        .collect();
    Ok(Some(ExportedArticle {
        id: article.id,
        title: article.title,
        body: article.body,
        language: article.language.code().into(),
        published: article.published,
        source: article.source,
        url: article.url,
        author: article.author,
        keywords: article.keywords,
        parent: article.parent,
        imported_at: article.imported_at,
        entities,
        quotes,
    }))
}

/// Writes articles or tags.
pub fn write(store: &Store, what: ExportWhat, format: ExportFormat, out: &mut dyn Write) -> Result<()> {
    match what {
        ExportWhat::Articles => articles(store, format, out),
        ExportWhat::Tags => tags(store, format, out),
    }
}

/// The tag export columns, in order.
pub const TAG_CSV_HEADER: [&str; 13] = [
    "article_id",
    "title",
    "source",
    "target_type",
    "target_text",
    "start",
    "end",
    "label",
    "polarity",
    "analyst",
    "session",
    "timestamp",
    "note",
];

/// Writes every live tag, oldest first.
pub fn tags(store: &Store, format: ExportFormat, out: &mut dyn Write) -> Result<()> {
    let rows = store.tag_export()?;
    match format {
        ExportFormat::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut *out, &row)?;
                out.write_all(b"\n")?;
            }
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(TAG_CSV_HEADER)?;
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            let number = |v: Option<usize>| v.map(|n| n.to_string()).unwrap_or_default();
            for row in rows {
                writer.write_record([
                    row.article_id.to_string(),
                    row.title.clone(),
                    text(&row.source),
                    row.target_type.clone(),
                    row.target_text.clone(),
                    number(row.start),
                    number(row.end),
                    row.label.clone(),
                    row.polarity.clone(),
                    text(&row.analyst),
                    text(&row.session),
                    row.timestamp.clone(),
                    text(&row.note),
                ])?;
            }
            writer.flush()?;
        }
    }
    Ok(())
}

/// Writes every article in import order.
pub fn articles(store: &Store, format: ExportFormat, out: &mut dyn Write) -> Result<()> {
    let rows = store.articles(&ArticleFilter::default())?;
    match format {
        ExportFormat::Jsonl => {
            for row in rows {
                if let Some(article) = exported_article(store, row.id)? {
                    serde_json::to_writer(&mut *out, &article)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(CSV_HEADER)?;
            for row in rows {
                let Some(article) = store.article(row.id)? else { continue };
                writer.write_record([
                    article.id.to_string(),
                    article.title,
                    article.language.code().to_string(),
                    article.published.unwrap_or_default(),
                    article.source.unwrap_or_default(),
                    article.url.unwrap_or_default(),
                    article.author.unwrap_or_default(),
                    article.keywords.join("; "),
                    article.parent.map(|p| p.to_string()).unwrap_or_default(),
                    row.entity_count.to_string(),
                    row.quote_count.to_string(),
                    article.body,
                ])?;
            }
            writer.flush()?;
        }
    }
    Ok(())
}
