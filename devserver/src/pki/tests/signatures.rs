//! CMS signatures and timestamp tokens, checked by OpenSSL.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use time::OffsetDateTime;

use super::{now, openssl, openssl_fails, pki, seal_key, write};
use crate::pki::{oids, sign_cms, CmsRequest, KeyKind, PkiError};

/// Two pieces, like the two ranges of a PDF's /ByteRange.
const PARTS: [&[u8]; 2] = [b"%PDF-1.7 ... /Contents <", b"> ... %%EOF\n"];

pub(super) struct Signed {
    pub cms: Vec<u8>,
    pub public_pem: String,
    pub time: OffsetDateTime,
}

pub(super) fn sign(kind: KeyKind) -> Signed {
    let pki = pki();
    let time = now();
    let pair = seal_key(kind);
    let issued = pki
        .issue_seal_certificate(kind, &pair.public_pem, "张三 personal", 42, time)
        .unwrap();
    let chain = vec![pki.root_for(kind).cert_der.clone()];
    let request = CmsRequest {
        signed_parts: &PARTS,
        kind,
        key_pem: &pair.private_pem,
        certificate_der: &issued.cert_der,
        chain_der: &chain,
        signing_time: time,
    };
    Signed {
        cms: sign_cms(&request, pki, time, 1001).unwrap(),
        public_pem: pair.public_pem,
        time,
    }
}

pub(super) fn signer_info(cms: &[u8]) -> SignerInfo {
    let content_info = ContentInfo::from_der(cms).unwrap();
    let signed_data: SignedData = content_info.content.decode_as().unwrap();
    assert_eq!(signed_data.signer_infos.0.len(), 1);
    signed_data.signer_infos.0.iter().next().unwrap().clone()
}

/// The DER of the signature's timestamp token (its unsigned attribute).
pub(super) fn timestamp_of(info: &SignerInfo) -> Vec<u8> {
    let attributes = info.unsigned_attrs.as_ref().expect("unsigned attributes");
    let attribute = attributes
        .iter()
        .find(|a| a.oid == oids::SIGNATURE_TIMESTAMP_TOKEN)
        .expect("a signature timestamp");
    attribute.values.iter().next().unwrap().to_der().unwrap()
}

#[test]
fn ecdsa_and_rsa_signatures_verify_with_openssl_cms() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "roots.pem", pki().roots_pem());
    write(dir.path(), "signed.bin", PARTS.concat());
    let verify = [
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        "sig.der",
        "-content",
        "signed.bin",
        "-CAfile",
        "roots.pem",
        "-out",
        "/dev/null",
    ];
    for kind in [KeyKind::EcdsaP256, KeyKind::Rsa] {
        let signed = sign(kind);
        write(dir.path(), "sig.der", &signed.cms);
        openssl(dir.path(), &verify);
        let print = openssl(
            dir.path(),
            &[
                "cms", "-cmsout", "-print", "-inform", "DER", "-in", "sig.der",
            ],
        );
        for expected in [
            "eContentType: pkcs7-data",
            "eContent: <ABSENT>",
            "signingTime",
            "id-smime-aa-signingCertificateV2",
            "id-smime-aa-timeStampToken",
        ] {
            assert!(
                print.contains(expected),
                "{kind:?} lacks {expected}:\n{print}"
            );
        }
        let mut altered = PARTS.concat();
        altered[3] ^= 1;
        write(dir.path(), "signed.bin", &altered);
        let out = openssl_fails(dir.path(), &verify);
        assert!(out.contains("CMS Verification failure"), "{kind:?}: {out}");
        write(dir.path(), "signed.bin", PARTS.concat());
    }
}

// OpenSSL 3.0's cms can neither make nor verify SM2 or Ed25519 signatures
// (`eddsa_digest_signverify_init:invalid digest` for Ed25519): these two are
// checked piece by piece, the signature with `pkeyutl`, the digest with
// `dgst`, the structure with `cms -cmsout -print`.

#[test]
fn an_sm2_signature_verifies_with_openssl_pkeyutl() {
    let dir = tempfile::tempdir().unwrap();
    let (info, _) = check_piece_by_piece(
        dir.path(),
        KeyKind::Sm2,
        "-sm3",
        &["-digest", "sm3", "-pkeyopt", "distid:1234567812345678"],
    );
    assert_eq!(info.digest_alg.oid, oids::SM3);
    assert_eq!(info.signature_algorithm.oid, oids::SM2_WITH_SM3);
    // The Z value is computed with GM/T 0009's id, not another one.
    let wrong = pkeyutl(&["-digest", "sm3", "-pkeyopt", "distid:1234567812345679"]);
    openssl_fails(dir.path(), &wrong);
}

#[test]
fn an_ed25519_signature_verifies_with_openssl_pkeyutl() {
    let dir = tempfile::tempdir().unwrap();
    let (info, _) = check_piece_by_piece(dir.path(), KeyKind::Ed25519, "-sha512", &[]);
    assert_eq!(info.digest_alg.oid, oids::SHA512);
    assert_eq!(info.signature_algorithm.oid, oids::ED25519);
}

/// Signs with `kind`, then has OpenSSL verify the signature over the DER
/// SET of the signed attributes (`pkeyutl -verify -rawin` with `options`),
/// that messageDigest is `openssl dgst <digest>` of the signed bytes, and
/// that a changed attribute byte fails.
fn check_piece_by_piece(
    dir: &std::path::Path,
    kind: KeyKind,
    digest: &str,
    options: &[&str],
) -> (SignerInfo, Signed) {
    let signed = sign(kind);
    let info = signer_info(&signed.cms);
    let attributes = info.signed_attrs.as_ref().unwrap();
    let set = attributes.to_der().unwrap();
    // What was signed is what was transmitted: the same bytes with the
    // [0] IMPLICIT tag in place of SET.
    let mut transmitted = set.clone();
    transmitted[0] = 0xA0;
    assert!(signed
        .cms
        .windows(transmitted.len())
        .any(|w| w == transmitted));

    write(dir, "attrs.der", &set);
    write(dir, "sig.bin", info.signature.as_bytes());
    write(dir, "pub.pem", &signed.public_pem);
    write(dir, "signed.bin", PARTS.concat());
    let out = openssl(dir, &pkeyutl(options));
    assert!(
        out.contains("Signature Verified Successfully"),
        "{kind:?}: {out}"
    );

    openssl(
        dir,
        &["dgst", digest, "-binary", "-out", "md.bin", "signed.bin"],
    );
    let expected = std::fs::read(dir.join("md.bin")).unwrap();
    let message_digest = attributes
        .iter()
        .find(|a| a.oid == der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4"))
        .expect("messageDigest");
    let value: OctetString = message_digest
        .values
        .iter()
        .next()
        .unwrap()
        .decode_as()
        .unwrap();
    assert_eq!(value.as_bytes(), expected.as_slice(), "{kind:?}");

    write(dir, "sig.der", &signed.cms);
    let print = openssl(
        dir,
        &[
            "cms", "-cmsout", "-print", "-inform", "DER", "-in", "sig.der",
        ],
    );
    assert!(print.contains("id-smime-aa-timeStampToken"), "{print}");

    let mut altered = set.clone();
    let last = altered.len() - 1;
    altered[last] ^= 1;
    write(dir, "attrs.der", &altered);
    openssl_fails(dir, &pkeyutl(options));
    write(dir, "attrs.der", &set);
    (info, signed)
}

/// `openssl pkeyutl -verify -rawin` of sig.bin over attrs.der with pub.pem.
fn pkeyutl(options: &[&str]) -> Vec<String> {
    let mut args = vec!["pkeyutl", "-verify", "-rawin"];
    args.extend_from_slice(options);
    args.extend([
        "-pubin",
        "-inkey",
        "pub.pem",
        "-in",
        "attrs.der",
        "-sigfile",
        "sig.bin",
    ]);
    args.into_iter().map(str::to_owned).collect()
}

#[test]
fn a_key_that_is_not_the_certificates_is_refused() {
    let pki = pki();
    let pair = seal_key(KeyKind::EcdsaP256);
    let other = seal_key(KeyKind::EcdsaP256);
    let issued = pki
        .issue_seal_certificate(KeyKind::EcdsaP256, &pair.public_pem, "张三 ECDSA", 3, now())
        .unwrap();
    let request = CmsRequest {
        signed_parts: &PARTS,
        kind: KeyKind::EcdsaP256,
        key_pem: &other.private_pem,
        certificate_der: &issued.cert_der,
        chain_der: &[],
        signing_time: now(),
    };
    let result = sign_cms(&request, pki, now(), 1);
    assert!(
        matches!(result, Err(PkiError::NotTheCertifiedKey { .. })),
        "{result:?}"
    );
}
