//! Articles, their analysis, and the queries the library and reader need.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params, params_from_iter, types::Value};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Result, Store, StoreError, search::fts_query};
use crate::model::{Annotations, ArticleDraft, EntityType, Lang, PageDraft, QuoteKind};
use crate::nlp::near_dup;
use crate::nlp::normalize::{collapse_spaces, fold};

pub type ArticleId = i64;

/// A page with the analysis of each of its articles, ready to store.
#[derive(Debug, Clone)]
pub struct AnalysedPage {
    pub page: PageDraft,
    pub main: Annotations,
    /// One per `page.read_also`, in order.
    pub read_also: Vec<Annotations>,
}

/// What storing one file did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileOutcome {
    pub stored: Vec<ArticleId>,
    /// Titles of articles whose content was already in the database.
    pub duplicates: Vec<String>,
}

/// The library's sort orders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    #[default]
    Imported,
    Title,
    Source,
    Published,
    Language,
    Entities,
    Quotes,
    Tags,
    /// Best search match first (only meaningful with a query; otherwise import order).
    Relevance,
}

/// What the library shows. Every field narrows the list; the default shows everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleFilter {
    /// Words typed in the search box; any string is safe (see [`super::search`]).
    pub query: Option<String>,
    pub source: Option<String>,
    pub language: Option<Lang>,
    /// Inclusive bounds, `YYYY-MM-DD`.
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub entity: Option<i64>,
    pub label: Option<i64>,
    pub untagged: bool,
    /// Show each story once: copies of a story (near-duplicates) are folded into its first
    /// article, whose row counts them in `copies`.
    pub collapse_copies: bool,
    pub sort: SortKey,
    pub descending: bool,
    pub limit: Option<usize>,
}

/// A library row: everything but the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    pub id: ArticleId,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub language: Lang,
    pub entity_count: usize,
    pub quote_count: usize,
    pub tag_count: usize,
    pub parent: Option<ArticleId>,
    /// The story this article belongs to: the id of the story's first article.
    pub story: ArticleId,
    /// Other articles of the same story (near-duplicates).
    pub copies: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: ArticleId,
    pub title: String,
    pub body: String,
    pub language: Lang,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub keywords: Vec<String>,
    pub parent: Option<ArticleId>,
    pub imported_at: String,
    pub file_path: Option<String>,
}

/// An entity mention as stored. Offsets are byte offsets into the article body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredMention {
    pub id: i64,
    pub entity: i64,
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub canonical: String,
    pub entity_type: EntityType,
}

/// A quote as stored. Offsets are byte offsets into the article body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredQuote {
    pub id: i64,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub speaker_entity: Option<i64>,
    pub speaker_span: Option<(usize, usize)>,
    pub cue: Option<String>,
    pub cue_span: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntitySummary {
    pub id: i64,
    pub canonical: String,
    pub entity_type: EntityType,
    pub articles: usize,
    pub mentions: usize,
}

/// The deduplication key: the folded, space-collapsed body (the title when there is no body).
pub fn content_hash(draft: &ArticleDraft) -> String {
    hash_of_folded(&fold(&draft.title), &fold(&draft.body))
}

fn hash_of_folded(title: &str, body: &str) -> String {
    let basis = if body.trim().is_empty() { title } else { body };
    let digest = Sha256::digest(collapse_spaces(basis).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn lang_from_sql(code: String) -> Lang {
    Lang::from_code(&code)
}

fn entity_type_from_sql(code: &str) -> Result<EntityType> {
    EntityType::parse(code).ok_or_else(|| StoreError::Corrupt(format!("entity type {code}")))
}

impl Store {
    /// Starts an import run; its id ties files and articles together.
    pub fn begin_import(&self, origin: &str) -> Result<i64> {
        self.conn.execute("INSERT INTO imports (origin) VALUES (?1)", [origin])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records the totals of an import run.
    pub fn finish_import(
        &self,
        import_id: i64,
        files_total: usize,
        imported: usize,
        duplicates: usize,
        failures: usize,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE imports SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), files_total = ?2,
                    articles_imported = ?3, duplicates = ?4, failures = ?5 WHERE id = ?1",
            params![import_id, files_total as i64, imported as i64, duplicates as i64, failures as i64],
        )?;
        Ok(())
    }

    /// Records a file that could not be imported (nothing else of it is written).
    pub fn record_file_failure(&self, import_id: i64, path: &Path, message: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO import_files (import_id, path, status, message) VALUES (?1, ?2, 'failed', ?3)",
            params![import_id, path.to_string_lossy(), message],
        )?;
        Ok(())
    }

    /// Stores every article of one file in a single transaction: either all of the file is
    /// written, or none of it. Articles already present (same content) are skipped.
    pub fn store_file(
        &mut self,
        import_id: Option<i64>,
        path: Option<&Path>,
        pages: &[AnalysedPage],
    ) -> Result<FileOutcome> {
        // A savepoint: a transaction of its own, or a nested one inside a batch (see
        // `begin_batch`); either way the file is written whole or not at all.
        let tx = self.conn.savepoint()?;
        let mut outcome = FileOutcome::default();
        let path_text = path.map(|p| p.to_string_lossy().into_owned());
        for analysed in pages {
            let main_id = match insert_article(
                &tx,
                import_id,
                path_text.as_deref(),
                None,
                &analysed.page.main,
                &analysed.main,
            )? {
                Inserted::New(id) => {
                    outcome.stored.push(id);
                    for (position, headline) in analysed.page.related_headlines.iter().enumerate() {
                        tx.execute(
                            "INSERT INTO related_headlines (article_id, position, title) VALUES (?1, ?2, ?3)",
                            params![id, position as i64, headline],
                        )?;
                    }
                    id
                }
                Inserted::Duplicate(id) => {
                    outcome.duplicates.push(analysed.page.main.title.clone());
                    id
                }
            };
            for (draft, annotations) in analysed.page.read_also.iter().zip(&analysed.read_also) {
                match insert_article(&tx, import_id, path_text.as_deref(), Some(main_id), draft, annotations)? {
                    Inserted::New(id) => outcome.stored.push(id),
                    Inserted::Duplicate(_) => outcome.duplicates.push(draft.title.clone()),
                }
            }
        }
        if let (Some(import_id), Some(path)) = (import_id, path_text.as_deref()) {
            let status = if outcome.stored.is_empty() { "duplicate" } else { "imported" };
            tx.execute(
                "INSERT INTO import_files (import_id, path, status, articles) VALUES (?1, ?2, ?3, ?4)",
                params![import_id, path, status, outcome.stored.len() as i64],
            )?;
        }
        tx.commit()?;
        Ok(outcome)
    }

    /// Groups the following writes into one transaction until [`Self::commit_batch`]. Each
    /// file stays atomic (a savepoint inside the batch); the batch saves a disk commit per file.
    pub fn begin_batch(&self) -> Result<()> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        Ok(())
    }

    /// Commits the writes since [`Self::begin_batch`]; nothing to do outside a batch.
    pub fn commit_batch(&self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(())
    }

    pub fn article_count(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// The FROM and WHERE of the library query for a filter, its parameters, and its ORDER BY.
    fn filter_sql(filter: &ArticleFilter) -> Result<(String, Vec<Value>, String)> {
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let mut fts_join = "";
        if let Some(query) = filter.query.as_deref().filter(|q| !q.trim().is_empty()) {
            values.push(Value::Text(fts_query(query)?));
            if filter.sort == SortKey::Relevance {
                fts_join = "JOIN (SELECT rowid AS fts_id, rank AS fts_rank FROM article_fts WHERE article_fts MATCH ?) f ON f.fts_id = a.id";
            } else {
                // As a set, so SQLite can walk articles in the sort order and stop at the limit.
                conditions.push("a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)".into());
            }
        }
        if let Some(source) = &filter.source {
            conditions.push("s.name = ?".into());
            values.push(Value::Text(source.clone()));
        }
        if let Some(lang) = filter.language {
            conditions.push("a.language = ?".into());
            values.push(Value::Text(lang.code().into()));
        }
        if let Some(from) = &filter.date_from {
            conditions.push("a.published >= ?".into());
            values.push(Value::Text(from.clone()));
        }
        if let Some(to) = &filter.date_to {
            conditions.push("a.published <= ?".into());
            values.push(Value::Text(to.clone()));
        }
        if let Some(entity) = filter.entity {
            conditions.push("EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.entity_id = ?)".into());
            values.push(Value::Integer(entity));
        }
        if let Some(label) = filter.label {
            conditions.push(
                "EXISTS (SELECT 1 FROM tags t WHERE t.article_id = a.id AND t.label_id = ? AND t.deleted_at IS NULL)"
                    .into(),
            );
            values.push(Value::Integer(label));
        }
        if filter.untagged {
            conditions
                .push("NOT EXISTS (SELECT 1 FROM tags t WHERE t.article_id = a.id AND t.deleted_at IS NULL)".into());
        }
        if filter.collapse_copies {
            conditions.push("a.story_id = a.id".into());
        }
        let where_clause =
            if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let order = match filter.sort {
            SortKey::Imported => "a.id",
            SortKey::Title => "a.title COLLATE NOCASE",
            SortKey::Source => "s.name COLLATE NOCASE",
            SortKey::Published => "a.published",
            SortKey::Language => "a.language",
            SortKey::Entities => "a.entity_count",
            SortKey::Quotes => "a.quote_count",
            SortKey::Tags => "a.tag_count",
            SortKey::Relevance if !fts_join.is_empty() => "f.fts_rank",
            SortKey::Relevance => "a.id",
        };
        let direction = if filter.descending { "DESC" } else { "ASC" };
        let from = format!("FROM articles a LEFT JOIN sources s ON s.id = a.source_id {fts_join} {where_clause}");
        Ok((from, values, format!("ORDER BY {order} {direction}, a.id {direction}")))
    }

    /// How many articles a filter selects (the library shows the first rows only).
    pub fn count_articles(&self, filter: &ArticleFilter) -> Result<usize> {
        // A search alone is counted by the index itself, without touching the articles.
        let only_search =
            ArticleFilter { query: None, sort: SortKey::Imported, descending: false, limit: None, ..filter.clone() }
                == ArticleFilter::default();
        if let Some(query) = filter.query.as_deref().filter(|q| only_search && !q.trim().is_empty()) {
            let mut stmt = self.conn.prepare_cached("SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH ?1")?;
            return Ok(stmt.query_row([fts_query(query)?], |r| r.get::<_, i64>(0))? as usize);
        }
        let (from, values, _) = Self::filter_sql(filter)?;
        let mut stmt = self.conn.prepare_cached(&format!("SELECT COUNT(*) {from}"))?;
        Ok(stmt.query_row(params_from_iter(values), |r| r.get::<_, i64>(0))? as usize)
    }

    /// The library list for a filter.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<ArticleRow>> {
        let (from, values, order) = Self::filter_sql(filter)?;
        let limit = filter.limit.map(|n| format!("LIMIT {n}")).unwrap_or_default();
        self.rows(&format!("{from} {order} {limit}"), values)
    }

    /// Library rows for the FROM/WHERE/ORDER tail of a query over `articles a` and `sources s`.
    fn rows(&self, tail: &str, values: Vec<Value>) -> Result<Vec<ArticleRow>> {
        let sql = format!(
            "SELECT a.id, a.title, s.name, a.published, a.language, a.entity_count, a.quote_count,
                    a.tag_count,
                    a.parent_id, a.story_id,
                    CASE WHEN a.story_id = a.id THEN a.copy_count
                         ELSE (SELECT h.copy_count FROM articles h WHERE h.id = a.story_id) END AS copies
             {tail}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values), |r| {
            Ok(ArticleRow {
                id: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                published: r.get(3)?,
                language: lang_from_sql(r.get(4)?),
                entity_count: r.get::<_, i64>(5)? as usize,
                quote_count: r.get::<_, i64>(6)? as usize,
                tag_count: r.get::<_, i64>(7)? as usize,
                parent: r.get(8)?,
                story: r.get(9)?,
                copies: r.get::<_, i64>(10)? as usize,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn article(&self, id: ArticleId) -> Result<Option<Article>> {
        let row = self
            .conn
            .query_row(
                "SELECT a.id, a.title, b.body, a.language, a.published, s.name, a.url, a.author, a.keywords,
                        a.parent_id, a.imported_at, a.file_path
                 FROM articles a JOIN article_bodies b ON b.article_id = a.id
                      LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?1",
                [id],
                |r| {
                    Ok((
                        Article {
                            id: r.get(0)?,
                            title: r.get(1)?,
                            body: r.get(2)?,
                            language: lang_from_sql(r.get(3)?),
                            published: r.get(4)?,
                            source: r.get(5)?,
                            url: r.get(6)?,
                            author: r.get(7)?,
                            keywords: Vec::new(),
                            parent: r.get(9)?,
                            imported_at: r.get(10)?,
                            file_path: r.get(11)?,
                        },
                        r.get::<_, String>(8)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(mut article, keywords)| {
            article.keywords = serde_json::from_str(&keywords)
                .map_err(|e| StoreError::Corrupt(format!("keywords of article {id}: {e}")))?;
            Ok(article)
        })
        .transpose()
    }

    pub fn mentions(&self, article: ArticleId) -> Result<Vec<StoredMention>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.entity_id, m.start, m.end, m.surface, e.canonical, e.type
             FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?1 ORDER BY m.start",
        )?;
        let rows = stmt.query_map([article], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        rows.map(|row| {
            let (id, entity, start, end, surface, canonical, kind) = row?;
            Ok(StoredMention {
                id,
                entity,
                start: start as usize,
                end: end as usize,
                surface,
                canonical,
                entity_type: entity_type_from_sql(&kind)?,
            })
        })
        .collect()
    }

    pub fn quotes(&self, article: ArticleId) -> Result<Vec<StoredQuote>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, start, end, text, kind, speaker, speaker_entity_id, speaker_start, speaker_end, cue,
                    cue_start, cue_end
             FROM quotes WHERE article_id = ?1 ORDER BY start",
        )?;
        let span = |a: Option<i64>, b: Option<i64>| a.zip(b).map(|(a, b)| (a as usize, b as usize));
        let rows = stmt.query_map([article], |r| {
            let speaker_span = span(r.get(7)?, r.get(8)?);
            let cue_span = span(r.get(10)?, r.get(11)?);
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get(3)?,
                r.get::<_, String>(4)?,
                r.get(5)?,
                r.get(6)?,
                speaker_span,
                r.get(9)?,
                cue_span,
            ))
        })?;
        rows.map(|row| {
            let (id, start, end, text, kind, speaker, speaker_entity, speaker_span, cue, cue_span) = row?;
            let kind = QuoteKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("quote kind {kind}")))?;
            Ok(StoredQuote {
                id,
                start: start as usize,
                end: end as usize,
                text,
                kind,
                speaker,
                speaker_entity,
                speaker_span,
                cue,
                cue_span,
            })
        })
        .collect()
    }

    pub fn related_headlines(&self, article: ArticleId) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT title FROM related_headlines WHERE article_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([article], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The "read also" articles found on the same page as `article`.
    pub fn children(&self, article: ArticleId) -> Result<Vec<ArticleRow>> {
        self.rows(
            "FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.parent_id = ? ORDER BY a.id",
            vec![Value::Integer(article)],
        )
    }

    /// The other copies of `article`'s story (near-duplicates from other sources or edits).
    pub fn copies(&self, article: ArticleId) -> Result<Vec<ArticleRow>> {
        let story: Option<i64> =
            self.conn.query_row("SELECT story_id FROM articles WHERE id = ?1", [article], |r| r.get(0)).optional()?;
        let Some(story) = story else { return Ok(Vec::new()) };
        self.rows(
            "FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.story_id = ? AND a.id != ? ORDER BY a.id",
            vec![Value::Integer(story), Value::Integer(article)],
        )
    }

    /// Every entity in the corpus, most-mentioned first.
    pub fn entity_index(&self) -> Result<Vec<EntitySummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, canonical, type, article_count, mention_count FROM entities
             WHERE mention_count > 0 ORDER BY mention_count DESC, canonical",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?, r.get::<_, i64>(4)?))
        })?;
        rows.map(|row| {
            let (id, canonical, kind, articles, mentions) = row?;
            Ok(EntitySummary {
                id,
                canonical,
                entity_type: entity_type_from_sql(&kind)?,
                articles: articles as usize,
                mentions: mentions as usize,
            })
        })
        .collect()
    }

    /// Source names, alphabetically.
    pub fn sources(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM sources ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

enum Inserted {
    New(ArticleId),
    Duplicate(ArticleId),
}

fn insert_article(
    tx: &Connection,
    import_id: Option<i64>,
    path: Option<&str>,
    parent: Option<ArticleId>,
    draft: &ArticleDraft,
    annotations: &Annotations,
) -> Result<Inserted> {
    // Folded once: the duplicate key, the search index and the near-duplicate signature.
    let (folded_title, folded_body) = (fold(&draft.title), fold(&draft.body));
    let hash = hash_of_folded(&folded_title, &folded_body);
    if let Some(existing) =
        tx.query_row("SELECT id FROM articles WHERE content_hash = ?1", [&hash], |r| r.get(0)).optional()?
    {
        return Ok(Inserted::Duplicate(existing));
    }
    let source_id: Option<i64> = match draft.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => {
            tx.execute("INSERT INTO sources (name) VALUES (?1) ON CONFLICT (name) DO NOTHING", [name])?;
            Some(tx.query_row("SELECT id FROM sources WHERE name = ?1", [name], |r| r.get(0))?)
        }
        None => None,
    };
    let language = draft.language.unwrap_or_else(|| crate::ingest::language::detect(&draft.body));
    let keywords = serde_json::to_string(&draft.keywords).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.execute(
        "INSERT INTO articles (title, language, published, source_id, url, author, keywords, content_hash,
                               import_id, file_path, parent_id, analyser, entity_count, quote_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            draft.title,
            language.code(),
            draft.published,
            source_id,
            draft.url,
            draft.author,
            keywords,
            hash,
            import_id,
            path,
            parent,
            crate::nlp::ANALYSER_VERSION,
            annotations.entities.len() as i64,
            annotations.quotes.len() as i64,
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute("INSERT INTO article_bodies (article_id, body) VALUES (?1, ?2)", params![id, draft.body])?;
    let story = assign_story(tx, id, &folded_body)?;
    tx.execute("UPDATE articles SET story_id = ?2 WHERE id = ?1", params![id, story])?;
    if story != id {
        tx.execute("UPDATE articles SET copy_count = copy_count + 1 WHERE id = ?1", [story])?;
    }
    tx.execute(
        "INSERT INTO article_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
        params![id, folded_title, folded_body],
    )?;
    write_annotations(tx, id, annotations)?;
    Ok(Inserted::New(id))
}

/// Stores the article's MinHash signature and returns its story: the story of the most similar
/// earlier article above the copy threshold, or a new story (its own id).
fn assign_story(tx: &Connection, article: ArticleId, folded_body: &str) -> Result<ArticleId> {
    let Some(signature) = near_dup::signature_of_folded(folded_body) else { return Ok(article) };
    let bands = near_dup::band_hashes(&signature);
    let mut candidates: Vec<i64> = Vec::new();
    {
        let mut lookup = tx.prepare_cached("SELECT article_id FROM signature_bands WHERE band = ?1 AND hash = ?2")?;
        for (band, hash) in bands.iter().enumerate() {
            for row in lookup.query_map(params![band as i64, hash], |r| r.get::<_, i64>(0))? {
                let candidate = row?;
                if !candidates.contains(&candidate) {
                    candidates.push(candidate);
                }
            }
        }
    }
    let mut best: Option<(f64, ArticleId)> = None;
    let mut load = tx.prepare_cached(
        "SELECT s.signature, a.story_id FROM article_signatures s JOIN articles a ON a.id = s.article_id WHERE s.article_id = ?1",
    )?;
    for candidate in candidates {
        let (bytes, story): (Vec<u8>, Option<i64>) = load.query_row([candidate], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let Some(other) = near_dup::from_bytes(&bytes) else { continue };
        let similarity = near_dup::similarity(&signature, &other);
        if similarity >= near_dup::COPY_THRESHOLD && best.is_none_or(|(s, _)| similarity > s) {
            best = Some((similarity, story.unwrap_or(candidate)));
        }
    }
    tx.execute(
        "INSERT INTO article_signatures (article_id, signature) VALUES (?1, ?2)",
        params![article, near_dup::to_bytes(&signature)],
    )?;
    let mut insert_band =
        tx.prepare_cached("INSERT INTO signature_bands (band, hash, article_id) VALUES (?1, ?2, ?3)")?;
    for (band, hash) in bands.iter().enumerate() {
        insert_band.execute(params![band as i64, hash, article])?;
    }
    Ok(best.map(|(_, story)| story).unwrap_or(article))
}

/// Writes mentions and quotes of one article, creating corpus entities as needed.
pub(super) fn write_annotations(tx: &Connection, article: ArticleId, annotations: &Annotations) -> Result<()> {
    let mut entity_ids: HashMap<(String, EntityType), i64> = HashMap::new();
    let mut upsert_entity = tx.prepare_cached(
        "INSERT INTO entities (canonical, folded, type) VALUES (?1, ?2, ?3)
         ON CONFLICT (folded, type) DO UPDATE SET canonical = canonical RETURNING id",
    )?;
    let mut insert_mention = tx.prepare_cached(
        "INSERT INTO mentions (article_id, entity_id, start, end, surface) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for mention in &annotations.entities {
        let key = (collapse_spaces(&fold(&mention.canonical)), mention.entity_type);
        let entity = match entity_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id: i64 = upsert_entity
                    .query_row(params![mention.canonical, key.0, mention.entity_type.as_str()], |r| r.get(0))?;
                entity_ids.insert(key, id);
                id
            }
        };
        insert_mention.execute(params![article, entity, mention.start as i64, mention.end as i64, mention.surface])?;
    }
    let mut insert_quote = tx.prepare_cached(
        "INSERT INTO quotes (article_id, start, end, text, kind, speaker, speaker_entity_id, speaker_start, speaker_end,
                             cue, cue_start, cue_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for quote in &annotations.quotes {
        let speaker_entity = quote.speaker.as_deref().and_then(|speaker| {
            let folded = collapse_spaces(&fold(speaker));
            [EntityType::Person, EntityType::Org, EntityType::Loc]
                .iter()
                .find_map(|&t| entity_ids.get(&(folded.clone(), t)).copied())
        });
        insert_quote.execute(params![
            article,
            quote.start as i64,
            quote.end as i64,
            quote.text,
            quote.kind.as_str(),
            quote.speaker,
            speaker_entity,
            quote.speaker_span.map(|s| s.0 as i64),
            quote.speaker_span.map(|s| s.1 as i64),
            quote.cue,
            quote.cue_span.map(|s| s.0 as i64),
            quote.cue_span.map(|s| s.1 as i64),
        ])?;
    }
    Ok(())
}
