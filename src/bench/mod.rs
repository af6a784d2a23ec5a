//! `marsad bench`: the figures of the README's "Performance" section, measured on a
//! deterministic synthetic corpus (see [`corpus`]), each printed with the machine it ran on.
//!
//! Figures that need a clean process (start-up, peak memory) run in a child process of the
//! same binary (`marsad bench --only …`), so what the parent did does not count against them.

pub mod corpus;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use self::corpus::{Length, article};
use crate::model::{Lang, PageDraft};
use crate::nlp::Annotator;
use crate::pipeline::{self, analyse_page};
use crate::store::{ArticleFilter, Store};

/// The figures `marsad bench` can measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Figure {
    Import,
    Annotate,
    Search,
    Startup,
    Frame,
    Memory,
}

#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Where corpora and databases are kept between runs.
    pub workdir: PathBuf,
    /// Articles (of 3 KB) for the import figure.
    pub import_articles: usize,
    /// Articles in the corpus database for search, start-up and memory.
    pub corpus_articles: usize,
    pub only: Option<Figure>,
    /// For child runs: the corpus database to use.
    pub db: Option<PathBuf>,
}

const SEED: u64 = 0x6d61_7273_6164; // "marsad"

/// Runs the benchmarks and prints one line per figure.
pub fn run(options: &BenchOptions) -> Result<()> {
    std::fs::create_dir_all(&options.workdir)
        .with_context(|| format!("could not create {}", options.workdir.display()))?;
    match options.only {
        Some(Figure::Startup) => return startup(options.db.as_deref().context("--db is needed")?),
        Some(Figure::Memory) => return memory(options.db.as_deref().context("--db is needed")?),
        _ => {}
    }
    println!("machine: {}", machine());
    let wanted = |f: Figure| options.only.is_none_or(|only| only == f);
    if wanted(Figure::Annotate) {
        annotate_throughput()?;
    }
    if wanted(Figure::Import) {
        import_throughput(options)?;
    }
    if wanted(Figure::Frame) {
        frame_time()?;
    }
    if wanted(Figure::Search) || options.only.is_none() {
        let db = corpus_database(options)?;
        if wanted(Figure::Search) {
            search_latency(&db)?;
        }
        if options.only.is_none() {
            for figure in ["startup", "memory"] {
                let output = std::process::Command::new(std::env::current_exe()?)
                    .args(["bench", "--only", figure, "--db"])
                    .arg(&db)
                    .output()?;
                print!("{}", String::from_utf8_lossy(&output.stdout));
                if !output.status.success() {
                    anyhow::bail!("{figure} run failed: {}", String::from_utf8_lossy(&output.stderr));
                }
            }
        }
    }
    Ok(())
}

/// CPU model, cores and memory, from /proc where there is one.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gib = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1_048_576.0)
        .unwrap_or(0.0);
    format!("{model}, {cores} cores, {mem_gib:.0} GiB, {} {}", std::env::consts::OS, std::env::consts::ARCH)
}

/// CPU time of the calling thread: what a frame costs regardless of what else runs.
fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: clock_gettime only writes the timespec we pass.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    Duration::ZERO
}

/// CPU time of the whole process (all threads), to tell cost from waiting on a busy machine.
fn process_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: clock_gettime only writes the timespec we pass.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    Duration::ZERO
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// `annotate` throughput on one core: tokens per second over generated Arabic and English text.
fn annotate_throughput() -> Result<()> {
    let annotator = Annotator::shared();
    for lang in [Lang::Ar, Lang::En] {
        let texts: Vec<String> = (0..200).map(|i| article(SEED, i, Length::Words(600), Some(lang)).body()).collect();
        let tokens: usize = texts.iter().map(|t| crate::nlp::tokenize::tokenize(t).len()).sum();
        annotator.annotate(&texts[0]); // warm-up
        let start = thread_cpu_time();
        let wall = Instant::now();
        for text in &texts {
            std::hint::black_box(annotator.annotate(text));
        }
        let cpu = thread_cpu_time() - start;
        let ner_start = thread_cpu_time();
        for text in &texts {
            std::hint::black_box(annotator.recognizer().recognize(text));
        }
        let ner = thread_cpu_time() - ner_start;
        println!(
            "annotate {}: {tokens} tokens in {:.2} s CPU ({:.2} s wall): {:.0} tokens/s per core \
             (entities {:.0} %, quotes {:.0} %)",
            lang.code(),
            cpu.as_secs_f64(),
            wall.elapsed().as_secs_f64(),
            tokens as f64 / cpu.as_secs_f64(),
            100.0 * ner.as_secs_f64() / cpu.as_secs_f64(),
            100.0 * (1.0 - ner.as_secs_f64() / cpu.as_secs_f64()).max(0.0)
        );
    }
    Ok(())
}

/// Import with extraction of 3 KB articles from files, against a raw baseline that reads the
/// same files and inserts their text into SQLite (same settings, one transaction per file).
fn import_throughput(options: &BenchOptions) -> Result<()> {
    let n = options.import_articles;
    let dir = options.workdir.join(format!("import-3k-{n}"));
    if !dir.join("done").exists() {
        std::fs::create_dir_all(&dir)?;
        for i in 0..n {
            let text = article(SEED, i, Length::Bytes(3000), None).page_text();
            std::fs::write(dir.join(format!("{i:06}.txt")), text)?;
        }
        std::fs::write(dir.join("done"), "")?;
    }
    let files: Vec<PathBuf> = (0..n).map(|i| dir.join(format!("{i:06}.txt"))).collect();
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    let mb = bytes as f64 / 1e6;

    let db = options.workdir.join("import.db");
    remove_database(&db);
    let mut store = Store::open(&db)?;
    let start = Instant::now();
    let cpu_start = process_cpu_time();
    let report = pipeline::import_paths(&mut store, std::slice::from_ref(&dir), &mut |_| ControlFlow::Continue(()));
    let ours = start.elapsed();
    let ours_cpu = process_cpu_time() - cpu_start;
    anyhow::ensure!(report.failures.is_empty(), "import failures: {:?}", &report.failures[..1]);

    let raw_db = options.workdir.join("raw.db");
    remove_database(&raw_db);
    let raw_cpu_start = process_cpu_time();
    let raw = raw_insert(&raw_db, &files)?;
    let raw_cpu = process_cpu_time() - raw_cpu_start;
    let our_rate = report.articles_imported as f64 / ours.as_secs_f64();
    let raw_rate = n as f64 / raw.as_secs_f64();
    println!(
        "import with extraction, {n} articles of 3 KB ({mb:.1} MB): {our_rate:.0} articles/s, {:.2} MB/s \
         ({:.1} CPU-s, {:.0} articles per CPU-second); raw SQLite insert of the same files: {raw_rate:.0} articles/s \
         ({:.0} per CPU-second); ours = {:.1} % of raw",
        mb / ours.as_secs_f64(),
        ours_cpu.as_secs_f64(),
        report.articles_imported as f64 / ours_cpu.as_secs_f64(),
        n as f64 / raw_cpu.as_secs_f64(),
        100.0 * our_rate / raw_rate
    );
    Ok(())
}

fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// The baseline: read each file and insert its text, nothing else.
fn raw_insert(db: &Path, files: &[PathBuf]) -> Result<Duration> {
    let conn = rusqlite::Connection::open(db)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.execute("CREATE TABLE raw (id INTEGER PRIMARY KEY, path TEXT NOT NULL, text TEXT NOT NULL)", [])?;
    let start = Instant::now();
    for file in files {
        let text = std::fs::read_to_string(file)?;
        conn.execute("BEGIN", [])?;
        conn.execute("INSERT INTO raw (path, text) VALUES (?1, ?2)", rusqlite::params![file.to_string_lossy(), text])?;
        conn.execute("COMMIT", [])?;
    }
    Ok(start.elapsed())
}

/// The search/start-up corpus: built once per size and kept in the work folder.
fn corpus_database(options: &BenchOptions) -> Result<PathBuf> {
    let n = options.corpus_articles;
    let db = options.workdir.join(format!("corpus-{n}.db"));
    if let Ok(store) = Store::open(&db)
        && store.article_count()? == n
    {
        return Ok(db);
    }
    remove_database(&db);
    let mut store = Store::open(&db)?;
    let annotator = Annotator::shared();
    let start = Instant::now();
    let mut last = Instant::now();
    let mut failure = None;
    pipeline::ordered_parallel(
        n,
        |i| {
            let generated = article(SEED, i, Length::Natural, None);
            let page = crate::ingest::text_page::parse(&generated.page_text()).unwrap_or_default();
            analyse_page(PageDraft { related_headlines: Vec::new(), ..page }, annotator)
        },
        |i, analysed| {
            if let Err(e) = store.store_file(None, None, std::slice::from_ref(&analysed)) {
                failure = Some(e);
                return ControlFlow::Break(());
            }
            if last.elapsed() > Duration::from_secs(10) {
                eprintln!("… corpus {}/{n} ({:.0} articles/s)", i + 1, (i + 1) as f64 / start.elapsed().as_secs_f64());
                last = Instant::now();
            }
            ControlFlow::Continue(())
        },
    );
    if let Some(e) = failure {
        return Err(e.into());
    }
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "corpus: {n} articles (median 600 words, tail to 50,000) built in {:.0} s; database {:.0} MB",
        start.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );
    Ok(db)
}

/// FTS latency, p50 and p95, for Arabic and English words and phrases: the first page of
/// results (200, what the library shows first) and the full match list.
fn search_latency(db: &Path) -> Result<()> {
    let store = Store::open(db)?;
    let articles = store.article_count()?;
    let queries = [
        ("Arabic word", "المفاوضات"),
        ("Arabic rare word", "اللاجئين"),
        ("Arabic phrase", "\"إعادة إعمار\""),
        ("English word", "inflation"),
        ("English phrase", "\"security council\""),
        ("English prefix", "negotiat*"),
    ];
    for (what, query) in queries {
        let filter = ArticleFilter { query: Some(query.into()), ..Default::default() };
        // The first page; what the window loads (its first rows, and a count when there are
        // more); and every match.
        let modes: [(&str, Option<usize>, bool); 3] = [
            ("first 200", Some(200), false),
            ("as the library loads it", Some(crate::ui::library::MAX_ROWS), true),
            ("all matches", None, false),
        ];
        for (mode, limit, count) in modes {
            let limited = ArticleFilter { limit, ..filter.clone() };
            let mut times = Vec::new();
            let mut hits = 0;
            for _ in 0..20 {
                let start = Instant::now();
                let rows = store.articles(&limited)?.len();
                hits = if count && limit.is_some_and(|l| rows >= l) { store.count_articles(&filter)? } else { rows };
                times.push(start.elapsed());
            }
            times.sort();
            println!(
                "search at {articles} articles, {what} {query} ({mode}): p50 {:.1} ms, p95 {:.1} ms ({hits} hits)",
                ms(percentile(&times, 0.5)),
                ms(percentile(&times, 0.95))
            );
        }
    }
    Ok(())
}

/// One frame as eframe runs it, minus the GPU: the app's UI code, then tessellation of the
/// shapes into meshes.
fn frame(ctx: &egui::Context, input: egui::RawInput, app: &mut crate::ui::MarsadApp) {
    let output = ctx.run_ui(input, |ui| app.ui(ui));
    std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
}

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0))),
        ..Default::default()
    }
}

/// Start-up to the first frame: open the database, build the app, run one frame headless.
fn startup(db: &Path) -> Result<()> {
    let start = Instant::now();
    let store = Store::open(db)?;
    let articles = store.article_count()?;
    let mut app = crate::ui::MarsadApp::new(store, Box::new(crate::ui::ScriptedDialogs::default()), None);
    let ctx = egui::Context::default();
    frame(&ctx, raw_input(), &mut app);
    println!("start-up to first frame at {articles} articles: {:.0} ms", ms(start.elapsed()));
    Ok(())
}

/// Peak resident memory with the corpus open in the app, an article read and a search made.
fn memory(db: &Path) -> Result<()> {
    let store = Store::open(db)?;
    let articles = store.article_count()?;
    let mut app = crate::ui::MarsadApp::new(store, Box::new(crate::ui::ScriptedDialogs::default()), None);
    let ctx = egui::Context::default();
    for _ in 0..3 {
        let _ = ctx.run_ui(raw_input(), |ui| app.ui(ui));
    }
    if let Some(row) = app.library.rows.first() {
        let id = row.id;
        app.open_article(id);
    }
    for _ in 0..10 {
        let _ = ctx.run_ui(raw_input(), |ui| app.ui(ui));
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status.lines().find(|l| l.starts_with("VmHWM")).unwrap_or("VmHWM: unknown");
    println!("peak RSS with {articles} articles open: {}", peak.trim_start_matches("VmHWM:").trim());
    Ok(())
}

/// Frame CPU time while scrolling a 300,000-character Arabic article, headless.
fn frame_time() -> Result<()> {
    let generated = article(SEED, 1, Length::Bytes(560_000), Some(Lang::Ar));
    let body = generated.body();
    let chars = body.chars().count();
    let mut store = Store::open_in_memory()?;
    let page = crate::ingest::text_page::parse(&generated.page_text()).context("generated page")?;
    let analysed = analyse_page(page, Annotator::shared());
    let entities = analysed.main.entities.len();
    store.store_file(None, None, &[analysed])?;
    let mut app = crate::ui::MarsadApp::new(store, Box::new(crate::ui::ScriptedDialogs::default()), None);
    let ctx = egui::Context::default();
    frame(&ctx, raw_input(), &mut app);
    let id = app.library.rows[0].id;
    let open = Instant::now();
    app.open_article(id);
    frame(&ctx, raw_input(), &mut app);
    let first = open.elapsed();
    // Frames until the background layout has finished, then wheel-scrolling frames.
    let mut warmup = Vec::new();
    for _ in 0..400 {
        let t = thread_cpu_time();
        frame(&ctx, raw_input(), &mut app);
        warmup.push(thread_cpu_time() - t);
    }
    let mut frames = Vec::new();
    for i in 0..300 {
        let mut input = raw_input();
        input.events.push(egui::Event::PointerMoved(egui::pos2(800.0, 450.0)));
        input.events.push(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, if i < 200 { -90.0 } else { 90.0 }),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        let t = thread_cpu_time();
        frame(&ctx, input, &mut app);
        frames.push(thread_cpu_time() - t);
    }
    warmup.sort();
    frames.sort();
    println!(
        "300k-character Arabic article ({chars} characters, {entities} entities): open to first frame {:.0} ms; \
         background layout frames p95 {:.1} ms CPU; scrolling frames p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms CPU",
        ms(first),
        ms(percentile(&warmup, 0.95)),
        ms(percentile(&frames, 0.5)),
        ms(percentile(&frames, 0.95)),
        ms(*frames.last().unwrap_or(&Duration::ZERO))
    );
    Ok(())
}
