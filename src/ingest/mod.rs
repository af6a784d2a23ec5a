//! Import: from files on disk to [`PageDraft`]s. Decoding, format parsing and page cleaning
//! live here; nothing here touches the database or runs analysis.

pub mod dates;
pub mod decode;
pub mod email;
pub mod feed;
pub mod html;
pub mod language;
pub mod records;
pub mod text_page;

use std::path::{Path, PathBuf};

use crate::model::PageDraft;

/// Why one file could not be imported. Each message names the problem in the user's terms.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("the file is empty")]
    Empty,
    #[error("this looks like a binary file, not text")]
    Binary,
    #[error("the text could not be decoded: {0}")]
    Undecodable(String),
    #[error("the encoding is uncertain (best guess {0}); choose the encoding and import again")]
    UnsureEncoding(String),
    #[error("unknown encoding '{0}'")]
    UnknownEncoding(String),
    #[error("the file is too large ({size_mb:.1} MB; the limit is {limit_mb} MB)")]
    TooLarge { size_mb: f64, limit_mb: u64 },
    #[error("unsupported file type '{0}'")]
    Unsupported(String),
    #[error("no article text was found in the file")]
    NoArticle,
    #[error("{0}")]
    Malformed(String),
    #[error("could not read the file: {0}")]
    Io(#[from] std::io::Error),
}

/// Settings that apply to every file of an import.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Files larger than this are refused without being read into memory.
    pub max_file_bytes: u64,
    /// A WHATWG encoding label chosen by the user; `None` detects.
    pub encoding: Option<String>,
    /// Columns of JSON/CSV exports chosen by the user, overriding the guess by name.
    pub field_map: Vec<(records::Field, String)>,
}

impl IngestOptions {
    pub const DEFAULT_MAX_FILE_MB: u64 = 50;
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { max_file_bytes: Self::DEFAULT_MAX_FILE_MB * 1024 * 1024, encoding: None, field_map: Vec::new() }
    }
}

/// File name extensions Marsad can import.
pub const SUPPORTED_EXTENSIONS: &[&str] =
    &["txt", "text", "html", "htm", "xhtml", "xml", "rss", "atom", "json", "jsonl", "ndjson", "csv", "tsv", "eml"];

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// True when `path` has an extension Marsad imports.
pub fn is_supported(path: &Path) -> bool {
    SUPPORTED_EXTENSIONS.contains(&extension(path).as_str())
}

/// Reads and parses one file into the pages it holds.
pub fn read_file(path: &Path, options: &IngestOptions) -> Result<Vec<PageDraft>, IngestError> {
    let size = std::fs::metadata(path)?.len();
    if size > options.max_file_bytes {
        return Err(IngestError::TooLarge {
            size_mb: size as f64 / 1_048_576.0,
            limit_mb: options.max_file_bytes / 1_048_576,
        });
    }
    let bytes = std::fs::read(path)?;
    parse_bytes(&bytes, &extension(path), options)
}

/// Parses file contents of the given type (a file name extension).
pub fn parse_bytes(bytes: &[u8], extension: &str, options: &IngestOptions) -> Result<Vec<PageDraft>, IngestError> {
    let text = || decode::decode(bytes, options.encoding.as_deref()).map(|d| d.text);
    match extension {
        "txt" | "text" | "" => {
            let text = text()?;
            // Saved web pages are sometimes named .txt; their markup must not become the article.
            if looks_like_html(&text) {
                return Ok(vec![html::parse(&text)?]);
            }
            Ok(vec![text_page::parse(&text).ok_or(IngestError::NoArticle)?])
        }
        "html" | "htm" | "xhtml" => Ok(vec![html::parse(&text()?)?]),
        // Feeds declare their own encoding in the XML prolog; the parser reads it from the bytes.
        "xml" | "rss" | "atom" => feed::parse(bytes),
        "json" => {
            let text = text()?;
            if feed::is_json_feed(&text) {
                feed::parse(text.as_bytes())
            } else {
                records::parse_json(&text, &options.field_map)
            }
        }
        "jsonl" | "ndjson" => records::parse_jsonl(&text()?, &options.field_map),
        "csv" => records::parse_csv(&text()?, b',', &options.field_map),
        "tsv" => records::parse_csv(&text()?, b'\t', &options.field_map),
        "eml" => Ok(vec![email::parse(bytes)?]),
        other => Err(IngestError::Unsupported(other.to_string())),
    }
}

/// The first `max_bytes` of `text` or less, cut at a character boundary.
pub(crate) fn head(text: &str, max_bytes: usize) -> &str {
    &text[..text.floor_char_boundary(max_bytes)]
}

/// The last `max_bytes` of `text` or less, cut at a character boundary.
pub(crate) fn tail(text: &str, max_bytes: usize) -> &str {
    &text[text.ceil_char_boundary(text.len().saturating_sub(max_bytes))..]
}

fn looks_like_html(text: &str) -> bool {
    let head = head(text, 1024).trim_start().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// What a walk over the user's selection found.
#[derive(Debug, Default)]
pub struct FileList {
    pub files: Vec<PathBuf>,
    /// Files passed over, with the reason (hidden, unknown type, unreadable folder).
    pub skipped: Vec<(PathBuf, String)>,
}

/// Expands files and folders (recursively) into the files to import, in a stable order.
/// Files named explicitly are always tried; inside folders, hidden entries and unknown types
/// are skipped and reported.
pub fn collect_files(paths: &[PathBuf]) -> FileList {
    let mut list = FileList::default();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut list);
        } else {
            list.files.push(path.clone());
        }
    }
    list
}

fn walk(dir: &Path, list: &mut FileList) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            list.skipped.push((dir.to_path_buf(), format!("folder could not be read: {e}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            list.skipped.push((path, "hidden".to_string()));
        } else if path.is_dir() {
            walk(&path, list);
        } else if is_supported(&path) {
            list.files.push(path);
        } else {
            list.skipped.push((path, "unsupported file type".to_string()));
        }
    }
}
