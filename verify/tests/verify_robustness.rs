//! Nothing a seal or a document holds may panic (on wasm a panic aborts
//! every control on the page): random and mutated keys and signatures, huge
//! fields, every algorithm. Deterministic pseudo-random input, so a failure
//! reproduces.

#[path = "support/rng.rs"]
mod rng;
#[path = "vectors/support.rs"]
mod support;

use base64::Engine;
use infoplus_signature_core::verdict::MalformedPart;
use infoplus_signature_core::{Seal, SealVerdict};
use rng::Rng as Noise;
use support::verify_seal;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// One good seal per algorithm, as DER bytes of key and signature.
fn originals() -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut out = Vec::new();
    for group in support::POSITIVE {
        for seal in support::signature(group).seals {
            let case = support::case(&seal);
            // Keys given as base64 DER (SPKI or certificate).
            if !case.starts_with("spki-base64") && !case.starts_with("certificate-base64") {
                continue;
            }
            let key = b64
                .decode(seal.public_key.as_deref().unwrap_or(""))
                .expect("key");
            let signature = seal.signature.as_deref().unwrap_or("");
            let signature = b64
                .decode(signature)
                .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature))
                .expect("signature");
            out.push((seal.algorithm.clone().unwrap_or_default(), key, signature));
        }
    }
    assert!(out.len() >= 5, "every algorithm has a base64 DER key case");
    out
}

fn seal(algorithm: &str, key: String, signature: String) -> Seal {
    Seal {
        algorithm: Some(algorithm.to_owned()),
        public_key: Some(key),
        signature: Some(signature),
        ..Seal::default()
    }
}

fn mutate(noise: &mut Noise, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match noise.below(4) {
        0 if !out.is_empty() => {
            let at = noise.below(out.len());
            out[at] ^= 1 << noise.below(8);
        }
        1 => out.truncate(noise.below(out.len() + 1)),
        2 => {
            let at = noise.below(out.len() + 1);
            let extra_len = 1 + noise.below(4);
            let extra = noise.bytes(extra_len);
            out.splice(at..at, extra);
        }
        _ if !out.is_empty() => {
            let at = noise.below(out.len());
            out[at] = noise.next() as u8;
        }
        _ => {}
    }
    out
}

#[test]
fn mutated_signatures_are_invalid_or_malformed() {
    let document = support::document();
    let mut noise = Noise(0x1234_5678_9abc_def1);
    for (algorithm, key, signature) in originals() {
        for _ in 0..150 {
            let changed = mutate(&mut noise, &signature);
            if changed == signature {
                continue;
            }
            let verdict = verify_seal(&seal(&algorithm, b64(&key), b64(&changed)), &document);
            assert!(
                matches!(
                    verdict,
                    SealVerdict::Invalid { .. }
                        | SealVerdict::Malformed {
                            part: MalformedPart::Signature,
                            ..
                        }
                ) || (changed.is_empty() && verdict == SealVerdict::Unsigned),
                "{algorithm} signature {}: {verdict:?}",
                hex::encode(&changed)
            );
        }
    }
}

#[test]
fn mutated_keys_never_panic() {
    let document = support::document();
    let mut noise = Noise(0x0fed_cba9_8765_4321);
    for (algorithm, key, signature) in originals() {
        for _ in 0..300 {
            let changed = mutate(&mut noise, &key);
            // Any verdict will do (a flipped bit in a certificate's own
            // signature leaves the key intact): the point is to return one.
            let verdict = verify_seal(&seal(&algorithm, b64(&changed), b64(&signature)), &document);
            if changed.is_empty() {
                assert!(matches!(
                    verdict,
                    SealVerdict::Malformed {
                        part: MalformedPart::Key,
                        ..
                    }
                ));
            }
        }
    }
}

#[test]
fn random_bytes_in_every_field_and_algorithm() {
    let mut noise = Noise(0x5eed);
    let algorithms = ["SM2withSM3", "ES256", "RS256", "PS256", "Ed25519"];
    for round in 0..400 {
        let algorithm = algorithms[round % algorithms.len()];
        let key_len = noise.below(600);
        let key = noise.bytes(key_len);
        let signature_len = [64, 70, 71, 72, 256, noise.below(300)][noise.below(6)];
        let signature = noise.bytes(signature_len);
        let key_text = match noise.below(3) {
            0 => b64(&key),
            1 => hex::encode(&key),
            _ => format!(
                "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----",
                b64(&key)
            ),
        };
        let verdict = verify_seal(&seal(algorithm, key_text, b64(&signature)), b"%PDF-1.4");
        assert!(
            !verdict.is_valid(),
            "{algorithm}: random bytes verified: {}",
            hex::encode(&key)
        );
    }
}

#[test]
fn huge_fields_are_refused_quickly() {
    let big = "A".repeat(8 * 1024 * 1024);
    let document = support::document();
    let verdict = verify_seal(&seal("SM2withSM3", big.clone(), "AAAA".into()), &document);
    assert!(
        matches!(&verdict, SealVerdict::Malformed { part: MalformedPart::Key, detail } if detail.contains("characters long")),
        "{verdict:?}"
    );
    let key = support::signature("ecdsa").seals[0]
        .public_key
        .clone()
        .expect("key");
    let verdict = verify_seal(&seal("ES256", key, big), &document);
    assert!(
        matches!(&verdict, SealVerdict::Malformed { part: MalformedPart::Signature, detail } if detail.contains("characters long")),
        "{verdict:?}"
    );
}

#[test]
fn deeply_nested_der_is_malformed() {
    // SEQUENCE inside SEQUENCE 10 000 times, with long-form lengths.
    let depth = 10_000;
    let mut der = Vec::new();
    for level in 0..depth {
        let inner = (depth - level - 1) * 4;
        der.extend([0x30, 0x82, (inner >> 8) as u8, inner as u8]);
    }
    for algorithm in ["SM2withSM3", "ES256", "RS256", "Ed25519"] {
        let verdict = verify_seal(&seal(algorithm, b64(&der), b64(&der)), b"%PDF-");
        assert!(
            matches!(
                verdict,
                SealVerdict::Malformed {
                    part: MalformedPart::Key,
                    ..
                }
            ),
            "{algorithm}: {verdict:?}"
        );
    }
}
