//! Unit tests of the reader on hand-made encodings; the OpenSSL-made
//! fixtures are in `verify/tests/cms/` (`fixture_tests`).

use super::der::{self, Class, Reader};
use super::primitive;
use super::*;

/// A definite-length TLV with a one-byte tag.
pub(super) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

pub(super) fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

#[test]
fn high_tag_numbers_and_long_lengths_read() {
    // [APPLICATION 200] primitive, length in the long form (non-minimal).
    let data = [0x5f, 0x81, 0x48, 0x82, 0x00, 0x02, 0xaa, 0xbb];
    let value = Reader::new(&data).read().unwrap();
    assert_eq!(value.tag.class, Class::Application);
    assert_eq!(value.tag.number, 200);
    assert!(!value.tag.constructed);
    assert_eq!(value.content, &[0xaa, 0xbb]);
    assert_eq!(value.raw, &data[..]);
}

#[test]
fn bad_tags_and_lengths_are_errors() {
    let cases: &[(&[u8], CmsError)] = &[
        (&[0x1f, 0x1e, 0x00], CmsError::BadTag), // long form for 30
        (&[0x1f, 0x80, 0x7f, 0x00], CmsError::BadTag), // leading zero digit
        (
            &[0x1f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00],
            CmsError::BadTag,
        ),
        (&[0x04, 0x85, 1, 1, 1, 1, 1], CmsError::BadLength),
        (&[0x04, 0xff], CmsError::BadLength),
        (&[0x04, 0x80, 0x00, 0x00], CmsError::BadIndefinite), // primitive
        (&[0x00, 0x00], CmsError::BadIndefinite),
        (&[0x00, 0x01, 0x00], CmsError::BadTag),
        (&[0x04, 0x03, 0x01], CmsError::Truncated { what: "value" }),
        (&[0x04, 0x82, 0x01], CmsError::Truncated { what: "length" }),
        (
            &[0x30, 0x80, 0x04, 0x00],
            CmsError::Truncated {
                what: "end-of-contents",
            },
        ),
    ];
    for (data, expected) in cases {
        assert_eq!(
            Reader::new(data).read().unwrap_err(),
            *expected,
            "{data:02x?}"
        );
    }
}

#[test]
fn indefinite_lengths_end_at_their_own_end_of_contents() {
    // SEQUENCE(indef) { SEQUENCE(indef) { INTEGER 5 } , OCTET STRING "ab" }
    let data = [
        0x30, 0x80, 0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0x04, 0x02, b'a', b'b', 0x00, 0x00,
        0xff,
    ];
    let mut reader = Reader::new(&data);
    let outer = reader.read().unwrap();
    assert!(outer.indefinite);
    assert_eq!(outer.raw.len(), 15);
    assert_eq!(reader.rest(), &[0xff]);
    let mut children = outer.children("test").unwrap();
    let inner = children.expect(der::SEQUENCE, "inner").unwrap();
    assert_eq!(inner.content, &[0x02, 0x01, 0x05]);
    let octets = children.expect(der::OCTET_STRING, "octets").unwrap();
    assert_eq!(octets.content, b"ab");
    assert!(children.is_empty());
}

#[test]
fn constructed_octet_strings_are_concatenated() {
    let data = [
        0x24, 0x80, 0x04, 0x01, b'a', 0x24, 0x04, 0x04, 0x02, b'b', b'c', 0x00, 0x00,
    ];
    let value = Reader::new(&data).read().unwrap();
    assert_eq!(primitive::octets(&value, "test").unwrap(), b"abc");
    let not_octets = [0x24, 0x03, 0x02, 0x01, 0x00];
    let value = Reader::new(&not_octets).read().unwrap();
    assert!(primitive::octets(&value, "test").is_err());
}

#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let mut indefinite = [0x30, 0x80].repeat(100_000);
    indefinite.extend([0x00, 0x00].repeat(100_000));
    assert_eq!(parse(&indefinite).unwrap_err(), CmsError::TooDeep);

    // Definite nesting is only found when descending.
    let mut definite = vec![0x02, 0x01, 0x00];
    for _ in 0..40 {
        definite = tlv(0x30, &definite);
    }
    let mut value = Reader::new(&definite).read().unwrap();
    let mut depth = 0;
    let error = loop {
        match value.children("test") {
            Ok(mut children) => value = children.read().unwrap(),
            Err(e) => break e,
        }
        depth += 1;
    };
    assert_eq!(error, CmsError::TooDeep);
    assert_eq!(depth, der::MAX_DEPTH);
}

#[test]
fn small_integers_are_checked() {
    let read = |bytes: &[u8]| primitive::small_uint(&Reader::new(bytes).read().unwrap(), "v");
    assert_eq!(read(&[0x02, 0x01, 0x03]), Ok(3));
    assert_eq!(
        read(&[0x02, 0x05, 0x00, 0xff, 0xff, 0xff, 0xff]),
        Ok(u32::MAX)
    );
    assert!(read(&[0x02, 0x00]).is_err());
    assert!(read(&[0x02, 0x01, 0x80]).is_err());
    assert!(read(&[0x02, 0x05, 0x01, 0, 0, 0, 0]).is_err());
    assert!(read(&[0x04, 0x01, 0x03]).is_err());
}

/// A minimal SignedData with one SKI signer, no certificates.
fn minimal_signed_data(content_type: &[u8], signed_attrs: &[u8]) -> Vec<u8> {
    let alg = tlv(0x30, &tlv(0x06, crate::oid::SHA256.as_bytes()));
    let signer = tlv(
        0x30,
        &cat(&[
            tlv(0x02, &[3]),
            tlv(0x80, &[1, 2, 3]),
            alg.clone(),
            signed_attrs.to_vec(),
            tlv(0x30, &tlv(0x06, crate::oid::ED25519.as_bytes())),
            tlv(0x04, &[9; 64]),
        ]),
    );
    let signed_data = tlv(
        0x30,
        &cat(&[
            tlv(0x02, &[3]),
            tlv(0x31, &alg),
            tlv(0x30, &tlv(0x06, crate::oid::DATA.as_bytes())),
            tlv(0x31, &signer),
        ]),
    );
    tlv(
        0x30,
        &cat(&[tlv(0x06, content_type), tlv(0xa0, &signed_data)]),
    )
}

#[test]
fn a_minimal_signed_data_reads_and_gm_is_flagged() {
    for (content_type, gm) in [
        (crate::oid::SIGNED_DATA.as_bytes(), false),
        (crate::oid::GM_SIGNED_DATA.as_bytes(), true),
    ] {
        let data = minimal_signed_data(content_type, &[]);
        let Ok(Contents::SignedData(sd)) = parse(&data) else {
            panic!("not read");
        };
        assert_eq!(sd.gm, gm);
        assert_eq!(sd.version, 3);
        assert_eq!(sd.content, None);
        assert!(sd.certificates.is_empty());
        let signer = &sd.signers[0];
        assert_eq!(signer.sid, SignerId::SubjectKeyId(&[1, 2, 3]));
        assert!(signer.signed_attributes.is_none());
        assert_eq!(signer.signature, &[9; 64]);
        assert_eq!(hash_of(&signer.digest_algorithm), Some(Hash::Sha256));
    }
    let other = minimal_signed_data(crate::oid::DATA.as_bytes(), &[]);
    assert_eq!(
        parse(&other).unwrap_err(),
        CmsError::NotSignedData {
            content_type: "1.2.840.113549.1.7.1".into()
        }
    );
}

#[test]
fn padding_zeros_are_ignored_and_other_trailing_bytes_are_noticed() {
    let mut data = minimal_signed_data(crate::oid::SIGNED_DATA.as_bytes(), &[]);
    data.extend([0; 4096]);
    assert!(matches!(parse(&data), Ok(Contents::SignedData(_))));
    assert!(!has_trailing_bytes(&data));
    data.push(1);
    assert!(matches!(parse(&data), Ok(Contents::SignedData(_))));
    assert!(has_trailing_bytes(&data));
}

#[test]
fn duplicated_signed_attributes_give_no_answer() {
    let content_type = tlv(
        0x30,
        &cat(&[
            tlv(0x06, crate::oid::CONTENT_TYPE.as_bytes()),
            tlv(0x31, &tlv(0x06, crate::oid::DATA.as_bytes())),
        ]),
    );
    let digest = tlv(
        0x30,
        &cat(&[
            tlv(0x06, crate::oid::MESSAGE_DIGEST.as_bytes()),
            tlv(0x31, &tlv(0x04, &[7; 32])),
        ]),
    );
    let once = tlv(0xa0, &cat(&[content_type.clone(), digest.clone()]));
    let twice = tlv(0xa0, &cat(&[content_type.clone(), digest.clone(), digest]));
    let once_data = minimal_signed_data(crate::oid::SIGNED_DATA.as_bytes(), &once);
    let twice_data = minimal_signed_data(crate::oid::SIGNED_DATA.as_bytes(), &twice);
    let read = |data| match parse(data) {
        Ok(Contents::SignedData(sd)) => sd.signers[0].clone(),
        other => panic!("{other:?}"),
    };
    let good = read(&once_data);
    assert_eq!(good.message_digest(), Some(&[7u8; 32][..]));
    assert_eq!(
        good.content_type(),
        Some(super::oid::Oid(crate::oid::DATA.as_bytes()))
    );
    let mut expected = once.clone();
    expected[0] = 0x31;
    assert_eq!(good.signed_attributes.unwrap().to_be_signed, expected);
    // Two messageDigest attributes: no digest to compare (the engine then
    // finds the signature malformed), never the first one.
    let bad = read(&twice_data);
    assert_eq!(bad.message_digest(), None);
    assert_eq!(
        bad.content_type(),
        Some(super::oid::Oid(crate::oid::DATA.as_bytes()))
    );
}

#[test]
fn an_ses_signature_is_recognised() {
    let header = tlv(
        0x30,
        &cat(&[tlv(0x16, b"ES"), tlv(0x02, &[4]), tlv(0x16, b"vendor")]),
    );
    let seal_info = tlv(0x30, &cat(&[header, tlv(0x16, b"esid")]));
    let seal = tlv(0x30, &cat(&[seal_info, tlv(0x04, b"cert")]));
    let tbs = tlv(
        0x30,
        &cat(&[tlv(0x02, &[4]), seal, tlv(0x18, b"20261201000000Z")]),
    );
    let ses = tlv(
        0x30,
        &cat(&[tbs.clone(), tlv(0x04, b"cert"), tlv(0x03, &[0, 1])]),
    );
    // Recognised, though too short to read.
    assert!(matches!(parse(&ses), Ok(Contents::Ses(read)) if read.is_err()));
    // The same shape with another header ID is not.
    let at = ses.windows(2).position(|w| w == b"ES").unwrap();
    let mut not_es = ses.clone();
    not_es[at] = b'X';
    assert!(matches!(parse(&not_es), Err(CmsError::Unexpected { .. })));
}

#[test]
fn oversized_input_is_refused_before_reading() {
    let data = vec![0u8; MAX_CMS_BYTES + 1];
    assert_eq!(
        parse(&data).unwrap_err(),
        CmsError::TooLarge {
            len: MAX_CMS_BYTES + 1,
            max: MAX_CMS_BYTES
        }
    );
}
