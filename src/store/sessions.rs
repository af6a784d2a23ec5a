//! Tagging sessions: a named pass over a queue of articles with a chosen label set. The queue
//! is fixed when the session starts (a snapshot of a library filter), so "article 12 of 40"
//! keeps meaning the same article across pauses and restarts.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{ArticleFilter, ArticleId, Result, Store, StoreError};
use crate::model::char_offset;

#[derive(Debug, Clone, PartialEq)]
pub struct SessionSpec {
    pub name: String,
    pub analyst: Option<String>,
    /// The labels offered in this session, in order.
    pub labels: Vec<i64>,
    /// Which articles to tag, e.g. untagged Arabic articles from one source.
    pub queue: ArticleFilter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionStatus {
    Active,
    Paused,
    Finished,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaggingSession {
    pub id: i64,
    pub name: String,
    pub analyst: Option<String>,
    pub labels: Vec<i64>,
    pub status: SessionStatus,
    /// The queue position the analyst is at (0-based).
    pub position: usize,
    pub total: usize,
    pub done: usize,
    pub seconds_spent: f64,
    pub started_at: String,
    pub ended_at: Option<String>,
}

/// A past session with how often each label was used in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionSummary {
    pub session: TaggingSession,
    /// (label name, tags) for every label used, most used first.
    pub label_counts: Vec<(String, usize)>,
}

/// One row of the tag export. Offsets are Unicode code points into the article body.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct TagExportRow {
    pub article_id: i64,
    pub title: String,
    pub source: Option<String>,
    pub target_type: String,
    pub target_text: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub label: String,
    pub polarity: String,
    pub analyst: Option<String>,
    pub session: Option<String>,
    pub timestamp: String,
    pub note: Option<String>,
}

impl Store {
    /// Starts a session over the articles the filter selects now.
    pub fn start_session(&mut self, spec: &SessionSpec) -> Result<i64> {
        let queue = ArticleFilter { limit: None, ..spec.queue.clone() };
        let articles = self.articles(&queue)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO tagging_sessions (name, analyst, label_ids, queue_filter) VALUES (?1, ?2, ?3, ?4)",
            params![
                spec.name.trim(),
                spec.analyst,
                serde_json::to_string(&spec.labels).unwrap_or_else(|_| "[]".into()),
                serde_json::to_string(&queue).unwrap_or_else(|_| "{}".into())
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut insert =
                tx.prepare_cached("INSERT INTO session_items (session_id, position, article_id) VALUES (?1, ?2, ?3)")?;
            for (position, row) in articles.iter().enumerate() {
                insert.execute(params![id, position as i64, row.id])?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    pub fn session(&self, id: i64) -> Result<Option<TaggingSession>> {
        let row = self
            .conn
            .query_row(
                "SELECT s.id, s.name, s.analyst, s.label_ids, s.status, s.position, s.started_at, s.ended_at,
                        (SELECT COUNT(*) FROM session_items i WHERE i.session_id = s.id),
                        (SELECT COUNT(*) FROM session_items i WHERE i.session_id = s.id AND i.done_at IS NOT NULL),
                        (SELECT COALESCE(SUM(seconds_spent), 0) FROM session_items i WHERE i.session_id = s.id)
                 FROM tagging_sessions s WHERE s.id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, i64>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, i64>(8)?,
                        r.get::<_, i64>(9)?,
                        r.get::<_, f64>(10)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, name, analyst, labels, status, position, started_at, ended_at, total, done, seconds)) = row
        else {
            return Ok(None);
        };
        let status = match status.as_str() {
            "active" => SessionStatus::Active,
            "paused" => SessionStatus::Paused,
            "finished" => SessionStatus::Finished,
            other => return Err(StoreError::Corrupt(format!("session status {other}"))),
        };
        let labels = serde_json::from_str(&labels).map_err(|e| StoreError::Corrupt(format!("session labels: {e}")))?;
        Ok(Some(TaggingSession {
            id,
            name,
            analyst,
            labels,
            status,
            position: position as usize,
            total: total as usize,
            done: done as usize,
            seconds_spent: seconds,
            started_at,
            ended_at,
        }))
    }

    /// The most recent session that is not finished: what "resume" opens after a restart.
    pub fn resumable_session(&self) -> Result<Option<TaggingSession>> {
        let id: Option<i64> = self
            .conn
            .query_row("SELECT id FROM tagging_sessions WHERE status != 'finished' ORDER BY id DESC LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        id.map_or(Ok(None), |id| self.session(id))
    }

    /// The article at a queue position.
    pub fn session_article(&self, session: i64, position: usize) -> Result<Option<ArticleId>> {
        Ok(self
            .conn
            .query_row(
                "SELECT article_id FROM session_items WHERE session_id = ?1 AND position = ?2",
                params![session, position as i64],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Moves the session to a queue position (kept across restarts).
    pub fn set_session_position(&self, session: i64, position: usize) -> Result<()> {
        self.conn
            .execute("UPDATE tagging_sessions SET position = ?2 WHERE id = ?1", params![session, position as i64])?;
        Ok(())
    }

    /// Adds time spent on an item; `done` marks it tagged.
    pub fn record_item(&self, session: i64, position: usize, seconds: f64, done: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE session_items SET seconds_spent = seconds_spent + ?3,
                    done_at = CASE WHEN ?4 AND done_at IS NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE done_at END
             WHERE session_id = ?1 AND position = ?2",
            params![session, position as i64, seconds.max(0.0), done],
        )?;
        Ok(())
    }

    pub fn set_session_status(&self, session: i64, status: SessionStatus) -> Result<()> {
        let (name, ended) = match status {
            SessionStatus::Active => ("active", false),
            SessionStatus::Paused => ("paused", false),
            SessionStatus::Finished => ("finished", true),
        };
        self.conn.execute(
            "UPDATE tagging_sessions SET status = ?2,
                    ended_at = CASE WHEN ?3 THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE NULL END
             WHERE id = ?1",
            params![session, name, ended],
        )?;
        Ok(())
    }

    /// Every session, newest first, with label counts.
    pub fn session_history(&self) -> Result<Vec<SessionSummary>> {
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached("SELECT id FROM tagging_sessions ORDER BY id DESC")?;
            stmt.query_map([], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?
        };
        let mut counts = self.conn.prepare_cached(
            "SELECT l.name, COUNT(*) FROM tags t JOIN labels l ON l.id = t.label_id
             WHERE t.session_id = ?1 AND t.deleted_at IS NULL GROUP BY l.id ORDER BY COUNT(*) DESC, l.name",
        )?;
        let mut out = Vec::new();
        for id in ids {
            let Some(session) = self.session(id)? else { continue };
            let label_counts = counts
                .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)))?
                .collect::<std::result::Result<_, _>>()?;
            out.push(SessionSummary { session, label_counts });
        }
        Ok(out)
    }

    /// Every live tag with its article and label, for export.
    pub fn tag_export(&self) -> Result<Vec<TagExportRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.article_id, a.title, s.name, t.target_type, COALESCE(t.target_text, ''), t.span_start, t.span_end,
                    l.name, l.polarity, t.analyst, ts.name, t.created_at, t.note, b.body
             FROM tags t JOIN articles a ON a.id = t.article_id JOIN article_bodies b ON b.article_id = a.id JOIN labels l ON l.id = t.label_id
                  LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN tagging_sessions ts ON ts.id = t.session_id
             WHERE t.deleted_at IS NULL ORDER BY t.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let body: String = r.get(13)?;
            let offset = |i: usize| -> rusqlite::Result<Option<usize>> {
                Ok(r.get::<_, Option<i64>>(i)?
                    .map(|b| b as usize)
                    .filter(|&b| b <= body.len() && body.is_char_boundary(b))
                    .map(|b| char_offset(&body, b)))
            };
            Ok(TagExportRow {
                article_id: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                target_type: r.get(3)?,
                target_text: r.get(4)?,
                start: offset(5)?,
                end: offset(6)?,
                label: r.get(7)?,
                polarity: r.get(8)?,
                analyst: r.get(9)?,
                session: r.get(10)?,
                timestamp: r.get(11)?,
                note: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
