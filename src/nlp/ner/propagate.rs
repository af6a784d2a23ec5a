//! Within-text consistency after tagging. (Finding the untagged repetitions of a name is the
//! second tagging stage's job, see [`super::features::document_features`]: it learned from
//! data when a repetition counts, where a rule added as many errors as it fixed.)

use std::collections::HashMap;

use super::Found;

/// The exact comparison form of a name: its folded words. (The looser keys of
/// [`super::aliases`] group aliases; types are voted on exact names only.)
fn exact_keys(name: &str) -> Vec<String> {
    super::tokens::tokenize(name).into_iter().map(|t| t.folded).collect()
}

/// A name that most of its mentions call a person is a person at every mention. Places and
/// organisations are left alone: "Chicago" is a team in a results table and a city in the
/// next story, and the context the tagger saw decides that better than a vote.
pub(super) fn unify_types(found: &mut [Found]) {
    let mut votes: HashMap<String, [usize; 3]> = HashMap::new();
    let keys: Vec<String> = found.iter().map(|f| exact_keys(&f.name).join(" ")).collect();
    for (f, k) in found.iter().zip(&keys) {
        if f.watch.is_none() {
            votes.entry(k.clone()).or_default()[f.class] += 1;
        }
    }
    for (f, k) in found.iter_mut().zip(&keys) {
        if f.watch.is_some() {
            continue;
        }
        let v = votes[k];
        if v[0] > v[f.class] {
            f.class = 0;
        }
    }
}
