//! STUB: replaced by the lead
//!
//! The PDF's own signatures (§6a): the interface the worker, the control
//! and `seal-verify` code against. Placeholder bodies only.

use crate::model::{Seal, Signature};
use crate::pdf;
use crate::verdict::{PdfReport, SealReport};

use super::digest::{Digests, Hash, Ranges};

/// When certificates are checked: at the signing time, or at a given time
/// (seconds since the epoch; "now" is given by the caller: core has no clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidationTime {
    Signing,
    At(i64),
}

/// Trust and time for verifying the PDF's signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfOptions {
    pub roots_pem: Vec<String>,
    pub intermediates_pem: Vec<String>,
    pub at: ValidationTime,
}

/// What WebCrypto should hash before verify_embedded runs: (hash, byte ranges) pairs.
/// Placeholder: [(Hash::Sha256, whole document)] if any seal is a raw ECDSA/RSA seal.
pub fn digest_plan(signature: &Signature, document: &[u8], seals: &[usize]) -> Vec<(Hash, Ranges)> {
    let raw_sha256 = seals
        .iter()
        .filter_map(|&i| signature.seals.get(i))
        .filter(|seal| seal.is_signed() && !is_pdf_signature_seal(seal))
        .filter_map(|seal| seal.algorithm.as_deref())
        .filter_map(super::canonical_algorithm)
        .any(|algorithm| super::check::prehash(algorithm) == Some(Hash::Sha256));
    if raw_sha256 {
        vec![(Hash::Sha256, vec![(0, document.len())])]
    } else {
        Vec::new()
    }
}

/// Is this seal a PDF signature (base64 CMS in `signature`, certificate in
/// `privateKey`)? Those are verified by verify_embedded, not as raw §6 seals.
/// Placeholder: false.
pub fn is_pdf_signature_seal(_seal: &Seal) -> bool {
    false
}

/// Step 2 of the worker: the PDF report with §6a checks, and the verdicts
/// of the seals (among `seals`) that are PDF signatures.
pub struct EmbeddedAnswer {
    pub pdf: Option<PdfReport>,
    pub seals: Vec<SealReport>,
}

/// Placeholder: pdf = Some(pdf::inspect(document)) when within limit and a PDF, seals = [].
pub fn verify_embedded(
    _signature: &Signature,
    document: &[u8],
    limit: u64,
    _seals: &[usize],
    _options: &PdfOptions,
    _digests: &Digests,
) -> EmbeddedAnswer {
    let within = u64::try_from(document.len()).is_ok_and(|n| n <= limit);
    EmbeddedAnswer {
        pdf: (within && pdf::is_pdf(document)).then(|| pdf::inspect(document)),
        seals: Vec::new(),
    }
}
