//! The worker's digest plan (`verify::embedded::digest_plan`): the digests
//! it lists are exactly the ones the checks then ask for, and step 2 over
//! the plan's reading of the file answers what a fresh reading does.

#[path = "pades/support.rs"]
mod support;

use infoplus_signature_core::signature_from_str;
use infoplus_signature_verify::embedded::{
    digest_plan, verify_embedded, verify_embedded_planned, PdfOptions, ValidationTime,
};
use infoplus_signature_verify::{Digests, Hash};

fn options() -> PdfOptions {
    PdfOptions {
        roots_pem: vec![support::fixture_roots()],
        intermediates_pem: vec![],
        at: ValidationTime::Signing,
    }
}

fn fixture(name: &str) -> Vec<u8> {
    support::read(&support::dir().join(name))
}

fn no_seals(size: usize) -> infoplus_signature_core::model::Signature {
    let json = format!(
        r#"{{"id":"plan","name":"a.pdf","size":{size},"uri":"/a.pdf","mime":"application/pdf","seals":[]}}"#
    );
    signature_from_str(&json).expect("a Signature")
}

/// The embedded signatures verified without a plan or precomputed digests.
fn fresh(
    signature: &infoplus_signature_core::model::Signature,
    bytes: &[u8],
) -> infoplus_signature_verify::embedded::EmbeddedAnswer {
    verify_embedded(signature, bytes, u64::MAX, &[], &options(), &Digests::new())
}

fn pdf_json(answer: &infoplus_signature_verify::embedded::EmbeddedAnswer) -> String {
    serde_json::to_string(&answer.pdf).expect("the report serializes")
}

#[test]
fn the_whole_document_first_then_each_signatures_byte_range() {
    for (name, hash) in [("ecdsa-p256.pdf", Hash::Sha256), ("sm2-gm.pdf", Hash::Sm3)] {
        let bytes = fixture(name);
        let plan = digest_plan(&bytes, u64::MAX);
        assert_eq!(
            plan.digests[0],
            (Hash::Sha256, vec![(0, bytes.len())]),
            "{name}"
        );
        assert_eq!(plan.digests.len(), 2, "{name}: {:?}", plan.digests);
        let (planned, ranges) = &plan.digests[1];
        assert_eq!(*planned, hash, "{name}");
        // A ByteRange covering the file but the /Contents gap.
        assert_eq!(ranges.len(), 2, "{name}");
        assert_eq!((ranges[0].0, ranges[1].1), (0, bytes.len()), "{name}");
        assert!(ranges[0].1 < ranges[1].0, "{name}: {ranges:?}");
    }
}

/// Wrong values (of the right length) for every planned digest: if the
/// checks ask for exactly those (hash, ranges), each signature is found
/// altered; with the right values it stays valid.
#[test]
fn the_checks_use_the_planned_digests() {
    for name in ["ecdsa-p256.pdf", "sm2-gm.pdf", "rsa.pdf", "timestamped.pdf"] {
        let bytes = fixture(name);
        let signature = no_seals(bytes.len());
        let right = fresh(&signature, &bytes);
        assert!(
            pdf_json(&right).contains(r#""verdict":"valid""#),
            "{name}: {}",
            pdf_json(&right)
        );

        let plan = digest_plan(&bytes, u64::MAX);
        let wrong = Digests::new();
        for (hash, ranges) in &plan.digests {
            wrong.insert(*hash, ranges.clone(), vec![0; hash.output_len()]);
        }
        let answer = verify_embedded_planned(&signature, &bytes, &[], &options(), &wrong, plan);
        let text = pdf_json(&answer);
        assert!(text.contains(r#""verdict":"invalid""#), "{name}: {text}");
        assert!(text.contains(r#""integrity":"altered""#), "{name}: {text}");
    }
}

#[test]
fn the_plans_reading_gives_the_same_answer_as_a_fresh_one() {
    let expected = support::json(&support::dir().join("expected.json"));
    for file in expected
        .as_object()
        .expect("expected.json is an object")
        .keys()
    {
        let bytes = fixture(file);
        let signature = no_seals(bytes.len());
        let fresh = fresh(&signature, &bytes);
        let plan = digest_plan(&bytes, u64::MAX);
        let planned =
            verify_embedded_planned(&signature, &bytes, &[], &options(), &Digests::new(), plan);
        assert_eq!(planned, fresh, "{file}");
    }
}

#[test]
fn nothing_is_read_over_the_limit_or_in_a_non_pdf() {
    let bytes = fixture("ecdsa-p256.pdf");
    let signature = no_seals(bytes.len());
    let limit = bytes.len() as u64 - 1;
    let plan = digest_plan(&bytes, limit);
    assert_eq!(plan.digests, vec![(Hash::Sha256, vec![(0, bytes.len())])]);
    let answer =
        verify_embedded_planned(&signature, &bytes, &[], &options(), &Digests::new(), plan);
    assert_eq!(answer.pdf, None);

    let text = b"not a PDF at all".to_vec();
    let plan = digest_plan(&text, u64::MAX);
    assert_eq!(plan.digests, vec![(Hash::Sha256, vec![(0, text.len())])]);
    let answer = verify_embedded_planned(&signature, &text, &[], &options(), &Digests::new(), plan);
    assert_eq!(answer.pdf, None);
}
