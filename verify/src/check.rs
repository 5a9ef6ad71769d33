//! The signature check itself, per algorithm. `Ok(true)`: the signature is
//! good over the message; `Ok(false)`: it is readable but does not match (the
//! document changed, or another key signed); `Err`: it cannot be read.
//!
//! ECDSA P-256 and RSA verify over the document's SHA-256 taken from the
//! [`Digests`] table: the browser's worker fills it with WebCrypto (several
//! times faster than wasm), and however many seals there are the document
//! is hashed once. A wrong value in the table can only make a signature
//! fail, never pass: the signature is still checked against it. SM2 (SM3
//! with Z first; WebCrypto has no SM3) and Ed25519 (which signs the message,
//! not a digest) hash the document themselves.

use p256::ecdsa::signature::hazmat::PrehashVerifier;
use sha2::{Digest, Sha256};
use sm2::dsa::signature::MultipartVerifier;

use super::algorithm::Algorithm;
use super::digest::{Digests, Hash};
use super::error::Problem;
use super::key_info::KeyMaterial;
use super::signature_bytes::{read_ec_signature, EcSignature};

/// The document is hashed in pieces of this size. Same result as one
/// piece; but in the browser a fresh worker starts as unoptimized wasm, and
/// V8 only swaps in the optimized hash function between calls: one call
/// over 20 MiB ran unoptimized to the end (~10× slower, see scripts/bench).
const PIECE: usize = 256 * 1024;

fn pieces(message: &[u8]) -> Vec<&[u8]> {
    message.chunks(PIECE).collect()
}

/// Verify `signature` over `message` with `key` under `algorithm`. The key
/// has already been checked to fit the algorithm. `digests` gives (or
/// computes once and keeps) the message's SHA-256.
pub(crate) fn check(
    key: &KeyMaterial,
    algorithm: Algorithm,
    signature: &[u8],
    message: &[u8],
    digests: &Digests,
) -> Result<bool, Problem> {
    let sha256 = || digests.of_whole(Hash::Sha256, message);
    match (algorithm, key) {
        (Algorithm::Sm2WithSm3, KeyMaterial::Sm2(key)) => sm2_with_sm3(key, signature, message),
        (Algorithm::EcdsaP256Sha256, KeyMaterial::P256(key)) => {
            ecdsa_p256(key, signature, &sha256())
        }
        (
            Algorithm::RsaPkcs1Sha256,
            KeyMaterial::Rsa {
                key,
                pss_only: false,
            },
        ) => {
            rsa_signature_length(key, signature)?;
            let scheme = rsa::Pkcs1v15Sign::new::<Sha256>();
            Ok(key.verify(scheme, &sha256(), signature).is_ok())
        }
        (Algorithm::RsaPssSha256, KeyMaterial::Rsa { key, .. }) => {
            rsa_signature_length(key, signature)?;
            // Salt length detected from the signature: OpenSSL signs with the
            // longest salt by default, most other signers with 32 bytes; the
            // salt length adds nothing to what the signature proves.
            let scheme = rsa::Pss {
                blinded: false,
                digest: Sha256::new(),
                salt_len: None,
            };
            Ok(key.verify(scheme, &sha256(), signature).is_ok())
        }
        (Algorithm::Ed25519, KeyMaterial::Ed25519(key)) => ed25519(key, signature, message),
        // `key_info::read_spki` refuses these pairs; answer the same way
        // rather than trust that from afar.
        (algorithm, _) => Err(Problem::KeyMismatch {
            key: "another kind of key",
            algorithm: algorithm.canonical_name(),
            needs: "the matching kind",
        }),
    }
}

fn sm2_with_sm3(
    key: &sm2::dsa::VerifyingKey,
    signature: &[u8],
    message: &[u8],
) -> Result<bool, Problem> {
    let EcSignature::Scalars { r, s } = read_ec_signature(signature, "SM2")? else {
        return Ok(false);
    };
    // r or s zero or not below n: a readable signature that no key made.
    let Ok(signature) = sm2::dsa::Signature::from_scalars(r, s) else {
        return Ok(false);
    };
    Ok(key.multipart_verify(&pieces(message), &signature).is_ok())
}

fn ecdsa_p256(
    key: &p256::ecdsa::VerifyingKey,
    signature: &[u8],
    sha256: &[u8],
) -> Result<bool, Problem> {
    let EcSignature::Scalars { r, s } = read_ec_signature(signature, "ECDSA")? else {
        return Ok(false);
    };
    let Ok(signature) = p256::ecdsa::Signature::from_scalars(r, s) else {
        return Ok(false);
    };
    // High-S signatures are accepted: OpenSSL and most signers do not
    // normalize s, and ECDSA itself does not require it.
    Ok(key.verify_prehash(sha256, &signature).is_ok())
}

fn rsa_signature_length(key: &rsa::RsaPublicKey, signature: &[u8]) -> Result<(), Problem> {
    use rsa::traits::PublicKeyParts;
    let expected = key.size();
    if signature.len() == expected {
        Ok(())
    } else {
        Err(Problem::SignatureLength {
            len: signature.len(),
            expected,
        })
    }
}

fn ed25519(
    key: &ed25519_dalek::VerifyingKey,
    signature: &[u8],
    message: &[u8],
) -> Result<bool, Problem> {
    let bytes: &[u8; 64] = signature
        .try_into()
        .map_err(|_| Problem::Ed25519Length(signature.len()))?;
    let signature = ed25519_dalek::Signature::from_bytes(bytes);
    // Strict: refuses small-order keys and non-canonical encodings, which
    // honest signers (OpenSSL included) never produce.
    Ok(key.verify_strict(message, &signature).is_ok())
}
