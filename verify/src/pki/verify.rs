//! A signature checked with the key of a SubjectPublicKeyInfo.
//!
//! Decisions:
//! - A key that cannot be read, or of another kind than the algorithm needs
//!   (an RSA key for ECDSA, a P-384 key for SM2, an id-RSASSA-PSS key for
//!   PKCS#1 v1.5), is `Err`: nothing can be said about the signature.
//! - A signature value of the wrong shape (an RSA signature of another
//!   length than the modulus, ECDSA that is neither DER nor raw `r‖s`, an
//!   Ed25519 signature that is not 64 bytes) is `Invalid`: the key is fine
//!   and these bytes are simply not a signature by it.
//! - ECDSA: high-S accepted; DER must be strict; any SHA-2 hash on either
//!   curve (the digest is truncated to the order's size, FIPS 186-4).
//! - SM2: Z from `1234567812345678` (GM/T 0009), then from the empty id
//!   (OpenSSL 3.0's default), which is `ValidWithEmptySm2Id`.

use rsa::traits::PublicKeyParts;
use sha2::digest::{Digest, FixedOutputReset};
use sm2::dsa::signature::hazmat::PrehashVerifier;
use sm2::dsa::signature::MultipartVerifier;
use spki::der::Decode;
use spki::SubjectPublicKeyInfoRef;

use super::algorithm::{SignatureAlgorithm, EC_PUBLIC_KEY, ED25519, P256, P384, RSASSA_PSS};
use super::algorithm::{RSA_ENCRYPTION, SM2};
use super::ec_signature::ec_scalars;
use super::error::PkiError;
use crate::Hash;

/// The distinguishing id of GM/T 0009, tried first for SM2.
pub const SM2_DEFAULT_ID: &str = "1234567812345678";

/// What a signature check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    Valid,
    /// Valid only with Z computed from the empty distinguishing id.
    ValidWithEmptySm2Id,
    Invalid,
}

fn valid_if(ok: bool) -> Verification {
    if ok {
        Verification::Valid
    } else {
        Verification::Invalid
    }
}

/// A key ready to verify with.
enum Key {
    /// `pss_only`: the SPKI said id-RSASSA-PSS (RFC 4055 §1.2).
    Rsa {
        key: rsa::RsaPublicKey,
        pss_only: bool,
    },
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    /// The SEC1 point; the verifying key depends on the distinguishing id.
    Sm2(Vec<u8>),
    Ed25519(ed25519_dalek::VerifyingKey),
}

impl Key {
    fn described(&self) -> &'static str {
        match self {
            Key::Rsa { pss_only: true, .. } => "an RSA-PSS key",
            Key::Rsa { .. } => "an RSA key",
            Key::P256(_) => "a P-256 key",
            Key::P384(_) => "a P-384 key",
            Key::Sm2(_) => "an SM2 key",
            Key::Ed25519(_) => "an Ed25519 key",
        }
    }
}

fn read_key(spki_der: &[u8]) -> Result<Key, PkiError> {
    let info = SubjectPublicKeyInfoRef::from_der(spki_der)
        .map_err(|e| PkiError::Key(format!("SubjectPublicKeyInfo: {e}")))?;
    let bits = info
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| PkiError::Key("the key's BIT STRING has unused bits".to_owned()))?;
    let oid = info.algorithm.oid;
    let bad = |what: &str| PkiError::Key(what.to_owned());
    if oid == RSA_ENCRYPTION || oid == RSASSA_PSS {
        use rsa::pkcs1::DecodeRsaPublicKey;
        let key = rsa::RsaPublicKey::from_pkcs1_der(bits)
            .map_err(|e| PkiError::Key(format!("RSA: {e}")))?;
        return Ok(Key::Rsa {
            key,
            pss_only: oid == RSASSA_PSS,
        });
    }
    if oid == ED25519 {
        let bytes: [u8; 32] = bits
            .try_into()
            .map_err(|_| bad("an Ed25519 key that is not 32 bytes"))?;
        return ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .map(Key::Ed25519)
            .map_err(|_| bad("an Ed25519 key that is not a curve point"));
    }
    // Older tools write the SM2 OID as the key algorithm itself.
    let curve = if oid == SM2 {
        SM2
    } else if oid == EC_PUBLIC_KEY {
        info.algorithm
            .parameters_oid()
            .map_err(|_| bad("an EC key without a named curve"))?
    } else {
        return Err(PkiError::Unsupported(format!("a {oid} key")));
    };
    match curve {
        c if c == P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(bits)
            .map(Key::P256)
            .map_err(|_| bad("not a point on P-256")),
        c if c == P384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(bits)
            .map(Key::P384)
            .map_err(|_| bad("not a point on P-384")),
        c if c == SM2 => sm2::dsa::VerifyingKey::from_sec1_bytes(SM2_DEFAULT_ID, bits)
            .map(|_| Key::Sm2(bits.to_vec()))
            .map_err(|_| bad("not a point on the SM2 curve")),
        other => Err(PkiError::Unsupported(format!("an EC key on curve {other}"))),
    }
}

/// The key of `spki_der`, if it fits `algorithm`.
fn key_for(spki_der: &[u8], algorithm: &SignatureAlgorithm) -> Result<Key, PkiError> {
    let key = read_key(spki_der)?;
    let fits = matches!(
        (algorithm, &key),
        (
            SignatureAlgorithm::RsaPkcs1(_),
            Key::Rsa {
                pss_only: false,
                ..
            }
        ) | (SignatureAlgorithm::RsaPss(_), Key::Rsa { .. })
            | (SignatureAlgorithm::Ecdsa(_), Key::P256(_) | Key::P384(_))
            | (SignatureAlgorithm::Sm2Sm3, Key::Sm2(_))
            | (SignatureAlgorithm::Ed25519, Key::Ed25519(_))
    );
    if fits {
        return Ok(key);
    }
    Err(PkiError::KeyMismatch {
        key: key.described(),
        algorithm: algorithm.canonical_name(),
        needs: match algorithm {
            SignatureAlgorithm::RsaPkcs1(_) => "an RSA (rsaEncryption) key",
            SignatureAlgorithm::RsaPss(_) => "an RSA key",
            SignatureAlgorithm::Ecdsa(_) => "a P-256 or P-384 key",
            SignatureAlgorithm::Sm2Sm3 => "an SM2 key",
            SignatureAlgorithm::Ed25519 => "an Ed25519 key",
        },
    })
}

/// Verify `signature` over the concatenation of `message`.
pub fn verify_message(
    spki_der: &[u8],
    algorithm: &SignatureAlgorithm,
    message: &[&[u8]],
    signature: &[u8],
) -> Result<Verification, PkiError> {
    let key = key_for(spki_der, algorithm)?;
    match (&key, algorithm.hash()) {
        (Key::Sm2(point), _) => Ok(sm2_message(point, message, signature)),
        (Key::Ed25519(key), _) => {
            let Ok(bytes) = <&[u8; 64]>::try_from(signature) else {
                return Ok(Verification::Invalid);
            };
            // Pure Ed25519 reads the message twice (R, then the challenge):
            // ed25519-dalek has no streaming form, so the pieces are joined.
            let whole = message.concat();
            let signature = ed25519_dalek::Signature::from_bytes(bytes);
            // Strict: no small-order keys, canonical S; honest signers
            // (OpenSSL included) never produce anything else.
            Ok(valid_if(key.verify_strict(&whole, &signature).is_ok()))
        }
        (_, Some(hash)) => Ok(prehashed(&key, algorithm, &hash.digest(message), signature)),
        (_, None) => Err(PkiError::Unsupported(algorithm.canonical_name())),
    }
}

/// Verify `signature` over a message whose digest is already known (RSA
/// and ECDSA only: SM2 hashes Z first and Ed25519 hashes internally).
pub fn verify_digest(
    spki_der: &[u8],
    algorithm: &SignatureAlgorithm,
    digest: &[u8],
    signature: &[u8],
) -> Result<Verification, PkiError> {
    let hash = match algorithm {
        SignatureAlgorithm::RsaPkcs1(h)
        | SignatureAlgorithm::RsaPss(h)
        | SignatureAlgorithm::Ecdsa(h) => *h,
        SignatureAlgorithm::Sm2Sm3 | SignatureAlgorithm::Ed25519 => {
            return Err(PkiError::Unsupported(format!(
                "{} over a precomputed digest",
                algorithm.canonical_name()
            )))
        }
    };
    if digest.len() != hash.output_len() {
        return Err(PkiError::Parameters(format!(
            "a digest of {} bytes for {}",
            digest.len(),
            algorithm.canonical_name()
        )));
    }
    let key = key_for(spki_der, algorithm)?;
    Ok(prehashed(&key, algorithm, digest, signature))
}

fn prehashed(
    key: &Key,
    algorithm: &SignatureAlgorithm,
    digest: &[u8],
    signature: &[u8],
) -> Verification {
    match (key, algorithm) {
        (Key::Rsa { key, .. }, SignatureAlgorithm::RsaPkcs1(hash)) => {
            let scheme = match hash {
                Hash::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
                Hash::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                Hash::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
                Hash::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
                Hash::Sm3 => return Verification::Invalid,
            };
            valid_if(key.size() == signature.len() && key.verify(scheme, digest, signature).is_ok())
        }
        (Key::Rsa { key, .. }, SignatureAlgorithm::RsaPss(hash)) => {
            let ok = key.size() == signature.len()
                && match hash {
                    Hash::Sha1 => pss::<sha1::Sha1>(key, digest, signature),
                    Hash::Sha256 => pss::<sha2::Sha256>(key, digest, signature),
                    Hash::Sha384 => pss::<sha2::Sha384>(key, digest, signature),
                    Hash::Sha512 => pss::<sha2::Sha512>(key, digest, signature),
                    Hash::Sm3 => false,
                };
            valid_if(ok)
        }
        (Key::P256(key), _) => {
            let Some(rs) = ec_scalars(signature, 32) else {
                return Verification::Invalid;
            };
            let Ok(signature) = p256::ecdsa::Signature::from_slice(&rs) else {
                return Verification::Invalid;
            };
            // High-S accepted: OpenSSL does not normalize s.
            valid_if(key.verify_prehash(digest, &signature).is_ok())
        }
        (Key::P384(key), _) => {
            let Some(rs) = ec_scalars(signature, 48) else {
                return Verification::Invalid;
            };
            let Ok(signature) = p384::ecdsa::Signature::from_slice(&rs) else {
                return Verification::Invalid;
            };
            valid_if(key.verify_prehash(digest, &signature).is_ok())
        }
        _ => Verification::Invalid,
    }
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

fn sm2_message(point: &[u8], message: &[&[u8]], signature: &[u8]) -> Verification {
    let Some(rs) = ec_scalars(signature, 32) else {
        return Verification::Invalid;
    };
    let Ok(signature) = sm2::dsa::Signature::from_slice(&rs) else {
        return Verification::Invalid;
    };
    let with = |id: &str| {
        sm2::dsa::VerifyingKey::from_sec1_bytes(id, point)
            .is_ok_and(|key| key.multipart_verify(message, &signature).is_ok())
    };
    if with(SM2_DEFAULT_ID) {
        Verification::Valid
    } else if with("") {
        Verification::ValidWithEmptySm2Id
    } else {
        Verification::Invalid
    }
}
