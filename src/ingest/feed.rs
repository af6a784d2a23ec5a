//! News feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, through feed-rs. Each item is an article.

use super::{IngestError, html::html_to_text, language::detect};
use crate::model::{ArticleDraft, PageDraft};

/// True when JSON text is a JSON Feed rather than a data export.
pub fn is_json_feed(text: &str) -> bool {
    super::head(text, 2048).contains("jsonfeed.org/version")
}

/// Parses a feed document into one page per item.
pub fn parse(bytes: &[u8]) -> Result<Vec<PageDraft>, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    // An internal DTD is how "billion laughs" entity bombs are declared; news feeds never need one.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]).to_ascii_uppercase();
    if head.contains("<!ENTITY") {
        return Err(IngestError::Malformed(
            "the feed declares its own XML entities (refused: entity expansion attack)".into(),
        ));
    }
    let feed = feed_rs::parser::parse(bytes).map_err(|e| IngestError::Malformed(format!("not a valid feed: {e}")))?;
    let source = feed.title.as_ref().map(|t| html_to_text(&t.content)).filter(|t| !t.is_empty());
    let mut pages = Vec::new();
    for entry in feed.entries {
        let title = entry.title.as_ref().map(|t| html_to_text(&t.content)).unwrap_or_default();
        let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
        let summary = entry.summary.as_ref().map(|s| s.content.as_str());
        let body = content.or(summary).map(html_to_text).unwrap_or_default();
        if title.trim().is_empty() && body.trim().is_empty() {
            continue;
        }
        let language = detect(if body.is_empty() { &title } else { &body });
        let authors: Vec<String> = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref())
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        let main = ArticleDraft {
            title,
            body,
            language: Some(language),
            published: entry.published.or(entry.updated).map(|d| d.format("%Y-%m-%d").to_string()),
            source: source.clone(),
            url: entry.links.first().map(|l| l.href.clone()),
            author: (!authors.is_empty()).then(|| authors.join(", ")),
            keywords: entry.categories.iter().map(|c| c.label.clone().unwrap_or_else(|| c.term.clone())).collect(),
        };
        pages.push(PageDraft { main, ..Default::default() });
    }
    if pages.is_empty() {
        return Err(IngestError::NoArticle);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>أخبار العالم</title><link>https://example.org/</link>
<item><title>محادثات مثمرة في ميامي</title><link>https://example.org/1</link>
<pubDate>Sat, 06 Dec 2025 08:00:00 GMT</pubDate><category>أوكرانيا</category>
<description>ملخص قصير</description>
<content:encoded><![CDATA[<p>قال مسؤول في البيت الأبيض إن المحادثات كانت مثمرة.</p><p>وأضاف أن الاجتماع المقبل سيعقد في واشنطن.</p>]]></content:encoded></item>
<item><title>Second item</title><description>Only a &lt;b&gt;summary&lt;/b&gt; here, written in English.</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_articles() {
        let pages = parse(RSS.as_bytes()).unwrap();
        assert_eq!(pages.len(), 2);
        let first = &pages[0].main;
        assert_eq!(first.title, "محادثات مثمرة في ميامي");
        assert_eq!(first.published.as_deref(), Some("2025-12-06"));
        assert_eq!(first.source.as_deref(), Some("أخبار العالم"));
        assert_eq!(first.url.as_deref(), Some("https://example.org/1"));
        assert_eq!(first.keywords, vec!["أوكرانيا"]);
        assert_eq!(
            first.body,
            "قال مسؤول في البيت الأبيض إن المحادثات كانت مثمرة.\n\nوأضاف أن الاجتماع المقبل سيعقد في واشنطن."
        );
        assert_eq!(first.language, Some(Lang::Ar));
        assert_eq!(pages[1].main.body, "Only a summary here, written in English.");
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:x</id><updated>2025-12-06T00:00:00Z</updated>
<entry><title>Talks resume</title><id>urn:1</id><updated>2025-12-05T10:00:00Z</updated><author><name>Jane Roe</name></author><content type="html">&lt;p&gt;Negotiators met again on Friday.&lt;/p&gt;</content></entry></feed>"#;
        let pages = parse(atom.as_bytes()).unwrap();
        assert_eq!(pages[0].main.title, "Talks resume");
        assert_eq!(pages[0].main.author.as_deref(), Some("Jane Roe"));
        assert_eq!(pages[0].main.published.as_deref(), Some("2025-12-05"));
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Feed","items":[{"id":"1","title":"Hello","content_text":"Body text here.","date_published":"2025-01-02T00:00:00Z"}]}"#;
        assert!(is_json_feed(json));
        let pages = parse(json.as_bytes()).unwrap();
        assert_eq!(pages[0].main.body, "Body text here.");
        assert_eq!(pages[0].main.published.as_deref(), Some("2025-01-02"));
    }

    #[test]
    fn bad_feeds_are_refused() {
        assert!(matches!(parse(b""), Err(IngestError::Empty)));
        assert!(matches!(parse(b"<rss><channel><item><title>x</ti"), Err(IngestError::Malformed(_))));
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>"#;
        assert!(matches!(parse(bomb.as_bytes()), Err(IngestError::Malformed(m)) if m.contains("entit")));
    }
}
