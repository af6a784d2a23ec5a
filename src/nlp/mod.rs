//! Language analysis: pure functions from text to annotations. No I/O here: models and
//! gazetteers are compiled into the binary (see `assets/`), so analysis never fails at run time.

pub mod corrections;
pub mod cues;
pub mod near_dup;
pub mod ner;
pub mod normalize;
pub mod quotes;
pub mod tokenize;

use std::sync::OnceLock;

use crate::model::Annotations;

/// Stored with every analysed article, so articles analysed by an older version can be found
/// and analysed again.
pub const ANALYSER_VERSION: &str = concat!("marsad-", env!("CARGO_PKG_VERSION"));

/// The analysis pipeline with its models loaded. Loading is done once per process.
pub struct Annotator {
    recognizer: ner::Recognizer,
    /// Names analysts rejected, folded, with the type they must no longer be given.
    suppressed: Vec<(String, crate::model::EntityType)>,
}

impl Annotator {
    /// The process-wide annotator with the bundled models.
    pub fn shared() -> &'static Annotator {
        static SHARED: OnceLock<Annotator> = OnceLock::new();
        SHARED.get_or_init(|| Annotator::with_recognizer(ner::Recognizer::bundled()))
    }

    /// An annotator around an explicit recognizer (tests, watchlists).
    pub fn with_recognizer(recognizer: ner::Recognizer) -> Annotator {
        Annotator { recognizer, suppressed: Vec::new() }
    }

    /// The bundled models taught by analysts' corrections: `watch` names are always found,
    /// `suppress` names are never given that type again.
    pub fn with_feedback(watch: &[ner::WatchEntry], suppress: &[(String, crate::model::EntityType)]) -> Annotator {
        let mut recognizer = Annotator::shared().recognizer.clone();
        recognizer.add_watchlist(watch);
        let suppressed =
            suppress.iter().map(|(name, t)| (normalize::collapse_spaces(&normalize::fold(name)), *t)).collect();
        Annotator { recognizer, suppressed }
    }

    pub fn recognizer(&self) -> &ner::Recognizer {
        &self.recognizer
    }

    /// Entities first, then quotations, whose speakers resolve to those entities.
    pub fn annotate(&self, text: &str) -> Annotations {
        let mut entities = self.recognizer.recognize(text);
        // A name has letters: punctuation the tagger swept up is never a mention.
        entities.retain(|m| m.surface.chars().any(char::is_alphabetic));
        if !self.suppressed.is_empty() {
            entities.retain(|m| {
                let name = normalize::collapse_spaces(&normalize::fold(&m.surface));
                !self.suppressed.iter().any(|(s, t)| *s == name && *t == m.entity_type)
            });
        }
        let quotes = quotes::extract(text, &entities);
        Annotations { entities, quotes }
    }
}

/// Annotates `text` with the bundled models.
pub fn annotate(text: &str) -> Annotations {
    Annotator::shared().annotate(text)
}
