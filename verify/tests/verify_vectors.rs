//! The OpenSSL-made vectors (verify/tests/vectors, made by make.sh): every
//! algorithm, key form and signature encoding verifies; a changed document,
//! another key, a wrong padding or another SM2 id does not; unreadable input
//! is malformed.

#[path = "vectors/support.rs"]
mod support;

use infoplus_signature_core::verdict::MalformedPart;
use infoplus_signature_core::SealVerdict;
use infoplus_signature_verify::{verify_all, Options};
use support::verify_seal;

#[test]
fn every_algorithm_and_encoding_verifies() {
    let document = support::document();
    let mut checked = 0;
    for group in support::POSITIVE {
        for seal in support::signature(group).seals {
            let context = format!("{group}/{}", support::case(&seal));
            let expect = support::expectation(&seal);
            assert_eq!(
                expect["result"], "valid",
                "{context}: positive files hold valid cases"
            );
            let verdict = verify_seal(&seal, &document);
            support::assert_fits(&verdict, expect, &context);
            checked += 1;
        }
    }
    assert_eq!(checked, 24, "cases in the positive files");
}

#[test]
fn the_positive_files_cover_every_form() {
    let cases = |group: &str| -> Vec<String> {
        support::signature(group)
            .seals
            .iter()
            .map(support::case)
            .collect()
    };
    let has = |group: &str, needle: &str| cases(group).iter().any(|c| c.contains(needle));
    for needle in [
        "spki-pem",
        "spki-base64",
        "certificate-pem",
        "certificate-base64",
        "point-hex",
        "point-base64",
        "raw-base64",
        "raw-url-safe",
        "der-base64",
        "der-url-safe",
    ] {
        assert!(has("sm2", needle), "sm2: {needle}");
    }
    for needle in [
        "spki-pem",
        "spki-base64",
        "certificate-pem",
        "certificate-base64",
        "raw-base64",
        "raw-url-safe",
        "der-url-safe",
        "high-s",
    ] {
        assert!(has("ecdsa", needle), "ecdsa: {needle}");
    }
    for needle in ["certificate-pem", "pkcs1-pem", "url-safe"] {
        assert!(has("rsa", needle), "rsa: {needle}");
    }
    for needle in ["salt-32", "salt-max", "rsassa-pss-key"] {
        assert!(has("rsa-pss", needle), "rsa-pss: {needle}");
    }
    for needle in ["spki-pem", "spki-base64", "certificate-pem"] {
        assert!(has("ed25519", needle), "ed25519: {needle}");
    }
}

#[test]
fn a_changed_document_makes_every_seal_invalid() {
    let changed = support::changed_document();
    assert_eq!(
        changed.len(),
        support::document().len(),
        "same length, one digit differs"
    );
    for group in support::POSITIVE {
        for seal in support::signature(group).seals {
            let context = format!("{group}/{}", support::case(&seal));
            let expect = support::expectation(&seal);
            match verify_seal(&seal, &changed) {
                SealVerdict::Invalid {
                    algorithm,
                    key_fingerprint,
                    ..
                } => {
                    assert_eq!(algorithm, expect["algorithm"], "{context}");
                    assert_eq!(
                        key_fingerprint.as_deref(),
                        expect["keyFingerprint"].as_str(),
                        "{context}"
                    );
                }
                other => panic!("{context}: {other:?}"),
            }
        }
    }
}

#[test]
fn negative_cases_get_their_verdicts() {
    let document = support::document();
    let signature = support::signature("negative");
    assert!(signature.seals.len() >= 30);
    for seal in &signature.seals {
        let context = format!("negative/{}", support::case(seal));
        let verdict = verify_seal(seal, &document);
        support::assert_fits(&verdict, support::expectation(seal), &context);
    }
}

/// The words users see say what is wrong.
#[test]
fn malformed_details_name_the_problem() {
    let document = support::document();
    let signature = support::signature("negative");
    let detail = |case: &str| -> (MalformedPart, String) {
        let seal = signature
            .seals
            .iter()
            .find(|s| support::case(s) == case)
            .unwrap_or_else(|| panic!("no case {case}"));
        match verify_seal(seal, &document) {
            SealVerdict::Malformed { part, detail } => (part, detail),
            other => panic!("{case}: {other:?}"),
        }
    };
    let (part, text) = detail("mismatch/sm2-with-p256-key");
    assert_eq!(part, MalformedPart::Key);
    assert!(
        text.contains("P-256") && text.contains("SM2withSM3"),
        "{text}"
    );
    let (_, text) = detail("mismatch/ecdsa-with-sm2-key");
    assert!(
        text.contains("SM2 key") && text.contains("SHA256withECDSA"),
        "{text}"
    );
    let (_, text) = detail("key/private-key-pem");
    assert!(text.contains("PRIVATE KEY"), "{text}");
    let (_, text) = detail("key/missing");
    assert!(text.contains("privateKey"), "{text}");
    // ECDSA seals name their curve (JOSE: ES256 is P-256): the words name
    // the key's curve and the one needed (they gave the curve's OID).
    let (_, text) = detail("key/p384-for-ecdsa");
    assert!(text.contains("P-384") && text.contains("P-256"), "{text}");
    let (part, text) = detail("signature/rsa-truncated");
    assert_eq!(part, MalformedPart::Signature);
    assert!(text.contains("100 bytes") && text.contains("256"), "{text}");
    let (_, text) = detail("signature/not-base64");
    assert!(text.contains("base64"), "{text}");
}

#[test]
fn unsigned_seals_are_unsigned() {
    let signature = support::signature("unsigned");
    assert_eq!(signature.seals.len(), 2);
    for seal in &signature.seals {
        assert_eq!(
            verify_seal(seal, &support::document()),
            SealVerdict::Unsigned
        );
    }
}

#[test]
fn one_key_in_every_form_has_one_fingerprint() {
    let document = support::document();
    let fingerprints: std::collections::BTreeSet<String> = support::signature("sm2")
        .seals
        .iter()
        .map(|seal| match verify_seal(seal, &document) {
            SealVerdict::Valid(valid) => valid.key_fingerprint,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        fingerprints.len(),
        1,
        "PEM, DER, certificate and raw point: {fingerprints:?}"
    );
}

#[test]
fn whole_document_run_over_a_positive_file() {
    let signature = support::signature("sm2");
    let report = verify_all(&signature, &support::document(), &Options::default());
    assert_eq!(report.seals.len(), signature.seals.len());
    for (position, seal) in report.seals.iter().enumerate() {
        assert_eq!(seal.index, position);
        assert!(seal.verdict.is_valid(), "{seal:?}");
    }
    assert!(report.pdf.is_some(), "a PDF within the limit is inspected");
}
