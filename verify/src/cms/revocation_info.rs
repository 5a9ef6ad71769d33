//! Revocation data inside a CMS (spec §6c): the SignedData's `crls`
//! (RevocationInfoChoices: CRLs, and OCSP responses as
//! `id-ri-ocsp-response` other formats, RFC 5940), and Adobe's signed
//! attribute `adbe-revocationInfoArchival`:
//!
//! ```text
//! RevocationInfoArchival ::= SEQUENCE {
//!     crl  [0] EXPLICIT SEQUENCE OF CRLs OPTIONAL,
//!     ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL,
//!     otherRevInfo [2] EXPLICIT SEQUENCE OF OtherRevInfo OPTIONAL }
//! ```

use super::der::{self, Reader, Tag, Tlv};
use super::error::CmsError;
use crate::oid;

/// The most revocation values read from one CMS.
const MAX_VALUES: usize = 64;

/// CRLs and OCSP responses carried in a CMS (raw TLVs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevocationValues<'a> {
    pub crls: Vec<&'a [u8]>,
    pub ocsps: Vec<&'a [u8]>,
}

impl RevocationValues<'_> {
    fn full(&self) -> bool {
        self.crls.len() + self.ocsps.len() >= MAX_VALUES
    }
}

/// SignedData's `crls [1] IMPLICIT RevocationInfoChoices`.
pub(super) fn choices<'a>(set: &Tlv<'a>) -> Result<RevocationValues<'a>, CmsError> {
    let mut values = RevocationValues::default();
    let mut reader = set.children("crls")?;
    while !reader.is_empty() && !values.full() {
        let choice = reader.read()?;
        if choice.tag == der::SEQUENCE {
            values.crls.push(choice.raw);
        } else if choice.tag == Tag::context(1, true) {
            // OtherRevocationInfoFormat { otherRevInfoFormat OID, otherRevInfo ANY }.
            let mut other = choice.children("OtherRevocationInfoFormat")?;
            let format = super::oid::read(&other.read()?, "otherRevInfoFormat")?;
            if oid::is(format.0, oid::RI_OCSP_RESPONSE) {
                values.ocsps.push(other.read()?.raw);
            }
        }
    }
    Ok(values)
}

/// The value of `adbe-revocationInfoArchival`; what does not read is left
/// out (it can only vouch for less).
pub(super) fn archival(value: &[u8]) -> RevocationValues<'_> {
    let mut values = RevocationValues::default();
    let Ok(outer) = Reader::new(value).read() else {
        return values;
    };
    let Ok(mut fields) = outer.children("RevocationInfoArchival") else {
        return values;
    };
    while let Ok(field) = fields.read() {
        let list = match field.tag.number {
            0 => &mut values.crls,
            1 => &mut values.ocsps,
            _ => continue,
        };
        let Ok(sequence) = field.children("archival").and_then(|mut c| c.read()) else {
            continue;
        };
        let Ok(mut items) = sequence.children("archival list") else {
            continue;
        };
        while let Ok(item) = items.read() {
            if list.len() >= MAX_VALUES {
                break;
            }
            list.push(item.raw);
        }
    }
    values
}
