//! Within-text consistency after tagging: a name keeps one type, and in Arabic text the
//! untagged repetitions of a tagged name are found. (The second tagging stage, see
//! [`super::features::document_features`], already leans on the other mentions; this catches
//! what it leaves, such as a new foreign name after a verb: "وأضاف ترامب".)

use std::collections::HashMap;

use super::clitics::segmentations;
use super::features::is_person_title;
use super::tokens::Script;
use super::{Found, MentionContext};

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

/// True when the word is mostly not part of a name in the training corpus, or is a word of
/// the language's dictionary: a one-word name that is also a word ("دين" debt and Dein,
/// "جمعة" Friday and Juma) is left to the tagger at each of its mentions.
fn common_word(ctx: &MentionContext, folded: &str, script: Script) -> bool {
    let model = ctx.recognizer.model(script);
    let (total, in_entity) = model.lexicon.get(folded);
    if total >= 2 && in_entity * 2 < total {
        return true;
    }
    script == Script::Arabic && {
        let core = super::clitics::core(folded);
        model.in_dictionary(folded) || model.in_dictionary(core)
    }
}

/// Adds mentions for untagged repetitions of tagged names, in Arabic text. (In English the
/// second stage does it: capitalisation is a cue the tagger sees directly, and the rule
/// cost precision on the English dev set.)
/// Only tokens in `within` are searched; `found` should hold the mentions found there.
pub(super) fn repeat_names(
    ctx: &MentionContext,
    scripts: &[Script],
    within: std::ops::Range<usize>,
    found: &mut Vec<Found>,
) {
    let tokens = ctx.tokens;
    let mut covered = vec![false; tokens.len()];
    for f in found.iter() {
        covered[f.first..=f.last].fill(true);
    }
    // Names by their first word key; the class of each name is the one it was tagged with.
    let mut names: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
    let mut add_name = |keys: Vec<String>, class: usize| {
        if let Some(first) = keys.first().cloned() {
            let list = names.entry(first).or_default();
            if !list.iter().any(|(k, _)| *k == keys) {
                list.push((keys, class));
            }
        }
    };
    for f in found.iter().filter(|f| f.watch.is_none()) {
        let keys = exact_keys(&f.name);
        if keys.len() > 1 && f.class == 0 {
            add_name(vec![keys[keys.len() - 1].clone()], 0);
            // "رود فان نيستلروي" is "فان نيستلروي" when the given name is left out.
            if keys.len() > 2 && super::is_leading_name_particle(&keys[keys.len() - 2]) {
                add_name(keys[keys.len() - 2..].to_vec(), 0);
            }
        }
        add_name(keys, f.class);
    }
    if names.is_empty() {
        return;
    }
    let mut added = Vec::new();
    let mut i = within.start;
    while i < within.end {
        if covered[i] {
            i += 1;
            continue;
        }
        let script = scripts[i];
        let tok = &tokens[i];
        if script == Script::Latin {
            i += 1;
            continue;
        }
        let usable = match script {
            Script::Latin => tok.text(ctx.text).starts_with(char::is_uppercase),
            Script::Arabic => tok.folded.chars().count() >= 3,
        } && !is_person_title(&tok.folded, script);
        let mut best: Option<(usize, usize)> = None;
        if usable {
            let mut firsts = vec![tok.folded.clone()];
            if script == Script::Arabic {
                firsts.extend(segmentations(&tok.folded).into_iter().map(|s| s.stem));
            }
            for first in firsts {
                for (keys, class) in names.get(&first).into_iter().flatten() {
                    let len = keys.len();
                    if i + len > within.end || best.is_some_and(|(l, _)| l >= len) {
                        continue;
                    }
                    let rest_matches = (1..len).all(|k| !covered[i + k] && tokens[i + k].folded == keys[k]);
                    if rest_matches && !(len == 1 && common_word(ctx, &tok.folded, script)) {
                        best = Some((len, *class));
                    }
                }
            }
        }
        match best.and_then(|(len, class)| ctx.mention(i, i + len - 1, class, script).map(|m| (len, m))) {
            Some((len, m)) => {
                covered[i..i + len].fill(true);
                added.push(m);
                i += len;
            }
            None => i += 1,
        }
    }
    found.extend(added);
}
