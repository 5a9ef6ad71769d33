//! The dev OCSP responder's answers (RFC 6960): a request read into its
//! CertIDs and nonce, and a successful OCSPResponse whose
//! BasicOCSPResponse the root's delegated responder signs. Pure: the caller
//! says what each serial's status is (`revocation` keeps that in SQLite).

use der::asn1::{BitString, GeneralizedTime, Int, Null, OctetString};
use der::{Decode, Encode};
use infoplus_signature_verify::Hash;
use signature::Signer;
use spki::AlgorithmIdentifierOwned;
use time::{Duration, OffsetDateTime};
use x509_cert::ext::pkix::CrlReason;
use x509_cert::ext::Extension;
use x509_cert::Certificate;

use super::ca::der_datetime;
use super::ocsp_asn1::{
    BasicOcspResponse, CertId, CertStatus, OcspRequest, OcspResponse, OcspResponseStatus,
    ResponderId, ResponseBytes, ResponseData, RevokedInfo, SingleResponse,
};
use super::signer::{signature_algorithm, RawSignature};
use super::{oids, DevPki, PkiError, RootCa};

/// How long an answer may be used: thisUpdate + 1 day is its nextUpdate.
const VALID_FOR: Duration = Duration::days(1);

/// The most CertIDs answered in one response; a longer list is refused as
/// malformed rather than signed (no real client asks for more).
const MAX_REQUESTS: usize = 64;

/// What the revocation state says of one serial of the CA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerialStatus {
    /// Issued by the CA and not revoked.
    Good,
    Revoked {
        at: OffsetDateTime,
        /// RFC 5280's CRLReason; `Unspecified` is left out of the answer
        /// (RFC 5280 §5.3.1 prefers no reason to that one).
        reason: CrlReason,
    },
    /// Not a serial the CA issued.
    Unknown,
}

/// A request as the responder needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcspQuery {
    pub(crate) cert_ids: Vec<CertId>,
    /// The id-pkix-ocsp-nonce extension, repeated in the answer.
    pub(crate) nonce: Option<Extension>,
}

/// Why a request got `malformedRequest`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed OCSP request: {0}")]
pub struct MalformedRequest(pub String);

/// Reads a DER `OCSPRequest` with 1 to [`MAX_REQUESTS`] CertIDs.
pub fn read_request(der: &[u8]) -> Result<OcspQuery, MalformedRequest> {
    let request = OcspRequest::from_der(der).map_err(|e| MalformedRequest(e.to_string()))?;
    let tbs = request.tbs_request;
    if tbs.request_list.is_empty() || tbs.request_list.len() > MAX_REQUESTS {
        return Err(MalformedRequest(format!(
            "{} CertIDs (1 to {MAX_REQUESTS} are answered)",
            tbs.request_list.len()
        )));
    }
    let nonce = tbs
        .request_extensions
        .into_iter()
        .flatten()
        .find(|e| e.extn_id == oids::OCSP_NONCE);
    Ok(OcspQuery {
        cert_ids: tbs.request_list.into_iter().map(|r| r.req_cert).collect(),
        nonce,
    })
}

/// The OCSPResponse for a request that could not be read: status
/// `malformedRequest` and nothing else (RFC 6960 §2.3: not signed).
pub fn malformed_response() -> Vec<u8> {
    unsuccessful(OcspResponseStatus::MalformedRequest)
}

/// The OCSPResponse when the responder cannot answer: `internalError`.
pub fn internal_error_response() -> Vec<u8> {
    unsuccessful(OcspResponseStatus::InternalError)
}

fn unsuccessful(response_status: OcspResponseStatus) -> Vec<u8> {
    // Five bytes (`30 03 0a 01 0n`): encoding them cannot fail, and if it
    // did an empty body is still no answer a client would trust.
    OcspResponse {
        response_status,
        response_bytes: None,
    }
    .to_der()
    .unwrap_or_default()
}

/// A query for `certificate` (issued by `ca`), its CertID made with `hash`
/// (SHA-1 is what RFC 5019 clients and Acrobat use).
pub fn query_for_certificate(
    pki: &DevPki,
    ca: RootCa,
    certificate: &Certificate,
    hash: Hash,
) -> Result<OcspQuery, PkiError> {
    let (name_hash, key_hash) = issuer_hashes(pki, ca, hash)?;
    let der_err = PkiError::der("CertID");
    let id = CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: hash.oid(),
            // RFC 5754: SHA-2 without parameters; SHA-1 as OpenSSL writes
            // it, with NULL.
            parameters: (hash == Hash::Sha1).then(|| der::Any::from(Null)),
        },
        issuer_name_hash: OctetString::new(name_hash).map_err(&der_err)?,
        issuer_key_hash: OctetString::new(key_hash).map_err(&der_err)?,
        serial_number: Int::new(certificate.tbs_certificate().serial_number().as_bytes())
            .map_err(der_err)?,
    };
    Ok(OcspQuery {
        cert_ids: vec![id],
        nonce: None,
    })
}

/// A successful OCSPResponse answering every CertID of `query` for `ca`:
/// `status_of` is asked about serials (big-endian, no leading zeros) whose
/// CertID names `ca` as issuer; any other CertID is `unknown`. Signed by
/// `ca`'s delegated responder, named by key, its certificate included;
/// producedAt and thisUpdate `now`, nextUpdate a day later.
pub fn respond(
    pki: &DevPki,
    ca: RootCa,
    query: &OcspQuery,
    now: OffsetDateTime,
    status_of: &dyn Fn(&[u8]) -> SerialStatus,
) -> Result<Vec<u8>, PkiError> {
    let (signer, responder) = pki.responder(ca).signer(ca.kind())?;
    let this_update = generalized(now)?;
    let next_update = generalized(now + VALID_FOR)?;
    let mut responses = Vec::with_capacity(query.cert_ids.len());
    for id in &query.cert_ids {
        let status = if names_issuer(pki, ca, id)? {
            serial(&id.serial_number).map_or(SerialStatus::Unknown, status_of)
        } else {
            SerialStatus::Unknown
        };
        responses.push(SingleResponse {
            cert_id: id.clone(),
            cert_status: cert_status(status)?,
            this_update,
            next_update: Some(next_update),
            single_extensions: None,
        });
    }
    let key_hash = Hash::Sha1.digest(&[responder
        .tbs_certificate()
        .subject_public_key_info()
        .subject_public_key
        .raw_bytes()]);
    let der_err = PkiError::der("OCSP response");
    let data = ResponseData {
        version: None,
        responder_id: ResponderId::ByKey(OctetString::new(key_hash).map_err(&der_err)?),
        produced_at: this_update,
        responses,
        response_extensions: query.nonce.clone().map(|nonce| vec![nonce]),
    };
    let tbs = data.to_der().map_err(&der_err)?;
    let RawSignature(signature) = signer
        .try_sign(&tbs)
        .map_err(PkiError::build("OCSP response signature"))?;
    let basic = BasicOcspResponse {
        tbs_response_data: data,
        signature_algorithm: signature_algorithm(ca.kind()),
        signature: BitString::from_bytes(&signature).map_err(&der_err)?,
        certs: Some(vec![responder]),
    };
    OcspResponse {
        response_status: OcspResponseStatus::Successful,
        response_bytes: Some(ResponseBytes {
            response_type: oids::OCSP_BASIC,
            response: OctetString::new(basic.to_der().map_err(&der_err)?).map_err(&der_err)?,
        }),
    }
    .to_der()
    .map_err(der_err)
}

/// Does `id` name `ca`'s root: its name's and key's hashes under the hash
/// the CertID names? A hash we do not know names nothing.
fn names_issuer(pki: &DevPki, ca: RootCa, id: &CertId) -> Result<bool, PkiError> {
    let Some(hash) = Hash::from_oid(id.hash_algorithm.oid.as_bytes()) else {
        return Ok(false);
    };
    let (name_hash, key_hash) = issuer_hashes(pki, ca, hash)?;
    Ok(id.issuer_name_hash.as_bytes() == name_hash.as_slice()
        && id.issuer_key_hash.as_bytes() == key_hash.as_slice())
}

/// RFC 6960 §4.1.1: the hash of the issuer's DER-encoded name, and of the
/// value of its public key's BIT STRING (tag, length and unused-bits octet
/// excluded).
fn issuer_hashes(pki: &DevPki, ca: RootCa, hash: Hash) -> Result<(Vec<u8>, Vec<u8>), PkiError> {
    let root = pki.root(ca).certificate()?;
    let tbs = root.tbs_certificate();
    let name = tbs
        .subject()
        .to_der()
        .map_err(PkiError::der("issuer name"))?;
    let key = tbs.subject_public_key_info().subject_public_key.raw_bytes();
    Ok((hash.digest(&[&name]), hash.digest(&[key])))
}

/// A positive serial's magnitude; `None` for a negative one, which no dev
/// CA issues.
fn serial(value: &Int) -> Option<&[u8]> {
    let bytes = value.as_bytes();
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        return None;
    }
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    Some(&bytes[start..])
}

fn cert_status(status: SerialStatus) -> Result<CertStatus, PkiError> {
    Ok(match status {
        SerialStatus::Good => CertStatus::Good(Null),
        SerialStatus::Unknown => CertStatus::Unknown(Null),
        SerialStatus::Revoked { at, reason } => CertStatus::Revoked(RevokedInfo {
            revocation_time: generalized(at)?,
            revocation_reason: (reason != CrlReason::Unspecified).then_some(reason),
        }),
    })
}

/// OCSP writes every time as GeneralizedTime, in whole seconds.
fn generalized(t: OffsetDateTime) -> Result<GeneralizedTime, PkiError> {
    Ok(GeneralizedTime::from_date_time(der_datetime(t)?))
}
