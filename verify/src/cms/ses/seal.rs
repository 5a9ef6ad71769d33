//! The electronic seal inside an SES signature (`SESeal`): what the seal's
//! maker (a seal authority) issued and signed — its name, picture,
//! validity and the certificates allowed to stamp it.
//!
//! ```text
//! v4  SESeal ::= SEQUENCE { esealInfo SES_SealInfo, cert OCTET STRING,
//!         signAlgID OID, signedValue BIT STRING }
//! v1  SESeal ::= SEQUENCE { esealInfo SES_SealInfo,
//!         signInfo SEQUENCE { cert OCTET STRING, signatureAlgorithm OID, signData BIT STRING } }
//! SES_SealInfo ::= SEQUENCE { header SEQUENCE { ID IA5String, version INTEGER, Vid IA5String },
//!         esID IA5String, property SES_ESPropertyInfo, picture SES_ESPictrueInfo,
//!         extDatas ExtensionDatas OPTIONAL }
//! SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String,
//!         certListType INTEGER (v4 only), certList, createDate, validStart, validEnd }
//!     certList: v1 and v4 type 1 SEQUENCE OF OCTET STRING (certificates);
//!               v4 type 2 SEQUENCE OF SEQUENCE { type PrintableString, value OCTET STRING }
//! SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER }
//! ```
//!
//! What the maker signs: in v1, DER `SEQUENCE { esealInfo, cert,
//! signatureAlgorithm }` (GM/T 0031-2014); in v4, `esealInfo` itself, as
//! the open implementations write and check it (ofdrw, the GB/T 38540
//! verifier of Chingliu), or that same SEQUENCE, as others read the
//! standard. Both are rebuilt from the transmitted bytes; either holding
//! is the maker's signature holding.

use super::super::der::{self, Tlv};
use super::super::error::CmsError;
use super::super::oid::{self, Oid};
use super::super::primitive;

/// The most certificates (or digests) a seal may name as its signers.
pub const MAX_ALLOWED_SIGNERS: usize = 64;

/// Whom the seal lets stamp it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedSigners {
    /// The signers' certificates (DER).
    Certificates(Vec<Vec<u8>>),
    /// Digests of the signers' certificates: (the hash's name as written,
    /// the digest).
    Digests(Vec<(String, Vec<u8>)>),
}

/// The seal's picture as carried: `kind` as the seal names it (`png`,
/// `jpg`, `gif`, `ofd`, `svg`, …), width and height in millimetres.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture<'a> {
    pub kind: String,
    pub data: &'a [u8],
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// A read `SESeal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealData<'a> {
    /// The header's version (4, or 1/2 for GM/T 0031 seals) and vendor.
    pub header_version: u32,
    pub vendor: String,
    /// `esID`: the seal's code.
    pub id: String,
    /// `type`: 1 official seal, 2 personal seal (GB/T 38540 §6.2.3).
    pub kind: u32,
    pub name: String,
    pub signers: AllowedSigners,
    pub created: Option<i64>,
    pub valid_from: Option<i64>,
    pub valid_to: Option<i64>,
    pub picture: Picture<'a>,
    /// What the maker may have signed, in the order tried (see the
    /// module's notes).
    pub maker_signed: Vec<Vec<u8>>,
    /// The maker's certificate (DER).
    pub maker_certificate: Vec<u8>,
    pub maker_algorithm: Oid<'a>,
    pub maker_signature: &'a [u8],
}

/// Read an `SESeal` of either version.
pub(super) fn read<'a>(seal: &Tlv<'a>) -> Result<SealData<'a>, CmsError> {
    let mut fields = seal.children("SESeal")?;
    let info = fields.expect(der::SEQUENCE, "SES_SealInfo")?;
    let next = fields.read()?;
    let v1 = next.tag == der::SEQUENCE;
    let (cert, algorithm, signature) = if v1 {
        // v1: SES_SignInfo.
        let mut sign_info = next.children("SES_SignInfo")?;
        let cert = sign_info.read()?;
        let algorithm = sign_info.read()?;
        let signature = sign_info.read()?;
        sign_info.finish("SES_SignInfo")?;
        (cert, algorithm, signature)
    } else {
        (next, fields.read()?, fields.read()?)
    };
    fields.finish("SESeal")?;
    let sequence = der::encode(0x30, &[info.raw, cert.raw, algorithm.raw]);
    let maker_signed = if v1 {
        vec![sequence]
    } else {
        vec![info.raw.to_vec(), sequence]
    };
    let mut data = seal_info(&info)?;
    data.maker_signed = maker_signed;
    data.maker_certificate = primitive::octets(&cert, "SESeal.cert")?;
    data.maker_algorithm = oid::read(&algorithm, "SESeal.signAlgID")?;
    data.maker_signature = primitive::bit_string(&signature, "SESeal.signedValue")?;
    Ok(data)
}

fn seal_info<'a>(info: &Tlv<'a>) -> Result<SealData<'a>, CmsError> {
    let mut fields = info.children("SES_SealInfo")?;
    let mut header = fields
        .expect(der::SEQUENCE, "SES_Header")?
        .children("SES_Header")?;
    header.expect(der::IA5_STRING, "SES_Header.ID")?;
    let header_version = primitive::small_uint(&header.read()?, "SES_Header.version")?;
    let vendor = text(header.expect(der::IA5_STRING, "SES_Header.Vid")?.content);
    let id = text(fields.expect(der::IA5_STRING, "SES_SealInfo.esID")?.content);
    let mut property = fields
        .expect(der::SEQUENCE, "SES_ESPropertyInfo")?
        .children("SES_ESPropertyInfo")?;
    let kind = primitive::small_uint(&property.read()?, "SES_ESPropertyInfo.type")?;
    let name = text(property.read()?.content);
    let list_type = match property.optional(der::INTEGER)? {
        Some(tlv) => Some(primitive::small_uint(
            &tlv,
            "SES_ESPropertyInfo.certListType",
        )?),
        None => None,
    };
    let signers = signers(&property.expect(der::SEQUENCE, "SES_CertList")?, list_type)?;
    let created = primitive::time(&property.read()?);
    let valid_from = primitive::time(&property.read()?);
    let valid_to = primitive::time(&property.read()?);
    let mut picture = fields
        .expect(der::SEQUENCE, "SES_ESPictrueInfo")?
        .children("SES_ESPictrueInfo")?;
    let picture = Picture {
        kind: text(
            picture
                .expect(der::IA5_STRING, "SES_ESPictrueInfo.type")?
                .content,
        ),
        data: picture
            .expect(der::OCTET_STRING, "SES_ESPictrueInfo.data")?
            .content,
        width: picture
            .read()
            .ok()
            .and_then(|tlv| primitive::small_uint(&tlv, "width").ok()),
        height: picture
            .read()
            .ok()
            .and_then(|tlv| primitive::small_uint(&tlv, "height").ok()),
    };
    // extDatas, if any, carry nothing this verification reads.
    Ok(SealData {
        header_version,
        vendor,
        id,
        kind,
        name,
        signers,
        created,
        valid_from,
        valid_to,
        picture,
        maker_signed: Vec::new(),
        maker_certificate: Vec::new(),
        maker_algorithm: Oid(&[]),
        maker_signature: &[],
    })
}

/// `certList`: certificates (v1, v4 type 1) or digests of them (v4 type 2);
/// the elements' own shape decides when the type says nothing.
fn signers(list: &Tlv<'_>, list_type: Option<u32>) -> Result<AllowedSigners, CmsError> {
    let mut elements = list.children("SES_CertList")?;
    let mut certificates = Vec::new();
    let mut digests = Vec::new();
    while !elements.is_empty() {
        if certificates.len() + digests.len() >= MAX_ALLOWED_SIGNERS {
            return Err(CmsError::TooMany {
                what: "certificates allowed by a seal",
                max: MAX_ALLOWED_SIGNERS,
            });
        }
        let element = elements.read()?;
        if element.tag == der::SEQUENCE && list_type != Some(1) {
            let mut digest = element.children("CertDigestObj")?;
            let kind = text(digest.read()?.content);
            let value = primitive::octets(&digest.read()?, "CertDigestObj.value")?;
            digests.push((kind, value));
        } else {
            certificates.push(primitive::octets(&element, "SES_CertList.cert")?);
        }
    }
    Ok(if digests.is_empty() {
        AllowedSigners::Certificates(certificates)
    } else {
        AllowedSigners::Digests(digests)
    })
}

/// Text as written (UTF-8, else the bytes' Latin-1 reading): shown as text,
/// never markup.
fn text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}
