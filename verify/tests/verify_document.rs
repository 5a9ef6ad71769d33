//! The whole run over one document: size limit, PDF check, unsigned seals,
//! a subset of seals, and the JSON shape the control and `seal-verify` emit.

#[path = "vectors/support.rs"]
mod support;

use infoplus_signature_core::{Seal, SealVerdict, Signature, VerifyReport};
use infoplus_signature_verify::{
    report_without_document, verify_all, Document, Options, Run, DEFAULT_MAX_DOCUMENT_BYTES,
};

/// The whole run with the size limit `limit` (no roots).
fn verify_document(signature: &Signature, document: &[u8], limit: u64) -> VerifyReport {
    let options = Options {
        limit,
        ..Options::default()
    };
    verify_all(signature, document, &options)
}

/// sm2.json with an unsigned seal added at the end.
fn signature_with_unsigned_seal() -> Signature {
    let mut signature = support::signature("sm2");
    signature.seals.push(Seal::default());
    signature
}

#[test]
fn default_limit_is_20_mib() {
    assert_eq!(DEFAULT_MAX_DOCUMENT_BYTES, 20 * 1024 * 1024);
}

#[test]
fn too_large_marks_every_signed_seal_and_reads_nothing() {
    let signature = signature_with_unsigned_seal();
    let document = support::document();
    let size = document.len() as u64;
    let report = verify_document(&signature, &document, size - 1);
    let last = signature.seals.len() - 1;
    for seal in &report.seals {
        let want = if seal.index == last {
            SealVerdict::Unsigned
        } else {
            SealVerdict::TooLarge {
                limit: size - 1,
                size: Some(size),
            }
        };
        assert_eq!(seal.verdict, want, "seal {}", seal.index);
    }
    assert_eq!(report.pdf, None);
}

#[test]
fn a_document_exactly_at_the_limit_is_verified() {
    let signature = support::signature("ed25519");
    let document = support::document();
    let report = verify_document(&signature, &document, document.len() as u64);
    assert!(
        report.seals.iter().all(|s| s.verdict.is_valid()),
        "{report:?}"
    );
    assert!(report.pdf.is_some());
}

#[test]
fn not_a_pdf_marks_every_signed_seal() {
    let signature = signature_with_unsigned_seal();
    let report = verify_document(
        &signature,
        b"<html>not a pdf</html>",
        DEFAULT_MAX_DOCUMENT_BYTES,
    );
    assert_eq!(report.seals.len(), signature.seals.len());
    for seal in &report.seals[..report.seals.len() - 1] {
        assert!(
            matches!(&seal.verdict, SealVerdict::NotPdf { detail } if detail.contains("%PDF-")),
            "{seal:?}"
        );
    }
    assert_eq!(
        report.seals.last().map(|s| &s.verdict),
        Some(&SealVerdict::Unsigned)
    );
    assert_eq!(report.pdf, None);
}

#[test]
fn the_size_limit_is_checked_before_the_pdf_header() {
    let signature = support::signature("rsa");
    let report = verify_document(&signature, b"not a pdf", 3);
    assert!(report.seals.iter().all(|s| matches!(
        s.verdict,
        SealVerdict::TooLarge {
            limit: 3,
            size: Some(9)
        }
    )));
}

#[test]
fn a_subset_of_seals_in_the_order_asked() {
    // The worker's step 1 over the seals it was asked for.
    let signature = signature_with_unsigned_seal();
    let unsigned = signature.seals.len() - 1;
    let document = support::document();
    let document = Document::read(&document, DEFAULT_MAX_DOCUMENT_BYTES);
    let run = Run::new(&document, &signature, &Options::default());
    let report = run.seals(&[unsigned, 2, 99, 0]);
    let indices: Vec<usize> = report.seals.iter().map(|s| s.index).collect();
    assert_eq!(indices, [unsigned, 2, 0], "index 99 names no seal");
    assert_eq!(report.seals[0].verdict, SealVerdict::Unsigned);
    assert!(report.seals[1].verdict.is_valid());
    assert!(report.seals[2].verdict.is_valid());
}

#[test]
fn a_pdf_with_only_unsigned_seals_is_still_inspected() {
    let signature = support::signature("unsigned");
    let report = verify_document(&signature, &support::document(), DEFAULT_MAX_DOCUMENT_BYTES);
    assert!(report
        .seals
        .iter()
        .all(|s| s.verdict == SealVerdict::Unsigned));
    assert!(report.pdf.is_some());
}

#[test]
fn report_json_shape() {
    let signature = support::signature("sm2");
    let report = verify_document(&signature, &support::document(), DEFAULT_MAX_DOCUMENT_BYTES);
    let json = serde_json::to_value(&report).expect("serializes");
    let first = &json["seals"][0];
    assert_eq!(first["index"], 0);
    assert_eq!(first["result"], "valid");
    assert_eq!(first["algorithm"], "SM2withSM3");
    assert_eq!(first["signerAllowed"], true);
    assert!(first["keyFingerprint"]
        .as_str()
        .is_some_and(|f| f.len() == 64));
    assert!(
        first.get("certificate").is_some(),
        "null when no certificate: {first}"
    );
    let with_certificate = &json["seals"][2]["certificate"];
    for field in ["subject", "issuer", "notBefore", "notAfter"] {
        assert!(
            with_certificate[field].is_string(),
            "{field} in {with_certificate}"
        );
    }
    assert!(json["pdf"]["status"].is_string(), "{}", json["pdf"]);

    let too_large = verify_document(&signature, &support::document(), 10);
    let json = serde_json::to_value(&too_large).expect("serializes");
    assert_eq!(
        json["seals"][0],
        serde_json::json!({
            "index": 0,
            "result": "too-large",
            "limit": 10,
            "size": support::document().len(),
        })
    );
    assert_eq!(json["pdf"], serde_json::Value::Null);
}

#[test]
fn a_report_without_the_document() {
    let signature = signature_with_unsigned_seal();
    let reason = SealVerdict::Unavailable {
        reason: "HTTP 404".into(),
    };
    let report = report_without_document(&signature, reason.clone());
    assert_eq!(report.seals.len(), signature.seals.len());
    let (unsigned, signed) = report.seals.split_last().expect("seals");
    assert!(signed.iter().all(|s| s.verdict == reason));
    assert_eq!(unsigned.verdict, SealVerdict::Unsigned);
    assert_eq!(report.pdf, None);
}

/// The digests the worker precomputes (WebCrypto) change nothing when they
/// are right, and can only make a seal fail when they are wrong.
mod precomputed_digests {
    use super::support;
    use infoplus_signature_core::{SealVerdict, Signature, VerifyReport};
    use infoplus_signature_verify::{Document, Hash, Options, Run, DEFAULT_MAX_DOCUMENT_BYTES};

    fn every(signature: &Signature) -> Vec<usize> {
        (0..signature.seals.len()).collect()
    }

    /// Step 1 of a run over every seal, with the whole document's SHA-256
    /// given as `sha256` when there is one (as the worker inserts it).
    fn seals_with(signature: &Signature, document: &[u8], sha256: Option<Vec<u8>>) -> VerifyReport {
        let read = Document::read(document, DEFAULT_MAX_DOCUMENT_BYTES);
        let run = Run::new(&read, signature, &Options::default());
        if let Some(value) = sha256 {
            run.digests()
                .insert(Hash::Sha256, vec![(0, document.len())], value);
        }
        run.seals(&every(signature))
    }

    #[test]
    fn the_right_digest_gives_the_same_verdicts() {
        let document = support::document();
        for group in support::POSITIVE {
            let signature = support::signature(group);
            let right = Hash::Sha256.digest(&[&document]);
            let with = seals_with(&signature, &document, Some(right));
            let without = seals_with(&signature, &document, None);
            assert_eq!(with, without, "{group}");
            assert!(
                with.seals.iter().all(|s| s.verdict.is_valid()),
                "{group}: {with:?}"
            );
        }
    }

    /// The SHA-256 of the changed document, given as the digest of the
    /// original: the ECDSA and RSA seals (made over the original) must come
    /// out `invalid`, SM2 and Ed25519 (which hash the bytes themselves) stay
    /// valid.
    #[test]
    fn a_wrong_digest_in_the_table_never_makes_a_seal_valid() {
        let document = support::document();
        let wrong = Hash::Sha256.digest(&[&support::changed_document()]);
        for group in support::POSITIVE {
            let signature = support::signature(group);
            let report = seals_with(&signature, &document, Some(wrong.clone()));
            let hashes_itself = matches!(group, "sm2" | "ed25519");
            for seal in &report.seals {
                if hashes_itself {
                    assert!(seal.verdict.is_valid(), "{group}: {seal:?}");
                } else {
                    assert!(
                        matches!(seal.verdict, SealVerdict::Invalid { .. }),
                        "{group}: {seal:?}"
                    );
                }
            }
        }
    }

    /// A digest of the right length and the wrong value (all zeros) is
    /// `invalid`, never `valid` nor `malformed`.
    #[test]
    fn a_zero_digest_is_invalid() {
        let document = support::document();
        for group in ["ecdsa", "rsa", "rsa-pss"] {
            let signature = support::signature(group);
            let report = seals_with(&signature, &document, Some(vec![0; 32]));
            assert!(!report.seals.is_empty());
            for seal in &report.seals {
                assert!(
                    matches!(seal.verdict, SealVerdict::Invalid { .. }),
                    "{group}: {seal:?}"
                );
            }
        }
    }

    /// A digest of the wrong length is not taken: the core hashes itself.
    #[test]
    fn a_digest_of_the_wrong_length_is_ignored() {
        let document = support::document();
        let signature = support::signature("ecdsa");
        let report = seals_with(&signature, &document, Some(vec![0; 31]));
        assert!(
            report.seals.iter().all(|s| s.verdict.is_valid()),
            "{report:?}"
        );
    }
}
