//! Timestamp tokens (the signature timestamp and bare ones), checked with
//! `openssl ts`.

use sha2::{Digest, Sha256};
use time::macros::format_description;

use super::signatures::{sign, signer_info, timestamp_of};
use super::{now, openssl, openssl_fails, pki, write};
use crate::pki::{timestamp_token, KeyKind, PkiError};

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
