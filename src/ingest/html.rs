//! HTML news pages: main content by readability (dom_smoothie), metadata from meta tags and
//! JSON-LD. Parsing only: nothing is ever fetched, so images, scripts and styles stay unloaded.

use dom_smoothie::{Config, Readability, TextMode};

use super::{IngestError, dates::parse_date, language::detect, text_page::clean_paragraphs};
use crate::model::{ArticleDraft, Lang, PageDraft};

/// Above this many elements a page is not a news article but a dump; readability's scoring
/// would take seconds, so the page is refused.
const MAX_ELEMENTS: usize = 200_000;

/// Plain text of an HTML fragment (feed items, e-mail parts): block elements become paragraphs.
pub fn html_to_text(html: &str) -> String {
    let text = dom_query::Document::from(html).formatted_text();
    clean_paragraphs(text.lines()).join("\n\n")
}

/// A document that opens `<html>` but never closes it was cut off in transfer or on disk:
/// whatever readability makes of it would silently miss the end of the article.
fn is_truncated(html: &str) -> bool {
    let lower_head = super::head(html, 4096).to_ascii_lowercase();
    let lower_tail = super::tail(html, 4096).to_ascii_lowercase();
    lower_head.contains("<html") && !lower_tail.contains("</html>") && !lower_tail.contains("</body>")
}

fn lang_from_attribute(lang: Option<&str>) -> Option<Lang> {
    let primary = lang?.split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "ar" => Some(Lang::Ar),
        "en" => Some(Lang::En),
        "" => None,
        _ => Some(Lang::Other),
    }
}

/// Parses a whole HTML page into its article.
pub fn parse(html: &str) -> Result<PageDraft, IngestError> {
    if is_truncated(html) {
        return Err(IngestError::Malformed("the HTML page is truncated (it never closes </html>)".into()));
    }
    let elements = html.matches('<').count();
    if elements > MAX_ELEMENTS {
        return Err(IngestError::Malformed(format!(
            "the HTML page has too many elements ({elements}) to be an article"
        )));
    }
    let config = Config { text_mode: TextMode::Formatted, ..Default::default() };
    let mut readability = Readability::new(html, None, Some(config))
        .map_err(|e| IngestError::Malformed(format!("unreadable HTML: {e}")))?;
    let article = readability.parse().map_err(|_| IngestError::NoArticle)?;
    let body = clean_paragraphs(article.text_content.lines()).join("\n\n");
    let title = article.title.trim().to_string();
    if body.is_empty() && title.is_empty() {
        return Err(IngestError::NoArticle);
    }
    let language = lang_from_attribute(article.lang.as_deref())
        .filter(|l| *l != Lang::Other)
        .unwrap_or_else(|| detect(if body.is_empty() { &title } else { &body }));
    let main = ArticleDraft {
        title,
        body,
        language: Some(language),
        published: article.published_time.as_deref().and_then(parse_date),
        source: article.site_name.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        url: article.url,
        author: article.byline.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        keywords: Vec::new(),
    };
    Ok(PageDraft { main, ..Default::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="ar" dir="rtl"><head>
        <title>عنوان الصفحة</title>
        <meta property="og:title" content="لقاء مثمر في ميامي">
        <meta property="og:site_name" content="الجزيرة">
        <meta property="article:published_time" content="2025-12-06T08:00:00Z">
        <script>fetch('https://example.invalid/track')</script>
        </head><body><nav><a href="/">الرئيسية</a></nav>
        <article><h1>لقاء مثمر في ميامي</h1>
        <p>قال مسؤول في البيت الأبيض إن ويتكوف أجرى محادثات مثمرة مع كبير المفاوضين الأوكرانيين رستم أوميروف في ميامي بولاية فلوريدا يوم الخميس الماضي.</p>
        <p>وأضاف المسؤول أن الاجتماعات ستتواصل الأسبوع المقبل في العاصمة الأميركية واشنطن بحضور وفدي البلدين، وأن الأجواء كانت إيجابية جدا.</p>
        <p>وكان الرئيس الأميركي دونالد ترامب قد قال في وقت سابق إن اتفاق السلام قد يكون وشيكا، مشيرا إلى أن المحادثات تسير في الاتجاه الصحيح.</p>
        </article><footer>جميع الحقوق محفوظة</footer></body></html>"#;

    #[test]
    fn extracts_article_and_metadata() {
        let page = parse(PAGE).unwrap();
        assert_eq!(page.main.title, "لقاء مثمر في ميامي");
        assert_eq!(page.main.published.as_deref(), Some("2025-12-06"));
        assert_eq!(page.main.source.as_deref(), Some("الجزيرة"));
        assert_eq!(page.main.language, Some(Lang::Ar));
        assert!(page.main.body.starts_with("قال مسؤول في البيت الأبيض"));
        assert_eq!(page.main.body.matches("\n\n").count(), 2);
        assert!(!page.main.body.contains("الرئيسية"));
        assert!(!page.main.body.contains("fetch("));
    }

    #[test]
    fn truncated_page_is_refused() {
        let half = PAGE.floor_char_boundary(PAGE.len() / 2);
        let cut = &PAGE[..half];
        assert!(matches!(parse(cut), Err(IngestError::Malformed(m)) if m.contains("truncated")));
    }

    #[test]
    fn fragments_become_paragraphs() {
        assert_eq!(html_to_text("<p>One <b>bold</b> line.</p><p>Two</p>"), "One bold line.\n\nTwo");
    }
}
