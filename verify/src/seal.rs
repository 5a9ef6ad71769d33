//! A raw seal (§6): the seal's `signature` over the exact document bytes,
//! with the key in its `privateKey`, under the algorithm it names.
//!
//! - SM2: Z from the distinguishing id `1234567812345678`, as §6 says; a
//!   signature made with another id (OpenSSL's default is the empty one)
//!   is `invalid` here (a PDF signature accepts the empty id with a warning).
//! - ECDSA: a seal's algorithm names its curve too (JOSE: `ES256` is P-256).
//! - An unreadable key or signature is `malformed`; a readable signature
//!   that does not match is `invalid`.

use crate::algorithm::{SignatureAlgorithm, Signed, Verification};
use crate::digest::Digests;
use crate::error::CryptoError;
use crate::key::read_seal_key;
use crate::model::Seal;
use crate::text::decode_base64;
use crate::verdict::{CertificateInfo, SealVerdict, ValidSeal};

/// Longer than the base64 of any signature we support (an 8192-bit RSA
/// signature is 1366 characters); refusing early bounds the work.
const MAX_SIGNATURE_TEXT: usize = 16 * 1024;

/// The seal's algorithm, if we implement it.
pub(crate) fn seal_algorithm(seal: &Seal) -> Option<&'static SignatureAlgorithm> {
    SignatureAlgorithm::for_seal(seal.algorithm.as_deref().unwrap_or(""))
}

/// Verify one seal over the exact document bytes. `digests` gives (or
/// computes once and keeps) the document's digests.
///
/// Order of the answers: no signature → `Unsigned`; unknown or missing
/// algorithm → `Unsupported`; unreadable key or signature (or a key of the
/// wrong kind) → `Malformed`; readable but not matching → `Invalid`.
pub(crate) fn verify_seal(seal: &Seal, document: &[u8], digests: &Digests) -> SealVerdict {
    let Some(signature_text) = seal.signature_text() else {
        return SealVerdict::Unsigned;
    };
    let Some(algorithm) = seal_algorithm(seal) else {
        return SealVerdict::Unsupported {
            algorithm: seal.algorithm.as_deref().unwrap_or("").trim().to_owned(),
        };
    };
    let key = match read_seal_key(seal.public_key_text(), algorithm) {
        Ok(key) => key,
        Err(problem) => return problem.into(),
    };
    let whole = [(0, document.len())];
    let signed = Signed::Ranges {
        document,
        ranges: &whole,
        digests,
    };
    let verified = read_signature(signature_text)
        .and_then(|signature| algorithm.verify(&key.key, &signed, &signature));
    match verified {
        Ok(Verification::Valid) => SealVerdict::Valid(ValidSeal {
            algorithm: algorithm.name.to_owned(),
            key_fingerprint: key.fingerprint,
            certificate: key.certificate.map(|c| CertificateInfo {
                subject: c.info.subject,
                issuer: c.info.issuer,
                not_before: c.info.not_before,
                not_after: c.info.not_after,
            }),
            signer_allowed: signer_allowed(seal),
            pdf_signature: None,
        }),
        // §6 fixes the distinguishing id: another one is another signature.
        Ok(Verification::Invalid | Verification::ValidWithEmptySm2Id) => SealVerdict::Invalid {
            algorithm: algorithm.name.to_owned(),
            key_fingerprint: Some(key.fingerprint),
            pdf_signature: None,
        },
        Err(problem) => problem.into(),
    }
}

/// The signature bytes from the seal's text: base64, standard or URL-safe.
fn read_signature(text: &str) -> Result<Vec<u8>, CryptoError> {
    if text.len() > MAX_SIGNATURE_TEXT {
        return Err(CryptoError::SignatureTooLong(text.len()));
    }
    decode_base64(text).ok_or(CryptoError::SignatureEncoding)
}

/// `Some(account ∈ permission.signers)` when that list names anyone; blank
/// entries do not count. A seal without a signer account is not allowed by a
/// non-empty list.
pub(crate) fn signer_allowed(seal: &Seal) -> Option<bool> {
    let mut allowed = seal
        .allowed_signers()
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .peekable();
    allowed.peek()?;
    let account = seal.signer_account();
    Some(allowed.any(|s| Some(s) == account))
}

/// Seals over messages that are not PDFs: the SM2 standard's example,
/// Wycheproof (fixtures in `verify/tests/seal/` and `verify/tests/vectors/`).
#[cfg(test)]
#[path = "../tests/seal/mod.rs"]
mod message_tests;
