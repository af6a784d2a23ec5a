//! The database schema, as an ordered list of migrations. A migration, once released, is never
//! edited: changes go in a new one appended to the list.

use rusqlite_migration::{M, Migrations};

/// Version 1: the whole data model, so that later features add behaviour, not tables.
const V1: &str = r#"
CREATE TABLE sources (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

-- One run of the importer (a CLI call, a dialog, a drop).
CREATE TABLE imports (
    id                INTEGER PRIMARY KEY,
    origin            TEXT NOT NULL,
    started_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    finished_at       TEXT,
    files_total       INTEGER NOT NULL DEFAULT 0,
    articles_imported INTEGER NOT NULL DEFAULT 0,
    duplicates        INTEGER NOT NULL DEFAULT 0,
    failures          INTEGER NOT NULL DEFAULT 0
);

-- Every file an import looked at, and what became of it.
CREATE TABLE import_files (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    path      TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('imported', 'duplicate', 'failed', 'skipped')),
    message   TEXT,
    articles  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX import_files_by_import ON import_files(import_id);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    language      TEXT NOT NULL CHECK (language IN ('ar', 'en', 'other')),
    published     TEXT,                        -- YYYY-MM-DD
    source_id     INTEGER REFERENCES sources(id),
    url           TEXT,
    author        TEXT,
    keywords      TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    content_hash  TEXT NOT NULL UNIQUE,        -- SHA-256 of the folded body: deduplication
    import_id     INTEGER REFERENCES imports(id) ON DELETE SET NULL,
    file_path     TEXT,
    parent_id     INTEGER REFERENCES articles(id) ON DELETE CASCADE,  -- "read also" articles
    story_id      INTEGER,                     -- near-duplicate group, the id of its first article
    imported_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    analyser      TEXT,                        -- version of the analysis that produced mentions/quotes
    entity_count  INTEGER NOT NULL DEFAULT 0,  -- kept with the mentions, so the library needs no join
    quote_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_by_source ON articles(source_id);
CREATE INDEX articles_by_published ON articles(published);
CREATE INDEX articles_by_parent ON articles(parent_id);
CREATE INDEX articles_by_story ON articles(story_id);

CREATE TABLE related_headlines (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    url        TEXT
);
CREATE INDEX related_headlines_by_article ON related_headlines(article_id);

-- Entities are corpus-wide: the same person across articles is one row.
CREATE TABLE entities (
    id        INTEGER PRIMARY KEY,
    canonical TEXT NOT NULL,
    folded    TEXT NOT NULL,                   -- normalised canonical name, the identity key
    type      TEXT NOT NULL CHECK (type IN ('PERSON', 'ORG', 'LOC')),
    watched   INTEGER NOT NULL DEFAULT 0,      -- from an analyst watchlist
    UNIQUE (folded, type)
);

CREATE TABLE entity_aliases (
    id        INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    folded    TEXT NOT NULL,
    UNIQUE (entity_id, folded)
);

-- Offsets are byte offsets into articles.body.
CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    origin     TEXT NOT NULL DEFAULT 'auto' CHECK (origin IN ('auto', 'analyst')),
    CHECK (start < end)
);
CREATE INDEX mentions_by_article ON mentions(article_id);
CREATE INDEX mentions_by_entity ON mentions(entity_id);

CREATE TABLE quotes (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start             INTEGER NOT NULL,
    end               INTEGER NOT NULL,
    text              TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
    speaker           TEXT,
    speaker_entity_id INTEGER REFERENCES entities(id),
    speaker_start     INTEGER,
    speaker_end       INTEGER,
    cue               TEXT,
    cue_start         INTEGER,
    cue_end           INTEGER,
    origin            TEXT NOT NULL DEFAULT 'auto' CHECK (origin IN ('auto', 'analyst'))
);
CREATE INDEX quotes_by_article ON quotes(article_id);

-- Analyst corrections of the analysis (rejections, type changes, merges, added spans). They
-- are replayed after every re-analysis, so they outlive it.
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,                  -- JSON
    analyst    TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX corrections_by_article ON corrections(article_id);

CREATE TABLE labels (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name_ar   TEXT,
    polarity  TEXT NOT NULL CHECK (polarity IN ('positive', 'negative', 'neutral')),
    color     TEXT NOT NULL DEFAULT '#888888',
    shortcut  TEXT,
    cue_words TEXT NOT NULL DEFAULT '[]',      -- JSON array
    position  INTEGER NOT NULL DEFAULT 0,
    archived  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tagging_sessions (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    analyst      TEXT,
    label_ids    TEXT NOT NULL DEFAULT '[]',   -- JSON array: the session's label set
    queue_filter TEXT NOT NULL DEFAULT '{}',   -- JSON: the library filter that made the queue
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'finished')),
    position     INTEGER NOT NULL DEFAULT 0,
    started_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ended_at     TEXT
);

CREATE TABLE session_items (
    session_id    INTEGER NOT NULL REFERENCES tagging_sessions(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seconds_spent REAL NOT NULL DEFAULT 0,
    done_at       TEXT,
    PRIMARY KEY (session_id, position)
);

-- A label applied to a target. Targets keep their text and offsets so a tag can be re-anchored
-- when re-analysis replaces the quote or mention rows it pointed at.
CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    target_type TEXT NOT NULL CHECK (target_type IN ('article', 'quote', 'entity', 'span')),
    quote_id    INTEGER REFERENCES quotes(id) ON DELETE SET NULL,
    entity_id   INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    span_start  INTEGER,
    span_end    INTEGER,
    target_text TEXT,
    label_id    INTEGER NOT NULL REFERENCES labels(id),
    note        TEXT,
    analyst     TEXT,
    session_id  INTEGER REFERENCES tagging_sessions(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at  TEXT                           -- soft delete, so undo can restore
);
CREATE INDEX tags_by_article ON tags(article_id);
CREATE INDEX tags_by_label ON tags(label_id);

-- The undo/redo journal of a tagging session.
CREATE TABLE tag_actions (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES tagging_sessions(id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    payload    TEXT NOT NULL,                  -- JSON
    undone     INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Full-text index over a *normalised copy* of title and body (see nlp::normalize::fold): the
-- default tokenizer would split Arabic words at harakat. Contentless: the text lives in
-- `articles`; rowid = articles.id.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;

/// Version 2: near-duplicate detection. MinHash signatures and their LSH band hashes (see
/// `nlp::near_dup`); `articles.story_id` groups the copies of one story.
const V2: &str = r#"
CREATE TABLE article_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature  BLOB NOT NULL
);
CREATE TABLE signature_bands (
    band       INTEGER NOT NULL,
    hash       INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX signature_bands_lookup ON signature_bands(band, hash);
CREATE INDEX signature_bands_by_article ON signature_bands(article_id);
"#;

/// Version 3: tagging. A key/value table for small persistent settings (whether the default
/// labels were offered, the analyst's name), and the indexes tagging sessions query by.
const V3: &str = r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE INDEX tags_by_session ON tags(session_id);
CREATE INDEX tag_actions_by_session ON tag_actions(session_id, undone);
CREATE INDEX session_items_by_article ON session_items(article_id);
"#;

/// Version 4: counts the library shows on every row, kept up to date as data changes instead
/// of counted per query (at 100,000 articles the per-row subqueries dominated search time).
/// Tag counts and entity counts are kept by triggers; story copy counts by the importer.
const V4: &str = r#"
ALTER TABLE articles ADD COLUMN tag_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN copy_count INTEGER NOT NULL DEFAULT 0;  -- on a story's first article
ALTER TABLE entities ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX mentions_by_article_entity ON mentions(article_id, entity_id);

UPDATE articles SET
    tag_count = (SELECT COUNT(*) FROM tags t WHERE t.article_id = articles.id AND t.deleted_at IS NULL),
    copy_count = (SELECT COUNT(*) FROM articles c WHERE c.story_id = articles.id AND c.id != articles.id);
UPDATE entities SET
    mention_count = (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = entities.id),
    article_count = (SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = entities.id);

CREATE TRIGGER tags_counted_insert AFTER INSERT ON tags WHEN NEW.deleted_at IS NULL BEGIN
    UPDATE articles SET tag_count = tag_count + 1 WHERE id = NEW.article_id;
END;
CREATE TRIGGER tags_counted_delete AFTER DELETE ON tags WHEN OLD.deleted_at IS NULL BEGIN
    UPDATE articles SET tag_count = tag_count - 1 WHERE id = OLD.article_id;
END;
CREATE TRIGGER tags_counted_soft_delete AFTER UPDATE OF deleted_at ON tags
WHEN (OLD.deleted_at IS NULL) != (NEW.deleted_at IS NULL) BEGIN
    UPDATE articles SET tag_count = tag_count + (CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END)
    WHERE id = NEW.article_id;
END;

CREATE TRIGGER mentions_counted_insert AFTER INSERT ON mentions BEGIN
    UPDATE entities SET
        mention_count = mention_count + 1,
        article_count = article_count + NOT EXISTS (
            SELECT 1 FROM mentions m WHERE m.article_id = NEW.article_id AND m.entity_id = NEW.entity_id AND m.id != NEW.id)
    WHERE id = NEW.entity_id;
END;
CREATE TRIGGER mentions_counted_delete AFTER DELETE ON mentions BEGIN
    UPDATE entities SET
        mention_count = mention_count - 1,
        article_count = article_count - NOT EXISTS (
            SELECT 1 FROM mentions m WHERE m.article_id = OLD.article_id AND m.entity_id = OLD.entity_id)
    WHERE id = OLD.entity_id;
END;
"#;

/// Version 5: article bodies in their own table. SQLite stores a row's columns in order, and
/// a long body spills into overflow pages: every column after it (counts, dates, story) cost a
/// walk through the body's pages when listing the library.
const V5: &str = r#"
CREATE TABLE article_bodies (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    body       TEXT NOT NULL
);
INSERT INTO article_bodies (article_id, body) SELECT id, body FROM articles;
ALTER TABLE articles DROP COLUMN body;
"#;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2), M::up(V3), M::up(V4), M::up(V5)])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
