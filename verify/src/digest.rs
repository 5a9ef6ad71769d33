//! Message digests over byte ranges of the document, and a table of the
//! ones already computed. The browser's worker fills the table with
//! WebCrypto (`crypto.subtle.digest`, several times faster than wasm for
//! SHA-2) before it asks the core to verify; what is not in the table is
//! computed here, once per (hash, ranges) and document.

use std::cell::RefCell;

/// The document is hashed in pieces of this size: in a fresh worker V8
/// only swaps in optimized code between calls (see `check.rs`).
const PIECE: usize = 256 * 1024;

/// A digest algorithm of §6a (SHA-1 only for reading old certificates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
    Sm3,
}

/// Half-open byte ranges `(start, end)` of the document, in order.
pub type Ranges = Vec<(usize, usize)>;

impl Hash {
    /// The WebCrypto name, for the hashes WebCrypto has.
    pub fn webcrypto_name(self) -> Option<&'static str> {
        match self {
            Hash::Sha1 => Some("SHA-1"),
            Hash::Sha256 => Some("SHA-256"),
            Hash::Sha384 => Some("SHA-384"),
            Hash::Sha512 => Some("SHA-512"),
            Hash::Sm3 => None,
        }
    }

    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha256 | Hash::Sm3 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    /// The digest of the concatenated `parts`.
    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: sha2::Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut hasher = D::new();
            for part in parts {
                for piece in part.chunks(PIECE) {
                    hasher.update(piece);
                }
            }
            hasher.finalize().to_vec()
        }
        match self {
            Hash::Sha1 => run::<sha1::Sha1>(parts),
            Hash::Sha256 => run::<sha2::Sha256>(parts),
            Hash::Sha384 => run::<sha2::Sha384>(parts),
            Hash::Sha512 => run::<sha2::Sha512>(parts),
            Hash::Sm3 => run::<sm3::Sm3>(parts),
        }
    }
}

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
    fn known_answers() {
        // FIPS 180 / GB/T 32905 "abc" vectors.
        let abc: &[&[u8]] = &[b"a", b"bc"];
        assert_eq!(
            hex::encode(Hash::Sha256.digest(abc)),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex::encode(Hash::Sm3.digest(abc)),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
        assert_eq!(Hash::Sha384.digest(abc).len(), 48);
        assert_eq!(Hash::Sha512.digest(abc).len(), 64);
        assert_eq!(Hash::Sha1.digest(abc).len(), 20);
    }

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
