//! The SignerInfos of a CMS in `/Contents`: each one checked (§6b: all
//! must hold), the first one reported. What they sign is the ByteRange
//! bytes, or for `adbe.pkcs7.sha1` the SHA-1 of those bytes carried as the
//! encapsulated content.

use crate::algorithm::{Scheme, SignatureAlgorithm, Signed, Verification};
use crate::cms::{self, SignedData, SignerId, SignerInfo};
use crate::error::CryptoError;
use crate::hash::Hash;
use crate::key::PublicKey;
use crate::pdf::EmbeddedSignature;
use crate::pki::Certificate;
use crate::verdict_pdf::{Integrity, SignatureCheck, SignatureFormat, Warning};

use super::{timestamp, Context};

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

/// Worse integrity first: what settles the whole signature.
fn rank(integrity: Integrity) -> u8 {
    match integrity {
        Integrity::Altered => 4,
        Integrity::BadSignature => 3,
        Integrity::Malformed => 2,
        Integrity::Unsupported => 1,
        Integrity::Intact => 0,
    }
}

/// Check every SignerInfo; fill integrity (the worst), and the first
/// signer's algorithm, key and certificate. Answers the first signer's
/// certificate, for the identity check.
pub(super) fn check_signers<'c>(
    context: &Context,
    found: &EmbeddedSignature,
    sd: &SignedData,
    certs: &'c [Certificate],
    ranges: &[(usize, usize)],
    result: &mut SignatureCheck,
) -> Option<&'c Certificate> {
    if sd.signers.is_empty() {
        result.warn(Warning::NoSigner);
        return None;
    }
    if sd.signers.len() > 1 {
        result.warn(Warning::SeveralSigners);
    }
    // `adbe.pkcs7.sha1` whose SHA-1 is not that of the signed bytes: the
    // signers are still read (who signed, with what), the bytes are altered.
    let message = signed_message(context, found, sd, ranges);
    let mut worst = Integrity::Intact;
    let mut first_leaf = None;
    for (index, signer) in sd.signers.iter().enumerate() {
        let leaf = find_signer(certs, &signer.sid);
        let integrity = match (leaf, &message) {
            (None, _) => Integrity::Unsupported,
            (Some(leaf), _) if result.format == SignatureFormat::Timestamp => {
                one_token(context, sd, signer, leaf, ranges, result, index == 0)
            }
            (Some(leaf), Ok(message)) => one_signer(signer, leaf, message, result, index == 0),
            (Some(leaf), Err(altered)) => {
                // Who signed, with what: reported even when the bytes are not
                // theirs (an algorithm we cannot read leaves its warning).
                let _ = describe_signer(signer, leaf, result, index == 0);
                result.detail = Some(
                    "the SHA-1 carried in the signature is not the SHA-1 of the signed bytes"
                        .into(),
                );
                *altered
            }
        };
        if index == 0 {
            first_leaf = leaf;
            if leaf.is_none() {
                result.identity = crate::verdict_pdf::Identity::NoCertificate;
                result.detail = Some("the signature carries no certificate for its signer".into());
            }
        }
        if rank(integrity) > rank(worst) {
            worst = integrity;
        }
    }
    result.integrity = worst;
    first_leaf
}

/// What the signers sign: the ByteRange bytes (detached), or the
/// encapsulated content, which must then be the SHA-1 of those bytes
/// (`adbe.pkcs7.sha1`). An empty encapsulated content counts as detached,
/// as Acrobat reads it. `Err(Altered)` when the SHA-1 does not match.
fn signed_message<'a>(
    context: &'a Context,
    found: &EmbeddedSignature,
    sd: &'a SignedData,
    ranges: &'a [(usize, usize)],
) -> Result<Signed<'a>, Integrity> {
    let encapsulated = sd.content.as_deref().filter(|c| !c.is_empty());
    let legacy = found.listing.sub_filter.as_deref() == Some("adbe.pkcs7.sha1");
    match encapsulated {
        Some(content) if !cms::is_timestamp_token(sd) => {
            let sha1 = context.digests.of(Hash::Sha1, context.document, ranges);
            if sha1.as_deref() != Some(content) {
                return Err(Integrity::Altered);
            }
            Ok(Signed::Bytes(content))
        }
        _ if legacy => Err(Integrity::Altered),
        _ => Ok(Signed::Ranges {
            document: context.document,
            ranges,
            digests: context.digests,
        }),
    }
}

/// One SignerInfo over `message`. With signed attributes: their
/// messageDigest must be the message's digest, and the signature is over
/// the attributes as transmitted. Without: over the message itself.
/// The signer's algorithm and key, and for the first signer what the
/// report says about it; `Err` with the integrity when they cannot be used.
fn describe_signer(
    signer: &SignerInfo,
    leaf: &Certificate,
    result: &mut SignatureCheck,
    first: bool,
) -> Result<(&'static SignatureAlgorithm, PublicKey), Integrity> {
    if first {
        result.certificate = Some(leaf.info.clone());
    }
    let algorithm = SignatureAlgorithm::from_cms(
        signer.signature_algorithm.oid.0,
        signer.signature_algorithm.parameters,
        signer.digest_algorithm.oid.0,
    )
    .map_err(|error| unsupported(result, error, first))?;
    let key =
        PublicKey::from_spki(&leaf.spki_der).map_err(|error| unsupported(result, error, first))?;
    if first {
        result.algorithm = Some(algorithm.name.to_owned());
        result.key = Some(key.name());
    }
    Ok((algorithm, key))
}

fn one_signer(
    signer: &SignerInfo,
    leaf: &Certificate,
    message: &Signed<'_>,
    result: &mut SignatureCheck,
    first: bool,
) -> Integrity {
    if let Err(CryptoError::MixedPss { hash, mgf }) = SignatureAlgorithm::from_cms(
        signer.signature_algorithm.oid.0,
        signer.signature_algorithm.parameters,
        signer.digest_algorithm.oid.0,
    ) {
        return mixed_pss(signer, leaf, message, hash, mgf, result, first);
    }
    let (algorithm, key) = match describe_signer(signer, leaf, result, first) {
        Ok(found) => found,
        Err(integrity) => return integrity,
    };
    if algorithm.hash == Hash::Sha1 || weak_rsa(&key) {
        result.warn(Warning::WeakAlgorithm);
    }
    let verified = match &signer.signed_attributes {
        Some(attributes) => {
            let Some(hash) = cms::hash_of(&signer.digest_algorithm) else {
                return unsupported(
                    result,
                    CryptoError::Unsupported(format!(
                        "digest {}",
                        crate::oid::describe(signer.digest_algorithm.oid.0)
                    )),
                    first,
                );
            };
            if hash == Hash::Sha1 {
                result.warn(Warning::WeakAlgorithm);
            }
            let Some(digest) = message.digest(hash) else {
                return Integrity::Malformed;
            };
            match signer.message_digest() {
                None => {
                    result.warn(Warning::MessageDigestMissing);
                    return Integrity::Malformed;
                }
                Some(signed) if signed != digest.as_slice() => return Integrity::Altered,
                Some(_) => {}
            }
            if !rfc8419_digest_ok(algorithm, hash) {
                // RFC 8419 §3: EdDSA's signed attributes are digested with
                // the scheme's own hash; anything else is a broken signature
                // (once the bytes are known to be the signed ones).
                result.detail = Some(format!(
                    "{} with signed attributes must digest them with {}, not {}",
                    algorithm.name,
                    algorithm.hash.label(),
                    hash.label()
                ));
                return Integrity::BadSignature;
            }
            if signer.content_type().is_none() {
                result.warn(Warning::ContentTypeMissing);
            }
            algorithm.verify(
                &key,
                &Signed::Pieces(&[&attributes.to_be_signed]),
                signer.signature,
            )
        }
        None => algorithm.verify(&key, message, signer.signature),
    };
    integrity_of(verified, signer.signed_attributes.is_some(), result)
}

/// RSASSA-PSS with the mask over another hash (`pss_mgf`): checked, named
/// as the PSS of its message hash, and said (`mixed-hashes`).
fn mixed_pss(
    signer: &SignerInfo,
    leaf: &Certificate,
    message: &Signed<'_>,
    hash: Hash,
    mgf: Hash,
    result: &mut SignatureCheck,
    first: bool,
) -> Integrity {
    let Ok(PublicKey::Rsa { key, .. }) = PublicKey::from_spki(&leaf.spki_der) else {
        return unsupported(result, CryptoError::MixedPss { hash, mgf }, first);
    };
    if first {
        result.certificate = Some(leaf.info.clone());
        result.algorithm = SignatureAlgorithm::of(Scheme::RsaPss, hash).map(|a| a.name.to_owned());
        result.key = PublicKey::from_spki(&leaf.spki_der).ok().map(|k| k.name());
        result.detail = Some(CryptoError::MixedPss { hash, mgf }.to_string());
    }
    result.warn(Warning::MixedHashes);
    let (signed_digest, over_attributes) = match &signer.signed_attributes {
        Some(attributes) => {
            let digest = cms::hash_of(&signer.digest_algorithm).and_then(|h| message.digest(h));
            match (digest, signer.message_digest()) {
                (Some(digest), Some(signed)) if signed == digest.as_slice() => {}
                (Some(_), Some(_)) => return Integrity::Altered,
                _ => return Integrity::Malformed,
            }
            (hash.digest(&[&attributes.to_be_signed]), true)
        }
        None => match message.digest(hash) {
            Some(digest) => (digest, false),
            None => return Integrity::Malformed,
        },
    };
    match (
        crate::algorithm::pss_mgf::verify(&key, &signed_digest, hash, mgf, signer.signature),
        over_attributes,
    ) {
        (true, _) => Integrity::Intact,
        (false, true) => Integrity::BadSignature,
        (false, false) => Integrity::Altered,
    }
}

/// A document timestamp's token: its imprint over the ranges and its own
/// signature (`timestamp.rs`).
fn one_token(
    context: &Context,
    sd: &SignedData,
    signer: &SignerInfo,
    tsa: &Certificate,
    ranges: &[(usize, usize)],
    result: &mut SignatureCheck,
    first: bool,
) -> Integrity {
    let algorithm = match SignatureAlgorithm::from_cms(
        signer.signature_algorithm.oid.0,
        signer.signature_algorithm.parameters,
        signer.digest_algorithm.oid.0,
    ) {
        Ok(algorithm) => algorithm,
        Err(error) => return unsupported(result, error, first),
    };
    if first {
        result.certificate = Some(tsa.info.clone());
        result.algorithm = Some(algorithm.name.to_owned());
        result.key = PublicKey::from_spki(&tsa.spki_der).ok().map(|k| k.name());
    }
    timestamp::document_token_integrity(context, sd, signer, tsa, algorithm, ranges, result)
}

/// RFC 8419's digest rules for EdDSA with signed attributes.
fn rfc8419_digest_ok(algorithm: &SignatureAlgorithm, digest: Hash) -> bool {
    match algorithm.scheme {
        Scheme::Ed25519 => digest == Hash::Sha512,
        Scheme::Ed448 => digest == Hash::Shake256,
        _ => true,
    }
}

fn weak_rsa(key: &PublicKey) -> bool {
    use rsa::traits::PublicKeyParts;
    matches!(key, PublicKey::Rsa { key, .. } if key.n_bits_precision() < 2048)
}

fn unsupported(result: &mut SignatureCheck, error: CryptoError, first: bool) -> Integrity {
    result.warn(Warning::AlgorithmUnsupported);
    if first || result.detail.is_none() {
        result.detail = Some(error.to_string());
    }
    Integrity::Unsupported
}

/// The integrity a check's answer means.
pub(super) fn integrity_of(
    verified: Result<Verification, CryptoError>,
    over_attributes: bool,
    result: &mut SignatureCheck,
) -> Integrity {
    match verified {
        Ok(Verification::Valid) => Integrity::Intact,
        Ok(Verification::ValidWithEmptySm2Id) => {
            result.warn(Warning::Sm2EmptyId);
            Integrity::Intact
        }
        // Without signed attributes a mismatch cannot tell changed bytes
        // from a wrong signature; with them the digest matched, so the
        // signature itself is bad.
        Ok(Verification::Invalid) if !over_attributes => Integrity::Altered,
        Ok(Verification::Invalid) => Integrity::BadSignature,
        Err(error) if error.is_signature_shape() => Integrity::BadSignature,
        Err(error @ CryptoError::Unsupported(_)) => {
            result.warn(Warning::AlgorithmUnsupported);
            result.detail = Some(error.to_string());
            Integrity::Unsupported
        }
        Err(error) => {
            result.detail = Some(error.to_string());
            Integrity::Malformed
        }
    }
}
