//! Reading a CRL (RFC 5280 §5.1): who issued it, when, what it revokes and
//! why; `tbsCertList` kept as transmitted for its signature. Our reader,
//! not x509-cert's, for the same reason as the CMS: the signed bytes are
//! checked as sent, never re-encoded.
//!
//! ```text
//! CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
//! TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature AlgorithmIdentifier,
//!     issuer Name, thisUpdate Time, nextUpdate Time OPTIONAL,
//!     revokedCertificates SEQUENCE OF SEQUENCE { userCertificate INTEGER,
//!         revocationDate Time, crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
//!     crlExtensions [0] EXPLICIT Extensions OPTIONAL }
//! ```

use crate::cms::der::{self, Reader, Tlv};
use crate::cms::{algorithm, primitive, AlgorithmId, CmsError};
use crate::oid;

use super::ocsp::enumerated;

/// The most entries read from one CRL; a larger one answers for nobody
/// (its entries cannot all be looked at within our bounds).
pub const MAX_REVOKED: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked<'a> {
    pub serial: &'a [u8],
    pub at: i64,
    pub reason: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crl<'a> {
    /// `tbsCertList` as transmitted.
    pub tbs: &'a [u8],
    /// The issuer Name's full TLV.
    pub issuer: &'a [u8],
    pub this_update: i64,
    pub next_update: Option<i64>,
    pub revoked: Vec<Revoked<'a>>,
    pub signature_algorithm: AlgorithmId<'a>,
    pub signature: &'a [u8],
}

pub fn read(data: &[u8]) -> Result<Crl<'_>, CmsError> {
    let outer = Reader::new(data).read()?;
    let mut fields = outer
        .expect(der::SEQUENCE, "CertificateList")?
        .children("CertificateList")?;
    let tbs = fields.expect(der::SEQUENCE, "TBSCertList")?;
    let signature_algorithm = algorithm(&fields.read()?, "CertificateList.signatureAlgorithm")?;
    let signature = primitive::bit_string(&fields.read()?, "CertificateList.signatureValue")?;
    let mut list = tbs.children("TBSCertList")?;
    list.optional(der::INTEGER)?;
    list.expect(der::SEQUENCE, "TBSCertList.signature")?;
    let issuer = list.expect(der::SEQUENCE, "TBSCertList.issuer")?.raw;
    let this_update =
        primitive::time(&list.read()?).ok_or(CmsError::BadTime { what: "thisUpdate" })?;
    let mut next_update = None;
    if matches!(list.peek_tag(), Some(der::UTC_TIME | der::GENERALIZED_TIME)) {
        next_update = primitive::time(&list.read()?);
    }
    let mut revoked = Vec::new();
    if let Some(entries) = list.optional(der::SEQUENCE)? {
        let mut entries = entries.children("revokedCertificates")?;
        while !entries.is_empty() {
            if revoked.len() == MAX_REVOKED {
                return Err(CmsError::TooMany {
                    what: "CRL entries",
                    max: MAX_REVOKED,
                });
            }
            revoked.push(entry(&entries.read()?)?);
        }
    }
    Ok(Crl {
        tbs: tbs.raw,
        issuer,
        this_update,
        next_update,
        revoked,
        signature_algorithm,
        signature,
    })
}

fn entry<'a>(tlv: &Tlv<'a>) -> Result<Revoked<'a>, CmsError> {
    let mut fields = tlv
        .expect(der::SEQUENCE, "CRL entry")?
        .children("CRL entry")?;
    let serial = primitive::integer_bytes(&fields.read()?, "userCertificate")?;
    let at = primitive::time(&fields.read()?).ok_or(CmsError::BadTime {
        what: "revocationDate",
    })?;
    let mut reason = None;
    if let Some(extensions) = fields.optional(der::SEQUENCE)? {
        let mut extensions = extensions.children("crlEntryExtensions")?;
        while !extensions.is_empty() {
            let mut extension = extensions
                .expect(der::SEQUENCE, "Extension")?
                .children("Extension")?;
            let id = crate::cms::oid::read(&extension.read()?, "Extension.extnID")?;
            extension.optional(der::BOOLEAN)?;
            let value = extension
                .expect(der::OCTET_STRING, "Extension.extnValue")?
                .content;
            if oid::is(id.0, oid::CRL_REASON) {
                reason = Reader::new(value).read().ok().and_then(|e| enumerated(&e));
            }
        }
    }
    Ok(Revoked { serial, at, reason })
}
