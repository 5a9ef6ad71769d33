//! Digests over byte ranges of the document, and a table of the ones
//! already computed. The browser's worker fills the table with
//! WebCrypto (`crypto.subtle.digest`, several times faster than wasm for
//! SHA-2) before it asks the core to verify; what is not in the table is
//! computed here, once per (hash, ranges) and document.

use std::cell::RefCell;

pub use crate::hash::Hash;

/// Half-open byte ranges `(start, end)` of the document, in order.
pub type Ranges = Vec<(usize, usize)>;

/// The slices of `document` that `ranges` name; `None` if one is outside
/// it or backwards.
pub fn slices<'a>(document: &'a [u8], ranges: &[(usize, usize)]) -> Option<Vec<&'a [u8]>> {
    ranges
        .iter()
        .map(|&(start, end)| document.get(start..end))
        .collect()
}

/// Digests already known for one document, keyed by hash and ranges.
#[derive(Debug, Default)]
pub struct Digests {
    known: RefCell<Vec<(Hash, Ranges, Vec<u8>)>>,
}

impl Digests {
    pub fn new() -> Digests {
        Digests::default()
    }

    /// Record a digest computed elsewhere (WebCrypto). A value of the
    /// wrong length is ignored, so a broken host cannot make a bad
    /// signature look good: it can only make the core compute it again.
    pub fn insert(&self, hash: Hash, ranges: Ranges, value: Vec<u8>) {
        if value.len() == hash.output_len() {
            self.known.borrow_mut().push((hash, ranges, value));
        }
    }

    /// The digest of `ranges` of `document`: from the table, else computed
    /// here and remembered. `None` when a range is outside the document.
    pub fn of(&self, hash: Hash, document: &[u8], ranges: &[(usize, usize)]) -> Option<Vec<u8>> {
        let found = self
            .known
            .borrow()
            .iter()
            .find(|(h, r, _)| *h == hash && r.as_slice() == ranges)
            .map(|(_, _, value)| value.clone());
        if found.is_some() {
            return found;
        }
        let value = hash.digest(&slices(document, ranges)?);
        self.known
            .borrow_mut()
            .push((hash, ranges.to_vec(), value.clone()));
        Some(value)
    }

    /// The whole document's digest.
    pub fn of_whole(&self, hash: Hash, document: &[u8]) -> Vec<u8> {
        self.of(hash, document, &[(0, document.len())])
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_answers_what_it_was_given_and_computes_the_rest() {
        let document = b"0123456789";
        let digests = Digests::new();
        digests.insert(Hash::Sha256, vec![(0, 2), (4, 10)], vec![7; 32]);
        digests.insert(Hash::Sha256, vec![(0, 1)], vec![7; 3]);
        assert_eq!(
            digests.of(Hash::Sha256, document, &[(0, 2), (4, 10)]),
            Some(vec![7; 32])
        );
        assert_eq!(
            digests.of(Hash::Sha256, document, &[(0, 1)]),
            Some(Hash::Sha256.digest(&[b"0"]))
        );
        assert_eq!(digests.of(Hash::Sm3, document, &[(0, 11)]), None);
        assert_eq!(digests.of(Hash::Sm3, document, &[(5, 4)]), None);
    }
}
