//! Name lists as a hashed token trie: multi-word names ("الولايات المتحدة", "New York") are
//! found token by token without storing their text.
//!
//! A node is the hash of the folded token sequence that leads to it; its value says which
//! entity types end there and whether longer names continue from it.

use super::hash::{HashKeyed, hash_str, mix};

/// Entity classes of gazetteer entries (an index into bit flags).
pub const GAZ_PER: u8 = 0;
pub const GAZ_ORG: u8 = 1;
pub const GAZ_LOC: u8 = 2;
/// One word of a person's name (a given name or surname) from the large name lists.
pub const GAZ_PERSON_WORD: u8 = 3;
/// A full name (two words or more) of a person from the large name lists.
pub const GAZ_PERSON_FULL: u8 = 4;
/// Number of gazetteer classes.
pub const GAZ_CLASSES: u64 = 5;
const CONTINUES: u8 = 0x80;
const ROOT: u64 = 0x6761_7a65_7474_6565;

/// A set of names, each a sequence of folded tokens with one or more types.
#[derive(Default, Clone)]
pub struct Gazetteer {
    nodes: HashKeyed<u8>,
}

/// A name found in a token sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// Number of tokens in the match.
    pub len: usize,
    /// Bit `1 << GAZ_*` per type.
    pub types: u8,
}

impl Gazetteer {
    /// Adds a name given as folded tokens.
    pub fn insert(&mut self, tokens: &[&str], class: u8) {
        if tokens.is_empty() {
            return;
        }
        let mut key = ROOT;
        for (i, t) in tokens.iter().enumerate() {
            key = mix(key, hash_str(t));
            let flags = self.nodes.entry(key).or_insert(0);
            if i + 1 == tokens.len() {
                *flags |= 1 << class;
            } else {
                *flags |= CONTINUES;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Types of the one-token name `folded`, as bit flags (0 when absent).
    pub fn single(&self, folded: &str) -> u8 {
        self.nodes.get(&mix(ROOT, hash_str(folded))).map_or(0, |f| f & !CONTINUES)
    }

    /// The longest name starting with `first` (a folded word, maybe a clitic-stripped stem)
    /// and continuing with `rest`.
    pub fn longest<'a>(&self, first: &str, rest: impl Iterator<Item = &'a str>) -> Option<GazMatch> {
        let mut key = mix(ROOT, hash_str(first));
        let mut flags = *self.nodes.get(&key)?;
        let mut best = (flags & !CONTINUES != 0).then_some(GazMatch { len: 1, types: flags & !CONTINUES });
        for (len, t) in (2..).zip(rest) {
            if flags & CONTINUES == 0 {
                break;
            }
            key = mix(key, hash_str(t));
            match self.nodes.get(&key) {
                Some(&f) => flags = f,
                None => break,
            }
            if flags & !CONTINUES != 0 {
                best = Some(GazMatch { len, types: flags & !CONTINUES });
            }
        }
        best
    }

    /// Serialized form: count, then (key, flags) pairs sorted by key.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut entries: Vec<(u64, u8)> = self.nodes.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, v) in entries {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
    }

    pub fn read(r: &mut super::model::Reader) -> Option<Gazetteer> {
        let n = r.u32()? as usize;
        let mut nodes = HashKeyed::default();
        nodes.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u8()?;
            nodes.insert(k, v);
        }
        Some(Gazetteer { nodes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_longest_multiword_names() {
        let mut g = Gazetteer::default();
        g.insert(&["new", "york"], GAZ_LOC);
        g.insert(&["new", "york", "times"], GAZ_ORG);
        g.insert(&["york"], GAZ_LOC);
        let words = ["york", "times", "said"];
        assert_eq!(g.longest("new", words.iter().copied()), Some(GazMatch { len: 3, types: 1 << GAZ_ORG }));
        assert_eq!(g.longest("new", ["york", "city"].into_iter()).map(|m| m.len), Some(2));
        assert_eq!(g.longest("new", ["jersey"].into_iter()), None);
        assert_eq!(g.single("york"), 1 << GAZ_LOC);
        let mut bytes = Vec::new();
        g.write(&mut bytes);
        let back = Gazetteer::read(&mut super::super::model::Reader::new(&bytes)).unwrap();
        assert_eq!(back.single("york"), 1 << GAZ_LOC);
    }
}
