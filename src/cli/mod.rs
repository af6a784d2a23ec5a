//! The command line. `main.rs` hands over to [`run`]; each subcommand is one function here.

pub mod export;
pub mod json;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::ingest::{IngestOptions, records};
use crate::model::Lang;
use crate::nlp::Annotator;
use crate::pipeline;
use crate::store::{ArticleFilter, SortKey, Store};

#[derive(Parser, Debug)]
#[command(name = "marsad", version, about = "Marsad (مرصد): media monitoring for Arabic and English news.")]
#[command(after_help = "With no command, Marsad opens its window on the database.")]
pub struct Cli {
    /// The database file [default: marsad.db in the user's data directory].
    #[arg(long, global = true, env = "MARSAD_DB", value_name = "FILE")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Import files and folders (recursively) into the database.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Read the files in this encoding (e.g. windows-1256) instead of detecting it.
        #[arg(long, value_name = "LABEL")]
        encoding: Option<String>,
        /// Refuse files larger than this many megabytes.
        #[arg(long, value_name = "MB", default_value_t = IngestOptions::DEFAULT_MAX_FILE_MB)]
        max_file_mb: u64,
        /// For JSON/CSV exports: which column holds a field (title, body, date, source, url,
        /// author), e.g. --map body=story_text. Repeatable.
        #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = records::parse_mapping)]
        field_map: Vec<(records::Field, String)>,
    },
    /// List the articles in the database.
    List {
        #[arg(long)]
        language: Option<LangArg>,
        #[arg(long)]
        source: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Show one article with its entities and quotes.
    Show { id: i64 },
    /// Full-text search (Arabic spelling variants and harakat are ignored).
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Export every article (with metadata, entities and quotes), or every tag.
    Export {
        /// What to export.
        #[arg(value_enum, default_value_t = ExportWhat::Articles)]
        what: ExportWhat,
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Run import and analysis on one file without a database and print the result.
    Extract {
        /// Print the evaluation JSON (see README).
        #[arg(long)]
        json: bool,
        file: PathBuf,
    },
    /// Measure import, search, start-up, frame time, annotation speed and memory on a
    /// synthetic corpus (see README, "Performance").
    Bench {
        /// Keep generated corpora and databases here between runs.
        #[arg(long, default_value = "target/bench")]
        workdir: PathBuf,
        /// 3 KB articles for the import figure.
        #[arg(long, default_value_t = 2000)]
        import_articles: usize,
        /// Articles in the search/start-up/memory corpus (1000, 10000 or 100000).
        #[arg(long, default_value_t = 100_000)]
        corpus_articles: usize,
        /// Measure one figure only.
        #[arg(long, value_enum)]
        only: Option<crate::bench::Figure>,
    },
    /// Annotate a plain UTF-8 text file with entities and quotes.
    Annotate {
        /// Print the evaluation JSON (see README).
        #[arg(long)]
        json: bool,
        file: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Ar,
    En,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    Articles,
    Tags,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

/// Parses the command line and runs it.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("marsad: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn db_path(cli_db: Option<PathBuf>) -> PathBuf {
    cli_db.unwrap_or_else(Store::default_path)
}

fn open_store(path: &Path) -> Result<Store> {
    Store::open(path).with_context(|| format!("could not open the database {}", path.display()))
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    let Some(command) = cli.command else {
        crate::ui::run(&db_path(cli.db))?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Import { paths, encoding, max_file_mb, field_map } => {
            let mut store = open_store(&db_path(cli.db))?;
            import(&mut store, &paths, IngestOptions { max_file_bytes: max_file_mb * 1024 * 1024, encoding, field_map })
        }
        Command::List { language, source, limit } => {
            let store = open_store(&db_path(cli.db))?;
            let language = language.map(|l| match l {
                LangArg::Ar => Lang::Ar,
                LangArg::En => Lang::En,
                LangArg::Other => Lang::Other,
            });
            let filter = ArticleFilter { language, source, limit: Some(limit), ..Default::default() };
            print_rows(&store, &filter)
        }
        Command::Show { id } => show(&open_store(&db_path(cli.db))?, id),
        Command::Search { query, limit } => {
            let store = open_store(&db_path(cli.db))?;
            let filter = ArticleFilter {
                query: Some(query),
                sort: SortKey::Relevance,
                limit: Some(limit),
                ..Default::default()
            };
            print_rows(&store, &filter)
        }
        Command::Export { what, format, out } => {
            let store = open_store(&db_path(cli.db))?;
            match out {
                Some(path) => {
                    let file =
                        std::fs::File::create(&path).with_context(|| format!("could not create {}", path.display()))?;
                    let mut writer = std::io::BufWriter::new(file);
                    export::write(&store, what, format, &mut writer)?;
                    writer.flush()?;
                }
                None => export::write(&store, what, format, &mut std::io::stdout().lock())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { json, file } => extract(&file, json),
        Command::Bench { workdir, import_articles, corpus_articles, only } => {
            crate::bench::run(&crate::bench::BenchOptions {
                workdir,
                import_articles,
                corpus_articles,
                only,
                db: cli.db,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Annotate { json, file } => annotate(&file, json),
    }
}

fn import(store: &mut Store, paths: &[PathBuf], options: IngestOptions) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let mut last_report = std::time::Instant::now();
    let report = pipeline::import_paths_with(store, paths, &options, "command line", &mut |progress| {
        if last_report.elapsed().as_secs() >= 2 && progress.files_total > 0 {
            eprintln!("… {}/{} files", progress.files_done, progress.files_total);
            last_report = std::time::Instant::now();
        }
        std::ops::ControlFlow::Continue(())
    });
    for (path, reason) in &report.failures {
        eprintln!("{}: {reason}", path.display());
    }
    for path in &report.duplicates {
        eprintln!("{}: already imported", path.display());
    }
    for (path, reason) in &report.skipped {
        eprintln!("{}: skipped ({reason})", path.display());
    }
    println!(
        "imported {} article(s) from {} file(s) in {:.1}s; {} already imported, {} failed, {} skipped",
        report.articles_imported,
        report.files_total,
        started.elapsed().as_secs_f64(),
        report.duplicate_articles,
        report.failures.len(),
        report.skipped.len()
    );
    Ok(if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn print_rows(store: &Store, filter: &ArticleFilter) -> Result<ExitCode> {
    let rows = store.articles(filter)?;
    let mut out = std::io::stdout().lock();
    for row in &rows {
        writeln!(
            out,
            "{:>6}  {:<10}  {:<5}  {:<16}  {}",
            row.id,
            row.published.as_deref().unwrap_or("-"),
            row.language.code(),
            row.source.as_deref().unwrap_or("-"),
            row.title
        )?;
    }
    if rows.is_empty() {
        eprintln!("no articles");
    }
    Ok(ExitCode::SUCCESS)
}

fn show(store: &Store, id: i64) -> Result<ExitCode> {
    let Some(article) = store.article(id)? else {
        anyhow::bail!("there is no article {id}");
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", article.title)?;
    writeln!(
        out,
        "#{} · {} · {} · {}",
        article.id,
        article.language.code(),
        article.published.as_deref().unwrap_or("no date"),
        article.source.as_deref().unwrap_or("no source")
    )?;
    if let Some(author) = &article.author {
        writeln!(out, "by {author}")?;
    }
    if !article.keywords.is_empty() {
        writeln!(out, "keywords: {}", article.keywords.join(", "))?;
    }
    if let Some(parent) = article.parent {
        writeln!(out, "found on the page of article #{parent}")?;
    }
    writeln!(out, "\n{}\n", article.body)?;
    let mentions = store.mentions(id)?;
    if !mentions.is_empty() {
        writeln!(out, "Entities:")?;
        let mut seen = std::collections::BTreeMap::new();
        for m in &mentions {
            *seen.entry((m.entity_type.as_str(), m.canonical.as_str())).or_insert(0) += 1;
        }
        for ((kind, name), n) in seen {
            writeln!(out, "  {kind:<6} {name} ×{n}")?;
        }
    }
    let quotes = store.quotes(id)?;
    if !quotes.is_empty() {
        writeln!(out, "Quotes:")?;
        for q in &quotes {
            writeln!(
                out,
                "  [{}] {} — {}: {}",
                q.kind.as_str(),
                q.speaker.as_deref().unwrap_or("?"),
                q.cue.as_deref().unwrap_or(""),
                q.text
            )?;
        }
    }
    for child in store.children(id)? {
        writeln!(out, "Read also on this page: #{} {}", child.id, child.title)?;
    }
    let related = store.related_headlines(id)?;
    if !related.is_empty() {
        writeln!(out, "Related headlines:")?;
        for headline in related {
            writeln!(out, "  {headline}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn extract(file: &Path, json: bool) -> Result<ExitCode> {
    let pages = pipeline::analyse_file(file, &IngestOptions::default(), Annotator::shared())
        .with_context(|| file.display().to_string())?;
    let output = json::extract_output(&pages);
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &output)?;
        writeln!(out)?;
    } else {
        for article in &output.articles {
            writeln!(
                out,
                "# {}\n{} · {}\n\n{}\n",
                article.title,
                article.published.as_deref().unwrap_or("-"),
                article.source.as_deref().unwrap_or("-"),
                article.body
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn annotate(file: &Path, json: bool) -> Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| anyhow::anyhow!("{}: not UTF-8 text ({e})", file.display()))?;
    let annotations = Annotator::shared().annotate(&text);
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, &json::annotate_output(&text, &annotations))?;
        writeln!(out)?;
    } else {
        for m in &annotations.entities {
            writeln!(out, "{:<6} {} ({})", m.entity_type.as_str(), m.surface, m.canonical)?;
        }
        for q in &annotations.quotes {
            writeln!(out, "[{}] {}: {}", q.kind.as_str(), q.speaker.as_deref().unwrap_or("?"), q.text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
