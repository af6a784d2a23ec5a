//! Corrections of the analysis: stored per article, applied at once, re-applied after every
//! re-analysis, and turned into matcher feedback (watchlist names and suppressed names) for
//! future imports.

use rusqlite::{Transaction, params};

use super::{ArticleId, Result, Store, StoreError, write_annotations};
use crate::model::{Annotations, EntityMention, EntityType, Quote};
use crate::nlp::corrections::{Correction, apply};
use crate::nlp::ner::WatchEntry;
use crate::nlp::normalize::{collapse_spaces, fold};

/// What corrections teach the analysis for future imports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatcherFeedback {
    /// Names analysts added, retyped or merged: always found, with their type and canonical name.
    pub watch: Vec<WatchEntry>,
    /// Names analysts rejected, with the type they were wrongly given.
    pub suppress: Vec<(String, EntityType)>,
}

impl Store {
    /// Records a correction of one article and applies it to the stored analysis.
    pub fn add_correction(&mut self, article: ArticleId, correction: &Correction, analyst: Option<&str>) -> Result<()> {
        let mut annotations = self.stored_annotations(article)?;
        let tx = self.conn.transaction()?;
        let body: String =
            tx.query_row("SELECT body FROM article_bodies WHERE article_id = ?1", [article], |r| r.get(0))?;
        // Remember what a rejected mention was, so future imports can stop finding it.
        let correction = match correction {
            Correction::RejectEntity { start, end, entity_type: None } => {
                let found =
                    annotations.entities.iter().find(|m| m.start == *start && m.end == *end).map(|m| m.entity_type);
                Correction::RejectEntity { start: *start, end: *end, entity_type: found }
            }
            other => other.clone(),
        };
        apply(&mut annotations, &body, std::slice::from_ref(&correction));
        rewrite_annotations(&tx, article, &annotations)?;
        let payload = serde_json::to_string(&correction).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let kind = payload.split('"').nth(3).unwrap_or("correction").to_string();
        tx.execute(
            "INSERT INTO corrections (article_id, kind, payload, analyst) VALUES (?1, ?2, ?3, ?4)",
            params![article, kind, payload, analyst],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The corrections of an article, in the order they were made.
    pub fn corrections(&self, article: ArticleId) -> Result<Vec<Correction>> {
        let mut stmt = self.conn.prepare_cached("SELECT payload FROM corrections WHERE article_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([article], |r| r.get::<_, String>(0))?;
        rows.map(|p| serde_json::from_str(&p?).map_err(|e| StoreError::Corrupt(format!("correction: {e}")))).collect()
    }

    /// Replaces an article's analysis with a fresh one, then re-applies its corrections.
    pub fn reanalyse(&mut self, article: ArticleId, mut fresh: Annotations) -> Result<()> {
        let corrections = self.corrections(article)?;
        let tx = self.conn.transaction()?;
        let body: String =
            tx.query_row("SELECT body FROM article_bodies WHERE article_id = ?1", [article], |r| r.get(0))?;
        apply(&mut fresh, &body, &corrections);
        rewrite_annotations(&tx, article, &fresh)?;
        tx.execute("UPDATE articles SET analyser = ?2 WHERE id = ?1", params![article, crate::nlp::ANALYSER_VERSION])?;
        tx.commit()?;
        Ok(())
    }

    /// The corrections of every article as watchlist names and suppressed names.
    pub fn matcher_feedback(&self) -> Result<MatcherFeedback> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.payload, b.body FROM corrections c JOIN article_bodies b ON b.article_id = c.article_id ORDER BY c.id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut feedback = MatcherFeedback::default();
        let mut watch = |name: String, entity_type: EntityType, alias: Option<String>| {
            let key = collapse_spaces(&fold(&name));
            match feedback.watch.iter_mut().find(|w| collapse_spaces(&fold(&w.name)) == key) {
                Some(entry) => {
                    entry.entity_type = entity_type;
                    entry.aliases.extend(alias.filter(|a| !entry.aliases.contains(a)));
                }
                None => feedback.watch.push(WatchEntry { name, entity_type, aliases: alias.into_iter().collect() }),
            }
        };
        let mut suppress = Vec::new();
        for row in rows {
            let (payload, body) = row?;
            let correction: Correction =
                serde_json::from_str(&payload).map_err(|e| StoreError::Corrupt(format!("correction: {e}")))?;
            match correction {
                Correction::AddEntity { start, end, entity_type, canonical } => {
                    if let Some(surface) = body.get(start..end) {
                        let name = canonical.unwrap_or_else(|| surface.to_string());
                        let alias = (name != surface).then(|| surface.to_string());
                        watch(name, entity_type, alias);
                    }
                }
                Correction::ChangeEntityType { canonical, to } => watch(canonical, to, None),
                Correction::MergeEntities { from, into } => {
                    let entity_type = self.entity_type_named(&into)?.unwrap_or(EntityType::Person);
                    watch(into, entity_type, Some(from));
                }
                Correction::RejectEntity { start, end, entity_type: Some(t) } => {
                    if let Some(surface) = body.get(start..end) {
                        suppress.push((surface.to_string(), t));
                    }
                }
                _ => {}
            }
        }
        feedback.suppress = suppress;
        Ok(feedback)
    }

    fn entity_type_named(&self, canonical: &str) -> Result<Option<EntityType>> {
        let folded = collapse_spaces(&fold(canonical));
        let kind: Option<String> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            "SELECT type FROM entities WHERE folded = ?1 LIMIT 1",
            [folded],
            |r| r.get(0),
        ))?;
        Ok(kind.and_then(|k| EntityType::parse(&k)))
    }
}

impl Store {
    /// The stored analysis of an article, in the form the analysis produces.
    fn stored_annotations(&self, article: ArticleId) -> Result<Annotations> {
        let entities = self
            .mentions(article)?
            .into_iter()
            .map(|m| EntityMention {
                start: m.start,
                end: m.end,
                entity_type: m.entity_type,
                surface: m.surface,
                canonical: m.canonical,
            })
            .collect();
        let quotes = self
            .quotes(article)?
            .into_iter()
            .map(|q| Quote {
                start: q.start,
                end: q.end,
                text: q.text,
                kind: q.kind,
                speaker: q.speaker,
                speaker_span: q.speaker_span,
                cue: q.cue,
                cue_span: q.cue_span,
            })
            .collect();
        Ok(Annotations { entities, quotes })
    }
}

fn rewrite_annotations(tx: &Transaction, article: ArticleId, annotations: &Annotations) -> Result<()> {
    tx.execute("DELETE FROM mentions WHERE article_id = ?1", [article])?;
    tx.execute("DELETE FROM quotes WHERE article_id = ?1", [article])?;
    write_annotations(tx, article, annotations)?;
    tx.execute(
        "UPDATE articles SET entity_count = ?2, quote_count = ?3 WHERE id = ?1",
        params![article, annotations.entities.len() as i64, annotations.quotes.len() as i64],
    )?;
    Ok(())
}
