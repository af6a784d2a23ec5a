//! Trains the named-entity models and reports dev scores, speed and load time.
//!
//! ```text
//! cargo run --release --bin train_ner -- --anercorp ../shared/data/anercorp \
//!     --conllpp ../shared/data/conllpp --out assets/models
//! ```
//!
//! Same data and options give byte-identical models.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use marsad::nlp::ner::Recognizer;
use marsad::nlp::ner::gazetteer::{GAZ_LOC, GAZ_ORG, GAZ_PER, GAZ_PERSON_FULL, GAZ_PERSON_WORD, Gazetteer};
use marsad::nlp::ner::model::LanguageModel;
use marsad::nlp::ner::tokens::{Script, tokenize};
use marsad::nlp::ner::train::{
    Chunk, Evaluation, GoldSentence, TrainOptions, evaluate, evaluate_detailed, project, read_conll, train_language,
};

#[derive(Parser)]
#[command(about = "Train the Marsad named-entity recognizer")]
struct Args {
    /// Folder with ANERcorp train.conll, dev.conll and gazetteers/{LOC,ORG,PERS}.txt.
    #[arg(long)]
    anercorp: PathBuf,
    /// Folder with CoNLL++ train.conll and dev.conll.
    #[arg(long)]
    conllpp: PathBuf,
    /// Where ner-ar.bin and ner-en.bin are written.
    #[arg(long, default_value = "assets/models")]
    out: PathBuf,
    /// Name lists built by tools/build_gazetteers.py.
    #[arg(long, default_value = "assets/gazetteers/places.tsv")]
    gazetteers: PathBuf,
    /// Person names built by tools/build_person_names.py (a missing file is left out, with a
    /// warning).
    #[arg(long, default_value = "assets/gazetteers/person-names.tsv")]
    person_names: PathBuf,
    /// Arabic word list (hunspell format; Debian package hunspell-ar). Empty to go without.
    #[arg(long, default_value = "/usr/share/hunspell/ar.dic")]
    arabic_dictionary: PathBuf,
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    #[arg(long, default_value_t = 20251206)]
    seed: u64,
    /// Perceptron runs on different shuffles whose weights are averaged.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Weights smaller than this (absolute) are dropped from the saved model.
    #[arg(long, default_value_t = 0.5)]
    min_weight: f32,
    /// Train only this language ("ar" or "en"); the other model file is left as it is.
    #[arg(long)]
    only: Option<String>,
    /// Only evaluate the models in --out; no training.
    #[arg(long)]
    eval_only: bool,
    /// Print the mentions found in each line of standard input (with --eval-only).
    #[arg(long)]
    demo: bool,
    /// Write dev errors (missed and spurious chunks) to this folder.
    #[arg(long)]
    errors: Option<PathBuf>,
    /// Cross-validate on the training set instead: K contiguous blocks (articles stay
    /// together), each tagged by a model trained on the others. A second opinion beside dev,
    /// so that a change is not kept for fitting the 871 dev names alone. Writes no model.
    #[arg(long)]
    cv: Option<usize>,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn insert_name(g: &mut Gazetteer, name: &str, class: u8) {
    let toks = tokenize(name);
    let words: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
    g.insert(&words, class);
}

fn class_of(ty: &str) -> Option<u8> {
    match ty {
        "PER" | "PERS" => Some(GAZ_PER),
        "ORG" => Some(GAZ_ORG),
        "LOC" => Some(GAZ_LOC),
        "PERWORD" => Some(GAZ_PERSON_WORD),
        "PERFULL" => Some(GAZ_PERSON_FULL),
        _ => None,
    }
}

/// Gazetteer of one language: our built lists (`lang<TAB>type<TAB>name`), plus the ANERGazet
/// lists for Arabic.
fn gazetteer(args: &Args, lang: &str) -> Result<Gazetteer> {
    let mut g = Gazetteer::default();
    for file in [&args.gazetteers, &args.person_names] {
        if file.as_os_str().is_empty() {
            continue;
        }
        if !file.exists() {
            eprintln!("warning: {} not found", file.display());
            continue;
        }
        for line in read(file)?.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [l, ty, name] = cols[..]
                && l == lang
                && let Some(c) = class_of(ty)
            {
                insert_name(&mut g, name, c);
            }
        }
    }
    if lang == "ar" {
        for (file, c) in [("LOC.txt", GAZ_LOC), ("ORG.txt", GAZ_ORG), ("PERS.txt", GAZ_PER)] {
            for name in read(&args.anercorp.join("gazetteers").join(file))?.lines() {
                insert_name(&mut g, name.trim(), c);
            }
        }
    }
    Ok(g)
}

/// Folded words of a hunspell `.dic` file, each with its affix class (the number after `/`
/// where the file uses numbered affix classes; the smallest when a word has several).
fn dictionary(path: &Path) -> Result<marsad::nlp::ner::hash::HashKeyed<u16>> {
    let mut set = marsad::nlp::ner::hash::HashKeyed::default();
    if path.as_os_str().is_empty() {
        return Ok(set);
    }
    let bytes =
        std::fs::read(path).with_context(|| format!("reading {} (apt-get install hunspell-ar)", path.display()))?;
    for line in String::from_utf8_lossy(&bytes).lines().skip(1) {
        let mut parts = line.split(['\t', ' ']).next().unwrap_or("").splitn(2, '/');
        let word = parts.next().unwrap_or("");
        let class = parts.next().and_then(|f| f.parse::<u16>().ok()).unwrap_or(0);
        if !word.is_empty() {
            let e =
                set.entry(marsad::nlp::ner::hash::hash_str(&marsad::nlp::normalize::fold_token(word))).or_insert(class);
            if class != 0 && (*e == 0 || class < *e) {
                *e = class;
            }
        }
    }
    Ok(set)
}

/// Trains on all but one block of the training file and scores that block, for each block.
fn cross_validate(args: &Args, lang: &str, dir: &Path, script: Script, k: usize) -> Result<()> {
    let train = read_conll(&read(&dir.join("train.conll"))?);
    let gaz = gazetteer(args, lang)?;
    let dictionary = if lang == "ar" { dictionary(&args.arabic_dictionary)? } else { Default::default() };
    let opts = TrainOptions { epochs: args.epochs, seed: args.seed, runs: args.runs };
    let n = train.len();
    let block = |i: usize| i * k / n.max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..std::thread::available_parallelism().map_or(1, |p| p.get()).min(k) {
            scope.spawn(|| {
                loop {
                    let fold = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    if fold >= k {
                        break;
                    }
                    let rest: Vec<_> = (0..n).filter(|&i| block(i) != fold).map(|i| project(&train[i])).collect();
                    let held: Vec<GoldSentence> =
                        (0..n).filter(|&i| block(i) == fold).map(|i| train[i].clone()).collect();
                    let model = train_language(&rest, script, gaz.clone(), dictionary.clone(), &opts, |_, _, _| {});
                    let model = LanguageModel::from_bytes(&model.to_bytes(args.min_weight)).unwrap_or_default();
                    let recognizer = if lang == "ar" {
                        Recognizer::from_models(model, LanguageModel::default())
                    } else {
                        Recognizer::from_models(LanguageModel::default(), model)
                    };
                    let ev = evaluate(&recognizer, &held);
                    if let Some(dir) = &args.errors
                        && let Err(e) =
                            write_errors(&recognizer, &held, &dir.join(format!("errors-{lang}-cv{fold}.txt")))
                    {
                        eprintln!("[{lang}] fold {fold}: {e}");
                    }
                    eprintln!("[{lang}] fold {fold}: F1 {:.4}", ev.overall.f1());
                    results.lock().unwrap().push(ev);
                }
            });
        }
    });
    let mut total = Evaluation::default();
    for ev in results.into_inner().unwrap() {
        total += ev;
    }
    report(&format!("{lang} {k}-fold cv"), &total);
    Ok(())
}

fn train(args: &Args, lang: &str, dir: &Path, script: Script) -> Result<()> {
    let train = read_conll(&read(&dir.join("train.conll"))?);
    let projected: Vec<_> = train.iter().map(project).collect();
    let gaz = gazetteer(args, lang)?;
    eprintln!("[{lang}] {} sentences, gazetteer nodes {}", projected.len(), gaz.len());
    let t = Instant::now();
    let opts = TrainOptions { epochs: args.epochs, seed: args.seed, runs: args.runs };
    let dictionary = if lang == "ar" { dictionary(&args.arabic_dictionary)? } else { Default::default() };
    eprintln!("[{lang}] dictionary words {}", dictionary.len());
    let model = train_language(&projected, script, gaz, dictionary, &opts, |stage, epoch, errors| {
        eprintln!("[{lang}] {stage} {epoch}: {errors} sentences wrong");
    });
    let bytes = model.to_bytes(args.min_weight);
    let path = args.out.join(format!("ner-{lang}.bin"));
    std::fs::write(&path, &bytes)?;
    eprintln!(
        "[{lang}] trained in {:.1}s, {} features kept, {:.2} MB -> {}",
        t.elapsed().as_secs_f64(),
        LanguageModel::from_bytes(&bytes).map_or(0, |m| m.tagger.len()),
        bytes.len() as f64 / 1e6,
        path.display()
    );
    Ok(())
}

fn report(lang: &str, ev: &Evaluation) {
    let o = &ev.overall;
    println!(
        "{lang}: F1 {:.4} P {:.4} R {:.4} (correct {} predicted {} gold {})",
        o.f1(),
        o.precision(),
        o.recall(),
        o.correct,
        o.predicted,
        o.gold
    );
    for (name, s) in ["PER", "ORG", "LOC"].iter().zip(&ev.per_class) {
        println!("  {name:<4} F1 {:.4} P {:.4} R {:.4} (gold {})", s.f1(), s.precision(), s.recall(), s.gold);
    }
}

/// Lists missed (`-`) and spurious (`+`) chunks with their sentence context.
fn write_errors(recognizer: &Recognizer, dev: &[GoldSentence], path: &Path) -> Result<()> {
    use std::fmt::Write;
    let (_, gold, pred, words) = evaluate_detailed(recognizer, dev);
    let gold_set: std::collections::HashSet<_> = gold.iter().copied().collect();
    let pred_set: std::collections::HashSet<_> = pred.iter().copied().collect();
    let names = ["PER", "ORG", "LOC"];
    let mut out = String::new();
    let mut all: Vec<(Chunk, char)> = gold
        .iter()
        .filter(|c| !pred_set.contains(c))
        .map(|&c| (c, '-'))
        .chain(pred.iter().filter(|c| !gold_set.contains(c)).map(|&c| (c, '+')))
        .collect();
    all.sort();
    for ((a, b, c), sign) in all {
        let lo = a.saturating_sub(4);
        let hi = (b + 5).min(words.len());
        writeln!(
            out,
            "{sign}{} [{}]    {} <<{}>> {}",
            names[c],
            words[a..=b].join(" "),
            words[lo..a].join(" "),
            words[a..=b].join(" "),
            words[b + 1..hi].join(" ")
        )?;
    }
    std::fs::write(path, out)?;
    Ok(())
}

/// CPU seconds this thread has used (Linux `/proc/thread-self/stat`, utime + stime), so the
/// speed figure is per core even when other processes share the machine.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Tokens per second of `recognize` over article-sized chunks (40 sentences each): per CPU
/// second of this thread, and per wall second.
fn speed(recognizer: &Recognizer, sentences: &[GoldSentence]) -> (f64, f64) {
    let chunks: Vec<String> =
        sentences.chunks(40).map(|c| c.iter().map(|s| s.tokens.join(" ")).collect::<Vec<_>>().join("\n")).collect();
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    let cpu0 = thread_cpu_seconds();
    let t = Instant::now();
    let mut rounds = 0;
    let mut found = 0;
    while rounds < 2 || t.elapsed().as_secs_f64() < 3.0 {
        for c in &chunks {
            found += recognizer.recognize(c).len();
        }
        rounds += 1;
    }
    std::hint::black_box(found);
    let wall = t.elapsed().as_secs_f64();
    let cpu = match (cpu0, thread_cpu_seconds()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => wall,
    };
    let n = (tokens * rounds) as f64;
    (n / cpu, n / wall)
}

fn main() -> Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.out)?;
    if let Some(k) = args.cv {
        return match args.only.as_deref() {
            Some("en") => cross_validate(&args, "en", &args.conllpp, Script::Latin, k),
            _ => cross_validate(&args, "ar", &args.anercorp, Script::Arabic, k),
        };
    }
    if !args.eval_only && args.only.as_deref() != Some("en") {
        train(&args, "ar", &args.anercorp.clone(), Script::Arabic)?;
    }
    if !args.eval_only && args.only.as_deref() != Some("ar") {
        train(&args, "en", &args.conllpp.clone(), Script::Latin)?;
    }
    let t = Instant::now();
    let ar = LanguageModel::from_bytes(&std::fs::read(args.out.join("ner-ar.bin"))?).unwrap_or_default();
    let en = LanguageModel::from_bytes(&std::fs::read(args.out.join("ner-en.bin"))?).unwrap_or_default();
    let load = t.elapsed();
    let mut recognizer = Recognizer::from_models(ar, en);
    if args.demo {
        for line in std::io::stdin().lines() {
            let line = line?;
            let tags: Vec<String> = recognizer.raw_tags(&line).iter().map(|(w, t)| format!("{w}/{t}")).collect();
            println!("{}", tags.join(" "));
            for m in recognizer.recognize(&line) {
                println!("{}\t{}\t{}", m.entity_type.as_str(), m.surface, m.canonical);
            }
            println!();
        }
        return Ok(());
    }
    println!("model load (both languages, from bytes): {:.0} ms", load.as_secs_f64() * 1e3);
    for (lang, dir) in [("ar", &args.anercorp), ("en", &args.conllpp)] {
        let dev = read_conll(&read(&dir.join("dev.conll"))?);
        recognizer.set_propagation(false);
        let plain = evaluate(&recognizer, &dev);
        recognizer.set_propagation(true);
        let ev = evaluate(&recognizer, &dev);
        println!(
            "{lang} dev without propagation: F1 {:.4} P {:.4} R {:.4}",
            plain.overall.f1(),
            plain.overall.precision(),
            plain.overall.recall()
        );
        report(&format!("{lang} dev"), &ev);
        if let Some(dir) = &args.errors {
            write_errors(&recognizer, &dev, &dir.join(format!("errors-{lang}.txt")))?;
            recognizer.set_propagation(false);
            write_errors(&recognizer, &dev, &dir.join(format!("errors-{lang}-plain.txt")))?;
            recognizer.set_propagation(true);
        }
        let (per_cpu, per_wall) = speed(&recognizer, &dev);
        println!("{lang} speed: {per_cpu:.0} tokens per CPU second (one thread; {per_wall:.0} per wall second)");
    }
    Ok(())
}
