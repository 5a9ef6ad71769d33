//! An electronic-seal signature (§6d), checked: the signer's SM2 signature
//! over `TBS_Sign`, `dataHash` against the ByteRange bytes, the signing
//! time (a verified timestamp, else the signed `timeInfo`), the signer's
//! chain; then the seal itself (`ses_seal.rs`). The answer uses §6a's
//! fields with `format: ses`, and `seal`.

use crate::algorithm::{SignatureAlgorithm, Verification};
use crate::cms::{CmsError, SesSignature};
use crate::key::PublicKey;
use crate::oid;
use crate::pki::{parse_certificate, Certificate};
use crate::revocation::Evidence;
use crate::time;
use crate::verdict_pdf::{
    Identity, Integrity, SignatureCheck, SignatureFormat, SigningTime, TimeSource, Warning,
};

use super::check::signer_identity;
use super::{ses_seal, timestamp, Context};

/// Check an SES signature whose `/Contents` was read into `ses` (or could
/// not be: `Err`), `evidence` the revocation data that may answer for it.
pub(super) fn check(
    context: &Context,
    evidence: &Evidence,
    ses: &Result<SesSignature<'_>, CmsError>,
    ranges: Option<&[(usize, usize)]>,
    result: &mut SignatureCheck,
    dictionary_time: Option<i64>,
) {
    result.format = SignatureFormat::Ses;
    let ses = match ses {
        Ok(ses) => ses,
        Err(error) => {
            result.warn(Warning::CmsUnreadable);
            result.detail = Some(format!("the electronic seal cannot be read: {error}"));
            return;
        }
    };
    let signer = match parse_certificate(&ses.signer_certificate) {
        Ok(signer) => signer,
        Err(error) => {
            result.warn(Warning::CertificateUnreadable);
            result.identity = Identity::NoCertificate;
            result.detail = Some(format!("the signer's certificate cannot be read: {error}"));
            return;
        }
    };
    result.certificate = Some(signer.info.clone());
    let Some(ranges) = ranges else {
        // Coverage is already `unclear`: nothing to hash.
        return;
    };
    result.integrity = integrity(context, ses, &signer, ranges, result);
    signing_time(context, ses, result);
    signer_identity(
        context,
        result,
        Some(&signer),
        &[],
        dictionary_time,
        evidence,
    );
    let at = result
        .signing_time
        .as_ref()
        .and_then(|t| time::parse_rfc3339(&t.time))
        .or(dictionary_time);
    result.seal = Some(Box::new(ses_seal::check(context, ses, &signer, at, result)));
}

/// The algorithm an SES names: a signature OID (SM2-with-SM3), or the SM2
/// key's OID, which some writers put there, with SM3.
pub(super) fn algorithm(oid_bytes: &[u8]) -> Option<&'static SignatureAlgorithm> {
    SignatureAlgorithm::from_x509(oid_bytes, None)
        .or_else(|_| SignatureAlgorithm::from_cms(oid_bytes, None, oid::SM3.as_bytes()))
        .ok()
}

/// Does `signature` by `certificate` hold over `signed`? `Err` says why it
/// could not be checked at all.
pub(super) fn signed_by(
    certificate: &Certificate,
    algorithm: &'static SignatureAlgorithm,
    signed: &[u8],
    signature: &[u8],
) -> Result<Verification, String> {
    certificate
        .check_signature(algorithm, signed, signature)
        .map_err(|e| e.to_string())
}

/// `dataHash` over the ByteRange bytes, then the signer's signature over
/// `TBS_Sign` (which holds `dataHash`).
fn integrity(
    context: &Context,
    ses: &SesSignature<'_>,
    signer: &Certificate,
    ranges: &[(usize, usize)],
    result: &mut SignatureCheck,
) -> Integrity {
    let Some(algorithm) = algorithm(ses.algorithm.0) else {
        result.warn(Warning::AlgorithmUnsupported);
        result.detail = Some(format!("the seal's signature algorithm {}", ses.algorithm));
        return Integrity::Unsupported;
    };
    result.algorithm = Some(algorithm.name.to_owned());
    if let Ok(key) = PublicKey::from_spki(&signer.spki_der) {
        result.key = Some(key.name());
    }
    let Some(digest) = context.digests.of(algorithm.hash, context.document, ranges) else {
        return Integrity::Malformed;
    };
    match signed_by(signer, algorithm, ses.to_sign, ses.signature) {
        Err(why) => {
            result.detail = Some(why);
            Integrity::Unsupported
        }
        Ok(Verification::Invalid) => Integrity::BadSignature,
        Ok(verification) => {
            if verification == Verification::ValidWithEmptySm2Id {
                result.warn(Warning::Sm2EmptyId);
            }
            if digest == ses.data_hash {
                Integrity::Intact
            } else {
                let label = algorithm.hash.label();
                // Seen in the wild (a Foxit.SM signature): a signer that
                // hashed an empty buffer. Its seal binds no document.
                result.detail = Some(if ses.data_hash == algorithm.hash.digest(&[]) {
                    format!(
                        "the seal's dataHash is the {label} of no bytes at all: it binds no part of \
                         the document"
                    )
                } else {
                    format!("the seal's dataHash is not the {label} of the signed bytes")
                });
                Integrity::Altered
            }
        }
    }
}

/// A verified timestamp over the signature value, else the signer's own
/// (signed) `timeInfo`.
fn signing_time(context: &Context, ses: &SesSignature<'_>, result: &mut SignatureCheck) {
    if let Some(token) = ses.timestamp {
        timestamp::apply_signature_token(context, token, ses.signature, result);
    }
    if result.signing_time.is_none() {
        result.signing_time = ses.time.map(|t| SigningTime {
            time: time::rfc3339(t),
            source: TimeSource::SignedAttribute,
        });
    }
}
