//! Does the revocation data answer for the signer's chain, and what does it
//! say? For each certificate but the anchor: an OCSP response whose
//! CertID names it (issuer name and key hashes, serial) signed by its
//! issuer or by a responder its issuer certified for `id-kp-OCSPSigning`,
//! or a CRL its issuer signed. A revocation beats a good answer; among
//! good answers the newest counts.

use crate::algorithm::{SignatureAlgorithm, Verification};
use crate::cms;
use crate::hash::Hash;
use crate::oid;
use crate::pki::{issued_by, parse_certificate, Certificate};
use crate::time;
use crate::verdict_pdf::{RevocationReport, RevocationSource, RevocationStatus};

use super::ocsp::{self, BasicResponse, CertStatus, ResponderId};
use super::{crl, reason_name, Evidence, MAX_ITEMS};

/// What the data says of one certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Answer {
    revoked: Option<(i64, Option<u32>)>,
    /// `producedAt` of the response, `thisUpdate` of the CRL.
    produced: i64,
    source: RevocationSource,
}

/// The answer for a chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// `None` when no usable datum answers for any certificate.
    pub report: Option<RevocationReport>,
    /// Every certificate but the anchor is answered for.
    pub complete: bool,
    /// Every answer was produced at or after the signing time.
    pub fresh: bool,
    /// The earliest revocation in the chain.
    pub revoked_at: Option<i64>,
}

/// Check `path` (leaf first, anchor last) against `evidence`; `pool` holds
/// the certificates already read (the CMS's and the evidence's, where a
/// delegated responder may be); `signing` decides freshness.
pub(crate) fn check(
    path: &[Certificate],
    evidence: &Evidence,
    pool: &[Certificate],
    signing: Option<i64>,
) -> Outcome {
    let responses: Vec<(BasicResponse, RevocationSource)> = evidence
        .ocsps
        .iter()
        .take(MAX_ITEMS)
        .filter_map(|(bytes, source)| Some((ocsp::read(bytes).ok()?, *source)))
        .collect();
    let crls: Vec<(crl::Crl, RevocationSource)> = evidence
        .crls
        .iter()
        .take(MAX_ITEMS)
        .filter_map(|(bytes, source)| Some((crl::read(bytes).ok()?, *source)))
        .collect();
    let answers: Vec<Option<Answer>> = path
        .windows(2)
        .map(|pair| {
            let [subject, issuer] = pair else { return None };
            let by_ocsp = responses
                .iter()
                .filter_map(|(r, source)| from_ocsp(r, *source, subject, issuer, pool));
            let by_crl = crls
                .iter()
                .filter_map(|(c, source)| from_crl(c, *source, subject, issuer));
            best(by_ocsp.chain(by_crl))
        })
        .collect();
    let found: Vec<Answer> = answers.iter().flatten().copied().collect();
    let Some(first) = found.first() else {
        return Outcome {
            // A self-signed trusted leaf has nothing to be revoked by.
            complete: path.len() == 1,
            fresh: path.len() == 1,
            ..Outcome::default()
        };
    };
    let revoked = found
        .iter()
        .filter_map(|a| a.revoked)
        .min_by_key(|(at, _)| *at);
    let complete = answers.iter().all(Option::is_some);
    let status = match (revoked, complete) {
        (Some(_), _) => RevocationStatus::Revoked,
        (None, true) => RevocationStatus::Good,
        (None, false) => RevocationStatus::Unknown,
    };
    let leaf = answers.first().copied().flatten().unwrap_or(*first);
    Outcome {
        report: Some(RevocationReport {
            status,
            source: leaf.source,
            produced_at: Some(time::rfc3339(leaf.produced)),
            revoked_at: revoked.map(|(at, _)| time::rfc3339(at)),
            reason: revoked
                .and_then(|(_, reason)| reason)
                .and_then(reason_name)
                .map(str::to_owned),
        }),
        complete,
        fresh: signing.is_some_and(|at| found.iter().all(|a| a.produced >= at)),
        revoked_at: revoked.map(|(at, _)| at),
    }
}

/// A revocation wins; else the newest good answer; between equals, the
/// one closest to the signature (its CMS, its VRI entry, the whole DSS).
fn best(answers: impl Iterator<Item = Answer>) -> Option<Answer> {
    let closeness = |source: RevocationSource| match source {
        RevocationSource::Cms => 3,
        RevocationSource::Vri => 2,
        RevocationSource::Dss => 1,
        RevocationSource::Online => 0,
    };
    answers.max_by_key(|a| (a.revoked.is_some(), a.produced, closeness(a.source)))
}

/// Does `signature` by `signer` over `tbs` hold, under the algorithm the
/// response or CRL names?
fn verifies(
    signer: &Certificate,
    algorithm: &cms::AlgorithmId,
    tbs: &[u8],
    signature: &[u8],
) -> bool {
    SignatureAlgorithm::from_x509(algorithm.oid.0, algorithm.parameters).is_ok_and(|algorithm| {
        matches!(
            signer.check_signature(algorithm, tbs, signature),
            Ok(Verification::Valid | Verification::ValidWithEmptySm2Id)
        )
    })
}

fn from_ocsp(
    response: &BasicResponse,
    source: RevocationSource,
    subject: &Certificate,
    issuer: &Certificate,
    extra: &[Certificate],
) -> Option<Answer> {
    let single = response.responses.iter().find(|single| {
        let Some(hash) = cms::hash_of(&single.hash_algorithm) else {
            return false;
        };
        subject.has_serial(single.serial)
            && hash.digest(&[&issuer.subject_der]) == single.issuer_name_hash
            && issuer
                .key_bits()
                .is_some_and(|bits| hash.digest(&[bits]) == single.issuer_key_hash)
    })?;
    let signer = responder(response, issuer, extra)?;
    if !verifies(
        &signer,
        &response.signature_algorithm,
        response.tbs,
        response.signature,
    ) {
        return None;
    }
    let revoked = match single.status {
        CertStatus::Good => None,
        CertStatus::Revoked { at, reason } => Some((at, reason)),
        CertStatus::Unknown => return None,
    };
    Some(Answer {
        revoked,
        produced: response.produced_at,
        source,
    })
}

/// Who may have signed `response` for `issuer`'s certificates: the issuer
/// itself, or a certificate it issued for OCSP signing (RFC 6960 §4.2.2.2)
/// that the response (or the document) carries and the responder id names.
fn responder(
    response: &BasicResponse,
    issuer: &Certificate,
    extra: &[Certificate],
) -> Option<Certificate> {
    let named = |candidate: &Certificate| match response.responder {
        ResponderId::ByName(name) => crate::pki::same_name(name, &candidate.subject_der),
        ResponderId::ByKey(hash) => candidate
            .key_bits()
            .is_some_and(|bits| Hash::Sha1.digest(&[bits]) == hash),
    };
    if named(issuer) {
        return Some(issuer.clone());
    }
    let carried = response
        .certificates
        .iter()
        .filter_map(|der| parse_certificate(der).ok());
    carried.chain(extra.iter().cloned()).find(|candidate| {
        named(candidate)
            && candidate
                .extended_key_usage
                .iter()
                .any(|eku| oid::is(eku, oid::KP_OCSP_SIGNING))
            && crate::pki::same_name(&candidate.issuer_der, &issuer.subject_der)
            && issued_by(candidate, issuer)
            && candidate.not_before <= response.produced_at
            && response.produced_at <= candidate.not_after
    })
}

fn from_crl(
    list: &crl::Crl,
    source: RevocationSource,
    subject: &Certificate,
    issuer: &Certificate,
) -> Option<Answer> {
    if !crate::pki::same_name(list.issuer, &issuer.subject_der)
        || !verifies(issuer, &list.signature_algorithm, list.tbs, list.signature)
    {
        return None;
    }
    let revoked = list
        .revoked
        .iter()
        .find(|entry| subject.has_serial(entry.serial))
        .map(|entry| (entry.at, entry.reason));
    Some(Answer {
        revoked,
        produced: list.this_update,
        source,
    })
}
