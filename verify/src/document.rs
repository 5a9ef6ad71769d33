//! The whole verification run over one document: size limit, PDF check,
//! every seal, and what the PDF itself says (spec §6).

use crate::model::Signature;
use crate::pdf;
use crate::verdict::{SealVerdict, VerifyReport};

use super::algorithm::{canonical_algorithm, Algorithm};
use super::digest::Digests;
use super::embedded::is_pdf_signature_seal;
use super::verify_seal_with;

pub use crate::verdict::DEFAULT_MAX_DOCUMENT_BYTES;

/// Verify every seal of `signature` against `document`.
///
/// - larger than `limit` → every signed seal is `TooLarge` (nothing is read);
/// - not a PDF → every signed seal is `NotPdf`;
/// - otherwise each seal's own verdict, and `pdf` says what the file holds.
///
/// Unsigned seals are `Unsigned` in every case.
pub fn verify_document(signature: &Signature, document: &[u8], limit: u64) -> VerifyReport {
    let every: Vec<usize> = (0..signature.seals.len()).collect();
    verify_seals(signature, document, limit, &every)
}

/// Like [`verify_document`], for the seals at `seals` only (the control
/// verifies the one seal the user asked about). Indices that name no seal are
/// skipped; the report keeps the order given.
pub fn verify_seals(
    signature: &Signature,
    document: &[u8],
    limit: u64,
    seals: &[usize],
) -> VerifyReport {
    let mut report = verify_seal_verdicts(signature, document, limit, seals);
    if refusal(document, limit).is_none() {
        report.pdf = Some(pdf::inspect(document));
    }
    report
}

/// The seals' verdicts alone, without reading the PDF (`pdf` is `None`).
/// The browser's verify worker answers with these first and reads the PDF
/// afterwards: reading a hostile PDF is the risky part, and if it brings
/// the worker down the verdicts are already out.
pub fn verify_seal_verdicts(
    signature: &Signature,
    document: &[u8],
    limit: u64,
    seals: &[usize],
) -> VerifyReport {
    verify_seal_verdicts_with(signature, document, limit, seals, &Digests::new())
}

/// [`verify_seal_verdicts`] with the document's digests from `digests`
/// (the worker fills it with WebCrypto first). Seals that are PDF
/// signatures (§6a) are left out: `verify::embedded` answers for them —
/// unless the document is refused (too large, not a PDF), which is every
/// seal's answer.
pub fn verify_seal_verdicts_with(
    signature: &Signature,
    document: &[u8],
    limit: u64,
    seals: &[usize],
    digests: &Digests,
) -> VerifyReport {
    let raw: Vec<usize> = seals
        .iter()
        .copied()
        .filter(|&i| {
            signature
                .seals
                .get(i)
                .is_some_and(|seal| !is_pdf_signature_seal(seal))
        })
        .collect();
    match refusal(document, limit) {
        Some(refusal) => VerifyReport::without_document(signature, seals, refusal),
        None => VerifyReport::of_seals(
            signature,
            &raw,
            |seal| verify_seal_with(seal, document, digests),
            None,
        ),
    }
}

/// `seals` in two groups, each in the order given: those whose check
/// hashes the document itself (SM2, which signs SM3(Z ‖ M); Ed25519, which
/// signs the message), and the others, which take the document's SHA-256
/// from [`Digests`]. The worker checks the first group while that SHA-256
/// is still being computed on another thread. A seal whose algorithm is
/// unknown goes with the second: it needs nothing, but waits harmlessly.
pub fn seals_by_document_sha256(
    signature: &Signature,
    seals: &[usize],
) -> (Vec<usize>, Vec<usize>) {
    seals.iter().partition(|&&i| {
        signature
            .seals
            .get(i)
            .and_then(|seal| seal.algorithm.as_deref())
            .and_then(canonical_algorithm)
            .is_some_and(|a| matches!(a, Algorithm::Sm2WithSm3 | Algorithm::Ed25519))
    })
}

/// The report when the document is not there to verify: every signed seal
/// gets `reason` (`Unavailable` when it could not be fetched, `TooLarge` when
/// its announced size is over the limit, so it need not be downloaded),
/// unsigned seals stay `Unsigned`, and there is no PDF report.
pub fn report_without_document(signature: &Signature, reason: SealVerdict) -> VerifyReport {
    let every: Vec<usize> = (0..signature.seals.len()).collect();
    VerifyReport::without_document(signature, &every, reason)
}

/// Why the document is not verified at all, if it is not.
fn refusal(document: &[u8], limit: u64) -> Option<SealVerdict> {
    let size = u64::try_from(document.len()).unwrap_or(u64::MAX);
    if size > limit {
        return Some(SealVerdict::TooLarge {
            limit,
            size: Some(size),
        });
    }
    if !pdf::is_pdf(document) {
        return Some(SealVerdict::NotPdf {
            detail: "the document does not start with a PDF header (%PDF-)".to_owned(),
        });
    }
    None
}
