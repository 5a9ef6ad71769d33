//! CMS signatures and timestamp tokens, checked by OpenSSL.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use time::macros::format_description;
use time::OffsetDateTime;

use super::{now, openssl, openssl_fails, pki, seal_key, write};
use crate::pki::{oids, sign_cms, timestamp_token, CmsRequest, KeyKind, PkiError};

/// Two pieces, like the two ranges of a PDF's /ByteRange.
const PARTS: [&[u8]; 2] = [b"%PDF-1.7 ... /Contents <", b"> ... %%EOF\n"];

struct Signed {
    cms: Vec<u8>,
    public_pem: String,
    time: OffsetDateTime,
}

fn sign(kind: KeyKind) -> Signed {
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

fn signer_info(cms: &[u8]) -> SignerInfo {
    let content_info = ContentInfo::from_der(cms).unwrap();
    let signed_data: SignedData = content_info.content.decode_as().unwrap();
    assert_eq!(signed_data.signer_infos.0.len(), 1);
    signed_data.signer_infos.0.iter().next().unwrap().clone()
}

/// The DER of the signature's timestamp token (its unsigned attribute).
fn timestamp_of(info: &SignerInfo) -> Vec<u8> {
    let attributes = info.unsigned_attrs.as_ref().expect("unsigned attributes");
    let attribute = attributes
        .iter()
        .find(|a| a.oid == oids::ID_AA_SIGNATURE_TIME_STAMP_TOKEN)
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
fn the_signature_timestamp_verifies_with_openssl_ts() {
    let dir = tempfile::tempdir().unwrap();
    for kind in [KeyKind::Sm2, KeyKind::EcdsaP256] {
        let signed = sign(kind);
        let info = signer_info(&signed.cms);
        write(dir.path(), "token.der", timestamp_of(&info));
        write(dir.path(), "roots.pem", pki().roots_pem());
        write(dir.path(), "tsa.pem", &pki().tsa.cert_pem);
        let imprint = hex::encode(Sha256::digest(info.signature.as_bytes()));
        let out = openssl(dir.path(), &ts_verify(&imprint));
        assert!(out.contains("Verification: OK"), "{out}");
        openssl_fails(dir.path(), &ts_verify(&"00".repeat(32)));

        let text = openssl(
            dir.path(),
            &["ts", "-reply", "-in", "token.der", "-token_in", "-text"],
        );
        let shown = signed
            .time
            .format(format_description!(
                "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year] GMT"
            ))
            .unwrap();
        assert!(
            text.contains(&format!("Time stamp: {shown}")),
            "{shown}\n{text}"
        );
        assert!(text.contains("Serial number: 0x03E9"), "{text}");
        assert!(
            text.contains("Policy OID: 1.3.6.1.4.1.32473.3161.1"),
            "{text}"
        );
    }
}

/// `openssl ts -verify` of token.der over the hex `digest`, trusting the
/// roots, with the TSA certificate as an untrusted intermediate.
fn ts_verify(digest: &str) -> [String; 11] {
    [
        "ts",
        "-verify",
        "-digest",
        digest,
        "-in",
        "token.der",
        "-token_in",
        "-CAfile",
        "roots.pem",
        "-untrusted",
        "tsa.pem",
    ]
    .map(str::to_owned)
}

#[test]
fn a_token_over_any_imprint_verifies_and_a_short_imprint_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let imprint = Sha256::digest(b"a document");
    let token = timestamp_token(pki(), &imprint, now(), 7).unwrap();
    write(dir.path(), "token.der", &token);
    write(dir.path(), "roots.pem", pki().roots_pem());
    write(dir.path(), "tsa.pem", &pki().tsa.cert_pem);
    let out = openssl(dir.path(), &ts_verify(&hex::encode(imprint)));
    assert!(out.contains("Verification: OK"), "{out}");
    assert!(matches!(
        timestamp_token(pki(), &imprint[..20], now(), 7),
        Err(PkiError::Build { .. })
    ));
}
