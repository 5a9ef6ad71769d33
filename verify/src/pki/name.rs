//! Comparing X.509 Names when their DER bytes differ: RFC 5280 §7.1 asks
//! for string values to be compared after case folding and white space
//! compression, and CAs do re-encode the issuer's name (PrintableString in
//! one certificate, UTF8String in the next). Written by hand: x509-cert
//! compares names by their encoding only.

use spki::der::asn1::{AnyRef, ObjectIdentifier};
use spki::der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};

/// More RDNs or attributes than any real name has; a bound on the work a
/// hostile name can cause.
const MAX_ATTRIBUTES: usize = 256;

/// One attribute, ready to compare: the OID bytes and the folded value
/// (or, for a value that is not a string, its TLV bytes).
type Attribute = (Vec<u8>, Vec<u8>);

/// The name as a list of RDNs, each a sorted list of attributes. `None`
/// when the DER cannot be read.
fn normalized(name_der: &[u8]) -> Option<Vec<Vec<Attribute>>> {
    let mut reader = SliceReader::new(name_der).ok()?;
    let mut count = 0usize;
    let rdns = reader
        .sequence(|rdns| {
            let mut out = Vec::new();
            while !rdns.is_finished() {
                let set = AnyRef::decode(rdns)?;
                if set.tag() != Tag::Set {
                    return Err(spki::der::ErrorKind::Failed.into());
                }
                let mut attributes = Vec::new();
                let mut inner = SliceReader::new(set.value())?;
                while !inner.is_finished() {
                    count += 1;
                    if count > MAX_ATTRIBUTES {
                        return Err(spki::der::ErrorKind::Failed.into());
                    }
                    let (oid, value) = inner.sequence(|pair| {
                        let oid: ObjectIdentifier = ObjectIdentifier::decode(pair)?;
                        let value = AnyRef::decode(pair)?;
                        Ok::<_, spki::der::Error>((oid, value))
                    })?;
                    attributes.push((oid.as_bytes().to_vec(), folded(value)));
                }
                attributes.sort();
                out.push(attributes);
            }
            Ok::<_, spki::der::Error>(out)
        })
        .ok()?;
    reader.finish().ok()?;
    Some(rdns)
}

/// A string value trimmed, with inner white space runs made one space and
/// lower-cased; other values as their TLV bytes (tag first, so a string
/// and a non-string never compare equal).
fn folded(value: AnyRef<'_>) -> Vec<u8> {
    let text = match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            std::str::from_utf8(value.value()).ok().map(str::to_owned)
        }
        Tag::BmpString => {
            let units: Vec<u16> = value
                .value()
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    };
    match text {
        Some(text) => {
            let words: Vec<&str> = text.split_whitespace().collect();
            let mut out = vec![0x0c];
            out.extend(words.join(" ").to_lowercase().into_bytes());
            out
        }
        None => {
            let mut out = vec![0x00];
            out.extend(value.to_der().unwrap_or_default());
            out
        }
    }
}

/// Are these two Names (DER) the same name? Equal bytes are; otherwise the
/// RFC 5280 §7.1 comparison decides. Unreadable names equal only
/// themselves.
pub(crate) fn same_name(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    match (normalized(a), normalized(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, <tag> value } } }`.
    fn cn(tag: u8, value: &[u8]) -> Vec<u8> {
        let atv_len = 5 + 2 + value.len();
        let mut der = vec![0x30, (atv_len + 4) as u8, 0x31, (atv_len + 2) as u8];
        der.extend([0x30, atv_len as u8, 0x06, 0x03, 0x55, 0x04, 0x03]);
        der.push(tag);
        der.push(value.len() as u8);
        der.extend_from_slice(value);
        der
    }

    #[test]
    fn string_types_case_and_spaces_do_not_matter() {
        let printable = cn(0x13, b"Test  Root CA");
        let utf8 = cn(0x0c, b" test root ca ");
        assert!(same_name(&printable, &utf8));
        assert!(!same_name(&printable, &cn(0x0c, b"test root cb")));
        // An OCTET STRING value is not the string it happens to hold.
        assert!(!same_name(&cn(0x04, b"test root ca"), &utf8));
    }

    #[test]
    fn unreadable_names_only_equal_themselves() {
        assert!(same_name(b"\x30\x01", b"\x30\x01"));
        assert!(!same_name(b"\x30\x01", b"\x30\x02"));
        assert!(!same_name(&cn(0x0c, b"a"), b"garbage"));
    }
}
