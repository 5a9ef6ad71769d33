//! One embedded signature, checked: format, integrity, signer, identity
//! at the signing time, timestamp; `status.rs` then applies §6a's rules.

use crate::cms::{self, Contents, SignedData, SignerId, SignerInfo};
use crate::digest::slices;
use crate::pdf::{EmbeddedSignature, SignatureKind};
use crate::pki::{
    self, validate_chain, Certificate, Purpose, SignatureAlgorithm, TrustStore, Verification,
};
use crate::time;
use crate::verdict_pdf::warning;
use crate::verdict_pdf::{
    Identity, Integrity, SignatureCheck, SignatureFormat, SigningTime, TimeSource,
};
use crate::Digests;

use super::{status, timestamp, ValidationTime};

/// What every signature of one document is checked against.
pub(super) struct Context<'a> {
    pub document: &'a [u8],
    pub trust: &'a TrustStore,
    pub at: ValidationTime,
    pub digests: &'a Digests,
}

/// The byte ranges a well-formed `/ByteRange [a b c d]` signs.
pub(super) fn signed_ranges(found: &EmbeddedSignature) -> Option<Vec<(usize, usize)>> {
    if !found.listing.byte_range_well_formed {
        return None;
    }
    let range = found.listing.byte_range.as_deref()?;
    let n = |i: usize| range.get(i).and_then(|&v| usize::try_from(v).ok());
    let (a, b, c, d) = (n(0)?, n(1)?, n(2)?, n(3)?);
    Some(vec![(a, a.checked_add(b)?), (c, c.checked_add(d)?)])
}

/// The signer's certificate among the CMS's, by issuer and serial or by
/// subject key identifier (RFC 5652 §5.3).
pub(super) fn find_signer<'c>(
    certificates: &'c [Certificate],
    sid: &SignerId,
) -> Option<&'c Certificate> {
    certificates.iter().find(|c| match sid {
        SignerId::IssuerSerial { issuer, serial } => c.matches_issuer_serial(issuer, serial),
        SignerId::SubjectKeyId(ski) => c.matches_key_id(ski),
    })
}

/// Every certificate of the CMS that parses; the others are a warning.
pub(super) fn certificates(sd: &SignedData, warnings: &mut Vec<String>) -> Vec<Certificate> {
    let mut parsed = Vec::new();
    for der in &sd.certificates {
        match pki::parse_certificate(der) {
            Ok(certificate) => parsed.push(certificate),
            Err(_) => warnings.push(warning::CERTIFICATE_UNREADABLE.to_owned()),
        }
    }
    parsed
}

/// Check one signature.
pub(super) fn check(context: &Context, found: &EmbeddedSignature) -> SignatureCheck {
    let mut result = SignatureCheck {
        coverage: found.coverage,
        changes_after: found.changes_after.clone(),
        warnings: found.warnings.clone(),
        ..SignatureCheck::default()
    };
    let dictionary_time = found.listing.time.as_deref().and_then(time::pdf_date);
    inspect_contents(context, found, &mut result, dictionary_time);
    if result.signing_time.is_none() {
        result.signing_time = dictionary_time.map(|t| SigningTime {
            time: time::rfc3339(t),
            source: TimeSource::Dictionary,
        });
    }
    status::settle(&mut result, found.docmdp);
    result
}

fn inspect_contents(
    context: &Context,
    found: &EmbeddedSignature,
    result: &mut SignatureCheck,
    dictionary_time: Option<i64>,
) {
    let Some(contents) = found.contents.as_deref() else {
        result.warnings.push(warning::CONTENTS_MISSING.to_owned());
        return;
    };
    let sd = match cms::parse(contents) {
        Ok(Contents::SignedData(sd)) => sd,
        Ok(Contents::Ses) => {
            result.format = SignatureFormat::Ses;
            result.integrity = Integrity::Unsupported;
            result.identity = Identity::NoCertificate;
            return;
        }
        Err(error) => {
            result.warnings.push(format!("cms-unreadable: {error}"));
            return;
        }
    };
    result.format = if cms::is_timestamp_token(&sd) {
        SignatureFormat::Timestamp
    } else if sd.gm {
        SignatureFormat::CmsGm
    } else {
        SignatureFormat::Cms
    };
    if found.kind == SignatureKind::DocTimeStamp && result.format != SignatureFormat::Timestamp {
        result
            .warnings
            .push(warning::DOC_TIMESTAMP_NOT_A_TOKEN.to_owned());
    }
    let Some(ranges) = signed_ranges(found) else {
        // Coverage is already `unclear`: nothing to hash.
        return;
    };
    let Some(signer) = sd.signers.first() else {
        result.warnings.push(warning::NO_SIGNER.to_owned());
        return;
    };
    if sd.signers.len() > 1 {
        result.warnings.push(warning::SEVERAL_SIGNERS.to_owned());
    }
    let certs = certificates(&sd, &mut result.warnings);
    let Some(leaf) = find_signer(&certs, &signer.sid) else {
        result.identity = Identity::NoCertificate;
        return;
    };
    result.certificate = Some(leaf.info.clone());
    let algorithm = match SignatureAlgorithm::from_cms(
        signer.signature_algorithm.oid.0,
        signer.signature_algorithm.parameters,
        signer.digest_algorithm.oid.0,
    ) {
        Ok(algorithm) => algorithm,
        Err(error) => {
            result.integrity = Integrity::Unsupported;
            result
                .warnings
                .push(format!("algorithm-unsupported: {error}"));
            identity(context, result, leaf, &certs, dictionary_time);
            return;
        }
    };
    result.algorithm = Some(algorithm.canonical_name());
    result.integrity = if result.format == SignatureFormat::Timestamp {
        timestamp::document_token_integrity(context, &sd, signer, leaf, &algorithm, &ranges, result)
    } else {
        integrity(
            context,
            signer,
            leaf,
            &algorithm,
            &ranges,
            &mut result.warnings,
        )
    };
    if result.format == SignatureFormat::Timestamp {
        // A document timestamp's time is its own genTime, and its signer is
        // a timestamp authority.
        if let Some(token) = &result.timestamp {
            if let Some(gen_time) = time::parse_rfc3339(&token.time) {
                result.signing_time = Some(SigningTime {
                    time: token.time.clone(),
                    source: TimeSource::Timestamp,
                });
                let at = match context.at {
                    ValidationTime::Signing => gen_time,
                    ValidationTime::At(at) => at,
                };
                let chain = validate_chain(leaf, &certs, context.trust, at, Purpose::Timestamping);
                result.identity = chain.identity;
                result.warnings.extend(chain.warnings);
            }
        }
        return;
    }
    if let Some(token) = signer.timestamp_token() {
        let info = timestamp::signature_token(context, token, signer.signature);
        if !info.intact {
            result.warnings.push(warning::TIMESTAMP_BROKEN.to_owned());
        } else if !info.trusted {
            result
                .warnings
                .push(warning::TIMESTAMP_UNTRUSTED.to_owned());
        }
        if info.intact && info.trusted {
            result.signing_time = Some(SigningTime {
                time: info.time.clone(),
                source: TimeSource::Timestamp,
            });
        }
        result.timestamp = Some(info);
    }
    if result.signing_time.is_none() {
        result.signing_time = signer.signing_time().map(|t| SigningTime {
            time: time::rfc3339(t),
            source: TimeSource::SignedAttribute,
        });
    }
    identity(context, result, leaf, &certs, dictionary_time);
}

/// The chain of `leaf` at the validation time.
fn identity(
    context: &Context,
    result: &mut SignatureCheck,
    leaf: &Certificate,
    certs: &[Certificate],
    dictionary_time: Option<i64>,
) {
    let signing = result
        .signing_time
        .as_ref()
        .and_then(|t| time::parse_rfc3339(&t.time))
        .or(dictionary_time);
    let at = match (context.at, signing) {
        (ValidationTime::At(at), _) => at,
        (ValidationTime::Signing, Some(at)) => at,
        (ValidationTime::Signing, None) => {
            // Nothing says when it was signed: the validity periods cannot
            // be checked, so the answer can be no better than indeterminate.
            result.warnings.push(warning::NO_SIGNING_TIME.to_owned());
            leaf.not_before
        }
    };
    let chain = validate_chain(leaf, certs, context.trust, at, Purpose::Signing);
    result.identity = chain.identity;
    result.warnings.extend(chain.warnings);
}

/// Does the signature hold over the ByteRange bytes? With signed
/// attributes: their messageDigest must be the bytes' digest, and the
/// signature is over the attributes as transmitted. Without: the
/// signature is over the bytes themselves.
fn integrity(
    context: &Context,
    signer: &SignerInfo,
    leaf: &Certificate,
    algorithm: &SignatureAlgorithm,
    ranges: &[(usize, usize)],
    warnings: &mut Vec<String>,
) -> Integrity {
    let hash = cms::hash_of(&signer.digest_algorithm.oid).or(algorithm.hash());
    let verified = match (&signer.signed_attributes, hash) {
        (Some(attributes), Some(hash)) => {
            let Some(digest) = context.digests.of(hash, context.document, ranges) else {
                return Integrity::Malformed;
            };
            match signer.message_digest() {
                None => {
                    warnings.push(warning::MESSAGE_DIGEST_MISSING.to_owned());
                    return Integrity::Malformed;
                }
                Some(signed) if signed != digest.as_slice() => return Integrity::Altered,
                Some(_) => {}
            }
            if signer.content_type().is_none() {
                warnings.push(warning::CONTENT_TYPE_MISSING.to_owned());
            }
            pki::verify_message(
                &leaf.spki_der,
                algorithm,
                &[&attributes.to_be_signed],
                signer.signature,
            )
        }
        (Some(_), None) => return Integrity::Unsupported,
        (None, _) => over_the_bytes(context, leaf, algorithm, ranges, signer.signature),
    };
    match verified {
        Ok(Verification::Valid) => Integrity::Intact,
        Ok(Verification::ValidWithEmptySm2Id) => {
            warnings.push(warning::SM2_EMPTY_ID.to_owned());
            Integrity::Intact
        }
        // Without signed attributes a mismatch cannot tell changed bytes
        // from a wrong signature; with them the digest matched, so the
        // signature itself is bad.
        Ok(Verification::Invalid) if signer.signed_attributes.is_none() => Integrity::Altered,
        Ok(Verification::Invalid) => Integrity::BadSignature,
        Err(error) => {
            warnings.push(format!("signature-unreadable: {error}"));
            Integrity::Malformed
        }
    }
}

/// A signature made directly over the ByteRange bytes (no signed
/// attributes): RSA and ECDSA over their digest (from the table, so
/// WebCrypto's work is used), SM2 and Ed25519 over the bytes.
fn over_the_bytes(
    context: &Context,
    leaf: &Certificate,
    algorithm: &SignatureAlgorithm,
    ranges: &[(usize, usize)],
    signature: &[u8],
) -> Result<Verification, pki::PkiError> {
    let prehashable = matches!(
        algorithm,
        SignatureAlgorithm::RsaPkcs1(_)
            | SignatureAlgorithm::RsaPss(_)
            | SignatureAlgorithm::Ecdsa(_)
    );
    match (prehashable, algorithm.hash()) {
        (true, Some(hash)) => {
            let digest = context
                .digests
                .of(hash, context.document, ranges)
                .unwrap_or_default();
            pki::verify_digest(&leaf.spki_der, algorithm, &digest, signature)
        }
        _ => {
            let parts = slices(context.document, ranges).unwrap_or_default();
            pki::verify_message(&leaf.spki_der, algorithm, &parts, signature)
        }
    }
}
