//! Values of the universal types the CMS structures use (and the SES,
//! OCSP and CRL readers), read from their TLVs: OCTET STRINGs (BER may
//! split them into pieces), INTEGERs, BIT STRINGs, times.

use super::der::{Tag, Tlv, GENERALIZED_TIME, INTEGER, OCTET_STRING, UTC_TIME};
use super::error::CmsError;

/// The value of an OCTET STRING, primitive or (BER) constructed from
/// OCTET STRING pieces, which are concatenated.
pub fn octets(tlv: &Tlv<'_>, what: &'static str) -> Result<Vec<u8>, CmsError> {
    if tlv.tag == OCTET_STRING {
        return Ok(tlv.content.to_vec());
    }
    if tlv.tag != Tag::universal(4, true) {
        return Err(CmsError::Unexpected { what });
    }
    let mut out = Vec::new();
    append_pieces(tlv, &mut out, what)?;
    Ok(out)
}

fn append_pieces(tlv: &Tlv<'_>, out: &mut Vec<u8>, what: &'static str) -> Result<(), CmsError> {
    let mut pieces = tlv.children(what)?;
    while !pieces.is_empty() {
        let piece = pieces.read()?;
        match piece.tag {
            OCTET_STRING => out.extend_from_slice(piece.content),
            tag if tag == Tag::universal(4, true) => append_pieces(&piece, out, what)?,
            _ => return Err(CmsError::Unexpected { what }),
        }
    }
    Ok(())
}

/// A small non-negative INTEGER (versions).
pub fn small_uint(tlv: &Tlv<'_>, what: &'static str) -> Result<u32, CmsError> {
    let content = tlv.expect(INTEGER, what)?.content;
    match content.first() {
        None => return Err(CmsError::BadInteger { what }),
        Some(&b) if b & 0x80 != 0 => return Err(CmsError::BadInteger { what }),
        Some(_) => {}
    }
    let digits: Vec<u8> = content.iter().copied().skip_while(|&b| b == 0).collect();
    if digits.len() > 4 {
        return Err(CmsError::BadInteger { what });
    }
    Ok(digits
        .iter()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b)))
}

/// The content bytes of an INTEGER of any size (serial numbers, nonces).
pub fn integer_bytes<'a>(tlv: &Tlv<'a>, what: &'static str) -> Result<&'a [u8], CmsError> {
    let content = tlv.expect(INTEGER, what)?.content;
    if content.is_empty() {
        return Err(CmsError::BadInteger { what });
    }
    Ok(content)
}

const BIT_STRING: Tag = Tag::universal(3, false);

/// The bits of a BIT STRING with no unused bits (hashes, signatures, keys).
pub fn bit_string<'a>(tlv: &Tlv<'a>, what: &'static str) -> Result<&'a [u8], CmsError> {
    bits(tlv.expect(BIT_STRING, what)?.content, what)
}

/// A BIT STRING's content octets (the unused-bits count first) as bits.
pub fn bits<'a>(content: &'a [u8], what: &'static str) -> Result<&'a [u8], CmsError> {
    match content.split_first() {
        Some((0, bits)) => Ok(bits),
        _ => Err(CmsError::Unexpected { what }),
    }
}

/// A UTCTime or a GeneralizedTime, whichever the writer used.
pub fn time(tlv: &Tlv<'_>) -> Option<i64> {
    match tlv.tag {
        UTC_TIME => crate::time::utc_time(tlv.content),
        GENERALIZED_TIME => crate::time::generalized_time(tlv.content),
        _ => None,
    }
}
