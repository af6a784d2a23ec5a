//! A deterministic synthetic news corpus for benchmarks: Arabic and English articles built
//! from the project's own word lists and templates, with entities, direct and reported
//! quotes, metadata lines, and a realistic length distribution (median about 600 words, a long
//! tail up to 50,000). The same seed always gives the same corpus.

use crate::model::Lang;

/// SplitMix64: small, fast, and stable across versions (benchmarks must be repeatable).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// Standard normal, by Box-Muller.
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

struct Vocabulary {
    people: &'static [(&'static str, &'static str)],
    titles: &'static [&'static str],
    orgs: &'static [&'static str],
    places: &'static [&'static str],
    sources: &'static [&'static str],
    words: &'static [&'static str],
    said: &'static [&'static str],
    that: &'static str,
    according: &'static str,
}

const ARABIC: Vocabulary = Vocabulary {
    people: &[
        ("سامي الخطيب", "الخطيب"),
        ("ليلى منصور", "منصور"),
        ("كريم حداد", "حداد"),
        ("نادية فرحات", "فرحات"),
        ("عمر الشامي", "الشامي"),
        ("هالة يوسف", "يوسف"),
        ("طارق العلي", "العلي"),
        ("رنا سليمان", "سليمان"),
    ],
    titles: &["وزير الخارجية", "المتحدث باسم الحكومة", "رئيس الوزراء", "المبعوث الخاص", "رئيس البرلمان"],
    orgs: &["وزارة الخارجية", "الأمم المتحدة", "البنك المركزي", "مجلس الأمن", "الاتحاد الأوروبي", "منظمة الصحة العالمية"],
    places: &["القاهرة", "عمان", "بيروت", "الرباط", "الدوحة", "جنيف", "بغداد", "تونس", "الخرطوم", "دمشق"],
    sources: &["الجزيرة", "وكالة الأنباء", "صحيفة المرصد", "الشرق اليوم"],
    words: &[
        "المحادثات",
        "الاتفاق",
        "الحكومة",
        "الاقتصاد",
        "الأسواق",
        "الأسعار",
        "الحرب",
        "السلام",
        "المفاوضات",
        "الجانبين",
        "الأسبوع",
        "المقبل",
        "الماضي",
        "خطة",
        "دعم",
        "إعادة",
        "إعمار",
        "التعاون",
        "الطاقة",
        "النفط",
        "المياه",
        "الزراعة",
        "التعليم",
        "الصحة",
        "المستشفيات",
        "المدارس",
        "الطرق",
        "الموازنة",
        "الضرائب",
        "الاستثمار",
        "الشركات",
        "العمال",
        "الشباب",
        "النساء",
        "المواطنين",
        "اللاجئين",
        "الحدود",
        "الأمن",
        "الجيش",
        "الشرطة",
        "الانتخابات",
        "البرلمان",
        "القانون",
        "المحكمة",
        "القرار",
        "التقرير",
        "البيانات",
        "النمو",
        "التضخم",
        "البطالة",
        "مستوى",
        "ارتفاع",
        "انخفاض",
        "على",
        "في",
        "من",
        "إلى",
        "بعد",
        "قبل",
        "خلال",
        "مع",
        "حول",
        "بين",
        "التي",
        "الذي",
        "كما",
        "أيضا",
        "لكن",
        "حيث",
    ],
    said: &["قال", "وقال", "وأضاف", "وأكد", "وأوضح", "وذكر", "وأشار"],
    that: "أن",
    according: "بحسب",
};

const ENGLISH: Vocabulary = Vocabulary {
    people: &[
        ("Sarah Mitchell", "Mitchell"),
        ("David Okafor", "Okafor"),
        ("Elena Petrova", "Petrova"),
        ("James Holloway", "Holloway"),
        ("Priya Raman", "Raman"),
        ("Tom Becker", "Becker"),
        ("Grace Lin", "Lin"),
        ("Marco Rossi", "Rossi"),
    ],
    titles: &[
        "the foreign minister",
        "a government spokesman",
        "the prime minister",
        "the special envoy",
        "the central bank governor",
    ],
    orgs: &[
        "the Foreign Office",
        "the United Nations",
        "the Central Bank",
        "the Security Council",
        "the European Union",
        "the World Health Organization",
    ],
    places: &["London", "Geneva", "Nairobi", "Berlin", "Ottawa", "Canberra", "Lisbon", "Warsaw", "Dublin", "Oslo"],
    sources: &["Harbour Gazette", "Wire Desk", "Daily Ledger", "Morning Post"],
    words: &[
        "talks",
        "agreement",
        "government",
        "economy",
        "markets",
        "prices",
        "war",
        "peace",
        "negotiations",
        "sides",
        "week",
        "next",
        "last",
        "plan",
        "support",
        "reconstruction",
        "cooperation",
        "energy",
        "oil",
        "water",
        "farming",
        "education",
        "health",
        "hospitals",
        "schools",
        "roads",
        "budget",
        "taxes",
        "investment",
        "companies",
        "workers",
        "young",
        "women",
        "citizens",
        "refugees",
        "border",
        "security",
        "army",
        "police",
        "elections",
        "parliament",
        "law",
        "court",
        "decision",
        "report",
        "data",
        "growth",
        "inflation",
        "unemployment",
        "level",
        "rise",
        "fall",
        "the",
        "of",
        "in",
        "to",
        "after",
        "before",
        "during",
        "with",
        "about",
        "between",
        "which",
        "that",
        "also",
        "but",
    ],
    said: &["said", "told reporters", "added", "stressed", "explained", "noted", "warned"],
    that: "that",
    according: "according to",
};

/// One generated article.
#[derive(Debug, Clone)]
pub struct GeneratedArticle {
    pub lang: Lang,
    pub title: String,
    pub published: String,
    pub source: String,
    pub paragraphs: Vec<String>,
}

impl GeneratedArticle {
    /// As a scraped page: title, metadata lines, paragraphs.
    pub fn page_text(&self) -> String {
        let (date_label, source_label) = match self.lang {
            Lang::Ar => ("تاريخ النشر", "المصدر"),
            _ => ("Published", "Source"),
        };
        format!(
            "{}\n{date_label}: {}\n{}\n{source_label}: {}\n",
            self.title,
            self.published,
            self.paragraphs.join("\n"),
            self.source
        )
    }

    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    pub fn word_count(&self) -> usize {
        self.paragraphs.iter().map(|p| p.split_whitespace().count()).sum()
    }
}

fn clause(rng: &mut Rng, v: &Vocabulary, words: usize) -> String {
    let mut out: Vec<&str> = (0..words).map(|_| rng.pick(v.words)).collect();
    if rng.below(3) == 0 {
        let at = rng.below(out.len());
        out.insert(at, rng.pick(v.places));
    }
    out.join(" ")
}

fn sentence(rng: &mut Rng, v: &Vocabulary, lang: Lang) -> String {
    let (full, short) = v.people[rng.below(v.people.len())];
    let title = rng.pick(v.titles);
    let org = rng.pick(v.orgs);
    let n = 8 + rng.below(14);
    let body = clause(rng, v, n);
    let said = rng.pick(v.said);
    match (lang, rng.below(6)) {
        (Lang::Ar, 0) => format!("{said} {full}، {title}، إن {body}."),
        (Lang::Ar, 1) => format!("{said} {short} {} \"{body}\".", v.that),
        (Lang::Ar, 2) => format!("وذكرت {org} في بيان أن {body}."),
        (Lang::Ar, 3) => format!("و{} {short}، فإن {body}.", v.according),
        (_, 0) => format!("{full}, {title}, {said} {} {body}.", v.that),
        (_, 1) => format!("\"{},\" {short} {said}.", capitalise(&body)),
        (_, 2) => format!("{} {said} in a statement {} {body}.", capitalise(org), v.that),
        (_, 3) => format!("{} {short}, {body}.", capitalise(v.according)),
        _ => {
            let mut s = clause(rng, v, n + 4);
            if lang == Lang::En {
                s = capitalise(&s);
            }
            format!("{s}.")
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Article length in words: log-normal around a median of 600, with one article in a thousand
/// drawn from the long tail of 10,000 to 50,000 words.
pub fn article_words(rng: &mut Rng) -> usize {
    if rng.below(1000) == 0 {
        return 10_000 + rng.below(40_000);
    }
    let words = (600f64.ln() + 0.7 * rng.normal()).exp();
    (words as usize).clamp(60, 50_000)
}

/// How long a generated article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// Drawn from [`article_words`].
    Natural,
    Words(usize),
    /// About this many bytes of body text (UTF-8).
    Bytes(usize),
}

/// Generates article `index` of the corpus with `seed`: independent of the others, so corpora
/// of any size share their first articles and generation can run in parallel. `lang` forces
/// the language; otherwise half are Arabic.
pub fn article(seed: u64, index: usize, length: Length, lang: Option<Lang>) -> GeneratedArticle {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let coin = rng.below(2);
    let lang = lang.unwrap_or(if coin == 0 { Lang::Ar } else { Lang::En });
    let v = if lang == Lang::Ar { &ARABIC } else { &ENGLISH };
    let (target_words, target_bytes) = match length {
        Length::Natural => (article_words(&mut rng), usize::MAX),
        Length::Words(n) => (n, usize::MAX),
        Length::Bytes(n) => (usize::MAX, n),
    };
    let mut paragraphs = Vec::new();
    let mut count = 0;
    let mut bytes = 0;
    while count < target_words && bytes < target_bytes {
        let mut paragraph = Vec::new();
        for _ in 0..(2 + rng.below(3)) {
            paragraph.push(sentence(&mut rng, v, lang));
        }
        let paragraph = paragraph.join(" ");
        count += paragraph.split_whitespace().count();
        bytes += paragraph.len() + 2;
        paragraphs.push(paragraph);
    }
    let title_length = 6 + rng.below(5);
    let title_words = clause(&mut rng, v, title_length);
    let title = format!("{} {} ({index})", rng.pick(v.places), title_words);
    let published = format!("2025-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    GeneratedArticle { lang, title, published, source: rng.pick(v.sources).to_string(), paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_realistic() {
        let a = article(7, 3, Length::Natural, None);
        let b = article(7, 3, Length::Natural, None);
        assert_eq!(a.page_text(), b.page_text());
        assert_ne!(article(7, 4, Length::Natural, None).page_text(), a.page_text());
        let mut lengths: Vec<usize> = (0..400).map(|i| article(1, i, Length::Natural, None).word_count()).collect();
        lengths.sort();
        let median = lengths[lengths.len() / 2];
        assert!((450..800).contains(&median), "median {median}");
        let languages: Vec<Lang> = (0..100).map(|i| article(1, i, Length::Words(50), None).lang).collect();
        assert!(languages.contains(&Lang::Ar) && languages.contains(&Lang::En));
    }

    #[test]
    fn generated_pages_import_as_one_article_with_metadata() {
        let generated = article(3, 1, Length::Words(200), None);
        let sized = article(3, 2, Length::Bytes(3000), Some(Lang::Ar));
        assert!((3000..4500).contains(&sized.body().len()), "{}", sized.body().len());
        let page = crate::ingest::text_page::parse(&generated.page_text()).unwrap();
        assert_eq!(page.main.title, generated.title);
        assert_eq!(page.main.published.as_deref(), Some(generated.published.as_str()));
        assert_eq!(page.main.source.as_deref(), Some(generated.source.as_str()));
        assert!(page.read_also.is_empty());
        assert_eq!(page.main.body, generated.body());
    }
}
