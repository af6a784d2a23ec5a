//! Quotation and attribution extraction. (Placeholder until the extraction work lands.)

use crate::model::{EntityMention, Quote};

pub fn extract(_text: &str, _entities: &[EntityMention]) -> Vec<Quote> {
    Vec::new()
}
