//! Reading an OCSP response (RFC 6960 §4.2.1) as PDFs carry it: a full
//! `OCSPResponse`, or the `BasicOCSPResponse` inside one. The signed
//! `tbsResponseData` keeps its bytes as transmitted. Read with the CMS
//! module's BER/DER reader (no OCSP crate of the `der` 0.8 generation
//! exists; `x509-ocsp` is built on `der` 0.7).
//!
//! ```text
//! OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT
//!     SEQUENCE { responseType OID, response OCTET STRING } OPTIONAL }
//! BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData,
//!     signatureAlgorithm AlgorithmIdentifier, signature BIT STRING,
//!     certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
//! ResponseData ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1,
//!     responderID CHOICE { byName [1] Name, byKey [2] OCTET STRING },
//!     producedAt GeneralizedTime, responses SEQUENCE OF SingleResponse, … }
//! SingleResponse ::= SEQUENCE { certID SEQUENCE { hashAlgorithm, issuerNameHash,
//!     issuerKeyHash, serialNumber }, certStatus CHOICE { good [0], revoked [1]
//!     SEQUENCE { revocationTime, revocationReason [0] EXPLICIT ENUMERATED OPTIONAL },
//!     unknown [2] }, thisUpdate GeneralizedTime, nextUpdate [0] EXPLICIT OPTIONAL, … }
//! ```

use crate::cms::der::{self, Reader, Tag, Tlv};
use crate::cms::{algorithm, primitive, AlgorithmId, CmsError};
use crate::oid;
use crate::time;

use super::MAX_ENTRIES;

/// What a response says of one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertStatus {
    Good,
    Revoked { at: i64, reason: Option<u32> },
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SingleResponse<'a> {
    pub hash_algorithm: AlgorithmId<'a>,
    pub issuer_name_hash: &'a [u8],
    pub issuer_key_hash: &'a [u8],
    pub serial: &'a [u8],
    pub status: CertStatus,
    pub this_update: i64,
    pub next_update: Option<i64>,
}

/// Who signed the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponderId<'a> {
    /// The Name's full TLV.
    ByName(&'a [u8]),
    /// SHA-1 of the responder's public key.
    ByKey(&'a [u8]),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicResponse<'a> {
    /// `tbsResponseData` as transmitted: what the responder signed.
    pub tbs: &'a [u8],
    pub responder: ResponderId<'a>,
    pub produced_at: i64,
    pub responses: Vec<SingleResponse<'a>>,
    pub signature_algorithm: AlgorithmId<'a>,
    pub signature: &'a [u8],
    /// Certificates the responder sent along (its own, delegated).
    pub certificates: Vec<&'a [u8]>,
}

const ENUMERATED: Tag = Tag::universal(10, false);
const EXPLICIT_0: Tag = Tag::context(0, true);
const EXPLICIT_1: Tag = Tag::context(1, true);
const EXPLICIT_2: Tag = Tag::context(2, true);

/// Read an `OCSPResponse` (status successful) or a bare
/// `BasicOCSPResponse`.
pub fn read(data: &[u8]) -> Result<BasicResponse<'_>, CmsError> {
    let outer = Reader::new(data).read()?;
    let mut fields = outer
        .expect(der::SEQUENCE, "OCSPResponse")?
        .children("OCSPResponse")?;
    let first = fields.read()?;
    if first.tag != ENUMERATED {
        return basic(&outer);
    }
    if first.content != [0] {
        return Err(CmsError::Unexpected {
            what: "OCSPResponse.responseStatus (not successful)",
        });
    }
    let bytes = fields.expect(EXPLICIT_0, "OCSPResponse.responseBytes")?;
    let mut bytes = bytes
        .children("responseBytes")?
        .expect(der::SEQUENCE, "ResponseBytes")?
        .children("ResponseBytes")?;
    let kind = crate::cms::oid::read(&bytes.read()?, "ResponseBytes.responseType")?;
    if !oid::is(kind.0, oid::OCSP_BASIC) {
        return Err(CmsError::Unexpected {
            what: "ResponseBytes.responseType (not basic)",
        });
    }
    let response = bytes
        .expect(der::OCTET_STRING, "ResponseBytes.response")?
        .content;
    basic(&Reader::new(response).read()?)
}

fn basic<'a>(tlv: &Tlv<'a>) -> Result<BasicResponse<'a>, CmsError> {
    let mut fields = tlv
        .expect(der::SEQUENCE, "BasicOCSPResponse")?
        .children("BasicOCSPResponse")?;
    let tbs = fields.expect(der::SEQUENCE, "ResponseData")?;
    let signature_algorithm = algorithm(&fields.read()?, "BasicOCSPResponse.signatureAlgorithm")?;
    let signature = primitive::bit_string(&fields.read()?, "BasicOCSPResponse.signature")?;
    let mut certificates = Vec::new();
    if let Some(certs) = fields.optional(EXPLICIT_0)? {
        let mut list = certs
            .children("certs")?
            .expect(der::SEQUENCE, "certs")?
            .children("certs")?;
        while !list.is_empty() && certificates.len() < MAX_ENTRIES {
            certificates.push(list.read()?.raw);
        }
    }
    let mut data = tbs.children("ResponseData")?;
    data.optional(EXPLICIT_0)?;
    let responder_tlv = data.read()?;
    let mut responder_inner = responder_tlv.children("ResponderID")?;
    let inner = responder_inner.read()?;
    let responder = match responder_tlv.tag {
        EXPLICIT_1 => ResponderId::ByName(inner.raw),
        EXPLICIT_2 => ResponderId::ByKey(
            inner
                .expect(der::OCTET_STRING, "ResponderID.byKey")?
                .content,
        ),
        _ => {
            return Err(CmsError::Unexpected {
                what: "ResponderID",
            })
        }
    };
    let produced = data.expect(der::GENERALIZED_TIME, "producedAt")?;
    let produced_at =
        time::generalized_time(produced.content).ok_or(CmsError::BadTime { what: "producedAt" })?;
    let mut list = data
        .expect(der::SEQUENCE, "responses")?
        .children("responses")?;
    let mut responses = Vec::new();
    while !list.is_empty() {
        if responses.len() == MAX_ENTRIES {
            return Err(CmsError::TooMany {
                what: "OCSP single responses",
                max: MAX_ENTRIES,
            });
        }
        responses.push(single(&list.read()?)?);
    }
    Ok(BasicResponse {
        tbs: tbs.raw,
        responder,
        produced_at,
        responses,
        signature_algorithm,
        signature,
        certificates,
    })
}

fn single<'a>(tlv: &Tlv<'a>) -> Result<SingleResponse<'a>, CmsError> {
    let mut fields = tlv
        .expect(der::SEQUENCE, "SingleResponse")?
        .children("SingleResponse")?;
    let mut id = fields.expect(der::SEQUENCE, "CertID")?.children("CertID")?;
    let hash_algorithm = algorithm(&id.read()?, "CertID.hashAlgorithm")?;
    let issuer_name_hash = id
        .expect(der::OCTET_STRING, "CertID.issuerNameHash")?
        .content;
    let issuer_key_hash = id
        .expect(der::OCTET_STRING, "CertID.issuerKeyHash")?
        .content;
    let serial = primitive::integer_bytes(&id.read()?, "CertID.serialNumber")?;
    let status_tlv = fields.read()?;
    let status = match (status_tlv.tag.class, status_tlv.tag.number) {
        (der::Class::Context, 0) => CertStatus::Good,
        (der::Class::Context, 1) => {
            let mut info = status_tlv.children("RevokedInfo")?;
            let at = info.expect(der::GENERALIZED_TIME, "revocationTime")?;
            let at = time::generalized_time(at.content).ok_or(CmsError::BadTime {
                what: "revocationTime",
            })?;
            let reason = match info.optional(EXPLICIT_0)? {
                Some(reason) => reason
                    .children("revocationReason")?
                    .read()
                    .ok()
                    .and_then(|e| enumerated(&e)),
                None => None,
            };
            CertStatus::Revoked { at, reason }
        }
        _ => CertStatus::Unknown,
    };
    let this = fields.expect(der::GENERALIZED_TIME, "thisUpdate")?;
    let this_update =
        time::generalized_time(this.content).ok_or(CmsError::BadTime { what: "thisUpdate" })?;
    let next_update = match fields.optional(EXPLICIT_0)? {
        Some(next) => next
            .children("nextUpdate")?
            .read()
            .ok()
            .and_then(|t| time::generalized_time(t.content)),
        None => None,
    };
    Ok(SingleResponse {
        hash_algorithm,
        issuer_name_hash,
        issuer_key_hash,
        serial,
        status,
        this_update,
        next_update,
    })
}

/// A small ENUMERATED (a CRL reason).
pub(super) fn enumerated(tlv: &Tlv<'_>) -> Option<u32> {
    (tlv.tag == ENUMERATED && tlv.content.len() == 1).then(|| u32::from(tlv.content[0]))
}
