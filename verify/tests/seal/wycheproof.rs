//! Project Wycheproof's ECDSA P-256/SHA-256 cases (vectors/wycheproof), run
//! as seals: every "valid" case must be `valid`, every
//! other case `invalid` or a `malformed` signature — and nothing may panic
//! (BER lengths, negative and huge integers, r = 0, s = 0, r ≥ n, …).

use base64::Engine;
use infoplus_signature_core::verdict::MalformedPart;
use infoplus_signature_core::{Seal, SealVerdict};

use super::verify_seal;

const BLOBS: &[u8] = include_bytes!("../vectors/wycheproof/ecdsa_secp256r1_sha256.blb");

/// DER SubjectPublicKeyInfo prefix of an uncompressed P-256 key.
const P256_SPKI_PREFIX: [u8; 27] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
];

/// A coordinate as exactly 32 bytes (Wycheproof writes them as signed
/// big-endian integers: a leading zero byte, or fewer bytes).
fn coordinate(bytes: &[u8]) -> [u8; 32] {
    let trimmed: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    assert!(trimmed.len() <= 32, "coordinate wider than 32 bytes");
    let mut out = [0; 32];
    out[32 - trimmed.len()..].copy_from_slice(&trimmed);
    out
}

fn seal(x: &[u8], y: &[u8], signature: &[u8]) -> Seal {
    let mut spki = P256_SPKI_PREFIX.to_vec();
    spki.extend(coordinate(x));
    spki.extend(coordinate(y));
    let b64 = base64::engine::general_purpose::STANDARD;
    Seal {
        algorithm: Some("SHA256withECDSA".into()),
        public_key: Some(b64.encode(&spki)),
        signature: Some(b64.encode(signature)),
        ..Seal::default()
    }
}

#[test]
fn wycheproof_ecdsa_p256_sha256() {
    let blobs = blobby::parse_into_vec(BLOBS).expect("the blob file parses");
    assert_eq!(blobs.len() % 5, 0);
    let (mut valid, mut rejected, mut malformed) = (0, 0, 0);
    for (number, case) in blobs.chunks_exact(5).enumerate() {
        let [x, y, message, signature, pass] = case else {
            unreachable!("chunks of five")
        };
        let verdict = verify_seal(&seal(x, y, signature), message);
        match (pass, &verdict) {
            (&[1], SealVerdict::Valid(_)) => valid += 1,
            (&[0], SealVerdict::Invalid { .. }) => rejected += 1,
            (
                &[0],
                SealVerdict::Malformed {
                    part: MalformedPart::Signature,
                    ..
                },
            ) => malformed += 1,
            // An empty signature field is a seal not signed yet.
            (&[0], SealVerdict::Unsigned) if signature.is_empty() => malformed += 1,
            _ => panic!(
                "case {number}: expected pass={pass:?}, got {verdict:?} (signature {})",
                hex::encode(signature)
            ),
        }
    }
    println!("wycheproof: {valid} valid, {rejected} invalid, {malformed} malformed");
    // The file holds a few hundred cases; make sure they were all read and
    // that both outcomes occur.
    assert!(
        valid + rejected + malformed > 300,
        "{valid} {rejected} {malformed}"
    );
    assert!(
        valid > 50 && rejected > 20 && malformed > 50,
        "{valid} {rejected} {malformed}"
    );
}
