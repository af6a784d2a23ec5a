//! Analyst corrections of the analysis, as pure edits of [`Annotations`]. The same function
//! applies a correction when it is made and re-applies every stored correction after an
//! article is analysed again, so corrections outlive re-analysis.

use serde::{Deserialize, Serialize};

use super::normalize::{collapse_spaces, fold};
use crate::model::{Annotations, EntityMention, EntityType, Quote, QuoteKind};

/// One correction. Offsets are byte offsets into the article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "correction", rename_all = "snake_case")]
pub enum Correction {
    /// This mention is not an entity (of the type it was given, when known: future imports
    /// stop finding this name with that type).
    RejectEntity {
        start: usize,
        end: usize,
        #[serde(default)]
        entity_type: Option<EntityType>,
    },
    /// Every mention of this entity (by canonical name) in the article has another type.
    ChangeEntityType { canonical: String, to: EntityType },
    /// Two names are one entity: `from`'s mentions take `into`'s canonical name and type.
    MergeEntities { from: String, into: String },
    /// A span the analysis missed is an entity.
    AddEntity { start: usize, end: usize, entity_type: EntityType, canonical: Option<String> },
    /// This is not a quote.
    RejectQuote { start: usize, end: usize },
    /// The quote at this span was said by someone else.
    FixSpeaker { start: usize, end: usize, speaker: String },
    /// A span the analysis missed is a quote.
    AddQuote { start: usize, end: usize, kind: QuoteKind, speaker: Option<String> },
}

fn same_name(a: &str, b: &str) -> bool {
    collapse_spaces(&fold(a)) == collapse_spaces(&fold(b))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Applies corrections in order. Corrections whose span is no longer in the text (the article
/// changed) are skipped rather than guessed at.
pub fn apply(annotations: &mut Annotations, text: &str, corrections: &[Correction]) {
    let valid = |start: usize, end: usize| start < end && text.get(start..end).is_some();
    for correction in corrections {
        match correction {
            Correction::RejectEntity { start, end, .. } => {
                annotations.entities.retain(|m| !(m.start == *start && m.end == *end));
            }
            Correction::ChangeEntityType { canonical, to } => {
                for m in annotations.entities.iter_mut().filter(|m| same_name(&m.canonical, canonical)) {
                    m.entity_type = *to;
                }
            }
            Correction::MergeEntities { from, into } => {
                let target = annotations.entities.iter().find(|m| same_name(&m.canonical, into)).cloned();
                let (canonical, entity_type) = match target {
                    Some(t) => (t.canonical, Some(t.entity_type)),
                    None => (into.clone(), None),
                };
                for m in annotations.entities.iter_mut().filter(|m| same_name(&m.canonical, from)) {
                    m.canonical = canonical.clone();
                    if let Some(t) = entity_type {
                        m.entity_type = t;
                    }
                }
                for q in
                    annotations.quotes.iter_mut().filter(|q| q.speaker.as_deref().is_some_and(|s| same_name(s, from)))
                {
                    q.speaker = Some(canonical.clone());
                }
            }
            Correction::AddEntity { start, end, entity_type, canonical } if valid(*start, *end) => {
                annotations.entities.retain(|m| !overlaps((m.start, m.end), (*start, *end)));
                let surface = text[*start..*end].to_string();
                annotations.entities.push(EntityMention {
                    start: *start,
                    end: *end,
                    entity_type: *entity_type,
                    canonical: canonical.clone().unwrap_or_else(|| surface.clone()),
                    surface,
                });
                annotations.entities.sort_by_key(|m| m.start);
            }
            Correction::RejectQuote { start, end } => {
                annotations.quotes.retain(|q| !(q.start == *start && q.end == *end));
            }
            Correction::FixSpeaker { start, end, speaker } => {
                for q in annotations.quotes.iter_mut().filter(|q| q.start == *start && q.end == *end) {
                    q.speaker = Some(speaker.clone());
                    q.speaker_span = None;
                }
            }
            Correction::AddQuote { start, end, kind, speaker } if valid(*start, *end) => {
                annotations.quotes.retain(|q| !(q.start == *start && q.end == *end));
                annotations.quotes.push(Quote {
                    start: *start,
                    end: *end,
                    text: text[*start..*end].to_string(),
                    kind: *kind,
                    speaker: speaker.clone(),
                    speaker_span: None,
                    cue: None,
                    cue_span: None,
                });
                annotations.quotes.sort_by_key(|q| q.start);
            }
            Correction::AddEntity { .. } | Correction::AddQuote { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, surface: &str, canonical: &str, t: EntityType) -> EntityMention {
        let start = text.find(surface).unwrap();
        EntityMention {
            start,
            end: start + surface.len(),
            entity_type: t,
            surface: surface.into(),
            canonical: canonical.into(),
        }
    }

    #[test]
    fn edits_entities_and_quotes() {
        let text = "قال بوتين إن فلاديمير بوتين والكرملين راضيان.";
        let mut a = Annotations {
            entities: vec![
                mention(text, "بوتين", "بوتين", EntityType::Person),
                mention(text, "فلاديمير بوتين", "فلاديمير بوتين", EntityType::Person),
                mention(text, "الكرملين", "الكرملين", EntityType::Person),
            ],
            quotes: vec![],
        };
        let k = text.find("الكرملين").unwrap();
        apply(
            &mut a,
            text,
            &[
                Correction::MergeEntities { from: "بوتين".into(), into: "فلاديمير بوتين".into() },
                Correction::ChangeEntityType { canonical: "الكرملين".into(), to: EntityType::Org },
            ],
        );
        assert!(
            a.entities.iter().filter(|m| m.entity_type == EntityType::Person).all(|m| m.canonical == "فلاديمير بوتين")
        );
        assert_eq!(a.entities[2].entity_type, EntityType::Org);
        apply(&mut a, text, &[Correction::RejectEntity { start: k, end: k + "الكرملين".len(), entity_type: None }]);
        assert_eq!(a.entities.len(), 2);
        let q = text.find("فلاديمير").unwrap();
        apply(
            &mut a,
            text,
            &[Correction::AddQuote {
                start: q,
                end: text.len() - 1,
                kind: QuoteKind::Indirect,
                speaker: Some("بوتين".into()),
            }],
        );
        assert_eq!(a.quotes[0].text, "فلاديمير بوتين والكرملين راضيان");
        apply(&mut a, text, &[Correction::FixSpeaker { start: q, end: text.len() - 1, speaker: "مصدر".into() }]);
        assert_eq!(a.quotes[0].speaker.as_deref(), Some("مصدر"));
        // A span that no longer fits the text is skipped.
        apply(
            &mut a,
            text,
            &[Correction::AddEntity { start: 1, end: 9999, entity_type: EntityType::Loc, canonical: None }],
        );
        assert_eq!(a.entities.len(), 2);
    }
}
