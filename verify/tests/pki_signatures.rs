//! `verify_message` / `verify_digest` on signatures made by OpenSSL 3
//! (`tests/pki/make.sh`: `openssl dgst -sign`, `-sigopt
//! rsa_padding_mode:pss`, `pkeyutl -rawin` for Ed25519, SM2 with and
//! without `distid:1234567812345678`), with their keys as SPKI DER.
//!
//! Decision tested here: a key of the wrong kind for the algorithm is an
//! `Err(PkiError::KeyMismatch)`, never `Invalid`: the caller can tell "the
//! document does not match" from "this key cannot check this signature".

use std::path::PathBuf;

use infoplus_signature_verify::pki::{
    verify_digest, verify_message, PkiError, SignatureAlgorithm, Verification,
};
use infoplus_signature_verify::Hash;

fn bytes(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pki/sigs")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hash(name: &str) -> Hash {
    match name {
        "sha256" => Hash::Sha256,
        "sha384" => Hash::Sha384,
        _ => Hash::Sha512,
    }
}

/// (key, signature file, algorithm) for every OpenSSL signature.
fn cases() -> Vec<(&'static str, String, SignatureAlgorithm)> {
    let mut cases = Vec::new();
    for h in ["sha256", "sha384", "sha512"] {
        cases.push((
            "rsa",
            format!("rsa-pkcs1-{h}.sig"),
            SignatureAlgorithm::RsaPkcs1(hash(h)),
        ));
        cases.push((
            "rsa",
            format!("rsa-pss-{h}.sig"),
            SignatureAlgorithm::RsaPss(hash(h)),
        ));
        cases.push((
            "p256",
            format!("p256-{h}.sig"),
            SignatureAlgorithm::Ecdsa(hash(h)),
        ));
        cases.push((
            "p384",
            format!("p384-{h}.sig"),
            SignatureAlgorithm::Ecdsa(hash(h)),
        ));
    }
    cases.push((
        "rsa",
        "rsa-pss-sha256-salt32.sig".to_owned(),
        SignatureAlgorithm::RsaPss(Hash::Sha256),
    ));
    cases.push((
        "ed25519",
        "ed25519.sig".to_owned(),
        SignatureAlgorithm::Ed25519,
    ));
    cases.push((
        "sm2",
        "sm2-distid.sig".to_owned(),
        SignatureAlgorithm::Sm2Sm3,
    ));
    cases
}

#[test]
fn openssl_signatures_verify_and_a_flipped_byte_does_not() {
    let message = bytes("message.bin");
    let (head, tail) = message.split_at(333);
    for (key, file, algorithm) in cases() {
        let spki = bytes(&format!("{key}.pub.der"));
        let signature = bytes(&file);
        let verified = verify_message(&spki, &algorithm, &[head, tail], &signature);
        assert_eq!(verified, Ok(Verification::Valid), "{file}");
        let mut bent = signature.clone();
        let last = bent.len() - 3;
        bent[last] ^= 0x04;
        assert_eq!(
            verify_message(&spki, &algorithm, &[&message], &bent),
            Ok(Verification::Invalid),
            "{file} with a flipped byte"
        );
        let mut other = message.clone();
        other[0] ^= 1;
        assert_eq!(
            verify_message(&spki, &algorithm, &[&other], &signature),
            Ok(Verification::Invalid),
            "{file} over another message"
        );
        // A signature of the wrong shape is Invalid too, not an error.
        assert_eq!(
            verify_message(&spki, &algorithm, &[&message], &signature[1..]),
            Ok(Verification::Invalid),
            "{file} shortened"
        );
    }
}

#[test]
fn precomputed_digests_verify_the_same_signatures() {
    let message = bytes("message.bin");
    for (key, file, algorithm) in cases() {
        let spki = bytes(&format!("{key}.pub.der"));
        let signature = bytes(&file);
        let Some(hash) = algorithm.hash().filter(|_| key != "sm2") else {
            assert!(matches!(
                verify_digest(&spki, &algorithm, &[0; 32], &signature),
                Err(PkiError::Unsupported(_))
            ));
            continue;
        };
        let digest = hash.digest(&[&message]);
        assert_eq!(
            verify_digest(&spki, &algorithm, &digest, &signature),
            Ok(Verification::Valid),
            "{file}"
        );
        let mut wrong = digest.clone();
        wrong[5] ^= 1;
        assert_eq!(
            verify_digest(&spki, &algorithm, &wrong, &signature),
            Ok(Verification::Invalid),
            "{file}"
        );
        assert!(verify_digest(&spki, &algorithm, &digest[1..], &signature).is_err());
    }
}

#[test]
fn sm2_with_the_empty_id_is_valid_with_a_warning() {
    let message = bytes("message.bin");
    let spki = bytes("sm2.pub.der");
    let signature = bytes("sm2-empty-id.sig");
    assert_eq!(
        verify_message(&spki, &SignatureAlgorithm::Sm2Sm3, &[&message], &signature),
        Ok(Verification::ValidWithEmptySm2Id)
    );
    let mut bent = signature.clone();
    let last = bent.len() - 3;
    bent[last] ^= 0x04;
    assert_eq!(
        verify_message(&spki, &SignatureAlgorithm::Sm2Sm3, &[&message], &bent),
        Ok(Verification::Invalid)
    );
}

#[test]
fn a_key_of_the_wrong_kind_is_an_error() {
    let message = bytes("message.bin");
    let pairs = [
        (
            "p256",
            "rsa-pkcs1-sha256.sig",
            SignatureAlgorithm::RsaPkcs1(Hash::Sha256),
        ),
        (
            "rsa",
            "p256-sha256.sig",
            SignatureAlgorithm::Ecdsa(Hash::Sha256),
        ),
        (
            "sm2",
            "p256-sha256.sig",
            SignatureAlgorithm::Ecdsa(Hash::Sha256),
        ),
        ("p256", "sm2-distid.sig", SignatureAlgorithm::Sm2Sm3),
        ("rsa", "ed25519.sig", SignatureAlgorithm::Ed25519),
        (
            "ed25519",
            "rsa-pss-sha256.sig",
            SignatureAlgorithm::RsaPss(Hash::Sha256),
        ),
    ];
    for (key, file, algorithm) in pairs {
        let verified = verify_message(
            &bytes(&format!("{key}.pub.der")),
            &algorithm,
            &[&message],
            &bytes(file),
        );
        assert!(
            matches!(verified, Err(PkiError::KeyMismatch { .. })),
            "{key} for {file}: {verified:?}"
        );
    }
    // A P-384 signature checked with the P-256 key reads but does not match.
    assert_eq!(
        verify_message(
            &bytes("p256.pub.der"),
            &SignatureAlgorithm::Ecdsa(Hash::Sha384),
            &[&message],
            &bytes("p384-sha384.sig")
        ),
        Ok(Verification::Invalid)
    );
    for junk in [&b""[..], b"\x30\x00", b"not a key"] {
        assert!(matches!(
            verify_message(junk, &SignatureAlgorithm::Ed25519, &[&message], &[0; 64]),
            Err(PkiError::Key(_))
        ));
    }
}
