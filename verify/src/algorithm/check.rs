//! The check functions of the table, one per scheme. RSA and ECDSA verify
//! over a digest, which for document ranges comes from the [`Digests`]
//! table (the browser's worker fills it with WebCrypto; a wrong value there
//! can only make a signature fail, never pass). SM2 (SM3 with Z first) and
//! EdDSA (which signs the message, not a digest) read the message itself.

use rsa::traits::PublicKeyParts;
use sha2::digest::{Digest, FixedOutputReset};
use sm2::dsa::signature::MultipartVerifier;

use super::ec_value::{ec_value, EcValue};
use super::{Scheme, SignatureAlgorithm, Verification};
use crate::digest::{slices, Digests};
use crate::error::CryptoError;
use crate::hash::Hash;
use crate::key::{ecdsa_prehash, PublicKey};

/// What a signature is over.
#[derive(Debug, Clone, Copy)]
pub enum Signed<'a> {
    /// The message in one piece.
    Bytes(&'a [u8]),
    /// The message in pieces (signed attributes, a TBSCertificate).
    Pieces(&'a [&'a [u8]]),
    /// Ranges of the document, whose digests the table may already know.
    Ranges {
        document: &'a [u8],
        ranges: &'a [(usize, usize)],
        digests: &'a Digests,
    },
}

impl Signed<'_> {
    /// The message's digest; `None` when a range lies outside the document.
    pub fn digest(&self, hash: Hash) -> Option<Vec<u8>> {
        match self {
            Signed::Bytes(bytes) => Some(hash.digest(&[bytes])),
            Signed::Pieces(parts) => Some(hash.digest(parts)),
            Signed::Ranges {
                document,
                ranges,
                digests,
            } => digests.of(hash, document, ranges),
        }
    }

    fn pieces(&self) -> Option<Vec<&[u8]>> {
        match self {
            Signed::Bytes(bytes) => Some(vec![*bytes]),
            Signed::Pieces(parts) => Some(parts.to_vec()),
            Signed::Ranges {
                document, ranges, ..
            } => slices(document, ranges),
        }
    }

    /// The message in one piece (EdDSA reads it twice): borrowed when it
    /// is one already, joined otherwise.
    fn joined(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        let pieces = self.pieces()?;
        Some(match pieces.as_slice() {
            [one] => std::borrow::Cow::Borrowed(*one),
            _ => std::borrow::Cow::Owned(pieces.concat()),
        })
    }
}

fn valid_if(ok: bool) -> Verification {
    if ok {
        Verification::Valid
    } else {
        Verification::Invalid
    }
}

fn wrong_key(algorithm: &SignatureAlgorithm, key: &PublicKey) -> CryptoError {
    CryptoError::KeyMismatch {
        key: format!("a {} key", key.name()),
        algorithm: algorithm.name,
        needs: "another kind of key",
    }
}

fn rsa_key<'k>(
    algorithm: &SignatureAlgorithm,
    key: &'k PublicKey,
    signature: &[u8],
) -> Result<&'k rsa::RsaPublicKey, CryptoError> {
    let PublicKey::Rsa { key, .. } = key else {
        return Err(wrong_key(algorithm, key));
    };
    let expected = key.size();
    if signature.len() != expected {
        return Err(CryptoError::SignatureLength {
            len: signature.len(),
            expected,
        });
    }
    Ok(key)
}

/// Runs `$body` with `$D` standing for the RustCrypto type of the
/// algorithm's hash: the rsa crate takes the hash as a type, our table
/// names it as a value, and this is the one place one becomes the other.
macro_rules! with_digest_type {
    ($algorithm:expr, |$D:ident| $body:expr) => {
        match $algorithm.hash {
            Hash::Sha1 => {
                type $D = sha1::Sha1;
                $body
            }
            Hash::Sha224 => {
                type $D = sha2::Sha224;
                $body
            }
            Hash::Sha256 => {
                type $D = sha2::Sha256;
                $body
            }
            Hash::Sha384 => {
                type $D = sha2::Sha384;
                $body
            }
            Hash::Sha512 => {
                type $D = sha2::Sha512;
                $body
            }
            Hash::Sha3_256 => {
                type $D = sha3::Sha3_256;
                $body
            }
            Hash::Sha3_384 => {
                type $D = sha3::Sha3_384;
                $body
            }
            Hash::Sha3_512 => {
                type $D = sha3::Sha3_512;
                $body
            }
            Hash::Shake256 | Hash::Sm3 => return Err(unsupported($algorithm)),
        }
    };
}

pub(super) fn rsa_pkcs1(
    algorithm: &SignatureAlgorithm,
    key: &PublicKey,
    signed: &Signed<'_>,
    signature: &[u8],
) -> Result<Verification, CryptoError> {
    rsa(algorithm, key, signed, signature, RsaPadding::Pkcs1)
}

pub(super) fn rsa_pss(
    algorithm: &SignatureAlgorithm,
    key: &PublicKey,
    signed: &Signed<'_>,
    signature: &[u8],
) -> Result<Verification, CryptoError> {
    rsa(algorithm, key, signed, signature, RsaPadding::Pss)
}

#[derive(Clone, Copy)]
enum RsaPadding {
    Pkcs1,
    Pss,
}

fn rsa(
    algorithm: &SignatureAlgorithm,
    key: &PublicKey,
    signed: &Signed<'_>,
    signature: &[u8],
    padding: RsaPadding,
) -> Result<Verification, CryptoError> {
    let key = rsa_key(algorithm, key, signature)?;
    let Some(digest) = signed.digest(algorithm.hash) else {
        return Ok(Verification::Invalid);
    };
    let ok = with_digest_type!(algorithm, |D| match padding {
        RsaPadding::Pkcs1 => key
            .verify(rsa::Pkcs1v15Sign::new::<D>(), &digest, signature)
            .is_ok(),
        RsaPadding::Pss => pss::<D>(key, &digest, signature),
    });
    Ok(valid_if(ok))
}

/// PSS with the salt length read from the signature: OpenSSL signs with the
/// longest salt by default, most others with the hash length; the salt
/// length adds nothing to what the signature proves.
fn pss<D: Digest + FixedOutputReset>(
    key: &rsa::RsaPublicKey,
    digest: &[u8],
    signature: &[u8],
) -> bool {
    let scheme = rsa::Pss::<D> {
        blinded: false,
        digest: D::new(),
        salt_len: None,
    };
    key.verify(scheme, digest, signature).is_ok()
}

fn unsupported(algorithm: &SignatureAlgorithm) -> CryptoError {
    CryptoError::Unsupported(algorithm.name.to_owned())
}

pub(super) fn ecdsa(
    algorithm: &SignatureAlgorithm,
    key: &PublicKey,
    signed: &Signed<'_>,
    signature: &[u8],
) -> Result<Verification, CryptoError> {
    let PublicKey::Ec { curve, point } = key else {
        return Err(wrong_key(algorithm, key));
    };
    let plain = algorithm.scheme == Scheme::PlainEcdsa;
    let EcValue::Scalars(rs) = ec_value(signature, curve.scalar_len(), plain, "ECDSA")? else {
        return Ok(Verification::Invalid);
    };
    let Some(digest) = signed.digest(algorithm.hash) else {
        return Ok(Verification::Invalid);
    };
    // r or s zero or not below n: the crates refuse it, and it is a
    // readable signature that no key made (invalid, not malformed).
    Ok(valid_if(ecdsa_prehash(*curve, point, &digest, &rs)))
}

pub(super) fn sm2(
    algorithm: &SignatureAlgorithm,
    key: &PublicKey,
    signed: &Signed<'_>,
    signature: &[u8],
) -> Result<Verification, CryptoError> {
    let PublicKey::Sm2 { point } = key else {
        return Err(wrong_key(algorithm, key));
    };
    let EcValue::Scalars(rs) = ec_value(signature, 32, false, "SM2")? else {
        return Ok(Verification::Invalid);
    };
    let Ok(signature) = sm2::dsa::Signature::from_slice(&rs) else {
        return Ok(Verification::Invalid);
    };
    let Some(message) = signed.pieces() else {
        return Ok(Verification::Invalid);
    };
    let with = |id: &str| {
        sm2::dsa::VerifyingKey::from_sec1_bytes(id, point)
            .is_ok_and(|key| key.multipart_verify(&message, &signature).is_ok())
    };
    Ok(if with(crate::SM2_DISTINGUISHING_ID) {
        Verification::Valid
    } else if with("") {
        Verification::ValidWithEmptySm2Id
    } else {
        Verification::Invalid
    })
}

pub(super) fn ed25519(
    algorithm: &SignatureAlgorithm,
    key: &PublicKey,
    signed: &Signed<'_>,
    signature: &[u8],
) -> Result<Verification, CryptoError> {
    let PublicKey::Ed25519(key) = key else {
        return Err(wrong_key(algorithm, key));
    };
    let bytes: &[u8; 64] = signature
        .try_into()
        .map_err(|_| CryptoError::SignatureSize {
            algorithm: "Ed25519",
            len: signature.len(),
            expected: 64,
        })?;
    let Some(message) = signed.joined() else {
        return Ok(Verification::Invalid);
    };
    let signature = ed25519_dalek::Signature::from_bytes(bytes);
    // Strict: refuses small-order keys and non-canonical encodings, which
    // honest signers (OpenSSL included) never produce.
    Ok(valid_if(key.verify_strict(&message, &signature).is_ok()))
}

pub(super) fn ed448(
    algorithm: &SignatureAlgorithm,
    key: &PublicKey,
    signed: &Signed<'_>,
    signature: &[u8],
) -> Result<Verification, CryptoError> {
    let PublicKey::Ed448(key) = key else {
        return Err(wrong_key(algorithm, key));
    };
    let signature = ed448_goldilocks::Signature::try_from(signature).map_err(|_| {
        CryptoError::SignatureSize {
            algorithm: "Ed448",
            len: signature.len(),
            expected: 114,
        }
    })?;
    let Some(message) = signed.joined() else {
        return Ok(Verification::Invalid);
    };
    Ok(valid_if(key.verify_raw(&signature, &message).is_ok()))
}
