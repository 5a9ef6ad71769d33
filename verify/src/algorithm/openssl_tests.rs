//! The algorithm table's checks on signatures made by OpenSSL 3
//! (`tests/pki/make.sh`: `openssl dgst -sign`, `-sigopt
//! rsa_padding_mode:pss`, `pkeyutl -rawin` for Ed25519, SM2 with and
//! without `distid:1234567812345678`), with their keys as SPKI DER.
//!
//! Decision tested here: a key of the wrong kind for the algorithm is an
//! `Err(CryptoError::KeyMismatch)`, never `Invalid`: the caller can tell
//! "the document does not match" from "this key cannot check this
//! signature".

use std::path::PathBuf;

use super::{Scheme, SignatureAlgorithm, Signed, Verification};
use crate::digest::Digests;
use crate::error::CryptoError;
use crate::hash::Hash;
use crate::key::PublicKey;

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

fn of(scheme: Scheme, hash: Hash) -> &'static SignatureAlgorithm {
    SignatureAlgorithm::of(scheme, hash).expect("in the table")
}

fn key(name: &str) -> Result<PublicKey, CryptoError> {
    PublicKey::from_spki(&bytes(&format!("{name}.pub.der")))
}

fn verify(
    name: &str,
    algorithm: &'static SignatureAlgorithm,
    message: &[&[u8]],
    signature: &[u8],
) -> Result<Verification, CryptoError> {
    algorithm.verify(&key(name)?, &Signed::Pieces(message), signature)
}

/// (key, signature file, algorithm) for every OpenSSL signature.
fn cases() -> Vec<(&'static str, String, &'static SignatureAlgorithm)> {
    let mut cases = Vec::new();
    for h in ["sha256", "sha384", "sha512"] {
        cases.push((
            "rsa",
            format!("rsa-pkcs1-{h}.sig"),
            of(Scheme::RsaPkcs1, hash(h)),
        ));
        cases.push((
            "rsa",
            format!("rsa-pss-{h}.sig"),
            of(Scheme::RsaPss, hash(h)),
        ));
        cases.push(("p256", format!("p256-{h}.sig"), of(Scheme::Ecdsa, hash(h))));
        cases.push(("p384", format!("p384-{h}.sig"), of(Scheme::Ecdsa, hash(h))));
    }
    cases.push((
        "rsa",
        "rsa-pss-sha256-salt32.sig".to_owned(),
        of(Scheme::RsaPss, Hash::Sha256),
    ));
    cases.push((
        "ed25519",
        "ed25519.sig".to_owned(),
        of(Scheme::Ed25519, Hash::Sha512),
    ));
    cases.push((
        "sm2",
        "sm2-distid.sig".to_owned(),
        of(Scheme::Sm2, Hash::Sm3),
    ));
    cases
}

#[test]
fn openssl_signatures_verify_and_a_flipped_byte_does_not() {
    let message = bytes("message.bin");
    let (head, tail) = message.split_at(333);
    for (key, file, algorithm) in cases() {
        let signature = bytes(&file);
        let verified = verify(key, algorithm, &[head, tail], &signature);
        assert_eq!(verified, Ok(Verification::Valid), "{file}");
        let mut bent = signature.clone();
        let last = bent.len() - 3;
        bent[last] ^= 0x04;
        assert_eq!(
            verify(key, algorithm, &[&message], &bent),
            Ok(Verification::Invalid),
            "{file} with a flipped byte"
        );
        let mut other = message.clone();
        other[0] ^= 1;
        assert_eq!(
            verify(key, algorithm, &[&other], &signature),
            Ok(Verification::Invalid),
            "{file} over another message"
        );
        // A signature of the wrong shape is not a signature by this key:
        // the caller decides what that is (malformed seal, bad signature).
        let shortened = verify(key, algorithm, &[&message], &signature[1..]);
        assert!(
            matches!(shortened, Ok(Verification::Invalid))
                || shortened
                    .as_ref()
                    .is_err_and(CryptoError::is_signature_shape),
            "{file} shortened: {shortened:?}"
        );
    }
}

#[test]
fn digests_from_the_table_verify_the_same_signatures() {
    let message = bytes("message.bin");
    let whole = [(0, message.len())];
    for (key_name, file, algorithm) in cases() {
        let signature = bytes(&file);
        let digests = Digests::new();
        let ranges = Signed::Ranges {
            document: &message,
            ranges: &whole,
            digests: &digests,
        };
        let key = key(key_name).expect("key");
        assert_eq!(
            algorithm.verify(&key, &ranges, &signature),
            Ok(Verification::Valid),
            "{file}"
        );
        if algorithm.hashes_the_message_itself() {
            continue;
        }
        // A wrong digest in the table makes the signature fail, never pass.
        let wrong = Digests::new();
        wrong.insert(
            algorithm.hash,
            whole.to_vec(),
            vec![7; algorithm.hash.output_len()],
        );
        let ranges = Signed::Ranges {
            document: &message,
            ranges: &whole,
            digests: &wrong,
        };
        assert_eq!(
            algorithm.verify(&key, &ranges, &signature),
            Ok(Verification::Invalid),
            "{file}"
        );
    }
}

#[test]
fn sm2_with_the_empty_id_is_valid_with_a_warning() {
    let message = bytes("message.bin");
    let signature = bytes("sm2-empty-id.sig");
    let sm2 = of(Scheme::Sm2, Hash::Sm3);
    assert_eq!(
        verify("sm2", sm2, &[&message], &signature),
        Ok(Verification::ValidWithEmptySm2Id)
    );
    let mut bent = signature.clone();
    let last = bent.len() - 3;
    bent[last] ^= 0x04;
    assert_eq!(
        verify("sm2", sm2, &[&message], &bent),
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
            of(Scheme::RsaPkcs1, Hash::Sha256),
        ),
        ("rsa", "p256-sha256.sig", of(Scheme::Ecdsa, Hash::Sha256)),
        ("sm2", "p256-sha256.sig", of(Scheme::Ecdsa, Hash::Sha256)),
        ("p256", "sm2-distid.sig", of(Scheme::Sm2, Hash::Sm3)),
        ("rsa", "ed25519.sig", of(Scheme::Ed25519, Hash::Sha512)),
        (
            "ed25519",
            "rsa-pss-sha256.sig",
            of(Scheme::RsaPss, Hash::Sha256),
        ),
    ];
    for (key, file, algorithm) in pairs {
        let verified = verify(key, algorithm, &[&message], &bytes(file));
        assert!(
            matches!(verified, Err(CryptoError::KeyMismatch { .. })),
            "{key} for {file}: {verified:?}"
        );
    }
    // A P-384 signature checked with the P-256 key reads but does not match.
    assert_eq!(
        verify(
            "p256",
            of(Scheme::Ecdsa, Hash::Sha384),
            &[&message],
            &bytes("p384-sha384.sig")
        ),
        Ok(Verification::Invalid)
    );
    for junk in [&b""[..], b"\x30\x00", b"not a key"] {
        assert!(matches!(
            PublicKey::from_spki(junk),
            Err(CryptoError::KeyStructure(_))
        ));
    }
}
