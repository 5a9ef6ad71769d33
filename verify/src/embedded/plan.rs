//! Which digests a verification will need, so that the browser's worker
//! can compute them before the core verifies: with WebCrypto where it can
//! (several times faster than wasm for SHA-2 over 20 MiB, and on another
//! thread), the others (SM3) in wasm while WebCrypto works. Each (hash,
//! ranges) is listed once however many seals or signatures use it.
//!
//! Finding the signatures means reading the PDF (about 15 ms for 20 MiB in
//! the worker); the plan keeps that reading, so step 2
//! ([`super::verify_embedded_planned`]) does not read the file again.

use crate::cms::{self, Contents};
use crate::pdf::{self, Inspection};
use crate::{Hash, Ranges};

use super::check::signed_ranges;

/// The digests worth computing first, and the PDF's reading they came from.
#[derive(Debug)]
pub struct DigestPlan {
    /// The whole document's SHA-256 first (the report names the document
    /// by it, and raw ECDSA/RSA seals sign it), then each CMS signature's
    /// digest over its ByteRange, in any hash (the caller picks those it
    /// can compute faster than the core).
    pub digests: Vec<(Hash, Ranges)>,
    /// `None` when the document was not read: not a PDF, or over the limit.
    pub(super) inspection: Option<Result<Inspection, String>>,
}

/// Plan the digests for verifying `document` with size limit `limit`.
/// Raw seals need nothing beyond the whole document's SHA-256: an SM2
/// seal's digest starts with its Z value, so it is not a digest of the
/// document alone and is left to the core.
pub fn digest_plan(document: &[u8], limit: u64) -> DigestPlan {
    let mut plan = DigestPlan {
        digests: vec![(Hash::Sha256, vec![(0, document.len())])],
        inspection: None,
    };
    let within = u64::try_from(document.len()).is_ok_and(|len| len <= limit);
    if !within || !pdf::is_pdf(document) {
        return plan;
    }
    let inspection = pdf::inspect_signatures(document);
    if let Ok(found) = &inspection {
        for signature in &found.signatures {
            if let Some(needed) = digest_of(signature) {
                if !plan.digests.contains(&needed) {
                    plan.digests.push(needed);
                }
            }
        }
    }
    plan.inspection = Some(inspection);
    plan
}

/// The (hash, ranges) one embedded signature's check will ask for: its
/// signer's digest (or a timestamp token's message imprint hash) over its
/// ByteRange.
fn digest_of(found: &pdf::EmbeddedSignature) -> Option<(Hash, Ranges)> {
    let contents = found.contents.as_deref()?;
    let ranges = signed_ranges(found)?;
    let Ok(Contents::SignedData(sd)) = cms::parse(contents) else {
        return None;
    };
    let signer = sd.signers.first()?;
    let hash = if cms::is_timestamp_token(&sd) {
        sd.content
            .as_deref()
            .and_then(|c| cms::tst_info(c).ok())
            .and_then(|tst| cms::hash_of(&tst.hash_algorithm.oid))
            .or_else(|| cms::hash_of(&signer.digest_algorithm.oid))
    } else {
        cms::hash_of(&signer.digest_algorithm.oid)
    }?;
    Some((hash, ranges))
}
