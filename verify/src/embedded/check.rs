//! One embedded signature, checked: what `/Contents` holds (a CMS, a
//! timestamp token, a PKCS#1 value with `/Cert`, a bare value, a seal),
//! its integrity, its signer, the signer's identity at the signing time,
//! its timestamp (`ses.rs` an electronic seal); `status.rs` then applies §6a's rules.

use crate::cms::{self, Contents, SignedData};
use crate::pdf::{EmbeddedSignature, SignatureKind};
use crate::pki::{validate_chain, Certificate, Purpose};
use crate::time;
use crate::verdict_pdf::{
    Identity, SignatureCheck, SignatureFormat, SigningTime, TimeSource, Warning,
};

use super::{legacy, long_term, signer, status, timestamp, Context, ValidationTime};
use crate::revocation::Evidence;

/// The byte ranges a well-formed `/ByteRange [a b c d]` signs.
pub(crate) fn signed_ranges(found: &EmbeddedSignature) -> Option<Vec<(usize, usize)>> {
    if !found.listing.byte_range_well_formed {
        return None;
    }
    let range = found.listing.byte_range.as_deref()?;
    let n = |i: usize| range.get(i).and_then(|&v| usize::try_from(v).ok());
    let (a, b, c, d) = (n(0)?, n(1)?, n(2)?, n(3)?);
    Some(vec![(a, a.checked_add(b)?), (c, c.checked_add(d)?)])
}

/// Check one signature whose `/Contents` was parsed into `parsed`.
pub(super) fn check(
    context: &Context,
    found: &EmbeddedSignature,
    parsed: Option<&Result<Contents<'_>, cms::CmsError>>,
) -> SignatureCheck {
    let mut result = SignatureCheck {
        coverage: found.coverage,
        changes_after: found.changes_after.clone(),
        changes: found.changes.clone(),
        warnings: found.warnings.clone(),
        ..SignatureCheck::default()
    };
    let dictionary_time = found.listing.time.as_deref().and_then(time::pdf_date);
    match (found.contents.as_deref(), parsed) {
        (None, _) | (_, None) => result.warn(Warning::ContentsMissing),
        (Some(contents), Some(parsed)) => {
            if cms::has_trailing_bytes(contents) {
                result.warn(Warning::ContentsTrailingBytes);
            }
            contents_check(
                context,
                found,
                contents,
                parsed,
                &mut result,
                dictionary_time,
            );
        }
    }
    if result.signing_time.is_none() {
        result.signing_time = dictionary_time.map(|t| SigningTime {
            time: time::rfc3339(t),
            source: TimeSource::Dictionary,
        });
    }
    result.level = long_term::level(context, found, &result);
    status::settle(&mut result, found.docmdp);
    result
}

fn contents_check(
    context: &Context,
    found: &EmbeddedSignature,
    contents: &[u8],
    parsed: &Result<Contents<'_>, cms::CmsError>,
    result: &mut SignatureCheck,
    dictionary_time: Option<i64>,
) {
    let ranges = signed_ranges(found);
    let sd = match parsed {
        Ok(Contents::SignedData(sd)) => sd,
        Ok(Contents::Ses(ses)) => {
            let evidence = long_term::evidence(context, found, None);
            super::ses::check(
                context,
                &evidence,
                ses,
                ranges.as_deref(),
                result,
                dictionary_time,
            );
            return;
        }
        Err(error) => {
            // Not a CMS: the legacy PKCS#1 form with `/Cert`, a bare
            // signature value, or something we cannot read.
            let certs = legacy::check(context, found, contents, ranges.as_deref(), result, error);
            if result.format == SignatureFormat::Pkcs1 {
                let evidence = long_term::evidence(context, found, None);
                signer_identity(
                    context,
                    result,
                    certs.first(),
                    &certs,
                    dictionary_time,
                    &evidence,
                );
            }
            return;
        }
    };
    result.format = if cms::is_timestamp_token(sd) {
        SignatureFormat::Timestamp
    } else if sd.gm {
        SignatureFormat::CmsGm
    } else {
        SignatureFormat::Cms
    };
    if found.kind == SignatureKind::DocTimeStamp && result.format != SignatureFormat::Timestamp {
        result.warn(Warning::DocTimestampNotAToken);
    }
    let Some(ranges) = ranges else {
        // Coverage is already `unclear`: nothing to hash.
        return;
    };
    let certs = certificates(sd, result);
    let Some(leaf) = signer::check_signers(context, found, sd, &certs, &ranges, result) else {
        return;
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
                extend(result, chain.warnings);
            }
        }
        return;
    }
    if let Some(token) = sd.signers.first().and_then(|s| s.timestamp_token()) {
        let signature_value = sd.signers.first().map(|s| s.signature).unwrap_or_default();
        timestamp::apply_signature_token(context, token, signature_value, result);
    }
    if result.signing_time.is_none() {
        result.signing_time =
            sd.signers
                .first()
                .and_then(|s| s.signing_time())
                .map(|t| SigningTime {
                    time: time::rfc3339(t),
                    source: TimeSource::SignedAttribute,
                });
    }
    let leaf = leaf.clone();
    let evidence = long_term::evidence(context, found, Some(sd));
    signer_identity(
        context,
        result,
        Some(&leaf),
        &certs,
        dictionary_time,
        &evidence,
    );
}

/// Every certificate of the CMS that parses; the others are a warning.
pub(super) fn certificates(sd: &SignedData, result: &mut SignatureCheck) -> Vec<Certificate> {
    let mut parsed = Vec::new();
    for der in &sd.certificates {
        match crate::pki::parse_certificate(der) {
            Ok(certificate) => parsed.push(certificate),
            Err(_) => result.warn(Warning::CertificateUnreadable),
        }
    }
    parsed
}

pub(super) fn extend(result: &mut SignatureCheck, warnings: Vec<Warning>) {
    for warning in warnings {
        result.warn(warning);
    }
}

/// The chain of the signer's certificate at the validation time, then
/// what `evidence` says of its revocation (§6c).
pub(super) fn signer_identity(
    context: &Context,
    result: &mut SignatureCheck,
    leaf: Option<&Certificate>,
    pool: &[Certificate],
    dictionary_time: Option<i64>,
    evidence: &Evidence,
) {
    let Some(leaf) = leaf else {
        result.identity = Identity::NoCertificate;
        return;
    };
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
            result.warn(Warning::NoSigningTime);
            leaf.not_before
        }
    };
    let mut pool = pool.to_vec();
    pool.extend(
        evidence
            .certificates
            .iter()
            .filter_map(|der| crate::pki::parse_certificate(der).ok()),
    );
    let chain = validate_chain(leaf, &pool, context.trust, at, Purpose::Signing);
    result.identity = chain.identity;
    extend(result, chain.warnings);
    long_term::apply(context, result, &chain.chain, &pool, evidence, signing);
}
