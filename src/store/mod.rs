//! The article store: the only module that speaks SQL.
//!
//! One SQLite file per analyst database, opened in WAL mode so the window can read while an
//! import writes on another connection. Every connection is configured in [`Store::open`],
//! and the schema is brought up to date there by versioned migrations.

mod articles;
mod corrections;
mod schema;
pub mod search;
mod sessions;
mod tagging;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use articles::*;
pub use corrections::MatcherFeedback;
pub use search::SearchError;
pub use sessions::*;
pub use tagging::*;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("could not prepare the database: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{0}")]
    Search(#[from] SearchError),
    #[error("could not create the database folder {path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A connection to a Marsad database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, migrating it to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .map_err(|source| StoreError::Folder { path: folder.to_path_buf(), source })?;
        }
        let conn = Connection::open(path)?;
        Self::configure(conn, Some(path.to_path_buf()))
    }

    /// A private database in memory, for tests and one-shot commands.
    pub fn open_in_memory() -> Result<Store> {
        Self::configure(Connection::open_in_memory()?, None)
    }

    fn configure(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        // WAL: readers never block the writer. NORMAL sync is durable across application
        // crashes (only an OS crash can lose the last transactions) and much faster.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        schema::migrations().to_latest(&mut conn)?;
        Ok(Store { conn, path })
    }

    /// The default database: `marsad.db` in the platform's per-user data directory
    /// (e.g. `~/.local/share/marsad/` on Linux).
    pub fn default_path() -> PathBuf {
        directories::ProjectDirs::from("org", "Marsad", "marsad")
            .map(|dirs| dirs.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from("."))
            .join("marsad.db")
    }

    /// Where this store lives; `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_and_migrates_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/marsad.db");
        drop(Store::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        let mode: String = store.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
    }
}
