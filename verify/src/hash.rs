//! The digest algorithms: every one a signature or a timestamp may name,
//! with its OID, its WebCrypto name and its output.

use sha2::Digest;

use crate::oid::{self, ObjectIdentifier};

/// Documents are hashed in pieces of this size. Same result as one piece;
/// but a fresh worker starts as unoptimized wasm, and V8 only swaps in the
/// optimized hash function between calls: one call over 20 MiB ran
/// unoptimized to the end (~10× slower, see scripts/bench).
const PIECE: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hash {
    /// Legacy signatures and old certificates.
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    /// SHAKE256 with 512 bits of output (RFC 8419, for Ed448).
    Shake256,
    Sm3,
}

impl Hash {
    pub const ALL: [Hash; 10] = [
        Hash::Sha1,
        Hash::Sha224,
        Hash::Sha256,
        Hash::Sha384,
        Hash::Sha512,
        Hash::Sha3_256,
        Hash::Sha3_384,
        Hash::Sha3_512,
        Hash::Shake256,
        Hash::Sm3,
    ];

    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Hash::Sha1 => oid::SHA1,
            Hash::Sha224 => oid::SHA224,
            Hash::Sha256 => oid::SHA256,
            Hash::Sha384 => oid::SHA384,
            Hash::Sha512 => oid::SHA512,
            Hash::Sha3_256 => oid::SHA3_256,
            Hash::Sha3_384 => oid::SHA3_384,
            Hash::Sha3_512 => oid::SHA3_512,
            Hash::Shake256 => oid::SHAKE256,
            Hash::Sm3 => oid::SM3,
        }
    }

    /// The hash a digest algorithm OID (DER content bytes) names.
    pub fn from_oid(bytes: &[u8]) -> Option<Hash> {
        Hash::ALL.into_iter().find(|h| oid::is(bytes, h.oid()))
    }

    /// The hash an AlgorithmIdentifier names: its OID, or
    /// id-shake256-len with 512 bits (RFC 8702), as some Ed448 signers
    /// write RFC 8419's SHAKE256.
    pub fn from_algorithm(oid_bytes: &[u8], parameters: Option<&[u8]>) -> Option<Hash> {
        if oid::is(oid_bytes, oid::SHAKE256_LEN) {
            // INTEGER 512.
            return (parameters == Some(&[0x02, 0x02, 0x02, 0x00])).then_some(Hash::Shake256);
        }
        Self::from_oid(oid_bytes)
    }

    /// How algorithm names write it: `SHA256` in `SHA256withRSA`.
    pub fn label(self) -> &'static str {
        match self {
            Hash::Sha1 => "SHA1",
            Hash::Sha224 => "SHA224",
            Hash::Sha256 => "SHA256",
            Hash::Sha384 => "SHA384",
            Hash::Sha512 => "SHA512",
            Hash::Sha3_256 => "SHA3-256",
            Hash::Sha3_384 => "SHA3-384",
            Hash::Sha3_512 => "SHA3-512",
            Hash::Shake256 => "SHAKE256",
            Hash::Sm3 => "SM3",
        }
    }

    /// The WebCrypto name, for the hashes WebCrypto has.
    pub fn webcrypto_name(self) -> Option<&'static str> {
        match self {
            Hash::Sha1 => Some("SHA-1"),
            Hash::Sha256 => Some("SHA-256"),
            Hash::Sha384 => Some("SHA-384"),
            Hash::Sha512 => Some("SHA-512"),
            _ => None,
        }
    }

    /// Output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 | Hash::Sha3_256 | Hash::Sm3 => 32,
            Hash::Sha384 | Hash::Sha3_384 => 48,
            Hash::Sha512 | Hash::Sha3_512 | Hash::Shake256 => 64,
        }
    }

    /// The digest of the concatenated `parts`.
    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut hasher = D::new();
            for piece in parts.iter().flat_map(|part| part.chunks(PIECE)) {
                hasher.update(piece);
            }
            hasher.finalize().to_vec()
        }
        match self {
            Hash::Sha1 => run::<sha1::Sha1>(parts),
            Hash::Sha224 => run::<sha2::Sha224>(parts),
            Hash::Sha256 => run::<sha2::Sha256>(parts),
            Hash::Sha384 => run::<sha2::Sha384>(parts),
            Hash::Sha512 => run::<sha2::Sha512>(parts),
            Hash::Sha3_256 => run::<sha3::Sha3_256>(parts),
            Hash::Sha3_384 => run::<sha3::Sha3_384>(parts),
            Hash::Sha3_512 => run::<sha3::Sha3_512>(parts),
            Hash::Shake256 => shake256(parts),
            Hash::Sm3 => run::<sm3::Sm3>(parts),
        }
    }
}

fn shake256(parts: &[&[u8]]) -> Vec<u8> {
    use shake::digest::{ExtendableOutput, Update, XofReader};
    let mut hasher = shake::Shake256::default();
    for part in parts {
        hasher.update(part);
    }
    let mut out = vec![0; Hash::Shake256.output_len()];
    hasher.finalize_xof().read(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        // FIPS 180 / FIPS 202 / GB/T 32905 "abc" vectors, given in two pieces.
        let abc: &[&[u8]] = &[b"a", b"bc"];
        let cases = [
            (Hash::Sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (Hash::Sha224, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
            (Hash::Sha3_256, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"),
            (Hash::Sm3, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
            (Hash::Shake256, "483366601360a8771c6863080cc4114d8db44530f8f1e1ee4f94ea37e78b5739d5a15bef186a5386c75744c0527e1faa9f8726e462a12a4feb06bd8801e751e4"),
        ];
        for (hash, want) in cases {
            assert_eq!(hex::encode(hash.digest(abc)), want, "{hash:?}");
        }
        for hash in Hash::ALL {
            assert_eq!(hash.digest(abc).len(), hash.output_len(), "{hash:?}");
            assert_eq!(Hash::from_oid(hash.oid().as_bytes()), Some(hash));
        }
    }
}
