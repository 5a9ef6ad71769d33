//! Reading a Chinese electronic-seal signature (spec §6d): a GB/T
//! 38540-2020 `SES_Signature` (v4) or a GM/T 0031-2014 one (v1), which
//! some providers put in a PDF's `/Contents` instead of a CMS.
//!
//! ```text
//! v4  SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING,
//!         signatureAlgID OID, signature BIT STRING, timeStamp [0] BIT STRING OPTIONAL }
//!     TBS_Sign ::= SEQUENCE { version INTEGER, eseal SESeal,
//!         timeInfo GeneralizedTime, dataHash BIT STRING, propertyInfo IA5String,
//!         extDatas [0] EXPLICIT ExtensionDatas OPTIONAL }
//! v1  SES_Signature ::= SEQUENCE { toSign TBS_Sign, signature BIT STRING }
//!     TBS_Sign ::= SEQUENCE { version INTEGER, eseal SESeal, timeInfo BIT STRING,
//!         dataHash BIT STRING, propertyInfo IA5String, cert OCTET STRING,
//!         signatureAlgorithm OID, extDatas … OPTIONAL }
//! ```
//!
//! The seal itself (`SESeal`) is read by [`seal`]. Versions are told apart
//! by shape, not by the version numbers (real v4 signatures say 3 or 4 in
//! `TBS_Sign.version`). Everything keeps its bytes as transmitted, so the
//! signatures are checked over what was signed. Bounds: the CMS reader's
//! (input size, depth), and [`seal::MAX_ALLOWED_SIGNERS`].

mod seal;
mod sniff;

pub use seal::{AllowedSigners, Picture, SealData};
pub(super) use sniff::is_ses_signature;

use super::der::{self, Reader, Tag, Tlv};
use super::error::CmsError;
use super::oid::{self, Oid};
use super::primitive;
use crate::time;

/// Which standard the structure follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SesVersion {
    /// GB/T 38540-2020.
    V4,
    /// GM/T 0031-2014.
    V1,
}

impl SesVersion {
    pub fn number(self) -> u8 {
        match self {
            SesVersion::V4 => 4,
            SesVersion::V1 => 1,
        }
    }
}

/// A read `SES_Signature`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SesSignature<'a> {
    pub version: SesVersion,
    /// `TBS_Sign` as transmitted: what the signer signed.
    pub to_sign: &'a [u8],
    pub seal: SealData<'a>,
    /// `timeInfo`: when the signer says it signed; `None` if unreadable.
    pub time: Option<i64>,
    /// `dataHash`: the hash of the signed document data.
    pub data_hash: &'a [u8],
    /// `propertyInfo`: where the original lives, as the signer wrote it.
    pub property_info: &'a [u8],
    /// The signer's certificate (DER).
    pub signer_certificate: Vec<u8>,
    pub algorithm: Oid<'a>,
    /// The signature value: DER `SEQUENCE {r, s}` or `r‖s`.
    pub signature: &'a [u8],
    /// v4's `timeStamp`: an RFC 3161 token over the signature value.
    pub timestamp: Option<&'a [u8]>,
}

const TIMESTAMP: Tag = Tag::context(0, false);
const TIMESTAMP_CONSTRUCTED: Tag = Tag::context(0, true);
const BIT_STRING: Tag = Tag::universal(3, false);

/// Read an `SES_Signature` whose outer value [`is_ses_signature`] said yes to.
pub(super) fn read<'a>(outer: &Tlv<'a>) -> Result<SesSignature<'a>, CmsError> {
    let mut fields = outer
        .expect(der::SEQUENCE, "SES_Signature")?
        .children("SES_Signature")?;
    let to_sign = fields.expect(der::SEQUENCE, "TBS_Sign")?;
    let mut tbs = to_sign.children("TBS_Sign")?;
    primitive::small_uint(&tbs.read()?, "TBS_Sign.version")?;
    let seal = seal::read(&tbs.expect(der::SEQUENCE, "SESeal")?)?;
    let time_info = tbs.read()?;
    let data_hash = primitive::bit_string(&tbs.read()?, "TBS_Sign.dataHash")?;
    let property_info = tbs
        .expect(der::IA5_STRING, "TBS_Sign.propertyInfo")?
        .content;
    if time_info.tag == der::GENERALIZED_TIME || time_info.tag == der::UTC_TIME {
        // v4: the signer's certificate and algorithm follow TBS_Sign.
        let signer_certificate = primitive::octets(&fields.read()?, "SES_Signature.cert")?;
        let algorithm = oid::read(&fields.read()?, "SES_Signature.signatureAlgID")?;
        let signature = primitive::bit_string(&fields.read()?, "SES_Signature.signature")?;
        let timestamp = timestamp(&mut fields)?;
        fields.finish("SES_Signature")?;
        Ok(SesSignature {
            version: SesVersion::V4,
            to_sign: to_sign.raw,
            seal,
            time: primitive::time(&time_info),
            data_hash,
            property_info,
            signer_certificate,
            algorithm,
            signature,
            timestamp,
        })
    } else {
        // v1: they are the last fields of TBS_Sign itself.
        let signer_certificate = primitive::octets(&tbs.read()?, "TBS_Sign.cert")?;
        let algorithm = oid::read(&tbs.read()?, "TBS_Sign.signatureAlgorithm")?;
        let signature = primitive::bit_string(&fields.read()?, "SES_Signature.signature")?;
        fields.finish("SES_Signature")?;
        Ok(SesSignature {
            version: SesVersion::V1,
            to_sign: to_sign.raw,
            seal,
            time: primitive::bit_string(&time_info, "TBS_Sign.timeInfo")
                .ok()
                .and_then(time_text),
            data_hash,
            property_info,
            signer_certificate,
            algorithm,
            signature,
            timestamp: None,
        })
    }
}

/// v4's optional `timeStamp [0] BIT STRING`: ofdrw writes it `[0]
/// EXPLICIT`, others implicitly tagged or untagged (Chingliu's reader);
/// all three are read.
fn timestamp<'a>(fields: &mut Reader<'a>) -> Result<Option<&'a [u8]>, CmsError> {
    if let Some(tlv) = fields.optional(BIT_STRING)? {
        return primitive::bit_string(&tlv, "SES_Signature.timeStamp").map(Some);
    }
    if let Some(tlv) = fields.optional(TIMESTAMP)? {
        return primitive::bits(tlv.content, "SES_Signature.timeStamp").map(Some);
    }
    if let Some(tlv) = fields.optional(TIMESTAMP_CONSTRUCTED)? {
        let mut inner = tlv.children("SES_Signature.timeStamp")?;
        let value = inner.read()?;
        return match value.tag {
            BIT_STRING => primitive::bit_string(&value, "SES_Signature.timeStamp").map(Some),
            // A token put there as it is (a SEQUENCE).
            _ => Ok(Some(value.raw)),
        };
    }
    Ok(None)
}

/// v1's `timeInfo` BIT STRING: writers put a DER time value in it, or the
/// time's text (`YYYYMMDDHHMMSSZ`, `YYMMDDHHMMSSZ`).
fn time_text(bits: &[u8]) -> Option<i64> {
    if let Ok(tlv) = Reader::new(bits).read() {
        if let Some(at) = primitive::time(&tlv) {
            return Some(at);
        }
    }
    time::generalized_time(bits).or_else(|| time::utc_time(bits))
}

#[cfg(test)]
mod tests;
