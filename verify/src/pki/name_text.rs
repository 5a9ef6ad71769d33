//! A Name as text (RFC 4514: RDNs last to first, `,` between them, `+`
//! inside one), for showing who holds or issued a certificate.
//!
//! Written by hand because x509-cert's `Display` looks attribute names up
//! in const-oid's database of every OID it knows (~1,000 names): ~30 KB
//! gzip of the verify worker's download, for the dozen attributes real
//! certificates use. This gives the same text as x509-cert's `Display` for
//! the attributes in [`SHORT_NAMES`] (its shortest database name, in
//! capitals; the tests compare the two), and for any other attribute the
//! form RFC 4514 §2.4 allows for all of them: `dotted.oid=#<DER in hex>`.

use std::fmt::{self, Write};

use spki::der::asn1::{Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use spki::der::{Encode, Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RelativeDistinguishedName};

/// Attribute types with a name, as x509-cert's `Display` writes them.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SN"),
    ("2.5.4.5", "SERIALNUMBER"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "STREET"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "TITLE"),
    ("2.5.4.13", "DESCRIPTION"),
    ("2.5.4.15", "BUSINESSCATEGORY"),
    ("2.5.4.17", "POSTALCODE"),
    ("2.5.4.20", "TELEPHONENUMBER"),
    ("2.5.4.41", "NAME"),
    ("2.5.4.42", "GN"),
    ("2.5.4.43", "INITIALS"),
    ("2.5.4.44", "GENERATIONQUALIFIER"),
    ("2.5.4.46", "DNQUALIFIER"),
    ("2.5.4.65", "PSEUDONYM"),
    ("1.2.840.113549.1.9.1", "EMAIL"),
    ("0.9.2342.19200300.100.1.1", "UID"),
    ("0.9.2342.19200300.100.1.25", "DC"),
];

/// `name` as RFC 4514 text; a name that cannot be written (a value that
/// does not re-encode) reads "(unreadable name)".
pub(crate) fn rfc4514(name: &Name) -> String {
    let mut text = String::new();
    match write_name(&mut text, name) {
        Ok(()) => text,
        Err(_) => "(unreadable name)".to_owned(),
    }
}

fn write_name(out: &mut String, name: &Name) -> fmt::Result {
    let rdns: &Vec<RelativeDistinguishedName> = name.as_ref().as_ref();
    for (i, rdn) in rdns.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for (j, attribute) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            write_attribute(out, attribute)?;
        }
    }
    Ok(())
}

fn write_attribute(out: &mut String, attribute: &AttributeTypeAndValue) -> fmt::Result {
    let oid = attribute.oid.to_string();
    let key = SHORT_NAMES
        .iter()
        .find(|(dotted, _)| *dotted == oid)
        .map(|(_, key)| *key);
    let value = &attribute.value;
    let text = match value.tag() {
        Tag::PrintableString => PrintableStringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::Utf8String => Utf8StringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::Ia5String => Ia5StringRef::try_from(value).ok().map(|s| s.as_str()),
        Tag::TeletexString => TeletexStringRef::try_from(value).ok().map(|s| s.as_str()),
        _ => None,
    };
    let (Some(key), Some(text)) = (key, text) else {
        let der = value.to_der().map_err(|_| fmt::Error)?;
        write!(out, "{oid}=#")?;
        for byte in der {
            write!(out, "{byte:02x}")?;
        }
        return Ok(());
    };
    out.push_str(key);
    out.push('=');
    // RFC 4514 §2.4's escapes, as x509-cert writes them.
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || chars.peek().is_none() => out.push_str("\\ "),
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\x00'..='\x1f' | '\x7f' => write!(out, "\\{:02x}", c as u8)?,
            _ => out.push(c),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use spki::der::asn1::{Any, ObjectIdentifier, SetOfVec};
    use spki::der::{Decode, Encode};
    use x509_cert::name::RdnSequence;

    use super::*;

    fn attribute(oid: &str, value: Any) -> AttributeTypeAndValue {
        AttributeTypeAndValue {
            oid: ObjectIdentifier::new_unwrap(oid),
            value,
        }
    }

    fn name_of(rdn: Vec<AttributeTypeAndValue>) -> Name {
        let rdn = RelativeDistinguishedName::from(SetOfVec::try_from(rdn).unwrap());
        Name::hazmat_from_rdn_sequence(RdnSequence::from(vec![rdn]))
    }

    fn utf8(text: &str) -> Any {
        Any::from_der(&Utf8StringRef::new(text).unwrap().to_der().unwrap()).unwrap()
    }

    #[test]
    fn same_text_as_x509_cert_for_every_named_attribute() {
        for (oid, key) in SHORT_NAMES {
            for value in ["张三", "#lead", " both ", "a,b+c;d<e>f\"g\\h", "tab\there"] {
                let name = name_of(vec![attribute(oid, utf8(value))]);
                let ours = rfc4514(&name);
                assert_eq!(ours, name.to_string(), "{oid}");
                assert!(ours.starts_with(&format!("{key}=")), "{ours}");
            }
        }
    }

    #[test]
    fn rdns_reversed_and_multi_valued_joined_as_x509_cert_does() {
        let name = Name::from_str("CN=Zhang San+UID=zs,OU=Seals,O=InfoPlus,C=CN").unwrap();
        assert_eq!(rfc4514(&name), name.to_string());
        assert_eq!(
            rfc4514(&name),
            "CN=Zhang San+UID=zs,OU=Seals,O=InfoPlus,C=CN"
        );
    }

    #[test]
    fn other_attributes_and_non_strings_are_written_as_der_hex() {
        // 2.5.4.97 organizationIdentifier: not in const-oid's database either.
        let name = name_of(vec![
            attribute("2.5.4.97", utf8("ID")),
            attribute("2.5.4.3", Any::from_der(&[0x02, 0x01, 0x05]).unwrap()),
        ]);
        assert_eq!(rfc4514(&name), name.to_string());
        assert_eq!(rfc4514(&name), "2.5.4.3=#020105+2.5.4.97=#0c024944");
    }
}
