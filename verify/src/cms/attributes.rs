//! Signed and unsigned attributes of a SignerInfo (RFC 5652 §5.3), kept as
//! transmitted. The signature over signed attributes covers their DER as
//! the signer wrote it, with the `[0]` tag replaced by SET's `31`: that is
//! [`SignedAttributes::to_be_signed`], built from the raw bytes and never
//! from a re-encoding (a re-encoder sorts SET OF, which breaks signers that
//! did not sort).

use super::der::{self, Reader, Tlv};
use super::error::CmsError;
use super::oid::{self, Oid};
use super::signed_data::SignerInfo;
use crate::time;

/// Most attributes one SignerInfo's set may have. Real signers use fewer
/// than ten; the limit bounds work and memory on hostile input.
pub const MAX_ATTRIBUTES: usize = 64;

/// Most values one attribute may have.
pub const MAX_VALUES: usize = 64;

/// One attribute: its type and each value's raw TLV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute<'a> {
    pub oid: Oid<'a>,
    pub values: Vec<&'a [u8]>,
}

/// The signed attributes and the bytes their signature covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedAttributes<'a> {
    /// The `signedAttrs` field as transmitted with its first byte `A0`
    /// replaced by `31` (RFC 5652 §5.4).
    pub to_be_signed: Vec<u8>,
    pub attributes: Vec<Attribute<'a>>,
}

/// The attributes of an `[n] IMPLICIT SET OF Attribute` value.
pub(super) fn read_set<'a>(set: &Tlv<'a>) -> Result<Vec<Attribute<'a>>, CmsError> {
    let mut elements = set.children("attributes")?;
    let mut attributes = Vec::new();
    while !elements.is_empty() {
        if attributes.len() == MAX_ATTRIBUTES {
            return Err(CmsError::TooMany {
                what: "attributes",
                max: MAX_ATTRIBUTES,
            });
        }
        let attribute = elements.expect(der::SEQUENCE, "Attribute")?;
        attributes.push(read_attribute(&attribute)?);
    }
    Ok(attributes)
}

fn read_attribute<'a>(attribute: &Tlv<'a>) -> Result<Attribute<'a>, CmsError> {
    let mut fields = attribute.children("Attribute")?;
    let oid = oid::read(&fields.read()?, "Attribute.attrType")?;
    let set = fields.expect(der::SET, "Attribute.attrValues")?;
    fields.finish("Attribute")?;
    let mut reader: Reader<'a> = set.children("Attribute.attrValues")?;
    let mut values = Vec::new();
    while !reader.is_empty() {
        if values.len() == MAX_VALUES {
            return Err(CmsError::TooMany {
                what: "attribute values",
                max: MAX_VALUES,
            });
        }
        values.push(reader.read()?.raw);
    }
    Ok(Attribute { oid, values })
}

/// The signed attributes of a `[0]` value and the bytes to verify.
pub(super) fn read_signed<'a>(field: &Tlv<'a>) -> Result<SignedAttributes<'a>, CmsError> {
    let attributes = read_set(field)?;
    Ok(SignedAttributes {
        to_be_signed: to_be_signed(field),
        attributes,
    })
}

/// `31` + the length + the content, from the raw bytes.
fn to_be_signed(field: &Tlv<'_>) -> Vec<u8> {
    if !field.indefinite {
        // `[0]` has a one-byte tag (`read_tag` refuses the long form for
        // numbers below 31), so only that byte changes.
        let mut bytes = field.raw.to_vec();
        if let Some(first) = bytes.first_mut() {
            *first = 0x31;
        }
        return bytes;
    }
    // BER indefinite length (`A0 80 … 00 00`): RFC 5652 requires the signed
    // attributes in DER, and a streaming signer hashes that DER, so the
    // outer length alone is written out as a definite DER length. The
    // content stays as transmitted.
    super::der::encode(0x31, &[field.content])
}

/// The single value of the single attribute of this type, if exactly one
/// such attribute with exactly one value exists. RFC 5652 §11 allows no
/// more for content-type, message-digest and signing-time; an ambiguous
/// set gives no answer rather than the first one.
pub(super) fn single_value<'a>(attributes: &[Attribute<'a>], oid: &[u8]) -> Option<&'a [u8]> {
    let mut matching = attributes.iter().filter(|a| a.oid == oid);
    let attribute = matching.next()?;
    if matching.next().is_some() {
        return None;
    }
    match attribute.values.as_slice() {
        [value] => Some(value),
        _ => None,
    }
}

/// The first value of the first attribute of this type (for unsigned
/// attributes, where RFC 3161 allows several timestamp tokens).
pub(super) fn first_value<'a>(attributes: &[Attribute<'a>], oid: &[u8]) -> Option<&'a [u8]> {
    attributes
        .iter()
        .find(|a| a.oid == oid)
        .and_then(|a| a.values.first().copied())
}

/// Reads one raw value TLV (for attribute accessors).
pub(super) fn value_tlv(raw: &[u8]) -> Option<Tlv<'_>> {
    let mut reader = Reader::new(raw);
    let tlv = reader.read().ok()?;
    reader.is_empty().then_some(tlv)
}

impl<'a> SignerInfo<'a> {
    fn signed(&self) -> &[Attribute<'a>] {
        self.signed_attributes
            .as_ref()
            .map_or(&[], |s| s.attributes.as_slice())
    }

    /// The single value (raw TLV) of a signed attribute that occurs once
    /// with one value.
    pub fn signed_value(&self, oid: &[u8]) -> Option<&'a [u8]> {
        single_value(self.signed(), oid)
    }

    /// The signed `adbe-revocationInfoArchival` (§6c), when there is one.
    pub fn revocation_archival(&self) -> super::RevocationValues<'a> {
        self.signed_value(crate::oid::ADBE_REVOCATION_INFO_ARCHIVAL.as_bytes())
            .map(super::revocation_info::archival)
            .unwrap_or_default()
    }

    /// The signed content-type attribute.
    pub fn content_type(&self) -> Option<Oid<'a>> {
        let tlv = value_tlv(self.signed_value(crate::oid::CONTENT_TYPE.as_bytes())?)?;
        oid::read(&tlv, "contentType").ok()
    }

    /// The signed message-digest attribute's octets.
    pub fn message_digest(&self) -> Option<&'a [u8]> {
        let tlv = value_tlv(self.signed_value(crate::oid::MESSAGE_DIGEST.as_bytes())?)?;
        (tlv.tag == der::OCTET_STRING).then_some(tlv.content)
    }

    /// The signed signing-time attribute, seconds since the epoch.
    pub fn signing_time(&self) -> Option<i64> {
        let tlv = value_tlv(self.signed_value(crate::oid::SIGNING_TIME.as_bytes())?)?;
        match tlv.tag {
            der::UTC_TIME => time::utc_time(tlv.content),
            der::GENERALIZED_TIME => time::generalized_time(tlv.content),
            _ => None,
        }
    }

    /// The raw ContentInfo TLV of the first signature timestamp token
    /// (unsigned attribute id-aa-signatureTimeStampToken).
    pub fn timestamp_token(&self) -> Option<&'a [u8]> {
        first_value(
            &self.unsigned_attributes,
            crate::oid::SIGNATURE_TIMESTAMP_TOKEN.as_bytes(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definite_lengths_are_minimal() {
        let header = |len: usize| {
            let encoded = super::super::der::encode(0x04, &[&vec![0; len]]);
            encoded[..encoded.len() - len].to_vec()
        };
        assert_eq!(header(0), vec![0x04, 0]);
        assert_eq!(header(0x7f), vec![0x04, 0x7f]);
        assert_eq!(header(0x80), vec![0x04, 0x81, 0x80]);
        assert_eq!(header(0x1234), vec![0x04, 0x82, 0x12, 0x34]);
    }

    #[test]
    fn indefinite_signed_attributes_get_a_definite_outer_length() {
        // [0] indefinite holding one attribute (contentType = data).
        let attr: &[u8] = &[
            0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03, 0x31,
            0x00,
        ];
        let mut ber = vec![0xa0, 0x80];
        ber.extend_from_slice(attr);
        ber.extend([0, 0]);
        let tlv = Reader::new(&ber).read().unwrap();
        let signed = read_signed(&tlv).unwrap();
        let mut expected = vec![0x31, attr.len() as u8];
        expected.extend_from_slice(attr);
        assert_eq!(signed.to_be_signed, expected);
        assert_eq!(signed.attributes.len(), 1);
        assert!(signed.attributes[0].values.is_empty());
    }

    #[test]
    fn duplicate_attributes_give_no_single_value() {
        let a = Attribute {
            oid: Oid(crate::oid::CONTENT_TYPE.as_bytes()),
            values: vec![&[0x06, 0x01, 0x01]],
        };
        let list = vec![a.clone()];
        assert_eq!(
            single_value(&list, crate::oid::CONTENT_TYPE.as_bytes()),
            Some(&[6u8, 1, 1][..])
        );
        let twice = vec![a.clone(), a];
        assert_eq!(
            single_value(&twice, crate::oid::CONTENT_TYPE.as_bytes()),
            None
        );
    }
}
