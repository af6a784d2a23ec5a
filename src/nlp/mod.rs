//! Language analysis: pure functions from text to annotations. No I/O here: models and
//! gazetteers are compiled into the binary (see `assets/`), so analysis never fails at run time.

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
}

impl Annotator {
    /// The process-wide annotator with the bundled models.
    pub fn shared() -> &'static Annotator {
        static SHARED: OnceLock<Annotator> = OnceLock::new();
        SHARED.get_or_init(|| Annotator { recognizer: ner::Recognizer::bundled() })
    }

    /// An annotator around an explicit recognizer (tests, watchlists).
    pub fn with_recognizer(recognizer: ner::Recognizer) -> Annotator {
        Annotator { recognizer }
    }

    pub fn recognizer(&self) -> &ner::Recognizer {
        &self.recognizer
    }

    /// Entities first, then quotations, whose speakers resolve to those entities.
    pub fn annotate(&self, text: &str) -> Annotations {
        let entities = self.recognizer.recognize(text);
        let quotes = quotes::extract(text, &entities);
        Annotations { entities, quotes }
    }
}

/// Annotates `text` with the bundled models.
pub fn annotate(text: &str) -> Annotations {
    Annotator::shared().annotate(text)
}
