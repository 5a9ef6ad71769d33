//! RFC 6960's ASN.1 (Appendix B.1, a module of EXPLICIT TAGS), the parts an
//! OCSP responder reads and writes: the request, the response, the basic
//! response and its pieces. Declared with der's derive, so the encoding is
//! der's, not ours. (`x509-ocsp` 0.2 is built on der 0.7 and cannot mix with
//! der 0.8.)

use der::asn1::{BitString, GeneralizedTime, Int, Null, ObjectIdentifier, OctetString};
use der::{Any, Choice, Enumerated, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::CrlReason;
use x509_cert::ext::Extensions;
use x509_cert::name::Name;
use x509_cert::Certificate;

/// `OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest, optionalSignature [0]
/// EXPLICIT Signature OPTIONAL }`. A signed request is accepted, its
/// signature not checked (the dev responder answers anyone).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct OcspRequest {
    pub tbs_request: TbsRequest,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub optional_signature: Option<Any>,
}

/// `TBSRequest ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1,
/// requestorName [1] EXPLICIT GeneralName OPTIONAL, requestList SEQUENCE OF
/// Request, requestExtensions [2] EXPLICIT Extensions OPTIONAL }`. The
/// version is an `Option`: DER leaves v1 out, but a client that writes it
/// anyway is still understood.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct TbsRequest {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub version: Option<u8>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub requestor_name: Option<GeneralName>,
    pub request_list: Vec<Request>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub request_extensions: Option<Extensions>,
}

/// `Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0]
/// EXPLICIT Extensions OPTIONAL }`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct Request {
    pub req_cert: CertId,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub single_request_extensions: Option<Extensions>,
}

/// `CertID ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, issuerNameHash
/// OCTET STRING, issuerKeyHash OCTET STRING, serialNumber
/// CertificateSerialNumber }`. The serial is a plain INTEGER: a request may
/// name any serial, and the answer repeats the CertID as it came.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct CertId {
    pub hash_algorithm: AlgorithmIdentifierOwned,
    pub issuer_name_hash: OctetString,
    pub issuer_key_hash: OctetString,
    pub serial_number: Int,
}

/// `OCSPResponseStatus ::= ENUMERATED { … }` (4 is not used).
#[derive(Clone, Copy, Debug, Eq, PartialEq, Enumerated)]
#[repr(u32)]
pub(crate) enum OcspResponseStatus {
    Successful = 0,
    MalformedRequest = 1,
    InternalError = 2,
    TryLater = 3,
    SigRequired = 5,
    Unauthorized = 6,
}

/// `OCSPResponse ::= SEQUENCE { responseStatus OCSPResponseStatus,
/// responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct OcspResponse {
    pub response_status: OcspResponseStatus,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub response_bytes: Option<ResponseBytes>,
}

/// `ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response
/// OCTET STRING }`: for id-pkix-ocsp-basic, the DER of a
/// [`BasicOcspResponse`].
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct ResponseBytes {
    pub response_type: ObjectIdentifier,
    pub response: OctetString,
}

/// `BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData,
/// signatureAlgorithm AlgorithmIdentifier, signature BIT STRING, certs [0]
/// EXPLICIT SEQUENCE OF Certificate OPTIONAL }`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct BasicOcspResponse {
    pub tbs_response_data: ResponseData,
    pub signature_algorithm: AlgorithmIdentifierOwned,
    pub signature: BitString,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub certs: Option<Vec<Certificate>>,
}

/// `ResponseData ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1,
/// responderID ResponderID, producedAt GeneralizedTime, responses SEQUENCE OF
/// SingleResponse, responseExtensions [1] EXPLICIT Extensions OPTIONAL }`
/// (version as in [`TbsRequest`]).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct ResponseData {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub version: Option<u8>,
    pub responder_id: ResponderId,
    pub produced_at: GeneralizedTime,
    pub responses: Vec<SingleResponse>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub response_extensions: Option<Extensions>,
}

/// `ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }`, explicit
/// tags (the module's default); `KeyHash` is the SHA-1 of the responder's
/// public key bits.
#[derive(Clone, Debug, Eq, PartialEq, Choice)]
pub(crate) enum ResponderId {
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", constructed = "true")]
    ByName(Name),
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", constructed = "true")]
    ByKey(OctetString),
}

/// `SingleResponse ::= SEQUENCE { certID CertID, certStatus CertStatus,
/// thisUpdate GeneralizedTime, nextUpdate [0] EXPLICIT GeneralizedTime
/// OPTIONAL, singleExtensions [1] EXPLICIT Extensions OPTIONAL }`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SingleResponse {
    pub cert_id: CertId,
    pub cert_status: CertStatus,
    pub this_update: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub next_update: Option<GeneralizedTime>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub single_extensions: Option<Extensions>,
}

/// `CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT
/// RevokedInfo, unknown [2] IMPLICIT UnknownInfo }` (`UnknownInfo ::=
/// NULL`): the one place RFC 6960 tags implicitly.
#[derive(Clone, Debug, Eq, PartialEq, Choice)]
pub(crate) enum CertStatus {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    Good(Null),
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Revoked(RevokedInfo),
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT")]
    Unknown(Null),
}

/// `RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime,
/// revocationReason [0] EXPLICIT CRLReason OPTIONAL }`.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct RevokedInfo {
    pub revocation_time: GeneralizedTime,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub revocation_reason: Option<CrlReason>,
}

#[cfg(test)]
#[path = "ocsp_asn1_tests.rs"]
mod tests;
