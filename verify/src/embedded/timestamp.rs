//! RFC 3161 timestamp tokens: a signature timestamp (an unsigned attribute
//! over the signature value) and a document timestamp (`ETSI.RFC3161`,
//! over the ByteRange bytes). A token is a SignedData whose content is a
//! TSTInfo; its imprint must match, and its own signature must hold.

use crate::algorithm::{SignatureAlgorithm, Signed, Verification};
use crate::cms::{self, Contents, SignedData, SignerInfo};
use crate::key::PublicKey;
use crate::pki::{validate_chain, Certificate, Purpose};
use crate::time;
use crate::verdict_pdf::{Identity, Integrity, SignatureCheck, TimestampInfo, Warning};

use super::signer::find_signer;
use super::{Context, ValidationTime};

/// Every certificate of a token that parses.
fn certificates(sd: &SignedData) -> Vec<Certificate> {
    sd.certificates
        .iter()
        .filter_map(|der| crate::pki::parse_certificate(der).ok())
        .collect()
}

/// Does the token's signer sign its TSTInfo? (Signed attributes are
/// required by RFC 3161 §2.4.2: messageDigest over the eContent.)
fn token_signed(
    sd: &SignedData,
    signer: &SignerInfo,
    tsa: &Certificate,
    algorithm: &'static SignatureAlgorithm,
) -> bool {
    let (Some(content), Some(attributes)) = (&sd.content, &signer.signed_attributes) else {
        return false;
    };
    let hash = cms::hash_of(&signer.digest_algorithm).unwrap_or(algorithm.hash);
    if signer.message_digest() != Some(hash.digest(&[content]).as_slice()) {
        return false;
    }
    let Ok(key) = PublicKey::from_spki(&tsa.spki_der) else {
        return false;
    };
    matches!(
        algorithm.verify(
            &key,
            &Signed::Pieces(&[&attributes.to_be_signed]),
            signer.signature
        ),
        Ok(Verification::Valid | Verification::ValidWithEmptySm2Id)
    )
}

/// The TSA's chain, for timestamping, at the token's time (or the fixed
/// validation time).
fn tsa_trusted(
    context: &Context,
    tsa: &Certificate,
    pool: &[Certificate],
    gen_time: i64,
) -> (Identity, Vec<Warning>) {
    let at = match context.at {
        ValidationTime::Signing => gen_time,
        ValidationTime::At(at) => at,
    };
    let chain = validate_chain(tsa, pool, context.trust, at, Purpose::Timestamping);
    (chain.identity, chain.warnings)
}

/// A signature timestamp token over `signature_value`.
fn signature_token(context: &Context, token: &[u8], signature_value: &[u8]) -> TimestampInfo {
    let mut info = TimestampInfo {
        time: String::new(),
        authority: None,
        intact: false,
        trusted: false,
    };
    let Ok(Contents::SignedData(sd)) = cms::parse(token) else {
        return info;
    };
    let Some(content) = sd.content.as_deref() else {
        return info;
    };
    let Ok(tst) = cms::tst_info(content) else {
        return info;
    };
    info.time = time::rfc3339(tst.gen_time);
    let imprint_ok = cms::hash_of(&tst.hash_algorithm)
        .is_some_and(|hash| hash.digest(&[signature_value]) == tst.hashed_message);
    let pool = certificates(&sd);
    let Some(signer) = sd.signers.first() else {
        return info;
    };
    let Some(tsa) = find_signer(&pool, &signer.sid) else {
        return info;
    };
    info.authority = Some(tsa.info.subject.clone());
    let Ok(algorithm) = SignatureAlgorithm::from_cms(
        signer.signature_algorithm.oid.0,
        signer.signature_algorithm.parameters,
        signer.digest_algorithm.oid.0,
    ) else {
        return info;
    };
    info.intact = imprint_ok && token_signed(&sd, signer, tsa, algorithm);
    info.trusted =
        info.intact && tsa_trusted(context, tsa, &pool, tst.gen_time).0 == Identity::Trusted;
    info
}

/// A signature timestamp over `signature_value` found in a signature (a
/// CMS's unsigned attribute, an SES's `timeStamp`): said in the result, and
/// when it verifies and is trusted, the signing time (§6a, §6b).
pub(super) fn apply_signature_token(
    context: &Context,
    token: &[u8],
    signature_value: &[u8],
    result: &mut SignatureCheck,
) {
    let info = signature_token(context, token, signature_value);
    if !info.intact {
        result.warn(Warning::TimestampBroken);
    } else if !info.trusted {
        result.warn(Warning::TimestampUntrusted);
    }
    if info.intact && info.trusted {
        result.signing_time = Some(crate::verdict_pdf::SigningTime {
            time: info.time.clone(),
            source: crate::verdict_pdf::TimeSource::Timestamp,
        });
    }
    result.timestamp = Some(info);
}

/// A document timestamp: the token's imprint over the ByteRange bytes and
/// its own signature. Fills `result.timestamp`; the caller checks the
/// TSA's chain as the signature's identity.
pub(super) fn document_token_integrity(
    context: &Context,
    sd: &SignedData,
    signer: &SignerInfo,
    tsa: &Certificate,
    algorithm: &'static SignatureAlgorithm,
    ranges: &[(usize, usize)],
    result: &mut SignatureCheck,
) -> Integrity {
    let Some(content) = sd.content.as_deref() else {
        return Integrity::Malformed;
    };
    let Ok(tst) = cms::tst_info(content) else {
        return Integrity::Malformed;
    };
    let Some(hash) = cms::hash_of(&tst.hash_algorithm) else {
        return Integrity::Unsupported;
    };
    let Some(digest) = context.digests.of(hash, context.document, ranges) else {
        return Integrity::Malformed;
    };
    let imprint_ok = digest == tst.hashed_message;
    let signed = token_signed(sd, signer, tsa, algorithm);
    let pool = certificates(sd);
    let trusted = signed
        && imprint_ok
        && tsa_trusted(context, tsa, &pool, tst.gen_time).0 == Identity::Trusted;
    result.timestamp = Some(TimestampInfo {
        time: time::rfc3339(tst.gen_time),
        authority: Some(tsa.info.subject.clone()),
        intact: imprint_ok && signed,
        trusted,
    });
    match (imprint_ok, signed) {
        (false, _) => Integrity::Altered,
        (true, false) => Integrity::BadSignature,
        (true, true) => Integrity::Intact,
    }
}
