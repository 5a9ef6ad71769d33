//! Which digests a verification will need, so that the browser's worker
//! can compute them with WebCrypto first (several times faster than wasm
//! for SHA-2 over 20 MiB) and hand them over in a `Digests` table. Each
//! (hash, ranges) is listed once however many seals or signatures use it.

use crate::model::Signature;
use crate::pdf;
use crate::verify::cms::{self, Contents};
use crate::verify::{Hash, Ranges};

use super::check::signed_ranges;

/// The (hash, ranges) pairs worth computing outside: the whole document's
/// SHA-256 (the report names the document by it, and raw ECDSA/RSA seals
/// sign it), and each CMS signature's digest over its ByteRange. Hashes
/// WebCrypto lacks (SM3) are left out: the core computes those. The
/// Signature and seal list are taken for seals that may name other
/// hashes later; today every raw seal hashes with SHA-256 or by itself.
pub fn digest_plan(
    _signature: &Signature,
    document: &[u8],
    _seals: &[usize],
) -> Vec<(Hash, Ranges)> {
    let mut plan: Vec<(Hash, Ranges)> = vec![(Hash::Sha256, vec![(0, document.len())])];
    if !pdf::is_pdf(document) {
        return plan;
    }
    let Ok(inspection) = pdf::inspect_signatures(document) else {
        return plan;
    };
    for found in &inspection.signatures {
        let (Some(contents), Some(ranges)) = (found.contents.as_deref(), signed_ranges(found))
        else {
            continue;
        };
        let Ok(Contents::SignedData(sd)) = cms::parse(contents) else {
            continue;
        };
        let hash = match sd.signers.first() {
            Some(signer) if cms::is_timestamp_token(&sd) => sd
                .content
                .as_deref()
                .and_then(|c| cms::tst_info(c).ok())
                .and_then(|tst| cms::hash_of(&tst.hash_algorithm.oid))
                .or_else(|| cms::hash_of(&signer.digest_algorithm.oid)),
            Some(signer) => cms::hash_of(&signer.digest_algorithm.oid),
            None => None,
        };
        if let Some(hash) = hash.filter(|h| h.webcrypto_name().is_some()) {
            if !plan.iter().any(|(h, r)| *h == hash && *r == ranges) {
                plan.push((hash, ranges));
            }
        }
    }
    plan
}
