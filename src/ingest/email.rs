//! E-mail (`.eml`): newsletters and news alerts. The subject is the title, the Date header the
//! publication date, the sender the source; the text part is preferred over the HTML part.

use mail_parser::MessageParser;

use super::{IngestError, dates::parse_date, html::html_to_text, language::detect, text_page::clean_paragraphs};
use crate::model::{ArticleDraft, PageDraft};

pub fn parse(bytes: &[u8]) -> Result<PageDraft, IngestError> {
    let message =
        MessageParser::default().parse(bytes).ok_or_else(|| IngestError::Malformed("not an e-mail message".into()))?;
    if message.headers().is_empty() {
        return Err(IngestError::Malformed("not an e-mail message (no headers)".into()));
    }
    let body = match message.body_text(0).filter(|t| !t.trim().is_empty()) {
        Some(text) => clean_paragraphs(text.replace("\r\n", "\n").split("\n\n").map(|p| p.trim()))
            .into_iter()
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n"),
        None => message.body_html(0).map(|html| html_to_text(&html)).unwrap_or_default(),
    };
    let title = message.subject().unwrap_or_default().trim().to_string();
    if title.is_empty() && body.is_empty() {
        return Err(IngestError::NoArticle);
    }
    let sender =
        message.from().and_then(|from| from.first()).and_then(|a| a.name().or(a.address()).map(str::to_string));
    let main = ArticleDraft {
        language: Some(detect(if body.is_empty() { &title } else { &body })),
        title,
        body,
        published: message.date().and_then(|d| parse_date(&d.to_rfc3339())),
        source: sender,
        url: None,
        author: None,
        keywords: Vec::new(),
    };
    Ok(PageDraft { main, ..Default::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsletter_text_part() {
        let eml = "From: Daily Brief <brief@example.org>\r\nTo: analyst@example.org\r\nSubject: =?UTF-8?B?2YXYrdin2K/Yq9in2Kog2YXYq9mF2LHYqQ==?=\r\nDate: Sat, 6 Dec 2025 08:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nFirst paragraph of the alert,\r\nwrapped by the mailer.\r\n\r\nSecond paragraph.\r\n";
        let page = parse(eml.as_bytes()).unwrap();
        assert_eq!(page.main.title, "محادثات مثمرة");
        assert_eq!(page.main.published.as_deref(), Some("2025-12-06"));
        assert_eq!(page.main.source.as_deref(), Some("Daily Brief"));
        assert_eq!(page.main.body, "First paragraph of the alert, wrapped by the mailer.\n\nSecond paragraph.");
    }

    #[test]
    fn html_only_message() {
        let eml = "From: alerts@example.org\r\nSubject: Alert\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Alert body.</p></body></html>\r\n";
        let page = parse(eml.as_bytes()).unwrap();
        assert_eq!(page.main.body, "Alert body.");
    }
}
