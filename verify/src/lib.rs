//! Verifying seals over the document bytes (spec §6). Verify-only, no
//! randomness, no clock: runs natively and in wasm, and never panics on what
//! a seal or a document contains (anything unreadable is `malformed`).
//!
//! - [`verify_seal`]: one seal against the document bytes.
//! - [`verify_document`] / [`verify_seals`]: the whole run the control, the
//!   worker and `seal-verify` do: size limit, PDF check, every seal, and what
//!   the PDF itself says.
//! - [`canonical_algorithm`]: the algorithm a seal names, with its aliases.
//!
//! Decisions worth knowing:
//!
//! - SM2: Z is computed with the distinguishing id `1234567812345678`
//!   ([`SM2_DISTINGUISHING_ID`]), as spec §6 says; signatures made with
//!   another id (OpenSSL's default without `-sigopt distid:…` is another) are
//!   `invalid`.
//! - RSA-PSS: the salt length is read from the signature (auto), so both
//!   OpenSSL's default (the longest salt) and the usual 32 bytes verify;
//!   MGF1 and the message hash are SHA-256. An id-RSASSA-PSS key may only be
//!   used with PSS.
//! - ECDSA: high-S signatures are valid (ECDSA does not require low S, and
//!   OpenSSL makes high-S signatures half of the time). DER must be strict;
//!   exactly 64 bytes that are not DER are read as raw `r‖s`. Readable
//!   numbers out of range (r or s zero, ≥ n, wider than 32 bytes) are
//!   `invalid`, not `malformed`.
//! - Ed25519: strict verification (no small-order keys, canonical S).
//! - A missing algorithm is `Unsupported { algorithm: "" }`.
//! - Certificates are read, not trusted: their own signature, chain, validity
//!   against the current time (the core has no clock) and revocation are not
//!   checked. Subject, issuer and validity are reported so that the user or
//!   the host can judge them. A PEM chain is read as its first certificate.

// The model and the report types live in the core, which the control
// shares without any of the crypto below.
pub(crate) use infoplus_signature_core::{model, verdict, verdict_pdf};

mod algorithm;
mod certificate;
mod check;
pub mod cms;
mod digest;
mod document;
pub mod embedded;
mod error;
mod key;
mod key_info;
pub mod pdf;
pub mod pki;
mod signature_bytes;
mod text;
pub mod time;

pub use algorithm::{canonical_algorithm, Algorithm};
pub use digest::{Digests, Hash, Ranges};
pub use document::{
    report_without_document, seals_by_document_sha256, verify_document, verify_seal_verdicts,
    verify_seal_verdicts_with, verify_seals, DEFAULT_MAX_DOCUMENT_BYTES,
};

use crate::model::Seal;
use crate::verdict::{SealVerdict, ValidSeal};

/// The distinguishing id SM2 signatures are checked with (spec §6).
pub const SM2_DISTINGUISHING_ID: &str = key_info::SM2_DISTID;

/// Verify one seal over the exact document bytes.
///
/// Order of the answers: no signature → `Unsigned`; unknown or missing
/// algorithm → `Unsupported`; unreadable key or signature (or a key of the
/// wrong kind) → `Malformed`; readable but not matching → `Invalid`.
pub fn verify_seal(seal: &Seal, document: &[u8]) -> SealVerdict {
    verify_seal_with(seal, document, &Digests::new())
}

/// [`verify_seal`] with the document's digests from (and kept in)
/// `digests`: several seals, or WebCrypto, share one hashing.
pub fn verify_seal_with(seal: &Seal, document: &[u8], digests: &Digests) -> SealVerdict {
    let Some(signature_text) = seal.signature_text() else {
        return SealVerdict::Unsigned;
    };
    let named = seal.algorithm.as_deref().unwrap_or("").trim();
    let Some(algorithm) = canonical_algorithm(named) else {
        return SealVerdict::Unsupported {
            algorithm: named.to_owned(),
        };
    };
    let key = match key::read_public_key(seal.public_key.as_deref(), algorithm) {
        Ok(key) => key,
        Err(problem) => return problem.into(),
    };
    let verified = signature_bytes::read_signature(signature_text).and_then(|signature| {
        check::check(&key.material, algorithm, &signature, document, digests)
    });
    match verified {
        Ok(true) => SealVerdict::Valid(ValidSeal {
            algorithm: algorithm.canonical_name().to_owned(),
            key_fingerprint: key.fingerprint,
            certificate: key.certificate,
            signer_allowed: signer_allowed(seal),
            pdf_signature: None,
        }),
        Ok(false) => SealVerdict::Invalid {
            algorithm: algorithm.canonical_name().to_owned(),
            key_fingerprint: Some(key.fingerprint),
            pdf_signature: None,
        },
        Err(problem) => problem.into(),
    }
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
