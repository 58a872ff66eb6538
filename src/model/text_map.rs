//! A map keyed by text: a `Vec` sorted by key and searched by binary search. It is what the
//! models and the message catalog need from a map (read by key, iterate in key order, replace),
//! without `BTreeMap`'s node code (about 5 kB of wasm for each value type).

use crate::prelude::*;

/// Entries sorted by key, each key once; iteration is in key order, as a `BTreeMap`'s.
#[derive(Clone, PartialEq, Eq)]
pub struct TextMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for TextMap<V> {
    fn default() -> Self {
        TextMap { entries: Vec::new() }
    }
}

impl<V> TextMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.position(key).ok().and_then(|at| self.entries.get(at)).map(|(_, value)| value)
    }

    /// True when `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.position(&key) {
            Ok(at) => self.entries.get_mut(at).map(|slot| core::mem::replace(&mut slot.1, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.entries.iter().map(|(key, value)| (key.as_str(), value))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(key, _)| key.as_str())
    }
}

impl<V> FromIterator<(String, V)> for TextMap<V> {
    /// Later entries replace earlier ones with the same key.
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut map = TextMap::new();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }
}

impl<'a, V> IntoIterator for &'a TextMap<V> {
    type Item = (&'a str, &'a V);
    type IntoIter = core::iter::Map<core::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a str, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(key, value)| (key.as_str(), value))
    }
}

impl<V: core::fmt::Debug> core::fmt::Debug for TextMap<V> {
    /// As a map: `{"cores": 64.0}`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::TextMap;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_as_a_btree_map() {
        let pairs = [("ram", 1.0), ("cores", 2.0), ("storage", 3.0), ("cores", 4.0), ("", 5.0), ("ram", 6.0)];
        let ours: TextMap<f64> = pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
        let theirs: BTreeMap<String, f64> = pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
        assert_eq!(ours.len(), theirs.len());
        assert!(ours.iter().map(|(k, v)| (k.to_owned(), *v)).eq(theirs.clone()));
        for key in ["ram", "cores", "storage", "", "disk", "rams"] {
            assert_eq!(ours.get(key), theirs.get(key), "{key}");
            assert_eq!(ours.contains_key(key), theirs.contains_key(key), "{key}");
        }
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    }

    #[test]
    fn insert_returns_the_replaced_value() {
        let mut map = TextMap::new();
        assert_eq!(map.insert("a".to_owned(), 1), None);
        assert_eq!(map.insert("a".to_owned(), 2), Some(1));
        assert_eq!(map.get("a"), Some(&2));
        assert!(!map.is_empty());
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a"]);
        assert!(TextMap::<u8>::new().is_empty());
    }
}
