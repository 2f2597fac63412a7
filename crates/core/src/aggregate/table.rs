//! A counting table with a bound on its rows whose content does not depend on the order rows
//! arrive in, nor on how the work was split and merged.
//!
//! Keeping "the 1,000 biggest rows" while counting is not order-independent: a key dropped
//! early for being small may grow later, and two workers would drop different keys. What is
//! order-independent is a choice made by the key itself: the table keeps the `keep` keys with
//! the smallest `(hash, key)` (a bottom-k sample, FNV-1a hash so that it is the same on every
//! platform), with exact counts, and adds everything else into one `other` row. A key above the
//! current largest kept one can never come back (the largest only shrinks), so its rows go
//! straight to `other`; the kept keys were never dropped, so their counts are exact; and the
//! union of two such tables, cut again to `keep`, is the table of the whole. Below `keep`
//! distinct keys nothing is ever dropped, which is every real mailbox at the sizes used
//! (20,000 organisations); the report then shows the biggest rows of what was kept.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What a table row must be able to do: start empty and absorb another row.
pub(crate) trait Tally: Default + Clone + PartialEq {
    fn absorb(&mut self, other: &Self);
}

/// Rows by key, at most `keep` of them, plus `other`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table<R> {
    keep: usize,
    /// Buckets by hash; a bucket is sorted by key (hash collisions are rare, but the order must
    /// not depend on arrival).
    buckets: BTreeMap<u64, Vec<(String, R)>>,
    len: usize,
    other: R,
}

impl<R: Tally> Table<R> {
    pub fn new(keep: usize) -> Table<R> {
        Table {
            keep: keep.max(1),
            buckets: BTreeMap::new(),
            len: 0,
            other: R::default(),
        }
    }

    /// Counts into the row of `key` (or into `other` if `key` is not kept).
    pub fn add(&mut self, key: &str, update: impl FnOnce(&mut R)) {
        let hash = fnv1a(key.as_bytes());
        if self.len >= self.keep && self.is_above_largest(hash, key) {
            update(&mut self.other);
            return;
        }
        let bucket = self.buckets.entry(hash).or_default();
        match bucket.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(i) => update(&mut bucket[i].1),
            Err(i) => {
                let mut row = R::default();
                update(&mut row);
                bucket.insert(i, (key.to_owned(), row));
                self.len += 1;
                self.shrink();
            }
        }
    }

    /// Adds another table's rows (the union, cut again to `keep`).
    pub fn merge(&mut self, other: Table<R>) {
        self.other.absorb(&other.other);
        for (key, row) in other.into_rows() {
            self.add(&key, |r| r.absorb(&row));
        }
        self.shrink();
    }

    /// The kept rows, in `(hash, key)` order, and the `other` row.
    pub fn rows(&self) -> impl Iterator<Item = (&str, &R)> {
        self.buckets
            .values()
            .flat_map(|b| b.iter().map(|(k, r)| (k.as_str(), r)))
    }

    pub fn other(&self) -> &R {
        &self.other
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    fn into_rows(self) -> impl Iterator<Item = (String, R)> {
        self.buckets.into_values().flatten()
    }

    fn is_above_largest(&self, hash: u64, key: &str) -> bool {
        match self.buckets.last_key_value() {
            Some((&h, bucket)) => {
                hash > h || hash == h && bucket.last().is_some_and(|(k, _)| key > k.as_str())
            }
            None => false,
        }
    }

    fn shrink(&mut self) {
        while self.len > self.keep {
            let Some(mut entry) = self.buckets.last_entry() else {
                return;
            };
            if let Some((_, row)) = entry.get_mut().pop() {
                self.other.absorb(&row);
                self.len -= 1;
            }
            if entry.get().is_empty() {
                entry.remove();
            }
        }
    }
}

/// FNV-1a, 64 bits: tiny, and the same on every platform (unlike `std`'s randomised hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The serialised form of a table: its kept rows and `other`. Reading one back re-applies the
/// bound, so a hand-edited state cannot break it.
#[derive(Serialize, Deserialize)]
#[serde(bound(serialize = "R: Serialize", deserialize = "R: Deserialize<'de>"))]
pub(crate) struct TableState<R> {
    keep: usize,
    rows: Vec<(String, R)>,
    other: R,
}

impl<R: Tally + Serialize> Serialize for Table<R> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        TableState {
            keep: self.keep,
            rows: self
                .rows()
                .map(|(k, r)| (k.to_owned(), r.clone()))
                .collect(),
            other: self.other.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de, R: Tally + Deserialize<'de>> Deserialize<'de> for Table<R> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let state = TableState::<R>::deserialize(deserializer)?;
        let mut table = Table::new(state.keep);
        table.other = state.other;
        for (key, row) in state.rows {
            table.add(&key, |r| r.absorb(&row));
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Tally for u64 {
        fn absorb(&mut self, other: &Self) {
            *self += other;
        }
    }

    fn keys(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("k{}", i % 37 + (i * 7) % 11))
            .collect()
    }

    fn table(keys: &[String], keep: usize) -> Table<u64> {
        let mut t = Table::new(keep);
        for k in keys {
            t.add(k, |r| *r += 1);
        }
        t
    }

    #[test]
    fn below_the_bound_every_row_is_exact() {
        let t = table(&["a".into(), "b".into(), "a".into()], 10);
        let rows: BTreeMap<&str, u64> = t.rows().map(|(k, r)| (k, *r)).collect();
        assert_eq!(rows, BTreeMap::from([("a", 2), ("b", 1)]));
        assert_eq!(*t.other(), 0);
    }

    #[test]
    fn bounded_and_independent_of_order_and_split() {
        let keys = keys(500);
        let whole = table(&keys, 8);
        assert_eq!(whole.len(), 8);
        let total: u64 = whole.rows().map(|(_, r)| r).sum::<u64>() + whole.other();
        assert_eq!(total, 500);
        // Reversed, and split in three merged in another order: the same table.
        let mut reversed = keys.clone();
        reversed.reverse();
        assert_eq!(table(&reversed, 8), whole);
        for cut in [1, 100, 250, 499] {
            let (a, b) = keys.split_at(cut);
            let (b1, b2) = b.split_at(b.len() / 2);
            let mut merged = table(b2, 8);
            merged.merge(table(a, 8));
            merged.merge(table(b1, 8));
            assert_eq!(merged, whole, "cut at {cut}");
        }
    }

    #[test]
    fn serialises_and_reads_back() {
        let t = table(&keys(200), 5);
        let json = serde_json::to_string(&t).unwrap();
        let back: Table<u64> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn hash_is_fnv1a() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
