//! Labels and tags: what analysts say about articles, quotes, entities and spans.
//!
//! Every change is committed the moment it is made (there is no save), and journalled in
//! `tag_actions` so undo and redo work across restarts. Tags are soft-deleted, so undoing a
//! removal restores the very same row.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{ArticleId, Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Positive,
    Negative,
    Neutral,
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
            Polarity::Neutral => "neutral",
        }
    }

    pub fn parse(s: &str) -> Option<Polarity> {
        match s {
            "positive" => Some(Polarity::Positive),
            "negative" => Some(Polarity::Negative),
            "neutral" => Some(Polarity::Neutral),
            _ => None,
        }
    }
}

/// A label as the analyst defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelSpec {
    pub name: String,
    pub name_ar: Option<String>,
    pub polarity: Polarity,
    /// `#rrggbb`.
    pub color: String,
    /// One key that applies the label ("1", "p").
    pub shortcut: Option<String>,
    /// Words whose presence suggests the label, Arabic and English.
    pub cue_words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub id: i64,
    #[serde(flatten)]
    pub spec: LabelSpec,
    pub archived: bool,
}

/// What happens to the tags of a label being deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelDeletion {
    /// Move its tags to another label, then delete it.
    MergeInto(i64),
    /// Hide the label from pickers but keep it and its tags (they still export).
    Archive,
    /// Delete the label; allowed only when no tag uses it.
    DeleteUnused,
}

/// The labels a new database starts with (the analyst can change or delete them).
pub fn default_labels() -> Vec<LabelSpec> {
    let label = |name: &str, ar: &str, polarity, color: &str, key: &str, cues: &[&str]| LabelSpec {
        name: name.into(),
        name_ar: Some(ar.into()),
        polarity,
        color: color.into(),
        shortcut: Some(key.into()),
        cue_words: cues.iter().map(|c| c.to_string()).collect(),
    };
    use Polarity::*;
    vec![
        label(
            "productive",
            "مثمر",
            Positive,
            "#2e7d32",
            "1",
            &["مثمر", "مثمرة", "مثمرا", "بناءة", "productive", "fruitful", "constructive"],
        ),
        label(
            "truly friendly",
            "ودي حقا",
            Positive,
            "#00897b",
            "2",
            &["ودية", "ودي", "ودية حقا", "friendly", "cordial", "warm"],
        ),
        label(
            "constructive",
            "بناء",
            Positive,
            "#558b2f",
            "3",
            &["بناء", "بناءة", "إيجابي", "إيجابية", "constructive", "positive", "useful", "مفيدة"],
        ),
        label(
            "optimistic",
            "متفائل",
            Positive,
            "#1565c0",
            "4",
            &["تفاؤل", "متفائل", "متفائلة", "تقدم", "optimistic", "hopeful", "progress"],
        ),
        label(
            "tense",
            "متوتر",
            Negative,
            "#ef6c00",
            "5",
            &["توتر", "متوتر", "متوترة", "تصعيد", "tense", "tension", "strained", "escalation"],
        ),
        label(
            "hostile",
            "عدائي",
            Negative,
            "#c62828",
            "6",
            &["عدائي", "عدائية", "هجوم", "تهديد", "hostile", "attack", "threat", "condemned"],
        ),
        label(
            "skeptical",
            "متشكك",
            Negative,
            "#6a1b9a",
            "7",
            &["شكوك", "متشكك", "تشكيك", "مستبعد", "skeptical", "doubt", "doubts", "unlikely"],
        ),
        label("neutral", "محايد", Neutral, "#607d8b", "8", &["محايد", "neutral"]),
    ]
}

/// What a tag is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TagTarget {
    Article,
    /// A quote, kept by id and by its byte range and text so the tag can be found again after
    /// re-analysis replaces the quote rows.
    Quote {
        quote: i64,
        start: usize,
        end: usize,
    },
    /// The tone toward an entity within this article.
    Entity {
        entity: i64,
    },
    /// A text span selected in the reader (byte offsets into the body).
    Span {
        start: usize,
        end: usize,
    },
}

impl TagTarget {
    pub fn type_name(&self) -> &'static str {
        match self {
            TagTarget::Article => "article",
            TagTarget::Quote { .. } => "quote",
            TagTarget::Entity { .. } => "entity",
            TagTarget::Span { .. } => "span",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTag {
    pub article: ArticleId,
    pub target: TagTarget,
    pub label: i64,
    pub note: Option<String>,
    pub session: Option<i64>,
    pub analyst: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub id: i64,
    pub article: ArticleId,
    pub target: TagTarget,
    /// The words tagged: the quote, entity name or span text (empty for a whole article).
    pub target_text: String,
    pub label: i64,
    pub note: Option<String>,
    pub analyst: Option<String>,
    pub session: Option<i64>,
    pub created_at: String,
}

/// One undoable step, as journalled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum TagAction {
    Added { tag: i64 },
    Removed { tag: i64 },
    NoteChanged { tag: i64, before: Option<String>, after: Option<String> },
}

impl Store {
    /// Offers the default labels once per database: an analyst who deletes them all does not
    /// get them back on the next start.
    pub fn ensure_default_labels(&self) -> Result<()> {
        if self.setting("default_labels_offered")?.is_some() {
            return Ok(());
        }
        let existing: i64 = self.conn.query_row("SELECT COUNT(*) FROM labels", [], |r| r.get(0))?;
        if existing == 0 {
            for spec in default_labels() {
                self.create_label(&spec)?;
            }
        }
        self.set_setting("default_labels_offered", "1")
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Labels in display order; archived ones only when asked for.
    pub fn labels(&self, include_archived: bool) -> Result<Vec<Label>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, name_ar, polarity, color, shortcut, cue_words, archived FROM labels
             WHERE archived = 0 OR ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([include_archived], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, bool>(7)?,
            ))
        })?;
        rows.map(|row| {
            let (id, name, name_ar, polarity, color, shortcut, cues, archived) = row?;
            let polarity =
                Polarity::parse(&polarity).ok_or_else(|| StoreError::Corrupt(format!("polarity {polarity}")))?;
            let cue_words = serde_json::from_str(&cues).map_err(|e| StoreError::Corrupt(format!("cue words: {e}")))?;
            Ok(Label { id, spec: LabelSpec { name, name_ar, polarity, color, shortcut, cue_words }, archived })
        })
        .collect()
    }

    pub fn create_label(&self, spec: &LabelSpec) -> Result<i64> {
        let position: i64 =
            self.conn.query_row("SELECT COALESCE(MAX(position), 0) + 1 FROM labels", [], |r| r.get(0))?;
        self.conn.execute(
            "INSERT INTO labels (name, name_ar, polarity, color, shortcut, cue_words, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                spec.name.trim(),
                spec.name_ar,
                spec.polarity.as_str(),
                spec.color,
                spec.shortcut,
                serde_json::to_string(&spec.cue_words).unwrap_or_else(|_| "[]".into()),
                position
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Renames or redefines a label. Its tags follow it: they refer to the label by id.
    pub fn update_label(&self, id: i64, spec: &LabelSpec) -> Result<()> {
        self.conn.execute(
            "UPDATE labels SET name = ?2, name_ar = ?3, polarity = ?4, color = ?5, shortcut = ?6, cue_words = ?7 WHERE id = ?1",
            params![
                id,
                spec.name.trim(),
                spec.name_ar,
                spec.polarity.as_str(),
                spec.color,
                spec.shortcut,
                serde_json::to_string(&spec.cue_words).unwrap_or_else(|_| "[]".into())
            ],
        )?;
        Ok(())
    }

    /// How many live tags use a label (the question to ask before deleting it).
    pub fn label_usage(&self, id: i64) -> Result<usize> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM tags WHERE label_id = ?1 AND deleted_at IS NULL", [id], |r| {
            r.get::<_, i64>(0)
        })? as usize)
    }

    /// Deletes a label without ever orphaning a tag.
    pub fn delete_label(&mut self, id: i64, how: LabelDeletion) -> Result<()> {
        let tx = self.conn.transaction()?;
        match how {
            LabelDeletion::MergeInto(other) if other != id => {
                tx.execute("UPDATE tags SET label_id = ?2 WHERE label_id = ?1", params![id, other])?;
                tx.execute("DELETE FROM labels WHERE id = ?1", [id])?;
            }
            LabelDeletion::MergeInto(_) => {
                return Err(StoreError::Invalid("a label cannot be merged into itself".into()));
            }
            LabelDeletion::Archive => {
                tx.execute("UPDATE labels SET archived = 1 WHERE id = ?1", [id])?;
            }
            LabelDeletion::DeleteUnused => {
                let used: i64 = tx.query_row("SELECT COUNT(*) FROM tags WHERE label_id = ?1", [id], |r| r.get(0))?;
                if used > 0 {
                    return Err(StoreError::Invalid(format!(
                        "{used} tag(s) use this label: merge them into another label or archive it"
                    )));
                }
                tx.execute("DELETE FROM labels WHERE id = ?1", [id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Applies a label to a target, committed at once and journalled for undo.
    pub fn add_tag(&mut self, tag: &NewTag) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let target_text = target_text(&tx, tag.article, &tag.target)?;
        let (quote, entity, span) = match &tag.target {
            TagTarget::Article => (None, None, None),
            TagTarget::Quote { quote, start, end } => (Some(*quote), None, Some((*start, *end))),
            TagTarget::Entity { entity } => (None, Some(*entity), None),
            TagTarget::Span { start, end } => (None, None, Some((*start, *end))),
        };
        tx.execute(
            "INSERT INTO tags (article_id, target_type, quote_id, entity_id, span_start, span_end, target_text, label_id,
                               note, analyst, session_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                tag.article,
                tag.target.type_name(),
                quote,
                entity,
                span.map(|s| s.0 as i64),
                span.map(|s| s.1 as i64),
                target_text,
                tag.label,
                tag.note,
                tag.analyst,
                tag.session
            ],
        )?;
        let id = tx.last_insert_rowid();
        journal(&tx, tag.session, &TagAction::Added { tag: id })?;
        tx.commit()?;
        Ok(id)
    }

    /// Removes a tag (undoably).
    pub fn remove_tag(&mut self, id: i64, session: Option<i64>) -> Result<()> {
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE tags SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1 AND deleted_at IS NULL",
            [id],
        )?;
        if changed > 0 {
            journal(&tx, session, &TagAction::Removed { tag: id })?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Sets or clears a tag's note (undoably).
    pub fn set_tag_note(&mut self, id: i64, note: Option<&str>, session: Option<i64>) -> Result<()> {
        let tx = self.conn.transaction()?;
        let before: Option<String> = tx.query_row("SELECT note FROM tags WHERE id = ?1", [id], |r| r.get(0))?;
        let after = note.map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
        tx.execute("UPDATE tags SET note = ?2 WHERE id = ?1", params![id, after])?;
        journal(&tx, session, &TagAction::NoteChanged { tag: id, before, after })?;
        tx.commit()?;
        Ok(())
    }

    /// The live tags of an article, oldest first.
    pub fn tags(&self, article: ArticleId) -> Result<Vec<Tag>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, article_id, target_type, quote_id, entity_id, span_start, span_end, target_text, label_id, note,
                    analyst, session_id, created_at
             FROM tags WHERE article_id = ?1 AND deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([article], row_to_tag)?;
        rows.map(|r| r?).collect()
    }

    /// Undoes the latest not-yet-undone action of a session (or of tagging outside sessions).
    /// Returns what was undone, or `None` when there is nothing left to undo.
    pub fn undo(&mut self, session: Option<i64>) -> Result<Option<TagAction>> {
        self.step(session, true)
    }

    /// Redoes the most recently undone action.
    pub fn redo(&mut self, session: Option<i64>) -> Result<Option<TagAction>> {
        self.step(session, false)
    }

    fn step(&mut self, session: Option<i64>, undo: bool) -> Result<Option<TagAction>> {
        let tx = self.conn.transaction()?;
        let sql = if undo {
            "SELECT id, payload FROM tag_actions WHERE session_id IS ?1 AND undone = 0 ORDER BY id DESC LIMIT 1"
        } else {
            "SELECT id, payload FROM tag_actions WHERE session_id IS ?1 AND undone = 1 ORDER BY id ASC LIMIT 1"
        };
        let Some((action_id, payload)) =
            tx.query_row(sql, [session], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).optional()?
        else {
            return Ok(None);
        };
        let action: TagAction = serde_json::from_str(&payload)
            .map_err(|e| StoreError::Corrupt(format!("journal entry {action_id}: {e}")))?;
        let delete = "UPDATE tags SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1";
        let restore = "UPDATE tags SET deleted_at = NULL WHERE id = ?1";
        match (&action, undo) {
            (TagAction::Added { tag }, true) | (TagAction::Removed { tag }, false) => tx.execute(delete, [tag])?,
            (TagAction::Added { tag }, false) | (TagAction::Removed { tag }, true) => tx.execute(restore, [tag])?,
            (TagAction::NoteChanged { tag, before, after }, _) => {
                let note = if undo { before } else { after };
                tx.execute("UPDATE tags SET note = ?2 WHERE id = ?1", params![tag, note])?
            }
        };
        tx.execute("UPDATE tag_actions SET undone = ?2 WHERE id = ?1", params![action_id, undo])?;
        tx.commit()?;
        Ok(Some(action))
    }
}

/// Records an action; a new action makes the undone ones unreachable, as in every editor.
fn journal(tx: &Transaction, session: Option<i64>, action: &TagAction) -> Result<()> {
    tx.execute("DELETE FROM tag_actions WHERE session_id IS ?1 AND undone = 1", [session])?;
    let payload = serde_json::to_string(action).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.execute(
        "INSERT INTO tag_actions (session_id, action, payload) VALUES (?1, ?2, ?3)",
        params![
            session,
            match action {
                TagAction::Added { .. } => "added",
                TagAction::Removed { .. } => "removed",
                TagAction::NoteChanged { .. } => "note",
            },
            payload
        ],
    )?;
    Ok(())
}

/// The words a target covers, kept with the tag so exports and re-anchoring need no join.
fn target_text(tx: &Transaction, article: ArticleId, target: &TagTarget) -> Result<String> {
    let body = || -> Result<String> {
        tx.query_row("SELECT body FROM article_bodies WHERE article_id = ?1", [article], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("there is no article {article}")))
    };
    match target {
        TagTarget::Article => {
            body()?;
            Ok(String::new())
        }
        TagTarget::Entity { entity } => tx
            .query_row("SELECT canonical FROM entities WHERE id = ?1", [entity], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("there is no entity {entity}"))),
        TagTarget::Quote { start, end, .. } | TagTarget::Span { start, end } => {
            let body = body()?;
            body.get(*start..*end)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .ok_or_else(|| StoreError::Invalid(format!("{start}..{end} is not a span of article {article}")))
        }
    }
}

/// Reads a tag row; the outer error is SQLite's, the inner one a row that makes no sense.
fn row_to_tag(r: &rusqlite::Row) -> rusqlite::Result<Result<Tag>> {
    let kind: String = r.get(2)?;
    let span = match (r.get::<_, Option<i64>>(5)?, r.get::<_, Option<i64>>(6)?) {
        (Some(s), Some(e)) => Some((s as usize, e as usize)),
        _ => None,
    };
    let target = match (kind.as_str(), r.get::<_, Option<i64>>(3)?, r.get::<_, Option<i64>>(4)?, span) {
        ("article", ..) => TagTarget::Article,
        // The quote row may be gone after re-analysis; the span still anchors the tag.
        ("quote", quote, _, Some((start, end))) => TagTarget::Quote { quote: quote.unwrap_or(0), start, end },
        ("entity", _, Some(entity), _) => TagTarget::Entity { entity },
        ("span", _, _, Some((start, end))) => TagTarget::Span { start, end },
        _ => return Ok(Err(StoreError::Corrupt(format!("tag target {kind}")))),
    };
    Ok(Ok(Tag {
        id: r.get(0)?,
        article: r.get(1)?,
        target,
        target_text: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        label: r.get(8)?,
        note: r.get(9)?,
        analyst: r.get(10)?,
        session: r.get(11)?,
        created_at: r.get(12)?,
    }))
}
