//! Plain data types shared by every layer. No behaviour lives here beyond small conversions.

use serde::{Deserialize, Serialize};

/// Language of an article, as detected from its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    En,
    Other,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Lang {
        match code {
            "ar" => Lang::Ar,
            "en" => Lang::En,
            _ => Lang::Other,
        }
    }
}

/// The kinds of named entity Marsad extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    #[serde(rename = "PERSON")]
    Person,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
}

impl EntityType {
    pub const ALL: [EntityType; 3] = [EntityType::Person, EntityType::Org, EntityType::Loc];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
        }
    }

    /// Accepts the spellings used by the gold data and common taggers.
    pub fn parse(s: &str) -> Option<EntityType> {
        match s.to_ascii_uppercase().as_str() {
            "PERSON" | "PERS" | "PER" => Some(EntityType::Person),
            "ORG" | "ORGANIZATION" => Some(EntityType::Org),
            "LOC" | "LOCATION" | "GPE" => Some(EntityType::Loc),
            _ => None,
        }
    }
}

/// One mention of a named entity in a text.
///
/// Offsets are **byte** offsets into the annotated text (so `&text[start..end] == surface`);
/// code-point offsets are computed only where they leave the program (JSON, exports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    pub start: usize,
    pub end: usize,
    pub entity_type: EntityType,
    /// The text as written, clitics excluded.
    pub surface: String,
    /// The fullest name of this entity in the same text; aliases share it.
    pub canonical: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Verbatim words, in quotation marks or after "said:".
    Direct,
    /// Reported speech: the content clause after a speech verb, or an attributed claim.
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        }
    }

    pub fn parse(s: &str) -> Option<QuoteKind> {
        match s {
            "direct" => Some(QuoteKind::Direct),
            "indirect" => Some(QuoteKind::Indirect),
            _ => None,
        }
    }
}

/// A quotation or attribution found in a text. Offsets are byte offsets, as in [`EntityMention`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted content, without the quotation marks.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: QuoteKind,
    /// Who said it: the canonical entity name when resolved, else the words as written
    /// ("مصدر ثان", "a senior official").
    pub speaker: Option<String>,
    /// Where the speaker is named (the mention the speaker was resolved from).
    pub speaker_span: Option<(usize, usize)>,
    /// The speech verb or attribution cue ("said", "قال", "according to").
    pub cue: Option<String>,
    pub cue_span: Option<(usize, usize)>,
}

/// Everything [`crate::nlp::annotate`] finds in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotations {
    pub entities: Vec<EntityMention>,
    pub quotes: Vec<Quote>,
}

/// An article as produced by import, before it is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDraft {
    pub title: String,
    pub body: String,
    pub language: Option<Lang>,
    /// ISO date, `YYYY-MM-DD`.
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub keywords: Vec<String>,
}

/// What one imported file yields: the page's main article, any "read also" articles found in
/// it (stored with the main article as their parent), and bare related headlines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageDraft {
    pub main: ArticleDraft,
    pub read_also: Vec<ArticleDraft>,
    pub related_headlines: Vec<String>,
}

/// Converts a byte offset into `text` to a Unicode code-point offset.
pub fn char_offset(text: &str, byte_offset: usize) -> usize {
    text[..byte_offset].chars().count()
}
