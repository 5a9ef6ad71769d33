//! The SES reader on hand-made encodings of both versions; signatures made
//! by OpenSSL are checked through the PDFs of `verify/tests/ses/`.

use super::super::tests::{cat, tlv};
use super::super::{parse, Contents};
use super::*;

const SM2_WITH_SM3: [u8; 8] = [0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75];

fn int(n: u8) -> Vec<u8> {
    tlv(0x02, &[n])
}

fn bits(bytes: &[u8]) -> Vec<u8> {
    tlv(0x03, &cat(&[vec![0], bytes.to_vec()]))
}

/// The certList allowing one certificate.
fn one_cert() -> Vec<u8> {
    tlv(0x30, &tlv(0x04, b"signer-cert"))
}

/// SES_SealInfo of `version` (4: GeneralizedTime and certListType; 1:
/// UTCTime, no type) with `list` as its certList.
fn seal_info(version: u8, list: Vec<u8>) -> Vec<u8> {
    // certListType 2 when the list holds digests (SEQUENCEs).
    let list_type = if list.get(2) == Some(&0x30) { 2 } else { 1 };
    let header = tlv(
        0x30,
        &cat(&[tlv(0x16, b"ES"), int(version), tlv(0x16, b"dev")]),
    );
    let times: Vec<Vec<u8>> = if version == 4 {
        ["20260101000000Z", "20260101000000Z", "20270101000000Z"]
            .iter()
            .map(|t| tlv(0x18, t.as_bytes()))
            .collect()
    } else {
        ["260101000000Z", "260101000000Z", "270101000000Z"]
            .iter()
            .map(|t| tlv(0x17, t.as_bytes()))
            .collect()
    };
    let mut property = vec![int(1), tlv(0x0c, "合同专用章".as_bytes())];
    if version == 4 {
        property.push(int(list_type));
    }
    property.push(list);
    property.extend(times);
    let picture = tlv(
        0x30,
        &cat(&[
            tlv(0x16, b"png"),
            tlv(0x04, b"\x89PNG\r\n\x1a\n"),
            int(40),
            int(40),
        ]),
    );
    tlv(
        0x30,
        &cat(&[
            header,
            tlv(0x16, b"seal-1"),
            tlv(0x30, &cat(&property)),
            picture,
        ]),
    )
}

fn v4(tail: &[Vec<u8>]) -> Vec<u8> {
    v4_with(one_cert(), tail)
}

fn v4_with(list: Vec<u8>, tail: &[Vec<u8>]) -> Vec<u8> {
    let info = seal_info(4, list);
    let seal = tlv(
        0x30,
        &cat(&[
            info,
            tlv(0x04, b"maker-cert"),
            tlv(0x06, &SM2_WITH_SM3),
            bits(b"maker-sig"),
        ]),
    );
    let tbs = vec![
        int(4),
        seal,
        tlv(0x18, b"20260301100000Z"),
        bits(&[7; 32]),
        tlv(0x16, b"doc.pdf"),
    ];
    let mut outer = vec![
        tlv(0x30, &cat(&tbs)),
        tlv(0x04, b"signer-cert"),
        tlv(0x06, &SM2_WITH_SM3),
        bits(b"sig"),
    ];
    outer.extend_from_slice(tail);
    tlv(0x30, &cat(&outer))
}

fn read_ses(der: &[u8]) -> Result<SesSignature<'_>, CmsError> {
    match parse(der) {
        Ok(Contents::Ses(ses)) => *ses,
        other => panic!("not recognised as SES: {other:?}"),
    }
}

#[test]
fn a_v4_signature_reads_with_its_seal() {
    let der = v4(&[]);
    let ses = read_ses(&der).unwrap();
    assert_eq!(ses.version, SesVersion::V4);
    assert_eq!(ses.signature, b"sig");
    assert_eq!(ses.data_hash, &[7; 32]);
    assert_eq!(ses.signer_certificate, b"signer-cert");
    assert_eq!(ses.time, crate::time::generalized_time(b"20260301100000Z"));
    assert_eq!(ses.timestamp, None);
    let seal = &ses.seal;
    assert_eq!(seal.name, "合同专用章");
    assert_eq!(seal.id, "seal-1");
    assert_eq!(seal.kind, 1);
    assert_eq!(seal.header_version, 4);
    assert_eq!(seal.maker_certificate, b"maker-cert");
    assert_eq!(seal.maker_signature, b"maker-sig");
    assert_eq!(
        seal.signers,
        AllowedSigners::Certificates(vec![b"signer-cert".to_vec()])
    );
    assert_eq!(seal.picture.kind, "png");
    assert_eq!(
        (seal.picture.width, seal.picture.height),
        (Some(40), Some(40))
    );
    // TBS_Sign is kept as transmitted; the maker signed esealInfo, or the
    // SEQUENCE of it, its certificate and the algorithm.
    assert!(der.windows(ses.to_sign.len()).any(|w| w == ses.to_sign));
    assert_eq!(seal.maker_signed.len(), 2);
    assert_eq!(seal.maker_signed[0], seal_info(4, one_cert()));
    assert!(seal.maker_signed[1].ends_with(&tlv(0x06, &SM2_WITH_SM3)));
}

#[test]
fn a_v4_timestamp_reads_implicit_explicit_or_untagged() {
    let implicit = v4(&[tlv(0x80, &cat(&[vec![0], b"token".to_vec()]))]);
    assert_eq!(read_ses(&implicit).unwrap().timestamp, Some(&b"token"[..]));
    let wrapped = v4(&[tlv(0xa0, &bits(b"token"))]);
    assert_eq!(read_ses(&wrapped).unwrap().timestamp, Some(&b"token"[..]));
    let untagged = v4(&[bits(b"token")]);
    assert_eq!(read_ses(&untagged).unwrap().timestamp, Some(&b"token"[..]));
    // Anything after the timestamp is refused.
    let extra = v4(&[tlv(0x80, &[0, 1]), int(1)]);
    assert!(read_ses(&extra).is_err());
}

#[test]
fn a_v1_signature_reads_with_its_text_time() {
    let info = seal_info(1, one_cert());
    let sign_info = tlv(
        0x30,
        &cat(&[
            tlv(0x04, b"maker-cert"),
            tlv(0x06, &SM2_WITH_SM3),
            bits(b"maker-sig"),
        ]),
    );
    let seal = tlv(0x30, &cat(&[info, sign_info]));
    let tbs = tlv(
        0x30,
        &cat(&[
            int(1),
            seal,
            bits(b"20260301100000Z"),
            bits(&[7; 32]),
            tlv(0x16, b"doc.pdf"),
            tlv(0x04, b"signer-cert"),
            tlv(0x06, &SM2_WITH_SM3),
        ]),
    );
    let der = tlv(0x30, &cat(&[tbs, bits(b"sig")]));
    let ses = read_ses(&der).unwrap();
    assert_eq!(ses.version, SesVersion::V1);
    assert_eq!(ses.time, crate::time::generalized_time(b"20260301100000Z"));
    assert_eq!(ses.seal.valid_to, crate::time::utc_time(b"270101000000Z"));
    assert_eq!(ses.seal.maker_signature, b"maker-sig");
    // v1: only the SEQUENCE of esealInfo, cert and algorithm.
    assert_eq!(ses.seal.maker_signed.len(), 1);
    assert_eq!(ses.signer_certificate, b"signer-cert");
    assert_eq!(ses.signature, b"sig");
}

#[test]
fn a_digest_list_reads_as_digests() {
    let digests = tlv(
        0x30,
        &tlv(0x30, &cat(&[tlv(0x13, b"sm3"), tlv(0x04, &[9; 32])])),
    );
    let der = v4_with(digests, &[]);
    let ses = read_ses(&der).unwrap();
    assert_eq!(
        ses.seal.signers,
        AllowedSigners::Digests(vec![("sm3".into(), vec![9; 32])])
    );
}

#[test]
fn broken_bits_and_too_many_signers_are_errors_not_panics() {
    let der = v4(&[]);
    // The signature's unused-bits byte set.
    let mut bad = der.clone();
    let sig = bits(b"sig");
    let at = bad.windows(sig.len()).rposition(|w| w == sig).unwrap();
    bad[at + 2] = 3;
    assert!(read_ses(&bad).is_err());
    // Every prefix reads to an answer.
    for cut in 0..der.len() {
        let _ = parse(&der[..cut]);
    }
    let many: Vec<Vec<u8>> = (0..=MAX_ALLOWED_SIGNERS).map(|_| tlv(0x04, b"c")).collect();
    let long = v4_with(tlv(0x30, &cat(&many)), &[]);
    assert!(matches!(read_ses(&long), Err(CmsError::TooMany { .. })));
}

use super::seal::MAX_ALLOWED_SIGNERS;
