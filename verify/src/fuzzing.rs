//! Entry points for the fuzz targets (`fuzz/`), only with the `fuzzing`
//! feature: nothing else calls them. Each takes any bytes and must return,
//! never panic.

use crate::cms::{self, Contents};
use crate::model::Signature;
use crate::run::{verify_all, Options};

/// Any bytes as a signature's `/Contents`: the CMS reader, then every
/// accessor a verifier calls on what it read, the timestamp tokens in the
/// unsigned attributes, and the TSTInfo reader on any content.
pub fn cms(bytes: &[u8]) {
    let _ = cms::tst_info(bytes);
    let _ = cms::has_trailing_bytes(bytes);
    let Ok(Contents::SignedData(sd)) = cms::parse(bytes) else {
        return;
    };
    let _ = (cms::is_timestamp_token(&sd), sd.content_type.to_string());
    for certificate in &sd.certificates {
        let _ = crate::pki::parse_certificate(certificate);
    }
    for signer in &sd.signers {
        let _ = (
            signer.content_type(),
            signer.message_digest(),
            signer.signing_time(),
            signer.signed_value(crate::oid::SIGNING_CERTIFICATE_V2.as_bytes()),
        );
        let _ = cms::hash_of(&signer.digest_algorithm);
        let _ = signer.signature_algorithm.oid.to_string();
        let _ = crate::algorithm::SignatureAlgorithm::from_cms(
            signer.signature_algorithm.oid.0,
            signer.signature_algorithm.parameters,
            signer.digest_algorithm.oid.0,
        );
        if let Some(token) = signer.timestamp_token() {
            let _ = cms::parse(token);
        }
    }
    if let Some(content) = &sd.content {
        let _ = cms::tst_info(content);
    }
}

/// Any bytes as a document: the PDF reader without `catch_unwind` (on
/// wasm32 a panic aborts the module), then, when it reads, the whole
/// verification of the PDF's own signatures.
pub fn pdf(bytes: &[u8]) {
    if crate::pdf::inspect_signatures_unguarded(bytes).is_ok() {
        let _ = verify_all(&Signature::default(), bytes, &Options::default());
    }
}
