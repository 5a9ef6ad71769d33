//! SM2 against the standard and against OpenSSL.
//!
//! The worked example with the *recommended* curve is GM/T 0003.5-2012 /
//! GB/T 32918.5-2017, Annex A ("message digest", user id 1234567812345678,
//! private key 3945208F…): reproduced here in full (public key, Z, e, r, s)
//! and then verified as a seal.
//!
//! The better known example with id "ALICE123@YAHOO.COM" (GM/T 0003.2-2012 /
//! GB/T 32918.2, Annex A) is computed on a *test* curve over another prime
//! (p = 8542D69E 4C044F18 …), not on the recommended curve. The sm2 crate has
//! the recommended curve built in and no way to use other parameters, so that
//! example cannot be reproduced with it; the 0003.5 example above covers the
//! same steps (Z, e, r, s) on the curve seals actually use.

use base64::Engine;
use infoplus_signature_core::{Seal, SealVerdict};

use super::{support, verify_seal};
use crate::SM2_DISTINGUISHING_ID;
use sm2::dsa::signature::Verifier;
use sm2::elliptic_curve::ops::Reduce;
use sm2::elliptic_curve::point::AffineCoordinates;
use sm2::elliptic_curve::sec1::ToSec1Point;
use sm3::{Digest, Sm3};

/// The standard's numbers as printed (groups of eight hex digits).
fn h(text: &str) -> Vec<u8> {
    hex::decode(text.replace(' ', "")).expect("hex literal")
}

const MESSAGE: &[u8] = b"message digest";
const ID: &str = "1234567812345678";
const D: &str = "3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8";
const XA: &str = "09F9DF31 1E5421A1 50DD7D16 1E4BC5C6 72179FAD 1833FC07 6BB08FF3 56F35020";
const YA: &str = "CCEA490C E26775A5 2DC6EA71 8CC1AA60 0AED05FB F35E084A 6632F607 2DA9AD13";
const K: &str = "59276E27 D506861A 16680F3A D9C02DCC EF3CC1FA 3CDBE4CE 6D54B80D EAC1BC21";
const Z: &str = "B2E14C5C 79C6DF5B 85F4FE7E D8DB7A26 2B9DA7E0 7CCB0EA9 F4747B8C CDA8A4F3";
const E: &str = "F0B43E94 BA45ACCA ACE692ED 534382EB 17E6AB5A 19CE7B31 F4486FDF C0D28640";
const R: &str = "F5A03B06 48D2C463 0EEAC513 E1BB81A1 5944DA38 27D5B741 43AC7EAC EEE720B3";
const S: &str = "B1B6AA29 DF212FD8 763182BC 0D421CA1 BB9038FD 1F7F42D4 840B69C4 85BBC1AA";

/// The recommended curve's a, b, xG, yG (GB/T 32918.5-2017, 5).
const CURVE: [&str; 4] = [
    "FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFC",
    "28E9FA9E 9D9F5E34 4D5A9E4B CF6509A7 F39789F5 15AB8F92 DDBCBD41 4D940E93",
    "32C4AE2C 1F198119 5F990446 6A39C994 8FE30BBF F2660BE1 715A4589 334C74C7",
    "BC3736A2 F4F6779C 59BDCEE3 6B692153 D0A9877C C62A4740 02DF32E5 2139F0A0",
];

fn scalar(text: &str) -> sm2::Scalar {
    let bytes = sm2::FieldBytes::try_from(h(text).as_slice()).expect("32 bytes");
    <sm2::Scalar as Reduce<sm2::FieldBytes>>::reduce(&bytes)
}

fn public_point() -> Vec<u8> {
    [vec![4], h(XA), h(YA)].concat()
}

#[test]
fn standard_public_key_is_d_times_g() {
    let secret = sm2::SecretKey::from_slice(&h(D)).expect("valid private key");
    let point = secret.public_key().as_affine().to_sec1_point(false);
    assert_eq!(point.as_bytes(), public_point().as_slice());
}

#[test]
fn standard_z_and_e_from_the_curve_parameters() {
    // Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), ENTL = bit length of ID.
    let mut z = Sm3::new();
    z.update(((ID.len() * 8) as u16).to_be_bytes());
    z.update(ID);
    for parameter in CURVE.iter().chain([&XA, &YA]) {
        z.update(h(parameter));
    }
    let z = z.finalize();
    assert_eq!(z.as_slice(), h(Z).as_slice());
    let e = Sm3::new().chain_update(z).chain_update(MESSAGE).finalize();
    assert_eq!(e.as_slice(), h(E).as_slice());
}

#[test]
fn standard_signature_reproduced_from_k() {
    // r = (e + x1) mod n with (x1, y1) = [k]G; s = (1 + d)^-1 (k - r d) mod n.
    let (d, k, e) = (scalar(D), scalar(K), scalar(E));
    let x1 = (sm2::ProjectivePoint::GENERATOR * k).to_affine().x();
    let r = e + <sm2::Scalar as Reduce<sm2::FieldBytes>>::reduce(&x1);
    let s = (sm2::Scalar::ONE + d).invert().expect("1 + d is not zero") * (k - r * d);
    assert_eq!(r.to_bytes().as_slice(), h(R).as_slice());
    assert_eq!(s.to_bytes().as_slice(), h(S).as_slice());
}

fn standard_seal(key: String, signature: &[u8]) -> Seal {
    Seal {
        algorithm: Some("SM2withSM3".into()),
        public_key: Some(key),
        signature: Some(base64::engine::general_purpose::STANDARD.encode(signature)),
        ..Seal::default()
    }
}

fn der(r: &[u8], s: &[u8]) -> Vec<u8> {
    // Both numbers have the top bit set: each INTEGER needs a leading zero.
    let integer = |n: &[u8]| [vec![0x02, 0x21, 0x00], n.to_vec()].concat();
    [vec![0x30, 0x46], integer(r), integer(s)].concat()
}

#[test]
fn standard_signature_verifies_as_a_seal() {
    let raw = [h(R), h(S)].concat();
    let forms = [
        standard_seal(hex::encode(public_point()), &raw),
        standard_seal(hex::encode(public_point()), &der(&h(R), &h(S))),
        standard_seal(
            base64::engine::general_purpose::STANDARD.encode(public_point()),
            &raw,
        ),
    ];
    for seal in &forms {
        match verify_seal(seal, MESSAGE) {
            SealVerdict::Valid(valid) => assert_eq!(valid.algorithm, "SM2withSM3"),
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(
                verify_seal(seal, b"message digesT"),
                SealVerdict::Invalid { .. }
            ),
            "another message"
        );
    }
}

/// The OpenSSL vectors were made with `-sigopt distid:1234567812345678`;
/// check with the sm2 crate directly that this id, and no other, fits them.
#[test]
fn openssl_vector_is_bound_to_the_spec_distid() {
    assert_eq!(SM2_DISTINGUISHING_ID, ID);
    let seal = &support::signature("sm2").seals[4];
    assert_eq!(support::case(seal), "point-hex/der-base64");
    let point = hex::decode(seal.public_key.as_deref().expect("key")).expect("hex point");
    let der_signature = base64::engine::general_purpose::STANDARD
        .decode(seal.signature.as_deref().expect("signature"))
        .expect("base64");
    let signature = sm2::dsa::Signature::from_scalars(
        sm2::FieldBytes::try_from(integer(&der_signature, 0).as_slice()).expect("r"),
        sm2::FieldBytes::try_from(integer(&der_signature, 1).as_slice()).expect("s"),
    )
    .expect("in range");
    let document = support::document();
    let verifies = |id: &str| {
        sm2::dsa::VerifyingKey::from_sec1_bytes(id, &point)
            .expect("point")
            .verify(&document, &signature)
            .is_ok()
    };
    assert!(verifies(ID));
    assert!(!verifies(""));
    assert!(!verifies("ALICE123@YAHOO.COM"));
}

/// The `index`th INTEGER of a short DER `SEQUENCE { r, s }`, as 32 bytes.
fn integer(der: &[u8], index: usize) -> Vec<u8> {
    let mut at = 2;
    for _ in 0..index {
        at += 2 + usize::from(der[at + 1]);
    }
    let length = usize::from(der[at + 1]);
    let value = &der[at + 2..at + 2 + length];
    let value: Vec<u8> = value.iter().copied().skip_while(|b| *b == 0).collect();
    [vec![0; 32 - value.len()], value].concat()
}
